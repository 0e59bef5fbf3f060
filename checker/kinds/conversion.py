"""conversion: a converted figure that does not match the figure it converts.

What it catches
    "90 kilometres (55 miles)", "40C (104F)": the figure in brackets restates the one before
    it in another unit. Converting the original through pint must land within the precision
    of the converted figure as written: one unit of its last significant digit ("55" allows
    54 to 56), except that

    - a round figure may not claim more slack than ``max_relative`` of itself ("60 miles"
      allows 57 to 63, not 50 to 70: 100 km is 62.1 miles),
    - the slack is never less than half a unit of the last digit, 0.5 for a whole number
      ("3 miles" allows 2.5 to 3.5: 5 km is 3.1 miles), and
    - a temperature is precise to the degree whatever its zeros: "100F" allows 99 to 101
      (40C is 104F), because a ratio of a temperature means nothing, and
    - the original is rounded too, by half a unit of its last significant digit (at most
      ``max_relative`` of itself; half a degree for a temperature): "about 8,000 feet
      (2,425 metres)" passes, as 7,950 feet is 2,423 metres.

    Temperatures convert with their offsets (40C is 104F); a change in temperature ("rose
    by 2C (3.6F)") converts as a difference. Money and units pint does not know are skipped:
    no exchange rates are assumed.

Options (defaults)
    digits: 1.0          slack in units of the converted figure's last significant digit
    max_relative: 0.05   the most slack a round figure may claim, relative to itself

Placeholders
    {value} {text} {measure} {location} {group} {as_of} {source} {path} {line} {published}
    {other} {other_text} {other_where} {other_line} {expected}

Passes
    Raqa is around 90 kilometres (55 miles) south of the Syrian-Turkish border.
    Temperatures reached 40C (104F) on Tuesday.

Fails
    Raqa is around 90 kilometres (65 miles) south of the Syrian-Turkish border.
    Temperatures reached 40C (100F) on Tuesday.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

from ..grouping.comparison import level_trend
from ..model import Claim, Finding, Rule
from ..units import CURRENCY_CODES
from ..units import convert as pint_convert
from .context import Context
from .placeholders import CLAIM

OPTIONS = {"digits": 1.0, "max_relative": 0.05}
PLACEHOLDERS = frozenset(CLAIM | {"other", "other_text", "other_where", "other_line", "expected"})
# What this kind compares: one document's figures at a time (the Dask engine groups by it).
SCOPE = "document"
TEMPERATURES = frozenset({"degree_Celsius", "degree_Fahrenheit", "kelvin"})
# Offset units convert as differences when the figure is a change.
_DELTAS = {"degree_Celsius": "delta_degree_Celsius", "degree_Fahrenheit": "delta_degree_Fahrenheit"}


def validate_options(options: Mapping) -> list[tuple[str, str]]:
    problems = []
    if options["digits"] <= 0:
        problems.append(("digits", "must be above 0"))
    if not 0 < options["max_relative"] < 1:
        problems.append(("max_relative", "must be above 0 and below 1"))
    return problems


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    by_start = {(claim.path, claim.start): claim for claim in context.pool(claims)}
    for claim in claims:
        if claim.converts is None or claim.unit is None:
            continue
        original = by_start.get((claim.path, claim.converts))
        if original is None or original.unit is None or original is claim:
            continue
        # A change converts as a difference ("rose by 2C"); a level a change reached
        # ("fell to around 5C") as a temperature.
        difference = bool(level_trend(claim) or level_trend(original))
        expected = convert(original.value, original.unit, claim.unit, difference=difference)
        if expected is None:
            continue
        temperature = claim.unit in TEMPERATURES
        slack = allowed_slack(
            claim.value,
            rule.options["digits"],
            rule.options["max_relative"],
            temperature=temperature,
        )
        # the original is rounded too: "about 8,000 feet" is 7,600 to 8,400 feet
        rounding = (
            0.5
            if temperature
            else min(
                last_digit(original.value) / 2, abs(original.value) * rule.options["max_relative"]
            )
        )
        ends = [
            convert(
                original.value + sign * rounding, original.unit, claim.unit, difference=difference
            )
            for sign in (-1, 1)
        ]
        low, high = min(expected, *ends), max(expected, *ends)
        if max(low - claim.value, claim.value - high) > slack:
            shown = context.amount(_shown(expected, slack), claim.unit)
            yield context.finding(rule, claim, other=original, related=[original], expected=shown)


def convert(value: float, unit: str, to: str, *, difference: bool = False) -> float | None:
    """``value`` in ``unit`` expressed in ``to`` through the program's one pint registry."""
    if unit in CURRENCY_CODES or to in CURRENCY_CODES:
        return None
    if difference:
        unit, to = _DELTAS.get(unit, unit), _DELTAS.get(to, to)
    return pint_convert(value, unit, to)


def last_digit(value: float) -> float:
    """The unit of the last significant digit as written: 55 -> 1, 60 -> 10, 1.5 -> 0.1."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return 10.0 ** int(exponent)


def allowed_slack(
    value: float, digits: float = 1.0, max_relative: float = 0.05, *, temperature: bool = False
) -> float:
    """How far a correct conversion may be from ``value`` (see the module docstring)."""
    step = last_digit(value)
    if temperature:
        step = min(step, 1.0)
    floor = step / 2 if step < 1 else 0.5
    return max(floor, min(step * digits, abs(value) * max_relative))


def _shown(expected: float, slack: float) -> float:
    """``expected`` one digit finer than the slack allowed: 55.923 with slack 1 -> 55.9."""
    step = 10.0 ** (math.floor(math.log10(slack)) - 1)
    return round(round(expected / step) * step, 10)
