"""Reading suppression comments: what each directive covers, and comments kept out of the text.

Applying them to findings (and reporting unused ones) is tested in ``tests/test_suppress.py``.
"""

from __future__ import annotations

import pytest

from checker.documents import blank_comments, document_format, find_suppressions, load_text

FIGURE = "At least 40 people were killed in Gaza on Monday."


def markdown(body: str, path: str = "draft.md"):
    return load_text(body, path=path, format="md", published="2023-10-30")


def covered(document, suppression) -> str:
    return document.raw[suppression.start : suppression.end]


# -- reading directives -------------------------------------------------------------------


def test_ignore_covers_the_next_paragraph_only():
    doc = markdown(
        "Intro.\n\n<!-- factcheck: ignore FC301 -->\nFirst line\nsecond line.\n\nNext paragraph.\n"
    )
    [suppression] = find_suppressions(doc)
    assert suppression.verb == "ignore" and suppression.rules == ("FC301",)
    assert covered(doc, suppression) == "First line\nsecond line."
    assert (suppression.line, suppression.column) == (3, 1)
    assert suppression.directive == "factcheck: ignore FC301"


@pytest.mark.parametrize(
    ("comment", "rules"),
    [
        ("<!-- factcheck: ignore -->", None),
        ("<!-- factcheck: ignore FC301, FC101 -->", ("FC301", "FC101")),
        ("<!-- factcheck: ignore FC301 FC101 -->", ("FC301", "FC101")),
        ("<!-- factcheck ignore attribution.unattributed -->", ("attribution.unattributed",)),
        ("<!--factcheck:ignore FC301-->", ("FC301",)),
        ("<!-- FactCheck: IGNORE fc301 -->", ("fc301",)),
    ],
)
def test_directive_spellings(comment, rules):
    [suppression] = find_suppressions(markdown(f"{comment}\n{FIGURE}\n"))
    assert suppression.problem is None
    assert suppression.rules == rules


def test_stacked_directives_and_blank_lines_reach_the_same_paragraph():
    doc = markdown(
        "<!-- factcheck: ignore FC301 -->\n\n<!-- a note -->\n"
        "<!-- factcheck: ignore FC101 -->\n\nThe paragraph.\n\nAnother.\n"
    )
    first, second = find_suppressions(doc)
    assert covered(doc, first) == covered(doc, second) == "The paragraph."


def test_off_and_on_make_a_region_and_off_alone_runs_to_the_end():
    doc = markdown(
        "A.\n\n<!-- factcheck off -->\nB.\n\nC.\n<!-- factcheck on -->\nD.\n"
        "<!-- factcheck: off FC201 -->\nE.\n"
    )
    region, tail = find_suppressions(doc)
    assert region.rules is None and covered(doc, region) == "\nB.\n\nC.\n"
    assert tail.rules == ("FC201",) and covered(doc, tail) == "\nE.\n"


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ("<!-- factcheck: ignroe FC301 -->", "unknown directive 'ignroe'"),
        ("<!-- factcheck: -->", "no directive after 'factcheck:'"),
        ("<!-- factcheck: on -->", "'on' without an earlier 'off'"),
        ("<!-- factcheck: ignore FC#1 -->", "'FC#1' is not a rule id or name"),
    ],
)
def test_unreadable_directives_carry_their_problem(comment, problem):
    [suppression] = find_suppressions(markdown(f"{comment}\n{FIGURE}\n"))
    assert suppression.problem.startswith(problem)


def test_other_comments_are_not_directives():
    doc = markdown("<!-- TODO: check 40 with the desk -->\n<!-- factcheck is great -->\nText.\n")
    assert find_suppressions(doc) == ()


def test_markdown_comments_are_blanked_in_the_text_keeping_offsets():
    body = "Before.\n<!-- 300 people were\nkilled in Gaza -->\nAfter.\n"
    doc = markdown(body)
    assert "300" not in doc.text and "Gaza" not in doc.text
    assert len(doc.text) == len(body) and doc.text.count("\n") == body.count("\n")
    assert doc.text.index("After") == body.index("After")
    assert blank_comments("a<!--x-->b") == "a" + " " * len("<!--x-->") + "b"


def test_html_comments_are_not_visible_text_and_blocks_are_elements():
    html = (
        "<html><body><h1>Title</h1>\n<!-- 300 people were killed in Gaza -->\n"
        "<!-- factcheck: ignore FC301 -->\n"
        "<p>First <b>40</b> killed.<br>Still first.</p>\n<p>Second.</p></body></html>"
    )
    doc = load_text(html, path="a.html", format="html")
    assert "300" not in doc.text and "factcheck" not in doc.text
    [suppression] = find_suppressions(doc)
    assert covered(doc, suppression) == "First <b>40</b> killed.<br>Still first."


def test_plain_text_uses_directive_lines_which_are_not_text():
    body = f"Title\n\nfactcheck: ignore FC301\n{FIGURE}\n\nfactcheck: off\nMore.\nfactcheck: on\n"
    doc = load_text(body, path="draft.txt")
    ignore, region = find_suppressions(doc)
    assert covered(doc, ignore) == FIGURE
    assert covered(doc, region) == "\nMore.\n"
    assert "factcheck" not in doc.text and len(doc.text) == len(body)
    # The line form is for plain text only: in Markdown it would be visible prose.
    assert find_suppressions(markdown(f"factcheck: ignore FC301\n{FIGURE}\n")) == ()


def test_document_format_follows_the_extension():
    formats = [document_format(p) for p in ("a.md", "a.MARKDOWN", "a.htm", "a.txt", "<stdin>")]
    assert formats == ["md", "md", "html", "txt", "txt"]


def test_crlf_files_cover_the_right_text():
    doc = markdown("<!-- factcheck: ignore -->\r\nLine one.\r\n\r\nNext.\r\n")
    [suppression] = find_suppressions(doc)
    assert covered(doc, suppression).startswith("Line one.")
    assert "Next" not in covered(doc, suppression)
