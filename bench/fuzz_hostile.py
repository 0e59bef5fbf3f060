"""The ``hostile`` inputs of ``bench/fuzz.py``: the cases of ``bench/fuzz_cases.py`` (FIFOs,
names that are not UTF-8, pickles planted in the cache, chained quantifiers in rule filters)
plus dense numbers at a size a fuzz run can afford, each made in a fresh folder and run
through the command line's ``main`` in the fuzz worker.

A case fails when ``main`` gives an exit code other than 0, 1 or 2, reports an internal
error, lets a planted pickle run (its marker file appears), or writes JSON that is not UTF-8
or carries lone surrogates. A FIFO that is opened blocks the worker: the fuzz run counts it
as hung.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

import fuzz_cases
from fuzz_cases import Case

# Cases cheap enough to run hundreds of times; the 1 MB dense cases of fuzz_cases.py are
# replaced by ``dense_numbers`` below (bench/scale.py and fuzz_cases.py run the big ones).
GENERATORS = {
    generator.__name__: generator
    for generator in (
        fuzz_cases.fifo_in_folder,
        fuzz_cases.fifo_named,
        fuzz_cases.non_utf8_names_folder,
        fuzz_cases.non_utf8_names_table,
        fuzz_cases.non_utf8_name_argv,
        fuzz_cases.pickles_in_cache,
        fuzz_cases.pickle_as_cache_db,
        fuzz_cases.regex_dot_star_chain,
        fuzz_cases.regex_negated_class_chain,
        fuzz_cases.regex_optional_chain,
    )
}


def dense_numbers(rng: random.Random, tmp: Path) -> Case:
    """Up to 20 KB of figures and little else: a list, a table row, a run of commas."""
    unit = rng.choice(("1, ", "12,345 ", "| 4 | 5 | 6 ", "3.5% ", "$2bn, ", "1 2 3 "))
    text = "At least " + unit * rng.randint(100, 20_000 // len(unit)) + "people were killed."
    path = tmp / rng.choice(("dense.txt", "dense.md", "dense.html"))
    path.write_text(text + "\n", "utf-8")
    return Case("dense_numbers", fuzz_cases._json_args(str(path)), [str(path)])


GENERATORS["dense_numbers"] = dense_numbers


def make_hostile(rng: random.Random) -> dict:
    return {"kind": "hostile", "format": rng.choice(sorted(GENERATORS)), "seed": rng.random()}


def run_hostile(name: str, seed: float) -> None:
    """Make the case ``name`` in a fresh folder and run it through ``main``; AssertionError
    naming what went wrong."""
    from checker.cli import main

    folder = Path(tempfile.mkdtemp(prefix="factcheck-hostile-"))
    try:
        case = GENERATORS[name](random.Random(seed), folder)
        env = {"FACTCHECK_CACHE_DIR": str(folder / "default-cache"), **case.env}
        args = [os.fsdecode(arg) for arg in case.args]
        code, out, err = _main(main, args, env, folder)
        assert code in (0, 1, 2), f"exit {code}: {err[-300:]}"
        assert "internal error" not in err and "Traceback" not in err, err[-300:]
        assert not (case.marker and os.path.exists(case.marker)), "a planted pickle ran"
        problem = fuzz_cases.output_problem(case, out)
        assert problem is None, problem
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _main(main, args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, bytes, str]:
    """``main(args)`` with ``env`` set and in ``cwd``: exit code, stdout bytes, stderr."""
    saved_env = {key: os.environ.get(key) for key in env}
    saved_cwd = os.getcwd()
    saved = sys.stdout, sys.stderr
    out = io.BytesIO()
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.StringIO()
    os.environ.update(env)
    os.chdir(cwd)
    try:
        code = main(args)
        with contextlib.suppress(ValueError):
            sys.stdout.flush()
        return code, out.getvalue(), sys.stderr.getvalue()
    finally:
        err = sys.stderr
        sys.stdout, sys.stderr = saved
        del err
        os.chdir(saved_cwd)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
