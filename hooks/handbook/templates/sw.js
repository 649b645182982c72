// The handbook offline (issue 17): a reader's language is kept in the browser after the first
// visit, so its pages, search and quiz open again without a connection.
//
// Written to the site's root as sw.js by the build (hooks/handbook/offline.py), which puts the
// edition and each language's files in OFFLINE below. A new edition is a new sw.js: while it
// installs, it fetches the new edition of every language the reader had kept (the old copy
// serves meanwhile, and stays if the fetch fails: the browser tries the install again later);
// once it is active, the old copies are dropped. Only this worker writes the copies, and only
// from fetches that bypass the browser's HTTP cache, so a copy is one edition, whole. Nothing
// from another host is ever asked for or kept. While the network answers, readers get what it
// answers; the kept copy answers when the network fails. Files it does not list are left alone.
"use strict";

const OFFLINE = /* written by the build */ {};
const root = new URL(self.registration.scope);
// Cache storage is shared by the whole host: the copies of this site are named by its address,
// so two handbooks on one host (two sub-paths) never touch each other's.
const PREFIX = `${OFFLINE.cache} ${root.href} `;
const cacheName = lang => `${PREFIX}${lang} ${OFFLINE.edition}`;
const address = path => new URL(path, root).href;
// Every listed address -> the languages that keep it (assets are shared).
const owners = new Map();
for (const [lang, paths] of Object.entries(OFFLINE.files)) {
  for (const path of paths) owners.set(address(path), [...(owners.get(address(path)) || []), lang]);
}

// A kept file carries its digest (from OFFLINE.digests), so a new edition takes the files that
// did not change from the old copy instead of downloading them again.
const DIGEST = "x-hb-digest";

async function fill(lang) {
  const cache = await caches.open(cacheName(lang));
  const older = (await caches.keys()).filter(name => name.startsWith(`${PREFIX}${lang} `) && name !== cacheName(lang));
  const missing = [];
  for (const path of OFFLINE.files[lang]) {
    const url = address(path);
    if (await cache.match(url)) continue;
    let same = null;
    for (const name of older) {
      const kept = await caches.match(url, {cacheName: name});
      if (kept && kept.headers.get(DIGEST) === OFFLINE.digests[path]) { same = kept; break; }
    }
    if (same) await cache.put(url, same);
    else missing.push(path);
  }
  // A few at a time: a phone on a slow line still answers the reader's own clicks meanwhile.
  for (let i = 0; i < missing.length; i += 4) {
    await Promise.all(missing.slice(i, i + 4).map(async path => {
      try {
        const response = await fetch(address(path), {cache: "no-cache", credentials: "same-origin"});
        if (!response.ok || response.redirected) return;
        const headers = new Headers(response.headers);
        headers.set(DIGEST, OFFLINE.digests[path]);
        await cache.put(address(path), new Response(response.body, {status: response.status, statusText: response.statusText, headers}));
      } catch (e) { /* offline again: the next visit finishes the job */ }
    }));
  }
  return (await Promise.all(OFFLINE.files[lang].map(path => cache.match(address(path))))).every(Boolean);
}

// One run per language at a time, however many pages ask.
const running = new Map();
function keep(lang) {
  if (!running.has(lang)) running.set(lang, fill(lang).finally(() => running.delete(lang)));
  return running.get(lang);
}

async function keptLanguages() {
  const langs = new Set();
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX)) langs.add(name.slice(PREFIX.length).split(" ")[0]);
  }
  return [...langs].filter(lang => Object.prototype.hasOwnProperty.call(OFFLINE.files, lang));
}

self.addEventListener("install", event => event.waitUntil((async () => {
  // The new edition of what the reader kept, before this worker takes over.
  for (const lang of await keptLanguages()) {
    if (!(await keep(lang))) throw new Error(`the new edition of ${lang} is not complete yet`);
  }
  await self.skipWaiting();
})()));

self.addEventListener("activate", event => event.waitUntil((async () => {
  const current = new Set(Object.keys(OFFLINE.files).map(cacheName));
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && !current.has(name)) await caches.delete(name);
  }
  // A page is asked for while the worker starts, not after: a returning reader waits no longer.
  if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
  await self.clients.claim();
})()));

self.addEventListener("message", event => {
  const lang = event.data && event.data.keep;
  if (typeof lang !== "string" || !Object.prototype.hasOwnProperty.call(OFFLINE.files, lang)) return;
  // A worker an edition has replaced keeps nothing more: the new one does.
  if (self.serviceWorker && self.registration.active !== self.serviceWorker) return;
  event.waitUntil(keep(lang).then(complete => event.source && event.source.postMessage({offline: lang, complete})));
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
  event.respondWith((async () => (await event.preloadResponse) || fetch(request))().catch(async error => {
    for (const lang of langs) {
      const kept = await caches.match(url.href, {cacheName: cacheName(lang)});
      // A copy answers as the address asked for: a worker's script takes its own address from
      // the answer, and the search worker reads its ?worker= parameter there.
      if (kept) return request.url === kept.url ? kept : new Response(kept.body, kept);
    }
    throw error;
  }));
});
