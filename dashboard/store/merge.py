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
The pure part of the rule ("are these two events one? and why") is ``same_event``, a function of two
event-like records that the comparison with ACLED (``dashboard/compare.py``) calls too.
Matching reads the stored events of a three-day window through an index on (event_date, event_type):
its cost does not grow with the size of the store (``scripts/bench_merge.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from dashboard.store.backend import Connection
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: Any) -> float | None:
    """A number, or None for None, NaN and pandas' NA (stored rows, events and frame rows all come here)."""
    if value is None or isinstance(value, str):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def event_day(value: Any) -> date | None:
    """An event's day from a date, a datetime or pandas Timestamp, or an ISO text (a stored row)."""
    if isinstance(value, datetime):
        return None if value != value else value.date()  # NaT is a datetime that is not equal to itself
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def named_actors(actor1: Any, actor2: Any) -> frozenset[str]:
    """The actors an event names, without the placeholders that name no one ("Civilians", unidentified groups)."""
    return frozenset(a for a in (_text(actor1), _text(actor2)) if a and a not in _UNKNOWN_ACTORS)


def place_key(location: Any, admin1: Any) -> tuple[str, str] | None:
    location = _text(location)
    return (location.casefold(), (_text(admin1) or "").casefold()) if location else None


@dataclass(frozen=True)
class Match:
    """Why two events are reports of one event: ``km`` apart (None when the place name is the same), the
    ``rank`` that orders the candidates of one event (best first) and the ``why`` a person reads."""

    km: float | None
    rank: tuple
    why: str


def same_event(a: Any, b: Any, *, days: int = MATCH_DAYS, km: float = MATCH_KM) -> Match | None:
    """Whether the events ``a`` and ``b`` report one event, by the rule of this module's docstring (without its
    store-side parts: another article, no ACLED import, no editor's split), and why; None when they do not.

    ``a`` and ``b`` are anything with the event's fields as attributes (``extraction.records.Event``, a row of
    ``DataFrame.itertuples``, a stored row): the merging of saved articles and the comparison with ACLED
    (``dashboard/compare.py``) call this one function."""
    day_a, day_b = event_day(a.event_date), event_day(b.event_date)
    if day_a is None or day_b is None or abs((day_a - day_b).days) > days:
        return None
    if _text(a.event_type) is None or a.event_type != b.event_type:
        return None
    ours, theirs = named_actors(a.actor1, a.actor2), named_actors(b.actor1, b.actor2)
    if ours and theirs and not ours & theirs:
        return None
    key = place_key(a.location, a.admin1)
    distance = None
    if key is not None and key == place_key(b.location, b.admin1):
        pass
    else:
        lat_a, lon_a, lat_b, lon_b = (_number(v) for v in (a.latitude, a.longitude, b.latitude, b.longitude))
        if (_number(a.geo_precision) != 1 or _number(b.geo_precision) != 1
                or None in (lat_a, lon_a, lat_b, lon_b)):
            return None
        distance = distance_km(lat_a, lon_a, lat_b, lon_b)
        if distance > km:
            return None
    apart = abs((day_a - day_b).days)
    when = "same day" if apart == 0 else "a day apart" if apart == 1 else f"{apart} days apart"
    place = (f"same place ({a.location})" if distance is None
             else f"{distance:.1f} km apart ({a.location} / {b.location})")
    shared = sorted(ours & theirs)
    actors = f"actors agree ({', '.join(shared)})" if shared else "no actor contradicts"
    rank = (distance is not None, distance or 0.0, _text(b.sub_event_type) != _text(a.sub_event_type), str(b.event_id))
    return Match(km=distance, rank=rank, why=f"{when}, {place}, same type ({a.event_type}), {actors}")


MAX_CANDIDATES = 200  # stored events read per new event: the same place first, so the best is among them
MAX_GROUPS_TRIED = 20  # distinct events a new report may be refused by (split pairs, same article) before giving up


def _candidates(conn: Connection, event: Event, article_id: str) -> list[tuple[tuple, str, str, str]]:
    """(rank, stored event id, its group, why) of the stored events ``event`` may be another report of.

    At most MAX_CANDIDATES rows are read, those at the same named place first, so that a day with
    thousands of reports of one place (a siege, a synthetic load test) costs a bounded time per event."""
    day = event_day(event.event_date)
    if day is None or event.event_id.startswith(ACLED_PREFIX):
        return []
    cursor = conn.execute(
        "SELECT e.event_id, e.article_id, e.event_date, e.event_type, e.sub_event_type, e.actor1, e.actor2,"
        " e.location, e.admin1, e.latitude, e.longitude, e.geo_precision, coalesce(g.group_id, e.event_id) AS grp"
        " FROM events e LEFT JOIN event_groups g ON g.event_id = e.event_id"
        " WHERE e.event_date BETWEEN ? AND ? AND e.event_type = ? AND e.article_id != ? AND e.article_id NOT LIKE ?"
        " ORDER BY (e.location IS ?) DESC, e.event_id LIMIT ?",
        ((day - timedelta(days=MATCH_DAYS)).isoformat(), (day + timedelta(days=MATCH_DAYS)).isoformat(),
         event.event_type, article_id, ACLED_PREFIX + "%", event.location, MAX_CANDIDATES),
    )
    names = [d[0] for d in cursor.description]
    out = []
    for values in cursor.fetchall():
        row = SimpleNamespace(**dict(zip(names, values)))
        match = same_event(event, row)
        if match is not None:
            out.append((match.rank, row.event_id, row.grp, match.why))
    return sorted(out)


def _group_of(conn: Connection, event_id: str) -> str | None:
    row = conn.execute("SELECT group_id FROM event_groups WHERE event_id = ?", (event_id,)).fetchone()
    return row[0] if row else None


def _log(conn: Connection, *, at: str, editor: str, action: str, event_id: str, group_id: str, why: str) -> None:
    conn.execute("INSERT INTO merge_log (at, editor, action, event_id, group_id, why) VALUES (?, ?, ?, ?, ?, ?)",
                 (at, editor, action, event_id, group_id, why))


def regroup_article(conn: Connection, article_id: str, events: Sequence[Event], *, editor: str,
                    saved_at: str) -> int:
    """After an article's events were (re)written: forget group rows of its events that are gone, and merge each
    of its events not yet grouped into the best matching stored event of another article.  Returns the merges."""
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
        tried: set[str] = set()
        for _, other, group, why in _candidates(conn, event, article_id):
            if group in tried:
                continue
            if len(tried) >= MAX_GROUPS_TRIED:
                break
            tried.add(group)
            grouped = conn.execute("SELECT 1 FROM event_groups WHERE group_id = ? LIMIT 1", (group,)).fetchone()
            if conn.execute(
                "SELECT 1 FROM merge_splits WHERE (event_id = ?1 AND other_id IN"
                " (SELECT event_id FROM event_groups WHERE group_id = ?2 UNION SELECT ?3))"
                " OR (other_id = ?1 AND event_id IN (SELECT event_id FROM event_groups WHERE group_id = ?2"
                " UNION SELECT ?3)) LIMIT 1", (event.event_id, group, other)).fetchone():
                continue  # an editor split this report from one of these: never merged back
            if conn.execute("SELECT 1 FROM event_groups WHERE group_id = ? AND article_id = ? LIMIT 1",
                            (group, article_id)).fetchone():
                continue  # one report per article in an event: the article's own events stay apart
            if not grouped:
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


def _drop_lone_groups(conn: Connection, group_ids: set[str]) -> None:
    """A group left with one report (the others deleted or split off) is no group."""
    for group in group_ids:
        if conn.execute("SELECT count(*) FROM event_groups WHERE group_id = ?", (group,)).fetchone()[0] < 2:
            conn.execute("DELETE FROM event_groups WHERE group_id = ?", (group,))


def forget_article(conn: Connection, article_id: str) -> None:
    """A deleted article's events leave their groups."""
    touched = {r[0] for r in conn.execute("SELECT group_id FROM event_groups WHERE article_id = ?", (article_id,))}
    conn.execute("DELETE FROM event_groups WHERE article_id = ?", (article_id,))
    _drop_lone_groups(conn, touched)


def split(conn: Connection, event_id: str, *, editor: str, at: str, why: str = "") -> str | None:
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


def groups(conn: Connection) -> dict[str, str]:
    """Every grouped report's event id -> its group's id (ungrouped events are not listed)."""
    return dict(conn.execute("SELECT event_id, group_id FROM event_groups"))


def reports(conn: Connection, event_id: str) -> list[Report]:
    """The reports of the event ``event_id`` belongs to (just itself when it is in no group), oldest first."""
    group = _group_of(conn, event_id)
    ids = [r[0] for r in conn.execute("SELECT event_id FROM event_groups WHERE group_id = ?", (group,))] if group else [event_id]
    rows = conn.execute(
        "SELECT e.event_id, e.article_id, a.title, a.source, a.published, e.event_date, e.location, e.actor1, e.actor2,"
        " e.fatalities, e.notes, coalesce(g.why, '') FROM events e JOIN articles a ON a.article_id = e.article_id"
        " LEFT JOIN event_groups g ON g.event_id = e.event_id"
        " WHERE e.event_id IN (SELECT value FROM json_each(?)) ORDER BY coalesce(g.why, '') != '', a.rowid, e.event_id", (_json(ids),)).fetchall()
    return [Report(*row) for row in rows]


def log(conn: Connection, event_id: str) -> list[tuple[str, str, str, str, str]]:
    """(at, editor, action, event id, why) of every merge and split that touched this event's group."""
    group = _group_of(conn, event_id)
    return [tuple(r) for r in conn.execute(
        "SELECT at, editor, action, event_id, why FROM merge_log WHERE event_id = ? OR group_id = ?"
        " ORDER BY at, rowid", (event_id, group or event_id))]


def _json(values: Sequence[str]) -> str:
    import json

    return json.dumps(list(values))
