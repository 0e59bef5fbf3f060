"""Time checking one draft against a ledger of many archive articles.

    python bench/ledger.py                        # 10,000 articles, 5% on the draft's subject
    python bench/ledger.py --documents 50000 --relevant 0.2
    python bench/ledger.py --json

The ledger is built without parsing 10,000 articles: a few real articles are extracted once
and their claims are written again and again under new paths, places and dates (what
``factcheck index`` would store). Then one draft is checked against it, through the installed
command (a cold process: start-up and model load included) and in-process, and compared with
checking the draft alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES = ["Gaza", "Israel", "Iraq", "Syria", "Lebanon", "Yemen", "Ukraine", "Sudan", "Iran"]
TEMPLATE = """---
title: Toll {n}
published: {date}
---
The health ministry said on {weekday} that {value:,} people had been killed in Gaza since
October 7, and that {injured:,} others had been injured.
"""
DRAFT = """---
title: Draft
published: 2023-12-31
---
Israel's campaign has killed 8,306 people in Gaza, the health ministry said.
"""


def build(folder: Path, documents: int, relevant: float) -> Path:
    from checker import api
    from checker.documents import load_documents
    from checker.extraction.identity import extraction_digest
    from checker.store import Ledger
    from checker.vocabulary import default_vocabulary

    sources = folder / "sources"
    sources.mkdir()
    start = dt.date(2023, 10, 8)
    for n in range(7):
        day = start + dt.timedelta(days=n)
        (sources / f"t{n}.md").write_text(
            TEMPLATE.format(
                n=n, date=day, weekday=day.strftime("%A"), value=8000 + 100 * n, injured=20000 + n
            )
        )
    for seed in sorted((ROOT / "seeds").glob("*.md")):
        (sources / seed.name).write_text(seed.read_text())
    loaded, _ = load_documents([str(sources)])
    claims = api.extract_documents(loaded)
    by_path: dict[str, list] = {}
    for claim in claims:
        by_path.setdefault(claim.path, []).append(claim)
    templates = [(d, by_path.get(d.path, [])) for d in loaded]

    path = folder / "archive.db"
    every = max(1, round(1 / relevant)) if relevant > 0 else documents + 1
    extraction = extraction_digest(None, default_vocabulary())
    with Ledger.open(path, create=True) as ledger, ledger.transaction():
        for n in range(documents):
            document, found = templates[n % len(templates)]
            shift = dt.timedelta(days=n % 60)
            place = (
                None if (n // len(templates)) % every == 0 else PLACES[1 + n % (len(PLACES) - 1)]
            )
            copy = dataclasses.replace(
                document,
                path=f"archive/{n // 1000:02d}/{n:05d}.md",
                published=(document.published or start) + shift,
            )
            moved = [
                dataclasses.replace(
                    claim,
                    path=copy.path,
                    location=claim.location if place is None else place,
                    as_of=claim.as_of + shift if claim.as_of else None,
                )
                for claim in found
            ]
            ledger.write(
                copy,
                moved,
                content_hash=hashlib.sha256(copy.path.encode()).hexdigest(),
                extraction=extraction,
            )
    return path


def timed(command: list[str], cwd: Path, runs: int) -> tuple[float, subprocess.CompletedProcess]:
    times = []
    result = None
    for _ in range(runs):
        began = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - began)
    assert result is not None
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr}")
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--relevant", type=float, default=0.05, help="share on the draft's subject")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["FACTCHECK_CACHE_DIR"] = str(folder / "cache")
        began = time.perf_counter()
        ledger_path = build(folder, options.documents, options.relevant)
        built = time.perf_counter() - began
        (folder / "draft.md").write_text(DRAFT)
        binary = str(Path(sys.executable).parent / "factcheck")
        check = [binary, "check", "draft.md", "--format", "json", "--as-of", "2023-12-31"]
        timed(check, folder, 1)  # warm the extraction cache for the draft
        alone, _ = timed(check, folder, options.runs)
        against, result = timed([*check, "--against", str(ledger_path)], folder, options.runs)

        from checker import api
        from checker.archive import load_evidence
        from checker.store import Ledger

        with Ledger.open(ledger_path) as ledger:
            documents, claims = ledger.counts()
        drafts = api.check([str(folder / "draft.md")], as_of="2023-12-31").claims
        began = time.perf_counter()
        evidence = load_evidence([str(ledger_path)], drafts)
        query = time.perf_counter() - began
        figures = {
            "ledger_documents": documents,
            "ledger_claims": claims,
            "ledger_mb": round(ledger_path.stat().st_size / 1e6, 1),
            "build_seconds": round(built, 1),
            "evidence_claims_loaded": len(evidence.claims),
            "evidence_documents_loaded": len(evidence.documents),
            "evidence_query_seconds": round(query, 3),
            "check_alone_seconds": round(alone, 2),
            "check_against_ledger_seconds": round(against, 2),
            "findings": len(json.loads(result.stdout)["findings"]),
        }
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
