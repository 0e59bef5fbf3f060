"""Where factcheck keeps files between runs: the cache folder.

The extraction cache (:mod:`checker.store.cache`) and the unit registry's definitions and
conversions (:mod:`checker.units`) live there.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Where the cache lives: ``$FACTCHECK_CACHE_DIR``, ``$XDG_CACHE_HOME/factcheck``,
    else ``~/.cache/factcheck``."""
    explicit = os.environ.get("FACTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "factcheck"
