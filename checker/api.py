"""The library entry points: extract() and check()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .model import Claim, Report


def extract(text: str, *, published: dt.date | str | None = None, model: str | None = None) -> list[Claim]:
    """The numeric claims in ``text``, read as if published on ``published``."""
    from .extract import extract_claims

    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return extract_claims(text, published=published, model=model)


def check(paths: Sequence[str], *, rules=None, as_of: dt.date | None = None, **options) -> Report:
    """Check documents at ``paths`` (files or folders) and return the report."""
    raise NotImplementedError
