"""Shared fixtures: paths, a copy of the content to break, and one strict build of the site."""

from __future__ import annotations

import fcntl
import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

import static_server  # tools/static_server.py
from chromium import CHROMIUM, CHROMIUM_ARGS  # tools/chromium.py
from handbook.languages import LANGUAGES as REGISTRY_LANGUAGES
from handbook.loader import load

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content_data"
LANGUAGES = REGISTRY_LANGUAGES  # hooks/handbook/languages.py
# The content, loaded and validated once per test process: every test module reads this one
# (a test that changes content works on its own copy: the content_copy fixture).
BOOK = load(CONTENT)
MKDOCS = [sys.executable, "-m", "mkdocs"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


# The address the test build is published at: a public one, so that its pages carry their
# canonical and hreflang addresses (a local build names none; test_serve checks that).
PUBLIC_URL = "https://crm-handbook.example/"


def run_build(
    config_file: Path, site_dir: Path, site_url: str | None = None, markdown_out: Path | None = None
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (never -q: quiet would hide the warnings strict fails on), for
    ``site_url`` or, without it, mkdocs.yml's local address; with ``markdown_out``, the hook also
    writes there the Markdown it hands MkDocs (<lang>/<stem>.md)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life banner (known; see README)
    env.pop("SITE_URL", None)
    env.pop("HANDBOOK_MARKDOWN_OUT", None)
    if markdown_out:
        env["HANDBOOK_MARKDOWN_OUT"] = str(markdown_out)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def read_yaml(text: str):
    """yaml.safe_load, with PyYAML's C loader (the same YAML, several times faster)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def dump_yaml(data, **options) -> str:
    """yaml.safe_dump, with PyYAML's C emitter (the same YAML, several times faster)."""
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), **options)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of content_data/ that a test may break."""
    target = tmp_path / "content_data"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built with --strict once per test run and shared by the test workers
    (the first to ask builds it under a lock; the others wait and read it), over an older build's
    folder (test_build_safety checks that a good build replaced it whole)."""
    # pytest-xdist gives every worker a folder in the run's own: their parent is shared.
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    with open(shared / "built_site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        site, outcome = shared / "built_site", shared / "built_site.json"
        if not outcome.exists():
            shutil.rmtree(site, ignore_errors=True)
            site.mkdir()
            (site / "index.html").write_text("previous good build", encoding="utf-8")
            (site / "stale.html").write_text("from an older build", encoding="utf-8")
            try:
                built = run_build(ROOT / "mkdocs.yml", site, PUBLIC_URL, markdown_out=_markdown_of(site))
                result = {"returncode": built.returncode, "stderr": built.stderr}
            except Exception as exc:  # a timeout: every worker reports it, not a missing file
                result = {"returncode": None, "stderr": f"the build did not finish: {exc!r}"}
            outcome.write_text(json.dumps(result), encoding="utf-8")
        result = json.loads(outcome.read_text(encoding="utf-8"))
    assert result["returncode"] == 0, f"strict build failed:\n{result['stderr']}"
    warnings = [line for line in result["stderr"].splitlines() if re.match(r"^\s*WARNING\b", line)]
    assert not warnings, "the strict build printed warnings:\n" + "\n".join(warnings)
    return site


def _markdown_of(site: Path) -> Path:
    return site.with_name(site.name + "-markdown")


@pytest.fixture(scope="session")
def built_markdown(built_site) -> Path:
    """The Markdown the hook handed MkDocs in that build, as <lang>/<stem>.md."""
    return _markdown_of(built_site)


@pytest.fixture(scope="session")
def server(built_site):
    """The built site served as `make audit`, `make bench` and the offline copy serve it
    (tools/static_server.py: gzip, cache headers, each language's 404 page)."""
    httpd, base = static_server.start(built_site, 0)
    yield base
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    # Not importorskip: requirements-dev.txt installs Playwright, so a missing one is a broken
    # set-up, and the browser tests must fail, not pass by being skipped.
    import playwright.sync_api as playwright_api

    assert Path(CHROMIUM).exists(), "Debian's chromium is required (.ci/run installs it: apt-get install chromium)"
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Blocks skipped by content-visibility: auto (long pages, handbook.css) have no boxes: a test
# that measures every element of a page draws them all first.
DRAW_EVERY_BLOCK = "* { content-visibility: visible !important; }"

_AXE_RUN = """
async ([selector, tags, rules, drawAll]) => {
  // Blocks skipped by content-visibility would be "incomplete" (unchecked): draw them all.
  const style = document.createElement("style");
  style.textContent = drawAll;
  document.head.append(style);
  // Colours that are still fading (Material's transitions: a scheme just switched, a block just
  // drawn, the back-to-top button appearing) are measured once they have arrived.
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)));
  try {
    const only = rules ? {type: "rule", values: rules} : {type: "tag", values: tags};
    // axe copies the outer HTML of every node it checks, passes included (a fifth of a run on a
    // long page): it is read here for the few nodes that fail instead.
    axe.configure({noHtml: true});
    const result = await axe.run(selector ? document.querySelectorAll(selector) : document, {runOnly: only});
    const html = target => { try { return document.querySelector(target[0]).outerHTML.slice(0, 300); } catch (e) { return ""; } };
    return result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map(n => ({target: n.target, html: html(n.target)}))}));
  } finally {
    style.remove();
  }
}
"""


def axe_violations(page, selector: str | None = None, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations (WCAG 2.1 A/AA and best practice, or only ``rules``) on the page, or
    on the elements matching ``selector``: each {id, help, nodes: [{target, html}]} (the first five)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(_AXE_RUN, [selector, AXE_TAGS, rules, DRAW_EVERY_BLOCK])


# What changes between the light and the dark scheme: colours only.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def scripts_ready(page, timeout_ms: int = 10_000) -> None:
    """Wait until the page's later scripts (Material's bundle, the handbook's) have run, as
    goto() does; for a page reached by a click. They start once the first paint is reported
    (overrides/main.html), which headless Chromium sometimes holds back for a second or two."""
    if page.evaluate("document.documentElement.dataset.hbScripts"):
        page.wait_for_function("document.documentElement.dataset.hbScripts === 'run'", timeout=timeout_ms)


def goto(page, url: str, timeout_ms: int = 10_000):
    """Open ``url`` and return its response once the page has loaded and no request is in flight.

    Playwright's ``networkidle`` waits for 500 ms of silence after the last request, on every
    page (about three minutes of a full run did nothing else); this waits for the load event,
    then only for requests still open, so a page whose scripts fetch more is still waited for.
    """
    pending: set = set()
    listeners = {
        "request": lambda request: pending.add(request),
        "requestfinished": lambda request: pending.discard(request),
        "requestfailed": lambda request: pending.discard(request),
    }
    for event, listener in listeners.items():
        page.on(event, listener)

    def settle():
        waited = 0
        while pending and waited < timeout_ms:
            page.wait_for_timeout(25)
            waited += 25
        assert not pending, f"{url}: requests still open after {timeout_ms} ms: {[r.url for r in pending]}"

    try:
        response = page.goto(url, wait_until="load")
        settle()
        # Material's bundle and the handbook's scripts run after the first paint (overrides/main.html):
        # wait for them where the loader started (not with JavaScript off), then for what they
        # fetch. A page that forwards the reader (a moved anchor) is waited for at its new address.
        for _ in range(3):
            try:
                scripts_ready(page, timeout_ms)
                break
            except Exception as error:  # Playwright's Error: the page navigated meanwhile
                if "context was destroyed" not in str(error):
                    raise
                page.wait_for_load_state("load")
        settle()
        return response
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)


def pdf_summary(data: bytes):
    """(page count, A4?, all text NFKC-normalised, x of the first text line on page 1 / page width).

    The x tells the direction: a right-to-left page starts its first line at the right margin.
    """
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    a4 = abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((y, x))

    reader.pages[0].extract_text(visitor_text=visit)
    top = max(y for y, _ in runs)
    first_line = [x for y, x in runs if abs(y - top) < 2]
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))
    return len(reader.pages), a4, text, min(first_line) / float(box.width)


def pdf_first_line_ends(data: bytes, index: int = 0) -> tuple[float, float]:
    """Where the first text line of a page (the first: 0) starts and where its last run starts (/ page width)."""
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(data)).pages[index]
    runs = []
    page.extract_text(
        visitor_text=lambda text, cm, tm, font, size: text.strip() and runs.append((tm[5] * cm[3] + cm[5], tm[4] * cm[0] + cm[4]))
    )
    top = max(y for y, _ in runs)
    xs = [x for y, x in runs if abs(y - top) < 2]
    return min(xs) / float(page.mediabox.width), max(xs) / float(page.mediabox.width)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, NFKC-normalised."""
    from pypdf import PdfReader

    return [unicodedata.normalize("NFKC", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def node_harness(script: str, folder: Path, inputs) -> dict:
    """Run tests/<script> (a Node harness of the quiz's browser code) on the English quiz data and
    ``inputs`` (as JSON files in ``folder``); its JSON output. The Python reference is the oracle."""
    from handbook.quiz_page import quiz_data

    node = shutil.which("node")
    assert node, "node is required"
    (folder / "data.json").write_text(json.dumps(quiz_data(BOOK, "en")), encoding="utf-8")
    (folder / "inputs.json").write_text(json.dumps(inputs), encoding="utf-8")
    out = subprocess.run(
        [node, str(ROOT / "tests" / script), str(folder / "data.json"), str(folder / "inputs.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


# Tests that build the site, drive Chromium or run a subprocess build are "build" tests: `make
# test-fast` leaves them out (`-m "not build"`). A test is one if it uses such a fixture, or if
# its module says so (pytestmark = pytest.mark.build).
BUILD_FIXTURES = {"built_site", "server", "browser", "hostile_site", "project", "reports"}


# The longest files first (make test runs the files on two workers, each file on one, in this
# order: --no-loadscope-reorder): the two browser files start at once on the two workers and the
# shorter files fill in around them, so no long file starts last and runs on alone. Measured
# with --durations on 2 cores (README, "Quality gates"), longest first.
LONGEST_FILES = (
    "test_browser.py",
    "test_quiz_browser.py",
    "test_book.py",
    "test_content_fuzz.py",
    "test_text_is_text.py",
    "test_build_safety.py",
    "test_offline.py",
    "test_print.py",
    "test_deploy.py",
    "test_team_browser.py",
    "test_diagrams.py",
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
    rank = {name: i for i, name in enumerate(LONGEST_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


def render_failure_causes(book, lang: str) -> str:
    """Markdown of every failure cause: its group pages (model.FAILURE_GROUPS), one after another."""
    from handbook.model import FAILURE_GROUPS
    from handbook.render import render_chapter

    return "\n".join(render_chapter(book, f"failure_causes_{g}", lang) for g in FAILURE_GROUPS)


@functools.cache
def rendered_pages() -> tuple[dict[tuple[str, str], str], list]:
    """Every page of every language as the build renders it (handbook/pages.py), once per
    test process: (pages, problems)."""
    from handbook.pages import render_pages
    from handbook.render import SiteInfo

    return render_pages(BOOK, ROOT / "docs", SiteInfo.placeholder(ROOT / "docs"))
