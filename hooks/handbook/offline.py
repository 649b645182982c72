"""The handbook offline after a first visit (issue 17): a web app manifest per language and one
service worker at the site's root (no MkDocs imports; the hook calls ``write`` after a build).

What a language keeps: every page of its folder (chapters, quiz, search page, forwarding pages
of moved addresses, its 404 page), its search index, its manifest, and the shared assets its
pages load: the stylesheets and scripts, the search worker and its word rules, the icons, and
the Arabic-script font for Persian and Arabic only. Link-preview images, source maps, the
font's licence and the search languages the handbook does not use are left out (no page loads
them). sw.js names each listed file's digest and the edition, a digest of those: any change of
the site is a new service worker that the browser installs, and it downloads only the files
whose digest changed (templates/sw.js says what it does).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .languages import LANGUAGE, LANGUAGES, PREFIX
from .search import FOLD_LANGUAGE, LUNR_CONFIG

SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
# The copies in the browser's cache storage are named "<this> <site address> <lang> <edition>"
# (sw.js keeps them; a page under `mkdocs serve` removes them: overrides/main.html).
CACHE_PREFIX = "hb-offline"


def manifest_path(lang: str) -> str:
    """The language's manifest, relative to the site's root."""
    return f"{PREFIX[lang]}{MANIFEST}"


_TEMPLATE = Path(__file__).resolve().parent / "templates" / "sw.js"
_PLACEHOLDER = "const OFFLINE = /* written by the build */ {};"


_LUNR = "assets/javascripts/lunr/"


def _shared_assets(site_dir: Path, lang: str) -> list[str]:
    """The site's assets a page of ``lang`` may load (paths relative to the site's root)."""
    # Material's search worker loads lunr's shared support and the language files the index's
    # set-up names (search.LUNR_CONFIG), never the other 30 or Thai's and Japanese segmenters;
    # the handbook's worker (workers/search-fold.js) loads the folding rules in every language.
    names = {"stemmer.support", "multi", FOLD_LANGUAGE, *LUNR_CONFIG[lang]["lang"]}
    lunr = {f"{_LUNR}min/lunr.{name}.min.js" for name in names}
    files = []
    for path in sorted((site_dir / "assets").rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if not path.is_file() or rel.startswith("assets/images/social-") or rel.endswith((".map", ".txt")):
            continue
        if rel.startswith(_LUNR) and rel not in lunr:
            continue
        if rel.startswith("assets/fonts/") and LANGUAGE[lang].script != "arabic":
            continue
        files.append(rel)
    return files


def _language_pages(site_dir: Path, lang: str) -> list[str]:
    """Every page of the language's folder, as the address a link names ('kpis/', '' for its home)."""
    folder = site_dir / PREFIX[lang]
    others = {PREFIX[other].rstrip("/") for other in LANGUAGES if PREFIX[other]}
    pages = []
    for html in sorted(folder.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if PREFIX[lang] == "" and rel.split("/")[0] in others:
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def offline_files(site_dir: Path, languages=LANGUAGES) -> dict[str, list[str]]:
    """language -> the files it keeps, relative to the site's root."""
    files = {}
    for lang in languages:
        index = f"{PREFIX[lang]}search/search_index.json"
        indexes = [index] if (site_dir / index).is_file() else []
        files[lang] = [*_language_pages(site_dir, lang), manifest_path(lang), *_shared_assets(site_dir, lang), *indexes]
    return files


def _digests(site_dir: Path, files: dict[str, list[str]]) -> dict[str, str]:
    """Every kept file -> a digest of its content (a new edition reuses the files it keeps)."""
    digests = {}
    for rel in sorted({rel for kept in files.values() for rel in kept}):
        path = site_dir / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)
        digests[rel] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return digests


def _edition(digests: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()[:16]


def manifest(lang: str, name: str, description: str) -> dict:
    """The web app manifest of a language: installed, it opens the language's home page."""
    return {
        "name": name,
        "short_name": name,
        "description": description,
        "lang": lang,
        "dir": LANGUAGE[lang].direction,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0f5e6e",  # the header's teal (handbook.css, --md-primary-fg-color)
        # The handbook's own mark, drawn in SVG: one file for every size.
        "icons": [{"src": "../" * PREFIX[lang].count("/") + "assets/images/favicon.svg", "sizes": "any", "type": "image/svg+xml"}],
    }


def write(site_dir: Path, names: dict[str, str], descriptions: dict[str, str]) -> str:
    """Write each language's manifest and the service worker; return the edition it names."""
    for lang in names:
        text = json.dumps(manifest(lang, names[lang], descriptions.get(lang, "")), ensure_ascii=False, indent=1)
        (site_dir / manifest_path(lang)).write_text(text + "\n", encoding="utf-8")
    files = offline_files(site_dir, list(names))
    digests = _digests(site_dir, files)
    edition = _edition(digests)
    source = _TEMPLATE.read_text(encoding="utf-8")
    assert _PLACEHOLDER in source, f"{_TEMPLATE} lost its line '{_PLACEHOLDER}'"
    data = {"cache": CACHE_PREFIX, "edition": edition, "files": files, "digests": digests}
    data = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (site_dir / SERVICE_WORKER).write_text(source.replace(_PLACEHOLDER, f"const OFFLINE = {data};"), encoding="utf-8")
    return edition
