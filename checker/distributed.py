"""The Dask engine: the same check as on one machine, spread over a Dask cluster.

``factcheck check PATHS --engine dask [--scheduler ADDRESS]`` runs here. With no address a
LocalCluster on this machine's cores is started (one single-threaded worker process per
core); with one, that cluster is used (Kubernetes, YARN, an HPC queue: whatever runs a
``distributed`` scheduler).

The work is split as the data allows:

- **Documents are read on the workers, extraction is a map** over partitions of paths (the
  client only finds the files: discovery is cheap and its errors come first). Each task
  reads its files (decoding, metadata, suppressions), extracts their claims with the spaCy
  pipeline a worker process loads once and keeps, hashes their shingles and, for the names
  rule, reads the people they name. Claims, document metadata and the people (with their
  positions) come back; the text stays on the worker that read it (a document with
  suppression comments keeps its stored text). Standard input is read on the client.
- **Wire copies are found by hash range**: shingles are hashed with a hash that is the same
  in every process (unlike Python's ``hash`` of a string) and stay on the workers; one task
  per range of the hash space gathers that range from every partition and counts the lists
  of documents that share shingles; the client joins the counts into stories exactly as
  :func:`checker.grouping.find_stories` does.
- **Comparison is a shuffle**: each rule's claims are keyed by what its kind compares (the
  comparison key for kinds that compare figures about one subject, the document for kinds
  that read one document; kinds that read the whole corpus run on the client) and the
  engine runs on each group on a worker. Findings are gathered, deduplicated and ordered as
  the local engine orders them, so the JSON is byte for byte the local engine's.

The extraction cache is not used: workers may be other machines.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import re
from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from distributed import Client, LocalCluster, as_completed

from . import nlp as nlp_module
from .documents import DocumentError, load_path, skipped, with_suppressions
from .documents.discover import discover_named
from .errors import FactcheckError
from .extraction.people import Mention, mentions_of
from .findings.engine import finding_order
from .findings.engine import run as run_rules
from .grouping import ComparisonIndex
from .grouping.stories import (
    COPY_THRESHOLD,
    MIN_SHARED,
    SHINGLE_WORDS,
    hash_ranges,
    posting_lists,
    stories_from_lists,
)
from .kinds import get_kind
from .model import Claim, Document, Finding, Position, RuleSet
from .runner import capped_notes, extract_batch, numbered, people_of
from .vocabulary import default_vocabulary

DOCUMENTS_PER_PARTITION = 50  # small enough that the workers finish together
CLAIMS_PER_PARTITION = 20_000  # claims compared in one task, at most (one key is never split)
CONNECT_TIMEOUT = "10s"
_WORD = re.compile(r"\w+")


class EngineError(FactcheckError):
    """The cluster cannot be reached or started (exit code 2)."""

    exit_code = 2


@dataclasses.dataclass(frozen=True)
class Reading:
    """What reading documents on the workers gives the client: the documents' metadata
    (text left on the workers), their claims numbered as the local engine numbers them, and
    the notes loading and extraction wrote, in the local engine's order."""

    documents: list[Document]
    claims: list[Claim]
    notes: list[str]


@dataclasses.dataclass(frozen=True)
class _Placed(Document):
    """A document whose text stayed on a worker, with the positions in its file of the
    offsets the client will ask for (where each person it names is named)."""

    places: Mapping[int, Position] = dataclasses.field(default_factory=dict)

    def position(self, start: int) -> Position:
        return self.places[start]


class DaskEngine:
    """A check run on a Dask cluster; use as a context manager (the cluster is closed at
    the end when this engine started it).

    :meth:`read` keeps, until the next read, what stays on the workers (each partition's
    shingle hashes) and the people each document names: :meth:`stories` and
    :meth:`run_rules` use them for the documents it read."""

    def __init__(self, scheduler: str | None = None, *, workers: int | None = None) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self.client: Client | None = None
        self._cluster: LocalCluster | None = None
        self._hashes: list = []  # futures of {"hashes": {path: array}, "sizes": {...}}
        self._sizes: dict[str, int] = {}  # shingles per document read on the workers
        self._people: dict[str, tuple[Mention, ...]] = {}
        self._places: dict[str, dict[int, Position]] = {}

    def __enter__(self) -> DaskEngine:
        self.client = self._connect()
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):  # closing must never hide the run's own error
            if self.client is not None:
                self.client.close()
            if self._cluster is not None:
                self._cluster.close()

    def _connect(self) -> Client:
        if self.scheduler:
            try:
                return Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
                raise EngineError(
                    f"cannot reach the Dask scheduler at {self.scheduler}: {reason}"
                ) from None
        workers = self.workers or _cores()
        try:
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,  # spaCy's parse holds the GIL: one process a core
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        except Exception as exc:  # noqa: BLE001 - any failure to start is one line, exit 2
            raise EngineError(f"cannot start a local Dask cluster: {exc}") from None
        return Client(self._cluster)

    # -- reading and extraction ------------------------------------------------------------

    def read(
        self, paths: Sequence[str], *, stdin: str | None = None, exclude=None, **options
    ) -> Reading:
        """:func:`checker.documents.load_documents` with :func:`with_suppressions` and the
        extraction, the files read on the workers (``options``: those of :meth:`read_files`).
        Raises what loading raises, for the first file in path order that fails. ``exclude``
        leaves out files found in folders, as loading does."""
        found, notes, problems = discover_named(paths, exclude=exclude)
        if options.get("strict") and problems:
            raise problems[0]
        notes.extend(map(str, problems))
        if any(path == "-" for path, _ in found):
            from .documents import load_documents  # stdin: read here, sent with the paths

            read, _ = load_documents(["-"], stdin=stdin, today=options.get("today"))
            found = [(read[0] if path == "-" else path, explicit) for path, explicit in found]
        reading = self.read_files(found, **options)
        return Reading(reading.documents, reading.claims, [*notes, *reading.notes])

    def read_files(
        self,
        files: Sequence[tuple[str | Document, bool]],
        *,
        strict: bool = False,
        today=None,
        model: str | None = None,
        vocabulary=None,
        people: bool = False,
        progress: Callable[[int], Any] | None = None,
    ) -> Reading:
        """The documents at ``files`` (path, named explicitly), read and extracted on the
        workers in partitions (``people``: also the people each names, for the names rule);
        a file that cannot be read is an error when named explicitly or under ``strict``,
        else a note (``load_documents``'s rule). A ``Document`` in place of a path is sent
        as it is."""
        items = [(k, item, explicit) for k, (item, explicit) in enumerate(files)]
        options = (strict, today, model, vocabulary, people)
        whole = [
            self.client.submit(_read_partition, chunk, *options, pure=False)
            for chunk in _chunks(items, DOCUMENTS_PER_PARTITION)
        ]
        # Only metadata and claims come to the client; the hashes stay where they were made.
        self._hashes = [self.client.submit(_hashes_of, part, pure=False) for part in whole]
        shown = [self.client.submit(_shown_of, part, pure=False) for part in whole]
        del whole
        records: dict[int, tuple] = {}
        self._sizes, self._people, self._places = {}, {}, {}
        for future in as_completed(shown):
            done = future.result()
            for record in done:
                records[record[0]] = record
            if progress:
                progress(len(done))
        documents: list[Document] = []
        per_doc: dict[int, list[Claim]] = {}
        notes: list[str] = []
        capped: list[str] = []
        for k in range(len(items)):
            _, document, said, error, extra = records[k]
            if error is not None:
                raise DocumentError(error)
            notes.extend(said)
            if document is None:
                continue
            claims, size, mentions, places, cut = extra
            per_doc[len(documents)] = claims
            documents.append(document)
            self._sizes[document.path] = size
            capped.extend(cut)
            if mentions is not None:
                self._people[document.path] = mentions
                self._places[document.path] = places
        return Reading(documents, numbered(documents, per_doc), [*notes, *capped])

    # -- wire copies ----------------------------------------------------------------------

    def stories(self, documents: Sequence[Document]) -> dict[str, str]:
        """:func:`checker.grouping.find_stories`, with shingles hashed on the workers and
        posting lists counted one hash range per task."""
        paths = sorted({document.path for document in documents})
        # Documents read by :meth:`read` were hashed on the workers; others are hashed from
        # their text (none for the metadata of archive documents: they hold no copies).
        texts = {
            document.path: document.text
            for document in documents
            if document.path not in self._sizes
        }
        here = sorted(path for path, text in texts.items() if text)
        chunks = _chunks([(path, texts[path]) for path in here], DOCUMENTS_PER_PARTITION)
        hashed = [*self._hashes, *self.client.map(_shingle_partition, chunks, pure=False)]
        sizes_by_path = dict.fromkeys(paths, 0)
        sizes_by_path.update((path, self._sizes[path]) for path in paths if path in self._sizes)
        for sizes in self.client.gather(self.client.map(_sizes_of, hashed[len(self._hashes) :])):
            sizes_by_path.update(sizes)
        candidates = [path for path in paths if sizes_by_path[path] >= MIN_SHARED]
        index = {path: k for k, path in enumerate(candidates)}
        ranges = hash_ranges(sum(sizes_by_path[path] for path in candidates))
        counted = [
            self.client.submit(_count_range, hashed, index, part, pure=False) for part in ranges
        ]
        lists: Counter = Counter()
        for found in self.client.gather(counted):
            lists.update(found)
        sizes = [sizes_by_path[path] for path in candidates]
        return stories_from_lists(paths, candidates, sizes, lists, threshold=COPY_THRESHOLD)

    # -- comparison -----------------------------------------------------------------------

    def run_rules(
        self,
        claims: Sequence[Claim],
        documents: Sequence[Document],
        ruleset: RuleSet,
        *,
        as_of=None,
        evidence: Sequence[Claim] = (),
        stories: dict[str, str] | None = None,
        references=(),
        names=None,
        people=None,
    ) -> list[Finding]:
        """:func:`checker.findings.engine.run`, each rule's claims shuffled by what its kind
        compares and the engine run per group on the workers."""
        stories = stories if stories is not None else self.stories(documents)
        light = [_metadata_only(document) for document in documents]
        shared_docs = self.client.scatter(light, broadcast=True)
        index = ComparisonIndex(ruleset.vocabulary, stories)
        futures = []
        batches: list[list[Finding]] = []
        for scope, rules in _by_scope(ruleset).items():
            alone = dataclasses.replace(ruleset, rules=tuple(rules))
            if scope == "corpus":  # reads every document's people: run here, not shipped
                batches.append(
                    run_rules(
                        claims,
                        [self._placed(document) for document in documents],
                        alone,
                        as_of=as_of,
                        evidence=evidence,
                        stories=stories,
                        references=references,
                        names=names,
                        people=self.people(documents) if people is None else people,
                    )
                )
                continue
            for part, found in _partitions(scope, claims, evidence, index):
                futures.append(
                    self.client.submit(
                        _run_partition,
                        part,
                        shared_docs,
                        alone,
                        as_of,
                        found,
                        stories,
                        references,
                        names,
                        pure=False,
                    )
                )
        findings: dict[tuple, Finding] = {}
        for batch in [*batches, *self.client.gather(futures)]:
            for finding in batch:
                key = (finding.rule, finding.path, finding.line, finding.column, finding.claim)
                findings.setdefault(key, finding)
        return sorted(findings.values(), key=finding_order)

    def people(self, documents: Sequence[Document], *, model: str | None = None) -> dict:
        """The people each document names, by path (:func:`checker.runner.people_of`):
        read on the workers for the documents :meth:`read` read, here for others."""
        here = [d for d in documents if d.path not in self._people and d.text]
        found = {document.path: () for document in documents}
        found.update(people_of(here, model=model) if here else {})
        found.update((d.path, self._people[d.path]) for d in documents if d.path in self._people)
        return found

    def _placed(self, document: Document) -> Document:
        places = self._places.get(document.path)
        if places is None:
            return document
        fields = {f.name: getattr(document, f.name) for f in dataclasses.fields(Document)}
        return _Placed(**fields, places=places)


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _chunks(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _extract_partition(chunk, model, vocabulary) -> list[tuple[int, list[Claim]]]:
    """On a worker: the claims of each (index, document); the pipeline is loaded once per
    worker process and kept."""
    return extract_batch(chunk, nlp_module.load(model), vocabulary)


def _read_partition(items, strict, today, model, vocabulary, people) -> dict:
    """On a worker: read each ``(k, path or Document, explicit)`` and extract its claims;
    hash its shingles; with ``people``, read the people it names and where. Gives the
    client's records (by ``k``: metadata-only document or None, notes, error, then claims,
    shingle count, people, their positions and the note of figures skipped) and the hashes,
    which :func:`_shown_of` and :func:`_hashes_of` take apart on the worker."""
    loaded: list[tuple[int, Document]] = []
    records: dict[int, list] = {}
    for k, item, explicit in items:
        notes: list[str] = []
        records[k] = [k, None, notes, None, None]
        if isinstance(item, Document):
            loaded.append((k, item))
            continue
        try:
            loaded.append((k, load_path(item, strict=strict, today=today, notes=notes)))
        except DocumentError as exc:
            if explicit or strict:
                records[k][3] = str(exc)
            else:
                notes.append(skipped(exc, item))
    loaded = list(zip([k for k, _ in loaded], with_suppressions(d for _, d in loaded), strict=True))
    claims = dict(extract_batch(loaded, nlp_module.load(model), vocabulary or default_vocabulary()))
    read = mentions_of([d.text for _, d in loaded], nlp_module.load(model)) if people else None
    hashes: dict[str, array] = {}
    for n, (k, document) in enumerate(loaded):
        hashes[document.path] = stable_shingles(document.text)
        mentions = read[n] if read is not None else None
        places = {m.start: document.position(m.start) for m in mentions or ()}
        cut = capped_notes([document])
        records[k][1] = _metadata_only(document)
        records[k][4] = (claims[k], len(hashes[document.path]), mentions, places, cut)
    sizes = {path: len(found) for path, found in hashes.items()}
    return {"records": [tuple(r) for r in records.values()], "hashes": hashes, "sizes": sizes}


def _shown_of(part: dict) -> list[tuple]:
    return part["records"]


def _hashes_of(part: dict) -> dict:
    return {"hashes": part["hashes"], "sizes": part["sizes"]}


def _sizes_of(part: dict) -> dict[str, int]:
    return part["sizes"]


def stable_shingles(text: str, size: int = SHINGLE_WORDS) -> array:
    """The word shingles of ``text`` as 8-byte hashes that every process computes alike:
    each distinct word is hashed once with BLAKE2b, and a run of word hashes (a tuple of
    ints, whose hash Python does not salt) is hashed as a tuple."""
    words = _WORD.findall(text.lower())
    ids: dict[str, int] = {}
    for word in words:
        if word not in ids:
            digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8)
            ids[word] = int.from_bytes(digest.digest(), "little", signed=True)
    numbers = [ids[word] for word in words]
    found = set(map(hash, zip(*(numbers[k:] for k in range(size)), strict=False)))
    return array("q", sorted(found))


def _shingle_partition(chunk: list[tuple[str, str]]) -> dict:
    """On a worker: each document's shingle hashes (sorted) and their number."""
    hashes = {path: stable_shingles(text) for path, text in chunk}
    return {"hashes": hashes, "sizes": {path: len(found) for path, found in hashes.items()}}


def _count_range(parts: list[dict], index: dict[str, int], part) -> Counter:
    """On a worker: the posting-list counts of one hash range, over every partition."""
    found: list[array] = [array("q")] * len(index)
    for partition in parts:
        for path, hashes in partition["hashes"].items():
            if path in index:
                found[index[path]] = hashes
    return posting_lists(found, part)


def _metadata_only(document: Document) -> Document:
    """The document as the rules read it: metadata and suppressions, no text (but the file
    as stored when suppressions are placed in it)."""
    raw = document.raw if document.suppressions else None
    return dataclasses.replace(document, text="", raw=raw, offsets=None)


def _by_scope(ruleset: RuleSet) -> dict[str, list]:
    """The rules grouped by what their kind compares (its ``SCOPE``): ``subject`` (figures
    about one subject: the default), ``document`` (one document's figures) or ``corpus``
    (every document's text)."""
    scopes: dict[str, list] = {}
    for rule in ruleset.rules:
        scope = getattr(get_kind(rule.kind), "SCOPE", "subject")
        scopes.setdefault(scope, []).append(rule)
    return scopes


def _partitions(scope: str, claims, evidence, index: ComparisonIndex):
    """``(claims, evidence)`` groups for one scope; a group is never split across tasks."""
    if scope == "document":

        def key(claim: Claim):
            return claim.path

    else:

        def key(claim: Claim):
            return index.key(claim)

    groups: dict[Any, tuple[list, list]] = {}
    for claim in claims:
        groups.setdefault(key(claim), ([], []))[0].append(claim)
    for claim in evidence:
        found = groups.get(key(claim))
        if found is not None:
            found[1].append(claim)
    part: list[Claim] = []
    part_evidence: list[Claim] = []
    for group, group_evidence in groups.values():
        part.extend(group)
        part_evidence.extend(group_evidence)
        if len(part) >= CLAIMS_PER_PARTITION:
            yield part, part_evidence
            part, part_evidence = [], []
    if part:
        yield part, part_evidence


def _run_partition(
    claims, documents, ruleset, as_of, evidence, stories, references, names
) -> list[Finding]:
    """On a worker: the engine over one group of claims."""
    return run_rules(
        claims,
        documents,
        ruleset,
        as_of=as_of,
        evidence=evidence,
        stories=stories,
        references=references,
        names=names,
    )
