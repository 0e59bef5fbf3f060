"""Property tests: generated documents and rule files (issue 7).

Documents are random mixes of prose, figures in every format the extractor reads (and some
it must not), qualifiers, units, dates, attribution, markup, control characters and
arbitrary unicode. Rule files are random YAML structures over the rule-file keys, plus
random YAML syntax. A modest sample runs in CI; ``bench/fuzz.py`` runs ten thousand.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tempfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import api, config
from checker.config import load_ruleset, load_settings
from checker.documents import extract_html, load_text
from checker.errors import ConfigError
from checker.extraction import MAX_PIECE, pieces
from checker.findings.engine import finding_order
from checker.findings.engine import run as run_rules
from checker.model import QUALIFIERS, Report
from checker.report import load_schema, render

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
VALIDATOR = jsonschema.Draft202012Validator(load_schema())

# -- documents -------------------------------------------------------------------------------

PROSE = (
    "the officials said people were killed injured in Gaza Israel Iraq Syria troops "
    "protesters hostages displaced arrested on Monday Tuesday yesterday last week since "
    "ministry police reported health according to at least a total of more than some rose "
    "fell by to from and or but while He She They it was is had been"
)
WORDS = tuple(PROSE.split())
NUMBERS = (
    "40", "1,400", "8,306", "1.5", "0.25", ".5", "1.2 million", "3.5bn", "$40", "$1.8bn",
    "US$5", "HK$1.8", "£40m", "€1,200", "¥300", "₹2 crore", "40%", "40 per cent", "4.25%",
    "forty", "two hundred", "twenty-five", "a dozen", "dozens", "hundreds", "thousands",
    "hundreds of thousands", "tens of thousands", "several", "a few", "half", "1/2", "3½",
    "40th", "1st", "30-40", "30 to 40", "between 30 and 40", "30–40", "-5", "minus 5",
    "1e5", "10^6", "0", "000", "007", "1,00,000", "12.5.2023", "+44 20 7946 0958", "2023",
    "1990s", "'90s", "10:30", "3pm", "v1.2.3", "No. 5", "COVID-19", "F-16", "A4", "٤٠",
    "４０", "一百", "1 000", "1 000 000", "9" * 40, "9" * 400, "1" + "0" * 320,
)  # fmt: skip
QUALIFIER_WORDS = (
    "at least", "about", "around", "approximately", "nearly", "almost", "more than",
    "over", "fewer than", "less than", "up to", "some", "roughly", "an estimated", "~",
)  # fmt: skip
UNITS = (
    "people", "troops", "km", "kilometres", "miles", "mph", "kg", "tonnes", "acres",
    "hectares", "°C", "degrees Celsius", "degrees Fahrenheit", "F", "metres", "m", "ft",
    "litres", "barrels", "points", "per cent", "%", "dollars", "euros", "rockets",
)  # fmt: skip
DATES = (
    "on October 7", "on Monday", "on Tuesday, December 26", "in 2023", "2023-10-30",
    "Oct. 30, 2023", "30 October 2023", "last year", "the 26th of December", "Feb 30",
    "on Good Friday", "since Oct 7",
)  # fmt: skip
MARKUP = (
    "\n\n", "\n", "# ", "## ", "* ", "- ", "> ", "1. ", "**", "_", "`", "```\n", "[link](x)",
    "![img](y.png)", "| a | 40 |\n|---|---|\n", "<!-- factcheck: disable FC301 -->",
    "factcheck: ignore", "---\n", "<p>", "</p>", "<br>", "<div hidden>", "</div>", "<b>",
    "<script>", "</script>", "&amp;", "&nbsp;", "&#40;", "&#x34;", "&#", "<![", "<!--",
    "-->", "<", ">", "&",
)  # fmt: skip
CONTROL = tuple(chr(c) for c in (*range(0, 32), 127)) + (
    "\r\n", "\r", "\u200b", "\u2028", "\u2029", "\ufeff", "\u202e", "\u0301", "\ufffd",
    "\U0001f600", "\ue000",
)  # fmt: skip


def _phrase(parts) -> str:
    return " ".join(p for p in parts if p)


figures = st.builds(
    _phrase,
    st.tuples(
        st.sampled_from(("", *QUALIFIER_WORDS)),
        st.sampled_from(NUMBERS),
        st.sampled_from(("", *UNITS)),
        st.sampled_from(("", "were killed", "were injured", "fled", "rose 2%", "fell by 3,000")),
        st.sampled_from(("", "in Gaza", "in the Gaza Strip", "in Iraq", "in Syria")),
        st.sampled_from(("", *DATES)),
        st.sampled_from(("", "officials said", "according to the ministry", ", he said")),
    ),
)
fragments = st.one_of(
    figures,
    st.sampled_from(WORDS),
    st.sampled_from(MARKUP),
    st.sampled_from(CONTROL),
    st.sampled_from((". ", ", ", "; ", "! ", "? ", '"', "“", "”", "(", ")", " ")),
    st.text(max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=False, allow_infinity=False).map(str),
)
document_texts = st.lists(fragments, max_size=60).map(" ".join)


def _assert_claims_hold(document, claims) -> None:
    text = document.text
    raw = document.raw if document.raw is not None else text
    for claim in claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert claim.text and claim.text == claim.text.strip()
        assert claim.qualifier in QUALIFIERS
        for bound in (claim.value, claim.low, claim.high):
            assert bound is None or math.isfinite(bound)
        if claim.low is not None:
            assert claim.low <= claim.value, claim
        if claim.high is not None:
            assert claim.value <= claim.high, claim
        assert claim.line >= 1 and claim.column >= 1
        lines = raw.split("\n")
        assert claim.line <= len(lines)
        where = document.file_offset(claim.start)
        assert raw.count("\n", 0, where) + 1 == claim.line
        assert where - (raw.rfind("\n", 0, where) + 1) + 1 == claim.column
        assert raw[where] in (text[claim.start], "&"), (raw[where], claim)


@SETTINGS
@given(
    text=document_texts,
    published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
)
def test_extract_never_raises_and_claims_point_into_the_text(nlp, text, published):
    document = load_text(text, path="<text>", published=published)
    claims = api.extract_documents([document])
    _assert_claims_hold(document, claims)
    assert [c.start for c in claims] == sorted(c.start for c in claims)


@SETTINGS
@given(body=document_texts, text_format=st.sampled_from(("md", "html")))
def test_markdown_and_html_positions_point_into_the_file(nlp, body, text_format):
    raw = (
        f"---\ntitle: t\n---\n{body}"
        if text_format == "md"
        else f"<html><body><p>{body}</p></body></html>"
    )
    try:
        document = load_text(raw, path=f"a.{text_format}", format=text_format)
    except Exception as exc:  # only invalid front matter may refuse a document
        assert type(exc).__name__ == "InputError", exc
        return
    _assert_claims_hold(document, api.extract_documents([document]))


@SETTINGS
@given(text=document_texts)
def test_pieces_are_slices_of_the_text_in_order(text):
    end = 0
    for piece in pieces(text):
        assert piece.start >= end
        assert text[piece.start : piece.start + len(piece.text)] == piece.text
        assert len(piece.text) <= MAX_PIECE
        end = piece.start + len(piece.text)


html_pages = st.lists(
    st.one_of(
        st.sampled_from(MARKUP),
        st.sampled_from(
            (
                "<p>",
                "<li>",
                "<td>",
                "<pre>",
                "</pre>",
                "<table>",
                "<title>",
                "<a href='x'>",
                "</a>",
                "<![CDATA[x]]>",
                "<![if x]>",
                "<!doctype html>",
                "<?php ?>",
                "<meta name=date content=2023-10-30>",
                "<style>p{}</style>",
                "&copy;",
                "&#128512;",
                "&#xZZ;",
                "&notanentity;",
                "</",
                "<a ",
                '="',
                "'",
            )
        ),
        st.sampled_from(WORDS),
        figures,
        st.text(max_size=8),
    ),
    max_size=50,
).map("".join)


@SETTINGS
@given(page=html_pages)
def test_html_text_maps_every_character_back_to_the_page(page):
    result = extract_html(page)
    assert len(result.offsets) == len(result.text)
    assert list(result.offsets) == sorted(result.offsets)
    for char, at in zip(result.text, result.offsets, strict=True):
        assert 0 <= at <= len(page)
        if char not in " \n":
            assert page[at] in (char, "&"), (char, at, page)


@SETTINGS
@given(texts=st.lists(document_texts, min_size=1, max_size=3))
def test_check_output_validates_in_every_format(nlp, texts):
    """The whole pipeline, rules included, through every renderer."""
    documents = [
        load_text(t, path=f"d{k}.txt", published=dt.date(2023, 10, 30)) for k, t in enumerate(texts)
    ]
    report = _check(documents)
    data = json.loads(render(report, "json"))
    VALIDATOR.validate(data)
    for fmt in ("line", "sarif", "github"):
        assert isinstance(render(report, fmt), str)
    assert render(report, "json") == render(_check(documents), "json")


def _check(documents):
    ruleset = config.load_ruleset([])
    claims = api.extract_documents(documents, vocabulary=ruleset.vocabulary)
    findings = run_rules(claims, documents, ruleset, as_of=dt.date(2024, 1, 1))
    return Report(
        documents=tuple(documents),
        claims=tuple(claims),
        findings=tuple(sorted(findings, key=finding_order)),
    )


# -- rule files ------------------------------------------------------------------------------

RULE_KEYS = (
    "rules", "measures", "places", "groups", "id", "name", "kind", "level", "message",
    "description", "link", "filter", "options", "examples", "measures", "units",
    "locations", "qualifiers", "sentence", "text", "published", "as_of", "expect",
    "documents", "note", "path", "source", "title", "nouns", "verbs", "adjectives",
    "cumulative", "requires_attribution", "mode", "window_days", "same_sentence",
    "enable", "disable", "levels", "fail-on", "per-path", "default-rules",
)  # fmt: skip
VALUES = (
    "FC101", "FC999", "x.y", "contradiction", "stale", "unattributed", "conversion",
    "nosuchkind", "error", "warning", "suggestion", "fatal", "pass", "fail", "killed",
    "Gaza", "km", "USD", "percent", "bogus_unit", "{value} {measure}", "{nope}", "(a+)+",
    "[", "same-time", "2023-10-30", "2023-02-30", "*.md", "",
)  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=True),
    st.sampled_from(VALUES),
    st.text(max_size=10),
    st.dates(),
)
keys = st.one_of(st.sampled_from(RULE_KEYS), st.text(max_size=8))
yaml_data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=6)
    ),
    max_leaves=25,
)
rule_entries = st.fixed_dictionaries(
    {},
    optional={
        key: yaml_data
        for key in (
            "id",
            "name",
            "kind",
            "level",
            "message",
            "filter",
            "options",
            "examples",
            "description",
        )
    },
)
rule_files = st.one_of(
    yaml_data,
    st.fixed_dictionaries(
        {"rules": st.lists(rule_entries, max_size=3)},
        optional={"places": yaml_data, "measures": yaml_data, "groups": yaml_data},
    ),
)
YAML_SYNTAX = (
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!tag ",
    "%YAML 1.1\n",
    "? ",
    ": ",
    "- ",
    "|\n",
    ">\n",
    "---\n",
    "...\n",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "#",
    "\t",
    "\x00",
    "\ufeff",
    "<<: *a\n",
)


def _dump(data) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return repr(data)


@st.composite
def rule_texts(draw) -> str:
    text = _dump(draw(rule_files))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(YAML_SYNTAX)) + text[at:]
    return text


def _only_config_errors(load) -> None:
    try:
        load()
    except ConfigError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)


@SETTINGS
@given(text=rule_texts())
def test_a_rule_file_loads_or_raises_config_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules.yaml"
        path.write_text(text, "utf-8")
        _only_config_errors(lambda: load_ruleset([str(path)], default_rules=False))
        _only_config_errors(lambda: load_ruleset([str(path)]))
        path.with_name("factcheck.yaml").write_text(text, "utf-8")
        _only_config_errors(lambda: load_settings(path.with_name("factcheck.yaml")))


def test_a_rule_file_with_a_nul_raises_config_error():
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules.yaml"
        path.write_text("rules: []\n\x00", "utf-8")
        with pytest.raises(ConfigError):
            load_ruleset([str(path)], default_rules=False)
