"""Decoding files: encodings, line ends, binary and unreadable files."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

from checker.documents import (
    load_documents,
    load_path,
)
from checker.errors import InputError

from .helpers import assert_word_maps_back, write

# The module that reads files (``checker.documents.decode`` as an attribute is the function).
READER = importlib.import_module("checker.documents.decode")


# -- decoding and line ends --------------------------------------------------------------


def test_crlf_text_keeps_raw_and_maps_positions(tmp_path):
    raw = "Title\r\n\r\nIsrael said 1,400 people\r\nwere killed.\r\n"
    doc = load_path(str(write(tmp_path / "a.txt", raw)))
    assert doc.text == "Title\n\nIsrael said 1,400 people\nwere killed.\n"
    assert doc.raw == raw
    assert_word_maps_back(doc, "killed", raw)
    assert doc.position(doc.text.index("killed")).line == 4


def test_lone_cr_line_ends(tmp_path):
    doc = load_path(str(write(tmp_path / "a.txt", "One\rTwo words\r")))
    assert doc.text == "One\nTwo words\n"
    position = doc.position(doc.text.index("words"))
    assert (position.line, position.column) == (2, 5)


def test_utf8_bom_is_stripped(tmp_path):
    doc = load_path(str(write(tmp_path / "a.txt", b"\xef\xbb\xbfHeadline here\nBody.")))
    assert doc.text.startswith("Headline")
    assert doc.title == "Headline here"
    position = doc.position(0)
    assert (position.line, position.column) == (1, 1)


def test_utf16_with_bom(tmp_path):
    doc = load_path(str(write(tmp_path / "a.txt", "Gaza’s 5 km\n".encode("utf-16"))))
    assert doc.text == "Gaza’s 5 km\n"


def test_cp1252_fallback_and_strict(tmp_path):
    path = write(tmp_path / "a.txt", "It’s 5€ — “quoted”".encode("cp1252"))
    assert load_path(str(path)).text == "It’s 5€ — “quoted”"
    with pytest.raises(InputError, match="not valid UTF-8"):
        load_path(str(path), strict=True)


def test_latin1_last_resort(tmp_path):
    path = write(tmp_path / "a.txt", b"caf\xe9 \x81")  # 0x81 is undefined in cp1252
    assert load_path(str(path)).text == "café \x81"


def test_binary_file(tmp_path):
    write(tmp_path / "docs" / "good.txt", "Fine.")
    write(tmp_path / "docs" / "bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    docs, notes = load_documents([str(tmp_path / "docs")])
    assert [Path(doc.path).name for doc in docs] == ["good.txt"]
    assert notes == [f"{(tmp_path / 'docs' / 'bad.txt').as_posix()}: cannot read (binary file)"]
    with pytest.raises(InputError, match=r"bad\.txt: cannot read \(binary file\)"):
        load_documents([str(tmp_path / "docs" / "bad.txt")])
    with pytest.raises(InputError, match="binary file"):
        load_documents([str(tmp_path / "docs")], strict=True)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX, not root")
def test_unreadable_file_in_folder_is_a_note(tmp_path):
    write(tmp_path / "good.txt", "Fine.")
    locked = write(tmp_path / "locked.txt", "Secret.")
    locked.chmod(0)
    try:
        docs, notes = load_documents([str(tmp_path)])
        assert len(docs) == 1
        assert "locked.txt: cannot read (Permission denied)" in notes[0]
        with pytest.raises(InputError, match="Permission denied"):
            load_documents([str(locked)])
    finally:
        locked.chmod(0o644)


def test_directory_is_not_a_file(tmp_path):
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(InputError, match=r"folder\.md: cannot read"):
        load_path(str(tmp_path / "folder.md"))


def test_permission_error_is_a_note_in_a_folder_and_fatal_when_named(tmp_path, monkeypatch):
    """The same as the chmod test above, but also when the tests run as root."""
    write(tmp_path / "good.txt", "Fine.")
    locked = write(tmp_path / "locked.txt", "Secret.")
    real_read = READER.read_bounded

    def guarded_read(path, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(READER, "read_bounded", guarded_read)
    docs, notes = load_documents([str(tmp_path)])
    assert [Path(doc.path).name for doc in docs] == ["good.txt"]
    assert notes == [f"{locked.as_posix()}: cannot read (Permission denied)"]
    with pytest.raises(InputError, match=r"locked\.txt: cannot read \(Permission denied\)"):
        load_documents([str(locked)])
