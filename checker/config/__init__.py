"""The config stage: finding and validating rule files and settings.

Takes in rule files (the shipped ``rules/`` and any ``--rules`` file or folder), settings
files (``factcheck.yaml``, ``.factcheck.yaml`` or ``[tool.factcheck]`` in ``pyproject.toml``)
and the selections made on the command line; gives out one
:class:`~checker.model.RuleSet`: the rules in force, the vocabulary extraction uses, and
the :class:`~checker.model.Settings`. Every problem of every file is raised at once as a
:class:`~checker.errors.ConfigError` of ``path:line:col: message`` lines.

- :mod:`.rules`: ``load_ruleset`` and the located validation of rule files;
- :mod:`.settings`: ``find_settings``/``load_settings``, a settings file's validation;
- :mod:`.nearest`: each file's nearest settings file (as ruff), and what is one per run;
- :mod:`.excludes`: which files found in folders are read (``.gitignore``, excludes);
- :mod:`.located`: where errors point.

The located YAML loader (:mod:`checker.yamlload`) and the vocabulary validation
(:func:`checker.vocabulary.parse_vocabulary`) sit below this stage, shared with
:func:`checker.vocabulary.default_vocabulary`.
"""

from __future__ import annotations

from ..errors import ConfigError

# The rule and settings types live in checker.model; these re-exports keep old imports
# (``from checker.config import Rule``) working until every importer uses the model.
from ..model import (
    FAIL_LEVELS,
    Example,
    ExampleDocument,
    PathOverride,
    Rule,
    RuleFilter,
    RuleSet,
    Settings,
)
from .located import sorted_errors
from .rules import default_rules_dir, load_ruleset, rule_files
from .settings import find_settings, load_settings

__all__ = [
    "FAIL_LEVELS",
    "ConfigError",
    "Example",
    "ExampleDocument",
    "PathOverride",
    "Rule",
    "RuleFilter",
    "RuleSet",
    "Settings",
    "default_rules_dir",
    "find_settings",
    "load_ruleset",
    "load_settings",
    "rule_files",
    "sorted_errors",
]
