"""Which database holds the store, chosen in one place: ``CONFLICT_MAP_DATABASE_URL`` or the data directory.

The store's SQL is written once, in SQLite's dialect (``dashboard.store.core``,
``rows``, ``versions``, ``merge``, ``migrations``).  A backend supplies what
differs between engines: opening a connection, the SQL dialect, how a write
transaction takes the store's one write lock, the fast Arrow read, and the
maintenance commands (integrity check, backup).  Connections of both backends
offer the same small surface (a subset of DB-API plus three methods):

* ``execute(sql, params)``, ``executemany``, ``in_transaction``
* ``begin_write()``: a transaction that holds the store's write lock until it ends
  (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-scoped advisory lock),
  so writers run one after another exactly as on SQLite and ``max + 1`` numbering is safe;
* ``begin_read()``: a transaction whose reads all see one snapshot;
* ``columns(table)``: the table's columns in order.

Why one write lock rather than SERIALIZABLE retries on PostgreSQL: a save is a
few milliseconds, the UI never holds a transaction open, and the semantics
(dense version numbers, the write counter the UI's cache follows, "refused
because someone saved first") stay those the SQLite store already tested.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from gazetteer.errors import ConfigurationError
from gazetteer.settings import data_dir

DATABASE_URL_SETTING = "CONFLICT_MAP_DATABASE_URL"
STORE_FILENAME = "events.sqlite3"
WRITE_LOCK_KEY = 0x434D4150  # "CMAP": the advisory lock every PostgreSQL write transaction takes


def _driver_errors() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    integrity: tuple[type[BaseException], ...] = (sqlite3.IntegrityError,)
    try:
        import psycopg
    except ImportError:  # the SQLite store works without the PostgreSQL driver
        return errors, integrity
    return errors + (psycopg.Error,), integrity + (psycopg.IntegrityError,)


# What a database call can raise, whichever backend: caught at the store's boundary and turned into StoreError.
DB_ERRORS, INTEGRITY_ERRORS = _driver_errors()


class Connection(Protocol):
    dialect: str

    def execute(self, sql: str, params: Any = ...) -> Any: ...
    def executemany(self, sql: str, rows: Any) -> Any: ...
    def begin_write(self) -> None: ...
    def begin_read(self) -> None: ...
    def columns(self, table: str) -> list[str]: ...
    @property
    def in_transaction(self) -> bool: ...
    def close(self) -> None: ...


class Backend(Protocol):
    """One database engine holding one store."""

    kind: str  # "sqlite" or "postgresql"
    location: str  # a path or a URL without its password: for messages and cache keys
    path: Path | None  # the SQLite file, None for a server

    def prepare(self, *, check_later: bool = False) -> None:
        """Check (and for SQLite create) the database before it is migrated; StoreError when it cannot be ours.
        ``check_later``: SQLite may defer its quick_check (``dashboard.store.sqlite.check_file``)."""

    def connect(self) -> Connection:
        """A new connection in autocommit mode (transactions are begun explicitly)."""

    def release(self, conn: Connection) -> None:
        """Give a connection back (closed, or kept for reuse)."""

    def arrow_batches(self, sql: str, encoded: list[str]) -> Iterator[Any] | None:
        """Record batches of ``sql`` read straight into Arrow (``encoded`` columns dictionary-encoded); None when
        the fast driver is unavailable."""

    def integrity_check(self, conn: Connection) -> list[str]:
        """``["ok"]`` or the problems found."""


def database_url(*, environ: Mapping[str, str] | None = None, secrets: Mapping[str, Any] | None = None) -> str:
    """The configured store: ``CONFLICT_MAP_DATABASE_URL`` from the environment, else from Streamlit's secrets
    (top level of secrets.toml), else "" (the SQLite file in the data directory)."""
    environ = os.environ if environ is None else environ
    value = environ.get(DATABASE_URL_SETTING) or (secrets or {}).get(DATABASE_URL_SETTING) or ""
    return str(value).strip()


def from_url(url: str | Path | None = None) -> Backend:
    """The backend for ``url``: ``postgresql://...`` (or ``postgres://``), ``sqlite:///PATH``, a file path, or
    None/"" for the configured store (``database_url()``, default ``DATA_DIR/events.sqlite3``).

    A malformed URL raises ``ConfigurationError`` with a one-line message."""
    if url is None or (isinstance(url, str) and not url.strip()):
        url = database_url() or data_dir() / STORE_FILENAME
    if isinstance(url, Path):
        from dashboard.store.sqlite import SqliteBackend

        return SqliteBackend(url)
    url = url.strip()
    scheme = url.split(":", 1)[0].lower() if "://" in url else ""
    if scheme in ("postgresql", "postgres"):
        from dashboard.store.postgres import PostgresBackend

        return PostgresBackend(url)
    if scheme == "sqlite":
        path = urlsplit(url).path
        if not path or path == "/":
            raise ConfigurationError(f"{redacted(url)} names no file; write sqlite:///relative/path or "
                                     "sqlite:////absolute/path.")
        from dashboard.store.sqlite import SqliteBackend

        return SqliteBackend(Path(path[1:] if path.startswith("/") else path))
    if scheme:
        raise ConfigurationError(f"The store URL {redacted(url)} has the scheme {scheme!r}; use postgresql://USER:"
                                 "PASSWORD@HOST:PORT/DATABASE or sqlite:///PATH.")
    from dashboard.store.sqlite import SqliteBackend

    return SqliteBackend(Path(url).expanduser())


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return parts._replace(netloc=netloc).geturl()
    except ValueError:
        return "the configured store URL (malformed)"
