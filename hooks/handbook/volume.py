"""The whole handbook as one page per language: the source its PDF and EPUB are made from
(tools/book.py; no MkDocs imports).

The single-page edition is put together from a built site, not from the content again, so the
book shows exactly what the pages show (the same Markdown extensions, diagrams, citations and
glossary marks) and prints with the same print styles. Every chapter's article is taken in
reading order (site_pages.py) and rewritten for one page:

* every ``id`` becomes ``<page stem>.<id>`` and the chapter's section is ``<page stem>``: the
  site's stable address ``kpis/#cost-per-lead`` is the book's destination ``kpis.cost-per-lead``
  (two pages may use the same id: the glossary's ``cost-per-lead`` is another destination);
* a link to a chapter or to an anchor on one points inside the book; a link to a page that is
  not in the book (the quiz, the trainer page, the home page) names the site's address;
* every heading with an id links to itself: Chromium writes a PDF destination only for a link's
  target, so each chapter and item gets its named destination;
* Material's permalink signs, the copy-link buttons and the pages' scripts are left out.

The source is written next to the chapters (``<language prefix>book-source/``), at their depth,
so their relative links to images, stylesheets and the font hold unchanged.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import jinja2

from .dates import format_edition
from .digits import localize_digits
from .languages import LANGUAGE, PREFIX
from .site_pages import REGISTRY
from .urls import page_path, to_root

# The chapters of the book, in reading order: every page that teaches (not the home page, the
# quiz or the trainer page, which the book links to on the site).
BOOK_PAGES: tuple[str, ...] = tuple(p.stem for p in REGISTRY if p.kind in ("narrative", "chapter"))
SOURCE_DIR = "book-source"
FORMATS = ("pdf", "epub")
BOOK_FONT = "Vazirmatn Book"  # the site's font, fixed at each weight (tools/book.py)


def file_name(lang: str, fmt: str) -> str:
    """The book's file, in the language's folder of the site (``en/crm-handbook-en.pdf``)."""
    return f"crm-handbook-{lang}.{fmt}"


# `make dist` names the folder of the books it made (tools/dist.py): the build links them from the
# home and trainer pages and copies them into each language's folder.
BOOKS_ENV = "HANDBOOK_BOOKS"


def available(folder: str | Path | None) -> dict[str, dict[str, int]]:
    """language -> {format: size in bytes} of the books in ``folder`` (none without one)."""
    if not folder:
        return {}
    found: dict[str, dict[str, int]] = {}
    for lang in LANGUAGE:
        for fmt in FORMATS:
            path = Path(folder) / file_name(lang, fmt)
            if path.is_file():
                found.setdefault(lang, {})[fmt] = path.stat().st_size
    return found


def copy_books(folder: str | Path | None, site_dir: Path, languages) -> None:
    """Put each language's books in its folder of the site (where :func:`available` said)."""
    for lang, formats in available(folder).items():
        if lang in languages:
            for fmt in formats:
                shutil.copyfile(Path(folder) / file_name(lang, fmt), site_dir / PREFIX[lang] / file_name(lang, fmt))


def destination(stem: str, anchor: str = "") -> str:
    """The book's name for a page (its stem) or for an anchor on it (``kpis.cost-per-lead``, the
    site's ``kpis/#cost-per-lead``): a name XML, HTML and PDF all accept."""
    return f"{stem}.{anchor}" if anchor else stem


@dataclass(frozen=True)
class Chapter:
    stem: str
    title: str  # plain text
    html: str  # the article, rewritten for the book


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_DROP = (
    re.compile(r"<script\b.*?</script>", re.S),
    re.compile(r'<button\b[^>]*class="hb-copy-link".*?</button>', re.S),
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S),
)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_ID_REFS = re.compile(r'(\s(?:id|aria-labelledby|aria-describedby|aria-controls|for)=")([^"]*)(")')
_HREF = re.compile(r'(\shref=")([^"]*)(")')
_TABINDEX = re.compile(r'\stabindex="0"')
_HEADING = re.compile(r'<(h[1-6])\b([^>]*?)\sid="([^"]+)"([^>]*)>(.*?)</\1>', re.S)
_TEXT_TAGS = re.compile(r"<[^>]+>")


def plain(fragment: str) -> str:
    """The text of an HTML fragment, as a reader sees it (tags dropped, entities read, spaces joined)."""
    return " ".join(html.unescape(_TEXT_TAGS.sub("", fragment)).split())


def _anchor_names(body: str) -> dict[str, str]:
    """A page's ids -> their names in the book. A stable anchor is ASCII and keeps its name; an id
    Python-Markdown made from a Persian or Arabic heading becomes ``_h1``, ``_h2``…: Chromium names a
    destination by its percent-encoded id, and such names grow past what the PDF format allows."""
    names: dict[str, str] = {}
    for anchor in re.findall(r'<[a-zA-Z][^>]*?\sid="([^"]+)"', body):
        names.setdefault(anchor, anchor if anchor.isascii() else f"_h{sum(not a.isascii() for a in names) + 1}")
    return names


class _Rewriter:
    """Rewrites the pages of one language for the book (see the module's docstring)."""

    def __init__(self, lang: str, site_url: str, names: dict[str, dict[str, str]]):
        # site_url: the site's public address, "" for none
        self.lang, self.site_url, self.names = lang, site_url, names

    def anchor(self, stem: str, anchor: str) -> str:
        return destination(stem, self.names[stem].get(unquote(anchor), unquote(anchor)) if anchor else "")

    def link(self, href: str, stem: str) -> str:
        if href.startswith("#"):
            return "#" + self.anchor(stem, href[1:])
        if urlsplit(href).scheme or href.startswith("//"):
            return href
        target = urlsplit(urljoin(f"http://site{'/' + page_path(stem, self.lang)}", href))
        for page in BOOK_PAGES:
            if target.path == "/" + page_path(page, self.lang):
                return "#" + self.anchor(page, target.fragment)
        if target.path.endswith(("/", ".html")):
            # A page the book does not hold: its address on the site, or no link at all from a
            # book made without a public address (its text stays).
            if not self.site_url:
                return ""
            return urljoin(self.site_url, target.path.lstrip("/")) + (f"#{target.fragment}" if target.fragment else "")
        return href  # an image or a file of the site: the source is at the chapters' depth

    def tag(self, tag: str, stem: str) -> str:
        tag = _ID_REFS.sub(lambda m: m[1] + " ".join(self.anchor(stem, i) for i in m[2].split()) + m[3], tag)
        tag = _HREF.sub(lambda m: self._href(m, stem), tag)
        return _TABINDEX.sub("", tag)

    def _href(self, match: re.Match, stem: str) -> str:
        target = self.link(html.unescape(match[2]), stem)
        return match[1] + html.escape(target) + match[3] if target else ""

    def page(self, stem: str, body: str) -> str:
        return _HEADING.sub(_self_link, _TAG.sub(lambda m: self.tag(m[0], stem), body))


def _self_link(match: re.Match) -> str:
    """A heading that links to itself (its target becomes a PDF destination)."""
    name, before, anchor, after, content = match.groups()
    if "<a " in content:  # a heading that holds a link already (none today): left as it is
        return match[0]
    return f'<{name}{before} id="{anchor}"{after}><a class="hb-book-self" href="#{anchor}">{content}</a></{name}>'


def _article(site_dir: Path, lang: str, stem: str) -> str:
    """The article of page ``stem`` of the built site, without what the book leaves out."""
    page = site_dir / PREFIX[lang] / stem / "index.html"
    match = _ARTICLE.search(page.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"{page}: no article (is this a site built by this project?)")
    body = match[1]
    for pattern in _DROP:
        body = pattern.sub("", body)
    return body


def chapters(site_dir: Path, lang: str, site_url: str) -> list[Chapter]:
    """Every chapter of the book in ``lang``, rewritten for one page."""
    articles = {stem: _article(site_dir, lang, stem) for stem in BOOK_PAGES}
    rewriter = _Rewriter(lang, site_url, {stem: _anchor_names(body) for stem, body in articles.items()})
    found = []
    for stem, body in articles.items():
        title = re.search(r"<h1\b[^>]*>(.*?)</h1>", body, re.S)
        if not title:
            raise ValueError(f"{site_dir / PREFIX[lang] / stem}: no title (h1)")
        found.append(Chapter(stem, plain(title[1]), rewriter.page(stem, body).strip()))
    return found


def site_address(site_dir: Path) -> str:
    """The address the site was built for (its home page's canonical link; none: "/")."""
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', home)
    return match[1] if match else "/"


def _head(site_dir: Path, lang: str) -> list[str]:
    """The stylesheets of the chapters (Material's and the handbook's), as they link them."""
    page = (site_dir / PREFIX[lang] / BOOK_PAGES[0] / "index.html").read_text(encoding="utf-8")
    head = page[: page.find("</head>")]
    return re.findall(r'<link rel="stylesheet" href="([^"]+)">', head)


def font_rule(site_dir: Path, src: str | None = None, weight: int | None = None, family: str | None = None) -> str:
    """The site's @font-face rule (handbook.css), made to wait for the font: a page on screen may
    fall back to the system's font rather than wait (``font-display: optional``), a book may
    not; with the font file at ``src``, one ``weight`` or another ``family`` name if given."""
    css = (site_dir / "assets" / "stylesheets" / "handbook.css").read_text(encoding="utf-8")
    rule = re.search(r"@font-face\s*{[^}]*}", css)
    if not rule:
        return ""
    text = re.sub(r"font-display:\s*optional", "font-display: block", rule[0])
    if src:
        text = re.sub(r"src:[^;]*;", f'src: url("{src}");', text)
    if weight:
        text = re.sub(r"font-weight:[^;]*;", f"font-weight: {weight};", text)
    if family:
        text = re.sub(r"font-family:[^;]*;", f'font-family: "{family}";', text)
    return text


def _font_face(site_dir: Path, static: dict[int, str] | None) -> str:
    """The book's font rules. With ``static`` (weight -> a file of the font fixed at that
    weight), one rule per weight, in a family of its own so that no weight falls back to the
    site's variable font: Chromium writes a variable font into a PDF as Type 3 glyph drawings,
    a fixed one as the font."""
    if not static:
        return font_rule(site_dir)
    rules = [font_rule(site_dir, href, weight, BOOK_FONT) for weight, href in sorted(static.items())]
    return "\n".join([*rules, f'[dir="rtl"] {{ --md-text-font: "{BOOK_FONT}"; }}'])


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def texts(content, site, lang: str) -> dict[str, str]:
    """The cover's and the contents' words in ``lang``: the site's name and description
    (mkdocs.yml), the edition's date (the last commit), its public address (none for a local
    build, as in the trainer page's citations) and ``book.*`` in ui.yaml."""
    return {
        "title": site.names[lang],
        "description": site.descriptions[lang] or "",
        "edition": content.t("book.edition", lang, date=format_edition(site.edition, lang)),
        "date": site.edition.isoformat(),
        "online": content.t("book.online", lang) if site.public_url else "",
        "site_url": site.public_url or "",
        "address": f"{site.public_url}{PREFIX[lang]}" if site.public_url else "",
        "contents": content.t("book.contents", lang),
    }


def source(site_dir: Path, lang: str, words: dict[str, str], static_fonts: dict[int, str] | None = None) -> str:
    """The single-page edition in ``lang``: cover, contents, then every chapter. ``words``:
    :func:`texts`; ``static_fonts``: see :func:`_font_face`. The contents' page numbers are
    known only once the book is printed (tools/book.py fills them in): until then each holds a
    number as wide as the widest can be, so the pages after them do not move when they come."""
    language = LANGUAGE[lang]
    return _ENV.get_template("volume.html.j2").render(
        lang=lang,
        dir=language.direction,
        counter=language.counter_style,
        stylesheets=_head(site_dir, lang),
        font_face=_font_face(site_dir, static_fonts),
        texts=words,
        root=to_root(SOURCE_DIR, lang),
        chapters=chapters(site_dir, lang, words["site_url"]),
        placeholder=localize_digits("000", lang),
    )


_SELF_LINK = re.compile(r'<a class="hb-book-self" href="[^"]*">(.*?)</a>', re.S)


def _diagram_style(site_dir: Path) -> str:
    """The diagrams' styles (handbook.css) for an SVG that stands alone, as pandoc makes each
    diagram an image of its own: the rules for what is inside a diagram, in the light scheme's
    colours written out (not every e-reader knows CSS variables)."""
    css = (site_dir / "assets" / "stylesheets" / "handbook.css").read_text(encoding="utf-8")
    colours: dict[str, str] = {}
    for name, value in re.findall(r"--(hb-d-[a-z-]+):\s*([^;}]+)", css):
        colours.setdefault(name, value.strip())  # the first: the light scheme's
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        inside = [sel.strip() for sel in selectors.split(",")]
        if all(sel.startswith(".hb-diagram ") and ":" not in sel for sel in inside):
            body = re.sub(r"var\(--(hb-d-[a-z-]+)\)", lambda m: colours[m[1]], body)
            rules.append(",".join(sel.removeprefix(".hb-diagram ") for sel in inside) + "{" + body.strip() + "}")
    return "".join(rules)


def epub_source(site_dir: Path, lang: str, words: dict[str, str]) -> str:
    """The edition as pandoc reads it for the EPUB: the chapters one after another, each opening
    with its title, which carries the chapter's name (its stem) so that links to it hold; each
    diagram carries its styles."""
    style = f"<style>{_diagram_style(site_dir)}</style>"
    parts = []
    for c in chapters(site_dir, lang, words["site_url"]):
        body = re.sub(r'<h1\b[^>]*\sid="[^"]*"', f'<h1 id="{c.stem}"', _SELF_LINK.sub(r"\1", c.html), count=1)
        body = re.sub(r"(<svg\b[^>]*>)", lambda m: m[1] + style, body)
        parts.append(Chapter(c.stem, c.title, body))
    language = LANGUAGE[lang]
    return _ENV.get_template("volume_epub.html.j2").render(lang=lang, dir=language.direction, texts=words, chapters=parts)


def write_source(site_dir: Path, lang: str, text: str) -> Path:
    """Write the single-page edition next to the chapters; return its path."""
    path = site_dir / PREFIX[lang] / SOURCE_DIR / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def headings(text: str) -> list[str]:
    """The text of every heading of the edition, in order (what a PDF's outline lists)."""
    return [plain(m[2]) for m in re.finditer(r"<(h[1-6])\b[^>]*>(.*?)</\1>", text, re.S)]
