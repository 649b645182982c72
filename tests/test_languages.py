"""hooks/handbook/languages.py is the one definition of the languages: mkdocs.yml agrees with
it, and the code does not spell its facts out again."""

from __future__ import annotations

import re

from conftest import ROOT
from handbook.digits import localize_digits
from handbook.generate import i18n_languages, read_config
from handbook.languages import DEFAULT_LANGUAGE, LANGUAGE, LANGUAGES, PREFIX, prefix
from handbook.links import page_path


def _i18n_languages() -> list[dict]:
    return i18n_languages(read_config(ROOT / "mkdocs.yml"))


def test_mkdocs_yml_lists_the_registry_languages_in_its_order_with_its_default():
    languages = _i18n_languages()
    assert [entry["locale"] for entry in languages] == list(LANGUAGES)
    assert [entry["locale"] for entry in languages if entry.get("default")] == [DEFAULT_LANGUAGE]
    assert all(entry.get("build", True) for entry in languages)
    # Material's own language (its built-in labels, the root's direction) is the default's too.
    assert read_config(ROOT / "mkdocs.yml")["theme"]["language"] == DEFAULT_LANGUAGE


def test_every_language_has_a_folder_of_pages_and_the_default_is_served_at_the_root():
    for lang in LANGUAGES:
        assert (ROOT / "docs" / lang / "index.md").is_file(), lang
    assert PREFIX[DEFAULT_LANGUAGE] == "" and prefix(DEFAULT_LANGUAGE) == ""
    assert all(PREFIX[lang] == f"{lang}/" for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
    assert page_path("glossary", "x-default") == page_path("glossary", DEFAULT_LANGUAGE) == "glossary/"
    assert page_path("index", "ar") == "ar/"


def test_each_language_writes_its_own_digits_and_direction_matches_the_script():
    for language in LANGUAGE.values():
        assert localize_digits("2026", language.code) == "".join(language.digits[int(d)] for d in "2026")
        assert len(set(language.digits)) == 10
        assert language.rtl == (language.script == "arabic")
        assert language.og_locale.split("_")[0] == language.intl_locale.split("-")[0] == language.code


# What the registry defines, written out where it should not be: a language's folder, a
# direction chosen by language, the list and clause separators, the locales.
_SPELLED_OUT = re.compile(
    r"""(?x)
    ["'](?:fa|ar|en)/["']                      # a language folder
    | ["']rtl["']\s+if\s+                        # direction chosen in code
    | if\s+\w*lang\w*\s*[!=]=\s*["']en["']\s+else\s+["'](?:rtl|ltr)
    | ["'](?:،|؛|,|;)\s["']\s+if\s+\w*lang       # a separator chosen by language
    | if\s+\w*lang\w*\s*[!=]=\s*["']\w\w["']\s+else\s+["'](?:،|؛|,|;)\s
    | \b(?:fa_IR|ar_AR|en_GB|fa-IR|ar-EG|en-GB)\b  # locales
    """
)


def test_no_module_spells_out_what_the_registry_defines():
    files = [
        *sorted((ROOT / "hooks").rglob("*.py")),
        *sorted((ROOT / "hooks" / "handbook" / "templates").glob("*.j2")),
        *sorted((ROOT / "overrides").rglob("*.html")),
        *sorted((ROOT / "tools").glob("*.py")),
    ]
    assert len(files) > 30
    found = []
    for path in files:
        if path.name == "languages.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _SPELLED_OUT.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_check_itself_finds_what_it_looks_for():
    for line in [
        'prefix = "ar/"',
        "dir = 'ltr' if lang == 'en' else 'rtl'",
        "sep = '، ' if lang != 'en' else ', '",
        '{"fa": "fa_IR"}',
        '"rtl" if rtl else "ltr"',
    ]:
        assert _SPELLED_OUT.search(line), line
    for line in ["dir = LANGUAGE[lang].direction", "', '.join(problems)", 'locale="fa"']:
        assert not _SPELLED_OUT.search(line), line


def test_a_list_whose_items_hold_commas_is_separated_by_semicolons():
    """«نگاه به CRM به‌عنوان نرم‌افزار، نه تحول سازمانی، فرهنگ سازمانی ناهمراه» read as three
    causes, not two (review fa 10): items that hold the list's comma are separated by its semicolon."""
    from handbook.languages import list_separator

    assert list_separator(["a", "b"], "en") == ", "
    assert list_separator(["CRM treated as software, not as change", "b"], "en") == "; "
    assert list_separator(["الف، ب", "ج"], "fa") == "؛ " and list_separator(["الف", "ج"], "fa") == "، "
    assert list_separator(["أ، ب", "ج"], "ar") == "؛ "
