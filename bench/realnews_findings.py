"""Score ``checker.check`` findings on the real-news corpus against bench/realnews/expected.yaml.

Usage:
    python bench/realnews_findings.py                      # events, all-events pass, stories
    python bench/realnews_findings.py --no-stories         # skip the 3,250-story pass
    python bench/realnews_findings.py --stories-sample 60 --seed 7
    python bench/realnews_findings.py --json

Passes:
  1. each event folder of ``corpus/realnews`` checked on its own, ``as_of`` = the day after
     its last article;
  2. all event folders in one check (``as_of`` = the day after the last article of all), to
     see findings that only appear when unrelated events share a run (cross-event findings);
  3. ``corpus/stories`` (no planted problems, ``jobs=2``): findings per rule and a seeded random
     sample for judgement by hand.

Categories: contradiction (kind ``contradiction``: consistency.contradiction and
consistency.cumulative-decrease), stale (kind ``stale``), unattributed (kind ``unattributed``),
dispute (any rule whose kind or name contains "dispute"; checked first), conversion (kind
``conversion``; expected.yaml lists no conversion errors, so every conversion finding is
unmatched and listed for judgement). Anything else is "other".

Matching. A finding is placed on its claim: file (relative to the event folder) and the corpus
sentence (bench/realnews/fingerprint.py) that holds the claim. The sentence is found from the
claim's file line/column (offset based, so independent of the checker's own sentence
splitting); if that fails, the fingerprint of the claim's ``sentence`` field is used; if neither
gives a sentence of the file, the file alone (then the figure must agree). The finding matches
an expected entry of its category when file and sentence fingerprint agree (or the claim's
sentence text contains the expected sentence or the other way round) and the figure agrees:
one text contains the other (case-insensitive), or the figure's value (own small parser:
digits, number words, vague words with the gold conventions dozens=24, scores=40,
hundreds=200, thousands=2000) equals the claim's value or low end. A contradiction or dispute
pair is found when a finding of that category is on either side; a stale entry when a stale
finding is on its stale side.

Precision = matched findings / findings, recall = found expected entries / expected entries,
per category and overall. "Overall" covers the categories expected.yaml annotates
(contradiction, stale, unattributed, dispute); it is also printed with conversion and other
findings counted as false. Unmatched findings are listed with file, rule, message and a tag
when they fall on an expected trap or on the other category's entry (e.g. a contradiction on
an expected dispute). Targets: precision >= 0.90, recall >= 0.85.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import contextlib
import datetime as dt
import json
import os
import random
import re
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "realnews"
STORIES = ROOT / "corpus" / "stories"
EXPECTED = ROOT / "bench" / "realnews" / "expected.yaml"

sys.path.insert(0, str(ROOT / "bench" / "realnews"))
from fingerprint import fingerprint, sentences  # noqa: E402

TARGET_PRECISION = 0.90
TARGET_RECALL = 0.85
SCORED = ("contradiction", "stale", "unattributed", "dispute")
CATEGORIES = SCORED + ("conversion", "other")

# ---------------------------------------------------------------- figures

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2_000_000,
    "tens of thousands": 20000,
    "hundreds of thousands": 200000,
    "a dozen": 12,
    "dozen": 12,
}
_QUALIFIER = re.compile(
    r"^(?:at least|at most|more than|less than|fewer than|nearly|almost|about|"
    r"around|some|over|up to|approximately|roughly|another|only)\s+",
    re.I,
)


def figure_value(figure: str) -> float | None:
    """The value of an expected figure as written ("about 3,000", "seven-meter", "scores")."""
    text = " ".join(str(figure).lower().replace("-", " ").split())
    while True:
        stripped = _QUALIFIER.sub("", text)
        if stripped == text:
            break
        text = stripped
    for phrase, value in sorted(_VAGUE.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(phrase):
            return float(value)
    m = re.match(r"(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand)?", text)
    if m:
        value = float(m.group(1).replace(",", ""))
        return value * _SCALES[m.group(2)] if m.group(2) else value
    total = current = 0
    seen = False
    for word in text.split():
        if word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _SCALES and seen:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total += current
                current = 0
        elif word == "and":
            continue
        else:
            break
    return float(total + current) if seen else None


def _norm(text: str) -> str:
    return " ".join(str(text).lower().replace("-", " ").replace("\u00a0", " ").split())


def figure_agrees(figure: str, claim) -> bool:
    f, t = _norm(figure), _norm(claim.text)
    if f and (f in t or (t and t in f)):
        return True
    value = figure_value(figure)
    if value is None:
        return False
    for v in (claim.value, claim.low):
        if v is not None and abs(float(v) - value) <= 1e-6 * max(1.0, abs(value)):
            return True
    return False


# ---------------------------------------------------------------- corpus sentences


class FileIndex:
    """Sentence fingerprints of one corpus file, with their spans in the raw file text."""

    def __init__(self, path: Path):
        raw = path.read_text(encoding="utf-8")
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        body_at = 0
        if raw.startswith("---"):
            end = raw.find("\n---", 3)
            if end != -1:
                body_at = end + 4
        body = raw[body_at:]
        self.spans: list[tuple[int, int, str, str]] = []  # start, end, fp, sentence
        cursor = 0
        for sent in sentences(raw):
            pattern = r"\s+".join(re.escape(tok) for tok in sent.split())
            m = re.compile(pattern).search(body, cursor)
            if m is None:
                continue
            self.spans.append((body_at + m.start(), body_at + m.end(), fingerprint(sent), sent))
            cursor = m.end()
        self.starts = [s for s, _, _, _ in self.spans]
        self.fps = {fp: sent for _, _, fp, sent in self.spans}

    def offset(self, line: int, column: int) -> int | None:
        if not line or line < 1 or line > len(self.line_starts):
            return None
        return self.line_starts[line - 1] + max(column, 1) - 1

    def sentence_at(self, offset: int | None) -> tuple[str, str] | None:
        if offset is None:
            return None
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0:
            start, end, fp, sent = self.spans[i]
            if start <= offset < end:
                return fp, sent
        return None


_INDEX: dict[Path, FileIndex] = {}


def file_index(path: Path) -> FileIndex | None:
    path = path.resolve()
    if path not in _INDEX:
        _INDEX[path] = FileIndex(path) if path.is_file() else None
    return _INDEX[path]


# ---------------------------------------------------------------- expected


def load_expected() -> dict:
    """Per event: list of entries {cat, label, sides: [{file, fingerprint, figure}], ...}."""
    data = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    events = {}
    for event, spec in (data.get("events") or {}).items():
        entries = []
        for item in spec.get("contradictions") or []:
            entries.append(
                dict(
                    cat="contradiction",
                    label=item.get("subject", ""),
                    sides=[item["a"], item["b"]],
                    why=item.get("why", ""),
                )
            )
        for item in spec.get("stale") or []:
            entries.append(
                dict(
                    cat="stale",
                    label=item.get("subject", ""),
                    sides=[item["stale"]],
                    newer=item.get("newer"),
                    why=item.get("why", ""),
                )
            )
        for item in spec.get("disputes") or []:
            entries.append(
                dict(
                    cat="dispute",
                    label=item.get("subject", ""),
                    sides=[item["a"], item["b"]],
                    why=item.get("why", ""),
                )
            )
        for file, items in (spec.get("unattributed") or {}).items():
            for item in items or []:
                side = dict(item, file=file)
                entries.append(
                    dict(
                        cat="unattributed",
                        label=f"{item.get('figure')} {item.get('measure', '')}".strip(),
                        sides=[side],
                        why=item.get("note", ""),
                    )
                )
        traps = [dict(item["ref"], why=item.get("why", "")) for item in spec.get("traps") or []]
        events[event] = dict(name=spec.get("name", event), entries=entries, traps=traps)
    return events


# ---------------------------------------------------------------- findings


def category(finding) -> str:
    kind = (finding.kind or "").lower()
    name = (finding.name or "").lower()
    if "dispute" in kind or "dispute" in name or "dispute" in (finding.rule or "").lower():
        return "dispute"
    if kind in ("contradiction", "stale", "unattributed", "conversion"):
        return kind
    return "other"


class Placed:
    """A finding with its claim placed in the corpus: event, file, sentence fingerprint."""

    def __init__(self, finding, claim, root: Path):
        self.finding = finding
        self.claim = claim
        self.cat = category(finding)
        path = Path(finding.path or (claim.path if claim else "") or "")
        if not path.is_absolute():
            path = Path.cwd() / path
        try:
            rel = path.resolve().relative_to(root.resolve())
        except ValueError:
            rel = Path(path.name)
        self.event = rel.parts[0] if len(rel.parts) > 1 else ""
        self.file = rel.name
        self.relpath = str(rel)
        self.fp = None
        self.sentence = claim.sentence if claim is not None else None
        index = file_index(path)
        if index is not None:
            line = claim.line if claim is not None else finding.line
            column = claim.column if claim is not None else finding.column
            hit = index.sentence_at(index.offset(line, column))
            if hit is None and claim is not None:
                fp = fingerprint(claim.sentence)
                if fp in index.fps:
                    hit = (fp, index.fps[fp])
            if hit is not None:
                self.fp, self.sentence = hit

    def on(self, side: dict) -> bool:
        if self.file != side.get("file"):
            return False
        if self.claim is None:
            return False
        fp = str(side.get("fingerprint"))
        same_sentence = self.fp == fp
        if not same_sentence:
            if self.fp is not None:
                # a different corpus sentence: accept only when one sentence contains the other
                theirs = _sentence_text(self.event, self.file, fp)
                mine = _norm(self.claim.sentence or "")
                same_sentence = bool(theirs) and (_norm(theirs) in mine or mine in _norm(theirs))
            else:  # not placed in any sentence: file + figure value
                same_sentence = True
        return same_sentence and figure_agrees(side.get("figure", ""), self.claim)

    def describe(self) -> str:
        f = self.finding
        text = self.claim.text if self.claim is not None else "?"
        return (
            f"{self.relpath}:{f.line}:{f.column} {f.rule} {f.name or f.kind} "
            f"[{text}] {self.fp or '-'}\n      {f.message}"
        )


def _sentence_text(event: str, file: str, fp: str) -> str | None:
    path = CORPUS / event / file
    index = file_index(path)
    return index.fps.get(fp) if index else None


def run_check(checker, folders: list[Path], as_of: dt.date, jobs: int = 1):
    return checker.check([str(p) for p in folders], as_of=as_of, jobs=jobs)


def place_all(report, root: Path) -> list[Placed]:
    claims = {c.id: c for c in report.claims}
    # claim ids are unique per report; a finding names its claim by id
    return [Placed(f, claims.get(f.claim), root) for f in report.findings]


def last_published(folder: Path) -> dt.date:
    dates = []
    for path in folder.rglob("*.md"):
        m = re.match(r"(\d{4}-\d{2}-\d{2})", path.name)
        if m:
            dates.append(dt.date.fromisoformat(m.group(1)))
            continue
        head = path.read_text(encoding="utf-8")[:2000]
        m = re.search(r"^published:\s*['\"]?(\d{4}-\d{2}-\d{2})", head, re.M)
        if m:
            dates.append(dt.date.fromisoformat(m.group(1)))
    return max(dates)


def score_event(event: str, spec: dict, placed: list[Placed]) -> dict:
    entries = spec["entries"]
    found = [False] * len(entries)
    matched_findings = [False] * len(placed)
    for i, entry in enumerate(entries):
        for j, p in enumerate(placed):
            if p.event != event or p.cat != entry["cat"]:
                continue
            if any(p.on(dict(side)) for side in entry["sides"]):
                found[i] = True
                matched_findings[j] = True
    # tags for unmatched findings
    tags = []
    for j, p in enumerate(placed):
        tag = ""
        if not matched_findings[j]:
            for trap in spec["traps"]:
                if p.on(trap):
                    tag = f"TRAP ({trap.get('why', '')})"
                    break
            if not tag:
                for entry in entries:
                    if entry["cat"] != p.cat and any(p.on(dict(s)) for s in entry["sides"]):
                        tag = f"on expected {entry['cat']}: {entry['label']}"
                        break
        tags.append(tag)
    per_cat = {}
    for cat in CATEGORIES:
        exp = [i for i, e in enumerate(entries) if e["cat"] == cat]
        fnd = [j for j, p in enumerate(placed) if p.cat == cat]
        per_cat[cat] = dict(
            expected=len(exp),
            found_expected=sum(found[i] for i in exp),
            findings=len(fnd),
            matched=sum(matched_findings[j] for j in fnd),
        )
    return dict(
        event=event,
        entries=entries,
        found=found,
        placed=placed,
        matched=matched_findings,
        tags=tags,
        per_cat=per_cat,
    )


def ratios(c: dict) -> tuple[float | None, float | None]:
    p = c["matched"] / c["findings"] if c["findings"] else None
    r = c["found_expected"] / c["expected"] if c["expected"] else None
    return p, r


def add(into: dict, other: dict) -> None:
    for cat, c in other.items():
        slot = into.setdefault(cat, dict(expected=0, found_expected=0, findings=0, matched=0))
        for k, v in c.items():
            slot[k] += v


def overall(per_cat: dict, cats) -> dict:
    total = dict(expected=0, found_expected=0, findings=0, matched=0)
    for cat in cats:
        for k in total:
            total[k] += per_cat.get(cat, {}).get(k, 0)
    return total


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def print_table(per_cat: dict, indent: str = "  ") -> None:
    print(
        f"{indent}{'category':<14}{'expected':>9}{'found':>7}{'findings':>9}{'matched':>8}"
        f"{'false':>6}{'P':>7}{'R':>7}"
    )
    rows = [(cat, per_cat[cat]) for cat in CATEGORIES if cat in per_cat]
    rows.append(("overall", overall(per_cat, SCORED)))
    rows.append(("all kinds", overall(per_cat, CATEGORIES)))
    for cat, c in rows:
        if cat in CATEGORIES and not (c["expected"] or c["findings"]):
            continue
        p, r = ratios(c)
        print(
            f"{indent}{cat:<14}{c['expected']:>9}{c['found_expected']:>7}{c['findings']:>9}"
            f"{c['matched']:>8}{c['findings'] - c['matched']:>6}{fmt(p):>7}{fmt(r):>7}"
        )


def print_event(result: dict, spec: dict, as_of: dt.date, seconds: float) -> None:
    print(
        f"== {result['event']} ({spec['name']}); as_of {as_of}; {len(result['placed'])} findings; "
        f"{seconds:.1f}s"
    )
    print_table(result["per_cat"])
    missed = [(e, ok) for e, ok in zip(result["entries"], result["found"], strict=True) if not ok]
    if missed:
        print(f"  missed expected ({len(missed)}):")
        for e, _ in missed:
            sides = " | ".join(
                f"{s['file']} {s.get('fingerprint')} {s.get('figure')!r}" for s in e["sides"]
            )
            print(f"    {e['cat']}: {e['label']} :: {sides}")
    false = [
        (p, tag)
        for p, ok, tag in zip(result["placed"], result["matched"], result["tags"], strict=True)
        if not ok
    ]
    if false:
        print(f"  false findings ({len(false)}):")
        for p, tag in false:
            print(f"    {p.describe()}" + (f"\n      -> {tag}" if tag else ""))
    print()


def findings_key(p: Placed) -> tuple:
    return (p.relpath, p.finding.rule, p.finding.line, p.finding.column)


def run_stories(checker, sample: int, seed: int, jobs: int) -> dict:
    as_of = last_published(STORIES) + dt.timedelta(days=1)
    n_docs = sum(1 for _ in STORIES.rglob("*.md"))
    t0 = time.time()
    report = run_check(checker, [STORIES.relative_to(ROOT)], as_of, jobs=jobs)
    seconds = time.time() - t0
    claims = {c.id: c for c in report.claims}
    per_rule = collections.Counter(f"{f.rule} {f.name or f.kind}" for f in report.findings)
    rng = random.Random(seed)
    findings = list(report.findings)
    picked = rng.sample(findings, min(sample, len(findings))) if sample else []
    out_sample = []
    for f in picked:
        c = claims.get(f.claim)
        out_sample.append(
            dict(
                path=f.path,
                line=f.line,
                rule=f.rule,
                name=f.name or f.kind,
                message=f.message,
                claim=c.text if c else None,
                sentence=" ".join(c.sentence.split()) if c else None,
            )
        )
    return dict(
        documents=n_docs,
        as_of=as_of.isoformat(),
        seconds=round(seconds, 1),
        claims=len(report.claims),
        findings=len(findings),
        per_rule=dict(per_rule),
        sample=out_sample,
        notes=list(report.notes)[:10],
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-stories", action="store_true", help="skip corpus/stories")
    parser.add_argument(
        "--stories-sample",
        type=int,
        default=40,
        metavar="N",
        help="random findings of corpus/stories to print (default 40)",
    )
    parser.add_argument("--seed", type=int, default=13, help="seed of the stories sample")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the stories pass")
    parser.add_argument("--event", action="append", help="only this event (repeatable)")
    parser.add_argument("--no-combined", action="store_true", help="skip the all-events pass")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    if not CORPUS.is_dir():
        print(
            f"{CORPUS.relative_to(ROOT)} is absent. Build it with:\n"
            "    python bench/realnews/build.py"
        )
        return 0
    import checker  # noqa: PLC0415

    os.chdir(ROOT)  # paths in findings and messages relative to the project
    expected = load_expected()
    events = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    if args.event:
        events = [e for e in events if e in args.event]
    out: dict = {"events": {}, "combined": None, "stories": None}
    total: dict = {}
    per_event_keys = set()
    say = (lambda *a, **k: None) if args.json else print

    say("Pass 1: each event checked on its own\n")
    for event in events:
        spec = expected.get(event, dict(name=event, entries=[], traps=[]))
        folder = CORPUS / event
        as_of = last_published(folder) + dt.timedelta(days=1)
        t0 = time.time()
        report = run_check(checker, [folder.relative_to(ROOT)], as_of)
        seconds = time.time() - t0
        placed = place_all(report, CORPUS)
        for p in placed:
            p.event = p.event or event
        result = score_event(event, spec, placed)
        add(total, result["per_cat"])
        per_event_keys.update(findings_key(p) for p in placed)
        if not args.json:
            print_event(result, spec, as_of, seconds)
        out["events"][event] = dict(
            as_of=as_of.isoformat(),
            per_category=result["per_cat"],
            missed=[
                dict(cat=e["cat"], label=e["label"], sides=e["sides"])
                for e, ok in zip(result["entries"], result["found"], strict=True)
                if not ok
            ],
            false=[
                dict(
                    path=p.relpath,
                    line=p.finding.line,
                    rule=p.finding.rule,
                    name=p.finding.name,
                    message=p.finding.message,
                    claim=p.claim.text if p.claim else None,
                    tag=tag,
                )
                for p, ok, tag in zip(placed, result["matched"], result["tags"], strict=True)
                if not ok
            ],
        )
    out["overall"] = total
    say("== Overall, events checked separately")
    if not args.json:
        print_table(total)
        o = overall(total, SCORED)
        p, r = ratios(o)
        print(
            f"  targets: precision >= {TARGET_PRECISION:.2f} ({fmt(p)}), recall >= "
            f"{TARGET_RECALL:.2f} ({fmt(r)})\n"
        )

    if not args.no_combined and len(events) > 1:
        folders = [(CORPUS / e).relative_to(ROOT) for e in events]
        as_of = max(last_published(f) for f in folders) + dt.timedelta(days=1)
        t0 = time.time()
        report = run_check(checker, folders, as_of)
        seconds = time.time() - t0
        placed = place_all(report, CORPUS)
        by_event: dict[str, list] = collections.defaultdict(list)
        for p in placed:
            by_event[p.event].append(p)
        ctotal: dict = {}
        for event in events:
            spec = expected.get(event, dict(name=event, entries=[], traps=[]))
            add(ctotal, score_event(event, spec, by_event.get(event, []))["per_cat"])
        claims = {c.id: c for c in report.claims}
        cross = []
        for p in placed:
            related_events = set()
            for rid in p.finding.related or ():
                rc = claims.get(rid)
                if rc is not None and rc.path:
                    with contextlib.suppress(ValueError):
                        rel = Path(rc.path).resolve().relative_to(CORPUS.resolve())
                        related_events.add(rel.parts[0])
            new = findings_key(p) not in per_event_keys
            if new or (related_events - {p.event}):
                cross.append((p, new, sorted(related_events - {p.event})))
        gone = per_event_keys - {findings_key(p) for p in placed}
        out["combined"] = dict(
            as_of=as_of.isoformat(),
            findings=len(placed),
            per_category=ctotal,
            only_in_combined=sum(1 for _, new, _ in cross if new),
            cross_event=[
                dict(
                    path=p.relpath,
                    line=p.finding.line,
                    rule=p.finding.rule,
                    message=p.finding.message,
                    new=new,
                    related_events=rel,
                )
                for p, new, rel in cross
            ],
            missing_from_combined=[list(key) for key in sorted(gone)],
        )
        if not args.json:
            print(
                f"Pass 2: all {len(events)} events in one check; as_of {as_of}; "
                f"{len(placed)} findings; {seconds:.1f}s"
            )
            print_table(ctotal)
            print(
                f"  findings only in the combined run or citing another event: {len(cross)}; "
                f"per-event findings absent from the combined run: {len(gone)}"
            )
            for p, new, rel in cross:
                flags = ("new" if new else "") + (f" cites {', '.join(rel)}" if rel else "")
                print(f"    [{flags.strip()}] {p.describe()}")
            if gone:
                print("  per-event findings absent from the combined run (path:line:column rule):")
                for path, rule, line, column in sorted(gone):
                    print(f"    {path}:{line}:{column} {rule}")
            print()

    if not args.no_stories:
        if not STORIES.is_dir():
            say(f"{STORIES.relative_to(ROOT)} is absent (python bench/realnews/build.py)")
        else:
            s = run_stories(checker, args.stories_sample, args.seed, args.jobs)
            out["stories"] = s
            if not args.json:
                print(
                    f"Pass 3: corpus/stories: {s['documents']} stories, {s['claims']} claims, "
                    f"{s['findings']} findings "
                    f"({1000 * s['findings'] / max(s['documents'], 1):.1f} "
                    f"per 1,000 stories); as_of {s['as_of']}; {s['seconds']}s"
                )
                for rule, n in sorted(s["per_rule"].items(), key=lambda kv: -kv[1]):
                    print(f"  {n:>6}  {rule}")
                if s["notes"]:
                    print(f"  notes: {s['notes']}")
                print(
                    f"\n  random sample of {len(s['sample'])} findings (seed {args.seed}) "
                    "for judgement:"
                )
                for i, f in enumerate(s["sample"], 1):
                    path = f["path"]
                    with contextlib.suppress(ValueError, TypeError):
                        path = str(Path(path).resolve().relative_to(STORIES.resolve()))
                    print(f"  {i:>2}. {path}:{f['line']} {f['rule']} {f['name']} [{f['claim']}]")
                    print(f"      {f['message']}")
                    if f["sentence"]:
                        print(f"      | {f['sentence'][:300]}")
    if args.json:
        print(json.dumps(out, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
