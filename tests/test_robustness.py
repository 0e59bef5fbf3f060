"""Hostile input, broken rules, interrupted runs, deterministic output (issue 7).

factcheck runs unattended in CI over whatever lands in a folder: it must never crash, hang
or print a traceback. Most tests go through ``main([...])`` (fast, in process); the ones
about signals, terminals and the console script run the installed ``factcheck``.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from checker import api, documents
from checker.cli import main
from checker.documents import load_text
from checker.extraction import MAX_SENTENCE, pieces
from checker.html_text import extract_html
from checker.report import load_schema

from .conftest import ROOT

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


# -- inputs: encodings, empty and binary files ---------------------------------------------


ENCODED = {
    "utf8.txt": FIGURE.encode("utf-8"),
    "bom.md": b"\xef\xbb\xbf---\ntitle: With a BOM\n---\n\n" + FIGURE.encode(),
    "crlf.txt": b"Headline\r\n\r\nFirst line.\r\n" + FIGURE.encode() + b"\r\n",
    "lone-cr.txt": b"Headline\r\rFirst line.\r" + FIGURE.encode() + b"\r",
    "cp1252.txt": "Caf\u00e9 \u201cnews\u201d.\n".encode("cp1252") + FIGURE.encode(),
    "latin1.txt": b"caf\xe9 \x81\n" + FIGURE.encode(),
    "invalid-utf8.txt": b"Broken \xff\xfe bytes.\n" + FIGURE.encode(),
    "utf16.txt": ("\ufeffPr\u00e9ambule.\n" + FIGURE).encode("utf-16-le"),
    "utf16-be.html": b"\xfe\xff" + f"<p>Intro</p>\n<p>{FIGURE}</p>".encode("utf-16-be"),
    "controls.txt": b"Bell \x07 and escape \x1b[31m codes \x0b\x0c.\n" + FIGURE.encode(),
}


def test_every_encoding_is_read_and_positions_point_into_the_file(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, data in ENCODED.items():
        (folder / name).write_bytes(data)
    _, data, err = check_json([folder], capsys)
    assert_clean_stderr(err)
    assert len(data["documents"]) == len(ENCODED)
    found = {Path(c["path"]).name: c for c in data["claims"] if "40 people" in c["text"]}
    assert set(found) == set(ENCODED), sorted(found)
    for name, claim in found.items():
        raw = documents.decode((folder / name).read_bytes())
        assert figure_at(raw, claim["line"], claim["column"]).startswith(claim["text"]), name
        assert claim["measure"] == "killed" and claim["location"] == "Gaza", name


def test_empty_files_are_documents_without_claims(tmp_path, capsys):
    for name in ("empty.txt", "empty.md", "empty.html", "blank.txt", "dashes.md"):
        (tmp_path / name).write_text(
            {"blank.txt": "\n \n\t\n", "dashes.md": "---\n---\n"}.get(name, "")
        )
    code, data, err = check_json([tmp_path], capsys)
    assert code == 0 and err == ""
    assert data["summary"]["documents"] == 5 and data["claims"] == []


def test_unreadable_files_in_a_folder_are_one_line_warnings(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "a-folder-with-a-rather-long-name-so-that-warnings-would-wrap"
    folder.mkdir()
    (folder / "good.txt").write_text(FIGURE)
    (folder / "picture-saved-with-the-wrong-extension.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00"
    )
    (folder / "bad-utf16.txt").write_bytes(b"\xff\xfe\x00\xd8a\x00")
    (folder / "locked.md").write_text(FIGURE)
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if Path(path).name == "locked.md":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(documents, "open", guarded_open, raising=False)
    _, data, err = check_json([folder], capsys)
    assert [Path(d["path"]).name for d in data["documents"]] == ["good.txt"]
    assert data["claims"] and data["claims"][0]["path"].endswith("good.txt")
    lines = err.splitlines()
    assert len(lines) == 3, err  # one line each, however long (no wrapping at 80 columns)
    assert_clean_stderr(err)
    assert "bad-utf16.txt: cannot read (invalid UTF-16" in err
    assert "locked.md: cannot read (Permission denied)" in err
    assert "wrong-extension.txt: cannot read (binary file)" in err

    code, out, err = run(["check", folder, "--no-cache", "--strict"], capsys)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and ERROR_LINE.match(err) and "cannot read" in err


def test_an_explicitly_named_binary_file_is_exit_2(tmp_path, capsys):
    (tmp_path / "data.html").write_bytes(bytes(range(256)) * 4)
    code, out, err = run(["check", tmp_path / "data.html"], capsys)
    assert code == 2 and out == ""
    assert err.strip().endswith("data.html: cannot read (binary file)")
    assert len(err.splitlines()) == 1


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


def test_a_50_mb_line_is_refused_at_once_and_the_rest_is_checked(tmp_path, capsys):
    folder = tmp_path / "dump"
    folder.mkdir()
    (folder / "huge.txt").write_text(prose_line(50 * 1024 * 1024), "utf-8")
    (folder / "small.txt").write_text(FIGURE)
    started = time.perf_counter()
    _, data, err = check_json([folder], capsys)
    assert [Path(d["path"]).name for d in data["documents"]] == ["small.txt"]
    reason = "cannot read (file too large: 50.0 MB, limit 5 MB)"
    assert err == f"factcheck: warning: {folder.as_posix()}/huge.txt: {reason}\n"
    code, out, err = run(["check", folder / "huge.txt", "--no-cache"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("factcheck: error: ") and "file too large: 50.0 MB, limit 5 MB" in err
    assert time.perf_counter() - started < 20  # refused by its size, never read


def test_the_size_limit_follows_the_environment(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(FIGURE + " " + "x" * 3000)
    monkeypatch.setenv(documents.MAX_FILE_ENV, "0.001")
    code, _, err = run(["check", tmp_path / "a.txt", "--no-cache"], capsys)
    assert code == 2 and "file too large: 0.0 MB, limit 0.001 MB" in err
    monkeypatch.setenv(documents.MAX_FILE_ENV, "1")
    assert run(["check", tmp_path / "a.txt", "--no-cache"], capsys)[0] == 0
    monkeypatch.setenv(documents.MAX_FILE_ENV, "lots")
    code, _, err = run(["check", tmp_path / "a.txt", "--no-cache"], capsys)
    assert code == 2 and ERROR_LINE.match(err) and "FACTCHECK_MAX_FILE_MB" in err


def test_stdin_is_bounded_by_the_same_limit(capsys, monkeypatch):
    monkeypatch.setenv(documents.MAX_FILE_ENV, "0.01")
    stream = io.BytesIO(b"x" * 20_000 + FIGURE.encode())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    code, out, err = run(["check", "-", "--no-cache"], capsys)
    assert code == 2 and out == ""
    assert (
        err == "factcheck: error: <stdin>: cannot read (file too large: over the 0.01 MB limit)\n"
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("deep.md", "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n\n" + FIGURE),
        ("sidecar.txt", FIGURE),
    ],
)
def test_deeply_nested_metadata_is_a_located_error_not_a_crash(tmp_path, capsys, name, data):
    """PyYAML composes recursively: 5,000 nested brackets raised RecursionError."""
    (tmp_path / name).write_text(data)
    (tmp_path / "sidecar.meta.yaml").write_text("title: " + "{a: " * 3000 + "}" * 3000 + "\n")
    code, out, err = run(["check", tmp_path / name, "--no-cache"], capsys)
    assert code == 2 and out == ""
    assert re.fullmatch(
        r"factcheck: error: \S+:\d+: invalid (front matter|sidecar): nested too deeply\n", err
    ), err


@pytest.mark.parametrize(
    "line", ["published: 2023-10-35", "date: 2023-02-30T25:61:00", "published: 2023-13-01"]
)
def test_an_impossible_metadata_date_is_ignored_not_a_crash(tmp_path, capsys, line):
    """PyYAML turns 2023-10-35 into a date and raised ValueError: an internal error."""
    (tmp_path / "a.md").write_text(f"---\n{line}\n---\n\n{FIGURE}\n")
    (tmp_path / "b.txt").write_text(FIGURE)
    (tmp_path / "b.meta.yaml").write_text(line + "\n")
    _, data, err = check_json([tmp_path], capsys)
    assert err == ""
    assert [d["published_from"] for d in data["documents"]] == [None, None]


def test_a_long_line_naming_many_weekdays_dates_in_linear_time():
    """Publication-date inference looked for "Good Friday" from the start of the line for
    every weekday named: minutes for a 1 MB one-line article."""
    line = " ".join(
        ["On Monday 40 people were killed in Gaza, officials said on Tuesday."] * 15_000
    )
    started = time.perf_counter()
    documents.infer_published(line)
    assert time.perf_counter() - started < 5  # was over a minute


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


def test_unclosed_markdown_comments_are_read_in_linear_time():
    started = time.perf_counter()
    load_text("<!--" * 4000, kind="md", path="a.md")
    assert time.perf_counter() - started < 0.25  # about 0.01 s when linear


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


# -- inputs: HTML ------------------------------------------------------------------------------


def test_html_nested_10000_deep_is_read_with_positions(tmp_path, capsys):
    depth = 10_000
    page = "<html><body>\n" + "<div>" * depth + f"\n<p>{FIGURE}</p>\n" + "</div>" * depth + "\n"
    unclosed = "<section><b><i>" * depth + f"<p>{FIGURE}"
    (tmp_path / "deep.html").write_text(page)
    (tmp_path / "unclosed.html").write_text(unclosed)
    _, data, err = check_json([tmp_path], capsys)
    assert err == ""
    claims = {Path(c["path"]).name: c for c in data["claims"] if "40 people" in c["text"]}
    assert set(claims) == {"deep.html", "unclosed.html"}
    for name, claim in claims.items():
        raw = (tmp_path / name).read_text()
        assert figure_at(raw, claim["line"], claim["column"]).startswith(claim["text"]), name


def test_malformed_marked_sections_do_not_stop_the_page():
    """Python's html.parser (before 3.13) raised AssertionError on "<![" that opens no
    CDATA section: the whole run ended with an internal error."""
    page = f"<p>Before <![ not a section > and <![x</p>\n<p>{FIGURE}</p>"
    text = extract_html(page).text
    assert "Before" in text and FIGURE in text
    assert extract_html("<![" * 1000 + "<p>40 people</p>").text.endswith("40 people")
    # html.parser moves its position before it raises: positions ran past the page.
    page = "<![<![CDATA[x]]>\n<p>40 people</p>"
    result = extract_html(page)
    assert result.text == "40 people"
    assert page[result.offsets[0] :].startswith("40 people")


HOSTILE_HTML = {
    "unclosed start tags": "<a " * 40_000,
    "tags without an end": "<a/" * 40_000,
    "attributes without a tag end": "<a b=" * 40_000,
    "unclosed comments": "<!--x>" * 30_000,
    "unclosed CDATA": "<![CDATA[>" * 60_000,
    "unclosed conditional comments": "<![if>" * 80_000,
    "text and lone brackets": "x<" * 60_000,
    "malformed character references": "&#" * 400_000 + ";",
    "malformed hex references": "&#x" * 300_000 + ";",
}


@pytest.mark.parametrize("name", HOSTILE_HTML)
def test_hostile_html_parses_in_linear_time(name):
    """html.parser rescans to the end of the page for every construct that never closes.
    Each of these took from 5 seconds to minutes before; well under one now."""
    page = HOSTILE_HTML[name]
    started = time.perf_counter()
    result = extract_html(page)
    assert time.perf_counter() - started < 3
    for index, at in enumerate(result.offsets[:2000]):
        assert result.text[index] in " \n" or page[at] == result.text[index]


def test_stand_ins_never_leak_into_the_text():
    page = "<p>\ue000 and \ue001 are private</p> AT&#T <b"
    result = extract_html(page)
    assert result.text == "\ue000 and \ue001 are private\nAT&#T <b"
    for index, at in enumerate(result.offsets):
        assert result.text[index] in " \n" or page[at] == result.text[index]


# -- inputs: folders ---------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="needs symlinks")
def test_symlink_loops_are_walked_once(tmp_path, capsys):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(FIGURE)
    os.symlink(folder, folder / "sub" / "up")
    os.symlink(folder / "sub", folder / "again")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    _, data, err = check_json([folder], capsys)
    assert err == ""
    assert [Path(d["path"]).name for d in data["documents"]] == ["a.txt"]  # once
    code, _, err = run(["check", folder / "loop-a.txt"], capsys)
    assert code == 2 and len(err.splitlines()) == 1 and ERROR_LINE.match(err)


def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path, capsysbinary):
    """Such a name reaches Python as surrogates: every format failed on a strict UTF-8
    stdout (SARIF always, percent-encoding it). Now it is printed as the bytes it is."""
    try:
        with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9-\xff.txt"), "w") as handle:
            handle.write("At least 40 people were killed in Gaza on Monday.")  # no source
    except OSError:
        pytest.skip("this file system wants UTF-8 file names")
    outputs = {}
    for fmt in ("json", "sarif", "table", "line", "github"):
        code = main(["check", str(tmp_path), "--format", fmt, "--no-cache"])
        captured = capsysbinary.readouterr()
        assert code in (0, 1) and captured.err == b"", (fmt, captured.err)
        outputs[fmt] = captured.out
    for fmt in ("json", "line", "github"):
        assert b"caf\xe9-\xff.txt" in outputs[fmt], fmt
    data = json.loads(outputs["json"].decode("utf-8", "surrogateescape"))
    assert data["documents"][0]["path"].endswith("caf\udce9-\udcff.txt")
    assert b"caf%E9-%FF.txt" in outputs["sarif"]
    json.loads(outputs["sarif"])


@pytest.fixture(scope="module")
def many_files(tmp_path_factory) -> Path:
    """3,000 tiny articles, enough that a run takes a while."""
    folder = tmp_path_factory.mktemp("many")
    rng = random.Random(3)
    places = ["Gaza", "Israel", "Iraq", "Syria", "Yemen", "Lebanon"]
    for i in range(3000):
        (folder / f"a{i:04d}.txt").write_text(
            f"Daily report\n\nAt least {rng.randint(1, 900)} people were killed in "
            f"{rng.choice(places)} on Monday, officials said.\n"
        )
    return folder


def test_a_folder_of_3000_files_is_checked_quietly(factcheck_bin, tmp_path, many_files):
    started = time.perf_counter()
    result = subprocess.run(
        [
            factcheck_bin,
            "check",
            str(many_files),
            "--format",
            "json",
            "--no-cache",
            "--as-of",
            "2024-01-01",
        ],
        capture_output=True,
        text=True,
        env=script_env(tmp_path),
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""  # no progress bar off a terminal
    data = json.loads(result.stdout)
    assert data["summary"]["documents"] == 3000 and len(data["claims"]) == 3000
    assert time.perf_counter() - started < 300


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_the_progress_bar_shows_on_a_terminal_only(factcheck_bin, tmp_path):
    import pty
    import select

    for i in range(25):
        (tmp_path / f"a{i:02d}.txt").write_text(FIGURE)
    env = script_env(tmp_path, TERM="xterm")
    env.pop("CI", None)
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [factcheck_bin, "check", str(tmp_path), "--format", "json", "--no-cache", "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    out = process.communicate(timeout=300)[0]
    os.close(master)
    assert process.returncode in (0, 1)
    assert b"reading" in shown and b"25/25" in shown
    assert json.loads(out)["summary"]["documents"] == 25  # the bar never touches stdout


# -- internal errors ---------------------------------------------------------------------------


def test_an_internal_error_is_one_line_with_a_hint(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(FIGURE)
    import checker.extraction as extraction

    def broken(*args, **kwargs):
        raise RuntimeError("the parser fell over\nwith a second line")

    monkeypatch.setattr(extraction, "claims_from_docs", broken)
    code, out, err = run(["check", tmp_path / "a.txt", "--no-cache"], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("factcheck: error: internal error: RuntimeError: the parser fell over")
    assert err.rstrip().endswith("(run with --debug for a traceback)")
    with pytest.raises(RuntimeError):
        main(["--debug", "check", str(tmp_path / "a.txt"), "--no-cache"])


def test_ctrl_c_inside_main_is_exit_130_with_a_message(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(FIGURE)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "check", interrupted)
    code, out, err = run(["check", tmp_path / "a.txt"], capsys)
    assert (code, out, err) == (130, "", "factcheck: interrupted\n")


# -- rules and config ------------------------------------------------------------------------

BAD_RULE_FILES = {
    "alias bomb": "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    ),
    "python object": "rules:\n  - !!python/object/apply:os.system [touch PWNED]\n",
    "python name": "rules: !!python/name:os.system\n",
    "custom tag": "rules:\n  - !include other.yaml\n",
    "binary tag": "places: !!binary aGVsbG8=\n",
    "set tag": "places: !!set {a, b}\n",
    "deep nesting": "rules: " + "[" * 5000 + "]" * 5000 + "\n",
    "not a mapping": "- just\n- a list\n",
    "invalid YAML": "rules: [unclosed\n",
    "unknown keys": "rulez: []\nrules:\n  - id: FC901\n    nmae: x\n",
}


@pytest.mark.parametrize("name", BAD_RULE_FILES)
def test_bad_rule_files_are_located_errors_exit_2(tmp_path, capsys, name):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_RULE_FILES[name])
    started = time.perf_counter()
    code, out, err = run(["rules", "--rules", path], capsys)
    assert time.perf_counter() - started < 5
    assert code == 2 and out == ""
    assert err and all(LOCATED_ERROR.match(line) for line in err.splitlines()), err
    assert "bad.yaml:" in err
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"rules: []\n" + b"# padding\n" * 200_000, id="huge"),
        pytest.param(b"rules: [\xff\xfe]\n", id="not UTF-8"),
        pytest.param(
            b"rules: []\n\x00\x01\x02",
            id="control characters",
        ),
    ],
)
def test_unreadable_rule_files_are_refused_fast(tmp_path, capsys, data):
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    started = time.perf_counter()
    code, _, err = run(["rules", "--rules", path], capsys)
    assert time.perf_counter() - started < 5
    assert code == 2 and len(err.splitlines()) == 1 and LOCATED_ERROR.match(err), err


CATASTROPHIC = """\
rules:
  - id: FC901
    name: custom.backtracking
    kind: unattributed
    level: warning
    message: "{value} has no source."
    filter:
      sentence: "(a+)+$"
"""


@pytest.mark.parametrize(
    "pattern",
    [
        "(a+)+$",
        "(\\\\w+\\\\s?)+$",
        "(a|a)+$",
        "(a*)*$",
        "((a+))+$",
        "(?:(a+))+$",
        "((a)+)+$",
    ],
)
def test_a_catastrophic_sentence_pattern_is_rejected(tmp_path, capsys, pattern):
    """Each takes seconds to hours on "aaaa...a!" (Python's re has no time limit)."""
    path = tmp_path / "rules.yaml"
    path.write_text(CATASTROPHIC.replace('"(a+)+$"', f'"{pattern}"'))
    code, _, err = run(["rules", "--rules", path], capsys)
    assert code == 2
    assert LOCATED_ERROR.match(err) and "rules.yaml:8:" in err, err


@pytest.mark.parametrize("pattern", ["killed|injured", "\\\\bat least\\\\b", "[a-z]+ (said|told)"])
def test_an_ordinary_sentence_pattern_is_accepted(tmp_path, capsys, pattern):
    path = tmp_path / "rules.yaml"
    path.write_text(CATASTROPHIC.replace('"(a+)+$"', f'"{pattern}"'))
    code, out, err = run(["rules", "--rules", path, "--format", "json"], capsys)
    assert code == 0 and err == "" and "FC901" in out


UNKNOWN_UNITS = """\
rules:
  - id: FC901
    name: custom.units
    kind: unattributed
    level: warning
    message: "{value} has no source."
    filter:
      units: ["(", "km**", "1/0", "km"]
"""


def test_a_unit_pint_cannot_parse_is_a_located_error(tmp_path, capsys):
    path = tmp_path / "rules.yaml"
    path.write_text(UNKNOWN_UNITS)
    code, _, err = run(["rules", "--rules", path], capsys)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 3 and all(LOCATED_ERROR.match(line) for line in lines), err


def test_vocabulary_entries_are_literal_not_patterns(tmp_path):
    from checker.config import load_ruleset

    path = tmp_path / "places.yaml"
    path.write_text('places:\n  Atlantis: ["Ga.a", "(a+)+$", "[unclosed"]\n')
    vocabulary = load_ruleset([str(path)], default_rules=False).vocabulary
    assert vocabulary.place("Ga.a") == vocabulary.place("(a+)+$") == "Atlantis"
    assert vocabulary.place("[unclosed") == "Atlantis"
    assert vocabulary.place("Gaza") != "Atlantis"
    assert vocabulary.place("a" * 40 + "b") is None


# -- interruptions -----------------------------------------------------------------------------


def _interrupt(factcheck_bin, tmp_path, folder, *, jobs: str, whole_group: bool, after: float):
    process = subprocess.Popen(
        [factcheck_bin, "check", str(folder), "--format", "json", "--no-cache", "--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=script_env(tmp_path),
        start_new_session=True,
    )
    time.sleep(after)
    assert process.poll() is None, "the run finished before it could be interrupted"
    if whole_group:  # what Ctrl-C in a terminal does: the workers get it too
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return process.returncode, out.decode(), err.decode()


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")
@pytest.mark.parametrize(
    ("jobs", "whole_group"), [("1", False), ("2", True)], ids=["one-process", "workers"]
)
def test_ctrl_c_exits_130_without_a_traceback(
    factcheck_bin, tmp_path, many_files, jobs, whole_group
):
    code, _, err = _interrupt(
        factcheck_bin, tmp_path, many_files, jobs=jobs, whole_group=whole_group, after=4
    )
    assert code == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1] == "factcheck: interrupted"


def _processes_with(word: str) -> list[int]:
    """Processes whose command line names ``word`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if word.encode() in handle.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def _gone(pids: list[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not [pid for pid in pids if os.path.exists(f"/proc/{pid}")]:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
@pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")
def test_a_run_killed_while_caching_leaves_a_usable_cache(factcheck_bin, tmp_path, many_files):
    env = script_env(tmp_path)
    argv = [factcheck_bin, "check", str(many_files), "--format", "json", "--as-of", "2024-01-01"]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(6)
    assert process.poll() is None, "the run finished before it could be killed"
    process.kill()
    process.wait(timeout=60)
    assert _gone(_processes_with(str(many_files)), within=10), "workers outlived their parent"
    again = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode in (0, 1) and again.stderr == "", again.stderr
    summary = json.loads(again.stdout)["summary"]
    assert (summary["documents"], summary["claims"]) == (3000, 3000)


# -- determinism -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_copies(tmp_path_factory) -> list[Path]:
    """25 copies of the seed articles under different names: over 250,000 characters of
    text, so ``--jobs 2`` really starts workers (api.MIN_CHARS_PER_WORKER)."""
    folder = tmp_path_factory.mktemp("copies")
    seeds = sorted((ROOT / "seeds").glob("*.md"))
    paths = []
    for k in range(25):
        for seed in seeds:
            target = folder / f"{k:02d}" / f"copy-{k}-{seed.name}"
            target.parent.mkdir(exist_ok=True)
            shutil.copy(seed, target)
            paths.append(target)
    return paths


def test_json_is_byte_identical_across_jobs_and_argument_order(seed_copies, capsys, monkeypatch):
    total = sum(len(load_text(p.read_text(), kind="md").text) for p in seed_copies)
    assert total > api.MIN_CHARS_PER_WORKER
    started = []
    real_parallel = api._parallel

    def spy(todo, documents, model, vocabulary, jobs):
        started.append(jobs)
        yield from real_parallel(todo, documents, model, vocabulary, jobs)

    monkeypatch.setattr(api, "_parallel", spy)
    folder = seed_copies[0].parent.parent
    common = ["--format", "json", "--no-cache", "--as-of", "2024-01-15"]
    shuffled = [str(p) for p in seed_copies]
    random.Random(7).shuffle(shuffled)
    outputs = []
    for argv in (
        ["check", folder, "--jobs", "1", *common],
        ["check", folder, "--jobs", "2", *common],
        ["check", *shuffled, "--jobs", "2", *common],
        ["check", *reversed(shuffled), "--jobs", "1", *common],
    ):
        code, out, err = run(argv, capsys)
        assert code in (0, 1), err
        outputs.append(out)
    assert started == [2, 2], "--jobs 2 did not start workers"
    first = json.loads(outputs[0])
    assert first["summary"]["documents"] == 75 and first["findings"]
    # Paths named one by one, in any order, read the same as their folder.
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0] and outputs[3] == outputs[0]
