"""Finding quantities in a parsed Doc: the number, its scale, qualifier, unit and currency.

``find_quantities(doc)`` scans tokens left to right and returns :class:`Quantity` objects;
``nonclaims`` decides which of the numbers it reads are dates, ordinals, identifiers, scores
and the like. Subjects, time and sources are read later, from the parse, by other modules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import units as U
from ..nlp import lemma
from . import nonclaims
from .numbers import (
    ARTICLE_NUMBERS,
    GLUED_RE,
    QUALIFIER_MAX_WORDS,
    QUALIFIER_PHRASES,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TREND_DOWN,
    TREND_UP,
    UNITS_WORDS,
    VAGUE,
    Qualifier,
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
TREND_NOUNS_UP = frozenset("rise increase gain jump surge growth climb hike boost".split())
TREND_NOUNS_DOWN = frozenset("fall drop decline decrease cut slump loss dip slide plunge".split())
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


@dataclass(frozen=True)
class Core:
    """The number itself: tokens [start, end), its value and how it was written."""

    start: int
    end: int
    value: float
    vague: tuple[float, float] | None = None
    unit: str | None = None  # a unit glued to the number ("40C", "12.5km")
    scaled: bool = False
    words: bool = False  # written in words ("three")


@dataclass(frozen=True)
class Quantity:
    """A figure as read from the tokens, before subject, time and source are attached."""

    start: int  # token span, qualifier and unit included
    end: int
    core_start: int
    core_end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str
    trend: str | None
    unit: str | None
    converts: int | None = None  # token index of the quantity this one converts


def _lower(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _glued(doc: Doc, i: int) -> bool:
    """Token i is written with no space after it."""
    return 0 <= i < len(doc) and not doc[i].whitespace_


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
        phrase = " ".join(_lower(doc, j) for j in range(i, i + n))
        if phrase in VAGUE and (n > 1 or _vague_ok(doc, i)):
            lo, hi = VAGUE[phrase]
            return Core(i, i + n, float(lo), vague=(float(lo), float(hi)), words=True)
    if low in ("a", "an") and i + 1 < len(doc):
        nxt = _lower(doc, i + 1)
        if nxt in ("few", "handful") and (nxt == "few" or _lower(doc, i + 2) == "of"):
            lo, hi = VAGUE["a " + nxt]
            return Core(i, i + 2, float(lo), vague=(float(lo), float(hi)), words=True)
        if nxt in ARTICLE_NUMBERS and (nxt != "score" or _lower(doc, i + 2) == "of"):
            if nxt == "couple" and _lower(doc, i + 2) != "of":
                return None
            return _scaled(doc, Core(i, i + 2, float(ARTICLE_NUMBERS[nxt]), words=True))
        if nxt in ("hundred", "thousand", "million", "billion"):
            return _scaled(doc, Core(i, i + 1, 1.0, words=True))
    if low == "half" and _lower(doc, i + 1) in ("a", "an") and _lower(doc, i + 2) in SCALE_WORDS:
        return Core(i, i + 3, 0.5 * SCALE_WORDS[_lower(doc, i + 2)], scaled=True, words=True)
    if low == "half" and _lower(doc, i + 1) == "of":
        return Core(i, i + 1, 0.5, words=True)
    # "twenty - three" written with a hyphen token
    if low in TENS and _lower(doc, i + 1) in HYPHENS and _glued(doc, i) and _glued(doc, i + 1):
        unit_word = _lower(doc, i + 2)
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
            _lower(doc, i - 1) in ("a", "an") or _lower(doc, i + 1) in METRE_CONTEXT
        ):
            return Core(i, i + 1, number, unit="meter")  # "a 3m sea wall", "10m high"
        if suffix in SCALE_ABBREVIATIONS:
            return Core(i, i + 1, number * SCALE_ABBREVIATIONS[suffix], scaled=True)
        unit = U.UNIT_WORDS.get(suffix.replace("°", "°"))
        if unit is not None and unit != "degree":
            return Core(i, i + 1, number, unit=unit)
        return None
    if low.isalpha() or "-" in low:
        words = [_lower(doc, j) for j in range(i, min(len(doc), i + 8))]
        parsed = parse_word_number(words)
        if parsed is not None:
            value, used = parsed
            if low == "one" and not _one_is_figure(doc, i):
                return None
            if low == "zero":
                return None
            core = Core(i, i + used, value, words=True)
            if _lower(doc, i + used) == "dozen":  # "two dozen"
                core = Core(i, i + used + 1, value * 12, words=True)
            return _scaled(doc, core)
    return None


def _vague_ok(doc: Doc, i: int) -> bool:
    """'hundreds' and the like count only as amounts of something ("hundreds of people",
    "several hostages"), not as nouns in their own right ("the scores were level")."""
    word = _lower(doc, i)
    nxt = _lower(doc, i + 1)
    if word == "several":
        return doc[i + 1].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") if i + 1 < len(doc) else False
    if word == "scores":
        return nxt == "of"
    if nxt == "of":
        return True
    # "killing hundreds", "thousands fled": a bare vague amount still counts people.
    return word in ("dozens", "hundreds", "thousands", "millions", "billions")


def _one_is_figure(doc: Doc, i: int) -> bool:
    nxt = _lower(doc, i + 1)
    if nxt in NOT_ONE_AFTER or _lower(doc, i - 1) in ("no", "any", "every", "each", "the", "which"):
        return False
    if i + 1 < len(doc) and doc[i + 1].is_punct and nxt != "-":
        return False
    tok = doc[i]
    return tok.dep_ in ("nummod", "quantmod", "conj", "appos") or tok.head.pos_ in ("NOUN", "PROPN")


def _scaled(doc: Doc, core: Core) -> Core:
    """Apply a scale word or abbreviation after the number: '1.2 million', '4.5 m', '3 bn'."""
    j = core.end
    word = _lower(doc, j)
    if word in SCALE_WORDS and word != "hundred" or (word == "hundred" and core.words is False):
        factor = SCALE_WORDS[word]
        end = j + 1
        # "1.2 million" may be followed by a second scale: "two hundred thousand".
        if _lower(doc, end) in ("thousand", "million", "billion") and word == "hundred":
            factor *= SCALE_WORDS[_lower(doc, end)]
            end += 1
        return Core(core.start, end, core.value * factor, core.vague, core.unit, True, core.words)
    if word == "hundred" and core.words:
        return core
    if (
        word in SCALE_ABBREVIATIONS
        and word not in ("b", "k")
        or (word in ("b", "k") and _glued(doc, j - 1))
    ):
        if word == "m" and _lower(doc, j + 1) in METRE_CONTEXT:
            return Core(core.start, j + 1, core.value, core.vague, "meter", False, core.words)
        if (
            word in ("m", "b", "k")
            and not _glued(doc, j - 1)
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
    return _lower(doc, i - 1) in U.CURRENCY_SYMBOLS


def _unit_after(doc: Doc, j: int) -> tuple[str | None, int]:
    """A unit written after token j-1: returns (unit, end token)."""
    k = j
    if _lower(doc, k) in HYPHENS and _glued(doc, k - 1):
        k += 1  # "72-hour", "90-minute"
    for n in (3, 2, 1):
        words = [_lower(doc, x) for x in range(k, k + n)]
        if len(words) < n or not all(words):
            continue
        phrase = " ".join(words)
        glued_phrase = "".join(words)
        for candidate in (phrase, glued_phrase):
            if candidate in U.CURRENCY_WORDS:
                if candidate.startswith("pound") and not _money_context(doc, j):
                    return "pound", k + n
                return U.CURRENCY_WORDS[candidate], k + n
            if candidate in U.UNIT_WORDS:
                unit = U.UNIT_WORDS[candidate]
                if candidate in ("c", "f", "l", "g", "mi", "ha", "pc", "min"):
                    # single letters count only glued or after a degree sign
                    if not (_glued(doc, k - 1) or _lower(doc, k - 1) == "°"):
                        return None, j
                if unit == "degree":
                    after = _lower(doc, k + n)
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


def _qualifier_before(doc: Doc, i: int) -> tuple[Qualifier | None, int]:
    """A qualifier phrase ending just before token i: (qualifier, its first token)."""
    for n in range(QUALIFIER_MAX_WORDS, 0, -1):
        if i - n < 0:
            continue
        phrase = " ".join(doc[x].lower_ for x in range(i - n, i))
        qualifier = QUALIFIER_PHRASES.get(phrase)
        if qualifier is not None:
            if phrase == "some" and _lower(doc, i - 2) in ("for", "in"):
                continue  # "for some 20 years" still approximate; "in some 20" rare
            if phrase in ("over", "under", "above", "below") and _lower(doc, i - 2) in (
                "from",
                "to",
            ):
                continue
            return qualifier, i - n
    return None, i


def _qualifier_after(doc: Doc, j: int) -> tuple[Qualifier | None, int]:
    nxt, after = _lower(doc, j), _lower(doc, j + 1)
    if nxt == "or" and after in ("more", "so", "over"):
        name = "approximately" if after == "so" else "at_least"
        return (QUALIFIER_PHRASES["about"] if name == "approximately" else Qualifier(name)), j + 2
    if nxt in ("+", "-plus", "plus") and _glued(doc, j - 1):
        return Qualifier("more_than"), j + 1
    return None, j


def _trend_before(doc: Doc, i: int) -> str | None:
    """'rose 2%', 'fell by 3,000', 'up 3%': the change a figure describes."""
    k = i - 1
    if _lower(doc, k) == "by":
        k -= 1
    if _lower(doc, k) in ("a", "an", "some", "about", "around", "nearly", "almost", "roughly"):
        return None  # "a 3% rise" is read from the noun after
    while k >= 0 and doc[k].pos_ == "ADV" and doc[k].lower_ not in ("up", "down"):
        k -= 1  # "rose sharply 3%" / "fell just 2%"
    word = _lower(doc, k)
    if word in TREND_UP:
        return "up"
    if word in TREND_DOWN:
        return "down"
    return None


def _trend_after(doc: Doc, j: int) -> str | None:
    word = lemma(doc[j]).lower() if j < len(doc) else ""
    if word in TREND_NOUNS_UP:
        return "up"
    if word in TREND_NOUNS_DOWN:
        return "down"
    return None


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
    return _link_conversions(doc, found)


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
    if unit is None or unit in U.CURRENCY_CODES:
        after_unit, unit_end = _unit_after(doc, end)
        if after_unit is not None and (unit is None or after_unit in U.CURRENCY_CODES):
            unit = unit or after_unit
            end = unit_end
        elif core.vague and _lower(doc, end) == "of":  # "billions of dollars"
            after_unit, unit_end = _unit_after(doc, end + 1)
            if after_unit in U.CURRENCY_CODES:
                unit = after_unit
    if (
        _lower(doc, cur_start - 1) in ("minus", "negative")
        and not core.vague
        or (
            _lower(doc, cur_start - 1) == "-"
            and _glued(doc, cur_start - 1)
            and not _glued(doc, cur_start - 2)
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
    if unit in U.TIME_UNITS and not nonclaims.is_duration(doc, cur_start, end):
        return None, end
    qualifier, q_start = _qualifier_before(doc, cur_start)
    if prefix == "~":
        qualifier = QUALIFIER_PHRASES["~"]
    q_after, end = _qualifier_after(doc, end)
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
        trend = _trend_before(doc, q_start) or _trend_after(doc, end)
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
        return U.CURRENCY_SYMBOLS.get(prefix.lower()), core.start
    before = _lower(doc, core.start - 1)
    if before in U.CURRENCY_SYMBOLS:
        start = core.start - 1
        if _lower(doc, start - 1) in ("us", "a", "c", "hk", "nz", "s") and _glued(doc, start - 1):
            start -= 1
        return U.CURRENCY_SYMBOLS[before], start
    return None, core.start


def _hyphen_pair(doc: Doc, j: int) -> int:
    """'3-1', '2-2 draw', '2024-25': number, hyphen, number glued, not read as a range.
    Returns the end of the pair, or 0."""
    if _lower(doc, j) in HYPHENS and _glued(doc, j - 1) and _glued(doc, j) and j + 1 < len(doc):
        if parse_digits(doc[j + 1].text) is not None:
            return j + 2
    return 0


def _unscaled(doc: Doc, core: Core) -> float:
    value = parse_digits(doc[core.start].text)
    if value is None:
        parsed = parse_word_number([_lower(doc, core.start)])
        value = parsed[0] if parsed else 1.0
    return value or 1.0


def _range_second(doc: Doc, core: Core, j: int, first: int) -> tuple[Core | None, int]:
    """The upper end of a range whose first figure spans [first, j), and where it ends."""
    link = _lower(doc, j)
    before = _lower(doc, first - 1)
    hyphen = link in HYPHENS and _glued(doc, j - 1) and _glued(doc, j)
    if not (hyphen or link == "to" or (link == "and" and before == "between")):
        return None, j
    if link == "to" and _trend_verb_before(doc, first):
        return None, j  # "rose from 5 to 10", "fell by 10,000 to 95,000": a change
    k = j + 1
    if _lower(doc, k) in U.CURRENCY_SYMBOLS:
        k += 1
    if k >= len(doc):
        return None, j
    second = read_core(doc, k)
    if second is None or second.vague:
        return None, j
    if hyphen and (nonclaims.is_score(doc, core.start, second.end) or second.value <= core.value):
        return None, j
    return second, second.end


def _trend_verb_before(doc: Doc, k: int) -> bool:
    """'rose from 5 to 10' describes a change, not a range."""
    for x in range(k - 1, max(-1, k - 5), -1):
        if doc[x].lower_ in TREND_UP or doc[x].lower_ in TREND_DOWN:
            return True
    return False


def _link_conversions(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """'90 kilometres (55 miles)': the bracketed figure converts the one before it, and
    takes its qualifier ("around 90 kilometres (55 miles)" is around 55 miles too)."""
    linked: list[Quantity] = []
    for q in found:
        prev = linked[-1] if linked else None
        if (
            prev is not None
            and prev.unit is not None
            and q.unit is not None
            and q.unit != prev.unit
            and _lower(doc, q.start - 1) in ("(", "[", "or", ",")
            and q.start - prev.end <= 2
            and U.dimension(q.unit) == U.dimension(prev.unit)
        ):
            low, high = q.low, q.high
            qualifier = q.qualifier
            if qualifier == "exact" and prev.qualifier != "exact":
                qualifier = prev.qualifier
                if prev.low is not None and prev.high is not None and prev.value:
                    # sorted: a negative figure ("minus 5 C (23 F)") turns the ratios over
                    bounds = (prev.low, prev.high)
                    low, high = sorted(q.value * bound / prev.value for bound in bounds)
                    low, high = min(low, q.value), max(high, q.value)
                else:
                    low = q.value if prev.low is not None else None
                    high = q.value if prev.high is not None else None
            q = Quantity(
                q.start,
                q.end,
                q.core_start,
                q.core_end,
                q.value,
                low,
                high,
                qualifier,
                q.trend,
                q.unit,
                converts=prev.start,
            )
        linked.append(q)
    return linked


def word_value(token: Token) -> float | None:
    """The value of a single number token, digits or words (used by ellipsis checks)."""
    value = parse_digits(token.text)
    if value is not None:
        return value
    return float(UNITS_WORDS[token.lower_]) if token.lower_ in UNITS_WORDS else None
