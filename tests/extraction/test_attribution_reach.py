"""Attribution reach on news constructions (issue 13, item 6): sources in the figure's
sentence that the clause walk alone misses, and sources beyond the sentence
(:mod:`checker.extraction.reach`): the paragraph, a quotation over a paragraph break, a
figure repeated with its source below, a speaker's list continued in the next paragraph."""

from __future__ import annotations

import datetime as dt

import pytest

from checker import extract

DAY = dt.date(2031, 3, 12)


def _claim(text, figure):
    claims = extract(text, published=DAY)
    return next(c for c in claims if c.text.startswith(figure))


def _source(text, figure):
    attribution = _claim(text, figure).attribution
    return attribution.source if attribution else None


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # a relative clause that says something of its noun is part of the report
        (
            "Officials say the rebels staged ambushes that killed 300 soldiers.",
            "300",
            "Officials",
        ),
        (
            "The coast guard reported a barge carrying 14 workers sank near the delta.",
            "14",
            "The coast guard",
        ),
        # a clause coordinated with the reported one, with no comma before 'and'
        (
            "The agency said that dozens are missing and 300 are without shelter.",
            "300",
            "The agency",
        ),
        # a list the parser hangs on the speaker is not the speaker
        (
            "The authorities said 24 people were hurt, including 9 firefighters, and at "
            "least two people remained missing: a guard and a cook.",
            "9",
            "The authorities",
        ),
        # the speaker who characterises the event
        (
            "Nine workers were killed in what Governor Lisa Brandt called the worst "
            "disaster in the province.",
            "Nine",
            "Governor Lisa Brandt",
        ),
        # a passive reporter
        (
            '"The toll now stands at 88," Pedro Alves, the district chief, was quoted as '
            "telling reporters.",
            "88",
            "Pedro Alves",
        ),
        # a fronted scene before the report
        (
            "In Valdora, where about 9,000 people have fled their homes, the relief agency "
            "said the river could rise further.",
            "about 9,000",
            "the relief agency",
        ),
        ("Some 70 homes were flattened, as per AFP.", "Some 70", "AFP"),
        (
            "At least 35 people were hurt, according to figures from the coast guard.",
            "At least 35",
            "the coast guard",
        ),
    ],
)
def test_sources_in_the_sentence(text, figure, source):
    assert _source(text, figure) == source


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # a clause coordinated with the report after a comma is the writer's
        ("The ferry had a capacity of 500 people, but the minister said it carried 640.", "500"),
        # a clause that sets a scene after the report
        (
            "Rebels said the raid avenged the siege of Marn, in which 2,000 people were "
            "killed.",
            "2,000",
        ),
        # "All told" is not a speaker
        ("All told, the storms were the worst since a flood killed 56 people in Tarvo.", "56"),
    ],
)
def test_no_source_in_the_sentence(text, figure):
    assert _source(text, figure) is None


def test_a_quotation_over_a_paragraph_break_takes_the_speaker_who_closes_it():
    text = (
        "“We have recovered 45 bodies from the river so far.\n\n"
        "“More boats are coming tomorrow,” Lena Ortiz, the harbour master, told reporters."
    )
    claim = _claim(text, "45")
    assert claim.attribution.source == "Lena Ortiz"
    assert claim.attribution.cue == "quote"


def test_a_reporter_sentence_after_the_quotation():
    text = (
        "“We expect about 2,000 people are homeless,” Fr. Tomas Berg, a parish priest, "
        "told state radio."
    )
    assert "Tomas Berg" in _source(text, "about 2,000")


def test_a_source_at_the_end_of_the_paragraph_reaches_back():
    text = (
        "Floodwater reached 3 metres in the old town. It was the highest level since "
        "records began, the river authority said."
    )
    claim = _claim(text, "3 metres")
    assert (claim.attribution.source, claim.attribution.cue) == ("the river authority", "paragraph")


def test_a_quotation_speaker_does_not_reach_the_writer_s_sentence():
    text = '"This is a dark day," said Mayor Ruth Ibsen. Eight injured hikers were flown out.'
    assert _source(text, "Eight") is None


def test_a_figure_repeated_with_its_source_below():
    text = (
        "A bus plunged into a ravine on Sunday, killing 23 people.\n\n"
        "The driver had lost control on a bend.\n\n"
        "Police said 23 people died in the crash."
    )
    claim = _claim(text, "23")
    assert (claim.attribution.source, claim.attribution.cue) == ("Police", "repeated")


def test_a_repeat_three_paragraphs_down_is_out_of_reach():
    text = (
        "A bus plunged into a ravine on Sunday, killing 23 people.\n\n"
        "The driver had lost control on a bend.\n\n"
        "Rain had made the road slippery.\n\n"
        "Police said 23 people died in the crash."
    )
    assert _source(text, "23") is None


def test_a_named_speaker_s_list_continues_in_the_next_paragraph():
    text = (
        "Six people drowned in two districts, the Kestrel news agency reported.\n\n"
        "Four of the victims drowned in Larnwick, while two drowned in Osterby."
    )
    claim = _claim(text, "Four")
    assert claim.attribution.source == "the Kestrel news agency"
    assert claim.attribution.cue == "continued"


def test_a_list_of_places_continues_in_the_next_paragraph():
    text = (
        "Chief Oren Vale said the villages of Tamsa, Bello and Kiru had been wiped out.\n\n"
        "At Tamsa 120 people had been confirmed dead, while Kiru had 30 dead."
    )
    assert _source(text, "120") == "Chief Oren Vale"
    assert _source(text, "30") == "Chief Oren Vale"


@pytest.mark.parametrize(
    "first",
    [
        # unnamed officials give no list to continue
        "Six people drowned in two districts, officials said.",
        # a quotation ends with its paragraph
        '"Six people drowned in two districts," Mayor Ruth Ibsen said.',
    ],
)
def test_no_list_to_continue(first):
    text = first + "\n\nFour of the victims drowned in Larnwick, while two drowned in Osterby."
    assert _source(text, "Four") is None


def test_a_figure_of_another_period_takes_no_lent_source():
    text = "The ministry said 12 people died on Monday. In 1988, floods killed 400 people."
    assert _source(text, "12") == "The ministry"
    assert _source(text, "400") is None
