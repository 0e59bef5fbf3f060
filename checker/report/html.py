"""The ``html`` format: one self-contained page that opens offline in any browser.

The page holds, in this order: a timeline chart per subject (measure, place, group), the
findings grouped by article, and the documents. Everything it needs is inside the file:
plotly.js is inlined once, the figures are plotly figures built with ``plotly.graph_objects``
and emitted as JSON, and a few lines of glue JavaScript pass them to ``Plotly.newPlot`` (when
a chart scrolls into view) and filter the findings. A Content-Security-Policy forbids any
network fetch.

The same report gives the same bytes: lists are sorted on total keys, element ids come from
those orders, and nothing depends on the clock, the machine or a random generator (plotly
trace ``uid``\\ s are never emitted).

This module imports jinja2 and plotly (about 0.3 s with the first figure); the registry
imports it only when ``html`` is asked for, so other formats do not pay for them. Figures
and subjects are worded by :mod:`checker.wording`, as in every other format; the charts are
built in :mod:`.charts`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources

import jinja2
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from ..model import LEVELS, Claim, Document, Finding, Report
from ..wording import format_figure, subject_label
from .charts import (
    BASE_LAYOUT,
    CONFIG,
    FINDING_SHAPES,
    NO_SOURCE,
    OTHER_FINDING_SHAPE,
    SubjectChart,
    figure_json,
    source_styles,
)
from .order import claim_key, document_key, finding_key

TEMPLATE = "report.html.j2"
MODES = ("check", "extract")


# Order: total keys, as every renderer sorts (the same report gives the same bytes).


def _text(value: object) -> str:
    return "" if value is None else str(value)


# The page's content, prepared for the template.


def _marked(claim: Claim, document: Document | None) -> tuple[str, str, str]:
    """The sentence split around the figure: (before, figure, after)."""
    sentence = claim.sentence
    at = -1
    if document is not None:
        text = document.text
        begin = max(0, claim.start - len(sentence))
        start = text.find(sentence, begin, claim.end + len(sentence))
        if start != -1 and start <= claim.start and claim.end <= start + len(sentence):
            at = claim.start - start
    if at == -1 or sentence[at : at + len(claim.text)] != claim.text:
        at = sentence.find(claim.text)
    if at == -1:
        return sentence, "", ""
    end = at + len(claim.text)
    return sentence[:at], sentence[at:end], sentence[end:]


def _published(document: Document) -> str:
    return document.published.isoformat() if document.published else ""


def _claim_view(claim: Claim, documents: dict[str, Document], anchors: dict[str, str]) -> dict:
    document = documents.get(claim.path or "")
    return {
        "id": claim.id,
        "text": claim.text,
        "figure": format_figure(claim),
        "date": claim.as_of.isoformat() if claim.as_of else "undated",
        "source": claim.source or NO_SOURCE,
        "path": claim.path,
        "line": claim.line,
        "title": (document.title if document else None) or claim.path or "untitled",
        "subject": subject_label(claim),
        "anchor": anchors.get(claim.subject, ""),
        "missing": False,
    }


def _context(report: Report, mode: str, as_of: dt.date | None) -> dict:
    documents = sorted(report.documents, key=document_key)
    claims = tuple(sorted(report.claims, key=claim_key))
    findings = () if mode == "extract" else tuple(sorted(report.findings, key=finding_key))
    by_path = {document.path: document for document in documents}
    by_id = {claim.id: claim for claim in claims if claim.id}
    findings_by_claim: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.claim:
            findings_by_claim[finding.claim].append(finding)

    subjects: dict[str, SubjectChart] = {}
    for claim in claims:
        key = claim.subject
        if key not in subjects:
            subjects[key] = SubjectChart(key, subject_label(claim), claim.unit)
        subjects[key].claims.append(claim)
        subjects[key].findings.extend(findings_by_claim.get(claim.id or "", ()))
    ordered = sorted(
        subjects.values(), key=lambda s: (-len(s.findings), -len(s.claims), s.label, s.key)
    )
    for number, subject in enumerate(ordered, 1):
        subject.anchor = f"subject-{number}"
    anchors = {subject.key: subject.anchor for subject in ordered}

    styles = source_styles(claims)
    figures: dict[str, dict] = {}
    subject_views = []
    for subject in ordered:
        dated = subject.dated
        if dated:
            figures[subject.anchor] = figure_json(subject, by_path, styles, findings_by_claim)
        kinds = Counter(f.kind for f in subject.findings)
        subject_views.append(
            {
                "anchor": subject.anchor,
                "label": subject.label,
                "claims": len(subject.claims),
                "points": len(dated),
                "undated": subject.undated,
                "findings": len(subject.findings),
                "kinds": sorted(kinds.items()),
                "chart": bool(dated),
            }
        )

    rule_names = {finding.rule: finding.name for finding in findings}
    for rule in report.rules:  # config.Rule, read by duck typing
        rule_id, name = getattr(rule, "id", None), getattr(rule, "name", None)
        if rule_id and name and rule_names.get(rule_id) is None and rule_id in rule_names:
            rule_names[rule_id] = name
    articles = []
    by_article: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_article[finding.path or ""].append(finding)
    for path in sorted(by_article):
        document = by_path.get(path)
        items = []
        for finding in by_article[path]:
            claim = by_id.get(finding.claim or "")
            before, figure, after = _marked(claim, document) if claim else ("", "", "")
            related = [
                _claim_view(by_id[rid], by_path, anchors)
                if rid in by_id
                else {"id": rid, "missing": True}
                for rid in finding.related
            ]
            items.append(
                {
                    "rule": finding.rule,
                    "name": finding.name or rule_names.get(finding.rule) or "",
                    "kind": finding.kind,
                    "level": finding.level,
                    "message": finding.message,
                    "line": finding.line,
                    "column": finding.column,
                    "claim": _claim_view(claim, by_path, anchors) if claim else None,
                    "before": before,
                    "mark": figure,
                    "after": after,
                    "related": related,
                    "subject": subject_label(claim) if claim else "none",
                    "source": (claim.source or NO_SOURCE) if claim else NO_SOURCE,
                }
            )
        articles.append(
            {
                "path": path or "(no file)",
                "title": (document.title if document else None) or "untitled",
                "published": _published(document) if document else "",
                "source": (document.source if document else None) or "",
                "findings": items,
            }
        )

    counts = Counter(claim.path for claim in claims)
    undated = Counter(claim.path for claim in claims if claim.as_of is None)
    document_views = [
        {
            "path": document.path,
            "title": document.title or "",
            "published": _published(document),
            "published_from": document.published_from or "",
            "source": document.source or "",
            "url": document.url or "",
            "claims": counts.get(document.path, 0),
            "undated_claims": undated.get(document.path, 0) if document.published is None else 0,
        }
        for document in documents
    ]
    levels = Counter(finding.level for finding in findings)
    filters = {
        "level": [level for level in LEVELS if levels[level]],
        "rule": sorted({(f.rule, f.name or rule_names.get(f.rule) or "") for f in findings}),
        "subject": sorted({item["subject"] for a in articles for item in a["findings"]}),
        "source": sorted(
            {item["source"] for a in articles for item in a["findings"]},
            key=lambda s: (s == NO_SOURCE, s),
        ),
    }
    return {
        "mode": mode,
        "as_of": as_of.isoformat() if as_of else "",
        "summary": {
            "documents": len(documents),
            "claims": len(claims),
            "dated": sum(1 for c in claims if c.as_of is not None),
            "findings": len(findings),
            "levels": [(level, levels[level]) for level in LEVELS],
        },
        "notes": list(report.notes),
        "charted": [s for s in subject_views if s["findings"]],
        "others": [s for s in subject_views if not s["findings"]],
        "articles": articles,
        "filters": filters,
        "documents": document_views,
        "finding_shapes": [
            (kind, FINDING_SHAPES.get(kind, OTHER_FINDING_SHAPE))
            for kind in sorted({f.kind for f in findings})
        ],
        "chart_data": {"layout": BASE_LAYOUT, "config": CONFIG, "figures": figures},
    }


def _script_json(value) -> str:
    """JSON to sit inside a <script> element: "</" and "<!--" cannot occur in it, so the
    element cannot end early or change state; every other character is as json writes it."""
    text = json.dumps(
        value, ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":")
    )
    return Markup(text.replace("</", "<\\/").replace("<!--", "<\\u0021--"))


@lru_cache(maxsize=1)
def _template():
    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = _script_json
    source = resources.files(__package__).joinpath("templates", TEMPLATE).read_text("utf-8")
    return env.from_string(source)


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    # Inside <script>, only "</script" could end the element early; plotly.js has none, but
    # a future bundle must not break the page.
    return get_plotlyjs().replace("</script", "<\\/script")


def render(
    report: Report,
    *,
    console: object = None,
    mode: str = "check",
    as_of: dt.date | None = None,
) -> str:
    """Renderer entry point: the page as text. ``console`` is not used."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; known modes: {', '.join(MODES)}")
    context = _context(report, mode, as_of)
    return _template().render(plotly_js=_plotly_js(), **context)
