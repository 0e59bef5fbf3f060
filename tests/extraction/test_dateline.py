"""A wire dateline is read for the story's place and day, but never parsed as the lead
sentence's subject."""

from __future__ import annotations

import pytest

from checker import extract
from checker.extraction.carry import blank_dateline


@pytest.mark.parametrize(
    "text",
    [
        "KANO, Nigeria: Floods hit the city.",
        "PORT LOUIS, Mauritius (AP) _ A cyclone hit the island.",
        "Quito, Ecuador, May 13 (Reuters) -- Four bridges fell.",
        "ACCRA: Heavy rain fell.",
    ],
)
def test_a_dateline_is_blanked_with_its_offsets_kept(text):
    blanked = blank_dateline(text)
    assert len(blanked) == len(text)
    head, _, rest = text.partition(" ")
    assert blanked.strip() != text.strip() and blanked.lstrip()[0].isupper()
    assert not blanked.startswith(head)


@pytest.mark.parametrize("text", ["Floods in Kano - a disaster.", "Police said: four died."])
def test_ordinary_sentences_are_left_alone(text):
    assert blank_dateline(text) == text


def test_the_lead_figure_is_placed_by_its_sentence_not_the_dateline():
    text = (
        "MAKURDI, Nigeria: Floods in Nigeria's Benue state have now displaced 9,000 people, "
        "the state emergency agency said on Wednesday."
    )
    (claim,) = [c for c in extract(text) if c.measure == "displaced"]
    assert (claim.location, claim.location_from) == ("Benue", "phrase")
