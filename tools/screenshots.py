"""Screenshots for people to look at: `make screenshots` (not a test; nothing is asserted).

Builds the site strictly into a temporary folder and writes, for each language, the home page,
the KPI chapter and the quiz at phone (390 px) and desktop (1280 px) width in the light and
the dark scheme, full length, to artifacts/screenshots/<page>-<lang>-<device>-<scheme>.png;
and every diagram of every generated chapter as a phone draws it (360 px, light and dark), to
artifacts/screenshots/diagrams/<diagram id>-<lang>-<scheme>.png; a glossary term as the pages
mark it, close up (term-<lang>-<scheme>.png), and its definition shown after a tap on a phone
(tooltip-<lang>-phone-<scheme>.png); and the first pages of each language's PDF book
(book-<lang>-<page>.png, tools/book.py, drawn by Poppler's pdftoppm). The browser tests check
what can be checked (axe, overflow, fonts, contrast, text size, the mark's gap below the
letters); these are for the eye, after a change to the look.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import static_server
from chromium import CHROMIUM, CHROMIUM_ARGS
from handbook import volume
from handbook.languages import PREFIX
from handbook.site_pages import GENERATED_PAGES

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "artifacts" / "screenshots"
PAGES = {"home": "", "kpis": "kpis/", "quiz": "quiz/"}
DEVICES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        # --strict, never with -q: quiet hides the warnings strict fails on; the log is shown if it fails.
        built = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if built.returncode:
            print(built.stderr, file=sys.stderr)
            return 1
        httpd, base = static_server.start(site)
        OUT.mkdir(parents=True, exist_ok=True)
        written = 0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path in PAGES.items():
                for lang, prefix in PREFIX.items():
                    for device, size in DEVICES.items():
                        for scheme in ("light", "dark"):
                            context = browser.new_context(viewport=size, color_scheme=scheme, is_mobile=device == "phone")
                            page = context.new_page()
                            page.goto(f"{base}/{prefix}{path}", wait_until="networkidle")
                            page.evaluate("document.fonts.ready.then(() => true)")
                            page.screenshot(path=str(OUT / f"{name}-{lang}-{device}-{scheme}.png"), full_page=True)
                            context.close()
                            written += 1
            written += diagrams(browser, base)
            written += terms(browser, base)
            browser.close()
        httpd.shutdown()
        written += book_pages(site)
    print(f"{written} screenshots in {OUT.relative_to(ROOT)}/")
    return 0


def diagrams(browser, base: str) -> int:
    """Each diagram (a figure with an id diagram-…) on its own, at phone width, without focus
    ring or sticky header over it."""
    out = OUT / "diagrams"
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for lang, prefix in PREFIX.items():
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 360, "height": 780}, color_scheme=scheme, device_scale_factor=2)
            page = context.new_page()
            for md in GENERATED_PAGES.values():
                page.goto(f"{base}/{prefix}{md[:-3]}/", wait_until="networkidle")
                figures = page.locator("figure[id^='diagram-'] >> visible=true")  # the screen's drawing, not the print one
                if not figures.count():
                    continue
                page.evaluate("document.fonts.ready.then(() => true)")
                page.add_style_tag(content=".md-header, .md-tabs { visibility: hidden; }")
                for i in range(figures.count()):
                    figure = figures.nth(i)
                    figure.screenshot(path=str(out / f"{figure.get_attribute('id')}-{lang}-{scheme}.png"))
                    written += 1
            context.close()
    return written


# A marked term of the KPI chapter, in the page's own script (the marks under Persian and Arabic
# letters, whose dots they must not touch, are the ones worth seeing).
TERM = "article p abbr[title]"
OWN_SCRIPT = {"fa": re.compile("[\u0600-\u06ff]"), "ar": re.compile("[\u0600-\u06ff]"), "en": re.compile("[a-z]")}


def terms(browser, base: str) -> int:
    """A marked term close up (desktop, three times the pixels), and its definition on a phone
    after a tap, in every language and both schemes."""
    written = 0
    for lang, prefix in PREFIX.items():
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme, device_scale_factor=3)
            page = context.new_page()
            page.goto(f"{base}/{prefix}kpis/", wait_until="networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            term = page.locator(TERM).filter(has_text=OWN_SCRIPT[lang]).first
            term.evaluate("t => t.scrollIntoView({block: 'center'})")
            box = term.bounding_box()
            page.screenshot(
                path=str(OUT / f"term-{lang}-{scheme}.png"),
                clip={"x": box["x"] - 60, "y": box["y"] - 16, "width": box["width"] + 120, "height": box["height"] + 32},
            )
            context.close()
            phone = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme, is_mobile=True, has_touch=True)
            page = phone.new_page()
            page.goto(f"{base}/{prefix}kpis/", wait_until="networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.locator(TERM).filter(has_text=OWN_SCRIPT[lang]).first.tap()
            page.wait_for_timeout(300)
            page.screenshot(path=str(OUT / f"tooltip-{lang}-phone-{scheme}.png"))
            phone.close()
            written += 2
    return written


def book_pages(site: Path, pages: int = 3) -> int:
    """The first pages of each language's PDF (the cover, the contents, the first chapter)."""
    import shutil

    import book

    if not shutil.which("pdftoppm"):
        print("pdftoppm (Debian: poppler-utils) is not installed: no pictures of the books", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        written = 0
        book.build(site, Path(tmp), formats=("pdf",))
        for lang in PREFIX:
            pdf = Path(tmp) / volume.file_name(lang, "pdf")
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(pages), str(pdf), str(OUT / f"book-{lang}")], check=True)
            written += pages
    return written


if __name__ == "__main__":
    sys.exit(main())
