"""People named in full in a document, with their roles: what the names rule compares.

spaCy's entity recogniser (PERSON) reads only the passages that may name someone in full (a
run of capitalised words), so a document costs a small part of a full parse; the roles come
from the words next to the name ("foreign ministry spokesman Nasser Kanani", "Nasser
Kanani, spokesperson of the ministry")."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady gen general lt col colonel major capt captain "
    "sgt adm admiral president prime minister sheikh shaikh imam rabbi father pope king "
    "queen prince princess crown senator sen rep gov governor mayor judge justice chief "
    "secretary ambassador commander spokesman spokeswoman spokesperson".split()
)


ROLE_NOUNS = TITLES | frozenset(
    "director head official leader envoy adviser advisor coordinator officer chairman "
    "chairwoman ceo founder editor correspondent researcher professor analyst".split()
)


SPOKESPERSON = frozenset({"spokesman", "spokeswoman", "spokesperson"})


_ROLE_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "IN", "DT", "POS"})


_ROLE_SKIP = frozenset({"the", "of", "a", "an", "'s", "’s", "for", "in", "at", "and"})


_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*\.?")


@dataclass(frozen=True)
class Mention:
    """A person named in full in a document: the name as written, where, and the role."""

    name: str
    start: int
    role: frozenset[str] = frozenset()
    title: str = ""  # the role as written, for messages

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.name.split())

    @property
    def given(self) -> str:
        return " ".join(self.words[:-1])

    @property
    def surname(self) -> str:
        return self.words[-1]


def person_mentions(doc) -> list[Mention]:
    """The people named in full (two to four words) in a spaCy ``doc``, with their roles."""
    found = []
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        words = [token for token in entity if token.text not in ("'s", "’s")]
        while words and words[0].lower_.rstrip(".") in TITLES:
            words = words[1:]
        if not 2 <= len(words) <= 4 or not all(_is_name_word(t.text) for t in words):
            continue
        name = " ".join(t.text for t in words)
        role, title = _role(doc, words[0].i, entity.end)
        found.append(Mention(name, words[0].idx, role, title))
    return found


def _is_name_word(word: str) -> bool:
    return bool(_WORD.fullmatch(word)) and word[0].isupper() and not word.isupper()


def _role(doc, start: int, end: int) -> tuple[frozenset[str], str]:
    """Role words next to a name: the title before it ("foreign ministry spokesman Nasser
    Kanani") or an apposition after it ("Nasser Kanani, spokesperson of the ministry,")."""
    words = []
    index = start - 1
    while index >= 0 and start - index <= 7 and doc[index].tag_ in _ROLE_TAGS:
        words.insert(0, doc[index].lower_)
        index -= 1
    if end + 1 < len(doc) and doc[end].text == ",":
        index = end + 1
        while index < len(doc) and index - end <= 8 and doc[index].tag_ in _ROLE_TAGS:
            words.append(doc[index].lower_)
            index += 1
    role = {("spokesperson" if w in SPOKESPERSON else w) for w in words}
    role -= _ROLE_SKIP
    if not role & ROLE_NOUNS:
        return frozenset(), ""
    title = " ".join(words).replace(" 's", "'s").replace(" ’s", "’s")
    return frozenset(role), title.strip(" ,")


# A run of two to four capitalised words: the passages worth giving to the entity
# recogniser. Most sentences of a news article name nobody in full.
_CANDIDATE = re.compile(r"\b[A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_'’-]*[^\W\d_]){1,3}\b")


# Capitalised words that begin a sentence or a phrase but no name ("The", "On Monday"), and
# words of organisations and places, which name no person ("Border Guard", "Red Cross").
_LEADING = frozenset(
    "the a an in on at of for from to by with since after before during when while as if "
    "but and or so yet it its he she they we this that these those last next every each "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_NOT_PERSONAL = frozenset(
    "agency ministry ministries nations guard guards corps programme program cross state "
    "states square plaza university council committee party army forces force department "
    "office bank company group international national union organization organisation "
    "association institute service services commission authority police court government "
    "hospital street road avenue airport station east west north south central republic "
    "kingdom federation news post times press radio television club league cup".split()
)


def _may_be_name(match: re.Match) -> bool:
    """Whether a run of capitalised words may be a person's full name: two or more words
    once a leading function word is dropped, none of them an organisation's or a place's."""
    words = match.group().split()
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    return len(words) >= 2 and not any(word.lower() in _NOT_PERSONAL for word in words)


_PASSAGE = re.compile(r"[^\n.!?]*(?:[.!?]+(?=\s|$)|\n|$)")


MAX_PASSAGE = 1_000  # characters of one passage given to the recogniser


MAX_PASSAGES = 400  # passages of one document: names of a person recur early


def name_passages(text: str) -> list[tuple[int, str]]:
    """(offset, passage) for the sentences and lines of ``text`` that may name a person in
    full, each at most MAX_PASSAGE characters, at most MAX_PASSAGES of them: linear in the
    text, and a small part of it."""
    found: list[tuple[int, str]] = []
    for match in _PASSAGE.finditer(text):
        passage = match.group()
        if len(passage.strip()) < 5 or not any(map(_may_be_name, _CANDIDATE.finditer(passage))):
            continue
        found.append((match.start(), passage[:MAX_PASSAGE]))
        if len(found) >= MAX_PASSAGES:
            break
    return found


def mentions_in(text: str, nlp) -> tuple[Mention, ...]:
    """The people named in full in ``text`` (offsets in ``text``), read with ``nlp``."""
    return mentions_of([text], nlp)[0]


def mentions_of(texts: Sequence[str], nlp) -> list[tuple[Mention, ...]]:
    """The people named in full in each of ``texts``, read with the pipeline ``nlp`` in one
    batched pass over their name passages: entities need its tagger (for roles) and
    recogniser, not its parser or lemmas."""
    disabled = [name for name in ("parser", "lemmatizer") if name in nlp.pipe_names]
    jobs = [
        (k, offset, passage)
        for k, text in enumerate(texts)
        for offset, passage in name_passages(text)
    ]
    found: list[list[Mention]] = [[] for _ in texts]
    docs = nlp.pipe((passage for _, _, passage in jobs), disable=disabled, batch_size=128)
    for (k, offset, _), doc in zip(jobs, docs, strict=True):
        for mention in person_mentions(doc):
            found[k].append(dataclasses.replace(mention, start=mention.start + offset))
    return [tuple(each) for each in found]


def mention_to_record(mention: Mention) -> dict:
    """A mention as plain data (for the extraction cache)."""
    return {
        "name": mention.name,
        "start": mention.start,
        "role": sorted(mention.role),
        "title": mention.title,
    }


def mention_from_record(record: dict) -> Mention:
    """The inverse of :func:`mention_to_record`."""
    return Mention(record["name"], record["start"], frozenset(record["role"]), record["title"])
