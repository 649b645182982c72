"""Chapters and the trainer page on paper: printed to PDF by Chromium, then read back.

A trainer prints a chapter or the index of links for a class: A4, the text only (no header,
menus, buttons), each long item on its own sheet, addresses as text, right-to-left kept.
"""

from __future__ import annotations

import re

import pytest

from conftest import BOOK, LANGUAGES, goto, pdf_first_line_ends, pdf_pages, pdf_summary
from handbook.links import page_path

pytestmark = pytest.mark.build

CHROME = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .hb-copy-link, .headerlink, .md-content__button"


def _print(browser, server, page_name: str, lang: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    goto(page, f"{server}/{page_path(page_name, lang)}")
    page.emulate_media(media="print")
    shown = page.eval_on_selector_all(CHROME, "els => els.filter(e => e.getClientRects().length).map(e => e.className)")
    assert not shown, f"{lang} {page_name}: navigation chrome on paper: {shown}"
    data = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    return data


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_chapter_prints_each_cause_on_its_own_sheet(browser, server, lang):
    data = _print(browser, server, "failure-causes-people", lang)
    pages, a4, text, first_x = pdf_summary(data)
    causes = [c for c in BOOK.failure_causes if c.group == "people"]
    assert a4 and len(causes) <= pages <= 3 * len(causes), f"{lang}: {pages} pages for {len(causes)} causes"
    if lang == "en":
        # The first line of a sheet is a cause's title (less any glossary term in it, which
        # pypdf does not extract from its <abbr>).
        first_lines = [_squash(sheet.strip().split("\n")[0]) for sheet in pdf_pages(data)]
        for cause in causes[1:]:
            title = _squash(cause.title["en"])
            assert any(line in title and 2 * len(line) >= len(title) for line in first_lines), (
                f"'{cause.title['en']}' does not start a sheet"
            )
        assert "Copy link" not in text and "¶" not in text
        assert first_x < 0.25, "left-to-right: the title starts at the left margin"
    else:
        assert sum(1 for ch in text if "\u0600" <= ch <= "\u06ff") > 5000, f"{lang}: the text is extractable"
        # Right to left, a sheet's first line is set against the right margin: unless it fills
        # the line (the page's title may), it does not start at the left one (0.1), as every first
        # line of a left-to-right page does. (Latin words such as "CRM" are in the system font,
        # so widths vary a little with the machine.)
        starts = [pdf_first_line_ends(data, i)[0] for i in range(pages)]
        # Counted on the sheets a cause's title starts (a cause's text that runs onto another
        # sheet starts it with a full line): at least half of them, where left to right has none.
        assert sum(s > 0.3 for s in starts) >= max(2, len(causes) // 2), f"right-to-left: first lines start at {starts}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_trainer_index_prints_its_paths_as_text(browser, server, lang):
    data = _print(browser, server, "for-trainers", lang)
    pages, a4, text, _ = pdf_summary(data)
    assert a4 and 4 <= pages <= 40, f"{lang}: {pages} pages"
    flat = _squash(text)
    # The index's path column is the address on paper (the language links are for screens).
    for path in ("failure-causes-leadership/#scope-creep-and-unrealistic-expectations", "checklist/#customer-definition", "glossary/#crm"):
        assert path in flat, f"{lang}: {path} is not printed"
    start, end = pdf_first_line_ends(data)
    if lang == "en":
        assert "Persian·Arabic·English" not in flat
        assert start < 0.25
    else:
        assert end > 0.7 and start > 0.3, f"right-to-left: the title sits at the right margin ({start:.2f}–{end:.2f})"


def test_addresses_of_other_sites_are_printed_once(browser, server):
    text = _squash(pdf_summary(_print(browser, server, "sources", "en"))[2])
    for source in BOOK.sources:
        if source.url:
            assert text.count(_squash(source.url)) == 1, source.url


def test_a_diagram_prints_as_text(browser, server):
    """The lifecycle diagram is on paper too: its KPI names (only the diagram lists them there).
    An indicator with no lifecycle stage (internal adoption, the unit's economics) is not on it."""
    text = _squash(pdf_summary(_print(browser, server, "lifecycle-stages", "en"))[2])
    staged = [kpi for kpi in BOOK.kpis if kpi.stage]
    assert len(staged) >= 10
    for kpi in staged:
        assert _squash(kpi.name["en"]) in text, kpi.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lifecycle_diagram_prints_in_two_columns_with_its_caption_on_one_sheet(browser, server, lang):
    """On screen the one-column diagram (a phone's width); on paper the two-column copy, short
    enough to share a sheet with the introduction. Whether the caption shares a sheet with the
    diagram is read from the PDF in English only (pypdf reads right-to-left text out of order)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    goto(page, f"{server}/{page_path('lifecycle-stages', lang)}")
    shown = "ids => ids.map(id => document.getElementById(id).getClientRects().length > 0)"
    ids = ["diagram-lifecycle", "diagram-lifecycle-2-columns"]
    assert page.evaluate(shown, ids) == [True, False], "screen: the one-column diagram only"
    page.emulate_media(media="print")
    assert page.evaluate(shown, ids) == [False, True], "paper: the two-column diagram only"
    mm = page.evaluate(
        "() => { const d = document.createElement('div'); d.style.height = '100mm'; document.body.append(d); const h = d.getBoundingClientRect().height / 100; d.remove(); return h; }"
    )
    figure = page.eval_on_selector("#diagram-lifecycle-2-columns", "f => f.getBoundingClientRect().height")
    assert figure / mm <= 120, f"{lang}: the printed figure is {figure / mm:.0f} mm tall (a sheet holds 263 mm)"
    data = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    if lang == "en":  # pypdf reads left-to-right text in order
        sheets = [_squash(sheet) for sheet in pdf_pages(data)]
        caption, stage = _squash(BOOK.t("diagram.lifecycle.title", lang))[:30], _squash(BOOK.lifecycle_stages[0].name[lang])
        assert caption in sheets[0] and stage in sheets[0], "the caption and the diagram share the first sheet"
