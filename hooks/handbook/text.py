"""Text is text: how a content string becomes page output, whatever it contains.

A content text (``content_data/*.yaml``) is never trusted as Markdown or HTML. Authors get an
explicit inline subset, and nothing else is markup:

* ``**strong**`` and ``*emphasis*``;
* ```code```;
* ``[link text](https://…)`` (http or https only) and ``[link text](page.md#id)`` to a page of
  the handbook (and an item anchored on it).

:func:`inline_html` turns a text into HTML that means the same in every place the templates put
it: in Markdown (a heading, a list item, a paragraph) and inside raw HTML blocks. Every other
character that HTML or Markdown would read as syntax (``<``, ``&``, quotes, ``*``, ``_``,
backquotes, brackets, braces, and the characters that start a block at the beginning of a
line) is written as a character reference, which both read as the character itself. So a
``<script>`` in a definition is shown, a ``{`` in a title cannot reach the heading's
attribute list, and ``[x](javascript:…)`` is shown as typed. :func:`inline_problems` is what
the loader reports about the subset (a link to anything else), so a bad link stops the
build instead of quietly turning into text. Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from urllib.parse import urlsplit

from markupsafe import Markup

from .urls import link_from

# Characters written as references wherever they are: HTML's five, and Markdown's inline syntax.
_ALWAYS = {c: f"&#{ord(c)};" for c in '&<>"\\`*_[]{}'}
_ALWAYS["&"], _ALWAYS["<"], _ALWAYS[">"] = "&amp;", "&lt;", "&gt;"
_ALWAYS_RE = re.compile("[" + re.escape("".join(_ALWAYS)) + "]")
# At the start of a line they begin a block (heading, quote, list, definition, table, admonition…).
_LEADING = set("#>-+=:|!?~%")
_ORDERED = re.compile(r"(\d+)([.)])")

# The subset: code first (its content is literal), then links, then strong and emphasis.
_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_STRONG_OR_EM = re.compile(f"{_STRONG.pattern}|{_EM.pattern}")
_INTERNAL = re.compile(r"^(?P<page>[a-z0-9]+(?:-[a-z0-9]+)*)\.md(?:#(?P<anchor>[a-z0-9]+(?:-[a-z0-9]+)*))?$")

# Characters a URL may contain unencoded (RFC 3986), besides letters and digits.
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def _one_line(text: object) -> str:
    """Runs of white space (newlines too) as one space: a text is one paragraph, and a newline
    in it must not start a block. Spaces at the ends stay (a separator such as ", ")."""
    return re.sub(r"\s+", " ", str(text))


def escape_text(text: str) -> str:
    """Plain text as HTML that Markdown leaves alone too (no subset)."""
    # A text is one paragraph: a newline cannot start a block.
    return _escape_chars(_one_line(text), first=True)


def _escape_chars(text: str, first: bool) -> str:
    out = _ALWAYS_RE.sub(lambda m: _ALWAYS[m.group(0)], text)
    if not first:
        return out
    lead = len(out) - len(out.lstrip(" "))
    ordered = _ORDERED.match(out, lead)
    if ordered:  # "1. " would start a numbered list
        return out[:lead] + f"{ordered.group(1)}&#{ord(ordered.group(2))};" + out[ordered.end() :]
    if out[lead : lead + 1] in _LEADING:
        return out[:lead] + f"&#{ord(out[lead])};" + out[lead + 1 :]
    return out


def escape_text_part(text: str) -> str:
    """Text as :func:`inline_html` writes it in the middle of a text (for matching words in it)."""
    return _escape_chars(text, first=False)


def web_url(url: str) -> str | None:
    """Why ``url`` is not an http(s) address a page may link to (None when it is one)."""
    if not _URL_CHARS.match(url):
        bad = sorted({c for c in url if not (c.isascii() and _URL_CHARS.match(c))})
        return "a URL may not contain " + " ".join(repr(c) for c in bad) + " (percent-encode them)"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as exc:
        return f"not a URL ({exc})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "a link must be an http:// or https:// address"
    return None


# Anything an author may have meant as a link: "[text](" and what follows up to a space or ")".
_LINK_LIKE = re.compile(r"\[[^\[\]\n]*\]\(\s*([^\s)]*)")


def inline_problems(text: str, anchors: dict[str, set[str]] | None = None) -> list[str]:
    """What is wrong with the inline subset of ``text``: links to anything but http(s) addresses
    and pages of the handbook (``anchors``: page stem -> the ids anchored on it), and links
    written so that they would be shown as typed."""
    problems = []
    text = _CODE.sub("", str(text))
    for match in _LINK_LIKE.finditer(text):
        whole, target = _LINK.match(text, match.start()), match.group(1)
        internal = _INTERNAL.match(target)
        if whole is None:
            problems.append(
                f"link {text[match.start() : match.end() + 1]!r}…: write [text](address), with no space, "
                "parenthesis or newline in the address (percent-encode them: %20 %28 %29)"
            )
        elif internal:
            page, anchor = internal.group("page"), internal.group("anchor")
            if anchors is not None and page not in anchors:
                problems.append(f"link to {target!r}: the handbook has no page {page!r}")
            elif anchors is not None and anchor and anchor not in anchors[page]:
                problems.append(f"link to {target!r}: the page {page!r} has no item {anchor!r}")
        elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
            why = web_url(target)
            if why:
                problems.append(f"link to {target!r}: {why}")
        else:
            problems.append(f"link to {target!r}: write an http(s):// address, or a page of the handbook as page.md or page.md#id")
    return problems


def inline_html(text: str, here: str | None = None) -> Markup:
    """A content text as HTML: the inline subset as elements, everything else as text.

    ``here`` is the stem of the page the text lands on ('index', 'glossary', …); an internal
    link is written relative to it. A link the subset does not allow stays text (the loader has
    already refused it; this is the second line of defence).
    """
    return _inline_html(str(text), here in (None, "index"))  # str: 1 and True must not share an entry


@cache  # a build renders the same texts many times (names, labels, separators)
def _inline_html(text: str, at_root: bool) -> Markup:
    here = "index" if at_root else "page"
    text = _one_line(text)
    pieces: list[str] = []
    pos = 0
    for match in re.finditer(f"{_CODE.pattern}|{_LINK.pattern}", text):
        pieces.append(_emphasis(text[pos : match.start()], first=pos == 0))
        code, label, target = match.group(1), match.group(2), match.group(3)
        href = None if code is not None else _href(target, here)
        if code is not None:
            pieces.append(f"<code>{_escape_chars(code, first=False)}</code>")
        elif href is not None:
            pieces.append(f'<a href="{href}">{_emphasis(label, first=False)}</a>')
        else:
            pieces.append(_escape_part(match.group(0), first=match.start() == 0))
        pos = match.end()
    pieces.append(_emphasis(text[pos:], first=pos == 0))
    return Markup("".join(pieces))


def _href(target: str, here: str | None) -> str | None:
    internal = _INTERNAL.match(target)
    if internal:
        return escape_text(link_from(here, internal.group("page"), internal.group("anchor")))
    if web_url(target) is None:
        return escape_text(target)
    return None


def _emphasis(text: str, first: bool) -> str:
    """``text`` escaped, with **strong** and *emphasis* as elements. ``first``: it starts the text."""
    out: list[str] = []
    pos = 0
    for match in _STRONG_OR_EM.finditer(text):
        out.append(_escape_part(text[pos : match.start()], first and pos == 0))
        strong, em = match.group(1), match.group(2)
        tag = "strong" if strong is not None else "em"
        out.append(f"<{tag}>{_escape_part(strong if strong is not None else em, False)}</{tag}>")
        pos = match.end()
    out.append(_escape_part(text[pos:], first and pos == 0))
    return "".join(out)


# A Latin run followed by a Persian number, in brackets or after a comma or colon ("راهنمای CRM
# (۱۴۰۵)", "Gartner (۲۰۲۳)", "مانند Gartner، ۲۰۲۳"): Persian digits are European numbers to the
# bidi algorithm, so the run and the number would show as one left-to-right block, read
# "(۱۴۰۵) CRM" from the right. Isolating the run keeps the reading order. (Arabic-Indic digits
# are Arabic numbers and do not join a Latin run.)
_LATIN_BEFORE_PERSIAN_NUMBER = re.compile(r"(?<![A-Za-z0-9&#;])([A-Za-z][A-Za-z0-9.\- ]*[A-Za-z0-9.])(?=\s*[،,:؛]?\s*\(?\s*[۰-۹])")


def _escape_part(text: str, first: bool) -> str:
    """Part of a text, escaped; only the start of the whole text (``first``) can start a block."""
    return _LATIN_BEFORE_PERSIAN_NUMBER.sub(r"<bdi>\1</bdi>", _escape_chars(text, first))


def plain_text(text: str) -> str:
    """The words of a text without the subset's markup (for a tooltip, a title attribute, JSON)."""
    text = _LINK.sub(lambda m: m.group(1), _CODE.sub(lambda m: m.group(1), str(text)))
    text = _STRONG.sub(lambda m: m.group(1), text)
    return _one_line(_EM.sub(lambda m: m.group(1), text))


def script_json(data: object) -> Markup:
    """JSON for a ``<script type="application/json">`` element: no text in it can end the
    element or open a comment, whatever the content says."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, ref in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        payload = payload.replace(char, ref)
    return Markup(payload)


# -- what the loader checks on every text ---------------------------------------------------------


# Invisible or formatting characters: a text made only of these (and spaces) says nothing.
def visible(text: str) -> bool:
    return any(not (c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn")) for c in text)


def presentation_forms(text: str) -> list[str]:
    """Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF): glyph shapes, not letters."""
    return sorted(set(_PRESENTATION_FORMS.findall(text)))


_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
