"""A folder named on the command line is read even when .gitignore or an exclude pattern
names it (as ``ruff check build/``); folders found inside it still follow the rules."""

from __future__ import annotations

from checker import api

ARTICLE = "At least 12 people were killed in Gaza, the ministry said on Monday.\n"


def test_a_named_ignored_folder_is_read_and_walking_past_it_is_not(tmp_path, monkeypatch):
    (tmp_path / ".gitignore").write_text("corpus/\nscratch/\n")
    inside = tmp_path / "corpus" / "events"
    inside.mkdir(parents=True)
    (inside / "a.md").write_text(ARTICLE)
    (inside / "scratch").mkdir()
    (inside / "scratch" / "b.md").write_text(ARTICLE)
    (tmp_path / "kept.md").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    named = api.check(["corpus/events"])
    assert [d.path for d in named.documents] == ["corpus/events/a.md"]
    walked = api.check(["."])
    assert [d.path for d in walked.documents] == ["kept.md"]
