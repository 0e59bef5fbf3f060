"""Finding quantities in a parsed Doc: the number, its scale, qualifier, unit and currency.

``find_quantities(doc)`` scans tokens left to right and returns :class:`Quantity` objects;
``nonclaims`` decides which of the numbers it reads are dates, ordinals, identifiers, scores
and the like. Subjects, time and sources are read later, from the parse, by other modules.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from ..units import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    TIME_UNITS,
    UNIT_WORDS,
)
from . import nonclaims
from .figure import Core, Quantity, glued_to_next, lower_at
from .modifiers import (
    link_conversions,
    qualifier_after,
    qualifier_before,
    trend_after,
    trend_before,
    trend_verb_before,
)
from .numbers import (
    ARTICLE_NUMBERS,
    GLUED_RE,
    QUALIFIER_PHRASES,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TREND_DOWN,
    TREND_UP,
    UNITS_WORDS,
    VAGUE,
    interval,
    parse_digits,
    parse_word_number,
)
from .numbers import TENS_WORDS as TENS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

HYPHENS = {"-", "–", "—"}
# A currency sign or tilde glued to the number in one token: "HK$1.8", "~1.2", "US$5".
PREFIX_RE = re.compile(r"^(?P<prefix>(?:US|A|AU|C|CA|HK|NZ|S|R)?\$|~|£|€|¥|₹)(?P<num>[\d.,]*\d)$")
METRE_CONTEXT = frozenset("tall high long deep wide away above below thick across".split())
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
    | {"a", "an", "half"}
)


def read_core(doc: Doc, i: int) -> Core | None:
    """The number that starts at token i, if one does."""
    tok = doc[i]
    text = tok.text
    low = tok.lower_
    if (
        low not in STARTERS
        and not any(c.isdigit() for c in text)
        and low.split("-")[0] not in STARTERS
    ):
        return None  # most tokens: a cheap test first
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
            return _scaled(doc, Core(i, i + 1, 1.0, words=True))
    if (
        low == "half"
        and lower_at(doc, i + 1) in ("a", "an")
        and lower_at(doc, i + 2) in SCALE_WORDS
    ):
        return Core(i, i + 3, 0.5 * SCALE_WORDS[lower_at(doc, i + 2)], scaled=True, words=True)
    if low == "half" and lower_at(doc, i + 1) == "of":
        return Core(i, i + 1, 0.5, words=True)
    # "twenty - three" written with a hyphen token
    if (
        low in TENS
        and lower_at(doc, i + 1) in HYPHENS
        and glued_to_next(doc, i)
        and glued_to_next(doc, i + 1)
    ):
        unit_word = lower_at(doc, i + 2)
        if unit_word in UNITS_WORDS and 0 < UNITS_WORDS[unit_word] < 10:
            return _scaled(
                doc, Core(i, i + 3, float(TENS[low] + UNITS_WORDS[unit_word]), words=True)
            )
    value = parse_digits(text)
    if value is not None:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text) is None:
            return None  # signed numbers are read with their sign word ("minus")
        return _scaled(doc, Core(i, i + 1, value))
    prefixed = PREFIX_RE.match(text)
    if prefixed:
        number = parse_digits(prefixed["num"])
        if number is not None:
            return _scaled(doc, Core(i, i + 1, number))
    glued = GLUED_RE.match(text)
    if glued:
        number = float(glued["num"].replace(",", ""))
        suffix = glued["suffix"].lower()
        if suffix == "m" and (
            lower_at(doc, i - 1) in ("a", "an") or lower_at(doc, i + 1) in METRE_CONTEXT
        ):
            return Core(i, i + 1, number, unit="meter")  # "a 3m sea wall", "10m high"
        if suffix in SCALE_ABBREVIATIONS:
            return Core(i, i + 1, number * SCALE_ABBREVIATIONS[suffix], scaled=True)
        unit = UNIT_WORDS.get(suffix.replace("°", "°"))
        if unit is not None and unit != "degree":
            return Core(i, i + 1, number, unit=unit)
        return None
    if low.isalpha() or "-" in low:
        words = [lower_at(doc, j) for j in range(i, min(len(doc), i + 8))]
        parsed = parse_word_number(words)
        if parsed is not None:
            value, used = parsed
            if low == "one" and not _one_is_figure(doc, i):
                return None
            if low == "zero":
                return None
            core = Core(i, i + used, value, words=True)
            if lower_at(doc, i + used) == "dozen":  # "two dozen"
                core = Core(i, i + used + 1, value * 12, words=True)
            return _scaled(doc, core)
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
    if (
        word in SCALE_ABBREVIATIONS
        and word not in ("b", "k")
        or (word in ("b", "k") and glued_to_next(doc, j - 1))
    ):
        if word == "m" and lower_at(doc, j + 1) in METRE_CONTEXT:
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
    return lower_at(doc, i - 1) in CURRENCY_SYMBOLS


def _unit_after(doc: Doc, j: int) -> tuple[str | None, int]:
    """A unit written after token j-1: returns (unit, end token)."""
    k = j
    if lower_at(doc, k) in HYPHENS and glued_to_next(doc, k - 1):
        k += 1  # "72-hour", "90-minute"
    for n in (3, 2, 1):
        words = [lower_at(doc, x) for x in range(k, k + n)]
        if len(words) < n or not all(words):
            continue
        phrase = " ".join(words)
        glued_phrase = "".join(words)
        for candidate in (phrase, glued_phrase):
            if candidate in CURRENCY_WORDS:
                if candidate.startswith("pound") and not _money_context(doc, j):
                    return "pound", k + n
                return CURRENCY_WORDS[candidate], k + n
            if candidate in UNIT_WORDS:
                unit = UNIT_WORDS[candidate]
                if candidate in ("c", "f", "l", "g", "mi", "ha", "pc", "min"):
                    # single letters count only glued or after a degree sign
                    if not (glued_to_next(doc, k - 1) or lower_at(doc, k - 1) == "°"):
                        return None, j
                if unit == "degree":
                    after = lower_at(doc, k + n)
                    if after in ("celsius", "c", "centigrade"):
                        return "degree_Celsius", k + n + 1
                    if after in ("fahrenheit", "f"):
                        return "degree_Fahrenheit", k + n + 1
                return unit, k + n
    return None, j


def _money_context(doc: Doc, j: int) -> bool:
    window = " ".join(t.lower_ for t in doc[max(0, j - 8) : j + 4])
    return any(
        w in window for w in ("million", "billion", "£", "sterling", "cost", "fund", "paid", "pay")
    )


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
    return link_conversions(doc, found)


def _finite(quantity: Quantity) -> bool:
    """A figure of 400 digits overflows to infinity: no news figure, and not JSON."""
    bounds = (quantity.value, quantity.low, quantity.high)
    return all(math.isfinite(x) for x in bounds if x is not None)


def _build(doc: Doc, core: Core) -> tuple[Quantity | None, int]:
    end = core.end
    value = core.value
    low, high = core.vague if core.vague else (value, value)
    qualifier_name = "vague" if core.vague else "exact"
    prefix = _glued_prefix(doc, core)
    unit, cur_start = _currency_before(doc, core, prefix)
    if core.unit is not None:
        unit = core.unit
    if unit is None or unit in CURRENCY_CODES:
        after_unit, unit_end = _unit_after(doc, end)
        if after_unit is not None and (unit is None or after_unit in CURRENCY_CODES):
            unit = unit or after_unit
            end = unit_end
        elif core.vague and lower_at(doc, end) == "of":  # "billions of dollars"
            after_unit, unit_end = _unit_after(doc, end + 1)
            if after_unit in CURRENCY_CODES:
                unit = after_unit
    if (
        lower_at(doc, cur_start - 1) in ("minus", "negative")
        and not core.vague
        or (
            lower_at(doc, cur_start - 1) == "-"
            and glued_to_next(doc, cur_start - 1)
            and not glued_to_next(doc, cur_start - 2)
        )
    ):
        value, low, high = -value, -value, -value
        cur_start -= 1
    # A range: "30-40", "30 to 40", "between 30 and 40", "4.25% to 4.5%", "$28bn and $32bn".
    second, range_end = _range_second(doc, core, end, cur_start)
    if second is not None:
        first_value = value
        if second.scaled and not core.scaled and value < second.value:
            first_value = value * (second.value / _unscaled(doc, second))
        if second.value > first_value:
            value, low, high = first_value, first_value, second.value
            qualifier_name = "range"
            if unit is None:
                unit = second.unit or _unit_after(doc, second.end)[0]
            end = max(range_end, _unit_after(doc, second.end)[1])
        else:
            second = None
    elif _hyphen_pair(doc, end):
        return None, _hyphen_pair(doc, end)  # "3-1", "2024-25": a score or a span, not figures
    if nonclaims.is_nonclaim(doc, core, unit, end):
        return None, end
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
        trend = trend_before(doc, q_start) or trend_after(doc, end)
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


def _glued_prefix(doc: Doc, core: Core) -> str | None:
    match = PREFIX_RE.match(doc[core.start].text)
    return match["prefix"] if match else None


def _currency_before(doc: Doc, core: Core, prefix: str | None) -> tuple[str | None, int]:
    """A currency written before the number: '$', 'US$', 'HK$1.8' (glued), 'USD 5bn'."""
    if prefix and prefix != "~":
        return CURRENCY_SYMBOLS.get(prefix.lower()), core.start
    before = lower_at(doc, core.start - 1)
    if before in CURRENCY_SYMBOLS:
        start = core.start - 1
        if lower_at(doc, start - 1) in ("us", "a", "c", "hk", "nz", "s") and glued_to_next(
            doc, start - 1
        ):
            start -= 1
        return CURRENCY_SYMBOLS[before], start
    return None, core.start


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
    value = parse_digits(doc[core.start].text)
    if value is None:
        parsed = parse_word_number([lower_at(doc, core.start)])
        value = parsed[0] if parsed else 1.0
    return value or 1.0


def _range_second(doc: Doc, core: Core, j: int, first: int) -> tuple[Core | None, int]:
    """The upper end of a range whose first figure spans [first, j), and where it ends."""
    link = lower_at(doc, j)
    before = lower_at(doc, first - 1)
    hyphen = link in HYPHENS and glued_to_next(doc, j - 1) and glued_to_next(doc, j)
    if not (hyphen or link == "to" or (link == "and" and before == "between")):
        return None, j
    if link == "to" and trend_verb_before(doc, first):
        return None, j  # "rose from 5 to 10", "fell by 10,000 to 95,000": a change
    k = j + 1
    if lower_at(doc, k) in CURRENCY_SYMBOLS:
        k += 1
    if k >= len(doc):
        return None, j
    second = read_core(doc, k)
    if second is None or second.vague:
        return None, j
    if hyphen and (nonclaims.is_score(doc, core.start, second.end) or second.value <= core.value):
        return None, j
    return second, second.end


def word_value(token: Token) -> float | None:
    """The value of a single number token, digits or words (used by ellipsis checks)."""
    value = parse_digits(token.text)
    if value is not None:
        return value
    return float(UNITS_WORDS[token.lower_]) if token.lower_ in UNITS_WORDS else None
