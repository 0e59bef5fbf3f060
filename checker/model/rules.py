"""Rules and settings: what a rule is, what the user configured, and what makes a run fail.

These are plain values: the config stage (:mod:`checker.config`) finds and validates the
files they come from, the engine runs them, the report stage lists them. Which kinds exist is
the kinds registry's business, checked when a rule file is loaded, not here.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import re2

from ..vocabulary import Vocabulary
from .claim import Claim
from .finding import LEVELS, Report

FAIL_LEVELS = (*LEVELS, "never")


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@functools.lru_cache(maxsize=256)
def sentence_pattern(pattern: str) -> re2._Regexp:
    """A rule's ``filter.sentence`` compiled by RE2, case-insensitive; re2.error if invalid.

    RE2 matches in time linear in the sentence whatever the pattern, so a user's pattern can
    never hang a run; in exchange it has no backreferences or lookaround.
    """
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # a bad pattern is reported once, by the config stage
    return re2.compile(pattern, options)


@dataclass(frozen=True)
class RuleFilter:
    """Which claims a rule looks at; an empty field means any."""

    measures: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    sentence: str | None = None  # an RE2 pattern searched in the claim's sentence, any case

    def matches(self, claim: Claim) -> bool:
        return bool(
            (not self.measures or claim.measure in self.measures)
            and (not self.units or claim.unit in self.units)
            and (not self.locations or claim.location in self.locations)
            and (not self.qualifiers or claim.qualifier in self.qualifiers)
            and (
                self.sentence is None
                or sentence_pattern(self.sentence).search(claim.sentence) is not None
            )
        )


@dataclass(frozen=True)
class ExampleDocument:
    """Another article an example is read against (for stale and cross-document checks)."""

    text: str
    published: dt.date | None = None
    path: str | None = None
    source: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Example:
    """A text that must pass or fail its rule; doubles as a test and as documentation."""

    text: str
    expect: str  # "pass" or "fail"
    published: dt.date | None = None
    as_of: dt.date | None = None  # the date the check is made for, when not published
    documents: tuple[ExampleDocument, ...] = ()
    note: str | None = None
    line: int = 1
    reference: str | None = None  # a reference series as CSV text, for kind reference

    def __post_init__(self) -> None:
        if self.expect not in ("pass", "fail"):
            raise ValueError(f"expect must be pass or fail, not {self.expect!r}")


@dataclass(frozen=True)
class Rule:
    """One rule: a kind with options, a level, a message template, and its examples."""

    id: str
    name: str
    kind: str
    level: str
    message: str
    description: str = ""
    link: str = ""
    filter: RuleFilter = RuleFilter()
    # every option of the kind, defaults filled in
    options: Mapping[str, Any] = field(default_factory=_empty)
    examples: tuple[Example, ...] = ()
    path: str | None = None
    line: int = 1
    column: int = 1

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"unknown level {self.level!r}")


@dataclass(frozen=True)
class PathOverride:
    """Settings for files matching one glob."""

    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    levels: Mapping[str, str] = field(default_factory=_empty)


@dataclass(frozen=True)
class Settings:
    """What the user configured; every field has the default a bare run uses."""

    rule_paths: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    levels: Mapping[str, str] = field(default_factory=_empty)
    fail_on: str = "error"
    per_path: Mapping[str, PathOverride] = field(default_factory=_empty)
    default_rules: bool = True
    config_path: str | None = None
    # Which files in folders are read (see checker.cli.files): None keeps the defaults.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    # Reference series (--reference) and name style lists (--names), relative to the file.
    references: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_LEVELS:
            raise ValueError(f"fail_on must be one of {', '.join(FAIL_LEVELS)}")

    def _layers(self, path: str | None) -> list[tuple[Sequence[str], Sequence[str], Mapping]]:
        layers: list[tuple[Sequence[str], Sequence[str], Mapping]] = [
            (self.enable, self.disable, self.levels)
        ]
        if path is not None:
            for glob, override in self.per_path.items():
                if self._path_matches(glob, path):
                    layers.append((override.enable, override.disable, override.levels))
        return layers

    def is_enabled(self, rule: Rule, path: str | None = None) -> bool:
        """Rules are on unless disabled; per-path layers override the global one."""
        enabled = True
        for enable, disable, _ in self._layers(path):
            best_on = max((_specificity(s, rule) for s in enable), default=-1)
            best_off = max((_specificity(s, rule) for s in disable), default=-1)
            if best_on >= 0 or best_off >= 0:
                enabled = best_on > best_off
        return enabled

    def level_for(self, rule: Rule, path: str | None = None) -> str:
        """The rule's level after overrides: most specific selector, later layers win."""
        level = rule.level
        for _, _, levels in self._layers(path):
            scored = [(_specificity(s, rule), new) for s, new in levels.items()]
            scored = [item for item in scored if item[0] >= 0]
            if scored:
                level = max(scored, key=lambda item: item[0])[1]
        return level

    def _path_matches(self, glob: str, path: str) -> bool:
        candidates = {path.replace("\\", "/")}
        if self.config_path:
            try:
                base = Path(self.config_path).resolve().parent
                candidates.add(Path(path).resolve().relative_to(base).as_posix())
            except (OSError, ValueError):
                pass
        return any(fnmatch.fnmatchcase(c, glob) for c in candidates)


def _specificity(selector: str, rule: Rule) -> int:
    """How precisely ``selector`` names ``rule``; -1 when it does not."""
    if selector == "all":
        return 0
    if selector in (rule.id, rule.name):
        return 1000
    if re.fullmatch(r"[A-Z]+[0-9]*", selector):
        return len(selector) if rule.id.startswith(selector) else -1
    return len(selector) if rule.name.startswith(selector + ".") else -1


@dataclass(frozen=True)
class RuleSet:
    """The rules in force, the vocabulary extraction uses, and the settings."""

    rules: tuple[Rule, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    settings: Settings = field(default_factory=Settings)

    def get(self, key: str) -> Rule:
        """A rule by id or name; KeyError names the known ids."""
        for rule in self.rules:
            if key in (rule.id, rule.name):
                return rule
        known = ", ".join(rule.id for rule in self.rules)
        raise KeyError(f"no rule {key!r}; known rules: {known}")

    def enabled(self, path: str | None = None) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if self.settings.is_enabled(rule, path))


def exit_code(report: Report, fail_on: str) -> int:
    """The run's exit status: 0 when no finding is at or above ``fail_on``, else 1.

    ``fail_on`` is one of :data:`FAIL_LEVELS`; ``never`` always gives 0. (Exit 2, bad input
    or configuration, is raised as an error, never decided here.)
    """
    if fail_on == "never":
        return 0
    threshold = LEVELS.index(fail_on)
    worst = [LEVELS.index(finding.level) for finding in report.findings]
    return 1 if worst and min(worst) <= threshold else 0
