"""overrides/base.html is Material's base.html with exactly the documented changes.

If Material is upgraded, this fails until the override is regenerated from the new base.html,
so the copy can never silently drift from the theme it extends.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import material

from conftest import ROOT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def test_base_override_differs_from_material_only_where_documented():
    original = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")
    override = (ROOT / "overrides" / "base.html").read_text(encoding="utf-8")
    worker = re.search(r'"search": "assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)" \| url,', original)
    assert worker, "Material's base.html no longer names its search worker the way the override expects"
    expected = (
        original.replace(
            """<html lang="{{ lang.t('language') }}" class="no-js">""",
            """<html lang="{{ lang.t('language') }}" dir="{{ config.theme.direction or lang.t('direction') }}" class="no-js">""",
        )
        .replace('"base": base_url,', '"base": base_url.rstrip("/") ~ ("/" ~ config.extra.language_prefix if config.extra.language_prefix else "") ~ "/",')
        .replace(worker.group(0), f'"search": ("assets/javascripts/workers/search-fold.js" | url) ~ "?worker={worker.group(1)}",')
    )
    # The leading comment differs (it documents the changes); everything after it must match.
    strip = lambda s: s.split("-#}", 1)[1]
    assert strip(override) == strip(expected)
    assert (MATERIAL_TEMPLATES / "assets/javascripts/workers" / worker.group(1)).exists()


def test_fold_worker_accepts_only_a_material_worker_name():
    source = (ROOT / "docs/assets/javascripts/workers/search-fold.js").read_text(encoding="utf-8")
    assert "importScripts(material," in source and r"^search\.[0-9a-f]+\.min\.js$" in source


def test_committed_font_is_the_npm_package_file():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert "node_modules/vazirmatn" in lock["packages"], "vazirmatn must come from the lockfile"
    package = ROOT / "node_modules" / "vazirmatn"
    assert package.exists(), "run `npm ci` (make test does)"
    shipped = ROOT / "docs/assets/fonts/Vazirmatn-Variable.woff2"
    assert shipped.read_bytes() == (package / "fonts/webfonts/Vazirmatn[wght].woff2").read_bytes()
    assert (ROOT / "docs/assets/fonts/OFL.txt").read_bytes() == (package / "OFL.txt").read_bytes()
