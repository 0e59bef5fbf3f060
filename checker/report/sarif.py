"""The ``sarif`` format: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver`` names factcheck and describes every rule that ran (plus the
built-in FC001 when an unused suppression is reported). Each finding is a result with:

- ``ruleId``/``ruleIndex`` and ``level`` (error, warning, and ``note`` for suggestion);
- ``message.text``;
- one location: the file's path as a relative URI and the finding's ``startLine`` and
  ``startColumn``, with ``endLine`` and ``endColumn`` (just after the figure) when the
  finding's claim is known (columns count Unicode code points, as ``columnKind`` says);
- ``partialFingerprints["factcheck/v1"]``: the finding's fingerprint (see
  :mod:`checker.baseline`), which survives edits elsewhere in the file, then ``:N`` for
  the N-th identical finding in the file, the way GitHub numbers its own line hashes;
- ``relatedLocations`` for the claims the finding cites (the other side of a
  contradiction) when they are among the report's claims.

``helpUri`` is each rule's ``link`` (the rule's section of ``docs/rules.md``). With the
run's exit code given, ``invocations`` records it (``executionSuccessful`` is true: exit 1
means findings, not a failure of the tool).

Output is deterministic: no timestamps, no absolute paths unless a document has one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from urllib.parse import quote

from ..findings.suppress import UNUSED
from ..model import Claim, Finding, Report
from ..version import __version__
from ..wording import format_figure
from .order import contents
from .text import end_position

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/factcheck/factcheck"
FINGERPRINT_KEY = "factcheck/v1"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}


def artifact_uri(path: str | None) -> str:
    """A document path as a URI reference: relative paths stay relative ("/" separated,
    percent-encoded); absolute ones become ``file://`` URIs."""
    if not path:
        return "unknown"
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        posix = posix if posix.startswith("/") else "/" + posix
    # surrogateescape: a file name that is not UTF-8 ("bad\udcff.txt", as Python holds the
    # byte 0xff) is percent-encoded as its bytes ("bad%FF.txt"), not an encoding error.
    uri = quote(posix, errors="surrogateescape")
    return "file://" + uri if os.path.isabs(path) else uri


def _descriptor(rule) -> dict:
    description = " ".join((getattr(rule, "description", "") or "").split())
    short = description.split(". ")[0].rstrip(".") + "." if description else rule.name
    descriptor = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": short},
    }
    if description:
        descriptor["fullDescription"] = {"text": description}
    link = getattr(rule, "link", "") or ""
    if link:
        descriptor["helpUri"] = link
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.level]}
    descriptor["properties"] = {"kind": rule.kind, "tags": [rule.kind]}
    return descriptor


def _rules(report: Report, findings: tuple[Finding, ...]) -> list:
    """Every rule that ran, then any rule a finding names that is not among them."""
    rules: dict[str, object] = {}
    for rule in report.rules:
        rules.setdefault(rule.id, rule)
    for finding in findings:
        if finding.rule in rules:
            continue
        if finding.rule == UNUSED.id:
            rules[finding.rule] = UNUSED
        else:
            rules[finding.rule] = _FromFinding(finding)
    return sorted(rules.values(), key=lambda rule: rule.id)


class _FromFinding:
    """A rule known only from one of its findings."""

    def __init__(self, finding: Finding) -> None:
        self.id = finding.rule
        self.name = finding.name or finding.rule
        self.kind = finding.kind
        self.level = finding.level
        self.description = ""
        self.link = ""


def _location(
    path: str | None,
    line: int,
    column: int,
    message: str | None = None,
    end: tuple[int, int] | None = None,
) -> dict:
    region = {"startLine": max(1, line), "startColumn": max(1, column)}
    if end is not None and end >= (region["startLine"], region["startColumn"]):
        region["endLine"], region["endColumn"] = end
    location: dict = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(path)},
            "region": region,
        }
    }
    if message:
        location["message"] = {"text": message}
    return location


def _related(finding: Finding, claims: dict[str, Claim]) -> list[dict]:
    related = []
    for number, ref in enumerate(finding.related, 1):
        claim = claims.get(ref)
        if claim is None:
            continue
        said = f"related figure: {format_figure(claim)}"
        where = _location(claim.path, claim.line, claim.column, said, end_position(claim))
        related.append({"id": number, **where})
    return related


def to_sarif(report: Report, *, mode: str = "check", exit_code: int | None = None) -> dict:
    """The report as a SARIF 2.1.0 log object."""
    shown = contents(report, mode)
    rules = _rules(report, shown.findings)
    index = {rule.id: k for k, rule in enumerate(rules)}
    claims = {claim.id: claim for claim in shown.claims if claim.id}
    seen: Counter[tuple] = Counter()
    results = []
    for finding in shown.findings:
        result: dict = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": LEVELS[finding.level],
            "message": {"text": finding.message},
            "locations": [
                _location(
                    finding.path,
                    finding.line,
                    finding.column,
                    end=end_position(claims.get(finding.claim or "")),
                )
            ],
        }
        if finding.fingerprint:
            key = (finding.path, finding.rule, finding.fingerprint)
            seen[key] += 1
            result["partialFingerprints"] = {FINGERPRINT_KEY: f"{finding.fingerprint}:{seen[key]}"}
        related = _related(finding, claims)
        if related:
            result["relatedLocations"] = related
        result["properties"] = {"kind": finding.kind}
        if finding.claim:
            result["properties"]["claim"] = finding.claim
        results.append(result)
    driver = {
        "name": "factcheck",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_descriptor(rule) for rule in rules],
    }
    run: dict = {"tool": {"driver": driver}}
    if exit_code is not None:
        run["invocations"] = [{"executionSuccessful": exit_code in (0, 1), "exitCode": exit_code}]
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = results
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(
    report: Report,
    *,
    console: object = None,
    mode: str = "check",
    as_of: dt.date | None = None,
    exit_code: int | None = None,
) -> str:
    """Renderer entry point: the SARIF log as indented JSON with a trailing newline."""
    log = to_sarif(report, mode=mode, exit_code=exit_code)
    text = json.dumps(log, ensure_ascii=False, indent=2, allow_nan=False)
    return text + "\n"
