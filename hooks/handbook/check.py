"""Check the content without building the site: ``python -m handbook.check [content_dir]``."""

from __future__ import annotations

import sys

from .loader import ContentErrors, load


def main(argv: list[str]) -> int:
    content_dir = argv[0] if argv else "content_data"
    try:
        book = load(content_dir)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    counts = ", ".join(f"{kind}: {len(getattr(book, kind))}" for kind in type(book).model_fields if kind != "ui")
    print(f"content_data is valid ({counts}, ui strings: {len(book.ui)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
