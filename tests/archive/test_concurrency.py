"""Ledgers shared by processes (issue 17, item 7), and ledgers that are damaged or empty
(item 10): real processes, real SQLite files.

A long ``index`` used to hold the ledger's write lock while it parsed: a ``check --against``
then waited 30 s and exited 2 ("database is locked"), and so did a second ``index``. Now the
ledger is in WAL mode (readers never wait for a writer) and ``index`` parses first, then
writes in one short transaction.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.store.ledger import Ledger

from ..store.common import TOLL, make_archive, rows

HANG_GUARD = 600  # seconds: only against a hang, never a measure

# A writer in the middle of a big write transaction: the ledger's pages spill out of SQLite's
# page cache (cache_size=1), which in rollback-journal mode takes the exclusive lock that
# keeps every reader out until the commit. It says "holding" and waits for a line on stdin.
HOLDER = """
import sys
from checker.store.ledger import Ledger
with Ledger.open(sys.argv[1], create=True) as ledger:
    ledger.db.execute("PRAGMA cache_size=1")
    with ledger.transaction():
        for n in range(2000):
            ledger.db.execute(
                "INSERT INTO documents (path, content_hash, extraction, indexed) "
                "VALUES (?, 'x', 'x', 'x')",
                (f"held/{n:05d}-{'x' * 200}.md",),
            )
        print("holding", flush=True)
        sys.stdin.readline()
        ledger.db.execute("DELETE FROM documents WHERE path LIKE 'held/%'")
print("released", flush=True)
"""

# ``factcheck index`` whose extraction waits until a gate file appears: an index run caught
# in its long parsing phase, as a big archive keeps it.
GATED_INDEX = """
import os, sys, time
from checker import archive
real = archive.extract_documents
def gated(documents, **options):
    print("extracting", flush=True)
    while not os.path.exists(sys.argv[1]):
        time.sleep(0.05)
    return real(documents, **options)
archive.extract_documents = gated
from checker.cli import main
sys.exit(main(sys.argv[2:]))
"""

DRAFT = """---
title: Draft
published: 2023-11-05
---
The Hamas-run health ministry in Gaza said on Sunday that 8,306 people had been killed in
Gaza since October 7.
"""


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def newsroom(tmp_path, root) -> Path:
    """An archive indexed into arch.db, a draft, and a second folder to index."""
    make_archive(tmp_path, root)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "draft.md").write_text(DRAFT)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "later.md").write_text(TOLL.format(date="2023-11-06", value="9,770"))
    done = factcheck(tmp_path, "index", "arch", "--ledger", "arch.db")
    assert done.returncode == 0, done.stderr
    return tmp_path


def child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", FACTCHECK_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("CI", None)
    return env


FACTCHECK = str(Path(sys.executable).parent / "factcheck")  # the installed console script


def factcheck(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [FACTCHECK, *args],
        cwd=cwd,
        env=child_env(cwd),
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )


def start(cwd: Path, script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=cwd,
        env=child_env(cwd),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stale_findings(result: subprocess.CompletedProcess) -> list[dict]:
    assert result.returncode in (0, 1), result.stderr
    return [f for f in json.loads(result.stdout)["findings"] if f["kind"] == "stale"]


def test_a_check_reads_the_ledger_while_a_writer_holds_it(newsroom):
    """A reader does not wait for a writer in the middle of its transaction, and sees the
    ledger as it was before it."""
    holder = start(newsroom, HOLDER, "arch.db")
    try:
        assert holder.stdout.readline().strip() == "holding", holder.stderr.read()
        result = factcheck(newsroom, "check", "drafts", "--against", "arch.db", "--format", "json")
        assert "locked" not in result.stderr
        stale = stale_findings(result)
        assert len(stale) == 1 and "toll.md" in stale[0]["message"]
    finally:
        holder.communicate("\n", timeout=HANG_GUARD)
    assert holder.returncode == 0, holder.stderr


def test_index_holds_no_lock_while_parsing(newsroom):
    """A second index run, and a check, go ahead while a first index run parses; the first
    then writes its own documents: both runs' documents are in the ledger."""
    gate = newsroom / "gate"
    first = start(newsroom, GATED_INDEX, str(gate), "index", "more", "--ledger", "arch.db")
    try:
        assert first.stdout.readline().strip() == "extracting", first.stderr.read()
        (newsroom / "arch" / "extra.md").write_text(TOLL.format(date="2023-11-04", value="9,227"))
        second = factcheck(newsroom, "index", "arch", "--ledger", "arch.db")
        assert second.returncode == 0, second.stderr
        assert "1 added" in second.stderr
        check = factcheck(newsroom, "check", "drafts", "--against", "arch.db", "--format", "json")
        assert len(stale_findings(check)) == 1
    finally:
        gate.touch()
        _, err = first.communicate(timeout=HANG_GUARD)
    assert first.returncode == 0, err
    assert "1 added" in err
    indexed = rows(newsroom / "arch.db")
    assert "more/later.md" in indexed and "arch/extra.md" in indexed
    assert len(indexed) == 7


def test_a_second_writer_waits_for_the_first_then_writes(newsroom):
    """Two writers at once: the second waits for the first's transaction, then commits
    (it waits up to ``BUSY_TIMEOUT``, now only for another run's writing)."""
    holder = start(newsroom, HOLDER, "arch.db")
    try:
        assert holder.stdout.readline().strip() == "holding", holder.stderr.read()
        second = subprocess.Popen(
            [FACTCHECK, "index", "more", "--ledger", "arch.db"],
            cwd=newsroom,
            env=child_env(newsroom),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        holder.communicate("\n", timeout=HANG_GUARD)
    _, err = second.communicate(timeout=HANG_GUARD)
    assert second.returncode == 0, err
    assert "more/later.md" in rows(newsroom / "arch.db")


# -- damaged and empty ledgers -----------------------------------------------------------------


def test_a_damaged_ledger_is_named_in_one_line(newsroom):
    path = newsroom / "arch.db"
    with Ledger.open(path) as ledger:  # fold the write-ahead log into the file first
        ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 2 * page
    for offset in range(page, len(data)):  # every page but the first (header and schema)
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    for args in (
        ("check", "drafts", "--against", "arch.db"),
        ("index", "arch", "--ledger", "arch.db"),
    ):
        result = factcheck(newsroom, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.startswith("factcheck: error: arch.db: "), result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert "damaged" in result.stderr


def test_an_empty_file_given_as_a_ledger_is_called_empty(newsroom):
    (newsroom / "empty.sqlite").write_bytes(b"")
    result = factcheck(newsroom, "check", "drafts", "--against", "empty.sqlite")
    assert result.returncode == 2, result.stderr
    assert (
        result.stderr == "factcheck: error: empty.sqlite: an empty file, not a factcheck ledger\n"
    )
    assert (newsroom / "empty.sqlite").read_bytes() == b""
