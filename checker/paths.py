"""Where factcheck keeps files between runs: the cache folder, and whether to use it.

The extraction cache (:mod:`checker.store.cache`) and the unit conversions memo
(:mod:`checker.units`) live there. Both hold data only (SQLite rows, JSON): nothing read from
the cache folder is ever unpickled or run. ``--no-cache`` (:func:`use_cache`) means no
file in it is read or written.
"""

from __future__ import annotations

import os
from pathlib import Path

_enabled = True  # switched off by ``--no-cache`` (:func:`use_cache`)


def cache_dir() -> Path:
    """Where the cache lives: ``$FACTCHECK_CACHE_DIR``, ``$XDG_CACHE_HOME/factcheck``,
    else ``~/.cache/factcheck``."""
    explicit = os.environ.get("FACTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "factcheck"


def cache_enabled() -> bool:
    """Whether files in the cache folder may be read and written in this process."""
    return _enabled


def use_cache(enabled: bool) -> None:
    """Switch the cache folder on or off for this process (``--no-cache``); forked workers
    inherit the switch."""
    global _enabled
    _enabled = enabled
