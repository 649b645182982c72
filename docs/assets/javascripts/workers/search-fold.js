/*
 * Search worker for the CRM handbook: Material's own worker, with queries folded the same
 * way the Persian and Arabic indexes are (see ../lunr/min/lunr.fold.min.js).
 *
 * overrides/base.html starts this file as the search worker with ?worker=<Material's worker
 * file name>. Material's worker must see the folded query in the message it receives, so
 * the "message" listener it registers is wrapped before its script runs.
 */
(function () {
  "use strict";
  var QUERY = 2; /* Material's SearchMessageType.QUERY */
  var material = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    throw new Error("search-fold.js: missing or unexpected ?worker= parameter");
  }

  var addEventListener = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return addEventListener(type, listener, options);
    return addEventListener(type, function (ev) {
      var message = ev.data;
      if (message && message.type === QUERY && typeof message.data === "string" && self.lunr && self.lunr.fold) {
        message = { type: QUERY, data: self.lunr.fold.normalize(message.data) };
        return listener.call(self, { data: message });
      }
      return listener.call(self, ev);
    }, options);
  };

  importScripts(material, "../lunr/min/lunr.fold.min.js");
})();
