"""Applying rules to claims: groups in, findings out.

For each enabled rule the engine narrows the claims to the rule's filter, hands them to the
rule's kind with a :class:`Context`, and stamps every finding with the rule's id, name, kind
and level (after the settings' level overrides for the finding's path). Kinds never decide
levels or enabling; configuration does, here, in one place.

Findings are made only on ``claims``. ``evidence`` (claims from an archive, say) may be
cited by findings but is never reported on: checking a draft against what was already
published must not re-report the archive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .grouping import Subjects, find_stories
from .kinds import get_kind
from .model import Claim, Document, Finding
from .vocabulary import Measure, Vocabulary

if TYPE_CHECKING:
    from .config import Rule, RuleSet


@dataclass(frozen=True)
class Context:
    """What a kind may look at besides the claims it checks.

    ``subjects`` knows each claim's subject key and story (wire copies share one, see
    :mod:`checker.grouping`); ``as_of`` is the date the check is made for, standing in for
    the publication date of drafts; ``evidence`` are claims that may be cited, never reported.
    ``story_dates`` dates a document without a date of its own by a dated wire copy of it.
    """

    documents: Mapping[str, Document] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    as_of: dt.date | None = None
    evidence: tuple[Claim, ...] = ()
    subjects: Subjects = field(default_factory=Subjects)
    story_dates: Mapping[str, dt.date] = field(default_factory=dict)

    def pool(self, claims: Sequence[Claim]) -> list[Claim]:
        """``claims`` plus the evidence that is not among them: what findings may cite."""
        seen = {id(claim) for claim in claims}
        return [*claims, *(claim for claim in self.evidence if id(claim) not in seen)]

    def document(self, claim: Claim) -> Document | None:
        return self.documents.get(claim.path or "")

    def published(self, claim: Claim) -> dt.date | None:
        """When the claim's document was published (for an undated copy: its story's date)."""
        if claim.path in self.story_dates:
            return self.story_dates[claim.path]
        document = self.document(claim)
        return document.published if document else None

    def reported_on(self, claim: Claim) -> dt.date | None:
        """When a figure became known: its document's date, else the date it describes."""
        return self.published(claim) or claim.as_of

    def measure(self, claim: Claim) -> Measure | None:
        return self.vocabulary.measures.get(claim.measure or "")

    def is_cumulative(self, claim: Claim) -> bool:
        measure = self.measure(claim)
        return bool(measure and measure.cumulative)

    def amount(self, value: float, unit: str | None) -> str:
        """A bare figure in words, such as "55.9 miles"."""
        from .report.text import format_figure

        return format_figure(
            Claim(
                text="", sentence="", start=0, end=0, value=value, low=value, high=value, unit=unit
            )
        )

    def finding(
        self,
        rule: Rule,
        claim: Claim,
        *,
        other: Claim | None = None,
        related: Iterable[Claim] = (),
        **extra: str,
    ) -> Finding:
        """A finding on ``claim`` with the rule's message filled in; the engine stamps it."""
        values = {**self.placeholders(claim, other), **extra}
        return Finding(
            rule=rule.id,
            kind=rule.kind,
            level=rule.level,
            message=rule.message.format_map(_Leave(values)),
            path=claim.path,
            line=claim.line,
            column=claim.column,
            claim=claim_ref(claim),
            related=tuple(claim_ref(c) for c in related),
            name=rule.name,
        )

    def placeholders(self, claim: Claim, other: Claim | None = None) -> dict[str, str]:
        """Every standard placeholder value for ``claim`` (and ``other``), in words."""
        from .report.text import format_figure

        values = {
            "value": format_figure(claim),
            "text": claim.text,
            "measure": (claim.measure or claim.concept or "figure").replace("_", " "),
            "location": claim.location or "place not given",
            "group": claim.group or "",
            "as_of": _date(claim.as_of),
            "source": claim.source or "no source given",
            "path": claim.path or "-",
            "line": str(claim.line),
            "published": _date(self.published(claim)),
        }
        if other is not None:
            same_file = other.path == claim.path
            values.update(
                other=format_figure(other),
                other_text=other.text,
                other_source=other.source or "no source given",
                other_as_of=_date(other.as_of),
                other_path=other.path or "-",
                other_line=str(other.line),
                other_where=f"line {other.line} of this document"
                if same_file
                else f"{other.path or '-'}:{other.line}",
                other_published=_date(self.published(other)),
                days=str(abs((claim.as_of - other.as_of).days))
                if claim.as_of and other.as_of
                else "?",
            )
        return values


class _Leave(dict):
    """Leave an unknown placeholder as written rather than fail mid-run."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _date(date: dt.date | None) -> str:
    return date.isoformat() if date else "undated"


def claim_ref(claim: Claim) -> str:
    """How findings point at a claim: its id, else its position."""
    return claim.id or f"{claim.path or '-'}:{claim.line}:{claim.column}"


def run(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    ruleset: RuleSet,
    *,
    as_of: dt.date | None = None,
    evidence: Sequence[Claim] = (),
    stories: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Apply every enabled rule of ``ruleset``; findings sorted by path, line, column, rule.

    ``stories`` maps each document path to its story (default: found here, see
    :func:`checker.grouping.find_stories`)."""
    settings = ruleset.settings
    if stories is None:
        stories = find_stories(documents)
    context = Context(
        documents={document.path: document for document in documents},
        vocabulary=ruleset.vocabulary,
        as_of=as_of,
        subjects=Subjects(ruleset.vocabulary, stories),
        story_dates=story_dates(documents, stories),
    )
    paths = {claim.path for claim in claims}
    findings: dict[tuple, Finding] = {}
    for rule in ruleset.rules:
        if not any(settings.is_enabled(rule, path) for path in paths):
            continue
        chosen = [claim for claim in claims if rule.filter.matches(claim)]
        if not chosen:
            continue
        ruled = replace(context, evidence=tuple(c for c in evidence if rule.filter.matches(c)))
        for finding in get_kind(rule.kind).check(chosen, ruled, rule):
            if settings.is_enabled(rule, finding.path):
                stamped = _stamp(finding, rule, settings.level_for(rule, finding.path))
                findings.setdefault(_identity(stamped), stamped)
    return sorted(findings.values(), key=finding_order)


def story_dates(documents: Sequence[Document], stories: Mapping[str, str]) -> dict[str, dt.date]:
    """Dates for documents without one of their own, from their dated wire copies.

    An undated copy of a story (``published_from`` None: the caller may have dated it with the
    check date, as drafts are) was published when its story was: the earliest date a copy
    carries in its metadata, sidecar or text. Without this an old wire story found undated
    would read as published today, and its every figure as stale.
    """
    earliest: dict[str, dt.date] = {}
    for document in documents:
        if document.published is not None and document.published_from is not None:
            story = stories.get(document.path, document.path)
            if story not in earliest or document.published < earliest[story]:
                earliest[story] = document.published
    return {
        document.path: earliest[stories.get(document.path, document.path)]
        for document in documents
        if document.published_from is None and stories.get(document.path, document.path) in earliest
    }


def _stamp(finding: Finding, rule: Rule, level: str) -> Finding:
    return replace(finding, rule=rule.id, name=rule.name, kind=rule.kind, level=level)


def _identity(finding: Finding) -> tuple:
    return (finding.rule, finding.path, finding.line, finding.column, finding.claim)


def finding_order(finding: Finding) -> tuple:
    return (finding.path or "", finding.line, finding.column, finding.rule, finding.message)
