"""The event store: articles, their events and mentions, the review history, user places.

Pages talk to ``EventStore`` (``open_store()``) only.  Inside, one module per idea:

* ``core``: ``EventStore``, its transactions and queries (SQL written once);
* ``backend``: which database, chosen in one place (``CONFLICT_MAP_DATABASE_URL`` or the SQLite default);
* ``sqlite``, ``postgres``: one module per backend (connections, dialect, locks, checks);
* ``migrations``: the schema, versioned, the same on both backends;
* ``rows``, ``versions``, ``merge``: events as rows and frames, the versions of an article's events,
  reports of one event across articles;
* ``fast_read``: the SQLite Arrow reader's child process; ``snapshot``: the copy of the events frame kept
  beside an SQLite store, so that a restart does not read SQLite again; ``admin``: ``python -m dashboard.store_admin``.

Names are imported lazily, so ``python -m dashboard.store.fast_read`` starts without pandas.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "open_store": "core", "EventStore": "core", "SaveResult": "core", "ArticleInfo": "core", "UserPlace": "core",
    "STORE_FILENAME": "backend", "from_url": "backend", "database_url": "backend",
    "StoredInfo": "versions", "VersionDiff": "versions", "VersionInfo": "versions", "VersionKind": "versions",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dashboard.store' has no attribute {name!r}")
    return getattr(importlib.import_module(f"dashboard.store.{module}"), name)
