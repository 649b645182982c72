"""Every page of every language, rendered from the content before anything is written.

The build and ``make check`` both call :func:`render_pages`, so they reject exactly the same
things: a key idea whose page changed or that a page still places after it was deleted, a
``ref()`` or a link ``page.md#id`` to an id that was renamed in the YAML only, a narrative page
that forgets to place one of its key ideas, a template error. Every problem of every page and
language is listed at once, each naming the page file and its line. The build then uses the
Markdown rendered here (handbook/render.py does the rendering). No MkDocs imports.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pymdownx.slugs import slugify

from .links import anchored_items
from .model import LANGUAGES, PAGES, Handbook
from .render import CHAPTER_PAGES, GENERATED_PAGES, RenderError, SiteInfo, render_chapter, render_narrative, with_lesson


@dataclass(frozen=True, order=True)
class PageError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, Markdown) as MkDocs splits a page ('---' lines around YAML at the top)."""
    match = re.match(r"^---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", text, re.S)
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1) or "") or {}
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


def _line_of(source: str, needle: str) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if needle in line:
            return number
    return 0


# A Markdown link to a page of the handbook and/or an anchor: ](page.md), ](page.md#id), ](#id).
_LINK = re.compile(r"\]\((?P<page>[\w-]+\.md)?(?:#(?P<anchor>[^)\s]+))?\)")


_SLUG = slugify(case="lower")  # as mkdocs.yml configures the toc extension
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+\{:?([^}\n]*)\})?[ \t]*$", re.M)
_HTML_ID = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]+)\"")


def _page_ids(markdown: str) -> list[tuple[str, bool, str]]:
    """Every id a page's Markdown defines: (id, an item's heading?, what defines it). Headings give
    their attribute list's #id, else the slug the toc extension makes; HTML elements their id."""
    found = []
    for match in _HEADING.finditer(markdown):
        explicit = re.search(r"#([\w-]+)", match.group(3) or "")
        text = html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip()
        item = bool(explicit) and ".hb-item" in match.group(3)  # an item's own heading (_macros.md.j2)
        found.append((explicit.group(1) if explicit else _SLUG(text, "-"), item, f"the heading «{text}»"))
    found += [(m.group(1), False, f"an element the page writes itself ({m.group(0)[:30]}…)") for m in _HTML_ID.finditer(markdown)]
    return found


def _colliding_ids(markdown: str, page: str, lang: str, items: dict[str, str], root: Path) -> list[tuple]:
    """An item id that is also the anchor of something else on its page: the toc extension would
    silently rename one of them, and a published link would land on the wrong thing."""
    seen: dict[str, list[tuple[bool, str]]] = {}
    for anchor, explicit, what in _page_ids(markdown):
        seen.setdefault(anchor, []).append((explicit, what))
    errors = []
    for item_id, kind in items.items():
        uses = seen.get(item_id, [])
        if len(uses) < 2:
            continue
        own = next((u for u in uses if u[0]), uses[0])
        clash = next(what for u in uses if u is not own for what in [u[1]])
        rel = f"content_data/{kind}.yaml"
        path = root / rel
        line = _line_of(path.read_text(encoding="utf-8"), f"id: {item_id}") if path.is_file() else 0
        errors.append((rel, line, item_id, clash, page, lang))
    return errors


def render_page(book: Handbook, chapter: str | None, markdown: str, lang: str, stem: str, site: SiteInfo) -> str:
    """One page's Markdown: a generated chapter (front matter ``generated: <chapter>``) from the
    content, or a hand-written page with its ``idea()``/``ref()`` filled in. Raises RenderError."""
    if chapter is None:
        return with_lesson(book, render_narrative(book, markdown, lang, stem, site), lang, stem)
    if chapter not in GENERATED_PAGES:
        raise RenderError(f"unknown generated chapter {chapter!r}; known: {', '.join(GENERATED_PAGES)}")
    return with_lesson(book, render_chapter(book, chapter, lang, site=site), lang, stem)


def report(errors: list[PageError]) -> str:
    """The page problems as the build and `make check` print them."""
    n = len(errors)
    return "\n".join([f"the pages have {n} problem{'s' if n != 1 else ''}; nothing was built:", *(f"  - {e}" for e in errors)])


def render_pages(book: Handbook, docs_dir: Path, site: SiteInfo, languages=LANGUAGES) -> tuple[dict[tuple[str, str], str], list[PageError]]:
    """Markdown of every page (``(language, page stem)`` -> text) and every problem found."""
    out: dict[tuple[str, str], str] = {}
    errors: list[PageError] = []
    collisions: list[tuple] = []
    item_pages = {file: stem for stem, file in ((f[:-3], f) for f in CHAPTER_PAGES.values())}
    page_items: dict[str, dict[str, str]] = {}  # page -> item id -> its kind
    for kind, page, item in anchored_items(book):
        page_items.setdefault(page, {})[item.id] = kind
    for lang in languages:
        for stem in PAGES:
            path = docs_dir / lang / f"{stem}.md"
            rel = f"docs/{lang}/{stem}.md"
            if not path.is_file():
                errors.append(PageError(rel, 0, "page is missing (model.PAGES lists it)"))
                continue
            source = path.read_text(encoding="utf-8")
            try:
                meta, markdown = split_front_matter(source)
            except yaml.YAMLError as exc:
                errors.append(PageError(rel, 1, f"front matter is not YAML ({' '.join(str(exc).split())})"))
                continue
            chapter = meta.get("generated")
            try:
                markdown = render_page(book, chapter, markdown, lang, stem, site)
            except RenderError as exc:
                message = str(exc)
                quoted = re.search(r"\((['\"])([^'\"]+)\1", message)
                line = _line_of(source, quoted.group(2)) if quoted else 0
                match = re.match(r"line (\d+): (.*)", message, re.S)
                if match:
                    line, message = int(match.group(1)) + source[: len(source) - len(markdown)].count("\n"), match.group(2)
                errors.append(PageError(rel, line, message))
                continue
            out[(lang, stem)] = markdown
            collisions += _colliding_ids(markdown, stem, lang, page_items.get(stem, {}), docs_dir.parent)
        # Markdown links between pages, as MkDocs will check them: the page and its anchor exist.
        ids = {stem: {anchor for anchor, _, _ in _page_ids(md)} for (lng, stem), md in out.items() if lng == lang}
        for (lng, stem), markdown in out.items():
            if lng != lang:
                continue
            source = (docs_dir / lang / f"{stem}.md").read_text(encoding="utf-8")
            for link in _LINK.finditer(markdown):
                target = link.group("page")[:-3] if link.group("page") else stem
                anchor = link.group("anchor")
                if target in PAGES and target not in ids:
                    continue  # that page could not be rendered: its own error says so, once
                if target not in ids:
                    why = f"the handbook has no page '{target}'"
                elif anchor and anchor not in ids[target]:
                    why = f"the page '{target}' has no anchor '{anchor}'" + (
                        " (renamed in the YAML? add a redirect and update the link)" if target in item_pages.values() else ""
                    )
                else:
                    continue
                line = _line_of(source, link.group(0)[2:]) or _line_of(source, anchor or target)
                errors.append(
                    PageError(f"docs/{lang}/{stem}.md", line, f"link to {link.group('page') or ''}{'#' + anchor if anchor else ''}: {why}")
                )
    # One message per item and clash, naming the languages where it happens.
    clashes: dict[tuple, dict[str, str]] = {}
    for rel, line, item_id, clash, page, lang in collisions:
        clashes.setdefault((rel, line, item_id, page), {})[lang] = clash
    for (rel, line, item_id, page), by_lang in clashes.items():
        lang = "en" if "en" in by_lang else next(iter(by_lang))
        errors.append(
            PageError(
                rel,
                line,
                f"item '{item_id}': its id is also the anchor of {by_lang[lang]} on the page '{page}' "
                f"(in {', '.join(sorted(by_lang))}); choose another id (one of the two would silently be renamed)",
            )
        )
    return out, sorted(set(errors))
