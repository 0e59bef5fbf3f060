"""The visible text of an HTML page, every character mapped back to the HTML file.

Claims are found in what a reader sees, but reported at a line and column of the HTML file,
so each character of the text carries the offset in the file it came from: the character
itself for plain text, the ``&`` for an entity, the tag for a newline that a block element
stands for. The stdlib ``html.parser`` tokenises (no new dependency); the tree is tracked as
a flat stack, never by recursion, so nesting depth costs nothing.

Metadata comes from ``<meta>`` tags, ``<link rel=canonical>``, ``<title>`` and schema.org
JSON-LD only; a ``<time>`` in the body says when something happened, not when the page was
published, so it is left to the text.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from html import unescape
from html.entities import html5
from html.parser import HTMLParser

__all__ = ["HtmlText", "extract_html"]

# Content a reader never sees (or sees only as a widget), with everything inside it.
SKIPPED = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "svg", "iframe",
        "object", "canvas", "audio", "video", "select", "textarea",
    }
)  # fmt: skip
# Elements that start on a line of their own, so their sentences never run together.
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend",
        "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "tfoot", "thead", "tr", "ul",
    }
)  # fmt: skip
CELLS = frozenset({"td", "th"})  # "10" and "20" in adjacent cells must not read "1020"
VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    }
)  # fmt: skip
PREFORMATTED = frozenset({"pre", "listing"})
HEAD_CONTENT = frozenset(
    {"base", "link", "meta", "noscript", "script", "style", "template", "title"}
)
# A start tag that implicitly closes the element on top of the stack (a light version of
# the HTML parsing algorithm, enough that "<p hidden>x<p>y" shows "y").
_CLOSES = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}
_CLOSES_P = BLOCKS - {"br", "body", "html", "li", "dd", "dt", "tr", "tbody", "thead", "tfoot"}

# Meta tag names (property, name or itemprop; lower case) in order of preference.
DATE_META = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.date",
    "pubdate",
    "publish-date",
    "date",
)
TITLE_META = ("og:title",)
SOURCE_META = ("og:site_name", "author")
URL_META = ("og:url",)

_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TOKENS = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+")
_BLANK = " \t\n\r\f"


@dataclass(frozen=True)
class HtmlText:
    """What a page shows and says about itself. ``dates`` are raw meta values, best first."""

    text: str
    offsets: tuple[int, ...]
    title: str | None = None
    dates: tuple[str, ...] = ()
    source: str | None = None
    url: str | None = None


def extract_html(raw: str) -> HtmlText:
    """The visible text of ``raw`` with offsets into ``raw``, plus its metadata."""
    parser = _VisibleText(raw)
    parser.feed(_defused(raw, parser))
    # html.parser stops at a malformed "&#" and waits for more input; feeding nothing lets
    # it resume, so the rest of the page is parsed rather than dumped as text by close().
    # (Only a page using every private character keeps such a "&#": see _defused.)
    while True:
        before = parser.getpos()
        parser.feed("")
        if parser.getpos() == before:
            break
    parser.close()
    return parser.result()


# A "&#" that starts no character reference ("&#;", "&#x", "AT&#T").
_BAD_CHARREF = re.compile(r"&#(?!(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F])")
_COMMENT_CLOSE = re.compile(r"--!?\s*>")  # "-->", and "--!>" for newer html.parser
_SECTION_CLOSE = re.compile(r"]\s*>")  # the end of "<![CDATA[...]]>" and "<![if ...]>"
_SECTION_OPEN = re.compile(r"<!\[")
_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
_SECTIONS = frozenset({"temp", "cdata", "ignore", "include", "rcdata", "if", "else", "endif"})
_CHARREF = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}))(?![0-9a-fA-F])")
# Where a stand-in for the "[" of "<![" is looked for: private use areas, then surrogates.
_BRACKET_POOL = (range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE), range(0xD800, 0xE000))


def _defused(raw: str, parser: _VisibleText) -> str:
    """``raw`` with the characters that make html.parser quadratic swapped for stand-ins of
    the same length (so offsets hold), which the parser reads as text and ``result`` turns
    back: every "<" after the last ">" (no tag can close there, and html.parser would rescan
    to the end for each one) and the "&" of every malformed "&#" (each one would make it
    copy the rest of the page). First, "<![" that opens no section becomes the bogus comment
    it is (``_no_bogus_sections``)."""
    last = raw.rfind(">") + 1
    raw = _no_bogus_sections(raw, last, parser)
    tail = raw.find("<", last) >= 0
    bad = _BAD_CHARREF.search(raw) is not None
    if not (tail or bad):
        return raw
    present = set(raw)
    free = (c for c in map(chr, range(0xE000, 0xF900)) if c not in present)
    lt, amp = next(free, None), next(free, None)
    if amp is None:  # the page uses every private character: leave it as it is
        return raw
    parser.stand_ins = {ord(lt): "<", ord(amp): "&"}
    if bad:
        raw = _BAD_CHARREF.sub(amp + "#", raw)
    return raw[:last] + raw[last:].replace("<", lt) if tail else raw


def _no_bogus_sections(raw: str, last: int, parser: _VisibleText) -> str:
    """``raw`` with the "[" of every "<![" that opens no marked section ("<![x", "<![ [")
    swapped for a stand-in, which makes it what browsers read it as: a bogus comment up to
    the next ">". html.parser before Python 3.13 raises AssertionError on such a "<![" and
    gives up on the page. Only a "<![" that html.parser would otherwise read as a section is
    swapped: one with a ">" after it (else it is in the tail ``_defused`` turns into text)
    and a "]>" after its name (else html.parser waits for more input, as for any unclosed
    section). The stand-in is a character neither in the page nor written as a character
    reference, so turning it back (in attribute values, the title, JSON-LD) is exact."""
    if "<![" not in raw:
        return raw
    section_close = max((m.start() for m in _SECTION_CLOSE.finditer(raw)), default=-1)
    bogus = [
        match.start() + 2
        for match in _SECTION_OPEN.finditer(raw, 0, last)
        if section_close >= match.start() + 3 and _opens_no_section(raw, match.start() + 3)
    ]
    if not bogus:
        return raw
    referenced = {int(hex_, 16) if hex_ else int(dec) for hex_, dec in _CHARREF.findall(raw)}
    present = set(raw)
    pool = (point for points in _BRACKET_POOL for point in points)
    free = (chr(point) for point in pool if point not in referenced and chr(point) not in present)
    bracket = next(free, None)
    if bracket is None:  # the page holds every character of the pool: leave it as it is
        return raw
    parser.brackets = {ord(bracket): "["}
    chars = list(raw)
    for at in bogus:
        chars[at] = bracket
    return "".join(chars)


def _opens_no_section(raw: str, name_at: int) -> bool:
    """Whether the name after a "<![" (at ``name_at``) is missing or no section keyword;
    a name running to the end of the page leaves html.parser waiting, not failing."""
    if name_at == len(raw):
        return False
    name = _SECTION_NAME.match(raw, name_at)
    if name is None:
        return True
    return name.end() != len(raw) and name.group().strip().lower() not in _SECTIONS


class _Builder:
    """Text plus offsets, with HTML's whitespace collapsing and block line breaks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets: list[int] = []
        self._last = ""  # the last character emitted
        self._pending: tuple[str, int] | None = None  # a space or newline not yet emitted

    def space(self, offset: int) -> None:
        if self._last and self._last not in _BLANK and self._pending is None:
            self._pending = (" ", offset)

    def newline(self, offset: int) -> None:
        if not self._last or self._last == "\n":
            return
        if self._pending is None or self._pending[0] != "\n":
            self._pending = ("\n", offset)

    def run(self, text: str, start: int) -> None:
        """Characters copied from the file: each maps to its own offset."""
        self._flush()
        self.parts.append(text)
        self.offsets.extend(range(start, start + len(text)))
        self._last = text[-1]

    def char(self, text: str, offset: int) -> None:
        """Characters that stand for one place in the file (an entity)."""
        self._flush()
        self.parts.append(text)
        self.offsets.extend([offset] * len(text))
        self._last = text[-1]

    def _flush(self) -> None:
        if self._pending is not None:
            char, offset = self._pending
            self._pending = None
            self.parts.append(char)
            self.offsets.append(offset)

    def text(self) -> str:
        return "".join(self.parts)


class _LinearTime(HTMLParser):
    """html.parser that answers "not closed yet" at once for a comment or marked section
    that nothing closes.

    html.parser looks for the end of each "<!--" and "<![" from where it starts to the end
    of the page; when nothing closes it, it waits for more input, and ``close()`` searches
    again for every one that follows. Each override asks the same question of the last
    match of the closing pattern, found once per buffer, and otherwise defers to
    html.parser, so the answer is the same and only the time differs. These two methods and
    the ``rawdata`` buffer they search are the one reach into html.parser's undocumented
    internals; everything else uses the handler methods, ``feed``, ``close`` and
    ``getpos``. If a later Python stops calling them the text stays the same and only
    hostile pages slow down, which ``tests/documents/test_robustness.py`` times.

    Measured by ``bench/html_parse.py`` (Python 3.11): 10,000 unclosed "<!--" (60 KB)
    take 0.05 s with these overrides and 1.3 s without, and the gap grows with the square of
    the count; the text and offsets are the same either way. No installed library gives
    character offsets (html5lib none, lxml source lines only), so html.parser stays.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self._closes: dict[re.Pattern, int] = {}  # last match of each closing pattern
        self._closes_in: str | None = None  # ... in this rawdata

    def _closes_after(self, pattern: re.Pattern, start: int) -> bool:
        """Whether ``pattern`` matches at or after ``start`` in the data being parsed."""
        if self._closes_in is not self.rawdata:
            self._closes_in, self._closes = self.rawdata, {}
        if pattern not in self._closes:
            starts = (m.start() for m in pattern.finditer(self.rawdata))
            self._closes[pattern] = max(starts, default=-1)
        return self._closes[pattern] >= start

    def parse_comment(self, i: int, report: int = 1) -> int:
        if not self._closes_after(_COMMENT_CLOSE, i + 2):
            return -1  # unclosed: what html.parser itself would say, after a long search
        return super().parse_comment(i, report)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        if not self._closes_after(_SECTION_CLOSE, i + 3):
            return -1
        return super().parse_marked_section(i, report)


class _VisibleText(_LinearTime):
    """The walker: only html.parser's documented handler methods and ``getpos()``."""

    def __init__(self, raw: str) -> None:
        super().__init__()
        self._raw = raw
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self._out = _Builder()
        self._stack: list[tuple[str, bool]] = []  # (tag, hides its content)
        self._open: Counter[str] = Counter()
        self._hidden = 0  # how many open elements hide their content
        self._meta: dict[str, str] = {}
        self._canonical: str | None = None
        self._title: list[str] = []  # the text of the first <title>
        self._title_state = "before"  # before, inside, after the first <title>
        self._json_ld: list[str] | None = None
        self.stand_ins: dict[int, str] = {}  # see _defused
        self.brackets: dict[int, str] = {}  # see _no_bogus_sections
        self._ld_dates: list[str] = []

    # -- positions ---------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    # -- the element stack -------------------------------------------------------------
    def _push(self, tag: str, hides: bool) -> None:
        self._stack.append((tag, hides))
        self._open[tag] += 1
        self._hidden += hides

    def _pop(self) -> str:
        tag, hides = self._stack.pop()
        self._open[tag] -= 1
        self._hidden -= hides
        if tag == "title" and self._title_state == "inside" and not self._open["title"]:
            self._title_state = "after"
        if tag == "script" and self._json_ld is not None:
            source = "".join(self._json_ld).translate(self.stand_ins)
            self._read_json_ld(source.translate(self.brackets))
            self._json_ld = None
        return tag

    def _preformatted(self) -> bool:
        return any(self._open[tag] for tag in PREFORMATTED)

    def _close(self, tag: str) -> None:
        """Close ``tag`` and every element opened inside it and left unclosed."""
        while self._stack and self._pop() != tag:
            pass

    # -- tags ----------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in reversed(attrs)}  # first wins
        if self.brackets:
            attributes = {
                name: value.translate(self.brackets) for name, value in attributes.items()
            }
        offset = self._offset()
        if self._open["head"] and tag not in HEAD_CONTENT:
            self._close("head")
        closes = _CLOSES.get(tag, set()) | ({"p"} if tag in _CLOSES_P else set())
        while self._stack and self._stack[-1][0] in closes:
            self._pop()
        if tag == "meta":
            self._read_meta(attributes)
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self._canonical = self._canonical or attributes.get("href", "").strip() or None
        if tag in BLOCKS:
            self._out.newline(offset)
        elif tag in CELLS:
            self._out.space(offset)
        if tag in VOID:
            return
        if tag == "title" and self._title_state == "before":
            self._title_state = "inside"
        if tag == "script" and attributes.get("type", "").lower() == "application/ld+json":
            self._json_ld = []
        self._push(tag, _hides(tag, attributes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self._out.newline(self._offset())
        elif tag in CELLS:
            self._out.space(self._offset())
        if self._open[tag] and tag not in VOID:
            self._close(tag)

    # -- text ----------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self._json_ld is not None and self._stack and self._stack[-1][0] == "script":
            self._json_ld.append(data)
        if self._title_state == "inside":
            self._title.append(data)
        if self._hidden == 1 and self._open["head"] and data.strip(_BLANK):
            self._close("head")  # text in <head> means the body began without a <body> tag
        if self._hidden:
            return
        start = self._offset()
        if self._preformatted():
            self._verbatim(data, start)
            return
        for token in _TOKENS.finditer(data.replace("\xa0", " ")):
            if token.group()[0] in _BLANK:
                self._out.space(start + token.start())
            else:
                self._out.run(token.group(), start + token.start())

    def _verbatim(self, data: str, start: int) -> None:
        """Text inside <pre>: whitespace kept, line ends made "\\n"."""
        data = data.replace("\xa0", " ")
        index = 0
        for match in re.finditer(r"\r\n?", data):
            if match.start() > index:
                self._out.run(data[index : match.start()], start + index)
            self._out.char("\n", start + match.start())
            index = match.end()
        if index < len(data):
            self._out.run(data[index:], start + index)

    def handle_entityref(self, name: str) -> None:
        literal = "&" + name
        offset = self._offset()
        if self._raw.startswith(";", offset + len(literal)):
            literal += ";"
        self._entity(html5.get(name + ";"), literal)

    def handle_charref(self, name: str) -> None:
        self._entity(unescape(f"&#{name};"), f"&#{name}")

    def _entity(self, decoded: str | None, literal: str) -> None:
        offset = self._offset()
        if decoded is None:  # not an entity after all ("AT&T"): the characters as written
            if self._title_state == "inside":
                self._title.append(literal)
            if not self._hidden:
                self._out.run(literal, offset)
            return
        decoded = decoded.replace("\xa0", " ")
        if self._title_state == "inside":
            self._title.append(decoded)
        if self._hidden:
            return
        if not decoded.strip(_BLANK) and not self._preformatted():
            self._out.space(offset)
        else:
            self._out.char(decoded, offset)

    # -- metadata ------------------------------------------------------------------------
    def _read_meta(self, attributes: dict[str, str]) -> None:
        content = attributes.get("content", "").strip()
        for key in ("property", "name", "itemprop"):
            name = attributes.get(key, "").strip().lower()
            if name and content:
                self._meta.setdefault(name, content)

    def _read_json_ld(self, source: str) -> None:
        try:
            data = json.loads(source)
        except ValueError:
            return
        todo = [data]
        while todo:  # iterative: JSON-LD can nest deeply
            item = todo.pop()
            if isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and value.strip():
                    self._ld_dates.append(value.strip())
                todo.extend(reversed(list(item.values())))
            elif isinstance(item, list):
                todo.extend(reversed(item))

    def result(self) -> HtmlText:
        title = _clean("".join(self._title).translate(self.stand_ins).translate(self.brackets))
        dates = [self._meta[name] for name in DATE_META if name in self._meta]
        return HtmlText(
            text=self._out.text().translate(self.stand_ins).translate(self.brackets),
            offsets=tuple(self._out.offsets),
            title=_first(self._meta, TITLE_META) or title,
            dates=tuple(dates + self._ld_dates),
            source=_first(self._meta, SOURCE_META),
            url=_first(self._meta, URL_META) or self._canonical,
        )


def _hides(tag: str, attributes: dict[str, str]) -> bool:
    """Whether an element hides itself and its content from a reader."""
    return (
        tag in SKIPPED
        or "hidden" in attributes
        or attributes.get("aria-hidden", "").strip().lower() == "true"
        or bool(_HIDING_STYLE.search(attributes.get("style", "")))
    )


def _first(meta: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = _clean(meta.get(name, ""))
        if value:
            return value
    return None


def _clean(value: str) -> str | None:
    return " ".join(value.replace("\xa0", " ").split()) or None
