"""The visible text of HTML pages, their metadata, and offsets into the page."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.documents import (
    load_path,
    load_text,
)

from .helpers import assert_word_maps_back, write

# -- HTML --------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html>
<head>
  <title>Page title | Site</title>
  <meta property="og:site_name" content="The Paper">
  <meta property="article:published_time" content="2023-10-30T08:15:00Z">
  <link rel="canonical" href="https://example.org/story">
  <style>p { color: red }</style>
</head>
<body>
<script>document.write("<p>script text</p>");</script>
<noscript>Enable JavaScript</noscript>
<template><p>template text</p></template>
<svg><text>svg text</text></svg>
<h1>Iran&#8217;s claim</h1>
<p>Israel said 1,400 people were killed.</p><p>Gaza&nbsp;officials said 8,306 died &amp; more.
</p>
<div hidden>hidden attribute</div>
<div aria-hidden="true">aria hidden</div>
<p style="color: blue; display:none">display none</p>
<span style="visibility: hidden"><b>visibility hidden</b></span>
<article><time datetime="2015-01-01">Old time</time>
<div><div>Nested<br>line break</div></div></article>
</body>
</html>
"""


def test_html_visible_text(tmp_path):
    doc = load_path(str(write(tmp_path / "page.html", PAGE)))
    assert doc.text == (
        "Iran’s claim\n"
        "Israel said 1,400 people were killed.\n"
        "Gaza officials said 8,306 died & more.\n"
        "Old time\n"
        "Nested\n"
        "line break"
    )


def test_html_metadata(tmp_path):
    doc = load_path(str(write(tmp_path / "page.html", PAGE)))
    assert doc.title == "Page title | Site"
    assert doc.published == dt.date(2023, 10, 30)
    assert doc.published_from == "metadata"
    assert doc.source == "The Paper"
    assert doc.url == "https://example.org/story"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta property="article:published_time" content="2023-10-30T22:00:00-04:00">',
        '<meta itemprop="datePublished" content="2023-10-30">',
        '<meta name="date" content="2023-10-30">',
        '<meta name="pubdate" content="20231030">',
        '<meta name="DC.date" content="2023-10-30">',
        '<meta property="og:published_time" content="2023-10-30">',
    ],
)
def test_html_date_meta_tags(meta):
    doc = load_text(f"<html><head>{meta}</head><body><p>No date.</p></body></html>", format="html")
    assert doc.published == dt.date(2023, 10, 30)
    assert doc.published_from == "metadata"


def test_html_time_element_is_not_metadata():
    page = '<body><p>Story <time datetime="2023-10-30">today</time>.</p></body>'
    doc = load_text(page, format="html")
    assert doc.published is None


def test_html_og_title_and_author():
    page = (
        '<head><title>Long | Site</title><meta property="og:title" content="Short">'
        '<meta name="author" content="Jane Roe"><meta property="og:url" content="https://x.example">'
        "</head><body>Hi</body>"
    )
    doc = load_text(page, format="html")
    assert (doc.title, doc.source, doc.url) == ("Short", "Jane Roe", "https://x.example")


def test_html_offsets_point_into_the_file(tmp_path):
    doc = load_path(str(write(tmp_path / "page.html", PAGE)))
    for word in ("1,400", "killed", "officials", "8,306", "Nested", "line break", "Old"):
        assert_word_maps_back(doc, word, PAGE)
    assert_word_maps_back(doc, "’", PAGE, "&#8217;")  # an entity maps to its "&"
    assert_word_maps_back(doc, "&", PAGE, "&amp;")
    assert_word_maps_back(doc, " officials", PAGE, "&nbsp;")
    assert all(
        PAGE[offset] == char
        for char, offset in zip(
            doc.text, (doc.file_offset(i) for i in range(len(doc.text))), strict=True
        )
        if char.isalnum()
    )


def test_html_synthetic_newlines_map_to_tags():
    page = "<p>One.</p><p>Two.</p>"
    doc = load_text(page, format="html")
    assert doc.text == "One.\nTwo."
    assert page[doc.file_offset(doc.text.index("\n"))] == "<"


def test_html_void_unclosed_and_implicitly_closed_elements():
    page = "<p>one<p>two<br>three<img src=x.png>four<hr>five<ul><li>a<li>b</ul><p hidden>x<p>shown"
    doc = load_text(page, format="html")
    assert doc.text == "one\ntwo\nthreefour\nfive\na\nb\nshown"


def test_html_table_cells_do_not_run_together():
    doc = load_text(
        "<table><tr><td>10</td><td>20</td></tr><tr><td>30</td></tr></table>", format="html"
    )
    assert doc.text == "10 20\n30"


def test_html_preformatted_text_keeps_whitespace():
    doc = load_text("<p>a   b</p><pre>x   y\r\n  z</pre>", format="html")
    assert doc.text == "a b\nx   y\n  z"


def test_html_unknown_entities_stay_as_written():
    page = "<p>AT&T and &bogus; and &#xyz; then <b>bold</b></p><script>hidden()</script>"
    doc = load_text(page, format="html")
    assert doc.text == "AT&T and &bogus; and &#xyz; then bold"
    assert_word_maps_back(doc, "bold", page)


def test_html_text_after_head_without_body_tag():
    doc = load_text("<head><title>T</title></head>Visible text<p>more", format="html")
    assert doc.text == "Visible text\nmore"


def test_html_deep_nesting_is_fast_and_does_not_recurse():
    depth = 10_000
    page = "<div>" * depth + "deep text" + "</div>" * depth
    unclosed = "<div><span hidden>" * depth + "gone"
    assert load_text(page, format="html").text == "deep text"
    assert load_text(unclosed, format="html").text == ""
    assert load_text("<b>" * depth + "x" + "</i>" * depth, format="html").text == "x"


def test_html_crlf_positions(tmp_path):
    page = "<html>\r\n<body>\r\n<p>First\r\nsecond line</p>\r\n<p>Third</p>\r\n</body></html>\r\n"
    doc = load_path(str(write(tmp_path / "p.htm", page)))
    assert doc.text == "First second line\nThird"
    assert_word_maps_back(doc, "second", page)
    assert doc.position(doc.text.index("Third")).line == 5
