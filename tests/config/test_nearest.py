"""Settings per file, as ruff finds them, and the files a folder run skips (library side)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from types import MappingProxyType

import pytest

from checker import archive, check
from checker.config.excludes import Excluder
from checker.config.nearest import FileSettings, settings_for_paths
from checker.documents import discover
from checker.findings.engine import run
from checker.kinds import get_kind
from checker.model import Claim, Document, Rule, RuleFilter, RuleSet, Settings
from checker.vocabulary import Measure, Vocabulary

from .common import write

SENTENCE = "At least 61 people were killed in Kogi on Tuesday.\n"


def rule(rule_id: str, name: str, kind: str, level: str) -> Rule:
    return Rule(
        id=rule_id,
        name=name,
        kind=kind,
        level=level,
        message="{value}",
        filter=RuleFilter(),
        options=MappingProxyType(dict(get_kind(kind).OPTIONS)),
    )


FC101 = rule("FC101", "consistency.contradiction", "contradiction", "error")
FC301 = rule("FC301", "attribution.unattributed", "unattributed", "warning")


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch) -> Path:
    """newsroom/ (FC301 off) with drafts/ (FC301 an error, fail-on warning) and wire/ (none)."""
    write(tmp_path, "newsroom/factcheck.yaml", "disable: [FC301]\nextend-exclude: [old/]\n")
    write(
        tmp_path,
        "newsroom/drafts/factcheck.yaml",
        "levels: {FC301: error}\nfail-on: warning\nextend-exclude: ['*-notes.txt']\n",
    )
    for name in ("a.txt", "drafts/b.txt", "drafts/b-notes.txt", "wire/c.txt", "old/d.txt"):
        write(tmp_path, f"newsroom/{name}", SENTENCE)
    write(tmp_path, "newsroom/wire/node_modules/e.txt", SENTENCE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_each_file_follows_its_nearest_settings_file(newsroom):
    settings, notes = settings_for_paths(["newsroom"])
    assert isinstance(settings, FileSettings)
    assert settings.config_path.endswith(os.path.join("newsroom", "factcheck.yaml"))
    assert not settings.is_enabled(FC301, "newsroom/a.txt")
    assert not settings.is_enabled(FC301, "newsroom/wire/c.txt")  # no file of its own
    assert settings.is_enabled(FC301, "newsroom/drafts/b.txt")
    assert settings.level_for(FC301, "newsroom/drafts/b.txt") == "error"
    assert settings.level_for(FC101, "newsroom/drafts/b.txt") == "error"
    # Without a path (rules, explain): the run's settings.
    assert not settings.is_enabled(FC301)
    # fail-on is one per run: the nearer file's is not used, and a warning says so.
    assert settings.fail_on == "error"
    assert len(notes) == 1 and "drafts/factcheck.yaml: fail-on not used" in notes[0]
    # The same answers from the folder below, from an absolute path, and from elsewhere.
    inner, _ = settings_for_paths([str(newsroom / "newsroom" / "drafts")])
    assert inner.config_path.endswith(os.path.join("drafts", "factcheck.yaml"))
    assert inner.fail_on == "warning"
    os.chdir(newsroom / "newsroom" / "wire")
    away, _ = settings_for_paths(["../drafts/b.txt", "../a.txt"])
    assert away.level_for(FC301, "../drafts/b.txt") == "error"
    assert not away.is_enabled(FC301, "../a.txt")


def test_config_isolated_and_a_named_stdin(newsroom):
    named, notes = settings_for_paths(["newsroom"], config="newsroom/drafts/factcheck.yaml")
    assert not isinstance(named, FileSettings) and notes == []
    assert named.is_enabled(FC301, "newsroom/a.txt")  # one file for every file
    assert settings_for_paths(["newsroom"], isolated=True) == (Settings(), [])
    piped, _ = settings_for_paths(["-"], stdin_filename="newsroom/drafts/new.txt")
    assert piped.level_for(FC301, "<stdin>") == "error"
    plain, _ = settings_for_paths(["-"])
    assert plain.config_path is None and plain.is_enabled(FC301, "<stdin>")


def test_a_change_reaches_every_file(newsroom):
    settings, _ = settings_for_paths(["newsroom"])
    ignored = settings.changed(lambda s: dataclasses.replace(s, disable=(*s.disable, "FC3")))
    assert not ignored.is_enabled(FC301, "newsroom/drafts/b.txt")
    assert ignored.is_enabled(FC101, "newsroom/drafts/b.txt")


def test_a_conflict_across_folders_follows_the_file_it_is_on(tmp_path, monkeypatch):
    """Findings compare files; each is on one file (the newer), whose settings decide."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "quiet/factcheck.yaml", "disable: [FC101]\n")
    (tmp_path / "loud").mkdir()
    vocabulary = Vocabulary(measures={"troops": Measure("troops", nouns=("troops",))})
    day = dt.date(2024, 3, 4)

    def claim(value: float, path: str) -> Claim:
        return Claim(
            text=f"{value:.0f} troops", start=0, end=5, value=value, low=value, high=value,
            path=path, line=1, column=1, id=path, measure="troops", location="Kogi",
            as_of=day, concept="troops", sentence="",
        )  # fmt: skip

    def findings(older: str, newer: str) -> list:
        settings, _ = settings_for_paths(["quiet", "loud"])
        documents = [
            Document(path=older, text="One.", published=day, published_from="metadata"),
            Document(path=newer, text="Two.", published=day + dt.timedelta(days=1),
                     published_from="metadata"),
        ]  # fmt: skip
        ruleset = RuleSet(rules=(FC101,), vocabulary=vocabulary, settings=settings)
        return run([claim(400, older), claim(950, newer)], documents, ruleset, as_of=day)

    assert [f.path for f in findings("quiet/x.md", "loud/y.md")] == ["loud/y.md"]
    assert findings("loud/x.md", "quiet/y.md") == []


def test_excludes_apply_in_folders_per_file(newsroom):
    settings, _ = settings_for_paths(["newsroom"])
    found, _ = discover(["newsroom"], exclude=Excluder(settings))
    # old/ (newsroom's extend-exclude), *-notes.txt in drafts/ (drafts' own), node_modules/
    # (the defaults) are skipped.
    assert found == ["newsroom/a.txt", "newsroom/drafts/b.txt", "newsroom/wire/c.txt"]
    # The command line's --exclude replaces the patterns; a file named is always read.
    cli = Excluder(settings, exclude=["wire/"], respect_gitignore=False)
    found, _ = discover(["newsroom", "newsroom/old/d.txt"], exclude=cli)
    assert "newsroom/wire/c.txt" not in found and "newsroom/old/d.txt" in found
    assert "newsroom/drafts/b-notes.txt" not in found  # drafts' extend-exclude still holds
    assert cli.skipped == 4  # c.txt, e.txt (under wire/), b-notes.txt, old/d.txt in the walk


def test_library_check_and_index_skip_excluded_files(newsroom):
    (newsroom / ".gitignore").write_text("wire/\n")
    report = check(["newsroom"], as_of="2024-03-08")
    assert [d.path for d in report.documents] == ["newsroom/a.txt", "newsroom/drafts/b.txt"]
    assert [(f.rule, f.path, f.level) for f in report.findings] == [
        ("FC301", "newsroom/drafts/b.txt", "error")
    ]
    settings, _ = settings_for_paths(["newsroom"])
    summary = archive.index(["newsroom"], "ledger.sqlite", exclude=Excluder(settings))
    assert summary.documents == 2
    again = archive.index(
        ["newsroom"], "ledger.sqlite", exclude=Excluder(settings, respect_gitignore=False)
    )
    assert (again.added, again.documents) == (1, 3)  # wire/c.txt now; node_modules/ still out
