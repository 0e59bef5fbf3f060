"""The command line's options, declared once and shared by the commands."""

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


FailOn = Enum("FailOn", {level: level for level in FAIL_LEVELS}, type=str)


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
