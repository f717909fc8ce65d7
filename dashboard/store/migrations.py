"""The store's schema as ordered migrations, run the same way on SQLite and PostgreSQL.

Each migration is written once, in SQLite's dialect; on PostgreSQL the connection
translates it (``dashboard.store.postgres.translate``: INTEGER -> BIGINT, REAL ->
DOUBLE PRECISION, BLOB -> BYTEA, an identity ``rowid`` column on every table, so
that "in insertion order" means the same on both).  A migration is an SQL
script, or a function of the connection when it must transform data in Python
(migration 3 builds version snapshots); either runs in one write transaction
with its ``schema_version`` row, so a killed migration leaves the store as it
was, and two processes migrating at once take turns (the store's write lock).

Checking that an SQLite *file* is ours before opening it, and creating it
atomically, is the SQLite backend's job (``dashboard.store.sqlite``).
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable
from datetime import datetime, timezone

import orjson

from dashboard.store.backend import Connection
from gazetteer.errors import StoreError

APPLICATION_ID = 0x434D4150  # "CMAP" in ASCII: marks the file as a conflict-map store


def _versions_from_current_events(conn: Connection) -> None:
    """Migration 3: the history table, and every stored article's current events as its version 1.

    Written against the tables as they are at schema version 2 and with its own
    copy of the snapshot format (``store_rows.encode_snapshot``, format 1), so
    that it keeps doing the same thing when the live code changes later.  The
    events were saved before versions existed: mostly reviewed on the Upload
    page, so kind "reviewed" (the safe label: it marks them as human work a
    re-extraction must not overwrite unasked), editor "local", and the time
    the article was saved.
    """
    for statement in _statements(_EVENT_VERSIONS_TABLE):
        conn.execute(statement)
    columns = conn.columns("events")
    select = ", ".join(f'"{name}"' for name in columns)
    articles = conn.execute("SELECT article_id, saved_at FROM articles ORDER BY rowid").fetchall()
    for article_id, saved_at in articles:
        rows = conn.execute(f"SELECT {select} FROM events WHERE article_id = ? ORDER BY sentence_start, event_id",
                            (article_id,)).fetchall()
        mentions: dict[str, list[list[object]]] = {}
        for event_id, m_article, sentence, start, end in conn.execute(
            'SELECT m.event_id, m.article_id, m.sentence, m."start", m."end" FROM mentions m'
            ' JOIN events e ON e.event_id = m.event_id WHERE e.article_id = ? ORDER BY m.article_id, m."start"',
            (article_id,),
        ):
            mentions.setdefault(event_id, []).append([m_article, sentence, start, end])
        id_at = columns.index("event_id")
        snapshot = {"format": 1, "columns": columns,
                    "rows": [[*row, mentions.get(row[id_at], [])] for row in rows]}
        conn.execute(
            "INSERT INTO event_versions (article_id, version, kind, editor, saved_at, note, n_events, events)"
            " VALUES (?, 1, 'reviewed', 'local', ?, 'saved before versions were kept', ?, ?)",
            (article_id, saved_at, len(rows), zlib.compress(orjson.dumps(snapshot), 6)),
        )


_EVENT_VERSIONS_TABLE = """
CREATE TABLE event_versions (
    article_id    TEXT NOT NULL,     -- no foreign key: the history outlives a deleted article
    version       INTEGER NOT NULL CHECK (version >= 1),  -- 1, 2, 3... per article, never reused
    kind          TEXT NOT NULL,     -- store_versions.VERSION_KINDS (checked in Python: a new kind needs no rebuild)
    editor        TEXT NOT NULL,     -- the signed-in identity, or 'local'
    saved_at      TEXT NOT NULL,     -- ISO timestamp, UTC
    note          TEXT NOT NULL DEFAULT '',
    n_events      INTEGER NOT NULL CHECK (n_events >= 0),
    events        BLOB NOT NULL,     -- the whole event set with mentions: zlib-compressed JSON (store_rows)
    restored_from INTEGER,           -- for kind 'restored': the version brought back
    PRIMARY KEY (article_id, version)
);
"""

Migration = tuple[int, str, str | Callable[[Connection], None]]

# Each migration is (version, description, SQL script or a function of the connection).
# Append only: never edit a migration that has been released, add a new one.
MIGRATIONS: tuple[Migration, ...] = (
    (
        1,
        "articles, events, mentions, user places",
        """
        CREATE TABLE store_meta (
            key   TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        INSERT INTO store_meta (key, value) VALUES ('write_counter', 0);

        CREATE TABLE articles (
            article_id   TEXT PRIMARY KEY,
            text         TEXT NOT NULL,
            title        TEXT NOT NULL DEFAULT '',
            source       TEXT NOT NULL DEFAULT '',
            url          TEXT NOT NULL DEFAULT '',
            published    TEXT,               -- ISO date
            content_hash TEXT NOT NULL UNIQUE, -- sha256 of the text: same text, same article
            saved_at     TEXT NOT NULL        -- ISO timestamp, UTC
        );

        CREATE TABLE events (
            event_id         TEXT PRIMARY KEY,
            article_id       TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
            event_date       TEXT,            -- ISO date
            time_precision   INTEGER,
            event_type       TEXT NOT NULL,
            sub_event_type   TEXT NOT NULL,
            actor1           TEXT,
            assoc_actor_1    TEXT,
            actor2           TEXT,
            assoc_actor_2    TEXT,
            inter1           INTEGER,
            inter2           INTEGER,
            country          TEXT NOT NULL,
            admin1           TEXT,
            admin2           TEXT,
            location         TEXT,
            latitude         REAL,
            longitude        REAL,
            geo_precision    INTEGER,
            fatalities       INTEGER,
            fatalities_low   INTEGER,
            fatalities_high  INTEGER,
            notes            TEXT NOT NULL,
            source           TEXT NOT NULL,
            source_url       TEXT NOT NULL,
            location_text    TEXT,
            sentence_start   INTEGER NOT NULL,
            sentence_end     INTEGER NOT NULL,
            confidence       REAL NOT NULL,
            fatalities_text  TEXT NOT NULL DEFAULT '',
            location_source  TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX events_by_article ON events (article_id);

        CREATE TABLE mentions (
            event_id   TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
            sentence   TEXT NOT NULL,
            "start"    INTEGER NOT NULL,
            "end"      INTEGER NOT NULL,
            PRIMARY KEY (event_id, article_id, "start")
        );
        CREATE INDEX mentions_by_article ON mentions (article_id);

        CREATE TABLE user_places (
            place_id INTEGER PRIMARY KEY,
            name     TEXT NOT NULL,
            lat      REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
            lon      REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
            admin1   TEXT,
            note     TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL
        );
        """,
    ),
    (
        2,
        "article change log, for refreshing a loaded events frame incrementally",
        """
        CREATE TABLE article_changes (
            version    INTEGER NOT NULL,  -- the write_counter value the change produced
            article_id TEXT NOT NULL,
            PRIMARY KEY (version, article_id)
        ) WITHOUT ROWID;
        """,
    ),
    (
        3,
        "event versions: every save keeps the article's whole event set; current events become version 1",
        _versions_from_current_events,
    ),
    (
        4,
        "reports of one event across articles: groups, the pairs an editor split, the merge log (store_merge.py)",
        """
        CREATE TABLE event_groups (
            event_id   TEXT PRIMARY KEY,  -- one report: an event of one article
            article_id TEXT NOT NULL,
            group_id   TEXT NOT NULL,     -- the event it reports (the id of the group's first report)
            why        TEXT NOT NULL,     -- why it was merged, in words ('' for the first report)
            merged_at  TEXT NOT NULL,
            merged_by  TEXT NOT NULL
        );
        CREATE INDEX event_groups_by_group ON event_groups (group_id);
        CREATE INDEX event_groups_by_article ON event_groups (article_id);

        CREATE TABLE merge_splits (
            event_id TEXT NOT NULL,
            other_id TEXT NOT NULL,
            split_at TEXT NOT NULL,
            split_by TEXT NOT NULL,
            PRIMARY KEY (event_id, other_id)
        );

        CREATE TABLE merge_log (
            at       TEXT NOT NULL,
            editor   TEXT NOT NULL,
            action   TEXT NOT NULL CHECK (action IN ('merge', 'split')),
            event_id TEXT NOT NULL,
            group_id TEXT NOT NULL,
            why      TEXT NOT NULL
        );
        CREATE INDEX merge_log_by_group ON merge_log (group_id);

        CREATE INDEX events_by_day ON events (event_date, event_type);
        """,
    ),
    (
        5,
        "write log: the stamp each write drew, so a stale copy of the events frame is known to be of this history",
        """
        CREATE TABLE write_log (
            version INTEGER NOT NULL,  -- the write_counter value the write produced
            stamp   INTEGER NOT NULL,  -- the write_stamp it drew (store_meta); a copy's key names one
            PRIMARY KEY (version)
        ) WITHOUT ROWID;
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1][0]


def migrate(conn: Connection, *, up_to: int | None = None) -> int:
    """Bring a store up to ``LATEST_VERSION`` (or ``up_to``, for tests that build an old store)
    in one transaction per migration; return the version."""
    create = ("CREATE TABLE IF NOT EXISTS schema_version ("
              " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)")
    if conn.dialect == "sqlite":  # one statement, atomic by itself; no need to wait for the write lock
        conn.execute(create)
        current = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
    else:  # PostgreSQL: two processes creating the same table at once would collide, so under the lock
        conn.begin_write()
        try:
            conn.execute(create)
            current = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
    if current > LATEST_VERSION:
        raise StoreError(f"The event store has schema version {current}, newer than this program understands "
                         f"({LATEST_VERSION}). Upgrade the program; the store was left untouched.")
    for version, description, script in MIGRATIONS:
        if version <= current or (up_to is not None and version > up_to):
            continue
        conn.begin_write()
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            if conn.execute("SELECT count(*) FROM schema_version WHERE version = ?", (version,)).fetchone()[0]:
                conn.execute("COMMIT")
                continue
            if callable(script):
                script(conn)
            else:
                for statement in _statements(script):
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (version, description, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            if conn.dialect == "sqlite":  # marks the file as ours (dashboard.store.sqlite.check_file)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:  # a migration function can fail with more than a database error
            _rollback(conn)
            raise
        current = version
    return current


def _rollback(conn: Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``executescript`` would commit implicitly)."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out
