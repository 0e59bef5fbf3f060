"""Extraction under hostile input: figures too large for a float, approximate negative
figures, very long lines and documents (bounded sentences, positions kept)."""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path

import jsonschema
import pytest

from checker import api, documents
from checker.cli import main
from checker.documents import load_text
from checker.extraction import MAX_SENTENCE, pieces
from checker.report import load_schema

FIGURE = "At least 40 people were killed in Gaza on Monday, officials said."
ERROR_LINE = re.compile(r"^factcheck: error: ")
LOCATED_ERROR = re.compile(r"^factcheck: error: .+:\d+:\d+: \S")


def run(argv, capsys) -> tuple[int, str, str]:
    """``main(argv)``: exit code, stdout, stderr."""
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_json(paths, capsys, *extra) -> tuple[int, dict, str]:
    code, out, err = run(["check", *paths, "--format", "json", "--no-cache", *extra], capsys)
    assert code in (0, 1), err
    data = json.loads(out)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    return code, data, err


def assert_clean_stderr(err: str) -> None:
    """One line per message, each a factcheck message, never a traceback."""
    assert "Traceback" not in err
    for line in err.splitlines():
        assert line.startswith("factcheck: "), err


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No settings file from the repository, no shared cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv(documents.MAX_FILE_ENV, raising=False)


def script_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", FACTCHECK_CACHE_DIR=str(tmp_path / ".cache"))
    env.pop(documents.MAX_FILE_ENV, None)
    env.update(extra)
    return env


def figure_at(raw: str, line: int, column: int) -> str:
    """The text of a file as stored from 1-based ``line``:``column`` to the end of the line."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[line - 1][column - 1 :]


# -- inputs: figures ---------------------------------------------------------------------------


def test_figures_too_large_for_a_float_are_not_claims(tmp_path, capsys):
    """A 400-digit number overflowed to infinity, which JSON cannot hold: internal error."""
    (tmp_path / "a.txt").write_text(
        f"There were {'9' * 400} people killed. It cost ${'9' * 330} billion.\n\n{FIGURE}\n"
    )
    for fmt in ("json", "sarif", "table", "line", "github"):
        code, out, err = run(["check", tmp_path, "--format", fmt, "--no-cache"], capsys)
        assert code in (0, 1) and err == "", (fmt, err)
    _, data, _ = check_json([tmp_path], capsys)
    assert [c["text"] for c in data["claims"]] == ["At least 40 people"]


@pytest.mark.parametrize(
    "text",
    [
        "About minus 5 people were counted.",  # approximately, negative: [-5.5, -4.5]
        "Temperatures fell to nearly minus 5 degrees Celsius.",
        "The wall is nearly minus 0.5 ft (55 miles) away.",  # a conversion carrying it
    ],
)
def test_approximate_negative_figures_have_an_interval(nlp, text):
    """Both raised "empty interval" in Claim: one such sentence failed the whole run."""
    claims = api.extract(text)
    assert claims
    for claim in claims:
        assert claim.low is None or claim.low <= claim.value
        assert claim.high is None or claim.value <= claim.high


# -- inputs: size ----------------------------------------------------------------------------


DENSE_PROSE = (
    "officials said that at least 40 people were killed in Gaza on Monday and 1,200 more "
    "were injured while about 3.5 million dollars of aid and 250 tonnes of flour arrived"
)


def prose_line(size: int, seed: int = 1) -> str:
    """One line of news-like prose dense with figures, no line breaks, ``size`` characters."""
    words = DENSE_PROSE.split()
    rng = random.Random(seed)
    return " ".join(rng.choice(words) for _ in range(size // 5))[:size]


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param("\n ", id="blank lines"),  # the paragraph pattern's look-ahead
        pytest.param("\x07\n", id="symbol lines"),  # the candidate test's "^\\W*one"
    ],
)
def test_many_short_lines_are_cut_into_pieces_in_linear_time(lines):
    """Two patterns ran on across every following line: 80 KB took ten seconds or more."""
    text = "1 killed\n" + lines * 40_000 + "\n2 killed"
    started = time.perf_counter()
    found = pieces(text)
    assert time.perf_counter() - started < 2
    assert [p.text.strip(" \n\x07") for p in found][-1] == "2 killed"


def test_run_on_text_is_parsed_in_bounded_sentences(nlp):
    """A line with no full stops was parsed as 20,000-character sentences, each copied into
    every claim it holds: a 5 MB dump printed over 1 GB of JSON, and took minutes more."""
    text = prose_line(60_000)
    claims = api.extract(text)
    assert len(claims) > 500
    assert max(len(c.sentence) for c in claims) <= MAX_SENTENCE
    assert all(text[c.start : c.end] == c.text for c in claims)
    assert all(c.sentence in text and c.text in c.sentence for c in claims)


def test_a_claim_deep_in_a_long_document_keeps_its_position(nlp):
    """1.5 MB, one paragraph (cut into 20,000-character pieces) then more paragraphs."""
    filler = "The committee met again in the capital and talked at length about the plan. "
    head = filler * (1_400_000 // len(filler))
    tail = "\n\n" + "Another paragraph without figures.\n" * 3000
    text = head + FIGURE + " " + filler * 200 + tail
    assert len(text) > 1_500_000 > nlp.max_length
    document = load_text(text, path="long.txt")
    claims = [c for c in api.extract_documents([document]) if "40 people" in c.text]
    assert len(claims) == 1
    claim = claims[0]
    assert text[claim.start : claim.end] == claim.text == "At least 40 people"
    assert claim.start == len(head)
    assert (claim.line, claim.column) == (1, claim.start + 1)
    assert claim.sentence == FIGURE


def test_a_claim_after_a_long_unbroken_line_keeps_its_position(nlp):
    """Text with no sentence end for 100,000 characters, then a figure on the next line."""
    blob = "x" * 100_000
    text = f"{blob}\n{FIGURE}\n"
    claims = api.extract(text)
    assert [(c.text, c.line, c.column) for c in claims] == [("At least 40 people", 2, 1)]
