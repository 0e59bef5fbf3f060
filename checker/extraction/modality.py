"""Is a figure reported, projected, estimated or hypothetical? Read from the clauses above it.

Walking up from the figure, the nearest clause that says decides:

- hypothetical: the clause carries a condition ("... is devastating if it hits a city",
  "if the dam breaks, 10,000 would be displaced");
- estimated: "an estimated 6,000", "an estimate of 300", "estimates put the toll at",
  "officials estimated 6,000 were left homeless", a modal perfect ("must have died",
  "might have killed hundreds": a belief about the past), "likely" as an adverb, a modal
  reporting verb ("I would say 50 percent"), "we expect that 3,000 have been made homeless";
- projected: a modal of the future or of possibility ("could reach 5,000", "will be spent",
  "may rise"), "expected to", "likely to", "feared to rise above", "forecast to";
- reported otherwise. Hedges on a present state ("feared dead", "believed missing") stay
  reported.

A figure that is the current level of a moving total ("expected the toll of 71 to rise")
is reported: the projection is about a later figure. The walk stops at a relative clause's
edge (its modality is its own) and after the first reporting verb (what is above it frames
the report, not the figure).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import lemma
from .syntax import LEVEL_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

REPORTED = "reported"
PROJECTED = "projected"
ESTIMATED = "estimated"
HYPOTHETICAL = "hypothetical"

FUTURE_MODALS = frozenset("will would could may might shall should 'll wo".split())
CONDITION_MARKS = frozenset({"if", "unless"})
ESTIMATE_WORDS = frozenset({"estimate", "estimated", "estimation"})
PROJECTION_NOUNS = frozenset({"projection", "forecast", "prediction"})
# Verbs whose complement is a forecast ("expected to rise", "20 inches were expected").
FORECAST_VERBS = frozenset("expect forecast predict project anticipate fear".split())
BELIEF_ADVERBS = frozenset("likely probably possibly presumably perhaps apparently".split())
# Verbs that continue a present state: "will keep 6,000 soldiers" says 6,000 are there now.
KEEP_VERBS = frozenset("keep maintain retain".split())
# Verbs that frame a report: the walk does not go above them.
FRAME_VERBS = frozenset(
    "say tell report announce confirm state add claim note quote cite warn think believe "
    "guess reckon suggest indicate show".split()
)


def modality_of(num: Token, noun: Token | None, *, start: int | None = None) -> str:
    """The modality of the figure at ``num`` (counting ``noun``); ``start`` is the first
    token of the quantity as written ("an estimated 6,000")."""
    doc = num.doc
    first = num.i if start is None else start
    for tok in doc[max(0, first - 1) : num.i]:  # "an estimated 250,000", "estimated 6,000"
        if tok.lower_ in ESTIMATE_WORDS:
            return ESTIMATED
    for tok in (num, noun):
        if tok is not None and any(
            c.lower_ in ESTIMATE_WORDS and c.dep_ in ("amod", "advmod") for c in tok.children
        ):
            return ESTIMATED
    target = noun if noun is not None and noun.i != num.i else num
    if (
        noun is not None
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.i == num.i
    ):
        target = num  # "hundreds of people": the amount is what the clause governs
    child, cur = target, target.head
    for _ in range(10):
        if cur.i == child.i:
            break
        found = _clause_says(cur, child)
        if found is not None:
            return found
        if child.dep_ in ("relcl", "acl") and child.pos_ in ("VERB", "AUX"):
            break  # a relative clause's modality is its own
        if cur.pos_ in ("VERB", "AUX") and lemma(cur).lower() in FRAME_VERBS:
            break
        child, cur = cur, cur.head
    return REPORTED


def _clause_says(head: Token, child: Token) -> str | None:
    """What ``head`` says about the modality of ``child``'s figure, if anything."""
    head_lemma = lemma(head).lower()
    if head.pos_ in ("NOUN", "PROPN"):
        if child.dep_ == "prep" and child.lower_ == "of":
            if head_lemma in ESTIMATE_WORDS:
                return ESTIMATED  # "an estimate of about 300 people"
            if head_lemma in PROJECTION_NOUNS:
                return PROJECTED
        return None
    if head.pos_ == "ADJ" and head_lemma == "likely" and child.dep_ == "xcomp":
        return PROJECTED  # "is likely to rise to 500"
    if head.pos_ not in ("VERB", "AUX"):
        return None
    children = list(head.children)
    if child.dep_ in ("nsubj", "nsubjpass") and head_lemma in LEVEL_VERBS:
        return REPORTED  # "the toll of 71 is expected to rise": 71 is today's level
    if any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
        for c in children
    ) or (
        child.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children)
    ):
        return HYPOTHETICAL
    modals = [c for c in children if c.dep_ == "aux" and c.tag_ == "MD"]
    perfect = any(c.dep_ == "aux" and lemma(c) == "have" for c in children)
    if modals:
        word = modals[0].lower_
        if perfect and word in FUTURE_MODALS | {"must"}:
            return ESTIMATED  # "might have killed hundreds", "must have died"
        if word in FUTURE_MODALS:
            if head_lemma in FRAME_VERBS | {"estimate"}:
                return ESTIMATED  # "I would say more than 50 percent"
            if word == "will" and head_lemma in KEEP_VERBS and child.dep_ == "dobj":
                return REPORTED  # "Poland will keep 6,000 soldiers on the border": today's
            return PROJECTED
    if any(c.dep_ == "nsubj" and lemma(c).lower() in ESTIMATE_WORDS for c in children):
        return ESTIMATED  # "estimates put the toll at 5,000"
    if head_lemma == "estimate" and child.dep_ in ("ccomp", "dobj", "nsubjpass", "prep", "xcomp"):
        return ESTIMATED
    if head_lemma in FORECAST_VERBS:
        if child.dep_ in ("xcomp", "nsubjpass", "dobj", "oprd"):
            if child.dep_ == "dobj" and any(
                c.dep_ in ("xcomp", "ccomp") and lemma(c) in LEVEL_VERBS for c in children
            ):
                return REPORTED  # "expected the toll of 71 to rise"
            if head_lemma == "fear" and child.dep_ != "xcomp":
                return None  # "feared dead": a hedge on the present
            return PROJECTED
        if child.dep_ == "ccomp" and head_lemma == "expect":
            return ESTIMATED  # "we expect that 3,000 have been made homeless"
    if any(c.dep_ == "advmod" and c.lower_ in BELIEF_ADVERBS for c in children):
        return ESTIMATED  # "the plane had likely flown about 8,000 feet"
    return None
