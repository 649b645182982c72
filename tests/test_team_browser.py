"""The team page in Debian's Chromium (issue 18), in all three languages: pasted links and a
dropped answers file put together as the Python reference (handbook/team.py) puts them, the
team link reopening the same view in another language, both colour schemes, A4, hostile lines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_quiz_browser import _axe_in_both_schemes

from conftest import BOOK as _BOOK
from conftest import LANGUAGES, goto, pdf_summary
from handbook.digits import localize_digits
from handbook.languages import LANGUAGE
from handbook.quiz import encode
from handbook.team import aggregate, respondents
from handbook.worked import round_half_up

pytestmark = pytest.mark.build

TEAM_PATHS = {"fa": "/team/", "ar": "/ar/team/", "en": "/en/team/"}
QUIZ_PATHS = {"fa": "/quiz/", "ar": "/ar/quiz/", "en": "/en/quiz/"}
LEDGER, DIMS, LEVELS = _BOOK.quiz_ledger, _BOOK.quiz_dimensions, _BOOK.quiz_levels
QUESTIONS = [q for d in DIMS for q in d.questions]


def _code(pick, stage="live", priority="cost") -> str:
    return encode(LEDGER, DIMS, {q.id: pick(i, q) for i, q in enumerate(QUESTIONS)}, priority, stage)


# Three people who see the organisation differently, and a fourth whose answers come as a file.
LINKS = [
    "Sara: https://crm-handbook.example/quiz/#answers=" + _code(lambda i, q: len(q.options) - 1),
    "Omid: https://crm-handbook.example/en/quiz/#answers=" + _code(lambda i, q: i % len(q.options)),
    "https://crm-handbook.example/ar/quiz/#answers=" + _code(lambda i, q: "dk" if i % 3 == 0 else 0),
]
FILE_CODE = _code(lambda i, q: min(1, len(q.options) - 1), priority="revenue")
TEXT = "\n".join([*LINKS, FILE_CODE])  # the file's code is added as a line of its own


def _n(value: float, lang: str) -> str:
    return localize_digits(int(round_half_up(value, 0)), lang)


def _expected(lang: str):
    people, skipped = respondents(LEDGER, DIMS, TEXT)
    team = aggregate(DIMS, LEVELS, people)
    rows = []
    for d in DIMS:
        s = team.dimensions[d.id]
        rows.append(
            (
                "—" if s.median is None else _n(s.median, lang),
                "—"
                if s.low is None
                else _BOOK.ui["team.range"][lang].replace("{low}", _n(s.low, lang)).replace("{high}", _n(s.high, lang)),
                _BOOK.ui["team.of"][lang]
                .replace("{n}", localize_digits(s.scored, lang))
                .replace("{total}", localize_digits(len(people), lang)),
            )
        )
    return people, skipped, team, rows


def _shown(page) -> dict:
    return page.evaluate(
        """() => {
        const box = document.querySelector('#team-result');
        const rows = [...box.querySelectorAll('.hb-team__table tbody tr')].map(r => [...r.querySelectorAll('td')].slice(0, 3).map(c => c.textContent));
        const lists = [...box.querySelectorAll('.hb-team__questions')].map(s => [...s.querySelectorAll('li[data-question]')].map(li => li.dataset.question));
        return {rows, lists, people: box.querySelector('.hb-team__people')?.textContent || '', level: box.querySelector('.hb-quiz__level')?.textContent || '',
                plan: box.querySelectorAll('.hb-quiz__plan-list ul > li').length, text: box.textContent};
    }"""
    )


def _check(page, lang: str) -> None:
    people, _, team, rows = _expected(lang)
    shown = _shown(page)
    assert [tuple(r) for r in shown["rows"]] == rows, f"{lang}: medians, ranges and counts"
    # The questions to discuss, widest apart first (then in page order); those to find out.
    apart = sorted(team.disagree, key=lambda q: (min(team.questions[q].chosen) - max(team.questions[q].chosen), team.disagree.index(q)))
    assert shown["lists"] == [apart, team.nobody_knows], f"{lang}: the questions to discuss and to find out"
    names = [p.name for p in people]
    listed = LANGUAGE[lang].list_separator.join(names)
    assert shown["people"] == _BOOK.ui["team.respondents"][lang].replace("{n}", localize_digits(len(people), lang)).replace(
        "{list}", listed
    )
    assert team.complete and team.level is not None
    level = LEVELS[team.level].name[lang]
    assert level in shown["level"], f"{lang}: the team's level {level!r} in {shown['level']!r}"
    assert shown["plan"] > 0, "a phased plan with actions for the team's gaps, not only its opening line"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_three_links_and_a_file_give_the_reference_view_and_the_link_reopens_it_in_another_language(browser, server, lang, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    goto(page, server + TEAM_PATHS[lang])
    page.fill("#hb-team-links", "\n".join(LINKS))
    exported = tmp_path / "crm-maturity-answers.json"
    exported.write_text(
        json.dumps({"app": "crm-handbook-quiz", "schema": 2, "code": FILE_CODE, "targets": {}, "history": []}), encoding="utf-8"
    )
    bogus = tmp_path / "notes.json"
    bogus.write_text('{"app": "<img src=x onerror=alert(1)>"}', encoding="utf-8")
    page.set_input_files('#hb-team input[type="file"]', [str(exported), str(bogus)])
    page.wait_for_function("!document.querySelector('#team-result').hidden")
    assert page.input_value("#hb-team-links") == TEXT, "the file's code joins the pasted lines"
    _check(page, lang)
    assert "notes.json" in page.text_content(".hb-team__skipped"), "a file that is no answers file is listed, not read"
    assert not (found := _axe_in_both_schemes(page)), f"{TEAM_PATHS[lang]} with a result: {found}"

    # The team link: all the codes in the fragment, reopened in a fresh tab and in another language.
    link = page.get_attribute(".hb-quiz__share a", "href")
    assert link.split("#")[0] == server + TEAM_PATHS[lang] and "#team=" in link
    other = next(x for x in LANGUAGES if x != lang)
    fresh = context.new_page()
    fresh.on("pageerror", lambda e: errors.append(str(e)))
    goto(fresh, link)
    _check(fresh, lang)
    fresh.evaluate("lang => document.querySelector(`.md-select__link[hreflang='${lang}']`).click()", other)
    fresh.wait_for_url(server + TEAM_PATHS[other] + "#team=*")
    assert fresh.url.startswith(server + TEAM_PATHS[other] + "#team=")
    fresh.wait_for_function("!document.querySelector('#team-result').hidden")
    _check(fresh, other)
    assert errors == []
    context.close()


def test_the_teams_choices_travel_in_the_link_and_print_on_a4(browser, server):
    """Respondents at different stages: the team chooses one; its targets and stage are in the
    link, and the printed report is the result without the form."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    goto(page, server + TEAM_PATHS["en"])
    pre = "https://x.example/quiz/#answers=" + _code(lambda i, q: 1, stage="pre-launch")
    page.fill("#hb-team-links", "\n".join([LINKS[0], LINKS[1], pre]))
    page.click("#hb-team button[type=submit]")
    page.wait_for_selector(".hb-team__stage")
    assert "has no level" in page.text_content(".hb-quiz__level")
    page.check(".hb-team__stage input[value='live']")
    page.wait_for_selector(".hb-team__table select")
    # A target other than the default, on an area with a choice.
    dimension, value = page.evaluate(
        """() => { for (const s of document.querySelectorAll('.hb-team__table select')) {
            const other = [...s.options].find(o => !o.selected);
            if (other) return [s.dataset.dimension, other.value]; } return [null, null]; }"""
    )
    assert dimension, "an area whose target can be chosen"
    page.select_option(f".hb-team__table select[data-dimension='{dimension}']", value)
    page.wait_for_function(f"location.hash.includes('targets=') && location.hash.includes('{dimension}')")
    url = page.url
    assert "stage=live" in url
    again = browser.new_page(viewport={"width": 1280, "height": 900})
    goto(again, url)
    assert again.input_value(f".hb-team__table select[data-dimension='{dimension}']") == value
    people, _ = respondents(LEDGER, DIMS, "\n".join([LINKS[0], LINKS[1], pre]))
    team = aggregate(DIMS, LEVELS, people, "live")
    assert LEVELS[team.level].name["en"] in again.text_content(".hb-quiz__level")
    # The saved team file reopens the same team, stage and target on an empty page.
    with again.expect_download() as saving:
        again.click(".hb-quiz__share button:nth-of-type(2)")
    saved = saving.value.path()
    assert json.loads(Path(saved).read_text(encoding="utf-8"))["stage"] == "live"
    blank = browser.new_page(viewport={"width": 1280, "height": 900})
    goto(blank, server + TEAM_PATHS["en"])
    blank.set_input_files('#hb-team input[type="file"]', saved)
    blank.wait_for_selector(f".hb-team__table select[data-dimension='{dimension}']")
    assert blank.input_value(f".hb-team__table select[data-dimension='{dimension}']") == value
    assert blank.is_checked(".hb-team__stage input[value='live']")
    blank.close()
    pages, a4, text, _ = pdf_summary(again.pdf(format="A4", print_background=True))
    assert a4 and 1 <= pages <= 12, pages
    assert "The team’s result" in text and "Result links, one per line" not in text
    page.close()
    again.close()


def test_hostile_lines_are_listed_as_text_and_never_run(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    goto(page, server + TEAM_PATHS["en"])
    markup = "<img src=x onerror=alert(1)>"
    code = _code(lambda i, q: 2)
    nickname = "<b>Boss<b>"  # a nickname has no "=", "/", ":", "#" or "&"
    lines = [markup, f"{nickname}: https://x.example/quiz/#answers={code}", "%ZZ", "x" * 2500, LINKS[0], LINKS[0], f"Boss: {code}"]
    page.fill("#hb-team-links", "\n".join(lines))
    page.click("#hb-team button[type=submit]")
    page.wait_for_selector(".hb-team__skipped")
    assert page.locator("#team-result img, #team-result b").count() == 0 and dialogs == []
    assert nickname in page.text_content(".hb-team__people"), "a nickname is shown as text"
    assert page.locator(".hb-team__same").count() == 1 and "Boss" in page.text_content(".hb-team__same"), "the same answers twice: said"
    skipped = page.locator(".hb-team__skipped li").all_text_contents()
    assert len(skipped) == 4 and markup in skipped[0]
    # A tampered team link, opened afresh: no exception, no markup, nothing polluted.
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    good = f"A: {code}"
    for fragment in [
        "#team=%E0%A4%A",
        "#team=" + "%3Cb%3E" * 40000,  # over the 200,000 characters read
        f"#team={good}&stage=<b>&targets=__proto__:1,constructor:2,x:99",
        f"#team={good}&targets=%ZZ&stage=live&stage=",
        "#team=" + "%0A".join([f"A: {code}"] * 3000),
    ]:
        page.goto("about:blank")
        goto(page, server + TEAM_PATHS["en"] + fragment)
        assert page.locator("#team-result b, #team-result img").count() == 0, fragment[:60]
        assert page.evaluate("Object.prototype[1] === undefined && Object.keys(Object.prototype).length === 0")
    assert errors == []
    page.close()


def test_the_workshop_screen_shows_a_qr_code_that_scans_to_the_quiz_in_its_language(browser, server):
    import io

    import zxingcpp
    from PIL import Image

    from conftest import PUBLIC_URL
    from handbook.urls import page_path

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    for lang in LANGUAGES:
        goto(page, server + QUIZ_PATHS[lang])
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # where the figure would be
        assert page.locator(".hb-quiz__qr").is_hidden(), "outside workshop mode the code is not shown"
        page.wait_for_timeout(200)
        assert not any("qr-" in url for url in requests), "outside workshop mode the code is not fetched"
        page.click("input[name=hb-quiz-mode][value=workshop]")
        image = page.locator(".hb-quiz__qr img")
        image.wait_for(state="visible")
        page.wait_for_function(
            "document.querySelector('.hb-quiz__qr img').complete && document.querySelector('.hb-quiz__qr img').naturalWidth > 0"
        )
        found = zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))
        assert [b.text for b in found] == [PUBLIC_URL + page_path("quiz", lang)], lang
        assert page.text_content(".hb-quiz__qr-address") == PUBLIC_URL + page_path("quiz", lang)
        page.click('[data-action="leave-workshop"]')  # the next language opens in the reader's mode
        requests.clear()
    page.close()


def test_a_result_sends_its_line_to_the_facilitator_and_the_team_page_reads_it(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    code = _code(lambda i, q: 2)
    goto(page, server + QUIZ_PATHS["en"] + "#answers=" + code)
    page.fill("#hb-quiz-nickname", " Sara: #1 / boss ")
    page.click(".hb-quiz__send button")
    page.wait_for_function("document.querySelector('.hb-quiz__send [role=status]').textContent !== ''")
    line = page.evaluate("navigator.clipboard.readText()")
    assert line == f"Sara 1 boss: {server}{QUIZ_PATHS['en']}#answers={code}"
    goto(page, server + TEAM_PATHS["en"])
    page.fill("#hb-team-links", line)
    page.click("#hb-team button[type=submit]")
    page.wait_for_selector(".hb-team__people")
    assert page.text_content(".hb-team__people").endswith("Sara 1 boss")
    context.close()


def test_hostile_files_are_listed_and_never_run_or_throw(browser, server, tmp_path):
    """Files of every kind dropped at once: broken JSON, wrong types, markup, a huge file, a
    team file with tampered choices. The good ones are read in the order given; the rest are
    listed by name, as text."""
    import random

    rng = random.Random(18)
    good = {"app": "crm-handbook-quiz", "code": FILE_CODE}
    bodies = [
        json.dumps(good),
        '{"app": "crm-handbook-quiz", "code": {"toString": 1}}',
        '{"app": "crm-handbook-team", "lines": 42}',
        json.dumps({"app": "crm-handbook-team", "lines": LINKS[0], "stage": "<b>", "targets": {"__proto__": {"x": 1}}}),
        '{"__proto__": {"polluted": 1}, "app": "crm-handbook-quiz", "code": "2.x"}',
        "[1, 2, 3]",
        "null",
        "\ufeff{",
        "x" * 500_000,
        bytes(rng.randrange(256) for _ in range(2000)).decode("latin-1"),
        *(
            json.dumps(
                {
                    "app": rng.choice(["crm-handbook-quiz", "crm-handbook-team", "x"]),
                    "code": "".join(rng.choice("0123456789.-xcl<>") for _ in range(40)),
                    "lines": "<i>" * rng.randrange(5),
                }
            )
            for _ in range(20)
        ),
    ]
    paths = []
    for i, body in enumerate(bodies):
        path = tmp_path / f"<img src=x onerror=alert({i})>.json"
        path.write_text(body, encoding="utf-8")
        paths.append(str(path))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, dialogs = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    goto(page, server + TEAM_PATHS["en"])
    page.set_input_files('#hb-team input[type="file"]', paths)
    page.wait_for_function("!document.querySelector('#team-result').hidden")
    assert page.input_value("#hb-team-links").split("\n")[:2] == [FILE_CODE, LINKS[0]], "read in the order given"
    listed = page.locator(".hb-team__skipped li").all_text_contents()
    files = [item for item in listed if item.startswith("File")]
    assert len(files) >= 8 and all("<img src=x onerror=alert(" in item for item in files), "each file not read, named as text"
    assert page.locator("#team-result img, #team-result i, #team-result b").count() == 0 and dialogs == [] and errors == []
    assert page.evaluate("Object.keys(Object.prototype).length === 0")
    page.close()
