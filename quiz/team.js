/*
 * Team assessment (issue 18): several respondents' result links put together. The browser's
 * side of hooks/handbook/team.py, which is the reference (its docstring gives the rules;
 * tests/test_team.py compares both on a table of teams and on fuzzed text). Pure functions,
 * no DOM: Node runs them as they are. Scoring and share codes are quiz/core.js's.
 */
(function (root) {
  "use strict";

  var core = typeof module !== "undefined" && module.exports ? require("./core.js") : root.HandbookQuizCore;

  var MAX_LINE = 2000; /* UTF-16 code units */
  /* Line breaks as Python's str.splitlines() knows them (the reference splits the same way). */
  // eslint-disable-next-line no-control-regex -- the file, group and record separators break lines there
  var BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
  var ANSWERS = /(?:^|[#&])answers=([^& \t]*)/;
  /* Matched on the trimmed line, counting characters (the u flag), as the reference does. */
  var NICKNAME_LENGTH = 40; /* characters (code points); quiz/quiz.js cuts the facilitator's line to it */
  var NICKNAME = /^([^:#&=/ \t][^:#&=/]{0,39}?)[ \t]*:[ \t]+([^ \t].*)$/u;
  var BARE = /^[0-9]+\..*$/;

  function strip(text) { return text.replace(/^[ \t]+|[ \t]+$/g, ""); }

  /** The share code in a result link (any address) or a bare code; null for a broken escape. */
  function codeOf(text) {
    text = strip(text);
    var found = ANSWERS.exec(text);
    if (found) {
      try { return decodeURIComponent(found[1]); } catch (e) { return null; }
    }
    return text || null;
  }

  /** A, B, … Z, AA, AB, …: the name of the n-th respondent who gave none (0-based). */
  function nameOf(n) {
    var size = 1;
    var count = 26;
    while (n >= count && size < 3) { n -= count; size += 1; count *= 26; }
    if (n >= count) return null;
    var name = "";
    for (var i = 0; i < size; i += 1) { name = String.fromCharCode(65 + (n % 26)) + name; n = Math.floor(n / 26); }
    return name;
  }

  /** {respondents: [{name, code, decoded}], skipped: [{line, text, reason}]}; never throws. */
  function respondents(data, text) {
    var found = [];
    var skipped = [];
    var seen = Object.create(null);
    var taken = Object.create(null);
    var counters = Object.create(null); /* the last number each nickname got (every lower one is taken) */
    var unnamed = 0;
    function numbered(nickname, n) {
      var suffix = " " + n;
      return Array.from(nickname).slice(0, NICKNAME_LENGTH - suffix.length).join("") + suffix;
    }
    function unique(nickname) {
      var name;
      if (nickname) {
        var n = counters[nickname] || 1;
        name = n === 1 ? nickname : numbered(nickname, n);
        while (taken[name]) { n += 1; name = numbered(nickname, n); }
        counters[nickname] = n;
      } else {
        do { name = nameOf(unnamed); unnamed += 1; } while (name !== null && taken[name]);
        if (name === null) name = "#" + (found.length + 1);
      }
      taken[name] = true;
      return name;
    }
    String(text).split(BREAKS).forEach(function (line, i) {
      var number = i + 1;
      var trimmed = strip(line);
      if (!trimmed) return;
      var shown = Array.from(trimmed).slice(0, 80).join("");
      if (line.length > MAX_LINE) { skipped.push({ line: number, text: shown, reason: "too-long" }); return; }
      var nickname = null;
      var link = trimmed;
      var named = NICKNAME.exec(trimmed);
      if (named && (named[2].indexOf("answers=") >= 0 || BARE.test(strip(named[2])))) { nickname = strip(named[1]); link = named[2]; }
      var code = codeOf(link);
      var decoded = code ? core.decode(data, code) : null;
      if (!decoded) { skipped.push({ line: number, text: shown, reason: "not-a-code" }); return; }
      var key = (nickname || "") + "\n" + code;
      if (seen[key]) { skipped.push({ line: number, text: shown, reason: "duplicate" }); return; }
      seen[key] = true;
      found.push({ name: unique(nickname), code: code, decoded: decoded });
    });
    return { respondents: found, skipped: skipped };
  }

  function least(values) { var m = Infinity; for (var i = 0; i < values.length; i += 1) if (values[i] < m) m = values[i]; return m; }
  function most(values) { var m = -Infinity; for (var i = 0; i < values.length; i += 1) if (values[i] > m) m = values[i]; return m; }

  function median(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    var mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The team's view of the respondents (handbook.team.aggregate); `stage`: the one the team
   * chose, which counts only when the respondents' differ or one gave none. */
  function aggregate(data, people, stage) {
    var stages = {};
    var staged = 0;
    people.forEach(function (p) {
      if (p.decoded.stage === "live" || p.decoded.stage === "pre-launch") { stages[p.decoded.stage] = (stages[p.decoded.stage] || 0) + 1; staged += 1; }
    });
    var priorities = {};
    people.forEach(function (p) { priorities[p.decoded.priority || ""] = true; });
    var priorityKeys = Object.keys(priorities);
    var stageKeys = Object.keys(stages);
    var given = stageKeys.length === 1 && staged === people.length ? stageKeys[0] : null;
    /* a stage the team chose counts only where the respondents' differ */
    var agreed = given || (stage === "live" || stage === "pre-launch" ? stage : null);
    /* Once the team's stage is known, everyone is scored at it (as the reference). */
    var results = people.map(function (p) { return core.score(data, { answers: p.decoded.answers, stage: agreed || p.decoded.stage }); });
    var dimensions = {};
    var questions = {};
    var order = [];
    data.dimensions.forEach(function (d) {
      var values = [];
      var mostly = 0;
      var applies = results.length === 0;
      results.forEach(function (r) {
        var c = r.dimensions[d.id];
        if (c.status === "scored") values.push(c.score);
        if (c.status === "mostly-dont-know") mostly += 1;
        if (c.status !== "not-applicable") applies = true;
      });
      var spread = { scored: values.length, mostlyDontKnow: mostly, median: null, low: null, high: null, level: null, applies: applies };
      if (values.length) {
        spread.median = median(values);
        spread.low = least(values);
        spread.high = most(values);
        spread.level = core.levelIndex(data, spread.median);
      }
      spread.counts = values.length > 0 && 2 * values.length >= people.length;
      dimensions[d.id] = spread;
      d.questions.forEach(function (q) {
        var chosen = [];
        var dontKnow = 0;
        people.forEach(function (p) {
          var a = Object.prototype.hasOwnProperty.call(p.decoded.answers, q.id) ? p.decoded.answers[q.id] : undefined;
          if (a === "dk") dontKnow += 1;
          else if (typeof a === "number") chosen.push(a);
        });
        var applies = !(q.afterLaunch && agreed === "pre-launch"); /* else nothing to discuss or find out */
        var nobodyKnows = applies && 2 * dontKnow > dontKnow + chosen.length;
        var sorted = chosen.slice().sort(function (a, b) { return a - b; });
        questions[q.id] = {
          chosen: chosen,
          dontKnow: dontKnow,
          disagree: applies && chosen.length > 0 && most(chosen) - least(chosen) >= 2,
          nobodyKnows: nobodyKnows,
          /* the team's answer, for its plan: the lower median (of two middle answers, the more cautious) */
          answer: !applies ? null : nobodyKnows ? "dk" : chosen.length ? sorted[(sorted.length - 1) >> 1] : null,
        };
        order.push(q.id);
      });
    });
    var missing = data.dimensions.filter(function (d) { return dimensions[d.id].applies && !dimensions[d.id].counts; }).map(function (d) { return d.id; });
    var counted = data.dimensions.filter(function (d) { return dimensions[d.id].applies && dimensions[d.id].counts; });
    var team = {
      respondents: people.length,
      dimensions: dimensions,
      questions: questions,
      stage: agreed,
      given: given,
      stages: stages,
      priority: priorityKeys.length === 1 && priorityKeys[0] ? priorityKeys[0] : null,
      complete: people.length > 0 && agreed !== null && missing.length === 0 && counted.length > 0,
      missing: missing,
      overall: null,
      scoreLevel: null,
      level: null,
      cappedBy: [],
      weakest: [],
      disagree: order.filter(function (id) { return questions[id].disagree; }),
      nobodyKnows: order.filter(function (id) { return questions[id].nobodyKnows; }),
    };
    if (!team.complete) return team;
    team.overall = counted.reduce(function (s, d) { return s + dimensions[d.id].median; }, 0) / counted.length;
    team.scoreLevel = core.levelIndex(data, team.overall);
    var floor = least(counted.map(function (d) { return dimensions[d.id].level; }));
    team.level = Math.min(team.scoreLevel, floor + 1);
    if (team.level < team.scoreLevel) team.cappedBy = counted.filter(function (d) { return dimensions[d.id].level === floor; }).map(function (d) { return d.id; });
    team.weakest = core.weakest(counted.map(function (d) { return { id: d.id, score: dimensions[d.id].median }; }));
    return team;
  }

  var MAX_FILE_LINES = 200000; /* UTF-16 code units of a saved team file's lines */

  /** What a dropped file's text adds to the team (handbook.team.read_file): an exported quiz
   * answers file its code, a saved team file its lines, stage and targets (as written); null
   * for anything else. Never throws. */
  function readFileText(data, text) {
    var value;
    try { value = JSON.parse(String(text)); } catch (e) { return null; }
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    if (value.app === "crm-handbook-quiz" && typeof value.code === "string" && core.decode(data, value.code)) return { lines: value.code, stage: null, targets: "" };
    if (value.app === "crm-handbook-team" && typeof value.lines === "string" && value.lines.length <= MAX_FILE_LINES) {
      return {
        lines: value.lines,
        stage: value.stage === "live" || value.stage === "pre-launch" ? value.stage : null,
        targets: typeof value.targets === "string" ? value.targets : "",
      };
    }
    return null;
  }

  var api = { codeOf: codeOf, respondents: respondents, aggregate: aggregate, readFileText: readFileText, NICKNAME_LENGTH: NICKNAME_LENGTH };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HandbookQuizTeam = api;
})(typeof self !== "undefined" ? self : this);
