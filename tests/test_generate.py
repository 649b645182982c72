"""python -m handbook.generate writes every page's Markdown without MkDocs: what the hook gives
MkDocs, for every page of every language, and nothing at all when the content is broken."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import PUBLIC_URL, ROOT
from handbook.generate import generate, site_info
from handbook.languages import LANGUAGES
from handbook.site_pages import NARRATIVE_PAGES, PAGES


def _run(out, root=ROOT, site_url="https://example.org/handbook/"):
    return subprocess.run(
        [sys.executable, "-m", "handbook.generate", str(out), "--root", str(root), "--site-url", site_url],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_generated_markdown_is_what_the_mkdocs_hook_hands_mkdocs(built_markdown, tmp_path):
    """The strict build of the test session (conftest.built_site, at PUBLIC_URL) wrote what its
    hook handed MkDocs; the command, run apart from MkDocs, writes the same files byte for byte."""
    result = _run(tmp_path / "out", site_url=PUBLIC_URL)
    assert result.returncode == 0, result.stderr
    generated = {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes() for p in (tmp_path / "out").glob("*/*.md")}
    handed = {p.relative_to(built_markdown).as_posix(): p.read_bytes() for p in built_markdown.glob("*/*.md")}
    assert len(handed) == len(LANGUAGES) * len(PAGES)
    assert sorted(generated) == sorted(handed)
    differ = [name for name in sorted(handed) if generated[name] != handed[name]]
    assert not differ, f"python -m handbook.generate and the hook differ on {differ}"


def test_every_page_of_every_language_is_written_as_the_build_gets_it(tmp_path):
    result = _run(tmp_path / "out")
    assert result.returncode == 0, result.stderr
    written = {(p.parent.name, p.stem) for p in (tmp_path / "out").glob("*/*.md")}
    assert written == {(lang, stem) for lang in LANGUAGES for stem in PAGES}
    expected = generate(ROOT, site_info(ROOT, "https://example.org/handbook/"))
    for (lang, stem), markdown in expected.items():
        assert (tmp_path / "out" / lang / f"{stem}.md").read_text(encoding="utf-8") == markdown, f"{lang}/{stem}"
    kpis = (tmp_path / "out" / "en" / "kpis.md").read_text(encoding="utf-8")
    assert "### CRM usage rate { #crm-usage-rate .hb-item }" in kpis  # the chapter, rendered from the YAML
    assert "\n*[KPI]: " in kpis  # with the glossary's definitions of the terms it uses
    for lang in LANGUAGES:
        for stem in NARRATIVE_PAGES:
            assert "{{" not in (tmp_path / "out" / lang / f"{stem}.md").read_text(encoding="utf-8"), f"{lang}/{stem}"
    trainers = (tmp_path / "out" / "fa" / "for-trainers.md").read_text(encoding="utf-8")
    assert "https://example.org/handbook/" in trainers  # the citations carry the public address


def test_broken_content_writes_nothing_and_lists_the_problem(tmp_path):
    project = tmp_path / "project"
    for part in ("content_data", "docs"):
        shutil.copytree(ROOT / part, project / part)
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    path = project / "content_data" / "kpis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  name:", "  nmae:", 1), encoding="utf-8")
    result = _run(tmp_path / "out", project)
    assert result.returncode == 1
    assert "content_data/kpis.yaml" in result.stderr and "nmae" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
