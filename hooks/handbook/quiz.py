"""The CRM maturity quiz: its content model and the reference scoring.

The browser (quiz/quiz.js) scores the same way; tests compare both on a table of answer sets.

Scoring, in plain words:
- every option of a question has a score; the first option describes the absent state and
  scores lowest, the last the exemplary state and scores highest;
- a question's result is its option's score divided by the question's highest option score
  (0 … 1); "don't know" and unanswered questions are left out;
- a dimension's score is the mean of its answered questions × 100, or *unknown* when none
  of its questions is answered;
- the overall score is the mean of the known dimension scores, and the level is the highest
  level whose ``min_score`` it reaches;
- the weakest dimensions are the three lowest known scores (ties in checklist order).
Scores are not rounded here (only for display), so the browser's arithmetic can match exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .model import QuizDimension, QuizLevel

DONT_KNOW = "dk"


@dataclass(frozen=True)
class Result:
    dimensions: dict[str, float | None]  # dimension id -> 0..100, or None when unknown
    overall: float | None
    level: str | None
    dont_know: int
    unanswered: int
    weakest: list[str]


def score(dimensions: list[QuizDimension], levels: list[QuizLevel], answers: Mapping[str, int | str], step_order: Mapping[str, int]) -> Result:
    """Score ``answers`` (question id -> option index, or ``"dk"``)."""
    per_dimension: dict[str, float | None] = {}
    dont_know = unanswered = 0
    for dim in dimensions:
        values = []
        for q in dim.questions:
            answer = answers.get(q.id)
            if answer == DONT_KNOW:
                dont_know += 1
            elif isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < len(q.options):
                values.append(q.options[answer].score / q.options[-1].score)
            else:
                unanswered += 1
        per_dimension[dim.id] = 100 * sum(values) / len(values) if values else None
    known = [v for v in per_dimension.values() if v is not None]
    overall = sum(known) / len(known) if known else None
    level = None
    if overall is not None:
        for lvl in sorted(levels, key=lambda l: l.min_score):
            if overall >= lvl.min_score:
                level = lvl.id
    order = {d.id: step_order.get(d.step, 0) for d in dimensions}
    weakest = sorted((d for d in per_dimension if per_dimension[d] is not None), key=lambda d: (per_dimension[d], order[d]))[:3]
    return Result(per_dimension, overall, level, dont_know, unanswered, weakest)
