"""The package's layout holds: stages import one way, modules stay small, stages say what
they take in and give out.

The import contract itself is in ``pyproject.toml`` (``[tool.importlinter]``); this test runs
``lint-imports`` on it, so a new import circle or a stage reaching up fails the suite.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "checker"
MAX_LINES = 500


def test_the_import_contract_holds():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(lint).exists():
        pytest.fail("lint-imports is missing: install the test extras (import-linter)")
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "broken" not in done.stdout.lower().replace("0 broken", "")


def test_no_module_is_over_the_size_limit():
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {path: n for path, n in sizes.items() if n > MAX_LINES} == {}


def test_every_stage_package_says_what_it_takes_and_gives():
    for init in sorted(PACKAGE.rglob("__init__.py")):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 80, f"{init.relative_to(ROOT)} has no docstring"


def test_no_single_letter_module_aliases():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom | ast.Import):
                for alias in node.names:
                    assert not (alias.asname and len(alias.asname) == 1), (
                        f"{path.relative_to(ROOT)}: import {alias.name} as {alias.asname}"
                    )


def test_every_package_is_shipped():
    """pyproject lists packages explicitly (rules/ is mapped in); a new stage package left
    out of the list would be missing from a built wheel."""
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in PACKAGE.rglob("__init__.py")}
    assert found - listed == set()
