"""How a place stands to a figure: the words that say it is not where the figure is, or
whose the figure is.

- a direction ("800 km north of Port Moresby"): the place a distance is measured from;
- a border ("on its border with Belarus"): the neighbour, not the place;
- an area noun ("Kogi state", "Sirajganj district"): the proper noun before it names a
  place, whatever type the NER gave it;
- an official of an area ("the Boyacá governor's office"): the area the source speaks for;
- the country that is the subject of the figure's clause ("Poland has 6,000 soldiers
  deployed"): whose troops they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import lemma
from .syntax import BOUNDARY_NOUNS, governing_verb

if TYPE_CHECKING:
    from spacy.tokens import Token

DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest north-east north-west "
    "south-east south-west".split()
)


def direction_of(target: Token) -> Token | None:
    """The direction word a distance measures ("800 km north of Port Moresby"), or None."""
    head = target.head
    if target.dep_ in ("npadvmod", "nmod") and head.lower_ in DIRECTIONS:
        return head
    for child in target.children:  # "350 kilometres (220 miles) north of Semarang"
        if child.dep_ == "appos" and child.lower_ in DIRECTIONS:
            return child
    return None


def reference_point(tok: Token) -> bool:
    """A place that a distance is measured from: "north of Port Moresby", "northeast of
    Jakarta"; it says where the figure is not."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in DIRECTIONS


def owning_country(target: Token) -> Token | None:
    """The country that is the subject of the figure's clause ("Poland has 6,000 soldiers
    deployed"), or of the clause its participle's noun belongs to ("Poland has raised the
    number of soldiers deployed ... to 10,000")."""
    verb, _ = governing_verb(target)
    for _ in range(2):
        if verb is None:
            return None
        for child in verb.children:
            if child.dep_ == "nsubj" and child.ent_type_ == "GPE":
                return child
        if verb.dep_ not in ("acl", "relcl") or verb.head.head.pos_ not in ("VERB", "AUX"):
            return None
        verb = verb.head.head
    return None


# Nouns of an administrative area: the proper noun before one names a place, whatever
# type the NER gave it ("Kogi state", "Sirajganj district").
AREA_NOUNS = frozenset(
    "state province region district county prefecture governorate municipality oblast "
    "department canton territory".split()
)


def area_name(name: Token, noun: Token) -> bool:
    """Whether ``name`` is the proper noun naming the area ``noun`` stands for."""
    return _names(name, noun, AREA_NOUNS)


def _names(name: Token, noun: Token, nouns: frozenset[str]) -> bool:
    """A capitalised proper noun compounded with one of ``nouns`` ("Kogi state")."""
    return (
        name.dep_ == "compound"
        and name.pos_ == "PROPN"
        and name.text[:1].isupper()
        and lemma(noun).lower() in nouns
    )


def across_a_border(tok: Token) -> bool:
    """A place named as the other side of a border ("its border with Belarus")."""
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ in ("with", "between")
        and lemma(prep.head) in BOUNDARY_NOUNS
    )


# Officials of an area: the proper noun before one names the area ("the Boyacá governor").
OFFICIAL_NOUNS = frozenset("governor mayor prefect governorate".split())
JURISDICTION_NOUNS = AREA_NOUNS | OFFICIAL_NOUNS


def jurisdiction_name(name: Token) -> bool:
    """Whether ``name`` names the area of the official or area noun it modifies."""
    return _names(name, name.head, JURISDICTION_NOUNS)
