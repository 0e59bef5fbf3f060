"""JUnit XML, SARIF invocations, and the sentence excerpt with its carets."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

from checker.model import Claim, Document, Finding, Report
from checker.report import render
from checker.report.excerpt import excerpt


def _report() -> Report:
    text = "At least 52 people"
    claim = Claim(
        text=text, sentence=f"{text} were killed in Gaza on Monday.", start=0, end=len(text),
        value=52.0, low=52.0, high=None, qualifier="at_least", path="a.md", line=3, column=1,
        id="c1", measure="killed",
    )  # fmt: skip
    finding = Finding(
        "FC301", "unattributed", "warning", 'No "source" <here>', "a.md", 3, 1, claim="c1"
    )
    documents = (Document(path="a.md", text="x"), Document(path="b.md", text="y"))
    return Report(documents, (claim,), (finding,))


def test_junit_one_suite_per_document_one_failure_per_finding():
    text = render(_report(), "junit")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ElementTree.fromstring(text.split("\n", 1)[1])
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "2", "1")
    suites = {suite.get("name"): suite for suite in root}
    assert set(suites) == {"a.md", "b.md"}
    failure = suites["a.md"].find("testcase/failure")
    assert failure.get("message") == 'No "source" <here>' and failure.get("type") == "warning"
    assert failure.text.startswith("a.md:3:1: warning FC301")
    assert suites["b.md"].find("testcase/failure") is None  # a clean document passes
    assert render(_report(), "junit") == text  # deterministic


def test_sarif_invocations_carry_the_exit_code():
    log = json.loads(render(_report(), "sarif", exit_code=1))
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]
    assert "invocations" not in json.loads(render(_report(), "sarif"))["runs"][0]


def test_excerpt_marks_the_figure_under_its_line():
    claim = _report().claims[0]
    lines = excerpt(claim, 30).lines
    assert [text for text, _ in lines][0].startswith("At least 52 people")
    text, marks = lines[0]
    assert marks == "^" * len("At least 52 people")
    assert all(len(line) <= 30 for line, _ in lines)
