"""One term per concept: the termbase is the glossary (and the KPI names).

A glossary term or KPI may list, per language, the variants that must not be used for it
(``avoid``); the content lint (handbook/orthography.py, run by tests/test_orthography.py and
``python -m handbook.orthography``) reports every use of one in any YAML text or hand-written
page, with the file, line and the preferred term. A variant is allowed where it stands inside
quotation marks (« », “ ”, " "): quoting a source's own words or title is not a choice of term.
No MkDocs imports; reads the YAML itself, so the lint works on content that does not validate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .model import LANGUAGES

# Letters and digits of any script, and ZWNJ, are part of a word (Arabic punctuation such as
# «،» «؛» «؟» is not: the Arabic block mixes both, so it cannot be a range).
_WORD = r"[^\W_]|\u200c"
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")


@dataclass(frozen=True)
class Entry:
    id: str
    file: str
    preferred: dict[str, str]
    avoid: dict[str, tuple[str, ...]]


def load(content: Path) -> list[Entry]:
    """Every term with variants to avoid, from glossary.yaml and kpis.yaml."""
    entries = []
    for file, name_field in (("glossary.yaml", "term"), ("kpis.yaml", "name")):
        path = content / file
        try:
            # PyYAML's C loader where it is built (the same YAML as safe_load, several times faster)
            items = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
        except (OSError, yaml.YAMLError):
            continue  # the loader reports an unreadable file; the lint has nothing to add
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("avoid"), dict):
                continue
            names = item.get(name_field) if isinstance(item.get(name_field), dict) else {}
            avoid = {lang: tuple(v for v in item["avoid"].get(lang) or [] if isinstance(v, str)) for lang in LANGUAGES}
            entries.append(Entry(str(item.get("id")), file, {lang: str(names.get(lang, "")) for lang in LANGUAGES}, avoid))
    return entries


@cache
def _pattern(variant: str, lang: str) -> re.Pattern:
    body = re.escape(variant)
    if lang == "en":  # a variant written in lower case also matches at the start of a sentence
        body = f"[{re.escape(variant[0].lower())}{re.escape(variant[0].upper())}]{re.escape(variant[1:])}"
    return re.compile(rf"(?<!{_WORD}){body}(?!{_WORD})")


def problems(text: str, lang: str, entries: list[Entry]) -> list[tuple[str, str]]:
    """(message, excerpt) for each forbidden variant in ``text`` (outside quotation marks)."""
    plain = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for entry in entries:
        for variant in entry.avoid.get(lang, ()):
            match = _pattern(variant, lang).search(plain)
            if match:
                out.append(
                    (
                        f"«{variant}» is not this handbook's term: write «{entry.preferred[lang]}» "
                        f"({entry.file}: {entry.id}; quote it if you cite a source's own words)",
                        text[max(0, match.start() - 15) : match.end() + 15].replace("\n", " "),
                    )
                )
    return out
