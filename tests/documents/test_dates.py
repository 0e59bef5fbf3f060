"""Reading dates and inferring the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.documents import (
    infer_published,
    load_documents,
    load_path,
    load_text,
    parse_date,
)

from .helpers import SEEDS, TODAY, write

# -- inferring the publication date ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline\nPublished: 30 October 2023 10:15 GMT\n\nThe ministry said...", "2023-10-30"),
        ("Headline\nBy Jane Roe | Oct. 30, 2023\n\nThe ministry said...", "2023-10-30"),
        ("WASHINGTON, October 30, 2023 — The Pentagon said on Monday that...", "2023-10-30"),
        ("Headline\n2023-10-30\nBody text.", "2023-10-30"),
        (
            "Story\n\nThe war began on October 7, 2023. Iran said on Monday, October 30, that "
            "the attacks were the result of US policy, a long sentence that goes on and on.",
            "2023-10-30",
        ),
        (
            "Story\n\nThe US attacked sites in Iraq on Tuesday, December 26, officials said in "
            "a long statement. Strikes have hit the region since October 7, 2023, and earlier.",
            "2023-12-26",
        ),
        (
            "Story\n\nThe talks ended on Wednesday, the 27th of December, after the war that "
            "began in 2023 dragged on with no end in sight for the people of the region.",
            "2023-12-27",
        ),
        (
            "Story\n\nOfficials said that the strike on October 29, 2023 killed 12 people in "
            "the north of the territory, in what residents described as a night of terror.",
            "2023-10-29",
        ),
    ],
)
def test_infer_published_finds_dates(text, expected):
    assert infer_published(text, today=TODAY) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    "text",
    [
        "No dates here at all. Officials said on Monday that 5 people died.",
        # a caption from another year, the body names other weekdays
        "Title\nSoldiers in Raqa on May 25, 2016. JOHN DOE / AFP\n\n"
        "Iran said on Monday that attacks were wrong. On Thursday the US struck back.",
        # a caption date older than a year the body mentions
        "Title\nA market on Monday, March 7, 2016. Photo: Reuters\n\n"
        "On Monday, officials said the 2023 budget was spent.",
        # a weekday, month and day but no year anywhere: too ambiguous
        "Title\n\nThe US attacked sites in Iraq on Tuesday, December 26, officials said.",
        # lower-case month words are verbs
        "Title\n\nThey may 5 times march 3 miles, said the 2019 report's author.",
        # only a future date
        "Title\n\nElections are scheduled for November 5, 2030, officials said.",
    ],
)
def test_infer_published_says_none_when_unsure(text):
    assert infer_published(text, today=TODAY) is None


def test_caption_date_backed_by_the_body_weekday_is_used():
    text = (
        "Headline\nProtesters in Tehran on October 30, 2023. Image Credit: AFP\n\n"
        "TEHRAN: Iran said on Monday that the attacks were wrong."
    )
    assert infer_published(text, today=TODAY) == dt.date(2023, 10, 30)  # a Monday


def test_latest_caption_date_wins_when_backed():
    text = (
        "Headline\nA rally on December 7, 2015. Picture: Jane Roe / AFP\n"
        "A march on Saturday, October 28, 2023. Photo: AP\n\n"
        "Thousands marched on Saturday in the capital, organisers said."
    )
    assert infer_published(text, today=TODAY) == dt.date(2023, 10, 28)


def test_body_weekday_phrase_beats_a_caption_from_another_year():
    text = (
        "Headline\nPicture: Jane Roe / AFP / December 7, 2015 – a man walks past a banner.\n\n"
        "The US attacked multiple locations inside Iraq on Tuesday, December 26, the defence "
        "secretary said. Israel has carried out air strikes there since 2011."
    )
    # 2015 is the latest year named, so the answer is a later year in which December 26 fell
    # on a Tuesday: the latest one up to "today".
    assert infer_published(text, today=TODAY) == dt.date(2023, 12, 26)
    assert infer_published(text, today=dt.date(2019, 1, 1)) == dt.date(2017, 12, 26)


def test_agency_named_in_body_is_not_a_caption():
    text = "Headline\n\nThe minister told AFP on October 30, 2023 that the talks had failed."
    assert infer_published(text, today=TODAY) == dt.date(2023, 10, 30)


def test_header_date_beats_later_body_dates():
    text = (
        "Headline\nPublished 12 January 2024\n\n"
        "The strikes on 30 December 2023 and on 5 January 2024 killed dozens, officials said."
    )
    assert infer_published(text, today=TODAY) == dt.date(2024, 1, 12)


def test_inferred_date_is_reported_as_inferred(tmp_path):
    doc = load_path(str(write(tmp_path / "a.txt", "Headline\nPublished: 30 October 2023\n\nBody.")))
    assert (doc.published, doc.published_from) == (dt.date(2023, 10, 30), "inferred")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-10-30", dt.date(2023, 10, 30)),
        ("2023-10-30T23:59:59+05:00", dt.date(2023, 10, 30)),
        ("2023/10/30", dt.date(2023, 10, 30)),
        ("October 30, 2023", dt.date(2023, 10, 30)),
        ("30th October 2023", dt.date(2023, 10, 30)),
        (dt.datetime(2023, 10, 30, 12, 0), dt.date(2023, 10, 30)),
        ("2023-02-30", None),
        ("October 2023", None),
        ("soon", None),
        (20231030, None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside this clone")
def test_seed_articles():
    def infer(prefix: str) -> dt.date | None:
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        return infer_published(path.read_text(encoding="utf-8"), today=TODAY)

    assert infer("000") == dt.date(2023, 10, 30)
    assert infer("001") not in (dt.date(2016, 5, 25), dt.date(2016, 5, 24))
    assert infer("004") in (dt.date(2023, 12, 26), dt.date(2023, 12, 27))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\nUpdated Monday 30 October 2023 11.02 GMT\n\nBody.", "2023-10-30"),
        (
            "Title\n\nThe strike on monday, October 30, 2023 killed 5, a long line of text.",
            "2023-10-30",
        ),
        ("Title\nA crowd on May 1, 2023. Photograph: Jane Roe/Getty Images\n\nBody.", None),
        (
            "Title\nA crowd on 1 May 2023. Photo by Jane Roe\n\nOn May 1, the crowd grew.",
            "2023-05-01",
        ),
    ],
)
def test_infer_published_more_forms(text, expected):
    found = infer_published(text, today=TODAY)
    assert found == (dt.date.fromisoformat(expected) if expected else None)


def test_today_bounds_inference_when_loading(tmp_path):
    text = "Title\n\nOn Tuesday, December 26, strikes hit sites bombed since 2015, officials said."
    path = write(tmp_path / "a.txt", text)
    assert load_path(str(path), today=dt.date(2019, 1, 1)).published == dt.date(2017, 12, 26)
    docs, _ = load_documents([str(path)], today=dt.date(2024, 1, 1))
    assert docs[0].published == dt.date(2023, 12, 26)
    assert load_text(text, today=dt.date(2016, 1, 1)).published is None
