"""Bad content is reported clearly: one test per kind of mistake, exact message parts.

Each test breaks a private copy of the real content_data/ and checks that loading it
raises ContentErrors naming the file, the line, the item id and the field.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from handbook.loader import ContentErrors, load
from handbook.ui_keys import required_ui_keys


def _yaml() -> YAML:
    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


# Round-trip trees of the texts already parsed in this process (ruamel's round-trip loader
# takes about 0.4 s for a large content file; a copy of a parsed tree about a tenth of that).
_PARSED: dict[str, object] = {}


def _round_trip(text: str) -> object:
    if text not in _PARSED:
        _PARSED[text] = _yaml().load(text)
    return copy.deepcopy(_PARSED[text])


class _Reread:
    """The tree of a file as written, with its line numbers, parsed when first used (most
    callers never look at it)."""

    def __init__(self, text: str):
        self._text, self._tree = text, None

    def _get(self):
        if self._tree is None:
            self._tree = _round_trip(self._text)
        return self._tree

    def __getitem__(self, key):
        return self._get()[key]

    def __getattr__(self, name):
        return getattr(self._get(), name)

    def __iter__(self):
        return iter(self._get())

    def __len__(self):
        return len(self._get())


def edit(content: Path, kind: str, change: Callable) -> object:
    """Apply ``change`` to the round-trip tree of ``<kind>.yaml`` and write it back; return the
    tree as written (re-read, so its line numbers are the file's)."""
    path = content / f"{kind}.yaml"
    tree = _round_trip(path.read_text(encoding="utf-8"))
    change(tree)
    out = io.StringIO()
    _yaml().dump(tree, out)
    path.write_text(out.getvalue(), encoding="utf-8")
    return _Reread(out.getvalue())


def errors_of(content: Path) -> list:
    with pytest.raises(ContentErrors) as info:
        load(content)
    return info.value.errors


def one(errors, **expected):
    """The single error whose attributes match ``expected`` (substring match on message)."""
    message = expected.pop("message", "")
    found = [e for e in errors if all(getattr(e, k) == v for k, v in expected.items()) and message in e.message]
    assert len(found) == 1, f"expected one error {expected} {message!r}, got:\n" + "\n".join(map(str, errors))
    return found[0]


def test_the_real_content_is_valid():
    book = load(Path(__file__).resolve().parent.parent / "content_data")
    for kind in ("sources", "crm_types", "lifecycle_stages", "failure_causes", "checklist", "kpis", "case_studies", "glossary"):
        assert len(getattr(book, kind)) >= 2, f"{kind}: seed at least two items"
    assert set(book.ui) == required_ui_keys()


def test_yaml_syntax_error_names_file_and_line(content_copy):
    path = content_copy / "kpis.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "  name: [unclosed")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = one(errors_of(content_copy), file="content_data/kpis.yaml", message="YAML syntax error")
    assert err.line >= 4


def test_duplicate_yaml_key_is_a_syntax_error(content_copy):
    path = content_copy / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    first_term = text.index("  term:")
    path.write_text(text[:first_term] + "  id: again\n" + text[first_term:], encoding="utf-8")
    err = one(errors_of(content_copy), file="content_data/glossary.yaml", message="duplicate key")
    assert err.line > 0


def test_unknown_key(content_copy):
    tree = edit(content_copy, "failure_causes", lambda t: t[0].insert(1, "titel", "typo"))
    item = tree[0]
    err = one(errors_of(content_copy), file="content_data/failure_causes.yaml", item=item["id"], field="titel", message="unknown key")
    assert err.line == item.lc.key("titel")[0] + 1


def test_wrong_type(content_copy):
    tree = edit(content_copy, "checklist", lambda t: t[1].__setitem__("number", "three"))
    item = tree[1]
    err = one(errors_of(content_copy), file="content_data/checklist.yaml", item=item["id"], field="number", message="valid integer")
    assert err.line == item.lc.key("number")[0] + 1
    assert "'three'" in err.message


def test_empty_text(content_copy):
    tree = edit(content_copy, "kpis", lambda t: t[0]["name"].__setitem__("en", "   "))
    item = tree[0]
    err = one(errors_of(content_copy), file="content_data/kpis.yaml", item=item["id"], field="name.en", message="text is empty")
    assert err.line == item["name"].lc.key("en")[0] + 1


def test_missing_translation(content_copy):
    tree = edit(content_copy, "crm_types", lambda t: t[2]["summary"].pop("ar"))
    item = tree[2]
    err = one(
        errors_of(content_copy),
        file="content_data/crm_types.yaml",
        item=item["id"],
        field="summary.ar",
        message="required field is missing",
    )
    assert err.line == item.lc.key("summary")[0] + 1


def test_missing_required_field(content_copy):
    tree = edit(content_copy, "case_studies", lambda t: t[0].pop("goal"))
    item = tree[0]
    err = one(
        errors_of(content_copy), file="content_data/case_studies.yaml", item=item["id"], field="goal", message="required field is missing"
    )
    assert err.line == item.lc.line + 1


def test_duplicate_id(content_copy):
    def dup(t):
        t[1]["id"] = t[0]["id"]

    tree = edit(content_copy, "lifecycle_stages", dup)
    err = one(errors_of(content_copy), file="content_data/lifecycle_stages.yaml", item=tree[0]["id"], field="id", message="duplicate id")
    assert err.line == tree[1].lc.key("id")[0] + 1


def test_bad_id_form(content_copy):
    tree = edit(content_copy, "glossary", lambda t: t[0].__setitem__("id", "Not Kebab"))
    err = one(errors_of(content_copy), file="content_data/glossary.yaml", item="Not Kebab", field="id", message="kebab-case")
    assert err.line == tree[0].lc.key("id")[0] + 1


def test_dangling_reference(content_copy):
    tree = edit(content_copy, "failure_causes", lambda t: t[0].__setitem__("kpis", [*t[0].get("kpis", []), "no-such-kpi"]))
    item = tree[0]
    index = len(item["kpis"]) - 1
    err = one(
        errors_of(content_copy),
        file="content_data/failure_causes.yaml",
        item=item["id"],
        field=f"kpis[{index}]",
        message="'no-such-kpi' does not exist in kpis.yaml",
    )
    assert err.line == item["kpis"].lc.item(index)[0] + 1


def test_dangling_source(content_copy):
    tree = edit(content_copy, "kpis", lambda t: t[1]["sources"][0].__setitem__("source", "no-such-article"))
    item = tree[1]
    one(
        errors_of(content_copy),
        file="content_data/kpis.yaml",
        item=item["id"],
        field="sources[0].source",
        message="'no-such-article' does not exist in sources.yaml",
    )


def test_relations_must_mirror(content_copy):
    tree = edit(content_copy, "checklist", lambda t: t[0].__setitem__("guards_against", []))
    step = tree[0]["id"]
    errors = errors_of(content_copy)
    causes = load_tree(content_copy, "failure_causes")
    expected = [c["id"] for c in causes if step in (c.get("prevented_by") or [])]
    assert expected, "fixture: the first checklist step should prevent some cause"
    for cause in expected:
        one(errors, file="content_data/failure_causes.yaml", item=cause, message=f"'{step}' in checklist.yaml does not list '{cause}'")


def load_tree(content: Path, kind: str):
    return _yaml().load((content / f"{kind}.yaml").read_text(encoding="utf-8"))


def test_arabic_letters_in_persian_text(content_copy):
    tree = edit(content_copy, "failure_causes", lambda t: t[1]["title"].__setitem__("fa", t[1]["title"]["fa"] + " مشتري"))
    item = tree[1]
    err = one(
        errors_of(content_copy),
        file="content_data/failure_causes.yaml",
        item=item["id"],
        field="title.fa",
        message="wrong-script characters ي",
    )
    assert err.line == item["title"].lc.key("fa")[0] + 1


def test_persian_letters_in_arabic_text(content_copy):
    tree = edit(content_copy, "checklist", lambda t: t[0]["question"].__setitem__("ar", t[0]["question"]["ar"] + " کی"))
    item = tree[0]
    one(
        errors_of(content_copy),
        file="content_data/checklist.yaml",
        item=item["id"],
        field="question.ar",
        message="wrong-script characters ک ی",
    )


def test_wrong_script_in_list_item(content_copy):
    tree = edit(content_copy, "failure_causes", lambda t: t[0]["remedies"][0].__setitem__("fa", "يك"))
    item = tree[0]
    err = one(errors_of(content_copy), file="content_data/failure_causes.yaml", item=item["id"], field="remedies[0].fa")
    assert err.line == item["remedies"][0].lc.key("fa")[0] + 1


def test_missing_file(content_copy):
    (content_copy / "glossary.yaml").unlink()
    one(errors_of(content_copy), file="content_data/glossary.yaml", message="file is missing")


def test_ui_strings_missing_and_unknown(content_copy):
    def change(t):
        t.pop("label.sources")
        t["label.never_used"] = {"fa": "الف", "ar": "ألف", "en": "a"}

    edit(content_copy, "ui", change)
    errors = errors_of(content_copy)
    one(errors, file="content_data/ui.yaml", item="label.sources", message="required interface string is missing")
    one(errors, file="content_data/ui.yaml", item="label.never_used", message="unknown interface string")


def test_top_level_must_be_a_list(content_copy):
    (content_copy / "kpis.yaml").write_text("id: oops\n", encoding="utf-8")
    one(errors_of(content_copy), file="content_data/kpis.yaml", message="must be a list of items")


def test_every_problem_is_listed_at_once(content_copy):
    edit(content_copy, "failure_causes", lambda t: t[0].insert(1, "titel", "typo"))
    edit(content_copy, "kpis", lambda t: t[0]["name"].pop("en"))
    edit(content_copy, "glossary", lambda t: t[0]["definition"].__setitem__("ar", "تعریف"))
    (content_copy / "sources.yaml").write_text("- id: [\n", encoding="utf-8")
    errors = errors_of(content_copy)
    files = {e.file for e in errors}
    assert {
        "content_data/failure_causes.yaml",
        "content_data/kpis.yaml",
        "content_data/glossary.yaml",
        "content_data/sources.yaml",
    } <= files
    report = ContentErrors(errors).report()
    assert report.splitlines()[0].startswith(f"content_data has {len(errors)} problems")
    assert "Traceback" not in report


def test_schema_document_describes_every_field():
    from handbook.model import KINDS

    readme = (Path(__file__).resolve().parent.parent / "content_data" / "README.md").read_text(encoding="utf-8")
    for kind, model in KINDS.items():
        section = readme.split(f"### `{kind}.yaml`", 1)
        assert len(section) == 2, f"content_data/README.md has no section for {kind}.yaml"
        body = section[1].split("\n### ", 1)[0]
        for field in model.model_fields:
            assert f"| `{field}` |" in body, f"content_data/README.md: {kind}.yaml does not describe `{field}`"


# -- redirects.yaml: a renamed id or page keeps its old links working -----------------------


def test_renamed_id_is_caught_and_a_redirect_accepted(content_copy):
    """Renaming an item's id is valid content; the old link is then a redirect's job."""
    old_id = edit(content_copy, "glossary", lambda t: None)[-1]["id"]
    edit(content_copy, "glossary", lambda t: t[-1].__setitem__("id", "renamed-term"))
    assert "renamed-term" in {g.id for g in load(content_copy).glossary}
    edit(content_copy, "redirects", lambda t: t.append({"old": f"glossary/#{old_id}", "new": "glossary/#renamed-term"}))
    assert (f"glossary/#{old_id}", "glossary/#renamed-term") in {(r.old, r.new) for r in load(content_copy).redirects}
    # A redirect must not hide a link that still exists.
    tree = edit(content_copy, "redirects", lambda t: t.append({"old": "glossary/#renamed-term", "new": "glossary/"}))
    err = one(
        errors_of(content_copy), file="content_data/redirects.yaml", item="glossary/#renamed-term", field="old", message="still exists"
    )
    assert err.line == tree[-1].lc.key("old")[0] + 1


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        ({"old": "kpis/#gone", "new": "kpis/#no-such-kpi"}, "new", "'kpis/#no-such-kpi' is not a page or an item anchor"),
        ({"old": "kpis/#gone", "new": "no-such-page/"}, "new", "is not a page or an item anchor"),
        ({"old": "checklist/", "new": "kpis/"}, "old", "'checklist/' still exists"),
        ({"old": "old-page/#item", "new": "kpis/"}, "old", "add a redirect for 'old-page/' itself"),
        ({"old": "/kpis#x", "new": "kpis/"}, "old", "is not a link of the form 'page/' or 'page/#item-id'"),
        # A forwarding page at ar/ would replace the Arabic home page with a Persian redirect.
        ({"old": "ar/", "new": "kpis/"}, "old", "'ar/' is a folder the build writes"),
        ({"old": "en/#x", "new": "kpis/"}, "old", "'en/' is a folder the build writes"),
        ({"old": "assets/", "new": "kpis/"}, "old", "'assets/' is a folder the build writes"),
        ({"old": "search/", "new": "kpis/"}, "old", "'search/' is a folder the build writes"),
    ],
)
def test_bad_redirects(content_copy, entry, field, message):
    tree = edit(content_copy, "redirects", lambda t: t.append(entry))
    err = one(errors_of(content_copy), file="content_data/redirects.yaml", field=field, message=message)
    assert err.item == entry["old"]
    assert err.line == tree[-1].lc.key(field)[0] + 1


def test_duplicate_redirect(content_copy):
    def dup(t):
        t.append(dict(t[0]))

    tree = edit(content_copy, "redirects", dup)
    err = one(errors_of(content_copy), file="content_data/redirects.yaml", field="old", message="duplicate old")
    assert err.line == tree[-1].lc.key("old")[0] + 1


@pytest.mark.parametrize(
    "yaml_text",
    [
        "- id: loop\n  term: &a [*a]\n",  # a recursive alias
        # an "alias bomb": nine levels of nine aliases each (9^9 strings once expanded)
        "- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"- &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)),
    ],
    ids=["recursive", "bomb"],
)
def test_anchors_and_aliases_fail_fast_and_cleanly(content_copy, yaml_text):
    import time

    path = content_copy / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8") + yaml_text, encoding="utf-8")
    start = time.perf_counter()
    errors = errors_of(content_copy)
    assert time.perf_counter() - start < 10
    assert [e.message for e in errors if e.file.endswith("glossary.yaml")] == [
        "YAML anchors and aliases (&name, *name) are not allowed in content; write the text out"
    ]


def test_a_file_that_is_not_utf8_names_its_line(content_copy):
    path = content_copy / "kpis.yaml"
    path.write_bytes(path.read_bytes() + b"- id: x\n  title: caf\xe9\n")
    errors = [e for e in errors_of(content_copy) if e.file.endswith("kpis.yaml")]
    assert len(errors) == 1 and errors[0].line == path.read_bytes().count(b"\n") and "0xe9" in errors[0].message, errors


def test_a_load_leaves_the_cached_parse_of_a_file_unchanged(content_copy):
    """The loader keeps each file's parse per text (loader._parse) and shares it between loads,
    so no load may change it: a broken copy loaded in between leaves the next load of the
    real content exactly as the first."""
    from handbook import loader

    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(content_copy.glob("*.yaml"))}
    first = load(content_copy)
    before = {name: copy.deepcopy(loader._parse(text)[2]) for name, text in texts.items()}
    (content_copy / "kpis.yaml").write_text(texts["kpis.yaml"].replace("- id: ", "- id: [", 1), encoding="utf-8")
    with pytest.raises(ContentErrors):
        load(content_copy)
    (content_copy / "kpis.yaml").write_text(texts["kpis.yaml"], encoding="utf-8")
    assert load(content_copy) == first
    assert {name: loader._parse(text)[2] for name, text in texts.items()} == before
