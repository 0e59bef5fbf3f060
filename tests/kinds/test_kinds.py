"""Rule kinds: the registry, the meta-tests, and what does not fit in a YAML fixture.

The simple pass/fail cases of each kind are in tests/fixtures/kinds/<kind>.yaml, run by
tests/kinds/test_fixtures.py."""

from __future__ import annotations

import datetime as dt
import itertools
from types import MappingProxyType

import pytest

from checker.findings.engine import run
from checker.grouping import different_sources, is_revision
from checker.kinds import KINDS, UnknownKind, documentation, get_kind, resolve_options, sweep
from checker.kinds import stale as stale_kind
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
_counter = itertools.count(1)


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
    assert {"contradiction", "dispute", "stale", "unattributed", "conversion"} <= set(KINDS)
    with pytest.raises(UnknownKind, match="known kinds: contradiction, conversion, dispute"):
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


@pytest.mark.parametrize("name", ["contradiction", "dispute", "stale"])
def test_comparing_kinds_document_the_new_semantics(name):
    text = documentation(name).lower()
    for word in ("revision", "named source", "event"):
        assert word in text, f"{name} does not explain {word}"


def test_unknown_modalities_are_refused():
    from_rule = resolve_options("contradiction", {"modalities": ["reported", "rumoured"]})[1]
    assert from_rule and from_rule[0][0] == "modalities"
    assert resolve_options("stale", {"modalities": ["reported", "projected"]})[1] == []


# --- contradiction and dispute: what needs real documents ------------------------------


def test_wire_copies_are_one_observation():
    wire = " ".join(f"word{i}" for i in range(200))
    documents = [
        doc("afp.md", NOV3, wire),
        doc("copy.md", NOV3, "Also read. " + wire),
        doc("c.md", NOV5),
    ]
    first = claim(9061, as_of=NOV3, path="afp.md")
    copy = claim(9061, as_of=NOV3, path="copy.md")
    other = claim(7000, as_of=NOV3, path="c.md")
    findings = check("contradiction", [first, copy, other], documents, same_day_totals="all")
    assert [(f.claim, f.related) for f in findings] == [(other.id, (first.id,))]


def test_running_totals_of_one_day_are_compared_inside_a_story_with_the_option():
    wire = " ".join(f"word{i}" for i in range(200))
    documents = [
        doc("afp.md", NOV3, wire),
        doc("copy.md", NOV3, "Also read. " + wire),
        doc("c.md", NOV3),
    ]
    first = claim(9061, as_of=NOV3, path="afp.md")
    copy = claim(7000, as_of=NOV3, path="copy.md")  # the same wire story, another figure
    other = claim(5000, as_of=NOV3, path="c.md")  # another story: another hour of the day
    assert check("contradiction", [first, copy, other], documents) == []  # by default
    findings = check("contradiction", [first, copy, other], documents, same_day_totals="story")
    assert [(f.claim, f.related) for f in findings] == [(copy.id, (first.id,))]


def test_the_revision_signal_reads_the_words_near_the_figure():
    def said(sentence: str, text: str) -> Claim:
        return claim(190, text=text, sentence=sentence)

    assert is_revision(said("The ministry revised the toll down to about 190.", "about 190"))
    assert is_revision(said("Officials lowered the count to 190 on Friday.", "190"))
    assert is_revision(said("The figure of 190, corrected on Friday, stands.", "190"))
    assert not is_revision(said("The bombing killed 190 people, the ministry said.", "190"))
    far = "The ministry, which revised its school figures after a long audit last year, "
    assert not is_revision(said(far + "said on Friday that 190 people were killed.", "190"))


def test_sources_are_different_only_when_both_are_named_and_neither_contains_the_other():
    def by(source):
        return claim(1, attribution=Attribution(source, "said") if source else None)

    assert different_sources(by("the health ministry"), by("the Israeli army"))
    assert not different_sources(by("the ministry"), by("Gaza's health ministry"))
    assert not different_sources(by("NEMA"), by("the National Emergency Management Agency"))
    assert not different_sources(by("he"), by("the Israeli army"))
    assert not different_sources(by(None), by("the Israeli army"))
    assert different_sources(by("Hamas officials"), by("Israeli officials"))


# --- near-linear comparison (issue 17): counted operations, not wall-clock ---------------


def _counting(monkeypatch) -> list[int]:
    calls = [0]
    real = sweep._conflict

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(sweep, "_conflict", counted)
    return calls


def test_ten_thousand_agreeing_figures_are_never_compared_pairwise(monkeypatch):
    calls = _counting(monkeypatch)
    claims = [
        claim(40 + n % 7, high=None, qualifier="at_least", line=n, id=f"x{n}")
        for n in range(10_000)
    ]
    for kind in ("contradiction", "dispute"):
        assert check(kind, claims) == []
    assert calls[0] == 0


def test_conflicting_figures_cost_a_bounded_number_of_comparisons_each(monkeypatch):
    calls = _counting(monkeypatch)
    n = 4_000
    claims = [
        claim(float(1000 + 10 * (k % 500)), line=k, id=f"y{k}", sentence=f"S{k}.") for k in range(n)
    ]
    findings = check("contradiction", claims)
    # 500 distinct figures, each pair reported once at most, each claim reads at most
    # NEAREST figures on each side (with a few sources each): linear, not n * n / 2.
    assert calls[0] <= n * 2 * sweep.NEAREST
    assert calls[0] < n * n // 20
    assert 0 < len(findings) <= 500


def test_stale_reads_one_newest_figure_per_claim(monkeypatch):
    calls = [0]
    real = stale_kind._supersedes

    def counted(*args):
        calls[0] += 1
        return real(*args)

    monkeypatch.setattr(stale_kind, "_supersedes", counted)
    start = dt.date(2023, 1, 1)
    claims, documents = [], []
    for k in range(3_000):
        day = start + dt.timedelta(days=k // 10)
        path = f"d{k}.md"
        documents.append(doc(path, day))
        claims.append(claim(float(100 + k), as_of=day, path=path, id=f"z{k}"))
    late = start + dt.timedelta(days=310)  # within the horizon of the newest figures
    documents.append(doc("late.md", late))
    claims.append(claim(100.0, as_of=late, path="late.md", id="late"))
    findings = check("stale", claims, documents)
    assert calls[0] <= len(claims)
    # same-day figures are not newer than each other; the late repeat of the first figure is
    assert [f.claim for f in findings] == ["late"]


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
