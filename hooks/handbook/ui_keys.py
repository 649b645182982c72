"""The interface strings content_data/ui.yaml must define, derived from the code that uses
them (no MkDocs imports).

A key is required when the templates, the Python code, the theme overrides or the browser
code name it as a string literal (``t('label.sources')``, ``ui["palette.to_dark"]``,
``t("quiz.undo")``), or when it is one of the few built at run time from data (a chapter's
title, a KPI family, a language's name, the quiz's phases). ui.yaml must define exactly these:
a key nothing uses is reported as unknown (the loader), so a removed template line cannot leave
a dead translation behind, and a new ``t('…')`` cannot ship without its three languages.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import CHECKLIST_PHASES, FAILURE_GROUPS, KPI_FAMILIES, LANGUAGES, PRIORITIES, QUIZ_MODES, QUIZ_STAGES
from .site_pages import CHAPTERS

ROOT = Path(__file__).resolve().parents[2]

# The first part of every key in ui.yaml: a string in the code that starts with one of these and
# a dot is a key ("label.sources"), anything else is not ("handbook.render", "glossary.yaml").
NAMESPACES = (
    "basis",
    "book",
    "chapter",
    "diagram",
    "failure_group",
    "footer",
    "glossary",
    "home",
    "kpi_family",
    "label",
    "language",
    "page404",
    "palette",
    "phase",
    "priority",
    "quiz",
    "redirect",
    "stage",
    "teaching",
    "team",
    "theme",
    "trainers",
)
_LITERAL = re.compile(rf"""["'`]((?:{"|".join(NAMESPACES)})\.[a-z0-9_.-]*)["'`]""")
_FILE_NAME = re.compile(r"\.(?:j2|ya?ml|md|html|js|css|py)$")

# Where the keys are used: the hooks and their templates, the theme overrides, the browser code.
_SOURCES = ("hooks/**/*.py", "hooks/handbook/templates/*.j2", "overrides/**/*.html", "quiz/*.js", "docs/assets/javascripts/*.js")


def computed_keys() -> frozenset[str]:
    """Keys put together at run time from data, so not written out anywhere in the code."""
    keys = [f"chapter.{chapter}.{part}" for chapter in CHAPTERS for part in ("title", "intro")]
    keys += [f"failure_group.{group}.{part}" for group in FAILURE_GROUPS for part in ("title", "intro")]
    keys += [f"kpi_family.{family}{part}" for family in KPI_FAMILIES for part in ("", ".intro")]
    keys += [f"language.{lang}" for lang in LANGUAGES]
    keys += [f"priority.{priority}" for priority in PRIORITIES]
    keys += [f"phase.{phase}" for phase in CHECKLIST_PHASES]  # the checklist: t('phase.' ~ s.phase)
    keys += [f"stage.{stage}" for stage in QUIZ_STAGES]
    keys += [f"quiz.mode_{mode}" for mode in QUIZ_MODES]  # the trainer page: t('quiz.mode_' ~ mode)
    keys += [f"quiz.phase_{phase}" for phase in (0, 1, 2)]  # quiz.js: the plan's three phases
    # Material's own strings replaced for our readers (overrides/partials/language.html reads
    # "theme.<Material's key>"): result counts worded per language, and Material's Arabic «إبحث»,
    # «إختر» (a wrong hamza on the imperative) and singular address.
    keys += [f"theme.search.result.{k}" for k in ("placeholder", "none", "one", "other", "more.one", "more.other")]
    # Landmarks and controls in the readers' words: Material's Persian «سرتیتر»/«پاورقی» (a
    # headline, a footnote) for header and footer, «هدایت» (guidance) for navigation and «جستجو»
    # against the handbook's «جست‌وجو»; Arabic «عنوان العارضة»/«هامش سفلي» and singular
    # imperatives («عد», «انتقل») against the plural address used everywhere else; "Initializing".
    theme = ("search", "select.language", "header", "footer", "nav", "toc", "search.placeholder")
    keys += [f"theme.{k}" for k in (*theme, "search.result.initializer", "search.reset", "top", "action.skip")]
    return frozenset(keys)


def used_keys(root: Path = ROOT) -> frozenset[str]:
    """Every key the code names as a string literal. Scanned on every load (a few milliseconds):
    under `mkdocs serve` a template edited a moment ago counts."""
    if not (root / "hooks" / "handbook" / "templates").is_dir() or not (root / "overrides").is_dir():
        raise RuntimeError(
            f"{root} is not the handbook's project folder (hooks/, overrides/, quiz/): the interface strings are checked against its code"
        )
    paths = [path for pattern in _SOURCES for path in sorted(root.glob(pattern)) if path.name != "ui_keys.py"]
    return frozenset(k for k in named_in(paths)[0] if not _FILE_NAME.search(k))


def named_in(paths) -> tuple[frozenset[str], tuple[str, ...]]:
    """The keys these files name as string literals, and the prefixes they complete at run time
    (a literal ending in "_" or ".", such as "quiz.phase_" + phase)."""
    literals = {k for path in paths for k in _LITERAL.findall(Path(path).read_text(encoding="utf-8"))}
    keys = frozenset(k for k in literals if k[-1].isalnum())
    return keys, tuple(sorted(k for k in literals if k.endswith(("_", "."))))


def required_ui_keys() -> frozenset[str]:
    """The keys ui.yaml must define, no more and no fewer."""
    return used_keys() | computed_keys()
