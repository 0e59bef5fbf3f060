"""Which event a figure is about, when the text dates another one: 'the 1991 cyclone
killed 138,000', 'the Tangshan earthquake in 1976, which claimed 242,000 lives', 'in
December 1930, when a 6.5 quake struck', 'last month, landslides killed 126', 'up from 116
in 2006'. The date is read at the precision written ('YYYY', 'YYYY-MM', 'YYYY-MM-DD',
'YYYYs'); relative words resolve against publication only ('last year'), and weekdays
name the reporting period, not another event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..nlp import lemma
from .timing import MONTHS, REPORT_DATE_VERBS, day_of_month, resolve

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Claim

# "the 1999 Izmit quake", "the 1991 cyclone", "in 2005", "in the 1840s", "on October 7".
YEAR_RE = re.compile(r"^(1[5-9]\d\d|20\d\d)(s?)$")
EVENT_PREPS = frozenset({"in", "on", "during"})
# "..., while 138,000 died in 1991": a contrasted clause is another event.
CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "a": 1,
}  # fmt: skip
WALK = 8  # tokens up from the figure
# What event_date_of gives for "the same year", "that year": the caller reads the year
# from the figures just before (see :func:`same_year`).
SAME_YEAR = "same year"


def event_date_of(num: Token, noun: Token | None, published: dt.date | None) -> str | None:
    """The date or year of the event a figure is about, when the text names one: on the
    verbs above the figure (its own, and those of the clauses its clause describes), on
    their subjects and the nouns of their phrases ('died in a tidal wave in 1991'), on the
    noun a relative clause describes ('the one in 1998, which claimed 1,000 lives'), on a
    date a 'when' clause follows ('in 1970, when half a million died'), or beside the
    preposition that holds the figure ('up from 116 in 2006'). A reporting verb ends the
    search; so does a contrasted clause with its own subject ('..., while 138,000 died')
    that names no date. None when no date of another period is written."""
    cur = noun if noun is not None else num
    for _ in range(WALK):
        head = cur.head
        if head.i == cur.i:
            return None
        if cur.dep_ in ("relcl", "advcl", "acl"):
            found = _when_date(cur, published)  # "in 1970, when ... died"
            if found is not None:
                return found
        if head.pos_ == "ADP":
            found = _dated_preps(head, published)  # "from 18 in 2006"
            if found is not None:
                return found
        elif head.pos_ in ("VERB", "AUX"):
            found = _on_verb(head, published)
            if found is not None:
                return found
            if lemma(head).lower() in REPORT_DATE_VERBS and cur.dep_ != "dobj":
                return None  # "officials said ..." ("claimed 242,000 lives" is no report)
            if head.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in head.children
            ):
                return None
        elif cur.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            found = _on_noun(head, published)  # "the earthquake in 1976, which ..."
            if found is not None:
                return found
        cur = head
    return None


def _when_date(clause: Token, published: dt.date | None) -> str | None:
    """The date a 'when' clause follows: 'in December 1930 when a quake struck', 'since
    Sept. 5, 2005, when a jet crashed' (the parser hangs the clause on the date or on the
    verb before it)."""
    when = next((c for c in clause.children if c.lower_ == "when" and c.i < clause.i), None)
    if when is None:
        return None
    before = when.i - 1
    while before >= 0 and clause.doc[before].is_punct:
        before -= 1
    if before < 0 or not _is_date(clause.doc[before]):
        return None
    return _calendar(_ent_text(clause.doc[before]), published)


def _on_verb(verb: Token, published: dt.date | None) -> str | None:
    for child in verb.children:
        if child.dep_ == "prep":
            found = _dated_prep(child, published)
            if found is None and child.lower_ not in ("since", "until", "by"):
                found = _in_phrase(child, published)
            if found is not None:
                return found
        elif child.dep_ in ("npadvmod", "tmod", "advmod") and _is_date(child):
            # "128 injuries last year", "three years ago, a dam burst"
            found = _calendar(_ent_text(child), published)
            if found is not None:
                return found
        elif child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            found = _on_noun(child, published)
            if found is not None:
                return found
    return None


def _in_phrase(prep: Token, published: dt.date | None) -> str | None:
    """A date on a noun of the verb's phrase: 'died as a result of a tidal wave in 1991'."""
    todo = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
    for _ in range(4):
        if not todo:
            return None
        noun = todo.pop()
        found = _on_noun(noun, published)
        if found is not None:
            return found
        for child in noun.children:
            if child.dep_ == "prep":
                todo.extend(c for c in child.children if c.dep_ == "pobj")
    return None


def _on_noun(noun: Token, published: dt.date | None) -> str | None:
    """'the 1991 cyclone', 'the earthquake in 1976', 'the floods of July 2004'."""
    for child in noun.children:
        if child.i < noun.i and child.dep_ in ("nummod", "compound", "amod", "nmod"):
            if YEAR_RE.match(child.text) and child.ent_type_ == "DATE":
                return child.text
        if child.dep_ == "prep" and child.lower_ in EVENT_PREPS | {"of"}:
            found = _dated_prep(child, published)
            if found is not None:
                return found
        if child.dep_ in ("npadvmod", "tmod") and _is_date(child) and noun.pos_ == "NOUN":
            # "Last month, landslides ..." (not a dateline: "CANBERRA, July 19")
            found = _calendar(_ent_text(child), published)
            if found is not None:
                return found
    return None


def _dated_prep(prep: Token, published: dt.date | None) -> str | None:
    if prep.lower_ not in EVENT_PREPS | {"of"}:
        return None
    for obj in prep.children:
        if obj.dep_ == "pobj" and _is_date(obj):
            found = _calendar(_ent_text(obj), published)
            if found is None and any(c.dep_ == "conj" for c in obj.children):
                # "July and August 2004"
                found = _calendar(" ".join(t.text for t in obj.subtree), published)
            if found is not None:
                return found
    return None


def _dated_preps(prep: Token, published: dt.date | None) -> str | None:
    """A date beside the figure in its preposition's phrase: 'from 18 in 2006'."""
    for child in prep.children:
        if child.dep_ == "prep":
            found = _dated_prep(child, published)
            if found is not None:
                return found
    return None


def _is_date(tok: Token) -> bool:
    return tok.ent_type_ == "DATE"


def _ent_text(tok: Token) -> str:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


def _calendar(expression: str, published: dt.date | None) -> str | None:
    """A calendar date named in words, at the precision written; a past month or year
    named relatively ('last month', 'last year', 'two years ago') against publication;
    None for weekdays, 'this year' and other words of the reporting period."""
    text = expression.lower().replace(",", " ").replace(".", " ")
    words = [w for w in text.split() if w not in ("the", "early", "late", "mid")]
    if words in (["same", "year"], ["that", "year"]):
        return SAME_YEAR  # the year of the event the text was just telling of
    relative = _relative(words, published)
    if relative is not None or published is None and _is_relative(words):
        return relative
    years = [w for w in words if YEAR_RE.match(w)]
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    day = day_of_month(words)
    if month is not None and day is not None:
        when = resolve(expression, published)
        return when.isoformat() if when is not None else None
    if years and month is not None and sum(w in MONTHS for w in words) == 1:
        return f"{int(years[0][:4]):04d}-{month:02d}"
    if years and (len(words) <= 3 or month is not None):
        return years[0]
    return None


def _is_relative(words: list[str]) -> bool:
    return "last" in words or "ago" in words or "previous" in words


def _relative(words: list[str], published: dt.date | None) -> str | None:
    """'last month' -> 'YYYY-MM', 'last year' / 'two years ago' -> 'YYYY'."""
    if published is None or len(words) > 3:
        return None
    if words in (["last", "month"], ["previous", "month"]):
        previous = published.replace(day=1) - dt.timedelta(days=1)
        return f"{previous.year:04d}-{previous.month:02d}"
    if words in (["last", "year"], ["previous", "year"]):
        return str(published.year - 1)
    if len(words) == 3 and words[1:] in (["years", "ago"], ["year", "ago"]):
        count = NUMBER_WORDS.get(words[0]) or (int(words[0]) if words[0].isdigit() else None)
        if count:
            return str(published.year - count)
    return None


def same_year(event_date: str | None, before: Sequence[Claim]) -> str | None:
    """``event_date`` with 'the same year' read as the year of the latest figure ``before``
    it that names one (None when none does)."""
    if event_date != SAME_YEAR:
        return event_date
    dates = [claim.event_date for claim in before]
    return next((d[:4] for d in reversed(dates) if d and d != SAME_YEAR), None)


def earlier(event_date: str | None, published: dt.date | None) -> bool:
    """The event was over before the day of publication, at the precision written
    ('2004', '2007-06' in a July 2007 story, '2006-12-29' in a story of 2007-01-01)."""
    if not event_date or published is None or not event_date[:4].isdigit():
        return False
    if event_date.endswith("s"):  # a decade: "1840s"
        return int(event_date[:4]) + 10 <= published.year
    return event_date < published.isoformat()[: len(event_date)]


def as_of_event(
    when: tuple[dt.date | None, str | None], event_date: str | None, published: dt.date | None
) -> tuple[dt.date | None, str | None]:
    """``when`` (as of, event) for a figure; one of an earlier event holds as of that
    event's day when the text gives the day, else at no known date (not the reporting day,
    nor the end of a year)."""
    if not earlier(event_date, published):
        return when
    return (dt.date.fromisoformat(event_date) if len(event_date) == 10 else None), when[1]
