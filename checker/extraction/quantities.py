"""Finding quantities in a parsed Doc: the number, its scale, qualifier, unit and currency.

``find_quantities(doc)`` scans tokens left to right and returns :class:`Quantity` objects;
``nonclaims`` decides which of the numbers it reads are dates, ordinals, identifiers, scores
and the like. Subjects, time and sources are read later, from the parse, by other modules.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from ..units import CURRENCY_CODES, CURRENCY_SYMBOLS, CURRENCY_WORDS, TIME_UNITS, UNIT_WORDS
from . import nonclaims
from .figure import Core, Quantity, glued_to_next, lower_at
from .forms import (
    and_a_half,
    fraction_at,
    half_at,
    mixed_tail,
    range_token,
    ratio_after,
    scientific,
    signed_at,
    space_grouped,
    spelled_words,
    suspended_at,
    temperature_ok,
    times_ten_at,
)
from .modifiers import (
    carry_trends,
    join_bounds,
    join_compounds,
    link_conversions,
    qualifier_after,
    qualifier_before,
    trend_after,
    trend_before,
    trend_to_level,
    trend_verb_before,
)
from .numbers import (
    ARTICLE_NUMBERS,
    GLUED_RE,
    GLYPHS,
    QUALIFIER_PHRASES,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TREND_DOWN,
    TREND_UP,
    UNITS_WORDS,
    VAGUE,
    ZERO_WORDS,
    interval,
    parse_digits,
    parse_word_number,
)
from .numbers import TENS_WORDS as TENS
from .unitforms import (
    DOLLAR_COUNTRY_RE,
    SIGN_AFTER_RE,
    currency_before,
    glued_prefix,
    is_money,
    magnitude_or_age,
    per_after,
    subunit_after,
    unit_after,
    unit_symbol,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

HYPHENS = {"-", "–", "—"}
# After "5,000m": the metres of a race or a height, not millions.
METRE_CONTEXT = frozenset(
    "tall high long deep wide away above below thick across final race title event record "
    "relay freestyle backstroke breaststroke butterfly medley hurdles steeplechase sprint "
    "heat heats dash swim gold silver bronze champion world olympic".split()
)
_TEMPERATURES = ("degree_Celsius", "degree_Fahrenheit")
MILLION_CODE_RE = re.compile(r"^M(?:USD|EUR|GBP|AUD|CAD|CHF|JPY|SEK|NOK|DKK)$")
TIMEFRAME_BEFORE = frozenset("past last next previous coming first final recent".split())
TIMEFRAME_AFTER = frozenset("ago later earlier before after since prior hence".split())
NOT_ONE_AFTER = frozenset(
    "of such another other day time point way side hand more last thing".split()
)


# Words a number may start with (besides digits); everything else is rejected at once.
STARTERS = frozenset(
    {w.split()[0] for w in VAGUE}
    | set(UNITS_WORDS)
    | set(TENS)
    | set(SCALE_WORDS)
    | ZERO_WORDS
    | {"a", "an", "half", "quarter"}
)


def read_core(doc: Doc, i: int) -> Core | None:
    """The number that starts at token i, if one does, with what extends it: "and a half",
    "in five" (a share), "x 10^23"."""
    core = _read_core(doc, i)
    if core is None:
        return None
    longer = and_a_half(doc, core)
    if longer is not core:
        return _scaled(doc, longer)
    if core.scaled and not core.words and lower_at(doc, core.end - 1) in SCALE_WORDS:
        core = mixed_tail(doc, core)  # "3 hundred and 21", "4 thousand 3 hundred"
    return ratio_after(doc, core) or scientific(doc, core)


def _read_core(doc: Doc, i: int) -> Core | None:
    tok = doc[i]
    text = tok.text
    low = tok.lower_
    if (
        low not in STARTERS
        and not any(c.isdigit() for c in text)
        and low.split("-")[0] not in STARTERS
        and text[-1] not in GLYPHS
    ):
        return None  # most tokens: a cheap test first
    fraction = fraction_at(doc, i)
    if fraction is not None:
        return _scaled(doc, fraction)  # "a third of", "two-thirds", "a quarter million"
    # Vague amounts, longest first: "hundreds of thousands", "tens of thousands", "dozens".
    for n in (3, 2, 1):
        phrase = " ".join(lower_at(doc, j) for j in range(i, i + n))
        if phrase in VAGUE and (n > 1 or _vague_ok(doc, i)):
            lo, hi = VAGUE[phrase]
            return Core(i, i + n, float(lo), vague=(float(lo), float(hi)), words=True)
    if low in ("a", "an") and i + 1 < len(doc):
        nxt = lower_at(doc, i + 1)
        if nxt in ("few", "handful") and (nxt == "few" or lower_at(doc, i + 2) == "of"):
            lo, hi = VAGUE["a " + nxt]
            return Core(i, i + 2, float(lo), vague=(float(lo), float(hi)), words=True)
        if nxt in ARTICLE_NUMBERS and (nxt != "score" or lower_at(doc, i + 2) == "of"):
            if nxt == "couple" and lower_at(doc, i + 2) != "of":
                return None
            return _scaled(doc, Core(i, i + 2, float(ARTICLE_NUMBERS[nxt]), words=True))
        if nxt in ("hundred", "thousand", "million", "billion"):
            words = ["one"] + [lower_at(doc, j) for j in range(i + 1, min(len(doc), i + 8))]
            value, used = parse_word_number(words) or (1.0, 1)
            if used > 2:  # "a hundred and two"
                return Core(i, i + used, value, words=True)
            return _scaled(doc, Core(i, i + 1, 1.0, words=True))
    if low in ("half", "quarter"):
        return half_at(doc, i)
    grouped = (
        space_grouped(doc, i)
        or signed_at(doc, i)
        or times_ten_at(doc, i)
        or range_token(doc, i)
        or (suspended_at(doc, i, unit_after) if text[-1] == "-" else None)
    )
    if grouped is not None:
        return grouped if grouped.scaled else _scaled(doc, grouped)
    value = parse_digits(text)
    if value is not None:
        if text[0] in "+-−":
            return None  # signed numbers are read with their sign word ("minus")
        return _scaled(doc, Core(i, i + 1, value))
    prefix, digits = glued_prefix(text)
    if digits is None and lower_at(doc, i - 1) == "$" and glued_to_next(doc, i - 1):
        dollar = DOLLAR_COUNTRY_RE.match(text)  # "$US45", "$A3"
        digits = dollar["num"] if dollar else None
    if digits is not None:
        number = parse_digits(digits)
        if number is not None:
            return _scaled(doc, Core(i, i + 1, number))
    sign = SIGN_AFTER_RE.match(text)
    if sign is not None:
        number = float(sign["num"].replace(",", ""))
        return _scaled(doc, Core(i, i + 1, number, unit=CURRENCY_WORDS.get(sign["sign"])))
    bare = text[:-1] if text.endswith(".") and i + 1 == len(doc) else text
    glued = GLUED_RE.match(bare)
    if glued is None and bare[:1] in "-−" and len(bare) > 2:
        cold = GLUED_RE.match(bare[1:])  # "-25C", "−4F"
        unit = UNIT_WORDS.get(cold["suffix"].lower()) if cold else None
        if unit in _TEMPERATURES:
            return Core(i, i + 1, -float(cold["num"].replace(",", "")), unit=unit)
    if glued:
        number = float(glued["num"].replace(",", ""))
        suffix = glued["suffix"].lower()
        if glued["suffix"] == "MM":  # "$1MM": a million in finance, not millimetres
            return Core(i, i + 1, number * 1e6, scaled=True)
        if suffix == "m" and (
            lower_at(doc, i - 1) in ("a", "an") or lower_at(doc, i + 1) in METRE_CONTEXT
        ):
            return Core(i, i + 1, number, unit="meter")  # "a 3m sea wall", "10m high"
        if suffix in SCALE_ABBREVIATIONS:
            return Core(i, i + 1, number * SCALE_ABBREVIATIONS[suffix], scaled=True)
        if glued["suffix"].isupper() and glued["suffix"] in CURRENCY_CODES:
            return _scaled(doc, Core(i, i + 1, number, unit=glued["suffix"]))  # "115USD"
        unit = unit_symbol(glued["suffix"]) or UNIT_WORDS.get(suffix)
        if unit in ("degree_Celsius", "degree_Fahrenheit") and not temperature_ok(doc, i):
            return Core(i, i + 1, number) if suffix == "c" else None  # "13F filing", "11c"
        if unit is not None and unit != "degree":
            return Core(i, i + 1, number, unit=unit)
        return None
    if low.isalpha() or "-" in low:
        words, ends = spelled_words(doc, i)
        parsed = parse_word_number(words)
        if parsed is not None:
            value, used = parsed
            if used == 1 and low in ZERO_WORDS:
                return None  # "zero tolerance", "ground zero"; "zero point five" is read
            signed = lower_at(doc, i - 1) in ("minus", "negative") and lower_at(
                doc, i - 2
            ) not in ("a", "an", "the", "very", "more", "most")  # "a negative one": a pronoun
            if low == "one" and used == 1 and not signed and not _one_is_figure(doc, i):
                return ratio_after(doc, Core(i, i + 1, 1.0, words=True))  # "one in five"
            return _scaled(doc, Core(i, ends[used - 1], value, words=True))
    return None


def _vague_ok(doc: Doc, i: int) -> bool:
    """'hundreds' and the like count only as amounts of something ("hundreds of people",
    "several hostages"), not as nouns in their own right ("the scores were level")."""
    word = lower_at(doc, i)
    nxt = lower_at(doc, i + 1)
    if word == "several":
        return doc[i + 1].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") if i + 1 < len(doc) else False
    if word == "scores":
        return nxt == "of"
    if nxt == "of":
        return True
    # "killing hundreds", "thousands fled": a bare vague amount still counts people.
    return word in ("dozens", "hundreds", "thousands", "millions", "billions")


def _one_is_figure(doc: Doc, i: int) -> bool:
    nxt = lower_at(doc, i + 1)
    if nxt in ("year", "month", "week", "day") and lower_at(doc, i + 2) == "old":
        return True  # "one year old"
    if nxt in NOT_ONE_AFTER or lower_at(doc, i - 1) in (
        "no",
        "any",
        "every",
        "each",
        "the",
        "which",
    ):
        return False
    if i + 1 < len(doc) and doc[i + 1].is_punct and nxt != "-":
        return False
    tok = doc[i]
    return tok.dep_ in ("nummod", "quantmod", "conj", "appos") or tok.head.pos_ in ("NOUN", "PROPN")


def _scaled(doc: Doc, core: Core) -> Core:
    """Apply a scale word or abbreviation after the number: '1.2 million', '4.5 m', '3 bn'."""
    j = core.end
    word = lower_at(doc, j)
    if word in SCALE_WORDS and word != "hundred" or (word == "hundred" and core.words is False):
        factor = SCALE_WORDS[word]
        end = j + 1
        # "1.2 million" may be followed by a second scale: "two hundred thousand".
        if lower_at(doc, end) in ("thousand", "million", "billion") and word == "hundred":
            factor *= SCALE_WORDS[lower_at(doc, end)]
            end += 1
        return Core(core.start, end, core.value * factor, core.vague, core.unit, True, core.words)
    if word == "hundred" and core.words:
        return core
    if word in ("dozen", "dozens") and not core.vague:  # "two dozen", "3 dozens"
        return Core(core.start, j + 1, core.value * 12, None, core.unit, True, core.words)
    if (
        word in SCALE_ABBREVIATIONS
        and word not in ("b", "k")
        or (word in ("b", "k") and glued_to_next(doc, j - 1))
    ):
        article = (
            lower_at(doc, core.start - 1) in ("a", "an")
            and glued_to_next(doc, j - 1)
            and not _money_before(doc, core.start)
        )
        if word == "m" and (lower_at(doc, j + 1) in METRE_CONTEXT or article):
            return Core(core.start, j + 1, core.value, core.vague, "meter", False, core.words)
        if (
            word in ("m", "b", "k")
            and not glued_to_next(doc, j - 1)
            and not _money_before(doc, core.start)
        ):
            return core
        value = core.value * SCALE_ABBREVIATIONS[word]
        return Core(core.start, j + 1, value, core.vague, core.unit, True, core.words)
    if word.endswith(".") and word[:-1] in SCALE_ABBREVIATIONS:  # "$3 m." at a sentence end
        value = core.value * SCALE_ABBREVIATIONS[word[:-1]]
        return Core(core.start, j + 1, value, core.vague, core.unit, True, core.words)
    return core


def _money_before(doc: Doc, i: int) -> bool:
    return lower_at(doc, i - 1) in CURRENCY_SYMBOLS or glued_prefix(doc[i].text)[0] is not None


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every figure in ``doc`` that is a claim, in text order."""
    found: list[Quantity] = []
    i = 0
    while i < len(doc):
        core = read_core(doc, i)
        if core is None:
            i += 1
            continue
        quantity, next_i = _build(doc, core)
        if quantity is not None and _finite(quantity):
            found.append(quantity)
        i = max(next_i, i + 1)
    return carry_trends(doc, link_conversions(doc, join_bounds(doc, join_compounds(doc, found))))


def _finite(quantity: Quantity) -> bool:
    """A figure of 400 digits overflows to infinity: no news figure, and not JSON."""
    bounds = (quantity.value, quantity.low, quantity.high)
    return all(math.isfinite(x) for x in bounds if x is not None)


def _build(doc: Doc, core: Core) -> tuple[Quantity | None, int]:
    end = core.end
    value = core.value
    low, high = core.vague if core.vague else (value, value)
    qualifier_name = "vague" if core.vague else "exact"
    prefix = glued_prefix(doc[core.start].text)[0]
    unit, cur_start = currency_before(doc, core.start, prefix)
    if core.unit is not None:
        unit = core.unit
    subunit, sub_end = subunit_after(doc, end, unit)
    if subunit is not None and not core.vague:
        value, unit, end = value / 100, subunit, sub_end  # "80 euro cents" is EUR 0.80
        low, high = value, value
    elif unit is None or is_money(unit):
        after_unit, unit_end = unit_after(doc, end)
        if after_unit is not None and (unit is None or is_money(after_unit)):
            unit = unit or after_unit
            end = unit_end
            if is_money(unit) and not core.scaled and lower_at(doc, end) in SCALE_WORDS:
                value *= SCALE_WORDS[lower_at(doc, end)]  # "75 USD million"
                low, high, end = value, value, end + 1
        elif unit is None and MILLION_CODE_RE.match(doc[end].text if end < len(doc) else ""):
            unit, end = doc[end].text[1:], end + 1  # "30 MUSD", "120 MEUR": millions
            value *= 1e6
            low, high = value, value
        elif core.vague and lower_at(doc, end) == "of":  # "billions of dollars"
            after_unit, unit_end = unit_after(doc, end + 1)
            if is_money(after_unit):
                unit = after_unit
    if unit is not None and " / " not in unit:
        denominator, per_end = per_after(doc, end)
        if denominator is not None and denominator != unit:
            unit, end = f"{unit} / {denominator}", per_end  # "$2,000 a month"
    if (
        lower_at(doc, cur_start - 1) in ("minus", "negative")
        and not core.vague
        or (
            lower_at(doc, cur_start - 1) == "-"
            and (glued_to_next(doc, cur_start - 1) or unit in _TEMPERATURES)
            and not glued_to_next(doc, cur_start - 2)
            and not doc[max(cur_start - 2, 0)].like_num
        )
    ):
        value, low, high = -value, -value, -value
        cur_start -= 1
    # A range: "30-40", "30 to 40", "between 30 and 40", "4.25% to 4.5%", "$28bn and $32bn".
    second, range_end = _range_second(doc, core, end, cur_start)
    if second is not None:
        first_value = value
        if second.scaled and not core.scaled and value < min(second.value, 1000):
            first_value = value * (second.value / _unscaled(doc, second))
        second_unit = second.unit or unit_after(doc, second.end)[0]
        if unit is not None and second_unit is not None and second_unit != unit:
            second = None  # "by 25% to 34,500 tonnes": two figures, not a range
        elif second.value > first_value:
            value, low, high = first_value, first_value, second.value
            qualifier_name = "range"
            if unit is None:
                unit = second.unit or unit_after(doc, second.end)[0]
            end = max(range_end, unit_after(doc, second.end)[1])
        else:
            second = None
    elif _hyphen_pair(doc, end):
        return None, _hyphen_pair(doc, end)  # "3-1", "2024-25": a score or a span, not figures
    elif core.high is not None:  # "10–15" in one token
        if nonclaims.is_score(doc, core.start, core.end) or 1800 <= value <= 2100:
            return None, end
        low, high, qualifier_name = value, core.high, "range"
    if nonclaims.is_nonclaim(doc, core, unit, end):
        return None, end
    if unit is None:
        unit, end = magnitude_or_age(doc, core, end)
    if unit in TIME_UNITS and not nonclaims.is_duration(doc, cur_start, end):
        return None, end
    qualifier, q_start = qualifier_before(doc, cur_start)
    if prefix == "~":
        qualifier = QUALIFIER_PHRASES["~"]
    q_after, end = qualifier_after(doc, end)
    if qualifier_name == "exact":
        qualifier = q_after or qualifier
        if qualifier is not None:
            qualifier_name = qualifier.name
            low, high = interval(value, qualifier)
    elif (
        qualifier_name == "vague"
        and qualifier is not None
        and qualifier.name in ("more_than", "at_least")
    ):
        high = None
    if qualifier is None:
        q_start = cur_start
    trend = None
    level_words = ("below", "above", "under", "beneath", "beyond", "past")
    if qualifier_name != "range" and not (
        qualifier is not None and doc[q_start].lower_ in level_words
    ):
        # "fell below 27C" names a level, not a change
        trend = trend_before(doc, q_start) or trend_after(doc, end) or trend_to_level(doc, q_start)
    if qualifier is not None and doc[q_start].lower_ in TREND_UP | TREND_DOWN:
        trend = None  # "topped", "exceeded" are qualifiers, not trends
    q = Quantity(
        start=q_start,
        end=end,
        core_start=core.start,
        core_end=core.end if second is None else range_end,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier_name,
        trend=trend,
        unit=unit,
    )
    return q, end


def _hyphen_pair(doc: Doc, j: int) -> int:
    """'3-1', '2-2 draw', '2024-25': number, hyphen, number glued, not read as a range.
    Returns the end of the pair, or 0."""
    if (
        lower_at(doc, j) in HYPHENS
        and glued_to_next(doc, j - 1)
        and glued_to_next(doc, j)
        and j + 1 < len(doc)
    ):
        if parse_digits(doc[j + 1].text) is not None:
            return j + 2
    return 0


def _unscaled(doc: Doc, core: Core) -> float:
    glued = GLUED_RE.match(doc[core.start].text)  # "2bn" in "€1-2bn"
    value = parse_digits(glued["num"] if glued else doc[core.start].text)
    if value is None:
        parsed = parse_word_number([lower_at(doc, core.start)])
        value = parsed[0] if parsed else 1.0
    return value or 1.0


def _range_second(doc: Doc, core: Core, j: int, first: int) -> tuple[Core | None, int]:
    """The upper end of a range whose first figure spans [first, j), and where it ends."""
    link = lower_at(doc, j)
    before = lower_at(doc, first - 1)
    hyphen = link in HYPHENS and glued_to_next(doc, j - 1) and glued_to_next(doc, j)
    # "1000 - 5000", "3 – 4": a dash with a space on both sides
    hyphen = hyphen or link in HYPHENS and doc[j - 1].whitespace_ and doc[j].whitespace_ != ""
    if not (hyphen or link in ("to", "through") or (link == "and" and before == "between")):
        return None, j
    if link == "to" and trend_verb_before(doc, first):
        return None, j  # "rose from 5 to 10", "fell by 10,000 to 95,000": a change
    k = j + 1
    if lower_at(doc, k) in CURRENCY_SYMBOLS:
        k += 1
    negative = lower_at(doc, k) in ("minus", "negative") and k + 1 < len(doc)
    k += negative
    if k >= len(doc):
        return None, j
    second = read_core(doc, k)
    if second is None or second.vague:
        return None, j
    if negative:  # "from minus 8C to minus 2C"
        second = Core(k, second.end, -second.value, None, second.unit, second.scaled, second.words)
    if hyphen and (nonclaims.is_score(doc, core.start, second.end) or second.value <= core.value):
        return None, j
    return second, second.end


def word_value(token: Token) -> float | None:
    """The value of a single number token, digits or words (used by ellipsis checks)."""
    value = parse_digits(token.text)
    if value is not None:
        return value
    return float(UNITS_WORDS[token.lower_]) if token.lower_ in UNITS_WORDS else None
