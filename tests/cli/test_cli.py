"""The command line: through typer's CliRunner and through the installed console script."""

from __future__ import annotations

import json
import subprocess

import jsonschema
import pytest
from typer.testing import CliRunner

from checker.cli import app, main
from checker.report import load_schema

from ..conftest import ROOT, SHARED_SEEDS

runner = CliRunner()


def run_script(factcheck_bin, *args, stdin=None, env=None, tmp_path=None):
    import os

    environment = dict(os.environ, NO_COLOR="1")
    if tmp_path is not None:
        environment["FACTCHECK_CACHE_DIR"] = str(tmp_path / "cache")
    environment.update(env or {})
    return subprocess.run(
        [factcheck_bin, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=300,
    )


def test_api_extract_is_the_function_even_after_the_package_loads():
    import checker
    import checker.extraction  # noqa: F401
    from checker import extract

    assert callable(extract)
    assert checker.extract is extract


def test_check_json_validates_and_is_deterministic(factcheck_bin, tmp_path):
    first = run_script(factcheck_bin, "seeds/", "--format", "json", "--no-cache", tmp_path=tmp_path)
    second = run_script(
        factcheck_bin,
        "check",
        "seeds",
        "--format",
        "json",
        "--no-cache",
        "--jobs",
        "2",
        tmp_path=tmp_path,
    )
    assert first.returncode in (0, 1), first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert data["schema"] == "factcheck/1"
    assert [d["path"] for d in data["documents"]] == sorted(d["path"] for d in data["documents"])
    assert data["summary"]["documents"] == 3


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")
def test_original_articles_validate_and_dates_are_inferred(factcheck_bin, tmp_path):
    result = run_script(factcheck_bin, str(SHARED_SEEDS), "--format", "json", tmp_path=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    dates = {
        d["path"].rsplit("/", 1)[-1][:3]: (d["published"], d["published_from"])
        for d in data["documents"]
    }
    assert dates["000"] == ("2023-10-30", "inferred")
    assert dates["004"][0] in ("2023-12-26", "2023-12-27")
    # The unattributed Gaza figures of the December article are flagged; no contradiction.
    flagged = {(f["rule"], f["path"][-25:]) for f in data["findings"]}
    assert any(rule == "FC301" and "004" in path for rule, path in flagged)
    assert not any(f["kind"] == "contradiction" for f in data["findings"])


def test_missing_path_is_one_line_exit_2(factcheck_bin, tmp_path):
    result = run_script(factcheck_bin, "no/such/folder", tmp_path=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: error:")
    assert "Traceback" not in result.stderr


def test_bad_option_is_one_line_exit_2(factcheck_bin, tmp_path):
    for args in (
        ["seeds", "--format", "xml"],
        ["seeds", "--as-of", "yesterday"],
        ["seeds", "--bogus"],
    ):
        result = run_script(factcheck_bin, *args, tmp_path=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("factcheck: error:"), result.stderr
        assert "internal error" not in result.stderr


def test_missing_argument_is_a_usage_error(factcheck_bin, tmp_path):
    result = run_script(factcheck_bin, "check", tmp_path=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "factcheck: error: Missing argument 'PATH...'."


def test_unreadable_explicit_file_is_exit_2(factcheck_bin, tmp_path):
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = run_script(factcheck_bin, str(binary), tmp_path=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_stdin_and_line_format(factcheck_bin, tmp_path):
    text = "At least 40 people were killed in Gaza on Monday.\n"
    result = run_script(
        factcheck_bin,
        "-",
        "--format",
        "line",
        "--as-of",
        "2024-03-11",
        "--fail-on",
        "warning",
        stdin=text,
        tmp_path=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("<stdin>:1:1: warning FC301 ")


def test_fail_on_and_exit_zero(factcheck_bin, tmp_path):
    text = "At least 40 people were killed in Gaza on Monday.\n"
    assert run_script(factcheck_bin, "-", stdin=text, tmp_path=tmp_path).returncode == 0
    assert (
        run_script(
            factcheck_bin, "-", "--fail-on", "warning", "--exit-zero", stdin=text, tmp_path=tmp_path
        ).returncode
        == 0
    )
    assert (
        run_script(
            factcheck_bin, "-", "--fail-on", "never", stdin=text, tmp_path=tmp_path
        ).returncode
        == 0
    )


def test_table_has_no_colour_off_a_terminal(factcheck_bin, tmp_path):
    result = run_script(factcheck_bin, "seeds/", tmp_path=tmp_path)
    assert "\x1b[" not in result.stdout
    assert "20,600" in result.stdout
    assert "documents," in result.stdout.splitlines()[-1]


def test_cli_runner_rules_and_explain():
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    ids = [r["id"] for r in json.loads(result.stdout)]
    assert {"FC101", "FC201", "FC301", "FC401"} <= set(ids)
    result = runner.invoke(app, ["explain", "FC301"])
    assert result.exit_code == 0
    assert "unattributed" in result.stdout.lower()


def test_main_turns_errors_into_exit_codes(capsys):
    assert main(["explain", "FC999"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("factcheck: error: no rule 'FC999'")
    assert main(["--version"]) == 0


def test_extract_command_json(tmp_path, factcheck_bin):
    result = run_script(factcheck_bin, "extract", "seeds/", "--format", "json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert data["findings"] == []
    figures = {(c["value"], c["measure"], c["location"]) for c in data["claims"]}
    assert (8306.0, "killed", "Gaza") in figures
    assert (900.0, "troops", "Syria") in figures


def test_default_rules_and_vocabularies_are_found_where_installed():
    from checker.resources import rules_dir

    folder = rules_dir()
    assert (folder / "default.yaml").is_file()
    assert {p.name for p in (folder / "vocabulary").glob("*.yaml")} >= {
        "measures.yaml",
        "places.yaml",
        "groups.yaml",
    }
