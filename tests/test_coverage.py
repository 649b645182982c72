"""Coverage: every idea of the source articles listed in tests/coverage.yaml is an item of
the handbook that cites that article (and the item number, where the article numbers it),
and is shown on the site in all three languages."""

from __future__ import annotations

import re

import pytest
from ruamel.yaml import YAML

from conftest import BOOK, LANGUAGES, ROOT, rendered_pages
from handbook.links import anchored_items
from handbook.model import FAILURE_GROUPS
from handbook.site_pages import ANCHORED

IDEAS = YAML(typ="safe").load((ROOT / "tests" / "coverage.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("idea", IDEAS, ids=[i["idea"][:60] for i in IDEAS])
def test_idea_is_an_item_citing_its_source(idea):
    kind, item_id = idea["in"].split("/")
    item = BOOK.by_id(kind).get(item_id)
    assert item is not None, f"{idea['idea']}: no {kind} item {item_id!r}"
    refs = [r for r in item.sources if r.source == idea["source"]]
    assert refs, f"{kind}/{item_id} does not cite {idea['source']}"
    if "item" in idea:
        assert any(r.item == idea["item"] for r in refs), f"{kind}/{item_id} cites {idea['source']} without item {idea['item']}"


def test_every_item_of_the_content_is_reachable_from_a_page():
    """Nothing written in the YAML is left off the site: every item that has an anchor is on
    its page, under that anchor, in every language (the pages as the build renders them)."""
    pages, errors = rendered_pages()
    assert not errors, errors
    items = list(anchored_items(BOOK))
    assert {kind for kind, _, _ in items} == set(ANCHORED)  # every kind has items
    for group in FAILURE_GROUPS:
        assert [c for c in BOOK.failure_causes if c.group == group], f"no failure cause in the group {group}"
    missing = []
    for lang in LANGUAGES:
        for kind, page, item in items:
            anchor = re.escape(item.id)
            if not re.search(rf'\{{[^}}\n]*#{anchor}[ }}]|\bid="{anchor}"', pages[(lang, page)]):
                missing.append(f"{lang}/{page}: {kind} {item.id}")
    assert not missing, "\n".join(missing[:20])


def test_glossary_has_forty_terms_and_every_abbreviation_used():
    import re

    assert len(BOOK.glossary) >= 40, f"the glossary has {len(BOOK.glossary)} terms; at least 40 are wanted"
    known = set()
    for term in BOOK.glossary:
        if term.abbreviation:
            known |= set(re.findall(r"[A-Za-z]{2,}", term.abbreviation))
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "content_data").glob("*.yaml") if p.name != "glossary.yaml"]
    # Markdown pages without their front matter (the generated pages' stubs only hold a comment).
    texts += [re.sub(r"\A---\n.*?\n---\n", "", p.read_text(encoding="utf-8"), flags=re.S) for p in (ROOT / "docs").rglob("*.md")]
    used = set()
    for text in texts:
        text = re.sub(r"https?://\S+|\{\{.*?\}\}|\]\([^)]*\)", " ", text)
        # Bibliographic entries of standard works (references.yaml) cite places and publishers.
        text = re.sub(r"^\s*citation: .*$", " ", text, flags=re.M)
        used |= set(re.findall(r"(?<![A-Za-z])[A-Z][A-Za-z]*[A-Z](?![A-Za-z])", text))
    # CRM is in the glossary; the rest are names (of a tool, of the book's file formats, a unit,
    # of the workshop's code format)
    names = {"CRM", "MkDocs", "PDF", "EPUB", "MB", "QR"}
    missing = sorted(a for a in used - known if a not in names and not a.startswith("Gartner"))
    assert not missing, f"abbreviations used but not in the glossary: {missing}"
