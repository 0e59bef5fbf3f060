"""The extraction cache: hits skip the parser, anything that changes claims misses."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import threading

import pytest

from checker import api, extraction
from checker import nlp as nlp_module
from checker.documents import load_text
from checker.extraction import identity
from checker.extraction.identity import extraction_key, model_identity
from checker.grouping import find_stories, stories_key
from checker.paths import cache_dir
from checker.store.cache import FILENAME, ExtractionCache
from checker.vocabulary import Vocabulary, default_vocabulary

ARTICLE = """---
title: Toll rises
published: 2023-11-03
---
The Hamas-run health ministry in Gaza said on Friday that 9,061 people had been killed in
Gaza since October 7.

Some 2,500 US troops are stationed in Iraq.
"""


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    """Every test (and every command it runs) gets its own cache folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def parses(monkeypatch):
    """Counts how often the spaCy pipeline is asked for: once per extraction that parses."""
    calls = []
    real = nlp_module.load

    def spy(model=None):
        calls.append(model)
        return real(model)

    monkeypatch.setattr(nlp_module, "load", spy)
    return calls


def document(text: str = ARTICLE, path: str = "arch/a.md", **fields):
    return load_text(text, path=path, format="md", **fields)


def extract(documents, cache, vocabulary=None):
    return api.extract_documents(documents, cache=cache, vocabulary=vocabulary)


def test_a_second_run_hits_without_parsing(tmp_path, parses):
    cache = ExtractionCache(tmp_path / "c.sqlite3")
    first = extract([document()], cache)
    assert len(parses) == 1 and first
    second = extract([document()], cache)
    assert len(parses) == 1, "a hit must not load or run the pipeline"
    assert second == first


def test_a_fresh_cache_object_reads_what_another_wrote(tmp_path, parses):
    first = extract([document()], ExtractionCache(tmp_path / "c.sqlite3"))
    second = extract([document()], ExtractionCache(tmp_path / "c.sqlite3"))
    assert second == first
    assert len(parses) == 1


def test_changed_text_misses(tmp_path, parses):
    cache = ExtractionCache(tmp_path / "c.sqlite3")
    extract([document()], cache)
    changed = extract([document(ARTICLE.replace("9,061", "9,227"))], cache)
    assert len(parses) == 2
    assert 9227.0 in [c.value for c in changed]


def test_changed_publication_date_misses(tmp_path, parses):
    cache = ExtractionCache(tmp_path / "c.sqlite3")
    extract([document()], cache)
    extract([document(ARTICLE.replace("2023-11-03", "2023-11-10"))], cache)
    assert len(parses) == 2


def test_vocabulary_change_misses(tmp_path, parses):
    cache = ExtractionCache(tmp_path / "c.sqlite3")
    base = default_vocabulary()
    extract([document()], cache, base)
    extended = base.merged(Vocabulary(places={"atlantis": "Atlantis"}))
    extract([document()], cache, extended)
    assert len(parses) == 2
    extract([document()], cache, extended)
    assert len(parses) == 2


def test_extraction_key_covers_model_extractor_and_vocabulary():
    base = default_vocabulary()
    key = extraction_key(None, base)
    assert "extractor=" in key and "model=" in key
    assert extraction_key(None, base) == key
    assert extraction_key("some_other_model", base) != key
    assert extraction_key(None, base.merged(Vocabulary(groups={"x": "X"}))) != key


def test_model_identity_reads_the_package_without_loading_it(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the pipeline must not be loaded to name it")

    monkeypatch.setattr("spacy.load", refuse)
    identity = model_identity(nlp_module.default_model())
    name, digest, spacy_version = identity.split("|")
    assert name == nlp_module.default_model()
    assert digest != "unknown" and spacy_version.startswith("spacy=")
    assert model_identity("no_such_model_package").split("|")[1] == "unknown"


def test_a_moved_file_hits_and_claims_point_into_the_new_file(tmp_path, parses):
    cache = ExtractionCache(tmp_path / "c.sqlite3")
    extract([document()], cache)
    moved_text = ARTICLE.replace("title: Toll rises\n", "title: Toll rises\nsource: Desk\n")
    moved = extract([document(moved_text, path="elsewhere/b.md")], cache)
    assert len(parses) == 1, "a new path and a longer front matter still hit"
    fresh = extract([document(moved_text, path="elsewhere/b.md")], None)
    assert moved == fresh
    assert {c.path for c in moved} == {"elsewhere/b.md"}


def test_claims_are_stored_without_path_or_id(tmp_path):
    path = tmp_path / "c.sqlite3"
    extract([document()], ExtractionCache(path))
    with sqlite3.connect(path) as db:
        (stored,) = db.execute("SELECT claims FROM entries").fetchone()
    for record in json.loads(stored):
        assert not {"id", "path", "line", "column"} & set(record)


def test_a_corrupt_cache_file_is_replaced_with_a_warning(tmp_path, parses):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database, it was truncated by a crash" * 100)
    warnings: list[str] = []
    cache = ExtractionCache(path, warn=warnings.append)
    claims = extract([document()], cache)
    assert claims
    assert len(warnings) == 1 and "starting a new cache" in warnings[0]
    again = extract([document()], ExtractionCache(path, warn=warnings.append))
    assert again == claims and len(parses) == 1
    assert len(warnings) == 1


def test_an_unusable_cache_is_switched_off_not_fatal(tmp_path):
    folder = tmp_path / "c.sqlite3"
    folder.mkdir()  # a folder where the file should be: cannot be opened or removed
    warnings: list[str] = []
    claims = extract([document()], ExtractionCache(folder, warn=warnings.append))
    assert claims
    assert len(warnings) == 1 and "continuing without it" in warnings[0]


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "factcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "factcheck"


def test_default_is_none_when_the_folder_cannot_be_made(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker / "cache"))
    assert ExtractionCache.default() is None


def test_threads_sharing_a_cache_file_do_not_fail(tmp_path):
    path = tmp_path / "c.sqlite3"
    errors: list[BaseException] = []
    documents = [document(ARTICLE.replace("9,061", f"{9000 + n:,}")) for n in range(8)]

    def work(k: int) -> None:
        try:
            cache = ExtractionCache(path)
            view = cache.view(extraction_key(cache.model, default_vocabulary()))
            for n, doc in enumerate(documents):
                view.put(doc, [])
                assert view.get(documents[(n + k) % len(documents)]) in (None, [])
            cache.close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors


# -- through the installed command ------------------------------------------------------


def run(factcheck_bin, command: str, cwd):
    """Run ``factcheck COMMAND`` (words split on spaces) in ``cwd``."""
    return subprocess.run(
        [factcheck_bin, *command.split()], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def stored_entries(folder) -> int:
    with sqlite3.connect(folder / FILENAME) as db:
        return db.execute("SELECT count(*) FROM entries").fetchone()[0]


def tamper(folder, old: float, new: float) -> None:
    """Rewrite cached figures, so that output shows whether the cache was read."""
    with sqlite3.connect(folder / FILENAME) as db:
        for key, stored in db.execute("SELECT key, claims FROM entries").fetchall():
            records = json.loads(stored)
            for record in records:
                if record["value"] == old:
                    record.update(value=new, low=new, high=new)
            db.execute("UPDATE entries SET claims = ? WHERE key = ?", (json.dumps(records), key))


def values(result) -> list[float]:
    assert result.returncode == 0, result.stderr
    return [claim["value"] for claim in json.loads(result.stdout)["claims"]]


def test_cli_second_run_reads_the_cache(factcheck_bin, tmp_path, cache_home):
    (tmp_path / "a.md").write_text(ARTICLE)
    first = run(factcheck_bin, "extract a.md --format json", cwd=tmp_path)
    assert 9061.0 in values(first)
    assert stored_entries(cache_home) == 1
    tamper(cache_home, 9061.0, 1234.0)
    second = run(factcheck_bin, "extract a.md --format json", cwd=tmp_path)
    assert 1234.0 in values(second), "the second run must come from the cache"
    bypassed = run(factcheck_bin, "extract a.md --format json --no-cache", cwd=tmp_path)
    assert 9061.0 in values(bypassed)


def test_cli_changed_file_misses(factcheck_bin, tmp_path, cache_home):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE)
    run(factcheck_bin, "extract a.md --format json", cwd=tmp_path)
    tamper(cache_home, 9061.0, 1234.0)
    article.write_text(ARTICLE.replace("Some 2,500", "About 2,600"))
    result = run(factcheck_bin, "extract a.md --format json", cwd=tmp_path)
    assert 9061.0 in values(result) and 2600.0 in values(result)
    assert stored_entries(cache_home) == 2


def test_cli_vocabulary_change_misses(factcheck_bin, tmp_path, cache_home):
    (tmp_path / "a.md").write_text(ARTICLE)
    run(factcheck_bin, "extract a.md --format json", cwd=tmp_path)
    tamper(cache_home, 9061.0, 1234.0)
    (tmp_path / "places.yaml").write_text("places:\n  Atlantis: [the lost city]\n")
    result = run(factcheck_bin, "extract a.md --rules places.yaml --format json", cwd=tmp_path)
    assert 9061.0 in values(result)


def test_cli_no_cache_neither_reads_nor_writes(factcheck_bin, tmp_path, cache_home):
    (tmp_path / "a.md").write_text(ARTICLE)
    result = run(factcheck_bin, "check a.md --no-cache", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert not (cache_home / FILENAME).exists()


def test_cli_corrupt_cache_is_recovered(factcheck_bin, tmp_path, cache_home):
    (tmp_path / "a.md").write_text(ARTICLE)
    cache_home.mkdir()
    (cache_home / FILENAME).write_bytes(b"\x00garbage" * 1000)
    result = run(factcheck_bin, "extract a.md --format json", cwd=tmp_path)
    assert 9061.0 in values(result)
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1
    assert warnings[0].startswith("factcheck: warning: extraction cache")
    assert stored_entries(cache_home) == 1
    again = run(factcheck_bin, "extract a.md --format json", cwd=tmp_path)
    assert values(again) == values(result) and again.stderr == ""


def test_cli_concurrent_runs_share_the_cache(factcheck_bin, tmp_path, cache_home):
    for n in range(6):
        (tmp_path / f"a{n}.md").write_text(ARTICLE.replace("9,061", f"{9100 + n:,}"))
    runs = [
        subprocess.Popen(
            [factcheck_bin, "extract", ".", "--format", "json", "--jobs", "1"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [process.communicate(timeout=300) for process in runs]
    assert [process.returncode for process in runs] == [0, 0, 0], outputs
    assert all(err == "" for _, err in outputs)
    assert len({out for out, _ in outputs}) == 1
    assert stored_entries(cache_home) == 6


# -- the wire-copy grouping, remembered for an unchanged set of documents --------------------

WIRE = (
    "Israel has in response unleashed a withering bombing campaign against the Gaza Strip that "
    "the health ministry said on Monday has killed 8,306 people, including many children. "
    "The United States has around 2,500 troops in Iraq and some 900 in Syria as part of "
    "efforts to prevent a resurgence of the Islamic State group, officials said."
)


def wire_documents(extra: str = "") -> list:
    return [
        document(WIRE, path="afp.md"),
        document("Also read. " + WIRE + extra, path="copy.md"),
        document("A different story about ships in the Red Sea, told at length. " * 6, path="x.md"),
    ]


def counted_find(calls: list):
    def find(documents):
        calls.append(len(documents))
        return find_stories(documents)

    return find


def remembered(cache, documents, find):
    """The grouping through the cache, keyed as ``api.check`` keys it."""
    return cache.stories(stories_key(documents), documents, find)


def test_stories_are_remembered_for_the_same_documents(tmp_path):
    cache = ExtractionCache(tmp_path / "c.sqlite3")
    calls: list = []
    first = remembered(cache, wire_documents(), counted_find(calls))
    assert first == {"afp.md": "afp.md", "copy.md": "afp.md", "x.md": "x.md"}
    again = remembered(
        ExtractionCache(tmp_path / "c.sqlite3"), wire_documents(), counted_find(calls)
    )
    assert again == first and calls == [3]


def test_a_changed_text_groups_again(tmp_path):
    cache = ExtractionCache(tmp_path / "c.sqlite3")
    calls: list = []
    remembered(cache, wire_documents(), counted_find(calls))
    changed = remembered(cache, wire_documents(" A new line."), counted_find(calls))
    assert changed["copy.md"] == "afp.md" and calls == [3, 3]


def test_a_damaged_grouping_is_found_again(tmp_path):
    path = tmp_path / "c.sqlite3"
    calls: list = []
    remembered(ExtractionCache(path), wire_documents(), counted_find(calls))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE stories SET stories = ?", ('{"copy.md": "elsewhere.md"}',))
    again = remembered(ExtractionCache(path), wire_documents(), counted_find(calls))
    assert again["copy.md"] == "afp.md" and calls == [3, 3]


def test_check_through_the_cache_gives_the_same_findings(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    for doc in wire_documents():
        (folder / doc.path).write_text(f"---\npublished: 2023-10-30\n---\n{doc.text}\n")
    cache = ExtractionCache(tmp_path / "c.sqlite3")
    first = api.check([str(folder)], as_of="2023-11-01", cache=cache)

    def no_grouping(documents):
        raise AssertionError("the grouping should come from the cache")

    monkeypatch.setattr(api, "find_stories", no_grouping)  # what check() calls
    second = api.check([str(folder)], as_of="2023-11-01", cache=cache)
    assert second.findings == first.findings and second.claims == first.claims


# -- the extractor's identity, which keys the cache --------------------------------------


def test_the_extractor_version_is_computed_on_first_use_and_follows_the_code(tmp_path, monkeypatch):
    version = identity.extractor_version()
    assert version.startswith(identity.EXTRACTOR_RELEASE + "+")
    assert identity.extractor_version() == version
    copy = tmp_path / "extraction"
    copy.mkdir()
    for path in identity.PACKAGE.glob("*.py"):
        (copy / path.name).write_bytes(path.read_bytes())
    (copy / "timing.py").write_text((copy / "timing.py").read_text() + "# an edit\n")
    monkeypatch.setattr(identity, "PACKAGE", copy)
    identity.extractor_version.cache_clear()
    try:
        assert identity.extractor_version() != version
    finally:
        identity.extractor_version.cache_clear()


def test_the_extraction_package_no_longer_hashes_itself_on_import():
    assert not hasattr(extraction, "EXTRACTOR_VERSION")
