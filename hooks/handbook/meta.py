"""Page descriptions for search engines and link previews, and the edition date of the
site (no MkDocs imports).

A page's description is its own first paragraph, as plain text, cut at a word boundary: the
chapters open with their introduction, so previews in messaging apps show what the page is
about, in the page's language.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

LIMIT = 200


class _FirstParagraph(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the first top-level <p>
        self.text: list[str] = []
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "p":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "p" and self.depth:
            self.depth -= 1
            if not self.depth and "".join(self.text).strip():
                self.done = True

    def handle_data(self, data):
        if self.depth and not self.done:
            self.text.append(data)


def describe(html: str, limit: int = LIMIT) -> str:
    """The first non-empty paragraph of ``html`` as plain text, at most ``limit`` characters."""
    parser = _FirstParagraph()
    for start in range(0, len(html), 4096):  # the first paragraph is near the top: stop there
        parser.feed(html[start : start + 4096])
        if parser.done:
            break
    text = re.sub(r"\s+", " ", "".join(parser.text)).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ،,؛;:") + "…"


def edition(repo: Path) -> datetime.date:
    """The date of the last commit in ``repo`` (the edition citations and archives name), else today."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=repo, capture_output=True, text=True, timeout=10)
        return datetime.date.fromisoformat(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return datetime.date.today()
