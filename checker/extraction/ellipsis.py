"""Ellipsis: a figure with no noun of its own that borrows the measure of the figure before
it ("2,500 troops in Iraq and some 900 in Syria"), unless it says something of its own
("hundreds are missing and thousands have no shelter"; "with some 600 on board")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def elided_from(num: Token, prior_noun: Token | None) -> bool:
    """The figure leans on an earlier figure's noun: it is that noun's conjunct, or has no
    noun and no verb of its own to say what it counts."""
    if prior_noun is not None and (num.head.i == prior_noun.i or num.dep_ == "conj"):
        return True
    if num.dep_ in ("nsubj", "nsubjpass") and _says_its_own(num.head, num):
        return False  # "hundreds are missing and thousands have no shelter"
    if _aboard(num):
        return False  # "with some 600 on board": the people aboard, not more survivors
    return num.dep_ in ("conj", "appos", "nsubj", "nsubjpass", "dobj", "pobj", "npadvmod")


def _aboard(num: Token) -> bool:
    return any(
        child.lower_ == "aboard"
        or (child.lower_ == "on" and any(obj.lower_ == "board" for obj in child.children))
        for child in num.children
    )


def _says_its_own(verb: Token, num: Token) -> bool:
    """The figure's verb has an object or complement of its own ("have no shelter")."""
    return verb.pos_ in ("VERB", "AUX") and any(
        child.dep_ in ("dobj", "attr", "acomp") and child.i != num.i for child in verb.children
    )
