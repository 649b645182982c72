"""Our copies of Material templates differ from Material's only where documented.

If Material is upgraded, these fail until each override is regenerated from the new
template, so a copy can never silently drift from the theme it extends.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
HEAD_ALTERNATES = """      {% if config.extra.alternate is iterable %}
        {% for alt in config.extra.alternate %}
          <link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t('language')) }}">
        {% endfor %}
      {% endif %}
"""


def _worker(original: str) -> re.Match:
    worker = re.search(r'"search": "assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)" \| url,', original)
    assert worker, "Material's base.html no longer names its search worker the way the override expects"
    assert (MATERIAL_TEMPLATES / "assets/javascripts/workers" / worker.group(1)).exists()
    return worker


def _base_changes(original: str) -> list[tuple[str, str]]:
    worker = _worker(original)
    return [
        (
            """<html lang="{{ lang.t('language') }}" class="no-js">""",
            """<html lang="{{ lang.t('language') }}" dir="{{ config.theme.direction or lang.t('direction') }}" class="no-js">""",
        ),
        (
            '"base": base_url,',
            '"base": base_url.rstrip("/") ~ ("/" ~ config.extra.language_prefix if config.extra.language_prefix else "") ~ "/",',
        ),
        (worker.group(0), f'"search": ("assets/javascripts/workers/search-fold.js" | url) ~ "?worker={worker.group(1)}",'),
        (HEAD_ALTERNATES, ""),
        *[
            (
                f'data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">',
                f'data-md-toggle="{name}" type="checkbox" id="__{name}">',
            )
            for name in ("drawer", "search")
        ],
        *[
            (f'"{key}": lang.t("{key}")', f'"{key}": lang.t("{key}") | plain')
            for key in re.findall(r'"([a-z.]+)": lang\.t\("\1"\)', original)
        ],
    ]


OVERRIDES = {
    "base.html": _base_changes,
    "partials/language.html": lambda original: [
        (
            "{{ lang.t(key) or fallback.t(key) or key }}",
            '{{ (config.extra.get("ui") or {}).get("theme." ~ key) or lang.t(key) or fallback.t(key) or key }}',
        ),
    ],
    "partials/javascripts/base.html": lambda original: [
        (
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e))',
            '__md_get=(e,_,t=__md_scope)=>{try{return JSON.parse((_||localStorage).getItem(t.pathname+"."+e))}catch(e){return null}}',
        ),
        (
            "__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(",
            "__md_set=(e,_,t,a=__md_scope)=>{try{(t||localStorage).setItem(",
        ),
    ],
    "partials/logo.html": lambda original: [
        ('alt="logo"', "alt=\"{{ (config.extra.get('ui') or {}).get('theme.logo_alt') or config.site_name }}\""),
    ],
    "partials/palette.html": lambda original: [
        ('<form class="md-header__option" data-md-component="palette">', '<form class="md-header__option" data-hb-palette>'),
    ],
    "partials/search.html": lambda original: [
        (
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
        ),
    ],
}


@pytest.mark.parametrize("name", OVERRIDES)
def test_override_differs_from_material_only_where_documented(name):
    original = (MATERIAL_TEMPLATES / name).read_text(encoding="utf-8")
    override = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    expected = original
    for old, new in OVERRIDES[name](original):
        assert original.count(old) == 1, f"{name}: Material's template changed near {old[:60]!r}; regenerate the override"
        expected = expected.replace(old, new)

    # The leading comment differs (it documents the changes); everything after it must match.
    def strip(s):
        return s.split("-#}", 1)[1]

    assert strip(override) == strip(expected)


def test_fold_worker_accepts_only_a_material_worker_name():
    source = (ROOT / "docs/assets/javascripts/workers/search-fold.js").read_text(encoding="utf-8")
    assert "importScripts(material," in source and r"^search\.[0-9a-f]+\.min\.js$" in source


def test_no_palette_option_is_the_automatic_one():
    """The palette toggle is the handbook's script (overrides/main.html), which applies an
    option's own colours: Material's automatic option, media "(prefers-color-scheme)", which
    takes the light or the dark option's colours, is not handled there. Add it there first."""
    media = re.findall(r"^\s*-?\s*media:\s*\"([^\"]*)\"", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), flags=re.M)
    assert media == ["(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"], media
