"""Who says so: 'according to X', 'X said', '..., the ministry said', 'statistics provided by X'.

A reporting verb covers the clause it governs: walking up from the figure, it is found before
any clause that is the writer's aside ('the war in which 20,600 were killed', 'Gaza, a war
that has killed ...', 'an attack that killed 11 last year'), and the figure is not inside
its subject or a clause coordinated with the report. A pronoun source ('He said') is
resolved to the previous sentence's speaker. Failing that, a source the sentence names ('In
Bangladesh, where 675,000 have fled, the centre said ...', 'in what the mayor called ...')
covers its figures. Who a source is, as written: :mod:`.speakers`; sources beyond the
sentence: :mod:`.reach`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Attribution
from ..nlp import lemma
from .speakers import (
    PRONOUNS,
    Speaker,
    _according_to,
    _in_subject,
    _inside,
    _phrase,
    _source_text,
    _subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

REPORTING_VERBS = frozenset(
    "say tell report estimate confirm announce state claim add note put count record show "
    "reveal indicate find allege warn insist forecast predict project calculate document "
    "publish cite acknowledge admit tally quote explain write tweet post declare "
    "assert suggest testify disclose".split()
)
BOUNDARY_DEPS = frozenset({"relcl", "acl"})
OUT_OF_SCOPE_DEPS = frozenset({"conj", "nsubj", "nsubjpass", "csubj", "cc", "punct", "dep"})
# Verbs that attribute a figure they take as their object ("the ministry reported 52
# deaths"); others ("added", "announced") do only with a clause ("added that 52 died").
OBJECT_REPORTING_VERBS = frozenset(
    "report record estimate count confirm tally document register put".split()
)
TALLY_OBJECTS = frozenset("toll number figure total count tally".split())
# What may stand before a trailing reporter: '..., the agency said', '... 599," Dalle said'.
CLAUSE_BREAKS = frozenset({",", "—", "–", '"', "”", "’"})
# Verbs whose speaker reaches the other sentences of a paragraph: plain statements, not
# findings ('rescuers found 12 bodies') or records.
PARAGRAPH_VERBS = frozenset("say tell report announce confirm state estimate add".split())
# "in what the mayor called the worst accident": a speaker who characterises the event.
CHARACTERISING_VERBS = frozenset("call describe term dub label".split())
# A relative clause that sets a scene rather than saying something of its noun: "the war in
# which 20,600 were killed", "the town where ...". A reporting verb before it does not cover it.
RELATIVE_ADVERBS = frozenset("where when whereby wherein".split())
YEAR_RE = re.compile(r"^(?:1[5-9]|20)\d\d(?:s|'s)?$")
PERIOD_NOUNS = frozenset("month year decade century".split())
# Verbs that report only with a clause ("added that 52 died"), not with an object ("Netflix
# added 9.3 million subscribers").
CLAUSE_VERBS = frozenset({"add"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})




def attribution_of(num: Token, sent: Span, previous: Speaker | None) -> Attribution | None:
    """The source of the figure at ``num`` in ``sent``, or None when none is in reach."""
    found = _reporting_verb(num)
    if found is not None:
        verb, subject = found
        source = _source_text(subject, previous)
        if source:
            return Attribution(source=source, cue=_cue(verb))
    according = _according_to(sent)
    if according is not None:
        return according
    trailing = _trailing_reporter(sent, num, previous)
    if trailing is not None:
        verb, source = trailing
        return Attribution(source=source, cue=_cue(verb))
    characterised = _characterised(sent, num)
    if characterised is not None:
        return characterised
    return _named_in_sentence(sent, num, previous)


def _named_in_sentence(sent: Span, num: Token, previous: Speaker | None) -> Attribution | None:
    """'In Bangladesh, where 675,000 villagers have fled, the centre said the situation could
    worsen': a statement the sentence attributes covers its figures, unless the figure is in
    the speaker's own phrase or in a clause that sets a scene after the report ('Militias
    said the strikes avenged the war in which 20,600 were killed')."""
    for tok in sent:
        if tok.dep_ != "ROOT" or not _states(tok):
            continue  # a report in a clause of its own ('after the carmaker reported ...')
        subject = _subject(tok)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        if _in_subject(num, subject, tok) or _apart(num, tok):
            continue
        child = _child_towards(tok, num)
        if child is not None and child.dep_ in OBJECT_DEPS and not _covers(tok, child):
            continue  # 'The government announced 400,000 rupees for ...': its own act
        source = _source_text(subject, previous)
        if source and source.lower() not in PRONOUNS:
            return Attribution(source=source, cue=_cue(tok))
    return None


def _states(verb: Token) -> bool:
    """Is ``verb`` a statement that reaches the sentences around it: 'say', 'report' ...,
    and 'add' only with a clause ('added that 52 died', '..., he added')?"""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    verb_lemma = lemma(verb).lower()
    if verb_lemma not in PARAGRAPH_VERBS:
        return False
    if verb_lemma in CLAUSE_VERBS:
        return any(c.dep_ == "ccomp" for c in verb.children) or _ends_clause(verb) and not any(
            c.dep_ == "dobj" for c in verb.children
        )
    return True


def _child_towards(verb: Token, num: Token) -> Token | None:
    """The child of ``verb`` whose subtree holds ``num`` (None when it is not below)."""
    cur = num
    while cur.head.i != cur.i:
        if cur.head.i == verb.i:
            return cur
        cur = cur.head
    return None


def _apart(num: Token, verb: Token) -> bool:
    """Is ``num`` in a clause of its own beside the report: one coordinated with it ('had a
    capacity of 850, but the minister said ...') or a scene-setting relative clause after
    it ('... the war in which 20,600 were killed')?"""
    path = [num]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    on_path = {tok.i for tok in path}
    cur = verb
    while cur.i not in on_path:  # up from the verb to the figure's path
        if cur.dep_ == "conj":
            return True
        cur = cur.head
    for tok in path:
        if tok.i == cur.i:
            break
        if tok.dep_ == "conj" and tok.head.i == cur.i and tok.pos_ in ("VERB", "AUX"):
            return True
        if num.i > verb.i and tok.dep_ in BOUNDARY_DEPS and _aside(tok):
            return True
    return False


def _aside(clause: Token) -> bool:
    """Is the relative clause the writer's own, not part of what is reported: one that sets a
    scene, one on an apposition ('Gaza, a war that has killed ...'), or one dated to another
    period ('an attack that killed 11 people last year', '... in the 1990s')?"""
    if _adverbial_relative(clause) or clause.head.dep_ == "appos":
        return True
    return any(_other_time(tok) for tok in clause.subtree)


def _other_time(tok: Token) -> bool:
    """A word that dates a clause to another period: a year ('1991', 'the 1990s') or 'last
    year', 'last month'."""
    if YEAR_RE.match(tok.text) and tok.ent_type_ == "DATE":
        return True
    return tok.lower_ in ("last", "previous") and lemma(tok.head).lower() in PERIOD_NOUNS


def _adverbial_relative(clause: Token) -> bool:
    """'in which 20,600 were killed', 'where 300 died': a relative clause of place or time."""
    for child in clause.children:
        if child.dep_ == "advmod" and child.lower_ in RELATIVE_ADVERBS:
            return True
        if child.dep_ == "prep" and any(
            g.dep_ == "pobj" and g.lower_ in ("which", "whom") for g in child.children
        ):
            return True
    return False


def _characterised(sent: Span, num: Token | None = None) -> Attribution | None:
    """'17 were injured in what Mayor Ruiz called the worst accident in years': the speaker
    who characterises the event is the source of the figures around the phrase."""
    for tok in sent:
        if tok.pos_ != "VERB" or lemma(tok).lower() not in CHARACTERISING_VERBS:
            continue
        if not any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
            continue
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
            continue
        if num is not None and _inside(num, tok):
            continue
        return Attribution(source=_phrase(subject), cue=tok.text.lower())
    return None


def _trailing_reporter(
    sent: Span, num: Token, previous: Speaker | None
) -> tuple[Token, str] | None:
    """'..., the agency said on Monday.': a reporting verb after a comma at the end of the
    sentence covers every figure before it, however the parser attached it."""
    for tok in sent:
        if (
            tok.i <= num.i
            or tok.pos_ not in ("VERB", "AUX")
            or lemma(tok).lower() not in REPORTING_VERBS
        ):
            continue
        if tok.dep_ not in ("ROOT", "conj", "parataxis", "ccomp", "advcl") or not _ends_clause(tok):
            continue
        subject = _subject(tok)
        if subject is None or not subject.i < tok.i:
            continue
        before = tok.doc[subject.left_edge.i - 1] if subject.left_edge.i > sent.start else None
        if before is not None and before.text in CLAUSE_BREAKS and num.i < subject.left_edge.i:
            source = _source_text(subject, previous)
            if source:
                return tok, source
    return _trailing_by_surface(sent, num, previous)


def _trailing_by_surface(
    sent: Span, num: Token, previous: Speaker | None
) -> tuple[Token, str] | None:
    """', the National Disaster Management Agency (BNPB) said': the same, read from the
    words when the parser tangled the clause (it sometimes makes the figure the subject)."""
    doc = sent.doc
    for tok in sent:
        if (
            tok.i <= num.i
            or tok.pos_ not in ("VERB", "AUX")
            or lemma(tok).lower() not in REPORTING_VERBS
        ):
            continue
        k = tok.i - 1
        while k > num.i and k > tok.i - 14 and doc[k].text not in CLAUSE_BREAKS:
            if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (".", ";"):
                return None
            k -= 1
        if k <= num.i or doc[k].text not in CLAUSE_BREAKS or k + 1 >= tok.i:
            return None
        phrase = doc[k + 1 : tok.i]
        if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in phrase) or not _ends_clause(tok):
            return None
        if phrase[0].pos_ in ("SCONJ", "CCONJ", "ADP", "ADV"):
            return None  # ", while the Dow added 210 points"
        if len(phrase) == 1 and phrase[0].lower_ in PRONOUNS:
            return (tok, previous.source) if previous is not None else None
        return tok, phrase.text.strip()
    return None


def sentence_speaker(sent: Span, previous: Speaker | None) -> Speaker | None:
    """The source a sentence names, if any (used for the next sentence's pronouns)."""
    according = _according_to(sent)
    if according is not None:
        return Speaker(according.source)
    for tok in sent:
        if lemma(tok).lower() in REPORTING_VERBS and tok.pos_ in ("VERB", "AUX"):
            subject = _subject(tok)
            if subject is not None:
                text = _source_text(subject, previous)
                if text:
                    return Speaker(text)
    # No reporting verb: the sentence's subject is who a following "It said" means.
    root = sent.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            return Speaker(_phrase(child))
    return previous


def _reporting_verb(num: Token) -> tuple[Token, Token] | None:
    """The reporting verb whose clause holds the figure, with its subject."""
    child = num
    cur = num.head
    steps = 0
    crossed = False
    while steps < 12:
        steps += 1
        if child.dep_ in BOUNDARY_DEPS and child.pos_ in ("VERB", "AUX") and _aside(child):
            # A clause that sets a scene or is the writer's aside ("the war in which 20,600
            # were killed", "Gaza, a war that has killed 20,600", "an attack that killed 11
            # last year"): a reporting verb before it does not cover it, but a trailing
            # "..., the ministry said." does.
            crossed = True
        if cur.pos_ in ("VERB", "AUX"):
            # "the campaign that the ministry said has killed 8,306": the parser may hang the
            # reporting verb on the subject as a relative clause
            for subj in (c for c in cur.children if c.dep_ == "nsubj"):
                for rel in subj.children:
                    if rel.dep_ == "relcl" and lemma(rel).lower() in REPORTING_VERBS:
                        subject = _subject(rel)
                        if (
                            subject is not None
                            and subject.i != subj.i
                            and not _inside(num, subject)
                        ):
                            return rel, subject
        if cur.pos_ in ("VERB", "AUX") and lemma(cur).lower() in REPORTING_VERBS:
            if crossed and cur.i < num.i:
                return None
            in_scope = child.dep_ not in OUT_OF_SCOPE_DEPS or _continues_report(cur, child)
            if in_scope and _covers(cur, child):
                subject = _subject(cur)
                if subject is not None and not _in_subject(num, subject, cur):
                    return cur, subject
        if cur.head.i == cur.i:
            break
        child, cur = cur, cur.head
    return None


def _continues_report(verb: Token, child: Token) -> bool:
    """'said that hundreds are missing and thousands are without food': a clause coordinated
    with the reported one, with no comma before the 'and' (', and rescuers found ...' is the
    writer's own)."""
    if child.dep_ != "conj" or child.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "ccomp" and verb.i < c.i < child.i for c in verb.children):
        return False
    cc = [c for c in verb.children if c.dep_ == "cc" and c.i < child.i]
    return bool(cc) and cc[-1].i > 0 and cc[-1].doc[cc[-1].i - 1].text != ","


def _covers(verb: Token, child: Token) -> bool:
    """Does the reporting verb's relation to ``child`` make it a source for what is inside?"""
    if child.dep_ in ("dobj", "npadvmod", "attr", "oprd", "dative") or (
        child.dep_ == "prep" and child.lower_ not in ("at", "to")
    ):
        verb_lemma = lemma(verb).lower()
        if verb_lemma not in OBJECT_REPORTING_VERBS:
            return False
        if verb_lemma == "put":  # "police put the number at 48,000", not "put in £50,000"
            return any(c.dep_ == "dobj" and lemma(c) in TALLY_OBJECTS for c in verb.children)
    return True


def _ends_clause(verb: Token) -> bool:
    """'..., the agency said.' / 'said on Monday': nothing the verb governs follows it except
    time and manner."""
    addressee = lemma(verb).lower() == "tell"  # 'told reporters': who heard it
    return not any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "attr")
        and c.i > verb.i
        and not (addressee and c.dep_ == "dobj")
        for c in verb.children
    )
















def _cue(verb: Token) -> str:
    return verb.text.lower()


def paragraph_source(sents: list[Span], previous: Speaker | None) -> list[str | None]:
    """For each sentence of a paragraph, the one source an earlier sentence of it names
    ('Igara said ... . Thirty people were confirmed dead.'); None when those name none or
    disagree. A paragraph with no source lends none, and a source named after a figure
    does not reach back to it (a lead's own claim, then 'Officials said ...')."""
    named = [stated_by(sent, previous) for sent in sents]
    found = []
    for k in range(len(sents)):
        others = {source for source in named[:k] if source}
        found.append(others.pop() if len(others) == 1 else None)
    return found


def stated_by(sent: Span, previous: Speaker | None) -> str | None:
    """The source a sentence names for what it states, if any."""
    according = _according_to(sent)
    if according is not None:
        return according.source
    characterised = _characterised(sent)
    if characterised is not None:
        return characterised.source
    for tok in sent:
        if _states(tok):
            subject = _subject(tok)
            if subject is not None and subject.pos_ in ("NOUN", "PROPN", "PRON"):
                text = _source_text(subject, previous)
                if text and text.lower() not in PRONOUNS:
                    return text
    return None


