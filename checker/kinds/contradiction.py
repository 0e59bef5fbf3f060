"""contradiction: two figures for the same subject that cannot both be right.

What it catches
    mode "same-time" (default rule FC101): two claims about the same subject (measure, place,
    group, unit dimension, and for a one-day event the day) dated within ``window_days`` of
    each other, whose figures do not overlap once qualifiers and precision are allowed for.
    Inside one document this is any two different figures for the same subject and date.
    For a cumulative measure (``cumulative: true`` in the vocabulary: death tolls, hostages
    taken) only figures of the same date are compared this way: a higher total a day later
    is the toll rising, and a lower one is mode "decrease".

    mode "decrease" (default rule FC102): for a cumulative measure, a figure clearly lower
    than one dated earlier ("fell from 9,061 to 8,306"). A total that merely repeats a figure
    reported before the higher one is not a fall but a stale figure (kind ``stale``) and is
    left to that kind.

    Figures are intervals: "at least 1,400" (1,400 and up) agrees with "1,400"; "about 2,500"
    (2,250-2,750) does not agree with "2,000". Claims with no measure, no as-of date, a
    different place, group or unit dimension are never compared. A converted figure ("90 km
    (55 miles)") is never compared with the figure it converts; kind ``conversion`` checks it.
    Wire copies of one story count as one document.

    Which side is wrong? Both figures of a same-time pair are reported, unless one is better
    supported (``corroboration``): backed by more independent stories (wire copies of one
    story count once) than every figure it conflicts with, or, on a tie, the only plausible
    one (the other is a running total below a figure dated earlier). Then only the outlier
    is reported, citing the figure it conflicts with.

Options (defaults)
    mode: same-time        "same-time" or "decrease"
    window_days: 1         same-time: largest gap between the two as-of dates, in days
    tolerance: 0.01        relative slack on each bound, so "8,300" agrees with "8,306"
    unlocated: document    figures without a place are compared inside one document (and
                           its wire copies) only; "all" compares them everywhere, "never" not
    same_sentence: false   compare two figures of one sentence ("30 killed, 12 in Rafah" is
                           usually a total and its part, so off by default)
    corroboration: true    same-time: report only the outlier when one figure is better
                           supported; false reports both sides of every pair

Placeholders
    {value} {text} {measure} {location} {group} {as_of} {source} {path} {line} {published}
    {other} {other_text} {other_source} {other_as_of} {other_path} {other_line}
    {other_where} {other_published} {days}

Passes
    Hamas gunmen killed at least 1,400 people, Israeli officials said on Monday.
    ... and in another article of the same day: Israeli officials said 1,400 people were killed.

Fails (same-time)
    The health ministry said on Monday that about 2,500 people had been killed in Gaza.
    ... and in another article of the same day: the ministry said 2,000 were killed in Gaza.

Fails (decrease)
    October 30: the ministry said 8,306 people had been killed in Gaza.
    November 3: the ministry said 7,900 people had been killed in Gaza.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..grouping import Echoes, days_apart
from ..model import Claim, Finding, Rule
from .context import Context
from .placeholders import CLAIM, OTHER

OPTIONS = {
    "mode": "same-time",
    "window_days": 1,
    "tolerance": 0.01,
    "unlocated": "document",
    "same_sentence": False,
    "corroboration": True,
}
CHOICES = {"mode": ("same-time", "decrease"), "unlocated": ("document", "all", "never")}
PLACEHOLDERS = frozenset(CLAIM | OTHER | {"days"})


def validate_options(options: Mapping) -> list[tuple[str, str]]:
    problems = []
    if options["window_days"] < 0:
        problems.append(("window_days", "must be 0 or more"))
    if not 0 <= options["tolerance"] < 1:
        problems.append(("tolerance", "must be at least 0 and below 1"))
    return problems


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    pairs = _Pairs(claims, context, rule)
    for claim in claims:
        if rule.options["mode"] == "decrease":
            yield from pairs.decrease(claim)
        else:
            yield from pairs.same_time(claim)


class _Pairs:
    """One check's comparisons, with what they share cached: peers, conflicts, support."""

    def __init__(self, claims: Sequence[Claim], context: Context, rule: Rule):
        self.context = context
        self.rule = rule
        self.options = rule.options
        self.tolerance = rule.options["tolerance"]
        self.comparisons = context.comparisons
        self.by_subject = self.comparisons.by_key(context.pool(claims))
        self.echoes = Echoes(self.comparisons, self.by_subject, self.tolerance)
        self._peers: dict[int, list[Claim]] = {}
        self._support: dict[int, int] = {}

    def peers(self, claim: Claim) -> list[Claim]:
        if id(claim) not in self._peers:
            self._peers[id(claim)] = [
                other
                for other in self.comparisons.peers(
                    claim, self.by_subject, unlocated=self.options["unlocated"]
                )
                if self.options["same_sentence"] or not _same_sentence(claim, other)
            ]
        return self._peers[id(claim)]

    def same_time_peers(self, claim: Claim) -> list[Claim]:
        """Peers dated close enough to compare (for running totals: the same day)."""
        window = 0 if self.context.is_cumulative(claim) else self.options["window_days"]
        return [
            other
            for other in self.peers(claim)
            if (days := days_apart(claim, other)) is not None and days <= window
        ]

    def conflicts(self, claim: Claim) -> list[Claim]:
        comparisons, tolerance = self.comparisons, self.tolerance
        cumulative = self.context.is_cumulative(claim)
        found = []
        for other in self.same_time_peers(claim):
            if not comparisons.disagree(claim, other, tolerance):
                continue
            if cumulative:
                lower = comparisons.clearly_lower(claim, other, tolerance)
                low, high = (claim, other) if lower else (other, claim)
                if self.echoes.repeats_earlier(low, high):
                    continue  # the lower one is an old figure copied forward: kind stale
            found.append(other)
        return found

    def support(self, claim: Claim) -> int:
        """How many independent stories give a figure that agrees with ``claim`` then."""
        if id(claim) not in self._support:
            stories = {self.comparisons.story(claim)}
            for other in self.same_time_peers(claim):
                if not self.comparisons.disagree(claim, other, self.tolerance):
                    stories.add(self.comparisons.story(other))
            self._support[id(claim)] = len(stories)
        return self._support[id(claim)]

    def implausible(self, claim: Claim) -> bool:
        """A running total below a figure dated earlier."""
        if not self.context.is_cumulative(claim) or claim.as_of is None:
            return False
        return any(
            other.as_of is not None
            and other.as_of < claim.as_of
            and self.comparisons.clearly_lower(claim, other, self.tolerance)
            for other in self.peers(claim)
        )

    def presumed_right(self, claim: Claim, conflicts: Sequence[Claim]) -> bool:
        """Whether ``claim`` is better supported than every figure it conflicts with."""
        mine, best = self.support(claim), max(self.support(other) for other in conflicts)
        if mine != best:
            return mine > best
        rivals = [other for other in conflicts if self.support(other) == best]
        return not self.implausible(claim) and all(self.implausible(o) for o in rivals)

    def same_time(self, claim: Claim) -> Iterator[Finding]:
        if self.comparisons.key(claim) is None or claim.as_of is None:
            return
        conflicts = self.conflicts(claim)
        if not conflicts:
            return
        if self.options["corroboration"] and self.presumed_right(claim, conflicts):
            return
        # The nearest evidence first: this document, then its wire copies, then the rest.
        comparisons = self.comparisons
        conflicts.sort(
            key=lambda c: (
                c.path != claim.path,
                not comparisons.same_story(c, claim),
                c.path or "",
                c.line,
                c.column,
            )
        )
        related = comparisons.distinct(conflicts)
        yield self.context.finding(self.rule, claim, other=related[0], related=related)

    def decrease(self, claim: Claim) -> Iterator[Finding]:
        if not self.context.is_cumulative(claim) or claim.as_of is None:
            return
        higher = [
            other
            for other in self.peers(claim)
            if other.as_of is not None
            and other.as_of < claim.as_of
            and self.comparisons.clearly_lower(claim, other, self.tolerance)
            and not self.echoes.repeats_earlier(claim, other)
        ]
        if higher:
            # The latest earlier figure is the one the total fell from.
            higher.sort(key=lambda c: (c.as_of, c.value), reverse=True)
            related = self.comparisons.distinct(higher)
            yield self.context.finding(self.rule, claim, other=related[0], related=related)


def _same_sentence(a: Claim, b: Claim) -> bool:
    return a.path == b.path and a.sentence == b.sentence
