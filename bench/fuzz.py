"""Fuzz: thousands of generated documents and rule files, each with a time limit.

    python bench/fuzz.py                          # 10,000 inputs, seed 1, all cores
    python bench/fuzz.py -n 2000 --seed 7 -j 2    # a smaller run
    python bench/fuzz.py --timeout 20 --failures fuzz-failures.json

Four kinds of input, generated from a seeded ``random.Random`` (the same seed gives the same
inputs):

- ``document``: a random mix of prose, figures in every format (and things that are not
  figures), qualifiers, units, dates, attribution, Markdown and HTML markup, control
  characters and arbitrary unicode, sometimes mutated byte by byte, read as txt, md or html.
  Each goes through loading, ``extract_documents``, every rule and every renderer, and the
  claims must hold: positions inside the text and the file, ``text[start:end]`` equal to the
  claim's text, ``low <= value <= high``, finite numbers; the JSON must match the schema.
- ``stress``: one fragment repeated up to 60,000 times (up to a megabyte) through loading
  only (decoding, HTML, front matter, date inference, the cut into pieces): what must stay
  linear in time before the parser runs.
- ``rules``: a random YAML structure over the rule-file keys, with random YAML syntax
  spliced in; loading it as rules and as settings must succeed or raise ``ConfigError``.
- ``bytes``: random bytes as a document file and as a rule file.
- ``hostile``: a case of ``bench/fuzz_cases.py`` (a FIFO in a folder or named, file names
  that are not UTF-8, pickles planted in the cache, chained quantifiers in a rule filter)
  or up to 20 KB of dense numbers, run through the command line (``bench/fuzz_hostile.py``).

Every input runs in a worker process (each loads the spaCy model once) watched by this
process: one that takes longer than ``--timeout`` seconds is counted as hung and its worker
replaced. The summary gives how many ran, failed and hung, failures grouped by where they
were raised; the first failures (input, kind and traceback) are saved as JSON.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from multiprocessing.connection import wait
from pathlib import Path

from fuzz_hostile import make_hostile, run_hostile  # bench/ is the script's folder

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# -- generating inputs ---------------------------------------------------------------------

PROSE = (
    "the officials said people were killed injured in Gaza Israel Iraq Syria troops "
    "protesters hostages displaced arrested on Monday Tuesday yesterday last week since "
    "ministry police reported health according to at least a total of more than some rose "
    "fell by to from and or but while He She They it was is had been"
)
WORDS = tuple(PROSE.split())
NUMBERS = (
    "40", "1,400", "8,306", "1.5", "0.25", ".5", "1.2 million", "3.5bn", "$40", "$1.8bn",
    "US$5", "HK$1.8", "£40m", "€1,200", "¥300", "40%", "40 per cent", "4.25%", "forty",
    "two hundred", "twenty-five", "a dozen", "dozens", "hundreds", "hundreds of thousands",
    "several", "a few", "half", "1/2", "3½", "40th", "30-40", "30 to 40", "between 30 and 40",
    "30–40", "-5", "minus 5", "minus 0.5", "1e5", "10^6", "0", "007", "1,00,000", "1 000",
    "+44 20 7946 0958", "2023", "1990s", "10:30", "3pm", "v1.2.3", "No. 5", "COVID-19",
    "٤٠", "４０", "9" * 40, "9" * 400, "0.0000001", "1" + "0" * 320,
)  # fmt: skip
QUALIFIERS = (
    "at least", "about", "around", "approximately", "nearly", "almost", "more than", "over",
    "fewer than", "less than", "up to", "some", "roughly", "an estimated", "~", "no fewer than",
)  # fmt: skip
UNITS = (
    "people", "troops", "km", "kilometres", "miles", "mph", "kg", "tonnes", "acres", "°C",
    "degrees Celsius", "degrees Fahrenheit", "F", "metres", "m", "ft", "litres", "barrels",
    "points", "per cent", "%", "dollars", "euros", "rockets", "km/h", "sq km",
)  # fmt: skip
TAILS = (
    "were killed", "were injured", "fled", "rose 2%", "fell by 3,000", "in Gaza",
    "in the Gaza Strip", "in Iraq", "on October 7", "on Monday", "on Tuesday, December 26",
    "in 2023", "2023-10-30", "Oct. 30, 2023", "officials said", "according to the ministry",
    ", he said", "(55 miles)", "(13C)", "a year ago",
)  # fmt: skip
MARKUP = (
    "\n\n", "\n", "# ", "* ", "> ", "1. ", "**", "_", "`", "```\n", "[link](x)", "![i](y.png)",
    "| a | 40 |\n|---|---|\n", "<!-- factcheck: disable FC301 -->", "factcheck: ignore",
    "---\n", "<p>", "</p>", "<br>", "<div hidden>", "</div>", "<b>", "<script>", "</script>",
    "<pre>", "</pre>", "<td>", "&amp;", "&nbsp;", "&#40;", "&#x34;", "&#", "&copy", "<![",
    "<!--", "-->", "<", ">", "&", "<![CDATA[", "]]>", "<title>", "<meta name=date content=x>",
)  # fmt: skip
CONTROL = tuple(chr(c) for c in (*range(0, 32), 127)) + (
    "\r\n", "\r", "\u200b", "\u2028", "\u2029", "\ufeff", "\u202e", "\u0301", "\ufffd",
    "\U0001f600", "\ue000", "\ud7ff",
)  # fmt: skip
PUNCTUATION = (". ", ", ", "; ", "! ", "? ", '"', "“", "”", "(", ")", " ", " - ", "—")

RULE_KEYS = (
    "rules", "measures", "places", "groups", "id", "name", "kind", "level", "message",
    "description", "link", "filter", "options", "examples", "units", "locations",
    "qualifiers", "sentence", "text", "published", "as_of", "expect", "documents", "note",
    "path", "source", "title", "nouns", "verbs", "adjectives", "cumulative",
    "requires_attribution", "mode", "window_days", "same_sentence", "enable", "disable",
    "levels", "fail-on", "per-path", "default-rules",
)  # fmt: skip
RULE_VALUES = (
    "FC101", "FC999", "x.y", "contradiction", "stale", "unattributed", "conversion", "nosuch",
    "error", "warning", "suggestion", "fatal", "pass", "fail", "killed", "Gaza", "km", "USD",
    "percent", "bogus_unit", "{value} {measure}", "{nope}", "[", "same-time", "2023-10-30",
    "2023-02-30", "*.md", "", "At least 40 people were killed in Gaza on Monday.", 0, -1, 1.5,
    10**30, True, None,
)  # fmt: skip
YAML_SYNTAX = (
    "&a ", "*a", "!!python/object/apply:os.system [echo]", "!tag ", "!!binary x", "!!set ",
    "%YAML 1.1\n", "? ", ": ", "- ", "|\n", ">\n", "---\n", "...\n", "[", "]", "{", "}", "'",
    '"', "#", "\t", "\x00", "\ufeff", "<<: *a\n", "\x85", "\r",
)  # fmt: skip


def _unicode(rng: random.Random, size: int) -> str:
    ranges = ((0x20, 0x7F), (0xA0, 0x2FF), (0x370, 0x6FF), (0x4E00, 0x4E80), (0x1F600, 0x1F640))
    out = []
    for _ in range(size):
        low, high = rng.choice(ranges)
        out.append(chr(rng.randrange(low, high)))
    return "".join(out)


def _figure(rng: random.Random) -> str:
    parts = [
        rng.choice(("",) * 2 + QUALIFIERS),
        rng.choice(NUMBERS),
        rng.choice(("",) + UNITS),
        *rng.sample(TAILS, rng.randint(0, 3)),
    ]
    return " ".join(p for p in parts if p)


def _fragment(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return _figure(rng)
    if roll < 0.6:
        return " ".join(rng.choices(WORDS, k=rng.randint(1, 8)))
    if roll < 0.72:
        return rng.choice(MARKUP)
    if roll < 0.8:
        return rng.choice(CONTROL)
    if roll < 0.92:
        return rng.choice(PUNCTUATION)
    if roll < 0.97:
        return _unicode(rng, rng.randint(1, 12))
    return f"{rng.uniform(-1e12, 1e12):,.{rng.randint(0, 3)}f}"


def _mutate(rng: random.Random, text: str) -> str:
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        at = rng.randrange(len(data))
        choice = rng.random()
        if choice < 0.4:
            data[at] = rng.randrange(256)
        elif choice < 0.7:
            del data[at : at + rng.randint(1, 20)]
        else:
            data[at:at] = data[max(0, at - 30) : at]
    return data.decode("utf-8", "replace")


def make_document(rng: random.Random) -> dict:
    text = " ".join(_fragment(rng) for _ in range(rng.randint(0, 80)))
    if rng.random() < 0.15:
        text = _mutate(rng, text)
    kind = rng.choice(("txt", "txt", "md", "html"))
    if kind == "md" and rng.random() < 0.5:
        text = (
            f"---\ntitle: {_fragment(rng)!r}\npublished: 2023-10-{rng.randint(1, 40)}\n---\n" + text
        )
    if kind == "html" and rng.random() < 0.5:
        text = f"<html><head><title>t</title></head><body><p>{text}</p></body></html>"
    return {"kind": "document", "format": kind, "text": text}


def make_stress(rng: random.Random) -> dict:
    unit = rng.choice(
        (*MARKUP, *PUNCTUATION, *CONTROL, "On Monday ", "x<", "<a ", "<a b=", _figure(rng))
    )
    unit += rng.choice(("", " ", "\n", "<", "&#", "-->", "]>"))
    count = rng.randint(1_000, 60_000)
    text = (unit * count)[:1_000_000]
    return {"kind": "stress", "format": rng.choice(("txt", "md", "html")), "text": text}


def _yaml_value(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if depth > 3 or roll < 0.45:
        if rng.random() < 0.7:
            return rng.choice(RULE_VALUES)
        return _unicode(rng, rng.randint(0, 8))
    if roll < 0.7:
        return [_yaml_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = rng.choices(RULE_KEYS, k=rng.randint(0, 6)) + [_unicode(rng, 3)] * (rng.random() < 0.2)
    return {key: _yaml_value(rng, depth + 1) for key in keys}


def make_rules(rng: random.Random) -> dict:
    import yaml

    if rng.random() < 0.6:
        rule = {key: _yaml_value(rng, 2) for key in rng.sample(RULE_KEYS[4:13], rng.randint(2, 9))}
        data = {
            "rules": [rule],
            **{
                k: _yaml_value(rng, 1)
                for k in rng.sample(("places", "measures", "groups"), rng.randint(0, 2))
            },
        }
    else:
        data = _yaml_value(rng)
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        text = repr(data)
    for _ in range(rng.randint(0, 4)):
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(YAML_SYNTAX) + text[at:]
    return {"kind": "rules", "format": "yaml", "text": text}


def make_bytes(rng: random.Random) -> dict:
    data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
    target = rng.choice(("document", "rules"))
    return {"kind": "bytes", "format": target, "data": data.hex()}


def generate(seed: int, count: int):
    rng = random.Random(seed)
    makers = [
        (make_document, 0.60),
        (make_rules, 0.27),
        (make_stress, 0.04),
        (make_bytes, 0.06),
        (make_hostile, 0.03),
    ]
    for index in range(count):
        maker = rng.choices([m for m, _ in makers], weights=[w for _, w in makers])[0]
        item = maker(rng)
        item["index"] = index
        yield item


# -- running one input (in a worker) ---------------------------------------------------------

_STATE: dict = {}


def _setup() -> None:
    import jsonschema

    from checker import config, nlp
    from checker.report import load_schema

    nlp.load()
    _STATE["ruleset"] = config.load_ruleset([])
    _STATE["validator"] = jsonschema.Draft202012Validator(load_schema())
    _STATE["folder"] = tempfile.mkdtemp(prefix="factcheck-fuzz-")


def _check_claims(document, claims) -> None:
    import math

    text, raw = document.text, document.raw if document.raw is not None else document.text
    previous = -1
    for claim in claims:
        assert 0 <= claim.start <= claim.end <= len(text), claim
        assert text[claim.start : claim.end] == claim.text, claim
        assert claim.start >= previous, "claims out of order"
        previous = claim.start
        for bound in (claim.value, claim.low, claim.high):
            assert bound is None or math.isfinite(bound), claim
        assert claim.low is None or claim.low <= claim.value, claim
        assert claim.high is None or claim.value <= claim.high, claim
        where = document.file_offset(claim.start)
        assert 0 <= where < len(raw), claim
        assert raw.count("\n", 0, where) + 1 == claim.line, claim
        assert where - raw.rfind("\n", 0, where) == claim.column, claim
        assert raw[where] in (text[claim.start], "&"), claim


def _run_document(text: str, fmt: str) -> None:
    import datetime as dt

    from checker import api
    from checker.documents import load_text
    from checker.errors import InputError
    from checker.findings import engine
    from checker.model import Report
    from checker.report import render

    try:
        document = load_text(text, path=f"fuzz.{fmt}", format=fmt)
    except InputError:  # invalid front matter: refused with a located message, by design
        return
    ruleset = _STATE["ruleset"]
    claims = api.extract_documents([document], vocabulary=ruleset.vocabulary)
    _check_claims(document, claims)
    dated = [document if document.published else _dated(document)]
    findings = engine.run(claims, dated, ruleset, as_of=dt.date(2024, 1, 1))
    report = Report(
        documents=(document,),
        claims=tuple(claims),
        findings=tuple(sorted(findings, key=engine.finding_order)),
        rules=ruleset.enabled(),
    )
    _STATE["validator"].validate(json.loads(render(report, "json")))
    for fmt_name in ("line", "sarif", "github"):
        render(report, fmt_name, as_of=dt.date(2024, 1, 1))
    render(report, "json", mode="extract")


def _dated(document):
    import dataclasses
    import datetime as dt

    return dataclasses.replace(document, published=dt.date(2023, 10, 30), published_from=None)


def _run_stress(text: str, fmt: str) -> None:
    from checker.documents import load_text
    from checker.errors import InputError
    from checker.extraction import pieces

    try:
        document = load_text(text, path=f"stress.{fmt}", format=fmt)
    except InputError:
        return
    for piece in pieces(document.text):
        assert document.text[piece.start : piece.start + len(piece.text)] == piece.text


def _run_rules(text: str) -> None:
    from checker.config import load_ruleset, load_settings

    folder = Path(_STATE["folder"])
    path = folder / "rules.yaml"
    path.write_text(text, "utf-8", errors="surrogatepass")
    _expect_config_error(lambda: load_ruleset([str(path)], default_rules=False))
    settings = folder / "factcheck.yaml"
    settings.write_bytes(path.read_bytes())
    _expect_config_error(lambda: load_settings(settings))


def _expect_config_error(load) -> None:
    from checker.errors import ConfigError

    try:
        load()
    except ConfigError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors), exc.errors


def _run_bytes(data: bytes, target: str) -> None:
    from checker.config import load_ruleset
    from checker.documents import load_documents
    from checker.errors import InputError

    folder = Path(_STATE["folder"])
    if target == "rules":
        (folder / "rules.yaml").write_bytes(data)
        _expect_config_error(
            lambda: load_ruleset([str(folder / "rules.yaml")], default_rules=False)
        )
        return
    inside = folder / "docs"
    inside.mkdir(exist_ok=True)
    (inside / "a.txt").write_bytes(data)
    try:
        load_documents([str(inside / "a.txt")])  # named: readable, or one InputError
    except InputError as exc:
        assert "\n" not in str(exc), exc
    documents, notes = load_documents([str(inside)])  # in a folder: a note, never an error
    # Read (with a note when it was not UTF-8 and an encoding was guessed), or one note.
    assert len(documents) + len(notes) == 1 or (
        len(documents) == 1 and len(notes) == 1 and "not valid UTF-8" in notes[0]
    ), (documents, notes)


def run_one(item: dict) -> None:
    kind = item["kind"]
    if kind == "document":
        _run_document(item["text"], item["format"])
    elif kind == "stress":
        _run_stress(item["text"], item["format"])
    elif kind == "rules":
        _run_rules(item["text"])
    elif kind == "hostile":
        run_hostile(item["format"], item["seed"])
    else:
        _run_bytes(bytes.fromhex(item["data"]), item["format"])


def _where(exc: BaseException) -> str:
    """The innermost frame of the project (else the last frame) that raised ``exc``."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}checker{os.sep}" in f.filename] or frames
    frame = ours[-1] if ours else None
    place = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
    return f"{type(exc).__name__} at {place}"


def _worker(conn) -> None:
    _setup()
    conn.send(("ready", None))
    while True:
        item = conn.recv()
        if item is None:
            return
        try:
            run_one(item)
        except Exception as exc:  # every failure is a finding of the fuzz run
            conn.send(
                (
                    "failed",
                    {
                        "where": _where(exc),
                        "error": repr(exc)[:500],
                        "traceback": traceback.format_exc()[-4000:],
                    },
                )
            )
        else:
            conn.send(("ok", None))


# -- the watchdog ---------------------------------------------------------------------------


class Slot:
    """One worker process, the input it is working on, and since when."""

    def __init__(self, context) -> None:
        self.context = context
        self.start()

    def start(self) -> None:
        self.conn, child = self.context.Pipe()
        self.process = self.context.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.item: dict | None = None
        self.since = 0.0
        self.ready = False

    def give(self, item: dict) -> None:
        self.item, self.since = item, time.monotonic()
        self.conn.send(item)

    def replace(self) -> None:
        self.process.kill()
        self.process.join(10)
        self.conn.close()
        self.start()


def fuzz(count: int, seed: int, jobs: int, timeout: float, keep: int) -> dict:
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    slots = [Slot(context) for _ in range(jobs)]
    items = generate(seed, count)
    ran = failed = hung = 0
    by_kind: Counter = Counter()
    failures_by_kind: Counter = Counter()
    places: Counter = Counter()
    saved: list[dict] = []
    pending = True
    started = time.monotonic()
    last_report = started

    def record(item: dict, status: str, detail: dict | None) -> None:
        nonlocal ran, failed, hung
        ran += 1
        by_kind[item["kind"]] += 1
        if status == "ok":
            return
        if status == "hung":
            hung += 1
            detail = {"where": f"no answer within {timeout:g} s"}
        else:
            failed += 1
        failures_by_kind[(item["kind"], status)] += 1
        places[detail["where"]] += 1
        if len(saved) < keep and places[detail["where"]] <= 3:  # a few of each kind of failure
            saved.append({"status": status, **detail, "input": item})

    while True:
        for slot in slots:
            if slot.ready and slot.item is None and pending:
                item = next(items, None)
                if item is None:
                    pending = False
                else:
                    slot.give(item)
        busy = [s for s in slots if s.item is not None or not s.ready]
        if not busy and not pending:
            break
        for conn in wait([s.conn for s in busy], timeout=0.5):
            slot = next(s for s in slots if s.conn is conn)
            try:
                status, detail = conn.recv()
            except (EOFError, OSError):  # the worker died (out of memory, a crash in C)
                if slot.item is not None:
                    record(
                        slot.item, "failed", {"where": "worker died", "error": "", "traceback": ""}
                    )
                slot.replace()
                continue
            if status == "ready":
                slot.ready = True
            else:
                record(slot.item, status, detail)
                slot.item = None
        now = time.monotonic()
        for slot in slots:
            if slot.item is not None and now - slot.since > timeout:
                record(slot.item, "hung", None)
                slot.replace()
        if now - last_report > 30:
            last_report = now
            print(
                f"  ... {ran:,} ran, {failed:,} failed, {hung:,} hung ({now - started:.0f} s)",
                file=sys.stderr,
                flush=True,
            )
    for slot in slots:
        slot.conn.send(None)
        slot.process.join(10)
    return {
        "seed": seed,
        "ran": ran,
        "failed": failed,
        "hung": hung,
        "seconds": round(time.monotonic() - started, 1),
        "by_kind": dict(sorted(by_kind.items())),
        "failures_by_kind": {f"{k} {s}": n for (k, s), n in sorted(failures_by_kind.items())},
        "failures_by_place": dict(places.most_common()),
        "first_failures": saved,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-n", "--count", type=int, default=10_000, help="inputs to run (default 10,000)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count() or 1,
    )
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds an input may take")
    parser.add_argument("--keep", type=int, default=20, help="failures to save (3 per place)")
    parser.add_argument("--failures", default="fuzz-failures.json", help="where to save them")
    args = parser.parse_args(argv)
    result = fuzz(args.count, args.seed, max(1, args.jobs), args.timeout, args.keep)
    print(f"fuzz: seed {result['seed']}, {result['seconds']} s")
    print(f"ran {result['ran']:,}  failed {result['failed']:,}  hung {result['hung']:,}")
    print("inputs: " + ", ".join(f"{k} {n:,}" for k, n in result["by_kind"].items()))
    for place, n in result["failures_by_place"].items():
        print(f"  {n:6,}  {place}")
    if result["first_failures"]:
        Path(args.failures).write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8"
        )
        print(f"the first {len(result['first_failures'])} failures: {args.failures}")
    return 1 if result["failed"] or result["hung"] else 0


if __name__ == "__main__":
    sys.exit(main())
