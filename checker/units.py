"""The one pint registry for the whole program, extended by ``units.txt`` (newsroom units).

Also the table of surface forms ("km", "per cent", "sq km") that extraction recognises and the
currencies it knows, so that every module agrees on names.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import tempfile
from importlib import resources

from .paths import cache_dir


@functools.lru_cache(maxsize=1)
def registry():
    """The shared pint UnitRegistry, created on first use."""
    import pint  # here, not at the top: importing pint takes ~135 ms, a third of a warm run

    ureg = None
    folder = _definitions_cache()
    if folder is not None:
        try:  # parsed definitions cached on disk: a warm run skips pint's parsing
            ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=folder)
        except Exception:
            ureg = None
    if ureg is None:
        ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    ureg.load_definitions(str(resources.files("checker").joinpath("units.txt")))
    return ureg


def _definitions_cache():
    """A folder for pint's parsed definitions beside the extraction cache, or None."""
    if os.environ.get("FACTCHECK_NO_UNIT_CACHE"):
        return None
    try:
        folder = cache_dir() / "pint"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except Exception:
        return None


def canonical(unit: str) -> str | None:
    """pint's canonical name for a unit expression, or None when pint does not know it."""
    import pint  # see registry()

    try:
        return str(registry().Unit(unit))
    except (
        pint.errors.UndefinedUnitError,
        pint.errors.DefinitionSyntaxError,
        ValueError,
        TypeError,
    ):
        return None
    except Exception:  # pint's parser also raises TokenError, AssertionError, ZeroDivisionError
        return None


def dimension(unit: str | None) -> str:
    """A grouping key for a unit: ``count`` for plain counts, ``currency`` for ISO codes,
    else pint's dimensionality (``[length]``)."""
    if unit is None:
        return "count"
    if unit in CURRENCY_CODES:
        return "currency:" + unit
    try:
        return str(registry().Unit(unit).dimensionality) or "dimensionless"
    except Exception:  # an unknown unit still groups with itself
        return unit


def convert(value: float, unit: str, to: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to``, or None when they do not convert.

    Every conversion a newsroom meets is affine (``scale * value + offset``: kilometres to
    miles, Celsius to Fahrenheit), so pint is asked once per pair of units for the scale and
    the offset, and the pair is remembered on disk (see :func:`_affine`): a run served from
    the extraction cache then never imports pint. A pair that is not affine is converted by
    pint every time.

    Why a memo beside pint's own ``cache_folder`` (design review item 21, measured on a
    shared 2-CPU machine, best of 21 runs): pint's cache spares the parsing of definitions,
    not the import of pint (~135 ms) nor building the registry. A cold
    ``python -c "import checker.units; checker.units.convert(1.0, 'kilometer', 'mile')"``
    takes ~180 ms from the memo, ~310 ms from pint's cache alone, ~430 ms with neither; a
    warm ``factcheck --format json seeds`` served from the extraction cache takes ~210 ms
    with the memo and ~530 ms without it.
    """
    relation = _affine(unit, to)
    if relation is None:
        return None
    if relation == _NOT_AFFINE:
        return _pint_convert(value, unit, to)
    scale, offset = relation
    return scale * value + offset


def _pint_convert(value: float, unit: str, to: str) -> float | None:
    try:
        return float(registry().Quantity(value, unit).to(to).magnitude)
    except Exception:  # DimensionalityError, UndefinedUnitError, and the parser's TokenError ...
        return None


_NOT_AFFINE = "not affine"


@functools.cache
def _affine(unit: str, to: str):
    """(scale, offset) taking ``unit`` to ``to``, None when they do not convert, or
    ``_NOT_AFFINE``; from the memo on disk, else from pint (and then added to the memo)."""
    memo = _memo()
    key = f"{unit} -> {to}"
    if key in memo:
        found = memo[key]
        return tuple(found) if isinstance(found, list) else found
    at_zero, at_one = _pint_convert(0.0, unit, to), _pint_convert(1.0, unit, to)
    if at_zero is None or at_one is None:
        relation = None
    else:
        if at_zero == 0:
            scale = at_one  # pint's own factor
        else:  # the slope over a long run loses less to rounding than the step from 0 to 1
            far = _pint_convert(1e6, unit, to)
            scale = (far - at_zero) / 1e6 if far is not None else at_one - at_zero
        offset = at_zero
        probe = _pint_convert(1000.0, unit, to)
        expected = scale * 1000.0 + offset
        affine = probe is not None and abs(probe - expected) <= 1e-9 * max(1.0, abs(probe))
        relation = (scale, offset) if affine else _NOT_AFFINE
    memo[key] = list(relation) if isinstance(relation, tuple) else relation
    _save_memo(memo)
    return relation


@functools.lru_cache(maxsize=1)
def _memo_path():
    """The memo file beside pint's definitions cache, named for the pint version and the
    newsroom units, or None when there is no cache folder."""
    folder = _definitions_cache()
    if folder is None:
        return None
    digest = hashlib.sha256(resources.files("checker").joinpath("units.txt").read_bytes())
    try:
        digest.update(importlib.metadata.version("pint").encode())
    except importlib.metadata.PackageNotFoundError:
        return None
    return folder / f"conversions-{digest.hexdigest()[:16]}.json"


@functools.lru_cache(maxsize=1)
def _memo() -> dict:
    path = _memo_path()
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and all(_valid(v) for v in data.values()) else {}


def _valid(relation) -> bool:
    if relation is None or relation == _NOT_AFFINE:
        return True
    return (
        isinstance(relation, list)
        and len(relation) == 2
        and all(isinstance(x, float) for x in relation)
    )


def _save_memo(memo: dict) -> None:
    """Write the memo atomically; it is only an optimisation, so failures are ignored."""
    path = _memo_path()
    if path is None:
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".conversions-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(memo, out, sort_keys=True)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


# Surface forms -> pint unit names. Keys are lower-case token sequences joined by spaces.
# Bare "m" is left out on purpose: in news "1.5m" is a million far more often than metres.
UNIT_WORDS: dict[str, str] = {
    # length
    "km": "kilometer",
    "kms": "kilometer",
    "kilometre": "kilometer",
    "kilometres": "kilometer",
    "kilometer": "kilometer",
    "kilometers": "kilometer",
    "mile": "mile",
    "miles": "mile",
    "mi": "mile",
    "metre": "meter",
    "metres": "meter",
    "meter": "meter",
    "meters": "meter",
    "cm": "centimeter",
    "centimetre": "centimeter",
    "centimetres": "centimeter",
    "centimeter": "centimeter",
    "centimeters": "centimeter",
    "mm": "millimeter",
    "millimetre": "millimeter",
    "millimetres": "millimeter",
    "millimeter": "millimeter",
    "millimeters": "millimeter",
    "ft": "foot",
    "foot": "foot",
    "feet": "foot",
    "inch": "inch",
    "inches": "inch",
    "yard": "yard",
    "yards": "yard",
    "nautical mile": "nautical_mile",
    "nautical miles": "nautical_mile",
    # area
    "hectare": "hectare",
    "hectares": "hectare",
    "ha": "hectare",
    "acre": "acre",
    "acres": "acre",
    "sq km": "square_kilometer",
    "square kilometre": "square_kilometer",
    "square kilometres": "square_kilometer",
    "square kilometer": "square_kilometer",
    "square kilometers": "square_kilometer",
    "km2": "square_kilometer",
    "sq mi": "square_mile",
    "square mile": "square_mile",
    "square miles": "square_mile",
    "square metre": "square_meter",
    "square metres": "square_meter",
    "square meter": "square_meter",
    "square meters": "square_meter",
    "sq ft": "square_foot",
    "square feet": "square_foot",
    "square foot": "square_foot",
    # mass
    "kg": "kilogram",
    "kgs": "kilogram",
    "kilogram": "kilogram",
    "kilograms": "kilogram",
    "kilo": "kilogram",
    "kilos": "kilogram",
    "g": "gram",
    "gram": "gram",
    "grams": "gram",
    "tonne": "metric_ton",
    "tonnes": "metric_ton",
    "metric ton": "metric_ton",
    "metric tons": "metric_ton",
    "ton": "ton",
    "tons": "ton",
    "lb": "pound",
    "lbs": "pound",
    "ounce": "ounce",
    "ounces": "ounce",
    "oz": "ounce",
    # volume
    "litre": "liter",
    "litres": "liter",
    "liter": "liter",
    "liters": "liter",
    "l": "liter",
    "gallon": "gallon",
    "gallons": "gallon",
    "barrel": "barrel",
    "barrels": "barrel",
    "cubic metres": "cubic_meter",
    "cubic meters": "cubic_meter",
    "cubic metre": "cubic_meter",
    # temperature
    "°c": "degree_Celsius",
    "° c": "degree_Celsius",
    "degrees celsius": "degree_Celsius",
    "degree celsius": "degree_Celsius",
    "celsius": "degree_Celsius",
    "c": "degree_Celsius",
    "degrees c": "degree_Celsius",
    "°f": "degree_Fahrenheit",
    "° f": "degree_Fahrenheit",
    "degrees fahrenheit": "degree_Fahrenheit",
    "fahrenheit": "degree_Fahrenheit",
    "f": "degree_Fahrenheit",
    "degrees f": "degree_Fahrenheit",
    "degrees": "degree",  # resolved by context (temperature or angle) in extraction
    # speed
    "mph": "mile_per_hour",
    "km/h": "kilometer_per_hour",
    "kmh": "kilometer_per_hour",
    "kph": "kilometer_per_hour",
    "kilometres per hour": "kilometer_per_hour",
    "kilometers per hour": "kilometer_per_hour",
    "miles per hour": "mile_per_hour",
    "knots": "knot",
    "knot": "knot",
    # time
    "second": "second",
    "seconds": "second",
    "minute": "minute",
    "minutes": "minute",
    "min": "minute",
    "mins": "minute",
    "hour": "hour",
    "hours": "hour",
    "hr": "hour",
    "hrs": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
    # energy and power
    "mw": "megawatt",
    "megawatt": "megawatt",
    "megawatts": "megawatt",
    "gw": "gigawatt",
    "gigawatt": "gigawatt",
    "gigawatts": "gigawatt",
    "kw": "kilowatt",
    "kilowatts": "kilowatt",
    "kwh": "kilowatt_hour",
    "mwh": "megawatt_hour",
    "gwh": "gigawatt_hour",
    "twh": "terawatt_hour",
    # data
    "gb": "gigabyte",
    "gigabytes": "gigabyte",
    "tb": "terabyte",
    "terabytes": "terabyte",
    "mb": "megabyte",
    "megabytes": "megabyte",
    # ratios
    "%": "percent",
    "per cent": "percent",
    "percent": "percent",
    "pc": "percent",
    "percentage point": "percentage_point",
    "percentage points": "percentage_point",
    "points": "point",
    "basis point": "basis_point",
    "basis points": "basis_point",
    "bps": "basis_point",
    "bp": "basis_point",
    "ppm": "ppm",
    "parts per million": "ppm",
}

# Time units are only units of a figure when the figure is a duration; the extractor decides.
TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})

# Currency symbols and words -> ISO 4217 codes.
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "hk$": "HKD",
    "nz$": "NZD",
    "s$": "SGD",
    "£": "GBP",
    "gbp": "GBP",
    "€": "EUR",
    "eur": "EUR",
    "¥": "JPY",
    "jpy": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "₪": "ILS",
    "nis": "ILS",
    "chf": "CHF",
    "cny": "CNY",
    "rmb": "CNY",
    "₩": "KRW",
    "₽": "RUB",
    "r$": "BRL",
    "₺": "TRY",
    "aud": "AUD",
    "cad": "CAD",
}
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "pounds sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "shekel": "ILS",
    "shekels": "ILS",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "franc": "CHF",
    "francs": "CHF",
    "won": "KRW",
    "lira": "TRY",
    "real": "BRL",
    "reais": "BRL",
    "riyal": "SAR",
    "riyals": "SAR",
    "dirham": "AED",
    "dirhams": "AED",
    "naira": "NGN",
    "rand": "ZAR",
    "peso": "MXN",
    "pesos": "MXN",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "hong kong dollars": "HKD",
}
CURRENCY_CODES = frozenset(CURRENCY_SYMBOLS.values()) | frozenset(CURRENCY_WORDS.values())
