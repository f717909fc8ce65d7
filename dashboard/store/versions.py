"""Versions of an article's events: the records the store returns, the checks of what callers pass,
the comparison of two versions, and the SQL on the ``event_versions`` table.

``EventStore`` (``dashboard.store``) calls these inside its own transactions;
nothing here opens a connection.  Why a version is a compressed snapshot of the
whole event set rather than a versioned copy of the events table is told in
the store's module docstring.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from dashboard.store.backend import Connection
from dashboard.store.rows import (
    decode_snapshot,
    delete_events,
    encode_snapshot,
    insert_events,
    normalise_events,
    touch_article,
)
from extraction.records import Event
from gazetteer.errors import InputError, StoreError

VersionKind = Literal["extracted", "reviewed", "edited", "restored", "re-extracted", "deleted", "imported"]
VERSION_KINDS: tuple[str, ...] = get_args(VersionKind)
# What a caller may name when saving or editing; "restored" and "deleted" are recorded by
# restore_version and delete_article themselves, so a version of those kinds always means that.
SAVE_KINDS: tuple[str, ...] = ("extracted", "reviewed", "edited", "re-extracted", "imported")  # imported: ACLED
MAX_EDITOR_CHARS = 200
MAX_NOTE_CHARS = 2_000


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One line of an article's history (no events, for speed: ``events_at_version`` reads them)."""

    version: int
    editor: str
    saved_at: str  # ISO timestamp, UTC
    kind: VersionKind
    note: str
    n_events: int
    restored_from: int | None = None  # for kind "restored": the version whose events were brought back


@dataclass(frozen=True, slots=True)
class StoredInfo:
    """What ``find_stored`` tells about a text that is already stored, before anything is extracted."""

    article_id: str
    title: str
    saved_at: str  # the first save of the article as it is stored now
    saved_by: str  # the editor of that first save
    n_events: int  # current events
    version: int  # current version number
    last_kind: VersionKind
    last_editor: str
    last_saved_at: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one event that differs between two versions."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class EventChange:
    """An event present in both versions (same ``event_id``) whose fields differ."""

    event_id: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """What changed from version ``old_version`` to ``new_version`` of an article's events, matched by event_id."""

    article_id: str
    old_version: int
    new_version: int
    added: tuple[Event, ...]
    removed: tuple[Event, ...]
    changed: tuple[EventChange, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        """"2 added, 1 removed, 3 changed" (or "no change"), for a history list."""
        parts = [f"{len(items)} {word}" for items, word in
                 ((self.added, "added"), (self.removed, "removed"), (self.changed, "changed")) if items]
        return ", ".join(parts) or "no change"


_DIFF_FIELDS = tuple(f.name for f in dataclasses.fields(Event) if f.name not in ("event_id", "article_id"))


def diff_events(article_id: str, old_version: int, old: Sequence[Event], new_version: int,
                new: Sequence[Event]) -> VersionDiff:
    """Compare two event sets field by field; events are matched by ``event_id`` (mentions count as a field)."""
    before = {e.event_id: e for e in old}
    after = {e.event_id: e for e in new}
    changed = []
    for event_id, new_event in after.items():
        old_event = before.get(event_id)
        if old_event is None or old_event == new_event:
            continue
        changes = tuple(FieldChange(name, getattr(old_event, name), getattr(new_event, name))
                        for name in _DIFF_FIELDS if getattr(old_event, name) != getattr(new_event, name))
        changed.append(EventChange(event_id, changes))
    return VersionDiff(
        article_id=article_id, old_version=old_version, new_version=new_version,
        added=tuple(e for e in new if e.event_id not in before),
        removed=tuple(e for e in old if e.event_id not in after),
        changed=tuple(changed),
    )


# -- what callers pass ------------------------------------------------------------------


def checked_editor(editor: str) -> str:
    if not isinstance(editor, str) or not editor.strip():
        raise InputError("Say who saves (editor: the signed-in identity, or \"local\"); nothing was saved.")
    editor = editor.strip()
    if len(editor) > MAX_EDITOR_CHARS:
        raise InputError(f"The editor's name is longer than {MAX_EDITOR_CHARS} characters; nothing was saved.")
    return editor


def checked_kind(kind: str, allowed: Sequence[str] = SAVE_KINDS) -> VersionKind:
    if kind not in allowed:
        raise InputError(f"A version's kind must be one of {', '.join(allowed)}, not {kind!r}; nothing was saved.")
    return kind  # type: ignore[return-value]


def checked_note(note: str) -> str:
    if not isinstance(note, str):
        raise InputError("A version's note must be text; nothing was saved.")
    if len(note) > MAX_NOTE_CHARS:
        raise InputError(f"A version's note is limited to {MAX_NOTE_CHARS} characters; nothing was saved.")
    return note.strip()


def checked_version(version: int, what: str = "version") -> int:
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(f"A {what} is a whole number from 1, not {version!r}.")
    return version


# -- the event_versions table -----------------------------------------------------------

_INFO_COLUMNS = "version, editor, saved_at, kind, note, n_events, restored_from"


def latest(conn: Connection, article_id: str) -> VersionInfo | None:
    """The article's newest version (a deleted article's is its deletion), or None if it never had one."""
    row = conn.execute(
        f"SELECT {_INFO_COLUMNS} FROM event_versions WHERE article_id = ? ORDER BY version DESC LIMIT 1",
        (article_id,),
    ).fetchone()
    return VersionInfo(*row) if row else None


def first_since_stored(conn: Connection, article_id: str) -> VersionInfo | None:
    """The version the article's current row was created with (after its last deletion, if any)."""
    row = conn.execute(
        f"SELECT {_INFO_COLUMNS} FROM event_versions WHERE article_id = ?1 AND version > coalesce("
        " (SELECT max(version) FROM event_versions WHERE article_id = ?1 AND kind = 'deleted'), 0)"
        " ORDER BY version LIMIT 1",
        (article_id,),
    ).fetchone()
    return VersionInfo(*row) if row else None


def history(conn: Connection, article_id: str) -> list[VersionInfo]:
    rows = conn.execute(
        f"SELECT {_INFO_COLUMNS} FROM event_versions WHERE article_id = ? ORDER BY version", (article_id,)
    ).fetchall()
    return [VersionInfo(*row) for row in rows]


def events_at(conn: Connection, article_id: str, version: int) -> tuple[VersionInfo, list[Event]]:
    """A version's record and its events; ``StoreError`` naming the versions that exist when it does not."""
    row = conn.execute(
        f"SELECT {_INFO_COLUMNS}, events FROM event_versions WHERE article_id = ? AND version = ?",
        (article_id, checked_version(version)),
    ).fetchone()
    if row is None:
        newest = latest(conn, article_id)
        known = f"its versions are 1 to {newest.version}" if newest else "it has no saved versions"
        raise StoreError(f"Article {article_id!r} has no version {version}; {known}.")
    return VersionInfo(*row[:-1]), decode_snapshot(row[-1])


def record(conn: Connection, article_id: str, events: Sequence[Event], *, kind: VersionKind, editor: str,
           note: str, saved_at: str, restored_from: int | None = None) -> int:
    """Append the next version of the article (events as ``normalise_events`` gave them); return its number.

    Runs inside the caller's write transaction, which holds SQLite's write lock:
    ``max + 1`` cannot be taken by anyone else, so numbers are dense and unique.
    """
    version = conn.execute(
        "SELECT coalesce(max(version), 0) + 1 FROM event_versions WHERE article_id = ?", (article_id,)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO event_versions (article_id, version, kind, editor, saved_at, note, n_events, events,"
        " restored_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, version, kind, editor, saved_at, note, len(events), encode_snapshot(events), restored_from),
    )
    return version


def check_expected(article_id: str, current: VersionInfo | None, expected_version: int | None) -> None:
    """Optimistic concurrency: refuse when someone saved a version after the one the caller started from."""
    if expected_version is None:
        return
    checked_version(expected_version, "expected version")
    have = current.version if current else 0
    if have != expected_version:
        who = f" by {current.editor} at {current.saved_at} ({current.kind})" if current else ""
        raise StoreError(
            f"Article {article_id!r} is now at version {have}{who}, not version {expected_version} that your "
            "edit started from; nothing was saved, so neither edit is lost. Reload the article, apply your "
            "changes again and save.")


def replace_events(conn: Connection, article_id: str, events: Sequence[Event], *, kind: VersionKind,
                    editor: str, note: str, saved_at: str, restored_from: int | None = None) -> tuple[int, int]:
    """Make ``events`` the article's current events and record them as its next version; (written, version).

    The caller's write transaction makes it all or nothing: a failed insert leaves the old events and no version.
    """
    from dashboard.store import merge as store_merge

    events = normalise_events(article_id, events)
    delete_events(conn, article_id)
    written = insert_events(conn, article_id, events)
    version = record(conn, article_id, events, kind=kind, editor=editor, note=note, saved_at=saved_at,
                     restored_from=restored_from)
    touch_article(conn, article_id)
    # Other articles' reports of the same events: grouped in the same transaction (merge.py).
    store_merge.regroup_article(conn, article_id, events, editor=editor, saved_at=saved_at)
    return written, version


def without_missing_mentions(conn: Connection, events: list[Event]) -> list[Event]:
    """Drop mentions that cite an article no longer stored (a restore cannot point to it)."""
    cited = sorted({m.article_id for e in events for m in e.mentions})
    present = {r[0] for r in conn.execute(  # a JSON array parameter: any number of ids
        "SELECT article_id FROM articles WHERE article_id IN (SELECT value FROM json_each(?))", (json.dumps(cited),))}
    if present == set(cited):
        return events
    return [dataclasses.replace(e, mentions=tuple(m for m in e.mentions if m.article_id in present)) for e in events]


def already_stored_message(article_id: str, title: str, n_events: int, current: VersionInfo | None) -> str:
    name = f"\"{title}\" (id {article_id})" if title else f"id {article_id}"
    state = (f"version {current.version}, {current.kind} by {current.editor} at {current.saved_at}"
             if current else "no recorded version")
    return (f"This article is already stored: {name}, with {n_events} event(s) ({state}). Nothing was saved, "
            "so those events are kept. Open it on the Articles page to see them, or save these events "
            "explicitly as a new version (replace_events=True); the current ones then stay in its history.")
