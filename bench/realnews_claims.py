"""Score ``checker.extract`` on the real-news claim gold (bench/realnews/claims_gold_*.yaml).

Usage:
    python bench/realnews_claims.py                 # both gold files, text report
    python bench/realnews_claims.py --show 10       # plus up to 10 misses per field
    python bench/realnews_claims.py --gold bench/realnews/claims_gold_b.yaml --json

How it reads the corpus (as the product does): every article of ``corpus/realnews`` that a gold
item names is extracted ONCE, whole (``checker.extract(body, published=<front matter date>)``),
so attribution from neighbouring sentences and carried places work as in real use. The body is
the file text after the front matter, cut exactly as ``bench/realnews/fingerprint.py`` cuts it.
Each gold sentence (file + fingerprint) is located in the body: the sentences of
``fingerprint.sentences(body)`` are found in order in the body text (whitespace-flexible), giving
a character span; the predicted claims of that sentence are those whose ``start`` falls inside
the span. A sentence whose fingerprint occurs twice in one file is taken in order of the items.

Matching, per sentence, one-to-one: a predicted claim matches a gold claim when their values
agree (relative tolerance 1e-6; the predicted ``low`` counts too when the prediction is a range
or a vague amount, since gold keeps the low end of ranges and vague words; gold fractions such
as 0.667 match within 0.001). When several candidates agree, the one nearest to the gold
figure's position in the sentence wins (and one whose text contains the figure is preferred).

Figures:
  value      P/R/F1: predicted claims inside gold sentences vs gold claims.
  measure    P/R/F1 over gold claims whose measure is not null. End to end: a gold measure
             whose claim was not extracted is a miss; a predicted measure on a gold-null claim,
             on a claim that is not in gold, or differing from gold is a false positive. Gold
             measures that our vocabulary (rules/vocabulary/measures.yaml) lacks -- homeless,
             rescued, survivors, affected, hostages_held, hostages_released -- are misses unless
             we predict that very name. Mapping of names: identity (MEASURE_ALIASES is empty by
             choice). A second figure reads gold ``homeless`` as our ``displaced`` (our
             vocabulary lists "homeless" as a word of displaced), for information.
             The "matched" figure restricts to value-matched claims.
  modality   accuracy on matched claims (``getattr(claim, "modality", "reported")``).
  attribution  accuracy on matched claims: gold source null vs not agrees with ours;
             source string agreement (loose): case-insensitive overlap of content tokens,
             on matched claims where both have a source.
  as_of      accuracy on matched claims whose gold as_of is set: exact date. A +-1 day
             allowance applies only when a gold file's header comments document one (neither
             does at the time of writing; the script looks for "+-1 day"/"±1 day" in the header
             and prints what it found). The +-1 day figure is also printed for information.
  location   P/R/F1 (end to end like measure, over all gold claims): equal after normalising:
             case-insensitive, accents removed (Galtür = Galtur), a leading "the", a trailing
             "'s", and trailing "province"/"district"/"county"/"city"/"village(s)"/"region"
             removed; aliases in LOCATION_ALIASES (Galtuer -> Galtur, New York City -> New York,
             PNG -> Papua New Guinea).
  event_date share of gold claims with event_date set that our extraction marks as historical
             (a claim ``event_date``/``historical`` attribute, or ``event`` in historical/past).

Targets (issue 13): measure F1 >= 0.92, modality >= 0.95, attribution >= 0.90, as-of >= 0.90,
location F1 >= 0.85.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "realnews"
GOLD_DIR = ROOT / "bench" / "realnews"
DEFAULT_GOLD = [GOLD_DIR / "claims_gold_a.yaml", GOLD_DIR / "claims_gold_b.yaml"]

sys.path.insert(0, str(GOLD_DIR))
from fingerprint import fingerprint, sentences  # noqa: E402

TARGETS = {
    "measure_f1": 0.92,
    "modality_accuracy": 0.95,
    "attribution_accuracy": 0.90,
    "as_of_accuracy": 0.90,
    "location_f1": 0.85,
}

# gold measure name -> our measure name. Identity by default (see the module docstring).
MEASURE_ALIASES: dict[str, str] = {}
LENIENT_MEASURE_ALIASES = {"homeless": "displaced"}

LOCATION_ALIASES = {
    "galtuer": "galtur",
    "new york city": "new york",
    "nyc": "new york",
    "png": "papua new guinea",
}
_LOCATION_SUFFIXES = ("province", "district", "county", "city", "villages", "village", "region")

_SOURCE_STOP = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "in",
    "on",
    "at",
    "for",
    "to",
    "by",
    "its",
    "his",
    "her",
    "their",
    "said",
    "says",
    "told",
    "according",
    "s",
    "here",
    "some",
    "other",
    "via",
}

VALUE_TOL = 1e-6
FRACTION_TOL = 1e-3


# ---------------------------------------------------------------- corpus


def split_front_matter(text: str) -> tuple[dict, str]:
    """Front matter (as a dict) and the body, cut as fingerprint.py cuts it."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            meta = yaml.safe_load(text[3:end]) or {}
            return (meta if isinstance(meta, dict) else {}), text[end + 4 :]
    return {}, text


def sentence_spans(body: str) -> list[tuple[str, int, int]]:
    """(fingerprint, start, end) of each fingerprint.py sentence, located in ``body``."""
    spans = []
    cursor = 0
    for sent in sentences(body):
        pattern = r"\s+".join(re.escape(tok) for tok in sent.split())
        m = re.compile(pattern).search(body, cursor)
        if m is None:  # should not happen; keep going without a span
            spans.append((fingerprint(sent), -1, -1))
            continue
        spans.append((fingerprint(sent), m.start(), m.end()))
        cursor = m.end()
    return spans


class Article:
    def __init__(self, rel: str):
        self.rel = rel
        self.path = CORPUS / rel
        raw = self.path.read_text(encoding="utf-8")
        self.meta, self.body = split_front_matter(raw)
        published = self.meta.get("published")
        self.published = published.isoformat() if isinstance(published, dt.date) else published
        self.spans = sentence_spans(self.body)
        self._taken: collections.Counter = collections.Counter()
        self.claims = None
        self.starts: list[int] = []

    def extract(self, checker) -> None:
        self.claims = sorted(
            checker.extract(self.body, published=self.published), key=lambda c: c.start
        )
        self.starts = [c.start for c in self.claims]

    def locate(self, fp: str) -> tuple[int, int] | None:
        """The span of the next unused occurrence of sentence ``fp``."""
        found = [(s, e) for f, s, e in self.spans if f == fp and s >= 0]
        if not found:
            return None
        k = self._taken[fp]
        self._taken[fp] += 1
        return found[min(k, len(found) - 1)]

    def claims_in(self, start: int, end: int) -> list:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.claims[lo:hi]


# ---------------------------------------------------------------- normalisation


def strip_accents(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def norm_location(loc) -> str | None:
    if loc is None:
        return None
    text = strip_accents(str(loc)).casefold().strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"['’]s$", "", text)
    for suffix in _LOCATION_SUFFIXES:
        if text.endswith(" " + suffix):
            text = text[: -len(suffix) - 1].strip()
            break
    return LOCATION_ALIASES.get(text, text) or None


def source_tokens(source: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", strip_accents(source).casefold().replace("’", "'"))
    return {w for w in words if w not in _SOURCE_STOP}


def sources_agree(gold: str, ours: str) -> bool:
    return bool(source_tokens(gold) & source_tokens(ours))


def as_date(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def pred_measure(claim):
    return getattr(claim, "measure", None)


def pred_modality(claim) -> str:
    return getattr(claim, "modality", None) or "reported"


def pred_source(claim):
    source = getattr(claim, "source", None)
    if source is None:
        attribution = getattr(claim, "attribution", None)
        source = getattr(attribution, "source", None) if attribution else None
    return source


def pred_historical(claim) -> bool:
    for name in ("event_date", "historical"):
        if getattr(claim, name, None):
            return True
    return getattr(claim, "event", None) in ("historical", "past", "other")


def values_agree(gold: dict, claim) -> bool:
    target = float(gold["value"])
    candidates = [claim.value]
    if getattr(claim, "qualifier", None) in ("range", "vague") and claim.low is not None:
        candidates.append(claim.low)
    for value in candidates:
        if value is None:
            continue
        value = float(value)
        if gold.get("unit") == "fraction" and abs(value - target) <= FRACTION_TOL:
            return True
        if abs(value - target) <= VALUE_TOL * max(1.0, abs(target)):
            return True
    return False


def figure_position(body: str, start: int, end: int, figure: str, nth: int) -> int | None:
    pattern = r"\s+".join(re.escape(tok) for tok in str(figure).split())
    hits = [m.start() for m in re.finditer(pattern, body[start:end], re.IGNORECASE)]
    if not hits:
        return None
    return start + hits[min(nth, len(hits) - 1)]


# ---------------------------------------------------------------- scoring


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
    }


def acc(right: int, total: int) -> dict:
    return {"right": right, "total": total, "accuracy": round(right / total, 4) if total else 0.0}


def header_allowance(path: Path) -> tuple[int, bool, str]:
    """A +-N day as_of allowance documented in the gold header comments, if any."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    header = " ".join(lines)
    m = re.search(r"(?:±|\+/-|\+-|plus or minus)\s*(\d+|one)\s*day", header, re.IGNORECASE)
    if not m:
        return 0, False, "none documented"
    days = 1 if m.group(1).lower() == "one" else int(m.group(1))
    # an outlet restriction such as "for AP" nearby
    near = header[max(0, m.start() - 120) : m.end() + 120]
    ap_only = bool(re.search(r"\bAP\b", near))
    return days, ap_only, f"±{days} day(s)" + (" (AP stories only)" if ap_only else "")


def run(gold_paths: list[Path], checker) -> dict:
    articles: dict[str, Article] = {}
    rows = []  # one per gold claim, and one per unmatched prediction
    not_found = []
    allowances = {}
    for gpath in gold_paths:
        data = yaml.safe_load(gpath.read_text(encoding="utf-8"))
        days, ap_only, allowance_text = header_allowance(gpath)
        allowances[gpath.name] = allowance_text
        for item in data.get("items") or []:
            rel = item["file"]
            if rel not in articles:
                if not (CORPUS / rel).is_file():
                    not_found.append((rel, item["sentence"], "file missing"))
                    continue
                art = Article(rel)
                art.extract(checker)
                articles[rel] = art
            art = articles[rel]
            allow = days if (days and (not ap_only or "-apw-" in rel)) else 0
            span = art.locate(str(item["sentence"]))
            if span is None:
                not_found.append((rel, item["sentence"], "sentence not found"))
                for gold in item.get("claims") or []:
                    rows.append(
                        dict(
                            file=rel, words=item.get("words"), gold=gold, pred=None, allowance=allow
                        )
                    )
                continue
            start, end = span
            preds = art.claims_in(start, end)
            golds = list(item.get("claims") or [])
            # candidate pairs
            seen_fig: collections.Counter = collections.Counter()
            gold_pos = []
            for g in golds:
                fig = str(g.get("figure", ""))
                gold_pos.append(figure_position(art.body, start, end, fig, seen_fig[fig.lower()]))
                seen_fig[fig.lower()] += 1
            pairs = []
            for gi, g in enumerate(golds):
                for pi, p in enumerate(preds):
                    if not values_agree(g, p):
                        continue
                    contains = str(g.get("figure", "")).lower() in p.text.lower()
                    pos = gold_pos[gi]
                    dist = abs(p.start - pos) if pos is not None else abs(gi - pi) * 1000
                    pairs.append((0 if contains else 1, dist, gi, pi))
            pairs.sort()
            gmatch: dict[int, int] = {}
            pused: set[int] = set()
            for _, _, gi, pi in pairs:
                if gi in gmatch or pi in pused:
                    continue
                gmatch[gi] = pi
                pused.add(pi)
            for gi, g in enumerate(golds):
                p = preds[gmatch[gi]] if gi in gmatch else None
                rows.append(
                    dict(
                        file=rel,
                        words=item.get("words"),
                        gold=g,
                        pred=p,
                        allowance=allow,
                        sentence=art.body[start:end],
                    )
                )
            for pi, p in enumerate(preds):
                if pi not in pused:
                    rows.append(
                        dict(
                            file=rel,
                            words=item.get("words"),
                            gold=None,
                            pred=p,
                            allowance=0,
                            sentence=art.body[start:end],
                        )
                    )
    return score(rows, not_found, allowances, len(articles))


def score(rows, not_found, allowances, n_articles) -> dict:
    misses = collections.defaultdict(list)
    confusions = collections.defaultdict(collections.Counter)

    def miss(field, row, gold_val, our_val):
        misses[field].append(
            dict(
                file=row["file"],
                words=row["words"],
                figure=(row["gold"] or {}).get("figure"),
                ours=row["pred"].text if row["pred"] is not None else None,
                gold_value=gold_val,
                our_value=our_val,
                sentence=row.get("sentence"),
            )
        )
        confusions[field][(str(gold_val), str(our_val))] += 1

    # value
    tp = sum(1 for r in rows if r["gold"] is not None and r["pred"] is not None)
    fn = sum(1 for r in rows if r["gold"] is not None and r["pred"] is None)
    fp = sum(1 for r in rows if r["gold"] is None)
    out = {
        "articles": n_articles,
        "gold_claims": tp + fn,
        "sentences_not_found": [list(x) for x in not_found],
        "as_of_allowance": allowances,
        "value": prf(tp, fp, fn),
    }
    for r in rows:
        if r["gold"] is not None and r["pred"] is None:
            miss("value", r, r["gold"].get("value"), None)
        elif r["gold"] is None:
            miss("value", r, None, f"{r['pred'].text} = {r['pred'].value:g}")

    def measure_prf(aliases, matched_only, record):
        tp = fp = fn = 0
        for r in rows:
            g, p = r["gold"], r["pred"]
            if matched_only and (g is None or p is None):
                continue
            gm = g.get("measure") if g else None
            gm_mapped = aliases.get(gm, gm) if gm else None
            pm = pred_measure(p) if p is not None else None
            if gm is not None and pm is not None and pm == gm_mapped:
                tp += 1
                continue
            if gm is not None:
                fn += 1
            if pm is not None:
                fp += 1
            if record and (gm is not None or pm is not None):
                miss("measure", r, gm, pm)
        return prf(tp, fp, fn)

    out["measure"] = measure_prf(MEASURE_ALIASES, False, True)
    out["measure_matched"] = measure_prf(MEASURE_ALIASES, True, False)
    out["measure_homeless_as_displaced"] = measure_prf(
        {**MEASURE_ALIASES, **LENIENT_MEASURE_ALIASES}, False, False
    )

    matched = [r for r in rows if r["gold"] is not None and r["pred"] is not None]

    # modality
    right = 0
    for r in matched:
        gm, pm = r["gold"].get("modality") or "reported", pred_modality(r["pred"])
        if gm == pm:
            right += 1
        else:
            miss("modality", r, gm, pm)
    out["modality"] = acc(right, len(matched))
    out["modality_gold_counts"] = dict(
        collections.Counter((r["gold"].get("modality") or "reported") for r in matched)
    )

    # attribution
    right = 0
    both = agree = 0
    for r in matched:
        gs, ps = r["gold"].get("source"), pred_source(r["pred"])
        if (gs is None) == (ps is None):
            right += 1
        else:
            miss("attribution", r, gs, ps)
        if gs is not None and ps is not None:
            both += 1
            if sources_agree(str(gs), str(ps)):
                agree += 1
            else:
                miss("source_string", r, gs, ps)
    out["attribution"] = acc(right, len(matched))
    out["source_string"] = acc(agree, both)

    # as_of
    right = right1 = total = 0
    for r in matched:
        ga = as_date(r["gold"].get("as_of"))
        if ga is None:
            continue
        total += 1
        pa = as_date(getattr(r["pred"], "as_of", None))
        diff = abs((pa - ga).days) if pa is not None else None
        if diff is not None and diff <= r["allowance"]:
            right += 1
        else:
            miss("as_of", r, ga.isoformat(), pa.isoformat() if pa else None)
        if diff is not None and diff <= 1:
            right1 += 1
    out["as_of"] = acc(right, total)
    out["as_of_within_1_day_info"] = acc(right1, total)

    # location
    def location_prf(matched_only, record):
        tp = fp = fn = 0
        for r in rows:
            g, p = r["gold"], r["pred"]
            if matched_only and (g is None or p is None):
                continue
            gl = norm_location(g.get("location")) if g else None
            pl = norm_location(getattr(p, "location", None)) if p is not None else None
            if gl is not None and gl == pl:
                tp += 1
                continue
            if gl is not None:
                fn += 1
            if pl is not None:
                fp += 1
            if record and (gl is not None or pl is not None) and g is not None:
                miss("location", r, g.get("location"), getattr(p, "location", None) if p else None)
        return prf(tp, fp, fn)

    out["location"] = location_prf(False, True)
    out["location_matched"] = location_prf(True, False)

    # event_date
    with_date = [r for r in rows if r["gold"] is not None and r["gold"].get("event_date")]
    marked = 0
    for r in with_date:
        if r["pred"] is not None and pred_historical(r["pred"]):
            marked += 1
        else:
            miss(
                "event_date",
                r,
                str(r["gold"].get("event_date")),
                "not extracted" if r["pred"] is None else "not historical",
            )
    out["event_date"] = acc(marked, len(with_date))
    out["event_date_matched"] = acc(marked, sum(1 for r in with_date if r["pred"] is not None))
    false_hist = sum(
        1 for r in matched if not r["gold"].get("event_date") and pred_historical(r["pred"])
    )
    out["event_date_false_marks"] = false_hist

    out["targets"] = {
        "measure_f1": (out["measure"]["f1"], TARGETS["measure_f1"]),
        "modality_accuracy": (out["modality"]["accuracy"], TARGETS["modality_accuracy"]),
        "attribution_accuracy": (out["attribution"]["accuracy"], TARGETS["attribution_accuracy"]),
        "as_of_accuracy": (out["as_of"]["accuracy"], TARGETS["as_of_accuracy"]),
        "location_f1": (out["location"]["f1"], TARGETS["location_f1"]),
    }
    out["_misses"] = misses
    out["_confusions"] = confusions
    return out


# ---------------------------------------------------------------- output


def _mark(value: float, target: float) -> str:
    return "meets" if value >= target else "below"


def print_report(out: dict, show: int) -> None:
    v = out["value"]
    print(f"Real-news claim gold: {out['gold_claims']} gold claims in {out['articles']} articles")
    if out["sentences_not_found"]:
        print(f"  gold sentences not found in the corpus: {len(out['sentences_not_found'])}")
        for rel, fp, why in out["sentences_not_found"][:10]:
            print(f"    {rel} {fp}: {why}")
    print()
    print(f"{'field':<34} {'figure':>8}   {'target':>7}")

    def line(name, value, target=None, extra=""):
        t = f">= {target:.2f} {_mark(value, target)}" if target is not None else ""
        print(f"{name:<34} {value:>8.3f}   {t:<14} {extra}")

    line("value P", v["precision"], extra=f"tp {v['tp']} fp {v['fp']} fn {v['fn']}")
    line("value R", v["recall"])
    line("value F1", v["f1"])
    m = out["measure"]
    line("measure P", m["precision"], extra=f"tp {m['tp']} fp {m['fp']} fn {m['fn']}")
    line("measure R", m["recall"])
    line("measure F1", m["f1"], TARGETS["measure_f1"])
    mm = out["measure_matched"]
    line(
        "  measure F1, matched claims only",
        mm["f1"],
        extra=f"P {mm['precision']:.3f} R {mm['recall']:.3f}",
    )
    ml = out["measure_homeless_as_displaced"]
    line("  measure F1, homeless=displaced", ml["f1"], extra="(information)")
    mo = out["modality"]
    line(
        "modality accuracy",
        mo["accuracy"],
        TARGETS["modality_accuracy"],
        f"{mo['right']}/{mo['total']} matched; gold {out['modality_gold_counts']}",
    )
    at = out["attribution"]
    line(
        "attribution accuracy",
        at["accuracy"],
        TARGETS["attribution_accuracy"],
        f"{at['right']}/{at['total']} matched (has-source agreement)",
    )
    ss = out["source_string"]
    line(
        "  source string agreement",
        ss["accuracy"],
        extra=f"{ss['right']}/{ss['total']} where both have one",
    )
    ao = out["as_of"]
    allow = "; ".join(f"{k}: {v}" for k, v in out["as_of_allowance"].items())
    line(
        "as-of accuracy",
        ao["accuracy"],
        TARGETS["as_of_accuracy"],
        f"{ao['right']}/{ao['total']} matched, gold as_of set (allowance: {allow})",
    )
    a1 = out["as_of_within_1_day_info"]
    line(
        "  as-of within 1 day",
        a1["accuracy"],
        extra=f"{a1['right']}/{a1['total']} (information only)",
    )
    lo = out["location"]
    line("location P", lo["precision"], extra=f"tp {lo['tp']} fp {lo['fp']} fn {lo['fn']}")
    line("location R", lo["recall"])
    line("location F1", lo["f1"], TARGETS["location_f1"])
    lm = out["location_matched"]
    line(
        "  location F1, matched claims only",
        lm["f1"],
        extra=f"P {lm['precision']:.3f} R {lm['recall']:.3f}",
    )
    ed = out["event_date"]
    line(
        "event_date marked historical",
        ed["accuracy"],
        extra=f"{ed['right']}/{ed['total']} gold claims with event_date "
        f"({out['event_date_matched']['right']}/{out['event_date_matched']['total']} of matched); "
        f"{out['event_date_false_marks']} gold-current claims marked historical",
    )

    print()
    print("Most common disagreements per field (gold -> ours: count):")
    for field in ("value", "measure", "modality", "attribution", "as_of", "location", "event_date"):
        conf = out["_confusions"].get(field)
        if not conf:
            continue
        total = sum(conf.values())
        if field == "value":
            fn = sum(c for (g, o), c in conf.items() if o == "None")
            print(f"  value: {fn} gold claims not extracted, {total - fn} extra predictions")
            continue
        top = ", ".join(f"{g} -> {o}: {c}" for (g, o), c in conf.most_common(8))
        print(f"  {field} ({total}): {top}")

    if show:
        print()
        for field in (
            "value",
            "measure",
            "modality",
            "attribution",
            "source_string",
            "as_of",
            "location",
            "event_date",
        ):
            items = out["_misses"].get(field) or []
            if not items:
                continue
            print(f"--- {field}: {len(items)} misses, first {min(show, len(items))}")
            for m in items[:show]:
                print(f"  {m['file']}  [{m['words']}]")
                print(
                    f"      figure {m['figure']!r} (ours {m['ours']!r}): "
                    f"gold {m['gold_value']!r} vs ours {m['our_value']!r}"
                )
                if m.get("sentence"):
                    s = " ".join(m["sentence"].split())
                    print(f"      | {s[:240]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--gold",
        action="append",
        type=Path,
        help="gold file (repeatable; default both claims_gold_a/b.yaml)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--show", type=int, default=0, metavar="N", help="print up to N misses per field"
    )
    args = parser.parse_args(argv)

    if not CORPUS.is_dir():
        print(
            f"{CORPUS.relative_to(ROOT)} is absent. Build it with:\n"
            "    python bench/realnews/build.py --only events"
        )
        return 0
    import checker  # noqa: PLC0415  (import late: the corpus check needs no package)

    out = run(args.gold or DEFAULT_GOLD, checker)
    if args.json:
        misses = out.pop("_misses")
        out.pop("_confusions")
        if args.show:
            out["misses"] = {
                k: [{kk: vv for kk, vv in m.items() if kk != "sentence"} for m in v[: args.show]]
                for k, v in misses.items()
            }
        print(json.dumps(out, indent=2, default=str))
    else:
        print_report(out, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
