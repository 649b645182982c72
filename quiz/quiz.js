/*
 * CRM maturity quiz: the page (CRM handbook). Plain JavaScript, no dependencies, no build step.
 *
 * The page's HTML (a real, printable questionnaire) is rendered by the hooks and works without
 * this file. This file reads the page's JSON block (#hb-quiz-data) and uses the pure core
 * (quiz/core.js, window.HandbookQuizCore) for everything that is not the page: scoring, the share
 * code, the stored value. Its own parts:
 * - one state object (`state`: priority, stage, answers, targets) and one view object (`view`);
 * - one place that writes the address (`writeUrl`) and one that writes storage (`save`);
 * - rendering of the result with textContent only: nothing from the URL, storage or a file
 *   ever reaches the page as markup.
 * Nothing is ever sent anywhere.
 */
(function () {
  "use strict";

  var core = window.HandbookQuizCore;
  var root = document.getElementById("hb-quiz");
  var dataNode = document.getElementById("hb-quiz-data");
  if (!core || !root || !dataNode) return;
  var data;
  try { data = JSON.parse(dataNode.textContent); } catch (e) { return; }

  var form = root.querySelector("form");
  var resultBox = root.querySelector(".hb-quiz__result");
  var status = root.querySelector(".hb-quiz__status");
  var L = data.labels;
  var numbers = null; /* built for the first number core.wholeNumber does not write */
  var rtl = document.documentElement.dir === "rtl";
  var questions = core.questionsOf(data);

  /* ---- small helpers ----------------------------------------------------------------------- */

  /* One pass over the label: a value that holds "{name}" (a title, a date) stays as it is. */
  function t(key, values) {
    return (L[key] || "").replace(/\{([a-z]+)\}/g, function (whole, k) {
      return values && Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : whole;
    });
  }
  function n(value) {
    var text = core.wholeNumber(value, data.digits);
    if (text !== null) return text;
    numbers = numbers || new Intl.NumberFormat(data.locale, { maximumFractionDigits: 0 });
    return numbers.format(value);
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
  function link(href, text) { return el("a", { href: href }, text); }
  /** A paragraph "label <link>" (or "label text"). */
  function line(label, node) {
    var p = el("p");
    p.appendChild(document.createTextNode(label + " "));
    p.appendChild(node);
    return p;
  }
  function dimension(id) { return data.dimensions.filter(function (d) { return d.id === id; })[0]; }
  /* Before go-live a level carries its readiness name ("Ready for launch", not "Optimising"). */
  function levelName(index, kind) { return kind === "readiness" ? data.levels[index].readinessName : data.levels[index].name; }
  function dateText(iso, style) { return new Intl.DateTimeFormat(data.locale, { dateStyle: style || "medium" }).format(new Date(iso)); }
  /* The live region stays in the page (a region that appears with its text is often not read). */
  function say(message) {
    status.textContent = message;
  }
  function sayAll(messages) { say(messages.filter(Boolean).join(" ")); }

  /* ---- storage: the one place that reads and writes it ------------------------------------- */

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function loadStored() {
    var s = storage();
    var raw;
    try { raw = s ? s.getItem(data.storage.key) : null; } catch (e) { raw = null; }
    var stored = core.readStored(data, raw);
    if (stored.lost && s) {
      /* What could not be read is kept aside, once, and the page says so: never lost silently. */
      try {
        var kept = false;
        var prefix = data.storage.key + ".unreadable.";
        for (var i = 0; i < s.length; i += 1) if (s.key(i).indexOf(prefix) === 0 && s.getItem(s.key(i)) === String(raw)) kept = true;
        if (!kept) s.setItem(prefix + new Date().toISOString(), String(raw));
      } catch (e) { /* full */ }
    }
    return stored;
  }
  function save(change) {
    var stored = loadStored();
    if (stored.newer) return stored; /* a newer handbook wrote it: leave it as it is */
    change(stored);
    var s = storage();
    try { if (s) s.setItem(data.storage.key, core.writeStored(data, stored)); } catch (e) { /* private mode or full: keep going */ }
    return stored;
  }

  /* ---- state, form and address -------------------------------------------------------------- */

  var state = { priority: null, stage: null, answers: {}, targets: {} };
  var view = { mode: "all", page: 0, shared: false, result: false };

  function readForm() {
    var p = form.querySelector('input[name="priority"]:checked');
    var s = form.querySelector('input[name="stage"]:checked');
    state.priority = p && Object.prototype.hasOwnProperty.call(data.codec.priorities, p.value) ? p.value : null;
    state.stage = s && Object.prototype.hasOwnProperty.call(data.codec.stages, s.value) ? s.value : null;
    state.answers = {};
    questions.forEach(function (x) {
      var checked = form.querySelector('input[name="' + x.q.id + '"]:checked');
      if (checked) state.answers[x.q.id] = checked.value === "dk" ? "dk" : Number(checked.value);
    });
  }
  function writeForm() {
    form.reset();
    function check(name, value) {
      var input = form.querySelector('input[name="' + name + '"][value="' + String(value) + '"]');
      if (input) input.checked = true;
    }
    if (state.priority) check("priority", state.priority);
    if (state.stage) check("stage", state.stage);
    Object.keys(state.answers).forEach(function (id) { check(id, state.answers[id]); });
    applyStage();
  }
  function isEmpty() { return !state.priority && !state.stage && Object.keys(state.answers).length === 0; }
  function code() { return core.encode(data, state); }
  /** The address of these answers, whatever the address bar holds now (an anchor, say). */
  function shareUrl() { return here("#answers=" + code()); }
  /** This page's absolute address with another fragment: an absolute URL, so a path that
   * starts with "//" is never read as another host by history.replaceState. */
  function here(hash) { var url = new URL(location.href); url.hash = hash; return url.href; }

  var languageLinks = Array.prototype.slice.call(root.querySelectorAll(".hb-quiz__langs a"));
  /** The one place that writes the address: #answers=<code>, or nothing when nothing is answered. */
  function writeUrl() {
    var hash = isEmpty() ? "" : "#answers=" + code();
    var url = here(hash);
    if (url !== location.href) history.replaceState(null, "", url); /* a change that leaves the address as it is writes no history entry */
    var mode = view.mode !== data.modes[0] ? "mode=" + view.mode : "";
    languageLinks.forEach(function (a) { a.hash = [mode, hash.slice(1)].filter(Boolean).join("&"); }); /* the other language keeps the mode too */
  }
  function remember() {
    writeUrl();
    save(function (stored) { stored.code = isEmpty() ? null : code(); stored.targets = state.targets; });
    updateProgress();
  }

  /* Before go-live, questions that only make sense for a live CRM do not apply. */
  function applyStage() {
    var before = form.querySelector('input[name="stage"]:checked');
    var notLive = !!before && before.value === "pre-launch";
    root.querySelectorAll("fieldset[data-after-launch]").forEach(function (field) {
      field.classList.toggle("hb-quiz__question--na", notLive);
      field.querySelectorAll("input").forEach(function (input) { input.disabled = notLive; });
      var note = field.querySelector(".hb-quiz__na");
      if (note) note.hidden = !notLive;
    });
  }

  var progress = root.querySelector(".hb-quiz__progress progress");
  var progressText = root.querySelector(".hb-quiz__progress-text");
  /** Questions answered and asked, the priority and stage questions included (one count everywhere). */
  function counts(r) {
    return {
      answered: r.totals.answered + r.totals.dontKnow + (state.priority ? 1 : 0) + (state.stage ? 1 : 0),
      total: 2 + r.totals.applicable,
    };
  }
  function updateProgress() {
    var count = counts(core.score(data, state));
    progress.max = count.total;
    progress.value = count.answered;
    progressText.textContent = t("quiz.progress", { answered: n(count.answered), total: n(count.total) });
  }

  /* ---- answering modes: all at once, one step at a time, or workshop (one question) -------- */

  var modeInputs = root.querySelectorAll('input[name="hb-quiz-mode"]');
  var pager = root.querySelector(".hb-quiz__pager");
  var pagerText = root.querySelector(".hb-quiz__pager-text");
  var previousButton = pager.querySelector('[data-action="previous"]');
  var nextButton = pager.querySelector('[data-action="next"]');
  var submitButton = form.querySelector('button[type="submit"]');
  var intro = [form.querySelector(".hb-quiz__priority"), form.querySelector(".hb-quiz__stage")];
  var sections = Array.prototype.slice.call(form.querySelectorAll(".hb-quiz__dimension"));
  var questionFields = Array.prototype.slice.call(form.querySelectorAll(".hb-quiz__dimension .hb-quiz__question"));

  /* What one screen shows: the priority, the stage, then a step (section) or a single question. */
  function units() {
    if (view.mode !== "workshop") return intro.concat(sections);
    return intro.concat(questionFields.filter(function (f) { return !f.classList.contains("hb-quiz__question--na"); }));
  }
  function isOpen(unit) {
    var fields = unit.tagName === "FIELDSET" ? [unit] : Array.prototype.slice.call(unit.querySelectorAll("fieldset"));
    return fields.some(function (f) { return !f.classList.contains("hb-quiz__question--na") && !f.querySelector("input:checked"); });
  }
  function showPage(moveFocus) {
    var list = units();
    var paged = view.mode !== "all";
    view.page = Math.max(0, Math.min(view.page, list.length - 1));
    var unit = list[view.page];
    intro.concat(sections, questionFields).forEach(function (node) {
      node.hidden = paged && !(node === unit || node.contains(unit) || unit.contains(node));
    });
    pager.hidden = !paged;
    submitButton.classList.toggle("md-button--primary", !paged || view.page === list.length - 1);
    previousButton.disabled = view.page === 0;
    nextButton.disabled = view.page === list.length - 1;
    pagerText.textContent = paged
      ? t(view.mode === "workshop" ? "quiz.page_question" : "quiz.page_step", { n: n(view.page + 1), total: n(list.length) })
      : "";
    root.classList.toggle("hb-quiz--paged", paged);
    root.classList.toggle("hb-quiz--workshop", view.mode === "workshop");
    document.body.classList.toggle("hb-workshop", view.mode === "workshop");
    if (moveFocus && paged) {
      (unit.closest(".hb-quiz__dimension") || unit).scrollIntoView({ block: "start" }); /* with its step's heading */
      var target = unit.querySelector("input:checked:not(:disabled)") || unit.querySelector("input:not(:disabled)");
      if (target) target.focus({ preventScroll: true });
    }
  }
  function go(delta) {
    view.page += delta;
    showPage(true);
  }
  /* Switching mode starts at the first screen with an unanswered question. */
  function setMode(value) {
    view.mode = data.modes.indexOf(value) >= 0 ? value : data.modes[0];
    modeInputs.forEach(function (input) { input.checked = input.value === view.mode; });
    writeUrl();
    var list = units();
    view.page = 0;
    while (view.page < list.length - 1 && !isOpen(list[view.page])) view.page += 1;
    showPage(false);
  }
  /** Show one question (by id) wherever the mode has put it, and focus its first answer. */
  function goToQuestion(id) {
    showForm();
    var field = document.getElementById("q-" + id);
    if (!field) return;
    var list = units();
    for (var i = 0; i < list.length; i += 1) {
      if (list[i] === field || list[i].contains(field)) { view.page = i; break; }
    }
    showPage(false);
    field.scrollIntoView({ block: "start" });
    var input = field.querySelector("input:not(:disabled)");
    if (input) input.focus({ preventScroll: true });
  }

  /* A result opened from a link comes first; its questionnaire waits behind "Edit these answers". */
  var modesField = root.querySelector(".hb-quiz__modes");
  function showForm() {
    view.shared = false;
    root.classList.remove("hb-quiz--shared");
    form.hidden = false;
    modesField.hidden = false;
  }
  function showShared() {
    view.shared = true;
    root.classList.add("hb-quiz--shared");
    form.hidden = true;
    modesField.hidden = true;
  }

  /* ---- the result --------------------------------------------------------------------------- */

  function radar(scores, previous) {
    var count = data.dimensions.length;
    var size = 260;
    var c = size / 2;
    var r = 95;
    var chart = svg("svg", { viewBox: "0 0 " + size + " " + size, role: "img", "aria-labelledby": "hb-quiz-chart-title", class: "hb-quiz__radar" });
    var title = svg("title", { id: "hb-quiz-chart-title" });
    title.textContent = t("quiz.chart_title");
    chart.appendChild(title);
    function point(i, value) {
      var angle = -Math.PI / 2 + (rtl ? -1 : 1) * (2 * Math.PI * i) / count;
      return [c + Math.cos(angle) * r * value, c + Math.sin(angle) * r * value];
    }
    function shape(values, cls) {
      var pts = data.dimensions.map(function (d, i) { return point(i, (values[d.id] && values[d.id].score || 0) / 100).join(","); });
      chart.appendChild(svg("polygon", { points: pts.join(" "), class: cls }));
    }
    [0.2, 0.4, 0.6, 0.8, 1].forEach(function (ring) {
      var pts = [];
      for (var i = 0; i < count; i += 1) pts.push(point(i, ring).join(","));
      chart.appendChild(svg("polygon", { points: pts.join(" "), class: "hb-quiz__ring" }));
    });
    data.dimensions.forEach(function (d, i) {
      var end = point(i, 1);
      chart.appendChild(svg("line", { x1: c, y1: c, x2: end[0], y2: end[1], class: "hb-quiz__axis" }));
      var label = svg("text", { x: point(i, 1.17)[0], y: point(i, 1.17)[1], class: "hb-quiz__axis-label", "text-anchor": "middle", "dominant-baseline": "middle" });
      label.textContent = n(d.number);
      chart.appendChild(label);
    });
    if (previous) shape(previous, "hb-quiz__shape hb-quiz__shape--previous");
    shape(scores, "hb-quiz__shape");
    return chart;
  }

  /** Past complete results, oldest first: [{t, code, state, result}]. */
  function pastResults() {
    return loadStored().history.map(function (h) {
      var s = core.decode(data, h.code);
      var r = s ? core.score(data, s) : null;
      return r && r.complete ? { t: h.t, code: h.code, state: s, result: r } : null;
    }).filter(Boolean);
  }

  function coverageText(c) {
    var parts = [t("quiz.coverage", { answered: n(c.answered + c.dontKnow), applicable: n(c.applicable) })];
    if (c.dontKnow) parts.push(t("quiz.coverage_dk", { n: n(c.dontKnow) }));
    if (c.notApplicable) parts.push(t("quiz.coverage_na", { n: n(c.notApplicable) }));
    return parts.join(data.separator);
  }

  function showIncomplete(r, notes) {
    resultBox.appendChild(el("h2", { id: "hb-quiz-result-title" }, t("quiz.incomplete_title")));
    notes.forEach(function (message) { resultBox.appendChild(el("p", { class: "hb-quiz__note" }, message)); });
    var count = counts(r);
    resultBox.appendChild(el("p", {}, t("quiz.incomplete_count", { answered: n(count.answered), total: n(count.total) })));
    if (!r.stage) resultBox.appendChild(el("p", {}, t("quiz.incomplete_stage")));
    if (r.missing.length) {
      resultBox.appendChild(el("p", {}, t("quiz.incomplete_dims")));
      var list = el("ul", { class: "hb-quiz__missing" });
      r.missing.forEach(function (id) {
        var c = r.dimensions[id];
        var why = c.status === "mostly-dont-know" ? t("quiz.status_mostly_dk")
          : c.answered + c.dontKnow === 0 ? t("quiz.status_none") : coverageText(c);
        list.appendChild(el("li", {}, dimension(id).title + " (" + why + ")"));
      });
      resultBox.appendChild(list);
    }
    var first = !r.stage ? "stage" : r.firstOpen;
    if (first) {
      var go = link("#q-" + first, t("quiz.first_open"));
      go.addEventListener("click", function (event) { event.preventDefault(); goToQuestion(first); });
      resultBox.appendChild(el("p")).appendChild(go);
    }
    /* A team wants these answers too: its "nobody knows" list is made of them. */
    if (!isEmpty()) resultBox.appendChild(facilitatorLine());
  }

  var planBox = null;
  function renderPlan(r) {
    planBox.textContent = "";
    planBox.appendChild(el("h3", { id: "hb-quiz-plan-title" }, t("quiz.plan_title")));
    planBox.appendChild(el("p", {}, t("quiz.plan_intro")));
    var actions = core.plan(data, state, r, state.targets);
    if (actions.filter(function (a) { return a.dimension; }).length === 0) planBox.appendChild(el("p", {}, t("quiz.plan_done")));
    var targets = core.targetsFor(data, r, state.targets);
    [0, 1, 2].forEach(function (phase) {
      var mine = actions.filter(function (a) { return a.phase === phase; });
      if (!mine.length) return;
      planBox.appendChild(el("h4", {}, t("quiz.phase_" + phase)));
      var list = el("ul", { class: "hb-quiz__plan-list" });
      var group = null;
      var groupOf = null;
      mine.forEach(function (a) {
        if (!a.dimension) { list.appendChild(actionItem(a)); groupOf = null; return; }
        if (groupOf !== a.dimension) {
          var d = dimension(a.dimension);
          var item = el("li");
          item.appendChild(el("strong", {}, d.title));
          item.appendChild(document.createTextNode(" (" + t("quiz.table_target") + ": " + n(targets[d.id] + 1) + ". " + levelName(targets[d.id], r.kind) + ")"));
          group = el("ul");
          item.appendChild(group);
          list.appendChild(item);
          groupOf = a.dimension;
        }
        group.appendChild(actionItem(a));
      });
      planBox.appendChild(list);
    });
  }
  function optionText(questionId, index) {
    var input = form.querySelector('input[name="' + questionId + '"][value="' + index + '"]');
    var label = input && input.closest("label");
    var span = label && label.querySelector("span");
    if (!span) return "";
    var copy = span.cloneNode(true);
    copy.querySelectorAll(".hb-quiz__points").forEach(function (p) { p.remove(); });
    return copy.textContent.trim();
  }
  function questionText(questionId) {
    var legend = document.querySelector("#q-" + questionId + " > legend");
    if (!legend) return "";
    var copy = legend.cloneNode(true);
    copy.querySelectorAll(".hb-quiz__when").forEach(function (p) { p.remove(); });
    return copy.textContent.trim();
  }
  function actionItem(a) {
    var item = el("li");
    var d = a.dimension ? dimension(a.dimension) : null;
    if (a.kind === "case") {
      var c = data.cases[a.priority];
      item.appendChild(document.createTextNode(t("quiz.action_case") + " "));
      item.appendChild(link(c.href, c.title));
    } else if (a.kind === "priority") {
      item.appendChild(document.createTextNode(t("quiz.action_priority") + " "));
      if (data.strategy) item.appendChild(link(data.strategy.href, data.strategy.title));
    } else if (a.kind === "indicator") {
      item.appendChild(document.createTextNode(t(d.ownIndicator ? "quiz.action_indicator_own" : "quiz.action_indicator") + " "));
      item.appendChild(link(d.href, d.indicator || d.title));
    } else if (a.kind === "causes") {
      item.appendChild(document.createTextNode(t("quiz.action_causes") + " "));
      d.causes.forEach(function (cause, i) {
        if (i) item.appendChild(document.createTextNode(d.causesSeparator));
        item.appendChild(link(cause.href, cause.title));
      });
    } else if (a.kind === "question") {
      item.appendChild(document.createTextNode(t("quiz.action_question") + " "));
      item.appendChild(link(d.href, optionText(a.question, a.option)));
      item.appendChild(el("span", { class: "hb-quiz__plan-question" }, questionText(a.question))); /* an option may build on the one below it */
    } else if (a.kind === "find-out") {
      item.appendChild(document.createTextNode(t("quiz.action_find_out") + " "));
      item.appendChild(link(d.href, questionText(a.question)));
    }
    return item;
  }

  function targetSelect(d, r) {
    var c = r.dimensions[d.id];
    var select = el("select", { "aria-label": t("quiz.target_label", { title: d.title }), "data-dimension": d.id });
    var current = core.targetsFor(data, r, state.targets)[d.id];
    data.levels.forEach(function (l, i) {
      if (i < c.level) return;
      var option = el("option", { value: String(i) }, n(i + 1) + ". " + levelName(i, r.kind));
      if (i === current) option.selected = true;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      state.targets[d.id] = Number(select.value);
      save(function (stored) { stored.targets = state.targets; });
      renderPlan(core.score(data, state));
    });
    return select;
  }

  function showComplete(r, notes) {
    /* This browser's own results; a shared result is compared with nothing it does not own. */
    var past = view.shared ? [] : pastResults();
    var mine = code();
    var earlier = past.filter(function (p) { return p.code !== mine; });
    var previous = earlier.length ? earlier[earlier.length - 1] : null;

    resultBox.appendChild(el("h2", { id: "hb-quiz-result-title" }, t(r.kind === "readiness" ? "quiz.result_readiness" : "quiz.result_title")));
    if (view.shared) {
      var shared = el("div", { class: "hb-quiz__shared" });
      shared.appendChild(el("p", {}, t("quiz.shared_note")));
      var edit = el("button", { type: "button", class: "md-button" }, t("quiz.edit_answers"));
      edit.addEventListener("click", function () {
        remember(); /* from now on these are this browser's answers */
        showForm();
        showResult();
        setMode(view.mode);
        form.scrollIntoView({ block: "start" });
        var first = form.querySelector("input:checked") || form.querySelector("input");
        if (first) first.focus({ preventScroll: true });
      });
      shared.appendChild(edit);
      resultBox.appendChild(shared);
    }
    notes.forEach(function (message) { resultBox.appendChild(el("p", { class: "hb-quiz__note" }, message)); });

    var level = data.levels[r.level];
    var summary = el("div", { class: "hb-quiz__summary" });
    summary.appendChild(el("p", { class: "hb-quiz__level" }, t("quiz.level_of", { n: n(r.level + 1), total: n(data.levels.length), name: levelName(r.level, r.kind) })));
    summary.appendChild(el("p", { class: "hb-quiz__overall" }, t("quiz.overall", { score: n(r.overall) })));
    if (r.cappedBy.length) {
      summary.appendChild(el("p", { class: "hb-quiz__capped" }, t("quiz.capped", {
        name: levelName(r.scoreLevel, r.kind),
        list: r.cappedBy.map(function (id) { return dimension(id).title; }).join(data.separator),
      })));
    }
    var ladder = el("ol", { class: "hb-quiz__steps", "aria-label": t("quiz.ladder_title") });
    data.levels.forEach(function (l, i) {
      var rung = el("li", i === r.level ? { class: "hb-quiz__rung hb-quiz__rung--current", "aria-current": "step" } : { class: "hb-quiz__rung" }, levelName(i, r.kind));
      ladder.appendChild(rung);
    });
    summary.appendChild(ladder);
    summary.appendChild(el("p", {}, r.kind === "readiness" ? level.readiness : level.description));
    resultBox.appendChild(summary);

    var figure = el("figure", { class: "hb-quiz__figure" });
    figure.appendChild(radar(r.dimensions, previous && previous.result.dimensions));
    var table = el("table", { class: "hb-quiz__table" });
    var head = el("tr");
    [t("quiz.table_dimension"), t("quiz.table_score"), t("quiz.table_level"), t("quiz.table_target")].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    if (previous) head.appendChild(el("th", { scope: "col" }, t("quiz.table_change", { date: dateText(previous.t) })));
    if (earlier.length) head.appendChild(el("th", { scope: "col" }, t("quiz.table_trend")));
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    data.dimensions.forEach(function (d) {
      var c = r.dimensions[d.id];
      var row = el("tr");
      row.appendChild(el("th", { scope: "row" }, n(d.number) + ". " + d.title));
      var cell = el("td", { class: "hb-quiz__score", "data-label": t("quiz.table_score") });
      var track = el("span", { class: "hb-quiz__track", "aria-hidden": "true" });
      var bar = el("span", { class: "hb-quiz__bar" });
      bar.style.setProperty("--hb-score", c.score === null ? "0" : String(c.score / 100));
      track.appendChild(bar);
      cell.appendChild(track);
      cell.appendChild(el("span", { class: "hb-quiz__value" }, c.status === "not-applicable" ? t("quiz.not_applicable") : n(c.score)));
      cell.appendChild(el("span", { class: "hb-quiz__coverage" }, coverageText(c)));
      row.appendChild(cell);
      row.appendChild(el("td", { "data-label": t("quiz.table_level") }, c.level === null ? "—" : n(c.level + 1) + ". " + levelName(c.level, r.kind)));
      var targetCell = el("td", { "data-label": t("quiz.table_target") });
      if (c.status === "scored") targetCell.appendChild(targetSelect(d, r));
      else targetCell.textContent = "—";
      row.appendChild(targetCell);
      if (previous) {
        var before = previous.result.dimensions[d.id];
        var change = c.score === null || !before || before.score === null ? null : Math.round(c.score - before.score);
        row.appendChild(el("td", { class: "hb-quiz__change", "data-label": t("quiz.table_change", { date: dateText(previous.t) }) }, change === null ? "—" : (change > 0 ? "+" : change < 0 ? "−" : "") + n(Math.abs(change))));
      }
      if (earlier.length) {
        var trend = earlier.slice(-4).map(function (p) {
          var v = p.result.dimensions[d.id];
          return v && v.score !== null ? n(v.score) : "—";
        });
        row.appendChild(el("td", { class: "hb-quiz__trend", "data-label": t("quiz.table_trend") }, trend.concat([c.score === null ? "—" : n(c.score)]).join(rtl ? " ← " : " → ")));
      }
      body.appendChild(row);
    });
    table.appendChild(body);
    figure.appendChild(table);
    if (previous) figure.appendChild(el("figcaption", {}, t("quiz.chart_previous", { date: dateText(previous.t) })));
    resultBox.appendChild(figure);

    resultBox.appendChild(el("h3", {}, t("quiz.weakest_title")));
    var scores = data.dimensions.map(function (d) { return r.dimensions[d.id].score; }).filter(function (s) { return s !== null; });
    /* No area lags: every one at the top, or every one at the same score below it. */
    if (!r.weakest.length) resultBox.appendChild(el("p", {}, Math.min.apply(null, scores) >= 100 ? t("quiz.weakest_none") : t("quiz.weakest_even", { score: n(scores[0]) })));
    else if (r.weakest.length > 3) resultBox.appendChild(el("p", {}, t("quiz.weakest_tied")));
    var list = el("ol", { class: "hb-quiz__next" });
    r.weakest.forEach(function (id) {
      var d = dimension(id);
      var item = el("li");
      item.appendChild(el("strong", {}, d.title + " (" + n(r.dimensions[id].score) + ")"));
      /* CRM strategy is no checklist step: it links to the handbook's section on it. */
      item.appendChild(line(t(d.isStep ? "quiz.read_step" : "quiz.read_idea") + ":", link(d.href, d.title)));
      if (d.causes.length) {
        var causes = el("p");
        causes.appendChild(document.createTextNode(t("quiz.read_causes") + ": "));
        d.causes.forEach(function (cause, i) {
          if (i) causes.appendChild(document.createTextNode(d.causesSeparator));
          causes.appendChild(link(cause.href, cause.title));
        });
        item.appendChild(causes);
      }
      list.appendChild(item);
    });
    if (r.weakest.length) resultBox.appendChild(list);

    planBox = el("section", { class: "hb-quiz__plan", "aria-labelledby": "hb-quiz-plan-title" });
    resultBox.appendChild(planBox);
    renderPlan(r);

    if (r.totals.dontKnow) resultBox.appendChild(el("p", { class: "hb-quiz__dont-know" }, t("quiz.dont_know_note", { n: n(r.totals.dontKnow) })));
    if (r.totals.notApplicable) resultBox.appendChild(el("p", {}, t("quiz.na_note", { n: n(r.totals.notApplicable) })));

    if (past.length) {
      var historyBox = el("section", { class: "hb-quiz__history", "aria-labelledby": "hb-quiz-history-title" });
      historyBox.appendChild(el("h3", { id: "hb-quiz-history-title" }, t("quiz.history_title")));
      var items = el("ol");
      past.slice().reverse().forEach(function (p) {
        var item = el("li");
        item.appendChild(document.createTextNode(t("quiz.history_item", {
          date: dateText(p.t),
          kind: t(p.result.kind === "readiness" ? "quiz.kind_readiness" : "quiz.kind_maturity"),
          n: n(p.result.level + 1),
          total: n(data.levels.length),
          name: levelName(p.result.level, p.result.kind),
          score: n(p.result.overall),
        }) + " "));
        if (p.code !== mine) item.appendChild(link("#answers=" + encodeURIComponent(p.code), t("quiz.history_open")));
        items.appendChild(item);
      });
      historyBox.appendChild(items);
      resultBox.appendChild(historyBox);
    }

    var share = el("p", { class: "hb-quiz__share" });
    var url = shareUrl();
    share.appendChild(link(url, t("quiz.share")));
    share.appendChild(document.createTextNode(" "));
    var copy = el("button", { type: "button", class: "md-button" }, t("quiz.copy_link"));
    var copyStatus = el("span", { class: "hb-quiz__copy-status", role: "status" });
    copy.addEventListener("click", function () { copyLink(shareUrl(), copyStatus, share); });
    share.appendChild(copy);
    share.appendChild(document.createTextNode(" "));
    var print = el("button", { type: "button", class: "md-button" }, t("quiz.print"));
    print.addEventListener("click", function () { window.print(); });
    share.appendChild(print);
    share.appendChild(copyStatus);
    resultBox.appendChild(share);
    resultBox.appendChild(facilitatorLine());
    /* Only on paper: when it was printed and the link that opens the same answers again. */
    resultBox.appendChild(el("p", { class: "hb-quiz__report-note" }, t("quiz.report_note", { date: dateText(new Date().toISOString(), "long"), url: url })));
  }

  /* In a workshop: the line the team page reads ("nickname: link"), to copy and send to the
     facilitator. A nickname loses what would end it early there (: # & = /) and is cut at 40. */
  function facilitatorLine() {
    var box = el("p", { class: "hb-quiz__send" });
    box.appendChild(el("label", { for: "hb-quiz-nickname" }, t("quiz.facilitator_name")));
    var nickname = el("input", { id: "hb-quiz-nickname", type: "text", maxlength: "40", autocomplete: "off", class: "hb-quiz__nickname" });
    var button = el("button", { type: "button", class: "md-button" }, t("quiz.facilitator_copy"));
    var sent = el("span", { class: "hb-quiz__copy-status", role: "status" });
    button.addEventListener("click", function () {
      /* what would end the nickname or the line on the team page (quiz/team.js: NICKNAME, BREAKS) */
      // eslint-disable-next-line no-control-regex -- the file, group and record separators break lines there
      var name = Array.from(nickname.value.replace(/[:#&=/\s\x1c-\x1e\x85]+/g, " ").trim()).slice(0, 40).join("").trim();
      copyLink((name ? name + ": " : "") + shareUrl(), sent, box);
    });
    [nickname, button, sent].forEach(function (node) { box.appendChild(document.createTextNode(" ")); box.appendChild(node); });
    return box;
  }

  /** Copy a link; on a plain-http classroom server the clipboard API is missing, so fall back. */
  function copyLink(url, statusNode, box) {
    function done() { statusNode.textContent = t("quiz.copied"); }
    function manual() {
      var field = box.querySelector(".hb-quiz__copy-field") || box.appendChild(el("input", { class: "hb-quiz__copy-field", readonly: "", "aria-label": t("quiz.share") }));
      field.value = url;
      field.focus();
      field.select();
      statusNode.textContent = t("quiz.copy_manual");
    }
    function legacy() {
      var area = el("textarea", { readonly: "", class: "hb-quiz__copy-area" });
      area.value = url;
      document.body.appendChild(area);
      area.select();
      var ok;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) done(); else manual();
    }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).then(done, legacy);
    else legacy();
  }

  /** Render the result for the current state (notes: messages about the link it came from). */
  function showResult(notes) {
    var r = core.score(data, state);
    resultBox.textContent = "";
    if (r.complete) showComplete(r, notes || []);
    else showIncomplete(r, notes || []);
    resultBox.hidden = false;
    view.result = true;
    root.classList.add("hb-quiz--done"); /* the progress bar stops following the reader */
    root.classList.toggle("hb-quiz--complete", r.complete);
    return r;
  }
  function hideResult() {
    resultBox.hidden = true;
    resultBox.textContent = "";
    view.result = false;
    root.classList.remove("hb-quiz--done", "hb-quiz--complete");
  }

  /* ---- wiring ----------------------------------------------------------------------------- */

  root.classList.add("hb-quiz--enhanced");
  modesField.hidden = false;
  root.querySelector(".hb-quiz__actions").hidden = false;
  root.querySelector(".hb-quiz__tools").hidden = false;
  submitButton.disabled = false;

  form.addEventListener("change", function (event) {
    if (event.target.name === "stage") { applyStage(); showPage(false); } /* the paged list depends on the stage */
    readForm();
    remember();
    if (view.result) showResult();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    readForm();
    remember();
    var r = showResult();
    if (r.complete) {
      var when = new Date().toISOString();
      save(function (stored) { stored.history = core.addToHistory(stored, code(), when); });
      showResult(); /* now with this result in the list of past results */
    }
    resultBox.scrollIntoView({ block: "start" });
    resultBox.focus({ preventScroll: true });
  });

  var undoButton = null;
  root.querySelector('[data-action="clear"]').addEventListener("click", function (event) {
    var clearButton = event.currentTarget;
    var before = { state: JSON.parse(JSON.stringify(state)), raw: null };
    var s = storage();
    try { before.raw = s ? s.getItem(data.storage.key) : null; } catch (e) { before.raw = null; }
    try { if (s) s.removeItem(data.storage.key); } catch (e) { /* nothing stored */ }
    state = { priority: null, stage: null, answers: {}, targets: {} };
    writeForm();
    hideResult();
    showForm();
    writeUrl();
    updateProgress();
    setMode(view.mode);
    say(t("quiz.cleared"));
    if (undoButton) undoButton.remove();
    undoButton = el("button", { type: "button", class: "md-button" }, t("quiz.undo"));
    undoButton.addEventListener("click", function () {
      try { if (s && before.raw !== null) s.setItem(data.storage.key, before.raw); } catch (e) { /* full */ }
      state = before.state;
      writeForm();
      remember();
      setMode(view.mode);
      undoButton.remove();
      undoButton = null;
      say("");
      clearButton.focus();
    });
    clearButton.insertAdjacentElement("afterend", undoButton);
  });

  modeInputs.forEach(function (input) {
    input.addEventListener("change", function () {
      setMode(input.value);
      save(function (stored) { stored.mode = view.mode; });
    });
  });
  root.querySelector('[data-action="leave-workshop"]').addEventListener("click", function () {
    setMode(data.modes[0]);
    save(function (stored) { stored.mode = view.mode; });
    modesField.scrollIntoView({ block: "start" });
    modeInputs[0].focus({ preventScroll: true });
  });
  previousButton.addEventListener("click", function () { go(-1); });
  nextButton.addEventListener("click", function () { go(1); });
  /* In a paged mode, Enter on an answer moves to the next screen (on the last one it shows the result). */
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || view.mode === "all" || event.target.type !== "radio") return;
    event.preventDefault();
    if (view.page < units().length - 1) go(1);
    else form.requestSubmit();
  });

  root.querySelector('[data-action="export"]').addEventListener("click", function () {
    var stored = loadStored();
    var file = { app: "crm-handbook-quiz", schema: data.storage.schema, saved: new Date().toISOString(), code: code(), targets: state.targets, history: stored.history };
    var a = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" })), download: "crm-maturity-answers.json" });
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
  root.querySelector('[data-action="import"]').addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    event.target.value = "";
    if (!file || file.size > 400000) { say(t("quiz.bad_file")); return; }
    file.text().then(function (text) {
      var value;
      try { value = JSON.parse(text); } catch (e) { value = null; }
      var parsed = value && typeof value === "object" && value.app === "crm-handbook-quiz" ? core.readStored(data, text) : null;
      var decoded = parsed && parsed.code ? core.decode(data, parsed.code) : null;
      if (!decoded) { say(t("quiz.bad_file")); return; }
      save(function (stored) {
        parsed.history.forEach(function (h) {
          if (!stored.history.some(function (x) { return x.t === h.t && x.code === h.code; })) stored.history.push(h);
        });
        stored.history.sort(function (a, b) { return Date.parse(a.t) - Date.parse(b.t); });
      });
      state = { priority: decoded.priority, stage: decoded.stage, answers: decoded.answers, targets: parsed.targets };
      writeForm();
      remember();
      showForm();
      setMode(view.mode);
      showResult();
      sayAll([t("quiz.imported"), parsed.lost ? t("quiz.storage_lost", { n: n(parsed.lost) }) : ""]);
    }, function () { say(t("quiz.bad_file")); });
  });

  /* Answers from a link (#answers=…): the result first, the questionnaire behind "Edit". A
     broken link is ignored with a message. Returns true when the link gave answers. */
  function answersFromLink() {
    var text = core.codeFromHash(location.hash);
    if (text === null) return false;
    var decoded = core.decode(data, text);
    if (!decoded) {
      say(t("quiz.bad_link"));
      return false;
    }
    var notes = [];
    if (decoded.added) notes.push(t("quiz.link_added", { n: n(decoded.added) }));
    if (decoded.dropped.length) notes.push(t("quiz.link_dropped", { n: n(decoded.dropped.length) }));
    state = { priority: decoded.priority, stage: decoded.stage, answers: decoded.answers, targets: loadStored().targets };
    writeForm();
    /* A link may be someone else's answers: it is shown, and an older code rewritten in the
       current form, but this browser's own answers are only replaced once the visitor edits. */
    writeUrl();
    updateProgress();
    if (core.score(data, state).complete) showShared(); /* a non-result has nothing to show first */
    else showForm();
    showResult(notes);
    if (started) setMode(view.mode);
    return true;
  }
  /* A link pasted into this tab's address bar, or a past result opened from the list. */
  window.addEventListener("hashchange", function () {
    var asked = core.modeFromHash(data, location.hash);
    if (asked) setMode(asked);
    if (answersFromLink()) {
      resultBox.scrollIntoView({ block: "start" });
      resultBox.focus({ preventScroll: true });
    } else if (core.codeFromHash(location.hash) !== null) {
      writeUrl();
    }
  });

  var started = false;
  var stored = loadStored();
  var askedMode = core.modeFromHash(data, location.hash);
  var messages = [];
  if (stored.lost) messages.push(t("quiz.storage_lost", { n: n(stored.lost) }));
  if (stored.dropped) messages.push(t("quiz.storage_dropped", { n: n(stored.dropped) }));
  if (askedMode) save(function (s) { s.mode = askedMode; }); /* a trainer's link keeps its mode on reload */
  if (!stored.newer && (stored.lost || (stored.migrated && (stored.code || stored.history.length)))) {
    save(function () { /* rewritten in the current schema; anything unreadable was kept aside */ });
  }
  state.targets = stored.targets;
  if (!answersFromLink()) {
    var brokenLink = core.codeFromHash(location.hash) !== null;
    if (brokenLink) { messages.unshift(t("quiz.bad_link")); history.replaceState(null, "", here("")); }
    var resumed = stored.code ? core.decode(data, stored.code) : null;
    if (resumed) {
      state = { priority: resumed.priority, stage: resumed.stage, answers: resumed.answers, targets: stored.targets };
      writeForm();
      remember();
      if (!brokenLink) messages.push(t("quiz.resumed"));
    } else {
      updateProgress();
    }
  }
  sayAll(messages);
  setMode(askedMode || stored.mode || data.modes[0]);
  if (view.shared) resultBox.scrollIntoView({ block: "start" }); /* a shared link opens on its result, on a phone too */
  started = true;
})();
