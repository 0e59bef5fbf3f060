"""What a run reads and which rules it runs: the settings file in force, the command line's
selection on top, the rule set, and the files to read."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from .. import config
from ..config.nearest import FileSettings, settings_for_paths
from ..config.settings import check_selectors
from ..errors import ConfigError, UsageError
from ..model import RuleSet, Settings
from ..report.explain import known_rules, overlapping_rules
from .files import excluder_for, say_settings, stdin_paths
from .output import console


@dataclass(frozen=True)
class Selection:
    """The options every command that reads rules takes."""

    rules: Sequence[str] = ()
    no_default_rules: bool = False
    config: str | None = None
    isolated: bool = False
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    verbose: bool = False
    stdin_filename: str | None = None


def _split(selectors: Sequence[str] | None) -> tuple[str, ...]:
    """``--select FC1 --select FC4,FC301`` -> ("FC1", "FC4", "FC301")."""
    return tuple(part.strip() for item in selectors or () for part in item.split(",") if part)


def ruleset_for(paths: Sequence[str], selection: Selection) -> RuleSet:
    """The rules for a run over ``paths``: each file's nearest settings file (warnings for
    keys a run takes once), ``--select``/``--ignore`` on top of every one; every selector
    must match a rule."""
    err = console(stderr=True)
    settings, notes = settings_for_paths(
        paths,
        config=selection.config,
        isolated=selection.isolated,
        stdin_filename=selection.stdin_filename,
    )
    for note in notes:
        err.print(f"factcheck: warning: {note}", markup=False, highlight=False, soft_wrap=True)
    ruleset = config.load_ruleset(
        list(selection.rules), default_rules=not selection.no_default_rules, settings=settings
    )
    known = known_rules(ruleset)
    for each in settings.each() if isinstance(settings, FileSettings) else [settings]:
        check_selectors(each, known)
    select, ignore = _split(selection.select), _split(selection.ignore)
    if select or ignore:
        for option, given in (("--select", select), ("--ignore", ignore)):
            try:
                check_selectors(Settings(enable=given), known)
            except ConfigError:
                raise UsageError(
                    f"{option} {','.join(given)}: a selector matches no rule; known rules: "
                    + ", ".join(rule_id for rule_id, _ in known)
                ) from None

        def chosen(layer: Settings) -> Settings:
            if select:
                return dataclasses.replace(layer, enable=select, disable=("all", *ignore))
            return dataclasses.replace(layer, disable=(*layer.disable, *ignore))

        if isinstance(settings, FileSettings):
            settings = settings.changed(chosen)
        else:
            settings = chosen(settings)
        ruleset = dataclasses.replace(ruleset, settings=settings)
    return ruleset


def warn_overlaps(ruleset: RuleSet) -> None:
    err = console(stderr=True)
    for note in overlapping_rules(ruleset):
        err.print(f"factcheck: warning: {note}", markup=False, highlight=False, soft_wrap=True)


def files_for(
    paths: Sequence[str],
    ruleset: RuleSet,
    selection: Selection,
    exclude: Sequence[str] | None,
    extend_exclude: Sequence[str] | None,
    respect_gitignore: bool | None,
    *,
    quiet: bool = False,
):
    """The paths to read and the excluder that skips files in their folders; ``-v`` says
    which settings file each file follows and how many are skipped."""
    excluder = excluder_for(ruleset.settings, exclude, extend_exclude, respect_gitignore)
    paths = stdin_paths(paths, selection.stdin_filename, excluder, quiet=quiet)
    if selection.verbose:
        say_settings(paths, ruleset.settings, excluder, selection.stdin_filename)
    return paths, excluder
