"""Issue 14's catch: a January draft repeating October's toll, against December's archive."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

DRAFT = """---
title: Draft
published: 2024-01-08
---
Gaza's health ministry says 8,306 people have been killed.
"""


@pytest.fixture
def desk(tmp_path, root, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(root / "seeds", tmp_path / "archive")
    (tmp_path / "draft.md").write_text(DRAFT)
    return tmp_path


@pytest.mark.parametrize("against", ["folder", "ledger"])
def test_the_draft_is_stale_against_the_december_toll(factcheck_bin, desk, against):
    target = "archive"
    if against == "ledger":
        indexed = subprocess.run(
            [factcheck_bin, "index", "archive", "--ledger", "archive.db"],
            cwd=desk, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert indexed.returncode == 0, indexed.stderr
        target = "archive.db"
    result = subprocess.run(
        [factcheck_bin, "check", "draft.md", "--against", target, "--format", "json"],
        cwd=desk, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    stale = [f for f in json.loads(result.stdout)["findings"] if f["kind"] == "stale"]
    assert len(stale) == 1, stale
    message = stale[0]["message"]
    # the archive's figure, its date and its source are in the message
    assert "more than 20,600" in message and "2023-12-26" in message
    assert "source: no source given" in message
    assert "2023-12-26-us-strikes-iraq.md" in message
