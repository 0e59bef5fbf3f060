"""Which claims are about the same thing, at the same time, from the same story.

Rule kinds compare claims only when they share a *subject*: the same measure, place, group
and unit dimension, the same trend (a change is not a level), and for a one-day event
("killed 1,400 people on October 7") the same day. Running totals ("since October 7") and
plain figures share a subject so that a toll can be followed over time. Claims without a
measure are never compared: "300,000 people" living in a city is not a death toll.

What a figure counts is part of its subject too, but only when it says more than the measure:
"people", "others", "residents", a demonym ("Palestinians") and the measure's own nouns
("deaths", "fatalities") are generic and compare with each other, while "two IRGC officials"
killed and "hundreds of people" killed are different subjects. A noun that belongs to another
measure in the vocabulary stands for that measure ("soldiers" and "troops" are one class).

Figures are compared as intervals. The extractor already turns qualifiers into intervals
("about 2,500" is 2,250 to 2,750; "at least 1,400" is 1,400 and up, see tests/gold/README.md);
on top of that each bound gets a small relative tolerance (a kind option, 1% by default) so
that a figure rounded without "about" ("8,300" for 8,306) is not a contradiction while
"1,400" and "1,300" are.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model import Claim
from ..units import convert, dimension
from ..vocabulary import Vocabulary


@dataclass(frozen=True)
class Interval:
    """A closed interval; open ends are infinite."""

    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def unit_dimension(claim: Claim) -> str:
    """``count``, ``currency:USD``, or pint's dimensionality such as ``[length]``."""
    if claim.unit is None:
        return "count"
    if claim.dimension and claim.dimension not in ("count", "currency"):
        return claim.dimension
    return dimension(claim.unit)


# Counted nouns that say nothing beyond the measure: figures counting them compare freely.
GENERIC_CONCEPTS = frozenset(
    {
        "people",
        "person",
        "persons",
        "individual",
        "individuals",
        "other",
        "others",
        "resident",
        "residents",
        "citizen",
        "citizens",
        "inhabitant",
        "inhabitants",
        "human",
        "humans",
        "life",
        "lives",
        "victim",
        "victims",
        "figure",
        "number",
        "total",
    }
)


def concept_class(claim: Claim, vocabulary: Vocabulary | None = None) -> str | None:
    """What the figure counts, beyond its measure; None when that is generic."""
    if not claim.concept:
        return None
    head = claim.concept.split()[-1]
    if head[:1].isupper():  # "Palestinians", "Israelis": a demonym, not a kind of victim
        return None
    head = head.lower()
    if head in GENERIC_CONCEPTS:
        return None
    single = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    if vocabulary is not None:
        found = vocabulary.measure_for_noun(head) or vocabulary.measure_for_noun(single)
        if found == claim.measure:
            return None
        if found:
            return "measure:" + found
    return single


def comparison_key(claim: Claim, vocabulary: Vocabulary | None = None) -> tuple | None:
    """The key claims are compared within, or None for a claim that is never compared."""
    if claim.measure is None:
        return None
    event = ("day", claim.as_of) if claim.event == "day" else ("running",)
    return (
        claim.measure,
        claim.location,
        claim.group,
        concept_class(claim, vocabulary),
        unit_dimension(claim),
        claim.trend,
        event,
    )


def _convert(value: float, unit: str | None, to: str | None) -> float | None:
    if unit == to or value in (math.inf, -math.inf):
        return value
    if unit is None or to is None:
        return None
    return convert(value, unit, to)


def interval(claim: Claim, tolerance: float = 0.0, unit: str | None = None) -> Interval | None:
    """The values ``claim`` allows, widened by ``tolerance``, in ``unit`` (default: its own).

    None when the claim cannot be expressed in ``unit``.
    """
    target = claim.unit if unit is None else unit
    low = -math.inf if claim.low is None else claim.low
    high = math.inf if claim.high is None else claim.high
    low_in, high_in = _convert(low, claim.unit, target), _convert(high, claim.unit, target)
    if low_in is None or high_in is None:
        return None
    slack = 1e-9
    return Interval(
        low_in - abs(low_in) * tolerance - slack, high_in + abs(high_in) * tolerance + slack
    )


def days_apart(a: Claim, b: Claim) -> int | None:
    if a.as_of is None or b.as_of is None:
        return None
    return abs((a.as_of - b.as_of).days)


def is_conversion_pair(a: Claim, b: Claim) -> bool:
    """Whether one figure restates the other ("90 kilometres (55 miles)"): one claim."""
    if a.path != b.path:
        return False
    return (a.converts is not None and a.converts == b.start) or (
        b.converts is not None and b.converts == a.start
    )


_UNSET = object()


class ComparisonIndex:
    """Subject keys and stories for one run, and which claims may be compared."""

    def __init__(
        self, vocabulary: Vocabulary | None = None, stories: Mapping[str, str] | None = None
    ):
        self.vocabulary = vocabulary
        self.stories = dict(stories or {})
        # Caches by object id; _held keeps every cached claim alive so no id is reused.
        self._held: dict[int, Claim] = {}
        self._keys: dict[int, tuple | None] = {}
        # (tolerance, unit) -> claim id -> interval: the inner loops of the kinds ask this
        # millions of times over a month of coverage.
        self._intervals: dict[tuple, dict[int, Interval | None]] = {}
        # By (id of a subject table, subject key). Every table by_key made is kept in
        # _tables, so no table's id is reused while these hold it.
        self._tables: list[dict[tuple, list[Claim]]] = []
        self._converted_index: dict[tuple, frozenset[int]] = {}
        self._story_index: dict[tuple, dict[str, list[Claim]]] = {}

    def key(self, claim: Claim) -> tuple | None:
        if id(claim) not in self._keys:
            self._held[id(claim)] = claim
            self._keys[id(claim)] = comparison_key(claim, self.vocabulary)
        return self._keys[id(claim)]

    def interval(self, claim: Claim, tolerance: float, unit: str | None) -> Interval | None:
        """:func:`interval`, computed once per claim, tolerance and unit."""
        table = self._intervals.get((tolerance, unit))
        if table is None:
            table = self._intervals[(tolerance, unit)] = {}
        found = table.get(id(claim), _UNSET)
        if found is _UNSET:
            self._held[id(claim)] = claim
            found = table[id(claim)] = interval(claim, tolerance, unit)
        return found

    def disagree(self, a: Claim, b: Claim, tolerance: float) -> bool:
        """True when the two figures cannot both be right (their intervals do not meet)."""
        first = self.interval(a, tolerance, a.unit)
        second = self.interval(b, tolerance, a.unit)
        return first is not None and second is not None and not first.overlaps(second)

    def clearly_lower(self, a: Claim, b: Claim, tolerance: float) -> bool:
        """True when every value ``a`` allows is below every value ``b`` allows."""
        first = self.interval(a, tolerance, a.unit)
        second = self.interval(b, tolerance, a.unit)
        return first is not None and second is not None and first.high < second.low

    def story(self, claim: Claim) -> str:
        """The document a claim is from, or the first of its wire copies."""
        path = claim.path or ""
        return self.stories.get(path, path)

    def same_story(self, a: Claim, b: Claim) -> bool:
        return self.story(a) == self.story(b)

    def peers(
        self, claim: Claim, by_subject: Mapping[tuple, list[Claim]], *, unlocated: str
    ) -> list[Claim]:
        """The claims of ``by_subject`` that ``claim`` may be compared with.

        Both need a known date and the same subject key, and neither may restate the other
        in another unit. Figures without a place are compared only inside one story
        (``unlocated="document"``), with every other unlocated figure (``"all"``), or never
        (``"never"``): across articles, "12 people were killed" on one day is far more often
        two attacks than a contradiction.
        """
        key = self.key(claim)
        if key is None or claim.as_of is None or (claim.location is None and unlocated == "never"):
            return []
        group = by_subject.get(key, ())
        if claim.location is None and unlocated == "document":
            group = self._by_story(by_subject, key).get(self.story(claim), ())
        # Only a figure that converts or is converted can restate another: the rest skip
        # the pairwise test.
        if claim.converts is None and claim.start not in self._converted(by_subject, key):
            return [other for other in group if other is not claim and other.as_of is not None]
        return [
            other
            for other in group
            if other is not claim
            and other.as_of is not None
            and not is_conversion_pair(claim, other)
        ]

    def _converted(self, by_subject: Mapping[tuple, list[Claim]], key: tuple) -> frozenset[int]:
        """Start offsets that some claim of the subject converts (once per subject table)."""
        cache = self._converted_index
        slot = (id(by_subject), key)
        if slot not in cache:
            cache[slot] = frozenset(
                other.converts for other in by_subject.get(key, ()) if other.converts is not None
            )
        return cache[slot]

    def _by_story(
        self, by_subject: Mapping[tuple, list[Claim]], key: tuple
    ) -> dict[str, list[Claim]]:
        """One subject's claims by story, built once per subject table (not once per claim:
        that made a month of coverage quadratic)."""
        cache = self._story_index
        slot = (id(by_subject), key)
        if slot not in cache:
            table: dict[str, list[Claim]] = {}
            for other in by_subject.get(key, ()):
                table.setdefault(self.story(other), []).append(other)
            cache[slot] = table
        return cache[slot]

    def by_key(self, claims: Iterable[Claim]) -> dict[tuple, list[Claim]]:
        """Dated claims with a subject, by subject key. The table is kept as long as this
        object (caches by subject table are keyed by its id, which must stay unique)."""
        table: dict[tuple, list[Claim]] = {}
        self._tables.append(table)
        for claim in claims:
            key = self.key(claim)
            if key is not None and claim.as_of is not None:
                table.setdefault(key, []).append(claim)
        return table

    def distinct(self, claims: Iterable[Claim]) -> list[Claim]:
        """One claim per (story, figure): a wire copy repeating a figure is not a new report."""
        seen: set[tuple] = set()
        kept: list[Claim] = []
        for claim in claims:
            key = (self.story(claim), claim.low, claim.high, claim.unit)
            if key not in seen:
                seen.add(key)
                kept.append(claim)
        return kept


class Echoes:
    """Which running totals repeat an older figure after a higher one superseded it.

    A total equal to a figure reported before the higher one's date is an old figure
    copied forward (stale), not a fall in the total (contradiction). Built once per check
    over the claims grouped by subject; remembers, per claim, the earliest date an agreeing
    figure was reported before it.
    """

    def __init__(
        self, subjects: ComparisonIndex, by_subject: Mapping[tuple, list[Claim]], tolerance: float
    ):
        self.subjects = subjects
        self.by_subject = by_subject
        self.tolerance = tolerance
        self._first: dict[int, dt.date | None] = {}

    def first_agreeing(self, claim: Claim) -> dt.date | None:
        """The earliest as-of date of another figure that agrees with ``claim``, before it."""
        if id(claim) not in self._first:
            key = self.subjects.key(claim)
            dates = [
                other.as_of
                for other in self.by_subject.get(key, ())
                if other is not claim
                and other.as_of is not None
                and claim.as_of is not None
                and other.as_of < claim.as_of
                and not self.subjects.disagree(claim, other, self.tolerance)
            ]
            self._first[id(claim)] = min(dates, default=None)
        return self._first[id(claim)]

    def repeats_earlier(self, low: Claim, high: Claim) -> bool:
        """Whether ``low`` repeats a figure reported before ``high``'s date."""
        first = self.first_agreeing(low)
        return first is not None and high.as_of is not None and first < high.as_of


def newest(claims: Iterable[Claim]) -> Claim | None:
    """The claim with the latest as-of date (ties: the highest figure)."""
    dated = [claim for claim in claims if claim.as_of is not None]
    if not dated:
        return None
    return max(dated, key=lambda claim: (claim.as_of or dt.date.min, claim.value))
