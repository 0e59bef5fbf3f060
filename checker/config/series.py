"""Reference series (``--reference FILE``): CSV files of official figures, read strictly.

A series file is CSV with a header row. Columns ``date, measure, place, value`` are
required; ``low, high, source, group`` are optional; any other column is an error (a typo
such as ``vlaue`` must not pass silently). One row per published figure::

    date,measure,place,value,source
    2023-10-30,killed,Gaza,8309,Gaza Ministry of Health

- ``date`` is ISO (YYYY-MM-DD); ``value``, ``low`` and ``high`` are numbers (thousands
  separators allowed: ``8,309`` in a quoted field); ``low <= value <= high``;
- ``measure`` must be a measure of the vocabulary in force; ``place`` and ``group`` are
  read through its aliases ("Gaza Strip" is ``Gaza``); an empty place is no place;
- two rows for one date and subject (measure, place, group) are an error, even with the
  same value: a series says one thing a day.

Every problem of every file is collected and raised at once as one
:class:`~checker.errors.ConfigError` of ``file:line: message`` lines (exit code 2).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConfigError
from ..kinds.reference import ReferencePoint
from ..vocabulary import Vocabulary, default_vocabulary
from .located import display_path, sorted_errors

REQUIRED = ("date", "measure", "place", "value")
OPTIONAL = ("low", "high", "source", "group")
MAX_BYTES = 10_000_000


def load_series(
    paths: Sequence[str | Path], *, vocabulary: Vocabulary | None = None
) -> tuple[ReferencePoint, ...]:
    """Every point of the series files at ``paths``; raises :class:`ConfigError` listing
    every problem of every file."""
    vocabulary = vocabulary or default_vocabulary()
    points: list[ReferencePoint] = []
    errors: list[str] = []
    seen: dict[tuple, str] = {}
    for given in paths:
        path = Path(given)
        where = display_path(path)
        try:
            if path.stat().st_size > MAX_BYTES:
                errors.append(f"{where}: reference series larger than {MAX_BYTES} bytes")
                continue
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            errors.append(f"{where}: no such reference series file")
            continue
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"{where}: cannot read the reference series ({exc})")
            continue
        found, problems = parse_series(text, where, vocabulary=vocabulary, seen=seen)
        points += found
        errors += problems
    if errors:
        raise ConfigError(sorted_errors(errors))
    return tuple(points)


def parse_series(
    text: str,
    where: str,
    *,
    vocabulary: Vocabulary | None = None,
    seen: dict[tuple, str] | None = None,
) -> tuple[list[ReferencePoint], list[str]]:
    """The points of one series file's ``text`` and its problems, ``where:line: ...``.

    ``seen`` (subject and date -> where) finds duplicates across files too."""
    vocabulary = vocabulary or default_vocabulary()
    seen = {} if seen is None else seen
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [f"{where}:1: bad CSV ({exc})"]
    if header is None:
        return [], [
            f"{where}:1: empty reference series; the header must name the columns "
            + ", ".join(REQUIRED)
        ]
    columns = [name.strip().lower() for name in header]
    errors = []
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        errors.append(
            f"{where}:1: missing column(s) {', '.join(missing)}; a reference series "
            f"needs {', '.join(REQUIRED)} (optional: {', '.join(OPTIONAL)})"
        )
    unknown = [name for name in columns if name not in (*REQUIRED, *OPTIONAL)]
    if unknown:
        errors.append(
            f"{where}:1: unknown column(s) {', '.join(repr(n) for n in unknown)}; "
            f"known: {', '.join((*REQUIRED, *OPTIONAL))}"
        )
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        errors.append(f"{where}:1: column(s) named twice: {', '.join(repeated)}")
    if errors:
        return [], errors
    points = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            point = _point(row, columns, where, line, vocabulary, errors)
            if point is None:
                continue
            key = (*point.subject, point.date)
            if key in seen:
                errors.append(
                    f"{where}:{line}: duplicate row: {point.measure} "
                    f"{point.place or '(no place)'} on {point.date} is already "
                    f"given at {seen[key]}"
                )
                continue
            seen[key] = f"{where}:{line}"
            points.append(point)
    except csv.Error as exc:
        errors.append(f"{where}:{reader.line_num}: bad CSV ({exc})")
    return points, errors


def _point(
    row: list[str],
    columns: list[str],
    where: str,
    line: int,
    vocabulary: Vocabulary,
    errors: list[str],
) -> ReferencePoint | None:
    if len(row) != len(columns):
        errors.append(f"{where}:{line}: {len(row)} fields, but the header has {len(columns)}")
        return None
    cells = {name: cell.strip() for name, cell in zip(columns, row, strict=True)}
    before = len(errors)
    date = None
    try:
        date = dt.date.fromisoformat(cells["date"])
    except ValueError:
        errors.append(f"{where}:{line}: bad date {cells['date']!r}; write YYYY-MM-DD")
    measure = cells["measure"]
    if measure not in vocabulary.measures:
        known = ", ".join(sorted(vocabulary.measures))
        errors.append(f"{where}:{line}: unknown measure {measure!r}; known measures: {known}")
    value = _number(cells, "value", where, line, errors, required=True)
    low = _number(cells, "low", where, line, errors)
    high = _number(cells, "high", where, line, errors)
    if len(errors) > before or date is None or value is None:
        return None
    if (low is not None and low > value) or (high is not None and high < value):
        errors.append(
            f"{where}:{line}: value {cells['value']} is outside low-high "
            f"{cells.get('low') or '-'} to {cells.get('high') or '-'}"
        )
        return None
    place = cells["place"] or None
    group = cells.get("group") or None
    return ReferencePoint(
        date=date,
        measure=measure,
        place=(vocabulary.place(place) or place) if place else None,
        value=value,
        low=low,
        high=high,
        source=cells.get("source") or None,
        group=(vocabulary.group(group) or group) if group else None,
        path=where,
        line=line,
    )


def _number(
    cells: dict[str, str],
    name: str,
    where: str,
    line: int,
    errors: list[str],
    *,
    required: bool = False,
) -> float | None:
    cell = cells.get(name, "")
    if not cell:
        if required:
            errors.append(f"{where}:{line}: no {name}")
        return None
    try:
        number = float(cell.replace(",", "").replace("_", ""))
    except ValueError:
        errors.append(f"{where}:{line}: {name} {cell!r} is not a number")
        return None
    if not math.isfinite(number) or number < 0:
        errors.append(f"{where}:{line}: {name} {cell!r} must be a finite number, 0 or more")
        return None
    return number
