"""Drafts checked against an archive (a folder of articles, or a ledger)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess

import pytest

from checker import api
from checker.archive import index, load_evidence

OLD = """---
title: Toll passes 8,000
published: 2023-10-30
---
Israel's air campaign on the Gaza Strip has killed 8,306 people, the Hamas-controlled health
ministry said on Monday.
"""
NEW = """---
title: Toll rises
published: 2023-11-03
---
The Hamas-run health ministry in Gaza said on Friday that 9,061 people had been killed in
Gaza since October 7.
"""
LOWER = """---
title: A lower count
published: 2023-11-04
---
The Hamas-run health ministry in Gaza said on Saturday that 7,000 people had been killed in
Gaza since October 7.
"""
TROOPS = """---
title: Troops
published: 2023-10-30
---
The United States keeps around 2,500 troops in Iraq and some 900 in Syria.
"""
DRAFT = """---
title: Draft
published: 2023-11-05
---
Israel's campaign has killed 8,306 people in Gaza, the health ministry said.
"""
UNDATED_DRAFT = "Israel's campaign has killed 8,306 people in Gaza, the health ministry said.\n"


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def newsroom(tmp_path, monkeypatch):
    """An archive (older toll, newer toll, troops) and a draft that repeats the older toll."""
    archive = tmp_path / "arch"
    archive.mkdir()
    (archive / "old.md").write_text(OLD)
    (archive / "new.md").write_text(NEW)
    (archive / "troops.md").write_text(TROOPS)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "draft.md").write_text(DRAFT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(factcheck_bin, command: str, cwd):
    """Run ``factcheck COMMAND`` (words split on spaces) in ``cwd``."""
    return subprocess.run(
        [factcheck_bin, *command.split()], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def report(result) -> dict:
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def stale_on_draft(data: dict) -> dict:
    stale = [f for f in data["findings"] if f["kind"] == "stale"]
    assert len(stale) == 1, data["findings"]
    return stale[0]


def assert_only_drafts(data: dict) -> None:
    assert {d["path"] for d in data["documents"]} <= {"drafts/draft.md", "drafts/undated.md"}
    assert all(c["path"].startswith("drafts/") for c in data["claims"])
    assert all(f["path"].startswith("drafts/") for f in data["findings"])


@pytest.mark.parametrize("archive", ["folder", "ledger"])
def test_a_draft_repeating_an_old_toll_is_stale(factcheck_bin, newsroom, archive):
    target = "arch"
    if archive == "ledger":
        indexed = run(factcheck_bin, "index arch --ledger arch.db", cwd=newsroom)
        assert indexed.returncode == 0, indexed.stderr
        target = "arch.db"
    result = run(factcheck_bin, f"check drafts --against {target} --format json", cwd=newsroom)
    data = report(result)
    assert result.returncode == 0  # a warning does not fail the default level (error)
    finding = stale_on_draft(data)
    assert finding["path"] == "drafts/draft.md" and finding["level"] == "warning"
    assert "arch/new.md" in finding["message"]
    assert any(ref.startswith("arch/new.md:") for ref in finding["related"])
    assert_only_drafts(data)

    failing = run(factcheck_bin, f"check drafts --against {target} --fail-on warning", cwd=newsroom)
    assert failing.returncode == 1
    assert "arch/new.md" in failing.stdout

    alone = run(factcheck_bin, "check drafts --format json", cwd=newsroom)
    assert report(alone)["findings"] == []


def test_a_ledger_is_read_without_the_archive(factcheck_bin, newsroom):
    run(factcheck_bin, "index arch --ledger arch.db", cwd=newsroom)
    shutil.rmtree(newsroom / "arch")  # nothing left to parse
    result = run(factcheck_bin, "check drafts --against arch.db --format json", cwd=newsroom)
    assert "arch/new.md" in stale_on_draft(report(result))["message"]


def test_an_undated_draft_is_never_dated_by_as_of(factcheck_bin, newsroom):
    # The contract: an article with no known publication date is never dated by the day of
    # the check; its figures have no as_of and rules that need one skip them.
    (newsroom / "drafts" / "draft.md").unlink()
    (newsroom / "drafts" / "undated.md").write_text(UNDATED_DRAFT)
    result = run(
        factcheck_bin, "check drafts --against arch --as-of 2023-11-05 --format json", cwd=newsroom
    )
    data = report(result)
    assert data["documents"][0]["published"] is None
    assert data["claims"][0]["as_of"] is None
    assert [f for f in data["findings"] if f["kind"] == "stale"] == []


def test_no_findings_are_reported_on_the_archive(factcheck_bin, newsroom):
    (newsroom / "arch" / "lower.md").write_text(LOWER)  # contradicts new.md inside the archive
    inside = run(factcheck_bin, "check arch --format json", cwd=newsroom)
    assert any(f["path"] == "arch/lower.md" for f in report(inside)["findings"])
    for target in ("arch", "arch.db"):
        if target == "arch.db":
            run(factcheck_bin, "index arch --ledger arch.db", cwd=newsroom)
        result = run(factcheck_bin, f"check drafts --against {target} --format json", cwd=newsroom)
        assert_only_drafts(report(result))


def test_several_archives(factcheck_bin, newsroom):
    (newsroom / "more").mkdir()
    shutil.move(newsroom / "arch" / "new.md", newsroom / "more" / "new.md")
    run(factcheck_bin, "index more --ledger more.db", cwd=newsroom)
    one = run(factcheck_bin, "check drafts --against arch --format json", cwd=newsroom)
    assert [f for f in report(one)["findings"] if f["kind"] == "stale"] == []
    both = run(
        factcheck_bin, "check drafts --against arch --against more.db --format json", cwd=newsroom
    )
    assert "more/new.md" in stale_on_draft(report(both))["message"]


def test_against_errors(factcheck_bin, newsroom):
    missing = run(factcheck_bin, "check drafts --against nowhere", cwd=newsroom)
    assert missing.returncode == 2 and "nowhere" in missing.stderr
    other = newsroom / "app.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE users (name TEXT)")
    db.close()
    before = other.read_bytes()
    refused = run(factcheck_bin, "check drafts --against app.db", cwd=newsroom)
    assert refused.returncode == 2
    assert refused.stderr.startswith("factcheck: error: app.db: ")
    assert "not a factcheck ledger" in refused.stderr and refused.stderr.count("\n") == 1
    assert other.read_bytes() == before


# -- the library ------------------------------------------------------------------------


def test_check_against_a_ledger_parses_only_the_drafts(newsroom, monkeypatch):
    index(["arch"], "arch.db")
    parsed: list[str] = []
    real = api.extract_documents

    def spy(documents, **options):
        parsed.extend(document.path for document in documents)
        return real(documents, **options)

    monkeypatch.setattr(api, "extract_documents", spy)
    monkeypatch.setattr("checker.archive.extract_documents", spy)
    result = api.check(["drafts"], against=["arch.db"], cache=None)
    assert parsed == ["drafts/draft.md"]
    stale = [f for f in result.findings if f.kind == "stale"]
    assert [f.path for f in stale] == ["drafts/draft.md"]


def test_evidence_is_only_what_the_drafts_are_about(newsroom):
    index(["arch"], "arch.db")
    drafts = api.check(["drafts"]).claims
    for target in ("arch", "arch.db"):
        evidence = load_evidence([target], drafts)
        assert evidence.claims
        assert {(c.measure, c.location) for c in evidence.claims} == {("killed", "Gaza")}
        assert all(c.id is None and c.as_of for c in evidence.claims)
        assert {d.path for d in evidence.documents} == {"arch/new.md", "arch/old.md"}
        assert all(d.text == "" and d.published for d in evidence.documents)
    assert load_evidence(["arch.db"], []).claims == ()


def test_a_draft_inside_the_archive_is_not_its_own_evidence(newsroom):
    index(["arch"], "arch.db")
    for target in ("arch", "arch.db"):
        result = api.check(["arch/old.md"], against=[target], as_of=dt.date(2023, 10, 30))
        assert result.findings == ()
        evidence = load_evidence([target], result.claims, exclude=["arch/old.md"])
        assert "arch/old.md" not in {c.path for c in evidence.claims}


def test_a_stale_index_is_noted(newsroom):
    from checker.vocabulary import Vocabulary, default_vocabulary

    index(
        ["arch"],
        "arch.db",
        vocabulary=default_vocabulary().merged(Vocabulary(places={"atlantis": "Atlantis"})),
    )
    result = api.check(["drafts"], against=["arch.db"])
    assert any("run `factcheck index` again" in note for note in result.notes)
