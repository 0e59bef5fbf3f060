"""Sentence fingerprints for the real-news gold sets (claims_gold_*.yaml, expected.yaml).

fingerprint(sentence) -> first 12 hex chars of SHA-1 of the sentence with all whitespace
collapsed to single spaces and stripped (UTF-8).

sentences(text) -> the sentences of an article body (front matter removed if present).

Splitting rule (the one documented in README.md for expected.yaml):
  * paragraphs (blank-line separated) never share a sentence;
  * inside a paragraph, cut after `.`, `!` or `?` (plus any closing quotes/brackets) when
    whitespace follows and the next token starts, after any opening quotes/brackets, with a
    capital letter or a digit;
  * do not cut after a common abbreviation (Fr., Maj., Col., Mrs., Sept., Jan., Calif.,
    Corp., St., no., a.m., p.m., ...) or after a single capital initial ("U. S.");
  * so a quote with an attribution tail ("..., he said.") stays one sentence, and a
    paragraph `"A." he said. "B."` gives two sentences.
Usage: python bench/realnews/fingerprint.py FILE.md   # prints fingerprint<TAB>sentence
"""

from __future__ import annotations

import hashlib
import re
import sys

ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "fr",
    "rev",
    "st",
    "mt",
    "ft",
    "sgt",
    "cpl",
    "pvt",
    "capt",
    "lt",
    "col",
    "gen",
    "maj",
    "adm",
    "cmdr",
    "gov",
    "sen",
    "rep",
    "pres",
    "jr",
    "sr",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "calif",
    "ariz",
    "colo",
    "conn",
    "fla",
    "ill",
    "mass",
    "mich",
    "minn",
    "wash",
    "penn",
    "tenn",
    "corp",
    "inc",
    "co",
    "ltd",
    "bros",
    "no",
    "nos",
    "vs",
    "etc",
    "approx",
    "est",
    "a.m",
    "p.m",
    "u.s",
    "u.n",
    "u.k",
    "e.g",
    "i.e",
}

_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'`(\[]*[A-Z0-9])")


def fingerprint(sentence: str) -> str:
    norm = " ".join(sentence.split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:12]


def _body(text: str) -> str:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :]
    return text


def _is_abbreviation(chunk: str) -> bool:
    # chunk ends just before the terminal '.'
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", chunk)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():  # initial: "U. S.", "M. Ichsan"
        return True
    return word.lower() in ABBREVIATIONS


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for para in re.split(r"\n\s*\n", _body(text)):
        para = " ".join(para.split())
        if not para:
            continue
        start = 0
        for m in _BOUNDARY.finditer(para):
            if para[m.start()] == "." and _is_abbreviation(para[start : m.start()]):
                continue
            out.append(para[start : m.end()].strip())
            start = m.end()
        rest = para[start:].strip()
        if rest:
            out.append(rest)
    return out


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as fh:
            for s in sentences(fh.read()):
                print(f"{fingerprint(s)}\t{s}")
