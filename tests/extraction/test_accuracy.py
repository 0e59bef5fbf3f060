"""The accuracy floors on the gold set (bench/accuracy.py prints the full table)."""

from __future__ import annotations

import importlib.util

import pytest

from ..conftest import ROOT

FLOORS = {
    ("value", "f1"): 0.95,
    ("value+qualifier", "f1"): 0.95,
    ("value+unit", "f1"): 0.95,
    ("measure", "f1"): 0.80,
    ("location", "f1"): 0.65,
    ("attribution", "accuracy"): 0.90,
}


@pytest.fixture(scope="module")
def scores():
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    items = module.load_gold()
    assert len(items) >= 250, "the gold set must hold at least 250 annotated sentences"
    return module.score(items)


@pytest.mark.parametrize(("field", "metric"), sorted(FLOORS))
def test_floor(scores, field, metric):
    assert scores[field][metric] >= FLOORS[(field, metric)], scores[field]
