"""The engine: enabling, stamping, ordering, evidence, wire copies."""

from __future__ import annotations

import datetime as dt
import random
from types import MappingProxyType

from checker.findings.engine import run, story_dates
from checker.grouping import ComparisonIndex, find_stories, shingles
from checker.grouping import stories as stories_module
from checker.kinds import get_kind
from checker.kinds.context import Context, claim_ref
from checker.model import (
    Attribution,
    Claim,
    Document,
    PathOverride,
    Rule,
    RuleFilter,
    RuleSet,
    Settings,
)
from checker.vocabulary import Measure, Vocabulary

OCT30, NOV3, NOV5 = dt.date(2023, 10, 30), dt.date(2023, 11, 3), dt.date(2023, 11, 5)
VOCABULARY = Vocabulary(
    measures={
        "killed": Measure("killed", cumulative=True, requires_attribution=True),
        "troops": Measure("troops", nouns=("troops",)),
    }
)
WIRE = (
    "TEHRAN: Iran said on Monday attacks on US forces in Iraq and elsewhere in the region were "
    "a result of wrong American policies including support for Israel in its war against "
    "Hamas. US forces have come under repeated attack in Iraq and Syria since Hamas gunmen "
    "poured across the Gaza border on October 7, killing 1,400 people and seizing 239 "
    "hostages, according to Israeli officials. Israel has in response unleashed a withering "
    "bombing campaign against the Gaza Strip that the health ministry said on Monday has "
    "killed 8,306 people. The United States has around 2,500 troops in Iraq and some 900 in "
    "Syria as part of efforts to prevent a resurgence of the Islamic State extremist group."
)


def claim(value: float, path: str = "a.md", line: int = 1, column: int = 1, **fields) -> Claim:
    fields.setdefault("measure", "killed")
    fields.setdefault("location", "Gaza")
    fields.setdefault("as_of", OCT30)
    fields.setdefault("concept", "people")
    fields.setdefault("sentence", f"Sentence at {path}:{line}:{column}.")
    return Claim(
        text=f"{value:,.0f} people",
        start=line * 100 + column,
        end=line * 100 + column + 5,
        value=value,
        low=fields.pop("low", value),
        high=fields.pop("high", value),
        path=path,
        line=line,
        column=column,
        id=fields.pop("id", f"{path}#{line}.{column}"),
        **fields,
    )


def make_rule(rule_id: str, name: str, kind: str, level: str = "warning", **options) -> Rule:
    filter_ = options.pop("filter", RuleFilter())
    return Rule(
        id=rule_id,
        name=name,
        kind=kind,
        level=level,
        message="{value} vs {other}" if "other" in get_kind(kind).PLACEHOLDERS else "{value}",
        filter=filter_,
        options=MappingProxyType({**get_kind(kind).OPTIONS, **options}),
    )


CONTRADICTION = make_rule("FC101", "consistency.contradiction", "contradiction", "error")
# running totals of one day compared across documents too (by default: inside one only)
ACROSS_DOCUMENTS = make_rule(
    "FC101", "consistency.contradiction", "contradiction", "error", same_day_totals="all"
)
UNATTRIBUTED = make_rule("FC301", "attribution.unattributed", "unattributed")
STALE = make_rule("FC201", "freshness.stale", "stale")


def ruleset(*rules: Rule, settings: Settings | None = None) -> RuleSet:
    return RuleSet(rules=rules, vocabulary=VOCABULARY, settings=settings or Settings())


def docs(*paths: str, published: dt.date | None = None) -> list[Document]:
    return [
        Document(
            path=p,
            text=f"Article {p} about something else entirely.",
            published=published,
            published_from="metadata" if published else None,
        )
        for p in paths
    ]


def test_findings_are_stamped_and_sorted_by_path_line_column_rule():
    claims = [
        claim(8306, "b.md", 3, 1),
        claim(6000, "b.md", 1, 9),
        claim(
            5000, "a.md", 2, 4, location="Israel", attribution=Attribution("the ministry", "said")
        ),
        claim(100, "a.md", 2, 4, measure="troops", location="Iraq", id="t"),
    ]
    findings = run(claims, docs("a.md", "b.md"), ruleset(UNATTRIBUTED, CONTRADICTION))
    order = [(f.path, f.line, f.column, f.rule) for f in findings]
    assert order == sorted(order)
    # one finding per conflict, on the later figure of the document
    assert order == [
        ("b.md", 1, 9, "FC301"),
        ("b.md", 3, 1, "FC101"),
        ("b.md", 3, 1, "FC301"),
    ]
    conflict = findings[1]
    assert (conflict.rule, conflict.name, conflict.kind, conflict.level) == (
        "FC101",
        "consistency.contradiction",
        "contradiction",
        "error",
    )
    assert conflict.message == "8,306 vs 6,000"
    assert conflict.claim == "b.md#3.1" and conflict.related == ("b.md#1.9",)
    assert findings[0].level == "warning"


def test_level_overrides_apply_globally_and_per_path():
    claims = [claim(8306, "news/a.md"), claim(8306, "drafts/b.md")]
    settings = Settings(
        levels=MappingProxyType({"attribution": "error"}),
        per_path=MappingProxyType(
            {"drafts/*": PathOverride(levels=MappingProxyType({"FC301": "suggestion"}))}
        ),
    )
    findings = run(
        claims, docs("news/a.md", "drafts/b.md"), ruleset(UNATTRIBUTED, settings=settings)
    )
    assert [(f.path, f.level) for f in findings] == [
        ("drafts/b.md", "suggestion"),
        ("news/a.md", "error"),
    ]


def test_disabled_rules_do_not_run_and_per_path_disable_drops_findings():
    claims = [claim(8306, "news/a.md"), claim(8306, "drafts/b.md")]
    documents = docs("news/a.md", "drafts/b.md")
    assert run(claims, documents, ruleset(UNATTRIBUTED, settings=Settings(disable=("FC3",)))) == []
    per_path = Settings(per_path=MappingProxyType({"drafts/*": PathOverride(disable=("all",))}))
    assert [f.path for f in run(claims, documents, ruleset(UNATTRIBUTED, settings=per_path))] == [
        "news/a.md"
    ]
    only = Settings(
        disable=("all",),
        per_path=MappingProxyType({"drafts/*": PathOverride(enable=("attribution",))}),
    )
    assert [f.path for f in run(claims, documents, ruleset(UNATTRIBUTED, settings=only))] == [
        "drafts/b.md"
    ]


def test_rule_filter_narrows_the_claims():
    only_troops = make_rule(
        "X1", "x.troops", "unattributed", filter=RuleFilter(measures=("troops",)), vocabulary=False
    )
    claims = [claim(8306), claim(2500, measure="troops", location="Iraq", line=2)]
    findings = run(claims, docs("a.md"), ruleset(only_troops))
    assert [f.line for f in findings] == [2]
    by_sentence = make_rule(
        "X2", "x.sentence", "unattributed", filter=RuleFilter(sentence=r"\bhealth ministry\b")
    )
    claims = [claim(8306, sentence="The Health Ministry counts 8,306."), claim(8306, line=2)]
    assert [f.line for f in run(claims, docs("a.md"), ruleset(by_sentence))] == [1]


def test_evidence_is_cited_but_never_reported():
    draft = claim(8306, "draft.md", as_of=OCT30)
    archive_same_day = claim(6000, "archive.md", as_of=OCT30, id="arch1")
    archive_newer = claim(9061, "archive2.md", as_of=NOV3, id="arch2")
    documents = [
        *docs("draft.md"),
        *docs("archive.md", published=OCT30),
        *docs("archive2.md", published=NOV3),
    ]
    findings = run(
        [draft],
        documents,
        ruleset(ACROSS_DOCUMENTS, STALE, UNATTRIBUTED),
        as_of=NOV5,
        evidence=[archive_same_day, archive_newer],
    )
    assert {f.path for f in findings} == {"draft.md"}
    by_rule = {f.rule: f for f in findings}
    assert by_rule["FC101"].related == ("arch1",)
    assert by_rule["FC201"].related == ("arch2",)
    assert "FC301" in by_rule  # the draft's own figure, not the archive's


def test_a_claim_given_as_claim_and_evidence_is_not_compared_with_itself():
    one = claim(8306)
    assert run([one], docs("a.md"), ruleset(CONTRADICTION), evidence=[one]) == []


def test_wire_copies_are_one_story():
    longer = "Photo caption about Raqa and the SDF in 2016. " * 3 + WIRE + " Join our channels."
    documents = [
        Document(path="afp.txt", text=WIRE),
        Document(path="copy.txt", text=longer),
        Document(path="other.txt", text="A different story about ships in the Red Sea. " * 10),
    ]
    stories = find_stories(documents)
    assert stories == {"afp.txt": "afp.txt", "copy.txt": "afp.txt", "other.txt": "other.txt"}
    assert len(shingles(WIRE)) > 50


def _stories_by_pairs(documents):
    """find_stories the slow way: every pair of documents, intersected exactly."""
    sets = {d.path: shingles(d.text) for d in documents}
    frequency: dict[int, int] = {}
    for found in sets.values():
        for shingle in found:
            frequency[shingle] = frequency.get(shingle, 0) + 1
    paths = sorted(sets)
    parent = {path: path for path in paths}

    def root(path):
        while parent[path] != path:
            path = parent[path]
        return path

    for k, first in enumerate(paths):
        for second in paths[k + 1 :]:
            a, b = sets[first], sets[second]
            if min(len(a), len(b)) < stories_module.MIN_SHARED:
                continue
            shared = sum(1 for s in a & b if frequency[s] <= stories_module.COMMON_SHINGLE)
            if shared >= stories_module.MIN_SHARED and shared / min(len(a), len(b)) >= 0.5:
                one, other = root(first), root(second)
                parent[max(one, other)] = min(one, other)  # a story is named by its first path
    return {path: root(path) for path in paths}


def test_stories_found_range_by_range_are_those_of_comparing_every_pair(monkeypatch):
    rng = random.Random(3)
    words = "gaza strike troops ministry said killed people aid border talks city night".split()
    paragraphs = [" ".join(rng.choice(words) for _ in range(30)) for _ in range(80)]
    documents = []
    for n in range(60):
        chosen = rng.sample(paragraphs, rng.randint(1, 3))
        documents.append(Document(path=f"d{n:02d}.txt", text="\n\n".join(chosen)))
    monkeypatch.setattr(stories_module, "SHINGLES_PER_PASS", 40)  # many ranges
    assert len(stories_module.hash_ranges(sum(len(shingles(d.text)) for d in documents))) > 10
    stories = find_stories(documents)
    assert stories == _stories_by_pairs(documents)
    monkeypatch.setattr(stories_module, "SHINGLES_PER_PASS", 10**9)  # one pass
    assert find_stories(documents) == stories
    assert 1 < len(set(stories.values())) < len(documents)  # some copies, not all one story


def test_wire_copies_are_compared_like_one_document_and_cited_once():
    documents = [
        Document(path="afp.txt", text=WIRE),
        Document(path="copy.txt", text="Also read. " + WIRE),
        Document(path="c.txt", text="Different text entirely, nothing shared at all here."),
    ]
    # unlocated figures: compared inside a story (copies included), not across stories
    a = claim(1400, "afp.txt", location=None)
    b = claim(1200, "copy.txt", location=None)
    c = claim(1000, "c.txt", location=None)
    findings = run([a, b, c], documents, ruleset(ACROSS_DOCUMENTS))
    assert [(f.path, f.related) for f in findings] == [("copy.txt", (a.id,))]
    # by default a running total's copies of one day are two hours of it: not compared
    assert run([a, b, c], documents, ruleset(CONTRADICTION)) == []
    # a figure repeated by a copy is one observation: cited once
    copy_a = claim(2000, "afp.txt", line=5)
    copy_b = claim(2000, "copy.txt", line=5)
    lone = claim(2500, "c.txt", line=5)
    findings = run([copy_a, copy_b, lone], documents, ruleset(ACROSS_DOCUMENTS))
    on_lone = [f for f in findings if f.path == "c.txt"]
    assert len(on_lone) == 1 and on_lone[0].related == (copy_a.id,)


def test_context_placeholders_read_like_an_editor_would():
    documents = {d.path: d for d in docs("a.md", "b.md", published=NOV5)}
    context = Context(
        documents=documents, vocabulary=VOCABULARY, comparisons=ComparisonIndex(VOCABULARY)
    )
    this = claim(8306, "a.md", 3, attribution=Attribution("the health ministry", "said"))
    other = claim(9061, "b.md", 7, as_of=NOV3, qualifier="at_least", high=None)
    values = context.placeholders(this, other)
    assert values["value"] == "8,306" and values["other"] == "at least 9,061"
    assert values["source"] == "the health ministry"
    assert values["other_source"] == "no source given"
    assert values["other_where"] == "b.md:7" and values["days"] == "4"
    assert values["published"] == "2023-11-05" and values["as_of"] == "2023-10-30"
    assert context.placeholders(this, claim(1, "a.md", 9))["other_where"] == (
        "line 9 of this document"
    )
    assert context.placeholders(claim(5, location=None, as_of=None))["location"] == (
        "place not given"
    )


def test_claim_ref_falls_back_to_the_position():
    assert claim_ref(claim(1, "a.md", 3, 4, id=None)) == "a.md:3:4"


def test_an_undated_wire_copy_is_dated_by_its_story():
    today = dt.date(2026, 1, 1)
    original = Document(path="afp.txt", text=WIRE, published=OCT30, published_from="metadata")
    # read as published on the check date, as the API does for documents without a date
    copy = Document(path="copy.txt", text="Also read. " + WIRE, published=today)
    later = Document(
        path="later.md", text="Another story.", published=NOV5, published_from="metadata"
    )
    documents = [original, copy, later]
    assert story_dates(documents, find_stories(documents)) == {"copy.txt": OCT30}
    old = claim(8306, "copy.txt", as_of=OCT30)
    newer = claim(9061, "later.md", as_of=NOV3)
    assert run([old, newer], documents, ruleset(STALE), as_of=today) == []
    # a draft that is nobody's copy keeps the check date and is stale
    draft = Document(path="draft.md", text="A draft of our own.", published=today)
    mine = claim(8306, "draft.md", as_of=OCT30)
    findings = run([mine, newer], [draft, later], ruleset(STALE), as_of=today)
    assert [f.claim for f in findings] == [mine.id]
