"""Dates in news text: reading a date, and inferring when an article was published.

``parse_date`` reads one date from metadata (YAML dates, ISO strings, "30 October 2023").
``infer_published`` reads the article's own text and is deliberately conservative: a wrong
publication date silently skews every staleness check, an unknown one is reported as such.

``MONTHS`` and ``WEEKDAYS`` are the project's one table of month and weekday names; other
modules import them rather than keep their own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from types import MappingProxyType

__all__ = ["MONTHS", "WEEKDAYS", "infer_published", "parse_date"]

# -- reading dates ----------------------------------------------------------------------

# Month names and their abbreviations, lower case, to month numbers (1-12).
MONTHS = MappingProxyType({
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
})  # fmt: skip
# Weekday names, lower case, in ``date.weekday()`` order (Monday is 0).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?!\d|,\d)"  # "2023," ends a date; "2,000" is no year
_WEEKDAY = r"\b(?:" + "|".join(WEEKDAYS) + r")\b"
# A date as written in prose, the year optional: "Tuesday, December 26", "Oct. 30, 2023",
# "30 October 2023", "the 26th of December".
_PROSE_DATE = re.compile(
    rf"(?:(?P<weekday>{_WEEKDAY}),?\s+(?:the\s+)?)?"
    rf"(?:(?P<month1>{_MONTH})\s+(?P<day1>{_DAY})(?:,?\s+(?P<year1>{_YEAR}))?"
    rf"|\b(?P<day2>{_DAY})\s+(?:of\s+)?(?P<month2>{_MONTH})(?:,?\s+(?P<year2>{_YEAR}))?)",
    re.I,
)
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
_YEAR_MENTION = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?!\d|[,.]\d)")
_WEEKDAY_NAME = re.compile(_WEEKDAY, re.I)


def parse_date(value: object) -> dt.date | None:
    """A date from YAML (date or datetime) or a string ("2023-10-30", "2023-10-30T08:00Z",
    "30 October 2023", "Oct. 30, 2023"); None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    numeric = re.match(r"((?:19|20)\d\d)[-/]?(\d\d)[-/]?(\d\d)(?:$|[T\s])", value)
    if numeric:
        return _date(*map(int, numeric.groups()))
    found = next(_prose_dates(value), None)
    return found.date if found else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class _Mention:
    """A date written in the text; ``date`` is None when it has no year."""

    start: int
    month: int
    day: int
    date: dt.date | None
    weekday: int | None


def _prose_dates(text: str) -> Iterator[_Mention]:
    for match in _PROSE_DATE.finditer(text):
        month_word = match.group("month1") or match.group("month2")
        weekday = match.group("weekday")
        if not month_word[0].isupper():
            continue  # in lower case, "may" and "march" are verbs
        month = MONTHS[month_word.rstrip(".").lower()]
        day = int(re.match(r"\d+", match.group("day1") or match.group("day2")).group())
        year = match.group("year1") or match.group("year2")
        date = _date(int(year), month, day) if year else None
        if year and date is None:
            continue
        if not year and _date(2000, month, day) is None:  # 2000 was a leap year
            continue
        day_index = None
        if weekday and weekday[0].isupper():
            day_index = WEEKDAYS.index(weekday.lower())
        yield _Mention(match.start(), month, day, date, day_index)
    for match in _ISO_DATE.finditer(text):
        date = _date(*map(int, match.groups()))
        if date:
            yield _Mention(match.start(), date.month, date.day, date, None)


# -- inferring the publication date -------------------------------------------------------

HEAD = 1500  # datelines, bylines and "Published ..." lines sit at the top
_CREDIT = re.compile(
    r"Image Credit|Photo credit|\b(?:Photo|Photograph|Picture|Image)s?\s*:|\bPhoto by\b"
    r"|Getty Images|\bAP Photo\b|/\s*(?:AFP|AP|Reuters|Getty|EPA|Xinhua|Anadolu)\b"
    r"|\b(?:AFP|AP|Reuters|EPA|Getty Images|Shutterstock)\)?\s*$",
)
_LABEL = re.compile(
    r"\b(?:published|updated|posted|first published|last updated|last modified|date)\b"
    r"\W*(?:on\s+)?(?:\w+,?\s+)?$",
    re.I,
)
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{1,40}(?:\([^)]*\))?\s*[,:—–-]\s*$")
_FEAST_DAY = re.compile(r"\b(?:Good|Black|Bloody|Super|Ash|Palm|Holy|Easter|Cyber|Giving)\s+$")
HEADER_LINE = 80  # a line this short holding a full date is a date or byline line


@dataclass(frozen=True)
class _Evidence:
    """What the text says about time, split into body lines and picture captions."""

    body: list[tuple[_Mention, bool]]  # (mention, is a header date: dateline, byline ...)
    captions: list[_Mention]
    weekdays: set[int]  # weekdays the body names ("on Monday")
    body_years: set[int]
    years: set[int]  # every year mentioned, captions included


def infer_published(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """The publication date the text itself gives, or None when it does not say clearly.

    In order: a date in a dateline, byline or "Published ..." line near the top; a body
    phrase like "on Tuesday, December 26" whose weekday fixes the year; the latest full
    date in the body (the top first, then the rest); a photo caption's date, only when the
    body backs it up (names its weekday or its month and day). A caption date alone says
    when a picture was taken, often years earlier, so it is never enough by itself.
    ``today`` (default: the real today) bounds the search: nothing after it is a
    publication date.
    """
    today = today or dt.date.today()
    evidence = _gather(text, today)
    for rule in (_header_date, _weekday_date, _body_date, _caption_date):
        found = rule(evidence, today)
        if found is not None:
            return found
    return None


def _gather(text: str, today: dt.date) -> _Evidence:
    body: list[tuple[_Mention, bool]] = []
    captions: list[_Mention] = []
    weekdays: set[int] = set()
    body_years: set[int] = set()
    years: set[int] = set()
    line_start = 0
    for line in text.split("\n"):
        mentions = sorted(_prose_dates(line), key=lambda mention: mention.start)
        line_years = {int(year) for year in _YEAR_MENTION.findall(line)}
        years |= {year for year in line_years if year <= today.year}
        if _CREDIT.search(line):
            captions += [replace(m, start=line_start + m.start) for m in mentions if m.date]
        else:
            body_years |= {year for year in line_years if year <= today.year}
            for mention in mentions:
                header = line_start + mention.start < HEAD and _is_header(line, mention)
                body.append((replace(mention, start=line_start + mention.start), header))
            for match in _WEEKDAY_NAME.finditer(line):
                # Only the words just before: searching the whole line start is quadratic
                # on a long line naming many weekdays.
                feast = _FEAST_DAY.search(line, max(0, match.start() - 40), match.start())
                if match.group()[0].isupper() and not feast:
                    weekdays.add(WEEKDAYS.index(match.group().lower()))
        line_start += len(line) + 1
    return _Evidence(body, captions, weekdays, body_years, years)


def _is_header(line: str, mention: _Mention) -> bool:
    if mention.date is None:
        return False
    before = line[: mention.start]
    return (
        len(line.strip()) <= HEADER_LINE
        or bool(_LABEL.search(before))
        or bool(_DATELINE.match(before))
    )


def _header_date(evidence: _Evidence, today: dt.date) -> dt.date | None:
    for mention, header in evidence.body:
        if header and mention.date and mention.date <= today:
            return mention.date
    return None


def _weekday_date(evidence: _Evidence, today: dt.date) -> dt.date | None:
    """A body phrase naming weekday, month and day: the weekday pins the year down."""
    known = [m.date for m, _ in evidence.body if m.date] + [m.date for m in evidence.captions]
    resolved = []
    for mention, _ in evidence.body:
        if mention.weekday is None:
            continue
        if mention.date is not None:
            date = mention.date if mention.date.weekday() == mention.weekday else None
        else:
            date = _year_for(mention, known, evidence.years, today)
        if date is not None and date <= today:
            resolved.append((mention.start >= HEAD, date))
    if not resolved:
        return None
    in_head = [date for later, date in resolved if not later]
    return max(in_head or [date for _, date in resolved])


def _year_for(
    mention: _Mention, known: list[dt.date], years: set[int], today: dt.date
) -> dt.date | None:
    """The year in which the mention's month and day fall on its weekday.

    A full date elsewhere with the same month and day settles it. Otherwise the text's
    latest year is a lower bound (what it reports has happened); that year or the next is
    taken when the weekday fits, else the latest fitting year up to today. A text that
    names no year gives no bound, and no answer.
    """

    def fits(year: int) -> dt.date | None:
        date = _date(year, mention.month, mention.day)
        return date if date and date.weekday() == mention.weekday and date <= today else None

    for date in known:
        if (date.month, date.day) == (mention.month, mention.day) and fits(date.year):
            return date
    if not years:
        return None
    lower = max(years)
    for year in [lower, lower + 1, *range(today.year, lower + 1, -1)]:
        date = fits(year)
        if date:
            return date
    return None


def _body_date(evidence: _Evidence, today: dt.date) -> dt.date | None:
    dates = [(m.start >= HEAD, m.date) for m, _ in evidence.body if m.date and m.date <= today]
    in_head = [date for later, date in dates if not later]
    return max(in_head or [date for _, date in dates], default=None)


def _caption_date(evidence: _Evidence, today: dt.date) -> dt.date | None:
    """The latest caption date, if the body corroborates it and no body year is later."""
    dates = [m.date for m in evidence.captions if m.date and m.date <= today]
    if not dates:
        return None
    date = max(dates)
    if evidence.body_years and date.year < max(evidence.body_years):
        return None
    body_days = {(m.month, m.day) for m, _ in evidence.body}
    if date.weekday() in evidence.weekdays or (date.month, date.day) in body_days:
        return date
    return None
