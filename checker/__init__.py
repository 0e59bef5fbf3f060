"""factcheck: an LLM-free fact-consistency checker for numeric claims in news."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import check, extract  # noqa: E402
from .model import Attribution, Claim, Document, Finding, Report  # noqa: E402

__all__ = ["Attribution", "Claim", "Document", "Finding", "Report", "check", "extract"]
