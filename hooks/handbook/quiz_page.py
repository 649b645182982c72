"""What the quiz page needs beyond its template (no MkDocs imports): the scoring data and labels
quiz/core.js and quiz/quiz.js read from the page's JSON block, and the template's context.
handbook/quiz.py is the reference scoring the browser's numbers are tested against."""

from __future__ import annotations

from pathlib import Path

from . import quiz
from .languages import LANGUAGE, list_separator
from .model import LANGUAGES, PRIORITIES, QUIZ_MODES, QUIZ_STAGES, Handbook
from .qr import qr_path, quiz_address
from .text import plain_text, script_json
from .tooltips import glosser
from .ui_keys import named_in
from .urls import page_path, relative
from .worked import round_half_up


def quiz_dimension_info(book: Handbook, lang: str) -> list[dict]:
    """Per dimension, in quiz order: number, title, where the handbook teaches it (relative to the
    quiz page), its success indicator and the failure causes it guards against. A step's area
    carries the step's own number, so "5." in the quiz is step 5 in the checklist; the area that
    is no step (CRM strategy) comes before them as 0."""
    steps, causes, ideas = book.by_id("checklist"), book.by_id("failure_causes"), book.by_id("key_ideas")
    out = []
    for d in book.quiz_dimensions:
        if d.step is not None:
            step = steps[d.step]
            out.append(
                {
                    "id": d.id,
                    "number": step.number,
                    "title": step.title[lang],
                    "step": step.number,
                    "href": relative("quiz/", f"checklist/#{d.step}"),
                    "indicator": (d.indicator or step.success_indicator)[lang],
                    "own_indicator": d.indicator is not None,
                    "causes": [
                        {"title": causes[c].title[lang], "href": relative("quiz/", f"{causes[c].page}/#{c}")} for c in step.guards_against
                    ],
                }
            )
        else:
            idea = ideas[d.idea]
            out.append(
                {
                    "id": d.id,
                    "number": 0,
                    "title": d.title[lang],
                    "step": None,
                    "href": relative("quiz/", f"{idea.page}/#{idea.id}"),
                    "indicator": None,
                    "own_indicator": False,
                    "causes": [],
                    "idea_title": idea.title[lang],
                }
            )
    return out


def quiz_data(book: Handbook, lang: str, scripts: tuple[str, ...] = ("core.js", "quiz.js")) -> dict:
    """The scoring data, codec constants and labels the page's ``scripts`` (in quiz/) need, in
    one language. Links are relative to the quiz page (the team page is its sibling, so they
    hold there too)."""
    info = quiz_dimension_info(book, lang)
    strategy = next((i for i in info if i["step"] is None), None)
    keys, prefixes = named_in([QUIZ_CODE / name for name in scripts])  # the labels the browser code asks for
    return _plain_texts(
        {
            "codec": quiz.CODEC,
            "storage": quiz.STORAGE,
            "modes": list(quiz.MODES),
            "ledger": [{"id": s.id, "retired": s.retired} for s in book.quiz_ledger],
            "locale": LANGUAGE[lang].intl_locale,
            "digits": LANGUAGE[lang].digits,
            "separator": LANGUAGE[lang].list_separator,
            "dimensions": [
                {
                    "id": d.id,
                    "number": i["number"],
                    "isStep": i["step"] is not None,
                    "title": i["title"],
                    "href": i["href"],
                    "indicator": i["indicator"],
                    "ownIndicator": i["own_indicator"],
                    "causes": i["causes"],
                    "causesSeparator": list_separator([c["title"] for c in i["causes"]], lang),
                    "questions": [{"id": q.id, "scores": [o.score for o in q.options], "afterLaunch": q.after_launch} for q in d.questions],
                }
                for d, i in zip(book.quiz_dimensions, info, strict=True)
            ],
            "levels": [
                {
                    "id": v.id,
                    "min": v.min_score,
                    "name": v.name[lang],
                    "description": v.description[lang],
                    "readinessName": v.readiness_name[lang],
                    "readiness": v.readiness_description[lang],
                }
                for v in book.quiz_levels
            ],
            "cases": {c.priority: {"title": c.title[lang], "href": relative("quiz/", f"case-studies/#{c.id}")} for c in book.case_studies},
            "strategy": {"title": strategy["idea_title"], "href": strategy["href"]} if strategy else None,
            "labels": {key: text[lang] for key, text in book.ui.items() if key in keys or key.startswith(prefixes)},
        }
    )


# The browser code of the quiz: its labels are only those it asks for (the rest of the quiz's
# strings are in the page's HTML), which keeps the quiz page's first load within budget.
QUIZ_CODE = Path(__file__).resolve().parents[2] / "quiz"


TEAM_SCRIPTS = ("core.js", "team.js", "team-view.js")


def team_data(book: Handbook, lang: str) -> dict:
    """The team page's JSON: the quiz's data, its labels, and the questions' and options' texts
    (the team page has no questionnaire to read them from)."""
    data = quiz_data(book, lang, TEAM_SCRIPTS)
    for d, dim in zip(data["dimensions"], book.quiz_dimensions, strict=True):
        for q, question in zip(d["questions"], dim.questions, strict=True):
            q["text"] = plain_text(question.text[lang])
            q["options"] = [plain_text(o.text[lang]) for o in question.options]
    return data


def team_context(book: Handbook, lang: str, root: str) -> dict:
    return {"team_json": script_json(team_data(book, lang)), "root": root, "quiz_href": relative("team/", "quiz/")}


def _plain_texts(data):
    """The browser writes these texts with textContent: the inline subset's marks are dropped."""
    if isinstance(data, dict):
        return {key: value if key in ("codec", "storage", "href", "id") else _plain_texts(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain_texts(value) for value in data]
    return plain_text(data) if isinstance(data, str) else data


def quiz_context(book: Handbook, lang: str, root: str, public_url: str | None = None) -> dict:
    address = quiz_address(public_url, lang)
    return {
        # The quiz's address as a QR code (workshop mode), when the build has a public address.
        "qr": address and {"src": root + qr_path(lang), "address": address},
        "priorities": PRIORITIES,
        "stages": QUIZ_STAGES,
        "modes": QUIZ_MODES,
        "dimensions": list(zip(book.quiz_dimensions, quiz_dimension_info(book, lang), strict=True)),
        "question_count": 2 + sum(len(d.questions) for d in book.quiz_dimensions),  # priority and stage too
        "quiz_json": script_json(quiz_data(book, lang)),  # no text in it can close the <script> element
        "gloss": glosser(book, lang),
        "language_links": [(other, f"{root}{page_path('quiz', other)}", book.t(f"language.{other}", other)) for other in LANGUAGES],
        "root": root,
    }


def case_quiz(book: Handbook, case, lang: str) -> dict | None:
    """The running case in the quiz, for the trainer page: its facts by quiz area (in quiz
    order), the share code that opens the quiz with its answers, and the result the quiz gives
    those answers (the reference scoring, as the browser would show it)."""
    if case.quiz is None:
        return None
    given = {a.question: a for a in case.quiz.answers}
    answers = {q: (quiz.DONT_KNOW if a.answer == "dk" else a.answer) for q, a in given.items()}
    info = dict(zip((d.id for d in book.quiz_dimensions), quiz_dimension_info(book, lang), strict=True))
    areas = [
        {
            "number": info[dim.id]["number"],
            "title": info[dim.id]["title"],
            "facts": [given[q.id].fact for q in dim.questions if q.id in given],
        }
        for dim in book.quiz_dimensions
    ]
    result = quiz.score(book.quiz_dimensions, book.quiz_levels, answers, case.quiz.stage)
    weakest = [info[d]["title"] for d in result.weakest]
    level = None if result.level is None else book.quiz_levels[result.level]
    return {
        "code": quiz.encode(book.quiz_ledger, book.quiz_dimensions, answers, case.quiz.priority, case.quiz.stage),
        "areas": [a for a in areas if a["facts"]],
        # The level as the quiz page names it (a readiness name before go-live), and the score
        # rounded half up, as the page shows it (Intl.NumberFormat).
        "level": level and (level.readiness_name if result.kind == "readiness" else level.name)[lang],
        "level_number": None if level is None else result.level + 1,
        "levels": len(book.quiz_levels),
        "score": None if result.overall is None else int(round_half_up(result.overall, 0)),
        "weakest": list_separator(weakest, lang).join(weakest),
    }
