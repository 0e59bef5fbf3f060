"""The predicate words that say what a figure counts: a measure word as written or by lemma,
a linking or reporting verb's complement ("reported missing", "listed as missing", "left
homeless", "remained hospitalized"), a verb with its complement ("pulled alive", "taken to
shelters", "had no food or shelter"), and measures offered as alternatives ("dead or
missing", "displaced or marooned")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import lemma
from ..vocabulary import Vocabulary
from .syntax import TALLY_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Words between a figure and its own predicate: "some 400 still missing", "thousands more
# injured", "12 others alive".
PREDICATE_GAP = frozenset("still more others other also now already yet".split())
# Verbs and participles that link a figure to the predicate that says what it counts:
# "reported missing", "listed as missing", "confirmed died", "left homeless", "remained
# hospitalized", "feared dead".
LINK_VERBS = frozenset(
    "report list confirm believe fear presume declare pronounce think know remain stay "
    "leave keep find count announce record register feared".split()
)
LINK_DEPS = frozenset({"oprd", "acomp", "xcomp", "attr", "ccomp", "advcl"})


def adjective_measure(tok: Token, vocab: Vocabulary) -> str | None:
    """'missing', 'injured', 'displaced' as written or by lemma."""
    for word in (tok.lower_, lemma(tok)):
        found = vocab.measure_for_adjective(word) or vocab.measure_for_verb(word)
        if found:
            return found
    return None


def predicate_measure(tok: Token, vocab: Vocabulary) -> str | None:
    """The measure a predicate word names, looking through a linking or reporting verb to
    its complement: 'reported missing', 'listed as missing', 'left homeless'."""
    found = adjective_measure(tok, vocab)
    if found or lemma(tok).lower() not in LINK_VERBS:
        return found
    for child in tok.children:
        if child.dep_ in LINK_DEPS and child.i > tok.i:
            found = adjective_measure(child, vocab) or pair_measure(child, vocab)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ == "as":
            for obj in child.subtree:
                if obj.i != child.i:
                    found = adjective_measure(obj, vocab)
                    if found:
                        return found
    # A complement the parser hung elsewhere: the word right after ("remained missing").
    k = tok.i + 1
    doc = tok.doc
    while k < len(doc) and doc[k].lower_ in PREDICATE_GAP:
        k += 1
    if k < len(doc) and doc[k].tag_ in ("JJ", "VBN", "VBG"):
        return adjective_measure(doc[k], vocab)
    return None


def pair_measure(verb: Token, vocab: Vocabulary) -> str | None:
    """A measure named by a verb with its complement: 'pulled alive' (a verb and a
    predicate word), 'taken to shelters', 'had no shelter', 'were without shelter'."""
    base = lemma(verb).lower()
    keys: list[str] = []
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "advmod") and child.i > verb.i:
            keys.append(f"{base} {child.lower_}")
        elif child.dep_ == "dobj":
            negated = any(c.lower_ == "no" for c in child.children)  # "no food or shelter"
            for obj in (child, *child.conjuncts):
                keys.append(f"{base} {'no ' if negated else ''}{lemma(obj)}")
        elif child.dep_ == "prep":
            for obj in (o for o in child.children if o.dep_ == "pobj"):
                for each in (obj, *obj.conjuncts):
                    keys.append(f"{base} {child.lower_} {lemma(each)}")
                    keys.extend(
                        f"{base} {child.lower_} {c.lower_}"
                        for c in each.children
                        if c.dep_ == "compound"
                    )
    for key in keys:
        found = vocab.measure_for_verb(key)
        if found:
            return found
    return None


# The generic measure: a figure "displaced or marooned" is a count of the displaced.
GENERIC_MEASURES = ("affected",)


def alternatives(found: str, num: Token, noun: Token | None, vocab: Vocabulary) -> str | None:
    """'300 people dead or missing' counts neither the dead nor the missing (None);
    'displaced or marooned millions' counts the displaced: of two measures offered as
    alternatives, the specific one wins over a generic one ('affected'), and two specific
    ones make a combined figure that no single measure names."""
    doc = num.doc
    lo = max(num.sent.start, num.i - 6)
    hi = min(num.sent.end, (noun.i if noun is not None else num.i) + 8)
    for tok in doc[lo:hi]:
        if tok.dep_ != "conj" or not any(c.lower_ == "or" for c in tok.head.children):
            continue
        first, second = (word_measure(t, vocab) for t in (tok.head, tok))
        if first is None or second is None or first == second or found not in (first, second):
            continue
        if tok.head.i < lo or abs(tok.i - tok.head.i) > 4:
            continue
        return combined(first, second, vocab)
    return found


def combined(first: str, second: str, vocab: Vocabulary) -> str | None:
    """The measure of one figure that two measures are said of together: 'killed or
    injured' are casualties; 'displaced or marooned' the displaced (a specific measure wins
    over a generic one); 'dead or missing' none."""
    if first == second:
        return first
    pair = {first, second}
    if pair == {"killed", "injured"} and "casualties" in vocab.measures:
        return "casualties"
    specific = [m for m in pair if m not in GENERIC_MEASURES]
    return specific[0] if len(specific) == 1 else None


def word_measure(tok: Token, vocab: Vocabulary) -> str | None:
    if tok.pos_ not in ("VERB", "ADJ", "NOUN"):
        return None
    return adjective_measure(tok, vocab)


def tally_measure(noun: Token, vocab: Vocabulary) -> str | None:
    """'the number of displaced people', 'casualties in the city': a tally names a measure."""
    compound = " ".join(
        [c.lower_ for c in noun.children if c.dep_ == "compound" and c.i < noun.i] + [noun.lower_]
    )  # "the body count", "the death toll"
    found = (
        vocab.measure_for_noun(compound)
        or vocab.measure_for_noun(noun.lower_)
        or vocab.measure_for_noun(lemma(noun))
    )
    if found or lemma(noun) not in TALLY_NOUNS:
        return found
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return noun_measure(obj, vocab)
    return None


def noun_measure(noun: Token | None, vocab: Vocabulary) -> str | None:
    if noun is None:
        return None
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ in ("including", "among")
        and noun.head.head.pos_ == "NOUN"
    ):
        found = noun_measure(noun.head.head, vocab)  # "24 hostages, including 13 Israelis"
        if found:
            return found
    for child in noun.children:  # "12 people missing", "left three soldiers injured"
        if child.dep_ in ("amod", "acl", "oprd", "ccomp", "xcomp") and (
            child.i > noun.i or child.dep_ == "amod"
        ):
            found = adjective_measure(child, vocab)
            if found:
                return found
    compound = " ".join(
        [c.lower_ for c in noun.children if c.dep_ == "compound" and c.i < noun.i] + [noun.lower_]
    )
    for key in (compound, noun.lower_, lemma(noun)):
        found = vocab.measure_for_noun(key)
        if found:
            return found
    if noun.tag_ in ("NN", "NNS") and noun.lower_.endswith("ed"):
        return vocab.measure_for_adjective(noun.lower_)  # "a million marooned"
    return None


def tally_owner(target: Token) -> Token | None:
    """'the death toll of 71': the tally a figure is 'of'."""
    if target.dep_ == "pobj" and target.head.lower_ == "of":
        owner = target.head.head
        if owner.pos_ == "NOUN" and lemma(owner) in TALLY_NOUNS and lemma(owner) != "number":
            return owner
    return None


def clause_verb(target: Token) -> tuple[Token | None, str]:
    """The verb above a figure that sits in a comparison ('could rise to as high as 2,000
    people', 'would be well over 1,000'): climb prepositions, adjectives and adverbs."""
    cur = target
    rel = "pobj:" + target.head.lower_ if target.dep_ == "pobj" else target.dep_
    for _ in range(5):
        head = cur.head
        if head.i == cur.i:
            return None, rel
        if head.pos_ in ("VERB", "AUX"):
            if cur.dep_ == "prep":
                rel = "pobj:" + cur.lower_
            return head, rel
        if head.pos_ not in ("ADP", "ADJ", "ADV"):
            return None, rel
        cur = head
    return None, rel


def stranded_tally(verb: Token, vocab: Vocabulary) -> str | None:
    """'as the death toll in the past week from floods triggered by rains topped 100': a
    level verb the parser left without its subject takes the nearest tally before it."""
    for k in range(verb.i - 1, verb.sent.start - 1, -1):
        tok = verb.doc[k]
        if tok.like_num or tok.lower_ in (";", ":"):
            return None
        if tok.pos_ == "NOUN" and lemma(tok) in TALLY_NOUNS:
            return tally_measure(tok, vocab)
    return None


def verb_measure(verb: Token, vocab: Vocabulary) -> str | None:
    found = pair_measure(verb, vocab)
    if found:
        return found
    for child in verb.children:  # "lost their lives", "had taken refuge"
        if child.dep_ == "dobj":
            found = vocab.measure_for_verb(
                f"{lemma(verb)} {lemma(child)}"
            ) or vocab.measure_for_verb(f"{lemma(verb)} {child.lower_}")
            if found:
                return found
    found = vocab.measure_for_verb(lemma(verb))
    if found:
        return found
    # "killed or injured": the first verb of a coordination names the measure.
    prt = [c for c in verb.children if c.dep_ == "prt"]
    if prt:
        return vocab.measure_for_verb(f"{lemma(verb)} {prt[0].lower_}")
    return None
