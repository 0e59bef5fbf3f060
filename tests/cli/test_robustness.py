"""The command line under hostile conditions: folders of thousands of files, file names that
are not UTF-8, internal errors, Ctrl-C, and output that does not depend on --jobs or the
order of arguments. The cases of other stages live beside their tests (documents/, config/,
store/, extraction/)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from checker import api, runner
from checker.cli import main
from checker.documents import load_text

from ..conftest import ROOT
from ..hostile import (
    FIGURE,
    _isolated,  # noqa: F401 - an autouse fixture: no settings, no shared cache
    run,
    script_env,
)

# -- inputs: folders ---------------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path, capsysbinary):
    """Such a name reaches Python as surrogates: every format failed on a strict UTF-8
    stdout (SARIF always, percent-encoding it). Lines are printed as the bytes they are; JSON
    and SARIF stay valid UTF-8, the stray byte written as the text \\xNN (issue 17)."""
    try:
        with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9-\xff.txt"), "w") as handle:
            handle.write("At least 40 people were killed in Gaza on Monday.")  # no source
    except OSError:
        pytest.skip("this file system wants UTF-8 file names")
    outputs = {}
    for fmt in ("json", "sarif", "table", "line", "github"):
        code = main(["check", str(tmp_path), "--format", fmt, "--no-cache"])
        captured = capsysbinary.readouterr()
        assert code in (0, 1) and captured.err == b"", (fmt, captured.err)
        outputs[fmt] = captured.out
    for fmt in ("line", "github"):
        assert b"caf\xe9-\xff.txt" in outputs[fmt], fmt
    data = json.loads(outputs["json"].decode("utf-8"))  # strict: valid UTF-8
    assert data["documents"][0]["path"].endswith("caf\\xe9-\\xff.txt")
    assert b"caf%E9-%FF.txt" in outputs["sarif"]
    json.loads(outputs["sarif"])


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


def test_a_folder_of_3000_files_is_checked_quietly(factcheck_bin, tmp_path, many_files):
    result = subprocess.run(
        [
            factcheck_bin,
            "check",
            str(many_files),
            "--format",
            "json",
            "--no-cache",
            "--as-of",
            "2024-01-01",
        ],
        capture_output=True,
        text=True,
        env=script_env(tmp_path),
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""  # no progress bar off a terminal
    data = json.loads(result.stdout)
    assert data["summary"]["documents"] == 3000 and len(data["claims"]) == 3000


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_the_progress_bar_shows_on_a_terminal_only(factcheck_bin, tmp_path):
    import pty
    import select

    for i in range(25):
        (tmp_path / f"a{i:02d}.txt").write_text(FIGURE)
    env = script_env(tmp_path, TERM="xterm")
    env.pop("CI", None)
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [factcheck_bin, "check", str(tmp_path), "--format", "json", "--no-cache", "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    out = process.communicate(timeout=300)[0]
    os.close(master)
    assert process.returncode in (0, 1)
    assert b"reading" in shown and b"25/25" in shown
    assert json.loads(out)["summary"]["documents"] == 25  # the bar never touches stdout


# -- internal errors ---------------------------------------------------------------------------


def test_an_internal_error_is_one_line_with_a_hint(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(FIGURE)

    def broken(*args, **kwargs):
        raise RuntimeError("the parser fell over\nwith a second line")

    monkeypatch.setattr(runner, "claims_from_docs", broken)
    code, out, err = run(["check", tmp_path / "a.txt", "--no-cache"], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("factcheck: error: internal error: RuntimeError: the parser fell over")
    assert err.rstrip().endswith("(run with --debug for a traceback)")
    with pytest.raises(RuntimeError):
        main(["--debug", "check", str(tmp_path / "a.txt"), "--no-cache"])


def test_ctrl_c_inside_main_is_exit_130_with_a_message(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(FIGURE)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "check", interrupted)
    code, out, err = run(["check", tmp_path / "a.txt"], capsys)
    assert (code, out, err) == (130, "", "factcheck: interrupted\n")


# -- interruptions -----------------------------------------------------------------------------


def _interrupt(factcheck_bin, tmp_path, folder, *, jobs: str, whole_group: bool, after: float):
    process = subprocess.Popen(
        [factcheck_bin, "check", str(folder), "--format", "json", "--no-cache", "--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=script_env(tmp_path),
        start_new_session=True,
    )
    time.sleep(after)
    assert process.poll() is None, "the run finished before it could be interrupted"
    if whole_group:  # what Ctrl-C in a terminal does: the workers get it too
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return process.returncode, out.decode(), err.decode()


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")
@pytest.mark.parametrize(
    ("jobs", "whole_group"), [("1", False), ("2", True)], ids=["one-process", "workers"]
)
def test_ctrl_c_exits_130_without_a_traceback(
    factcheck_bin, tmp_path, many_files, jobs, whole_group
):
    code, _, err = _interrupt(
        factcheck_bin, tmp_path, many_files, jobs=jobs, whole_group=whole_group, after=4
    )
    assert code == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1] == "factcheck: interrupted"


# -- determinism -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_copies(tmp_path_factory) -> list[Path]:
    """25 copies of the seed articles under different names: over 250,000 characters of
    text, so ``--jobs 2`` really starts workers (runner.MIN_CHARS_PER_WORKER)."""
    folder = tmp_path_factory.mktemp("copies")
    seeds = sorted((ROOT / "seeds").glob("*.md"))
    paths = []
    for k in range(25):
        for seed in seeds:
            target = folder / f"{k:02d}" / f"copy-{k}-{seed.name}"
            target.parent.mkdir(exist_ok=True)
            shutil.copy(seed, target)
            paths.append(target)
    return paths


def test_json_is_byte_identical_across_jobs_and_argument_order(seed_copies, capsys, monkeypatch):
    total = sum(len(load_text(p.read_text(), format="md").text) for p in seed_copies)
    assert total > runner.MIN_CHARS_PER_WORKER
    started = []
    real_parallel = runner._parallel

    def spy(todo, documents, model, vocabulary, jobs):
        started.append(jobs)
        yield from real_parallel(todo, documents, model, vocabulary, jobs)

    monkeypatch.setattr(runner, "_parallel", spy)
    folder = seed_copies[0].parent.parent
    common = ["--format", "json", "--no-cache", "--as-of", "2024-01-15"]
    shuffled = [str(p) for p in seed_copies]
    random.Random(7).shuffle(shuffled)
    outputs = []
    for argv in (
        ["check", folder, "--jobs", "1", *common],
        ["check", folder, "--jobs", "2", *common],
        ["check", *shuffled, "--jobs", "2", *common],
        ["check", *reversed(shuffled), "--jobs", "1", *common],
    ):
        code, out, err = run(argv, capsys)
        assert code in (0, 1), err
        outputs.append(out)
    assert started == [2, 2], "--jobs 2 did not start workers"
    first = json.loads(outputs[0])
    assert first["summary"]["documents"] == 75 and first["findings"]
    # Paths named one by one, in any order, read the same as their folder.
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0] and outputs[3] == outputs[0]
