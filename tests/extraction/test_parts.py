"""Parts of a count ("four of the victims") are marked, and left out of comparisons."""

from __future__ import annotations

import pytest

from checker import extract
from checker.grouping import comparison_key


def figure(text: str, written: str):
    claims = [c for c in extract(text) if c.text.lower().startswith(written.lower())]
    assert claims, [c.text for c in extract(text)]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Four of the dead were children, the police said.", "Four"),
        ("The navy said five of its sailors were among the dead.", "five"),
        ("Fifty hostages were freed, including 30 children, officials said.", "30"),
        ("Among the dead were 12 firefighters, the mayor said.", "12"),
        ("Thirty people were killed, 12 of whom were children, police said.", "12"),
        ("Eight others were injured, three seriously, the mayor said.", "three"),
        ("Two of them were in critical condition, doctors said.", "Two"),
        ("At least 40 people died, among them six firefighters, officials said.", "six"),
    ],
)
def test_a_part_of_a_count_is_marked_and_never_compared(text, written):
    claim = figure(text, written)
    assert claim.part
    assert comparison_key(claim) is None


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Four people were killed in the blast, the police said.", "Four"),
        ("The quake left a toll of 40 dead in the valley, officials said.", "40"),
        ("Fifty hostages were freed on Tuesday, officials said.", "Fifty"),
        ("At least 40 people died in the fire, officials said.", "At least 40"),
        ("Eight others were injured, the mayor said.", "Eight"),
        ("In Gansu alone, 812 people died, the agency said.", "812"),
    ],
)
def test_a_whole_count_is_not_a_part(text, written):
    claim = figure(text, written)
    assert not claim.part
