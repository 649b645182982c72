"""The whole handbook as a book per language, from a built site: a PDF (A4) and an EPUB.

    python tools/book.py SITE_DIR OUT_DIR [--languages fa ar en] [--formats pdf epub]

writes OUT_DIR/crm-handbook-<lang>.pdf and .epub (`make dist` puts them in the site and links
them from the home and trainer pages). The source is the single-page edition
(handbook/volume.py), written into the site next to the chapters for as long as it is read.

PDF: Chromium prints the edition (Playwright; Debian's Chromium, tools/chromium.py) with the
site's print styles, tagged, with an outline of the headings. Chromium cannot number a table of
contents, so the book is printed twice: the first print says on which page each chapter's
destination lies, the second carries those numbers (the contents keep their width, so nothing
moves; checked, and printed again if it did). Chromium writes the outline's right-to-left
titles in visual order (the words of «فصل اول» as «اول فصل»): they are rewritten from the
edition's headings, in order.

EPUB: pandoc reads the same edition (Debian's 2.17 in the tests and CI; the Pages workflow
uses Ubuntu's, 3.x); the site's font is embedded for Persian and Arabic, and finish_epub()
adds what pandoc 2.17 leaves out (each fix is skipped where pandoc already did it).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import static_server  # noqa: E402
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from fonts import TARGET  # noqa: E402
from handbook import volume  # noqa: E402
from handbook.digits import localize_digits  # noqa: E402
from handbook.generate import site_info  # noqa: E402
from handbook.languages import LANGUAGE, LANGUAGES, PREFIX  # noqa: E402
from handbook.loader import load  # noqa: E402

FONT = TARGET.relative_to(ROOT / "docs").as_posix()  # the site's font, where the site has it
BOOK_WEIGHTS = (400, 500, 700)  # what the theme and handbook.css set Arabic-script text in
EPUB_CSS = ROOT / "hooks" / "handbook" / "templates" / "epub.css"


def page_numbers(pdf: bytes) -> dict[str, int]:
    """Chapter stem -> the printed page its destination is on (the cover is page 1). Chromium
    writes its named destinations in the catalogue's /Dests dictionary."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = {page.obj.objgen: number for number, page in enumerate(document.pages, start=1)}
        dests = document.Root.get("/Dests") or {}
        found = {stem: pages[dests[f"/{stem}"][0].objgen] for stem in volume.BOOK_PAGES if f"/{stem}" in dests}
    missing = [stem for stem in volume.BOOK_PAGES if stem not in found]
    if missing:
        raise RuntimeError(f"the PDF has no destination for {missing}")
    return found


def fix_outline(pdf: bytes, titles: list[str], meta: dict[str, str]) -> bytes:
    """The PDF with its outline's titles replaced by ``titles`` (every heading, in order), its
    document information set, and its objects packed (pikepdf, qpdf underneath: pypdf takes 3 s
    a book to rewrite it, pikepdf 0.2 s)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        items = []

        def walk(node):  # the outline's entries in document order: each, then its children
            while node is not None:
                items.append(node)
                walk(node.get("/First"))
                node = node.get("/Next")

        walk(document.Root.Outlines.get("/First") if "/Outlines" in document.Root else None)
        if len(items) != len(titles):
            raise RuntimeError(f"the outline has {len(items)} entries, the edition {len(titles)} headings")
        for item, title in zip(items, titles, strict=True):
            item.Title = pikepdf.String(title)
        for key, value in meta.items():
            document.docinfo[key] = pikepdf.String(value)
        out = io.BytesIO()
        # Chromium writes every object on its own; packed into compressed object streams
        # (PDF 1.5) the book is a third smaller.
        document.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


# The contents' page numbers, in the page's digits, in place of the placeholders.
_NUMBER_THE_CONTENTS = """numbers => document.querySelectorAll('.hb-book-contents .hb-book-page')
  .forEach((cell, i) => { cell.textContent = numbers[i]; })"""


def static_fonts(site_dir: Path, lang: str) -> dict[int, str]:
    """The site's variable font fixed at each weight the theme uses, next to the
    edition's source: weight -> file name. Chromium embeds these as fonts, not as drawings.
    Made once per site (the first language's copies serve the others)."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    folder = site_dir / PREFIX[lang] / volume.SOURCE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    made = [site_dir / PREFIX[other] / volume.SOURCE_DIR for other in LANGUAGES if other != lang]
    found = {}
    for weight in BOOK_WEIGHTS:
        name = f"Vazirmatn-{weight}.ttf"
        earlier = next((f / name for f in made if (f / name).is_file()), None)
        if earlier:
            shutil.copyfile(earlier, folder / name)
        else:
            with TTFont(site_dir / FONT) as variable:
                font = instantiateVariableFont(variable, {"wght": weight}, updateFontNames=True)
            font.flavor = None
            font.save(folder / name)
            font.close()
        found[weight] = name
    return found


def make_pdf(browser, base: str, site_dir: Path, lang: str, words: dict[str, str]) -> bytes:
    """The PDF of the edition in ``lang``: printed once to learn each chapter's page, then with
    those numbers in the contents (in the same tab: only the numbers change)."""
    fonts = static_fonts(site_dir, lang) if LANGUAGE[lang].script == "arabic" else None
    text = volume.source(site_dir, lang, words, fonts)
    volume.write_source(site_dir, lang, text)
    page = browser.new_page()
    try:
        page.goto(f"{base}/{PREFIX[lang]}{volume.SOURCE_DIR}/", wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        numbers = None
        for _ in range(3):
            pdf = page.pdf(prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
            found = page_numbers(pdf)
            if found == numbers:
                meta = {"/Title": words["title"], "/Subject": words["description"], "/Creator": "The CRM Handbook (tools/book.py)"}
                return fix_outline(pdf, volume.headings(text), meta)
            numbers = found
            page.evaluate(_NUMBER_THE_CONTENTS, [localize_digits(numbers[stem], lang) for stem in volume.BOOK_PAGES])
    finally:
        page.close()
    raise RuntimeError(f"{lang}: the contents' page numbers do not settle: {numbers}")


def make_epub(site_dir: Path, lang: str, words: dict[str, str], out: Path) -> None:
    """pandoc's EPUB 3 of the edition: a title page, the contents, one file per chapter, the
    site's font for Persian and Arabic; then what pandoc leaves to do (finish_epub())."""
    pandoc = shutil.which("pandoc")
    if not pandoc:
        raise RuntimeError("pandoc is not installed (Debian: apt-get install pandoc)")
    source = volume.write_source(site_dir, lang, volume.epub_source(site_dir, lang, words))
    language = LANGUAGE[lang]
    # The site's font, for the languages whose pages use it (it is embedded only for them).
    css = source.parent / "epub.css"
    font = volume.font_rule(site_dir, f"../fonts/{Path(FONT).name}") + "\n" if language.script == "arabic" else ""
    css.write_text(font + EPUB_CSS.read_text(encoding="utf-8"), encoding="utf-8")
    command = [
        pandoc,
        str(source),
        "--from=html",
        "--to=epub3",
        "--split-level=1" if _pandoc_version(pandoc) >= (3,) else "--epub-chapter-level=1",
        "--toc-depth=1",
        f"--css={css}",
        f"--resource-path={source.parent}",
        f"--metadata=title:{words['title']}",
        f"--metadata=subtitle:{words['description']}",
        f"--metadata=date:{words['date']}",
        f"--metadata=lang:{lang}",
        f"--output={out}",
    ]
    if language.script == "arabic":
        command.append(f"--epub-embed-font={site_dir / FONT}")
    _run(command, cwd=source.parent)
    finish_epub(out, lang, words)


def finish_epub(epub: Path, lang: str, words: dict[str, str]) -> None:
    """What pandoc 2.17 leaves to do: a right-to-left book marked so (``dir="rtl"`` on every
    page's <html>, the spine's ``page-progression-direction``: pages turn leftwards); the title
    page's date as the language writes it (the package's own date stays ISO 8601, as EPUB asks);
    the diagrams' ``viewBox``, which pandoc's HTML reader writes in lower case (an SVG file is
    XML, where case counts, and without it a diagram cannot shrink to a narrow screen). The
    archive is rewritten with ``mimetype`` first and stored, as EPUB requires."""
    import zipfile

    with zipfile.ZipFile(epub) as zf:
        entries = sorted(((info.filename, zf.read(info)) for info in zf.infolist()), key=lambda e: e[0] != "mimetype")
    rtl = LANGUAGE[lang].rtl
    partial = epub.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w") as zf:
        for name, data in entries:
            if name.endswith(".xhtml") and rtl:
                data = re.sub(rb"<html\b(?![^>]*\sdir=)", b'<html dir="rtl"', data, count=1)
            if name.endswith("title_page.xhtml"):
                data = data.replace(f">{words['date']}<".encode(), f">{html.escape(words['edition'])}<".encode())
            if name.endswith(".opf") and rtl:
                data = re.sub(rb"<spine\b(?![^>]*page-progression-direction)", b'<spine page-progression-direction="rtl"', data, count=1)
            if name.endswith(".svg"):
                data = data.replace(b" viewbox=", b" viewBox=")
            zf.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    os.replace(partial, epub)


def _run(command: list[str], cwd: Path | None = None) -> str:
    """Run a command; its output, or an error that shows what it said."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{Path(command[0]).name} failed ({done.returncode}):\n{done.stderr or done.stdout}")
    return done.stdout


def _pandoc_version(pandoc: str) -> tuple[int, ...]:
    first = _run([pandoc, "--version"]).split()[1]
    return tuple(int(p) for p in first.split(".") if p.isdigit())


def build(site_dir: Path, out: Path, languages=LANGUAGES, formats=volume.FORMATS, config: Path | None = None, browser=None) -> list[Path]:
    """Write the books of the site built from ``config`` (mkdocs.yml; default: this project's);
    return their paths. ``browser``: a Playwright browser to print with (default: Chromium,
    started here). ``site_dir`` is left as it was, also when something fails."""
    project = config.parent if config else ROOT
    content = load(project / "content_data")
    site = site_info(project, volume.site_address(site_dir))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    httpd, base = static_server.start(site_dir, 0)
    try:
        with _browser(browser if "pdf" in formats else False) as printer:
            for lang in languages:
                words = volume.texts(content, site, lang)
                if "pdf" in formats:
                    path = out / volume.file_name(lang, "pdf")
                    path.write_bytes(make_pdf(printer, base, site_dir, lang, words))
                    written.append(path)
                if "epub" in formats:
                    path = out / volume.file_name(lang, "epub")
                    make_epub(site_dir, lang, words, path)
                    written.append(path)
    finally:
        httpd.shutdown()
        for lang in languages:
            shutil.rmtree(site_dir / PREFIX[lang] / volume.SOURCE_DIR, ignore_errors=True)
    return written


@contextlib.contextmanager
def _browser(given):
    """The browser to print with: ``given``; none (False: nothing to print); else Chromium,
    launched as every tool launches it (tools/chromium.py) and closed after."""
    if given is not None:
        yield given or None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build)")
    parser.add_argument("out", type=Path, help="where the books go")
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    parser.add_argument("--formats", nargs="+", default=list(volume.FORMATS), choices=volume.FORMATS)
    args = parser.parse_args(argv)
    for path in build(args.site.resolve(), args.out.resolve(), args.languages, args.formats):
        print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
