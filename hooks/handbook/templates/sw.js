// The handbook offline (issue 17): a reader's language is kept in the browser after the first
// visit, so its pages, search and quiz open again without a connection.
//
// Written to the site's root as sw.js by the build (hooks/handbook/offline.py), which puts the
// edition and each language's files in OFFLINE below: a new edition is a new sw.js, which the
// browser installs; it fetches the new files of every language the reader had kept, then drops
// the old copies. Nothing from another host is ever asked for or kept. While the network
// answers, the reader gets what it answers (and the kept copy is refreshed); the kept copy is
// used only when the network fails. Files the handbook does not list are left to the browser.
"use strict";

const OFFLINE = /* written by the build */ {};
const PREFIX = "hb-offline-";
const cacheName = lang => `${PREFIX}${lang}-${OFFLINE.edition}`;
const root = new URL(self.registration.scope);
const address = path => new URL(path, root).href;
// Every listed address -> the languages that keep it (assets are shared).
const owners = new Map();
for (const [lang, paths] of Object.entries(OFFLINE.files)) {
  for (const path of paths) owners.set(address(path), [...(owners.get(address(path)) || []), lang]);
}

async function keep(lang) {
  const cache = await caches.open(cacheName(lang));
  const missing = [];
  for (const path of OFFLINE.files[lang]) {
    if (!(await cache.match(address(path)))) missing.push(address(path));
  }
  // A few at a time: a phone on a slow line still answers the reader's own clicks meanwhile.
  for (let i = 0; i < missing.length; i += 4) {
    await Promise.all(missing.slice(i, i + 4).map(async url => {
      try {
        const response = await fetch(url, {cache: "no-cache", credentials: "same-origin"});
        if (response.ok && !response.redirected) await cache.put(url, response);
      } catch (e) { /* offline again: the next visit finishes the job */ }
    }));
  }
  const done = (await Promise.all(OFFLINE.files[lang].map(path => cache.match(address(path))))).every(Boolean);
  for (const client of await self.clients.matchAll({includeUncontrolled: true, type: "window"})) client.postMessage({offline: lang, complete: done});
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", event => event.waitUntil((async () => {
  const kept = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) continue;
    const lang = name.slice(PREFIX.length).split("-")[0];
    if (name !== cacheName(lang)) {
      if (lang in OFFLINE.files) kept.add(lang);
      await caches.delete(name);
    }
  }
  await self.clients.claim();
  for (const lang of kept) await keep(lang);  // a new edition: the languages the reader had
})()));

self.addEventListener("message", event => {
  const lang = event.data && event.data.keep;
  if (typeof lang === "string" && Object.prototype.hasOwnProperty.call(OFFLINE.files, lang)) event.waitUntil(keep(lang));
});

self.addEventListener("fetch", event => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== root.origin) return;
  url.search = "";  // search's ?h= highlight
  url.hash = "";
  const langs = owners.get(url.href);
  if (!langs) return;
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      if (response.ok && response.type === "basic" && !response.redirected) {
        const copy = response.clone();
        event.waitUntil((async () => {
          for (const lang of langs) {
            if (await caches.has(cacheName(lang))) await (await caches.open(cacheName(lang))).put(url.href, copy.clone());
          }
        })());
      }
      return response;
    } catch (error) {
      for (const lang of langs) {
        const kept = await caches.match(url.href, {cacheName: cacheName(lang)});
        if (kept) return kept;
      }
      throw error;
    }
  })());
});
