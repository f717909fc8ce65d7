"""Back up, check and restore the event store from the command line.

    python -m dashboard.store_admin info               # where the store is, what it holds
    python -m dashboard.store_admin check              # SQLite integrity check + foreign keys + event history
    python -m dashboard.store_admin backup FILE        # consistent copy, safe while the app runs
    python -m dashboard.store_admin restore FILE       # stop the app first; the current store is kept aside

The store is the file ``events.sqlite3`` in the data directory
(``CONFLICT_MAP_DATA_DIR``, default ``data/``).  Copying that file by hand while
the app runs can copy half a transaction; ``backup`` uses SQLite's online
backup, which cannot.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

from dashboard import migrations
from dashboard.store import STORE_FILENAME, open_store
from gazetteer.errors import StoreError, storage_cause
from gazetteer.settings import data_dir


def restore(backup: Path, *, target: Path) -> Path | None:
    """Replace ``target`` by a checked copy of ``backup``; return where the old store was moved (or None).

    The backup file itself is only read: the copy is checked (and migrated if old) before it goes in place.
    """
    if not backup.is_file():
        raise StoreError(f"There is no backup file {backup}; nothing was restored.")
    if backup.stat().st_size == 0:  # an empty file would be "restored" as an empty store
        raise StoreError(f"The backup {backup} is empty (0 bytes): it is not a store; nothing was restored.")
    migrations.check_file(backup)  # refuses a foreign or damaged backup before anything else
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
    parser.add_argument("--store", type=Path, help=f"store file (default: DATA_DIR/{STORE_FILENAME})")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("info")
    sub.add_parser("check")
    sub.add_parser("backup").add_argument("file", type=Path)
    sub.add_parser("restore").add_argument("file", type=Path)
    args = parser.parse_args(argv)
    path = args.store or data_dir() / STORE_FILENAME
    try:
        if args.command == "restore":
            kept = restore(args.file, target=path)
            print(f"restored {args.file} to {path}" + (f"; the previous store is now {kept}" if kept else ""))
            return 0
        store = open_store(path)
        if args.command == "info":
            print(f"store: {store.path}\narticles: {store.count_articles()}\nevents: {store.count_events()}\n"
                  f"data version: {store.data_version()}")
        elif args.command == "check":
            problems = store.integrity_check()
            history = store.version_problems() if problems == ["ok"] else []
            print("\n".join(problems + history))
            return 0 if problems == ["ok"] and not history else 1
        elif args.command == "backup":
            print(f"backed up {store.path} to {store.backup(args.file)}")
    except StoreError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
