"""What a renderer shows, and in which order.

The caller already sorts a Report by path, then position. Renderers sort again, defensively,
on a total key, so that the same report always gives the same bytes whatever order its lists
arrived in, and every format lists things in the same order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..model import LEVELS, Claim, Document, Finding, Report

MODES = ("check", "extract")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def document_key(document: Document) -> tuple:
    return (
        document.path,
        _text(document.title),
        _text(document.published),
        _text(document.published_from),
        _text(document.source),
        _text(document.url),
    )


def claim_key(claim: Claim) -> tuple:
    return (
        _text(claim.path),
        claim.start,
        claim.end,
        claim.line,
        claim.column,
        _text(claim.id),
        claim.text,
    )


def finding_key(finding: Finding) -> tuple:
    return (
        _text(finding.path),
        finding.line,
        finding.column,
        finding.rule,
        finding.kind,
        finding.level,
        finding.message,
        _text(finding.claim),
        finding.related,
    )


@dataclass(frozen=True)
class Contents:
    """A report's lists, sorted, with findings left out in extract mode."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]

    def counts(self) -> dict[str, int]:
        """Findings per level, every level present, in level order."""
        counts = dict.fromkeys(LEVELS, 0)
        for finding in self.findings:
            counts[finding.level] += 1
        return counts

    @cached_property
    def _claims_per_path(self) -> Counter[str | None]:
        return Counter(claim.path for claim in self.claims)

    def claims_in(self, path: str) -> int:
        """How many claims were found in the document at ``path``."""
        return self._claims_per_path[path]


def contents(report: Report, mode: str = "check") -> Contents:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; known modes: {', '.join(MODES)}")
    return Contents(
        documents=tuple(sorted(report.documents, key=document_key)),
        claims=tuple(sorted(report.claims, key=claim_key)),
        findings=() if mode == "extract" else tuple(sorted(report.findings, key=finding_key)),
    )
