"""Dates as each language writes them (no MkDocs imports): the sources are dated in the Solar
Hijri calendar; Persian keeps it, Arabic and English give the Gregorian date with the Solar
Hijri year beside it (languages.py says which calendar a language uses)."""

from __future__ import annotations

import datetime as _dt

from babel.dates import format_date
from persiantools.jdatetime import JalaliDate

from .digits import localize_digits
from .languages import LANGUAGE


def _parse_sh(value: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in value.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def format_solar_hijri(value: str, lang: str, solar_hijri_label: str) -> str:
    """A Solar Hijri date as readers of ``lang`` expect it.

    Persian: the Solar Hijri date itself. Arabic and English: the Gregorian date (or the
    Gregorian years the Solar Hijri year spans), then the Solar Hijri year, labelled.
    """
    year, month, day = _parse_sh(value)
    if LANGUAGE[lang].calendar == "solar_hijri":
        if month is None:
            return localize_digits(year, "fa")
        text = JalaliDate(year, month, day or 1).strftime("%d %B %Y" if day else "%B %Y", locale="fa")
        return localize_digits(text.lstrip("0").lstrip("۰"), "fa")
    if day is not None:
        # Day, month name, year in every language ("3 May 2010" in British English).
        greg = format_date(JalaliDate(year, month, day).to_gregorian(), "d MMMM y", locale=LANGUAGE[lang].cldr_locale)
    elif month is not None:
        start = JalaliDate(year, month, 1).to_gregorian()
        greg = format_date(start, "MMMM y", locale=LANGUAGE[lang].cldr_locale)
    else:
        first = JalaliDate(year, 1, 1).to_gregorian().year
        greg = f"{first}–{first + 1}"
    return localize_digits(f"{greg} ({solar_hijri_label} {year})", lang)


def format_edition(day: _dt.date, lang: str) -> str:
    """The date of an edition (a Gregorian date) in the language's calendar: «۱۱ آذر ۱۴۰۵»,
    «٢ ديسمبر ٢٠٢٦», "2 December 2026"."""
    if LANGUAGE[lang].calendar == "solar_hijri":
        jalali = JalaliDate.to_jalali(day)
        return format_solar_hijri(f"{jalali.year}-{jalali.month}-{jalali.day}", lang, "")
    return localize_digits(format_date(day, "d MMMM y", locale=LANGUAGE[lang].cldr_locale), lang)
