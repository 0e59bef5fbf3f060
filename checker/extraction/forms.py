"""Number forms beyond plain digits and words: fractions ("a third", "two-thirds", "3/4",
"½", "one in five"), "and a half", space-grouped thousands ("3 512"), signed tokens ("-0.8")
and scientific notation ("6.02 x 10^23", "3.0×10^8").

Each reader takes the Doc and a token index (or the number already read) and returns a
:class:`Core` or None; ``quantities.read_core`` tries them in turn.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .figure import Core, glued_to_next, lower_at
from .numbers import (
    FRACTION_WORDS,
    SCALE_WORDS,
    TIMES_TEN_RE,
    UNITS_WORDS,
    parse_digits,
    parse_fraction,
    parse_signed,
    parse_word_number,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

HYPHENS = {"-", "–", "—"}
GROUP_RE = re.compile(r"^\d{3}$")
LEAD_RE = re.compile(r"^[1-9]\d{0,2}$")
RATIO_LINKS = (("in",), ("out", "of"))


def fraction_at(doc: Doc, i: int) -> Core | None:
    """'a third of', 'two-thirds', 'three quarters', 'one fifth', '3/4', '½'."""
    text = doc[i].text
    value = parse_fraction(text)
    if value is not None:
        return Core(i, i + 1, value)
    low = doc[i].lower_
    if low in ("a", "an", "one"):
        nxt = lower_at(doc, i + 1)
        after = lower_at(doc, i + 2)
        if nxt in FRACTION_WORDS and not nxt.endswith("s") and nxt != "half":
            if after == "of" or after in SCALE_WORDS or low == "one" and after != "-":
                return Core(i, i + 2, 1 / FRACTION_WORDS[nxt], words=True)
        return None
    if low in UNITS_WORDS and 1 < UNITS_WORDS[low] < 10:
        k = i + 1
        if lower_at(doc, k) in HYPHENS and glued_to_next(doc, i) and glued_to_next(doc, k):
            k += 1  # "two-thirds"
        word = lower_at(doc, k)
        if word in FRACTION_WORDS and word.endswith("s") and FRACTION_WORDS[word] > 2:
            if UNITS_WORDS[low] < FRACTION_WORDS[word]:
                return Core(i, k + 1, UNITS_WORDS[low] / FRACTION_WORDS[word], words=True)
    return None


def ratio_after(doc: Doc, core: Core) -> Core | None:
    """'one in five', '3 in 10', 'one out of three': a share, read as a fraction."""
    if core.vague or core.value < 1 or not core.value.is_integer():
        return None
    for link in RATIO_LINKS:
        k = core.end
        if [lower_at(doc, k + n) for n in range(len(link))] != list(link):
            continue
        k += len(link)
        whole = _plain_number(doc, k)
        if whole is not None and core.value < whole[0] <= 1000:
            return Core(core.start, whole[1], core.value / whole[0], words=core.words)
    return None


def _plain_number(doc: Doc, k: int) -> tuple[float, int] | None:
    if k >= len(doc):
        return None
    value = parse_digits(doc[k].text)
    if value is not None:
        return value, k + 1
    words = [lower_at(doc, x) for x in range(k, min(len(doc), k + 4))]
    parsed = parse_word_number(words)
    return (parsed[0], k + parsed[1]) if parsed else None


def and_a_half(doc: Doc, core: Core) -> Core:
    """'two and a half', '5 and a half': the number plus one half; also '2 1/2', '10 ½'."""
    j = core.end
    if core.vague:
        return core
    if [lower_at(doc, j + n) for n in range(3)] == ["and", "a", "half"]:
        return Core(core.start, j + 3, core.value + 0.5, words=core.words)
    if j < len(doc) and core.value.is_integer() and "." not in doc[core.end - 1].text:
        part = parse_fraction(doc[j].text)
        if part is not None and part < 1:
            return Core(core.start, j + 1, core.value + part, words=core.words)
    return core


def space_grouped(doc: Doc, i: int) -> Core | None:
    """'3 512', '40 000', '1 234 567': thousands grouped by spaces (not a phone number:
    the groups after the first are exactly three digits, and no digits stand around them)."""
    if not LEAD_RE.match(doc[i].text) or (i > 0 and doc[i - 1].text.isdigit()):
        return None
    k = i
    digits = doc[i].text
    while (
        k + 1 < len(doc)
        and doc[k].whitespace_ in (" ", "\u2009", "\u202f", "\xa0")
        and GROUP_RE.match(doc[k + 1].text)
    ):
        k += 1
        digits += doc[k].text
    if k == i or (k + 1 < len(doc) and doc[k + 1].text.isdigit()):
        return None
    return Core(i, k + 1, float(digits))


def signed_at(doc: Doc, i: int) -> Core | None:
    """'-0.8', '+1.2' written as one token, with a space (or nothing) before it."""
    before = doc[i - 1] if i > 0 else None
    if (
        before is not None
        and not before.whitespace_
        and not before.is_space
        and before.text not in ("(", '"')
    ):
        return None
    value = parse_signed(doc[i].text)
    return Core(i, i + 1, value) if value is not None else None


def scientific(doc: Doc, core: Core) -> Core:
    """'6.02 x 10^23', '3.0×10^8', '1.5 × 10^-3': the number times a power of ten."""
    j = core.end
    glued = TIMES_TEN_RE.match(doc[core.start].text)
    if glued is not None and core.end == core.start + 1:
        k = j  # the token "3.0×10" was read; the power follows
    elif lower_at(doc, j) in ("x", "×", "*") and lower_at(doc, j + 1) == "10":
        k = j + 2
    else:
        return core
    if lower_at(doc, k) != "^" or k + 1 >= len(doc):
        return core
    power = doc[k + 1].text.replace("−", "-")
    if not re.fullmatch(r"-?\d{1,2}", power):  # 10^999 overflows a float
        return core
    base = float(glued["num"]) if glued is not None and k == j else core.value
    return Core(core.start, k + 2, base * 10.0 ** int(power), scaled=True)


def times_ten_at(doc: Doc, i: int) -> Core | None:
    """The token '3.0×10' that opens a scientific figure."""
    if TIMES_TEN_RE.match(doc[i].text) and lower_at(doc, i + 1) == "^":
        return scientific(doc, Core(i, i + 1, 0.0))
    return None
