"""Every rule's examples: a meta-test that they exist, and a run through the real extractor.

The examples in rule files are the rules' tests (``factcheck test-rules`` runs the same
thing). Here each default rule's examples run one by one so a failure names its example.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from checker.config import load_ruleset
from checker.examples import example_documents, run_example, run_examples
from checker.model import Attribution, Claim, Example, ExampleDocument

RULESET = load_ruleset()
CASES = [
    pytest.param(rule, index, example, id=f"{rule.id}-{index}-{example.expect}")
    for rule in RULESET.rules
    for index, example in enumerate(rule.examples, start=1)
]


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda rule: rule.id)
def test_every_rule_has_passing_and_failing_examples(rule):
    expects = [example.expect for example in rule.examples]
    assert "pass" in expects, f"{rule.id} has no example that must pass"
    assert "fail" in expects, f"{rule.id} has no example that must fail"


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda rule: rule.id)
def test_every_rule_is_documented(rule):
    assert rule.description and rule.link and rule.message


@pytest.mark.parametrize(("rule", "index", "example"), CASES)
def test_default_rule_examples_through_the_extractor(rule, index, example):
    result = run_example(rule, example, RULESET.vocabulary, index=index)
    assert result.ok, result.describe()


# --- the machinery, with a stand-in extractor -------------------------------------------


def fake_extract(text, *, published, vocabulary, path):
    """One exact Gaza death toll per text: the first number in it, dated by ``published``."""
    number = float(next(word for word in text.replace(",", "").split() if word.isdigit()))
    return [
        Claim(
            text=f"{number:,.0f} people",
            sentence=text,
            start=0,
            end=5,
            value=number,
            low=number,
            high=number,
            measure="killed",
            location="Gaza",
            as_of=published,
            attribution=Attribution("the ministry", "said") if "said" in text else None,
            path=path,
            id=f"{path}-c1",
        )
    ]


def test_extra_documents_are_evidence_read_against_the_example():
    example = Example(
        text="8306 killed",
        expect="fail",
        published=dt.date(2023, 10, 30),
        documents=(ExampleDocument(text="6000 killed", published=dt.date(2023, 10, 30)),),
    )
    assert [d.path for d in example_documents(example)] == ["example.txt", "example-2.txt"]
    default = RULESET.get("FC101")
    rule = dataclasses.replace(default, options={**default.options, "same_day_totals": "all"})
    result = run_example(rule, example, RULESET.vocabulary, extract=fake_extract)
    assert result.ok
    assert [f.path for f in result.findings] == ["example.txt"]  # none on the evidence
    assert result.findings[0].related == ("example-2.txt-c1",)


def test_results_describe_what_went_wrong():
    rule = RULESET.get("FC301")
    wrong = Example(text="500 killed, the ministry said", expect="fail", line=7)
    result = run_example(rule, wrong, RULESET.vocabulary, extract=fake_extract, index=2)
    assert not result.ok
    assert result.describe().startswith("rules/default.yaml:7: FC301 example 2 (expect fail): no")
    assert "'500 people' measure=killed location=Gaza" in result.describe()
    unexpected = Example(text="500 killed", expect="pass")
    assert (
        "unexpected finding"
        in run_example(rule, unexpected, RULESET.vocabulary, extract=fake_extract).describe()
    )


def test_a_crashing_extractor_fails_one_example_not_the_run():
    def broken(text, **_):
        raise RuntimeError("boom")

    results = run_examples(RULESET, extract=broken, rules=["FC401"])
    assert results and all(not r.ok and r.error == "RuntimeError: boom" for r in results)
    assert {r.rule.id for r in results} == {"FC401"}
