"""Front matter and sidecar metadata files."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.documents import (
    discover,
    load_path,
)
from checker.errors import InputError

from .helpers import assert_word_maps_back, write

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
