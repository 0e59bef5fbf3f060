"""Benchmark: the Dask engine against the local engine, as whole processes.

    python bench/dask_bench.py                      # 10,000 documents
    python bench/dask_bench.py --size 1000 --json   # smaller, as JSON
    python bench/dask_bench.py --simulate 100,200,400 --size 1000

Builds a corpus with bench/perf.py's builder (paragraphs of seeds/ and tests/articles/, 8 to
16 a document) and times, on this machine:

- ``factcheck check --format json --no-cache --jobs 2`` (the local engine, two processes);
- ``factcheck check --format json --engine dask`` (a LocalCluster of two single-threaded
  worker processes);

with the peak memory of each whole process tree (bench/perf.py's sampler: RSS and PSS
summed over the processes, Dask's workers included), and checks that both print the same
bytes. In-process, it then measures what crosses the network in the Dask run (documents are
read on the workers: paths go out; metadata and claims come back; shingle hashes move
between workers, shuffled by range; claims go to the comparison tasks), the time of each
stage and each worker's peak memory.

``--simulate`` runs the Dask engine in-process with partitions of the given sizes (many
small partitions stand in for a big cluster's many tasks) and reports time per document and
per claim for each, to check that cost stays linear in the number of partitions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pickle
import shlex
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import build_corpus, paragraph_pool, run  # noqa: E402  (bench/ is not a package)

AS_OF = "2026-12-02"


def _processes(folder: Path) -> dict:
    """Both engines as whole processes (output to files, compared byte for byte)."""
    common = f"factcheck check {shlex.quote(str(folder))} --format json --as-of {AS_OF}"
    rows = {}
    for name, options in (("local", "--no-cache --jobs 2"), ("dask", "--engine dask")):
        out = folder.parent / f"{name}.json"
        rows[name] = run(["sh", "-c", f"{common} {options} > {shlex.quote(str(out))}"])
        rows[name]["output"] = out.read_bytes()
    return rows


def _volumes(folder: Path, partition: int | None = None) -> dict:
    """What the Dask engine sends and receives, how long each stage takes, and each
    worker's peak memory. Client traffic is measured as the pickled size of what is sent
    (paths) and gathered (document metadata and claims); traffic between workers (the
    shingle hashes shuffled by range, the claims to the comparison tasks go from the
    client) as Dask counts it (``transfer_outgoing_bytes_total`` of every worker)."""
    from checker import config, distributed
    from checker.documents.discover import discover_named

    if partition:
        distributed.DOCUMENTS_PER_PARTITION = partition
    ruleset = config.load_ruleset([])
    today = dt.date.fromisoformat(AS_OF)
    sizes: dict[str, float] = {}
    with distributed.DaskEngine(workers=2) as engine:
        client = engine.client
        started = time.perf_counter()
        read = engine.read([str(folder)], today=today, vocabulary=ruleset.vocabulary, people=True)
        sizes["read_extract_s"] = time.perf_counter() - started
        started = time.perf_counter()
        stories = engine.stories(read.documents)
        sizes["stories_s"] = time.perf_counter() - started
        started = time.perf_counter()
        findings = engine.run_rules(
            read.claims, read.documents, ruleset, as_of=today, stories=stories
        )
        sizes["rules_s"] = time.perf_counter() - started
        between = client.run(lambda dask_worker: dask_worker.transfer_outgoing_bytes_total)
        peaks = client.run(_peak_rss)
    found, _, _ = discover_named([str(folder)])
    sizes["paths_sent_bytes"] = len(pickle.dumps(found))
    sizes["metadata_and_claims_returned_bytes"] = len(pickle.dumps((read.documents, read.claims)))
    sizes["between_workers_bytes"] = sum(between.values())
    sizes["shingles_shuffled_bytes"] = sum(engine._sizes.values()) * 8
    sizes["claims_to_comparison_bytes"] = len(pickle.dumps(read.claims))
    sizes["worker_peak_rss_mb"] = sorted(round(value / 1024, 1) for value in peaks.values())
    sizes["documents"] = len(read.documents)
    sizes["claims"] = len(read.claims)
    sizes["findings"] = len(findings)
    return sizes


def _peak_rss() -> int:
    """On a worker: its peak resident memory so far, in KB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--simulate", default="", help="partition sizes, comma-separated")
    parser.add_argument("--no-processes", action="store_true", help="skip the timed CLI runs")
    parser.add_argument(
        "--no-volumes", action="store_true", help="skip the in-process run (network, stages)"
    )
    args = parser.parse_args(argv)
    results: dict = {"size": args.size}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        results["words"] = build_corpus(folder, args.size, paragraph_pool())
        if not args.no_processes:
            runs = _processes(folder)
            results["same_output"] = runs["local"]["output"] == runs["dask"]["output"]
            results["runs"] = {
                name: {key: value for key, value in row.items() if key != "output"}
                for name, row in runs.items()
            }
        if not args.no_volumes:
            results["volumes"] = _volumes(folder)
        results["simulation"] = [
            {"partition": size, **_volumes(folder, size)}
            for size in (int(x) for x in args.simulate.split(",") if x)
        ]
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        for key, value in results.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
