"""Rule kinds: the code behind rules. One module per kind, listed explicitly below.

A kind module has

- a docstring that is its documentation (``factcheck explain`` prints it): what it catches,
  its options with their defaults, text that passes and text that fails;
- ``OPTIONS``: ``{name: default}``; a rule may set only these, with values of the same type;
- ``CHOICES`` (optional): ``{name: allowed values}`` for options that take one of a few words;
- ``validate_options(options)`` (optional): ``[(name, problem), ...]`` for range checks;
- ``PLACEHOLDERS``: the names a rule's message may use, such as ``{value}`` and ``{other}``;
- ``SCOPE`` (optional): what the kind compares at once: ``subject`` (figures about one
  subject, the default), ``document`` (one document's figures) or ``corpus`` (every
  document's text); the Dask engine groups claims by it;
- ``check(claims, context, rule)``: yields findings for ``claims`` (already narrowed to the
  rule's filter), comparing them with ``context.pool(claims)`` (claims plus evidence).

Kinds never set a finding's level or decide whether a rule is enabled: configuration does
that, and the engine stamps it. Kinds never import the CLI or the renderers.
"""

from __future__ import annotations

import inspect
import string
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from . import contradiction, conversion, dispute, names, reference, stale, unattributed

KINDS: dict[str, ModuleType] = {
    "contradiction": contradiction,
    "dispute": dispute,
    "stale": stale,
    "unattributed": unattributed,
    "conversion": conversion,
    "reference": reference,
    "names": names,
}


class UnknownKind(LookupError):
    """A rule names a kind that does not exist."""


def get_kind(name: str) -> ModuleType:
    """The module of kind ``name``; fails with the list of known kinds."""
    try:
        return KINDS[name]
    except KeyError:
        known = ", ".join(sorted(KINDS))
        raise UnknownKind(f"unknown kind {name!r}; known kinds: {known}") from None


def documentation(name: str) -> str:
    """The kind's documentation: its module docstring, dedented."""
    return inspect.cleandoc(get_kind(name).__doc__ or "")


def message_problems(name: str, message: str) -> list[str]:
    """What is wrong with a message template for kind ``name``.

    Placeholders are plain names the kind provides; no attribute access, indexing, format
    specs or conversions, so a message can only ever insert the kind's words.
    """
    try:
        fields = list(string.Formatter().parse(message))
    except ValueError as exc:
        return [f"message has unbalanced braces ({exc}); write {{{{ and }}}} for literal braces"]
    known = get_kind(name).PLACEHOLDERS
    problems = []
    for _, field, spec, converter in fields:
        if field is None:
            continue
        if not field.isidentifier():
            problems.append(f"message placeholder {{{field}}} must be a plain name like {{value}}")
        elif spec or converter:
            problems.append(f"message placeholder {{{field}}} takes no format spec or conversion")
        elif field not in known:
            names = " ".join("{" + p + "}" for p in sorted(known))
            problems.append(f"unknown placeholder {{{field}}} for kind {name}; known: {names}")
    return problems


def resolve_options(
    name: str, given: Mapping[str, Any]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Kind ``name``'s options with ``given`` applied, and ``(option, problem)`` pairs.

    A value must have its default's type (a whole number may stand for a number), be one of
    the kind's ``CHOICES`` where it has some, and pass the kind's ``validate_options``.
    Unknown option names are left to the caller, which knows where they are written.
    """
    kind = get_kind(name)
    options = dict(kind.OPTIONS)
    choices = getattr(kind, "CHOICES", {})
    problems: list[tuple[str, str]] = []
    for option, value in given.items():
        if option not in options:
            continue
        default = kind.OPTIONS[option]
        if not _same_type(default, value):
            problems.append((option, f"must be {_expected(default)}, not {_described(value)}"))
        elif option in choices and value not in choices[option]:
            problems.append((option, f"must be one of {', '.join(choices[option])}, not {value!r}"))
        else:
            options[option] = tuple(value) if isinstance(value, list) else value
    validate = getattr(kind, "validate_options", None)
    if validate is not None:
        problems += [(option, problem) for option, problem in validate(options)]
    return options, problems


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, type(default))


def _expected(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number"
    if isinstance(default, float):
        return "a number"
    if isinstance(default, (list, tuple)):
        return "a list of text"
    return "text"


def _described(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    return "a mapping" if isinstance(value, Mapping) else "a list"
