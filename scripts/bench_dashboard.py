"""Benchmark the dashboard on a synthetic store of 1,000,000 events.

    python scripts/bench_dashboard.py [--events 1000000] [--data-dir DIR] [--stale]

Builds (or reuses) a store of synthetic events spread over the bundled
gazetteer's Syrian places (weighted by population), 2011-2023 (weighted by the
war's intensity), with ACLED types and the actor lexicon's actors; then drives
the real app through ``streamlit.testing.v1.AppTest`` and prints: the first
load of the map page, warm reruns after filter changes, the size of the map
sent to the browser and the peak memory of the process.
Targets (issue 4): filter rerun < 1 s, map payload < 20 MB, memory < 1 GB;
(issue 14): first load < 3 s.

The first load depends on the copy of the events frame kept beside the store
(``dashboard/store/snapshot.py``): a reused store usually has a current one
(left by the previous run), a new store has none.  ``--stale`` measures what an
analyst meets after another process saved an article since the copy was
written: before the first load, a current copy is made (in a child process) and
then one article is saved by another child process, so the copy is one write
behind.  The line before the first load says which case was measured.  In that case the store file's
quick_check is deferred past the first load (``open_store(check_later=True)``); the last line says how
long it took in the background.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEAR_WEIGHT = {2011: 1, 2012: 5, 2013: 7, 2014: 8, 2015: 8, 2016: 9, 2017: 7, 2018: 6, 2019: 4, 2020: 3,
               2021: 2, 2022: 2, 2023: 2}
TYPE_WEIGHT = {"Explosions/Remote violence": 50, "Battles": 25, "Violence against civilians": 10,
               "Strategic developments": 8, "Protests": 6, "Riots": 1}
SENTENCES = (
    "{a1} {verb} positions of {a2} in {place} on {day}, killing {fat}.",
    "Local sources said {a1} {verb} {place}, {gov} province, where {a2} is present.",
    "On {day} {a1} {verb} the town of {place}; {fat} were reported dead.",
)
VERBS = {"Explosions/Remote violence": "shelled", "Battles": "clashed with", "Violence against civilians": "attacked",
         "Strategic developments": "moved into", "Protests": "protested against", "Riots": "rioted against"}


def _places() -> list[tuple[str, str, float, float, float]]:
    from gazetteer.table import read_places

    out = []
    for p in read_places():
        if p.country == "Syria" and p.feature not in ("governorate", "district", "country"):
            out.append((p.name, p.admin1 or "", p.latitude, p.longitude, max(p.population, 500) ** 0.7))
    return out


def _actors() -> list[tuple[str, int]]:
    path = ROOT / "extraction" / "data" / "actors.csv"
    rows = csv.DictReader(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return [(r["name"], int(r["inter"])) for r in rows]


def synthetic_events(article_id: str, n: int, rng: random.Random, places, actors, subtypes):  # noqa: ANN001
    from extraction.records import Event

    years, year_w = list(YEAR_WEIGHT), list(YEAR_WEIGHT.values())
    types, type_w = list(TYPE_WEIGHT), list(TYPE_WEIGHT.values())
    place_w = [p[4] for p in places]
    chosen_places = rng.choices(places, weights=place_w, k=n)
    out = []
    for i, (name, gov, lat, lon, _) in enumerate(chosen_places):
        day = date(rng.choices(years, weights=year_w)[0], 1, 1) + timedelta(days=rng.randrange(365))
        kind = rng.choices(types, weights=type_w)[0]
        (a1, i1), (a2, i2) = rng.sample(actors, 2)
        fat = int(rng.expovariate(0.4)) if kind != "Protests" else 0
        sentence = rng.choice(SENTENCES).format(a1=a1, a2=a2, verb=VERBS[kind], place=name, gov=gov,
                                                day=f"{day:%d %B %Y}", fat=f"{fat} people")
        out.append(Event(
            event_id=f"{article_id}-{i:05d}", event_date=day, time_precision=1, event_type=kind,
            sub_event_type=rng.choice(subtypes[kind]), actor1=a1, assoc_actor_1=None, actor2=a2, assoc_actor_2=None,
            inter1=i1, inter2=i2, country="Syria", admin1=gov or None, admin2=None, location=name,
            latitude=round(lat + rng.gauss(0, 0.005), 5), longitude=round(lon + rng.gauss(0, 0.005), 5),
            geo_precision=rng.choices((1, 2, 3), weights=(80, 15, 5))[0], fatalities=fat, fatalities_low=None,
            fatalities_high=None, notes=sentence, source=rng.choice(("SOHR", "The New Arab", "SANA", "Enab Baladi")),
            source_url=f"https://example.org/{article_id}", article_id=article_id, location_text=name,
            sentence_start=0, sentence_end=len(sentence), confidence=0.8,
        ))
    return out


def build_store(data_dir: Path, n_events: int, *, per_article: int = 2000) -> None:
    from dashboard.store import open_store
    from extraction.records import Article
    from extraction.taxonomy import event_types

    store = open_store(data_dir / "events.sqlite3")
    have = store.count_events()
    if have >= n_events:
        print(f"store: reusing {have:,} events in {data_dir}")
        return
    rng = random.Random(7)
    places, actors = _places(), _actors()
    subtypes = {k: list(v) for k, v in event_types().items()}
    t0 = time.perf_counter()
    while have < n_events:
        n = min(per_article, n_events - have)
        aid = f"bench{have:09d}"
        events = synthetic_events(aid, n, rng, places, actors, subtypes)
        store.save_article(Article(text=f"Synthetic article {aid}", title=aid, article_id=aid,
                                   published=events[0].event_date), events)
        have += n
    print(f"store: built {have:,} events over {len(places):,} places in {time.perf_counter() - t0:.0f} s ({data_dir})")


def save_one_article(data_dir: Path) -> None:
    """What another user's upload does to the store: one article with 12 events."""
    from dashboard.store import open_store
    from extraction.records import Article
    from extraction.taxonomy import event_types

    subtypes = {k: list(v) for k, v in event_types().items()}
    aid = f"extra{time.time_ns()}"  # a new article on every run of the benchmark
    events = synthetic_events(aid, 12, random.Random(3), _places(), _actors(), subtypes)
    store = open_store(data_dir / "events.sqlite3")
    store.save_article(Article(text=f"Extra article {aid}", title="extra", article_id=aid), events)


def _in_child(code: str) -> None:
    """Run ``code`` in another Python process (as another session of the app would), so nothing it loads
    counts in this process's memory or warms its caches."""
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); {code}"],
                   check=True, env=os.environ.copy())


def make_copy_stale(data_dir: Path) -> None:
    """A current copy of the events frame beside the store, then one article saved by another process."""
    store = repr(str(data_dir / "events.sqlite3"))
    _in_child(f"from dashboard.store import open_store; s = open_store({store}); s.events_frame_versioned();"
              " s.wait_for_copy()")
    _in_child(f"sys.path.insert(0, {str(ROOT / 'scripts')!r}); import bench_dashboard as b;"
              f" from pathlib import Path; b.save_one_article(Path({str(data_dir)!r}))")


def copy_state(data_dir: Path) -> str:
    """What the first load will find beside the store: a current copy, a stale one, or none."""
    from dashboard.store import snapshot

    path = data_dir / "events.sqlite3"
    if not snapshot.snapshot_path(path).exists():
        return "no copy of the events frame"
    return "current copy of the events frame" if snapshot.describes_store(path) else "stale copy of the events frame"


def map_payload(at) -> tuple[int, str, int]:  # noqa: ANN001 - AppTest
    """(bytes of the deck JSON sent to the browser, mode, drawn points or cells)."""
    spec_text = at.get("deck_gl_json_chart")[0].proto.json
    spec = json.loads(spec_text)
    layers = [layer for layer in spec["layers"] if not layer["id"].startswith("basemap")]  # fill and outlines
    mode = "density" if any(layer["id"] == "density" for layer in layers) else "points"
    return len(spec_text.encode()), mode, sum(len(layer["data"]) for layer in layers)


def timed(label: str, at) -> None:  # noqa: ANN001
    t0 = time.perf_counter()
    at.run()
    dt = time.perf_counter() - t0
    if at.exception:
        raise SystemExit(f"{label}: the app raised {[e.value for e in at.exception]}")
    size, mode, drawn = map_payload(at) if at.get("deck_gl_json_chart") else (0, "-", 0)
    shown = at.metric[0].value if at.metric else "-"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<58} {dt:6.2f} s  shown {shown:>9}  map {size / 1e6:5.2f} MB ({mode}, {drawn:,})"
          f"  max RSS {rss:4.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--data-dir", type=Path, default=None, help="reuse or create the store here")
    parser.add_argument("--stale", action="store_true",
                        help="measure the first load with a copy of the frame one saved article behind the store")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["CONFLICT_MAP_DATA_DIR"] = str(data_dir)
    os.environ["CONFLICT_MAP_MODE"] = "local"
    os.environ.pop("CONFLICT_MAP_TILES", None)
    build_store(data_dir, args.events)
    if args.stale:
        make_copy_stale(data_dir)
    print(f"first load finds: {copy_state(data_dir)}")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    from streamlit.testing.v1 import AppTest

    from dashboard import state

    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=600)
    timed("first load of the map page (store -> frame -> map)", at)
    from dashboard.session import CONTEXT_KEY

    store = at.session_state[CONTEXT_KEY].store
    deferred = store.file_check_pending or store.file_check_seconds is not None
    timed("warm rerun, nothing changed", at)
    at.multiselect(key=state.F_ACTORS).select("Hezbollah")
    timed("filter: actor Hezbollah", at)
    at.date_input(key=state.F_DATE_FROM).set_value(date(2016, 1, 1))
    at.date_input(key=state.F_DATE_TO).set_value(date(2016, 6, 30))
    timed("filter: + dates 2016-01-01..2016-06-30", at)
    at.multiselect(key=state.F_ACTORS).set_value([])
    timed("filter: actor removed (dates kept)", at)
    at.date_input(key=state.F_DATE_TO).set_value(date(2016, 4, 10))
    timed("filter: dates 2016-01-01..2016-04-10 (near the point limit)", at)
    at.date_input(key=state.F_DATE_TO).set_value(date(2016, 6, 30))
    at.text_input(key=state.F_TEXT).input("Aleppo")
    timed("filter: + text 'Aleppo'", at)
    at.button(key=state.F_RESET).click()
    timed("reset filters (all events, density)", at)
    save_one_article(data_dir)
    timed("rerun after another session saved an article", at)
    at.switch_page("app_pages/table.py")
    timed("table page, all events", at)
    at.switch_page("app_pages/timeline.py")
    timed("timeline page, all events", at)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {rss:.0f} MB (after building the store: {rss_before:.0f} MB)")
    if deferred:
        problem = store.check_file_now()
        print(f"store file check: deferred past the first load, then {store.file_check_seconds:.2f} s in the "
              f"background: {'passed' if problem is None else problem}")
    else:
        print("store file check: when the store was opened (before the first load), or skipped: the copy was current")


if __name__ == "__main__":
    main()
