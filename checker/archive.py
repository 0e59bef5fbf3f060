"""An archive of published articles: indexed into a ledger, read as evidence for a check.

``factcheck index ARCHIVE... --ledger FILE`` (:func:`index`) reads the archive and stores,
per document, its metadata, a digest of its content and its claims in a ledger
(:class:`checker.store.ledger.Ledger`); ``factcheck check DRAFT --against ARCHIVE``
(:func:`load_evidence`) then reads only the claims that share a measure and place with the
draft's claims, from ledgers without parsing, from folders through the extraction.

Indexing is incremental: a document is parsed again only when its file, its sidecar
metadata, or the extraction (pipeline, extractor version, vocabulary) changed. Files that
disappeared from a folder given to ``index`` are removed; documents indexed from other
folders are kept. One index run is one transaction: a run that is killed, or fails, leaves
the ledger as it was.

Paths are stored as given to ``index`` (``archive/2023/a.md``), so findings cite them as
the newsroom knows them: run ``index`` and ``check`` from the same folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .documents import (
    EXTENSIONS,
    SIDECAR,
    DocumentError,
    UnreadableError,
    discover,
    load_documents,
    load_path,
    max_file_bytes,
    skipped,
    too_large,
)
from .errors import UsageError
from .extraction.identity import extraction_digest
from .files import TooLarge, file_kind, read_bounded, shown
from .model import Claim, Document
from .runner import extract_documents
from .store.ledger import Entry, Ledger, LedgerError, entry
from .store.sqlite import is_sqlite
from .vocabulary import default_vocabulary

BATCH = 32  # documents extracted and written at a time


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


# -- indexing ---------------------------------------------------------------------------


def content_hash(path: str) -> str:
    """A digest of a document file and its sidecar metadata files (what loading reads).

    Read as loading reads them: regular files only, and never more than the size limit
    (:class:`checker.files.TooLarge` past it), so a huge file is refused before it is
    hashed, as it would be before it is parsed."""
    limit = max_file_bytes()
    digest = hashlib.sha256(read_bounded(path, limit))
    stem = os.path.splitext(path)[0]
    for sidecar in (path + SIDECAR, stem + SIDECAR):
        if os.path.isfile(sidecar):
            name = os.fsencode(os.path.basename(sidecar))
            digest.update(b"\0" + name + b"\0" + read_bounded(sidecar, limit))
    return digest.hexdigest()


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
    engine=None,
    today: dt.date | None = None,
    exclude=None,
) -> Summary:
    """Bring the ledger at ``ledger_path`` up to date with the documents at ``paths``.
    ``today`` is the date of the run (``--as-of``), which bounds date inference; ``engine``
    (a :class:`checker.distributed.DaskEngine`, entered) extracts on a cluster.

    Documents are extracted first, with no lock held; then everything is written in one
    short transaction: the ledger changes only if the run completes, a ``check --against``
    reads it meanwhile, and a second index run waits only for the writing. ``exclude``
    leaves out files found in folders (:class:`checker.config.excludes.Excluder`); an
    entry for a file now excluded is removed.
    """
    if "-" in paths:
        raise UsageError("index reads files and folders; it cannot index stdin (-)")
    files, notes = discover(paths, strict=strict, exclude=exclude)
    _refuse_unusual_ledger(ledger_path)
    vocabulary = vocabulary or default_vocabulary()
    extraction = extraction_digest(model, vocabulary)
    roots = [_tidy(path) for path in paths]
    counts = dict.fromkeys(("unchanged", "added", "updated", "removed"), 0)
    with Ledger.open(ledger_path, create=True) as ledger:
        known = ledger.indexed()  # a read: no lock is held while extracting
        staged: list[Entry] = []
        todo: list[tuple[str, str]] = []
        for path in files:
            try:
                digest = content_hash(path)
            except TooLarge as exc:
                problem = UnreadableError(path, too_large(exc.size, exc.limit))
                _unreadable(problem, path, roots, strict, notes)
                continue
            except OSError as exc:
                problem = UnreadableError(path, exc.strerror or str(exc))
                _unreadable(problem, path, roots, strict, notes)
                continue
            if known.get(stored(path)) == (digest, extraction):
                counts["unchanged"] += 1
                if progress:
                    progress(1)
            else:
                todo.append((path, digest))
        size = BATCH if jobs <= 1 and engine is None else BATCH * 8 * max(jobs, 2)
        # (workers start once per batch; a Dask engine's partitions want large batches)
        for start in range(0, len(todo), size):
            batch = todo[start : start + size]
            loaded: list[tuple[Document, str]] = []
            if engine is None:
                for path, digest in batch:
                    try:
                        document = load_path(path, strict=strict, notes=notes, today=today)
                    except DocumentError as exc:
                        _unreadable(exc, path, roots, strict, notes)
                        continue
                    loaded.append((document, digest))
                claims = extract_documents(
                    [document for document, _ in loaded],
                    model=model,
                    vocabulary=vocabulary,
                    cache=cache,
                    jobs=jobs,
                    notes=notes,
                )
            else:  # read on the workers: metadata and claims come back
                read = engine.read_files(
                    [(path, path in roots) for path, _ in batch],
                    strict=strict,
                    today=today,
                    model=model,
                    vocabulary=vocabulary,
                )
                digests = dict(batch)
                loaded = [(document, digests[document.path]) for document in read.documents]
                claims, notes = read.claims, [*notes, *read.notes]
            by_path: dict[str, list[Claim]] = {}
            for claim in claims:
                by_path.setdefault(claim.path or "", []).append(claim)
            for document, digest in loaded:
                path = stored(document.path)  # the ledger's text is UTF-8
                staged.append(
                    entry(
                        dataclasses.replace(document, path=path),
                        [
                            dataclasses.replace(claim, path=path)
                            for claim in by_path.get(document.path, [])
                        ],
                        content_hash=digest,
                        extraction=extraction,
                    )
                )
            if progress:
                progress(len(batch))
        present = {stored(path) for path in files}
        gone = [
            path
            for path in sorted(known)
            if path not in present and any(_under(path, root) for root in roots)
        ]
        with ledger.transaction():  # only writing from here: the write lock is held briefly
            for item in staged:
                counts["added" if ledger.store(item) else "updated"] += 1
            for path in gone:
                ledger.remove(path)
                counts["removed"] += 1
            documents, claims_total = ledger.counts()
    return Summary(**counts, documents=documents, claims=claims_total, notes=tuple(notes))


def _unreadable(
    exc: DocumentError, path: str, roots: list[str], strict: bool, notes: list[str]
) -> None:
    """A file named on the command line must be readable; one found in a folder is a note
    (and its earlier entry, if any, is kept)."""
    if strict or path in roots:
        raise exc
    notes.append(skipped(exc, path))


def stored(path: str) -> str:
    """A path as the ledger stores it: valid Unicode, a byte of the name that is not UTF-8
    written as ``\\xNN`` (SQLite text is UTF-8; Python holds such a byte as a lone
    surrogate, which cannot be encoded)."""
    return shown(path)


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
    vocabulary = vocabulary or default_vocabulary()
    subjects = {
        (claim.measure, claim.location)
        for claim in drafts
        if claim.measure is not None and claim.as_of is not None
    }
    seen = {stored(_tidy(path)) for path in exclude}  # paths as the ledger stores them
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
        elif _empty_ledger(archive):
            raise LedgerError(f"{archive}: an empty file, not a factcheck ledger")
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


def _refuse_unusual_ledger(path: str | os.PathLike) -> None:
    """A ledger must be a regular file: SQLite would open a FIFO or a device and block or
    fail half-way; a folder is refused by the ledger itself."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # missing (index creates it), or a problem the ledger reports
        return
    kind = file_kind(mode)
    if kind is not None and kind != "a folder":
        raise LedgerError(f"{os.fspath(path)}: not a regular file: {kind}")


def _empty_ledger(path: str) -> bool:
    """An empty file that is not an article (``x.sqlite``, an interrupted download): meant as
    a ledger, and better named as an empty one than as an unsupported file type."""
    try:
        empty = os.path.isfile(path) and os.path.getsize(path) == 0
    except OSError:
        return False
    return empty and not path.lower().endswith(EXTENSIONS)


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
    loaded, notes = load_documents(folders, strict=strict, today=today)
    loaded = [document for document in loaded if stored(document.path) not in seen]
    extracted = extract_documents(
        loaded, model=model, vocabulary=vocabulary, cache=cache, notes=notes
    )
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
