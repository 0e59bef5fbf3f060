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

After the rules run, :func:`apply` drops every finding that falls in a matching suppression,
and reports each suppression that silenced nothing, or that cannot be read, as a finding of
the built-in rule FC001 ``meta.unused-suppression`` (level suggestion; settings may change
its level or disable it like any rule).
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .model import Document, Finding

if TYPE_CHECKING:
    from .config import Settings

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

    def matches(self, finding: Finding) -> bool:
        """Whether this suppression names the finding's rule (by id or name)."""
        if self.problem is not None:
            return False
        if self.rules is None:
            return True
        wanted = {rule.upper() for rule in self.rules}
        return finding.rule.upper() in wanted or (finding.name or "").upper() in wanted


@dataclass(frozen=True)
class MetaRule:
    """A built-in rule that is not a kind: enough for settings to enable it or set its level."""

    id: str
    name: str
    kind: str
    level: str
    description: str
    link: str = ""


UNUSED = MetaRule(
    id="FC001",
    name="meta.unused-suppression",
    kind="unused-suppression",
    level="suggestion",
    description=(
        "A factcheck suppression comment that silenced no finding, or that cannot be read. "
        "Remove it, or fix the rule ids it names."
    ),
    link="https://github.com/factcheck/factcheck/blob/main/docs/rules.md#fc001",
)


# -- reading directives -------------------------------------------------------------------


def document_kind(path: str) -> str:
    """``md``, ``html`` or ``txt`` from a document's path (stdin and unknown: ``txt``)."""
    extension = os.path.splitext(path)[1].lower()
    if extension in (".md", ".markdown"):
        return "md"
    if extension in (".html", ".htm"):
        return "html"
    return "txt"


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
    kind = document_kind(document.path)
    found: list[tuple[int, int, str, str, str]] = []  # start, end, verb, rest, as written
    for match in _COMMENT.finditer(raw, 0, max(0, raw.rfind("-->") + 3)):
        directive = _IN_COMMENT.fullmatch(match.group(1))
        if directive:
            verb = directive.group("verb") if directive.group("bare") is None else None
            verb = (verb or directive.group("bare") or "").lower()
            written = " ".join(match.group(1).split())
            found.append((match.start(), match.end(), verb, directive.group("rest"), written))
    if kind == "txt":
        for match in _TEXT_LINE.finditer(raw):
            written = " ".join(match.group().split())
            verb = match.group("verb").lower()
            found.append((match.start(), match.end(), verb, match.group("rest"), written))
    found.sort()
    lines = _line_starts(raw)
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
            block_start, block_end = _next_block(document, kind, end)
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


def _line_starts(raw: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", raw)]


def _position(lines: list[int], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(lines, offset) - 1
    return index + 1, offset - lines[index] + 1


def _next_block(document: Document, kind: str, after: int) -> tuple[int, int]:
    """Offsets in the raw file of the first paragraph of text after raw offset ``after``."""
    text = document.text
    begin = _text_index(document, after)
    while begin < len(text) and text[begin].isspace():
        begin += 1
    if begin >= len(text):
        return after, after
    if kind == "html":
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


# -- applying them ------------------------------------------------------------------------


def with_suppressions(documents: Iterable[Document]) -> list[Document]:
    """Each document with its ``suppressions`` read from its raw text."""
    return [replace(document, suppressions=find_suppressions(document)) for document in documents]


def apply(
    findings: Sequence[Finding],
    documents: Sequence[Document],
    *,
    settings: Settings | None = None,
    known_rules: Iterable[str] = (),
) -> list[Finding]:
    """``findings`` less those a suppression covers, plus an FC001 finding for every
    suppression that covered none (or cannot be read), in the input order then FC001s.

    ``known_rules`` (ids and names of the active rules) lets the FC001 message say when a
    directive names a rule that does not exist.
    """
    by_path = {document.path: document for document in documents if document.suppressions}
    if not by_path:
        return list(findings)
    used: set[tuple[str, int]] = set()
    kept: list[Finding] = []
    line_starts = {path: _line_starts(doc.raw or doc.text) for path, doc in by_path.items()}
    for finding in findings:
        document = by_path.get(finding.path or "")
        if document is None:
            kept.append(finding)
            continue
        starts = line_starts[document.path]
        offset = starts[min(finding.line, len(starts)) - 1] + finding.column - 1
        covering = [
            k
            for k, suppression in enumerate(document.suppressions)
            if suppression.matches(finding) and suppression.start <= offset < suppression.end
        ]
        used.update((document.path, k) for k in covering)
        if not covering:
            kept.append(finding)
    known = {rule.upper() for rule in known_rules}
    for path, document in sorted(by_path.items()):
        if settings is not None and not settings.is_enabled(UNUSED, path):  # type: ignore[arg-type]
            continue
        level = settings.level_for(UNUSED, path) if settings is not None else UNUSED.level  # type: ignore[arg-type]
        for k, suppression in enumerate(document.suppressions):
            if (path, k) not in used:
                kept.append(_unused(suppression, path, level, known))
    return kept


def _unused(suppression: Suppression, path: str, level: str, known: set[str]) -> Finding:
    said = f"'{suppression.directive}'"
    if suppression.problem is not None:
        message = f"Suppression {said} cannot be read: {suppression.problem}."
    else:
        scope = "paragraph after it" if suppression.verb == "ignore" else "region it turns off"
        rules = (
            "no finding"
            if suppression.rules is None
            else (f"no {' or '.join(suppression.rules)} finding")
        )
        message = f"Suppression {said} is unused: {rules} in the {scope}. Remove it."
        unknown = [r for r in suppression.rules or () if known and r.upper() not in known]
        if unknown:
            message += f" (No active rule {', '.join(unknown)}.)"
    return Finding(
        rule=UNUSED.id,
        kind=UNUSED.kind,
        level=level,
        message=message,
        path=path,
        line=suppression.line,
        column=suppression.column,
        name=UNUSED.name,
    )
