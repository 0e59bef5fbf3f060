"""What stands around a figure and changes its reading: qualifiers ("at least", "nearly"),
trends ("rose 2%", "a fall of"), and conversions in brackets ("90 km (55 miles)")."""

from __future__ import annotations

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
            return qualifier, i - n
    return None, i


def qualifier_after(doc: Doc, j: int) -> tuple[Qualifier | None, int]:
    nxt, after = lower_at(doc, j), lower_at(doc, j + 1)
    if nxt == "or" and after in ("more", "so", "over"):
        name = "approximately" if after == "so" else "at_least"
        return (QUALIFIER_PHRASES["about"] if name == "approximately" else Qualifier(name)), j + 2
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
