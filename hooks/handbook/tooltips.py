"""Glossary terms as tooltips (no MkDocs imports).

On a Markdown page the glossary's definitions are appended as abbreviation lines
(:func:`abbreviations`, only the terms the page uses) and Python-Markdown's abbr extension
(handbook/abbr.py) marks every use; the quiz's HTML is marked by :func:`glosser`. After
rendering, :func:`focusable_first_abbr` keeps one focusable tooltip per term and page.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .bookcache import memo
from .model import Handbook
from .text import escape_text_part, inline_html, plain_text


def glosser(book: Handbook, lang: str):
    """A filter for the quiz template: escape a text and mark every glossary term in it as an
    ``<abbr>`` with its definition (the hook keeps the first per page, focusable), as Markdown's
    abbreviations do on every other page."""
    surfaces: dict[str, str] = {}
    for term in book.glossary:
        definition = plain_text(term.definition[lang])
        for surface in filter(None, {term.abbreviation, term.term[lang]}):
            surfaces.setdefault(surface, definition)
    if not surfaces:
        return lambda text: inline_html(text, "quiz")
    # Matched in the text as inline_html writes it, never inside a tag (a link's address).
    written = {escape_text_part(s): d for s, d in surfaces.items()}
    pattern = re.compile(r"(<[^>]*>)|(?<!\w)(" + "|".join(re.escape(s) for s in sorted(written, key=len, reverse=True)) + r")(?!\w)")

    def mark(match) -> str:
        if match.group(1):
            return match.group(1)
        return f'<abbr title="{escape(written[match.group(2)])}">{match.group(2)}</abbr>'

    def gloss(text: str) -> Markup:
        return Markup(pattern.sub(mark, inline_html(text, "quiz")))

    return gloss


_WORD = re.compile(r"\w+")  # words as Markdown's \b sees them (ZWNJ separates)


def _abbreviation_index(book: Handbook, lang: str) -> dict[str, list[tuple[str, str]]]:
    """Every glossary surface (term or abbreviation) with its definition line, by its first word."""
    return memo(book, ("abbreviations", lang), lambda: _make_abbreviation_index(book, lang))


def _make_abbreviation_index(book: Handbook, lang: str) -> dict[str, list[tuple[str, str]]]:
    index: dict[str, list[tuple[str, str]]] = {}
    for term in sorted(book.glossary, key=lambda g: g.id):
        definition = plain_text(term.definition[lang]).replace("]", ")")
        for surface in sorted(filter(None, {term.abbreviation, term.term[lang]})):
            if "]" not in surface and "\n" not in surface:
                first = _WORD.search(surface)
                index.setdefault(first.group(0) if first else "", []).append((surface, f"*[{surface}]: {definition}"))
    return index


def abbreviations(book: Handbook, lang: str, markdown: str | None = None) -> str:
    """Markdown abbreviation definitions (``*[CRM]: ...``) for the glossary terms in ``lang``
    that ``markdown`` uses (all of them when it is None).

    Appended to a page, they turn each occurrence of a term or its abbreviation into an
    ``<abbr>`` whose title is the glossary definition in the page's language. Only the terms
    the page contains are given, found through their first word, so a page costs what is on
    it, not every page times every term (Markdown would otherwise search each page for each).
    """
    index = _abbreviation_index(book, lang)
    if markdown is None:
        lines = [line for entries in index.values() for _, line in entries]
    else:
        tokens = _WORD.findall(markdown)
        words, grams = set(tokens), {}  # word sequences of the page, by length, built when needed
        lines = []
        for first in (words & index.keys()) | ({""} & index.keys()):
            for surface, line in index[first]:
                parts = tuple(_WORD.findall(surface))
                if len(parts) == 1 and parts[0] == surface:  # a single word: it is on the page
                    lines.append(line)
                    continue
                if len(parts) > 1 and len(parts) not in grams:
                    grams[len(parts)] = set(
                        zip(*(tokens[k:] for k in range(len(parts))), strict=False)
                    )  # n-grams: the shorter tails end it
                # The words in a row first (a set lookup), then the text itself, once.
                if (len(parts) < 2 or parts in grams[len(parts)]) and surface in markdown:
                    lines.append(line)
    # One block per definition: Markdown re-scans a block after each definition it takes out.
    return "\n\n".join(sorted(lines))


_ABBR_OR_LINK = re.compile(r'<a\b[^>]*>|</a>|<abbr title="([^"]*)">(.*?)</abbr>', re.S)


def focusable_first_abbr(html: str) -> str:
    """Keep one tooltip per glossary term and page, at its first use outside a link, and make it
    focusable so a keyboard or a tap can show the definition.

    Later uses become plain text again: hundreds of repeated definitions would bloat the page
    and slow it down. A term inside a link is never marked: a tap there follows the link, so
    its definition could not be reached on a phone (and HTML allows no tabindex inside a link).
    """
    kept: set[str] = set()
    in_link = 0

    def mark(match) -> str:
        nonlocal in_link
        tag, title, text = match.group(0), match.group(1), match.group(2)
        if title is None:  # <a ...> or </a>
            in_link = max(0, in_link + (-1 if tag == "</a>" else 1))
            return tag
        if in_link or title in kept:
            return text
        kept.add(title)
        return f'<abbr title="{title}" tabindex="0">{text}</abbr>'

    return _ABBR_OR_LINK.sub(mark, html)
