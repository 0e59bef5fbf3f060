"""The Dask engine gives the local engine's report, byte for byte, on a real LocalCluster.

One LocalCluster with two worker processes serves the module. The corpora are the sample
articles, the planted-problem articles and a generated 2,000-document corpus built so that
wire copies fall in different partitions and one subject's claims are spread over many.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from checker import api
from checker.distributed import DOCUMENTS_PER_PARTITION, DaskEngine, stable_shingles
from checker.grouping import shingles
from checker.report import render

from .conftest import ROOT

AS_OF = dt.date(2026, 12, 2)
PLACES = ("Northport", "Eastvale", "Southbury", "Westfield", "Lakeside")


@pytest.fixture(scope="module")
def engine():
    with DaskEngine(workers=2) as running:
        yield running


def _json(paths, **options) -> str:
    report = api.check([str(p) for p in paths], as_of=AS_OF, **options)
    return render(report, "json")


@pytest.mark.parametrize("folder", ["seeds", "tests/articles"])
def test_the_same_json_as_the_local_engine(engine, folder):
    local = _json([ROOT / folder])
    assert _json([ROOT / folder], engine=engine) == local
    assert '"findings": [\n' in local or '"findings": []' in local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """2,000 short articles: tolls of five floods reported day by day from several sources,
    a wire story whose copies sit far apart in path order (so in different partitions), and
    plain filler with no figures."""
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(11)
    wire = (
        "Rescue teams searched the river valley on Tuesday after the embankment gave way "
        "overnight, and officials said at least {n} people were killed in {place} as the "
        "water rose through the lower town, where many houses were built close to the banks "
        "and few residents had time to leave before the current reached the market square."
    )
    for k in range(2000):
        day = dt.date(2024, 5, 1) + dt.timedelta(days=k % 20)
        place = PLACES[k % len(PLACES)]
        if k % 400 == 7:  # copies of one wire story, 400 documents apart
            text = wire.format(n=120, place="Northport")
        elif k % 3 == 0:
            text = f"Officials said {rng.randint(10, 400)} people were killed in {place}."
        elif k % 3 == 1:
            text = f"At least {rng.randint(10, 400)} people died in {place}, the agency said."
        else:
            text = "The council met on Monday to discuss the new bus timetable."
        (folder / f"a{k:04d}.md").write_text(
            f"---\ntitle: Report {k}\npublished: {day.isoformat()}\n---\n\n{text}\n"
        )
    return folder


def test_a_corpus_split_over_many_partitions_gives_the_same_json(engine, corpus):
    assert 4 * DOCUMENTS_PER_PARTITION < 2000  # copies and subjects span partitions
    local = _json([corpus], jobs=1)
    assert _json([corpus], engine=engine) == local
    assert local.count('"rule": "FC101"') + local.count('"rule": "FC201"') > 0


def test_stable_shingles_pair_documents_as_the_local_hashes_do():
    text = " ".join(f"word{k % 37} w{k}" for k in range(200))
    other = text.replace("w5 ", "changed ")
    local = shingles(text), shingles(other)
    stable = set(stable_shingles(text)), set(stable_shingles(other))
    assert len(local[0]) == len(stable[0])
    assert len(local[0] & local[1]) == len(stable[0] & stable[1])
    done = subprocess.run(
        [
            "python",
            "-c",
            f"from checker.distributed import stable_shingles as s; print(sum(s({text!r})))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(done.stdout) == sum(stable_shingles(text))  # the same in another process


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    factcheck = shutil.which("factcheck")
    (tmp_path / "a.md").write_text("At least 40 people were killed, officials said.\n")
    done = subprocess.run(
        [factcheck, "check", str(tmp_path), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("factcheck: error: cannot reach the Dask scheduler at tcp://")
