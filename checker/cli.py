"""The ``factcheck`` command: parse options, call the API, render, exit.

Exit codes are decided in one place, :func:`exit_code`; errors become one line on stderr in
:func:`main`, never a traceback (``--debug`` shows one).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from enum import Enum
from typing import Annotated

import click
import typer
from rich.console import Console

from . import __version__
from .errors import FactcheckError, UsageError
from .model import LEVELS, Report

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="factcheck: find contradictions, stale figures and unattributed numbers in news.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
COMMANDS = ("check", "extract", "rules", "explain", "test-rules", "index")
FAIL_LEVELS = (*LEVELS, "never")


def _console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, no_color=bool(os.environ.get("NO_COLOR")), highlight=False)


class Format(str, Enum):
    table = "table"
    json = "json"
    line = "line"
    sarif = "sarif"
    github = "github"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    suggestion = "suggestion"
    never = "never"


def exit_code(report: Report, fail_on: str) -> int:
    """0 when no finding is at or above ``fail_on``, else 1 (2 is raised as an error)."""
    if fail_on == "never":
        return 0
    threshold = LEVELS.index(fail_on)
    worst = [LEVELS.index(f.level) for f in report.findings]
    return 1 if worst and min(worst) <= threshold else 0


def _parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} takes a date as YYYY-MM-DD, got {value!r}") from None


def _read_stdin(paths: list[str]) -> str | None:
    if "-" not in paths:
        return None
    from .documents import max_file_bytes, read_limited, too_large
    from .errors import InputError

    limit = max_file_bytes()
    data = read_limited(sys.stdin.buffer, limit)
    if data is None:  # the same limit as for files: never read an endless pipe into memory
        raise InputError(f"<stdin>: cannot read ({too_large(None, limit)})")
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


PathsArg = Annotated[
    list[str], typer.Argument(help="Files or folders to read; - for stdin.", show_default=False)
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
RulesOpt = Annotated[
    list[str] | None, typer.Option("--rules", help="A rule file or folder (repeatable).")
]
NoDefaultsOpt = Annotated[
    bool, typer.Option("--no-default-rules", help="Do not load the shipped rules.")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="The date the check is made for (YYYY-MM-DD; default today)."),
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="spaCy pipeline to use (package name or path).")
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Do not read or write the extraction cache.")
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, help="Processes that extract at once (default: the machine's cores)."
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit 2 when any file cannot be read.")]
AgainstOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--against",
        help="An archive to check against: a folder of published articles or a ledger "
        "(repeatable).",
    ),
]
ArchiveArg = Annotated[
    list[str], typer.Argument(help="Archive files or folders to index.", show_default=False)
]
LedgerOpt = Annotated[
    str | None,
    typer.Option("--ledger", help="The ledger file (SQLite; made if missing). Required."),
]


@app.command()
def check(
    paths: PathsArg,
    format: FormatOpt = Format.table,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Lowest level that fails the run (default: error, or the config's)."
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 whatever is found.")
    ] = False,
    baseline_path: Annotated[
        str | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Hide the findings this baseline records; fail only on new ones.",
        ),
    ] = None,
    write_baseline_path: Annotated[
        str | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help="Record every finding of this run in FILE (atomically) and exit 0.",
        ),
    ] = None,
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
    strict: StrictOpt = False,
    against: AgainstOpt = None,
) -> None:
    """Check documents: extract claims, run the rules, report findings."""
    from . import api, config

    when = _parse_date(as_of, "--as-of")
    accepted = _load_baseline(baseline_path)
    settings = config.find_settings()
    ruleset = config.load_ruleset(
        list(rules or ()), default_rules=not no_default_rules, settings=settings
    )
    report = _with_progress(
        lambda progress: api.check(
            paths,
            as_of=when,
            model=model,
            stdin=_read_stdin(paths),
            strict=strict,
            progress=progress,
            ruleset=ruleset,
            cache=_cache(no_cache, model),
            jobs=jobs or _default_jobs(),
            against=against or (),
        ),
        paths,
    )
    _print_notes(report)
    report = _baselines(report, accepted, write_baseline_path)
    _output(report, format, mode="check", as_of=when)
    level = fail_on.value if fail_on else getattr(ruleset.settings, "fail_on", "error")
    raise typer.Exit(0 if exit_zero or write_baseline_path else exit_code(report, level))


@app.command()
def extract(
    paths: PathsArg,
    format: FormatOpt = Format.table,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    model: ModelOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
    strict: StrictOpt = False,
) -> None:
    """List the numeric claims only; no rules are run."""
    from . import api, config
    from .documents import load_documents

    ruleset = config.load_ruleset(
        list(rules or ()), default_rules=not no_default_rules, settings=config.find_settings()
    )
    documents, notes = load_documents(paths, stdin=_read_stdin(paths), strict=strict)
    claims = _with_progress(
        lambda progress: api.extract_documents(
            documents,
            model=model,
            vocabulary=ruleset.vocabulary,
            progress=progress,
            cache=_cache(no_cache, model),
            jobs=jobs or _default_jobs(),
        ),
        paths,
        total=len(documents),
    )
    report = Report(
        documents=tuple(sorted(documents, key=lambda d: d.path)),
        claims=tuple(claims),
        notes=tuple(notes),
    )
    _print_notes(report)
    _output(report, format, mode="extract")


@app.command("rules")
def rules_command(
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
) -> None:
    """List the active rules."""
    import json

    from rich.table import Table

    from . import config

    ruleset = config.load_ruleset(
        list(rules or ()), default_rules=not no_default_rules, settings=config.find_settings()
    )
    rows = [
        (rid, name, kind, level, _shown_path(path))
        for rid, name, kind, level, path in config.rules_table(ruleset)
    ]
    if format is Format.json:
        keys = ("id", "name", "kind", "level", "file")
        _emit(json.dumps([dict(zip(keys, row, strict=True)) for row in rows], indent=2) + "\n")
        return
    table = Table(title="Active rules")
    for column in ("id", "name", "kind", "level", "file"):
        table.add_column(column, no_wrap=column in ("id", "level", "name"), overflow="fold")
    for row in rows:
        table.add_row(*row)
    _console().print(table)


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule id (FC101) or name.")],
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
) -> None:
    """A rule's documentation, message, options and examples."""
    from . import config

    ruleset = config.load_ruleset(
        list(rules or ()), default_rules=not no_default_rules, settings=config.find_settings()
    )
    wanted = rule.strip()
    for candidate in ruleset.rules:
        if wanted.upper() == candidate.id.upper() or wanted == candidate.name:
            _emit(config.describe_rule(candidate, ruleset.settings).rstrip("\n") + "\n")
            return
    known = ", ".join(r.id for r in ruleset.rules)
    raise UsageError(f"no rule {rule!r}; known rules: {known}")


@app.command()
def index(
    paths: ArchiveArg,
    ledger: LedgerOpt = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    model: ModelOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Store an archive's documents and claims in a ledger, for check --against."""
    from . import config
    from . import ledger as ledger_module

    if not ledger:
        raise UsageError("index needs --ledger FILE: where to store the documents and claims")
    ruleset = config.load_ruleset(
        list(rules or ()), default_rules=not no_default_rules, settings=config.find_settings()
    )
    summary = _with_progress(
        lambda progress: ledger_module.index(
            paths,
            ledger,
            model=model,
            vocabulary=ruleset.vocabulary,
            cache=_cache(no_cache, model),
            strict=strict,
            progress=progress,
            jobs=jobs or _default_jobs(),
        ),
        paths,
    )
    err = _console(stderr=True)
    for note in summary.notes:
        err.print(f"factcheck: warning: {note}", markup=False, highlight=False, soft_wrap=True)
    err.print(summary.describe(ledger), markup=False, highlight=False, soft_wrap=True)


@app.command("test-rules")
def test_rules(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Rule files or folders (default: the active rules)."),
    ] = None,
    no_default_rules: NoDefaultsOpt = False,
    model: ModelOpt = None,
) -> None:
    """Run every rule's embedded examples; exit 1 when one fails."""
    from . import config
    from .examples import run_examples

    ruleset = config.load_ruleset(
        list(paths or ()),
        default_rules=not (no_default_rules or bool(paths)),
        settings=config.find_settings(),
    )
    results = run_examples(ruleset, model=model)
    console = _console()
    failed = [r for r in results if not r.ok]
    for result in results:
        mark = "ok" if result.ok else "FAIL"
        style = "green" if result.ok else "bold red"
        console.print(f"[{style}]{mark:>4}[/] {result.describe()}", markup=True, highlight=False)
    console.print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(1 if failed else 0)


def _default_jobs() -> int:
    return max(
        1,
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
    )


def _shown_path(path) -> str:
    if path is None:
        return "-"
    text = str(path)
    try:
        return os.path.relpath(text)
    except ValueError:
        return text


def _cache(disabled: bool, model: str | None):
    if disabled:
        return None
    try:
        from .cache import ExtractionCache
    except ImportError:
        return None
    return ExtractionCache.default(model)


def _with_progress(run, paths: list[str], total: int | None = None):
    """Run ``run(progress)`` with a progress bar on stderr when it is a terminal."""
    err = _console(stderr=True)
    if not err.is_terminal or os.environ.get("CI"):
        return run(None)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    if total is None:
        from .documents import discover

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


def _print_notes(report: Report) -> None:
    err = _console(stderr=True)
    for note in report.notes:
        err.print(f"factcheck: warning: {note}", markup=False, highlight=False, soft_wrap=True)


def _load_baseline(path: str | None):
    """The baseline to filter by, read before the (slow) check so a bad file fails fast."""
    if path is None:
        return None
    from . import baseline

    return baseline.load(path)


def _baselines(report: Report, accepted, write_to: str | None) -> Report:
    """Write the baseline if asked (every finding), then hide what ``accepted`` records."""
    err = _console(stderr=True)
    if write_to is not None:
        from . import baseline

        count = baseline.write(write_to, report.findings)
        err.print(f"factcheck: wrote {count} findings to {write_to}", markup=False, highlight=False)
    if accepted is not None:
        report, hidden = accepted.filter(report)
        if hidden:
            err.print(
                f"factcheck: {hidden} baselined findings hidden", markup=False, highlight=False
            )
    return report


def _output(report: Report, format: Format, *, mode: str, as_of: dt.date | None = None) -> None:
    """Render the report to stdout; JSON is streamed a list item at a time."""
    from .report import render
    from .report.jsonout import iter_json

    if format is Format.json:
        for chunk in iter_json(report, mode=mode):
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    _emit(render(report, format.value, console=_console(), mode=mode, as_of=as_of))


def _emit(text: str | None) -> None:
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()


def _version(value: bool) -> None:
    if value:
        print(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for internal errors.")
    ] = False,
) -> None:
    """factcheck: find contradictions, stale figures and unattributed numbers in news."""


def _argv_with_default_command(argv: list[str]) -> list[str]:
    """``factcheck PATH ...`` means ``factcheck check PATH ...``."""
    globals_ = {"--debug"}
    rest = [a for a in argv if a not in globals_]
    head = [a for a in argv if a in globals_]
    if not rest or rest[0] in COMMANDS or rest[0] in ("-h", "--help", "--version"):
        return argv
    return [*head, "check", *rest]


def _exception_classes():
    """typer may vendor its own copy of click: catch its exceptions and click's alike."""
    usage, exits, aborts, help_requests = (
        [click.ClickException],
        [click.exceptions.Exit],
        [click.exceptions.Abort],
        [],
    )
    try:
        from typer import exceptions as typer_exceptions
        from typer._click import exceptions as vendored

        usage.append(vendored.ClickException)
        exits.append(typer_exceptions.Exit)
        aborts.append(typer_exceptions.Abort)
        help_requests.append(vendored.NoArgsIsHelpError)
    except ImportError:  # a typer that uses click itself
        pass
    help_requests.extend(
        getattr(click.exceptions, name)
        for name in ("NoArgsIsHelpError",)
        if hasattr(click.exceptions, name)
    )
    return tuple(usage), tuple(exits), tuple(aborts), tuple(help_requests)


USAGE_ERRORS, EXITS, ABORTS, HELP_REQUESTS = _exception_classes()


def _never_fail_printing() -> None:
    """A file name that is not UTF-8 reaches Python as surrogates ("bad\\udcff.txt"): print it
    as the bytes it is, as ls does, rather than fail the run on a strict UTF-8 stdout (any
    UTF-8 locale but C.UTF-8). On other encodings, what cannot be printed becomes "?"."""
    import codecs

    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        utf8 = codecs.lookup(sys.stdout.encoding or "ascii").name == "utf-8"
        reconfigure(errors="surrogateescape" if utf8 else "replace")
    except (LookupError, ValueError, OSError):  # an unusual stream: leave it as it is
        pass


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _never_fail_printing()
    debug = "--debug" in argv or bool(os.environ.get("FACTCHECK_DEBUG"))
    err = _console(stderr=True)
    try:
        result = app(
            args=_argv_with_default_command(argv), prog_name="factcheck", standalone_mode=False
        )
        code = result if isinstance(result, int) else 0
        if code == 130:  # typer turns Ctrl-C into exit code 130, silently
            err.print("factcheck: interrupted", markup=False)
    except FactcheckError as exc:
        for line in str(exc).splitlines() or [exc.__class__.__name__]:
            err.print(f"factcheck: error: {line}", markup=False, highlight=False, soft_wrap=True)
        code = exc.exit_code
    except HELP_REQUESTS as exc:  # "factcheck" alone, or a command with no arguments
        sys.stdout.write(exc.format_message().rstrip("\n") + "\n")
        code = 0
    except ABORTS:
        err.print("factcheck: interrupted", markup=False)
        code = 130
    except USAGE_ERRORS as exc:
        message = " ".join(exc.format_message().split())
        err.print(f"factcheck: error: {message}", markup=False, highlight=False, soft_wrap=True)
        code = 2
    except EXITS as exc:
        code = getattr(exc, "exit_code", 0)
    except KeyboardInterrupt:
        err.print("factcheck: interrupted", markup=False)
        code = 130
    except BrokenPipeError:
        code = 0
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's flush
    except Exception as exc:  # an internal error: one line, and a way to see more
        if debug:
            raise
        err.print(
            f"factcheck: error: internal error: {exc.__class__.__name__}: "
            f"{' '.join(str(exc).split())} (run with --debug for a traceback)",  # one line
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        code = 2
    return code


def run() -> None:  # pragma: no cover - the console script
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
