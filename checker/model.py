"""The domain model: frozen dataclasses that flow documents -> claims -> findings -> report.

Every stage produces new objects; nothing is mutated after construction. Invariants are
checked in ``__post_init__`` so a malformed object fails where it is made, not where it is
rendered.
"""

from __future__ import annotations

import bisect
import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

QUALIFIERS = (
    "exact",
    "approximately",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "range",
    "vague",
)
TRENDS = ("up", "down")
LEVELS = ("error", "warning", "suggestion")
PUBLISHED_FROM = ("metadata", "sidecar", "inferred")


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a file as stored: 1-based line and column."""

    line: int
    column: int

    def __post_init__(self) -> None:
        if self.line < 1 or self.column < 1:
            raise ValueError(f"positions are 1-based, got {self.line}:{self.column}")


def _is_anchors(offsets) -> bool:
    return bool(offsets) and isinstance(offsets[0], tuple)


def compress_offsets(offsets: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """Per-character file offsets as (text index, file offset) anchors: a new anchor only
    where the mapping stops running one to one. A character past the end maps one past the
    last character's offset."""
    anchors: list[tuple[int, int]] = []
    previous = None
    for i, raw_at in enumerate(offsets):
        if previous is None or raw_at != previous + 1:
            anchors.append((i, raw_at))
        previous = raw_at
    return tuple(anchors)


@dataclass(frozen=True)
class Document:
    """One article: its extracted text plus what we know about it.

    ``text`` is the text claims are extracted from (front matter removed, HTML reduced to
    visible text). ``offsets`` maps each character of ``text`` back to its character offset in
    the file as stored, so that positions reported to users point into the real file.
    ``raw`` is the file as stored (decoded), used to turn those offsets into line:column.
    """

    path: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    source: str | None = None
    url: str | None = None
    raw: str | None = None
    offsets: tuple[int, ...] | None = None
    suppressions: tuple = ()

    def __post_init__(self) -> None:
        if self.published_from is not None and self.published_from not in PUBLISHED_FROM:
            raise ValueError(f"unknown published_from {self.published_from!r}")
        if self.published is None and self.published_from is not None:
            raise ValueError("published_from given without a published date")
        if self.offsets is not None and not _is_anchors(self.offsets):
            if len(self.offsets) != len(self.text):
                raise ValueError("offsets must map every character of text")
            # Kept as anchors, not one int a character: 10,000 documents must fit in memory.
            object.__setattr__(self, "offsets", compress_offsets(self.offsets))

    def file_offset(self, start: int) -> int:
        """The offset in the stored file of character ``start`` of ``text``."""
        anchors = self.offsets
        if anchors is None:
            return start
        if not anchors:
            return 0
        k = bisect.bisect_right(anchors, (start, float("inf"))) - 1
        if k < 0:
            return anchors[0][1]
        text_at, raw_at = anchors[k]
        return raw_at + (start - text_at)

    def position(self, start: int) -> Position:
        """1-based line and column in the file as stored of character ``start`` of ``text``."""
        raw = self.raw if self.raw is not None else self.text
        offset = min(self.file_offset(start), len(raw))
        line = raw.count("\n", 0, offset) + 1
        line_start = raw.rfind("\n", 0, offset) + 1
        return Position(line, offset - line_start + 1)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a figure is attributed to, as written, and the cue that says so."""

    source: str
    cue: str

    def to_dict(self) -> dict:
        return {"source": self.source, "cue": self.cue}


@dataclass(frozen=True, slots=True)
class Claim:
    """One numeric claim: a figure, normalised, with its subject, time and source."""

    text: str
    sentence: str
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str = "exact"
    trend: str | None = None
    unit: str | None = None
    concept: str | None = None
    measure: str | None = None
    location: str | None = None
    group: str | None = None
    as_of: dt.date | None = None
    attribution: Attribution | None = None
    path: str | None = None
    line: int = 1
    column: int = 1
    id: str | None = None
    # Not part of the JSON contract; used by grouping and rules.
    event: str | None = None  # "day" for a one-day event, "cumulative" for a running total
    dimension: str | None = None  # pint dimensionality or "currency"/"count"
    converts: int | None = None  # start offset of the figure this one converts ("90 km (55 miles)")

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")
        if self.trend is not None and self.trend not in TRENDS:
            raise ValueError(f"unknown trend {self.trend!r}")
        if self.start > self.end:
            raise ValueError("claim start after end")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    @property
    def subject(self) -> str:
        """The key claims are grouped by: measure, place, group and unit dimension."""
        parts = [self.measure or self.concept or "?", self.location or "-"]
        if self.group:
            parts.append(self.group)
        if self.unit:
            parts.append(self.unit)
        return "|".join(parts)

    @property
    def source(self) -> str | None:
        return self.attribution.source if self.attribution else None

    def to_dict(self) -> dict:
        """The claim as the contract's JSON object, keys in contract order."""
        return {
            "id": self.id,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence,
            "value": float(self.value),
            "low": None if self.low is None else float(self.low),
            "high": None if self.high is None else float(self.high),
            "qualifier": self.qualifier,
            "trend": self.trend,
            "unit": self.unit,
            "concept": self.concept,
            "measure": self.measure,
            "location": self.location,
            "group": self.group,
            "subject": self.subject,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "attribution": self.attribution.to_dict() if self.attribution else None,
        }


def claim_to_record(claim: Claim) -> dict:
    """Every field of a claim as plain JSON-able data (for caches and ledgers)."""
    record = claim.to_dict()
    record.pop("subject")
    record.update(event=claim.event, dimension=claim.dimension, converts=claim.converts)
    return record


def claim_from_record(record: dict) -> Claim:
    """The inverse of :func:`claim_to_record`."""
    data = dict(record)
    data.pop("subject", None)
    as_of = data.get("as_of")
    data["as_of"] = dt.date.fromisoformat(as_of) if as_of else None
    source = data.get("attribution")
    data["attribution"] = (
        Attribution(**{key: shared(value) for key, value in source.items()}) if source else None
    )
    for name in _REPEATED_FIELDS:  # one string object each, as when extracted
        data[name] = shared(data.get(name))
    return Claim(**data)


# Claim fields whose few distinct values recur across thousands of claims.
_REPEATED_FIELDS = (
    "qualifier",
    "trend",
    "unit",
    "concept",
    "measure",
    "location",
    "group",
    "event",
    "dimension",
)


def shared(value):
    """One string object for each distinct value (other values as they are): a month of
    coverage repeats "people" and "the health ministry" in every other claim."""
    return sys.intern(value) if type(value) is str else value


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
    rules: tuple = ()  # the rules that ran (config.Rule), for formats that describe them

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LEVELS, 0)
        for finding in self.findings:
            counts[finding.level] += 1
        return counts
