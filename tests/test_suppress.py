"""Suppression comments: what they cover, what they silence, and unused ones reported."""

from __future__ import annotations

import json
import os
import subprocess

import jsonschema
import pytest

from checker.config import Settings
from checker.documents import load_text
from checker.model import Finding
from checker.report import load_schema
from checker.suppress import (
    UNUSED,
    apply,
    blank_comments,
    document_kind,
    find_suppressions,
    with_suppressions,
)

AS_OF = "2023-10-31"
FIGURE = "At least 40 people were killed in Gaza on Monday."


def markdown(body: str, path: str = "draft.md"):
    return load_text(body, path=path, kind="md", published="2023-10-30")


def covered(document, suppression) -> str:
    return document.raw[suppression.start : suppression.end]


def finding(document, needle: str, rule: str = "FC301", name: str = "x.y") -> Finding:
    """A finding placed on the first occurrence of ``needle`` in the document's raw text."""
    offset = document.raw.index(needle)
    line = document.raw.count("\n", 0, offset) + 1
    column = offset - (document.raw.rfind("\n", 0, offset) + 1) + 1
    return Finding(
        rule=rule, kind="unattributed", level="warning", message="m", path=document.path,
        line=line, column=column, name=name,
    )  # fmt: skip


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
    assert not suppression.matches(Finding("FC301", "k", "warning", "m", "draft.md", 2, 1))


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
    doc = load_text(html, path="a.html", kind="html")
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


def test_document_kind_follows_the_extension():
    kinds = [document_kind(p) for p in ("a.md", "a.MARKDOWN", "a.htm", "a.txt", "<stdin>")]
    assert kinds == ["md", "md", "html", "txt", "txt"]


def test_crlf_files_cover_the_right_text():
    doc = markdown("<!-- factcheck: ignore -->\r\nLine one.\r\n\r\nNext.\r\n")
    [suppression] = find_suppressions(doc)
    assert covered(doc, suppression).startswith("Line one.")
    assert "Next" not in covered(doc, suppression)


# -- applying them ------------------------------------------------------------------------


def test_apply_drops_covered_findings_and_reports_unused_ones():
    [doc] = with_suppressions(
        [
            markdown(
                "<!-- factcheck: ignore FC301 -->\nSilenced 40.\n\nKept 50.\n\n"
                "<!-- factcheck: ignore FC101 -->\nNothing here 60.\n"
            )
        ]
    )
    silenced, kept, other = (finding(doc, n) for n in ("40", "50", "60"))
    result = apply([silenced, kept, other], [doc], known_rules=["FC301", "FC101"])
    assert result[:2] == [kept, other]
    [unused] = result[2:]
    assert (unused.rule, unused.name, unused.kind, unused.level) == (
        "FC001", "meta.unused-suppression", "unused-suppression", "suggestion",
    )  # fmt: skip
    assert (unused.line, unused.column) == (6, 1)
    assert "'factcheck: ignore FC101' is unused" in unused.message


def test_a_directive_matches_rule_names_and_ignores_other_rules():
    [doc] = with_suppressions(
        [markdown("<!-- factcheck: ignore consistency.contradiction -->\nA 40.\n")]
    )
    contradiction = finding(doc, "40", rule="FC101", name="consistency.contradiction")
    unattributed = finding(doc, "40", rule="FC301", name="attribution.unattributed")
    assert apply([contradiction, unattributed], [doc]) == [unattributed]


def test_unknown_rule_ids_are_named_in_the_message():
    [doc] = with_suppressions([markdown("<!-- factcheck: ignore FC999 -->\nA 40.\n")])
    [unused] = apply([], [doc], known_rules=["FC301"])
    assert unused.message.endswith("(No active rule FC999.)")


def test_settings_can_disable_fc001_or_change_its_level():
    [doc] = with_suppressions([markdown("<!-- factcheck: ignore -->\nA 40.\n")])
    assert apply([], [doc], settings=Settings(disable=("FC001",))) == []
    [unused] = apply([], [doc], settings=Settings(levels={"FC001": "warning"}))
    assert unused.level == "warning"
    assert UNUSED.id == "FC001"


def test_documents_without_suppressions_pass_findings_through():
    doc = markdown("A 40.\n")
    one = finding(doc, "40")
    assert apply([one], with_suppressions([doc])) == [one]


# -- end to end ---------------------------------------------------------------------------


def run(factcheck_bin: str, tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    return subprocess.run(
        [factcheck_bin, *args], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


DRAFT = """---
title: Overnight strikes
published: 2023-10-30
---

Rescue teams worked through the night.

{directive}At least 40 people were killed in Gaza on Monday.
"""


def test_end_to_end_a_suppressed_figure_passes_and_an_unused_suppression_is_reported(
    factcheck_bin, tmp_path
):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT.format(directive=""), encoding="utf-8")
    plain = run(factcheck_bin, tmp_path, "draft.md", "--fail-on", "warning", "--as-of", AS_OF,
                "--format", "json")  # fmt: skip
    assert plain.returncode == 1, plain.stderr
    assert [f["rule"] for f in json.loads(plain.stdout)["findings"]] == ["FC301"]

    draft.write_text(DRAFT.format(directive="<!-- factcheck: ignore FC301 -->\n"), "utf-8")
    quiet = run(factcheck_bin, tmp_path, "draft.md", "--fail-on", "warning", "--as-of", AS_OF,
                "--format", "json")  # fmt: skip
    assert quiet.returncode == 0, quiet.stderr
    assert json.loads(quiet.stdout)["findings"] == []

    draft.write_text(
        DRAFT.format(directive="<!-- factcheck: ignore FC301 -->\n")
        + "\n<!-- factcheck: ignore FC101 -->\nThe night was quiet.\n",
        encoding="utf-8",
    )
    unused = run(factcheck_bin, tmp_path, "draft.md", "--fail-on", "warning", "--as-of", AS_OF,
                 "--format", "json")  # fmt: skip
    assert unused.returncode == 0, unused.stderr  # a suggestion is below the fail level
    report = json.loads(unused.stdout)
    jsonschema.validate(report, load_schema())
    [fc001] = report["findings"]
    assert fc001["rule"] == "FC001" and fc001["kind"] == "unused-suppression"
    assert fc001["level"] == "suggestion" and fc001["line"] == 11
    strict = run(factcheck_bin, tmp_path, "draft.md", "--fail-on", "suggestion", "--as-of", AS_OF)
    assert strict.returncode == 1


def test_end_to_end_comments_make_no_claims_and_html_is_suppressed(factcheck_bin, tmp_path):
    (tmp_path / "a.md").write_text(
        "<!-- 300 people were killed in Gaza on Monday -->\nNothing else.\n", encoding="utf-8"
    )
    (tmp_path / "b.html").write_text(
        "<html><body><!-- factcheck: off --><p>At least 40 people were killed in Gaza on "
        "Monday.</p></body></html>",
        encoding="utf-8",
    )
    extracted = run(factcheck_bin, tmp_path, "extract", "a.md", "--format", "json")
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads(extracted.stdout)["claims"] == []
    checked = run(factcheck_bin, tmp_path, "b.html", "--fail-on", "warning", "--as-of", AS_OF,
                  "--format", "line")  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""
