"""Reading articles: finding the files, decoding them, their metadata, and positions.

Everything downstream works on ``Document.text``; users read findings against the file as
stored. So every document keeps ``raw`` (the decoded file) and ``offsets`` (for each
character of ``text``, its offset in ``raw``), whatever was removed or rewritten on the way:
front matter, HTML markup, entities, CRLF line ends.

Metadata, strongest first: front matter or HTML meta tags, a sidecar ``NAME.meta.yaml``,
inference from the text (``published_from="inferred"``), else unknown. Inference lives in
``infer_published`` at the end of this module and is deliberately conservative: a wrong
publication date silently skews every staleness check, an unknown one is reported as such.

A file larger than ``MAX_FILE_MB`` megabytes (default 5; the environment variable
``FACTCHECK_MAX_FILE_MB`` changes it) is not read: it cannot be read like any other file
("PATH: cannot read (file too large: 50.0 MB, limit 5 MB)"), a warning inside a folder and
an error when named. Extraction runs at roughly 30 seconds a megabyte of news prose (more
for text dense with figures), so the limit keeps one stray dump from stalling a CI run; it
is checked before reading, so refusing a huge file is instant.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import yaml

from .errors import InputError
from .html_text import extract_html
from .model import Document
from .suppress import blank_comments, blank_directive_lines

__all__ = [
    "EXTENSIONS",
    "UnreadableError",
    "decode",
    "discover",
    "infer_published",
    "load_documents",
    "load_path",
    "load_text",
    "parse_date",
]

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
KINDS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SIDECAR = ".meta.yaml"
BINARY_SNIFF = 8192  # a NUL byte this early means the file is not text
MAX_FILE_MB = 5  # larger documents are refused; see the module docstring
MAX_FILE_ENV = "FACTCHECK_MAX_FILE_MB"
TITLE_MAX = 200


class UnreadableError(InputError):
    """A file that cannot be read or decoded: fatal when named, a note when found in a folder."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: cannot read ({reason})")


# -- finding the files ------------------------------------------------------------------


def discover(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The document files named by ``paths`` (files, folders, "-"), sorted, plus warnings."""
    found, warnings = _discover(paths)
    return [path for path, _ in found], warnings


def _discover(paths: Sequence[str]) -> tuple[list[tuple[str, bool]], list[str]]:
    """Like ``discover`` but remembers which files were named explicitly (``True``)."""
    found: dict[str, bool] = {}
    warnings: list[str] = []
    for arg in paths:
        if arg == "-":
            found["-"] = True
        elif os.path.isdir(arg):
            files = _walk(arg, warnings)
            if not files:
                warnings.append(f"{_display(arg)}: no documents found ({', '.join(EXTENSIONS)})")
            for path in files:
                found.setdefault(path, False)
        elif os.path.exists(arg):
            if not arg.lower().endswith(EXTENSIONS):
                raise InputError(
                    f"{arg}: unsupported file type (expected one of {', '.join(EXTENSIONS)})"
                )
            found[_display(arg)] = True
        else:
            raise InputError(f"path not found: {arg}")
    ordered = sorted(found, key=lambda path: (path != "-", path.split("/")))
    return [(path, found[path]) for path in ordered], warnings


def _walk(root: str, warnings: list[str]) -> list[str]:
    """Supported files below ``root``; hidden entries skipped, each real folder seen once."""
    files: list[str] = []
    seen: set[str] = set()
    todo = [root]
    while todo:
        folder = todo.pop()
        real = os.path.realpath(folder)
        if real in seen:  # a symlink back up the tree, or two links to one folder
            continue
        seen.add(real)
        try:
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda entry: entry.name)
        except OSError as exc:
            if folder == root:
                raise UnreadableError(_display(root), _reason(exc)) from exc
            warnings.append(f"{_display(folder)}: cannot read ({_reason(exc)})")
            continue
        for entry in listing:
            if entry.name.startswith("."):
                continue
            path = os.path.join(folder, entry.name)
            try:
                if entry.is_dir():
                    todo.append(path)
                elif entry.is_file() and entry.name.lower().endswith(EXTENSIONS):
                    files.append(_display(path))
            except OSError:  # a dangling or unreadable link: not a document
                continue
    return files


def _display(path: str) -> str:
    """A path as the user wrote it, tidied: no "./" or "a/../", POSIX separators."""
    return os.path.normpath(path).replace(os.sep, "/")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


# -- reading ------------------------------------------------------------------------------


def decode(data: bytes, *, strict: bool = False) -> str:
    """Bytes to text: a BOM decides, else UTF-8, else (unless strict) cp1252, then latin-1.

    Raises ``ValueError`` with a short reason for binary or undecodable data. Legacy
    fallbacks exist because newsroom exports still arrive in Windows encodings; ``strict``
    refuses them so a pipeline can insist on UTF-8.
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ValueError(f"invalid {codec.upper()}: {exc.reason}") from exc
    if b"\x00" in data[:BINARY_SNIFF]:
        raise ValueError("binary file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if strict:
            raise ValueError(f"not valid UTF-8: byte {exc.start}: {exc.reason}") from exc
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def max_file_bytes() -> int:
    """The largest document read, in bytes: ``MAX_FILE_MB`` or ``$FACTCHECK_MAX_FILE_MB``."""
    given = os.environ.get(MAX_FILE_ENV, "").strip()
    try:
        megabytes = float(given) if given else MAX_FILE_MB
    except ValueError:
        raise InputError(f"{MAX_FILE_ENV} must be a number of megabytes, not {given!r}") from None
    return int(max(megabytes, 0) * 1024 * 1024)


def too_large(size: int | None, limit: int) -> str:
    """The reason given for a document over the size limit (``size`` None: unknown)."""
    megabytes = f"{round(limit / 1024 / 1024, 3):g} MB"
    if size is None:
        return f"file too large: over the {megabytes} limit"
    return f"file too large: {size / 1024 / 1024:.1f} MB, limit {megabytes}"


def read_limited(handle, limit: int) -> bytes | None:
    """At most ``limit`` bytes from a binary stream; None when it holds more."""
    data = handle.read(limit + 1)
    return None if len(data) > limit else data


def _read(path: str, *, strict: bool = False) -> str:
    limit = max_file_bytes()
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            # Refused before reading: a 50 MB dump costs no time. The stat size can lie
            # (a pipe, a file still growing), so the read is bounded too.
            data = None if size > limit else read_limited(handle, limit)
    except OSError as exc:
        raise UnreadableError(path, _reason(exc)) from exc
    if data is None:
        raise UnreadableError(path, too_large(size if size > limit else None, limit))
    try:
        return decode(data, strict=strict)
    except ValueError as exc:
        raise UnreadableError(path, str(exc)) from exc


# -- metadata -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Meta:
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None

    def over(self, weaker: _Meta) -> _Meta:
        """These fields, each filled from ``weaker`` where unknown here."""
        return _Meta(
            self.title or weaker.title,
            self.published or weaker.published,
            self.source or weaker.source,
            self.url or weaker.url,
        )


def _meta_from(data: Mapping) -> _Meta:
    """The metadata keys of a front matter or sidecar mapping; other keys are ignored."""
    fields = {str(key).strip().lower(): value for key, value in data.items()}
    published = fields.get("published")
    if published is None:
        published = fields.get("date")
    return _Meta(
        title=_text_value(fields.get("title")),
        published=parse_date(published),
        source=_text_value(fields.get("source")),
        url=_text_value(fields.get("url")),
    )


def _text_value(value: object) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split()) or None
    return None


class _MetaLoader(yaml.SafeLoader):
    """yaml.SafeLoader that keeps an impossible date ("2023-10-35") as text, which
    ``parse_date`` then ignores like any other date it cannot read, instead of failing."""


def _timestamp(loader, node: yaml.Node) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:  # day, month, hour or time zone out of range
        return loader.construct_scalar(node)


_MetaLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

# Front matter is read for every document, and libyaml's parser (when PyYAML was built with
# it) reads it about ten times faster, to the same data. It composes recursively in C, so it
# is given only text too flat to nest deeply (each level of nesting needs one of these
# characters); errors are reported by the Python parser, whose messages the tests pin.
_FastMetaLoader: type | None = None
if hasattr(yaml, "CSafeLoader"):
    _FastMetaLoader = type("_FastMetaLoader", (yaml.CSafeLoader,), {})
    _FastMetaLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_NESTING = re.compile(r"[\[{:?-]")
_MAX_FAST_NESTING = 200


def _parse_yaml(text: str) -> object:
    if _FastMetaLoader is not None and len(_NESTING.findall(text)) <= _MAX_FAST_NESTING:
        with contextlib.suppress(yaml.YAMLError):
            return yaml.load(text, Loader=_FastMetaLoader)  # noqa: S506 - a safe loader
    return yaml.load(text, Loader=_MetaLoader)  # noqa: S506 - a SafeLoader


def _load_yaml(text: str, path: str, what: str, first_line: int) -> Mapping:
    """Safe YAML with errors located in the file (``first_line`` is YAML's line 1)."""
    try:
        data = _parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{path}:{line}: invalid {what}: {problem}") from exc
    except RecursionError:  # PyYAML composes recursively: "[[[[..." 1,000 deep
        raise InputError(f"{path}:{first_line}: invalid {what}: nested too deeply") from None
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise InputError(f"{path}:{first_line}: invalid {what}: expected keys and values")
    return data


_FRONT_OPEN = re.compile(r"---[ \t]*(?:\r?\n)")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)


def _front_matter(raw: str, path: str) -> tuple[_Meta, int]:
    """Front matter at the very start of a Markdown file, and where the body begins."""
    opening = _FRONT_OPEN.match(raw)
    if not opening:
        return _Meta(), 0
    closing = _FRONT_CLOSE.search(raw, opening.end())
    if not closing:  # a lone "---" is a thematic break, not front matter
        return _Meta(), 0
    data = _load_yaml(raw[opening.end() : closing.start()], path, "front matter", 2)
    return _meta_from(data), closing.end()


def _sidecar(path: str) -> _Meta:
    """Metadata from ``NAME.EXT.meta.yaml`` (stronger) and ``NAME.meta.yaml`` beside a file."""
    meta = _Meta()
    stem = os.path.splitext(path)[0]
    for candidate in (path + SIDECAR, stem + SIDECAR):
        if os.path.isfile(candidate):
            text = _read(candidate)
            meta = meta.over(_meta_from(_load_yaml(text, candidate, "sidecar", 1)))
    return meta


# -- building documents -------------------------------------------------------------------


def load_text(
    text: str,
    *,
    path: str = "<stdin>",
    kind: str = "txt",
    published: dt.date | str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    today: dt.date | None = None,
) -> Document:
    """A document from text already in memory. Arguments given here win over the text's own
    metadata; a ``published`` given here counts as metadata. ``today`` is the date the
    check is made for (``--as-of``), which bounds date inference; default: the real today."""
    date = parse_date(published)
    if published is not None and date is None:
        raise InputError(f"{path}: invalid published date {published!r}")
    given = _Meta(title, date, source, url)
    return _build(text, path=path, kind=_kind(kind), given=given, sidecar=_Meta(), today=today)


def load_path(path: str, *, strict: bool = False, today: dt.date | None = None) -> Document:
    """Read and parse one file (kind from its extension; plain text if unknown).

    ``strict`` refuses files that are not UTF-8 (or UTF-16/32 with a BOM) instead of
    falling back to Windows encodings. Raises ``InputError`` when the file cannot be read.
    """
    raw = _read(path, strict=strict)
    kind = KINDS.get(os.path.splitext(path)[1].lower(), "txt")
    return _build(raw, path=path, kind=kind, given=_Meta(), sidecar=_sidecar(path), today=today)


def load_documents(
    paths: Sequence[str],
    *,
    stdin: str | None = None,
    strict: bool = False,
    today: dt.date | None = None,
) -> tuple[list[Document], list[str]]:
    """Every document named by ``paths``, plus notes about files that were skipped.

    A file named explicitly that cannot be read raises ``InputError``; one found inside a
    folder becomes a note ("PATH: cannot read (reason)") so one bad file does not stop a
    whole archive, unless ``strict``. Invalid front matter or sidecars always raise: that is
    a mistake the user made and must fix, like an invalid rule file.
    """
    found, notes = _discover(paths)
    documents = []
    for path, explicit in found:
        if path == "-":
            documents.append(load_text(_stdin() if stdin is None else stdin, today=today))
            continue
        try:
            documents.append(load_path(path, strict=strict, today=today))
        except UnreadableError as exc:
            if explicit or strict:
                raise
            notes.append(str(exc))
    return documents, notes


def _stdin() -> str:
    try:
        return sys.stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"<stdin>: cannot read ({exc})") from exc


def _kind(kind: str) -> str:
    name = kind.lower().lstrip(".")
    kinds = {"txt": "txt", "text": "txt", "md": "md", "markdown": "md"}
    kinds |= {"html": "html", "htm": "html"}
    if name not in kinds:
        raise ValueError(f"unknown document kind {kind!r}; expected txt, md or html")
    return kinds[name]


def _build(
    raw: str, *, path: str, kind: str, given: _Meta, sidecar: _Meta, today: dt.date | None
) -> Document:
    if raw.startswith("\ufeff"):  # a BOM that survived decoding (text given in memory)
        raw = raw[1:]
    # A lone CR ends a line too; "\n" in its place keeps every offset and lets
    # Document.position (which counts "\n") give the line an editor shows.
    raw = re.sub(r"\r(?!\n)", "\n", raw)
    if kind == "html":
        page = extract_html(raw)
        text, offsets = page.text, page.offsets
        dates = [date for date in map(parse_date, page.dates) if date]
        found = _Meta(page.title, dates[0] if dates else None, page.source, page.url)
    else:
        found, start = _front_matter(raw, path) if kind == "md" else (_Meta(), 0)
        text, offsets = _unix_lines(raw, start)
        # Comments and suppression directives are markup, never prose to read claims from.
        text = blank_comments(text) if kind == "md" else blank_directive_lines(text)
    meta = given.over(found)
    published_from = "metadata" if meta.published else None
    if not meta.published and sidecar.published:
        published_from = "sidecar"
    meta = meta.over(sidecar)
    if not meta.published:
        meta = replace(meta, published=infer_published(text, today=today))
        published_from = "inferred" if meta.published else None
    return Document(
        path=path,
        text=text,
        title=meta.title or _first_line_title(text, markdown=kind == "md"),
        published=meta.published,
        published_from=published_from,
        source=meta.source,
        url=meta.url,
        raw=raw,
        offsets=offsets,
    )


def _unix_lines(raw: str, start: int) -> tuple[str, tuple]:
    """``raw[start:]`` with "\\r\\n" as "\\n", and each character's offset in ``raw`` (as
    :class:`Document` anchors when the text is one run of the file)."""
    if "\r" not in raw:
        return raw[start:], ((0, start),) if start < len(raw) else ()
    parts: list[str] = []
    offsets: list[int] = []
    for match in re.finditer(r"\r\n|[^\r]+|\r", raw[start:]):
        at = start + match.start()
        if match.group().startswith("\r"):
            parts.append("\n")
            offsets.append(at)
        else:
            parts.append(match.group())
            offsets.extend(range(at, at + len(match.group())))
    return "".join(parts), tuple(offsets)


def _first_line_title(text: str, *, markdown: bool) -> str | None:
    """The first non-empty line when it reads like a headline: short, no closing period."""
    for line in text.split("\n"):
        line = line.strip()
        if markdown:
            line = line.lstrip("#").strip()
        if line:
            if len(line) < TITLE_MAX and not line.endswith("."):
                return line
            return None
    return None


# -- dates --------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?!\d|,\d)"  # "2023," ends a date; "2,000" is no year
_WEEKDAY = r"\b(?:" + "|".join(_WEEKDAYS) + r")\b"
# A date as written in prose, the year optional: "Tuesday, December 26", "Oct. 30, 2023",
# "30 October 2023", "the 26th of December".
_PROSE_DATE = re.compile(
    rf"(?:(?P<weekday>{_WEEKDAY}),?\s+(?:the\s+)?)?"
    rf"(?:(?P<month1>{_MONTH})\s+(?P<day1>{_DAY})(?:,?\s+(?P<year1>{_YEAR}))?"
    rf"|\b(?P<day2>{_DAY})\s+(?:of\s+)?(?P<month2>{_MONTH})(?:,?\s+(?P<year2>{_YEAR}))?)",
    re.I,
)
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
_YEAR_MENTION = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?!\d|[,.]\d)")
_WEEKDAY_NAME = re.compile(_WEEKDAY, re.I)


def parse_date(value: object) -> dt.date | None:
    """A date from YAML (date or datetime) or a string ("2023-10-30", "2023-10-30T08:00Z",
    "30 October 2023", "Oct. 30, 2023"); None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    numeric = re.match(r"((?:19|20)\d\d)[-/]?(\d\d)[-/]?(\d\d)(?:$|[T\s])", value)
    if numeric:
        return _date(*map(int, numeric.groups()))
    found = next(_prose_dates(value), None)
    return found.date if found else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class _Mention:
    """A date written in the text; ``date`` is None when it has no year."""

    start: int
    month: int
    day: int
    date: dt.date | None
    weekday: int | None


def _prose_dates(text: str) -> Iterator[_Mention]:
    for match in _PROSE_DATE.finditer(text):
        month_word = match.group("month1") or match.group("month2")
        weekday = match.group("weekday")
        if not month_word[0].isupper():
            continue  # in lower case, "may" and "march" are verbs
        month = _MONTHS[month_word.rstrip(".").lower()]
        day = int(re.match(r"\d+", match.group("day1") or match.group("day2")).group())
        year = match.group("year1") or match.group("year2")
        date = _date(int(year), month, day) if year else None
        if year and date is None:
            continue
        if not year and _date(2000, month, day) is None:  # 2000 was a leap year
            continue
        day_index = None
        if weekday and weekday[0].isupper():
            day_index = _WEEKDAYS.index(weekday.lower())
        yield _Mention(match.start(), month, day, date, day_index)
    for match in _ISO_DATE.finditer(text):
        date = _date(*map(int, match.groups()))
        if date:
            yield _Mention(match.start(), date.month, date.day, date, None)


# -- inferring the publication date -------------------------------------------------------

HEAD = 1500  # datelines, bylines and "Published ..." lines sit at the top
_CREDIT = re.compile(
    r"Image Credit|Photo credit|\b(?:Photo|Photograph|Picture|Image)s?\s*:|\bPhoto by\b"
    r"|Getty Images|\bAP Photo\b|/\s*(?:AFP|AP|Reuters|Getty|EPA|Xinhua|Anadolu)\b"
    r"|\b(?:AFP|AP|Reuters|EPA|Getty Images|Shutterstock)\)?\s*$",
)
_LABEL = re.compile(
    r"\b(?:published|updated|posted|first published|last updated|last modified|date)\b"
    r"\W*(?:on\s+)?(?:\w+,?\s+)?$",
    re.I,
)
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{1,40}(?:\([^)]*\))?\s*[,:—–-]\s*$")
_FEAST_DAY = re.compile(r"\b(?:Good|Black|Bloody|Super|Ash|Palm|Holy|Easter|Cyber|Giving)\s+$")
HEADER_LINE = 80  # a line this short holding a full date is a date or byline line


@dataclass(frozen=True)
class _Evidence:
    """What the text says about time, split into body lines and picture captions."""

    body: list[tuple[_Mention, bool]]  # (mention, is a header date: dateline, byline ...)
    captions: list[_Mention]
    weekdays: set[int]  # weekdays the body names ("on Monday")
    body_years: set[int]
    years: set[int]  # every year mentioned, captions included


def infer_published(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """The publication date the text itself gives, or None when it does not say clearly.

    In order: a date in a dateline, byline or "Published ..." line near the top; a body
    phrase like "on Tuesday, December 26" whose weekday fixes the year; the latest full
    date in the body (the top first, then the rest); a photo caption's date, only when the
    body backs it up (names its weekday or its month and day). A caption date alone says
    when a picture was taken, often years earlier, so it is never enough by itself.
    ``today`` (default: the real today) bounds the search: nothing after it is a
    publication date.
    """
    today = today or dt.date.today()
    evidence = _gather(text, today)
    for rule in (_header_date, _weekday_date, _body_date, _caption_date):
        found = rule(evidence, today)
        if found is not None:
            return found
    return None


def _gather(text: str, today: dt.date) -> _Evidence:
    body: list[tuple[_Mention, bool]] = []
    captions: list[_Mention] = []
    weekdays: set[int] = set()
    body_years: set[int] = set()
    years: set[int] = set()
    line_start = 0
    for line in text.split("\n"):
        mentions = sorted(_prose_dates(line), key=lambda mention: mention.start)
        line_years = {int(year) for year in _YEAR_MENTION.findall(line)}
        years |= {year for year in line_years if year <= today.year}
        if _CREDIT.search(line):
            captions += [replace(m, start=line_start + m.start) for m in mentions if m.date]
        else:
            body_years |= {year for year in line_years if year <= today.year}
            for mention in mentions:
                header = line_start + mention.start < HEAD and _is_header(line, mention)
                body.append((replace(mention, start=line_start + mention.start), header))
            for match in _WEEKDAY_NAME.finditer(line):
                # Only the words just before: searching the whole line start is quadratic
                # on a long line naming many weekdays.
                feast = _FEAST_DAY.search(line, max(0, match.start() - 40), match.start())
                if match.group()[0].isupper() and not feast:
                    weekdays.add(_WEEKDAYS.index(match.group().lower()))
        line_start += len(line) + 1
    return _Evidence(body, captions, weekdays, body_years, years)


def _is_header(line: str, mention: _Mention) -> bool:
    if mention.date is None:
        return False
    before = line[: mention.start]
    return (
        len(line.strip()) <= HEADER_LINE
        or bool(_LABEL.search(before))
        or bool(_DATELINE.match(before))
    )


def _header_date(evidence: _Evidence, today: dt.date) -> dt.date | None:
    for mention, header in evidence.body:
        if header and mention.date and mention.date <= today:
            return mention.date
    return None


def _weekday_date(evidence: _Evidence, today: dt.date) -> dt.date | None:
    """A body phrase naming weekday, month and day: the weekday pins the year down."""
    known = [m.date for m, _ in evidence.body if m.date] + [m.date for m in evidence.captions]
    resolved = []
    for mention, _ in evidence.body:
        if mention.weekday is None:
            continue
        if mention.date is not None:
            date = mention.date if mention.date.weekday() == mention.weekday else None
        else:
            date = _year_for(mention, known, evidence.years, today)
        if date is not None and date <= today:
            resolved.append((mention.start >= HEAD, date))
    if not resolved:
        return None
    in_head = [date for later, date in resolved if not later]
    return max(in_head or [date for _, date in resolved])


def _year_for(
    mention: _Mention, known: list[dt.date], years: set[int], today: dt.date
) -> dt.date | None:
    """The year in which the mention's month and day fall on its weekday.

    A full date elsewhere with the same month and day settles it. Otherwise the text's
    latest year is a lower bound (what it reports has happened); that year or the next is
    taken when the weekday fits, else the latest fitting year up to today. A text that
    names no year gives no bound, and no answer.
    """

    def fits(year: int) -> dt.date | None:
        date = _date(year, mention.month, mention.day)
        return date if date and date.weekday() == mention.weekday and date <= today else None

    for date in known:
        if (date.month, date.day) == (mention.month, mention.day) and fits(date.year):
            return date
    if not years:
        return None
    lower = max(years)
    for year in [lower, lower + 1, *range(today.year, lower + 1, -1)]:
        date = fits(year)
        if date:
            return date
    return None


def _body_date(evidence: _Evidence, today: dt.date) -> dt.date | None:
    dates = [(m.start >= HEAD, m.date) for m, _ in evidence.body if m.date and m.date <= today]
    in_head = [date for later, date in dates if not later]
    return max(in_head or [date for _, date in dates], default=None)


def _caption_date(evidence: _Evidence, today: dt.date) -> dt.date | None:
    """The latest caption date, if the body corroborates it and no body year is later."""
    dates = [m.date for m in evidence.captions if m.date and m.date <= today]
    if not dates:
        return None
    date = max(dates)
    if evidence.body_years and date.year < max(evidence.body_years):
        return None
    body_days = {(m.month, m.day) for m, _ in evidence.body}
    if date.weekday() in evidence.weekdays or (date.month, date.day) in body_days:
        return date
    return None
