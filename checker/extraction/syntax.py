"""Shared readings of the parse around a figure: its anchor token, its counted noun, the verb
that governs it, and the word lists the measure and place finders share.

The rule of thumb throughout: a place or a measure belongs to a figure only when the parse
links it to the figure's own noun or verb, not merely because both are in the sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLACE_PREPS = frozenset("in inside within at near across throughout through into on off".split())
NESTED_PREPS = PLACE_PREPS | {"of"}
# Nouns that stand for a place when a place owns or names them: "Syria's civil war",
# "Yunnan province", "the north of Gaza".
LOCATIVE_NOUNS = frozenset(
    "war conflict region province state capital city town village north south east west "
    "coast countryside islands island territory district county area enclave strip "
    "camp crossing valley economy".split()
)
ANTECEDENT_PREPS = PLACE_PREPS | {"against", "on", "over"}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Verbs whose grammatical subject is what is counted: "52 people died", "5,000 marched".
SUBJECT_VERBS = frozenset(
    "die perish drown flee disappear protest demonstrate march rally gather remain go miss "
    "starve succumb survive".split()
)
COPULAS = frozenset({"be", "remain", "become", "stand", "number", "reach", "hit", "total"})
LEVEL_VERBS = frozenset(
    "rise climb increase jump reach hit stand total grow surge soar exceed top surpass pass "
    "near approach double triple fall drop decline".split()
)
# "across the Gaza border" is not in Gaza: a boundary named after a place is not that place.
BOUNDARY_NOUNS = frozenset("border fence frontier boundary line wall barrier perimeter".split())
# "hit two sites", "struck 450 targets": what a strike hits, counted.
TARGET_NOUNS = frozenset("target site location position facility base depot installation".split())
STRIKE_VERBS = frozenset("strike hit bomb shell target".split())
PROTEST_NOUNS = frozenset("march rally protest demonstration vigil sit-in".split())
TALLY_NOUNS = frozenset("number total count tally toll figure".split())
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})


def anchor(doc: Doc, start: int, end: int) -> Token:
    """The token of span [start, end) whose head lies outside it: the figure's syntactic root."""
    span = doc[start:end]
    for tok in span:
        if tok.head.i < start or tok.head.i >= end or tok.head.i == tok.i:
            if tok.pos_ in ("NUM", "NOUN", "SYM", "ADJ", "PROPN", "X") or tok.like_num:
                return tok
    return span.root


def counted_noun(num: Token, qty_end: int) -> Token | None:
    """The noun a number counts: '1,400 people', 'hundreds of people', 'a dozen citizens'."""
    if num.pos_ in ("NOUN",) and num.lower_ not in (
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "scores",
        "billions",
        "dozen",
        "couple",
    ):
        return num
    head = num.head
    if num.dep_ in ("nummod", "quantmod", "amod", "compound", "det", "nmod", "npadvmod") and (
        head.pos_ in ("NOUN", "PROPN") and head.i >= num.i
    ):
        if head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
            return head.head  # "two IRGC officials": the parser hung the number on the name
        return head
    for child in num.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                return objs[0]
    doc = num.doc
    # A noun written right after the figure even when the parse attached it elsewhere.
    if qty_end < len(doc):
        nxt = doc[qty_end]
        if nxt.pos_ == "NOUN" and nxt.tag_ in ("NNS", "NN") and nxt.head.i != num.i:
            return nxt
        if nxt.pos_ == "ADJ" and qty_end + 1 < len(doc) and doc[qty_end + 1].tag_ == "NNS":
            return doc[qty_end + 1]
    return None


def governing_verb(tok: Token) -> tuple[Token | None, str]:
    """The verb a noun or number hangs from, and the relation ('dobj', 'nsubjpass', ...).

    Prepositions are climbed ('killed in the attacks' is not this; 'attacked over 100 times'
    and 'the toll rose to 52' are)."""
    rel = tok.dep_
    cur = tok
    for _ in range(4):
        head = cur.head
        if head.i == cur.i:
            return None, rel
        if head.pos_ in ("VERB", "AUX"):
            return head, rel
        if head.pos_ == "ADP" and cur.dep_ == "pobj":
            if head.lower_ == "of" and head.head.pos_ == "NOUN" and lemma(head.head) in TALLY_NOUNS:
                cur = head.head  # "a total of 23 miners were killed": the tally stands in
                rel = cur.dep_
                continue
            rel = "pobj:" + head.lower_
            cur = head
            continue
        if cur.dep_ == "conj" and head.pos_ in ("NOUN", "NUM", "PROPN"):
            cur = head  # "2,500 troops in Iraq and 900 in Syria"
            rel = cur.dep_
            continue
        if cur.dep_ == "appos":
            cur = head
            rel = cur.dep_
            continue
        return None, rel
    return None, rel


def syntactic_target(num: Token, noun: Token | None) -> Token:
    """The token whose relations place the figure in its clause: the counted noun, except in
    'hundreds of people', where the amount itself is the verb's object."""
    if noun is None:
        return num
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i == num.i:
        return num
    return noun
