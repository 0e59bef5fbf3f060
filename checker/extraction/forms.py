"""Number forms beyond plain digits and words: fractions ("a third", "two-thirds", "3/4",
"½", "one in five"), "and a half", space-grouped thousands ("3 512"), signed tokens ("-0.8")
and scientific notation ("6.02 x 10^23", "3.0×10^8").

Each reader takes the Doc and a token index (or the number already read) and returns a
:class:`Core` or None; ``quantities.read_core`` tries them in turn.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..units import CURRENCY_SYMBOLS
from .figure import Core, glued_to_next, lower_at
from .modifiers import qualifier_before
from .numbers import (
    FRACTION_WORDS,
    SCALE_WORDS,
    TENS_WORDS,
    TIMES_TEN_RE,
    UNITS_WORDS,
    ZERO_WORDS,
    fraction_tail,
    parse_digits,
    parse_fraction,
    parse_signed,
    parse_word_number,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

HYPHENS = {"-", "–", "—"}
GROUP_RE = re.compile(r"^\d{3}(?:\.\d+)?$")
_THIN = frozenset("\u2009\u202f\xa0")
LEAD_RE = re.compile(r"^[1-9]\d{0,2}$")
RATIO_LINKS = (("in",), ("out", "of"))
# A range in one token: "10–15", "2.5–3", "5k-20k" (a dash spaCy leaves inside the token).
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
RANGE_TOKEN_RE = re.compile(
    rf"^(?P<a>{_NUM})(?P<sa>[kmb]n?)?[-–—][$£€]?(?P<b>{_NUM})(?P<sb>[kmb]n?)?$"
)
# A member of a list whose unit is written on the last one only: "9-" in "9- or 10-inch".
SUSPENDED_RE = re.compile(r"^(?P<num>\d+(?:\.\d+)?|[a-z]+)-$")
_LIST_LINKS = frozenset({",", "and", "or", "to"})


def range_token(doc: Doc, i: int) -> Core | None:
    """'10–15', '5k-20k' written as one token: a range (the second larger than the first)."""
    match = RANGE_TOKEN_RE.match(doc[i].text)
    if match is None or bool(match["sa"]) != bool(match["sb"]):
        return None
    scales = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}
    a = float(match["a"].replace(",", "")) * scales.get(match["sa"] or "", 1)
    b = float(match["b"].replace(",", "")) * scales.get(match["sb"] or "", 1)
    if not a < b:
        return None
    return Core(i, i + 1, a, scaled=bool(match["sa"]), high=b)


_NUMBER_WORDS = frozenset(UNITS_WORDS) | frozenset(TENS_WORDS) | ZERO_WORDS
_SPACES = frozenset(" \u2009\u202f\xa0")


def spelled_words(doc: Doc, i: int, limit: int = 10) -> tuple[list[str], list[int]]:
    """Lower-case words from token i for reading spelled numbers, with the token each one
    ends before: runs of spaces are skipped ("fifty   two"), a hyphen between tens and a
    unit joins them ("sixty-one", "fifty - two"), and a hyphen before a fraction word is
    dropped ("one-eighth", "five - eighths")."""
    words: list[str] = []
    ends: list[int] = []
    k = i
    while k < len(doc) and len(words) < limit:
        tok = doc[k]
        if tok.is_space and set(tok.text) <= _SPACES:
            k += 1
            continue
        word = tok.lower_
        if word in HYPHENS and words and words[-1] in _NUMBER_WORDS:
            nxt = lower_at(doc, k + 1)
            glued = glued_to_next(doc, k - 1) and glued_to_next(doc, k)
            if nxt in FRACTION_WORDS and (glued or doc[k - 1].whitespace_):
                k += 1
                continue
            if (
                words[-1] in TENS_WORDS
                and 0 < UNITS_WORDS.get(nxt, 0) < 10
                and (glued or (doc[k - 1].whitespace_ and doc[k].whitespace_))
            ):
                words[-1] += "-" + nxt
                ends[-1] = k + 2
                k += 2
                continue
        words.append(word)
        ends.append(k + 1)
        k += 1
    return words, ends


def fraction_at(doc: Doc, i: int) -> Core | None:
    """'a third of', 'two-thirds', 'three quarters', 'one fifth', 'a half.', 'two thirds of a
    million', '3/4', '½'."""
    text = doc[i].text
    value = parse_fraction(text)
    if value is not None:
        return Core(i, i + 1, value)
    low = doc[i].lower_
    nxt = lower_at(doc, i + 1)
    if nxt not in FRACTION_WORDS and nxt not in HYPHENS:
        return None  # the cheap test: most "a" and "one" are no fraction
    words, ends = spelled_words(doc, i, 5)
    tail = fraction_tail(words)
    if tail is None:
        return None
    value = tail[0]
    after = words[2] if len(words) > 2 else ""
    if low in ("a", "an"):
        final = after == "" or doc[ends[1]].is_punct and after not in HYPHENS
        by = lower_at(doc, i - 1) == "by"  # "fell by a quarter"
        if not (after == "of" or after in SCALE_WORDS or final or by):
            return None  # "a third term", "a fifth straight win": ordinals
    if after == "of" and words[3:4] in (["a"], ["an"]) and len(words) > 4:
        scale = SCALE_WORDS.get(words[4])
        if scale and scale >= 1000:  # "two thirds of a million"
            return Core(i, ends[4], value * scale, scaled=True, words=True)
    return Core(i, ends[1], value, words=True)


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
    """'5 and a half', '3 million and a quarter', '2 and two thirds': the number plus the
    fraction (of the scale, when one was written); also '2 1/2', '10 ½'."""
    j = core.end
    if core.vague:
        return core
    if lower_at(doc, j) == "and" and lower_at(doc, j + 2) in FRACTION_WORDS:
        words, ends = spelled_words(doc, j + 1, 2)
        tail = fraction_tail(words)
        if tail is not None:
            scale = SCALE_WORDS.get(lower_at(doc, core.end - 1), 1) if core.scaled else 1
            value = core.value + tail[0] * scale
            return Core(core.start, ends[1], value, scaled=core.scaled, words=core.words)
    if j < len(doc) and core.value.is_integer() and "." not in doc[core.end - 1].text:
        k = j + 1 if doc[j].is_space and set(doc[j].text) <= _SPACES else j
        part = parse_fraction(doc[k].text) if k < len(doc) else None
        if part is not None and part < 1:
            return Core(core.start, k + 1, core.value + part, words=core.words)
    return core


def space_grouped(doc: Doc, i: int) -> Core | None:
    """'3 512', '40 000', '1 234 567': thousands grouped by spaces (not a phone number:
    the groups after the first are exactly three digits, and no digits stand around them)."""
    if not LEAD_RE.match(doc[i].text) or (i > 0 and doc[i - 1].text.isdigit()):
        return None
    k = i
    digits = doc[i].text
    while k + 1 < len(doc) and "." not in digits:
        step = 1
        if not doc[k].whitespace_ and doc[k + 1].is_space and set(doc[k + 1].text) <= _THIN:
            step = 2  # a narrow no-break space is a token of its own: "40\u202f000"
        elif doc[k].whitespace_ not in (" ", "\u2009", "\u202f", "\xa0"):
            break
        if k + step >= len(doc) or not GROUP_RE.match(doc[k + step].text):
            break
        k += step
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


def half_at(doc: Doc, i: int) -> Core | None:
    """'half of', 'half a million', 'half million', 'half a dozen', 'quarter million', and a
    bare 'half' after a bound ("more than half the voters")."""
    low = lower_at(doc, i)
    nxt = lower_at(doc, i + 1)
    share = 0.5 if low == "half" else 0.25
    k = i + 2 if nxt in ("a", "an") and low == "half" else i + 1
    scale = SCALE_WORDS.get(lower_at(doc, k)) or (12 if lower_at(doc, k) == "dozen" else 0)
    if scale and (scale != 100 or k == i + 2):
        return Core(i, k + 1, share * scale, scaled=True, words=True)
    if low != "half" or lower_at(doc, i - 1) in ("first", "second", "last", "other", "latter"):
        return None  # "the first half of the year" is a period
    if k == i + 2 and lower_at(doc, k) in ("hour", "day", "year", "month", "week", "minute"):
        return Core(i, k, 0.5, words=True)  # "half an hour": the unit follows
    if nxt == "of":
        return Core(i, i + 1, 0.5, words=True)
    bound = qualifier_before(doc, i)[0]
    if bound is not None and bound.name != "approximately" or lower_at(doc, i - 1) == "nearly":
        return Core(i, i + 1, 0.5, words=True)
    return None


WEATHER_NOUNS = frozenset(
    "heat heatwave temperature temperatures weather day days night nights high highs low lows "
    "sunshine water sea air mark degrees".split()
)


def temperature_ok(doc: Doc, i: int) -> bool:
    """A glued "40C" or "75F" is a temperature unless it names a thing: a filing or a plane
    model ("the 13F filing", "a Boeing 777F"), or cents in a money sentence ("11c a share")."""
    text = doc[i].text
    if text.endswith("c"):
        return not any(t.text in CURRENCY_SYMBOLS or t.lower_ == "cents" for t in doc[i].sent)
    before = doc[i - 1] if i > 0 else None
    if before is not None and before.pos_ == "PROPN":
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    return after is None or after.pos_ != "NOUN" or after.lower_ in WEATHER_NOUNS


def mixed_tail(doc: Doc, core: Core) -> Core:
    """'3 hundred and 21', '4 thousand 3 hundred and 21': digits with scale words, then a
    smaller part (digits or words) added on."""
    scale = SCALE_WORDS[lower_at(doc, core.end - 1)]
    if scale > 1000 or not core.value.is_integer():
        return core  # "$3 million and 2 years" is two figures
    k = core.end + 1 if lower_at(doc, core.end) == "and" else core.end
    part = _plain_number(doc, k)
    if part is None or not part[0] < scale or (k == core.end and scale == 100):
        return core
    value, end = part
    inner = lower_at(doc, end)
    if inner in SCALE_WORDS and SCALE_WORDS[inner] < scale and doc[k].like_num:
        value *= SCALE_WORDS[inner]
        return mixed_tail(doc, Core(core.start, end + 1, core.value + value, scaled=True))
    return Core(core.start, end, core.value + value, scaled=True, words=core.words)


def suspended_at(doc: Doc, i: int, unit_after) -> Core | None:
    """'9- or 10-inch' (a range), '10-, 12- and 15-inch' (one figure each), 'three-, four-
    and six-cylinder': a number whose unit is written once, on the last member."""
    match = SUSPENDED_RE.match(doc[i].lower_)
    if match is None:
        return None
    word = match["num"]
    value = float(word) if word[0].isdigit() else UNITS_WORDS.get(word)
    if value is None:
        return None
    k = i + 1
    members = 1
    while k < min(len(doc), i + 12):
        low = doc[k].lower_
        if low in _LIST_LINKS:
            k += 1
        elif SUSPENDED_RE.match(low):
            members += 1
            k += 1
        else:
            break
    last = parse_digits(doc[k].text) if k < len(doc) else None
    if last is None and k < len(doc):
        last = float(UNITS_WORDS[doc[k].lower_]) if doc[k].lower_ in UNITS_WORDS else None
    if last is None or lower_at(doc, k + 1) not in HYPHENS or not glued_to_next(doc, k):
        return None
    unit, end = unit_after(doc, k + 1)
    if members == 1 and lower_at(doc, i + 1) in ("or", "to") and value < last:
        return Core(i, end, float(value), unit=unit, high=last)  # "9- or 10-inch"
    return Core(i, i + 1, float(value), unit=unit)
