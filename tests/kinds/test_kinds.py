"""Each rule kind on hand-built claims: passing and failing cases, no extractor involved."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import pytest

from checker.findings.engine import run
from checker.kinds import KINDS, UnknownKind, documentation, get_kind
from checker.kinds.conversion import allowed_slack, last_digit
from checker.model import Attribution, Claim, Document, Rule, RuleSet, Settings
from checker.vocabulary import Measure, Vocabulary

OCT7, OCT30, OCT31, NOV3, NOV5 = (
    dt.date(2023, 10, 7),
    dt.date(2023, 10, 30),
    dt.date(2023, 10, 31),
    dt.date(2023, 11, 3),
    dt.date(2023, 11, 5),
)
VOCABULARY = Vocabulary(
    measures={
        "killed": Measure(
            "killed", nouns=("dead", "deaths"), cumulative=True, requires_attribution=True
        ),
        "injured": Measure("injured", cumulative=True, requires_attribution=True),
        "troops": Measure("troops", nouns=("troops", "soldiers", "soldier")),
        "protesters": Measure("protesters", nouns=("protesters",)),
    }
)
_counter = iter(range(1, 10_000))


def claim(value: float, *, low: float | None = ..., high: float | None = ..., **fields) -> Claim:
    """A claim with sensible defaults: an exact death toll in Gaza, attributed, dated Oct 30."""
    fields.setdefault("qualifier", "exact")
    fields.setdefault("measure", "killed")
    fields.setdefault("location", "Gaza")
    fields.setdefault("as_of", OCT30)
    fields.setdefault("path", "a.md")
    fields.setdefault("concept", "people")
    fields.setdefault("attribution", Attribution("the health ministry", "said"))
    number = next(_counter)
    fields.setdefault("line", number)
    fields.setdefault("id", f"c{number}")
    fields.setdefault("sentence", f"Sentence {number}.")
    return Claim(
        text=fields.pop("text", f"{value:,.0f} people"),
        start=fields.pop("start", number * 100),
        end=fields.pop("end", number * 100 + 5),
        value=value,
        low=value if low is ... else low,
        high=value if high is ... else high,
        **fields,
    )


def rule(kind: str, rule_id: str = "T1", **options) -> Rule:
    """A rule whose message shows every placeholder: "{value} | {as_of} | ... |"."""
    others = sorted(p for p in get_kind(kind).PLACEHOLDERS if p != "value")
    return Rule(
        id=rule_id,
        name=f"test.{kind}",
        kind=kind,
        level="error",
        message=" | ".join("{" + name + "}" for name in ["value", *others]) + " |",
        options=MappingProxyType({**get_kind(kind).OPTIONS, **options}),
    )


def check(kind: str, claims, documents=(), *, evidence=(), as_of=None, **options):
    ruleset = RuleSet(rules=(rule(kind, **options),), vocabulary=VOCABULARY, settings=Settings())
    if not documents:
        paths = sorted({c.path for c in [*claims, *evidence]})
        documents = [Document(path=p, text=f"text of {p}") for p in paths]
    return run(claims, documents, ruleset, as_of=as_of, evidence=evidence)


def doc(path: str, published: dt.date | None, text: str | None = None) -> Document:
    return Document(
        path=path,
        text=text or f"An unrelated article {path}.",
        published=published,
        published_from="metadata" if published else None,
    )


# --- registry ---------------------------------------------------------------------------


def test_registry_lists_every_kind_and_fails_with_the_known_ones():
    assert set(KINDS) == {"contradiction", "stale", "unattributed", "conversion"}
    with pytest.raises(UnknownKind, match="known kinds: contradiction, conversion, stale"):
        get_kind("nonsense")


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_documents_itself(name):
    module = get_kind(name)
    text = documentation(name)
    assert text.startswith(f"{name}:")
    for section in ("What it catches", "Options (defaults)", "Passes", "Fails", "Placeholders"):
        assert section in text
    for option in module.OPTIONS:
        assert option in text, f"option {option} of {name} is not documented"
    for placeholder in module.PLACEHOLDERS:
        assert "{" + placeholder + "}" in text


# --- contradiction ----------------------------------------------------------------------


def test_at_least_and_exact_agree():
    a = claim(1400, high=None, qualifier="at_least", location="Israel", as_of=OCT7, event="day")
    b = claim(1400, location="Israel", as_of=OCT7, event="day", path="b.md")
    assert check("contradiction", [a, b]) == []


def test_about_2500_and_2000_contradict_both_ways():
    a = claim(2500, low=2250, high=2750, qualifier="approximately")
    b = claim(2000, path="b.md")
    findings = check("contradiction", [a, b])
    assert [(f.path, f.claim, f.related) for f in findings] == [
        ("a.md", a.id, (b.id,)),
        ("b.md", b.id, (a.id,)),
    ]
    assert findings[0].message.startswith("about 2,500 | ")
    assert "{other} 2,000" not in findings[0].message
    assert "| 2,000 |" in findings[0].message


def test_the_better_supported_figure_is_presumed_right():
    first = claim(9061, as_of=NOV3, path="a.md")
    second = claim(9061, as_of=NOV3, path="b.md")
    outlier = claim(7000, as_of=NOV3, path="c.md")
    findings = check("contradiction", [first, second, outlier])
    assert [(f.claim, f.related) for f in findings] == [(outlier.id, (first.id, second.id))]
    assert len(check("contradiction", [first, second, outlier], corroboration=False)) == 3


def test_wire_copies_do_not_corroborate_each_other():
    wire = " ".join(f"word{i}" for i in range(200))
    documents = [
        doc("afp.md", NOV3, wire),
        doc("copy.md", NOV3, "Also read. " + wire),
        doc("c.md", NOV3),
    ]
    first = claim(9061, as_of=NOV3, path="afp.md")
    copy = claim(9061, as_of=NOV3, path="copy.md")
    other = claim(7000, as_of=NOV3, path="c.md")
    findings = check("contradiction", [first, copy, other], documents)
    assert {f.claim for f in findings} == {first.id, copy.id, other.id}
    on_other = next(f for f in findings if f.claim == other.id)
    assert on_other.related == (first.id,)  # one observation, cited once


def test_a_tie_is_broken_by_the_running_total_history():
    earlier = claim(8306, as_of=OCT30, path="b.md")
    right = claim(9061, as_of=NOV3, path="a.md")
    wrong = claim(7000, as_of=NOV3, path="c.md")
    findings = check("contradiction", [earlier, right, wrong])
    assert [(f.claim, f.related) for f in findings] == [(wrong.id, (right.id,))]


def test_rounded_figure_within_tolerance_agrees():
    assert check("contradiction", [claim(8306), claim(8300, path="b.md")]) == []
    assert len(check("contradiction", [claim(1400), claim(1300, path="b.md")])) == 2


def test_within_one_document_two_figures_contradict():
    a, b = claim(8306), claim(6000)
    assert {f.claim for f in check("contradiction", [a, b])} == {a.id, b.id}
    message = check("contradiction", [a, b])[0].message
    assert f"line {b.line} of this document" in message


def test_a_range_containing_the_figure_agrees():
    a = claim(30, low=30, high=40, qualifier="range")
    assert check("contradiction", [a, claim(35)]) == []


def test_same_sentence_total_and_part_are_not_compared():
    a = claim(30, sentence="30 were killed, 12 of them in Gaza.")
    b = claim(12, sentence="30 were killed, 12 of them in Gaza.")
    assert check("contradiction", [a, b]) == []
    assert len(check("contradiction", [a, b], same_sentence=True)) == 2


def test_different_places_are_not_compared():
    assert (
        check("contradiction", [claim(2500, location="Iraq"), claim(900, location="Syria")]) == []
    )


def test_different_groups_and_measures_are_not_compared():
    assert check("contradiction", [claim(8306), claim(3457, group="children")]) == []
    assert check("contradiction", [claim(8306), claim(239, measure="injured")]) == []


def test_unknown_dates_are_skipped():
    assert check("contradiction", [claim(8306, as_of=None), claim(6000, as_of=None)]) == []
    assert check("contradiction", [claim(8306), claim(6000, as_of=None)]) == []


def test_claims_without_measure_are_not_compared():
    a = claim(300000, measure=None, concept="people")
    b = claim(2, measure=None, concept="people")
    assert check("contradiction", [a, b]) == []


def test_specific_concepts_are_different_subjects():
    officials = claim(2, location=None, concept="IRGC officials")
    people = claim(200, low=200, high=999, qualifier="vague", location=None)
    assert check("contradiction", [officials, people]) == []
    # a demonym or a generic noun counts the same thing as "people"
    assert len(check("contradiction", [claim(20600, concept="Palestinians"), claim(15000)])) == 2
    # nouns of one measure are one class: soldiers and troops
    soldiers = claim(2500, measure="troops", concept="soldiers", location="Iraq")
    troops = claim(900, measure="troops", concept="troops", location="Iraq")
    assert len(check("contradiction", [soldiers, troops])) == 2


def test_unlocated_figures_are_compared_only_inside_one_document():
    a, b = claim(12, location=None), claim(15, location=None, path="b.md")
    assert check("contradiction", [a, b]) == []
    assert len(check("contradiction", [a, b], unlocated="all")) == 2
    c = claim(15, location=None)
    assert len(check("contradiction", [a, c])) == 2
    assert check("contradiction", [a, c], unlocated="never") == []


def test_window_days_for_non_cumulative_measures():
    a = claim(2500, measure="troops", concept="troops", location="Iraq", as_of=OCT30)
    near = claim(3000, measure="troops", concept="troops", location="Iraq", as_of=OCT31, path="b")
    far = claim(3000, measure="troops", concept="troops", location="Iraq", as_of=NOV3, path="c")
    assert len(check("contradiction", [a, near])) == 2
    assert check("contradiction", [a, far]) == []
    assert check("contradiction", [a, near], window_days=0) == []


def test_a_rising_toll_is_not_a_contradiction():
    assert check("contradiction", [claim(8306, as_of=OCT30), claim(8525, as_of=OCT31)]) == []


def test_one_day_events_compare_only_on_the_same_day():
    a = claim(1400, location="Israel", as_of=OCT7, event="day")
    b = claim(12, location="Israel", as_of=dt.date(2023, 10, 8), event="day", path="b.md")
    assert check("contradiction", [a, b]) == []
    running = claim(20600, location="Israel", as_of=OCT7, event="cumulative", path="c.md")
    assert check("contradiction", [a, running]) == []


def test_trends_are_not_levels():
    assert check("contradiction", [claim(8306), claim(300, trend="up", path="b.md")]) == []


def test_conversion_pair_is_not_a_contradiction():
    km = claim(90, measure="troops", unit="kilometer", start=10, end=15, concept=None)
    miles = claim(65, measure="troops", unit="mile", start=17, end=25, converts=10, concept=None)
    assert check("contradiction", [km, miles]) == []


def test_cumulative_fall_is_reported_with_fell_from():
    earlier = claim(8306, as_of=OCT30, path="a.md")
    later = claim(7900, as_of=NOV3, path="b.md")
    findings = check("contradiction", [earlier, later], mode="decrease")
    assert [(f.claim, f.related) for f in findings] == [(later.id, (earlier.id,))]
    assert check("contradiction", [earlier, later]) == []  # same-time mode: different dates


def test_cumulative_fall_needs_a_clearly_lower_figure():
    earlier = claim(8306, as_of=OCT30)
    at_least = claim(8000, high=None, qualifier="at_least", as_of=NOV3, path="b.md")
    assert check("contradiction", [earlier, at_least], mode="decrease") == []
    troops_before = claim(2500, measure="troops", concept="troops", as_of=OCT30)
    troops_after = claim(900, measure="troops", concept="troops", as_of=NOV3, path="b.md")
    assert check("contradiction", [troops_before, troops_after], mode="decrease") == []


def test_repeated_old_total_is_stale_not_a_contradiction():
    old = claim(8306, as_of=OCT30, path="old.md")
    newer = claim(9061, as_of=NOV3, path="new.md")
    repeat = claim(8306, as_of=NOV5, path="draft.md")
    documents = [doc("old.md", OCT30), doc("new.md", NOV3), doc("draft.md", NOV5)]
    claims = [old, newer, repeat]
    assert check("contradiction", claims, documents, mode="decrease") == []
    assert check("contradiction", claims, documents) == []
    stale = check("stale", claims, documents)
    assert [(f.claim, f.related) for f in stale] == [(repeat.id, (newer.id,))]
    # the same figure on the same day as the higher one: stale, not a contradiction
    same_day = claim(8306, as_of=NOV3, path="draft.md")
    assert check("contradiction", [old, newer, same_day], documents) == []


# --- stale ------------------------------------------------------------------------------


def test_older_figure_is_stale_when_a_newer_one_was_published_before():
    old = claim(8306, as_of=OCT30, path="late.md")
    newer = claim(9061, as_of=NOV3, path="new.md", attribution=Attribution("the ministry", "said"))
    documents = [doc("late.md", NOV5), doc("new.md", NOV3)]
    findings = check("stale", [old, newer], documents)
    assert [(f.claim, f.related) for f in findings] == [(old.id, (newer.id,))]
    message = findings[0].message
    assert "9,061" in message and "2023-11-03" in message and "new.md:" in message
    assert "the ministry" in message


def test_newest_figure_is_not_stale():
    old = claim(8306, as_of=OCT30, path="old.md")
    newer = claim(9061, as_of=NOV3, path="new.md")
    documents = [doc("old.md", OCT30), doc("new.md", NOV5)]
    assert [f.claim for f in check("stale", [old, newer], documents)] == []


def test_figure_superseded_after_publication_only_with_the_option():
    old = claim(8306, as_of=OCT30, path="old.md")
    newer = claim(9061, as_of=NOV3, path="new.md")
    documents = [doc("old.md", OCT31), doc("new.md", NOV3)]
    assert check("stale", [old, newer], documents) == []
    findings = check("stale", [old, newer], documents, as_of=NOV5, after_publication=True)
    assert [f.claim for f in findings] == [old.id]


def test_newer_figure_in_the_same_document_is_history_not_staleness():
    old = claim(8306, as_of=OCT30, path="a.md")
    newer = claim(9061, as_of=NOV3, path="a.md")
    assert check("stale", [old, newer], [doc("a.md", NOV5)]) == []


def test_draft_without_date_uses_the_check_date():
    draft = claim(8306, as_of=OCT30, path="draft.md")
    newer = claim(9061, as_of=NOV3, path="new.md")
    documents = [doc("draft.md", None), doc("new.md", NOV3)]
    assert check("stale", [draft, newer], documents) == []  # no date to judge by
    assert [f.claim for f in check("stale", [draft, newer], documents, as_of=NOV5)] == [draft.id]
    assert check("stale", [draft, newer], documents, as_of=NOV3 - dt.timedelta(days=1)) == []


def test_stale_needs_a_different_figure_and_for_tolls_a_higher_one():
    old = claim(8306, as_of=OCT30, path="late.md")
    documents = [doc("late.md", NOV5), doc("new.md", NOV3)]
    same = claim(8300, as_of=NOV3, path="new.md")
    lower = claim(7000, as_of=NOV3, path="new.md")
    assert check("stale", [old, same], documents) == []
    assert check("stale", [old, lower], documents) == []  # that is a fall, FC102's business
    troops_old = claim(2500, measure="troops", concept="troops", as_of=OCT30, path="late.md")
    troops_new = claim(2000, measure="troops", concept="troops", as_of=NOV3, path="new.md")
    assert [f.claim for f in check("stale", [troops_old, troops_new], documents)] == [troops_old.id]


def test_stale_skips_different_places_and_unknown_dates():
    old = claim(8306, as_of=OCT30, path="late.md")
    documents = [doc("late.md", NOV5), doc("new.md", NOV3)]
    assert (
        check("stale", [old, claim(9061, as_of=NOV3, location="Israel", path="new.md")], documents)
        == []
    )
    assert (
        check(
            "stale",
            [claim(8306, as_of=None, path="late.md"), claim(9061, as_of=NOV3, path="new.md")],
            documents,
        )
        == []
    )


# --- unattributed -----------------------------------------------------------------------


def test_unattributed_toll_is_flagged_and_attributed_one_is_not():
    bare = claim(20600, attribution=None, qualifier="more_than", high=None)
    sourced = claim(8306, path="b.md")
    findings = check("unattributed", [bare, sourced])
    assert [f.claim for f in findings] == [bare.id]
    assert findings[0].message.startswith("more than 20,600 | ")


def test_measures_that_need_no_source_are_not_flagged():
    troops = claim(2500, measure="troops", attribution=None)
    protesters = claim(200, measure="protesters", attribution=None)
    nothing = claim(3, measure=None, attribution=None)
    assert check("unattributed", [troops, protesters, nothing]) == []
    assert [f.claim for f in check("unattributed", [troops], vocabulary=False)] == [troops.id]


def test_figure_attributed_elsewhere_in_the_document_counts_as_attributed():
    first = claim(8306, sentence="8,306 killed, the ministry said.")
    repeat = claim(8306, attribution=None, sentence="The 8,306 dead include ...")
    other_doc = claim(8306, attribution=None, path="b.md")
    findings = check("unattributed", [first, repeat, other_doc])
    assert [f.claim for f in findings] == [other_doc.id]
    assert len(check("unattributed", [first, repeat], attributed_elsewhere=False)) == 1


def test_converted_figures_and_small_figures_can_be_skipped():
    converted = claim(55, attribution=None, converts=0, unit="mile")
    assert check("unattributed", [converted]) == []
    small = claim(1, attribution=None)
    assert check("unattributed", [small], min_value=2.0) == []


# --- conversion -------------------------------------------------------------------------


def pair(value: float, unit: str, converted: float, to: str, **fields):
    original = claim(value, unit=unit, measure=None, concept=None, start=10, end=20, **fields)
    return original, claim(
        converted, unit=to, measure=None, concept=None, start=22, end=30, converts=10, **fields
    )


@pytest.mark.parametrize(
    ("value", "unit", "converted", "to"),
    [
        (90, "kilometer", 55, "mile"),
        (40, "degree_Celsius", 104, "degree_Fahrenheit"),
        (100, "kilometer", 62, "mile"),
        (100, "kilometer", 60, "mile"),
        (5, "kilometer", 3, "mile"),
        (1000, "kilogram", 2205, "pound"),
        (-40, "degree_Celsius", -40, "degree_Fahrenheit"),
    ],
)
def test_conversions_that_agree(value, unit, converted, to):
    assert check("conversion", list(pair(value, unit, converted, to))) == []


@pytest.mark.parametrize(
    ("value", "unit", "converted", "to", "expected"),
    [
        (90, "kilometer", 65, "mile", "55.9 miles"),
        (40, "degree_Celsius", 100, "degree_Fahrenheit", "104°F"),
        (100, "kilometer", 50, "mile", "62.1 miles"),
        (10, "kilometer", 10, "mile", "6.21 miles"),
    ],
)
def test_conversions_that_do_not_agree(value, unit, converted, to, expected):
    original, converted_claim = pair(value, unit, converted, to)
    findings = check("conversion", [original, converted_claim])
    assert [(f.claim, f.related) for f in findings] == [(converted_claim.id, (original.id,))]
    assert f"| {expected} |" in findings[0].message


def test_temperature_changes_convert_as_differences():
    assert (
        check("conversion", list(pair(2, "degree_Celsius", 3.6, "degree_Fahrenheit", trend="up")))
        == []
    )


def test_money_and_unknown_units_are_skipped():
    assert check("conversion", list(pair(4.5, "USD", 3.6, "GBP"))) == []
    assert check("conversion", list(pair(4.5, "kilometer", 3, "second"))) == []


def test_precision_of_the_converted_figure():
    assert last_digit(55) == 1 and last_digit(60) == 10 and last_digit(1.5) == pytest.approx(0.1)
    assert allowed_slack(55) == 1
    assert allowed_slack(60) == pytest.approx(3)
    assert allowed_slack(3) == 0.5
    assert allowed_slack(100, temperature=True) == 1
