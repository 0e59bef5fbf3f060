r"""Running extraction over many documents: the pipeline once, the process pool, the cache.

Takes loaded :class:`~checker.model.Document`\ s and gives their claims, positioned in their
files and numbered ``c1, c2, ...`` in path order. The result does not depend on ``jobs``:
every claim is a pure function of its document.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from . import nlp as nlp_module
from .extraction import (
    MAX_FIGURES_PER_DOCUMENT,
    MAX_FIGURES_PER_SENTENCE,
    claims_from_docs,
    figures_skipped,
    pieces,
)
from .extraction.identity import extraction_key, extractor_version, model_identity
from .extraction.people import Mention, mention_from_record, mention_to_record, mentions_of
from .model import Claim, Document
from .store.cache import ExtractionCache, document_key
from .vocabulary import default_vocabulary


def extract_documents(
    documents: Sequence[Document],
    *,
    model: str | None = None,
    vocabulary=None,
    progress: Callable[[int], Any] | None = None,
    cache=None,
    jobs: int = 1,
    notes: list[str] | None = None,
) -> list[Claim]:
    """Claims of every document, positioned in its file and numbered c1, c2, ... in order.

    A document denser in figures than the extraction reads (the caps of
    :func:`checker.extraction.cut`) is read in part; ``notes`` (when given) gets one line
    naming it and the caps.
    """

    vocabulary = vocabulary or default_vocabulary()
    if notes is not None:
        notes.extend(capped_notes(documents))
    if isinstance(cache, ExtractionCache):  # key it to this pipeline and vocabulary
        cache = cache.view(extraction_key(model or cache.model, vocabulary))
    per_doc: dict[int, list[Claim]] = {}
    todo: list[int] = []
    for k, doc in enumerate(documents):
        cached = cache.get(doc) if cache is not None else None
        if cached is not None:
            per_doc[k] = cached
            if progress:
                progress(1)
        else:
            todo.append(k)
    if todo:
        batches = (
            _parallel(todo, documents, model, vocabulary, jobs)
            if _worth_workers(todo, documents, jobs)
            else None
        )
        if batches is None:
            batches = [
                _iter_batch([(k, documents[k]) for k in todo], nlp_module.load(model), vocabulary)
            ]
        for batch in batches:
            for k, claims in batch:
                per_doc[k] = claims
                if cache is not None:
                    cache.put(documents[k], claims)
                if progress:
                    progress(1)
    return numbered(documents, per_doc)


def capped_notes(documents: Sequence[Document]) -> list[str]:
    """A note per document whose figures the caps cut short. Computed from the text, not
    from extraction, so that a run served from the cache says the same."""
    found = []
    for document in documents:
        skipped = figures_skipped(document.text)
        if skipped:
            found.append(
                f"{document.path}: {skipped:,} figures skipped: factcheck reads at most "
                f"{MAX_FIGURES_PER_SENTENCE} figures per sentence and "
                f"{MAX_FIGURES_PER_DOCUMENT:,} per document"
            )
    return found


def people_of(
    documents: Sequence[Document], *, model: str | None = None, cache=None, jobs: int = 1
) -> dict[str, tuple[Mention, ...]]:
    """The people each document names in full (for the names rule), by path. Cached beside
    the claims, so a warm run reads them without loading the pipeline. With ``jobs`` > 1
    and enough text, read in as many processes, as :func:`extract_documents` does."""
    found: dict[str, tuple[Mention, ...]] = {}
    todo: list[Document] = []
    stored = cache if isinstance(cache, ExtractionCache) else None
    identity = f"people:{extractor_version()}:{model_identity(model)}"
    for document in documents:
        records = stored.load(document_key(document, identity)) if stored else None
        if records is None:
            todo.append(document)
            continue
        try:
            found[document.path] = tuple(mention_from_record(record) for record in records)
        except (KeyError, TypeError, ValueError):  # from an incompatible build
            todo.append(document)
    if todo:
        numbered_todo = list(range(len(todo)))
        if _worth_workers(numbered_todo, todo, jobs):
            per_doc: dict[int, tuple[Mention, ...]] = {}
            for batch in _in_processes(numbered_todo, todo, model, None, jobs, _mentions_batch):
                per_doc.update(batch)
            read = [per_doc[k] for k in numbered_todo]
        else:
            read = mentions_of([document.text for document in todo], nlp_module.load(model))
        for document, mentions in zip(todo, read, strict=True):
            found[document.path] = mentions
            if stored:
                records = [mention_to_record(mention) for mention in found[document.path]]
                stored.store(document_key(document, identity), records)
    return found


def numbered(documents: Sequence[Document], per_doc: dict[int, list[Claim]]) -> list[Claim]:
    """Every document's claims (by index), in path then position order, numbered c1, c2 ..."""
    ordered = sorted(range(len(documents)), key=lambda k: documents[k].path)
    result: list[Claim] = []
    for k in ordered:
        for claim in sorted(per_doc[k], key=lambda c: (c.start, c.end)):
            result.append(dataclasses.replace(claim, id=f"c{len(result) + 1}"))
    return result


# Below these many characters of text, a worker costs more than it saves. A forked worker
# shares the loaded pipeline and costs 0.1 to 0.4 s of CPU (fork, copied pages, documents
# and claims sent): ``python bench/perf.py --fork`` found two processes ahead from about
# 15,000 characters (six articles) on two cores. One started afresh (when threads run,
# forking them is unsafe) loads the pipeline itself, a second or two.
MIN_CHARS_PER_WORKER = 20_000
MIN_CHARS_PER_STARTED_WORKER = 200_000


def _worth_workers(todo: list[int], documents: Sequence[Document], jobs: int) -> bool:
    if jobs <= 1 or len(todo) < 2:
        return False
    least = MIN_CHARS_PER_WORKER if _can_fork() else MIN_CHARS_PER_STARTED_WORKER
    return sum(len(documents[k].text) for k in todo) >= least


def _can_fork() -> bool:
    """Whether workers can be forked from this process, the pipeline already loaded."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def extract_batch(
    batch: list[tuple[int, Document]], nlp, vocabulary
) -> list[tuple[int, list[Claim]]]:
    """Claims of each (index, document), positioned in its file; pure given the pipeline."""
    return list(_iter_batch(batch, nlp, vocabulary))


def _iter_batch(
    batch: list[tuple[int, Document]], nlp, vocabulary
) -> Iterator[tuple[int, list[Claim]]]:
    """Claims document by document, as each one's pieces come out of the pipeline: parsed
    Docs are dropped as soon as their document is done, so memory does not grow with the
    number of documents."""

    documents = dict(batch)
    order = [k for k, _ in batch]

    def stream():
        for k, document in batch:
            for piece in pieces(document.text):
                yield piece.parsed_text, (piece, k)

    def finish(k: int, parsed: list) -> tuple[int, list[Claim]]:
        document = documents[k]
        claims = claims_from_docs(
            parsed, published=document.published, vocabulary=vocabulary, path=document.path
        )
        return k, [_positioned(c, document) for c in claims]

    done: set[int] = set()
    current, parsed = None, []
    for doc, (piece, k) in nlp.pipe(stream(), as_tuples=True, batch_size=64):
        if k != current:
            if current is not None:
                done.add(current)
                yield finish(current, parsed)
            current, parsed = k, []
        parsed.append((piece, doc))
    if current is not None:
        done.add(current)
        yield finish(current, parsed)
    for k in order:  # documents with nothing worth parsing
        if k not in done:
            yield finish(k, [])


_WORKER: dict = {}


def _worker_init(model: str | None = None, vocabulary=None) -> None:
    """Start a worker: it leaves when its parent does, ignores Ctrl-C (the terminal sends it
    to the whole process group; the parent alone answers it, and a worker interrupted
    mid-parse would print a traceback), and loads the pipeline unless it was forked with
    one."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _leave_with_parent()
    if "nlp" not in _WORKER:
        _WORKER["nlp"] = nlp_module.load(model)
        _WORKER["vocabulary"] = vocabulary


def _leave_with_parent() -> None:
    """End this process once its parent is gone (it is then handed to another process).
    A worker waits on a pipe whose other end it inherited itself, so it would never see
    the end of a parent that was killed, and would wait for ever."""

    parent = os.getppid()
    if parent == 1:  # already orphaned
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="factcheck-parent-watch", daemon=True).start()


def _worker_run(batch: list[tuple[int, Document]], work=None) -> list[tuple[int, Any]]:
    return (work or extract_batch)(batch, _WORKER["nlp"], _WORKER["vocabulary"])


def _mentions_batch(
    batch: list[tuple[int, Document]], nlp, vocabulary=None
) -> list[tuple[int, tuple[Mention, ...]]]:
    """The people each (index, document) names: :func:`people_of`'s work for one chunk."""
    read = mentions_of([document.text for _, document in batch], nlp)
    return [(k, mentions) for (k, _), mentions in zip(batch, read, strict=True)]


def _parallel(todo, documents, model, vocabulary, jobs):
    """Extract in ``jobs`` processes, this one among them: ``jobs - 1`` workers are kept busy
    with chunks of documents while this process extracts the rest itself (a worker fewer to
    hold a pipeline and its buffers). Yields batches as they finish. The result does not
    depend on ``jobs``: every claim is a pure function of its document."""
    yield from _in_processes(todo, documents, model, vocabulary, jobs, extract_batch)


def _in_processes(todo, documents, model, vocabulary, jobs, work):
    """``work(chunk, nlp, vocabulary)`` over chunks of ``(k, documents[k])`` for ``k`` in
    ``todo``, in ``jobs`` processes (see :func:`_parallel`); yields each chunk's result."""

    # Small chunks keep the processes finishing together.
    size = max(1, min(50, len(todo) // (jobs * 16) or 1))
    chunks = [[(k, documents[k]) for k in todo[i : i + size]] for i in range(0, len(todo), size)]
    # Loaded before any worker starts: forked workers share it copy-on-write instead of each
    # importing spaCy and loading the model again (a second or two per worker).
    nlp = nlp_module.load(model)
    methods = multiprocessing.get_all_start_methods()
    if _can_fork():
        _WORKER["nlp"] = nlp
        _WORKER["vocabulary"] = vocabulary
        context, initargs = multiprocessing.get_context("fork"), ()
    else:  # threads are running (a progress bar): forking them is unsafe
        method = "forkserver" if "forkserver" in methods else "spawn"
        context, initargs = multiprocessing.get_context(method), (model, vocabulary)
    workers = min(jobs, len(chunks)) - 1
    if workers < 1:
        yield from (work(chunk, nlp, vocabulary) for chunk in chunks)
        return
    queued: deque = deque()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_worker_init,
        initargs=initargs,
    ) as pool:
        for chunk in chunks:
            while queued and queued[0].done():
                yield queued.popleft().result()
            if len(queued) < 2 * workers:  # one running and one waiting, per worker
                queued.append(pool.submit(_worker_run, chunk, work))
            else:
                yield work(chunk, nlp, vocabulary)
        for future in queued:
            yield future.result()


def _positioned(claim: Claim, document: Document) -> Claim:
    where = document.position(claim.start)
    return dataclasses.replace(claim, path=document.path, line=where.line, column=where.column)
