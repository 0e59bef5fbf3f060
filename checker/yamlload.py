"""Safe, located YAML: rule, vocabulary and settings files as plain data plus positions.

Rule files are user input, so loading them must never run code or blow up memory:

- files larger than ``MAX_BYTES`` are refused before parsing;
- only the standard scalar and collection tags are accepted (``!!python/...``, ``!custom``,
  ``!!binary``, ``!!set`` ... are refused);
- anchors and aliases are refused outright, which rules out "billion laughs" alias bombs
  without having to count expansions;
- ``yes``/``no``/``on``/``off`` stay strings (YAML 1.2 booleans only), so a place alias like
  ``NO`` is not silently read as ``False``.

Mappings come back as :class:`YamlMap` and sequences as :class:`YamlList`, ordinary ``dict``
and ``list`` subclasses that also remember where each key, value and item starts, so the
config loader can report ``path:line:col: message`` for any node. :class:`Checker` holds the
small type-checking helpers that collect every error of a file instead of stopping at the
first.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .files import TooLarge, read_bounded

MAX_BYTES = 1_000_000
_TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a file."""

    line: int = 1
    column: int = 1


def _mark(node_mark: Any) -> Mark:
    return Mark(node_mark.line + 1, node_mark.column + 1)


class YamlMap(dict):
    """A mapping that remembers where it, each key and each value start."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]

    def __init__(self, mark: Mark = Mark()):
        super().__init__()
        self.mark = mark
        self.key_marks = {}
        self.value_marks = {}

    def key_mark(self, key: str) -> Mark:
        return self.key_marks.get(key, self.mark)

    def value_mark(self, key: str) -> Mark:
        return self.value_marks.get(key, self.key_mark(key))


class YamlList(list):
    """A sequence that remembers where it and each item start."""

    mark: Mark
    item_marks: list[Mark]

    def __init__(self, mark: Mark = Mark()):
        super().__init__()
        self.mark = mark
        self.item_marks = []

    def item_mark(self, index: int) -> Mark:
        return self.item_marks[index] if index < len(self.item_marks) else self.mark


class Invalid(str):
    """A scalar that could not be read as its type; its error is already reported."""


class _Refused(Exception):
    def __init__(self, mark: Mark, message: str):
        super().__init__(message)
        self.mark = mark
        self.message = message


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and non-standard tags while composing."""

    def compose_node(self, parent, index):  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(_mark(event.start_mark), "aliases (*name) are not allowed")
        if getattr(event, "anchor", None) is not None:
            raise _Refused(_mark(event.start_mark), "anchors (&name) are not allowed")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in ALLOWED_TAGS:
            shown = tag.replace(_TAG, "!!")
            raise _Refused(_mark(event.start_mark), f"the tag {shown} is not allowed")
        return super().compose_node(parent, index)


# YAML 1.2 booleans: only true/false. Rebuild the resolver table without the 1.1 words.
_SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TAG + "bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SafeLoader.add_implicit_resolver(
    _TAG + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_file(path: Path, display: str | None = None) -> tuple[Any, list[str]]:
    """Read and parse ``path``: (data, errors). Data is None when the file cannot be used."""
    where = display or str(path)
    try:  # a regular file only (a FIFO would block), and never more than MAX_BYTES read
        raw = read_bounded(path, MAX_BYTES)
    except TooLarge as exc:
        size = f" ({exc.size:,} bytes)" if exc.size is not None else ""
        return None, [f"{where}:1:1: the file is larger than 1 MB{size}"]
    except OSError as exc:
        return None, [f"{where}:1:1: cannot read the file ({exc.strerror or exc})"]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [f"{where}:1:1: the file is not UTF-8 ({exc.reason} at byte {exc.start})"]
    return load_text(text, where)


def load_text(text: str, where: str) -> tuple[Any, list[str]]:
    """Parse YAML text safely: (data, errors); ``where`` names the file in errors."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        return None, [f"{where}:1:1: the file is larger than 1 MB"]
    errors: list[str] = []
    try:
        loader = _SafeLoader(text)
    except yaml.reader.ReaderError as exc:  # a NUL or other character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [f"{where}:{line}:{column}: invalid YAML: {exc.reason} ({exc.character!r})"]
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(node, loader, where, errors)
    except _Refused as exc:
        return None, [f"{where}:{exc.mark.line}:{exc.mark.column}: {exc.message}"]
    except yaml.MarkedYAMLError as exc:
        mark = _mark(exc.problem_mark) if exc.problem_mark else Mark()
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [f"{where}:{mark.line}:{mark.column}: invalid YAML: {problem}"]
    except yaml.YAMLError as exc:
        return None, [f"{where}:1:1: invalid YAML: {exc}"]
    except RecursionError:
        return None, [f"{where}:1:1: invalid YAML: nested too deeply"]
    finally:
        loader.dispose()
    return data, errors


def _build(node: yaml.Node, loader: _SafeLoader, where: str, errors: list[str]) -> Any:
    """Plain data from a composed node; mapping keys are always their text as written."""
    if isinstance(node, yaml.MappingNode):
        mapping = YamlMap(_mark(node.start_mark))
        for key_node, value_node in node.value:
            key_mark = _mark(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                errors.append(f"{where}:{key_mark.line}:{key_mark.column}: keys must be text")
                continue
            key = str(key_node.value)
            if key in mapping:
                first = mapping.key_marks[key]
                errors.append(
                    f"{where}:{key_mark.line}:{key_mark.column}: duplicate key {key!r} "
                    f"(first at line {first.line})"
                )
                continue
            mapping[key] = _build(value_node, loader, where, errors)
            mapping.key_marks[key] = key_mark
            mapping.value_marks[key] = _mark(value_node.start_mark)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence = YamlList(_mark(node.start_mark))
        for item in node.value:
            sequence.append(_build(item, loader, where, errors))
            sequence.item_marks.append(_mark(item.start_mark))
        return sequence
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
        mark = _mark(node.start_mark)
        kind = node.tag.replace(_TAG, "").replace("timestamp", "date")
        errors.append(
            f"{where}:{mark.line}:{mark.column}: {node.value!r} is not a valid {kind} ({exc})"
        )
        return Invalid(node.value)


def locate(data: Any, mark: Mark) -> Any:
    """Wrap plain data (from TOML) in located types, every position set to ``mark``."""
    if isinstance(data, dict):
        mapping = YamlMap(mark)
        for key, value in data.items():
            mapping[str(key)] = locate(value, mark)
            mapping.key_marks[str(key)] = mark
        return mapping
    if isinstance(data, list):
        sequence = YamlList(mark)
        for item in data:
            sequence.append(locate(item, mark))
            sequence.item_marks.append(mark)
        return sequence
    return data


def type_name(value: Any) -> str:
    """How a YAML value's type is called in an error message."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return "text"


class Checker:
    """Collects located errors for one file; each helper returns the value or None."""

    def __init__(self, where: str):
        self.where = where
        self.errors: list[str] = []

    def error(self, mark: Mark, message: str) -> None:
        self.errors.append(f"{self.where}:{mark.line}:{mark.column}: {message}")

    def mapping(self, value: Any, mark: Mark, what: str) -> YamlMap | None:
        if isinstance(value, YamlMap):
            return value
        self.error(mark, f"{what} must be a mapping, not {type_name(value)}")
        return None

    def sequence(self, value: Any, mark: Mark, what: str) -> YamlList | None:
        if isinstance(value, YamlList):
            return value
        self.error(mark, f"{what} must be a list, not {type_name(value)}")
        return None

    def items(self, value: Any, mark: Mark, what: str) -> list[tuple[str, Any, Mark, Mark]]:
        """(key, value, key mark, value mark) of a mapping; none when it is not one."""
        mapping = self.mapping(value, mark, what)
        if mapping is None:
            return []
        return [(k, v, mapping.key_mark(k), mapping.value_mark(k)) for k, v in mapping.items()]

    def elements(self, value: Any, mark: Mark, what: str) -> list[tuple[Any, Mark]]:
        """(item, mark) of a list; none when it is not one."""
        sequence = self.sequence(value, mark, what)
        if sequence is None:
            return []
        return [(item, sequence.item_mark(i)) for i, item in enumerate(sequence)]

    def keys(
        self,
        mapping: YamlMap,
        what: str,
        *,
        allowed: Iterable[str],
        required: Iterable[str] = (),
    ) -> None:
        """Report unknown keys (with a suggestion) and missing required ones."""
        allowed = tuple(allowed)
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                known = ", ".join(allowed)
                self.error(
                    mapping.key_mark(key), f"unknown key {key!r} in {what}{hint}; known: {known}"
                )
        for key in required:
            if key not in mapping:
                self.error(mapping.mark, f"{what} is missing the required key {key!r}")

    def text(
        self,
        mapping: YamlMap,
        key: str,
        what: str,
        *,
        choices: Iterable[str] | None = None,
    ) -> str | None:
        if key not in mapping:
            return None
        value = mapping[key]
        mark = mapping.value_mark(key)
        if not isinstance(value, str):
            self.error(mark, f"{what} {key!r} must be text, not {type_name(value)}")
            return None
        if choices is not None:
            choices = tuple(choices)
            if value not in choices:
                self.error(
                    mark, f"{what} {key!r} must be one of {', '.join(choices)}, not {value!r}"
                )
                return None
        return value

    def flag(self, mapping: YamlMap, key: str, what: str) -> bool | None:
        if key not in mapping or isinstance(mapping[key], Invalid):
            return None
        value = mapping[key]
        if not isinstance(value, bool):
            self.error(
                mapping.value_mark(key),
                f"{what} {key!r} must be true or false, not {type_name(value)}",
            )
            return None
        return value

    def texts(
        self, mapping: YamlMap, key: str, what: str, *, single: bool = False
    ) -> tuple[str, ...] | None:
        """A list of text items; with ``single`` a lone text is accepted as a list of one."""
        if key not in mapping:
            return None
        value = mapping[key]
        mark = mapping.value_mark(key)
        if value is None:
            return ()
        if single and isinstance(value, str):
            return (value,)
        if not isinstance(value, YamlList):
            self.error(mark, f"{what} {key!r} must be a list of text, not {type_name(value)}")
            return None
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                items.append(item)
            else:
                self.error(
                    value.item_mark(index),
                    f"{what} {key!r} items must be text, not {type_name(item)}",
                )
        return tuple(items)

    def date(self, mapping: YamlMap, key: str, what: str) -> dt.date | None:
        if key not in mapping or mapping[key] is None or isinstance(mapping[key], Invalid):
            return None
        value = mapping[key]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(
            mapping.value_mark(key), f"{what} {key!r} must be a date (YYYY-MM-DD), not {value!r}"
        )
        return None
