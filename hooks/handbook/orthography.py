"""Orthography lint for Persian, Arabic and English texts (YAML values and docs/ Markdown).

Each rule names what is wrong and what to write instead. Used by tests/test_orthography.py
and ``python -m handbook.orthography`` (prints every problem with file and line).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import termbase
from .languages import LANGUAGE, wrong_script

ZWNJ = "\u200c"
PERSIAN_LETTER = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622"
LETTER = rf"[{PERSIAN_LETTER}]"

# Characters nobody should type: directional marks and embeddings, zero-width space/joiner, BOM,
# no-break space (use a normal space), tatweel (kashida).
INVISIBLE = re.compile("[\u200b\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00a0]")
TATWEEL = "\u0640"

# Verb stems that take the prefix می/نمی (joined without ZWNJ is a mistake: «میکنند»).
VERB_STEMS = (
    "کن|شو|ده|گیر|توان|خواه|رس|کش|دار|آی|آور|یاب|گوی|گوی|بین|ساز|پذیر|ماند|رو|خور|سنج|نویس|خوان|گذار|گرد|آموز|زن|کاه|"
    "افز|شناس|پرداز|بخش|سپار|چین|فرست|دهد|جوی|انجام|کوش|بر"
)


def _script_rules(lang: str) -> list[tuple[re.Pattern, str]]:
    """A neighbouring language's letters and digits (languages.wrong_script, which the content model also applies)."""
    letters, digits, _ = wrong_script(lang)
    own = LANGUAGE[lang]
    others = [x for x in LANGUAGE.values() if x.code != lang and x.script == own.script]
    letter, digit = " or ".join(x.name for x in others), " or ".join(x.digits_name for x in others)
    return [
        (re.compile(f"[{letters}]"), f"{letter} letter in {own.name} text: write {' and '.join(own.letters)}"),
        (re.compile(f"[{digits}]"), f"{digit} digit in {own.name} text: write {own.digits_name} digits {own.digits[0]}-{own.digits[-1]}"),
    ]


RULES_FA: list[tuple[re.Pattern, str]] = [
    *_script_rules("fa"),
    (re.compile(f"{ZWNJ}{ZWNJ}"), "doubled ZWNJ"),
    (re.compile(rf"(^|\s){ZWNJ}|{ZWNJ}($|\s)"), "stray ZWNJ next to a space or at an end"),
    (re.compile(rf"(^|[\s«(]){'(ن?می)'}\s+(?={LETTER})"), "«می»/«نمی» written apart: join it to the verb with ZWNJ (می‌کنند)"),
    (re.compile(rf"(^|[\s«(])(ن?می)(?:{VERB_STEMS})"), "«می»/«نمی» joined to the verb without ZWNJ: write می‌کنند"),
    (
        re.compile(rf"{LETTER}\s+(ها|های|هایی|تر|ترین)(?=$|[\s،؛.؟!:»)])"),
        "suffix written apart: join ‑ها/‑های/‑تر/‑ترین with ZWNJ (سازمان‌ها، بزرگ‌تر)",
    ),
    (re.compile(rf"(?<={LETTER})\s*[,;?](?!\d)"), "Latin punctuation after Persian text: write ، ؛ ؟"),
    (re.compile(rf'"(?={LETTER})|(?<={LETTER})"'), "straight quotes around Persian text: write « »"),
]
RULES_AR: list[tuple[re.Pattern, str]] = [
    *_script_rules("ar"),
    (re.compile(ZWNJ), "ZWNJ in Arabic text"),
    (re.compile(rf"(?<={LETTER})\s*[,;?](?!\d)"), "Latin punctuation after Arabic text: write ، ؛ ؟"),
]
RULES_EN: list[tuple[re.Pattern, str]] = [
    (re.compile("[\u0600-\u06ff]"), "Arabic-script letter in English text"),
    (re.compile("[\"']"), "straight quote in English text: write “ ” around a quotation and ’ for an apostrophe"),
]
RULES = {"fa": RULES_FA, "ar": RULES_AR, "en": RULES_EN}

# An ASCII digit is fine inside a Latin token ("ISO 27001", "B2B", "360°", "Gartner 2023" is not).
LATIN_WORD = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    where: str
    message: str
    excerpt: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.where + ': ' if self.where else ''}{self.message}  «{self.excerpt}»"


def _ascii_digit_problems(text: str, lang: str) -> list[str]:
    """ASCII digits in Persian/Arabic prose, unless they belong to a Latin code or name."""
    if lang == "en":
        return []
    found = []
    tokens = text.split()
    for i, token in enumerate(tokens):
        if re.search(r"[0-9]", token) and not LATIN_WORD.search(token):
            previous = tokens[i - 1] if i else ""
            if re.fullmatch(r"[A-Za-z][A-Za-z.\-]*", previous.strip("()«»\"'")):
                continue  # "ISO 27001", "Gartner 2023"-style codes keep Latin digits
            found.append(token)
    return (
        [
            f"Latin digits in {'Persian' if lang == 'fa' else 'Arabic'} prose ({', '.join(found[:3])}): write {LANGUAGE[lang].digits[0]}-{LANGUAGE[lang].digits[-1]}"
        ]
        if found
        else []
    )


def check_text(text: str, lang: str, terms: list | None = None) -> list[tuple[str, str]]:
    """(message, excerpt) for every problem in one text of one language (``terms``: the
    termbase, handbook/termbase.py, whose variants to avoid are reported too)."""
    out = termbase.problems(text, lang, terms) if terms else []
    if INVISIBLE.search(text):
        ch = INVISIBLE.search(text).group(0)
        out.append((f"invisible character U+{ord(ch):04X}", _excerpt(text, text.index(ch))))
    if TATWEEL in text:
        out.append(("tatweel (ـ) is not a letter: remove it", _excerpt(text, text.index(TATWEEL))))
    for pattern, message in RULES[lang]:
        match = pattern.search(text)
        if match:
            out.append((message, _excerpt(text, match.start())))
    for message in _ascii_digit_problems(text, lang):
        out.append((message, ""))
    return out


def _excerpt(text: str, at: int) -> str:
    return text[max(0, at - 15) : at + 15].replace("\n", " ")


def _walk(node, path: tuple, file: str, out: list[Problem], terms: list | None) -> None:
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if key in RULES and isinstance(value, str):
                line = node.lc.key(key)[0] + 1
                for message, excerpt in check_text(value, key, terms):
                    out.append(Problem(file, line, ".".join(map(str, (*path, key))), message, excerpt))
            else:
                _walk(value, (*path, key), file, out, terms)
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            label = value.get("id", index) if isinstance(value, CommentedMap) else index
            _walk(value, (*path, label), file, out, terms)


def check_yaml(path: Path, root: Path, terms: list | None = None) -> list[Problem]:
    out: list[Problem] = []
    _walk(YAML().load(path.read_text(encoding="utf-8")), (), path.relative_to(root).as_posix(), out, terms)
    return out


_MARKUP = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|`[^`]*`|\]\([^)]*\)|<[^>]+>|\{[:#][^}]*\}|https?://\S+")


def check_markdown(path: Path, lang: str, root: Path, terms: list | None = None) -> list[Problem]:
    out: list[Problem] = []
    in_code = in_front_matter = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number == 1 and line.strip() == "---":
            in_front_matter = True
            continue
        if in_front_matter:
            in_front_matter = line.strip() != "---"
            continue
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        prose = _MARKUP.sub(" ", line)
        for message, excerpt in check_text(prose, lang, terms):
            out.append(Problem(path.relative_to(root).as_posix(), number, "", message, excerpt))
    return out


def check_project(root: Path) -> list[Problem]:
    problems: list[Problem] = []
    terms = termbase.load(root / "content_data")
    for path in sorted((root / "content_data").glob("*.yaml")):
        problems += check_yaml(path, root, terms)
    for lang in RULES:
        for path in sorted((root / "docs" / lang).rglob("*.md")):
            problems += check_markdown(path, lang, root, terms)
    return sorted(problems)


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
    found = check_project(root)
    for problem in found:
        print(problem)
    print(f"{len(found)} orthography problem(s)")
    sys.exit(1 if found else 0)
