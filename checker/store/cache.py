"""The extraction cache: each document's claims, kept between runs.

Parsing is the slow part of a check; most files in a newsroom repository do not change
between two runs. So the claims of every document are stored, keyed by everything that
changes them and nothing else:

- the document's extracted text and publication date (relative dates such as "on Monday"
  resolve against it);
- an *extraction key* given by the caller: the pipeline, the extractor and the vocabulary
  (:func:`checker.extraction.identity.extraction_key`).

Not the path: a renamed or moved file still hits. Claims are stored without path, line,
column and id; on a hit they are placed in the document that asked (``Document.position``),
so edits to front matter, which move lines but not the text, still hit too.

The cache also remembers the wire-copy grouping of a set of documents under a key the
caller gives (:func:`checker.grouping.stories_key`).

Storage is one SQLite file in WAL mode (many readers, one writer, crash-safe commits) in
:func:`checker.paths.cache_dir`. The cache is an optimisation, so it never fails a run: a
corrupt file is deleted and made anew (with a warning), and any other storage error switches
the cache off for the run: with a warning, except when another run holds the file too long
(two runs creating it at once), said only when ``verbose``. On a full disk the cache's files
are removed when its write-ahead log cannot be folded back, so a full disk is not kept full.

The cache holds data only: JSON text in SQLite rows. Nothing in it is unpickled or run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model import Claim, Document, claim_from_record, claim_to_record
from ..paths import cache_dir, cache_enabled
from . import sqlite

FILENAME = "extraction.sqlite3"
APPLICATION_ID = 0x46434543  # "FCEC": a factcheck extraction cache
SCHEMA = 2  # bump to start afresh when a table changes
STORIES_KEPT = 16  # story groupings remembered (one per distinct set of documents)
BUSY_TIMEOUT = 10.0  # seconds to wait for another process's write
_PLACED = ("id", "path", "line", "column")  # claim fields that depend on the file, not the text

Warn = Callable[[str], None]


def document_key(document: Document, extraction: str) -> str:
    """The cache key of one document under one extraction key."""
    digest = hashlib.sha256()
    digest.update(extraction.encode("utf-8"))
    published = document.published.isoformat() if document.published else "-"
    digest.update(f"\0published={published}\0".encode())
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _stderr_warning(message: str) -> None:
    sys.stderr.write(f"factcheck: warning: {message}\n")


class ExtractionCache:
    """Claims per document in one SQLite file; safe to share between processes.

    ``view(extraction_key)`` gives what :func:`checker.runner.extract_documents` reads and
    writes (``get(document)``, ``put(document, claims)``).
    """

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        model: str | None = None,
        warn: Warn | None = None,
        verbose: bool = False,
    ):
        self.path = Path(path)
        self.model = model
        self.verbose = verbose  # also say when the cache is off because another run holds it
        self._warn = warn or _stderr_warning
        self._connection: sqlite3.Connection | None = None
        self._disabled = False

    @classmethod
    def default(cls, model: str | None = None, *, verbose: bool = False) -> ExtractionCache | None:
        """The cache in :func:`checker.paths.cache_dir`, or None when that folder cannot
        be made or the cache is off (``--no-cache``)."""
        if not cache_enabled():
            return None
        folder = cache_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        if not os.access(folder, os.W_OK | os.X_OK):
            return None
        return cls(folder / FILENAME, model=model, verbose=verbose)

    def view(self, extraction: str) -> CacheView:
        """This cache for one extraction key."""
        return CacheView(self, extraction)

    # -- storage ------------------------------------------------------------------------

    def load(self, key: str) -> list[dict] | None:
        row = self._run(
            lambda db: db.execute("SELECT claims FROM entries WHERE key = ?", (key,)).fetchone()
        )
        if not row:
            return None
        try:
            records = json.loads(row[0])
        except (TypeError, ValueError):
            return None
        return records if isinstance(records, list) else None

    def store(self, key: str, records: list[dict]) -> None:
        text = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
        self._run(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO entries (key, claims, stored) VALUES (?, ?, ?)",
                (key, text, time.time()),
            )
        )

    def clear(self) -> None:
        """Forget every entry."""
        self._run(lambda db: db.execute("DELETE FROM entries"))
        self._run(lambda db: db.execute("DELETE FROM stories"))

    def stories(
        self,
        key: str,
        documents: Sequence[Document],
        find: Callable[[Sequence[Document]], dict[str, str]],
    ) -> dict[str, str]:
        """``find(documents)`` (the wire-copy grouping, :func:`checker.grouping.find_stories`),
        remembered under ``key`` (:func:`checker.grouping.stories_key`, which changes with
        any text or path): a re-run over an unchanged corpus does not compare its texts
        again."""
        row = self._run(
            lambda db: db.execute("SELECT stories FROM stories WHERE key = ?", (key,)).fetchone()
        )
        paths = {document.path for document in documents}
        if row:
            try:
                copies = json.loads(row[0])
            except (TypeError, ValueError):
                copies = None
            if isinstance(copies, dict) and all(
                path in paths and story in paths for path, story in copies.items()
            ):
                return {path: copies.get(path, path) for path in paths}
        found = find(documents)
        copies = {path: story for path, story in sorted(found.items()) if path != story}
        # ASCII: a path's byte that is not UTF-8 (a lone surrogate) is kept as "\udcXX",
        # which SQLite's UTF-8 text accepts and json.loads gives back as it was.
        text = json.dumps(copies, ensure_ascii=True, separators=(",", ":"))

        def store(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR REPLACE INTO stories (key, stories) VALUES (?, ?)", (key, text))
            db.execute(
                "DELETE FROM stories WHERE rowid NOT IN "
                "(SELECT rowid FROM stories ORDER BY rowid DESC LIMIT ?)",
                (STORIES_KEPT,),
            )

        self._run(store)
        return found

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None

    def _run(self, action):
        """Run ``action(connection)``; on a corrupt file start afresh once, on any other
        storage error switch the cache off. Returns None when the cache is off."""
        for attempt in (1, 2):
            if self._disabled:
                return None
            try:
                return action(self._connect())
            except sqlite3.DatabaseError as exc:
                if attempt == 1 and sqlite.is_corrupt(exc):
                    self._reset(f"{exc}; starting a new cache")
                    continue
                if sqlite.is_full(exc):
                    self._free(str(exc))
                else:
                    self._disable(str(exc), quiet=sqlite.is_busy(exc) and not self.verbose)
        return None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = sqlite.prepare(
                sqlite.connect(self.path, busy_timeout=BUSY_TIMEOUT),
                application_id=APPLICATION_ID,
                version=SCHEMA,
                setup=_initialise,
                pragmas=("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"),
            )
        return self._connection

    def _reset(self, reason: str) -> None:
        self.close()
        self._warn(f"extraction cache {self.path}: {reason}")
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except FileNotFoundError:
                continue
            except OSError as exc:
                self._disable(f"cannot remove the corrupt file ({exc.strerror or exc})")
                return

    def _disable(self, reason: str, *, quiet: bool = False) -> None:
        self.close()
        if not self._disabled and not quiet:
            self._warn(f"extraction cache {self.path}: {reason}; continuing without it")
        self._disabled = True

    def _free(self, reason: str) -> None:
        """The disk is full: fold the write-ahead log back into the file if that can be done,
        else remove the cache's files (it is only a cache) rather than keep the disk full."""
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.execute("ROLLBACK")
            with contextlib.suppress(sqlite3.Error):
                self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.close()
        try:
            kept = os.stat(f"{self.path}-wal").st_size > 0
        except OSError:
            kept = False
        if kept:
            for suffix in ("-wal", "-shm", ""):
                with contextlib.suppress(OSError):
                    os.unlink(f"{self.path}{suffix}")
            reason += "; its files were removed to free the disk"
        self._disable(reason)


def _initialise(db: sqlite3.Connection, header: sqlite.Header) -> None:
    """Create the tables, or replace those of another schema (it is only a cache)."""
    with sqlite.transaction(db):
        header = sqlite.read_header(db)  # another process may have won
        if (header.application_id, header.user_version) != (APPLICATION_ID, SCHEMA):
            db.execute("DROP TABLE IF EXISTS entries")
            db.execute("DROP TABLE IF EXISTS stories")
            db.execute(
                "CREATE TABLE entries (key TEXT PRIMARY KEY, claims TEXT NOT NULL, "
                "stored REAL NOT NULL)"
            )
            db.execute("CREATE TABLE stories (key TEXT PRIMARY KEY, stories TEXT NOT NULL)")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA}")


class CacheView:
    """The cache for one extraction key: what ``extract_documents`` talks to."""

    def __init__(self, cache: ExtractionCache, extraction: str):
        self.cache = cache
        self.extraction = extraction

    def key(self, document: Document) -> str:
        return document_key(document, self.extraction)

    def get(self, document: Document) -> list[Claim] | None:
        """The claims of ``document`` placed in its file, or None on a miss."""
        records = self.cache.load(self.key(document))
        if records is None:
            return None
        sentences: dict[str, str] = {}  # claims of one sentence share its text, as when extracted
        try:
            for record in records:
                record["sentence"] = sentences.setdefault(record["sentence"], record["sentence"])
            return [claim_from_record(_placed(record, document)) for record in records]
        except (TypeError, ValueError, KeyError, AttributeError):  # from an incompatible build
            return None

    def put(self, document: Document, claims: Sequence[Claim]) -> None:
        records = []
        for claim in claims:
            record = claim_to_record(claim)
            for name in _PLACED:
                record.pop(name, None)
            records.append(record)
        self.cache.store(self.key(document), records)


def _placed(record: dict, document: Document) -> dict:
    """A stored record placed in the document that asked (its path, line and column)."""
    where = document.position(record["start"])
    record.update(path=document.path, line=where.line, column=where.column)
    return record
