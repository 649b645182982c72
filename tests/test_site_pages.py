"""hooks/handbook/site_pages.py is the one list of pages: mkdocs.yml's nav, the pages on disk
and their front matter, the lessons and the anchored items agree with it."""

from __future__ import annotations

from conftest import BOOK, LANGUAGES, ROOT
from handbook.generate import read_config
from handbook.pages import split_front_matter
from handbook.site_pages import ANCHORED, CHAPTER_PAGES, GENERATED_PAGES, NARRATIVE_PAGES, PAGE, PAGES, REGISTRY, TEACHING_PAGES


def test_the_nav_lists_the_registry_pages_in_its_order():
    config = read_config(ROOT / "mkdocs.yml")
    assert config["nav"] == [f"{stem}.md" for stem in PAGES]


def test_every_page_exists_in_every_language_made_as_the_registry_says():
    for lang in LANGUAGES:
        on_disk = {path.stem for path in (ROOT / "docs" / lang).glob("*.md")}
        assert on_disk == set(PAGES), f"docs/{lang}: {sorted(on_disk ^ set(PAGES))}"
        for page in REGISTRY:
            meta, _ = split_front_matter((ROOT / "docs" / lang / f"{page.stem}.md").read_text(encoding="utf-8"))
            assert meta.get("generated") == page.chapter, f"docs/{lang}/{page.stem}.md: generated: {meta.get('generated')}"


def test_the_derived_lists_follow_from_the_entries():
    assert len(set(PAGES)) == len(PAGES) == len(REGISTRY)
    assert set(GENERATED_PAGES) >= set(CHAPTER_PAGES) and {"quiz", "team", "for_trainers"} == set(GENERATED_PAGES) - set(CHAPTER_PAGES)
    assert all(PAGE[stem].kind == "narrative" and PAGE[stem].chapter is None for stem in NARRATIVE_PAGES)
    assert {lesson.id for lesson in BOOK.lessons} == set(TEACHING_PAGES)
    for kind, stem in ANCHORED.items():
        holders = [page.stem for page in REGISTRY if kind in page.anchors]
        assert (stem is None) == (len(holders) > 1) and (stem is None or holders == [stem]), kind


def test_every_anchored_item_is_on_a_page_that_anchors_its_kind():
    from handbook.links import anchored_items

    seen = set()
    for kind, stem, _item in anchored_items(BOOK):
        assert kind in PAGE[stem].anchors, f"{kind} on {stem}"
        seen.add(kind)
    assert seen == set(ANCHORED)
