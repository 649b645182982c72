"""Draw the social preview image of each language (docs/assets/images/social-<lang>.png).

Messaging apps and social sites show it next to a shared link (og:image, 1200×630). It is
drawn by Chromium from a small HTML card: the handbook's mark, its name and description in
the language (from mkdocs.yml) and the three paths of the home page (from ui.yaml), in the
self-hosted font. Run it (`make social`) after changing any of those, and commit the images.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.languages import LANGUAGE
from handbook.loader import load

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "images"
DIGESTS = ROOT / "tools" / "social_images.json"  # what each image was drawn from (tests compare)
SIZE = {"width": 1200, "height": 630}


class _Loader(yaml.SafeLoader):
    pass


# mkdocs.yml's !ENV and !!python tags are not needed here: read them as nothing.
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def cards() -> dict[str, str]:
    """The HTML of each language's card."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    book = load(ROOT / "content_data")
    font = base64.b64encode((ROOT / "node_modules" / "vazirmatn" / "fonts" / "webfonts" / "Vazirmatn[wght].woff2").read_bytes()).decode()
    mark = (OUT / "logo.svg").read_text(encoding="utf-8")
    env = Environment(loader=FileSystemLoader(ROOT / "tools"), autoescape=select_autoescape(["html"]))
    template = env.get_template("social_card.html")
    out = {}
    for language in i18n["languages"]:
        lang = language["locale"]
        out[lang] = template.render(
            lang=lang,
            dir=LANGUAGE[lang].direction,
            name=language["site_name"],
            description=language["site_description"],
            paths=[book.t(f"home.{p}.title", lang) for p in ("read", "quiz", "teach")],
            font=font,
            mark=mark,
        )
    return out


def digests() -> dict[str, str]:
    """A digest of each language's card: when it changes, the image is out of date."""
    return {lang: hashlib.sha256(html.encode("utf-8")).hexdigest() for lang, html in cards().items()}


def main() -> int:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=SIZE)
        for lang, html in cards().items():
            page.set_content(html, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            target = OUT / f"social-{lang}.png"
            page.screenshot(path=str(target))
            print(f"{target.relative_to(ROOT)}")
        browser.close()
    DIGESTS.write_text(json.dumps(digests(), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
