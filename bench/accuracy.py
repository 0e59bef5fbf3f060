"""Score ``checker.extract`` against the gold set in ``tests/gold/*.yaml``.

    python bench/accuracy.py                 # all gold files, a table of P/R/F1
    python bench/accuracy.py --errors        # also list every miss and false positive
    python bench/accuracy.py --json          # the figures as JSON

Matching: within an item, each gold claim is paired with at most one extracted claim of the
same value (greedy, in text order). Then, for each field:

- value: P = pairs / extracted, R = pairs / gold.
- value+qualifier, value+unit: the same, pairing only claims that also agree on that field.
- measure, location: over claims where the field is set; a pair counts when both agree,
  an extracted non-null field that is wrong or unpaired is a false positive, a gold
  non-null field that is missed or wrong is a false negative.
- attribution: accuracy of "has a source" over paired claims (and F1 of attributed=true).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


def load_gold(folder: Path = GOLD) -> list[dict]:
    items = []
    for path in sorted(folder.glob("*.yaml")):
        for k, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            item = dict(item)
            item["_where"] = f"{path.name}#{k + 1}"
            items.append(item)
    return items


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _norm(text) -> str | None:
    return None if text in (None, "") else str(text).strip().lower()


def _pair(gold: list[dict], pred: list, key=None) -> list[tuple[dict, object]]:
    used: set[int] = set()
    pairs = []
    for g in gold:
        for k, p in enumerate(pred):
            if k in used or not _same(g.get("value"), p.value):
                continue
            if key is not None and not key(g, p):
                continue
            used.add(k)
            pairs.append((g, p))
            break
    return pairs


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def score(items: list[dict], extract=None, errors: list | None = None) -> dict:
    """P/R/F1 per field for ``extract`` (default: checker.extract) on gold ``items``."""
    if extract is None:
        from checker import extract
    counts = {
        name: [0, 0, 0]
        for name in ("value", "value+qualifier", "value+unit", "measure", "location")
    }
    attr_total = attr_right = 0
    attr_counts = [0, 0, 0]
    for item in items:
        published = item.get("published")
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        pred = extract(item["text"], published=published)
        gold = list(item.get("claims") or [])
        for name, key in (
            ("value", None),
            ("value+qualifier", lambda g, p: g.get("qualifier", "exact") == p.qualifier),
            ("value+unit", lambda g, p: _norm(g.get("unit")) == _norm(p.unit)),
        ):
            pairs = _pair(gold, pred, key)
            c = counts[name]
            c[0] += len(pairs)
            c[1] += len(pred) - len(pairs)
            c[2] += len(gold) - len(pairs)
            if name == "value" and errors is not None:
                paired_pred = {id(p) for _, p in pairs}
                paired_gold = {id(g) for g, _ in pairs}
                for p in pred:
                    if id(p) not in paired_pred:
                        errors.append((item["_where"], "extra", p.text, p.value, item["text"]))
                for g in gold:
                    if id(g) not in paired_gold:
                        errors.append(
                            (item["_where"], "missed", g.get("text"), g.get("value"), item["text"])
                        )
        pairs = _pair(gold, pred)
        paired_pred = {id(p) for _, p in pairs}
        paired_gold = {id(g) for g, _ in pairs}
        for name in ("measure", "location"):
            c = counts[name]
            for g, p in pairs:
                gv, pv = _norm(g.get(name)), _norm(getattr(p, name))
                if gv and pv and gv == pv:
                    c[0] += 1
                else:
                    if pv:
                        c[1] += 1
                    if gv:
                        c[2] += 1
                    if errors is not None and (gv or pv):
                        errors.append(
                            (
                                item["_where"],
                                name,
                                g.get("text"),
                                f"gold={gv} got={pv}",
                                item["text"],
                            )
                        )
            c[1] += sum(1 for p in pred if id(p) not in paired_pred and getattr(p, name))
            c[2] += sum(1 for g in gold if id(g) not in paired_gold and g.get(name))
        for g, p in pairs:
            want = bool(g.get("attributed"))
            got = p.attribution is not None
            attr_total += 1
            attr_right += want == got
            if want and got:
                attr_counts[0] += 1
            elif got:
                attr_counts[1] += 1
            elif want:
                attr_counts[2] += 1
            if want != got and errors is not None:
                errors.append(
                    (
                        item["_where"],
                        "attribution",
                        g.get("text"),
                        f"gold={want} got={p.attribution}",
                        item["text"],
                    )
                )
    result = {name: _prf(*c) for name, c in counts.items()}
    result["attribution"] = _prf(*attr_counts)
    result["attribution"]["accuracy"] = round(attr_right / attr_total, 4) if attr_total else 1.0
    result["items"] = len(items)
    result["gold_claims"] = sum(len(i.get("claims") or []) for i in items)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misses and false positives")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of gold YAML files")
    args = parser.parse_args(argv)
    items = load_gold(args.gold)
    errors: list | None = [] if args.errors else None
    started = time.perf_counter()
    result = score(items, errors=errors)
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"gold: {result['items']} items, {result['gold_claims']} claims ({elapsed:.1f}s)")
    print(f"{'field':<17}{'precision':>10}{'recall':>8}{'F1':>8}")
    for name in ("value", "value+qualifier", "value+unit", "measure", "location", "attribution"):
        r = result[name]
        print(f"{name:<17}{r['precision']:>10.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}")
    print(
        "attribution accuracy (has a source, paired claims): "
        f"{result['attribution']['accuracy']:.3f}"
    )
    if errors:
        print()
        for where, what, text, detail, sentence in errors:
            print(f"{where:<18} {what:<12} {text!s:<30} {detail!s:<28} | {sentence[:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
