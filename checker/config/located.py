"""Where config errors point: paths as users see them, list items, editor order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..yamlload import Mark, YamlList, YamlMap

_LOCATED = re.compile(r"^(.*?):(\d+):(\d+): ")


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as errors show it: relative to ``base`` or the working directory if inside."""
    for root in (base, Path.cwd()):
        if root is None:
            continue
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def item_mark(spec: YamlMap, key: str, index: int) -> Mark:
    """Where item ``index`` of the list under ``key`` starts (the value's start otherwise)."""
    value = spec.get(key)
    return value.item_mark(index) if isinstance(value, YamlList) else spec.value_mark(key)


def sorted_errors(errors: Sequence[str]) -> list[str]:
    """Errors by file, then line and column, as an editor would walk through them."""

    def key(error: str) -> tuple:
        found = _LOCATED.match(error)
        if found is None:
            return (error, 0, 0)
        return (found.group(1), int(found.group(2)), int(found.group(3)))

    return sorted(errors, key=key)
