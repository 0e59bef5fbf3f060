"""Which measure a figure counts (killed, injured, troops ...) and its concept, from the parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import lemma
from ..vocabulary import Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Token
from .syntax import (
    COPULAS,
    LEVEL_VERBS,
    PROTEST_NOUNS,
    STRIKE_VERBS,
    SUBJECT_VERBS,
    TALLY_NOUNS,
    TARGET_NOUNS,
    governing_verb,
    syntactic_target,
)


def measure_of(
    num: Token, noun: Token | None, vocab: Vocabulary, start: int | None = None
) -> str | None:
    """The canonical measure of a figure: what happened to it (the verb) first, then what it
    is (the noun): 'injuring three US soldiers' is injured, '2,500 troops' is troops. When
    the parse gives neither, a measure verb written right before the figure ('has killed at
    least 1,186 people') still counts."""
    found = (
        _own_predicate(num, noun, vocab)
        or _subcount_measure(num, noun, vocab)
        or _measure_from_verb(num, noun, vocab)
        or _measure_from_noun(noun, vocab)
    )
    if found is None and start is not None and start > 0:
        before = num.doc[start - 1]
        if before.pos_ in ("VERB", "AUX") and before.tag_ in ("VBD", "VBN", "VBG", "VBZ", "VBP"):
            found = vocab.measure_for_verb(lemma(before))
    if found is not None:
        found = _sub_measure(found, num, noun, vocab) or found
    return found


# Words between a figure and its own predicate: "some 400 still missing", "thousands more
# injured", "12 others alive".
PREDICATE_GAP = frozenset("still more others other also now already yet".split())
PARTICIPLES = frozenset({"JJ", "VBN", "VBG"})
CAUSE_VERBS = frozenset("force drive leave cause compel prompt send".split())
SUBCOUNT_PREPS = frozenset({"including", "among"})


def subcount_of(num: Token, noun: Token | None) -> Token | None:
    """The figure a sub-count belongs to: in '24 people were injured, including 11 first
    responders' the 11 are part of the 24 (the token returned is the group's noun or verb)."""
    target = noun if noun is not None else num
    if target.dep_ == "pobj" and target.head.lower_ in SUBCOUNT_PREPS:
        owner = target.head.head
        if owner.i != target.i:
            return owner
    return None


def _subcount_measure(num: Token, noun: Token | None, vocab: Vocabulary) -> str | None:
    """A sub-count keeps the measure of its group: 'including 11 first responders'."""
    owner = subcount_of(num, noun)
    if owner is None:
        return None
    if owner.pos_ in ("VERB", "AUX"):
        for child in owner.children:
            if child.dep_ in ("nsubjpass", "nsubj", "dobj") and child.pos_ in ("NOUN", "NUM"):
                found = measure_of(child, child if child.pos_ == "NOUN" else None, vocab)
                if found:
                    return found
        return _verb_measure(owner, vocab) or _adjective_measure(owner, vocab)
    if owner.pos_ in ("NOUN", "NUM", "PROPN"):
        return measure_of(owner, owner if owner.pos_ == "NOUN" else None, vocab)
    return None


def _own_predicate(num: Token, noun: Token | None, vocab: Vocabulary) -> str | None:
    """A predicate the figure carries itself wins over the verb it hangs from, so measures do
    not leak across a coordination: in 'killing eight people and leaving dozens missing' or
    'killed 38 and over 4.5 million affected', 'missing' and 'affected' are the second
    figure's own."""
    doc = num.doc
    last = max(num.i, noun.i if noun is not None and noun.i < num.i + 4 else num.i)
    for tok in (noun, num):
        if tok is None:
            continue
        for child in tok.rights:
            if child.dep_ in ("amod", "acl", "oprd", "acomp") and child.tag_ in PARTICIPLES:
                if child.i <= last + 3 and not any(c.dep_ == "dobj" for c in child.children):
                    found = _adjective_measure(child, vocab)
                    if found:
                        return found
    # The parser often hangs the participle elsewhere: read it from the words after the figure.
    k = last + 1
    while k < len(doc) and doc[k].lower_ in PREDICATE_GAP:
        k += 1
    if k < len(doc):
        nxt = doc[k]
        if nxt.tag_ in PARTICIPLES and not any(c.dep_ == "dobj" for c in nxt.children):
            follow = doc[k + 1] if k + 1 < len(doc) else None
            if follow is None or follow.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
                return _adjective_measure(nxt, vocab)
    return None


def _sub_measure(found: str, num: Token, noun: Token | None, vocab: Vocabulary) -> str | None:
    """'50 hostages were released' is hostages_released, '126 hostages remain' hostages_held:
    the verb or participle of a measure's figure may name one of its sub-measures."""
    target = syntactic_target(num, noun)
    verb, rel = governing_verb(target)
    words: list[Token] = []
    if verb is not None and rel in ("dobj", "nsubjpass", "nsubj", "pobj:by"):
        words.append(verb)
        words.extend(c for c in verb.children if c.dep_ in ("acomp", "oprd", "xcomp"))
    for tok in (noun, num):
        if tok is not None:
            words.extend(c for c in tok.children if c.dep_ in ("amod", "acl", "relcl"))
    for word in words:
        prt = [c.lower_ for c in word.children if c.dep_ == "prt"]
        keys = [f"{lemma(word)} {prt[0]}"] if prt else []
        for key in (*keys, lemma(word), word.lower_):
            sub = vocab.sub_measure(found, key)
            if sub:
                return sub
    return None


def _adjective_measure(tok: Token, vocab: Vocabulary) -> str | None:
    """'missing', 'injured', 'displaced' as written or by lemma."""
    for word in (tok.lower_, lemma(tok)):
        found = vocab.measure_for_adjective(word) or vocab.measure_for_verb(word)
        if found:
            return found
    return None


def _tally_measure(noun: Token, vocab: Vocabulary) -> str | None:
    """'the number of displaced people', 'casualties in the city': a tally names a measure."""
    found = vocab.measure_for_noun(noun.lower_) or vocab.measure_for_noun(lemma(noun))
    if found or lemma(noun) not in TALLY_NOUNS:
        return found
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _measure_from_noun(obj, vocab)
    return None


def _measure_from_noun(noun: Token | None, vocab: Vocabulary) -> str | None:
    if noun is None:
        return None
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ in ("including", "among")
        and noun.head.head.pos_ == "NOUN"
    ):
        found = _measure_from_noun(noun.head.head, vocab)  # "24 hostages, including 13 Israelis"
        if found:
            return found
    for child in noun.children:  # "12 people missing", "left three soldiers injured"
        if child.dep_ in ("amod", "acl", "oprd", "ccomp", "xcomp") and (
            child.i > noun.i or child.dep_ == "amod"
        ):
            found = _adjective_measure(child, vocab)
            if found:
                return found
    compound = " ".join(
        [c.lower_ for c in noun.children if c.dep_ == "compound" and c.i < noun.i] + [noun.lower_]
    )
    for key in (compound, noun.lower_, lemma(noun)):
        found = vocab.measure_for_noun(key)
        if found:
            return found
    return None


def _measure_from_verb(num: Token, noun: Token | None, vocab: Vocabulary) -> str | None:
    target = syntactic_target(num, noun)
    verb, rel = governing_verb(target)
    if verb is None:
        owner = None
        if noun is None and num.head.pos_ == "NOUN":  # "a death toll of 52"
            owner = num.head
        elif target.head.pos_ == "ADP" and target.head.head.pos_ == "NOUN":
            owner = target.head.head
        elif target.dep_ == "poss" and target.head.pos_ == "NOUN":
            owner = target.head  # "claimed eight people's lives"
        if owner is not None:
            if owner.dep_ == "dobj" and owner.head.pos_ in ("VERB", "AUX"):
                found = vocab.measure_for_verb(f"{lemma(owner.head)} {lemma(owner)}")
                if found:  # "claimed the lives of 40 people"
                    return found
            return vocab.measure_for_noun(owner.lower_) or vocab.measure_for_noun(lemma(owner))
        return None
    verb_lemma = lemma(verb).lower()
    if rel == "dobj" and verb_lemma in ("leave", "keep", "render"):
        for child in verb.children:  # "leaving three soldiers injured"
            if child.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "advcl") and child.i > target.i:
                found = vocab.measure_for_adjective(lemma(child)) or vocab.measure_for_verb(
                    lemma(child)
                )
                if found:
                    return found
    if rel == "dobj" and verb_lemma in CAUSE_VERBS:
        for child in verb.children:  # "forcing millions to flee", "leaving 400 to drown"
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB" and child.i > target.i:
                found = _verb_measure(child, vocab)
                if found:
                    return found
    if (
        rel == "dobj"
        and verb_lemma in STRIKE_VERBS
        and noun is not None
        and lemma(noun) in TARGET_NOUNS
    ):
        return "strikes"
    if (
        rel in ("dobj", "nsubjpass")
        and verb_lemma in ("force", "drive", "push")
        and any(
            c.dep_ == "prep" and c.lower_ == "from" and any(lemma(o) == "home" for o in c.children)
            for c in verb.children
        )
    ):
        return "displaced"  # "forced 42,000 people from their homes"
    if (
        rel in ("nsubj", "dobj")
        and verb_lemma in ("join", "attend", "stage", "hold")
        and any(
            lemma(c) in PROTEST_NOUNS or any(lemma(g) in PROTEST_NOUNS for g in c.children)
            for c in verb.children
            if c.dep_ in ("dobj", "prep")
        )
    ):
        return "protesters"
    if noun is not None and noun.lower_ == "times":  # "came under attack over 100 times"
        for c in verb.children:
            if c.dep_ == "prep":
                for obj in c.children:
                    found = vocab.measure_for_noun(lemma(obj)) if obj.dep_ == "pobj" else None
                    if found:
                        return found
    if rel in ("dobj", "nsubjpass", "obj", "pobj:by") or (
        noun is not None and noun.lower_ == "times"
    ):
        found = _verb_measure(verb, vocab)
        if found:
            return found
    small_clause = verb.tag_ == "VBN" or lemma(verb.head) in ("leave", "keep", "render")
    if rel in ("nsubj", "nsubjpass"):
        if verb_lemma in SUBJECT_VERBS or (
            rel == "nsubj" and small_clause and verb.dep_ in ("ccomp", "xcomp", "oprd")
        ):
            found = _verb_measure(verb, vocab)
            if found:
                return found
        for child in verb.children:  # "nine miners lost their lives": a verb-object phrase
            if rel == "nsubj" and child.dep_ == "dobj":
                found = vocab.measure_for_verb(
                    f"{verb_lemma} {lemma(child)}"
                ) or vocab.measure_for_verb(f"{verb_lemma} {child.lower_}")
                if found:
                    return found
        if rel == "nsubj" and verb.tag_ in ("VBG", "VBN", "JJ"):
            found = vocab.measure_for_adjective(verb.lower_)
            if found:  # "31 people were still missing": the participle is the predicate
                return found
        for child in verb.children:  # "12 were thought to have survived"
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                if lemma(child) in SUBJECT_VERBS or any(
                    c.dep_ == "auxpass" for c in child.children
                ):
                    found = _verb_measure(child, vocab)
                    if found:
                        return found
        for child in verb.children:  # "12 people are missing", "30 were hurt"
            if child.dep_ in ("acomp", "attr", "oprd", "xcomp"):
                found = _adjective_measure(child, vocab)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ == "among":  # "were among the injured"
                for obj in child.children:
                    found = _adjective_measure(obj, vocab) or vocab.measure_for_noun(obj.lower_)
                    if obj.dep_ == "pobj" and found:
                        return found
    if rel in (
        "dobj",
        "attr",
        "pobj:to",
        "pobj:at",
        "pobj:by",
        "npadvmod",
    ) and verb_lemma in COPULAS | LEVEL_VERBS | {"put", "raise", "bring", "push"}:
        # "the death toll rose to 52", "the toll stands at 52", "put the toll at 52",
        # "the number of displaced people increased by 3,000"
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.i != target.i:
                found = _tally_measure(child, vocab)
                if found:
                    return found
    if verb.dep_ == "acl" and lemma(verb.head) in TALLY_NOUNS:
        return _tally_measure(
            verb.head, vocab
        )  # "raised the number of soldiers deployed ... to 10,000"
    if verb.dep_ in ("amod", "acl") and rel not in ("nsubj",):  # "1,400 people killed"
        return _verb_measure(verb, vocab)
    return None


def _verb_measure(verb: Token, vocab: Vocabulary) -> str | None:
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


def concept_of(num: Token, noun: Token | None) -> str | None:
    """What is counted or measured, as written."""
    if noun is not None:
        return noun.text
    verb, rel = governing_verb(num)
    if verb is None:
        head = num.head
        if head.pos_ == "ADP" and head.head.pos_ in ("NOUN", "PROPN"):
            return head.head.text  # "revenue of $4.5m"
        return None
    subjects = [
        c
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.i != num.i and c.pos_ in ("NOUN", "PROPN")
    ]
    if subjects:  # "shares fell 4%", "inflation rose to 4.1%"; the nearest, not a dateline
        return max(subjects, key=lambda c: (c.pos_ == "NOUN", c.i)).text
    return None
