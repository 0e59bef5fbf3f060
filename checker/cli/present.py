"""What a check shows besides the rendering: the name of stdin, the display threshold,
statistics, and the file the output goes to."""

from __future__ import annotations

import contextlib
import dataclasses
import json

from ..errors import InputError
from ..model import LEVELS, Report
from ..report.text import statistics as statistics_lines
from .options import Format, Level
from .output import emit

STDIN = "<stdin>"


@contextlib.contextmanager
def to_file(path: str | None):
    """``--output-file``: what the command prints to stdout goes to ``path`` instead."""
    if path is None:
        yield
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    with handle, contextlib.redirect_stdout(handle):
        yield


def named_stdin(report: Report, name: str | None) -> Report:
    """``--stdin-filename``: the document read from - is called ``name`` in the output."""
    if not name:
        return report

    def rename(item):
        return dataclasses.replace(item, path=name) if item.path == STDIN else item

    def reword(finding):
        finding = rename(finding)
        return dataclasses.replace(finding, message=finding.message.replace(STDIN, name))

    return dataclasses.replace(
        report,
        documents=tuple(map(rename, report.documents)),
        claims=tuple(map(rename, report.claims)),
        findings=tuple(map(reword, report.findings)),
    )


def at_least(report: Report, level: Level | None) -> tuple[Report, int]:
    """``--min-level``: the findings at ``level`` or above, and how many were left out."""
    if level is None:
        return report, 0
    worst = LEVELS.index(level.value)
    kept = tuple(f for f in report.findings if LEVELS.index(f.level) <= worst)
    return dataclasses.replace(report, findings=kept), len(report.findings) - len(kept)


def print_statistics(report: Report, format: Format) -> None:
    """``--statistics``: counts per rule and per file instead of the findings."""
    if format is Format.json:
        counts: dict[tuple, int] = {}
        for finding in report.findings:
            key = (finding.rule, finding.name or "", finding.level)
            counts[key] = counts.get(key, 0) + 1
        rows = [
            {"code": rule, "name": name, "level": level, "count": count}
            for (rule, name, level), count in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
        ]
        emit(json.dumps(rows, indent=2) + "\n")
        return
    lines = statistics_lines(report.findings)
    emit("".join(line + "\n" for line in lines))
