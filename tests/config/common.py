"""Helpers shared by the config tests: writing rule files and collecting their errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checker.config import load_ruleset
from checker.errors import ConfigError


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def errors(path: Path, *, default_rules: bool = True) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_ruleset([str(path)], default_rules=default_rules)
    return caught.value.errors


VALID = """
measures:
  quake_dead:
    description: people killed by an earthquake
    nouns: [quake dead]
    cumulative: true
    requires_attribution: true
places:
  Kahramanmaras: [Maras, Marash]
rules:
  - id: NEWS1
    name: newsroom.quake-source
    kind: unattributed
    level: suggestion
    message: "{value} {measure} in {location} needs a source"
    description: Quake tolls need a source.
    link: https://example.org/rules#news1
    filter:
      measures: [quake_dead]
      locations: [Maras]
    options:
      min_value: 10
    examples:
      - text: 100 people died in the quake in Maras.
        published: 2023-02-07
        expect: fail
      - text: 100 people died in the quake, officials said.
        expect: pass
        documents:
          - text: Another article.
            published: 2023-02-06
            path: other.txt
"""
