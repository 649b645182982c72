#!/usr/bin/env node
// Scores answer sets with quiz/quiz.js's own functions, for tests/test_quiz.py:
//   node tests/quiz_harness.js <data.json> <answer-sets.json>   -> JSON results on stdout
"use strict";
const fs = require("fs");
const path = require("path");
const quiz = require(path.join(__dirname, "..", "quiz", "quiz.js"));
const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const sets = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const out = sets.map((set) => {
  const result = quiz.score(data, set.answers);
  const code = quiz.encode(data, set);
  const back = quiz.decode(data, code);
  return { ...result, code, roundTrip: JSON.stringify(back.answers) === JSON.stringify(set.answers) && back.priority === (set.priority || null) };
});
const hostile = JSON.parse(fs.readFileSync(process.argv[4] || "/dev/null", "utf8") || "[]");
const decoded = hostile.map((text) => {
  try { return quiz.decode(data, text) === null && quiz.codeFromHash(text) !== undefined && [null, "all", "step", "workshop"].includes(quiz.modeFromHash(text)) && quiz.readStored(text, data) !== undefined ? "ok" : "accepted"; }
  catch (e) { return "threw: " + e.message; }
});
process.stdout.write(JSON.stringify({ results: out, hostile: decoded }));
