/* Stable links: copy-link buttons on items, the language menu keeps the #fragment (README,
   "Links that last"). Labels from #hb-ui. */
(function () {
  "use strict";
  function json(id) {
    var element = document.getElementById(id);
    try { return element ? JSON.parse(element.textContent) : null; } catch (e) { return null; }
  }

  /* Old links (anchors that moved) are followed by an inline script before the first paint:
     hooks/handbook/templates/moved_anchors.html.j2. */
  var ui = json("hb-ui");
  if (!ui) return;

  var live = document.createElement("p");
  live.className = "hb-live";
  live.setAttribute("role", "status");
  document.body.appendChild(live);
  function announce(text) {
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      /* file:// and plain-http hosts have no clipboard API: select a hidden field and copy it. */
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "hb-live";
      document.body.appendChild(field);
      field.select();
      var ok;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      field.remove();
      if (ok) resolve(); else reject(new Error("copy"));
    });
  }

  /* Each item's "Copy link" button is written into the page (hooks/handbook/links.py); one
     listener serves them all, so nothing is added to the page or laid out again here. */
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button.hb-copy-link[data-anchor]") : null;
    if (!button) return;
    var label = button.querySelector("span");
    var url = location.origin + location.pathname + "#" + button.getAttribute("data-anchor");
    copyText(url).then(function () { announce(ui.copied); label.textContent = ui.copied; },
      function () { window.prompt(ui.copy_failed, url); });
    window.setTimeout(function () { label.textContent = ui.copy; }, 2000);
  });

  /* The language menu: keep whatever #fragment the reader is on when they switch (also when
     they open the link in a new tab or copy its address). The quiz keeps its answers in the
     fragment, so they travel the same way. */
  ["click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target instanceof Element ? event.target.closest("a.md-select__link[hreflang]") : null;
      if (link) link.setAttribute("href", link.getAttribute("href").split("#")[0] + location.hash);
    }, true);
  });
})();
