"""Reference series CSV files: read strictly, every problem located at file:line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker import check
from checker.config.series import load_series, parse_series
from checker.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "reference" / "gaza-moh-2023.csv"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(*paths: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_series(paths)
    return str(caught.value).splitlines()


def test_a_good_series_is_read_with_aliases_ranges_and_positions(tmp_path):
    path = write(
        tmp_path,
        "toll.csv",
        "date,measure,place,value,low,high,source\n"
        "2024-03-01,killed,Gaza Strip,30228,,,Ministry of Health\n"
        '2024-03-02,injured,Gaza,"71,377",71000,72000,\n',
    )
    first, second = load_series([path])
    assert (first.date, first.measure, first.place, first.value) == (
        dt.date(2024, 3, 1),
        "killed",
        "Gaza",
        30228.0,
    )
    assert first.source == "Ministry of Health" and first.line == 2
    assert first.path.endswith("toll.csv")
    assert (second.value, second.bounds, second.source, second.line) == (
        71377.0,
        (71000.0, 72000.0),
        None,
        3,
    )


def test_the_shipped_sample_series_loads():
    points = load_series([SAMPLE])
    killed = {p.date: p.value for p in points if p.measure == "killed"}
    assert killed[dt.date(2023, 10, 30)] == 8309
    assert killed[dt.date(2023, 12, 26)] == 20915
    assert {p.place for p in points} == {"Gaza"}
    # A running total: never falls in the sample.
    values = [killed[day] for day in sorted(killed)]
    assert values == sorted(values)


def test_missing_columns_are_named_at_line_1(tmp_path):
    path = write(tmp_path, "a.csv", "date,place,count\n2024-03-01,Gaza,5\n")
    (first, second) = errors_of(path)
    assert first.endswith(
        "a.csv:1: missing column(s) measure, value; a reference series "
        "needs date, measure, place, value (optional: low, high, source, group)"
    )
    assert second.endswith(
        "a.csv:1: unknown column(s) 'count'; known: date, measure, place, "
        "value, low, high, source, group"
    )


def test_every_bad_row_of_every_file_is_reported_at_once(tmp_path):
    one = write(
        tmp_path,
        "one.csv",
        "date,measure,place,value\n"
        "2024-03-01,killed,Gaza,30228\n"
        "01/03/2024,killed,Gaza,30300\n"
        "2024-03-02,killed,Gaza,about 30000\n"
        "2024-03-03,slain,Gaza,30400\n",
    )
    two = write(tmp_path, "two.csv", "date,measure,place,value\n2024-03-04,killed,Gaza,-5\n")
    found = errors_of(one, two)
    assert len(found) == 4
    assert found[0].endswith("one.csv:3: bad date '01/03/2024'; write YYYY-MM-DD")
    assert found[1].endswith("one.csv:4: value 'about 30000' is not a number")
    assert "one.csv:5: unknown measure 'slain'; known measures:" in found[2]
    assert found[3].endswith("two.csv:2: value '-5' must be a finite number, 0 or more")


def test_duplicate_rows_are_errors_within_and_across_files(tmp_path):
    one = write(
        tmp_path,
        "one.csv",
        "date,measure,place,value\n2024-03-01,killed,Gaza,30228\n2024-03-01,killed,Gaza,30228\n",
    )
    two = write(tmp_path, "two.csv", "date,measure,place,value\n2024-03-01,killed,Gaza Strip,1\n")
    found = errors_of(one, two)
    assert len(found) == 2
    assert "one.csv:3: duplicate row: killed Gaza on 2024-03-01 is already given at" in found[0]
    assert found[0].endswith("one.csv:2")
    assert "two.csv:2: duplicate row" in found[1]


def test_same_date_for_another_group_is_not_a_duplicate(tmp_path):
    text = (
        "date,measure,place,value,group\n"
        "2024-03-01,killed,Gaza,30228,\n"
        "2024-03-01,killed,Gaza,12300,children\n"
    )
    points, problems = parse_series(text, "g.csv")
    assert problems == [] and len(points) == 2


def test_value_outside_its_range_and_short_rows(tmp_path):
    points, problems = parse_series(
        "date,measure,place,value,low,high\n2024-03-01,killed,Gaza,100,120,130\n2024-03-02,killed\n",
        "r.csv",
    )
    assert points == []
    assert problems == [
        "r.csv:2: value 100 is outside low-high 120 to 130",
        "r.csv:3: 2 fields, but the header has 6",
    ]


def test_an_unreadable_or_missing_file_is_an_error(tmp_path):
    (found,) = errors_of(tmp_path / "nowhere.csv")
    assert found.endswith("nowhere.csv: no such reference series file")
    empty = write(tmp_path, "empty.csv", "")
    (found,) = errors_of(empty)
    assert "empty.csv:1: empty reference series" in found


def test_check_stops_with_a_config_error_before_reading_documents(tmp_path):
    bad = write(tmp_path, "bad.csv", "date,measure,place,value\n2024-13-01,killed,Gaza,5\n")
    with pytest.raises(ConfigError, match=r"bad\.csv:2: bad date"):
        check([str(tmp_path / "no-such-folder")], references=[str(bad)])
