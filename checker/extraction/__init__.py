"""Numeric claim extraction: pure functions from text (via spaCy Docs) to Claims.

The flow: the text is cut into paragraphs; only paragraphs that hold a candidate figure (and
the paragraph before one that opens with a pronoun source) go through the statistical
pipeline, batched with ``nlp.pipe``; each Doc is scanned for quantities, and each quantity
gets its concept, measure, place, group, date and source from the parse.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Attribution, Claim, shared
from ..units import TIME_UNITS, dimension
from ..vocabulary import Vocabulary
from .attribution import Speaker, attribution_of, paragraph_source
from .carry import blank_dateline, carry_places, dateline_place
from .ellipsis import elided_from
from .events import as_of_event, event_date_of, same_year
from .groups import force_of, group_of
from .measure import concept_of, measure_of
from .modality import modality_of
from .parts import part_of
from .place import place_of, sentence_place, source_place
from .quantities import Quantity, find_quantities
from .reach import Passage, reach, read_sentence, read_sources, with_source_sentences
from .sites import place_mentions, with_site_sentences
from .syntax import anchor, counted_noun
from .timing import StoryTime, date_of, named_day, report_date, sentence_days

if TYPE_CHECKING:
    from spacy.tokens import Doc


# A cheap test for "this paragraph may hold a figure": digits, number words, vague amounts.
CANDIDATE_RE = re.compile(
    r"\d|[½⅓⅔¼¾⅛⅕⅖⅗⅘⅙⅚⅜⅝⅞⅐⅑⅒]|"
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|"
    r"scores of|several|a few|a handful|a couple of|half an?|half of|"
    r"(?:a|one)\s*-?\s*(?:half|third|quarter|fourth|fifth|sixth|eighth|tenth)|"
    r"(?:half|quarter) (?:million|billion)|(?:zero|nought|naught) point|"
    r"(?:than|nearly|almost) half|one (?:in|out of) \w+)\b"
    # "one" is everywhere ("one of the", "no one"); it is a figure mostly after a qualifier
    # or before a noun it counts, which the parse decides; here only the likely cases.
    r"|\b(?:least|only|just|than|killing|killed|injuring|wounding|and|minus|negative) one\b"
    r"|\bone[ -](?:year|month|week|day)[ -]old\b"
    r"|^[^\w\n]*one (?!of\b)\w+ (?:was|were|is|has|had|died)\b",  # not \W*: it crosses lines
    re.IGNORECASE | re.MULTILINE,
)
# Numbers that are certainly not figures, removed before the candidate test so that a
# sentence whose only digits are a date or a time is not parsed at all.
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
NOT_FIGURE_RE = re.compile(
    rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:\s+\d{{4}})?\b"
    rf"|\b{MONTH}\s+\d{{4}}\b"
    r"|\b(?:in|since|of|by|until|from|to|during|before|after)\s+(?:18|19|20)\d\d\b"
    r"|\b\d{1,2}:\d\d\b|\b(?![1-9]/[2348]\b(?!/))\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
)


def _may_hold_figure(sentence: str) -> bool:
    return bool(CANDIDATE_RE.search(sentence)) and bool(
        CANDIDATE_RE.search(NOT_FIGURE_RE.sub(" ", sentence))
    )


PRONOUN_START_RE = re.compile(r"^\W*(?:he|she|they|it|we)\b", re.IGNORECASE)
# Lines up to a blank line. "[^\S\n]*" (blank but not a line end) keeps the look-ahead within
# one line: "\s*" ran on through every following blank line, quadratic on "\n \n \n ...".
PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n(?![^\S\n]*\n)[^\n]+)*")
MAX_PIECE = 20_000  # characters per Doc; longer paragraphs are cut at sentence ends
# Longer "sentences" (run-on text, a dump with no full stops) are cut at spaces and parsed
# apart: every claim carries its sentence, and its source is looked for across it, so one
# 20,000-character "sentence" made a 5 MB file print 1 GB of JSON. News sentences stay
# far below this (the longest in the test articles: 323 characters).
MAX_SENTENCE = 1_000


@dataclass(frozen=True)
class Piece:
    """A stretch of the text parsed as one Doc; ``needed`` is False for context-only pieces;
    ``places_only`` for a sentence read only for where the story's event happened."""

    start: int
    text: str
    needed: bool = True
    places_only: bool = False
    reach: bool = False  # read only for the source it names (:mod:`.reach`)
    paragraph: int = -1  # the paragraph's number in the document

    @property
    def parsed_text(self) -> str:
        """The text the parser reads: a wire dateline at the document's start blanked out
        ("LOKOJA, Nigeria: Floods in Kogi state have displaced ..." would make the city the
        sentence's subject), every offset kept."""
        if self.start >= DATELINE_REACH:
            return self.text
        return blank_dateline(self.text)


# Sentence ends for the cheap pre-split: end punctuation (and closing quotes or brackets),
# then space and a capital, a digit or an opening quote. Abbreviations are checked apart.
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt maj cmdr adm gov sen rep st mt no nos vs etc inc "
    "ltd co corp jr sr jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u "
    "a.m p.m approx est fig dept univ ave blvd rd".split()
)


def sentences(start: int, text: str) -> Iterator[tuple[int, str]]:
    """Split a paragraph into sentences cheaply (no statistical model)."""
    begin = 0
    for match in SENTENCE_END_RE.finditer(text):
        end = match.start()
        word = (
            text[max(begin, end - 12) : end].rsplit(None, 1)[-1].lower().rstrip(".!?")
            if end > begin
            else ""
        )
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue  # "U.S. forces", "Mr. Smith", initials
        yield start + begin, text[begin : match.end()]
        begin = match.end()
    if begin < len(text):
        yield start + begin, text[begin:]


# The work per document is bounded (issue 17: 1.5 MB of "1, 1, 1, ..." took 509 s and 1.7 GB;
# a 1.2 MB Markdown table 193 s and 314 MB of JSON). A sentence (or a run-on stretch cut at
# MAX_SENTENCE) is read up to its MAX_FIGURES_PER_SENTENCE-th figure, a document up to its
# MAX_FIGURES_PER_DOCUMENT-th; the rest is skipped, and the run says so (a note naming the
# file: :func:`figures_skipped`). News stays far below both (no article in seeds/ or
# tests/articles/ reaches 100 figures in all); what lies beyond is a table or a dump, whose
# cost per figure grows with its sentence (each figure's source is looked for across it).
MAX_FIGURES_PER_SENTENCE = 30
MAX_FIGURES_PER_DOCUMENT = 2_000
# What counts as a figure for the caps: a run of digits ("1,400", "2.5"), or a number word.
FIGURE_RE = re.compile(
    r"\d+(?:[.,]\d+)*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|"
    r"billions?|dozens?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cut:
    """What :func:`cut` gives: the pieces to parse, and how many figures the caps skipped."""

    pieces: list[Piece]
    skipped: int = 0


class _Budget:
    """The figures a document may still have read, and those skipped so far."""

    def __init__(self) -> None:
        self.left = MAX_FIGURES_PER_DOCUMENT
        self.skipped = 0

    def take(self, sentence: str) -> str:
        """``sentence`` up to the figures the caps allow (all of it when within them)."""
        allowed = min(MAX_FIGURES_PER_SENTENCE, self.left)
        count, end = 0, None
        for match in FIGURE_RE.finditer(sentence):
            count += 1
            if count == allowed + 1:
                end = match.start()
        kept = min(count, allowed)
        self.left -= kept
        self.skipped += count - kept
        return sentence if end is None else sentence[:end]

    def skip_rest(self, text: str, start: int) -> None:
        """Count the figures of ``text`` from ``start`` on as skipped."""
        self.skipped += sum(1 for _ in FIGURE_RE.finditer(text, start))


def pieces(text: str, *, fast: bool = True) -> list[Piece]:
    """Cut ``text`` into the stretches that need parsing, in order (see :func:`cut`)."""
    return cut(text, fast=fast).pieces


def figures_skipped(text: str) -> int:
    """How many figures of ``text`` the caps leave unread (0 for any news article)."""
    for count, _ in enumerate(FIGURE_RE.finditer(text), 1):
        if count > MAX_FIGURES_PER_SENTENCE:  # else no cap can be reached
            return cut(text).skipped
    return 0


# (split, chosen) -> chosen, with sentences read only for their source, numbered (.reach)
_with_sources = functools.partial(with_source_sentences, sentences, _may_hold_figure, Piece)


def cut(text: str, *, fast: bool = True) -> Cut:
    """Cut ``text`` into the stretches that need parsing, in order.

    Paragraphs (split at line breaks) are cut into sentences; only sentences that may hold a
    figure are kept, each with the sentence before it when it opens with a pronoun ("He
    said ...") so its source can be resolved. A sentence is read up to its
    ``MAX_FIGURES_PER_SENTENCE``-th figure and the document up to its
    ``MAX_FIGURES_PER_DOCUMENT``-th: the work is linear in the text. ``fast=False`` keeps
    every paragraph whole (and uncapped).
    """
    paragraphs = [(m.start(), m.group()) for m in PARAGRAPH_RE.finditer(text)]
    split: list[tuple[int, str]] = []
    for start, para in paragraphs:
        split.extend(_cut_long(start, para))
    if not fast:
        return Cut(_with_sources(split, [Piece(start, para) for start, para in split]))
    chosen: list[Piece] = []
    budget = _Budget()
    previous: tuple[int, str] | None = None  # the sentence before, for "He said ..."
    read = 0  # where the text has been read to: figures after it are skipped when capped
    for start, para in split:
        if budget.left <= 0:
            break
        read = start
        if not CANDIDATE_RE.search(para):
            previous = (start, para)
            continue
        run_start, run_parts = -1, []
        for s_start, sentence in sentences(start, para):
            if budget.left <= 0:
                break
            if len(sentence) > MAX_SENTENCE:
                if run_parts:
                    chosen.append(Piece(run_start, "".join(run_parts)))
                    run_parts = []
                for c_start, chunk in _cut_long(s_start, sentence, MAX_SENTENCE):
                    if budget.left <= 0:
                        break
                    if _may_hold_figure(chunk):
                        chosen.append(Piece(c_start, budget.take(chunk)))
                    previous, read = (c_start, chunk), c_start + len(chunk)
                continue
            if _may_hold_figure(sentence):
                if not run_parts and previous is not None and PRONOUN_START_RE.match(sentence):
                    if previous[0] >= start:  # same paragraph: parse them together
                        run_start, run_parts = previous[0], [previous[1]]
                    elif not chosen or chosen[-1].start + len(chosen[-1].text) <= previous[0]:
                        chosen.append(Piece(previous[0], previous[1], needed=False))
                if not run_parts:
                    run_start = s_start
                kept = budget.take(sentence)
                run_parts.append(kept)
                if len(kept) < len(sentence):  # cut short: the piece must end here
                    chosen.append(Piece(run_start, "".join(run_parts)))
                    run_parts = []
            elif run_parts:
                chosen.append(Piece(run_start, "".join(run_parts)))
                run_parts = []
            previous, read = (s_start, sentence), s_start + len(sentence)
        if run_parts:
            chosen.append(Piece(run_start, "".join(run_parts)))
    if budget.left <= 0:
        budget.skip_rest(text, read)
    chosen = _with_sources(split, with_site_sentences(split, chosen, sentences, SITE))
    return Cut(chosen, budget.skipped)


# A sentence read only for where the story's event happened (:mod:`.sites`).
SITE = functools.partial(Piece, needed=False, places_only=True)


def _cut_long(start: int, para: str, limit: int = MAX_PIECE) -> Iterator[tuple[int, str]]:
    """Paragraphs longer than a Doc should be are cut at a sentence end (or a space)."""
    while len(para) > limit:
        cut = max(para.rfind(". ", 0, limit), para.rfind("\n", 0, limit))
        if cut <= 0:
            cut = para.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit - 1
        yield start, para[: cut + 1]
        start += cut + 1
        para = para[cut + 1 :]
    if para.strip():
        yield start, para


def claims_from_docs(
    parsed: Iterable[tuple[Piece, Doc]],
    *,
    published: dt.date | None,
    vocabulary: Vocabulary,
    path: str | None = None,
) -> Iterator[Claim]:
    """Claims from parsed pieces of one document, in text order."""
    speaker: Speaker | None = None
    previous: list[Claim] = []
    last_end = -1
    found: list[Claim] = []  # the document's claims, placed from the whole text at the end
    mentions: list[str] = []  # every place the parsed text names, for the article's place
    dateline = None
    now = published  # the day the story reports as its own: its dateline's, else publication
    passages: list[Passage] = []  # every parsed sentence, for sources beyond the sentence
    story = StoryTime()  # the days the story names, for its measurements of the event
    for piece, doc in parsed:
        if piece.places_only or piece.reach:  # read for places, or for the source it names
            mentions.extend(place_mentions(doc, vocabulary) if piece.places_only else ())
            said = read_sources(doc, piece.start, piece.paragraph, speaker, passages)
            speaker = said if piece.reach else speaker
            continue
        if last_end < 0 and piece.start < DATELINE_REACH:
            dateline = dateline_place(piece.text, vocabulary)
            now = report_date(piece.text, published) or published
        mentions.extend(place_mentions(doc, vocabulary))
        story.read(piece.text, now)
        if piece.start != last_end:
            speaker = (
                None
                if piece.start - last_end > 1 and last_end >= 0 and not piece.needed
                else speaker
            )
        last_end = piece.start + len(piece.text)
        quantities = find_quantities(doc) if piece.needed else []
        by_sentence: dict[int, list[Quantity]] = {}
        for q in quantities:
            by_sentence.setdefault(doc[q.core_start].sent.start, []).append(q)
        sents = list(doc.sents)
        lent = paragraph_source(sents, speaker) if quantities else [None] * len(sents)
        days = sentence_days([s.text for s in sents], now) if quantities else []
        for k, (sent, lent_source) in enumerate(zip(sents, lent, strict=True)):
            day = named_day(days, exclude=k) if by_sentence.get(sent.start) else None
            claims = list(
                _sentence_claims(
                    doc,
                    sent,
                    by_sentence.get(sent.start, []),
                    piece.start,
                    published=now,
                    day=day,
                    lent=lent_source,
                    vocabulary=vocabulary,
                    path=path,
                    speaker=speaker,
                    previous=previous,
                    story=story,
                )
            )
            found.extend(claims)
            if claims:
                previous = claims
            elif sent.text.strip():
                previous = []
            speaker = read_sentence(sent, piece.start, piece.paragraph, speaker, passages)
    found = story.settle(found)
    found = reach(found, passages)
    yield from carry_places(found, mentions, vocabulary, dateline=dateline)


DATELINE_REACH = 300  # characters: a dateline opens the document's first paragraph


def _sentence_claims(
    doc: Doc,
    sent,
    quantities: Sequence[Quantity],
    offset: int,
    *,
    published: dt.date | None,
    day: dt.date | None = None,
    lent: str | None = None,
    vocabulary: Vocabulary,
    path: str | None,
    speaker: Speaker | None,
    previous: Sequence[Claim],
    story: StoryTime,
) -> Iterator[Claim]:
    prior: Claim | None = None
    prior_noun = None
    sentence = sent.text.strip() if quantities else ""  # once: shared by its claims
    for q in quantities:
        num = anchor(doc, q.core_start, q.core_end)
        noun = None if q.unit is not None and q.unit not in TIME_UNITS else counted_noun(num, q.end)
        if noun is not None and q.unit in TIME_UNITS:
            noun = None
        concept = concept_of(num, noun)
        measure = measure_of(num, noun, vocabulary, start=q.start)
        group = group_of(noun, vocabulary)
        # Ellipsis: "2,500 troops in Iraq and some 900 in Syria".
        elided = (
            q.unit is None
            and prior is not None
            and prior.unit is None
            and (
                (noun is None and elided_from(num, prior_noun))
                or (
                    noun is not None and noun.lower_ in ("others", "more")
                )  # "18 others were wounded"
            )
        )
        if elided and noun is None:
            concept = prior.concept
            measure = measure or prior.measure
            group = group or prior.group
        if measure == "troops" and group_of(noun, vocabulary) is None:
            group = force_of(num, noun, vocabulary) or group  # whose troops: their clause's
        location = place_of(num, noun, doc, vocabulary, measure=measure)
        location_from = "phrase" if location else None
        if location is None and elided:
            location, location_from = prior.location, prior.location_from
        event_date = same_year(event_date_of(num, noun, published), previous)
        as_of, event = as_of_event(date_of(num, noun, published, day), event_date, published)
        source = attribution_of(num, sent, speaker)
        if source is None and lent is not None:  # named in another sentence of the paragraph
            source = Attribution(source=lent, cue="paragraph")
        if location is None:
            location = source_place(sent, source, vocabulary)
            location_from = "source" if location else None
        if location is None:
            location = sentence_place(sent, vocabulary)
            location_from = "sentence" if location else None
        if location is None and noun is not None:
            location = _carried_place(noun, previous)
            location_from = "carried" if location else None
        end_tok = q.end
        if noun is not None and q.end <= noun.i <= q.end + 3:
            end_tok = noun.i + 1
        start_char = doc[q.start].idx
        end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        claim = Claim(
            text=doc[q.start : end_tok].text,  # not doc.text[...]: that joins the whole Doc
            sentence=sentence,
            start=offset + start_char,
            end=offset + end_char,
            value=float(q.value),
            low=q.low,
            high=q.high,
            qualifier=q.qualifier,
            trend=q.trend,
            unit=q.unit,
            concept=shared(concept),
            measure=measure,
            location=shared(location),
            location_from=location_from,
            group=group,
            as_of=as_of,
            attribution=_shared_source(source),
            path=path,
            event=event,
            modality=modality_of(num, noun, start=q.start),
            event_date=event_date,
            part=part_of(num, noun),
            dimension=dimension(q.unit),
            converts=None if q.converts is None else offset + doc[q.converts].idx,
        )
        story.note(claim, num, noun, published)
        yield claim
        prior, prior_noun = claim, noun


def _shared_source(source: Attribution | None) -> Attribution | None:
    if source is None:
        return None
    return Attribution(source=shared(source.source), cue=shared(source.cue))


GENERIC_NOUNS = frozenset("people person persons others residents individuals civilians".split())


def _carried_place(noun, previous: Sequence[Claim]) -> str | None:
    """'20,600 Palestinians have been killed in Gaza. Nearly 55,000 other Palestinians have
    been injured.': the place carries to the next sentence's figure of the same people, when
    the noun names them ("Palestinians") or says they are more of them ("other people")."""
    concept = noun.text.lower()
    continues = any(c.lower_ in ("other", "more", "further", "additional") for c in noun.children)
    if concept in GENERIC_NOUNS and not continues:
        return None
    for claim in reversed(previous):
        if claim.location and claim.concept and claim.concept.lower() == concept:
            return claim.location
    return None
