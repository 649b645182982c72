"""The maturity quiz in Debian's Chromium: every way a visitor uses it, in all three languages.

Results are compared with the Python scoring (handbook.quiz) computed from the same YAML.
The fixtures `browser` and `server` (conftest.py) serve one strict build of the site.
"""

from __future__ import annotations

import json
import random

import pytest

from conftest import AXE, AXE_TAGS, LANGUAGES, ROOT, pdf_summary
from handbook.loader import load as _load_content
from handbook.quiz import score as _score
from handbook.render import localize_digits as _digits
from handbook.render import quiz_data as _quiz_data

pytestmark = pytest.mark.build

_BOOK = _load_content(ROOT / "content_data")
_QUESTIONS = [q for d in _BOOK.quiz_dimensions for q in d.questions]
_STEPS = {s.id: s.number for s in _BOOK.checklist}
QUIZ_PATHS = {"fa": "/quiz/", "ar": "/ar/quiz/", "en": "/en/quiz/"}


def _axe(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')))",
        AXE_TAGS,
    )
    return violations


def _expected(answers: dict, lang: str) -> tuple[str, str]:
    result = _score(_BOOK.quiz_dimensions, _BOOK.quiz_levels, answers, _STEPS)
    level = next(l for l in _BOOK.quiz_levels if l.id == result.level)
    return level.name[lang], result


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quiz_by_mouse_gives_the_python_result_with_working_links(browser, server, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + QUIZ_PATHS[lang], wait_until="networkidle")
    assert not _axe(page), f"{QUIZ_PATHS[lang]} at the start: {_axe(page)}"
    page.click('label:has(input[name="priority"][value="cost"])')
    answers = {}
    for i, q in enumerate(_QUESTIONS):
        choice = "dk" if i % 9 == 4 else str(i % len(q.options))
        page.click(f'label:has(input[name="{q.id}"][value="{choice}"])')
        answers[q.id] = "dk" if choice == "dk" else int(choice)
        if i == len(_QUESTIONS) // 2:
            mid = _axe(page)
            assert not mid, f"{QUIZ_PATHS[lang]} half-way: {mid}"
    page.click(".hb-quiz__actions button[type=submit]")
    page.wait_for_selector(".hb-quiz__summary")
    level_name, result = _expected(answers, lang)
    summary = page.inner_text(".hb-quiz__summary")
    assert level_name in summary, f"{lang}: expected level {level_name!r} in {summary[:200]!r}"
    shown = page.inner_text(".hb-quiz__overall")
    expected_number = page.evaluate("([loc, v]) => new Intl.NumberFormat(loc, {maximumFractionDigits: 0}).format(v)", [_quiz_data(_BOOK, lang)["locale"], result.overall])
    assert expected_number in shown, f"{lang}: overall {shown!r}, expected {expected_number}"
    assert page.locator(".hb-quiz__radar").count() == 1 and page.locator(".hb-quiz__table tbody tr").count() == len(_BOOK.quiz_dimensions)
    assert not _axe(page), f"{QUIZ_PATHS[lang]} with the result: {_axe(page)}"
    links = page.eval_on_selector_all(".hb-quiz__next a, .hb-quiz__result p > a[href*='case-studies']", "els => els.map(a => a.href)")
    assert len(links) >= 4
    for href in links:
        target = browser.new_page()
        target.goto(href, wait_until="domcontentloaded")
        fragment = href.split("#", 1)[1]
        assert target.locator(f"[id='{fragment}']").count() == 1, f"{lang}: result link {href} has no target"
        assert target.evaluate("document.documentElement.lang") == lang
        target.close()
    assert not errors, errors
    page.close()


def _tab_to(page, condition: str, limit: int = 300) -> None:
    """Press Tab until `condition` (JavaScript) holds for the focused element; fail if it never does."""
    for _ in range(limit):
        if page.evaluate(f"!!document.activeElement && {condition}"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached: {condition}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quiz_by_keyboard_only(browser, server, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + QUIZ_PATHS[lang], wait_until="networkidle")
    _tab_to(page, "document.activeElement.name === 'priority'")
    groups = 1 + len(_QUESTIONS)
    for _ in range(groups):
        page.keyboard.press("ArrowDown")  # selects the second option of the group
        page.keyboard.press("Tab")
    _tab_to(page, "document.activeElement.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hb-quiz__summary")
    level_name, _ = _expected({q.id: 1 for q in _QUESTIONS}, lang)
    assert level_name in page.inner_text(".hb-quiz__summary")
    assert page.evaluate("document.activeElement.classList.contains('hb-quiz__result')"), "focus should move to the result"
    page.close()


def test_quiz_share_link_language_switch_resume_and_clear(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + QUIZ_PATHS["fa"], wait_until="networkidle")
    page.click('label:has(input[name="priority"][value="revenue"])')
    for q in _QUESTIONS[:12]:
        page.click(f'label:has(input[name="{q.id}"][value="2"])')
    page.click(".hb-quiz__actions button[type=submit]")
    url = page.url
    assert "#answers=1.r" in url
    # The language menu carries the answers: the English page shows the same result.
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click('a.md-select__link[hreflang="en"]')
    assert page.url == server + QUIZ_PATHS["en"] + url[url.index("#"):]
    page.wait_for_selector(".hb-quiz__summary")
    level_name, _ = _expected({q.id: 2 for q in _QUESTIONS[:12]}, "en")
    assert level_name in page.inner_text(".hb-quiz__summary")
    assert page.is_checked(f'input[name="{_QUESTIONS[0].id}"][value="2"]')
    # Resume: the same browser, no link.
    page.goto(server + QUIZ_PATHS["ar"], wait_until="networkidle")
    assert page.is_checked(f'input[name="{_QUESTIONS[5].id}"][value="2"]')
    assert _BOOK.ui["quiz.resumed"]["ar"] in page.inner_text(".hb-quiz__status")
    # Clear.
    page.click('[data-action="clear"]')
    assert not page.is_checked(f'input[name="{_QUESTIONS[5].id}"][value="2"]')
    assert page.evaluate("localStorage.getItem('crm-handbook-quiz')") is None
    page.reload(wait_until="networkidle")
    assert not page.is_checked(f'input[name="{_QUESTIONS[5].id}"][value="2"]')
    context.close()


def test_quiz_survives_hostile_links_and_storage(browser, server):
    context = browser.new_context()
    page = context.new_page()
    errors, dialogs = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    n = len(_QUESTIONS)
    hashes = ["#answers=", "#answers=1.", "#answers=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "#answers=%E0%A4%A", "#answers=1.c" + "9" * n,
              "#answers=1.c" + "0" * (n + 1), "#answers=2.c" + "0" * n, "#answers=1.c" + "0" * n + "&x=<b>", "#answers=" + "1" * 5000]
    for i, h in enumerate(hashes):
        page.goto(f"{server}{QUIZ_PATHS['en']}?case={i}{h}", wait_until="domcontentloaded")
        page.wait_for_function("document.querySelector('.hb-quiz--enhanced') !== null")
        assert page.locator(".hb-quiz img, .hb-quiz b").count() == 0
    stored = ["{", "null", "[]", "42", '{"code": "<img src=x onerror=alert(1)>"}', '{"code": "1.c' + "9" * n + '"}',
              '{"code": 7, "history": "x"}', '{"history": [{"t": "<b>", "code": "1.c"}, null, 3]}', '"' + "x" * 200000 + '"']
    for value in stored:
        page.evaluate("v => localStorage.setItem('crm-handbook-quiz', v)", value)
        page.goto(f"{server}{QUIZ_PATHS['fa']}", wait_until="domcontentloaded")
        page.wait_for_function("document.querySelector('.hb-quiz--enhanced') !== null")
        assert page.locator(".hb-quiz img, .hb-quiz b").count() == 0
    assert not errors and not dialogs, (errors, dialogs)
    context.close()


def test_quiz_shows_change_since_last_result_and_round_trips_through_a_file(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server + QUIZ_PATHS["en"], wait_until="networkidle")
    first_dim = _BOOK.quiz_dimensions[0]
    for q in _QUESTIONS:
        page.click(f'label:has(input[name="{q.id}"][value="1"])')
    page.click(".hb-quiz__actions button[type=submit]")
    page.wait_for_selector(".hb-quiz__summary")
    assert page.locator(".hb-quiz__change").count() == 0, "a first attempt has nothing to compare with"
    for q in first_dim.questions:  # a later attempt: the first dimension improves
        page.click(f'label:has(input[name="{q.id}"][value="{len(q.options) - 1}"])')
    page.click(".hb-quiz__actions button[type=submit]")
    page.wait_for_selector(".hb-quiz__change")
    before = _score(_BOOK.quiz_dimensions, _BOOK.quiz_levels, {q.id: 1 for q in _QUESTIONS}, _STEPS).dimensions[first_dim.id]
    changes = page.eval_on_selector_all(".hb-quiz__change", "els => els.map(e => e.textContent)")
    assert changes[0] == f"+{round(100 - before)}" and set(changes[1:]) == {"0"}, changes

    with page.expect_download() as download_info:
        page.click('[data-action="export"]')
    saved = tmp_path / "answers.json"
    download_info.value.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["app"] == "crm-handbook-quiz" and exported["code"].startswith("1.") and len(exported["history"]) == 2

    page.click('[data-action="clear"]')
    assert not page.is_checked(f'input[name="{first_dim.questions[0].id}"][value="{len(first_dim.questions[0].options) - 1}"]')
    page.set_input_files('input[data-action="import"]', str(saved))
    page.wait_for_selector(".hb-quiz__summary")
    assert page.is_checked(f'input[name="{first_dim.questions[0].id}"][value="{len(first_dim.questions[0].options) - 1}"]')
    assert _BOOK.ui["quiz.imported"]["en"] in page.inner_text(".hb-quiz__status")
    bad = tmp_path / "bad.json"
    bad.write_text('{"app": "something else", "code": "<b>x</b>"}', encoding="utf-8")
    page.set_input_files('input[data-action="import"]', str(bad))
    page.wait_for_function("document.querySelector('.hb-quiz__status').textContent.length > 0 && !document.querySelector('.hb-quiz__status').textContent.includes('loaded')")
    assert _BOOK.ui["quiz.bad_file"]["en"] in page.inner_text(".hb-quiz__status")
    context.close()


# -- answering modes -------------------------------------------------------------------------

def _visible_fieldsets(page) -> list[str]:
    return page.eval_on_selector_all(
        ".hb-quiz__form fieldset", "els => els.filter(e => e.offsetParent !== null).map(e => e.id || 'priority')"
    )


def _ui(key: str, lang: str, **values) -> str:
    text = _BOOK.ui[key][lang]
    for name, value in values.items():
        text = text.replace("{" + name + "}", _digits(value, lang))
    return text


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_quiz_one_step_at_a_time(browser, server, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + QUIZ_PATHS[lang], wait_until="networkidle")
    page.click('label:has(input[name="hb-quiz-mode"][value="step"])')
    parts = 1 + len(_BOOK.quiz_dimensions)
    assert _visible_fieldsets(page) == ["priority"]
    assert page.inner_text(".hb-quiz__pager-text") == _ui("quiz.page_step", lang, n=1, total=parts)
    assert page.is_disabled('[data-action="previous"]')
    page.click('label:has(input[name="priority"][value="revenue"])')
    answers = {}
    for i, d in enumerate(_BOOK.quiz_dimensions):
        page.click('[data-action="next"]')
        assert _visible_fieldsets(page) == [f"q-{q.id}" for q in d.questions], f"part {i + 2}"
        assert page.is_visible(f"#quiz-{d.id}")
        assert page.inner_text(".hb-quiz__pager-text") == _ui("quiz.page_step", lang, n=i + 2, total=parts)
        for q in d.questions:
            page.click(f'label:has(input[name="{q.id}"][value="{len(q.options) - 1}"])')
            answers[q.id] = len(q.options) - 1
    assert page.is_disabled('[data-action="next"]')
    page.click('[data-action="previous"]')
    assert _visible_fieldsets(page) == [f"q-{q.id}" for q in _BOOK.quiz_dimensions[-2].questions]
    assert not _axe(page), _axe(page)
    page.click(".hb-quiz__actions button[type=submit]")
    page.wait_for_selector(".hb-quiz__summary")
    level_name, _ = _expected(answers, lang)
    assert level_name in page.inner_text(".hb-quiz__summary")
    # The choice of mode is remembered; a finished questionnaire reopens on its last part.
    page.goto(server + QUIZ_PATHS[lang], wait_until="networkidle")
    assert page.is_checked('input[name="hb-quiz-mode"][value="step"]')
    assert page.inner_text(".hb-quiz__pager-text") == _ui("quiz.page_step", lang, n=parts, total=parts)
    # Back to everything at once: every question is visible again.
    page.click('label:has(input[name="hb-quiz-mode"][value="all"])')
    assert len(_visible_fieldsets(page)) == 1 + len(_QUESTIONS)
    assert page.is_hidden(".hb-quiz__pager")
    assert not errors, errors
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quiz_workshop_mode_by_keyboard_only(browser, server, lang):
    """A trainer's link (#mode=workshop): big type, no handbook chrome, one question per screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + QUIZ_PATHS[lang] + "#mode=workshop", wait_until="networkidle")
    assert page.is_checked('input[name="hb-quiz-mode"][value="workshop"]')
    assert page.is_hidden(".md-header") and page.is_hidden(".md-sidebar--primary")
    size = page.eval_on_selector(".hb-quiz__form .hb-quiz__option span", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 24, f"workshop type is {size}px"
    assert not _axe(page), _axe(page)
    _tab_to(page, "document.activeElement.name === 'priority'")
    screens = 1 + len(_QUESTIONS)
    for i in range(screens):
        shown = _visible_fieldsets(page)
        assert len(shown) == 1, f"screen {i + 1}: {shown}"
        assert page.inner_text(".hb-quiz__pager-text") == _ui("quiz.page_question", lang, n=i + 1, total=screens)
        page.keyboard.press("ArrowDown")  # the second answer
        page.keyboard.press("Enter")  # next screen; on the last one, the result
    page.wait_for_selector(".hb-quiz__summary")
    level_name, _ = _expected({q.id: 1 for q in _QUESTIONS}, lang)
    assert level_name in page.inner_text(".hb-quiz__summary")
    assert page.is_checked('input[name="priority"][value="experience"]')
    assert page.evaluate("document.activeElement.classList.contains('hb-quiz__result')")
    assert not _axe(page), _axe(page)
    page.click('label:has(input[name="hb-quiz-mode"][value="all"])')
    assert page.is_visible(".md-header")
    assert not errors, errors
    context.close()


# -- print -----------------------------------------------------------------------------------

def _code(answers: dict, priority: str) -> str:
    chars = {"cost": "c", "experience": "e", "revenue": "r"}[priority]
    for q in _QUESTIONS:
        a = answers.get(q.id)
        chars += "x" if a == "dk" else "-" if a is None else str(a)
    return "1." + chars


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quiz_prints_a_clean_a4_report(browser, server, lang):
    answers = {q.id: ("dk" if i % 7 == 3 else i % len(q.options)) for i, q in enumerate(_QUESTIONS)}
    code = _code(answers, "cost")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}{QUIZ_PATHS[lang]}#answers={code}", wait_until="networkidle")
    page.wait_for_selector(".hb-quiz__summary")
    page.emulate_media(media="print")
    # On paper: the result first, then only the answers given; no controls, no site chrome.
    result_top = page.eval_on_selector(".hb-quiz__result", "e => e.getBoundingClientRect().top")
    form_top = page.eval_on_selector(".hb-quiz__form", "e => e.getBoundingClientRect().top")
    assert result_top < form_top
    for hidden in (".hb-quiz__modes", ".hb-quiz__actions", ".hb-quiz__tools", ".hb-quiz__share", ".md-header", ".md-sidebar--primary"):
        assert page.is_hidden(hidden), f"{hidden} is printed"
    shown_options = page.eval_on_selector_all(".hb-quiz__option", "els => els.filter(e => e.offsetParent !== null).length")
    assert shown_options == 1 + len(_QUESTIONS), "only the chosen answer of each question is printed"
    note = page.inner_text(".hb-quiz__report-note")
    assert f"#answers={code}" in note
    pages, a4, text, first_x = pdf_summary(page.pdf(format="A4", print_background=True))
    assert a4 and 2 <= pages <= 12, f"{lang}: {pages} pages"
    assert f"answers={code}" in text.replace("\n", ""), "the printed link reopens the same answers"
    if lang == "en":
        level_name, _ = _expected(answers, lang)
        assert level_name in text
        assert all(d.title["en"] in text.replace("\n", " ") for d in _BOOK.checklist)
        assert first_x < 0.25, "left-to-right: the title starts at the left margin"
    else:
        assert sum(1 for ch in text if "\u0600" <= ch <= "\u06ff") > 2000, "Persian/Arabic text is extractable"
        assert first_x > 0.5, "right-to-left: the title sits at the right margin"
    page.close()


# -- tampered links and storage ------------------------------------------------------------------

_MARKUP = [
    '<img src=x onerror="window.__hbPwned=1">', '"><svg onload="window.__hbPwned=1">', "<script>window.__hbPwned=1</script>",
    "javascript:window.__hbPwned=1", "%3Cimg%20src%3Dx%20onerror%3Dwindow.__hbPwned%3D1%3E", "<b>bold</b>", "&lt;i&gt;",
    "{{7*7}}", "${7*7}", "__proto__", "constructor", "%", "%E0%A4%A", "%00", "\u202e", "\u0000", "💥", "ی‌ك",
]


def _hostile_values(seed: int) -> tuple[list[str], list[str]]:
    """Links and stored values: mutations of valid codes, markup, random bytes, odd JSON."""
    rng = random.Random(seed)
    n = len(_QUESTIONS)
    alphabet = "0123456789x-cer.1&=#%<>\"'/\\ aé\u200c۱٢\n"

    def valid() -> str:
        return "1." + rng.choice("cer-") + "".join(rng.choice("0123x-") for _ in range(n))

    def mutate(code: str) -> str:
        chars = list(code)
        for _ in range(rng.randint(1, 4)):
            op = rng.random()
            i = rng.randrange(len(chars) + 1)
            if op < 0.3 and chars:
                del chars[min(i, len(chars) - 1)]
            elif op < 0.6:
                chars.insert(i, rng.choice(alphabet))
            elif op < 0.8 and chars:
                chars[min(i, len(chars) - 1)] = rng.choice(alphabet)
            else:
                chars.insert(i, rng.choice(_MARKUP))
        return "".join(chars)

    def noise() -> str:
        return "".join(rng.choice(alphabet + "".join(_MARKUP)) for _ in range(rng.randint(0, 60)))

    links = []
    for i in range(700):
        kind = i % 5
        value = mutate(valid()) if kind < 2 else noise() if kind == 2 else rng.choice(_MARKUP) + valid()[rng.randrange(5):]
        prefix = rng.choice(["answers=", "answers=", "x=1&answers=", "mode=", "mode=workshop&answers=", ""])
        links.append(prefix + value if kind != 4 else "answers=" + "9" * rng.randint(0, 5000))
    stored = []
    for i in range(600):
        kind = i % 6
        if kind == 0:
            stored.append(noise())
        elif kind == 1:
            stored.append(json.dumps({"code": mutate(valid()), "history": [{"t": "2026-01-01T00:00:00Z", "code": mutate(valid())}]}))
        elif kind == 2:
            stored.append(json.dumps({"code": rng.choice(_MARKUP), "mode": rng.choice(_MARKUP + ["workshop", "step", 3]),
                                      "history": [rng.choice([None, 3, "x", [], {"t": rng.choice(_MARKUP), "code": valid()}])]}))
        elif kind == 3:
            stored.append(json.dumps({"__proto__": {"code": valid()}, "constructor": {"prototype": {"x": 1}}, "history": {"length": 1e9}}))
        elif kind == 4:
            stored.append(json.dumps(rng.choice([None, 0, -1, 1e308, True, [], [valid()], "x" * rng.randint(0, 300), {"code": 7}])))
        else:
            stored.append(json.dumps({"code": valid(), "history": [{"t": rng.choice(["", "x", "9999-99-99", "2026-11-24"]), "code": valid()}] * rng.randint(0, 40)}))
    return links, stored


_FUZZ_JS = """
async ([links, stored]) => {
  const allowed = new Set(["H2", "H3", "P", "DIV", "FIGURE", "TABLE", "THEAD", "TBODY", "TR", "TH", "TD", "SPAN", "OL", "LI",
    "STRONG", "A", "BUTTON", "svg", "title", "polygon", "line", "text"]);
  const strange = [];
  const errors = [];
  window.addEventListener("error", e => errors.push(String(e.message)));
  new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => {
    if (n.nodeType === 1 && !allowed.has(n.tagName)) strange.push(n.tagName);
    if (n.nodeType === 1 && [...n.attributes].some(a => /^on/i.test(a.name) || /javascript:/i.test(a.value))) strange.push(n.outerHTML.slice(0, 80));
  }))).observe(document.body, {childList: true, subtree: true});
  const form = document.querySelector(".hb-quiz__form");
  for (const value of links) {
    try { history.replaceState(null, "", location.pathname + "#" + value); } catch (e) { continue; }
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  }
  for (const value of stored) {
    localStorage.setItem("crm-handbook-quiz", value);
    form.dispatchEvent(new Event("change", {bubbles: true}));
    localStorage.setItem("crm-handbook-quiz", value);
    form.requestSubmit();
  }
  await new Promise(resolve => setTimeout(resolve, 500)); // observers and image errors arrive later
  const text = document.querySelector(".hb-quiz").textContent;
  return {errors, strange, pwned: window.__hbPwned === 1, leaked: /__hbPwned|<script|onerror/.test(text)};
}
"""


def test_quiz_fuzz_of_1300_tampered_links_and_stored_values(browser, server):
    links, stored = _hostile_values(20261124)
    assert len(links) + len(stored) >= 1000
    context = browser.new_context()
    page = context.new_page()
    errors, dialogs = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for lang in LANGUAGES:
        page.goto(server + QUIZ_PATHS[lang], wait_until="networkidle")
        outcome = page.evaluate(_FUZZ_JS, [links, stored])
        assert not outcome["errors"] and not errors and not dialogs, (outcome["errors"], errors[:5], dialogs[:5])
        assert not outcome["strange"], f"{lang}: elements or attributes from tampered input: {outcome['strange'][:5]}"
        assert not outcome["pwned"] and not outcome["leaked"], lang
        # The page still works afterwards: a valid link shows its result.
        page.evaluate("c => { location.hash = 'answers=' + c; }", _code({q.id: 0 for q in _QUESTIONS}, "cost"))
        page.wait_for_function("document.querySelector('.hb-quiz__summary') !== null")
    context.close()
