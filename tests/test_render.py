"""The model and render code on their own, without MkDocs."""

from __future__ import annotations

import re

import pytest

from conftest import BOOK, LANGUAGES, ROOT, render_failure_causes
from handbook.dates import format_solar_hijri
from handbook.digits import localize_digits
from handbook.render import CHAPTER_PAGES, render_chapter


def test_model_and_render_do_not_import_mkdocs():
    files = sorted((ROOT / "hooks" / "handbook").rglob("*.py"))  # every file, imported by this test or not
    assert len(files) >= 10
    for path in files:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+mkdocs", source, re.M), f"{path.name} imports MkDocs"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTER_PAGES)
def test_every_chapter_renders_every_item_with_its_anchor(chapter, lang):
    md = render_chapter(BOOK, chapter, lang)
    if chapter.startswith("failure_causes_"):
        # A group page of the failure causes: its own causes, and no other.
        group = chapter.removeprefix("failure_causes_")
        title = BOOK.t("chapter.failure_causes_group.title", lang).replace("{group}", BOOK.t(f"failure_group.{group}.title", lang))
        items = [c for c in BOOK.failure_causes if c.group == group]
        others = [c for c in BOOK.failure_causes if c.group != group]
        assert len(items) >= 3 and not [c.id for c in others if f"{{ #{c.id} " in md]
    else:
        title, items = BOOK.t(f"chapter.{chapter}.title", lang), getattr(BOOK, chapter)
    assert md.startswith(f"# {title}\n")
    if chapter == "failure_causes":
        # The overview links every cause to its group page and gives none an anchor of its own.
        for item in items:
            assert f"({item.page}.md#{item.id})" in md and f"#{item.id} " not in md, item.id
        return
    for item in items:
        assert re.search(rf"\{{ #{item.id} \.hb-item( \.hb-item--sheet)? \}}", md), f"{chapter}/{lang}: no heading anchor for {item.id}"


def test_cross_references_link_to_the_target_anchor():
    md = render_failure_causes(BOOK, "en")
    cause = next(c for c in BOOK.failure_causes if c.prevented_by)
    step = BOOK.by_id("checklist")[cause.prevented_by[0]]
    assert f"[{step.title.en}](checklist.md#{step.id})" in md
    source = BOOK.by_id("sources")[cause.sources[0].source]
    assert f"[{source.short.en}](sources.md#{source.id})" in md


def test_numbers_are_written_in_the_pages_digits():
    assert localize_digits("Step 10", "fa") == "Step ۱۰"
    assert localize_digits("Step 10", "ar") == "Step ١٠"
    assert localize_digits("Step 10", "en") == "Step 10"
    for lang, own, foreign in (("fa", "[۰-۹]", "[0-9٠-٩]"), ("ar", "[٠-٩]", "[0-9۰-۹]"), ("en", "[0-9]", "[۰-۹٠-٩]")):
        md = render_chapter(BOOK, "checklist", lang)
        headings = [line.split("{ #")[0] for line in md.splitlines() if line.startswith("## ")]
        assert headings
        for heading in headings:
            assert re.search(own, heading) and not re.search(foreign, heading), f"{lang}: {heading}"


def test_each_checklist_step_says_when_it_can_be_checked_as_the_handbooks_reading():
    """Steps 5 and 8 can only be seen after go-live (review en 13): each step names its phase,
    labelled as the handbook's own synthesis, since Mir's list gives none."""
    for lang in LANGUAGES:
        md = render_chapter(BOOK, "checklist", lang)
        for step in BOOK.checklist:
            block = md.split(f"{{ #{step.id} ")[1].split("\n## ")[0]
            phase = f"**{BOOK.t('label.when_to_check', lang)}:** {BOOK.t('phase.' + step.phase, lang)}"
            assert phase in block and BOOK.t("basis.synthesis", lang) in block.split(phase)[1].split("\n")[0], (lang, step.id)
    assert {s.phase for s in BOOK.checklist} == {"before", "build", "live", "throughout"}


def test_dates_follow_each_languages_calendar():
    assert format_solar_hijri("1389-02-13", "fa", "هجری شمسی") == "۱۳ اردیبهشت ۱۳۸۹"
    assert format_solar_hijri("1389-02-13", "en", "Solar Hijri") == "3 May 2010 (Solar Hijri 1389)"
    assert format_solar_hijri("1389-02-13", "ar", "هجري شمسي") == "٣ مايو ٢٠١٠ (هجري شمسي ١٣٨٩)"
    assert format_solar_hijri("1401", "en", "Solar Hijri") == "2022–2023 (Solar Hijri 1401)"
    assert format_solar_hijri("1401", "fa", "هجری شمسی") == "۱۴۰۱"
    assert format_solar_hijri("1404-01", "en", "Solar Hijri") == "March 2025 (Solar Hijri 1404)"


def test_unknown_chapter_is_refused():
    with pytest.raises(KeyError):
        render_chapter(BOOK, "nope", "en")


def test_narrative_pages_place_key_ideas_and_link_items_by_id():
    from handbook.render import RenderError, render_narrative

    idea = BOOK.key_ideas[0]
    others = [i for i in BOOK.key_ideas if i.page == idea.page and i.id != idea.id]
    page = "# T\n\n" + "".join(f'{{{{ idea("{i.id}") }}}}\n\n' for i in [idea, *others])
    page += 'See {{ ref("checklist", "continuous-training") }} and {{ ref("kpis", "net-promoter-score", "NPS") }}.\n'
    md = render_narrative(BOOK, page, "en", idea.page)
    assert f"{{ #{idea.id} .hb-item }}" in md and idea.title.en in md
    step = BOOK.by_id("checklist")["continuous-training"]
    assert f"[{step.title.en}](checklist.md#continuous-training)" in md
    assert "[NPS](kpis.md#net-promoter-score)" in md
    with pytest.raises(RenderError, match="no such id"):
        render_narrative(BOOK, '{{ ref("kpis", "nope") }}', "en", "index")
    with pytest.raises(RenderError, match="belongs on the page"):
        render_narrative(BOOK, f'{{{{ idea("{idea.id}") }}}}', "en", "index")
    with pytest.raises(RenderError, match="not placed"):
        render_narrative(BOOK, "# nothing here", "en", idea.page)
    with pytest.raises(RenderError, match="line 2"):
        render_narrative(BOOK, "ok\n{{ ref( }}", "en", "index")


def test_glossary_terms_become_tooltips_in_the_pages_language():
    from handbook.tooltips import abbreviations, focusable_first_abbr

    crm = BOOK.by_id("glossary")["crm"]
    for lang in LANGUAGES:
        text = abbreviations(BOOK, lang)
        assert "*[CRM]: " in text and f"*[{crm.term[lang]}]: " in text
    # A page gets the definitions of the terms it uses, not of the whole glossary.
    nps = BOOK.by_id("glossary").get("nps")
    page = abbreviations(BOOK, "en", "What CRM means for a project.")
    assert "*[CRM]: " in page and (nps is None or f"*[{nps.term['en']}]: " not in page)
    assert abbreviations(BOOK, "en", "") == ""
    html = '<p><abbr title="a">CRM</abbr> and <abbr title="a">CRM</abbr></p>'
    assert focusable_first_abbr(html) == '<p><abbr title="a" tabindex="0">CRM</abbr> and CRM</p>'
    linked = '<a href="x"><abbr title="b">KPI</abbr></a> then <abbr title="b">KPI</abbr>'
    assert focusable_first_abbr(linked) == '<a href="x">KPI</a> then <abbr title="b" tabindex="0">KPI</abbr>'
    # Never inside a link: a tap there follows the link, and the definition could not be shown.
    only_linked = '<a href="x"><abbr title="c">NPS</abbr></a>'
    assert focusable_first_abbr(only_linked) == '<a href="x">NPS</a>'


def test_long_items_start_a_printed_sheet_and_short_ones_do_not():
    assert ".hb-item--sheet }" in render_chapter(BOOK, "failure_causes_people", "en")
    assert ".hb-item--sheet }" in render_chapter(BOOK, "case_studies", "ar")
    assert ".hb-item--sheet" not in render_chapter(BOOK, "glossary", "fa")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_its_own_title(lang):
    """A generated page's stub starts with a front-matter comment ('# Generated from…'): never
    a title. The trainer page's reading lists and forwarding pages use these titles."""
    from handbook.render import page_titles

    titles = page_titles(BOOK, lang, ROOT / "docs")
    for page, title in titles.items():
        assert title != page and "Generated from" not in title, (page, title)
    group = BOOK.t("failure_group.people.title", lang)
    assert group in titles["failure-causes-people"] and titles["failure-causes-people"] != titles["failure-causes-data"]


def test_every_item_heading_gets_a_copy_link_button_with_its_label_as_text():
    from handbook.links import copy_link_buttons

    html = (
        '<h2 class="hb-item hb-item--sheet" id="a-b">A <abbr title="t">B</abbr><a class="headerlink" href="#a-b">&para;</a></h2>\n'
        '<h2 id="plain">Not an item</h2><h3 class="hb-item" id="c">C</h3>'
    )
    out = copy_link_buttons(html, 'Copy <b>"link"</b>')
    label = "<span>Copy &lt;b&gt;&quot;link&quot;&lt;/b&gt;</span>"
    assert out.count("<button") == 2 and out.count(label) == 2
    assert '</h2>\n<button type="button" class="hb-copy-link" data-anchor="a-b">' in out
    assert '</h3>\n<button type="button" class="hb-copy-link" data-anchor="c">' in out
    assert 'id="plain">Not an item</h2><h3' in out  # a heading that is not an item gets none


def test_a_references_title_is_in_italics_and_the_rest_is_escaped():
    from handbook.model import Reference
    from handbook.render import citation_html

    ref = Reference(
        id="x",
        short="X (2000)",
        citation="X. (2000). <Book> & more. Place.",
        italic=["<Book> & more"],
        note={"fa": "ی", "ar": "ي", "en": "e"},
    )
    assert str(citation_html(ref)) == "X. (2000). <em>&lt;Book&gt; &amp; more</em>. Place."
    with pytest.raises(ValueError, match="exactly once"):
        Reference(id="x", short="X", citation="A. B.", italic=["C"], note={"fa": "ی", "ar": "ي", "en": "e"})
    drucker = BOOK.by_id("references")["drucker-1954"]
    assert "<em>The Practice of Management</em>" in str(citation_html(drucker))
    assert all(r.italic for r in BOOK.references), "every standard reference sets its title in italics"
