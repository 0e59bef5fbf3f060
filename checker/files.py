"""Reading the files a user names: regular files only, never more than a limit.

Any path a user gives (an article, a rule or settings file, a baseline, a ledger) may be a
FIFO, a device, a socket or a link to one. Opening a FIFO that nobody writes to blocks for
ever, and ``/dev/zero`` never ends. So a file is opened without blocking (``O_NONBLOCK``),
checked to be a regular file on the open descriptor (no race between a check and the open),
and read only up to a limit: one byte more than the limit means "too large", whatever the
file's size claimed.

Paths on POSIX are bytes; Python hands them over as text with each byte that is not UTF-8
as a lone surrogate (``surrogateescape``). :func:`shown` turns such a path into text that
any UTF-8 writer, JSON parser or database accepts.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

__all__ = ["NotRegularFile", "TooLarge", "file_kind", "open_regular", "read_bounded", "shown"]

# What a path that is not a regular file is, in the words of the message a user sees.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: it is not opened for reading."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file: {kind}", path)
        self.kind = kind


class TooLarge(OSError):
    """The file holds more than the limit; ``size`` is its size when known (None for a
    file that grew, or claimed a size of 0 as devices do)."""

    def __init__(self, path: str, limit: int, size: int | None) -> None:
        shown_size = f"{size:,} bytes" if size is not None else f"over {limit:,} bytes"
        super().__init__(errno.EFBIG, f"file too large ({shown_size}, limit {limit:,})", path)
        self.limit = limit
        self.size = size


def file_kind(mode: int) -> str | None:
    """None for a regular file, else what it is ("a FIFO", "a character device", ...)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """``path`` opened for binary reading; :class:`NotRegularFile` when it is anything but
    a regular file (links are followed), ``OSError`` when it cannot be opened."""
    name = os.fspath(path)
    kind = file_kind(os.stat(name).st_mode)  # refuse a FIFO before even opening it
    if kind is not None:
        raise NotRegularFile(os.fsdecode(name), kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(name, flags | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        kind = file_kind(os.fstat(descriptor).st_mode)  # swapped for a FIFO since the stat
        if kind is not None:
            raise NotRegularFile(os.fsdecode(name), kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_bounded(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the regular file at ``path``: :class:`TooLarge` when it holds more than
    ``limit`` bytes (refused by its size before reading, and the read is bounded too, since
    a size can lie), :class:`NotRegularFile` or ``OSError`` when it cannot be read."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise TooLarge(os.fsdecode(os.fspath(path)), limit, size)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(os.fsdecode(os.fspath(path)), limit, None)
    return data


def shown(text: str) -> str:
    """``text`` with every byte a file name carried that is not UTF-8 (a lone surrogate
    U+DC80 to U+DCFF from ``surrogateescape``) written as ``\\xNN``: valid Unicode, and the
    bytes still readable; any other lone surrogate becomes U+FFFD. Text that is valid
    Unicode comes back as it is."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(_shown_char(char) for char in text)
    return text


def _shown_char(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return char
