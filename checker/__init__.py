"""factcheck: an LLM-free fact-consistency checker for numeric claims in news.

The library entry points are :func:`check` (paths in, a :class:`Report` of documents, claims
and findings out) and :func:`extract` (text in, claims out). The stages they compose, in the
order data flows: ``documents`` -> ``extraction`` -> ``grouping`` -> ``kinds`` -> ``findings``
-> ``report``; ``cli`` is the command line over them.
"""

from __future__ import annotations

from .api import check, extract
from .model import Attribution, Claim, Document, Finding, Report
from .version import __version__

__all__ = [
    "__version__",
    "Attribution",
    "Claim",
    "Document",
    "Finding",
    "Report",
    "check",
    "extract",
]
