"""The library entry points: ``extract()`` and ``check()``.

The CLI is a thin layer over these; so are tests and other programs. The flow is one way:
documents -> claims -> findings -> report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from .model import Claim, Document, Report


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
    from .documents import load_text

    document = load_text(text, path="<text>", published=_as_date(published))
    claims = extract_documents([document], model=model, vocabulary=vocabulary)
    return [dataclasses.replace(c, path=None) for c in claims]


def extract_documents(
    documents: Sequence[Document],
    *,
    model: str | None = None,
    vocabulary=None,
    progress: Callable[[int], Any] | None = None,
    cache=None,
    jobs: int = 1,
) -> list[Claim]:
    """Claims of every document, positioned in its file and numbered c1, c2, ... in order."""
    from . import nlp as nlp_module
    from .extract import claims_from_docs, pieces
    from .vocabulary import default_vocabulary

    vocabulary = vocabulary or default_vocabulary()
    per_doc: dict[int, list[Claim]] = {}
    todo: list[int] = []
    for k, doc in enumerate(documents):
        cached = cache.get(doc) if cache is not None else None
        if cached is not None:
            per_doc[k] = cached
            if progress:
                progress(1)
        else:
            todo.append(k)
    if todo:
        nlp = nlp_module.load(model)
        work = [(piece, k) for k in todo for piece in pieces(documents[k].text)]
        parsed = nlp.pipe(((p.text, (p, k)) for p, k in work), as_tuples=True, batch_size=64)
        grouped: dict[int, list] = {k: [] for k in todo}
        for doc, (piece, k) in parsed:
            grouped[k].append((piece, doc))
        for k in todo:
            document = documents[k]
            claims = list(
                claims_from_docs(
                    grouped[k], published=document.published, vocabulary=vocabulary,
                    path=document.path,
                )
            )
            claims = [_positioned(c, document) for c in claims]
            per_doc[k] = claims
            if cache is not None:
                cache.put(document, claims)
            if progress:
                progress(1)
    ordered = sorted(range(len(documents)), key=lambda k: documents[k].path)
    result: list[Claim] = []
    for k in ordered:
        for claim in sorted(per_doc[k], key=lambda c: (c.start, c.end)):
            result.append(dataclasses.replace(claim, id=f"c{len(result) + 1}"))
    return result


def _positioned(claim: Claim, document: Document) -> Claim:
    where = document.position(claim.start)
    return dataclasses.replace(claim, path=document.path, line=where.line, column=where.column)


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
    against: Sequence[Claim] = (),
) -> Report:
    """Check the documents at ``paths`` (files, folders, or "-" with ``stdin``).

    ``as_of`` is the date the check is made for (default: today); it dates drafts that carry
    no publication date of their own.
    """
    from . import config, engine
    from .documents import load_documents

    as_of = _as_date(as_of) or dt.date.today()
    if ruleset is None:
        ruleset = config.load_ruleset(
            list(rules or ()), default_rules=default_rules, settings=config.find_settings()
        )
    documents, notes = load_documents(paths, stdin=stdin, strict=strict)
    claims = extract_documents(
        documents, model=model, vocabulary=ruleset.vocabulary, progress=progress, cache=cache,
        jobs=jobs,
    )
    findings = engine.run(claims, documents, ruleset, as_of=as_of, evidence=against)
    return Report(
        documents=tuple(sorted(documents, key=lambda d: d.path)),
        claims=tuple(claims),
        findings=tuple(findings),
        notes=tuple(notes),
    )
