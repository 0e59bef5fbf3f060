"""The one pint registry for the whole program, extended by ``units.txt`` (newsroom units).

Also the table of surface forms ("km", "per cent", "sq km") that extraction recognises and the
currencies it knows, so that every module agrees on names.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import tempfile
from importlib import resources

from .paths import cache_dir, cache_enabled


@functools.lru_cache(maxsize=1)
def registry():
    """The shared pint UnitRegistry, created on first use."""
    import pint  # here, not at the top: importing pint takes ~135 ms, a third of a warm run

    # No ``cache_folder``: pint's disk cache stores pickles, and a pickle planted in the cache
    # folder (a CI cache restored from another branch) would run code (issue 17). pint parses
    # its definitions text every time instead; only cold runs pay for it, and they load spaCy.
    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    ureg.load_definitions(str(resources.files("checker").joinpath("units.txt")))
    return ureg


def _memo_folder():
    """The folder of the conversions memo, beside the extraction cache; None when the cache
    is off (``--no-cache``, ``FACTCHECK_NO_UNIT_CACHE``). Only JSON is read from it."""
    if os.environ.get("FACTCHECK_NO_UNIT_CACHE") or not cache_enabled():
        return None
    return cache_dir() / "pint"


def canonical(unit: str) -> str | None:
    """pint's canonical name for a unit expression, or None when pint does not know it."""
    import pint  # see registry()

    try:
        return str(registry().Unit(unit))
    except (
        pint.errors.UndefinedUnitError,
        pint.errors.DefinitionSyntaxError,
        ValueError,
        TypeError,
    ):
        return None
    except Exception:  # pint's parser also raises TokenError, AssertionError, ZeroDivisionError
        return None


def dimension(unit: str | None) -> str:
    """A grouping key for a unit: ``count`` for plain counts, ``currency`` for ISO codes,
    else pint's dimensionality (``[length]``)."""
    if unit is None:
        return "count"
    if unit.split(" / ")[0] in CURRENCY_CODES:
        return "currency:" + unit  # "USD", "USD / share": money, per what it is counted
    if unit in _DIMENSIONS:  # the newsroom's units, worked out when the table was made
        return _DIMENSIONS[unit]
    try:
        return str(registry().Unit(unit).dimensionality) or "dimensionless"
    except Exception:  # an unknown unit still groups with itself
        return unit


def convert(value: float, unit: str, to: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to``, or None when they do not convert.

    Every conversion a newsroom meets is affine (``scale * value + offset``: kilometres to
    miles, Celsius to Fahrenheit), so pint is asked once per pair of units for the scale and
    the offset, and the pair is remembered on disk (see :func:`_affine`): a run served from
    the extraction cache then never imports pint. A pair that is not affine is converted by
    pint every time.

    Why a memo (design review item 21, measured on a shared 2-CPU machine, best of 21 runs):
    importing pint takes ~135 ms and building its registry more. A cold
    ``python -c "import checker.units; checker.units.convert(1.0, 'kilometer', 'mile')"``
    takes ~180 ms from the memo, ~430 ms without it; a warm ``factcheck --format json seeds``
    served from the extraction cache ~210 ms with the memo, ~530 ms without it. The memo is
    JSON, never a pickle (pint's own ``cache_folder`` stores pickles: not used, issue 17),
    and is neither read nor written under ``--no-cache``.
    """
    relation = _affine(unit, to)
    if relation is None:
        return None
    if relation == _NOT_AFFINE:
        return _pint_convert(value, unit, to)
    scale, offset = relation
    return scale * value + offset


def _pint_convert(value: float, unit: str, to: str) -> float | None:
    try:
        return float(registry().Quantity(value, unit).to(to).magnitude)
    except Exception:  # DimensionalityError, UndefinedUnitError, and the parser's TokenError ...
        return None


_NOT_AFFINE = "not affine"


@functools.cache
def _affine(unit: str, to: str):
    """(scale, offset) taking ``unit`` to ``to``, None when they do not convert, or
    ``_NOT_AFFINE``; from the memo on disk, else from pint (and then added to the memo)."""
    memo = _memo()
    key = f"{unit} -> {to}"
    if key in memo:
        found = memo[key]
        return tuple(found) if isinstance(found, list) else found
    at_zero, at_one = _pint_convert(0.0, unit, to), _pint_convert(1.0, unit, to)
    if at_zero is None or at_one is None:
        relation = None
    else:
        if at_zero == 0:
            scale = at_one  # pint's own factor
        else:  # the slope over a long run loses less to rounding than the step from 0 to 1
            far = _pint_convert(1e6, unit, to)
            scale = (far - at_zero) / 1e6 if far is not None else at_one - at_zero
        offset = at_zero
        probe = _pint_convert(1000.0, unit, to)
        expected = scale * 1000.0 + offset
        affine = probe is not None and abs(probe - expected) <= 1e-9 * max(1.0, abs(probe))
        relation = (scale, offset) if affine else _NOT_AFFINE
    memo[key] = list(relation) if isinstance(relation, tuple) else relation
    _save_memo(memo)
    return relation


@functools.lru_cache(maxsize=1)
def _memo_path():
    """The memo file in the cache folder, named for the pint version and the newsroom units,
    or None when the cache is off."""
    folder = _memo_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(resources.files("checker").joinpath("units.txt").read_bytes())
    try:
        digest.update(importlib.metadata.version("pint").encode())
    except importlib.metadata.PackageNotFoundError:
        return None
    return folder / f"conversions-{digest.hexdigest()[:16]}.json"


@functools.lru_cache(maxsize=1)
def _memo() -> dict:
    path = _memo_path()
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and all(_valid(v) for v in data.values()) else {}


def _valid(relation) -> bool:
    if relation is None or relation == _NOT_AFFINE:
        return True
    return (
        isinstance(relation, list)
        and len(relation) == 2
        and all(isinstance(x, float) for x in relation)
    )


def _save_memo(memo: dict) -> None:
    """Write the memo atomically; it is only an optimisation, so failures are ignored."""
    path = _memo_path()
    if path is None:
        return
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".conversions-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(memo, out, sort_keys=True)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


# Surface forms of units and currencies, generated by bench/make_unit_forms.py from pint's
# registry (symbols, names, aliases, plurals of the newsroom's units) and that script's
# currency table (ISO 4217 codes with their names and signs); the script says why.
_FORMS = json.loads(
    resources.files("checker").joinpath("unit_forms.json").read_text(encoding="utf-8")
)
# Lower-case token sequences joined by spaces -> pint unit names.
UNIT_WORDS: dict[str, str] = _FORMS["words"]
# Each listed unit's pint dimensionality ("[length]"), so dimension() needs no registry.
_DIMENSIONS: dict[str, str] = _FORMS.get("dimensions", {})
# Case-sensitive symbols ("PS" is not "ps", "Nm" a newton metre, "nm" a nanometre). Bare "m"
# is left out on purpose: in news "1.5m" is a million far more often than metres.
UNIT_SYMBOLS: dict[str, str] = {k: v for k, v in _FORMS["symbols"].items() if k != "m"}

# Time units are only units of a figure when the figure is a duration; the extractor decides.
TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
)

# Currency surfaces (lower case) -> ISO 4217 codes. CURRENCY_WORDS may follow a figure ("40
# yuan", "25 €", "500 usd"); CURRENCY_SYMBOLS, the signs and codes, may also precede it.
CURRENCY_WORDS: dict[str, str] = _FORMS["currencies"]
CURRENCY_CODES = frozenset(CURRENCY_WORDS.values())
_SIGN_WORDS = frozenset({"rs", "rs.", "nis", "rmb", "rm", "kč", "zł"})
CURRENCY_SYMBOLS: dict[str, str] = {
    surface: code
    for surface, code in CURRENCY_WORDS.items()
    if not surface.replace(" ", "").isalpha()
    or surface.upper() in CURRENCY_CODES
    or surface in _SIGN_WORDS
}
# A hundredth of a currency: "80 euro cents", "12 cents" (dollars), "470 pence" (pounds).
CURRENCY_SUBUNITS: dict[str, str] = _FORMS["subunits"]
