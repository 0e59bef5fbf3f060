"""The comparisons the consistency kinds share, near-linear in the number of claims.

Not a kind: the machinery behind ``contradiction``, ``dispute`` and ``stale``. Claims are
split into *partitions* (one comparison key; for figures without a place, one story or one
named event), each claim becomes an :class:`Entry` (its tolerance interval, story, dates and
signals), and three sweeps run over a partition in date order:

- :func:`conflicts`: figures of the same time that cannot both be right. Claims are read in
  publication order (evidence first, so findings land on drafts), each against the figures
  already read for its day (and the days of the window): the nearest disagreeing figures
  are found by binary search in two sorted lists, so a claim costs O(log n) plus at most
  ``NEAREST`` figures on each side. A conflict between two stories (or inside one) on one
  day is reported once, on the claim that brought it: the newer document.
- :func:`falls`: a running total lower than the highest figure dated before it, read from a
  running maximum per day that a revision resets.
The third, the newest figure published before a document (kind ``stale``), lives with its
kind in :mod:`.stale` and reads the same partitions.

A partition whose intervals all share a point has no conflict and is skipped in one pass.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..grouping import is_conversion_pair, is_revision, source_words, standing
from ..model import Claim, Finding, Rule
from .context import Context

NEAREST = 8  # distinct disagreeing figures read on each side of a claim's interval
PER_FIGURE = 4  # claims kept per (figure, source) to cite, from distinct stories
MODALITIES = ("reported", "estimated")


@dataclass(eq=False, slots=True)
class Entry:
    """One claim as the sweeps see it."""

    claim: Claim
    low: float  # its interval, widened by the tolerance, in the partition's unit
    high: float
    story: str
    reported: dt.date  # when it became known: its document's date, else its as-of date
    evidence: bool  # cited, never reported on
    revision: bool  # put as a revision of an earlier figure
    standing: int  # 2 a named source, 1 an unnamed one, 0 none
    first_seen: dt.date  # the earliest as-of date of the same figure in the key
    first_reported: dt.date  # the earliest date the same figure was reported in the key
    order: tuple  # publication order: evidence first, then date, path, position

    @property
    def as_of(self) -> dt.date:
        assert self.claim.as_of is not None
        return self.claim.as_of


def event_day(claim: Claim) -> str | None:
    """The day of the event a figure names: its ``event_date`` when a full date, else the
    as-of date of a one-day event ("killed 230 people on 12 March")."""
    if claim.event_date and len(claim.event_date) == 10:
        return claim.event_date
    if claim.event == "day" and claim.as_of is not None:
        return claim.as_of.isoformat()
    return None


def historical(claim: Claim, context: Context) -> bool:
    """A figure about an event of a year, month or decade that ended before its document
    ("the 2018 quake", "floods last month", "a famine in the 1840s"), or on a day of an
    earlier year. A day of this year ("on October 7") may be the story's own event."""
    return earlier_period(claim.event_date, context.published(claim) or claim.as_of)


def earlier_period(event: str | None, published: dt.date | None) -> bool:
    """Whether ``event`` (a decade "1990s", year, month or day) ended before ``published``:
    a decade, year or month before it, or a day of an earlier year."""
    if not event or len(event) < 4 or not event[:4].isdigit() or published is None:
        return False
    if len(event) == 10:  # a day of an earlier year ("on April 19, 1995")
        return int(event[:4]) < published.year
    if event.endswith("s"):  # a decade
        return int(event[:4]) + 10 <= published.year
    return event < published.isoformat()[: len(event)]


def partitions(
    claims: Sequence[Claim], context: Context, options: Mapping
) -> Iterator[tuple[bool, list[Entry]]]:
    """``(cumulative, entries)`` for each group of claims that may be compared.

    Only dated claims with a comparison key, of the ``modalities`` option (default:
    reported and estimated), not about an earlier year's event and not a vague guess
    ("hundreds must have died"), take part. Figures
    without a place are grouped by the option ``unlocated``: by story ("document"; a figure
    naming its event's day joins every figure naming that day), all together ("all"), or
    left out ("never").
    """
    comparisons, tolerance = context.comparisons, options["tolerance"]
    allowed = frozenset(options.get("modalities", MODALITIES))
    own = {id(claim) for claim in claims}
    by_key: dict[tuple, list[Claim]] = {}
    for claim in context.pool(claims):
        if claim.as_of is None or claim.modality not in allowed or impression(claim):
            continue
        key = comparisons.key(claim)
        if key is not None and not historical(claim, context):
            by_key.setdefault(key, []).append(claim)
    sightings = _Sightings(context, by_key.values())
    for group in by_key.values():
        unit = group[0].unit
        parts: dict[tuple, list[Entry]] = {}
        for claim in group:
            span = comparisons.interval(claim, tolerance, unit)
            if span is None:
                continue
            first_seen, first_reported = sightings.first(claim)
            story = comparisons.story(claim)
            reported = context.reported_on(claim) or claim.as_of
            assert reported is not None
            evidence = id(claim) not in own
            entry = Entry(
                claim=claim,
                low=span.low,
                high=span.high,
                story=story,
                reported=reported,
                evidence=evidence,
                revision=is_revision(claim),
                standing=standing(claim),
                first_seen=first_seen,
                first_reported=first_reported,
                order=(not evidence, reported, claim.path or "", claim.line, claim.column),
            )
            part = _part(claim, story, options["unlocated"])
            if part is not None:
                parts.setdefault(part, []).append(entry)
        cumulative = context.is_cumulative(group[0])
        for entries in parts.values():
            yield cumulative, entries


def impression(claim: Claim) -> bool:
    """A vague figure put as a guess ("hundreds must have died"): not a count to compare."""
    return claim.qualifier == "vague" and claim.modality == "estimated"


DISTINCTIVE = 100  # a figure this large, repeated exactly, is the same figure


class _Sightings:
    """When each figure was first seen and first reported: the same value of the same
    measure and place (or, for a figure of at least ``DISTINCTIVE``, of no place: "1,186
    killed" without a place in the first article is the figure a later article repeats)."""

    def __init__(self, context: Context, groups: Iterable[list[Claim]]) -> None:
        self.seen: dict[tuple, tuple[dt.date, dt.date]] = {}
        for group in groups:
            for claim in group:
                reported = context.reported_on(claim) or claim.as_of
                assert claim.as_of is not None and reported is not None
                figure = (claim.measure, claim.value, claim.unit, claim.location)
                old = self.seen.get(figure)
                if old is None:
                    self.seen[figure] = (claim.as_of, reported)
                else:
                    self.seen[figure] = (min(old[0], claim.as_of), min(old[1], reported))

    def first(self, claim: Claim) -> tuple[dt.date, dt.date]:
        assert claim.as_of is not None
        found = [self.seen[(claim.measure, claim.value, claim.unit, claim.location)]]
        if claim.location is not None and claim.value >= DISTINCTIVE:
            unplaced = self.seen.get((claim.measure, claim.value, claim.unit, None))
            if unplaced is not None:
                found.append(unplaced)
        return min(seen for seen, _ in found), min(reported for _, reported in found)


def _part(claim: Claim, story: str, unlocated: str) -> tuple | None:
    if claim.location is not None or unlocated == "all":
        return ("all",)
    if unlocated == "never":
        return None
    day = event_day(claim)
    return ("event", day) if day else ("story", story)


class _Figures:
    """The figures read so far for one day: distinct intervals in two sorted lists."""

    def __init__(self) -> None:
        self.by_high: list[tuple[float, float]] = []
        self.by_low: list[tuple[float, float]] = []
        # interval -> source words -> the entries that gave it (distinct stories, a few)
        self.entries: dict[tuple[float, float], dict[frozenset | None, list[Entry]]] = {}

    def add(self, entry: Entry) -> None:
        span = (entry.low, entry.high)
        sources = self.entries.get(span)
        if sources is None:
            sources = self.entries[span] = {}
            bisect.insort(self.by_high, (entry.high, entry.low))
            bisect.insort(self.by_low, span)
        kept = sources.setdefault(source_words(entry.claim), [])
        if len(kept) < PER_FIGURE and all(other.story != entry.story for other in kept):
            kept.append(entry)

    def disagreeing(self, entry: Entry) -> Iterator[Entry]:
        """Entries whose interval misses ``entry``'s, nearest figures first."""
        below = bisect.bisect_left(self.by_high, (entry.low, -float("inf")))
        for high, low in reversed(self.by_high[max(0, below - NEAREST) : below]):
            for kept in self.entries[(low, high)].values():
                yield from kept
        above = bisect.bisect_right(self.by_low, (entry.high, float("inf")))
        for span in self.by_low[above : above + NEAREST]:
            for kept in self.entries[span].values():
                yield from kept


def _overlap_all(entries: Sequence[Entry]) -> bool:
    return max(entry.low for entry in entries) <= min(entry.high for entry in entries)


def conflicts(
    entries: Sequence[Entry],
    *,
    window: int,
    cumulative: bool,
    accept: Callable[[Claim, Claim], bool],
    same_sentence: bool = False,
    max_ratio: float = 0.0,
    same_day_totals: str = "all",
) -> Iterator[tuple[Entry, list[Entry]]]:
    """``(entry, the figures it conflicts with)``, once per pair of stories (or one story
    with itself) and day, on the later.

    Two entries conflict when their as-of dates are at most ``window`` days apart, their
    intervals do not meet, ``accept`` takes the pair (the kind's test of the sources),
    neither restates the other in another unit, neither is a revision (a revision replaces
    a figure, it does not contradict it), and, for a running total, the lower does not
    repeat a figure first seen before the higher one's date (that is a stale figure), and
    (with ``max_ratio``) the two are at most that many times apart. Two running totals
    of one day are compared only inside one document when ``same_day_totals`` is
    "document", inside one story when it is "story": across documents each is the count
    at its own hour of the day (a wire story's write-throughs too), and which came first
    is not known.
    """
    if len(entries) < 2 or _overlap_all(entries):
        return
    days: dict[dt.date, _Figures] = {}
    ordered_days: list[dt.date] = []
    reported: set[tuple] = set()
    for entry in sorted(entries, key=lambda e: e.order):
        found: list[Entry] = []
        if not entry.revision and not entry.evidence:  # evidence is cited, never reported
            for day in _days_near(ordered_days, entry.as_of, window):
                for other in days[day].disagreeing(entry):
                    if cumulative and not _same_day_comparable(entry, other, same_day_totals):
                        continue
                    if _conflict(entry, other, cumulative, accept, same_sentence, max_ratio):
                        found.append(other)
        if found and not entry.evidence:
            pairs = {(frozenset({entry.story, o.story}), min(entry.as_of, o.as_of)) for o in found}
            if not pairs <= reported:
                reported |= pairs
                yield entry, _nearest_first(entry, found)
        if entry.as_of not in days:
            days[entry.as_of] = _Figures()
            bisect.insort(ordered_days, entry.as_of)
        days[entry.as_of].add(entry)


def _same_day_comparable(entry: Entry, other: Entry, scope: str) -> bool:
    if scope == "document":
        return entry.claim.path == other.claim.path
    return scope == "all" or entry.story == other.story


def _days_near(days: list[dt.date], day: dt.date, window: int) -> list[dt.date]:
    start = bisect.bisect_left(days, day - dt.timedelta(days=window))
    end = bisect.bisect_right(days, day + dt.timedelta(days=window))
    return days[start:end]


def _conflict(
    entry: Entry,
    other: Entry,
    cumulative: bool,
    accept: Callable[[Claim, Claim], bool],
    same_sentence: bool,
    max_ratio: float = 0.0,
) -> bool:
    mine, theirs = entry.claim, other.claim
    if other.revision or theirs is mine or not accept(mine, theirs):
        return False
    if max_ratio and too_far_apart(entry, other, max_ratio):
        return False
    if not same_sentence and mine.path == theirs.path and mine.sentence == theirs.sentence:
        return False
    if is_conversion_pair(mine, theirs):
        return False
    if cumulative:
        low, high = (entry, other) if entry.high < other.low else (other, entry)
        if low.first_seen < high.as_of:
            return False  # the lower one repeats an older figure: kind stale
    return True


def too_far_apart(first: Entry, second: Entry, ratio: float) -> bool:
    """Whether the two intervals are more than ``ratio`` times apart at their nearest ends:
    "one death" and "138,000 killed", "5 killed" and "hundreds" count different things (an
    incident and the toll, a part and the whole), not one thing twice."""
    low, high = (first, second) if first.high < second.low else (second, first)
    return low.high > 0 and high.low / low.high > ratio


def _nearest_first(entry: Entry, found: list[Entry]) -> list[Entry]:
    """This document first, then its wire copies, then the rest; one figure per story."""
    claim = entry.claim
    found.sort(
        key=lambda o: (
            o.claim.path != claim.path,
            o.story != entry.story,
            o.claim.path or "",
            o.claim.line,
            o.claim.column,
        )
    )
    seen: set[tuple] = set()
    kept = []
    for other in found:
        key = (other.story, other.claim.low, other.claim.high, other.claim.unit)
        if key not in seen:
            seen.add(key)
            kept.append(other)
    return kept


def falls(
    entries: Sequence[Entry],
    *,
    accept: Callable[[Claim, Claim], bool],
    max_ratio: float = 0.0,
    horizon: int = 0,
) -> Iterator[tuple[Entry, Entry]]:
    """``(entry, the higher figure it fell from)`` for running totals, once per fall.

    With ``horizon``, a higher figure more than that many days before the entry is not read
    as the same total: figures of one place far apart in time are of different events.

    The higher figure is the highest dated before the entry (and, when the entry repeats a
    figure seen earlier, dated no later than that), since the last revision: a revision
    starts the total afresh, and a revising figure is never a fall.
    """
    if len(entries) < 2:
        return
    best: dict[dt.date, Entry] = {}
    revision_days: list[dt.date] = []
    for entry in entries:
        day = entry.as_of
        if day not in best or entry.low > best[day].low:
            best[day] = entry
        if entry.revision:
            revision_days.append(day)
    days = sorted(best)
    revision_days = sorted(set(revision_days))
    resets = set(revision_days)
    running: list[Entry] = []  # the highest figure since the last reset, per day
    for day in days:
        candidate = best[day]
        if day in resets or not running or candidate.low > running[-1].low:
            running.append(candidate)
        else:
            running.append(running[-1])
    reported: set[tuple] = set()
    for entry in sorted(entries, key=lambda e: e.order):
        if entry.evidence or entry.revision:
            continue
        upper = min(entry.first_seen, entry.as_of - dt.timedelta(days=1))
        index = bisect.bisect_right(days, upper) - 1
        if index < 0:
            continue
        last_reset = bisect.bisect_left(revision_days, entry.as_of) - 1
        if last_reset >= 0 and revision_days[last_reset] > days[index]:
            continue
        higher = running[index]
        if higher.low <= entry.high or not accept(entry.claim, higher.claim):
            continue
        if horizon and (entry.as_of - higher.as_of).days > horizon:
            continue
        if max_ratio and too_far_apart(entry, higher, max_ratio):
            continue
        if is_conversion_pair(entry.claim, higher.claim):
            continue
        pair = (entry.claim.value, higher.low, higher.high, higher.as_of)
        if pair not in reported:
            reported.add(pair)
            yield entry, higher


def conflict_findings(
    entries: Sequence[Entry],
    cumulative: bool,
    context: Context,
    rule: Rule,
    *,
    accept: Callable[[Claim, Claim], bool],
) -> Iterator[Finding]:
    """One finding per conflict among ``entries`` (see :func:`conflicts`), with the rule's
    ``window_days``, ``same_sentence``, ``max_ratio`` and ``same_day_totals`` options;
    running totals compare on the same day only. Contradiction and dispute differ in
    ``accept`` and in their defaults."""
    options = rule.options
    found = conflicts(
        entries,
        window=0 if cumulative else options["window_days"],
        cumulative=cumulative,
        accept=accept,
        same_sentence=options["same_sentence"],
        max_ratio=options["max_ratio"],
        same_day_totals=options.get("same_day_totals", "all"),
    )
    for entry, others in found:
        related = [other.claim for other in others]
        yield context.finding(rule, entry.claim, other=related[0], related=related)
