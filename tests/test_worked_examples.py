"""The KPIs' worked examples (issue 15): one running case's figures through every formula.

Each KPI with a formula shows it worked on the case's figures; the arithmetic is evaluated by
handbook/worked.py (never ``eval``), a sentence states the result, and a content mistake (an
unknown name, code, a division by zero, a figure changed without its sentence) is refused
with its file, line, item and field.
"""

from __future__ import annotations

import re

import pytest
from test_content_validation import edit, errors_of, one

from conftest import BOOK, LANGUAGES
from handbook import worked
from handbook.render import render_chapter

CASE = BOOK.teaching_cases[0]
FIG = {f.name: f.value for f in CASE.figures}
KPIS = BOOK.by_id("kpis")


def test_every_formula_is_worked_on_the_running_case():
    missing = [k.id for k in BOOK.kpis if k.formula and not k.example]
    assert not missing, f"KPIs with a formula but no worked example: {missing}"
    assert len([k for k in BOOK.kpis if k.example]) >= 15


def test_the_results_agree_with_the_formulas_worked_by_hand():
    """An independent check of a few results, written out from the formulas' definitions."""
    examples = worked.examples_of(BOOK)

    def value(kpi_id):
        return examples.value(worked.name_of(kpi_id))

    crr = (FIG["customers_end"] - FIG["customers_new"]) / FIG["customers_start"] * 100
    assert value("customer-retention-rate") == pytest.approx(crr)
    r, d, m = crr / 100, FIG["discount_rate"], FIG["margin_per_customer"]
    assert value("customer-lifetime-value") == pytest.approx(m * r / (1 + d - r), abs=0.5)
    assert value("customer-acquisition-cost") == pytest.approx(FIG["marketing_sales_spend"] / FIG["customers_new"])
    handling = FIG["talk_hours"] + FIG["hold_hours"] + FIG["after_call_hours"]
    assert value("occupancy-rate") == pytest.approx(handling / (handling + FIG["waiting_hours"]) * 100)
    assert value("service-level") == pytest.approx(FIG["calls_in_target"] / FIG["calls"] * 100)
    # The case's prose facts and its figures are the same company.
    assert value("crm-usage-rate") == 45 and value("complaint-response-time") == 3


def test_numbers_are_written_in_each_languages_digits_and_separators():
    assert worked.format_number(41000, "en") == "41,000"
    assert worked.format_number(41000, "fa") == "۴۱٬۰۰۰"
    assert worked.format_number(4.5, "ar") == "٤٫٥"
    assert worked.format_number(2.0, "fa", 2) == "۲"
    # Rounded half up, as a reader checks by hand (Python's round() would give 12 and 2.67).
    assert worked.format_number(12.5, "en", 0) == "13" and worked.format_number(2.675, "en", 2) == "2.68"
    assert worked.states("takes 3 hours", "3") and not worked.states("takes 30 hours", "3") and not worked.states("3.5", "3")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_kpi_page_shows_each_example(lang):
    md = render_chapter(BOOK, "kpis", lang)
    digits = {"fa": "[۰-۹]", "ar": "[٠-٩]", "en": "[0-9]"}[lang]
    calcs = re.findall(r'<p class="hb-calc" dir="ltr">(.*?)</p>', md)
    assert len(calcs) == len([k for k in BOOK.kpis if k.example])
    for calc in calcs:
        assert re.search(digits, calc) and not re.search("[0-9۰-۹٠-٩]".replace(digits[1:-1], ""), calc), calc
        assert "&nbsp;=&nbsp;" in calc
    crr = KPIS["customer-retention-rate"]
    assert crr.example.result[lang] in md
    for label in (f.label[lang] for f in CASE.figures if f.name in ("customers_start", "customers_new", "customers_end")):
        assert f"- {label}: " in md
    assert f"(for-trainers.md#{CASE.id})" in md, "the example names the running case, linked"


@pytest.mark.parametrize(
    "expression, message",
    [
        ("customers_end / customers_lost", "'customers_lost' is neither a figure of the running case nor a KPI"),
        ("__import__('os').system('true')", "only numbers, names, + - * / and brackets are allowed"),
        ("customers_end / (customers_new - 9000)", "divides by zero"),
        ("customers_end ** 2", "only numbers, names, + - * / and brackets are allowed"),
        ("customer_retention_rate + customer_lifetime_value", "in a circle"),
        ("customers_end / 9e999", "is not a figure"),
        ("1" * 400, "longer than"),
        ("True + customers_end", "only numbers, names"),
    ],
)
def test_a_wrong_expression_is_refused_with_its_place(content_copy, expression, message):
    edit(content_copy, "kpis", lambda t: t[0]["example"].__setitem__("expression", expression))
    error = one(
        errors_of(content_copy), file="content_data/kpis.yaml", item="customer-retention-rate", field="example.expression", message=message
    )
    assert error.line > 0


def test_a_changed_figure_makes_every_stale_sentence_an_error(content_copy):
    def change(cases):
        for f in cases[0]["figures"]:
            if f["name"] == "customers_end":
                f["value"] = 42000

    edit(content_copy, "teaching_cases", change)
    errors = errors_of(content_copy)
    stale = {(e.item, e.field) for e in errors}
    # The retention rate changed, and so did the lifetime value that uses it, in every language.
    for kpi in ("customer-retention-rate", "customer-lifetime-value"):
        for lang in LANGUAGES:
            assert (kpi, f"example.result.{lang}") in stale, (kpi, lang, errors)
    assert all(e.file == "content_data/kpis.yaml" for e in errors)


def test_a_figure_may_not_take_a_kpis_name(content_copy):
    """Else it would silently replace that KPI's result in the examples that use it."""

    def change(cases):
        cases[0]["figures"][0]["name"] = "customer_retention_rate"

    edit(content_copy, "teaching_cases", change)
    one(
        errors_of(content_copy),
        file="content_data/teaching_cases.yaml",
        item="case-nikan",
        field="figures[0].name",
        message="is the name of a KPI's result",
    )


def test_a_broken_example_is_reported_once_not_on_the_examples_that_use_it(content_copy):
    edit(content_copy, "kpis", lambda t: t[0]["example"].__setitem__("expression", "customers_end / ("))
    errors = errors_of(content_copy)
    one(errors, item="customer-retention-rate", field="example.expression", message="not an arithmetic expression")
    clv = one(errors, item="customer-lifetime-value", field="example.expression")
    assert "whose own example cannot be worked out" in clv.message and "customers_end / (" not in clv.message
