"""Which engine a command runs on: this machine (the default) or a Dask cluster."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from ..errors import UsageError
from .options import Engine


@contextlib.contextmanager
def engine_for(engine: Engine, scheduler: str | None, jobs: int) -> Iterator[object | None]:
    """None for the local engine; an entered :class:`checker.distributed.DaskEngine` for
    ``dask`` (with ``jobs`` workers on a LocalCluster when no scheduler is given)."""
    if engine is Engine.local:
        if scheduler:
            raise UsageError("--scheduler needs --engine dask")
        yield None
        return
    try:
        # Imported only for --engine dask: dask and distributed take about a second to
        # import, which the local engine, the default, should not pay.
        from ..distributed import DaskEngine
    except ImportError as exc:
        raise UsageError(
            f"--engine dask needs dask and distributed ({exc.name} is missing): "
            "pip install 'factcheck[dask]'"
        ) from None
    with DaskEngine(scheduler, workers=jobs) as running:
        yield running
