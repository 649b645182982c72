"""Publishing details (issue 15): citations carry the public address or none, and Latin names
keep their place before a Persian number in right-to-left text."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import BOOK, LANGUAGES, ROOT
from handbook.languages import PREFIX
from handbook.render import SiteInfo, render_chapter
from handbook.text import inline_html


def _site(url: str) -> SiteInfo:
    return SiteInfo(
        url=url,
        names={"fa": "راهنمای CRM", "ar": "دليل CRM", "en": "The CRM Handbook"},
        descriptions={lang: "" for lang in LANGUAGES},
        edition=_dt.date(2026, 11, 30),
        docs_dir=ROOT / "docs",
    )


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost:8000/handbook/", "http://[::1]:8000/", "/"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_local_build_cites_no_address(lang, url):
    """A build without a public address (mkdocs.yml's default, `mkdocs serve`) shows citations
    without any address and says so, never a development server's."""
    md = render_chapter(BOOK, "for_trainers", lang, site=_site(url))
    assert "127.0.0.1" not in md and "localhost" not in md and "[::1]" not in md
    assert BOOK.t("trainers.cite_no_address", lang) in md
    assert md.count('<div class="hb-citation"') == 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_published_build_cites_its_public_address(lang):
    md = render_chapter(BOOK, "for_trainers", lang, site=_site("https://example.org/handbook"))
    for other, prefix in PREFIX.items():
        assert f'<bdi dir="ltr">https://example.org/handbook/{prefix}</bdi>' in md, other
    assert BOOK.t("trainers.cite_no_address", lang) not in md
    assert "https://example.org/handbook/" in md.split(BOOK.t("trainers.linking_title", lang))[1]  # the workshop link


@pytest.mark.parametrize(
    "text, html",
    [
        ("راهنمای CRM (۱۴۰۵). عنوان", "راهنمای <bdi>CRM</bdi> (۱۴۰۵). عنوان"),
        ("از جمله Gartner (۲۰۲۳)، می‌گوید", "از جمله <bdi>Gartner</bdi> (۲۰۲۳)، می‌گوید"),
        ("The CRM Handbook (۱۴۰۵)", "<bdi>The CRM Handbook</bdi> (۱۴۰۵)"),
        # After a comma or a colon too: «مانند Gartner، ۲۰۲۳» must not read «۲۰۲۳ ،Gartner».
        ("مانند Gartner، ۲۰۲۳)", "مانند <bdi>Gartner</bdi>، ۲۰۲۳)"),
        ("نرخ استفاده از CRM: ۴۵٪", "نرخ استفاده از <bdi>CRM</bdi>: ۴۵٪"),
        # Latin digits belong to the Latin run, and Arabic-Indic digits never join it.
        ("Reichheld (2003)", "Reichheld (2003)"),
        ("دليل CRM (٢٠٢٦)", "دليل CRM (٢٠٢٦)"),
        ("ISO 27001", "ISO 27001"),
    ],
)
def test_a_latin_name_before_a_persian_number_is_isolated(text, html):
    assert str(inline_html(text)) == html


def test_every_persian_latin_name_before_a_number_is_isolated_in_the_content():
    """Every such place in the Persian texts goes through inline_html (found, not assumed)."""
    import re

    pattern = re.compile(r"[A-Za-z][A-Za-z0-9.\- ]*[A-Za-z0-9.]\s*\(\s*[۰-۹]")
    found = 0
    for chapter in (
        "failure_causes_leadership",
        "failure_causes_people",
        "failure_causes_data",
        "glossary",
        "kpis",
        "case_studies",
        "sources",
    ):
        md = render_chapter(BOOK, chapter, "fa")
        for match in pattern.finditer(re.sub(r"<bdi>([^<]*)</bdi>", "", md)):
            raise AssertionError(f"{chapter}: {match.group(0)!r} is not isolated")
        found += md.count("<bdi>")
    assert found >= 1  # Mir's "Gartner (۲۰۲۳)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_books_are_linked_from_the_home_and_trainer_pages_only_when_made(lang):
    """`make dist` makes the books (tools/book.py) and builds with them (SiteInfo.books): the home
    page and the trainer page link the language's PDF and EPUB, with their size in the language's
    digits; any other build has no such link (it has no such file)."""
    from dataclasses import replace

    from handbook.pages import render_page
    from handbook.volume import file_name
    from handbook.worked import format_number

    home_md = (ROOT / "docs" / lang / "index.md").read_text(encoding="utf-8")
    site = _site("https://example.org/handbook/")
    made = replace(site, books={lang: {"pdf": 4_250_000, "epub": 150_000}})
    for books in (site, made):
        home = render_page(BOOK, None, home_md, lang, "index", books)
        trainers = render_chapter(BOOK, "for_trainers", lang, site=books)
        for page, root in ((home, ""), (trainers, "../")):
            links = [f'href="{root}{file_name(lang, f)}" download' for f in ("pdf", "epub")]
            assert all((link in page) == (books is made) for link in links), (page[-600:], links)
    trainers = render_chapter(BOOK, "for_trainers", lang, site=made)
    assert f"{format_number(4.25, lang, 1)} " in trainers and f"{format_number(0.15, lang, 1)} " in trainers, "sizes in MB"
    assert BOOK.t("book.title", lang) in trainers
