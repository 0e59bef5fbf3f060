"""What the command line shows and reads besides the report: notes, progress, baselines, stdin."""

from __future__ import annotations

import datetime as dt
import os
import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..documents import discover, max_file_bytes, read_limited, too_large
from ..errors import InputError, UsageError
from ..findings import baseline
from ..model import Report
from ..report import render
from ..report.jsonout import iter_json
from ..store.cache import ExtractionCache
from .options import Format


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, no_color=bool(os.environ.get("NO_COLOR")), highlight=False)


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} takes a date as YYYY-MM-DD, got {value!r}") from None


def read_stdin(paths: list[str]) -> str | None:
    if "-" not in paths:
        return None

    limit = max_file_bytes()
    data = read_limited(sys.stdin.buffer, limit)
    if data is None:  # the same limit as for files: never read an endless pipe into memory
        raise InputError(f"<stdin>: cannot read ({too_large(None, limit)})")
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def default_jobs() -> int:
    return max(
        1,
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
    )


def shown_path(path) -> str:
    if path is None:
        return "-"
    text = str(path)
    try:
        return os.path.relpath(text)
    except ValueError:
        return text


def cache(disabled: bool, model: str | None):
    if disabled:
        return None
    return ExtractionCache.default(model)


def with_progress(run, paths: list[str], total: int | None = None):
    """Run ``run(progress)`` with a progress bar on stderr when it is a terminal."""
    err = console(stderr=True)
    if not err.is_terminal or os.environ.get("CI"):
        return run(None)

    if total is None:
        files, _ = discover([p for p in paths if p != "-"])
        total = len(files) + (1 if "-" in paths else 0)
    if total < 20:
        return run(None)
    with Progress(
        TextColumn("reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("documents", total=total)
        return run(lambda n: bar.advance(task, n))


def print_notes(report: Report) -> None:
    err = console(stderr=True)
    for note in report.notes:
        err.print(f"factcheck: warning: {note}", markup=False, highlight=False, soft_wrap=True)


def load_baseline(path: str | None):
    """The baseline to filter by, read before the (slow) check so a bad file fails fast."""
    if path is None:
        return None

    return baseline.load(path)


def baselines(report: Report, accepted, write_to: str | None) -> Report:
    """Write the baseline if asked (every finding), then hide what ``accepted`` records."""
    err = console(stderr=True)
    if write_to is not None:
        count = baseline.write(write_to, report.findings)
        err.print(f"factcheck: wrote {count} findings to {write_to}", markup=False, highlight=False)
    if accepted is not None:
        report, hidden = accepted.filter(report)
        if hidden:
            err.print(
                f"factcheck: {hidden} baselined findings hidden", markup=False, highlight=False
            )
    return report


def output(report: Report, format: Format, *, mode: str, as_of: dt.date | None = None) -> None:
    """Render the report to stdout; JSON is streamed a list item at a time."""

    if format is Format.json:
        for chunk in iter_json(report, mode=mode):
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    emit(render(report, format.value, console=console(), mode=mode, as_of=as_of))


def emit(text: str | None) -> None:
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()
