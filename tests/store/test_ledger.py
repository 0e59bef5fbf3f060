"""The claim ledger as a store: its header, schema migrations, and reading claims by subject."""

from __future__ import annotations

import os
import sqlite3

import pytest

from checker.archive import index
from checker.store import ledger
from checker.store.ledger import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Ledger, LedgerError

from .common import is_ledger, make_archive, rows


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def archive(tmp_path, root):
    return make_archive(tmp_path, root)


def test_a_new_ledger_carries_its_id_and_schema(tmp_path):
    path = tmp_path / "l.db"
    with Ledger.open(path, create=True):
        pass
    assert is_ledger(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_opening_without_create_needs_an_existing_ledger(tmp_path):
    with pytest.raises(LedgerError, match="no such ledger"):
        Ledger.open(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(LedgerError, match="not a factcheck ledger"):
        Ledger.open(tmp_path / "empty.db")


def test_migrations_run_in_order_and_keep_the_data(tmp_path, archive, monkeypatch):
    path = tmp_path / "l.db"
    index([str(archive)], path)
    with Ledger.open(path) as opened:
        before = opened.counts()
    step = ("ALTER TABLE documents ADD COLUMN language TEXT",)
    monkeypatch.setattr(ledger, "MIGRATIONS", (*MIGRATIONS, step))
    monkeypatch.setattr(ledger, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Ledger.open(path) as opened:
        assert opened.counts() == before
        columns = [row[1] for row in opened.db.execute("PRAGMA table_info(documents)")]
    assert "language" in columns
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    db.close()


def test_a_failed_migration_changes_nothing(tmp_path, archive, monkeypatch):
    path = tmp_path / "l.db"
    index([str(archive)], path)
    before = rows(path)
    broken = ("ALTER TABLE documents ADD COLUMN language TEXT", "THIS IS NOT SQL")
    monkeypatch.setattr(ledger, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(ledger, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(LedgerError):
        Ledger.open(path)
    monkeypatch.undo()
    assert rows(path) == before
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = [row[1] for row in db.execute("PRAGMA table_info(documents)")]
    db.close()
    assert "language" not in columns


def test_claims_about_reads_only_the_subjects_asked_for(tmp_path, archive):
    path = tmp_path / "l.db"
    index([str(archive)], path)
    with Ledger.open(path) as opened:
        documents, claims = opened.claims_about({("killed", "Gaza")})
        assert claims and {(c.measure, c.location) for c in claims} == {("killed", "Gaza")}
        assert all(c.as_of is not None and c.id is None for c in claims)
        assert {d.path for d in documents} == {c.path for c in claims}
        assert all(d.text == "" for d in documents)
        toll = f"{archive}/toll.md".replace(os.sep, "/")
        assert toll in {d.path for d in documents}
        _, without = opened.claims_about({("killed", "Gaza")}, exclude=[toll])
        assert toll not in {c.path for c in without} and len(without) < len(claims)
        _, troops = opened.claims_about({("troops", "Iraq")})
        assert {c.value for c in troops} >= {2500.0}
        assert opened.claims_about({("killed", "Atlantis")}) == ([], [])


def test_the_subject_query_uses_the_index(tmp_path):
    path = tmp_path / "l.db"
    with Ledger.open(path, create=True) as opened:
        plan = opened.db.execute(
            "EXPLAIN QUERY PLAN SELECT claims.document, documents.path, claims.record "
            "FROM claims JOIN documents ON documents.id = claims.document "
            "WHERE claims.measure = ? AND claims.location IS ? AND claims.as_of IS NOT NULL",
            ("killed", None),
        ).fetchall()
    details = " ".join(str(row[-1]) for row in plan)
    assert "claims_by_subject" in details, details
