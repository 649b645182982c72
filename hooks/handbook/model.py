"""Typed content model of the handbook.

The pydantic models below *are* the schema documented in ``content_data/README.md``.
Nothing here imports MkDocs: the model can be loaded, validated and tested on its own.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .digits import localize_digits
from .languages import DEFAULT_LANGUAGE, LANGUAGES, wrong_script
from .site_pages import CHAPTERS, FAILURE_GROUP_PAGES, FAILURE_GROUPS, NARRATIVE_PAGES, PAGES, TEACHING_PAGES
from .text import inline_problems, presentation_forms, visible, web_url

# Re-exported: the registries are languages.py and site_pages.py.
__all__ = [
    "CHAPTERS",
    "DEFAULT_LANGUAGE",
    "FAILURE_GROUPS",
    "FAILURE_GROUP_PAGES",
    "LANGUAGES",
    "NARRATIVE_PAGES",
    "PAGES",
    "TEACHING_PAGES",
]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


# A placeholder: {name}, lower-case letters and underscores (the loader's check of every
# language's placeholders reads the same pattern).
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# A value that is a number (written out or not): its digits are the language's own.
_NUMBER = re.compile(r"[-−+]?[\d.,٫٬]+%?")


def fill(text: str, lang: str, **values: object) -> str:
    """``text`` with each ``{name}`` given in ``values`` replaced by its value; other
    placeholders are left for their caller ({url}). A number (or a text that is only a number)
    is written in the language's digits (languages.py); any other text is put in as it is, so a
    Latin code in a title ("ISO 27001") keeps its digits. The one place placeholders are filled,
    in one pass: a value that holds "{x}" stays as it is. The loader holds every language of a
    text to the same placeholders."""

    def value(name: str) -> str:
        v = values[name]
        return localize_digits(v, lang) if isinstance(v, int | float) or _NUMBER.fullmatch(str(v)) else str(v)

    return PLACEHOLDER.sub(lambda m: value(m[1]) if m[1] in values else m[0], text)


def _check_text(value: str, lang: str | None = None) -> str:
    """What every text must be, checked as a reader sees it (handbook/text.py renders it)."""
    # Invisible characters alone say nothing, and a presentation form is the glyph of a letter
    # (U+FEF3 is a ye's shape), which must be typed as the letter itself.
    if not visible(value):
        raise ValueError("text has no visible characters (only spaces, zero-width or direction marks)")
    forms = presentation_forms(value)
    if forms:
        letters = ", ".join(f"U+{ord(c):04X} → {unicodedata.normalize('NFKC', c)}" for c in forms)
        raise ValueError(f"Arabic presentation forms (glyph shapes, not letters): {letters}; type the letters themselves")
    if lang in WRONG_SCRIPT:
        wrong = sorted(set(WRONG_SCRIPT[lang].findall(value)))
        if wrong:
            raise ValueError(f"wrong-script characters {' '.join(wrong)}: {WRONG_SCRIPT_HINT[lang]}")
    problems = inline_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


def _check_url(value: str) -> str:
    why = web_url(value)
    if why:
        raise ValueError(why)
    return value


# A short text that is the same in every language (an abbreviation, an English expansion).
Plain = Annotated[NonEmpty, AfterValidator(_check_text)]
WebUrl = Annotated[str, AfterValidator(_check_url)]
SolarHijriDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]

# Letters and digits that belong to a neighbouring language's orthography (languages.py).
WRONG_SCRIPT = {lang: re.compile(f"[{''.join(wrong_script(lang)[:2])}]") for lang in LANGUAGES if wrong_script(lang)[0]}
WRONG_SCRIPT_HINT = {lang: wrong_script(lang)[2] for lang in WRONG_SCRIPT}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Text(Strict):
    """A human-readable text in all three languages."""

    fa: NonEmpty
    ar: NonEmpty
    en: NonEmpty

    @field_validator("fa", "ar", "en")
    @classmethod
    def _text(cls, value: str, info) -> str:
        return _check_text(value, info.field_name)

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


def _unique(items: list, keys: list[str], message: str) -> list:
    """``items`` as they are when their ``keys`` are unique; else the message names the repeated ones."""
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"{message} (repeated: {', '.join(repeated)})")
    return items


class SourceRef(Strict):
    """Where a text comes from: a source, and where in it (a part of the source, and for a
    numbered part the item): "mir-crm-failures", part "mistake", item 4 reads "mistake 4"."""

    source: Id
    part: Id | None = None
    item: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _item_needs_part(self):
        if self.item is not None and self.part is None:
            raise ValueError("an item number needs the part it is numbered in (part: one of the source's parts)")
        return self


Sources = Annotated[list[SourceRef], Field(min_length=1)]


class NotedSourceRef(SourceRef):
    """A source reference with what that source says at that place, in a sentence: the item's
    own explanation is the handbook's synthesis, and each source's part of it is reported here."""

    note: Text


NotedSources = Annotated[list[NotedSourceRef], Field(min_length=1)]
Texts = Annotated[list[Text], Field(min_length=1)]


class Item(Strict):
    id: Id


class Avoid(Strict):
    """Variants of a term that the handbook does not use, per language (handbook/termbase.py)."""

    fa: list[NonEmpty] = []
    ar: list[NonEmpty] = []
    en: list[NonEmpty] = []


class SourcePart(Strict):
    """A numbered list of a source (``count`` items; ``label`` has ``{n}``: "mistake {n}"), or
    one of its sections (no count; ``label`` names it: 'section "Measuring..."').
    Citations point at a part, so a reader can find the passage."""

    id: Id
    label: Text
    count: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _placeholder(self):
        for lang in LANGUAGES:
            if ("{n}" in self.label[lang]) != (self.count is not None):
                raise ValueError(
                    f"label.{lang}: a numbered part (count) has {{n}} in its label where the number goes, and a section has neither"
                )
        return self


class Source(Item):
    title: Text
    short: Text  # how the handbook names it in citations and prose: "Mir", "the eight-problems article"
    author: Text | None = None
    publisher: Text | None = None
    published: SolarHijriDate | None = None
    updated: SolarHijriDate | None = None
    url: WebUrl | None = None
    language: Literal["fa", "ar"]
    parts: list[SourcePart] = []
    note: Text | None = None

    @field_validator("parts")
    @classmethod
    def _unique_parts(cls, parts):
        return _unique(parts, [p.id for p in parts], "part ids must be unique within a source")

    def part(self, part_id: str) -> SourcePart | None:
        return next((p for p in self.parts if p.id == part_id), None)


class Reference(Item):
    """A standard work a student can look up (not one of the five articles): what a standard
    definition or formula of the handbook is checked against. Bibliographic details are written
    once, as published; ``note`` says in each language what the handbook uses it for."""

    short: Plain  # how the text names it: "Reichheld (2003)"
    citation: Plain  # the full bibliographic entry
    italic: list[Plain] = []  # the parts set in italics (a book's title; a journal and its volume)
    note: Text

    @model_validator(mode="after")
    def _italic_in_citation(self):
        for part in self.italic:
            if self.citation.count(part) != 1:
                raise ValueError(f"italic part {part!r} must occur exactly once in the citation")
        return self


class CrmType(Item):
    name: Text
    contribution: Text  # what it adds, in a few words (its card; the summary is on the page)
    summary: Text
    tools: Texts
    sources: Sources


class LifecycleStage(Item):
    order: Annotated[int, Field(ge=1)]
    name: Text
    summary: Text
    crm_types: list[Id] = []
    sources: Sources


# The failure causes are taught on three pages, one per group (failure-causes-<group>), after
# an overview page (failure-causes) that maps them all.


# The parts of the sources that list causes of failure (sources.yaml): Mir's ten mistakes, the
# eight-problems article's problems, the Arabic article's seven causes.
FAILURE_LISTS = ("mistake", "problem", "cause")


class FailureCause(Item):
    title: Text
    group: Literal[FAILURE_GROUPS]
    summary: Text
    explanation: Text  # the handbook's synthesis; each source's own words are in its note
    warning_signs: Texts
    remedies: Texts
    prevented_by: list[Id] = []
    kpis: list[Id] = []
    sources: NotedSources
    evidence: Text | None = None  # where a figure or claim of the sources is weak or untraceable

    @property
    def page(self) -> str:
        """The page stem the cause is taught on."""
        return FAILURE_GROUP_PAGES[self.group]

    @property
    def added_by_handbook(self) -> bool:
        """No source lists it among the causes of failure (it cites none of their lists): the
        handbook adds it, and its explanation says so instead of "from the sources below"."""
        return not any(ref.part in FAILURE_LISTS for ref in self.sources)


# When a checklist step can be checked: before the project starts, while the CRM is being built,
# once it is live, or throughout (the handbook's reading; Mir's list gives no phases).
CHECKLIST_PHASES = ("before", "build", "live", "throughout")


class ChecklistStep(Item):
    number: Annotated[int, Field(ge=1)]
    title: Text
    question: Text
    success_indicator: Text
    phase: Literal[CHECKLIST_PHASES]
    guards_against: list[Id] = []
    sources: Sources
    evidence: Text | None = None


# Customer outcomes, operations (the contact centre and the unit's economics), and internal
# adoption of the CRM, which measures staff, not a stage of the customer's lifecycle.
KPI_FAMILIES = ("customer", "operations", "adoption")


class WorkedExample(Strict):
    """A KPI's formula worked on the running case (handbook/worked.py): ``expression`` is its
    arithmetic over the case's figures and other KPIs' results (ids with _), ``decimals`` how
    the result is rounded, ``result`` a sentence that states that result as the page writes it."""

    expression: NonEmpty
    decimals: Annotated[int, Field(ge=0, le=4)] = 0
    result: Text


class Kpi(Item):
    """``sources`` are where the articles name the indicator (none: the handbook adds it); none
    of them defines one. Its definition and formula are ``standard`` (and name the
    ``references`` that give them), common ``practice`` in the field that no single work defines
    (win rates, cost per lead, mean time to resolution), or the handbook's own ``synthesis``; what
    it reveals and its stage are always the handbook's. A customer indicator names the one
    lifecycle stage it measures, or, if it measures a path across stages, the stages it ``spans``
    (the lead conversion rate: consideration and purchase). An adoption indicator measures staff
    and an efficiency indicator the operation: neither has a stage."""

    name: Text
    abbreviation: Plain | None = None
    family: Literal[KPI_FAMILIES]
    definition: Text
    formula: Text | None = None
    basis: Literal["standard", "practice", "synthesis"]
    references: list[Id] = []
    reveals: Text
    stage: Id | None = None
    spans: list[Id] = []
    sources: list[SourceRef] = []
    evidence: Text | None = None
    avoid: Avoid | None = None  # variants of its name the texts must not use
    example: WorkedExample | None = None  # the formula worked on the running case's figures

    @model_validator(mode="after")
    def _example_with_formula(self):
        if (self.formula is None) != (self.example is None):
            raise ValueError("a KPI with a formula has a worked example (example), and only such a KPI")
        return self

    @model_validator(mode="after")
    def _stage(self):
        if self.family == "adoption" and self.stage is not None:
            raise ValueError("an adoption indicator measures staff, not a stage of the customer's lifecycle: remove stage")
        if self.family == "adoption" and self.spans:
            raise ValueError("an adoption indicator measures staff, not stages of the customer's lifecycle: remove spans")
        if self.family == "customer" and (self.stage is None) == (not self.spans):
            raise ValueError(
                "a customer indicator names the lifecycle stage it measures (stage), or the stages a path across them spans (spans), not both"
            )
        if self.spans and len(set(self.spans)) < 2:
            raise ValueError("spans names at least two different stages; a single stage is stage")
        return self

    @model_validator(mode="after")
    def _basis(self):
        if (self.basis == "standard") != bool(self.references):
            raise ValueError(
                "basis: standard names the references that define it (references: [...]); the handbook's own synthesis names none"
            )
        return self


PRIORITIES = ("cost", "experience", "revenue")


class Step(Strict):
    """One action or result of a case: its full text (the page) and a short label of a few
    words naming it (the case's figure), so the figure never repeats or cuts the text."""

    label: Text
    text: Text


class CaseStudy(Item):
    title: Text
    priority: Literal[PRIORITIES]
    goal: Text
    actions: Annotated[list[Step], Field(min_length=1)]
    results: Annotated[list[Step], Field(min_length=1)]
    kpis: list[Id] = []
    sources: Sources
    evidence: Text | None = None


# Narrative chapters (hand-written Markdown in docs/<lang>/<page>.md) that key ideas live on.


class KeyIdea(Item):
    """An enumerated idea of a source that is not a cause, step, KPI or case: shown on a narrative page."""

    title: Text
    summary: Text
    points: Texts
    page: Literal[NARRATIVE_PAGES]
    sources: Sources
    evidence: Text | None = None


class GlossaryTerm(Item):
    term: Text
    abbreviation: Plain | None = None
    expansion: Plain | None = None
    definition: Text
    sources: list[SourceRef] = []
    evidence: Text | None = None
    avoid: Avoid | None = None  # variants of the term the texts must not use (the termbase)


# The maturity quiz (scoring in handbook/quiz.py). "Don't know" is offered on every question
# by the quiz itself, so it is not an option here.
class QuizOption(Strict):
    text: Text
    score: Annotated[int, Field(ge=0)]


class QuizQuestion(Strict):
    id: Id
    text: Text
    # Only answerable once the CRM is live: before go-live it does not apply (it is left out
    # of the score and reported), and the result is a readiness result, not a maturity one.
    after_launch: bool = False
    options: Annotated[list[QuizOption], Field(min_length=4, max_length=5)]

    @model_validator(mode="after")
    def _ordered(self):
        scores = [o.score for o in self.options]
        if any(b <= a for a, b in pairwise(scores)):
            raise ValueError(f"option scores must increase from the absent state to the exemplary one (got {scores})")
        if scores[0] != 0:
            raise ValueError("the first option (the absent state) must score 0")
        return self


class QuizDimension(Strict):
    """What one part of the quiz measures: a checklist step (its title, success indicator and the
    causes it guards against come from checklist.yaml), or an area the checklist does not cover,
    which then names its own title and the key idea that teaches it (``idea``)."""

    id: Id
    step: Id | None = None
    idea: Id | None = None
    title: Text | None = None
    # What the action plan asks for, where the step's own success indicator proves less than it
    # seems (its `evidence` note says so): then the plan never aims at it.
    indicator: Text | None = None
    questions: Annotated[list[QuizQuestion], Field(min_length=2, max_length=4)]

    @model_validator(mode="after")
    def _one_home(self):
        if (self.step is None) == (self.idea is None):
            raise ValueError("a dimension measures either a checklist step (step) or another area (idea + title), not both")
        if self.idea is not None and self.title is None:
            raise ValueError("a dimension without a checklist step needs its own title")
        if self.step is not None and self.title is not None:
            raise ValueError("a checklist step's dimension takes its title from checklist.yaml; remove title")
        if self.indicator is not None and self.step is None:
            raise ValueError("only a checklist step's dimension can replace the step's success indicator")
        if sum(not q.after_launch for q in self.questions) < 2:
            # Before go-live the after_launch questions do not apply; one answer alone would decide
            # the area's score (and a "don't know" in it would withhold every result).
            raise ValueError("at least two questions must apply before go-live (not after_launch), so no area rests on one answer")
        return self


class QuizSlot(Strict):
    """One line of content_data/quiz_ledger.yaml: a question's permanent place in share codes."""

    id: Id
    retired: bool = False


class QuizLevel(Strict):
    id: Id
    min_score: Annotated[int, Field(ge=0, le=100)]
    name: Text
    description: Text  # a maturity result: the CRM is live
    readiness_name: Text  # a readiness result's name ("Ready for launch", not "Optimising")
    readiness_description: Text  # a readiness result: the CRM is still being planned or implemented


QUIZ_MODES = ("all", "step", "workshop")
# Where the visitor's CRM is: live, or still being planned or implemented (handbook/quiz.py).
QUIZ_STAGES = ("live", "pre-launch")
# Names the quiz page itself uses: the form's own radio groups (and their fieldsets #q-<name>),
# and its own sections (#quiz-<name>). A question or dimension id may not take them.
# Ids the site gives its own elements start with these (hb-ui, hb-redirects, quiz-result,
# q-priority, level-defined, diagram-lifecycle, index-of-links, Material's md-…): an item id may
# not, so it can never take over one of them. (handbook/pages.py also refuses an item id that
# equals any other anchor on its page, such as a heading's.)
RESERVED_ID_PREFIXES = ("hb-", "quiz-", "q-", "level-", "diagram-", "index-", "md-")
QUIZ_RESERVED_QUESTION_IDS = ("priority", "stage", "hb-quiz-mode")
QUIZ_RESERVED_DIMENSION_IDS = ("method", "result")


class ReviewQuestion(Strict):
    question: Text
    answer: Text  # a model answer, shown when the reader opens it


class Lesson(Item):
    """The teaching aids of one page (``id`` is the page's stem): what a student should be able
    to do after it, the glossary terms it relies on, a short summary, review questions with
    model answers, and the standard works to read next (references.yaml). Questions may use the
    running case (teaching_cases.yaml)."""

    outcomes: Annotated[list[Text], Field(min_length=2, max_length=5)]
    key_terms: Annotated[list[Id], Field(min_length=2, max_length=8)]
    summary: Text
    questions: Annotated[list[ReviewQuestion], Field(min_length=2, max_length=5)]
    further_reading: Annotated[list[Id], Field(max_length=3)] = []

    @field_validator("id")
    @classmethod
    def _a_teaching_page(cls, value: str) -> str:
        if value not in TEACHING_PAGES:
            raise ValueError(f"a lesson's id is the page it belongs to, one of: {', '.join(TEACHING_PAGES)}")
        return value


# A name in a worked example's arithmetic (handbook/worked.py): a figure, or a KPI's id with _.
FigureName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Figure(Strict):
    """One figure of the running case, for the KPIs' worked examples: its name in their
    arithmetic, its value, and what it is in each language (with its unit: "…, in hours")."""

    name: FigureName
    value: Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)]
    label: Text


class CaseAnswer(Strict):
    """One quiz question answered for the running case: the option (0 = the first, as listed in
    quiz_dimensions.yaml) or "dk" (don't know), and the observable fact about the case that
    makes that answer the right one, so a class can answer from the facts alone."""

    question: Id
    answer: Annotated[int, Field(ge=0, le=9)] | Literal["dk"]
    fact: Text


class CaseQuiz(Strict):
    """The running case in the maturity quiz: its stage, its business priority and one fact per
    question; the trainer page lists the facts by quiz area and links to the quiz with these
    answers filled in (a share link), so a course session can take the quiz for the case."""

    stage: Literal[QUIZ_STAGES]
    priority: Literal[PRIORITIES] | None = None
    answers: Annotated[list[CaseAnswer], Field(min_length=1)]


class TeachingCase(Item):
    """A fictional organisation the review questions and course activities use, so a student
    without a workplace can do every exercise. Shown on the trainer page; its ``figures`` run
    through every KPI formula (the KPIs' worked examples); its ``quiz`` answers every quiz
    question from facts about it."""

    name: Text
    profile: Text
    facts: Annotated[list[Text], Field(min_length=3)]
    figures: list[Figure] = []
    quiz: CaseQuiz | None = None

    @field_validator("figures")
    @classmethod
    def _unique_names(cls, figures):
        return _unique(figures, [f.name for f in figures], "figure names must be unique")


class CourseSession(Item):
    """One session of the suggested course on the trainer page."""

    title: Text
    goal: Text
    activity: Text
    minutes: Annotated[int, Field(ge=15, le=480)]
    pages: Annotated[list[Literal[PAGES]], Field(min_length=1)]
    checklist: list[Id] = []
    failure_causes: list[Id] = []
    case_studies: list[Id] = []
    quiz_mode: Literal[QUIZ_MODES] | None = None


# A link as tests/published_links.txt writes it, relative to a language's root: "./" (home),
# "checklist/" (a page) or "checklist/#customer-definition" (an item on a page).
LINK_PATTERN = r"^(\./|[a-z0-9]+(-[a-z0-9]+)*/)(#[a-z0-9]+(-[a-z0-9]+)*)?$"
Link = Annotated[str, StringConstraints(pattern=LINK_PATTERN)]


class Redirect(Strict):
    """A published link that moved: readers who follow `old` land on `new`, in every language.

    The loader checks that `old` no longer exists (a redirect must not hide a live link) and
    that `new` does. The old link is the redirect's id (one redirect per old link).
    """

    old: Link
    new: Link

    @property
    def id(self) -> str:
        return self.old

    @property
    def old_page(self) -> str:
        return self.old.split("#")[0]

    @property
    def old_anchor(self) -> str:
        return self.old.partition("#")[2]


# One entry per content file: file stem -> item model. The order is the load order.
KINDS: dict[str, type[Strict]] = {
    "sources": Source,
    "references": Reference,
    "crm_types": CrmType,
    "lifecycle_stages": LifecycleStage,
    "failure_causes": FailureCause,
    "checklist": ChecklistStep,
    "kpis": Kpi,
    "case_studies": CaseStudy,
    "key_ideas": KeyIdea,
    "glossary": GlossaryTerm,
    "quiz_dimensions": QuizDimension,
    "quiz_levels": QuizLevel,
    "quiz_ledger": QuizSlot,
    "course_sessions": CourseSession,
    "teaching_cases": TeachingCase,
    "lessons": Lesson,
    "redirects": Redirect,
}


# Reference fields: (kind, field) -> kind the ids must exist in.
REFERENCES: dict[tuple[str, str], str] = {
    ("lifecycle_stages", "crm_types"): "crm_types",
    ("failure_causes", "prevented_by"): "checklist",
    ("failure_causes", "kpis"): "kpis",
    ("checklist", "guards_against"): "failure_causes",
    ("kpis", "stage"): "lifecycle_stages",
    ("kpis", "spans"): "lifecycle_stages",
    ("kpis", "references"): "references",
    ("case_studies", "kpis"): "kpis",
    ("quiz_dimensions", "step"): "checklist",
    ("quiz_dimensions", "idea"): "key_ideas",
    ("course_sessions", "checklist"): "checklist",
    ("course_sessions", "failure_causes"): "failure_causes",
    ("course_sessions", "case_studies"): "case_studies",
    ("lessons", "key_terms"): "glossary",
    ("lessons", "further_reading"): "references",
}

# Fields whose integer value must be unique within its kind.
UNIQUE_NUMBERS: dict[str, str] = {"lifecycle_stages": "order", "checklist": "number"}

# Pairs of reference fields that must mirror each other.
MIRRORED: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = ((("failure_causes", "prevented_by"), ("checklist", "guards_against")),)


class Handbook(BaseModel):
    """All content, validated and cross-checked. Lists keep the order of the YAML files."""

    model_config = ConfigDict(frozen=True)

    sources: list[Source]
    references: list[Reference]
    crm_types: list[CrmType]
    lifecycle_stages: list[LifecycleStage]
    failure_causes: list[FailureCause]
    checklist: list[ChecklistStep]
    kpis: list[Kpi]
    case_studies: list[CaseStudy]
    key_ideas: list[KeyIdea]
    glossary: list[GlossaryTerm]
    quiz_dimensions: list[QuizDimension]
    quiz_levels: list[QuizLevel]
    quiz_ledger: list[QuizSlot]
    course_sessions: list[CourseSession]
    teaching_cases: list[TeachingCase]
    lessons: list[Lesson]
    redirects: list[Redirect]
    ui: dict[str, Text]

    def by_id(self, kind: str) -> dict[str, Item]:
        return {item.id: item for item in getattr(self, kind)}

    def t(self, key: str, lang: str, **values: object) -> str:
        """The UI string ``key`` in ``lang`` with its ``{name}`` placeholders filled (:func:`fill`)."""
        return fill(self.ui[key][lang], lang, **values)
