"""A build either succeeds whole or leaves the previous site exactly as it was (issue 14).

`make check` rejects exactly what the build rejects: each case below is content the loader
alone would accept but a page cannot be rendered from. Check and build both list every problem
(in every language) at once, name the page file and its line, print no traceback, and the
previous site survives, also when the failure comes late (a strict-mode warning after every
page was written).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, dump_yaml, read_yaml, run_build

pytestmark = pytest.mark.build

IGNORE = shutil.ignore_patterns(
    ".venv", "node_modules", "site", ".git", "*.pyc", "__pycache__", ".pytest_cache", ".hypothesis", "artifacts", "dist"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(ROOT, target, ignore=IGNORE)
    return target


def _previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good build", encoding="utf-8")
    return site


def _assert_untouched(site: Path) -> None:
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous good build"
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site")] == [], "no staging folder left behind"


def _check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "handbook.check", "content_data"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "hooks")},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _edit_yaml(path: Path, change) -> None:
    data = read_yaml(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


def _move_idea(content: Path) -> None:
    def change(ideas):
        idea = next(i for i in ideas if i["id"] == "crm-unit-mistakes")
        idea["page"] = "what-is-crm" if idea["page"] != "what-is-crm" else "managing-crm"

    _edit_yaml(content / "key_ideas.yaml", change)


def _delete_idea(content: Path) -> None:
    _edit_yaml(content / "key_ideas.yaml", lambda ideas: ideas.remove(next(i for i in ideas if i["id"] == "mature-crm-unit")))


def _rename_term(content: Path) -> None:
    """Renamed everywhere in the YAML (the lessons that list it as a key term too), but not in
    the pages that link it: only the pages are wrong."""
    _edit_yaml(
        content / "glossary.yaml", lambda terms: next(t for t in terms if t["id"] == "cxm").update(id="customer-experience-management")
    )

    def rename(lessons):
        for lesson in lessons:
            lesson["key_terms"] = ["customer-experience-management" if t == "cxm" else t for t in lesson["key_terms"]]

    _edit_yaml(content / "lessons.yaml", rename)


# case -> (edit, what every language's message says)
CASES = {
    "key idea moved to another page": (_move_idea, "crm-unit-mistakes"),
    "key idea deleted, still placed": (_delete_idea, "mature-crm-unit"),
    "id renamed in the YAML only": (_rename_term, "cxm"),
}


@pytest.mark.parametrize("case", CASES)
def test_check_and_build_reject_the_same_page_problems_and_keep_the_site(project, tmp_path, case):
    edit, needle = CASES[case]
    edit(project / "content_data")

    checked = _check(project)
    site = _previous_site(tmp_path)
    built = run_build(project / "mkdocs.yml", site)

    assert checked.returncode == 1 and built.returncode != 0
    for output in (checked.stderr, built.stderr):
        assert "Traceback" not in output
        problems = [line for line in output.splitlines() if line.startswith("  - docs/")]
        assert problems and all(needle in p for p in problems), output
        assert {re.match(r"  - docs/(\w+)/", p).group(1) for p in problems} == {"fa", "ar", "en"}, "every language, at once"
        # A call that fails names its line; a key idea a page lacks names the page.
        assert all(re.match(r"  - docs/\w+/[\w-]+\.md:\d+: ", p) for p in problems if "not placed" not in p), "each names its line"
    check_problems = sorted(line for line in checked.stderr.splitlines() if line.startswith("  - "))
    build_problems = sorted(line for line in built.stderr.splitlines() if line.startswith("  - "))
    assert check_problems == build_problems, "make check says exactly what the build says"
    _assert_untouched(site)


def test_links_between_pages_are_checked_before_the_build(project, tmp_path):
    page = project / "docs" / "en" / "what-is-crm.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[a](nowhere.md) [b](glossary.md#no-such-term) [c](#no-such-heading) [d](glossary.md#crm)\n",
        encoding="utf-8",
    )
    checked = _check(project)
    problems = sorted(line for line in checked.stderr.splitlines() if line.startswith("  - "))
    assert checked.returncode == 1 and len(problems) == 3, checked.stderr
    assert all(p.startswith("  - docs/en/what-is-crm.md:") for p in problems)
    site = _previous_site(tmp_path)
    built = run_build(project / "mkdocs.yml", site)
    assert sorted(line for line in built.stderr.splitlines() if line.startswith("  - ")) == problems
    _assert_untouched(site)


def test_a_late_failure_keeps_the_previous_site(project, tmp_path):
    """A strict-mode warning comes after every page was written: the old site still stands."""
    page = project / "docs" / "en" / "what-is-crm.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![a missing picture](missing.png)\n", encoding="utf-8")
    site = _previous_site(tmp_path)
    result = run_build(project / "mkdocs.yml", site)
    assert result.returncode != 0 and "strict mode" in result.stdout + result.stderr
    _assert_untouched(site)


def test_a_good_build_replaces_the_site_whole(built_site):
    """The test session's strict build (conftest.built_site) was made over an older build's
    folder, with a page that no longer exists."""
    site = built_site
    assert not (site / "stale.html").exists() and "previous good build" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "en" / "index.html").is_file() and (site / "ar" / "quiz" / "index.html").is_file()
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}")] == [], "no staging folder left behind"


def _rename_everywhere(project: Path, old: str, new: str) -> None:
    for path in [*(project / "content_data").glob("*.yaml"), *(project / "docs").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text), encoding="utf-8")


# An item id that is also another anchor on its page: (old id, new id, what it clashes with).
COLLISIONS = {
    "a glossary term named like the page's title": ("crm", "glossary", "the heading «Glossary»"),
    "a KPI named like its family's heading": ("lead-conversion-rate", "customer-indicators", "the heading «Customer indicators»"),
    "a key idea named like a hand-written heading": ("crm-beyond-software", "three-dimensions", "the heading «Three dimensions»"),
    "a course session named like a section of its page": ("session-why-crm-projects-fail", "citing", "the heading"),
}


@pytest.mark.parametrize("case", COLLISIONS)
def test_an_id_that_would_take_another_anchor_is_refused(project, case):
    old, new, clash = COLLISIONS[case]
    _rename_everywhere(project, old, new)
    checked = _check(project)
    assert checked.returncode == 1, checked.stdout
    problems = [line for line in checked.stderr.splitlines() if line.startswith("  - ")]
    assert len(problems) == 1, checked.stderr  # one message, the languages named in it
    assert re.match(r"  - content_data/\w+\.yaml:\d+: item '" + new + "': its id is also the anchor of " + clash, problems[0]), problems[0]


def test_ids_the_site_uses_for_its_own_elements_are_refused(project):
    _rename_everywhere(project, "crm", "hb-ui")
    checked = _check(project)
    assert checked.returncode == 1 and "item 'hb-ui'" in checked.stderr and "the site's own" in checked.stderr, checked.stderr
