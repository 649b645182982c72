"""The benchmark and audit tools' own pieces."""

from __future__ import annotations

import gzip
import urllib.request

import static_server


def test_static_server_gzips_text_like_a_static_host(tmp_path):
    (tmp_path / "assets").mkdir()
    css = "body { color: black; }\n" * 200
    (tmp_path / "assets" / "a.css").write_text(css, encoding="utf-8")
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    httpd, base = static_server.start(tmp_path, 0)
    try:
        request = urllib.request.Request(base + "/assets/a.css", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert "max-age" in response.headers["Cache-Control"]
            body = response.read()
        assert len(body) < len(css) and gzip.decompress(body).decode("utf-8") == css
        with urllib.request.urlopen(base + "/") as response:  # no Accept-Encoding: plain
            assert response.headers.get("Content-Encoding") is None
            assert response.read().startswith(b"<!doctype html>")
    finally:
        httpd.shutdown()
