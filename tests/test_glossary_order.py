"""The glossary is sorted by each language's own alphabet, with a letter index (issue 15).

Without MkDocs: the collation (handbook/collation.py) on known pairs, then the rendered
glossary of every language (handbook.render.render_chapter), for the real content and for a
small made-up glossary whose order is known in advance.
"""

from __future__ import annotations

import re

import pytest

from conftest import BOOK, LANGUAGES
from handbook import collation
from handbook.collation import initial, normalise, sort_key
from handbook.model import GlossaryTerm, Text
from handbook.render import kpi_entries, render_chapter
from handbook.text import plain_text

# The glossary page: its own terms and the indicators it does not define itself.
ENTRIES = [*BOOK.glossary, *kpi_entries(BOOK)]

# Written out here, independently of handbook/collation.py.
ALPHABET = {
    "fa": [
        "آ",
        "ا",
        "ب",
        "پ",
        "ت",
        "ث",
        "ج",
        "چ",
        "ح",
        "خ",
        "د",
        "ذ",
        "ر",
        "ز",
        "ژ",
        "س",
        "ش",
        "ص",
        "ض",
        "ط",
        "ظ",
        "ع",
        "غ",
        "ف",
        "ق",
        "ک",
        "گ",
        "ل",
        "م",
        "ن",
        "و",
        "ه",
        "ی",
    ],
    "ar": [
        "ا",
        "ب",
        "ت",
        "ث",
        "ج",
        "ح",
        "خ",
        "د",
        "ذ",
        "ر",
        "ز",
        "س",
        "ش",
        "ص",
        "ض",
        "ط",
        "ظ",
        "ع",
        "غ",
        "ف",
        "ق",
        "ك",
        "ل",
        "م",
        "ن",
        "ه",
        "و",
        "ي",
    ],
    "en": list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
}

HEADING = re.compile(r"^## (.*?) \{ #([a-z0-9-]+) \.hb-item \}$", re.M)
NAV = re.compile(r'<nav class="hb-letter-index" aria-label="([^"]+)" data-search-exclude>\n<ul>\n(.*?)</ul>\n</nav>', re.S)
LINK = re.compile(r'<li><a href="#([^"]+)"( dir="ltr")?>([^<]+)</a></li>')


def ordered(texts, lang):
    return sorted(texts, key=lambda text: sort_key(text, lang))


# -- the collation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        ("fa", "وب", "هم"),  # Persian: و before ه
        ("ar", "هدف", "وقت"),  # Arabic: ه before و
        ("fa", "بار", "پول"),
        ("fa", "جا", "چای"),
        ("fa", "زمان", "ژرف"),
        ("fa", "کار", "گام"),  # Persian letters after their base
        ("fa", "آب", "ابر"),  # آ is its own letter, before ا (as in Persian dictionaries)
        ("fa", "گام", "یاد"),
        ("ar", "نور", "يوم"),
        ("fa", "مرکز سود", "مرکزی"),  # word by word
        ("fa", "یادگیری ماشین", "CRM عملیاتی"),
        ("ar", "واجهة", "CRM التشغيلي"),  # Latin after the alphabet
        ("fa", "یاد", "۳۶۰ درجه"),
        ("ar", "يوم", "٣٦٠ درجة"),  # and digits with it
        ("ar", "باب", "البيع"),
        ("ar", "البيع", "تاج"),  # «ال» is ignored
        ("ar", "أتمتة", "الاحتفاظ"),
        ("ar", "الاحتفاظ", "إدارة"),  # hamza forms with ا; ال + ا
        # «ال» is ignored in every word, not only the first (ar review, round 3)
        ("ar", "معدل الاحتفاظ بالعملاء", "معدل استخدام CRM"),
        ("ar", "معدل استخدام CRM", "معدل إشغال الموظفين"),
        ("ar", "معدل تحويل العملاء المحتملين", "معدل الفوز بفرص البيع"),
        ("ar", "مركز التكلفة", "مركز الربح"),
        ("ar", "CRM التحليلي", "CRM التشغيلي"),
        ("en", "apple", "Banana"),
        ("en", "Banana", "cherry"),  # case-insensitive
        ("en", "360-degree view", "Abandoned cart"),  # digits first in English
        ("en", "Business line", "Business-to-business"),
    ],
)
def test_known_pairs_are_in_order(lang, first, second):
    assert ordered([second, first], lang) == [first, second]


def test_spelling_variants_and_invisibles_compare_equal():
    primary = lambda text, lang: sort_key(text, lang)[0]  # noqa: E731
    assert primary("کیفیت", "fa") == primary("كيفيت", "fa")  # ک/ك, ی/ي
    assert primary("داده‌کاوی", "fa") == primary("دادهکاوی", "fa")  # ZWNJ
    assert primary("تجربهٔ", "fa") == primary("تجربه", "fa") == primary("تجربۀ", "fa")  # hamza above, ۀ
    assert primary("تعلّم", "ar") == primary("تعلم", "ar") == primary("تـعـلـم", "ar")  # shadda, tatweel
    assert primary("جدًا", "ar") == primary("جدا", "ar")  # tanwin
    assert primary("حياة", "ar") == primary("حيات", "ar")  # ة sorts as ت
    assert primary("مستوى", "ar") == primary("مستوي", "ar") == primary("مستوی", "ar")  # ى, ی as ي
    assert primary("Résumé", "en") == primary("resume", "en")
    assert normalise("CRM\u200cها", "fa") == "crmها"
    # Arabic: the article of any word, but not an ا + ل that is no article, nor a bare «ال».
    assert primary("معدل الاحتفاظ", "ar") == primary("معدل احتفاظ", "ar") == primary("معدل «الاحتفاظ»", "ar")
    assert primary("نظام ألوان", "ar") != primary("نظام وان", "ar")
    assert primary("باب ال", "ar") != primary("باب", "ar")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("إدارة", "ar", "ا"),
        ("أتمتة", "ar", "ا"),
        ("آلة", "ar", "ا"),
        ("ألوان", "ar", "ا"),
        ("البيانات", "ar", "ب"),
        ("الرئيس", "ar", "ر"),
        ("رؤية", "ar", "ر"),
        ("آموزش", "fa", "آ"),
        ("اتوماسیون", "fa", "ا"),
        ("كيفيت", "fa", "ک"),
        ("abandoned", "en", "A"),
        ("Lead", "en", "L"),
    ],
)
def test_initial_letter(text, lang, expected):
    assert initial(text, lang) == (collation.LETTER, expected)


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("CRM عملیاتی", "fa", collation.LATIN),
        ("JSON", "ar", collation.LATIN),
        ("۳۶۰", "fa", collation.DIGIT),
        ("360-degree", "en", collation.DIGIT),
        ("«۳۶۰»", "fa", collation.DIGIT),
        ("€uro", "en", collation.OTHER),
    ],
)
def test_what_is_not_a_letter_of_the_alphabet(text, lang, kind):
    assert initial(text, lang) == (kind, None)


# -- the rendered glossary -----------------------------------------------------------------------


def parse(md: str):
    """(heading texts and ids in page order, index entries (id, label, ltr), the index's name)."""
    headings = [(text, anchor) for text, anchor in HEADING.findall(md)]
    nav = NAV.search(md)
    assert nav, "no letter index"
    assert md.index(nav.group(0)) < md.index("\n## "), "the letter index is above the entries"
    links = [(anchor, label, bool(ltr)) for anchor, ltr, label in LINK.findall(nav.group(2))]
    assert len(links) == nav.group(2).count("<li>")
    return headings, links, nav.group(1)


def position(term: str, lang: str) -> tuple[int, int]:
    """Where a term is filed, by the alphabets written out above: (0, letter) or (1, 0)."""
    kind, letter = initial(term, lang)
    return (0, ALPHABET[lang].index(letter)) if kind == collation.LETTER else (1, 0)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_entries_are_in_the_languages_alphabetical_order(lang):
    headings, _, _ = parse(render_chapter(BOOK, "glossary", lang))
    terms = {g.id: plain_text(g.term[lang]) for g in ENTRIES}
    shown = [terms[anchor] for _, anchor in headings]
    assert shown == ordered(shown, lang)
    if lang == "en":
        return
    places = [position(term, lang) for term in shown]
    assert places == sorted(places), "initial letters follow the alphabet, the Latin group last"
    if lang == "ar":  # word by word, «ال» ignored in every word
        rates = [term for term in shown if term.startswith("معدل ")]
        assert rates.index("معدل الاحتفاظ بالعملاء") < rates.index("معدل استخدام CRM"), rates
        assert rates.index("معدل تحويل العملاء المحتملين إلى عملاء") < rates.index("معدل الفوز بفرص البيع"), rates
    assert [g.id for g in BOOK.glossary] != [anchor for _, anchor in headings], "no longer in YAML order"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_keeps_its_anchor_once(lang):
    md = render_chapter(BOOK, "glossary", lang)
    headings, _, _ = parse(md)
    assert sorted(anchor for _, anchor in headings) == sorted(g.id for g in ENTRIES)
    for g in ENTRIES:
        assert md.count(f"{{ #{g.id} .hb-item }}") == 1, g.id
        assert any(text.startswith(g.term[lang]) for text, anchor in headings if anchor == g.id)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_lists_exactly_the_letters_that_have_entries(lang):
    headings, links, name = parse(render_chapter(BOOK, "glossary", lang))
    anchors = [anchor for _, anchor in headings]
    terms = {g.id: plain_text(g.term[lang]) for g in ENTRIES}

    def filed(anchor):  # a letter, or the group of what starts with no letter of the alphabet
        kind, letter = initial(terms[anchor], lang)
        return letter if kind == collation.LETTER else (kind if lang == "en" else "group")

    # The first entry of each letter, in page order: what the index must link to.
    expected = [(anchor, filed(anchor)) for i, anchor in enumerate(anchors) if i == 0 or filed(anchors[i - 1]) != filed(anchor)]
    assert len({f for _, f in expected}) == len(expected), "each letter's entries are together"
    assert [anchor for anchor, _, _ in links] == [anchor for anchor, _ in expected]
    for (anchor, label, ltr), (_, letter) in zip(links, expected, strict=True):
        assert anchor in anchors
        if letter in ALPHABET[lang]:
            assert (label, ltr) == (letter, False)
        else:
            assert ltr and label and label not in ALPHABET[lang]
    assert name.strip()


def made_up_book(terms: list[tuple[str, str, str]]):
    """The book with a glossary of the given (fa, ar, en) terms, ids t0, t1, ..."""
    glossary = [
        GlossaryTerm(id=f"t{i}", term=Text(fa=fa, ar=ar, en=en), definition=Text(fa="تعریف.", ar="تعريف.", en="A definition."))
        for i, (fa, ar, en) in enumerate(terms)
    ]
    return BOOK.model_copy(update={"glossary": glossary, "kpis": []})


MADE_UP = made_up_book(
    [
        ("هدف", "هدف", "Goal"),  # t0
        ("وب", "ويب", "Web"),  # t1
        ("CRM تحلیلی", "CRM التحليلي", "Analytical CRM"),  # t2
        ("آموزش", "التدريب", "Training"),  # t3
        ("ابزار", "أداة", "tool"),  # t4
        ("۳۶۰ درجه", "٣٦٠ درجة", "360 degrees"),  # t5
        ("ژرفا", "البيانات", "Data"),  # t6
    ]
)


@pytest.mark.parametrize(
    ("lang", "order", "index"),
    [
        ("fa", ["t3", "t4", "t6", "t1", "t0", "t5", "t2"], ["آ", "ا", "ژ", "و", "ه", "۰–۹ A–Z"]),
        ("ar", ["t4", "t6", "t3", "t0", "t1", "t5", "t2"], ["ا", "ب", "ت", "ه", "و", "٠–٩ A–Z"]),
        ("en", ["t5", "t2", "t6", "t0", "t4", "t3", "t1"], ["0–9", "A", "D", "G", "T", "W"]),
    ],
)
def test_a_known_glossary_renders_in_its_known_order(lang, order, index):
    headings, links, _ = parse(render_chapter(MADE_UP, "glossary", lang))
    assert [anchor for _, anchor in headings] == order
    assert [label for _, label, _ in links] == index
    firsts = {label: anchor for anchor, label, _ in links}
    assert firsts[index[0]] == order[0]
    # Each link goes to the first entry of its letter: the Latin group starts at the digits.
    assert firsts[index[-1]] == ("t5" if lang != "en" else "t1")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_indicator_and_go_live_can_be_looked_up(lang):
    """English review, defect 22: 11 of the KPIs and "go-live" were not in the glossary. An
    indicator the glossary does not define itself appears under its own name, with the
    definition written once in kpis.yaml and a link to it; go-live is a term of its own."""
    md = render_chapter(BOOK, "glossary", lang)
    headings = re.findall(r"^## (.*?) \{ #([a-z0-9-]+) \.hb-item", md, flags=re.M)
    anchors = {a for _, a in headings}
    terms = {g.id: g for g in BOOK.glossary}
    assert "go-live" in terms and "go-live" in anchors
    for kpi in BOOK.kpis:
        own = [
            g
            for g in BOOK.glossary
            if g.id == kpi.id or (kpi.abbreviation and g.abbreviation == kpi.abbreviation) or g.term.en.lower() == kpi.name.en.lower()
        ]
        if own:
            continue
        assert kpi.id in anchors, f"{kpi.id} cannot be looked up in the {lang} glossary"
        entry = md.split(f"{{ #{kpi.id} ", 1)[1].split("\n## ", 1)[0]
        assert kpi.definition[lang][:30] in entry and f"(kpis.md#{kpi.id})" in entry, kpi.id
    # Still one alphabetical order, with the indicators filed among the terms.
    keys = [sort_key(plain_text(re.sub(r" \([^()]*\)$", "", h)), lang) for h, _ in headings]
    assert keys == sorted(keys)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_indicator_the_glossary_lists_links_to_its_place_in_the_kpi_chapter(lang):
    md = render_chapter(BOOK, "glossary", lang)
    entries = kpi_entries(BOOK)
    assert entries, "the content has indicators without a glossary term of their own"
    for entry in entries:
        section = md.split(f"{{ #{entry.id} ", 1)[1].split("\n### ", 1)[0]
        assert f"(kpis.md#{entry.id})" in section, f"{lang}: the glossary's {entry.id} does not link to the KPI"
