"""Search as a reader uses it: typed, pasted or dictated into the real search box in Chromium.

Each case is a query a reader types and the page (and item) that answers it; it must be among
the first three results, in the reader's language, with the count in the page's digits. The
full benchmark (hit@3 and MRR over ~100 queries per language) is `make bench`
(tools/search_bench.py); these are the cases that once failed.
"""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, goto

pytestmark = pytest.mark.build

PREFIX = {"fa": "/", "ar": "/ar/", "en": "/en/"}
DIGITS = {"fa": "۰۱۲۳۴۵۶۷۸۹", "ar": "٠١٢٣٤٥٦٧٨٩", "en": "0123456789"}

# (language, kind, query, an acceptable answer: page path relative to the language root + optional #anchor)
CASES = [
    ("fa", "single word", "سلطانلو", "sources/#soltanloo-case-studies"),
    ("fa", "single word", "پاسخگویی", "kpis/"),
    ("fa", "abbreviation", "NPS", "kpis/#net-promoter-score"),
    ("fa", "plural", "شاخص‌ها", "kpis/"),
    ("fa", "Arabic keyboard", "تجربه مشتري", "customer-experience/"),
    ("ar", "single word", "العميل", "glossary/"),
    ("ar", "abbreviation", "CRR", "kpis/#customer-retention-rate"),
    ("ar", "clitic", "تسرب", "glossary/#churn"),
    ("ar", "clitic", "التسرب", "glossary/#churn"),
    ("ar", "clitic", "للعملاء", "customer-experience/"),
    ("en", "single word", "retention", "kpis/#customer-retention-rate"),
    ("en", "abbreviation", "CRR", "kpis/#customer-retention-rate"),
    ("en", "abbreviation", "nps", "kpis/#net-promoter-score"),
    ("en", "American spelling", "organizational culture", "leadership-and-culture/"),
]

# A query that arrives whole (a paste, dictation) and the answer it must find, per language.
PASTED = {
    "fa": ("سلطانلو", "sources/#soltanloo-case-studies"),
    "ar": ("التسرب", "glossary/#churn"),
    "en": ("NPS", "kpis/#net-promoter-score"),
}

READ = """() => [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')]
  .map(li => [...li.querySelectorAll('a.md-search-result__link')].map(a => {
    const u = new URL(a.href); return decodeURIComponent(u.pathname) + (u.hash ? decodeURIComponent(u.hash) : '');
  }))"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context
    context.close()


def open_search(page, server, lang):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    goto(page, server + PREFIX[lang])
    assert not [u for u in requests if "search_index.json" in u], "the index must wait until search is opened"
    page.locator("label.md-header__button[for=__search]").click()
    return page.locator("input.md-search__input")


# The search has answered: a count (in any digits) or its "nothing found" (Arabic, Persian, English).
RESULTS_SHOWN = (
    "/[0-9۰-۹٠-٩]|\\u0644\\u0627 |\\u0646\\u0634\\u062f|No /.test(document.querySelector('.md-search-result__meta').textContent)"
)


def results(page) -> list[list[str]]:
    page.wait_for_function(f"document.querySelector('.md-search-result__meta') && {RESULTS_SHOWN}", timeout=10_000)
    page.wait_for_timeout(400)
    return page.evaluate(READ)


def answered(groups: list[list[str]], root: str, expect: str) -> int:
    page_path, _, anchor = expect.partition("#")
    for rank, links in enumerate(groups[:3], 1):
        for link in links:
            path, _, frag = link.partition("#")
            if path == root + page_path and (not anchor or frag == anchor):
                return rank
    return 0


@pytest.fixture(scope="module")
def search_tabs(browser, server):
    """One phone tab per language with search open, kept for the typed cases: a reader who
    searches again empties the box and types the next query (the index is loaded once)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tabs = {}

    def tab(lang):
        if lang not in tabs:
            page = context.new_page()
            tabs[lang] = (page, open_search(page, server, lang))
        page, box = tabs[lang]
        box.fill("")  # back to the prompt, no results shown
        page.wait_for_function(f"!({RESULTS_SHOWN})")
        return page, box

    yield tab
    context.close()


@pytest.mark.parametrize("lang, kind, query, expect", CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_typed_letter_by_letter_without_a_trailing_space(search_tabs, lang, kind, query, expect):
    page, box = search_tabs(lang)
    box.press_sequentially(query, delay=30)
    groups = results(page)
    root = PREFIX[lang]
    assert answered(groups, root, expect), f"{query!r} ({kind}): {expect} not in the first three: {[g[0] for g in groups[:3]]}"
    assert all(link.startswith(root) and (lang != "fa" or not link.startswith(("/ar/", "/en/"))) for g in groups for link in g)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_arriving_without_key_events_searches(phone, server, lang):
    """A paste, a drop, an input method or dictation: an input event and no keyup."""
    query, expect = PASTED[lang]
    page = phone.new_page()
    box = open_search(page, server, lang)
    box.focus()
    page.keyboard.insert_text(query)
    groups = results(page)
    assert answered(groups, PREFIX[lang], expect), f"{query!r} pasted: {[g[0] for g in groups[:3]]}"
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_query_put_in_before_the_index_arrives_is_answered_when_it_does(phone, server, lang):
    """A slow connection: the reader pastes a query while the index is still on its way. When the
    index arrives the query is answered, with no further key."""
    query, expect = PASTED[lang]
    page = phone.new_page()
    held = []
    page.route("**/search/search_index.json", lambda route: held.append(route))
    box = open_search(page, server, lang)
    box.focus()
    page.keyboard.insert_text(query)
    page.wait_for_function("document.querySelector('input.md-search__input').value.length > 0")
    for _ in range(200):  # the index is asked for when search opens; hold it for a while
        if held:
            break
        page.wait_for_timeout(25)
    assert held, "the search index was never requested"
    page.wait_for_timeout(500)
    held[0].continue_()
    groups = results(page)
    assert answered(groups, PREFIX[lang], expect), f"{query!r} before the index: {[g[0] for g in groups[:3]]}"
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_result_counts_are_in_the_page_language_and_digits(phone, server, lang):
    page = phone.new_page()
    box = open_search(page, server, lang)
    box.press_sequentially("CRM", delay=30)
    results(page)
    meta = page.inner_text(".md-search-result__meta")
    other = set("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩") - set(DIGITS[lang])
    assert any(d in meta for d in DIGITS[lang]) and not any(d in meta for d in other), meta
    more = page.locator(".md-search-result__more summary").all_inner_texts()
    assert all(not any(d in m for d in other) for m in more), more
    if lang != "en":
        assert "document" not in meta and "مستندات" not in meta, meta
    page.close()


def test_a_result_link_highlights_its_words_on_the_page_it_opens(phone, server):
    """Material's search.highlight needs the index: a result's ?h= link fetches it."""
    page = phone.new_page()
    goto(page, server + "/en/kpis/?h=retention")
    page.wait_for_function("document.querySelectorAll('article mark').length > 0", timeout=10_000)
    page.close()
