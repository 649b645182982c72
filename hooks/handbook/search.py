"""One search index per language, configured so Persian and Arabic words are found.

mkdocs-static-i18n merges the search entries of every language into one index that every
language loads, and adds ``ar`` to lunr's languages, whose trimmer cuts the Persian-only
letters (ی ک گ پ چ ژ) off words. :func:`split_index` instead gives each language its own
index file, with only its own pages and a lunr set-up that suits its script:

* ``en`` keeps Material's English set-up (stop words, white space and hyphens);
* ``fa`` and ``ar`` use the "fold" analyser shipped in
  ``docs/assets/javascripts/lunr/min/lunr.fold.min.js``: it folds the Arabic and Persian
  forms of the same letter (ي/ی, ك/ک, ى, ة/ه, أ/إ/آ/ا), and drops ZWNJ, tatweel and
  diacritics, both in the index and in the query, so «مشتري» typed on an Arabic keyboard
  finds «مشتری» and «سازمانها» finds «سازمان‌ها».

Nothing here imports MkDocs; the hook calls it after the build.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from .digits import ascii_digits
from .languages import DEFAULT_LANGUAGE, prefix

FOLD_LANGUAGE = "fold"

# The letter folding of lunr.fold.min.js (which the reader's searches use), written once more
# here for the Python tools and tests that compare texts (tests/test_copy.py, tools/search_compare.py);
# tests/js/search_analyser.test.js holds the two to the same result, character by character.
# The Arabic and Persian forms of a letter become one; ZWNJ, ZWJ, tatweel and the script's
# diacritics and other combining marks are dropped; Persian and Arabic-Indic digits become ASCII.
FOLD_LETTERS = {
    "\u064a": "\u06cc",  # ي → ی
    "\u0649": "\u06cc",  # ى → ی
    "\u0643": "\u06a9",  # ك → ک
    "\u0629": "\u0647",  # ة → ه
    "\u06c0": "\u0647",  # ۀ → ه
    "\u0623": "\u0627",  # أ → ا
    "\u0625": "\u0627",  # إ → ا
    "\u0622": "\u0627",  # آ → ا
    "\u0671": "\u0627",  # ٱ → ا
    "\u0624": "\u0648",  # ؤ → و
    "\u066a": "%",  # ٪ → %
}
FOLD_DROPPED = re.compile("[\u200c\u200d\u0640\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed]")
_FOLD_TABLE = str.maketrans(FOLD_LETTERS)


def fold(text: str, digits: bool = True) -> str:
    """``text`` as the search compares it (lunr.fold.normalize); ``digits=False`` leaves digits as written."""
    text = FOLD_DROPPED.sub("", text).translate(_FOLD_TABLE)
    return ascii_digits(text) if digits else text


# Words are split on white space, hyphens and the punctuation of all three languages, so
# «مشتری»، or (CRM) do not carry their quotes and commas into the index.
FOLD_SEPARATOR = r"[\s\-\u060C\u061B\u061F\u00AB\u00BB\u2018\u2019\u201C\u201D.,:;!?()\[\]\"'/…]+"

# ``analyser`` tells the worker (docs/assets/javascripts/workers/search-fold.js) how to rewrite
# a query: fold, strip Persian or Arabic suffixes and particles, or stem English and spell it
# the British way (docs/assets/javascripts/lunr/min/lunr.fold.min.js).
LUNR_CONFIG: dict[str, dict] = {
    # Material's English stop words; words split on punctuation as well, so "(NPS)" is "nps".
    # No stemmer in the index: Material searches every word as a prefix (word*), which lunr
    # does not stem; the worker stems the query instead.
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter"], "separator": FOLD_SEPARATOR, "analyser": "en"},
    # No trimmer or stemmer: lunr's trimmer treats every non-Latin letter as punctuation.
    "fa": {"lang": [FOLD_LANGUAGE], "pipeline": [], "separator": FOLD_SEPARATOR, "analyser": "fa"},
    "ar": {"lang": [FOLD_LANGUAGE], "pipeline": [], "separator": FOLD_SEPARATOR, "analyser": "ar"},
}


# Pages whose entries are the canonical answer to a bare name or term: a source for an author's
# or publisher's name, a glossary entry for a term. Their sections rank above chapters that
# only mention the name (Material's search "boost", set by the hook as page.meta["search"]).
SEARCH_BOOST: dict[str, float] = {"sources": 3.0, "glossary": 2.0}


def language_of(location: str, languages: list[str]) -> tuple[str, str]:
    """(language, location relative to that language's root) of a search entry."""
    for lang in languages:
        folder = prefix(lang)
        if folder and (location == folder.rstrip("/") or location.startswith(folder)):
            return lang, location[len(folder) :]
    return DEFAULT_LANGUAGE, location


def split_index(index: dict, languages: list[str]) -> dict[str, dict]:
    """Split a merged Material search index into one index per language."""
    out: dict[str, dict] = {}
    for lang in languages:
        part = {key: copy.deepcopy(value) for key, value in index.items() if key != "docs"}
        part["config"] = {**index.get("config", {}), **LUNR_CONFIG.get(lang, {})}
        part["docs"] = []
        out[lang] = part
    for doc in index.get("docs", []):
        lang, location = language_of(doc.get("location", ""), languages)
        if lang in out:
            out[lang]["docs"].append({**doc, "location": location})
    return out


def index_path(site_dir: Path, lang: str) -> Path:
    return site_dir / prefix(lang) / "search" / "search_index.json"


def write_language_indexes(site_dir: Path, languages: list[str]) -> dict[str, Path]:
    """Replace ``site/search/search_index.json`` by one index per language."""
    merged_path = index_path(site_dir, DEFAULT_LANGUAGE)
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    written: dict[str, Path] = {}
    for lang, part in split_index(merged, languages).items():
        path = index_path(site_dir, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        written[lang] = path
    return written
