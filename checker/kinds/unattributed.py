"""unattributed: a figure that needs a source and has none.

What it catches
    A claim of a measure that requires attribution (``requires_attribution: true`` in the
    vocabulary; by default killed, injured, hostages, displaced and casualties) with no
    source in reach: no "according to ...", no "... said", no "statistics provided by ...".
    Casualty figures in a conflict are contested; a reader must know whose figure it is.

    Not flagged: a converted figure in brackets ("90 km (55 miles)" shares its original's
    source), and, by default, a figure that the same document (or a wire copy of it)
    attributes elsewhere: a story names the source once and may repeat the figure after.

Options (defaults)
    vocabulary: true           only measures the vocabulary marks ``requires_attribution``;
                               false: every claim with a measure that passes the rule's filter
    attributed_elsewhere: true a figure attributed elsewhere in the same document (same
                               subject, agreeing figure) counts as attributed
    min_value: 0               ignore figures below this value
    tolerance: 0.01            relative slack when deciding two figures agree

Placeholders
    {value} {text} {measure} {location} {group} {as_of} {source} {path} {line} {published}

Passes
    At least 52 people were killed in Khan Younis, the health ministry said.

Fails
    Over 20,600 Palestinians have been killed in Gaza since October 7.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..model import Claim, Finding, Rule
from .context import Context
from .placeholders import CLAIM

OPTIONS = {"vocabulary": True, "attributed_elsewhere": True, "min_value": 0.0, "tolerance": 0.01}
PLACEHOLDERS = frozenset(CLAIM)
# What this kind compares: one document's figures at a time (the Dask engine groups by it).
SCOPE = "document"


def validate_options(options: Mapping) -> list[tuple[str, str]]:
    if not 0 <= options["tolerance"] < 1:
        return [("tolerance", "must be at least 0 and below 1")]
    return []


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    options = rule.options
    attributed = [claim for claim in context.pool(claims) if claim.attribution is not None]
    for claim in claims:
        if claim.attribution is not None or claim.measure is None or claim.converts is not None:
            continue
        if options["vocabulary"]:
            measure = context.vocabulary.measures.get(claim.measure)
            if measure is None or not measure.requires_attribution:
                continue
        if claim.value < options["min_value"]:
            continue
        if options["attributed_elsewhere"] and _attributed_elsewhere(
            claim, attributed, context, options["tolerance"]
        ):
            continue
        yield context.finding(rule, claim)


def _attributed_elsewhere(
    claim: Claim, attributed: Sequence[Claim], context: Context, tolerance: float
) -> bool:
    comparisons = context.comparisons
    index = _index(attributed, comparisons)
    candidates = index.get((comparisons.story(claim), comparisons.key(claim)), ())
    return any(not comparisons.disagree(claim, other, tolerance) for other in candidates)


_INDEXES: dict[int, tuple] = {}


def _index(attributed: Sequence[Claim], comparisons) -> dict[tuple, list[Claim]]:
    """Attributed claims by (story, subject key), built once per check run."""
    cached = _INDEXES.get(id(attributed))
    if cached is not None and cached[0] is attributed:
        return cached[1]
    table: dict[tuple, list[Claim]] = {}
    for other in attributed:
        table.setdefault((comparisons.story(other), comparisons.key(other)), []).append(other)
    _INDEXES.clear()
    _INDEXES[id(attributed)] = (attributed, table)
    return table
