"""The command line as ruff and Vale users expect it, through the installed console script:
findings first, files to read, settings you can point at and see, selection and display."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNATTRIBUTED = "At least 52 people were killed in Gaza on Monday.\n"
ATTRIBUTED = "At least 52 people were killed in Gaza on Monday, the ministry said.\n"


def run(factcheck_bin: str, *args: str, cwd: Path = ROOT, stdin: str | None = None, **env):
    environment = {**os.environ, "NO_COLOR": "", "COLUMNS": "80", **env}
    environment.pop("FACTCHECK_FORMAT", None)
    return subprocess.run(
        [factcheck_bin, *args], cwd=cwd, env=environment, input=stdin,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(UNATTRIBUTED)
    return tmp_path


def test_seeds_fit_one_screen_at_80_columns_findings_first(factcheck_bin):
    done = run(factcheck_bin, "seeds/")  # the default run, as the README shows it
    lines = done.stdout.splitlines()
    assert done.returncode in (0, 1), done.stderr
    assert len(lines) <= 50, "\n".join(lines)
    assert lines[0].startswith("seeds/") and not re.search(r"^(Documents|Claims)", done.stdout)
    findings = json.loads(run(factcheck_bin, "seeds/", "-f", "json").stdout)
    claims = {claim["id"]: claim for claim in findings["claims"]}
    for finding in findings["findings"]:
        where = f"--> {finding['path']}:{finding['line']}:{finding['column']}"
        assert any(line.strip() == where for line in lines), where  # never broken
        claim = claims.get(finding["claim"])
        if claim:  # the sentence is shown, its figure marked
            assert claim["text"].split()[0] in done.stdout
    assert lines[-1].startswith("3 documents, ")


def test_version_and_no_command(factcheck_bin):
    assert run(factcheck_bin, "-V").stdout.startswith("factcheck ")
    done = run(factcheck_bin)
    assert done.returncode == 2 and "Usage" in done.stdout


def test_select_ignore_min_level_statistics_quiet(factcheck_bin, folder):
    base = ("check", "articles", "--as-of", "2024-01-01", "--no-cache")
    done = run(factcheck_bin, *base, "-f", "line", cwd=folder)
    assert "FC301" in done.stdout
    assert run(factcheck_bin, *base, "-f", "line", "--ignore", "FC301", cwd=folder).stdout == ""
    assert run(factcheck_bin, *base, "-f", "line", "--select", "FC4", cwd=folder).stdout == ""
    assert run(factcheck_bin, *base, "-f", "line", "--min-level", "error", cwd=folder).stdout == ""
    stats = run(factcheck_bin, *base, "--statistics", cwd=folder).stdout
    assert re.match(r"1  FC301  attribution\.unattributed  warning", stats)
    quiet = run(factcheck_bin, *base, "-q", cwd=folder)
    assert "--> articles/a.txt:1:1" in quiet.stdout and "documents," not in quiet.stdout
    wrong = run(factcheck_bin, *base, "--select", "FC9", cwd=folder)
    assert wrong.returncode == 2 and "matches no rule" in wrong.stderr


def test_settings_found_from_the_checked_paths_and_shown(factcheck_bin, folder, tmp_path_factory):
    (folder / "factcheck.yaml").write_text("disable: [FC301]\n")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    articles = str(folder / "articles")
    base = ("check", articles, "--as-of", "2024-01-01", "-f", "line", "--no-cache")
    done = run(factcheck_bin, *base, "-v", cwd=elsewhere)
    assert done.stdout == "" and "using settings from" in done.stderr
    assert "factcheck.yaml" in done.stderr
    assert "FC301" in run(factcheck_bin, *base, "--isolated", cwd=elsewhere).stdout
    other = elsewhere / "strict.yaml"
    other.write_text("levels: {FC301: error}\n")
    named = run(factcheck_bin, *base, "--config", str(other), cwd=elsewhere)
    assert named.returncode == 1 and "error FC301" in named.stdout
    shown = run(factcheck_bin, "show-settings", articles, cwd=elsewhere).stdout
    assert "factcheck.yaml" in shown and re.search(r"FC301\s+disabled", shown)


def test_each_file_follows_its_nearest_settings_file(factcheck_bin, folder, tmp_path_factory):
    """As ruff: per file, the nearest settings file; -v and show-settings say which."""
    (folder / "factcheck.yaml").write_text("disable: [FC301]\n")
    drafts = folder / "articles" / "drafts"
    drafts.mkdir()
    (drafts / "factcheck.yaml").write_text("levels: {FC301: error}\nextend-exclude: [old/]\n")
    (drafts / "b.txt").write_text(UNATTRIBUTED)
    (drafts / "old").mkdir()
    (drafts / "old" / "c.txt").write_text(UNATTRIBUTED)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    articles = os.path.relpath(folder / "articles", elsewhere)
    base = ("--as-of", "2024-01-01", "-f", "line", "--no-cache")
    done = run(factcheck_bin, "check", articles, *base, "-v", cwd=elsewhere)
    assert [line.split(": ", 1)[1] for line in done.stdout.splitlines()] == [
        "error FC301 at least 52 killed (Gaza) has no source. Say who gives this figure "
        '("according to ...", "... said").'
    ]
    assert done.stdout.startswith(f"{articles}/drafts/b.txt:1:1:")
    assert f"drafts/factcheck.yaml for 1 file: {articles}/drafts/b.txt" in done.stderr
    assert f"factcheck.yaml for 1 file: {articles}/a.txt" in done.stderr
    assert "1 file skipped" in done.stderr  # drafts/old/, by the drafts' extend-exclude
    shown = run(factcheck_bin, "show-settings", f"{articles}/drafts/b.txt", f"{articles}/a.txt",
                cwd=elsewhere).stdout  # fmt: skip
    first, second = shown.split("\npath: ")
    assert "drafts/factcheck.yaml" in first and re.search(r"FC301\s+error", first)
    assert "drafts" not in second.split("\n")[1] and re.search(r"FC301\s+disabled", second)
    # Standard input follows the settings of the name it is given, excludes included.
    piped = ("check", "-", *base)
    done = run(factcheck_bin, *piped, "--stdin-filename", f"{articles}/drafts/new.txt",
               cwd=elsewhere, stdin=UNATTRIBUTED)  # fmt: skip
    assert done.stdout.startswith(f"{articles}/drafts/new.txt:1:1: error FC301")
    done = run(factcheck_bin, *piped, "--stdin-filename", f"{articles}/new.txt",
               cwd=elsewhere, stdin=UNATTRIBUTED)  # fmt: skip
    assert done.returncode == 0 and done.stdout == ""
    done = run(factcheck_bin, *piped, "--stdin-filename", f"{articles}/drafts/old/new.txt",
               cwd=elsewhere, stdin=UNATTRIBUTED)  # fmt: skip
    assert done.stdout == "" and "is excluded" in done.stderr
    # A key a run takes once (fail-on) in a nearer file: a warning that it is not used.
    (drafts / "factcheck.yaml").write_text("fail-on: warning\n")
    done = run(factcheck_bin, "check", articles, *base, cwd=elsewhere)
    assert "drafts/factcheck.yaml: fail-on not used" in done.stderr and done.returncode == 0
    assert run(factcheck_bin, "check", f"{articles}/drafts", *base, cwd=elsewhere).returncode == 1


def test_a_selector_that_matches_no_rule_is_a_located_error(factcheck_bin, folder):
    (folder / "factcheck.yaml").write_text("disable:\n  - FC9\n")
    done = run(factcheck_bin, "check", "articles", cwd=folder)
    assert done.returncode == 2
    assert "factcheck.yaml:2:5: 'FC9' in disable matches no rule" in done.stderr


def test_gitignore_and_excludes(factcheck_bin, folder):
    (folder / "articles" / "node_modules").mkdir()
    (folder / "articles" / "node_modules" / "x.txt").write_text(UNATTRIBUTED)
    (folder / "articles" / "draft-b.txt").write_text(UNATTRIBUTED)
    (folder / ".gitignore").write_text("draft-*.txt\n")
    base = ("check", "articles", "--as-of", "2024-01-01", "-f", "line", "--no-cache")
    paths = {line.split(":")[0] for line in run(factcheck_bin, *base, cwd=folder).stdout.split()
             if line.startswith("articles/")}  # fmt: skip
    assert paths == {"articles/a.txt"}
    done = run(factcheck_bin, *base, "--no-respect-gitignore", "--exclude", "a.txt", cwd=folder)
    assert "articles/draft-b.txt" in done.stdout and "articles/node_modules" in done.stdout
    assert "articles/a.txt" not in done.stdout
    # A file named on the command line is always read.
    assert "draft-b.txt" in run(factcheck_bin, "check", "articles/draft-b.txt", "-f", "line",
                                "--as-of", "2024-01-01", cwd=folder).stdout  # fmt: skip


def test_stdin_filename_output_file_colour_jobs(factcheck_bin, folder):
    base = ("check", "-", "--as-of", "2024-01-01", "--no-cache", "-j", "0")
    done = run(factcheck_bin, *base, "-f", "line", "--stdin-filename", "drafts/x.txt",
               cwd=folder, stdin=UNATTRIBUTED)  # fmt: skip
    assert done.stdout.startswith("drafts/x.txt:1:1: warning FC301")
    out = folder / "report.txt"
    done = run(factcheck_bin, *base, "-o", str(out), "--color", "always", cwd=folder,
               stdin=UNATTRIBUTED)  # fmt: skip
    assert done.stdout == "" and "\x1b[" in out.read_text()
    done = run(factcheck_bin, *base, "--color", "never", cwd=folder, stdin=UNATTRIBUTED)
    assert "\x1b[" not in done.stdout and "FC301" in done.stdout


def test_extract_takes_as_of_and_only_formats_that_hold_claims(factcheck_bin, folder):
    done = run(factcheck_bin, "extract", "articles", "--as-of", "2024-01-01", "-f", "line",
               "--no-cache", cwd=folder)  # fmt: skip
    assert done.returncode == 0 and "claim value=52" in done.stdout
    refused = run(factcheck_bin, "extract", "articles", "-f", "sarif", cwd=folder)
    assert refused.returncode == 2 and "Value error" not in refused.stderr


def test_rules_lists_fc001_and_disabled_rules_and_explains_fc001(factcheck_bin, folder):
    (folder / "factcheck.yaml").write_text("disable: [FC4]\n")
    done = run(factcheck_bin, "rules", "-f", "json", cwd=folder)
    rows = {row["id"]: row for row in json.loads(done.stdout)}
    assert rows["FC001"]["file"] == "built in" and rows["FC401"]["level"] == "disabled"
    text = run(factcheck_bin, "rules", cwd=folder).stdout
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "rules/default.yaml" in text or "default.yaml" in text
    assert run(factcheck_bin, "explain", "FC001").stdout.startswith("FC001 meta.unused")


def test_metadata_problems_titles_and_as_of_never_re_dates(factcheck_bin, tmp_path):
    """Frictions 4, 15 and 27: an impossible date or a misspelt key is said; page furniture
    is no title; --as-of leaves an article's inferred date as it is."""
    (tmp_path / "bad-date.md").write_text(
        "---\ntitle: Bridge closed\npublished: 2024-14-40\n---\nThe bridge closed.\n"
    )
    (tmp_path / "bad-key.md").write_text("---\npubished: 2024-03-01\n---\nThe bridge closed.\n")
    (tmp_path / "page.txt").write_text(
        "Menu Search\n\nRiver ferries stop as the storm nears the coast\n\n"
        "Ferries stopped running on Wednesday, March 6, officials said. The crossing has run "
        "daily since 2011.\n"
    )
    base = ("extract", ".", "-f", "json", "--no-cache")
    done = run(factcheck_bin, *base, cwd=tmp_path)
    assert "bad-date.md:3: published: '2024-14-40' is not a date" in done.stderr
    assert "bad-key.md:2: unknown metadata key 'pubished' (did you mean 'published'?)" in (
        done.stderr
    )
    documents = {d["path"]: d for d in json.loads(done.stdout)["documents"]}
    assert documents["page.txt"]["title"] == "River ferries stop as the storm nears the coast"
    assert documents["bad-date.md"]["published"] is None
    inferred = documents["page.txt"]["published"]
    assert inferred and inferred.endswith("-03-06")
    early = json.loads(run(factcheck_bin, *base, "--as-of", "2019-12-31", cwd=tmp_path).stdout)
    assert {d["path"]: d["published"] for d in early["documents"]}["page.txt"] == inferred


def test_test_rules_says_each_status_once_and_warns_of_rules_without_examples(
    factcheck_bin, tmp_path
):
    (tmp_path / "house.yaml").write_text(
        "rules:\n"
        "  - id: NR101\n    name: house.sourced\n    kind: unattributed\n    level: warning\n"
        "    message: \"{value} needs a source\"\n"
        "    examples:\n"
        "      - text: \"Officials said 300 people left the valley.\"\n        expect: pass\n"
        "  - id: NR102\n    name: house.bare\n    kind: unattributed\n    level: warning\n"
        "    message: \"{value} needs a source\"\n"
    )
    done = run(factcheck_bin, "test-rules", "house.yaml", cwd=tmp_path)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines[0] == "  ok house.yaml:8: NR101 example 1 (expect pass)"
    assert lines[1].startswith("warn house.yaml:10:5: NR102 has no examples")
    assert lines[-1] == "1 passed, 0 failed, 1 rule without examples"
