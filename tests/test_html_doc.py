"""The tests' one HTML parser (html_doc.Doc) reads what the other tests rely on."""

from __future__ import annotations

from html_doc import Doc


def test_the_parser_keeps_tags_text_ids_and_comments():
    doc = Doc(
        '<html lang="fa" dir="rtl"><head><meta name="a" content="1"><style>p{}</style></head>'
        '<body><p id="x">one <img alt="i"> <b>two</b></p><!-- note --><svg><text>t<tspan>u</tspan></text></svg>'
        '<a name="old">three</a></i><script>var s = "<p>";</script>tail'
    )
    assert doc.attrs("html") == {"lang": "fa", "dir": "rtl"}
    assert [t for t, _ in doc.tags("meta", "img")] == ["meta", "img"]
    assert doc.ids == {"x"} and doc.fragments == {"x", "old"}
    assert doc.comments == [" note "]
    assert "".join(doc.text()) == "one  two" + "tu" + "three" + "tail"  # a void <img> and a stray </i> close nothing
    assert doc.text(inside="text") == ["t", "u"]
    assert 'var s = "<p>";' in doc.text(skip=())
