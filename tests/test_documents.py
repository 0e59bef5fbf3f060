"""Reading documents: discovery, decoding, metadata, HTML text, positions, date inference."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from checker.documents import (
    EXTENSIONS,
    discover,
    infer_published,
    load_documents,
    load_path,
    load_text,
    parse_date,
)
from checker.errors import InputError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
TODAY = dt.date(2024, 6, 1)  # a fixed "today" so inference does not drift with the clock


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def line_col(raw: str, offset: int) -> tuple[int, int]:
    """Line and column of ``offset`` the way an editor counts them."""
    line = raw.count("\n", 0, offset) + 1
    return line, offset - (raw.rfind("\n", 0, offset) + 1) + 1


def assert_word_maps_back(doc, word: str, raw: str, needle: str | None = None) -> None:
    """``word`` in the text reports the line:column where ``needle`` sits in the file."""
    position = doc.position(doc.text.index(word))
    assert (position.line, position.column) == line_col(raw, raw.index(needle or word))


# -- Markdown front matter --------------------------------------------------------------

MARKDOWN = """---
title: Strikes on Iraq
published: 2023-12-27
source: Peoples Dispatch
url: https://example.org/a
author: ignored
---

# Heading

The US attacked **three** sites, killing 18 people.
"""


def test_front_matter_gives_metadata_and_body_keeps_markup(tmp_path):
    doc = load_path(str(write(tmp_path / "a.md", MARKDOWN)))
    assert doc.title == "Strikes on Iraq"
    assert doc.published == dt.date(2023, 12, 27)
    assert doc.published_from == "metadata"
    assert doc.source == "Peoples Dispatch"
    assert doc.url == "https://example.org/a"
    assert doc.text.startswith("\n# Heading")
    assert "**three**" in doc.text
    assert "title:" not in doc.text
    assert_word_maps_back(doc, "killing", MARKDOWN)
    assert doc.position(doc.text.index("killing")).line == 11


@pytest.mark.parametrize(
    "line",
    [
        "published: 2023-10-30",
        "published: '2023-10-30'",
        "published: 2023-10-30 08:15:00",
        "published: 2023-10-30T08:15:00+02:00",
        "published: 30 October 2023",
        "published: Oct. 30, 2023",
        "published: Monday, October 30, 2023",
        "date: 2023-10-30",
        "Date: 30 Oct 2023",
    ],
)
def test_front_matter_date_forms(tmp_path, line):
    doc = load_path(str(write(tmp_path / "a.md", f"---\n{line}\n---\nBody.\n")))
    assert doc.published == dt.date(2023, 10, 30)
    assert doc.published_from == "metadata"


def test_bad_front_matter_date_is_ignored_not_fatal(tmp_path):
    doc = load_path(str(write(tmp_path / "a.md", "---\npublished: last week\n---\nBody.\n")))
    assert doc.published is None
    assert doc.published_from is None


def test_malformed_front_matter_is_a_located_error(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: ok\nsource: [unclosed\n---\nBody.\n")
    with pytest.raises(InputError, match=r"a\.md:\d+: invalid front matter"):
        load_path(str(path))


def test_front_matter_that_is_not_a_mapping_is_an_error(tmp_path):
    path = write(tmp_path / "a.md", "---\n- a\n- b\n---\nBody.\n")
    with pytest.raises(InputError, match=r"a\.md:2: invalid front matter"):
        load_path(str(path))


def test_front_matter_needs_safe_yaml(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: !!python/object:os.system {}\n---\nBody.\n")
    with pytest.raises(InputError, match="invalid front matter"):
        load_path(str(path))


def test_unclosed_dashes_are_not_front_matter(tmp_path):
    content = "---\nJust a rule, then text.\n"
    doc = load_path(str(write(tmp_path / "a.md", content)))
    assert doc.text == content


def test_front_matter_with_crlf(tmp_path):
    raw = "---\r\ntitle: T\r\n---\r\nFirst line.\r\nThe 5 dead.\r\n"
    doc = load_path(str(write(tmp_path / "a.md", raw)))
    assert doc.title == "T"
    assert doc.text == "First line.\nThe 5 dead.\n"
    assert_word_maps_back(doc, "dead", raw)


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
    doc = load_text(f"<html><head>{meta}</head><body><p>No date.</p></body></html>", kind="html")
    assert doc.published == dt.date(2023, 10, 30)
    assert doc.published_from == "metadata"


def test_html_time_element_is_not_metadata():
    page = '<body><p>Story <time datetime="2023-10-30">today</time>.</p></body>'
    doc = load_text(page, kind="html")
    assert doc.published is None


def test_html_og_title_and_author():
    page = (
        '<head><title>Long | Site</title><meta property="og:title" content="Short">'
        '<meta name="author" content="Jane Roe"><meta property="og:url" content="https://x.example">'
        "</head><body>Hi</body>"
    )
    doc = load_text(page, kind="html")
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
    doc = load_text(page, kind="html")
    assert doc.text == "One.\nTwo."
    assert page[doc.file_offset(doc.text.index("\n"))] == "<"


def test_html_void_unclosed_and_implicitly_closed_elements():
    page = "<p>one<p>two<br>three<img src=x.png>four<hr>five<ul><li>a<li>b</ul><p hidden>x<p>shown"
    doc = load_text(page, kind="html")
    assert doc.text == "one\ntwo\nthreefour\nfive\na\nb\nshown"


def test_html_table_cells_do_not_run_together():
    doc = load_text(
        "<table><tr><td>10</td><td>20</td></tr><tr><td>30</td></tr></table>", kind="html"
    )
    assert doc.text == "10 20\n30"


def test_html_preformatted_text_keeps_whitespace():
    doc = load_text("<p>a   b</p><pre>x   y\r\n  z</pre>", kind="html")
    assert doc.text == "a b\nx   y\n  z"


def test_html_unknown_entities_stay_as_written():
    page = "<p>AT&T and &bogus; and &#xyz; then <b>bold</b></p><script>hidden()</script>"
    doc = load_text(page, kind="html")
    assert doc.text == "AT&T and &bogus; and &#xyz; then bold"
    assert_word_maps_back(doc, "bold", page)


def test_html_text_after_head_without_body_tag():
    doc = load_text("<head><title>T</title></head>Visible text<p>more", kind="html")
    assert doc.text == "Visible text\nmore"


def test_html_deep_nesting_is_fast_and_does_not_recurse():
    depth = 10_000
    page = "<div>" * depth + "deep text" + "</div>" * depth
    unclosed = "<div><span hidden>" * depth + "gone"
    started = time.perf_counter()
    assert load_text(page, kind="html").text == "deep text"
    assert load_text(unclosed, kind="html").text == ""
    assert load_text("<b>" * depth + "x" + "</i>" * depth, kind="html").text == "x"
    assert time.perf_counter() - started < 10  # generous: a recursion would fail, not slow


def test_html_crlf_positions(tmp_path):
    page = "<html>\r\n<body>\r\n<p>First\r\nsecond line</p>\r\n<p>Third</p>\r\n</body></html>\r\n"
    doc = load_path(str(write(tmp_path / "p.htm", page)))
    assert doc.text == "First second line\nThird"
    assert_word_maps_back(doc, "second", page)
    assert doc.position(doc.text.index("Third")).line == 5


# -- sidecars ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["story.meta.yaml", "story.txt.meta.yaml"])
def test_sidecar_names(tmp_path, name):
    write(tmp_path / name, "published: 2023-10-30\ntitle: From sidecar\nsource: Wire\n")
    doc = load_path(str(write(tmp_path / "story.txt", "A story with no date.\n")))
    assert doc.published == dt.date(2023, 10, 30)
    assert doc.published_from == "sidecar"
    assert (doc.title, doc.source) == ("From sidecar", "Wire")


def test_front_matter_wins_over_sidecar_per_field(tmp_path):
    write(tmp_path / "s.meta.yaml", "published: 2020-01-01\ntitle: Sidecar\nsource: Wire\n")
    doc = load_path(str(write(tmp_path / "s.md", "---\ntitle: Front\n---\nBody.\n")))
    assert doc.title == "Front"
    assert doc.source == "Wire"
    assert (doc.published, doc.published_from) == (dt.date(2020, 1, 1), "sidecar")
    write(tmp_path / "s.md", "---\ndate: 2023-10-30\n---\nBody.\n")
    doc = load_path(str(tmp_path / "s.md"))
    assert (doc.published, doc.published_from) == (dt.date(2023, 10, 30), "metadata")


def test_specific_sidecar_wins_over_stem_sidecar(tmp_path):
    write(tmp_path / "s.meta.yaml", "published: 2020-01-01\nsource: Stem\n")
    write(tmp_path / "s.html.meta.yaml", "published: 2023-10-30\n")
    doc = load_path(str(write(tmp_path / "s.html", "<p>Text</p>")))
    assert doc.published == dt.date(2023, 10, 30)
    assert doc.source == "Stem"


def test_html_meta_tags_win_over_sidecar(tmp_path):
    write(tmp_path / "s.meta.yaml", "published: 2020-01-01\n")
    page = '<meta name="date" content="2023-10-30"><p>Text</p>'
    doc = load_path(str(write(tmp_path / "s.html", page)))
    assert (doc.published, doc.published_from) == (dt.date(2023, 10, 30), "metadata")


def test_invalid_sidecar_is_a_located_error(tmp_path):
    write(tmp_path / "s.meta.yaml", "published: [2023\n")
    write(tmp_path / "s.txt", "Text.\n")
    with pytest.raises(InputError, match=r"s\.meta\.yaml:\d+: invalid sidecar"):
        load_path(str(tmp_path / "s.txt"))


def test_sidecars_are_not_documents(tmp_path):
    write(tmp_path / "s.txt", "Text.\n")
    write(tmp_path / "s.meta.yaml", "title: T\n")
    write(tmp_path / "s.txt.meta.yaml", "title: T\n")
    assert discover([str(tmp_path)])[0] == [(tmp_path / "s.txt").as_posix()]
    with pytest.raises(InputError, match="unsupported file type"):
        discover([str(tmp_path / "s.meta.yaml")])


# -- inferring the publication date ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline\nPublished: 30 October 2023 10:15 GMT\n\nThe ministry said...", "2023-10-30"),
        ("Headline\nBy Jane Roe | Oct. 30, 2023\n\nThe ministry said...", "2023-10-30"),
        ("WASHINGTON, October 30, 2023 — The Pentagon said on Monday that...", "2023-10-30"),
        ("Headline\n2023-10-30\nBody text.", "2023-10-30"),
        (
            "Story\n\nThe war began on October 7, 2023. Iran said on Monday, October 30, that "
            "the attacks were the result of US policy, a long sentence that goes on and on.",
            "2023-10-30",
        ),
        (
            "Story\n\nThe US attacked sites in Iraq on Tuesday, December 26, officials said in "
            "a long statement. Strikes have hit the region since October 7, 2023, and earlier.",
            "2023-12-26",
        ),
        (
            "Story\n\nThe talks ended on Wednesday, the 27th of December, after the war that "
            "began in 2023 dragged on with no end in sight for the people of the region.",
            "2023-12-27",
        ),
        (
            "Story\n\nOfficials said that the strike on October 29, 2023 killed 12 people in "
            "the north of the territory, in what residents described as a night of terror.",
            "2023-10-29",
        ),
    ],
)
def test_infer_published_finds_dates(text, expected):
    assert infer_published(text, today=TODAY) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    "text",
    [
        "No dates here at all. Officials said on Monday that 5 people died.",
        # a caption from another year, the body names other weekdays
        "Title\nSoldiers in Raqa on May 25, 2016. JOHN DOE / AFP\n\n"
        "Iran said on Monday that attacks were wrong. On Thursday the US struck back.",
        # a caption date older than a year the body mentions
        "Title\nA market on Monday, March 7, 2016. Photo: Reuters\n\n"
        "On Monday, officials said the 2023 budget was spent.",
        # a weekday, month and day but no year anywhere: too ambiguous
        "Title\n\nThe US attacked sites in Iraq on Tuesday, December 26, officials said.",
        # lower-case month words are verbs
        "Title\n\nThey may 5 times march 3 miles, said the 2019 report's author.",
        # only a future date
        "Title\n\nElections are scheduled for November 5, 2030, officials said.",
    ],
)
def test_infer_published_says_none_when_unsure(text):
    assert infer_published(text, today=TODAY) is None


def test_caption_date_backed_by_the_body_weekday_is_used():
    text = (
        "Headline\nProtesters in Tehran on October 30, 2023. Image Credit: AFP\n\n"
        "TEHRAN: Iran said on Monday that the attacks were wrong."
    )
    assert infer_published(text, today=TODAY) == dt.date(2023, 10, 30)  # a Monday


def test_latest_caption_date_wins_when_backed():
    text = (
        "Headline\nA rally on December 7, 2015. Picture: Jane Roe / AFP\n"
        "A march on Saturday, October 28, 2023. Photo: AP\n\n"
        "Thousands marched on Saturday in the capital, organisers said."
    )
    assert infer_published(text, today=TODAY) == dt.date(2023, 10, 28)


def test_body_weekday_phrase_beats_a_caption_from_another_year():
    text = (
        "Headline\nPicture: Jane Roe / AFP / December 7, 2015 – a man walks past a banner.\n\n"
        "The US attacked multiple locations inside Iraq on Tuesday, December 26, the defence "
        "secretary said. Israel has carried out air strikes there since 2011."
    )
    # 2015 is the latest year named, so the answer is a later year in which December 26 fell
    # on a Tuesday: the latest one up to "today".
    assert infer_published(text, today=TODAY) == dt.date(2023, 12, 26)
    assert infer_published(text, today=dt.date(2019, 1, 1)) == dt.date(2017, 12, 26)


def test_agency_named_in_body_is_not_a_caption():
    text = "Headline\n\nThe minister told AFP on October 30, 2023 that the talks had failed."
    assert infer_published(text, today=TODAY) == dt.date(2023, 10, 30)


def test_header_date_beats_later_body_dates():
    text = (
        "Headline\nPublished 12 January 2024\n\n"
        "The strikes on 30 December 2023 and on 5 January 2024 killed dozens, officials said."
    )
    assert infer_published(text, today=TODAY) == dt.date(2024, 1, 12)


def test_inferred_date_is_reported_as_inferred(tmp_path):
    doc = load_path(str(write(tmp_path / "a.txt", "Headline\nPublished: 30 October 2023\n\nBody.")))
    assert (doc.published, doc.published_from) == (dt.date(2023, 10, 30), "inferred")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-10-30", dt.date(2023, 10, 30)),
        ("2023-10-30T23:59:59+05:00", dt.date(2023, 10, 30)),
        ("2023/10/30", dt.date(2023, 10, 30)),
        ("October 30, 2023", dt.date(2023, 10, 30)),
        ("30th October 2023", dt.date(2023, 10, 30)),
        (dt.datetime(2023, 10, 30, 12, 0), dt.date(2023, 10, 30)),
        ("2023-02-30", None),
        ("October 2023", None),
        ("soon", None),
        (20231030, None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside this clone")
def test_seed_articles():
    def infer(prefix: str) -> dt.date | None:
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        return infer_published(path.read_text(encoding="utf-8"), today=TODAY)

    assert infer("000") == dt.date(2023, 10, 30)
    assert infer("001") not in (dt.date(2016, 5, 25), dt.date(2016, 5, 24))
    assert infer("004") in (dt.date(2023, 12, 26), dt.date(2023, 12, 27))


# -- decoding and line ends --------------------------------------------------------------


def test_crlf_text_keeps_raw_and_maps_positions(tmp_path):
    raw = "Title\r\n\r\nIsrael said 1,400 people\r\nwere killed.\r\n"
    doc = load_path(str(write(tmp_path / "a.txt", raw)))
    assert doc.text == "Title\n\nIsrael said 1,400 people\nwere killed.\n"
    assert doc.raw == raw
    assert_word_maps_back(doc, "killed", raw)
    assert doc.position(doc.text.index("killed")).line == 4


def test_lone_cr_line_ends(tmp_path):
    doc = load_path(str(write(tmp_path / "a.txt", "One\rTwo words\r")))
    assert doc.text == "One\nTwo words\n"
    position = doc.position(doc.text.index("words"))
    assert (position.line, position.column) == (2, 5)


def test_utf8_bom_is_stripped(tmp_path):
    doc = load_path(str(write(tmp_path / "a.txt", b"\xef\xbb\xbfHeadline here\nBody.")))
    assert doc.text.startswith("Headline")
    assert doc.title == "Headline here"
    position = doc.position(0)
    assert (position.line, position.column) == (1, 1)


def test_utf16_with_bom(tmp_path):
    doc = load_path(str(write(tmp_path / "a.txt", "Gaza’s 5 km\n".encode("utf-16"))))
    assert doc.text == "Gaza’s 5 km\n"


def test_cp1252_fallback_and_strict(tmp_path):
    path = write(tmp_path / "a.txt", "It’s 5€ — “quoted”".encode("cp1252"))
    assert load_path(str(path)).text == "It’s 5€ — “quoted”"
    with pytest.raises(InputError, match="not valid UTF-8"):
        load_path(str(path), strict=True)


def test_latin1_last_resort(tmp_path):
    path = write(tmp_path / "a.txt", b"caf\xe9 \x81")  # 0x81 is undefined in cp1252
    assert load_path(str(path)).text == "café \x81"


def test_binary_file(tmp_path):
    write(tmp_path / "docs" / "good.txt", "Fine.")
    write(tmp_path / "docs" / "bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    docs, notes = load_documents([str(tmp_path / "docs")])
    assert [Path(doc.path).name for doc in docs] == ["good.txt"]
    assert notes == [f"{(tmp_path / 'docs' / 'bad.txt').as_posix()}: cannot read (binary file)"]
    with pytest.raises(InputError, match=r"bad\.txt: cannot read \(binary file\)"):
        load_documents([str(tmp_path / "docs" / "bad.txt")])
    with pytest.raises(InputError, match="binary file"):
        load_documents([str(tmp_path / "docs")], strict=True)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX, not root")
def test_unreadable_file_in_folder_is_a_note(tmp_path):
    write(tmp_path / "good.txt", "Fine.")
    locked = write(tmp_path / "locked.txt", "Secret.")
    locked.chmod(0)
    try:
        docs, notes = load_documents([str(tmp_path)])
        assert len(docs) == 1
        assert "locked.txt: cannot read (Permission denied)" in notes[0]
        with pytest.raises(InputError, match="Permission denied"):
            load_documents([str(locked)])
    finally:
        locked.chmod(0o644)


def test_directory_is_not_a_file(tmp_path):
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(InputError, match=r"folder\.md: cannot read"):
        load_path(str(tmp_path / "folder.md"))


# -- titles, stdin, load_text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n\n  Iran says attacks were wrong  \nBody.", "Iran says attacks were wrong"),
        ("A first line that is a sentence.\nBody.", None),
        ("x" * 250 + "\nBody.", None),
        ("", None),
    ],
)
def test_plain_text_title(text, title):
    assert load_text(text).title == title


def test_markdown_heading_title():
    assert load_text("# The headline\n\nBody.", kind="md").title == "The headline"


def test_load_text_arguments_win():
    doc = load_text(
        "---\ntitle: Front\n---\nBody.", kind="md", title="Given", published="2023-10-30"
    )
    assert (doc.title, doc.published, doc.published_from) == (
        "Given",
        dt.date(2023, 10, 30),
        "metadata",
    )
    with pytest.raises(InputError, match="invalid published date"):
        load_text("Body.", published="whenever")
    with pytest.raises(ValueError, match="unknown document kind"):
        load_text("Body.", kind="pdf")


def test_stdin_document():
    docs, notes = load_documents(["-"], stdin="From stdin\r\nBody text.")
    assert notes == []
    assert [(doc.path, doc.text) for doc in docs] == [("<stdin>", "From stdin\nBody text.")]


# -- discovery ---------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    for name in ("b.md", "a.txt", "sub/c.html", "sub/deeper/d.htm", "sub/e.markdown", "f.TXT"):
        write(root / name, "Text.")
    for name in ("notes.rst", "image.png", "sub/data.json", ".hidden.md", "a.meta.yaml"):
        write(root / name, "skip")
    write(root / ".git" / "x.md", "skip")
    write(root / "node" / ".cache" / "y.md", "skip")


def test_discover_recursion_order_and_filtering(tmp_path, monkeypatch):
    make_tree(tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    files, warnings = discover(["seeds"])
    assert files == [
        "seeds/a.txt",
        "seeds/b.md",
        "seeds/f.TXT",
        "seeds/sub/c.html",
        "seeds/sub/deeper/d.htm",
        "seeds/sub/e.markdown",
    ]
    assert warnings == []


def test_discover_dedupes_sorts_and_passes_stdin(tmp_path, monkeypatch):
    make_tree(tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    files, _ = discover(["seeds/sub/", "./seeds/b.md", "-", "seeds/sub/c.html", "-"])
    assert files == ["-", "seeds/b.md", "seeds/sub/c.html", "seeds/sub/deeper/d.htm",
                     "seeds/sub/e.markdown"]  # fmt: skip


def test_discover_explicit_files(tmp_path):
    write(tmp_path / "notes.rst", "x")
    with pytest.raises(InputError, match=r"notes\.rst: unsupported file type"):
        discover([str(tmp_path / "notes.rst")])
    with pytest.raises(InputError, match="path not found: .*missing.md"):
        discover([str(tmp_path / "missing.md")])
    with pytest.raises(InputError, match="path not found"):
        load_documents([str(tmp_path / "missing")])


def test_discover_warns_about_empty_folders(tmp_path):
    (tmp_path / "empty").mkdir()
    files, warnings = discover([str(tmp_path / "empty")])
    assert files == []
    assert warnings and "no documents found" in warnings[0]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_discover_survives_symlink_loops(tmp_path):
    write(tmp_path / "root" / "a" / "doc.txt", "Text.")
    os.symlink(tmp_path / "root", tmp_path / "root" / "a" / "loop")
    os.symlink(tmp_path / "root" / "a", tmp_path / "root" / "a" / "self")
    os.symlink(tmp_path / "nowhere", tmp_path / "root" / "dangling.txt")
    files, _ = discover([str(tmp_path / "root")])
    assert files == [(tmp_path / "root" / "a" / "doc.txt").as_posix()]


def test_extensions_constant():
    assert EXTENSIONS == (".txt", ".md", ".markdown", ".html", ".htm")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\nUpdated Monday 30 October 2023 11.02 GMT\n\nBody.", "2023-10-30"),
        (
            "Title\n\nThe strike on monday, October 30, 2023 killed 5, a long line of text.",
            "2023-10-30",
        ),
        ("Title\nA crowd on May 1, 2023. Photograph: Jane Roe/Getty Images\n\nBody.", None),
        (
            "Title\nA crowd on 1 May 2023. Photo by Jane Roe\n\nOn May 1, the crowd grew.",
            "2023-05-01",
        ),
    ],
)
def test_infer_published_more_forms(text, expected):
    found = infer_published(text, today=TODAY)
    assert found == (dt.date.fromisoformat(expected) if expected else None)


def test_permission_error_is_a_note_in_a_folder_and_fatal_when_named(tmp_path, monkeypatch):
    """The same as the chmod test above, but also when the tests run as root."""
    from checker import documents

    write(tmp_path / "good.txt", "Fine.")
    locked = write(tmp_path / "locked.txt", "Secret.")
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(documents, "open", guarded_open, raising=False)
    docs, notes = load_documents([str(tmp_path)])
    assert [Path(doc.path).name for doc in docs] == ["good.txt"]
    assert notes == [f"{locked.as_posix()}: cannot read (Permission denied)"]
    with pytest.raises(InputError, match=r"locked\.txt: cannot read \(Permission denied\)"):
        load_documents([str(locked)])


def test_today_bounds_inference_when_loading(tmp_path):
    text = "Title\n\nOn Tuesday, December 26, strikes hit sites bombed since 2015, officials said."
    path = write(tmp_path / "a.txt", text)
    assert load_path(str(path), today=dt.date(2019, 1, 1)).published == dt.date(2017, 12, 26)
    docs, _ = load_documents([str(path)], today=dt.date(2024, 1, 1))
    assert docs[0].published == dt.date(2023, 12, 26)
    assert load_text(text, today=dt.date(2016, 1, 1)).published is None
