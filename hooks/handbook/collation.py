"""Alphabetical order for Persian, Arabic and English, as a reader of each language expects it
(the glossary is sorted and indexed with it).

Why no library: the Persian order differs from the Unicode default (DUCET), which puts ه
before و and so is wrong for Persian; only ICU has the Persian and Arabic tailorings, and
PyICU is published on PyPI as source only (it needs the ICU C library and a compiler on a fresh
machine). The ICU wheels that do install (icu4py) have no collator, and pyuca implements only
DUCET. So the two alphabets are written out here; a glossary of a few hundred terms needs
nothing more.

Conventions:

- Text is normalised before it is compared: Unicode NFC, case folded; ZWNJ and the other
  invisible format characters, tatweel and diacritics (harakat, shadda, hamza above, accents)
  are dropped; ي/ی/ى and ك/ک are the same letter.
- Persian: آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی (و before ه).
  آ is its own letter before ا, as in Persian dictionaries (Dehkhoda, Moein) and ICU's Persian
  order; أ إ ٱ ء sort with ا; ؤ with و; ئ with ی; ۀ ة ھ with ه.
- Arabic: ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي (ه before و).
  أ إ آ ٱ ء sort with ا; ؤ with و; ئ and ى with ي; ة with ت (as ICU/CLDR's Arabic order does:
  it is a written form of ت). The definite article «ال» is ignored at the start of every word,
  as in Arabic indexes and term lists: «البيانات السلوكية» is filed under ب, and «معدل
  الاحتفاظ» comes before «معدل استخدام» (ح before س), as «معدل احتفاظ» would. (Only a bare ا
  followed by ل and at least two more letters counts: «ألوان» is not «ال» + «وان». A noun whose
  own first letters are ال, such as «التزام», would be misfiled; the glossary's terms are not
  of that kind.)
- English: a–z, case-insensitive, accents ignored.
- Spaces and punctuation separate words and sort before any letter ("word by word":
  «مرکز سود» before «مرکزی»); leading punctuation is ignored.
- Persian and Arabic: a term that starts with anything but a letter of the alphabet (a Latin
  letter, a digit of any script, a symbol) sorts after the native letters, in one group: digits,
  then Latin letters, then the rest. English: digits first, then a–z, then the rest.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

ALPHABETS: dict[str, tuple[str, ...]] = {
    "fa": tuple("آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"),
    "ar": tuple("ابتثجحخدذرزسشصضطظعغفقكلمنهوي"),
    "en": tuple("abcdefghijklmnopqrstuvwxyz"),
}

# Letters written in other ways, and the alphabet letter they sort as.
_FOLDS: dict[str, dict[str, str]] = {
    "fa": {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ې": "ی",
        "ۍ": "ی",
        "ك": "ک",
        "ڪ": "ک",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ء": "ا",
        "ؤ": "و",
        "ۀ": "ه",
        "ۂ": "ه",
        "ة": "ه",
        "ھ": "ه",
        "ە": "ه",
    },
    "ar": {
        "آ": "ا",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ء": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ڪ": "ك",
        "ة": "ت",
        "ۀ": "ه",
        "ۂ": "ه",
        "ھ": "ه",
        "ە": "ه",
        # Persian and other letters in an Arabic text: with the letter they are written from.
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "گ": "ك",
        "ڤ": "ف",
        "ڨ": "ق",
    },
    "en": {},
}

TATWEEL = "\u0640"
ARTICLES = ("ال", "ٱل")  # Arabic only, at the start of a word

# Kinds of collation element. Their order per language is _RANKS.
SEPARATOR, LETTER, DIGIT, LATIN, OTHER = "separator", "letter", "digit", "latin", "other"
_RANKS: dict[str, dict[str, int]] = {
    "fa": {SEPARATOR: 0, LETTER: 1, DIGIT: 2, LATIN: 3, OTHER: 4},
    "ar": {SEPARATOR: 0, LETTER: 1, DIGIT: 2, LATIN: 3, OTHER: 4},
    "en": {SEPARATOR: 0, DIGIT: 1, LETTER: 2, OTHER: 3},
}
_POSITION = {lang: {letter: i for i, letter in enumerate(letters)} for lang, letters in ALPHABETS.items()}


def normalise(text: str, lang: str) -> str:
    """``text`` as it is compared: NFC, case folded, letters folded, invisibles and marks dropped."""
    fold, position = _FOLDS[lang], _POSITION[lang]
    out = []
    for ch in unicodedata.normalize("NFC", text).casefold():
        ch = fold.get(ch, ch)
        # A letter of the alphabet stays whole (NFD would take آ apart); others lose their marks.
        for c in ch if ch in position else unicodedata.normalize("NFD", ch):
            if unicodedata.category(c) in ("Mn", "Me", "Cf") or c == TATWEEL:
                continue
            out.append(fold.get(c, c))
    return "".join(out)


def _kind(c: str, lang: str) -> tuple[str, int]:
    if c in _POSITION[lang]:
        return LETTER, _POSITION[lang][c]
    category = unicodedata.category(c)
    if category == "Nd":
        return DIGIT, unicodedata.digit(c)
    if "a" <= c <= "z":
        return LATIN, ord(c)
    if category[0] in "ZP" or c.isspace():
        return SEPARATOR, 0
    return OTHER, ord(c)


def _elements(text: str, lang: str) -> list[tuple[str, int]]:
    """The collation elements of ``text``: (kind, weight) per character, separators collapsed."""
    elements: list[tuple[str, int]] = []
    for c in normalise(_without_articles(text) if lang == "ar" else text, lang):
        kind, weight = _kind(c, lang)
        if kind == SEPARATOR and (not elements or elements[-1][0] == SEPARATOR):
            continue  # leading punctuation is ignored, a run of it is one separator
        elements.append((kind, weight))
    while elements and elements[-1][0] == SEPARATOR:
        elements.pop()
    return elements or [(OTHER, 0)]


def _is_separator(c: str) -> bool:
    return unicodedata.category(c)[0] in "ZP" or c.isspace()


def _without_articles(text: str) -> str:
    """``text`` with the article «ال» taken off every word that starts with it (as written, not
    folded: «ألوان» is no «ال») and keeps at least two letters of the alphabet after it."""
    text = unicodedata.normalize("NFC", text)
    out, start = [], 0
    for i in range(len(text) + 1):
        if i < len(text) and not _is_separator(text[i]):
            continue
        word = text[start:i]
        letters = [j for j, c in enumerate(word) if unicodedata.category(c)[0] == "L" and c != TATWEEL]
        if len(letters) >= 2 and word[letters[0]] + word[letters[1]] in ARTICLES:
            rest = word[letters[1] + 1 :]
            folded = normalise(rest, "ar")
            if len(folded) >= 2 and all(c in _POSITION["ar"] for c in folded[:2]):
                word = rest
        out.append(word + text[i : i + 1])
        start = i + 1
    return "".join(out)


def sort_key(text: str, lang: str) -> tuple:
    """A key that sorts texts of ``lang`` alphabetically; ties are broken by the text itself."""
    ranks = _RANKS[lang]
    return tuple((ranks[kind], weight) for kind, weight in _elements(text, lang)), text


def initial(text: str, lang: str) -> tuple[str, str | None]:
    """What ``text`` is filed under: (LETTER, the alphabet letter, upper case in English), or
    (DIGIT | LATIN | OTHER, None) when it starts with anything else."""
    kind, weight = _elements(text, lang)[0]
    if kind == LETTER:
        letter = ALPHABETS[lang][weight]
        return LETTER, letter.upper()
    return kind, None


@dataclass(frozen=True)
class Section:
    """Consecutive items filed under one letter (``letter``), or, with ``letter`` None, under
    no letter of the alphabet: ``kinds`` says which of DIGIT, LATIN, OTHER their terms start with."""

    letter: str | None
    kinds: tuple[str, ...]
    items: tuple


def collate(items: Iterable[T], lang: str, text: Callable[[T], str], tiebreak: Callable[[T], object] = lambda item: 0) -> list[T]:
    """``items`` in the alphabetical order of ``text(item)`` in ``lang``."""
    return sorted(items, key=lambda item: (sort_key(text(item), lang), tiebreak(item)))


def sections(items: Iterable[T], lang: str, text: Callable[[T], str], tiebreak: Callable[[T], object] = lambda item: 0) -> list[Section]:
    """``items`` sorted (:func:`collate`) and grouped by initial letter. In Persian and Arabic
    everything that does not start with a letter of the alphabet is one group, the last; in
    English digits are a group (the first) and other characters another (the last)."""
    groups: list[tuple[object, list[str], list[T]]] = []
    for item in collate(items, lang, text, tiebreak):
        kind, letter = initial(text(item), lang)
        group = letter if kind == LETTER else (kind if lang == "en" else "not-a-letter")
        if not groups or groups[-1][0] != group:
            groups.append((group, [], []))
        if kind != LETTER and kind not in groups[-1][1]:
            groups[-1][1].append(kind)
        groups[-1][2].append(item)
    return [Section(letter=group if not kinds else None, kinds=tuple(kinds), items=tuple(members)) for group, kinds, members in groups]
