"""The handbook's languages, defined once (no MkDocs imports).

Everything that differs by language and is not a text lives here: the order of the
languages, which one is the default (served at the site's root), the URL prefix of the
others, direction, script, calendar, digits, the separator between items of a list in running text,
and the locales handed to other systems (CLDR dates at build time, the browser's Intl in the
quiz, Open Graph link previews). The model, the templates, the diagrams, the search set-up,
the tools and the tests read it; `tests/test_languages.py` checks that mkdocs.yml's i18n
plugin lists the same languages in the same order with the same default, and that no other
module spells these facts out again.

Texts (labels, names of the languages as shown in the language menu) are content:
content_data/ui.yaml and mkdocs.yml's i18n block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, also the folder under docs/ and the `lang` attribute
    direction: Literal["rtl", "ltr"]
    script: Literal["arabic", "latin"]  # Arabic-script pages load the handbook's web font
    calendar: Literal["solar_hijri", "gregorian"]  # the calendar of dates and years in prose
    digits: str  # 0-9 as the language writes them in prose
    list_separator: str  # between the items of a list written in running text
    clause_separator: str  # between groups that themselves contain commas
    cldr_locale: str  # dates written at build time (Babel)
    intl_locale: str  # dates and numbers the quiz writes in the browser (BCP 47)
    og_locale: str  # Open Graph's ll_CC form, for link previews
    name: str  # in English, for the messages of the content checks
    digits_name: str  # what its digits are called, for the same messages
    letters: str = ""  # the forms of letters its orthography uses where a neighbour's differs
    foreign_letters: str = ""  # the neighbour's forms, never written in this language

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def counter_style(self) -> str:
        """The CSS counter style that writes numbers in these digits (the printed book's page numbers)."""
        return _COUNTER_STYLES[self.digits]


# CSS's predefined counter styles, by the digits they write.
_COUNTER_STYLES = {"0123456789": "decimal", "۰۱۲۳۴۵۶۷۸۹": "persian", "٠١٢٣٤٥٦٧٨٩": "arabic-indic"}


REGISTRY: tuple[Language, ...] = (
    # Persian writes ی and ک; Arabic's ي ك ى are typed by an Arabic keyboard, never meant.
    Language("fa", "rtl", "arabic", "solar_hijri", "۰۱۲۳۴۵۶۷۸۹", "، ", "؛ ", "fa", "fa-IR", "fa_IR", "Persian", "Persian", "یک", "يكى"),
    # Arabic-Indic digits, as the Arabic edition writes them (ar-EG's Intl default is the same).
    Language("ar", "rtl", "arabic", "gregorian", "٠١٢٣٤٥٦٧٨٩", "، ", "؛ ", "ar", "ar-EG", "ar_AR", "Arabic", "Arabic-Indic", "يك", "یک"),
    # British English, like the rest of the English text.
    Language("en", "ltr", "latin", "gregorian", "0123456789", ", ", "; ", "en_GB", "en-GB", "en_GB", "English", "Latin"),
)
DEFAULT_LANGUAGE = "fa"

LANGUAGE: dict[str, Language] = {language.code: language for language in REGISTRY}
LANGUAGES: tuple[str, ...] = tuple(LANGUAGE)


def list_separator(texts, lang: str, marks: str = "") -> str:
    """The separator between the items of a list written in running text: the language's comma,
    or its semicolon when an item itself holds a comma («نگاه به CRM به‌عنوان نرم‌افزار، نه تحول
    سازمانی» would otherwise read as two items), or one of ``marks`` (a list of titles, where a
    colon or a question mark inside a title reads as the end of an item)."""
    language = LANGUAGE[lang]
    splitting = (language.list_separator.strip(), *marks)
    return language.clause_separator if any(m in str(text) for text in texts for m in splitting) else language.list_separator


def prefix(lang: str) -> str:
    """The language's folder in the built site and its URLs: '' for the default, else 'ar/'."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


PREFIX: dict[str, str] = {lang: prefix(lang) for lang in LANGUAGES}
DIRECTION: dict[str, str] = {lang: LANGUAGE[lang].direction for lang in LANGUAGES}


def wrong_script(lang: str) -> tuple[str, str, str]:
    """(foreign letters, foreign digits, hint) of an Arabic-script language; ('', '', '') otherwise.
    The one definition the content model (model.py) and the orthography lint (orthography.py) share."""
    own = LANGUAGE[lang]
    if own.script != "arabic":
        return "", "", ""
    digits = "".join(x.digits for x in REGISTRY if x.script == "arabic" and x.code != lang)  # a neighbour's digits
    hint = (
        f"{own.name} text must use {' and '.join(own.letters)} and {own.digits_name} digits {own.digits[0]}-{own.digits[-1]}, "
        f"not {' '.join(own.foreign_letters)} or {' '.join(f'{digits[i]}-{digits[i + 9]}' for i in range(0, len(digits), 10))}"
    )
    return own.foreign_letters, digits, hint
