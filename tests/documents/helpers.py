"""Helpers shared by the documents-stage tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
TODAY = dt.date(2024, 6, 1)  # a fixed "today" so inference does not drift with the clock


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def line_col(raw: str, offset: int) -> tuple[int, int]:
    """Line and column of ``offset`` the way an editor counts them."""
    line = raw.count("\n", 0, offset) + 1
    return line, offset - (raw.rfind("\n", 0, offset) + 1) + 1


def assert_word_maps_back(doc, word: str, raw: str, needle: str | None = None) -> None:
    """``word`` in the text reports the line:column where ``needle`` sits in the file."""
    position = doc.position(doc.text.index(word))
    assert (position.line, position.column) == line_col(raw, raw.index(needle or word))
