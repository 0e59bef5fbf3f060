"""Benchmark: the claim ledger at archive scale (index time, file size, one-draft check).

    python bench/ledger_scale.py                          # 100,000 documents
    python bench/ledger_scale.py --size 20000 --real 500  # smaller
    python bench/ledger_scale.py --json

Small synthetic articles (two to four sentences: tolls of storms, floods and fires in made-up
towns, with a publication date; a Zipf-like choice of town, so a few towns are reported
often, as real coverage is) are written to a temporary folder.

1. ``--real`` of them are indexed by the real command, ``factcheck index --no-cache --jobs
   2`` (a whole process), and a quarter of them apart: the time per document is the slope
   between the two runs (start-up left out); the whole run makes the ledger.
2. The ledger is grown to ``--size`` documents through :meth:`Ledger.store` in one
   transaction, as ``index`` writes: each further document is a copy of an indexed one with
   its own path, town and dates (claim records rewritten), so the claims per document and
   their shape are the real extraction's. Measured: the writing time and the file size.
   The index time at ``--size`` is then extraction (measured per document at ``--real``,
   times ``--size``) plus the writing measured: an extrapolation of the extraction, which
   is linear (README, Scale), not a run of it.
3. A one-draft ``factcheck check DRAFT --against LEDGER`` as a whole process, against the
   same check without ``--against`` (the difference is the ledger's cost), for a draft about
   a rare town and one about the most reported town; and in-process the time of
   :func:`checker.archive.load_evidence` alone with the number of claims it returns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shlex
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import run  # noqa: E402  (bench/ is not a package)

AS_OF = "2026-12-02"
STEMS = ("Brack", "Ash", "Oak", "Mill", "Thorn", "Elm", "Fen", "Hart", "Lang", "Marsh")
STEMS += ("Pel", "Quarry", "Rook", "Salt", "Tarn", "Wold", "Yarrow", "Cobble", "Dun", "Gorse")
ENDS = ("ton", "vale", "field", "bury", "ford", "wick", "by", "mouth", "stead", "well")
EVENTS = ("the storm", "the flood", "the fire", "the landslide")
SENTENCES = (
    "Officials in {town} said on {weekday} that {killed} people were killed after {event}.",
    "The health agency said {injured} people were injured in {town}.",
    "At least {missing} people were missing in {town}, rescuers said.",
    "The council met to discuss the new bus timetable and the market square.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def towns() -> list[str]:
    return [stem + end for stem in STEMS for end in ENDS]  # 200 made-up towns


def _town(rng: random.Random, names: list[str]) -> str:
    """A Zipf-like pick: town k is about 1/(k+1) as often reported as the first."""
    weights = [1 / (k + 1) for k in range(len(names))]
    return rng.choices(names, weights)[0]


def article(n: int, rng: random.Random, names: list[str]) -> tuple[str, str]:
    """(file name, text) of synthetic article ``n``."""
    day = dt.date(2023, 1, 1) + dt.timedelta(days=n % 700)
    values = {
        "town": _town(rng, names),
        "weekday": rng.choice(WEEKDAYS),
        "event": rng.choice(EVENTS),
        "killed": rng.randint(2, 90),
        "injured": rng.randint(5, 300),
        "missing": rng.randint(1, 40),
    }
    chosen = rng.sample(SENTENCES, rng.randint(2, 4))
    body = " ".join(sentence.format(**values) for sentence in chosen)
    head = f"---\ntitle: Bulletin {n}\npublished: {day.isoformat()}\nsource: Desk\n---\n\n"
    return f"s{n:06d}.md", head + body + "\n"


def write_articles(folder: Path, size: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    names = towns()
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(size):
        name, text = article(n, rng, names)
        (folder / name).write_text(text, encoding="utf-8")


def grow(ledger_path: Path, size: int, seed: int = 9) -> dict:
    """Copies of the indexed documents, each with its own path, town and dates, written
    through :meth:`Ledger.store` in one transaction until the ledger holds ``size``."""
    from checker.model import Document
    from checker.store.ledger import Entry, Ledger

    rng = random.Random(seed)
    names = towns()
    with Ledger.open(ledger_path) as ledger:
        sample = ledger.db.execute(
            "SELECT d.id, d.published, d.content_hash, d.extraction, c.measure, c.location, "
            "c.unit, c.as_of, c.record FROM documents d LEFT JOIN claims c ON c.document = d.id "
            "ORDER BY d.id, c.id"
        ).fetchall()
        by_document: dict[int, list] = {}
        for row in sample:
            by_document.setdefault(row[0], []).append(row)
        templates = list(by_document.values())
        have = ledger.counts()[0]
        started = time.perf_counter()
        with ledger.transaction():
            for n in range(have, size):
                rows = templates[n % len(templates)]
                shift = dt.timedelta(days=rng.randint(-300, 300))
                town = _town(rng, names)
                published = dt.date.fromisoformat(rows[0][1]) + shift
                document = Document(
                    path=f"grown/g{n:07d}.md",
                    text="",
                    title=f"Bulletin {n}",
                    published=published,
                    published_from="metadata",
                    source="Desk",
                )
                claims = []
                for *_, measure, location, unit, as_of, record in rows:
                    if record is None:
                        continue
                    data = json.loads(record)
                    when = dt.date.fromisoformat(as_of) + shift if as_of else None
                    place = town if location else None
                    data["location"] = place
                    data["path"] = document.path
                    if when is not None:
                        data["as_of"] = when.isoformat()
                    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                    claims.append((measure, place, unit, when.isoformat() if when else None, text))
                ledger.store(Entry(document, claims, rows[0][2], rows[0][3]))
        seconds = time.perf_counter() - started
        documents, claims = ledger.counts()
    with sqlite3.connect(ledger_path) as db:  # fold the write-ahead log into the file
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"write_s": seconds, "documents": documents, "claims": claims}


def draft(folder: Path, town: str) -> Path:
    path = folder / f"draft-{town}.md"
    path.write_text(
        f"---\ntitle: Draft\npublished: 2024-06-03\n---\n\nOfficials in {town} said on "
        f"Monday that 12 people were killed after the flood. The health agency said 40 people "
        f"were injured in {town}.\n",
        encoding="utf-8",
    )
    return path


def check_times(path: Path, ledger: Path, repeat: int) -> dict:
    """Whole-process check of ``path`` with and without ``--against``, best of ``repeat``."""
    common = f"factcheck check {shlex.quote(str(path))} --format json --as-of {AS_OF}"
    found = {}
    for name, extra in (("alone", ""), ("against", f" --against {shlex.quote(str(ledger))}")):
        runs = [run(["sh", "-c", f"{common}{extra} > /dev/null"]) for _ in range(repeat)]
        found[f"{name}_s"] = min(row["seconds"] for row in runs)
    found["ledger_s"] = found["against_s"] - found["alone_s"]
    return found


def evidence_time(path: Path, ledger: Path) -> dict:
    """In-process: the draft's claims, then ``load_evidence`` from the ledger alone."""
    from checker import api
    from checker.archive import load_evidence

    claims = api.check([str(path)], as_of=AS_OF).claims
    load_evidence([str(ledger)], claims)  # warm: the file in the page cache
    started = time.perf_counter()
    found = load_evidence([str(ledger)], claims)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    report = api.check([str(path)], as_of=AS_OF, against=[str(ledger)])
    whole = time.perf_counter() - started
    return {
        "load_evidence_s": seconds,
        "evidence_claims": len(found.claims),
        "evidence_documents": len(found.documents),
        "check_in_process_s": whole,
        "findings": len(report.findings),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="documents in the ledger")
    parser.add_argument("--real", type=int, default=2_000, help="documents really indexed")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timed check")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results: dict = {"size": args.size, "real": args.real}
    with tempfile.TemporaryDirectory() as tmp:
        folder, ledger = Path(tmp) / "archive", Path(tmp) / "ledger.sqlite"
        quarter = Path(tmp) / "quarter"
        write_articles(folder, args.real)
        write_articles(quarter, args.real // 4)
        seconds = {}
        for name, where, into in (
            ("quarter", quarter, ledger.with_name("q.sqlite")),
            ("whole", folder, ledger),
        ):
            command = f"factcheck index {shlex.quote(str(where))} --ledger {into}"
            done = run(["sh", "-c", f"{command} --no-cache --jobs 2 --as-of {AS_OF} 2>/dev/null"])
            seconds[name] = done["seconds"]
        # the slope between the two sizes: start-up (pipeline load) left out
        slope = (seconds["whole"] - seconds["quarter"]) / (args.real - args.real // 4)
        results["index_real"] = {
            **{f"{name}_s": value for name, value in seconds.items()},
            "per_document_ms": 1000 * slope,
            "bytes": ledger.stat().st_size + _wal(ledger),
        }
        grown = grow(ledger, args.size)
        results["grown"] = {**grown, "bytes": ledger.stat().st_size}
        results["index_estimate_s"] = (
            results["index_real"]["per_document_ms"] / 1000 * args.size + grown["write_s"]
        )
        names = towns()
        for label, town in (("rare_town", names[-1]), ("hot_town", names[0])):
            path = draft(Path(tmp), town)
            results[label] = {
                "town": town,
                **check_times(path, ledger, args.repeat),
                **evidence_time(path, ledger),
            }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            print(f"{key}: {value}")
    return 0


def _wal(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
