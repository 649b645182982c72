/*
 * CRM maturity quiz: the pure core (CRM handbook). Plain JavaScript, no dependencies, no build.
 *
 * Scoring, the share code and the stored value's schema (with its migrations). Nothing here
 * touches a page: the browser gets it as window.HandbookQuizCore (quiz.js is the page), Node
 * gets it with require() (tests/js/*.test.js, tests/quiz_harness.js). Every constant the codec
 * needs (version, priority and stage codes, the question ledger) comes from the page's JSON
 * block (`data`, rendered by hooks/handbook/quiz_page.py:quiz_data), never from a literal here.
 * hooks/handbook/quiz.py is the reference: the tests score the same answers with both.
 *
 * Scoring rules (the page explains them under "How the level is worked out"):
 * - an option scores its points divided by the question's top points (0 … 1);
 * - "don't know" scores like the lowest option, so it can never raise a score;
 * - before go-live, questions marked after_launch do not apply: left out and reported;
 * - a dimension is scored only when every applicable question has an answer and at most half
 *   are "don't know" (it scores 0: it lowers a score but never withholds the result);
 * - no overall score or level until the stage is answered and every dimension is scored (or
 *   has no applicable question); the overall score is the mean of the dimension scores;
 * - the level is the highest whose minimum the overall score reaches, but never more than one
 *   level above the weakest dimension's.
 */
(function (root) {
  "use strict";

  var own = Object.prototype.hasOwnProperty;
  function has(object, key) { return object !== null && typeof object === "object" && own.call(object, key); }

  /** Questions in page order, each with its dimension: [{q, d}]. */
  function questionsOf(data) {
    var out = [];
    data.dimensions.forEach(function (d) {
      d.questions.forEach(function (q) { out.push({ q: q, d: d }); });
    });
    return out;
  }

  function questionById(data) {
    var map = {};
    questionsOf(data).forEach(function (x) { map[x.q.id] = x.q; });
    return map;
  }

  /** Index (0-based) of the level a score reaches. */
  function levelIndex(data, value) {
    var index = 0;
    data.levels.forEach(function (l, i) { if (value >= l.min) index = i; });
    return index;
  }

  function isOption(q, a) {
    return typeof a === "number" && Math.floor(a) === a && a >= 0 && a < q.scores.length;
  }

  /**
   * state: {priority, stage, answers: {questionId: optionIndex | "dk"}}.
   * Mirrors handbook.quiz.score; see the rules above.
   */
  function score(data, state) {
    var answers = (state && state.answers) || {};
    var stage = state && (state.stage === "live" || state.stage === "pre-launch") ? state.stage : null;
    var dimensions = {};
    var totals = { applicable: 0, answered: 0, dontKnow: 0, notApplicable: 0, unanswered: 0 };
    var firstOpen = null;
    var missing = [];
    data.dimensions.forEach(function (d) {
      var c = { applicable: 0, answered: 0, dontKnow: 0, notApplicable: 0, unanswered: 0, score: null, level: null, status: "scored" };
      var sum = 0;
      d.questions.forEach(function (q) {
        if (q.afterLaunch && stage === "pre-launch") { c.notApplicable += 1; return; }
        c.applicable += 1;
        var a = has(answers, q.id) ? answers[q.id] : undefined;
        if (a === "dk") { c.dontKnow += 1; }
        else if (isOption(q, a)) { c.answered += 1; sum += q.scores[a] / q.scores[q.scores.length - 1]; }
        else { c.unanswered += 1; if (firstOpen === null) firstOpen = q.id; }
      });
      if (c.applicable === 0) c.status = "not-applicable";
      else if (2 * c.dontKnow > c.applicable) c.status = "mostly-dont-know";
      else if (c.unanswered > 0) c.status = "incomplete";
      if (c.status === "scored") {
        c.score = (100 * sum) / (c.answered + c.dontKnow);
        c.level = levelIndex(data, c.score);
      } else if (c.status !== "not-applicable") {
        missing.push(d.id);
      }
      ["applicable", "answered", "dontKnow", "notApplicable", "unanswered"].forEach(function (k) { totals[k] += c[k]; });
      dimensions[d.id] = c;
    });
    var scored = data.dimensions.filter(function (d) { return dimensions[d.id].status === "scored"; });
    var complete = stage !== null && missing.length === 0 && scored.length > 0;
    var result = {
      stage: stage,
      kind: stage === "pre-launch" ? "readiness" : "maturity",
      dimensions: dimensions,
      totals: totals,
      complete: complete,
      missing: missing,
      firstOpen: firstOpen,
      overall: null,
      scoreLevel: null,
      level: null,
      cappedBy: [],
      weakest: [],
    };
    if (!complete) return result;
    result.overall = scored.reduce(function (s, d) { return s + dimensions[d.id].score; }, 0) / scored.length;
    result.scoreLevel = levelIndex(data, result.overall);
    var floor = Math.min.apply(null, scored.map(function (d) { return dimensions[d.id].level; }));
    result.level = Math.min(result.scoreLevel, floor + 1);
    if (result.level < result.scoreLevel) {
      result.cappedBy = scored.filter(function (d) { return dimensions[d.id].level === floor; }).map(function (d) { return d.id; });
    }
    result.weakest = weakest(scored.map(function (d) { return { id: d.id, score: dimensions[d.id].score }; }));
    return result;
  }

  var TIE = 1e-9; /* scores this close are the same score (handbook/quiz.py uses the same) */

  /* The areas to start with: the three lowest scores below the top (100), in page order on
   * equal scores, and every further area with the same score as the third, so that a tie is
   * never cut by page order alone. None when every area is at the top, or when every area has
   * the same score (then none lags behind the others). */
  function weakest(scored) {
    var all = scored.map(function (d) { return d.score; });
    if (all.length > 1 && Math.max.apply(null, all) - Math.min.apply(null, all) <= TIE) return [];
    var below = scored
      .map(function (d, i) { return { id: d.id, score: d.score, i: i }; })
      .filter(function (d) { return d.score < 100 - TIE; })
      .sort(function (a, b) { return a.score - b.score || a.i - b.i; });
    if (below.length <= 3) return below.map(function (d) { return d.id; });
    var cut = below[2].score;
    return below
      .filter(function (d, k) { return k < 3 || d.score <= cut + TIE; })
      .map(function (d) { return d.id; });
  }

  /* ---- the share code ----------------------------------------------------------------------
   * "<version>.<priority><stage><one character per ledger slot>": the ledger
   * (content_data/quiz_ledger.yaml) gives every question ever published a permanent slot, so
   * adding, moving or retiring questions never gives an answer to the wrong question. A code
   * made before questions were added is shorter; a retired question's answer is dropped and
   * reported. Codes of version 1 (one character per question of the first question set) are
   * read through the same ledger. */

  function codeOf(codec, map, value) {
    return has(map, value) ? map[value] : codec.none;
  }
  function valueOf(map, ch) {
    var found = null;
    Object.keys(map).forEach(function (k) { if (map[k] === ch) found = k; });
    return found;
  }

  function encode(data, state) {
    var codec = data.codec;
    var answers = (state && state.answers) || {};
    var text = codeOf(codec, codec.priorities, state && state.priority) + codeOf(codec, codec.stages, state && state.stage);
    var byId = questionById(data);
    var body = data.ledger.map(function (slot) {
      var q = byId[slot.id];
      var a = has(answers, slot.id) ? answers[slot.id] : undefined;
      if (!q || slot.retired) return codec.none;
      if (a === "dk") return codec.dontKnow;
      return isOption(q, a) ? String(a) : codec.none;
    }).join("");
    return codec.version + "." + text + body; /* full length: it says which questions existed */
  }

  /**
   * The inverse of encode: {priority, stage, answers, dropped: [ids], added: n, version}, or
   * null for anything that is not a code of this quiz. Answers that no longer fit (a retired
   * question, an option that no longer exists) are dropped and listed, never misassigned.
   */
  function decode(data, text) {
    if (typeof text !== "string" || text.length > 4 * data.ledger.length + 16) return null;
    var codec = data.codec;
    var m = /^([0-9]+)\.(.*)$/.exec(text);
    if (!m) return null;
    var version = m[1];
    var rest = m[2];
    var priority;
    var stage = null; /* a legacy code has no stage */
    var slots;
    var priorityChars = Object.keys(codec.priorities).map(function (k) { return codec.priorities[k]; }).concat([codec.none]);
    var stageChars = Object.keys(codec.stages).map(function (k) { return codec.stages[k]; }).concat([codec.none]);
    if (version === codec.version) {
      if (rest.length < 2 || priorityChars.indexOf(rest.charAt(0)) < 0 || stageChars.indexOf(rest.charAt(1)) < 0) return null;
      priority = valueOf(codec.priorities, rest.charAt(0));
      stage = valueOf(codec.stages, rest.charAt(1));
      slots = rest.slice(2);
      if (slots.length > data.ledger.length) return null;
    } else if (has(codec.legacy, version)) {
      if (rest.length !== 1 + codec.legacy[version] || priorityChars.indexOf(rest.charAt(0)) < 0) return null;
      priority = valueOf(codec.priorities, rest.charAt(0));
      slots = rest.slice(1);
    } else {
      return null;
    }
    var valid = new RegExp("^[0-9" + codec.dontKnow + "\\" + codec.none + "]*$");
    if (!valid.test(slots)) return null;
    var byId = questionById(data);
    var answers = {};
    var dropped = [];
    for (var i = 0; i < slots.length; i += 1) {
      var c = slots.charAt(i);
      if (c === codec.none) continue;
      var slot = data.ledger[i];
      var q = byId[slot.id];
      var a = c === codec.dontKnow ? "dk" : Number(c);
      if (!q || slot.retired || (a !== "dk" && !isOption(q, a))) { dropped.push(slot.id); continue; }
      answers[slot.id] = a;
    }
    var added = 0; /* questions published after the code was made */
    for (var j = slots.length; j < data.ledger.length; j += 1) if (!data.ledger[j].retired && byId[data.ledger[j].id]) added += 1;
    return { priority: priority, stage: stage, answers: answers, dropped: dropped, added: added, version: version };
  }

  /** The code in a location hash ("#answers=2.cl01x…"), or null; "" for a broken escape. */
  function codeFromHash(hash) {
    if (typeof hash !== "string") return null;
    var m = /(?:^#|&)answers=([^&]*)/.exec(hash);
    if (!m) return null;
    try { return decodeURIComponent(m[1]); } catch (e) { return ""; }
  }

  /** The answering mode a link asks for ("#mode=workshop"), or null. */
  function modeFromHash(data, hash) {
    if (typeof hash !== "string") return null;
    var m = /(?:^#|&)mode=([a-z]+)(?:&|$)/.exec(hash);
    return m && data.modes.indexOf(m[1]) >= 0 ? m[1] : null;
  }

  /* ---- the stored value ------------------------------------------------------------------
   * Schema 2: {schema: 2, code, mode, targets: {dimensionId: levelIndex}, history: [{t, code}]}.
   * Schema 1 (no "schema" key) had {code, mode, history} with codes of version 1; it is
   * migrated, codes re-encoded through the ledger. Entries that cannot be read are counted in
   * `lost` (the page says so), never dropped silently. */

  var HISTORY_LIMIT = 40;

  function cleanTargets(data, value) {
    var out = {};
    if (!value || typeof value !== "object" || Array.isArray(value)) return out;
    data.dimensions.forEach(function (d) {
      var v = has(value, d.id) ? value[d.id] : undefined;
      if (typeof v === "number" && Math.floor(v) === v && v >= 0 && v < data.levels.length) out[d.id] = v;
    });
    return out;
  }

  function readStored(data, raw) {
    var empty = { schema: data.storage.schema, code: null, mode: null, targets: {}, history: [], lost: 0, dropped: 0, migrated: false, newer: false };
    if (raw === null || raw === undefined) return empty;
    if (typeof raw !== "string" || raw.length > 400000) return Object.assign(empty, { lost: 1 });
    var value;
    try { value = JSON.parse(raw); } catch (e) { return Object.assign(empty, { lost: 1 }); }
    if (!value || typeof value !== "object" || Array.isArray(value)) return Object.assign(empty, { lost: 1 });
    var out = Object.assign({}, empty);
    out.migrated = !has(value, "schema") || value.schema !== data.storage.schema;
    if (has(value, "schema") && (typeof value.schema !== "number" || value.schema > data.storage.schema)) {
      /* written by a newer version of the handbook: read what we can, and never write over it */
      out.migrated = false;
      out.newer = true;
    }
    /* A code in the current form; answers to retired questions are counted in `dropped`. */
    function recode(code, counted) {
      var state = typeof code === "string" ? decode(data, code) : null;
      if (state && counted) out.dropped += state.dropped.length;
      return state ? encode(data, state) : null;
    }
    if (has(value, "code") && value.code !== null) {
      out.code = recode(value.code, true);
      if (out.code === null) out.lost += 1;
    }
    out.mode = has(value, "mode") && data.modes.indexOf(value.mode) >= 0 ? value.mode : null;
    out.targets = cleanTargets(data, has(value, "targets") ? value.targets : null);
    if (has(value, "history") && Array.isArray(value.history)) {
      value.history.forEach(function (h) {
        var ok = h && typeof h === "object" && typeof h.t === "string" && h.t.length < 40 && !isNaN(Date.parse(h.t));
        var code = ok ? recode(h.code) : null;
        if (code === null) { out.lost += 1; return; }
        out.history.push({ t: new Date(Date.parse(h.t)).toISOString(), code: code });
      });
      out.history.sort(function (a, b) { return Date.parse(a.t) - Date.parse(b.t); });
      if (out.history.length > HISTORY_LIMIT) out.history = out.history.slice(-HISTORY_LIMIT);
    } else if (has(value, "history")) {
      out.lost += 1;
    }
    return out;
  }

  /** The JSON to store (schema 2). */
  function writeStored(data, stored) {
    return JSON.stringify({
      schema: data.storage.schema,
      code: stored.code || null,
      mode: stored.mode || null,
      targets: cleanTargets(data, stored.targets),
      history: (stored.history || []).slice(-HISTORY_LIMIT),
    });
  }

  /** Add a result to the history (the same answers twice in a row are kept once). */
  function addToHistory(stored, code, when) {
    var history = (stored.history || []).slice();
    var last = history[history.length - 1];
    if (last && last.code === code) history[history.length - 1] = { t: when, code: code };
    else history.push({ t: when, code: code });
    return history.slice(-HISTORY_LIMIT);
  }

  /* ---- targets and the action plan ------------------------------------------------------ */

  /** The target level of each scored dimension: the chosen one, else one above the current. */
  function targetsFor(data, result, chosen) {
    var top = data.levels.length - 1;
    var out = {};
    data.dimensions.forEach(function (d) {
      var c = result.dimensions[d.id];
      if (!c || c.status !== "scored") return;
      var t = has(chosen, d.id) ? chosen[d.id] : Math.min(top, c.level + 1);
      out[d.id] = Math.max(c.level, Math.min(top, t));
    });
    return out;
  }

  /**
   * A phased plan (phase 0: next 3 months, 1: 6 months, 2: 12 months) that closes the gap
   * between each dimension's level and its target. For every question below the target's
   * minimum, one action per option to climb (the next observable state); the weakest
   * dimensions (those at the lowest level) start in the first phase, the others one phase
   * later, and each further climb on the same question one phase later again. With the first
   * action of a dimension come its checklist step's success indicator and the failure causes
   * it guards against. The case study for the chosen priority (or, without one, choosing a
   * priority) opens the plan.
   * Returns [{phase, kind, dimension?, question?, option?}] in plan order.
   */
  function plan(data, state, result, chosenTargets) {
    if (!result.complete) return [];
    var targets = targetsFor(data, result, chosenTargets || {});
    var answers = (state && state.answers) || {};
    var scored = data.dimensions.filter(function (d) { return result.dimensions[d.id].status === "scored"; });
    var floor = Math.min.apply(null, scored.map(function (d) { return result.dimensions[d.id].level; }));
    var actions = [];
    actions.push(state && state.priority && has(data.cases, state.priority)
      ? { phase: 0, kind: "case", priority: state.priority }
      : { phase: 0, kind: "priority" });
    scored
      .map(function (d, i) { return { d: d, i: i, c: result.dimensions[d.id] }; })
      .sort(function (a, b) { return a.c.level - b.c.level || a.c.score - b.c.score || a.i - b.i; })
      .forEach(function (x) {
        var d = x.d;
        var target = targets[d.id];
        if (target <= x.c.level) return;
        var need = data.levels[target].min / 100;
        var offset = x.c.level === floor ? 0 : 1;
        var steps = [];
        d.questions.forEach(function (q) {
          if (q.afterLaunch && result.stage === "pre-launch") return;
          var top = q.scores[q.scores.length - 1];
          var a = has(answers, q.id) ? answers[q.id] : undefined;
          var from = isOption(q, a) ? a : -1; /* "don't know": first find out, then climb from the bottom */
          var k = 0;
          if (from < 0) { steps.push({ phase: Math.min(2, offset), kind: "find-out", dimension: d.id, question: q.id }); k = 1; from = 0; if (q.scores[0] / top >= need) return; }
          for (var o = from + 1; o < q.scores.length && q.scores[o - 1] / top < need; o += 1) {
            steps.push({ phase: Math.min(2, offset + k), kind: "question", dimension: d.id, question: q.id, option: o });
            k += 1;
          }
        });
        if (!steps.length) return;
        var first = Math.min.apply(null, steps.map(function (s) { return s.phase; }));
        if (d.indicator) actions.push({ phase: first, kind: "indicator", dimension: d.id });
        if (d.causes && d.causes.length) actions.push({ phase: first, kind: "causes", dimension: d.id });
        actions = actions.concat(steps);
      });
    return actions
      .map(function (a, i) { return { a: a, i: i }; })
      .sort(function (x, y) { return x.a.phase - y.a.phase || x.i - y.i; })
      .map(function (x) { return x.a; });
  }

  /* A number the page shows, rounded to a whole number in the page's digits (`digits`: 0-9 as
     the language writes them, from the language registry, hooks/handbook/languages.py), or null
     for one this does not write: negative (-0 too), not finite, or of four digits or more
     (grouping); the page hands those to Intl.NumberFormat. The same text Intl gives for 0-999
     (tests/js), without building a NumberFormat: the first one a page builds costs 30-45 ms in
     Chromium (its locale data), most of the quiz's start on a phone. */
  function wholeNumber(value, digits) {
    if (typeof value !== "number" || !(value >= 0) || Object.is(value, -0) || typeof digits !== "string" || digits.length !== 10) return null;
    var rounded = Math.round(value);
    if (rounded >= 1000) return null;
    return String(rounded).replace(/[0-9]/g, function (d) { return digits.charAt(Number(d)); });
  }

  var api = {
    wholeNumber: wholeNumber,
    questionsOf: questionsOf,
    levelIndex: levelIndex,
    score: score,
    weakest: weakest,
    encode: encode,
    decode: decode,
    codeFromHash: codeFromHash,
    modeFromHash: modeFromHash,
    readStored: readStored,
    writeStored: writeStored,
    addToHistory: addToHistory,
    targetsFor: targetsFor,
    plan: plan,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HandbookQuizCore = api;
})(typeof self !== "undefined" ? self : this);
