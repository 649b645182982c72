"""The course outline's reading lists (for_trainers.md.j2): each title in its language's
quotation marks, and the titles kept apart even when one ends in a question mark or holds a
colon (fa review round 3, defect 26: «CRM چیست؟ ابعاد CRM، …» ran two titles together)."""

from __future__ import annotations

import datetime as _dt
import re

import pytest

from conftest import BOOK, LANGUAGES, ROOT
from handbook.languages import LANGUAGE
from handbook.render import SiteInfo, page_titles, render_chapter

SITE = SiteInfo(
    url="/",
    names={"fa": "راهنمای CRM", "ar": "دليل CRM", "en": "The CRM Handbook"},
    descriptions={lang: "" for lang in LANGUAGES},
    edition=_dt.date(2026, 11, 30),
    docs_dir=ROOT / "docs",
)
# A title that needs the clause separator around it: a colon, a question mark, a comma.
MARKS = (":", "?", "؟")


def _reading_lines(lang: str) -> list[str]:
    md = render_chapter(BOOK, "for_trainers", lang, site=SITE)
    label = f"**{BOOK.t('trainers.read', lang)}:** "
    lines = [line[len(label) :] for line in md.splitlines() if line.startswith(label)]
    assert len(lines) == len(BOOK.course_sessions)
    return lines


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_session_lists_its_pages_quoted_and_separated(lang):
    titles = page_titles(BOOK, lang, ROOT / "docs")
    language = LANGUAGE[lang]
    for session, line in zip(BOOK.course_sessions, _reading_lines(lang), strict=True):
        names = [titles[p] for p in session.pages]
        quoted = [BOOK.t("trainers.read_title", lang).replace("{title}", n) for n in names]
        clause = any(m in n for n in names for m in (*MARKS, language.list_separator.strip()))
        separator = language.clause_separator if clause else language.list_separator
        links = [f"[{q}]({p}.md)" for q, p in zip(quoted, session.pages, strict=True)]
        assert line == separator.join(links), (session.id, line)


def test_a_question_mark_or_colon_never_runs_two_persian_titles_together():
    lines = _reading_lines("fa")
    first = lines[0]
    assert first.startswith("[«CRM چیست؟»](what-is-crm.md)؛ [«"), first
    # Every title is closed before the next opens, and a colon only appears inside «…».
    for line in lines:
        text = re.sub(r"\]\([^)]*\)", "]", line)
        outside = re.sub(r"«[^»]*»", "", text)
        assert "؟" not in outside and ":" not in outside, line
