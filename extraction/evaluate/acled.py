"""Score extraction against an ACLED-format CSV: each distinct ``notes`` text is
an article published on its ``event_date``.

A gold event is matched when its note yields at least one event; the event
compared with it is the one nearest to ACLED's coordinates (ties: the first
reported), so an article that also reports side events is not penalised for
them - the number of events per note is printed so that this stays visible.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geopy.distance import distance as geo_distance

from extraction.evaluate.common import actors_agree, admin_key, median, parse_acled_date, print_table, share
from extraction.coded_tolls import coded_toll
from extraction.records import Article, Event
from extraction.taxonomy import normalise_event_type


@dataclass(frozen=True, slots=True)
class Pair:
    gold: dict
    event: Event
    km: float | None


def _nearest(events: tuple[Event, ...], lat: float | None, lon: float | None) -> tuple[Event, float | None]:
    if lat is None or lon is None:
        return events[0], None
    best: tuple[float, int] | None = None
    for i, event in enumerate(events):
        if event.latitude is None or event.longitude is None:
            continue
        km = geo_distance((lat, lon), (event.latitude, event.longitude)).km
        if best is None or km < best[0] - 1e-9:
            best = (km, i)
    if best is None:
        return events[0], None
    return events[best[1]], best[0]


def _float(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _int(text: str) -> int | None:
    try:
        return int(float(text))
    except (TypeError, ValueError):
        return None


def collect(csv_path: Path, *, pipeline, limit: int | None = None) -> tuple[list[dict], list[Pair], int]:
    """Gold rows, matched pairs and the number of predicted events."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_note: dict[str, list[dict]] = {}
    for row in rows:
        by_note.setdefault(row["notes"], []).append(row)
    notes = list(by_note.items())[:limit] if limit else list(by_note.items())
    pairs: list[Pair] = []
    predicted = 0
    gold_rows: list[dict] = []
    for number, (note, group) in enumerate(notes):
        published = parse_acled_date(group[0]["event_date"])
        article = Article(text=note, published=published, article_id=f"acled{number}", source=group[0].get("source", ""))
        events = pipeline.extract(article).events
        predicted += len(events)
        for row in group:
            gold_rows.append(row)
            if events:
                event, km = _nearest(events, _float(row["latitude"]), _float(row["longitude"]))
                pairs.append(Pair(row, event, km))
    return gold_rows, pairs, predicted


def run(csv_path: Path, *, pipeline, limit: int | None = None) -> dict[str, float]:
    gold_rows, pairs, predicted = collect(csv_path, pipeline=pipeline, limit=limit)
    n = len(pairs)
    kms = [p.km for p in pairs if p.km is not None]
    types = [normalise_event_type(p.gold["event_type"], p.gold["sub_event_type"]) for p in pairs]
    type_ok = sum(t[0] == p.event.event_type for t, p in zip(types, pairs, strict=True))
    sub_ok = sum(t[1] == p.event.sub_event_type for t, p in zip(types, pairs, strict=True))
    # The 2020 rows are ACLED's full coding of a few weeks (every event type), the rest battles only: their
    # sub-type figure is printed on its own so that the strategic, protest and violence sub-types stay visible.
    in_2020 = [(t, p) for t, p in zip(types, pairs, strict=True) if (parse_acled_date(p.gold["event_date"]) or _NO_DATE).year == 2020]
    sub_2020 = sum(t[1] == p.event.sub_event_type for t, p in in_2020)
    admin_ok = sum(admin_key(p.gold["admin1"]) == admin_key(p.event.admin1) for p in pairs)
    a1 = sum(actors_agree(p.event.actor1, p.gold["actor1"]) for p in pairs)
    a1_any = sum(actors_agree(p.event.actor1, p.gold["actor1"]) or actors_agree(p.event.actor1, p.gold["actor2"]) for p in pairs)
    both = sum(
        {_k(p.event.actor1), _k(p.event.actor2)} - {""} == {_k(p.gold["actor1"]), _k(p.gold["actor2"])} - {""}
        or (actors_agree(p.event.actor1, p.gold["actor1"]) and actors_agree(p.event.actor2, p.gold["actor2"]))
        for p in pairs
    )
    fat_ok = sum((p.event.fatalities or 0) == (_int(p.gold["fatalities"]) or 0) for p in pairs)
    # Notes whose coder states how the toll was coded ("Unknown fatalities coded as 10", "split, 5 each"): read as
    # the event's toll (extraction/coded_tolls.py); the figure on the other notes shows what the rest reads.
    plain = [p for p in pairs if coded_toll(p.gold["notes"]) is None]
    plain_ok = sum((p.event.fatalities or 0) == (_int(p.gold["fatalities"]) or 0) for p in plain)
    stated = [p for p in pairs if p.event.fatalities is not None]
    stated_ok = sum(p.event.fatalities == _int(p.gold["fatalities"]) for p in stated)
    dates = [(p.event.event_date, parse_acled_date(p.gold["event_date"])) for p in pairs]
    date_exact = sum(a is not None and a == b for a, b in dates)
    date_near = sum(a is not None and b is not None and abs((a - b).days) <= 2 for a, b in dates)
    wrong_types = Counter(f"{t[0]} -> {p.event.event_type}" for t, p in zip(types, pairs, strict=True) if t[0] != p.event.event_type)
    rows = [
        ("gold events", str(len(gold_rows))),
        ("gold events matched (note gave >= 1 event)", share(n, len(gold_rows))),
        ("predicted events per note", f"{predicted / max(1, len(gold_rows)):.2f}"),
        ("distance to ACLED point, median km", median(kms)),
        ("  within 5 km", share(sum(k <= 5 for k in kms), n)),
        ("  within 10 km", share(sum(k <= 10 for k in kms), n)),
        ("  within 25 km", share(sum(k <= 25 for k in kms), n)),
        ("governorate (admin1) right", share(admin_ok, n)),
        ("event type right", share(type_ok, n)),
        ("sub-event type right", share(sub_ok, n)),
        ("  on the 2020 rows (all event types)", share(sub_2020, len(in_2020))),
        ("actor1 right (directional)", share(a1, n)),
        ("actor1 is one of ACLED's two actors", share(a1_any, n)),
        ("both actors right (either order)", share(both, n)),
        ("event date equal", share(date_exact, n)),
        ("event date within 2 days", share(date_near, n)),
        ("fatalities equal (empty counted as 0)", share(fat_ok, n)),
        ("fatalities equal where we give a number", share(stated_ok, len(stated))),
        ("  on notes without a coder's toll remark", share(plain_ok, len(plain))),
        ("most common type confusions", "; ".join(f"{k} x{v}" for k, v in wrong_types.most_common(4)) or "none"),
    ]
    print_table(f"ACLED notes ({csv_path.name})", rows)
    return {
        "matched": n / max(1, len(gold_rows)),
        "event_type": type_ok / max(1, n),
        "sub_event_type": sub_ok / max(1, n),
        "sub_event_type_2020": sub_2020 / max(1, len(in_2020)),
        "admin1": admin_ok / max(1, n),
        "within_10km": sum(k <= 10 for k in kms) / max(1, n),
        "actor1": a1 / max(1, n),
        "both_actors": both / max(1, n),
        "date_equal": date_exact / max(1, n),
        "fatalities": fat_ok / max(1, n),
    }


_NO_DATE = date(1, 1, 1)


def _k(name: str | None) -> str:
    from extraction.evaluate.common import actor_key

    return actor_key(name)
