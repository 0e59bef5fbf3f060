"""Numbers that are not claims: dates, times, ordinals, identifiers, scores, versions.

Each test looks at the tokens around a number; the statistical NER is used only as a hint
for dates, because it also calls "40C" and "3bn" dates and ordinals.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..nlp import lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep. "
    "sept. oct. nov. dec.".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
TIME_WORDS = frozenset("a.m. p.m. am pm a.m p.m gmt utc bst cet et est edt pst pdt hrs h".split())
# Words that name a thing by its number: "Resolution 2334", "page 4", "Route 6".
LABELS = frozenset(
    "page pages chapter section article resolution route flight room gate platform line bus "
    "version v no no. number highway interstate exit lot pier level grade size model channel "
    "district ward precinct block unit apartment building floor terminal runway stage phase "
    "season episode game round match hole lap act clause paragraph item rule bill law "
    "amendment figure table appendix volume vol issue series mark mk type class tier "
    "category cat zone sector region term step question part proposition prop.".split()
)
SCORE_CONTEXT = frozenset(
    "won win wins beat beats defeated lost lose loses drew draw draws victory defeat lead "
    "led leads score scored scoreline thrashing thrashed trailed trailing triumph".split()
)
SPORT_AFTER = frozenset("win victory defeat draw loss lead triumph home away".split())
ID_GLUE_RE = re.compile(r"[A-Za-z].*\d|\d.*[A-Za-z]")
ORDINAL_RE = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
DECADE_RE = re.compile(r"^(?:1[89]\d0s|20\d0s|'\d0s|\d0s)$")
PHONE_RE = re.compile(r"^\+?\d[\d\s().-]{6,}\d$")


def is_nonclaim(doc: Doc, core, unit: str | None, end: int) -> bool:
    """True when the number read as ``core`` is not a figure anyone could fact-check."""
    start = core.start
    tok = doc[start]
    text = tok.text
    prev = doc[start - 1].lower_ if start > 0 else ""
    nxt = doc[core.end].lower_ if core.end < len(doc) else ""
    if core.words or core.vague:
        if prev in MONTHS or nxt in MONTHS:
            return False
        return _is_ordinal_context(doc, start)
    if ORDINAL_RE.match(text) or DECADE_RE.match(text):
        return True
    if _glued_identifier(doc, start, core.end):
        return True
    if unit is not None:
        return False
    if (
        prev in LABELS
        or prev in ("#", "№")
        or (prev == "." and start > 1 and doc[start - 2].lower_ == "no")
    ):
        return True
    if len(text) > 1 and text.startswith("0") and text[1].isdigit():
        return True  # "0800", "0321": dialled, not counted
    if _digit_run(doc, start) >= 3 and core.end - core.start == 1:
        return True  # "+44 20 7946 0958", "0800 555 0199"; "1 234 567" was read as one
    if _street_address(doc, core.end) or _street_address(doc, end):
        return True  # "350 Fifth Avenue", "22-24 Harbour Road"
    if _is_date(doc, start, core.end):
        return True
    if _is_time(doc, start, core.end):
        return True
    if _is_phone_or_version(doc, start, core.end):
        return True
    if _is_list_number(doc, start):
        return True
    if _named(doc, start, core.end):
        return True
    return is_score(doc, start, core.end)


def _is_ordinal_context(doc: Doc, start: int) -> bool:
    return False


def _digit_run(doc: Doc, start: int) -> int:
    """How many bare digit groups stand side by side around ``start`` (a phone number)."""

    def bare(k: int) -> bool:
        return 0 <= k < len(doc) and doc[k].text.isdigit() and "," not in doc[k].text

    lo = hi = start
    while bare(lo - 1) and doc[lo - 1].whitespace_ == " ":
        lo -= 1
    while bare(hi + 1) and doc[hi].whitespace_ == " ":
        hi += 1
    run = hi - lo + 1
    if lo > 0 and doc[lo - 1].text == "+" and not doc[lo - 1].whitespace_:
        run += 2
    return run


STREET_WORDS = frozenset(
    "street st avenue ave road rd boulevard blvd lane drive way place square".split()
)


def _street_address(doc: Doc, end: int) -> bool:
    """'350 Fifth Avenue': a house number."""
    for k in range(end, min(len(doc), end + 3)):
        if not doc[k].text[:1].isupper():
            return False
        if doc[k].lower_.rstrip(".") in STREET_WORDS:
            return True
    return False


def _glued_identifier(doc: Doc, start: int, end: int) -> bool:
    """'F-16', 'COVID-19', 'G7', 'jews-1698675841534', 'A380', '3.8.0': part of a name or id."""
    tok = doc[start]
    if tok.text.count(".") > 1:
        return True
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and not before.whitespace_:
        if (
            before.text in ("-", "/", "_", "#", ".")
            and start > 1
            and not doc[start - 2].whitespace_
        ):
            left = doc[start - 2].text
            if (
                left
                and (left[-1].isalpha() or left[-1].isdigit())
                and not _is_range_hyphen(doc, start)
            ):
                return True
        if (
            before.text
            and before.text[-1].isalpha()
            and before.text not in ("US", "A", "C", "HK", "S", "NZ")
        ):
            return True
    if after is not None and not tok.whitespace_:
        if after.text in ("/",) and end + 1 < len(doc) and doc[end + 1].text[:1].isdigit():
            return True  # 9/11, 24/7, 10/30/2023
        if after.text in ("-", "_", ".") and end + 1 < len(doc) and not after.whitespace_:
            right = doc[end + 1].text
            if right[:1].isalpha() and ID_GLUE_RE.search(right):
                return True
            if after.text == "-" and right[:1].isupper():
                return True  # "7-Eleven"
    return False


def _is_range_hyphen(doc: Doc, start: int) -> bool:
    left = doc[start - 2].text
    return left.replace(",", "").replace(".", "").isdigit()


def _is_date(doc: Doc, start: int, end: int) -> bool:
    tok = doc[start]
    prev = doc[start - 1].lower_ if start > 0 else ""
    nxt = doc[end].lower_ if end < len(doc) else ""
    prev2 = doc[start - 2].lower_ if start > 1 else ""
    if prev in MONTHS or nxt in MONTHS or (prev == "," and prev2 in MONTHS):
        return True
    if prev in ("of",) and nxt in MONTHS:
        return True
    if nxt in ("st", "nd", "rd", "th"):
        return True
    if YEAR_RE.match(tok.text):
        # "in 2019", "since 2011", "2023 was": a year unless it counts something ("2000 troops").
        following = doc[end] if end < len(doc) else None
        plural_after = following is not None and following.tag_ == "NNS"
        lead = doc[start - 1] if start > 0 else None
        counts = plural_after and (
            lead is None
            or lead.pos_ in ("VERB", "AUX", "NUM")
            or lead.is_sent_start
            or lead.lower_
            in ("some", "about", "around", "over", "nearly", "almost", "than", "least")
        )
        return not counts
    if tok.ent_type_ in ("DATE", "TIME") and not _counts_something(doc, start, end):
        ent_text = " ".join(t.lower_ for t in doc[max(0, start - 3) : end + 3])
        if any(w in ent_text for w in ("ago", "since", "until", "later", "earlier")) or any(
            t.lower_ in MONTHS or t.lower_ in WEEKDAYS for t in doc[max(0, start - 3) : end + 3]
        ):
            return True
    return False


def _counts_something(doc: Doc, start: int, end: int) -> bool:
    head = doc[start].head
    return (
        head.pos_ in ("NOUN",)
        and head.i >= end
        and head.lower_ not in ("years", "year", "days", "months", "weeks", "hours", "minutes")
    )


def _is_time(doc: Doc, start: int, end: int) -> bool:
    text = doc[start].text
    nxt = doc[end].lower_ if end < len(doc) else ""
    if re.fullmatch(r"\d{1,2}[:.]\d\d", text) and (nxt in TIME_WORDS or ":" in text):
        return True
    if re.fullmatch(r"\d{1,2}", text) and nxt in TIME_WORDS - {"h"}:
        return True
    if re.fullmatch(r"\d{1,2}(?:am|pm|a\.m\.|p\.m\.)", text.lower()):
        return True
    if nxt == "o'clock" or nxt == "o’clock":
        return True
    if end + 1 < len(doc) and doc[end].text == ":" and re.fullmatch(r"\d\d", doc[end + 1].text):
        return True
    return (
        start > 1 and doc[start - 1].text == ":" and re.fullmatch(r"\d{1,2}", doc[start - 2].text)
    )


def _is_phone_or_version(doc: Doc, start: int, end: int) -> bool:
    prev = doc[start - 1].lower_ if start > 0 else ""
    if prev in ("version", "v", "v.", "release", "ios", "android", "windows", "python"):
        return True
    # Gather the run of digit groups joined by hyphens, spaces or brackets around the number.
    lo, hi = start, end
    while lo > 0 and (doc[lo - 1].text in ("-", "(", ")", "+") or doc[lo - 1].text.isdigit()):
        lo -= 1
        if start - lo > 8:
            break
    while hi < len(doc) and (doc[hi].text in ("-", "(", ")") or doc[hi].text.isdigit()):
        hi += 1
        if hi - end > 8:
            break
    run = doc[lo:hi].text
    digits = sum(c.isdigit() for c in run)
    if digits >= 7 and PHONE_RE.match(run.strip()) and ("-" in run or "+" in run or "(" in run):
        return bool(re.search(r"\d{3,}[\s-]\d{3,}", run) or run.strip().startswith("+"))
    return False


def _is_list_number(doc: Doc, start: int) -> bool:
    """'1.' or '2)' opening a line: list numbering."""
    tok = doc[start]
    line_start = start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_
    if not line_start:
        return False
    nxt = doc[start + 1].text if start + 1 < len(doc) else ""
    return nxt in (".", ")") or tok.text.endswith(".")


def _named(doc: Doc, start: int, end: int) -> bool:
    """'Boeing 737', 'Apollo 11', 'Windows 11': a capitalised name right before a bare number
    that counts nothing after it."""
    if start == 0:
        return False
    prev = doc[start - 1]
    if not any(c.isupper() for c in prev.text) or not prev.whitespace_ or prev.is_sent_start:
        return False
    if prev.pos_ not in ("PROPN", "NOUN") and not prev.text[:1].islower():
        return False
    if prev.ent_type_ in ("GPE", "NORP", "LOC") or prev.lower_ in MONTHS | WEEKDAYS:
        return False
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and doc[start].head.i != start - 1:
        return False  # the number counts what follows
    determiner = doc[start - 2].lower_ if start > 1 else ""
    if (
        prev.pos_ == "PROPN"
        and determiner in ("the", "a", "an", "its", "their", "his", "her", "new")
        and (nxt is None or nxt.is_punct or nxt.pos_ in ("CCONJ", "VERB", "AUX", "ADP"))
    ):
        return True  # "the Pixel 8.", "the iPhone 15 and": a product named by its number
    head = doc[start].head
    return head.i == start - 1 or prev.ent_type_ in (
        "PRODUCT",
        "ORG",
        "FAC",
        "WORK_OF_ART",
        "EVENT",
        "LAW",
    )


def is_score(doc: Doc, start: int, end: int) -> bool:
    """'won 3-1', 'a 2-2 draw': a sports score is not a figure."""
    text = doc[start:end].text
    window = {t.lower_ for t in doc[max(0, start - 4) : start]}
    after = {t.lower_ for t in doc[end : end + 2]}
    hyphen = end < len(doc) and doc[end].text in ("-", "–")
    if not hyphen and "-" not in text and "–" not in text:
        return False
    if window & SCORE_CONTEXT or after & SPORT_AFTER:
        return True
    return False


def is_duration(doc: Doc, start: int, end: int) -> bool:
    """'three days' is a duration (a figure); 'two years ago' and 'the past three days' are
    dates or time frames."""
    prev = doc[start - 1].lower_ if start > 0 else ""
    nxt = doc[end].lower_ if end < len(doc) else ""
    if prev in ("for", "by") and nxt not in ("ago", "later", "earlier"):
        return True  # "held for 72 hours before ...", "delayed by 3 hours after ..."
    if nxt in ("ago", "later", "earlier", "before", "after", "hence", "prior", "since"):
        return False
    if prev == "last" and doc[start - 1].pos_ in ("VERB", "AUX"):
        return True  # "expected to last five days"
    if prev in ("past", "last", "next", "previous", "coming", "first", "final", "recent", "within"):
        return False
    if prev == "the" and nxt in ("of",):
        return False
    return True


# What people are not: counted things a casualty verb may govern ("Seventeen buildings were
# evacuated", "36 districts affected", "40 deer culled", "as two avalanches roared"). The
# classes follow WordNet's lexicographer files for nouns outside noun.person/noun.group:
# noun.artifact, noun.location, noun.animal, noun.plant, noun.event and noun.phenomenon,
# keeping the members that news counts next to tolls.
THING_NOUNS = frozenset(
    # noun.artifact
    "building house home dwelling hut shack tent shelter school hospital clinic church mosque "
    "temple shop store office factory plant warehouse bridge road street highway railway "
    "vehicle car truck lorry bus boat ship ferry vessel barge plane aircraft airplane jet "
    "helicopter train crane structure apartment flat floor storey story room bag weapon "
    "gun rifle bullet tonne ton kilogram litre dollar euro "
    # noun.location
    "village town city district province region area county country state island zone "
    "hectare acre kilometre kilometer mile site "
    # noun.animal, noun.plant
    "animal deer cattle cow sheep goat pig horse dog cat bird chicken poultry livestock "
    "fish whale elephant tree crop "
    # noun.event, noun.phenomenon
    "avalanche snowslide landslide mudslide quake earthquake aftershock tremor flood storm "
    "cyclone hurricane typhoon tornado fire wildfire blaze wave tsunami eruption explosion "
    "blast accident crash incident disaster "
    # noun.group (bodies of people that are institutions, not people)
    "agency organisation organization institution company firm ministry department "
    "authority council committee".split()
)
# "100,000 public bodies": a body that a modifier makes an institution.
INSTITUTION_MODIFIERS = frozenset(
    "public government governmental regulatory statutory local advisory governing "
    "administrative professional state federal international sporting sports legislative "
    "official independent elected".split()
)


def is_age(num: Token, noun: Token | None) -> bool:
    """'Alicia Boice, 21, was rescued', 'Moore, 31, was hurt', 'her son, 12,': a bare number
    set off by commas right after a person's name, or after one person ("her son"), is the
    person's age, not a count."""
    if noun is not None or not num.text.isdigit() or not 0 < int(num.text) < 125:
        return False
    doc = num.doc
    i = num.i
    if i < 2 or doc[i - 1].text != "," or i + 1 >= len(doc):
        return False
    if doc[i + 1].text not in (",", ".", ";", ")", "\u2014", "--"):
        return False
    name = doc[i - 2]
    if name.tag_ == "NN" and not is_thing(name):
        return any(c.dep_ in ("poss", "det") for c in name.children)  # "her son, 12,"
    # Not ORG: the small model reads many personal names as organisations.
    if name.pos_ != "PROPN" or name.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "DATE"):
        return False
    return name.ent_type_ == "PERSON" or name.text[:1].isupper()


def is_thing(noun: Token) -> bool:
    """Whether a counted noun names things, places, animals or events rather than people."""
    word = lemma(noun).lower()
    return word in THING_NOUNS or noun.lower_ in THING_NOUNS or is_institution(noun)


def more_things(noun: Token) -> bool:
    """'that building and seven others': others of a thing are things."""
    return (
        lemma(noun).lower() in ("other", "others")
        and noun.dep_ == "conj"
        and noun.head.pos_ == "NOUN"
        and is_thing(noun.head)
    )


def is_institution(noun: Token) -> bool:
    """'100,000 public bodies', 'regulatory bodies': bodies that are institutions."""
    return lemma(noun).lower() == "body" and any(
        c.dep_ in ("amod", "compound") and c.lower_ in INSTITUTION_MODIFIERS for c in noun.children
    )
