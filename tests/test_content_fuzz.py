"""Property-based tests: random damage to valid content never produces a traceback.

Whatever hypothesis does to the content (structural mutations of the data, or random edits of
the raw text), loading it either succeeds or raises ContentErrors whose every entry names a
file; no other exception escapes.
"""

from __future__ import annotations

import copy
import functools
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import CONTENT, dump_yaml
from handbook.loader import ContentErrors, load
from handbook.model import KINDS

pytestmark = pytest.mark.slow

FILES = [*KINDS, "ui"]


def _plain(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@functools.cache
def original() -> dict:
    """The content as plain data, read when a property test first asks (not when the module is
    collected: `make test-fast` collects this file and runs none of its tests)."""
    return {kind: _plain(CONTENT / f"{kind}.yaml") for kind in FILES}


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", " ", "يك", "یک", "۱۲", "٣", "fa", "ar", "en", "id", "sources", "crm-seen-as-software"]),
)
values = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)), max_leaves=6
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


@st.composite
def mutated(draw):
    data = dict(original())  # a file is copied when first mutated; the others stay shared
    copied = set()
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(FILES))
        if kind not in copied:
            data[kind] = copy.deepcopy(original()[kind])
            copied.add(kind)
        paths = list(_paths(data[kind]))
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["replace", "delete", "add_key", "duplicate", "swap_type"]))
        if not path:
            data[kind] = draw(values)
            continue
        parent = data[kind]
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if op == "replace":
            parent[last] = draw(values)
        elif op == "delete":
            del parent[last]
        elif op == "add_key" and isinstance(parent[last], dict):
            parent[last][draw(st.text(max_size=8))] = draw(values)
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif op == "swap_type":
            parent[last] = [parent[last]] if not isinstance(parent[last], list) else {"x": parent[last]}
    return data


def _dump(tree) -> str:
    return dump_yaml(tree, allow_unicode=True, default_flow_style=False)


@functools.cache
def original_dumped() -> dict:
    return {kind: _dump(tree) for kind, tree in original().items()}


def _write(data: dict, target: Path) -> None:
    # A file no mutation touched is the same object as the original: its dump is made once.
    for kind, tree in data.items():
        text = original_dumped()[kind] if tree is original()[kind] else _dump(tree)
        (target / f"{kind}.yaml").write_text(text, encoding="utf-8")


def _check(target: Path) -> None:
    try:
        load(target)
    except ContentErrors as exc:
        assert exc.errors, "ContentErrors without any error"
        for err in exc.errors:
            assert err.file.startswith("content_data/") and err.file.endswith(".yaml"), err
            assert err.message, err
        assert "Traceback" not in exc.report()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_structural_mutations_never_raise_anything_else(data):
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "content_data"
        target.mkdir()
        _write(data, target)
        _check(target)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(FILES),
    position=st.floats(min_value=0, max_value=1),
    cut=st.integers(min_value=0, max_value=40),
    insert=st.text(alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@`\t\n ?,یيكک\u200c\x00\ufeff")), max_size=8),
)
def test_raw_text_edits_never_raise_anything_else(kind, position, cut, insert):
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "content_data"
        shutil.copytree(CONTENT, target)
        path = target / f"{kind}.yaml"
        text = path.read_text(encoding="utf-8")
        at = int(position * len(text))
        path.write_text(text[:at] + insert + text[at + cut :], encoding="utf-8")
        _check(target)


def test_non_utf8_file_is_reported(content_copy):
    (content_copy / "kpis.yaml").write_bytes(b"- id: \xff\xfe\n")
    try:
        load(content_copy)
    except ContentErrors as exc:
        assert any(e.file == "content_data/kpis.yaml" and "UTF-8" in e.message for e in exc.errors)
    else:
        raise AssertionError("a non-UTF-8 file was accepted")
