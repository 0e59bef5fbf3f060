"""Hostile input to the documents stage: encodings, sizes, metadata, HTML, folders.

Moved here from ``tests/test_robustness.py``: factcheck runs unattended in CI over whatever
lands in a folder, so reading a file must never crash, hang or print a traceback. Most tests
go through ``main([...])`` (fast, in process).
"""

from __future__ import annotations

import importlib
import io
import os
import random
import re
import sys
from pathlib import Path

import pytest

from checker.documents import MAX_FILE_ENV, decode, extract_html, infer_published, load_text

from ..hostile import ERROR_LINE, FIGURE, assert_clean_stderr, check_json, figure_at, run

# The module that reads files (``checker.documents.decode`` as an attribute is the function).
READER = importlib.import_module("checker.documents.decode")


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No settings file from the repository, no shared cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv(MAX_FILE_ENV, raising=False)


def prose_line(size: int, seed: int = 1) -> str:
    """One line of news-like prose, no line breaks, ``size`` characters."""
    words = (
        "officials said that at least 40 people were killed in Gaza on Monday and 1,200 more "
        "were injured while about 3.5 million dollars of aid and 250 tonnes of flour arrived"
    ).split()
    rng = random.Random(seed)
    return " ".join(rng.choice(words) for _ in range(size // 5))[:size]


# -- encodings, empty and binary files ----------------------------------------------------


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
        raw = decode((folder / name).read_bytes())
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
    real_read = READER.read_bounded

    def guarded_read(path, *args, **kwargs):
        if Path(path).name == "locked.md":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(READER, "read_bounded", guarded_read)
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


# -- size, metadata, dates, comments -------------------------------------------------------


def test_a_50_mb_line_is_refused_at_once_and_the_rest_is_checked(tmp_path, capsys):
    folder = tmp_path / "dump"
    folder.mkdir()
    with open(folder / "huge.txt", "wb") as handle:  # sparse: 50 MB of NUL bytes
        handle.truncate(50 * 1024 * 1024)
    (folder / "small.txt").write_text(FIGURE)
    _, data, err = check_json([folder], capsys)
    assert [Path(d["path"]).name for d in data["documents"]] == ["small.txt"]
    reason = "cannot read (file too large: 50.0 MB, limit 5 MB)"
    assert err == f"factcheck: warning: {folder.as_posix()}/huge.txt: {reason}\n"
    code, out, err = run(["check", folder / "huge.txt", "--no-cache"], capsys)
    assert code == 2 and out == ""
    # Refused by its size, never read: read, it would have been "binary file".
    assert err.startswith("factcheck: error: ") and "file too large: 50.0 MB, limit 5 MB" in err


def test_the_size_limit_follows_the_environment(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(FIGURE + " " + "x" * 3000)
    monkeypatch.setenv(MAX_FILE_ENV, "0.001")
    code, _, err = run(["check", tmp_path / "a.txt", "--no-cache"], capsys)
    assert code == 2 and "file too large: 0.0 MB, limit 0.001 MB" in err
    monkeypatch.setenv(MAX_FILE_ENV, "1")
    assert run(["check", tmp_path / "a.txt", "--no-cache"], capsys)[0] == 0
    monkeypatch.setenv(MAX_FILE_ENV, "lots")
    code, _, err = run(["check", tmp_path / "a.txt", "--no-cache"], capsys)
    assert code == 2 and ERROR_LINE.match(err) and "FACTCHECK_MAX_FILE_MB" in err


def test_stdin_is_bounded_by_the_same_limit(capsys, monkeypatch):
    monkeypatch.setenv(MAX_FILE_ENV, "0.01")
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
    # a located warning per file, no traceback; both documents are read as undated
    lines = err.splitlines()
    assert len(lines) == 2 and all("is not a date" in x for x in lines), err
    assert [d["published_from"] for d in data["documents"]] == [None, None]


def test_a_long_line_naming_many_weekdays_dates_in_linear_time():
    """Publication-date inference looked for "Good Friday" from the start of the line for
    every weekday named: minutes for a 1 MB one-line article."""
    line = " ".join(
        ["On Monday 40 people were killed in Gaza, officials said on Tuesday."] * 15_000
    )
    infer_published(line)  # was over a minute; bench/hostile_speed.py times it


def test_unclosed_markdown_comments_are_read_in_linear_time():
    document = load_text("<!--" * 4000, format="md", path="a.md")  # bench/hostile_speed.py
    assert document.text == "<!--" * 4000  # never closed: not a comment, text as written


# -- HTML ------------------------------------------------------------------------------


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
    Each of these took from 5 seconds to minutes before; ``bench/hostile_speed.py`` times
    them (a timed test fails on a busy machine). Here: read, with positions that hold."""
    page = HOSTILE_HTML[name]
    result = extract_html(page)
    for index, at in enumerate(result.offsets[:2000]):
        assert result.text[index] in " \n" or page[at] == result.text[index]


def test_stand_ins_never_leak_into_the_text():
    page = "<p>\ue000 and \ue001 are private</p> AT&#T <b"
    result = extract_html(page)
    assert result.text == "\ue000 and \ue001 are private\nAT&#T <b"
    for index, at in enumerate(result.offsets):
        assert result.text[index] in " \n" or page[at] == result.text[index]


# -- folders -------------------------------------------------------------------------------


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
    # Links that lead nowhere are named, once each (issue 17); the loops are not walked.
    assert [line.split(": ", 3)[2:] for line in err.splitlines()] == [
        [f"{folder.as_posix()}/dangling.txt", "cannot read (a broken symbolic link)"],
        [f"{folder.as_posix()}/loop-a.txt", "cannot read (Too many levels of symbolic links)"],
        [f"{folder.as_posix()}/loop-b.txt", "cannot read (Too many levels of symbolic links)"],
    ]
    assert [Path(d["path"]).name for d in data["documents"]] == ["a.txt"]  # once
    code, _, err = run(["check", folder / "loop-a.txt"], capsys)
    assert code == 2 and len(err.splitlines()) == 1 and ERROR_LINE.match(err)
