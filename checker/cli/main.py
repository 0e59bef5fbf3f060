"""The console script's entry point: the default command, and every error as one line."""

from __future__ import annotations

import codecs
import contextlib
import os
import sys

import click
import typer

from ..errors import FactcheckError
from .commands import COMMANDS, app
from .output import console


def argv_with_default_command(argv: list[str]) -> list[str]:
    """``factcheck PATH ...`` means ``factcheck check PATH ...``."""
    globals_ = {"--debug"}
    rest = [a for a in argv if a not in globals_]
    head = [a for a in argv if a in globals_]
    if not rest or rest[0] in COMMANDS or rest[0] in ("-h", "--help", "--version", "-V"):
        return argv
    return [*head, "check", *rest]


def is_help_request(exc: Exception) -> bool:
    """Is ``exc`` click's request to show help ("factcheck" alone, or a command without its
    arguments)? Asked by the class's name, so that click's own copy and the copy typer ships
    are recognised alike without importing typer's private modules."""
    return any(cls.__name__ == "NoArgsIsHelpError" for cls in type(exc).__mro__)


# click's exceptions, and those of the copy of click that typer ships: typer's public
# TyperException is the base of that copy's ClickException.
USAGE_ERRORS = (click.ClickException, typer.exceptions.TyperException)


EXITS = (click.exceptions.Exit, typer.Exit)


ABORTS = (click.exceptions.Abort, typer.Abort)


def never_fail_printing() -> None:
    """A file name that is not UTF-8 reaches Python as surrogates ("bad\\udcff.txt"): print it
    as the bytes it is, as ls does, rather than fail the run on a strict UTF-8 stdout (any
    UTF-8 locale but C.UTF-8). On other encodings, what cannot be printed becomes "?"."""

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
    never_fail_printing()
    debug = "--debug" in argv or bool(os.environ.get("FACTCHECK_DEBUG"))
    err = console(stderr=True)
    try:
        result = app(
            args=argv_with_default_command(argv), prog_name="factcheck", standalone_mode=False
        )
        code = result if isinstance(result, int) else 0
        if code == 130:  # typer turns Ctrl-C into exit code 130, silently
            err.print("factcheck: interrupted", markup=False)
    except FactcheckError as exc:
        for line in str(exc).splitlines() or [exc.__class__.__name__]:
            err.print(f"factcheck: error: {line}", markup=False, highlight=False, soft_wrap=True)
        code = exc.exit_code
    except ABORTS:
        err.print("factcheck: interrupted", markup=False)
        code = 130
    except USAGE_ERRORS as exc:
        if is_help_request(exc):  # "factcheck" alone, or a command with no arguments
            # Help, and exit 2 as for any usage error (ruff does the same).
            sys.stdout.write(exc.format_message().rstrip("\n") + "\n")
            return 2
        message = " ".join(exc.format_message().replace("Value error, ", "").split())
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
