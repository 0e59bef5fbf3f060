"""The streamed JSON is byte for byte the single json.dumps of the whole report."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import check
from checker.model import Report
from checker.report import jsonout

from ..conftest import ROOT


@pytest.mark.parametrize("mode", ["check", "extract"])
def test_streamed_json_equals_one_dump(mode, tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    report = check([str(ROOT / "seeds")], as_of="2024-01-01")
    assert report.claims and report.findings
    assert jsonout.to_json(report, mode=mode) == jsonout._reference_json(report, mode=mode)


def test_empty_report_streams_empty_lists():
    text = jsonout.to_json(Report())
    assert text == jsonout._reference_json(Report())
    assert '"claims": []' in text


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES, indent=st.sampled_from(["", "  ", "    "]))
def test_the_writer_matches_the_standard_library(value, indent):
    expected = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    assert jsonout._dumps(value, indent) == expected.replace("\n", "\n" + indent)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), [1.0, float("-inf")]])
def test_the_writer_refuses_what_is_not_json(bad):
    with pytest.raises(ValueError):
        jsonout._dumps(bad, "")
