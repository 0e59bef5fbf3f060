"""Speed on hostile input: the claims the tests used to time (issue 17, item 11).

    python bench/hostile_speed.py            # each case at its size and at 4x, one table
    python bench/hostile_speed.py --json

Timed tests failed on busy machines, so the tests now check only what comes out, and the
speed claims live here: each case is run at its test size and at four times that, and the
ratio of the two times says whether the work is linear (about 4) or worse (about 16 for
quadratic). Wall-clock figures from a shared machine are rough; the ratio is what to read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.config import load_ruleset  # noqa: E402 - after the path is set
from checker.documents import extract_html, infer_published, load_text  # noqa: E402
from checker.extraction import pieces  # noqa: E402
from checker.model import Claim  # noqa: E402

SENTENCE = "On Monday 40 people were killed in Gaza, officials said on Tuesday. "
RULE = """\
rules:
  - id: FC901
    name: custom.pattern
    kind: unattributed
    level: warning
    message: "{{value}} has no source."
    filter:
      sentence: '{pattern}'
"""


def _pattern_case(pattern: str, tmp: Path):
    path = tmp / "rules.yaml"
    path.write_text(RULE.format(pattern=pattern), "utf-8")
    rule = load_ruleset([str(path)], default_rules=False).get("FC901")

    def run(scale: int) -> None:
        line = "a" * 25_000 * scale + "!"
        claim = Claim(text="40", sentence=line, start=0, end=2, value=40.0, low=None, high=None)
        rule.filter.matches(claim)

    return run


def cases(tmp: Path) -> dict:
    """name -> run(scale): scale 1 is the size the tests use."""
    return {
        "weekday inference, 1 MB line": lambda k: infer_published(SENTENCE * 15_000 * k),
        "unclosed Markdown comments": lambda k: load_text("<!--" * 4000 * k, format="md"),
        "unclosed HTML CDATA": lambda k: extract_html("<![CDATA[>" * 60_000 * k),
        "unclosed conditional comments": lambda k: extract_html("<![if>" * 80_000 * k),
        "malformed character references": lambda k: extract_html("&#" * 400_000 * k + ";"),
        "HTML nested 10,000 deep": lambda k: load_text(
            "<div>" * 10_000 * k + "x" + "</div>" * 10_000 * k, format="html"
        ),
        "short lines cut into pieces": lambda k: pieces("1 killed\n" + "\n " * 40_000 * k),
        "rule pattern (a+)+$": _pattern_case("(a+)+$", tmp),
        "rule pattern .* x10 ==": _pattern_case(".*" * 10 + "==", tmp),
    }


def timed(run, scale: int) -> float:
    started = time.perf_counter()
    run(scale)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name, run in cases(Path(folder)).items():
            one, four = timed(run, 1), timed(run, 4)
            results.append({"case": name, "seconds": one, "seconds_4x": four})
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'case':<34} {'1x s':>8} {'4x s':>8} {'ratio':>6}")
    for row in results:
        ratio = row["seconds_4x"] / max(row["seconds"], 1e-6)
        print(f"{row['case']:<34} {row['seconds']:>8.3f} {row['seconds_4x']:>8.3f} {ratio:>6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
