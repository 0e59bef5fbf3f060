"""The ``line`` format: one line per finding, the form compilers and editors use.

    seeds/a.md:9:3: warning FC201 The figure 1,400 is stale ...

In extract mode, one line per claim, its fields as ``key=value`` (fields that are null are
left out; ranges and vague amounts add ``low`` and ``high``; values with spaces are quoted
as JSON strings):

    seeds/a.md:7:14: claim value=1400 qualifier=at_least concept=people measure=killed ...

No colour, no summary: the output is for grep, editors and scripts.
"""

from __future__ import annotations

import datetime as dt
import json

from ..model import Claim, Finding, Report
from .order import contents
from .text import location, one_line


def finding_line(finding: Finding) -> str:
    where = location(finding.path, finding.line, finding.column)
    return f"{where}: {finding.level} {finding.rule} {one_line(finding.message)}"


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _interval(claim: Claim, bound: float | None) -> str | None:
    if claim.qualifier not in ("range", "vague") or bound is None:
        return None
    return _plain_number(bound)


def _field(key: str, value: object) -> str:
    text = one_line(str(value))
    if not text or any(c in text for c in ' "=\\'):
        text = json.dumps(text, ensure_ascii=False)
    return f"{key}={text}"


def claim_line(claim: Claim) -> str:
    fields = {
        "value": _plain_number(claim.value),
        "qualifier": claim.qualifier,
        # Only ranges and vague amounts state their interval; for the rest it follows.
        "low": _interval(claim, claim.low),
        "high": _interval(claim, claim.high),
        "trend": claim.trend,
        "unit": claim.unit,
        "concept": claim.concept,
        "measure": claim.measure,
        "location": claim.location,
        "group": claim.group,
        "as_of": claim.as_of.isoformat() if claim.as_of else None,
        "source": claim.source,
    }
    shown = " ".join(_field(key, value) for key, value in fields.items() if value is not None)
    return f"{location(claim.path, claim.line, claim.column)}: claim {shown}"


def to_lines(report: Report, *, mode: str = "check") -> str:
    """Every line, each ending in a newline; the empty string when there is nothing to list."""
    shown = contents(report, mode)
    if mode == "extract":
        lines = [claim_line(claim) for claim in shown.claims]
    else:
        lines = [finding_line(finding) for finding in shown.findings]
    return "".join(line + "\n" for line in lines)


def render(
    report: Report,
    *,
    console: object = None,
    mode: str = "check",
    as_of: dt.date | None = None,
) -> str:
    """Renderer entry point; ``console`` and ``as_of`` do not change line output."""
    return to_lines(report, mode=mode)
