#!/usr/bin/env node
/*
 * Runs the site's real search, as a browser would, in Node:
 *   node tests/search_harness.js <site_dir> <page path, e.g. en/index.html> <query> [<query> ...]
 *
 * It reads the page's __config (search worker URL and base), loads the search index that
 * base points to, starts the configured worker script (our search-fold.js wrapper around
 * Material's worker) in a worker-like VM context, and prints, as JSON, for each query the
 * site paths of the result pages in ranking order.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [siteDir, pagePath, ...queries] = process.argv.slice(2);
const ORIGIN = "http://127.0.0.1:1";

function toFile(url) {
  const u = new URL(url);
  if (u.origin !== ORIGIN) throw new Error(`request to another origin: ${url}`);
  return path.join(siteDir, decodeURIComponent(u.pathname));
}

const pageUrl = `${ORIGIN}/${pagePath.replace(/index\.html$/, "")}`;
const html = fs.readFileSync(path.join(siteDir, pagePath), "utf8");
const match = html.match(/<script id="__config" type="application\/json">([\s\S]*?)<\/script>/);
if (!match) throw new Error(`${pagePath}: no __config block`);
const config = JSON.parse(match[1]);
const base = new URL(config.base, pageUrl).href;
const workerUrl = new URL(config.search, pageUrl).href;
const index = JSON.parse(fs.readFileSync(toFile(new URL("search/search_index.json", base).href), "utf8"));

let pending = null;
const listeners = [];
const context = {
  console, URL, URLSearchParams, Promise, setTimeout, clearTimeout, TextEncoder, TextDecoder,
  location: { href: workerUrl },
  addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
  postMessage: (message) => { if (pending) { const resolve = pending; pending = null; resolve(message); } },
};
context.self = context;
let current = workerUrl;
context.importScripts = (...urls) => {
  const from = current;
  for (const url of urls) {
    const absolute = new URL(url, from).href;
    current = absolute;
    vm.runInContext(fs.readFileSync(toFile(absolute), "utf8"), context, { filename: absolute });
  }
  current = from;
};
vm.createContext(context);

function send(message) {
  return new Promise((resolve) => {
    pending = resolve;
    for (const fn of listeners) fn({ data: message });
  });
}

(async () => {
  context.importScripts(workerUrl);
  // As Material's setupSearchWorker does: config and docs from the index, options from the page.
  const options = { suggest: (config.features || []).includes("search.suggest") };
  const ready = await send({ type: 0, data: { config: index.config, docs: index.docs, options } });
  if (ready.type !== 1) throw new Error("worker did not become ready");
  const out = {};
  for (const query of queries) {
    const result = await send({ type: 2, data: query });
    out[query] = result.data.items.map((group) => new URL(group[0].location, base).pathname);
  }
  process.stdout.write(JSON.stringify({ base: new URL(base).pathname, docs: index.docs.length, lang: index.config.lang, results: out }));
})().catch((err) => { console.error(err && err.stack || String(err)); process.exit(1); });
