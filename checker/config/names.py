"""A newsroom's style list of names: the house spellings the ``names`` kind enforces.

A style list is YAML, validated strictly with located errors like a rule file::

    names:
      preferred: true            # the first spelling of each group is the house's: every
                                 # other spelling is reported (kind names, transliteration)
      transliterations:          # spellings of one given name; added to the built-in groups
        - [Mohammed, Muhammad, Mohamed]
        - [Nasser, Naser]
      people:                    # a person's house spelling and the spellings to correct
        - name: Nasser Kanaani
          variants: [Nasser Kanani, Naser Kanani]

Names are words of letters (hyphens and apostrophes inside a word allowed); a person's
name has two to four words. A spelling may belong to one group only, and a variant to one
person only. Several files merge in order; every problem of every file is raised at once
as one :class:`~checker.errors.ConfigError` of ``path:line:col: message`` lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType

from ..errors import ConfigError
from ..kinds.names import NameStyle
from ..yamlload import Checker, Mark, YamlMap, load_file
from .located import display_path, item_mark, sorted_errors

FILE_KEYS = ("names",)
NAMES_KEYS = ("preferred", "transliterations", "people")
PERSON_KEYS = ("name", "variants")
_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")


def load_name_style(paths: Sequence[str | Path]) -> NameStyle:
    """The style lists at ``paths`` merged in order; raises :class:`ConfigError`."""
    errors: list[str] = []
    groups: list[tuple[str, ...]] = []
    people: dict[str, str] = {}
    preferred = False
    for given in paths:
        path = Path(given)
        where = display_path(path)
        if not path.is_file():
            errors.append(f"{where}: no such names style list")
            continue
        data, problems = load_file(path, where)
        errors += problems
        if data is None:
            continue
        style, problems = parse_name_style(data, where, taken={g for grp in groups for g in grp})
        errors += problems
        groups += style.transliterations
        people.update(style.people)
        preferred = preferred or style.preferred
    if errors:
        raise ConfigError(sorted_errors(errors))
    return NameStyle(tuple(groups), preferred, MappingProxyType(people))


def parse_name_style(
    data: object, where: str, *, taken: set[str] | None = None
) -> tuple[NameStyle, list[str]]:
    """One style list's data (from :func:`checker.yamlload.load_file`) and its problems."""
    check = Checker(where)
    taken = set() if taken is None else {name.casefold() for name in taken}
    top = check.mapping(data, getattr(data, "mark", Mark()), "a names style list")
    if top is None:
        return NameStyle(), check.errors
    check.keys(top, "a names style list", allowed=FILE_KEYS, required=FILE_KEYS)
    spec = check.mapping(top.get("names"), top.value_mark("names"), "names") if top else None
    if spec is None:
        return NameStyle(), check.errors
    check.keys(spec, "names", allowed=NAMES_KEYS)
    preferred = bool(check.flag(spec, "preferred", "names"))
    groups = _groups(spec, check, taken)
    people = _people(spec, check)
    return NameStyle(groups, preferred, MappingProxyType(people)), check.errors


def _groups(spec: YamlMap, check: Checker, taken: set[str]) -> tuple[tuple[str, ...], ...]:
    groups = []
    if "transliterations" not in spec:
        return ()
    listed = check.elements(spec["transliterations"], spec.value_mark("transliterations"), "")
    for entry, mark in listed:
        group = check.sequence(entry, mark, "a transliteration group")
        if group is None:
            continue
        spellings = []
        for index, item in enumerate(group):
            at = group.item_mark(index)
            if not isinstance(item, str) or not _NAME_WORD.fullmatch(item):
                check.error(at, f"spelling {item!r} must be one word of letters, like Mohammed")
            elif item.casefold() in taken:
                check.error(at, f"spelling {item!r} is already in another group")
            else:
                taken.add(item.casefold())
                spellings.append(item)
        if len(group) < 2:
            check.error(mark, "a transliteration group needs at least two spellings")
        elif len(spellings) == len(group):
            groups.append(tuple(spellings))
    return tuple(groups)


def _people(spec: YamlMap, check: Checker) -> dict[str, str]:
    people: dict[str, str] = {}
    if "people" not in spec:
        return people
    for entry, mark in check.elements(spec["people"], spec.value_mark("people"), "people"):
        person = check.mapping(entry, mark, "a person")
        if person is None:
            continue
        check.keys(person, "a person", allowed=PERSON_KEYS, required=PERSON_KEYS)
        name = check.text(person, "name", "person")
        variants = check.texts(person, "variants", "person", single=True) or ()
        if name is not None and not _full_name(name):
            check.error(person.value_mark("name"), f"name {name!r} must be two to four words")
            name = None
        for index, variant in enumerate(variants):
            at = item_mark(person, "variants", index)
            if not _full_name(variant):
                check.error(at, f"variant {variant!r} must be two to four words")
            elif variant.casefold() in people:
                check.error(
                    at, f"variant {variant!r} is already listed for {people[variant.casefold()]}"
                )
            elif name is not None:
                people[variant.casefold()] = name
    return people


def _full_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.fullmatch(word) for word in words)
