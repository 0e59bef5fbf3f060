"""Timeline charts for the html format: one plotly figure per subject, as JSON.

x is the as-of date and y the figure; each figure is a point with its qualifier's interval as
an error bar, coloured and shaped by source; findings are rings on their points; running
totals are joined by a line. plotly (graph_objects) builds the figures; nothing here
writes SVG or JavaScript."""

from __future__ import annotations

import datetime as dt
import html as _html
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import plotly.graph_objects as go

from ..model import LEVELS, Claim, Document, Finding
from ..wording import format_figure, unit_words
from .order import claim_key

NO_SOURCE = "no source"


def escape(text: str) -> str:
    """Text for plotly labels, which read a few HTML tags: shown as written, never markup."""
    return _html.escape(text, quote=False)


# Source colours and shapes: ten colours, then the next shape. "no source" is grey.
COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#ad494a",
)


SHAPES = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon")


NO_SOURCE_STYLE = ("#7f7f7f", "circle")


# Findings: a ring around the point, its shape by kind and its colour by level.
FINDING_SHAPES = {
    "contradiction": "circle-open",
    "stale": "hourglass-open",
    "unattributed": "diamond-open",
    "conversion": "square-open",
}


OTHER_FINDING_SHAPE = "star-open"


LEVEL_COLOURS = {"error": "#d62728", "warning": "#e69500", "suggestion": "#1f9bd6"}


@dataclass
class SubjectChart:
    key: str
    label: str
    unit: str | None
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    anchor: str = ""

    @property
    def dated(self) -> list[Claim]:
        return [claim for claim in self.claims if claim.as_of is not None]

    @property
    def undated(self) -> int:
        return sum(1 for claim in self.claims if claim.as_of is None)


def source_styles(claims: tuple[Claim, ...]) -> dict[str, tuple[str, str]]:
    """A colour and a shape per source, the same in every chart: sources by claim count."""
    counts = Counter(claim.source for claim in claims if claim.source)
    ordered = sorted(counts, key=lambda source: (-counts[source], source))
    styles = {
        source: (COLOURS[i % len(COLOURS)], SHAPES[(i // len(COLOURS)) % len(SHAPES)])
        for i, source in enumerate(ordered)
    }
    styles[NO_SOURCE] = NO_SOURCE_STYLE
    return styles


@lru_cache(maxsize=4096)
def _wrapped(text: str, width: int = 80) -> str:
    """Escaped, in lines of at most ``width`` characters (a longer word keeps its line)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "<br>".join(escape(line) for line in lines)


def _hover(claim: Claim, document: Document | None, notes: list[str]) -> str:
    title = (document.title if document else None) or claim.path or "untitled"
    lines = [
        f"<b>{escape(format_figure(claim))}</b>  {claim.as_of.isoformat() if claim.as_of else ''}",
        f"source: {escape(claim.source or NO_SOURCE)}",
        _wrapped(title),
        "<i>" + _wrapped(claim.sentence) + "</i>",
    ]
    lines += [_wrapped(note) for note in notes]
    return "<br>".join(lines)


def _bounds(claim: Claim) -> tuple[float | None, float | None]:
    """The interval the qualifier allows; None for an open end."""
    if claim.qualifier == "exact":
        return claim.value, claim.value
    return claim.low, claim.high


def _axis(claims: list[Claim]) -> dict:
    """The y axis: linear from zero, or log when the figures span three orders of magnitude.
    Its range is fixed so that an open-ended interval can run to the chart's edge."""
    values = [float(c.value) for c in claims]
    ends = [x for c in claims for x in _bounds(c) if x is not None] + values
    low, high = min(ends), max(ends)
    if low > 0 and high / low >= 1000:
        bottom, top = math.log10(low) - 0.3, math.log10(high) + 0.3
        return {"type": "log", "range": [bottom, top], "dtick": 1 if top - bottom < 8 else 2}
    span = (high - min(low, 0)) or abs(high) or 1.0
    bottom = min(low, 0) - (0.08 * span if low < 0 else 0)
    return {"type": "linear", "range": [bottom, high + 0.15 * span]}


def _error_bars(claims: list[Claim], axis: dict) -> dict:
    """Per point, how far the interval reaches above and below the figure."""
    bottom, top = axis["range"]
    if axis["type"] == "log":
        bottom, top = 10**bottom, 10**top
    plus, minus = [], []
    for claim in claims:
        low, high = _bounds(claim)
        value = float(claim.value)
        plus.append(round((top if high is None else high) - value, 6))
        minus.append(round(value - (bottom if low is None else low), 6))
    return {
        "type": "data",
        "symmetric": False,
        "array": plus,
        "arrayminus": minus,
        "thickness": 1.5,
        "width": 4,
    }


def figure_json(
    subject: SubjectChart,
    documents: dict[str, Document],
    styles: dict[str, tuple[str, str]],
    findings_by_claim: dict[str, list[Finding]],
) -> dict:
    """The subject's timeline as a plotly figure (data and layout, no template)."""
    axis_title = unit_words(subject.unit) if subject.unit else "count"
    dated = sorted(
        subject.dated, key=lambda c: (c.as_of, c.source or "", float(c.value), claim_key(c))
    )
    axis = _axis(dated)
    traces = []
    totals = [claim for claim in dated if claim.event == "cumulative"]
    if len(totals) > 1:
        traces.append(
            go.Scatter(
                x=[c.as_of.isoformat() for c in totals],
                y=[float(c.value) for c in totals],
                mode="lines",
                name="running total",
                line={"color": "#999999", "width": 1.5, "dash": "dot"},
                hoverinfo="skip",
                meta="total",
            )
        )
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for claim in dated:
        by_source[claim.source or NO_SOURCE].append(claim)
    for source in sorted(by_source, key=lambda s: (s == NO_SOURCE, s)):
        claims = by_source[source]
        colour, shape = styles.get(source, NO_SOURCE_STYLE)
        notes = [
            [f"{f.level} {f.rule}: {f.message}" for f in findings_by_claim.get(c.id or "", ())]
            for c in claims
        ]
        traces.append(
            go.Scatter(
                x=[c.as_of.isoformat() for c in claims],
                y=[float(c.value) for c in claims],
                mode="markers",
                name=escape(source),
                marker={"color": colour, "symbol": shape, "size": 9},
                error_y={**_error_bars(claims, axis), "color": colour},
                hovertext=[
                    _hover(c, documents.get(c.path or ""), n)
                    for c, n in zip(claims, notes, strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                meta="claims",
            )
        )
    marked: dict[str, list[tuple[Claim, Finding]]] = defaultdict(list)
    for claim in dated:
        worst = sorted(
            findings_by_claim.get(claim.id or "", ()), key=lambda f: LEVELS.index(f.level)
        )
        for kind in dict.fromkeys(f.kind for f in worst):
            marked[kind].append((claim, next(f for f in worst if f.kind == kind)))
    for kind in sorted(marked):
        pairs = marked[kind]
        traces.append(
            go.Scatter(
                x=[c.as_of.isoformat() for c, _ in pairs],
                y=[float(c.value) for c, _ in pairs],
                mode="markers",
                name=escape(kind),
                marker={
                    "symbol": FINDING_SHAPES.get(kind, OTHER_FINDING_SHAPE),
                    "size": 20,
                    "color": [LEVEL_COLOURS.get(f.level, "#000000") for _, f in pairs],
                    "line": {"width": 2.5},
                },
                hoverinfo="skip",
                meta="findings",
            )
        )
    dates = [c.as_of for c in dated]
    first, last = min(dates), max(dates)
    pad = max(dt.timedelta(days=1), (last - first) * 0.06)
    xaxis = {
        "type": "date",
        "range": [(first - pad).isoformat(), (last + pad).isoformat()],
        "tickformat": "%Y-%m-%d" if (last - first).days < 400 else "%Y-%m",
    }
    if (last - first).days < 10:  # one tick a day, not one every few hours
        xaxis["dtick"] = 86_400_000
    figure = go.Figure(
        data=traces,
        layout={
            "xaxis": xaxis,
            "yaxis": {
                **axis,
                "title": {"text": escape(axis_title)},
            },
        },
    )
    data = figure.to_plotly_json()
    data["layout"].pop("template", None)
    return _without_uids(data)


def _without_uids(value):
    """Plotly figures may carry random trace uids; none is ever emitted."""
    if isinstance(value, dict):
        return {k: _without_uids(v) for k, v in value.items() if k != "uid"}
    if isinstance(value, (list, tuple)):
        return [_without_uids(v) for v in value]
    return value


# Layout and config shared by every chart, emitted once.
BASE_LAYOUT = {
    "height": 330,
    "margin": {"l": 64, "r": 16, "t": 12, "b": 40},
    "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12},
    "hovermode": "closest",
    "hoverlabel": {"align": "left", "bgcolor": "#ffffff", "font": {"size": 12}},
    "showlegend": True,
    "legend": {"orientation": "h", "y": -0.18, "font": {"size": 11}},
    "plot_bgcolor": "#ffffff",
    "paper_bgcolor": "#ffffff",
}


CONFIG = {"displayModeBar": False, "responsive": True}
