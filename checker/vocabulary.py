"""Vocabularies: measures with their trigger words, place aliases and group aliases.

They live in YAML (``rules/vocabulary/*.yaml`` and any user file with top-level ``measures``,
``places`` or ``groups`` keys) so a newsroom can add its own measures (earthquake dead,
turnout) and places without touching code. Every vocabulary file, shipped or the user's, is
read by the same strict located loader (:mod:`checker.yamlload`) and validated by
:func:`parse_vocabulary`: :func:`default_vocabulary` for the shipped files, the config stage
for the files a user names. Extraction only reads the result.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .errors import ConfigError
from .resources import rules_dir
from .yamlload import Checker, Mark, YamlMap, load_file

MEASURE_KEYS = (
    "description",
    "nouns",
    "verbs",
    "adjectives",
    "cumulative",
    "requires_attribution",
    "of",
)


@dataclass(frozen=True)
class Measure:
    """A canonical measure ("killed") and the words that signal it.

    ``nouns`` are counted nouns that are the measure themselves ("hostages", "troops");
    ``verbs`` are lemmas of verbs whose object or passive subject is counted ("kill",
    "wound"); ``cumulative`` says the figure only grows over time (death tolls);
    ``requires_attribution`` says a figure of this measure needs a source.
    """

    name: str
    nouns: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    cumulative: bool = False
    requires_attribution: bool = False
    description: str = ""
    of: str | None = None  # a sub-measure: its verbs apply only to figures of this measure

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", self.name):
            raise ValueError(f"measure names are lower_snake_case, got {self.name!r}")


@dataclass(frozen=True)
class Vocabulary:
    """Everything extraction looks words up in, keyed for fast lookup."""

    measures: Mapping[str, Measure] = field(default_factory=dict)
    places: Mapping[str, str] = field(default_factory=dict)  # lower-case alias -> canonical
    groups: Mapping[str, str] = field(default_factory=dict)  # lower-case alias -> canonical
    # Place containment: canonical place -> the canonical place it lies within (Khan Younis
    # -> Gaza, Gaza -> Palestinian territories). Read by :meth:`contains`.
    within: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        noun_index: dict[str, str] = {}
        verb_index: dict[str, str] = {}
        adj_index: dict[str, str] = {}
        sub_index: dict[tuple[str, str], str] = {}
        for measure in self.measures.values():
            if measure.of is not None:  # "hostages released": only for figures of hostages
                for word in (*measure.verbs, *measure.adjectives):
                    sub_index[(measure.of, word.lower())] = measure.name
                for noun in measure.nouns:
                    noun_index[noun.lower()] = measure.name
                continue
            for noun in measure.nouns:
                noun_index[noun.lower()] = measure.name
            for verb in measure.verbs:
                verb_index[verb.lower()] = measure.name
            for adj in measure.adjectives:
                adj_index[adj.lower()] = measure.name
        object.__setattr__(self, "_nouns", noun_index)
        object.__setattr__(self, "_verbs", verb_index)
        object.__setattr__(self, "_adjectives", adj_index)
        object.__setattr__(self, "_sub_measures", sub_index)
        longest = max((len(alias.split()) for alias in self.places), default=1)
        object.__setattr__(self, "_place_words", longest)

    def measure_for_noun(self, lemma: str) -> str | None:
        return self._nouns.get(lemma.lower())  # type: ignore[attr-defined]

    def measure_for_verb(self, lemma: str) -> str | None:
        return self._verbs.get(lemma.lower())  # type: ignore[attr-defined]

    def measure_for_adjective(self, lemma: str) -> str | None:
        return self._adjectives.get(lemma.lower())  # type: ignore[attr-defined]

    def sub_measure(self, measure: str, word: str) -> str | None:
        """The sub-measure a verb or adjective makes of a measure: (hostages, release) is
        hostages_released; None when the word names no sub-measure of it."""
        return self._sub_measures.get((measure, word.lower()))  # type: ignore[attr-defined]

    def place(self, name: str) -> str | None:
        """The canonical place for a name as written, or None when it is not a known alias."""
        return self.places.get(_fold(name))

    def group(self, name: str) -> str | None:
        return self.groups.get(_fold(name))

    def lineage(self, place: str) -> tuple[str, ...]:
        """The place and every place it lies within, innermost first: ("Khan Younis",
        "Gaza", "Palestinian territories"). A place the gazetteer does not know is its own
        lineage; a loop in user data stops at the first repeat."""
        chain = [place]
        parent = self.within.get(place)
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self.within.get(parent)
        return tuple(chain)

    def contains(self, outer: str, inner: str) -> bool:
        """Whether ``inner`` is ``outer`` or lies within it, through the ``within`` links.

        Both are canonical places as claims carry them. A combined place ("Ecuador and
        Peru", the subject of a total for both) contains each of its parts and what lies
        within them; ``inner`` combined is contained when every part is. So a city's toll
        and its country's toll are never two figures for one subject:
        ``contains("Gaza", "Khan Younis")`` is True, ``contains("Khan Younis", "Gaza")``
        False, and neither contains "Israel"."""
        outers = split_places(outer)
        return all(
            any(part in self.lineage(inside) for part in outers) for inside in split_places(inner)
        )

    def places_within(self, outer: str) -> frozenset[str]:
        """Every canonical place the gazetteer puts inside ``outer``, at any depth (not
        ``outer`` itself)."""
        return frozenset(
            place for place in self.within if place != outer and outer in self.lineage(place)
        )

    def merged(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary extended and overridden by ``other`` (a user's files win)."""
        return Vocabulary(
            measures={**self.measures, **other.measures},
            places={**self.places, **other.places},
            groups={**self.groups, **other.groups},
            within={**self.within, **other.within},
        )


def split_places(place: str) -> tuple[str, ...]:
    """The parts of a combined place: "Ecuador and Peru" -> ("Ecuador", "Peru"); a single
    place is its own one part. Combined places are written "A, B and C" by extraction."""
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", place) if p.strip()]
    return tuple(parts) if len(parts) > 1 else (place,)


def _fold(name: str) -> str:
    name = name.lower().replace("\u2019", "'").strip()
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"'s$", "", name)
    return re.sub(r"\s+", " ", name)


def aliases(mapping: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Turn ``{canonical: [alias, ...]}`` into ``{folded alias: canonical}``.

    The canonical name is always an alias of itself.
    """
    table: dict[str, str] = {}
    for canonical, names in mapping.items():
        table[_fold(canonical)] = canonical
        for alias in names or ():
            table[_fold(alias)] = canonical
    return table


def measures_from_mapping(data: Mapping[str, Mapping]) -> dict[str, Measure]:
    """Build measures from validated YAML data ``{name: {nouns, verbs, ...}}``."""
    return {
        name: Measure(
            name=name,
            nouns=tuple(spec.get("nouns", ()) or ()),
            verbs=tuple(spec.get("verbs", ()) or ()),
            adjectives=tuple(spec.get("adjectives", ()) or ()),
            cumulative=bool(spec.get("cumulative", False)),
            requires_attribution=bool(spec.get("requires_attribution", False)),
            description=str(spec.get("description", "")),
            of=spec.get("of") or None,
        )
        for name, spec in data.items()
    }


def from_mapping(data: Mapping) -> Vocabulary:
    """A Vocabulary from one file's validated top-level ``measures``/``places``/``groups``."""
    return Vocabulary(
        measures=measures_from_mapping(data.get("measures") or {}),
        places=aliases(data.get("places") or {}),
        groups=aliases(data.get("groups") or {}),
        within=dict(data.get("within") or {}),
    )


def parse_vocabulary(data: YamlMap, where: str) -> tuple[Vocabulary, list[str]]:
    """The vocabulary in one file's top-level ``measures``/``places``/``groups``, validated.

    ``data`` is the file as :func:`checker.yamlload.load_file` read it; other top-level keys
    are left to the caller. Returns the vocabulary of the valid entries and every problem as
    ``where:line:col: message``.
    """
    check = Checker(where)
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
                "of": check.text(entry, "of", "measure"),
            }
    if "groups" in data:
        listed = check.mapping(data["groups"], data.value_mark("groups"), "groups")
        clean["groups"] = {
            canonical: check.texts(listed, canonical, "group") or ()
            for canonical in (listed if listed is not None else {})
        }
    if "places" in data:
        clean["places"], clean["within"] = _parse_places(check, data)
    return from_mapping(clean), check.errors


PLACE_KEYS = ("aliases", "within")


def _parse_places(check: Checker, data: YamlMap) -> tuple[dict, dict]:
    """``places:`` entries are a list of aliases (``Erbil: [Arbil, Irbil]``) or a mapping
    ``{aliases: [...], within: Iraq}`` naming the place it lies within."""
    names: dict[str, tuple[str, ...]] = {}
    within: dict[str, str] = {}
    listed = check.mapping(data["places"], data.value_mark("places"), "places")
    for canonical, spec in (listed or {}).items():
        if not isinstance(spec, YamlMap):
            names[canonical] = check.texts(listed, canonical, "place") or ()
            continue
        check.keys(spec, f"place {canonical!r}", allowed=PLACE_KEYS)
        names[canonical] = check.texts(spec, "aliases", "place") or ()
        parent = check.text(spec, "within", "place")
        if parent == canonical:
            check.error(spec.value_mark("within"), f"place {canonical!r} cannot lie within itself")
        elif parent:
            within[canonical] = parent
    return names, within


def default_vocabulary() -> Vocabulary:
    """The shipped vocabularies (``rules/vocabulary/*.yaml``), read once per process.

    Read and validated exactly as a user's vocabulary file is; ConfigError if one is broken.
    """
    return _default_vocabulary()


@functools.lru_cache(maxsize=1)
def _default_vocabulary() -> Vocabulary:
    root = rules_dir()
    vocab = Vocabulary()
    errors: list[str] = []
    for path in sorted((root / "vocabulary").glob("*.yaml")):
        where = path.relative_to(root.parent).as_posix()
        data, problems = load_file(path, where)
        errors.extend(problems)
        if data is None:
            continue
        check = Checker(where)
        top = check.mapping(data, getattr(data, "mark", Mark()), "a vocabulary file")
        errors.extend(check.errors)
        if top is not None:
            found, problems = parse_vocabulary(top, where)
            errors.extend(problems)
            vocab = vocab.merged(found)
    if errors:
        raise ConfigError(errors)
    return vocab
