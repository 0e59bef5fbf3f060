"""Where a figure is about: its place, from the parse.

The place is read, strongest first (the claim's ``location_from`` says which was used):

- ``phrase``: the parse links the place to the figure's own noun or verb ("killed in Khan
  Younis", "Syria's toll", "Gaza's 8,306 dead"); a total for several places is a place of its
  own ("deaths in Ecuador and Peru rose to 600" is "Ecuador and Peru");
- ``source``: the jurisdiction of the figure's source ("Gaza's health ministry says ...");
- ``sentence``: the one place the sentence names (or several on one line of containment,
  the innermost: "in Manhattan, New York"), when nothing else in it could be the place;
- ``carried`` and ``document``: from the rest of the article (:mod:`.carry`, with the
  article's places and event sites from :mod:`.sites`).

A distance is placed by what it measures, never by the place it is measured from ("near
Aitape, 800 km north of Port Moresby"); verbs joined before a place share it ("three were
killed and five wounded in the ambush near Mosul") unless their clause names its own actor.
For whom a figure counts (its group) is read in :mod:`.groups`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Attribution
from ..nlp import lemma
from ..vocabulary import Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token
from .placewords import (
    across_a_border,
    area_name,
    direction_of,
    jurisdiction_name,
    owning_country,
    reference_point,
)
from .syntax import (
    ANTECEDENT_PREPS,
    BOUNDARY_NOUNS,
    LOCATIVE_NOUNS,
    NESTED_PREPS,
    NOUN_POS,
    PLACE_LABELS,
    PLACE_PREPS,
    governing_verb,
    syntactic_target,
)


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
    target = syntactic_target(num, noun)
    # a unit's number: "1.8% in Wales", "800 km north of Jakarta" hang from the unit's token
    unit = num.head if noun is None and num.dep_ == "nummod" else None
    direction = direction_of(unit if unit is not None else target)
    if direction is not None:
        # "villages near Aitape, 800 km north of Port Moresby": the distance places what
        # it measures from (Aitape), never the place it is measured from
        located = direction.head
        return _place_name(located, vocab, loose=True) if located.pos_ in NOUN_POS else None
    for tok in filter(None, (num, noun, unit)):
        found = _place_in_preps(tok, vocab, PLACE_PREPS)
        if found:
            return found
    if noun is not None:
        for clause in (c for c in noun.children if c.dep_ == "acl"):
            found = _place_in_preps(clause, vocab, PLACE_PREPS)  # "troops stationed in Poland"
            if found:
                return found
    if unit is not None and unit.dep_ in UNIT_ROLES:
        target = unit  # "submerged 12,000 hectares ... in Emilia-Romagna": the verb's place
    verb, _ = governing_verb(target)
    seen = 0
    while verb is not None and seen < 3:
        seen += 1
        found = _place_in_preps(verb, vocab, PLACE_PREPS)
        if found:
            return found
        joined = [c for c in verb.children if c.dep_ == "conj" and not _own_actor(c)]
        joined = [c for c in joined if c.pos_ == "VERB"]
        for conj in joined:
            # "three were killed and 18 wounded in the ambush near Kidal": a trailing place
            # is shared by the verbs joined before it
            found = _place_in_preps(conj, vocab, PLACE_PREPS)
            if found:
                return found
        for child in verb.children:
            if child.dep_ == "agent":  # "shot dead by police in Nanterre"
                for obj in (o for o in child.children if o.dep_ == "pobj"):
                    found = _place_in_preps(obj, vocab, PLACE_PREPS)
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
        for child in (c for owner in (verb, *joined) for c in owner.children):
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
            return _owner_place(target, vocab) if measure == "troops" else None
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


# A unit as the object of its clause takes the clause's place; not an adverbial amount
# ("shares rose 3.2% in early trading"), whose clause is often about something else.
UNIT_ROLES = frozenset({"dobj"})


def _own_actor(verb: Token) -> bool:
    """Whether a clause has a named subject of its own ("and France keeps 300 in Romania"):
    its place is its own, not shared with the clause before it."""
    named = ("GPE", "ORG", "NORP", "PERSON", "LOC")
    subjects = (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    return any(c.pos_ == "PROPN" or c.ent_type_ in named for c in subjects)


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
    country = owning_country(target)
    return None if country is None else _place_name(country, vocab)


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
        if child.dep_ not in ("prep", "agent"):  # "killed by floods in Kogi state"
            continue
        direct = child.dep_ == "prep" and child.lower_ in preps
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            if direct:
                place = _place_name(obj, vocab, loose=True)
                if place:
                    return _with_conjuncts(place, obj, vocab)
                for conj in obj.conjuncts:
                    place = _place_name(conj, vocab, loose=True)
                    if place:
                        return place
            if depth < 3:
                found = _place_in_preps(obj, vocab, NESTED_PREPS, depth + 1)
                if found:
                    return found
                for clause in (c for c in obj.children if c.dep_ == "acl"):
                    # "the number of people killed by floods in Kogi state"
                    found = _place_in_preps(clause, vocab, NESTED_PREPS, depth + 1)
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
            if known or well_formed(ent.text):
                return known or canonical_place(ent.text, vocab)
    for text in (_compound_text(tok), tok.text):
        known = None if text.islower() else vocab.place(text)  # "no car" is not CAR
        if known:
            return known
    if not loose:
        return None
    if (
        tok.pos_ == "PROPN"
        and tok.ent_type_ not in ("PERSON", "DATE", "TIME", "MONEY", "CARDINAL")
        and (tok.text[:1].isupper() and tok.dep_ == "pobj")
        and not _neighbourhood(_compound_text(tok))
    ):
        return canonical_place(_compound_text(tok), vocab)  # the NER missed or mistyped a place
    if lemma(tok).lower() in LOCATIVE_NOUNS:
        # "Sudan's Darfur region": the name (compound) before the owner (possessive)
        ordered = sorted(tok.children, key=lambda c: (c.dep_ != "compound", c.i))
        for child in ordered:
            if child.dep_ == "amod" and child.ent_type_ == "NORP" and vocab.place(child.text):
                return vocab.place(child.text)  # "the Greek islands"
            if child.dep_ in ("poss", "compound") and child.i < tok.i:
                place = _place_name(child, vocab, loose=child.pos_ == "PROPN")
                if place:
                    return place
                if area_name(child, tok):
                    return canonical_place(_compound_text(child), vocab)  # "Kogi state"
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


def _with_conjuncts(place: str, obj: Token, vocab: Vocabulary) -> str:
    """'deaths in Ecuador and Peru': a figure for several places joined by "and" is about
    all of them together, a subject of its own ("Ecuador and Peru"); places in one line of
    containment ("in Manhattan, New York") are the innermost one."""
    places = [place]
    for conj in obj.conjuncts:
        if conj.i > obj.i:
            other = _place_name(conj, vocab, loose=True)
            if other and other not in places:
                places.append(other)
    if len(places) == 1:
        return place
    if any(vocab.contains(a, b) for a in places for b in places if a != b):
        return place
    return join_places(places)


def join_places(places: list[str]) -> str:
    """ "Ecuador and Peru"; "Chad, Niger and Mali": the name of a combined place."""
    if len(places) == 1:
        return places[0]
    return ", ".join(places[:-1]) + " and " + places[-1]


def source_place(sent: Span, source: Attribution | None, vocab: Vocabulary) -> str | None:
    """The jurisdiction of a figure's source: a place the source's own words name ("Gaza's
    health ministry", "the disaster agency in Jakarta"). Not a nationality ("Israeli
    officials"): that says whose officials, not where the figure is."""
    if source is None:
        return None
    for ent in sent.ents:
        if ent.label_ in ("GPE", "LOC") and ent.text in source.source and well_formed(ent.text):
            return canonical_place(ent.text, vocab)
    for tok in sent:  # "the Boyacá governor's office", "the Kogi state agency": any NER type
        if tok.text in source.source and jurisdiction_name(tok):
            return canonical_place(_compound_text(tok), vocab)
    return None


SENTENCE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Outlets named after places or with place-like names ("ElShinta radio", "Sky television").
MEDIA_NOUNS = frozenset("radio television tv newspaper paper station channel agency".split())
# A place after these is not where the figure is: an origin, a destination, a comparison.
NOT_HERE_PREPS = frozenset("from to toward towards than like unlike via between".split())
# A place that acts in the sentence ("Israel says ...", "China pledged ...") is an actor,
# not the place its figures are about.
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})


def sentence_place(sent: Span, vocab: Vocabulary) -> str | None:
    """The one place the sentence names, or the innermost when every place it names lies
    within another ("in Manhattan, New York"); None when it names unrelated places or a
    place only as an origin, a destination or a source's home."""
    found: list[str] = []
    for ent in sent.ents:
        if ent.label_ not in SENTENCE_LABELS or not well_formed(ent.text):
            continue
        head = ent.root
        if head.dep_ == "pobj" and head.head.lower_ in NOT_HERE_PREPS:
            return None  # "refugees from Ukraine": where they are is not said
        if head.dep_ == "compound" and lemma(head.head) in BOUNDARY_NOUNS:
            return None  # "across the Gaza border": a line between places, not one place
        if across_a_border(head):
            continue  # "on its border with Belarus": the neighbour is not where it is
        if head.dep_ in ACTOR_DEPS or _hyphenated(ent) or reference_point(head):
            continue  # "China pledged ..."; "the London-based start-up"; "north of Jakarta"
        if head.dep_ == "compound" and lemma(head.head).lower() in MEDIA_NOUNS:
            continue  # "told ElShinta radio": an outlet's name, not a place
        place = canonical_place(ent.text, vocab)
        if place not in found:
            found.append(place)
    if not found:
        return None
    found.sort(key=lambda place: -len(vocab.lineage(place)))
    innermost = found[0]
    if all(vocab.contains(other, innermost) for other in found[1:]):
        return innermost
    return None


def _hyphenated(ent: Span) -> bool:
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].text == "-" and not doc[ent.end - 1].whitespace_


def well_formed(text: str) -> bool:
    """A name spaCy tagged as a place that reads as one: capitalised words, no digits, not
    a whole clause ("Bangladesh", "West Sulawesi", "the Java Sea"; not "19 stories")."""
    words = text.replace("the ", "").split()
    return (
        0 < len(words) <= 5
        and not any(ch.isdigit() for ch in text)
        and words[0][:1].isupper()
        and "\n" not in text
        and not _neighbourhood(text)
    )


# A part of a city named by its direction ("the East Side", "the West End", "Midtown"): a
# neighbourhood of whatever city the story is in, not a place to report on its own.
NEIGHBOURHOOD_RE = re.compile(
    r"^(?:the\s+)?(?:(?:upper|lower|far)\s+)?(?:(?:east|west|north|south)\s+(?:side|end)"
    r"|midtown|downtown|uptown|city\s+cent(?:er|re)|old\s+town)$",
    re.IGNORECASE,
)
# "Midtown Manhattan", "downtown Chicago": a district of a known place is that place.
DISTRICT_PREFIXES = ("midtown ", "downtown ", "uptown ", "lower ", "upper ", "central ")


def _neighbourhood(text: str) -> bool:
    return NEIGHBOURHOOD_RE.match(text.strip()) is not None


def canonical_place(text: str, vocab: Vocabulary) -> str:
    """The canonical name of a place as written: the gazetteer's, else the text without an
    article, a possessive or a generic suffix ("Yunnan province" is Yunnan); a district of a
    known place is that place ("Midtown Manhattan" is New York)."""
    known = vocab.place(text)
    if known:
        return known
    cleaned = _clean_place(text)
    known = vocab.place(cleaned)
    if known:
        return known
    lowered = cleaned.lower()
    for prefix in DISTRICT_PREFIXES:
        if lowered.startswith(prefix):
            known = vocab.place(cleaned[len(prefix) :])
            if known:
                return known
    return cleaned


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
