"""Score ``checker.extract`` against two public test suites of other quantity extractors,
and run quantulum3 on the same cases in the same run, side by side (issue 15).

    python bench/peers.py                      # every suite, one table
    python bench/peers.py --suite currencies   # one suite
    python bench/peers.py --show-misses 10     # also our first 10 misses per suite
    python bench/peers.py --json               # the figures as JSON
    python bench/peers.py --peers DIR          # suites somewhere else

The suites are read in place from ``../shared/peers`` next to the repository (never copied
into the project); when that folder is absent the script says so on one line and exits 0.

- ``recognizers-text/*.json``: Microsoft Recognizers-Text English specs (MIT). One suite per
  model: numbers (NumberModel), ranges (NumberRangeModel), percentages, ages, currencies,
  dimensions, temperatures. A case is ``{"Input", "Results": [{"Text", "TypeName",
  "Start", "End", "Resolution": {"value", "unit"}}]}``, sometimes with "NotSupported" /
  "NotSupportedByDesign" (a comma list of the ports -- dotnet, java, javascript, python --
  that do not pass it; .NET is the reference port) and "Comment".
- ``quantulum3/quantities.json``: quantulum3's own test quantities (MIT), one suite,
  ``{"req": text, "res": [{"value", "unit", "surface", "uncertainty"?}]}``.

Both extractors see every kept case once, in one process (our spaCy pipeline is loaded once
and reused by every ``extract`` call; quantulum3 is optional and skipped when not importable).

Scoring
-------
Every expected and predicted quantity becomes a *reading*: a value, bounds (low, high; None
for an open side), whether it is a two-sided range, a set of acceptable unit names (empty:
no unit) and, where known, a character span.

- Ours: ``value`` is the claim's value; qualifier ``range`` gives bounds (low, high),
  ``more_than``/``at_least`` give (value, open), ``less_than``/``at_most`` (open, value),
  anything else (value, value) -- an "approximately" claim's +-10% interval is not a bound.
- quantulum3: value, and for a result with an uncertainty the range value +- uncertainty.
- Recognizers: the resolved value (``"100%"`` read as 100); a numberrange's interval text
  ``(20,35]`` gives bounds, its value is its lower finite bound; open/closed brackets are
  ignored (nobody else marks them, and "between 20 and 30" as [20,30) is a convention).
- quantulum3's suite: value, and value +- uncertainty as a range when it has one.

Counting multipliers that quantulum3 treats as units ("a dozen" = 1 dozen) are turned into
plain counts (12) on both sides of the quantulum3 columns, so its convention and the
Recognizers one (12) meet.

Matching, per case: each expected reading is paired with at most one prediction, greedily in
text order, trying predictions that overlap its span first. Precision = pairs /
predictions, recall = pairs / expected, F1 their harmonic mean, micro-averaged over a
suite's kept cases. Three criteria, each paired separately:

(a) value: the values agree within a relative tolerance of 1e-4; or both are two-sided
    ranges with the same bounds; or the expected reading is a two-sided range and the
    prediction's value is its low bound, high bound or midpoint (ours reports a range's low
    bound as its value, quantulum3 its midpoint: both are fair readings of "3 to 4 L"). A
    predicted range never matches an expected single value by one of its bounds.
(b) value+unit: (a) and the unit sets intersect (two unitless readings agree). Reported
    only for suites whose expectations carry units (not numbers, ranges).
(c) bounds: low and high agree pairwise (None with None) -- ranges suite only.

Which predictions count: in the untyped suites (numbers, quantulum3) all of them. The typed
Recognizers suites list only quantities of their kind ("She's 60 years old; she was born
in May 8, 1945" expects only the age), so there a prediction counts if it is of the suite's
kind -- currency, percent, time (ages), temperature, a physical unit (dimensions), a bound
or two-sided range (ranges) -- or if it overlaps an expected span (then a bare 40 for
"40 deg celsius" scores on value and misses on unit). Kinds come from our claim's unit and
dimension and from quantulum3's unit entity, the same rule for both extractors.
Predictions overlapping a dropped expectation (below) are not counted either way.

Units: every unit name is mapped to a set of acceptable names in our vocabulary (pint
names, ISO 4217 codes, lower-cased): first through the explicit tables ``RT_UNITS`` (keyed
by Recognizers' TypeName and unit, since "Pound" is GBP for currency and a mass for
dimension, "Degree" an angle or an unspecified temperature scale) and ``Q3_UNITS`` (used
for quantulum3's suite *and* quantulum3's own predictions), then by ``_spelling`` (lower
case, metre -> meter, litre -> liter, spaces -> underscores), then widened by the
``SAME_UNIT`` groups of synonyms (metric_ton = tonne, milliliter = cubic_centimeter, ...).
A name the suite leaves unspecified accepts every reading of it: "Dollar" from a bare "$"
accepts any dollar currency, "Degree" in the temperature suite degree, degree_Celsius or
degree_Fahrenheit, "Ton" any ton. Ours are lower-cased and widened the same way.

Exclusions (general rules in code; counts are reported per suite and reason). A case is
excluded, for both extractors, under the first of these rules that applies:

1. reference-unsupported: its NotSupported/NotSupportedByDesign flag names dotnet, the
   reference port -- the spec is an aspiration nobody passes. (Flags naming only other
   ports are kept: nearly every range spec lacks javascript/python support only.)
2. technical notation: the input has notation that news prose does not carry --
   powers/scientific notation (1.1^23, 1e10, 2.48x10-5), comparison operators (x>10, <= 30,
   20~100), chains of three or more digit groups (IP addresses, phone numbers, 5/17/2018),
   alphanumeric codes (SCP-173, LGA1156, 24703m212), URLs.
3. ordinal as a number (Recognizers): an expected mention reads a rank as a number ("the
   tenth" ... "the fifteenth" as 10..15) or is cut out of an ordinal of magnitude ("two
   [millionth]" as 2, "100 [millionths]" as 100).
4. odd fraction (untyped Recognizers suites): an expected fraction a news reader would not
   write or could read two ways -- a ratio phrase ("one over three", "2 in 5", "one out of
   three" as 0.333), a denominator beyond tenths ("a hundredth", "one twenty-fifth"), or a
   numerator that is not a single small number ("twenty one fifths", "one hundred thirty
   fifths").
5. unit-bound figure is not a number (numbers suite): the spec expects nothing though the
   input holds a digit -- the suite's convention that "the 180ml liquid" or "the May 4th"
   holds no number because the figure belongs to another model; a news extractor is right
   to report 180 ml.
6. non-English digit grouping: a decimal comma ("1,3", "5,00", "1.111,11") or numbers
   listed with bare commas ("22,24,26,31"); Indian grouping (12,34,567) is kept.
7. percent word first (percentages suite): "percent of 10" / "per cent of twenty-two"
   read as 10% / 22% -- in English that is a share *of* ten, not ten per cent.
8. range cut in half: an expected mention starts right after "40 -" (a number and a dash):
   the suite keeps only the upper end of a dash range ("about 40 - 50 years old" as 50, a
   "75 -300mm" lens as 300 mm). A news reader reads the range; its upper bound alone is not
   a figure of its own.

An expectation is dropped (the case stays; predictions on its span are ignored) when:

- no value: it names a unit with no figure ("convert 10 celsius to *fahrenheit*", "a small
  *percent*");
- calendar year (quantulum3 suite): a dimensionless four-digit integer from 1800 to 2100 --
  a date, which a news claim extractor rightly does not report as a quantity;
- implied one (quantulum3 suite): a surface with no digit and no number word ("a penny",
  "a gallon", "a gross") -- an implicit count of one, not a written figure.

Inputs are scored as the suites give them, including the Recognizers currency and
dimension sentences taken from tokenised, lower-cased news ("$ 75 million", "6 . 2 %").

Misses (``--show-misses N``): a case counts as our miss when we do not get every expected
reading with a matching prediction (value+unit where units apply, bounds for ranges) or
report an extra in-scope quantity. With ``--json`` they are listed under "our_misses".
"""

from __future__ import annotations

import argparse
import io
import json
import math
import re
import sys
import time
import warnings
from contextlib import redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PEERS = ROOT.parent / "shared" / "peers"
REL_TOL = 1e-4

# name -> (file under the peers folder, Recognizers TypeName or None for quantulum3's suite)
SUITES: dict[str, tuple[str, str | None]] = {
    "quantulum3": ("quantulum3/quantities.json", None),
    "numbers": ("recognizers-text/NumberModel.json", "number"),
    "ranges": ("recognizers-text/NumberRangeModel.json", "numberrange"),
    "percentages": ("recognizers-text/PercentModel.json", "percentage"),
    "ages": ("recognizers-text/AgeModel.json", "age"),
    "currencies": ("recognizers-text/CurrencyModel.json", "currency"),
    "dimensions": ("recognizers-text/DimensionModel.json", "dimension"),
    "temperatures": ("recognizers-text/TemperatureModel.json", "temperature"),
}
# The kind of prediction each Recognizers suite lists (see "Which predictions count").
SUITE_KIND = {
    "percentage": "percent",
    "age": "time",
    "currency": "currency",
    "dimension": "physical",
    "temperature": "temperature",
    "numberrange": "bound",
}
UNITLESS_TYPES = ("number", "numberrange")

# ---------------------------------------------------------------------------------------
# Unit mapping: every name -> a set of acceptable names in our vocabulary, lower-cased.

DOLLARS = frozenset({"usd", "cad", "aud", "nzd", "hkd", "sgd", "twd", "mxn"})  # "$" unqualified
TEMPERATURES = frozenset({"degree", "degree_celsius", "degree_fahrenheit"})
TONS = frozenset({"ton", "short_ton", "long_ton", "metric_ton"})

RT_UNITS: dict[tuple[str, str], frozenset[str]] = {
    # currency: ISO 4217 codes; subunits by name
    ("currency", "Dollar"): DOLLARS,
    ("currency", "United States dollar"): frozenset({"usd"}),
    ("currency", "Canadian dollar"): frozenset({"cad"}),
    ("currency", "Australian dollar"): frozenset({"aud"}),
    ("currency", "Hong Kong dollar"): frozenset({"hkd"}),
    ("currency", "New Zealand dollar"): frozenset({"nzd"}),
    ("currency", "Euro"): frozenset({"eur"}),
    ("currency", "Pound"): frozenset({"gbp"}),
    ("currency", "British pound"): frozenset({"gbp"}),
    ("currency", "Chinese yuan"): frozenset({"cny"}),
    ("currency", "Japanese yen"): frozenset({"jpy"}),
    ("currency", "Franc"): frozenset({"chf", "frf", "bef", "xof", "xaf"}),
    ("currency", "Swiss franc"): frozenset({"chf"}),
    ("currency", "Rupee"): frozenset({"inr", "pkr", "lkr", "npr"}),
    ("currency", "Sri Lankan rupee"): frozenset({"lkr"}),
    ("currency", "Turkish lira"): frozenset({"try"}),
    ("currency", "Mexican peso"): frozenset({"mxn"}),
    ("currency", "Finnish markka"): frozenset({"fim"}),
    ("currency", "Peseta"): frozenset({"esp"}),
    ("currency", "Netherlands guilder"): frozenset({"nlg"}),
    ("currency", "Costa Rican colón"): frozenset({"crc"}),
    ("currency", "Georgian lari"): frozenset({"gel"}),
    ("currency", "Lao kip"): frozenset({"lak"}),
    ("currency", "Bitcoin"): frozenset({"btc", "xbt"}),
    ("currency", "Satoshi"): frozenset({"satoshi"}),
    ("currency", "Cent"): frozenset({"cent"}),
    ("currency", "Pence"): frozenset({"penny"}),
    ("currency", "Penny"): frozenset({"penny"}),
    ("currency", "Sen"): frozenset({"sen"}),
    # dimension: pint names
    ("dimension", "Pound"): frozenset({"pound"}),
    ("dimension", "Ton"): TONS,
    ("dimension", "Metric ton"): frozenset({"metric_ton"}),
    ("dimension", "Degree"): frozenset({"degree"}),
    ("dimension", "Turn"): frozenset({"turn", "revolution"}),
    ("dimension", "Barrel"): frozenset({"barrel", "oil_barrel"}),
    ("dimension", "Bit"): frozenset({"bit"}),
    ("dimension", "Dram"): frozenset({"dram", "drachm"}),
    # (other dimension names -- "Kilometer per hour", "Square meter", "Cubic foot" -- map by
    # spelling: lower case, spaces to underscores)
    # temperature
    ("temperature", "C"): frozenset({"degree_celsius"}),
    ("temperature", "F"): frozenset({"degree_fahrenheit"}),
    ("temperature", "Degree"): TEMPERATURES,
    # age: durations
    ("age", "Age"): frozenset({"year"}),  # "a man of age 87": an age, read in years
    # ("Year", "Month", "Week", "Day" map by spelling)
    # percentage: the suite's results carry no unit; the type is the unit
    ("percentage", None): frozenset({"percent"}),
}

Q3_UNITS: dict[str, frozenset[str]] = {
    "dimensionless": frozenset(),  # a plain number: no unit
    "percentage": frozenset({"percent"}),
    "dollar": DOLLARS,
    "pound sterling": frozenset({"gbp"}),
    "euro": frozenset({"eur"}),
    "yen": frozenset({"jpy"}),
    "cent": frozenset({"cent"}),
    "penny": frozenset({"penny"}),
    "pound-mass": frozenset({"pound"}),
    "tonne": frozenset({"metric_ton"}),
    "ton": TONS,
    "degree Celsius": frozenset({"degree_celsius"}),
    "degree fahrenheit": frozenset({"degree_fahrenheit"}),
    "degree angle": frozenset({"degree"}),
    "cubic centimetre": frozenset({"cubic_centimeter", "milliliter"}),
    "litre": frozenset({"liter"}),
    "dollar per hour": frozenset({"usd_per_hour"}),
    "dollar per kilogram": frozenset({"usd_per_kilogram"}),
    # (other names -- "kilometre", "square mile", "kilometre per hour" -- map by spelling)
}

# Counting words quantulum3 reports as units; on its side they become plain counts.
COUNT_UNITS = {"dozen": 12.0, "baker's dozen": 13.0, "gross": 144.0}

# Synonyms in our vocabulary: any name of a group accepts every other.
SAME_UNIT = (
    frozenset({"metric_ton", "tonne", "t"}),
    frozenset({"milliliter", "cubic_centimeter"}),
    frozenset({"pound", "pound_mass", "lb"}),
    frozenset({"barrel", "oil_barrel"}),
    frozenset({"degree", "degree_angle"}),
    frozenset({"kilometer_per_hour", "kilometre_per_hour"}),
)


def _spelling(name: str) -> str:
    name = name.strip().lower().replace("metre", "meter").replace("litre", "liter")
    return re.sub(r"[\s\-]+", "_", name)


def _widen(names) -> frozenset[str]:
    out = set(names)
    for group in SAME_UNIT:
        if out & group:
            out |= group
    return frozenset(out)


def rt_units(type_name: str, unit: str | None) -> frozenset[str]:
    if (type_name, unit) in RT_UNITS:
        return _widen(RT_UNITS[(type_name, unit)])
    if unit is None or type_name in UNITLESS_TYPES:
        return frozenset()
    return _widen({_spelling(unit)})


def q3_units(name: str | None) -> frozenset[str]:
    if name is None:
        return frozenset()
    if name in Q3_UNITS:
        return _widen(Q3_UNITS[name])
    return _widen({_spelling(name)})


def our_units(unit: str | None) -> frozenset[str]:
    """Our unit's names; a compound ("usd / share") also answers to its numerator, since
    the suites' mentions stop before "a share", "per day"."""
    if unit is None:
        return frozenset()
    names = {unit.lower()}
    if " / " in unit:
        names.add(unit.split(" / ")[0].lower())
    return _widen(names)


# A subunit is a hundredth of a currency: "50 cents" (Recognizers: 50 Cent) is our 0.50 USD,
# "470 pence" our 4.70 GBP. The same amount, so either reading matches.
SUBUNITS = {"cent": None, "penny": "gbp"}


# ---------------------------------------------------------------------------------------
# Readings


@dataclass
class Reading:
    value: float | None
    low: float | None
    high: float | None
    is_range: bool = False
    units: frozenset = frozenset()
    start: int | None = None
    end: int | None = None
    text: str = ""
    kind: str | None = None  # prediction kind: number, percent, currency, time, ...

    def show(self) -> str:
        unit = "/".join(sorted(self.units)) if self.units else "-"
        if len(self.units) > 3:
            unit = sorted(self.units)[0] + "/..."
        if self.is_range or self.low != self.high:
            span = f"[{_num(self.low)}..{_num(self.high)}]"
        else:
            span = _num(self.value)
        return f"{self.text!r}={span} {unit}"


def _num(x) -> str:
    if x is None:
        return ""
    return f"{x:.6g}"


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)


def value_match(e: Reading, p: Reading) -> bool:
    if e.value is not None and close(e.value, p.value):
        return True
    if e.value is not None and e.units & SUBUNITS.keys() and close(e.value / 100, p.value):
        return True
    if e.is_range and p.is_range:
        return close(e.low, p.low) and close(e.high, p.high)
    if e.is_range:
        return any(close(p.value, x) for x in _range_values(e))
    return False


def _range_values(r: Reading) -> list[float]:
    values = [x for x in (r.low, r.high) if x is not None]
    if r.low is not None and r.high is not None:
        values.append((r.low + r.high) / 2)
    return values


def unit_match(e: Reading, p: Reading) -> bool:
    if not e.units and not p.units:
        return True
    for subunit, currency in SUBUNITS.items():
        if subunit in e.units and p.kind == "currency":
            return currency is None or currency in p.units
    return bool(e.units & p.units)


def bounds_match(e: Reading, p: Reading) -> bool:
    return close(e.low, p.low) and close(e.high, p.high)


CRITERIA = {
    "value": value_match,
    "value+unit": lambda e, p: value_match(e, p) and unit_match(e, p),
    "bounds": bounds_match,
}


def overlaps(a: Reading, b: Reading) -> bool:
    if a.start is None or b.start is None:
        return False
    return a.start < b.end and b.start < a.end


def pair(expected: list[Reading], predicted: list[Reading], match) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing in text order, overlapping predictions tried first."""
    used: set[int] = set()
    pairs = []
    for i, e in enumerate(expected):
        order = sorted(range(len(predicted)), key=lambda k: (not overlaps(e, predicted[k]), k))
        for k in order:
            if k not in used and match(e, predicted[k]):
                used.add(k)
                pairs.append((i, k))
                break
    return pairs


# ---------------------------------------------------------------------------------------
# Loading the suites, with the exclusion rules

NUMBER_WORDS = frozenset(
    """zero nought naught one two three four five six seven eight nine ten eleven twelve
    thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty
    sixty seventy eighty ninety hundred thousand million billion trillion lakh crore dozen
    dozens half quarter""".split()
)
SMALL_NUMERATORS = frozenset("a an one two three four five six seven eight nine".split())
SIMPLE_DENOMINATORS = frozenset(
    """half halves third thirds quarter quarters fourth fourths fifth fifths sixth sixths
    seventh sevenths eighth eighths ninth ninths tenth tenths""".split()
)
ORDINAL_WORD = re.compile(
    r"^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\w+teenth|\w+ieth|hundredth|thousandth|millionth|billionth|trillionth)s?$"
)
MAGNITUDE_ORDINAL = re.compile(r"^(hundredth|thousandth|millionth|billionth|trillionth)s?$")
DIGIT_ORDINAL = re.compile(r"\b\d+(st|nd|rd|th)\b", re.I)

TECHNICAL = [
    ("power", re.compile(r"\^|\d\s*[eE][+-]?\d|\d\s*[x×]\s*\d+\s*(\^|[−-]\s*\d)")),
    (
        "comparison",
        re.compile(r"[<>]\s*=?\s*[-−]?\d|\d\s*[<>]|=\s*[<>]?\s*[-−]?\d|\d\s*~\s*\d|<\s*[=>]"),
    ),
    ("digit chain", re.compile(r"\d+(?:[.\-/]\d+){2,}")),
    ("code", re.compile(r"\b[A-Za-z]+-?\d{2,}[A-Za-z]*\b|\b\d+[A-Za-z]+\d+\b")),
    ("url", re.compile(r"https?://|www\.")),
]

EXCLUDE_REASONS = {
    "reference-unsupported": "flag names dotnet, the reference port",
    "technical notation": "powers, operators, digit chains, codes, URLs",
    "ordinal as a number": "an expected mention is or is cut from an ordinal",
    "odd fraction": "ratio phrase, denominator beyond tenths, compound numerator",
    "unit-bound figure": "numbers suite expects nothing though the input has a digit",
    "non-English digit grouping": "decimal comma (1,3 / 5,00) or comma list (22,24,26)",
    "percent word first": "'percent of 10' read as 10%",
    "range cut in half": "expects only the upper end of a dash range ('40 - 50' as 50)",
}
DROP_REASONS = {
    "no value": "a unit word with no figure",
    "calendar year": "a dimensionless 4-digit year 1800-2100",
    "implied one": "no digit and no number word in the surface",
}


@dataclass
class Case:
    index: int
    text: str
    expected: list[Reading]
    dropped: list[Reading] = field(default_factory=list)  # spans whose predictions are ignored
    drop_reasons: list[str] = field(default_factory=list)
    excluded: str | None = None


def technical(text: str) -> str | None:
    for name, pattern in TECHNICAL:
        if pattern.search(text):
            return name
    return None


def foreign_grouping(text: str) -> bool:
    """A decimal comma (1,3; 5,00; 1.111,11) or a comma list of numbers (22,24,26); the
    Indian grouping 12,34,567 is English and stays."""
    for m in re.finditer(r"\d[\d,.]*\d", text):
        token = m.group()
        if re.fullmatch(r"\d{1,2}(,\d\d)*,\d{3}(\.\d+)?", token):
            continue
        if re.search(r",\d{1,2}(?!\d)|\.\d{3},", token):
            return True
    return False


# An expected mention that starts right after "40 -": the suite keeps only the upper end of a
# dash range ("about 40 - 50 years old" as 50, a "75 -300mm" lens as 300 mm); news reads the
# range, and a bound cut from it is no figure of its own.
CUT_RANGE = re.compile(r"\d\s*[-–]\s*$")
PERCENT_FIRST = re.compile(r"\s*(per\s*cent|percent|percentage)s?\s+of\b", re.I)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+(?:[.,]\d+)*", text.lower())


def odd_fraction(text: str) -> bool:
    """A spelled or ratio fraction a news reader would not write or could read two ways."""
    low = text.lower()
    numeral = r"(?:\d[\d.,]*|" + "|".join(sorted(NUMBER_WORDS | SMALL_NUMERATORS)) + r")"
    if re.search(rf"\b{numeral}\s+(over|out of|in)\s+{numeral}\b", low):
        return True
    tokens = re.findall(r"[a-z]+|\d+(?:[.,]\d+)*|-", low)
    for i, token in enumerate(tokens):
        if not ORDINAL_WORD.match(token) and token not in SIMPLE_DENOMINATORS:
            continue
        if token not in SIMPLE_DENOMINATORS:
            return True
        numerator = []
        k = i - 1
        while k >= 0 and (
            tokens[k] == "-"
            or tokens[k] in NUMBER_WORDS | SMALL_NUMERATORS
            or tokens[k][0].isdigit()
        ):
            if tokens[k] != "-":
                numerator.append(tokens[k])
            k -= 1
        if len(numerator) > 1 or (
            numerator and numerator[0] not in SMALL_NUMERATORS and not numerator[0].isdigit()
        ):
            return True
    return False


def ordinal_mention(text: str, start: int, end: int, mention: str, subtype) -> bool:
    """An expected mention that is an ordinal, or is cut out of one ("two [millionth]")."""
    if subtype == "fraction":
        return False
    if DIGIT_ORDINAL.search(mention):
        return True
    if any(
        ORDINAL_WORD.match(w)
        for w in _words(mention)
        if w not in SIMPLE_DENOMINATORS or w in ("third", "fourth", "fifth", "tenth")
    ):
        # "half"/"quarter" are not ordinals; "the tenth and the fifteenth" are
        if re.search(r"\bthe\s+\w+(th|st|nd|rd)\b", mention.lower()):
            return True
    following = _words(text[end : end + 20])
    return bool(following) and bool(MAGNITUDE_ORDINAL.match(following[0]))


def _parse_number(raw) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    raw = str(raw).strip().rstrip("%")
    if raw.lower() in ("", "null", "none"):
        return None
    try:
        return float(raw)
    except ValueError:
        return None


def _interval(raw: str) -> tuple[float | None, float | None] | None:
    m = re.fullmatch(r"\s*[\[(]\s*([^,]*),\s*([^\])]*)[\])]\s*", str(raw))
    if not m:
        return None
    return _parse_number(m.group(1)), _parse_number(m.group(2))


def load_recognizers(path: Path, type_name: str) -> list[Case]:
    cases = []
    for index, spec in enumerate(json.loads(path.read_text(encoding="utf-8-sig"))):
        text = spec.get("Input", "")
        case = Case(index, text, [])
        flags = ",".join(str(spec.get(k, "")) for k in ("NotSupported", "NotSupportedByDesign"))
        results = spec.get("Results") or []
        for result in results:
            resolution = result.get("Resolution") or {}
            mention = result.get("Text", "")
            start = result.get("Start")
            end = result.get("End")
            end = None if end is None else end + 1  # Recognizers' End is inclusive
            if type_name == "numberrange":
                bounds = _interval(resolution.get("value", ""))
                low, high = bounds if bounds else (None, None)
                value = low if low is not None else high
                reading = Reading(
                    value,
                    low,
                    high,
                    low is not None and high is not None,
                    frozenset(),
                    start,
                    end,
                    mention,
                )
            else:
                value = _parse_number(resolution.get("value"))
                units = rt_units(type_name, resolution.get("unit"))
                reading = Reading(value, value, value, False, units, start, end, mention)
            reading.kind = resolution.get("subtype")
            if reading.value is None:
                case.dropped.append(reading)
                case.drop_reasons.append("no value")
            else:
                case.expected.append(reading)
        # exclusions, first reason that applies
        if re.search(r"\bdotnet\b", flags, re.I):
            case.excluded = "reference-unsupported"
        elif technical(text):
            case.excluded = "technical notation"
        elif any(
            ordinal_mention(text, r.start or 0, r.end or 0, r.text, r.kind) for r in case.expected
        ):
            case.excluded = "ordinal as a number"
        elif type_name in UNITLESS_TYPES and any(
            odd_fraction(r.text)
            for r in case.expected
            if r.kind == "fraction" or type_name == "numberrange"
        ):
            case.excluded = "odd fraction"
        elif type_name == "number" and not results and re.search(r"\d", text):
            case.excluded = "unit-bound figure"
        elif foreign_grouping(text):
            case.excluded = "non-English digit grouping"
        elif type_name == "percentage" and any(PERCENT_FIRST.match(r.text) for r in case.expected):
            case.excluded = "percent word first"
        elif any(CUT_RANGE.search(text[: r.start or 0]) for r in case.expected if r.start):
            case.excluded = "range cut in half"
        cases.append(case)
    return cases


def _find_span(text: str, surface: str, after: int) -> tuple[int | None, int | None]:
    at = text.lower().find(surface.lower(), after)
    if at < 0:
        at = text.lower().find(surface.lower())
    if at < 0:
        return None, None
    return at, at + len(surface)


def q3_reading(value, unit_name, uncertainty, surface, start, end, kind=None) -> Reading:
    value = float(value)
    if unit_name in COUNT_UNITS:
        value *= COUNT_UNITS[unit_name]
        unit_name = "dimensionless"
    units = q3_units(unit_name)
    if uncertainty:
        low, high, is_range = value - uncertainty, value + uncertainty, True
    else:
        low, high, is_range = value, value, False
    return Reading(value, low, high, is_range, units, start, end, surface, kind)


def load_quantulum_suite(path: Path) -> list[Case]:
    cases = []
    for index, spec in enumerate(json.loads(path.read_text(encoding="utf-8-sig"))):
        text = spec.get("req", "")
        case = Case(index, text, [])
        cursor = 0
        for result in spec.get("res") or []:
            surface = str(result.get("surface", ""))
            start, end = _find_span(text, surface, cursor)
            if end is not None:
                cursor = end
            unit = result.get("unit")
            reading = q3_reading(
                result.get("value"), unit, result.get("uncertainty"), surface, start, end
            )
            words = set(_words(surface))
            if (
                unit == "dimensionless"
                and re.fullmatch(r"\d{4}", surface.strip())
                and (1800 <= reading.value <= 2100)
            ):
                reason = "calendar year"
            elif not re.search(r"\d", surface) and not (words & NUMBER_WORDS):
                reason = "implied one"
            else:
                reason = None
            if reason:
                case.dropped.append(reading)
                case.drop_reasons.append(reason)
            else:
                case.expected.append(reading)
        if technical(text):
            case.excluded = "technical notation"
        cases.append(case)
    return cases


# ---------------------------------------------------------------------------------------
# Extractors


def our_kind(claim) -> str:
    dimension = claim.dimension or ""
    numerator = (claim.unit or "").split(" / ")[0]
    if dimension.startswith("currency") or (len(numerator) == 3 and numerator.isupper()):
        return "currency"
    if claim.unit in ("percent", "percentage_point"):
        return "percent"
    if dimension == "[temperature]":
        return "temperature"
    if dimension == "[time]":
        return "time"
    return "physical" if claim.unit else "number"


def our_readings(extract, text: str) -> list[Reading]:
    readings = []
    for claim in extract(text):
        value = float(claim.value)
        q = claim.qualifier
        if q == "range":
            low, high, is_range = claim.low, claim.high, True
        elif q in ("more_than", "at_least"):
            low, high, is_range = value, None, False
        elif q in ("less_than", "at_most"):
            low, high, is_range = None, value, False
        else:
            low, high, is_range = value, value, False
        readings.append(
            Reading(
                value,
                low,
                high,
                is_range,
                our_units(claim.unit),
                claim.start,
                claim.end,
                claim.text,
                our_kind(claim),
            )
        )
    return readings


def q3_kind(quantity) -> str:
    entity = getattr(getattr(quantity.unit, "entity", None), "name", "") or ""
    name = quantity.unit.name
    if name == "percentage":
        return "percent"
    if entity in ("currency", "temperature", "time"):
        return entity
    return "number" if entity == "dimensionless" or name == "dimensionless" else "physical"


def load_quantulum():
    """quantulum3's parser, or None when it is not importable."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from quantulum3 import classifier, parser
        except Exception:  # noqa: BLE001 - any import failure means "skip it"
            return None, False
    return parser, bool(getattr(classifier, "USE_CLF", False))


def q3_readings(parser, text: str) -> list[Reading]:
    sink = io.StringIO()
    with warnings.catch_warnings(), redirect_stderr(sink):
        warnings.simplefilter("ignore")
        try:
            quantities = parser.parse(text)
        except Exception:  # noqa: BLE001 - a crash on an input is no prediction
            return []
    readings = []
    for q in quantities:
        start, end = q.span if q.span else (None, None)
        readings.append(
            q3_reading(q.value, q.unit.name, q.uncertainty, q.surface, start, end, q3_kind(q))
        )
    return readings


# ---------------------------------------------------------------------------------------
# Scoring


def in_scope(p: Reading, case: Case, type_name: str | None) -> bool:
    if any(overlaps(p, d) for d in case.dropped):
        return False
    kind = SUITE_KIND.get(type_name)
    if kind is None:
        return True
    if kind == "bound":
        of_kind = p.is_range or (p.low is None) != (p.high is None)
    else:
        of_kind = p.kind == kind
    return of_kind or any(overlaps(p, e) for e in case.expected)


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, n_pairs: int, n_expected: int, n_predicted: int):
        self.tp += n_pairs
        self.fn += n_expected - n_pairs
        self.fp += n_predicted - n_pairs

    def prf(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(f, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def criteria_for(type_name: str | None) -> list[str]:
    if type_name == "numberrange":
        return ["value", "bounds"]
    if type_name == "number":
        return ["value"]
    return ["value", "value+unit"]


def score_suite(name, cases, type_name, extractors, show_misses):
    criteria = criteria_for(type_name)
    tallies = {tool: {c: Tally() for c in criteria} for tool in extractors}
    misses = []
    strict = criteria[-1]
    for case in cases:
        if case.excluded:
            continue
        for tool, run in extractors.items():
            predicted = [p for p in run(case.text) if in_scope(p, case, type_name)]
            for criterion in criteria:
                pairs = pair(case.expected, predicted, CRITERIA[criterion])
                tallies[tool][criterion].add(len(pairs), len(case.expected), len(predicted))
                if (
                    tool == "ours"
                    and criterion == strict
                    and (len(pairs) < len(case.expected) or len(pairs) < len(predicted))
                ):
                    misses.append((case, predicted))
    kept = sum(1 for c in cases if not c.excluded)
    excluded: dict[str, int] = {}
    for c in cases:
        if c.excluded:
            excluded[c.excluded] = excluded.get(c.excluded, 0) + 1
    dropped: dict[str, int] = {}
    for c in cases:
        if not c.excluded:
            for reason in c.drop_reasons:
                dropped[reason] = dropped.get(reason, 0) + 1
    result = {
        "suite": name,
        "cases": len(cases),
        "kept": kept,
        "expected": sum(len(c.expected) for c in cases if not c.excluded),
        "excluded": excluded,
        "dropped_expectations": dropped,
        "misses": len(misses),
    }
    for tool in extractors:
        result[tool] = {c: tallies[tool][c].prf() for c in criteria}
    return result, misses[:show_misses]


# ---------------------------------------------------------------------------------------
# Output


def _f(result, tool, criterion, key="f1") -> str:
    block = result.get(tool)
    if not block or criterion not in block:
        return "   -"
    return f"{block[criterion][key]:.2f}"


def print_table(results: list[dict], q3_state: str) -> None:
    head = (
        f"{'suite':<13}{'cases':>6}{'kept':>6}{'exp':>5} | {'ours value P':>12}"
        f"{'R':>6}{'F1':>6} {'v+unit':>7}{'bounds':>7} | {'q3 value':>9}{'v+unit':>7}"
        f"{'bounds':>7}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        print(
            f"{r['suite']:<13}{r['cases']:>6}{r['kept']:>6}{r['expected']:>5} | "
            f"{_f(r, 'ours', 'value', 'p'):>12}{_f(r, 'ours', 'value', 'r'):>6}"
            f"{_f(r, 'ours', 'value'):>6} {_f(r, 'ours', 'value+unit'):>7}"
            f"{_f(r, 'ours', 'bounds'):>7} | {_f(r, 'quantulum3', 'value'):>9}"
            f"{_f(r, 'quantulum3', 'value+unit'):>7}{_f(r, 'quantulum3', 'bounds'):>7}"
        )
    print(f"(F1 unless marked; '-' = not applicable; quantulum3 {q3_state})")
    print()
    print("Excluded cases (both extractors) and dropped expectations, per suite:")
    for r in results:
        parts = [f"{n} {reason}" for reason, n in sorted(r["excluded"].items())]
        drops = [f"{n} {reason}" for reason, n in sorted(r["dropped_expectations"].items())]
        line = f"  {r['suite']:<13} excluded {r['cases'] - r['kept']}"
        if parts:
            line += ": " + ", ".join(parts)
        if drops:
            line += "; dropped expectations: " + ", ".join(drops)
        print(line)
    print()
    print("Reasons:")
    for reason, why in {**EXCLUDE_REASONS, **DROP_REASONS}.items():
        print(f"  {reason:<27} {why}")


def print_misses(name: str, misses) -> None:
    if not misses:
        return
    print(f"\n== our misses, {name} (first {len(misses)}) ==")
    for case, predicted in misses:
        print(f"- #{case.index}: {case.text[:160]!r}")
        print("    expected: " + ("; ".join(e.show() for e in case.expected) or "nothing"))
        print("    got:      " + ("; ".join(p.show() for p in predicted) or "nothing"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--peers",
        type=Path,
        default=DEFAULT_PEERS,
        help="folder holding recognizers-text/ and quantulum3/",
    )
    parser.add_argument(
        "--suite", choices=sorted(SUITES), action="append", help="run only this suite (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--show-misses", type=int, default=0, metavar="N", help="print our first N misses per suite"
    )
    parser.add_argument("--no-quantulum", action="store_true", help="skip quantulum3")
    args = parser.parse_args(argv)

    peers = args.peers
    if not peers.is_dir():
        print(f"peers: no peer suites at {peers}; skipping.")
        return 0
    names = args.suite or list(SUITES)
    loaded = []
    for name in names:
        relative, type_name = SUITES[name]
        path = peers / relative
        if not path.is_file():
            print(f"peers: {path} missing; suite {name} skipped.", file=sys.stderr)
            continue
        cases = (
            load_quantulum_suite(path) if type_name is None else load_recognizers(path, type_name)
        )
        loaded.append((name, type_name, cases))
    if not loaded:
        print(f"peers: no suite files under {peers}; skipping.")
        return 0

    started = time.perf_counter()
    try:
        from checker import extract
    except Exception as error:  # noqa: BLE001 - say why in one line, not a traceback
        print(
            f"peers: cannot import checker.extract ({type(error).__name__}: {error})",
            file=sys.stderr,
        )
        return 2

    extractors = {"ours": lambda text: our_readings(extract, text)}
    q3_parser, q3_classifier = (None, False) if args.no_quantulum else load_quantulum()
    if q3_parser is not None:
        extractors["quantulum3"] = lambda text: q3_readings(q3_parser, text)
        q3_state = "ran" + ("" if q3_classifier else " without its optional classifier")
    else:
        q3_state = "skipped (not importable)" if not args.no_quantulum else "skipped"

    results = []
    all_misses = []
    for name, type_name, cases in loaded:
        result, misses = score_suite(name, cases, type_name, extractors, args.show_misses)
        results.append(result)
        all_misses.append((name, misses))
    elapsed = time.perf_counter() - started

    if args.json:
        if args.show_misses:
            for result, (_, misses) in zip(results, all_misses, strict=True):
                result["our_misses"] = [
                    {
                        "input": case.text,
                        "expected": [e.show() for e in case.expected],
                        "got": [p.show() for p in predicted],
                    }
                    for case, predicted in misses
                ]
        print(
            json.dumps(
                {
                    "peers": str(peers),
                    "quantulum3": q3_state,
                    "seconds": round(elapsed, 1),
                    "suites": results,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print_table(results, q3_state)
        print(f"\n{sum(r['kept'] for r in results)} kept cases in {elapsed:.1f}s")
        for name, misses in all_misses:
            print_misses(name, misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
