"""Benchmark: matching a new article's events against a large store (merging reports across articles).

    python scripts/bench_merge.py [--events 100000] [--data-dir DIR]

Builds (or reuses) a synthetic store with scripts/bench_dashboard.py's builder, then saves articles of
three events that report stored events again (same day, place and type: they merge) and articles of
three events that match nothing, each in its own transaction, and prints the time of the matching step
(dashboard/store_merge.regroup_article) and of the whole save, median of the runs.  The goal (issue 15):
matching stays under 100 ms at 100,000 stored events, because it reads a three-day window through the
(event_date, event_type) index instead of scanning the store.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from bench_dashboard import build_store

    from dashboard.store import merge as store_merge
    from dashboard.store import open_store
    from extraction.records import Article

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-merge-"))
    build_store(data_dir, args.events)
    store = open_store(data_dir / "events.sqlite3")
    frame = store.events_frame()
    sample = frame.sample(args.runs * 3, random_state=1)["event_id"].tolist()
    stored = {}
    for event_id in sample:
        article_id = frame.loc[frame["event_id"] == event_id, "article_id"].iloc[0]
        stored[event_id] = next(e for e in store.events_for_article(article_id) if e.event_id == event_id)

    timings = {"matching": [], "save (merging)": [], "save (nothing to merge)": []}
    real = store_merge.regroup_article

    def timed_regroup(*a, **k):  # noqa: ANN002, ANN003, ANN202
        t = time.perf_counter()
        try:
            return real(*a, **k)
        finally:
            timings["matching"].append(time.perf_counter() - t)

    store_merge.regroup_article = timed_regroup
    import dashboard.store.versions  # noqa: F401 - calls store_merge.regroup_article through the module
    merged = 0
    stamp = time.time_ns()  # new ids on every run of the benchmark (the store is reused)
    for run in range(args.runs):
        again = [dataclasses.replace(stored[sample[3 * run + k]], event_id=f"again{stamp}-{run}-{k}", article_id="", mentions=())
                 for k in range(3)]
        article = Article(text=f"Another report {run} {time.time_ns()}", title="again", article_id=f"again{run}-{time.time_ns()}")
        t = time.perf_counter()
        store.save_article(article, again)
        timings["save (merging)"].append(time.perf_counter() - t)
        merged += sum(1 for e in again if e.event_id in store.report_groups())
        lone = [dataclasses.replace(e, event_id=f"lone{stamp}-{run}-{k}", event_type="Riots", sub_event_type="Mob violence",
                                    location=f"Nowhere {run}", latitude=None, longitude=None) for k, e in enumerate(again)]
        article = Article(text=f"A lone report {run} {time.time_ns()}", title="lone", article_id=f"lone{run}-{time.time_ns()}")
        t = time.perf_counter()
        store.save_article(article, lone)
        timings["save (nothing to merge)"].append(time.perf_counter() - t)
    print(f"store: {store.count_events():,} events; {args.runs} articles of 3 events that report stored events "
          f"({merged} of {3 * args.runs} merged), {args.runs} that match nothing")
    for label, values in timings.items():
        ms = sorted(v * 1000 for v in values)
        print(f"  {label:26s} median {statistics.median(ms):7.1f} ms   max {ms[-1]:7.1f} ms   (goal: matching < 100 ms)")


if __name__ == "__main__":
    main()
