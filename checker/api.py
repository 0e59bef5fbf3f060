"""The library entry points: ``extract()`` and ``check()``.

The CLI is a thin layer over these; so are tests and other programs. The flow is one way:
documents -> claims -> findings -> report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Sequence
from typing import Any

from . import config
from .archive import load_evidence
from .documents import load_documents, load_text, with_suppressions
from .findings import baseline
from .findings.engine import finding_order
from .findings.engine import run as run_rules
from .findings.suppress import apply as apply_suppressions
from .grouping import find_stories, stories_key
from .model import Claim, Report
from .runner import extract_documents


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    model: str | None = None,
    vocabulary=None,
) -> list[Claim]:
    """The numeric claims in ``text``, read as if published on ``published``.

    Positions (``line``, ``column``) are in ``text``; ``path`` is None.
    """
    document = load_text(text, path="<text>", published=_as_date(published))
    claims = extract_documents([document], model=model, vocabulary=vocabulary)
    return [dataclasses.replace(c, path=None) for c in claims]


def check(
    paths: Sequence[str],
    *,
    rules: Sequence[str] | None = None,
    as_of: dt.date | str | None = None,
    default_rules: bool = True,
    model: str | None = None,
    stdin: str | None = None,
    strict: bool = False,
    progress: Callable[[int], Any] | None = None,
    ruleset=None,
    cache=None,
    jobs: int = 1,
    against: Sequence[str | Claim] = (),
) -> Report:
    """Check the documents at ``paths`` (files, folders, or "-" with ``stdin``).

    ``as_of`` is the date the check is made for (default: today); it dates drafts that carry
    no publication date of their own.

    ``against`` are archives the documents are checked against: folders or files of
    published articles, or ledgers made by ``factcheck index`` (claims may be given
    directly too). Their claims are evidence: findings cite them but are made on the
    documents at ``paths`` only.
    """
    as_of = _as_date(as_of) or dt.date.today()
    if ruleset is None:
        ruleset = config.load_ruleset(
            list(rules or ()), default_rules=default_rules, settings=config.find_settings()
        )
    documents, notes = load_documents(paths, stdin=stdin, strict=strict, today=as_of)
    documents = with_suppressions(documents)
    # A draft without a date of its own is read as published on ``as_of``: "on Monday"
    # resolves against it. The report still shows its date as unknown.
    dated = [d if d.published else dataclasses.replace(d, published=as_of) for d in documents]
    claims = extract_documents(
        dated,
        model=model,
        vocabulary=ruleset.vocabulary,
        progress=progress,
        cache=cache,
        jobs=jobs,
    )
    evidence = [item for item in against if isinstance(item, Claim)]
    archives = [os.fspath(item) for item in against if not isinstance(item, Claim)]
    if archives:
        found = load_evidence(
            archives,
            claims,
            exclude=[d.path for d in documents],
            model=model,
            vocabulary=ruleset.vocabulary,
            cache=cache,
            strict=strict,
            today=as_of,
        )
        dated += found.documents
        evidence += found.claims
        notes = [*notes, *found.notes]
    remembered = getattr(cache, "stories", None)  # the extraction cache remembers groupings
    stories = remembered(stories_key(dated), dated, find_stories) if remembered else None
    findings = run_rules(claims, dated, ruleset, as_of=as_of, evidence=evidence, stories=stories)
    known = [name for rule in ruleset.rules for name in (rule.id, rule.name)]
    findings = apply_suppressions(findings, documents, settings=ruleset.settings, known_rules=known)
    findings = baseline.with_fingerprints(findings, [*claims, *evidence])
    return Report(
        documents=tuple(sorted(documents, key=lambda d: d.path)),
        claims=tuple(claims),
        findings=tuple(sorted(findings, key=finding_order)),
        notes=tuple(notes),
        rules=ruleset.enabled(),
    )
