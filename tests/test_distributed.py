"""The Dask engine gives the local engine's report, byte for byte, on a real LocalCluster.

One LocalCluster with two worker processes serves the module. The corpora are the sample
articles, the planted-problem articles and a generated 2,000-document corpus built so that
wire copies fall in different partitions and one subject's claims are spread over many.
Documents are read on the workers: the client gets their metadata and claims, not the text.
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
from checker.errors import FactcheckError
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


def test_documents_are_read_on_the_workers_and_copies_found_across_partitions(engine, corpus):
    read = engine.read([str(corpus)], today=AS_OF)
    assert len(read.documents) == 2000
    assert all(document.text == "" and document.raw is None for document in read.documents)
    by_path = {Path(document.path).name: document for document in read.documents}
    assert by_path["a0007.md"].published == dt.date(2024, 5, 8)
    stories = engine.stories(read.documents)
    copies = [str(corpus / f"a{k:04d}.md") for k in range(7, 2000, 400)]
    assert len({k // DOCUMENTS_PER_PARTITION for k in range(7, 2000, 400)}) == 5
    assert len({stories[path] for path in copies}) == 1
    assert stories[str(corpus / "a0000.md")] != stories[copies[0]]
    # one subject's claims come from many partitions
    northport = {c.path for c in read.claims if c.location and "Northport" in c.location}
    assert len({int(Path(path).stem[1:]) // DOCUMENTS_PER_PARTITION for path in northport}) > 10


def test_names_suppressions_and_skipped_files_as_the_local_engine(engine, tmp_path):
    """A person spelled two ways in documents far apart (the names rule places the finding
    in a file whose text stayed on a worker), a suppression comment, a file skipped for its
    front matter and one decoded with a fallback: the same JSON and the same notes."""
    for k in range(120):
        (tmp_path / f"n{k:03d}.md").write_text(f"The library opened a new reading room {k}.\n")
    (tmp_path / "n005.md").write_text(
        "---\npublished: 2024-03-04\n---\n\nA quiet week.\n\n"
        "Interior ministry spokeswoman Sandra Okafor said on Monday that 12 clinics had closed.\n"
    )
    (tmp_path / "n110.md").write_text(
        "---\npublished: 2024-03-06\n---\n\n"
        "Interior ministry spokeswoman Sondra Okafor said on Wednesday that 14 clinics had "
        "closed.\n"
    )
    (tmp_path / "n060.md").write_text(
        "---\npublished: 2024-03-05\n---\n\n<!-- factcheck: ignore FC301 -->\n"
        "About 300 families left the valley.\n\n<!-- factcheck: ignore FC999 -->\nNothing.\n"
    )
    (tmp_path / "n070.md").write_text("---\npublished: [not, a, date\n---\n\nText.\n")
    (tmp_path / "n080.txt").write_bytes("Caf\xe9 owners said 20 shops closed.\n".encode("cp1252"))
    paths = [str(tmp_path)]
    local = api.check(paths, as_of=AS_OF)
    remote = api.check(paths, as_of=AS_OF, engine=engine)
    assert render(remote, "json") == render(local, "json")
    assert remote.notes == local.notes
    assert len(local.notes) >= 2
    rules = {finding.rule for finding in local.findings}
    assert {"FC601", "FC001"} <= rules


def test_an_explicit_unreadable_file_is_the_local_engines_error(engine, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\npublished: [not, a, date\n---\n\nText.\n")
    (tmp_path / "good.md").write_text("At least 40 people were killed, officials said.\n")
    with pytest.raises(FactcheckError) as local:
        api.check([str(tmp_path / "good.md"), str(bad)], as_of=AS_OF)
    with pytest.raises(FactcheckError) as remote:
        api.check([str(tmp_path / "good.md"), str(bad)], as_of=AS_OF, engine=engine)
    assert str(remote.value) == str(local.value)
    assert remote.value.exit_code == 2


def test_stdin_and_progress_over_the_partitions(engine, corpus):
    counted: list[int] = []
    text = "At least 40 people were killed in Northport on Monday, officials said.\n"
    local = api.check(["-", str(corpus / "a0001.md")], stdin=text, as_of=AS_OF)
    remote = api.check(
        ["-", *[str(corpus / f"a{k:04d}.md") for k in range(1, 121)]],
        stdin=text,
        as_of=AS_OF,
        engine=engine,
        progress=counted.append,
    )
    assert sum(counted) == 121 and len(counted) >= 3  # one step a partition
    assert render(remote, "json").startswith(render(local, "json")[:40])
    assert [c.text for c in remote.claims if c.path == "<stdin>"] == [
        c.text for c in local.claims if c.path == "<stdin>"
    ]


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


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "no-port-given"])
def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, address):
    factcheck = shutil.which("factcheck")
    (tmp_path / "a.md").write_text("At least 40 people were killed, officials said.\n")
    done = subprocess.run(
        [factcheck, "check", str(tmp_path), "--engine", "dask", "--scheduler", address],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(
        f"factcheck: error: cannot reach the Dask scheduler at {address}: "
    )


def test_index_on_the_workers_stores_what_the_local_engine_stores(engine, corpus, tmp_path):
    from checker import archive
    from checker.store.ledger import Ledger

    folder = tmp_path / "archive"
    folder.mkdir()
    for k in range(0, 2000, 16):  # 125 documents: three partitions
        shutil.copy(corpus / f"a{k:04d}.md", folder / f"a{k:04d}.md")
    (folder / "broken.md").write_text("---\npublished: [not, a, date\n---\n\nText.\n")
    found = {}
    for name, running in (("local", None), ("dask", engine)):
        ledger = tmp_path / f"{name}.sqlite"
        summary = archive.index([str(folder)], ledger, engine=running, today=AS_OF)
        with Ledger.open(ledger) as opened:
            rows = opened.db.execute(
                "SELECT d.path, d.title, d.published, c.measure, c.location, c.record "
                "FROM claims c JOIN documents d ON d.id = c.document ORDER BY c.id"
            ).fetchall()
        found[name] = (summary, rows)
    assert found["dask"] == found["local"]
    summary, rows = found["local"]
    assert summary.added == 125 and len(summary.notes) == 1 and "broken.md" in summary.notes[0]
    assert len(rows) > 50
