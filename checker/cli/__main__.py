"""``python -m checker.cli``: the same as the ``factcheck`` console script."""

from .main import run

run()
