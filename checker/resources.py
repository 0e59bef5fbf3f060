"""Where the shipped rules and vocabularies live, in a wheel or in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def rules_dir() -> Path:
    """The default rules folder: package ``checker.rules`` in a wheel (mapped from the
    top-level ``rules/`` folder), else ``rules/`` beside the package in a checkout."""
    try:
        found = Path(str(resources.files("checker.rules")))
        if (found / "default.yaml").exists() or (found / "vocabulary").is_dir():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "rules"
