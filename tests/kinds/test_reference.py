"""Kind reference: figures against a reference series, on hand-built claims and a real CSV."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from types import MappingProxyType

from checker.config.series import load_series, parse_series
from checker.findings.engine import run
from checker.kinds import get_kind
from checker.model import Claim, Document, Rule, RuleSet, Settings
from checker.vocabulary import Measure, Vocabulary

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "reference" / "gaza-moh-2023.csv"
VOCABULARY = Vocabulary(
    measures={
        "killed": Measure("killed", cumulative=True),
        "injured": Measure("injured", cumulative=True),
        "troops": Measure("troops"),
    }
)
SERIES = """date,measure,place,value,source
2024-03-01,killed,Gaza,30228,Ministry of Health
2024-03-03,killed,Gaza,30960,Ministry of Health
2024-03-08,killed,Gaza,31819,Ministry of Health
2024-03-01,troops,Gaza,5000,
"""


def claim(value, *, low=..., high=..., as_of=dt.date(2024, 3, 1), path="a.txt", **fields):
    fields.setdefault("measure", "killed")
    fields.setdefault("location", "Gaza")
    return Claim(
        text=f"{value:,.0f} people",
        sentence="",
        start=int(value) % 1000,
        end=int(value) % 1000 + 5,
        value=value,
        low=value if low is ... else low,
        high=value if high is ... else high,
        as_of=as_of,
        path=path,
        **fields,
    )


def check(claims, *, mode="disagree", published=dt.date(2024, 3, 1), series=SERIES, **options):
    points, problems = parse_series(series, "toll.csv", vocabulary=VOCABULARY)
    assert problems == []
    kind = get_kind("reference")
    rule = Rule(
        id="T1",
        name="test.reference",
        kind="reference",
        level="error",
        message="{value} | {reference} | {reference_date} | {reference_where} | {newer} "
        "| {newer_date} | {reference_source}",
        options=MappingProxyType({**kind.OPTIONS, "mode": mode, **options}),
    )
    ruleset = RuleSet(rules=(rule,), vocabulary=VOCABULARY, settings=Settings())
    paths = sorted({c.path for c in claims})
    documents = [Document(path=p, text="", published=published) for p in paths]
    return run(claims, documents, ruleset, references=points)


def test_a_figure_off_the_series_on_its_date_is_reported_with_the_series_value():
    (finding,) = check([claim(25000)])
    assert finding.message == (
        "25,000 | 30,228 | 2024-03-01 | toll.csv:2 | 30,228 | 2024-03-01 | Ministry of Health"
    )


def test_qualifiers_and_tolerance_make_figures_agree():
    assert check([claim(30228)]) == []
    assert check([claim(30000, high=None, qualifier="more_than")]) == []  # more than 30,000
    assert check([claim(30500)]) == []  # within 1% of 30,228
    assert len(check([claim(30600)])) == 1  # 1.2% off
    assert check([claim(30600)], tolerance=0.02) == []


def test_a_running_total_between_two_points_must_lie_between_them():
    between = dt.date(2024, 3, 5)
    assert check([claim(31200, as_of=between)]) == []
    (low,) = check([claim(29000, as_of=between)])
    assert "| 30,960 | 2024-03-03 |" in low.message
    (high,) = check([claim(33000, as_of=between)])
    assert "| 31,819 | 2024-03-08 |" in high.message
    # After the last point a total can only be compared from below.
    assert check([claim(40000, as_of=dt.date(2024, 3, 20))]) == []
    assert len(check([claim(29000, as_of=dt.date(2024, 3, 20))])) == 1


def test_a_figure_of_the_day_before_is_not_wrong():
    assert check([claim(30228, as_of=dt.date(2024, 3, 2))]) == []


def test_other_subjects_parts_and_one_day_figures_are_not_compared():
    assert check([claim(25000, location="Rafah")]) == []
    assert check([claim(25000, group="children")]) == []
    assert check([claim(120)]) == []  # a part: one strike's dead
    assert check([claim(25000, event="day")]) == []
    assert check([claim(25000, trend="up")]) == []
    assert check([claim(25000, modality="projected")]) == []


def test_a_measure_that_is_no_running_total_is_compared_on_series_dates_only():
    assert len(check([claim(4000, measure="troops")])) == 1
    assert check([claim(4000, measure="troops", as_of=dt.date(2024, 3, 5))]) == []


def test_stale_names_the_newer_value_out_at_publication():
    old = claim(30228, as_of=dt.date(2024, 3, 9))
    (finding,) = check([old], mode="stale", published=dt.date(2024, 3, 9))
    assert finding.message == (
        "30,228 | 30,228 | 2024-03-01 | toll.csv:2 | 31,819 | 2024-03-08 | Ministry of Health"
    )
    # The disagree rule leaves a repeated old value to the stale rule.
    assert check([old], published=dt.date(2024, 3, 9)) == []


def test_not_stale_before_the_newer_value_was_out_or_when_the_article_gives_it():
    old = claim(30228, as_of=dt.date(2024, 3, 1))
    assert check([old], mode="stale", published=dt.date(2024, 3, 3)) == []  # lag of one day
    assert len(check([old], mode="stale", published=dt.date(2024, 3, 4))) == 1
    history = [old, claim(31819, as_of=dt.date(2024, 3, 8))]
    assert check(history, mode="stale", published=dt.date(2024, 3, 9)) == []


def test_no_series_no_findings():
    assert check([claim(1)], series="date,measure,place,value\n") == []


def test_the_sample_series_agrees_with_the_seed_figures():
    points = load_series([SAMPLE], vocabulary=VOCABULARY)
    on = {(p.measure, p.date): p.value for p in points}
    assert on[("killed", dt.date(2023, 10, 30))] == 8309
    kind = get_kind("reference")
    rule = Rule(
        id="T1",
        name="t.r",
        kind="reference",
        level="error",
        message="{reference}",
        options=MappingProxyType(dict(kind.OPTIONS)),
    )
    ruleset = RuleSet(rules=(rule,), vocabulary=VOCABULARY, settings=Settings())
    documents = [Document(path="a.txt", text="", published=dt.date(2023, 10, 30))]
    seed = claim(8306, as_of=dt.date(2023, 10, 30))  # the seeds' October 30 toll
    assert run([seed], documents, ruleset, references=points) == []
    wrong = claim(6306, as_of=dt.date(2023, 10, 30))
    (finding,) = run([wrong], documents, ruleset, references=points)
    assert finding.message == "8,309"


def test_a_series_named_in_the_settings_file_is_used(tmp_path):
    """`reference:` in factcheck.yaml works as --reference, relative to the file."""
    (tmp_path / "series").mkdir()
    (tmp_path / "series" / "toll.csv").write_text(
        "date,measure,place,value\n2023-11-01,killed,Gaza,8900\n2023-11-02,killed,Gaza,9061\n"
    )
    (tmp_path / "factcheck.yaml").write_text("reference: [series/toll.csv]\n")
    (tmp_path / "draft.md").write_text(
        "---\npublished: 2023-11-02\n---\n\n"
        "The ministry said on Thursday that 7,500 people had been killed in Gaza.\n"
    )
    done = subprocess.run(
        ["factcheck", "check", str(tmp_path / "draft.md"), "--format", "line", "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "FC501" in done.stdout, done.stdout + done.stderr
