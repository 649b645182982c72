"""`make serve` promise: the dev server serves all three languages and live-reloads content."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT
from handbook.languages import PREFIX

pytestmark = pytest.mark.build


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as exc:  # server not up yet, page not rebuilt yet
            last = exc
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what} (last error: {last})")


@pytest.mark.build
def test_serve_serves_every_language_and_reloads_on_content_change(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "artifacts"),
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        _wait_for(lambda: _get(base), 60, "the dev server")
        for lang, prefix in PREFIX.items():
            html = _get(base + prefix + "glossary/")
            assert f'<html lang="{lang}"' in html
            assert _get(base + prefix + "search/search_index.json").startswith("{")
            # No public address here: the page names none (its links are relative) and there
            # is no sitemap, so the development address never leaves this machine.
            head = html[: html.index("</head>")]
            for named in ('rel="canonical"', 'hreflang="', "og:url", "og:image", "twitter:image", "127.0.0.1", "localhost"):
                assert named not in head, f"{prefix}glossary/ names {named!r} in its head"
            # Pages that change with every edit are not kept offline; a worker an earlier copy
            # on this address left (the offline zip's server uses it too) is dropped.
            assert "hbKeepOffline" not in html and "getRegistrations" in html, f"{prefix}glossary/ under serve"
        with pytest.raises(urllib.error.HTTPError):
            _get(base + "sitemap.xml")

        glossary = project / "content_data" / "glossary.yaml"
        text = glossary.read_text(encoding="utf-8")
        marker = "Live Reload Marker"
        first_en = text.index("    en: ", text.index("  term:"))
        end = text.index("\n", first_en)
        glossary.write_text(text[: first_en + 8] + marker + text[end:], encoding="utf-8")
        _wait_for(lambda: marker in _get(base + "en/glossary/"), 60, "the rebuilt English glossary")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
