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

__all__ = [
    "MAX_FILE_ENV",
    "MAX_FILE_MB",
    "UnreadableError",
    "decode",
    "max_file_bytes",
    "os_reason",
    "read_file",
    "read_limited",
    "too_large",
]

BINARY_SNIFF = 8192  # a NUL byte this early means the file is not text
MAX_FILE_MB = 5  # larger documents are refused; see the module docstring
MAX_FILE_ENV = "FACTCHECK_MAX_FILE_MB"


class UnreadableError(InputError):
    """A file that cannot be read or decoded: fatal when named, a note when found in a folder."""

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


def read_limited(handle: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes from a binary stream; None when it holds more."""
    data = handle.read(limit + 1)
    return None if len(data) > limit else data


def read_file(path: str, *, strict: bool = False) -> str:
    """The decoded text of the file at ``path``; ``UnreadableError`` when it cannot be had."""
    limit = max_file_bytes()
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            # Refused before reading: a 50 MB dump costs no time. The stat size can lie
            # (a pipe, a file still growing), so the read is bounded too.
            data = None if size > limit else read_limited(handle, limit)
    except OSError as exc:
        raise UnreadableError(path, os_reason(exc)) from exc
    if data is None:
        raise UnreadableError(path, too_large(size if size > limit else None, limit))
    try:
        return decode(data, strict=strict)
    except ValueError as exc:
        raise UnreadableError(path, str(exc)) from exc
