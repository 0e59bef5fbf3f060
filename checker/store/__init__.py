"""Persistence: claims and documents kept in SQLite files between runs.

The store takes claims (:class:`~checker.model.Claim`) and documents
(:class:`~checker.model.Document`) together with the keys to keep them under, and gives them
back, placed in the document that asks. It computes no key of its own from extraction or
grouping: the extraction key comes from :mod:`checker.extraction.identity`, the stories key
from :mod:`checker.grouping`, a document's content hash from :mod:`checker.archive`.

- :mod:`.cache`: the extraction cache, each document's claims by text and extraction key,
  and remembered wire-copy groupings. An optimisation: it never fails a run.
- :mod:`.ledger`: the claim ledger, an archive's documents and claims, written in one
  transaction per index run and read by subject for ``check --against``.
- :mod:`.sqlite`: what both share: opening with a header check, transactions, corruption.
"""

from __future__ import annotations

from .cache import ExtractionCache
from .ledger import Ledger, LedgerError

__all__ = ["ExtractionCache", "Ledger", "LedgerError"]
