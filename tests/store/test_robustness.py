"""The stores under interruption: a run killed while writing the extraction cache leaves a
cache the next run can use (moved from tests/test_robustness.py). The ledger's own
interruption test is in tests/archive/test_index.py (a killed index run)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import time
from pathlib import Path

import pytest

from checker.documents import MAX_FILE_ENV
from checker.store.cache import FILENAME


@pytest.fixture(scope="module")
def many_files(tmp_path_factory) -> Path:
    """3,000 tiny articles, enough that a run takes a while."""
    folder = tmp_path_factory.mktemp("many")
    rng = random.Random(3)
    places = ["Gaza", "Israel", "Iraq", "Syria", "Yemen", "Lebanon"]
    for i in range(3000):
        (folder / f"a{i:04d}.txt").write_text(
            f"Daily report\n\nAt least {rng.randint(1, 900)} people were killed in "
            f"{rng.choice(places)} on Monday, officials said.\n"
        )
    return folder


def script_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", FACTCHECK_CACHE_DIR=str(tmp_path / ".cache"))
    env.pop(MAX_FILE_ENV, None)
    return env


def _processes_with(word: str) -> list[int]:
    """Processes whose command line names ``word`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if word.encode() in handle.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def _gone(pids: list[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not [pid for pid in pids if os.path.exists(f"/proc/{pid}")]:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
@pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")
def test_a_run_killed_while_caching_leaves_a_usable_cache(factcheck_bin, tmp_path, many_files):
    env = script_env(tmp_path)
    argv = [factcheck_bin, "check", str(many_files), "--format", "json", "--as-of", "2024-01-01"]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    # Killed as soon as the first claims reach the cache, whatever the machine's speed: the
    # run is then mid-way through its 3,000 documents (a hang guard only, no time limit).
    database = tmp_path / ".cache" / FILENAME
    deadline = time.monotonic() + 600
    while process.poll() is None and time.monotonic() < deadline:
        if database.exists() and database.stat().st_size > 0:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the run finished before it could be killed"
    process.kill()
    process.wait(timeout=60)
    assert _gone(_processes_with(str(many_files)), within=10), "workers outlived their parent"
    again = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode in (0, 1) and again.stderr == "", again.stderr
    summary = json.loads(again.stdout)["summary"]
    assert (summary["documents"], summary["claims"]) == (3000, 3000)
