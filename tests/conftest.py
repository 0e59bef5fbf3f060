"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from checker import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def factcheck_bin() -> str:
    """The installed console script (next to the running interpreter)."""
    candidate = Path(sys.executable).parent / ("factcheck.exe" if os.name == "nt" else "factcheck")
    if not candidate.exists():
        pytest.skip("the factcheck console script is not installed")
    return str(candidate)
