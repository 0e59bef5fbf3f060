"""Running rule examples: the tests every rule carries with it.

Each rule carries examples: a text that must pass (no finding of that rule) or fail (at least
one). An example may add other documents (``documents: [{text, published, path}]``) to be
read against, for stale figures and contradictions across articles. Those documents are
*evidence*: the rule may cite them but findings on them do not count, so an example says
exactly what happens to its own text.

Examples run through the real extractor, so they test the whole chain a user relies on, and
``factcheck test-rules`` fails when a rule's examples stop matching what it does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .config.series import parse_series
from .documents import load_text
from .errors import FactcheckError
from .findings.engine import run
from .model import Claim, Document, Example, Finding, Rule, RuleSet, Settings
from .report.explain import describe_rule, rules_table
from .runner import extract_documents
from .vocabulary import Vocabulary

# extract(text, *, published, vocabulary, path) -> claims
Extractor = Callable[..., Sequence[Claim]]
MAIN_PATH = "example.txt"
__all__ = ["ExampleResult", "describe_rule", "run_example", "run_examples", "rules_table"]


@dataclass(frozen=True)
class ExampleResult:
    """One example run: did the rule do what the example expects?"""

    rule: Rule
    index: int  # 1-based, in the rule's list
    example: Example
    ok: bool
    findings: tuple[Finding, ...] = ()
    claims: tuple[Claim, ...] = ()
    error: str | None = None

    def describe(self) -> str:
        """One line for a failure report: where the example is and what went wrong."""
        where = f"{self.rule.path}:{self.example.line}"
        head = f"{where}: {self.rule.id} example {self.index} (expect {self.example.expect})"
        if self.error:
            return f"{head}: error: {self.error}"
        if self.ok:
            return f"{head}: ok"
        if self.example.expect == "fail":
            return f"{head}: no finding; claims: {_claims_summary(self.claims)}"
        return f"{head}: unexpected finding: {self.findings[0].message}"


def _claims_summary(claims: Sequence[Claim]) -> str:
    if not claims:
        return "none extracted"
    return "; ".join(
        f"{c.text!r} measure={c.measure} location={c.location} as_of={c.as_of} source={c.source!r}"
        f" subject={c.subject!r}" + (f" event={_event(c)}" if c.measure else "")
        for c in claims
    )


def _event(claim: Claim) -> str:
    """What keeps figures of one subject apart (as the comparison key reads it): a one-day
    event (its day) or a figure that stands until another replaces it (a total)."""
    if claim.event == "day":
        return f"one day ({claim.as_of})"
    return "total"


def extractor(model: str | None = None) -> Extractor:
    """The real extractor, with the spaCy pipeline ``model`` (default: the installed one):
    the example's text is read as a document and extracted as any checked file is."""

    def extract(
        text: str, *, published: dt.date | None, vocabulary: Vocabulary | None, path: str
    ) -> Sequence[Claim]:
        document = load_text(text, path=path, published=published)
        return extract_documents([document], model=model, vocabulary=vocabulary)

    return extract


def example_documents(example: Example) -> list[Document]:
    """The example's own text first, then the documents it is read against."""
    documents = [
        Document(
            path=MAIN_PATH,
            text=example.text,
            published=example.published,
            published_from="metadata" if example.published else None,
        )
    ]
    for number, extra in enumerate(example.documents, start=2):
        documents.append(
            Document(
                path=extra.path or f"example-{number}.txt",
                text=extra.text,
                title=extra.title,
                source=extra.source,
                published=extra.published,
                published_from="metadata" if extra.published else None,
            )
        )
    return documents


def run_example(
    rule: Rule,
    example: Example,
    vocabulary: Vocabulary,
    *,
    extract: Extractor | None = None,
    index: int = 1,
) -> ExampleResult:
    """Extract the example's documents and run ``rule`` alone on them."""
    extract = extract or extractor()
    documents = example_documents(example)
    try:
        extracted = [
            list(extract(d.text, published=d.published, vocabulary=vocabulary, path=d.path))
            for d in documents
        ]
    except FactcheckError:
        raise  # a missing model is not one example's failure
    except Exception as exc:  # report a crashing extractor per example, keep going
        return ExampleResult(rule, index, example, False, error=f"{type(exc).__name__}: {exc}")
    claims, evidence = extracted[0], [c for found in extracted[1:] for c in found]
    alone = RuleSet(rules=(rule,), vocabulary=vocabulary, settings=Settings())
    references = ()
    if example.reference is not None:
        where = f"{rule.path}:{example.line} (reference)"
        references, problems = parse_series(example.reference, where, vocabulary=vocabulary)
        if problems:
            return ExampleResult(rule, index, example, False, error="; ".join(problems))
    findings = [
        f
        for f in run(
            claims,
            documents,
            alone,
            as_of=example.as_of or example.published,
            evidence=evidence,
            references=references,
        )
        if f.rule == rule.id
    ]
    ok = bool(findings) == (example.expect == "fail")
    return ExampleResult(rule, index, example, ok, tuple(findings), tuple(claims))


def run_examples(
    ruleset: RuleSet,
    *,
    extract: Extractor | None = None,
    rules: Sequence[str] = (),
    model: str | None = None,
) -> list[ExampleResult]:
    """Every example of every rule (or of the rules named by id or name in ``rules``).

    ``extract`` replaces the real extractor (tests); ``model`` picks its spaCy pipeline.
    """
    extract = extract or extractor(model)
    results = []
    for rule in ruleset.rules:
        if rules and rule.id not in rules and rule.name not in rules:
            continue
        for index, example in enumerate(rule.examples, start=1):
            results.append(
                run_example(rule, example, ruleset.vocabulary, extract=extract, index=index)
            )
    return results
