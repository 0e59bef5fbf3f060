"""Applying rules to claims: groups in, findings out.

For each enabled rule the engine narrows the claims to the rule's filter, hands them to the
rule's kind with a :class:`Context`, and stamps every finding with the rule's id, name, kind
and level (after the settings' level overrides for the finding's path). Kinds never decide
levels or enabling; configuration does, here, in one place.

Findings are made only on ``claims``. ``evidence`` (claims from an archive, say) may be
cited by findings but is never reported on: checking a draft against what was already
published must not re-report the archive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..grouping import ComparisonIndex, find_stories, story_dates
from ..kinds import get_kind
from ..kinds.context import Context
from ..kinds.names import NameStyle
from ..kinds.reference import ReferencePoint
from ..model import Claim, Document, Finding, Rule, RuleSet


def run(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    ruleset: RuleSet,
    *,
    as_of: dt.date | None = None,
    evidence: Sequence[Claim] = (),
    stories: Mapping[str, str] | None = None,
    references: Sequence[ReferencePoint] = (),
    names: NameStyle | None = None,
    people: Mapping[str, tuple] | None = None,
) -> list[Finding]:
    """Apply every enabled rule of ``ruleset``; findings sorted by path, line, column, rule.

    ``stories`` maps each document path to its story (default: found here, see
    :func:`checker.grouping.find_stories`); ``references`` are the points of ``--reference``
    series (kind reference), ``names`` the house spellings of names and ``people`` the
    people each document names (kind names; read when not given)."""
    settings = ruleset.settings
    if stories is None:
        stories = find_stories(documents)
    context = Context(
        documents={document.path: document for document in documents},
        vocabulary=ruleset.vocabulary,
        as_of=as_of,
        comparisons=ComparisonIndex(ruleset.vocabulary, stories),
        story_dates=story_dates(documents, stories),
        references=tuple(references),
        names=names,
        people=people,
    )
    paths = {claim.path for claim in claims}
    findings: dict[tuple, Finding] = {}
    for rule in ruleset.rules:
        if not any(settings.is_enabled(rule, path) for path in paths):
            continue
        chosen = [claim for claim in claims if rule.filter.matches(claim)]
        if not chosen:
            continue
        ruled = replace(context, evidence=tuple(c for c in evidence if rule.filter.matches(c)))
        for finding in get_kind(rule.kind).check(chosen, ruled, rule):
            if settings.is_enabled(rule, finding.path):
                stamped = _stamp(finding, rule, settings.level_for(rule, finding.path))
                findings.setdefault(_identity(stamped), stamped)
    return sorted(findings.values(), key=finding_order)


def _stamp(finding: Finding, rule: Rule, level: str) -> Finding:
    return replace(finding, rule=rule.id, name=rule.name, kind=rule.kind, level=level)


def _identity(finding: Finding) -> tuple:
    return (finding.rule, finding.path, finding.line, finding.column, finding.claim)


def finding_order(finding: Finding) -> tuple:
    return (finding.path or "", finding.line, finding.column, finding.rule, finding.message)
