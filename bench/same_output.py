"""Does the checker still give the same JSON? A guard for refactoring.

    python bench/same_output.py            # compare with bench/same_output.json
    python bench/same_output.py --record   # record the current digests

Runs the installed ``factcheck --format json --no-cache --as-of 2026-12-02`` on the sample
articles, the planted-problem articles and (when present) ``../shared/seeds``, and compares
the SHA-256 of each output with the recorded one. A change of behaviour shows as a changed
digest; a refactoring must leave every digest as it was. Exit 1 when any differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "bench" / "same_output.json"
INPUTS = ("seeds", "tests/articles", "../shared/seeds")
AS_OF = "2026-12-02"


def digest(path: str) -> str | None:
    if not (ROOT / path).exists():
        return None
    command = ["factcheck", "--format", "json", "--no-cache", "--as-of", AS_OF, path]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"same_output: {' '.join(command)} exited {done.returncode}: {done.stderr!r}")
    return hashlib.sha256(done.stdout).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="record the current digests")
    args = parser.parse_args()
    now = {path: digest(path) for path in INPUTS}
    if args.record:
        RECORD.write_text(json.dumps(now, indent=2) + "\n")
        print(f"recorded {len(now)} digests in {RECORD.relative_to(ROOT)}")
        return 0
    before = json.loads(RECORD.read_text())
    changed = 0
    for path, value in now.items():
        if value is None:
            print(f"skipped  {path} (not present)")
        elif before.get(path) == value:
            print(f"same     {path}")
        else:
            changed += 1
            print(f"CHANGED  {path}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
