"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text, cache headers,
each language's own 404 page.

Used by `make audit` and `make bench`, and it is the offline copy's `serve.py` (`make dist`
puts it next to the site in the archive): Python's standard library only, any Python 3.8+.
    python tools/static_server.py site 8000      # in the repository
    python serve.py                              # in the unpacked offline copy: opens the browser
Only ever binds to the loopback address, so nothing is shared with the network.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import threading
import webbrowser
from pathlib import Path
from typing import ClassVar

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".webmanifest", ".xml", ".svg", ".txt", ".map")


class Handler(http.server.SimpleHTTPRequestHandler):
    _gzip_cache: ClassVar[dict] = {}
    # Fixed types: on Windows, Python reads them from the registry, which may call .js text/plain.
    extensions_map: ClassVar[dict] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css",
        ".js": "text/javascript",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".epub": "application/epub+zip",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".png": "image/png",
        ".txt": "text/plain; charset=utf-8",
    }

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
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own 404 page, in the language of its address."""
        root = Path(self.directory)
        # A language's folder has its own 404 page; the default language's is at the root.
        folder = self.path.lstrip("/").split("/", 1)[0]
        page = root / folder / "404.html" if folder and (root / folder / "404.html").is_file() else root / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def start(site_dir: Path, port: int = 0) -> tuple:
    """Start serving in a background thread; return the server and its base URL."""
    handler = functools.partial(Handler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def main(argv=None) -> int:
    here = Path(__file__).resolve().parent
    default_site = here / "site" if (here / "site" / "index.html").is_file() else Path("site")
    parser = argparse.ArgumentParser(description="Serve the CRM handbook on this computer only (127.0.0.1).")
    parser.add_argument("site", nargs="?", type=Path, default=default_site, help=f"the built site (default: {default_site})")
    parser.add_argument("port", nargs="?", type=int, default=8000, help="port (default 8000; the next free one if taken; 0: any)")
    parser.add_argument("--no-browser", action="store_true", help="do not open the browser")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} has no index.html: build the site first (make build) or unpack the archive whole")
    for port in [args.port] if args.port == 0 else range(args.port, args.port + 20):
        try:
            httpd, url = start(args.site, port)
            break
        except OSError:
            continue
    else:
        parser.error(f"ports {args.port}-{args.port + 19} are all in use; give another: serve.py {args.site} 9000")
    print(f"The handbook is at {url}/ (this computer only). Press Ctrl-C to stop.", flush=True)
    if not args.no_browser:
        webbrowser.open(url + "/")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        httpd.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
