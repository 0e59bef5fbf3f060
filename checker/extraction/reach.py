"""Sources beyond the sentence: how a news story names whose figures it gives.

A story names a source once and goes on: 'Igara said four villages were destroyed. Thirty
people were confirmed dead.'; it puts the source at the end of a passage ('... . The last
tsunami struck in 1930, McCue said.'); it runs a quotation over several sentences or
paragraphs and closes it with '..., X told reporters.'; it gives a figure in the lead and the
source two paragraphs down, where the figure is repeated; it continues a speaker's list of
figures in the next paragraph ('Sixteen died in Arop, and two children in Malol.').

A figure that its own sentence does not attribute (:mod:`.attribution`) takes, in this order
(the ``cue`` of its attribution says which):

- ``paragraph``: the one source the earlier sentences of its paragraph name (the speaker of a
  quotation reaches only the quotations after it), or the source a later sentence of the
  paragraph names at its end, after what it reports ('..., McCue said.'; a sentence that
  opens with its own speaker, 'Forecasters said ...', reaches no further back);
- ``quote``: the speaker who closes a quotation the figure is in, carried over paragraph
  breaks (each paragraph opening with a quotation mark) and closed by '..., X told Y';
- ``repeated``: the source a later sentence names for the same figure (same value, same
  measure), in the figure's paragraph or the next two;
- ``continued``: when its paragraph names no source at all, the one named source of the
  previous paragraph (a person or a named body, not 'officials'), given in reported speech,
  if the paragraph carries on that speaker's list: a figure of a measure the speaker gave as
  a fact, or a figure for one of the places the speaker listed, two of which it names again.

A figure dated to another period (an ``event_date`` of a year, decade or month) takes none
of these: the speaker of today's toll did not give the toll of 1991.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Attribution, Claim
from ..nlp import lemma
from .attribution import (
    PRONOUNS,
    REPORTING_VERBS,
    Speaker,
    _ends_clause,
    _other_time,
    _source_text,
    _subject,
    sentence_speaker,
    stated_by,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

# A sentence worth parsing for its source alone (it holds no figure): any form of a verb the
# reach reads, or a phrase that introduces a source.
REPORT_CUE_RE = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|t(?:ells|old|elling)|report(?:s|ed)|announc(?:es|ed)|"
    r"confirm(?:s|ed)|stated|estimated|added|quot(?:es|ed|ing)|according to|as per|citing)\b"
    r"|\bwhat\b[^.]{0,80}\b(?:called|described|termed|dubbed)\b",
    re.IGNORECASE,
)
QUOTE_MARKS = "“”\""
REPEAT_PARAGRAPHS = 2  # a repeated figure is looked for this many paragraphs down
REPEAT_FIGURES = 60  # and among this many figures at most
QUOTE_PARAGRAPHS = 3  # a quotation is followed this many paragraphs down
MAX_SOURCE_SENTENCE = 1_000  # characters: longer sentences are not parsed for a source alone
# Cues of a source lent from another sentence: a repeated figure lends only a source its own
# sentence names.
LENT_CUES = frozenset({"paragraph", "quote", "repeated", "continued"})


@dataclass(frozen=True)
class Passage:
    """One parsed sentence, as the reach reads it."""

    paragraph: int
    start: int  # offsets in the document
    end: int
    source: str | None  # the source it names for what it states
    trailing: str | None  # a source named at its end, after what it reports
    marks: str  # its double quotation marks, in order
    opens_quoted: bool  # it begins with an opening quotation mark
    names: frozenset[str]  # proper names it mentions, other than its source's
    named: bool = False  # its source has a name ('UNB', 'Igara'), not only a kind ('officials')
    reframed: bool = False  # it opens in another period ('In 1988, ...', 'Last month, ...')


def quote_open(marks: str, open_at_start: bool = False) -> bool:
    """Is a quotation open after ``marks`` (opening “, closing ”, straight " either)?"""
    depth = 1 if open_at_start else 0
    for char in marks:
        if char == "“":
            depth += 1
        elif char == "”":
            depth = max(0, depth - 1)
        elif char == '"':
            depth = 0 if depth else 1
    return depth > 0


def opens_with_quote(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in ("“", '"')


def _marks(text: str) -> str:
    return "".join(char for char in text if char in QUOTE_MARKS)


def source_sentences(split, taken, sentences, may_hold_figure) -> list[tuple[int, str]]:
    """The sentences (start, text) worth parsing for the source they may name, outside the
    ``taken`` pieces: in a paragraph with a figure, those that may name a source; likewise in
    the paragraph before it (a list it continues); and the paragraphs that carry on a
    quotation a figure paragraph leaves open. ``split`` is the document's paragraphs (start,
    text); ``sentences`` and ``may_hold_figure`` are the cheap splitter and figure test."""
    paragraphs = [list(sentences(start, para)) for start, para in split]
    figured = [any(may_hold_figure(text) for _, text in sents) for sents in paragraphs]
    wanted: set[int] = set()
    for k, sents in enumerate(paragraphs):
        if not figured[k]:
            continue
        cues = {start for start, text in sents if REPORT_CUE_RE.search(text)}
        wanted |= cues
        if k > 0 and not cues:  # a paragraph that names no source may continue a list
            wanted.update(start for start, text in paragraphs[k - 1] if REPORT_CUE_RE.search(text))
        open_quote = quote_open(_marks("".join(text for _, text in sents)))
        nxt = k + 1
        while open_quote and nxt < len(paragraphs) and nxt <= k + QUOTE_PARAGRAPHS:
            following = paragraphs[nxt]
            if not following or not opens_with_quote(following[0][1]):
                break
            wanted.update(start for start, _ in following)
            open_quote = quote_open(_marks("".join(text for _, text in following)))
            nxt += 1
    spans = sorted((piece.start, piece.start + len(piece.text)) for piece in taken)
    firsts = [a for a, _ in spans]
    found = []
    for sents in paragraphs:
        for start, text in sents:
            if start not in wanted or len(text) > MAX_SOURCE_SENTENCE or not text.strip():
                continue
            end = start + len(text)
            i = bisect.bisect_left(firsts, end) - 1  # the last piece starting before our end
            if i >= 0 and spans[i][1] > start:
                continue  # already parsed
            found.append((start, text))
    return found


def with_source_sentences(sentences, may_hold_figure, piece, split, chosen: list) -> list:
    """``chosen`` pieces with a context ``piece(start, sentence, needed=False, reach=True)``
    for each sentence worth parsing for its source alone (:func:`source_sentences`), in text
    order, every piece numbered by its paragraph of ``split`` (its ``paragraph`` field)."""
    found = source_sentences(split, chosen, sentences, may_hold_figure)
    extra = [piece(start, text, needed=False, reach=True) for start, text in found]
    firsts = [start for start, _ in split]
    return [
        dataclasses.replace(item, paragraph=bisect.bisect_right(firsts, item.start) - 1)
        for item in sorted([*chosen, *extra], key=_start)
    ]


def _start(piece) -> int:
    return piece.start


def read_sources(doc, start: int, paragraph: int, speaker, passages: list) -> Speaker | None:
    """Read a piece parsed only for its sources: its passages, and the speaker it leaves."""
    for sent in doc.sents:
        speaker = read_sentence(sent, start, paragraph, speaker, passages)
    return speaker


def read_sentence(sent: Span, start: int, paragraph: int, speaker, passages: list):
    """Add the sentence's passage to ``passages``; the speaker it leaves for the next one."""
    passages.append(passage(sent, start, paragraph, speaker))
    return sentence_speaker(sent, speaker)


def passage(sent: Span, offset: int, paragraph: int, speaker: Speaker | None) -> Passage:
    source = stated_by(sent, speaker)
    trailing = trailing_source(sent, speaker)
    source = source or trailing
    text = sent.text
    skip = set()
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and lemma(tok).lower() in REPORTING_VERBS:
            subject = _subject(tok)
            if subject is not None:
                skip.update(range(subject.left_edge.i, subject.right_edge.i + 1))
    names = frozenset(
        tok.lower_ for tok in sent if tok.pos_ == "PROPN" and tok.i not in skip and len(tok) > 2
    )
    return Passage(
        paragraph=paragraph,
        start=offset + sent.start_char,
        end=offset + sent.end_char,
        source=source,
        trailing=trailing,
        marks=_marks(text),
        opens_quoted=opens_with_quote(text),
        names=names,
        named=bool(source) and _has_name(sent, source),
        reframed=_reframed(sent),
    )


def _reframed(sent: Span) -> bool:
    """Does the sentence open with a time of another period ('Since 2011, ...', 'Last month,
    ...')? It is the writer's background: a speaker named around it does not reach it."""
    for tok in sent[:8]:
        if tok.text == ",":
            return False
        if _other_time(tok):
            return True
    return False


def trailing_source(sent: Span, speaker: Speaker | None) -> str | None:
    """The source a sentence names at its end, after what it reports: '..., McCue said.',
    '...," said Karmakar, the head of the department.', or a sentence that is nothing but its
    reporter ('Austin Crapp, a relief organizer, told ABC radio.')."""
    doc = sent.doc
    for tok in reversed(sent):
        if tok.pos_ not in ("VERB", "AUX") or lemma(tok).lower() not in REPORTING_VERBS:
            continue
        subject = _subject(tok)
        if subject is None or not _ends_clause(tok):
            continue
        first = min(subject.left_edge.i, tok.i)
        k = first - 1
        while k >= sent.start and doc[k].is_punct and doc[k].text not in (",", "—", "–"):
            k -= 1
        bare = k < sent.start  # nothing but quotation marks before the reporter
        after_break = k >= sent.start and doc[k].text in (",", "—", "–") or (
            first - 1 >= sent.start and doc[first - 1].text in ("”", '"', "’")
        )
        if not (bare or after_break):
            return None
        source = _source_text(subject, speaker)
        if source and source.lower() not in PRONOUNS:
            return source
        return None
    return None


def reach(claims: list[Claim], passages: Sequence[Passage]) -> list[Claim]:
    """``claims`` (in text order), those with no source given one from beyond their
    sentence when the story's conventions reach them."""
    if not passages or not claims:
        return claims
    story = _Story(claims, passages)
    result = list(claims)
    for k, claim in enumerate(claims):
        i = story.where[k]
        elsewhere = _other_period(claim) or (i is not None and story.passages[i].reframed)
        if elsewhere and claim.attribution and claim.attribution.cue in LENT_CUES:
            result[k] = dataclasses.replace(claim, attribution=None)  # lent by its piece
            continue
        if claim.attribution is not None or i is None or elsewhere:
            continue
        found = (
            story.in_paragraph(i)
            or story.in_quote(i)
            or story.repeated(k)
            or story.continued(k)
        )
        if found is not None:
            source, cue = found
            result[k] = dataclasses.replace(claim, attribution=Attribution(source, cue))
            story.lent.setdefault(story.passages[i].paragraph, set()).add(source)
    return result


class _Story:
    """The passages and claims of one document, indexed for the reach."""

    def __init__(self, claims: Sequence[Claim], passages: Sequence[Passage]) -> None:
        self.claims = claims
        self.passages = sorted(passages, key=lambda p: p.start)
        starts = [p.start for p in self.passages]
        self.where = [_passage_index(starts, claim.start) for claim in claims]
        self.members: dict[int, list[int]] = {}
        for i, p in enumerate(self.passages):
            self.members.setdefault(p.paragraph, []).append(i)
        # whether a quotation is open after each passage, read through its paragraph
        self.open_after: list[bool] = [False] * len(self.passages)
        for members in self.members.values():
            state = False
            for i in members:
                state = quote_open(self.passages[i].marks, state)
                self.open_after[i] = state
        self.names = {para: self._names(members) for para, members in self.members.items()}
        self.own: dict[int, set[str]] = {}  # sources each paragraph names or gives its figures
        self.measures: dict[int, set[str]] = {}
        for para, members in self.members.items():
            self.own[para] = {self.passages[i].source for i in members if self.passages[i].source}
        for claim, i in zip(claims, self.where, strict=True):
            if i is None:
                continue
            para = self.passages[i].paragraph
            if claim.attribution is not None:
                self.own[para].add(claim.attribution.source)
            if claim.measure is not None and claim.modality == "reported":
                self.measures.setdefault(para, set()).add(claim.measure)
        self.lent: dict[int, set[str]] = {}
        self.verdicts: dict[int, str | None] = {}
        self.claims_in: dict[int, list[Claim]] = {}
        for claim, i in zip(claims, self.where, strict=True):
            if i is not None:
                self.claims_in.setdefault(self.passages[i].paragraph, []).append(claim)

    def _names(self, members: Sequence[int]) -> set[str]:
        return {name for i in members for name in self.passages[i].names}

    def quoted(self, i: int) -> bool:
        """Is passage ``i`` (in part) a quotation?"""
        here = self.passages[i]
        return bool(here.marks) or (i > 0 and self.open_after[i - 1] and self._same_paragraph(i))

    def _same_paragraph(self, i: int) -> bool:
        return self.passages[i - 1].paragraph == self.passages[i].paragraph

    def in_paragraph(self, i: int) -> tuple[str, str] | None:
        """The one source of the earlier sentences of the paragraph (a speaker of a quotation
        reaches only the quotations after it: '“...,” said Ruiz. Eight were flown out.' is
        the writer's), else one named at the end of a later sentence."""
        members = self.members[self.passages[i].paragraph]
        quoted = self.quoted(i)
        earlier = {
            self.passages[j].source
            for j in members
            if j < i and self.passages[j].source and (quoted or not self.passages[j].marks)
        }
        if len(earlier) == 1:
            return earlier.pop(), "paragraph"
        if earlier:
            return None
        for j in members:
            if j <= i:
                continue
            if self.passages[j].trailing:
                return self.passages[j].trailing, "paragraph"
            if self.passages[j].source:
                return None
        return None

    def in_quote(self, i: int) -> tuple[str, str] | None:
        """A quotation open from the figure's sentence to the end of its paragraph, carried
        on by the next paragraphs (each opening with a quotation mark), closed by '..., X
        said'."""
        paragraph = self.passages[i].paragraph
        members = self.members[paragraph]
        if not all(self.open_after[j] for j in members if j >= i):
            return None
        for _ in range(QUOTE_PARAGRAPHS):
            paragraph += 1
            following = self.members.get(paragraph)
            if not following or not self.passages[following[0]].opens_quoted:
                return None
            for j in following:
                if self.passages[j].trailing:
                    return self.passages[j].trailing, "quote"
                if self.passages[j].source:
                    return None
            if not self.open_after[following[-1]]:
                return None
        return None

    def repeated(self, k: int) -> tuple[str, str] | None:
        """A later sentence, within the next paragraphs, that gives the same figure with a
        source of its own."""
        claim = self.claims[k]
        if claim.measure is None:
            return None
        paragraph = self.passages[self.where[k]].paragraph
        for m in range(k + 1, min(len(self.claims), k + 1 + REPEAT_FIGURES)):
            other, j = self.claims[m], self.where[m]
            if j is None:
                continue
            if self.passages[j].paragraph > paragraph + REPEAT_PARAGRAPHS:
                break
            source = other.attribution
            if (
                source is not None
                and source.cue not in LENT_CUES
                and other.measure == claim.measure
                and other.value == claim.value
                and not _other_period(other)
            ):
                return source.source, "repeated"
        return None

    def continued(self, k: int) -> tuple[str, str] | None:
        """The previous paragraph's one source, when the figure's paragraph carries on that
        speaker's account (:meth:`_continues`); decided once for the whole paragraph."""
        here = self.passages[self.where[k]].paragraph
        if here not in self.verdicts:
            self.verdicts[here] = self._continues(here)
        source = self.verdicts[here]
        return (source, "continued") if source else None

    def _continues(self, here: int) -> str | None:
        """The paragraph names no source and carries on the account of the previous
        paragraph's one speaker, given in reported speech (a quotation ends with its
        paragraph): one of its figures is of a measure the speaker gave as a fact, or is for
        one of a list of places the speaker named, two or more of which the paragraph names
        again (the place in the figure's own phrase: 'At Warapu, 500 died')."""
        before = here - 1
        if self.own.get(here) or before not in self.members:
            return None
        members = self.members[before]
        sources = {self.passages[j].source for j in members if self.passages[j].source}
        sources |= self.lent.get(before, set())
        if len(sources) != 1:
            return None
        source = next(iter(sources))
        speaking = [j for j in members if self.passages[j].source == source]
        if any(self.passages[j].marks for j in speaking):
            return None
        if not any(self.passages[j].named for j in speaking) and before not in self.lent:
            return None
        # a list of places the speaker named, carried on: two or more of them named again
        names = {name for j in speaking for name in self.passages[j].names}
        names &= self.names[here]
        if len(names) < 2:
            names = set()
        for claim in self.claims_in.get(here, ()):
            if claim.modality != "reported" or _other_period(claim):
                continue
            if claim.measure is not None and claim.measure in self.measures.get(before, ()):
                return source
            if claim.location_from == "phrase" and any(
                word in names for word in claim.location.lower().split()
            ):
                return source
        return None


def _other_period(claim: Claim) -> bool:
    """Is the figure dated to another period than the story's: a year, a decade or a month
    ('in 1991', 'in the 1840s', 'last month'), not a day of the story ('on October 7')?"""
    return claim.event_date is not None and len(claim.event_date) != 10


def _has_name(sent: Span, source: str) -> bool:
    """Does the source, as the sentence writes it, have a name ('UNB', 'Igara', 'Semarang port
    official'), not only a kind ('officials', 'the authorities', 'Neighborhood residents')?"""
    words = set(source.split())
    return any(tok.pos_ == "PROPN" and tok.text in words for tok in sent)


def _passage_index(starts: list[int], offset: int) -> int | None:
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 else None
