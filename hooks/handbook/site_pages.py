"""The handbook's pages, defined once (no MkDocs imports).

One entry per page, in reading order (mkdocs.yml's `nav` lists the same files in the same
order; `tests/test_site_pages.py` checks it). Each says how the page is made and what it
holds; the lists other modules use are derived here:

* ``PAGES`` — every page stem (``docs/<lang>/<stem>.md``; its URL is ``<stem>/``; "index" is
  the home page). The stems are part of the public links: renaming one needs a redirect.
* ``NARRATIVE_PAGES`` — written by hand (prose with ``{{ idea(...) }}``), home page aside.
* ``CHAPTER_PAGES`` — chapters generated from the content's items, chapter name -> file;
  ``GENERATED_PAGES`` adds the quiz and the trainer page (generated, but not item chapters).
* ``TEACHING_PAGES`` — the pages a course teaches from: each has a lesson (lessons.yaml).
* ``ANCHORED`` — the kinds of item that have their own anchor, with the page they are on
  (None: the item says which page, as a failure cause's group or a key idea's page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The failure causes are taught on three pages, one per group (and summarised on an overview).
FAILURE_GROUPS = ("leadership", "people", "data")


@dataclass(frozen=True)
class Page:
    stem: str
    kind: Literal["home", "narrative", "chapter", "tool"]
    chapter: str | None = None  # generated: front matter `generated: <chapter>`; its title and intro are chapter.<chapter>.* in ui.yaml
    anchors: tuple[str, ...] = ()  # kinds of item whose anchors are on this page
    lesson: bool = False  # a course teaches from it: it has a lesson (lessons.yaml)
    group: str | None = None  # a failure-cause group's page: its title is the group's


def _group(group: str) -> Page:
    return Page(f"failure-causes-{group}", "chapter", f"failure_causes_{group}", ("failure_causes",), group=group)


REGISTRY: tuple[Page, ...] = (
    Page("index", "home"),
    Page("quiz", "tool", "quiz"),
    Page("team", "tool", "team"),  # several respondents' quiz results put together
    Page("what-is-crm", "narrative", anchors=("key_ideas",), lesson=True),
    Page("crm-types", "chapter", "crm_types", ("crm_types",), lesson=True),
    Page("lifecycle-stages", "chapter", "lifecycle_stages", ("lifecycle_stages",), lesson=True),
    Page("failure-causes", "chapter", "failure_causes", lesson=True),  # the overview; the causes are on the group pages
    *(_group(group) for group in FAILURE_GROUPS),
    Page("checklist", "chapter", "checklist", ("checklist",), lesson=True),
    Page("leadership-and-culture", "narrative", anchors=("key_ideas",), lesson=True),
    Page("integration", "narrative", anchors=("key_ideas",), lesson=True),
    Page("customer-experience", "narrative", anchors=("key_ideas",), lesson=True),
    Page("kpis", "chapter", "kpis", ("kpis",), lesson=True),
    Page("case-studies", "chapter", "case_studies", ("case_studies",), lesson=True),
    Page("managing-crm", "narrative", anchors=("key_ideas",), lesson=True),
    Page("future-of-crm", "narrative", anchors=("key_ideas",), lesson=True),
    Page("glossary", "chapter", "glossary", ("glossary",)),
    Page("sources", "chapter", "sources", ("sources", "references")),
    Page("for-trainers", "tool", "for_trainers", ("course_sessions", "teaching_cases")),
)

PAGE: dict[str, Page] = {page.stem: page for page in REGISTRY}
PAGES: tuple[str, ...] = tuple(PAGE)
NARRATIVE_PAGES: tuple[str, ...] = tuple(p.stem for p in REGISTRY if p.kind == "narrative")
TEACHING_PAGES: tuple[str, ...] = tuple(p.stem for p in REGISTRY if p.lesson)
FAILURE_GROUP_PAGES: dict[str, str] = {p.group: p.stem for p in REGISTRY if p.group}
GROUP_CHAPTERS: dict[str, str] = {p.chapter: p.group for p in REGISTRY if p.group and p.chapter}
CHAPTER_PAGES: dict[str, str] = {p.chapter: f"{p.stem}.md" for p in REGISTRY if p.kind == "chapter" and p.chapter}
GENERATED_PAGES: dict[str, str] = {p.chapter: f"{p.stem}.md" for p in REGISTRY if p.chapter}
# Generated pages with a title and an introduction of their own in ui.yaml (a group page's
# title is made from the group's name).
CHAPTERS: tuple[str, ...] = tuple(p.chapter for p in REGISTRY if p.chapter and not p.group)


def _anchored() -> dict[str, str | None]:
    pages: dict[str, list[str]] = {}
    for page in REGISTRY:
        for kind in page.anchors:
            pages.setdefault(kind, []).append(page.stem)
    return {kind: stems[0] if len(stems) == 1 else None for kind, stems in pages.items()}


# Items with their own anchor, in reading order of their pages (the trainer index lists them
# so): kind -> page stem, or None where the item names its page.
ANCHORED: dict[str, str | None] = _anchored()
