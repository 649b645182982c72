"""Orthography: every Persian, Arabic and English text in content_data/ and docs/ is clean,
and the lint really catches each kind of mistake."""

from __future__ import annotations

import pytest

from conftest import ROOT
from handbook.orthography import check_project, check_text

Z = "\u200c"


def test_all_content_and_pages_pass_the_orthography_lint():
    problems = check_project(ROOT)
    assert not problems, f"{len(problems)} orthography problems:\n" + "\n".join(map(str, problems))


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("مشتري", "fa", "Arabic letter"),
        ("كار", "fa", "Arabic letter"),
        ("سال ٢٠٢٣", "fa", "Arabic-Indic digit"),
        ("بیش از 70 درصد", "fa", "Latin digits"),
        (f"سازمان{Z}{Z}ها", "fa", "doubled ZWNJ"),
        (f"سازمان {Z}ها", "fa", "stray ZWNJ"),
        ("آن‌ها می کنند", "fa", "written apart"),
        ("آن‌ها میکنند", "fa", "joined to the verb without ZWNJ"),
        ("نمیشود", "fa", "joined to the verb without ZWNJ"),
        ("سازمان ها", "fa", "suffix written apart"),
        ("بزرگ ترین خطا", "fa", "suffix written apart"),
        ("مشتری, فروش", "fa", "Latin punctuation"),
        ("چرا?", "fa", "Latin punctuation"),
        ('"مشتری"', "fa", "straight quotes"),
        ("مشتـری", "fa", "tatweel"),
        ("مشتری\u200f", "fa", "invisible character U+200F"),
        ("فاصله\u00a0نشکن", "fa", "invisible character U+00A0"),
        ("العملاء کثیرون", "ar", "Persian letter"),
        ("سنة ۲۰۲۳", "ar", "Persian digit"),
        ("سنة 2023", "ar", "Latin digits"),
        ("العملاء, الموردون", "ar", "Latin punctuation"),
        ("customer مشتری", "en", "Arabic-script letter"),
        ('his phrase "a technology museum"', "en", "straight quote"),
        ("the customer's view", "en", "straight quote"),
    ],
)
def test_the_lint_catches(text, lang, expected):
    messages = [m for m, _ in check_text(text, lang)]
    assert any(expected in m for m in messages), f"{text!r} ({lang}): {messages}"


@pytest.mark.parametrize(
    "text, lang",
    [
        (f"سازمان{Z}ها می{Z}کنند و بزرگ{Z}ترین خطا را نمی{Z}بینند؛ چرا؟ «مشتری»، ۷۰٪.", "fa"),
        ("میزان، میان، میلیون، میدان و میراث", "fa"),
        ("گواهی ISO 27001 و مدل B2B و نگاه ۳۶۰ درجه", "fa"),
        ("به گزارش Gartner 2023 بیش از ۷۰٪", "fa"),
        ("يرى مير أن أكثر من ٧٠٪ من المشاريع تفشل؛ لماذا؟ «العملاء»، ISO 27001.", "ar"),
        ("More than 70% of CRM projects fail, Mir argues.", "en"),
        ("In Mir’s phrase, a “technology museum”; customers’ feelings.", "en"),
    ],
)
def test_the_lint_accepts_correct_text(text, lang):
    assert check_text(text, lang) == [], check_text(text, lang)


# -- one term per concept: the termbase (glossary and KPI `avoid` lists) ---------------------

from handbook import termbase  # noqa: E402

TERMS = termbase.load(ROOT / "content_data")


def test_the_termbase_covers_the_drift_the_reviews_counted():
    """Service level, executive sponsorship, profit centre, collaborative CRM, occupancy, FCR."""
    avoided = {(e.id, lang): set(e.avoid[lang]) for e in TERMS for lang in termbase.LANGUAGES}
    assert {"سطح سرویس", "سطح پاسخ‌گویی"} <= avoided[("sl", "fa")]
    assert {"الضمانة التنفيذية", "تفويض حازم", "سند قوي"} <= avoided[("executive-sponsorship", "ar")]
    assert {"مرکز سودده", "مرکز درآمد"} <= avoided[("profit-centre", "fa")]
    assert "CRM تعاملی" in avoided[("collaborative-crm", "fa")]
    assert "first call resolution" in avoided[("fcr", "en")]
    assert "الأسئلة المتكررة" in avoided[("repeat-question-rate", "ar")]
    for entry in TERMS:  # a term never forbids itself
        for lang in termbase.LANGUAGES:
            assert not termbase.problems(entry.preferred[lang], lang, [entry]), (entry.id, lang)


@pytest.mark.parametrize(
    "text, lang, found",
    [
        ("سطح سرویس حفظ شد.", "fa", "«سطح سرویس» is not this handbook's term: write «سطح خدمت»"),
        ("ولذا على الضامنين التنفيذيين للمشروع", "ar", "write «رعاية الإدارة العليا»"),
        ("First call resolution is low.", "en", "write «First contact resolution»"),
        ("a first-call resolution rate", "en", "write «First contact resolution»"),
        ("ومعدل الأسئلة المتكررة، وزمن الرد", "ar", "write «معدل تكرار الاستفسار»"),  # before Arabic punctuation
        ("هل سطح سرویس؟", "fa", "write «سطح خدمت»"),
        # A source's own word, quoted, is not a choice of term; a longer word is another word.
        ("شبکه آن را «CRM تعاملی» می‌نامد.", "fa", None),
        ('Soltanloo\'s label "first call resolution"', "en", None),
        ("نقطهٔ درآمدزا در مرکز درآمدزایی", "fa", None),
        ("حل مسئله در اولین تماس", "fa", None),
    ],
)
def test_the_content_lint_refuses_a_forbidden_variant_and_only_that(text, lang, found):
    messages = [message for message, _ in check_text(text, lang, TERMS) if "handbook's term" in message]
    if found is None:
        assert not messages, messages
    else:
        assert any(found in m for m in messages), messages
