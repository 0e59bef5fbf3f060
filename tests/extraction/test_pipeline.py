"""The pipeline's speed-ups change nothing: the fast attribute rules give what the model's
attribute_ruler gives, and the lemmatizer's index as sets gives the lemmas it gave as lists."""

from __future__ import annotations

import pytest

from checker.attributes import FastAttributes
from checker.documents import load_documents
from checker.extraction import pieces
from checker.nlp import default_model

from ..conftest import ROOT


@pytest.fixture(scope="module")
def plain():
    """The model as shipped, attribute_ruler included."""
    import spacy

    try:
        return spacy.load(default_model(), exclude=["lemmatizer"])
    except OSError:
        pytest.skip("no English model installed")


def _texts() -> list[str]:
    documents, _ = load_documents([str(ROOT / "tests" / "articles"), str(ROOT / "seeds")])
    texts = [piece.text for document in documents for piece in pieces(document.text)]
    # Rules that span tokens and rare tags: "gonna", "let's", "There are", "ain't".
    return [*texts, "We're gonna win, let's go. There are 12 of them. It ain't over, y'all."]


def _annotations(doc) -> list[tuple]:
    return [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in doc]


def test_the_same_parts_of_speech_morphology_and_lemmas(plain):
    from spacy.tokens import Doc

    ruler = plain.get_pipe("attribute_ruler")
    fast = FastAttributes()
    assert fast.load(ruler)
    with plain.select_pipes(disable=["attribute_ruler", "ner"]):
        parsed = list(plain.pipe(_texts()))
    tokens = 0
    for doc in parsed:
        expected = ruler(Doc(plain.vocab).from_bytes(doc.to_bytes()))
        got = fast(Doc(plain.vocab).from_bytes(doc.to_bytes()))
        assert _annotations(got) == _annotations(expected), doc.text
        tokens += len(doc)
    assert tokens > 10_000


def test_the_pipeline_uses_it(nlp):
    assert "factcheck_attributes" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names


class _Ruler:
    def __init__(self, patterns):
        self.patterns = [{"patterns": [p], "attrs": {}, "index": 0} for p in patterns]
        self.indices = [0] * len(patterns)
        self.attrs = [{} for _ in patterns]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"TAG": "NN", "OP": "+"}],  # a quantifier
        [{"SHAPE": "dd"}],  # an attribute not read here
        [{"LOWER": {"FUZZY": "said"}}],  # an operator not handled here
        [],
    ],
)
def test_rules_it_cannot_read_leave_the_ruler_in_place(pattern):
    assert FastAttributes().load(_Ruler([[{"TAG": "DT"}], pattern])) is False


def test_lemmas_from_the_index_as_sets_are_the_models(plain, nlp):
    from checker import nlp as nlp_module

    fast = nlp_module._LEMMATIZERS[id(nlp.vocab)]
    index = fast.lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in index.values())
    shipped = plain.get_pipe("lemmatizer") if "lemmatizer" in plain.pipe_names else None
    if shipped is None:  # excluded in the fixture: load it on its own
        import spacy

        full = spacy.load(default_model())
        shipped, plain = full.get_pipe("lemmatizer"), full
    assert isinstance(next(iter(shipped.lookups.get_table("lemma_index").values())), list)
    seen = 0
    for doc in plain.pipe(_texts()[:150]):
        for token in doc:
            if token.pos_ in ("NOUN", "VERB", "ADJ", "ADV"):
                shipped.cache.clear()
                fast.cache.clear()
                assert fast.rule_lemmatize(token) == shipped.rule_lemmatize(token), token.text
                seen += 1
    assert seen > 500
