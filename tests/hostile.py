"""Helpers shared by the hostile-input tests of every stage (not a test module)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from checker import documents
from checker.cli import main
from checker.report import load_schema

FIGURE = "At least 40 people were killed in Gaza on Monday, officials said."


ERROR_LINE = re.compile(r"^factcheck: error: ")


LOCATED_ERROR = re.compile(r"^factcheck: error: .+:\d+:\d+: \S")


def run(argv, capsys) -> tuple[int, str, str]:
    """``main(argv)``: exit code, stdout, stderr."""
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_json(paths, capsys, *extra) -> tuple[int, dict, str]:
    code, out, err = run(["check", *paths, "--format", "json", "--no-cache", *extra], capsys)
    assert code in (0, 1), err
    data = json.loads(out)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    return code, data, err


def assert_clean_stderr(err: str) -> None:
    """One line per message, each a factcheck message, never a traceback."""
    assert "Traceback" not in err
    for line in err.splitlines():
        assert line.startswith("factcheck: "), err


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No settings file from the repository, no shared cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv(documents.MAX_FILE_ENV, raising=False)


def script_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", FACTCHECK_CACHE_DIR=str(tmp_path / ".cache"))
    env.pop(documents.MAX_FILE_ENV, None)
    env.update(extra)
    return env


def figure_at(raw: str, line: int, column: int) -> str:
    """The text of a file as stored from 1-based ``line``:``column`` to the end of the line."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[line - 1][column - 1 :]
