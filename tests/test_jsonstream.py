"""The streamed JSON is byte for byte the single json.dumps of the whole report."""

from __future__ import annotations

import pytest

from checker import check
from checker.model import Report
from checker.report import jsonout

from .conftest import ROOT


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
