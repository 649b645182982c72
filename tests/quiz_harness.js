#!/usr/bin/env node
// Scores answer sets with quiz/core.js, for tests/test_quiz.py (the Python reference is the oracle):
//   node tests/quiz_harness.js <data.json> <answer-sets.json>   -> JSON results on stdout
"use strict";
const fs = require("fs");
const path = require("path");
const core = require(path.join(__dirname, "..", "quiz", "core.js"));
const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const sets = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const out = sets.map((set) => {
  const result = core.score(data, set);
  const code = core.encode(data, set);
  const back = core.decode(data, code);
  const same = (a, b) => Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);
  const roundTrip = same(back.answers, set.answers) && back.priority === (set.priority || null) && back.stage === (set.stage || null);
  return { ...result, code, roundTrip };
});
process.stdout.write(JSON.stringify({ results: out }));
