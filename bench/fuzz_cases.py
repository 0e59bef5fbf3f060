"""Hostile inputs for the fuzz run (issue 17), each a case run against the installed CLI.

    python bench/fuzz_cases.py                    # every case once, 60 s each at most
    python bench/fuzz_cases.py --only fifo --timeout 20 --json
    python bench/fuzz_cases.py --keep /tmp/cases  # keep the generated files

``bench/fuzz.py`` feeds generated text to the library in worker processes. The cases here are
about what only a whole process meets: files that are not regular files, names that are not
UTF-8, files planted in the cache folder, inputs dense enough to find a quadratic step, and
rule filters whose regular expressions backtrack. Each generator takes a ``random.Random``
and a fresh temporary folder and returns a ``Case``: the files it made, the command-line
arguments for ``factcheck``, and what the runner must arrange (extra environment, a FIFO to
feed, a marker file whose appearance proves code from the input ran).

The runner starts ``factcheck ARGS`` once per case (as a user would: no ``--debug``) in its
own session, kills it with its workers after ``--timeout`` seconds, and reports per case: the
exit code, the time, whether it hung, whether stderr had a Python traceback or the CLI's
one-line "internal error" (then it runs the case again with ``--debug`` to name the place),
and whether the marker appeared. Exit codes 0, 1 (findings) and 2 (a usage or input error,
one line) are acceptable answers; a hang, a traceback, an internal error or a marker is not,
nor a JSON or SARIF report that is not UTF-8 JSON without lone surrogates.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = (
    "---\ntitle: A casualty report\npublished: 2023-11-06\n---\n"
    "At least {n} people were killed in Gaza, the health ministry said on Monday.\n"
)


@dataclass
class Case:
    """What a generator made and how to run it."""

    name: str
    args: list[str | bytes]  # arguments after ``factcheck``; bytes for non-UTF-8 names
    paths: list[str | bytes] = field(default_factory=list)  # the files it made
    env: dict[str, str] = field(default_factory=dict)  # added to the environment
    marker: str | None = None  # a file that must not appear (proof that code ran)
    feed: tuple[str, bytes] | None = None  # (FIFO, data) a writer thread fills once started
    expect: str = ""  # what a correct program does, for the report


def _article(rng: random.Random) -> str:
    return ARTICLE.format(n=rng.randint(2, 9_999))


def _json_args(*paths: str | bytes) -> list[str | bytes]:
    return ["check", *paths, "--format", "json", "--no-cache"]


# -- FIFOs ------------------------------------------------------------------------------------


def fifo_in_folder(rng: random.Random, tmp: Path) -> Case:
    """A folder holding an article and a FIFO named like an article, no writer: reading the
    FIFO would block forever."""
    folder = tmp / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(_article(rng), "utf-8")
    fifo = folder / "b.md"
    os.mkfifo(fifo)
    return Case(
        "fifo_in_folder", _json_args(str(folder)), [str(folder / "a.md"), str(fifo)],
        expect="skip the FIFO with a note; check a.md",
    )  # fmt: skip


def fifo_named(rng: random.Random, tmp: Path) -> Case:
    """A FIFO named on the command line, and nobody writing to it."""
    fifo = tmp / "named.md"
    os.mkfifo(fifo)
    return Case(
        "fifo_named_no_writer", _json_args(str(fifo)), [str(fifo)],
        expect="refuse it (not a regular file) or time out reading, not hang",
    )  # fmt: skip


def fifo_named_fed(rng: random.Random, tmp: Path) -> Case:
    """A FIFO named on the command line with a writer, as ``factcheck check <(cmd)`` gives:
    one article written once, then closed."""
    fifo = tmp / "fed.md"
    os.mkfifo(fifo)
    return Case(
        "fifo_named_fed", _json_args(str(fifo)), [str(fifo)],
        feed=(str(fifo), _article(rng).encode("utf-8")),
        expect="read it like a file (a pipe from process substitution), or refuse it in one line",
    )  # fmt: skip


def fifo_in_cache(rng: random.Random, tmp: Path) -> Case:
    """The cache database is a FIFO: opening it would block."""
    cache = tmp / "cache"
    cache.mkdir()
    os.mkfifo(cache / "extraction.sqlite3")
    doc = tmp / "a.md"
    doc.write_text(_article(rng), "utf-8")
    return Case(
        "fifo_as_cache_db", ["check", str(doc), "--format", "json"],
        [str(cache / "extraction.sqlite3"), str(doc)], env={"FACTCHECK_CACHE_DIR": str(cache)},
        expect="switch the cache off with a warning, not hang",
    )  # fmt: skip


# -- names that are not UTF-8 -------------------------------------------------------------------

BAD_NAMES = (b"caf\xe9.md", b"\xff\xfe-bom.txt", b"half-\xc3.md", b"ok-\xed\xa0\x80-surrogate.md")


def _bad_files(rng: random.Random, folder: Path) -> list[bytes]:
    base = os.fsencode(folder)
    made = []
    for name in BAD_NAMES:
        path = base + b"/" + name
        with open(path, "wb") as handle:
            handle.write(_article(rng).encode("utf-8"))
        made.append(path)
    return made


def non_utf8_names_folder(rng: random.Random, tmp: Path) -> Case:
    """Files whose names are not UTF-8 (Latin-1, stray bytes, a lone surrogate), in a folder;
    the JSON report must carry their paths."""
    folder = tmp / "docs"
    folder.mkdir()
    made = _bad_files(rng, folder)
    return Case(
        "non_utf8_names_folder_json", _json_args(str(folder)), made,
        expect="check every file; paths escaped in the JSON",
    )  # fmt: skip


def non_utf8_names_table(rng: random.Random, tmp: Path) -> Case:
    """The same, rendered as the table a terminal shows (stdout is a pipe, UTF-8)."""
    folder = tmp / "docs"
    folder.mkdir()
    made = _bad_files(rng, folder)
    return Case(
        "non_utf8_names_folder_table", ["check", str(folder), "--no-cache"], made,
        expect="a table with the names shown escaped or replaced",
    )  # fmt: skip


def non_utf8_name_argv(rng: random.Random, tmp: Path) -> Case:
    """A non-UTF-8 file named on the command line (reaches Python as a surrogate-escaped str),
    output as SARIF, whose URIs must be valid."""
    folder = tmp / "docs"
    folder.mkdir()
    made = _bad_files(rng, folder)
    return Case(
        "non_utf8_name_argv_sarif", ["check", made[0], "--format", "sarif", "--no-cache"], made,
        expect="read the file; a valid percent-encoded URI in SARIF",
    )  # fmt: skip


# -- pickles planted in the cache folder ------------------------------------------------------

CACHE_PICKLE_NAMES = (
    "extraction.pickle", "extraction.pkl", "cache.pkl", "claims.pickle", "index.pkl",
    "stories.pickle", "extraction.sqlite3.pkl", "model.pkl",
)  # fmt: skip


def marker_pickle(marker: Path) -> bytes:
    """A protocol-0 pickle whose loading calls ``builtins.open(marker, "w")``: it creates an
    empty file and does nothing else, a harmless proof that unpickling ran."""
    return b"cbuiltins\nopen\n(V" + str(marker).encode("raw_unicode_escape") + b"\nVw\ntR."


def pickles_in_cache(rng: random.Random, tmp: Path) -> Case:
    """Pickles under every plausible name in the cache folder, then a run that uses the cache
    (twice over: the first run creates it, the second reads it)."""
    cache = tmp / "cache"
    cache.mkdir()
    marker = tmp / "PICKLE-EXECUTED"
    payload = marker_pickle(marker)
    planted = []
    for name in CACHE_PICKLE_NAMES:
        (cache / name).write_bytes(payload)
        planted.append(str(cache / name))
    (cache / "sub").mkdir()
    (cache / "sub" / "extraction.pickle").write_bytes(payload)
    doc = tmp / "a.md"
    doc.write_text(_article(rng), "utf-8")
    return Case(
        "pickles_in_cache_dir", ["check", str(doc), "--format", "json"],
        [*planted, str(doc)], env={"FACTCHECK_CACHE_DIR": str(cache)}, marker=str(marker),
        expect="ignore them; never unpickle",
    )  # fmt: skip


def pickle_as_cache_db(rng: random.Random, tmp: Path) -> Case:
    """A pickle where the cache database should be."""
    cache = tmp / "cache"
    cache.mkdir()
    marker = tmp / "PICKLE-EXECUTED"
    (cache / "extraction.sqlite3").write_bytes(marker_pickle(marker))
    doc = tmp / "a.md"
    doc.write_text(_article(rng), "utf-8")
    return Case(
        "pickle_as_cache_db", ["check", str(doc), "--format", "json"],
        [str(cache / "extraction.sqlite3"), str(doc)], env={"FACTCHECK_CACHE_DIR": str(cache)},
        marker=str(marker), expect="a warning, a fresh cache, no unpickling",
    )  # fmt: skip


# -- dense numbers ----------------------------------------------------------------------------


def dense_commas(rng: random.Random, tmp: Path) -> Case:
    """About 1 MB of "1, 1, 1, ..." (under the 5 MB file limit): 350,000 figures in one
    sentence."""
    path = tmp / "dense.txt"
    path.write_text("At least " + "1, " * 350_000 + "1 people were killed in Gaza.\n", "utf-8")
    return Case(
        "dense_commas_1mb", _json_args(str(path)), [str(path)],
        expect="bounded time (refuse or cut), not hours",
    )  # fmt: skip


def markdown_table(rng: random.Random, tmp: Path) -> Case:
    """A Markdown table of numbers, about 1 MB: 20,000 rows of 6 figures."""
    rows = ["| place | killed | injured | displaced | day | share |", "|---|---|---|---|---|---|"]
    places = ("Gaza", "Rafah", "Khan Younis", "Jenin", "Nablus", "Erbil")
    for _ in range(20_000):
        rows.append(
            f"| {rng.choice(places)} | {rng.randint(0, 9_999):,} | {rng.randint(0, 99_999):,} "
            f"| {rng.randint(0, 999_999):,} | {rng.randint(1, 31)} | {rng.uniform(0, 100):.1f}% |"
        )
    path = tmp / "table.md"
    path.write_text("---\npublished: 2023-11-06\n---\n\n" + "\n".join(rows) + "\n", "utf-8")
    return Case(
        "markdown_table_1mb", _json_args(str(path)), [str(path)],
        expect="bounded time, not hours",
    )  # fmt: skip


def html_entities(rng: random.Random, tmp: Path) -> Case:
    """About 1 MB of HTML entities, figures written with numeric entities between them."""
    parts = []
    entities = ("&amp;", "&nbsp;", "&#40;", "&#x34;", "&#8239;", "&lt;", "&copy;", "&#", "&bogus;")
    size = 0
    while size < 1_000_000:
        digits = "".join(f"&#{48 + rng.randint(0, 9)};" for _ in range(rng.randint(1, 4)))
        chunk = f"{rng.choice(entities) * rng.randint(1, 20)} at least {digits} people killed "
        parts.append(chunk)
        size += len(chunk)
    path = tmp / "entities.html"
    path.write_text(f"<html><body><p>{''.join(parts)}</p></body></html>\n", "utf-8")
    return Case(
        "html_entities_1mb", _json_args(str(path)), [str(path)],
        expect="bounded time, not hours",
    )  # fmt: skip


# -- regular expressions in rule filters -------------------------------------------------------

RULE_FILE = """\
rules:
  - id: FC901
    name: fuzz.chained_quantifiers
    kind: unattributed
    level: warning
    message: "{{value}} {{measure}}"
    filter:
      sentence: '{pattern}'
"""


def _long_sentence_doc(rng: random.Random, tmp: Path, filler: str) -> Path:
    """An article whose one claim sits in a sentence of some 2,000 characters."""
    tail = " ".join(filler for _ in range(300))
    path = tmp / "long.md"
    path.write_text(
        "---\npublished: 2023-11-06\n---\n"
        f"At least {rng.randint(2, 999)} people were killed in Gaza {tail}.\n",
        "utf-8",
    )
    return path


def _regex_case(name: str, pattern: str, filler: str, rng: random.Random, tmp: Path) -> Case:
    rules = tmp / "rules.yaml"
    rules.write_text(RULE_FILE.format(pattern=pattern.replace("'", "''")), "utf-8")
    doc = _long_sentence_doc(rng, tmp, filler)
    return Case(
        name, ["check", str(doc), "--rules", str(rules), "--format", "json", "--no-cache"],
        [str(rules), str(doc)],
        expect="refuse the pattern when loading the rules (exit 2) or run in bounded time",
    )  # fmt: skip


def regex_dot_star_chain(rng: random.Random, tmp: Path) -> Case:
    """``.*.*.*...==`` (12 chained ``.*``) against a long sentence without ``==``: each ``.*``
    multiplies the ways to fail, O(n^12)."""
    return _regex_case("regex_dotstar_chain", ".*" * 12 + "==", "and more", rng, tmp)


def regex_negated_class_chain(rng: random.Random, tmp: Path) -> Case:
    """``[^x]*[^y]*[^z]*...q`` (12 negated classes) against a sentence without ``q``."""
    classes = "".join(f"[^{c}]*" for c in "xyzwvutsrpon")
    return _regex_case("regex_negclass_chain", classes + "q", "and more", rng, tmp)


def regex_optional_chain(rng: random.Random, tmp: Path) -> Case:
    """``a?a?...a?aaa...!`` (the textbook case, 25 of each) against words of 30 a's: 2^25
    ways to fail at each start."""
    return _regex_case("regex_optional_chain", "a?" * 25 + "a" * 25 + "!", "a" * 30, rng, tmp)


CASES = (
    fifo_in_folder, fifo_named, fifo_named_fed, fifo_in_cache,
    non_utf8_names_folder, non_utf8_names_table, non_utf8_name_argv,
    pickles_in_cache, pickle_as_cache_db,
    dense_commas, markdown_table, html_entities,
    regex_dot_star_chain, regex_negated_class_chain, regex_optional_chain,
)  # fmt: skip

# -- running a case -----------------------------------------------------------------------------


def _feed(fifo: str, data: bytes, stop: threading.Event) -> None:
    """Open the FIFO for writing (retrying without blocking until a reader comes), write."""
    while not stop.is_set():
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # ENXIO: no reader yet
            time.sleep(0.02)
            continue
        try:
            os.set_blocking(fd, True)
            os.write(fd, data)
        except OSError:
            pass
        finally:
            os.close(fd)
        return


def run_case(case: Case, factcheck: str, timeout: float, cwd: Path, debug: bool = False) -> dict:
    env = dict(os.environ, NO_COLOR="1", **case.env)
    env.setdefault("FACTCHECK_CACHE_DIR", str(cwd / "default-cache"))
    env.pop("CI", None)
    cmd: list[str | bytes] = [factcheck, *(["--debug"] if debug else []), *case.args]
    stop = threading.Event()
    feeder = None
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env, cwd=cwd, start_new_session=True,
    )  # fmt: skip
    if case.feed:
        feeder = threading.Thread(target=_feed, args=(*case.feed, stop), daemon=True)
        feeder.start()
    hung = False
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        hung = True
        kill_session(proc.pid)
        stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    kill_session(proc.pid)  # leftover workers
    stop.set()
    if feeder:
        feeder.join(1)
    text = stderr.decode("utf-8", "replace")
    return {
        "output": output_problem(case, stdout) if not hung else None,
        "exit": None if hung else proc.returncode,
        "seconds": round(seconds, 2),
        "hung": hung,
        "traceback": "Traceback (most recent call last)" in text,
        "internal_error": "internal error" in text,
        "marker": bool(case.marker and os.path.exists(case.marker)),
        "stdout_bytes": len(stdout),
        "stderr": text.strip()[-1500:],
    }


def output_problem(case: Case, stdout: bytes) -> str | None:
    """What is wrong with a JSON or SARIF report that other tools would trip on, if anything:
    not UTF-8, not JSON, or lone surrogates (a non-UTF-8 file name passed through as
    ``\\udcXX``, which strict parsers such as jq or serde refuse)."""
    args = [a for a in case.args if isinstance(a, str)]
    if "--format" not in args or args[args.index("--format") + 1] not in ("json", "sarif"):
        return None
    if not stdout:
        return None
    try:
        text = stdout.decode("utf-8")
        json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        return f"not valid JSON/UTF-8: {exc}"[:120]
    if re.search(r"\\ud[89abcdef][0-9a-f]{2}", text, re.I):
        return "lone surrogate escapes in the JSON (invalid Unicode for strict parsers)"
    return None


def kill_session(pid: int) -> None:
    """SIGKILL the process group ``pid`` leads: the CLI and any workers it started."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def verdict(result: dict) -> str:
    bad = []
    if result["hung"]:
        bad.append(f"HUNG (killed after {result['seconds']:.0f} s)")
    if result["marker"]:
        bad.append("PICKLE EXECUTED")
    if result["traceback"]:
        bad.append("TRACEBACK")
    if result["internal_error"]:
        bad.append("INTERNAL ERROR")
    if not result["hung"] and result["exit"] not in (0, 1, 2):
        bad.append(f"EXIT {result['exit']}")
    if result.get("output"):
        bad.append(f"BAD OUTPUT ({result['output']})")
    return "FAIL: " + ", ".join(bad) if bad else "ok"


def _first_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    if not lines:
        return ""
    if any(line.startswith("Traceback") for line in lines):
        return lines[-1].strip()[:160]  # the exception
    return lines[0].strip()[:160]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a case may take")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="make the cases here and keep them")
    parser.add_argument(
        "--code", type=Path,
        help="import the package from this folder (put first on PYTHONPATH), e.g. a "
        "`git archive HEAD` snapshot, to test one fixed version while checker/ is edited",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.code:
        os.environ["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(args.code.resolve()), os.environ.get("PYTHONPATH", "")) if p
        )
    factcheck = shutil.which("factcheck")
    if factcheck is None:
        raise SystemExit("the factcheck console script is not on PATH (pip install -e .)")
    base = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-cases-"))
    base.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for generator in CASES:
            tmp = base / generator.__name__
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            case = generator(random.Random(f"{args.seed}-{generator.__name__}"), tmp)
            if args.only and args.only not in case.name:
                continue
            print(f"{case.name} ...", file=sys.stderr, flush=True)
            result = run_case(case, factcheck, args.timeout, tmp)
            if result["internal_error"] and not result["traceback"]:
                again = run_case(case, factcheck, args.timeout, tmp, debug=True)
                result["debug_traceback"] = again["stderr"]
            result["verdict"] = verdict(result)
            results.append(
                {
                    "case": case.name,
                    "expect": case.expect,
                    "args": [os.fsdecode(a) if isinstance(a, bytes) else a for a in case.args],
                    **result,
                }
            )
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=True))
    else:
        print(f"{'case':<28} {'exit':>4} {'time s':>7} {'hung':>4} {'tb':>3} {'int':>3} "
              f"{'pkl':>3}  verdict / first stderr line")  # fmt: skip
        for r in results:
            flag = {True: "yes", False: "-"}
            exit_code = "-" if r["exit"] is None else str(r["exit"])
            print(
                f"{r['case']:<28} {exit_code:>4} {r['seconds']:>7.1f} {flag[r['hung']]:>4} "
                f"{flag[r['traceback']]:>3} {flag[r['internal_error']]:>3} "
                f"{flag[r['marker']]:>3}  {r['verdict']}"
            )
            line = _first_line(r.get("debug_traceback") or r["stderr"])
            if line:
                print(f"{'':<28} {line}")
    return 1 if any(r["verdict"].startswith("FAIL") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
