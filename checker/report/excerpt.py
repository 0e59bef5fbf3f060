"""A finding's sentence, wrapped to the terminal, with the figure marked by carets.

    On Monday, Iraqi militias used drones to attack the US base in Erbil,
    Iraq, leaving at least three US soldiers injured.
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^

Pure text, no rich: each line is ``(text, marks)``, where ``marks`` is the caret line under
it or None. Long sentences keep the lines around the figure, cut with "…".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len

from ..model import Claim

# A sentence of more lines than this shows the lines around its figure only.
MAX_LINES = 2
ELLIPSIS = "…"


@dataclass(frozen=True)
class Excerpt:
    lines: tuple[tuple[str, str | None], ...]  # (line, carets under it or None)


def figure_span(claim: Claim) -> tuple[int, int] | None:
    """Where the claim's text sits in its sentence, or None when it cannot be found."""
    at = claim.sentence.find(claim.text)
    if at < 0:
        return None
    return at, at + len(claim.text)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Lines of at most ``width`` cells as (start, end) offsets into ``text``, broken at
    spaces; a word wider than a line is broken where it must be."""
    width = max(width, 8)
    lines: list[tuple[int, int]] = []
    start = end = None
    for word in re.finditer(r"\S+", text):
        w_start, w_end = word.span()
        while cell_len(text[w_start:w_end]) > width:  # a very long word: hard breaks
            if start is not None:
                lines.append((start, end))
                start = end = None
            cut = w_start + _fit(text[w_start:w_end], width)
            lines.append((w_start, cut))
            w_start = cut
        if start is None:
            start, end = w_start, w_end
        elif cell_len(text[start:w_end]) <= width:
            end = w_end
        else:
            lines.append((start, end))
            start, end = w_start, w_end
    if start is not None:
        lines.append((start, end))
    return lines


def _fit(word: str, width: int) -> int:
    """How many characters of ``word`` fit in ``width`` cells (at least one)."""
    used = 0
    for index, char in enumerate(word):
        used += cell_len(char)
        if used > width:
            return max(index, 1)
    return len(word)


def excerpt(claim: Claim, width: int) -> Excerpt:
    """The claim's sentence in lines of at most ``width`` cells, the figure marked."""
    sentence = " ".join(claim.sentence.split("\n"))
    span = figure_span(claim)
    lines = wrap_offsets(sentence, width - 2)  # room for the "…" either side
    if not lines:
        return Excerpt(())
    first = last = 0
    if span is not None:
        touched = [n for n, (s, e) in enumerate(lines) if s < span[1] and e > span[0]]
        if touched:
            first, last = touched[0], touched[-1]
    # Keep at most MAX_LINES lines, those of the figure and the ones around them.
    keep_from = max(0, min(first - (MAX_LINES - 1 - (last - first)) // 2, len(lines) - MAX_LINES))
    keep_to = min(len(lines), max(keep_from + MAX_LINES, last + 1))
    shown = []
    for number in range(keep_from, keep_to):
        start, end = lines[number]
        prefix = ELLIPSIS if number == keep_from and keep_from > 0 else ""
        suffix = ELLIPSIS if number == keep_to - 1 and keep_to < len(lines) else ""
        text = prefix + sentence[start:end] + suffix
        marks = None
        if span is not None and start < span[1] and end > span[0]:
            lead = cell_len(prefix + sentence[start : max(start, span[0])])
            marked = cell_len(sentence[max(start, span[0]) : min(end, span[1])])
            marks = " " * lead + "^" * max(marked, 1)
        shown.append((text, marks))
    return Excerpt(tuple(shown))
