"""Digits in the page's own script (no MkDocs imports): Persian ۰-۹, Arabic-Indic ٠-٩."""

from __future__ import annotations

from .languages import LANGUAGE

_TABLES = {code: str.maketrans("0123456789", language.digits) for code, language in LANGUAGE.items()}


def localize_digits(text: object, lang: str) -> str:
    """Write the ASCII digits of ``text`` in the page's own digits (languages.py)."""
    return str(text).translate(_TABLES[lang])
