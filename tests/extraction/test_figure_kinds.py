"""What a figure is (issue 13): casualty wording, sub-measures, modality, event dates, and
undated articles. End to end through the real spaCy pipeline, on sentences written for
these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from checker import extract
from checker.extraction.timing import resolve

PUBLISHED = "2021-06-14"


def figure(text: str, value: float, published: str | None = PUBLISHED):
    found = [c for c in extract(text, published=published) if c.value == value]
    assert found, f"no figure {value} in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        (
            "The landslide claimed the lives of at least 37 villagers, the governor said.",
            37,
            "killed",
        ),
        ("The epidemic has claimed 4,200 lives since March, the ministry said.", 4200, "killed"),
        ("Nine miners lost their lives in the blast, the company said.", 9, "killed"),
        ("Rescuers said 58 corpses had been recovered from the river.", 58, "killed"),
        ("Police said 14 people perished in the fire.", 14, "killed"),
        ("Officials said 23 people were still missing on Sunday.", 23, "missing"),
        ("The coastguard said 11 fishermen remained unaccounted for.", 11, "missing"),
        ("The storm left 3,400 people homeless, the Red Cross said.", 3400, "homeless"),
        ("Divers rescued 16 passengers from the capsized boat, police said.", 16, "rescued"),
        ("Officials said 21 people survived the crash.", 21, "survivors"),
        ("The agency said floods have marooned 80,000 people.", 80000, "affected"),
        ("Officials said the floods forced 6,000 families to flee their homes.", 6000, "displaced"),
    ],
)
def test_casualty_wording(text, value, measure):
    assert figure(text, value).measure == measure


def test_measures_do_not_leak_across_a_coordination():
    text = "The quake killed 64 people and left 120 missing, officials said."
    assert figure(text, 64).measure == "killed"
    assert figure(text, 120).measure == "missing"
    text = "The storm killed 31 people and displaced 9,000, officials said."
    assert figure(text, 31).measure == "killed"
    assert figure(text, 9000).measure == "displaced"


def test_hostage_sub_measures_are_different_counts():
    assert figure("Militants seized 41 hostages, officials said.", 41).measure == "hostages"
    released = figure("The group released 17 hostages on Monday, mediators said.", 17)
    assert released.measure == "hostages_released"
    held = figure("Mediators said 58 hostages are still held in the tunnels.", 58)
    assert held.measure == "hostages_held"


def test_a_sub_count_keeps_the_measure_of_its_group():
    text = "Officials said 45 people were injured, including 12 police officers."
    assert figure(text, 45).measure == "injured"
    assert figure(text, 12).measure == "injured"


@pytest.mark.parametrize(
    ("text", "value", "modality"),
    [
        ("Officials said 52 people were killed.", 52, "reported"),
        ("Officials said the toll could reach 900 by Friday.", 900, "projected"),
        ("The ministry said 300 more people may die in the coming days.", 300, "projected"),
        ("The toll is expected to rise above 700, officials said.", 700, "projected"),
        ("An estimated 18,000 people were displaced, the agency said.", 18000, "estimated"),
        ("A survivor said hundreds must have drowned in the hold.", 200, "estimated"),
        (
            "Engineers said the bridge would collapse if 40 trucks crossed it at once.",
            40,
            "hypothetical",
        ),
    ],
)
def test_modality(text, value, modality):
    assert figure(text, value).modality == modality


def test_the_current_level_of_a_rising_toll_is_reported():
    text = "Officials expected the toll of 85 to rise."
    assert figure(text, 85).modality == "reported"


@pytest.mark.parametrize(
    ("text", "value", "event_date"),
    [
        ("The 1987 cyclone killed more than 2,300 people in the delta.", 2300, "1987"),
        ("A similar flood killed about 640 people in 2004.", 640, "2004"),
        ("Gunmen killed 29 people on March 3, the police said.", 29, "2021-03-03"),
        ("Officials said 52 people were killed on Saturday.", 52, None),
        ("Officials said 52 people were killed.", 52, None),
    ],
)
def test_event_date(text, value, event_date):
    assert figure(text, value).event_date == event_date


def test_an_undated_article_has_no_as_of_for_relative_dates():
    claim = figure("Officials said 52 people were killed on Saturday.", 52, published=None)
    assert claim.as_of is None
    claim = figure("Gunmen killed 29 people on March 3, the police said.", 29, published=None)
    assert claim.as_of is None  # no year: only a publication date could give one


def test_a_weekday_resolves_against_publication_only():
    sunday = dt.date(2021, 6, 13)
    assert resolve("Saturday", sunday) == dt.date(2021, 6, 12)
    assert resolve("Sunday", sunday) == sunday
    # the day after publication: a story dated behind the place it reports from
    assert resolve("Monday", sunday) == dt.date(2021, 6, 14)
    assert resolve("last Monday", sunday) == dt.date(2021, 6, 7)
    assert resolve("Saturday", None) is None
    assert resolve("March 3", None) is None


def test_quoted_as_saying_names_who_is_quoted():
    text = "The radio quoted army officers as saying that 70 soldiers were killed."
    assert figure(text, 70).source == "army officers"
