"""Debian's Chromium, as every browser-driving tool and test launches it (one definition).

Playwright drives /usr/bin/chromium (never `playwright install`, which downloads a browser).
Without these switches Chromium tries to reach Google's hosts; Lighthouse takes them as one
string (`--chrome-flags`).
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"  # Debian's, never a downloaded one (CHROME_PATH may name one)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
