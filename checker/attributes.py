"""A faster stand-in for a pipeline's ``attribute_ruler``, with the same results.

The attribute ruler maps fine-grained tags to parts of speech and morphology, with
exceptions by word ("that" as a pronoun, "'s" as "be"). spaCy runs it through the Matcher and
sets every matched token's attributes one match at a time, which took a seventh of the parse
of the sentences we read. Nearly all its rules look at one token only, and what a one-token
rule says depends on four of the token's values (tag, lower-case form, dependency label and
whether it is a space), so the rules that apply are worked out once per combination of those
values and remembered; the few rules that span tokens are checked only where their first
token matches. Patterns here are fixed sequences of tokens (the ruler's own rules use no
quantifiers), which is all that is handled.

The rules are applied in the ruler's own order (a later rule wins), through spaCy's own
``set_token_attrs``. A ruler with rules this module does not understand is left in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens._retokenize import set_token_attrs

_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_MEMO_LIMIT = 200_000


def _predicate(key: str, expected: object) -> Callable[[tuple], bool] | None:
    """A test on a token's (tag, lower, dep, is_space) for one pattern key, or None when
    the value uses an operator not handled here."""
    at = _KEYS.index(key)
    if isinstance(expected, (str, bool)):
        return lambda values: values[at] == expected
    if isinstance(expected, dict) and len(expected) == 1:
        ((operator, argument),) = expected.items()
        if operator == "IN" and isinstance(argument, list):
            members = frozenset(argument)
            return lambda values: values[at] in members
        if operator == "NOT_IN" and isinstance(argument, list):
            members = frozenset(argument)
            return lambda values: values[at] not in members
        if operator == "REGEX" and isinstance(argument, str):
            search = re.compile(argument).search
            return lambda values: isinstance(values[at], str) and search(values[at]) is not None
    return None


class FastAttributes:
    """The component: ``load(ruler)`` takes over an AttributeRuler's rules."""

    def __init__(self) -> None:
        # (rule id, tests of each token of the pattern, the token the rule sets)
        self._patterns: list[tuple[int, tuple[tuple[Callable, ...], ...], int]] = []
        self._by_tag: dict[str, list[int]] = {}  # patterns by their first token's tag
        self._any_tag: list[int] = []  # patterns whose first token names no single tag
        self._attrs: list[dict] = []
        self._memo: dict[tuple, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def load(self, ruler) -> bool:
        """Take the rules of ``ruler``; False (and nothing taken) when one cannot be read
        (an operator or attribute not handled here, a quantifier, an index out of range)."""
        patterns = []
        by_tag: dict[str, list[int]] = {}
        any_tag: list[int] = []
        for rule_id, spec in enumerate(ruler.patterns):
            index = ruler.indices[rule_id]
            for pattern in spec["patterns"]:
                if not isinstance(pattern, list) or not pattern:
                    return False
                if not -len(pattern) <= index < len(pattern):
                    return False
                tokens = []
                for token in pattern:
                    tests = []
                    for key, expected in token.items():
                        test = _predicate(key, expected) if key in _KEYS else None
                        if test is None:
                            return False
                        tests.append(test)
                    tokens.append(tuple(tests))
                tag = pattern[0].get("TAG")
                if isinstance(tag, str):
                    by_tag.setdefault(tag, []).append(len(patterns))
                else:
                    any_tag.append(len(patterns))
                patterns.append((rule_id, tuple(tokens), index % len(pattern)))
        self._patterns, self._by_tag, self._any_tag = patterns, by_tag, any_tag
        self._attrs = list(ruler.attrs)
        self._memo = {}
        return True

    def _starting(self, values: tuple) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """For a token with these values: the one-token rules that apply to it, and the
        longer patterns (by position in the list) whose first token it matches."""
        found = self._memo.get(values)
        if found is None:
            single, longer = [], []
            for k in (*self._by_tag.get(values[0], ()), *self._any_tag):
                rule_id, tokens, _ = self._patterns[k]
                if not all(test(values) for test in tokens[0]):
                    continue
                if len(tokens) == 1:
                    single.append(rule_id)
                else:
                    longer.append(k)
            found = (tuple(single), tuple(longer))
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[values] = found
        return found

    def __call__(self, doc):
        tokens = list(doc)
        values = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in tokens]
        per_token: dict[int, list[int]] = {}
        for i, these in enumerate(values):
            single, longer = self._starting(these)
            if single:
                per_token.setdefault(i, []).extend(single)
            for k in longer:
                rule_id, pattern, index = self._patterns[k]
                if i + len(pattern) <= len(tokens) and all(
                    all(test(values[i + n]) for test in pattern[n]) for n in range(1, len(pattern))
                ):
                    per_token.setdefault(i + index, []).append(rule_id)
        attrs = self._attrs
        for i, rules in per_token.items():
            token = tokens[i]
            for rule_id in sorted(rules):  # the ruler's order: later rules win
                set_token_attrs(token, attrs[rule_id])
        return doc
