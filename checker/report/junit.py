"""The ``junit`` format: JUnit XML, for CI systems that show test reports (GitLab, Jenkins,
Azure Pipelines, CircleCI).

As ruff writes it: one ``testsuite`` per checked document, one ``testcase`` per finding
(a ``failure`` whose message is the finding's, its type the level), and a document without
findings is one passing ``testcase``::

    <testsuites name="factcheck" tests="3" failures="2" errors="0">
      <testsuite name="seeds/a.md" tests="2" failures="2" errors="0">
        <testcase name="FC301 at line 18, column 85" classname="seeds/a.md" file="seeds/a.md"
                  line="18">
          <failure message="at least 3 injured (Erbil) has no source. ..." type="warning">
            seeds/a.md:18:85: warning FC301 at least 3 injured ...</failure>
        </testcase>

Deterministic: no timestamps, no host names.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from xml.etree import ElementTree

from ..model import Report
from .line import finding_line
from .order import contents
from .text import one_line


def to_junit(report: Report, *, mode: str = "check") -> ElementTree.Element:
    shown = contents(report, mode)
    root = ElementTree.Element("testsuites", name="factcheck")
    by_path = {path: list(group) for path, group in groupby(shown.findings, lambda f: f.path)}
    paths = sorted({d.path for d in shown.documents} | {p or "-" for p in by_path})
    total = failures = 0
    for path in paths:
        findings = by_path.get(path, [])
        suite = ElementTree.SubElement(root, "testsuite", name=path)
        cases = max(1, len(findings))
        suite.set("tests", str(cases))
        suite.set("failures", str(len(findings)))
        suite.set("errors", "0")
        total += cases
        failures += len(findings)
        if not findings:
            ElementTree.SubElement(suite, "testcase", name="no findings", classname=path)
            continue
        for finding in findings:
            case = ElementTree.SubElement(
                suite,
                "testcase",
                name=f"{finding.rule} at line {finding.line}, column {finding.column}",
                classname=path,
                file=path,
                line=str(finding.line),
            )
            failure = ElementTree.SubElement(
                case, "failure", message=one_line(finding.message), type=finding.level
            )
            failure.text = finding_line(finding)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    return root


def render(
    report: Report,
    *,
    console: object = None,
    mode: str = "check",
    as_of: dt.date | None = None,
) -> str:
    """Renderer entry point: the XML document with its declaration and a final newline."""
    root = to_junit(report, mode=mode)
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
