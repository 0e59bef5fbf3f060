"""Wire copies: which documents are copies of one story, and a key for a set of documents.

Two documents are copies of the same wire story when most of the shorter one's 8-word
shingles also occur in the other (containment >= 0.5, and at least ``MIN_SHARED`` shingles in
common). Containment rather than Jaccard because copies add captions, bylines and
"also read" boxes that would drag Jaccard down (the two AFP copies in ../shared/seeds share
87% of the shorter one's shingles but only 59% of the union). Copies form one *story*: a
figure repeated by a copy is one observation, not corroboration."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations, pairwise
from pathlib import Path

from ..model import Document

SHINGLE_WORDS = 8


COPY_THRESHOLD = 0.5


MIN_SHARED = 10


COMMON_SHINGLE = 50


_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """Hashes of every run of ``size`` consecutive words, case-folded."""
    words = _WORD.findall(text.lower())
    # zip builds the word runs and map hashes them without a Python loop a position.
    return set(map(hash, zip(*(words[k:] for k in range(size)), strict=False)))


def find_stories(
    documents: Sequence[Document],
    *,
    size: int = SHINGLE_WORDS,
    threshold: float = COPY_THRESHOLD,
) -> dict[str, str]:
    """Map each document path to its story: the first path (sorted) among its wire copies."""
    texts = {document.path: document.text for document in documents}
    # Each document's shingles as 8-byte integers (a set of Python ints takes ten times the
    # memory, and a month of coverage has millions of shingles).
    hashes = {path: array("q", shingles(text, size)) for path, text in texts.items()}
    ranges = hash_ranges(sum(map(len, hashes.values())))
    candidates = _candidates(hashes)
    found = [hashes[path] for path in candidates]
    if len(ranges) > 1:  # a range of each document's shingles is then a slice
        found = [array("q", sorted(each)) for each in found]
    lists: Counter[tuple[int, ...]] = Counter()
    for part in ranges:
        lists.update(posting_lists(found, part))
    sizes = [len(each) for each in found]
    return stories_from_lists(sorted(texts), candidates, sizes, lists, threshold=threshold)


def _candidates(hashes: Mapping[str, array]) -> list[str]:
    """The paths, sorted, of the documents long enough to be a copy: too short to share
    MIN_SHARED shingles is never a copy (archive documents given to the engine as metadata
    only have no text at all, and there may be thousands)."""
    return [path for path in sorted(hashes) if len(hashes[path]) >= MIN_SHARED]


def posting_lists(hashes: Sequence[array], part: tuple[int, int] | None) -> Counter:
    """How many pairing shingles (hashed into ``part``) each distinct list of documents has.

    An inverted index from shingle to documents: only documents that share shingles are ever
    compared, so a month of coverage costs about what its copies cost, not n squared. A
    shingle found in more than COMMON_SHINGLE documents is boilerplate (a standard sign-off,
    a recurring background paragraph) and pairs nothing. The shingles of a shared paragraph
    all have the same documents: each distinct list is kept once, with its count.
    """
    return Counter(tuple(docs) for docs in _postings(hashes, part).values())


def stories_from_lists(
    paths: Sequence[str],
    candidates: Sequence[str],
    sizes: Sequence[int],
    lists: Counter,
    *,
    threshold: float = COPY_THRESHOLD,
) -> dict[str, str]:
    """Stories from the posting-list counts of :func:`posting_lists` over all hash ranges.

    ``candidates`` are the documents indexed (in index order) and ``sizes`` their shingle
    counts. Documents are listed in index order, so each pair comes as (lower, higher).
    Copies are joined into stories; each story's root is its first document, whatever order
    the pairs come in. The same lists give the same stories, however they were gathered.
    """
    shared_counts: Counter[tuple[int, int]] = Counter()
    for docs, times in lists.items():
        if times == 1:
            shared_counts.update(combinations(docs, 2))
        else:
            for pair in combinations(docs, 2):
                shared_counts[pair] += times
    parent = list(range(len(candidates)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for (i, j), shared in shared_counts.items():
        if shared >= MIN_SHARED and shared / min(sizes[i], sizes[j]) >= threshold:
            first, second = root(i), root(j)
            parent[max(first, second)] = min(first, second)
    story = {path: candidates[root(k)] for k, path in enumerate(candidates)}
    return {path: story.get(path, path) for path in paths}


def stories_key(documents: Sequence[Document]) -> str:
    """What decides :func:`find_stories`: this module's code and each path and its text
    (the key the extraction cache remembers a grouping under)."""
    digest = hashlib.sha256()
    digest.update(Path(__file__).read_bytes())
    for document in sorted(documents, key=lambda d: d.path):
        digest.update(f"\0{document.path}\0".encode("utf-8", "surrogatepass"))
        digest.update(hashlib.sha256(document.text.encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()


SHINGLES_PER_PASS = 250_000  # bounds the index held at once: about 30 MB


def hash_ranges(shingle_count: int) -> list[tuple[int, int] | None]:
    """Equal ranges of the 64-bit hash space, enough that each holds about SHINGLES_PER_PASS
    shingles: the index is built one range at a time. ``[None]``: all in one pass."""
    parts = shingle_count // SHINGLES_PER_PASS
    if parts <= 1:
        return [None]
    low, span = -(2**63), 2**64
    bounds = [low + span * k // parts for k in range(parts + 1)]
    return list(pairwise(bounds))


def _postings(hashes: Sequence[array], part: tuple[int, int] | None) -> dict[int, list[int]]:
    """The documents (by index, ascending) of each shingle hashed into ``part`` (None: any)
    that can pair documents (found in 2 to COMMON_SHINGLE of them). With a part, each
    document's shingles must be sorted."""
    slices = hashes
    if part is not None:
        low, high = part
        slices = [found[bisect_left(found, low) : bisect_left(found, high)] for found in hashes]
    # Most shingles occur in one document only: counted first (in C), they are never indexed.
    occurrences: Counter[int] = Counter()
    for found in slices:
        occurrences.update(found)
    pairing = {shingle for shingle, n in occurrences.items() if 2 <= n <= COMMON_SHINGLE}
    postings: dict[int, list[int]] = {}
    for index, found in enumerate(slices):
        for shingle in pairing.intersection(found):
            postings.setdefault(shingle, []).append(index)
    return postings


def story_dates(documents: Sequence[Document], stories: Mapping[str, str]) -> dict[str, dt.date]:
    """Dates for documents without one of their own, from their dated wire copies.

    An undated copy of a story (``published_from`` None: the caller may have dated it with the
    check date, as drafts are) was published when its story was: the earliest date a copy
    carries in its metadata, sidecar or text. Without this an old wire story found undated
    would read as published today, and its every figure as stale.
    """
    earliest: dict[str, dt.date] = {}
    for document in documents:
        if document.published is not None and document.published_from is not None:
            story = stories.get(document.path, document.path)
            if story not in earliest or document.published < earliest[story]:
                earliest[story] = document.published
    return {
        document.path: earliest[stories.get(document.path, document.path)]
        for document in documents
        if document.published_from is None and stories.get(document.path, document.path) in earliest
    }
