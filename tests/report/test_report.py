"""The renderers: JSON to the contract and its schema, line output, rich tables, wording."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import random
import re
from types import EllipsisType

import pytest
from rich.console import Console

from checker.errors import UsageError
from checker.model import (
    LEVELS,
    PUBLISHED_FROM,
    QUALIFIERS,
    TRENDS,
    Attribution,
    Claim,
    Document,
    Finding,
    Report,
)
from checker.report import FORMATS, RENDERERS, load_schema, render, schema_path
from checker.report.jsonout import report_dict, to_json
from checker.wording import format_figure, format_number

CONTRACT_DOCUMENT_KEYS = ["path", "title", "published", "published_from", "source"]
CONTRACT_CLAIM_KEYS = [
    "id", "path", "line", "column", "start", "end", "text", "sentence",
    "value", "low", "high", "qualifier", "trend", "unit", "concept", "measure",
    "location", "group", "subject", "as_of", "attribution",
    "modality", "event_date", "location_from", "part",
]  # fmt: skip
CONTRACT_FINDING_KEYS = [
    "rule", "kind", "level", "message", "path", "line", "column", "claim", "related",
]  # fmt: skip

OFFICIALS = Attribution("Israeli officials", "according to")
MINISTRY = Attribution("the Gaza health ministry", "said")


def claim(
    value: float,
    qualifier: str = "exact",
    low: float | None | EllipsisType = ...,
    high: float | None | EllipsisType = ...,
    **fields,
) -> Claim:
    """A claim with the interval the extraction conventions give its qualifier."""
    open_above = ("at_least", "more_than")
    open_below = ("at_most", "less_than")
    if low is ...:
        low = None if qualifier in open_below else value
    if high is ...:
        high = None if qualifier in open_above else value
    fields.setdefault("text", f"{value:g}")
    fields.setdefault("sentence", f"A sentence with {fields['text']} in it.")
    fields.setdefault("start", 0)
    fields.setdefault("end", fields["start"] + len(fields["text"]))
    return Claim(value=value, low=low, high=high, qualifier=qualifier, **fields)


def finding(rule: str, kind: str, level: str, message: str, path: str, line: int, **fields):
    return Finding(rule, kind, level, message, path, line, fields.pop("column", 1), **fields)


def sample_report() -> Report:
    documents = (
        Document(
            "seeds/a.md",
            "...",
            title="Hamas attack on Israel [live]",
            published=dt.date(2023, 10, 30),
            published_from="metadata",
            source="Reuters",
            url="https://example.org/a",
        ),
        Document(
            "seeds/b.html",
            "...",
            title="Gaza – Ärzte berichten",
            published=dt.date(2023, 11, 2),
            published_from="inferred",
        ),
        Document("seeds/c.txt", "..."),
    )
    a, b, c = (d.path for d in documents)
    claims = (
        claim(
            1400.0,
            "at_least",
            text="at least 1,400 people",
            start=100,
            path=a,
            line=7,
            column=14,
            id="c1",
            concept="people",
            measure="killed",
            location="Israel",
            as_of=dt.date(2023, 10, 7),
            attribution=OFFICIALS,
        ),
        claim(
            2500.0,
            "approximately",
            2250.0,
            2750.0,
            text="some 2,500 troops",
            start=220,
            path=a,
            line=9,
            column=3,
            id="c2",
            concept="troops",
            measure="troops",
            location="Iraq",
        ),
        claim(
            4500000.0,
            text="$4.5m",
            start=300,
            path=a,
            line=11,
            column=5,
            id="c3",
            unit="USD",
            concept="aid",
        ),
        claim(
            2.0,
            text="rose 2%",
            start=340,
            path=a,
            line=12,
            column=1,
            id="c4",
            unit="percent",
            trend="up",
            concept="prices",
        ),
        claim(
            8306.0,
            text="8,306 people",
            start=40,
            path=b,
            line=3,
            column=20,
            id="c5",
            concept="people",
            measure="killed",
            location="Gaza",
            as_of=dt.date(2023, 10, 30),
            attribution=MINISTRY,
        ),
        claim(
            24.0,
            "vague",
            24.0,
            99.0,
            text="dozens of people",
            start=90,
            path=b,
            line=4,
            column=1,
            id="c6",
            concept="people",
            measure="injured",
            location="Gaza",
        ),
        claim(
            30.0,
            "range",
            30.0,
            40.0,
            text="between 30 and 40 hostages",
            start=150,
            path=b,
            line=6,
            column=8,
            id="c7",
            concept="hostages",
            measure="hostages",
            group="Hamas",
        ),
        claim(
            100.0,
            "more_than",
            text="more than 100 rockets",
            start=10,
            path=c,
            line=1,
            column=11,
            id="c8",
            concept="rockets",
            measure="strikes",
            location="Israel",
        ),
        claim(
            50.0,
            "at_most",
            text="up to 50 protesters",
            start=60,
            path=c,
            line=2,
            column=1,
            id="c9",
            concept="protesters",
            measure="protesters",
        ),
        claim(
            1200000.0,
            "less_than",
            text="fewer than 1.2 million people",
            start=80,
            path=c,
            line=3,
            column=1,
            id="c10",
            concept="people",
            measure="displaced",
            location="Gaza",
            as_of=dt.date(2023, 11, 1),
        ),
        claim(
            1100.0,
            text="1,100 people",
            start=120,
            path=c,
            line=4,
            column=2,
            id="c11",
            concept="people",
            measure="killed",
            location="Israel",
            as_of=dt.date(2023, 10, 8),
        ),
    )
    findings = (
        finding(
            "FC101",
            "contradiction",
            "error",
            "1,100 killed in Israel contradicts 1,400",
            c,
            4,
            column=2,
            claim="c11",
            related=("c1",),
        ),
        finding(
            "FC201",
            "stale",
            "warning",
            "The figure 8,306 is stale:\n  a later one exists",
            b,
            3,
            column=20,
            claim="c5",
        ),
        finding(
            "FC301",
            "unattributed",
            "warning",
            "No source for 2,500 troops",
            a,
            9,
            column=3,
            claim="c2",
        ),
        finding(
            "FC401",
            "conversion",
            "suggestion",
            "Give 4,500,000 in local currency too",
            a,
            11,
            column=5,
            claim="c3",
        ),
    )
    return Report(documents, claims, findings)


def shuffled(report: Report, seed: int) -> Report:
    rng = random.Random(seed)
    lists = [list(report.documents), list(report.claims), list(report.findings)]
    for items in lists:
        rng.shuffle(items)
    return Report(*(tuple(items) for items in lists))


@pytest.fixture
def report() -> Report:
    return sample_report()


# The registry


def test_formats_and_registry_agree():
    assert FORMATS == ("table", "json", "line", "sarif", "github", "html", "junit")
    assert tuple(RENDERERS) == FORMATS


def test_unknown_format_names_the_known_ones(report):
    with pytest.raises(UsageError, match="table, json, line"):
        render(report, "xml")


def test_unknown_mode_fails(report):
    with pytest.raises(ValueError, match="check, extract"):
        render(report, "json", mode="lint")


def test_a_new_format_slots_into_the_registry(report, monkeypatch):
    seen = {}

    def sarif(report, *, console, mode, as_of):
        seen.update(mode=mode, as_of=as_of)
        return "{}"

    monkeypatch.setitem(RENDERERS, "sarif", sarif)
    assert render(report, "sarif", as_of=dt.date(2024, 1, 1)) == "{}"
    assert seen == {"mode": "check", "as_of": dt.date(2024, 1, 1)}


# JSON


def test_json_keys_in_contract_order(report):
    data = json.loads(render(report, "json"))
    assert list(data) == ["schema", "documents", "claims", "findings", "summary"]
    assert data["schema"] == "factcheck/1"
    for document in data["documents"]:
        assert list(document)[: len(CONTRACT_DOCUMENT_KEYS)] == CONTRACT_DOCUMENT_KEYS
        assert list(document)[len(CONTRACT_DOCUMENT_KEYS) :] == ["url", "claims"]
    for item in data["claims"]:
        assert list(item) == CONTRACT_CLAIM_KEYS
    for item in data["findings"]:
        assert list(item) == CONTRACT_FINDING_KEYS
    assert list(data["summary"]) == ["documents", "claims", "findings"]
    assert list(data["summary"]["findings"]) == ["error", "warning", "suggestion"]


def test_json_values(report):
    data = report_dict(report)
    assert data["summary"] == {
        "documents": 3,
        "claims": 11,
        "findings": {"error": 1, "warning": 2, "suggestion": 1},
    }
    a, b, c = data["documents"]
    assert a == {
        "path": "seeds/a.md",
        "title": "Hamas attack on Israel [live]",
        "published": "2023-10-30",
        "published_from": "metadata",
        "source": "Reuters",
        "url": "https://example.org/a",
        "claims": 4,
    }
    assert (b["published_from"], b["claims"]) == ("inferred", 3)
    assert (c["published"], c["published_from"], c["title"], c["claims"]) == (None, None, None, 4)
    first = data["claims"][0]
    assert first["attribution"] == {"source": "Israeli officials", "cue": "according to"}
    assert (first["value"], first["low"], first["high"]) == (1400.0, 1400.0, None)
    assert first["subject"] == "killed|Israel"
    assert data["findings"][0]["related"] == []


def test_json_text_form(report):
    text = to_json(report)
    assert text == render(report, "json")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert '"value": 1400.0,' in text  # floats stay floats
    assert '"low": null,' in text
    assert "Gaza – Ärzte" in text  # UTF-8 as is, not \u escapes
    assert text.startswith('{\n  "schema": "factcheck/1",\n  "documents": [\n    {\n')


def test_json_is_deterministic(report):
    assert to_json(report) == to_json(report)
    assert to_json(report) == to_json(sample_report())


@pytest.mark.parametrize("seed", range(5))
def test_json_does_not_depend_on_input_order(report, seed):
    assert to_json(shuffled(report, seed)) == to_json(report)


def test_json_lists_in_path_then_position_order(report):
    data = report_dict(shuffled(report, 1))
    assert [d["path"] for d in data["documents"]] == ["seeds/a.md", "seeds/b.html", "seeds/c.txt"]
    claims = [(c["path"], c["start"]) for c in data["claims"]]
    assert claims == sorted(claims)
    findings = [(f["path"], f["line"], f["column"], f["rule"]) for f in data["findings"]]
    assert findings == sorted(findings)


def test_json_extract_mode_has_no_findings(report):
    data = json.loads(render(report, "json", mode="extract"))
    assert list(data) == ["schema", "documents", "claims", "findings", "summary"]
    assert data["findings"] == []
    assert data["summary"] == {
        "documents": 3,
        "claims": 11,
        "findings": {"error": 0, "warning": 0, "suggestion": 0},
    }
    assert data["claims"] == report_dict(report)["claims"]


def test_json_of_an_empty_report():
    data = report_dict(Report())
    assert data == {
        "schema": "factcheck/1",
        "documents": [],
        "claims": [],
        "findings": [],
        "summary": {"documents": 0, "claims": 0,
                    "findings": {"error": 0, "warning": 0, "suggestion": 0}},
    }  # fmt: skip


def test_json_output_holds_no_clock_or_machine_details(report):
    text = to_json(report)
    assert dt.date.today().isoformat() not in text
    assert "/work" not in text


# The JSON Schema


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_schema_ships_as_package_resource():
    assert schema_path().name == "schema.json"
    assert schema_path().is_file()
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("mode", ["check", "extract"])
def test_output_validates(validator, report, mode):
    validator.validate(json.loads(render(report, "json", mode=mode)))
    validator.validate(report_dict(Report(), mode=mode))


def test_schema_enums_match_the_model():
    defs = load_schema()["$defs"]
    claim_props = defs["claim"]["properties"]
    assert claim_props["qualifier"]["enum"] == list(QUALIFIERS)
    assert claim_props["trend"]["enum"] == [*TRENDS, None]
    assert defs["finding"]["properties"]["level"]["enum"] == list(LEVELS)
    assert defs["document"]["properties"]["published_from"]["enum"] == [*PUBLISHED_FROM, None]
    assert defs["claim"]["required"] == CONTRACT_CLAIM_KEYS
    assert defs["finding"]["required"] == CONTRACT_FINDING_KEYS
    assert defs["document"]["required"] == CONTRACT_DOCUMENT_KEYS


def _broken(data: dict, change) -> dict:
    data = copy.deepcopy(data)
    change(data)
    return data


BREAKAGES = {
    "bad qualifier": lambda d: d["claims"][0].update(qualifier="roughly"),
    "bad trend": lambda d: d["claims"][0].update(trend="sideways"),
    "bad level": lambda d: d["findings"][0].update(level="fatal"),
    "bad kind": lambda d: d["findings"][0].update(kind="made-up"),
    "bad published_from": lambda d: d["documents"][0].update(published_from="guess"),
    "published not a date": lambda d: d["documents"][0].update(published="30/10/2023"),
    "impossible date": lambda d: d["claims"][0].update(as_of="2023-02-30"),
    "value as string": lambda d: d["claims"][0].update(value="1400"),
    "line zero": lambda d: d["findings"][0].update(line=0),
    "negative start": lambda d: d["claims"][0].update(start=-1),
    "wrong schema": lambda d: d.update(schema="factcheck/2"),
    "missing summary": lambda d: d.pop("summary"),
    "missing claim subject": lambda d: d["claims"][0].pop("subject"),
    "missing claim attribution": lambda d: d["claims"][0].pop("attribution"),
    "missing finding related": lambda d: d["findings"][0].pop("related"),
    "missing document published_from": lambda d: d["documents"][0].pop("published_from"),
    "missing warning count": lambda d: d["summary"]["findings"].pop("warning"),
    "attribution without cue": lambda d: d["claims"][0]["attribution"].pop("cue"),
    "related not a list": lambda d: d["findings"][0].update(related="c1"),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_invalid_output_fails_validation(validator, report, name):
    data = _broken(report_dict(report), BREAKAGES[name])
    assert not validator.is_valid(data)


def test_schema_allows_added_keys(validator, report):
    def add(data):
        data["generator"] = "factcheck 0.2"
        data["documents"][0]["language"] = "en"
        data["claims"][0]["confidence"] = 0.9
        data["findings"][0]["fix"] = None

    validator.validate(_broken(report_dict(report), add))


# line


def test_line_one_per_finding(report):
    assert render(report, "line") == (
        "seeds/a.md:9:3: warning FC301 No source for 2,500 troops\n"
        "seeds/a.md:11:5: suggestion FC401 Give 4,500,000 in local currency too\n"
        "seeds/b.html:3:20: warning FC201 The figure 8,306 is stale: a later one exists\n"
        "seeds/c.txt:4:2: error FC101 1,100 killed in Israel contradicts 1,400\n"
    )


def test_line_without_findings_is_empty():
    assert render(Report(), "line") == ""


def test_line_extract_one_per_claim(report):
    lines = render(report, "line", mode="extract").splitlines()
    assert len(lines) == len(report.claims)
    assert lines[0] == (
        "seeds/a.md:7:14: claim value=1400 qualifier=at_least concept=people measure=killed"
        ' location=Israel as_of=2023-10-07 source="Israeli officials"'
    )
    assert "seeds/a.md:11:5: claim value=4500000 qualifier=exact unit=USD concept=aid" in lines
    assert (
        "seeds/b.html:4:1: claim value=24 qualifier=vague low=24 high=99 concept=people"
        " measure=injured location=Gaza"
    ) in lines
    assert any("value=2 qualifier=exact trend=up unit=percent" in line for line in lines)
    assert all("\x1b" not in line for line in lines)


# table


def table_text(report: Report, width: int, **options) -> str:
    console = Console(file=io.StringIO(), width=width, record=True, force_terminal=False)
    assert render(report, "table", console=console, **options) is None
    return console.export_text()


NUMBERS = [
    "1,400", "8,306", "2,500", "1,100", "1,200,000", "USD 4,500,000", "24–99", "30–40",
    "2%", "2023-10-07", "2023-10-30",
]  # fmt: skip
LOCATIONS = ["seeds/c.txt:4:2", "seeds/b.html:3:20", "seeds/a.md:9:3", "seeds/a.md:11:5"]


def test_table_never_cuts_numbers_or_locations_at_any_width(report):
    # Every width from a phone-sized terminal up, so each switch between the wide and the
    # narrow layouts is crossed. Only a "--> path:line:col" line may be wider than the
    # terminal: it is never wrapped, so that it stays clickable.
    problems = []
    for width in range(24, 201):
        text = table_text(report, width, show_claims=True)
        missing = [number for number in NUMBERS if number not in text]
        broken = [where for where in LOCATIONS if f"--> {where}" not in text]
        too_wide = [line for line in text.splitlines() if len(line) > width and "--> " not in line]
        # "…" only where a long sentence is cut around its figure, never in a table cell.
        cut = [line for line in text.splitlines() if "…" in line and "|  " not in line]
        if missing or broken or too_wide or cut:
            problems.append((width, missing, broken, too_wide))
    assert problems == []


def test_table_narrow_console_from_the_brief(report):
    text = table_text(report, 40)
    assert "8,306" in text and "--> seeds/b.html:3:20" in text
    assert "3 documents, 11 claims, 1 error, 2 warnings, 1 suggestion" in " ".join(text.split())


def test_table_check_mode_is_findings_first_grouped_by_file(report):
    text = table_text(shuffled(report, 5), 100)
    lines = text.splitlines()
    # No documents or claims tables by default: the first line names a file with findings.
    assert lines[0] == "seeds/a.md"
    assert not re.search(r"^(Documents|Claims)\s*$", text, re.MULTILINE)
    headers = [line for line in lines if line.startswith("seeds/")]
    assert headers == ["seeds/a.md", "seeds/b.html", "seeds/c.txt"]  # one header per file
    assert text.index("--> seeds/a.md:9:3") < text.index("--> seeds/a.md:11:5")
    assert text.rstrip().endswith("3 documents, 11 claims, 1 error, 2 warnings, 1 suggestion")
    # The message is one paragraph: its own line breaks are not kept.
    assert "The figure 8,306 is stale: a later one exists" in text


def test_table_shows_the_sentence_with_the_figure_marked(report):
    text = table_text(report, 100)
    lines = text.splitlines()
    sentence = next(
        n for n, line in enumerate(lines) if "A sentence with some 2,500 troops" in line
    )
    carets = lines[sentence + 1]
    start = lines[sentence].index("some 2,500 troops")
    assert carets[start : start + len("some 2,500 troops")] == "^" * len("some 2,500 troops")
    assert carets[:start].strip(" |") == ""


def test_table_shows_the_other_side_of_a_comparison(report):
    text = " ".join(table_text(report, 120).split())
    # FC101 on c11 cites c1: its figure, subject, date, source and where it is.
    assert (
        "= other figure: at least 1,400 (killed, Israel), as of 2023-10-07, "
        "source: Israeli officials --> seeds/a.md:7:14"
    ) in text


def test_table_show_claims_adds_documents_and_claims(report):
    text = table_text(report, 160, show_claims=True)
    for title in ("Documents", "Claims"):
        assert re.search(rf"^{title}\s*$", text, re.MULTILINE)
    assert text.index("Claims") < text.index("--> seeds/a.md:9:3")
    assert "2023-10-30 (metadata)" in text
    assert "2023-11-02 (inferred)" in text
    assert "Hamas attack on Israel [live]" in text  # brackets are text, not markup
    assert "unattributed" in text and "Israeli officials" in text
    for words in ("at least 1,400", "about 2,500", "more than 100", "24–99 (dozens)", "30–40"):
        assert words in text


def test_table_claims_grouped_by_subject_in_words(report):
    text = table_text(shuffled(report, 3), 160, mode="extract")
    assert "|" not in text.replace("│", "")  # no internal keys such as killed|Gaza
    for label in ("killed, Israel", "killed, Gaza", "troops, Iraq", "aid (USD)"):
        assert label in text
    assert text.index("killed, Gaza") < text.index("killed, Israel")
    assert text.count("killed, Israel") == 1  # the subject heads its group once

    def dated(path: str, value: float, as_of: dt.date | None) -> Claim:
        return claim(value, path=path, measure="killed", location="Gaza", as_of=as_of)

    later_file_earlier_date = Report(
        claims=(
            dated("a.md", 8000.0, dt.date(2023, 10, 30)),
            dated("b.md", 7000.0, None),
            dated("c.md", 1400.0, dt.date(2023, 10, 7)),
        )
    )
    text = table_text(later_file_earlier_date, 160, mode="extract")
    assert text.index("1,400") < text.index("8,000") < text.index("7,000")


def test_table_as_of_in_summary(report):
    text = table_text(report, 160, as_of=dt.date(2024, 1, 15))
    assert "1 suggestion (checked as of 2024-01-15)" in text


def test_table_without_findings(report):
    quiet = Report(report.documents, report.claims, ())
    text = table_text(quiet, 100)
    assert text.splitlines()[0] == "No findings."
    assert "3 documents, 11 claims, 0 errors, 0 warnings, 0 suggestions" in text


def test_table_without_summary_prints_findings_only(report):
    text = table_text(report, 100, summary=False)
    assert "documents," not in text and "--> seeds/a.md:9:3" in text
    assert table_text(Report(report.documents, report.claims, ()), 100, summary=False) == ""


def test_table_extract_mode(report):
    text = table_text(report, 100, mode="extract")
    assert "Documents" in text and "Claims" in text
    assert "-->" not in text and "No findings" not in text
    assert text.rstrip().endswith("3 documents, 11 claims")


def test_table_of_an_empty_report():
    text = table_text(Report(), 80)
    assert "No findings." in text
    assert "0 documents, 0 claims, 0 errors, 0 warnings, 0 suggestions" in text
    text = table_text(Report(), 80, mode="extract")
    assert "No documents." in text and "No claims." in text


@pytest.mark.parametrize("width", [40, 120])
def test_table_has_no_escape_codes_off_a_terminal(report, width):
    out = io.StringIO()
    render(report, "table", console=Console(file=out, width=width, force_terminal=False))
    assert "\x1b" not in out.getvalue()


def _colour_codes(text: str) -> set[str]:
    codes = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", text):
        codes.update(p for p in params.split(";") if re.fullmatch(r"3[0-9]|9[0-7]|4[0-9]", p))
    return codes


def test_table_colours_levels_on_a_terminal_unless_no_color(report):
    coloured = io.StringIO()
    console = Console(file=coloured, width=120, force_terminal=True, color_system="standard")
    render(report, "table", console=console)
    assert "31" in _colour_codes(coloured.getvalue())  # errors in red

    plain = io.StringIO()
    console = Console(
        file=plain, width=120, force_terminal=True, color_system="standard", no_color=True
    )
    render(report, "table", console=console)
    assert _colour_codes(plain.getvalue()) == set()


def test_table_defaults_to_a_console_on_stdout(report, capsys):
    assert render(report, "table") is None
    assert "8,306" in capsys.readouterr().out


# Wording


def test_format_number():
    assert format_number(1400.0) == "1,400"
    assert format_number(2.5) == "2.5"
    assert format_number(1200000) == "1,200,000"
    assert format_number(1234.56) == "1,234.56"
    assert format_number(0.1 + 0.2) == "0.3"
    assert format_number(-3000.0) == "-3,000"
    assert format_number(0.0) == "0"


@pytest.mark.parametrize(
    ("made", "words"),
    [
        (claim(1400.0), "1,400"),
        (claim(1.0), "1"),
        (claim(1400.0, "at_least"), "at least 1,400"),
        (claim(2500.0, "approximately", 2250.0, 2750.0), "about 2,500"),
        (claim(100.0, "more_than"), "more than 100"),
        (claim(50.0, "at_most"), "at most 50"),
        (claim(50.0, "less_than"), "fewer than 50"),
        (claim(5.0, "less_than", unit="kilometer"), "less than 5 km"),
        (claim(30.0, "range", 30.0, 40.0), "30–40"),
        (claim(1200.0, "range", 1200.0, 1500.0, unit="mile"), "1,200–1,500 miles"),
        (claim(24.0, "vague", 24.0, 99.0), "24–99 (dozens)"),
        (claim(2000.0, "vague", 2000.0, 9999.0), "2,000–9,999 (thousands)"),
        (claim(20000.0, "vague", 20000.0, 99999.0), "20,000–99,999 (tens of thousands)"),
        (claim(3.0, "vague", 3.0, 9.0), "3–9 (several)"),
        (claim(7.0, "vague", 7.0, 70.0), "7–70 (vague)"),
        (claim(5.0, "vague", 5.0, None), "5 or more (vague)"),
        (claim(1200000.0), "1,200,000"),
        (claim(2.5, unit="percent"), "2.5%"),
        (claim(2.0, unit="percent", trend="up"), "up 2%"),
        (claim(3000.0, trend="down"), "down 3,000"),
        (claim(4500000.0, unit="USD"), "USD 4,500,000"),
        (claim(4500000.0, "approximately", 4.05e6, 4.95e6, unit="EUR"), "about EUR 4,500,000"),
        (claim(1.0, unit="mile"), "1 mile"),
        (claim(1.0, "at_least", unit="mile"), "at least 1 mile"),
        (claim(55.0, "approximately", 49.5, 60.5, unit="mile"), "about 55 miles"),
        (claim(30.0, unit="degree_Celsius"), "30°C"),
        (claim(72.0, unit="hour"), "72 hours"),
        (claim(3.0, unit="percentage_point"), "3 percentage points"),
        (claim(12.0, unit="square_kilometer"), "12 km²"),
        (claim(3.0, unit="cubic_meter"), "3 cubic meter"),
        (claim(3.0, unit="kilometer ** 2"), "3 kilometer²"),
    ],
)
def test_format_figure(made, words):
    assert format_figure(made) == words
