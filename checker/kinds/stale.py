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
from typing import TYPE_CHECKING

from ..grouping import Echoes, newest
from ..model import Claim, Finding
from .placeholders import CLAIM, OTHER

if TYPE_CHECKING:
    from ..config import Rule
    from ..engine import Context

OPTIONS = {"after_publication": False, "tolerance": 0.01, "unlocated": "document"}
CHOICES = {"unlocated": ("document", "all", "never")}
PLACEHOLDERS = frozenset(CLAIM | OTHER | {"days"})


def validate_options(options: Mapping) -> list[tuple[str, str]]:
    if not 0 <= options["tolerance"] < 1:
        return [("tolerance", "must be at least 0 and below 1")]
    return []


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    subjects = context.subjects
    by_subject = subjects.by_key(context.pool(claims))
    echoes = Echoes(subjects, by_subject, rule.options["tolerance"])
    for claim in claims:
        key = subjects.key(claim)
        if key is None or claim.as_of is None:
            continue
        horizon = _horizon(claim, context, rule.options["after_publication"])
        if horizon is None:
            continue
        peers = subjects.peers(claim, by_subject, unlocated=rule.options["unlocated"])
        newer = [
            other for other in peers if _supersedes(other, claim, horizon, echoes, context, rule)
        ]
        if newer:
            latest = newest(newer)
            ordered = sorted(newer, key=lambda c: (c is not latest, c.path or "", c.line))
            related = subjects.distinct(ordered)
            yield context.finding(rule, claim, other=related[0], related=related)


def _horizon(claim: Claim, context: Context, after_publication: bool) -> dt.date | None:
    """The last date a newer figure may carry and still make ``claim`` stale."""
    if after_publication:
        return context.as_of or dt.date.max
    return context.published(claim) or context.as_of


def _supersedes(
    other: Claim, claim: Claim, horizon: dt.date, echoes: Echoes, context: Context, rule: Rule
) -> bool:
    """Whether ``other`` (a peer of ``claim``) is a newer figure ``claim`` should have used."""
    subjects = context.subjects
    if other.as_of is None or other.as_of > horizon or subjects.same_story(claim, other):
        return False
    reported = context.reported_on(other)
    if reported and reported > horizon:
        return False
    assert claim.as_of is not None
    tolerance = rule.options["tolerance"]
    if context.is_cumulative(claim):
        if not subjects.clearly_lower(claim, other, tolerance):
            return False
        if other.as_of > claim.as_of:
            return True
        # A later-dated total below an earlier one: stale only if it repeats an older figure.
        return echoes.repeats_earlier(claim, other)
    return other.as_of > claim.as_of and subjects.disagree(claim, other, tolerance)
