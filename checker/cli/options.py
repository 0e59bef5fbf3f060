"""The command line's options, declared once and shared by the commands.

Each option is one ``Annotated`` alias here; a command lists the aliases it takes. A new
option is one alias and one parameter where it applies.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ..model import FAIL_LEVELS


class Format(str, Enum):
    table = "table"
    json = "json"
    line = "line"
    sarif = "sarif"
    github = "github"
    html = "html"
    junit = "junit"


FailOn = Enum("FailOn", {level: level for level in FAIL_LEVELS}, type=str)


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    suggestion = "suggestion"


class RulesFormat(str, Enum):
    table = "table"
    json = "json"


class ExtractFormat(str, Enum):
    table = "table"
    json = "json"
    line = "line"
    html = "html"


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files or folders to read; - for stdin.", metavar="PATH...", show_default=False
    ),
]


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", envvar="FACTCHECK_FORMAT")
]


ExtractFormatOpt = Annotated[
    ExtractFormat, typer.Option("--format", "-f", help="Output format (formats that hold claims).")
]


RulesOpt = Annotated[
    list[str] | None,
    typer.Option("--rules", metavar="PATH", help="A rule file or folder (repeatable)."),
]


ConfigOpt = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="The settings file to use (factcheck.yaml or pyproject.toml); none is searched for.",
    ),
]


IsolatedOpt = Annotated[
    bool, typer.Option("--isolated", help="Ignore every settings file; use the defaults.")
]


SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="RULE",
        help="Run only these rules: ids, id prefixes or dotted names (repeatable, or a,b).",
    ),
]


IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="RULE", help="Do not run these rules (repeatable, or a,b)."),
]


ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="PATTERN",
        help="Skip files and folders matching these gitignore-style patterns, instead of "
        "the defaults (repeatable).",
    ),
]


ExtendExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-exclude", metavar="PATTERN", help="Skip these too, besides the defaults."
    ),
]


GitignoreOpt = Annotated[
    bool | None,
    typer.Option(
        "--respect-gitignore/--no-respect-gitignore",
        help="Skip files that .gitignore files name (default: yes).",
        show_default=False,
    ),
]


StdinFilenameOpt = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        metavar="PATH",
        help="The name of the document read from - (for messages; its settings and excludes "
        "are that path's).",
    ),
]


VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help="Say which settings file each file follows, and how many files are skipped.",
    ),
]


QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print findings only: no summary, no notes.")
]


OutputFileOpt = Annotated[
    str | None,
    typer.Option("--output-file", "-o", metavar="FILE", help="Write the report to FILE."),
]


ColorOpt = Annotated[
    Color, typer.Option("--color", help="Colour: auto (on a terminal, unless NO_COLOR).")
]


NoDefaultsOpt = Annotated[
    bool, typer.Option("--no-default-rules", help="Do not load the shipped rules.")
]


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The date the check is made for (YYYY-MM-DD; default today). It never re-dates "
        "an article.",
    ),
]


ModelOpt = Annotated[
    str | None,
    typer.Option("--model", metavar="NAME", help="spaCy pipeline to use (package name or path)."),
]


NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Do not read or write the extraction cache.")
]


JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help="Processes that extract at once (0 or default: the machine's cores).",
    ),
]


StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit 2 when any file cannot be read.")]


AgainstOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--against",
        metavar="PATH",
        help="An archive to check against: a folder of published articles or a ledger "
        "(repeatable).",
    ),
]


ArchiveArg = Annotated[
    list[str],
    typer.Argument(
        help="Archive files or folders to index.", metavar="PATH...", show_default=False
    ),
]


LedgerOpt = Annotated[
    str | None,
    typer.Option("--ledger", metavar="FILE", help="The ledger file (SQLite; made if missing)."),
]


class Engine(str, Enum):
    local = "local"
    dask = "dask"


EngineOpt = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="Where extraction and the rules run: this machine's processes (local), or a "
        "Dask cluster (dask; a LocalCluster on this machine without --scheduler).",
    ),
]


SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask: the Dask scheduler to use (tcp://host:8786).",
    ),
]


ReferenceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--reference",
        metavar="FILE",
        help="A CSV series of official figures (date, measure, place, value) to check "
        "figures against (repeatable).",
    ),
]


NamesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--names",
        metavar="FILE",
        help="A style list of house spellings of people's names (YAML; repeatable).",
    ),
]
