"""Which files a run reads: folders walked, then ``.gitignore`` and excludes applied.

As ruff does: files found inside a folder are skipped when a ``.gitignore`` names them
(``--no-respect-gitignore`` turns that off) or when they match an exclude pattern
(gitignore syntax; ``exclude`` replaces the defaults, ``extend-exclude`` adds to them).
A file named on the command line is always read.

Each ``.gitignore`` applies below its own folder, from the root of the git repository (the
nearest folder above with a ``.git``) down; outside a repository, from the working
directory (or the checked folder, when it is not below it) down. Exclude patterns from a
settings file are relative to its folder; from the command line, to the working directory.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from pathspec import GitIgnoreSpec

from ..documents import discover
from ..files import shown

# Skipped in folders unless ``exclude`` says otherwise: built copies, installed packages,
# virtual environments. Hidden files and folders (.git, .venv) are skipped anyway.
DEFAULT_EXCLUDE = (
    "node_modules/",
    "venv/",
    "site-packages/",
    "build/",
    "dist/",
    "*.egg-info/",
    "__pycache__/",
)


@cache
def _gitignore(folder: str) -> GitIgnoreSpec | None:
    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return GitIgnoreSpec.from_lines(handle.read().splitlines())
    except OSError:
        return None


def _git_root(folder: str) -> str | None:
    for candidate in (folder, *_parents(folder)):
        if os.path.exists(os.path.join(candidate, ".git")):
            return candidate
    return None


def _parents(folder: str) -> list[str]:
    found = []
    while (parent := os.path.dirname(folder)) != folder:
        found.append(parent)
        folder = parent
    return found


@dataclass
class Excluder:
    """Decides whether a file found in a folder is skipped."""

    patterns: Sequence[tuple[str, str]] = ()  # (base folder, gitignore-style pattern)
    gitignore: bool = True
    _specs: dict[str, GitIgnoreSpec] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_base: dict[str, list[str]] = {}
        for base, pattern in self.patterns:
            by_base.setdefault(os.path.abspath(base), []).append(pattern)
        self._specs = {base: GitIgnoreSpec.from_lines(lines) for base, lines in by_base.items()}

    def excluded(self, path: str, root: str) -> str | None:
        """Why ``path`` (found under the folder ``root``) is skipped, or None."""
        absolute = os.path.abspath(path)
        for base, spec in self._specs.items():
            relative = _relative(absolute, base)
            if relative is not None and _matches(spec, relative):
                return "excluded"
        if self.gitignore and self._ignored_by_git(absolute, os.path.abspath(root)):
            return ".gitignore"
        return None

    def _ignored_by_git(self, absolute: str, root: str) -> bool:
        top = _git_root(root)
        if top is None:  # not in a repository: from the working directory, if above
            here = os.getcwd()
            top = here if _relative(root, here) is not None else root
        folders = [top]
        relative = _relative(os.path.dirname(absolute), top)
        if relative is None:
            return False
        for part in [p for p in relative.split("/") if p]:
            folders.append(os.path.join(folders[-1], part))
        for folder in folders:
            spec = _gitignore(folder)
            if spec is not None and _matches(spec, _relative(absolute, folder) or ""):
                return True
        return False


def _relative(path: str, base: str) -> str | None:
    if path != base and not path.startswith(base.rstrip(os.sep) + os.sep):
        return None
    return os.path.relpath(path, base).replace(os.sep, "/")


def _matches(spec: GitIgnoreSpec, relative: str) -> bool:
    """The file, or any folder it is in, matches (git never looks inside an ignored folder)."""
    relative = shown(relative)  # RE2 takes UTF-8: a name's stray bytes as "\\xNN"
    parts = relative.split("/")
    folders = ["/".join(parts[: n + 1]) + "/" for n in range(len(parts) - 1)]
    return any(spec.match_file(candidate) for candidate in (*folders, relative))


def files_to_read(paths: Sequence[str], excluder: Excluder) -> tuple[list[str], int]:
    """``paths`` with every folder replaced by the files in it that are not skipped, and how
    many were skipped. Named files and "-" stay as they are. Unchanged when nothing is
    skipped, so folders keep their own handling of files that cannot be read."""
    expanded: list[str] = []
    skipped = 0
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            expanded.append(path)
            continue
        files, _ = discover([path])
        kept = [file for file in files if excluder.excluded(file, path) is None]
        skipped += len(files) - len(kept)
        expanded.extend(kept if len(kept) < len(files) else [path])
    return expanded, skipped
