"""Scale benchmark: the installed ``factcheck`` console script on large generated workloads.

    python bench/scale.py                          # the issue's full sizes (slow today)
    python bench/scale.py --size-factor 0.1        # a quick run, a tenth of every count
    python bench/scale.py --size-factor 0.1,0.25   # two sizes, and how time grows between them
    python bench/scale.py --only claims --timeout 600 --json

Three workloads, generated in a temporary folder from a seeded ``random.Random``:

- ``articles``: 20,000 one-line articles in a folder, each a Markdown file with its own
  publication date in front matter and one casualty line of the same shape with varied
  figure, qualifier, measure, place and source ("At least 40 people were killed in Gaza,
  officials said.").
- ``claims``: 10,000 claims about one subject in one file ("At least N people were killed in
  Gaza, the ministry said.", one a line, N varied): what the rules cost when every claim
  has to be compared with the others.
- ``copies``: 2,000 copies of one article of about 500 words with several figures, each with
  small edits (a changed figure, a sentence dropped or two paragraphs swapped, another date,
  source and title): the wire-copy grouping path.

Each workload runs ``factcheck extract DIR --format json --no-cache`` (extraction only) and
``factcheck check DIR --format json --no-cache`` (extraction and rules) as whole processes,
with the default ``--jobs`` (the machine's cores). For each run: wall time, peak memory of
the whole process tree (RSS summed over the process and its children, sampled every 50 ms;
PSS summed too where /proc has it), the exit code, and the numbers of claims and findings
read from the JSON output. A run longer than ``--timeout`` seconds is killed with its workers
and reported as "killed after N s at M MB", which is itself a result. Derived figures: check
/ extract, and "rules time" = check - extract (both runs extract the same documents).

The issue's targets: ``articles`` check under 2x the extraction time and under 600 MB;
``claims`` rules time under 5 s. Timings on a shared machine are noisy: compare runs made
one after the other on the same machine, and prefer ratios to absolute seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SAMPLE_SECONDS = 0.05

# -- memory of a process tree -----------------------------------------------------------------
#
# psutil when it is installed (RSS only); else bench/perf.py's /proc sampler (RSS and PSS);
# else a small /proc reader of our own (RSS only).

try:
    import psutil  # type: ignore[import-not-found]
except ImportError:  # not a dependency of the project
    psutil = None

_perf_tree_memory = None
try:
    sys.path.insert(0, str(BENCH))
    from perf import _tree_memory as _perf_tree_memory  # type: ignore[no-redef]
except Exception:  # perf.py moved or changed: fall back to our own reader
    _perf_tree_memory = None
finally:
    if sys.path and sys.path[0] == str(BENCH):
        sys.path.pop(0)


def _own_tree_memory(root: int) -> tuple[int, int | None]:
    """(RSS summed, None) over ``root`` and its descendants, read from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    parents[int(entry)] = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        current = frontier.pop()
        for pid, parent in parents.items():
            if parent == current and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total, None


def tree_memory(root: int) -> tuple[int, int | None]:
    """(RSS summed, PSS summed or None) over a process and its children, in bytes."""
    if psutil is not None:
        try:
            parent = psutil.Process(root)
            processes = [parent, *parent.children(recursive=True)]
        except psutil.Error:
            return 0, None
        total = 0
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue
        return total, None
    if _perf_tree_memory is not None:
        rss, pss = _perf_tree_memory(root)
        return rss, pss
    return _own_tree_memory(root)


def sampler_name() -> str:
    if psutil is not None:
        return "psutil (RSS)"
    if _perf_tree_memory is not None:
        return "bench/perf.py /proc sampler (RSS and PSS)"
    return "own /proc sampler (RSS)"


# -- running one whole process ------------------------------------------------------------


def run(cmd: list[str], stdout_path: Path, timeout: float, env: dict) -> dict:
    """Run ``cmd`` as a whole process in its own session, stdout to ``stdout_path``.

    Samples the memory of its process tree every 50 ms; kills the whole session once it has
    run ``timeout`` seconds. Returns wall time, peak RSS (and PSS) in MB, exit code, whether
    it was killed and the end of its stderr.
    """
    stderr_path = stdout_path.with_suffix(".stderr")
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=err, env=env, cwd=stdout_path.parent,
            start_new_session=True,
        )  # fmt: skip
        peak_rss = peak_pss = 0
        killed = False
        status, usage = 0, None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid == proc.pid:
                break
            rss, pss = tree_memory(proc.pid)
            peak_rss = max(peak_rss, rss)
            peak_pss = max(peak_pss, pss or 0)
            if not killed and time.perf_counter() - started > timeout:
                killed = True
                _kill_session(proc.pid)
            time.sleep(SAMPLE_SECONDS)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    _kill_session(proc.pid)  # workers left behind by the main process, if any
    peak_rss = max(peak_rss, usage.ru_maxrss * 1024 if usage else 0)
    stderr = stderr_path.read_text("utf-8", errors="replace")
    return {
        "seconds": round(wall, 2),
        "peak_mb": round(peak_rss / 2**20, 1),
        "peak_pss_mb": round(peak_pss / 2**20, 1) if peak_pss else None,
        "exit": proc.returncode,
        "killed": killed,
        "stderr_tail": stderr.strip()[-600:],
    }


def _kill_session(pid: int) -> None:
    """SIGKILL the process group that ``pid`` leads (our child and its workers)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def read_counts(path: Path) -> tuple[int | None, int | None]:
    """(claims, findings) from a JSON report, or (None, None) if there is no report."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None, None
    summary = data.get("summary") or {}
    claims = summary.get("claims", len(data.get("claims", ())))
    findings = summary.get("findings")
    if isinstance(findings, dict):
        findings = sum(findings.values())
    elif findings is None:
        findings = len(data.get("findings", ()))
    return claims, findings


# -- generating the workloads ---------------------------------------------------------------

PLACES = (
    "Gaza", "the Gaza Strip", "Khan Younis", "Rafah", "Gaza City", "the West Bank", "Israel",
    "Lebanon", "southern Lebanon", "Syria", "Iraq", "Yemen", "Ukraine", "Damascus",
    "Baghdad", "Erbil", "Deir Ezzor", "Sanaa", "Myanmar", "the Democratic Republic of Congo",
)  # fmt: skip
QUALIFIERS = ("At least", "At least", "About", "More than", "Nearly", "Some", "")
MEASURES = ("killed", "killed", "killed", "injured", "wounded")
SOURCES = (
    "officials said", "the ministry said", "the health ministry said", "police said",
    "the UN said", "medics said", "a spokesman said", "according to local officials",
)  # fmt: skip


def _day(rng: random.Random, start: dt.date, span_days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span_days))


def build_articles(folder: Path, count: int, rng: random.Random) -> dict:
    """``count`` one-line Markdown articles, each with its own date in front matter."""
    folder.mkdir(parents=True)
    size = 0
    for n in range(count):
        published = _day(rng, dt.date(2022, 1, 1), 730)
        figure = rng.choice((rng.randint(2, 99), rng.randint(100, 9_999)))
        qualifier = rng.choice(QUALIFIERS)
        lead = f"{qualifier} {figure:,}" if qualifier else f"{figure:,}"
        line = (
            f"{lead} people were {rng.choice(MEASURES)} in {rng.choice(PLACES)}, "
            f"{rng.choice(SOURCES)}."
        )
        text = f"---\ntitle: Report {n}\npublished: {published.isoformat()}\n---\n{line}\n"
        (folder / f"a{n:06d}.md").write_text(text, encoding="utf-8")
        size += len(text)
    return {"files": count, "bytes": size, "target": folder}


def build_claims(folder: Path, count: int, rng: random.Random) -> dict:
    """One file of ``count`` same-subject claims, one a line."""
    folder.mkdir(parents=True)
    lines = [
        f"At least {rng.randint(1, 40_000):,} people were killed in Gaza, the ministry said."
        for _ in range(count)
    ]
    text = "---\ntitle: Gaza tolls\npublished: 2023-11-06\n---\n" + "\n".join(lines) + "\n"
    path = folder / "claims.md"
    path.write_text(text, encoding="utf-8")
    return {"files": 1, "bytes": len(text.encode("utf-8")), "target": folder}


# A realistic wire story of about 500 words; {name} marks a figure a copy may change.
ARTICLE = (
    (
        "Israeli air strikes on the southern Gaza Strip killed at least {killed_south} people "
        "overnight, the health ministry in Gaza said on Tuesday, as fighting spread to areas "
        "where hundreds of thousands of displaced Palestinians had sought shelter.",
    ),
    (
        "The ministry said the overall death toll in the territory since October 7 had risen "
        "to {killed_total:,}, most of them women and children.",
        "Another {injured_total:,} people have been wounded, it said.",
    ),
    (
        "The Israeli military said its aircraft had struck more than {strikes:,} targets in "
        "the past day, including tunnel shafts, rocket launchers and command posts.",
        "It said {soldiers} soldiers had been killed in ground fighting since the start of the "
        "offensive.",
    ),
    (
        "In Khan Younis, residents described a night of heavy bombardment.",
        "Medics at the Nasser hospital said they had received {killed_kh} bodies and about "
        "{injured_kh} wounded people by dawn, many of them children.",
        "The hospital is running short of fuel, bandages and anaesthetics, a doctor said.",
    ),
    (
        "The United Nations says about {displaced:,} people, or roughly 85 per cent of Gaza's "
        "population, have been forced from their homes.",
        "Many are crowded into schools run by the UN agency for Palestinian refugees, where "
        "officials say sanitation is breaking down.",
    ),
    (
        "Aid agencies said only {trucks} trucks carrying food, water and medicine had crossed "
        "through the Rafah crossing on Monday, far below the 500 a day that entered before "
        "the war.",
        "The World Food Programme said it needed at least {wfp_trucks} trucks a day to meet "
        "basic needs.",
    ),
    (
        "Hamas fighters killed about 1,200 people in Israel and took some {hostages} hostages "
        "in their October 7 attack, according to Israeli tallies.",
        "More than 100 hostages were released during a week-long truce that ended on December 1.",
    ),
    (
        "In the occupied West Bank, Israeli forces killed {killed_wb} Palestinians during a "
        "raid on the Jenin refugee camp, the Palestinian health ministry said.",
        "The army said it had arrested {arrested} suspects and seized weapons.",
    ),
    (
        "Along the border with Lebanon, the Israeli military said it had struck Hezbollah "
        "positions after {rockets} rockets were fired at northern Israel.",
        "No injuries were reported on the Israeli side.",
    ),
    (
        "United States Secretary of State Antony Blinken, on his fourth visit to the region "
        "since the war began, urged Israel to do more to protect civilians.",
        "Washington has approved some {aid_million} million dollars in humanitarian aid for "
        "Palestinians since October.",
    ),
    (
        "The UN Security Council was due to vote later on Tuesday on a resolution calling for "
        "an urgent humanitarian pause.",
        "A previous draft was vetoed by the United States, which said it failed to condemn Hamas.",
    ),
)
FIGURES = {
    "killed_south": 45, "killed_total": 18_205, "injured_total": 49_645, "strikes": 250,
    "soldiers": 104, "killed_kh": 62, "injured_kh": 150, "displaced": 1_900_000, "trucks": 100,
    "wfp_trucks": 300, "hostages": 240, "killed_wb": 11, "arrested": 20, "rockets": 30,
    "aid_million": 100,
}  # fmt: skip
DESKS = (
    "Wire Desk", "AFP", "Reuters", "Associated Press", "Metro Desk", "World Desk",
    "Night Desk", "Regional Bureau",
)  # fmt: skip
TITLES = (
    "Strikes on southern Gaza kill dozens as fighting spreads",
    "Gaza death toll rises as Israel presses southern offensive",
    "Dozens killed overnight in southern Gaza, ministry says",
    "Fighting spreads to southern Gaza shelters",
)  # fmt: skip


def article_copy(rng: random.Random) -> str:
    """One copy of ARTICLE with small edits: one figure changed, a sentence dropped or two
    paragraphs swapped."""
    figures = dict(FIGURES)
    changed = rng.choice(sorted(figures))
    base = figures[changed]
    step = max(1, round(base * rng.uniform(0.01, 0.2)))  # 1% to 20% up or down
    figures[changed] = max(1, base + rng.choice((-1, 1)) * step)
    paragraphs = [list(p) for p in ARTICLE]
    roll = rng.random()
    if roll < 0.4:  # drop a sentence
        index = rng.randrange(1, len(paragraphs))
        if len(paragraphs[index]) > 1:
            del paragraphs[index][rng.randrange(len(paragraphs[index]))]
        else:
            del paragraphs[index]
    elif roll < 0.8:  # swap two paragraphs (the lead stays first)
        i, j = rng.sample(range(1, len(paragraphs)), 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    body = "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)
    return body.format(**figures)


def build_copies(folder: Path, count: int, rng: random.Random) -> dict:
    """``count`` edited copies of one article, each with another date, source and title."""
    folder.mkdir(parents=True)
    size = words = 0
    for n in range(count):
        published = _day(rng, dt.date(2023, 12, 5), 4)
        body = article_copy(rng)
        text = (
            f'---\ntitle: "{rng.choice(TITLES)}"\npublished: {published.isoformat()}\n'
            f'source: "{rng.choice(DESKS)}"\n---\n\n{body}\n'
        )
        (folder / f"copy{n:05d}.md").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        words += len(body.split())
    return {"files": count, "bytes": size, "words": words, "target": folder}


WORKLOADS = {
    "articles": (20_000, build_articles, "one-line articles in a folder"),
    "claims": (10_000, build_claims, "same-subject claims in one file"),
    "copies": (2_000, build_copies, "edited copies of one ~500-word article"),
}

# -- the benchmark ----------------------------------------------------------------------------


def factcheck_command() -> list[str]:
    found = shutil.which("factcheck")
    if found is None:
        raise SystemExit("the factcheck console script is not on PATH (pip install -e .)")
    return [found]


def measure_workload(
    name: str, count: int, workdir: Path, seed: int, timeout: float, env: dict, log
) -> dict:
    base, builder, what = WORKLOADS[name]
    folder = workdir / f"{name}-{count}"
    started = time.perf_counter()
    built = builder(folder, count, random.Random(f"{seed}-{name}"))
    target = built.pop("target")
    row: dict = {
        "workload": name,
        "what": what,
        "count": count,
        **built,
        "build_seconds": round(time.perf_counter() - started, 1),
    }
    log(f"{name} x {count:,}: built in {row['build_seconds']} s ({built['bytes'] / 1e6:.1f} MB)")
    for command in ("extract", "check"):
        out = workdir / f"{name}-{count}-{command}.json"
        cmd = [*factcheck_command(), command, str(target), "--format", "json", "--no-cache"]
        result = run(cmd, out, timeout, env)
        counts = (None, None) if result["killed"] else read_counts(out)
        result["claims"], result["findings"] = counts
        if not result["killed"] and result["exit"] not in (0, 1):
            result["failed"] = True
        result["status"] = _status(result)
        if result["status"] == "ok":
            result.pop("stderr_tail")
        row[command] = result
        seconds, peak = result["seconds"], result["peak_mb"]
        log(f"  {command}: {result['status']}, {seconds:.1f} s, {peak:.0f} MB")
        out.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    extract, check = row["extract"], row["check"]
    if extract["status"] == "ok" and check["status"] == "ok":
        row["check_over_extract"] = round(check["seconds"] / extract["seconds"], 2)
        row["rules_seconds"] = round(check["seconds"] - extract["seconds"], 2)
    elif extract["status"] == "ok" and check["killed"]:
        row["check_over_extract"] = f"> {check['seconds'] / extract['seconds']:.1f}"
        row["rules_seconds"] = f"> {check['seconds'] - extract['seconds']:.0f}"
    return row


def _status(result: dict) -> str:
    if result["killed"]:
        return f"killed after {result['seconds']:.0f} s at {result['peak_mb']:.0f} MB"
    if result["exit"] not in (0, 1):
        return f"failed (exit {result['exit']})"
    return "ok"


def targets(row: dict) -> list[str]:
    """The issue's targets for this row, met or not."""
    out = []
    check = row["check"]
    if row["workload"] == "articles":
        ratio = row.get("check_over_extract")
        met = isinstance(ratio, float) and ratio < 2
        out.append(f"check < 2x extract: {'met' if met else 'NOT met'} ({ratio})")
        met = check["status"] == "ok" and check["peak_mb"] < 600
        out.append(f"check < 600 MB: {'met' if met else 'NOT met'} ({check['peak_mb']:.0f} MB)")
    if row["workload"] == "claims":
        rules = row.get("rules_seconds")
        met = isinstance(rules, float) and rules < 5
        out.append(f"rules time < 5 s: {'met' if met else 'NOT met'} ({rules} s)")
    return out


def growth(rows: list[dict], startup: float) -> list[dict]:
    """For each workload measured at two or more sizes: the exponent k in time ~ size^k
    between consecutive sizes, for extract, check (both less the start-up time of one tiny
    run) and rules time. 1 is linear, 2 quadratic."""
    out = []
    by_name: dict[str, list[dict]] = {}
    for row in rows:
        by_name.setdefault(row["workload"], []).append(row)
    for name, series in by_name.items():
        series = sorted(series, key=lambda r: r["count"])
        for small, large in pairwise(series):
            entry = {"workload": name, "from": small["count"], "to": large["count"]}
            scale = math.log(large["count"] / small["count"])
            for command in ("extract", "check"):
                a, b = small[command], large[command]
                if a["status"] == b["status"] == "ok":
                    ta, tb = a["seconds"] - startup, b["seconds"] - startup
                    if ta > 0 and tb > 0:
                        entry[command] = round(math.log(tb / ta) / scale, 2)
            ra, rb = small.get("rules_seconds"), large.get("rules_seconds")
            if isinstance(ra, float) and isinstance(rb, float) and ra > 0.5 and rb > 0:
                entry["rules"] = round(math.log(rb / ra) / scale, 2)
            entry["memory_check"] = (
                round(math.log(large["check"]["peak_mb"] / small["check"]["peak_mb"]) / scale, 2)
                if small["check"]["peak_mb"] and large["check"]["peak_mb"]
                else None
            )
            out.append(entry)
    return out


def print_table(results: dict) -> None:
    print()
    print(
        f"factcheck scale benchmark: {results['cores']} cores, --jobs default "
        f"({results['cores']}), memory: {results['sampler']}, timeout {results['timeout']:g} s"
    )
    print(f"package: {results['code']}")
    print(f"start-up (extract of one one-line file): {results['startup_seconds']:.2f} s")
    header = (
        f"{'workload':<9} {'size':>7} {'MB in':>6}  {'command':<7} {'time s':>7} "
        f"{'peak RSS MB':>11} {'PSS MB':>7} {'claims':>7} {'findings':>8}  status"
    )
    print(header)
    print("-" * len(header))
    for row in results["rows"]:
        for command in ("extract", "check"):
            r = row[command]
            pss = f"{r['peak_pss_mb']:.0f}" if r.get("peak_pss_mb") else "-"
            claims = "-" if r["claims"] is None else f"{r['claims']:,}"
            findings = "-" if r["findings"] is None else f"{r['findings']:,}"
            print(
                f"{row['workload']:<9} {row['count']:>7,} {row['bytes'] / 1e6:>6.2f}  "
                f"{command:<7} {r['seconds']:>7.1f} {r['peak_mb']:>11.0f} {pss:>7} "
                f"{claims:>7} {findings:>8}  {r['status']}"
            )
        print(
            f"{'':<9} {'':>7} {'':>6}  check/extract {row.get('check_over_extract', '-')}, "
            f"rules time (check - extract) {row.get('rules_seconds', '-')} s"
        )
        for line in targets(row):
            print(f"{'':<26}target {line}")
    if results["growth"]:
        print()
        print("growth exponent k (time ~ size^k; 1 linear, 2 quadratic; start-up subtracted):")
        for g in results["growth"]:
            parts = [
                f"{key} {g[key]}" for key in ("extract", "check", "rules", "memory_check")
                if g.get(key) is not None
            ]  # fmt: skip
            print(f"  {g['workload']:<9} {g['from']:>7,} -> {g['to']:>7,}: " + ", ".join(parts))
    print()
    print(
        "Figures are from one run on a shared machine: expect noise of 10-20% and more when "
        "other jobs run; compare ratios."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", action="append", choices=sorted(WORKLOADS),
        help="run only this workload (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--size-factor", default="1",
        help="scale every count by F (e.g. 0.1 for a quick run); a comma-separated list "
        "runs each size and reports how time grows",
    )  # fmt: skip
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds a run may take")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the outputs")
    parser.add_argument(
        "--code", type=Path,
        help="import the package from this folder (put first on PYTHONPATH), e.g. a "
        "`git archive HEAD` snapshot, to measure one fixed version while checker/ is edited",
    )  # fmt: skip
    args = parser.parse_args(argv)
    factors = [float(f) for f in args.size_factor.split(",") if f.strip()]
    names = args.only or list(WORKLOADS)

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NO_COLOR="1", FACTCHECK_CACHE_DIR=str(workdir / "cache"))
    env.pop("CI", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once
    if args.code:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(args.code.resolve()), env.get("PYTHONPATH", "")) if p
        )

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    results: dict = {
        "cores": cores,
        "jobs": "default (not passed: the machine's cores)",
        "sampler": sampler_name(),
        "timeout": args.timeout,
        "seed": args.seed,
        "factcheck": factcheck_command()[0],
        "code": str(args.code.resolve()) if args.code else "as installed",
        "rows": [],
    }
    try:
        tiny = workdir / "tiny"
        tiny.mkdir(exist_ok=True)
        (tiny / "one.md").write_text(
            "---\npublished: 2023-11-06\n---\nAt least 40 people were killed in Gaza, "
            "officials said.\n",
            encoding="utf-8",
        )
        cmd = [*factcheck_command(), "extract", str(tiny), "--format", "json", "--no-cache"]
        run(cmd, workdir / "tiny.json", args.timeout, env)  # warm the OS file cache
        results["startup_seconds"] = run(cmd, workdir / "tiny.json", args.timeout, env)["seconds"]
        for factor in factors:
            for name in names:
                count = max(1, round(WORKLOADS[name][0] * factor))
                row = measure_workload(name, count, workdir, args.seed, args.timeout, env, log)
                row["size_factor"] = factor
                results["rows"].append(row)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    results["growth"] = growth(results["rows"], results["startup_seconds"])
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
