"""When a figure holds: resolve the date expression that governs it against publication.

"on Monday", "yesterday", "last week", "at the weekend" resolve against the publication date
(never against today: an undated story's relative dates stay unknown); "since October 7"
makes a running total as of publication; "on October 7" dates a one-day event; a toll after
"struck on Monday, killing ..." and a figure in the present or perfect hold as of
publication; a past-tense figure with no date of its own takes the one day its sentence or
paragraph names; a measurement of the event (magnitude, wind speed, wave height) holds on
the event's day (:class:`StoryTime`). Which other event a figure is about: ``events.py``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..nlp import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Claim

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
# "in the past week", "over the past 48 hours", "in recent days", "the last few days": a
# period that runs up to the time of writing.
RUNNING_RE = re.compile(r"\b(?:past|recent|latest|last (?:few|\d+|two|three|several))\b")
REPORT_DATE_VERBS = frozenset("say tell report announce confirm state add claim estimate".split())
# "rose to 1,904 on Tuesday": a running total's level as of a day, not an event of that day.
LEVEL_DATE_VERBS = frozenset(
    "rise climb reach stand increase jump grow hit top exceed pass total".split()
)


def day_of_month(words: Sequence[str]) -> int | None:
    """The day number among ``words`` ("7", "7th"), or None."""
    for word in words:
        if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", word):
            return int(re.sub(r"(st|nd|rd|th)$", "", word))
    return None


def resolve(expression: str, published: dt.date | None) -> dt.date | None:
    """A date for a written expression ('Monday', 'October 7', 'yesterday', 'last week')."""
    text = expression.lower().strip().replace(",", " ").replace(".", " ")
    words = text.split()
    year_match = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    year = int(year_match.group(1)) if year_match else None
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    day_match = day_of_month(words)
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
    if RUNNING_RE.search(text):  # "the past week", "recent days": a period ending now
        return published
    if "weekend" in words:  # the weekend just past (its Sunday), or the one under way
        back = 0 if published.weekday() >= 5 else published.weekday() + 1
        return published - dt.timedelta(days=back)
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
# Verbs whose participle gives a running toll: "..., killing 90", "..., leaving 41 dead",
# "..., taking the toll to 13".
TOLL_VERBS = frozenset("kill leave injure wound claim take bring raise push".split())
WEEK_WORDS = frozenset([*WEEKDAYS, "yesterday", "today", "tonight", "weekend"])
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


def sentence_days(sent_texts: Sequence[str], published: dt.date | None) -> list[set[dt.date]]:
    """The days each sentence of a paragraph names ('... struck Friday'; not 'last
    Friday'), resolved against ``published``."""
    if published is None:
        return [set() for _ in sent_texts]
    return [
        {
            day
            for m in WEEKDAY_RE.finditer(text)
            if not m.group("last") and (day := resolve(m.group(), published)) is not None
        }
        for text in sent_texts
    ]


def named_day(days: Sequence[set[dt.date]], exclude: int | None = None) -> dt.date | None:
    """The one day the sentences of a paragraph name for what they report (``days``, from
    :func:`sentence_days`); None when they name none or several. The sentence ``exclude``
    is not read: within a sentence the parse says which clause a day belongs to."""
    found: set[dt.date] = set()
    for k, named in enumerate(days):
        if k != exclude:
            found |= named
    return found.pop() if len(found) == 1 else None


def date_of(
    num: Token, noun: Token | None, published: dt.date | None, fallback: dt.date | None = None
) -> tuple[dt.date | None, str | None]:
    """(as_of, event) for a figure: event is 'day' for a one-day event, 'cumulative' for a
    running total ('since ...'), else None.

    The date is looked for on the verbs above the figure, up to its clause's edge: a
    relative clause ('the ferry that has left 400 missing'), a clause of its own subject
    joined by 'and', or a result participle ('struck on Monday, killing 12,000': the toll
    of a disaster named by its weekday is still being counted, so it holds as of
    publication). Without a date of its own, a figure in the present or present perfect
    ('are still buried', 'have been recovered') holds as of ``published``; one in the past
    tense as of the one day named by its sentence outside other clauses and by
    ``fallback`` (the day the paragraph's other sentences name), else ``published``."""
    start = noun if noun is not None else num
    stated, clause = _stated(start, published)
    if stated is not None:
        return stated
    if clause is not None and _present(clause):
        return published, None
    days = _sentence_days(start, published)
    if fallback is not None:
        days.add(fallback)
    return days.pop() if len(days) == 1 else published, None


def undated_past(num: Token, noun: Token | None, published: dt.date | None) -> bool:
    """The figure's clause states no date for it and is not in the present tense ('a 7.0
    magnitude quake struck', not 'waves are four metres high')."""
    stated, clause = _stated(noun if noun is not None else num, published, reports=False)
    return stated is None and (clause is None or not _present(clause))


def _stated(
    start: Token, published: dt.date | None, reports: bool = True
) -> tuple[tuple[dt.date | None, str | None] | None, Token | None]:
    """(the date stated for the figure's clause, or None; the verb of its clause). With
    ``reports`` False, the day of a report ('officials said Monday') is not read."""
    own = _noun_date(start, published)  # "found five more bodies Tuesday"
    if own is not None:
        return own, None
    cur = start
    clause = None  # the verb of the figure's own clause
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            break
        cur = head
        if cur.pos_ not in ("VERB", "AUX"):
            continue
        clause = clause or cur
        found = _date_on(cur, published)
        if found is not None and (reports or not _report_day(cur)):
            return found, clause
        if cur.dep_ == "relcl" or (cur.dep_ == "conj" and _has_subject(cur)):
            break
        if _result_participle(cur) and _weekday_dated(cur.head):
            return (published, None), clause
    return None, clause


def _report_day(verb: Token) -> bool:
    """'officials said Monday': the day is the report's ('On Wednesday, officials said ...'
    opens the sentence and dates what it tells)."""
    if lemma(verb).lower() not in REPORT_DATE_VERBS:
        return False
    return not any(
        child.i < verb.i and any(_is_date(t) for t in child.subtree) for child in verb.children
    )


def _sentence_days(figure: Token, published: dt.date | None) -> set[dt.date]:
    """The days the figure's sentence names that may date it: not those inside a relative
    clause the figure is outside of ('the remaining 12 on the jet, which vanished late
    Monday'), nor those of another clause with its own subject ('a ferry capsized on
    Thursday and 26 passengers were missing')."""
    days = set()
    for ent in figure.sent.ents:
        if published is None or not _is_date(ent.root):
            continue
        if not any(t.lower_ in WEEK_WORDS for t in ent):
            continue
        if ent[0].lower_ == "last" or _shielded(ent.root, figure) or _baseline(ent.root):
            continue
        when = resolve(ent.text, published)
        if when is not None:
            days.add(when)
    return days


def _baseline(day: Token) -> bool:
    """A day a change is measured from ("up sharply from Monday", "compared with Sunday"):
    the earlier figure's day, not this one's."""
    head = day.head
    if day.dep_ != "pobj":
        return False
    if head.lower_ == "from" and head.head.lower_ in ("up", "down", "rise", "fall", "increase"):
        return True
    return head.lower_ == "with" and head.head.lower_ in ("compared", "comparison")


def _shielded(day: Token, figure: Token) -> bool:
    """A clause edge lies between ``day`` and ``figure`` in the parse: the day is in a
    relative clause that is not about the figure's own noun, or one of the two is in a
    clause of its own subject joined by 'and'. (A figure in a relative clause is dated by
    its main clause: 'the jet, which carried 96, vanished on Monday'.)"""
    above_figure = {t.i for t in figure.ancestors} | {figure.i}
    tok = day
    while tok.i not in above_figure and tok.head.i != tok.i:
        if (tok.dep_ == "relcl" and tok.head.i != figure.i) or _own_conjunct(tok):
            return True
        tok = tok.head
    meet = tok.i
    for tok in [figure, *figure.ancestors]:
        if tok.i == meet:
            return False
        if _own_conjunct(tok):
            return True
    return False


def _own_conjunct(tok: Token) -> bool:
    return tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and _has_subject(tok)


def _noun_date(noun: Token, published: dt.date | None) -> tuple[dt.date | None, str | None] | None:
    """A bare day hung on the figure's noun by the parser ('found five bodies Tuesday'):
    in news it dates the clause."""
    for child in noun.children:
        if child.dep_ in ("npadvmod", "tmod") and _is_date(child):
            when = resolve(_ent_text(child), published)
            if when is not None:
                return when, None
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _result_participle(verb: Token) -> bool:
    """'..., killing 12,000', '..., leaving 400 missing': a toll in a participle clause of
    result ('..., forcing 9,000 to flee' is an act of that day, not a toll)."""
    return (
        lemma(verb).lower() in TOLL_VERBS
        and verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and not any(c.dep_ == "mark" for c in verb.children)
    )


def _weekday_dated(verb: Token) -> bool:
    """The verb's event is dated by a day of this week ('struck on Monday', 'at the
    weekend', 'yesterday'), not by a calendar date ('on October 7')."""
    return any(tok.ent_type_ == "DATE" and tok.lower_ in WEEK_WORDS for tok in verb.subtree)


def _present(verb: Token) -> bool:
    """'are still buried', 'has left', 'remain': the clause says how things stand now."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    tag = aux[0].tag_ if aux else verb.tag_
    return tag in ("VBP", "VBZ")


# Prepositions that date a clause: "on Monday", "by Tuesday", "at the weekend".
DATE_PREPS = frozenset({"on", "in", "by", "until", "during", "at", "over"})


def _date_on(verb: Token, published: dt.date | None) -> tuple[dt.date | None, str | None] | None:
    """A date attached to a verb: 'on Monday', 'since October 7', 'yesterday'."""
    reporting = lemma(verb).lower() in REPORT_DATE_VERBS | LEVEL_DATE_VERBS
    for child in verb.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in DATE_PREPS | {"since", "as"}:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if child.lower_ == "as":  # "as of Monday"
                inner = [c for c in child.children if c.dep_ == "prep"]
                objs = [o for p in inner for o in p.children if o.dep_ == "pobj"]
            for obj in objs:
                if not _is_date(obj):
                    continue
                text = _ent_text(obj)
                if child.lower_ == "since":
                    return published, "cumulative"
                when = resolve(text, published)
                if when is None:
                    continue  # "in 50 years": not a date this resolves
                if reporting or _perfect(verb):
                    return when, None
                return when, "day" if child.lower_ == "on" else None
        if child.dep_ in ("npadvmod", "tmod", "obl:tmod") and _is_date(child):
            when = resolve(_ent_text(child), published)
            if when is not None:
                return when, None if reporting or _perfect(verb) else "day"
    return _argument_date(verb, published)


# Where a date hangs on one of the verb's nouns: "the toll over the weekend had risen",
# "died from snakebites at the weekend".
ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "prep", "conj", "attr"})


def _argument_date(verb: Token, published: dt.date | None) -> tuple[dt.date, None] | None:
    """A day the parser hung on a noun of the verb's own clause ('the death toll over the
    weekend', 'drowning at the weekend'), read as the clause's date; clauses below the
    verb are not entered."""
    todo = [c for c in verb.children if c.dep_ in ARGUMENTS]
    while todo:
        tok = todo.pop()
        if tok.pos_ in ("VERB", "AUX") and (tok.dep_ != "conj" or _has_subject(tok)):
            continue  # another clause ("drowning" sharing the verb's subject is not)
        if _is_date(tok) and tok.dep_ == "pobj" and tok.head.lower_ in DATE_PREPS:
            when = resolve(_ent_text(tok), published)
            if when is not None:
                return when, None
        todo.extend(c for c in tok.children if c.dep_ in ARGUMENTS)
    return None


def _is_date(tok: Token) -> bool:
    """A date, or a time of a named day ('Monday night', which the tagger calls a TIME)."""
    if tok.ent_type_ == "DATE":
        return True
    if tok.ent_type_ != "TIME":
        return False
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and any(t.lower_ in WEEK_WORDS for t in ent)


def _perfect(verb: Token) -> bool:
    """'has killed': a running total stated on a date, not an event of that date."""
    return any(c.dep_ == "aux" and lemma(c) == "have" for c in verb.children)


def _ent_text(tok: Token) -> str:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


# Measurements of the event itself: a wave's height, a wind's speed, a quake's magnitude.
PHYSICAL = frozenset({"[length]", "[length] / [time]", "[seismic_magnitude]"})
WEEK = 7  # days: a breaking story names the days of its event by weekday within a week


def week_days(text: str, now: dt.date | None) -> Counter[dt.date]:
    """How often ``text`` names each day of the week before ``now`` for what happened
    ('struck Friday night', 'late Monday'); not 'last Monday', nor the day of a report
    ('officials said Sunday')."""
    found: Counter[dt.date] = Counter()
    if now is None:
        return found
    reports = {m.start("day") for m in REPORTED_DAY_RE.finditer(text)}
    for match in WEEKDAY_RE.finditer(text):
        if match.group("last") or match.start("day") in reports:
            continue
        if text[max(0, match.start() - 6) : match.start()].lower().strip() == "since":
            continue  # "since Wednesday": when a count began
        when = resolve(match.group("day"), now)
        if when is not None and 0 <= (now - when).days < WEEK:
            found[when] += 1
    return found


class StoryTime:
    """What a story says about its event's day, gathered while its figures are read: the
    days of the past week it names, and its measurements of the event that state no date
    of their own ('a 7.0 magnitude quake', 'winds of 240 kph'). :meth:`settle` dates
    those at the event's day, the earliest day the story names."""

    def __init__(self) -> None:
        self.days: Counter[dt.date] = Counter()
        self.physical: set[int] = set()

    def read(self, text: str, now: dt.date | None) -> None:
        self.days.update(week_days(text, now))

    def note(self, claim: Claim, num: Token, noun: Token | None, now: dt.date | None) -> None:
        if claim.dimension in PHYSICAL and undated_past(num, noun, now):
            self.physical.add(id(claim))

    def settle(self, claims: list[Claim]) -> list[Claim]:
        day = min(self.days, default=None)
        if day is not None and self.physical:
            claims = [
                dataclasses.replace(claim, as_of=day)
                if id(claim) in self.physical and claim.as_of is not None and claim.as_of > day
                else claim
                for claim in claims
            ]
        return _conversions_dated(claims)


def _conversions_dated(claims: list[Claim]) -> list[Claim]:
    """A bracketed conversion ('60 km/h (37 mph)') holds when its original does."""
    by_start = {claim.start: claim for claim in claims}
    out = []
    for claim in claims:
        original = by_start.get(claim.converts) if claim.converts is not None else None
        if original is not None and original.as_of != claim.as_of:
            claim = dataclasses.replace(claim, as_of=original.as_of, event=original.event)
        out.append(claim)
    return out
