"""Pages read as a textbook, not as a list of fragments (issue 15): no heading directly followed
by another heading, no two identical headings on a page. Checked on the Markdown of every page
in every language as the build renders it (handbook.pages, no MkDocs)."""

from __future__ import annotations

import itertools
import re

import pytest

from conftest import BOOK, LANGUAGES, rendered_pages

PAGES, ERRORS = rendered_pages()
HEADING = re.compile(r"^(#{1,6}) (.*?)(?:\s*\{[^}]*\})?\s*$")


def _blocks(markdown: str) -> list[str]:
    """Non-empty lines outside fenced code."""
    lines, fenced = [], False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.strip():
            lines.append(line)
    return lines


def test_every_page_renders():
    assert not ERRORS and len(PAGES) >= 3 * 15


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_heading_is_directly_followed_by_another(lang):
    """An empty section (a heading with nothing under it before the next heading) is a defect,
    whatever the levels: say what the section is about, or drop the heading."""
    found = []
    for (page_lang, stem), md in sorted(PAGES.items()):
        if page_lang != lang:
            continue
        lines = _blocks(md)
        for first, second in itertools.pairwise(lines):
            if HEADING.match(first) and HEADING.match(second):
                found.append(f"{stem}: {first.strip()!r} is followed directly by {second.strip()!r}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_two_headings_of_a_page_say_the_same(lang):
    found = []
    for (page_lang, stem), md in sorted(PAGES.items()):
        if page_lang != lang:
            continue
        titles = [HEADING.match(line).group(2).strip() for line in _blocks(md) if HEADING.match(line)]
        twice = sorted({t for t in titles if titles.count(t) > 1})
        if twice:
            found.append(f"{stem}: {twice}")
    assert not found, "\n".join(found)


# -- a figure does not print the page's text a second time ------------------------------------

FIGURE_TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.S)
NAMES = {
    lang: sorted(
        {
            " ".join(getattr(item, field)[lang].split())
            for kind, field in (
                ("failure_causes", "title"),
                ("checklist", "title"),
                ("crm_types", "name"),
                ("lifecycle_stages", "name"),
                ("kpis", "name"),
                ("case_studies", "title"),
                ("glossary", "term"),
                ("sources", "title"),
            )
            for item in getattr(BOOK, kind)
        },
        key=len,
        reverse=True,
    )
    for lang in LANGUAGES
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_figure_repeats_the_text_of_its_page_or_cuts_it_off(lang):
    """Figures show names and short labels; the sentences are on the page once. A line of a
    figure is never cut off mid-phrase (no ellipsis)."""
    found = []
    for (page_lang, stem), md in sorted(PAGES.items()):
        if page_lang != lang:
            continue
        # The lesson around the page (its outcomes, summary and review questions) restates the
        # page on purpose; the comparison is between a figure and the page's own text.
        own = re.sub(r'<div class="hb-lesson" markdown>.*?</div>', " ", md.split("{ #hb-summary }")[0], flags=re.S)
        body = re.sub(r"<svg.*?</svg>", " ", own, flags=re.S)
        body_text = " ".join(re.sub(r"<[^>]+>|\*\*|\[|\]\([^)]*\)", " ", body).split())
        for svg in re.findall(r"<svg.*?</svg>", md, flags=re.S):
            lines = [" ".join(re.sub(r"<[^>]+>", "", t).strip(" •◆").split()) for t in FIGURE_TEXT.findall(svg)]
            for line in lines:
                if "…" in line or "..." in line:
                    found.append(f"{stem}: a figure line is cut off: {line!r}")
            # Names (of causes, steps, stages, KPIs…) are what figures are made of; the text
            # around them must not be. Lines wrap, so compare runs of six words.
            shown = " ".join(lines)
            for name in NAMES[lang]:
                shown = shown.replace(name, " ")
            words = shown.split()
            for i in range(len(words) - 5):
                run = " ".join(words[i : i + 6])
                if run in body_text:
                    found.append(f"{stem}: the figure repeats the page's text: {run!r}")
                    break
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_case_studys_card_and_text_do_not_say_the_same_thing_twice(lang):
    """The card gives each case's business priority and the KPIs watched; the text around it
    does not repeat them (a review found both printed twice)."""
    md = PAGES[(lang, "case-studies")]
    body = re.sub(r"<figure\b.*?</figure>", "", md, flags=re.S)
    for key in ("label.priority", "label.kpis_watched"):
        label = BOOK.t(key, lang)
        assert f"**{label}" not in body, f"{lang}: '{label}' is repeated outside the card"
        assert md.count(label) >= len(BOOK.case_studies), f"{lang}: '{label}' is on every card"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_section_that_only_introduces_a_key_idea_holds_it_as_a_subsection(lang):
    """A short hand-written section that leads into a key idea ("Why keeping customers matters
    most") holds it as its subsection (idea(id, 3)), so the outline reads section, subsection,
    not two sections in a row."""
    md = PAGES[(lang, "what-is-crm")]
    for idea in ("drucker-customer-purpose", "crm-as-strategic-trap", "crm-project-stakes"):
        assert re.search(rf"^### .*\{{ #{idea} ", md, flags=re.M), f"{lang}: {idea} is not a subsection"


def test_a_key_idea_is_a_section_or_a_subsection_nothing_else():
    from handbook.render import RenderError, render_narrative

    with pytest.raises(RenderError, match="section"):
        render_narrative(BOOK, '# T\n\n{{ idea("drucker-customer-purpose", 4) }}\n', "en", "what-is-crm")
