"""The unit lexicon: generated from pint, current, and every name it gives is one pint knows."""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker import units

from ..conftest import ROOT


def test_the_generated_lexicon_is_up_to_date():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_unit_forms.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "name", sorted(set(units.UNIT_WORDS.values()) | set(units.UNIT_SYMBOLS.values()))
)
def test_every_unit_name_is_known_to_pint(name):
    if name == "degree":
        return  # resolved to Celsius, Fahrenheit or an angle by the extractor
    assert units.canonical(name) is not None


def test_symbols_keep_their_case():
    assert units.UNIT_SYMBOLS["Nm"] == "newton_meter"
    assert units.UNIT_SYMBOLS["nm"] == "nanometer"
    assert units.UNIT_SYMBOLS["PS"] == "metric_horsepower"
    assert "m" not in units.UNIT_SYMBOLS  # "1.5m" in news is a million


def test_currency_signs_and_names_give_iso_codes():
    assert units.CURRENCY_SYMBOLS["hk$"] == "HKD"
    assert units.CURRENCY_WORDS["ringgit"] == "MYR"
    assert "try" not in units.CURRENCY_WORDS  # "TRY" only in capitals
    assert units.dimension("USD / share") == "currency:USD / share"
