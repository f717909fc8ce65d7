"""The local gazetteer store: one SQLite file under the data directory.

It holds imported gazetteers and user-added places (table ``places``, keyed by
source + source id, so re-importing updates rows instead of duplicating them)
with the lookup keys of every spelling (column ``keys``, so loading tens of
thousands of places does not re-fold their names), and a log of imports.  Every write is one transaction: a failed import leaves
the store as it was.  (The online geocoder keeps its cache in its own file so
that caching an answer does not invalidate the loaded gazetteer.)
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from gazetteer.errors import StoreError, storage_cause
from gazetteer.normalise import NORMALISER_VERSION, name_keys
from gazetteer.records import Place

STORE_NAME = "gazetteer.sqlite"
SCHEMA_VERSION = 1  # tables added later are created if missing, so older stores upgrade in place
_SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    source TEXT NOT NULL, source_id TEXT NOT NULL, name TEXT NOT NULL,
    latitude REAL NOT NULL, longitude REAL NOT NULL, admin1 TEXT, admin2 TEXT,
    feature TEXT NOT NULL, alternate_names TEXT NOT NULL DEFAULT '', population INTEGER NOT NULL DEFAULT 0,
    approximate INTEGER NOT NULL DEFAULT 0, note TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT 'Syria',
    updated_at REAL NOT NULL, keys TEXT, PRIMARY KEY (source, source_id)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY, file TEXT NOT NULL, format TEXT NOT NULL, source TEXT NOT NULL,
    rows INTEGER NOT NULL, at REAL NOT NULL
);
"""

_COUNTS: dict[Path, tuple[tuple[int, int], int]] = {}  # store file -> (stamp, places), see stored_total


def store_path(data_dir: Path) -> Path:
    return data_dir / STORE_NAME


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=30)
        conn.executescript(_SCHEMA)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif version != SCHEMA_VERSION:
            raise StoreError(f"{path}: gazetteer store schema {version}, expected {SCHEMA_VERSION}")
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{path} is not a gazetteer store ({err}); move it away to start a new one") from err
    return conn


@contextmanager
def transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, rolled back on any error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(_connect(path)) as conn:
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException as err:
            if conn.in_transaction:  # SQLite may have rolled back already (a full disk does): say why, not that
                conn.execute("ROLLBACK")
            if isinstance(err, sqlite3.Error):
                raise StoreError(f"The gazetteer store {path} was not changed: {storage_cause(err)}.") from err
            raise
        finally:
            # The file's stamp has coarse time steps: a write of this process forgets the count itself.
            _COUNTS.pop(path, None)


_FIELD, _RECORD = "\x1f", "\x1e"  # separators of the packed keys (ASCII unit/record separators)


def _pack_keys(place: Place) -> str:
    spellings = dict.fromkeys((place.name, *place.alternate_names))
    return _RECORD.join(_FIELD.join(name_keys(s)) for s in spellings)


def _unpack_keys(text: str) -> list[tuple[str, str, str]]:
    return [tuple(record.split(_FIELD)) for record in text.split(_RECORD)]  # type: ignore[misc]


def _row(place: Place, now: float) -> tuple:
    return (
        place.source, place.source_id, place.name, place.latitude, place.longitude, place.admin1, place.admin2,
        place.feature, "|".join(place.alternate_names), place.population, int(place.approximate), place.note,
        place.country, now, _pack_keys(place),
    )


def upsert_places(conn: sqlite3.Connection, places: Iterable[Place]) -> int:
    """Insert or replace places by (source, source_id), with their lookup keys; returns rows written."""
    now = time.time()
    _refresh_keys_if_stale(conn)
    count = 0
    for place in places:
        conn.execute("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", _row(place, now))
        count += 1
    return count


def _refresh_keys_if_stale(conn: sqlite3.Connection) -> None:
    """Re-fold every stored name when the folding rules changed since they were stored."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'normaliser'").fetchone()
    if row is not None and row[0] == NORMALISER_VERSION:
        return
    for place, _ in _select_places(conn):
        conn.execute("UPDATE places SET keys = ? WHERE source = ? AND source_id = ?", (_pack_keys(place), place.source, place.source_id))
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('normaliser', ?)", (NORMALISER_VERSION,))


def _select_places(conn: sqlite3.Connection) -> list[tuple[Place, str | None]]:
    rows = conn.execute(
        "SELECT name, latitude, longitude, admin1, admin2, feature, source, source_id, alternate_names,"
        " population, approximate, note, country, keys FROM places ORDER BY source = 'user', updated_at"
    ).fetchall()
    return [
        (
            Place(
                name=r[0], latitude=r[1], longitude=r[2], admin1=r[3], admin2=r[4], feature=r[5], source=r[6],
                source_id=r[7], alternate_names=tuple(r[8].split("|")) if r[8] else (), population=r[9],
                approximate=bool(r[10]), note=r[11], country=r[12],
            ),
            r[13],
        )
        for r in rows
    ]


def load_places(path: Path) -> list[Place]:
    """Every place in the store (empty when the store does not exist yet)."""
    return [place for place, _ in load_places_with_keys(path)]


def load_places_with_keys(path: Path) -> list[tuple[Place, list[tuple[str, str, str]] | None]]:
    """Every place with its stored lookup keys (None when they were folded by other rules)."""
    if not path.exists():
        return []
    with closing(_connect(path)) as conn:
        rows = _select_places(conn)
        row = conn.execute("SELECT value FROM meta WHERE key = 'normaliser'").fetchone()
    current = row is not None and row[0] == NORMALISER_VERSION
    return [(place, _unpack_keys(keys) if current and keys else None) for place, keys in rows]


def log_import(conn: sqlite3.Connection, *, file: str, fmt: str, source: str, rows: int) -> None:
    conn.execute("INSERT INTO imports (file, format, source, rows, at) VALUES (?,?,?,?,?)", (file, fmt, source, rows, time.time()))


def count_places(path: Path) -> dict[str, int]:
    """Rows per source in the store."""
    if not path.exists():
        return {}
    with closing(_connect(path)) as conn:
        return dict(conn.execute("SELECT source, COUNT(*) FROM places GROUP BY source").fetchall())


def stored_total(path: Path) -> int:
    """Places in the store, counted once per version of the file.

    Every unresolved name reports this count in its reason; counting opens the
    database, so the count is kept until the file's stamp (mtime, size) changes.
    """
    stamp = store_stamp(path)
    cached = _COUNTS.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    total = sum(count_places(path).values())
    _COUNTS[path] = (stamp, total)
    return total


def store_stamp(path: Path) -> tuple[int, int]:
    """Changes when the store file changes (for cache invalidation)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)
