"""Benchmark the event store: save N synthetic events, then time open_store, ``events_frame``
(plain sqlite3 first, then the ADBC child-process reader, so the max RSS figures are cumulative),
one save, and ``refresh_frame`` after it.

    python scripts/bench_store.py --events 1000000 [--per-article 1000] [--store /tmp/bench.sqlite3]

Prints figures only (nothing is asserted).  Peak memory is the process's max RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.store import open_store  # noqa: E402
from extraction.records import Article, Event  # noqa: E402

PLACES = [  # (name, admin1, lat, lon): a few real places so the spread is plausible
    ("Aleppo", "Aleppo", 36.2, 37.16), ("Azaz", "Aleppo", 36.59, 37.05), ("Idlib", "Idlib", 35.93, 36.63),
    ("Maarat al-Numan", "Idlib", 35.64, 36.67), ("Hama", "Hama", 35.13, 36.75), ("al-Latamina", "Hama", 35.32, 36.62),
    ("Homs", "Homs", 34.73, 36.71), ("Palmyra", "Homs", 34.55, 38.27), ("Douma", "Rif Dimashq", 33.57, 36.4),
    ("Daraa", "Daraa", 32.62, 36.1), ("Raqqa", "Ar-Raqqa", 35.95, 39.01), ("Deir ez-Zor", "Deir ez-Zor", 35.33, 40.14),
    ("Qamishli", "Al-Hasakah", 37.05, 41.22), ("Latakia", "Latakia", 35.52, 35.79), ("Jisr al-Shughur", "Idlib", 35.8, 36.32),
]
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory"),
    ("Violence against civilians", "Attack"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
]
ACTORS = [
    ("Military Forces of Russia (2000-)", 8), ("Military Forces of Syria (2000-)", 1), ("Islamic State (Syria)", 2),
    ("Hayat Tahrir al-Sham", 2), ("SDF: Syrian Democratic Forces", 2), ("Civilians (Syria)", 7), (None, None),
]


def synthetic_events(article_id: str, n: int, rng: random.Random) -> list[Event]:
    out = []
    for i in range(n):
        name, admin1, lat, lon = rng.choice(PLACES)
        etype, sub = rng.choice(TYPES)
        a1, i1 = rng.choice(ACTORS[:5])
        a2, i2 = rng.choice(ACTORS)
        day = date(2012, 1, 1) + timedelta(days=rng.randrange(4000))
        fat = rng.choice([None, 0, 1, 2, 3, 5, 10, 25])
        sentence = f"Synthetic report {i}: {a1} struck {a2 or 'positions'} in {name} on {day:%d %B %Y}."
        out.append(Event(
            event_id=f"{article_id}-e{i}", event_date=day, time_precision=1, event_type=etype, sub_event_type=sub,
            actor1=a1, assoc_actor_1=None, actor2=a2, assoc_actor_2=None, inter1=i1, inter2=i2, country="Syria",
            admin1=admin1, admin2=None, location=name, latitude=lat + rng.uniform(-0.05, 0.05),
            longitude=lon + rng.uniform(-0.05, 0.05), geo_precision=rng.choice([1, 1, 2, 3]), fatalities=fat,
            fatalities_low=None, fatalities_high=None, notes=sentence, source=rng.choice(["SOHR", "The New Arab", "SANA"]),
            source_url="", article_id=article_id, location_text=name, sentence_start=0, sentence_end=len(sentence),
            confidence=0.8,
        ))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-article", type=int, default=1000)
    parser.add_argument("--store", type=Path, default=None, help="reuse or create this store file")
    args = parser.parse_args()
    path = args.store or Path(tempfile.mkdtemp()) / "bench.sqlite3"
    store = open_store(path)
    rng = random.Random(1)
    have = store.count_events()
    t0 = time.perf_counter()
    k = 0
    while have < args.events:
        n = min(args.per_article, args.events - have)
        aid = f"bench{have:09d}"
        store.save_article(Article(text=f"Synthetic article {aid}", title=aid, article_id=aid),
                           synthetic_events(aid, n, rng))
        have += n
        k += 1
    if k:
        dt = time.perf_counter() - t0
        print(f"saved {k} articles ({k and args.per_article} events each): {dt:.1f} s, {have / dt:,.0f} events/s")
    print(f"store: {path} {path.stat().st_size / 1e6:.0f} MB, {store.count_events():,} events")
    t0 = time.perf_counter()
    open_store(path)
    print(f"open_store (checks + quick_check): {time.perf_counter() - t0:.2f} s")
    from dashboard.store import core as store_module

    for label, threshold in (("plain sqlite3", 10**12), ("ADBC child process", 0)):
        store_module.FAST_READ_MIN_ROWS = threshold
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        frame = store.events_frame()
        dt = time.perf_counter() - t0
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"events_frame ({label}), all columns: {len(frame):,} rows in {dt:.2f} s;"
              f" frame {frame.memory_usage(deep=True).sum() / 1e6:.0f} MB; max RSS {rss0:.0f} -> {rss1:.0f} MB")
        del frame
        hot = [c for c in frame_columns() if c not in ("notes", "source_url", "location_source", "fatalities_text")]
        t0 = time.perf_counter()
        frame = store.events_frame(columns=hot)
        print(f"events_frame ({label}), without notes: {len(frame):,} rows in {time.perf_counter() - t0:.2f} s;"
              f" frame {frame.memory_usage(deep=True).sum() / 1e6:.0f} MB")
        del frame
    t0 = time.perf_counter()
    version = store.data_version()
    print(f"data_version: {version} in {(time.perf_counter() - t0) * 1000:.1f} ms")
    frame, version = store.events_frame_versioned()
    extra = f"bench-extra-{version}"
    t0 = time.perf_counter()
    store.save_article(Article(text=f"Synthetic article {extra}", title=extra, article_id=extra),
                       synthetic_events(extra, 10, rng))
    print(f"save one article with 10 events into the big store: {(time.perf_counter() - t0) * 1000:.0f} ms")
    t0 = time.perf_counter()
    frame, version = store.refresh_frame(frame, version)
    print(f"refresh_frame after that save: {len(frame):,} rows in {time.perf_counter() - t0:.2f} s")
    store.delete_article(extra)


def frame_columns() -> list[str]:
    from extraction.records import EVENT_COLUMNS
    return list(EVENT_COLUMNS)


if __name__ == "__main__":
    main()
