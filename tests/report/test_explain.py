"""Listing and explaining rules (``factcheck rules``, ``explain``, ``docs/rules.md``)."""

from __future__ import annotations

import json
from pathlib import Path

from checker.config import load_ruleset
from checker.model import Rule, RuleFilter, RuleSet, Settings
from checker.report import schema_path
from checker.report.explain import (
    describe_rule,
    find_rule,
    overlapping_rules,
    rules_markdown,
    rules_table,
)

ROOT = Path(__file__).resolve().parents[2]


def test_rules_table_and_describe_rule_follow_settings():
    ruleset = load_ruleset()
    tuned = RuleSet(
        ruleset.rules, ruleset.vocabulary, Settings(disable=("FC4",), levels={"FC201": "error"})
    )
    rows = rules_table(tuned)
    assert ("FC201", "freshness.stale", "stale", "error", "rules/default.yaml") in rows
    # A disabled rule is listed as disabled, not left out; FC001 is listed first.
    assert ("FC401", "units.conversion", "conversion", "disabled", "rules/default.yaml") in rows
    assert rows[0][:4] == ("FC001", "meta.unused-suppression", "unused-suppression", "suggestion")
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
    assert "``" not in text  # reST literals printed as plain text


def test_fc001_is_found_and_explained():
    ruleset = load_ruleset()
    rule = find_rule(ruleset, "fc001")
    assert rule is not None and rule.id == "FC001"
    assert find_rule(ruleset, "meta.unused-suppression") is rule
    text = describe_rule(rule, ruleset.settings)
    assert text.startswith("FC001 meta.unused-suppression (unused-suppression, suggestion)")
    assert "factcheck: ignore FC301" in text and "docs/rules.md#fc001" in text


def test_docs_rules_md_is_generated_from_explain():
    """docs/rules.md is what `factcheck explain --all --isolated` prints: regenerate it with
    that command when a shipped rule changes."""
    expected = rules_markdown(load_ruleset(settings=Settings()))
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == expected


def test_every_rule_link_has_its_anchor_in_docs_rules_md():
    ruleset = load_ruleset(settings=Settings())
    text = rules_markdown(ruleset)
    for rule in ruleset.rules:
        assert rule.link.endswith(f"docs/rules.md#{rule.id.lower()}")
        assert f'<a name="{rule.id.lower()}"></a>' in text


def test_docs_schema_is_the_shipped_schema():
    shipped = json.loads(schema_path().read_text(encoding="utf-8"))
    assert json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8")) == shipped


def _user_rule(rule_id: str, kind: str, measures: tuple[str, ...] = (), **options) -> Rule:
    return Rule(
        rule_id, "newsroom.rule", kind, "error", "{value}",
        filter=RuleFilter(measures=measures), options=options,
    )  # fmt: skip


def test_a_user_rule_of_a_kind_a_shipped_rule_covers_is_named():
    ruleset = load_ruleset()
    fc101 = ruleset.get("FC101")
    twice = _user_rule("NR102", "contradiction", **dict(fc101.options))
    notes = overlapping_rules(RuleSet((*ruleset.rules, twice), ruleset.vocabulary))
    assert any("NR102" in note and "FC101" in note and "twice" in note for note in notes)
    # Two rules of one kind filtered to different measures do not overlap.
    fc301 = ruleset.get("FC301")
    killed = _user_rule("NR100", "unattributed", ("killed",), **dict(fc301.options))
    other = _user_rule("NR101", "unattributed", ("evacuated",), **dict(fc301.options))
    notes = overlapping_rules(RuleSet((killed, other), ruleset.vocabulary))
    assert not any("NR101" in note for note in notes)
