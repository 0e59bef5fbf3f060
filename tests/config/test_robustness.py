"""Hostile rule files and filter patterns: located errors, never a crash or a hang.

Moved from ``tests/test_robustness.py``. Rule files are user input; whatever they hold,
``factcheck`` must answer with ``path:line:col`` errors (exit 2) quickly, run no code, and a
rule's ``filter.sentence`` pattern must never make a run hang.
"""

from __future__ import annotations

import re

import pytest

from checker.cli import main
from checker.config import load_ruleset
from checker.model import Claim

LOCATED_ERROR = re.compile(r"^factcheck: error: .+:\d+:\d+: \S")


def run(argv, capsys) -> tuple[int, str, str]:
    """``main(argv)``: exit code, stdout, stderr."""
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No settings file from the repository, no shared cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.setenv("NO_COLOR", "1")


# -- rules and config ------------------------------------------------------------------------

BAD_RULE_FILES = {
    "alias bomb": "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    ),
    "python object": "rules:\n  - !!python/object/apply:os.system [touch PWNED]\n",
    "python name": "rules: !!python/name:os.system\n",
    "custom tag": "rules:\n  - !include other.yaml\n",
    "binary tag": "places: !!binary aGVsbG8=\n",
    "set tag": "places: !!set {a, b}\n",
    "deep nesting": "rules: " + "[" * 5000 + "]" * 5000 + "\n",
    "not a mapping": "- just\n- a list\n",
    "invalid YAML": "rules: [unclosed\n",
    "unknown keys": "rulez: []\nrules:\n  - id: FC901\n    nmae: x\n",
}


@pytest.mark.parametrize("name", BAD_RULE_FILES)
def test_bad_rule_files_are_located_errors_exit_2(tmp_path, capsys, name):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_RULE_FILES[name])
    code, out, err = run(["rules", "--rules", path], capsys)
    assert code == 2 and out == ""
    assert err and all(LOCATED_ERROR.match(line) for line in err.splitlines()), err
    assert "bad.yaml:" in err
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"rules: []\n" + b"# padding\n" * 200_000, id="huge"),
        pytest.param(b"rules: [\xff\xfe]\n", id="not UTF-8"),
        pytest.param(
            b"rules: []\n\x00\x01\x02",
            id="control characters",
        ),
    ],
)
def test_unreadable_rule_files_are_refused_fast(tmp_path, capsys, data):
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    code, _, err = run(["rules", "--rules", path], capsys)
    assert code == 2 and len(err.splitlines()) == 1 and LOCATED_ERROR.match(err), err


PATTERN_RULE = """\
rules:
  - id: FC901
    name: custom.pattern
    kind: unattributed
    level: warning
    message: "{value} has no source."
    filter:
      sentence: "PATTERN"
"""


def pattern_rules(tmp_path, pattern: str):
    """A rule file whose filter pattern is ``pattern`` (written as YAML double-quoted text)."""
    path = tmp_path / "rules.yaml"
    escaped = pattern.replace("\\", "\\\\").replace('"', '\\"')
    path.write_text(PATTERN_RULE.replace("PATTERN", escaped))
    return path


def claim_in(sentence: str) -> Claim:
    return Claim(text="40", sentence=sentence, start=0, end=2, value=40.0, low=None, high=None)


# Each takes seconds to hours with Python's re on a near miss such as "aaaa...a!"; RE2
# matches in time linear in the sentence, so they are accepted and simply run.
BACKTRACKING = [
    "(a+)+$",
    "(\\w+\\s?)+$",
    "(a|a)+$",
    "(a*)*$",
    "((a+))+$",
    "(?:(a+))+$",
    "((a)+)+$",
    "(.*.*.*.*.*)*==",
    ".*.*.*.*.*.*.*.*.*.*==",
]


@pytest.mark.parametrize("pattern", BACKTRACKING)
def test_a_backtracking_sentence_pattern_runs_fast_on_a_long_line(tmp_path, capsys, pattern):
    path = pattern_rules(tmp_path, pattern)
    code, out, err = run(["rules", "--rules", path, "--format", "json"], capsys)
    assert code == 0 and err == "" and "FC901" in out
    rule = load_ruleset([str(path)], default_rules=False).get("FC901")
    assert rule.filter.sentence == pattern
    # RE2 matches in time linear in the line (bench/hostile_speed.py times these); that
    # they end at all is the test: Python's re would take hours. The CLI runs of such
    # patterns are in tests/cli/test_hostile_process.py.
    for line in ("a" * 100_000 + "!", "a=" * 50_000, "killed " * 20_000):
        rule.filter.matches(claim_in(line))


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(a)\\1", "invalid escape sequence: \\1"),
        ("(?=said)", "invalid perl operator: (?="),
        ("(?<!not )killed", "invalid perl operator: (?<"),
        ("killed\\Z", "invalid escape sequence: \\Z"),
        ("(unclosed", "missing ): (unclosed"),
    ],
)
def test_a_pattern_re2_cannot_run_is_a_located_error(tmp_path, capsys, pattern, reason):
    path = pattern_rules(tmp_path, pattern)
    code, out, err = run(["rules", "--rules", path], capsys)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and LOCATED_ERROR.match(err), err
    assert "rules.yaml:8:17: bad regular expression: " + reason in err
    assert "filter patterns use RE2 syntax" in err


@pytest.mark.parametrize("pattern", ["killed|injured", "\\bat least\\b", "[a-z]+ (said|told)"])
def test_an_ordinary_sentence_pattern_is_accepted(tmp_path, capsys, pattern):
    path = pattern_rules(tmp_path, pattern)
    code, out, err = run(["rules", "--rules", path, "--format", "json"], capsys)
    assert code == 0 and err == "" and "FC901" in out


@pytest.mark.parametrize(
    ("pattern", "sentence", "matches"),
    [
        ("KILLED", "At least 40 people were killed.", True),  # any case, as before
        ("\\bat least\\b", "At least 40 people were killed.", True),
        ("\\bat least\\b", "Flat leastwise 40.", False),
        ("killed|injured", "40 people were hurt.", False),
        ("^at", "At least 40.", True),
    ],
)
def test_sentence_patterns_search_the_sentence_ignoring_case(tmp_path, pattern, sentence, matches):
    path = pattern_rules(tmp_path, pattern)
    rule = load_ruleset([str(path)], default_rules=False).get("FC901")
    assert rule.filter.matches(claim_in(sentence)) is matches


UNKNOWN_UNITS = """\
rules:
  - id: FC901
    name: custom.units
    kind: unattributed
    level: warning
    message: "{value} has no source."
    filter:
      units: ["(", "km**", "1/0", "km"]
"""


def test_a_unit_pint_cannot_parse_is_a_located_error(tmp_path, capsys):
    path = tmp_path / "rules.yaml"
    path.write_text(UNKNOWN_UNITS)
    code, _, err = run(["rules", "--rules", path], capsys)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 3 and all(LOCATED_ERROR.match(line) for line in lines), err


def test_vocabulary_entries_are_literal_not_patterns(tmp_path):
    path = tmp_path / "places.yaml"
    path.write_text('places:\n  Atlantis: ["Ga.a", "(a+)+$", "[unclosed"]\n')
    vocabulary = load_ruleset([str(path)], default_rules=False).vocabulary
    assert vocabulary.place("Ga.a") == vocabulary.place("(a+)+$") == "Atlantis"
    assert vocabulary.place("[unclosed") == "Atlantis"
    assert vocabulary.place("Gaza") != "Atlantis"
    assert vocabulary.place("a" * 40 + "b") is None
