"""Shared fixtures: paths, a copy of the content to break, and one strict build of the site."""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest

from chromium import CHROMIUM, CHROMIUM_ARGS  # tools/chromium.py
from handbook.languages import LANGUAGES as REGISTRY_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content_data"
LANGUAGES = REGISTRY_LANGUAGES  # hooks/handbook/languages.py
MKDOCS = [sys.executable, "-m", "mkdocs"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def run_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (never -q: quiet would hide the warnings strict fails on)."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=config_file.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # Material's end-of-life banner (known; see README)
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of content_data/ that a test may break."""
    target = tmp_path / "content_data"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    warnings = [line for line in result.stderr.splitlines() if re.match(r"^\s*WARNING\b", line)]
    assert not warnings, "the strict build printed warnings:\n" + "\n".join(warnings)
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def end_headers(self):
        # Assets cached as a static host caches them (tools/static_server.py does the same).
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "public, max-age=3600")
        super().end_headers()


@pytest.fixture(scope="session")
def server(built_site):
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
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


# Tests that build the site, drive Chromium or run a subprocess build are "build" tests: `make
# test-fast` leaves them out (`-m "not build"`). A test is one if it uses such a fixture, or if
# its module says so (pytestmark = pytest.mark.build).
BUILD_FIXTURES = {"built_site", "server", "browser", "hostile_site", "project", "reports"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


def render_failure_causes(book, lang: str) -> str:
    """Markdown of every failure cause: its group pages (model.FAILURE_GROUPS), one after another."""
    from handbook.model import FAILURE_GROUPS
    from handbook.render import render_chapter

    return "\n".join(render_chapter(book, f"failure_causes_{g}", lang) for g in FAILURE_GROUPS)


@functools.cache
def rendered_pages() -> tuple[dict[tuple[str, str], str], list]:
    """Every page of every language as the build renders it (handbook/pages.py), once per
    test process: (pages, problems)."""
    from handbook.loader import load
    from handbook.pages import render_pages
    from handbook.render import SiteInfo

    return render_pages(load(CONTENT), ROOT / "docs", SiteInfo.placeholder(ROOT / "docs"))
