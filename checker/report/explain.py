"""Listing and explaining rules: ``factcheck rules``, ``explain`` and ``test-rules``."""

from __future__ import annotations

from ..kinds import documentation
from ..model import Rule, RuleSet, Settings


def rules_table(ruleset: RuleSet) -> list[tuple[str, str, str, str, str]]:
    """Rows for ``factcheck rules``: id, name, kind, level (after overrides), file.

    Disabled rules are left out.
    """
    settings = ruleset.settings
    return [
        (rule.id, rule.name, rule.kind, settings.level_for(rule), rule.path or "")
        for rule in ruleset.rules
        if settings.is_enabled(rule)
    ]


def describe_rule(rule: Rule, settings: Settings | None = None) -> str:
    """``factcheck explain``: the rule, its message and options, its examples, its kind's docs."""
    level = settings.level_for(rule) if settings else rule.level
    lines = [f"{rule.id} {rule.name} ({rule.kind}, {level})"]
    if rule.path:
        lines.append(f"defined in {rule.path}:{rule.line}")
    if rule.link:
        lines.append(rule.link)
    if rule.description:
        lines += ["", rule.description]
    lines += ["", "Message:", f"    {rule.message}", "", "Options:"]
    options = [f"    {name}: {_show(value)}" for name, value in rule.options.items()]
    lines += options or ["    (none)"]
    filters = [
        (name, getattr(rule.filter, name))
        for name in ("measures", "units", "locations", "qualifiers", "sentence")
    ]
    shown = [f"    {name}: {_show(value)}" for name, value in filters if value]
    if shown:
        lines += ["", "Applies to:", *shown]
    if rule.examples:
        lines += ["", "Examples:"]
        for example in rule.examples:
            dated = f", published {example.published}" if example.published else ""
            note = f" ({example.note})" if example.note else ""
            lines.append(f"  {example.expect}{dated}{note}:")
            lines.append(f"    {' '.join(example.text.split())}")
            for extra in example.documents:
                when = f"published {extra.published}" if extra.published else "undated"
                lines.append(f"    read against ({when}): {' '.join(extra.text.split())}")
    doc = documentation(rule.kind)
    lines += ["", f"Kind {rule.kind}:", "", doc]
    return "\n".join(lines)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)
