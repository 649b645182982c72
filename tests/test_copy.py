"""Own words: no text of the handbook shares a run of 10 or more consecutive words with any
source article (facts and names carry over; sentences do not).

The articles are in ../shared/seeds/ beside the project (as on the team's machines and CI).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT
from handbook.search import fold

SEEDS = Path(os.environ.get("HANDBOOK_SEEDS", ROOT.parent / "shared" / "seeds"))
RUN = 10
PREFIXES = {"می", "نمی"}
SUFFIXES = {"ها", "های", "هایی", "تر", "ترین", "ای"}


def words(text: str) -> list[str]:
    """Comparable words: letters folded, ZWNJ and spacing variants of affixes joined."""
    text = fold(text).lower()  # the search's letter folding (handbook.search.fold)
    tokens = re.findall(r"\w+", text)
    out: list[str] = []
    for token in tokens:
        if out and (token in SUFFIXES or out[-1] in PREFIXES):
            out[-1] += token
        else:
            out.append(token)
    return out


def runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def our_texts():
    """(where, text) for every YAML text and every Markdown page."""
    for path in sorted((ROOT / "content_data").glob("*.yaml")):

        def walk(node, where):
            if isinstance(node, dict):
                for key, value in node.items():
                    yield from walk(value, f"{where}.{key}")
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    label = value.get("id", index) if isinstance(value, dict) else index
                    yield from walk(value, f"{where}[{label}]")
            elif isinstance(node, str):
                yield where, node

        yield from walk(YAML(typ="safe").load(path.read_text(encoding="utf-8")), path.name)
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = re.sub(r"\{\{.*?\}\}|\]\([^)]*\)", " ", path.read_text(encoding="utf-8"))
        yield path.relative_to(ROOT).as_posix(), text


def test_words_fold_spelling_variants():
    assert words("سازمان‌ها می‌کنند") == words("سازمانها میکنند") == words("سازمان ها می کنند")
    assert words("مشتري ١٢") == words("مشتری 12")


def test_no_run_of_ten_words_is_copied_from_an_article():
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the source articles are missing: {SEEDS}")
        pytest.skip(f"source articles not found at {SEEDS} (set HANDBOOK_SEEDS)")
    seeds = {path.name: runs(words(path.read_text(encoding="utf-8"))) for path in sorted(SEEDS.glob("*.txt"))}
    assert len(seeds) == 5, sorted(seeds)
    problems = []
    for where, text in our_texts():
        mine = runs(words(text))
        for name, theirs in seeds.items():
            shared = mine & theirs
            if shared:
                problems.append(f"{where}: shares {len(shared)} run(s) of {RUN} words with {name}, e.g. «{' '.join(sorted(shared)[0])}»")
    assert not problems, "Write these in your own words:\n" + "\n".join(problems)


def test_a_copied_sentence_would_be_caught():
    if not SEEDS.is_dir():
        pytest.skip(f"source articles not found at {SEEDS}")
    article = (SEEDS / "003_18059c3c230902d5.txt").read_text(encoding="utf-8")
    sentence = article.split("\n")[4][:200]  # a line of the Arabic article, copied
    assert runs(words(sentence)) & runs(words(article))
