"""What a figure counts and where: concept, measure, location and group, from the parse.

The rule of thumb throughout: a place or a measure belongs to a figure only when the parse
links it to the figure's own noun or verb, not merely because both are in the sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import lemma
from ..vocabulary import Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

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
    "starve succumb".split()
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


def measure_of(
    num: Token, noun: Token | None, vocab: Vocabulary, start: int | None = None
) -> str | None:
    """The canonical measure of a figure: what happened to it (the verb) first, then what it
    is (the noun): 'injuring three US soldiers' is injured, '2,500 troops' is troops. When
    the parse gives neither, a measure verb written right before the figure ('has killed at
    least 1,186 people') still counts."""
    found = _measure_from_verb(num, noun, vocab) or _measure_from_noun(noun, vocab)
    if found is None and start is not None and start > 0:
        before = num.doc[start - 1]
        if before.pos_ in ("VERB", "AUX") and before.tag_ in ("VBD", "VBN", "VBG", "VBZ", "VBP"):
            found = vocab.measure_for_verb(lemma(before))
    return found


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
        if owner is not None:
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


def place_of(
    num: Token, noun: Token | None, doc: Doc, vocab: Vocabulary, measure: str | None = None
) -> str | None:
    """The place a figure is about, or None.

    Looked for, in order: a place preposition on the figure or its noun ('troops in Iraq',
    '900 in Syria'); on the verb it hangs from ('was killed in Damascus'); on that verb's own
    head verb, one level up ('attacked ..., injuring'); on the antecedent of a relative clause
    ('the war in Gaza in which ... were killed'); a place as the verb's subject ('Gaza
    recorded 52 deaths'); a place compound on an event noun ('Gaza deaths').
    """
    for tok in filter(None, (num, noun)):
        found = _place_in_preps(tok, vocab, PLACE_PREPS)
        if found:
            return found
    target = syntactic_target(num, noun)
    verb, _ = governing_verb(target)
    seen = 0
    while verb is not None and seen < 3:
        seen += 1
        found = _place_in_preps(verb, vocab, PLACE_PREPS)
        if found:
            return found
        for child in verb.children:
            if child.i == target.i:
                continue
            if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
                # "the campaign against Gaza has killed 8,306"; "the base in Erbil was attacked"
                preps = ANTECEDENT_PREPS if child.dep_ == "nsubj" else PLACE_PREPS
                found = _place_in_preps(child, vocab, preps)
                if found:
                    return found
        for child in verb.children:
            # "... wounded when their convoy hit a bomb in Mali"; "used drones to attack the
            # base in Erbil, leaving three soldiers injured"
            if child.dep_ in ("advcl", "xcomp") and child.i != target.i:
                for part in (
                    child,
                    *(g for g in child.children if g.dep_ in ("dobj", "nsubjpass")),
                ):
                    found = _place_in_preps(part, vocab, PLACE_PREPS)
                    if found:
                        return found
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in NOUN_POS:
            antecedent = verb.head
            for owner in (antecedent, antecedent.head if antecedent.dep_ == "appos" else None):
                if owner is None:
                    continue
                place = _place_name(owner, vocab)
                if place:
                    return place
                found = _place_in_preps(owner, vocab, ANTECEDENT_PREPS)
                if found:
                    return found
            return None
        has_subject = any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i != target.i for c in verb.children
        )
        if (
            verb.dep_ in ("advcl", "conj", "xcomp", "ccomp")
            and verb.head.pos_ in ("VERB", "AUX")
            and not has_subject
        ):
            verb = verb.head  # "..., killing 12": the participle's clause is its head's
            continue
        break
    found = _place_of_clause(target, vocab) or _place_of_subject_event(target, vocab)
    if found:
        return found
    if noun is not None:
        for child in noun.children:
            if child.dep_ == "compound" and lemma(noun) in (
                "death",
                "toll",
                "fatality",
                "casualty",
                "case",
            ):
                place = _place_name(child, vocab)
                if place:
                    return place
            if child.dep_ == "amod" and child.ent_type_ == "NORP":  # "one Iraqi soldier"
                place = vocab.place(child.text)
                if place:
                    return place
    if measure == "troops":
        return _owner_place(target, vocab)
    return None


def _place_of_subject_event(target: Token, vocab: Vocabulary) -> str | None:
    """'The earthquake, which struck Central Sulawesi on Sunday, has killed 1,186 people';
    'the death toll from the quake that struck Central Sulawesi rose to 1,904': the place the
    subject's event happened in."""
    verb, _ = governing_verb(target)
    if verb is None:
        return None
    for subject in (
        c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != target.i
    ):
        events = [subject]
        for child in subject.children:  # "the toll from the earthquake"
            if child.dep_ == "prep" and child.lower_ in ("from", "of", "in"):
                events.extend(o for o in child.children if o.dep_ == "pobj")
        for event in events:
            for clause in (c for c in event.children if c.dep_ in ("relcl", "acl")):
                for part in clause.children:
                    if part.dep_ == "dobj":
                        place = _place_name(part, vocab, loose=True)
                        if place:
                            return place
                found = _place_in_preps(clause, vocab, PLACE_PREPS)
                if found:
                    return found
    return None


def _owner_place(target: Token, vocab: Vocabulary) -> str | None:
    """'Poland has 6,000 soldiers deployed': troops are placed by the country that has them
    when no other place is named."""
    verb, _ = governing_verb(target)
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj" and child.ent_type_ == "GPE":
            return _place_name(child, vocab)
    return None


def _place_of_clause(target: Token, vocab: Vocabulary) -> str | None:
    """Last resorts in the figure's own clause: the subject's owner ('Britain's economy grew
    0.6%'), a place as the object ('fled Ukraine') or as the subject ('Pakistan hosts 1.3
    million refugees')."""
    verb, _ = governing_verb(target)
    if verb is None:
        return None
    if target.pos_ != "NOUN" or target.tag_ not in ("NNS", "NNPS"):
        # A rate, a sum, a size: its place is its subject's ("Inflation in the United States
        # rose to 3.2%", "China's exports rose 7.6%") or its noun's ("a $3bn loan for Pakistan").
        owners = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != target.i]
        if target.head.pos_ == "NOUN":
            owners.append(target.head)
        for owner in owners:
            for grand in owner.children:
                if grand.dep_ == "poss":
                    place = _place_name(grand, vocab)
                    if place:
                        return place
            found = _place_in_preps(owner, vocab, PLACE_PREPS | {"for", "to"})
            if found:
                return found
    for child in verb.children:
        if child.i == target.i:
            continue
        if child.dep_ in ("nsubj", "nsubjpass") and lemma(child).lower() in LOCATIVE_NOUNS:
            for grand in child.children:
                if grand.dep_ == "poss":  # "Britain's economy grew 0.6%"
                    place = _place_name(grand, vocab)
                    if place:
                        return place
        if child.dep_ == "dobj" and target.dep_ in ("nsubj",):
            place = _place_name(child, vocab)
            if place:
                return place
    return None


def _place_in_preps(
    tok: Token, vocab: Vocabulary, preps: frozenset[str], depth: int = 0
) -> str | None:
    """A place named in the prepositional phrases hanging from ``tok``: 'killed in Damascus',
    'in the ambush near Kidal', 'after the landslide in Yunnan province'."""
    for child in tok.children:
        if child.dep_ != "prep":
            continue
        direct = child.lower_ in preps
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            if direct:
                place = _place_name(obj, vocab, loose=True)
                if place:
                    return place
                for conj in obj.conjuncts:
                    place = _place_name(conj, vocab, loose=True)
                    if place:
                        return place
            if depth < 3:
                found = _place_in_preps(obj, vocab, NESTED_PREPS, depth + 1)
                if found:
                    return found
    return None


def _place_name(tok: Token, vocab: Vocabulary, loose: bool = False) -> str | None:
    """The canonical place a token names, through NER or the place vocabulary.

    ``loose`` (after a place preposition) also accepts a capitalised proper noun the NER
    left untyped, a place owning a locative noun ("Syria's civil war") and a place naming one
    ("Yunnan province", "the Rafah crossing").
    """
    doc = tok.doc
    if tok.ent_type_ in PLACE_LABELS:
        ent = _entity_of(doc, tok)
        if ent is not None:
            known = vocab.place(ent.text)
            return known or _clean_place(ent.text)
    for text in (_compound_text(tok), tok.text):
        known = vocab.place(text)
        if known:
            return known
    if not loose:
        return None
    if (
        tok.pos_ == "PROPN"
        and tok.ent_type_ not in ("PERSON", "DATE", "TIME", "MONEY", "CARDINAL")
        and (tok.text[:1].isupper() and tok.dep_ == "pobj")
    ):
        return _clean_place(_compound_text(tok))  # the NER missed or mistyped a place name
    if lemma(tok).lower() in LOCATIVE_NOUNS:
        # "Sudan's Darfur region": the name (compound) before the owner (possessive)
        ordered = sorted(tok.children, key=lambda c: (c.dep_ != "compound", c.i))
        for child in ordered:
            if child.dep_ in ("poss", "compound") and child.i < tok.i:
                place = _place_name(child, vocab, loose=child.pos_ == "PROPN")
                if place:
                    return place
            if child.dep_ == "prep" and child.lower_ == "of":  # "the town of Avdiivka"
                for obj in child.children:
                    place = _place_name(obj, vocab, loose=True) if obj.dep_ == "pobj" else None
                    if place:
                        return place
    elif tok.pos_ == "NOUN" and lemma(tok) not in BOUNDARY_NOUNS:
        for child in tok.children:  # "a Tehran synagogue", "the Rafah crossing"
            if child.dep_ == "compound" and child.i < tok.i and child.ent_type_ in PLACE_LABELS:
                return _place_name(child, vocab)
    return None


def _compound_text(tok: Token) -> str:
    words = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    start = words[0].i if words else tok.i
    return tok.doc[start : tok.i + 1].text


def _entity_of(doc: Doc, tok: Token) -> Span | None:
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


PLACE_SUFFIXES = (" province", " region", " state", " county", " district", " governorate")


def _clean_place(text: str) -> str:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    text = text.replace("’s", "").replace("'s", "").strip()
    for suffix in PLACE_SUFFIXES:
        if text.lower().endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text


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
