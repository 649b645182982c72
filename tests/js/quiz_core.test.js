// The quiz's pure core (quiz/core.js) in Node: node --test tests/js/
// Real data comes from the Python renderer (hooks/handbook/quiz_page.py:quiz_data), so these tests
// see exactly what the page's JSON block holds; small hand-made question sets test the codec's
// promises about added, moved and retired questions.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const { execFileSync } = require("node:child_process");
const core = require(path.join(__dirname, "..", "..", "quiz", "core.js"));

const ROOT = path.join(__dirname, "..", "..");
const PYTHON = process.env.PYTHON || (fs.existsSync(path.join(ROOT, ".venv", "bin", "python")) ? path.join(ROOT, ".venv", "bin", "python") : "python3");
const DATA = JSON.parse(execFileSync(PYTHON, ["-c", "import json; from handbook.loader import load; from handbook.quiz_page import quiz_data; print(json.dumps(quiz_data(load('content_data'), 'en')))"], {
  cwd: ROOT, env: { ...process.env, PYTHONPATH: path.join(ROOT, "hooks") }, encoding: "utf8",
}));
const QUESTIONS = core.questionsOf(DATA).map((x) => x.q);

function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 4294967296; };
}
function allAnswered(pick, stage = "live") {
  const answers = {};
  QUESTIONS.forEach((q, i) => { answers[q.id] = pick(q, i); });
  return { priority: "cost", stage, answers };
}
const top = (q) => q.scores.length - 1;

test("one answer gives no score and no level, and says what is missing", () => {
  const r = core.score(DATA, { priority: "cost", stage: "live", answers: { [QUESTIONS[0].id]: top(QUESTIONS[0]) } });
  assert.equal(r.complete, false);
  assert.equal(r.level, null);
  assert.equal(r.overall, null);
  assert.equal(r.totals.answered, 1);
  assert.equal(r.missing.length, DATA.dimensions.length);
  assert.equal(r.firstOpen, QUESTIONS[1].id);
});

test("without the stage there is no result, even with every question answered", () => {
  const state = allAnswered((q) => top(q), null);
  assert.equal(core.score(DATA, state).complete, false);
  assert.equal(core.score(DATA, { ...state, stage: "live" }).complete, true);
});

test("all top answers reach the top level; all lowest answers the first", () => {
  assert.equal(core.score(DATA, allAnswered((q) => top(q))).level, DATA.levels.length - 1);
  assert.equal(core.score(DATA, allAnswered(() => 0)).level, 0);
});

test("'don't know' never raises any score or the level", () => {
  const random = rng(42);
  for (let round = 0; round < 300; round += 1) {
    const state = allAnswered((q) => Math.floor(random() * q.scores.length), random() < 0.3 ? "pre-launch" : "live");
    const before = core.score(DATA, state);
    const q = QUESTIONS[Math.floor(random() * QUESTIONS.length)];
    const after = core.score(DATA, { ...state, answers: { ...state.answers, [q.id]: "dk" } });
    for (const d of DATA.dimensions) {
      const b = before.dimensions[d.id];
      const a = after.dimensions[d.id];
      if (a.score !== null && b.score !== null) assert.ok(a.score <= b.score + 1e-9, `${d.id}: ${a.score} > ${b.score}`);
    }
    if (after.complete) {
      assert.ok(before.complete);
      assert.ok(after.overall <= before.overall + 1e-9);
      assert.ok(after.level <= before.level);
    }
  }
});

test("a dimension answered mostly 'don't know' is unknown, and there is no overall result", () => {
  const d = DATA.dimensions.find((x) => x.questions.length === 3);
  const state = allAnswered((q) => top(q));
  d.questions.slice(0, 2).forEach((q) => { state.answers[q.id] = "dk"; });
  const r = core.score(DATA, state);
  assert.equal(r.dimensions[d.id].status, "mostly-dont-know");
  assert.equal(r.dimensions[d.id].score, null);
  assert.equal(r.complete, false);
  assert.deepEqual(r.missing, [d.id]);
});

test("coverage is reported per dimension", () => {
  const d = DATA.dimensions.find((x) => x.questions.length === 3);
  const state = allAnswered((q) => top(q));
  state.answers[d.questions[2].id] = "dk";
  const c = core.score(DATA, state).dimensions[d.id];
  assert.deepEqual([c.applicable, c.answered, c.dontKnow, c.status], [3, 2, 1, "scored"]);
  assert.ok(Math.abs(c.score - 200 / 3) < 1e-9);
});

test("a failing dimension caps the level at one above it", () => {
  const weak = DATA.dimensions[DATA.dimensions.length - 1];
  const state = allAnswered((q) => (weak.questions.includes(q) ? 0 : top(q)));
  const r = core.score(DATA, state);
  assert.ok(r.overall >= DATA.levels[DATA.levels.length - 1].min, "the average alone would be the top level");
  assert.equal(r.scoreLevel, DATA.levels.length - 1);
  assert.equal(r.level, 1);
  assert.deepEqual(r.cappedBy, [weak.id]);
});

test("the weakest areas: the three lowest below the top, every area tied with the third, none at the top or when all tie", () => {
  const dims = DATA.dimensions;
  const lowest = (ids) => allAnswered((q) => (ids.some((d) => d.questions.includes(q)) ? 0 : top(q)));
  // Four areas tied at the bottom: all four are named, in page order, none is cut by page order.
  const four = dims.slice(-4);
  assert.deepEqual(core.score(DATA, lowest(four)).weakest, four.map((d) => d.id));
  // Two at the bottom: only those two (the rest are at the top, so none of them is "weak").
  assert.deepEqual(core.score(DATA, lowest(dims.slice(0, 2))).weakest, dims.slice(0, 2).map((d) => d.id));
  // Every area at the top: no weakest areas.
  assert.deepEqual(core.score(DATA, allAnswered((q) => top(q))).weakest, []);
  // Every area at the same score below the top: none lags behind the others, so none is named.
  assert.deepEqual(core.score(DATA, allAnswered(() => 0)).weakest, []);
  // All but one tied at the bottom: those are named, the one above them is not.
  const allButOne = dims.slice(1);
  assert.deepEqual(core.score(DATA, lowest(allButOne)).weakest, allButOne.map((d) => d.id));
});

test("before go-live, after-launch questions do not apply and the result is a readiness result", () => {
  const after = QUESTIONS.filter((q) => q.afterLaunch);
  assert.ok(after.length > 0, "some questions are marked after_launch");
  const state = allAnswered((q) => (q.afterLaunch ? undefined : top(q)), "pre-launch");
  QUESTIONS.forEach((q) => { if (q.afterLaunch) delete state.answers[q.id]; });
  const r = core.score(DATA, state);
  assert.equal(r.complete, true);
  assert.equal(r.kind, "readiness");
  assert.equal(r.totals.notApplicable, after.length);
  const live = core.score(DATA, { ...state, stage: "live" });
  assert.equal(live.complete, false, "the same answers are not enough for a live CRM");
  assert.equal(live.kind, "maturity");
});

test("share codes round-trip and carry priority and stage", () => {
  const random = rng(7);
  for (let round = 0; round < 200; round += 1) {
    const answers = {};
    QUESTIONS.forEach((q) => {
      const x = random();
      if (x < 0.1) answers[q.id] = "dk";
      else if (x < 0.8) answers[q.id] = Math.floor(random() * q.scores.length);
    });
    const state = { priority: ["cost", "experience", "revenue", null][round % 4], stage: ["live", "pre-launch", null][round % 3], answers };
    const back = core.decode(DATA, core.encode(DATA, state));
    assert.deepEqual(back.answers, answers);
    assert.equal(back.priority, state.priority);
    assert.equal(back.stage, state.stage);
    assert.deepEqual(back.dropped, []);
    assert.equal(back.added, 0);
  }
});

/* A small quiz of its own, to change the question set the way an author would. */
function smallQuiz(dimensions, ledger) {
  return {
    codec: DATA.codec, storage: DATA.storage, modes: DATA.modes, levels: DATA.levels, cases: DATA.cases,
    ledger: ledger.map((id) => (typeof id === "string" ? { id, retired: false } : id)),
    dimensions: dimensions.map((qs, i) => ({ id: "d" + i, number: i + 1, title: "D" + i, href: "#", causes: [], indicator: null, questions: qs.map((id) => ({ id, scores: [0, 1, 2, 3, 4], afterLaunch: false })) })),
  };
}

test("a link made before questions were added, moved or retired keeps the answers that still apply", () => {
  const before = smallQuiz([["a", "b"], ["c", "d"]], ["a", "b", "c", "d"]);
  const code = core.encode(before, { priority: "revenue", stage: "live", answers: { a: 1, b: 2, c: 3, d: "dk" } });
  // Questions reordered and moved between dimensions: every answer stays with its question.
  const moved = smallQuiz([["d", "a"], ["c", "b"]], ["a", "b", "c", "d"]);
  assert.deepEqual(core.decode(moved, code).answers, { a: 1, b: 2, c: 3, d: "dk" });
  // A question added (at the end of the ledger): the old link opens, and says one is new.
  const added = smallQuiz([["a", "b", "e"], ["c", "d"]], ["a", "b", "c", "d", "e"]);
  const x = core.decode(added, code);
  assert.deepEqual(x.answers, { a: 1, b: 2, c: 3, d: "dk" });
  assert.equal(x.added, 1);
  assert.equal(x.priority, "revenue");
  // A question retired and replaced: its answer is dropped and reported, never misassigned.
  const retired = smallQuiz([["a", "b"], ["c", "d2"]], ["a", "b", "c", { id: "d", retired: true }, "d2"]);
  const y = core.decode(retired, code);
  assert.deepEqual(y.answers, { a: 1, b: 2, c: 3 });
  assert.deepEqual(y.dropped, ["d"]);
  assert.equal(y.added, 1);
  // A question that lost options: an answer beyond them is dropped, not the whole link.
  const shorter = smallQuiz([["a", "b"], ["c", "d"]], ["a", "b", "c", "d"]);
  shorter.dimensions[1].questions[0].scores = [0, 1, 2];
  assert.deepEqual(core.decode(shorter, code).dropped, ["c"]);
});

test("version 1 links and stored values (before the ledger) still open, through the ledger", () => {
  const v1Length = DATA.codec.legacy["1"];
  const ids = DATA.ledger.slice(0, v1Length).map((s) => s.id);
  const byId = Object.fromEntries(QUESTIONS.map((q) => [q.id, q]));
  const chars = ids.map((id, i) => (i % 7 === 0 ? "x" : i % 5 === 0 ? "-" : String(i % (byId[id] ? byId[id].scores.length : 4))));
  const v1 = "1.e" + chars.join("");
  const back = core.decode(DATA, v1);
  assert.ok(back, "a version 1 code decodes");
  assert.equal(back.priority, "experience");
  assert.equal(back.stage, null);
  ids.forEach((id, i) => {
    if (!byId[id] || DATA.ledger[i].retired) return;
    const expect = chars[i] === "x" ? "dk" : chars[i] === "-" ? undefined : Number(chars[i]);
    assert.equal(back.answers[id], expect, id);
  });
  assert.equal(back.added, QUESTIONS.length - ids.filter((id) => byId[id]).length);

  const stored = core.readStored(DATA, JSON.stringify({ code: v1, mode: "step", history: [{ t: "2026-01-02T03:04:05.000Z", code: v1 }, { t: "nonsense", code: v1 }, 5] }));
  assert.equal(stored.migrated, true);
  assert.equal(stored.mode, "step");
  assert.equal(stored.code, core.encode(DATA, back));
  assert.equal(stored.history.length, 1);
  assert.equal(stored.lost, 2, "unreadable entries are counted, not dropped silently");
  const retired = ids.filter((id, i) => (DATA.ledger[i].retired || !byId[id]) && chars[i] !== "-").length;
  assert.ok(retired > 0, "the ledger has retired questions that version 1 answered");
  assert.equal(stored.dropped, retired, "answers to retired questions are counted for the page to say so");
  const again = core.readStored(DATA, core.writeStored(DATA, stored));
  assert.equal(again.migrated, false);
  assert.equal(again.code, stored.code);
  assert.deepEqual(again.history, stored.history);
});

test("targets are kept only for real dimensions and levels", () => {
  const stored = core.readStored(DATA, JSON.stringify({ schema: 2, code: null, targets: { [DATA.dimensions[0].id]: 3, nope: 2, [DATA.dimensions[1].id]: 99, __proto__: { x: 1 } }, history: [] }));
  assert.deepEqual(stored.targets, { [DATA.dimensions[0].id]: 3 });
});

test("the plan closes each gap with actions from the content, weakest dimensions first", () => {
  const weak = DATA.dimensions[2];
  const state = allAnswered((q) => (weak.questions.includes(q) ? 0 : 2));
  const r = core.score(DATA, state);
  const actions = core.plan(DATA, state, r, {});
  assert.equal(actions[0].kind, "case");
  const first = actions.filter((a) => a.phase === 0 && a.dimension);
  assert.ok(first.length && first.every((a) => a.dimension === weak.id), "the weakest dimension starts");
  for (const a of actions.filter((x) => x.kind === "question")) {
    const q = QUESTIONS.find((x) => x.id === a.question);
    assert.ok(a.option > state.answers[q.id] && a.option < q.scores.length);
  }
  assert.ok(actions.every((a, i) => i === 0 || actions[i - 1].phase <= a.phase), "in phase order");
  // Every indicator action has an indicator to show (the strategy dimension has no checklist step).
  const everything = core.plan(DATA, state, r, Object.fromEntries(DATA.dimensions.map((d) => [d.id, DATA.levels.length - 1])));
  assert.ok(everything.filter((a) => a.kind === "indicator").every((a) => DATA.dimensions.find((d) => d.id === a.dimension).indicator));
  assert.ok(everything.some((a) => a.dimension === DATA.dimensions.find((d) => !d.indicator).id), "the strategy dimension gets actions too");
  // A target equal to today's level asks for nothing in that dimension.
  const same = Object.fromEntries(DATA.dimensions.map((d) => [d.id, r.dimensions[d.id].level]));
  assert.deepEqual(core.plan(DATA, state, r, same).filter((a) => a.dimension), []);
  // A higher target asks for more.
  const higher = Object.fromEntries(DATA.dimensions.map((d) => [d.id, DATA.levels.length - 1]));
  assert.ok(core.plan(DATA, state, r, higher).length > actions.length);
  // No priority: the first action is choosing one.
  assert.equal(core.plan(DATA, { ...state, priority: null }, r, {})[0].kind, "priority");
  // No plan for a non-result.
  assert.deepEqual(core.plan(DATA, { answers: {} }, core.score(DATA, { answers: {} }), {}), []);
});

test("tampered codes, hashes and stored values never throw", () => {
  const random = rng(99);
  const alphabet = "0123456789x-.cerlp<>\"'&#%=;/\\ \u200c\u0000abcA{}[]";
  const texts = ["", "2.", "2.c", "2.cl", "9.cl00", "1.c", "__proto__", "2.cl" + "9".repeat(DATA.ledger.length), "2.zl0", "2.c" + "0".repeat(DATA.ledger.length + 5), "%E0%A4%A", "#answers=%ZZ", "null", "[]", "{\"schema\": 99}", "{\"code\": 5}", "\u0000".repeat(50), "9".repeat(100000)];
  for (let i = 0; i < 3000; i += 1) {
    let s = random() < 0.5 ? "2." : "";
    const len = Math.floor(random() * 60);
    for (let j = 0; j < len; j += 1) s += alphabet[Math.floor(random() * alphabet.length)];
    texts.push(s);
  }
  for (const text of texts) {
    const decoded = core.decode(DATA, text);
    if (decoded) {
      assert.equal(typeof decoded.answers, "object");
      for (const [id, a] of Object.entries(decoded.answers)) {
        const q = QUESTIONS.find((x) => x.id === id);
        assert.ok(q && (a === "dk" || (Number.isInteger(a) && a >= 0 && a < q.scores.length)));
      }
    }
    core.codeFromHash(text);
    core.modeFromHash(DATA, text);
    const stored = core.readStored(DATA, text);
    assert.ok(stored && Array.isArray(stored.history));
    core.score(DATA, decoded || { answers: {} });
  }
});

test("wholeNumber writes 0-999 as Intl.NumberFormat does in each language, and leaves the rest to it", () => {
  const registry = JSON.parse(execFileSync(PYTHON, ["-c", "import json; from handbook.languages import REGISTRY; print(json.dumps([[l.intl_locale, l.digits] for l in REGISTRY]))"], {
    cwd: ROOT, env: { ...process.env, PYTHONPATH: path.join(ROOT, "hooks") }, encoding: "utf8",
  }));
  assert.equal(registry.length, 3);
  for (const [locale, digits] of registry) {
    const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const values = [];
    for (let i = 0; i < 1000; i += 1) values.push(i, i + 0.5, i + 0.49999, i + 1 / 3);
    for (const v of values) {
      const text = core.wholeNumber(v, digits);
      if (v < 999.5) assert.equal(text, intl.format(v), `${locale} ${v}`);
      else assert.equal(text, null, `${locale} ${v}`);
    }
    for (const v of [1000, 12345, -1, -0, -0.4, NaN, Infinity, "5", null, undefined]) assert.equal(core.wholeNumber(v, digits), null, `${locale} ${v}`);
  }
  assert.equal(core.wholeNumber(5, "0123"), null, "a digit string that is not ten digits");
});
