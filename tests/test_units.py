"""Unit conversions: pint's answers, remembered on disk so that warm runs skip pint."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from checker import units

from .conftest import ROOT

PAIRS = [
    ("kilometer", "mile"),
    ("mile", "kilometer"),
    ("square_kilometer", "square_mile"),
    ("kilogram", "pound"),
    ("liter", "gallon"),
    ("degree_Celsius", "degree_Fahrenheit"),
    ("degree_Fahrenheit", "degree_Celsius"),
    ("kelvin", "degree_Celsius"),
    ("kilometer_per_hour", "mile_per_hour"),
]


@pytest.mark.parametrize(("unit", "to"), PAIRS)
@pytest.mark.parametrize("value", [0.0, 1.0, 37.5, 90.0, -40.0, 12_000.0])
def test_conversions_agree_with_pint(unit, to, value):
    expected = units._pint_convert(value, unit, to)
    assert units.convert(value, unit, to) == pytest.approx(expected, rel=1e-12, abs=1e-9)


@pytest.mark.parametrize(
    ("unit", "to"), [("kilometer", "kilogram"), ("mile", "no_such_unit"), ("kilometer", "USD")]
)
def test_units_that_do_not_convert_give_none(unit, to):
    assert units.convert(5.0, unit, to) is None


CHILD = """
import sys
from checker import units
print(units.convert(90.0, "kilometer", "mile"), units.convert(30.0, "degree_Celsius",
      "degree_Fahrenheit"), "pint" in sys.modules)
"""


def _child(cache) -> list[str]:
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(cache))
    env.pop("FACTCHECK_NO_UNIT_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_second_run_converts_from_the_memo_without_pint(tmp_path):
    first = _child(tmp_path)
    second = _child(tmp_path)
    assert first[2] == "True" and second[2] == "False"
    assert first[:2] == second[:2]  # the same figures whether pint ran or not
    assert float(first[0]) == pytest.approx(55.923, abs=1e-3)
    assert float(first[1]) == pytest.approx(86.0)


@pytest.mark.parametrize("damage", ["{not json", '{"kilometer -> mile": "nonsense"}', "[]"])
def test_a_damaged_memo_is_ignored_and_rewritten(tmp_path, damage):
    _child(tmp_path)
    (memo,) = (tmp_path / "pint").glob("conversions-*.json")
    memo.write_text(damage, encoding="utf-8")
    again = _child(tmp_path)
    assert again[2] == "True" and float(again[0]) == pytest.approx(55.923, abs=1e-3)
    assert "kilometer -> mile" in json.loads(memo.read_text(encoding="utf-8"))
