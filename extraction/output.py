"""Events as JSON lines (the Event column names) or CSV (ACLED's column names)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

import orjson

from extraction.acled_names import acled_name
from extraction.records import Event

# ACLED export columns we can fill, then ours (provenance) after them.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
)
EXTRA_COLUMNS = (
    "fatalities_low", "fatalities_high", "fatalities_text", "article_id", "source_url", "location_text",
    "location_source", "sentence_start", "sentence_end", "confidence", "mentions",
)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first; "10" style when alone."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return int(f"{low}{high}")


_ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def acled_row(event: Event, *, acled_names: bool = False) -> dict[str, Any]:
    """One event as a row with ACLED's column names (plus provenance columns); ``acled_names`` writes
    actors as ACLED's data names them ("Military Forces of Syria (2000-)", see extraction.acled_names)."""
    data = event.to_dict()
    if acled_names:
        for column in _ACTOR_COLUMNS:
            data[column] = acled_name(data.get(column), on=event.event_date)
    row = {
        "event_id_cnty": event.event_id,
        "year": event.event_date.year if event.event_date else None,
        "interaction": interaction(event.inter1, event.inter2),
        "mentions": len(event.mentions),
    }
    for column in ACLED_COLUMNS + EXTRA_COLUMNS:
        row.setdefault(column, data.get(column))
    return {column: row[column] for column in ACLED_COLUMNS + EXTRA_COLUMNS}


def to_jsonl(events: Iterable[Event]) -> str:
    return "".join(orjson.dumps(e.to_dict()).decode("utf-8") + "\n" for e in events)


class CsvWriter:
    """Writes the header once, then rows, to a text stream."""

    def __init__(self, stream: io.TextIOBase, *, acled_names: bool = False) -> None:
        self._writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
        self._writer.writeheader()
        self._acled_names = acled_names

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            row = acled_row(event, acled_names=self._acled_names)
            self._writer.writerow({k: ("" if v is None else neutralise(v)) for k, v in row.items()})


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (as the dashboard's export)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
