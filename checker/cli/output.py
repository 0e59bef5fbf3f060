"""What the command line shows and reads besides the report: notes, progress, baselines, stdin."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..documents import discover, max_file_bytes, read_limited, too_large
from ..errors import InputError, UsageError
from ..findings import baseline
from ..model import Report
from ..paths import use_cache
from ..report import render
from ..report.jsonout import iter_json
from ..store.cache import ExtractionCache
from .options import Format


def console(stderr: bool = False, color: str = "auto") -> Console:
    """A console for stdout (or stderr). ``color``: auto (styles on a terminal, unless
    NO_COLOR is set), always (also in a pipe or a file, for CI logs) or never."""
    if color == "always":
        return Console(stderr=stderr, force_terminal=True, highlight=False)
    if color == "never":
        return Console(stderr=stderr, color_system=None, highlight=False)
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
    use_cache(not disabled)  # --no-cache: no file in the cache folder is read (units memo too)
    if disabled:
        return None
    return ExtractionCache.default(model)


def with_progress(run, paths: list[str], total: int | None = None, exclude=None):
    """Run ``run(progress)`` with a progress bar on stderr when it is a terminal; ``exclude``
    leaves out of the count the files the run skips."""
    err = console(stderr=True)
    if not err.is_terminal or os.environ.get("CI"):
        return run(None)

    if total is None:
        files, _ = discover([p for p in paths if p != "-"], exclude=exclude)
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


def baselines(report: Report, accepted, write_to: str | None, *, quiet: bool = False) -> Report:
    """Write the baseline if asked (every finding), then hide what ``accepted`` records."""
    err = console(stderr=True)
    if write_to is not None:
        count = baseline.write(write_to, report.findings)
        err.print(f"factcheck: wrote {count} findings to {write_to}", markup=False, highlight=False)
    if accepted is not None:
        report, hidden = accepted.filter(report)
        if hidden and not quiet:
            err.print(
                f"factcheck: {hidden} baselined findings hidden", markup=False, highlight=False
            )
    return report


def output(
    report: Report,
    format: Format,
    *,
    mode: str,
    as_of: dt.date | None = None,
    color: str = "auto",
    **options,
) -> None:
    """Render the report to stdout; JSON is streamed a list item at a time.

    JSON and SARIF are written as UTF-8 bytes whatever stdout's encoding (a tool reading
    them expects UTF-8, and PYTHONIOENCODING may say otherwise), with a byte of a file name
    that is not UTF-8 written as the text ``\\xNN`` (see :func:`json_bytes`), so the
    output is valid JSON for strict parsers too."""

    if format is Format.json:
        sys.stdout.flush()  # bytes go beneath the text layer: nothing may wait in it
        for chunk in iter_json(report, mode=mode):
            write_json(chunk)
        flush()
        return
    shown = console(color=color)
    text = render(report, format.value, console=shown, mode=mode, as_of=as_of, **options)
    if format is Format.sarif:
        sys.stdout.flush()
        write_json(text or "")
        flush()
        return
    emit(text)


def emit(text: str | None) -> None:
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()


def json_bytes(text: str) -> bytes:
    """JSON text as UTF-8. A lone surrogate (a file name's byte that is not UTF-8, from
    ``surrogateescape``) cannot be encoded: it is written as ``\\\\xNN`` inside the JSON
    string, which reads back as the four characters ``\\xNN``; any other lone surrogate
    as U+FFFD."""
    return text.encode("utf-8", errors=JSON_SURROGATES)


def _escape_surrogates(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    parts = []
    for char in exc.object[exc.start : exc.end]:
        code = ord(char)
        parts.append(f"\\\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd")
    return "".join(parts), exc.end


JSON_SURROGATES = "factcheck-json-surrogates"
codecs.register_error(JSON_SURROGATES, _escape_surrogates)


def write_json(text: str) -> None:
    """Write JSON text to stdout as UTF-8 bytes (see :func:`json_bytes`)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (a caller's StringIO): text it is
        sys.stdout.write(json_bytes(text).decode("utf-8"))
        return
    buffer.write(json_bytes(text))


def flush() -> None:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.flush()
