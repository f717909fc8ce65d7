"""Build a store as an older program left it, to test that the current code migrates it without loss.

``build_store(where, schema_version=2)`` creates the store (an SQLite path or a PostgreSQL URL) with the migrations up
to that version (their SQL, as released) and writes articles the way the code
of that version did (frozen here, since the live code now writes more): one
transaction per save that inserts the article, its events and mentions, logs
the change (from schema version 2) and bumps the write counter.  Deletions and
user places likewise.  ``tests/fixtures/store/events_v2.sqlite3`` is the same
kind of file, written by the real code of commit fef3d35.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from dashboard.store import migrations
from dashboard.store.backend import from_url
from extraction.records import Article, Event, Mention

# The events table of schema versions 1 and 2, frozen (the live EVENT_COLUMNS may grow).
V2_EVENT_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
    "assoc_actor_2", "inter1", "inter2", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "notes", "source", "source_url",
    "article_id", "location_text", "sentence_start", "sentence_end", "confidence", "fatalities_text",
    "location_source",
)
_EVENT_INSERT = (f"INSERT INTO events ({', '.join(V2_EVENT_COLUMNS)})"
                 f" VALUES ({', '.join('?' * len(V2_EVENT_COLUMNS))})")


class LegacyStore:
    """The write path of schema versions 1 and 2 (``save_article``, ``update_events``, ``delete_article``)."""

    def __init__(self, conn: Any, schema_version: int) -> None:
        self.conn = conn
        self.schema_version = schema_version

    def save_article(self, article: Article, events: Sequence[Event], *, saved_at: str) -> None:
        article = article.with_id()
        with self._transaction():
            self.conn.execute(
                "INSERT INTO articles (article_id, text, title, source, url, published, content_hash, saved_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article.article_id, article.text, article.title, article.source, article.url,
                 article.published.isoformat() if article.published else None, article.content_hash, saved_at))
            self._insert(article.article_id, events)

    def update_events(self, article_id: str, events: Sequence[Event]) -> None:
        with self._transaction():
            self.conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
            self._insert(article_id, events)

    def delete_article(self, article_id: str) -> None:
        with self._transaction():
            self.conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
            self.conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            self.conn.execute("DELETE FROM articles WHERE article_id = ?", (article_id,))
            self._touch(article_id)

    def add_user_place(self, name: str, lat: float, lon: float, *, admin1: str | None, added_at: str) -> None:
        with self._transaction():
            self.conn.execute("INSERT INTO user_places (name, lat, lon, admin1, note, added_at)"
                              " VALUES (?, ?, ?, ?, ?, ?)", (name, lat, lon, admin1, "", added_at))

    def _insert(self, article_id: str, events: Sequence[Event]) -> None:
        for e in events:
            values = {name: getattr(e, name) for name in V2_EVENT_COLUMNS}
            values["event_date"] = e.event_date.isoformat() if e.event_date else None
            values["article_id"] = article_id
            self.conn.execute(_EVENT_INSERT, list(values.values()))
            for m in e.mentions or (Mention(article_id, e.notes, e.sentence_start, e.sentence_end),):
                self.conn.execute('INSERT OR IGNORE INTO mentions (event_id, article_id, sentence, "start", "end")'
                                  " VALUES (?, ?, ?, ?, ?)", (e.event_id, m.article_id or article_id, m.sentence,
                                                              m.start, m.end))
        self._touch(article_id)

    def _touch(self, article_id: str) -> None:
        if self.schema_version >= 2:
            self.conn.execute("INSERT OR IGNORE INTO article_changes (version, article_id)"
                              " SELECT value + 1, ? FROM store_meta WHERE key = 'write_counter'", (article_id,))

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.begin_write()
        try:
            yield
            self.conn.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'write_counter'")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise


def build_store(where: Path | str, *, schema_version: int = 2) -> tuple[Any, LegacyStore]:
    """A new store at ``schema_version`` and the old write path on it (close the connection when done)."""
    assert schema_version < migrations.LATEST_VERSION
    conn = from_url(where if isinstance(where, str) and "://" in where else Path(where)).connect()
    assert migrations.migrate(conn, up_to=schema_version) == schema_version
    return conn, LegacyStore(conn, schema_version)
