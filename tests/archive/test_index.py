"""Indexing an archive into a ledger: incremental runs, transactions, refusing what is not
a ledger."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import time

import pytest

from checker import archive as archive_module
from checker.archive import index
from checker.store import ledger
from checker.store.ledger import SCHEMA_VERSION, Ledger, LedgerError

from ..store.common import TOLL, TROOPS, digest, make_archive, rows


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def archive(tmp_path, root):
    """A small archive: the project's seeds plus two short articles."""
    return make_archive(tmp_path, root)


def run(factcheck_bin, command: str, cwd):
    """Run ``factcheck COMMAND`` (words split on spaces) in ``cwd``."""
    return subprocess.run(
        [factcheck_bin, *command.split()], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def summary(result) -> str:
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines, "index prints a summary on stderr"
    assert result.stdout == ""
    return lines[-1]


# -- through the installed command ------------------------------------------------------


def test_index_then_reindex_incrementally(factcheck_bin, tmp_path, archive):
    first = run(factcheck_bin, "index arch --ledger arch.db", cwd=tmp_path)
    assert re.fullmatch(
        r"arch\.db: 0 unchanged, 5 added, 0 updated, 0 removed; 5 documents, \d+ claims",
        summary(first),
    )
    stored = rows(tmp_path / "arch.db")
    assert set(stored) == {f"arch/{p.name}" for p in archive.iterdir()}
    title, published, published_from, source, url, content, claims = stored["arch/toll.md"]
    assert (title, published, published_from) == ("Toll rises", "2023-11-03", "metadata")
    assert content == hashlib.sha256((archive / "toll.md").read_bytes()).hexdigest()
    assert claims >= 1

    again = run(factcheck_bin, "index arch --ledger arch.db", cwd=tmp_path)
    assert summary(again).startswith("arch.db: 5 unchanged, 0 added, 0 updated, 0 removed;")
    assert rows(tmp_path / "arch.db") == stored

    (archive / "toll.md").write_text(TOLL.format(date="2023-11-04", value="9,227"))
    edited = run(factcheck_bin, "index arch --ledger arch.db", cwd=tmp_path)
    assert summary(edited).startswith("arch.db: 4 unchanged, 0 added, 1 updated, 0 removed;")
    assert rows(tmp_path / "arch.db")["arch/toll.md"][1] == "2023-11-04"

    (archive / "troops.md").unlink()
    (archive / "new.md").write_text(TOLL.format(date="2023-11-05", value="9,488"))
    changed = run(factcheck_bin, "index arch --ledger arch.db", cwd=tmp_path)
    assert summary(changed).startswith("arch.db: 4 unchanged, 1 added, 0 updated, 1 removed;")
    assert "arch/troops.md" not in rows(tmp_path / "arch.db")


def test_a_sidecar_change_updates_the_document(factcheck_bin, tmp_path, archive):
    (archive / "plain.txt").write_text("Officials said 40 people were killed in Gaza on Monday.\n")
    run(factcheck_bin, "index arch --ledger arch.db", cwd=tmp_path)
    (archive / "plain.meta.yaml").write_text("published: 2023-10-30\n")
    result = run(factcheck_bin, "index arch --ledger arch.db", cwd=tmp_path)
    assert summary(result).startswith("arch.db: 5 unchanged, 0 added, 1 updated, 0 removed;")
    assert rows(tmp_path / "arch.db")["arch/plain.txt"][1:3] == ("2023-10-30", "sidecar")


def test_only_files_under_the_indexed_roots_are_removed(factcheck_bin, tmp_path, archive):
    other = tmp_path / "other"
    other.mkdir()
    (other / "o.md").write_text(TROOPS)
    run(factcheck_bin, "index arch other --ledger l.db", cwd=tmp_path)
    (archive / "troops.md").unlink()
    result = run(factcheck_bin, "index arch --ledger l.db", cwd=tmp_path)
    assert summary(result).startswith("l.db: 4 unchanged, 0 added, 0 updated, 1 removed;")
    assert "other/o.md" in rows(tmp_path / "l.db")


def test_a_non_ledger_file_is_refused_and_left_alone(factcheck_bin, tmp_path, archive):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a ledger\n" * 50)
    before = digest(notes)
    result = run(factcheck_bin, "index arch --ledger notes.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("factcheck: error: notes.txt: ")
    assert "not a factcheck ledger" in result.stderr
    assert digest(notes) == before
    assert not (tmp_path / "notes.txt-journal").exists()


def test_another_programs_sqlite_database_is_refused(factcheck_bin, tmp_path, archive):
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE users (name TEXT)")
        db.execute("INSERT INTO users VALUES ('ada')")
    db.close()
    before = digest(other)
    result = run(factcheck_bin, "index arch --ledger app.db", cwd=tmp_path)
    assert result.returncode == 2
    assert "not a factcheck ledger" in result.stderr and result.stderr.count("\n") == 1
    assert digest(other) == before


def test_a_ledger_from_a_newer_factcheck_is_refused(factcheck_bin, tmp_path, archive):
    run(factcheck_bin, "index arch --ledger arch.db", cwd=tmp_path)
    with sqlite3.connect(tmp_path / "arch.db") as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = digest(tmp_path / "arch.db")
    result = run(factcheck_bin, "index arch --ledger arch.db", cwd=tmp_path)
    assert result.returncode == 2
    assert "newer factcheck" in result.stderr and result.stderr.count("\n") == 1
    assert digest(tmp_path / "arch.db") == before
    check = run(factcheck_bin, "check arch/toll.md --against arch.db", cwd=tmp_path)
    assert check.returncode == 2 and "newer factcheck" in check.stderr


def test_index_usage_errors(factcheck_bin, tmp_path, archive):
    missing = run(factcheck_bin, "index arch", cwd=tmp_path)
    assert missing.returncode == 2 and "--ledger" in missing.stderr
    assert missing.stderr.startswith("factcheck: error: index needs --ledger")
    stdin = run(factcheck_bin, "index - --ledger l.db", cwd=tmp_path)
    assert stdin.returncode == 2 and "stdin" in stdin.stderr
    absent = run(factcheck_bin, "index nowhere --ledger l.db", cwd=tmp_path)
    assert absent.returncode == 2 and "nowhere" in absent.stderr
    folder = run(factcheck_bin, "index arch --ledger arch", cwd=tmp_path)
    assert folder.returncode == 2 and "folder" in folder.stderr


def test_killing_an_index_run_leaves_the_previous_ledger(factcheck_bin, tmp_path, archive):
    ledger_path = tmp_path / "arch.db"
    summary(run(factcheck_bin, "index arch --ledger arch.db", cwd=tmp_path))
    before = rows(ledger_path)
    # Enough new articles that the run is still writing when it is killed.
    seeds = [p.read_text() for p in sorted(archive.glob("2023-*.md"))]
    for n in range(600):
        text = seeds[n % len(seeds)] + f"\nA further {n + 3} people were injured in Gaza.\n"
        (archive / f"bulk-{n:04d}.md").write_text(text)
    process = subprocess.Popen(
        [factcheck_bin, "index", "arch", "--ledger", "arch.db", "--no-cache", "--jobs", "1"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # The ledger is in WAL mode: its log appears when the run opens it, before it parses
    # 600 articles and writes them all in one transaction at the end.
    log = tmp_path / "arch.db-wal"
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if log.exists():
            break
        time.sleep(0.01)
    assert process.poll() is None, "the index run finished before it could be killed"
    time.sleep(0.2)  # let it work a little
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL

    with Ledger.open(ledger_path) as opened:
        assert opened.counts()[0] == len(before)
    assert rows(ledger_path) == before
    with sqlite3.connect(ledger_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    result = run(factcheck_bin, "check arch/toll.md --against arch.db", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr


def test_unchanged_files_are_not_loaded_or_extracted(tmp_path, archive, monkeypatch):
    path = tmp_path / "l.db"
    first = index([str(archive)], path)
    assert (first.added, first.unchanged) == (5, 0)

    extracted: list[str] = []
    real = archive_module.extract_documents

    def spy(documents, **options):
        extracted.extend(document.path for document in documents)
        return real(documents, **options)

    monkeypatch.setattr(archive_module, "extract_documents", spy)
    monkeypatch.setattr(
        "checker.archive.load_path",
        lambda *a, **k: pytest.fail("an unchanged file was loaded"),
    )
    second = index([str(archive)], path)
    assert (second.unchanged, second.added, second.updated, second.removed) == (5, 0, 0, 0)
    assert extracted == []
    monkeypatch.undo()
    monkeypatch.setattr(archive_module, "extract_documents", spy)
    (archive / "toll.md").write_text(TOLL.format(date="2023-11-04", value="9,227"))
    third = index([str(archive)], path)
    assert (third.unchanged, third.updated) == (4, 1)
    assert extracted == [f"{archive}/toll.md".replace(os.sep, "/")]


def test_a_failure_mid_index_rolls_back(tmp_path, archive, monkeypatch):
    path = tmp_path / "l.db"
    index([str(archive)], path)
    before = rows(path)
    for n in range(3):
        (archive / f"more-{n}.md").write_text(TOLL.format(date="2023-11-06", value=f"{9500 + n:,}"))
    (archive / "toll.md").write_text(TOLL.format(date="2023-11-04", value="9,227"))
    monkeypatch.setattr(archive_module, "BATCH", 1)
    calls = []
    real = archive_module.extract_documents

    def failing(documents, **options):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(documents, **options)

    monkeypatch.setattr(archive_module, "extract_documents", failing)
    with pytest.raises(KeyboardInterrupt):
        index([str(archive)], path)
    assert rows(path) == before


def test_changing_the_vocabulary_reindexes(tmp_path, archive):
    from checker.vocabulary import Vocabulary, default_vocabulary

    path = tmp_path / "l.db"
    index([str(archive)], path)
    extended = default_vocabulary().merged(Vocabulary(places={"atlantis": "Atlantis"}))
    result = index([str(archive)], path, vocabulary=extended)
    assert (result.unchanged, result.updated) == (0, 5)


def test_a_concurrent_writer_waits_rather_than_corrupting(tmp_path, archive, monkeypatch):
    path = tmp_path / "l.db"
    index([str(archive)], path)
    monkeypatch.setattr(ledger, "BUSY_TIMEOUT", 0.2)
    with (
        Ledger.open(path) as holder,
        holder.transaction(),
        pytest.raises(LedgerError, match="cannot write"),
    ):
        index([str(archive)], path)
    assert index([str(archive)], path).unchanged == 5
