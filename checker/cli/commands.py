"""The commands: each parses its options, calls the API and prints; exit codes come from
:func:`checker.model.exit_code`."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from .. import api, archive, config
from ..documents import load_documents
from ..errors import UsageError
from ..examples import run_examples
from ..model import Report, exit_code
from ..report.explain import describe_rule, rules_table
from ..version import __version__
from .options import (
    AgainstOpt,
    ArchiveArg,
    AsOfOpt,
    FailOn,
    Format,
    FormatOpt,
    JobsOpt,
    LedgerOpt,
    ModelOpt,
    NoCacheOpt,
    NoDefaultsOpt,
    PathsArg,
    RulesOpt,
    StrictOpt,
)
from .output import (
    baselines,
    cache,
    console,
    default_jobs,
    emit,
    load_baseline,
    output,
    parse_date,
    print_notes,
    read_stdin,
    shown_path,
    with_progress,
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="factcheck: find contradictions, stale figures and unattributed numbers in news.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
COMMANDS = ("check", "extract", "rules", "explain", "test-rules", "index")


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

    when = parse_date(as_of, "--as-of")
    accepted = load_baseline(baseline_path)
    settings = config.find_settings()
    ruleset = config.load_ruleset(
        list(rules or ()), default_rules=not no_default_rules, settings=settings
    )
    report = with_progress(
        lambda progress: api.check(
            paths,
            as_of=when,
            model=model,
            stdin=read_stdin(paths),
            strict=strict,
            progress=progress,
            ruleset=ruleset,
            cache=cache(no_cache, model),
            jobs=jobs or default_jobs(),
            against=against or (),
        ),
        paths,
    )
    print_notes(report)
    report = baselines(report, accepted, write_baseline_path)
    output(report, format, mode="check", as_of=when)
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

    ruleset = config.load_ruleset(
        list(rules or ()), default_rules=not no_default_rules, settings=config.find_settings()
    )
    documents, notes = load_documents(paths, stdin=read_stdin(paths), strict=strict)
    claims = with_progress(
        lambda progress: api.extract_documents(
            documents,
            model=model,
            vocabulary=ruleset.vocabulary,
            progress=progress,
            cache=cache(no_cache, model),
            jobs=jobs or default_jobs(),
        ),
        paths,
        total=len(documents),
    )
    report = Report(
        documents=tuple(sorted(documents, key=lambda d: d.path)),
        claims=tuple(claims),
        notes=tuple(notes),
    )
    print_notes(report)
    output(report, format, mode="extract")


@app.command("rules")
def rules_command(
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
) -> None:
    """List the active rules."""

    ruleset = config.load_ruleset(
        list(rules or ()), default_rules=not no_default_rules, settings=config.find_settings()
    )
    rows = [
        (rid, name, kind, level, shown_path(path))
        for rid, name, kind, level, path in rules_table(ruleset)
    ]
    if format is Format.json:
        keys = ("id", "name", "kind", "level", "file")
        emit(json.dumps([dict(zip(keys, row, strict=True)) for row in rows], indent=2) + "\n")
        return
    table = Table(title="Active rules")
    for column in ("id", "name", "kind", "level", "file"):
        table.add_column(column, no_wrap=column in ("id", "level", "name"), overflow="fold")
    for row in rows:
        table.add_row(*row)
    console().print(table)


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule id (FC101) or name.")],
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
) -> None:
    """A rule's documentation, message, options and examples."""

    ruleset = config.load_ruleset(
        list(rules or ()), default_rules=not no_default_rules, settings=config.find_settings()
    )
    wanted = rule.strip()
    for candidate in ruleset.rules:
        if wanted.upper() == candidate.id.upper() or wanted == candidate.name:
            emit(describe_rule(candidate, ruleset.settings).rstrip("\n") + "\n")
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

    if not ledger:
        raise UsageError("index needs --ledger FILE: where to store the documents and claims")
    ruleset = config.load_ruleset(
        list(rules or ()), default_rules=not no_default_rules, settings=config.find_settings()
    )
    summary = with_progress(
        lambda progress: archive.index(
            paths,
            ledger,
            model=model,
            vocabulary=ruleset.vocabulary,
            cache=cache(no_cache, model),
            strict=strict,
            progress=progress,
            jobs=jobs or default_jobs(),
        ),
        paths,
    )
    err = console(stderr=True)
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

    ruleset = config.load_ruleset(
        list(paths or ()),
        default_rules=not (no_default_rules or bool(paths)),
        settings=config.find_settings(),
    )
    results = run_examples(ruleset, model=model)
    shown = console()
    failed = [r for r in results if not r.ok]
    for result in results:
        mark = "ok" if result.ok else "FAIL"
        style = "green" if result.ok else "bold red"
        shown.print(f"[{style}]{mark:>4}[/] {result.describe()}", markup=True, highlight=False)
    shown.print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(1 if failed else 0)


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
