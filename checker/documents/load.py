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
from .decode import DocumentError, max_file_bytes, read_limited, read_text, too_large
from .directives import blank_comments, blank_directive_lines, document_format
from .discover import discover_named
from .html import extract_html
from .metadata import Meta, MetadataError, front_matter, sidecar

__all__ = ["load_documents", "load_path", "load_text", "skipped"]

TITLE_SKIP = 2  # lines of page furniture passed over before a title
TITLE_MAX = 200
SENTENCE_END = re.compile(r"[a-z0-9]{2}[.!?]\s+[A-Z]")


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


def load_path(
    path: str,
    *,
    strict: bool = False,
    today: dt.date | None = None,
    notes: list[str] | None = None,
) -> Document:
    """Read and parse one file (format from its extension; plain text if unknown).

    ``strict`` refuses files that are not UTF-8 (or UTF-16/32 with a BOM) instead of
    falling back to Windows encodings; without it, such a fallback adds a note to
    ``notes`` (when given). Raises a ``DocumentError`` (an ``InputError``) when the file
    cannot be read or its metadata is invalid.
    """
    raw, note = read_text(path, strict=strict)
    if note is not None and notes is not None:
        notes.append(f"{path}: {note}")
    return _build(
        raw,
        path=path,
        format=document_format(path),
        given=Meta(),
        sidecar=sidecar(path),
        today=today,
        notes=notes,
    )


def load_documents(
    paths: Sequence[str],
    *,
    stdin: str | None = None,
    strict: bool = False,
    today: dt.date | None = None,
    exclude=None,
) -> tuple[list[Document], list[str]]:
    """Every document named by ``paths``, plus notes about files that were skipped.
    ``exclude`` leaves out files found in folders (see :func:`.discover.discover`).

    A file named explicitly that cannot be read, or whose front matter or sidecar is
    invalid, raises a ``DocumentError``; one found inside a folder becomes a note naming it
    and the reason, so one bad file does not stop a whole archive, unless ``strict``. So do
    FIFOs, devices and broken links named like documents, and subfolders that cannot be
    read (see :mod:`.discover`).
    """
    found, notes, problems = discover_named(paths, exclude=exclude)
    if strict and problems:
        raise problems[0]
    notes.extend(map(str, problems))
    documents = []
    for path, explicit in found:
        if path == "-":
            documents.append(load_text(_stdin() if stdin is None else stdin, today=today))
            continue
        try:
            documents.append(load_path(path, strict=strict, today=today, notes=notes))
        except DocumentError as exc:
            if explicit or strict:
                raise
            notes.append(skipped(exc, path))
    return documents, notes


def skipped(exc: DocumentError, path: str) -> str:
    """The note for the document at ``path``, found in a folder and skipped for ``exc``."""
    if not isinstance(exc, MetadataError):
        return str(exc)  # "PATH: cannot read (reason)" says it all
    if str(exc).startswith(f"{path}:"):
        return f"{exc} (file skipped)"
    return f"{exc} ({path} skipped)"  # its sidecar file is the one at fault


def _stdin() -> str:
    """Standard input as text, read no further than the size limit for files."""
    limit = max_file_bytes()
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # a text stream with no bytes beneath (a caller's StringIO)
            text = sys.stdin.read(limit + 1)
            data = None if len(text) > limit else text.encode("utf-8", "surrogatepass")
        else:
            data = read_limited(stream, limit)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"<stdin>: cannot read ({exc})") from exc
    if data is None:  # never read an endless pipe into memory
        raise InputError(f"<stdin>: cannot read ({too_large(None, limit)})")
    return data.decode("utf-8", errors="replace")


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
    notes: list[str] | None = None,
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
    if notes is not None:  # a date that is not one, a misspelt key: said, never fatal
        notes.extend(dict.fromkeys((*found.problems, *sidecar.problems)))
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
    """The first non-empty line when it reads like a headline: short, one phrase, no
    closing period. Page furniture before it is passed over (at most ``TITLE_SKIP``
    lines): a line with a long run of digits (an image's file name), or a line of one or
    two words ("Menu Close") followed by a headline; never a Markdown heading."""
    lines = []
    for raw in text.split("\n"):
        line = raw.strip()
        heading = markdown and line.startswith("#")  # a heading is meant as one
        line = line.lstrip("#").strip() if markdown else line
        if line:
            lines.append((line, heading))
        if len(lines) > TITLE_SKIP + 1:
            break
    for index, (line, heading) in enumerate(lines[: TITLE_SKIP + 1]):
        after = lines[index + 1][0] if index + 1 < len(lines) else ""
        furniture = re.search(r"\d{6,}", line) or (len(line.split()) < 3 and _headline(after))
        if heading or not furniture:
            return line if _headline(line) else None
    return None


def _headline(line: str) -> bool:
    """Short and one phrase: no closing period, no sentence ending inside ("... 2023.
    Image Credit")."""
    return (
        bool(line)
        and len(line) < TITLE_MAX
        and not line.endswith(".")
        and not SENTENCE_END.search(line)
    )
