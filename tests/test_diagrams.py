"""Diagrams are drawn from the content: their words are the YAML's, their links land on items.

Unit tests render the SVG from the model (and from a changed copy of it); the browser tests
look at the built pages in the three languages: at 360 px, in the light and dark schemes.
axe checks every diagram on its page with the rest of the page, in both schemes
(test_browser.py's reports); `make screenshots` draws each diagram for people to look at.
"""

from __future__ import annotations

import re

import pytest
from html_doc import Doc

from conftest import BOOK, LANGUAGES, goto
from handbook import diagrams
from handbook.languages import LANGUAGE, PREFIX
from handbook.links import anchored_items
from handbook.render import render_diagram

# page -> the diagrams on it (element ids); tools/screenshots.py draws the same
PAGES = {
    "lifecycle-stages": ["diagram-lifecycle"],
    "failure-causes": ["diagram-failure-map"],
    "checklist": ["diagram-step-guards"],
    "crm-types": [f"diagram-type-{t.id}" for t in BOOK.crm_types],
    "case-studies": [f"diagram-case-{c.id}" for c in BOOK.case_studies],
}
ALL = [("lifecycle", ()), ("failure_map", ()), ("step_guards", ()), ("crm_types", ())] + [("case_study", (c,)) for c in BOOK.case_studies]


class _Svg:
    """A drawn diagram: the words of its <text> elements and its links (html_doc.Doc)."""

    def __init__(self, svg: str):
        doc = Doc(svg)
        self.text = doc.text(inside="text")
        self.hrefs = [a["href"] for _, a in doc.tags("a")]


def _parse(html: str) -> _Svg:
    return _Svg(html)


def _squash(text: str) -> str:
    return re.sub(r"[\s•◆]+", "", text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_diagrams_say_what_the_yaml_says(lang):
    shown = {name: _squash(" ".join(_parse(render_diagram(BOOK, lang, name, *args)).text)) for name, args in ALL[:4]}
    for stage in BOOK.lifecycle_stages:
        assert _squash(stage.name[lang]) in shown["lifecycle"]
    for kpi in BOOK.kpis:
        # An indicator without a stage (internal adoption, the unit's economics) is not on it.
        assert (_squash(kpi.name[lang]) in shown["lifecycle"]) == (kpi.stage is not None), f"{kpi.id}: stage {kpi.stage}"
    for cause in BOOK.failure_causes:
        assert _squash(cause.title[lang]) in shown["failure_map"]
    for step in BOOK.checklist:
        assert _squash(step.title[lang]) in shown["step_guards"]
    for t in BOOK.crm_types:
        assert _squash(t.name[lang]) in shown["crm_types"] and all(_squash(tool[lang]) in shown["crm_types"] for tool in t.tools)
    for case in BOOK.case_studies:
        text = _squash(" ".join(_parse(render_diagram(BOOK, lang, "case_study", case)).text))
        for step in [*case.actions, *case.results]:  # each by its label, whole (never cut off)
            assert _squash(step.label[lang]) in text and "…" not in step.label[lang]
            assert _squash(step.text[lang]) not in text  # the text itself is on the page, once


def test_changing_an_item_changes_its_diagram():
    stage = BOOK.lifecycle_stages[0]
    renamed = stage.model_copy(update={"name": stage.name.model_copy(update={"en": "Discovery <b>&</b>"})})
    book = BOOK.model_copy(update={"lifecycle_stages": [renamed, *BOOK.lifecycle_stages[1:]]})
    before, after = render_diagram(BOOK, "en", "lifecycle"), render_diagram(book, "en", "lifecycle")
    assert stage.name["en"] in before and stage.name["en"] not in after
    assert "Discovery &lt;b&gt;&amp;&lt;/b&gt;" in after and "<b>" not in after  # text, never markup
    cause = BOOK.failure_causes[0]
    fewer = cause.model_copy(update={"prevented_by": cause.prevented_by[:1]})
    book = BOOK.model_copy(update={"failure_causes": [fewer, *BOOK.failure_causes[1:]]})
    dots = lambda html: html.count('class="hb-d-dot"')  # noqa: E731
    assert dots(render_diagram(book, "en", "failure_map")) == dots(render_diagram(BOOK, "en", "failure_map")) - (
        len(cause.prevented_by) - 1
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_node_links_to_an_existing_item(lang):
    anchors = {(page, item.id) for _, page, item in anchored_items(BOOK)}
    homes = {
        "lifecycle": "lifecycle-stages",
        "failure_map": "failure-causes",
        "step_guards": "checklist",
        "crm_types": "crm-types",
        "case_study": "case-studies",
    }
    for name, args in ALL:
        parsed = _parse(render_diagram(BOOK, lang, name, *args))
        assert parsed.hrefs or (name == "case_study" and not args[0].kpis), f"{name}: no links"
        for href in parsed.hrefs:
            found = re.fullmatch(r"(?:\.\./([a-z-]+)/)?#([a-z0-9-]+)", href)
            assert found, f"{name}: {href}"
            page = found.group(1) or homes[name]
            assert (page, found.group(2)) in anchors, f"{name}: {href} is not an item of /{page}/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_digits_and_direction_follow_the_language(lang):
    d = diagrams.lifecycle(BOOK, lang)
    first = next(s for s in d.shapes if isinstance(s, diagrams.Link)).shapes[0]
    if lang == "en":
        assert first.x < d.width / 2 and first.text.startswith("1.")
    else:
        assert first.x > d.width / 2, "right-to-left: the stage names start at the right"
        assert not re.search(r"[0-9]", diagrams.text_of(d)), "no Latin digits in Persian or Arabic"
        assert ("۱" if lang == "fa" else "١") in first.text


# -- in the browser -----------------------------------------------------------------------------


def _url(server, page, lang):
    return f"{server}/{PREFIX[lang]}{page}/"


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagrams_in_the_browser_fit_a_phone_in_both_schemes(browser, server, lang):
    problems = []
    context = browser.new_context(viewport={"width": 360, "height": 780}, color_scheme="light", device_scale_factor=2)
    page = context.new_page()
    for name, ids in PAGES.items():
        page.emulate_media(color_scheme="light")
        goto(page, _url(server, name, lang))
        page.evaluate("document.fonts.ready.then(() => true)")
        # Light, then dark as the reader's system switches to it (the page follows it).
        for scheme, body in (("light", "default"), ("dark", "slate")):
            page.emulate_media(color_scheme=scheme)
            page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{body}'")
            for element_id, seen in page.evaluate(_DIAGRAM_ON_A_PHONE, ids).items():
                box = seen["box"]
                if box["x"] < -1 or box["x"] + box["width"] > 361:
                    problems.append(f"{lang} {scheme} {element_id}: overflows the phone ({box})")
                if seen["smallest"] < 10:
                    problems.append(f"{lang} {scheme} {element_id}: text renders {seen['smallest']:.1f} px high")
                if seen["outside"]:
                    problems.append(f"{lang} {scheme} {element_id}: text runs out of the diagram: {seen['outside'][:3]}")
                if not seen["focusable"]:
                    problems.append(f"{lang} {scheme} {element_id}: a link cannot take focus")
    context.close()
    assert not problems, "\n".join(problems[:20])


# For each diagram on the page, in one call: its box; the height its smallest text renders at
# (readable: 10 px or more); the lines of text that run out of its drawing; whether every node
# is a link the keyboard reaches.
_DIAGRAM_ON_A_PHONE = """ids => Object.fromEntries(ids.map(id => {
    const figure = document.getElementById(id);
    const {x, width} = figure.getBoundingClientRect();
    const texts = [...figure.querySelectorAll('svg text')];
    const outside = [...figure.querySelectorAll('svg')].flatMap(svg => {
        const drawn = svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].filter(t => { const b = t.getBBox(); return b.x < -0.5 || b.x + b.width > drawn + 0.5; })
            .map(t => t.textContent.slice(0, 30));
    });
    const focusable = [...figure.querySelectorAll('svg a')].every(a => { a.focus(); return document.activeElement === a; });
    return [id, {box: {x, width}, smallest: Math.min(...texts.map(t => t.getBoundingClientRect().height)), outside, focusable}];
}))"""


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagrams_grow_with_the_column_on_a_wide_screen(browser, server, lang):
    """On a desktop a diagram is not a 360 px strip: it grows until its labels are about body-text
    size, and never wider than the column."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sizes = []
    for name, ids in PAGES.items():
        goto(page, _url(server, name, lang))
        for element_id in ids:
            svg = page.locator(f"#{element_id} svg").first
            svg.scroll_into_view_if_needed()
            width = svg.bounding_box()["width"]
            drawn = svg.evaluate("s => s.viewBox.baseVal.width")
            column = page.locator(f"#{element_id}").evaluate("e => e.closest('.md-content__inner').getBoundingClientRect().width")
            sizes.append((name, element_id, width, drawn, column))
    page.close()
    for name, element_id, width, drawn, column in sizes:
        # 12.5 px labels at 1.25 and more: 15.6 px, the body text's size (16 px) within a rounding.
        assert width / drawn >= 1.25 and width <= column + 1, (
            f"{lang} /{name}/ #{element_id}: drawn {drawn:.0f} px wide, shown {width:.0f} px in a {column:.0f} px column"
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_two_column_lifecycle_keeps_every_stage_inside_its_column(lang):
    """The print copy (medium="print", two columns): half the height, each stage's box within one half of the
    canvas, the first stages on the reading side (the right in Persian and Arabic)."""
    one, two = diagrams.lifecycle(BOOK, lang), diagrams.lifecycle(BOOK, lang, "print")
    assert two.width == 2 * one.width and two.height < 0.7 * one.height
    boxes = [s for s in two.shapes if isinstance(s, diagrams.Rect)]
    assert len(boxes) == len(BOOK.lifecycle_stages)
    half = two.width / 2
    sides = ["left" if b.x + b.w <= half else "right" if b.x >= half else "both" for b in boxes]
    assert "both" not in sides, sides
    first = "right" if LANGUAGE[lang].rtl else "left"
    assert sides[0] == first and sides[-1] != first, sides
    for s in two.shapes:
        if isinstance(s, diagrams.Text):
            assert 0 <= s.x <= two.width and 0 <= s.y <= two.height, s
