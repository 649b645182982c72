"""Check the content without building the site: ``python -m handbook.check [content_dir]``.

It rejects exactly what the build rejects: the content files (handbook/loader.py), then every
page of every language rendered from them (handbook/pages.py), all problems listed at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .loader import ContentErrors, load
from .pages import render_pages, report
from .render import SiteInfo


def main(argv: list[str]) -> int:
    content_dir = Path(argv[0] if argv else "content_data")
    try:
        book = load(content_dir)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    docs_dir = content_dir.resolve().parent / "docs"
    _, errors = render_pages(book, docs_dir, SiteInfo.placeholder(docs_dir))
    if errors:
        print(report(errors), file=sys.stderr)
        return 1
    counts = ", ".join(f"{kind}: {len(getattr(book, kind))}" for kind in type(book).model_fields if kind != "ui")
    print(f"content_data is valid ({counts}, ui strings: {len(book.ui)}), and every page renders from it")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
