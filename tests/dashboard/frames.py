"""Synthetic events for dashboard tests (built from the shared Event record), as the real store gives them."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.store import open_store
from extraction.records import Article, Event


# The exports' columns, in order (dashboard.export.acled_frame): ACLED's names (with year, interaction and iso)
# first, our extra columns after.
EXPORT_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities", "iso", "fatalities_low", "fatalities_high",
    "fatalities_text", "source_url", "article_id", "location_text", "location_source", "confidence",
]


def make_event(number: int, **changes: object) -> Event:
    values: dict[str, object] = dict(
        event_id=f"e{number:04d}",
        event_date=date(2015, 12, 2),
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Russia",
        assoc_actor_1=None,
        actor2="Rebel groups",
        assoc_actor_2=None,
        inter1=8,
        inter2=2,
        country="Syria",
        admin1="Aleppo",
        admin2=None,
        location="Kafra",
        latitude=36.5,
        longitude=37.1,
        geo_precision=1,
        fatalities=3,
        fatalities_low=None,
        fatalities_high=None,
        notes="Russian war planes bombed Kafra.",
        source="The New Arab",
        source_url="https://example.org/a",
        article_id="a1",
        location_text="Kafra",
        sentence_start=0,
        sentence_end=10,
        confidence=0.9,
    )
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


def frame(events: list[Event]) -> pd.DataFrame:
    """The events saved into a real (temporary) store and read back with ``EventStore.events_frame``.

    One synthetic article per ``article_id``; rows come in the store's order: by article (first seen
    first), then by sentence start and event id within it.
    """
    by_article: dict[str, list[Event]] = {}
    for event in events:
        by_article.setdefault(event.article_id, []).append(event)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "events.sqlite3")
        for article_id, group in by_article.items():
            store.save_article(Article(text=f"Synthetic article {article_id}.", article_id=article_id), group)
        return store.events_frame()


def sample_frame() -> pd.DataFrame:
    """Five events over two years, actors on both sides, one without coordinates."""
    return frame(
        [
            make_event(1),
            make_event(2, actor1="Islamic State", actor2="Rebel groups", event_type="Battles",
                       sub_event_type="Non-state actor overtakes territory", event_date=date(2015, 12, 1),
                       fatalities=0, location="Jariz"),
            make_event(3, actor1="Military Forces of Syria", actor2="Civilians", admin1="Daraa",
                       event_date=date(2016, 3, 5), fatalities=12, geo_precision=2,
                       notes="Government forces fired artillery into al-Soura.", source="Other paper"),
            make_event(4, actor1="Rebel groups", actor2="Islamic State", event_type="Battles",
                       sub_event_type="Armed clash", event_date=date(2016, 6, 1), latitude=None, longitude=None,
                       geo_precision=3, fatalities=None),
            make_event(5, actor1="=HYPERLINK(\"http://x\")", actor2=None, admin1="Rif Dimashq",
                       event_date=date(2016, 7, 1), notes="<img src=x onerror=alert(1)> shelling in Duma",
                       location="Duma"),
        ]
    )
