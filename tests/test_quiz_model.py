"""The quiz's content model and reference scoring (the browser must score the same way)."""

from __future__ import annotations

import pytest
from test_content_validation import edit, errors_of, one

from conftest import BOOK, ROOT
from handbook.loader import load
from handbook.quiz import DONT_KNOW, score

QUESTIONS = [q for d in BOOK.quiz_dimensions for q in d.questions]
TOP = len(BOOK.quiz_levels) - 1
PUBLISHED = ROOT / "tests" / "published_quiz_questions.txt"


def run(answers, stage="live"):
    return score(BOOK.quiz_dimensions, BOOK.quiz_levels, answers, stage)


def everything(value):
    return {q.id: value(q) for q in QUESTIONS}


def test_the_quiz_covers_every_checklist_step_with_two_to_four_questions_two_before_go_live():
    steps = [d.step for d in BOOK.quiz_dimensions if d.step]
    assert steps == [s.id for s in sorted(BOOK.checklist, key=lambda s: s.number)]
    assert all(2 <= len(d.questions) <= 4 for d in BOOK.quiz_dimensions)
    assert all(sum(not q.after_launch for q in d.questions) >= 2 for d in BOOK.quiz_dimensions)
    assert len(BOOK.quiz_levels) == 5


def test_all_minimum_is_the_first_level_and_all_maximum_the_last():
    low = run(everything(lambda q: 0))
    assert low.complete and low.overall == 0 and low.level == 0
    assert all(c.score == 0 for c in low.dimensions.values())
    high = run(everything(lambda q: len(q.options) - 1))
    assert high.overall == 100 and high.level == TOP and not high.capped_by


def test_one_answer_gives_no_score_and_no_level():
    result = run({QUESTIONS[0].id: len(QUESTIONS[0].options) - 1})
    assert not result.complete and result.overall is None and result.level is None
    assert result.first_open == QUESTIONS[1].id
    assert result.missing == [d.id for d in BOOK.quiz_dimensions]


def test_no_result_without_the_stage():
    answers = everything(lambda q: 1)
    assert not run(answers, stage=None).complete
    assert run(answers).complete


def test_dont_know_counts_as_the_lowest_answer_and_never_raises_a_score():
    dim = next(d for d in BOOK.quiz_dimensions if len(d.questions) == 3)
    answers = everything(lambda q: len(q.options) - 1)
    answers[dim.questions[0].id] = DONT_KNOW
    result = run(answers)
    assert result.dimensions[dim.id].score == pytest.approx(200 / 3)
    assert result.dimensions[dim.id].dont_know == 1
    for q in QUESTIONS:  # any answer replaced by "don't know": no score goes up
        for option in range(len(q.options)):
            base = everything(lambda x: 2 if len(x.options) > 2 else 0)
            base[q.id] = option
            before, after = run(base), run({**base, q.id: DONT_KNOW})
            assert after.overall is None or after.overall <= before.overall + 1e-9
            assert after.level is None or after.level <= before.level


def test_a_dimension_answered_mostly_dont_know_is_unknown():
    dim = next(d for d in BOOK.quiz_dimensions if len(d.questions) == 3)
    answers = everything(lambda q: len(q.options) - 1)
    for q in dim.questions[:2]:
        answers[q.id] = DONT_KNOW
    result = run(answers)
    assert result.dimensions[dim.id].status == "mostly-dont-know" and result.dimensions[dim.id].score is None
    assert not result.complete and result.missing == [dim.id]


def test_an_honest_dont_know_in_a_two_question_area_lowers_the_score_but_gives_a_result():
    """One “don't know” in a two-question area once withheld every result, so a manager had to
    guess to see one (review en H4). It scores 0 and the result stands."""
    dim = next(d for d in BOOK.quiz_dimensions if len(d.questions) == 2)
    answers = everything(lambda q: len(q.options) - 1)
    answers[dim.questions[0].id] = DONT_KNOW
    result = run(answers)
    assert result.complete and result.dimensions[dim.id].status == "scored"
    assert result.dimensions[dim.id].score == pytest.approx(50)
    assert result.overall < 100 and result.dimensions[dim.id].dont_know == 1


def test_a_failing_dimension_caps_the_level():
    weak = BOOK.quiz_dimensions[-1]
    answers = everything(lambda q: 0 if q in weak.questions else len(q.options) - 1)
    result = run(answers)
    assert result.score_level == TOP and result.level == 1 and result.capped_by == [weak.id]


def test_before_go_live_after_launch_questions_do_not_apply():
    later = [q for q in QUESTIONS if q.after_launch]
    assert later, "some questions only make sense once the CRM is live"
    answers = {q.id: 1 for q in QUESTIONS if not q.after_launch}
    before = run(answers, stage="pre-launch")
    assert before.complete and before.kind == "readiness"
    assert sum(c.not_applicable for c in before.dimensions.values()) == len(later)
    assert not run(answers).complete  # the same answers say too little about a live CRM


def test_weakest_dimensions_are_the_three_lowest_and_every_one_tied_with_the_third():
    answers = everything(lambda q: len(q.options) - 1)
    assert run(answers).weakest == [], "no area is weak when every area scores 100"
    for dim in BOOK.quiz_dimensions[-4:]:
        for q in dim.questions:
            answers[q.id] = 0
    # Four tied at 0: all four (page order among equals), never three chosen by page order.
    assert run(answers).weakest == [d.id for d in BOOK.quiz_dimensions[-4:]]
    first = BOOK.quiz_dimensions[-4].questions[0]
    answers[first.id] = len(first.options) - 1  # one of the four now scores higher: the other three
    assert run(answers).weakest == [d.id for d in BOOK.quiz_dimensions[-3:]]


def test_out_of_range_and_garbage_answers_count_as_unanswered():
    result = run({QUESTIONS[0].id: 99, QUESTIONS[1].id: "x", QUESTIONS[2].id: True, QUESTIONS[3].id: -1})
    assert sum(c.unanswered for c in result.dimensions.values()) == len(QUESTIONS)


def test_no_published_question_disappears_without_a_deliberate_step():
    """The ledger (content_data/quiz_ledger.yaml) must start with every id ever published, in
    order: a share link's characters are read through it. Retiring a question is a deliberate
    step (retired: true); deleting or reordering a line would give old answers to the wrong
    question. New questions: append them to the ledger, then to tests/published_quiz_questions.txt."""
    published = [line for line in PUBLISHED.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    ledger = [slot.id for slot in BOOK.quiz_ledger]
    assert ledger[: len(published)] == published
    missing = [q.id for q in QUESTIONS if q.id not in published]
    assert not missing, f"add these new question ids to {PUBLISHED.name}: {missing}"


def test_a_question_missing_from_the_ledger_or_deleted_from_the_quiz_stops_the_build(content_copy):
    # A question of a three-question area, so that deleting it leaves a valid area.
    in_three = {q.id for d in BOOK.quiz_dimensions if len(d.questions) == 3 for q in d.questions}
    at = next(i for i, slot in enumerate(BOOK.quiz_ledger) if slot.id in in_three)
    tree = edit(content_copy, "quiz_ledger", lambda t: t.pop(at))
    gone = BOOK.quiz_ledger[at].id
    one(errors_of(content_copy), file="content_data/quiz_dimensions.yaml", message=f"'{gone}' is not in quiz_ledger.yaml")
    edit(content_copy, "quiz_ledger", lambda t: t.insert(at, {"id": gone}))

    def drop(t):
        for dim in t:
            dim["questions"] = [q for q in dim["questions"] if q["id"] != gone]

    edit(content_copy, "quiz_dimensions", drop)
    one(errors_of(content_copy), file="content_data/quiz_ledger.yaml", item=gone, message="mark it 'retired: true'")
    edit(content_copy, "quiz_ledger", lambda t: t[at].__setitem__("retired", True))
    # A deliberate retirement is fine, once the running case no longer answers the question.
    one(errors_of(content_copy), file="content_data/teaching_cases.yaml", item="case-nikan", message=f"'{gone}' is retired")

    def unanswer(t):
        t[0]["quiz"]["answers"] = [a for a in t[0]["quiz"]["answers"] if a["question"] != gone]

    edit(content_copy, "teaching_cases", unanswer)
    load(content_copy)
    assert tree is not None


def test_quiz_dimension_must_name_an_existing_step(content_copy):
    index = next(i for i, d in enumerate(BOOK.quiz_dimensions) if d.step)
    tree = edit(content_copy, "quiz_dimensions", lambda t: t[index].__setitem__("step", "no-such-step"))
    one(
        errors_of(content_copy),
        file="content_data/quiz_dimensions.yaml",
        item=tree[index]["id"],
        field="step",
        message="does not exist in checklist.yaml",
    )


def test_a_dimension_is_either_a_step_or_an_idea_with_a_title(content_copy):
    index = next(i for i, d in enumerate(BOOK.quiz_dimensions) if d.step)
    tree = edit(content_copy, "quiz_dimensions", lambda t: t[index].__setitem__("idea", "crm-strategy-choice"))
    one(errors_of(content_copy), file="content_data/quiz_dimensions.yaml", item=tree[index]["id"], message="either a checklist step")


def test_an_area_that_would_rest_on_one_question_before_go_live_is_refused(content_copy):
    """Before go-live the after_launch questions do not apply, so a dimension needs two others."""

    def all_but_one_after_launch(t):
        for question in t[0]["questions"][1:]:
            question["after_launch"] = True

    tree = edit(content_copy, "quiz_dimensions", all_but_one_after_launch)
    one(
        errors_of(content_copy),
        file="content_data/quiz_dimensions.yaml",
        item=tree[0]["id"],
        message="at least two questions must apply before go-live",
    )


def test_quiz_option_scores_must_increase(content_copy):
    def swap(t):
        options = t[0]["questions"][0]["options"]
        options[0]["score"], options[1]["score"] = options[1]["score"], options[0]["score"]

    tree = edit(content_copy, "quiz_dimensions", swap)
    one(errors_of(content_copy), file="content_data/quiz_dimensions.yaml", item=tree[0]["id"], message="option scores must increase")


def test_quiz_levels_must_rise(content_copy):
    tree = edit(content_copy, "quiz_levels", lambda t: t[2].__setitem__("min_score", 10))
    one(
        errors_of(content_copy),
        file="content_data/quiz_levels.yaml",
        item=tree[2]["id"],
        field="min_score",
        message="higher than the previous",
    )


def test_every_step_needs_a_dimension(content_copy):
    index = [i for i, d in enumerate(BOOK.quiz_dimensions) if d.step][3]
    edit(content_copy, "quiz_dimensions", lambda t: t.pop(index))
    step = BOOK.quiz_dimensions[index].step
    one(errors_of(content_copy), file="content_data/checklist.yaml", item=step, message="exactly one dimension")


def test_ids_the_quiz_page_uses_itself_are_refused(content_copy):
    """A question named 'stage' would share its radio group and #q-stage with the page's own."""
    tree = edit(content_copy, "quiz_dimensions", lambda t: t[1]["questions"][0].__setitem__("id", "stage"))
    one(
        errors_of(content_copy),
        file="content_data/quiz_dimensions.yaml",
        item=tree[1]["id"],
        field="questions[0].id",
        message="the quiz form uses itself",
    )
    tree = edit(content_copy, "quiz_dimensions", lambda t: t[2].__setitem__("id", "result"))
    one(errors_of(content_copy), file="content_data/quiz_dimensions.yaml", item="result", field="id", message="the quiz page uses itself")


def test_a_dimensions_own_indicator_needs_the_steps_evidence_note(content_copy):
    """The quiz may aim at its own sign of a step instead of the checklist's indicator only where
    the step's evidence note explains why that indicator proves too little."""
    dim = next(d for d in BOOK.quiz_dimensions if d.indicator is not None)
    edit(content_copy, "checklist", lambda t: next(s for s in t if s["id"] == dim.step).pop("evidence"))
    one(errors_of(content_copy), file="content_data/quiz_dimensions.yaml", item=dim.id, field="indicator", message="evidence note")
