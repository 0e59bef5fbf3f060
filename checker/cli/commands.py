"""The commands: each parses its options, calls the API and prints; exit codes come from
:func:`checker.model.exit_code`."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from .. import api, archive
from ..documents import load_documents
from ..errors import UsageError
from ..examples import run_examples
from ..model import Report, exit_code
from ..report.explain import describe_rule, find_rule, rules_markdown, rules_table
from ..version import __version__
from .engines import engine_for
from .options import (
    AgainstOpt,
    ArchiveArg,
    AsOfOpt,
    Color,
    ColorOpt,
    ConfigOpt,
    Engine,
    EngineOpt,
    ExcludeOpt,
    ExtendExcludeOpt,
    ExtractFormat,
    ExtractFormatOpt,
    FailOn,
    Format,
    FormatOpt,
    GitignoreOpt,
    IgnoreOpt,
    IsolatedOpt,
    JobsOpt,
    LedgerOpt,
    Level,
    ModelOpt,
    NamesOpt,
    NoCacheOpt,
    NoDefaultsOpt,
    OutputFileOpt,
    PathsArg,
    QuietOpt,
    ReferenceOpt,
    RulesFormat,
    RulesOpt,
    SchedulerOpt,
    SelectOpt,
    StdinFilenameOpt,
    StrictOpt,
    VerboseOpt,
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
from .present import at_least, named_stdin, print_statistics, to_file
from .selection import Selection, files_for, ruleset_for, warn_overlaps
from .show import print_examples, settings_text

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="factcheck: find contradictions, stale figures and unattributed numbers in news.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
RULE_COLUMNS = ("id", "name", "kind", "level", "file")
COMMANDS = ("check", "extract", "rules", "explain", "test-rules", "index", "show-settings")


def _jobs(jobs: int | None) -> int:
    """``-j 0`` or no ``-j``: every core this process may use."""
    return jobs or default_jobs()


@app.command()
def check(
    paths: PathsArg,
    format: FormatOpt = Format.table,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Lowest level that fails the run (default: error, or the config's)."
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 whatever is found.")
    ] = False,
    min_level: Annotated[
        Level | None,
        typer.Option(
            "--min-level",
            help="Show (and fail on) only findings at this level or above, as Vale's "
            "--minAlertLevel.",
        ),
    ] = None,
    show_claims: Annotated[
        bool,
        typer.Option(
            "--show-claims", help="table: list the documents and claims before the findings."
        ),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="Count findings per rule and per file instead."),
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
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    respect_gitignore: GitignoreOpt = None,
    stdin_filename: StdinFilenameOpt = None,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
    output_file: OutputFileOpt = None,
    color: ColorOpt = Color.auto,
    reference: ReferenceOpt = None,
    names: NamesOpt = None,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
) -> None:
    """Check documents: extract claims, run the rules, report findings."""

    when = parse_date(as_of, "--as-of")
    accepted = load_baseline(baseline_path)
    selection = Selection(
        rules or (),
        no_default_rules,
        config_file,
        isolated,
        select or (),
        ignore or (),
        verbose,
        stdin_filename,
    )
    ruleset = ruleset_for(paths, selection)
    warn_overlaps(ruleset)
    reading, excluder = files_for(
        paths, ruleset, selection, exclude, extend_exclude, respect_gitignore, quiet=quiet
    )
    with engine_for(engine, scheduler, _jobs(jobs)) as running:
        report = with_progress(
            lambda progress: api.check(
                reading,
                as_of=when,
                model=model,
                stdin=read_stdin(reading),
                strict=strict,
                progress=progress,
                ruleset=ruleset,
                cache=cache(no_cache, model),
                jobs=_jobs(jobs),
                against=against or (),
                references=[*ruleset.settings.references, *(reference or ())],
                names=[*ruleset.settings.names, *(names or ())],
                engine=running,
                exclude=excluder,
            ),
            reading,
            exclude=excluder.excluded,
        )
    print_notes(report)
    report = named_stdin(report, stdin_filename)
    report = baselines(report, accepted, write_baseline_path, quiet=quiet)
    report, below = at_least(report, min_level)
    if below and not quiet:
        console(stderr=True).print(
            f"factcheck: {below} findings below {min_level.value} not shown (--min-level)",
            markup=False,
            highlight=False,
        )
    level = fail_on.value if fail_on else getattr(ruleset.settings, "fail_on", "error")
    code = 0 if exit_zero or write_baseline_path else exit_code(report, level)
    with to_file(output_file):
        if statistics:
            print_statistics(report, format)
        elif not (write_baseline_path and format is Format.table):  # a short confirmation
            output(
                report,
                format,
                mode="check",
                as_of=when,
                color=color.value,
                show_claims=show_claims,
                summary=not quiet,
                exit_code=code,
            )
    raise typer.Exit(code)


@app.command()
def extract(
    paths: PathsArg,
    format: ExtractFormatOpt = ExtractFormat.table,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
    strict: StrictOpt = False,
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    respect_gitignore: GitignoreOpt = None,
    stdin_filename: StdinFilenameOpt = None,
    verbose: VerboseOpt = False,
    output_file: OutputFileOpt = None,
    color: ColorOpt = Color.auto,
) -> None:
    """List the numeric claims only; no rules are run."""

    parse_date(as_of, "--as-of")  # checked; it never re-dates an article (see api.check)
    selection = Selection(
        rules or (),
        no_default_rules,
        config_file,
        isolated,
        verbose=verbose,
        stdin_filename=stdin_filename,
    )
    ruleset = ruleset_for(paths, selection)
    reading, excluder = files_for(
        paths, ruleset, selection, exclude, extend_exclude, respect_gitignore
    )
    documents, notes = load_documents(
        reading, stdin=read_stdin(reading), strict=strict, exclude=excluder
    )
    claims = with_progress(
        lambda progress: api.extract_documents(
            documents,
            model=model,
            vocabulary=ruleset.vocabulary,
            progress=progress,
            cache=cache(no_cache, model),
            jobs=_jobs(jobs),
            notes=notes,
        ),
        reading,
        total=len(documents),
    )
    report = Report(
        documents=tuple(sorted(documents, key=lambda d: d.path)),
        claims=tuple(claims),
        notes=tuple(notes),
    )
    print_notes(report)
    report = named_stdin(report, stdin_filename)
    with to_file(output_file):
        output(report, Format(format.value), mode="extract", color=color.value)


@app.command("rules")
def rules_command(
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="Output format.")
    ] = RulesFormat.table,
) -> None:
    """List the rules: the built-in FC001 and every rule file's, disabled ones marked."""

    ruleset = ruleset_for([], Selection(rules or (), no_default_rules, config_file, isolated))
    rows = [
        (rid, name, kind, level, path if path == "built in" else shown_path(path))
        for rid, name, kind, level, path in rules_table(ruleset)
    ]
    if format is RulesFormat.json:
        emit(
            json.dumps([dict(zip(RULE_COLUMNS, row, strict=True)) for row in rows], indent=2) + "\n"
        )
        return
    table = Table(
        title="Rules", title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
        show_edge=False, pad_edge=False,
    )  # fmt: skip
    shown = console()
    columns = list(RULE_COLUMNS)
    for dropped in ("kind", "file"):  # narrow terminals: no broken words, fewer columns
        widths = [max(len(row[i]) for row in [RULE_COLUMNS, *rows]) for i in range(5)]
        used = sum(w for w, c in zip(widths, RULE_COLUMNS, strict=True) if c in columns)
        if used + 3 * (len(columns) - 1) <= shown.width:
            break
        columns.remove(dropped)
    for column in columns:
        table.add_column(column, no_wrap=True)
    for row in rows:
        cells = [cell for cell, name in zip(row, RULE_COLUMNS, strict=True) if name in columns]
        table.add_row(*cells, style="dim" if row[3] == "disabled" else None)
    shown.print(table)


@app.command()
def explain(
    rule: Annotated[
        str | None, typer.Argument(help="A rule id (FC101) or name.", show_default=False)
    ] = None,
    all_rules: Annotated[
        bool, typer.Option("--all", help="Every rule, as Markdown (docs/rules.md).")
    ] = False,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """A rule's documentation, message, options and examples."""

    ruleset = ruleset_for([], Selection(rules or (), no_default_rules, config_file, isolated))
    if all_rules:
        emit(rules_markdown(ruleset))
        return
    if rule is None:
        raise UsageError("explain needs a rule id or name, or --all")
    found = find_rule(ruleset, rule)
    if found is None:
        known = ", ".join(rid for rid, *_ in rules_table(ruleset))
        raise UsageError(f"no rule {rule!r}; known rules: {known}")
    emit(describe_rule(found, ruleset.settings).rstrip("\n") + "\n")


@app.command("show-settings")
def show_settings(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="The paths a check would read (default: the working directory).",
            metavar="[PATH...]",
            show_default=False,
        ),
    ] = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
) -> None:
    """The settings each PATH follows (its nearest settings file) and the rules they leave
    on, as ruff's --show-settings."""

    selection = Selection(
        rules or (), no_default_rules, config_file, isolated, select or (), ignore or ()
    )
    ruleset = ruleset_for(paths or [], selection)
    emit(settings_text(paths or [], ruleset))


@app.command()
def index(
    paths: ArchiveArg,
    ledger: LedgerOpt = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
    strict: StrictOpt = False,
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    respect_gitignore: GitignoreOpt = None,
    verbose: VerboseOpt = False,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
) -> None:
    """Store an archive's documents and claims in a ledger, for check --against.
    --ledger FILE is required."""

    if not ledger:
        raise UsageError("index needs --ledger FILE: where to store the documents and claims")
    parse_date(as_of, "--as-of")  # checked; it never re-dates an article (see api.check)
    selection = Selection(rules or (), no_default_rules, config_file, isolated, verbose=verbose)
    ruleset = ruleset_for(paths, selection)
    _, excluder = files_for(paths, ruleset, selection, exclude, extend_exclude, respect_gitignore)
    with engine_for(engine, scheduler, _jobs(jobs)) as running:
        summary = with_progress(
            lambda progress: archive.index(
                paths,
                ledger,
                model=model,
                vocabulary=ruleset.vocabulary,
                cache=cache(no_cache, model),
                strict=strict,
                progress=progress,
                jobs=_jobs(jobs),
                engine=running,
                exclude=excluder,
            ),
            paths,
            exclude=excluder.excluded,
        )
    err = console(stderr=True)
    for note in summary.notes:
        err.print(f"factcheck: warning: {note}", markup=False, highlight=False, soft_wrap=True)
    err.print(summary.describe(ledger), markup=False, highlight=False, soft_wrap=True)


@app.command("test-rules")
def test_rules(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Rule files or folders (default: the active rules).", metavar="[PATH...]"
        ),
    ] = None,
    no_default_rules: NoDefaultsOpt = False,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    model: ModelOpt = None,
) -> None:
    """Run every rule's embedded examples; exit 1 when one fails."""

    selection = Selection(
        paths or (), no_default_rules or bool(paths), config_file, isolated
    )  # fmt: skip
    ruleset = ruleset_for([], selection)
    results = run_examples(ruleset, model=model)
    failed = print_examples(results, ruleset, console())
    raise typer.Exit(1 if failed else 0)


def _version(value: bool) -> None:
    if value:
        print(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for internal errors.")
    ] = False,
) -> None:
    """factcheck: find contradictions, stale figures and unattributed numbers in news."""
