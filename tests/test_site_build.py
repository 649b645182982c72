"""The built site: every page in three languages, right lang/dir, generated chapters with
stable anchors and working cross-links, a 404 per language, self-hosted fonts only, and a
failed build that leaves the previous site untouched."""

from __future__ import annotations

import functools
import html as html_module
import re
import shutil
from pathlib import Path

import pytest
from html_doc import Doc

from conftest import BOOK, LANGUAGES, ROOT, run_build
from handbook.languages import DIRECTION, PREFIX
from handbook.model import NARRATIVE_PAGES
from handbook.render import CHAPTER_PAGES
from handbook.text import plain_text

PAGES = (
    ["index.html", "quiz/index.html"]
    + [f"{page[:-3]}/index.html" for page in CHAPTER_PAGES.values()]
    + [f"{page}/index.html" for page in NARRATIVE_PAGES]
)


# Anything the browser loads by itself (not <a> links, nor rel=canonical/alternate).
LOADS_SRC = ("script", "img", "iframe", "source", "audio", "video")
LOADS_REL = {"stylesheet", "preload", "prefetch", "icon", "modulepreload", "manifest", "preconnect", "dns-prefetch"}


class Page:
    """What the tests look at in a built page (read by the tests' one parser, html_doc.Doc):
    <html> attributes, ids, links, text, labels, and what the page loads from another host."""

    def __init__(self, html: str):
        doc = Doc(html)
        self.html_attrs = doc.attrs("html")
        self.ids = doc.ids
        self.links = [a["href"] for _, a in doc.tags("a") if a.get("href")]
        self.hreflang_links = {a["hreflang"]: a["href"] for _, a in doc.tags("a") if a.get("href") and a.get("hreflang")}
        self.text = doc.text()
        self.labels = [a[k] for _, a in doc.elements for k in ("title", "aria-label", "placeholder", "alt") if a.get(k)]
        self.external = []
        for tag, a in doc.elements:
            loads = a.get("src") if tag in LOADS_SRC else None
            if tag == "link" and set((a.get("rel") or "").split()) & LOADS_REL:
                loads = a.get("href")
            if loads and re.match(r"^(https?:)?//", loads):
                self.external.append(f"<{tag} {loads}>")


@functools.cache
def parsed(file: Path) -> Page:
    """A built page, parsed once per test session (the built site does not change during it)."""
    return Page(file.read_text(encoding="utf-8"))


def page(site: Path, lang: str, path: str) -> Page:
    return parsed(site / PREFIX[lang] / path)


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_exists_with_lang_and_dir(built_site, lang, path):
    p = page(built_site, lang, path)
    assert p.html_attrs.get("lang") == lang, f"{PREFIX[lang]}{path}: <html lang={p.html_attrs.get('lang')}>"
    assert p.html_attrs.get("dir") == DIRECTION[lang], f"{PREFIX[lang]}{path}: <html dir={p.html_attrs.get('dir')}>"
    assert not p.external, f"{PREFIX[lang]}{path} loads from another host: {p.external}"


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_text_is_in_the_readers_language(built_site, lang):
    """No Persian page shows Arabic-only letters, no Arabic page Persian-only ones, no English page either script."""
    for path in PAGES:
        # The language switcher names each language in its own script; nothing else may.
        text = " ".join(page(built_site, lang, path).text).replace("فارسی", "").replace("العربية", "")
        if lang == "fa":
            assert not re.search("[يكى]", text), f"{path}: Arabic letters on a Persian page"
        elif lang == "ar":
            assert not re.search("[یکگپچژ]", text), f"{path}: Persian letters on an Arabic page"
        else:
            assert not re.search("[\u0600-\u06ff]", text), f"{path}: Arabic-script text on an English page"
        if lang != "en":  # interface labels too: no English sentence on a Persian or Arabic page
            english = [label for label in page(built_site, lang, path).labels if re.fullmatch(r"[A-Za-z]+( [A-Za-z]+)+", label)]
            assert not english, f"{PREFIX[lang]}{path}: English interface labels {english}"


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_generated_items_have_their_yaml_id_as_anchor(built_site, lang):
    for chapter, md in CHAPTER_PAGES.items():
        if chapter == "failure_causes":
            continue  # the overview: its causes are anchored on their group pages
        p = page(built_site, lang, f"{md[:-3]}/index.html")
        text = " ".join(p.text)
        kind, items = chapter, getattr(BOOK, chapter, None)
        if chapter.startswith("failure_causes_"):
            kind, items = "failure_causes", [c for c in BOOK.failure_causes if f"failure_causes_{c.group}" == chapter]
        for item in items:
            assert item.id in p.ids, f"{PREFIX[lang]}{md[:-3]}/: no anchor #{item.id}"
        first = items[0]
        shown = {"glossary": "term", "crm_types": "name", "lifecycle_stages": "name", "kpis": "name"}.get(kind, "title")
        assert getattr(first, shown)[lang] in text, f"{PREFIX[lang]}{md[:-3]}/ does not show {first.id}'s {shown} in {lang}"


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_key_ideas_are_on_their_narrative_page_with_their_id_as_anchor(built_site, lang):
    for idea in BOOK.key_ideas:
        p = page(built_site, lang, f"{idea.page}/index.html")
        assert idea.id in p.ids, f"{PREFIX[lang]}{idea.page}/: no anchor #{idea.id}"
        assert idea.title[lang] in " ".join(p.text), f"{PREFIX[lang]}{idea.page}/ does not show {idea.id}'s title in {lang}"


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_terms_carry_their_definition_on_every_page(built_site, lang):
    html = (built_site / PREFIX[lang] / "failure-causes/index.html").read_text(encoding="utf-8")
    crm = BOOK.by_id("glossary")["crm"]
    assert re.search(r'<abbr title="[^"]+" tabindex="0">CRM</abbr>', html), (
        f"{PREFIX[lang]}failure-causes/: CRM has no focusable definition"
    )
    title = re.search(r'<abbr title="([^"]+)" tabindex="0">CRM</abbr>', html).group(1)
    # The definition itself (Markdown's abbr syntax ends a title at "]", so the build writes ")").
    assert html_module.unescape(title) == plain_text(crm.definition[lang]).replace("]", ")"), (title, crm.definition[lang])


# Links, fragments and the language menu on every page: test_browser.py, over HTTP (one check, not three).


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_persian_and_arabic_headings_get_readable_anchors(built_site, lang):
    p = page(built_site, lang, "index.html")
    heading_ids = [i for i in p.ids if not i.startswith("__") and i not in ("", "index")]
    if lang in ("fa", "ar"):
        assert any(re.search("[\u0600-\u06ff]", i) for i in heading_ids), f"{lang} home: heading anchors lost their letters: {heading_ids}"


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_per_language(built_site, lang):
    path = built_site / PREFIX[lang] / "404.html"
    assert path.exists()
    p = Page(path.read_text(encoding="utf-8"))
    assert p.html_attrs.get("lang") == lang and p.html_attrs.get("dir") == DIRECTION[lang]
    text = " ".join(p.text)
    assert BOOK.ui["page404.title"][lang] in text
    # The navigation beside it is this language's: it lists this language's chapter titles.
    assert BOOK.ui["chapter.failure_causes.title"][lang] in text


@pytest.mark.build
def test_site_name_per_language(built_site):
    names = {
        lang: re.search(r"<title>(.*?)</title>", (built_site / PREFIX[lang] / "index.html").read_text(encoding="utf-8")).group(1)
        for lang in LANGUAGES
    }
    assert "CRM" in names["en"] and "Handbook" in names["en"]
    assert "العملاء" in names["ar"] and "راهنما" in names["fa"]


@pytest.mark.build
def test_only_the_self_hosted_font_is_shipped(built_site):
    fonts = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.suffix in (".woff2", ".woff", ".ttf"))
    assert fonts == ["assets/fonts/Vazirmatn-Arabic.woff2"], fonts
    assert (built_site / "assets/fonts/OFL.txt").exists()
    css = (built_site / "assets/stylesheets/handbook.css").read_text(encoding="utf-8")
    assert 'url("../fonts/Vazirmatn-Arabic.woff2")' in css
    for html in built_site.rglob("*.html"):
        assert "fonts.googleapis" not in html.read_text(encoding="utf-8"), html


@pytest.mark.build
def test_only_persian_and_arabic_pages_preload_the_font(built_site):
    for lang in LANGUAGES:
        html = (built_site / PREFIX[lang] / "index.html").read_text(encoding="utf-8")
        assert ("Vazirmatn-Arabic.woff2" in html) == (lang != "en"), lang


@pytest.mark.build
def test_bad_content_stops_the_build_before_anything_is_written(tmp_path):
    """A broken YAML file: strict build fails, lists the problems, no traceback, old site intact."""
    project = tmp_path / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "site", ".git", "*.pyc", "__pycache__", ".pytest_cache", ".hypothesis", "artifacts"
        ),
    )
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good build", encoding="utf-8")
    causes = project / "content_data" / "failure_causes.yaml"
    causes.write_text(causes.read_text(encoding="utf-8").replace("  title:", "  titel:", 1), encoding="utf-8")
    glossary = project / "content_data" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "- id: [broken\n", encoding="utf-8")

    result = run_build(project / "mkdocs.yml", site)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "content_data/failure_causes.yaml:" in output and "field 'titel'" in output and "unknown key" in output
    assert "content_data/glossary.yaml:" in output and "YAML syntax error" in output
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous good build"


def test_the_themes_own_words_are_the_handbooks(built_site):
    """Material's Arabic strings «إبحث» and «إختر اللغة» (wrong hamza, singular address) are
    replaced by ui.yaml's (theme.search, theme.select.language)."""
    html = (built_site / "ar" / "index.html").read_text(encoding="utf-8")
    assert "إبحث" not in html and "إختر" not in html
    assert "ابحثوا" in html and "اختاروا اللغة" in html


@pytest.mark.build
def test_the_own_stylesheets_are_served_minified(built_site):
    """hooks/mkdocs_hooks.py minifies handbook.css, quiz.css and team.css (rcssmin): no comments or
    indentation on the wire, the same rules as the commented sources."""
    for built, source in (
        ("assets/stylesheets/handbook.css", "docs/assets/stylesheets/handbook.css"),
        ("assets/quiz/quiz.css", "quiz/quiz.css"),
        ("assets/quiz/team.css", "quiz/team.css"),
    ):
        css = (built_site / built).read_text(encoding="utf-8")
        original = (ROOT / source).read_text(encoding="utf-8")
        assert "/*" not in css and "\n  " not in css and len(css) < 0.8 * len(original), built
        selectors = set(re.findall(r"(?m)^([.#\[@][^{,\n]*?)\s*[{,]", original))
        squashed = re.sub(r"\s+", "", css)
        assert selectors and all(re.sub(r"\s+", "", s) in squashed for s in selectors), built


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_glossary_term_is_marked_inside_a_link(built_site, lang):
    """issue 17: a tap on a link follows it, so a definition marked there could never be read
    on a phone; every marked term is focusable, outside links."""
    inside = re.compile(r"<a\b[^>]*>(?:(?!</a>).)*?<abbr\b", re.S)
    marked = 0
    for path in PAGES:
        html = (built_site / PREFIX[lang] / path).read_text(encoding="utf-8")
        assert not inside.search(html), f"{PREFIX[lang]}{path}: a term is marked inside a link"
        marks = re.findall(r"<abbr\b[^>]*>", html)
        assert all('tabindex="0"' in m for m in marks), f"{PREFIX[lang]}{path}: a marked term is not focusable"
        marked += len(marks)
    assert marked > 50


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_themes_landmarks_and_controls_speak_the_readers_language(built_site, lang):
    """Material's own labels (header, footer, navigation, contents, search, back to top, skip
    link) come from ui.yaml's theme.* strings where Material's translation misnames them."""
    page = (built_site / PREFIX[lang] / "index.html").read_text(encoding="utf-8")
    for key in ("header", "footer", "nav", "toc", "search.placeholder", "search.reset"):
        label = BOOK.t(f"theme.{key}", lang)
        assert f'aria-label="{label}"' in page or f'placeholder="{label}"' in page, f"{lang}: theme.{key} ({label!r}) not used"
    for key in ("top", "action.skip"):
        assert BOOK.t(f"theme.{key}", lang) in page, f"{lang}: theme.{key}"
    wrong = {
        "fa": ["جستجو", "هدایت", "پاورقی", "سرتیتر"],
        "ar": ["عد إلى", "انتقل إلى", "هامش سفلي", "عنوان العارضة"],
        "en": ["Initializing"],
    }
    assert not [w for w in wrong[lang] if w in page], f"{lang}: Material's misnamed labels are still on the page"
