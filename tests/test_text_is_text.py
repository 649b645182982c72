"""Text is text (issue 14): whatever a content text contains, it is shown, never run.

Three layers: handbook/text.py on its own (every payload becomes inert text, the inline subset
works); the loader (a link to anything but http(s) or a handbook page, an invisible-only text,
presentation forms and a malformed URL stop the build with file, line, item and field); and a
hostile build, where a payload is appended to every text of every content file and UI string,
then the built pages are read as HTML and opened in Chromium: no script of the payload runs, no
element or attribute comes from it, no request leaves the site, every item keeps its anchor,
titles are escaped exactly once and the quiz still works.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from html_doc import Doc

import static_server  # tools/static_server.py
from conftest import BOOK, ROOT, dump_yaml, goto, read_yaml, run_build
from handbook.languages import PREFIX
from handbook.loader import ContentErrors, load
from handbook.render import kpi_entries
from handbook.text import inline_html, inline_problems, plain_text, script_json

MARK = "hbPwned"
# Digit-free, so it passes as Persian and Arabic text; one of each kind of markup and syntax.
PAYLOAD = (
    f' <script>window.{MARK}=true</script><img src=x onerror="window.{MARK}=true">'
    f' <details open><summary>open <!-- unclosed {{: .evil onclick="window.{MARK}=true" }}'
    f' <pre class="mermaid">graph TD</pre> &lt;/title&gt;&lt;script&gt;window.{MARK}=true&lt;/script&gt;'
    ' A & B "quoted" `<b>code</b>` *[HTML]: x { #glossary .evil }'
)


# -- handbook/text.py ---------------------------------------------------------------------------


def _tree(fragment: str) -> Doc:
    """Tags (``elements``), text runs and comments of an HTML fragment (the tests' one parser)."""
    return Doc(fragment)


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(document.domain)</script>",
        '<img src=x onerror="alert(1)">',
        "<details><summary>x",
        "<!-- the rest of the chapter",
        '<pre class="mermaid">graph TD</pre>',
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "[click](javascript:alert(1))",
        "[click]( javascript:alert(1))",
        "[click](data:text/html,x)",
        "<https://example.org>",
        "title { #evil .x onclick=y }",
        "# heading",
        ": definition",
        "1. list",
        "*[CRM]: hijacked tooltip",
        "!!! note",
        "line one\n\n<script>x</script>",
    ],
)
def test_a_payload_becomes_its_own_text(payload):
    out = inline_html(payload, "glossary")
    tree = _tree(out)
    assert not tree.elements and not tree.comments, f"{payload!r} produced markup: {out}"
    assert "".join(tree.text(skip=())) == " ".join(payload.split()), "the reader sees exactly what was written"
    # Nothing left that Markdown reads as syntax: no raw brackets, braces, backquotes, stars.
    assert not re.search(r"[<>\[\]{}`*_]", out)
    assert not re.match(r"\s*([#>:!|+=~-]|\d+[.)])", out), "the start of the text cannot start a block"


def test_the_inline_subset_is_markup_and_nothing_else():
    out = inline_html("a **b** *c* `<d>` [e](https://example.org/a_b?x=1&y=2) [f](glossary.md#crm) [g](index.md)", "kpis")
    tree = _tree(out)
    assert [t for t, _ in tree.elements] == ["strong", "em", "code", "a", "a", "a"]
    assert [a.get("href") for t, a in tree.elements if t == "a"] == ["https://example.org/a_b?x=1&y=2", "../glossary/#crm", "../"]
    assert "".join(tree.text(skip=())) == "a b c <d> e f g"
    assert inline_html("[g](glossary.md#crm)", "index") == '<a href="glossary/#crm">g</a>'
    assert plain_text("a **b** [e](https://example.org) `c`") == "a b e c"
    # No images: an image's Markdown is a link to the picture, which nothing loads.
    assert [t for t, _ in _tree(inline_html("![x](https://example.org/x.png)")).elements] == ["a"]


def test_links_the_subset_refuses_are_reported():
    anchors = {"glossary": {"crm"}, "index": set()}
    assert inline_problems("[a](https://example.org/x) [b](glossary.md#crm) [c](index.md)", anchors) == []
    for text, why in [
        ("[x](javascript:alert(1))", "no space, parenthesis"),
        ("[x](JavaScript:alert)", "http:// or https://"),
        ("[x](data:text/html,hi)", "http:// or https://"),
        ("[x](vbscript:x)", "http:// or https://"),
        ('[x](https://example.org/"onmouseover=x)', "may not contain"),
        ("[x](https://exa mple.org)", "no space"),
        ("[x](../secret)", "page of the handbook"),
        ("[x](glossary.md#nope)", "has no item 'nope'"),
        ("[x](nowhere.md)", "no page 'nowhere'"),
    ]:
        problems = inline_problems(text, anchors)
        assert len(problems) == 1 and why in problems[0], (text, problems)


def test_json_for_a_script_element_cannot_end_it():
    out = script_json({"t": "</script><!--<script>\u2028"})
    assert "<" not in out and ">" not in out and "\u2028" not in out
    assert json.loads(out) == {"t": "</script><!--<script>\u2028"}


# -- the loader ---------------------------------------------------------------------------------


def _set_first(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        load(content)
    return [str(e) for e in info.value.errors]


@pytest.mark.parametrize(
    "bad, why",
    [
        ("[read more](javascript:alert(1))", "parenthesis"),
        ("[read more](data:text/html,x)", "http:// or https://"),
        ("[read more](failure-causes.md#no-such-item)", "has no item 'no-such-item'"),
        ("\u200b\u200c\ufeff", "no visible characters"),
        ("\ufef3\ufedb", "presentation forms"),
    ],
)
def test_bad_text_is_reported_where_it_is(content_copy, bad, why):
    path = content_copy / "glossary.yaml"
    data = read_yaml(path.read_text(encoding="utf-8"))
    data[3]["definition"]["en"] = bad
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    errors = _errors(content_copy)
    assert len(errors) == 1, errors
    assert re.match(r"content_data/glossary\.yaml:\d+: ", errors[0]) and f"item '{data[3]['id']}'" in errors[0]
    assert "field 'definition.en'" in errors[0] and why in errors[0], errors[0]


def test_a_source_url_must_be_a_web_address(content_copy):
    path = content_copy / "sources.yaml"
    url = read_yaml(path.read_text(encoding="utf-8"))[0]["url"]
    _set_first(path, url, 'https://example.org/"><script>alert(1)</script>')
    errors = _errors(content_copy)
    assert len(errors) == 1 and "field 'url'" in errors[0] and "may not contain" in errors[0], errors


def test_one_mistake_gives_one_message(content_copy):
    # A syntax error in sources.yaml: every item refers to it, but only the syntax error is said.
    _set_first(content_copy / "sources.yaml", "- id:", "- id: [")
    errors = _errors(content_copy)
    assert len(errors) == 1 and "sources.yaml" in errors[0] and "YAML syntax error" in errors[0], errors
    shutil.copy(ROOT / "content_data" / "sources.yaml", content_copy / "sources.yaml")
    # A misspelt field in a failure cause: no error about the checklist steps that mirror it.
    _set_first(content_copy / "failure_causes.yaml", "  summary:", "  sumary:")
    errors = _errors(content_copy)
    assert all("failure_causes.yaml" in e for e in errors) and any("sumary" in e for e in errors), errors


# -- a hostile build ----------------------------------------------------------------------------


def _poison(node, key=None):
    """Every text of a content file with PAYLOAD appended (ids, numbers, URLs left alone)."""
    if isinstance(node, dict):
        if set(node) == {"fa", "ar", "en"} and all(isinstance(v, str) for v in node.values()):
            return {lang: value + PAYLOAD for lang, value in node.items()}
        return {k: _poison(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v, key) for v in node]
    if key == "expansion" and isinstance(node, str):
        return node + PAYLOAD
    return node


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "site", ".git", "*.pyc", "__pycache__", ".pytest_cache", ".hypothesis", "artifacts", "dist"
        ),
    )
    for path in sorted((project / "content_data").glob("*.yaml")):
        data = read_yaml(path.read_text(encoding="utf-8"))
        path.write_text(dump_yaml(_poison(data), allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    site = project.parent / "site"
    result = run_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, f"the hostile content is valid content; its build failed:\n{result.stderr[-4000:]}"
    return site


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_payload_becomes_markup_in_any_page(hostile_site):
    problems = []
    for path in _pages(hostile_site):
        source = path.read_text(encoding="utf-8")
        tree = _tree(source)
        name = path.relative_to(hostile_site)
        for tag, attrs in tree.elements:
            if any(a.startswith("on") for a in attrs):
                problems.append(f"{name}: <{tag}> has an event handler attribute {attrs}")
            if "evil" in (attrs.get("class") or "") or "mermaid" in (attrs.get("class") or ""):
                problems.append(f"{name}: <{tag} class={attrs.get('class')!r}> came from content")
            if tag == "img" and attrs.get("src") == "x":
                problems.append(f"{name}: an <img> from content")
            if tag == "details" and "open" in attrs and "summary" in source and "hb-" not in (attrs.get("class") or ""):
                problems.append(f"{name}: a <details> from content")
            if any(str(v).lower().startswith("javascript:") for k, v in attrs.items() if k == "href" and v != "javascript:void(0)"):
                problems.append(f"{name}: a javascript: link")
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", source, re.S):
            if MARK in match.group(2) and "application/json" not in match.group(1):
                problems.append(f"{name}: a script from content: {match.group(0)[:120]}")
        if any(MARK in c for c in tree.comments):
            problems.append(f"{name}: a comment from content swallows the page")
    assert not problems, "\n".join(problems[:40])


def test_every_page_shows_the_payload_as_text_and_keeps_its_items(hostile_site):
    glossary = read_yaml((ROOT / "content_data" / "glossary.yaml").read_text(encoding="utf-8"))
    for prefix in PREFIX.values():
        page = (hostile_site / prefix / "glossary" / "index.html").read_text(encoding="utf-8")
        text = "".join(_tree(page).text(skip=()))
        assert f"<script>window.{MARK}=true</script>" in text, "the payload is shown, as written"
        ids = [a["id"] for t, a in _tree(page).elements if t == "h2" and "hb-item" in (a.get("class") or "")]
        # The glossary's own terms and the indicators it does not define itself (render.kpi_entries).
        expected = [g["id"] for g in glossary] + [e.id for e in kpi_entries(BOOK)]
        assert sorted(ids) == sorted(expected), "every item keeps its own anchor, none gained one"
        assert "Material for MkDocs" in text, "nothing swallowed the end of the page"


def test_titles_are_escaped_exactly_once(hostile_site):
    for prefix in PREFIX.values():
        page = (hostile_site / prefix / "glossary" / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert "<" not in title and MARK in title
        og = html.unescape(re.search(r'<meta property="og:title" content="([^"]*)"', page).group(1))
        shown = html.unescape(title)
        assert "A & B" in og and "&amp;" not in og and "&lt;" in og, og  # the entity the author typed, once
        assert og.split(" - ")[0] in shown


def test_no_payload_runs_in_chromium_and_the_quiz_still_works(hostile_site, browser):
    httpd, base = static_server.start(hostile_site, 0)
    foreign, errors = [], []
    try:
        page = browser.new_page()
        page.on("request", lambda r: r.url.startswith((base + "/", "data:")) or foreign.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        # A payload that runs at any moment (a timer, a late event), not only before a check,
        # says so on the console: every page watches the marker from its first script on.
        ran = []
        page.on("console", lambda m: MARK in m.text and ran.append(m.text))
        page.add_init_script(
            f"(() => {{ let v; Object.defineProperty(window, '{MARK}', {{ configurable: true, get: () => v,"
            f" set: x => {{ v = x; console.error('{MARK} ran on ' + location.pathname); }} }}); }})()"
        )
        for prefix in PREFIX.values():
            for path in (
                "",
                "failure-causes/",
                "failure-causes-leadership/",
                "kpis/",
                "glossary/",
                "sources/",
                "for-trainers/",
                "quiz/",
                "no-such-page/",
            ):
                goto(page, f"{base}/{prefix}{path}")  # loaded, its scripts run, no request open
                assert page.evaluate(f"window.{MARK}") is None, f"/{prefix}{path}: content ran a script"
            # The quiz: scripts run, the form reads and scores.
            page.goto(f"{base}/{prefix}quiz/")
            page.locator("input[name=priority]").first.dispatch_event("click")  # the long poisoned header covers it
            assert page.locator("input[name=priority]").first.is_checked()
            page.wait_for_function("document.querySelector('.hb-quiz__progress-text').textContent.trim() !== ''")
            assert page.evaluate(f"window.{MARK}") is None
        page.close()
    finally:
        httpd.shutdown()
    assert not ran, f"content ran a script: {ran}"
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not errors, f"script errors: {errors}"
