"""Findings and the report: a rule's verdicts and what a check produced."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .claim import Claim
from .document import Document

if TYPE_CHECKING:
    from .rules import Rule

LEVELS = ("error", "warning", "suggestion")


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's verdict on one claim, stamped with the rule's id, kind and level."""

    rule: str
    kind: str
    level: str
    message: str
    path: str | None
    line: int
    column: int
    claim: str | None = None
    related: tuple[str, ...] = ()
    name: str | None = None  # the rule's dotted name, e.g. consistency.contradiction
    fingerprint: str | None = None

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"unknown level {self.level!r}")

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "kind": self.kind,
            "level": self.level,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "claim": self.claim,
            "related": list(self.related),
        }


@dataclass(frozen=True)
class Report:
    """What a check produced, in the stable order the contract promises."""

    documents: tuple[Document, ...] = ()
    claims: tuple[Claim, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = field(default=())  # warnings such as unreadable files
    rules: tuple[Rule, ...] = ()  # the rules that ran, for formats that describe them

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LEVELS, 0)
        for finding in self.findings:
            counts[finding.level] += 1
        return counts
