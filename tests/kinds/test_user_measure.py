"""A newsroom's own measure gets the shipped checks without a rule of its own."""

from __future__ import annotations

from checker import api


def test_a_user_measure_that_requires_attribution_is_flagged_by_fc301(tmp_path):
    (tmp_path / "evictions.yaml").write_text(
        "measures:\n"
        "  evicted:\n"
        "    nouns: [evictions]\n"
        "    verbs: [evict]\n"
        "    requires_attribution: true\n"
    )
    article = tmp_path / "a.md"
    article.write_text(
        "---\npublished: 2024-05-02\n---\n\n"
        "More than 300 families were evicted from the riverside estate last week.\n\n"
        "The housing office said 120 families were evicted from the north tower.\n"
    )
    report = api.check([str(article)], rules=[str(tmp_path / "evictions.yaml")], as_of="2024-05-03")
    measures = {claim.text: claim.measure for claim in report.claims}
    assert set(measures.values()) == {"evicted"}, measures
    flagged = [f for f in report.findings if f.rule == "FC301"]
    assert [
        report_claim.text
        for report_claim in report.claims
        if report_claim.id in {f.claim for f in flagged}
    ] == ["More than 300 families"]
