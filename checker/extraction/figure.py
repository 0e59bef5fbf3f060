"""A figure as read from the tokens: its number (Core) and the whole quantity (Quantity), and
the two token tests every reader of figures shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


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
    high: float | None = None  # the upper end of a range written as one token ("10–15")


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


def lower_at(doc: Doc, i: int) -> str:
    """Token i in lower case; "" outside the doc."""
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def glued_to_next(doc: Doc, i: int) -> bool:
    """Token i is written with no space after it."""
    return 0 <= i < len(doc) and not doc[i].whitespace_
