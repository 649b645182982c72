"""Worked examples of the KPI formulas on the running case's figures (no MkDocs imports).

A KPI's ``example.expression`` is arithmetic over names: a figure of the running case
(teaching_cases.yaml, ``figures``) or another KPI's result (its id with ``_`` for ``-``), so
one set of figures runs through every formula and, say, the lifetime value uses the retention
rate worked out above it. Only numbers, names, + − × ÷ and brackets are allowed: the
expression is parsed with :mod:`ast` and evaluated here, never by ``eval``. The page shows the
figures, the same expression with the figures put in (in the page's digits) and the result,
and the YAML's sentence about the result must contain that result as this module writes it, so
a changed figure can never leave a stale number in the text.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .digits import localize_digits

# Thousands and decimal separators, in the page's script.
_SEPARATORS = {"fa": ("٬", "٫"), "ar": ("٬", "٫"), "en": (",", ".")}
_OPERATORS = {
    ast.Add: ("+", lambda a, b: a + b),
    ast.Sub: ("−", lambda a, b: a - b),
    ast.Mult: ("×", lambda a, b: a * b),
    ast.Div: ("÷", lambda a, b: a / b),
}
_PRECEDENCE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}


class ExampleError(ValueError):
    """The expression is not arithmetic over known names, or cannot be worked out."""


def round_half_up(value: float, decimals: int) -> float:
    """Rounded as a reader rounds by hand (12.5 -> 13), not to even as Python's round() does."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def format_number(value: float, lang: str, decimals: int = 2) -> str:
    """``value`` rounded to at most ``decimals`` places (trailing zeros dropped), with the
    language's separators and digits: 40000 -> '40,000' / '۴۰٬۰۰۰'; 4.5 -> '4.5' / '۴٫۵'."""
    thousands, point = _SEPARATORS[lang]
    text = f"{round_half_up(value, decimals):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", "\0").replace(".", point).replace("\0", thousands)
    return localize_digits(text.replace("-", "−"), lang)


# A formula of a few terms; a longer text is a mistake (and deep nesting would exhaust Python's stack).
MAX_LENGTH = 300
MAX_VALUE = 1e12  # figures and constants: a number this size is no teaching figure


def parse(expression: str) -> ast.expr:
    if len(expression) > MAX_LENGTH:
        raise ExampleError(f"the expression is longer than {MAX_LENGTH} characters; a worked example is a short formula")
    try:
        tree = ast.parse(expression, mode="eval").body
    except SyntaxError as exc:
        raise ExampleError(f"'{expression}' is not an arithmetic expression ({exc.msg})") from None
    except (RecursionError, MemoryError):
        raise ExampleError(f"'{expression}' is nested too deeply") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            continue
        if isinstance(node, (ast.Name, ast.Load)) or type(node) in _OPERATORS:
            continue
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            if not abs(node.value) <= MAX_VALUE:  # also refuses inf and nan (never <=)
                raise ExampleError(f"'{expression}': the number {str(node.value)[:20]} is not a figure (at most {MAX_VALUE:,.0f})")
            continue
        raise ExampleError(f"'{expression}': only numbers, names, + - * / and brackets are allowed")
    return tree


def names(expression: str) -> list[str]:
    """The names an expression uses, in order of first use."""
    found = sorted((n.col_offset, n.id) for n in ast.walk(parse(expression)) if isinstance(n, ast.Name))
    return list(dict.fromkeys(name for _, name in found))  # left to right, as the reader reads it


def evaluate(expression: str, value_of) -> float:
    """The expression's value; ``value_of(name)`` gives each name's value."""

    def run(node: ast.expr) -> float:
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return float(value_of(node.id))
        left, right = run(node.left), run(node.right)
        if isinstance(node.op, ast.Div) and right == 0:
            raise ExampleError(f"'{expression}' divides by zero")
        return _OPERATORS[type(node.op)][1](left, right)

    try:
        result = run(parse(expression))
    except (RecursionError, OverflowError):
        raise ExampleError(f"'{expression}' cannot be worked out (too deep or too large)") from None
    if not math.isfinite(result):
        raise ExampleError(f"'{expression}' has no finite value")
    return result


def shown(expression: str, value_of, lang: str) -> str:
    """The expression with each name's value put in, in the page's digits and operators:
    '((41,000 − 9,000) ÷ 40,000) × 100'. Brackets are kept where the expression needs them."""

    def show(node: ast.expr, parent: int = 0, right_side: bool = False) -> str:
        if isinstance(node, ast.Constant):
            return format_number(float(node.value), lang, 4)
        if isinstance(node, ast.Name):
            return format_number(float(value_of(node.id)), lang, 4)
        mine = _PRECEDENCE[type(node.op)]
        text = f"{show(node.left, mine)} {_OPERATORS[type(node.op)][0]} {show(node.right, mine, True)}"
        # A bracket wherever the reader would otherwise group differently: a lower precedence
        # inside a higher one, or a − or ÷ on the right of one of the same level.
        if mine < parent or (mine == parent and right_side):
            return f"({text})"
        return text

    return show(parse(expression))


@dataclass(frozen=True)
class Worked:
    """One KPI's worked example, ready for a page."""

    inputs: list[tuple[str, str]]  # (label, value as shown): the case's figures in its own order, then KPI results
    calculation: str  # 'expression = result' (no-break spaces around =)
    result: str  # the result as shown


class Examples:
    """Every KPI example of a handbook, worked out once (results may use other results)."""

    def __init__(self, figures: dict, examples: dict):
        # figures: name -> (value, {lang: label}); examples: kpi name -> (expression, decimals)
        self.figures = figures
        self.examples = examples
        self._values: dict[str, float] = {}

    def value(self, name: str, _seen: tuple = ()) -> float:
        if name in self.figures:
            return float(self.figures[name][0])
        if name not in self.examples:
            raise ExampleError(f"'{name}' is neither a figure of the running case nor a KPI with an example")
        if name in _seen:
            raise ExampleError(f"examples depend on each other in a circle: {' -> '.join((*_seen, name))}")
        if name not in self._values:
            expression, decimals = self.examples[name]

            def value_of(used: str) -> float:
                if used in self.examples and used not in _seen and used != name:
                    try:
                        return self.value(used, (*_seen, name))
                    except ExampleError as exc:
                        if "in a circle" in str(exc):
                            raise
                        raise ExampleError(f"uses '{used}', whose own example cannot be worked out") from None
                return self.value(used, (*_seen, name))

            raw = evaluate(expression, value_of)
            self._values[name] = round_half_up(raw, decimals)
        return self._values[name]

    def worked(self, name: str, lang: str, label_of_kpi) -> Worked:
        expression, decimals = self.examples[name]
        value = self.value(name)
        inputs = []
        # In the order the running case lists its figures (the order a reader meets them: leads
        # before the leads that bought, respondents before promoters), then other KPIs' results:
        # a label may point back ("those leads") but never forward (en/ar/fa reviews, round 4).
        order = {figure: i for i, figure in enumerate(self.figures)}
        used_names = list(dict.fromkeys(names(expression)))
        for used in sorted(used_names, key=lambda n: (n not in order, order.get(n, 0), used_names.index(n))):
            label = self.figures[used][1][lang] if used in self.figures else label_of_kpi(used, lang)
            inputs.append((label, format_number(self.value(used), lang, 4)))
        result = format_number(value, lang, decimals)
        # "= result" never wraps away from the end of the calculation on a phone.
        return Worked(inputs, f"{shown(expression, self.value, lang)}\u00a0=\u00a0{result}", result)


_DIGIT = "0-9۰-۹٠-٩"


def states(text: str, number: str) -> bool:
    """``text`` contains ``number`` as a whole number ("3" is not in "30" or "3.5")."""
    pattern = rf"(?<![{_DIGIT}])(?<![{_DIGIT}][.,٫٬]){re.escape(number)}(?![{_DIGIT}]|[.,٫٬][{_DIGIT}])"
    return re.search(pattern, text) is not None


def name_of(kpi_id: str) -> str:
    """A KPI's name in the arithmetic: its id with _ for -."""
    return kpi_id.replace("-", "_")


def examples_of(book) -> Examples:
    """The examples of every KPI of ``book`` on its running cases' figures."""
    case = running_case(book)
    figures = {f.name: (f.value, f.label) for f in (case.figures if case else [])}
    examples = {name_of(k.id): (k.example.expression, k.example.decimals) for k in book.kpis if k.example}
    return Examples(figures, examples)


def running_case(book):
    """The running case: the first of teaching_cases.yaml (the one the examples work on)."""
    return book.teaching_cases[0] if book.teaching_cases else None
