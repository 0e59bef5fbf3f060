"""The sarif format: valid SARIF 2.1.0 (the OASIS schema, vendored in tests/data)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from checker import __version__
from checker.config import load_ruleset
from checker.findings.suppress import UNUSED
from checker.model import Claim, Document, Finding, Report
from checker.report import FORMATS, RENDERERS, render
from checker.report.sarif import FINGERPRINT_KEY, artifact_uri, to_sarif

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")

# jsonschema checks "uri" only with an optional package installed; these stricter stand-ins
# are enough for what we emit (RFC 3986 characters, a scheme where an absolute URI is due).
FORMATS_CHECKED = jsonschema.FormatChecker(formats=())


@FORMATS_CHECKED.checks("uri")
def _is_uri(value: object) -> bool:
    return isinstance(value, str) and bool(urlsplit(value).scheme) and bool(_URI_CHARS.match(value))


@FORMATS_CHECKED.checks("uri-reference")
def _is_uri_reference(value: object) -> bool:
    return isinstance(value, str) and bool(_URI_CHARS.match(value))


def validate(log: dict) -> None:
    jsonschema.Draft7Validator(SCHEMA, format_checker=FORMATS_CHECKED).validate(log)


def test_the_vendored_schema_is_the_sarif_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"].endswith("sarif-schema-2.1.0.json")
    assert len(SCHEMA["definitions"]) == 52
    with pytest.raises(jsonschema.ValidationError):
        validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})  # no driver name
    with pytest.raises(jsonschema.ValidationError):
        validate({"version": "2.1.0", "runs": [], "extra": 1})


def claim(cid: str, path: str, line: int, value: float = 8306.0) -> Claim:
    text = f"{value:,.0f} people"
    return Claim(
        text=text, sentence=f"{text} were killed.", start=0, end=len(text), value=value,
        low=value, high=value, path=path, line=line, column=5, id=cid, measure="killed",
    )  # fmt: skip


def sample_report() -> Report:
    ruleset = load_ruleset()
    path = "drafts/a b.md"
    findings = (
        Finding("FC101", "contradiction", "error", "8,306 contradicts 6,000", path, 3, 5,
                claim="c1", related=("c2", "c9"), name="consistency.contradiction",
                fingerprint="aa"),
        Finding("FC301", "unattributed", "warning", "no source", path, 7, 1, claim="c2",
                name="attribution.unattributed", fingerprint="bb"),
        Finding("FC301", "unattributed", "warning", "no source", path, 9, 1, claim="c3",
                name="attribution.unattributed", fingerprint="bb"),
        Finding("FC001", "unused-suppression", "suggestion", "Suppression 'x' is unused.", path,
                11, 1, name="meta.unused-suppression", fingerprint="cc"),
        Finding("NEWS9", "stale", "warning", "old", "other.md", 2, 1, claim=None,
                name="newsroom.stale", fingerprint="dd"),
    )  # fmt: skip
    claims = (claim("c1", path, 3), claim("c2", path, 7, 6000.0), claim("c3", path, 9))
    documents = (Document(path=path, text="x"), Document(path="other.md", text="y"))
    return Report(documents=documents, claims=claims, findings=findings, rules=ruleset.rules)


def test_results_rules_levels_locations_and_fingerprints():
    log = to_sarif(sample_report())
    validate(log)
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("factcheck", __version__)
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == sorted(ids) and {"FC001", "FC101", "FC301", "NEWS9"} <= set(ids)
    fc101 = driver["rules"][ids.index("FC101")]
    assert fc101["name"] == "consistency.contradiction"
    assert fc101["defaultConfiguration"] == {"level": "error"}
    assert fc101["helpUri"].startswith("https://") and fc101["shortDescription"]["text"]
    assert driver["rules"][ids.index("FC001")]["name"] == UNUSED.name
    assert driver["rules"][ids.index("FC001")]["defaultConfiguration"] == {"level": "note"}

    results = run["results"]
    assert [r["ruleId"] for r in results] == ["FC101", "FC301", "FC301", "FC001", "NEWS9"]
    assert [r["level"] for r in results] == ["error", "warning", "warning", "note", "warning"]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    first = results[0]
    assert first["message"]["text"] == "8,306 contradicts 6,000"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "drafts/a%20b.md"
    # The end is just after the figure ("8,306 people", 12 characters from column 5).
    assert location["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 17}
    # c2 is in the report, c9 (an archive claim, say) is not: one related location.
    [related] = first["relatedLocations"]
    assert related["physicalLocation"]["region"]["startLine"] == 7
    assert "6,000" in related["message"]["text"]
    # The same fingerprint twice in a file is numbered, as GitHub numbers its line hashes.
    assert [r["partialFingerprints"][FINGERPRINT_KEY] for r in results[1:3]] == ["bb:1", "bb:2"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_extract_mode_and_empty_reports_are_valid():
    validate(to_sarif(Report(), mode="check"))
    log = to_sarif(sample_report(), mode="extract")
    validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_and_github_are_registered_formats():
    assert {"sarif", "github"} <= set(FORMATS) and set(FORMATS) == set(RENDERERS)
    text = render(sample_report(), "sarif")
    assert text.endswith("}\n") and json.loads(text)["version"] == "2.1.0"
    assert render(sample_report(), "sarif") == text  # deterministic


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("seeds/a.md", "seeds/a.md"),
        ("drafts/été 2024.md", "drafts/%C3%A9t%C3%A9%202024.md"),
        ("<stdin>", "%3Cstdin%3E"),
        ("/srv/news/a.md", "file:///srv/news/a.md"),
    ],
)
def test_artifact_uris(path, uri):
    if path.startswith("/") and os.name == "nt":
        pytest.skip("POSIX absolute path")
    assert artifact_uri(path) == uri
    assert _is_uri_reference(uri)


def test_end_to_end_sarif_of_the_seeds_validates(factcheck_bin, root, tmp_path):
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    done = subprocess.run(
        [factcheck_bin, "check", "seeds", "--format", "sarif", "--as-of", "2023-12-30",
         "--exit-zero"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    log = json.loads(done.stdout)
    validate(log)
    results = log["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                           .startswith("seeds/") for r in results)  # fmt: skip
    assert all(r["partialFingerprints"][FINGERPRINT_KEY] for r in results)
    rules = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert {"FC101", "FC201", "FC301"} <= set(rules)
