"""Dates, places, plurals and summary lines for the human-facing renderers.

Figures in words live in :mod:`checker.wording` (shared with the rule kinds). Nothing here
depends on rich.
"""

from __future__ import annotations

from ..model import LEVELS, Document


def format_published(document: Document) -> str:
    """The publication date and where it came from: "2023-10-30 (inferred)", or "unknown"."""
    if document.published is None:
        return "unknown"
    if document.published_from is None:
        return document.published.isoformat()
    return f"{document.published.isoformat()} ({document.published_from})"


def location(path: str | None, line: int, column: int | None = None) -> str:
    """``path:line`` or ``path:line:col``, the form editors and terminals jump to."""
    where = f"{path or '-'}:{line}"
    return where if column is None else f"{where}:{column}"


def one_line(message: str) -> str:
    """Collapse every run of whitespace, newlines included, to one space."""
    return " ".join(message.split())


def plural(count: int, noun: str) -> str:
    """The count and its noun, plural unless one: "1 claim", "2 claims"."""
    return f"{count} {noun if count == 1 else noun + 's'}"


def summary_line(documents: int, claims: int, counts: dict[str, int] | None = None) -> str:
    """The closing line: "3 documents, 40 claims, 0 errors, 2 warnings, 1 suggestion".

    Without ``counts`` (extract mode) only documents and claims are counted.
    """
    parts = [plural(documents, "document"), plural(claims, "claim")]
    if counts is not None:
        parts += [plural(counts.get(level, 0), level) for level in LEVELS]
    return ", ".join(parts)
