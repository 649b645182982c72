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

  var icon = "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 0 0-4.24.973.973 0 0 1 0-1.42";
  document.querySelectorAll(".md-typeset .hb-item[id]").forEach(function (heading) {
    var url = location.origin + location.pathname + "#" + heading.id;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hb-copy-link";
    button.setAttribute("data-url", url);
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", icon);
    svg.appendChild(path);
    button.appendChild(svg);
    var label = document.createElement("span");
    label.textContent = ui.copy;
    button.appendChild(label);
    button.addEventListener("click", function () {
      copyText(url).then(function () { announce(ui.copied); label.textContent = ui.copied; },
        function () { window.prompt(ui.copy_failed, url); });
      window.setTimeout(function () { label.textContent = ui.copy; }, 2000);
    });
    heading.insertAdjacentElement("afterend", button);
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
