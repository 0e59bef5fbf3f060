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
    ],
)
def test_plain_text_title(text, title):
    assert load_text(text).title == title


def test_markdown_heading_title():
    assert load_text("# The headline\n\nBody.", format="md").title == "The headline"


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
