"""Claims: one figure each, normalised, with its subject, time and source."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass

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
# How a figure is put: a count reported as fact, a projection ("could reach 5,000"), an
# explicit estimate ("an estimated 5,000"), or a conditional ("if ..., 5,000 would").
MODALITIES = ("reported", "projected", "estimated", "hypothetical")
# Where a claim's place was read from, strongest first: its own phrase ("in Khan Younis"),
# its source's jurisdiction ("Gaza's health ministry"), the one place of its sentence, the
# document (dateline or title), or carried from an earlier sentence about the same measure.
LOCATION_FROM = ("phrase", "source", "sentence", "document", "carried")


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
    modality: str = "reported"
    event_date: str | None = None  # the event's year or date when the text names one
    location_from: str | None = None
    part: bool = False  # part of a larger count the text gives ("four of the victims")
    # Not part of the JSON contract; used by grouping and rules.
    event: str | None = None  # "day" for a one-day event, "cumulative" for a running total
    dimension: str | None = None  # pint dimensionality or "currency"/"count"
    converts: int | None = None  # start offset of the figure this one converts ("90 km (55 miles)")

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")
        if self.modality not in MODALITIES:
            raise ValueError(f"unknown modality {self.modality!r}")
        if self.location_from is not None and self.location_from not in LOCATION_FROM:
            raise ValueError(f"unknown location_from {self.location_from!r}")
        if self.trend is not None and self.trend not in TRENDS:
            raise ValueError(f"unknown trend {self.trend!r}")
        if self.start > self.end:
            raise ValueError("claim start after end")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    @property
    def subject(self) -> str:
        """What the figure is about, as a label ("killed|Gaza"): measure, place, group, unit.
        For display and for grouping by hand; the rule kinds compare by the finer
        comparison key of :mod:`checker.grouping`."""
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
            "modality": self.modality,
            "event_date": self.event_date,
            "location_from": self.location_from,
            "part": self.part,
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
    "modality",
    "location_from",
)


def shared(value):
    """One string object for each distinct value (other values as they are): a month of
    coverage repeats "people" and "the health ministry" in every other claim."""
    return sys.intern(value) if type(value) is str else value
