"""`make dist`: the handbook ready to deploy, and as an offline copy for classrooms.

    dist/site/                          upload this folder to any static host
    dist/crm-handbook-<date>.zip        the offline copy: crm-handbook/site/, serve.py, README.txt
    dist/books/                         the whole handbook per language, PDF and EPUB (tools/book.py),
                                        also in the site (crm-handbook-<lang>.pdf in each language's folder)

The builds are strict. The books are made from a first build of dist/site/; the site and the
offline copy are then built again with them (the home and trainer pages link them). dist/site/
gets `site_url` from SITE_URL (or --site-url), so the sitemap, the canonical addresses and the
404 pages name the address the site is published at; a sub-path (https://example.org/handbook/)
works. The offline copy is built for its own local server (serve.py, at the root of 127.0.0.1),
so its 404 pages find their styles too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
OFFLINE_URL = "http://127.0.0.1:8000/"

import book  # noqa: E402
from handbook import volume  # noqa: E402
from handbook.languages import LANGUAGES  # noqa: E402
from handbook.meta import edition  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL"),
        help="the address the site is published at (default: $SITE_URL, else mkdocs.yml's)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument(
        "--book-languages",
        nargs="*",
        default=list(LANGUAGES),
        choices=LANGUAGES,
        help="the languages to make books in (default: all; none: no books)",
    )
    parser.add_argument(
        "--books",
        type=Path,
        help="a folder of books made before (tools/book.py): put these in the site instead of making them",
    )
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.site_url and not args.site_url.endswith("/"):
        args.site_url += "/"

    out = args.out.resolve()
    site, offline, books = out / "site", out / ".offline-site", out / "books"

    def build(target: Path, site_url: str | None, with_books: bool = True) -> int:
        if target.exists():
            shutil.rmtree(target)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop(volume.BOOKS_ENV, None)
        if with_books and books.is_dir():
            env[volume.BOOKS_ENV] = str(books)
        if site_url:
            env["SITE_URL"] = site_url
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(args.config), "-d", str(target)]
        return subprocess.run(command, cwd=args.config.parent, env=env).returncode

    shutil.rmtree(books, ignore_errors=True)
    if args.books:
        shutil.copytree(args.books, books)
    elif args.book_languages:
        failed = build(site, args.site_url, with_books=False)
        if failed:
            return failed
        for path in book.build(site, books, args.book_languages, config=args.config):
            print(f"books/{path.name}: {path.stat().st_size / 1e6:.1f} MB")
    failed = build(site, args.site_url) or build(offline, OFFLINE_URL)
    if failed:
        return failed

    archive = out / f"crm-handbook-{edition(ROOT).isoformat()}.zip"
    for old in out.glob("crm-handbook-*.zip"):
        old.unlink()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.write(ROOT / "tools" / "static_server.py", "crm-handbook/serve.py")
        zf.write(ROOT / "tools" / "offline" / "README.txt", "crm-handbook/README.txt")
        for path in sorted(offline.rglob("*")):
            if path.is_file():
                zf.write(path, f"crm-handbook/site/{path.relative_to(offline).as_posix()}")
    shutil.rmtree(offline)
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(
        f"{site.relative_to(Path.cwd()) if site.is_relative_to(Path.cwd()) else site}/: {size / 1e6:.1f} MB, for {args.site_url or 'the site_url in mkdocs.yml'}"
    )
    print(f"{archive.name}: {archive.stat().st_size / 1e6:.1f} MB, the offline copy (unzip, then run serve.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
