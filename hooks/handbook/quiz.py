"""The CRM maturity quiz: the reference scoring.

The browser (quiz/core.js) scores the same way; tests compare both on a table of answer sets.
The rules, in plain words (the quiz page shows them as "How the level is worked out"):

- an option scores its points divided by the question's top points (0 … 1);
- "don't know" scores like the lowest option, so it can never raise a score;
- before go-live (stage ``pre-launch``), questions marked ``after_launch`` do not apply: they
  are left out and reported, and the result is a *readiness* result, not a maturity result;
- a dimension is scored only when every applicable question has an answer and at most half of
  them are "don't know" (which scores 0, so an honest "don't know" lowers the score but never
  withholds the result); its score is the mean of its answers × 100;
- there is no overall score or level until the stage is answered and every dimension is scored
  (or has no applicable question); the overall score is the mean of the dimension scores;
- the level is the highest whose ``min_score`` the overall score reaches, but never more than
  one level above the weakest dimension's own level;
- the weakest dimensions are the three lowest scores below 100 (page order on equal scores), and
  every other dimension tied with the third; none when every dimension scores 100.
Scores are not rounded here (only for display), so the browser's arithmetic can match exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import PRIORITIES, QUIZ_MODES, QUIZ_STAGES, QuizDimension, QuizLevel

DONT_KNOW = "dk"
STAGES = QUIZ_STAGES

# The share code (#answers=<version>.<priority><stage><one character per ledger slot>) and the
# stored value; quiz/core.js takes these from the page's JSON block, never from its own literals.
CODEC = {
    "version": "2",
    "priorities": {p: p[0] for p in PRIORITIES},  # cost -> c, experience -> e, revenue -> r
    "stages": {"live": "l", "pre-launch": "p"},
    "dontKnow": "x",
    "none": "-",
    # Older versions still read: version -> how many ledger slots its codes have (version 1
    # had no stage and exactly the first 29 questions).
    "legacy": {"1": 29},
}
STORAGE = {"key": "crm-handbook-quiz", "schema": 2}
MODES = QUIZ_MODES


@dataclass
class Coverage:
    applicable: int = 0
    answered: int = 0
    dont_know: int = 0
    not_applicable: int = 0
    unanswered: int = 0
    status: str = "scored"  # scored | incomplete | mostly-dont-know | not-applicable
    score: float | None = None
    level: int | None = None  # index into the levels


@dataclass
class Result:
    stage: str | None
    kind: str  # "maturity" or "readiness"
    dimensions: dict[str, Coverage]
    complete: bool
    missing: list[str]
    first_open: str | None
    overall: float | None = None
    score_level: int | None = None
    level: int | None = None  # after the cap
    capped_by: list[str] = field(default_factory=list)
    weakest: list[str] = field(default_factory=list)


def level_index(levels: list[QuizLevel], value: float) -> int:
    index = 0
    for i, level in enumerate(levels):
        if value >= level.min_score:
            index = i
    return index


def _is_option(answer, n: int) -> bool:
    return isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < n


def score(dimensions: list[QuizDimension], levels: list[QuizLevel], answers: Mapping[str, int | str], stage: str | None = None) -> Result:
    """Score ``answers`` (question id -> option index, or ``"dk"``) for a CRM at ``stage``."""
    stage = stage if stage in STAGES else None
    per: dict[str, Coverage] = {}
    missing: list[str] = []
    first_open = None
    for dim in dimensions:
        c = Coverage()
        total = 0.0
        for q in dim.questions:
            if q.after_launch and stage == "pre-launch":
                c.not_applicable += 1
                continue
            c.applicable += 1
            answer = answers.get(q.id)
            if answer == DONT_KNOW:
                c.dont_know += 1
            elif _is_option(answer, len(q.options)):
                c.answered += 1
                total += q.options[answer].score / q.options[-1].score
            else:
                c.unanswered += 1
                first_open = first_open or q.id
        if c.applicable == 0:
            c.status = "not-applicable"
        elif 2 * c.dont_know > c.applicable:
            c.status = "mostly-dont-know"
        elif c.unanswered:
            c.status = "incomplete"
        if c.status == "scored":
            c.score = 100 * total / (c.answered + c.dont_know)
            c.level = level_index(levels, c.score)
        elif c.status != "not-applicable":
            missing.append(dim.id)
        per[dim.id] = c
    scored = [d.id for d in dimensions if per[d.id].status == "scored"]
    complete = stage is not None and not missing and bool(scored)
    result = Result(stage, "readiness" if stage == "pre-launch" else "maturity", per, complete, missing, first_open)
    if not complete:
        return result
    result.overall = sum(per[d].score for d in scored) / len(scored)
    result.score_level = level_index(levels, result.overall)
    floor = min(per[d].level for d in scored)
    result.level = min(result.score_level, floor + 1)
    if result.level < result.score_level:
        result.capped_by = [d for d in scored if per[d].level == floor]
    result.weakest = weakest(scored, {d: per[d].score for d in scored})
    return result


TIE = 1e-9  # scores this close are the same score (quiz/core.js uses the same)


def weakest(scored: list[str], scores: Mapping[str, float]) -> list[str]:
    """The areas to start with: the three lowest scores below the top (100), in page order on
    equal scores, and every further area with the same score as the third, so that a tie is
    never cut by page order alone. None when every area is at the top, or when every area has
    the same score (then none lags behind the others: naming all of them says nothing)."""
    if len(scored) > 1 and max(scores[d] for d in scored) - min(scores[d] for d in scored) <= TIE:
        return []
    below = sorted((d for d in scored if scores[d] < 100 - TIE), key=lambda d: (scores[d], scored.index(d)))
    if len(below) <= 3:
        return below
    cut = scores[below[2]]
    return below[:3] + [d for d in below[3:] if scores[d] <= cut + TIE]


def encode(
    ledger, dimensions: list[QuizDimension], answers: Mapping[str, int | str], priority: str | None = None, stage: str | None = None
) -> str:
    """The share code for these answers (the reference for quiz/core.js's ``encode``): the
    version, one character for the priority and one for the stage, then one per ledger slot."""
    options = {q.id: len(q.options) for d in dimensions for q in d.questions}
    text = CODEC["priorities"].get(priority, CODEC["none"]) + CODEC["stages"].get(stage, CODEC["none"])
    for slot in ledger:
        answer = answers.get(slot.id)
        if slot.retired or slot.id not in options:
            text += CODEC["none"]
        elif answer == DONT_KNOW:
            text += CODEC["dontKnow"]
        else:
            text += str(answer) if _is_option(answer, options[slot.id]) else CODEC["none"]
    return f"{CODEC['version']}.{text}"
