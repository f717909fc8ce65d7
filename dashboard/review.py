"""The upload review's logic: events <-> the editable table, edits, placing a village.

``st.data_editor`` keeps its changes as a delta (edited rows, added rows,
deleted rows) against the table it was given; ``apply_edits`` folds such a
delta into the events themselves, so the review works on frozen ``Event``
records end to end and the page holds no logic.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from datetime import date, datetime, timedelta, timezone
from typing import Any, Mapping, Sequence

import pandas as pd

from extraction.lexicon import inter_of
from extraction.records import MAX_EVENT_FATALITIES, Article, Event

EDITABLE = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
    "latitude", "longitude", "fatalities", "notes",
)
NUMERIC = {"latitude": float, "longitude": float, "fatalities": int}


# Shown beside the editable columns, read-only: how each event was made.
PROVENANCE = ("geo_precision", "location_source", "confidence", "fatalities_text", "mentions")


def events_table(events: Sequence[Event], *, provenance: bool = False) -> pd.DataFrame:
    """The editable columns of the events, one row per event, in order; with ``provenance`` also how each
    was made (geo precision, how the place was found, confidence, the fatality words, how many sentences)."""
    rows = [{c: getattr(e, c) for c in EDITABLE} for e in events]
    table = pd.DataFrame(rows, columns=list(EDITABLE))
    if provenance:
        table["geo_precision"] = pd.array([e.geo_precision for e in events], dtype="Int64")
        table["location_source"] = [e.location_source or "" for e in events]
        table["confidence"] = [round(e.confidence, 2) if e.confidence is not None else None for e in events]
        table["fatalities_text"] = [e.fatalities_text or "" for e in events]
        table["mentions"] = [max(1, len(e.mentions)) if e.sentence_end > e.sentence_start else len(e.mentions)
                             for e in events]
    table["event_date"] = pd.to_datetime(table["event_date"], errors="coerce").dt.date
    for column in ("latitude", "longitude"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("float64")
    table["fatalities"] = pd.to_numeric(table["fatalities"], errors="coerce").astype("Int64")
    return table


def _clean(column: str, value: Any) -> Any:
    """One edited cell as the Event field wants it (editor values arrive as JSON-ish types)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if column == "event_date":
        if isinstance(value, date):
            return value
        if isinstance(value, (int, float)):  # epoch milliseconds
            return pd.Timestamp(int(value), unit="ms").date()
        text = str(value).strip()
        try:
            return pd.Timestamp(text).date() if text else None
        except (ValueError, TypeError, OverflowError):
            return None  # not a date ("table_problems" says so before a save)
    if column in NUMERIC:
        number = _number(value)
        if column == "fatalities" and number is not None and not 0 <= number <= MAX_EVENT_FATALITIES:
            return None  # out of any plausible range (the table's own bounds stop it in the browser)
        return NUMERIC[column](number) if number is not None else None
    text = str(value).strip()
    return text or None


def _number(value: Any) -> float | None:
    """A cell's finite number, or None (empty, not a number, infinite)."""
    text = str(value).strip()
    try:
        number = float(text) if text else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _with(event: Event, changes: Mapping[str, Any]) -> Event:
    values = {c: _clean(c, v) for c, v in changes.items() if c in EDITABLE}
    if "notes" in values:
        values["notes"] = values["notes"] or ""
    if "event_type" in values and values["event_type"] is None:
        values["event_type"] = event.event_type
    if "sub_event_type" in values and values["sub_event_type"] is None:
        values["sub_event_type"] = ""
    if "fatalities" in values:
        # The reviewer's number is the toll: the range the extractor read ("10 to 15") no longer describes it.
        values.update(fatalities_low=None, fatalities_high=None)
    # ACLED's derived columns follow the actors: an edited actor gets its inter code from the lexicon.
    for side in ("1", "2"):
        if f"actor{side}" in values:
            values[f"inter{side}"] = inter_of(values[f"actor{side}"])
    moved = {"latitude", "longitude"} & values.keys()
    if "location" in values and not moved and values["location"] != event.location:
        # A renamed place is looked up again (``relocate``): its old coordinates belong to the old name.
        values.update(latitude=None, longitude=None, geo_precision=None, location_text=values["location"],
                      location_source=RENAMED)
    if moved:
        lat = values.get("latitude", event.latitude)
        lon = values.get("longitude", event.longitude)
        values["geo_precision"] = 1 if lat is not None and lon is not None else None
        values["location_source"] = "user (edited in review)"
    return dataclasses.replace(event, **values)


RENAMED = "user (renamed in review)"


def relocate(events: Sequence[Event], resolve: Any) -> tuple[list[Event], list[str]]:
    """Look up again the places the reviewer renamed; ``resolve(name)`` is the gazetteer's.  Returns the events
    and the names it could not find (their events stay without coordinates, and the review says so)."""
    out, unknown = [], []
    for event in events:
        if event.location_source == RENAMED and event.location:
            answer = resolve(event.location)
            if getattr(answer, "resolved", False) and answer.place is not None:
                event = dataclasses.replace(
                    event, latitude=answer.latitude, longitude=answer.longitude, admin1=answer.place.admin1 or event.admin1,
                    admin2=answer.place.admin2, geo_precision=answer.precision,
                    location_source=f"user (renamed in review; {answer.place.source}: {answer.method})",
                )
            else:
                unknown.append(event.location)
        out.append(event)
    return out, unknown


def user_event_id(article_id: str, number: int) -> str:
    """The id of the ``number``-th event an editor added to an article: in the extractor's style ("ev" and 16
    hex digits), stable for the same article and number, never equal to an extracted event's id."""
    return "ev" + hashlib.sha1(f"{article_id}|user|{number}".encode("utf-8")).hexdigest()[:16]


def new_event(article: Article, number: int, values: Mapping[str, Any]) -> Event:
    """An event the reviewer added by hand (no sentence offsets: it came from no sentence)."""
    base = Event(
        event_id=user_event_id(article.article_id, number),
        event_date=article.published,
        time_precision=1,
        event_type="Battles",
        sub_event_type="",
        actor1=None,
        assoc_actor_1=None,
        actor2=None,
        assoc_actor_2=None,
        inter1=None,
        inter2=None,
        country="Syria",
        admin1=None,
        admin2=None,
        location=None,
        latitude=None,
        longitude=None,
        geo_precision=None,
        fatalities=None,
        fatalities_low=None,
        fatalities_high=None,
        notes="",
        source=article.source,
        source_url=article.url,
        article_id=article.article_id,
        location_text=None,
        sentence_start=0,
        sentence_end=0,
        confidence=1.0,
        location_source="user (added in review)",
    )
    event = _with(base, values)
    return dataclasses.replace(event, location_text=event.location)


def apply_edits(events: Sequence[Event], delta: Mapping[str, Any] | None, *, article: Article) -> list[Event]:
    """Fold a data_editor delta into the events: edits, then deletions, then additions."""
    if not delta:
        return list(events)
    out = list(events)
    for index, changes in (delta.get("edited_rows") or {}).items():
        i = int(index)
        if 0 <= i < len(out):
            out[i] = _with(out[i], changes)
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    out = [e for i, e in enumerate(out) if i not in deleted]
    taken = {e.event_id for e in out}
    number = 1
    for values in delta.get("added_rows") or []:
        if not any(_clean(c, v) is not None for c, v in values.items() if c in EDITABLE):
            continue  # an empty row the user added and left
        while user_event_id(article.article_id, number) in taken:
            number += 1
        event = new_event(article, number, values)
        taken.add(event.event_id)
        out.append(event)
    return out


def place_events(
    events: Sequence[Event], name: str, *, latitude: float, longitude: float, admin1: str | None, place_name: str
) -> tuple[list[Event], int]:
    """Give the coordinates to the events written at an unresolved place; returns (events, how many changed).

    Extraction may have put such an event at its governorate (precision 3) or
    left it without coordinates; either way the editor's placement wins.
    """
    wanted = name.strip().casefold()
    out, changed = [], 0
    for event in events:
        written = (event.location_text or event.location or "").strip().casefold()
        if written == wanted:
            event = dataclasses.replace(
                event, latitude=latitude, longitude=longitude, admin1=admin1 or event.admin1,
                location=place_name, geo_precision=1, location_source="user",
            )
            changed += 1
        out.append(event)
    return out, changed


def with_metadata(article: Article, *, title: str, published: date | None, source: str, url: str) -> Article:
    """The article with the reviewer's title, date, source and URL (its id stays the same)."""
    return dataclasses.replace(article.with_id(), title=title.strip(), published=published,
                               source=source.strip(), url=url.strip())


def stamp_events(events: Sequence[Event], article: Article) -> list[Event]:
    """Every event carries its article's id, source and URL as finally saved."""
    return [dataclasses.replace(e, article_id=article.article_id, source=article.source, source_url=article.url)
            for e in events]


def without_coordinates(events: Sequence[Event]) -> list[Event]:
    """The events the map cannot draw: saved all the same, but the reviewer is told how many."""
    return [e for e in events if e.latitude is None or e.longitude is None]


def typed_places(events: Sequence[Event]) -> list[tuple[str, float, float, str | None]]:
    """(name as written, lat, lon, governorate) of places whose coordinates the reviewer typed into the table,
    so the gazetteer can remember them for the CLI and the next upload."""
    seen: dict[str, tuple[str, float, float, str | None]] = {}
    for event in events:
        if event.location_source != "user (edited in review)" or event.latitude is None or event.longitude is None:
            continue
        name = (event.location_text or event.location or "").strip()
        if name:
            seen.setdefault(name.casefold(), (name, event.latitude, event.longitude, event.admin1))
    return list(seen.values())


def stored_message(info: Any) -> str:  # a dashboard.store.versions.StoredInfo
    """"Already stored on 2026-12-05 by local: 5 events, version 2 (reviewed by ...)"."""
    title = f" ({info.title[:80]})" if info.title else ""
    return (f"This article{title} is already stored: saved {info.saved_at[:16].replace('T', ' ')} by {info.saved_by or 'local'}, "
            f"{info.n_events} event{'s' * (info.n_events != 1)}, version {info.version} "
            f"({info.last_kind} by {info.last_editor or 'local'} on {info.last_saved_at[:16].replace('T', ' ')}).")


def label(event: Event) -> str:
    """"Air/drone strike at Kafra": an event as the reviewer knows it (the table shows no ids)."""
    return f"{event.sub_event_type or event.event_type} at {event.location or event.location_text or '?'}"


EARLIEST_EVENT = date(2011, 1, 1)  # the conflict began in 2011 (the extractor keeps no earlier event date)


def table_problems(events: Sequence[Event], delta: Mapping[str, Any] | None, *, published: date | None,
                   today: date | None = None) -> list[str]:
    """What is wrong with the values typed into the events table (a data_editor delta against ``events``), one
    phrase per cell ("Shelling at Sura: fatalities -3 is not a number of deaths from 0 to 100,000"); empty when
    the review may be saved.  Checked as typed, before ``apply_edits`` folds the delta in: folding drops an
    impossible toll or a non-date silently (the table's own bounds stop most in the browser), and a save must
    refuse such a value with a message instead.  An event date must lie between 2011 and the day after the
    publication date (Syria is ahead of UTC), as the extractor's own dates do; without a publication date,
    not after tomorrow."""
    if not delta:
        return []
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    rows = [(label(events[int(i)]), changes) for i, changes in (delta.get("edited_rows") or {}).items()
            if 0 <= int(i) < len(events) and int(i) not in deleted]
    rows += [(f"added row {n}", values) for n, values in enumerate(delta.get("added_rows") or [], start=1)]
    latest = (published or today or datetime.now(timezone.utc).date()) + timedelta(days=1)
    problems = []
    for name, changes in rows:
        for column, value in changes.items():
            problem = _cell_problem(column, value, published=published, latest=latest)
            if problem:
                problems.append(f"{name}: {problem}")
    return problems


def _cell_problem(column: str, value: Any, *, published: date | None, latest: date) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None  # an emptied cell: unknown, which is allowed
    shown = repr(value) if isinstance(value, str) else (
        f"{int(value):,}" if isinstance(value, (int, float)) and float(value).is_integer() else str(value))
    if column == "fatalities":
        number = _number(value)
        if number is None or not number.is_integer() or not 0 <= number <= MAX_EVENT_FATALITIES:
            return f"fatalities {shown} is not a number of deaths from 0 to {MAX_EVENT_FATALITIES:,}"
    elif column in ("latitude", "longitude") and _number(value) is None:
        return f"{column} {shown} is not a number"
    elif column == "event_date":
        day = _clean(column, value)
        if day is None:
            return f"date {shown} is not a date"
        if day < EARLIEST_EVENT:
            return f"date {day.isoformat()} is before 2011, when the conflict began"
        if day > latest:
            return (f"date {day.isoformat()} is after the publication date ({published.isoformat()})" if published
                    else f"date {day.isoformat()} is in the future")
    return None


def diff_table(diff: Any, events: Sequence[Event] = ()) -> pd.DataFrame:  # a dashboard.store.versions.VersionDiff
    """One row per difference between two versions: added and removed events, and each changed field
    (``events``, the newer version's, name the changed events by sub-type and place)."""
    named = {e.event_id: label(e) for e in events}
    rows = [{"change": "added", "event": label(e), "field": "", "before": "", "after": ""} for e in diff.added]
    rows += [{"change": "removed", "event": label(e), "field": "", "before": "", "after": ""} for e in diff.removed]
    for change in diff.changed:
        for field in change.changes:
            rows.append({"change": "changed", "event": named.get(change.event_id, change.event_id), "field": field.field,
                         "before": _text(field.old), "after": _text(field.new)})
    return pd.DataFrame(rows, columns=["change", "event", "field", "before", "after"])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return f"{len(value)} sentence(s)"
    return str(value)

