"""What a rule kind may look at besides the claims it checks: :class:`Context`.

The engine (:mod:`checker.findings.engine`) builds one per run; kinds read documents,
vocabulary, the comparison index and evidence through it, and word their findings with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..extraction.people import Mention
from ..grouping import ComparisonIndex
from ..model import Claim, Document, Finding, Rule
from ..vocabulary import Measure, Vocabulary
from ..wording import format_figure

if TYPE_CHECKING:  # for annotations only: these kinds import this module
    from .names import NameStyle
    from .reference import ReferencePoint


@dataclass(frozen=True)
class Context:
    """What a kind may look at besides the claims it checks.

    ``comparisons`` knows each claim's subject key and story (wire copies share one, see
    :mod:`checker.grouping`); ``as_of`` is the date the check is made for, standing in for
    the publication date of drafts; ``evidence`` are claims that may be cited, never reported.
    ``story_dates`` dates a document without a date of its own by a dated wire copy of it.
    """

    documents: Mapping[str, Document] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    as_of: dt.date | None = None
    evidence: tuple[Claim, ...] = ()
    comparisons: ComparisonIndex = field(default_factory=ComparisonIndex)
    story_dates: Mapping[str, dt.date] = field(default_factory=dict)
    references: tuple[ReferencePoint, ...] = ()  # --reference series, for kind reference
    names: NameStyle | None = None  # the house spellings of names, for kind names
    people: Mapping[str, tuple[Mention, ...]] | None = None  # people named, by path (cached)

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
