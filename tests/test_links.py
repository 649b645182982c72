"""Links that last: published anchors, the trainer page, and per-page link previews.

Checked on the real strict build (the `built_site` fixture), in every language.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from html_doc import Doc
from published import unreachable

from conftest import BOOK, LANGUAGES, ROOT
from handbook.languages import DIRECTION, PREFIX
from handbook.links import anchored_items, link_path, page_path, published
from handbook.model import PAGES

pytestmark = pytest.mark.build

PUBLISHED = [
    line for line in (ROOT / "tests" / "published_links.txt").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
]


class _Head:
    """A built page's <meta> values (the first of each name or property), ids and hreflang links (html_doc.Doc)."""

    def __init__(self, html: str):
        doc = Doc(html)
        self.ids = doc.ids
        self.hreflang = {
            a["hreflang"]: a.get("href") for _, a in doc.tags("link") if "alternate" in (a.get("rel") or "").split() and a.get("hreflang")
        }
        self.meta: dict[str, str] = {}
        for _, a in doc.tags("meta"):
            key = a.get("property") or a.get("name")
            if key and a.get("content") is not None:
                self.meta.setdefault(key, a["content"])


def _page(site, path: str) -> _Head:
    file = site / path.split("#")[0].removeprefix("./") / "index.html"
    assert file.is_file(), f"/{path} is missing"
    return _Head(file.read_text(encoding="utf-8"))


def test_the_published_list_is_up_to_date():
    missing = sorted((set(published(BOOK)) | {r.old for r in BOOK.redirects}) - set(PUBLISHED))
    assert not missing, f"new pages or items are not in tests/published_links.txt; run `make published` and commit it: {missing[:10]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_published_link_still_exists(built_site, lang):
    """Each link of an earlier release exists in the build, or is forwarded by a redirect."""
    gone = unreachable(built_site, BOOK, PUBLISHED, lang)
    assert not gone, (
        "links published by an earlier release no longer exist and no redirect forwards them; "
        "trainers' material points at them. Restore the ids or add the old links to "
        f"content_data/redirects.yaml: {gone[:10]}"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_redirect_is_published_in_the_build(built_site, lang):
    """An anchor that moved is mapped on its old page; a page that moved keeps a forwarding page."""
    assert BOOK.redirects, "content_data/redirects.yaml is empty: this test would check nothing"
    for r in BOOK.redirects:
        old_page = built_site / link_path(r.old_page, lang) / "index.html"
        html = old_page.read_text(encoding="utf-8")
        if r.old_anchor:
            found = re.search(r'<script type="application/json" id="hb-redirects">(.*?)</script>', html)
            assert found and r.old_anchor in json.loads(found.group(1)), f"{old_page}: {r.old} is not forwarded"
        else:
            assert '<meta name="robots" content="noindex">' in html and 'rel="canonical"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_trainer_page_indexes_every_item_in_all_three_languages(built_site, lang):
    html = (built_site / page_path("for-trainers", lang) / "index.html").read_text(encoding="utf-8")
    root = "../" * (1 + PREFIX[lang].count("/"))
    for kind, page, item in anchored_items(BOOK):
        for other in LANGUAGES:
            href = f'href="{root}{page_path(page, other)}#{item.id}"'
            assert href in html, f"{lang} trainer page: no {other} link to {kind} {item.id}"
    # A ready citation in each language, each marked with its language and direction.
    for other, direction in DIRECTION.items():
        assert f'<div class="hb-citation" lang="{other}" dir="{direction}">' in html
    # The course outline: every session, a link to the quiz's workshop mode, every page taught.
    for session in BOOK.course_sessions:
        assert f'id="{session.id}"' in html
    assert "#mode=workshop" in html


def test_the_course_covers_every_page_and_checklist_step():
    taught = {p for s in BOOK.course_sessions for p in s.pages}
    assert set(PAGES) - {"index", "for-trainers"} <= taught
    assert {s.id for s in BOOK.checklist} <= {c for s in BOOK.course_sessions for c in s.checklist}
    assert {c.id for c in BOOK.case_studies} <= {c for s in BOOK.course_sessions for c in s.case_studies}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_its_own_preview_in_its_language(built_site, lang):
    seen = {}
    for page in PAGES:
        head = _page(built_site, page_path(page, lang) or "./")
        meta = head.meta
        for key in (
            "description",
            "og:title",
            "og:description",
            "og:url",
            "og:locale",
            "og:image",
            "twitter:card",
            "twitter:title",
            "twitter:description",
            "twitter:image",
        ):
            assert meta.get(key), f"/{page_path(page, lang)}: no {key}"
        # The language's own preview image, by its absolute address, and it is in the site.
        assert meta["og:image"] == meta["twitter:image"] and meta["og:image"].endswith(f"/assets/images/social-{lang}.png")
        assert (built_site / "assets" / "images" / f"social-{lang}.png").is_file()
        assert meta["og:locale"].startswith(lang)
        assert len(meta["description"]) <= 200
        if lang != "en":
            assert re.search("[\u0600-\u06ff]", meta["description"]), f"/{page_path(page, lang)}: description not in {lang}"
        assert meta["og:url"].endswith("/" + page_path(page, lang))
        # hreflang: the page in each language, and the Persian page for everyone else.
        base = meta["og:url"].removesuffix(page_path(page, lang))
        expected = {other: base + page_path(page, other) for other in LANGUAGES} | {"x-default": base + page_path(page, "fa")}
        assert head.hreflang == expected, f"/{page_path(page, lang)}: hreflang links"
        seen.setdefault(meta["description"], []).append(page)
    duplicates = {d: p for d, p in seen.items() if len(p) > 1}
    assert not duplicates, f"pages share a description: {duplicates}"


def test_sitemap_lists_every_page_with_its_three_language_alternates(built_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(built_site / "sitemap.xml")
    entries = {}
    for url in tree.getroot().findall("s:url", ns):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        entries[url.find("s:loc", ns).text] = alternates
    site_url = next(iter(entries)).split("/", 3)[:3]
    base = "/".join(site_url) + "/"
    for page in PAGES:
        for lang in LANGUAGES:
            loc = base + page_path(page, lang)
            assert loc in entries, f"sitemap.xml lacks {loc}"
            assert entries[loc] == {other: base + page_path(page, other) for other in LANGUAGES}, loc


@pytest.mark.parametrize("lang", LANGUAGES)
def test_social_preview_images_are_1200_by_630(lang):
    import struct

    data = (ROOT / "docs" / "assets" / "images" / f"social-{lang}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 630)
    assert 20_000 < len(data) < 300_000, "drawn (not empty) and light enough for a link preview"


def test_social_preview_images_are_drawn_from_the_current_texts():
    """Site name, description or home paths changed? Run `make social` and commit the images."""
    import json

    from social_images import DIGESTS, digests

    assert json.loads(DIGESTS.read_text(encoding="utf-8")) == digests(), "the social images are out of date: run `make social`"
