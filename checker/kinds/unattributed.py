"""unattributed: a figure that needs a source and has none.

What it catches
    A claim of a measure that requires attribution (``requires_attribution: true`` in the
    vocabulary; by default people killed, injured, taken hostage (held, released),
    displaced, left homeless or evacuated, and casualties; not the missing, survivors or
    people rescued or stranded, counts of a search still under way) with no source in
    reach. Casualty figures are contested; a reader must know whose figure it is.

    A source is in reach when the figure's sentence names it ("according to ...", "...
    said", "statistics provided by ...", "in what the mayor called ..."), or as a story
    names its sources: earlier in the paragraph, at the end of it ("..., McCue said."), at
    the close of a quotation the figure is in, in a later sentence (within two paragraphs)
    that repeats the figure with its source, or in the previous paragraph when this one
    carries on a named speaker's list of figures (the claim's attribution ``cue`` says
    which: ``paragraph``, ``quote``, ``repeated``, ``continued``).

    Not flagged: a converted figure in brackets ("90 km (55 miles)" shares its original's
    source); a part of a figure before it ("90 killed, including five soldiers": the finding
    is the whole's); a figure dated to an earlier period than its story ("the 1991 cyclone killed
    138,000", "last month, landslides killed 126": a toll of another, closed event, not the
    story's); and, by default, a figure that the same document (or a wire copy of it)
    attributes elsewhere (the same figure of the same measure, for the same place or none):
    a story names the source once and may repeat the figure after.

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

    The 1991 cyclone killed 138,000 people.

Fails
    Over 20,600 Palestinians have been killed in Gaza since October 7.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..extraction.reach import LENT_CUES
from ..model import Claim, Finding, Rule
from .context import Context
from .placeholders import CLAIM
from .sweep import earlier_period

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
    said = {  # figures whose own sentence names their source, by document
        (c.path, c.measure, c.value): c
        for c in attributed
        if c.measure is not None and c.attribution.cue not in LENT_CUES
    }
    for claim in claims:
        if claim.attribution is not None or claim.measure is None or claim.converts is not None:
            continue
        if options["vocabulary"]:
            measure = context.vocabulary.measures.get(claim.measure)
            if measure is None or not measure.requires_attribution:
                continue
        if claim.value < options["min_value"] or _earlier_period(claim, context):
            continue
        if claim.part or _part_of_another(claim, claims):
            continue  # a part follows its whole ("four of the victims")
        if options["attributed_elsewhere"] and (
            _said_in_story(claim, said)
            or _attributed_elsewhere(claim, attributed, context, options["tolerance"])
        ):
            continue
        yield context.finding(rule, claim)


# "90 people, including five soldiers", "17 injured, seven of whom ...": a part of the figure
# before it, which carries the finding for the whole.
PART_BEFORE = ("including ", "among them ", "among whom ")
PART_AFTER = (" of whom", " of them")


def _part_of_another(claim: Claim, claims: Sequence[Claim]) -> bool:
    """Is the figure a part of an earlier figure of its sentence ("at least 90 people,
    including five soldiers, were killed")? One finding for the whole, not one per part."""
    sentence = claim.sentence
    at = sentence.find(claim.text)
    if at < 0:
        return False
    before = sentence[max(0, at - 12) : at].lower()
    after = sentence[at + len(claim.text) : at + len(claim.text) + 9].lower()
    if not (before.endswith(PART_BEFORE) or after.startswith(PART_AFTER)):
        return False
    return any(
        other.path == claim.path
        and other.sentence == sentence
        and other.start < claim.start
        and other.measure is not None
        and other.value >= claim.value
        for other in claims
    )


def _said_in_story(claim: Claim, said: dict) -> bool:
    """The same figure of the same measure, attributed elsewhere in the document, for a
    place that does not differ ('four killed, authorities said' ... 'the four killed were
    ...' a day later in the story's timeline)."""
    other = said.get((claim.path, claim.measure, claim.value))
    if other is None:
        return False
    return claim.location is None or other.location is None or claim.location == other.location


def _earlier_period(claim: Claim, context: Context) -> bool:
    """Is the figure dated to a year, month or decade that ended before its story was
    published ("in 1991", "last month", "in the 1990s"), or to a day of an earlier year? A
    day of the story's own year ("on October 7") is the story's own."""
    return earlier_period(claim.event_date, context.published(claim))


def _attributed_elsewhere(
    claim: Claim, attributed: Sequence[Claim], context: Context, tolerance: float
) -> bool:
    comparisons = context.comparisons
    index = _index(attributed, comparisons)
    candidates = index.get((comparisons.story(claim), comparisons.key(claim)), ())
    return any(
        _same_figure(claim, other, tolerance) and not comparisons.disagree(claim, other, tolerance)
        for other in candidates
    )


def _same_figure(claim: Claim, other: Claim, tolerance: float) -> bool:
    """The same figure given again ('at least 90' and '90'), not one whose range merely
    takes it in ('hundreds' does not repeat 'at least 90')."""
    return abs(claim.value - other.value) <= tolerance * max(abs(claim.value), abs(other.value))


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
