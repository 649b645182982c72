"""The quiz in the browser's code: it scores exactly like the Python reference, its links and
stored values survive any tampering, and a visitor can take it in every language."""

from __future__ import annotations

import random
import re
import shutil

import pytest

from conftest import BOOK, LANGUAGES, ROOT, node_harness
from handbook.model import PRIORITIES, QUIZ_MODES, QUIZ_STAGES
from handbook.quiz import DONT_KNOW, encode, score
from handbook.quiz_page import quiz_data

QUESTIONS = [q for d in BOOK.quiz_dimensions for q in d.questions]
NODE = shutil.which("node")


def answer_sets() -> list[dict]:
    rng = random.Random(7)
    top = {q.id: len(q.options) - 1 for q in QUESTIONS}
    sets = [
        {"priority": "cost", "stage": "live", "answers": {q.id: 0 for q in QUESTIONS}},
        {"priority": "revenue", "stage": "live", "answers": dict(top)},
        {"priority": None, "stage": "live", "answers": {q.id: DONT_KNOW for q in QUESTIONS}},
        {"priority": "experience", "stage": None, "answers": {}},
        {"priority": "experience", "stage": "live", "answers": {QUESTIONS[0].id: top[QUESTIONS[0].id]}},
        {"priority": "experience", "stage": "pre-launch", "answers": {q.id: 1 for q in QUESTIONS if not q.after_launch}},
        {"priority": "cost", "stage": "live", "answers": {**top, **{q.id: 0 for q in BOOK.quiz_dimensions[-1].questions}}},
    ]
    for i in range(80):
        answers = {}
        for q in QUESTIONS:
            pick = rng.random()
            if pick < 0.08:
                answers[q.id] = DONT_KNOW
            elif pick < (0.1 if i % 2 else 0.0):
                continue
            else:
                answers[q.id] = rng.randrange(len(q.options))
        sets.append(
            {
                "priority": rng.choice(["cost", "experience", "revenue", None]),
                "stage": rng.choice(["live", "pre-launch", "live", None]),
                "answers": answers,
            }
        )
    return sets


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    sets = answer_sets()
    return sets, node_harness("quiz_harness.js", tmp_path_factory.mktemp("quiz"), sets)


def test_browser_scoring_equals_the_python_reference(harness):
    sets, out = harness
    assert len(out["results"]) == len(sets) >= 80
    complete = 0
    for answer_set, js in zip(sets, out["results"], strict=True):
        py = score(BOOK.quiz_dimensions, BOOK.quiz_levels, answer_set["answers"], answer_set["stage"])
        complete += py.complete
        assert (
            js["complete"],
            js["kind"],
            js["level"],
            js["scoreLevel"],
            js["weakest"],
            js["missing"],
            js["firstOpen"],
            js["cappedBy"],
        ) == (py.complete, py.kind, py.level, py.score_level, py.weakest, py.missing, py.first_open, py.capped_by)
        assert (js["overall"] is None) == (py.overall is None)
        if py.overall is not None:
            assert js["overall"] == pytest.approx(py.overall, abs=1e-9)
        for dim, c in py.dimensions.items():
            j = js["dimensions"][dim]
            assert (j["status"], j["applicable"], j["answered"], j["dontKnow"], j["notApplicable"], j["unanswered"], j["level"]) == (
                c.status,
                c.applicable,
                c.answered,
                c.dont_know,
                c.not_applicable,
                c.unanswered,
                c.level,
            )
            assert (j["score"] is None) == (c.score is None)
            if c.score is not None:
                assert j["score"] == pytest.approx(c.score, abs=1e-9)
        assert js["roundTrip"], f"share code {js['code']} does not give the answers back"
        assert js["code"] == encode(
            BOOK.quiz_ledger, BOOK.quiz_dimensions, answer_set["answers"], answer_set["priority"], answer_set["stage"]
        )
    assert 10 <= complete < len(sets), "the table has both results and non-results"


def test_the_codec_constants_are_the_models():
    data = quiz_data(BOOK, "en")
    assert set(data["codec"]["priorities"]) == set(PRIORITIES)
    assert set(data["codec"]["stages"]) == set(QUIZ_STAGES)
    assert data["modes"] == list(QUIZ_MODES)
    codes = [*data["codec"]["priorities"].values(), *data["codec"]["stages"].values(), data["codec"]["dontKnow"], data["codec"]["none"]]
    assert all(len(c) == 1 and not c.isdigit() for c in codes)
    assert len(set(data["codec"]["priorities"].values())) == len(PRIORITIES)
    # The code's characters, its version and the storage key are read from the JSON block.
    code = (ROOT / "quiz" / "core.js").read_text(encoding="utf-8") + (ROOT / "quiz" / "quiz.js").read_text(encoding="utf-8")
    core = (ROOT / "quiz" / "core.js").read_text(encoding="utf-8")
    literals = set(re.findall(r'"([^"\\]{1,2})"', core)) | set(re.findall(r"'([^'\\]{1,2})'", core))
    assert not literals & {*codes, "1", "2", data["codec"]["version"]}, sorted(literals & {*codes, "1", "2"})
    assert data["storage"]["key"] not in code.replace('app: "crm-handbook-quiz"', "").replace('value.app === "crm-handbook-quiz"', "")


def test_every_language_has_the_same_questions_and_links_into_the_handbook():
    for lang in LANGUAGES:
        data = quiz_data(BOOK, lang)
        assert [q["id"] for d in data["dimensions"] for q in d["questions"]] == [q.id for q in QUESTIONS]
        assert set(data["cases"]) == {"cost", "experience", "revenue"}
        for d, dim in zip(data["dimensions"], BOOK.quiz_dimensions, strict=True):
            if dim.step:
                assert d["href"] == f"../checklist/#{dim.step}" and d["causes"] and d["indicator"]
            else:
                assert d["href"].endswith(f"/#{dim.idea}")
        assert all(data["labels"].values())


def test_every_label_the_browser_code_asks_for_exists_in_every_language():
    used = set(re.findall(r'"(quiz\.[a-z_0-9]+)"', (ROOT / "quiz" / "quiz.js").read_text(encoding="utf-8")))
    used = (used - {"quiz.phase_"}) | {f"quiz.phase_{i}" for i in range(3)}  # t("quiz.phase_" + phase)
    assert len(used) > 20
    missing = used - set(quiz_data(BOOK, "en")["labels"])
    assert not missing, f"quiz.js uses labels that content_data/ui.yaml lacks: {sorted(missing)}"
    for lang in LANGUAGES:
        assert all(quiz_data(BOOK, lang)["labels"][key] for key in used)


def test_a_quiz_area_carries_its_checklist_steps_number():
    """“5. Systems integration” above “Step 4” confused readers (reviews en 12, ar 6): an area that
    is a step has the step's number; CRM strategy, which is no step, comes first as 0."""
    steps = BOOK.by_id("checklist")
    for lang in LANGUAGES:
        dims = quiz_data(BOOK, lang)["dimensions"]
        for d, model in zip(dims, BOOK.quiz_dimensions, strict=True):
            assert d["number"] == (steps[model.step].number if model.step else 0), (lang, d["id"])
        assert sorted(d["number"] for d in dims) == list(range(len(dims)))


def test_the_action_plan_never_aims_at_an_indicator_the_handbook_calls_insufficient():
    """The checklist's step 10 indicator (an ISO 27001 certificate) is, in its own evidence note,
    not proof of privacy; the quiz's plan asks for the handbook's own sign instead (review en H3)."""
    steps = BOOK.by_id("checklist")
    for lang in LANGUAGES:
        for d, model in zip(quiz_data(BOOK, lang)["dimensions"], BOOK.quiz_dimensions, strict=True):
            if model.indicator is not None:
                assert d["ownIndicator"] and d["indicator"] == model.indicator[lang]
                assert steps[model.step].evidence is not None, "replace an indicator only where the step says why"
            else:
                assert not d["ownIndicator"]
        ethics = next(d for d in quiz_data(BOOK, lang)["dimensions"] if d["id"] == "data-ethics-and-privacy")
        assert "27001" not in ethics["indicator"] and ethics["ownIndicator"]
