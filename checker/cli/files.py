"""Which files a run reads, and which settings each follows, as ``-v`` tells.

The rules for skipping files (``.gitignore``, ``exclude``, ``extend-exclude``) live in
:mod:`checker.config.excludes`, shared with the library and ``index``; this module adds
the command line's options on top and what ``-v`` and ``--stdin-filename`` need.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..config.excludes import DEFAULT_EXCLUDE, Excluder
from ..config.nearest import STDIN, settings_for
from ..documents import discover
from ..model import Settings
from .output import console

__all__ = ["DEFAULT_EXCLUDE", "Excluder", "excluder_for", "say_settings", "stdin_paths"]
SHOWN_FILES = 3


def excluder_for(
    settings: Settings,
    exclude: Sequence[str] | None,
    extend_exclude: Sequence[str] | None,
    respect_gitignore: bool | None,
) -> Excluder:
    """Each file's settings say what is skipped; ``--exclude`` replaces their patterns and
    the defaults, ``--extend-exclude`` adds to them, ``--[no-]respect-gitignore`` decides."""
    return Excluder(
        settings,
        exclude=list(exclude) if exclude else None,
        extend_exclude=list(extend_exclude or ()),
        respect_gitignore=respect_gitignore,
    )


def stdin_paths(
    paths: Sequence[str], name: str | None, excluder: Excluder, *, quiet: bool = False
) -> list[str]:
    """``paths`` without "-" when ``--stdin-filename`` names a file the exclude patterns
    skip (as ruff's ``--force-exclude``: an editor sends every buffer, and a file under
    ``node_modules/`` or ``build/`` is not an article); with a warning."""
    if "-" not in paths or not name:
        return list(paths)
    config = settings_for(excluder.settings, name).config_path
    absolute = os.path.abspath(name)
    if config:  # patterns apply below the settings file's folder
        root = os.path.dirname(os.path.abspath(config))
    elif absolute.startswith(os.getcwd().rstrip(os.sep) + os.sep):
        root = "."
    else:
        root = os.path.dirname(absolute)
    if not excluder.excluded(name, root, gitignore=False):
        return list(paths)
    if not quiet:
        console(stderr=True).print(
            f"factcheck: warning: {name} is excluded (exclude patterns): standard input is "
            "not checked",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    return [path for path in paths if path != "-"]


def say_settings(
    paths: Sequence[str], settings: Settings, excluder: Excluder, stdin_name: str | None
) -> None:
    """``-v``: which settings file each file follows, and how many files are skipped."""
    err = console(stderr=True)
    files, _ = discover([p for p in paths if p != "-"], exclude=excluder.excluded)
    if "-" in paths:
        files.insert(0, stdin_name or STDIN)
    groups: dict[str | None, list[str]] = {}
    for path in files:
        groups.setdefault(settings_for(settings, path).config_path, []).append(path)
    run = settings.config_path
    if len(groups) > 1:
        said = os.path.relpath(run) if run else "the defaults"
        err.print(
            f"factcheck: rules, vocabulary and fail-on for the run: {said}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    for config, found in sorted(groups.items(), key=lambda item: item[0] or ""):
        said = f"settings from {os.path.relpath(config)}" if config else "the defaults"
        listed = ", ".join(found[:SHOWN_FILES])
        if len(found) > SHOWN_FILES:
            listed += f" and {len(found) - SHOWN_FILES} more"
        count = f"{len(found)} file{'s' if len(found) != 1 else ''}"
        err.print(
            f"factcheck: using {said} for {count}: {listed}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    if not groups:
        said = f"settings from {os.path.relpath(run)}" if run else "the defaults"
        err.print(f"factcheck: using {said}", markup=False, highlight=False, soft_wrap=True)
    skipped = len(discover([p for p in paths if p != "-"])[0]) - len(files) + ("-" in paths)
    if skipped:
        err.print(
            f"factcheck: {skipped} file{'s' if skipped != 1 else ''} skipped (.gitignore or "
            "exclude)",
            markup=False,
            highlight=False,
        )
