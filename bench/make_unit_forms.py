"""Regenerate ``checker/unit_forms.json``: the surface forms of the units extraction reads.

    python bench/make_unit_forms.py          # rewrite the file
    python bench/make_unit_forms.py --check  # exit 1 when the file is out of date

The source is pint's own registry (a dependency, BSD licensed), extended by
``checker/units.txt``: for every unit a newsroom writes (``NEWSROOM_UNITS`` below, by pint
name) it takes pint's symbol ("kW", "MPa", "mAh"), the unit's name and aliases and their
plurals. Symbols stay case-sensitive ("PS" is metric horsepower, "ps" is not; "Nm" is a
newton metre, "nm" a nanometre); names and aliases are matched in lower case. A few
symbols that are ordinary English words or abbreviations are left out (``AMBIGUOUS``).
The file is generated once, not at run time: building pint's registry costs ~300 ms, and a
run served from the extraction cache never imports pint.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pint

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "checker" / "unit_forms.json"

# pint names of the units read from news text, grouped by what they measure.
NEWSROOM_UNITS = """
kilometer meter centimeter millimeter micrometer nanometer mile foot inch yard nautical_mile
light_year
hectare acre square_kilometer square_mile square_meter square_foot
liter milliliter centiliter deciliter hectoliter gallon barrel cubic_meter cubic_foot
kilogram gram milligram microgram metric_ton pound ounce carat
mile_per_hour kilometer_per_hour knot mile_per_gallon
joule kilojoule megajoule calorie kilocalorie watt_hour kilowatt_hour megawatt_hour
gigawatt_hour terawatt_hour electron_volt
watt kilowatt megawatt gigawatt terawatt horsepower metric_horsepower
pascal hectopascal kilopascal megapascal bar millibar
hertz kilohertz megahertz gigahertz
bit byte kilobyte megabyte gigabyte terabyte petabyte megabit_per_second
volt kilovolt ampere milliampere_hour ampere_hour
newton newton_meter pound_foot
sievert millisievert microsievert gray becquerel
decibel ppm ppb
""".split()

# Extra surfaces pint does not list, mapped to pint names: compound spellings news uses.
EXTRA = {
    "sq km": "square_kilometer",
    "sq mi": "square_mile",
    "sq m": "square_meter",
    "sq ft": "square_foot",
    "km2": "square_kilometer",
    "m2": "square_meter",
    "km²": "square_kilometer",
    "m²": "square_meter",
    "km/h": "kilometer_per_hour",
    "km/hr": "kilometer_per_hour",
    "kmh": "kilometer_per_hour",
    "kph": "kilometer_per_hour",
    "m/s": "meter / second",
    "miles an hour": "mile_per_hour",
    "kilometres an hour": "kilometer_per_hour",
    "kilometers an hour": "kilometer_per_hour",
    "miles per gallon": "mile_per_gallon",
    "lb-ft": "pound_foot",
    "lb ft": "pound_foot",
    "pound-feet": "pound_foot",
    "newton-metres": "newton_meter",
    "newton metres": "newton_meter",
    "newton meters": "newton_meter",
    "parts per million": "ppm",
    "parts per billion": "ppb",
    "tonne": "metric_ton",
    "tonnes": "metric_ton",
    "metric ton": "metric_ton",
    "metric tons": "metric_ton",
    "cubic metres": "cubic_meter",
    "cubic metre": "cubic_meter",
    "cubic meters": "cubic_meter",
    "cubic feet": "cubic_foot",
    "kilo": "kilogram",
    "kilos": "kilogram",
    "kgs": "kilogram",
    "kms": "kilometer",
    "lbs": "pound",
    "mAh": "milliampere_hour",
    "PS": "metric_horsepower",
    "kW": "kilowatt",
}

# Words pint has no entry for, or reads otherwise in news: ratios, temperatures, time.
NEWSROOM_WORDS = {
    "%": "percent",
    "per cent": "percent",
    "percent": "percent",
    "pc": "percent",
    "percentage": "percent",
    "per mille": "permille",
    "per mil": "permille",
    "‰": "permille",
    "percentage point": "percentage_point",
    "percentage points": "percentage_point",
    "points": "point",
    "basis point": "basis_point",
    "basis points": "basis_point",
    "bps": "basis_point",
    "bp": "basis_point",
    "°c": "degree_Celsius",
    "° c": "degree_Celsius",
    "degrees celsius": "degree_Celsius",
    "degree celsius": "degree_Celsius",
    "celsius": "degree_Celsius",
    "c": "degree_Celsius",
    "degrees c": "degree_Celsius",
    "deg c": "degree_Celsius",
    "°f": "degree_Fahrenheit",
    "° f": "degree_Fahrenheit",
    "degrees fahrenheit": "degree_Fahrenheit",
    "degree fahrenheit": "degree_Fahrenheit",
    "fahrenheit": "degree_Fahrenheit",
    "f": "degree_Fahrenheit",
    "degrees f": "degree_Fahrenheit",
    "deg f": "degree_Fahrenheit",
    "degrees": "degree",
    "degree": "degree",
    "°": "degree",
    "second": "second",
    "seconds": "second",
    "sec": "second",
    "secs": "second",
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
    "century": "century",
    "centuries": "century",
    "mi": "mile",
    "ton": "ton",
    "tons": "ton",
    "mw": "megawatt",
    "gw": "gigawatt",
    "kw": "kilowatt",
    "kwh": "kilowatt_hour",
    "mwh": "megawatt_hour",
    "gwh": "gigawatt_hour",
    "twh": "terawatt_hour",
    "gb": "gigabyte",
    "tb": "terabyte",
    "mb": "megabyte",
    "ghz": "gigahertz",
    "mhz": "megahertz",
    "mpg": "mile_per_gallon",
    "hp": "horsepower",
    "bhp": "horsepower",
}

# ISO 4217 codes of the currencies news names, with their names and signs. No maintained
# package this project depends on carries currency names (babel does; it is not a
# dependency), so this one table is written by hand; codes are ISO 4217's.
CURRENCIES = {
    "USD": [
        "$",
        "us$",
        "$us",
        "usd$",
        "dollar",
        "dollars",
        "us dollar",
        "us dollars",
        "american dollars",
        "greenback",
        "greenbacks",
    ],
    "EUR": ["€", "euro", "euros"],
    "GBP": ["£", "pound", "pounds", "sterling", "pounds sterling", "british pounds"],
    "JPY": ["¥", "yen", "japanese yen"],
    "CNY": ["元", "rmb", "yuan", "renminbi", "chinese yuan"],
    "INR": ["₹", "rs", "rs.", "rupee", "rupees", "indian rupees"],
    "ILS": ["₪", "nis", "shekel", "shekels", "new shekels", "israeli shekels"],
    "RUB": ["₽", "rouble", "roubles", "ruble", "rubles", "russian roubles"],
    "CHF": ["franc", "francs", "swiss franc", "swiss francs"],
    "KRW": ["₩", "won", "korean won"],
    "TRY": ["₺", "lira", "liras", "turkish lira", "turkish liras"],
    "BRL": ["r$", "real", "reais", "brazilian reais"],
    "SAR": ["riyal", "riyals", "saudi riyals"],
    "QAR": ["qatari riyals"],
    "AED": ["dirham", "dirhams"],
    "NGN": ["₦", "naira"],
    "ZAR": ["rand", "south african rand"],
    "MXN": ["mex$", "peso", "pesos", "mexican pesos"],
    "ARS": ["argentine pesos"],
    "PHP": ["₱", "philippine pesos"],
    "AUD": ["a$", "au$", "$a", "australian dollar", "australian dollars"],
    "CAD": ["c$", "ca$", "cad$", "canadian dollar", "canadian dollars"],
    "HKD": ["hk$", "hong kong dollar", "hong kong dollars"],
    "NZD": ["nz$", "new zealand dollars"],
    "SGD": ["s$", "singapore dollars"],
    "TWD": ["nt$", "taiwan dollars"],
    "MYR": ["rm", "ringgit"],
    "CZK": ["kč", "crown", "crowns", "koruna", "korunas", "czech crowns", "czech korunas"],
    "SEK": ["krona", "kronor", "swedish crowns", "swedish kronor"],
    "NOK": ["norwegian crowns", "norwegian kroner"],
    "DKK": ["krone", "kroner", "danish crowns", "danish kroner"],
    "PLN": ["zł", "zloty", "zlotys", "zlotych"],
    "HUF": ["forint", "forints"],
    "THB": ["฿", "baht"],
    "IDR": ["rupiah"],
    "VND": ["₫", "dong"],
    "UAH": ["₴", "hryvnia", "hryvnias"],
    "PKR": ["pakistani rupees"],
    "EGP": ["egyptian pounds"],
    "LBP": ["lebanese pounds"],
    "KES": ["kenyan shillings"],
    "KWD": ["kuwaiti dinars"],
    "IQD": ["iraqi dinars"],
    "BTC": ["₿", "bitcoin", "bitcoins", "btc"],
    "CRC": ["₡", "colón", "colones", "costa rican colones"],
    "GEL": ["₾", "lari", "georgian lari"],
    "LAK": ["₭", "kip", "lao kip"],
    # Currencies the euro replaced, still met in archives and in historical figures.
    "DEM": ["deutsche mark", "deutsche marks", "deutschmark", "deutschmarks"],
    "FRF": ["french franc", "french francs"],
    "ESP": ["peseta", "pesetas", "spanish pesetas"],
    "NLG": ["guilder", "guilders", "dutch guilders"],
    "FIM": ["markka", "markkaa", "finnish markka", "finnish markkaa"],
    "ITL": ["italian lire"],
}
ENGLISH_CODES = frozenset({"try", "gel"})  # only in capitals: "try" is a verb, "gel" a noun
# Subunits: a hundredth of the currency named before them ("80 euro cents"), else of the
# dollar ("12 cents a share") or the pound ("470 pence").
SUBUNITS = {"cent": "USD", "cents": "USD", "penny": "GBP", "pence": "GBP", "p": "GBP"}

# Symbols or names that are also everyday words or abbreviations in news text: "in", "at"
# (technical atmosphere), "a" (year), "PS" read as a postscript is rare, kept; "Pa" as a
# father, "bar" as a pub, "gray" as a colour, "pound" (money) decided in extraction.
AMBIGUOUS = frozenset("in at a h s t B b bar bars gray grays Gy Pa G T N A J C F K mil".split())
# pint's symbol or alias that reads wrong in news: "kn" (knot) is rare, "kt" is a kiloton.
WRONG = frozenset("kt kn Bq mi".split())


def _surfaces(registry, name: str) -> tuple[set[str], set[str]]:
    """(case-sensitive symbols, lower-case words) for one pint unit name."""
    symbols: set[str] = set()
    words: set[str] = set()
    symbol = registry.get_symbol(name)
    if symbol and symbol != name:
        symbols.add(symbol)
    definition = registry._units.get(name)  # pint keeps aliases on the definition only
    aliases = tuple(definition.aliases) if definition is not None else ()
    for word in (name, *aliases):
        spaced = word.replace("_", " ")
        if not spaced.isascii() or len(spaced) <= 2:
            symbols.add(word)
            continue
        words.add(spaced.lower())
        words.add(_plural(spaced.lower()))
        if "meter" in spaced or "liter" in spaced:  # British spelling of the same name
            british = spaced.replace("meter", "metre").replace("liter", "litre").lower()
            words.update((british, _plural(british)))
    return symbols - AMBIGUOUS - WRONG, words - {w.lower() for w in AMBIGUOUS} - WRONG


def _plural(word: str) -> str:
    if not re.search(r"[aeiouy]", word) or word.endswith("feet") or " " in word and len(word) < 7:
        return word  # "mph", "ppm", "cubic feet": no plural
    head, _, tail = word.partition(" per ")
    head = head if head.endswith(("s", "z")) else head + "s"
    head = head.replace("foots", "feet").replace("inchs", "inches")
    return f"{head} per {tail}" if tail else head


def build() -> dict:
    registry = pint.UnitRegistry()
    registry.load_definitions(str(ROOT / "checker" / "units.txt"))
    symbols: dict[str, str] = {}
    words: dict[str, str] = {}
    for name in NEWSROOM_UNITS:
        canonical = str(registry.Unit(name))
        found_symbols, found_words = _surfaces(registry, name)
        for symbol in found_symbols:
            symbols.setdefault(symbol, canonical)
        for word in found_words:
            words.setdefault(word, canonical)
    for surface, name in EXTRA.items():
        canonical = str(registry.Unit(name))
        if surface.islower() or not surface.isascii():
            words[surface] = canonical
        else:
            symbols[surface] = canonical
    for surface, name in NEWSROOM_WORDS.items():
        words[surface] = name
    currency_words = {}
    for code, surfaces in CURRENCIES.items():
        if code.lower() not in ENGLISH_CODES:
            currency_words[code.lower()] = code
        for surface in surfaces:
            currency_words[surface] = code
    # Each unit's dimensionality, as checker.units.dimension() gives it: a run then needs
    # pint only for a unit outside this table (building the registry costs ~300 ms).
    dimensions = {}
    for name in sorted({*symbols.values(), *words.values()}):
        try:
            dimensions[name] = str(registry.Unit(name).dimensionality) or "dimensionless"
        except Exception:  # noqa: BLE001 - a compound of a currency, say: left to run time
            continue
    return {
        "source": f"pint {pint.__version__} registry and checker/units.txt; "
        "generated by bench/make_unit_forms.py",
        "symbols": dict(sorted(symbols.items())),
        "words": dict(sorted(words.items())),
        "currencies": dict(sorted(currency_words.items())),
        "subunits": SUBUNITS,
        "dimensions": dimensions,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    args = parser.parse_args()
    text = json.dumps(build(), indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        print("up to date" if current == text else f"{OUT} is out of date")
        return 0 if current == text else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
