"""The ``factcheck`` command: parse options, call the API, render, exit.

- :mod:`.options` declares each option once; :mod:`.commands` holds the commands, thin
  calls into :mod:`checker.api`; :mod:`.output` prints reports, notes and progress;
  :mod:`.main` is the console script's entry point.

Exit codes are decided in one place, :func:`checker.model.exit_code`; errors become one line
on stderr in :func:`main`, never a traceback (``--debug`` shows one).
"""

from .commands import app
from .main import main, run

__all__ = ["app", "main", "run"]
