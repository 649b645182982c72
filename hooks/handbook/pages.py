"""Every page of every language, rendered from the content before anything is written.

The build and ``make check`` both call :func:`render_pages`, so they reject exactly the same
things: a key idea whose page changed or that a page still places after it was deleted, a
``ref()`` or a link ``page.md#id`` to an id that was renamed in the YAML only, a narrative page
that forgets to place one of its key ideas, a template error. Every problem of every page and
language is listed at once, each naming the page file and its line. The build then uses the
Markdown rendered here (handbook/render.py does the rendering). No MkDocs imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .links import anchored_items
from .model import LANGUAGES, PAGES, Handbook
from .render import CHAPTER_PAGES, GENERATED_PAGES, RenderError, SiteInfo, render_chapter, render_narrative


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
    return (meta if isinstance(meta, dict) else {}), text[match.end():]


def _line_of(source: str, needle: str) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if needle in line:
            return number
    return 0


_LINK = re.compile(r"\]\((?P<page>[a-z0-9-]+\.md)?#(?P<anchor>[^)\s]+)\)")


def render_pages(book: Handbook, docs_dir: Path, site: SiteInfo, languages=LANGUAGES) -> tuple[dict[tuple[str, str], str], list[PageError]]:
    """Markdown of every page (``(language, page stem)`` -> text) and every problem found."""
    out: dict[tuple[str, str], str] = {}
    errors: list[PageError] = []
    # Links into the generated item lists must name an item of that list.
    item_pages = {file: stem for stem, file in ((f[:-3], f) for f in CHAPTER_PAGES.values())}
    anchors = {page: set() for page in item_pages.values()}
    for _, page, item in anchored_items(book):
        anchors.setdefault(page, set()).add(item.id)
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
                if chapter is not None:
                    if chapter not in GENERATED_PAGES:
                        raise RenderError(f"unknown generated chapter {chapter!r}; known: {', '.join(GENERATED_PAGES)}")
                    markdown = render_chapter(book, chapter, lang, site=site)
                else:
                    markdown = render_narrative(book, markdown, lang, stem)
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
            if chapter is None:
                for link in _LINK.finditer(markdown):
                    target = item_pages.get(link.group("page") or "")
                    if target and link.group("anchor") not in anchors[target]:
                        errors.append(PageError(rel, _line_of(source, link.group(0)[2:]) or _line_of(source, link.group("anchor")),
                                                f"link to {link.group('page')}#{link.group('anchor')}: {target} has no item '{link.group('anchor')}' "
                                                "(renamed in the YAML? add a redirect and update the link)"))
    return out, sorted(set(errors))

