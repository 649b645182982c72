"""Addresses between the handbook's pages, relative, so the site works under any sub-path and
offline (no MkDocs imports, no model imports: text.py uses it too).

A page is named by its stem ('failure-causes', 'index' for the home page); its published form
is 'failure-causes/' ('./' for the home page), its path in a language 'ar/failure-causes/'
(languages.py gives the folder). Every relative link the code writes is made here, never by
counting '../' by hand.
"""

from __future__ import annotations

from .languages import DEFAULT_LANGUAGE, prefix


def page_link(page: str) -> str:
    """A page stem in published form: 'failure-causes/', './' for the home page."""
    return "./" if page == "index" else f"{page}/"


def page_of(link: str) -> str:
    """The page stem of a published link: 'failure-causes/#x' -> 'failure-causes', './' -> 'index'."""
    return link.split("#")[0].removeprefix("./").removesuffix("/") or "index"


def page_path(page: str, lang: str) -> str:
    """The page's path below the site root: 'ar/failure-causes/', '' for the Persian home.

    "x-default" (hreflang's name for the page a reader with no matching language gets) is
    the default language's page.
    """
    folder = prefix(DEFAULT_LANGUAGE if lang == "x-default" else lang)
    return folder + ("" if page == "index" else f"{page}/")


def relative(from_link: str, to_link: str) -> str:
    """``to_link`` as seen from the page of ``from_link``, both in published form, one language.

    relative("failure-causes/", "checklist/#x") == "../checklist/#x"; the same page gives "#x".
    """
    from_page = from_link.split("#")[0]
    to_page, _, anchor = to_link.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    if to_page == from_page:
        return fragment or "./"
    path = ("" if from_page == "./" else "../") + ("" if to_page == "./" else to_page)
    return (path or "./") + fragment


def to_root(page: str, lang: str) -> str:
    """From a page in a language up to the site's root: '../' from 'kpis/', '../../' from 'ar/kpis/'."""
    return "../" * page_path(page, lang).count("/")


def link_from(here: str | None, page: str, anchor: str | None = None) -> str:
    """A link written in a content text, to ``page`` (and ``anchor``) from the page ``here``:
    'P/#a' from the home page (or no page), '../P/#a' from any other. Always the target's full
    address, also on its own page, so the link still works where the text is shown elsewhere."""
    up = "" if here in (None, "index") else "../"
    target = "" if page == "index" and up else page_link(page)
    return (up + target or "./") + (f"#{anchor}" if anchor else "")
