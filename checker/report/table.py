"""The ``table`` format: for people at a terminal.

Check mode prints the findings first, grouped by file, each with its message, its
``--> path:line:col`` (never wrapped, so it stays clickable), its sentence with the figure
marked, and the other side of a comparison; then a one-line summary. The documents and
claims tables (claims grouped by subject, labelled in words) are extract mode's output, and
check mode's with ``show_claims``. Figures, dates and counts sit in columns that never
wrap, so a number is never cut or split; text columns (titles, sources, paths, messages)
wrap or fold instead, never end in an ellipsis. When the terminal is too narrow for every
column, a table folds its text into one "details" column rather than squeeze each column
to a sliver.

Styles only: whether they become colour is the Console's decision (terminal, NO_COLOR).
Every cell is a ``Text``, so markup-like brackets in titles or messages print as written.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Claim, Finding, Report
from ..wording import format_figure, subject_label
from .excerpt import excerpt, wrap_offsets
from .order import Contents, claim_key, contents
from .text import format_published, location, one_line, summary_line

LEVEL_STYLES = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}
MISSING_STYLE = "dim italic"
# Text columns narrower than this are hard to read: below it a table switches to its
# narrow layout.
MIN_TEXT_WIDTH = 14
# Between two columns: one cell of padding each side of a one-cell separator.
GAP = 3


def _new_table(title: str, **options) -> Table:
    return Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        **options,
    )


def _width(header: str, cells: list[str]) -> int:
    """The widest line among a column's header and cells."""
    return max(len(line) for cell in [header, *cells] for line in cell.splitlines() or [""])


def _fits(console: Console, fixed: list[int], text: list[int]) -> bool:
    """Whether the fixed columns fit whole and every text column keeps a readable width.

    ``text`` holds each text column's natural width; rich narrows the widest text columns
    first, so each one needs only the smaller of its natural width and MIN_TEXT_WIDTH.
    """
    needed = sum(fixed) + sum(min(width, MIN_TEXT_WIDTH) for width in text)
    return needed + GAP * (len(fixed) + len(text) - 1) <= console.width


def _missing_or(value: str | None, missing: str) -> Text:
    return Text(value) if value else Text(missing, style=MISSING_STYLE)


# Documents


def _documents(console: Console, shown: Contents) -> None:
    if not shown.documents:
        console.print(Text("No documents."))
        return
    documents = shown.documents
    published = [format_published(d) for d in documents]
    counts = [str(shown.claims_in(d.path)) for d in documents]
    titles = [d.title or "untitled" for d in documents]
    sources = [d.source or "unknown" for d in documents]
    with_source = any(d.source for d in documents)
    text = [_width("Path", [d.path for d in documents]), _width("Title", titles)]
    if with_source:
        text.append(_width("Source", sources))
    table = _new_table("Documents")
    if _fits(console, [_width("Published", published), _width("Claims", counts)], text):
        table.add_column("Path", overflow="fold")
        table.add_column("Title", overflow="fold")
        table.add_column("Published", no_wrap=True)
        if with_source:
            table.add_column("Source", overflow="fold")
        table.add_column("Claims", no_wrap=True, justify="right")
        for document, date, count in zip(documents, published, counts, strict=True):
            row = [Text(document.path), _missing_or(document.title, "untitled"), Text(date)]
            if with_source:
                row.append(_missing_or(document.source, "unknown"))
            table.add_row(*row, Text(count))
    else:
        table.add_column("Document", overflow="fold")
        table.add_column("Published", no_wrap=True)
        table.add_column("Claims", no_wrap=True, justify="right")
        for document, date, count in zip(documents, published, counts, strict=True):
            details = Text(document.path)
            if document.title:
                details.append("\n" + document.title)
            if document.source:
                details.append("\n" + document.source, style=MISSING_STYLE)
            # "2023-10-30 (inferred)" on two lines keeps the column narrow.
            table.add_row(details, Text(date.replace(" ", "\n")), Text(count))
    console.print(table)


# Claims


def _by_subject_then_date(claim: Claim) -> tuple:
    return (claim.subject, claim.as_of is None, claim.as_of or dt.date.min, claim_key(claim))


def _source(claim: Claim) -> Text:
    return _missing_or(claim.source, "unattributed")


def _claims(console: Console, shown: Contents) -> None:
    if not shown.claims:
        console.print(Text("No claims."))
        return
    claims = sorted(shown.claims, key=_by_subject_then_date)
    figures = [format_figure(claim) for claim in claims]
    dates = [claim.as_of.isoformat() if claim.as_of else "unknown" for claim in claims]
    wheres = [location(claim.path, claim.line) for claim in claims]
    fixed = [_width("Figure", figures), _width("As of", dates)]
    text = [
        _width("Subject", [subject_label(claim) for claim in claims]),
        _width("Source", [claim.source or "unattributed" for claim in claims]),
        _width("Where", wheres),
    ]
    rows = list(zip(claims, figures, dates, wheres, strict=True))
    if _fits(console, fixed, text):
        table = _new_table("Claims")
        table.add_column("Subject", overflow="fold", style="bold")
        table.add_column("Figure", no_wrap=True, justify="right")
        table.add_column("As of", no_wrap=True)
        table.add_column("Source", overflow="fold")
        table.add_column("Where", overflow="fold")
        for _, group in groupby(rows, key=lambda row: row[0].subject):
            members = list(group)
            label = subject_label(members[0][0])
            for index, (claim, figure, date, where) in enumerate(members):
                table.add_row(
                    Text(label if index == 0 else ""),
                    Text(figure),
                    _missing_or(claim.as_of and date, "unknown"),
                    _source(claim),
                    Text(where),
                    end_section=index == len(members) - 1,
                )
        console.print(table)
        return
    # Narrow: a small table per subject, the subject its title. Figure and date share the
    # column that never wraps; source and place share the one that does.
    console.print(Text("Claims", style="bold"))
    left_width = max(fixed[0], len("undated"), *(len(date) for date in dates))
    for _, group_rows in groupby(rows, key=lambda row: row[0].subject):
        group = list(group_rows)
        table = _new_table(subject_label(group[0][0]), show_header=False)
        table.add_column("Figure", no_wrap=True, justify="right", width=left_width)
        table.add_column("Details", overflow="fold")
        for claim, figure, _date, where in group:
            left = Text(figure + "\n")
            left.append_text(_missing_or(claim.as_of and claim.as_of.isoformat(), "undated"))
            details = _source(claim)
            details.append("\n" + where)
            table.add_row(left, details)
        console.print(table)


# Findings


def _level(level: str) -> Text:
    return Text(level, style=LEVEL_STYLES.get(level, ""))


def _hanging(console: Console, head: Text, body: str, indent: int) -> None:
    """``head`` then ``body`` wrapped with its later lines under its first; below
    NARROW_WIDTH the body starts on a line of its own."""
    width = console.width
    if width - indent - head.cell_len < MIN_TEXT_WIDTH * 2:
        console.print(head, soft_wrap=True)
        head, indent = Text(" " * indent), indent
    else:
        indent += head.cell_len
    lines = wrap_offsets(body, width - indent)
    for number, (start, end) in enumerate(lines):
        line = head.copy() if number == 0 else Text(" " * indent)
        line.append(body[start:end])
        console.print(line, soft_wrap=True)


def _where(console: Console, location_text: str, indent: int) -> None:
    """A ``--> path:line:col`` line, never wrapped: editors and terminals open it."""
    console.print(Text(" " * indent + "--> ", style="blue").append(location_text), soft_wrap=True)


def _sentence(console: Console, claim: Claim, indent: int) -> None:
    gutter = " " * indent + "|  "
    for text, marks in excerpt(claim, console.width - len(gutter)).lines:
        console.print(Text(gutter, style="blue").append(text), soft_wrap=True)
        if marks:
            line = Text(gutter, style="blue")
            line.append(marks, style="bold red")
            console.print(line, soft_wrap=True)


def _other_side(console: Console, other: Claim, indent: int) -> None:
    """The other figure of a comparison: what, as of when, whose, and where."""
    parts = [f"{format_figure(other)} ({subject_label(other)})"]
    parts.append(f"as of {other.as_of.isoformat()}" if other.as_of else "undated")
    parts.append(f"source: {other.source}" if other.source else "no source given")
    _hanging(console, Text(" " * indent + "= other figure: "), ", ".join(parts), 0)
    _where(console, location(other.path, other.line, other.column), indent + 2)


def _finding(console: Console, finding: Finding, claims: dict[str, Claim]) -> None:
    head = Text("  ")
    head.append_text(_level(finding.level))
    head.append(f" {finding.rule}  ", style="bold")
    _hanging(console, head, one_line(finding.message), 0)
    _where(console, location(finding.path, finding.line, finding.column), 2)
    claim = claims.get(finding.claim or "")
    if claim is not None and claim.sentence.strip():
        _sentence(console, claim, 3)
    for ref in finding.related:
        other = claims.get(ref)
        if other is not None:
            _other_side(console, other, 3)


def _findings(console: Console, shown: Contents) -> None:
    """Findings grouped by file, each with its sentence and the figure marked."""
    if not shown.findings:
        console.print(Text("No findings."))
        return
    claims = {claim.id: claim for claim in shown.claims if claim.id}
    for path, group in groupby(shown.findings, key=lambda finding: finding.path):
        console.print(Text(path or "-", style="bold underline"), soft_wrap=True)
        for finding in group:
            _finding(console, finding, claims)
            console.print()


def print_report(
    report: Report,
    console: Console,
    *,
    mode: str = "check",
    as_of: dt.date | None = None,
    show_claims: bool = False,
    summary: bool = True,
) -> None:
    """Extract mode: documents, claims, summary. Check mode: findings first (documents and
    claims before them only with ``show_claims``), then the summary."""
    shown = contents(report, mode)
    if mode == "extract" or show_claims:
        _documents(console, shown)
        console.print()
        _claims(console, shown)
        console.print()
    if mode == "extract":
        console.print(Text(summary_line(len(shown.documents), len(shown.claims))))
        return
    if not summary and not shown.findings:
        return
    _findings(console, shown)
    if not summary:
        return
    if not shown.findings:
        console.print()
    line = summary_line(len(shown.documents), len(shown.claims), shown.counts())
    if as_of is not None:
        line += f" (checked as of {as_of.isoformat()})"
    console.print(Text(line))


def render(
    report: Report,
    *,
    console: Console | None = None,
    mode: str = "check",
    as_of: dt.date | None = None,
    show_claims: bool = False,
    summary: bool = True,
) -> None:
    """Renderer entry point: prints to ``console`` (a default one when None)."""
    print_report(
        report,
        console if console is not None else Console(),
        mode=mode,
        as_of=as_of,
        show_claims=show_claims,
        summary=summary,
    )
