"""Back up, check, restore and copy the event store from the command line.

    python -m dashboard.store_admin info               # where the store is, what it holds
    python -m dashboard.store_admin check              # integrity check (SQLite: + foreign keys) + event history
    python -m dashboard.store_admin backup FILE        # consistent copy into a new SQLite file, safe while the app runs
    python -m dashboard.store_admin restore FILE       # SQLite store only; stop the app first; the old store is kept aside
    python -m dashboard.store_admin copy --from URL --to URL   # between backends, both ways, counts checked

The store is the configured one (``CONFLICT_MAP_DATABASE_URL``, else the file
``events.sqlite3`` in the data directory, ``CONFLICT_MAP_DATA_DIR``), or
``--store URL_OR_PATH``.  URLs: ``postgresql://USER:PASSWORD@HOST:PORT/DB``,
``sqlite:///relative/path`` or ``sqlite:////absolute/path`` (or a plain path).
Copying an SQLite file by hand while the app runs can copy half a transaction;
``backup`` uses SQLite's online backup (or, on PostgreSQL, one snapshot).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

from dashboard.store.backend import DB_ERRORS, from_url
from dashboard.store.core import EventStore, open_store
from dashboard.store.sqlite import check_file
from gazetteer.errors import ConfigurationError, StoreError, storage_cause

# Every table and the columns it is copied by, parents before children (foreign keys); the order
# rows are read in keeps "newest first" lists (by rowid) the same in the copy.
COPY_TABLES: tuple[tuple[str, str], ...] = (
    ("articles", "rowid"),
    ("events", "rowid"),
    ("mentions", 'event_id, article_id, "start"'),
    ("event_versions", "article_id, version"),
    ("user_places", "place_id"),
    ("article_changes", "version, article_id"),
    ("event_groups", "event_id"),
    ("merge_splits", "event_id, other_id"),
    ("merge_log", "rowid"),
)
COPY_BATCH = 2_000


def copy_store(source: EventStore, target: EventStore) -> dict[str, int]:
    """Copy every row of ``source`` into the empty store ``target`` (either backend); return rows per table.

    Read from one snapshot and written in one transaction, so a failure or a kill leaves ``target`` empty; the
    counts of every table are compared inside that transaction and a difference rolls it back.
    """
    if source.location == target.location:
        raise StoreError("The source and the target are the same store; nothing was copied.")
    counts: dict[str, int] = {}
    with source._read() as src, target._write() as dst:
        if any(dst.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table, _ in COPY_TABLES):
            raise StoreError(f"The target store {target.location} is not empty; copy only into a new, empty store. "
                             "Nothing was copied.")
        for table, order in COPY_TABLES:
            columns = src.columns(table)
            if columns != dst.columns(table):
                raise StoreError(f"Table {table} has different columns in the two stores; nothing was copied.")
            names = ", ".join(f'"{c}"' for c in columns)
            insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
            cursor = src.execute(f"SELECT {names} FROM {table} ORDER BY {order}")
            copied = 0
            while rows := cursor.fetchmany(COPY_BATCH):
                dst.executemany(insert, [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                                         for row in rows])
                copied += len(rows)
            expected = src.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            written = dst.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if not copied == expected == written:
                raise StoreError(f"Table {table}: {expected} rows in the source, {copied} read, {written} in the "
                                 "target; nothing was copied.")
            counts[table] = written
        # The write counter continues (the write that ends this transaction adds one, as every write does);
        # a PostgreSQL identity continues after the copied place ids.
        dst.execute("UPDATE store_meta SET value = ? WHERE key = 'write_counter'",
                    (src.execute("SELECT value FROM store_meta WHERE key = 'write_counter'").fetchone()[0],))
        if dst.dialect == "postgresql":
            dst.execute("SELECT setval(pg_get_serial_sequence('user_places', 'place_id'),"
                        " (SELECT coalesce(max(place_id), 0) + 1 FROM user_places), false)")
    return counts


def restore(backup: Path, *, target: Path) -> Path | None:
    """Replace ``target`` by a checked copy of ``backup``; return where the old store was moved (or None).

    The backup file itself is only read: the copy is checked (and migrated if old) before it goes in place.
    """
    if not backup.is_file():
        raise StoreError(f"There is no backup file {backup}; nothing was restored.")
    if backup.stat().st_size == 0:  # an empty file would be "restored" as an empty store
        raise StoreError(f"The backup {backup} is empty (0 bytes): it is not a store; nothing was restored.")
    check_file(backup)  # refuses a foreign or damaged backup before anything else
    tmp = target.with_name(f".{target.name}.restoring")
    try:
        tmp.unlink(missing_ok=True)
        shutil.copyfile(backup, tmp)
        copy = open_store(tmp)
        problems = copy.integrity_check()
    except (OSError, StoreError) as err:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"Restoring {backup} failed: {storage_cause(err)}. The current store is untouched.") from err
    if problems != ["ok"]:
        tmp.unlink()
        raise StoreError(f"The backup {backup} is damaged ({'; '.join(problems[:3])}); nothing was restored.")
    kept = None
    if target.exists():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
        target.rename(kept)
        for suffix in ("-wal", "-shm"):  # the old journal belongs to the old file
            sidecar = Path(f"{target}{suffix}")
            if sidecar.exists():
                sidecar.rename(Path(f"{kept}{suffix}"))
    tmp.rename(target)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.store_admin", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", help="store URL or SQLite file (default: CONFLICT_MAP_DATABASE_URL, "
                                        "else DATA_DIR/events.sqlite3)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("info")
    sub.add_parser("check")
    sub.add_parser("backup").add_argument("file", type=Path)
    sub.add_parser("restore").add_argument("file", type=Path)
    copy = sub.add_parser("copy", help="copy every article, event, version and place into an empty store")
    copy.add_argument("--from", dest="source", required=True, help="postgresql://... or sqlite:///PATH")
    copy.add_argument("--to", dest="target", required=True, help="postgresql://... or sqlite:///PATH (empty)")
    args = parser.parse_args(argv)
    try:
        if args.command == "copy":
            backend = from_url(args.source)
            if backend.path is not None and not backend.path.exists():
                # open_store creates a missing file: copying from a mistyped path would copy an empty store
                raise StoreError(f"There is no store at {backend.path}; nothing was copied. (sqlite:///relative/path, "
                                 "sqlite:////absolute/path)")
            source = open_store(backend)
            target = open_store(from_url(args.target))
            counts = copy_store(source, target)
            print(f"copied {source.location} to {target.location}: "
                  + ", ".join(f"{table} {n}" for table, n in counts.items()) + " (counts checked)")
            return 0
        backend = from_url(args.store)
        if args.command == "restore":
            if backend.kind != "sqlite":
                raise StoreError("restore replaces an SQLite file; for PostgreSQL restore a pg_dump with pg_restore, "
                                 "or copy an SQLite backup into an empty database: python -m dashboard.store_admin "
                                 "copy --from sqlite:///BACKUP --to postgresql://...")
            kept = restore(args.file, target=backend.path)
            print(f"restored {args.file} to {backend.path}" + (f"; the previous store is now {kept}" if kept else ""))
            return 0
        store = open_store(backend)
        if args.command == "info":
            print(f"store: {store.location}\narticles: {store.count_articles()}\nevents: {store.count_events()}\n"
                  f"data version: {store.data_version()}")
        elif args.command == "check":
            problems = store.integrity_check()
            history = store.version_problems() if problems == ["ok"] else []
            print("\n".join(problems + history))
            return 0 if problems == ["ok"] and not history else 1
        elif args.command == "backup":
            print(f"backed up {store.location} to {store.backup(args.file)}")
    except (StoreError, ConfigurationError) as err:
        print(err, file=sys.stderr)
        return 1
    except DB_ERRORS as err:
        print(f"The store failed: {' '.join(str(err).split())}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
