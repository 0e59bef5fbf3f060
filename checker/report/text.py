"""Dates, places, plurals and summary lines for the human-facing renderers.

Figures in words live in :mod:`checker.wording` (shared with the rule kinds). Nothing here
depends on rich.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import LEVELS, Claim, Document, Finding


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


def end_position(claim: Claim | None) -> tuple[int, int] | None:
    """Where the claim's figure ends: (line, column) of the character after it, 1-based, or
    None without a claim. Counted on the figure's text, so in an HTML file whose figure is
    written with entities ("1&nbsp;400") it is a close approximation."""
    if claim is None:
        return None
    lines = claim.text.split("\n")
    if len(lines) == 1:
        return claim.line, claim.column + len(claim.text)
    return claim.line + len(lines) - 1, len(lines[-1]) + 1


def statistics(findings: Sequence[Finding]) -> list[str]:
    """``--statistics``: findings counted per rule, then per file, most first (as ruff's
    ``--statistics``: count, code, name)."""
    per_rule = Counter((f.rule, f.name or "", f.level) for f in findings)
    per_file = Counter(f.path or "-" for f in findings)
    width = len(str(max([*per_rule.values(), *per_file.values()], default=0)))
    lines = [
        f"{count:>{width}}  {rule}  {name}  {level}".rstrip()
        for (rule, name, level), count in sorted(per_rule.items(), key=lambda i: (-i[1], i[0]))
    ]
    if per_file:
        lines.append("")
        lines += [
            f"{count:>{width}}  {path}"
            for path, count in sorted(per_file.items(), key=lambda i: (-i[1], i[0]))
        ]
    return lines
