"""The SQLite backend: the store as one file (the default: ``DATA_DIR/events.sqlite3``).

A store file is ours when it is an SQLite database whose ``PRAGMA application_id``
is ``APPLICATION_ID`` and whose ``schema_version`` table exists.  Anything else
(random bytes, a truncated file, somebody else's SQLite database) is refused
*before* a read-write connection is opened, because switching a file to WAL
mode or creating tables would modify it.

Why SQLite by default: it is in the standard library, lets many readers run
beside one writer in WAL mode, waits for the write lock (``busy_timeout``)
instead of failing, and its WAL journal survives a killed process without losing
a committed article or keeping half of one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dashboard.store import snapshot
from dashboard.store.migrations import APPLICATION_ID, LATEST_VERSION, migrate
from gazetteer.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another writer before giving up


class StoreConnection(sqlite3.Connection):
    """sqlite3's connection with the three methods every backend's connection has (``backend.Connection``)."""

    dialect = "sqlite"

    def begin_write(self) -> None:
        self.execute("BEGIN IMMEDIATE")  # takes the write lock now, not at the first write

    def begin_read(self) -> None:
        self.execute("BEGIN")  # WAL: every read in this transaction sees one snapshot

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.execute(f"PRAGMA table_info({table})")]


class SqliteBackend:
    """The store in one SQLite file; each call opens its own short-lived connection (under a millisecond)."""

    kind = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        # True while SQLite's quick_check of the file is deferred (``check_file(..., later=True)``): until
        # ``deferred_check`` has run, connections are read-only, so nothing at all is written to the file.
        self.unchecked = False

    def __repr__(self) -> str:
        return f"SqliteBackend({self.location!r})"

    def prepare(self, *, check_later: bool = False) -> None:
        state = check_file(self.path, later=check_later)
        if state == "create":
            create_file(self.path)
        self.unchecked = state == "deferred"

    def deferred_check(self) -> str | None:
        """Run the quick_check that ``prepare(check_later=True)`` deferred; the problem found (a message
        for the user), or None when the file is sound.  Connections are read-write again afterwards
        only when it is sound."""
        problems = quick_check(self.path)
        if problems == ["ok"]:
            self.unchecked = False
            return None
        return (f"The event store {self.path} is damaged: {'; '.join(problems)}. Nothing is saved to it; "
                "restore it from a backup (see README, 'Running it for a team').")

    def connect(self) -> StoreConnection:
        try:
            return connect(self.path, read_only=self.unchecked)
        except sqlite3.Error as err:
            raise StoreError(f"Cannot open the event store {self.path}: {err}") from err

    def release(self, conn: StoreConnection) -> None:
        conn.close()

    def arrow_batches(self, sql: str, encoded: list[str]) -> Iterator[Any] | None:
        from dashboard.store.rows import sqlite_arrow_batches

        return sqlite_arrow_batches(str(self.path), sql, encoded)

    def max_rowid(self, table: str) -> int:
        """The largest rowid of ``table`` (0 when empty), through a read-only connection."""
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
        finally:
            conn.close()

    def integrity_check(self, conn: StoreConnection) -> list[str]:
        """SQLite's integrity check plus foreign keys; ``["ok"]`` when all is well."""
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        if orphans:
            problems = [p for p in problems if p != "ok"] + [f"foreign key problem: {o}" for o in orphans[:10]]
        return problems

    def backup(self, target: Path) -> None:
        """SQLite's online backup into ``target`` (a new file), checked with quick_check."""
        with contextlib.closing(self.connect()) as conn:
            dest = sqlite3.connect(target)
            try:
                conn.backup(dest)
                if dest.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise StoreError("the copy does not pass SQLite's check")
            finally:
                dest.close()


def create_file(path: Path) -> None:
    """Create a new store atomically: build it in a temporary file, then link it into place.

    Another process opening the same new path at the same time never sees a
    half-created file (which would look foreign); whoever links first wins.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():  # an empty (0-byte) file: SQLite treats it as a new database
        conn = connect(path)
        try:
            migrate(conn)
        finally:
            conn.close()
        return
    fd, tmp_name = tempfile.mkstemp(prefix=".new-store-", suffix=".sqlite3", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = connect(tmp)
        try:
            migrate(conn)
        finally:
            conn.close()  # the last connection checkpoints the WAL into the file
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{tmp}{suffix}")


def connect(path: Path, *, read_only: bool = False) -> StoreConnection:
    """A connection with the store's settings: WAL, waiting for locks, foreign keys, durable commits.

    ``read_only``: a connection that cannot write the file, not even by checkpointing the WAL journal into
    it when it is the last one closed (for a file not yet checked: ``SqliteBackend.unchecked``)."""
    if read_only:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=StoreConnection)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly what we say.
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=StoreConnection)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit is on disk before save_article returns (NORMAL could lose the last commits on power loss).
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def check_file(path: Path, *, later: bool = False) -> str:
    """Refuse a file that is not one of our stores; return "create" when it must be created, "checked" when
    it may be opened, and (only with ``later``) "deferred" when it may be opened but its quick_check is
    still to run (``SqliteBackend.deferred_check``).

    Reads the file only: through its header bytes and a read-only connection.

    SQLite's ``quick_check`` reads the whole file (1-2.5 s at a million events when it is in the page
    cache, many seconds when it is not), so it is skipped when the copy of the events frame beside the
    store says the file is exactly as this program left it after its own transactions (same inode,
    size, modification time, write counter and stamp: ``snapshot.describes_store``).  Such a file
    passed the check when the program that wrote that copy opened it, and nothing but SQLite has
    touched it since; any other change (a restored backup, a file copied over it, bytes damaged by
    another program) changes its size or modification time and brings the check back.  The full
    check is ``python -m dashboard.store_admin check``.

    With ``later`` (the dashboard's store), the check is deferred, not skipped, when the copy beside the
    store is one of its earlier states (another process saved since: ``snapshot.earlier_copy``), which
    is what an analyst usually meets when opening the app: the first page is drawn from the copy and
    the articles changed since, and the check runs after it (``EventStore.check_file_later``), before
    anything is written (every write, and the new copy, wait for it and are refused if it fails; until
    then connections are read-only).  A file changed in any way the copy does not explain (another
    inode, another schema, no new write in its log) is checked here, as before.
    """
    if not path.exists() or path.stat().st_size == 0:
        if path.exists() and _has_sidecars(path):
            raise StoreError(f"The event store {path} is empty but has a journal next to it; it may be damaged. "
                             "Restore it from a backup or move the files away.")
        return "create"
    if not path.is_file():
        raise StoreError(f"The event store path {path} is not a file.")
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise StoreError(f"The file {path} is not an event store (not an SQLite database). "
                         "It was left untouched; set CONFLICT_MAP_DATA_DIR to another directory or move the file away.")
    _check_size(path, header)
    try:
        # mode=ro: a read-only connection never writes the main file.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            has_versions = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            ).fetchone()[0]
            version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] if has_versions else None
            ours = has_versions and app_id == APPLICATION_ID
            vouched = ours and snapshot.describes_store(path)
            deferred = (later and ours and not vouched and version == LATEST_VERSION
                        and _continues_copy(conn, path, snapshot.earlier_copy(path)))
            problems = ["ok"] if vouched or deferred else [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise StoreError(f"The event store {path} is damaged ({err}). It was left untouched; "
                         "restore it from a backup (see README, 'Running it for a team').") from err
    if app_id != APPLICATION_ID or not has_versions:
        raise StoreError(f"The file {path} is an SQLite database but not an event store of this project. "
                         "It was left untouched; move it away or point CONFLICT_MAP_DATA_DIR elsewhere.")
    if problems != ["ok"]:
        raise StoreError(f"The event store {path} is damaged: {'; '.join(problems)}. It was left untouched; "
                         "restore it from a backup (see README, 'Running it for a team').")
    if version is not None and version > LATEST_VERSION:
        raise StoreError(f"The event store {path} has schema version {version}, newer than this program "
                         f"understands ({LATEST_VERSION}). Upgrade the program; the file was left untouched.")
    return "deferred" if deferred else "checked"


def quick_check(path: Path) -> list[str]:
    """SQLite's quick_check of the file (at most 5 problems), through a read-only connection; ``["ok"]``
    when it passes."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        return [str(err)]


def _continues_copy(conn: sqlite3.Connection, path: Path, key: dict[str, Any] | None) -> bool:
    """Whether the copy written for ``key`` is an earlier state of this very file: same file (device and
    inode), same schema and columns, and the file's write log holds the copy's write (counter and stamp)
    and every write since, at least one (so the writes explain why the file changed)."""
    if key is None:
        return False
    stat = os.stat(path)
    counter, stamp = key.get("counter"), key.get("stamp")
    if (key.get("dev"), key.get("ino")) != (stat.st_dev, stat.st_ino) or not isinstance(counter, int) \
            or not isinstance(stamp, int) or key.get("schema") != LATEST_VERSION:
        return False
    row = conn.execute("SELECT value FROM store_meta WHERE key = 'write_counter'").fetchone()
    now = row[0] if row else None
    if not isinstance(now, int) or not 0 < counter < now:
        return False
    logged = conn.execute("SELECT stamp FROM write_log WHERE version = ?", (counter,)).fetchone()
    if logged is None or logged[0] != stamp:
        return False
    since = conn.execute("SELECT count(*) FROM write_log WHERE version > ? AND version <= ?", (counter, now)).fetchone()[0]
    return since == now - counter


def _has_sidecars(path: Path) -> bool:
    return any(Path(f"{path}{suffix}").exists() and Path(f"{path}{suffix}").stat().st_size > 0
               for suffix in ("-wal", "-journal"))


def _check_size(path: Path, header: bytes) -> None:
    """Detect truncation from the header: page size times page count must fit in the file."""
    if len(header) < 100:
        raise StoreError(f"The event store {path} is truncated (only {len(header)} bytes). It was left untouched; "
                         "restore it from a backup.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    change_counter = header[24:28]
    valid_for = header[92:96]
    size = path.stat().st_size
    # The in-header page count is trustworthy only when "version-valid-for" matches the change counter.
    wal_present = Path(f"{path}-wal").exists()
    if valid_for == change_counter and not wal_present and pages and size < pages * page_size:
        raise StoreError(f"The event store {path} is truncated ({size} bytes, the header says "
                         f"{pages * page_size}). It was left untouched; restore it from a backup.")
    if page_size and size % page_size:
        raise StoreError(f"The event store {path} is truncated or damaged (its size {size} is not a multiple "
                         f"of its page size {page_size}). It was left untouched; restore it from a backup.")


