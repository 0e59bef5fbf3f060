"""Who says so: 'according to X', 'X said', '..., the ministry said', 'statistics provided by X'.

A reporting verb covers the clause it governs: walking up from the figure, it is found before
any relative-clause boundary, and the figure is not inside its subject or a coordinated
clause. A pronoun source ('He said') is resolved to the previous sentence's speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Attribution
from ..nlp import lemma

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

REPORTING_VERBS = frozenset(
    "say tell report estimate confirm announce state claim add note put count record show "
    "reveal indicate find allege warn insist forecast predict project calculate document "
    "publish cite acknowledge admit tally quote explain write tweet post declare "
    "assert suggest testify disclose".split()
)
# Nouns for a source's document: 'statistics provided by X', 'figures from X', "X's data".
DATA_NOUNS = frozenset(
    "statistic statistics figure figures data estimate estimates report tally count numbers "
    "record records survey poll study census toll assessment analysis statement".split()
)
PRONOUNS = frozenset("he she they it we i".split())
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
# "as per the ministry", "citing hospital officials": a source without a verb.
SOURCE_PREPS = (("as", "per"), ("citing",), ("quoting",))
_SOURCE_PREP_STARTS = frozenset(words[0] for words in SOURCE_PREPS)


@dataclass(frozen=True)
class Speaker:
    """The last named source of a sentence, for resolving a later 'he said'."""

    source: str


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
        if child.dep_ in BOUNDARY_DEPS and child.pos_ in ("VERB", "AUX"):
            # A relative clause describes something else: a reporting verb before it does not
            # cover it, but a trailing "..., the ministry said." covers the whole sentence.
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
            if child.dep_ not in OUT_OF_SCOPE_DEPS and _covers(cur, child):
                subject = _subject(cur)
                if subject is not None and not _inside(num, subject):
                    return cur, subject
        if cur.head.i == cur.i:
            break
        child, cur = cur, cur.head
    return None


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


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            return child
        if child.dep_ == "agent":  # "was confirmed by the ministry"
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    quoted = verb.head.head if verb.head.lower_ == "as" else None
    if quoted is not None and quoted.pos_ == "VERB" and lemma(quoted).lower() == "quote":
        for child in quoted.children:  # "X quoted officials as saying ...": the officials
            if child.dep_ == "dobj":
                return child
    return None


def _inside(tok: Token, subtree_root: Token) -> bool:
    return subtree_root.left_edge.i <= tok.i <= subtree_root.right_edge.i


def _source_text(subject: Token, previous: Speaker | None) -> str | None:
    """The source as written: the subject's phrase, a data noun's owner, or a resolved pronoun."""
    if subject.lower_ in PRONOUNS:
        if previous is not None:
            return previous.source
        return subject.text if subject.lower_ not in ("it", "i", "we") else None
    if lemma(subject).lower() in DATA_NOUNS:  # "data from the ministry showed"
        owner = _data_owner(subject)
        if owner:
            return owner
    return _phrase(subject)


def _data_owner(noun: Token) -> str | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return _phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _phrase(obj)
        if child.dep_ == "acl":  # "statistics provided by the US"
            for grand in child.children:
                if grand.dep_ == "agent" or (
                    grand.dep_ == "prep" and grand.lower_ in ("by", "from")
                ):
                    for obj in grand.children:
                        if obj.dep_ == "pobj":
                            return _phrase(obj)
    return None


def _phrase(tok: Token) -> str:
    """The noun phrase headed by ``tok``, without relative clauses or trailing appositions."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl"):
            break
        if child.dep_ == "prep" and child.lower_ not in ("of", "for", "in"):
            break
        right = child.right_edge.i
    span = doc[left : right + 1]
    words = span.text.strip(" ,")
    if len(span) > 12:  # keep a long source readable: its entity or head noun phrase
        words = doc[max(left, tok.i - 4) : tok.i + 1].text
    return words


def _cited(sent: Span) -> Attribution | None:
    """'as per the ministry', 'citing local officials': the source the words introduce."""
    doc = sent.doc
    for tok in sent:
        if tok.lower_ not in _SOURCE_PREP_STARTS:
            continue
        for words in SOURCE_PREPS:
            end = tok.i + len(words)
            if end >= sent.end or [t.lower_ for t in doc[tok.i : end]] != list(words):
                continue
            obj = doc[end]
            while obj.head.i != obj.i and obj.dep_ in ("compound", "amod", "det", "poss"):
                obj = obj.head
            if obj.pos_ not in ("NOUN", "PROPN"):
                continue
            if lemma(obj).lower() in DATA_NOUNS:
                owner = _data_owner(obj)
                if owner:
                    return Attribution(source=owner, cue=" ".join(words))
            return Attribution(source=_phrase(obj), cue=" ".join(words))
    return None


def _cue(verb: Token) -> str:
    return verb.text.lower()


def paragraph_source(sents: list[Span], previous: Speaker | None) -> list[str | None]:
    """For each sentence of a paragraph, the one source an earlier sentence of it names
    ('Igara said ... . Thirty people were confirmed dead.'); None when those name none or
    disagree. A paragraph with no source lends none, and a source named after a figure
    does not reach back to it (a lead's own claim, then 'Officials said ...')."""
    named = [_stated_by(sent, previous) for sent in sents]
    found = []
    for k in range(len(sents)):
        others = {source for source in named[:k] if source}
        found.append(others.pop() if len(others) == 1 else None)
    return found


def _stated_by(sent: Span, previous: Speaker | None) -> str | None:
    according = _according_to(sent)
    if according is not None:
        return according.source
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and lemma(tok).lower() in PARAGRAPH_VERBS:
            subject = _subject(tok)
            if subject is not None and subject.pos_ in ("NOUN", "PROPN", "PRON"):
                text = _source_text(subject, previous)
                if text and text.lower() not in PRONOUNS:
                    return text
    return None


def _according_to(sent: Span) -> Attribution | None:
    cited = _cited(sent)
    if cited is not None:
        return cited
    for tok in sent:
        if (
            tok.lower_ == "according"
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lower_ == "to"
        ):
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if not objs:
                continue
            obj = objs[0]
            if lemma(obj).lower() in DATA_NOUNS:
                owner = _data_owner(obj)
                if owner:
                    return Attribution(source=owner, cue="according to")
            return Attribution(source=_phrase(obj), cue="according to")
    return None
