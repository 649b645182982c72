"""Values worked out once per loaded content (no MkDocs imports).

The build renders 63 pages from one Handbook; reverse indexes (which items cite a source,
which glossary terms a language has) are made once for it. The content is reloaded when a
file changes, and the cache starts again with the new Handbook.
"""

from __future__ import annotations

from .model import Handbook

_VALUES: dict[tuple, object] = {}


def memo(book: Handbook, key: tuple, make):
    """``make()`` computed once per book and key (the book is reloaded when content changes)."""
    if _VALUES.get("book") is not book:
        _VALUES.clear()
        _VALUES["book"] = book
    if key not in _VALUES:
        _VALUES[key] = make()
    return _VALUES[key]
