"""The quiz address as a QR code, made at build time (issue 18; no MkDocs imports, no network).

In workshop mode the quiz page shows it so that a room can open the quiz on their phones, in
the room's language. Only a build with a public address has one (SiteInfo.public_url): a local
build's 127.0.0.1 would send every phone to itself. segno (PyPI, pure Python, no dependencies)
draws it: an encoder is generic, well kept code, not the handbook's to write.
"""

from __future__ import annotations

import io

import segno

from .model import LANGUAGES
from .urls import page_path


def qr_path(lang: str) -> str:
    """Where a language's QR code is published (relative to the site's root)."""
    return f"assets/quiz/qr-{lang}.svg"


def quiz_address(public_url: str | None, lang: str) -> str | None:
    return None if public_url is None else public_url + page_path("quiz", lang)


def qr_svg(text: str) -> str:
    """A QR code of ``text`` as a standalone SVG: dark modules on a white square with the quiet
    zone the standard asks for (four modules), in either colour scheme; error correction M (a
    projector's glare or a phone at an angle)."""
    out = io.BytesIO()
    segno.make(text, error="m", boost_error=False, micro=False).save(
        out, kind="svg", scale=1, border=4, dark="#000", light="#fff", xmldecl=False, omitsize=True
    )
    return out.getvalue().decode("utf-8")


def qr_files(public_url: str | None) -> dict[str, str]:
    """Each language's QR code file: path -> SVG text (none without a public address)."""
    if public_url is None:
        return {}
    return {qr_path(lang): qr_svg(quiz_address(public_url, lang)) for lang in LANGUAGES}
