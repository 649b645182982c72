/*
 * CRM maturity quiz (CRM handbook). Plain JavaScript, no dependencies, no build step.
 *
 * The page's HTML (a real form) is rendered by the hooks and works without this file; this
 * file reads the form and the JSON block #hb-quiz-data, scores the answers exactly as
 * hooks/handbook/quiz.py does, shows the result, and keeps the answers in the URL
 * (#answers=1.<code>) and in localStorage. Nothing is ever sent anywhere. Text from the URL or
 * storage never reaches the page as markup: it is parsed against the quiz's own structure and
 * everything shown is built with textContent.
 *
 * In Node (tests) it exports its pure functions instead of touching a document.
 */
(function () {
  "use strict";

  var VERSION = "1";
  var STORAGE_KEY = "crm-handbook-quiz";
  var PRIORITY_CODES = { cost: "c", experience: "e", revenue: "r" };
  var MODES = ["all", "step", "workshop"];

  /* ---- pure functions (also used by the tests in Node) ---------------------------------- */

  /** Questions in canonical order: dimension order, then question order. */
  function questionsOf(data) {
    var out = [];
    data.dimensions.forEach(function (d) {
      d.questions.forEach(function (q) { out.push(q); });
    });
    return out;
  }

  /** answers: {questionId: optionIndex | "dk"}; mirrors handbook.quiz.score. */
  function score(data, answers) {
    var dimensions = {};
    var dontKnow = 0;
    var unanswered = 0;
    data.dimensions.forEach(function (d) {
      var values = [];
      d.questions.forEach(function (q) {
        var a = Object.prototype.hasOwnProperty.call(answers, q.id) ? answers[q.id] : undefined;
        if (a === "dk") {
          dontKnow += 1;
        } else if (typeof a === "number" && Number.isInteger(a) && a >= 0 && a < q.scores.length) {
          values.push(q.scores[a] / q.scores[q.scores.length - 1]);
        } else {
          unanswered += 1;
        }
      });
      dimensions[d.id] = values.length ? (100 * values.reduce(function (s, v) { return s + v; }, 0)) / values.length : null;
    });
    var known = data.dimensions.map(function (d) { return dimensions[d.id]; }).filter(function (v) { return v !== null; });
    var overall = known.length ? known.reduce(function (s, v) { return s + v; }, 0) / known.length : null;
    var level = null;
    if (overall !== null) {
      data.levels.slice().sort(function (a, b) { return a.min - b.min; }).forEach(function (l) {
        if (overall >= l.min) level = l.id;
      });
    }
    var weakest = data.dimensions
      .filter(function (d) { return dimensions[d.id] !== null; })
      .sort(function (a, b) { return dimensions[a.id] - dimensions[b.id] || a.step - b.step; })
      .slice(0, 3)
      .map(function (d) { return d.id; });
    return { dimensions: dimensions, overall: overall, level: level, dontKnow: dontKnow, unanswered: unanswered, weakest: weakest };
  }

  /** {priority, answers} -> "1.<p><one char per question>" ('0'-'9' option, 'x' don't know, '-' none). */
  function encode(data, state) {
    var code = PRIORITY_CODES[state.priority] || "-";
    questionsOf(data).forEach(function (q) {
      var a = state.answers[q.id];
      code += a === "dk" ? "x" : typeof a === "number" ? String(a) : "-";
    });
    return VERSION + "." + code;
  }

  /** The inverse of encode; null for anything that is not a well-formed code for this quiz. */
  function decode(data, text) {
    if (typeof text !== "string") return null;
    var questions = questionsOf(data);
    var match = /^1\.([cer-])([0-9x-]*)$/.exec(text);
    if (!match || match[2].length !== questions.length) return null;
    var priority = null;
    Object.keys(PRIORITY_CODES).forEach(function (p) { if (PRIORITY_CODES[p] === match[1]) priority = p; });
    var answers = {};
    for (var i = 0; i < questions.length; i += 1) {
      var c = match[2].charAt(i);
      if (c === "x") answers[questions[i].id] = "dk";
      else if (c !== "-") {
        var n = Number(c);
        if (n >= questions[i].scores.length) return null;
        answers[questions[i].id] = n;
      }
    }
    return { priority: priority, answers: answers };
  }

  /** The code in a location hash ("#answers=1.c01x…"), or null. */
  function codeFromHash(hash) {
    if (typeof hash !== "string") return null;
    var m = /(?:^#|&)answers=([^&]*)/.exec(hash);
    if (!m) return null;
    try { return decodeURIComponent(m[1]); } catch (e) { return ""; }
  }

  /** The answering mode a link asks for ("#mode=workshop"), or null. */
  function modeFromHash(hash) {
    if (typeof hash !== "string") return null;
    var m = /(?:^#|&)mode=([a-z]+)(?:&|$)/.exec(hash);
    return m && MODES.indexOf(m[1]) >= 0 ? m[1] : null;
  }

  /** Parse stored JSON defensively: {code, history: [{t, code}], mode} or null. */
  function readStored(raw, data) {
    if (typeof raw !== "string" || raw.length > 100000) return null;
    var value;
    try { value = JSON.parse(raw); } catch (e) { return null; }
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    var code = typeof value.code === "string" && decode(data, value.code) ? value.code : null;
    var history = Array.isArray(value.history)
      ? value.history.filter(function (h) {
          return h && typeof h === "object" && typeof h.t === "string" && h.t.length < 40 && !isNaN(Date.parse(h.t)) && typeof h.code === "string" && decode(data, h.code);
        }).slice(-20)
      : [];
    var mode = MODES.indexOf(value.mode) >= 0 ? value.mode : null;
    return { code: code, history: history, mode: mode };
  }

  var api = {
    score: score, encode: encode, decode: decode, codeFromHash: codeFromHash, modeFromHash: modeFromHash,
    readStored: readStored, questionsOf: questionsOf,
  };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  if (typeof document === "undefined") return;

  /* ---- the page ------------------------------------------------------------------------ */

  var root = document.getElementById("hb-quiz");
  var dataNode = document.getElementById("hb-quiz-data");
  if (!root || !dataNode) return;
  var data;
  try { data = JSON.parse(dataNode.textContent); } catch (e) { return; }
  var form = root.querySelector("form");
  var result = root.querySelector(".hb-quiz__result");
  var status = root.querySelector(".hb-quiz__status");
  var L = data.labels;
  var numbers = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 0 });
  var rtl = document.documentElement.dir === "rtl";

  function t(key, values) {
    var text = L[key] || "";
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function say(message) {
    status.textContent = message;
    status.hidden = !message;
  }
  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function loadStored() {
    var s = storage();
    var raw = null;
    try { raw = s ? s.getItem(STORAGE_KEY) : null; } catch (e) { raw = null; }
    return readStored(raw, data) || { code: null, history: [], mode: null };
  }
  function saveStored(value) {
    var s = storage();
    try { if (s) s.setItem(STORAGE_KEY, JSON.stringify(value)); } catch (e) { /* private mode, full: keep going */ }
  }

  function readForm() {
    var state = { priority: null, answers: {} };
    var p = form.querySelector('input[name="priority"]:checked');
    if (p && PRIORITY_CODES[p.value]) state.priority = p.value;
    questionsOf(data).forEach(function (q) {
      var checked = form.querySelector('input[name="' + q.id + '"]:checked');
      if (!checked) return;
      state.answers[q.id] = checked.value === "dk" ? "dk" : Number(checked.value);
    });
    return state;
  }
  function writeForm(state) {
    form.reset();
    if (state.priority) {
      var p = form.querySelector('input[name="priority"][value="' + state.priority + '"]');
      if (p) p.checked = true;
    }
    Object.keys(state.answers).forEach(function (id) {
      var input = form.querySelector('input[name="' + id + '"][value="' + String(state.answers[id]) + '"]');
      if (input) input.checked = true;
    });
  }

  function remember(state) {
    var code = encode(data, state);
    var empty = !state.priority && Object.keys(state.answers).length === 0;
    var hash = empty ? "" : "#answers=" + code;
    history.replaceState(null, "", location.pathname + location.search + hash);
    var stored = loadStored();
    stored.code = empty ? null : code;
    saveStored(stored);
    updateProgress(state);
  }

  var progress = root.querySelector(".hb-quiz__progress progress");
  var progressText = root.querySelector(".hb-quiz__progress-text");
  function updateProgress(state) {
    var total = 1 + questionsOf(data).length; /* the priority question counts too */
    var answered = Object.keys(state.answers).length + (state.priority ? 1 : 0);
    progress.value = answered;
    progressText.textContent = t("quiz.progress", { answered: numbers.format(answered), total: numbers.format(total) });
  }

  /* ---- answering modes: all at once, one step at a time, or workshop (one question) ------ */

  var modeInputs = root.querySelectorAll('input[name="hb-quiz-mode"]');
  var pager = root.querySelector(".hb-quiz__pager");
  var pagerText = root.querySelector(".hb-quiz__pager-text");
  var previousButton = pager.querySelector('[data-action="previous"]');
  var nextButton = pager.querySelector('[data-action="next"]');
  var submitButton = form.querySelector('button[type="submit"]');
  var priorityField = form.querySelector(".hb-quiz__priority");
  var sections = Array.prototype.slice.call(form.querySelectorAll(".hb-quiz__dimension"));
  var questionFields = Array.prototype.slice.call(form.querySelectorAll(".hb-quiz__dimension .hb-quiz__question"));
  var mode = "all";
  var page = 0;

  /* What one screen shows: the priority question, then a step (section) or a single question. */
  function units() {
    return [priorityField].concat(mode === "workshop" ? questionFields : sections);
  }
  function isOpen(unit) {
    var fields = unit.tagName === "FIELDSET" ? [unit] : Array.prototype.slice.call(unit.querySelectorAll("fieldset"));
    return fields.some(function (f) { return !f.querySelector("input:checked"); });
  }
  function showPage(moveFocus) {
    var list = units();
    var paged = mode !== "all";
    page = Math.max(0, Math.min(page, list.length - 1));
    var unit = list[page];
    [priorityField].concat(sections, questionFields).forEach(function (node) {
      node.hidden = paged && !(node === unit || node.contains(unit) || unit.contains(node));
    });
    pager.hidden = !paged;
    submitButton.classList.toggle("md-button--primary", !paged || page === list.length - 1);
    previousButton.disabled = page === 0;
    nextButton.disabled = page === list.length - 1;
    pagerText.textContent = paged
      ? t(mode === "workshop" ? "quiz.page_question" : "quiz.page_step", { n: numbers.format(page + 1), total: numbers.format(list.length) })
      : "";
    root.classList.toggle("hb-quiz--paged", paged);
    root.classList.toggle("hb-quiz--workshop", mode === "workshop");
    document.body.classList.toggle("hb-workshop", mode === "workshop");
    if (moveFocus && paged) {
      (unit.closest(".hb-quiz__dimension") || unit).scrollIntoView({ block: "start" }); /* with its step's heading */
      var target = unit.querySelector("input:checked") || unit.querySelector("input");
      if (target) target.focus({ preventScroll: true });
    }
  }
  function go(delta) {
    page += delta;
    showPage(true);
  }
  /* Switching mode starts at the first screen with an unanswered question. */
  function setMode(value) {
    mode = MODES.indexOf(value) >= 0 ? value : "all";
    modeInputs.forEach(function (input) { input.checked = input.value === mode; });
    var list = units();
    page = 0;
    while (page < list.length - 1 && !isOpen(list[page])) page += 1;
    showPage(false);
  }

  function radar(scores) {
    var n = data.dimensions.length;
    var size = 260;
    var c = size / 2;
    var r = 95;
    var chart = svg("svg", { viewBox: "0 0 " + size + " " + size, role: "img", "aria-labelledby": "hb-quiz-chart-title", class: "hb-quiz__radar" });
    var title = svg("title", { id: "hb-quiz-chart-title" });
    title.textContent = t("quiz.chart_title");
    chart.appendChild(title);
    function point(i, value) {
      var angle = -Math.PI / 2 + (rtl ? -1 : 1) * (2 * Math.PI * i) / n;
      return [c + Math.cos(angle) * r * value, c + Math.sin(angle) * r * value];
    }
    [0.25, 0.5, 0.75, 1].forEach(function (ring) {
      var pts = [];
      for (var i = 0; i < n; i += 1) pts.push(point(i, ring).join(","));
      chart.appendChild(svg("polygon", { points: pts.join(" "), class: "hb-quiz__ring" }));
    });
    var shape = [];
    data.dimensions.forEach(function (d, i) {
      var end = point(i, 1);
      chart.appendChild(svg("line", { x1: c, y1: c, x2: end[0], y2: end[1], class: "hb-quiz__axis" }));
      var label = svg("text", { x: point(i, 1.17)[0], y: point(i, 1.17)[1], class: "hb-quiz__axis-label", "text-anchor": "middle", "dominant-baseline": "middle" });
      label.textContent = numbers.format(d.step);
      chart.appendChild(label);
      shape.push(point(i, (scores[d.id] || 0) / 100).join(","));
    });
    chart.appendChild(svg("polygon", { points: shape.join(" "), class: "hb-quiz__shape" }));
    return chart;
  }

  /* The last stored result that differs from this one: {date, scores}, or null. */
  function previousResult(state) {
    var code = encode(data, state);
    var history = loadStored().history.filter(function (h) { return h.code !== code; });
    if (!history.length) return null;
    var last = history[history.length - 1];
    var decoded = decode(data, last.code);
    return {
      date: new Intl.DateTimeFormat(data.locale, { dateStyle: "medium" }).format(new Date(last.t)),
      scores: score(data, decoded.answers),
    };
  }

  function showResult(state) {
    var r = score(data, state.answers);
    result.textContent = "";
    result.appendChild(el("h2", { id: "hb-quiz-result-title" }, t("quiz.result_title")));
    if (r.overall === null) {
      result.appendChild(el("p", {}, t("quiz.no_score")));
    } else {
      var level = data.levels.filter(function (l) { return l.id === r.level; })[0];
      var summary = el("div", { class: "hb-quiz__summary" });
      summary.appendChild(el("p", { class: "hb-quiz__overall" }, t("quiz.overall", { score: numbers.format(r.overall) })));
      summary.appendChild(el("p", { class: "hb-quiz__level" }, t("quiz.level") + ": " + level.name));
      summary.appendChild(el("p", {}, level.description));
      result.appendChild(summary);

      var figure = el("figure", { class: "hb-quiz__figure" });
      figure.appendChild(radar(r.dimensions));
      var table = el("table", { class: "hb-quiz__table" });
      var previous = previousResult(state);
      var head = el("tr");
      head.appendChild(el("th", { scope: "col" }, t("quiz.table_dimension")));
      head.appendChild(el("th", { scope: "col" }, t("quiz.table_score")));
      if (previous) head.appendChild(el("th", { scope: "col" }, t("quiz.table_change", { date: previous.date })));
      table.appendChild(el("thead")).appendChild(head);
      var body = el("tbody");
      data.dimensions.forEach(function (d) {
        var row = el("tr");
        row.appendChild(el("th", { scope: "row" }, numbers.format(d.step) + ". " + d.title));
        var cell = el("td");
        var value = r.dimensions[d.id];
        var bar = el("span", { class: "hb-quiz__bar", "aria-hidden": "true" });
        bar.style.setProperty("--hb-score", value === null ? "0" : String(value / 100));
        cell.appendChild(bar);
        cell.appendChild(el("span", { class: "hb-quiz__value" }, value === null ? t("quiz.unknown") : numbers.format(value)));
        row.appendChild(cell);
        if (previous) {
          var before = previous.scores.dimensions[d.id];
          var change = value === null || before === null ? null : Math.round(value - before);
          row.appendChild(el("td", { class: "hb-quiz__change" }, change === null ? "—" : (change > 0 ? "+" : change < 0 ? "−" : "") + numbers.format(Math.abs(change))));
        }
        body.appendChild(row);
      });
      table.appendChild(body);
      figure.appendChild(table);
      result.appendChild(figure);

      result.appendChild(el("h3", {}, t("quiz.weakest_title")));
      var list = el("ol", { class: "hb-quiz__next" });
      r.weakest.forEach(function (id) {
        var d = data.dimensions.filter(function (x) { return x.id === id; })[0];
        var item = el("li");
        item.appendChild(el("strong", {}, d.title + " (" + numbers.format(r.dimensions[id]) + ")"));
        var step = el("p");
        step.appendChild(document.createTextNode(t("quiz.read_step") + ": "));
        step.appendChild(el("a", { href: d.href }, d.title));
        item.appendChild(step);
        if (d.causes.length) {
          var causes = el("p");
          causes.appendChild(document.createTextNode(t("quiz.read_causes") + ": "));
          d.causes.forEach(function (cause, i) {
            if (i) causes.appendChild(document.createTextNode(data.separator));
            causes.appendChild(el("a", { href: cause.href }, cause.title));
          });
          item.appendChild(causes);
        }
        list.appendChild(item);
      });
      result.appendChild(list);
      var priority = state.priority && data.cases[state.priority];
      if (priority) {
        var caseLine = el("p");
        caseLine.appendChild(document.createTextNode(t("quiz.read_case") + ": "));
        caseLine.appendChild(el("a", { href: priority.href }, priority.title));
        result.appendChild(caseLine);
      }
    }
    if (r.dontKnow) result.appendChild(el("p", { class: "hb-quiz__dont-know" }, t("quiz.dont_know_note", { n: numbers.format(r.dontKnow) })));

    var share = el("p", { class: "hb-quiz__share" });
    share.appendChild(el("a", { href: location.href }, t("quiz.share")));
    var copy = el("button", { type: "button", class: "md-button" }, t("quiz.copy_link"));
    copy.addEventListener("click", function () {
      if (navigator.clipboard) navigator.clipboard.writeText(location.href).then(function () { say(t("quiz.copied")); }, function () {});
    });
    var print = el("button", { type: "button", class: "md-button" }, t("quiz.print"));
    print.addEventListener("click", function () { window.print(); });
    share.appendChild(document.createTextNode(" "));
    share.appendChild(copy);
    share.appendChild(document.createTextNode(" "));
    share.appendChild(print);
    result.appendChild(share);
    /* Only on paper: when it was printed and the link that opens the same answers again. */
    result.appendChild(el("p", { class: "hb-quiz__report-note" }, t("quiz.report_note", {
      date: new Intl.DateTimeFormat(data.locale, { dateStyle: "long" }).format(new Date()),
      url: location.href,
    })));
    result.hidden = false;
    root.classList.add("hb-quiz--done"); /* the progress bar stops following the reader */
    return r;
  }

  /* ---- wiring --------------------------------------------------------------------------- */

  root.classList.add("hb-quiz--enhanced");
  root.querySelector(".hb-quiz__modes").hidden = false;
  root.querySelector(".hb-quiz__actions").hidden = false;
  root.querySelector(".hb-quiz__tools").hidden = false;

  form.addEventListener("change", function () { remember(readForm()); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var state = readForm();
    remember(state);
    var r = showResult(state);
    if (r.overall !== null) {
      var stored = loadStored();
      stored.history.push({ t: new Date().toISOString(), code: encode(data, state) });
      stored.history = stored.history.slice(-20);
      saveStored(stored);
    }
    result.focus();
  });
  root.querySelector('[data-action="clear"]').addEventListener("click", function () {
    var s = storage();
    try { if (s) s.removeItem(STORAGE_KEY); } catch (e) { /* nothing stored */ }
    form.reset();
    result.hidden = true;
    result.textContent = "";
    root.classList.remove("hb-quiz--done");
    history.replaceState(null, "", location.pathname + location.search);
    updateProgress(readForm());
    setMode(mode);
    say(t("quiz.cleared"));
  });

  modeInputs.forEach(function (input) {
    input.addEventListener("change", function () {
      setMode(input.value);
      var stored = loadStored();
      stored.mode = mode;
      saveStored(stored);
    });
  });
  previousButton.addEventListener("click", function () { go(-1); });
  nextButton.addEventListener("click", function () { go(1); });
  /* In a paged mode, Enter on an answer moves to the next screen (on the last one it shows the result). */
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || mode === "all" || event.target.type !== "radio") return;
    event.preventDefault();
    if (page < units().length - 1) go(1);
    else form.requestSubmit();
  });

  root.querySelector('[data-action="export"]').addEventListener("click", function () {
    var stored = loadStored();
    var file = { app: "crm-handbook-quiz", version: 1, saved: new Date().toISOString(), code: encode(data, readForm()), history: stored.history };
    var link = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" })), download: "crm-maturity-answers.json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  root.querySelector('[data-action="import"]').addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    event.target.value = "";
    if (!file || file.size > 200000) { say(t("quiz.bad_file")); return; }
    file.text().then(function (text) {
      var parsed = readStored(text, data);
      var value = null;
      try { value = JSON.parse(text); } catch (e) { value = null; }
      var state = parsed && value && value.app === "crm-handbook-quiz" && parsed.code ? decode(data, parsed.code) : null;
      if (!state) { say(t("quiz.bad_file")); return; }
      var stored = loadStored();
      parsed.history.forEach(function (h) {
        if (!stored.history.some(function (x) { return x.t === h.t && x.code === h.code; })) stored.history.push(h);
      });
      stored.history.sort(function (a, b) { return Date.parse(a.t) - Date.parse(b.t); });
      stored.history = stored.history.slice(-20);
      saveStored(stored);
      writeForm(state);
      remember(state);
      showResult(state);
      say(t("quiz.imported"));
    }, function () { say(t("quiz.bad_file")); });
  });

  /* Answers from a link (#answers=…) are shown with their result; a broken link is ignored
     with a message. Returns the state, or null (and leaves the form alone). */
  function answersFromLink() {
    var code = codeFromHash(location.hash);
    if (code === null) return null;
    var state = decode(data, code);
    if (!state) {
      say(t("quiz.bad_link"));
      return null;
    }
    writeForm(state);
    remember(state);
    showResult(state);
    return state;
  }
  /* A link pasted into this tab's address bar while the page is open. */
  window.addEventListener("hashchange", function () {
    var asked = modeFromHash(location.hash);
    if (asked) setMode(asked);
    if (!answersFromLink() && codeFromHash(location.hash) !== null) remember(readForm());
  });

  var stored = loadStored();
  var askedMode = modeFromHash(location.hash);
  if (!answersFromLink()) {
    var brokenLink = codeFromHash(location.hash) !== null;
    if (brokenLink) history.replaceState(null, "", location.pathname + location.search);
    var resumed = stored.code ? decode(data, stored.code) : null;
    if (resumed) {
      writeForm(resumed);
      remember(resumed);
      if (!brokenLink) say(t("quiz.resumed")); /* a broken link's message matters more */
    } else {
      updateProgress(readForm());
    }
  }
  setMode(askedMode || stored.mode || "all");
})();
