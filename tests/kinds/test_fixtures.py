"""Every kind's YAML fixture cases, run by one parametrised test (as sqlfluff does).

``tests/fixtures/kinds/<kind>.yaml`` holds ``cases``: hand-built claims as mappings (the
defaults below fill in an attributed, exact death toll in Gaza dated 2023-10-30 in
``a.md``), the documents' publication dates, the rule's options, and the findings expected
as ``{claim: ID, related: [ID, ...]}`` (``related`` optional) plus words the first
finding's message must contain. No extractor is involved: the kind alone is tested.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

from checker.findings.engine import run
from checker.kinds import KINDS, get_kind
from checker.model import Attribution, Claim, Document, Rule, RuleSet, Settings
from checker.vocabulary import Measure, Vocabulary

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "kinds"
VOCABULARY = Vocabulary(
    measures={
        "killed": Measure(
            "killed", nouns=("dead", "deaths"), cumulative=True, requires_attribution=True
        ),
        "injured": Measure("injured", cumulative=True, requires_attribution=True),
        "troops": Measure("troops", nouns=("troops", "soldiers", "soldier")),
        "protesters": Measure("protesters", nouns=("protesters",)),
    }
)
DEFAULTS = {
    "qualifier": "exact",
    "measure": "killed",
    "location": "Gaza",
    "as_of": "2023-10-30",
    "path": "a.md",
    "concept": "people",
    "source": "the health ministry",
}


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def build_claim(number: int, spec: dict) -> Claim:
    fields = {**DEFAULTS, **spec}
    value = float(fields.pop("value"))
    source = fields.pop("source")
    claim_id = str(fields.pop("id", f"c{number}"))
    text = fields.pop("text", f"{value:,.0f} people")
    low, high = fields.pop("low", value), fields.pop("high", value)
    return Claim(
        text=text,
        sentence=fields.pop("sentence", f"{text} sentence {number}."),
        start=fields.pop("start", number * 100),
        end=fields.pop("end", number * 100 + 5),
        value=value,
        low=None if low is None else float(low),
        high=None if high is None else float(high),
        as_of=_date(fields.pop("as_of")),
        attribution=Attribution(source, "said") if source else None,
        line=fields.pop("line", number),
        id=claim_id,
        **fields,
    )


def build_rule(kind: str, options: dict) -> Rule:
    placeholders = sorted(get_kind(kind).PLACEHOLDERS)
    return Rule(
        id="T1",
        name=f"test.{kind}",
        kind=kind,
        level="error",
        message=" | ".join("{" + name + "}" for name in placeholders),
        options=MappingProxyType(
            {
                **get_kind(kind).OPTIONS,
                **{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()},
            }
        ),
    )


def cases():
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            yield pytest.param(data["kind"], case, id=f"{path.stem}-{name}")


@pytest.mark.parametrize(("kind", "case"), list(cases()))
def test_fixture(kind, case):
    claims = [build_claim(n, spec) for n, spec in enumerate(case["claims"], start=1)]
    evidence = [build_claim(n, spec) for n, spec in enumerate(case.get("evidence", []), start=500)]
    published = {path: _date(date) for path, date in (case.get("published") or {}).items()}
    paths = sorted({c.path for c in [*claims, *evidence]} | set(published))
    documents = [
        Document(
            path=path,
            text=f"An unrelated article {path}.",
            published=published.get(path),
            published_from="metadata" if published.get(path) else None,
        )
        for path in paths
    ]
    ruleset = RuleSet(
        rules=(build_rule(kind, case.get("options") or {}),),
        vocabulary=VOCABULARY,
        settings=Settings(),
    )
    findings = run(claims, documents, ruleset, as_of=_date(case.get("as_of")), evidence=evidence)
    expected = case.get("findings") or []
    got = [
        {"claim": f.claim, "related": list(f.related)}
        if any("related" in e for e in expected)
        else {"claim": f.claim}
        for f in findings
    ]
    want = [
        {"claim": e["claim"], "related": e["related"]} if "related" in e else {"claim": e["claim"]}
        for e in expected
    ]
    assert got == want
    for word in case.get("message_has", []):
        assert word in findings[0].message


def test_every_kind_has_a_fixture_file_with_passing_and_failing_cases():
    for kind in KINDS:
        path = FIXTURES / f"{kind}.yaml"
        if not path.exists():
            continue  # kinds added by their own engineers may keep Python-only tests
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["kind"] == kind
        outcomes = {bool(case.get("findings")) for case in data["cases"].values()}
        assert outcomes == {True, False}, f"{path.name} needs passing and failing cases"
    for kind in ("contradiction", "dispute", "stale", "unattributed", "conversion"):
        assert (FIXTURES / f"{kind}.yaml").exists()
