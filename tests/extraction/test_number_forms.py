"""Spelled numbers, fractions, bounds, ranges and money forms met in general news (issue 15,
the peers' test suites' constructions), end to end on the pinned model. The sentences are
written for these tests."""

from __future__ import annotations

import math

import pytest

from checker import extract
from checker.extraction.numbers import parse_word_number


def _one(text):
    found = extract(text)
    assert len(found) == 1, [(c.text, c.value, c.unit) for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("one hundred and sixty-one", 161),
        ("seven and a quarter", 7.25),
        ("four hundred and two thirds", 400 + 2 / 3),
        ("eight million and a half", 8_500_000),
        ("three billion and three quarters", 3_750_000_000),
        ("two billion and a half million", 2_000_500_000),
        ("six and a half million", 6_500_000),
        ("forty point zero five", 40.05),
        ("nine point sixty-two", 9.62),
        ("ninety-one trillion and four hundred", 91_000_000_000_400),
    ],
)
def test_parse_word_number(words, value):
    parsed = parse_word_number(words.split())
    assert parsed is not None and math.isclose(parsed[0], value)
    assert parsed[1] == len(words.split())


def test_two_numbers_in_a_row_stay_apart():
    assert parse_word_number("five six".split()) == (5.0, 1)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The charity fed one hundred and forty-two families last winter.", 142),
        ("Sixty - eight volunteers signed up by noon.", 68),
        ("The fund now holds seven million and a half in reserve.", 7_500_000),
        ("The orchard lost one-eighth of its trees to the frost.", 0.125),
        ("Rainfall reached nine point five millimetres by dawn.", 9.5),
        ("The temperature fell to minus four overnight in the valley.", -4),
        ("The club sold 4 dozens of scarves at the match.", 48),
        ("The agency plans to hire half a dozen inspectors.", 6),
        ("The mill shipped 3 hundred and 12 crates.", 312),
        ("Over a quarter million visitors came this summer.", 250_000),
    ],
)
def test_spelled_and_mixed_numbers(text, value):
    assert math.isclose(_one(text).value, value)


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("Bids greater than 250 were rejected by the board.", "more_than", 250, None),
        ("Flights carrying less than or equal to 40 passengers were merged.", "at_most", None, 40),
        ("Farms of 300 hectares or less qualify for the grant.", "at_most", None, 300),
        ("Applicants aged 65 or older and earning 900 or more were refused.", None, None, None),
        ("Crowds above 2,000 and below 5,000 need a permit.", "range", 2000, 5000),
        ("Grades 4 through 9 will take the test.", "range", 4, 9),
        ("The village needs 1200 - 1500 sandbags.", "range", 1200, 1500),
        ("The survey found 12–18 nesting pairs on the island.", "range", 12, 18),
        ("More than half the stalls closed early.", "more_than", 0.5, None),
    ],
)
def test_bounds_and_ranges(text, qualifier, low, high):
    if qualifier is None:
        found = extract(text)
        assert [c.qualifier for c in found if c.value == 900] == ["at_least"]
        return
    claim = _one(text)
    assert claim.qualifier == qualifier
    assert (claim.low, claim.high) == (low, high)


def test_a_range_never_spans_two_units():
    found = extract("Output rose by 12 % to 8,400 tonnes of grain.")
    assert [(c.value, c.unit) for c in found] == [(12, "percent"), (8400, "metric_ton")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("At the gate the ticket costs 22 dollars 40.", 22.40, "USD"),
        ("This year the fee is 19 EUR 90.", 19.90, "EUR"),
        ("The fine was 45 USD million in the end.", 45_000_000, "USD"),
        ("The contract is worth 12 MEUR in all.", 12_000_000, "EUR"),
        ("The hotel charged 300USD for the room.", 300, "USD"),
        ("A bowl of noodles costs 18元 in the market.", 18, "CNY"),
        ("The ferry ticket is 40₾ each way.", 40, "GEL"),
    ],
)
def test_money_forms(text, value, unit):
    claim = _one(text)
    assert math.isclose(claim.value, value)
    assert claim.unit.split(" / ")[0] == unit


def test_cents_after_money_need_the_phrase_to_end():
    found = extract("He paid 20 dollars and 5 friends came along.")
    assert [c.value for c in found][:1] == [20]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Temperatures hit 38C in the capital on Tuesday.", "degree_Celsius"),
        ("It was 71F at the airport by noon.", "degree_Fahrenheit"),
        ("The region braced for 45C heat on Friday.", "degree_Celsius"),
    ],
)
def test_glued_temperatures(text, unit):
    assert _one(text).unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "The fund disclosed the stake in its 13F filing last week.",
        "The carrier ordered a Boeing 777F for its cargo arm.",
    ],
)
def test_a_letter_after_a_number_in_a_name_is_no_temperature(text):
    assert all(c.unit != "degree_Fahrenheit" for c in extract(text))


def test_age_after_the_word_age():
    claim = _one("The poet died at age 91 in her home town.")
    assert (claim.value, claim.unit) == (91, "year")


def test_minus_before_a_spaced_temperature():
    claim = _one("Overnight it dropped to - 12 degrees Celsius in the hills.")
    assert (claim.value, claim.unit) == (-12, "degree_Celsius")


def test_an_article_before_glued_money_keeps_millions():
    claim = _one("The insurer booked a EUR40m charge on the flood losses.")
    assert (claim.value, claim.unit) == (40_000_000, "EUR")


def test_an_article_before_a_split_metre_figure_keeps_metres():
    claim = _one("A 4m barrier now shields the harbour.")
    assert (claim.value, claim.unit) == (4, "meter")


def test_the_first_half_of_a_year_is_a_period():
    assert [c.value for c in extract("In the first half of the year 30 shops closed.")] == [30]
