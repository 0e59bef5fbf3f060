"""The grouping stage: claims in, comparable groups out.

- :mod:`.stories` finds wire copies (documents that are one story) from their word shingles,
  and dates an undated copy by its dated ones;
- :mod:`.comparison` keys each claim by what it is about (measure, place, group, unit
  dimension, trend, and the day of a one-day event), turns qualifiers into intervals, and
  indexes claims so that rule kinds compare only claims that can disagree.

Names: a claim's JSON ``subject`` is the display label of what a figure is about; the
*comparison key* (:func:`comparison_key`) is the finer tuple the kinds group by, held in a
:class:`ComparisonIndex`.
"""

from .comparison import (
    ComparisonIndex,
    Interval,
    comparison_key,
    concept_class,
    different_sources,
    interval,
    is_conversion_pair,
    is_revision,
    source_words,
    standing,
    unit_dimension,
)
from .stories import find_stories, shingles, stories_key, story_dates

__all__ = [
    "ComparisonIndex",
    "Interval",
    "comparison_key",
    "concept_class",
    "different_sources",
    "find_stories",
    "interval",
    "is_conversion_pair",
    "is_revision",
    "shingles",
    "source_words",
    "standing",
    "stories_key",
    "story_dates",
    "unit_dimension",
]
