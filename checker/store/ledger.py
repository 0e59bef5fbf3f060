"""The claim ledger: an archive's documents and claims, in SQLite.

``factcheck index`` (:mod:`checker.archive`) stores per document its metadata, a digest of
its content, the extraction key it was read under, and its claims; ``check --against``
then reads only the claims that share a measure and place with a draft's claims, so a
draft is checked against ten thousand articles without parsing one of them.

Safety, in the order it matters to a newsroom:

- A file that is not a ledger is never written: a ledger is an SQLite file whose header
  carries ``APPLICATION_ID``; anything else is refused (:class:`LedgerError`).
- Writes happen in one transaction (:meth:`Ledger.transaction`): a run that is killed, or
  fails, leaves the ledger as it was before the run.
- The ledger is in SQLite's write-ahead-log mode (set by the first writer): a
  ``check --against`` reads while an index run writes, never waiting; a second writer waits
  (up to ``BUSY_TIMEOUT``) for the first to commit, then writes. ``factcheck index``
  extracts first and writes after (:func:`checker.archive.index`), so the write lock is
  held for the writing only, not for the parsing.
- A damaged file is a :class:`LedgerError` naming it, never an internal error.
- The schema is versioned (``PRAGMA user_version``) and migrated by an ordered list of SQL
  steps, applied in one transaction; a ledger from a newer factcheck is refused.

Paths are stored as given (``archive/2023/a.md``), so findings cite them as the newsroom
knows them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

from ..errors import FactcheckError
from ..model import Claim, Document, claim_from_record, claim_to_record
from . import sqlite

APPLICATION_ID = 0x46434C47  # "FCLG": a factcheck claim ledger
# Seconds a writer waits for another's write transaction (which holds only the writing of
# an index run, not its parsing). Readers do not wait: the ledger is in WAL mode.
BUSY_TIMEOUT = 120.0

# Each entry migrates the schema one version up; a ledger at version N has run the first N.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: documents and their claims
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            title TEXT,
            published TEXT,
            published_from TEXT,
            source TEXT,
            url TEXT,
            content_hash TEXT NOT NULL,
            extraction TEXT NOT NULL,
            indexed TEXT NOT NULL
        )""",
        """CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            document INTEGER NOT NULL REFERENCES documents (id),
            measure TEXT,
            location TEXT,
            unit TEXT,
            as_of TEXT,
            record TEXT NOT NULL
        )""",
        "CREATE INDEX claims_by_subject ON claims (measure, location, as_of)",
        "CREATE INDEX claims_by_document ON claims (document)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class LedgerError(FactcheckError):
    """A ledger that cannot be used: not a ledger, too new, locked, damaged or unreadable."""


class Entry(NamedTuple):
    """A document's row and its claims' rows, made before the write transaction so that
    the transaction only writes (:meth:`Ledger.store`)."""

    document: Document  # metadata only
    claims: list[tuple]  # (measure, location, unit, as_of, record)
    content_hash: str
    extraction: str


def entry(
    document: Document, claims: Sequence[Claim], *, content_hash: str, extraction: str
) -> Entry:
    """What :meth:`Ledger.store` writes for ``document``; keeps no text."""
    rows = [
        (
            claim.measure,
            claim.location,
            claim.unit,
            claim.as_of.isoformat() if claim.as_of else None,
            _record(claim),
        )
        for claim in claims
    ]
    bare = dataclasses.replace(document, text="", raw=None, offsets=None)
    return Entry(bare, rows, content_hash, extraction)


Result = TypeVar("Result")


def _named(method: Callable[..., Result]) -> Callable[..., Result]:
    """SQLite errors of a ledger method become a one-line :class:`LedgerError` naming the
    file: a damaged ledger, a full disk or a lock held too long is the user's to fix."""

    @functools.wraps(method)
    def wrapper(self: Ledger, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise self.failure(exc) from exc

    return wrapper


class Ledger:
    """An open ledger. Use :meth:`open`; close it (or use it as a context manager)."""

    def __init__(self, path: str, db: sqlite3.Connection):
        self.path = path
        self.db = db

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False) -> Ledger:
        """Open the ledger at ``path``, made (when ``create``) or migrated as needed."""
        shown = str(path)
        target = Path(path)
        if target.is_dir():
            raise LedgerError(f"{shown}: is a folder, not a ledger file")
        if not target.exists():
            if not create:
                raise LedgerError(f"{shown}: no such ledger")
        elif (
            not sqlite.hot_journal(target)
            and target.stat().st_size
            and not sqlite.is_sqlite(target)
        ):
            raise LedgerError(f"{shown}: exists and is not a factcheck ledger; not touching it")
        try:
            db = sqlite.connect(target, busy_timeout=BUSY_TIMEOUT)
        except sqlite3.Error as exc:
            raise LedgerError(f"{shown}: cannot open the ledger ({exc})") from exc
        ledger = cls(shown, db)
        try:
            sqlite.prepare(
                db,
                application_id=APPLICATION_ID,
                version=SCHEMA_VERSION,
                setup=lambda _, header: ledger._upgrade(header, create),
            )
            if create:  # a writer: WAL, so that readers never wait for it (persistent)
                db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            db.close()
            raise ledger.failure(exc, "cannot use the ledger") from exc
        return ledger

    def failure(self, exc: sqlite3.Error, doing: str = "") -> LedgerError:
        """A one-line error naming this ledger for an SQLite error."""
        if isinstance(exc, sqlite3.DatabaseError) and sqlite.is_corrupt(exc):
            return LedgerError(
                f"{self.path}: the ledger is damaged ({exc}); index the archive again into a "
                "new ledger"
            )
        return LedgerError(f"{self.path}: {doing or 'cannot use the ledger'} ({exc})")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------

    def _upgrade(self, header: sqlite.Header, create: bool) -> None:
        """Refuse a file that is not this ledger, else migrate it to ``SCHEMA_VERSION``."""
        self._check_header(header, create)
        if header.user_version < SCHEMA_VERSION:
            with self.transaction():
                header = sqlite.read_header(self.db)  # another process may have migrated it
                self._check_header(header, create)
                for number in range(header.user_version, SCHEMA_VERSION):
                    for statement in MIGRATIONS[number]:
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {number + 1}")
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _check_header(self, header: sqlite.Header, create: bool) -> None:
        app, version, tables = header
        if app != APPLICATION_ID:
            if app or version or tables:
                raise LedgerError(
                    f"{self.path}: an SQLite database but not a factcheck ledger; not touching it"
                )
            if not create:
                raise LedgerError(f"{self.path}: an empty file, not a factcheck ledger")
        if version > SCHEMA_VERSION:
            raise LedgerError(
                f"{self.path}: written by a newer factcheck (ledger schema {version}, this "
                f"version reads up to {SCHEMA_VERSION}); upgrade factcheck"
            )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it is committed, or none of it."""
        with sqlite.transaction(self.db, failed=self._cannot_write):
            yield

    def _cannot_write(self, exc: sqlite3.Error) -> LedgerError:
        return self.failure(exc, "cannot write the ledger")

    # -- reading ------------------------------------------------------------------------

    @_named
    def counts(self) -> tuple[int, int]:
        """How many documents and claims the ledger holds."""
        documents = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        claims = self.db.execute("SELECT count(*) FROM claims").fetchone()[0]
        return documents, claims

    @_named
    def indexed(self) -> dict[str, tuple[str, str]]:
        """Every document's path with its content hash and extraction key."""
        rows = self.db.execute("SELECT path, content_hash, extraction FROM documents")
        return {path: (content, extraction) for path, content, extraction in rows}

    @_named
    def documents(self, ids: Iterable[int] | None = None) -> dict[int, Document]:
        """Documents by row id (all when ``ids`` is None), metadata only: no text."""
        query = "SELECT id, path, title, published, published_from, source, url FROM documents"
        if ids is None:
            return {row[0]: _document(row) for row in self.db.execute(query)}
        wanted = sorted(set(ids))
        found: dict[int, Document] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"{query} WHERE id IN ({marks})", chunk):
                found[row[0]] = _document(row)
        return found

    @_named
    def claims_about(
        self, subjects: Iterable[tuple[str, str | None]], *, exclude: Iterable[str] = ()
    ) -> tuple[list[Document], list[Claim]]:
        """Dated claims whose (measure, location) is one of ``subjects``, with their
        documents (metadata only); documents at paths in ``exclude`` are left out."""
        skip = set(exclude)
        by_document: dict[int, list[Claim]] = {}
        for measure, location in sorted(set(subjects), key=lambda s: (s[0], s[1] or "")):
            rows = self.db.execute(
                "SELECT claims.document, documents.path, claims.record FROM claims "
                "JOIN documents ON documents.id = claims.document "
                "WHERE claims.measure = ? AND claims.location IS ? AND claims.as_of IS NOT NULL",
                (measure, location),
            )
            for document, path, record in rows:
                if path not in skip:
                    by_document.setdefault(document, []).append(_claim(record))
        documents = self.documents(by_document)
        ordered = sorted(by_document, key=lambda k: documents[k].path)
        claims = [
            claim
            for k in ordered
            for claim in sorted(by_document[k], key=lambda c: (c.start, c.end))
        ]
        return [documents[k] for k in ordered], claims

    @_named
    def extractions(self) -> dict[str, int]:
        """How many documents were indexed under each extraction key."""
        rows = self.db.execute("SELECT extraction, count(*) FROM documents GROUP BY extraction")
        return dict(rows.fetchall())

    # -- writing (inside :meth:`transaction`) --------------------------------------------

    def write(
        self, document: Document, claims: Sequence[Claim], *, content_hash: str, extraction: str
    ) -> bool:
        """Store ``document`` and its claims, replacing what was there; True if it was new."""
        return self.store(entry(document, claims, content_hash=content_hash, extraction=extraction))

    @_named
    def store(self, staged: Entry) -> bool:
        """Write an :class:`Entry`, replacing what was at its path; True if it was new."""
        document, rows, content_hash, extraction = staged
        values = (
            document.title,
            document.published.isoformat() if document.published else None,
            document.published_from,
            document.source,
            document.url,
            content_hash,
            extraction,
            dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        )
        found = self.db.execute("SELECT id FROM documents WHERE path = ?", (document.path,))
        row = found.fetchone()
        if row:
            number = row[0]
            self.db.execute(
                "UPDATE documents SET title = ?, published = ?, published_from = ?, source = ?, "
                "url = ?, content_hash = ?, extraction = ?, indexed = ? WHERE id = ?",
                (*values, number),
            )
            self.db.execute("DELETE FROM claims WHERE document = ?", (number,))
        else:
            number = self.db.execute(
                "INSERT INTO documents (path, title, published, published_from, source, url, "
                "content_hash, extraction, indexed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document.path, *values),
            ).lastrowid
        self.db.executemany(
            "INSERT INTO claims (document, measure, location, unit, as_of, record) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(number, *row) for row in rows],
        )
        return row is None

    @_named
    def remove(self, path: str) -> None:
        row = self.db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if row:
            self.db.execute("DELETE FROM claims WHERE document = ?", (row[0],))
            self.db.execute("DELETE FROM documents WHERE id = ?", (row[0],))


def _record(claim: Claim) -> str:
    record = claim_to_record(claim)
    record["id"] = None  # ids are per report
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _claim(text: str) -> Claim:
    return claim_from_record(json.loads(text))


def _document(row: tuple) -> Document:
    _, path, title, published, published_from, source, url = row
    date = dt.date.fromisoformat(published) if published else None
    return Document(
        path=path,
        text="",
        title=title,
        published=date,
        published_from=published_from if date else None,
        source=source,
        url=url,
    )
