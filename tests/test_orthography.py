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
    ],
)
def test_the_lint_accepts_correct_text(text, lang):
    assert check_text(text, lang) == [], check_text(text, lang)
