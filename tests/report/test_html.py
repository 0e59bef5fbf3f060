"""The ``html`` format: one self-contained, deterministic, escaped page, and what a browser
makes of it (headless Chromium over the DevTools protocol; skipped when no Chromium).

The browser is driven with ``--remote-debugging-pipe``: JSON messages, each ending in a NUL
byte, on file descriptors 3 (to Chromium) and 4 (from it). No Python package is needed.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
import queue
import random
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from checker.model import Attribution, Claim, Document, Finding, Report
from checker.report import html

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 12, 2)
HOSTILE = '</script><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'


# Reports


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    from checker import check

    return {
        "seeds": check([str(ROOT / "seeds")], as_of=AS_OF),
        "articles": check([str(ROOT / "tests" / "articles")], as_of=AS_OF),
    }


def hostile_report() -> Report:
    """Markup in every field a reader of the news controls."""
    text = f"The ministry said 1,400 people were killed in Gaza. {HOSTILE} 1,200 people."
    document = Document(
        path="evil<b>.md",
        text=text,
        title=f"Title {HOSTILE}",
        published=dt.date(2024, 1, 2),
        published_from="metadata",
        source=f"Desk {HOSTILE}",
    )

    def claim(cid: str, figure: str, value: float, source: str | None) -> Claim:
        start = text.index(figure)
        return Claim(
            text=figure,
            sentence=text,
            start=start,
            end=start + len(figure),
            value=value,
            low=value,
            high=None if cid == "c2" else value,
            qualifier="at_least" if cid == "c2" else "exact",
            concept="people",
            measure=f"killed {HOSTILE}",
            location="Gaza",
            as_of=dt.date(2024, 1, 2),
            attribution=Attribution(source, "said") if source else None,
            path=document.path,
            id=cid,
            event="cumulative",
        )

    claims = (
        claim("c1", "1,400 people", 1400, f"the ministry {HOSTILE}"),
        claim("c2", "1,200 people", 1200, None),
    )
    finding = Finding(
        rule="FC101",
        kind="contradiction",
        level="error",
        message=f"1,200 contradicts 1,400 {HOSTILE}",
        path=document.path,
        line=1,
        column=60,
        claim="c2",
        related=("c1", "c404"),
        name="consistency.contradiction",
    )
    return Report(documents=(document,), claims=claims, findings=(finding,))


def test_same_report_same_bytes(reports):
    for report in reports.values():
        first = html.render(report, as_of=AS_OF)
        assert html.render(report, as_of=AS_OF) == first
        shuffled = replace(
            report,
            documents=tuple(random.Random(1).sample(report.documents, len(report.documents))),
            claims=tuple(random.Random(2).sample(report.claims, len(report.claims))),
            findings=tuple(random.Random(3).sample(report.findings, len(report.findings))),
        )
        assert html.render(shuffled, as_of=AS_OF) == first


def test_page_is_self_contained_and_stable(reports):
    page = html.render(reports["articles"], as_of=AS_OF)
    assert page.count("<script") == 3  # the figures' JSON, plotly.js, the glue
    assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=", page)
    data = json.loads(re.search(r'id="fc-data">(.*?)</script>', page, re.S).group(1))
    assert data["figures"]
    assert '"uid"' not in json.dumps(data)
    assert "template" not in json.dumps(data["layout"])
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_subject_labels_are_words(reports):
    page = html.render(reports["articles"], as_of=AS_OF)
    headings = re.findall(r"<h3>(.*?)</h3>", page)
    assert headings and not any("|" in heading for heading in headings)
    assert "killed, Gaza" in html.render(reports["seeds"])


def test_everything_is_escaped():
    page = html.render(hostile_report(), as_of=AS_OF)
    assert "<script>window.pwned" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page  # shown as written
    data = re.search(r'id="fc-data">(.*?)</script>', page, re.S).group(1)
    assert "</" not in data and "<script" not in data
    # The figure is marked in its sentence; the missing related claim is said to be missing.
    assert "<mark>1,200 people</mark>" in page
    assert "c404 (not in this report)" in page


def test_empty_report():
    page = html.render(Report(), as_of=AS_OF)
    assert "No claims: nothing to chart." in page
    assert "No findings." in page
    assert "No documents." in page
    assert '"figures":{}' in page.replace(" ", "")


def test_extract_mode_has_no_findings(reports):
    page = html.render(reports["seeds"], mode="extract")
    assert 'id="findings"' not in page
    with pytest.raises(ValueError, match="check, extract"):
        html.render(reports["seeds"], mode="lint")


def test_subjects_ordered_by_findings_then_claims(reports):
    report = reports["articles"]
    by_key: Counter[str] = Counter()
    claims_by_key = Counter(claim.subject for claim in report.claims)
    subject_of = {claim.id: claim.subject for claim in report.claims}
    for finding in report.findings:
        if finding.claim:
            by_key[subject_of[finding.claim]] += 1
    page = html.render(report)
    labels = re.findall(r'<article class="card subject" id="subject-\d+">\n<h3>(.*?)</h3>', page)
    label_of = {claim.subject: html.subject_label(claim) for claim in report.claims}
    order = sorted(claims_by_key, key=lambda k: (-by_key[k], -claims_by_key[k], label_of[k], k))
    from markupsafe import escape

    assert labels == [str(escape(label_of[key])) for key in order]


# The browser


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)


class Browser:
    """A headless Chromium and one page, over the DevTools protocol on a pipe."""

    def __init__(self, binary: str, profile: str) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire() -> None:  # in the child: its fd 3 reads commands, fd 4 writes replies
            reader, writer = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(reader, 3)
            os.dup2(writer, 4)

        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=wire,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next = 0
        self._replies: dict[int, dict] = {}
        self._messages: queue.Queue = queue.Queue()
        self.events: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                self._messages.put(None)
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                self._messages.put(json.loads(message))

    def _pump(self, timeout: float) -> None:
        message = self._messages.get(timeout=timeout)
        if message is None:
            raise RuntimeError("Chromium closed the pipe")
        if "id" in message:
            self._replies[message["id"]] = message
        else:
            self.events.append(message)

    def call(self, method: str, *, session: bool = False, timeout: float = 60, **params):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while self._next not in self._replies:
            self._pump(max(0.01, deadline - time.monotonic()))
        reply = self._replies.pop(self._next)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method:
                    return event
            seen = len(self.events)
            self._pump(max(0.01, deadline - time.monotonic()))

    def evaluate(self, expression: str, timeout: float = 60):
        result = self.call(
            "Runtime.evaluate",
            session=True,
            timeout=timeout,
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str, width: int = 1280, height: int = 900) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def screenshot(self, path: Path, height: int | None = None) -> None:
        size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
        clip = {
            "x": 0,
            "y": 0,
            "width": size["width"],
            "height": min(size["height"], height or size["height"]),
            "scale": 1,
        }
        shot = self.call(
            "Page.captureScreenshot",
            session=True,
            format="png",
            captureBeyondViewport=True,
            clip=clip,
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def errors(self) -> list[str]:
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params["exceptionDetails"])[:500])
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append(json.dumps(params["args"])[:500])
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"]["text"][:500])
        return found

    def requests(self) -> list[str]:
        return [
            event["params"]["request"]["url"]
            for event in self.events
            if event.get("method") == "Network.requestWillBeSent"
        ]

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, queue.Empty):
            self.call("Browser.close", timeout=10)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)


@pytest.fixture(scope="module")
def browser():
    binary = chromium()
    if binary is None:
        pytest.skip("no Chromium binary found (chromium, chromium-browser or google-chrome)")
    profile = tempfile.mkdtemp(prefix="factcheck-chromium-")
    started = Browser(binary, profile)
    yield started
    started.close()
    shutil.rmtree(profile, ignore_errors=True)


# What the glue drew: per chart its heading, the points of its claim traces in the data, and
# the point marks plotly drew for those traces.
COUNT_POINTS = """
factcheckDrawAll().then(() => Array.from(document.querySelectorAll('.chart[data-figure]'))
  .map((gd) => {
    const layers = gd.querySelectorAll('.scatterlayer .trace');
    let data = 0, drawn = 0;
    gd._fullData.forEach((trace, i) => {
      if (trace.meta !== 'claims') return;
      data += trace.x.length;
      drawn += layers[i].querySelectorAll('path.point').length;
    });
    return {label: gd.closest('.subject').querySelector('h3').textContent,
            findings: gd.closest('.subject').querySelector('.meta').textContent,
            expected: Number(gd.dataset.points), data, drawn};
  }))
"""


def expected_points(report: Report) -> dict[str, int]:
    """Subject label -> dated claims, for every subject that carries a finding."""
    subject_of = {claim.id: claim.subject for claim in report.claims}
    flagged = {subject_of[f.claim] for f in report.findings if f.claim in subject_of}
    labels = {claim.subject: html.subject_label(claim) for claim in report.claims}
    assert len({labels[key] for key in flagged}) == len(flagged)
    dated = Counter(claim.subject for claim in report.claims if claim.as_of is not None)
    return {labels[key]: dated[key] for key in flagged if dated[key]}


@pytest.mark.parametrize("name", ["seeds", "articles"])
def test_page_in_chromium(browser, reports, name, tmp_path):
    report = reports[name]
    page = tmp_path / f"report-{name}.html"
    page.write_text(html.render(report, as_of=AS_OF), encoding="utf-8")
    url = page.as_uri()
    browser.open(url)
    charts = browser.evaluate(COUNT_POINTS)
    browser.evaluate("new Promise((done) => setTimeout(done, 100))")
    browser.screenshot(tmp_path / f"report-{name}.png")
    assert (tmp_path / f"report-{name}.png").stat().st_size > 10_000
    assert browser.errors() == []
    assert [u for u in browser.requests() if u != url] == []
    for chart in charts:
        assert chart["data"] == chart["drawn"] == chart["expected"], chart
    drawn = {chart["label"]: chart["drawn"] for chart in charts if "finding" in chart["findings"]}
    assert drawn == expected_points(report)


def test_filters_in_chromium(browser, reports, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(html.render(reports["articles"], as_of=AS_OF), encoding="utf-8")
    browser.open(page.as_uri())
    shown = browser.evaluate(
        """(() => {
          const select = document.querySelector('select[data-filter="level"]');
          select.value = 'warning';
          select.dispatchEvent(new Event('change'));
          return Array.from(document.querySelectorAll('.finding'))
            .filter((li) => !li.hidden).map((li) => li.dataset.level);
        })()"""
    )
    warnings = sum(1 for f in reports["articles"].findings if f.level == "warning")
    assert shown == ["warning"] * warnings
    assert browser.errors() == []


def test_hostile_page_runs_no_script(browser, tmp_path):
    page = tmp_path / "hostile.html"
    page.write_text(html.render(hostile_report(), as_of=AS_OF), encoding="utf-8")
    browser.open(page.as_uri())
    charts = browser.evaluate(COUNT_POINTS)
    assert [(c["expected"], c["drawn"]) for c in charts] == [(2, 2)]
    assert browser.evaluate("typeof window.pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('main img, main script').length") == 0
    assert browser.errors() == []
    assert [u for u in browser.requests() if u != page.as_uri()] == []
