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
from .config.excludes import Excluder
from .config.names import load_name_style
from .config.nearest import settings_for_paths
from .config.series import load_series
from .documents import load_documents, load_text, with_suppressions
from .findings import baseline
from .findings.engine import finding_order
from .findings.engine import run as run_rules
from .findings.suppress import apply as apply_suppressions
from .grouping import find_stories, stories_key
from .model import Claim, Report
from .runner import extract_documents, people_of


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
    references: Sequence[str] = (),
    names: Sequence[str] = (),
    engine=None,
    exclude=None,
) -> Report:
    """Check the documents at ``paths`` (files, folders, or "-" with ``stdin``).

    Settings are found as the command line finds them (each file follows the nearest
    settings file above it) unless ``ruleset`` is given; files found in folders are left
    out as the settings say (``.gitignore``, ``exclude``, ``extend-exclude``), or as
    ``exclude`` (a :class:`checker.config.excludes.Excluder`) says.

    ``as_of`` is the date the check is made for (default: today); it never dates a document:
    relative dates in a draft with no publication date of its own stay unknown, and a date
    inferred from the text ("Tuesday, December 26") is inferred up to the real today, the
    same with any ``as_of``.

    ``against`` are archives the documents are checked against: folders or files of
    published articles, or ledgers made by ``factcheck index`` (claims may be given
    directly too). Their claims are evidence: findings cite them but are made on the
    documents at ``paths`` only.

    ``references`` are CSV series (``--reference``) figures are checked against (kind
    reference); ``names`` are style lists of house spellings of names (kind names).

    ``engine`` runs extraction, wire-copy grouping and the rules elsewhere: a
    :class:`checker.distributed.DaskEngine` (``--engine dask``), entered; the report is the
    same as without one. ``cache`` and ``jobs`` apply only without an engine.
    """
    as_of = _as_date(as_of) or dt.date.today()
    if ruleset is None:
        settings, _ = settings_for_paths(paths)
        ruleset = config.load_ruleset(
            list(rules or ()), default_rules=default_rules, settings=settings
        )
    if exclude is None:
        exclude = Excluder(ruleset.settings)
    # Read before the documents: a bad series or style list stops the run at once.
    points = load_series(references, vocabulary=ruleset.vocabulary)
    style = load_name_style(names) if names else None
    # The people each document names, for the names rule (cached with the claims).
    wanted = any(rule.kind == "names" for rule in ruleset.enabled())
    if engine is None:
        documents, notes = load_documents(paths, stdin=stdin, strict=strict, exclude=exclude)
        documents = with_suppressions(documents)
        claims = extract_documents(
            documents,
            model=model,
            vocabulary=ruleset.vocabulary,
            progress=progress,
            cache=cache,
            jobs=jobs,
            notes=notes,
        )
    else:  # read on the workers: metadata and claims come back, the text stays there
        read = engine.read(
            paths,
            stdin=stdin,
            strict=strict,
            today=None,  # as load_documents: --as-of never re-dates a document
            model=model,
            vocabulary=ruleset.vocabulary,
            people=wanted,
            progress=progress,
            exclude=exclude,
        )
        documents, claims, notes = read.documents, read.claims, read.notes
    # A draft without a date of its own is never dated by the day of the check: "on Monday"
    # in it has no date (as_of null), and rules that need one skip its figures.
    dated = list(documents)
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
        )
        dated += found.documents
        evidence += found.claims
        notes = [*notes, *found.notes]
    remembered = getattr(cache, "stories", None)  # the extraction cache remembers groupings
    if engine is not None:
        stories = engine.stories(dated)
    elif remembered:
        stories = remembered(stories_key(dated), dated, find_stories)
    else:
        stories = None
    if not wanted:
        people = None
    elif engine is not None:
        people = engine.people(dated, model=model)
    else:
        people = people_of(dated, model=model, cache=cache, jobs=jobs)
    findings = (engine.run_rules if engine is not None else run_rules)(
        claims,
        dated,
        ruleset,
        as_of=as_of,
        evidence=evidence,
        stories=stories,
        references=points,
        names=style,
        people=people,
    )
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
