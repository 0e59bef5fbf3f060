"""Both cores on one machine: work split over forked workers gives what one process gives.

Kept apart from the Dask tests: a LocalCluster runs threads in the test process, and the
runner forks workers (the pipeline already loaded) only when no thread runs.
"""

from __future__ import annotations

import threading

from checker import runner
from checker.documents import load_documents

from .conftest import ROOT


def test_people_read_in_two_processes_are_those_read_in_one(monkeypatch):
    documents, _ = load_documents([str(ROOT / "tests" / "articles")])
    assert sum(len(document.text) for document in documents) >= runner.MIN_CHARS_PER_WORKER
    # (threads left by another test module: workers are started afresh, not forked)
    monkeypatch.setattr(runner, "MIN_CHARS_PER_STARTED_WORKER", runner.MIN_CHARS_PER_WORKER)
    started = []
    real = runner._in_processes

    def spy(todo, documents, model, vocabulary, jobs, work):
        started.append(work)
        yield from real(todo, documents, model, vocabulary, jobs, work)

    monkeypatch.setattr(runner, "_in_processes", spy)
    one = runner.people_of(documents, jobs=1)
    two = runner.people_of(documents, jobs=2)
    assert started == [runner._mentions_batch]  # only the second run started a worker
    assert two == one
    assert sum(len(mentions) for mentions in one.values()) > 5


def test_a_forked_worker_starts_from_a_few_articles_but_not_for_one():
    if threading.active_count() > 1:  # pragma: no cover - forking needs no threads
        return
    few = load_documents([str(ROOT / "seeds")])[0] * 8  # 24 short articles
    assert sum(len(d.text) for d in few) >= runner.MIN_CHARS_PER_WORKER
    assert runner._worth_workers(list(range(len(few))), few, jobs=2)
    assert not runner._worth_workers(list(range(len(few))), few, jobs=1)
    assert not runner._worth_workers([0], few, jobs=2)
    assert runner.MIN_CHARS_PER_WORKER < runner.MIN_CHARS_PER_STARTED_WORKER
