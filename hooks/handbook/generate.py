"""Every page's Markdown, generated without MkDocs: ``python -m handbook.generate OUT``.

Writes ``OUT/<lang>/<stem>.md`` for every page of every language (site_pages.py,
languages.py): a generated chapter rendered from content_data/, a hand-written page with its
``{{ idea(...) }}`` and ``{{ ref(...) }}`` filled in, each followed by the glossary's
abbreviation lines for the terms it uses. This is exactly the Markdown the MkDocs hook hands to
MkDocs (``tests/test_generate.py`` compares them), so a move to another static-site generator
(Zensical, or a maintained MkDocs fork; README, "Life after Material for MkDocs") starts from
these files and the theme, not from the hooks.

The site's names and descriptions come from mkdocs.yml's i18n block, read as plain YAML; the
address from ``--site-url`` (or SITE_URL), else none (citations then carry no address).
Nothing is written when the content or a page has a problem: every problem is listed, as by
``make check``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from .languages import LANGUAGES
from .loader import ContentErrors, load
from .meta import edition
from .pages import render_pages, report
from .render import SiteInfo
from .tooltips import abbreviations

ROOT = Path(__file__).resolve().parents[2]


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain YAML: its !ENV and !!python/... tags are read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict:
    """mkdocs.yml without MkDocs (tags such as !ENV come back as None)."""
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def i18n_languages(config: dict) -> list[dict]:
    """The i18n plugin's language entries of a read mkdocs.yml."""
    plugin = next(p["i18n"] for p in config.get("plugins", []) if isinstance(p, dict) and "i18n" in p)
    return plugin["languages"]


def site_info(root: Path, url: str = "/") -> SiteInfo:
    """The site's names, descriptions and edition as the build gives them (mkdocs.yml, git)."""
    config = read_config(root / "mkdocs.yml")
    entries = {entry["locale"]: entry for entry in i18n_languages(config)}
    return SiteInfo(
        url=url,
        names={lang: entries[lang].get("site_name") or config.get("site_name", "") for lang in LANGUAGES},
        descriptions={lang: entries[lang].get("site_description") or "" for lang in LANGUAGES},
        edition=edition(root),
        docs_dir=root / "docs",
    )


def with_abbreviations(book, lang: str, markdown: str) -> str:
    """A page's Markdown followed by the glossary's definitions of the terms it uses, so that
    each term shows its definition on hover, focus or tap (Markdown's abbr syntax)."""
    return markdown + "\n\n" + abbreviations(book, lang, markdown) + "\n"


def write_page(out: Path, lang: str, stem: str, markdown: str) -> Path:
    """Write one page's Markdown as ``out/<lang>/<stem>.md`` (the command's layout; the hook
    writes the same when HANDBOOK_MARKDOWN_OUT names a folder)."""
    target = out / lang / f"{stem}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return target


def generate(root: Path, site: SiteInfo) -> dict[tuple[str, str], str]:
    """(language, page stem) -> the page's Markdown, as MkDocs gets it. Raises ContentErrors, or
    ValueError with the pages' problems listed."""
    book = load(root / "content_data")
    pages, errors = render_pages(book, root / "docs", site)
    if errors:
        raise ValueError(report(errors))
    return {(lang, stem): with_abbreviations(book, lang, markdown) for (lang, stem), markdown in pages.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write <lang>/<stem>.md into")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (content_data/, docs/, mkdocs.yml)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL", "/"), help="the public address, ending in /")
    args = parser.parse_args(argv)
    try:
        pages = generate(args.root, site_info(args.root, args.site_url))
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    for (lang, stem), markdown in sorted(pages.items()):
        write_page(args.out, lang, stem, markdown)
    print(f"{len(pages)} pages written to {args.out}/ ({', '.join(LANGUAGES)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
