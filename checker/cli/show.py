"""What ``show-settings`` and ``test-rules`` print: the settings each path follows (as
ruff's ``--show-settings``), and the examples' results."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from ..config.nearest import settings_for
from ..model import RuleSet
from ..report.explain import find_rule, rules_table
from .output import shown_path


def settings_text(paths: Sequence[str], ruleset: RuleSet) -> str:
    """One block per path: its settings file and per-file keys, the run's keys, and the
    rules in force for it with their levels."""
    blocks = [_block(path, ruleset) for path in paths or ["."]]
    return "\n".join(blocks)


def _block(path: str, ruleset: RuleSet) -> str:
    run = ruleset.settings
    own = settings_for(run, path)
    config = shown_path(own.config_path) if own.config_path else "none"
    lines = [
        f"path: {path}",
        f"settings file: {config}",
        f"enable: {list(own.enable)}",
        f"disable: {list(own.disable)}",
        f"levels: {dict(own.levels)}",
    ]
    for glob, layer in own.per_path.items():
        lines.append(
            f"per-path {glob!r}: enable {list(layer.enable)}, disable {list(layer.disable)}, "
            f"levels {dict(layer.levels)}"
        )
    exclude = "defaults" if own.exclude is None else list(own.exclude)
    lines += [
        f"exclude: {exclude}",
        f"extend-exclude: {list(own.extend_exclude)}",
        f"respect-gitignore: {'true' if own.respect_gitignore else 'false'}",
        "",
        "for the whole run (claims of every file are compared with each other), from "
        + (shown_path(run.config_path) if run.config_path else "the defaults")
        + ":",
        f"  default-rules: {'true' if run.default_rules else 'false'}",
        f"  rules: {list(map(shown_path, run.rule_paths))}",
        f"  reference: {list(map(shown_path, run.references))}",
        f"  names: {list(map(shown_path, run.names))}",
        f"  fail-on: {run.fail_on}",
        "",
        f"rules in force for {path}:",
    ]
    rows = rules_table(ruleset)
    width = max(len(rid) for rid, *_ in rows)
    for rid, name, *_ in rows:
        rule = find_rule(ruleset, rid)
        enabled = run.is_enabled(rule, path)  # type: ignore[arg-type]
        level = run.level_for(rule, path) if enabled else "disabled"  # type: ignore[arg-type]
        lines.append(f"  {rid:<{width}}  {level:<10}  {name}")
    return "\n".join(lines) + "\n"


def print_examples(results: Sequence, ruleset: RuleSet, shown: Console) -> list:
    """One status per example, a warning per rule without examples, then the counts; the
    failed results."""
    failed = [r for r in results if not r.ok]
    for result in results:
        mark = "ok" if result.ok else "FAIL"
        style = "green" if result.ok else "bold red"
        said = result.describe()
        said = said.removesuffix(": ok") if result.ok else said  # one status per line
        shown.print(f"[{style}]{mark:>4}[/] {escape(said)}", markup=True, highlight=False)
    bare = [rule for rule in ruleset.rules if not rule.examples]
    for rule in bare:
        where = f"{shown_path(rule.path)}:{rule.line}:{rule.column}" if rule.path else rule.id
        shown.print(
            f"[yellow]warn[/] {escape(where)}: {rule.id} has no examples (add one that should "
            "give a finding, expect: fail, and one that should not, expect: pass)",
            markup=True,
            highlight=False,
        )
    without = f", {len(bare)} rule{'s' if len(bare) != 1 else ''} without examples" if bare else ""
    shown.print(f"{len(results) - len(failed)} passed, {len(failed)} failed{without}")
    return failed
