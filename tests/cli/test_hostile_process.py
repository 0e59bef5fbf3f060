"""What only a whole process meets (issue 17): the output's encoding, endless inputs, rule
patterns that backtrack. Each runs the installed console script; timeouts are only hang
guards, far beyond what a run takes on any machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIGURE = "At least 40 people were killed in Gaza on Monday, officials said."
HANG_GUARD = 300  # seconds
MEMORY_CAP = 2 * 1024**3  # bytes of address space: an unbounded read fails, not the machine


def _cap_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def script(factcheck_bin: str, tmp_path: Path, *args: str, cap: bool = False, **env: str):
    environment = dict(os.environ, NO_COLOR="1", FACTCHECK_CACHE_DIR=str(tmp_path / ".cache"))
    environment.update(env)
    return subprocess.run(
        [factcheck_bin, *args],
        cwd=tmp_path,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=HANG_GUARD,
        preexec_fn=_cap_memory if cap else None,
    )


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "cp1252"])
def test_json_is_utf8_whatever_pythonioencoding_says(factcheck_bin, tmp_path, encoding):
    """It was written in stdout's encoding: "é" as one byte in Latin-1, "?" in ASCII."""
    (tmp_path / "a.md").write_text(
        f"---\ntitle: Café in Zürich — a report\npublished: 2023-11-06\n---\n{FIGURE}\n", "utf-8"
    )
    done = script(
        factcheck_bin, tmp_path, "check", "a.md", "--format", "json", "--no-cache",
        PYTHONIOENCODING=encoding,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout.decode("utf-8"))
    assert data["documents"][0]["title"] == "Café in Zürich — a report"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.skipif(sys.platform != "linux", reason="caps memory with RLIMIT_AS")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rules", "--rules", "/dev/zero"], "/dev/zero:1:1: cannot read the file (not a regular"),
        (["check", "a.md", "--baseline", "/dev/zero"], "cannot read baseline /dev/zero: not a"),
        (["check", "/dev/zero"], "/dev/zero: cannot read (not a regular file: a character"),
    ],
    ids=["rules", "baseline", "document"],
)
def test_an_endless_input_is_refused_not_read(factcheck_bin, tmp_path, args, message):
    """--rules /dev/zero hung, --baseline /dev/zero was killed at 24 GB."""
    (tmp_path / "a.md").write_text(FIGURE, "utf-8")
    no_cache = [] if args[0] == "rules" else ["--no-cache"]
    done = script(factcheck_bin, tmp_path, *args, *no_cache, cap=True)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().startswith(f"factcheck: error: {message}"), done.stderr
    assert done.stderr.count(b"\n") == 1


CHAIN_RULES = """\
rules:
  - id: FC901
    name: custom.chained
    kind: unattributed
    level: warning
    message: "{{value}} has no source"
    filter:
      sentence: '{pattern}'
"""


@pytest.mark.parametrize(
    ("pattern", "filler"),
    [
        (".*" * 12 + "==", "and more"),
        ("".join(f"[^{c}]*" for c in "xyzwvutsrpon") + "q", "and more"),
        ("a?" * 25 + "a" * 25 + "!", "a" * 30),
    ],
    ids=["dot-star chain", "negated class chain", "optional chain"],
)
def test_chained_quantifiers_in_a_rule_filter_run_in_linear_time(
    factcheck_bin, tmp_path, pattern, filler
):
    """A backtracking engine takes O(n^12) (or 2^25 steps a position) on a sentence of
    2,000 characters that does not match: hours. Patterns run under RE2."""
    (tmp_path / "rules.yaml").write_text(CHAIN_RULES.format(pattern=pattern), "utf-8")
    tail = " ".join(filler for _ in range(300))
    (tmp_path / "long.md").write_text(
        f"---\npublished: 2023-11-06\n---\nAt least 40 people were killed in Gaza {tail}.\n",
        "utf-8",
    )
    done = script(
        factcheck_bin, tmp_path, "check", "long.md", "--rules", "rules.yaml",
        "--no-default-rules", "--format", "json", "--no-cache",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["findings"] == []  # the filter did not match
