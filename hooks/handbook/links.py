"""Every public link of the handbook: pages and the stable anchors of generated items.

One list, used by the trainer page's index, by tests/published_links.txt (the links a
release has published, which must never disappear without a redirect) and by the tests.
An anchor is the item's id and is the same in every language; only the language prefix of
the page differs. No MkDocs imports.
"""

from __future__ import annotations

import re
from html import escape

from .model import Handbook
from .site_pages import ANCHORED, PAGES
from .urls import page_link, page_of, page_path, relative

__all__ = ["page_link", "page_of", "page_path", "relative"]  # re-exported from urls.py


def link_path(link: str, lang: str) -> str:
    """A published link in one language, below the site root: 'en/failure-causes/#x'."""
    anchor = link.partition("#")[2]
    return page_path(page_of(link), lang) + (f"#{anchor}" if anchor else "")


def anchored_items(book: Handbook) -> list[tuple[str, str, object]]:
    """(kind, page stem, item) for every item that has a stable anchor."""
    out = []
    for kind, page in ANCHORED.items():
        for item in getattr(book, kind):
            out.append((kind, page or item.page, item))
    return out


def glossary_kpis(book: Handbook) -> list:
    """The KPIs the glossary lists under their own name because no term of its own defines
    them (no term with the KPI's id, abbreviation or English name): anchored there by their id."""
    covered = (
        {g.id for g in book.glossary}
        | {g.abbreviation for g in book.glossary if g.abbreviation}
        | {g.term.en.lower() for g in book.glossary}
    )
    return [k for k in book.kpis if not {k.id, k.abbreviation, k.name.en.lower()} & covered]


def published(book: Handbook) -> list[str]:
    """Every page and anchor, language-independent: 'failure-causes/', 'failure-causes/#scope-creep'."""
    lines = [page_link(p) for p in PAGES]
    lines += [f"{page_link(page)}#{item.id}" for _, page, item in anchored_items(book)]
    lines += [f"{page_link('glossary')}#{kpi.id}" for kpi in glossary_kpis(book)]
    return sorted(set(lines))


def moved_anchors(book: Handbook, page_link: str) -> dict[str, str]:
    """Anchors of ``page_link`` that moved -> where they went, relative to that page."""
    return {r.old_anchor: relative(page_link, r.new) for r in book.redirects if r.old_anchor and r.old_page == page_link}


def moved_pages(book: Handbook) -> list:
    """Redirects of whole pages that no longer exist (each gets a small page at its old address)."""
    return [r for r in book.redirects if not r.old_anchor]


_ITEM_HEADING = re.compile(r'(<(h[1-6]) class="hb-item[^"]*" id="([^"]+)">.*?</\2>)', re.S)


def copy_link_buttons(html: str, label: str) -> str:
    """A "Copy link" button after each item's heading, written into the page rather than added
    by a script after it is shown, so it costs no work when the page opens and never moves the
    text. assets/javascripts/links.js copies the address (one listener for the whole page);
    without JavaScript a button could do nothing, so overrides/main.html hides them then (the
    heading's ¶ permalink stays). ``label`` is the page language's text, escaped here."""
    return _ITEM_HEADING.sub(
        lambda m: (
            f'{m.group(1)}\n<button type="button" class="hb-copy-link" data-anchor="{m.group(3)}"><span>{escape(label)}</span></button>'
        ),
        html,
    )
