"""The extraction cache: each document's claims, kept between runs.

Parsing is the slow part of a check; most files in a newsroom repository do not change
between two runs. So the claims of every document are stored, keyed by everything that
changes them and nothing else:

- the document's extracted text and publication date (relative dates such as "on Monday"
  resolve against it);
- the spaCy pipeline: its name, a digest of its ``meta.json`` (name, version, training
  figures) and the spaCy version, read from the installed package without loading it;
- ``EXTRACTOR_VERSION`` (bumped whenever extraction code changes its output);
- a digest of the vocabulary in use (measures, places and groups decide what a claim is).

Not the path: a renamed or moved file still hits. Claims are stored without path, line,
column and id; on a hit they are placed in the document that asked (``Document.position``),
so edits to front matter, which move lines but not the text, still hit too.

Storage is one SQLite file in WAL mode (many readers, one writer, crash-safe commits) in
``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``.
The cache is an optimisation, so it never fails a run: a corrupt file is deleted and made
anew (with a warning), and any other storage error switches the cache off for the run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .model import Claim, Document, claim_from_record, claim_to_record

FILENAME = "extraction.sqlite3"
APPLICATION_ID = 0x46434543  # "FCEC": a factcheck extraction cache
SCHEMA = 2  # bump to start afresh when a table changes
STORIES_KEPT = 16  # story groupings remembered (one per distinct set of documents)
BUSY_TIMEOUT = 10.0  # seconds to wait for another process's write
_PLACED = ("id", "path", "line", "column")  # claim fields that depend on the file, not the text
# SQLite result codes for a file that is not (or no longer) a database.
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB

Warn = Callable[[str], None]


def cache_dir() -> Path:
    """Where the cache lives: ``$FACTCHECK_CACHE_DIR``, ``$XDG_CACHE_HOME/factcheck``,
    else ``~/.cache/factcheck``."""
    explicit = os.environ.get("FACTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "factcheck"


def model_identity(model: str | None = None) -> str:
    """The pipeline as the cache sees it: name, a digest of its meta.json, spaCy version.

    Read from the package or folder on disk; the pipeline itself is not loaded.
    """
    if model is None:
        from .nlp import default_model

        model = default_model()
    meta = _model_meta(model)
    digest = hashlib.sha256(meta).hexdigest()[:16] if meta else _distribution_version(model)
    return f"{model}|{digest or 'unknown'}|spacy={_distribution_version('spacy') or '?'}"


def _model_meta(model: str) -> bytes | None:
    folder: Path | None = None
    path = Path(model).expanduser()
    if path.is_dir():
        folder = path
    else:
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.origin:
            folder = Path(spec.origin).parent
    if folder is None:
        return None
    try:
        return (folder / "meta.json").read_bytes()
    except OSError:
        return None


def _distribution_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None


def vocabulary_digest(vocabulary) -> str:
    """A digest of everything in a vocabulary: a new measure, alias or trigger word
    changes what is extracted."""
    data = {
        "measures": {
            name: dataclasses.asdict(measure)
            for name, measure in sorted(vocabulary.measures.items())
        },
        "places": sorted(vocabulary.places.items()),
        "groups": sorted(vocabulary.groups.items()),
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extraction_key(model: str | None, vocabulary) -> str:
    """What, besides a document, decides its claims: pipeline, extractor and vocabulary."""
    from .extraction import EXTRACTOR_VERSION

    parts = (
        f"schema={SCHEMA}",
        f"extractor={EXTRACTOR_VERSION}",
        f"model={model_identity(model)}",
        f"vocabulary={vocabulary_digest(vocabulary)}",
    )
    return "\n".join(parts)


def stories_key(documents: Sequence[Document]) -> str:
    """What decides the wire-copy grouping: the grouping code and each path and its text."""
    from . import grouping

    digest = hashlib.sha256()
    digest.update(Path(grouping.__file__).read_bytes())
    for document in sorted(documents, key=lambda d: d.path):
        digest.update(f"\0{document.path}\0".encode("utf-8", "surrogatepass"))
        digest.update(hashlib.sha256(document.text.encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()


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

    ``bind(model=..., vocabulary=...)`` gives the view :func:`checker.api.extract_documents`
    reads and writes (``get(document)``, ``put(document, claims)``).
    """

    def __init__(
        self, path: str | os.PathLike, *, model: str | None = None, warn: Warn | None = None
    ):
        self.path = Path(path)
        self.model = model
        self._warn = warn or _stderr_warning
        self._connection: sqlite3.Connection | None = None
        self._disabled = False
        self._keys: dict[tuple, tuple[object, str]] = {}  # (model, id) -> (vocabulary, key)

    @classmethod
    def default(cls, model: str | None = None) -> ExtractionCache | None:
        """The cache in :func:`cache_dir`, or None when that folder cannot be made."""
        folder = cache_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        if not os.access(folder, os.W_OK | os.X_OK):
            return None
        return cls(folder / FILENAME, model=model)

    def bind(self, *, model: str | None = None, vocabulary=None) -> CacheView:
        """This cache for one pipeline and vocabulary (default: the cache's own model)."""
        if vocabulary is None:
            from .vocabulary import default_vocabulary

            vocabulary = default_vocabulary()
        model = model or self.model
        memo = (model, id(vocabulary))
        held = self._keys.get(memo)
        if held is None or held[0] is not vocabulary:  # holding it keeps its id unique
            held = self._keys[memo] = (vocabulary, extraction_key(model, vocabulary))
        return CacheView(self, held[1])

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
        documents: Sequence[Document],
        find: Callable[[Sequence[Document]], dict[str, str]],
    ) -> dict[str, str]:
        """``find(documents)`` (the wire-copy grouping, :func:`checker.grouping.find_stories`),
        remembered for this exact set of documents: a re-run over an unchanged corpus does
        not compare its texts again. Any change to a text or a path is another set."""
        key = stories_key(documents)
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
        text = json.dumps(copies, ensure_ascii=False, separators=(",", ":"))

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
                if attempt == 1 and _is_corrupt(exc):
                    self._reset(f"{exc}; starting a new cache")
                    continue
                self._disable(str(exc))
        return None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None:
            return self._connection
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            app, version = (
                db.execute("PRAGMA application_id").fetchone()[0],
                db.execute("PRAGMA user_version").fetchone()[0],
            )
            if (app, version) != (APPLICATION_ID, SCHEMA):
                self._initialise(db, app, version)
        except BaseException:
            db.close()
            raise
        self._connection = db
        return db

    def _initialise(self, db: sqlite3.Connection, app: int, version: int) -> None:
        """Create the table, or replace one from another schema (it is only a cache)."""
        db.execute("BEGIN IMMEDIATE")
        try:
            app, version = (
                db.execute("PRAGMA application_id").fetchone()[0],
                db.execute("PRAGMA user_version").fetchone()[0],
            )
            if (app, version) != (APPLICATION_ID, SCHEMA):  # another process may have won
                db.execute("DROP TABLE IF EXISTS entries")
                db.execute("DROP TABLE IF EXISTS stories")
                db.execute(
                    "CREATE TABLE entries (key TEXT PRIMARY KEY, claims TEXT NOT NULL, "
                    "stored REAL NOT NULL)"
                )
                db.execute("CREATE TABLE stories (key TEXT PRIMARY KEY, stories TEXT NOT NULL)")
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA}")
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise

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

    def _disable(self, reason: str) -> None:
        self.close()
        if not self._disabled:
            self._warn(f"extraction cache {self.path}: {reason}; continuing without it")
        self._disabled = True


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    # Python 3.10: busy, locked, read-only and full disks are OperationalErrors.
    return not isinstance(exc, sqlite3.OperationalError)


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
