"""Kind names: one person spelled two ways, found with the real spaCy pipeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

import pytest

from checker import check as check_paths
from checker.config.names import load_name_style
from checker.errors import ConfigError
from checker.extraction.people import person_mentions
from checker.findings.engine import run
from checker.kinds import get_kind
from checker.kinds.names import NameStyle
from checker.model import Claim, Document, Rule, RuleSet, Settings

SHARED_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def rule(mode: str) -> Rule:
    kind = get_kind("names")
    return Rule(
        id="T1",
        name="test.names",
        kind="names",
        level="error",
        message="{name} | {other_name} | {other_where} | {role} | {preferred}",
        options=MappingProxyType({**kind.OPTIONS, "mode": mode}),
    )


def check(texts: dict[str, str], *, mode: str = "spelling", style: NameStyle | None = None):
    documents = [
        Document(path=path, text=text, published=dt.date(2024, 5, 1) + dt.timedelta(days=i))
        for i, (path, text) in enumerate(sorted(texts.items()))
    ]
    # The kind checks documents that have figures: one claim stands for each document's.
    claims = [
        Claim(text="3", sentence="", start=0, end=1, value=3, low=3, high=3, path=d.path)
        for d in documents
    ]
    ruleset = RuleSet(rules=(rule(mode),), settings=Settings())
    return run(claims, documents, ruleset, names=style)


def test_mentions_carry_the_name_without_titles_and_the_role(nlp):
    doc = nlp(
        "Interior ministry spokeswoman Layla Haddad said the road was shut. "
        "Dr. Samir Aoun, director of the city hospital, said 4 people were hurt."
    )
    found = {m.name: m for m in person_mentions(doc)}
    assert set(found) == {"Layla Haddad", "Samir Aoun"}
    assert found["Layla Haddad"].title == "interior ministry spokeswoman"
    assert "spokesperson" in found["Layla Haddad"].role
    assert found["Samir Aoun"].role >= {"director", "hospital"}


def test_one_spokesperson_spelled_two_ways_is_reported_on_the_rarer_spelling():
    findings = check(
        {
            "a.txt": "Interior ministry spokeswoman Layla Haddad said the road was shut.",
            "b.txt": "Layla Haddad, the interior ministry spokeswoman, said it would reopen.",
            "c.txt": "Interior ministry spokeswoman Leyla Haddad said the road had reopened.",
        }
    )
    (finding,) = findings
    assert finding.path == "c.txt" and (finding.line, finding.column) == (1, 31)
    assert finding.message.startswith("Leyla Haddad | Layla Haddad | a.txt:1 | interior")


def test_two_people_who_share_a_surname_are_not_reported():
    # In one article: two people.
    assert check({"a.txt": "Karim Halabi met his brother Karin Halabi in Tripoli on Monday."}) == []
    # With different roles: two people.
    assert (
        check(
            {
                "a.txt": "Police chief Karim Halabi said the road was shut.",
                "b.txt": "Health minister Karin Halabi said the clinic was open.",
            }
        )
        == []
    )
    # Given names far apart: two people.
    assert check({"a.txt": "Omar Nasser spoke.", "b.txt": "Tarek Nasser spoke."}) == []


def test_transliterations_are_suggestions_not_misspellings():
    texts = {
        "a.txt": "Finance minister Mohammed Saleh said the budget was ready.",
        "b.txt": "Finance minister Muhammad Saleh said the budget was late.",
    }
    assert check(texts) == []
    (finding,) = check(texts, mode="transliteration")
    assert finding.path == "b.txt" and finding.message.startswith("Muhammad Saleh | Mohammed Saleh")


def test_a_style_list_names_the_house_spelling(tmp_path):
    style_file = tmp_path / "names.yaml"
    style_file.write_text(
        "names:\n"
        "  preferred: true\n"
        "  transliterations:\n"
        "    - [Muhammad, Mohammed, Mohamed]\n"
        "  people:\n"
        "    - name: Layla Haddad\n"
        "      variants: [Laila Haddad]\n",
        encoding="utf-8",
    )
    style = load_name_style([style_file])
    findings = check(
        {
            "a.txt": "Finance minister Mohammed Saleh said the budget was ready.",
            "b.txt": "Spokeswoman Laila Haddad said it was late.",
        },
        mode="transliteration",
        style=style,
    )
    messages = sorted(f.message for f in findings)
    assert messages == [
        "Laila Haddad | Layla Haddad | the style list | spokeswoman | Layla Haddad",
        "Mohammed Saleh | Muhammad Saleh | the style list | finance minister | Muhammad Saleh",
    ]


def test_a_bad_style_list_fails_with_every_located_error(tmp_path):
    style_file = tmp_path / "names.yaml"
    style_file.write_text(
        "names:\n"
        "  transliterations:\n"
        "    - [Mohammed]\n"
        "    - [Ahmed, 'Ahm3d']\n"
        "  people:\n"
        "    - name: Madonna\n"
        "      variants: [Nasser Kanani]\n"
        "  spelling: strict\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_name_style([style_file])
    lines = str(caught.value).splitlines()
    assert [line.split(": ", 1)[0].rsplit(":", 2)[1:] for line in lines] == [
        ["3", "7"],
        ["4", "15"],
        ["6", "13"],
        ["8", "3"],
    ]
    assert "needs at least two spellings" in lines[0]
    assert "'Ahm3d' must be one word of letters" in lines[1]
    assert "'Madonna' must be two to four words" in lines[2]
    assert "unknown key 'spelling'" in lines[3]


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="the shared seeds are not here")
def test_the_kanani_spelling_is_flagged_in_the_shared_seeds():
    report = check_paths([str(SHARED_SEEDS)], as_of="2024-01-01")
    names = [f for f in report.findings if f.kind == "names"]
    assert len(names) == 1
    (finding,) = names
    assert finding.rule == "FC601" and finding.level == "error"
    assert finding.path.endswith("004_4ae9fa9574e6186b.txt") and finding.line == 39
    assert '"Naseer Kanani"' in finding.message and '"Nasser Kanani"' in finding.message
