"""The one web font: cut from the npm Vazirmatn, up to date, and covering the site's text.

tools/fonts.py makes docs/assets/fonts/Vazirmatn-Arabic.woff2 (Arabic script only, weights
400-700). If Vazirmatn is upgraded or the character list changes, these fail until
`make fonts` is run and the file committed; if content brings an Arabic-script character
the font lacks, they name it.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from fontTools.ttLib import TTFont

import fonts
from conftest import ROOT

ARABIC_BLOCKS = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def test_licence_is_the_npm_package_licence():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert "node_modules/vazirmatn" in lock["packages"], "vazirmatn must come from the lockfile"
    assert (ROOT / "docs/assets/fonts/OFL.txt").read_bytes() == (ROOT / "node_modules/vazirmatn/OFL.txt").read_bytes()


def test_committed_font_is_what_tools_fonts_makes_from_the_npm_package():
    assert fonts.TARGET.read_bytes() == fonts.build(), "run `make fonts` and commit docs/assets/fonts/Vazirmatn-Arabic.woff2"


def test_font_has_exactly_the_declared_characters_and_weights():
    font = TTFont(fonts.TARGET)
    assert set(font.getBestCmap()) == set(fonts.codepoints())
    axis = {a.axisTag: (a.minValue, a.maxValue) for a in font["fvar"].axes}
    assert axis == {"wght": (400, 700)}
    assert {"GSUB", "GPOS"} <= set(font.keys()), "shaping features must be kept"


def test_css_unicode_range_is_the_font_character_list():
    css = (ROOT / "docs/assets/stylesheets/handbook.css").read_text(encoding="utf-8")
    assert f"unicode-range: {fonts.unicode_range()};" in css


@pytest.mark.build
def test_every_arabic_script_character_of_the_site_is_in_the_font(built_site):
    cmap = set(TTFont(fonts.TARGET).getBestCmap())
    missing: dict[str, str] = {}
    for page in built_site.rglob("*.html"):
        text = html.unescape(re.sub(r"<script.*?</script>|<[^>]+>", " ", page.read_text(encoding="utf-8"), flags=re.S))
        for ch in set(ARABIC_BLOCKS.findall(text)):
            if ord(ch) not in cmap:
                missing.setdefault(f"U+{ord(ch):04X} {ch}", page.relative_to(built_site).as_posix())
    assert not missing, f"add to tools/fonts.py ARABIC_SCRIPT and run `make fonts` (character: first page): {missing}"
