"""Is a figure part of a larger count the text gives? Read from the words around it.

News gives a toll and then its parts: "four of the victims were children", "50 hostages
were released, including 30 children", "among the dead were 12 firefighters", "30 people
were killed, 12 of whom were children", "eight others were injured, three seriously". A
part is true and attributed with its whole; compared with the toll it is not a rival
figure, so the consistency kinds leave it out (``Claim.part``).

Read, for the figure's number and its counted noun:

- a partitive "of" whose object is definite or a pronoun: "four of the victims", "five of
  its members", "two of them", "12 of whom" (not "a toll of 40", where "of" belongs to the
  noun before the figure);
- an object of "including", "among", "besides" or "excluding": "including 30 children",
  "among them six firefighters";
- a clause that opens with "among the dead" or "of the injured" and has the figure as its
  subject or complement: "among the dead were 12 children";
- a degree adverb that makes it a subset of the injured: "three seriously", "two
  critically".

Not a part: "31,000 displaced in Kogi alone" is all of Kogi's count (a share of the
nation's, but Kogi's figure is compared with Kogi's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

DEFINITE = frozenset("the its their these those his her our your this that".split())
PRONOUNS = frozenset("them whom those these us which".split())
INCLUDING = frozenset("including among amongst besides excluding".split())
DEGREE = frozenset("seriously critically severely gravely badly slightly lightly".split())
CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "dobj"})


def part_of(num: Token, noun: Token | None) -> bool:
    """Whether the figure at ``num`` (counting ``noun``) is part of a larger count."""
    words = [num] if noun is None else [num, noun]
    for tok in words:
        if any(_partitive(child) for child in tok.children):
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ in INCLUDING:
            return True
        if tok.dep_ == "advmod" and tok.head.lower_ in DEGREE:
            return True
        if any(child.dep_ == "advmod" and child.lower_ in DEGREE for child in tok.children):
            return True
    top = words[-1]
    if top.dep_ in CLAUSE_DEPS:
        verb = top.head
        for child in verb.children:
            if child.i < top.i and child.dep_ == "prep" and child.lower_ in {"among", "of"}:
                if any(_definite(obj) for obj in child.children if obj.dep_ == "pobj"):
                    return True
    return False


def _partitive(tok: Token) -> bool:
    """An "of" after the figure whose object is definite or a pronoun ("of the victims")."""
    if tok.dep_ != "prep" or tok.lower_ != "of" or tok.i < tok.head.i:
        return False
    return any(_definite(obj) for obj in tok.children if obj.dep_ == "pobj")


def _definite(obj: Token) -> bool:
    if obj.lower_ in PRONOUNS:
        return True
    return any(child.dep_ in ("det", "poss") and child.lower_ in DEFINITE for child in obj.children)
