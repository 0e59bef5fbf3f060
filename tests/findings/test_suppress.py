"""Suppression comments: what they cover, what they silence, and unused ones reported."""

from __future__ import annotations

import json
import os
import subprocess

import jsonschema
import pytest

from checker.documents import find_suppressions, load_text, with_suppressions
from checker.findings.suppress import UNUSED, apply, matches
from checker.model import Finding, Settings
from checker.report import load_schema

AS_OF = "2023-10-31"
FIGURE = "At least 40 people were killed in Gaza on Monday."


def markdown(body: str, path: str = "draft.md"):
    return load_text(body, path=path, format="md", published="2023-10-30")


def finding(document, needle: str, rule: str = "FC301", name: str = "x.y") -> Finding:
    """A finding placed on the first occurrence of ``needle`` in the document's raw text."""
    offset = document.raw.index(needle)
    line = document.raw.count("\n", 0, offset) + 1
    column = offset - (document.raw.rfind("\n", 0, offset) + 1) + 1
    return Finding(
        rule=rule, kind="unattributed", level="warning", message="m", path=document.path,
        line=line, column=column, name=name,
    )  # fmt: skip


# Reading directives is tested in tests/documents/test_directives.py.


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


@pytest.mark.parametrize(
    "comment", ["<!-- factcheck: ignroe FC301 -->", "<!-- factcheck: ignore FC#1 -->"]
)
def test_an_unreadable_directive_matches_no_finding(comment):
    [suppression] = find_suppressions(markdown(f"{comment}\n{FIGURE}\n"))
    assert not matches(suppression, Finding("FC301", "k", "warning", "m", "draft.md", 2, 1))


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
