"""Rule files and vocabularies: loading, strict located validation, safe YAML."""

from __future__ import annotations

import pytest

from checker.config import default_rules_dir, load_ruleset, rule_files
from checker.errors import ConfigError
from checker.model import Settings
from checker.vocabulary import default_vocabulary, parse_vocabulary
from checker.yamlload import load_text

from .common import VALID, errors, write

# --- valid files ------------------------------------------------------------------------


def test_default_rules_load_with_ids_levels_and_examples():
    ruleset = load_ruleset()
    assert [r.id for r in ruleset.rules if r.path == "rules/default.yaml"] == [
        "FC101", "FC102", "FC103", "FC201", "FC301", "FC401",
    ]
    assert [r.id for r in ruleset.rules if r.path != "rules/default.yaml"] == [
        "FC501", "FC502", "FC601", "FC602",
    ]
    levels = {r.id: r.level for r in ruleset.rules}
    assert levels == {
        "FC101": "error",
        "FC102": "error",
        "FC201": "warning",
        "FC301": "warning",
        "FC401": "error",
        "FC103": "suggestion",
        "FC501": "error",
        "FC502": "warning",
        "FC601": "error",
        "FC602": "suggestion",
    }
    for rule in ruleset.rules:
        assert rule.path in ("rules/default.yaml", "rules/reference.yaml", "rules/names.yaml")
        assert rule.description and rule.link.startswith("https://")
        assert {e.expect for e in rule.examples} == {"pass", "fail"}
    assert ruleset.vocabulary.measures["killed"].cumulative
    assert ruleset.vocabulary.place("Gaza Strip") == "Gaza"
    assert (default_rules_dir() / "default.yaml").is_file()


def test_user_file_adds_rules_and_vocabulary(tmp_path):
    path = write(tmp_path, "newsroom.yaml", VALID)
    ruleset = load_ruleset([str(path)])
    rule = ruleset.get("NEWS1")
    assert rule is ruleset.get("newsroom.quake-source")
    assert rule.level == "suggestion" and rule.kind == "unattributed"
    assert rule.filter.measures == ("quake_dead",)
    assert rule.filter.locations == ("Kahramanmaras",)  # aliases resolve to the canonical name
    assert rule.options["min_value"] == 10 and rule.options["vocabulary"] is True
    assert rule.path == str(path) and rule.line == 10
    assert [e.expect for e in rule.examples] == ["fail", "pass"]
    assert rule.examples[0].published.isoformat() == "2023-02-07"
    assert rule.examples[1].documents[0].path == "other.txt"
    assert ruleset.vocabulary.measures["quake_dead"].requires_attribution
    assert ruleset.vocabulary.place("Marash") == "Kahramanmaras"
    assert ruleset.vocabulary.place("Gaza Strip") == "Gaza"  # ours are kept
    assert "FC101" in {r.id for r in ruleset.rules}


def test_without_default_rules_only_the_users_are_loaded(tmp_path):
    path = write(tmp_path, "r.yaml", VALID)
    ruleset = load_ruleset([str(path)], default_rules=False)
    assert [r.id for r in ruleset.rules] == ["NEWS1"]
    assert set(ruleset.vocabulary.measures) == {"quake_dead"}
    assert load_ruleset([str(path)], settings=Settings(default_rules=False)).rules == ruleset.rules


def test_user_rule_with_a_default_id_overrides_it(tmp_path):
    path = write(
        tmp_path,
        "r.yaml",
        """
        rules:
          - id: FC301
            name: attribution.unattributed
            kind: unattributed
            level: error
            message: "{value}: source?"
    """,
    )
    ruleset = load_ruleset([str(path)])
    rule = ruleset.get("FC301")
    assert (rule.level, rule.message, rule.path) == ("error", "{value}: source?", str(path))
    assert len([r for r in ruleset.rules if r.id == "FC301"]) == 1


def test_user_rule_may_not_take_a_default_rules_name(tmp_path):
    path = write(
        tmp_path,
        "r.yaml",
        """
        rules:
          - id: NEWS9
            name: freshness.stale
            kind: stale
            level: error
            message: "{value}"
    """,
    )
    [error] = errors(path)
    assert error.startswith(f"{path}:2:5: rule name 'freshness.stale' is already used by FC201")


def test_folder_loads_yaml_files_sorted_and_skips_sidecars(tmp_path):
    write(tmp_path, "b.yml", "places:\n  Second: [Deux]\n")
    write(tmp_path, "a.yaml", "places:\n  First: [Un]\n")
    write(tmp_path, "sub/c.yaml", "places:\n  Third: []\n")
    write(tmp_path, "story.meta.yaml", "title: not a rule file\n")
    write(tmp_path, "notes.txt", "ignored")
    names = [p.relative_to(tmp_path).as_posix() for p in rule_files(tmp_path)]
    assert names == ["a.yaml", "b.yml", "sub/c.yaml"]
    vocabulary = load_ruleset([str(tmp_path)]).vocabulary
    assert vocabulary.place("deux") == "Second" and vocabulary.place("Third") == "Third"


def test_yaml_booleans_are_yaml_1_2(tmp_path):
    path = write(tmp_path, "r.yaml", "places:\n  Norway: [NO, Norge]\n")
    assert load_ruleset([str(path)]).vocabulary.place("no") == "Norway"


def test_missing_rule_path_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="no such rule file or folder"):
        load_ruleset([str(tmp_path / "missing.yaml")])


def test_the_shipped_vocabulary_is_read_the_same_by_extraction_and_by_rules():
    """One strict loader: ``extract`` and ``check`` see the same shipped vocabulary."""
    assert default_vocabulary() == load_ruleset().vocabulary
    assert default_vocabulary() is default_vocabulary()  # read once per process


def test_vocabulary_sections_are_validated_with_located_errors():
    data, problems = load_text(
        "measures:\n  Bad: {}\n  good: {nouns: [a], colour: red}\nplaces:\n  Norway: [NO]\n",
        "v.yaml",
    )
    assert problems == []
    vocabulary, problems = parse_vocabulary(data, "v.yaml")
    assert problems == [
        "v.yaml:2:3: measure names are lower_snake_case, not 'Bad'",
        "v.yaml:3:22: unknown key 'colour' in measure 'good'; known: description, nouns, "
        "verbs, adjectives, cumulative, requires_attribution, of",
    ]
    assert set(vocabulary.measures) == {"good"} and vocabulary.place("no") == "Norway"


# --- located validation errors ----------------------------------------------------------

RULE_HEAD = """
rules:
  - id: NEWS1
    name: newsroom.test
    kind: contradiction
    level: warning
    message: "{value} vs {other}"
"""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("    colour: red\n", "7:5: unknown key 'colour' in a rule; known: id, name, kind"),
        ("    lvel: error\n", "7:5: unknown key 'lvel' in a rule (did you mean 'level'?)"),
        ("    description: [a, b]\n", "7:18: rule 'description' must be text, not a list"),
        (
            "    filter:\n      measures: [killed, deaths]\n",
            "8:26: unknown measure 'deaths'; known measures: affected, arrested, attacks",
        ),
        ("    filter:\n      qualifiers: [roughly]\n", "8:20: unknown qualifier 'roughly'"),
        ("    filter:\n      units: [furlongs_per_blink]\n", "8:15: unknown unit"),
        ("    filter:\n      sentence: '(unclosed'\n", "8:17: bad regular expression"),
        ("    filter:\n      place: [Gaza]\n", "8:7: unknown key 'place' in filter"),
        (
            "    options:\n      window: 2\n",
            "8:7: unknown key 'window' in the options of kind contradiction (did you mean "
            "'window_days'?)",
        ),
        (
            "    options:\n      window_days: two\n",
            "8:20: option 'window_days' must be a whole number, not the text 'two'",
        ),
        (
            "    options:\n      same_sentence: 1\n",
            "8:22: option 'same_sentence' must be true or false, not the number 1",
        ),
        (
            "    options:\n      mode: sideways\n",
            "8:13: option 'mode' must be one of same-time, decrease, not 'sideways'",
        ),
        ("    options:\n      window_days: -1\n", "8:20: option 'window_days' must be 0 or more"),
        (
            "    examples:\n      - text: x\n        expect: maybe\n",
            "9:17: example 'expect' must be one of pass, fail, not 'maybe'",
        ),
        (
            "    examples:\n      - text: x\n",
            "8:9: an example is missing the required key 'expect'",
        ),
        (
            "    examples:\n      - text: x\n        expect: pass\n        published: soon\n",
            "10:20: example 'published' must be a date (YYYY-MM-DD), not 'soon'",
        ),
        ("    examples: {text: x}\n", "7:15: examples must be a list, not a mapping"),
    ],
)
def test_each_rule_error_is_located(tmp_path, extra, expected):
    path = write(tmp_path, "r.yaml", RULE_HEAD.lstrip("\n") + extra)
    found = errors(path)
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{expected}"), found[0]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("id", "news1", "2:9: rule id 'news1' must be capital letters then digits, like NEWS1"),
        (
            "name",
            "Newsroom Test",
            "3:11: rule name 'Newsroom Test' must be dotted lower-case words, like "
            "consistency.contradiction",
        ),
        (
            "kind",
            "sarcasm",
            "4:11: unknown kind 'sarcasm'; known kinds: contradiction, "
            "conversion, dispute, names, reference, stale, unattributed",
        ),
        (
            "level",
            "fatal",
            "5:12: rule 'level' must be one of error, warning, suggestion, not 'fatal'",
        ),
        ("level", "3", "5:12: rule 'level' must be text, not a number"),
        (
            "message",
            '"{value} {nonsense}"',
            "6:14: unknown placeholder {nonsense} for kind contradiction; known: {as_of} {days}",
        ),
        (
            "message",
            '"{value.__class__}"',
            "6:14: message placeholder {value.__class__} must be a plain name",
        ),
        ("message", '"{value!r}"', "6:14: message placeholder {value} takes no format spec"),
        ("message", '"{value"', "6:14: message has unbalanced braces"),
    ],
)
def test_each_field_error_is_located(tmp_path, field, value, expected):
    lines = RULE_HEAD.lstrip("\n").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip(" -").startswith(f"{field}:"))
    lines[index] = lines[index].split(":")[0] + f": {value}"
    path = write(tmp_path, "r.yaml", "\n".join(lines) + "\n")
    found = errors(path)
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{expected}"), found[0]


def test_missing_required_fields_are_reported_at_the_rule(tmp_path):
    path = write(tmp_path, "r.yaml", "rules:\n  - id: NEWS1\n    kind: stale\n")
    assert errors(path) == [
        f"{path}:2:5: a rule is missing the required key 'name'",
        f"{path}:2:5: a rule is missing the required key 'level'",
        f"{path}:2:5: a rule is missing the required key 'message'",
    ]


def test_duplicate_ids_in_one_source_set(tmp_path):
    rule = RULE_HEAD.lstrip("\n").split("\n", 1)[1]
    second = rule.replace("newsroom.test", "newsroom.other")
    path = write(tmp_path, "r.yaml", "rules:\n" + rule + second)
    assert errors(path) == [f"{path}:7:9: duplicate rule id NEWS1 (first defined at {path}:2:9)"]
    other = write(tmp_path, "more/s.yaml", "rules:\n" + second)
    write(tmp_path, "more/r.yaml", "rules:\n" + rule)
    assert errors(other.parent)[0].endswith(f"(first defined at {tmp_path / 'more/r.yaml'}:2:9)")


def test_shipped_rule_ids_must_be_fc_and_three_digits(tmp_path, monkeypatch):
    write(tmp_path, "default.yaml", RULE_HEAD)
    monkeypatch.setattr("checker.config.rules.default_rules_dir", lambda: tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_ruleset()
    message = caught.value.errors[0]
    assert message.endswith("2:9: rule id 'NEWS1' must be FC and three digits, like FC101")


def test_every_error_of_every_file_at_once(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        """
        rules:
          - id: NEWS1
            name: newsroom.a
            kind: stale
            level: fatal
            colour: red
        places: [Gaza]
    """,
    )
    write(tmp_path, "b.yaml", "measures:\n  Bad Name: {}\n  good: {nouns: flat}\n")
    found = errors(tmp_path)
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert found == [  # sorted by file and position
        f"{a}:2:5: a rule is missing the required key 'message'",
        f"{a}:5:12: rule 'level' must be one of error, warning, suggestion, not 'fatal'",
        f"{a}:6:5: unknown key 'colour' in a rule; known: id, name, kind, level, message, "
        "description, link, filter, options, examples",
        f"{a}:7:9: places must be a mapping, not a list",
        f"{b}:2:3: measure names are lower_snake_case, not 'Bad Name'",
        f"{b}:3:17: measure 'nouns' must be a list of text, not text",
    ]


def test_top_level_must_be_a_mapping_with_known_keys(tmp_path):
    path = write(tmp_path, "r.yaml", "- a\n- b\n")
    assert errors(path) == [f"{path}:1:1: a rule file must be a mapping, not a list"]
    path = write(tmp_path, "s.yaml", "rule: []\n")
    assert errors(path)[0].startswith(f"{path}:1:1: unknown key 'rule' in a rule file (did you")


def test_impossible_dates_and_bad_tagged_scalars_are_located(tmp_path):
    path = write(
        tmp_path,
        "r.yaml",
        RULE_HEAD.lstrip("\n")
        + """\
    examples:
      - text: x
        expect: fail
        published: 2023-02-30
""",
    )
    assert errors(path) == [
        f"{path}:10:20: '2023-02-30' is not a valid date (day is out of range for month)"
    ]


def test_syntax_errors_and_duplicate_keys_are_located(tmp_path):
    path = write(tmp_path, "r.yaml", "rules:\n  - id: [\n")
    assert errors(path)[0].startswith(f"{path}:3:1: invalid YAML")
    path = write(tmp_path, "d.yaml", "places:\n  Gaza: []\n  Gaza: [x]\n")
    assert errors(path) == [f"{path}:3:3: duplicate key 'Gaza' (first at line 2)"]


# --- safe YAML --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "rules: !!python/object/apply:os.system ['echo owned']\n",
            "1:8: the tag !!python/object/apply:os.system is not allowed",
        ),
        ("places:\n  Gaza: !!python/name:os.system\n", "2:9: the tag !!python/name:os.system"),
        ("places: !custom {}\n", "1:9: the tag !custom is not allowed"),
        ("places:\n  Gaza: !!binary aGVsbG8=\n", "2:9: the tag !!binary is not allowed"),
        ("places:\n  Gaza: !!set {a, b}\n", "2:9: the tag !!set is not allowed"),
        ("base: &b [x]\nplaces: {Gaza: *b}\n", "1:7: anchors (&name) are not allowed"),
    ],
)
def test_unsafe_yaml_is_refused(tmp_path, text, expected):
    path = write(tmp_path, "r.yaml", text)
    assert errors(path) == [f"{path}:{expected}"] or errors(path)[0].startswith(
        f"{path}:{expected}"
    )


def test_alias_bomb_is_refused_fast(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(ord("b"), ord("j")):
        previous = chr(n - 1)
        lines.append(f"{chr(n)}: &{chr(n)} [" + ",".join(f"*{previous}" for _ in range(9)) + "]")
    path = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    found = errors(path)  # refused before any alias is expanded (bench/hostile_speed.py)
    assert found == [f"{path}:1:4: anchors (&name) are not allowed"]
    data, problems = load_text("a: [1]\nb: *a\n", "x.yaml")
    assert data is None and problems == ["x.yaml:2:4: aliases (*name) are not allowed"]


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("places:\n" + "  P: [" + "x, " * 400_000 + "y]\n", encoding="utf-8")
    found = errors(path)
    assert len(found) == 1 and found[0].startswith(f"{path}:1:1: the file is larger than 1 MB")


def test_deep_nesting_is_refused(tmp_path):
    path = write(tmp_path, "deep.yaml", "[" * 50_000)
    assert errors(path)[0].startswith(f"{path}:1:1: invalid YAML")


def test_non_utf8_file_is_refused(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"places:\n  Gen\xe8ve: []\n")
    assert errors(path)[0].startswith(f"{path}:1:1: the file is not UTF-8")
