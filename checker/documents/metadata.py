"""Metadata a document gives about itself: front matter, sidecar files, and their YAML.

Strongest first: front matter (or, for HTML, meta tags), then a sidecar ``NAME.EXT.meta.yaml``
or ``NAME.meta.yaml`` beside the file. Only ``title``, ``published`` (or ``date``),
``source`` and ``url`` are read; other keys are ignored. Invalid YAML (or YAML that is not
keys and values, or carries a tag such as ``!!python/object``) is a :class:`MetadataError`
located in the file: fatal for a document named on the command line, a warning naming the
file and the reason for one found in a folder, whose other documents are still checked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from .dates import parse_date
from .decode import DocumentError, read_file

__all__ = ["SIDECAR", "Meta", "MetadataError", "front_matter", "sidecar"]

SIDECAR = ".meta.yaml"


class MetadataError(DocumentError):
    """Front matter or a sidecar file that is not valid metadata."""


@dataclass(frozen=True)
class Meta:
    """What is known about a document from one source; None where that source is silent."""

    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    # Warnings for the user: a date that is not one, a key that is nearly a known one.
    problems: tuple[str, ...] = ()

    def over(self, weaker: Meta) -> Meta:
        """These fields, each filled from ``weaker`` where unknown here."""
        return Meta(
            self.title or weaker.title,
            self.published or weaker.published,
            self.source or weaker.source,
            self.url or weaker.url,
            (*self.problems, *weaker.problems),
        )


KEYS = ("title", "published", "date", "source", "url")


def _meta_from(data: Mapping, where: str = "", text: str = "", first_line: int = 1) -> Meta:
    """The metadata keys of a front matter or sidecar mapping; other keys are ignored, but
    a key that is nearly a known one ("publshed") and a date that cannot be read
    ("2024-13-45") are problems, located at ``where:line`` when ``where`` is given."""
    fields = {str(key).strip().lower(): value for key, value in data.items()}
    key = "published" if fields.get("published") is not None else "date"
    published = parse_date(fields.get(key))
    problems = []
    if where and fields.get(key) is not None and published is None:
        problems.append(
            f"{_at(where, text, first_line, key)}: {key}: {fields[key]!r} is not a date "
            "(YYYY-MM-DD); the document is read as undated"
        )
    for name in fields:
        near = difflib.get_close_matches(name, KEYS, n=1, cutoff=0.8)
        if where and near and name not in KEYS:
            problems.append(
                f"{_at(where, text, first_line, name)}: unknown metadata key {name!r} "
                f"(did you mean {near[0]!r}?)"
            )
    return Meta(
        title=_text_value(fields.get("title")),
        published=published,
        source=_text_value(fields.get("source")),
        url=_text_value(fields.get("url")),
        problems=tuple(problems),
    )


def _at(where: str, text: str, first_line: int, key: str) -> str:
    """``where:line`` of the line that sets ``key`` (the first line when not found)."""
    pattern = re.compile(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:", re.IGNORECASE)
    for number, line in enumerate(text.splitlines()):
        if pattern.match(line):
            return f"{where}:{first_line + number}"
    return f"{where}:{first_line}"


def _text_value(value: object) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split()) or None
    return None


class _MetaLoader(yaml.SafeLoader):
    """yaml.SafeLoader that keeps an impossible date ("2023-10-35") as text, which
    ``parse_date`` then ignores like any other date it cannot read, instead of failing."""


def _timestamp(loader, node: yaml.Node) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:  # day, month, hour or time zone out of range
        return loader.construct_scalar(node)


_MetaLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

# Front matter is read for every document, and libyaml's parser (when PyYAML was built with
# it) reads it about ten times faster, to the same data. It composes recursively in C, so it
# is given only text too flat to nest deeply (each level of nesting needs one of these
# characters); errors are reported by the Python parser, whose messages the tests pin.
_FastMetaLoader: type | None = None
if hasattr(yaml, "CSafeLoader"):
    _FastMetaLoader = type("_FastMetaLoader", (yaml.CSafeLoader,), {})
    _FastMetaLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_NESTING = re.compile(r"[\[{:?-]")
_MAX_FAST_NESTING = 200


def _parse_yaml(text: str) -> object:
    if _FastMetaLoader is not None and len(_NESTING.findall(text)) <= _MAX_FAST_NESTING:
        with contextlib.suppress(yaml.YAMLError):
            return yaml.load(text, Loader=_FastMetaLoader)  # noqa: S506 - a safe loader
    return yaml.load(text, Loader=_MetaLoader)  # noqa: S506 - a SafeLoader


def _load_yaml(text: str, path: str, what: str, first_line: int) -> Mapping:
    """Safe YAML with errors located in the file (``first_line`` is YAML's line 1)."""
    try:
        data = _parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise MetadataError(f"{path}:{line}: invalid {what}: {problem}") from exc
    except RecursionError:  # PyYAML composes recursively: "[[[[..." 1,000 deep
        raise MetadataError(f"{path}:{first_line}: invalid {what}: nested too deeply") from None
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise MetadataError(f"{path}:{first_line}: invalid {what}: expected keys and values")
    return data


_FRONT_OPEN = re.compile(r"---[ \t]*(?:\r?\n)")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)


def front_matter(raw: str, path: str) -> tuple[Meta, int]:
    """Front matter at the very start of a Markdown file, and where the body begins."""
    opening = _FRONT_OPEN.match(raw)
    if not opening:
        return Meta(), 0
    closing = _FRONT_CLOSE.search(raw, opening.end())
    if not closing:  # a lone "---" is a thematic break, not front matter
        return Meta(), 0
    text = raw[opening.end() : closing.start()]
    data = _load_yaml(text, path, "front matter", 2)
    return _meta_from(data, path, text, 2), closing.end()


def sidecar(path: str) -> Meta:
    """Metadata from ``NAME.EXT.meta.yaml`` (stronger) and ``NAME.meta.yaml`` beside a file."""
    meta = Meta()
    stem = os.path.splitext(path)[0]
    for candidate in (path + SIDECAR, stem + SIDECAR):
        if os.path.isfile(candidate):
            text = read_file(candidate)
            data = _load_yaml(text, candidate, "sidecar", 1)
            meta = meta.over(_meta_from(data, candidate, text, 1))
    return meta
