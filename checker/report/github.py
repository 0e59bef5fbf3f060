"""The ``github`` format: GitHub Actions workflow commands, shown as annotations.

    ::error file=seeds/a.md,line=9,col=3,endLine=9,endColumn=8,title=FC101 consistency...::8,306 ...

``endLine`` and ``endColumn`` (the figure's last character) are given when the finding's
claim is in the report, so GitHub highlights the figure.

Levels map to commands: error -> ``::error``, warning -> ``::warning``, suggestion ->
``::notice``. Escaping follows GitHub's toolkit (``@actions/core``): in the message ``%``,
CR and LF become ``%25``, ``%0D`` and ``%0A``; property values also escape ``:`` and ``,``
(``%3A``, ``%2C``), the delimiters of the property list.

GitHub shows at most 10 annotations of each type per step (50 per job). So at most
``ANNOTATIONS`` findings of each level become annotations: 10 errors, 10 warnings and 9
notices, one notice being kept for the summary. Findings past the cap are still printed,
as plain lines in the ``line`` format, so the log has them all, and a ``::notice::`` says
how many were not annotated. A last plain line sums the run up.
"""

from __future__ import annotations

import datetime as dt
import os

from ..model import LEVELS, Claim, Finding, Report
from .line import finding_line
from .order import contents
from .text import end_position, plural, summary_line

COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}
ANNOTATIONS = {"error": 10, "warning": 10, "suggestion": 9}


def escape_data(text: str) -> str:
    """A message as GitHub's workflow command parser reads it back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(path: str | None) -> str:
    """The path GitHub resolves against the checkout: relative, "/" separated."""
    if not path:
        return ""
    if os.path.isabs(path):
        root = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
        try:
            relative = os.path.relpath(path, root)
        except ValueError:
            relative = path
        if not relative.startswith(".."):
            path = relative
    return path.replace(os.sep, "/")


def annotation(finding: Finding, claim: Claim | None = None) -> str:
    """One finding as a workflow command; ``claim`` (the finding's) gives the end."""
    title = f"{finding.rule} {finding.name}" if finding.name else finding.rule
    properties = [
        f"file={escape_property(_path(finding.path))}",
        f"line={finding.line}",
        f"col={finding.column}",
    ]
    end = end_position(claim)
    if end is not None and end > (finding.line, finding.column):
        # GitHub's endColumn is the last column of the span, inclusive.
        properties += [f"endLine={end[0]}", f"endColumn={end[1] - 1}"]
    properties.append(f"title={escape_property(title)}")
    return f"::{COMMANDS[finding.level]} {','.join(properties)}::{escape_data(finding.message)}"


def to_commands(report: Report, *, mode: str = "check", summary: bool = True) -> str:
    shown = contents(report, mode)
    claims = {claim.id: claim for claim in shown.claims if claim.id}
    lines: list[str] = []
    left_over: list[Finding] = []
    annotated = dict.fromkeys(LEVELS, 0)
    for finding in shown.findings:
        if annotated[finding.level] < ANNOTATIONS[finding.level]:
            annotated[finding.level] += 1
            lines.append(annotation(finding, claims.get(finding.claim or "")))
        else:
            left_over.append(finding)
    if left_over:
        lines += [finding_line(finding) for finding in left_over]
        per_level = [
            plural(count, level)
            for level in LEVELS
            if (count := sum(finding.level == level for finding in left_over))
        ]
        caps = ", ".join(f"{ANNOTATIONS[level]} {COMMANDS[level]}s" for level in LEVELS)
        lines.append(
            "::notice title=factcheck::"
            + escape_data(
                f"{len(left_over)} more findings not annotated ({', '.join(per_level)}); "
                f"at most {caps} are annotated per run. All are listed in the log."
            )
        )
    if summary:
        counts = shown.counts() if mode == "check" else None
        lines.append("factcheck: " + summary_line(len(shown.documents), len(shown.claims), counts))
    return "".join(line + "\n" for line in lines)


def render(
    report: Report,
    *,
    console: object = None,
    mode: str = "check",
    as_of: dt.date | None = None,
    summary: bool = True,
) -> str:
    """Renderer entry point; ``console`` and ``as_of`` do not change the commands."""
    return to_commands(report, mode=mode, summary=summary)
