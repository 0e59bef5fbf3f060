"""Renderers: a Report as a table, JSON, one line per finding, SARIF, GitHub annotations,
JUnit XML or an HTML page.

One explicit registry maps each format name to its renderer; ``render`` is the one lookup
and fails with the list of known formats. A new format (sarif, github) is a module with a
``render(report, *, console, mode, as_of)`` function and one line in ``RENDERERS``; the
options only some formats read (``show_claims``, ``summary``, ``exit_code``) are listed in
``EXTRA_OPTIONS`` and passed to those formats only.

    render(report, "json")                    -> the JSON text
    render(report, "line")                    -> one line per finding
    render(report, "table", console=console)  -> prints, returns None

``mode`` is "check" (documents, claims, findings, summary) or "extract" (no findings).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Report
from . import github, jsonout, junit, line, sarif, table
from .order import MODES

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from rich.console import Console

Renderer = Callable[..., str | None]


def _html(report: Report, **options) -> str:
    """The ``html`` page. Its module is imported only when asked for: jinja2 and plotly cost
    about 0.3 s, which no other format should pay (the one import here kept lazy for that)."""
    try:
        from . import html
    except ImportError as exc:
        raise UsageError(
            f"--format html needs jinja2 and plotly ({exc.name} is missing): "
            "pip install 'factcheck[html]'"
        ) from None

    return html.render(report, **options)


RENDERERS: dict[str, Renderer] = {
    "table": table.render,
    "json": jsonout.render,
    "line": line.render,
    "sarif": sarif.render,
    "github": github.render,
    "html": _html,
    "junit": junit.render,
}
FORMATS = tuple(RENDERERS)
# Formats that can list claims (``factcheck extract``): the others hold findings only.
CLAIM_FORMATS = ("table", "json", "line", "html")
EXTRA_OPTIONS: dict[str, tuple[str, ...]] = {
    "table": ("show_claims", "summary"),
    "github": ("summary",),
    "sarif": ("exit_code",),
}


def render(
    report: Report,
    fmt: str,
    *,
    console: Console | None = None,
    mode: str = "check",
    as_of: dt.date | None = None,
    **options,
) -> str | None:
    """Render ``report`` in format ``fmt``: the text (table prints and returns None).

    ``options``: ``show_claims`` (table: the documents and claims before the findings),
    ``summary`` (table, github: False leaves the summary line out), ``exit_code`` (sarif:
    the run's exit code, in ``invocations``). A format ignores the options it does not read.
    """
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise UsageError(f"unknown format {fmt!r}; known formats: {', '.join(FORMATS)}") from None
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; known modes: {', '.join(MODES)}")
    extra = {key: options[key] for key in EXTRA_OPTIONS.get(fmt, ()) if key in options}
    return renderer(report, console=console, mode=mode, as_of=as_of, **extra)


def schema_path() -> Traversable:
    """The JSON Schema of the ``json`` format, as a resource inside the installed package."""
    return resources.files(__name__).joinpath("schema.json")


def load_schema() -> dict:
    """The JSON Schema (draft 2020-12) of the ``json`` format, parsed."""
    return json.loads(schema_path().read_text(encoding="utf-8"))


__all__ = ["CLAIM_FORMATS", "FORMATS", "RENDERERS", "load_schema", "render", "schema_path"]
