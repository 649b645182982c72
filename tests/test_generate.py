"""python -m handbook.generate writes every page's Markdown without MkDocs: what the hook gives
MkDocs, for every page of every language, and nothing at all when the content is broken."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import PUBLIC_URL, ROOT
from handbook.generate import main
from handbook.languages import LANGUAGES
from handbook.site_pages import NARRATIVE_PAGES, PAGES


def _run(out, root=ROOT, site_url="https://example.org/handbook/"):
    """The command as a user runs it, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "handbook.generate", str(out), "--root", str(root), "--site-url", site_url],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _main(out, capsys, root=ROOT, site_url="https://example.org/handbook/") -> tuple[int, str]:
    """The command's main() in this process (what it does, without a second Python start):
    (exit code, what it printed on stderr)."""
    code = main([str(out), "--root", str(root), "--site-url", site_url])
    return code, capsys.readouterr().err


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


def test_every_page_of_every_language_is_written_as_the_build_gets_it(tmp_path, capsys):
    code, err = _main(tmp_path / "out", capsys)
    assert code == 0, err
    written = {(p.parent.name, p.stem) for p in (tmp_path / "out").glob("*/*.md")}
    assert written == {(lang, stem) for lang in LANGUAGES for stem in PAGES}
    # Byte for byte what MkDocs gets: test_the_generated_markdown_is_what_the_mkdocs_hook_hands_mkdocs.
    kpis = (tmp_path / "out" / "en" / "kpis.md").read_text(encoding="utf-8")
    assert "### CRM usage rate { #crm-usage-rate .hb-item }" in kpis  # the chapter, rendered from the YAML
    assert "\n*[KPI]: " in kpis  # with the glossary's definitions of the terms it uses
    for lang in LANGUAGES:
        for stem in NARRATIVE_PAGES:
            assert "{{" not in (tmp_path / "out" / lang / f"{stem}.md").read_text(encoding="utf-8"), f"{lang}/{stem}"
    trainers = (tmp_path / "out" / "fa" / "for-trainers.md").read_text(encoding="utf-8")
    assert "https://example.org/handbook/" in trainers  # the citations carry the public address


def test_broken_content_writes_nothing_and_lists_the_problem(tmp_path, capsys):
    project = tmp_path / "project"
    for part in ("content_data", "docs"):
        shutil.copytree(ROOT / part, project / part)
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    path = project / "content_data" / "kpis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  name:", "  nmae:", 1), encoding="utf-8")
    code, err = _main(tmp_path / "out", capsys, project)
    assert code == 1
    assert "content_data/kpis.yaml" in err and "nmae" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
