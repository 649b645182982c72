"""Load ``content_data/*.yaml`` into a validated :class:`~handbook.model.Handbook`.

Every problem found in every file is collected and raised at once as :class:`ContentErrors`,
each naming the file, the line, the item id and the field. Only ``ContentErrors`` ever leaves
:func:`load`; no input, however broken, produces a traceback.

YAML is read with PyYAML's C parser twice: ``compose`` keeps the node tree with the line of
every key and list item (and shows duplicate keys, which plain loading silently merges), and
``load`` gives the data; the typed checks are pydantic's.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, SequenceNode

from . import worked
from .links import ANCHORED, anchored_items, published
from .model import (
    KINDS,
    LANGUAGES,
    LINK_PATTERN,
    MIRRORED,
    PAGES,
    PLACEHOLDER,
    QUIZ_RESERVED_DIMENSION_IDS,
    QUIZ_RESERVED_QUESTION_IDS,
    REFERENCES,
    RESERVED_ID_PREFIXES,
    UNIQUE_NUMBERS,
    Handbook,
    Text,
)
from .text import inline_problems
from .ui_keys import required_ui_keys

UI_FILE = "ui"
# The field that identifies an item, when it is not "id".
ID_FIELD = {"redirects": "old"}


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

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _plain(node: Any) -> Any:
    """Loaded YAML -> plain JSON-like values (dates become ISO strings, keys stay hashable)."""
    if isinstance(node, dict):
        return {_key(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, (_dt.date, _dt.datetime)):
        return node.isoformat()
    return node


def _key(key: Any) -> Any:
    return key if isinstance(key, (str, int, float, bool)) or key is None else str(key)


def _child(node: Node | None, part: Any) -> tuple[Node | None, int | None]:
    """The child node at ``part`` and the line it starts on (0-based), if it exists."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == str(part):
                return value_node, key_node.start_mark.line
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], node.value[part].start_mark.line
    return None, None


def _line_of(node: Node | None, path: tuple) -> int:
    """1-based line of the deepest part of ``path`` that exists under ``node``."""
    line = node.start_mark.line if node is not None else 0
    for part in path:
        child, child_line = _child(node, part)
        if child is None:
            break
        node, line = child, child_line
    return line + 1


def _duplicate_keys(node: Node, rel: str, errors: list[ContentError]) -> None:
    if isinstance(node, MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = getattr(key_node, "value", None)
            if isinstance(key, str) and key in seen:
                errors.append(
                    ContentError(
                        rel,
                        key_node.start_mark.line + 1,
                        "",
                        "",
                        f"YAML syntax error: duplicate key '{key}' (the later one would silently win)",
                    )
                )
            seen.add(key)
            _duplicate_keys(value_node, rel, errors)
    elif isinstance(node, SequenceNode):
        for child in node.value:
            _duplicate_keys(child, rel, errors)


def _read(path: Path, rel: str, errors: list[ContentError]) -> tuple[Node | None, Any] | None:
    """(node tree, data) of a YAML file, or None after recording why it cannot be read."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        errors.append(ContentError(rel, 0, "", "", "file is missing"))
        return None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        errors.append(
            ContentError(
                rel, line, "", "", f"cannot be read as UTF-8 text (byte {raw[exc.start]:#04x} at column {column}); save the file as UTF-8"
            )
        )
        return None
    except OSError as exc:
        errors.append(ContentError(rel, 0, "", "", f"cannot be read ({exc.__class__.__name__})"))
        return None
    try:
        anchor_line, node, data = _parse(text)
        if anchor_line:
            errors.append(
                ContentError(
                    rel, anchor_line, "", "", "YAML anchors and aliases (&name, *name) are not allowed in content; write the text out"
                )
            )
            return None
    except Exception as exc:  # any parser or constructor error
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1) if mark is not None else 0
        problem = getattr(exc, "problem", None) or (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
        context = getattr(exc, "context", None)
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
        errors.append(ContentError(rel, line, "", "", " ".join(message.split())))
        return None
    if node is not None:
        _duplicate_keys(node, rel, errors)
    return node, data


@functools.lru_cache(maxsize=64)
def _parse(text: str) -> tuple[int, Node | None, Any]:
    """(line of the first anchor or alias, or 0; node tree; data) of a YAML text; raises on a syntax error.

    Kept per text: a rebuild under ``mkdocs serve`` or a test that changes one file reads the
    others again, unchanged. Nothing downstream modifies the node tree or the data (``_plain``
    copies the data into new containers), so the cached values are shared safely.
    """
    # Anchors and aliases (&name, *name) are refused before anything is built from them: a
    # recursive alias or an "alias bomb" (aliases of aliases) would loop or grow without
    # end, and content has no need for them (write each text out). Both need "&" or "*", so
    # a file without either (nearly every file) skips this pass.
    if "&" in text or "*" in text:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return event.start_mark.line + 1, None, None
    node = yaml.compose(text, Loader=_Loader)
    # The values built from that node tree (not by parsing the text a third time).
    data = _Loader("").construct_document(node) if node is not None else None
    return 0, node, data


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
        if pattern == LINK_PATTERN:
            return f"{err['input']!r} is not a link of the form 'page/' or 'page/#item-id' (as tests/published_links.txt writes them)"
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


def _check_locator(source, ref, error) -> None:
    """A citation's part exists in its source, and a numbered part has an item within its count."""
    part = source.part(ref.part)
    if part is None:
        names = ", ".join(p.id for p in source.parts) or "none: cite the whole source (no part)"
        error("part", f"'{ref.part}' is not a part of {source.id} (its parts: {names})")
    elif part.count is None and ref.item is not None:
        error("item", f"'{ref.part}' of {source.id} is a section, not a numbered list: remove the item")
    elif part.count is not None and ref.item is None:
        error("part", f"'{ref.part}' of {source.id} is a numbered list: say which item (item: 1-{part.count})")
    elif part.count is not None and ref.item > part.count:
        error("item", f"{source.id} has {part.count} items in '{ref.part}', not {ref.item}")


def _item_label(item: Any, index: int, key: str = "id") -> str:
    if isinstance(item, dict) and isinstance(item.get(key), str) and item[key].strip():
        return item[key]
    return f"#{index + 1}"


# -- the checks -----------------------------------------------------------------------------


def _texts(value: Any, loc: tuple = ()) -> Iterable[tuple[tuple, str]]:
    """Every text of a validated item, with its location (field path, then the language)."""
    if isinstance(value, Text):
        for lang in LANGUAGES:
            yield (*loc, lang), value[lang]
    elif isinstance(value, list):
        for j, child in enumerate(value):
            yield from _texts(child, (*loc, j))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*loc, name))


def _anchors(items: dict[str, list]) -> dict[str, set[str]]:
    """Page stem -> the ids anchored on it, for links inside texts (page.md#id)."""
    out: dict[str, set[str]] = {page: set() for page in PAGES}
    for _kind, page, item in anchored_items(SimpleNamespace(**items)):
        out.setdefault(page, set()).add(item.id)
    return out


def _report_locator(err_at, kind: str, index: int, field: str, j: int, item_id: str, at: str, message: str) -> None:
    """A problem with the locator of source reference ``field[j]`` of an item."""
    err_at(kind, index, (field, j, at), item_id, message)


@dataclass
class _Loading:
    """What the checks share while content is loaded: the problems found so far, each file's
    YAML node tree (for line numbers), its valid items, and every id written, valid or not."""

    content_dir: Path
    errors: list[ContentError] = dataclasses.field(default_factory=list)
    trees: dict[str, Any] = dataclasses.field(default_factory=dict)  # kind -> YAML node tree (for line numbers)
    valid: dict[str, list] = dataclasses.field(default_factory=dict)  # kind -> validated items (those that passed)
    present: dict[str, set[str]] = dataclasses.field(default_factory=dict)  # kind -> every id written, valid item or not
    ids: dict[str, set[str]] = dataclasses.field(default_factory=dict)  # kind -> ids (valid or written)

    def rel(self, kind: str) -> str:
        return f"{self.content_dir.name}/{kind}.yaml"

    def err_at(self, kind: str, index: int, loc: tuple, item: str, message: str) -> None:
        """A problem at ``loc`` in item ``index`` of ``kind``: its line, and its field named after
        ``loc`` (("figures", 2, "name") -> "figures[2].name")."""
        self.errors.append(ContentError(self.rel(kind), _line_of(self.trees[kind], (index, *loc)), item, _field(loc), message))


def load(content_dir: str | Path) -> Handbook:
    """Read, validate and cross-check every content file; raise ContentErrors listing every problem."""
    s = _Loading(Path(content_dir))
    _read_items(s)
    _check_ids(s)
    _check_references(s)
    _check_mirrored(s)
    _check_worked_examples(s)
    _check_quiz(s)
    _check_redirects(s)
    ui, ui_node = _read_ui(s)
    _check_links_in_texts(s, ui, ui_node)
    if s.errors:
        raise ContentErrors(s.errors)
    return Handbook(**{kind: [it for _, it in items] for kind, items in s.valid.items()}, ui=ui)


def _read_items(s: _Loading) -> None:
    """Each content file read and every item validated against its model."""
    errors, trees, valid, present, rel, content_dir = s.errors, s.trees, s.valid, s.present, s.rel, s.content_dir
    for kind, model in KINDS.items():
        read = _read(content_dir / f"{kind}.yaml", rel(kind), errors)
        valid[kind] = []
        if read is None:
            trees[kind] = None
            continue
        node, data = read
        trees[kind] = node
        if not isinstance(data, list):
            errors.append(
                ContentError(rel(kind), _line_of(node, ()), "", "", "the file must be a list of items (each starting with '- id: ...')")
            )
            continue
        for index, raw in enumerate(data):
            item = _plain(raw)
            raw_node, _ = _child(node, index)
            key = ID_FIELD.get(kind, "id")
            label = _item_label(item, index, key)
            if isinstance(item, dict) and isinstance(item.get(key), str):
                present.setdefault(kind, set()).add(item[key])
            try:
                valid[kind].append((index, model.model_validate(item)))
            except ValidationError as exc:
                for err in exc.errors():
                    loc = tuple(err["loc"])
                    errors.append(ContentError(rel(kind), _line_of(raw_node, loc), label, _field(loc), _message(err)))


def _check_ids(s: _Loading) -> None:
    """Ids unique within a kind, not in the site's reserved namespace; step and stage numbers unique."""
    valid, ids, err_at = s.valid, s.ids, s.err_at
    # Duplicate ids (within a kind) and duplicate step/stage numbers.
    for kind, items in valid.items():
        counts = Counter(it.id for _, it in items)
        seen: set[str] = set()
        for index, it in items:
            if counts[it.id] > 1 and it.id in seen:
                key = ID_FIELD.get(kind, "id")
                err_at(kind, index, (key,), it.id, f"duplicate {key} '{it.id}' ({key}s must be unique within {kind}.yaml)")
            seen.add(it.id)
        ids[kind] = set(counts)
        for index, it in items:
            reserved = next((p for p in RESERVED_ID_PREFIXES if it.id.startswith(p)), None)
            if reserved and kind in ANCHORED:
                key = ID_FIELD.get(kind, "id")
                err_at(
                    kind, index, (key,), it.id, f"ids starting with '{reserved}' are the site's own (its elements' ids); choose another id"
                )
        if kind in UNIQUE_NUMBERS:
            field = UNIQUE_NUMBERS[kind]
            numbers = Counter(getattr(it, field) for _, it in items)
            for index, it in items:
                if numbers[getattr(it, field)] > 1:
                    err_at(kind, index, (field,), it.id, f"{field} {getattr(it, field)} is used by more than one item")


def _check_references(s: _Loading) -> None:
    """Every reference and source names an existing item; a source's locator fits its parts."""
    trees, valid, present, ids, err_at = s.trees, s.valid, s.present, s.ids, s.err_at
    # Dangling references, including every item's sources. An id that is written but whose
    # item has its own problems is not reported again as missing.
    for kind in KINDS:
        ids[kind] = ids.get(kind, set()) | present.get(kind, set())
    sources_by_id = {source.id: source for _, source in valid.get("sources", [])}
    for (kind, field), target in list(REFERENCES.items()) + [((k, "sources"), "sources") for k in KINDS]:
        if trees.get(target) is None or not isinstance(trees[target], SequenceNode):
            continue  # the target file could not be read: its own error says so, once
        for index, it in valid[kind]:
            value = getattr(it, field, None)
            if value is None:
                continue
            refs = value if isinstance(value, list) else [value]
            for j, ref in enumerate(refs):
                ref_id, loc = (
                    (ref.source, (field, j, "source")) if field == "sources" else (ref, (field, j) if isinstance(value, list) else (field,))
                )
                if ref_id not in ids[target]:
                    err_at(kind, index, loc, it.id, f"'{ref_id}' does not exist in {target}.yaml")
                elif field == "sources" and ref.part is not None and ref.source in sources_by_id:
                    # The reporter is called at once, inside this iteration.
                    report = partial(_report_locator, err_at, kind, index, field, j, it.id)
                    _check_locator(sources_by_id[ref.source], ref, report)


def _check_mirrored(s: _Loading) -> None:
    """Relations stored on both sides (a cause's prevented_by, a step's guards_against) agree."""
    valid, err_at = s.valid, s.err_at
    # Relations stored on both sides must agree.
    # An item with its own problems is not valid, so its side is unknown: no error about it.
    valid_ids = {kind: {it.id for _, it in items} for kind, items in valid.items()}
    for (kind_a, field_a), (kind_b, field_b) in MIRRORED:
        a_pairs = {(it.id, ref) for _, it in valid[kind_a] for ref in getattr(it, field_a)}
        b_pairs = {(ref, it.id) for _, it in valid[kind_b] for ref in getattr(it, field_b)}
        for index, it in valid[kind_a]:
            for j, ref in enumerate(getattr(it, field_a)):
                if (it.id, ref) not in b_pairs and ref in valid_ids[kind_b]:
                    err_at(kind_a, index, (field_a, j), it.id, f"'{ref}' in {kind_b}.yaml does not list '{it.id}' in its {field_b}")
        for index, it in valid[kind_b]:
            for j, ref in enumerate(getattr(it, field_b)):
                if (ref, it.id) not in a_pairs and ref in valid_ids[kind_a]:
                    err_at(kind_b, index, (field_b, j), it.id, f"'{ref}' in {kind_a}.yaml does not list '{it.id}' in its {field_a}")


def _check_worked_examples(s: _Loading) -> None:
    """The KPIs' worked examples compute, and each states its result as the page writes it."""
    trees, valid, err_at = s.trees, s.valid, s.err_at

    # Worked examples: arithmetic over the running case's figures and other examples, and a
    # sentence that states the result as the page writes it (handbook/worked.py). Not when
    # either file has problems: the names it uses may be on an item that failed.
    def all_valid(kind: str) -> bool:
        tree = trees.get(kind)
        return isinstance(tree, SequenceNode) and len(valid[kind]) == len(tree.value)

    if all_valid("kpis") and all_valid("teaching_cases"):
        examples = worked.examples_of(
            SimpleNamespace(kpis=[it for _, it in valid["kpis"]], teaching_cases=[it for _, it in valid["teaching_cases"]])
        )
        kpi_names = {worked.name_of(it.id) for _, it in valid["kpis"]}
        for index, case in valid["teaching_cases"][:1]:
            for j, figure in enumerate(case.figures):
                if figure.name in kpi_names:
                    err_at(
                        "teaching_cases",
                        index,
                        ("figures", j, "name"),
                        case.id,
                        f"'{figure.name}' is the name of a KPI's result in the worked examples; give the figure another name",
                    )
        for index, it in valid["kpis"]:
            if it.example is None:
                continue
            try:
                value = examples.value(worked.name_of(it.id))
            except worked.ExampleError as exc:
                err_at("kpis", index, ("example", "expression"), it.id, str(exc))
                continue
            for lang in LANGUAGES:
                stated = worked.format_number(value, lang, it.example.decimals)
                if not worked.states(it.example.result[lang], stated):
                    err_at(
                        "kpis",
                        index,
                        ("example", "result", lang),
                        it.id,
                        f"must state the result as worked out, '{stated}' (the figures or the expression changed?)",
                    )


def _check_quiz(s: _Loading) -> None:
    """The quiz's structure: dimensions per step, question ids, the ledger, the levels."""
    errors, trees, valid, rel, err_at = s.errors, s.trees, s.valid, s.rel, s.err_at
    # The quiz: one dimension per checklist step, question ids unique, five ordered levels.
    if trees.get("quiz_dimensions") is not None and trees.get("checklist") is not None:
        steps_with_dimension = Counter(d.step for _, d in valid["quiz_dimensions"])
        for index, step in valid["checklist"]:
            if steps_with_dimension[step.id] != 1:
                err_at(
                    "checklist",
                    index,
                    ("id",),
                    step.id,
                    f"the quiz must have exactly one dimension for this step (quiz_dimensions.yaml has {steps_with_dimension[step.id]})",
                )
        # A dimension's own indicator replaces the step's only where the step's evidence note says why.
        step_of = {step.id: step for _, step in valid["checklist"]}
        for index, dim in valid["quiz_dimensions"]:
            if dim.indicator is not None and dim.step in step_of and step_of[dim.step].evidence is None:
                err_at(
                    "quiz_dimensions",
                    index,
                    ("indicator",),
                    dim.id,
                    "a dimension replaces its step's success indicator only where the step's evidence note says why; add one to the step",
                )
        seen_questions: dict[str, str] = {}
        for index, dim in valid["quiz_dimensions"]:
            if dim.id in QUIZ_RESERVED_DIMENSION_IDS:
                err_at(
                    "quiz_dimensions",
                    index,
                    ("id",),
                    dim.id,
                    f"'{dim.id}' is a name the quiz page uses itself (#quiz-{dim.id}); choose another id",
                )
            for j, question in enumerate(dim.questions):
                if question.id in QUIZ_RESERVED_QUESTION_IDS:
                    err_at(
                        "quiz_dimensions",
                        index,
                        ("questions", j, "id"),
                        dim.id,
                        f"'{question.id}' is a name the quiz form uses itself; choose another id",
                    )
                if question.id in seen_questions:
                    err_at(
                        "quiz_dimensions",
                        index,
                        ("questions", j, "id"),
                        dim.id,
                        f"question id '{question.id}' is also used in dimension '{seen_questions[question.id]}'",
                    )
                seen_questions.setdefault(question.id, dim.id)
        # The ledger gives every published question a permanent slot in share codes.
        if trees.get("quiz_ledger") is not None:
            slots = {slot.id: (index, slot) for index, slot in valid["quiz_ledger"]}
            for index, dim in valid["quiz_dimensions"]:
                for j, question in enumerate(dim.questions):
                    if question.id not in slots:
                        err_at(
                            "quiz_dimensions",
                            index,
                            ("questions", j, "id"),
                            dim.id,
                            f"question '{question.id}' is not in quiz_ledger.yaml: add '- id: {question.id}' at its end",
                        )
                    elif slots[question.id][1].retired:
                        err_at(
                            "quiz_dimensions",
                            index,
                            ("questions", j, "id"),
                            dim.id,
                            f"question '{question.id}' is retired in quiz_ledger.yaml: a changed question needs a new id",
                        )
            for index, slot in valid["quiz_ledger"]:
                if not slot.retired and slot.id not in seen_questions:
                    err_at(
                        "quiz_ledger",
                        index,
                        ("id",),
                        slot.id,
                        "no question has this id any more: mark it 'retired: true' (old links then drop its answer and say so)",
                    )
        # The running case's quiz answers: real questions and options, each question once, and
        # every question that applies at the case's stage, so the quiz gives the case a result.
        if isinstance(trees.get("teaching_cases"), SequenceNode):
            questions = {q.id: q for _, dim in valid["quiz_dimensions"] for q in dim.questions}
            for index, case in valid["teaching_cases"]:
                if case.quiz is None:
                    continue
                answered: set[str] = set()
                for j, given in enumerate(case.quiz.answers):
                    question = questions.get(given.question)
                    if question is None:
                        retired = any(slot.id == given.question and slot.retired for _, slot in valid.get("quiz_ledger", []))
                        message = (
                            f"'{given.question}' is retired (quiz_ledger.yaml): remove the case's answer to it"
                            if retired
                            else f"'{given.question}' is not a question in quiz_dimensions.yaml"
                        )
                        err_at("teaching_cases", index, ("quiz", "answers", j, "question"), case.id, message)
                    elif given.question in answered:
                        message = f"'{given.question}' is answered more than once"
                        err_at("teaching_cases", index, ("quiz", "answers", j, "question"), case.id, message)
                    elif given.answer != "dk" and given.answer >= len(question.options):
                        message = f"'{given.question}' has {len(question.options)} options: answer 0 to {len(question.options) - 1}, or dk"
                        err_at("teaching_cases", index, ("quiz", "answers", j, "answer"), case.id, message)
                    answered.add(given.question)
                pre_launch = case.quiz.stage == "pre-launch"
                missing = [q for q in questions if q not in answered and not (pre_launch and questions[q].after_launch)]
                if missing:
                    message = f"the case answers no quiz question {', '.join(missing)}: answer every one, so the quiz gives it a result"
                    err_at("teaching_cases", index, ("quiz", "answers"), case.id, message)
    if trees.get("quiz_levels") is not None:
        levels = valid["quiz_levels"]
        written = trees["quiz_levels"].value if isinstance(trees["quiz_levels"], SequenceNode) else []
        if len(levels) != 5 and len(levels) == len(written):
            errors.append(ContentError(rel("quiz_levels"), 1, "", "", f"the quiz needs exactly five levels (found {len(levels)})"))
        previous = None
        for index, level in levels:
            if previous is None and level.min_score != 0:
                err_at("quiz_levels", index, ("min_score",), level.id, "the first level must start at min_score 0")
            if previous is not None and level.min_score <= previous:
                err_at("quiz_levels", index, ("min_score",), level.id, f"min_score must be higher than the previous level's ({previous})")
            previous = level.min_score


def _check_redirects(s: _Loading) -> None:
    """Each redirect leaves a link that no longer exists for one that does."""
    trees, valid, present, err_at = s.trees, s.valid, s.present, s.err_at
    # Redirects: an old link that no longer exists -> a link that does. Checked against the
    # links the valid items make (handbook/links.py), so a renamed id is caught here.
    if trees.get("redirects") is not None:
        live = set(published(SimpleNamespace(**{kind: [it for _, it in items] for kind, items in valid.items()})))
        moved_pages = {r.old for _, r in valid["redirects"] if not r.old_anchor}
        # Ids written on items that failed validation: their own errors are listed.
        invalid = set().union(*present.values()) - {it.id for items in valid.values() for _, it in items if hasattr(it, "id")} - {""}
        # Folders the build itself writes: a forwarding page there would replace a language's
        # home page (ar/, en/), the theme's files or the search index.
        reserved = {f"{lang}/" for lang in LANGUAGES} | {"assets/", "search/", "stylesheets/", "javascripts/"}
        for index, r in valid["redirects"]:
            if r.old_page in reserved:
                err_at(
                    "redirects",
                    index,
                    ("old",),
                    r.id,
                    f"'{r.old_page}' is a folder the build writes (a language's home, assets or search); it cannot be redirected",
                )
            elif r.old in live:
                err_at("redirects", index, ("old",), r.id, f"'{r.old}' still exists; a redirect would hide it (remove the redirect)")
            elif r.old_anchor and r.old_page not in live and r.old_page not in moved_pages:
                err_at(
                    "redirects",
                    index,
                    ("old",),
                    r.id,
                    f"the page '{r.old_page}' no longer exists either: add a redirect for '{r.old_page}' itself",
                )
            # (An item that is written but invalid has its own message; its links are not "missing".)
            if r.new not in live and r.new.partition("#")[2] not in invalid:
                err_at(
                    "redirects",
                    index,
                    ("new",),
                    r.id,
                    f"'{r.new}' is not a page or an item anchor of the handbook (tests/published_links.txt lists them)",
                )


def _read_ui(s: _Loading) -> tuple[dict[str, Text], Any]:
    """The interface strings: exactly the keys the code uses, each in every language, same placeholders."""
    errors, rel, content_dir = s.errors, s.rel, s.content_dir
    # Interface strings.
    ui: dict[str, Text] = {}
    read = _read(content_dir / f"{UI_FILE}.yaml", rel(UI_FILE), errors)
    if read is not None:
        ui_node, ui_tree = read
        if not isinstance(ui_tree, dict):
            errors.append(ContentError(rel(UI_FILE), _line_of(ui_node, ()), "", "", "the file must be a mapping of string keys to texts"))
        else:
            required = required_ui_keys()  # derived from the code that uses them (ui_keys.py)
            for key, raw in ui_tree.items():
                key_s = str(key)
                if key_s not in required:
                    errors.append(
                        ContentError(rel(UI_FILE), _line_of(ui_node, (key,)), key_s, "", "unknown interface string (no template uses it)")
                    )
                    continue
                try:
                    ui[key_s] = Text.model_validate(_plain(raw))
                    # Placeholders ({n}, {case}, …) are filled by the code: every language has the same.
                    wanted = set(PLACEHOLDER.findall(ui[key_s].en))
                    for lang in LANGUAGES:
                        found = set(PLACEHOLDER.findall(ui[key_s][lang]))
                        if found != wanted:
                            errors.append(
                                ContentError(
                                    rel(UI_FILE),
                                    _line_of(ui_node, (key, lang)),
                                    key_s,
                                    lang,
                                    f"has the placeholders {sorted(found) or 'none'} where English has {sorted(wanted) or 'none'}; keep each {{name}} as it is",
                                )
                            )
                except ValidationError as exc:
                    for err in exc.errors():
                        loc = tuple(err["loc"])
                        errors.append(ContentError(rel(UI_FILE), _line_of(ui_node, (key, *loc)), key_s, _field(loc), _message(err)))
            for key in sorted(required - {str(k) for k in ui_tree}):
                errors.append(ContentError(rel(UI_FILE), 0, key, "", "required interface string is missing"))
    return ui, (read[0] if read is not None else None)


def _check_links_in_texts(s: _Loading, ui: dict[str, Text], ui_node: Any) -> None:
    """Links inside texts point to pages and items that exist."""
    errors, trees, valid, rel, err_at = s.errors, s.trees, s.valid, s.rel, s.err_at
    # Links inside texts to pages of the handbook: the page and the item must exist.
    # (Not when a file could not be read: its items are unknown, and its error says so, once.)
    anchors = _anchors({kind: [it for _, it in items] for kind, items in valid.items()})
    all_read = all(tree is not None for tree in trees.values())
    for kind, items in valid.items() if all_read else ():
        for index, it in items:
            for loc, text in _texts(it):
                for problem in inline_problems(text, anchors):
                    err_at(kind, index, loc, it.id, problem)
    for key, text in ui.items() if all_read else ():
        for loc, value in _texts(text):
            for problem in inline_problems(value, anchors):
                errors.append(ContentError(rel(UI_FILE), _line_of(ui_node, (key, *loc)), key, _field(loc), problem))
