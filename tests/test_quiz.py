"""The quiz in the browser's code: it scores exactly like the Python reference, its links and
stored values survive any tampering, and a visitor can take it in every language."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess

import pytest

from conftest import LANGUAGES, ROOT
from handbook.loader import load
from handbook.quiz import DONT_KNOW, score
from handbook.render import quiz_data

BOOK = load(ROOT / "content_data")
QUESTIONS = [q for d in BOOK.quiz_dimensions for q in d.questions]
STEP_ORDER = {s.id: s.number for s in BOOK.checklist}
NODE = shutil.which("node")


def answer_sets() -> list[dict]:
    rng = random.Random(7)
    sets = [
        {"priority": "cost", "answers": {q.id: 0 for q in QUESTIONS}},
        {"priority": "revenue", "answers": {q.id: len(q.options) - 1 for q in QUESTIONS}},
        {"priority": None, "answers": {q.id: DONT_KNOW for q in QUESTIONS}},
        {"priority": "experience", "answers": {}},
        {"priority": "experience", "answers": {q.id: (i % len(q.options)) if i % 4 else DONT_KNOW for i, q in enumerate(QUESTIONS)}},
    ]
    for _ in range(40):
        answers = {}
        for q in QUESTIONS:
            pick = rng.random()
            if pick < 0.1:
                answers[q.id] = DONT_KNOW
            elif pick < 0.2:
                continue
            else:
                answers[q.id] = rng.randrange(len(q.options))
        sets.append({"priority": rng.choice(["cost", "experience", "revenue", None]), "answers": answers})
    return sets


HOSTILE = [
    "", "1.", "1.c", "2.c" + "0" * len(QUESTIONS), "1.z" + "0" * len(QUESTIONS), "1.c" + "9" * len(QUESTIONS),
    "1.c" + "0" * (len(QUESTIONS) + 1), "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "%E0%A4%A",
    "#answers=%ZZ", "{\"code\": 5}", "{\"code\": \"1.c\", \"history\": [1, null, {\"t\": \"x\", \"code\": \"<b>\"}]}",
    "null", "[]", "{\"__proto__\": {\"polluted\": true}}", "1.c" + "x" * len(QUESTIONS) + "\u202e", "\x00" * 50, "9" * 100000,
]


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    assert NODE, "node is required"
    folder = tmp_path_factory.mktemp("quiz")
    (folder / "data.json").write_text(json.dumps(quiz_data(BOOK, "en")), encoding="utf-8")
    sets = answer_sets()
    (folder / "sets.json").write_text(json.dumps(sets), encoding="utf-8")
    rng = random.Random(11)
    alphabet = "01234x-.cer9<>\"'&#%=;/\\ \u200c\u0000abcA1{}[]"
    fuzz = HOSTILE + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))) for _ in range(1000)]
    fuzz += ["1." + "".join(rng.choice("cer-") + "".join(rng.choice("012345x-") for _ in range(len(QUESTIONS) + rng.choice([-1, 0, 0, 1])))) for _ in range(200)]
    (folder / "hostile.json").write_text(json.dumps(fuzz), encoding="utf-8")
    out = subprocess.run([NODE, str(ROOT / "tests" / "quiz_harness.js"), str(folder / "data.json"), str(folder / "sets.json"), str(folder / "hostile.json")], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return sets, fuzz, json.loads(out.stdout)


def test_browser_scoring_equals_the_python_reference(harness):
    sets, _, out = harness
    assert len(out["results"]) == len(sets) >= 45
    for answer_set, js in zip(sets, out["results"]):
        py = score(BOOK.quiz_dimensions, BOOK.quiz_levels, answer_set["answers"], STEP_ORDER)
        assert js["level"] == py.level and js["weakest"] == py.weakest
        assert (js["overall"] is None) == (py.overall is None)
        if py.overall is not None:
            assert js["overall"] == pytest.approx(py.overall, abs=1e-9)
        for dim, value in py.dimensions.items():
            assert (js["dimensions"][dim] is None) == (value is None)
            if value is not None:
                assert js["dimensions"][dim] == pytest.approx(value, abs=1e-9)
        assert js["dontKnow"] == py.dont_know and js["unanswered"] == py.unanswered
        assert js["roundTrip"], f"share code {js['code']} does not give the answers back"


def test_tampered_links_and_storage_are_rejected_without_an_exception(harness):
    _, fuzz, out = harness
    problems = [(text, verdict) for text, verdict in zip(fuzz, out["hostile"]) if verdict != "ok" and not text.startswith("1.")]
    assert len(fuzz) >= 1000
    assert not problems, problems[:5]
    assert not [v for v in out["hostile"] if v.startswith("threw")]


def test_every_language_has_the_same_questions_and_links_into_the_handbook():
    for lang in LANGUAGES:
        data = quiz_data(BOOK, lang)
        assert [q["id"] for d in data["dimensions"] for q in d["questions"]] == [q.id for q in QUESTIONS]
        assert set(data["cases"]) == {"cost", "experience", "revenue"}
        for d in data["dimensions"]:
            assert d["href"].startswith("../checklist/#") and d["causes"]
        assert all(data["labels"].values())


def test_every_label_the_browser_code_asks_for_exists_in_every_language():
    used = set(re.findall(r'"(quiz\.[a-z_]+)"', (ROOT / "quiz" / "quiz.js").read_text(encoding="utf-8")))
    assert len(used) > 20
    missing = used - set(quiz_data(BOOK, "en")["labels"])
    assert not missing, f"quiz.js uses labels that content_data/ui.yaml lacks: {sorted(missing)}"
    for lang in LANGUAGES:
        assert all(quiz_data(BOOK, lang)["labels"][key] for key in used)
