"""Rule kinds: the code behind rules. One module per kind, listed explicitly below.

A kind module has

- a docstring that is its documentation (``factcheck explain`` prints it): what it catches,
  its options with their defaults, text that passes and text that fails;
- ``OPTIONS``: ``{name: default}``; a rule may set only these, with values of the same type;
- ``CHOICES`` (optional): ``{name: allowed values}`` for options that take one of a few words;
- ``validate_options(options)`` (optional): ``[(name, problem), ...]`` for range checks;
- ``PLACEHOLDERS``: the names a rule's message may use, such as ``{value}`` and ``{other}``;
- ``check(claims, context, rule)``: yields findings for ``claims`` (already narrowed to the
  rule's filter), comparing them with ``context.pool(claims)`` (claims plus evidence).

Kinds never set a finding's level or decide whether a rule is enabled: configuration does
that, and the engine stamps it. Kinds never import the CLI or the renderers.
"""

from __future__ import annotations

from types import ModuleType

from . import contradiction, conversion, stale, unattributed

KINDS: dict[str, ModuleType] = {
    "contradiction": contradiction,
    "stale": stale,
    "unattributed": unattributed,
    "conversion": conversion,
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
    import inspect

    return inspect.cleandoc(get_kind(name).__doc__ or "")
