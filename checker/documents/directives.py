"""Suppressions: comments in an article that silence findings on the text they cover.

Markdown and HTML use HTML comments::

    <!-- factcheck: ignore FC301 -->     the next block, for rule FC301 only
    <!-- factcheck: ignore FC301, consistency.contradiction -->   ids or names, comma or space
    <!-- factcheck: ignore -->           the next block, every rule
    <!-- factcheck: off -->              everything up to the next "on" (or the end of the file)
    <!-- factcheck: off FC201 -->        ... for FC201 only
    <!-- factcheck: on -->               ends every open "off" region

The colon is optional in comments (``<!-- factcheck off -->`` works too). Plain text has no
comments, so there a directive is a line of its own that reads exactly ``factcheck: ignore
[RULES]``, ``factcheck: off [RULES]`` or ``factcheck: on`` (the colon is required there).

The *next block* is the next paragraph of visible text after the directive: in Markdown and
plain text, up to the next blank line; in HTML, up to the end of the next block element
(``<p>``, ``<li>``, a heading ...; a ``<br>`` does not end it). Blank lines and other comments
between the directive and the paragraph are skipped, so directives may be stacked.

Comments are never part of the text claims are read from: the HTML reader drops them, and
the Markdown reader blanks them out (:func:`blank_comments`), keeping every offset.

This module reads directives (:func:`find_suppressions`); the findings stage applies them
after the rules run (``checker.suppress.apply``): it drops every finding that falls in a
matching suppression and reports each suppression that silenced nothing, or that cannot be
read, as a finding of the built-in rule FC001 ``meta.unused-suppression``.

Which of these a document uses depends on its *format* (``txt``, ``md`` or ``html``), read
from its path by :func:`document_format`.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..model import Document

__all__ = [
    "FORMATS",
    "Suppression",
    "blank_comments",
    "blank_directive_lines",
    "document_format",
    "find_suppressions",
    "line_starts",
    "with_suppressions",
]

# Document formats by file extension: "format" is a document's type, "kind" a rule's.
FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

VERBS = ("ignore", "off", "on")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
# A comment that tries to be a directive: "factcheck:" then anything, or "factcheck VERB".
_IN_COMMENT = re.compile(
    r"\s*factcheck(?:\s*:\s*(?P<verb>\S*)|\s+(?P<bare>ignore|off|on)\b)(?P<rest>.*)",
    re.S | re.I,
)
_TEXT_LINE = re.compile(r"^[ \t]*factcheck:[ \t]*(?P<verb>\S*)(?P<rest>[^\n]*)$", re.M | re.I)
_RULE_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Suppression:
    """One directive: which rules it silences, where, and where it is written.

    ``rules`` holds rule ids or names as written, or None for every rule. ``start`` and
    ``end`` are offsets in ``Document.raw`` (end exclusive) of the text it covers; ``line``
    and ``column`` are the directive's own position. ``problem`` says why a directive that
    cannot be read silences nothing.
    """

    verb: str
    rules: tuple[str, ...] | None
    start: int
    end: int
    line: int
    column: int
    directive: str
    problem: str | None = None

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"suppression starts after it ends ({self.start} > {self.end})")
        if self.line < 1 or self.column < 1:
            raise ValueError("suppression positions are 1-based")


# -- reading directives -------------------------------------------------------------------


def document_format(path: str) -> str:
    """``md``, ``html`` or ``txt`` from a document's path (stdin and unknown: ``txt``)."""
    return FORMATS.get(os.path.splitext(path)[1].lower(), "txt")


def blank_comments(text: str) -> str:
    """``text`` with every HTML comment replaced by spaces (newlines kept), so a Markdown
    comment is never read as prose and every offset stays where it was."""
    # Only up to the last "-->": an unclosed "<!--" would otherwise make every match attempt
    # scan to the end of the text (quadratic on a file full of them).
    closed = text.rfind("-->") + 3
    return _COMMENT.sub(_blank, text[:closed]) + text[closed:] if closed > 2 else text


def blank_directive_lines(text: str) -> str:
    """``text`` with plain-text directive lines replaced by spaces, offsets kept."""
    return _TEXT_LINE.sub(_blank, text)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def find_suppressions(document: Document) -> tuple[Suppression, ...]:
    """Every directive in ``document`` (read from ``Document.raw``), in file order."""
    raw = document.raw if document.raw is not None else document.text
    text_format = document_format(document.path)
    found: list[tuple[int, int, str, str, str]] = []  # start, end, verb, rest, as written
    for match in _COMMENT.finditer(raw, 0, max(0, raw.rfind("-->") + 3)):
        directive = _IN_COMMENT.fullmatch(match.group(1))
        if directive:
            verb = directive.group("verb") if directive.group("bare") is None else None
            verb = (verb or directive.group("bare") or "").lower()
            written = " ".join(match.group(1).split())
            found.append((match.start(), match.end(), verb, directive.group("rest"), written))
    if text_format == "txt":
        for match in _TEXT_LINE.finditer(raw):
            written = " ".join(match.group().split())
            verb = match.group("verb").lower()
            found.append((match.start(), match.end(), verb, match.group("rest"), written))
    found.sort()
    lines = line_starts(raw)
    result: list[Suppression] = []
    open_regions: list[tuple[int, int, int, str, tuple[str, ...] | None]] = []
    for start, end, verb, rest, written in found:
        line, column = _position(lines, start)
        rules, problem = _rules(rest)
        if verb not in VERBS:
            problem = (
                f"unknown directive {verb!r}; use ignore, off or on"
                if verb
                else ("no directive after 'factcheck:'; use ignore, off or on")
            )
        if problem is not None:
            result.append(Suppression(verb, (), end, end, line, column, written, problem))
        elif verb == "ignore":
            block_start, block_end = _next_block(document, text_format, end)
            result.append(Suppression(verb, rules, block_start, block_end, line, column, written))
        elif verb == "off":
            open_regions.append((end, line, column, written, rules))
        elif not open_regions:
            problem = "'on' without an earlier 'off'"
            result.append(Suppression(verb, (), end, end, line, column, written, problem))
        elif rules is not None:
            problem = "'on' takes no rules; it ends every open 'off' region"
            result.append(Suppression(verb, (), end, end, line, column, written, problem))
        else:
            result += [_region(region, start) for region in open_regions]
            open_regions = []
    result += [_region(region, len(raw)) for region in open_regions]
    return tuple(sorted(result, key=lambda s: (s.line, s.column)))


def _region(region: tuple, end: int) -> Suppression:
    start, line, column, written, rules = region
    return Suppression("off", rules, start, max(start, end), line, column, written)


def _rules(rest: str) -> tuple[tuple[str, ...] | None, str | None]:
    tokens = [token for token in re.split(r"[\s,]+", rest.strip()) if token]
    bad = [token for token in tokens if not _RULE_TOKEN.fullmatch(token)]
    if bad:
        return None, f"{bad[0]!r} is not a rule id or name"
    return (tuple(tokens) or None), None


def line_starts(raw: str) -> list[int]:
    """The offset of the first character of each line of ``raw``."""
    return [0] + [match.end() for match in re.finditer("\n", raw)]


def _position(lines: list[int], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(lines, offset) - 1
    return index + 1, offset - lines[index] + 1


def _next_block(document: Document, text_format: str, after: int) -> tuple[int, int]:
    """Offsets in the raw file of the first paragraph of text after raw offset ``after``."""
    text = document.text
    begin = _text_index(document, after)
    while begin < len(text) and text[begin].isspace():
        begin += 1
    if begin >= len(text):
        return after, after
    if text_format == "html":
        finish = _html_block_end(document, begin)
    else:
        blank = _BLANK_LINE.search(text, begin)
        finish = blank.start() if blank else len(text)
    finish = max(finish, begin + 1)
    return document.file_offset(begin), document.file_offset(finish - 1) + 1


def _text_index(document: Document, offset: int) -> int:
    """The first character of ``document.text`` at or after raw offset ``offset``."""
    low, high = 0, len(document.text)
    while low < high:  # file offsets grow with text positions
        middle = (low + high) // 2
        if document.file_offset(middle) < offset:
            low = middle + 1
        else:
            high = middle
    return low


def _html_block_end(document: Document, begin: int) -> int:
    """The end of the HTML block that starts at ``begin``: a newline that stands for a block
    element's tag (the HTML reader maps each such newline to its tag), not for a ``<br>``."""
    raw = document.raw or ""
    text = document.text
    at = text.find("\n", begin)
    while at != -1:
        source = raw[document.file_offset(at) :][:4].lower()
        if source.startswith("<") and not source.startswith("<br"):
            return at
        at = text.find("\n", at + 1)
    return len(text)


def with_suppressions(documents: Iterable[Document]) -> list[Document]:
    """Each document with its ``suppressions`` read from its raw text."""
    return [replace(document, suppressions=find_suppressions(document)) for document in documents]
