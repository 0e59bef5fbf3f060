"""Who a source is, as written: the speaker's phrase ('the health ministry', 'Dickson Dalle'),
a data noun's owner ('figures from the port authority'), a resolved pronoun, and the phrases
that introduce a source without a verb ('according to X', 'as per X', 'citing X').
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Attribution
from ..nlp import lemma

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Nouns for a source's document: 'statistics provided by X', 'figures from X', "X's data".
DATA_NOUNS = frozenset(
    "statistic statistics figure figures data estimate estimates report tally count numbers "
    "record records survey poll study census toll assessment analysis statement".split()
)
PRONOUNS = frozenset("he she they it we i".split())
# "as per the ministry", "citing hospital officials": a source without a verb.
SOURCE_PREPS = (("as", "per"), ("citing",), ("quoting",))
_SOURCE_PREP_STARTS = frozenset(words[0] for words in SOURCE_PREPS)
QUOTE_MARKS = "\"“”‘’'"


@dataclass(frozen=True)
class Speaker:
    """The last named source of a sentence, for resolving a later 'he said'."""

    source: str


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
    if lemma(verb).lower() == "quote":  # "Dalle was quoted as telling reporters"
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                return child
    quoted = verb.head.head if verb.head.lower_ == "as" else None
    if quoted is not None and quoted.pos_ == "VERB" and lemma(quoted).lower() == "quote":
        for child in quoted.children:  # "X quoted officials as saying ...": the officials
            if child.dep_ == "dobj":
                return child
    return None


def _inside(tok: Token, subtree_root: Token) -> bool:
    return subtree_root.left_edge.i <= tok.i <= subtree_root.right_edge.i


def _in_subject(tok: Token, subject: Token, verb: Token) -> bool:
    """Is ``tok`` part of the speaker's phrase? A subject before its verb ends there: the
    parser sometimes hangs a later list on it ('The authorities said 24 were hurt ...: two
    workers and a woman')."""
    right = subject.right_edge.i
    if subject.i < verb.i:
        right = min(right, verb.i - 1)
    return subject.left_edge.i <= tok.i <= right


def _source_text(subject: Token, previous: Speaker | None) -> str | None:
    """The source as written: the subject's phrase, a data noun's owner, or a resolved pronoun."""
    if subject.lower_ == "all" and subject.head.lower_ == "told":
        return None  # "All told, ...": an idiom, not a speaker
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
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return _phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _phrase(obj)
        if child.dep_ == "acl":  # "statistics provided by the US", not "a report sent from X"
            for grand in child.children:
                if grand.dep_ == "agent" or (grand.dep_ == "prep" and grand.lower_ == "by"):
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
    words = span.text.strip(" ," + QUOTE_MARKS)
    if len(span) > 12:  # keep a long source readable: its entity or head noun phrase
        words = doc[max(left, tok.i - 4) : tok.i + 1].text.strip(" ," + QUOTE_MARKS)
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
