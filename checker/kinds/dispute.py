"""dispute: two named sources give different figures for the same subject and time.

What it catches
    Two figures about the same subject (measure, place, group, unit dimension, and for a
    one-day event the day) and the same time, whose intervals do not meet once qualifiers
    and precision are allowed for, attributed to two different named sources: "the ministry
    says 8,306 were killed; the army puts it at 6,000". Sources are different when neither
    name's words contain the other's ("the ministry" and "Gaza's health ministry" are one
    source; "NEMA" and "SEMA" are two); a pronoun or a generic noun ("he", "officials")
    names nobody, and such a figure is left to kind ``contradiction``.

    Two sources disagreeing is news, not an error: the reader should be told that the
    figures are disputed and by whom. Report it as a suggestion. The same rules as kind
    ``contradiction`` (mode "same-time") decide what is compared: the window, revisions
    (a revision is never a dispute), event identity for figures without a place, figures
    about an earlier year's event left out, the ``modalities`` compared, and one finding
    per pair of figures, on the newer document, the other side in ``related``.

Options (defaults)
    window_days: 0         largest gap between the two as-of dates, in days (running
                           totals: always the same day)
    tolerance: 0.01        relative slack on each bound, so "8,300" agrees with "8,306"
    unlocated: document    figures without a place are compared inside one story or one
                           named event day only; "all": everywhere; "never": not at all
    same_sentence: false   compare two figures of one sentence
    modalities: [reported, estimated]
                           which figures are compared (also: projected, hypothetical)
    max_ratio: 3.0         figures more than this many times apart count different things
                           (an incident and the toll, a part and the whole): not compared;
                           0 compares any two
    same_day_totals: all   running totals of one day are compared anywhere (two named
                           sources at odds on one day); "story" or "document": inside one

Placeholders
    {value} {text} {measure} {location} {group} {as_of} {source} {path} {line} {published}
    {other} {other_text} {other_source} {other_as_of} {other_path} {other_line}
    {other_where} {other_published} {days}

Passes
    The ministry said on Monday that 8,306 people had been killed in Gaza. In another
    article of the same day: the health ministry said 8,306 people had been killed in Gaza.
    (One source, one figure.)

    Police said 27 people were killed; police later said 31 were killed. (One source:
    kind ``contradiction``.)

Fails
    The federal agency said on Monday that 20,400 people had been displaced in Kogi. In
    another article of the same day: about 12,000 people had been displaced in Kogi, the
    state agency said.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..grouping import different_sources
from ..model import Claim, Finding, Rule
from .context import Context
from .contradiction import modality_problems
from .placeholders import CLAIM, OTHER
from .sweep import MODALITIES, conflict_findings, partitions

OPTIONS = {
    "window_days": 0,
    "tolerance": 0.01,
    "unlocated": "document",
    "same_sentence": False,
    "modalities": MODALITIES,
    "max_ratio": 3.0,
    "same_day_totals": "all",
}
CHOICES = {
    "unlocated": ("document", "all", "never"),
    "same_day_totals": ("document", "story", "all"),
}
PLACEHOLDERS = frozenset(CLAIM | OTHER | {"days"})


def validate_options(options: Mapping) -> list[tuple[str, str]]:
    problems = []
    if options["window_days"] < 0:
        problems.append(("window_days", "must be 0 or more"))
    if not 0 <= options["tolerance"] < 1:
        problems.append(("tolerance", "must be at least 0 and below 1"))
    if options["max_ratio"] and options["max_ratio"] <= 1:
        problems.append(("max_ratio", "must be above 1, or 0 for no limit"))
    return problems + modality_problems(options)


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    options = rule.options
    for cumulative, entries in partitions(claims, context, options):
        yield from conflict_findings(entries, cumulative, context, rule, accept=different_sources)
