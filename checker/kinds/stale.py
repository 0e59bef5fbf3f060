"""stale: a figure that was already out of date when its document was published.

What it catches
    A figure whose subject (measure, place, group, unit dimension) had a newer, different
    figure by the time its document was published. The figure compared is the newest one
    (by as-of date, then date reported) published before this document's publication
    date, in another story, from a source of equal or better standing (a named source beats
    an unnamed one, "officials said", which beats none); for a running total, failing that,
    a definite figure ("more than 20,600", not "hundreds") from any source, dated after
    this figure was first seen: totals only grow, so a later, higher total outdates the
    figure whoever gave it. Dates are days: a figure published
    the same day may have come out after this document, so it does not count unless
    ``same_day`` is set. For a draft with no publication date, the date the check is made
    for (``--as-of``) stands in, and figures published on that day count.

    The newest figure supersedes when it is dated after this figure was first seen (a
    figure repeated from an older article is as old as its first report: "8,306 killed" in
    a November 5 article repeats the October 30 toll after 9,061 was reported on November
    3) and differs once qualifiers and precision are allowed for. For a running total
    (``cumulative: true``) it must be higher (a lower later total is kind ``contradiction``,
    mode "decrease"), unless it is a revision ("revised the toll down to about 190",
    "lowered", "corrected", "updated"): an article published after a revision that repeats
    the old figure is stale whether the revision went up or down. For a one-day event
    ("killed 230 people on 12 March") a figure reported later than this one's first report
    is newer, though both describe the same day; for a running total, so is a higher total
    of the same day published before this document's day ("8 injured" on Saturday, in a
    Sunday article, after "at least 10 injured" on Saturday was out).

    A figure is never stale because of a newer one in its own document or its wire copies:
    an article that gives both is telling the history. Claims with no measure or no as-of
    date, figures about an earlier year's event, and figures outside ``modalities`` are
    skipped. Figures without a place are compared across stories only when they name the
    same event day.

Options (defaults)
    after_publication: false   also report figures superseded after their document was
                               published, up to the date the check is made for (for
                               updating archive pages)
    same_day: false            a figure published on this document's own publication day
                               counts as published before it
    horizon_days: 30           a newer figure dated more than this many days before this
                               figure's date is of another event (figures of one place
                               years apart), not read; 0 reads any
    tolerance: 0.01            relative slack on each bound when comparing figures
    unlocated: document        figures without a place are compared inside one story (so
                               never stale) or across stories that name the same event
                               day; "all": everywhere, "never": not at all
    modalities: [reported, estimated]
                               which figures are compared (also: projected, hypothetical)

Placeholders
    {value} {text} {measure} {location} {group} {as_of} {source} {path} {line} {published}
    {other} {other_text} {other_source} {other_as_of} {other_path} {other_line}
    {other_where} {other_published} {days}

Passes
    Published 2023-11-05: The health ministry said on November 3 that 9,061 people had been
    killed in Gaza. (It is the newest figure.)

    Published 2024-03-13: The ministry revised the toll of the 12 March bombing down to
    about 190. (The revision itself is the newest figure.)

Fails
    Published 2023-11-05: The health ministry said on October 30 that 8,306 people had been
    killed in Gaza. (Another article had reported 9,061 as of November 3.)

    Published 2024-03-14: The 12 March bombing killed 230 people, the ministry said.
    (The ministry had revised that toll down to about 190 on 13 March.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence

from ..grouping import is_conversion_pair
from ..model import Claim, Finding, Rule
from .context import Context
from .contradiction import modality_problems
from .placeholders import CLAIM, OTHER
from .sweep import MODALITIES, Entry, partitions

OPTIONS = {
    "after_publication": False,
    "same_day": False,
    "horizon_days": 30,
    "tolerance": 0.01,
    "unlocated": "document",
    "modalities": MODALITIES,
}
CHOICES = {"unlocated": ("document", "all", "never")}
PLACEHOLDERS = frozenset(CLAIM | OTHER | {"days"})


def validate_options(options: Mapping) -> list[tuple[str, str]]:
    problems = []
    if not 0 <= options["tolerance"] < 1:
        problems.append(("tolerance", "must be at least 0 and below 1"))
    if options["horizon_days"] < 0:
        problems.append(("horizon_days", "must be 0 or more"))
    return problems + modality_problems(options)


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    after_publication = rule.options["after_publication"]
    same_day = rule.options["same_day"]

    def horizon(claim: Claim) -> dt.date | None:
        """The last date a newer figure may be published and still make ``claim`` stale."""
        if after_publication:
            return context.as_of or dt.date.max
        published = context.published(claim)
        if published is None:
            return context.as_of
        return published if same_day else published - dt.timedelta(days=1)

    for cumulative, entries in partitions(claims, context, rule.options):
        found = newer_figures(
            entries, cumulative=cumulative, horizon=horizon, reach=rule.options["horizon_days"]
        )
        for entry, newer in found:
            yield context.finding(rule, entry.claim, other=newer.claim, related=[newer.claim])


def newer_figures(
    entries: Sequence[Entry],
    *,
    cumulative: bool,
    horizon: Callable[[Claim], dt.date | None],
    reach: int = 0,
) -> Iterator[tuple[Entry, Entry]]:
    """``(entry, the newer figure)`` for figures already superseded by their horizon.

    The newer figure is the newest (by as-of date, then date reported) published by
    ``horizon(claim)`` in another story, from a source of equal or better standing (for a
    running total, failing that, a definite figure of any standing dated after the entry's
    was first seen: totals only grow, so a later, higher total outdates the figure whoever
    gave it). It supersedes when it is dated after the entry's figure was first seen (for a
    one-day event, reported after it was first reported; for a running total, also a total
    of the same day) and, for a running total, is clearly higher, or is a revision that
    disagrees; for other measures, disagrees. With ``reach``, a newer figure dated more
    than that many days before the entry's own date is of another event, not read.
    """
    if len(entries) < 2:
        return
    events: list[tuple] = []
    for number, entry in enumerate(sorted(entries, key=lambda e: e.order)):
        events.append((entry.reported, 0, number, entry))
        when = None if entry.evidence else horizon(entry.claim)
        if when is not None:
            events.append((when, 1, number, entry))
    events.sort(key=lambda event: event[:3])
    newest: list[list[Entry]] = [[], [], []]  # by standing: the best two, distinct stories
    for _, is_query, _, entry in events:
        if not is_query:
            for level in range(entry.standing + 1):
                _keep_newest(newest[level], entry)
            continue
        levels = (entry.standing, 0) if cumulative and entry.standing else (entry.standing,)
        tried = None
        for level in levels:
            newer = next((o for o in newest[level] if o.story != entry.story), None)
            if newer is None or newer is tried:
                continue
            tried = newer
            if reach and (entry.as_of - newer.as_of).days > reach:
                continue
            if level < entry.standing and not _outranks(newer, entry):
                continue
            if _supersedes(newer, entry, cumulative):
                yield entry, newer
                break


def _outranks(newer: Entry, entry: Entry) -> bool:
    """Whether a total from a source of lower standing may still outdate ``entry``: a
    definite figure ("more than 20,600", not "hundreds") dated after ``entry``'s figure was
    first seen."""
    return newer.claim.qualifier != "vague" and newer.as_of > entry.first_seen


def _rank(entry: Entry) -> tuple:
    return (entry.as_of, entry.reported, entry.revision, entry.low)


def _keep_newest(kept: list[Entry], entry: Entry) -> None:
    for k, other in enumerate(kept):
        if other.story == entry.story:
            if _rank(entry) > _rank(other):
                kept[k] = entry
            break
    else:
        kept.append(entry)
    kept.sort(key=_rank, reverse=True)
    del kept[2:]


def _supersedes(newer: Entry, entry: Entry, cumulative: bool) -> bool:
    later = newer.as_of > entry.first_seen or (
        entry.claim.event == "day"
        and newer.as_of == entry.as_of
        and newer.reported > entry.first_reported
    )
    if cumulative and newer.as_of == entry.as_of and not entry.revision:
        later = True  # a higher total of the same day, out before this document's day
    if not later or is_conversion_pair(newer.claim, entry.claim):
        return False
    disagree = newer.low > entry.high or newer.high < entry.low
    if cumulative and not newer.revision:
        return newer.low > entry.high
    return disagree
