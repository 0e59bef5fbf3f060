"""Building documents: titles, stdin, and text given in memory."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.documents import (
    load_documents,
    load_text,
)
from checker.errors import InputError

# -- titles, stdin, load_text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n\n  Iran says attacks were wrong  \nBody.", "Iran says attacks were wrong"),
        ("A first line that is a sentence.\nBody.", None),
        ("x" * 250 + "\nBody.", None),
        ("", None),
        # Page furniture is passed over; a caption (two sentences) is no headline.
        ("Skip Nav\n\nFerry operators halt crossings in the storm\nBody.",
         "Ferry operators halt crossings in the storm"),
        ("harbour ferry-1700112233445\nA ferry docks at dawn on May 3, 2024. Photo: Staff\nB.",
         None),
        ("Home\nSearch\nLogin\nFerry operators halt crossings\nBody.", None),
    ],
)
def test_plain_text_title(text, title):
    assert load_text(text).title == title


def test_markdown_heading_title():
    assert load_text("# The headline\n\nBody.", format="md").title == "The headline"
    assert load_text("# Toll rises\n\nBody.", format="md").title == "Toll rises"


def test_load_text_arguments_win():
    doc = load_text(
        "---\ntitle: Front\n---\nBody.", format="md", title="Given", published="2023-10-30"
    )
    assert (doc.title, doc.published, doc.published_from) == (
        "Given",
        dt.date(2023, 10, 30),
        "metadata",
    )
    with pytest.raises(InputError, match="invalid published date"):
        load_text("Body.", published="whenever")
    with pytest.raises(ValueError, match="unknown document format"):
        load_text("Body.", format="pdf")


def test_stdin_document():
    docs, notes = load_documents(["-"], stdin="From stdin\r\nBody text.")
    assert notes == []
    assert [(doc.path, doc.text) for doc in docs] == [("<stdin>", "From stdin\nBody text.")]
