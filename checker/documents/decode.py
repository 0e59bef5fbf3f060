"""Bytes to text: encodings, binary files, and the size limit on what is read.

A file larger than ``MAX_FILE_MB`` megabytes (default 5; the environment variable
``FACTCHECK_MAX_FILE_MB`` changes it) is not read: it cannot be read like any other file
("PATH: cannot read (file too large: 50.0 MB, limit 5 MB)"), a warning inside a folder and
an error when named. Extraction runs at roughly 30 seconds a megabyte of news prose (more
for text dense with figures), so the limit keeps one stray dump from stalling a CI run; it
is checked before reading, so refusing a huge file is instant.
"""

from __future__ import annotations

import codecs
import os
from typing import BinaryIO

from ..errors import InputError
from ..files import TooLarge, read_bounded

__all__ = [
    "DocumentError",
    "MAX_FILE_ENV",
    "MAX_FILE_MB",
    "UnreadableError",
    "decode",
    "decode_noted",
    "max_file_bytes",
    "os_reason",
    "read_file",
    "read_limited",
    "read_text",
    "too_large",
]

BINARY_SNIFF = 8192  # a NUL byte this early means the file is not text
MAX_FILE_MB = 5  # larger documents are refused; see the module docstring
MAX_FILE_ENV = "FACTCHECK_MAX_FILE_MB"


class DocumentError(InputError):
    """A document that cannot be used: fatal when named on the command line (or under
    ``--strict``), a warning naming it when found in a folder, so the rest is checked."""


class UnreadableError(DocumentError):
    """A file that cannot be read or decoded."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: cannot read ({reason})")


def os_reason(exc: OSError) -> str:
    """What went wrong, in the operating system's words ("Permission denied")."""
    return exc.strerror or str(exc)


def decode(data: bytes, *, strict: bool = False) -> str:
    """Bytes to text: a BOM decides, else UTF-8, else (unless strict) cp1252, then latin-1.

    Raises ``ValueError`` with a short reason for binary or undecodable data. Legacy
    fallbacks exist because newsroom exports still arrive in Windows encodings; ``strict``
    refuses them so a pipeline can insist on UTF-8.
    """
    return decode_noted(data, strict=strict)[0]


def decode_noted(data: bytes, *, strict: bool = False) -> tuple[str, str | None]:
    """Like :func:`decode`, with a note when the text was not UTF-8 and a legacy encoding
    was guessed ("not valid UTF-8 (byte 12); read as Windows-1252"), else None."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as exc:
                raise ValueError(f"invalid {codec.upper()}: {exc.reason}") from exc
    if b"\x00" in data[:BINARY_SNIFF]:
        raise ValueError("binary file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        if strict:
            raise ValueError(f"not valid UTF-8: byte {exc.start}: {exc.reason}") from exc
        where = f"not valid UTF-8 (byte {exc.start})"
    try:
        text, name = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, name = data.decode("latin-1"), "Latin-1"
    return text, f"{where}; read as {name} (--strict refuses such files)"


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


def read_limited(handle: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes from a binary stream; None when it holds more."""
    data = handle.read(limit + 1)
    return None if len(data) > limit else data


def read_file(path: str, *, strict: bool = False) -> str:
    """The decoded text of the file at ``path``; ``UnreadableError`` when it cannot be had."""
    return read_text(path, strict=strict)[0]


def read_text(path: str, *, strict: bool = False) -> tuple[str, str | None]:
    """The decoded text of the file at ``path`` and a note about its encoding when it was
    not UTF-8 (see :func:`decode_noted`); ``UnreadableError`` when it cannot be had.

    Only a regular file is opened (a FIFO with no writer would block for ever, a device
    never end), and never more than the size limit is read."""
    limit = max_file_bytes()
    try:
        # Refused before reading when its size says so: a 50 MB dump costs no time. The
        # size can lie (a file still growing), so the read is bounded too.
        data = read_bounded(path, limit)
    except TooLarge as exc:
        raise UnreadableError(path, too_large(exc.size, limit)) from exc
    except OSError as exc:
        raise UnreadableError(path, os_reason(exc)) from exc
    try:
        return decode_noted(data, strict=strict)
    except ValueError as exc:
        raise UnreadableError(path, str(exc)) from exc
