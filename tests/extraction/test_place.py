"""The place a figure is about: where it was read from, the gazetteer and its containment."""

from __future__ import annotations

import pytest

from checker import extract
from checker.vocabulary import default_vocabulary, parse_vocabulary, split_places
from checker.yamlload import load_text


def _placed(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(c.text, c.location, c.location_from) for c in extract(text, published="2024-03-11")]


# --- the gazetteer -------------------------------------------------------------------------


def test_city_lies_within_its_country_and_not_the_reverse():
    vocab = default_vocabulary()
    assert vocab.contains("Gaza", "Khan Younis")
    assert vocab.contains("Palestinian territories", "Khan Younis")
    assert not vocab.contains("Khan Younis", "Gaza")
    assert not vocab.contains("Israel", "Khan Younis")
    assert vocab.contains("Gaza", "Gaza")


def test_lineage_runs_innermost_first():
    vocab = default_vocabulary()
    assert vocab.lineage("Chengdu")[:3] == ("Chengdu", "Sichuan", "China")
    assert "Asia" in vocab.lineage("Chengdu")
    assert vocab.lineage("Nowhere Town") == ("Nowhere Town",)


def test_combined_place_contains_its_parts():
    vocab = default_vocabulary()
    assert split_places("Chad, Niger and Mali") == ("Chad", "Niger", "Mali")
    assert vocab.contains("Ecuador and Peru", "Peru")
    assert vocab.contains("Ecuador and Peru", "Quito")  # within a part
    assert not vocab.contains("Peru", "Ecuador and Peru")
    assert not vocab.contains("Ecuador and Peru", "Chile")


def test_places_within_lists_every_depth():
    inside = default_vocabulary().places_within("Sulawesi")
    assert {"West Sulawesi", "Makassar", "Manado"} <= inside
    assert "Sulawesi" not in inside and "Java" not in inside


def test_every_shipped_within_names_a_known_place():
    vocab = default_vocabulary()
    known = set(vocab.places.values())
    assert not {parent for parent in vocab.within.values() if parent not in known}


def test_aliases_canonicalise_through_the_gazetteer():
    vocab = default_vocabulary()
    assert vocab.place("Szechuan") == "Sichuan"
    assert vocab.place("the Gaza Strip") == "Gaza"
    assert vocab.place("Kiev") == "Kyiv"


# --- strict validation of `within` -----------------------------------------------------------


def _parse(text: str):
    data, problems = load_text(text, "user.yaml")
    assert not problems
    return parse_vocabulary(data, "user.yaml")


def test_user_places_may_name_what_they_lie_within():
    vocab, errors = _parse(
        "places:\n  Springfield: {aliases: [Springfield town], within: Illinois}\n"
        "  Shelbyville: [Shelbyville town]\n"
    )
    assert errors == []
    assert vocab.place("springfield town") == "Springfield"
    assert vocab.within == {"Springfield": "Illinois"}
    merged = default_vocabulary().merged(vocab)
    assert merged.contains("United States", "Springfield")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("places:\n  Springfield: {within: Springfield}\n", "cannot lie within itself"),
        ("places:\n  Springfield: {inside: Illinois}\n", "unknown key 'inside'"),
        ("places:\n  Springfield: {within: [Illinois]}\n", "'within' must be text"),
    ],
)
def test_bad_place_entries_fail_with_their_location(text, message):
    _, errors = _parse(text)
    assert len(errors) == 1
    assert errors[0].startswith("user.yaml:2:")
    assert message in errors[0]


# --- where the place was read from, end to end -----------------------------------------------


def test_place_in_the_figures_own_phrase():
    assert _placed("At least 52 people were killed in Khan Younis, the ministry said.") == [
        ("At least 52 people", "Khan Younis", "phrase")
    ]


def test_total_for_several_places_is_a_place_of_its_own():
    [(_, place, how)] = _placed("Deaths in Ecuador and Peru rose to 600, officials said.")
    assert (place, how) == ("Ecuador and Peru", "phrase")


def test_each_figure_keeps_its_own_place():
    placed = _placed(
        "Fighting killed 12 people in Gaza on Monday, and 3 more died in the West Bank."
    )
    assert [place for _, place, _ in placed] == ["Gaza", "West Bank"]


def test_dateline_does_not_outrank_the_figures_place():
    [(_, place, how)] = _placed(
        "ATHENS: At least 12 people were killed in the northern town of Volos, officials said."
    )
    assert (place, how) == ("Volos", "phrase")


def test_source_jurisdiction_places_an_unplaced_figure():
    [(_, place, how)] = _placed("At least 30 people died on Monday, Gaza's health ministry said.")
    assert (place, how) == ("Gaza", "source")


def test_the_one_place_of_the_sentence():
    [(_, place, how)] = _placed(
        "Heavy rain hit Kenya overnight and 8,000 people were forced from their homes."
    )
    assert (place, how) == ("Kenya", "sentence")


def test_a_place_that_acts_is_not_the_figures_place():
    [(_, place, how)] = _placed("China pledged 50 million yuan in relief on Tuesday.")
    assert (place, how) == (None, None)


def test_an_origin_is_not_the_figures_place():
    [(_, place, _)] = _placed("Some 2,000 refugees arrived from Sudan last week.")
    assert place is None


def test_place_carried_from_the_storys_earlier_figure_of_the_same_measure():
    placed = _placed(
        "At least 70 people were killed when a wave hit the coast of Papua New Guinea on "
        "Friday. By Sunday the death toll had risen to 1,200, officials said."
    )
    assert placed[-1][1:] == ("Papua New Guinea", "carried")


def test_article_place_for_a_figure_no_sentence_places():
    placed = _placed(
        "Floods swept through 12 districts of Bangladesh on Monday. Two rivers in "
        "Bangladesh burst their banks.\n\nAt least 40 people have drowned, officials said."
    )
    assert placed[-1][1:] == ("Bangladesh", "document")


def test_a_place_named_once_in_passing_is_not_the_articles_place():
    placed = _placed(
        "The minister flew in from Bangladesh on Monday.\n\nAt least 40 people have drowned."
    )
    assert placed[-1][1] is None


def test_entity_place_unknown_to_the_gazetteer_is_accepted():
    [(_, place, how)] = _placed("The storm killed 14 people in Patagonia on Tuesday.")
    assert (place, how) == ("Patagonia", "phrase")
    assert default_vocabulary().place("Patagonia") is None


def test_new_york_boroughs_and_districts_are_the_city():
    vocab = default_vocabulary()
    assert vocab.place("Manhattan") == "New York"
    assert vocab.place("the Bronx") == "New York"
    [(_, place, _)] = _placed("Four workers were killed in Midtown Manhattan on Saturday.")
    assert place == "New York"


def test_a_neighbourhood_by_direction_is_not_a_place_of_its_own():
    placed = _placed("A crane collapsed on the East Side on Saturday, killing 4 workers.")
    assert [place for _, place, _ in placed] == [None]


def test_a_lowercase_word_is_not_an_acronym_place():
    [(_, place, _)] = _placed("One in three households has no car, the survey found.")
    assert place is None


def test_an_article_naming_one_place_once_is_about_it():
    placed = _placed(
        "Floods swept 12 districts of Bangladesh on Monday.\n\nAt least 40 people have drowned."
    )
    assert placed[-1][1:] == ("Bangladesh", "document")


def test_the_country_of_the_cities_an_article_names():
    placed = _placed(
        "Some 3,000 homes were flattened in Khulna. In Barisal 2,000 boats were lost.\n\n"
        "At least 40 people have drowned, officials said."
    )
    assert placed[-1][1:] == ("Bangladesh", "document")


def test_the_event_area_outranks_the_country_around_it():
    placed = _placed(
        "Indonesia said 600 people were aboard a ferry that sank in the Java Sea on Friday. "
        "Indonesia sent 12 ships, and Indonesia has 17,000 islands.\n\n"
        "At least 40 bodies have been recovered, officials said."
    )
    assert placed[-1][1:] == ("Java Sea", "document")


# --- the article's event site, actors, distances, outlets (issue 14 item 1) -------------------


def test_an_event_site_named_without_a_figure_is_the_articles_place():
    placed = _placed(
        "Indonesia said on Tuesday that rescuers had reached the wreck. Indonesia sent ships "
        "and Indonesia asked for help.\n\n"
        "The airliner crashed into a mountain in North Sulawesi during a storm.\n\n"
        "At least 40 bodies have been recovered, officials said."
    )
    assert placed[-1][1:] == ("North Sulawesi", "document")


def test_a_continent_is_not_the_articles_place():
    placed = _placed(
        "Storms killed 5 people in France, 3 in Italy and 2 in Switzerland, the worst toll in "
        "Europe for years. Roads in France and Switzerland were shut for 2 days."
    )
    assert placed[-1][1] != "Europe"
    assert placed[-1][1:] == ("France", "document")


def test_a_donor_that_acts_is_not_the_articles_place():
    placed = _placed(
        "Japan sent 300 tents to the stricken coast. Japan also pledged 20 doctors on "
        "Sunday.\n\nAt least 40 people have drowned, officials said."
    )
    assert [place for _, place, _ in placed] == [None, None, None]


def test_a_distance_is_not_placed_where_it_is_measured_from():
    placed = _placed(
        "The wave hit villages near the town of Kumbu, 600 kilometres north of Jakarta, on Friday."
    )
    assert [place for _, place, _ in placed] == [None]


def test_verbs_joined_before_a_place_share_it():
    placed = _placed(
        "Two guards were killed and five were wounded in the raid near Mosul, police said."
    )
    assert [(place, how) for _, place, how in placed] == [("Mosul", "phrase"), ("Mosul", "phrase")]


def test_a_clause_with_its_own_actor_keeps_its_own_place():
    # the place of "Kenya arrested 40 ... in Nairobi" is not the first clause's own phrase
    placed = _placed("Three people were hurt, and Kenya arrested 40 people in Nairobi.")
    assert placed[0][2] != "phrase"
    assert placed[1][1:] == ("Nairobi", "phrase")


def test_a_figure_in_a_unit_is_placed_by_its_own_phrase():
    placed = _placed("Rents rose 4.5% in Spain and 2.1% in Portugal last year.")
    assert placed[-1][1:] == ("Portugal", "phrase")
    placed = _placed("The fire destroyed some 3,000 hectares of forest in Sardinia.")
    assert placed[0][1:] == ("Sardinia", "phrase")


def test_a_nationality_on_a_place_noun_names_its_country():
    [(_, place, _)] = _placed("Some 4,000 migrants landed on the Italian islands last week.")
    assert place == "Italy"


def test_each_figure_of_troops_is_the_forces_of_its_own_country():
    claims = extract(
        "Canada keeps 900 troops in Latvia, and Spain has 600 in Slovakia.",
        published="2024-03-11",
    )
    assert [(c.location, c.group) for c in claims] == [
        ("Latvia", "Canada forces"),
        ("Slovakia", "Spain forces"),
    ]


def test_troops_a_country_hosts_are_not_its_forces():
    [claim] = extract("Poland hosts 10,000 troops.", published="2024-03-11")
    assert claim.group is None


def test_a_border_names_a_neighbour_not_the_place_and_the_clause_owner_keeps_the_troops():
    from checker import extract

    text = (
        "Norway has raised the number of soldiers posted on its border with Russia to "
        "4,000, the defence minister said on Friday."
    )
    (claim,) = extract(text)
    assert (claim.location, claim.group) == ("Norway", "Norway forces")


def test_a_proper_noun_before_an_area_noun_names_the_place():
    from checker import extract

    text = "Floods in Ghana's Upper East region have displaced 9,000 people, NADMO said."
    (claim,) = extract(text)
    assert claim.location == "Upper East"


def test_a_participle_after_the_noun_places_the_figure():
    from checker import extract

    (claim,) = extract("Canada has about 2,000 troops stationed in Latvia, the ministry said.")
    assert (claim.location, claim.group) == ("Latvia", "Canada forces")


def test_a_place_inside_the_subjects_participle_clause():
    from checker import extract

    text = "The number of people killed by floods in Ghana's Volta region rose to 41, NADMO said."
    (claim,) = extract(text)
    assert claim.location == "Volta"


def test_an_officials_area_is_the_sources_jurisdiction():
    from checker import extract

    text = "Nine people died in the landslide, the Cusco governor's office said."
    (claim,) = extract(text)
    assert (claim.location, claim.location_from) == ("Cusco", "source")
