/* Material's search worker, loaded on the first message (the index), behind the handbook's
   query analysers (../lunr/min/lunr.fold.min.js). README, "Search". */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2; /* Material's SearchMessageType */
  var material = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    throw new Error("search-fold.js: missing or unexpected ?worker= parameter");
  }

  var analyser = "en";
  var separator = null;
  var listeners = [];
  var addEventListener = self.addEventListener.bind(self);
  var loaded = false;

  function rewrite(message) {
    if (!message || typeof message !== "object") return message;
    if (message.type === SETUP && message.data && message.data.config) {
      var config = message.data.config;
      analyser = config.analyser === "fa" || config.analyser === "ar" ? config.analyser : "en";
      try { separator = new RegExp(config.separator); } catch (e) { separator = null; }
      if (self.lunr && self.lunr.fold) {
        self.lunr.fold.lang = analyser;
        self.lunr.fold.learn(message.data.docs, separator || /\s+/, analyser);
      }
    }
    if (message.type === QUERY && typeof message.data === "string" && self.lunr && self.lunr.fold) {
      return { type: QUERY, data: self.lunr.fold.query(message.data, analyser, separator) };
    }
    return message;
  }

  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return addEventListener(type, listener, options);
    listeners.push(listener);
  };

  addEventListener("message", function (ev) {
    if (!loaded) {
      importScripts(material, "../lunr/min/lunr.fold.min.js"); /* throws (and is reported) if it cannot */
      loaded = true;
    }
    var message = rewrite(ev.data);
    for (var i = 0; i < listeners.length; i++) listeners[i].call(self, { data: message });
  });
})();
