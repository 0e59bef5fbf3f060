"""General-news figures (issue 15, issue 13 item 5): units, money, fractions, signs, ranges,
changes, durations and what is not a figure, end to end on the pinned model. The
sentences are written for these tests."""

from __future__ import annotations

import math

import pytest

from checker import extract
from checker.extraction import numbers


def _claims(text):
    return [(c.value, c.unit, c.qualifier, c.trend) for c in extract(text)]


def _one(text):
    found = extract(text)
    assert len(found) == 1, [(c.text, c.value, c.unit) for c in found]
    return found[0]


# -- units, compound units and money --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The new handset packs a 5,000 mAh battery.", 5000, "milliampere_hour"),
        ("The hatchback averages 52 mpg on the motorway.", 52, "mile_per_gallon"),
        ("Its engine delivers 190 hp to the front wheels.", 190, "horsepower"),
        ("The diesel was rated at 150 PS in Germany.", 150, "metric_horsepower"),
        ("Peak torque rises to 320 Nm at low revs.", 320, "newton_meter"),
        ("The sensor detected 40 ppb of the gas.", 40, "ppb"),
        ("The alloy withstood 900 MPa before it cracked.", 900, "megapascal"),
        ("The processor runs at 4.1 GHz under load.", 4.1, "gigahertz"),
        ("The tablet ships with 256 GB of storage.", 256, "gigabyte"),
        ("The charger is rated at 65 W for laptops.", 65, "watt"),
        ("Gusts of 60 knots hit the harbour.", 60, "knot"),
        ("The turbine adds 15 kW to the grid.", 15, "kilowatt"),
        ("The family uses 9 kWh per day in winter.", 9, "kilowatt_hour / day"),
        ("The lorry was doing 70 km/h in the village.", 70, "kilometer_per_hour"),
        ("A 4,800mAh cell powers the watch.", 4800, "milliampere_hour"),
    ],
)
def test_physical_units(text, value, unit):
    claim = _one(text)
    assert (claim.value, claim.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The start-up raised US$40 million from investors.", 40e6, "USD"),
        ("The miner spent $US12 million on the mine.", 12e6, "USD"),
        ("The port deal is worth A$1.5 billion.", 1.5e9, "AUD"),
        ("The tower sold for HK$2.3 billion.", 2.3e9, "HKD"),
        ("The rail line will cost C$800 million.", 800e6, "CAD"),
        ("The insurer set aside EUR75m for claims.", 75e6, "EUR"),
        ("The bank booked GBP 2bn of new loans.", 2e9, "GBP"),
        ("A parking fine is 700 crowns in Prague.", 700, "CZK"),
        ("The taxi ride cost 45 shekels.", 45, "ILS"),
        ("A bowl of noodles costs 18 yuan.", 18, "CNY"),
        ("The ticket was 250 rupees.", 250, "INR"),
        ("The stall charges 12 ringgit for lunch.", 12, "MYR"),
        ("A ticket costs 19 € at the gate.", 19, "EUR"),
        ("Stamps now cost 85 euro cents each.", 0.85, "EUR"),
        ("The chocolate bar costs 95 pence.", 0.95, "GBP"),
        ("The rent is $1,800 a month.", 1800, "USD / month"),
        ("The company pays 30 cents per share.", 0.30, "USD / share"),
        ("Land sells for €40 per square metre.", 40, "EUR / square_meter"),
    ],
)
def test_money(text, value, unit):
    claim = _one(text)
    assert math.isclose(claim.value, value) and claim.unit == unit


def test_a_year_earlier_is_not_a_rate():
    # "a year earlier" dates the figure; it does not divide it
    units = [c.unit for c in extract("Bread costs £1.40, up from £1.20 a year earlier.")]
    assert units == ["GBP", "GBP"]


def test_an_article_before_a_dollar_sign_is_not_australian():
    assert _one("The council approved a $4bn budget.").unit == "USD"


# -- adjectival quantities, fractions, signs, scientific notation ----------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("She bought a 6.1-inch phone.", 6.1, "inch"),
        ("They built a 40m-long bridge.", 40, "meter"),
        ("He signed a four-year contract.", 4, "year"),
    ],
)
def test_adjectival(text, value, unit):
    claim = _one(text)
    assert (claim.value, claim.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("About a quarter of the staff work from home.", 0.25),
        ("Two-thirds of the members voted yes.", 2 / 3),
        ("Three quarters of the orchards were flooded.", 0.75),
        ("One in four drivers admitted speeding.", 0.25),
        ("One out of ten samples failed.", 0.1),
        ("The rope was ¾ inch thick.", 0.75),
        ("The pipe is 2 1/2 inches wide.", 2.5),
        ("The trip took two and a half hours.", 2.5),
        ("The town holds six and a half thousand people.", 6500),
    ],
)
def test_fractions(text, value):
    assert math.isclose(_one(text).value, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The night fell to minus 12 degrees.", -12),
        ("The index closed at -1.4% for the day.", -1.4),
        ("The sample held 6.0 x 10^20 atoms.", 6.0e20),
        ("The probe reached 2.5×10^4 metres.", 2.5e4),
    ],
)
def test_signs_and_powers(text, value):
    assert math.isclose(_one(text).value, value)


def test_parse_fraction_refuses_dates_and_slogans():
    assert numbers.parse_fraction("3/4") == 0.75
    assert numbers.parse_fraction("9/11") is None
    assert numbers.parse_fraction("24/7") is None
    assert numbers.parse_fraction("1½") == 1.5


# -- ranges and changes ---------------------------------------------------------------


def test_range_with_scale_on_both_sides():
    claim = _one("The bridge will cost $3 billion to $5 billion.")
    assert (claim.low, claim.high, claim.qualifier) == (3e9, 5e9, "range")


def test_range_with_scale_on_the_last_side():
    claim = _one("The bridge will cost $3 to $5 billion.")
    assert (claim.low, claim.high, claim.unit) == (3e9, 5e9, "USD")


def test_range_from_thousands_to_millions():
    claim = _one("Flats in the block sold from $480,000 to $1.3 million.")
    assert (claim.low, claim.high) == (480_000, 1_300_000)


def test_climbed_to_from_gives_level_and_earlier_level():
    found = _claims("Inflation climbed to 4.2% from 3.9% in June.")
    assert found == [(4.2, "percent", "exact", "up"), (3.9, "percent", "exact", None)]


def test_a_restated_change_keeps_its_trend():
    found = _claims("The index was up 12 points, or 0.3%, by noon.")
    assert [trend for *_, trend in found] == ["up", "up"]


def test_trend_carried_across_coordination():
    found = _claims("Sales were down 2.4% and profits by 1.1%.")
    assert [(value, trend) for value, _, _, trend in found] == [(2.4, "down"), (1.1, "down")]


def test_gone_up_to_is_a_level_not_a_bound():
    claim = _one("The number of cases has gone up to 2,140, the agency said.")
    assert (claim.value, claim.qualifier, claim.low, claim.high) == (2140, "exact", 2140, 2140)


def test_up_to_after_a_modal_stays_a_bound():
    assert _one("The storm could dump up to 30 cm of snow.").qualifier == "at_most"


# -- number forms misread (issue 13 item 5) ---------------------------------------------


def test_space_grouped_thousands():
    assert [c.value for c in extract("The island has 4 215 voters and 12 806 residents.")] == [
        4215,
        12806,
    ]


def test_space_grouped_thousands_of_a_million():
    assert _one("The region counts 2 345 678 people.").value == 2_345_678


def test_over_is_more_than():
    claim = _one("Over 7,300 homes lost power.")
    assert (claim.qualifier, claim.low, claim.high) == ("more_than", 7300, None)


def test_metres_of_a_race():
    claim = _one("She won the 10,000m final in Rome.")
    assert (claim.value, claim.unit) == (10_000, "meter")


@pytest.mark.parametrize(
    "text", ["Lena Park, 37, was among the victims.", "Okafor, 29, was hurt in the fall."]
)
def test_age_in_apposition_is_an_age_not_a_count(text):
    claim = _one(text)
    assert claim.unit == "year"


@pytest.mark.parametrize(
    "text",
    [
        "A magnitude 5.9 earthquake shook the valley.",
        "The tremor had a magnitude of 5.9.",
        "A 5.9-magnitude quake hit the island.",
    ],
)
def test_earthquake_magnitude_is_not_a_count(text):
    claim = _one(text)
    assert (claim.value, claim.unit) == (5.9, "magnitude")


def test_race_time_is_one_figure():
    claim = _one("He finished in 27 minutes 41.2 seconds.")
    assert (claim.value, claim.unit, claim.converts) == (27 * 60 + 41.2, "second", None)


# -- not quantities, durations --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The FTSE 100 and the Nikkei 225 closed higher.",
        "The Pixel 9 went on sale with the iPhone 16.",
        "The office moved to 14-16 Mill Street.",
        "Cases of COVID-19 fell in the spring.",
    ],
)
def test_names_and_addresses_are_not_figures(text):
    assert extract(text) == []


def test_durations_are_time_quantities():
    found = [(c.value, c.unit) for c in extract("The crew spent 200 days in orbit.")]
    assert found == [(200, "day")]


def test_money_in_two_parts_is_one_figure():
    claim = _one("The ticket cost 4 dollars and 75 cents.")
    assert (claim.value, claim.unit) == (4.75, "USD")
