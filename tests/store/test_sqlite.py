"""The SQLite plumbing both stores share: header check, corrupt files, transactions."""

from __future__ import annotations

import sqlite3

import pytest

from checker.store import sqlite

APP = 0x54455354  # "TEST"


def setup_table(db: sqlite3.Connection, header: sqlite.Header) -> None:
    with sqlite.transaction(db):
        db.execute("CREATE TABLE items (name TEXT)")
        db.execute(f"PRAGMA application_id = {APP}")
        db.execute("PRAGMA user_version = 1")


def opened(path, setup=setup_table) -> sqlite3.Connection:
    db = sqlite.connect(path, busy_timeout=1.0)
    return sqlite.prepare(db, application_id=APP, version=1, setup=setup)


def test_a_new_file_is_set_up_once_then_recognised(tmp_path):
    path = tmp_path / "s.db"
    seen: list[sqlite.Header] = []

    def setup(db, header):
        seen.append(header)
        setup_table(db, header)

    opened(path, setup).close()
    assert seen == [sqlite.Header(0, 0, 0)]
    assert sqlite.is_sqlite(path)
    db = opened(path, setup)
    assert sqlite.read_header(db) == sqlite.Header(APP, 1, 1)
    db.close()
    assert len(seen) == 1, "a file with the right header is not set up again"


def test_another_header_goes_to_setup_which_may_refuse(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE users (name TEXT)")
    db.close()

    def refuse(db, header):
        assert header == sqlite.Header(0, 0, 1)
        raise ValueError("not ours")

    with pytest.raises(ValueError, match="not ours"):
        opened(path, refuse)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("users",)]
    db.close()


def test_a_corrupt_file_is_recognised(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database, it was truncated by a crash" * 100)
    assert not sqlite.is_sqlite(path)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        opened(path)
    assert sqlite.is_corrupt(caught.value)
    assert not sqlite.is_sqlite(tmp_path / "missing.db")


def test_a_busy_database_is_not_corrupt(tmp_path):
    path = tmp_path / "s.db"
    holder = opened(path)
    other = opened(path)
    other.execute("PRAGMA busy_timeout = 0")
    with (
        sqlite.transaction(holder),
        pytest.raises(sqlite3.OperationalError) as caught,
        sqlite.transaction(other),
    ):
        pass
    assert not sqlite.is_corrupt(caught.value)
    holder.close()
    other.close()


def test_a_failing_transaction_rolls_back(tmp_path):
    db = opened(tmp_path / "s.db")
    with sqlite.transaction(db):
        db.execute("INSERT INTO items VALUES ('kept')")
    with pytest.raises(KeyboardInterrupt), sqlite.transaction(db):
        db.execute("INSERT INTO items VALUES ('lost')")
        raise KeyboardInterrupt
    assert db.execute("SELECT name FROM items").fetchall() == [("kept",)]
    assert not db.in_transaction
    db.close()


def test_lock_and_commit_failures_can_be_reworded(tmp_path):
    path = tmp_path / "s.db"
    holder = opened(path)
    other = opened(path)
    other.execute("PRAGMA busy_timeout = 0")

    def reword(exc: sqlite3.Error) -> Exception:
        return RuntimeError(f"cannot write ({exc})")

    with (
        sqlite.transaction(holder),
        pytest.raises(RuntimeError, match="cannot write"),
        sqlite.transaction(other, failed=reword),
    ):
        pass
    holder.close()
    other.close()


def test_a_hot_journal_is_noticed(tmp_path):
    path = tmp_path / "s.db"
    assert not sqlite.hot_journal(path)
    (tmp_path / "s.db-journal").write_bytes(b"\x00" * 512)
    assert sqlite.hot_journal(path)
