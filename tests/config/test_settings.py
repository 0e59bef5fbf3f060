"""Settings: discovery, located validation, enabling, levels and the exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import find_settings, load_ruleset, load_settings
from checker.errors import ConfigError
from checker.model import Finding, Report, Rule, Settings, exit_code

from .common import VALID, write

# --- settings ---------------------------------------------------------------------------

SETTINGS = """
rules: [house-rules]
default-rules: true
disable: [attribution, FC4]
enable: [FC301]
levels:
  FC201: error
  consistency: suggestion
fail-on: warning
per-path:
  "drafts/*":
    disable: [freshness]
    levels: {FC301: suggestion}
"""


def test_settings_file_is_found_walking_up(tmp_path):
    write(tmp_path, "factcheck.yaml", SETTINGS)
    child = tmp_path / "a" / "b"
    child.mkdir(parents=True)
    settings = find_settings(child)
    assert settings.config_path == str((tmp_path / "factcheck.yaml").resolve())
    assert settings.rule_paths == (str(tmp_path.resolve() / "house-rules"),)
    assert settings.disable == ("attribution", "FC4") and settings.enable == ("FC301",)
    assert dict(settings.levels) == {"FC201": "error", "consistency": "suggestion"}
    assert settings.fail_on == "warning"
    assert dict(settings.per_path["drafts/*"].levels) == {"FC301": "suggestion"}


def test_hidden_settings_file_and_nothing_found(tmp_path):
    write(tmp_path, ".factcheck.yaml", "fail_on: never\n")
    assert find_settings(tmp_path).fail_on == "never"
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    (tmp_path / ".factcheck.yaml").unlink()
    assert find_settings(empty) == Settings()


def test_pyproject_tool_table_is_found_and_others_skipped(tmp_path):
    write(
        tmp_path,
        "pyproject.toml",
        """
        [project]
        name = "newsroom"

        [tool.factcheck]
        disable = ["FC201"]
        fail-on = "warning"

        [tool.factcheck.levels]
        FC301 = "error"
    """,
    )
    inner = tmp_path / "inner"
    write(inner, "pyproject.toml", "[project]\nname = 'x'\n")
    settings = find_settings(inner)
    assert settings.disable == ("FC201",) and settings.fail_on == "warning"
    assert dict(settings.levels) == {"FC301": "error"}
    assert settings.config_path == str(tmp_path / "pyproject.toml")


def test_settings_errors_are_located(tmp_path):
    path = write(
        tmp_path,
        "factcheck.yaml",
        """
        disable: [FC201, "not a selector"]
        levels: {FC301: loud}
        fail-on: sometimes
        colour: red
    """,
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    where = path.resolve().relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
    assert caught.value.errors == [
        f"{where}:1:18: 'not a selector' is not a rule id, id prefix, dotted name prefix or 'all'",
        f"{where}:2:17: level for 'FC301' must be one of error, warning, suggestion, not 'loud'",
        f"{where}:3:10: settings 'fail-on' must be one of error, warning, suggestion, never, "
        "not 'sometimes'",
        f"{where}:4:1: unknown key 'colour' in the settings; known: rules, default-rules, "
        "enable, disable, levels, fail-on, per-path, exclude, extend-exclude, respect-gitignore, "
        "reference, names",
    ]


def test_pyproject_errors_point_at_the_key_line(tmp_path):
    path = write(
        tmp_path,
        "pyproject.toml",
        """
        [project]
        name = "x"

        [tool.factcheck]
        fail-on = "loud"
    """,
    )
    with pytest.raises(ConfigError) as caught:
        find_settings(tmp_path)
    assert caught.value.errors[0].startswith(f"{path}:5:1: settings 'fail-on' must be one of")
    write(tmp_path, "pyproject.toml", "[tool.factcheck\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml:1:\d+: invalid TOML"):
        find_settings(tmp_path)


def test_settings_rule_paths_are_loaded(tmp_path):
    write(tmp_path, "house-rules/extra.yaml", VALID)
    write(tmp_path, "factcheck.yaml", "rules: house-rules\ndefault-rules: false\n")
    ruleset = load_ruleset(settings=find_settings(tmp_path))
    assert [r.id for r in ruleset.rules] == ["NEWS1"]


# --- enabling and levels ----------------------------------------------------------------


def make_rule(rule_id: str, name: str, level: str = "warning") -> Rule:
    return Rule(id=rule_id, name=name, kind="stale", level=level, message="{value}")


FC101 = make_rule("FC101", "consistency.contradiction", "error")
FC201 = make_rule("FC201", "freshness.stale")
FC301 = make_rule("FC301", "attribution.unattributed")
FC401 = make_rule("FC401", "units.conversion", "error")


def test_enable_disable_by_id_prefix_and_name_prefix(tmp_path):
    settings = load_settings(write(tmp_path, "factcheck.yaml", SETTINGS))
    assert settings.is_enabled(FC101) and settings.is_enabled(FC201)
    assert not settings.is_enabled(FC401)  # FC4 prefix
    assert settings.is_enabled(FC301)  # attribution disabled, but FC301 enabled exactly
    assert not Settings(disable=("attribution",)).is_enabled(FC301)
    assert Settings(disable=("attr",)).is_enabled(FC301)  # not a dotted prefix
    only = Settings(disable=("all",), enable=("consistency",))
    assert [r.id for r in (FC101, FC201, FC301) if only.is_enabled(r)] == ["FC101"]
    assert not Settings(enable=("FC201",), disable=("FC201",)).is_enabled(FC201)  # tie: off


def test_level_overrides_most_specific_wins(tmp_path):
    settings = load_settings(write(tmp_path, "factcheck.yaml", SETTINGS))
    assert settings.level_for(FC201) == "error"
    assert settings.level_for(FC101) == "suggestion"
    assert settings.level_for(FC301) == "warning"
    both = Settings(levels={"FC2": "suggestion", "FC201": "error", "all": "warning"})
    assert both.level_for(FC201) == "error" and both.level_for(FC101) == "warning"


def test_per_path_overrides(tmp_path):
    settings = load_settings(write(tmp_path, "factcheck.yaml", SETTINGS))
    assert settings.is_enabled(FC201, "published/a.md")
    assert not settings.is_enabled(FC201, "drafts/a.md")
    assert settings.level_for(FC301, "drafts/a.md") == "suggestion"
    assert settings.level_for(FC301, "published/a.md") == "warning"
    inside = tmp_path / "drafts" / "b.md"  # matched relative to the settings file too
    assert not settings.is_enabled(FC201, str(inside))


def report_with(*levels: str) -> Report:
    findings = tuple(
        Finding(
            rule="FC201", kind="stale", level=level, message="m", path="a.txt", line=1, column=1
        )
        for level in levels
    )
    return Report(findings=findings)


def test_exit_code_follows_fail_on():
    assert exit_code(report_with("error"), "error") == 1
    assert exit_code(report_with("warning"), "error") == 0
    assert exit_code(report_with("suggestion"), "suggestion") == 1
    assert exit_code(report_with("warning", "suggestion"), "warning") == 1
    assert exit_code(report_with("error"), "never") == 0
    assert exit_code(report_with(), "suggestion") == 0
    with pytest.raises(ValueError):
        Settings(fail_on="loud")
