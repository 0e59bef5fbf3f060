"""Listing and explaining rules: ``factcheck rules``, ``explain`` and ``docs/rules.md``.

``docs/rules.md`` is :func:`rules_markdown` of the shipped rules with no settings, written
by ``factcheck explain --all``; a test regenerates it and compares, so the page the rules'
``link`` and SARIF's ``helpUri`` point to always says what ``explain`` says.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..findings.suppress import UNUSED
from ..kinds import documentation
from ..model import Rule, RuleSet, Settings
from ..resources import rules_dir

# FC001 is built in, not a kind: its documentation is here.
UNUSED_DOC = """\
What it catches
    A suppression comment that silenced no finding, or that cannot be read: an unknown
    directive, or a rule id or name that no active rule has.

Suppressions
    <!-- factcheck: ignore FC301 -->     the next paragraph (HTML: the next block element)
    <!-- factcheck: off [RULES] -->      ... <!-- factcheck: on -->  a region
    factcheck: ignore FC301              in plain text, a line of its own

    Name rules by id or name, or none for all.

Passes
    <!-- factcheck: ignore FC301 -->
    At least 40 people were killed in Gaza on Monday.

Fails
    <!-- factcheck: ignore FC999 -->
    The ministry said 40 people were killed in Gaza on Monday."""


def rules_table(ruleset: RuleSet) -> list[tuple[str, str, str, str, str]]:
    """Rows for ``factcheck rules``: id, name, kind, level (after overrides, or "disabled"),
    file; the built-in FC001 first."""
    settings = ruleset.settings
    rows = [
        (
            UNUSED.id,
            UNUSED.name,
            UNUSED.kind,
            _level(UNUSED, settings),
            "built in",
        )
    ]
    rows += [
        (rule.id, rule.name, rule.kind, _level(rule, settings), rule.path or "")
        for rule in ruleset.rules
    ]
    return rows


def _level(rule, settings: Settings) -> str:
    return settings.level_for(rule) if settings.is_enabled(rule) else "disabled"  # type: ignore[arg-type]


def find_rule(ruleset: RuleSet, wanted: str):
    """A rule (or FC001) by id, any case, or by name; None when there is none."""
    wanted = wanted.strip()
    for candidate in (UNUSED, *ruleset.rules):
        if wanted.upper() == candidate.id.upper() or wanted == candidate.name:
            return candidate
    return None


def known_rules(ruleset: RuleSet) -> list[tuple[str, str]]:
    """(id, name) of every rule a selector may name, FC001 included."""
    return [(UNUSED.id, UNUSED.name), *((rule.id, rule.name) for rule in ruleset.rules)]


def plain(doc: str) -> str:
    """reST inline literals (``name``) as plain text."""
    return re.sub(r"``([^`]+)``", r"\1", doc)


def _defined_in(rule: Rule) -> str:
    """Where the rule is written: the installed file for a shipped rule."""
    path = Path(rule.path or "")
    if not path.is_file():
        shipped = rules_dir().parent / path
        if shipped.is_file():
            path = shipped
    return f"{path}:{rule.line}"


def describe_rule(rule, settings: Settings | None = None, *, located: bool = True) -> str:
    """``factcheck explain``: the rule, its message and options, its examples, its kind's docs.

    ``located`` False leaves out the file the rule is defined in (for ``docs/rules.md``)."""
    level = settings.level_for(rule) if settings else rule.level
    lines = [f"{rule.id} {rule.name} ({rule.kind}, {level})"]
    if rule is UNUSED:
        lines += ["built in", rule.link, "", rule.description, "", UNUSED_DOC]
        return "\n".join(lines)
    if rule.path and located:
        lines.append(f"defined in {_defined_in(rule)}")
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
    lines += ["", f"Kind {rule.kind}:", "", plain(documentation(rule.kind))]
    return "\n".join(lines)


def rules_markdown(ruleset: RuleSet) -> str:
    """``docs/rules.md``: every rule as ``explain`` prints it, one section each."""
    rules = [UNUSED, *sorted(ruleset.rules, key=lambda rule: rule.id)]
    lines = [
        "# factcheck rules",
        "",
        "Generated by `factcheck explain --all --isolated > docs/rules.md` from the shipped",
        "rules; `tests/report/test_rules_doc.py` fails when it is out of date.",
        "",
        "| id | name | kind | level |",
        "|---|---|---|---|",
        *(f"| [{r.id}](#{r.id.lower()}) | {r.name} | {r.kind} | {r.level} |" for r in rules),
    ]
    for rule in rules:
        text = describe_rule(rule, Settings(), located=False)
        lines += ["", f'<a name="{rule.id.lower()}"></a>', "", f"## {rule.id} {rule.name}", ""]
        lines += ["```text", text, "```"]
    return "\n".join(lines) + "\n"


def overlapping_rules(ruleset: RuleSet) -> list[str]:
    """Warnings for a user's rule of the same kind (and mode) as an enabled shipped rule whose
    filter covers the same measures: each conflict would be reported twice."""
    settings = ruleset.settings
    enabled = [rule for rule in ruleset.rules if settings.is_enabled(rule)]
    shipped = [rule for rule in enabled if re.fullmatch(r"FC[0-9]{3}", rule.id)]
    notes = []
    for mine in enabled:
        if mine in shipped:
            continue
        for ours in shipped:
            if ours.kind != mine.kind or ours.options.get("mode") != mine.options.get("mode"):
                continue
            a, b = set(ours.filter.measures), set(mine.filter.measures)
            if a and b and not a & b:
                continue
            notes.append(
                f"rule {mine.id} ({mine.kind}) checks figures that {ours.id} {ours.name} already "
                f"checks: each one it finds will be reported twice. Disable one "
                f"(disable: [{ours.id}]) or narrow {mine.id}'s filter"
            )
    return notes


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)
