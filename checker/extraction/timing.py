"""When a figure holds: resolve the date expression that governs it against publication.

"on Monday", "yesterday", "last week" resolve against the publication date; "since October 7"
makes a running total as of publication; "on October 7" dates a one-day event; otherwise the
figure holds as of publication (or is unknown when that is).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..nlp import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
REPORT_DATE_VERBS = frozenset("say tell report announce confirm state add claim estimate".split())
# "rose to 1,904 on Tuesday": a running total's level as of a day, not an event of that day.
LEVEL_DATE_VERBS = frozenset(
    "rise climb reach stand increase jump grow hit top exceed pass total".split()
)


def resolve(expression: str, published: dt.date | None) -> dt.date | None:
    """A date for a written expression ('Monday', 'October 7', 'yesterday', 'last week')."""
    text = expression.lower().strip().replace(",", " ").replace(".", " ")
    words = text.split()
    year_match = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    year = int(year_match.group(1)) if year_match else None
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    day_match = next(
        (
            int(re.sub(r"(st|nd|rd|th)$", "", w))
            for w in words
            if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w)
        ),
        None,
    )
    if month is not None and day_match is not None:
        if year is None:
            if published is None:
                return None
            year = published.year
            try:
                candidate = dt.date(year, month, day_match)
            except ValueError:
                return None
            if candidate > published + dt.timedelta(days=7):
                year -= 1
        try:
            return dt.date(year, month, day_match)
        except ValueError:
            return None
    if published is None:
        return None
    if "yesterday" in words:
        return published - dt.timedelta(days=1)
    if "today" in words or "tonight" in words:
        return published
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        back = (published.weekday() - weekday) % 7
        if "last" in words and back == 0:
            back = 7
        if back == 6 and "last" not in words:
            # The day after publication, not six days before: a story is dated where it is
            # published, often a day behind the place it reports from ("officials said
            # Sunday" in a story dated Saturday in New York about Papua New Guinea).
            return published + dt.timedelta(days=1)
        return published - dt.timedelta(days=back)
    if "last" in words and "week" in words:
        return published - dt.timedelta(days=7)
    if "last" in words and "month" in words:
        return published.replace(day=1) - dt.timedelta(days=1)
    if "this" in words and words[-1] in (
        "week",
        "month",
        "year",
        "morning",
        "afternoon",
        "evening",
    ):
        return published
    if month is not None and year is None:
        year = published.year if month <= published.month else published.year - 1
    if month is not None and year is not None:
        last = calendar.monthrange(year, month)[1]
        end = dt.date(year, month, last)
        return min(end, published) if end >= published.replace(day=1) else end
    if year is not None and len(words) <= 3:
        return min(dt.date(year, 12, 31), published)
    return None


# "VIENNA, February 23 (Xinhua) --", "Jakarta, Jan. 2 (AP) _": a dateline's own date.
DATELINE_DATE_RE = re.compile(
    r"^\s*[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.'’ -]{1,40}?)?,\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2})\b"
)
WEEKDAY_RE = re.compile(
    r"\b(?P<last>last\s+)?(?P<day>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today)\b",
    re.IGNORECASE,
)
# "officials said Sunday", "the agency reported on Monday": the day of the report itself.
REPORTED_DAY_RE = re.compile(
    r"\b(?:said|reported|announced|told \w+(?: \w+)?|confirmed|added)\s+(?:on\s+)?"
    r"(?P<day>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
)
DATELINE_LAG = 3  # days: a dateline this far before publication dates the story
LEAD_CHARS = 400  # the lead sentence, read for the day the story reports


def report_date(lead: str, published: dt.date | None) -> dt.date | None:
    """The day a story reports as 'now', when it is not its publication date: the date of
    its dateline ('VIENNA, February 23' in a paper of February 24), else the day its lead
    sentence names ('..., officials said Sunday' in a story dated Saturday abroad). None
    when neither is near publication."""
    if published is None:
        return None
    match = DATELINE_DATE_RE.match(lead)
    if match is not None and match.group("date").split()[0].lower().rstrip(".") in MONTHS:
        when = resolve(match.group("date"), published)
        if when is not None and 0 <= (published - when).days <= DATELINE_LAG:
            return when
    first = re.split(r"(?<=[.!?])\s", lead[:LEAD_CHARS], maxsplit=1)[0]
    days = {resolve(m.group("day"), published) for m in REPORTED_DAY_RE.finditer(first)}
    days.discard(None)
    if len(days) == 1:
        when = days.pop()
        if abs((when - published).days) <= 1:
            return when
    return None


def named_day(sent_texts: Sequence[str], published: dt.date | None) -> dt.date | None:
    """The one day a paragraph names for what it reports ('... struck Friday'), resolved;
    None when it names none or several."""
    if published is None:
        return None
    days = set()
    for text in sent_texts:
        for m in WEEKDAY_RE.finditer(text):
            if not m.group("last"):
                days.add(resolve(m.group(), published))
    days.discard(None)
    return days.pop() if len(days) == 1 else None


def date_of(
    num: Token, noun: Token | None, published: dt.date | None, fallback: dt.date | None = None
) -> tuple[dt.date | None, str | None]:
    """(as_of, event) for a figure: event is 'day' for a one-day event, 'cumulative' for a
    running total ('since ...'), else None. Without a date of its own, the figure holds as
    of ``fallback`` (the day its paragraph names), else ``published``."""
    start = noun if noun is not None else num
    cur = start
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            break
        cur = head
        if cur.pos_ not in ("VERB", "AUX"):
            continue
        found = _date_on(cur, published)
        if found is not None:
            return found
        if cur.dep_ in ("relcl",):
            break
    return fallback or published, None


def _date_on(verb: Token, published: dt.date | None) -> tuple[dt.date | None, str | None] | None:
    """A date attached to a verb: 'on Monday', 'since October 7', 'yesterday'."""
    reporting = lemma(verb).lower() in REPORT_DATE_VERBS | LEVEL_DATE_VERBS
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in (
            "on",
            "since",
            "in",
            "by",
            "as",
            "until",
            "during",
        ):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if child.lower_ == "as":  # "as of Monday"
                inner = [c for c in child.children if c.dep_ == "prep"]
                objs = [o for p in inner for o in p.children if o.dep_ == "pobj"]
            for obj in objs:
                if obj.ent_type_ != "DATE":
                    continue
                text = _ent_text(obj)
                if child.lower_ == "since":
                    return published, "cumulative"
                when = resolve(text, published)
                if when is None:
                    return None, None
                if reporting or _perfect(verb):
                    return when, None
                return when, "day" if child.lower_ == "on" else None
        if child.dep_ in ("npadvmod", "tmod", "obl:tmod") and child.ent_type_ == "DATE":
            when = resolve(_ent_text(child), published)
            if when is not None:
                return when, None if reporting or _perfect(verb) else "day"
        if child.dep_ == "advcl" or child.dep_ == "mark":
            continue
    return None


def _perfect(verb: Token) -> bool:
    """'has killed': a running total stated on a date, not an event of that date."""
    return any(c.dep_ == "aux" and lemma(c) == "have" for c in verb.children)


def _ent_text(tok: Token) -> str:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


# "the 1999 Izmit quake", "the 1991 cyclone", "in 2005", "in the 1840s", "on October 7".
YEAR_RE = re.compile(r"^(1[5-9]\d\d|20\d\d)(s?)$")
EVENT_PREPS = frozenset({"in", "on", "during"})


def event_date_of(num: Token, noun: Token | None, published: dt.date | None) -> str | None:
    """The date or year of the event a figure is about, when the text names it: a calendar
    date or year on the verb of the figure ('killed about 1,800 in 2005', 'killed 1,400
    people on October 7'), on the event that verb's clause describes ('the Tangshan
    earthquake in 1976, which claimed 242,000 lives'), or on its subject ('the 1991
    cyclone killed 138,000'). Weekdays and relative words ('on Saturday', 'yesterday') name
    the reporting period, not another event, and give None; so does 'since' (a running
    total). A year is 'YYYY', a month 'YYYY-MM', a day 'YYYY-MM-DD', a decade 'YYYYs'."""
    cur = noun if noun is not None else num
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            found = _event_date_on_verb(head, published)
            if found is not None:
                return found
            if head.dep_ in ("relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN"):
                return _event_date_on_noun(head.head, published)
            if lemma(head).lower() in REPORT_DATE_VERBS:
                return None
        cur = head
    return None


def _event_date_on_verb(verb: Token, published: dt.date | None) -> str | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in EVENT_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "DATE":
                    found = _calendar(_ent_text(obj), published)
                    if found is not None:
                        return found
        elif child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            found = _event_date_on_noun(child, published)
            if found is not None:
                return found
    return None


def _event_date_on_noun(noun: Token, published: dt.date | None) -> str | None:
    """'the 1991 cyclone', 'the earthquake in 1976', 'the floods of July 2004'."""
    for child in noun.children:
        if child.i < noun.i and child.dep_ in ("nummod", "compound", "amod", "nmod"):
            match = YEAR_RE.match(child.text)
            if match and child.ent_type_ == "DATE":
                return child.text
        if child.dep_ == "prep" and child.lower_ in EVENT_PREPS | {"of"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "DATE":
                    found = _calendar(_ent_text(obj), published)
                    if found is not None:
                        return found
    return None


def _calendar(expression: str, published: dt.date | None) -> str | None:
    """A calendar date named in words, at the precision written; None for weekdays and
    relative words."""
    text = expression.lower().replace(",", " ").replace(".", " ")
    words = [w for w in text.split() if w not in ("the", "early", "late", "mid")]
    years = [w for w in words if YEAR_RE.match(w)]
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    day = next(
        (
            int(re.sub(r"(st|nd|rd|th)$", "", w))
            for w in words
            if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w)
        ),
        None,
    )
    if month is not None and day is not None:
        when = resolve(expression, published)
        return when.isoformat() if when is not None else None
    if years and month is not None:
        return f"{int(years[0][:4]):04d}-{month:02d}"
    if years and len(words) <= 3:
        return years[0]
    return None
