/*
 * The team page (issue 18): the thin DOM layer over quiz/team.js. It reads the pasted result
 * links and the dropped answer files, writes the team's view (summary, radar band, table, the
 * questions to discuss and to find out, targets and the phased plan) with textContent only, and
 * keeps everything in the address's #fragment (#team=<lines>&stage=…&targets=…), which no server
 * receives: the team link reopens the same view, in any language (the language menu keeps the
 * fragment, docs/assets/javascripts/links.js). Nothing is stored and nothing is sent.
 */
(function () {
  "use strict";

  var core = window.HandbookQuizCore;
  var team = window.HandbookQuizTeam;
  var root = document.getElementById("hb-team");
  var dataNode = document.getElementById("hb-team-data");
  if (!core || !team || !root || !dataNode) return;
  var data;
  try { data = JSON.parse(dataNode.textContent); } catch (e) { return; }

  var L = data.labels;
  var form = root.querySelector(".hb-team__form");
  var area = form.querySelector("textarea");
  var resultBox = root.querySelector(".hb-team__result");
  var status = root.querySelector(".hb-quiz__status");
  var rtl = document.documentElement.dir === "rtl";
  var numbers = null;
  var MAX_FILE = 400000; /* bytes; an exported answers file is well under 10 KB */
  var MAX_TEXT = 200000; /* characters pasted or read from the link: a thousand respondents fit */
  /* The team's choices beside the links; files that could not be read, with the reason. */
  var view = { stage: null, targets: {}, badFiles: [] };

  /* ---- small helpers (as quiz/quiz.js) ------------------------------------------------------ */

  /* One pass over the label: a value (a pasted line) that holds "{reason}" stays as it is. */
  function t(key, values) {
    return (L[key] || "").replace(/\{([a-z]+)\}/g, function (whole, k) { return values && has(values, k) ? String(values[k]) : whole; });
  }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  /** A paragraph or list item of a label whose values may be nodes; the text a reader typed or
   * pasted (names, lines, file names) is isolated (bdi), so right-to-left pages keep its order. */
  function filled(tag, attrs, key, values) {
    var node = el(tag, attrs);
    (L[key] || "").split(/(\{[a-z]+\})/).forEach(function (part) {
      var name = /^\{([a-z]+)\}$/.exec(part);
      var value = name && has(values, name[1]) ? values[name[1]] : part;
      node.appendChild(typeof value === "string" ? document.createTextNode(value) : value);
    });
    return node;
  }
  function typed(text) { return el("bdi", {}, text); }
  /** Names as typed, each isolated, between the language's separators. */
  function names(list) {
    var out = document.createDocumentFragment();
    list.forEach(function (name, i) {
      if (i) out.appendChild(document.createTextNode(data.separator));
      out.appendChild(typed(name));
    });
    return out;
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
  function say(message) { status.textContent = message; }
  function dimension(id) { return data.dimensions.filter(function (d) { return d.id === id; })[0]; }
  function question(id) {
    for (var i = 0; i < data.dimensions.length; i += 1) {
      var qs = data.dimensions[i].questions;
      for (var j = 0; j < qs.length; j += 1) if (qs[j].id === id) return { d: data.dimensions[i], q: qs[j] };
    }
    return null;
  }
  function levelName(index, kind) { return kind === "readiness" ? data.levels[index].readinessName : data.levels[index].name; }
  function list(items) { return items.join(data.separator); }

  /* ---- the fragment: the one place that reads and writes it ---------------------------------- */

  function readHash() {
    var found = { lines: null, stage: null, targets: {} };
    String(location.hash).replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 0) return;
      var value;
      try { value = decodeURIComponent(part.slice(eq + 1)); } catch (e) { return; }
      var key = part.slice(0, eq);
      if (key === "team" && value.length <= MAX_TEXT) found.lines = value;
      else if (key === "stage" && (value === "live" || value === "pre-launch")) found.stage = value;
      else if (key === "targets") found.targets = readTargets(value);
    });
    return found;
  }
  /** "dimension:level,…" -> {dimension: level}; anything else is dropped. */
  function readTargets(text) {
    var out = {};
    String(text).split(",").forEach(function (pair) {
      var bits = pair.split(":");
      var level = Number(bits[1]);
      if (bits.length === 2 && dimension(bits[0]) && Number.isInteger(level) && level >= 0 && level < data.levels.length) out[bits[0]] = level;
    });
    return out;
  }
  /** The inverse of readTargets, for the link and the saved file. */
  function targetsText() {
    return Object.keys(view.targets).filter(dimension).map(function (id) { return id + ":" + view.targets[id]; }).join(",");
  }
  /** The stage the team chose, kept only while its respondents do not all give the same one. */
  function chosenStage(tv) { return tv.given ? null : view.stage; }
  function teamHash(people, tv) {
    var parts = ["team=" + encodeURIComponent(linesOf(people))];
    if (chosenStage(tv)) parts.push("stage=" + view.stage);
    if (targetsText()) parts.push("targets=" + encodeURIComponent(targetsText()));
    return "#" + parts.join("&");
  }
  function teamUrl(people, tv) { return here(teamHash(people, tv)); }
  function here(hash) { var url = new URL(location.href); url.hash = hash; return url.href; }
  function linesOf(people) { return people.map(function (p) { return p.name + ": " + p.code; }).join("\n"); }

  /* ---- reading what was given ---------------------------------------------------------------- */

  function addLines(text) {
    var before = area.value.replace(/\s+$/, "");
    area.value = before ? before + "\n" + text : text;
  }

  /** What a file adds: an exported quiz answers file its code, a saved team file its lines and
   * choices; null for anything else. */
  function readFile(file) {
    if (file.size > MAX_FILE) return Promise.resolve(null);
    return file.text().then(function (text) { return team.readFileText(data, text); }, function () { return null; });
  }
  /* Files are read together and added in the order given (the names A, B, C follow it). */
  function addFiles(files) {
    var all = Array.prototype.slice.call(files || []);
    if (!all.length) return;
    Promise.all(all.map(readFile)).then(function (read) {
      read.forEach(function (found, i) {
        if (!found) { view.badFiles.push(all[i].name); return; }
        addLines(found.lines);
        if (found.stage) view.stage = found.stage;
        if (found.targets) view.targets = readTargets(found.targets);
      });
      show();
      say(t("team.files_read", { n: n(read.filter(Boolean).length), total: n(read.length) }));
    });
  }

  /* ---- the team's view ----------------------------------------------------------------------- */

  /** The team's view as a single result, for core.plan and core.targetsFor. */
  function asResult(tv) {
    var dims = {};
    data.dimensions.forEach(function (d) {
      var s = tv.dimensions[d.id];
      var counts = s.applies && s.counts;
      dims[d.id] = { status: !s.applies ? "not-applicable" : counts ? "scored" : "missing", score: counts ? s.median : null, level: counts ? s.level : null };
    });
    return { complete: tv.complete, stage: tv.stage, dimensions: dims };
  }
  function teamState(tv) {
    var answers = {};
    Object.keys(tv.questions).forEach(function (id) { if (tv.questions[id].answer !== null) answers[id] = tv.questions[id].answer; });
    return { priority: tv.priority, answers: answers };
  }

  function radar(tv) {
    var count = data.dimensions.length;
    var size = 260;
    var c = size / 2;
    var r = 95;
    var chart = svg("svg", { viewBox: "0 0 " + size + " " + size, role: "img", "aria-labelledby": "hb-team-chart-title", class: "hb-quiz__radar" });
    var title = svg("title", { id: "hb-team-chart-title" });
    title.textContent = t("team.chart_title");
    chart.appendChild(title);
    function point(i, value) {
      var angle = -Math.PI / 2 + (rtl ? -1 : 1) * (2 * Math.PI * i) / count;
      return [c + Math.cos(angle) * r * value, c + Math.sin(angle) * r * value];
    }
    function ring(key) {
      return "M" + data.dimensions.map(function (d, i) { return point(i, (tv.dimensions[d.id][key] || 0) / 100).join(","); }).join("L") + "Z";
    }
    [0.2, 0.4, 0.6, 0.8, 1].forEach(function (step) {
      var pts = [];
      for (var i = 0; i < count; i += 1) pts.push(point(i, step).join(","));
      chart.appendChild(svg("polygon", { points: pts.join(" "), class: "hb-quiz__ring" }));
    });
    data.dimensions.forEach(function (d, i) {
      var end = point(i, 1);
      chart.appendChild(svg("line", { x1: c, y1: c, x2: end[0], y2: end[1], class: "hb-quiz__axis" }));
      var label = svg("text", { x: point(i, 1.17)[0], y: point(i, 1.17)[1], class: "hb-quiz__axis-label", "text-anchor": "middle", "dominant-baseline": "middle" });
      label.textContent = n(d.number);
      chart.appendChild(label);
    });
    /* The band from each area's lowest to its highest score (the lows' outline cut out of the
       highs': on every axis low <= high, so the inner shape lies inside the outer one). */
    chart.appendChild(svg("path", { d: ring("high") + ring("low"), "fill-rule": "evenodd", class: "hb-team__band" }));
    chart.appendChild(svg("path", { d: ring("median"), class: "hb-quiz__shape hb-team__median" }));
    return chart;
  }

  function summary(tv, kind) {
    var box = el("div", { class: "hb-quiz__summary" });
    /* The respondents' stages differ, or a code has none: the team says which it is (and can change it). */
    if (!tv.given) box.appendChild(stageChoice(tv));
    if (tv.complete) {
      box.appendChild(el("p", { class: "hb-quiz__level" }, t("quiz.level_of", { n: n(tv.level + 1), total: n(data.levels.length), name: levelName(tv.level, kind) })));
      box.appendChild(el("p", { class: "hb-quiz__overall" }, t("quiz.overall", { score: n(tv.overall) })));
      if (tv.cappedBy.length) {
        box.appendChild(el("p", { class: "hb-quiz__capped" }, t("team.capped", {
          name: levelName(tv.scoreLevel, kind),
          list: list(tv.cappedBy.map(function (id) { return dimension(id).title; })),
        })));
      }
      box.appendChild(el("p", {}, kind === "readiness" ? data.levels[tv.level].readiness : data.levels[tv.level].description));
      if (tv.weakest.length) {
        box.appendChild(el("p", {}, t("team.weakest", { list: list(tv.weakest.map(function (id) { return dimension(id).title; })) })));
      }
      return box;
    }
    box.appendChild(el("p", { class: "hb-quiz__level" }, t("team.no_level")));
    box.appendChild(el("p", {}, t("team.no_level_next")));
    if (tv.missing.length) {
      box.appendChild(el("p", {}, t("team.missing", { list: list(tv.missing.map(function (id) { return dimension(id).title; })) })));
    }
    return box;
  }

  function stageChoice(tv) {
    var field = el("fieldset", { class: "hb-team__stage" });
    var said = Object.keys(tv.stages).map(function (s) { return t("stage." + s) + " (" + n(tv.stages[s]) + ")"; });
    field.appendChild(el("legend", {}, t("team.stage_question")));
    if (said.length) field.appendChild(el("p", {}, t("team.stages_said", { list: list(said) })));
    ["live", "pre-launch"].forEach(function (s) { /* the quiz's order */
      var label = el("label", { class: "hb-quiz__option" });
      var input = el("input", { type: "radio", name: "hb-team-stage", value: s });
      input.checked = view.stage === s;
      input.addEventListener("change", function () {
        view.stage = s;
        show();
        resultBox.querySelector('input[name="hb-team-stage"][value="' + s + '"]').focus(); /* the view is drawn again: focus stays put */
        say(resultBox.querySelector(".hb-quiz__level").textContent);
      });
      label.appendChild(input);
      label.appendChild(el("span", {}, " " + t("stage." + s)));
      field.appendChild(label);
    });
    return field;
  }

  function table(tv, result, kind) {
    var box = el("table", { class: "hb-quiz__table hb-team__table" });
    var head = el("tr");
    var columns = ["quiz.table_dimension", "team.table_median", "team.table_range", "team.table_scored", "team.table_dont_know", "quiz.table_level", "quiz.table_target"];
    columns.forEach(function (key) { head.appendChild(el("th", { scope: "col" }, t(key))); });
    box.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    var targets = tv.complete ? core.targetsFor(data, result, view.targets) : {};
    data.dimensions.forEach(function (d) {
      var s = tv.dimensions[d.id];
      var row = el("tr");
      row.appendChild(el("th", { scope: "row" }, n(d.number) + ". " + d.title));
      var none = s.applies ? "—" : t("quiz.not_applicable");
      row.appendChild(el("td", { class: "hb-team__median-cell", "data-label": t("team.table_median") }, s.median === null ? none : n(s.median)));
      row.appendChild(el("td", { "data-label": t("team.table_range") }, s.low === null ? "—" : t("team.range", { low: n(s.low), high: n(s.high) })));
      row.appendChild(el("td", { "data-label": t("team.table_scored") }, t("team.of", { n: n(s.scored), total: n(tv.respondents) })));
      row.appendChild(el("td", { "data-label": t("team.table_dont_know") }, n(s.mostlyDontKnow)));
      row.appendChild(el("td", { "data-label": t("quiz.table_level") }, s.level === null ? "—" : n(s.level + 1) + ". " + levelName(s.level, kind)));
      var cell = el("td", { "data-label": t("quiz.table_target") });
      if (has(targets, d.id)) cell.appendChild(targetSelect(d, result, targets[d.id], kind));
      else cell.textContent = "—";
      row.appendChild(cell);
      body.appendChild(row);
    });
    box.appendChild(body);
    return box;
  }

  function targetSelect(d, result, current, kind) {
    var select = el("select", { "aria-label": t("quiz.target_label", { title: d.title }), "data-dimension": d.id });
    data.levels.forEach(function (l, i) {
      if (i < result.dimensions[d.id].level) return;
      var option = el("option", { value: String(i) }, n(i + 1) + ". " + levelName(i, kind));
      if (i === current) option.selected = true;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      view.targets[d.id] = Number(select.value);
      show();
      var again = resultBox.querySelector('select[data-dimension="' + d.id + '"]');
      if (again) again.focus();
      say(t("team.plan_updated"));
    });
    return select;
  }

  /** The questions to discuss (options two or more apart) or to find out (most do not know). */
  function questionList(ids, keys, describe) {
    var box = el("section", { class: "hb-team__questions" });
    box.appendChild(el("h3", {}, t(keys[0])));
    box.appendChild(el("p", {}, t(ids.length ? keys[1] : keys[2])));
    if (!ids.length) return box;
    var items = el("ul");
    ids.forEach(function (id) {
      var found = question(id);
      if (!found) return;
      var item = el("li", { "data-question": id });
      item.appendChild(el("span", { class: "hb-team__area" }, n(found.d.number) + ". " + found.d.title));
      item.appendChild(el("strong", {}, found.q.text));
      item.appendChild(el("span", { class: "hb-team__detail" }, describe(found.q)));
      items.appendChild(item);
    });
    box.appendChild(items);
    return box;
  }

  function plan(tv, result, kind) {
    var box = el("section", { class: "hb-quiz__plan", "aria-labelledby": "hb-team-plan-title" });
    box.appendChild(el("h3", { id: "hb-team-plan-title" }, t("quiz.plan_title")));
    box.appendChild(el("p", {}, t("team.plan_intro")));
    var actions = core.plan(data, teamState(tv), result, view.targets);
    if (!actions.some(function (a) { return a.dimension; })) box.appendChild(el("p", {}, t("quiz.plan_done")));
    var targets = core.targetsFor(data, result, view.targets);
    [0, 1, 2].forEach(function (phase) {
      var mine = actions.filter(function (a) { return a.phase === phase; });
      if (!mine.length) return;
      box.appendChild(el("h4", {}, t("quiz.phase_" + phase)));
      var items = el("ul", { class: "hb-quiz__plan-list" });
      var group = null;
      var groupOf = null;
      mine.forEach(function (a) {
        if (!a.dimension) { items.appendChild(actionItem(a)); groupOf = null; return; }
        if (groupOf !== a.dimension) {
          var d = dimension(a.dimension);
          var item = el("li");
          item.appendChild(el("strong", {}, d.title));
          item.appendChild(document.createTextNode(" (" + t("quiz.table_target") + ": " + n(targets[d.id] + 1) + ". " + levelName(targets[d.id], kind) + ")"));
          group = el("ul");
          item.appendChild(group);
          items.appendChild(item);
          groupOf = a.dimension;
        }
        group.appendChild(actionItem(a));
      });
      box.appendChild(items);
    });
    return box;
  }
  function actionItem(a) {
    var item = el("li");
    var d = a.dimension ? dimension(a.dimension) : null;
    var found = a.question ? question(a.question) : null;
    function words(key, node) { item.appendChild(document.createTextNode(t(key) + " ")); if (node) item.appendChild(node); }
    if (a.kind === "case") words("quiz.action_case", link(data.cases[a.priority].href, data.cases[a.priority].title));
    else if (a.kind === "priority") words("team.action_priority", data.strategy ? link(data.strategy.href, data.strategy.title) : null);
    else if (a.kind === "indicator") words(d.ownIndicator ? "quiz.action_indicator_own" : "quiz.action_indicator", link(d.href, d.indicator || d.title));
    else if (a.kind === "causes") {
      words("quiz.action_causes");
      d.causes.forEach(function (cause, i) {
        if (i) item.appendChild(document.createTextNode(d.causesSeparator));
        item.appendChild(link(cause.href, cause.title));
      });
    } else if (a.kind === "question" && found) {
      words("quiz.action_question", link(d.href, found.q.options[a.option]));
      item.appendChild(el("span", { class: "hb-quiz__plan-question" }, found.q.text));
    } else if (a.kind === "find-out" && found) words("quiz.action_find_out", link(d.href, found.q.text));
    return item;
  }

  function skippedList(skipped) {
    var reasons = { "not-a-code": t("team.reason_not_a_code"), "too-long": t("team.reason_too_long"), duplicate: t("team.reason_duplicate") };
    var box = el("section", { class: "hb-team__skipped" });
    box.appendChild(el("h3", {}, t("team.skipped_title")));
    var items = el("ul");
    skipped.forEach(function (s) {
      items.appendChild(filled("li", {}, "team.skipped_line", { n: n(s.line), text: typed(s.text), reason: reasons[s.reason] }));
    });
    view.badFiles.forEach(function (name) {
      items.appendChild(filled("li", {}, "team.skipped_file", { name: typed(String(name).slice(0, 80)), reason: t("team.reason_not_a_file") }));
    });
    box.appendChild(items);
    return box;
  }

  function actions(people, tv) {
    var box = el("p", { class: "hb-quiz__share" });
    var url = teamUrl(people, tv);
    box.appendChild(link(url, t("team.link")));
    box.appendChild(document.createTextNode(" "));
    var copyStatus = el("span", { class: "hb-quiz__copy-status", role: "status" });
    var copy = el("button", { type: "button", class: "md-button" }, t("quiz.copy_link"));
    copy.addEventListener("click", function () { copyLink(teamUrl(people, tv), copyStatus, box); });
    var save = el("button", { type: "button", class: "md-button" }, t("team.save"));
    save.addEventListener("click", function () { download(people, tv); });
    var print = el("button", { type: "button", class: "md-button" }, t("quiz.print"));
    print.addEventListener("click", function () { window.print(); });
    [copy, save, print].forEach(function (button) { box.appendChild(button); box.appendChild(document.createTextNode(" ")); });
    box.appendChild(copyStatus);
    return box;
  }
  function download(people, tv) {
    var file = { app: "crm-handbook-team", saved: new Date().toISOString(), lines: linesOf(people), stage: chosenStage(tv), targets: targetsText() };
    var href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
    var a = el("a", { href: href, download: "crm-team-answers.json" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(href); }, 0);
  }
  /** Copy a link; on a plain-http classroom server the clipboard API is missing, so fall back. */
  function copyLink(url, statusNode, box) {
    function done() { statusNode.textContent = t("quiz.copied"); }
    function legacy() {
      var scratch = el("textarea", { readonly: "", class: "hb-quiz__copy-area" });
      scratch.value = url;
      document.body.appendChild(scratch);
      scratch.select();
      var ok;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      scratch.remove();
      if (ok) done(); else manual();
    }
    function manual() {
      var field = box.querySelector(".hb-quiz__copy-field") || box.appendChild(el("input", { class: "hb-quiz__copy-field", readonly: "", "aria-label": t("team.link") }));
      field.value = url;
      field.focus();
      field.select();
      statusNode.textContent = t("quiz.copy_manual");
    }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).then(done, legacy);
    else legacy();
  }

  /** Read the box, put the team together and show it; `writeLink`: keep it in the address. */
  function show(writeLink) {
    var read = team.respondents(data, area.value.slice(0, MAX_TEXT));
    var people = read.respondents;
    var tv = team.aggregate(data, people, view.stage);
    var kind = tv.stage === "pre-launch" ? "readiness" : "maturity";
    /** [lowest, highest] option chosen for a question the team disagrees on. */
    function spread(id) {
      var chosen = tv.questions[id].chosen;
      return chosen.reduce(function (r, v) { return [Math.min(r[0], v), Math.max(r[1], v)]; }, [chosen[0], chosen[0]]);
    }
    var result = asResult(tv);
    resultBox.textContent = "";
    resultBox.appendChild(el("h2", { id: "hb-team-result-title" }, t("team.result_title")));
    if (!people.length) {
      resultBox.appendChild(el("p", {}, t("team.none")));
    } else {
      resultBox.appendChild(filled("p", { class: "hb-team__people" }, "team.respondents", { n: n(people.length), list: names(people.map(function (p) { return p.name; })) }));
      if (people.length === 1) resultBox.appendChild(el("p", { class: "hb-quiz__note" }, t("team.one")));
      var older = people.filter(function (p) { return p.decoded.added || p.decoded.dropped.length; }).map(function (p) { return p.name; });
      if (older.length) resultBox.appendChild(filled("p", { class: "hb-quiz__note" }, "team.older", { list: names(older) }));
      /* The same answers under two names (a file and a link of one person?): said, not dropped,
         as two people may answer alike. */
      var byCode = Object.create(null);
      people.forEach(function (p) { (byCode[p.code] = byCode[p.code] || []).push(p.name); });
      Object.keys(byCode).filter(function (c) { return byCode[c].length > 1; }).forEach(function (c) {
        resultBox.appendChild(filled("p", { class: "hb-quiz__note hb-team__same" }, "team.same_answers", { list: names(byCode[c]) }));
      });
    }
    if (read.skipped.length || view.badFiles.length) resultBox.appendChild(skippedList(read.skipped));
    if (people.length) {
      resultBox.appendChild(summary(tv, kind));
      var figure = el("figure", { class: "hb-quiz__figure" });
      /* The chart only for a team with a result, as for one person: an area without a median
         would sit at the centre as if it scored nothing. The table says "—". */
      if (tv.complete) {
        figure.appendChild(radar(tv));
        figure.appendChild(el("figcaption", {}, t("team.chart_caption")));
      }
      figure.appendChild(table(tv, result, kind));
      resultBox.appendChild(figure);
      /* The widest apart first (then in the page's order): the first ones are the ones to discuss. */
      var disagree = tv.disagree.map(function (id, i) { var r = spread(id); return { id: id, i: i, apart: r[1] - r[0] }; })
        .sort(function (a, b) { return b.apart - a.apart || a.i - b.i; }).map(function (x) { return x.id; });
      resultBox.appendChild(questionList(disagree, ["team.disagree_title", "team.disagree_intro", "team.disagree_none"], function (q) {
        var r = spread(q.id);
        return t("team.disagree_item", { low: q.options[r[0]], high: q.options[r[1]], n: n(tv.questions[q.id].chosen.length) });
      }));
      resultBox.appendChild(questionList(tv.nobodyKnows, ["team.nobody_title", "team.nobody_intro", "team.nobody_none"], function (q) {
        var s = tv.questions[q.id];
        return t("team.nobody_item", { n: n(s.dontKnow), total: n(s.dontKnow + s.chosen.length) });
      }));
      if (tv.complete) resultBox.appendChild(plan(tv, result, kind));
      resultBox.appendChild(actions(people, tv));
    }
    /* The address holds the team shown (none: no fragment, so a reload does not bring back an old team). */
    if (writeLink !== false) history.replaceState(null, "", here(people.length ? teamHash(people, tv) : ""));
    resultBox.hidden = false;
    root.classList.toggle("hb-quiz--complete", tv.complete);
    return tv;
  }
  function focusResult() {
    resultBox.scrollIntoView({ block: "start" });
    resultBox.focus({ preventScroll: true });
  }

  function fromHash() {
    var found = readHash();
    if (found.lines === null) return false;
    area.value = found.lines;
    view.stage = found.stage;
    view.targets = found.targets;
    view.badFiles = [];
    show(false);
    return true;
  }

  /* ---- wiring ------------------------------------------------------------------------------ */

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    view.badFiles = [];
    var tv = show(true);
    say(tv.respondents ? t("team.shown", { n: n(tv.respondents) }) : t("team.none"));
    focusResult();
  });
  form.querySelector('[data-action="files"]').addEventListener("change", function (event) {
    var files = event.target.files;
    addFiles(files);
    event.target.value = "";
  });
  form.querySelector('[data-action="clear"]').addEventListener("click", function () {
    area.value = "";
    view = { stage: null, targets: {}, badFiles: [] };
    resultBox.hidden = true;
    resultBox.textContent = "";
    history.replaceState(null, "", here(""));
    say(t("team.cleared"));
    area.focus();
  });
  /* Answer files dropped anywhere on the form. */
  form.addEventListener("dragover", function (event) {
    if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) { event.preventDefault(); form.classList.add("hb-team__form--drop"); }
  });
  form.addEventListener("dragleave", function () { form.classList.remove("hb-team__form--drop"); });
  form.addEventListener("drop", function (event) {
    form.classList.remove("hb-team__form--drop");
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    addFiles(event.dataTransfer.files);
  });
  /* A file dropped beside the form is not opened by the browser in place of the page. */
  ["dragover", "drop"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var files = event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0;
      if (files && !form.contains(event.target)) event.preventDefault();
    });
  });
  window.addEventListener("hashchange", function () { if (fromHash()) focusResult(); });
  if (fromHash()) focusResult(); /* a team link opens on its result, as a shared result does */
})();
