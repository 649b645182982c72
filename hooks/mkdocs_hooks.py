"""Thin MkDocs adapter: everything it does is delegated to the ``handbook`` package.

mkdocs-static-i18n builds the site once per language (Persian first, then the others as
nested builds); these hooks run in every one of those builds:

* ``on_config``: load and validate ``content_data/`` (once; reloaded only when a file
  changes) and stop the build with every problem listed, before anything is written;
* ``on_page_markdown``: a page whose front matter says ``generated: <chapter>`` gets the
  chapter rendered from the content, in the language being built; a hand-written page gets
  its ``{{ idea(...) }}`` / ``{{ ref(...) }}`` filled in; every page gets the glossary's
  abbreviations, so terms show their definition on hover, focus or tap;
* ``on_page_context`` / ``on_page_content``: the page's description for link previews, its
  addresses in other languages (hreflang) and the map of its anchors that moved
  (``content_data/redirects.yaml``); without a public address (a local build, ``serve``) no
  canonical or hreflang address;
* ``on_post_template`` / ``on_post_build``: each language gets its own 404 page and search
  index, every page that moved a forwarding page at its old address, and a local build no
  sitemap.

The language being built is read from the i18n plugin, never from ``page.file.locale``.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# MkDocs loads this file once per process: under `mkdocs serve` an edit of content_data/,
# docs/ or a template is live (they are read on every rebuild), an edit of Python under hooks/
# needs a restart.
from handbook import offline, volume
from handbook.abbr import LinearAbbrExtension
from handbook.digits import localize_digits
from handbook.generate import with_abbreviations, write_page
from handbook.languages import LANGUAGE, prefix
from handbook.links import copy_link_buttons, link_path, moved_pages, page_path
from handbook.loader import ContentErrors, load
from handbook.meta import describe, edition
from handbook.pages import render_page, render_pages, report
from handbook.publish import discard, publish, staging_for
from handbook.qr import qr_files
from handbook.render import RenderError, SiteInfo, render_moved_anchors, render_moved_page
from handbook.search import SEARCH_BOOST, write_language_indexes
from handbook.text import plain_text
from handbook.tooltips import focusable_first_abbr

_cache: dict = {"signature": None, "book": None}
_not_found_pages: dict[str, str] = {}
_site: dict[str, SiteInfo] = {}  # language -> what the trainer page cites; set once per language build
# (language, page stem) -> Markdown, from handbook/pages.py (made once, in the first build)
_pages: dict[tuple[str, str], str] = {}


def _i18n(config: MkDocsConfig):
    return config.plugins["i18n"]


def _site_info(config: MkDocsConfig) -> SiteInfo:
    languages = _i18n(config).config.languages
    # `mkdocs serve` replaces site_url with the address it serves at, which may be a network
    # address (`-a 192.168.1.5:8000` in a classroom): a development server has no public address.
    serving = _publish.get("command") == "serve"
    return SiteInfo(
        url="/" if serving else config.site_url or "/",
        names={lang.locale: lang.site_name or config.site_name for lang in languages},
        descriptions={lang.locale: lang.site_description or "" for lang in languages},
        edition=edition(Path(__file__).parent),
        docs_dir=Path(config.docs_dir),
        books={} if serving else volume.available(os.environ.get(volume.BOOKS_ENV)),
    )


def _content_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "content_data"


def _book(config: MkDocsConfig):
    """The validated content, loaded once per change of any content file."""
    content_dir = _content_dir(config)
    signature = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in content_dir.glob("*.yaml")))
    if signature != _cache["signature"]:
        try:
            book = load(content_dir)
        except ContentErrors as exc:
            _cache.update(signature=None, book=None)
            raise PluginError(exc.report()) from None
        _cache.update(signature=signature, book=book)
    return _cache["book"]


def _loaded_book():
    """The content on_config loaded for this build: page events (hundreds per build) do not
    look at every content file's date again."""
    return _cache["book"]


# `mkdocs build` writes into a staging folder that replaces site_dir only when every language
# built without error or strict-mode warning (handbook/publish.py): a failed build leaves the
# previous site as it was. (`mkdocs serve` builds into its own temporary folder.)
_publish: dict = {}


def on_startup(command: str, dirty: bool) -> None:
    _publish.clear()
    _publish.update(command=command, dirty=dirty)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has chosen the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    book = _book(config)
    i18n = _i18n(config)
    if not i18n.building:  # the first (outer) build: every page of every language, checked at once
        pages, errors = render_pages(book, Path(config.docs_dir), _site_info(config), languages=list(i18n.build_languages))
        if errors:
            raise PluginError(report(errors))
        _pages.clear()
        _pages.update(pages)
    if _publish.get("command") == "build" and not _publish.get("dirty") and "target" not in _publish:
        _publish["target"] = Path(config.site_dir)
        _publish["staging"] = staging_for(_publish["target"])
    if "staging" in _publish:  # every language's build (they share this config) writes there
        config.site_dir = str(_publish["staging"])
    lang = i18n.current_language
    config.extra["language_prefix"] = prefix(lang).rstrip("/")
    # Escaped once, here: Material's templates write them as they are (no autoescaping), into
    # text and attributes alike. (`| plain` gives the text back for JSON; see on_env.)
    config.extra["ui"] = ui = {key: escape(plain_text(text[lang])) for key, text in book.ui.items()}
    config.extra["digits"] = localize_digits("0123456789", lang)
    # Persian and Arabic pages are set in the Arabic-script web font (handbook.css); English in none.
    config.extra["arabic_script"] = LANGUAGE[lang].script == "arabic"
    config.extra["og_locales"] = {code: language.og_locale for code, language in LANGUAGE.items()}
    _site[lang] = _site_info(config)
    # The address readers can reach, or None for a local build (`make serve`, a build without
    # SITE_URL): then no page names an address in its head (canonical, og:url, og:image,
    # hreflang) and no sitemap is written, so a local address never reaches a search engine
    # or a shared link's preview (overrides/main.html, on_page_context, on_post_build).
    config.extra["public_url"] = _site[lang].public_url
    # Pages ask the browser to keep their language offline, except under `mkdocs serve`, whose
    # pages change with every edit (overrides/main.html, handbook/offline.py).
    config.extra["offline"] = _publish.get("command") != "serve"
    config.extra["offline_manifest"] = offline.manifest_path(lang)
    config.extra["offline_cache"] = offline.CACHE_PREFIX
    # Glossary tooltips: Python-Markdown's abbr extension, with a page's cost linear in its length.
    config.markdown_extensions = [LinearAbbrExtension() if ext == "abbr" else ext for ext in config.markdown_extensions]
    # Heading permalinks ("¶") are labelled in the page's language.
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = ui["label.permalink"]
    # The colour-scheme toggle's label is a UI string too: dark scheme "slate", light "default".
    for palette in config.theme.get("palette") or []:
        if isinstance(palette, dict) and "toggle" in palette:
            palette["toggle"]["name"] = ui["palette.to_light" if palette.get("scheme") == "slate" else "palette.to_dark"]
    return config


QUIZ_DIR = Path(__file__).resolve().parent.parent / "quiz"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The quiz's browser code (quiz/*.js, quiz/*.css) is published as assets/quiz/."""
    for path in sorted(QUIZ_DIR.glob("*.js")) + sorted(QUIZ_DIR.glob("*.css")):
        files.append(File.generated(config, f"assets/quiz/{path.name}", abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    book, lang = _loaded_book(), _i18n(config).current_language
    chapter = page.meta.get("generated")
    stem = Path(page.file.src_uri).stem
    if chapter in SEARCH_BOOST:
        page.meta["search"] = {**(page.meta.get("search") or {}), "boost": SEARCH_BOOST[chapter]}
    if (lang, stem) in _pages:  # rendered and checked in on_config
        markdown = _pages[(lang, stem)]
    else:  # a page that is not in model.PAGES (e.g. a test's extra page)
        try:
            markdown = render_page(book, chapter, markdown, lang, stem, _site[lang])
        except RenderError as exc:
            raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None
    # Glossary terms get their definition as a tooltip wherever they appear.
    markdown = with_abbreviations(book, lang, markdown)
    # What MkDocs gets, for tests/test_generate.py to hold against `python -m handbook.generate`.
    if os.environ.get("HANDBOOK_MARKDOWN_OUT"):
        write_page(Path(os.environ["HANDBOOK_MARKDOWN_OUT"]), lang, stem, markdown)
    return markdown


class _CompiledThemeTemplates(jinja2.BytecodeCache):
    """Material's templates compiled once per run, not once per language.

    mkdocs-static-i18n builds each language with a fresh theme environment, so without this
    every language compiled the same templates again (about a tenth of a full build). A
    template is reused only while its source is unchanged (the bucket's checksum), so an edit
    under `mkdocs serve` still takes effect.
    """

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], object] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        bucket.code = self._code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[(bucket.key, bucket.checksum)] = bucket.code


_theme_templates = _CompiledThemeTemplates()


def on_env(env, config: MkDocsConfig, files):
    # A UI string is escaped for HTML (on_config); JSON for scripts wants the text itself.
    env.filters["plain"] = lambda value: Markup(value).unescape() if isinstance(value, str) else value
    env.bytecode_cache = _theme_templates
    return env


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    # MkDocs derives the canonical address from site_url, a local one included (see on_config).
    if not config.extra["public_url"]:
        page.canonical_url = None
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    # The title MkDocs takes from the <h1> is already HTML (entities and all): mark it so, so
    # that it is escaped exactly once wherever a template puts it (overrides/main.html writes
    # the <title> element; Material's own `| e` then leaves it alone).
    if isinstance(page.title, str) and not isinstance(page.title, Markup):
        page.title = Markup(page.title)
    # Link previews and search engines: the page's own first paragraph, in its language.
    # Escaped once here: Material writes page.meta.description into an attribute as it is.
    page.meta.setdefault("description", escape(describe(html) or config.site_description))
    # hreflang: the same page in every language (overrides/main.html writes them in <head>).
    stem, i18n = Path(page.file.src_uri).stem, _i18n(config)
    url = config.extra["public_url"]
    if url:
        page.meta["alternates"] = {lang: url + page_path(stem, lang) for lang in [*i18n.build_languages, "x-default"]}
    # Anchors of this page that moved (content_data/redirects.yaml): an inline script forwards readers before the first paint.
    # Each item's "Copy link" button is part of the page (links.js only listens for clicks).
    label = plain_text(_loaded_book().t("label.copy_link", _i18n(config).current_language))
    return copy_link_buttons(focusable_first_abbr(html), label) + render_moved_anchors(_loaded_book(), stem)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # Every language build writes site/404.html; keep each language's version.
    if template_name == "404.html":
        _not_found_pages[_i18n(config).current_language] = output
    return output


def on_build_error(error) -> None:
    _publish["failed"] = True  # includes strict mode's "Aborted with N warnings"


def on_shutdown() -> None:
    if "staging" not in _publish:
        return
    if _publish.get("finished") and not _publish.get("failed"):
        publish(_publish["staging"], _publish["target"])
    else:
        discard(_publish["staging"])
    _publish.clear()


# The project's own stylesheets and scripts, commented for the next engineer in docs/ and quiz/,
# are served without their comments and spaces (rcssmin and rjsmin, one maintained pair of
# minifiers; Material ships its own minified): about 3.7 KB gzip less CSS on every first load
# and 6 KB less script on the quiz page, which keeps it within the 130 KB budget. The sources
# stay as they are; Node's tests and the Python tests read those.
OWN_STYLESHEETS = ("assets/stylesheets/handbook.css", "assets/quiz/quiz.css", "assets/quiz/team.css")
OWN_SCRIPTS = (
    "assets/quiz/core.js",
    "assets/quiz/quiz.js",
    "assets/quiz/team.js",
    "assets/quiz/team-view.js",
    "assets/javascripts/links.js",
    "assets/javascripts/search.js",
)


def minify_own_assets(site_dir: Path) -> None:
    import rcssmin
    import rjsmin

    for names, minify in ((OWN_STYLESHEETS, rcssmin.cssmin), (OWN_SCRIPTS, rjsmin.jsmin)):
        for name in names:
            path = site_dir / name
            if path.is_file():
                path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")


@event_priority(-200)  # after mkdocs-static-i18n has run the other languages' builds
def on_post_build(config: MkDocsConfig) -> None:
    i18n = _i18n(config)
    if i18n.building:  # a nested (per-language) build: the outer build finishes the job
        return
    _publish["finished"] = True  # strict mode may still fail it (then on_build_error runs)
    site_dir = Path(config.site_dir)
    languages = list(i18n.build_languages)
    for lang, html in _not_found_pages.items():
        target = site_dir / f"{prefix(lang)}404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    write_language_indexes(site_dir, languages)
    if not config.extra["public_url"]:  # a sitemap of local addresses is of no use to anyone
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
    minify_own_assets(site_dir)
    # The quiz address of each language as a QR code, for workshop mode (a public address only).
    for name, svg in qr_files(config.extra["public_url"]).items():
        (site_dir / name).write_text(svg, encoding="utf-8")
    if _publish.get("command") != "serve":
        volume.copy_books(os.environ.get(volume.BOOKS_ENV), site_dir, languages)
    # Pages that moved keep a small forwarding page at their old address, in every language.
    book = _book(config)
    for redirect in moved_pages(book):
        for lang in languages:
            target = site_dir / link_path(redirect.old, lang) / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_moved_page(book, redirect, lang, _site[lang]), encoding="utf-8")
    # Last, once every file is in place: the service worker lists them and names their digest
    # (not under `mkdocs serve`, whose pages change with every edit).
    if not config.extra["offline"]:
        return
    site = _site[languages[0]]
    offline.write(site_dir, {lang: site.names[lang] for lang in languages}, {lang: site.descriptions[lang] for lang in languages})
