"""Units and currencies written around a figure: "$", "US$", "EUR50m", "40 yuan", "25 €",
"80 euro cents", "4,500 mAh", "300 hp", "$2,000 a month", "3,000 kWh per day".

The surface forms come from ``checker.units`` (generated from pint's registry and an ISO 4217
table by ``bench/make_unit_forms.py``). A unit followed by "per X", "a X", "an X" or "/X"
becomes a compound unit ("USD / month", "kilowatt_hour / day"), written as pint writes one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..units import (
    CURRENCY_CODES,
    CURRENCY_SUBUNITS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    UNIT_SYMBOLS,
    UNIT_WORDS,
)
from .figure import Core, glued_to_next, lower_at

if TYPE_CHECKING:
    from spacy.tokens import Doc

HYPHENS = {"-", "–", "—"}
# A currency sign, code or tilde glued to the number in one token: "HK$1.8", "~1.2", "EUR50",
# "RM50", "US45" after a "$" ("$US45").
PREFIX_RE = re.compile(
    r"^(?P<prefix>(?:US|A|AU|C|CA|HK|NZ|S|R|NT|Mex)?\$|~|[£€¥₹₪₩₽₺₦₱₴₫฿₡₾₭₿]|[A-Z]{3}|RM|Rs\.?)"
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$"
)
# A currency sign glued after the number: "100元", "100₾", "25€".
SIGN_AFTER_RE = re.compile(
    r"^(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<sign>[£€¥₹₪₩₽₺₦₱₴₫฿₡₾₭₿元])$"
)
DOLLAR_COUNTRY_RE = re.compile(r"^(?P<country>US|A|C|HK|NZ|S)(?P<num>\d+(?:\.\d+)?)$")
# Single letters and words that are units only when glued to the number or after "°".
GLUED_ONLY = frozenset({"c", "f", "l", "g", "mi", "ha", "pc", "min", "p"})
# One-letter symbols read after a space too: "65 W", "230 V" (others only glued: "5g").
SPACED_LETTERS = frozenset({"W", "V"})
# Denominators of a compound unit: "per day", "a month", "/h", "per share".
PER_WORDS = frozenset({"per", "a", "an", "/", "each"})
DENOMINATORS = {
    "share": "share",
    "barrel": "barrel",
    "head": "person",
    "person": "person",
    "capita": "person",
    "kilo": "kilogram",
    "litre": "liter",
    "liter": "liter",
    "gallon": "gallon",
    "tonne": "metric_ton",
    "ton": "ton",
    "ounce": "ounce",
    "night": "night",
    "hectare": "hectare",
    "acre": "acre",
}
MONEY_CONTEXT = ("million", "billion", "£", "sterling", "cost", "fund", "paid", "pay", "price")


def unit_symbol(text: str) -> str | None:
    """A case-sensitive unit symbol ("kW", "MPa", "mAh"), else None."""
    return UNIT_SYMBOLS.get(text)


def unit_after(doc: Doc, j: int) -> tuple[str | None, int]:
    """A unit written after token j-1: returns (unit, end token), compound units included."""
    unit, end = _simple_unit_after(doc, j)
    if unit is None:
        return None, j
    if unit == "degree" and lower_at(doc, end) in ("celsius", "centigrade"):
        return "degree_Celsius", end + 1
    return unit, end


def per_after(doc: Doc, j: int) -> tuple[str | None, int]:
    """'per day', 'a month', '/h', 'per square metre', 'per share' after a unit."""
    word = lower_at(doc, j)
    if word not in PER_WORDS or (word == "/" and not glued_to_next(doc, j - 1)):
        return None, j
    nxt = lower_at(doc, j + 1)
    if word in ("a", "an") and nxt in _TIME_SINGULAR and lower_at(doc, j + 2) in TIME_AFTER:
        return None, j  # "up from £652 million a year earlier"
    if nxt in DENOMINATORS or nxt.rstrip("s") in DENOMINATORS and word == "per":
        return DENOMINATORS.get(nxt, DENOMINATORS.get(nxt.rstrip("s"))), j + 2
    unit, end = _simple_unit_after(doc, j + 1, physical_only=True)
    if unit is not None and (word in ("per", "/") or lower_at(doc, j + 1) in _TIME_SINGULAR):
        return unit, end
    return None, j


TIME_AFTER = frozenset("earlier later ago before after previously back since on".split())
_TIME_SINGULAR = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "night"})


def _simple_unit_after(doc: Doc, j: int, *, physical_only: bool = False) -> tuple[str | None, int]:
    k = j
    if lower_at(doc, k) in HYPHENS and glued_to_next(doc, k - 1):
        k += 1  # "72-hour", "90-minute"
    for n in (3, 2, 1):
        words = [lower_at(doc, x) for x in range(k, k + n)]
        if len(words) < n or not all(words):
            continue
        glued = all(glued_to_next(doc, x) for x in range(k, k + n - 1))
        for candidate in (" ".join(words), "".join(words)) if glued else (" ".join(words),):
            if not physical_only:
                money = _currency_word(doc, candidate, j, k + n)
                if money is not None:
                    return money, k + n
            if candidate in UNIT_WORDS:
                if candidate in GLUED_ONLY and not (
                    glued_to_next(doc, k - 1) or lower_at(doc, k - 1) == "°"
                ):
                    return None, j
                unit = UNIT_WORDS[candidate]
                if unit == "degree":
                    after = lower_at(doc, k + n)
                    if after in ("celsius", "c", "centigrade"):
                        return "degree_Celsius", k + n + 1
                    if after in ("fahrenheit", "f"):
                        return "degree_Fahrenheit", k + n + 1
                return unit, k + n
    if 0 <= k < len(doc):
        text = doc[k].text
        if text.endswith(".") and (k + 1 == len(doc) or doc[k + 1].text[:1].isupper()):
            text = text[:-1]  # "draws 12 W." at a sentence end
        symbol = unit_symbol(text)
        spaced_ok = len(text) > 1 or text in SPACED_LETTERS
        if symbol is not None and (spaced_ok or glued_to_next(doc, k - 1)):
            return symbol, k + 1
    return None, j


def _currency_word(doc: Doc, candidate: str, j: int, end: int) -> str | None:
    if candidate not in CURRENCY_WORDS:
        return None
    if candidate.startswith("pound") and not money_context(doc, j):
        return None  # "pounds" of weight: left to the unit table
    if candidate in ("$", "€", "£") and not glued_to_next(doc, end - 2) and end - 1 < len(doc):
        # "25 € at the door" or "30$": a sign after the figure; "$" before the next one is not
        if end < len(doc) and doc[end].like_num:
            return None
    return CURRENCY_WORDS[candidate]


def money_context(doc: Doc, j: int) -> bool:
    window = " ".join(t.lower_ for t in doc[max(0, j - 8) : j + 4])
    return any(w in window for w in MONEY_CONTEXT)


def subunit_after(doc: Doc, j: int, currency: str | None) -> tuple[str | None, int]:
    """'cents', 'euro cents', 'pence' after the figure: (ISO code, end) of a hundredth."""
    word = lower_at(doc, j)
    if word in CURRENCY_WORDS and lower_at(doc, j + 1) in ("cent", "cents"):
        return CURRENCY_WORDS[word], j + 2  # "80 euro cents"
    if word in CURRENCY_SUBUNITS and (word != "p" or glued_to_next(doc, j - 1)):
        return currency or CURRENCY_SUBUNITS[word], j + 1
    return None, j


def currency_before(doc: Doc, start: int, prefix: str | None) -> tuple[str | None, int]:
    """A currency written before the number at ``start``: '$', 'US$', 'HK$1.8' (glued),
    'USD 5bn', 'C $ 300' (tokenised), '$US45'. Returns (ISO code, first token)."""
    if prefix and prefix != "~":
        return CURRENCY_SYMBOLS.get(prefix.lower()), start
    before = lower_at(doc, start - 1)
    if before in CURRENCY_SYMBOLS:
        first = start - 1
        country = lower_at(doc, first - 1)
        if country + before in CURRENCY_SYMBOLS and (
            glued_to_next(doc, first - 1) or country in ("c", "hk", "nz", "us")
        ):
            return CURRENCY_SYMBOLS[country + before], first - 1  # "US$", "c $"
        if before == "$" and DOLLAR_COUNTRY_RE.match(doc[start].text):
            country = DOLLAR_COUNTRY_RE.match(doc[start].text)["country"].lower()
            return CURRENCY_SYMBOLS.get(country + "$", "USD"), first  # "$US45"
        return CURRENCY_SYMBOLS[before], first
    if before.upper() in CURRENCY_CODES and doc[start - 1].text.isupper():
        return before.upper(), start - 1  # "GBP 3bn"
    return None, start


def glued_prefix(text: str) -> tuple[str | None, str | None]:
    """(prefix, number text) of a token like 'HK$1.8', 'EUR50', '~1.2'; (None, None) else."""
    match = PREFIX_RE.match(text)
    if match is None:
        return None, None
    prefix = match["prefix"]
    if prefix.isalpha() and prefix.lower() not in CURRENCY_SYMBOLS:
        return None, None  # "ABC123" is a code, not money
    return prefix, match["num"]


def is_money(unit: str | None) -> bool:
    return unit is not None and unit.split(" / ")[0] in CURRENCY_CODES


def magnitude_or_age(doc: Doc, core: Core, end: int) -> tuple[str | None, int]:
    """A bare number that is an earthquake's magnitude ("a magnitude 6.4", "a 6.4-magnitude
    quake", "6.4 on the Richter scale") or a person's age in apposition ("Ana Ruiz, 42,",
    "Moore, 31, was hurt"): not a count."""
    before = [lower_at(doc, core.start - n) for n in (1, 2)]
    after = lower_at(doc, end)
    if "magnitude" in before or (before[0] == "-" and before[1] == "magnitude"):
        return "magnitude", end
    if after == "magnitude" or (after in HYPHENS and lower_at(doc, end + 1) == "magnitude"):
        return "magnitude", end + (1 if after == "magnitude" else 2)
    if after == "on" and lower_at(doc, end + 2) == "richter":
        return "magnitude", end
    if before[0] == "age" and not core.words and 0 < core.value < 120:
        return "year", end  # "died at age 87"
    value = core.value
    if (
        not core.words
        and value.is_integer()
        and 0 < value < 120
        and before[0] == ","
        and core.start > 1
        and doc[core.start - 2].pos_ == "PROPN"
        and doc[core.start - 2].ent_type_ not in ("GPE", "LOC", "ORG", "NORP", "FAC", "DATE")
        and (after in (",", ")") or (end < len(doc) and doc[end].pos_ in ("AUX", "VERB")))
    ):
        return "year", end
    return None, end
