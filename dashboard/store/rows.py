"""The one place where an ``Event`` becomes database rows (events, mentions, a version's snapshot),
and rows become an Event or a DataFrame.

The events table has exactly ``extraction.records.EVENT_COLUMNS`` (a test checks
it), so adding a field to ``Event`` means one migration and nothing here but
perhaps a dtype.  A version snapshot names its columns, so old snapshots stay
readable after such a migration as long as the new field has a default.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import logging
import math
import operator
import os
import subprocess
import sys
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pandas as pd
from pandas.api.types import union_categoricals

from dashboard.store.backend import DB_ERRORS, INTEGRITY_ERRORS, Connection
from extraction.records import EVENT_COLUMNS, MAX_EVENT_FATALITIES, Event, Mention
from gazetteer.errors import InputError, StoreError

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


_COLUMN_VALUES = operator.attrgetter(*EVENT_COLUMNS)  # one C call instead of 31 getattr calls
_DATE_AT = EVENT_COLUMNS.index("event_date")


def event_to_row(event: Event) -> tuple[Any, ...]:
    """The values of the events table's columns, in ``EVENT_COLUMNS`` order."""
    values = _COLUMN_VALUES(event)
    day = values[_DATE_AT]
    return (*values[:_DATE_AT], day.isoformat() if day else None, *values[_DATE_AT + 1:])


def row_to_event(row: Sequence[Any], mentions: Sequence[Mention] = ()) -> Event:
    """Rebuild an Event from a row selected with ``EVENT_SELECT_COLUMNS``."""
    values = dict(zip(EVENT_COLUMNS, row))
    values["event_date"] = date.fromisoformat(values["event_date"]) if values["event_date"] else None
    return Event(**values, mentions=tuple(mentions))


def normalise_events(article_id: str, events: Sequence[Event]) -> list[Event]:
    """The events exactly as the tables will give them back: what a version snapshot records.

    Same rules as ``insert_events``: the article's id on every event, a mention
    for an event that has none, a repeated mention kept once (the first), mentions
    ordered by article and offset, events in text order (``events_for_article``'s order).
    """
    out = []
    for event in events:
        mentions = event.mentions or (Mention(article_id, event.notes, event.sentence_start, event.sentence_end),)
        seen: dict[tuple[str, int], Mention] = {}
        for m in mentions:
            m = m if m.article_id else dataclasses.replace(m, article_id=article_id)
            seen.setdefault((m.article_id, m.start), m)
        ordered = tuple(sorted(seen.values(), key=lambda m: (m.article_id, m.start)))
        if event.article_id != article_id or event.mentions != ordered:  # replace() is slow: only when needed
            event = dataclasses.replace(event, article_id=article_id, mentions=ordered)
        out.append(event)
    return sorted(out, key=lambda e: (e.sentence_start, e.event_id))


# A snapshot is zlib-compressed JSON: {"format": 1, "columns": [...], "rows": [[value, ..., mentions], ...]}
# with each row's values in the order of "columns" (as in the events table) and its mentions last,
# as [article_id, sentence, start, end] lists.  JSON keeps floats exact (shortest repr round trip).
SNAPSHOT_FORMAT = 1
_EVENT_FIELDS = frozenset(EVENT_COLUMNS)  # a column an old snapshot has but Event lost is skipped
_SNAPSHOT_LEVEL = 6  # 6 ms for 1,000 events; the JSON shrinks 4 to 8 times (sample article: 6.7 kB -> 1.7 kB)


def encode_snapshot(events: Sequence[Event]) -> bytes:
    """One version's events (as ``normalise_events`` gives them) as a compressed JSON document."""
    rows = [[*event_to_row(e), [[m.article_id, m.sentence, m.start, m.end] for m in e.mentions]] for e in events]
    try:
        # OPT_SERIALIZE_NUMPY: a coordinate from a pandas cell may be a numpy float; SQLite takes it too.
        data = orjson.dumps({"format": SNAPSHOT_FORMAT, "columns": list(EVENT_COLUMNS), "rows": rows},
                            option=orjson.OPT_SERIALIZE_NUMPY)
    except TypeError as err:
        raise StoreError(f"Events could not be saved ({err}): a field holds a value that is not a plain "
                         "number, text or date. Nothing was saved.") from err
    return zlib.compress(data, _SNAPSHOT_LEVEL)


def decode_snapshot(blob: bytes) -> list[Event]:
    """The events of a snapshot written by ``encode_snapshot`` (or by migration 3)."""
    try:
        data = orjson.loads(zlib.decompress(blob))
        if data.get("format") != SNAPSHOT_FORMAT:
            raise ValueError(f"unknown snapshot format {data.get('format')!r}")
        columns = data["columns"]
        events = []
        for row in data["rows"]:
            values = {name: value for name, value in zip(columns, row[:-1]) if name in _EVENT_FIELDS}
            values["event_date"] = date.fromisoformat(values["event_date"]) if values.get("event_date") else None
            events.append(Event(**values, mentions=tuple(Mention(*m) for m in row[-1])))
    except (zlib.error, orjson.JSONDecodeError, ValueError, KeyError, TypeError) as err:
        raise StoreError(f"A saved version of the events cannot be read ({err}); the store may be damaged. "
                         "Check it with: python -m dashboard.store_admin check") from err
    return events


def _check_bounds(event: Event) -> None:
    """Numbers enter the store only inside the ranges every reader can hold (one absurd toll once made every
    page fail while loading, before the article could be deleted)."""
    for name in ("fatalities", "fatalities_low", "fatalities_high"):
        value = getattr(event, name)
        if value is not None and not 0 <= value <= MAX_EVENT_FATALITIES:
            raise InputError(f"Event {event.event_id}: {name} {value:,} is outside 0..{MAX_EVENT_FATALITIES:,} for one "
                             "event (a cumulative statistic is no event's toll); correct it. Nothing was saved.")
    for name, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        value = getattr(event, name)
        if value is not None and not (isinstance(value, (int, float)) and math.isfinite(value) and low <= value <= high):
            raise InputError(f"Event {event.event_id}: {name} {value!r} is not a coordinate. Nothing was saved.")


def insert_events(conn: Connection, article_id: str, events: Sequence[Event]) -> int:
    rows = []
    mention_rows = []
    for event in events:
        _check_bounds(event)
        # The store decides which article an event belongs to; a stale id from extraction cannot split it.
        event = event if event.article_id == article_id else dataclasses.replace(event, article_id=article_id)
        rows.append(event_to_row(event))
        mentions = event.mentions or (Mention(article_id, event.notes, event.sentence_start, event.sentence_end),)
        for m in mentions:
            mention_rows.append((event.event_id, m.article_id or article_id, m.sentence, m.start, m.end))
    try:
        conn.executemany(EVENT_INSERT_SQL, rows)
        conn.executemany(
            'INSERT OR IGNORE INTO mentions (event_id, article_id, sentence, "start", "end") VALUES (?, ?, ?, ?, ?)',
            mention_rows,
        )
    except INTEGRITY_ERRORS as err:
        raise StoreError(f"Events could not be saved ({err}): an event id is repeated or belongs to "
                         "another article, or a mention names an article that is not stored. Nothing was saved.") from err
    return len(rows)


def touch_article(conn: Connection, article_id: str) -> None:
    """Log that this transaction changed the article's events (read by ``refresh_frame``)."""
    # The write counter is bumped when the transaction ends, so this change belongs to value + 1.
    conn.execute(
        "INSERT OR IGNORE INTO article_changes (version, article_id)"
        " SELECT value + 1, ? FROM store_meta WHERE key = 'write_counter'",
        (article_id,),
    )


def delete_events(conn: Connection, article_id: str) -> None:
    # Mentions of these events go with them (ON DELETE CASCADE).
    conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))


def mentions_by_event(conn: Connection, event_ids: list[str]) -> dict[str, tuple[Mention, ...]]:
    out: dict[str, list[Mention]] = {}
    for start in range(0, len(event_ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = event_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for event_id, article_id, sentence, s, e in conn.execute(
            f'SELECT event_id, article_id, sentence, "start", "end" FROM mentions'
            f' WHERE event_id IN ({marks}) ORDER BY article_id, "start"',
            chunk,
        ):
            out.setdefault(event_id, []).append(Mention(article_id, sentence, s, e))
    return {k: tuple(v) for k, v in out.items()}


def empty_frame(columns: Sequence[str] = EVENT_COLUMNS) -> pd.DataFrame:
    """A frame with no rows and the same columns and dtypes ``frame_from_cursor`` gives."""
    return pd.DataFrame({name: _convert(name, []) for name in columns})


def frame_from_cursor(conn: Connection, *, columns: Sequence[str] | None = None,
                      article_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Read every event (or those of ``article_ids``) with one query, converting ``CHUNK_ROWS`` rows at a time.

    Converting in chunks keeps peak memory near the final frame's size: a
    million rows of Python tuples would cost several times the frame itself.
    """
    columns = _checked(columns)
    selected = ", ".join(_guarded(c) for c in columns)
    if article_ids is None:
        cursor = conn.execute(f"SELECT {selected} FROM events ORDER BY rowid")
    else:  # a JSON array parameter: any number of ids without hitting the bound-parameter limit
        cursor = conn.execute(
            f"SELECT {selected} FROM events WHERE article_id IN (SELECT value FROM json_each(?))"
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


# -- the fast path: SQLite -> Arrow in C (ADBC, in a child process), no Python object per value --

# ADBC infers each column's type from the first rows it reads, so NULLs are replaced by sentinels
# in SQL (a column that starts with NULLs would otherwise be typed wrongly) and restored here.
_INT_SENTINEL = -(2**62)
NULLABLE_COLUMNS = frozenset(f.name for f in dataclasses.fields(Event) if "None" in str(f.type))
_REAL_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
_INT_DTYPES = {"Int8": np.int8, "Int32": np.int32, "int64": np.int64}


FAST_READ_CHILDREN = 2  # SQLite: children reading ranges of rowids at once (at most one per CPU)


def frame_via_arrow(source: Any, *, columns: Sequence[str] | None = None) -> pd.DataFrame | None:
    """Read every event straight into Arrow with the backend's ADBC driver; None when that is unavailable.

    ``source`` is a backend (``dashboard.store.backend``) or an SQLite store's path.  About three times
    faster than building Python tuples for a million rows.  The read has its own connection, so the caller
    checks the store's version around this call.  An SQLite store is read by ``FAST_READ_CHILDREN`` children
    at once (one per CPU at most), each one range of rowids: each reads its own snapshot, which the caller's
    version check covers as well.
    """
    try:
        import pyarrow as pa
    except ImportError:
        return None
    if isinstance(source, (str, Path)):
        from dashboard.store.sqlite import SqliteBackend

        source = SqliteBackend(Path(source))
    columns = _checked(columns)
    select = f"SELECT {', '.join(f'{_sentinel_expr(name)} AS {name}' for name in columns)} FROM events"
    encoded = [name for name in columns if _encoded(name)]
    try:
        parts = min(FAST_READ_CHILDREN, os.cpu_count() or 1) if source.kind == "sqlite" else 1
        rowid_top = source.max_rowid("events") if parts > 1 else 0
        if rowid_top >= parts > 1:
            cuts = [0] + [rowid_top * i // parts for i in range(1, parts)] + [rowid_top]
            sqls = [f"{select} WHERE rowid > {low} AND rowid <= {high} ORDER BY rowid"
                    for low, high in zip(cuts[:-1], cuts[1:])]
        else:
            sqls = [f"{select} ORDER BY rowid"]
        with ThreadPoolExecutor(max_workers=len(sqls)) as pool:  # each child's pipe drained at once
            results = list(pool.map(lambda sql: source.arrow_batches(sql, encoded), sqls))
    except DB_ERRORS + (OSError, ValueError, pa.ArrowException) as err:
        logging.getLogger(__name__).warning("fast events read failed (%s), using the plain read", err)
        return None
    if any(batches is None for batches in results):
        return None
    chunks: dict[str, list[Any]] = {name: [] for name in columns}
    for batches in results:  # the ranges in rowid order
        for batch in batches:
            for i, name in enumerate(columns):
                chunks[name].append(batch.column(i))
    if not chunks[columns[0]]:
        return empty_frame(columns)
    converted = {}
    for name in columns:
        converted[name] = _from_arrow(name, chunks.pop(name), pa)
    return pd.DataFrame(converted)


def sqlite_arrow_batches(path: str, sql: str, encoded: list[str]) -> list[Any] | None:
    """The batches of ``sql`` read by ADBC's SQLite driver in a child process (``dashboard.store.fast_read``
    says why a child); None when the driver is not installed or the child fails."""
    import pyarrow as pa

    if importlib.util.find_spec("adbc_driver_sqlite") is None:
        return None
    batches = []
    with subprocess.Popen([sys.executable, "-m", "dashboard.store.fast_read", str(path), sql, json.dumps(encoded)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        try:
            batches.extend(pa.ipc.open_stream(child.stdout))
        except (pa.ArrowException, OSError) as err:
            child.kill()
            logging.getLogger(__name__).warning("fast events read failed (%s), using sqlite3", err)
            return None
        finally:
            stderr = child.stderr.read() if child.stderr else b""
            child.wait(timeout=60)
    if child.returncode != 0:
        logging.getLogger(__name__).warning("fast events read failed (exit %s): %s, using sqlite3",
                                            child.returncode, stderr.decode(errors="replace")[-500:])
        return None
    return batches


def _encoded(name: str) -> bool:
    return name == "event_date" or FRAME_DTYPES.get(name) == "category"


def _sentinel_expr(name: str) -> str:
    dtype = FRAME_DTYPES.get(name)
    if name not in NULLABLE_COLUMNS:
        return name
    if name == "event_date" or dtype in ("str", "category"):
        return f"coalesce({name}, '')"
    if name in _REAL_COLUMNS:
        return f"coalesce({name}, 1e999)"  # SQLite reads 1e999 as +infinity (PostgreSQL: translated)
    return f"coalesce({name}, {_INT_SENTINEL})"


def _from_arrow(name: str, chunks: list[Any], pa: Any) -> Any:
    dtype = FRAME_DTYPES.get(name)
    if _encoded(name):
        unified = pa.chunked_array(chunks).unify_dictionaries()
        codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in unified.chunks]).astype(np.int32)
        uniques = unified.chunk(0).dictionary.to_pylist()
        nullable = name in NULLABLE_COLUMNS
        if nullable and "" in uniques:  # the NULL sentinel
            codes[codes == uniques.index("")] = -1
        if name == "event_date":
            parsed = pd.to_datetime(pd.Series([u or None for u in uniques], dtype=object), format="%Y-%m-%d")
            values = parsed.to_numpy().astype(DATE_DTYPE)
            out = np.full(len(codes), np.datetime64("NaT"), dtype=DATE_DTYPE)
            out[codes >= 0] = values[codes[codes >= 0]]
            return pd.Series(out)
        categories = pd.Index(uniques, dtype="str")
        if nullable and "" in uniques:
            keep = categories != ""
            remap = np.cumsum(keep) - 1
            codes = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1)
            categories = categories[keep]
        return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories))
    column = pa.chunked_array(chunks)
    if dtype == "str":
        series = pd.Series(pd.array(column, dtype="str"))
        return one_chunk(series.mask(series == "") if name in NULLABLE_COLUMNS else series)
    values = column.to_numpy()
    if name in _REAL_COLUMNS:
        values = np.where(np.isinf(values), np.nan, values).astype(FRAME_DTYPES[name])
        return pd.Series(values)
    missing = values == _INT_SENTINEL if name in NULLABLE_COLUMNS else np.zeros(len(values), dtype=bool)
    if dtype in ("Int8", "Int32"):
        info = np.iinfo(_INT_DTYPES[dtype])
        missing = missing | (values < info.min) | (values > info.max)  # never wrapped round: missing
        return pd.Series(pd.arrays.IntegerArray(np.where(missing, 0, values).astype(_INT_DTYPES[dtype]), missing))
    return pd.Series(values.astype(np.int64))


def _checked(columns: Sequence[str] | None) -> list[str]:
    columns = list(columns or EVENT_COLUMNS)
    unknown = [c for c in columns if c not in EVENT_COLUMNS]
    if unknown:
        raise ValueError(f"Unknown event columns {unknown}; known: {', '.join(EVENT_COLUMNS)}")
    return columns


def without_rows(frame: pd.DataFrame, dropped: np.ndarray, fresh: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without the rows marked in ``dropped``, then ``fresh``'s rows: ``concat_frames([frame[~dropped],
    fresh])`` built one column at a time, so only one new column is made at a time beside the old frame,
    and a string column is copied once (its kept runs of rows are slices of the old data)."""
    keep = ~np.asarray(dropped, dtype=bool)
    edges = np.flatnonzero(np.diff(np.concatenate([[False], keep, [False]]).astype(np.int8)))
    runs = list(zip(edges[::2].tolist(), edges[1::2].tolist()))  # [start, end) of each run of kept rows
    every = bool(keep.all())
    out = {}
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.array, pd.arrays.ArrowStringArray) and fresh[name].dtype == column.dtype:
            out[name] = _kept_strings(column, runs, fresh[name])
        else:
            kept = column if every else column[keep]  # nothing dropped (a new article): no copy before the concat
            out[name] = _combine(name, [kept.reset_index(drop=True), fresh[name].reset_index(drop=True)])
    return side_by_side(out)


def side_by_side(columns: dict[str, pd.Series]) -> pd.DataFrame:
    """A frame of these columns (same length, default index) as they are: ``pd.DataFrame(columns)`` would
    first copy the columns of each dtype into one 2-D block (at a million events: 0.4 s and a transient
    copy of every numeric column, where this takes milliseconds)."""
    if not columns:
        return pd.DataFrame()
    return pd.concat([column.reset_index(drop=True) for column in columns.values()], axis=1, keys=list(columns))


def categories_as_read(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each categorical column's categories as a full read gives them: in the order the rows
    first use them, unused ones dropped (a refreshed frame keeps its old order and appends new ones).

    The order matters beyond equality: sorting by a categorical column sorts by category position, and the
    copy of the frame kept beside the store (``snapshot``) should not depend on how the frame was made.
    """
    changes = {}
    for name in frame.columns:
        column = frame[name]
        if not isinstance(column.dtype, pd.CategoricalDtype):
            continue
        codes = column.cat.codes.to_numpy()
        used = pd.unique(codes[codes >= 0])  # in order of first appearance
        if len(used) == len(column.cat.categories) and (used == np.arange(len(used))).all():
            continue
        position = np.full(len(column.cat.categories), -1, dtype=np.int32)
        position[used] = np.arange(len(used), dtype=np.int32)
        new_codes = np.where(codes >= 0, position[np.maximum(codes, 0)], -1)
        categories = pd.CategoricalDtype(column.cat.categories[used])
        changes[name] = pd.Series(pd.Categorical.from_codes(new_codes, dtype=categories), index=frame.index)
    return frame.assign(**changes) if changes else frame


def _kept_strings(column: pd.Series, runs: list[tuple[int, int]], fresh: pd.Series) -> pd.Series:
    import pyarrow as pa

    old = column.array.__arrow_array__()
    old = old.chunk(0) if old.num_chunks == 1 else old.combine_chunks()
    parts = [old.slice(start, end - start) for start, end in runs]
    parts += [c.cast(old.type) for c in pa.chunked_array(fresh.array.__arrow_array__()).chunks]
    values = pa.concat_arrays(parts) if parts else pa.array([], type=old.type)
    return pd.Series(type(column.array)(pa.chunked_array([values]), dtype=column.dtype))


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
        categories = pd.Index(uniques, dtype="str")
        if name in NULLABLE_COLUMNS and (categories == "").any():  # "" and NULL both mean "not known"
            empty = int(np.flatnonzero(categories == "")[0])
            codes = np.where(codes == empty, -1, codes - (codes > empty))
            categories = categories.delete(empty)
        return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories))
    return pd.Series(values, dtype=dtype)


def _guarded(name: str) -> str:
    """The column in SQL, with an integer its frame type cannot hold read as NULL (a store written before the
    bounds were checked may hold one): in SQLite's C code, not a Python test per value."""
    dtype = FRAME_DTYPES.get(name)
    if dtype not in ("Int8", "Int32"):
        return name
    info = np.iinfo(_INT_DTYPES[dtype])
    return f"CASE WHEN {name} BETWEEN {info.min} AND {info.max} THEN {name} END AS {name}"


def _combine(name: str, chunks: list[Any]) -> Any:
    if len(chunks) == 1:
        return chunks[0] if not isinstance(chunks[0], pd.Series) else chunks[0].reset_index(drop=True)
    if FRAME_DTYPES.get(name) == "category":
        return pd.Series(union_categoricals(chunks))
    if FRAME_DTYPES.get(name) == "str":
        return one_chunk(pd.concat(chunks, ignore_index=True))
    return pd.concat(chunks, ignore_index=True)


def one_chunk(series: pd.Series) -> pd.Series:
    """A str column with its Arrow data in one contiguous chunk (the same series when it already is).

    Read in batches, ``notes`` and ``event_id`` arrive in many chunks, and pandas then concatenates them on
    every row selection: at a million events, selecting 62,000 rows took 0.31 s and 122 MB instead of
    0.03 s and 11 MB.  Combining once, where the column is made, costs one copy of it.
    """
    values = series.array
    if not isinstance(values, pd.arrays.ArrowStringArray):
        return series
    import pyarrow as pa

    chunked = values.__arrow_array__()  # the Arrow data as stored (pa.array() would combine it)
    if not isinstance(chunked, pa.ChunkedArray) or chunked.num_chunks <= 1:
        return series
    one = type(values)(pa.chunked_array([chunked.combine_chunks()]), dtype=values.dtype)
    return pd.Series(one, index=series.index, name=series.name)
