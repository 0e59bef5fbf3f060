"""What a figure counts, on the constructions of real disaster reporting (issue 13 items 1, 2
and 5): casualty wording, the syntax that carries the measure, sub-measures kept apart, and
numbers that are not counts of people. Every sentence is written for this test."""

from __future__ import annotations

import pytest

from checker import extract
from checker.extraction.measure import measure_of
from checker.extraction.syntax import counted_noun
from checker.nlp import load
from checker.vocabulary import default_vocabulary


def measure(text: str, value: float) -> str | None:
    """The measure of the claim with ``value`` in ``text`` (it must be extracted)."""
    found = [c for c in extract(text) if c.value == value]
    assert found, [(c.text, c.value) for c in extract(text)]
    return found[0].measure


# -- casualty wording: the lexicon -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("The landslide claimed the lives of at least 40 people, officials said.", 40, "killed"),
        ("The mudslide has claimed at least 9,000 lives, the ministry said.", 9000, "killed"),
        ("Eleven climbers lost their lives on the ridge, police said.", 11, "killed"),
        ("The confirmed body count rose to 212 on Friday, officials said.", 212, "killed"),
        ("At least 63 passengers perished when the bus fell, police said.", 63, "killed"),
        ("Some 75 fishermen are still unaccounted for, the coast guard said.", 75, "missing"),
        ("The death toll stands at 318, the governor said.", 318, "killed"),
        ("Rescuers said 27 bodies had been recovered from the river.", 27, "killed"),
        ("Police said 14 miners were found dead in the shaft.", 14, "killed"),
        ("Officials said 230 survivors had reached the port.", 230, "survivors"),
        ("The flood left nearly 80,000 villagers marooned, officials said.", 80000, "affected"),
        ("Six workers were crushed to death when the wall fell, police said.", 6, "killed"),
        ("Thirty-one patients succumbed to the fever, the hospital said.", 31, "killed"),
    ],
)
def test_casualty_wording(text, value, expected):
    assert measure(text, value) == expected


# -- the syntax that carries the measure ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        # a linking or reporting verb and its complement
        ("A boat sank on Monday with some 70 passengers reported missing.", 70, "missing"),
        ("Police said five hikers were still listed as missing on Sunday.", 5, "missing"),
        ("Officials said 12 people remained hospitalized on Sunday.", 12, "injured"),
        (
            "The storm injured 800 and left as many as 9,000 homeless, officials said.",
            9000,
            "homeless",
        ),
        ("A ferry capsized as 210 people remained missing after the storm.", 210, "missing"),
        # the figure in a tally: "the toll of N", "the toll is N", "could rise to as high as"
        ("Officials expected the official death toll of 57 to rise.", 57, "killed"),
        ("Officials said the death toll could rise to as high as 3,000 people.", 3000, "killed"),
        (
            "The agency estimated the final toll would be well over 2,000, officials said.",
            2000,
            "killed",
        ),
        # a verb with its complement
        ("Two climbers were pulled alive from the snow on Monday, police said.", 2, "rescued"),
        (
            "More than 4,000 people were taken to shelter centres, officials said.",
            4000,
            "evacuated",
        ),
        ("Officials said 90 people were dead and 2,500 had no food or shelter.", 2500, "homeless"),
        ("Officials said 50 are missing and 7,000 are without food and shelter.", 7000, "homeless"),
        (
            "Some 3,500 villagers were forced to move to temporary camps, officials said.",
            3500,
            "displaced",
        ),
        ("Eight people were treated at the scene, officials said.", 8, "injured"),
        # gapping and coordination
        ("Police said at least six people, believed to be tourists, have died.", 6, "killed"),
        (
            "In 2010, at least 300 people were killed and more than 9 million displaced.",
            9000000,
            "displaced",
        ),
        ("The blast killed 61 people on the train and 12 others on the platform.", 12, "killed"),
        (
            "Nine bodies have been recovered and scores of others have been spotted at sea.",
            40,
            "killed",
        ),
        ("The quake directly affected 600,000 residents, officials said.", 600000, "affected"),
        ("The storm directly impacted millions of residents, officials said.", 2000000, "affected"),
        # "the missing were two workers"
        ("The missing people were three other loggers and a cook, the mayor said.", 3, "missing"),
    ],
)
def test_measure_carried_by_syntax(text, value, expected):
    assert measure(text, value) == expected


# -- a part of a group named in the sentence keeps the group's measure -------------------


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("The dead included 12 children, officials said.", 12, "killed"),
        ("The injured included 25 students, the school said.", 25, "injured"),
        ("Among the dead were three firefighters, officials said.", 3, "killed"),
        ("Among the injured were 7 police officers, officials said.", 7, "injured"),
        ("At least 50 people died, among them 11 children.", 11, "killed"),
        ("Medics treated at least 19 injured, six of whom needed surgery.", 6, "injured"),
        ("The boat carried 300 passengers, 40 of whom were killed.", 40, "killed"),
        ("Police said four people remained missing: three climbers and a guide.", 3, "missing"),
        (
            "Thousands fled as the death toll from the storm triggered by heavy rains topped 230.",
            230,
            "killed",
        ),
        ("Rescuers pulled out 9 bodies from the rubble on Monday.", 9, "killed"),
        ("Of the 40 injured, 12 were children, the hospital said.", 12, "injured"),
    ],
)
def test_a_part_keeps_the_measure_of_its_group(text, value, expected):
    assert measure(text, value) == expected


# -- alternatives: "dead or missing" is neither; "displaced or marooned" is displaced -----


def test_dead_or_missing_is_a_combined_figure_with_no_single_measure():
    assert measure("The wave left about 400 people dead or missing, officials said.", 400) is None


def test_a_specific_measure_wins_over_affected_in_an_alternative():
    text = "Floods have killed about 30 people and displaced or marooned 2 million, officials said."
    assert measure(text, 2_000_000) == "displaced"
    text = "At least 3 million people have either been marooned or displaced, officials said."
    assert measure(text, 3_000_000) == "displaced"


def test_killed_or_injured_is_casualties():
    assert measure("At least 45 people were killed or injured, police said.", 45) == "casualties"
    assert measure("The bombing killed and wounded 38 people, police said.", 38) == "casualties"


def test_two_verbs_sharing_one_figure_count_both_together():
    text = "The quake caused huge losses, killing and leaving missing thousands of people."
    assert measure(text, 2000) is None
    text = "The floods killed 40 people and displaced 3,000 more, officials said."
    assert measure(text, 3000) == "displaced"


# -- sub-measures kept apart (issue 13 item 2) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("Gunmen took 180 hostages in the raid, officials said.", 180, "hostages"),
        ("Officials said 74 hostages remain in captivity.", 74, "hostages_held"),
        ("The group released 25 hostages on Tuesday, officials said.", 25, "hostages_released"),
        ("Police arrested 140 people after the riot, officials said.", 140, "arrested"),
        ("Troops evacuated 5,000 residents from the valley, officials said.", 5000, "evacuated"),
        ("Divers rescued 37 passengers from the hull, officials said.", 37, "rescued"),
        ("The fighting has displaced 60,000 people, the agency said.", 60000, "displaced"),
        ("The quake injured 940 people, officials said.", 940, "injured"),
        ("The group freed 48 hostages, including 17 children, on Friday.", 17, "hostages_released"),
        ("Police detained 45 protesters, among them 6 minors.", 6, "arrested"),
        ("The quake killed 30 people, 12 of them children.", 12, "killed"),
        ("About 2,000 people were evacuated and 300 were rescued from rooftops.", 300, "rescued"),
        ("The flood displaced 20,000 people and left 5,000 homeless.", 5000, "homeless"),
    ],
)
def test_sub_measures_are_kept_apart(text, value, expected):
    assert measure(text, value) == expected


# -- numbers that are not counts of people (issue 13 item 5) ------------------------------


def test_an_age_in_apposition_is_not_a_count():
    assert measure("Marta Lindqvist, 42, was rescued after two hours, police said.", 42) is None
    assert measure("Okafor, 31, was hurt in the blast, police said.", 31) is None
    text = "Lena Hart, 39, and her daughter, 8, were pulled out alive on Monday."
    assert measure(text, 39) is None
    assert measure(text, 8) is None
    text = "The dead included Tomas Verhoeven, 56, a retired pilot, police said."
    assert measure(text, 56) is None
    # a count set off by commas after a plural noun stays a count
    assert measure("The miners, 12 in all, were rescued on Monday.", 12) == "rescued"


def test_things_do_not_join_a_people_toll():
    assert measure("Twenty-two buildings were evacuated as a precaution.", 22) is None
    assert measure("The floods affected 36 districts, officials said.", 36) is None
    assert measure("Rangers culled 40 deer and killed 3 boars on the estate.", 40) is None
    text = "The tremor damaged a school and at least six others, officials said."
    assert measure(text, 6) is None


def test_others_with_a_verb_of_their_own_do_not_inherit_a_measure():
    text = "The collapse killed four people and stranded three others on the roof."
    assert measure(text, 4) == "killed"
    assert measure(text, 3) is None
    assert measure("The blast killed 61 people and injured 12 others.", 12) == "injured"


def test_a_negated_injury_is_not_a_count_of_the_injured():
    assert measure("The four hikers suffered no serious injuries, police said.", 4) is None
    assert measure("The four hikers suffered serious injuries, police said.", 4) == "injured"


def test_institutions_are_not_bodies_of_the_dead():
    assert measure("The country has 100,000 public bodies, the report said.", 100000) is None
    assert measure("Searchers recovered 18 bodies from the lake.", 18) == "killed"


def test_a_magnitude_is_not_a_count():
    claims = extract("A magnitude 6.4 earthquake killed 30 people in the province.")
    assert all(c.measure is None for c in claims if c.value == 6.4)
    assert [c.measure for c in claims if c.value == 30] == ["killed"]


def test_measure_of_reads_a_parse_directly():
    """measure_of on the pinned model, without the rest of extraction."""
    doc = load()("Nineteen houses were evacuated and 40 people were rescued.")
    figures = {t.text: t for t in doc if t.like_num}
    vocab = default_vocabulary()
    houses = figures["Nineteen"]
    assert measure_of(houses, counted_noun(houses, houses.i + 1), vocab) is None
    people = figures["40"]
    assert measure_of(people, counted_noun(people, people.i + 1), vocab) == "rescued"
