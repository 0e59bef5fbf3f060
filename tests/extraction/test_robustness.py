"""Extraction under hostile input: figures too large for a float, approximate negative
figures, very long lines and documents (bounded sentences, positions kept)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from checker import api
from checker.documents import load_text
from checker.extraction import (
    FIGURE_RE,
    MAX_FIGURES_PER_DOCUMENT,
    MAX_FIGURES_PER_SENTENCE,
    MAX_SENTENCE,
    cut,
    figures_skipped,
    pieces,
    sentences,
)

from ..hostile import (
    FIGURE,
    _isolated,  # noqa: F401 - an autouse fixture: no settings, no shared cache
    check_json,
    run,
)

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
    found = pieces(text)  # linear: bench/hostile_speed.py times it (no timed test, issue 17)
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


# -- inputs: number-dense text (issue 17, item 8) --------------------------------------------


def _figures(text: str) -> int:
    return len(FIGURE_RE.findall(text))


def _table(rows: int) -> str:
    rng = random.Random(5)
    lines = ["| place | killed | injured | displaced | day | share |", "|---|---|---|---|---|---|"]
    for _ in range(rows):
        lines.append(
            f"| Gaza | {rng.randint(0, 9_999):,} | {rng.randint(0, 99_999):,} "
            f"| {rng.randint(0, 999_999):,} | {rng.randint(1, 31)} | {rng.uniform(0, 100):.1f}% |"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("At least " + "1, " * 100_000 + "1 people were killed.\n", id="commas"),
        pytest.param(_table(10_000), id="markdown table"),
        pytest.param(
            ("At least 4 people were killed, officials said. " * 40 + "\n\n") * 300,
            id="many sentences",
        ),  # fmt: skip
    ],
)
def test_dense_figures_are_read_up_to_the_caps_and_the_rest_counted(text):
    """1.5 MB of "1, 1, 1, ..." took 509 s and 1.7 GB; a 1.2 MB table 193 s: every figure
    was parsed and became a claim. Now a sentence is read up to MAX_FIGURES_PER_SENTENCE
    figures, a document up to MAX_FIGURES_PER_DOCUMENT, and the rest counted as skipped."""
    found = cut(text)
    assert [p.text for p in found.pieces] == [p.text for p in pieces(text)]
    read = [_figures(p.text) for p in found.pieces if p.needed]
    parts = [part for p in found.pieces if p.needed for _, part in sentences(p.start, p.text)]
    assert max(_figures(part) for part in parts) <= MAX_FIGURES_PER_SENTENCE
    assert sum(read) <= MAX_FIGURES_PER_DOCUMENT
    assert sum(read) + found.skipped == _figures(text)  # nothing is lost without a count
    assert found.skipped > 0 and figures_skipped(text) == found.skipped
    for piece in found.pieces:  # cut short, still where it stands in the document
        assert text[piece.start : piece.start + len(piece.text)] == piece.text


def test_news_is_never_capped(root):
    for path in sorted((root / "seeds").glob("*.md")):
        text = path.read_text()
        assert figures_skipped(text) == 0
        assert cut(text).pieces == pieces(text)


def test_a_dense_file_is_read_in_part_with_a_note_naming_it(capsys, nlp):
    Path("dense.txt").write_text(
        "At least 12 people were killed in Gaza, officials said.\n\n"
        + "Totals: "
        + "1, " * 60_000
        + "1.\n",  # fmt: skip
        encoding="utf-8",
    )
    code, out, err = run(["extract", "dense.txt", "--format", "json", "--no-cache"], capsys)
    assert code == 0, err
    claims = json.loads(out)["claims"]
    assert claims[0]["text"] == "At least 12 people"
    assert len(claims) <= MAX_FIGURES_PER_DOCUMENT
    assert err.count("\n") == 1 and err.startswith("factcheck: warning: dense.txt: "), err
    assert f"{MAX_FIGURES_PER_DOCUMENT:,} per document" in err
