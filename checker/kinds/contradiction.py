"""contradiction: two figures for the same subject that cannot both be right.

What it catches
    mode "same-time" (default rule FC101): two figures about the same subject (measure,
    place, group, unit dimension, and for a one-day event the day) and the same time, whose
    intervals do not meet once qualifiers and precision are allowed for, and that the text
    does not attribute to two different named sources (those are kind ``dispute``): one
    source giving two figures, a figure with no source against another, or an article that
    contradicts itself. Dates at most ``window_days`` apart count as the same time (0 by
    default: a figure "as of Wednesday" and one "as of Thursday" are two times). For a
    running total (``cumulative: true`` in the vocabulary) only the same day counts: a
    higher total a day later is the toll rising, a lower one is mode "decrease". Two
    running totals of one day in different documents are the count at two hours of that
    day (a wire story's write-throughs too), in an order the dates do not tell: they are
    not compared (``same_day_totals: document``); inside one document they are.

    mode "decrease" (default rule FC102): a running total clearly lower than the highest
    figure dated before it ("fell from 9,061 to 8,306"), from the same source or an unnamed
    one. A total that merely repeats a figure reported before the higher one is a stale
    figure (kind ``stale``), not a fall.

    Revisions: a figure put as a revision ("revised the toll down to about 190",
    "lowered", "corrected", "updated" near the figure) replaces the earlier figure in
    either direction. It is never a contradiction, and a running total starts afresh from
    it; an article published after it that repeats the old figure is kind ``stale``.

    One finding per conflict: a pair of figures is reported once, on the claim that
    brought it, that is the newer document (in ``--against`` runs, the draft), with the
    other side's claims in ``related`` (one per story: wire copies count once). Inside
    one document it is the later figure.

    Event identity: a figure without a place is compared with figures of its own story,
    and with every figure that names the same event day ("killed 230 people on 12 March" /
    "the toll of the 12 March bombing"). Figures about an earlier year's event ("the 1999
    quake killed 17,000") are never compared with this year's. Only ``modalities``
    figures are compared: "could reach 5,000" is a projection, not a count; a vague
    guess ("hundreds must have died") is an impression, not a count, and never compared.
    Parts of a count the text gives ("four of the victims", "including 30 children")
    are never compared with the whole.

    Figures are intervals: "at least 1,400" (1,400 and up) agrees with "1,400"; "about
    2,500" (2,250-2,750) does not agree with "2,000". A converted figure ("90 km (55
    miles)") is never compared with the figure it converts; kind ``conversion`` checks it.
    Place containment is not read yet: a city's figure and its country's are different
    places, so never compared.

Options (defaults)
    mode: same-time        "same-time" or "decrease"
    window_days: 0         same-time: largest gap between the two as-of dates, in days
    tolerance: 0.01        relative slack on each bound, so "8,300" agrees with "8,306"
    unlocated: document    figures without a place are compared inside one story or one
                           named event day only; "all" compares them everywhere, "never" not
    same_sentence: false   compare two figures of one sentence ("30 killed, 12 in Rafah" is
                           usually a total and its part, so off by default)
    modalities: [reported, estimated]
                           which figures are compared (also: projected, hypothetical)
    max_ratio: 3.0         figures more than this many times apart count different things
                           (an incident and the toll, a part and the whole): not compared;
                           0 compares any two
    horizon_days: 30       decrease: a higher figure more than this many days before is of
                           another event (two bombings of one city a month apart), not
                           read; 0 reads any
    same_day_totals: document
                           running totals of one day are compared inside one document
                           only; "story": inside one story (wire copies); "all": anywhere

Placeholders
    {value} {text} {measure} {location} {group} {as_of} {source} {path} {line} {published}
    {other} {other_text} {other_source} {other_as_of} {other_path} {other_line}
    {other_where} {other_published} {days}

Passes
    Hamas gunmen killed at least 1,400 people, Israeli officials said on Monday.
    ... and in another article of the same day: Israeli officials said 1,400 people were killed.

    The ministry said on Monday 8,306 people had been killed in Gaza; the army put the toll
    at 6,000. (Two named sources: kind ``dispute``.)

    On 13 March the ministry revised the toll of the 12 March bombing down to about 190.
    ... after an article of 12 March: the ministry said the bombing killed 230 people.

    The health ministry said on Monday that about 2,500 people had been killed in Gaza.
    ... and in another article of the same day: the ministry said 2,000 were killed in Gaza.
    (A running total at two hours of one day.)

Fails (same-time)
    The army said on Monday that 6,000 soldiers guard the border. ... and in another
    article of the same day: the army said 4,000 soldiers guard the border.

    Police said on Monday the capsizing killed 27 people. ... Police said on Monday that
    the 31 dead included a family of five. (One article contradicts itself.)

Fails (decrease)
    October 30: the ministry said 8,306 people had been killed in Gaza.
    November 3: the ministry said 7,900 people had been killed in Gaza.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..grouping import different_sources
from ..model import Claim, Finding, Rule
from .context import Context
from .placeholders import CLAIM, OTHER
from .sweep import MODALITIES, conflict_findings, falls, partitions

OPTIONS = {
    "mode": "same-time",
    "window_days": 0,
    "tolerance": 0.01,
    "unlocated": "document",
    "same_sentence": False,
    "modalities": MODALITIES,
    "max_ratio": 3.0,
    "same_day_totals": "document",
    "horizon_days": 30,
}
CHOICES = {
    "mode": ("same-time", "decrease"),
    "unlocated": ("document", "all", "never"),
    "same_day_totals": ("document", "story", "all"),
}
PLACEHOLDERS = frozenset(CLAIM | OTHER | {"days"})
MODALITY_NAMES = ("reported", "projected", "estimated", "hypothetical")


def validate_options(options: Mapping) -> list[tuple[str, str]]:
    problems = []
    if options["window_days"] < 0:
        problems.append(("window_days", "must be 0 or more"))
    if not 0 <= options["tolerance"] < 1:
        problems.append(("tolerance", "must be at least 0 and below 1"))
    if options["max_ratio"] and options["max_ratio"] <= 1:
        problems.append(("max_ratio", "must be above 1, or 0 for no limit"))
    if options["horizon_days"] < 0:
        problems.append(("horizon_days", "must be 0 or more"))
    problems += modality_problems(options)
    return problems


def modality_problems(options: Mapping) -> list[tuple[str, str]]:
    unknown = [name for name in options["modalities"] if name not in MODALITY_NAMES]
    if unknown:
        known = ", ".join(MODALITY_NAMES)
        return [("modalities", f"unknown modality {unknown[0]!r}; known: {known}")]
    return []


def not_disputed(a: Claim, b: Claim) -> bool:
    """Not two different named sources: one source, or a figure without a named one."""
    return not different_sources(a, b)


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    options = rule.options
    for cumulative, entries in partitions(claims, context, options):
        if options["mode"] == "decrease":
            if cumulative:
                falling = falls(
                    entries,
                    accept=not_disputed,
                    max_ratio=options["max_ratio"],
                    horizon=options["horizon_days"],
                )
                for entry, higher in falling:
                    yield context.finding(
                        rule, entry.claim, other=higher.claim, related=[higher.claim]
                    )
            continue
        yield from conflict_findings(entries, cumulative, context, rule, accept=not_disputed)
