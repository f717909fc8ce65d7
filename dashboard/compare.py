"""Compare with ACLED: which events both ACLED and our reports have, which only one of them has, and where
the two accounts of one event disagree.

Decisions, one a line:

* ACLED's events are those the importer made (``import_acled.is_acled``); every other event is ours.
* Two events are one event by the very rule that merges reports (``store_merge.same_event``), never a second
  rule that could drift from it: same or adjacent day, same type, same place, actors not contradicting.
* ``days`` and ``km`` widen or narrow that rule's day window and distance; their defaults are the merge's.
* Matching is one-to-one: every candidate pair is ranked as the merge ranks candidates (same place name, then
  the nearest, then the same sub-type), and the best pairs are taken first, each event in at most one pair.
* Our events are indexed by (day, event type), so each ACLED event looks at 2 * days + 1 small buckets: the
  cost grows with the events of a few days, not with the product of the two sides (100,000-event frames).
* Within a bucket the place condition (same name, or both at a town within ``km``) is first computed for all
  events at once with numpy, as a necessary condition only: the rule itself is still ``same_event``.
* An event without a date matches nothing and is listed on its own side.
* The event type always agrees in a pair (the rule requires it), so the disagreements are the distance, the
  sub-type, the named actors (placeholders such as "Civilians" left out, as the rule leaves them out) and
  the fatalities (ours minus ACLED's; empty when either side gives none).
* The matched share is the share of ACLED's events that have one of ours: ACLED is the reference.
* The lists are exported with ``export``'s conventions: ``export.to_csv`` for the two event lists, and
  ``export.table_csv`` (the same BOM, CRLF and formula neutralising) for the pairs, whose columns are both
  sides' fields (``acled_*``, ``ours_*``) after the disagreement columns.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pandas as pd

from dashboard import export
from dashboard.import_acled import ID_PREFIX
from dashboard.store.merge import MATCH_DAYS, MATCH_KM, Match, distance_km, event_day, named_actors, place_key, same_event

# The fields the rule reads (store_merge.same_event), then those shown side by side in a pair.
RULE_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
                "admin1", "latitude", "longitude", "geo_precision")
PAIR_FIELDS = ("event_id", "article_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
               "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "source", "notes")
DISAGREEMENT_COLUMNS = ("disagreement", "km", "sub_type_differs", "actors_differ", "fatalities_difference", "why")


@dataclass(frozen=True)
class Comparison:
    """The three lists: ``pairs`` (in both: one row per pair, both sides and how they disagree), ``ours_only``
    and ``acled_only`` (event frames, rows of the frame compared)."""

    pairs: pd.DataFrame
    ours_only: pd.DataFrame
    acled_only: pd.DataFrame
    acled_events: int
    our_events: int

    @property
    def in_both(self) -> int:
        return len(self.pairs)

    @property
    def matched_share(self) -> float | None:
        """The share of ACLED's events that one of ours reports (None without ACLED events)."""
        return self.in_both / self.acled_events if self.acled_events else None

    def disagreements(self) -> dict[str, int]:
        """How many pairs disagree on each field."""
        p = self.pairs
        return {
            "place (0.1 km apart or more)": int((p["km"].fillna(0) >= 0.05).sum()) if len(p) else 0,
            "sub-type": int(p["sub_type_differs"].sum()) if len(p) else 0,
            "actors": int(p["actors_differ"].sum()) if len(p) else 0,
            "fatalities": int((p["fatalities_difference"].fillna(0) != 0).sum()) if len(p) else 0,
        }


def is_acled_column(frame: pd.DataFrame) -> pd.Series:
    """Which rows of ``frame`` are ACLED's imported events."""
    return frame["event_id"].astype(str).str.startswith(ID_PREFIX)


def compare(frame: pd.DataFrame, *, days: int = MATCH_DAYS, km: float = MATCH_KM) -> Comparison:
    """Split ``frame`` into ACLED's events and ours and match them one-to-one by the merge rule."""
    acled_mask = is_acled_column(frame).to_numpy()
    acled, ours = frame[acled_mask], frame[~acled_mask]
    candidates = _candidates(acled, ours, days=days, km=km)
    taken_acled: set[int] = set()
    taken_ours: set[int] = set()
    chosen: list[tuple[int, int, Match]] = []
    for _, a, o, match in sorted(candidates, key=lambda c: c[0]):
        if a in taken_acled or o in taken_ours:
            continue
        taken_acled.add(a)
        taken_ours.add(o)
        chosen.append((a, o, match))
    chosen.sort(key=lambda c: c[0])
    pairs = _pairs(acled, ours, chosen)
    acled_only = acled.iloc[[i for i in range(len(acled)) if i not in taken_acled]]
    ours_only = ours.iloc[[i for i in range(len(ours)) if i not in taken_ours]]
    return Comparison(pairs=pairs, ours_only=ours_only, acled_only=acled_only,
                      acled_events=len(acled), our_events=len(ours))


def _records(frame: pd.DataFrame) -> list:
    return list(frame[list(RULE_COLUMNS)].itertuples(index=False, name="Record"))


class _Bucket:
    """Our events of one day and type, with the columns the place condition reads as arrays."""

    def __init__(self) -> None:
        self.items: list[tuple[int, object]] = []

    def freeze(self) -> None:
        records = [r for _, r in self.items]
        self.keys = np.array([_key_text(r) for r in records], dtype=object)
        self.lat = np.radians(np.array([_coordinate(r.latitude) for r in records], dtype=float))
        self.lon = np.radians(np.array([_coordinate(r.longitude) for r in records], dtype=float))
        self.town = np.array([_at_town(r) for r in records], dtype=bool) & ~np.isnan(self.lat) & ~np.isnan(self.lon)

    def near(self, record: object, *, km: float) -> list[tuple[int, object]]:
        """The events that may be at ``record``'s place: a necessary condition of ``same_event`` (same place name,
        or both at a town within ``km``) computed for the whole bucket at once, so the rule is called on few."""
        key = _key_text(record)
        hit = (self.keys == key) if key is not None else np.zeros(len(self.items), dtype=bool)
        lat, lon = _coordinate(record.latitude), _coordinate(record.longitude)
        if _at_town(record) and not (math.isnan(lat) or math.isnan(lon)) and self.town.any():
            lat, lon = math.radians(lat), math.radians(lon)
            a = (np.sin((self.lat - lat) / 2) ** 2
                 + math.cos(lat) * np.cos(self.lat) * np.sin((self.lon - lon) / 2) ** 2)
            hit |= self.town & (2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, a))) <= km + 1e-6)
        return [self.items[i] for i in np.flatnonzero(hit)]


def _key_text(record: object) -> str | None:
    key = place_key(record.location, record.admin1)
    return None if key is None else "\x1f".join(key)


def _coordinate(value: object) -> float:
    return float("nan") if value is None or pd.isna(value) else float(value)


def _at_town(record: object) -> bool:
    return not pd.isna(record.geo_precision) and record.geo_precision == 1


def _candidates(acled: pd.DataFrame, ours: pd.DataFrame, *, days: int, km: float) -> list[tuple[tuple, int, int, Match]]:
    """(sort key, ACLED position, our position, match) of every pair the rule accepts."""
    index: dict[tuple, _Bucket] = defaultdict(_Bucket)
    for position, record in enumerate(_records(ours)):
        day = event_day(record.event_date)
        if day is not None:
            index[(day, record.event_type)].items.append((position, record))
    for bucket in index.values():
        bucket.freeze()
    out = []
    for a, record in enumerate(_records(acled)):
        day = event_day(record.event_date)
        if day is None:
            continue
        for shift in range(-days, days + 1):
            bucket = index.get((day + timedelta(days=shift), record.event_type))
            for o, other in bucket.near(record, km=km) if bucket is not None else ():
                match = same_event(record, other, days=days, km=km)
                if match is not None:
                    out.append(((match.rank, str(record.event_id)), a, o, match))
    return out


def _side(frame: pd.DataFrame, positions: list[int], prefix: str) -> pd.DataFrame:
    part = frame.iloc[positions].reset_index(drop=True)
    out = pd.DataFrame(index=range(len(positions)))
    for name in PAIR_FIELDS:
        if name not in part:
            continue
        column = part[name]
        if name == "event_date":
            column = pd.to_datetime(column, errors="coerce").dt.strftime("%Y-%m-%d")
        elif isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        out[prefix + name] = column.to_numpy()
    return out


def _pairs(acled: pd.DataFrame, ours: pd.DataFrame, chosen: list[tuple[int, int, Match]]) -> pd.DataFrame:
    a_side = _side(acled, [a for a, _, _ in chosen], "acled_")
    o_side = _side(ours, [o for _, o, _ in chosen], "ours_")
    a_rows = acled.iloc[[a for a, _, _ in chosen]]
    o_rows = ours.iloc[[o for _, o, _ in chosen]]
    sub_differs = [_text(x) != _text(y) for x, y in zip(a_rows["sub_event_type"], o_rows["sub_event_type"], strict=True)]
    actors_differ = [named_actors(a1, a2) != named_actors(b1, b2) for a1, a2, b1, b2 in zip(
        a_rows["actor1"], a_rows["actor2"], o_rows["actor1"], o_rows["actor2"], strict=True)]
    deaths = (pd.to_numeric(o_rows["fatalities"], errors="coerce").to_numpy()
              - pd.to_numeric(a_rows["fatalities"], errors="coerce").to_numpy())
    out = pd.DataFrame({
        "km": pd.array(_distances(a_rows, o_rows), dtype="Float64"),
        "sub_type_differs": pd.array(sub_differs, dtype=bool),
        "actors_differ": pd.array(actors_differ, dtype=bool),
        "fatalities_difference": pd.array(pd.Series(deaths, dtype="Float64").round(0), dtype="Int64"),
        "why": [m.why for _, _, m in chosen],
    })
    out.insert(0, "disagreement", [_summary(row) for row in out.itertuples(index=False)])
    return pd.concat([out, a_side, o_side], axis=1)


def _distances(a_rows: pd.DataFrame, o_rows: pd.DataFrame) -> list[float | None]:
    """How far apart the two sides put each event (None when either has no coordinates), matched by name or not."""
    out = []
    for lat_a, lon_a, lat_o, lon_o in zip(a_rows["latitude"], a_rows["longitude"], o_rows["latitude"],
                                          o_rows["longitude"], strict=True):
        placed = not any(pd.isna(v) for v in (lat_a, lon_a, lat_o, lon_o))
        out.append(round(distance_km(lat_a, lon_a, lat_o, lon_o), 2) if placed else None)
    return out


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _summary(row: object) -> str:
    parts = []
    if row.km is not pd.NA and row.km >= 0.05:
        parts.append(f"{row.km:.1f} km apart")
    if row.sub_type_differs:
        parts.append("sub-type")
    if row.actors_differ:
        parts.append("actors")
    if row.fatalities_difference is not pd.NA and row.fatalities_difference:
        parts.append(f"fatalities {row.fatalities_difference:+d}")
    return ", ".join(parts) or "agree"


def pairs_csv(comparison: Comparison) -> bytes:
    """The pairs (in both) as CSV, written as ``export`` writes every CSV."""
    return export.table_csv(comparison.pairs)


def events_csv(events: pd.DataFrame) -> bytes:
    """One side's unmatched events as CSV, ACLED's column names (``export.to_csv``)."""
    return export.to_csv(events)
