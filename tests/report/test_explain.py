"""Listing and explaining rules (``factcheck rules`` and ``explain``)."""

from __future__ import annotations

from checker.config import load_ruleset
from checker.model import RuleSet, Settings
from checker.report.explain import describe_rule, rules_table


def test_rules_table_and_describe_rule_follow_settings():
    ruleset = load_ruleset()
    tuned = RuleSet(
        ruleset.rules, ruleset.vocabulary, Settings(disable=("FC4",), levels={"FC201": "error"})
    )
    rows = rules_table(tuned)
    assert ("FC201", "freshness.stale", "stale", "error", "rules/default.yaml") in rows
    assert "FC401" not in [row[0] for row in rows]
    text = describe_rule(tuned.get("FC201"), tuned.settings)
    assert text.startswith("FC201 freshness.stale (stale, error)")
    for part in (
        "Message:",
        "Options:",
        "after_publication: false",
        "Examples:",
        "read against (published 2023-11-03)",
        "Kind stale:",
        "What it catches",
    ):
        assert part in text
