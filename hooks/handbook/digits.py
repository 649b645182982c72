"""Digits in the page's own script (no MkDocs imports): Persian ۰-۹, Arabic-Indic ٠-٩."""

from __future__ import annotations

from .languages import LANGUAGE, REGISTRY

_TABLES = {code: str.maketrans("0123456789", language.digits) for code, language in LANGUAGE.items()}
# Every language's digits back to ASCII (what search and text comparisons fold them to).
_TO_ASCII = str.maketrans({digit: str(value) for language in REGISTRY for value, digit in enumerate(language.digits)})


def localize_digits(text: object, lang: str) -> str:
    """Write the ASCII digits of ``text`` in the page's own digits (languages.py)."""
    return str(text).translate(_TABLES[lang])


def ascii_digits(text: str) -> str:
    """``text`` with the digits of every language (languages.py) written in ASCII."""
    return text.translate(_TO_ASCII)
