#!/usr/bin/env python3
"""Rebuild corpus/realnews/ and corpus/stories/ from bench/realnews/*.tsv.

Each row of sources.tsv (event articles) and stories.tsv (the false-positive
collection) names a public GitHub repository, a commit, a path inside it and a
record key (the LDC document id, e.g. AFP_ENG_20080512.0153).  For every row the
script reads that file from a local bare mirror of the repository when one is
present (/work/.mirror/<owner>+<name>/repo, as created by the `fetch` tool, or
any directory given with --mirror-root), otherwise it downloads the raw file
from GitHub (https://raw.githubusercontent.com/<owner>/<name>/<commit>/<path>).
It then cuts the record out of the SGML (<DOC> ... </DOC>), turns it into
Markdown with YAML front matter and writes it to the file the row names.

Idempotent: a file whose content would not change is not rewritten; running it
twice writes nothing the second time.  Prints a summary.

    python bench/realnews/build.py                 # both collections
    python bench/realnews/build.py --only events   # or: --only stories
    python bench/realnews/build.py --check         # report what would change, write nothing
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEFAULT_MIRROR_ROOT = Path("/work/.mirror")

FIELDS_EVENTS = [
    "event",
    "file",
    "published",
    "outlet",
    "url",
    "title",
    "repo",
    "commit",
    "path",
    "key",
]
FIELDS_STORIES = ["file", "published", "outlet", "url", "title", "repo", "commit", "path", "key"]


class Source:
    """Reads files of one repository at one commit: local mirror first, then GitHub."""

    def __init__(self, mirror_root: Path, offline: bool):
        self.mirror_root = mirror_root
        self.offline = offline
        self.cache: dict[tuple[str, str, str], str] = {}
        self.local_hits = 0
        self.downloads = 0

    def _git_dir(self, repo: str) -> Path | None:
        base = self.mirror_root / repo.replace("/", "+")
        for cand in (base / "repo", base, base / ".git"):
            if (cand / "HEAD").is_file() and (cand / "objects").is_dir():
                return cand
        return None

    def read(self, repo: str, commit: str, path: str) -> str:
        key = (repo, commit, path)
        if key in self.cache:
            return self.cache[key]
        data: bytes | None = None
        gd = self._git_dir(repo)
        if gd is not None:
            proc = subprocess.run(
                ["git", "--git-dir", str(gd), "show", f"{commit}:{path}"], capture_output=True
            )
            if proc.returncode == 0:
                data = proc.stdout
                self.local_hits += 1
        if data is None:
            if self.offline:
                raise RuntimeError(f"{repo}@{commit}:{path} not in a local mirror (offline)")
            url = f"https://raw.githubusercontent.com/{repo}/{commit}/{urllib.request.quote(path)}"
            with urllib.request.urlopen(url, timeout=60) as resp:
                data = resp.read()
            self.downloads += 1
        text = data.decode("latin-1") if not _is_utf8(data) else data.decode("utf-8")
        self.cache[key] = text
        return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


DOC_RE = re.compile(r"<DOC[ >].*?</DOC>", re.S)
ID_RE = re.compile(r"<DOC(?:NO|ID)>\s*([^<\s]+)\s*</DOC(?:NO|ID)>|<DOC\s+id=\"([^\"]+)\"")


def find_record(text: str, key: str) -> str:
    for m in DOC_RE.finditer(text):
        doc = m.group(0)
        im = ID_RE.search(doc)
        if im and (im.group(1) or im.group(2) or "").split(".LDC")[0] == key:
            return doc
    raise KeyError(key)


def _tag(doc: str, name: str) -> str:
    m = re.search(rf"<{name}[^>]*>(.*?)</{name}>", doc, re.S)
    return m.group(1) if m else ""


def _clean(s: str) -> str:
    s = re.sub(r"<[^>]+>", " ", s)
    s = re.sub(r"&(?:UR|LR|QL|QR|MD|HT|TF|Cx1f|Cx13|Cx11);", " ", s)
    s = html.unescape(s.replace("&AMP;", "&"))
    s = s.replace("``", "\u201c").replace("''", "\u201d")
    return re.sub(r"\s+", " ", s).strip()


def paragraphs(doc: str) -> list[str]:
    body = _tag(doc, "TEXT")
    parts = re.findall(r"<P>(.*?)</P>", body, re.S)
    if not parts:  # untagged wire copy: paragraphs start with an indented line
        parts = re.split(r"\n\s*\n|\n(?=[ \t]+\S)", body)
    out = []
    for p in parts:
        p = _clean(p)
        if p:
            out.append(p)
    return out


def yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(row: dict, doc: str, collection: str) -> str:
    title = row.get("title") or _clean(_tag(doc, "HEADLINE"))
    paras = paragraphs(doc)
    if not title and paras:
        title = paras[0][:80]
    fm = [
        "---",
        f"title: {yaml_str(title)}",
        f"published: {row['published']}",
        f"source: {yaml_str(row['outlet'])}",
    ]
    if row.get("url"):
        fm.append(f"url: {yaml_str(row['url'])}")
    origin = f"{row['repo']}@{row['commit'][:12]}:{row['path']}#{row['key']}"
    fm.append(f"origin: {yaml_str(origin)}")
    if collection == "events":
        fm.append(f"event: {row['event']}")
    fm.append("---")
    return "\n".join(fm) + "\n\n" + "\n\n".join(paras) + "\n"


def read_tsv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def build(rows: list[dict], out_dir: Path, collection: str, src: Source, check: bool) -> dict:
    stats = {"rows": len(rows), "written": 0, "unchanged": 0, "failed": 0}
    expected = set()
    for row in rows:
        rel = row["file"] if collection == "stories" else f"{row['event']}/{row['file']}"
        target = out_dir / rel
        expected.add(target)
        try:
            text = src.read(row["repo"], row["commit"], row["path"])
            doc = find_record(text, row["key"])
            content = render(row, doc, collection)
        except Exception as exc:  # report, keep going
            stats["failed"] += 1
            print(f"  FAILED {rel}: {exc}", file=sys.stderr)
            continue
        if target.is_file() and target.read_text(encoding="utf-8") == content:
            stats["unchanged"] += 1
            continue
        stats["written"] += 1
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".md.tmp")
            tmp.write_text(content, encoding="utf-8")
            tmp.replace(target)
    stray = [p for p in out_dir.rglob("*.md") if p not in expected] if out_dir.is_dir() else []
    stats["stray"] = len(stray)
    for p in stray:
        print(f"  note: {p.relative_to(ROOT)} is not listed in the tsv (left in place)")
    return stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--only", choices=["events", "stories"])
    ap.add_argument("--mirror-root", type=Path, default=DEFAULT_MIRROR_ROOT)
    ap.add_argument("--out", type=Path, default=ROOT / "corpus")
    ap.add_argument("--offline", action="store_true", help="never download, use local mirrors only")
    ap.add_argument("--check", action="store_true", help="write nothing, report what would change")
    args = ap.parse_args(argv)
    src = Source(args.mirror_root, args.offline)
    jobs = []
    if args.only in (None, "events"):
        jobs.append(("events", HERE / "sources.tsv", args.out / "realnews"))
    if args.only in (None, "stories"):
        jobs.append(("stories", HERE / "stories.tsv", args.out / "stories"))
    failed = 0
    for name, tsv, out in jobs:
        rows = read_tsv(tsv)
        st = build(rows, out, name, src, args.check)
        failed += st["failed"]
        extra = ""
        if name == "events":
            events = sorted({r["event"] for r in rows})
            extra = f", {len(events)} events"
        verb = "would write" if args.check else "written"
        print(
            f"{name}: {st['rows']} rows{extra} -> {out}: {verb} {st['written']}, "
            f"unchanged {st['unchanged']}, failed {st['failed']}, unlisted files {st['stray']}"
        )
    print(f"sources: {src.local_hits} files read from local mirrors, {src.downloads} downloaded")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
