"""Every public link of the handbook: pages and the stable anchors of generated items.

One list, used by the trainer page's index, by tests/published_links.txt (the links a
release has published, which must never disappear without a redirect) and by the tests.
An anchor is the item's id and is the same in every language; only the language prefix of
the page differs. No MkDocs imports.
"""

from __future__ import annotations

from .model import DEFAULT_LANGUAGE, PAGES, Handbook

# Items with their own anchor, in the order the trainer index lists them: kind -> page stem.
ANCHORED: dict[str, str | None] = {
    "crm_types": "crm-types",
    "lifecycle_stages": "lifecycle-stages",
    "failure_causes": "failure-causes",
    "checklist": "checklist",
    "kpis": "kpis",
    "case_studies": "case-studies",
    "key_ideas": None,  # on the narrative page the idea names
    "glossary": "glossary",
    "sources": "sources",
    "course_sessions": "for-trainers",
}


def page_path(page: str, lang: str) -> str:
    """The page's path below the site root: 'ar/failure-causes/', '' for the Persian home."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return prefix + ("" if page == "index" else f"{page}/")


def anchored_items(book: Handbook) -> list[tuple[str, str, object]]:
    """(kind, page stem, item) for every item that has a stable anchor."""
    out = []
    for kind, page in ANCHORED.items():
        for item in getattr(book, kind):
            out.append((kind, page or item.page, item))
    return out


def published(book: Handbook) -> list[str]:
    """Every page and anchor, language-independent: 'failure-causes/', 'failure-causes/#scope-creep'."""
    lines = [page_path(p, DEFAULT_LANGUAGE) or "./" for p in PAGES]
    lines += [f"{page_path(page, DEFAULT_LANGUAGE)}#{item.id}" for _, page, item in anchored_items(book)]
    return sorted(set(lines))
