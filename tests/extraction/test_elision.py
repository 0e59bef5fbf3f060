"""A figure with no noun borrows the measure of the figure before it only when it has
nothing of its own to say ("2,500 troops in Iraq and some 900 in Syria")."""

from __future__ import annotations

from checker import extract


def measures(text: str) -> dict[str, str | None]:
    return {c.text: c.measure for c in extract(text)}


def test_a_gapped_figure_borrows_the_measure():
    found = measures("The army keeps around 2,500 troops in Iraq and some 900 in Syria.")
    assert found["some 900"] == "troops"


def test_a_figure_with_its_own_predicate_does_not_borrow():
    found = measures("Officials said hundreds of people are missing and thousands have no food.")
    assert found["hundreds of people"] == "missing"
    assert found["thousands"] != "missing"


def test_others_after_a_coordinated_noun_are_more_of_that_noun():
    found = {
        c.text: c.concept for c in extract("That tower and nine others were closed, police said.")
    }
    assert found["nine others"] == "tower"


def test_the_people_aboard_are_not_more_survivors():
    found = measures(
        "Divers found 40 survivors after the boat sank with some 90 on board, police said."
    )
    assert found["40 survivors"] == "survivors"
    assert found["some 90"] != "survivors"
