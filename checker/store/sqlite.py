"""The SQLite plumbing both stores share: opening, the header check, transactions, corruption.

A store is an SQLite file whose header names it: ``PRAGMA application_id`` says which store
it is and ``PRAGMA user_version`` which schema it has. :func:`prepare` reads both on open and
hands a file that does not match to the store's own ``setup`` (the cache starts afresh, the
ledger refuses or migrates). Connections run in autocommit mode (``isolation_level=None``):
writes happen only inside :func:`transaction`, which takes the write lock up front
(``BEGIN IMMEDIATE``), so two processes never deadlock half-way through a write, and rolls
back on any exception, so a failed or interrupted write leaves the file as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

MAGIC = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite file
# SQLite result codes for a file that is not (or no longer) a database.
CORRUPT_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB
BUSY_CODES = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED: another connection holds a lock
FULL_CODES = frozenset({13})  # SQLITE_FULL: the disk (or the file size limit) is full


class Header(NamedTuple):
    """What a store reads before it trusts a file."""

    application_id: int
    user_version: int
    tables: int


def is_sqlite(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a file that starts with SQLite's header."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def hot_journal(path: Path) -> bool:
    """Whether a rollback journal was left beside ``path`` by a killed writer: SQLite
    restores the file on open, and until then the header may be half written."""
    journal = path.with_name(path.name + "-journal")
    try:
        return journal.stat().st_size > 0
    except OSError:
        return False


def is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    """Whether ``exc`` says the file is not (or no longer) a database, rather than busy,
    locked, read-only or on a full disk."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in CORRUPT_CODES
    # Python 3.10: busy, locked, read-only and full disks are OperationalErrors.
    return not isinstance(exc, sqlite3.OperationalError)


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` says another connection holds a lock (it went on too long)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in BUSY_CODES
    return "locked" in str(exc) or "busy" in str(exc)  # Python 3.10: no error code


def is_full(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` says the disk is full."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in FULL_CODES
    return "full" in str(exc)


def connect(path: str | os.PathLike, *, busy_timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode that waits ``busy_timeout`` seconds for a lock."""
    return sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)


def read_header(db: sqlite3.Connection) -> Header:
    return Header(
        db.execute("PRAGMA application_id").fetchone()[0],
        db.execute("PRAGMA user_version").fetchone()[0],
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0],
    )


def prepare(
    db: sqlite3.Connection,
    *,
    application_id: int,
    version: int,
    setup: Callable[[sqlite3.Connection, Header], None],
    pragmas: Iterable[str] = (),
) -> sqlite3.Connection:
    """Run ``pragmas``, then read the header and call ``setup(db, header)`` unless it
    carries ``application_id`` and ``version``. On any error ``db`` is closed."""
    try:
        for pragma in pragmas:
            db.execute(pragma)
        header = read_header(db)
        if (header.application_id, header.user_version) != (application_id, version):
            setup(db, header)
    except BaseException:
        db.close()
        raise
    return db


@contextlib.contextmanager
def transaction(
    db: sqlite3.Connection, *, failed: Callable[[sqlite3.Error], Exception] | None = None
) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it is committed, or none of it.

    When taking the write lock or committing fails, ``failed(error)`` (when given) is raised
    in place of the SQLite error; an exception from the body is re-raised as it is.
    """
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if failed is None:
            raise
        raise failed(exc) from exc
    try:
        yield db
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    try:
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        if failed is None:
            raise
        raise failed(exc) from exc
