"""A columnar copy of an SQLite store's events frame, kept beside the store file, so a restart maps it
instead of reading a million rows out of SQLite again.

The file ``<store>.frame`` (``events.sqlite3.frame``) is the frame as an uncompressed Arrow IPC file
followed by a small JSON header (then its length and a magic number, so Arrow's reader is simply told
where its data ends).  Loading reads it column by column (1M events: about 0.5 s, against 3-4 s of CPU
for the SQLite read).  It is read rather than memory-mapped: the columns converted to pandas' types
then free their Arrow buffers at once, where a mapping would keep those pages counted in the process's
memory for as long as any column lives (about 60 MB more at a million events).

It is a cache, never a source: the SQLite file stays the truth, and the copy is used as it is only
when it describes exactly the store as it is now.  The header holds the key it was written for:

* the file's identity and state as ``os.stat`` sees it (device, inode, size, modification time): a file
  replaced, restored from a backup (even copied over in place) or changed by anything at all since;
* the store's write counter and write stamp (``store_meta``): every write transaction bumps the counter
  and draws a new random stamp (``EventStore._write``), so a write still in the WAL journal, or a backup
  that reached the same counter along another history, does not match;
* the schema version and the frame's columns.

and a CRC-32 of the Arrow bytes.  A missing, truncated or damaged copy is ignored (and replaced by the
next full read); nothing is ever repaired from it.

A copy some writes behind (another process saved an article since: the usual case when an analyst opens
the app) is not thrown away either.  It is an earlier state of the store when the store's write log
(``write_log``, one row per write: the counter it produced and the stamp it drew) holds the copy's
counter with the copy's stamp and every write since; then ``EventStore.events_frame_versioned`` reads
only the articles changed since (``article_changes``), as a running app does after a save
(``refresh_frame``), and writes the copy again: at 1M events with one article saved since, 1.6 s (reading
the copy 0.6 s, applying the change 1 s) against 4.9 s for reading SQLite.  The result is exactly the
frame a full read gives (rows in rowid order, categories in order of first use).  A copy from another
history (a backup restored over the file, then written to) names a stamp the log does not hold at that
counter; a writer that keeps no log (an older release) leaves a gap; a copy with another number of rows
than the store minus the changed articles' is not what it claims: each time the copy is ignored and the
store read in full.  ``read_copy(..., older=True)`` reads such a copy (same schema and columns, counter
not past the store's); the caller checks the log inside the read transaction that reads the changed
articles.

A copy is written to a temporary file, flushed and renamed into place, so a reader sees the old copy or
the new one, never half of one (a reader does all its reads through one open file).  When the directory
cannot be written (read-only, full), nothing is written and the store works as before.

The same key answers one more question cheaply: whether the SQLite file is still exactly what a run of
this program left behind after its own writes.  ``dashboard.store.sqlite.check_file`` then skips
SQLite's ``quick_check`` (which reads the whole file: 1-2.5 s at a million events, several seconds
more when the file is not in the page cache).  See ``describes_store``.  A copy some writes behind
vouches for nothing: the file changed since, and is checked; for the dashboard that check is deferred
until the first page is drawn, and every write waits for it (``check_file``'s ``later``).

Only SQLite stores have one: a PostgreSQL store is read over the network by a server that has its own
caches, and its files are not ours to sit beside.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from extraction.records import EVENT_COLUMNS

FORMAT = 1
MAGIC = b"CMAPFRM\x01"
SUFFIX = ".frame"
MIN_ROWS = 100_000  # below this, reading SQLite costs a few tenths of a second: no file is worth keeping
_HEADER_MAX = 64 * 1024
_TAIL = 12  # the header's length (4 bytes, little-endian), then MAGIC
_CRC_BLOCK = 1 << 22

log = logging.getLogger(__name__)


def snapshot_path(store_path: Path) -> Path:
    """Where the copy of ``store_path``'s frame lives: beside it, same name plus ``.frame``."""
    return store_path.with_name(store_path.name + SUFFIX)


def store_key(store_path: Path) -> dict[str, Any] | None:
    """What a copy must have been written for to be used now; None when the store cannot be read.

    The file is looked at before SQLite is asked: a change between the two makes the key stale, never
    the other way round (the counter is read after, so a write in between shows in it).
    """
    try:
        stat = os.stat(store_path)
        conn = sqlite3.connect(f"{Path(store_path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("BEGIN")  # one snapshot of the database for the three values
            meta = dict(conn.execute(
                "SELECT key, value FROM store_meta WHERE key IN ('write_counter', 'write_stamp')").fetchall())
            schema = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None
    return {"dev": stat.st_dev, "ino": stat.st_ino, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
            "counter": meta.get("write_counter"), "stamp": meta.get("write_stamp"), "schema": schema,
            "columns": list(EVENT_COLUMNS)}


def _read_trailer(read_at: Any, size: int) -> dict[str, Any] | None:
    """The header at the end of a copy of ``size`` bytes (``read_at(n, offset)`` reads from it); None when it
    is not one of ours."""
    if size < _TAIL:
        return None
    tail = bytes(read_at(_TAIL, size - _TAIL))
    if tail[4:] != MAGIC:
        return None
    length = int.from_bytes(tail[:4], "little")
    if length > min(_HEADER_MAX, size - _TAIL):
        return None
    try:
        header = json.loads(bytes(read_at(length, size - _TAIL - length)))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return None
    if header.get("arrow_bytes") != size - _TAIL - length:  # truncated, or grown: not what was written
        return None
    return header


def _file_read_at(handle: Any) -> Any:
    def read_at(n: int, offset: int) -> bytes:
        handle.seek(offset)
        return handle.read(n)
    return read_at


class Outrun(Exception):
    """Raised inside ``save`` when the frame being written is no longer wanted (a newer one waits)."""


_WRITE_PIECE = 1 << 23  # bytes written between two looks at ``cancelled``


class _Body:
    """The file the Arrow writer sees: positions counted from the body's start, a CRC-32 computed on the way;
    ``cancelled`` is asked every ``_WRITE_PIECE`` bytes and ends the write (``Outrun``) when it says so."""

    closed = False

    def __init__(self, out: Any, cancelled: Callable[[], bool]) -> None:
        self.out, self.size, self.crc, self.cancelled = out, 0, 0, cancelled

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        for start in range(0, view.nbytes, _WRITE_PIECE):
            if self.cancelled():
                raise Outrun
            piece = view[start:start + _WRITE_PIECE]
            self.crc = zlib.crc32(piece, self.crc)
            self.out.write(piece)
        self.size += view.nbytes
        return view.nbytes

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        self.out.flush()

    def close(self) -> None:  # the real file is closed by its owner
        pass


def describes_store(store_path: Path) -> bool:
    """True when the copy beside ``store_path`` was written for the store exactly as it is now.

    Reads the copy's header only (not its data): fast enough to ask on every start.  A copy is written
    only after a full read or a refresh by a store opened with ``open_store``, which checked the file or
    found it so vouched for; so True means the file is byte for byte one that passed SQLite's check,
    changed since only by this program's own transactions (os.stat would see any other change).
    """
    try:
        with open(snapshot_path(store_path), "rb") as handle:
            header = _read_trailer(_file_read_at(handle), os.fstat(handle.fileno()).st_size)
    except OSError:
        return False
    return header is not None and header.get("key") == store_key(store_path)


def earlier_copy(store_path: Path) -> dict[str, Any] | None:
    """The key the copy beside ``store_path`` was written for, when it does not describe the store as it is
    now but may be an earlier state of it (same columns; the caller checks the rest against the store's
    write log: ``dashboard.store.sqlite.check_file``); None otherwise.  Reads the copy's header only."""
    try:
        with open(snapshot_path(store_path), "rb") as handle:
            header = _read_trailer(_file_read_at(handle), os.fstat(handle.fileno()).st_size)
    except OSError:
        return None
    key = header.get("key") if header is not None else None
    if not isinstance(key, dict) or key.get("columns") != list(EVENT_COLUMNS):
        return None
    return key


@dataclass(frozen=True, slots=True)
class Copy:
    """A copy read from beside the store: its frame, the write counter and stamp it was written for, and
    whether it describes the store as it is now (``current``) or an earlier state of it."""

    frame: pd.DataFrame
    counter: int
    stamp: int | None
    current: bool


def load(store_path: Path) -> tuple[pd.DataFrame, int] | None:
    """The events frame and the write counter it reflects, from the copy beside ``store_path``; None when
    there is none, or it is stale, truncated or damaged (the caller then reads SQLite)."""
    found = read_copy(store_path)
    return (found.frame, found.counter) if found is not None and found.current else None


def read_copy(store_path: Path, *, older: bool = False) -> Copy | None:
    """The copy beside ``store_path`` when it describes the store as it is now; with ``older``, also one
    written at an earlier write counter of the same schema and columns (``current=False``).  None when
    there is none, or it is truncated, damaged, or of another schema or a later counter.

    An older copy is not yet known to be of this store's history: the caller checks its stamp against the
    store's write log and applies the articles changed since (``EventStore.events_frame_versioned``).
    """
    import pyarrow as pa

    path = snapshot_path(store_path)
    try:
        source = pa.OSFile(str(path))  # one open file for every read below, whatever is renamed meanwhile
    except OSError:
        return None
    try:
        header = _read_trailer(source.read_at, source.size())
        if header is None:
            log.warning("events frame copy %s is truncated or not one; reading the store", path)
            return None
        key, written = store_key(store_path), header.get("key")
        if key is None or not isinstance(written, dict):
            return None
        current = written == key
        if not current and not (older and _earlier(written, key)):
            return None  # stale: the store changed since (the usual case after another process wrote)
        size, crc = header["arrow_bytes"], 0
        for offset in range(0, size, _CRC_BLOCK):
            crc = zlib.crc32(memoryview(source.read_at(min(_CRC_BLOCK, size - offset), offset)), crc)
        if crc != header["crc32"]:
            log.warning("events frame copy %s is damaged; reading the store", path)
            return None
        # Read, not mapped: each column gets its own buffer, so those converted below are freed at once.
        table = pa.ipc.open_file(source, footer_offset=size).read_all()
        if table.num_rows != header["rows"] or table.column_names != list(EVENT_COLUMNS):
            return None
        frame = conform(table.to_pandas(split_blocks=True, self_destruct=True))
        del table
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException) as err:
        log.warning("events frame copy %s cannot be read (%s); reading the store", path, err)
        return None
    finally:
        source.close()
    return Copy(frame, int(written["counter"]), written.get("stamp"), current)


def _earlier(written: dict[str, Any], key: dict[str, Any]) -> bool:
    """Whether a copy written for ``written`` may be an earlier state of the store whose key is ``key``: the
    same schema and columns, a counter not past the store's, and a stamp to look up in its write log."""
    counter, now = written.get("counter"), key.get("counter")
    return (written.get("schema") == key["schema"] and written.get("columns") == key["columns"]
            and isinstance(written.get("stamp"), int) and isinstance(counter, int) and isinstance(now, int)
            and 0 < counter <= now)


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with exactly the dtypes the SQLite read gives (``rows.FRAME_DTYPES``): Arrow loses one
    detail, the type of an empty categorical's categories."""
    from dashboard.store.rows import empty_frame

    wanted = empty_frame(list(frame.columns)).dtypes
    changes = {}
    for name, dtype in wanted.items():
        have = frame[name].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            if not isinstance(have, pd.CategoricalDtype):
                changes[name] = frame[name].astype(dtype)
            elif have.categories.dtype != dtype.categories.dtype:
                categories = pd.Index(have.categories, dtype=dtype.categories.dtype)
                changes[name] = pd.Series(pd.Categorical.from_codes(frame[name].cat.codes, categories=categories))
        elif have != dtype:
            changes[name] = frame[name].astype(dtype)
    return frame.assign(**changes) if changes else frame


def save(store_path: Path, frame: pd.DataFrame, version: int, *,
         cancelled: Callable[[], bool] = lambda: False) -> bool:
    """Write ``frame`` (the whole store at write counter ``version``) beside ``store_path``; True when written.

    Nothing is written when the store has moved on since ``version`` (the copy would be stale at once) or
    when the directory cannot be written; no temporary file is left behind either way.  Nor when
    ``cancelled()`` turns true while the copy is written (asked every 8 MB): the writer of a running app
    says so when a newer frame waits to be written (``EventStore._keep_copy``), and the frame being written
    is then let go at once.  Writing one takes 1-1.5 s at a million events; held through it, the frame a
    save replaced stayed alive beside the new frame and the new counted one (one more copy of every event
    at the peak memory of the rerun after a save).
    """
    key = store_key(store_path)
    if key is None or key["counter"] != version or list(frame.columns) != list(EVENT_COLUMNS):
        return False
    import pyarrow as pa

    target = snapshot_path(store_path)
    tmp = None
    try:
        # One thread (no slower here): a writer finishing while the process exits may not start a thread pool.
        table = pa.Table.from_pandas(frame, preserve_index=False, nthreads=1).combine_chunks()  # no copy: one chunk each
        if cancelled():
            return False
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as out:
            body = _Body(out, cancelled)
            with pa.ipc.new_file(pa.PythonFile(body, mode="w"), table.schema) as writer:
                writer.write_table(table, max_chunksize=max(table.num_rows, 1))
            del table
            header = json.dumps({"format": FORMAT, "key": key, "rows": len(frame), "arrow_bytes": body.size,
                                 "crc32": body.crc}).encode()
            out.write(header + len(header).to_bytes(4, "little") + MAGIC)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        tmp = None
    except Outrun:
        return False
    except (OSError, pa.ArrowException, ValueError, TypeError) as err:
        if cancelled():  # the writer may report the cancel as its own error
            return False
        log.info("events frame copy not written beside %s (%s); the store is read as before", store_path, err)
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return True
