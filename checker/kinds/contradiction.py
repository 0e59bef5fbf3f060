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

Options (defaults)
    mode: same-time        "same-time" or "decrease"
    window_days: 1         same-time: largest gap between the two as-of dates, in days
    tolerance: 0.01        relative slack on each bound, so "8,300" agrees with "8,306"
    unlocated: document    figures without a place are compared inside one document (and
                           its wire copies) only; "all" compares them everywhere, "never" not
    same_sentence: false   compare two figures of one sentence ("30 killed, 12 in Rafah" is
                           usually a total and its part, so off by default)

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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from ..grouping import Echoes, days_apart
from ..model import Claim, Finding

if TYPE_CHECKING:
    from ..config import Rule
    from ..engine import Context

OPTIONS = {
    "mode": "same-time",
    "window_days": 1,
    "tolerance": 0.01,
    "unlocated": "document",
    "same_sentence": False,
}
CHOICES = {"mode": ("same-time", "decrease"), "unlocated": ("document", "all", "never")}
PLACEHOLDERS = frozenset(
    {
        "value",
        "text",
        "measure",
        "location",
        "group",
        "as_of",
        "source",
        "path",
        "line",
        "published",
        "other",
        "other_text",
        "other_source",
        "other_as_of",
        "other_path",
        "other_line",
        "other_where",
        "other_published",
        "days",
    }
)


def validate_options(options: Mapping) -> list[tuple[str, str]]:
    problems = []
    if options["window_days"] < 0:
        problems.append(("window_days", "must be 0 or more"))
    if not 0 <= options["tolerance"] < 1:
        problems.append(("tolerance", "must be at least 0 and below 1"))
    return problems


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    options = rule.options
    subjects = context.subjects
    by_subject = subjects.by_key(context.pool(claims))
    echoes = Echoes(subjects, by_subject, options["tolerance"])
    decrease = options["mode"] == "decrease"
    for claim in claims:
        key = subjects.key(claim)
        if key is None or claim.as_of is None:
            continue
        candidates = [
            other
            for other in subjects.peers(claim, by_subject, unlocated=options["unlocated"])
            if options["same_sentence"] or not _same_sentence(claim, other)
        ]
        if decrease:
            yield from _decrease(claim, candidates, echoes, context, rule)
        else:
            yield from _same_time(claim, candidates, echoes, context, rule)


def _same_sentence(a: Claim, b: Claim) -> bool:
    return a.path == b.path and a.sentence == b.sentence


def _same_time(
    claim: Claim, candidates: Iterable[Claim], echoes: Echoes, context: Context, rule: Rule
) -> Iterator[Finding]:
    subjects = context.subjects
    tolerance = rule.options["tolerance"]
    cumulative = context.is_cumulative(claim)
    conflicts = []
    for other in candidates:
        days = days_apart(claim, other)
        if days is None or days > rule.options["window_days"] or (cumulative and days > 0):
            continue
        if not subjects.disagree(claim, other, tolerance):
            continue
        if cumulative:
            low, high = (
                (claim, other)
                if subjects.clearly_lower(claim, other, tolerance)
                else (other, claim)
            )
            if echoes.repeats_earlier(low, high):
                continue  # the lower one is a stale figure, kind stale reports it
        conflicts.append(other)
    if conflicts:
        # The nearest evidence first: this document, then its wire copies, then the rest.
        conflicts.sort(
            key=lambda c: (
                c.path != claim.path,
                not subjects.same_story(c, claim),
                c.path or "",
                c.line,
                c.column,
            )
        )
        related = subjects.distinct(conflicts)
        yield context.finding(rule, claim, other=related[0], related=related)


def _decrease(
    claim: Claim, candidates: Iterable[Claim], echoes: Echoes, context: Context, rule: Rule
) -> Iterator[Finding]:
    if not context.is_cumulative(claim) or claim.as_of is None:
        return
    tolerance = rule.options["tolerance"]
    subjects = context.subjects
    higher = [
        other
        for other in candidates
        if other.as_of is not None
        and other.as_of < claim.as_of
        and subjects.clearly_lower(claim, other, tolerance)
        and not echoes.repeats_earlier(claim, other)
    ]
    if higher:
        # The latest earlier figure is the one the total fell from.
        higher.sort(key=lambda c: (c.as_of, c.value), reverse=True)
        related = subjects.distinct(higher)
        yield context.finding(rule, claim, other=related[0], related=related)
