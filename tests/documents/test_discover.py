"""Finding the document files under the paths given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.documents import (
    EXTENSIONS,
    discover,
    load_documents,
)
from checker.errors import InputError

from .helpers import write

# -- discovery ---------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    for name in ("b.md", "a.txt", "sub/c.html", "sub/deeper/d.htm", "sub/e.markdown", "f.TXT"):
        write(root / name, "Text.")
    for name in ("notes.rst", "image.png", "sub/data.json", ".hidden.md", "a.meta.yaml"):
        write(root / name, "skip")
    write(root / ".git" / "x.md", "skip")
    write(root / "node" / ".cache" / "y.md", "skip")


def test_discover_recursion_order_and_filtering(tmp_path, monkeypatch):
    make_tree(tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    files, warnings = discover(["seeds"])
    assert files == [
        "seeds/a.txt",
        "seeds/b.md",
        "seeds/f.TXT",
        "seeds/sub/c.html",
        "seeds/sub/deeper/d.htm",
        "seeds/sub/e.markdown",
    ]
    assert warnings == []


def test_discover_dedupes_sorts_and_passes_stdin(tmp_path, monkeypatch):
    make_tree(tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    files, _ = discover(["seeds/sub/", "./seeds/b.md", "-", "seeds/sub/c.html", "-"])
    assert files == ["-", "seeds/b.md", "seeds/sub/c.html", "seeds/sub/deeper/d.htm",
                     "seeds/sub/e.markdown"]  # fmt: skip


def test_discover_explicit_files(tmp_path):
    write(tmp_path / "notes.rst", "x")
    with pytest.raises(InputError, match=r"notes\.rst: unsupported file type"):
        discover([str(tmp_path / "notes.rst")])
    with pytest.raises(InputError, match="path not found: .*missing.md"):
        discover([str(tmp_path / "missing.md")])
    with pytest.raises(InputError, match="path not found"):
        load_documents([str(tmp_path / "missing")])


def test_discover_warns_about_empty_folders(tmp_path):
    (tmp_path / "empty").mkdir()
    files, warnings = discover([str(tmp_path / "empty")])
    assert files == []
    assert warnings and "no documents found" in warnings[0]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_discover_survives_symlink_loops(tmp_path):
    write(tmp_path / "root" / "a" / "doc.txt", "Text.")
    os.symlink(tmp_path / "root", tmp_path / "root" / "a" / "loop")
    os.symlink(tmp_path / "root" / "a", tmp_path / "root" / "a" / "self")
    os.symlink(tmp_path / "nowhere", tmp_path / "root" / "dangling.txt")
    files, _ = discover([str(tmp_path / "root")])
    assert files == [(tmp_path / "root" / "a" / "doc.txt").as_posix()]


def test_extensions_constant():
    assert EXTENSIONS == (".txt", ".md", ".markdown", ".html", ".htm")
