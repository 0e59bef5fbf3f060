"""Places from the rest of the article, for figures whose sentence names none.

Read after every sentence of a document has been read, weakest evidence last:

- ``carried``: the place of the story's earlier figure of the same measure ("At least 70
  people were killed in Papua New Guinea ... The toll rose to 1,200 on Monday");
- ``document``: the place the article is about: where it says its event happened (the
  site of the crash, the sinking, the quake: :func:`event_area`, read from every sentence
  that may say so, with or without a figure), when that lies within the place it names
  most often or is named as often; else the place it names most often (a place within it
  wins when it has most of those mentions: an article about Manhattan that names New York
  once), named at least twice, never a continent by its countries' mentions; else its
  dateline ("PORT MORESBY, Papua New Guinea (AP) _"). A figure placed only by its source's
  jurisdiction ("Indonesia's transport ministry said") is placed at the event site the
  jurisdiction holds.

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
from .place import well_formed
from .sites import EventPlace

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


def blank_dateline(text: str) -> str:
    """``text`` with a wire dateline at its start ("LOKOJA, Nigeria:", "PORT MORESBY, Papua
    New Guinea (AP) _") turned into spaces; unchanged without one. Only a dateline whose
    city is in capitals or that names an agency counts."""
    match = DATELINE_RE.match(text)
    if match is None:
        return text
    city = match.group("city").strip()
    if not (city.isupper() or "(" in match.group(0)):
        return text
    end = match.end()
    return " " * end + text[end:]


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
    Bangladesh); continents and other outermost regions count only their own mentions
    (an article naming France, Italy and Austria is not about "Europe"). Of a place and a
    place within it holding most of its mentions, the inner one. Where the article says its
    event happened (:func:`event_area`) outranks the country around it. An article naming
    only one place, or places on one line of containment, is about the innermost even when
    it names it once."""
    counts = Counter(mentions)
    if dateline is not None and counts[dateline] > 0:
        counts[dateline] -= 1  # the dateline's own mention says where the reporter is
    counts = +counts
    candidates = set(counts)
    for place in counts:
        candidates.update(p for p in vocab.lineage(place)[1:] if not _outermost(p, vocab))
    rolled = {
        place: (
            counts[place]
            if _outermost(place, vocab)
            else sum(n for other, n in counts.items() if vocab.contains(place, other))
        )
        for place in candidates
    }
    rolled = {place: n for place, n in rolled.items() if n >= MIN_MENTIONS}
    event = event_area(mentions, vocab)
    if not rolled:
        return event or dateline or _only_place(list(counts), vocab)
    order = {place: k for k, place in reversed(list(enumerate(mentions)))}
    top = max(
        rolled,
        key=lambda place: (
            not _outermost(place, vocab),
            rolled[place],
            -order.get(place, len(mentions)),
            place in counts,
        ),
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
    if event is None or vocab.contains(event, top):
        return top  # the article's place lies within the site it names: the more specific
    if vocab.contains(top, event) or _rolled(event, counts, vocab) >= rolled[top]:
        return event
    return top


def _rolled(place: str, counts: Counter, vocab: Vocabulary) -> int:
    return sum(n for other, n in counts.items() if vocab.contains(place, other))


def _outermost(place: str, vocab: Vocabulary) -> bool:
    """A continent or another region that the gazetteer puts within nothing while other
    places lie within it ("Europe", "Asia"): too wide to be an article's place by roll-up."""
    return place not in vocab.within and place in _parents(vocab)


def _parents(vocab: Vocabulary) -> frozenset[str]:
    cached = _PARENTS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        cached = (vocab, frozenset(vocab.within.values()))
        _PARENTS[id(vocab)] = cached
    return cached[1]


_PARENTS: dict[int, tuple[Vocabulary, frozenset[str]]] = {}


def event_area(mentions: Sequence[str], vocab: Vocabulary) -> str | None:
    """Where the story's event happened: the place the article most often names as the site
    of its event ("a ferry sank in the Java Sea", "the cyclone hit Bangladesh"). A site
    counts the mentions of the sites that hold it ("crashed in Indonesia ... crashed in West
    Sulawesi": West Sulawesi, twice); of two counted as often, the one named more in all;
    None when the article names no event site, only a continent, or two unrelated sites as
    often as each other."""
    events = Counter(
        str(place)
        for place in mentions
        if isinstance(place, EventPlace) and not _outermost(str(place), vocab)
    )
    if not events:
        return None
    counts = Counter(str(place) for place in mentions)

    def score(place: str) -> tuple[int, int, int]:
        held = sum(n for outer, n in events.items() if vocab.contains(outer, place))
        return held, _rolled(place, counts, vocab), len(vocab.lineage(place))

    ranked = sorted(events, key=score, reverse=True)
    if len(ranked) > 1 and score(ranked[0])[:2] == score(ranked[1])[:2]:
        first, second = ranked[0], ranked[1]
        if not (vocab.contains(first, second) or vocab.contains(second, first)):
            return None
    return ranked[0]


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


# A figure placed only by its source's jurisdiction ("Indonesia's transport ministry said")
# is placed at the article's event site when that jurisdiction holds it.
WIDE_READINGS = frozenset({"source"})


def carry_places(
    claims: Iterable[Claim],
    mentions: Sequence[str],
    vocab: Vocabulary,
    *,
    dateline: str | None = None,
) -> list[Claim]:
    """``claims`` of one document, in text order, with unplaced figures given the place of
    the story's earlier figure of the same measure (``carried``) or the article's place
    (``document``); a figure placed only by a source whose jurisdiction holds the article's
    event site is placed at the site (``document``)."""
    story = story_place(mentions, vocab, dateline)
    # A place named once is the article's only for figures of other sentences: where its
    # own sentence named it, the sentence's reading (an actor, one of several) stands.
    once = (
        story is not None
        and story != dateline
        and sum(vocab.contains(story, place) for place in mentions) <= 1
    )
    event = story if story is not None and story == event_area(mentions, vocab) else None
    first: dict[str, str] = {}
    result: list[Claim] = []
    for claim in claims:
        if (
            event is not None
            and claim.location is not None
            and claim.location_from in WIDE_READINGS
            and claim.location != event
            and vocab.contains(claim.location, event)
        ):
            # "90 people died, Indonesia's transport ministry said" in a story whose crash
            # site is West Sulawesi: the article's own site of the event
            claim = dataclasses.replace(claim, location=event, location_from="document")
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
