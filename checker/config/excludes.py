"""Which files found in folders are read: ``.gitignore`` and exclude patterns, as ruff.

A file found inside a folder is skipped when a ``.gitignore`` names it (unless
``respect-gitignore: false`` or ``--no-respect-gitignore``) or when it matches an exclude
pattern (gitignore syntax). Each file follows its nearest settings file (see
:mod:`.nearest`): its ``exclude`` replaces the defaults and its ``extend-exclude`` adds to
them, both relative to that file's folder. ``--exclude`` replaces every settings file's
``exclude`` (and the defaults), ``--extend-exclude`` adds to them; both are relative to
the working directory (to the checked folder when it is not below it). A file named on the
command line is always read.

Each ``.gitignore`` applies below its own folder, from the root of the git repository (the
nearest folder above with a ``.git``) down; outside a repository, from the working
directory (or the checked folder, when it is not below it) down.

The library (``checker.check``), ``index`` and the command line use the same
:class:`Excluder`, handed to :func:`checker.documents.discover` as its ``exclude``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from pathspec import GitIgnoreSpec

from ..files import shown
from ..model import Settings
from .nearest import settings_for

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


@cache
def _spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    return GitIgnoreSpec.from_lines(list(patterns))


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
    """Decides whether a file found in a folder is skipped; called as ``exclude(path,
    root)`` it also counts the files it skips (for ``-v``)."""

    settings: Settings = field(default_factory=Settings)
    exclude: Sequence[str] | None = None  # --exclude: instead of the settings' and defaults
    extend_exclude: Sequence[str] = ()  # --extend-exclude
    respect_gitignore: bool | None = None  # the command line's choice; else the settings'
    skipped: int = 0

    def __call__(self, path: str, root: str) -> str | None:
        reason = self.excluded(path, root)
        if reason is not None:
            self.skipped += 1
        return reason

    def excluded(self, path: str, root: str, *, gitignore: bool = True) -> str | None:
        """Why ``path`` (found under the folder ``root``) is skipped, or None."""
        absolute = os.path.abspath(path)
        settings = settings_for(self.settings, path)
        top = os.path.abspath(root)
        for base, patterns in self._patterns(settings, top):
            relative = _relative(absolute, base)
            if (
                patterns
                and relative is not None
                and _excludes(_spec(patterns), absolute, top, base)
            ):
                return "excluded"
        respect = (
            settings.respect_gitignore if self.respect_gitignore is None else self.respect_gitignore
        )
        if gitignore and respect and self._ignored_by_git(absolute, os.path.abspath(root)):
            return ".gitignore"
        return None

    def _patterns(self, settings: Settings, root: str) -> list[tuple[str, tuple[str, ...]]]:
        here = os.getcwd()
        given = here if _relative(root, here) is not None else root  # the command line's
        config = settings.config_path
        folder = os.path.dirname(os.path.abspath(config)) if config else given
        if self.exclude is not None:
            found = [(given, tuple(self.exclude))]
        elif settings.exclude is not None:
            found = [(folder, tuple(settings.exclude))]
        else:
            found = [(root, DEFAULT_EXCLUDE)]
        found.append((folder, tuple(settings.extend_exclude)))
        found.append((given, tuple(self.extend_exclude)))
        return found

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
            if spec is not None and _excludes(spec, absolute, root, folder):
                return True
        return False


def _relative(path: str, base: str) -> str | None:
    if path != base and not path.startswith(base.rstrip(os.sep) + os.sep):
        return None
    return os.path.relpath(path, base).replace(os.sep, "/")


def _excludes(spec: GitIgnoreSpec, path: str, root: str, base: str) -> bool:
    """Whether ``spec`` (of the folder ``base``) skips ``path``, found under the folder
    ``root`` named on the command line. A named folder is read even when ``spec`` names
    it (as ruff reads ``ruff check build/``): then only the part of the path below it is
    matched."""
    named = _relative(root, base)
    if named not in (None, ".") and _matches(spec, named + "/"):
        return _matches(spec, _relative(path, root) or "")
    return _matches(spec, _relative(path, base) or "")


def _matches(spec: GitIgnoreSpec, relative: str) -> bool:
    """The file, or any folder it is in, matches (git never looks inside an ignored folder)."""
    relative = shown(relative)  # RE2 takes UTF-8: a name's stray bytes as "\\xNN"
    parts = relative.split("/")
    folders = ["/".join(parts[: n + 1]) + "/" for n in range(len(parts) - 1)]
    return any(spec.match_file(candidate) for candidate in (*folders, relative))
