"""Baselines: fingerprints that survive edits elsewhere, atomic writes, new findings only."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from dataclasses import replace

import pytest

from checker.findings import baseline
from checker.findings.baseline import Baseline, BaselineError, fingerprint, with_fingerprints
from checker.model import Claim, Finding, Report

AS_OF = "2023-12-30"


def claim(cid: str | None, text: str = "40 people", sentence: str | None = None, **extra) -> Claim:
    sentence = sentence or f"At least {text} were killed in Gaza on Monday."
    fields = dict(value=40.0, low=40.0, high=None, measure="killed", location="Gaza")
    fields.update(extra)
    return Claim(text=text, sentence=sentence, start=0, end=len(text), id=cid, **fields)


def finding(ref: str | None = "c1", line: int = 3, rule: str = "FC301", **extra) -> Finding:
    fields = dict(kind="unattributed", level="warning", message=f"m at line {line}")
    fields.update(extra)
    return Finding(rule=rule, path="drafts/a.md", line=line, column=1, claim=ref, **fields)


# -- fingerprints -------------------------------------------------------------------------


def test_fingerprint_ignores_position_and_message_but_not_the_figure():
    base = fingerprint(finding(line=3), {"c1": claim("c1")})
    assert len(base) == 32 and int(base, 16) >= 0
    # Moved (another line, another claim id, a message naming the line): the same finding.
    assert fingerprint(finding("c9", line=40), {"c9": claim("c9")}) == base
    # Whitespace and case in the sentence do not count; the figure and its sentence do.
    respaced = claim("c1", sentence="At  least 40 people were KILLED in Gaza\non Monday.")
    assert fingerprint(finding(), {"c1": respaced}) == base
    assert fingerprint(finding(), {"c1": claim("c1", text="41 people")}) != base
    reworded = claim("c1", sentence="At least 40 people died in Gaza on Monday.")
    assert fingerprint(finding(), {"c1": reworded}) != base
    assert fingerprint(finding(rule="FC201"), {"c1": claim("c1")}) != base


def test_fingerprint_of_a_contradiction_depends_on_the_other_figure():
    claims = {"c1": claim("c1"), "c2": claim("c2", text="50 people"), "c3": claim("c3", text="60")}
    one = fingerprint(finding(related=("c2",)), claims)
    assert one == fingerprint(finding(related=("c2",)), {**claims, "c2": claims["c2"]})
    assert one != fingerprint(finding(related=("c3",)), claims)
    assert one != fingerprint(finding(), claims)


def test_findings_without_a_claim_are_fingerprinted_by_rule_and_message():
    a = finding(None, rule="FC001", message="Suppression 'factcheck: ignore' is unused.")
    b = replace(a, line=99)
    assert fingerprint(a, {}) == fingerprint(b, {})
    assert fingerprint(a, {}) != fingerprint(replace(a, message="other"), {})


def test_related_evidence_without_an_id_is_found_by_its_position():
    archive = replace(claim(None, text="50 people"), path="archive/a.md", line=4, column=2)
    other = replace(archive, text="60 people")
    cited = finding(related=("archive/a.md:4:2",))
    [one] = with_fingerprints([cited], [claim("c1"), archive])
    [two] = with_fingerprints([cited], [claim("c1"), other])
    assert one.fingerprint != two.fingerprint


def test_with_fingerprints_sets_every_finding_and_prefers_the_first_claim_of_an_id():
    found = with_fingerprints([finding(), finding(None)], [claim("c1"), claim("c1", text="9")])
    assert all(f.fingerprint for f in found)
    assert found[0].fingerprint == fingerprint(finding(), {"c1": claim("c1")})


# -- the file -----------------------------------------------------------------------------


def stamped(*findings: Finding) -> list[Finding]:
    return with_fingerprints(findings, [claim("c1"), claim("c2", text="50 people")])


def test_write_then_load_counts_duplicates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    twice = stamped(finding(line=3), finding(line=9), finding("c2", line=12))
    assert baseline.write("fc.json", twice) == 3
    data = json.loads((tmp_path / "fc.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"].startswith("factcheck ")
    assert sorted(entry["count"] for entry in data["findings"]) == [1, 2]
    assert {entry["path"] for entry in data["findings"]} == {"drafts/a.md"}
    accepted = baseline.load("fc.json")
    third = stamped(finding(line=20))[0]
    new, known = accepted.split([*twice, third])
    assert known == twice and new == [third]


def test_paths_are_relative_to_the_baseline_file(tmp_path, monkeypatch):
    (tmp_path / "ci").mkdir()
    (tmp_path / "drafts").mkdir()
    monkeypatch.chdir(tmp_path)
    found = stamped(finding())
    baseline.write("ci/fc.json", found)
    assert json.loads((tmp_path / "ci/fc.json").read_text())["findings"][0]["path"] == (
        "../drafts/a.md"
    )
    monkeypatch.chdir(tmp_path / "drafts")  # run from elsewhere: "a.md" is the same file
    accepted = baseline.load("../ci/fc.json")
    moved = [replace(f, path="a.md") for f in found]
    assert accepted.split(moved) == ([], moved)


def test_filter_hides_known_findings_from_a_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old, new = stamped(finding(), finding("c2"))
    baseline.write("fc.json", [old])
    report, hidden = baseline.load("fc.json").filter(Report(findings=(old, new)))
    assert report.findings == (new,) and hidden == 1


def test_an_existing_baseline_survives_a_failed_write(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    baseline.write("fc.json", stamped(finding()))
    before = (tmp_path / "fc.json").read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(BaselineError, match="cannot write baseline fc.json: No space left"):
        baseline.write("fc.json", stamped(finding(), finding("c2")))
    assert (tmp_path / "fc.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fc.json"]  # no temporary left


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    baseline.write("fc.json", stamped(finding()))
    before = (tmp_path / "fc.json").read_bytes()

    def interrupted(descriptor):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        baseline.write("fc.json", stamped(finding("c2")))
    assert (tmp_path / "fc.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fc.json"]


def test_a_baseline_is_not_written_into_a_missing_folder(tmp_path):
    with pytest.raises(BaselineError, match="cannot write baseline"):
        baseline.write(str(tmp_path / "no" / "fc.json"), stamped(finding()))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read baseline {file}: No such file or directory"),
        ('{"version": 1, "findings": [', "{file}:1:29: not a factcheck baseline (invalid JSON"),
        ("[]", "{file}: not a factcheck baseline (no 'version' key)"),
        ('{"version": 7, "findings": []}', "{file}: baseline version 7 is not supported"),
        ('{"version": 1}', "{file}: not a factcheck baseline ('findings' must be a list)"),
        ('{"version": 1, "findings": [{"path": "a.md"}]}', "finding 1 of the baseline has no"),
        (
            '{"version": 1, "findings": [{"path": "a", "rule": "R", "fingerprint": "f", '
            '"count": 0}]}',
            "finding 1 of the baseline has a 'count' that is not a whole number",
        ),
    ],
)
def test_unreadable_baselines_are_one_line_errors(tmp_path, content, message):
    file = tmp_path / "fc.json"
    if content is not None:
        file.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as caught:
        baseline.load(str(file))
    text = str(caught.value)
    assert message.format(file=file) in text and "\n" not in text
    assert caught.value.exit_code == 2


def test_a_baseline_in_memory_matches_by_count():
    accepted = Baseline(counts={("a.md", "FC301", "f"): 1}, base=os.getcwd())
    one, two = (replace(finding(), path="a.md", fingerprint="f") for _ in range(2))
    assert accepted.split([one, two]) == ([two], [one])


# -- end to end ---------------------------------------------------------------------------


def run(factcheck_bin: str, cwd, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(cwd / ".cache"), "NO_COLOR": "1"}
    return subprocess.run(
        [factcheck_bin, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


NEW_FIGURE = "At least 40 people were killed in Gaza on Monday."


@pytest.fixture
def newsroom(tmp_path, root):
    """A copy of the seeds plus one draft with a finding of its own."""
    shutil.copytree(root / "seeds", tmp_path / "seeds")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "strikes.md").write_text(
        "---\ntitle: Strikes\npublished: 2023-12-29\n---\n\n"
        "Israeli strikes continued overnight.\n\n"
        "About 300 people were injured in Khan Younis on Friday.\n",
        encoding="utf-8",
    )
    return tmp_path


def check(factcheck_bin, cwd, *args):
    return run(factcheck_bin, cwd, "check", "seeds", "drafts", "--as-of", AS_OF,
               "--fail-on", "warning", *args)  # fmt: skip


def test_end_to_end_baseline_workflow(factcheck_bin, newsroom):
    first = check(factcheck_bin, newsroom, "--format", "json")
    assert first.returncode == 1, first.stderr  # the seeds have unattributed figures
    existing = json.loads(first.stdout)["findings"]
    assert existing and any(f["path"] == "drafts/strikes.md" for f in existing)

    wrote = check(factcheck_bin, newsroom, "--write-baseline", "fc-baseline.json", "-f", "line")
    assert wrote.returncode == 0, wrote.stderr
    assert f"wrote {len(existing)} findings to fc-baseline.json" in wrote.stderr
    data = json.loads((newsroom / "fc-baseline.json").read_text(encoding="utf-8"))
    assert sum(entry["count"] for entry in data["findings"]) == len(existing)

    clean = check(factcheck_bin, newsroom, "--baseline", "fc-baseline.json", "-f", "json")
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["findings"] == []
    assert f"{len(existing)} baselined findings hidden" in clean.stderr

    # A new unattributed figure, in a new paragraph above the old one: every old finding
    # moves down two lines and still matches; only the new one is reported.
    draft = newsroom / "drafts" / "strikes.md"
    original = draft.read_text(encoding="utf-8")
    draft.write_text(
        original.replace("Israeli strikes", f"{NEW_FIGURE}\n\nIsraeli strikes"), "utf-8"
    )
    fresh = check(factcheck_bin, newsroom, "--baseline", "fc-baseline.json", "-f", "json")
    assert fresh.returncode == 1, fresh.stderr
    [new] = json.loads(fresh.stdout)["findings"]
    assert (new["rule"], new["path"], new["line"]) == ("FC301", "drafts/strikes.md", 6)

    # Suppressed in the text: clean again.
    draft.write_text(
        original.replace(
            "Israeli strikes", f"<!-- factcheck: ignore FC301 -->\n{NEW_FIGURE}\n\nIsraeli strikes"
        ),
        "utf-8",
    )
    quiet = check(factcheck_bin, newsroom, "--baseline", "fc-baseline.json", "-f", "json")
    assert quiet.returncode == 0, quiet.stdout
    assert json.loads(quiet.stdout)["findings"] == []

    # Editing the figure itself makes it a new finding.
    draft.write_text(original.replace("About 300", "About 350"), "utf-8")
    edited = check(factcheck_bin, newsroom, "--baseline", "fc-baseline.json", "-f", "json")
    assert edited.returncode == 1
    [changed] = json.loads(edited.stdout)["findings"]
    assert changed["path"] == "drafts/strikes.md" and "350" in changed["message"]


def test_end_to_end_bad_baselines_exit_2_with_one_line(factcheck_bin, newsroom):
    missing = check(factcheck_bin, newsroom, "--baseline", "nope.json")
    assert missing.returncode == 2
    assert missing.stderr == (
        "factcheck: error: cannot read baseline nope.json: No such file or directory\n"
    )
    (newsroom / "bad.json").write_text("{not json", encoding="utf-8")
    corrupt = check(factcheck_bin, newsroom, "--baseline", "bad.json")
    assert corrupt.returncode == 2
    assert corrupt.stderr.startswith("factcheck: error: bad.json:1:2: not a factcheck baseline")
    assert corrupt.stderr.count("\n") == 1 and "Traceback" not in corrupt.stderr
    assert corrupt.stdout == ""


# -- the file as a file (issue 17) ----------------------------------------------------------


def test_writing_keeps_the_mode_of_an_existing_baseline(tmp_path, monkeypatch):
    """It was replaced by a file of mode 0600: unreadable to the rest of the team."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fc.json").write_text("{}")
    os.chmod(tmp_path / "fc.json", 0o664)
    baseline.write("fc.json", stamped(finding()))
    assert (tmp_path / "fc.json").stat().st_mode & 0o777 == 0o664
    assert baseline.load("fc.json").counts


def test_a_new_baseline_gets_the_mode_the_umask_gives(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)
    try:
        baseline.write("fc.json", stamped(finding()))
    finally:
        os.umask(old)
    assert (tmp_path / "fc.json").stat().st_mode & 0o777 == 0o644


def test_writing_through_a_symlink_keeps_the_link_and_replaces_its_file(tmp_path, monkeypatch):
    """The link was replaced by a plain file, and the file it pointed to kept the old
    findings. Now the link stays, as an editor saving through it would leave it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "fc.json").write_text("{}")
    (tmp_path / "fc.json").symlink_to("shared/fc.json")
    assert baseline.write("fc.json", stamped(finding(), finding("c2"))) == 2
    assert (tmp_path / "fc.json").is_symlink()
    assert os.readlink(tmp_path / "fc.json") == "shared/fc.json"
    assert len(json.loads((tmp_path / "shared" / "fc.json").read_text())["findings"]) == 2
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["fc.json"]


def _unblock(fifo: str, stop: threading.Event) -> None:
    """Open ``fifo`` for writing once a reader has it open (so a reader that should never
    have opened it is freed, and the test fails instead of hanging), then close it."""
    while not stop.is_set():
        try:
            descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader yet
            stop.wait(0.01)
            continue
        os.close(descriptor)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_baseline_that_is_not_a_regular_file_is_refused(tmp_path, monkeypatch):
    """Reading a FIFO blocked for ever (and /dev/zero ran until memory ran out: see
    tests/cli/test_hostile_process.py, which runs it with a memory cap)."""
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "fifo.json")
    stop = threading.Event()
    helper = threading.Thread(target=_unblock, args=(str(tmp_path / "fifo.json"), stop))
    helper.start()
    try:
        with pytest.raises(BaselineError, match="fifo.json: not a regular file: a FIFO"):
            baseline.load("fifo.json")
        with pytest.raises(BaselineError, match="fifo.json: not a regular file: a FIFO"):
            baseline.write("fifo.json", stamped(finding()))
    finally:
        stop.set()
        helper.join()
    assert (tmp_path / "fifo.json").is_fifo()


def test_a_baseline_larger_than_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open(tmp_path / "huge.json", "wb") as handle:
        handle.truncate(baseline.MAX_BYTES + 1)  # sparse: no time to write, nothing to read
    with pytest.raises(BaselineError, match="huge.json: not a factcheck baseline .larger than"):
        baseline.load("huge.json")


def test_a_path_that_is_not_utf8_is_recorded_as_valid_json_and_matched(tmp_path, monkeypatch):
    """Writing failed with UnicodeEncodeError (an internal error)."""
    monkeypatch.chdir(tmp_path)
    odd = replace(finding(), path="drafts/caf\udce9.md")
    [stamp] = stamped(odd)
    assert baseline.write("fc.json", [stamp]) == 1
    data = json.loads((tmp_path / "fc.json").read_bytes().decode("utf-8"))
    assert data["findings"][0]["path"] == "drafts/caf\\xe9.md"
    assert baseline.load("fc.json").split([stamp]) == ([], [stamp])
