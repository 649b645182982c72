// The search analysers (docs/assets/javascripts/lunr/min/lunr.fold.min.js) in Node, with a
// stand-in for the few lunr pieces they touch. The worker uses Material's own lunr; what the
// reader finds is measured end to end by tests/test_search_browser.py and `make bench`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { execFileSync } = require("node:child_process");

const ROOT = path.join(__dirname, "..", "..");
const FILE = path.join(ROOT, "docs", "assets", "javascripts", "lunr", "min", "lunr.fold.min.js");
const PYTHON = process.env.PYTHON || (fs.existsSync(path.join(ROOT, ".venv", "bin", "python")) ? path.join(ROOT, ".venv", "bin", "python") : "python3");

function load(stemmer) {
  class Token {
    constructor(str) { this.str = str; }
    toString() { return this.str; }
    update(fn) { this.str = fn(this.str); return this; }
    clone(fn) { return new Token(fn ? fn(this.str) : this.str); }
  }
  const lunr = { Token, Pipeline: { registerFunction() {} }, stemmer: stemmer || null };
  const context = { lunr };
  vm.runInNewContext(fs.readFileSync(FILE, "utf8"), context);
  return lunr;
}

const SEP = /[\s\-\u060C\u061B\u061F\u00AB\u00BB.,:;!?()[\]"'/]+/;

test("folding: Arabic-keyboard letters, ZWNJ, diacritics and digits", () => {
  const { fold } = load();
  assert.equal(fold.normalize("مشتري"), fold.normalize("مشتری"));
  assert.equal(fold.normalize("سازمان\u200cها"), "سازمانها");
  assert.equal(fold.normalize("الإدارة"), fold.normalize("الادارہ".replace("ہ", "ة")));
  assert.equal(fold.normalize("۳۶۰ و ٣٦٠"), "360 و 360");
});

test("a word is searched as typed (weight 10) and in lighter forms (weight 3)", () => {
  const { fold } = load();
  assert.equal(fold.query("شاخص\u200cها", "fa", SEP), "شاخصها*^10 شاخص*^3");
  assert.equal(fold.query("سلطانلو", "fa", SEP), "سلطانلو*^10");
  const ar = fold.query("للعملاء", "ar", SEP).split(" ");
  assert.deepEqual(ar, ["للعملاء*^10", "عملاء*^3"]);
  assert.ok(fold.query("التسرب", "ar", SEP).includes("تسرب*^3"));
  assert.ok(fold.query("المؤشرات", "ar", SEP).split(" ").includes("موشر*^3"));
});

test("words that mean nothing alone are dropped, unless nothing else was typed", () => {
  const { fold } = load();
  assert.equal(fold.query("تجربه ی مشتری", "fa", SEP).split(" ").filter((t) => t.startsWith("ی*")).length, 0);
  assert.equal(fold.query("why crm fails", "en", SEP).split(" ")[0], "crm*^10");
  assert.equal(fold.query("و", "fa", SEP), "و*^10");
});

test("English: brackets are not part of a word, British spelling and stems are searched too", () => {
  const stem = (token) => token.update((w) => w.replace(/(ation|ed|ing|s)$/, ""));
  const { fold } = load(stem);
  assert.equal(fold.query("(NPS)", "en", SEP), "nps*^10");
  assert.ok(fold.query("organization", "en", SEP).split(" ").includes("organisation*^3"));
  assert.ok(fold.query("behavior", "en", SEP).split(" ").includes("behaviour*^3"));
  assert.ok(fold.query("churned", "en", SEP).split(" ").includes("churn*^3"));
});

test("what lunr would read as syntax is taken as text", () => {
  const { fold } = load();
  for (const q of ["crm*", "+nps", "title:crm", "a^2", "~x", "***", "", "a \\ b", "\\"]) {
    const out = fold.query(q, "en", SEP);
    for (const term of out.split(" ").filter(Boolean)) assert.match(term, /^[^*^~:+]+\*\^(10|3)$/, `${q} -> ${out}`);
  }
});

test("one-letter particles are stripped only when the rest is a word of the index", () => {
  const { fold } = load();
  assert.ok(!fold.query("بطاقة", "ar", SEP).split(" ").some((t) => t.startsWith("طاقه")), "no index known: بطاقة stays whole");
  fold.learn([{ title: "", text: "<p>طاقه العملاء</p>" }], SEP, "ar");
  assert.ok(fold.query("وطاقة", "ar", SEP).split(" ").includes("طاقه*^3"));
  assert.ok(!fold.query("ولاء", "ar", SEP).split(" ").some((t) => t.startsWith("لاء")));
  assert.equal(fold.normalize("۵۰٪"), "50%");
});

test("a hyphenated word the index has as one word is searched as that word, not as its parts", () => {
  const { fold } = load();
  fold.learn([{ title: "", text: "<p>Email and mail merge; follow up</p>" }], SEP, "en");
  assert.deepEqual(fold.query("e-mail", "en", SEP).split(" ").filter((t) => t.endsWith("^10")), ["email*^10"]);
  const followUp = fold.query("follow-up", "en", SEP).split(" ");
  assert.ok(followUp.includes("follow*^10") && followUp.includes("up*^10"), "not a word of the index: its parts");
});

test("the Python tools fold letters as the search does (handbook.search.fold), character by character", () => {
  const { fold } = load();
  // Every character of the Arabic block, the joiners, Arabic-Indic and Persian digits, Latin.
  const chars = [];
  for (let c = 0x0600; c <= 0x06ff; c++) chars.push(String.fromCharCode(c));
  chars.push("\u200c", "\u200d", "A", "a", "0", "9", "%", "\u00ab", "\u00bb");
  const python = JSON.parse(execFileSync(PYTHON, ["-c", "import json, sys; from handbook.search import fold; print(json.dumps([fold(c) for c in json.load(sys.stdin)]))"], {
    cwd: ROOT, env: { ...process.env, PYTHONPATH: path.join(ROOT, "hooks") }, encoding: "utf8", input: JSON.stringify(chars),
  }));
  const differ = chars.filter((ch, i) => python[i] !== fold.normalize(ch)).map(ch => "U+" + ch.charCodeAt(0).toString(16).padStart(4, "0"));
  assert.deepEqual(differ, [], "handbook.search.fold and lunr.fold.normalize differ");
  assert.equal(fold.normalize("مشتري\u200cها ٣٦٠"), "مشتریها 360"); // the list is not empty by accident
});
