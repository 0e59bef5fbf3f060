"""The github format (workflow annotations), and the exit codes CI relies on."""

from __future__ import annotations

import os
import subprocess

import pytest
import yaml

from checker.model import Finding, Report
from checker.report.github import (
    ANNOTATIONS,
    annotation,
    escape_data,
    escape_property,
    to_commands,
)

AS_OF = "2023-10-31"


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command read back the way the Actions runner reads it."""
    assert line.startswith("::")
    head, _, data = line[2:].partition("::")
    command, _, props = head.partition(" ")
    properties = {}
    for pair in filter(None, props.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = (
            value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%")
        )  # fmt: skip
    data = data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    return command, properties, data


def finding(level: str = "warning", line: int = 3, **extra) -> Finding:
    fields = dict(rule="FC301", kind="unattributed", message="no source", path="drafts/a.md",
                  column=7, name="attribution.unattributed")  # fmt: skip
    fields.update(extra)
    return Finding(level=level, line=line, **fields)


def test_escaping_follows_the_toolkit():
    assert escape_data("50% up\r\nnext") == "50%25 up%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert escape_data("a:b,c") == "a:b,c"  # the message may keep : and ,


@pytest.mark.parametrize(
    ("level", "command"), [("error", "error"), ("warning", "warning"), ("suggestion", "notice")]
)
def test_one_annotation_per_finding(level, command):
    line = annotation(finding(level))
    assert line == (
        f"::{command} file=drafts/a.md,line=3,col=7,title=FC301 attribution.unattributed::no source"
    )


def test_awkward_paths_and_messages_survive_the_round_trip():
    message = "8,306 vs 6,000: check it.\nSecond line, 100% sure; literal %0A stays"
    path = "drafts/a,b:c 100%.md"
    command, properties, data = parse(annotation(finding(path=path, message=message)))
    assert command == "warning" and data == message
    assert properties == {
        "file": path,
        "line": "3",
        "col": "7",
        "title": "FC301 attribution.unattributed",
    }


def test_annotations_are_capped_per_level_with_a_summary():
    findings = (
        [finding("error", line=n) for n in range(1, 13)]
        + [finding("warning", line=n) for n in range(20, 45)]
        + [finding("suggestion", line=n) for n in range(50, 53)]
    )
    text = to_commands(Report(findings=tuple(findings)))
    lines = text.splitlines()
    commands = [parse(line)[0] for line in lines if line.startswith("::")]
    assert commands.count("error") == ANNOTATIONS["error"] == 10
    assert commands.count("warning") == ANNOTATIONS["warning"] == 10
    assert commands.count("notice") == 3 + 1  # the suggestions and the summary notice
    # Nothing is lost: the rest are plain lines in the line format.
    plain = [line for line in lines if not line.startswith("::")]
    assert len(plain) == 2 + 15 + 1
    assert plain[0] == "drafts/a.md:11:7: error FC301 no source"
    _, properties, summary = parse(next(line for line in lines if "title=factcheck" in line))
    assert properties == {"title": "factcheck"}
    assert summary.startswith("17 more findings not annotated (2 errors, 15 warnings)")
    assert lines[-1] == "factcheck: 0 documents, 0 claims, 12 errors, 25 warnings, 3 suggestions"
    assert len(commands) <= 50  # GitHub's limit per job


def test_no_findings_is_just_the_summary():
    assert to_commands(Report()) == (
        "factcheck: 0 documents, 0 claims, 0 errors, 0 warnings, 0 suggestions\n"
    )
    assert to_commands(Report(findings=(finding(),)), mode="extract").count("::") == 0


# -- end to end: the formats and exit codes CI relies on ----------------------------------


def run(factcheck_bin: str, cwd, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(cwd / ".cache"), "NO_COLOR": "1"}
    return subprocess.run(
        [factcheck_bin, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def draft(tmp_path):
    """A draft with one warning (an unattributed toll) and one suggestion (FC001)."""
    (tmp_path / "draft.md").write_text(
        "---\ntitle: Draft\npublished: 2023-10-30\n---\n\n"
        "At least 40 people were killed in Gaza on Monday.\n\n"
        "<!-- factcheck: ignore FC101 -->\nThe night was quiet.\n",
        encoding="utf-8",
    )
    return tmp_path


def test_end_to_end_github_format(factcheck_bin, draft):
    done = run(factcheck_bin, draft, "draft.md", "--format", "github", "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr  # default fail level: error
    lines = done.stdout.splitlines()
    assert [parse(line)[:2] for line in lines[:2]] == [
        ("warning", {"file": "draft.md", "line": "6", "col": "1", "endLine": "6",
                     "endColumn": "18", "title": "FC301 attribution.unattributed"}),
        ("notice", {"file": "draft.md", "line": "8", "col": "1",
                    "title": "FC001 meta.unused-suppression"}),
    ]  # fmt: skip
    assert lines[2] == "factcheck: 1 document, 1 claim, 0 errors, 1 warning, 1 suggestion"


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ((), 0),
        (("--fail-on", "error"), 0),
        (("--fail-on", "warning"), 1),
        (("--fail-on", "suggestion"), 1),
        (("--fail-on", "never"), 0),
        (("--fail-on", "warning", "--exit-zero"), 0),
        (("--fail-on", "loud"), 2),
    ],
)
def test_end_to_end_fail_on_and_exit_zero(factcheck_bin, draft, options, code):
    done = run(factcheck_bin, draft, "draft.md", "-f", "line", "--as-of", AS_OF, *options)
    assert done.returncode == code, done.stdout + done.stderr
    if code == 2:
        assert done.stderr.startswith("factcheck: error: ") and done.stdout == ""
    else:
        assert done.stdout.count("\n") == 2  # the findings are printed whatever the code


def test_fail_on_counts_only_findings_left_after_suppression(factcheck_bin, draft):
    text = (draft / "draft.md").read_text(encoding="utf-8")
    (draft / "draft.md").write_text(
        text.replace("At least 40", "<!-- factcheck: ignore -->\nAt least 40"), "utf-8"
    )
    warning = run(factcheck_bin, draft, "draft.md", "--fail-on", "warning", "--as-of", AS_OF)
    assert warning.returncode == 0, warning.stdout
    suggestion = run(factcheck_bin, draft, "draft.md", "--fail-on", "suggestion", "--as-of", AS_OF)
    assert suggestion.returncode == 1  # the unused FC101 suppression is still a suggestion


def test_pre_commit_hook_runs_the_installed_command(factcheck_bin, root, draft):
    [hook] = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("factcheck", "factcheck", "python")
    assert set(hook["types_or"]) == {"markdown", "html", "plain-text"}
    assert hook["require_serial"] is True
    # pre-commit runs ENTRY ARGS... FILES; the bare command defaults to "check".
    done = run(factcheck_bin, draft, *hook["args"], "--as-of", AS_OF, "draft.md")
    assert done.returncode == 0, done.stderr
    failing = run(factcheck_bin, draft, *hook["args"], "--as-of", AS_OF, "--fail-on",
                  "warning", "draft.md")  # fmt: skip
    assert failing.returncode == 1
