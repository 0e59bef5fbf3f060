"""Figures in words a reader expects: "at least 1,400", "about 2,500", "USD 4,500,000".

The one home of that wording: rule kinds use it in finding messages and every human-facing
renderer uses it in reports. It sits below both, so neither climbs into the other.
"""

from __future__ import annotations

import math
import re

from .model import Claim

# Words for the qualifier as a prefix. ``less_than`` reads "fewer than" for counts.
_PREFIX = {
    "exact": "",
    "approximately": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "less than ",
}

# The vague amounts of the extraction conventions (tests/gold/README.md), by interval.
_VAGUE_WORDS = {
    (2.0, 5.0): "a few",
    (3.0, 9.0): "several",
    (24.0, 99.0): "dozens",
    (40.0, 199.0): "scores",
    (200.0, 999.0): "hundreds",
    (2000.0, 9999.0): "thousands",
    (20000.0, 99999.0): "tens of thousands",
    (200000.0, 999999.0): "hundreds of thousands",
    (2e6, 999999999.0): "millions",
    (2e9, 999e9): "billions",
}

# pint canonical names -> (singular, plural, attached). Attached symbols follow the number
# without a space ("2.5%", "30°C"); the rest follow after one.
_UNITS: dict[str, tuple[str, str, bool]] = {
    "percent": ("%", "%", True),
    "degree_Celsius": ("°C", "°C", True),
    "degree_Fahrenheit": ("°F", "°F", True),
    "percentage_point": ("percentage point", "percentage points", False),
    "kilometer": ("km", "km", False),
    "meter": ("m", "m", False),
    "centimeter": ("cm", "cm", False),
    "millimeter": ("mm", "mm", False),
    "mile": ("mile", "miles", False),
    "foot": ("ft", "ft", False),
    "inch": ("in", "in", False),
    "square_kilometer": ("km²", "km²", False),
    "square_mile": ("sq mi", "sq mi", False),
    "hectare": ("ha", "ha", False),
    "acre": ("acre", "acres", False),
    "kilogram": ("kg", "kg", False),
    "gram": ("g", "g", False),
    "metric_ton": ("tonne", "tonnes", False),
    "pound": ("lb", "lb", False),
    "liter": ("L", "L", False),
    "gallon": ("gallon", "gallons", False),
    "barrel": ("barrel", "barrels", False),
    "mile_per_hour": ("mph", "mph", False),
    "kilometer_per_hour": ("km/h", "km/h", False),
    "kilowatt": ("kW", "kW", False),
    "megawatt": ("MW", "MW", False),
    "gigawatt": ("GW", "GW", False),
    "kilowatt_hour": ("kWh", "kWh", False),
    "megawatt_hour": ("MWh", "MWh", False),
    "terawatt_hour": ("TWh", "TWh", False),
    "second": ("second", "seconds", False),
    "minute": ("minute", "minutes", False),
    "hour": ("hour", "hours", False),
    "day": ("day", "days", False),
    "week": ("week", "weeks", False),
    "month": ("month", "months", False),
    "year": ("year", "years", False),
}

_CURRENCY = re.compile(r"[A-Z]{3}")


def format_number(value: float) -> str:
    """A number with thousands separators and no spurious ".0": 1400.0 -> "1,400"."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    # 12 significant digits hide float noise (0.1 + 0.2) without losing stated decimals.
    return format(value, ",.12g")


def is_currency(unit: str | None) -> bool:
    return unit is not None and _CURRENCY.fullmatch(unit) is not None


def _unit_words(unit: str, plural: bool) -> tuple[str, bool]:
    if unit in _UNITS:
        singular, many, attached = _UNITS[unit]
        return (many if plural else singular), attached
    # An unlisted pint name: make it readable rather than guess an abbreviation.
    words = unit.replace(" ** 2", "²").replace(" ** 3", "³").replace(" / ", "/")
    return words.replace("_", " "), False


def _with_unit(amount: str, unit: str | None, plural: bool) -> str:
    if unit is None:
        return amount
    if is_currency(unit):
        return f"{unit} {amount}"
    words, attached = _unit_words(unit, plural)
    return f"{amount}{words}" if attached else f"{amount} {words}"


def format_figure(claim: Claim) -> str:
    """The claim's figure in words: value, qualifier and unit ("at least 1,400", "30–40 km").

    Ranges and vague amounts show the interval the claim allows ("24–99 (dozens)"); a trend
    is marked "up" or "down"; money is "USD 4,500,000".
    """
    low = claim.value if claim.low is None else claim.low
    if claim.qualifier in ("range", "vague"):
        if claim.high is None:
            amount = f"{format_number(low)} or more"
        else:
            amount = f"{format_number(low)}–{format_number(claim.high)}"
        figure = _with_unit(amount, claim.unit, plural=True)
        if claim.qualifier == "vague":
            word = _VAGUE_WORDS.get((float(low), claim.high), "vague")
            figure = f"{figure} ({word})"
    else:
        prefix = _PREFIX[claim.qualifier]
        if claim.qualifier == "less_than" and claim.unit is None:
            prefix = "fewer than "
        figure = prefix + _with_unit(format_number(claim.value), claim.unit, claim.value != 1)
    if claim.trend:
        figure = f"{claim.trend} {figure}"
    return figure


def unit_words(unit: str) -> str:
    """A unit as a reader writes it: "km", "%", "°C", "USD"."""
    return unit if is_currency(unit) else _unit_words(unit, plural=True)[0]


def subject_label(claim: Claim) -> str:
    """What a figure is about, in words: "killed, Gaza", "troops, Iraq, US forces",
    "unnamed measure (km)". Never an internal key."""
    parts = [(claim.measure or claim.concept or "unnamed measure").replace("_", " ")]
    if claim.location:
        parts.append(claim.location)
    if claim.group:
        parts.append(claim.group)
    label = ", ".join(parts)
    return f"{label} ({unit_words(claim.unit)})" if claim.unit else label
