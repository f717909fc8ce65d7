"""Events and articles as Arrow tables (the Parquet files of a batch run), and back: the one place
where the ``Event`` record meets a columnar layout.

The schema is written out, not inferred, so an empty partition has the same columns and types as a
full one and every partition of a run reads back as one dataset.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import pyarrow as pa

from extraction.records import Article, Event, Mention

_MENTION = pa.struct([("article_id", pa.string()), ("sentence", pa.string()), ("start", pa.int64()),
                      ("end", pa.int64())])
_STRING_FIELDS = {"event_id", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
                  "country", "admin1", "admin2", "location", "notes", "source", "source_url", "article_id",
                  "location_text", "fatalities_text", "location_source"}
_INT_FIELDS = {"time_precision", "inter1", "inter2", "geo_precision", "fatalities", "fatalities_low",
               "fatalities_high", "sentence_start", "sentence_end"}
_FLOAT_FIELDS = {"latitude", "longitude", "confidence"}


def _event_type(name: str) -> pa.DataType:
    if name in _STRING_FIELDS:
        return pa.string()
    if name in _INT_FIELDS:
        return pa.int64()
    if name in _FLOAT_FIELDS:
        return pa.float64()
    if name == "event_date":
        return pa.date32()
    if name == "mentions":
        return pa.list_(_MENTION)
    raise TypeError(f"Event field {name!r} has no Parquet type: add it to extraction/batch/tables.py")


EVENT_SCHEMA = pa.schema([(f.name, _event_type(f.name)) for f in dataclasses.fields(Event)])
ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("content_hash", pa.string()), ("text", pa.string()), ("title", pa.string()),
    ("published", pa.date32()), ("source", pa.string()), ("url", pa.string()), ("published_from", pa.string()),
    ("input", pa.string()), ("where", pa.string()),  # which input file, and the line or file inside it
])


def events_table(events: Iterable[Event]) -> pa.Table:
    rows = []
    for event in events:
        row = {f.name: getattr(event, f.name) for f in dataclasses.fields(Event)}
        row["mentions"] = [dataclasses.asdict(m) for m in event.mentions]
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)


def events_from_table(table: pa.Table) -> list[Event]:
    out = []
    for row in table.to_pylist():
        row["mentions"] = tuple(Mention(**m) for m in row["mentions"] or ())
        out.append(Event(**row))
    return out


def articles_table(articles: Sequence[tuple[Article, str, str]]) -> pa.Table:
    """(article as extracted, input name, line or file) -> one row each, the text included (loading
    into the store needs it)."""
    return pa.Table.from_pylist([
        {"article_id": a.article_id, "content_hash": a.content_hash, "text": a.text, "title": a.title,
         "published": a.published, "source": a.source, "url": a.url, "published_from": a.published_from,
         "input": source, "where": where}
        for a, source, where in articles
    ], schema=ARTICLE_SCHEMA)


def articles_from_table(table: pa.Table) -> list[Article]:
    return [
        Article(text=r["text"], title=r["title"], published=r["published"], source=r["source"], url=r["url"],
                article_id=r["article_id"], published_from=r["published_from"])
        for r in table.to_pylist()
    ]
