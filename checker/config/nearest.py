"""Settings per file, as ruff finds them: each file takes the nearest settings file above it.

A run over ``PATH...`` finds every settings file below the checked folders and the nearest
one above each checked path; a file then follows the nearest of them (``--config FILE``
names one file for every file; ``--isolated`` uses the defaults for every file).

What may differ per file, and what is one per run:

- **Per file** (the file's nearest settings): ``enable``, ``disable``, ``levels``,
  ``per-path`` (which rules report on the file and at what level; ``--select``/``--ignore``
  apply on top of every file's), ``exclude``, ``extend-exclude`` and ``respect-gitignore``
  (whether a file found in a folder is read). A conflict between two files is one finding
  on one of them (the newer, or the draft), so it follows the settings of that file.
- **Per run** (the run's settings: the nearest settings file to the folder the checked paths
  share, or ``--config``): ``rules``, ``default-rules``, ``reference``, ``names`` and
  ``fail-on``. Claims of every file are compared with each other, so they must be read
  with one vocabulary (rule files define measures: a measure known in one folder only would
  make the same sentence a different subject there) and judged by one definition of each
  rule (a rule's options decide whether a pair conflicts: a pair across two folders cannot
  have two answers); the exit code belongs to the run. A nearer settings file that sets
  these keys differently gets a warning that they are not used.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..model import Rule, Settings
from .settings import load_settings, settings_in

# Keys whose value is one per run (see the module's documentation), with their fields.
RUN_WIDE = (
    ("rules", "rule_paths"),
    ("default-rules", "default_rules"),
    ("reference", "references"),
    ("names", "names"),
    ("fail-on", "fail_on"),
)
STDIN = "<stdin>"


@dataclass(frozen=True)
class FileSettings(Settings):
    """The run's settings (its own fields), and each file's nearest settings.

    ``nearest`` holds (absolute folder, settings) pairs, deepest folder first; a file
    follows the first whose folder contains it, else the run's settings. ``aliases`` names
    documents that have no path of their own (``<stdin>`` with ``--stdin-filename``).
    Paths are joined to ``cwd`` as strings, so the answer is the same in any process."""

    nearest: tuple[tuple[str, Settings], ...] = ()
    cwd: str = ""
    aliases: tuple[tuple[str, str], ...] = ()

    def named(self, path: str) -> str:
        """The path a document's settings are found by (``<stdin>``'s given name)."""
        return dict(self.aliases).get(path, path)

    def settings_for(self, path: str | None) -> Settings:
        """The settings ``path`` follows (the run's for None, or an unnamed ``<stdin>``)."""
        if path is None:
            return self.run_settings()
        name = self.named(path)
        if name.startswith("<"):
            return self.run_settings()
        absolute = os.path.normpath(os.path.join(self.cwd, name))
        for folder, settings in self.nearest:
            if absolute == folder or absolute.startswith(folder.rstrip(os.sep) + os.sep):
                return settings
        return self.run_settings()

    def run_settings(self) -> Settings:
        """The run's settings as a plain :class:`Settings`."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(Settings)}
        return Settings(**fields)

    def is_enabled(self, rule: Rule, path: str | None = None) -> bool:
        if path is None:
            return super().is_enabled(rule)
        return self.settings_for(path).is_enabled(rule, self.named(path))

    def level_for(self, rule: Rule, path: str | None = None) -> str:
        if path is None:
            return super().level_for(rule)
        return self.settings_for(path).level_for(rule, self.named(path))

    def each(self) -> list[Settings]:
        """The run's settings, then every other settings file in force."""
        run = self.run_settings()
        return [run, *(s for _, s in self.nearest if s.config_path != run.config_path)]

    def changed(self, change: Callable[[Settings], Settings]) -> FileSettings:
        """These settings with ``change`` made to the run's and to every file's."""
        run = change(self.run_settings())
        nearest = tuple((folder, change(settings)) for folder, settings in self.nearest)
        return FileSettings(
            **{f.name: getattr(run, f.name) for f in dataclasses.fields(Settings)},
            nearest=nearest,
            cwd=self.cwd,
            aliases=self.aliases,
        )

    def with_stdin_name(self, name: str | None) -> FileSettings:
        """``--stdin-filename``: the document read from - follows the settings of ``name``."""
        if not name:
            return self
        return dataclasses.replace(self, aliases=((STDIN, name),))


def settings_for(settings: Settings, path: str | None) -> Settings:
    """The settings ``path`` follows, whether ``settings`` differ per file or not."""
    if isinstance(settings, FileSettings):
        return settings.settings_for(path)
    return settings


def settings_for_paths(
    paths: Sequence[str],
    *,
    config: str | None = None,
    isolated: bool = False,
    stdin_filename: str | None = None,
) -> tuple[Settings, list[str]]:
    """The settings for a run over ``paths`` (each file's nearest settings file), and
    warnings about keys of nearer settings files that a run cannot take per file.

    ``config`` names the one file every file follows (no search); ``isolated`` uses the
    defaults. ``stdin_filename`` is where the document read from - is said to be."""
    if isolated:
        return Settings(), []
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError(f"{config}: no such settings file (--config)")
        return load_settings(path), []
    cwd = os.getcwd()
    named = [os.path.abspath(p) for p in paths if p != "-"]
    if stdin_filename and "-" in paths:
        named.append(os.path.abspath(stdin_filename))
    walk = bool(named)  # no paths (rules, explain): the settings of the working directory
    named = named or [cwd]
    common = os.path.commonpath(named)
    loaded: dict[str, Settings] = {}
    errors: list[str] = []

    def load(file: Path) -> Settings:
        key = str(file)
        if key not in loaded:
            try:
                loaded[key] = load_settings(file)
            except ConfigError as exc:  # every settings file's problems at once
                errors.extend(exc.errors)
                loaded[key] = Settings(config_path=key)
        return loaded[key]

    found = nearest_above(common)
    run = load(found) if found is not None else Settings()
    run_folder = str(found.parent) if found is not None else os.sep
    folders: dict[str, Settings] = {run_folder: run}
    for path in named:
        above = nearest_above(path)
        if above is not None:
            folders.setdefault(str(above.parent), load(above))
        if walk and os.path.isdir(path):
            for file in settings_below(path):
                folders.setdefault(str(file.parent), load(file))
    if errors:
        raise ConfigError(errors)
    nearest = tuple(sorted(folders.items(), key=lambda item: -len(item[0])))
    fields = {f.name: getattr(run, f.name) for f in dataclasses.fields(Settings)}
    settings = FileSettings(**fields, nearest=nearest, cwd=cwd)
    return settings.with_stdin_name(stdin_filename), run_wide_notes(settings)


def run_wide_notes(settings: FileSettings) -> list[str]:
    """A warning for each nearer settings file that sets a key a run takes once."""
    run = settings.run_settings()
    used = _shown(run.config_path) if run.config_path else "the defaults"
    notes = []
    for other in settings.each()[1:]:
        keys = [key for key, name in RUN_WIDE if getattr(other, name) != getattr(run, name)]
        if keys and other.config_path:
            notes.append(
                f"{_shown(other.config_path)}: {', '.join(keys)} not used: a run takes "
                f"{', '.join(key for key, _ in RUN_WIDE)} once, for every file (claims of "
                f"every file are compared with each other); this run takes them from {used} "
                "(check that folder on its own, or pass --config)"
            )
    return notes


def _shown(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return path


def nearest_above(path: str) -> Path | None:
    """The settings file nearest to ``path`` (a file or folder), walking up; or None."""
    here = path if os.path.isdir(path) else os.path.dirname(path)
    while True:
        found = settings_in(Path(here))
        if found is not None:
            return found
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def settings_below(root: str) -> list[Path]:
    """Every settings file in the folders below ``root`` (hidden folders skipped, as
    documents in them are never read; each real folder once)."""
    found: list[Path] = []
    seen: set[str] = set()
    for folder, subfolders, _ in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            subfolders[:] = []
            continue
        seen.add(real)
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        if folder != root:
            file = settings_in(Path(folder))
            if file is not None:
                found.append(file)
    return found
