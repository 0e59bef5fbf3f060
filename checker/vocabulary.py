"""Vocabularies: measures with their trigger words, place aliases and group aliases.

They live in YAML (``rules/vocabulary/*.yaml`` and any user file with top-level ``measures``,
``places`` or ``groups`` keys) so a newsroom can add its own measures (earthquake dead,
turnout) and places without touching code. The config loader validates the files and builds
a :class:`Vocabulary`; extraction only reads it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


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

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", self.name):
            raise ValueError(f"measure names are lower_snake_case, got {self.name!r}")


@dataclass(frozen=True)
class Vocabulary:
    """Everything extraction looks words up in, keyed for fast lookup."""

    measures: Mapping[str, Measure] = field(default_factory=dict)
    places: Mapping[str, str] = field(default_factory=dict)  # lower-case alias -> canonical
    groups: Mapping[str, str] = field(default_factory=dict)  # lower-case alias -> canonical

    def __post_init__(self) -> None:
        noun_index: dict[str, str] = {}
        verb_index: dict[str, str] = {}
        adj_index: dict[str, str] = {}
        for measure in self.measures.values():
            for noun in measure.nouns:
                noun_index[noun.lower()] = measure.name
            for verb in measure.verbs:
                verb_index[verb.lower()] = measure.name
            for adj in measure.adjectives:
                adj_index[adj.lower()] = measure.name
        object.__setattr__(self, "_nouns", noun_index)
        object.__setattr__(self, "_verbs", verb_index)
        object.__setattr__(self, "_adjectives", adj_index)
        longest = max((len(alias.split()) for alias in self.places), default=1)
        object.__setattr__(self, "_place_words", longest)

    def measure_for_noun(self, lemma: str) -> str | None:
        return self._nouns.get(lemma.lower())  # type: ignore[attr-defined]

    def measure_for_verb(self, lemma: str) -> str | None:
        return self._verbs.get(lemma.lower())  # type: ignore[attr-defined]

    def measure_for_adjective(self, lemma: str) -> str | None:
        return self._adjectives.get(lemma.lower())  # type: ignore[attr-defined]

    def place(self, name: str) -> str | None:
        """The canonical place for a name as written, or None when it is not a known alias."""
        return self.places.get(_fold(name))

    def group(self, name: str) -> str | None:
        return self.groups.get(_fold(name))

    def merged(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary extended and overridden by ``other`` (a user's files win)."""
        return Vocabulary(
            measures={**self.measures, **other.measures},
            places={**self.places, **other.places},
            groups={**self.groups, **other.groups},
        )


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
        )
        for name, spec in data.items()
    }


def from_mapping(data: Mapping) -> Vocabulary:
    """A Vocabulary from one file's validated top-level ``measures``/``places``/``groups``."""
    return Vocabulary(
        measures=measures_from_mapping(data.get("measures") or {}),
        places=aliases(data.get("places") or {}),
        groups=aliases(data.get("groups") or {}),
    )


def default_vocabulary() -> Vocabulary:
    """The shipped vocabularies (``rules/vocabulary/*.yaml``), read once per process."""
    return _default_vocabulary()


@functools.lru_cache(maxsize=1)
def _default_vocabulary() -> Vocabulary:
    import yaml

    from .resources import rules_dir

    vocab = Vocabulary()
    for path in sorted((rules_dir() / "vocabulary").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        vocab = vocab.merged(from_mapping(data))
    return vocab
