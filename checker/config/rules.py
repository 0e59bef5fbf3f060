"""Rule files: finding them, reading them safely, validating every rule with located errors.

A rule file is YAML with any of the top-level keys ``rules`` (a list of rules), ``measures``,
``places`` and ``groups`` (vocabularies, formats as in ``rules/vocabulary/*.yaml``).
``--rules PATH`` names a file or a folder (every ``*.yaml``/``*.yml`` under it, sorted;
``*.meta.yaml`` sidecars are skipped). The shipped rules are one source set and the user's
files another: a duplicate rule id or name *within* a set is an error; a user rule with the
id of a shipped rule replaces it; user vocabulary entries extend or replace ours.

Validation is strict and located: every problem of every file is collected and raised
together as one :class:`~checker.errors.ConfigError` of ``path:line:col: message`` lines.
Nothing in a rule file can run code: YAML is loaded safely (see :mod:`checker.yamlload`),
kinds are looked up in an explicit registry, messages are plain ``{name}`` templates, and a
``filter.sentence`` pattern runs on RE2, which matches in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import re2

from ..errors import ConfigError
from ..kinds import KINDS, message_problems, resolve_options
from ..model import (
    LEVELS,
    QUALIFIERS,
    Example,
    ExampleDocument,
    Rule,
    RuleFilter,
    RuleSet,
    Settings,
    sentence_pattern,
)
from ..resources import rules_dir
from ..units import CURRENCY_CODES, canonical
from ..vocabulary import Vocabulary, parse_vocabulary
from ..yamlload import Checker, Mark, YamlMap, load_file
from .located import display_path, item_mark, sorted_errors

DEFAULT_ID = r"FC[0-9]{3}"
USER_ID = r"[A-Z]+[0-9]+"
NAME = r"[a-z][a-z0-9_-]*(?:\.[a-z][a-z0-9_-]*)*"

# fmt: off
FILE_KEYS = ("rules", "measures", "places", "groups")
RULE_KEYS = ("id", "name", "kind", "level", "message", "description", "link", "filter",
             "options", "examples")
RULE_REQUIRED = ("id", "name", "kind", "level", "message")
FILTER_KEYS = ("measures", "units", "locations", "qualifiers", "sentence")
EXAMPLE_KEYS = ("text", "published", "as_of", "expect", "documents", "note", "reference")
EXAMPLE_DOCUMENT_KEYS = ("text", "published", "path", "source", "title")
# fmt: on


# --- finding files ---------------------------------------------------------------------


def default_rules_dir() -> Path:
    """The shipped rules: package ``checker.rules`` in a wheel, ``rules/`` in a checkout."""
    return rules_dir()


def rule_files(path: Path) -> list[Path]:
    """A rule file itself, or every rule file under a folder, sorted; sidecars skipped."""
    if path.is_dir():
        found = [p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
        return sorted(
            (p for p in found if not p.name.endswith(".meta.yaml")),
            key=lambda p: p.relative_to(path).as_posix(),
        )
    return [path]


# --- loading rules and vocabularies ----------------------------------------------------


@dataclass
class _Source:
    where: str
    data: YamlMap
    shipped: bool


def load_ruleset(
    paths: Sequence[str] = (), *, default_rules: bool = True, settings: Settings | None = None
) -> RuleSet:
    """Load, validate and merge the shipped rules (unless turned off) and ``paths``.

    ``settings`` (default: none, not discovered) adds its ``rule_paths`` before ``paths`` and
    can turn the shipped rules off. Raises :class:`ConfigError` listing every problem.
    """
    settings = settings or Settings()
    errors: list[str] = []
    sources: list[_Source] = []
    if default_rules and settings.default_rules:
        shipped = default_rules_dir()
        for file in rule_files(shipped):
            _read(file, display_path(file, shipped.parent), True, sources, errors)
    for given in (*settings.rule_paths, *paths):
        path = Path(given)
        if not path.exists():
            errors.append(f"{given}: no such rule file or folder")
            continue
        for file in rule_files(path):
            _read(file, display_path(file), False, sources, errors)

    vocabulary = Vocabulary()
    for shipped_set in (True, False):
        for source in sources:
            if source.shipped is shipped_set:
                found, problems = parse_vocabulary(source.data, source.where)
                errors.extend(problems)
                vocabulary = vocabulary.merged(found)

    rules: dict[str, Rule] = {}
    for shipped_set in (True, False):
        seen: dict[str, tuple[str, Mark]] = {}
        for source in sources:
            if source.shipped is shipped_set:
                for rule in _rules(source, vocabulary, seen, errors):
                    rules[rule.id] = rule
    names: dict[str, Rule] = {}
    for rule in rules.values():
        if rule.name in names:
            other = names[rule.name]
            errors.append(
                f"{rule.path}:{rule.line}:{rule.column}: rule name {rule.name!r} is already "
                f"used by {other.id} ({other.path}:{other.line})"
            )
        names[rule.name] = rule
    if errors:
        raise ConfigError(sorted_errors(errors))
    ordered = tuple(sorted(rules.values(), key=lambda rule: rule.id))
    return RuleSet(rules=ordered, vocabulary=vocabulary, settings=settings)


def _read(file: Path, where: str, shipped: bool, sources: list[_Source], errors: list[str]) -> None:
    data, problems = load_file(file, where)
    errors.extend(problems)
    if data is None:
        return
    check = Checker(where)
    top = check.mapping(data, getattr(data, "mark", Mark()), "a rule file")
    if top is not None:
        check.keys(top, "a rule file", allowed=FILE_KEYS)
        sources.append(_Source(where, top, shipped))
    errors.extend(check.errors)


def _rules(
    source: _Source, vocabulary: Vocabulary, seen: dict[str, tuple[str, Mark]], errors: list[str]
) -> list[Rule]:
    check = Checker(source.where)
    data = source.data
    built: list[Rule] = []
    if "rules" in data:
        for entry, mark in check.elements(data["rules"], data.value_mark("rules"), "rules"):
            item = check.mapping(entry, mark, "a rule")
            if item is None:
                continue
            rule = _rule(item, check, source, vocabulary, seen)
            if rule is not None:
                built.append(rule)
    errors.extend(check.errors)
    return built


def _rule(
    item: YamlMap,
    check: Checker,
    source: _Source,
    vocabulary: Vocabulary,
    seen: dict[str, tuple[str, Mark]],
) -> Rule | None:
    before = len(check.errors)
    check.keys(item, "a rule", allowed=RULE_KEYS, required=RULE_REQUIRED)
    rule_id = check.text(item, "id", "rule")
    if rule_id is not None:
        pattern, shape = (
            (DEFAULT_ID, "FC and three digits, like FC101")
            if source.shipped
            else (USER_ID, "capital letters then digits, like NEWS1")
        )
        if not re.fullmatch(pattern, rule_id):
            check.error(item.value_mark("id"), f"rule id {rule_id!r} must be {shape}")
        elif rule_id in seen:
            where, first = seen[rule_id]
            check.error(
                item.value_mark("id"),
                f"duplicate rule id {rule_id} (first defined at "
                f"{where}:{first.line}:{first.column})",
            )
        else:
            seen[rule_id] = (source.where, item.value_mark("id"))
    name = check.text(item, "name", "rule")
    if name is not None and not re.fullmatch(NAME, name):
        check.error(
            item.value_mark("name"),
            f"rule name {name!r} must be dotted lower-case words, like consistency.contradiction",
        )
        name = None
    kind_name = check.text(item, "kind", "rule")
    kind = None
    if kind_name is not None:
        kind = KINDS.get(kind_name)
        if kind is None:
            check.error(
                item.value_mark("kind"),
                f"unknown kind {kind_name!r}; known kinds: {', '.join(sorted(KINDS))}",
            )
    level = check.text(item, "level", "rule", choices=LEVELS)
    message = check.text(item, "message", "rule")
    if message is not None and kind is not None:
        for problem in message_problems(kind_name or "", message):
            check.error(item.value_mark("message"), problem)
    description = check.text(item, "description", "rule") or ""
    link = check.text(item, "link", "rule") or ""
    rule_filter = _filter(item, check, vocabulary)
    options = _options(item, check, kind_name)
    examples = _examples(item, check)
    required = (rule_id, name, kind_name, level, message)
    if len(check.errors) > before or kind is None or any(value is None for value in required):
        return None
    assert rule_id and name and kind_name and level and message is not None  # for type checkers
    return Rule(
        id=rule_id,
        name=name,
        kind=kind_name,
        level=level,
        message=message,
        description=description.strip(),
        link=link,
        filter=rule_filter,
        options=MappingProxyType(options),
        examples=examples,
        path=source.where,
        line=item.mark.line,
        column=item.mark.column,
    )


def _filter(item: YamlMap, check: Checker, vocabulary: Vocabulary) -> RuleFilter:
    if "filter" not in item:
        return RuleFilter()
    spec = check.mapping(item["filter"], item.value_mark("filter"), "filter")
    if spec is None:
        return RuleFilter()
    check.keys(spec, "filter", allowed=FILTER_KEYS)
    measures = check.texts(spec, "measures", "filter", single=True) or ()
    for index, measure in enumerate(measures):
        if measure not in vocabulary.measures:
            known = ", ".join(sorted(vocabulary.measures))
            check.error(
                item_mark(spec, "measures", index),
                f"unknown measure {measure!r}; known measures: {known}",
            )
    qualifiers = check.texts(spec, "qualifiers", "filter", single=True) or ()
    for index, qualifier in enumerate(qualifiers):
        if qualifier not in QUALIFIERS:
            check.error(
                item_mark(spec, "qualifiers", index),
                f"unknown qualifier {qualifier!r}; known: {', '.join(QUALIFIERS)}",
            )
    units = check.texts(spec, "units", "filter", single=True) or ()
    for index, unit in enumerate(units):
        if not _known_unit(unit):
            check.error(
                item_mark(spec, "units", index),
                f"unknown unit {unit!r}: use pint's "
                "name (kilometer, degree_Celsius, percent) or an ISO 4217 code (USD)",
            )
    locations = check.texts(spec, "locations", "filter", single=True) or ()
    sentence = check.text(spec, "sentence", "filter")
    if sentence is not None:
        try:
            sentence_pattern(sentence)
        except re2.error as exc:
            reason = exc.args[0] if exc.args else "cannot compile"
            if isinstance(reason, bytes):  # the RE2 binding reports its error as bytes
                reason = reason.decode("utf-8", "replace")
            check.error(
                spec.value_mark("sentence"),
                f"bad regular expression: {reason}; filter patterns use RE2 syntax, which has "
                "no backreferences or lookaround (https://github.com/google/re2/wiki/Syntax)",
            )
    return RuleFilter(
        measures=measures,
        units=units,
        locations=tuple(vocabulary.place(name) or name for name in locations),
        qualifiers=qualifiers,
        sentence=sentence,
    )


def _known_unit(unit: str) -> bool:
    return unit in CURRENCY_CODES or canonical(unit) is not None


def _options(item: YamlMap, check: Checker, kind_name: str | None) -> dict[str, Any]:
    if kind_name is None or kind_name not in KINDS:
        return {}
    if "options" not in item:
        return dict(KINDS[kind_name].OPTIONS)
    given = check.mapping(item["options"], item.value_mark("options"), "options")
    given = given if given is not None else YamlMap()
    check.keys(given, f"the options of kind {kind_name}", allowed=tuple(KINDS[kind_name].OPTIONS))
    options, problems = resolve_options(kind_name, given)
    for option, problem in problems:
        check.error(given.value_mark(option), f"option {option!r} {problem}")
    return options


def _examples(item: YamlMap, check: Checker) -> tuple[Example, ...]:
    if "examples" not in item:
        return ()
    examples = []
    for entry, mark in check.elements(item["examples"], item.value_mark("examples"), "examples"):
        spec = check.mapping(entry, mark, "an example")
        if spec is None:
            continue
        before = len(check.errors)
        check.keys(spec, "an example", allowed=EXAMPLE_KEYS, required=("text", "expect"))
        text = check.text(spec, "text", "example")
        expect = check.text(spec, "expect", "example", choices=("pass", "fail"))
        published = check.date(spec, "published", "example")
        as_of = check.date(spec, "as_of", "example")
        note = check.text(spec, "note", "example")
        reference = check.text(spec, "reference", "example")
        documents = []
        if "documents" in spec:
            listed = check.elements(spec["documents"], spec.value_mark("documents"), "documents")
            for doc, doc_mark in listed:
                doc_spec = check.mapping(doc, doc_mark, "a document")
                if doc_spec is None:
                    continue
                check.keys(
                    doc_spec,
                    "an example document",
                    allowed=EXAMPLE_DOCUMENT_KEYS,
                    required=("text",),
                )
                documents.append(
                    ExampleDocument(
                        text=check.text(doc_spec, "text", "document") or "",
                        published=check.date(doc_spec, "published", "document"),
                        path=check.text(doc_spec, "path", "document"),
                        source=check.text(doc_spec, "source", "document"),
                        title=check.text(doc_spec, "title", "document"),
                    )
                )
        if len(check.errors) == before and text is not None and expect is not None:
            examples.append(
                Example(
                    text=text,
                    expect=expect,
                    published=published,
                    as_of=as_of,
                    documents=tuple(documents),
                    note=note,
                    line=spec.mark.line,
                    reference=reference,
                )
            )
    return tuple(examples)
