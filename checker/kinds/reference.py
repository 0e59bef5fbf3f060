"""reference: a figure that disagrees with an official series passed with ``--reference``.

What it catches
    A newsroom may pass daily series published by an official body (a health ministry's
    death toll, OCHA's count of the displaced) as CSV files, one row per published figure:
    ``date, measure, place, value`` plus optional ``low, high, source, group``. A claim is
    compared with the series of its subject (the same measure, place and group) at its
    as-of date:

    - mode ``disagree``: the claim's interval (its qualifier's, widened by ``tolerance``)
      holds none of the series values from ``lag_days`` before its date to its date. A date
      between two series points is compared with the points around it: a running total
      (a cumulative measure) cannot be below the earlier point nor above the later one; a
      date after the last point, below the last point. Other measures are compared on
      series dates only.
    - mode ``stale``: the claim matches a series value older than the newest one out when
      its document was published (a value counts as out ``lag_days`` after its date), and
      not the newest. The message names the newer value and its date. An article that
      also gives a figure matching a newer value is telling the history, and is not stale.

    Only reported and estimated figures of a plain count are compared; changes ("rose by
    300"), one-day figures ("killed 40 in a strike on Monday") and figures for a named past
    event are not, and neither is a figure below ``min_share`` of the series value, which
    counts a part of the subject (one town's dead), not its total.

Options (defaults)
    mode: disagree       disagree | stale
    tolerance: 0.01      relative slack on each bound of the claim's interval
    lag_days: 1          days a series value takes to reach the news
    min_share: 0.5       figures below this share of the series value are about a part

Placeholders
    {value} {text} {measure} {location} {group} {as_of} {source} {path} {line} {published}
    {reference} {reference_date} {reference_source} {reference_where} {newer} {newer_date}

Passes
    Series: 2023-10-30, killed, Gaza, 8309 (Gaza Ministry of Health)
    Published 2023-10-30: The health ministry said on Monday that 8,306 people had been
    killed in Gaza. (8,306 is within 1% of 8,309.)

Fails
    Series: 2023-10-30, killed, Gaza, 8309
    Published 2023-10-30: The health ministry said on Monday that 6,300 people had been
    killed in Gaza. (disagree)

    Series: 2023-10-30, killed, Gaza, 8309; 2023-11-04, killed, Gaza, 9485
    Published 2023-11-05: The health ministry says 8,309 people have been killed in Gaza.
    (stale: 9,485 was out as of 2023-11-04)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..model import Claim, Finding, Rule
from .context import Context
from .placeholders import CLAIM

OPTIONS = {"mode": "disagree", "tolerance": 0.01, "lag_days": 1, "min_share": 0.5}
CHOICES = {"mode": ("disagree", "stale")}
PLACEHOLDERS = frozenset(
    CLAIM
    | {
        "reference",
        "reference_date",
        "reference_source",
        "reference_where",
        "newer",
        "newer_date",
    }
)
COMPARED = ("reported", "estimated")


@dataclass(frozen=True)
class ReferencePoint:
    """One published figure of a reference series: a row of a ``--reference`` CSV."""

    date: dt.date
    measure: str
    place: str | None
    value: float
    low: float | None = None
    high: float | None = None
    source: str | None = None
    group: str | None = None
    path: str = "-"
    line: int = 1

    def __post_init__(self) -> None:
        low, high = self.bounds
        if not low <= self.value <= high:
            raise ValueError(f"value {self.value} is outside its low-high range {low}-{high}")

    @property
    def bounds(self) -> tuple[float, float]:
        low = self.value if self.low is None else self.low
        high = self.value if self.high is None else self.high
        return low, high

    @property
    def subject(self) -> tuple[str, str | None, str | None]:
        return (self.measure, self.place, self.group)


def validate_options(options: Mapping) -> list[tuple[str, str]]:
    problems = []
    if not 0 <= options["tolerance"] < 1:
        problems.append(("tolerance", "must be at least 0 and below 1"))
    if options["lag_days"] < 0:
        problems.append(("lag_days", "must be 0 or more"))
    if not 0 <= options["min_share"] <= 1:
        problems.append(("min_share", "must be between 0 and 1"))
    return problems


def series_by_subject(
    points: Sequence[ReferencePoint],
) -> dict[tuple[str, str | None, str | None], list[ReferencePoint]]:
    """The points of each subject, oldest first."""
    series: dict[tuple[str, str | None, str | None], list[ReferencePoint]] = {}
    for point in sorted(points, key=lambda p: (p.date, p.path, p.line)):
        series.setdefault(point.subject, []).append(point)
    return series


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    if not context.references:
        return
    series = series_by_subject(context.references)
    options = rule.options
    lag = dt.timedelta(days=options["lag_days"])
    matched = _newest_matches(claims, context, series, options["tolerance"])
    for claim in claims:
        points = _series_for(claim, context, series)
        if not points or not _comparable(claim, points, options["min_share"]):
            continue
        assert claim.as_of is not None
        if options["mode"] == "disagree":
            finding = _disagree(claim, points, context, rule, lag)
        else:
            finding = _stale(claim, points, context, rule, lag, matched)
        if finding is not None:
            yield finding


def _series_for(claim: Claim, context: Context, series: Mapping) -> list[ReferencePoint]:
    if claim.measure is None or claim.as_of is None:
        return []
    place = context.vocabulary.place(claim.location) if claim.location else None
    return series.get((claim.measure, place or claim.location, claim.group), [])


def _comparable(claim: Claim, points: Sequence[ReferencePoint], min_share: float) -> bool:
    if claim.modality not in COMPARED or claim.trend or claim.unit:
        return False
    if claim.event == "day" or claim.event_date:
        return False
    nearest = min(points, key=lambda p: abs((p.date - claim.as_of).days))  # type: ignore[operator]
    top = claim.high if claim.high is not None else float("inf")
    return top >= nearest.value * min_share


def _agrees(claim: Claim, point: ReferencePoint, tolerance: float) -> bool:
    low, high = _claim_bounds(claim, tolerance)
    point_low, point_high = point.bounds
    return low <= point_high and point_low <= high


def _claim_bounds(claim: Claim, tolerance: float) -> tuple[float, float]:
    low = claim.low if claim.low is not None else float("-inf")
    high = claim.high if claim.high is not None else float("inf")
    return low * (1 - tolerance), high * (1 + tolerance)


def _disagree(
    claim: Claim,
    points: Sequence[ReferencePoint],
    context: Context,
    rule: Rule,
    lag: dt.timedelta,
) -> Finding | None:
    as_of, tolerance = claim.as_of, rule.options["tolerance"]
    assert as_of is not None
    window = [p for p in points if as_of - lag <= p.date <= as_of]
    if any(_agrees(claim, p, tolerance) for p in window):
        return None
    if any(_agrees(claim, p, tolerance) for p in points if p.date < as_of - lag):
        return None  # an older value repeated: stale, not wrong
    on_the_day = [p for p in window if p.date == as_of]
    if on_the_day:
        return _finding(context, rule, claim, on_the_day[-1])
    if not context.is_cumulative(claim):
        return _finding(context, rule, claim, window[-1]) if window else None
    before = [p for p in points if p.date < as_of]
    after = [p for p in points if p.date > as_of]
    low, high = _claim_bounds(claim, tolerance)
    if before and high < before[-1].bounds[0]:
        return _finding(context, rule, claim, before[-1])
    if after and low > after[0].bounds[1]:
        return _finding(context, rule, claim, after[0])
    return None


def _newest_matches(
    claims: Sequence[Claim], context: Context, series: Mapping, tolerance: float
) -> dict[tuple, dt.date]:
    """For each document and subject, the date of the newest series value a claim of the
    document matches: a document that gives it tells the history of older ones."""
    newest: dict[tuple, dt.date] = {}
    for claim in claims:
        for point in _series_for(claim, context, series):
            if _agrees(claim, point, tolerance):
                key = (claim.path, point.subject)
                newest[key] = max(newest.get(key, point.date), point.date)
    return newest


def _stale(
    claim: Claim,
    points: Sequence[ReferencePoint],
    context: Context,
    rule: Rule,
    lag: dt.timedelta,
    matched: Mapping[tuple, dt.date],
) -> Finding | None:
    published = context.published(claim) or context.as_of
    if published is None:
        return None
    tolerance = rule.options["tolerance"]
    out = [p for p in points if p.date <= published - lag]
    if not out:
        return None
    latest = out[-1]
    if _agrees(claim, latest, tolerance):
        return None
    older = [p for p in out[:-1] if _agrees(claim, p, tolerance)]
    if not older:
        return None
    if matched.get((claim.path, latest.subject), dt.date.min) > older[-1].date:
        return None
    if context.is_cumulative(claim) and claim.value > latest.value:
        return None
    return _finding(context, rule, claim, older[-1], newer=latest)


def _finding(
    context: Context,
    rule: Rule,
    claim: Claim,
    point: ReferencePoint,
    *,
    newer: ReferencePoint | None = None,
) -> Finding:
    extra = {
        "reference": _figure(context, point),
        "reference_date": point.date.isoformat(),
        "reference_source": point.source or "the reference series",
        "reference_where": f"{point.path}:{point.line}",
    }
    if newer is not None:
        extra.update(newer=_figure(context, newer), newer_date=newer.date.isoformat())
    else:
        extra.update(newer=extra["reference"], newer_date=extra["reference_date"])
    return context.finding(rule, claim, **extra)


def _figure(context: Context, point: ReferencePoint) -> str:
    low, high = point.bounds
    if low == high:
        return context.amount(point.value, None)
    return f"{context.amount(point.value, None)} ({context.amount(low, None)}-" + (
        f"{context.amount(high, None)})"
    )
