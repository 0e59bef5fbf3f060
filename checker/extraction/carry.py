"""Places from the rest of the article, for figures whose sentence names none.

Read after every sentence of a document has been read, weakest evidence last:

- ``carried``: the place of the story's earlier figure of the same measure ("At least 70
  people were killed in Papua New Guinea ... The toll rose to 1,200 on Monday");
- ``document``: the place the article is about: the place it names most often (a place
  within it wins when it has most of those mentions: an article about Manhattan that names
  New York once), named at least twice, else its dateline ("PORT MORESBY, Papua New Guinea (AP) _").

A dateline alone never outranks a place in the figure's own sentence: it says where the
reporter filed from ("ATHENS: ... killed in the northern town of Volos" is Volos).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..model import Claim
from ..vocabulary import Vocabulary, split_places
from .place import EventPlace, well_formed

# "PORT MORESBY, Papua New Guinea (AP) _", "ROME _", "ATHENS:", "NEW YORK 2008-03-15 ...",
# "Jakarta, Jan. 2 (Xinhua) --": a capitalised place at the very start, then a wire tag,
# a date or a dash.
DATELINE_RE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z.'’ -]{1,40}?)"
    r"(?:,\s*(?P<area>[A-Z][A-Za-z.'’ -]{1,40}?))?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # ", Jan. 2"
    r"\s*(?:\([A-Za-z .]{2,20}\))?\s*"
    r"(?:_|--|—|–|-|:|\d{4}-\d\d-\d\d)"
)
# Places named this share of the time or more within the most-named place take its role.
INNER_SHARE = 0.75
# An article's place is one it names more than in passing.
MIN_MENTIONS = 2


def dateline_place(text: str, vocab: Vocabulary) -> str | None:
    """The place of a dateline at the start of ``text``, canonical; None without one. Of
    "CITY, Country" the country: the reporter's city is seldom the story's place."""
    match = DATELINE_RE.match(text)
    if match is None:
        return _heading_place(text, vocab)
    for part in (match.group("area"), match.group("city")):
        if not part:
            continue
        name = part.strip()
        if name.isupper():
            name = name.title()
        known = vocab.place(name)
        if known:
            return known
        if part is match.group("area") and well_formed(name):
            return name
    return None


def _heading_place(text: str, vocab: Vocabulary) -> str | None:
    """A dateline on a line of its own ("NEW YORK" above the first paragraph): the known
    place an all-capitals first line names."""
    first = text.strip().split("\n", 1)[0].strip().rstrip(":_-— ")
    if not first or not first.isupper() or len(first.split()) > 4:
        return None
    return vocab.place(first.title()) or vocab.place(first)


def story_place(mentions: Sequence[str], vocab: Vocabulary, dateline: str | None) -> str | None:
    """The place the article is about, from every place it names (``mentions``, in order).

    A place counts its own mentions and those of the places within it, so a country the
    article never names is still its place when its cities are ("Khulna", "Barisal":
    Bangladesh); continents and other outermost regions count only when named. Of a place
    and a place within it holding most of its mentions, the inner one (the event's area).
    An article naming only one place, or places on one line of containment, is about the
    innermost even when it names it once."""
    counts = Counter(mentions)
    if dateline is not None and counts[dateline] > 0:
        counts[dateline] -= 1  # the dateline's own mention says where the reporter is
    counts = +counts
    candidates = set(counts)
    for place in counts:
        candidates.update(p for p in vocab.lineage(place)[1:] if len(vocab.lineage(p)) > 1)
    rolled = {
        place: sum(n for other, n in counts.items() if vocab.contains(place, other))
        for place in candidates
    }
    rolled = {place: n for place, n in rolled.items() if n >= MIN_MENTIONS}
    if not rolled:
        return dateline or _only_place(list(counts), vocab)
    order = {place: k for k, place in reversed(list(enumerate(mentions)))}
    top = max(
        rolled,
        key=lambda place: (rolled[place], -order.get(place, len(mentions)), place in counts),
    )
    inner = [
        place
        for place in rolled
        if place != top
        and vocab.contains(top, place)
        and rolled[place] >= INNER_SHARE * rolled[top]
    ]
    if inner:
        top = max(inner, key=lambda place: (len(vocab.lineage(place)), rolled[place]))
    return _event_area(top, mentions, vocab) or top


def _event_area(top: str, mentions: Sequence[str], vocab: Vocabulary) -> str | None:
    """The place within ``top`` where the story's event happened, when the article places
    its event there more often than anywhere else within ``top``: "a ferry sank in the Java
    Sea" in an article naming Indonesia five times is about the Java Sea."""
    events = Counter(
        str(place)
        for place in mentions
        if isinstance(place, EventPlace) and place != top and vocab.contains(top, place)
    )
    if not events:
        return None
    ranked = events.most_common(2)
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _only_place(named: list[str], vocab: Vocabulary) -> str | None:
    """The innermost of places all on one line of containment; None for unrelated ones.
    Places the gazetteer does not know ("Turtle Bay" beside New York) are taken to lie
    within the known ones: a local name the story gives no other line for."""
    known = [place for place in named if vocab.lineage(place) != (place,) or vocab.place(place)]
    named = known or named
    if not named:
        return None
    named = sorted(named, key=lambda place: -len(vocab.lineage(place)))
    if all(vocab.contains(other, named[0]) for other in named[1:]):
        return named[0]
    return None


def carry_places(
    claims: Iterable[Claim],
    mentions: Sequence[str],
    vocab: Vocabulary,
    *,
    dateline: str | None = None,
) -> list[Claim]:
    """``claims`` of one document, in text order, with unplaced figures given the place of
    the story's earlier figure of the same measure (``carried``) or the article's place
    (``document``)."""
    story = story_place(mentions, vocab, dateline)
    # A place named once is the article's only for figures of other sentences: where its
    # own sentence named it, the sentence's reading (an actor, one of several) stands.
    once = (
        story is not None
        and story != dateline
        and sum(vocab.contains(story, place) for place in mentions) <= 1
    )
    first: dict[str, str] = {}
    result: list[Claim] = []
    for claim in claims:
        if claim.location is not None:
            if (
                claim.measure is not None
                and claim.measure not in first
                and len(split_places(claim.location)) == 1
            ):
                first[claim.measure] = claim.location
            result.append(claim)
            continue
        carried = first.get(claim.measure) if claim.measure is not None else None
        if carried is not None:
            claim = dataclasses.replace(claim, location=carried, location_from="carried")
        elif story is not None and not (once and story.lower() in claim.sentence.lower()):
            claim = dataclasses.replace(claim, location=story, location_from="document")
        result.append(claim)
    return result
