"""When a figure holds and which event it is about, on constructions of real wire copy
(issue 13, items 4 and 7): running tolls after 'struck on Monday, killing ...', the present
and the perfect, days in other clauses, the weekend, measurements of the event, and figures
of other, earlier events. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from checker import extract
from checker.extraction.timing import resolve

TUESDAY = dt.date(2031, 5, 13)
MONDAY = dt.date(2031, 5, 12)
SUNDAY = dt.date(2031, 5, 11)
FRIDAY = dt.date(2031, 5, 9)


def claim(text: str, start: str, published: dt.date | None = TUESDAY):
    found = [c for c in extract(text, published=published) if c.text.startswith(start)]
    assert found, f"no figure {start!r} in {[c.text for c in extract(text, published=published)]}"
    return found[0]


# -- as of: the day a figure holds -----------------------------------------------------------


def test_a_toll_after_a_weekday_event_is_a_running_toll():
    text = "A landslide buried the hamlet on Monday, killing at least 61 people and injuring 140."
    assert claim(text, "at least 61").as_of == TUESDAY
    assert claim(text, "140").as_of == TUESDAY
    text = "The storm hit the coast at the weekend, taking the flood toll to 33."
    assert claim(text, "33").as_of == TUESDAY


def test_an_act_of_the_event_day_keeps_its_day():
    text = "The storm hit the coast on Monday, forcing 9,000 people to flee."
    assert claim(text, "9,000").as_of == MONDAY
    text = "Gunmen stormed the market on March 3, 2031, killing 17 people, police said."
    assert claim(text, "17").as_of == dt.date(2031, 3, 3)


def test_the_present_and_the_perfect_hold_as_of_publication():
    text = (
        "The barge capsized on Sunday. Nineteen bodies have been recovered and dozens are "
        "still trapped under the hull."
    )
    assert claim(text, "Nineteen").as_of == TUESDAY
    assert claim(text, "dozens").as_of == TUESDAY
    text = "It followed the sinking of a barge on Sunday that has left 40 people missing."
    assert claim(text, "40").as_of == TUESDAY


def test_a_past_tense_figure_takes_the_day_its_paragraph_names():
    text = "Divers found eight more bodies Monday in the mine. Two miners were still missing."
    assert claim(text, "eight").as_of == MONDAY
    assert claim(text, "Two").as_of == MONDAY


def test_a_day_on_the_noun_dates_the_clause():
    text = "Rescuers found six more bodies Monday from a rockfall on Sunday."
    assert claim(text, "six").as_of == MONDAY


def test_a_day_in_another_clause_does_not_date_the_figure():
    text = "There was no news of the other 14 people aboard the plane, which vanished late Sunday."
    assert claim(text, "14").as_of == TUESDAY
    text = "On Sunday, a second barge capsized off the cape and 23 passengers were missing."
    assert claim(text, "23").as_of == TUESDAY


def test_a_figure_in_a_relative_clause_takes_the_main_clause_day():
    text = "The bus, which carried 38 pilgrims, overturned on Sunday near the pass."
    assert claim(text, "38").as_of == SUNDAY


def test_a_night_of_a_named_day_is_that_day():
    text = "At least 70 people had been pulled from the water by Sunday night, the coastguard said."
    assert claim(text, "At least 70").as_of == SUNDAY


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Relief workers said 25 people died in the past week.", "25"),
        ("In recent weeks, storms have killed dozens of villagers.", "dozens"),
        ("Over the past 48 hours, crews moved 3,000 residents to schools.", "3,000"),
    ],
)
def test_a_period_up_to_now_holds_as_of_publication(text, start):
    assert claim(text, start).as_of == TUESDAY


def test_the_weekend_is_its_sunday():
    text = "The agency said nine more people drowned at the weekend."
    assert claim(text, "nine").as_of == SUNDAY
    text = "Officials said the toll over the weekend had risen to 12."
    assert claim(text, "12").as_of == SUNDAY


def test_a_measurement_of_the_event_holds_on_the_event_day():
    text = (
        "A tsunami set off by a 6.9 magnitude earthquake hit the coast, officials said "
        "Monday.\n\nThe quake struck late Friday, when 12 villages were flattened."
    )
    assert claim(text, "6.9").as_of == FRIDAY


def test_a_measurement_in_the_present_is_not_moved_to_the_event_day():
    text = (
        "The ferry sank on Friday.\n\n"
        "Forecasters said waves are still four metres high off the cape."
    )
    assert claim(text, "four metres").as_of == TUESDAY


def test_a_conversion_holds_when_its_original_does():
    text = "By early Monday, wind speeds had dropped to 50 kilometres per hour (31 mph)."
    km = claim(text, "50")
    assert claim(text, "31").as_of == km.as_of


def test_relative_days_resolve_against_publication_only():
    assert resolve("the weekend", TUESDAY) == SUNDAY
    assert resolve("the weekend", dt.date(2031, 5, 10)) == dt.date(2031, 5, 10)  # a Saturday
    assert resolve("the past week", TUESDAY) == TUESDAY
    assert resolve("the weekend", None) is None
    assert resolve("the past week", None) is None


# -- event dates: figures of another, earlier event ------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "event_date"),
    [
        (
            "It is the worst to hit Japan since the Kanto earthquake in 1923, which claimed "
            "105,000 lives, the agency said.",
            "105,000",
            "1923",
        ),
        ("The delta's worst disaster was in 1970, when some 300,000 people died.", "some", "1970"),
        (
            "The last big wave there came in March 1931 when a 6.8 magnitude quake struck.",
            "6.8",
            "1931-03",
        ),
        (
            "The storm matched one in 1995 that raised a surge that killed about 4,000 people.",
            "about 4,000",
            "1995",
        ),
        (
            "In 1961, 9,000 people died when a typhoon hit the island, while about 2,000 "
            "people died in a flood on the plain in 1977.",
            "about 2,000",
            "1977",
        ),
        ("The number of deaths fell to 9 in 2029 from 14 in 2027.", "14", "2027"),
        ("There were 31 collapses last year, up from 22 in 2028.", "22", "2028"),
        ("There were 31 collapses last year, up from 22 in 2028.", "31", "2030"),
        ("Last month, mudslides killed at least 48 people in the hills.", "at least 48", "2031-04"),
        ("Three years ago, a dam burst and drowned 210 people.", "210", "2028"),
        ("In May and June 2004, floods killed more than 500 people.", "more than 500", "2004"),
    ],
)
def test_the_event_date_of_a_historical_figure(text, start, event_date):
    assert claim(text, start).event_date == event_date


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Officials said 52 people were killed on Sunday.", "52"),
        ("More than 60 people have died in avalanches this year.", "More than 60"),
        ("OSLO, May 13 (Reuters) -- The toll from the slide has climbed to 41.", "41"),
        ("The bridge collapse in the city killed 11 people, the mayor said.", "11"),
    ],
)
def test_a_figure_of_the_current_period_has_no_event_date(text, start):
    assert claim(text, start).event_date is None


def test_the_same_year_is_the_year_just_told_of():
    text = (
        "In 2004, floods killed more than 700 people in the delta. "
        "Upstream, more than 12 million people were displaced the same year."
    )
    assert claim(text, "more than 12 million").event_date == "2004"


def test_a_historical_figure_has_no_as_of_of_today():
    text = "In 1970, some half a million people died when a cyclone hit the coast."
    assert claim(text, "some half a million").as_of is None
    text = "It was the worst crash since Sept. 5, 2029, when a jet crashed with 117 people aboard."
    figure = claim(text, "117")
    assert figure.event_date == "2029-09-05"
    assert figure.as_of == dt.date(2029, 9, 5)


def test_an_undated_document_resolves_no_relative_date():
    text = "Last month, mudslides killed at least 48 people in the hills."
    figure = claim(text, "at least 48", published=None)
    assert figure.event_date is None
    assert figure.as_of is None
    text = "In 1988, floods killed 400 people."
    assert claim(text, "400", published=None).event_date == "1988"


def test_the_day_a_change_is_measured_from_does_not_date_the_figure():
    import datetime as dt

    from checker import extract

    text = "The agency said 9,000 people in Oyo had now fled, up sharply from Monday."
    (claim,) = extract(text, published=dt.date(2031, 5, 15))  # a Thursday
    assert claim.as_of == dt.date(2031, 5, 15)
