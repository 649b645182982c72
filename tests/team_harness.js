#!/usr/bin/env node
// Reads pasted texts with quiz/team.js, for tests/test_team.py (handbook/team.py is the oracle):
//   node tests/team_harness.js <data.json> <texts.json>   -> JSON results on stdout
"use strict";
const fs = require("fs");
const path = require("path");
const team = require(path.join(__dirname, "..", "quiz", "team.js"));
const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const texts = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const started = process.hrtime.bigint();
// Each entry: a pasted text, or [text, the stage the team agreed on], or {file: a file's text}.
const out = texts.map((entry) => {
  if (entry && typeof entry === "object" && !Array.isArray(entry)) return { file: team.readFileText(data, entry.file) };
  const [text, stage] = Array.isArray(entry) ? entry : [entry, undefined];
  const read = team.respondents(data, text);
  return {
    respondents: read.respondents.map((p) => ({ name: p.name, code: p.code })),
    skipped: read.skipped.map((s) => [s.line, s.reason, s.text]),
    team: team.aggregate(data, read.respondents, stage),
  };
});
// The benchmark the issue asks for: a hundred respondents read and put together.
const hundred = texts.find((text) => typeof text === "string" && text.split("\n").length === 100);
let hundredMs = null;
if (hundred) {
  const t = process.hrtime.bigint();
  team.aggregate(data, team.respondents(data, hundred).respondents);
  hundredMs = Number(process.hrtime.bigint() - t) / 1e6;
}
process.stdout.write(JSON.stringify({ results: out, hundredMs, totalMs: Number(process.hrtime.bigint() - started) / 1e6 }));
