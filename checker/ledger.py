"""The claim ledger: an archive's documents and claims, indexed once, in SQLite.

``factcheck index ARCHIVE... --ledger FILE`` reads the archive and stores, per document, its
metadata, a digest of its content and its claims; ``factcheck check DRAFT --against FILE``
then reads only the claims that share a measure and place with the draft's claims, so a
draft is checked against ten thousand articles without parsing one of them.

Safety, in the order it matters to a newsroom:

- A file that is not a ledger is never written: a ledger is an SQLite file whose header
  carries ``APPLICATION_ID``; anything else at ``--ledger`` is refused (exit 2).
- One index run is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``) in SQLite's rollback
  journal mode: a run that is killed, or fails, leaves the ledger as it was before the run.
  A second concurrent run waits for the first, then sees its result.
- The schema is versioned (``PRAGMA user_version``) and migrated by an ordered list of SQL
  steps, applied in one transaction; a ledger from a newer factcheck is refused.

Incremental: a document is parsed again only when its file, its sidecar metadata, or the
extraction (pipeline, extractor version, vocabulary) changed. Files that disappeared from a
folder given to ``index`` are removed; documents indexed from other folders are kept.

Paths are stored as given to ``index`` (``archive/2023/a.md``), so findings cite them as
the newsroom knows them: run ``index`` and ``check`` from the same folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FactcheckError, UsageError
from .model import Claim, Document, claim_from_record, claim_to_record

APPLICATION_ID = 0x46434C47  # "FCLG": a factcheck claim ledger
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT = 30.0  # seconds to wait for another index run to finish
BATCH = 32  # documents extracted and written at a time

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
    """A ledger that cannot be used: not a ledger, too new, locked or unreadable."""


def is_sqlite(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a file that starts with SQLite's header."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def is_ledger(path: str | os.PathLike) -> bool:
    """Whether ``path`` is an SQLite file carrying the ledger's application id."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(72)
    except OSError:
        return False
    return head[:16] == SQLITE_MAGIC and int.from_bytes(head[68:72], "big") == APPLICATION_ID


@dataclass(frozen=True)
class Summary:
    """What an index run did."""

    unchanged: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    documents: int = 0
    claims: int = 0
    notes: tuple[str, ...] = ()

    def describe(self, ledger: str) -> str:
        return (
            f"{ledger}: {self.unchanged} unchanged, {self.added} added, {self.updated} updated, "
            f"{self.removed} removed; {self.documents} documents, {self.claims} claims"
        )


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
        elif not _hot_journal(target) and target.stat().st_size and not is_sqlite(target):
            raise LedgerError(f"{shown}: exists and is not a factcheck ledger; not touching it")
        try:
            db = sqlite3.connect(target, timeout=BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.Error as exc:
            raise LedgerError(f"{shown}: cannot open the ledger ({exc})") from exc
        ledger = cls(shown, db)
        try:
            ledger._prepare(create)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise LedgerError(f"{shown}: cannot use the ledger ({exc})") from exc
        except BaseException:
            db.close()
            raise
        return ledger

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------

    def _header(self) -> tuple[int, int, int]:
        app = self.db.execute("PRAGMA application_id").fetchone()[0]
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return app, version, tables

    def _prepare(self, create: bool) -> None:
        app, version, tables = self._header()
        self._check_header(app, version, tables, create)
        if version < SCHEMA_VERSION:
            self._migrate(create)

    def _check_header(self, app: int, version: int, tables: int, create: bool) -> None:
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

    def _migrate(self, create: bool) -> None:
        with self.transaction():
            app, version, tables = self._header()  # another process may have migrated it
            self._check_header(app, version, tables, create)
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number]:
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it is committed, or none of it."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise LedgerError(f"{self.path}: cannot write the ledger ({exc})") from exc
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
            raise LedgerError(f"{self.path}: cannot write the ledger ({exc})") from exc

    # -- reading ------------------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        """How many documents and claims the ledger holds."""
        documents = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        claims = self.db.execute("SELECT count(*) FROM claims").fetchone()[0]
        return documents, claims

    def indexed(self) -> dict[str, tuple[str, str]]:
        """Every document's path with its content hash and extraction key."""
        rows = self.db.execute("SELECT path, content_hash, extraction FROM documents")
        return {path: (content, extraction) for path, content, extraction in rows}

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

    def extractions(self) -> dict[str, int]:
        """How many documents were indexed under each extraction key."""
        rows = self.db.execute("SELECT extraction, count(*) FROM documents GROUP BY extraction")
        return dict(rows.fetchall())

    # -- writing (inside :meth:`transaction`) --------------------------------------------

    def write(
        self, document: Document, claims: Sequence[Claim], *, content_hash: str, extraction: str
    ) -> bool:
        """Store ``document`` and its claims, replacing what was there; True if it was new."""
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
            [
                (
                    number,
                    claim.measure,
                    claim.location,
                    claim.unit,
                    claim.as_of.isoformat() if claim.as_of else None,
                    _record(claim),
                )
                for claim in claims
            ],
        )
        return row is None

    def remove(self, path: str) -> None:
        row = self.db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if row:
            self.db.execute("DELETE FROM claims WHERE document = ?", (row[0],))
            self.db.execute("DELETE FROM documents WHERE id = ?", (row[0],))


def _hot_journal(target: Path) -> bool:
    """A rollback journal left by a killed writer: SQLite restores the file on open, and
    until then the header may be half written."""
    journal = target.with_name(target.name + "-journal")
    try:
        return journal.stat().st_size > 0
    except OSError:
        return False


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


# -- indexing ---------------------------------------------------------------------------


def content_hash(path: str) -> str:
    """A digest of a document file and its sidecar metadata files (what loading reads)."""
    from .documents import SIDECAR

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        digest.update(handle.read())
    stem = os.path.splitext(path)[0]
    for sidecar in (path + SIDECAR, stem + SIDECAR):
        if os.path.isfile(sidecar):
            with open(sidecar, "rb") as handle:
                digest.update(b"\0" + os.path.basename(sidecar).encode() + b"\0" + handle.read())
    return digest.hexdigest()


def extraction_digest(model: str | None, vocabulary) -> str:
    """A short digest of what decides claims besides the text (see :mod:`checker.cache`)."""
    from .cache import extraction_key

    return hashlib.sha256(extraction_key(model, vocabulary).encode()).hexdigest()[:16]


def index(
    paths: Sequence[str],
    ledger_path: str | os.PathLike,
    *,
    model: str | None = None,
    vocabulary=None,
    cache=None,
    strict: bool = False,
    progress: Callable[[int], Any] | None = None,
    jobs: int = 1,
) -> Summary:
    """Bring the ledger at ``ledger_path`` up to date with the documents at ``paths``.

    Everything happens in one transaction: the ledger changes only if the run completes.
    """
    from .api import extract_documents
    from .documents import UnreadableError, discover, load_path
    from .vocabulary import default_vocabulary

    if "-" in paths:
        raise UsageError("index reads files and folders; it cannot index stdin (-)")
    files, notes = discover(paths)
    vocabulary = vocabulary or default_vocabulary()
    extraction = extraction_digest(model, vocabulary)
    roots = [_tidy(path) for path in paths]
    counts = dict.fromkeys(("unchanged", "added", "updated", "removed"), 0)
    with Ledger.open(ledger_path, create=True) as ledger, ledger.transaction():
        known = ledger.indexed()
        todo: list[tuple[str, str]] = []
        for path in files:
            try:
                digest = content_hash(path)
            except OSError as exc:
                problem = UnreadableError(path, exc.strerror or str(exc))
                _unreadable(problem, path, roots, strict, notes)
                continue
            if known.get(path) == (digest, extraction):
                counts["unchanged"] += 1
                if progress:
                    progress(1)
            else:
                todo.append((path, digest))
        size = BATCH if jobs <= 1 else BATCH * 8 * jobs  # workers start once per batch
        for start in range(0, len(todo), size):
            batch = todo[start : start + size]
            loaded: list[tuple[Document, str]] = []
            for path, digest in batch:
                try:
                    loaded.append((load_path(path, strict=strict), digest))
                except UnreadableError as exc:
                    _unreadable(exc, path, roots, strict, notes)
            claims = extract_documents(
                [document for document, _ in loaded],
                model=model,
                vocabulary=vocabulary,
                cache=cache,
                jobs=jobs,
            )
            by_path: dict[str, list[Claim]] = {}
            for claim in claims:
                by_path.setdefault(claim.path or "", []).append(claim)
            for document, digest in loaded:
                new = ledger.write(
                    document,
                    by_path.get(document.path, []),
                    content_hash=digest,
                    extraction=extraction,
                )
                counts["added" if new else "updated"] += 1
            if progress:
                progress(len(batch))
        present = set(files)
        for path in sorted(known):
            if path not in present and any(_under(path, root) for root in roots):
                ledger.remove(path)
                counts["removed"] += 1
        documents, claims_total = ledger.counts()
    return Summary(**counts, documents=documents, claims=claims_total, notes=tuple(notes))


def _unreadable(
    exc: Exception, path: str, roots: list[str], strict: bool, notes: list[str]
) -> None:
    """A file named on the command line must be readable; one found in a folder is a note
    (and its earlier entry, if any, is kept)."""
    if strict or path in roots:
        raise exc
    notes.append(str(exc))


def _tidy(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def _under(path: str, root: str) -> bool:
    """Whether ``path`` (as discovery shows it) lies under the indexed ``root``."""
    if path == root:
        return True
    if root == ".":
        return not (path.startswith("../") or path == ".." or path.startswith("/"))
    return path.startswith(root if root.endswith("/") else root + "/")


# -- reading an archive for a check -----------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """What drafts are checked against: archive documents (metadata only) and the claims
    of theirs that share a subject with the drafts, plus notes for the user."""

    documents: tuple[Document, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: tuple[str, ...] = ()


def load_evidence(
    archives: Sequence[str],
    drafts: Sequence[Claim],
    *,
    exclude: Iterable[str] = (),
    model: str | None = None,
    vocabulary=None,
    cache=None,
    strict: bool = False,
    today: dt.date | None = None,
) -> Evidence:
    """The claims in ``archives`` (folders or files of articles, or ledgers) that the
    ``drafts`` claims can be compared with: same measure and place, dated.

    Ledgers are read, never parsed; folders are extracted (through ``cache``). A document
    at a path in ``exclude`` (the drafts themselves) or seen in an earlier archive is
    skipped.
    """
    from .vocabulary import default_vocabulary

    vocabulary = vocabulary or default_vocabulary()
    subjects = {
        (claim.measure, claim.location)
        for claim in drafts
        if claim.measure is not None and claim.as_of is not None
    }
    seen = {_tidy(path) for path in exclude}
    documents: list[Document] = []
    claims: list[Claim] = []
    notes: list[str] = []
    folders: list[str] = []
    for archive in archives:
        if os.path.isfile(archive) and is_sqlite(archive):
            found, more = _from_ledger(archive, subjects, seen, model, vocabulary)
            documents.extend(found.documents)
            claims.extend(found.claims)
            notes.extend(more)
            seen.update(document.path for document in found.documents)
        else:
            folders.append(archive)
    if folders and subjects:
        found, more = _from_folders(
            folders,
            subjects,
            seen,
            model=model,
            vocabulary=vocabulary,
            cache=cache,
            strict=strict,
            today=today,
        )
        documents.extend(found.documents)
        claims.extend(found.claims)
        notes.extend(more)
    return Evidence(tuple(documents), tuple(claims), tuple(notes))


def _from_ledger(
    path: str, subjects: set, seen: set[str], model: str | None, vocabulary
) -> tuple[Evidence, list[str]]:
    notes: list[str] = []
    current = extraction_digest(model, vocabulary)
    with Ledger.open(path) as ledger:
        documents, claims = ledger.claims_about(subjects, exclude=seen)
        other = sum(count for key, count in ledger.extractions().items() if key != current)
    if other:
        notes.append(
            f"{path}: {other} documents were indexed with another pipeline, extractor or "
            "vocabulary; run `factcheck index` again for comparable claims"
        )
    return Evidence(tuple(documents), tuple(claims)), notes


def _from_folders(
    folders: list[str],
    subjects: set,
    seen: set[str],
    *,
    model: str | None,
    vocabulary,
    cache,
    strict: bool,
    today: dt.date | None,
) -> tuple[Evidence, list[str]]:
    from .api import extract_documents
    from .documents import load_documents

    loaded, notes = load_documents(folders, strict=strict, today=today)
    loaded = [document for document in loaded if document.path not in seen]
    extracted = extract_documents(loaded, model=model, vocabulary=vocabulary, cache=cache)
    claims = [
        dataclasses.replace(claim, id=None)
        for claim in extracted
        if claim.as_of is not None and (claim.measure, claim.location) in subjects
    ]
    cited = {claim.path for claim in claims}
    documents = [
        dataclasses.replace(document, text="", raw=None, offsets=None)
        for document in sorted(loaded, key=lambda d: d.path)
        if document.path in cited
    ]
    return Evidence(tuple(documents), tuple(claims)), notes
