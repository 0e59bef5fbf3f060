"""The ``table`` format: rich tables for people at a terminal.

Check mode prints documents, claims grouped by subject, findings, and a one-line summary;
extract mode leaves out the findings. Figures, dates and counts sit in columns that never
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

from ..model import Claim, Report
from ..wording import format_figure
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
        _width("Subject", [claim.subject for claim in claims]),
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
        for subject, group in groupby(rows, key=lambda row: row[0].subject):
            members = list(group)
            for index, (claim, figure, date, where) in enumerate(members):
                table.add_row(
                    Text(subject if index == 0 else ""),
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
    for subject, group in groupby(rows, key=lambda row: row[0].subject):
        table = _new_table(subject, show_header=False)
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


def _findings(console: Console, shown: Contents) -> None:
    if not shown.findings:
        console.print(Text("No findings."))
        return
    findings = shown.findings
    fixed = [
        _width("Level", [f.level for f in findings]),
        _width("Rule", [f.rule for f in findings]),
    ]
    wheres = [location(f.path, f.line, f.column) for f in findings]
    messages = [one_line(f.message) for f in findings]
    table = _new_table("Findings")
    if _fits(console, fixed, [_width("Where", wheres), _width("Message", messages)]):
        table.add_column("Level", no_wrap=True)
        table.add_column("Rule", no_wrap=True)
        table.add_column("Where", overflow="fold")
        table.add_column("Message", overflow="fold")
        for finding, where, message in zip(findings, wheres, messages, strict=True):
            table.add_row(_level(finding.level), Text(finding.rule), Text(where), Text(message))
    else:
        table.add_column("Level", no_wrap=True)
        table.add_column("Finding", overflow="fold")
        for finding, where, message in zip(findings, wheres, messages, strict=True):
            table.add_row(_level(finding.level), Text(f"{finding.rule} {where}\n{message}"))
    console.print(table)


def print_report(
    report: Report,
    console: Console,
    *,
    mode: str = "check",
    as_of: dt.date | None = None,
) -> None:
    shown = contents(report, mode)
    _documents(console, shown)
    console.print()
    _claims(console, shown)
    console.print()
    if mode == "extract":
        console.print(Text(summary_line(len(shown.documents), len(shown.claims))))
        return
    _findings(console, shown)
    console.print()
    summary = summary_line(len(shown.documents), len(shown.claims), shown.counts())
    if as_of is not None:
        summary += f" (checked as of {as_of.isoformat()})"
    console.print(Text(summary))


def render(
    report: Report,
    *,
    console: Console | None = None,
    mode: str = "check",
    as_of: dt.date | None = None,
) -> None:
    """Renderer entry point: prints to ``console`` (a default one when None)."""
    print_report(report, console if console is not None else Console(), mode=mode, as_of=as_of)
