"""The documents stage: files -> ``Document``.

Takes in paths (files, folders, and "-" for stdin, found by ``discover``), text already in
memory (``load_text``), or stdin. Gives out ``Document``s: the text a reader sees, with
metadata (title, publication date and where it came from, source, url), an offset into the
file as stored for every character of the text, and the suppression comments the article
holds (``with_suppressions``). Nothing here knows about claims or rules.

The modules, in the order a file meets them:

    discover.py    finding the files
    decode.py      bytes -> text, the size limit, ``UnreadableError``
    metadata.py    front matter and sidecar files
    html.py        the visible text of an HTML page, with offsets
    directives.py  document formats and suppression comments
    dates.py       reading dates, inferring the publication date; the one month table
    load.py        building the documents
"""

from __future__ import annotations

from .dates import MONTHS, WEEKDAYS, infer_published, parse_date
from .decode import (
    MAX_FILE_ENV,
    MAX_FILE_MB,
    DocumentError,
    UnreadableError,
    decode,
    decode_noted,
    max_file_bytes,
    read_limited,
    read_text,
    too_large,
)
from .directives import (
    FORMATS,
    Suppression,
    blank_comments,
    blank_directive_lines,
    document_format,
    find_suppressions,
    with_suppressions,
)
from .discover import EXTENSIONS, discover
from .html import HtmlText, extract_html
from .load import load_documents, load_path, load_text, skipped
from .metadata import SIDECAR, MetadataError

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "DocumentError",
    "MAX_FILE_ENV",
    "MAX_FILE_MB",
    "MONTHS",
    "SIDECAR",
    "WEEKDAYS",
    "HtmlText",
    "MetadataError",
    "Suppression",
    "UnreadableError",
    "blank_comments",
    "blank_directive_lines",
    "decode",
    "decode_noted",
    "discover",
    "document_format",
    "extract_html",
    "find_suppressions",
    "infer_published",
    "load_documents",
    "load_path",
    "load_text",
    "max_file_bytes",
    "parse_date",
    "read_limited",
    "read_text",
    "skipped",
    "too_large",
    "with_suppressions",
]
