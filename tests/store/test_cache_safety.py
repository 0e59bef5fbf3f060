"""The cache folder holds data only, and stays out of the way (issue 17, items 9 and 10).

- A pickle planted anywhere in the cache folder is never loaded: pint's registry cache
  (``cache_folder``, pickles) is not used, and ``--no-cache`` reads nothing there at all.
- On a full disk the cache does not keep its write-ahead log.
- A run that finds the cache held by another run goes on without it, saying so only when
  asked to be verbose.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pint
import pytest

from checker import paths, units
from checker.model import Document
from checker.store.cache import FILENAME, ExtractionCache

HANG_GUARD = 600  # seconds: only against a hang
ARTICLE = """---
title: A strike
published: 2023-11-06
---
The strike hit a depot 90 kilometres (56 miles) from the border, and at least 12 people were
killed in Gaza, the health ministry said on Monday.
"""


def marker_pickle(marker: Path) -> bytes:
    """A protocol-0 pickle whose loading calls ``open(marker, "w")``: it makes an empty
    file, a harmless proof that unpickling ran (as in bench/fuzz_cases.py)."""
    return b"cbuiltins\nopen\n(V" + str(marker).encode("raw_unicode_escape") + b"\nVw\ntR."


def plant(cache: Path, marker: Path) -> list[Path]:
    """The marker pickle in every place a cache was ever read from: pint's registry cache
    under ``pint/`` (the very files pint would load, made by pint and then replaced), the
    units memo, and plausible names in the folder itself."""
    folder = cache / "pint"
    registry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=folder)
    registry.load_definitions(str(resources.files("checker").joinpath("units.txt")))
    payload = marker_pickle(marker)
    planted = sorted(folder.glob("*.pickle"))
    assert planted, "pint made no cache files to replace"
    planted += [folder / "conversions-0000000000000000.json"]
    planted += [cache / name for name in ("extraction.pickle", "cache.pkl", "units.pickle")]
    for path in planted:
        path.write_bytes(payload)
    return planted


def run(tmp_path: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", FACTCHECK_CACHE_DIR=str(cache))
    env.pop("FACTCHECK_NO_UNIT_CACHE", None)
    return subprocess.run(
        [str(Path(sys.executable).parent / "factcheck"), "check", "a.md", "--format", "json"]
        + list(extra),
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )


@pytest.mark.parametrize("extra", [(), ("--no-cache",)], ids=["cache", "no-cache"])
def test_no_pickle_in_the_cache_folder_is_ever_loaded(tmp_path, extra):
    (tmp_path / "a.md").write_text(ARTICLE)
    cache = tmp_path / "cache"
    marker = tmp_path / "PICKLE-LOADED"
    plant(cache, marker)
    for _ in range(2):  # a cold run, then a warm one that reads what the first wrote
        result = run(tmp_path, cache, *extra)
        assert result.returncode in (0, 1), result.stderr
        assert '"unit": "kilometer"' in result.stdout  # the unit registry was built
        assert not marker.exists(), "a pickle from the cache folder was loaded"


def test_no_cache_reads_and_writes_nothing_in_the_cache_folder(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE)
    cache = tmp_path / "cache"
    cache.mkdir()
    result = run(tmp_path, cache, "--no-cache")
    assert result.returncode in (0, 1), result.stderr
    assert list(cache.iterdir()) == []  # neither the extraction cache nor the units memo
    warm = run(tmp_path, cache)
    assert warm.returncode in (0, 1), warm.stderr
    assert list((cache / "pint").glob("conversions-*.json")) and (cache / FILENAME).exists()
    assert warm.stdout == result.stdout


def test_the_units_memo_is_off_with_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("FACTCHECK_NO_UNIT_CACHE", raising=False)
    monkeypatch.setattr(paths, "_enabled", True)
    units._memo_path.cache_clear()
    try:
        assert units._memo_path() is not None
        units._memo_path.cache_clear()
        paths.use_cache(False)
        assert units._memo_path() is None
        assert ExtractionCache.default() is None
    finally:
        paths.use_cache(True)
        units._memo_path.cache_clear()


# -- a full disk ----------------------------------------------------------------------------------

FILL = """
import sys
from checker.model import Document
from checker.store.cache import ExtractionCache
warnings = []
cache = ExtractionCache(sys.argv[1], warn=warnings.append)
cache.view("key").put(Document(path="a.md", text="x"), [])  # made while there was room
for n in range(400):
    cache.store(f"entry-{n}", [{"sentence": "y" * 5000 + str(n)}])
cache.close()
print(repr(warnings))
"""


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1)")
def test_a_full_disk_does_not_keep_the_write_ahead_log(tmp_path):
    """A 300 kB disk (a tmpfs in a private mount namespace) that the cache fills."""
    disk = tmp_path / "disk"
    disk.mkdir()
    script = tmp_path / "fill.py"
    script.write_text(FILL)
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=300k tmpfs '{disk}'"],
        capture_output=True,
    )
    if probe.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    cache = disk / FILENAME
    shell = (
        f"mount -t tmpfs -o size=300k tmpfs '{disk}' && "
        f"'{sys.executable}' '{script}' '{cache}' && ls -a '{disk}'"
    )
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", shell],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
    )
    assert done.returncode == 0, done.stderr
    warnings, *files = done.stdout.splitlines()
    assert "full" in warnings and "continuing without it" in warnings, warnings
    assert f"{FILENAME}-wal" not in files, done.stdout


# -- two runs at once ------------------------------------------------------------------------------


def test_a_cache_held_by_another_run_is_left_quietly(tmp_path):
    """Another process holds the write lock (two runs creating the cache at once): this run
    goes on without the cache, and says so only when verbose."""
    path = tmp_path / FILENAME
    first = ExtractionCache(path)
    first.view("key").put(Document(path="a.md", text="x"), [])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        said: dict[bool, list[str]] = {}
        for verbose in (False, True):
            said[verbose] = []
            other = ExtractionCache(path, warn=said[verbose].append, verbose=verbose)
            other._connect().execute("PRAGMA busy_timeout = 50")
            assert other.load("missing") is None
            other.store("entry", [])
            other.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        first.close()
    assert said[False] == []
    assert len(said[True]) == 1 and "locked" in said[True][0]
