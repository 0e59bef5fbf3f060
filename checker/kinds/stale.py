"""stale: a figure that was already out of date when its document was published.

What it catches
    A claim whose subject (measure, place, group, unit dimension) had a newer, different
    figure by the time its document was published: a claim dated later than this one's
    as-of date, on or before this document's publication date, and reported (published) by
    then. For a draft with no publication date, the date the check is made for (``--as-of``)
    stands in. A newer figure counts only when it differs once qualifiers and precision are
    allowed for; for a cumulative measure it must be higher (a lower later total is kind
    ``contradiction``, mode "decrease").

    A cumulative figure that equals one reported earlier, while higher ones have been
    reported since, is stale too, even when it carries a later date: "8,306 killed" in a
    November 5 article repeats the October 30 toll after 9,061 was reported on November 3.

    A figure is never stale because of a newer one in its own document or its wire copies:
    an article that gives both is telling the history. Claims with no measure or no as-of
    date are skipped.

Options (defaults)
    after_publication: false   also report figures superseded after their document was
                               published, up to the date the check is made for (for
                               updating archive pages)
    tolerance: 0.01            relative slack on each bound when comparing figures
    unlocated: document        figures without a place are compared inside one document
                               only ("all": everywhere, "never": not at all); since a
                               document is not stale by its own figures, the default means
                               unlocated figures are never stale

Placeholders
    {value} {text} {measure} {location} {group} {as_of} {source} {path} {line} {published}
    {other} {other_text} {other_source} {other_as_of} {other_path} {other_line}
    {other_where} {other_published} {days}

Passes
    Published 2023-11-05: The health ministry said on November 3 that 9,061 people had been
    killed in Gaza. (It is the newest figure.)

Fails
    Published 2023-11-05: The health ministry said on October 30 that 8,306 people had been
    killed in Gaza. (Another article had reported 9,061 as of November 3.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

from ..grouping import Echoes, newest
from ..model import Claim, Finding, Rule
from .context import Context
from .placeholders import CLAIM, OTHER

OPTIONS = {"after_publication": False, "tolerance": 0.01, "unlocated": "document"}
CHOICES = {"unlocated": ("document", "all", "never")}
PLACEHOLDERS = frozenset(CLAIM | OTHER | {"days"})


def validate_options(options: Mapping) -> list[tuple[str, str]]:
    if not 0 <= options["tolerance"] < 1:
        return [("tolerance", "must be at least 0 and below 1")]
    return []


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    comparisons = context.comparisons
    pool = context.pool(claims)
    by_subject = comparisons.by_key(pool)
    echoes = Echoes(comparisons, by_subject, rule.options["tolerance"])
    # Asked of every pair of peers: worked out once a claim.
    reported = {id(claim): context.reported_on(claim) for claim in pool}
    stories = {id(claim): comparisons.story(claim) for claim in pool}
    for claim in claims:
        key = comparisons.key(claim)
        if key is None or claim.as_of is None:
            continue
        horizon = _horizon(claim, context, rule.options["after_publication"])
        if horizon is None:
            continue
        peers = comparisons.peers(claim, by_subject, unlocated=rule.options["unlocated"])
        newer = _newer(claim, peers, horizon, echoes, context, rule, reported, stories)
        if newer:
            latest = newest(newer)
            ordered = sorted(newer, key=lambda c: (c is not latest, c.path or "", c.line))
            related = comparisons.distinct(ordered)
            yield context.finding(rule, claim, other=related[0], related=related)


def _newer(
    claim: Claim,
    peers: Sequence[Claim],
    horizon: dt.date,
    echoes: Echoes,
    context: Context,
    rule: Rule,
    reported: Mapping[int, dt.date | None],
    stories: Mapping[int, str],
) -> list[Claim]:
    """The peers (other stories' figures, dated after ``claim`` and reported by ``horizon``)
    that are newer figures ``claim`` should have used: for a running total, a clearly
    higher one, or any higher one when ``claim`` repeats a figure older than it; else one
    that disagrees."""
    comparisons, tolerance = context.comparisons, rule.options["tolerance"]
    story, as_of = stories[id(claim)], claim.as_of
    assert as_of is not None
    cumulative = context.is_cumulative(claim)
    found = []
    for other in peers:
        if other.as_of is None or other.as_of > horizon or stories[id(other)] == story:
            continue
        when = reported[id(other)]
        if when and when > horizon:
            continue
        if cumulative:
            if comparisons.clearly_lower(claim, other, tolerance) and (
                other.as_of > as_of or echoes.repeats_earlier(claim, other)
            ):
                found.append(other)
        elif other.as_of > as_of and comparisons.disagree(claim, other, tolerance):
            found.append(other)
    return found


def _horizon(claim: Claim, context: Context, after_publication: bool) -> dt.date | None:
    """The last date a newer figure may carry and still make ``claim`` stale."""
    if after_publication:
        return context.as_of or dt.date.max
    return context.published(claim) or context.as_of
