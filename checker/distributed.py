"""The Dask engine: the same check as on one machine, spread over a Dask cluster.

``factcheck check PATHS --engine dask [--scheduler ADDRESS]`` runs here. With no address a
LocalCluster on this machine's cores is started (one single-threaded worker process per
core); with one, that cluster is used (Kubernetes, YARN, an HPC queue: whatever runs a
``distributed`` scheduler).

The work is split as the data allows:

- **Extraction is a map** over partitions of documents: each task parses its documents with
  the spaCy pipeline, which a worker process loads once (``nlp.load`` is cached per process)
  and keeps for every later partition. Only claims come back.
- **Wire copies are found by hash range**: each partition's tasks hash its documents' word
  shingles (with a hash that is the same in every process, unlike Python's ``hash`` of a
  string) and cut them into ranges of the hash space; one task per range gathers that range
  from every partition and counts the lists of documents that share shingles. The client
  joins the counts into stories exactly as :func:`checker.grouping.find_stories` does.
- **Comparison is a shuffle**: each rule's claims are keyed by what its kind compares —
  the comparison key (measure, place, group, dimension, trend, day; story for unlocated
  figures) for kinds that compare figures about one subject, the document for kinds that
  read one document, everything at once for kinds that read the whole corpus — and the
  engine runs on each group on a worker. Findings are gathered, deduplicated and ordered as
  the local engine orders them, so the JSON is byte for byte the local engine's.

Documents are read on the client (discovery, decoding, metadata and suppressions keep their
one implementation and their error semantics); their text travels to the extraction tasks
once. The extraction cache is not used: workers may be other machines.
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
from collections.abc import Callable, Sequence
from typing import Any

from distributed import Client, LocalCluster, as_completed

from . import nlp as nlp_module
from .errors import FactcheckError
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
from .model import Claim, Document, Finding, RuleSet
from .runner import capped_notes, extract_batch, numbered

DOCUMENTS_PER_PARTITION = 50  # small enough that the workers finish together
CLAIMS_PER_PARTITION = 20_000  # claims compared in one task, at most (one key is never split)
CONNECT_TIMEOUT = "10s"
_WORD = re.compile(r"\w+")


class EngineError(FactcheckError):
    """The cluster cannot be reached or started (exit code 2)."""

    exit_code = 2


class DaskEngine:
    """A check run on a Dask cluster; use as a context manager (the cluster is closed at
    the end when this engine started it)."""

    def __init__(self, scheduler: str | None = None, *, workers: int | None = None) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self.client: Client | None = None
        self._cluster: LocalCluster | None = None

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

    # -- extraction ---------------------------------------------------------------------

    def extract(
        self,
        documents: Sequence[Document],
        *,
        model: str | None = None,
        vocabulary=None,
        progress: Callable[[int], Any] | None = None,
        notes: list[str] | None = None,
    ) -> list[Claim]:
        """Claims of every document, numbered as :func:`checker.runner.extract_documents`
        numbers them; ``notes`` gets the same warnings (documents read in part)."""
        if notes is not None:
            notes.extend(capped_notes(documents))
        chunks = _chunks(list(enumerate(documents)), DOCUMENTS_PER_PARTITION)
        futures = [
            self.client.submit(_extract_partition, chunk, model, vocabulary, pure=False)
            for chunk in chunks
        ]
        per_doc: dict[int, list[Claim]] = {}
        for future in as_completed(futures):
            done = future.result()
            for k, claims in done:
                per_doc[k] = claims
            if progress:
                progress(len(done))
        return numbered(documents, per_doc)

    # -- wire copies ----------------------------------------------------------------------

    def stories(self, documents: Sequence[Document]) -> dict[str, str]:
        """:func:`checker.grouping.find_stories`, with shingles hashed on the workers and
        posting lists counted one hash range per task."""
        paths = sorted({document.path for document in documents})
        texts = {document.path: document.text for document in documents}
        chunks = _chunks([(path, texts[path]) for path in paths], DOCUMENTS_PER_PARTITION)
        hashed = self.client.map(_shingle_partition, chunks, pure=False)
        sizes_by_path: dict[str, int] = {}
        for part in self.client.gather(hashed):
            sizes_by_path.update(part["sizes"])
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
            if scope == "corpus":  # reads every document's text: run here, not shipped
                batches.append(
                    run_rules(
                        claims,
                        documents,
                        alone,
                        as_of=as_of,
                        evidence=evidence,
                        stories=stories,
                        references=references,
                        names=names,
                        people=people,
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
    """The document as the rules read it: metadata and suppressions, no text."""
    return dataclasses.replace(document, text="", raw=None, offsets=None)


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
