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

import functools
import math
import re
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
    """The key claims are compared within, or None for a claim that is never compared
    (no measure, or part of a larger count the text gives: "four of the victims")."""
    if claim.measure is None or claim.part:
        return None
    event = ("day", claim.as_of) if claim.event == "day" else ("running",)
    return (
        claim.measure,
        claim.location,
        claim.group,
        concept_class(claim, vocabulary),
        unit_dimension(claim),
        level_trend(claim),
        event,
    )


_LEVEL_AFTER_CHANGE = re.compile(r"\bto\s*$", re.IGNORECASE)


# "six more people", "another 12", "an additional 40", "a further 3": an increment.
_INCREMENT_AFTER = re.compile(r"^\S+\s+more\b", re.IGNORECASE)
_INCREMENT_BEFORE = re.compile(r"\b(?:another|additional|further)\s*$", re.IGNORECASE)


def level_trend(claim: Claim) -> str | None:
    """The claim's trend, read for comparison. A figure that is the level a change
    reached is a level: in "rose to 9,061" or "revised the toll down to 7,900" the figure
    after "to" is a toll, and compares with tolls. A figure put as an increment ("six more
    people were killed", "another 12") is a change ("up"), never a toll."""
    if claim.trend is None:
        at = claim.sentence.find(claim.text)
        before = claim.sentence[max(0, at - 14) : at] if at > 0 else ""
        if _INCREMENT_AFTER.search(claim.text) or _INCREMENT_BEFORE.search(before):
            return "up"
        return None
    at = claim.sentence.find(claim.text)
    if at > 0 and _LEVEL_AFTER_CHANGE.search(claim.sentence[max(0, at - 8) : at]):
        return None
    return claim.trend


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


# Words near a figure that say it replaces an earlier one: "revised the toll down to about
# 190", "lowered", "corrected", "updated", "downgraded", "adjusted", "amended".
REVISION_CUE = re.compile(
    r"\b(?:revis(?:ed|es|ing|ion)|lower(?:ed|s|ing)|correct(?:ed|s|ing|ion)|updat(?:ed|es|ing)"
    r"|downgrad(?:ed|es|ing)|adjust(?:ed|s|ing)|amend(?:ed|s|ing))\b",
    re.IGNORECASE,
)
REVISION_BEFORE, REVISION_AFTER = 60, 25  # characters of the sentence read around the figure


def is_revision(claim: Claim) -> bool:
    """Whether the figure is put as a revision of an earlier one: a revision cue word within
    a few words before it ("revised the toll down to about 190") or just after it ("190, a
    corrected figure"). Read from the claim's own sentence, so it works on any extractor."""
    at = claim.sentence.find(claim.text)
    if at < 0:
        return False
    before = claim.sentence[max(0, at - REVISION_BEFORE) : at]
    after = claim.sentence[at + len(claim.text) : at + len(claim.text) + REVISION_AFTER]
    return REVISION_CUE.search(before) is not None or REVISION_CUE.search(after) is not None


# Words of a source that name nobody in particular: a pronoun or a generic noun.
_UNNAMED_SOURCE = frozenset(
    "he she they it we i you officials official authorities sources source spokesman "
    "spokeswoman spokesperson witnesses witness residents reports report media".split()
)
_SOURCE_FILLER = frozenset("the a an its their his her our said".split())


def source_words(claim: Claim) -> frozenset[str] | None:
    """The words that name a claim's source ("the Hamas-controlled health ministry" ->
    hamas-controlled, health, ministry), or None when it has none or names nobody ("he",
    "officials")."""
    return _words_naming(claim.source) if claim.source else None


@functools.lru_cache(maxsize=4096)
def _words_naming(source: str) -> frozenset[str] | None:
    """:func:`source_words` of one source as written (a run repeats a few sources often)."""
    words = frozenset(
        word
        for word in re.findall(r"[\w-]+", source.lower().replace("'s", ""))
        if word not in _SOURCE_FILLER
    )
    if not words or words <= _UNNAMED_SOURCE:
        return None
    return words


def standing(claim: Claim) -> int:
    """How well a figure is sourced: 2 a named source, 1 an unnamed one ("officials said"),
    0 none."""
    if claim.attribution is None:
        return 0
    return 2 if source_words(claim) is not None else 1


def different_sources(a: Claim, b: Claim) -> bool:
    """Whether two figures come from two different named sources: both named, neither
    name's words contain the other's ("the ministry" and "Gaza's health ministry" are one),
    and neither is the other's initials ("NEMA", "the National Emergency Management
    Agency")."""
    first, second = source_words(a), source_words(b)
    if first is None or second is None:
        return False
    if first <= second or second <= first:
        return False
    return not (
        _abbreviates(a.source or "", b.source or "") or _abbreviates(b.source or "", a.source or "")
    )


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is one word written in capitals that spells ``long``'s initials."""
    word = short.strip()
    if " " in word or len(word) < 2 or not word.isupper():
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Z][\w-]*", long))
    return word == initials


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

    def by_key(self, claims: Iterable[Claim]) -> dict[tuple, list[Claim]]:
        """Dated claims with a subject, by subject key."""
        table: dict[tuple, list[Claim]] = {}
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
