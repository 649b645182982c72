"""The glossary tooltips' Markdown extension (handbook/abbr.py) makes exactly what
Python-Markdown's own abbr extension makes, on every page of the handbook, in every language."""

from __future__ import annotations

import re

import markdown
import pytest

from conftest import BOOK, rendered_pages
from handbook.abbr import LinearAbbrExtension, trie_pattern
from handbook.model import LANGUAGES
from handbook.tooltips import abbreviations

OTHERS = ["toc", "attr_list", "md_in_html", "admonition", "tables", "def_list", "pymdownx.details", "pymdownx.superfences"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_same_output_as_python_markdowns_abbr(lang):
    pages, errors = rendered_pages()
    assert not errors
    for (page_lang, stem), text in pages.items():
        if page_lang != lang:
            continue
        source = text + "\n\n" + abbreviations(BOOK, lang, text) + "\n"
        upstream = markdown.markdown(source, extensions=[*OTHERS, "abbr"])
        ours = markdown.markdown(source, extensions=[*OTHERS, LinearAbbrExtension()])
        assert ours == upstream, f"{lang}/{stem}"
        # The quiz marks its terms itself (gloss); the team page names none.
        assert "<abbr" in ours or stem in ("quiz", "team"), f"{lang}/{stem}: no term found, the comparison proves nothing"


def test_the_prefix_tree_matches_what_the_alternation_matches():
    words = ["CRM", "CRM system", "CR", "CX", "customer", "customer lifetime value", "a.b", "مشتری", "مشتری‌مداری"]
    text = "CRM systems, CRM system CR CX customer lifetime value customer lifetimes a.b CRMx مشتری مشتری‌مداری مشتریان"
    alternation = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
    tree = re.compile(rf"\b{trie_pattern(words)}\b")
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in alternation.finditer(text)]
    assert len(list(tree.finditer(text))) == 9
