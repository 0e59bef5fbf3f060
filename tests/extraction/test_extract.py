"""Extraction: numbers on a blank pipeline, dependency logic on hand-built Docs, and
end-to-end sentences on the pinned model."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from checker import extract
from checker.extraction import numbers, pieces
from checker.extraction.measure import measure_of
from checker.extraction.place import place_of
from checker.extraction.quantities import find_quantities
from checker.extraction.syntax import counted_noun, governing_verb
from checker.vocabulary import default_vocabulary

VOCAB = default_vocabulary()
MONDAY = dt.date(2023, 10, 30)


# -- pure number reading ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("three", 3),
        ("eighteen", 18),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("two hundred", 200),
        ("one hundred and twenty", 120),
        ("two million", 2_000_000),
    ],
)
def test_word_numbers(words, value):
    assert numbers.parse_word_number(words.split())[0] == value


def test_digits():
    assert numbers.parse_digits("1,400") == 1400
    assert numbers.parse_digits("2.5") == 2.5
    assert numbers.parse_digits("1,40") is None


def test_intervals_follow_the_qualifier():
    q = numbers.QUALIFIER_PHRASES
    assert numbers.interval(2500, q["about"]) == (2250, 2750)
    assert numbers.interval(55000, q["nearly"]) == (49500, 55000)
    assert numbers.interval(3, q["at least"]) == (3, None)
    assert numbers.interval(50, q["fewer than"]) == (None, 50)


# -- token patterns on a blank pipeline (no statistical model) -------------------------


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("It cost $4.5m in all", 4_500_000, "USD", "exact"),
        ("a 3bn euros deal", 3_000_000_000, "EUR", "exact"),
        ("about 1.2 million", 1_200_000, None, "approximately"),
        ("some 40C today", 40, "degree_Celsius", "approximately"),
        ("rose 3.2% on", 3.2, "percent", "exact"),
        ("by 0.3 percentage points", 0.3, "percentage_point", "exact"),
        ("between 30 and 40 people", 30, None, "range"),
        ("more than 100 times", 100, None, "more_than"),
    ],
)
def test_quantities_on_blank(blank, text, value, unit, qualifier):
    found = find_quantities(blank(text))
    assert len(found) == 1
    q = found[0]
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "the 1990s",
        "on 9/11",
        "at 6:30 a.m. sharp",
        "version 3.8.0 shipped",
        "Route 6 closed",
        "page 4 said",
        "call 0800 555 0199 now",
        "won 3-1 at home",
        "jews-1698675841534 here",
    ],
)
def test_nonclaims_on_blank(blank, text):
    assert find_quantities(blank(text)) == []


def test_pieces_skip_paragraphs_without_figures():
    text = "No figures here.\n\nKilling 12 people.\n\nHe said so.\n"
    chosen = pieces(text)
    assert [p.text for p in chosen] == ["Killing 12 people."]
    text = "The ministry spoke.\n\nThey said 12 people died.\n"
    chosen = pieces(text)
    assert [(p.text, p.needed) for p in chosen] == [
        ("The ministry spoke.", False),
        ("They said 12 people died.", True),
    ]


# -- dependency logic on hand-built Docs ------------------------------------------------


def _doc(words, heads, deps, pos, ents=None, lemmas=None):
    vocab = spacy.blank("en").vocab
    return Doc(
        vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        ents=ents,
        lemmas=lemmas or [w.lower() for w in words],
    )


def test_object_of_a_killing_verb_is_killed():
    # "killing 1,400 people"
    doc = _doc(
        ["killing", "1,400", "people"],
        [0, 2, 0],
        ["ROOT", "nummod", "dobj"],
        ["VERB", "NUM", "NOUN"],
        lemmas=["kill", "1,400", "people"],
    )
    num = doc[1]
    noun = counted_noun(num, 2)
    assert noun.text == "people"
    assert governing_verb(noun)[0].text == "killing"
    assert measure_of(num, noun, VOCAB) == "killed"


def test_place_is_the_figures_not_the_sentences():
    # "gunmen crossed the Gaza border, killing 1,400 people": Gaza is not the figure's place
    words = ["gunmen", "crossed", "the", "Gaza", "border", ",", "killing", "1,400", "people"]
    heads = [1, 1, 4, 4, 1, 1, 1, 8, 6]
    deps = ["nsubj", "ROOT", "det", "compound", "dobj", "punct", "advcl", "nummod", "dobj"]
    pos = ["NOUN", "VERB", "DET", "PROPN", "NOUN", "PUNCT", "VERB", "NUM", "NOUN"]
    doc = _doc(
        words,
        heads,
        deps,
        pos,
        ents=["O", "O", "O", "B-GPE", "O", "O", "O", "O", "O"],
        lemmas=["gunman", "cross", "the", "Gaza", "border", ",", "kill", "1,400", "people"],
    )
    num = doc[7]
    assert place_of(num, doc[8], doc, VOCAB) is None
    # "900 troops in Syria": a place preposition on the figure's own noun
    doc = _doc(
        ["900", "troops", "in", "Syria"],
        [1, 1, 1, 2],
        ["nummod", "ROOT", "prep", "pobj"],
        ["NUM", "NOUN", "ADP", "PROPN"],
        ents=["O", "O", "O", "B-GPE"],
    )
    assert place_of(doc[0], doc[1], doc, VOCAB) == "Syria"


# -- end to end on the pinned model ----------------------------------------------------


def one(text, published=MONDAY):
    claims = extract(text, published=published)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def test_seed_style_toll_with_source_after():
    c = one(
        "Gunmen poured across the Gaza border on October 7, killing 1,400 people, "
        "according to Israeli officials."
    )
    assert (c.value, c.measure, c.location) == (1400, "killed", None)
    assert c.as_of == dt.date(2023, 10, 7)
    assert c.attribution.source == "Israeli officials"
    assert c.attribution.cue == "according to"


def test_reporting_verb_inside_relative_clause():
    c = one(
        "Israel unleashed a bombing campaign against the Gaza Strip that the health ministry "
        "said on Monday has killed 8,306 people."
    )
    assert (c.value, c.measure, c.location) == (8306, "killed", "Gaza")
    assert c.attribution.source.endswith("health ministry")
    assert c.as_of == MONDAY


def test_relative_clause_not_covered_by_reporting_verb():
    c = one(
        "Militias said the strikes were retaliation for the war in Gaza in which over 20,600 "
        "Palestinians have been killed since October 7.",
        published=dt.date(2023, 12, 26),
    )
    assert c.attribution is None
    assert (c.qualifier, c.low, c.high) == ("more_than", 20600, None)
    assert c.event == "cumulative"


def test_ellipsis_carries_the_noun():
    claims = extract(
        "The United States has around 2,500 troops in Iraq and some 900 in Syria.", published=MONDAY
    )
    assert [(c.value, c.measure, c.location, c.qualifier) for c in claims] == [
        (2500, "troops", "Iraq", "approximately"),
        (900, "troops", "Syria", "approximately"),
    ]


def test_verb_measure_wins_over_person_noun():
    c = one("Drones attacked the base, injuring at least three US soldiers.")
    assert (c.measure, c.qualifier, c.group) == ("injured", "at_least", "US forces")


def test_pronoun_source_resolves_to_previous_speaker():
    claims = extract(
        "The health ministry gave an update on Monday. It said 52 people were killed.",
        published=MONDAY,
    )
    assert claims[0].attribution is not None
    assert claims[0].attribution.source == "The health ministry"


def test_conversion_is_linked():
    claims = extract(
        "The city is around 90 kilometres (55 miles) from the border.", published=MONDAY
    )
    km, miles = claims
    assert (km.unit, miles.unit) == ("kilometer", "mile")
    assert miles.converts == km.start
    assert miles.qualifier == "approximately"


def test_weekday_resolves_against_publication():
    c = one(
        "Three soldiers were injured at the base on Monday.", published=dt.date(2023, 12, 26)
    )
    assert c.as_of == dt.date(2023, 12, 25)
    assert c.event == "day"


def test_unknown_publication_leaves_date_unknown():
    c = one("Three soldiers were wounded on Monday.", published=None)
    assert c.as_of is None


def test_positions_point_into_the_text():
    text = "Intro line.\n\nOfficials said 12 people died."
    c = one(text)
    assert text[c.start : c.end] == c.text
    assert (c.line, c.column) == (3, 16)
