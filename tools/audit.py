"""`make audit`: Lighthouse (mobile) on the home page, a generated chapter and the quiz page in
each language, served the way a static host serves them (tools/static_server.py).

Gates on what does not move with the machine's load: accessibility, best practices and SEO
at 1.0, layout shift, bytes transferred, number of requests and render-blocking resources
(LIMITS). The performance score moves with load on a 2-core machine (the same build scored
0.87–0.98 on one day), so it is reported, and reported below PERFORMANCE_TARGET, but never
fails the run: measure it on a quiet machine (`make audit` there, median of RUNS). Each page is
audited RUNS times and the run with the median performance score counts (Lighthouse's own
advice against its run-to-run variance); its HTML and JSON reports are kept in
artifacts/lighthouse/. Lighthouse comes from npm (package-lock.json)
and drives Debian's Chromium through CHROME_PATH.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import static_server
from chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.languages import PREFIX

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "artifacts" / "lighthouse"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = CHROMIUM
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])
BUDGET = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
PERFORMANCE_TARGET = 0.98  # reported, not gated (see above)
LCP_TARGET_MS = 1800  # reported with it
# Deterministic limits per page (first load, mobile): Lighthouse audit id -> (measure, maximum).
LIMITS = {
    "cumulative-layout-shift": ("layout shift", lambda a: a["numericValue"], 0.1),
    # Pages carry no search index (fetched when search opens) and English pages no font: the
    # first load is at most 130 KB of bodies (make bench); headers and favicon on top.
    "total-byte-weight": ("bytes transferred", lambda a: a["numericValue"], 150 * 1024),
    "network-requests": ("requests", lambda a: len(a["details"]["items"]), 18),
    # Material's two stylesheets and the handbook's (with its font face), the quiz's on its page.
    "render-blocking-insight": ("render-blocking resources", lambda a: len((a.get("details") or {}).get("items") or []), 4),
}
# (name, path) per language; the quiz page joins this list when it exists (issue 5).
# The chapter is the heaviest one (most text and elements) since the failure causes were split.
PAGES = [("home", ""), ("chapter", "kpis/"), ("quiz", "quiz/")]
RUNS = 3
HELD_MS = 500  # a first paint this long after the load event was held back by the browser (paint_withheld)
LANGUAGES = PREFIX  # language -> its folder in the site


def paint_withheld(report: dict) -> bool:
    """Whether headless Chromium held this run's first paint back after the page had loaded.

    In headless runs the compositor sometimes stops sending frames to a page while it loads
    (viz "ThrottleUnresponsiveClient", GoogleChrome/lighthouse#17148, open; also on PageSpeed
    Insights): the page is ready, the main thread idle, and nothing is painted for a second or
    two. A real screen does not do this. It is counted and shown, not hidden: the run still
    counts, as Lighthouse scored it.
    """
    observed = report["audits"]["metrics"]["details"]["items"][0]
    return observed["observedFirstPaint"] - observed["observedLoad"] >= HELD_MS


def build(site: Path, site_url: str) -> None:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT, env=env, check=True)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        httpd, base = static_server.start(site, 0)  # pick the port first: the build needs it as site_url
        build(site, base + "/")
        rows, failures, notes = [], [], []
        for name, page in PAGES:
            for lang, prefix in LANGUAGES.items():
                if not (site / prefix / page / "index.html").exists():
                    if name == "quiz":
                        print(f"skip {lang} {name}: no quiz page yet")
                        continue
                    raise SystemExit(f"{prefix}{page} was not built")
                url = f"{base}/{prefix}{page}"
                stem = OUT / f"{name}-{lang}"
                runs, withheld = [], 0
                for run in range(RUNS):
                    run_stem = Path(f"{stem}-run{run}")
                    subprocess.run(
                        [
                            str(LIGHTHOUSE),
                            url,
                            "--quiet",
                            "--output=json",
                            "--output=html",
                            f"--output-path={run_stem}",
                            "--only-categories=performance,accessibility,best-practices,seo",
                            f"--chrome-flags={CHROME_FLAGS}",
                        ],
                        env={**os.environ, "CHROME_PATH": CHROME},
                        check=True,
                        timeout=300,
                    )
                    data = json.loads(Path(f"{run_stem}.report.json").read_text(encoding="utf-8"))
                    runs.append((data["categories"]["performance"]["score"] or 0, run, run_stem))
                    withheld += paint_withheld(data)
                _, _, median_stem = sorted(runs)[len(runs) // 2]
                for ext in ("json", "html"):
                    Path(f"{median_stem}.report.{ext}").replace(f"{stem}.report.{ext}")
                    for *_, other in runs:
                        Path(f"{other}.report.{ext}").unlink(missing_ok=True)
                report = json.loads(Path(f"{stem}.report.json").read_text(encoding="utf-8"))
                scores = {
                    "performance": report["categories"]["performance"]["score"],
                    **{k: report["categories"][k]["score"] for k in BUDGET},
                }
                scores["LCP ms"] = report["audits"]["largest-contentful-paint"]["numericValue"]
                scores["CLS"] = report["audits"]["cumulative-layout-shift"]["numericValue"]
                scores["paint held"] = withheld
                rows.append((f"{name}-{lang}", scores))
                for audit_id, (label, measure, maximum) in LIMITS.items():
                    value = measure(report["audits"][audit_id])
                    if value > maximum:
                        failures.append(f"{url}: {label} {value:g} > {maximum:g}")
                if (scores["performance"] or 0) < PERFORMANCE_TARGET or scores["LCP ms"] > LCP_TARGET_MS:
                    notes.append(
                        f"{url}: performance {scores['performance']}, LCP {scores['LCP ms']:.0f} ms (targets {PERFORMANCE_TARGET}, {LCP_TARGET_MS} ms; not gated: they move with machine load)"
                    )
                for category, minimum in BUDGET.items():
                    if scores[category] is None or scores[category] < minimum:
                        failing = [
                            f"{a['id']} ({a.get('displayValue', a.get('score'))})"
                            for ref in report["categories"][category]["auditRefs"]
                            if ref.get("weight") and (a := report["audits"][ref["id"]]).get("score") is not None and a["score"] < 1
                        ]
                        failures.append(f"{url}: {category} {scores[category]} < {minimum}; audits below 1: {', '.join(failing[:8])}")
        httpd.shutdown()
    columns = ["performance", *BUDGET, "LCP ms", "CLS", "paint held"]
    print(f"{'page':<14}" + "".join(f"{k:>16}" for k in columns))
    for name, scores in rows:
        print(f"{name:<14}" + "".join(f"{scores[k]:>16.2f}" for k in columns))
    (OUT / "summary.json").write_text(
        json.dumps(
            {
                "budget": BUDGET,
                "limits": {k: v[2] for k, v in LIMITS.items()},
                "performance_target": PERFORMANCE_TARGET,
                "scores": dict(rows),
                "failures": failures,
                "notes": notes,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(
        f"\n'paint held': of the {RUNS} runs of a page, those in which headless Chromium painted nothing until at least"
        f" {HELD_MS} ms after the load event (GoogleChrome/lighthouse#17148); Lighthouse then counts all work before that"
        " late paint as delaying the first and largest paints."
    )
    if notes:
        print("\nReported, not gated:\n  " + "\n  ".join(notes))
    if failures:
        print("\nBelow budget:\n  " + "\n  ".join(failures))
        return 1
    print(f"\nAll {len(rows)} Lighthouse runs within budget; reports in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
