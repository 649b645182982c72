"""Render the generated chapters from the content model through Jinja2 templates.

Nothing here imports MkDocs: :func:`render_chapter` takes a Handbook and a language and
returns Markdown. Each generated item is a heading whose anchor is its YAML id, identical
in every language, so a link such as ``failure-causes/#scope-creep`` survives a language
switch. Cross-references are Markdown links to ``<page>.md#<id>`` so MkDocs checks them.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from persiantools import digits as _digits
from persiantools.jdatetime import JalaliDate

from .model import Handbook

TEMPLATES = Path(__file__).parent / "templates"

# chapter key -> (page file name, template). The page names are part of the public URLs.
CHAPTER_PAGES: dict[str, str] = {
    "failure_causes": "failure-causes.md",
    "checklist": "checklist.md",
    "lifecycle_stages": "lifecycle-stages.md",
    "crm_types": "crm-types.md",
    "kpis": "kpis.md",
    "case_studies": "case-studies.md",
    "glossary": "glossary.md",
    "sources": "sources.md",
}

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def localize_digits(text: object, lang: str) -> str:
    """Write the ASCII digits of ``text`` in the page's own digits."""
    s = str(text)
    if lang == "fa":
        return _digits.en_to_fa(s)
    if lang == "ar":
        return s.translate(_ARABIC_INDIC)
    return s


def _parse_sh(value: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in value.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def format_solar_hijri(value: str, lang: str, solar_hijri_label: str) -> str:
    """A Solar Hijri date as readers of ``lang`` expect it.

    Persian: the Solar Hijri date itself. Arabic and English: the Gregorian date (or the
    Gregorian years the Solar Hijri year spans), then the Solar Hijri year, labelled.
    """
    year, month, day = _parse_sh(value)
    if lang == "fa":
        if month is None:
            return localize_digits(year, "fa")
        text = JalaliDate(year, month, day or 1).strftime("%d %B %Y" if day else "%B %Y", locale="fa")
        return localize_digits(text.lstrip("0").lstrip("۰"), "fa")
    if day is not None:
        greg = format_date(JalaliDate(year, month, day).to_gregorian(), "long" if lang == "en" else "d MMMM y", locale=lang)
    elif month is not None:
        start = JalaliDate(year, month, 1).to_gregorian()
        greg = format_date(start, "MMMM y", locale=lang)
    else:
        first = JalaliDate(year, 1, 1).to_gregorian().year
        greg = f"{first}–{first + 1}"
    return localize_digits(f"{greg} ({solar_hijri_label} {year})", lang)


def group_by_source(refs) -> list[tuple[str, list[int]]]:
    """Source references grouped per source, in first-mention order: [(source id, [item numbers])]."""
    groups: dict[str, list[int]] = {}
    for ref in refs:
        items = groups.setdefault(ref.source, [])
        if ref.item is not None and ref.item not in items:
            items.append(ref.item)
    return list(groups.items())


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is Markdown; content authors are trusted editors
    )
    env.filters["digits"] = localize_digits
    env.tests["contains"] = lambda seq, value: value in seq
    env.filters["by_source"] = group_by_source
    env.filters["lookup"] = lambda ids, table: [table[i] for i in ids]  # ids -> items (ids are validated)
    return env


def render_chapter(book: Handbook, chapter: str, lang: str) -> str:
    """Markdown for one generated chapter in one language."""
    if chapter not in CHAPTER_PAGES:
        raise KeyError(f"unknown chapter {chapter!r}; known: {', '.join(CHAPTER_PAGES)}")

    def t(key: str, **values: object) -> str:
        text = book.t(key, lang)
        for name, value in values.items():
            text = text.replace("{" + name + "}", localize_digits(value, lang))
        return text

    def date(value: str) -> str:
        return format_solar_hijri(value, lang, book.t("label.solar_hijri", lang))

    # Reverse index: which items cite each source (for the sources page).
    cited_by: dict[str, list[tuple[str, object]]] = {s.id: [] for s in book.sources}
    for kind in CHAPTER_PAGES:
        if kind == "sources":
            continue
        for item in getattr(book, kind):
            for ref in getattr(item, "sources", []):
                if (kind, item) not in cited_by[ref.source]:
                    cited_by[ref.source].append((kind, item))

    template = _environment().get_template(f"{chapter}.md.j2")
    return template.render(
        book=book,
        lang=lang,
        t=t,
        date=date,
        pages=CHAPTER_PAGES,
        causes=book.by_id("failure_causes"),
        steps=book.by_id("checklist"),
        stages=book.by_id("lifecycle_stages"),
        types=book.by_id("crm_types"),
        kpis=book.by_id("kpis"),
        sources=book.by_id("sources"),
        cited_by=cited_by,
        chapter=chapter,
    )
