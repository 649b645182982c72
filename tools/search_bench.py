"""Search benchmark: what readers type, typed into the real search box in Chromium.

    python tools/search_bench.py [SITE_DIR]        # `make bench` runs it on a fresh build

For each language, the queries in tools/search_queries/<lang>.yaml are typed letter by letter
into the search box of that language's home page (a 390 px phone, as most readers are). The
results the reader sees are read from the page: each result is one page, with the sections
(anchors) Material lists under it, "more on this page" included. A query's rank is the first
result whose page is one of the query's expected answers and, when an answer names an anchor,
lists that anchor. Reported per language: hit@3 (share of queries answered in the first three
results) and MRR (mean of 1/rank; 0 when not found), against the targets below; the queries
that missed are listed so the reason can be looked at. Written to artifacts/search_bench.json.

The expected answers were chosen by reading the content, not by running the search: they
measure the search, they are not tuned to it. Add a query when a reader's search fails.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

import static_server
from chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.languages import LANGUAGES, PREFIX
from handbook.loader import load

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tools" / "search_queries"
OUT = ROOT / "artifacts" / "search_bench.json"
TARGET = {"hit_at_3": 0.95, "mrr": 0.85}

# What the reader sees, read from the page once the results stop changing.
READ_RESULTS = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const items = [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')];
  return {
    meta: meta ? meta.textContent.trim() : '',
    items: items.map(li => [...li.querySelectorAll('a.md-search-result__link')].map(a => a.getAttribute('href')))
  };
}"""


def initializer(lang: str) -> str:
    """What the search box says while its index is being prepared (content_data/ui.yaml)."""
    return load(ROOT / "content_data").ui["theme.search.result.initializer"][lang]


def load_queries(lang: str) -> list[dict]:
    entries = yaml.safe_load((QUERIES / f"{lang}.yaml").read_text(encoding="utf-8"))
    for entry in entries:
        if set(entry) != {"query", "kind", "expect"} or not entry["expect"]:
            raise SystemExit(f"{lang}.yaml: malformed entry {entry!r}")
    return entries


def location(href: str, root: str) -> tuple[str, str]:
    """(page, anchor) of a result link, the page relative to the language's root."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    if not path.startswith(root):
        return ("<other language>:" + path, "")
    return path[len(root) :], unquote(parts.fragment)


def rank(results: list[list[str]], expect: list[str], root: str) -> int:
    """1-based rank of the first result that answers the query; 0 when none does."""
    wanted = [(e.split("#", 1)[0], e.split("#", 1)[1] if "#" in e else "") for e in expect]
    for n, links in enumerate(results, 1):
        found = [location(href, root) for href in links]
        pages = {page for page, _ in found}
        anchors = {(page, anchor) for page, anchor in found}
        for page, anchor in wanted:
            if page in pages and (not anchor or (page, anchor) in anchors):
                return n
    return 0


def run_language(browser, base: str, lang: str, queries: list[dict]) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    root = "/" + PREFIX[lang]
    page.goto(f"{base}{root}", wait_until="networkidle")
    # The index is fetched and built when search is first opened; a reader who types at once
    # sees "preparing search" and then the results. Wait for it once, so the first query is
    # ranked on its results, not on the moment the worker happened to finish.
    preparing = initializer(lang)
    page.locator("label.md-header__button[for=__search]").click()
    page.wait_for_function(
        "t => (document.querySelector('.md-search-result__meta') || {}).textContent.trim() !== t", arg=preparing, timeout=60_000
    )
    page.keyboard.press("Escape")
    rows = []
    for entry in queries:
        page.locator("label.md-header__button[for=__search]").click()
        box = page.locator("input.md-search__input")
        box.fill("")
        page.wait_for_timeout(50)
        box.press_sequentially(entry["query"], delay=25)
        results = settle(page)
        r = rank(results["items"], entry["expect"], root)
        rows.append({**entry, "rank": r, "top": [items[0] for items in results["items"][:3]], "meta": results["meta"]})
        page.keyboard.press("Escape")
    context.close()
    n = len(rows)
    return {
        "queries": n,
        "hit_at_3": round(sum(1 for row in rows if 0 < row["rank"] <= 3) / n, 3),
        "mrr": round(sum(1 / row["rank"] for row in rows if row["rank"]) / n, 3),
        "rows": rows,
    }


def settle(page, timeout: float = 4.0) -> dict:
    """The results once they have not changed for 300 ms (the worker answers asynchronously)."""
    deadline = time.monotonic() + timeout
    last, stable_since = None, time.monotonic()
    while time.monotonic() < deadline:
        now = page.evaluate(READ_RESULTS)
        if now != last:
            last, stable_since = now, time.monotonic()
        elif time.monotonic() - stable_since >= 0.3:
            break
        page.wait_for_timeout(50)
    return last


def bench(site: Path, languages=LANGUAGES) -> dict:
    from playwright.sync_api import sync_playwright

    httpd, base = static_server.start(site, 0)
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang in languages:
                out[lang] = run_language(browser, base, lang, load_queries(lang))
            browser.close()
    finally:
        httpd.shutdown()
    return out


def report(out: dict) -> list[str]:
    misses = []
    print(f"\n{'search':<8}{'queries':>9}{'hit@3':>8}{'MRR':>8}   target hit@3 >= {TARGET['hit_at_3']}, MRR >= {TARGET['mrr']}")
    for lang, res in out.items():
        print(f"{lang:<8}{res['queries']:>9}{res['hit_at_3']:>8.3f}{res['mrr']:>8.3f}")
        if res["hit_at_3"] < TARGET["hit_at_3"] or res["mrr"] < TARGET["mrr"]:
            misses.append(f"search {lang}: hit@3 {res['hit_at_3']}, MRR {res['mrr']}")
    for lang, res in out.items():
        for row in res["rows"]:
            if not 0 < row["rank"] <= 3:
                print(
                    f"  {lang} miss ({row['kind']}): {row['query']!r} rank {row['rank'] or '-'}; expected {row['expect']}; top {row['top']} [{row['meta']}]"
                )
    return misses


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    if not (site / "index.html").exists():
        raise SystemExit(f"{site}: no built site (run `make build` first)")
    out = bench(site)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    misses = report(out)
    print(f"written to {OUT.relative_to(ROOT)}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
