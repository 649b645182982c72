"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text, cache headers.

Used by `make audit` and `make bench` (and handy by hand):
    python tools/static_server.py site 8000
Only ever binds to the loopback address.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


class Handler(http.server.SimpleHTTPRequestHandler):
    _gzip_cache: dict[tuple[str, float], bytes] = {}

    def log_message(self, *args):  # quiet
        pass

    def end_headers(self):
        path = self.path.split("?", 1)[0]
        if "/assets/" in path:
            self.send_header("Cache-Control", "public, max-age=31536000")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        fs_path = Path(self.translate_path(self.path))
        if fs_path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the trailing slash
            fs_path = fs_path / "index.html"
        accepts_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if not (accepts_gzip and fs_path.suffix in COMPRESSIBLE and fs_path.is_file()):
            return super().send_head()
        key = (str(fs_path), fs_path.stat().st_mtime)
        body = self._gzip_cache.get(key)
        if body is None:
            body = self._gzip_cache[key] = gzip.compress(fs_path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(fs_path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


def start(site_dir: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving in a background thread; return the server and its base URL."""
    handler = functools.partial(Handler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    httpd, url = start(site, port)
    print(f"serving {site} on {url}/ (Ctrl-C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        httpd.shutdown()
