"""Render the generated chapters from the content model through Jinja2 templates.

Nothing here imports MkDocs: :func:`render_chapter` takes a Handbook and a language and
returns Markdown. Each generated item is a heading whose anchor is its YAML id, identical
in every language, so a link such as ``failure-causes/#scope-creep`` survives a language
switch. Cross-references are Markdown links to ``<page>.md#<id>`` so MkDocs checks them.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape
from persiantools.jdatetime import JalaliDate

from . import collation, diagrams, worked
from .bookcache import memo
from .dates import format_edition, format_solar_hijri
from .digits import localize_digits
from .languages import LANGUAGE, list_separator
from .links import ANCHORED, anchored_items, glossary_kpis, link_path, moved_anchors, page_link, page_of, page_path, relative
from .model import (
    FAILURE_GROUP_PAGES,
    FAILURE_GROUPS,
    KPI_FAMILIES,
    LANGUAGES,
    PAGES,
    Handbook,
    Redirect,
    fill,
)
from .quiz_page import case_quiz, quiz_context, team_context
from .site_pages import CHAPTER_PAGES, GENERATED_PAGES, GROUP_CHAPTERS
from .text import inline_html, plain_text
from .urls import to_root
from .volume import file_name as book_file_name

TEMPLATES = Path(__file__).parent / "templates"


class RenderError(Exception):
    """A narrative page asks for something the content does not have."""


def locate(book: Handbook, refs, lang: str) -> list[tuple[object, list[str]]]:
    """Source references grouped per source, in first-mention order, each with the places in it
    a reader can find: [(source, ["mistake 4", "checklist step 3"])]. A place is the source's own
    part label ("mistake {n}", 'section "..."'), so Mir's two numbered lists never look alike."""
    sources = book.by_id("sources")
    groups: dict[str, list[str]] = {}
    for ref in refs:
        places = groups.setdefault(ref.source, [])
        part = sources[ref.source].part(ref.part) if ref.part else None
        if part is not None:
            place = fill(part.label[lang], lang, n=ref.item) if ref.item is not None else part.label[lang]
            if place not in places:
                places.append(place)
    return [(sources[source_id], places) for source_id, places in groups.items()]


@pass_context
def _text(ctx, value: object) -> Markup:
    """Every ``{{ value }}`` of a Markdown template: a content text becomes HTML that shows what it
    says (handbook/text.py); what the code marked as markup already (Markup: macros, ``| e``,
    diagrams, the quiz's JSON) is left as it is."""
    if isinstance(value, Markup):
        return value
    return inline_html(str(value), ctx.get("here"))


_TITLED = ("failure_causes", "checklist", "case_studies", "sources", "key_ideas", "course_sessions")


def display_name(kind: str, item, lang: str) -> str:
    """How the pages name an item of ``kind`` (its link text): a title, a glossary term, a
    reference's short form, or a name."""
    if kind in _TITLED:
        return item.title[lang]
    if kind == "glossary":
        return item.term[lang]
    if kind == "references":
        return item.short
    return item.name[lang]


def citation_html(reference) -> Markup:
    """A standard reference's entry, escaped, with its title (or journal and volume) in italics."""
    html = str(escape(reference.citation))
    for part in reference.italic:
        html = html.replace(str(escape(part)), f"<em>{escape(part)}</em>", 1)
    return Markup(html)


def path_breaks(path: str) -> Markup:
    """A site path to show in a narrow column: a line may break after "/" and "#" (<wbr>), and
    after a hyphen as anywhere, but never inside a word ("#leadersh|ip-roles")."""
    return Markup("".join(str(escape(c)) + ("<wbr>" if c in "/#" else "") for c in str(path)))


def _base_environment(**options) -> Environment:
    """What both environments share: the templates folder, strict variables, escaping on."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
        **options,
    )


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """For the Markdown templates (and hand-written pages): every value is a text (``_text``)."""
    env = _base_environment(finalize=_text)  # macros return Markup, so their output is not escaped twice
    env.filters["digits"] = localize_digits
    env.filters["attr"] = lambda value: escape(plain_text(str(value)))  # a text inside an attribute
    env.filters["href"] = lambda url: escape(url)  # a validated URL (model.WebUrl) as an attribute
    env.tests["contains"] = lambda seq, value: value in seq
    env.filters["lookup"] = lambda ids, table: [table[i] for i in ids]  # ids -> items (ids are validated)
    env.filters["path_breaks"] = path_breaks
    env.filters["citation_html"] = citation_html
    # A name at the start of a sentence or list entry: its first letter in capitals (scripts
    # without case are unchanged), "the eight-problems article" -> "The eight-problems article".
    env.filters["sentence_start"] = lambda text: str(text)[:1].upper() + str(text)[1:]
    env.filters["named_lead"] = named_lead
    return env


def named_lead(note: str, short: str) -> tuple[str, str] | None:
    """A source's note that opens with the source's own name ("Mir warns that…", "The
    eight-problems article puts…"): that name as written and the rest, so the page can link the
    name in the sentence ("Mir (mistake 4) warns…") instead of labelling the note with the same
    name first ("Mir, mistake 4: Mir warns…"). None when the note opens otherwise."""
    text, n = str(note), len(short)
    if text[:n].lower() == short.lower() and text[n : n + 1] in (" ", "’", "'"):
        return text[:n], text[n:]
    return None


@lru_cache(maxsize=1)
def _html_environment() -> Environment:
    """For the templates that write HTML or SVG directly (*.html.j2, *.svg.j2): HTML escaping."""
    env = _base_environment()
    env.filters["words"] = plain_text  # a content text without the inline subset's marks (SVG text)
    return env


def _cited_by(book: Handbook) -> dict[str, list[tuple[str, object]]]:
    """Reverse index, made once per book: which items cite each source (for the sources page)."""
    return memo(book, ("cited_by",), lambda: _make_cited_by(book))


def _make_cited_by(book: Handbook) -> dict[str, list[tuple[str, list]]]:
    """source or reference id -> [(kind, [items])]: each kind once, each item once, in page order
    (glossary entries, checklist steps and KPIs share names, so the kind is what tells them apart)."""
    cited_by: dict[str, list[tuple[str, list]]] = {}
    for kind, _page, item in anchored_items(book):
        ids = [ref.source for ref in getattr(item, "sources", [])] + list(getattr(item, "references", []))
        for source_id in dict.fromkeys(ids):
            groups = cited_by.setdefault(source_id, [])
            if not groups or groups[-1][0] != kind:
                groups.append((kind, []))
            groups[-1][1].append(item)
    return cited_by


def kind_title(book: Handbook, kind: str, lang: str) -> str:
    """What a group of items of one kind is called (the trainer index, the sources page)."""
    own = {
        "key_ideas": "trainers.key_ideas",
        "course_sessions": "trainers.sessions",
        "references": "chapter.sources.references_title",
        "teaching_cases": "teaching.case_title",
    }
    return book.t(own.get(kind, f"chapter.{kind}.title"), lang)


def _context(book: Handbook, lang: str, chapter: str) -> dict:
    """What every template sees: the book, the language and a few helpers."""

    def t(key: str, **values: object) -> str:
        return book.t(key, lang, **values)

    def date(value: str) -> str:
        return format_solar_hijri(value, lang, book.t("label.solar_hijri", lang))

    def page_of(kind: str, item) -> str:
        return f"{ANCHORED[kind] or item.page}.md"

    return dict(
        book=book,
        lang=lang,
        languages=LANGUAGE,
        name_of=lambda kind, item: display_name(kind, item, lang),
        separator_for=lambda kind, items: list_separator([display_name(kind, i, lang) for i in items], lang),
        title_separator=lambda titles: list_separator(titles, lang, ":?؟"),
        t=t,
        date=date,
        page_of=page_of,
        pages=CHAPTER_PAGES,
        causes=book.by_id("failure_causes"),
        cases=book.by_id("case_studies"),
        steps=book.by_id("checklist"),
        stages=book.by_id("lifecycle_stages"),
        types=book.by_id("crm_types"),
        kpis=book.by_id("kpis"),
        sources=book.by_id("sources"),
        references=book.by_id("references"),
        cited_by=_cited_by(book),
        kind_title=lambda kind: kind_title(book, kind, lang),
        locate=lambda refs: locate(book, refs, lang),
        chapter=chapter,
        # The page the text lands on (links inside texts are written relative to it).
        here=GENERATED_PAGES[chapter][:-3] if chapter in GENERATED_PAGES else chapter,
        kpi_families=KPI_FAMILIES,
        failure_groups=FAILURE_GROUPS,
        group_pages=FAILURE_GROUP_PAGES,
        chapter_title=lambda name: chapter_title(book, name, lang),
        diagram=lambda name, *args: render_diagram(book, lang, name, *args),
        worked=lambda kpi: _worked(book, lang, kpi),
        running_case=worked.running_case(book),
    )


def _worked(book: Handbook, lang: str, kpi) -> worked.Worked:
    """A KPI's worked example on the running case's figures (handbook/worked.py)."""
    names = {worked.name_of(k.id): k for k in book.kpis}

    def label(name: str, lng: str) -> str:
        # Another KPI's result used as an input: a percentage says so ("Customer retention rate (%): 80").
        other = names[name]
        percent = other.example is not None and other.example.expression.replace(" ", "").endswith("*100")
        return book.t("label.in_percent", lng, name=other.name[lng]) if percent else other.name[lng]

    w = _examples(book).worked(worked.name_of(kpi.id), lang, label)
    # Escaped here, so the no-break spaces around "=" survive (a text's spaces are collapsed).
    return worked.Worked(w.inputs, Markup(str(escape(w.calculation)).replace("\u00a0", "&nbsp;")), w.result)


def _examples(book: Handbook) -> worked.Examples:
    return memo(book, ("examples",), lambda: worked.examples_of(book))


DIAGRAMS = ("lifecycle", "failure_map", "step_guards", "crm_types", "case_study")


def render_diagram(book: Handbook, lang: str, name: str, *args) -> str:
    """A diagram of handbook/diagrams.py as inline SVG (several side by side for a list)."""
    if name not in DIAGRAMS:
        raise RenderError(f"unknown diagram {name!r}; known: {', '.join(DIAGRAMS)}")
    built = getattr(diagrams, name)(book, lang, *args)
    template = _html_environment().get_template("diagram.svg.j2")
    if isinstance(built, list):
        return Markup('<div class="hb-diagram-row">\n' + "\n".join(template.render(d=d) for d in built) + "\n</div>")
    return Markup(template.render(d=built))


# Generated pages that are not a list of items. Their URLs are public too.


def render_chapter(book: Handbook, chapter: str, lang: str, site: SiteInfo | None = None) -> str:
    """Markdown for one generated page in one language. ``site`` is needed by the trainer page."""
    if chapter not in GENERATED_PAGES:
        raise KeyError(f"unknown chapter {chapter!r}; known: {', '.join(GENERATED_PAGES)}")
    context = _context(book, lang, chapter)
    if chapter == "quiz":
        context.update(quiz_context(book, lang, root=to_root("quiz", lang), public_url=site.public_url if site else None))
    if chapter == "team":
        context.update(team_context(book, lang, root=to_root("team", lang)))
    if chapter == "for_trainers":
        if site is None:
            raise RenderError("the trainer page needs the site's address and names (SiteInfo)")
        context.update(trainer_context(book, lang, site))
    if chapter == "glossary":
        context.update(glossary_context(book, lang))
    template = f"{chapter}.md.j2"
    if chapter in GROUP_CHAPTERS:
        context.update(group=GROUP_CHAPTERS[chapter])
        template = "failure_group.md.j2"
    return _environment().get_template(template).render(**context)


@dataclass(frozen=True)
class KpiEntry:
    """A KPI in the glossary: its name and definition, written once in kpis.yaml, and a link to
    it (a reader looks every indicator up in the glossary too). Anchored by the KPI's id. It has
    the fields the glossary template reads from a term, no more."""

    kpi: object  # the KPI itself: the entry links to it
    id: str
    term: object  # the KPI's name, per language
    abbreviation: str | None
    definition: object
    evidence: object
    expansion: None = None  # a KPI's abbreviation is explained by its name
    sources: tuple = ()  # its sources are on the KPI, one link away

    @classmethod
    def of(cls, kpi) -> KpiEntry:
        return cls(kpi=kpi, id=kpi.id, term=kpi.name, abbreviation=kpi.abbreviation, definition=kpi.definition, evidence=kpi.evidence)


def kpi_entries(book: Handbook) -> list[KpiEntry]:
    """The KPIs the glossary does not define itself (links.glossary_kpis), as glossary entries."""
    return [KpiEntry.of(k) for k in glossary_kpis(book)]


def glossary_context(book: Handbook, lang: str) -> dict:
    """The glossary in the alphabetical order of ``lang`` (handbook/collation.py), in sections
    by initial letter, each with the label its link in the letter index shows."""
    names = {collation.DIGIT: localize_digits("0–9", lang), collation.LATIN: "A–Z", collation.OTHER: "#"}
    entries = [*book.glossary, *kpi_entries(book)]
    sections = collation.sections(entries, lang, text=lambda g: plain_text(g.term[lang]), tiebreak=lambda g: g.id)
    return {
        "glossary_sections": [
            {"label": s.letter or " ".join(names[kind] for kind in s.kinds), "letter": s.letter, "items": s.items} for s in sections
        ],
        "letter_index_label": book.t("glossary.letter_index", lang),
    }


def with_lesson(book: Handbook, markdown: str, lang: str, page: str) -> str:
    """A teaching page's Markdown with its lesson (lessons.yaml): the outcomes and key terms
    after the page's first paragraph (its introduction), the summary and review questions at
    the end. Other pages are returned as they are."""
    lesson = book.by_id("lessons").get(page)
    if lesson is None:
        return markdown
    context = _context(book, lang, page)
    context.update(lesson=lesson, terms=book.by_id("glossary"))
    top = _environment().get_template("lesson_top.md.j2").render(**context)
    bottom = _environment().get_template("lesson_bottom.md.j2").render(**context)
    at = _after_introduction(markdown, page)
    return f"{markdown[:at]}\n{top}\n{markdown[at:].rstrip()}\n\n{bottom}"


# A block that is not a paragraph: a heading, block-level HTML, a quote, a table, an admonition,
# a list, an attribute list, code, content tabs, a rule, a table of contents, a snippet.
_NOT_A_PARAGRAPH = re.compile(
    r"#|<(?:div|details|figure|table|p|ul|ol|dl|section|aside|blockquote|pre|h[1-6])\b|>|\||!!!|\?\?\?|[-*+] |\d+[.)] |\{"
    r"|```|~~~| {4}|\t|===|(?:-{3,}|\*{3,}|_{3,})\s*$|\[TOC\]|--8<--"
)


def _after_introduction(markdown: str, page: str) -> int:
    """Where a lesson's outcomes go: after the page's title and the paragraph right below it
    (its introduction). A page that does not open so is refused, not framed somewhere else."""
    title = re.search(r"^# .*(?:\n|\Z)", markdown, flags=re.M)
    intro = re.match(r"\n*((?:[^\n]*\S[^\n]*(?:\n|\Z))+)", markdown[title.end() :]) if title else None
    if intro is None or _NOT_A_PARAGRAPH.match(intro.group(1)) or re.search(r"^(?:[-*+] |\d+[.)] )", intro.group(1), flags=re.M):
        raise RenderError(
            f"the teaching page {page!r} must open with its title (# …) and an introductory paragraph "
            "right below it: its lesson's outcomes and key terms go after that paragraph"
        )
    return title.end() + intro.end()


@dataclass(frozen=True)
class SiteInfo:
    """What the trainer page needs to know about the site (from mkdocs.yml, via the hook)."""

    url: str  # site_url, ending in "/"
    names: dict[str, str]  # language -> site name
    descriptions: dict[str, str]  # language -> site description
    edition: _dt.date  # the date the citations give
    docs_dir: Path  # for the titles of the hand-written pages
    # language -> {format: size in bytes} of the books `make dist` puts in the site (volume.py,
    # tools/book.py); empty for any other build, which links none
    books: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def placeholder(cls, docs_dir: Path) -> SiteInfo:
        """For rendering without a site (make check, tests): the address and names only fill the
        trainer page's citations, so any will do."""
        names = dict.fromkeys(LANGUAGES, "-")
        return cls(url="/", names=names, descriptions=dict(names), edition=_dt.date.today(), docs_dir=docs_dir)

    @property
    def public_url(self) -> str | None:
        """The address readers can reach, for citations; None when the build has none.

        ``site_url`` is also what a local build or ``mkdocs serve`` runs at (127.0.0.1, as
        mkdocs.yml's default): a citation copied from such a build must not carry that address,
        so a loopback or relative address is no public address (SITE_URL sets the real one).
        """
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        host = parts.hostname
        if host == "localhost" or host.endswith(".localhost") or host in ("0.0.0.0", "::", "::1") or host.startswith("127."):
            return None
        return self.url if self.url.endswith("/") else self.url + "/"


# The chapter of each failure-cause group page -> its group.


def chapter_title(book: Handbook, chapter: str, lang: str) -> str:
    """A generated chapter's title: from ui.yaml; a failure-cause group's is the chapter's
    pattern with the group's name."""
    if chapter in GROUP_CHAPTERS:
        group = book.t(f"failure_group.{GROUP_CHAPTERS[chapter]}.title", lang)
        return book.t("chapter.failure_causes_group.title", lang, group=group)
    return book.t(f"chapter.{chapter}.title", lang)


def page_titles(book: Handbook, lang: str, docs_dir: Path) -> dict[str, str]:
    """Title of every page in one language: generated pages from ui.yaml, the others from their
    '# ' line (below the front matter, whose comments start with '#' too)."""
    titles = {}
    by_file = {file[:-3]: chapter for chapter, file in GENERATED_PAGES.items()}
    for page in PAGES:
        if page in by_file and (by_file[page] in GROUP_CHAPTERS or f"chapter.{by_file[page]}.title" in book.ui):
            titles[page] = chapter_title(book, by_file[page], lang)
            continue
        titles[page] = page
        if (docs_dir / lang / f"{page}.md").is_file():
            text = (docs_dir / lang / f"{page}.md").read_text(encoding="utf-8")
            text = re.sub(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", "", text, flags=re.S)
            for line in text.splitlines():
                if line.startswith("# "):
                    titles[page] = re.sub(r"\s*\{.*\}\s*$", "", line[2:]).strip()
                    break
    return titles


def trainer_context(book: Handbook, lang: str, site: SiteInfo) -> dict:
    """Index of every stable link, citations in the three languages, and the course outline."""
    root = to_root("for-trainers", lang)
    index = []
    for kind, page, item in anchored_items(book):
        if not index or index[-1]["kind"] != kind:
            index.append({"kind": kind, "title": kind_title(book, kind, lang), "rows": []})
        index[-1]["rows"].append(
            {
                "item": item,
                "path": f"{page_link(page)}#{item.id}",  # as tests/published_links.txt writes it
                "links": [(other, f"{root}{page_path(page, other)}#{item.id}") for other in LANGUAGES],
            }
        )
    example = book.failure_causes[0]

    public = site.public_url

    def cite(other: str, title: str, path: str) -> dict:
        """A ready-made citation; without a public address (a local build), one without any."""
        solar_hijri = LANGUAGE[other].calendar == "solar_hijri"
        year = JalaliDate.to_jalali(site.edition).year if solar_hijri else site.edition.year
        key = "trainers.citation" if public else "trainers.citation_no_address"
        text = book.t(key, other, site=site.names[other], year=year, title=title)
        url = public + path if public else None
        # The address is isolated left-to-right inside right-to-left text.
        html = Markup('<bdi dir="ltr">{}</bdi>').format(url or "").join(inline_html(part, "for-trainers") for part in text.split("{url}"))
        return {"text": text, "url": url, "html": html}

    citations = [
        {
            "lang": other,
            "whole": cite(other, site.descriptions[other] or site.names[other], page_path("index", other)),
            "item": cite(other, example.title[other], f"{page_path(example.page, other)}#{example.id}"),
        }
        for other in LANGUAGES
    ]
    return {
        "index": index,
        "titles": page_titles(book, lang, site.docs_dir),
        "citations": citations,
        "root": root,
        "page_path": page_path,
        "site_url": public or "",
        "example": example,
        "total_minutes": sum(s.minutes for s in book.course_sessions),
        "case_quizzes": {case.id: case_quiz(book, case, lang) for case in book.teaching_cases},
        "books": book_links(site, lang, "for-trainers"),
        "edition_date": format_edition(site.edition, lang),
    }


def book_links(site: SiteInfo | None, lang: str, page: str) -> list[dict]:
    """The language's books in the site (SiteInfo.books, in the language's folder), as links from
    ``page``: [{format, href, size}], the size in megabytes as the language writes numbers."""
    found = (site.books if site else {}).get(lang, {})
    return [
        {"format": fmt, "href": relative(page_link(page), book_file_name(lang, fmt)), "size": worked.format_number(size / 1e6, lang, 1)}
        for fmt, size in found.items()
    ]


def render_narrative(book: Handbook, markdown: str, lang: str, page: str, site: SiteInfo | None = None) -> str:
    """A hand-written page, with ``{{ idea("id") }}`` and ``{{ ref("kind", "id"[, "text"]) }}`` filled in
    (and, for the home page, ``{{ paths() }}`` and ``{{ authors() }}``).

    ``page`` is the page's file stem (``what-is-crm``); a key idea may only be placed on the
    page its YAML names, and only once.
    """
    context = {**_context(book, lang, chapter=""), "here": page}
    macros = _environment().get_template("_macros.md.j2").make_module(context)
    ideas = book.by_id("key_ideas")
    placed: set[str] = set()

    def idea(idea_id: str, level: int = 2) -> str:
        """The key idea as a section (level 2), or as a subsection (3) of the section it is in."""
        if level not in (2, 3):
            raise RenderError(f"idea({idea_id!r}, {level!r}): a key idea is a section (2) or a subsection (3)")
        item = ideas.get(idea_id)
        if item is None:
            raise RenderError(f"idea({idea_id!r}): no such id in key_ideas.yaml")
        if item.page != page:
            raise RenderError(f"idea({idea_id!r}) belongs on the page '{item.page}', not here")
        if idea_id in placed:
            raise RenderError(f"idea({idea_id!r}) is placed twice")
        placed.add(idea_id)
        return Markup(_environment().get_template("key_idea.md.j2").render(**context, idea=item, m=macros, level=level))

    def ref(kind: str, item_id: str, text: str | None = None) -> str:
        if kind not in ANCHORED:  # the kinds of item that have an anchor somewhere
            raise RenderError(f"ref({kind!r}, {item_id!r}): unknown kind; known: {', '.join(ANCHORED)}")
        item = book.by_id(kind).get(item_id)
        if item is None:
            raise RenderError(f"ref({kind!r}, {item_id!r}): no such id in {kind}.yaml")
        label = inline_html(text if text is not None else display_name(kind, item, lang), page)
        target = "" if kind == "key_ideas" and item.page == page else context["page_of"](kind, item)
        return Markup(f"[{label}]({target}#{item.id})")

    def paths() -> str:
        books = book_links(site, lang, page)
        return Markup(_environment().get_template("home_paths.md.j2").render(**context, books=books))

    def authors() -> str:
        return Markup(_environment().get_template("home_sources.md.j2").render(**context))

    try:
        template = _environment().from_string(markdown)
        out = template.render(idea=idea, ref=ref, paths=paths, authors=authors, here=page)
    except RenderError:
        raise
    except Exception as exc:  # a Jinja syntax error or a typo in a call, reported with its line
        line = getattr(exc, "lineno", None)
        raise RenderError(f"line {line}: {exc}" if line else str(exc)) from None
    missing = sorted(i.id for i in book.key_ideas if i.page == page and i.id not in placed)
    if missing:
        raise RenderError(f'key ideas of this page are not placed: {", ".join(missing)} (add {{{{ idea("<id>") }}}})')
    return out


# -- links that moved (content_data/redirects.yaml) -------------------------------------------


def render_moved_anchors(book: Handbook, page: str) -> str:
    """The JSON block and inline script that forward a reader arriving at an anchor of ``page`` that moved."""
    moved = moved_anchors(book, page_link(page))
    if not moved:
        return ""
    return _html_environment().get_template("moved_anchors.html.j2").render(moved=moved)


def render_moved_page(book: Handbook, redirect: Redirect, lang: str, site: SiteInfo) -> str:
    """The small page left at the address of a page that moved: it forwards to the new one.

    The #fragment travels along (an anchor that also moved goes to its own new place), so a
    trainer's link to an item of the old page still lands on the item.
    """
    stem = page_of(redirect.new)
    return (
        _html_environment()
        .get_template("moved_page.html.j2")
        .render(
            lang=lang,
            dir=LANGUAGE[lang].direction,
            title=book.t("redirect.title", lang),
            text=book.t("redirect.text", lang),
            target=relative(redirect.old, redirect.new),
            target_title=page_titles(book, lang, site.docs_dir)[stem],
            # A local build names no address (SiteInfo.public_url), so no canonical link.
            canonical=(site.public_url + link_path(redirect.new, lang)) if site.public_url else None,
            anchors=moved_anchors(book, redirect.old),
            # The site's icon, relative to the old page's folder (else browsers ask for /favicon.ico).
            icon=to_root(page_of(redirect.old), lang) + "assets/images/favicon.svg",
        )
    )
