/* Search, fetched when first opened, started by any input, counted in the page's digits.
   Loaded before Material's bundle (overrides/main.html); README, "Search". */
(function () {
  "use strict";
  /* Material requests the index (XMLHttpRequest) on load; it is sent when search opens. */
  var xhr = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
  if (!xhr || !window.WeakSet) return;
  var open = xhr.open, send = xhr.send;
  var index = new WeakSet();
  var held = [];
  var started = false;
  function start() {
    if (started) return;
    started = true;
    held.splice(0).forEach(function (go) { go(); });
  }
  xhr.open = function (method, url) {
    if (/\/search\/search_index\.json(?:$|[?#])/.test(String(url))) index.add(this);
    return open.apply(this, arguments);
  };
  xhr.send = function () {
    if (started || !index.has(this)) return send.apply(this, arguments);
    var request = this, args = arguments;
    held.push(function () { send.apply(request, args); });
  };
  /* ?q= opens search; ?h= (a search result's link) highlights with the index's help. */
  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.get("h")) start();

  /* The search box is in the header, already parsed when this runs (end of <body>). */
  (function () {
    var input = document.querySelector("input.md-search__input");
    var toggle = document.getElementById("__search");
    if (!input) return;
    input.addEventListener("focus", start);
    if (toggle) toggle.addEventListener("change", start);
    /* Opened before these listeners existed, or restored open by the browser (no event). */
    function opened() {
      if ((toggle && toggle.checked) || document.activeElement === input) start();
    }
    opened();
    window.addEventListener("pageshow", opened);
    var label = document.querySelector("label[for=__search]");
    if (label) {
      label.addEventListener("pointerdown", start);
      label.addEventListener("click", start);
    }
    input.addEventListener("input", function () {
      start();
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });

    var ui;
    try { ui = JSON.parse(document.getElementById("hb-ui").textContent); } catch (e) { ui = null; }
    var digits = ui && typeof ui.digits === "string" && ui.digits.length === 10 ? ui.digits : "";
    var results = document.querySelector(".md-search-result");
    if (!digits || digits === "0123456789" || !results || !window.MutationObserver) return;
    function localize(node) {
      var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (var text = walker.nextNode(); text; text = walker.nextNode()) {
        var parent = text.parentNode;
        if (!parent.closest(".md-search-result__meta, .md-search-result__more summary")) continue;
        var local = text.data.replace(/[0-9]/g, function (d) { return digits.charAt(+d); });
        if (local !== text.data) text.data = local;
      }
    }
    new MutationObserver(function () { localize(results); })
      .observe(results, { childList: true, subtree: true, characterData: true });
  })();
})();
