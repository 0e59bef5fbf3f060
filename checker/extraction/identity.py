"""The extractor's identity: what, besides a document's text and date, decides its claims.

Stored claims (the extraction cache, the ledger) are kept under these keys, so that a claim
never outlives the pipeline, extractor or vocabulary that produced it:

- ``extractor_version()``: ``EXTRACTOR_RELEASE`` plus a digest of the extraction code (every
  module of this package, and the pipeline's own components ``checker/nlp.py`` and
  ``checker/attributes.py``). A release number alone is forgotten during development; the
  digest is not. It is computed on first use, not at import.
- ``model_identity()``: the spaCy pipeline's name, a digest of its ``meta.json`` and the
  spaCy version, read from the installed package without loading it.
- ``vocabulary_digest()``: the measures, places and groups in use.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
from pathlib import Path

from ..nlp import default_model

EXTRACTOR_RELEASE = "2"  # bump to retire every stored claim at once
PACKAGE = Path(__file__).parent
# Besides every module of checker/extraction/: the pipeline's components shape the parse, and
# the claim's own module its stored shape.
PIPELINE_SOURCES = (
    PACKAGE.parent / "nlp.py",
    PACKAGE.parent / "attributes.py",
    PACKAGE.parent / "model" / "claim.py",
)


@functools.cache
def extractor_version() -> str:
    """``EXTRACTOR_RELEASE`` and a digest of the extraction code, read once per process."""
    digest = hashlib.sha256()
    for path in [*sorted(PACKAGE.glob("*.py")), *PIPELINE_SOURCES]:
        digest.update(path.read_bytes())
    return f"{EXTRACTOR_RELEASE}+{digest.hexdigest()[:12]}"


def model_identity(model: str | None = None) -> str:
    """The pipeline as stored claims see it: name, a digest of its meta.json, spaCy version.

    Read from the package or folder on disk; the pipeline itself is not loaded.
    """
    if model is None:
        model = default_model()
    meta = _model_meta(model)
    digest = hashlib.sha256(meta).hexdigest()[:16] if meta else _distribution_version(model)
    return f"{model}|{digest or 'unknown'}|spacy={_distribution_version('spacy') or '?'}"


def _model_meta(model: str) -> bytes | None:
    folder: Path | None = None
    path = Path(model).expanduser()
    if path.is_dir():
        folder = path
    else:
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.origin:
            folder = Path(spec.origin).parent
    if folder is None:
        return None
    try:
        return (folder / "meta.json").read_bytes()
    except OSError:
        return None


def _distribution_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None


def vocabulary_digest(vocabulary) -> str:
    """A digest of everything in a vocabulary: a new measure, alias or trigger word
    changes what is extracted."""
    data = {
        "measures": {
            name: dataclasses.asdict(measure)
            for name, measure in sorted(vocabulary.measures.items())
        },
        "places": sorted(vocabulary.places.items()),
        "groups": sorted(vocabulary.groups.items()),
        "within": sorted(vocabulary.within.items()),
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extraction_key(model: str | None, vocabulary) -> str:
    """What, besides a document, decides its claims: pipeline, extractor and vocabulary."""
    parts = (
        f"extractor={extractor_version()}",
        f"model={model_identity(model)}",
        f"vocabulary={vocabulary_digest(vocabulary)}",
    )
    return "\n".join(parts)


def extraction_digest(model: str | None, vocabulary) -> str:
    """A short digest of :func:`extraction_key`, as the ledger stores it per document."""
    return hashlib.sha256(extraction_key(model, vocabulary).encode()).hexdigest()[:16]
