"""Reach beyond the figure's own clause: the story's reporting day (its dateline, or the day
its lead says the report came), a day its paragraph names, and a source named in an
earlier sentence of the paragraph or introduced by 'citing' / 'as per'."""

from __future__ import annotations

import datetime as dt

import pytest

from checker import extract
from checker.extraction.timing import report_date

THURSDAY = dt.date(2031, 5, 15)


def _claim(claims, text):
    return next(c for c in claims if c.text.startswith(text))


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # a dateline a day before publication dates the story
        ("OSLO, May 14 (Reuters) -- Nine hikers were rescued.", dt.date(2031, 5, 14)),
        ("Lima, Peru, May 13 (AP) _ Four bridges collapsed.", dt.date(2031, 5, 13)),
        # the day the lead says the report came
        ("A storm flooded 40 homes, officials said Friday.", dt.date(2031, 5, 16)),
        ("A storm flooded 40 homes, police reported on Wednesday.", dt.date(2031, 5, 14)),
    ],
)
def test_report_date(lead, expected):
    assert report_date(lead, THURSDAY) == expected


@pytest.mark.parametrize(
    "lead",
    [
        "OSLO, April 2 (Reuters) -- Nine hikers were rescued.",  # too long before
        "A storm flooded 40 homes on Tuesday, officials said.",  # the event's day
        "A storm flooded 40 homes.",
    ],
)
def test_no_report_date(lead):
    assert report_date(lead, THURSDAY) is None


def test_dateline_day_is_the_default_as_of():
    text = (
        "OSLO, May 14 (Reuters) -- Rescuers pulled nine hikers from a gorge on Wednesday.\n\n"
        "About 30 volunteers joined the search."
    )
    claims = extract(text, published=THURSDAY)
    assert _claim(claims, "nine").as_of == dt.date(2031, 5, 14)
    assert _claim(claims, "About 30").as_of == dt.date(2031, 5, 14)


def test_day_named_in_the_paragraph_dates_its_figures():
    text = (
        "Officials gave an update.\n\n"
        "The mudslide buried 2 hamlets on Monday. Some 14 houses were lost under the mud."
    )
    claims = extract(text, published=THURSDAY)
    assert _claim(claims, "Some 14").as_of == dt.date(2031, 5, 12)


def test_source_of_an_earlier_sentence_reaches_the_paragraph():
    text = (
        "The regional governor said the mudslide hit three villages at dawn. "
        "Eleven people were confirmed dead."
    )
    claims = extract(text, published=THURSDAY)
    assert _claim(claims, "Eleven").attribution.source == "The regional governor"


def test_paragraph_without_a_source_lends_none():
    text = (
        "The mudslide hit three villages at dawn. Eleven people were confirmed dead.\n\n"
        "The governor said roads were closed."
    )
    claims = extract(text, published=THURSDAY)
    assert _claim(claims, "Eleven").attribution is None


def test_a_later_source_does_not_reach_back():
    text = (
        "Heavy rain fell for 12 days across the valley. Forecasters said more storms were coming."
    )
    claims = extract(text, published=THURSDAY)
    assert _claim(claims, "12 days").attribution is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Some 60 families lost their homes, as per the district relief office.",
            "the district relief office",
        ),
        (
            "At least 35 people were hurt, according to figures from the port authority.",
            "the port authority",
        ),
    ],
)
def test_cited_sources(text, source):
    claims = extract(text, published=THURSDAY)
    found = [c.attribution.source for c in claims if c.attribution]
    assert found and found[0].endswith(source.split()[-1])


def test_trailing_reporter_after_a_closing_quote():
    text = '"We have counted 250 damaged boats," Mira Costa, a harbour official, told reporters.'
    claims = extract(text, published=THURSDAY)
    assert _claim(claims, "250").attribution.source.startswith("Mira Costa")
