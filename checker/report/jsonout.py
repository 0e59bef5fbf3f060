"""The ``json`` format: the contract's object (docs/contract.md), byte for byte deterministic.

Keys come in contract order; fields the project adds come after the contract's own. Nothing
depends on the clock or the machine: no timestamps, and paths are printed as the report
holds them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator

from ..model import Document, Report
from .order import Contents, contents

SCHEMA = "factcheck/1"


def document_dict(document: Document, claims: int) -> dict:
    """A document as JSON: the contract's keys, then ``url`` and the claim count."""
    return {
        "path": document.path,
        "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        "published_from": document.published_from,
        "source": document.source,
        "url": document.url,
        "claims": claims,
    }


def _dict(shown: Contents) -> dict:
    return {
        "schema": SCHEMA,
        "documents": [document_dict(d, shown.claims_in(d.path)) for d in shown.documents],
        "claims": [claim.to_dict() for claim in shown.claims],
        "findings": [finding.to_dict() for finding in shown.findings],
        "summary": {
            "documents": len(shown.documents),
            "claims": len(shown.claims),
            "findings": shown.counts(),
        },
    }


def report_dict(report: Report, *, mode: str = "check") -> dict:
    """The report as the contract's JSON object. In extract mode ``findings`` is empty."""
    return _dict(contents(report, mode))


def to_json(report: Report, *, mode: str = "check") -> str:
    """The JSON text, indented, UTF-8 as is, with a trailing newline."""
    return "".join(iter_json(report, mode=mode))


def _dumps(value, indent: str) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)``
    writes it, each line after the first indented by ``indent``.

    Written here because the standard library's C encoder is not used once ``indent`` is
    set, and the pure-Python one took most of the time of a run served from the cache.
    """
    return _text(value, "\n" + indent)


def _float_text(value: float) -> str:
    if value != value or value in (math.inf, -math.inf):
        # NaN and Infinity are not JSON; better to fail than to emit them.
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


_encode_string = json.encoder.encode_basestring  # the C function when available
_SCALARS = {
    str: _encode_string,
    int: int.__repr__,
    float: _float_text,
    bool: {True: "true", False: "false"}.__getitem__,
    type(None): lambda _: "null",
}


def _text(value, newline: str) -> str:
    encode = _SCALARS.get(type(value))
    if encode is not None:
        return encode(value)
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (
            f"{inner}{_encode_string(key)}: {_text(item, inner)}" for key, item in value.items()
        )
        return "{" + ",".join(items) + newline + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[" + ",".join(inner + _text(item, inner) for item in value) + newline + "]"
    for kind in (bool, str, int, float):  # subclasses, as the standard library reads them
        if isinstance(value, kind):
            return _SCALARS[kind](value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def iter_json(report: Report, *, mode: str = "check") -> Iterator[str]:
    """The same text as :func:`to_json`, in pieces: one list item at a time, so that a month
    of coverage is written without holding its whole JSON in memory."""
    shown = contents(report, mode)
    lists = {
        "documents": (document_dict(d, shown.claims_in(d.path)) for d in shown.documents),
        "claims": (claim.to_dict() for claim in shown.claims),
        "findings": (finding.to_dict() for finding in shown.findings),
    }
    yield "{\n" + f'  "schema": {_dumps(SCHEMA, "  ")}'
    for key, items in lists.items():
        first = True
        for item in items:
            yield (f',\n  "{key}": [\n    ' if first else ",\n    ") + _dumps(item, "    ")
            first = False
        yield f',\n  "{key}": []' if first else "\n  ]"
    summary = {
        "documents": len(shown.documents),
        "claims": len(shown.claims),
        "findings": shown.counts(),
    }
    yield f',\n  "summary": {_dumps(summary, "  ")}\n}}\n'


def _reference_json(report: Report, *, mode: str = "check") -> str:
    """The whole object through one json.dumps: what iter_json must equal (tests)."""
    return (
        json.dumps(report_dict(report, mode=mode), ensure_ascii=False, indent=2, allow_nan=False)
        + "\n"
    )


def render(
    report: Report,
    *,
    console: object = None,
    mode: str = "check",
    as_of: dt.date | None = None,
) -> str:
    """Renderer entry point; ``console`` and ``as_of`` do not change JSON output."""
    return to_json(report, mode=mode)
