"""Reading numbers as written: digits, scale words, number words, vague amounts, qualifiers.

Pure functions over strings; nothing here knows about spaCy. The conventional readings of
vague amounts are documented in ``tests/gold/README.md`` and in the README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "lakh": 100_000,
    "crore": 10_000_000,
}
# Abbreviated scales, written after a number, glued or not: "3bn", "$4.5 m", "10k".
SCALE_ABBREVIATIONS = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
    "tr": 1_000_000_000_000,
    "tln": 1_000_000_000_000,
    "mil": 1_000_000,
}

# Vague amounts: (low, high) as conventionally read. value = low.
VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999),
    "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
    "billions": (2_000_000_000, 999_000_000_000),
    "several": (3, 9),
    "a few": (2, 5),
    "a handful": (2, 5),
}

# Words that make an exact count out of an article: "a dozen" 12, "a couple of" 2.
ARTICLE_NUMBERS = {"dozen": 12, "couple": 2, "score": 20}

ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth "
    "thousandth millionth".split()
)

# Indian grouping too: "12,34,567.89".
DIGITS_RE = re.compile(
    r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.\d+)?$|^[+-]?\.\d+$"
)
# A number glued to a scale or unit abbreviation: "3bn", "1.2bn", "40C", "12.5km", "100mph".
GLUED_RE = re.compile(
    r"^(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<suffix>[A-Za-z%°/²][A-Za-z/²°]*)$"
)
ORDINAL_RE = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)


def parse_digits(text: str) -> float | None:
    """'1,400' -> 1400.0, '2.5' -> 2.5; None when the text is not a plain written number."""
    if not DIGITS_RE.match(text):
        return None
    return float(text.replace(",", ""))


ZERO_WORDS = frozenset({"zero", "nought", "naught"})


def _small(word: str) -> float | None:
    """A number word below a hundred: "seven", "forty", "twenty-five"; None else."""
    parts = word.split("-")
    known = all(p in UNITS_WORDS or p in TENS_WORDS or p in ZERO_WORDS for p in parts)
    if len(parts) > 2 or not known:
        return None
    if len(parts) == 2 and (
        parts[0] not in TENS_WORDS or not 0 < UNITS_WORDS.get(parts[1], 0) < 10
    ):
        return None
    return float(sum(UNITS_WORDS.get(p, TENS_WORDS.get(p, 0)) for p in parts))


def fraction_tail(words: list[str]) -> tuple[float, int] | None:
    """'a half', 'one quarter', 'three fifths', 'two thirds' at the start of ``words``:
    (value, words used); the numerator is below the denominator."""
    if len(words) < 2 or words[1] not in FRACTION_WORDS:
        return None
    top = 1.0 if words[0] in ("a", "an") else _small(words[0])
    bottom = FRACTION_WORDS[words[1]]
    if top is None or not 0 < top < bottom or (top == 1) == words[1].endswith("s"):
        return None
    return top / bottom, 2


def _decimals(words: list[str]) -> tuple[str, int]:
    """The digits spoken after "point": "zero three" -> ("03", 2), "seventy-one" -> ("71", 1)."""
    first = _small(words[0]) if words else None
    if first is not None and first > 9:
        return str(int(first)), 1
    digits = ""
    for word in words:
        value = _small(word)
        if value is None or value > 9:
            break
        digits += str(int(value))
    return digits, len(digits)


def parse_word_number(words: list[str]) -> tuple[float, int] | None:
    """Read number words from the start of ``words`` (lower case).

    Returns (value, words used) for "three", "twenty-five", "twenty five", "two hundred",
    "one hundred and twenty", "five and a quarter", "six million and two thirds", "two
    hundred point zero three", or None.
    """
    total = 0.0
    current = 0.0
    last_scale = 1.0
    used = 0
    seen = False
    prev_tens = False
    i = 0
    while i < len(words):
        word = words[i]
        small = _small(word)
        if small is not None and (word not in ZERO_WORDS or not seen):
            tens_then_unit = (
                seen and prev_tens and "-" not in word and 0 < UNITS_WORDS.get(word, 10) < 10
            )
            if seen and current % 100 != 0 and current >= 1 and not tens_then_unit:
                break  # "three four" is two numbers
            current += small
            prev_tens = word in TENS_WORDS
            seen = True
            used = i + 1
        elif word in ("hundred",) and seen:
            current = (current or 1) * 100
            prev_tens = False
            used = i + 1
        elif word in SCALE_WORDS and seen and word != "hundred":
            last_scale = SCALE_WORDS[word]
            total += (current or 1) * last_scale
            current = 0
            used = i + 1
        elif word == "point" and seen and used == i:
            digits, n = _decimals(words[i + 1 : i + 4])
            if not digits:
                break
            return total + current + float("0." + digits), i + 1 + n
        elif word == "and" and seen and used == i:
            tail = fraction_tail(words[i + 1 : i + 3])
            if tail is not None:
                part, n = tail
                after = words[i + 1 + n] if i + 1 + n < len(words) else ""
                if after in SCALE_WORDS and after != "hundred":
                    # "five and a half million"; "one billion and a half million"
                    return total + (current + part) * SCALE_WORDS[after], i + 2 + n
                if current == 0 and total > 0:
                    part *= last_scale  # "six million and two thirds"
                return total + current + part, i + 1 + n
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if not (_small(nxt) is not None and (current >= 100 or total >= 1000)):
                break
            prev_tens = False  # "one hundred and twenty"
        else:
            break
        i += 1
    if not seen:
        return None
    return total + current, used


@dataclass(frozen=True)
class Qualifier:
    """A phrase that turns a figure into an interval."""

    name: str  # the contract's qualifier
    below: float = 0.0  # approximately: fraction of the value allowed below
    above: float = 0.0  # approximately: fraction allowed above


APPROX = Qualifier("approximately", 0.1, 0.1)
NEARLY = Qualifier("approximately", 0.1, 0.0)

# Phrases before a figure, longest first when matched. Lower case, space separated.
QUALIFIER_PHRASES: dict[str, Qualifier] = {
    "at least": Qualifier("at_least"),
    "no fewer than": Qualifier("at_least"),
    "no less than": Qualifier("at_least"),
    "not less than": Qualifier("at_least"),
    "a minimum of": Qualifier("at_least"),
    "at a minimum": Qualifier("at_least"),
    "more than": Qualifier("more_than"),
    "over": Qualifier("more_than"),
    "above": Qualifier("more_than"),
    "upwards of": Qualifier("more_than"),
    "upward of": Qualifier("more_than"),
    "in excess of": Qualifier("more_than"),
    "well over": Qualifier("more_than"),
    "just over": Qualifier("more_than"),
    "north of": Qualifier("more_than"),
    "topped": Qualifier("more_than"),
    "topping": Qualifier("more_than"),
    "tops": Qualifier("more_than"),
    "exceeded": Qualifier("more_than"),
    "exceeds": Qualifier("more_than"),
    "surpassed": Qualifier("more_than"),
    "passed": Qualifier("more_than"),
    "greater than": Qualifier("more_than"),
    "larger than": Qualifier("more_than"),
    "bigger than": Qualifier("more_than"),
    "higher than": Qualifier("more_than"),
    "exceed": Qualifier("more_than"),
    "exceeding": Qualifier("more_than"),
    "surpass": Qualifier("more_than"),
    "surpasses": Qualifier("more_than"),
    "surpassing": Qualifier("more_than"),
    "greater than or equal to": Qualifier("at_least"),
    "more than or equal to": Qualifier("at_least"),
    "at least or equal to": Qualifier("at_least"),
    "bigger or equal than": Qualifier("at_least"),
    "higher or equal than": Qualifier("at_least"),
    "greater or equal than": Qualifier("at_least"),
    "larger or equal than": Qualifier("at_least"),
    "smaller than": Qualifier("less_than"),
    "lower than": Qualifier("less_than"),
    "less than or equal to": Qualifier("at_most"),
    "fewer than or equal to": Qualifier("at_most"),
    "smaller or equal than": Qualifier("at_most"),
    "lower or equal than": Qualifier("at_most"),
    "less or equal than": Qualifier("at_most"),
    "up to": Qualifier("at_most"),
    "at most": Qualifier("at_most"),
    "as many as": Qualifier("at_most"),
    "as much as": Qualifier("at_most"),
    "as high as": Qualifier("at_most"),
    "a maximum of": Qualifier("at_most"),
    "no more than": Qualifier("at_most"),
    "not more than": Qualifier("at_most"),
    "fewer than": Qualifier("less_than"),
    "less than": Qualifier("less_than"),
    "under": Qualifier("less_than"),
    "below": Qualifier("less_than"),
    "just below": Qualifier("less_than"),
    "shy of": Qualifier("less_than"),
    "about": APPROX,
    "around": APPROX,
    "some": APPROX,
    "roughly": APPROX,
    "approximately": APPROX,
    "approx.": APPROX,
    "an estimated": APPROX,
    "estimated": APPROX,
    "close to": APPROX,
    "circa": APPROX,
    "c.": APPROX,
    "~": APPROX,
    "or so": APPROX,
    "nearly": NEARLY,
    "almost": NEARLY,
    "just under": NEARLY,
    "close on": NEARLY,
    "not quite": NEARLY,
}
QUALIFIER_MAX_WORDS = max(len(p.split()) for p in QUALIFIER_PHRASES)

TREND_UP = frozenset(
    "rise rose risen rising rises increase increased increasing increases climb climbed "
    "climbing climbs gain gained gaining gains jump jumped jumping jumps surge surged surging "
    "surges soar soared soaring soars grow grew grown growing grows add added adding adds "
    "rally rallied rallies advance advanced advancing advances up higher swell swelled "
    "spike spiked widen widened boost boosted raise raised hike hiked".split()
)
TREND_DOWN = frozenset(
    "fall fell fallen falling falls drop dropped dropping drops decline declined declining "
    "declines decrease decreased decreasing decreases slide slid sliding slides slip slipped "
    "slipping slips plunge plunged plunging plunges tumble tumbled tumbling tumbles sink sank "
    "sinking sinks shrink shrank shrunk shrinking shrinks lose lost losing loses shed shedding "
    "sheds slump slumped slumping slumps down lower ease eased easing dip dipped dipping "
    "cut reduce reduced narrow narrowed contract contracted retreat retreated".split()
)


def interval(value: float, qualifier: Qualifier | None) -> tuple[float | None, float | None]:
    """The (low, high) a figure allows under its qualifier; None where open."""
    if qualifier is None or qualifier.name == "exact":
        return value, value
    if qualifier.name in ("at_least", "more_than"):
        return value, None
    if qualifier.name in ("at_most", "less_than"):
        return None, value
    if qualifier.name == "approximately":
        # sorted: "about minus 5" is [-5.5, -4.5]; min/max: rounding never leaves the value out
        low, high = sorted(
            (round(value * (1 - qualifier.below), 6), round(value * (1 + qualifier.above), 6))
        )
        return min(low, value), max(high, value)
    return value, value


# Denominators of fractions in words: "a third", "two-thirds", "three quarters", "a fifth".
FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
# "3/4", "1/2": digit fractions news writes (small denominators; "9/11" and "24/7" are not).
DIGIT_FRACTION_RE = re.compile(r"^(?P<top>[1-9])/(?P<bottom>[2348])$")
# Vulgar fraction glyphs, alone or after digits: "½", "2½".
GLYPHS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅛": 0.125, "⅕": 0.2}
GLYPHS.update({"⅖": 0.4, "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅜": 0.375, "⅝": 0.625})
GLYPHS.update({"⅞": 0.875, "⅐": 1 / 7, "⅑": 1 / 9, "⅒": 0.1})
GLYPH_RE = re.compile(r"^(?P<whole>\d*)(?P<glyph>[" + "".join(GLYPHS) + "])$")
# Scientific notation glued in one token: "3.0×10" (then "^", "8"), "6.02x10".
TIMES_TEN_RE = re.compile(r"^(?P<num>\d+(?:\.\d+)?)[x×]10$")
# A signed number as one token: "-0.8", "+1.2", "−3" (a minus sign).
SIGNED_RE = re.compile(r"^[-−+](?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[-−+]\.\d+$")


def parse_fraction(text: str) -> float | None:
    """'3/4' -> 0.75, '½' -> 0.5, '2½' -> 2.5; None for anything else ('9/11', '24/7')."""
    match = DIGIT_FRACTION_RE.match(text)
    if match and int(match["top"]) < int(match["bottom"]):
        return int(match["top"]) / int(match["bottom"])
    glyph = GLYPH_RE.match(text)
    if glyph:
        return float(glyph["whole"] or 0) + GLYPHS[glyph["glyph"]]
    return None


def parse_signed(text: str) -> float | None:
    """'-0.8' -> -0.8, '+1.2' -> 1.2, '−3' -> -3.0; None when the token is not signed."""
    if not SIGNED_RE.match(text):
        return None
    sign = -1.0 if text[0] in "-−" else 1.0
    return sign * float(text[1:].replace(",", ""))
