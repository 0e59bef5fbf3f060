"""Which measure a figure counts (killed, injured, troops ...) and its concept, from the parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import lemma
from ..vocabulary import Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Token
from .nonclaims import is_age, is_institution, is_thing, more_things
from .predicates import (
    LINK_VERBS,
    PREDICATE_GAP,
    adjective_measure,
    alternatives,
    clause_verb,
    combined,
    noun_measure,
    pair_measure,
    predicate_measure,
    stranded_tally,
    tally_measure,
    tally_owner,
    verb_measure,
)
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
    if is_age(num, noun) or (noun is not None and is_institution(noun)):
        return None  # "Ana Ruiz, 42, was hurt" is an age; "100,000 public bodies" institutions
    own = _own_predicate(num, noun, vocab)
    found = (
        own
        or _subcount_measure(num, noun, vocab)
        or _measure_from_verb(num, noun, vocab)
        or noun_measure(noun, vocab)
        or _others_measure(num, noun, vocab)
    )
    if found is None and start is not None and start > 0:
        before = num.doc[start - 1]
        if before.pos_ in ("VERB", "AUX") and before.tag_ in ("VBD", "VBN", "VBG", "VBZ", "VBP"):
            found = vocab.measure_for_verb(lemma(before))
        elif before.text == ":":
            found = _listed_measure(before, vocab)
    if found is None and _partitive(num):
        found = _listed_measure(num, vocab)  # "17 injured, seven of whom needed care"
    if found is None:
        found = _group_measure(num, noun, vocab)
    if noun is not None and lemma(noun).lower() in DEAD_NOUNS and not is_institution(noun):
        found = "killed"  # "pulled out 9 bodies": the bodies of the dead are dead
    if noun is not None and found and (is_thing(noun) or (not own and more_things(noun))):
        # "Seventeen buildings were evacuated", "40 deer culled": what happened to people
        # does not make a count of things a toll; only the thing's own noun ("missiles")
        # or a struck target names a measure of things.
        own = vocab.measure_for_noun(noun.lower_) or vocab.measure_for_noun(lemma(noun))
        if found not in (own, "strikes"):
            return None
    if found is not None:
        found = _sub_measure(found, num, noun, vocab) or found
        found = alternatives(found, num, noun, vocab)
    if found is not None:
        found = _shared_object(found, num, noun, vocab)
    return found


def _shared_object(found: str, num: Token, noun: Token | None, vocab: Vocabulary) -> str | None:
    """'killed and injured 45 people', 'killing and leaving missing thousands': two verbs
    that share one object say two things of one figure, which counts both together."""
    verb, rel = governing_verb(syntactic_target(num, noun))
    if verb is None or rel != "dobj" or verb.dep_ != "conj" or verb.head.pos_ != "VERB":
        return found
    first = verb.head
    if any(c.dep_ in ("dobj", "nsubjpass", "attr", "oprd") for c in first.children):
        return found
    if any(c.dep_ == "nsubj" for c in verb.children):
        return found  # "killed 40 and they injured 12": a clause of its own
    other = verb_measure(first, vocab)
    return found if other is None else combined(other, found, vocab)


def _others_measure(num: Token, noun: Token | None, vocab: Vocabulary) -> str | None:
    """'killing 103 people and 47 others', 'Thirteen corpses have been recovered and scores of
    others spotted', 'picked up along with five others': 'others' count more of what the
    figure they are coordinated with counts."""
    if noun is None or lemma(noun).lower() not in ("other", "others"):
        return None
    if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        return None if is_thing(noun.head) else noun_measure(noun.head, vocab)
    target = syntactic_target(num, noun)
    verb, rel = governing_verb(target)
    if verb is None:
        return None
    if rel == "conj" or rel == "pobj:with":  # the parser hung the noun on the verb itself
        if any(c.dep_ in ("dobj", "nsubjpass") and c.i < target.i for c in verb.children):
            return verb_measure(verb, vocab)
    if rel == "dobj":
        return None  # "killing four and treating three others": the others' own verb decides
    # The nearest argument of a coordinated verb before the figure decides: in "Thirteen
    # corpses were recovered and scores of others spotted" the others are corpses.
    others = [v for v in (*verb.conjuncts, verb.head if verb.dep_ == "conj" else None) if v]
    args = [
        (child, other)
        for other in others
        if other.pos_ in ("VERB", "AUX")
        for child in other.children
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.pos_ == "NOUN" and child.i < num.i
    ]
    if not args:
        return None
    child, other = max(args, key=lambda pair: pair[0].i)
    if is_thing(child):
        return None
    found = noun_measure(child, vocab)
    if not found and child.dep_ != "nsubj":
        found = verb_measure(other, vocab)
    return found


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
        return verb_measure(owner, vocab) or adjective_measure(owner, vocab)
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
    for tok in (noun, num):  # "20 other missing people", "displaced or marooned millions"
        if tok is None:
            continue
        for child in tok.lefts:
            if child.dep_ == "amod" and (child.i > num.i or tok is num):
                found = vocab.measure_for_adjective(child.lower_)
                if found:
                    return found
    for tok in (noun, num):
        if tok is None:
            continue
        for child in tok.rights:
            if child.dep_ in ("amod", "acl", "oprd", "acomp") and child.tag_ in PARTICIPLES:
                if child.i <= last + 3 and not any(c.dep_ == "dobj" for c in child.children):
                    found = predicate_measure(child, vocab)
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
                return predicate_measure(nxt, vocab)
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


def _measure_from_verb(num: Token, noun: Token | None, vocab: Vocabulary) -> str | None:
    target = syntactic_target(num, noun)
    tally = tally_owner(target)
    if tally is not None:  # "expected the official death toll of 71 to rise"
        found = tally_measure(tally, vocab)
        if found:
            return found
    verb, rel = governing_verb(target)
    if verb is None:
        verb, rel = clause_verb(target)
    if verb is not None and verb.dep_ in ("aux", "auxpass") and verb.head.pos_ == "VERB":
        verb = verb.head  # "Eight people remained hospitalized", parsed as an auxiliary
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
    if rel in ("dobj", "nsubjpass") and verb_lemma in CAUSE_VERBS:
        for child in verb.children:  # "forcing millions to flee", "were forced to move"
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB" and child.i > target.i:
                found = verb_measure(child, vocab)
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
        found = verb_measure(verb, vocab)
        if found:
            return found
    small_clause = verb.tag_ == "VBN" or lemma(verb.head) in ("leave", "keep", "render")
    if rel == "nsubj" and verb.dep_ in ("conj", "advcl") and verb.tag_ in ("VBN", "VBD"):
        passive = any(c.dep_ == "auxpass" for c in verb.head.children) or (
            verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        )  # "with 85 cases confirmed and 58 people hospitalized"
        if passive and not any(c.dep_ == "dobj" for c in verb.children):
            found = verb_measure(verb, vocab)  # "200 were killed and 12 million displaced"
            if found:
                return found
    if rel == "nsubj" and verb_lemma in ("have", "be", "lack", "remain", "stay"):
        found = pair_measure(verb, vocab)  # "3,000 had no food or shelter"
        if found:
            return found
    if rel in ("nsubj", "nsubjpass") and verb_lemma in LINK_VERBS:
        found = predicate_measure(verb, vocab)  # "were listed as missing", "remained missing"
        if found:
            return found
    if rel in ("nsubj", "nsubjpass"):
        if verb_lemma in SUBJECT_VERBS or (
            rel == "nsubj" and small_clause and verb.dep_ in ("ccomp", "xcomp", "oprd")
        ):
            found = verb_measure(verb, vocab)
            if found:
                return found
        for child in verb.children:  # "nine miners lost their lives": a verb-object phrase
            if rel == "nsubj" and child.dep_ == "dobj":
                if any(c.lower_ == "no" for c in child.children):
                    continue  # "suffered no injuries"
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
                    found = verb_measure(child, vocab)
                    if found:
                        return found
        for child in verb.children:  # "12 people are missing", "30 were hurt"
            if child.dep_ in ("acomp", "attr", "oprd", "xcomp"):
                found = adjective_measure(child, vocab)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ == "among":  # "were among the injured"
                for obj in child.children:
                    found = adjective_measure(obj, vocab) or vocab.measure_for_noun(obj.lower_)
                    if obj.dep_ == "pobj" and found:
                        return found
        shared = list(verb.conjuncts)  # "four people, believed to be workers, have died"
        if verb_lemma in LINK_VERBS and verb.dep_ == "ccomp" and verb.head.i > verb.i:
            shared.append(verb.head)
        for other in shared:
            if other.i > verb.i and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in other.children
            ):
                if lemma(other) in SUBJECT_VERBS or any(
                    c.dep_ == "auxpass" for c in other.children
                ):
                    return verb_measure(other, vocab)
                break
    if (
        rel in ("dobj", "attr", "acomp", "npadvmod") or rel.startswith("pobj:")
    ) and verb_lemma in COPULAS | LEVEL_VERBS | {"put", "raise", "bring", "push", "announce"}:
        # "the death toll rose to 52", "the toll stands at 52", "put the toll at 52",
        # "the number of displaced people increased by 3,000"
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.i != target.i:
                found = tally_measure(child, vocab)
                if not found and rel == "attr" and child.pos_ == "NOUN":
                    found = noun_measure(child, vocab)  # "the missing were two workers"
                if found:
                    return found
        if verb.dep_ == "acl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            found = stranded_tally(verb, vocab)
            if found:
                return found
    if verb.dep_ == "acl" and lemma(verb.head) in TALLY_NOUNS:
        return tally_measure(
            verb.head, vocab
        )  # "raised the number of soldiers deployed ... to 10,000"
    if verb.dep_ in ("amod", "acl") and rel != "nsubj" and not rel.startswith("pobj:"):
        # "1,400 people killed"
        return verb_measure(verb, vocab)
    return None


PARTITIVE_PRONOUNS = frozenset("whom which them those these".split())
# Nouns that only name the dead: whatever is done to them, they count the dead.
DEAD_NOUNS = frozenset("body corpse remains cadaver".split())
GROUP_VERBS = frozenset("include comprise number".split())


def _group_measure(num: Token, noun: Token | None, vocab: Vocabulary) -> str | None:
    """A figure that is part of a group the sentence names: 'Among the dead were three
    firefighters', '50 people died, among them 11 children', 'The dead included 12
    children'."""
    target = syntactic_target(num, noun)
    verb, rel = governing_verb(target)
    holders = [target]
    if verb is not None and lemma(verb) in COPULAS:
        holders.append(verb)
    for holder in holders:
        for prep in holder.children:
            fronted_of = prep.lower_ == "of" and prep.i < target.i and holder is verb
            if prep.dep_ != "prep" or (prep.lower_ not in SUBCOUNT_PREPS and not fronted_of):
                continue  # "Of the 883 deaths, 390 were passengers"
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if obj.lower_ in PARTITIVE_PRONOUNS:
                    return _listed_measure(num, vocab)
                return adjective_measure(obj, vocab) or noun_measure(obj, vocab)
    if verb is not None and rel == "dobj" and lemma(verb) in GROUP_VERBS:
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            return noun_measure(subject, vocab) or adjective_measure(subject, vocab)
    return None


def _partitive(num: Token) -> bool:
    """'seven of whom', 'five of them': a part of a group named before."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(o.lower_ in PARTITIVE_PRONOUNS for o in c.children if o.dep_ == "pobj")
        for c in num.children
    )


def _listed_measure(mark: Token, vocab: Vocabulary) -> str | None:
    """'at least three people remained missing: two workers and a woman': a list after a
    colon spells out the figure right before it, and counts what that figure counts; so
    does a part of it ('17 injured, seven of whom needed care')."""
    for k in range(mark.i - 1, mark.sent.start - 1, -1):
        tok = mark.doc[k]
        if tok.like_num and tok.pos_ == "NUM":
            noun = tok.head if tok.dep_ == "nummod" and tok.head.pos_ == "NOUN" else None
            return measure_of(tok, noun, vocab)
    return None


def concept_of(num: Token, noun: Token | None) -> str | None:
    """What is counted or measured, as written ("that building and seven others": the
    others are buildings)."""
    if noun is not None:
        if noun.lower_ in ("others", "more"):
            first = min(num.i, noun.left_edge.i)
            before = num.doc[first - 1] if first > 0 else None
            if before is not None and before.pos_ == "CCONJ" and before.head.pos_ == "NOUN":
                return before.head.text
            if noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
                return noun.head.text
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
