"""Settings: which rules run, at which level, and what fails the run.

Settings come from ``factcheck.yaml`` (or ``.factcheck.yaml``) or ``[tool.factcheck]`` in
``pyproject.toml``: each checked file follows the nearest one above it (see :mod:`.nearest`
for what may differ per file), or the one named with ``--config``::

    rules: [newsroom-rules/]          # more rule files, relative to the settings file
    default-rules: true
    disable: [attribution, FC4]       # rule ids, id prefixes, dotted name prefixes, or all
    enable: [FC301]                   # the most specific selector wins; ties: disable
    levels: {FC201: error, consistency: warning}
    fail-on: error                    # error | warning | suggestion | never
    per-path:
      "drafts/*": {disable: [FC201], levels: {FC301: suggestion}}
    extend-exclude: [archive/old/]    # gitignore-style; exclude: replaces the defaults
    respect-gitignore: true
    reference: [series/gaza-moh.csv]  # --reference series, relative to this file
    names: [house-names.yaml]         # --names style lists

Errors are located like a rule file's; in ``pyproject.toml`` each key is placed at the line
that sets it (best effort, see :func:`_locate_toml`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import ConfigError
from ..files import TooLarge, read_bounded
from ..model import FAIL_LEVELS, LEVELS, PathOverride, Settings
from ..yamlload import Checker, Mark, YamlMap, load_file, locate
from .located import display_path, item_mark, sorted_errors
from .rules import NAME

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    try:
        import tomli as tomllib  # type: ignore[no-redef]
    except ModuleNotFoundError:
        tomllib = None  # type: ignore[assignment]

SELECTOR = rf"all|[A-Z]+[0-9]*|{NAME}"
SETTINGS_FILES = ("factcheck.yaml", ".factcheck.yaml")
SETTINGS_KEYS = (
    "rules",
    "default-rules",
    "enable",
    "disable",
    "levels",
    "fail-on",
    "per-path",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "reference",
    "names",
)
PER_PATH_KEYS = ("enable", "disable", "levels")
PYPROJECT_MAX_BYTES = 10 * 1024 * 1024  # a pyproject.toml is shared with other tools: roomier


def find_settings(start: Path | None = None) -> Settings:
    """The settings in force for ``start`` (default: the working directory).

    Walks up from ``start``: in each folder ``factcheck.yaml``, then ``.factcheck.yaml``, then
    a ``pyproject.toml`` with a ``[tool.factcheck]`` table; the first found wins. Nothing
    found: the defaults.
    """
    found = settings_file(start or Path.cwd())
    return load_settings(found) if found is not None else Settings()


def settings_file(start: Path) -> Path | None:
    """The settings file nearest to ``start`` (a file or folder), walking up; or None."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        found = settings_in(folder)
        if found is not None:
            return found
    return None


def settings_in(folder: Path) -> Path | None:
    """The settings file of ``folder`` itself: ``factcheck.yaml``, ``.factcheck.yaml``, or a
    ``pyproject.toml`` with a ``[tool.factcheck]`` table; or None."""
    for name in SETTINGS_FILES:
        candidate = folder / name
        # Not only regular files: a FIFO or device by that name is refused when read
        # (it would block or never end) rather than silently ignored.
        if candidate.exists() and not candidate.is_dir():
            return candidate
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and _pyproject_settings(pyproject) is not None:
        return pyproject
    return None


def check_selectors(settings: Settings, known: Sequence[tuple[str, str]]) -> None:
    """Every selector in ``settings`` must name at least one of the ``known`` rules (id,
    name pairs), as ruff rejects an unknown rule code; ConfigError otherwise, located in the
    settings file when the selector can be found there."""
    layers = [("", settings.enable, settings.disable, settings.levels)]
    for glob, layer in settings.per_path.items():
        layers.append((f"per-path {glob!r} ", layer.enable, layer.disable, layer.levels))
    errors = []
    for where, enable, disable, levels in layers:
        for key, selectors in (("enable", enable), ("disable", disable), ("levels", levels)):
            for selector in selectors:
                if not any(_selects(selector, rule_id, name) for rule_id, name in known):
                    errors.append(
                        f"{_selector_mark(settings, selector)}{selector!r} in {where}{key} "
                        f"matches no rule; known rules: {', '.join(i for i, _ in known)}"
                    )
    if errors:
        raise ConfigError(errors)


def _selects(selector: str, rule_id: str, name: str) -> bool:
    if selector in ("all", rule_id, name):
        return True
    if re.fullmatch(r"[A-Z]+[0-9]*", selector):
        return rule_id.startswith(selector)
    return name.startswith(selector + ".")


def _selector_mark(settings: Settings, selector: str) -> str:
    """``path:line:col: `` where the settings file writes ``selector``, ``path: `` when it
    cannot be found there; ``--select/--ignore: `` for a selection made on the command line."""
    if settings.config_path is None:
        return "--select/--ignore: "
    path = Path(settings.config_path)
    where = display_path(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return f"{where}: "
    pattern = re.compile(rf"(?<![\w.]){re.escape(selector)}(?![\w.])")
    for number, line in enumerate(lines, 1):
        found = pattern.search(line.split("#", 1)[0])
        if found:
            return f"{where}:{number}:{found.start() + 1}: "
    return f"{where}: "


def load_settings(path: Path) -> Settings:
    """Settings from a ``factcheck.yaml`` or a ``pyproject.toml``; ConfigError if invalid."""
    if path.name == "pyproject.toml":
        return _pyproject_settings(path) or Settings(config_path=str(path))
    where = display_path(path)
    data, errors = load_file(path, where)
    if errors:
        raise ConfigError(errors)
    return _settings(data if data is not None else YamlMap(), where, path)


def _pyproject_settings(path: Path) -> Settings | None:
    if tomllib is None:
        return None
    where = display_path(path)
    try:  # a regular file only, and never more than PYPROJECT_MAX_BYTES read
        text = read_bounded(path, PYPROJECT_MAX_BYTES).decode("utf-8")
        document = tomllib.loads(text)
    except TooLarge as exc:
        raise ConfigError(f"{where}:1:1: the file is larger than 10 MB") from exc
    except OSError as exc:
        raise ConfigError(f"{where}:1:1: cannot read the file ({exc.strerror or exc})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = found.groups() if found else ("1", "1")
        raise ConfigError(f"{where}:{line}:{column}: invalid TOML: {exc}") from exc
    table = document.get("tool", {}).get("factcheck")
    if table is None:
        return None
    return _settings(_locate_toml(table, text), where, path)


def _locate_toml(table: Any, text: str) -> Any:
    """Located data for ``[tool.factcheck]``: each key at the line that sets it (best effort)."""
    lines = text.splitlines()
    header = next(
        (
            i
            for i, line in enumerate(lines)
            if line.strip().startswith(("[tool.factcheck]", "[tool.factcheck."))
        ),
        0,
    )
    data = locate(table, Mark(header + 1, 1)) if isinstance(table, dict) else table
    if isinstance(data, YamlMap):
        for key in data:
            quoted = rf"[\"']?{re.escape(key)}[\"']?"
            pattern = re.compile(rf"^\s*(?:\[tool\.factcheck\.)?{quoted}\s*[=\]]")
            for number in range(header, len(lines)):
                if pattern.match(lines[number]):
                    indent = len(lines[number]) - len(lines[number].lstrip())
                    data.key_marks[key] = Mark(number + 1, indent + 1)
                    break
        data.value_marks = dict(data.key_marks)
    return data


def _settings(data: Any, where: str, path: Path) -> Settings:
    check = Checker(where)
    top = check.mapping(data, getattr(data, "mark", Mark()), "the settings")
    if top is None:
        raise ConfigError(check.errors)
    top = _hyphenated(top)
    check.keys(top, "the settings", allowed=SETTINGS_KEYS)
    base = path.resolve().parent
    rule_paths = check.texts(top, "rules", "settings", single=True) or ()
    default_rules = check.flag(top, "default-rules", "settings")
    fail_on = check.text(top, "fail-on", "settings", choices=FAIL_LEVELS)
    enable, disable, levels = _selection(top, check, "settings")
    exclude = check.texts(top, "exclude", "settings", single=True) if "exclude" in top else None
    extend_exclude = check.texts(top, "extend-exclude", "settings", single=True) or ()
    respect_gitignore = check.flag(top, "respect-gitignore", "settings")
    references = check.texts(top, "reference", "settings", single=True) or ()
    names = check.texts(top, "names", "settings", single=True) or ()
    per_path: dict[str, PathOverride] = {}
    if "per-path" in top:
        globs = check.items(top["per-path"], top.value_mark("per-path"), "per-path")
        for glob, spec, _, spec_mark in globs:
            layer = check.mapping(spec, spec_mark, f"per-path {glob!r}")
            if layer is None:
                continue
            layer = _hyphenated(layer)
            check.keys(layer, f"per-path {glob!r}", allowed=PER_PATH_KEYS)
            on, off, lv = _selection(layer, check, f"per-path {glob!r}")
            per_path[glob] = PathOverride(enable=on, disable=off, levels=MappingProxyType(lv))
    if check.errors:
        raise ConfigError(sorted_errors(check.errors))
    return Settings(
        rule_paths=tuple(str(base / p) for p in rule_paths),
        enable=enable,
        disable=disable,
        levels=MappingProxyType(levels),
        fail_on=fail_on or "error",
        per_path=MappingProxyType(per_path),
        default_rules=True if default_rules is None else default_rules,
        config_path=str(path),
        exclude=None if exclude is None else tuple(exclude),
        extend_exclude=tuple(extend_exclude),
        respect_gitignore=True if respect_gitignore is None else respect_gitignore,
        references=tuple(str(base / p) for p in references),
        names=tuple(str(base / p) for p in names),
    )


def _hyphenated(mapping: YamlMap) -> YamlMap:
    """``fail_on`` and ``fail-on`` both work; errors keep the original positions."""
    result = YamlMap(mapping.mark)
    for key, value in mapping.items():
        new = key.replace("_", "-")
        result[new] = value
        result.key_marks[new] = mapping.key_mark(key)
        result.value_marks[new] = mapping.value_mark(key)
    return result


def _selection(spec: YamlMap, check: Checker, what: str) -> tuple[tuple, tuple, dict]:
    selectors = {}
    for key in ("enable", "disable"):
        selectors[key] = check.texts(spec, key, what, single=True) or ()
        for index, selector in enumerate(selectors[key]):
            if not re.fullmatch(SELECTOR, selector):
                check.error(
                    item_mark(spec, key, index),
                    f"{selector!r} is not a rule id, id prefix, dotted name prefix or 'all'",
                )
    levels: dict[str, str] = {}
    table = (
        check.mapping(spec["levels"], spec.value_mark("levels"), "levels")
        if ("levels" in spec)
        else None
    )
    for selector in table or {}:
        assert table is not None
        if not re.fullmatch(SELECTOR, selector):
            check.error(
                table.key_mark(selector),
                f"{selector!r} is not a rule id, id prefix, dotted name prefix or 'all'",
            )
        level = check.text(table, selector, "level for", choices=LEVELS)
        if level is not None:
            levels[selector] = level
    return selectors["enable"], selectors["disable"], levels
