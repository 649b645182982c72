"""Diagrams drawn from the content: the geometry here, the markup in templates/diagram.svg.j2.

Each function takes the Handbook and a language and returns a :class:`Diagram`: a small
scene (boxes, text lines, links) laid out on a fixed-width canvas. The template writes it as
inline SVG, so the diagram's text is the YAML's text in the page's language and digits,
every node is a real link (keyboard-focusable), and a <title>/<desc> pair gives screen
readers the same content in words. For right-to-left pages the layout is mirrored here
(columns run from the right) and the text inherits the page's direction.

The canvases are narrow (360 units, a phone's width) so that text stays readable when the
diagram is shown at 360 px; on wider screens they keep that size. No MkDocs imports.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import ClassVar

from .digits import localize_digits as _digits
from .languages import LANGUAGE, list_separator
from .links import relative
from .model import FAILURE_GROUPS, Handbook

WIDTH = 360
MARGIN = 8
PAD = 10
BODY = 12.5  # font size of body text (SVG units = CSS px at natural size)
TITLE = 14
LINE = 17  # line height of body text
CHAR = 0.53  # average advance of a Latin character, in font sizes (wide enough for Vazirmatn)
CHAR_ARABIC = 0.47  # Persian and Arabic letters join and run narrower
HANG = 11  # continuation lines of a bulleted item start under its text, not under the bullet


@dataclass
class Text:
    kind: ClassVar[str] = "text"
    x: float
    y: float
    text: str
    cls: str = "hb-d-text"
    anchor: str = "start"  # start = the reading side: left in English, right in Persian/Arabic


@dataclass
class Rect:
    kind: ClassVar[str] = "rect"
    x: float
    y: float
    w: float
    h: float
    cls: str = "hb-d-box"
    rx: float = 6


@dataclass
class Circle:
    kind: ClassVar[str] = "circle"
    cx: float
    cy: float
    r: float
    cls: str = "hb-d-dot"


@dataclass
class Path:
    kind: ClassVar[str] = "path"
    d: str
    cls: str = "hb-d-line"


@dataclass
class Link:
    """Shapes that together are one link (a box and its label)."""

    kind: ClassVar[str] = "link"
    href: str
    label: str  # what the link names, when its visible text is only a part of it (a step number)
    shapes: list = field(default_factory=list)

    @property
    def name(self) -> str:
        """The accessible name: it must contain the visible text (WCAG 2.5.3, label in name)."""
        visible = " ".join(s.text.strip("•◆ ").strip() for s in self.shapes if isinstance(s, Text)).strip()
        return self.label if visible in self.label else visible


@dataclass
class Diagram:
    id: str
    lang: str
    width: float
    height: float
    title: str
    desc: str
    shapes: list
    cls: str = ""
    # "print": a copy drawn for paper only (shown in print, left out of search); "screen": the
    # copy it stands in for; "": the only copy, for both.
    medium: str = ""

    @property
    def dir(self) -> str:
        return LANGUAGE[self.lang].direction


def wrap(text: str, width: float, size: float = BODY) -> list[str]:
    """Lines of ``text`` that fit ``width`` units at font ``size`` (estimated, generously).

    A short parenthesis ("(Data Mining)") is never split: in right-to-left text a bracket
    left alone at a line's end is drawn facing the wrong way.
    """
    text = re.sub(r"\(([^()]{1,32})\)", lambda m: "(" + m.group(1).replace(" ", "\u00a0") + ")", text)
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff") > len(text) / 3
    per_char = size * (CHAR_ARABIC if arabic else CHAR)
    return textwrap.wrap(text, max(8, int(width / per_char))) or [""]


class _Canvas:
    """Mirrors x for right-to-left pages: layouts are written left-to-right."""

    def __init__(self, lang: str, width: float = WIDTH):
        self.rtl = LANGUAGE[lang].rtl
        self.width = width

    def x(self, x: float, w: float = 0) -> float:
        """The left edge of a box laid out at ``x`` (from the reading side) with width ``w``."""
        return self.width - x - w if self.rtl else x

    def tx(self, x: float) -> float:
        """A text's anchor at ``x`` from the reading side."""
        return self.width - x if self.rtl else x


def _href(page: str, item_id: str, here: str) -> str:
    """A link from page ``here`` to the item ``page#item_id``."""
    return relative(f"{here}/", f"{page}/#{item_id}")


def _join(texts, lang: str) -> str:
    """Items in running text, separated as languages.list_separator chooses."""
    texts = list(texts)
    return list_separator(texts, lang).join(texts)


# -- the customer lifecycle -------------------------------------------------------------------


def lifecycle(book: Handbook, lang: str, medium: str = "screen") -> Diagram:
    """The five stages as a flow, each with the CRM types that serve it and its KPIs.

    On screen one column (a phone's width). For ``medium="print"`` two columns (the first
    stages on the reading side), split where the columns come out most even: the same diagram
    at half the height, since a one-column flow is taller than a page and would leave the page
    before it half empty (handbook.css shows each copy in its medium only).
    """
    if medium not in ("screen", "print"):
        raise ValueError(f"medium must be 'screen' or 'print', not {medium!r}")
    types = book.by_id("crm_types")
    kpis_by_stage: dict[str, list] = {}
    for k in book.kpis:
        kpis_by_stage.setdefault(k.stage, []).append(k)
    stages = sorted(book.lifecycle_stages, key=lambda s: s.order)
    box_w = WIDTH - 2 * MARGIN
    text_w = box_w - 2 * PAD

    def stage_block(c: _Canvas, i: int, stage, x0: float, y: float) -> tuple[list, float, str]:
        """The shapes of one stage's box from ``y`` in the column at ``x0``, its bottom and its words."""
        top = y
        name = f"{_digits(stage.order, lang)}. {stage.name[lang]}"
        inner: list = []
        y += PAD + TITLE
        head = Link(_href("lifecycle-stages", stage.id, "lifecycle-stages"), stage.name[lang])
        for line in wrap(name, text_w, TITLE):
            head.shapes.append(Text(c.tx(x0 + MARGIN + PAD), y, line, "hb-d-title"))
            y += TITLE + 4
        inner.append(head)
        served = [types[t] for t in stage.crm_types]
        if served:
            label = book.t("label.served_by", lang)
            inner.append(Text(c.tx(x0 + MARGIN + PAD), y + 2, f"{label}:", "hb-d-label"))
            y += LINE
            for t in served:
                inner.append(
                    Link(
                        _href("crm-types", t.id, "lifecycle-stages"),
                        t.name[lang],
                        [Text(c.tx(x0 + MARGIN + PAD + 8), y, f"◆ {t.name[lang]}", "hb-d-text hb-d-link")],
                    )
                )
                y += LINE
        stage_kpis = kpis_by_stage.get(stage.id, [])
        if stage_kpis:
            inner.append(Text(c.tx(x0 + MARGIN + PAD), y + 2, f"{book.t('label.related_kpis', lang)}:", "hb-d-label"))
            y += LINE
            for k in stage_kpis:
                name_k = k.name[lang] + (f" ({k.abbreviation})" if k.abbreviation else "")
                link = Link(_href("kpis", k.id, "lifecycle-stages"), name_k)
                for j, line in enumerate(wrap(name_k, text_w - 12)):
                    link.shapes.append(
                        Text(
                            c.tx(x0 + MARGIN + PAD + 8 + (0 if j == 0 else HANG)), y, ("• " if j == 0 else "") + line, "hb-d-text hb-d-link"
                        )
                    )
                    y += LINE
                inner.append(link)
        y += PAD - 4
        words = (
            f"{name}"
            + (f" — {book.t('label.served_by', lang)}: {_join((t.name[lang] for t in served), lang)}" if served else "")
            + (f" — {book.t('label.related_kpis', lang)}: {_join((k.name[lang] for k in stage_kpis), lang)}" if stage_kpis else "")
        )
        return [Rect(c.x(x0 + MARGIN, box_w), top, box_w, y - top, f"hb-d-box hb-d-stage-{i % 5}"), *inner], y, words

    def layout(split: int) -> tuple[list, list[str], float, float]:
        """Stages before ``split`` in the first column, the rest in the second."""
        width = WIDTH if split >= len(stages) else 2 * WIDTH
        c = _Canvas(lang, width)
        shapes: list = []
        desc: list[str] = []
        bottom = 0.0
        y = MARGIN
        for i, stage in enumerate(stages):
            x0 = 0 if i < split else WIDTH
            if i == split:
                y = MARGIN
            block, y, words = stage_block(c, i, stage, x0, y)
            shapes.extend(block)
            desc.append(words)
            bottom = max(bottom, y)
            if i < len(stages) - 1 and i + 1 != split:  # an arrow down to the next stage
                mid = x0 + WIDTH / 2
                shapes.append(
                    Path(
                        f"M{c.tx(mid)} {y + 2} V{y + 18} M{c.tx(mid) - 6} {y + 12} L{c.tx(mid)} {y + 18} L{c.tx(mid) + 6} {y + 12}",
                        "hb-d-arrow",
                    )
                )
                y += 22
        return shapes, desc, width, bottom

    split = len(stages)
    if medium == "print" and len(stages) > 1:
        split = min(range(1, len(stages)), key=lambda at: layout(at)[3])
    shapes, desc, width, bottom = layout(split)
    suffix = "-2-columns" if medium == "print" else ""
    title = book.t("diagram.lifecycle.title", lang)
    return Diagram(f"diagram-lifecycle{suffix}", lang, width, bottom + MARGIN, title, ". ".join(desc), shapes, medium=medium)


# -- the failure map ---------------------------------------------------------------------------


def failure_map(book: Handbook, lang: str) -> Diagram:
    """Causes (rows) against the checklist steps that prevent them (columns), with totals."""
    c = _Canvas(lang)
    steps = sorted(book.checklist, key=lambda s: s.number)
    col = 18
    grid_w = col * len(steps)
    label_w = WIDTH - 2 * MARGIN - grid_w - 6
    shapes: list = []
    y = MARGIN + 6
    # Column heads: step numbers, each a link to the step.
    head_y = y + TITLE
    shapes.append(Text(c.tx(MARGIN), head_y, book.t("diagram.failure_map.steps", lang), "hb-d-label"))
    for j, step in enumerate(steps):
        cx = c.x(MARGIN + label_w + 6 + j * col, col) + col / 2
        shapes.append(
            Link(
                _href("checklist", step.id, "failure-causes"),
                f"{book.t('label.step_number', lang, n=step.number)}: {step.title[lang]}",
                [Text(cx, head_y, _digits(step.number, lang), "hb-d-title hb-d-link", "middle")],
            )
        )
    y = head_y + 8
    desc = []
    group = None
    # Grouped as on their pages, whatever the order of the YAML.
    ordered = sorted(book.failure_causes, key=lambda cause: FAILURE_GROUPS.index(cause.group))
    for i, cause in enumerate(ordered):
        if cause.group != group:
            # The causes are grouped as on their pages: each group's name above its rows.
            group = cause.group
            name = book.t(f"failure_group.{group}.title", lang)
            y += 4
            for line in wrap(name, WIDTH - 2 * MARGIN - 8):
                y += LINE
                shapes.append(Text(c.tx(MARGIN + 4), y, line, "hb-d-label"))
            y += 5
            desc.append(name)
        lines = wrap(cause.title[lang], label_w - 4)
        h = len(lines) * (LINE - 2) + 8
        if i % 2 == 0:
            shapes.append(Rect(c.x(MARGIN, WIDTH - 2 * MARGIN), y, WIDTH - 2 * MARGIN, h, "hb-d-stripe", 2))
        link = Link(_href(cause.page, cause.id, "failure-causes"), cause.title[lang])
        for k, line in enumerate(lines):
            link.shapes.append(Text(c.tx(MARGIN + 4), y + 4 + BODY + k * (LINE - 2), line, "hb-d-text hb-d-link"))
        shapes.append(link)
        for j, step in enumerate(steps):
            cx = c.x(MARGIN + label_w + 6 + j * col, col) + col / 2
            if step.id in cause.prevented_by:
                shapes.append(Circle(cx, y + h / 2, 5.5, "hb-d-dot"))
            else:
                shapes.append(Circle(cx, y + h / 2, 1.5, "hb-d-empty"))
        steps_named = [s.title[lang] for s in steps if s.id in cause.prevented_by]
        desc.append(f"{cause.title[lang]}: {_join(steps_named, lang)}")
        y += h
    # Totals: how many causes each step guards against.
    y += 4
    shapes.append(Path(f"M{MARGIN} {y} H{WIDTH - MARGIN}", "hb-d-line"))
    y += BODY + 6
    shapes.append(Text(c.tx(MARGIN + 4), y, book.t("diagram.failure_map.total", lang), "hb-d-label"))
    counts = {s.id: sum(1 for cause in book.failure_causes if s.id in cause.prevented_by) for s in steps}
    top = max(counts.values())
    for j, step in enumerate(steps):
        cx = c.x(MARGIN + label_w + 6 + j * col, col) + col / 2
        shapes.append(
            Text(cx, y, _digits(counts[step.id], lang), "hb-d-title" + (" hb-d-strong" if counts[step.id] == top else ""), "middle")
        )
    return Diagram(
        "diagram-failure-map",
        lang,
        WIDTH,
        y + MARGIN + 4,
        book.t("diagram.failure_map.title", lang),
        book.t("diagram.failure_map.desc", lang) + " " + ". ".join(desc),
        shapes,
    )


def step_guards(book: Handbook, lang: str) -> Diagram:
    """The reverse view: for each checklist step, how many causes it guards against (bars)."""
    c = _Canvas(lang)
    steps = sorted(book.checklist, key=lambda s: s.number)
    counts = {s.id: len(s.guards_against) for s in steps}
    top = max(counts.values()) or 1
    shapes: list = []
    desc = []
    y = MARGIN
    bar_max = WIDTH - 2 * MARGIN - 40
    for step in steps:
        title = f"{_digits(step.number, lang)}. {step.title[lang]}"
        link = Link(_href("checklist", step.id, "checklist"), step.title[lang])
        for line in wrap(title, WIDTH - 2 * MARGIN):
            y += LINE
            link.shapes.append(Text(c.tx(MARGIN), y, line, "hb-d-text hb-d-link"))
        shapes.append(link)
        y += 6
        w = max(4, bar_max * counts[step.id] / top)
        shapes.append(Rect(c.x(MARGIN, w), y, w, 12, "hb-d-bar" + (" hb-d-strong" if counts[step.id] == top else ""), 3))
        shapes.append(Text(c.tx(MARGIN + w + 6), y + 11, _digits(counts[step.id], lang), "hb-d-title"))
        y += 20
        names = [cause.title[lang] for cause in book.failure_causes if cause.id in step.guards_against]
        desc.append(f"{title}: {_digits(counts[step.id], lang)} — {_join(names, lang)}")
    return Diagram("diagram-step-guards", lang, WIDTH, y + MARGIN, book.t("diagram.step_guards.title", lang), ". ".join(desc), shapes)


# -- the three CRM types -----------------------------------------------------------------------


def crm_types(book: Handbook, lang: str) -> list[Diagram]:
    """One card per CRM type (shown side by side on wide screens, stacked on phones)."""
    width = 260
    cards = []
    for t in book.crm_types:
        c = _Canvas(lang, width)
        shapes: list = []
        inner = width - 2 * PAD
        y = 0
        shapes.append(Rect(0, 0, width, 34, "hb-d-head", 6))
        shapes.append(
            Link(_href("crm-types", t.id, "crm-types"), t.name[lang], [Text(c.tx(PAD), 22, t.name[lang], "hb-d-title hb-d-on-head")])
        )
        y = 34 + 6
        for line in wrap(t.contribution[lang], inner):
            y += LINE
            shapes.append(Text(c.tx(PAD), y, line))
        y += 10
        shapes.append(Text(c.tx(PAD), y + BODY, f"{book.t('label.tools', lang)}:", "hb-d-label"))
        y += BODY + 4
        for tool in t.tools:
            for k, line in enumerate(wrap(tool[lang], inner - 12)):
                y += LINE
                shapes.append(Text(c.tx(PAD + 4 + (0 if k == 0 else HANG + 2)), y, ("◆ " if k == 0 else "") + line))
        y += PAD
        shapes.insert(0, Rect(0.5, 0.5, width - 1, y, "hb-d-box", 6))
        desc = f"{t.contribution[lang]}. {book.t('label.tools', lang)}: {_join((x[lang] for x in t.tools), lang)}"
        cards.append(Diagram(f"diagram-type-{t.id}", lang, width, y + 1, t.name[lang], desc, shapes, "hb-diagram--card"))
    return cards


# -- case studies -------------------------------------------------------------------------------


def case_study(book: Handbook, lang: str, case) -> Diagram:
    """Goal -> actions -> results, with the KPIs watched."""
    c = _Canvas(lang)
    kpis = book.by_id("kpis")
    box_w = WIDTH - 2 * MARGIN
    inner = box_w - 2 * PAD
    shapes: list = []
    y = MARGIN
    sections = [
        # Labels, not the texts: the page prints those right below, whole.
        ("goal", book.t("label.priority", lang), [book.t(f"priority.{case.priority}", lang)], []),
        ("actions", book.t("label.actions", lang), [a.label[lang] for a in case.actions], []),
        ("results", book.t("label.results", lang), [r.label[lang] for r in case.results], []),
    ]
    if case.kpis:
        sections.append(("kpis", book.t("label.kpis_watched", lang), [], [kpis[k] for k in case.kpis]))
    for n, (kind, label, texts, links) in enumerate(sections):
        top = y
        inner_shapes: list = []
        y += PAD + TITLE
        inner_shapes.append(Text(c.tx(MARGIN + PAD), y, label, "hb-d-title"))
        y += 4
        for text in texts:
            bullet = len(texts) > 1
            for k, line in enumerate(wrap(text, inner - (12 if bullet else 0))):
                y += LINE
                inner_shapes.append(
                    Text(c.tx(MARGIN + PAD + (8 + (0 if k == 0 else HANG) if bullet else 0)), y, ("• " if bullet and k == 0 else "") + line)
                )
        for k in links:
            name = k.name[lang] + (f" ({k.abbreviation})" if k.abbreviation else "")
            link = Link(_href("kpis", k.id, "case-studies"), name)
            for j, line in enumerate(wrap(name, inner - 12)):
                y += LINE
                link.shapes.append(
                    Text(c.tx(MARGIN + PAD + 8 + (0 if j == 0 else HANG + 2)), y, ("◆ " if j == 0 else "") + line, "hb-d-text hb-d-link")
                )
            inner_shapes.append(link)
        y += PAD
        shapes.append(Rect(c.x(MARGIN, box_w), top, box_w, y - top, f"hb-d-box hb-d-case-{kind}"))
        shapes.extend(inner_shapes)
        if n < len(sections) - 1:
            mid = WIDTH / 2
            shapes.append(Path(f"M{mid} {y + 2} V{y + 16} M{mid - 6} {y + 10} L{mid} {y + 16} L{mid + 6} {y + 10}", "hb-d-arrow"))
            y += 20
    desc = ". ".join(
        f"{label}: {LANGUAGE[lang].clause_separator.join(texts)}{_join((k.name[lang] for k in links), lang)}"
        for _, label, texts, links in sections
    )
    title = book.t("diagram.case.title", lang, title=case.title[lang])
    return Diagram(f"diagram-case-{case.id}", lang, WIDTH, y + MARGIN, title, desc, shapes)


def text_of(diagram: Diagram) -> str:
    """All the words a diagram shows (for tests: the SVG's text must match the YAML)."""
    out = []

    def visit(shapes):
        for s in shapes:
            if isinstance(s, Text):
                out.append(s.text)
            elif isinstance(s, Link):
                visit(s.shapes)

    visit(diagram.shapes)
    return " ".join(out)
