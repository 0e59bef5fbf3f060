"""Benchmark: factcheck as a whole process against a plain spaCy pass over the same texts.

    python bench/perf.py                       # corpora of 100, 1,000 and 10,000 documents
    python bench/perf.py --sizes 100,1000      # smaller run
    python bench/perf.py --json                # figures as JSON
    python bench/perf.py --fork 5,10,20,40,80  # where a forked worker pays for itself

For each corpus size it reports, in one run:
- ``factcheck --format json --no-cache`` with ``--jobs 1`` and with the default jobs: wall
  time, documents/s, words/s and peak memory of the whole process tree, model load and
  workers included (RSS summed over the processes, which counts the pages forked workers
  share with the parent once per process, and PSS summed, which counts them once);
- the reference: the same model's plain ``nlp.pipe`` over the same texts on one core, also as a
  whole process (model load included), and the ratio factcheck / reference;
- for the smallest corpus: a warm re-run with the extraction cache against a cold run.
And once: the cold start of checking one article (whole process).

``--fork SIZES`` measures instead, in this process with the pipeline loaded (as the command
has it when it decides), the extraction of corpora of the given sizes with one process and
with two (a worker forked, whatever the size), alternating them ``--repeat`` times: wall
time and CPU time (the worker's included). On a loaded machine wall time favours two
processes unfairly (they get two shares of the CPU), so the decision reads CPU time: on two
idle cores, two processes take about half the one-process work plus what the worker costs
(the CPU time two processes spend beyond one: fork, copied pages, documents and claims
sent); the smallest input where that beats one process is where ``checker.runner``'s
threshold for starting a worker belongs.

Corpora are built from the project's sample articles (``seeds/``) and test articles
(``tests/articles/``): each document draws 8 to 16 paragraphs at random (fixed seed) from
their paragraphs, so documents differ, and carries front matter with a publication date.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = [sys.executable, "-m", "checker.cli"]
REFERENCE = r"""
import sys, pathlib
from checker.nlp import default_model
import spacy
nlp = spacy.load(default_model())
paths = sorted(pathlib.Path(sys.argv[1]).glob("*.md"))
texts = (p.read_text(encoding="utf-8") for p in paths)
count = 0
for doc in nlp.pipe(texts, batch_size=64):
    count += len(doc)
print(count)
"""


def paragraph_pool() -> list[str]:
    """Paragraphs of the sample articles (seeds/) and the test articles (tests/articles/)."""
    pool: list[str] = []
    paths = sorted((ROOT / "seeds").glob("*.md")) + sorted(
        (ROOT / "tests" / "articles").glob("*.md")
    )
    for path in paths:
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        pool.extend(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
    return pool


def build_corpus(folder: Path, size: int, pool: list[str], seed: int = 7) -> int:
    """Write ``size`` documents into ``folder``; returns the number of words written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for n in range(size):
        paragraphs = rng.sample(pool, rng.randint(8, 16))
        day = 1 + n % 28
        month = 1 + (n // 28) % 12
        body = "\n\n".join(paragraphs)
        words += len(body.split())
        text = (
            f"---\ntitle: Benchmark article {n}\npublished: 2023-{month:02d}-{day:02d}\n"
            f"source: Bench Desk\n---\n\n{body}\n"
        )
        (folder / f"doc{n:05d}.md").write_text(text, encoding="utf-8")
    return words


PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree(root: int) -> set[int]:
    """A process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
    tree, frontier = {root}, [root]
    while frontier:
        current = frontier.pop()
        children = [pid for pid, parent in parents.items() if parent == current and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return tree


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes. RSS counts every page the process maps, shared or
    not; PSS divides each shared page among the processes sharing it, so PSS adds up across
    a process tree (forked workers share the parent's model) and RSS does not."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


def _tree_memory(root: int) -> tuple[int, int]:
    """(RSS summed, PSS summed) over a process tree, in bytes."""
    sizes = [_memory(pid) for pid in _tree(root)]
    return sum(rss for rss, _ in sizes), sum(pss for _, pss in sizes)


def run(cmd: list[str], env: dict | None = None) -> dict:
    """Run a whole process; its wall time, peak memory of its process tree (MB, sampled
    every 50 ms, workers included), the peak RSS of its four largest processes, and exit
    code."""
    import threading

    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    peak = [0, 0]  # RSS summed, PSS summed
    each: dict[int, int] = {}  # peak RSS of each process of the tree
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            sizes = {pid: _memory(pid) for pid in _tree(proc.pid)}
            rss = sum(size[0] for size in sizes.values())
            pss = sum(size[1] for size in sizes.values())
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            for pid, (one, _) in sizes.items():
                each[pid] = max(each.get(pid, 0), one)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {stderr.strip()[-500:]}")
    peak_bytes = max(peak[0], usage.ru_maxrss * 1024)
    return {
        "seconds": round(wall, 3),
        "peak_mb": round(peak_bytes / 2**20, 1),
        "peak_pss_mb": round(peak[1] / 2**20, 1),
        "process_peaks_mb": sorted((round(v / 2**20, 1) for v in each.values()), reverse=True)[:4],
        "exit": code,
    }


def fork_gain(sizes: list[int], repeat: int) -> list[dict]:
    """Extraction time with one process and with two (threshold forced to 0), per size."""
    from checker import nlp, runner
    from checker.documents import load_documents
    from checker.vocabulary import default_vocabulary

    nlp.load()
    vocabulary = default_vocabulary()
    runner.MIN_CHARS_PER_WORKER = 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"c{size}"
            build_corpus(folder, size, paragraph_pool(), seed=size)
            documents, _ = load_documents([str(folder)])
            times: dict[int, list[float]] = {1: [], 2: []}
            cpu: dict[int, list[float]] = {1: [], 2: []}
            for _ in range(repeat):
                for jobs in (1, 2):
                    used = _cpu()
                    started = time.perf_counter()
                    runner.extract_documents(documents, vocabulary=vocabulary, jobs=jobs)
                    times[jobs].append(time.perf_counter() - started)
                    cpu[jobs].append(_cpu() - used)  # the worker's too: reaped by now
            one, two = min(times[1]), min(times[2])
            work, spent = min(cpu[1]), min(cpu[2])
            # On two idle cores the two processes split the work: about half of it each,
            # plus what the worker costs (fork, copied pages, sending documents and claims).
            overhead = spent - work
            chars = sum(len(document.text) for document in documents)
            row = {"documents": size, "chars": chars, "one_s": one, "two_s": two}
            row |= {"cpu_one_s": work, "cpu_two_s": spent, "worker_cost_s": overhead}
            row["idle_two_s"] = work / 2 + overhead
            rows.append(row)
            print(
                f"{size:>5} documents {chars:>9,} chars: wall 1 process {one:.2f} s, "
                f"2 processes {two:.2f} s; CPU 1 process {work:.2f} s, 2 processes "
                f"{spent:.2f} s (worker cost {overhead:.2f} s); on 2 idle cores "
                f"{work:.2f} s against {work / 2 + overhead:.2f} s",
                flush=True,
            )
    return rows


def _cpu() -> float:
    """CPU seconds of this process and its reaped children, user and system."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="build corpora here and keep them")
    parser.add_argument("--fork", default="", help="sizes: one process against two")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each --fork setting")
    args = parser.parse_args(argv)
    if args.fork:
        rows = fork_gain([int(s) for s in args.fork.split(",") if s], args.repeat)
        if args.json:
            print(json.dumps(rows, indent=2))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    env = dict(os.environ, NO_COLOR="1", FACTCHECK_CACHE_DIR=str(workdir / "cache"))
    env.pop("CI", None)
    # As on a user's machine, where pip compiles the package's bytecode once at install time:
    # without it every run compiles checker/ afresh (an editable install never precompiles).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    pool = paragraph_pool()
    results: dict = {"cores": len(os.sched_getaffinity(0)), "sizes": {}}
    one = ROOT / "seeds" / sorted(p.name for p in (ROOT / "seeds").glob("*.md"))[-1]
    run([*FACTCHECK, str(one), "--format", "json", "--no-cache"], env)  # warm the OS file cache
    results["cold_start_one_article"] = run(
        [*FACTCHECK, str(one), "--format", "json", "--no-cache"], env
    )
    try:
        for size in sizes:
            folder = workdir / f"corpus{size}"
            words = build_corpus(folder, size, pool)
            row: dict = {"documents": size, "words": words}
            reference = run([sys.executable, "-c", REFERENCE, str(folder)], env)
            row["reference"] = reference
            for label, jobs in (("jobs1", ["--jobs", "1"]), ("default_jobs", [])):
                measured = run(
                    [*FACTCHECK, str(folder), "--format", "json", "--no-cache", *jobs], env
                )
                measured["docs_per_s"] = round(size / measured["seconds"], 1)
                measured["words_per_s"] = round(words / measured["seconds"], 1)
                measured["ratio_to_reference"] = round(
                    measured["seconds"] / reference["seconds"], 3
                )
                row[label] = measured
            if size <= 1000:  # at 10,000 a second cold run would double the benchmark
                shutil.rmtree(workdir / "cache", ignore_errors=True)
                cold = run([*FACTCHECK, str(folder), "--format", "json"], env)
                warm = run([*FACTCHECK, str(folder), "--format", "json"], env)
                row["cache"] = {
                    "cold": cold,
                    "warm": warm,
                    "speedup": round(cold["seconds"] / warm["seconds"], 1),
                }
            results["sizes"][str(size)] = row
            if not args.json:
                _print_row(row)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        c = results["cold_start_one_article"]
        print(
            f"cold start, one article: {c['seconds']:.2f} s, {c['peak_mb']:.0f} MB "
            f"({results['cores']} cores)"
        )
    return 0


def _print_row(row: dict) -> None:
    ref = row["reference"]
    print(f"{row['documents']} documents, {row['words']} words")
    print(f"  reference nlp.pipe (1 core): {ref['seconds']:.1f} s, {ref['peak_mb']:.0f} MB")
    for label in ("jobs1", "default_jobs"):
        m = row[label]
        print(
            f"  factcheck {label:<13} {m['seconds']:.1f} s  {m['docs_per_s']:.0f} docs/s  "
            f"{m['words_per_s']:.0f} words/s  {m['peak_mb']:.0f} MB rss  "
            f"{m['peak_pss_mb']:.0f} MB pss  "
            f"ratio {m['ratio_to_reference']:.2f}"
        )
    if "cache" in row:
        c = row["cache"]
        print(
            f"  cache: cold {c['cold']['seconds']:.1f} s, warm {c['warm']['seconds']:.2f} s, "
            f"{c['speedup']}x"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
