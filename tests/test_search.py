"""Search works for Persian and Arabic, and stays in the reader's language.

These tests run the site's real search: tests/search_harness.js starts the search worker a
built page configures (our search-fold.js around Material's own worker) in Node, loads the
index that page's base points to, and sends it the queries a reader would type.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT
from handbook.search import LUNR_CONFIG, language_of, split_index

NODE = shutil.which("node")
HARNESS = ROOT / "tests" / "search_harness.js"
ZWNJ = "\u200c"


def search(site: Path, page: str, *queries: str) -> dict:
    assert NODE, "node is required for the search tests (.ci/run installs it)"
    result = subprocess.run([NODE, str(HARNESS), str(site), page, *queries], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def only_language(paths: list[str], lang: str) -> bool:
    return all(language_of(p.lstrip("/"), list(LANGUAGES))[0] == lang for p in paths)


# (query, the page it must find), per language's home page; each language's queries go to its
# search in one run of the harness (a run starts the worker and loads the index: about a second).
PERSIAN = [
    ("مشتری", "/glossary/"),
    ("مشتري", "/glossary/"),  # typed on an Arabic keyboard (Arabic ye)
    ("کیفیت", "/case-studies/"),
    ("كيفيت", "/case-studies/"),  # Arabic kaf and ye
    ("«مشتری»", "/glossary/"),  # quotes are not part of the word
    (f"سازمان{ZWNJ}ها", "/failure-causes/"),
    ("سازمانها", "/failure-causes/"),  # ZWNJ left out
    ("سازمان ها", "/failure-causes/"),  # a space instead of ZWNJ
    (f"سازمان{ZWNJ}{ZWNJ}ها", "/failure-causes/"),  # a doubled ZWNJ
]
ARABIC = [
    ("العملاء", "/ar/"),
    ("التدريب", "/ar/failure-causes/"),
    ("الإدارة", "/ar/"),
    ("الادارة", "/ar/"),  # hamza left out
    ("مؤشر", "/ar/kpis/"),
]
ENGLISH = [("customer", "/en/glossary/"), ("training", "/en/failure-causes/"), ("retention", "/en/kpis/")]
QUERIES = {"index.html": PERSIAN, "ar/index.html": ARABIC, "en/index.html": ENGLISH}


@functools.cache
def _results(site: Path, page: str) -> dict[str, list[str]]:
    """What the search of ``page`` finds for each of its queries (QUERIES)."""
    return search(site, page, *(query for query, _ in QUERIES[page]))["results"]


@pytest.mark.build
@pytest.mark.parametrize("query, expected", PERSIAN)
def test_persian_queries_find_persian_pages(built_site, query, expected):
    paths = _results(built_site, "index.html")[query]
    assert paths, f"no result for {query!r}"
    assert expected in paths, f"{query!r}: {expected} not among {paths}"
    assert only_language(paths, "fa"), f"{query!r}: results from other languages: {paths}"


@pytest.mark.build
@pytest.mark.parametrize("query, expected", ARABIC)
def test_arabic_queries_find_arabic_pages(built_site, query, expected):
    paths = _results(built_site, "ar/index.html")[query]
    assert paths, f"no result for {query!r}"
    assert any(p.startswith(expected) for p in paths), f"{query!r}: nothing under {expected} in {paths}"
    assert only_language(paths, "ar"), f"{query!r}: results from other languages: {paths}"


@pytest.mark.build
@pytest.mark.parametrize("query, expected", ENGLISH)
def test_english_queries_find_english_pages(built_site, query, expected):
    paths = _results(built_site, "en/index.html")[query]
    assert expected in paths, f"{query!r}: {expected} not among {paths}"
    assert only_language(paths, "en")


@pytest.mark.build
def test_each_language_loads_only_its_own_index(built_site):
    for lang, page, base in (
        ("fa", "failure-causes/index.html", "/"),
        ("ar", "ar/failure-causes/index.html", "/ar/"),
        ("en", "en/failure-causes/index.html", "/en/"),
    ):
        out = search(built_site, page, "CRM")
        assert out["base"] == base, f"{page}: search base is {out['base']}"
        assert out["lang"] == LUNR_CONFIG[lang]["lang"]
        assert out["results"]["CRM"], f"{page}: nothing found for CRM"
        assert only_language(out["results"]["CRM"], lang), out["results"]["CRM"]


def test_split_index_keeps_every_entry_once_in_its_language():
    merged = {
        "config": {"lang": ["en", "ar"], "separator": "[\\s\\-]+", "pipeline": ["trimmer"]},
        "docs": [
            {"location": "", "title": "خانه", "text": ""},
            {"location": "kpis/#nps", "title": "NPS", "text": ""},
            {"location": "ar/", "title": "الرئيسية", "text": ""},
            {"location": "en/kpis/#nps", "title": "NPS", "text": ""},
            {"location": "english-words/", "title": "not a language prefix", "text": ""},
        ],
    }
    parts = split_index(merged, ["fa", "ar", "en"])
    assert [d["location"] for d in parts["fa"]["docs"]] == ["", "kpis/#nps", "english-words/"]
    assert [d["location"] for d in parts["ar"]["docs"]] == [""]
    assert [d["location"] for d in parts["en"]["docs"]] == ["kpis/#nps"]
    assert parts["fa"]["config"]["lang"] == ["fold"] and parts["fa"]["config"]["pipeline"] == []
    assert parts["en"]["config"]["pipeline"] == ["stopWordFilter"]
    assert all(parts[lang]["config"]["analyser"] == lang for lang in ("fa", "ar", "en"))
    assert [w for w in re.split(parts["en"]["config"]["separator"], "Score (NPS).") if w] == ["Score", "NPS"], (
        "brackets split words: (NPS) is indexed as nps"
    )
    assert r"\u00AB" in parts["fa"]["config"]["separator"]
    assert language_of("en", ["fa", "en"]) == ("en", "")


def test_a_diagrams_print_copy_is_not_indexed_twice(built_site):
    """The lifecycle page carries its diagram twice (one column for screens, two for paper):
    search indexes the words once, or the page would rank on them twice over."""
    docs = json.loads((built_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    intro = next(d for d in docs if d["location"] == "lifecycle-stages/")
    html = (built_site / "en" / "lifecycle-stages" / "index.html").read_text(encoding="utf-8")
    screen = re.search(r'<figure [^>]*id="diagram-lifecycle">.*?</figure>', html, flags=re.S).group(0)
    assert 'id="diagram-lifecycle-2-columns"' in html, "the print copy is on the page"
    once = screen.count("4. Support")
    assert 0 < intro["text"].count("4. Support") <= once, "the diagram's words are indexed once"
