"""What a run reads and which rules it runs: the settings file in force, the command line's
selection on top, the rule set, and the files to read."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass

from .. import config
from ..config.settings import check_selectors, settings_for_paths
from ..errors import ConfigError, UsageError
from ..model import RuleSet, Settings
from ..report.explain import known_rules, overlapping_rules
from .files import DEFAULT_EXCLUDE, Excluder, files_to_read
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


def _split(selectors: Sequence[str] | None) -> tuple[str, ...]:
    """``--select FC1 --select FC4,FC301`` -> ("FC1", "FC4", "FC301")."""
    return tuple(part.strip() for item in selectors or () for part in item.split(",") if part)


def ruleset_for(paths: Sequence[str], selection: Selection) -> RuleSet:
    """The rules for a run over ``paths``: the settings file in force (said with ``-v``,
    with a note for nearer files not used), ``--select``/``--ignore`` on top; every selector
    must match a rule."""
    err = console(stderr=True)
    settings, notes = settings_for_paths(
        paths, config=selection.config, isolated=selection.isolated
    )
    for note in notes:
        err.print(f"factcheck: warning: {note}", markup=False, highlight=False, soft_wrap=True)
    if selection.verbose:
        used = settings.config_path
        said = f"using settings from {os.path.relpath(used)}" if used else "using the defaults"
        if selection.isolated:
            said += " (--isolated)"
        err.print(f"factcheck: {said}", markup=False, highlight=False, soft_wrap=True)
    ruleset = config.load_ruleset(
        list(selection.rules), default_rules=not selection.no_default_rules, settings=settings
    )
    known = known_rules(ruleset)
    check_selectors(settings, known)
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
        if select:
            settings = dataclasses.replace(settings, enable=select, disable=("all", *ignore))
        else:
            settings = dataclasses.replace(settings, disable=(*settings.disable, *ignore))
        ruleset = dataclasses.replace(ruleset, settings=settings)
    return ruleset


def warn_overlaps(ruleset: RuleSet) -> None:
    err = console(stderr=True)
    for note in overlapping_rules(ruleset):
        err.print(f"factcheck: warning: {note}", markup=False, highlight=False, soft_wrap=True)


def excluder_for(
    settings: Settings,
    exclude: Sequence[str] | None,
    extend_exclude: Sequence[str] | None,
    respect_gitignore: bool | None,
) -> Excluder:
    """Exclude patterns: the command line's replace the settings file's, which replace the
    defaults; ``extend-exclude`` from both adds to them."""
    base = os.path.dirname(os.path.abspath(settings.config_path)) if settings.config_path else "."
    if exclude:
        patterns = [(".", pattern) for pattern in exclude]
    elif settings.exclude is not None:
        patterns = [(base, pattern) for pattern in settings.exclude]
    else:
        patterns = [(".", pattern) for pattern in DEFAULT_EXCLUDE]
    patterns += [(base, pattern) for pattern in settings.extend_exclude]
    patterns += [(".", pattern) for pattern in extend_exclude or ()]
    gitignore = settings.respect_gitignore if respect_gitignore is None else respect_gitignore
    return Excluder(patterns, gitignore=gitignore)


def read_paths(paths: Sequence[str], excluder: Excluder, *, verbose: bool) -> list[str]:
    """The paths to hand to the reader: folders expanded when some of their files are
    skipped (``-v`` says how many)."""
    kept, skipped = files_to_read(paths, excluder)
    if verbose and skipped:
        console(stderr=True).print(
            f"factcheck: {skipped} files skipped (.gitignore or exclude)",
            markup=False,
            highlight=False,
        )
    return kept
