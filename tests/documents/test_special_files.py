"""Files that are not plain articles (issue 17): FIFOs, devices, broken links, folders that
cannot be read, names that are not UTF-8, text that is not UTF-8, and metadata that cannot
be read. One bad file in a folder is a warning naming it, and the rest is checked; a path
named on the command line, or ``--strict``, makes it exit 2. Nothing blocks.

A FIFO that nobody writes to blocks whoever opens it for reading, for ever: those cases run
the installed console script as a subprocess, whose timeout is only a hang guard.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from checker import archive
from checker.cli import main
from checker.files import TooLarge

FIGURE = "At least 40 people were killed in Gaza on Monday, officials said."
ARTICLE = f"---\ntitle: A report\npublished: 2023-11-06\n---\n{FIGURE}\n"
HANG_GUARD = 300  # seconds: a run takes about two; only a blocked read comes near this

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.setenv("NO_COLOR", "1")


def run(argv, capsys) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def script(factcheck_bin: str, tmp_path: Path, *args, **env: str) -> subprocess.CompletedProcess:
    """The console script, run in ``tmp_path``; bytes out, so any output can be inspected."""
    environment = dict(os.environ, NO_COLOR="1", FACTCHECK_CACHE_DIR=str(tmp_path / ".cache"))
    environment.pop("FACTCHECK_MAX_FILE_MB", None)
    environment.update(env)
    return subprocess.run(
        [factcheck_bin, *map(os.fsencode, args)],
        cwd=tmp_path,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=HANG_GUARD,
    )


def one_error_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: error: "), text
    return lines[0]


def folder_with(tmp_path: Path, **odd: str) -> Path:
    """``docs/`` with one good article ``a.md`` and ``odd`` files (name: content)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(ARTICLE, "utf-8")
    for name, content in odd.items():
        (folder / name.replace("_", ".")).write_text(content, "utf-8")
    return folder


# -- FIFOs, devices and broken links ------------------------------------------------------


@posix_only
def test_a_fifo_a_device_and_a_broken_link_in_a_folder_are_warnings(factcheck_bin, tmp_path):
    """They were skipped without a word (and opening the FIFO would have blocked)."""
    folder = folder_with(tmp_path)
    os.mkfifo(folder / "b.md")
    (folder / "c.txt").symlink_to("/dev/null")
    (folder / "d.md").symlink_to(folder / "nowhere.md")
    done = script(factcheck_bin, tmp_path, "check", "docs", "--format", "json", "--no-cache")
    assert done.returncode == 0, done.stderr
    assert [d["path"] for d in json.loads(done.stdout)["documents"]] == ["docs/a.md"]
    assert done.stderr.decode().splitlines() == [
        "factcheck: warning: docs/b.md: cannot read (not a regular file: a FIFO)",
        "factcheck: warning: docs/c.txt: cannot read (not a regular file: a character device)",
        "factcheck: warning: docs/d.md: cannot read (a broken symbolic link)",
    ]
    strict = script(factcheck_bin, tmp_path, "check", "docs", "--no-cache", "--strict")
    assert strict.returncode == 2 and strict.stdout == b""
    assert one_error_line(strict.stderr).endswith(
        "docs/b.md: cannot read (not a regular file: a FIFO)"
    )


@posix_only
@pytest.mark.parametrize(
    "args",
    [
        ["check", "FIFO.md"],
        ["extract", "FIFO.md"],
        ["index", "FIFO.md", "--ledger", "ledger.sqlite"],
        ["index", "docs", "--ledger", "FIFO.md"],
        ["check", "docs/a.md", "--against", "FIFO.md"],
        ["check", "docs/a.md", "--baseline", "FIFO.md"],
        ["check", "docs/a.md", "--rules", "FIFO.md"],
    ],
    ids=["check", "extract", "index", "ledger", "against", "baseline", "rules"],
)
def test_a_fifo_named_on_the_command_line_is_refused_not_waited_on(factcheck_bin, tmp_path, args):
    """Each of these hung for ever: reading a FIFO with no writer blocks."""
    folder_with(tmp_path)
    os.mkfifo(tmp_path / "FIFO.md")
    done = script(factcheck_bin, tmp_path, *args, "--no-cache")
    assert done.returncode == 2, done.stderr
    line = one_error_line(done.stderr)
    assert "FIFO.md" in line and "not a regular file: a FIFO" in line, line


def test_an_unreadable_subfolder_counts_under_strict(tmp_path, capsys, monkeypatch):
    """It was a warning, and the run exited 0 even under --strict."""
    folder = folder_with(tmp_path)
    (folder / "locked").mkdir()
    (folder / "locked" / "b.md").write_text(ARTICLE)
    real_scandir = os.scandir

    def guarded(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    code, out, err = run(["check", "docs", "--format", "json", "--no-cache"], capsys)
    assert code == 0 and json.loads(out)["summary"]["documents"] == 1
    assert err == "factcheck: warning: docs/locked: cannot read (Permission denied)\n"
    code, out, err = run(["check", "docs", "--no-cache", "--strict"], capsys)
    assert (code, out) == (2, "")
    assert err == "factcheck: error: docs/locked: cannot read (Permission denied)\n"


# -- metadata that cannot be read -----------------------------------------------------------

BAD_METADATA = {
    "unclosed": ("b.md", "---\ntitle: [unclosed\n---\n" + FIGURE, "b.md:3: invalid front matter"),
    "a list": ("b.md", "---\n- a\n- b\n---\n" + FIGURE, "b.md:2: invalid front matter"),
    "python tag": (
        "b.md",
        "---\ntitle: !!python/object/apply:os.system [touch PWNED]\n---\n" + FIGURE,
        "b.md:2: invalid front matter",
    ),
}


@pytest.mark.parametrize("command", ["check", "extract", "index"])
@pytest.mark.parametrize("case", [*BAD_METADATA, "sidecar"])
def test_bad_metadata_in_a_folder_is_a_warning_and_the_rest_is_read(
    tmp_path, capsys, command, case
):
    """check, extract and index exited 2 and read nothing."""
    if case == "sidecar":
        folder = folder_with(tmp_path, b_txt=FIGURE, b_meta_yaml="title: [unclosed\n")
        reason = "docs/b.meta.yaml:2: invalid sidecar: "
        skipped = "(docs/b.txt skipped)"
        named = "docs/b.txt"
    else:
        name, content, reason = BAD_METADATA[case]
        folder = folder_with(tmp_path, **{name.replace(".", "_"): content})
        reason, skipped, named = f"docs/{reason}: ", "(file skipped)", f"docs/{name}"
    extra = ["--ledger", "ledger.sqlite"] if command == "index" else ["--format", "json"]
    code, out, err = run([command, folder.name, *extra, "--no-cache"], capsys)
    assert code == 0, err
    lines = err.splitlines()
    assert lines[0].startswith(f"factcheck: warning: {reason}") and lines[0].endswith(skipped)
    assert "Traceback" not in err and not (tmp_path / "PWNED").exists()
    if command == "index":
        assert "1 added" in lines[-1] and "1 documents" in lines[-1], err
    else:
        assert [d["path"] for d in json.loads(out)["documents"]] == ["docs/a.md"]
    # Under --strict, or named on the command line, it stops the run with one line.
    for argv in ([command, folder.name, "--strict"], [command, named]):
        ledger = ["--ledger", "strict.sqlite"] if command == "index" else []
        code, out, err = run([*argv, *ledger, "--no-cache"], capsys)
        assert (code, out) == (2, "")
        assert err.startswith(f"factcheck: error: {reason}") and err.count("\n") == 1, err


def test_an_article_that_is_not_utf8_is_read_with_a_warning(tmp_path, capsys):
    """It was read as Windows-1252 without a word."""
    folder = folder_with(tmp_path)
    (folder / "b.txt").write_bytes(FIGURE.encode() + b" Caf\xe9 owners said.\n")
    code, out, err = run(["check", "docs", "--format", "json", "--no-cache"], capsys)
    assert code == 0 and json.loads(out)["summary"]["documents"] == 2
    assert err == (
        "factcheck: warning: docs/b.txt: not valid UTF-8 (byte 69); read as Windows-1252 "
        "(--strict refuses such files)\n"
    )
    code, out, err = run(["check", "docs", "--no-cache", "--strict"], capsys)
    assert code == 2 and "docs/b.txt: cannot read (not valid UTF-8: byte 69" in err


# -- names that are not UTF-8 ---------------------------------------------------------------


@pytest.fixture
def latin1_names(tmp_path) -> Path:
    """``docs/`` with two copies of one wire story (so the cache groups them) under names
    that are not UTF-8."""
    folder = folder_with(tmp_path)
    story = "\n\n".join(
        f"At least {n} people were killed in Gaza on Monday, the health ministry said, in "
        f"strikes on the southern city number {n}."
        for n in range(40, 52)
    )
    for name in (b"caf\xe9.md", b"\xff-copy.md"):
        try:
            with open(os.path.join(os.fsencode(folder), name), "w") as handle:
                handle.write(f"---\npublished: 2023-11-06\n---\n{story}\n")
        except OSError:
            pytest.skip("this file system wants UTF-8 file names")
    return folder


def test_names_that_are_not_utf8_give_valid_utf8_json(factcheck_bin, tmp_path, latin1_names):
    """The JSON carried the raw bytes: not UTF-8, refused by jq and other strict parsers.
    Such a byte is now the text \\xNN; the cache (with wire copies) copes too."""
    for _ in range(2):  # the second run is served from the cache
        done = script(factcheck_bin, tmp_path, "check", "docs", "--format", "json")
        assert done.returncode in (0, 1), done.stderr
        assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr
        text = done.stdout.decode("utf-8")  # strict: valid UTF-8
        assert "\\ud" not in text  # no lone surrogates escaped as \udcXX either
        paths = [d["path"] for d in json.loads(text)["documents"]]
        assert paths == ["docs/a.md", "docs/caf\\xe9.md", "docs/\\xff-copy.md"]


def test_names_that_are_not_utf8_are_indexed_and_found_unchanged(tmp_path, capsys, latin1_names):
    """index failed with an internal error (UnicodeEncodeError) on such a name."""
    for expected in ("3 added", "3 unchanged"):
        code, out, err = run(["index", "docs", "--ledger", "l.sqlite", "--no-cache"], capsys)
        assert code == 0 and expected in err, err
    (tmp_path / "draft.md").write_text(ARTICLE.replace("40", "4"))
    code, out, err = run(["check", "draft.md", "--against", "l.sqlite", "--format", "json"], capsys)
    assert code in (0, 1) and "Traceback" not in err
    json.loads(out)


def test_index_refuses_a_file_over_the_limit_before_hashing_it(tmp_path, capsys, monkeypatch):
    """index read and hashed the whole file first, and only then found it too large."""
    monkeypatch.setenv("FACTCHECK_MAX_FILE_MB", "0.001")
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(2 * 1024 * 1024)  # sparse
    with pytest.raises(TooLarge):
        archive.content_hash(str(big))
    folder = folder_with(tmp_path)
    os.replace(big, folder / "big.txt")
    monkeypatch.setenv("FACTCHECK_MAX_FILE_MB", "1")
    code, _, err = run(["index", "docs", "--ledger", "l.sqlite", "--no-cache"], capsys)
    assert code == 0 and "docs/big.txt: cannot read (file too large: 2.0 MB, limit 1 MB)" in err
