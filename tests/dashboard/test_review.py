"""The upload review's logic: table edits folded into events, placing a village, metadata."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard import review
from extraction.records import Article
from tests.dashboard.frames import make_event

ARTICLE = Article(text="Russian jets bombed Kafra. Shelling hit Tel Rifaat.", title="t", source="Wire",
                  url="https://example.org/x").with_id()
EVENTS = [
    make_event(1, article_id=ARTICLE.article_id),
    make_event(2, article_id=ARTICLE.article_id, location=None, location_text="Tel Rifaat", latitude=None,
               longitude=None, geo_precision=None, admin1=None),
]


def test_table_has_one_row_per_event_with_editable_columns() -> None:
    table = review.events_table(EVENTS)
    assert list(table.columns) == list(review.EDITABLE) and len(table) == 2
    assert table.loc[0, "event_date"] == date(2015, 12, 2)


@pytest.mark.parametrize(
    ("delta", "check"),
    [
        (None, lambda out: [e.event_id for e in out] == ["e0001", "e0002"]),
        ({"edited_rows": {0: {"fatalities": 7, "actor2": "Civilians"}}},
         lambda out: (out[0].fatalities, out[0].actor2) == (7, "Civilians")),
        ({"edited_rows": {"0": {"event_date": "2015-11-30"}}}, lambda out: out[0].event_date == date(2015, 11, 30)),
        ({"edited_rows": {1: {"latitude": 36.47, "longitude": 37.1}}},
         lambda out: (out[1].latitude, out[1].geo_precision) == (36.47, 1)),
        ({"edited_rows": {0: {"actor2": None}}}, lambda out: out[0].actor2 is None and out[0].inter2 is None),
        ({"edited_rows": {0: {"actor1": "Islamic State", "actor2": "Civilians"}}},
         lambda out: (out[0].inter1, out[0].inter2) == (2, 7)),  # ACLED's codes follow the edited actors
        ({"deleted_rows": [0]}, lambda out: [e.event_id for e in out] == ["e0002"]),
        ({"added_rows": [{"event_type": "Battles", "actor1": "Islamic State", "location": "Jariz",
                          "latitude": 36.5, "longitude": 37.2, "fatalities": "2"}]},
         lambda out: len(out) == 3 and out[2].event_id == review.user_event_id(ARTICLE.article_id, 1)
         and out[2].event_id.startswith("ev") and len(out[2].event_id) == 18 and out[2].fatalities == 2
         and out[2].inter1 == 2
         and out[2].location_text == "Jariz" and out[2].source == "Wire"),
        ({"added_rows": [{}]}, lambda out: len(out) == 2),  # an empty row left by the user
    ],
)
def test_apply_edits(delta: dict | None, check) -> None:  # noqa: ANN001
    assert check(review.apply_edits(EVENTS, delta, article=ARTICLE))


def test_place_events_locates_only_the_events_written_with_that_name() -> None:
    out, changed = review.place_events(EVENTS, "tel rifaat", latitude=36.47, longitude=37.1, admin1="Aleppo",
                                       place_name="Tall Rifat")
    assert changed == 1
    assert (out[1].latitude, out[1].location, out[1].admin1, out[1].geo_precision) == (36.47, "Tall Rifat", "Aleppo", 1)
    assert out[0] == EVENTS[0]


def test_metadata_and_stamp() -> None:
    article = review.with_metadata(ARTICLE, title=" New ", published=date(2015, 12, 2), source="Paper", url="u")
    assert (article.title, article.source, article.article_id) == ("New", "Paper", ARTICLE.article_id)
    stamped = review.stamp_events(EVENTS, article)
    assert {e.source for e in stamped} == {"Paper"} and {e.source_url for e in stamped} == {"u"}


def test_a_renamed_place_is_looked_up_again() -> None:
    from types import SimpleNamespace

    renamed = review.apply_edits(EVENTS, {"edited_rows": {0: {"location": "Saraqib"}}}, article=ARTICLE)
    assert renamed[0].latitude is None and renamed[0].location_source == review.RENAMED  # old point dropped
    place = SimpleNamespace(admin1="Idlib", admin2="Idlib", source="ocha")
    found = SimpleNamespace(resolved=True, place=place, latitude=35.86, longitude=36.8, precision=1, method="exact")
    out, unknown = review.relocate(renamed, lambda name: found if name == "Saraqib" else SimpleNamespace(resolved=False))
    assert (out[0].latitude, out[0].admin1, out[0].geo_precision, unknown) == (35.86, "Idlib", 1, [])
    typo = review.apply_edits(EVENTS, {"edited_rows": {0: {"location": "Nowhereville"}}}, article=ARTICLE)
    out, unknown = review.relocate(typo, lambda name: SimpleNamespace(resolved=False))
    assert unknown == ["Nowhereville"] and out[0].latitude is None
