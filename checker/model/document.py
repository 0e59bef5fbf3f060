"""Documents: one article's text, what we know about it, and where its characters sit in
the file as stored."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

PUBLISHED_FROM = ("metadata", "sidecar", "inferred")


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a file as stored: 1-based line and column."""

    line: int
    column: int

    def __post_init__(self) -> None:
        if self.line < 1 or self.column < 1:
            raise ValueError(f"positions are 1-based, got {self.line}:{self.column}")


def _is_anchors(offsets) -> bool:
    return bool(offsets) and isinstance(offsets[0], tuple)


def compress_offsets(offsets: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """Per-character file offsets as (text index, file offset) anchors: a new anchor only
    where the mapping stops running one to one. A character past the end maps one past the
    last character's offset."""
    anchors: list[tuple[int, int]] = []
    previous = None
    for i, raw_at in enumerate(offsets):
        if previous is None or raw_at != previous + 1:
            anchors.append((i, raw_at))
        previous = raw_at
    return tuple(anchors)


@dataclass(frozen=True)
class Document:
    """One article: its extracted text plus what we know about it.

    ``text`` is the text claims are extracted from (front matter removed, HTML reduced to
    visible text). ``offsets`` maps each character of ``text`` back to its character offset in
    the file as stored, so that positions reported to users point into the real file.
    ``raw`` is the file as stored (decoded), used to turn those offsets into line:column.
    """

    path: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    source: str | None = None
    url: str | None = None
    raw: str | None = None
    offsets: tuple[int, ...] | None = None
    suppressions: tuple = ()

    def __post_init__(self) -> None:
        if self.published_from is not None and self.published_from not in PUBLISHED_FROM:
            raise ValueError(f"unknown published_from {self.published_from!r}")
        if self.published is None and self.published_from is not None:
            raise ValueError("published_from given without a published date")
        if self.offsets is not None and not _is_anchors(self.offsets):
            if len(self.offsets) != len(self.text):
                raise ValueError("offsets must map every character of text")
            # Kept as anchors, not one int a character: 10,000 documents must fit in memory.
            object.__setattr__(self, "offsets", compress_offsets(self.offsets))

    def file_offset(self, start: int) -> int:
        """The offset in the stored file of character ``start`` of ``text``."""
        anchors = self.offsets
        if anchors is None:
            return start
        if not anchors:
            return 0
        k = bisect.bisect_right(anchors, (start, float("inf"))) - 1
        if k < 0:
            return anchors[0][1]
        text_at, raw_at = anchors[k]
        return raw_at + (start - text_at)

    def position(self, start: int) -> Position:
        """1-based line and column in the file as stored of character ``start`` of ``text``."""
        raw = self.raw if self.raw is not None else self.text
        offset = min(self.file_offset(start), len(raw))
        line = raw.count("\n", 0, offset) + 1
        line_start = raw.rfind("\n", 0, offset) + 1
        return Position(line, offset - line_start + 1)
