"""Baselines: accept today's findings, fail only on new ones.

``--write-baseline FILE`` records every finding of a run; ``--baseline FILE`` then hides the
findings it records and fails only on the rest. A finding is recorded by its path, its rule
and its *fingerprint*: a digest of what the finding is about, never of where it is, so that
an edit elsewhere in the file (a paragraph added above, a line reflowed) leaves it matching.

The fingerprint of a finding on a claim is the SHA-256 of:

- the rule id;
- the claim's figure as written ("at least 40 people"), whitespace collapsed, case folded;
- the sentence it stands in, normalised the same way;
- the claim's measure and location;
- the same figure, measure and location of every related claim (the other side of a
  contradiction), in a stable order.

So editing the figure, its sentence, or the figure it contradicts makes a new finding;
moving the paragraph, or editing any other paragraph, does not. A finding without a claim
(an unused suppression) is fingerprinted by its rule and message. The same finding twice in
one file (a sentence repeated) has one fingerprint; the baseline counts them, and a third
copy is new.

The file is JSON, paths relative to the baseline's own folder (so a run from another folder
still matches)::

    {"version": 1, "tool": "factcheck 0.1.0",
     "findings": [{"path": "seeds/a.md", "rule": "FC301", "fingerprint": "3f1c...",
                   "count": 1, "message": "..."}]}

``message`` is for people reading a diff of the baseline; matching ignores it. Writing is
atomic: a temporary file in the same folder, flushed and synced, then renamed over the old
one, so an interrupted write leaves the previous baseline as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import secrets
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import FactcheckError
from ..files import TooLarge, file_kind, read_bounded, shown
from ..model import Claim, Finding, Report
from ..version import __version__

VERSION = 1
FINGERPRINT_BYTES = 16  # 128 bits of SHA-256, as 32 hex digits
# A baseline is some 250 bytes a finding: 50 MB is 200,000 findings. Reading stops there,
# so a baseline pointed at /dev/zero or a runaway file fails at once instead of filling memory.
MAX_BYTES = 50 * 1024 * 1024


class BaselineError(FactcheckError):
    """A baseline file that cannot be read, parsed or written (exit 2)."""


# -- fingerprints -------------------------------------------------------------------------


def _normal(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def _claim_part(claim: Claim) -> list[str]:
    return [_normal(claim.text), _normal(claim.measure), _normal(claim.location)]


def fingerprint(finding: Finding, claims: dict[str, Claim]) -> str:
    """The finding's fingerprint; ``claims`` maps claim ids to claims."""
    claim = claims.get(finding.claim or "")
    if claim is None:
        parts = [finding.rule, "message", _normal(finding.message)]
    else:
        parts = [finding.rule, *_claim_part(claim), _normal(claim.sentence)]
        related = [claims[ref] for ref in finding.related if ref in claims]
        for other in sorted(_claim_part(c) for c in related):
            parts += ["related", *other]
    data = json.dumps(parts, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[: FINGERPRINT_BYTES * 2]


def with_fingerprints(findings: Iterable[Finding], claims: Iterable[Claim]) -> list[Finding]:
    """Every finding with its ``fingerprint`` set. Claims are found the way findings name
    them: by id, or by ``path:line:col`` for evidence, which has none. Claims earlier in
    ``claims`` win when two share a name (the checked documents' own before evidence)."""
    by_id: dict[str, Claim] = {}
    for claim in claims:
        by_id.setdefault(claim.id or f"{claim.path or '-'}:{claim.line}:{claim.column}", claim)
    return [
        dataclasses.replace(finding, fingerprint=fingerprint(finding, by_id))
        for finding in findings
    ]


# -- the file -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Baseline:
    """Accepted findings: how many of each (path, rule, fingerprint); paths are relative to
    ``base`` (the baseline file's folder) and use "/"."""

    counts: dict[tuple[str, str, str], int]
    base: str

    def key(self, finding: Finding) -> tuple[str, str, str]:
        return (_relative(finding.path, self.base), finding.rule, finding.fingerprint or "")

    def split(self, findings: Sequence[Finding]) -> tuple[list[Finding], list[Finding]]:
        """``(new, known)``: findings beyond the baseline, and those it accepts."""
        left = Counter(self.counts)
        new: list[Finding] = []
        known: list[Finding] = []
        for finding in findings:
            key = self.key(finding)
            if left[key] > 0:
                left[key] -= 1
                known.append(finding)
            else:
                new.append(finding)
        return new, known

    def filter(self, report: Report) -> tuple[Report, int]:
        """The report without the findings the baseline accepts, and how many were hidden."""
        new, known = self.split(report.findings)
        return dataclasses.replace(report, findings=tuple(new)), len(known)


def _relative(path: str | None, base: str) -> str:
    if not path or path.startswith("<"):  # <stdin>, <text>
        return path or ""
    try:
        relative = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        relative = os.path.abspath(path)
    # A name that is not UTF-8 is stored with its stray bytes as "\\xNN" (valid JSON text),
    # and matched the same way.
    return shown(relative.replace(os.sep, "/"))


def _base(file: str) -> str:
    return os.path.dirname(os.path.abspath(file))


def build(findings: Sequence[Finding], file: str) -> dict:
    """The baseline object recording ``findings`` for a baseline stored at ``file``."""
    base = _base(file)
    counts: Counter[tuple[str, str, str]] = Counter()
    messages: dict[tuple[str, str, str], str] = {}
    for finding in findings:
        if finding.fingerprint is None:
            raise ValueError(f"finding without a fingerprint: {finding}")
        key = (_relative(finding.path, base), finding.rule, finding.fingerprint)
        counts[key] += 1
        messages.setdefault(key, " ".join(finding.message.split()))
    return {
        "version": VERSION,
        "tool": f"factcheck {__version__}",
        "findings": [
            {
                "path": p,
                "rule": r,
                "fingerprint": f,
                "count": counts[(p, r, f)],
                "message": messages[(p, r, f)],
            }
            for p, r, f in sorted(counts)
        ],
    }


def write(file: str, findings: Sequence[Finding]) -> int:
    """Record ``findings`` in ``file``, atomically; returns how many were recorded.

    The old file, if any, is replaced only once the new one is completely on disk. An
    existing file keeps its permissions (a new one gets the usual ones, 0666 less the
    umask); a symbolic link is written through, so the link stays and the file it points
    to is replaced, as an editor saving the file would. Anything else that is not a regular
    file (a folder, a FIFO, a device) is refused.
    """
    data = build(findings, file)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    target = os.path.realpath(file)  # through a link: the link stays, its file is replaced
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {file}: {exc.strerror or exc}") from exc
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        kind = file_kind(existing.st_mode)
        raise BaselineError(f"cannot write baseline {file}: not a regular file: {kind}")
    folder = os.path.dirname(target)
    temporary = None
    try:
        temporary, descriptor = _temporary(folder, os.path.basename(target))
        with os.fdopen(descriptor, "wb") as handle:
            if existing is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(existing.st_mode))
            handle.write(text.encode("utf-8", errors="backslashreplace"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None:
            _remove(temporary)
        raise BaselineError(f"cannot write baseline {file}: {exc.strerror or exc}") from exc
    except BaseException:
        if temporary is not None:
            _remove(temporary)
        raise
    _sync_folder(folder)
    return sum(entry["count"] for entry in data["findings"])


def _temporary(folder: str, name: str) -> tuple[str, int]:
    """A new file beside the baseline, made with mode 0666 so the umask applies as for any
    file the user creates (``tempfile`` makes them 0600)."""
    for _ in range(100):
        path = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return path, os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def load(file: str) -> Baseline:
    """Read a baseline; :class:`BaselineError` with one line saying what is wrong."""
    try:
        text = read_bounded(file, MAX_BYTES).decode("utf-8")
    except TooLarge as exc:
        raise BaselineError(
            f"{file}: not a factcheck baseline (larger than {MAX_BYTES // 1024 // 1024} MB)"
        ) from exc
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {file}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{file}: not a factcheck baseline (not UTF-8 text)") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{file}:{exc.lineno}:{exc.colno}: not a factcheck baseline (invalid JSON: {exc.msg})"
        ) from exc
    except RecursionError as exc:  # "[[[[..." nested deeper than the parser goes
        raise BaselineError(f"{file}: not a factcheck baseline (nested too deeply)") from exc
    if not isinstance(data, dict) or "version" not in data:
        raise BaselineError(f"{file}: not a factcheck baseline (no 'version' key)")
    if data["version"] != VERSION:
        raise BaselineError(
            f"{file}: baseline version {data['version']!r} is not supported (expected {VERSION}); "
            "write it again with --write-baseline"
        )
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(f"{file}: not a factcheck baseline ('findings' must be a list)")
    counts: dict[tuple[str, str, str], int] = {}
    for number, entry in enumerate(entries, 1):
        problem = _entry_problem(entry)
        if problem:
            raise BaselineError(f"{file}: finding {number} of the baseline {problem}")
        key = (entry["path"], entry["rule"], entry["fingerprint"])
        counts[key] = counts.get(key, 0) + entry.get("count", 1)
    return Baseline(counts=counts, base=_base(file))


def _entry_problem(entry: object) -> str | None:
    if not isinstance(entry, dict):
        return "is not an object"
    for key in ("path", "rule", "fingerprint"):
        if not isinstance(entry.get(key), str):
            return f"has no text {key!r}"
    count = entry.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        return "has a 'count' that is not a whole number of 1 or more"
    return None
