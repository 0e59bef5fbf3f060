"""What stands around a figure and changes its reading: qualifiers ("at least", "nearly"),
trends ("rose 2%", "a fall of"), and conversions in brackets ("90 km (55 miles)")."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..nlp import lemma
from ..units import (
    dimension,
)
from .numbers import (
    QUALIFIER_MAX_WORDS,
    QUALIFIER_PHRASES,
    TREND_DOWN,
    TREND_UP,
    Qualifier,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc
from .figure import Quantity, glued_to_next, lower_at
from .unitforms import is_money

# Verbs of movement before "up to": "has gone up to 1,830", "was revised up to 40".
LEVEL_VERBS = frozenset(
    "go goes went gone going revised revise moved move shot shoot ticked tick edged edge "
    "crept creep jumped jump climbed climb risen rose rise rising rises bumped pushed".split()
)
TREND_NOUNS_UP = frozenset("rise increase gain jump surge growth climb hike boost".split())


TREND_NOUNS_DOWN = frozenset("fall drop decline decrease cut slump loss dip slide plunge".split())


def qualifier_before(doc: Doc, i: int) -> tuple[Qualifier | None, int]:
    """A qualifier phrase ending just before token i: (qualifier, its first token)."""
    for n in range(QUALIFIER_MAX_WORDS, 0, -1):
        if i - n < 0:
            continue
        phrase = " ".join(doc[x].lower_ for x in range(i - n, i))
        qualifier = QUALIFIER_PHRASES.get(phrase)
        if qualifier is not None:
            if phrase == "some" and lower_at(doc, i - 2) in ("for", "in"):
                continue  # "for some 20 years" still approximate; "in some 20" rare
            if phrase in ("over", "under", "above", "below") and lower_at(doc, i - 2) in (
                "from",
                "to",
            ):
                continue
            if phrase == "up to" and lower_at(doc, i - 3) in LEVEL_VERBS:
                continue  # "has gone up to 1,830" names the new level, not a bound
            return qualifier, i - n
    return None, i


def qualifier_after(doc: Doc, j: int) -> tuple[Qualifier | None, int]:
    nxt, after = lower_at(doc, j), lower_at(doc, j + 1)
    if nxt == "or" and after in ("more", "so", "over", "greater", "higher", "above"):
        name = "approximately" if after == "so" else "at_least"
        return (QUALIFIER_PHRASES["about"] if name == "approximately" else Qualifier(name)), j + 2
    if nxt == "or" and after in ("less", "fewer", "lower", "below", "under"):
        return Qualifier("at_most"), j + 2  # "200 or less"
    if nxt in ("+", "-plus", "plus") and glued_to_next(doc, j - 1):
        return Qualifier("more_than"), j + 1
    return None, j


def trend_before(doc: Doc, i: int) -> str | None:
    """'rose 2%', 'fell by 3,000', 'up 3%': the change a figure describes."""
    k = i - 1
    if lower_at(doc, k) == "by":
        k -= 1
    if lower_at(doc, k) in ("a", "an", "some", "about", "around", "nearly", "almost", "roughly"):
        return None  # "a 3% rise" is read from the noun after
    while k >= 0 and doc[k].pos_ == "ADV" and doc[k].lower_ not in ("up", "down"):
        k -= 1  # "rose sharply 3%" / "fell just 2%"
    word = lower_at(doc, k)
    if word in TREND_UP:
        return "up"
    if word in TREND_DOWN:
        return "down"
    return None


def trend_to_level(doc: Doc, i: int) -> str | None:
    """'climbed to 7.1%', 'has gone up to 1,830', 'fell back to 3%': a new level reached by
    a movement, when no change figure stands between the verb and "to" (then the level
    carries no trend: "rose 6% to $94.9 billion")."""
    if lower_at(doc, i - 1) != "to":
        return None
    for k in range(i - 2, max(-1, i - 6), -1):
        word = doc[k].lower_
        if doc[k].like_num or word in ("from", "by"):
            return None
        if word in TREND_UP:
            return "up"
        if word in TREND_DOWN:
            return "down"
        if doc[k].pos_ not in ("ADV", "AUX", "PART", "ADP"):
            return None
    return None


def carry_trends(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """A trend carried to the next figure: "up 0.4 points, or 0.02%" (a restatement);
    "exports were down 1.1%, imports by 0.9%" (a coordinated change with its verb left out)."""
    carried: list[Quantity] = []
    for q in found:
        prev = carried[-1] if carried else None
        if prev is not None and prev.trend is not None and q.trend is None and q.converts is None:
            between = [doc[k].lower_ for k in range(prev.end, q.start)]
            restated = between in (["or"], [",", "or"], ["("], ["or", "about"])
            elided = (
                lower_at(doc, q.start - 1) == "by"
                and len(between) <= 6
                and not any(doc[k].pos_ in ("VERB", "AUX") for k in range(prev.end, q.start))
            )
            if restated or elided:
                q = replace(q, trend=prev.trend)
        carried.append(q)
    return carried


# A figure written in two units, largest first: "12 minutes 58.3 seconds", "5 feet 2 inches".
COMPOUND_PAIRS = {
    ("hour", "minute"): 60.0,
    ("minute", "second"): 60.0,
    ("foot", "inch"): 12.0,
    ("year", "month"): 12.0,
    ("pound", "ounce"): 16.0,
    ("metric_ton", "kilogram"): 1000.0,
}


def join_compounds(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """'12 minutes 58.3 seconds' is one figure (778.3 seconds), not a conversion pair."""
    joined: list[Quantity] = []
    for q in found:
        prev = joined[-1] if joined else None
        factor = COMPOUND_PAIRS.get((prev.unit, q.unit)) if prev is not None else None
        gap = [doc[k].lower_ for k in range(prev.end, q.start)] if prev is not None else []
        if (
            prev is not None
            and q.unit is not None
            and q.unit == prev.unit
            and is_money(q.unit)
            and prev.value.is_integer()
            and 0 < q.value < 1
            and lower_at(doc, q.end - 1) in ("cent", "cents", "pence", "penny")
        ):
            factor = 1.0  # "3 dollars 50 cents", "thirteen dollars and forty-five cents"
        if _money_and_cents(doc, prev, q, gap):
            value = round(prev.value + q.value / 100, 9)  # "15 dollars 50", "17 USD 25"
            joined[-1] = replace(prev, end=q.end, core_end=q.core_end, value=value, low=value)
            joined[-1] = replace(joined[-1], high=value)
            continue
        if (
            factor is not None
            and gap in ([], ["and"], [","])
            and prev.qualifier == "exact"
            and q.qualifier == "exact"
            and q.value < max(factor, 1.0)
        ):
            value = round(prev.value * factor + q.value, 9)
            q = replace(q, start=prev.start, core_start=prev.core_start, value=value)
            q = replace(q, low=value, high=value, trend=q.trend or prev.trend)
            joined[-1] = q
            continue
        joined.append(q)
    return joined


_LOWER_BOUNDS = ("more_than", "at_least")
_UPPER_BOUNDS = ("less_than", "at_most")


def join_bounds(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """'more than 10 and less than 40', 'above 1,000 and below 1,500', 'at most 100 and at
    least 20': one two-sided range, not two open bounds."""
    joined: list[Quantity] = []
    for q in found:
        prev = joined[-1] if joined else None
        if prev is not None and {prev.qualifier, q.qualifier} & set(_LOWER_BOUNDS):
            gap = [doc[k].lower_ for k in range(prev.end, q.start)]
            kinds = (prev.qualifier in _LOWER_BOUNDS, q.qualifier in _UPPER_BOUNDS)
            flipped = (prev.qualifier in _UPPER_BOUNDS, q.qualifier in _LOWER_BOUNDS)
            low, high = (prev, q) if all(kinds) else (q, prev)
            if (
                gap in (["and"], [","], [",", "and"], ["but"])
                and (all(kinds) or all(flipped))
                and (prev.unit == q.unit or q.unit is None or prev.unit is None)
                and low.value < high.value
                and prev.trend is None
                and q.trend is None
            ):
                joined[-1] = replace(
                    prev,
                    end=q.end,
                    core_end=q.core_end,
                    value=low.value,
                    low=low.value,
                    high=high.value,
                    qualifier="range",
                    unit=prev.unit or q.unit,
                )
                continue
        joined.append(q)
    return joined


def _money_and_cents(doc: Doc, prev: Quantity | None, q: Quantity, gap: list[str]) -> bool:
    """'15 dollars 50', '15 dollars and 50', '17 USD 25': whole units named after the figure,
    then a bare number of hundredths that ends the phrase."""
    if prev is None or not is_money(prev.unit) or " / " in (prev.unit or ""):
        return False
    shared = q.unit == prev.unit and q.start < prev.end  # "USD 25" read off the same code
    return (
        (q.unit is None and gap in ([], ["and"]) or shared)
        and prev.qualifier == q.qualifier == "exact"
        and prev.value.is_integer()
        and q.value.is_integer()
        and 0 < q.value < 100
        and q.end == q.core_end
        and lower_at(doc, prev.end - 1).isalpha()
        and (q.end >= len(doc) or doc[q.end].is_punct or lower_at(doc, q.end) == "more")
    )


def trend_after(doc: Doc, j: int) -> str | None:
    word = lemma(doc[j]).lower() if j < len(doc) else ""
    if word in TREND_NOUNS_UP:
        return "up"
    if word in TREND_NOUNS_DOWN:
        return "down"
    return None


def trend_verb_before(doc: Doc, k: int) -> bool:
    """'rose from 5 to 10' describes a change, not a range."""
    for x in range(k - 1, max(-1, k - 5), -1):
        if doc[x].lower_ in TREND_UP or doc[x].lower_ in TREND_DOWN:
            return True
    return False


def link_conversions(doc: Doc, found: list[Quantity]) -> list[Quantity]:
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
            and lower_at(doc, q.start - 1) in ("(", "[", "or", ",")
            and q.start - prev.end <= 2
            and dimension(q.unit) == dimension(prev.unit)
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
