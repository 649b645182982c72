"""Relative addresses between pages (handbook/urls.py), the one place that writes them."""

from __future__ import annotations

from handbook.urls import link_from, page_link, page_of, page_path, relative, to_root


def test_paths_and_links_of_pages():
    assert page_link("index") == "./" and page_link("kpis") == "kpis/"
    assert page_of("./") == "index" and page_of("kpis/#clv") == "kpis"
    assert page_path("index", "fa") == "" and page_path("kpis", "ar") == "ar/kpis/" and page_path("kpis", "x-default") == "kpis/"


def test_up_to_the_root_from_any_page_in_any_language():
    assert to_root("index", "fa") == "" and to_root("index", "en") == "../"
    assert to_root("quiz", "fa") == "../" and to_root("quiz", "ar") == "../../"


def test_relative_links_between_pages_of_one_language():
    assert relative("quiz/", "checklist/#x") == "../checklist/#x"
    assert relative("quiz/", "quiz/#x") == "#x" and relative("./", "./") == "./"
    assert relative("./", "kpis/") == "kpis/" and relative("kpis/", "./#a") == "../#a"


def test_a_link_in_a_content_text_is_the_full_address_from_where_it_is_shown():
    assert link_from(None, "kpis", "clv") == "kpis/#clv" == link_from("index", "kpis", "clv")
    assert link_from("glossary", "kpis", "clv") == "../kpis/#clv"
    assert link_from("kpis", "kpis", "clv") == "../kpis/#clv"  # not "#clv": the text may be shown elsewhere
    assert link_from("index", "index") == "./" and link_from("kpis", "index", "a") == "../#a"
