"""The persistent event store: articles, their events, mentions and user-added places.

One class, ``EventStore``, with its SQL written once; the database under it is
a backend (``dashboard.store.backend``): an SQLite file by default, or a
PostgreSQL database for a team (``CONFLICT_MAP_DATABASE_URL``).  Everything
below holds for both; where the engines differ (locks, snapshots, the fast
read, backups) the backend modules say how.

Why SQLite and not DuckDB: the store's workload is many small transactional
writes (one article and its events at a time, from several Streamlit sessions
and processes at once) and occasional full reads.  SQLite is in the standard
library, lets many readers run beside one writer in WAL mode, waits for the
write lock (``busy_timeout``) instead of failing, and its WAL journal survives a
killed process without losing a committed article or keeping half of one.
DuckDB is built for analytics on one writer process; the dashboard does its
analytics in pandas, in memory, on the frame ``events_frame`` returns.

Every write is one ``BEGIN IMMEDIATE`` transaction and bumps a counter, so
``data_version`` tells the UI when its cached frame is stale; it logs the
articles it changed (``article_changes``), so a stale frame is brought up to
date by reading those alone (``refresh_frame``), and the random stamp it drew
(``write_log``), so a copy of the frame written some writes ago is known to be
an earlier state of this store (``events_frame_versioned``, ``snapshot``).  A file that is
not our store (random bytes, truncated, somebody else's SQLite) is refused with
``StoreError`` before anything could modify it (see ``dashboard.store.migrations``).

Versions: saved reviews are never overwritten
---------------------------------------------
Every change to an article's events is a new numbered version (1, 2, 3... per
article) recording who (``editor``: the signed-in identity or "local"), when
(UTC), a kind ("extracted", "reviewed", "edited", "restored", "re-extracted",
"deleted"), an optional note, and the whole event set with its mentions.  The
``events`` and ``mentions`` tables keep holding only the current version, so
reads, ``events_frame`` and the fast reader cost what they cost before.

* ``save_article`` of a new text makes version 1.  For a text already stored it
  writes nothing and returns ``created=False`` when the events are those already
  stored (a second click on Save, two sessions seeding at once); when they differ
  it refuses with ``StoreError`` (saying how many events are stored, at which
  version, by whom) unless the caller passes ``replace_events=True``, which
  makes a new version.  Refusing, rather than quietly keeping the old events,
  tells the analyst that their new review was not saved.
* ``update_events`` and ``restore_version`` always make a new version (a review
  that changes nothing is still worth recording); with ``expected_version``
  they refuse, writing nothing, when someone saved a newer version since the
  caller read it, so two editors never silently overwrite each other.
* ``delete_article`` records a "deleted" version with no events and keeps the
  history: saving the same text again continues it (its id comes from the
  text), and ``restore_version`` can then bring back any earlier version.  An
  event of another article that cited the deleted article loses that mention,
  which is a change to that article too, so it gets a version ("edited").

Why a snapshot per version (``event_versions``: one row per version holding the
event set as zlib-compressed JSON, see ``rows.encode_snapshot``) and not
a versioned copy of the events table: event ids are the primary key of
``events`` and of ``mentions``' foreign key, so a versioned copy would need a
second pair of tables with composite keys, kept in step with every future
column; a version is written once per save and read only for history, diff or
restore, always whole; JSON names its columns, so a snapshot written today stays
readable after a later migration adds a field (with a default); and compressed
it is small (the sample article's 8 events: 6.7 kB of JSON, 1.7 kB stored; a
store of 200,000 synthetic events grew 9%).  The price is paid when saving:
about 20 ms more per 1,000 events (``scripts/bench_store.py``: 28,000 -> 18,000
events/s in bulk; one 10-event save 3 -> 4 ms).  Every version, the current one
included, has its own row, so a version is immutable once written and restoring
needs no special case.  All of it happens inside the same ``BEGIN IMMEDIATE``
transaction as the write to the events, so a killed process leaves both or
neither, and version numbers taken as ``max + 1`` under the write lock are
dense and unique.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import secrets
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.store import merge as store_merge, migrations, snapshot
from dashboard.store.backend import DB_ERRORS, STORE_FILENAME, Backend, Connection, from_url
from dashboard.store import versions
from dashboard.store.rows import (
    EVENT_SELECT_COLUMNS,
    categories_as_read,
    without_rows,
    delete_events,
    frame_from_cursor,
    frame_via_arrow,
    mentions_by_event,
    normalise_events,
    row_to_event,
    touch_article,
)
from dashboard.store.versions import StoredInfo, VersionDiff, VersionInfo, VersionKind
from extraction.records import EVENT_COLUMNS, Article, Event, Mention
from gazetteer.errors import InputError, StoreError, storage_cause

FAST_READ_MIN_ROWS = 100_000  # below this, starting the fast reader's child process costs more than it saves
MAX_INCREMENTAL_ARTICLES = 2_000  # past this many changed articles, re-reading everything is simpler
COPY_DELAY = 3.0  # seconds between handing a frame to the copy writer and writing it (``_keep_copy``)


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save did: the article's id, whether it was new, how many events were written,
    the article's version afterwards, and whether this call made that version."""

    article_id: str
    created: bool
    events_saved: int
    version: int
    new_version: bool


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


def open_store(where: Path | str | Backend | None = None, *, check_later: bool = False) -> "EventStore":
    """Open (creating and migrating if needed) the store: an SQLite path, a URL (``postgresql://...``,
    ``sqlite:///PATH``), a backend, or None for the configured one (``CONFLICT_MAP_DATABASE_URL``, default
    ``DATA_DIR/events.sqlite3``).

    Raises ``StoreError`` for a damaged or foreign file (left untouched) or a server that cannot be
    reached, and ``ConfigurationError`` for a malformed URL; each with a one-line message.

    ``check_later`` (the dashboard): an SQLite file that another process wrote to since the copy of its
    frame was made is opened without SQLite's quick_check (1-2.5 s at a million events), which then runs
    when ``check_file_later`` or ``check_file_now`` is called, and before any write: until it has
    passed, nothing is written to the file (see ``dashboard.store.sqlite.check_file``).
    """
    backend = where if not isinstance(where, (str, Path)) and where is not None else from_url(where)
    try:
        backend.prepare(check_later=check_later)
        store = EventStore(backend)
        with store._connect() as conn:
            migrations.migrate(conn)
    except (OSError, *DB_ERRORS) as err:
        hint = ("Check that the data directory (CONFLICT_MAP_DATA_DIR) exists and is writable."
                if backend.kind == "sqlite" else "Check that the database exists and the user may create tables in it.")
        raise StoreError(f"Cannot open or create the event store at {backend.location}: "
                         f"{' '.join(str(err).split())}. {hint}") from err
    return store


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class EventStore:
    """The store in one database.  Safe to share between threads: each call takes its own connection."""

    def __init__(self, where: Path | str | Backend) -> None:
        self.backend: Backend = where if not isinstance(where, (str, Path)) else from_url(
            where if isinstance(where, str) and "://" in where else Path(where))
        self._copy_lock = threading.Lock()  # the frame copy written beside an SQLite store (snapshot.py)
        self._copy_job: tuple[pd.DataFrame, int] | None = None
        self._copy_writer: threading.Thread | None = None
        self._copy_now = threading.Event()  # set by wait_for_copy: write without waiting COPY_DELAY
        self._check_lock = threading.Lock()  # the deferred check of the file (``check_file_now``)
        self._check_start = threading.Lock()
        self._check_thread: threading.Thread | None = None
        self._file_problem: str | None = None
        self.file_check_seconds: float | None = None  # how long the deferred check took, once it ran

    @property
    def path(self) -> Path | None:
        """The SQLite file (None for a PostgreSQL store)."""
        return self.backend.path

    @property
    def location(self) -> str:
        """Where the store is, for messages and cache keys: a path, or a URL without its password."""
        return self.backend.location

    def __repr__(self) -> str:
        return f"EventStore({self.location!r})"

    @contextlib.contextmanager
    def _connect(self) -> Iterator[Connection]:
        # One connection per call (SQLite: opened and closed, well under a millisecond; PostgreSQL: from a
        # small pool): no connection crosses a thread, and Streamlit runs sessions in threads.
        conn = self.backend.connect()
        try:
            yield conn
        finally:
            self.backend.release(conn)

    # -- the deferred check of the file (``open_store(..., check_later=True)``) ----------------------------

    @property
    def file_check_pending(self) -> bool:
        """True while the file's check is deferred and has not run yet (connections are read-only)."""
        return bool(getattr(self.backend, "unchecked", False)) and self._file_problem is None

    @property
    def file_problem(self) -> str | None:
        """Why the file must not be written to (its deferred check failed), or None."""
        return self._file_problem

    def check_file_now(self) -> str | None:
        """Run the deferred check of the file if it has not run (waiting for one running in the background);
        return the problem it found, or None when the file is sound or was checked when opened."""
        with self._check_lock:
            if self.file_check_pending:
                started = time.perf_counter()
                self._file_problem = self.backend.deferred_check()
                self.file_check_seconds = time.perf_counter() - started
                if self._file_problem is not None:
                    logging.getLogger(__name__).error("%s", self._file_problem)
            return self._file_problem

    def check_file_later(self) -> None:
        """Run the deferred check of the file in a background thread (once); the dashboard calls this after
        its first page is drawn, so the check does not delay it and does not run beside the load."""
        with self._check_start:  # not the check's own lock, which is held while it runs
            if not self.file_check_pending or self._check_thread is not None:
                return
            self._check_thread = threading.Thread(target=self.check_file_now, name="store-file-check", daemon=True)
            self._check_thread.start()

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction, holding the store's write lock, that also bumps the write counter.

        Refused, writing nothing, when the file's deferred check fails (run first if it has not)."""
        problem = self.check_file_now()
        if problem is not None:
            raise StoreError(f"Nothing was saved: {problem}")
        with self._connect() as conn:
            try:
                conn.begin_write()
            except DB_ERRORS as err:
                _rollback(conn)
                raise StoreError(f"The event store is busy or read-only ({' '.join(str(err).split())}); "
                                 "nothing was saved.") from err
            try:
                yield conn
                conn.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'write_counter'")
                # A new random stamp with every write: a copy of the frame written for (counter, stamp) is
                # never taken for another history that reached the same counter (a restored backup).  The
                # log keeps every write's stamp, so a copy written some writes ago is known to be of this
                # history, and is brought up to date from article_changes (``events_frame_versioned``).
                stamp = secrets.randbits(31)
                conn.execute("INSERT INTO store_meta (key, value) VALUES ('write_stamp', ?)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (stamp,))
                conn.execute("INSERT INTO write_log (version, stamp)"
                             " SELECT value, ? FROM store_meta WHERE key = 'write_counter'", (stamp,))
                conn.execute("COMMIT")
            except BaseException as err:
                _rollback(conn)  # SQLite may have rolled back already (a full disk does): say why, not that
                if isinstance(err, DB_ERRORS):
                    raise StoreError(f"Nothing was saved: {storage_cause(err)}.") from err
                raise

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read transaction: everything read inside sees one consistent snapshot."""
        with self._connect() as conn:
            try:
                conn.begin_read()
            except DB_ERRORS as err:
                raise StoreError(f"The event store {self.location} cannot be read: "
                                 f"{' '.join(str(err).split())}") from err
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as err:
                _rollback(conn)
                if isinstance(err, DB_ERRORS):
                    raise StoreError(f"Reading the event store failed: {storage_cause(err)}.") from err
                raise

    # -- articles -----------------------------------------------------------------

    def save_article(self, article: Article, events: Sequence[Event], *, editor: str = "local",
                     kind: VersionKind | None = None, note: str = "", replace_events: bool = False) -> SaveResult:
        """Save an article and its events in one transaction, as a new version of its events.

        The same text saved twice is one article (its content hash is unique).
        A new text makes version 1 (``kind`` defaults to "extracted"; the Upload
        page says "reviewed").  For a stored text: the same events again change
        nothing (``created=False, new_version=False``); different events are
        refused with ``StoreError`` unless ``replace_events=True``, which makes
        them a new version (``kind`` defaults to "re-extracted") and keeps the
        replaced ones in the history.  See the module docstring for why.
        """
        if not article.text.strip():
            raise InputError("The article has no text; nothing was saved.")
        editor, note = versions.checked_editor(editor), versions.checked_note(note)
        if kind is not None:
            versions.checked_kind(kind)
        article = article.with_id()
        content_hash = article.content_hash
        with self._write() as conn:
            row = conn.execute(
                "SELECT article_id, title FROM articles WHERE content_hash = ?", (content_hash,)
            ).fetchone()
            if row is None:
                clash = conn.execute(
                    "SELECT 1 FROM articles WHERE article_id = ?", (article.article_id,)
                ).fetchone()
                if clash:
                    raise StoreError(f"Another article with id {article.article_id!r} and a different text "
                                     "is already stored; nothing was saved.")
                now = _now()
                # The unique constraint on content_hash decides, not the check above: under the write lock
                # they agree, and should a writer ever get past the lock the second insert does nothing.
                inserted = conn.execute(
                    "INSERT INTO articles (article_id, text, title, source, url, published, content_hash, saved_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING RETURNING article_id",
                    (article.article_id, article.text, article.title, article.source, article.url,
                     _iso(article.published), content_hash, now),
                ).fetchone()
                if inserted is not None:
                    written, version = versions.replace_events(conn, article.article_id, events,
                                                               kind=kind or "extracted", editor=editor, note=note,
                                                               saved_at=now)
                    return SaveResult(article.article_id, True, written, version, True)
                row = conn.execute(
                    "SELECT article_id, title FROM articles WHERE content_hash = ?", (content_hash,)
                ).fetchone()
            article_id, title = row
            current = versions.latest(conn, article_id)
            if not replace_events:
                stored = _current_events(conn, article_id)
                if normalise_events(article_id, events) == stored:
                    return SaveResult(article_id, False, 0, current.version if current else 0, False)
                raise StoreError(versions.already_stored_message(article_id, title, len(stored), current))
            written, version = versions.replace_events(conn, article_id, events, kind=kind or "re-extracted",
                                                       editor=editor, note=note, saved_at=_now())
            return SaveResult(article_id, False, written, version, True)

    def update_events(self, article_id: str, events: Sequence[Event], *, editor: str,
                      kind: VersionKind = "edited", note: str = "", expected_version: int | None = None) -> SaveResult:
        """Make ``events`` the article's new version (after review or editing), atomically.

        Adding or deleting one event is this too: pass the whole new set.  With
        ``expected_version`` (the version the editor opened) it refuses with
        ``StoreError``, writing nothing, when another save came in between.
        """
        editor, note = versions.checked_editor(editor), versions.checked_note(note)
        kind = versions.checked_kind(kind)
        with self._write() as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE article_id = ?", (article_id,)).fetchone():
                raise StoreError(f"No article with id {article_id!r} is stored; nothing was changed.")
            versions.check_expected(article_id, versions.latest(conn, article_id), expected_version)
            written, version = versions.replace_events(conn, article_id, events, kind=kind, editor=editor,
                                                       note=note, saved_at=_now())
            return SaveResult(article_id, False, written, version, True)

    def restore_version(self, article_id: str, version: int, *, editor: str, note: str = "",
                        expected_version: int | None = None) -> SaveResult:
        """Bring back the events of ``version`` as a new version (kind "restored"); the versions between stay.

        The restored events equal that version's, except mentions citing an
        article deleted since (they cannot point to it any more).  A deleted
        article must be saved again (same text) before one of its versions is restored.
        """
        editor, note = versions.checked_editor(editor), versions.checked_note(note)
        with self._write() as conn:
            info, events = versions.events_at(conn, article_id, version)
            if not conn.execute("SELECT 1 FROM articles WHERE article_id = ?", (article_id,)).fetchone():
                raise StoreError(f"Article {article_id!r} was deleted; save its text again (its history "
                                 "continues), then restore a version. Nothing was restored.")
            if info.kind == "deleted":
                raise StoreError(f"Version {version} of article {article_id!r} records its deletion and has no "
                                 "events; restore a version before it. Nothing was restored.")
            versions.check_expected(article_id, versions.latest(conn, article_id), expected_version)
            events = versions.without_missing_mentions(conn, events)
            written, new = versions.replace_events(conn, article_id, events, kind="restored", editor=editor,
                                                   note=note or f"restored version {version}", saved_at=_now(),
                                                   restored_from=version)
            return SaveResult(article_id, False, written, new, True)

    def delete_article(self, article_id: str, *, editor: str = "local", note: str = "") -> None:
        """Delete an article, its events and every mention it contributed, in one transaction.

        The deletion is recorded as a version with no events; the earlier
        versions stay (see the module docstring).  Another article whose event
        cited this one loses that mention and gets a version saying so.
        """
        editor, note = versions.checked_editor(editor), versions.checked_note(note)
        with self._write() as conn:
            stored = conn.execute("SELECT 1 FROM articles WHERE article_id = ?", (article_id,)).fetchone()
            citing = [r[0] for r in conn.execute(
                "SELECT DISTINCT e.article_id FROM mentions m JOIN events e ON e.event_id = m.event_id"
                " WHERE m.article_id = ?1 AND e.article_id != ?1 ORDER BY e.article_id", (article_id,))]
            store_merge.forget_article(conn, article_id)
            delete_events(conn, article_id)
            conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM articles WHERE article_id = ?", (article_id,))
            touch_article(conn, article_id)
            if not stored:
                return
            now = _now()
            versions.record(conn, article_id, [], kind="deleted", editor=editor, note=note, saved_at=now)
            for other in citing:
                versions.record(conn, other, _current_events(conn, other), kind="edited", editor=editor,
                                note=f"mentions in deleted article {article_id} removed", saved_at=now)
                touch_article(conn, other)

    def find_stored(self, text_or_article: str | Article) -> StoredInfo | None:
        """Whether this text is already stored (before extracting it again), and its state; None if not.

        Matches the text exactly as it would be saved (after reading the file),
        like ``save_article`` does; a deleted article is not stored.
        """
        text = text_or_article.text if isinstance(text_or_article, Article) else text_or_article
        if not isinstance(text, str):
            raise InputError("find_stored takes an article or its text.")
        content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with self._read() as conn:
            row = conn.execute(
                "SELECT article_id, title, saved_at, (SELECT count(*) FROM events e WHERE e.article_id = a.article_id)"
                " FROM articles a WHERE content_hash = ?", (content_hash,)
            ).fetchone()
            if row is None:
                return None
            article_id, title, saved_at, n_events = row
            last = versions.latest(conn, article_id)
            first = versions.first_since_stored(conn, article_id)
        if last is None or first is None:  # cannot happen after migration 3; kept readable if it does
            return StoredInfo(article_id, title, saved_at, "", n_events, 0, "extracted", "", saved_at)
        return StoredInfo(article_id=article_id, title=title, saved_at=saved_at, saved_by=first.editor,
                          n_events=n_events, version=last.version, last_kind=last.kind, last_editor=last.editor,
                          last_saved_at=last.saved_at)

    def history(self, article_id: str) -> list[VersionInfo]:
        """Every version of the article's events, oldest first (kept after a deletion; empty for an unknown id)."""
        with self._read() as conn:
            return versions.history(conn, article_id)

    def events_at_version(self, article_id: str, version: int) -> list[Event]:
        """The article's events as they were at ``version``, with their mentions, in text order."""
        with self._read() as conn:
            return versions.events_at(conn, article_id, version)[1]

    def version_diff(self, article_id: str, a: int, b: int) -> VersionDiff:
        """Field-by-field changes from version ``a`` to version ``b`` (either order), events matched by id."""
        with self._read() as conn:
            old = versions.events_at(conn, article_id, a)[1]
            new = versions.events_at(conn, article_id, b)[1]
        return versions.diff_events(article_id, a, old, b, new)

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
        """The article's events with their mentions, in text order (its current version)."""
        with self._read() as conn:
            return _current_events(conn, article_id)

    def report_groups(self) -> dict[str, str]:
        """Event id -> group id for every event that is one of several reports of one event (merge.py)."""
        with self._read() as conn:
            return store_merge.groups(conn)

    def reports(self, event_id: str) -> list[store_merge.Report]:
        """The reports of the event ``event_id`` is part of, side by side (itself alone when not merged)."""
        with self._read() as conn:
            return store_merge.reports(conn, event_id)

    def merge_log(self, event_id: str) -> list[tuple[str, str, str, str, str]]:
        """(at, editor, action, event id, why) of the merges and splits of this event's group."""
        with self._read() as conn:
            return store_merge.log(conn, event_id)

    def split_report(self, event_id: str, *, editor: str, why: str = "") -> str | None:
        """Take a report out of its merged event (never merged back with those reports); the group it left."""
        editor, why = versions.checked_editor(editor), versions.checked_note(why)
        with self._write() as conn:
            group = store_merge.split(conn, event_id, editor=editor, at=_now(), why=why)
            row = conn.execute("SELECT article_id FROM events WHERE event_id = ?", (event_id,)).fetchone()
            if row:
                touch_article(conn, row[0])
            return group

    def mentions(self, event_id: str) -> list[Mention]:
        """Every sentence that reported the event, from any article."""
        with self._read() as conn:
            return list(mentions_by_event(conn, [event_id]).get(event_id, ()))

    def events_frame(self, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """All events as a DataFrame, one row per event (columns and dtypes: ``rows.FRAME_DTYPES``)."""
        return self.events_frame_versioned(columns=columns)[0]

    def events_frame_versioned(self, *, columns: Sequence[str] | None = None) -> tuple[pd.DataFrame, int]:
        """All events and the ``data_version`` they reflect, as one consistent snapshot.

        An SQLite store with a copy of its frame beside it (``dashboard.store.snapshot``) is answered from
        that copy (about 0.5 s instead of 3-4 s of CPU at a million events).  A copy written some writes
        ago (another process saved since) is brought up to date like a loaded frame (``refresh_frame``,
        reading only the articles changed since) when the store's write log holds the copy's counter with
        its stamp and every write since, so the copy is known to be an earlier state of this very store
        (not of a backup restored over it, say); otherwise it is ignored.  Otherwise a big store is read
        through ADBC's Arrow driver in a child process when it is installed (two to three times faster at
        a million events; see ``dashboard.store.fast_read``); that read runs on its own connection, so it
        counts only when no write happened around it (same version before and after).  A full read or a
        refresh of a big SQLite store then leaves a copy for the next start (written in the background).
        """
        if columns is None and self.backend.kind == "sqlite":
            found = snapshot.read_copy(self.backend.path, older=True)
            if found is not None and found.current:
                return found.frame, found.counter
            if found is not None:
                refreshed = self._refresh(found.frame, found.counter, stamp=found.stamp)
                del found
                if refreshed is not None:
                    return refreshed
        with self._read() as conn:  # max(rowid) is a cheap upper bound on the number of events
            big = (conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0] >= FAST_READ_MIN_ROWS)
        frame = None
        for _attempt in range(3 if big else 0):
            before = self.data_version()
            frame = frame_via_arrow(self.backend, columns=columns)
            if frame is None:
                break
            if self.data_version() == before:
                version = before
                break
            frame = None
        if frame is None:
            with self._read() as conn:
                version = _version(conn)
                frame = frame_from_cursor(conn, columns=columns)
        if columns is None:
            self._keep_copy(frame, version)
        return frame, version

    def refresh_frame(self, frame: pd.DataFrame, version: int, *,
                      columns: Sequence[str] | None = None) -> tuple[pd.DataFrame, int]:
        """Bring a frame loaded at ``version`` up to date by re-reading only the articles changed since.

        Returns a new frame (the given one is not modified) equal to what a full
        read gives, and the version it reflects.  After one saved article this
        reads that article's events instead of the whole store.  Falls back to a
        full read when many articles changed or ``version`` is unknown.  The copy
        beside an SQLite store follows (written in the background).
        """
        refreshed = self._refresh(frame, version, columns=columns)
        assert refreshed is not None  # without a stamp, _refresh falls back to a full read
        return refreshed

    def _refresh(self, frame: pd.DataFrame, version: int, *, columns: Sequence[str] | None = None,
                 stamp: int | None = None) -> tuple[pd.DataFrame, int] | None:
        """``refresh_frame``; with ``stamp`` (a copy's, from ``snapshot``), None instead of a full read, and
        None unless the write log shows ``version`` was written with ``stamp`` and logs every write since."""
        with self._read() as conn:
            current = _version(conn)
            if stamp is not None and not _continues(conn, version, stamp, current):
                return None
            if current == version and stamp is None:
                return frame, current
            changed = [r[0] for r in conn.execute(
                "SELECT DISTINCT article_id FROM article_changes WHERE version > ? AND version <= ?",
                (version, current))]
            if version > current or len(changed) > MAX_INCREMENTAL_ARTICLES or "article_id" not in frame.columns:
                if stamp is not None:
                    return None  # the caller's full read is faster (fast_read) than this one
                merged = frame_from_cursor(conn, columns=columns)
            else:
                dropped = frame["article_id"].isin(changed).to_numpy()
                fresh = frame_from_cursor(conn, columns=columns, article_ids=changed) if changed else None
                placed, order = _places(conn, changed, n_kept=len(frame) - int(dropped.sum()),
                                        n_fresh=0 if fresh is None else len(fresh))
                if not placed:  # the frame is not the store at ``version``: never patch it
                    if stamp is not None:
                        return None
                    merged = frame_from_cursor(conn, columns=columns)
                else:  # with no article changed (a user place added), the frame as it is
                    merged = None if changed else frame
        if merged is None:
            # Column by column: one new column at a time beside the old frame, not a second whole frame;
            # then rows and categories as a full read orders them (a deleted article's actor must not
            # linger in filter options).
            merged = without_rows(frame, dropped, fresh)
            if order is not None:
                merged = merged.take(order).reset_index(drop=True)
            merged = categories_as_read(merged)
        if list(merged.columns) == list(EVENT_COLUMNS):
            self._keep_copy(merged, current)
        return merged, current

    def _keep_copy(self, frame: pd.DataFrame, version: int) -> None:
        """Write ``frame`` (the whole store at ``version``) beside an SQLite store, in a background thread.

        Only the newest frame waits to be written; one that the store has outrun is not written at all
        (``snapshot.save``).  The writer starts ``COPY_DELAY`` seconds after the frame is handed over:
        converting a million rows to Arrow holds the GIL for much of its second, and the page being
        built from that frame (folding merged reports, the map) ran half as fast beside it.  The thread
        is not a daemon: a process that exits writes the file at once, without the delay (under a second
        at a million events), rather than leave a temporary file behind or lose the copy.
        """
        if self.backend.kind != "sqlite" or len(frame) < snapshot.MIN_ROWS:
            return
        with self._copy_lock:
            self._copy_job = (frame, version)
            if self._copy_writer is None:
                self._copy_writer = threading.Thread(target=self._write_copies, name="events-frame-copy", daemon=False)
                self._copy_writer.start()

    def _write_copies(self) -> None:
        while True:
            waited = 0.0  # in steps, so that a process that is exiting writes at once
            while waited < COPY_DELAY and threading.main_thread().is_alive() and not self._copy_now.wait(0.1):
                waited += 0.1
            # A copy vouches for the file it describes (``snapshot.describes_store``): never written for a file
            # whose check is still to run or has failed.  Waited for before the frame is taken, so that a
            # refresh meanwhile replaces it and the old frame is freed, not kept alive by the wait.
            problem = self.check_file_now()
            with self._copy_lock:
                job, self._copy_job = self._copy_job, None
                if job is None:
                    self._copy_writer = None
                    self._copy_now.clear()
                    return
            try:
                if problem is None:
                    snapshot.save(self.backend.path, job[0], job[1], cancelled=self._copy_outrun)
            except Exception:  # noqa: BLE001 - a cache that cannot be written must never stop the store
                logging.getLogger(__name__).exception("writing the events frame copy failed")
            del job

    def _copy_outrun(self) -> bool:
        """Whether a newer frame waits to be written than the one being written (which is then let go)."""
        return self._copy_job is not None

    def wait_for_copy(self) -> None:
        """Wait until the frame copy waiting to be written beside the store (if any) is written, without the
        delay."""
        with self._copy_lock:
            writer = self._copy_writer
            if writer is not None:
                self._copy_now.set()
        if writer is not None:
            writer.join()

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
            row = conn.execute(
                "INSERT INTO user_places (name, lat, lon, admin1, note, added_at) VALUES (?, ?, ?, ?, ?, ?)"
                " RETURNING place_id",
                (name.strip(), float(lat), float(lon), admin1, note, _now()),
            ).fetchone()
            return int(row[0])

    def user_places(self) -> list[UserPlace]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT place_id, name, lat, lon, admin1, note, added_at FROM user_places ORDER BY place_id"
            ).fetchall()
        return [UserPlace(*r) for r in rows]

    # -- maintenance --------------------------------------------------------------------

    def integrity_check(self) -> list[str]:
        """The backend's own check (SQLite: integrity check plus foreign keys); ``["ok"]`` when all is well."""
        with self._connect() as conn:
            return self.backend.integrity_check(conn)

    def version_problems(self, *, compare_events: bool = True) -> list[str]:
        """The history checked against the current events, in one snapshot; ``[]`` when all is well.

        Every article's versions are numbered 1..n without a gap, a stored
        article's newest version is not a deletion and holds exactly its current
        events, and an article with history but no row was deleted.  Without
        ``compare_events`` only the number of events is compared (no snapshot is
        decompressed: fast enough to run in a loop beside writers).
        """
        problems = []
        with self._read() as conn:
            stored = {r[0] for r in conn.execute("SELECT article_id FROM articles")}
            for article_id, count, top, kind in conn.execute(
                "SELECT article_id, count(*), max(version),"
                " (SELECT kind FROM event_versions l WHERE l.article_id = v.article_id ORDER BY version DESC LIMIT 1)"
                " FROM event_versions v GROUP BY article_id ORDER BY article_id"
            ):
                if count != top:
                    problems.append(f"{article_id}: {count} versions numbered up to {top}")
                if (kind == "deleted") == (article_id in stored):
                    problems.append(f"{article_id}: newest version is {kind!r} but the article is "
                                    f"{'stored' if article_id in stored else 'not stored'}")
            counts = dict(conn.execute("SELECT article_id, count(*) FROM events GROUP BY article_id").fetchall())
            for article_id in sorted(stored):
                last = versions.latest(conn, article_id)
                if last is None:
                    problems.append(f"{article_id}: stored without any version")
                elif last.n_events != counts.get(article_id, 0) or compare_events and (
                        versions.events_at(conn, article_id, last.version)[1] != _current_events(conn, article_id)):
                    problems.append(f"{article_id}: current events differ from its newest version {last.version}")
        return problems

    def backup(self, target: Path | str) -> Path:
        """Copy the store to the new SQLite file ``target``, consistently while it is in use.

        SQLite: its online backup.  PostgreSQL: every table copied from one snapshot into a new SQLite store
        (``dashboard.store.admin.copy_store``), which ``store_admin copy`` can bring back; a server's own
        backups are pg_dump's job (README, "Running it for a team").
        """
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target} already exists; choose a new file name for the backup.")
        if not target.parent.is_dir():
            raise StoreError(f"The directory {target.parent} does not exist; create it first. Nothing was written.")
        # Written beside the target under a temporary name, checked, then renamed: a failure (full disk,
        # permission) leaves no partial file that could later be taken for a backup.
        partial = target.with_name(f".{target.name}.partial")
        try:
            partial.unlink(missing_ok=True)
            if self.backend.kind == "sqlite":
                self.backend.backup(partial)
            else:
                from dashboard.store.admin import copy_store

                copy_store(self, open_store(partial))
            partial.rename(target)
        except (OSError, StoreError, *DB_ERRORS) as err:
            partial.unlink(missing_ok=True)
            raise StoreError(f"The backup to {target} failed: {storage_cause(err)}. Nothing was left behind.") from err
        return target


def _rollback(conn: Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(*DB_ERRORS):  # a connection the server dropped cannot roll back: it is gone
            conn.execute("ROLLBACK")


def _current_events(conn: Connection, article_id: str) -> list[Event]:
    rows = conn.execute(
        f"SELECT {EVENT_SELECT_COLUMNS} FROM events WHERE article_id = ? ORDER BY sentence_start, event_id",
        (article_id,),
    ).fetchall()
    by_event = mentions_by_event(conn, [r[0] for r in rows])
    return [row_to_event(r, by_event.get(r[0], ())) for r in rows]


def _places(conn: Connection, article_ids: list[str], *, n_kept: int, n_fresh: int) -> tuple[bool, np.ndarray | None]:
    """Where the re-read rows of ``article_ids`` go among the ``n_kept`` rows kept from a frame, so that the
    refreshed frame is in rowid order like a full read: (False, None) when the counts do not add up (the
    frame was not the store it claimed to be); (True, None) when they simply follow the kept rows (new rows
    get new, higher rowids: every save); else (True, the order to ``take`` the kept-then-fresh rows in).
    The first check, the number of events, also catches most frames that are not what they claim to be.

    Rows kept in place happen when an article is marked changed without its events being rewritten (a
    report split off, a mention removed because the article it cited was deleted).  Only the rowids from
    the first re-read row on are read, so the common case costs one range count.
    """
    if conn.execute("SELECT count(*) FROM events").fetchone()[0] != n_kept + n_fresh:  # 20 ms at 1M events
        return False, None
    if not n_fresh:
        return True, None
    fresh = np.fromiter((r[0] for r in conn.execute(
        "SELECT rowid FROM events WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY rowid",
        (json.dumps(article_ids),))), dtype=np.int64)
    if len(fresh) != n_fresh:
        return False, None
    tail = conn.execute("SELECT count(*) FROM events WHERE rowid >= ?", (int(fresh[0]),)).fetchone()[0]
    before = n_kept - (tail - n_fresh)  # kept rows that come before the first re-read one
    if before < 0:
        return False, None
    if tail == n_fresh:
        return True, None
    rowids = np.fromiter((r[0] for r in conn.execute(
        "SELECT rowid FROM events WHERE rowid >= ? ORDER BY rowid", (int(fresh[0]),))), dtype=np.int64)
    is_fresh = np.isin(rowids, fresh)
    if len(rowids) != tail or int(is_fresh.sum()) != n_fresh:
        return False, None
    order = np.empty(n_kept + n_fresh, dtype=np.int64)
    order[:before] = np.arange(before)
    in_tail = order[before:]
    in_tail[is_fresh] = n_kept + np.arange(n_fresh)
    in_tail[~is_fresh] = before + np.arange(tail - n_fresh)
    return True, order


def _continues(conn: Connection, version: int, stamp: int, current: int) -> bool:
    """Whether the store at ``current`` grew from a state written at ``version`` with ``stamp``: its write log
    holds that write and every one since.  A backup restored over the file, or a store copied, diverged
    or began elsewhere (another stamp, or no log there); a writer that does not keep the log (an older
    program) leaves a gap.  Either way the copy is not used."""
    if version > current:
        return False
    row = conn.execute("SELECT stamp FROM write_log WHERE version = ?", (version,)).fetchone()
    if row is None or row[0] != stamp:
        return False
    logged = conn.execute("SELECT count(*) FROM write_log WHERE version > ? AND version <= ?",
                          (version, current)).fetchone()[0]
    return logged == current - version


def _version(conn: Connection) -> int:
    return conn.execute("SELECT value FROM store_meta WHERE key = 'write_counter'").fetchone()[0]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
