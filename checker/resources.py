"""Where the shipped rules and vocabularies live, in a wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path


def rules_dir() -> Path:
    """The default rules folder.

    In a wheel it is the package folder ``checker/rules`` (mapped from the top-level
    ``rules/`` folder at build time); in a source checkout or an editable install it is
    ``rules/`` beside the package.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "default.yaml").is_file():
            return candidate
    return here / "rules"
