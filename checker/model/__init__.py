"""The domain model: frozen dataclasses that flow documents -> claims -> findings -> report.

Every stage produces new objects; nothing is mutated after construction. Invariants are
checked in ``__post_init__`` so a malformed object fails where it is made, not where it is
rendered.

- :mod:`.document`: ``Document`` and the ``Position`` of a character in its file;
- :mod:`.claim`: ``Claim`` and its ``Attribution``, and their cache records;
- :mod:`.finding`: ``Finding`` and the ``Report`` of a check;
- :mod:`.rules`: ``Rule`` (with its filter and examples), ``Settings``, ``RuleSet`` and the
  one :func:`exit_code`.

The model imports nothing of the package but the vocabulary it carries in a ``RuleSet``.
"""

from __future__ import annotations

from .claim import (
    QUALIFIERS,
    TRENDS,
    Attribution,
    Claim,
    claim_from_record,
    claim_to_record,
    shared,
)
from .document import PUBLISHED_FROM, Document, Position, compress_offsets
from .finding import LEVELS, Finding, Report
from .rules import (
    FAIL_LEVELS,
    Example,
    ExampleDocument,
    PathOverride,
    Rule,
    RuleFilter,
    RuleSet,
    Settings,
    exit_code,
    sentence_pattern,
)

__all__ = [
    "FAIL_LEVELS",
    "LEVELS",
    "PUBLISHED_FROM",
    "QUALIFIERS",
    "TRENDS",
    "Attribution",
    "Claim",
    "Document",
    "Example",
    "ExampleDocument",
    "Finding",
    "PathOverride",
    "Position",
    "Report",
    "Rule",
    "RuleFilter",
    "RuleSet",
    "Settings",
    "claim_from_record",
    "claim_to_record",
    "compress_offsets",
    "exit_code",
    "sentence_pattern",
    "shared",
]
