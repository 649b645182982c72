"""Pagefind beside the site's lunr search, on the same benchmark queries (README, "Search").

    pip install "pagefind[extended]==1.5.2"      # not a project dependency: a 52 MB binary
    python tools/search_compare.py SITE_DIR [PAGEFIND_PYTHON]

Indexes a copy of the built site with Pagefind, the way it would be used here: only each
page's article (data-pagefind-body), one index per language from <html lang> (Snowball
stemming where Pagefind has it: Arabic and English, none for Persian), with the project's
letter folding applied to the indexed text and to every query (lunr.fold.min.js's rules).
Then, in Chromium, for each language, runs every query of tools/search_queries/<lang>.yaml
through Pagefind's own JavaScript API on that language's home page and reads each result's
page and sub-results (anchors). Reports hit@3, MRR and the bytes downloaded: for the first
query (what a reader pays to search once) and for the whole query set. The lunr figures come
from tools/search_bench.py on the same site.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import search_bench
import static_server
from chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.languages import LANGUAGES
from handbook.search import fold as search_fold

ROOT = Path(__file__).resolve().parent.parent


def fold(text: str) -> str:
    """lunr.fold.min.js's fold() (handbook.search.fold), without the digit rewrite: Pagefind keeps digits."""
    return search_fold(text, digits=False)


def prepare(site: Path, out: Path) -> None:
    shutil.copytree(site, out)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
        if not match:
            continue
        body = re.sub(r">([^<]+)<", lambda m: ">" + fold(m.group(1)) + "<", match.group(1))
        html = (
            html[: match.start()]
            + '<article class="md-content__inner md-typeset" data-pagefind-body>'
            + body
            + "</article>"
            + html[match.end() :]
        )
        page.write_text(html, encoding="utf-8")


RUN = """async ([queries]) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const out = [];
  for (const q of queries) {
    const search = await pf.search(q);
    const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
    out.push(data.map(d => [d.url, ...(d.sub_results || []).map(s => s.url)]));
  }
  return out;
}"""


def run(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    httpd, base = static_server.start(site, 0)
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang in LANGUAGES:
                queries = search_bench.load_queries(lang)
                root = "/" + search_bench.PREFIX[lang]
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + root, wait_until="networkidle")
                sizes = []
                page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]) if "/pagefind/" in r.url else None)  # noqa: B023 (this page's list)
                first = page.evaluate(RUN, [[fold(queries[0]["query"])]])
                page.wait_for_timeout(200)
                first_bytes = sum(sizes)
                results = page.evaluate(RUN, [[fold(q["query"]) for q in queries]])
                page.wait_for_timeout(200)
                rows = [search_bench.rank(r, q["expect"], root) for r, q in zip(results, queries, strict=True)]
                n = len(rows)
                out[lang] = {
                    "queries": n,
                    "hit_at_3": round(sum(1 for r in rows if 0 < r <= 3) / n, 3),
                    "mrr": round(sum(1 / r for r in rows if r) / n, 3),
                    "first_query_kb": round(first_bytes / 1024, 1),
                    "all_queries_kb": round(sum(sizes) / 1024, 1),
                    "misses": [q["query"] for r, q in zip(rows, queries, strict=True) if not 0 < r <= 3],
                }
                assert first is not None
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return out


def main(argv: list[str]) -> int:
    site = Path(argv[0])
    python = argv[1] if len(argv) > 1 else sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        prepare(site, copy)
        subprocess.run([python, "-m", "pagefind", "--site", str(copy), "--quiet"], check=True)
        index_kb = {
            lang: round(
                sum(
                    f.stat().st_size
                    for f in (copy / "pagefind").rglob("*")
                    if f.is_file() and (lang in f.name or "/fragment/" in f.as_posix())
                )
                / 1024,
                1,
            )
            for lang in LANGUAGES
        }
        out = run(copy)
    print(json.dumps({"pagefind": out, "index_files_kb": index_kb}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
