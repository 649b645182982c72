"""Python-Markdown's ``abbr`` extension, with the cost of a page linear in its length.

The glossary's terms become ``<abbr>`` tooltips through Markdown's abbreviations
(handbook/tooltips.py gives each page the definitions of the terms it uses). Python-Markdown's
``AbbrTreeprocessor`` finds where to insert each ``<abbr>`` after an element with
``list(parent).index(element)``, once per element with text after it: on a page of n blocks
that is n² steps (the glossary page at 100× the glossary has 20,000 blocks and took minutes).
This subclass passes the index down instead, and writes its regular expression (all the
page's terms, longest first) as a tree of shared prefixes, which matches the same text without
trying every term at every character. What is matched and the elements made are Python-Markdown's
own (tests/test_abbr.py compares both on every page). No MkDocs imports.
"""

from __future__ import annotations

import re

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString


class _LinearAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if not self.abbrs:
            return
        self.RE = re.compile(rf"\b{trie_pattern(list(self.abbrs))}\b")
        self.iter_element(root)

    def iter_element(self, el, parent=None, index: int | None = None) -> None:
        # Children last to first, as upstream: an <abbr> inserted after child i leaves the
        # indices of children 0..i-1 unchanged, so each child's index stays valid.
        for i in range(len(el) - 1, -1, -1):
            self.iter_element(el[i], el, i)
        if (text := el.text) and not isinstance(text, AtomicString):
            for m in reversed(list(self.RE.finditer(text))):
                if self.abbrs[m.group(0)]:
                    el.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), text[m.end() :]))
                    text = text[: m.start()]
            el.text = text
        if parent is not None and el.tail:
            tail = el.tail
            if not isinstance(tail, AtomicString):
                for m in reversed(list(self.RE.finditer(tail))):
                    if self.abbrs[m.group(0)]:
                        parent.insert(index + 1, self.create_element(self.abbrs[m.group(0)], m.group(0), tail[m.end() :]))
                        tail = tail[: m.start()]
                el.tail = tail


def trie_pattern(words: list[str]) -> str:
    """One regular expression for ``words`` that matches what ``a|b|…`` (longest first) matches,
    written as a tree of shared prefixes: at each position the engine follows one branch per
    character instead of trying every word in turn (thousands of terms on the glossary page)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A word may end here: the longer words are still tried first (greedy), as upstream.
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


class LinearAbbrExtension(AbbrExtension):
    """``abbr`` as configured in mkdocs.yml, with the linear tree processor."""

    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(_LinearAbbrTreeprocessor(md, self.abbrs), "abbr", 7)
