"""The tests' one HTML parser: a built page, a rendered fragment or an SVG read once into its
start tags, its text (each run with the elements around it) and its comments.

Python's own html.parser does the reading; each test derives what it looks at (links, ids,
<meta>, the text of SVG <text> elements) from these lists instead of keeping a parser of its own.
"""

from __future__ import annotations

from html.parser import HTMLParser

# Elements that never have content or an end tag (HTML's void elements).
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Doc(HTMLParser):
    """``elements``: every start tag as (tag, attributes), in document order; ``runs``: every
    text run as (text, names of the elements open around it); ``comments``: every comment."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.runs: list[tuple[str, tuple[str, ...]]] = []
        self.comments: list[str] = []
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag, attrs):  # <x/>: opened and closed at once
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self._open:  # a stray end tag closes nothing; an unclosed child is closed with its parent
            while self._open.pop() != tag:
                pass

    def handle_data(self, data):
        self.runs.append((data, tuple(self._open)))

    def handle_comment(self, data):
        self.comments.append(data)

    # -- what the tests derive -------------------------------------------------------------------

    def tags(self, *names: str) -> list[tuple[str, dict]]:
        """The start tags named (all of them without names)."""
        return [(t, a) for t, a in self.elements if not names or t in names]

    def attrs(self, tag: str) -> dict:
        """The attributes of the first ``tag`` ({} if there is none)."""
        return next((a for t, a in self.elements if t == tag), {})

    @property
    def ids(self) -> set[str]:
        """The id attributes (what getElementById and :target find)."""
        return {a["id"] for _, a in self.elements if a.get("id")}

    @property
    def fragments(self) -> set[str]:
        """Every #fragment a browser scrolls to: the ids and, the old way, <a name>."""
        return self.ids | {a["name"] for t, a in self.elements if t == "a" and a.get("name")}

    def text(self, inside: str | None = None, skip: tuple[str, ...] = ("script", "style")) -> list[str]:
        """The text runs (inside a ``inside`` element only, if given), leaving out those in ``skip``."""
        return [d for d, open_ in self.runs if (inside is None or inside in open_) and not set(skip) & set(open_)]
