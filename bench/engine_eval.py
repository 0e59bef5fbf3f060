"""Score the rules engine on tests/articles/: planted problems found, and false findings.

    python bench/engine_eval.py            # summary and the misses / false findings
    python bench/engine_eval.py --json

A planted problem is found when a finding of its kind points at its file and line (a
contradiction between two articles may be reported on either one). Every other finding is
a false finding.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"


def evaluate(folder: Path = ARTICLES) -> dict:
    from checker import check

    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    problems = expected["problems"]
    report = check([str(folder)], as_of="2024-12-31")
    findings = [f for f in report.findings if f.kind != "unused-suppression"]
    used: set[int] = set()
    found, missed = [], []
    for problem in problems:
        places = {(problem["file"], problem["line"])}
        if problem["kind"] in ("contradiction", "dispute") and problem.get("other_file"):
            places.add((problem["other_file"], problem["other_line"]))
        hit = None
        for k, finding in enumerate(findings):
            where = (Path(finding.path).name, finding.line)
            if finding.kind == problem["kind"] and where in places:
                hit = k
                break
        if hit is None:
            missed.append(problem)
        else:
            used.add(hit)
            found.append(problem)
    # One problem may be reported twice (on both articles of a pair): not a false finding.
    false = []
    for k, finding in enumerate(findings):
        if k in used:
            continue
        where = (Path(finding.path).name, finding.line)
        twin = any(
            finding.kind == p["kind"]
            and where in {(p["file"], p["line"]), (p.get("other_file"), p.get("other_line"))}
            for p in problems
        )
        if not twin:
            false.append(finding)
    return {
        "problems": len(problems),
        "found": len(found),
        "missed": [f"{p['kind']} {p['file']}:{p['line']} {p['figure']}" for p in missed],
        "false_findings": [
            f"{f.rule} {f.kind} {Path(f.path).name}:{f.line}:{f.column} {f.message}" for f in false
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = evaluate()
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"planted problems found: {result['found']}/{result['problems']}")
    print(f"false findings: {len(result['false_findings'])}")
    for line in result["missed"]:
        print(f"  missed: {line}")
    for line in result["false_findings"]:
        print(f"  false:  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
