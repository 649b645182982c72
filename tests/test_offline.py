"""The handbook offline after a first visit (issue 17): per-language manifests, one service
worker at the site's root, and in Chromium: a reader's language kept after a visit, then pages,
search and the quiz with the server gone (not merely emulated offline: stopped)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import static_server
from conftest import BOOK, LANGUAGES, goto
from handbook import offline
from handbook.languages import LANGUAGE, PREFIX
from handbook.quiz import encode

ANSWERS = encode(BOOK.quiz_ledger, BOOK.quiz_dimensions, {q.id: 2 for d in BOOK.quiz_dimensions for q in d.questions}, "cost", "live")
# A word each language's search finds (tests/test_browser.py's search cases use the same).
QUERIES = {"fa": "کیفیت", "ar": "مؤشر", "en": "retention"}


# -- what the build writes ----------------------------------------------------------------------


def _tiny_site(root: Path) -> Path:
    site = root / "site"
    for rel in ("index.html", "kpis/index.html", "404.html", "ar/index.html", "ar/kpis/index.html", "en/index.html", "en/quiz/index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(f"<title>{rel}</title>", encoding="utf-8")
    for rel in (
        "assets/stylesheets/a.css",
        "assets/fonts/Vazirmatn-Arabic.woff2",
        "assets/images/social-fa.png",
        "en/search/search_index.json",
    ):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(b"x")
    return site


def _written(site: Path) -> dict:
    source = (site / offline.SERVICE_WORKER).read_text(encoding="utf-8")
    found = re.search(r"^const OFFLINE = (\{.*\});$", source, re.M)
    assert found, "sw.js names no edition"
    return json.loads(found.group(1))


def test_each_language_keeps_its_own_pages_and_the_assets_it_uses(tmp_path):
    site = _tiny_site(tmp_path)
    offline.write(site, {lang: f"name {lang}" for lang in LANGUAGES}, {})
    files = _written(site)["files"]
    assert files["fa"] == [
        "404.html",
        "",
        "kpis/",
        "manifest.webmanifest",
        "assets/fonts/Vazirmatn-Arabic.woff2",
        "assets/stylesheets/a.css",
    ]
    assert files["ar"] == ["ar/", "ar/kpis/", "ar/manifest.webmanifest", "assets/fonts/Vazirmatn-Arabic.woff2", "assets/stylesheets/a.css"]
    # English pages are set in no web font: English keeps none. Link previews are kept by nobody.
    assert files["en"] == ["en/", "en/quiz/", "en/manifest.webmanifest", "assets/stylesheets/a.css", "en/search/search_index.json"]


def test_any_change_of_a_kept_file_is_a_new_edition(tmp_path):
    site = _tiny_site(tmp_path)
    names = {lang: "n" for lang in LANGUAGES}
    first = offline.write(site, names, {})
    assert offline.write(site, names, {}) == first, "the same site, the same edition"
    (site / "assets" / "stylesheets" / "a.css").write_bytes(b"y")
    second = offline.write(site, names, {})
    assert second != first and _written(site)["edition"] == second
    (site / "assets" / "images" / "social-fa.png").write_bytes(b"y")
    assert offline.write(site, names, {}) == second, "a file no language keeps is not an edition"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_manifest_opens_the_languages_home_in_its_direction(lang):
    data = offline.manifest(lang, "Name", "What it is")
    assert data["lang"] == lang and data["dir"] == LANGUAGE[lang].direction
    assert data["start_url"] == data["scope"] == "./"
    icon = data["icons"][0]["src"]
    assert (Path(__file__).resolve().parent.parent / "docs" / icon.lstrip("./")).is_file(), icon


def test_the_built_site_lists_only_its_own_files(built_site):
    written = _written(built_site)
    for lang, files in written["files"].items():
        assert files, lang
        for rel in files:
            assert "://" not in rel and not rel.startswith("/"), f"{lang}: {rel} is not a file of this site"
            path = built_site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)
            assert path.is_file(), f"{lang}: {rel} is listed but not built"
        others = [PREFIX[o] for o in LANGUAGES if o != lang and PREFIX[o]]
        assert not [r for r in files if any(r.startswith(p) for p in others)], f"{lang} keeps another language's pages"
        pages = {html.relative_to(built_site).as_posix() for html in (built_site / PREFIX[lang]).rglob("index.html")}
        pages = {p[: -len("index.html")] for p in pages if not any(p.startswith(o) for o in others)}
        assert PREFIX[lang] in pages and pages <= set(files), f"{lang}: not kept: {sorted(pages - set(files))}"
        manifest = json.loads((built_site / PREFIX[lang] / offline.MANIFEST).read_text(encoding="utf-8"))
        assert manifest["lang"] == lang and manifest["name"]


# -- in Chromium ----------------------------------------------------------------------------------


# What the page does after 10 s, at once: it resolves once the worker says every file is kept.
_KEEP = "() => Promise.race([window.hbKeepOffline(), new Promise((_, no) => setTimeout(() => no(new Error('nothing kept after 60 s')), 60000))])"


def _kept_then_server_gone(browser, built_site, lang):
    """A tab that stayed on the language's home until the language was kept, then the server
    stopped (refused from then on: only the browser's copies can answer)."""
    httpd, base = static_server.start(built_site, 0)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    try:
        goto(page, f"{base}/{PREFIX[lang]}")
        assert page.evaluate(_KEEP) is True
    finally:
        httpd.shutdown()
        httpd.server_close()
    # Anything a page asks for and the copy lacks (a stylesheet, the font, a script) fails; a
    # request cut short because the test moved on to the next page (ERR_ABORTED) does not count.
    page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "") and page.errors.append(f"not kept: {r.url} ({r.failure})"))
    return context, page, base


def _search(page, base, lang) -> None:
    goto(page, f"{base}/{PREFIX[lang]}")
    page.keyboard.press("s")  # Material's shortcut opens the search box
    page.fill(".md-search__input", QUERIES[lang])
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_a_visit_pages_search_and_the_quiz_work_with_the_server_gone(browser, built_site, lang):
    context, page, base = _kept_then_server_gone(browser, built_site, lang)
    # Not the browser's HTTP cache (the server lets it keep assets for a year): only the
    # worker's copy. (With that cache, a bug hid: the search worker lost its ?worker= address.)
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")
    # Search: the box, the search worker and the language's index.
    _search(page, base, lang)
    files = _written(built_site)["files"][lang]
    for rel in [f for f in files if f == PREFIX[lang] or (f.endswith("/") and f.startswith(PREFIX[lang]))]:
        response = page.goto(f"{base}/{rel}", wait_until="load")
        assert response and response.ok and response.from_service_worker, f"/{rel} offline: {response and response.status}"
    page.reload(wait_until="load")
    # The quiz: a shared result opens and is scored in the page.
    goto(page, f"{base}/{PREFIX[lang]}quiz/#answers={ANSWERS}")
    page.wait_for_selector(".hb-quiz__summary")
    assert page.inner_text(".hb-quiz__level").strip()
    assert not page.errors, page.errors
    context.close()


# Ask the browser to look for a new sw.js now (it does so on its own at navigations), then wait
# until the new edition is the only copy kept (the old one goes once the new one is complete).
_UPDATED = """async name => {
    await (await navigator.serviceWorker.getRegistration()).update();
    for (let i = 0; i < 600; i++) {
        const names = await caches.keys();
        if (names.length === 1 && names[0] === name) break;
        await new Promise(next => setTimeout(next, 100));
    }
    return caches.keys();
}"""


def test_a_new_edition_replaces_the_kept_copy_and_downloads_only_what_changed(browser, built_site, tmp_path, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    asked: list[str] = []
    monkeypatch.setattr(static_server.Handler, "log_message", lambda handler, *args: asked.append(handler.path))
    httpd, base = static_server.start(site, 0)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        goto(page, f"{base}/en/")
        assert page.evaluate(_KEEP) is True
        old = _written(site)["edition"]
        # The next edition: one page changed, the build's last step run again.
        chapter = site / "en" / "kpis" / "index.html"
        chapter.write_text(chapter.read_text(encoding="utf-8").replace("</h1>", " (new edition)</h1>", 1), encoding="utf-8")
        manifests = {lang: json.loads((site / PREFIX[lang] / offline.MANIFEST).read_text(encoding="utf-8")) for lang in LANGUAGES}
        new = offline.write(
            site, {lang: m["name"] for lang, m in manifests.items()}, {lang: m["description"] for lang, m in manifests.items()}
        )
        assert new != old
        name = f"{offline.CACHE_PREFIX} {base}/ en {new}"
        asked.clear()
        assert page.evaluate(_UPDATED, name) == [name], "the old copy is dropped, the new one kept"
        assert sorted(set(asked)) == ["/en/kpis/", "/sw.js"], f"a new edition downloads only what changed: {sorted(set(asked))}"
    finally:
        httpd.shutdown()
        httpd.server_close()
    page.goto(f"{base}/en/kpis/", wait_until="load")
    assert page.inner_text("h1").endswith("(new edition)")
    context.close()
