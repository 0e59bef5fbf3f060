"""A future of a verb that continues a present state ("will keep 6,000 soldiers") reports
today's level; other futures stay projections."""

from __future__ import annotations

import pytest

from checker import extract


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Norway will keep 2,000 soldiers on its northern border, the ministry said.", "reported"),
        ("Norway will maintain 2,000 soldiers in the north, the ministry said.", "reported"),
        ("Norway will send 2,000 more soldiers north, the ministry said.", "projected"),
        ("The toll will reach 500, officials said.", "projected"),
    ],
)
def test_keeping_a_level_reports_it(text, modality):
    assert extract(text)[0].modality == modality
