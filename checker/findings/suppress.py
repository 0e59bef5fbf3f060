"""Applying suppressions: dropping the findings they cover, reporting unused ones (FC001).

The documents stage reads each article's suppression comments
(``checker.documents.directives``: the directive syntax is documented there) into
``Document.suppressions``. After the rules run, :func:`apply` drops every finding that falls in
a matching suppression, and reports each suppression that silenced nothing, or that cannot
be read, as a finding of the built-in rule FC001 ``meta.unused-suppression`` (level
suggestion; settings may change its level or disable it like any rule).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..documents.directives import Suppression, line_starts
from ..model import Document, Finding, Settings


@dataclass(frozen=True)
class MetaRule:
    """A built-in rule that is not a kind: enough for settings to enable it or set its level."""

    id: str
    name: str
    kind: str
    level: str
    description: str
    link: str = ""


UNUSED = MetaRule(
    id="FC001",
    name="meta.unused-suppression",
    kind="unused-suppression",
    level="suggestion",
    description=(
        "A factcheck suppression comment that silenced no finding, or that cannot be read. "
        "Remove it, or fix the rule ids it names."
    ),
    link="https://github.com/factcheck/factcheck/blob/main/docs/rules.md#fc001",
)


def apply(
    findings: Sequence[Finding],
    documents: Sequence[Document],
    *,
    settings: Settings | None = None,
    known_rules: Iterable[str] = (),
) -> list[Finding]:
    """``findings`` less those a suppression covers, plus an FC001 finding for every
    suppression that covered none (or cannot be read), in the input order then FC001s.

    ``known_rules`` (ids and names of the active rules) lets the FC001 message say when a
    directive names a rule that does not exist.
    """
    by_path = {document.path: document for document in documents if document.suppressions}
    if not by_path:
        return list(findings)
    used: set[tuple[str, int]] = set()
    kept: list[Finding] = []
    starts_by_path = {path: line_starts(doc.raw or doc.text) for path, doc in by_path.items()}
    for finding in findings:
        document = by_path.get(finding.path or "")
        if document is None:
            kept.append(finding)
            continue
        starts = starts_by_path[document.path]
        offset = starts[min(finding.line, len(starts)) - 1] + finding.column - 1
        covering = [
            k
            for k, suppression in enumerate(document.suppressions)
            if matches(suppression, finding) and suppression.start <= offset < suppression.end
        ]
        used.update((document.path, k) for k in covering)
        if not covering:
            kept.append(finding)
    known = {rule.upper() for rule in known_rules}
    for path, document in sorted(by_path.items()):
        if settings is not None and not settings.is_enabled(UNUSED, path):  # type: ignore[arg-type]
            continue
        level = settings.level_for(UNUSED, path) if settings is not None else UNUSED.level  # type: ignore[arg-type]
        for k, suppression in enumerate(document.suppressions):
            if (path, k) not in used:
                kept.append(_unused(suppression, path, level, known))
    return kept


def matches(suppression: Suppression, finding: Finding) -> bool:
    """Whether ``suppression`` names the finding's rule (by id or name)."""
    if suppression.problem is not None:
        return False
    if suppression.rules is None:
        return True
    wanted = {rule.upper() for rule in suppression.rules}
    return finding.rule.upper() in wanted or (finding.name or "").upper() in wanted


def _unused(suppression: Suppression, path: str, level: str, known: set[str]) -> Finding:
    said = f"'{suppression.directive}'"
    if suppression.problem is not None:
        message = f"Suppression {said} cannot be read: {suppression.problem}."
    else:
        scope = "paragraph after it" if suppression.verb == "ignore" else "region it turns off"
        rules = (
            "no finding"
            if suppression.rules is None
            else (f"no {' or '.join(suppression.rules)} finding")
        )
        message = f"Suppression {said} is unused: {rules} in the {scope}. Remove it."
        unknown = [r for r in suppression.rules or () if known and r.upper() not in known]
        if unknown:
            message += f" (No active rule {', '.join(unknown)}.)"
    return Finding(
        rule=UNUSED.id,
        kind=UNUSED.kind,
        level=level,
        message=message,
        path=path,
        line=suppression.line,
        column=suppression.column,
        name=UNUSED.name,
    )
