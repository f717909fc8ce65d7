"""The one place where an ``Event`` becomes a database row, and rows become an Event or a DataFrame.

The events table has exactly ``extraction.records.EVENT_COLUMNS`` (a test checks
it), so adding a field to ``Event`` means one migration and nothing here but
perhaps a dtype.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from extraction.records import EVENT_COLUMNS, Event, Mention

EVENT_SELECT_COLUMNS = ", ".join(EVENT_COLUMNS)
EVENT_INSERT_SQL = (
    f"INSERT INTO events ({EVENT_SELECT_COLUMNS}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
)

# Column dtypes of ``events_frame``.  Strings with few distinct values are categoricals
# (about ten times smaller than Python strings and faster to filter); small integer
# codes use nullable small ints; fatalities stay nullable ("not reported" is not 0).
CATEGORY_COLUMNS = frozenset({
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
    "country", "admin1", "admin2", "location", "source", "source_url", "article_id",
    "location_text", "fatalities_text", "location_source",
})
FRAME_DTYPES: dict[str, str] = {
    "event_id": "str",
    "notes": "str",
    "time_precision": "Int8",
    "inter1": "Int8",
    "inter2": "Int8",
    "geo_precision": "Int8",
    "fatalities": "Int32",
    "fatalities_low": "Int32",
    "fatalities_high": "Int32",
    "latitude": "float64",
    "longitude": "float64",
    "sentence_start": "int64",
    "sentence_end": "int64",
    "confidence": "float32",
} | {name: "category" for name in CATEGORY_COLUMNS}

DATE_DTYPE = "datetime64[us]"  # one unit everywhere, so frames from different reads concatenate cleanly
CHUNK_ROWS = 100_000  # rows converted at a time: bounds the Python objects alive at once


def event_to_row(event: Event) -> tuple[Any, ...]:
    """The values of the events table's columns, in ``EVENT_COLUMNS`` order."""
    values = []
    for name in EVENT_COLUMNS:
        value = getattr(event, name)
        if name == "event_date":
            value = value.isoformat() if value else None
        values.append(value)
    return tuple(values)


def row_to_event(row: Sequence[Any], mentions: Sequence[Mention] = ()) -> Event:
    """Rebuild an Event from a row selected with ``EVENT_SELECT_COLUMNS``."""
    values = dict(zip(EVENT_COLUMNS, row))
    values["event_date"] = date.fromisoformat(values["event_date"]) if values["event_date"] else None
    return Event(**values, mentions=tuple(mentions))


def empty_frame(columns: Sequence[str] = EVENT_COLUMNS) -> pd.DataFrame:
    """A frame with no rows and the same columns and dtypes ``frame_from_cursor`` gives."""
    return pd.DataFrame({name: _convert(name, []) for name in columns})


def frame_from_cursor(conn: sqlite3.Connection, *, columns: Sequence[str] | None = None,
                      article_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Read every event (or those of ``article_ids``) with one query, converting ``CHUNK_ROWS`` rows at a time.

    Converting in chunks keeps peak memory near the final frame's size: a
    million rows of Python tuples would cost several times the frame itself.
    """
    columns = list(columns or EVENT_COLUMNS)
    unknown = [c for c in columns if c not in EVENT_COLUMNS]
    if unknown:
        raise ValueError(f"Unknown event columns {unknown}; known: {', '.join(EVENT_COLUMNS)}")
    if article_ids is None:
        cursor = conn.execute(f"SELECT {', '.join(columns)} FROM events ORDER BY rowid")
    else:  # a JSON array parameter: any number of ids without hitting the bound-parameter limit
        cursor = conn.execute(
            f"SELECT {', '.join(columns)} FROM events WHERE article_id IN (SELECT value FROM json_each(?))"
            " ORDER BY rowid",
            (json.dumps(list(article_ids)),),
        )
    parts: dict[str, list[Any]] = {name: [] for name in columns}
    while rows := cursor.fetchmany(CHUNK_ROWS):
        for name, values in zip(columns, zip(*rows)):
            parts[name].append(_convert(name, values))
        del rows
    if not parts[columns[0]]:
        return empty_frame(columns)
    return pd.DataFrame({name: _combine(name, chunks) for name, chunks in parts.items()})


def concat_frames(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate event frames keeping categoricals categorical (plain ``pd.concat`` would make them objects)."""
    frames = [f for f in frames if len(f.columns)]
    columns = list(frames[0].columns)
    return pd.DataFrame({
        name: _combine(name, [f[name].reset_index(drop=True) for f in frames]) for name in columns
    })


def _convert(name: str, values: Sequence[Any]) -> Any:
    if name == "event_date":
        # Dates repeat a lot: parse each distinct string once.
        codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
        parsed = pd.to_datetime(pd.Series(uniques, dtype=object), format="%Y-%m-%d").to_numpy().astype(DATE_DTYPE)
        out = pd.Series(pd.NaT, index=range(len(codes)), dtype=DATE_DTYPE)
        mask = codes >= 0
        out[mask] = parsed[codes[mask]]
        return out
    dtype = FRAME_DTYPES[name]
    if dtype == "category":
        # Factorising the raw objects is several times faster than building a string array first.
        codes, uniques = pd.factorize(np.array(values, dtype=object), use_na_sentinel=True)
        return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(pd.Index(uniques, dtype="str")))
    return pd.Series(values, dtype=dtype)


def _combine(name: str, chunks: list[Any]) -> Any:
    if len(chunks) == 1:
        return chunks[0] if not isinstance(chunks[0], pd.Series) else chunks[0].reset_index(drop=True)
    if FRAME_DTYPES.get(name) == "category":
        return pd.Series(union_categoricals(chunks))
    return pd.concat(chunks, ignore_index=True)
