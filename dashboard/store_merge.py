"""One event, many reports: events of different articles that report the same event are grouped.

An analyst reads the monitor's report, the wire and the local outlet about one air strike.  Each article
keeps its own events (its review, its versions: nothing of an analyst's work is merged away); on top of
them, ``event_groups`` says which events of different articles are reports of one event.  The dashboard
counts groups, not reports (``dashboard/reports.py``): one point, one count on the timeline, one toll.

The rule, applied when an article's events are saved (in the same transaction):

* same day or the next/previous day (``MATCH_DAYS``),
* same event type,
* same place: the same gazetteer place (name and governorate), or, when both are placed at a town or
  village (geo precision 1), within ``MATCH_KM`` kilometres,
* actors that do not contradict: when both reports name actors, they share at least one,
* from another article, never an ACLED import (those are kept apart and compared, not merged),
* not a pair an editor split apart before (``merge_splits``).

The best candidate wins (same place name, then the nearest, then the same sub-type, then the oldest
report).  Every merge and split is logged with who, when and why (``merge_log``); a split is reversible
only by saving again after the split pair is forgotten, so an editor's split is never undone silently.
Matching reads the stored events of a three-day window through an index on (event_date, event_type):
its cost does not grow with the size of the store (``scripts/bench_merge.py``).
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from extraction.records import Event

MATCH_DAYS = 1
MATCH_KM = 3.0
ACLED_PREFIX = "acled-"  # dashboard.import_acled.ID_PREFIX (not imported: the importer imports the store)
_UNKNOWN_ACTORS = frozenset({"", "Unidentified Armed Group", "Unidentified Military Forces", "Civilians"})


@dataclass(frozen=True)
class Report:
    """One event of one article, as a report of a (possibly merged) event."""

    event_id: str
    article_id: str
    title: str
    source: str
    published: str | None
    event_date: str | None
    location: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    sentence: str
    why: str  # why it is in the group ("" for the group's first report)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _named(actor1: str | None, actor2: str | None) -> set[str]:
    return {a for a in (actor1, actor2) if a and a not in _UNKNOWN_ACTORS}


def _place_key(location: str | None, admin1: str | None) -> tuple[str, str] | None:
    return (location.casefold(), (admin1 or "").casefold()) if location else None


def _why(event: Event, row: sqlite3.Row, km: float | None) -> str:
    day = "same day" if str(event.event_date) == row["event_date"] else "a day apart"
    place = f"same place ({event.location})" if km is None else f"{km:.1f} km apart ({event.location} / {row['location']})"
    shared = sorted(_named(event.actor1, event.actor2) & _named(row["actor1"], row["actor2"]))
    actors = f"actors agree ({', '.join(shared)})" if shared else "no actor contradicts"
    return f"{day}, {place}, same type ({event.event_type}), {actors}"


def _candidates(conn: sqlite3.Connection, event: Event, article_id: str) -> list[tuple[tuple, str, str]]:
    """(rank, stored event id, why) of the stored events ``event`` may be another report of."""
    if event.event_date is None or event.event_id.startswith(ACLED_PREFIX):
        return []
    day = event.event_date if isinstance(event.event_date, date) else date.fromisoformat(str(event.event_date))
    rows = conn.execute(
        "SELECT e.event_id, e.article_id, e.event_date, e.sub_event_type, e.actor1, e.actor2, e.location, e.admin1,"
        " e.latitude, e.longitude, e.geo_precision FROM events e"
        " WHERE e.event_date BETWEEN ? AND ? AND e.event_type = ? AND e.article_id != ? AND e.article_id NOT LIKE ?",
        ((day - timedelta(days=MATCH_DAYS)).isoformat(), (day + timedelta(days=MATCH_DAYS)).isoformat(),
         event.event_type, article_id, ACLED_PREFIX + "%"),
    ).fetchall()
    ours = _named(event.actor1, event.actor2)
    key = _place_key(event.location, event.admin1)
    out = []
    for row in rows:
        theirs = _named(row["actor1"], row["actor2"])
        if ours and theirs and not ours & theirs:
            continue
        km = None
        if key is not None and key == _place_key(row["location"], row["admin1"]):
            same_place = True
        elif (event.geo_precision == 1 and row["geo_precision"] == 1 and event.latitude is not None
              and row["latitude"] is not None):
            km = _km(event.latitude, event.longitude, row["latitude"], row["longitude"])
            same_place = km <= MATCH_KM
        else:
            same_place = False
        if not same_place:
            continue
        rank = (km is not None, km or 0.0, row["sub_event_type"] != event.sub_event_type, row["event_id"])
        out.append((rank, row["event_id"], _why(event, row, km)))
    return sorted(out)


def _group_of(conn: sqlite3.Connection, event_id: str) -> str | None:
    row = conn.execute("SELECT group_id FROM event_groups WHERE event_id = ?", (event_id,)).fetchone()
    return row[0] if row else None


def _split(conn: sqlite3.Connection, a: str, b: str) -> bool:
    return conn.execute("SELECT 1 FROM merge_splits WHERE (event_id = ? AND other_id = ?) OR (event_id = ? AND other_id = ?)",
                        (a, b, b, a)).fetchone() is not None


def _log(conn: sqlite3.Connection, *, at: str, editor: str, action: str, event_id: str, group_id: str, why: str) -> None:
    conn.execute("INSERT INTO merge_log (at, editor, action, event_id, group_id, why) VALUES (?, ?, ?, ?, ?, ?)",
                 (at, editor, action, event_id, group_id, why))


def regroup_article(conn: sqlite3.Connection, article_id: str, events: Sequence[Event], *, editor: str,
                    saved_at: str) -> int:
    """After an article's events were (re)written: forget group rows of its events that are gone, and merge each
    of its events not yet grouped into the best matching stored event of another article.  Returns the merges."""
    before, conn.row_factory = conn.row_factory, sqlite3.Row
    try:
        keep = [e.event_id for e in events]
        touched = {r[0] for r in conn.execute(
            "SELECT group_id FROM event_groups WHERE article_id = ? AND event_id NOT IN (SELECT value FROM json_each(?))",
            (article_id, _json(keep)))}
        conn.execute("DELETE FROM event_groups WHERE article_id = ? AND event_id NOT IN (SELECT value FROM json_each(?))",
                     (article_id, _json(keep)))
        merged = 0
        for event in events:
            if _group_of(conn, event.event_id) is not None:
                continue
            for _, other, why in _candidates(conn, event, article_id):
                group = _group_of(conn, other) or other
                members = [r[0] for r in conn.execute("SELECT event_id FROM event_groups WHERE group_id = ?", (group,))]
                if any(_split(conn, event.event_id, m) for m in members or [other]):
                    continue
                if conn.execute("SELECT 1 FROM event_groups g JOIN events e ON e.event_id = g.event_id"
                                " WHERE g.group_id = ? AND e.article_id = ?", (group, article_id)).fetchone():
                    continue  # one report per article in an event: the article's own events stay apart
                if not members:
                    other_article = conn.execute("SELECT article_id FROM events WHERE event_id = ?", (other,)).fetchone()[0]
                    conn.execute("INSERT INTO event_groups (event_id, article_id, group_id, why, merged_at, merged_by)"
                                 " VALUES (?, ?, ?, '', ?, ?)", (other, other_article, group, saved_at, editor))
                conn.execute("INSERT INTO event_groups (event_id, article_id, group_id, why, merged_at, merged_by)"
                             " VALUES (?, ?, ?, ?, ?, ?)", (event.event_id, article_id, group, why, saved_at, editor))
                _log(conn, at=saved_at, editor=editor, action="merge", event_id=event.event_id, group_id=group, why=why)
                merged += 1
                break
        _drop_lone_groups(conn, touched)
        return merged
    finally:
        conn.row_factory = before


def _drop_lone_groups(conn: sqlite3.Connection, group_ids: set[str]) -> None:
    """A group left with one report (the others deleted or split off) is no group."""
    for group in group_ids:
        if conn.execute("SELECT count(*) FROM event_groups WHERE group_id = ?", (group,)).fetchone()[0] < 2:
            conn.execute("DELETE FROM event_groups WHERE group_id = ?", (group,))


def forget_article(conn: sqlite3.Connection, article_id: str) -> None:
    """A deleted article's events leave their groups."""
    touched = {r[0] for r in conn.execute("SELECT group_id FROM event_groups WHERE article_id = ?", (article_id,))}
    conn.execute("DELETE FROM event_groups WHERE article_id = ?", (article_id,))
    _drop_lone_groups(conn, touched)


def split(conn: sqlite3.Connection, event_id: str, *, editor: str, at: str, why: str = "") -> str | None:
    """Take one report out of its event: it becomes an event of its own again, and is never merged back with
    the reports it was with.  Returns the group it left (None when it was in none)."""
    group = _group_of(conn, event_id)
    if group is None:
        return None
    others = [r[0] for r in conn.execute("SELECT event_id FROM event_groups WHERE group_id = ? AND event_id != ?",
                                         (group, event_id))]
    conn.execute("DELETE FROM event_groups WHERE event_id = ?", (event_id,))
    conn.executemany("INSERT OR IGNORE INTO merge_splits (event_id, other_id, split_at, split_by) VALUES (?, ?, ?, ?)",
                     [(event_id, other, at, editor) for other in others])
    _log(conn, at=at, editor=editor, action="split", event_id=event_id, group_id=group, why=why or "split by an editor")
    _drop_lone_groups(conn, {group})
    return group


def groups(conn: sqlite3.Connection) -> dict[str, str]:
    """Every grouped report's event id -> its group's id (ungrouped events are not listed)."""
    return dict(conn.execute("SELECT event_id, group_id FROM event_groups"))


def reports(conn: sqlite3.Connection, event_id: str) -> list[Report]:
    """The reports of the event ``event_id`` belongs to (just itself when it is in no group), oldest first."""
    group = _group_of(conn, event_id)
    ids = [r[0] for r in conn.execute("SELECT event_id FROM event_groups WHERE group_id = ?", (group,))] if group else [event_id]
    rows = conn.execute(
        "SELECT e.event_id, e.article_id, a.title, a.source, a.published, e.event_date, e.location, e.actor1, e.actor2,"
        " e.fatalities, e.notes, coalesce(g.why, '') FROM events e JOIN articles a ON a.article_id = e.article_id"
        " LEFT JOIN event_groups g ON g.event_id = e.event_id"
        " WHERE e.event_id IN (SELECT value FROM json_each(?)) ORDER BY coalesce(g.why, '') != '', a.rowid, e.event_id", (_json(ids),)).fetchall()
    return [Report(*row) for row in rows]


def log(conn: sqlite3.Connection, event_id: str) -> list[tuple[str, str, str, str, str]]:
    """(at, editor, action, event id, why) of every merge and split that touched this event's group."""
    group = _group_of(conn, event_id)
    return [tuple(r) for r in conn.execute(
        "SELECT at, editor, action, event_id, why FROM merge_log WHERE event_id = ? OR group_id = ?"
        " ORDER BY at, rowid", (event_id, group or event_id))]


def _json(values: Sequence[str]) -> str:
    import json

    return json.dumps(list(values))
