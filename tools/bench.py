"""`make bench`: how fast the site builds and how heavy its pages are, against budgets.

Measures (and writes to artifacts/bench.json):
- cold full build time of all three languages: median of RUNS fresh `mkdocs build` processes;
- rebuild time after a one-line YAML edit under `mkdocs serve` (edit -> the served page
  shows the change), median of 3;
- number of pages built;
- for the home page, a chapter and the quiz in each language, a first load in Chromium with
  an empty cache from a gzip-serving static server: bytes transferred (raw and gzip),
  requests, font bytes; beside each, the same page's text as a plain Material page (the
  article HTML of our page in a default Material site of that language, search on, no web
  font: Material's default Roboto comes from Google, which this site never calls), built
  and loaded in the same run;
- the project's own JavaScript and CSS (raw and gzip), and each language's search index;
- the team page putting a hundred respondents together (quiz/team.js in Chromium, median of 7);
- search quality: tools/search_bench.py (hit@3 and MRR per language);
- a full strict build with the glossary and the item lists (SCALED) copied to 1×, 10× and 100×
  their size: the cost must follow what is on each page, not pages × glossary terms.

Budgets (the bench fails, not the tests): build under 5 s; any measured page's first load at
most 130 KB gzip including fonts; English pages load no font bytes; search hit@3 >= 0.95 and
MRR >= 0.85 in every language; the 10× build under 30 s; a hundred respondents under 100 ms.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import search_bench
import static_server
from chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.languages import PREFIX

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "artifacts" / "bench.json"
RUNS = 5
BUDGET = {"build_seconds": 5.0, "build_10x_seconds": 30.0, "first_load_gzip_kb": 130.0, "english_font_kb": 0.0, "team_100_ms": 100.0}
# The chapter is the heaviest one (most text and elements) since the failure causes were split.
PAGES = [("home", ""), ("chapter", "kpis/"), ("quiz", "quiz/"), ("team", "team/")]
LANGUAGES = PREFIX  # language -> its folder in the site
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def kb(n: float) -> float:
    return round(n / 1024, 1)


def strict_build(project: Path, site: Path) -> float:
    """Seconds of one `mkdocs build --strict` (never -q: quiet hides what strict fails on)."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project, env=ENV, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")
    return seconds


def cold_builds(site: Path) -> list[float]:
    times = []
    for _ in range(RUNS):
        shutil.rmtree(site, ignore_errors=True)
        times.append(strict_build(ROOT, site))
    return times


# Kinds multiplied by the scale builds (their cross-references and quiz links stay valid).
SCALED = ("glossary", "failure_causes", "kpis", "sources")
SCALES = (1, 10, 100)


def _scaled_copy(item: dict, n: int) -> dict:
    from handbook.digits import localize_digits

    def texts(node):
        if isinstance(node, dict):
            if set(node) == {"fa", "ar", "en"} and all(isinstance(v, str) for v in node.values()):
                return {lang: f"{value} {localize_digits(n, lang)}" for lang, value in node.items()}
            return {key: texts(value) for key, value in node.items()}
        if isinstance(node, list):
            return [texts(value) for value in node]
        return node

    copy = texts(item)
    copy["id"] = f"{item['id']}-copy-{n}"
    # One abbreviation per term, as authors write them; a termbase entry (avoid) once, on the original.
    for field in ("abbreviation", "expansion", "avoid"):
        copy.pop(field, None)
    if "prevented_by" in copy:
        copy["prevented_by"] = []  # mirrored by the checklist, which is not multiplied
    return copy


def scale_builds(tmp: Path) -> dict[str, dict]:
    """A full strict build with the glossary and the item lists at 1×, 10× and 100× their size:
    the build's cost must follow what is on each page, not pages × glossary terms."""
    import yaml

    out = {}
    for factor in SCALES:
        project = tmp / f"scale-{factor}"
        shutil.copytree(
            ROOT,
            project,
            ignore=shutil.ignore_patterns(
                ".venv", "node_modules", "site", ".git", "artifacts", "__pycache__", ".pytest_cache", ".hypothesis", "dist"
            ),
        )
        counts = {}
        for kind in SCALED:
            path = project / "content_data" / f"{kind}.yaml"
            items = yaml.safe_load(path.read_text(encoding="utf-8"))
            items += [_scaled_copy(item, n) for n in range(1, factor) for item in items[: len(items)]]
            counts[kind] = len(items)
            path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
        seconds = strict_build(project, tmp / f"scale-{factor}-site")
        out[f"{factor}x"] = {"seconds": round(seconds, 1), **counts}
        print(f"  {factor}x: {seconds:.1f} s ({', '.join(f'{k} {v}' for k, v in counts.items())})", flush=True)
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(tmp / f"scale-{factor}-site", ignore_errors=True)
    return out


def serve_rebuilds(tmp: Path) -> list[float]:
    project = tmp / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "artifacts", "__pycache__", ".pytest_cache", ".hypothesis"),
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/en/glossary/"

    def get() -> str:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                get()
                break
            except Exception:
                time.sleep(0.2)
        glossary = project / "content_data" / "glossary.yaml"
        original = glossary.read_text(encoding="utf-8")
        at = original.index("    en: ", original.index("  term:")) + len("    en: ")
        end = original.index("\n", at)
        times = []
        for n in range(3):
            marker = f"Bench Marker {n}"
            start = time.perf_counter()
            glossary.write_text(original[:at] + marker + original[end:], encoding="utf-8")
            while True:
                try:
                    if marker in get():
                        break
                except OSError:  # the server answers late while it rebuilds: ask again
                    pass
                if time.perf_counter() - start > 60:
                    raise SystemExit("mkdocs serve did not rebuild within 60 s")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
        return times
    finally:
        server.terminate()
        server.wait(timeout=10)


def first_loads(site: Path) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    httpd, base = static_server.start(site, 0)
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, page_path in PAGES:
            for lang, prefix in LANGUAGES.items():
                if not (site / prefix / page_path / "index.html").exists():
                    continue
                context = browser.new_context(viewport={"width": 360, "height": 780})
                page = context.new_page()
                responses = []
                page.on("requestfinished", lambda request, seen=responses: seen.append(request))
                page.goto(f"{base}/{prefix}{page_path}", wait_until="networkidle")
                page.wait_for_timeout(300)
                raw = transferred = fonts = 0
                for request in responses:
                    response = request.response()
                    body = response.body() if response else b""
                    raw += len(body)
                    size = request.sizes()["responseBodySize"]
                    transferred += size
                    if request.resource_type == "font":
                        fonts += size
                results[f"{name}-{lang}"] = {
                    "requests": len(responses),
                    "raw_kb": kb(raw),
                    "gzip_kb": kb(transferred),
                    "font_kb": kb(fonts),
                }
                context.close()
        browser.close()
    httpd.shutdown()
    return results


# A hundred respondents with answers of every kind, as pasted links, read and put together on
# the team page by its own code (quiz/team.js), seven times; the median in milliseconds.
TEAM_HUNDRED = """() => {
  const data = JSON.parse(document.getElementById('hb-team-data').textContent);
  const core = window.HandbookQuizCore, team = window.HandbookQuizTeam;
  let seed = 7;
  const pick = n => (seed = (seed * 48271) % 2147483647) % n;
  const lines = [];
  for (let i = 0; i < 100; i += 1) {
    const answers = {};
    data.dimensions.forEach(d => d.questions.forEach(q => {
      const r = pick(q.scores.length + 1);
      answers[q.id] = r === q.scores.length ? 'dk' : r;
    }));
    lines.push('P' + i + ': https://x.example/quiz/#answers=' + core.encode(data, {priority: 'cost', stage: 'live', answers}));
  }
  const text = lines.join('\\n');
  const times = [];
  for (let k = 0; k < 7; k += 1) {
    const start = performance.now();
    const read = team.respondents(data, text);
    team.aggregate(data, read.respondents);
    times.push(performance.now() - start);
    if (read.respondents.length !== 100) return -1;
  }
  times.sort((a, b) => a - b);
  return times[3];
}"""


def team_hundred_ms(site: Path) -> float:
    from playwright.sync_api import sync_playwright

    httpd, base = static_server.start(site, 0)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"{base}/{LANGUAGES['en']}team/", wait_until="load")
            page.wait_for_function("window.HandbookQuizTeam !== undefined")
            ms = page.evaluate(TEAM_HUNDRED)
            browser.close()
    finally:
        httpd.shutdown()
    return round(ms, 1)


ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def plain_project(project: Path, lang: str, articles: dict[str, str]) -> Path:
    """A default Material project (its search on, no web font) whose pages are these articles'
    HTML, as they are ({source name: article HTML}); returns the project folder."""
    docs = project / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for source, html in articles.items():
        (docs / source).write_text(f'<div markdown="0">\n{html}\n</div>\n', encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        f"site_name: plain\nsite_url: http://127.0.0.1/\ntheme:\n  name: material\n  language: {lang}\n  font: false\n"
        f"plugins:\n  - search\nnav: {json.dumps(list(articles))}\n",
        encoding="utf-8",
    )
    return project


def article_of(html_file: Path) -> str:
    found = ARTICLE.search(html_file.read_text(encoding="utf-8"))
    return found.group(1) if found else ""


def plain_material(site: Path, tmp: Path) -> Path:
    """The measured pages' text as plain Material pages: one default Material site per language."""
    out = tmp / "plain-site"
    for lang, prefix in LANGUAGES.items():
        articles = {
            f"{page_path.strip('/') or 'index'}.md": article_of(site / prefix / page_path / "index.html") for _name, page_path in PAGES
        }
        project = plain_project(tmp / f"plain-{lang}", lang, articles)
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out / prefix)], env=ENV, check=True
        )
    return out


def plain_material_builds(site: Path, tmp: Path) -> list[float]:
    """Seconds of a strict build of every page's article as plain Material pages (one default
    Material project per language, its search on, the three built one after another), RUNS
    times: a yardstick of this machine's speed on the day, measured in the same run, so the
    handbook's build time can be read against it (the same 2 cores ran 1.5x slower on one day
    than the day before)."""
    projects = []
    for lang, prefix in LANGUAGES.items():
        others = [p for p in LANGUAGES.values() if p and p != prefix]
        articles = {}
        for html_file in sorted((site / prefix).rglob("index.html")):
            rel = html_file.relative_to(site / prefix).as_posix()
            if not any(rel.startswith(o) for o in others) and (article := article_of(html_file)):
                articles[(rel[: -len("/index.html")] or "index").replace("/", "-") + ".md"] = article
        projects.append(plain_project(tmp / f"plain-all-{lang}", lang, articles))
    return [sum(strict_build(project, tmp / f"{project.name}-site") for project in projects) for _ in range(RUNS)]


def own_assets() -> dict[str, dict]:
    files = {
        "js": sorted((ROOT / "docs" / "assets" / "javascripts").rglob("*.js")) + sorted((ROOT / "quiz").rglob("*.js")),
        "css": sorted((ROOT / "docs" / "assets" / "stylesheets").rglob("*.css")) + sorted((ROOT / "quiz").rglob("*.css")),
    }
    out = {}
    for kind, paths in files.items():
        data = [p.read_bytes() for p in paths]
        out[kind] = {
            "files": [p.relative_to(ROOT).as_posix() for p in paths],
            "raw_kb": kb(sum(map(len, data))),
            "gzip_kb": kb(sum(gz(d) for d in data)),
        }
    return out


def search_indexes(site: Path) -> dict[str, dict]:
    out = {}
    for lang, prefix in LANGUAGES.items():
        data = (site / prefix / "search" / "search_index.json").read_bytes()
        out[lang] = {"raw_kb": kb(len(data)), "gzip_kb": kb(gz(data))}
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        print(f"cold builds ({RUNS}) ...", flush=True)
        builds = cold_builds(site)
        pages = len(list(site.rglob("*.html")))
        print(f"the same pages' text as plain Material sites ({RUNS}), the machine's yardstick ...", flush=True)
        plain_builds = plain_material_builds(site, tmp)
        print("rebuilds under mkdocs serve (3) ...", flush=True)
        rebuilds = serve_rebuilds(tmp)
        print("first loads in Chromium (the handbook, then the same text as plain Material pages) ...", flush=True)
        loads = first_loads(site)
        plain = first_loads(plain_material(site, tmp))
        print("search benchmark (every query typed into the search box) ...", flush=True)
        search = search_bench.bench(site)
        print("a hundred respondents on the team page ...", flush=True)
        team_ms = team_hundred_ms(site)
        print(f"builds with the glossary and items at {', '.join(f'{k}x' for k in SCALES)} ...", flush=True)
        scale = scale_builds(tmp)
        result = {
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "build_seconds": {"median": round(statistics.median(builds), 2), "runs": [round(t, 2) for t in builds]},
            "plain_material_build_seconds": {
                "median": round(statistics.median(plain_builds), 2),
                "runs": [round(t, 2) for t in plain_builds],
            },
            "serve_rebuild_seconds": {"median": round(statistics.median(rebuilds), 2), "runs": [round(t, 2) for t in rebuilds]},
            "pages": pages,
            "first_load": loads,
            "first_load_plain_material": plain,
            "own_assets": own_assets(),
            "search_index": search_indexes(site),
            "search": {lang: {k: v for k, v in res.items() if k != "rows"} for lang, res in search.items()},
            "scale_build_seconds": scale,
            "team_100_ms": team_ms,
            "budget": BUDGET,
        }
    over = []
    if result["build_seconds"]["median"] >= BUDGET["build_seconds"]:
        over.append(f"full build {result['build_seconds']['median']} s >= {BUDGET['build_seconds']} s")
    for name, load in loads.items():
        if load["gzip_kb"] > BUDGET["first_load_gzip_kb"]:
            over.append(f"{name}: first load {load['gzip_kb']} KB gzip > {BUDGET['first_load_gzip_kb']} KB")
        if name.endswith("-en") and load["font_kb"] > BUDGET["english_font_kb"]:
            over.append(f"{name}: an English page loads {load['font_kb']} KB of fonts")
    over += search_bench.report(search)
    if scale["10x"]["seconds"] >= BUDGET["build_10x_seconds"]:
        over.append(f"build with 10x the glossary and items: {scale['10x']['seconds']} s >= {BUDGET['build_10x_seconds']} s")
    if not 0 <= team_ms < BUDGET["team_100_ms"]:
        over.append(f"a hundred respondents on the team page: {team_ms} ms (budget {BUDGET['team_100_ms']} ms; -1: not all read)")
    result["over_budget"] = over
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")

    print(f"\nfull build (all languages): median {result['build_seconds']['median']} s of {result['build_seconds']['runs']}")
    plain_median = result["plain_material_build_seconds"]["median"]
    print(
        f"the same pages' text as plain Material sites (this machine's yardstick): median {plain_median} s;"
        f" the handbook's build is {result['build_seconds']['median'] / plain_median:.2f}x that"
    )
    print(f"rebuild after a YAML edit under mkdocs serve: median {result['serve_rebuild_seconds']['median']} s")
    print(f"pages: {pages}")
    print(f"a hundred respondents put together on the team page: {team_ms} ms (median of 7)")
    print(
        "build with the glossary and items multiplied: "
        + ", ".join(f"{k} {v['seconds']} s ({v['glossary']} terms)" for k, v in scale.items())
    )
    print(f"\n{'first load':<14}{'requests':>10}{'raw KB':>10}{'gzip KB':>10}{'font KB':>10}   plain Material: requests, gzip KB")
    for name, load in loads.items():
        base = plain.get(name, {})
        print(
            f"{name:<14}{load['requests']:>10}{load['raw_kb']:>10}{load['gzip_kb']:>10}{load['font_kb']:>10}   {base.get('requests', '-')}, {base.get('gzip_kb', '-')}"
        )
    for kind, info in result["own_assets"].items():
        print(f"\nproject {kind}: {info['raw_kb']} KB raw, {info['gzip_kb']} KB gzip ({len(info['files'])} files)")
    print(
        "\nsearch index (fetched when search is opened): "
        + ", ".join(f"{lang} {v['raw_kb']} KB ({v['gzip_kb']} KB gzip)" for lang, v in result["search_index"].items())
    )
    print(f"\nwritten to {OUT.relative_to(ROOT)}")
    if over:
        print("\nOVER BUDGET:\n  " + "\n  ".join(over))
        return 1
    print("all within budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
