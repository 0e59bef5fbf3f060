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

import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from .. import nlp as pipeline
from ..extraction.people import Mention, mentions_in
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


def mentions(documents: Iterable[Document]) -> dict[str, tuple[Mention, ...]]:
    """The people named in each document, by path (read here when the caller did not give
    them: see :func:`checker.runner.people_of`, which caches them)."""
    nlp = pipeline.load()
    return {document.path: mentions_in(document.text, nlp) for document in documents}


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
    found = dict(context.people or {})
    missing = [document for document in documents if document.path not in found]
    if missing:
        found.update(mentions(missing))
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
