"""Finding the document files named on the command line: files, folders, and "-" (stdin).

Folders are walked without recursion, hidden entries skipped and each real folder seen once
(a symlink back up the tree is not followed twice). The result is sorted, so a folder reads
the same in any order its files were named.

Only regular files are documents. A FIFO, a device, a socket or a broken link named like
an article inside a folder is a problem, as an unreadable subfolder is: a warning, or under
``--strict`` an error. Named on the command line, it is always an error (reading a FIFO
that nobody writes to would block for ever; "-" reads standard input).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence

from ..errors import InputError
from ..files import file_kind
from .decode import UnreadableError, os_reason

__all__ = ["EXTENSIONS", "discover", "discover_named"]

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
BROKEN_LINK = "a broken symbolic link"
# Decides whether a file found in a folder is skipped: (path, the folder named) -> a reason
# or None. checker.config.excludes.Excluder is one (.gitignore and exclude patterns).
Exclude = Callable[[str, str], object]


def discover(
    paths: Sequence[str], *, strict: bool = False, exclude: Exclude | None = None
) -> tuple[list[str], list[str]]:
    """The document files named by ``paths`` (files, folders, "-"), sorted, plus warnings.

    Files inside folders that cannot be documents (FIFOs, devices, broken links) and
    folders that cannot be read are warnings, or with ``strict`` the first one is raised.
    Files inside folders for which ``exclude`` gives a reason are left out (never a file
    named in ``paths``)."""
    found, warnings, problems = discover_named(paths, exclude=exclude)
    if strict and problems:
        raise problems[0]
    return [path for path, _ in found], [*warnings, *map(str, problems)]


def discover_named(
    paths: Sequence[str], *, exclude: Exclude | None = None
) -> tuple[list[tuple[str, bool]], list[str], list[UnreadableError]]:
    """Like ``discover`` but remembers which files were named explicitly (``True``), and
    gives the problems found inside folders apart from the other warnings."""
    found: dict[str, bool] = {}
    warnings: list[str] = []
    problems: list[UnreadableError] = []
    for arg in paths:
        if arg == "-":
            found["-"] = True
            continue
        mode = _mode(arg)
        if stat.S_ISDIR(mode):
            files = _walk(arg, problems, exclude)
            if not files:
                warnings.append(f"{_display(arg)}: no documents found ({', '.join(EXTENSIONS)})")
            for path in files:
                found.setdefault(path, False)
            continue
        kind = file_kind(mode)
        if kind is not None:
            hint = "; use - to read standard input" if stat.S_ISFIFO(mode) else ""
            raise UnreadableError(_display(arg), f"not a regular file: {kind}{hint}")
        if not arg.lower().endswith(EXTENSIONS):
            raise InputError(
                f"{arg}: unsupported file type (expected one of {', '.join(EXTENSIONS)})"
            )
        found[_display(arg)] = True
    ordered = sorted(found, key=lambda path: (path != "-", path.split("/")))
    return [(path, found[path]) for path in ordered], warnings, problems


def _mode(arg: str) -> int:
    """The mode of the file ``arg`` names (links followed); an error when there is none."""
    try:
        return os.stat(arg).st_mode
    except FileNotFoundError:
        if os.path.lexists(arg):
            raise UnreadableError(_display(arg), BROKEN_LINK) from None
        raise InputError(f"path not found: {arg}") from None
    except (OSError, ValueError) as exc:  # permission denied on a parent, a NUL in the name
        reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        raise UnreadableError(_display(arg), reason) from None


def _walk(
    root: str, problems: list[UnreadableError], exclude: Exclude | None = None
) -> list[str]:
    """Supported files below ``root``; hidden entries and what ``exclude`` names skipped,
    each real folder seen once. Subfolders that cannot be read and document names that
    are not regular files are added to ``problems``."""
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
            problems.append(UnreadableError(_display(folder), os_reason(exc)))
            continue
        for entry in listing:
            if entry.name.startswith("."):
                continue
            path = os.path.join(folder, entry.name)
            try:
                if entry.is_dir():
                    todo.append(path)
                    continue
            except OSError:  # a link that cannot be followed: a file problem, below
                pass
            if not entry.name.lower().endswith(EXTENSIONS):
                continue
            if exclude is not None and exclude(path, root):
                continue
            reason = _not_a_document(entry)
            if reason is None:
                files.append(_display(path))
            else:
                problems.append(UnreadableError(_display(path), reason))
    return files


def _not_a_document(entry: os.DirEntry) -> str | None:
    """None for a regular file (or a link to one), else why it is not read."""
    try:
        kind = file_kind(entry.stat().st_mode)
    except FileNotFoundError:
        return BROKEN_LINK if entry.is_symlink() else "it disappeared"
    except OSError as exc:
        return os_reason(exc)
    return None if kind is None else f"not a regular file: {kind}"


def _display(path: str) -> str:
    """A path as the user wrote it, tidied: no "./" or "a/../", POSIX separators."""
    return os.path.normpath(path).replace(os.sep, "/")
