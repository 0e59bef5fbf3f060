"""The message placeholders every kind shares: one claim's, and the other claim's it cites."""

from __future__ import annotations

CLAIM = frozenset(
    {
        "value",
        "text",
        "measure",
        "location",
        "group",
        "as_of",
        "source",
        "path",
        "line",
        "published",
    }
)
OTHER = frozenset(
    {
        "other",
        "other_text",
        "other_source",
        "other_as_of",
        "other_path",
        "other_line",
        "other_where",
        "other_published",
    }
)
