"""Rules, vocabularies and settings: finding them, validating them strictly, loading them.

A rule file is YAML with any of the top-level keys ``rules`` (a list of rules), ``measures``,
``places`` and ``groups`` (vocabularies, formats as in ``rules/vocabulary/*.yaml``).
``--rules PATH`` names a file or a folder (every ``*.yaml``/``*.yml`` under it, sorted;
``*.meta.yaml`` sidecars are skipped). The shipped rules are one source set and the user's
files another: a duplicate rule id or name *within* a set is an error; a user rule with the
id of a shipped rule replaces it; user vocabulary entries extend or replace ours.

Validation is strict and located: every problem of every file is collected and raised
together as one :class:`ConfigError` of ``path:line:col: message`` lines. Nothing in a rule
file can run code: YAML is loaded safely (see :mod:`checker.yamlload`), kinds are looked up
in an explicit registry, messages are plain ``{name}`` templates.

Settings come from ``factcheck.yaml`` (or ``.factcheck.yaml``) or ``[tool.factcheck]`` in
``pyproject.toml``, found by walking up from the working directory::

    rules: [newsroom-rules/]          # more rule files, relative to the settings file
    default-rules: true
    disable: [attribution, FC4]       # rule ids, id prefixes, dotted name prefixes, or all
    enable: [FC301]                   # the most specific selector wins; ties: disable
    levels: {FC201: error, consistency: warning}
    fail-on: error                    # error | warning | suggestion | never
    per-path:
      "drafts/*": {disable: [FC201], levels: {FC301: suggestion}}
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ConfigError
from .kinds import KINDS, documentation, message_problems, resolve_options
from .model import LEVELS, QUALIFIERS, Claim
from .vocabulary import Vocabulary, from_mapping
from .yamlload import Checker, Mark, YamlList, YamlMap, load_file, locate

FAIL_LEVELS = (*LEVELS, "never")
DEFAULT_ID = r"FC[0-9]{3}"
USER_ID = r"[A-Z]+[0-9]+"
NAME = r"[a-z][a-z0-9_-]*(?:\.[a-z][a-z0-9_-]*)*"
SELECTOR = rf"all|[A-Z]+[0-9]*|{NAME}"
SETTINGS_FILES = ("factcheck.yaml", ".factcheck.yaml")

# fmt: off
FILE_KEYS = ("rules", "measures", "places", "groups")
RULE_KEYS = ("id", "name", "kind", "level", "message", "description", "link", "filter",
             "options", "examples")
RULE_REQUIRED = ("id", "name", "kind", "level", "message")
FILTER_KEYS = ("measures", "units", "locations", "qualifiers", "sentence")
EXAMPLE_KEYS = ("text", "published", "as_of", "expect", "documents", "note")
EXAMPLE_DOCUMENT_KEYS = ("text", "published", "path", "source", "title")
MEASURE_KEYS = ("description", "nouns", "verbs", "adjectives", "cumulative",
                "requires_attribution")
SETTINGS_KEYS = ("rules", "default-rules", "enable", "disable", "levels", "fail-on", "per-path")
# fmt: on
PER_PATH_KEYS = ("enable", "disable", "levels")


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class RuleFilter:
    """Which claims a rule looks at; an empty field means any."""

    measures: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    sentence: str | None = None  # a regular expression searched in the claim's sentence

    def matches(self, claim: Claim) -> bool:
        return bool(
            (not self.measures or claim.measure in self.measures)
            and (not self.units or claim.unit in self.units)
            and (not self.locations or claim.location in self.locations)
            and (not self.qualifiers or claim.qualifier in self.qualifiers)
            and (self.sentence is None or re.search(self.sentence, claim.sentence, re.I))
        )


@dataclass(frozen=True)
class ExampleDocument:
    """Another article an example is read against (for stale and cross-document checks)."""

    text: str
    published: dt.date | None = None
    path: str | None = None
    source: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Example:
    """A text that must pass or fail its rule; doubles as a test and as documentation."""

    text: str
    expect: str  # "pass" or "fail"
    published: dt.date | None = None
    as_of: dt.date | None = None  # the date the check is made for, when not published
    documents: tuple[ExampleDocument, ...] = ()
    note: str | None = None
    line: int = 1

    def __post_init__(self) -> None:
        if self.expect not in ("pass", "fail"):
            raise ValueError(f"expect must be pass or fail, not {self.expect!r}")


@dataclass(frozen=True)
class Rule:
    """One rule: a kind with options, a level, a message template, and its examples."""

    id: str
    name: str
    kind: str
    level: str
    message: str
    description: str = ""
    link: str = ""
    filter: RuleFilter = RuleFilter()
    # every option of the kind, defaults filled in
    options: Mapping[str, Any] = field(default_factory=_empty)
    examples: tuple[Example, ...] = ()
    path: str | None = None
    line: int = 1
    column: int = 1

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"unknown level {self.level!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")


@dataclass(frozen=True)
class PathOverride:
    """Settings for files matching one glob."""

    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    levels: Mapping[str, str] = field(default_factory=_empty)


@dataclass(frozen=True)
class Settings:
    """What the user configured; every field has the default a bare run uses."""

    rule_paths: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    levels: Mapping[str, str] = field(default_factory=_empty)
    fail_on: str = "error"
    per_path: Mapping[str, PathOverride] = field(default_factory=_empty)
    default_rules: bool = True
    config_path: str | None = None

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_LEVELS:
            raise ValueError(f"fail_on must be one of {', '.join(FAIL_LEVELS)}")

    def _layers(self, path: str | None) -> list[tuple[Sequence[str], Sequence[str], Mapping]]:
        layers: list[tuple[Sequence[str], Sequence[str], Mapping]] = [
            (self.enable, self.disable, self.levels)
        ]
        if path is not None:
            for glob, override in self.per_path.items():
                if self._path_matches(glob, path):
                    layers.append((override.enable, override.disable, override.levels))
        return layers

    def is_enabled(self, rule: Rule, path: str | None = None) -> bool:
        """Rules are on unless disabled; per-path layers override the global one."""
        enabled = True
        for enable, disable, _ in self._layers(path):
            best_on = max((_specificity(s, rule) for s in enable), default=-1)
            best_off = max((_specificity(s, rule) for s in disable), default=-1)
            if best_on >= 0 or best_off >= 0:
                enabled = best_on > best_off
        return enabled

    def level_for(self, rule: Rule, path: str | None = None) -> str:
        """The rule's level after overrides: most specific selector, later layers win."""
        level = rule.level
        for _, _, levels in self._layers(path):
            scored = [(_specificity(s, rule), new) for s, new in levels.items()]
            scored = [item for item in scored if item[0] >= 0]
            if scored:
                level = max(scored, key=lambda item: item[0])[1]
        return level

    def fails(self, level: str) -> bool:
        """Whether a finding at ``level`` makes the run fail (exit 1)."""
        if self.fail_on == "never":
            return False
        return LEVELS.index(level) <= LEVELS.index(self.fail_on)

    def _path_matches(self, glob: str, path: str) -> bool:
        candidates = {path.replace("\\", "/")}
        if self.config_path:
            try:
                base = Path(self.config_path).resolve().parent
                candidates.add(Path(path).resolve().relative_to(base).as_posix())
            except (OSError, ValueError):
                pass
        return any(fnmatch.fnmatchcase(c, glob) for c in candidates)


def _specificity(selector: str, rule: Rule) -> int:
    """How precisely ``selector`` names ``rule``; -1 when it does not."""
    if selector == "all":
        return 0
    if selector in (rule.id, rule.name):
        return 1000
    if re.fullmatch(r"[A-Z]+[0-9]*", selector):
        return len(selector) if rule.id.startswith(selector) else -1
    return len(selector) if rule.name.startswith(selector + ".") else -1


@dataclass(frozen=True)
class RuleSet:
    """The rules in force, the vocabulary extraction uses, and the settings."""

    rules: tuple[Rule, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    settings: Settings = field(default_factory=Settings)

    def get(self, key: str) -> Rule:
        """A rule by id or name; KeyError names the known ids."""
        for rule in self.rules:
            if key in (rule.id, rule.name):
                return rule
        known = ", ".join(rule.id for rule in self.rules)
        raise KeyError(f"no rule {key!r}; known rules: {known}")

    def enabled(self, path: str | None = None) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if self.settings.is_enabled(rule, path))


# --- finding files ---------------------------------------------------------------------


def default_rules_dir() -> Path:
    """The shipped rules: package ``checker.rules`` in a wheel, ``rules/`` in a checkout."""
    from .resources import rules_dir

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


def _display(path: Path, base: Path | None = None) -> str:
    """A path as errors show it: relative to ``base`` or the working directory if inside."""
    for root in (base, Path.cwd()):
        if root is None:
            continue
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


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
            _read(file, _display(file, shipped.parent), True, sources, errors)
    for given in (*settings.rule_paths, *paths):
        path = Path(given)
        if not path.exists():
            errors.append(f"{given}: no such rule file or folder")
            continue
        for file in rule_files(path):
            _read(file, _display(file), False, sources, errors)

    vocabulary = Vocabulary()
    for shipped_set in (True, False):
        for source in sources:
            if source.shipped is shipped_set:
                vocabulary = vocabulary.merged(_vocabulary(source, errors))

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


_LOCATED = re.compile(r"^(.*?):(\d+):(\d+): ")


def sorted_errors(errors: Sequence[str]) -> list[str]:
    """Errors by file, then line and column, as an editor would walk through them."""

    def key(error: str) -> tuple:
        found = _LOCATED.match(error)
        if found is None:
            return (error, 0, 0)
        return (found.group(1), int(found.group(2)), int(found.group(3)))

    return sorted(errors, key=key)


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


def _vocabulary(source: _Source, errors: list[str]) -> Vocabulary:
    check = Checker(source.where)
    data = source.data
    clean: dict[str, dict] = {}
    if "measures" in data:
        clean["measures"] = {}
        measures = check.items(data["measures"], data.value_mark("measures"), "measures")
        for name, spec, name_mark, spec_mark in measures:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                check.error(name_mark, f"measure names are lower_snake_case, not {name!r}")
                continue
            spec = YamlMap(spec_mark) if spec is None else spec
            entry = check.mapping(spec, spec_mark, f"measure {name!r}")
            if entry is None:
                continue
            check.keys(entry, f"measure {name!r}", allowed=MEASURE_KEYS)
            clean["measures"][name] = {
                "description": check.text(entry, "description", "measure") or "",
                **{
                    key: check.texts(entry, key, "measure") or ()
                    for key in ("nouns", "verbs", "adjectives")
                },
                **{
                    key: bool(check.flag(entry, key, "measure"))
                    for key in ("cumulative", "requires_attribution")
                },
            }
    for table in ("places", "groups"):
        if table in data:
            aliases = check.mapping(data[table], data.value_mark(table), table)
            clean[table] = {
                canonical: check.texts(aliases, canonical, table[:-1]) or ()
                for canonical in (aliases if aliases is not None else {})
            }
    errors.extend(check.errors)
    return from_mapping(clean)


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


# A group that repeats something repeated ("(a+)+", "(a|aa)*", "(\\w+\\s?)*") or a
# backreference can make Python's regex engine take exponential time on a near miss.
try:  # Python 3.11+
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def _risky_pattern(pattern: str) -> bool:
    """True when a pattern can backtrack catastrophically on a long sentence.

    Walks the parsed pattern: a quantifier under another quantifier (however many groups lie
    between), an alternation under a quantifier, or a backreference. Conservative: a few
    harmless patterns such as ``(said|told)+`` are refused too.
    """
    try:
        tree = _sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return False  # compiling reports the error itself
    return _risky_items(tree, under_repeat=False)


def _risky_items(items, under_repeat: bool) -> bool:
    for op, arg in items:
        name = str(op)
        if name in _REPEATS:
            _, most, body = arg
            if most > 1 and under_repeat:
                return True
            if _risky_items(body, under_repeat or most > 1):
                return True
        elif name == "BRANCH":
            if under_repeat:
                return True
            if any(_risky_items(branch, under_repeat) for branch in arg[1]):
                return True
        elif name in ("GROUPREF", "GROUPREF_EXISTS"):
            return True
        elif name == "SUBPATTERN":
            if _risky_items(arg[-1], under_repeat):
                return True
        elif name in ("ASSERT", "ASSERT_NOT"):
            if _risky_items(arg[1], under_repeat):
                return True
        elif name == "ATOMIC_GROUP":
            if _risky_items(arg, under_repeat):
                return True
    return False


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
                _item_mark(spec, "measures", index),
                f"unknown measure {measure!r}; known measures: {known}",
            )
    qualifiers = check.texts(spec, "qualifiers", "filter", single=True) or ()
    for index, qualifier in enumerate(qualifiers):
        if qualifier not in QUALIFIERS:
            check.error(
                _item_mark(spec, "qualifiers", index),
                f"unknown qualifier {qualifier!r}; known: {', '.join(QUALIFIERS)}",
            )
    units = check.texts(spec, "units", "filter", single=True) or ()
    for index, unit in enumerate(units):
        if not _known_unit(unit):
            check.error(
                _item_mark(spec, "units", index),
                f"unknown unit {unit!r}: use pint's "
                "name (kilometer, degree_Celsius, percent) or an ISO 4217 code (USD)",
            )
    locations = check.texts(spec, "locations", "filter", single=True) or ()
    sentence = check.text(spec, "sentence", "filter")
    if sentence is not None:
        try:
            re.compile(sentence)
        except re.error as exc:
            check.error(spec.value_mark("sentence"), f"bad regular expression: {exc}")
        if sentence is not None and _risky_pattern(sentence):
            check.error(
                spec.value_mark("sentence"),
                "pattern could backtrack catastrophically (a nested quantifier or a "
                "backreference); simplify it",
            )
    return RuleFilter(
        measures=measures,
        units=units,
        locations=tuple(vocabulary.place(name) or name for name in locations),
        qualifiers=qualifiers,
        sentence=sentence,
    )


def _item_mark(spec: YamlMap, key: str, index: int) -> Mark:
    value = spec.get(key)
    return value.item_mark(index) if isinstance(value, YamlList) else spec.value_mark(key)


def _known_unit(unit: str) -> bool:
    from .units import CURRENCY_CODES, canonical

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
                )
            )
    return tuple(examples)


# --- settings --------------------------------------------------------------------------


def find_settings(start: Path | None = None) -> Settings:
    """The settings in force for ``start`` (default: the working directory).

    Walks up from ``start``: in each folder ``factcheck.yaml``, then ``.factcheck.yaml``, then
    a ``pyproject.toml`` with a ``[tool.factcheck]`` table; the first found wins. Nothing
    found: the defaults.
    """
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in SETTINGS_FILES:
            if (folder / name).is_file():
                return load_settings(folder / name)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            found = _pyproject_settings(pyproject)
            if found is not None:
                return found
    return Settings()


def load_settings(path: Path) -> Settings:
    """Settings from a ``factcheck.yaml`` or a ``pyproject.toml``; ConfigError if invalid."""
    if path.name == "pyproject.toml":
        return _pyproject_settings(path) or Settings(config_path=str(path))
    where = _display(path)
    data, errors = load_file(path, where)
    if errors:
        raise ConfigError(errors)
    return _settings(data if data is not None else YamlMap(), where, path)


def _toml():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            return None
    return tomllib


def _pyproject_settings(path: Path) -> Settings | None:
    toml = _toml()
    if toml is None:
        return None
    where = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
        document = toml.loads(text)
    except OSError as exc:
        raise ConfigError(f"{where}:1:1: cannot read the file ({exc.strerror or exc})") from exc
    except (toml.TOMLDecodeError, UnicodeDecodeError) as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = found.groups() if found else ("1", "1")
        raise ConfigError(f"{where}:{line}:{column}: invalid TOML: {exc}") from exc
    table = document.get("tool", {}).get("factcheck")
    if table is None:
        return None
    return _settings(_locate_toml(table, text), where, path)


def _locate_toml(table: Any, text: str) -> Any:
    """Located data for ``[tool.factcheck]``: each key at the line that sets it (best effort)."""
    lines = text.splitlines()
    header = next(
        (
            i
            for i, line in enumerate(lines)
            if line.strip().startswith(("[tool.factcheck]", "[tool.factcheck."))
        ),
        0,
    )
    data = locate(table, Mark(header + 1, 1)) if isinstance(table, dict) else table
    if isinstance(data, YamlMap):
        for key in data:
            quoted = rf"[\"']?{re.escape(key)}[\"']?"
            pattern = re.compile(rf"^\s*(?:\[tool\.factcheck\.)?{quoted}\s*[=\]]")
            for number in range(header, len(lines)):
                if pattern.match(lines[number]):
                    indent = len(lines[number]) - len(lines[number].lstrip())
                    data.key_marks[key] = Mark(number + 1, indent + 1)
                    break
        data.value_marks = dict(data.key_marks)
    return data


def _settings(data: Any, where: str, path: Path) -> Settings:
    check = Checker(where)
    top = check.mapping(data, getattr(data, "mark", Mark()), "the settings")
    if top is None:
        raise ConfigError(check.errors)
    top = _hyphenated(top)
    check.keys(top, "the settings", allowed=SETTINGS_KEYS)
    base = path.resolve().parent
    rule_paths = check.texts(top, "rules", "settings", single=True) or ()
    default_rules = check.flag(top, "default-rules", "settings")
    fail_on = check.text(top, "fail-on", "settings", choices=FAIL_LEVELS)
    enable, disable, levels = _selection(top, check, "settings")
    per_path: dict[str, PathOverride] = {}
    if "per-path" in top:
        globs = check.items(top["per-path"], top.value_mark("per-path"), "per-path")
        for glob, spec, _, spec_mark in globs:
            layer = check.mapping(spec, spec_mark, f"per-path {glob!r}")
            if layer is None:
                continue
            layer = _hyphenated(layer)
            check.keys(layer, f"per-path {glob!r}", allowed=PER_PATH_KEYS)
            on, off, lv = _selection(layer, check, f"per-path {glob!r}")
            per_path[glob] = PathOverride(enable=on, disable=off, levels=MappingProxyType(lv))
    if check.errors:
        raise ConfigError(sorted_errors(check.errors))
    return Settings(
        rule_paths=tuple(str(base / p) for p in rule_paths),
        enable=enable,
        disable=disable,
        levels=MappingProxyType(levels),
        fail_on=fail_on or "error",
        per_path=MappingProxyType(per_path),
        default_rules=True if default_rules is None else default_rules,
        config_path=str(path),
    )


def _hyphenated(mapping: YamlMap) -> YamlMap:
    """``fail_on`` and ``fail-on`` both work; errors keep the original positions."""
    result = YamlMap(mapping.mark)
    for key, value in mapping.items():
        new = key.replace("_", "-")
        result[new] = value
        result.key_marks[new] = mapping.key_mark(key)
        result.value_marks[new] = mapping.value_mark(key)
    return result


def _selection(spec: YamlMap, check: Checker, what: str) -> tuple[tuple, tuple, dict]:
    selectors = {}
    for key in ("enable", "disable"):
        selectors[key] = check.texts(spec, key, what, single=True) or ()
        for index, selector in enumerate(selectors[key]):
            if not re.fullmatch(SELECTOR, selector):
                check.error(
                    _item_mark(spec, key, index),
                    f"{selector!r} is not a rule id, id prefix, dotted name prefix or 'all'",
                )
    levels: dict[str, str] = {}
    table = (
        check.mapping(spec["levels"], spec.value_mark("levels"), "levels")
        if ("levels" in spec)
        else None
    )
    for selector in table or {}:
        assert table is not None
        if not re.fullmatch(SELECTOR, selector):
            check.error(
                table.key_mark(selector),
                f"{selector!r} is not a rule id, id prefix, dotted name prefix or 'all'",
            )
        level = check.text(table, selector, "level for", choices=LEVELS)
        if level is not None:
            levels[selector] = level
    return selectors["enable"], selectors["disable"], levels


# --- listing and explaining rules ------------------------------------------------------


def rules_table(ruleset: RuleSet) -> list[tuple[str, str, str, str, str]]:
    """Rows for ``factcheck rules``: id, name, kind, level (after overrides), file.

    Disabled rules are left out.
    """
    settings = ruleset.settings
    return [
        (rule.id, rule.name, rule.kind, settings.level_for(rule), rule.path or "")
        for rule in ruleset.rules
        if settings.is_enabled(rule)
    ]


def describe_rule(rule: Rule, settings: Settings | None = None) -> str:
    """``factcheck explain``: the rule, its message and options, its examples, its kind's docs."""
    level = settings.level_for(rule) if settings else rule.level
    lines = [f"{rule.id} {rule.name} ({rule.kind}, {level})"]
    if rule.path:
        lines.append(f"defined in {rule.path}:{rule.line}")
    if rule.link:
        lines.append(rule.link)
    if rule.description:
        lines += ["", rule.description]
    lines += ["", "Message:", f"    {rule.message}", "", "Options:"]
    options = [f"    {name}: {_show(value)}" for name, value in rule.options.items()]
    lines += options or ["    (none)"]
    filters = [
        (name, getattr(rule.filter, name))
        for name in ("measures", "units", "locations", "qualifiers", "sentence")
    ]
    shown = [f"    {name}: {_show(value)}" for name, value in filters if value]
    if shown:
        lines += ["", "Applies to:", *shown]
    if rule.examples:
        lines += ["", "Examples:"]
        for example in rule.examples:
            dated = f", published {example.published}" if example.published else ""
            note = f" ({example.note})" if example.note else ""
            lines.append(f"  {example.expect}{dated}{note}:")
            lines.append(f"    {' '.join(example.text.split())}")
            for extra in example.documents:
                when = f"published {extra.published}" if extra.published else "undated"
                lines.append(f"    read against ({when}): {' '.join(extra.text.split())}")
    doc = documentation(rule.kind)
    lines += ["", f"Kind {rule.kind}:", "", doc]
    return "\n".join(lines)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)
