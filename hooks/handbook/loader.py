"""Load ``content_data/*.yaml`` into a validated :class:`~handbook.model.Handbook`.

Every problem found in every file is collected and raised at once as :class:`ContentErrors`,
each naming the file, the line, the item id and the field. Only ``ContentErrors`` ever leaves
:func:`load`; no input, however broken, produces a traceback.

YAML is read with ruamel.yaml's round-trip loader because it keeps the line of every key and
list item (and refuses duplicate keys); the typed checks are pydantic's.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .model import KINDS, MIRRORED, REFERENCES, REQUIRED_UI_KEYS, UNIQUE_NUMBERS, Handbook, Text

UI_FILE = "ui"


@dataclass(frozen=True, order=True)
class ContentError:
    file: str
    line: int
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.item:
            parts.append(f"item '{self.item}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.message}"


class ContentErrors(Exception):
    """All problems found in the content, sorted by file and line."""

    def __init__(self, errors: Iterable[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.errors)
        head = f"content_data has {n} problem{'s' if n != 1 else ''}; nothing was built:"
        return "\n".join([head, *(f"  - {e}" for e in self.errors)])


# -- YAML reading ---------------------------------------------------------------------------


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.allow_duplicate_keys = False
    return y


def _plain(node: Any) -> Any:
    """ruamel's commented containers and scalar subclasses -> plain Python values."""
    if isinstance(node, dict):
        return {_key(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, (_dt.date, _dt.datetime)):
        return node.isoformat()
    return node


def _key(key: Any) -> Any:
    """Mapping keys stay hashable: complex YAML keys (``? [a, b]``) become their text."""
    key = _plain(key) if isinstance(key, (str, int, float, bool)) or key is None else str(key)
    return key if not isinstance(key, (list, dict)) else str(key)


def _line_of(node: Any, path: tuple) -> int:
    """1-based line of the deepest part of ``path`` that exists under ``node``."""
    line = getattr(getattr(node, "lc", None), "line", 0) or 0
    for part in path:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0]
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0]
            node = node[part]
        else:
            break
    return line + 1


def _read(path: Path, rel: str, errors: list[ContentError]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        errors.append(ContentError(rel, 0, "", "", "file is missing"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(ContentError(rel, 0, "", "", f"cannot be read as UTF-8 text ({exc.__class__.__name__})"))
        return None
    try:
        return _yaml().load(text)
    except Exception as exc:  # any ruamel error: syntax, duplicate key, bad tag ...
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1) if mark is not None else 0
        problem = getattr(exc, "problem", None) or (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
        context = getattr(exc, "context", None)
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
        return errors.append(ContentError(rel, line, "", "", " ".join(message.split())))


# -- pydantic errors -> ContentError --------------------------------------------------------


def _message(err: dict) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown key (not in the schema; see content_data/README.md)"
    if kind == "string_too_short":
        return "text is empty"
    if kind == "too_short":
        return "list must not be empty"
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if pattern.startswith("^[a-z0-9]"):
            return f"{err['input']!r} is not a kebab-case id (lowercase letters, digits, hyphens)"
        return f"{err['input']!r} does not have the expected form {pattern}"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    msg = err["msg"]
    if "input" in err and not isinstance(err["input"], (dict, list)):
        msg += f" (got {err['input']!r})"
    return msg


def _field(loc: tuple) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")


def _item_label(item: Any, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"].strip():
        return item["id"]
    return f"#{index + 1}"


# -- the checks -----------------------------------------------------------------------------


def load(content_dir: str | Path) -> Handbook:
    """Read, validate and cross-check every content file; raise ContentErrors on any problem."""
    content_dir = Path(content_dir)
    errors: list[ContentError] = []
    trees: dict[str, Any] = {}  # kind -> ruamel tree (for line numbers)
    valid: dict[str, list] = {}  # kind -> validated items (those that passed)

    def rel(kind: str) -> str:
        return f"{content_dir.name}/{kind}.yaml"

    for kind, model in KINDS.items():
        tree = _read(content_dir / f"{kind}.yaml", rel(kind), errors)
        trees[kind] = tree
        valid[kind] = []
        if tree is None:
            continue
        if not isinstance(tree, list):
            errors.append(ContentError(rel(kind), _line_of(tree, ()), "", "", "the file must be a list of items (each starting with '- id: ...')"))
            continue
        for index, raw in enumerate(tree):
            item = _plain(raw)
            label = _item_label(item, index)
            try:
                valid[kind].append((index, model.model_validate(item)))
            except ValidationError as exc:
                for err in exc.errors():
                    loc = tuple(err["loc"])
                    errors.append(ContentError(rel(kind), _line_of(raw, loc) if isinstance(raw, (CommentedMap, CommentedSeq)) else _line_of(tree, (index,)), label, _field(loc), _message(err)))

    def err_at(kind: str, index: int, loc: tuple, item: str, field: str, message: str) -> None:
        errors.append(ContentError(rel(kind), _line_of(trees[kind], (index, *loc)), item, field, message))

    # Duplicate ids (within a kind) and duplicate step/stage numbers.
    ids: dict[str, set[str]] = {}
    for kind, items in valid.items():
        counts = Counter(it.id for _, it in items)
        seen: set[str] = set()
        for index, it in items:
            if counts[it.id] > 1 and it.id in seen:
                err_at(kind, index, ("id",), it.id, "id", f"duplicate id '{it.id}' (ids must be unique within {kind}.yaml)")
            seen.add(it.id)
        ids[kind] = set(counts)
        if kind in UNIQUE_NUMBERS:
            field = UNIQUE_NUMBERS[kind]
            numbers = Counter(getattr(it, field) for _, it in items)
            for index, it in items:
                if numbers[getattr(it, field)] > 1:
                    err_at(kind, index, (field,), it.id, field, f"{field} {getattr(it, field)} is used by more than one item")

    # Dangling references, including every item's sources.
    for (kind, field), target in list(REFERENCES.items()) + [((k, "sources"), "sources") for k in KINDS]:
        for index, it in valid[kind]:
            value = getattr(it, field, None)
            if value is None:
                continue
            refs = value if isinstance(value, list) else [value]
            for j, ref in enumerate(refs):
                ref_id, loc = (ref.source, (field, j, "source")) if field == "sources" else (ref, (field, j) if isinstance(value, list) else (field,))
                if ref_id not in ids[target]:
                    err_at(kind, index, loc, it.id, _field(loc), f"'{ref_id}' does not exist in {target}.yaml")

    # Relations stored on both sides must agree.
    for (kind_a, field_a), (kind_b, field_b) in MIRRORED:
        a_pairs = {(it.id, ref) for _, it in valid[kind_a] for ref in getattr(it, field_a)}
        b_pairs = {(ref, it.id) for _, it in valid[kind_b] for ref in getattr(it, field_b)}
        for index, it in valid[kind_a]:
            for j, ref in enumerate(getattr(it, field_a)):
                if (it.id, ref) not in b_pairs and ref in ids[kind_b]:
                    err_at(kind_a, index, (field_a, j), it.id, f"{field_a}[{j}]", f"'{ref}' in {kind_b}.yaml does not list '{it.id}' in its {field_b}")
        for index, it in valid[kind_b]:
            for j, ref in enumerate(getattr(it, field_b)):
                if (ref, it.id) not in a_pairs and ref in ids[kind_a]:
                    err_at(kind_b, index, (field_b, j), it.id, f"{field_b}[{j}]", f"'{ref}' in {kind_a}.yaml does not list '{it.id}' in its {field_a}")

    # Interface strings.
    ui: dict[str, Text] = {}
    ui_tree = _read(content_dir / f"{UI_FILE}.yaml", rel(UI_FILE), errors)
    if ui_tree is not None:
        if not isinstance(ui_tree, dict):
            errors.append(ContentError(rel(UI_FILE), _line_of(ui_tree, ()), "", "", "the file must be a mapping of string keys to texts"))
        else:
            for key, raw in ui_tree.items():
                key_s = str(key)
                if key_s not in REQUIRED_UI_KEYS:
                    errors.append(ContentError(rel(UI_FILE), _line_of(ui_tree, (key,)), key_s, "", "unknown interface string (no template uses it)"))
                    continue
                try:
                    ui[key_s] = Text.model_validate(_plain(raw))
                except ValidationError as exc:
                    for err in exc.errors():
                        loc = tuple(err["loc"])
                        errors.append(ContentError(rel(UI_FILE), _line_of(ui_tree, (key, *loc)), key_s, _field(loc), _message(err)))
            for key in sorted(REQUIRED_UI_KEYS - {str(k) for k in ui_tree}):
                errors.append(ContentError(rel(UI_FILE), 0, key, "", "required interface string is missing"))

    if errors:
        raise ContentErrors(errors)
    return Handbook(**{kind: [it for _, it in items] for kind, items in valid.items()}, ui=ui)
