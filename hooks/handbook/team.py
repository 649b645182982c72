"""Team assessment (issue 18): several people answer the quiz for one organisation; their results
are put together. The reference for the browser's team view, as handbook/quiz.py is for its
scoring (no MkDocs imports). Nothing here leaves the reader's machine: the answers travel in
result links (``#answers=<code>``), as a single result's do.

Rules, in plain words:

- a respondent is one result link (or a bare share code) on a line, optionally after a
  nickname and a colon («Sara: https://…/quiz/#answers=2.cl…»); without one, respondents are
  named A, B, C… in the order given (a name is never given twice: a repeated nickname gets a
  number, «Sara 2», shortened to stay within a nickname's 40 characters). A line that holds no
  code of this quiz is listed with the reason and skipped; so is a line with the same name and
  the same answers as one already read (a link says nothing of who sent it: two people who
  answered alike are told apart by their names);
- codes from an older question set are read through the ledger, as a single result is: an
  answer to a retired question is dropped, a question published later is unanswered;
- each respondent is scored as a single result (handbook/quiz.py), at the team's stage once it
  is known (below), else at their own. Per dimension the team shows the median of the
  respondents' dimension scores, the lowest and the highest, how many respondents have a score
  for it, and how many answered "don't know" to most of it;
- per question: the lowest and highest option chosen (by respondents who chose one), how many
  said "don't know"; respondents *disagree* when their options are two or more apart ("discuss
  these first"); *nobody knows* when more than half of those who answered said "don't know"
  (neither for a question that does not apply at the team's stage);
- the team's own result follows the single result's rules on the medians: a dimension counts
  when at least half of the respondents have a score for it; the team's result needs every
  dimension that applies to count, and a stage: the one every respondent gave, or the one the
  team chooses when they differ or a code has none (a first-version code); the overall score
  is the mean of the medians, its level is capped one level above the weakest dimension's, and
  the weakest dimensions are found as for one result (quiz.weakest).
"""

from __future__ import annotations

import json
import re
import string
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median, median_low

from .model import QuizDimension, QuizLevel, QuizSlot
from .quiz import CODEC, DONT_KNOW, STAGES, level_index, score, weakest

# A line longer than this (in UTF-16 code units, as the browser counts) is no result link: a
# code has one character per ledger slot.
MAX_LINE = 2000
# Spaces and line breaks are these characters only, here and in quiz/team.js: Python and
# JavaScript disagree on what else is white space.
SPACE = " \t"
_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines()'s, written out
_ANSWERS = re.compile(r"(?:^|[#&])answers=([^& \t]*)")
# Matched on the trimmed line; the name starts with no space, so no two parts of the pattern can
# take the same spaces (a line of 2,000 spaces would otherwise cost millions of steps).
NICKNAME_LENGTH = 40  # characters; quiz/quiz.js cuts the facilitator line's nickname to it
_NICKNAME = re.compile(rf"^([^:#&=/ \t][^:#&=/]{{0,{NICKNAME_LENGTH - 1}}}?)[ \t]*:[ \t]+([^ \t].*)$")


@dataclass(frozen=True)
class Decoded:
    """A share code read back (the inverse of quiz.encode; quiz/core.js ``decode``)."""

    version: str
    priority: str | None
    stage: str | None
    answers: dict[str, int | str]
    dropped: tuple[str, ...] = ()  # answers to retired questions or to options that no longer exist
    added: int = 0  # questions published after the code was made


def decode(ledger: list[QuizSlot], dimensions: list[QuizDimension], text: object) -> Decoded | None:
    """The answers of share code ``text``, or None for anything that is not a code of this quiz."""
    if not isinstance(text, str) or len(text) > 4 * len(ledger) + 16:
        return None
    match = re.fullmatch(r"([0-9]+)\.(.*)", text, re.S)
    if not match:
        return None
    version, rest = match.groups()
    priorities = {v: k for k, v in CODEC["priorities"].items()}
    stages = {v: k for k, v in CODEC["stages"].items()}
    if version == CODEC["version"]:
        if len(rest) < 2 or rest[0] not in {*priorities, CODEC["none"]} or rest[1] not in {*stages, CODEC["none"]}:
            return None
        priority, stage, slots = priorities.get(rest[0]), stages.get(rest[1]), rest[2:]
        if len(slots) > len(ledger):
            return None
    elif version in CODEC["legacy"]:
        if len(rest) != 1 + CODEC["legacy"][version] or rest[0] not in {*priorities, CODEC["none"]}:
            return None
        priority, stage, slots = priorities.get(rest[0]), None, rest[1:]
    else:
        return None
    if not re.fullmatch(rf"[0-9{re.escape(CODEC['dontKnow'] + CODEC['none'])}]*", slots):
        return None
    options = {q.id: len(q.options) for d in dimensions for q in d.questions}
    answers: dict[str, int | str] = {}
    dropped = []
    for slot, char in zip(ledger, slots, strict=False):
        if char == CODEC["none"]:
            continue
        answer: int | str = DONT_KNOW if char == CODEC["dontKnow"] else int(char)
        if slot.retired or slot.id not in options or (answer != DONT_KNOW and not answer < options[slot.id]):
            dropped.append(slot.id)
            continue
        answers[slot.id] = answer
    added = sum(1 for slot in ledger[len(slots) :] if not slot.retired and slot.id in options)
    return Decoded(version, priority, stage, answers, tuple(dropped), added)


@dataclass(frozen=True)
class Respondent:
    name: str
    code: str
    decoded: Decoded


@dataclass(frozen=True)
class Skipped:
    line: int  # 1-based, in the text given
    text: str  # the line as given, shortened
    reason: str  # "not-a-code" | "duplicate" | "too-long"


def code_of(text: str) -> str | None:
    """The share code in a result link (``…/quiz/#answers=2.cl…``, any address) or a bare code."""
    text = text.strip(SPACE)
    found = _ANSWERS.search(text)
    if found:
        try:
            return urllib.parse.unquote(found[1], errors="strict")
        except UnicodeDecodeError:
            return None
    return text or None


def _names() -> Iterable[str]:
    """A, B, … Z, then AA, AB, …: names for respondents who gave none."""
    letters = string.ascii_uppercase
    for size in range(1, 4):
        for i in range(len(letters) ** size):
            name, n = "", i
            for _ in range(size):
                name = letters[n % 26] + name
                n //= 26
            yield name


def _numbered(nickname: str, n: int) -> str:
    """«Sara 2»: the nickname shortened so that the name stays a nickname (40 characters)."""
    suffix = f" {n}"
    return nickname[: NICKNAME_LENGTH - len(suffix)] + suffix


def _unique(nickname: str | None, taken: set[str], names, count: int, counters: dict[str, int]) -> str:
    """A respondent's name, never one already given: a repeated nickname gets a number («Sara 2»),
    a respondent without one the next of A, B, C… not taken. ``counters``: the last number each
    nickname got (every lower one is taken), so a thousand «Sara» lines cost no more than one."""
    if nickname:
        n = counters.get(nickname, 1)
        name = nickname if n == 1 else _numbered(nickname, n)
        while name in taken:
            n += 1
            name = _numbered(nickname, n)
        counters[nickname] = n
    else:
        name = next((x for x in names if x not in taken), f"#{count + 1}")
    taken.add(name)
    return name


def respondents(ledger, dimensions, text: str) -> tuple[list[Respondent], list[Skipped]]:
    """The respondents of pasted lines (one result link per line), and the lines skipped, each
    with its reason. Never raises on any text."""
    found: list[Respondent] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    taken: set[str] = set()
    counters: dict[str, int] = {}
    names = _names()
    for number, line in enumerate(_BREAKS.split(str(text)), start=1):
        trimmed = line.strip(SPACE)
        if not trimmed:
            continue
        shown = trimmed[:80]
        if _units(line) > MAX_LINE:
            skipped.append(Skipped(number, shown, "too-long"))
            continue
        nickname, link = None, trimmed
        named = _NICKNAME.match(trimmed)
        if named and ("answers=" in named[2] or re.fullmatch(r"[0-9]+\..*", named[2].strip(SPACE))):
            nickname, link = named[1].strip(SPACE), named[2]
        code = code_of(link)
        decoded = decode(ledger, dimensions, code) if code else None
        if decoded is None:
            skipped.append(Skipped(number, shown, "not-a-code"))
            continue
        key = f"{nickname or ''}\n{code}"
        if key in seen:
            skipped.append(Skipped(number, shown, "duplicate"))
            continue
        seen.add(key)
        found.append(Respondent(_unique(nickname, taken, names, len(found), counters), code, decoded))
    return found, skipped


MAX_FILE_LINES = 200_000  # UTF-16 code units of a saved team file's lines, as the browser counts


@dataclass(frozen=True)
class FileEntry:
    """What a dropped file adds to the team: lines to read, and a saved team file's choices."""

    lines: str
    stage: str | None = None
    targets: str = ""  # as written ("dimension:level,…"); the page keeps the valid pairs


def _no_constant(name: str):
    raise ValueError(name)  # NaN and Infinity are no JSON to the browser


def read_file(ledger, dimensions, text: object) -> FileEntry | None:
    """What a file's text adds (quiz/team.js ``readFileText``): an exported quiz answers file
    (``{"app": "crm-handbook-quiz", "code": …}``) its code, a saved team file
    (``{"app": "crm-handbook-team", "lines": …, "stage": …, "targets": …}``) its lines and
    choices; None for anything else. Never raises."""
    try:
        value = json.loads(str(text), parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict):
        return None
    code, lines = value.get("code"), value.get("lines")
    if value.get("app") == "crm-handbook-quiz" and isinstance(code, str) and decode(ledger, dimensions, code):
        return FileEntry(code)
    if value.get("app") == "crm-handbook-team" and isinstance(lines, str) and _units(lines) <= MAX_FILE_LINES:
        stage, targets = value.get("stage"), value.get("targets")
        return FileEntry(lines, stage if stage in STAGES else None, targets if isinstance(targets, str) else "")
    return None


def _units(text: str) -> int:
    """Length in UTF-16 code units, as JavaScript counts a string."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass
class DimensionSpread:
    scored: int = 0  # respondents with a score for the dimension
    mostly_dont_know: int = 0  # respondents who answered "don't know" to most of it
    median: float | None = None
    low: float | None = None
    high: float | None = None
    level: int | None = None  # the median's level
    counts: bool = False  # at least half of the respondents have a score (the team's result uses it)
    applies: bool = True  # False when no question of it applies to any respondent (before go-live)


@dataclass
class QuestionSpread:
    chosen: list[int] = field(default_factory=list)  # each option chosen, one entry per respondent
    dont_know: int = 0
    disagree: bool = False  # options two or more apart
    nobody_knows: bool = False  # more than half of those who answered said "don't know"
    # The team's answer, which its action plan starts from: "don't know" when nobody knows, else
    # the lower median of the options chosen (of two middle answers, the more cautious one).
    answer: int | str | None = None


@dataclass
class Team:
    respondents: int
    dimensions: dict[str, DimensionSpread]
    questions: dict[str, QuestionSpread]
    stage: str | None  # the team's stage: the one every respondent gave, else the one it chose
    given: str | None  # the stage every respondent gave; None when they differ or one gave none
    stages: dict[str, int]  # stage -> how many respondents gave it
    priority: str | None  # the priority every respondent gave; None when they differ or one gave none
    complete: bool
    missing: list[str]  # dimensions too few respondents have a score for
    overall: float | None = None
    score_level: int | None = None
    level: int | None = None
    capped_by: list[str] = field(default_factory=list)
    weakest: list[str] = field(default_factory=list)
    disagree: list[str] = field(default_factory=list)  # question ids, page order
    nobody_knows: list[str] = field(default_factory=list)


def _total(values) -> float:
    """Floats added one by one, left to right, as the browser adds them (Python 3.12's sum()
    rounds more exactly, which could move a mean across a level boundary)."""
    total = 0.0
    for value in values:
        total += value
    return total


def aggregate(dimensions: list[QuizDimension], levels: list[QuizLevel], people: list[Respondent], stage: str | None = None) -> Team:
    """The team's view of ``people``'s answers (see the module's rules); ``stage``: the one the
    team chose, which counts only when the respondents' differ or one gave none."""
    stages: dict[str, int] = {}
    for p in people:
        if p.decoded.stage in STAGES:
            stages[p.decoded.stage] = stages.get(p.decoded.stage, 0) + 1
    given = next(iter(stages)) if len(stages) == 1 and sum(stages.values()) == len(people) else None
    agreed = given or (stage if stage in STAGES else None)  # a choice counts only where they differ
    # Once the team's stage is known, everyone is scored at it (an answer to an after-launch
    # question does not count before go-live), so the medians and the plan agree on the stage.
    results = [score(dimensions, levels, p.decoded.answers, agreed or p.decoded.stage) for p in people]
    priorities = {p.decoded.priority for p in people}
    per: dict[str, DimensionSpread] = {}
    questions: dict[str, QuestionSpread] = {}
    for dim in dimensions:
        spread = DimensionSpread()
        values = [r.dimensions[dim.id].score for r in results if r.dimensions[dim.id].status == "scored"]
        spread.scored = len(values)
        spread.mostly_dont_know = sum(r.dimensions[dim.id].status == "mostly-dont-know" for r in results)
        spread.applies = any(r.dimensions[dim.id].status != "not-applicable" for r in results) if results else True
        if values:
            spread.median, spread.low, spread.high = median(values), min(values), max(values)
            spread.level = level_index(levels, spread.median)
        spread.counts = bool(values) and 2 * len(values) >= len(people)
        per[dim.id] = spread
        for q in dim.questions:
            qs = QuestionSpread()
            for p in people:
                answer = p.decoded.answers.get(q.id)
                if answer == DONT_KNOW:
                    qs.dont_know += 1
                elif isinstance(answer, int):
                    qs.chosen.append(answer)
            # Before go-live an after-launch question does not apply: nothing to discuss or find out.
            applies = not (q.after_launch and agreed == "pre-launch")
            qs.disagree = applies and bool(qs.chosen) and max(qs.chosen) - min(qs.chosen) >= 2
            qs.nobody_knows = applies and 2 * qs.dont_know > qs.dont_know + len(qs.chosen)
            qs.answer = None if not applies else DONT_KNOW if qs.nobody_knows else median_low(qs.chosen) if qs.chosen else None
            questions[q.id] = qs
    order = [q.id for d in dimensions for q in d.questions]
    missing = [d.id for d in dimensions if per[d.id].applies and not per[d.id].counts]
    counted = [d.id for d in dimensions if per[d.id].applies and per[d.id].counts]
    team = Team(
        respondents=len(people),
        dimensions=per,
        questions=questions,
        stage=agreed,
        given=given,
        stages=stages,
        priority=priorities.pop() if len(priorities) == 1 and all(p.decoded.priority for p in people) else None,
        complete=bool(people) and agreed is not None and not missing and bool(counted),
        missing=missing,
        disagree=[q for q in order if questions[q].disagree],
        nobody_knows=[q for q in order if questions[q].nobody_knows],
    )
    if not team.complete:
        return team
    medians = {d: per[d].median for d in counted}
    team.overall = _total(medians[d] for d in counted) / len(counted)
    team.score_level = level_index(levels, team.overall)
    floor = min(per[d].level for d in counted)
    team.level = min(team.score_level, floor + 1)
    if team.level < team.score_level:
        team.capped_by = [d for d in counted if per[d].level == floor]
    team.weakest = weakest(counted, medians)
    return team
