"""ui.yaml's required keys come from the code that uses them (handbook/ui_keys.py)."""

from __future__ import annotations

from conftest import ROOT
from handbook import ui_keys
from handbook.loader import load


def test_a_key_the_code_names_is_required_and_a_file_name_is_not(tmp_path):
    (tmp_path / "hooks" / "handbook" / "templates").mkdir(parents=True)
    (tmp_path / "hooks" / "handbook" / "templates" / "x.md.j2").write_text(
        "{{ t('label.brand_new') }} {% include 'glossary.md.j2' %} {{ t(\"quiz.phase_\" ~ n) }}", encoding="utf-8"
    )
    (tmp_path / "quiz").mkdir()
    (tmp_path / "quiz" / "x.js").write_text('t("quiz.fresh"); var m = "handbook.render";', encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    used = ui_keys.used_keys(tmp_path)
    assert used == {"label.brand_new", "quiz.fresh"}


def test_ui_yaml_defines_exactly_the_keys_the_code_uses():
    book = load(ROOT / "content_data")
    assert set(book.ui) == ui_keys.required_ui_keys()
    assert ui_keys.computed_keys() <= set(book.ui)
    assert len(ui_keys.used_keys()) > 150  # the scan finds the templates' t('...') calls
