"""For whom a figure counts: its group ("children", "US forces"), from the parse.

Read from the counted noun and its modifiers ("US troops", "children"), through the group
vocabulary (``rules/vocabulary/groups.yaml``). A count of troops with no group of its own is
the forces of the country its clause says keeps, has or sends them: "Britain keeps 800
troops in Estonia, and Germany has 1,500 in Lithuania" counts British forces, then German
ones, each from its own clause (a figure that borrows its noun from the one before it does
not borrow that one's country).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import lemma
from ..vocabulary import Vocabulary
from .place import canonical_place
from .placewords import owning_country
from .syntax import syntactic_target

if TYPE_CHECKING:
    from spacy.tokens import Token


def group_of(noun: Token | None, vocab: Vocabulary) -> str | None:
    """The people a figure is about ('children', 'US forces'), from the noun and its modifiers."""
    if noun is None:
        return None
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i]
    if mods:
        phrase = noun.doc[mods[0].i : noun.i + 1].text
        found = vocab.group(phrase)
        if found:
            return found
        for mod in mods:
            found = vocab.group(f"{mod.text} {noun.text}")
            if found:
                return found
    return vocab.group(noun.text) or vocab.group(lemma(noun))


# Verbs whose subject receives troops rather than owns them ("Poland hosts 10,000 troops").
HOST_VERBS = frozenset("host receive welcome station accept".split())


def force_of(num: Token, noun: Token | None, vocab: Vocabulary) -> str | None:
    """Whose troops a figure counts: the forces of the country that keeps, has or sends them
    ("United Kingdom forces"; the group vocabulary's name when it has one: "US forces")."""
    country = owning_country(syntactic_target(num, noun))
    if country is None or lemma(country.head).lower() in HOST_VERBS:
        return None
    name = canonical_place(_entity_text(country), vocab)
    return vocab.group(f"{name} troops") or f"{name} forces"


def _entity_text(tok: Token) -> str:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text
