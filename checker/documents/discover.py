"""Finding the document files named on the command line: files, folders, and "-" (stdin).

Folders are walked without recursion, hidden entries skipped and each real folder seen once
(a symlink back up the tree is not followed twice). The result is sorted, so a folder reads
the same in any order its files were named.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..errors import InputError
from .decode import UnreadableError, os_reason

__all__ = ["EXTENSIONS", "discover", "discover_named"]

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")


def discover(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The document files named by ``paths`` (files, folders, "-"), sorted, plus warnings."""
    found, warnings = discover_named(paths)
    return [path for path, _ in found], warnings


def discover_named(paths: Sequence[str]) -> tuple[list[tuple[str, bool]], list[str]]:
    """Like ``discover`` but remembers which files were named explicitly (``True``)."""
    found: dict[str, bool] = {}
    warnings: list[str] = []
    for arg in paths:
        if arg == "-":
            found["-"] = True
        elif os.path.isdir(arg):
            files = _walk(arg, warnings)
            if not files:
                warnings.append(f"{_display(arg)}: no documents found ({', '.join(EXTENSIONS)})")
            for path in files:
                found.setdefault(path, False)
        elif os.path.exists(arg):
            if not arg.lower().endswith(EXTENSIONS):
                raise InputError(
                    f"{arg}: unsupported file type (expected one of {', '.join(EXTENSIONS)})"
                )
            found[_display(arg)] = True
        else:
            raise InputError(f"path not found: {arg}")
    ordered = sorted(found, key=lambda path: (path != "-", path.split("/")))
    return [(path, found[path]) for path in ordered], warnings


def _walk(root: str, warnings: list[str]) -> list[str]:
    """Supported files below ``root``; hidden entries skipped, each real folder seen once."""
    files: list[str] = []
    seen: set[str] = set()
    todo = [root]
    while todo:
        folder = todo.pop()
        real = os.path.realpath(folder)
        if real in seen:  # a symlink back up the tree, or two links to one folder
            continue
        seen.add(real)
        try:
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda entry: entry.name)
        except OSError as exc:
            if folder == root:
                raise UnreadableError(_display(root), os_reason(exc)) from exc
            warnings.append(f"{_display(folder)}: cannot read ({os_reason(exc)})")
            continue
        for entry in listing:
            if entry.name.startswith("."):
                continue
            path = os.path.join(folder, entry.name)
            try:
                if entry.is_dir():
                    todo.append(path)
                elif entry.is_file() and entry.name.lower().endswith(EXTENSIONS):
                    files.append(_display(path))
            except OSError:  # a dangling or unreadable link: not a document
                continue
    return files


def _display(path: str) -> str:
    """A path as the user wrote it, tidied: no "./" or "a/../", POSIX separators."""
    return os.path.normpath(path).replace(os.sep, "/")
