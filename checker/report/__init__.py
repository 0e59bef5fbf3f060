"""Renderers: a Report as a table, JSON, one line per finding, SARIF or GitHub annotations.

One explicit registry maps each format name to its renderer; ``render`` is the one lookup
and fails with the list of known formats. A new format (sarif, github) is a module with a
``render(report, *, console, mode, as_of)`` function and one line in ``RENDERERS``.

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
from . import github, jsonout, line, sarif, table
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
}
FORMATS = tuple(RENDERERS)


def render(
    report: Report,
    fmt: str,
    *,
    console: Console | None = None,
    mode: str = "check",
    as_of: dt.date | None = None,
) -> str | None:
    """Render ``report`` in format ``fmt``: the text (table prints and returns None)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise UsageError(f"unknown format {fmt!r}; known formats: {', '.join(FORMATS)}") from None
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; known modes: {', '.join(MODES)}")
    return renderer(report, console=console, mode=mode, as_of=as_of)


def schema_path() -> Traversable:
    """The JSON Schema of the ``json`` format, as a resource inside the installed package."""
    return resources.files(__name__).joinpath("schema.json")


def load_schema() -> dict:
    """The JSON Schema (draft 2020-12) of the ``json`` format, parsed."""
    return json.loads(schema_path().read_text(encoding="utf-8"))


__all__ = ["FORMATS", "RENDERERS", "load_schema", "render", "schema_path"]
