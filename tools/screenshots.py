"""Screenshots for people to look at: `make screenshots` (not a test; nothing is asserted).

Builds the site strictly into a temporary folder and writes, for each language, the home page,
the KPI chapter and the quiz at phone (390 px) and desktop (1280 px) width in the light and
the dark scheme, full length, to artifacts/screenshots/<page>-<lang>-<device>-<scheme>.png.
The browser tests check what can be checked (axe, overflow, fonts, contrast); these are for
the eye, after a change to the look.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import static_server
from chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.languages import PREFIX

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "artifacts" / "screenshots"
PAGES = {"home": "", "kpis": "kpis/", "quiz": "quiz/"}
DEVICES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
        httpd, base = static_server.start(site)
        OUT.mkdir(parents=True, exist_ok=True)
        written = 0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path in PAGES.items():
                for lang, prefix in PREFIX.items():
                    for device, size in DEVICES.items():
                        for scheme in ("light", "dark"):
                            context = browser.new_context(viewport=size, color_scheme=scheme, is_mobile=device == "phone")
                            page = context.new_page()
                            page.goto(f"{base}/{prefix}{path}", wait_until="networkidle")
                            page.evaluate("document.fonts.ready.then(() => true)")
                            page.screenshot(path=str(OUT / f"{name}-{lang}-{device}-{scheme}.png"), full_page=True)
                            context.close()
                            written += 1
            browser.close()
        httpd.shutdown()
    print(f"{written} screenshots in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
