"""Helpers shared by the ledger tests (tests/store) and the index tests (tests/archive)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

from checker.store.ledger import APPLICATION_ID
from checker.store.sqlite import MAGIC

TOLL = """---
title: Toll rises
published: {date}
---
The Hamas-run health ministry in Gaza said on Friday that {value} people had been killed in
Gaza since October 7.
"""
TROOPS = """---
title: Troops
published: 2023-10-30
---
The United States keeps around 2,500 troops in Iraq and some 900 in Syria.
"""


def make_archive(tmp_path: Path, root: Path) -> Path:
    """A small archive: the project's seeds plus two short articles."""
    folder = tmp_path / "arch"
    folder.mkdir()
    for seed in sorted((root / "seeds").glob("*.md")):
        shutil.copy(seed, folder / seed.name)
    (folder / "toll.md").write_text(TOLL.format(date="2023-11-03", value="9,061"))
    (folder / "troops.md").write_text(TROOPS)
    return folder


def is_ledger(path: str | os.PathLike) -> bool:
    """Whether ``path`` is an SQLite file carrying the ledger's application id (read from
    the raw header, not through SQLite)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(72)
    except OSError:
        return False
    return head[:16] == MAGIC and int.from_bytes(head[68:72], "big") == APPLICATION_ID


def rows(path) -> dict[str, tuple]:
    """The ledger's documents (path -> metadata and hash) and claim counts, read raw."""
    with sqlite3.connect(path) as db:
        documents = {
            row[0]: row[1:]
            for row in db.execute(
                "SELECT path, title, published, published_from, source, url, content_hash "
                "FROM documents"
            )
        }
        claims = dict(
            db.execute(
                "SELECT documents.path, count(claims.id) FROM documents "
                "LEFT JOIN claims ON claims.document = documents.id GROUP BY documents.path"
            ).fetchall()
        )
    return {path: (*documents[path], claims[path]) for path in documents}


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
