"""Building documents: text as read, with metadata, offsets into the file, and positions.

Everything downstream works on ``Document.text``; users read findings against the file as
stored. So every document keeps ``raw`` (the decoded file) and ``offsets`` (for each
character of ``text``, its offset in ``raw``), whatever was removed or rewritten on the way:
front matter, HTML markup, entities, CRLF line ends, comments.

Metadata, strongest first: front matter or HTML meta tags, a sidecar ``NAME.meta.yaml``,
inference from the text (``published_from="inferred"``, see ``dates.infer_published``), else
unknown.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence
from dataclasses import replace

from ..errors import InputError
from ..model import Document
from .dates import infer_published, parse_date
from .decode import UnreadableError, read_file
from .directives import blank_comments, blank_directive_lines, document_format
from .discover import discover_named
from .html import extract_html
from .metadata import Meta, front_matter, sidecar

__all__ = ["load_documents", "load_path", "load_text"]

TITLE_MAX = 200


def load_text(
    text: str,
    *,
    path: str = "<stdin>",
    format: str = "txt",
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
    given = Meta(title, date, source, url)
    return _build(text, path=path, format=_format(format), given=given, sidecar=Meta(), today=today)


def load_path(path: str, *, strict: bool = False, today: dt.date | None = None) -> Document:
    """Read and parse one file (format from its extension; plain text if unknown).

    ``strict`` refuses files that are not UTF-8 (or UTF-16/32 with a BOM) instead of
    falling back to Windows encodings. Raises ``InputError`` when the file cannot be read.
    """
    raw = read_file(path, strict=strict)
    return _build(
        raw,
        path=path,
        format=document_format(path),
        given=Meta(),
        sidecar=sidecar(path),
        today=today,
    )


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
    found, notes = discover_named(paths)
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


def _format(given: str) -> str:
    """``txt``, ``md`` or ``html`` from a format name as a caller may write it ("markdown")."""
    name = given.lower().lstrip(".")
    formats = {"txt": "txt", "text": "txt", "md": "md", "markdown": "md"}
    formats |= {"html": "html", "htm": "html"}
    if name not in formats:
        raise ValueError(f"unknown document format {given!r}; expected txt, md or html")
    return formats[name]


def _build(
    raw: str,
    *,
    path: str,
    format: str,
    given: Meta,
    sidecar: Meta,
    today: dt.date | None,
) -> Document:
    if raw.startswith("\ufeff"):  # a BOM that survived decoding (text given in memory)
        raw = raw[1:]
    # A lone CR ends a line too; "\n" in its place keeps every offset and lets
    # Document.position (which counts "\n") give the line an editor shows.
    raw = re.sub(r"\r(?!\n)", "\n", raw)
    if format == "html":
        page = extract_html(raw)
        text, offsets = page.text, page.offsets
        dates = [date for date in map(parse_date, page.dates) if date]
        found = Meta(page.title, dates[0] if dates else None, page.source, page.url)
    else:
        found, start = front_matter(raw, path) if format == "md" else (Meta(), 0)
        text, offsets = _unix_lines(raw, start)
        # Comments and suppression directives are markup, never prose to read claims from.
        text = blank_comments(text) if format == "md" else blank_directive_lines(text)
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
        title=meta.title or _first_line_title(text, markdown=format == "md"),
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
