"""Where a story's event happened: the places an article names, and its event sites.

Read over the whole article, not only its sentences with figures: "the plane crashed into a
mountain in West Sulawesi" says where the story is even when it counts nothing. The sentences
worth parsing for that are picked before any parse (:func:`with_site_sentences`); the places they
and the figures' sentences name (:func:`place_mentions`) give the article's place and its
event site (:mod:`.carry`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ..nlp import lemma
from ..vocabulary import Vocabulary
from .place import (
    ACTOR_DEPS,
    MEDIA_NOUNS,
    NOT_HERE_PREPS,
    canonical_place,
    well_formed,
)
from .placewords import reference_point
from .syntax import LOCATIVE_NOUNS, PLACE_PREPS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

P = TypeVar("P", bound=Any)  # a piece of text to parse: has ``start`` and ``text``


class EventPlace(str):
    """A place mention where the story's event happened ("sank in the Java Sea", "the
    cyclone hit Bangladesh"): the article's place outranks the country around it."""


# The verbs and nouns of the event a story reports: the place they happened in is its area.
EVENT_VERBS = frozenset(
    "sink crash strike hit collapse topple occur happen erupt flood capsize derail explode "
    "devastate batter pound lash ravage engulf bury sweep slam smash thunder tear plough "
    "plow plunge swamp inundate submerge wipe overturn".split()
)
EVENT_NOUNS = frozenset(
    "sinking crash earthquake quake disaster tsunami avalanche collapse cyclone storm flood "
    "flooding landslide explosion blast wreckage accident snowslide tremor wave "
    "crash-site site".split()
)
# Prepositions that put an event at a place ("sank in", "crashed into a mountain in");
# not "off" or "near": a ferry that sank off Java sank at sea, not on the island, and a
# crash site near a town lies around it ("near Polewali in West Sulawesi": West Sulawesi).
EVENT_PREPS = (PLACE_PREPS - {"off", "near"}) | {"onto"}


# A cheap test, before any parse, for a sentence that may say where an event happened: an
# event word and a capitalised word after the first.
SITE_WORD_RE = re.compile(
    r"\b(?:s[au]nk|sink|crash|struck|strike|hit|collaps|toppl|erupt|flood|capsiz|derail|"
    r"explo|devastat|batter|pound|lash|ravag|engulf|bur(?:y|ied)|swe[ep]p|slam|smash|thunder|"
    r"tore|tear|plough|plow|plung|swamp|inundat|submerg|wipe|overturn|earthquake|quake|"
    r"tsunami|avalanche|cyclone|storm|landslide|blast|wreck|accident|snowslide|tremor)",
    re.IGNORECASE,
)
CAPITAL_AFTER_FIRST_RE = re.compile(r"\s[A-Z][a-z]")


def may_name_site(sentence: str) -> bool:
    """Whether a sentence may name where the story's event happened (worth a parse)."""
    return bool(SITE_WORD_RE.search(sentence) and CAPITAL_AFTER_FIRST_RE.search(sentence))


# Entity types a place name is often mistaken for; a name the gazetteer knows is read as
# the place it names.
MISTYPED_LABELS = frozenset({"ORG", "PERSON", "FAC", "PRODUCT"})


def place_mentions(doc: Doc, vocab: Vocabulary) -> list[str]:
    """Every place the text names, canonical, in order: what the article is about. Not a
    place named only as an origin or a destination ("flew in from Bangladesh"), nor one
    that acts ("Australia will send aid"); a place where the event happened ("Bangladesh
    was hit") is an :class:`EventPlace`."""
    found: list[str] = []
    for ent in doc.ents:
        if not well_formed(ent.text):
            continue
        if ent.label_ not in ("GPE", "LOC") and not (
            ent.label_ in MISTYPED_LABELS and vocab.place(ent.text)
        ):
            continue  # a known place the recogniser took for a name ("the Galtuer avalanche")
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in NOT_HERE_PREPS:
            continue
        if reference_point(root) or (
            root.dep_ == "compound" and lemma(root.head).lower() in MEDIA_NOUNS
        ):
            continue
        struck = root.dep_ == "nsubjpass" and lemma(root.head).lower() in EVENT_VERBS
        if root.dep_ in ACTOR_DEPS and not struck:
            continue  # "Australia will send aid": a donor, not the story's place
        place = canonical_place(ent.text, vocab)
        found.append(EventPlace(place) if struck or _event_site(root) else place)
    return found


def _event_site(root: Token) -> bool:
    """Whether a place token is where an event verb or noun happened: "sank in the Java
    Sea", "crashed into a mountain in West Sulawesi", "crashed into a remote region of
    Indonesia", "the quake in Sichuan", "in the West Sulawesi province", "hit Bangladesh"."""
    tok = root
    if tok.dep_ == "compound" and lemma(tok.head).lower() in EVENT_NOUNS:
        return True  # "the Galtuer avalanche"
    if tok.dep_ == "compound" and lemma(tok.head).lower() in LOCATIVE_NOUNS:
        tok = tok.head  # "the West Sulawesi province"
    if tok.dep_ == "dobj":
        return lemma(tok.head).lower() in EVENT_VERBS
    first = True  # the place's own preposition must put the event there
    for _ in range(4):
        if tok.dep_ != "pobj":
            return False
        prep = tok.head
        head = prep.head
        if prep.lower_ == "of" and lemma(head).lower() in LOCATIVE_NOUNS:
            tok = head  # "a remote region of Indonesia": the region's place
            continue
        if prep.lower_ not in (EVENT_PREPS if first else EVENT_PREPS | {"near", "off", "of"}):
            return False
        first = False
        if lemma(head).lower() in EVENT_VERBS or lemma(head).lower() in EVENT_NOUNS:
            return True
        tok = head
    return False


# Characters of a document searched for sentences that say where its event happened: an
# article's length, bounded so that a dump costs no more.
SITE_REACH = 20_000
# Longer "sentences" are run-on text, not a report of where something happened.
SITE_SENTENCE = 1_000


def with_site_sentences(
    split: Iterable[tuple[int, str]],
    chosen: list[P],
    sentences: Callable[[int, str], Iterator[tuple[int, str]]],
    make: Callable[[int, str], P],
) -> list[P]:
    """``chosen`` pieces (each with ``start`` and ``text``) with, in text order, a piece
    made by ``make(start, sentence)`` for each sentence of the paragraphs ``split`` (cut by
    ``sentences``) that may say where the event happened ("the plane crashed in a
    mountainous region of West Sulawesi") and that no chosen piece covers."""
    taken = [(piece.start, piece.start + len(piece.text)) for piece in chosen]
    extra: list[P] = []
    for start, para in split:
        if start >= SITE_REACH:
            break
        for s_start, sentence in sentences(start, para):
            if s_start >= SITE_REACH or len(sentence) > SITE_SENTENCE:
                break
            end = s_start + len(sentence)
            if may_name_site(sentence) and not any(a < end and s_start < b for a, b in taken):
                extra.append(make(s_start, sentence))
    if not extra:
        return chosen
    return sorted([*chosen, *extra], key=lambda piece: piece.start)
