"""The persistent event store: articles, their events, mentions and user-added places.

Why SQLite and not DuckDB: the store's workload is many small transactional
writes (one article and its events at a time, from several Streamlit sessions
and processes at once) and occasional full reads.  SQLite is in the standard
library, lets many readers run beside one writer in WAL mode, waits for the
write lock (``busy_timeout``) instead of failing, and its WAL journal survives a
killed process without losing a committed article or keeping half of one.
DuckDB is built for analytics on one writer process; the dashboard does its
analytics in pandas, in memory, on the frame ``events_frame`` returns.

Every write is one ``BEGIN IMMEDIATE`` transaction and bumps a counter, so
``data_version`` tells the UI when its cached frame is stale.  A file that is
not our store (random bytes, truncated, somebody else's SQLite) is refused with
``StoreError`` before anything could modify it (see ``dashboard.migrations``).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from dashboard import migrations
from dashboard.store_rows import (
    EVENT_SELECT_COLUMNS,
    concat_frames,
    delete_events,
    frame_from_cursor,
    frame_via_arrow,
    insert_events,
    mentions_by_event,
    row_to_event,
    touch_article,
)
from extraction.records import Article, Event, Mention
from gazetteer.errors import InputError, StoreError
from gazetteer.settings import data_dir

STORE_FILENAME = "events.sqlite3"
FAST_READ_MIN_ROWS = 100_000  # below this, starting the fast reader's child process costs more than it saves
MAX_INCREMENTAL_ARTICLES = 2_000  # past this many changed articles, re-reading everything is simpler


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What ``save_article`` did: the article's id, whether it was new, how many events were written."""

    article_id: str
    created: bool
    events_saved: int


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """One line of the article list (no text, for speed)."""

    article_id: str
    title: str
    source: str
    url: str
    published: date | None
    n_events: int
    saved_at: str


@dataclass(frozen=True, slots=True)
class UserPlace:
    """A place a user added via the UI (mirrored here so a backup of the store keeps it)."""

    place_id: int
    name: str
    lat: float
    lon: float
    admin1: str | None
    note: str
    added_at: str


def open_store(path: Path | str | None = None) -> "EventStore":
    """Open (creating and migrating if needed) the store at ``path``, default ``data_dir()/events.sqlite3``.

    Raises ``StoreError`` for a damaged or foreign file, which is left untouched.
    """
    path = Path(path) if path is not None else data_dir() / STORE_FILENAME
    try:
        if migrations.check_file(path):
            migrations.create_file(path)
        store = EventStore(path)
        with store._connect() as conn:
            migrations.migrate(conn)
    except (OSError, sqlite3.Error) as err:
        raise StoreError(f"Cannot open or create the event store at {path}: {err}. Check that the data "
                         "directory (CONFLICT_MAP_DATA_DIR) exists and is writable.") from err
    return store


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class EventStore:
    """The store at one path.  Safe to share between threads: each call opens its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"EventStore({str(self.path)!r})"

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # One short-lived connection per call: no connection crosses a thread (Streamlit
        # runs sessions in threads), and opening one costs well under a millisecond.
        try:
            conn = migrations.connect(self.path)
        except sqlite3.Error as err:
            raise StoreError(f"Cannot open the event store {self.path}: {err}") from err
        try:
            yield conn
        finally:
            conn.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that also bumps the write counter (see ``data_version``)."""
        with self._connect() as conn:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                raise StoreError(f"The event store is busy or read-only ({err}); nothing was saved.") from err
            try:
                yield conn
                conn.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'write_counter'")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: everything read inside sees one consistent snapshot."""
        with self._connect() as conn:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")

    # -- articles -----------------------------------------------------------------

    def save_article(self, article: Article, events: Sequence[Event], *, replace_events: bool = True) -> SaveResult:
        """Save an article and its events in one transaction.

        The same text saved twice is one article (its content hash is unique):
        the second save returns ``created=False`` and, with ``replace_events``,
        replaces the article's events by the given ones atomically.
        """
        if not article.text.strip():
            raise InputError("The article has no text; nothing was saved.")
        article = article.with_id()
        content_hash = article.content_hash
        with self._write() as conn:
            row = conn.execute(
                "SELECT article_id FROM articles WHERE content_hash = ?", (content_hash,)
            ).fetchone()
            if row is None:
                clash = conn.execute(
                    "SELECT 1 FROM articles WHERE article_id = ?", (article.article_id,)
                ).fetchone()
                if clash:
                    raise StoreError(f"Another article with id {article.article_id!r} and a different text "
                                     "is already stored; nothing was saved.")
                conn.execute(
                    "INSERT INTO articles (article_id, text, title, source, url, published, content_hash, saved_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.article_id, article.text, article.title, article.source, article.url,
                     _iso(article.published), content_hash, _now()),
                )
                written = insert_events(conn, article.article_id, events)
                touch_article(conn, article.article_id)
                return SaveResult(article.article_id, True, written)
            article_id = row[0]
            if not replace_events:
                return SaveResult(article_id, False, 0)
            delete_events(conn, article_id)
            written = insert_events(conn, article_id, events)
            touch_article(conn, article_id)
            return SaveResult(article_id, False, written)

    def update_events(self, article_id: str, events: Sequence[Event]) -> int:
        """Replace an article's events (after review or editing) atomically; return how many were written."""
        with self._write() as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE article_id = ?", (article_id,)).fetchone():
                raise StoreError(f"No article with id {article_id!r} is stored; nothing was changed.")
            delete_events(conn, article_id)
            written = insert_events(conn, article_id, events)
            touch_article(conn, article_id)
            return written

    def delete_article(self, article_id: str) -> None:
        """Delete an article, its events and every mention it contributed, in one transaction."""
        with self._write() as conn:
            delete_events(conn, article_id)
            conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM articles WHERE article_id = ?", (article_id,))
            touch_article(conn, article_id)

    def get_article(self, article_id: str) -> Article | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT text, title, published, source, url, article_id FROM articles WHERE article_id = ?",
                (article_id,),
            ).fetchone()
        if row is None:
            return None
        text, title, published, source, url, aid = row
        return Article(text=text, title=title, published=_date(published), source=source, url=url, article_id=aid)

    def list_articles(self) -> list[ArticleInfo]:
        """Every article with its event count, newest saved first."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT a.article_id, a.title, a.source, a.url, a.published,"
                " (SELECT count(*) FROM events e WHERE e.article_id = a.article_id), a.saved_at"
                " FROM articles a ORDER BY a.saved_at DESC, a.rowid DESC"
            ).fetchall()
        return [ArticleInfo(r[0], r[1], r[2], r[3], _date(r[4]), r[5], r[6]) for r in rows]

    # -- events ---------------------------------------------------------------------

    def events_for_article(self, article_id: str) -> list[Event]:
        """The article's events with their mentions, in text order."""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {EVENT_SELECT_COLUMNS} FROM events WHERE article_id = ? ORDER BY sentence_start, event_id",
                (article_id,),
            ).fetchall()
            by_event = mentions_by_event(conn, [r[0] for r in rows])
        return [row_to_event(r, by_event.get(r[0], ())) for r in rows]

    def mentions(self, event_id: str) -> list[Mention]:
        """Every sentence that reported the event, from any article."""
        with self._read() as conn:
            return list(mentions_by_event(conn, [event_id]).get(event_id, ()))

    def events_frame(self, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """All events as a DataFrame, one row per event (columns and dtypes: ``store_rows.FRAME_DTYPES``)."""
        return self.events_frame_versioned(columns=columns)[0]

    def events_frame_versioned(self, *, columns: Sequence[str] | None = None) -> tuple[pd.DataFrame, int]:
        """All events and the ``data_version`` they reflect, as one consistent snapshot.

        A big store is read through ADBC's Arrow driver in a child process when
        it is installed (two to three times faster at a million events; see
        ``dashboard.fast_read``); that read runs on its own connection, so it
        counts only when no write happened around it (same version before and after).
        """
        with self._read() as conn:  # max(rowid) is a cheap upper bound on the number of events
            big = (conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0] >= FAST_READ_MIN_ROWS)
        for _attempt in range(3 if big else 0):
            before = self.data_version()
            frame = frame_via_arrow(str(self.path), columns=columns)
            if frame is None:
                break
            if self.data_version() == before:
                return frame, before
        with self._read() as conn:
            version = _version(conn)
            return frame_from_cursor(conn, columns=columns), version

    def refresh_frame(self, frame: pd.DataFrame, version: int, *,
                      columns: Sequence[str] | None = None) -> tuple[pd.DataFrame, int]:
        """Bring a frame loaded at ``version`` up to date by re-reading only the articles changed since.

        Returns a new frame (the given one is not modified) and the version it
        reflects.  After one saved article this reads that article's events
        instead of the whole store.  Falls back to a full read when many
        articles changed or ``version`` is unknown.
        """
        with self._read() as conn:
            current = _version(conn)
            if current == version:
                return frame, current
            changed = [r[0] for r in conn.execute(
                "SELECT DISTINCT article_id FROM article_changes WHERE version > ? AND version <= ?",
                (version, current))]
            if version > current or len(changed) > MAX_INCREMENTAL_ARTICLES or "article_id" not in frame.columns:
                return frame_from_cursor(conn, columns=columns), current
            fresh = frame_from_cursor(conn, columns=columns, article_ids=changed)
        kept = frame[~frame["article_id"].isin(changed)]
        merged = concat_frames([kept, fresh])
        for name in merged.columns:  # a deleted article's actor must not linger in filter options
            if isinstance(merged[name].dtype, pd.CategoricalDtype):
                merged[name] = merged[name].cat.remove_unused_categories()
        return merged, current

    def count_events(self) -> int:
        with self._read() as conn:
            return conn.execute("SELECT count(*) FROM events").fetchone()[0]

    def count_articles(self) -> int:
        with self._read() as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def is_empty(self) -> bool:
        with self._read() as conn:
            return conn.execute("SELECT NOT EXISTS (SELECT 1 FROM articles)").fetchone()[0] == 1

    def data_version(self) -> int:
        """A number that changes whenever anything is written (for the UI's cache invalidation)."""
        with self._read() as conn:
            return _version(conn)

    # -- user places ------------------------------------------------------------------

    def add_user_place(self, name: str, lat: float, lon: float, *, admin1: str | None = None, note: str = "") -> int:
        """Remember a place a user added; return its id."""
        if not name.strip():
            raise InputError("A place needs a name.")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(f"Coordinates {lat}, {lon} are outside the globe (latitude -90..90, longitude -180..180).")
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO user_places (name, lat, lon, admin1, note, added_at) VALUES (?, ?, ?, ?, ?, ?)",
                (name.strip(), float(lat), float(lon), admin1, note, _now()),
            )
            return int(cur.lastrowid)

    def user_places(self) -> list[UserPlace]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT place_id, name, lat, lon, admin1, note, added_at FROM user_places ORDER BY place_id"
            ).fetchall()
        return [UserPlace(*r) for r in rows]

    # -- maintenance --------------------------------------------------------------------

    def integrity_check(self) -> list[str]:
        """SQLite's integrity check plus foreign keys; ``["ok"]`` when all is well."""
        with self._connect() as conn:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        if orphans:
            problems = [p for p in problems if p != "ok"] + [f"foreign key problem: {o}" for o in orphans[:10]]
        return problems

    def backup(self, target: Path | str) -> Path:
        """Copy the store to ``target`` consistently while it is in use (SQLite's online backup)."""
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target} already exists; choose a new file name for the backup.")
        with self._connect() as conn:
            dest = sqlite3.connect(target)
            try:
                conn.backup(dest)
            finally:
                dest.close()
        return target


def _version(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT value FROM store_meta WHERE key = 'write_counter'").fetchone()[0]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
