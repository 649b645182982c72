"""The quiz's content model and reference scoring (the browser must score the same way)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from handbook.loader import load
from handbook.quiz import DONT_KNOW, score
from test_content_validation import edit, errors_of, one

BOOK = load(ROOT / "content_data")
STEP_ORDER = {s.id: s.number for s in BOOK.checklist}
QUESTIONS = [q for d in BOOK.quiz_dimensions for q in d.questions]


def run(answers):
    return score(BOOK.quiz_dimensions, BOOK.quiz_levels, answers, STEP_ORDER)


def test_the_quiz_covers_every_checklist_step_with_two_or_three_questions():
    assert [d.step for d in BOOK.quiz_dimensions] == [s.id for s in sorted(BOOK.checklist, key=lambda s: s.number)]
    assert all(2 <= len(d.questions) <= 3 for d in BOOK.quiz_dimensions)
    assert len(BOOK.quiz_levels) == 5


def test_all_minimum_is_the_first_level_and_all_maximum_the_last():
    low = run({q.id: 0 for q in QUESTIONS})
    assert low.overall == 0 and low.level == BOOK.quiz_levels[0].id
    assert all(v == 0 for v in low.dimensions.values())
    high = run({q.id: len(q.options) - 1 for q in QUESTIONS})
    assert high.overall == 100 and high.level == BOOK.quiz_levels[-1].id
    assert high.dont_know == 0 and high.unanswered == 0


def test_all_dont_know_gives_no_score_and_counts_them():
    result = run({q.id: DONT_KNOW for q in QUESTIONS})
    assert result.overall is None and result.level is None and result.weakest == []
    assert result.dont_know == len(QUESTIONS) and all(v is None for v in result.dimensions.values())


def test_dont_know_is_left_out_of_a_dimension_not_counted_as_zero():
    dim = BOOK.quiz_dimensions[0]
    first, *rest = dim.questions
    answers = {first.id: len(first.options) - 1, **{q.id: DONT_KNOW for q in rest}}
    assert run(answers).dimensions[dim.id] == 100


def test_weakest_dimensions_are_the_three_lowest_known_in_checklist_order_on_ties():
    answers = {q.id: len(q.options) - 1 for q in QUESTIONS}
    for dim in BOOK.quiz_dimensions[-4:]:
        for q in dim.questions:
            answers[q.id] = 0
    result = run(answers)
    assert result.weakest == [d.id for d in BOOK.quiz_dimensions[-4:-1]]


def test_out_of_range_and_garbage_answers_count_as_unanswered():
    q = QUESTIONS[0]
    result = run({q.id: 99, QUESTIONS[1].id: "x", QUESTIONS[2].id: True, QUESTIONS[3].id: -1})
    assert result.unanswered == len(QUESTIONS)


def test_quiz_dimension_must_name_an_existing_step(content_copy):
    tree = edit(content_copy, "quiz_dimensions", lambda t: t[0].__setitem__("step", "no-such-step"))
    one(errors_of(content_copy), file="content_data/quiz_dimensions.yaml", item=tree[0]["id"], field="step", message="does not exist in checklist.yaml")


def test_quiz_option_scores_must_increase(content_copy):
    def swap(t):
        options = t[0]["questions"][0]["options"]
        options[0]["score"], options[1]["score"] = options[1]["score"], options[0]["score"]

    tree = edit(content_copy, "quiz_dimensions", swap)
    one(errors_of(content_copy), file="content_data/quiz_dimensions.yaml", item=tree[0]["id"], message="option scores must increase")


def test_quiz_levels_must_rise(content_copy):
    tree = edit(content_copy, "quiz_levels", lambda t: t[2].__setitem__("min_score", 10))
    one(errors_of(content_copy), file="content_data/quiz_levels.yaml", item=tree[2]["id"], field="min_score", message="higher than the previous")


def test_every_step_needs_a_dimension(content_copy):
    tree = edit(content_copy, "quiz_dimensions", lambda t: t.pop(3))
    step = BOOK.quiz_dimensions[3].step
    one(errors_of(content_copy), file="content_data/checklist.yaml", item=step, message="exactly one dimension")
