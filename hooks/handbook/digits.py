"""Digits in the page's own script (no MkDocs imports): Persian ۰-۹, Arabic-Indic ٠-٩."""

from __future__ import annotations

from persiantools import digits as _persian

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def localize_digits(text: object, lang: str) -> str:
    """Write the ASCII digits of ``text`` in the page's own digits."""
    s = str(text)
    if lang == "fa":
        return _persian.en_to_fa(s)
    if lang == "ar":
        return s.translate(_ARABIC_INDIC)
    return s
