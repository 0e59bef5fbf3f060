"""names: one person's name spelled two ways.

What it catches
    People are found by spaCy's named entities (PERSON) in every document read, with their
    role where the text gives one next to the name ("foreign ministry spokesman Nasser
    Kanani", "Nasser Kanani, spokesperson of the foreign ministry"). Two full names are
    taken for one person spelled two ways when

    - they share the surname and their given names are a small edit apart (at most
      ``max_edits``, both at least ``min_length`` letters, same first letter): "Nasser
      Kanani" and "Naseer Kanani"; or
    - the same role is given for both, the given names are at most ``max_edits`` apart and
      the surnames too: the spokesman "Nasser Kanani" and the spokesman "Nasser Kanaani".

    Mode ``spelling`` reports those. Mode ``transliteration`` reports given names that are
    spellings of one name in another script (Mohammed / Muhammad / Mohamed) under one
    surname: both may be right, so house style decides. A newsroom's style list (see
    :mod:`checker.config.names`) adds such groups, names the house spelling (then every
    other spelling is reported, in one article or many) and lists people's house spellings.

    The finding is made on the rarer spelling (the one the style list does not prefer; on a
    tie, the one in the newer document), at its first mention in each checked document, and
    names the other spelling and where it is. Two names with the same surname are never
    taken for one person when both appear in one document, or when both have roles and the
    roles differ: "Ali Khamenei" and "Mojtaba Khamenei" are two people. Single names
    ("Kanani") are not compared. Only documents with at least one figure are checked.

Options (defaults)
    mode: spelling     spelling | transliteration
    max_edits: 1       letters that may differ between two spellings of a given name
    min_length: 4      given names shorter than this are not compared by spelling

Placeholders
    {name} {other_name} {other_where} {role} {preferred} {path} {line}

Passes
    Foreign ministry spokesman Nasser Kanani said 3 people were killed. Kanani added ...
    (elsewhere) Defence Minister Ali Khamenei ... Mojtaba Khamenei, his son, ...

Fails
    Foreign ministry spokesman Nasser Kanani said 3 people were killed.
    (another article) Foreign ministry spokesman Naseer Kanani said ...
"""

from __future__ import annotations

import dataclasses
import functools
import re
import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from .. import nlp as pipeline
from ..model import Claim, Document, Finding, Rule
from .context import Context

OPTIONS = {"mode": "spelling", "max_edits": 1, "min_length": 4}
CHOICES = {"mode": ("spelling", "transliteration")}
PLACEHOLDERS = frozenset({"name", "other_name", "other_where", "role", "preferred", "path", "line"})
# What this kind compares: every document's text at once (the Dask engine runs it on the client).
SCOPE = "corpus"

# Spellings of one given name in Latin letters; the style list adds groups and picks the
# house spelling. Names that only look alike (Nasser and Naseer) are different names.
TRANSLITERATIONS: tuple[tuple[str, ...], ...] = (
    ("Mohammed", "Muhammad", "Mohamed", "Mohammad", "Mohamad", "Muhammed"),
    ("Ahmed", "Ahmad"),
    ("Mahmoud", "Mahmud"),
    ("Mustafa", "Mostafa", "Moustafa"),
    ("Hussein", "Hussain", "Husain", "Hossein"),
    ("Hassan", "Hasan"),
    ("Youssef", "Yousef", "Yusuf", "Yousif", "Yosef"),
    ("Abdullah", "Abdallah"),
    ("Omar", "Umar"),
    ("Osama", "Usama"),
    ("Khaled", "Khalid"),
    ("Saeed", "Said", "Sayed", "Sayyid"),
    ("Ismail", "Ismael", "Esmail"),
    ("Ebrahim", "Ibrahim"),
    ("Qasem", "Qassem", "Kassem", "Qasim"),
    ("Sergei", "Sergey"),
    ("Dmitry", "Dmitri"),
    ("Volodymyr", "Vladimir"),
    ("Oleksandr", "Alexander", "Aleksandr"),
)

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
class NameStyle:
    """A newsroom's house spellings: transliteration groups (the first spelling is the
    house's when ``preferred``) and people's full names (variant -> house spelling)."""

    transliterations: tuple[tuple[str, ...], ...] = ()
    preferred: bool = False
    people: Mapping[str, str] = field(default_factory=dict)

    def group(self, given: str) -> tuple[str, ...] | None:
        folded = given.casefold()
        for group in (*self.transliterations, *TRANSLITERATIONS):
            if folded in (spelling.casefold() for spelling in group):
                return group
        return None

    def house(self, given: str) -> str | None:
        """The house spelling of a given name when the style list names one."""
        folded = given.casefold()
        for group in self.transliterations:
            if folded in (spelling.casefold() for spelling in group):
                return group[0]
        return None


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
        if len(passage.strip()) < 5 or not _CANDIDATE.search(passage):
            continue
        found.append((match.start(), passage[:MAX_PASSAGE]))
        if len(found) >= MAX_PASSAGES:
            break
    return found


@functools.lru_cache(maxsize=512)
def _mentions_in(text: str) -> tuple[Mention, ...]:
    # Entities need the tagger (for roles) and the recogniser, not the parser or lemmas.
    nlp = pipeline.load()
    disabled = [name for name in ("parser", "lemmatizer") if name in nlp.pipe_names]
    passages = name_passages(text)
    found: list[Mention] = []
    docs = nlp.pipe((passage for _, passage in passages), disable=disabled, batch_size=64)
    for (offset, _), doc in zip(passages, docs, strict=True):
        for mention in person_mentions(doc):
            found.append(dataclasses.replace(mention, start=mention.start + offset))
    return tuple(found)


def mentions(documents: Iterable[Document]) -> dict[str, tuple[Mention, ...]]:
    """The people named in each document, by path."""
    return {document.path: _mentions_in(document.text) for document in documents}


def same_role(one: frozenset[str], other: frozenset[str]) -> bool:
    if not one or not other:
        return False
    if one <= other or other <= one:
        return True
    return len(one & other) / len(one | other) >= 0.6


def relation(a: Mention, b: Mention, style: NameStyle, options: Mapping) -> str | None:
    """``"spelling"``, ``"transliteration"`` or None: how two full names relate."""
    if a.name.casefold() == b.name.casefold() or len(a.words) != len(b.words):
        return None
    both_roles = bool(a.role and b.role)
    if both_roles and not same_role(a.role, b.role):
        return None
    if a.surname.casefold() == b.surname.casefold():
        if _transliterated(a.words[:-1], b.words[:-1], style):
            return "transliteration"
        if _close(a.given, b.given, options):
            return "spelling"
        return None
    same_given = a.given.casefold() == b.given.casefold() or _close(a.given, b.given, options)
    if both_roles and same_given and _close(a.surname, b.surname, options):
        return "spelling"
    return None


def _close(one: str, other: str, options: Mapping) -> bool:
    if min(len(one), len(other)) < options["min_length"]:
        return False
    if one[0].casefold() != other[0].casefold():
        return False
    return Levenshtein.distance(one.casefold(), other.casefold()) <= options["max_edits"]


def _transliterated(one: Sequence[str], other: Sequence[str], style: NameStyle) -> bool:
    differs = False
    for word, other_word in zip(one, other, strict=True):
        if word.casefold() == other_word.casefold():
            continue
        group = style.group(word)
        if group is None or group != style.group(other_word):
            return False
        differs = True
    return differs


def check(claims: Sequence[Claim], context: Context, rule: Rule) -> Iterator[Finding]:
    style = context.names or NameStyle()
    checked = {claim.path for claim in claims}
    documents = sorted(context.documents.values(), key=lambda d: d.path)
    found = mentions(documents)
    spellings: dict[str, list[tuple[Document, Mention]]] = {}
    for document in documents:
        for mention in found[document.path]:
            spellings.setdefault(mention.name, []).append((document, mention))
    reported: set[tuple[str, str]] = set()
    for wrong, right, preferred in _pairs(spellings, style, rule):
        for document, mention in _first_per_document(spellings[wrong]):
            if document.path not in checked or (document.path, wrong) in reported:
                continue
            reported.add((document.path, wrong))
            yield _finding(rule, document, mention, right, spellings.get(right, []), preferred)


def _pairs(
    spellings: Mapping[str, list[tuple[Document, Mention]]], style: NameStyle, rule: Rule
) -> Iterator[tuple[str, str, str]]:
    """(wrong, right, house spelling) for every two spellings of one person."""
    mode = rule.options["mode"]
    names = sorted(spellings)
    for name in names:
        house = style.people.get(name.casefold())
        if mode == "transliteration" and house and house != name:
            yield name, house, house
    for one, other in _candidate_pairs(spellings):
        a, b = _with_role(spellings[one]), _with_role(spellings[other])
        kind = relation(a, b, style, rule.options)
        if kind is None or kind != mode or _apart(spellings[one], spellings[other]):
            continue
        wrong, right = _wrong_first(one, other, spellings, style)
        yield wrong, right, right
    if mode == "transliteration" and style.preferred:
        for name in names:
            mention = spellings[name][0][1]
            house_words = [style.house(word) or word for word in mention.words[:-1]]
            house = " ".join((*house_words, mention.surname))
            if house != name:
                yield name, house, house


def _candidate_pairs(
    spellings: Mapping[str, list[tuple[Document, Mention]]],
) -> Iterator[tuple[str, str]]:
    """The pairs of spellings that may be one person, sorted: those sharing a surname, and
    those sharing a role word whose surnames begin alike. Blocking keeps a corpus with
    thousands of names from comparing every name with every other."""
    blocks: dict[tuple, set[str]] = {}
    for name, found in spellings.items():
        mention = _with_role(found)
        blocks.setdefault(("surname", mention.surname.casefold()), set()).add(name)
        for word in mention.role:
            key = ("role", word, mention.surname[:1].casefold())
            blocks.setdefault(key, set()).add(name)
    pairs: set[tuple[str, str]] = set()
    for names in blocks.values():
        ordered = sorted(names)
        for index, one in enumerate(ordered):
            for other in ordered[index + 1 :]:
                pairs.add((one, other))
    yield from sorted(pairs)


def _with_role(found: list[tuple[Document, Mention]]) -> Mention:
    """The first mention of a spelling that gives a role, else the first."""
    return next((m for _, m in found if m.role), found[0][1])


def _apart(one: list[tuple[Document, Mention]], other: list[tuple[Document, Mention]]) -> bool:
    """Two spellings that name two people: both in one document, or with different roles."""
    if {d.path for d, _ in one} & {d.path for d, _ in other}:
        return True
    roles = [m.role for _, m in one if m.role], [m.role for _, m in other if m.role]
    return any(not same_role(r, s) for r in roles[0] for s in roles[1])


def _wrong_first(
    one: str, other: str, spellings: Mapping[str, list[tuple[Document, Mention]]], style
) -> tuple[str, str]:
    """(wrong, right): the spelling the style list does not prefer; else the rarer one; on
    a tie, the one in the newer document."""
    for name, rival in ((one, other), (other, one)):
        if style.people.get(rival.casefold()) == name:
            return rival, name
        if style.preferred and _is_house(name, style) and not _is_house(rival, style):
            return rival, name
    counts = len(spellings[one]), len(spellings[other])
    if counts[0] != counts[1]:
        return (one, other) if counts[0] < counts[1] else (other, one)
    return (one, other) if _newest(spellings[one]) > _newest(spellings[other]) else (other, one)


def _is_house(name: str, style: NameStyle) -> bool:
    return all(style.house(word) in (None, word) for word in name.split()[:-1])


def _newest(found: list[tuple[Document, Mention]]) -> tuple:
    dates = sorted(d.published.isoformat() for d, _ in found if d.published)
    return (dates[-1] if dates else "", max(d.path for d, _ in found))


def _first_per_document(
    found: list[tuple[Document, Mention]],
) -> list[tuple[Document, Mention]]:
    first: dict[str, tuple[Document, Mention]] = {}
    for document, mention in found:
        if document.path not in first or mention.start < first[document.path][1].start:
            first[document.path] = (document, mention)
    return [first[path] for path in sorted(first)]


class _Leave(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _finding(
    rule: Rule,
    document: Document,
    mention: Mention,
    right: str,
    elsewhere: list[tuple[Document, Mention]],
    preferred: str,
) -> Finding:
    position = document.position(mention.start)
    if elsewhere:
        other_document, other_mention = elsewhere[0]
        line = other_document.position(other_mention.start).line
        other_where = f"{other_document.path}:{line}"
    else:
        other_where = "the style list"
    values = {
        "name": mention.name,
        "other_name": right,
        "other_where": other_where,
        "role": mention.title or "no role given",
        "preferred": preferred,
        "path": document.path,
        "line": str(position.line),
    }
    message = string.Formatter().vformat(rule.message, (), _Leave(values))
    return Finding(
        rule=rule.id,
        kind=rule.kind,
        level=rule.level,
        message=message,
        path=document.path,
        line=position.line,
        column=position.column,
        name=rule.name,
    )
