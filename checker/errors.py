"""Errors a user can act on. The CLI turns each into one line on stderr and an exit code."""

from __future__ import annotations


class FactcheckError(Exception):
    """An error caused by the user's input, options, rules or config (exit 2)."""

    exit_code = 2


class UsageError(FactcheckError):
    """A bad option or argument."""


class InputError(FactcheckError):
    """An explicitly named input that cannot be read."""


class ModelError(FactcheckError):
    """The spaCy pipeline is missing or cannot be loaded."""


class ConfigError(FactcheckError):
    """Invalid rules, vocabularies or configuration.

    ``errors`` holds every problem found, each already formatted as ``path:line:col: message``.
    """

    def __init__(self, errors: list[str] | str):
        if isinstance(errors, str):
            errors = [errors]
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))
