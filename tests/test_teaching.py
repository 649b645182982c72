"""Teaching aids (issue 15): every teaching page opens with what a student will be able to do
and the glossary terms it relies on, and ends with a summary and review questions whose model
answers stay closed until opened; a running case (one fictional organisation) serves every
chapter's questions and is described on the trainer page."""

from __future__ import annotations

import re

import pytest
from test_content_validation import edit, errors_of, one

from conftest import BOOK, LANGUAGES, rendered_pages
from handbook import quiz
from handbook.model import TEACHING_PAGES
from handbook.quiz_page import quiz_dimension_info

PAGES, ERRORS = rendered_pages()


def test_every_teaching_page_has_a_lesson():
    lessons = {lesson.id for lesson in BOOK.lessons}
    assert lessons == set(TEACHING_PAGES), f"missing: {set(TEACHING_PAGES) - lessons}"
    for lesson in BOOK.lessons:
        assert len(lesson.outcomes) >= 2 and len(lesson.questions) >= 2 and len(lesson.key_terms) >= 2, lesson.id
        # The running case is used: at least one question per lesson is about it.
        case = BOOK.teaching_cases[0]
        assert any(case.name.en.split()[0] in q.question.en for q in lesson.questions), f"{lesson.id}: no question uses {case.name.en}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_lesson_frames_its_page(lang):
    assert not ERRORS
    for lesson in BOOK.lessons:
        md = PAGES[(lang, lesson.id)]
        title_end = md.index("\n", md.index("# "))
        top = md.index('<div class="hb-lesson" markdown>')
        first_heading = re.search(r"^##+ ", md[title_end:], flags=re.M)
        # After the introduction and before the first section.
        assert title_end < top and (first_heading is None or top < title_end + first_heading.start()), lesson.id
        assert BOOK.t("teaching.outcomes", lang) in md and BOOK.t("teaching.key_terms", lang) in md
        for term in lesson.key_terms:
            assert f"](glossary.md#{term})" in md[top:], f"{lesson.id}: key term {term} is not linked"
        summary = md.index("{ #hb-summary }")
        questions = md.index("{ #hb-review-questions }")
        assert top < summary < questions, lesson.id
        # The questions are about the running case: the reader is sent to its facts first.
        case = BOOK.teaching_cases[0]
        note = md.index(f'href="../for-trainers/#{case.id}"', questions)
        assert note < md.index('<details class="question', questions) and case.name[lang] in md[questions:note], lesson.id
        assert md.count('<details class="question hb-question" markdown>') == len(lesson.questions), lesson.id
        assert "<details open" not in md  # answers stay closed until the reader opens them
        for q in lesson.questions:
            assert q.answer[lang] in md[questions:] or BOOK.t("teaching.answer", lang) in md[questions:]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_running_case_is_on_the_trainer_page(lang):
    md = PAGES[(lang, "for-trainers")]
    for case in BOOK.teaching_cases:
        assert f"{{ #{case.id} .hb-item }}" in md
        for fact in case.facts:
            assert fact[lang] in md


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_running_case_can_take_the_quiz(lang):
    """The course takes the quiz for the running case: every question has a fact about it on the
    trainer page, grouped by quiz area; the link opens the quiz with the answers those facts
    point to (the share code the reference codec writes), and the answers give a result, which
    the page states with the level's name and the weakest areas."""
    case = BOOK.teaching_cases[0]
    assert case.quiz is not None, "the running case has no quiz answers"
    md = PAGES[(lang, "for-trainers")]
    section = md[md.index(f"{{ #{case.id}-quiz }}") :]
    section = section[: section.index("\n## ")]
    questions = [q.id for d in BOOK.quiz_dimensions for q in d.questions]
    given = {a.question: a for a in case.quiz.answers}
    assert sorted(given) == sorted(questions)
    positions = [section.index(f"- {given[q].fact[lang]}\n") for q in questions]
    assert positions == sorted(positions), "the facts are not in the quiz's order"
    answers = {q: (quiz.DONT_KNOW if a.answer == "dk" else a.answer) for q, a in given.items()}
    code = quiz.encode(BOOK.quiz_ledger, BOOK.quiz_dimensions, answers, case.quiz.priority, case.quiz.stage)
    assert f'#answers={code}"' in section
    result = quiz.score(BOOK.quiz_dimensions, BOOK.quiz_levels, answers, case.quiz.stage)
    assert result.complete and result.level is not None, "the case's answers give no result"
    level = BOOK.quiz_levels[result.level].name[lang]
    sentence = next(line for line in section.splitlines() if level in line)
    titles = {info["id"]: info["title"] for info in quiz_dimension_info(BOOK, lang)}
    assert len(result.weakest) >= 3 and all(titles[d] in sentence for d in result.weakest), sentence


def test_the_running_cases_quiz_answers_are_checked(content_copy):
    def first_answer(change):
        return lambda t: change(t[0]["quiz"]["answers"][0])

    edit(content_copy, "teaching_cases", first_answer(lambda a: a.update(answer=9)))
    one(errors_of(content_copy), file="content_data/teaching_cases.yaml", item="case-nikan", message="options: answer 0 to")
    edit(content_copy, "teaching_cases", first_answer(lambda a: a.update(question="no-such-question", answer=0)))
    errors = errors_of(content_copy)
    one(errors, file="content_data/teaching_cases.yaml", message="'no-such-question' is not a question in quiz_dimensions.yaml")
    one(errors, file="content_data/teaching_cases.yaml", message="answer every one, so the quiz gives it a result")


def test_a_lesson_for_an_unknown_page_or_term_is_refused(content_copy):
    edit(content_copy, "lessons", lambda t: t[0].update(id="no-such-page"))
    one(errors_of(content_copy), file="content_data/lessons.yaml", field="id", message="a lesson's id is the page it belongs to")
    edit(content_copy, "lessons", lambda t: (t[0].update(id="what-is-crm"), t[0]["key_terms"].append("no-such-term")))
    one(
        errors_of(content_copy),
        file="content_data/lessons.yaml",
        item="what-is-crm",
        message="'no-such-term' does not exist in glossary.yaml",
    )


@pytest.mark.parametrize(
    "markdown",
    [
        "# What is CRM?\n\n- a list, not an introduction\n",
        "An introduction without a title.\n",
        "# What is CRM?\n\n!!! note\n    A box.\n",
        "# What is CRM?\n\n```\ncode\n```\n",
        "# What is CRM?\n\n    indented code\n",
        '# What is CRM?\n\n=== "A tab"\n\n    Text.\n',
        "# What is CRM?\n\n---\n\nText.\n",
        "# What is CRM?\n\n<div>A block.</div>\n",
        "# What is CRM?\n\nA paragraph\n- and a list without a blank line\n",
    ],
)
def test_a_teaching_page_without_an_introduction_is_refused_not_framed_elsewhere(markdown):
    from handbook.render import RenderError, with_lesson

    with pytest.raises(RenderError, match="introductory paragraph"):
        with_lesson(BOOK, markdown, "en", "what-is-crm")
    # The same page with an introduction gets its outcomes right after it.
    framed = with_lesson(BOOK, "# What is CRM?\n\nAn introduction.\n\n## A section\n", "en", "what-is-crm")
    assert framed.index("An introduction.") < framed.index('<div class="hb-lesson" markdown>') < framed.index("## A section")


@pytest.mark.parametrize("intro", ["<abbr>CRM</abbr> is a way of working.", "\nTwo blank lines above.", "Right under the title."])
def test_an_introduction_may_open_with_inline_html_or_follow_the_title_closely(intro):
    from handbook.render import with_lesson

    gap = "\n" if intro.startswith("Right") else "\n\n"
    framed = with_lesson(BOOK, f"# What is CRM?{gap}{intro}\n\n## A section\n", "en", "what-is-crm")
    assert framed.index(intro.strip()) < framed.index('<div class="hb-lesson" markdown>') < framed.index("## A section")
