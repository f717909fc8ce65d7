"""Benchmark: archive extraction on Dask (python -m extraction.batch) with 1 and with 2 worker processes.

    python scripts/bench_batch.py [--articles 20000] [--partition-size 500] [--workers 1 2]

Articles are the 781 FA-KES dev articles (../shared/eval/fakes_articles_dev.csv, or CONFLICT_MAP_EVAL_DIR)
repeated, each copy after the first with its body sentences shuffled (so every text and id differs),
written to a temporary JSONL that is deleted afterwards; without the dev data, the bundled sample
article shuffled the same way.  Each worker count gets a fresh local cluster and output folder, and a
temporary data directory (bundled gazetteer only).  Printed per run: wall time including the cluster's
start and the pipeline's build on every worker, articles/s over the whole run and at steady state
(between the first and the last partition to finish), the time the client spent writing Parquet, the
load average, and articles per worker CPU-second with the share of the time the workers had a CPU
(on a shared machine a speed-up below 2x with the same articles per CPU-second is the other load's,
not Dask's); then the 2-worker speed-up and a projection for 1,000,000 articles on 1, 2 and 32
cores.  The machine is shared: compare the ratio within one run, not the absolute figures across runs.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "sample_articles" / "2015-12-02_new-arab_is-advance-in-aleppo.txt"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _eval_file() -> Path:
    configured = os.environ.get("CONFLICT_MAP_EVAL_DIR")
    return (Path(configured) if configured else ROOT.parent / "shared" / "eval") / "fakes_articles_dev.csv"


def _originals() -> tuple[list[dict[str, str]], str]:
    path = _eval_file()
    if path.is_file():
        csv.field_size_limit(10_000_000)
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["article_content"].strip()]
        return ([{"id": r["unit_id"], "text": r["article_content"], "title": r["article_title"], "source": r["source"]}
                 for r in rows], f"{len(rows)} FA-KES dev articles ({path})")
    return [{"id": "sample", "text": SAMPLE.read_text(encoding="utf-8"), "published": "2015-12-02"}], SAMPLE.name


def write_jsonl(path: Path, count: int) -> str:
    originals, origin = _originals()
    rng = random.Random(7)
    with path.open("wb") as handle:
        for n in range(count):
            item = dict(originals[n % len(originals)])
            copy = n // len(originals)
            if copy:
                head, _, body = item["text"].partition("\n") if "\n" in item["text"][:200] else ("", "", item["text"])
                sentences = _SENTENCE_END.split(body)
                rng.shuffle(sentences)
                item["text"] = (head + "\n" if head else "") + " ".join(sentences)
            item["id"] = f"{item['id']}-{copy}"
            handle.write(orjson.dumps(item) + b"\n")
    return origin


def run(jsonl: Path, out: Path, *, workers: int, partition_size: int) -> dict[str, float]:
    from extraction.batch import output, run_batch

    progress: list[tuple[float, int]] = []
    writing = [0.0]
    write_partition = output.write_partition

    def timed_write(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - measures the client's share
        started = time.perf_counter()
        write_partition(*args, **kwargs)
        writing[0] += time.perf_counter() - started

    def report(line: str) -> None:
        match = re.search(r"partitions, ([\d,]+) articles", line)
        if match:
            progress.append((time.perf_counter(), int(match.group(1).replace(",", ""))))

    output.write_partition = timed_write
    started = time.perf_counter()
    try:
        summary = run_batch([str(jsonl)], out_dir=out, workers=workers, partition_size=partition_size, report=report)
    finally:
        output.write_partition = write_partition
    wall = time.perf_counter() - started
    (t0, a0), (t1, a1) = progress[0], progress[-1]
    parts = orjson.loads((out / "manifest.json").read_bytes())["partitions"]
    busy, cpu = sum(p["seconds"] for p in parts), sum(p["cpu_seconds"] for p in parts)
    return {"articles": summary.articles_done, "events": summary.events, "errors": summary.errors, "wall": wall,
            "rate": summary.articles_done / wall, "steady": (a1 - a0) / max(t1 - t0, 1e-9), "writing": writing[0],
            "load": os.getloadavg()[0], "per_cpu": summary.articles_done / cpu, "cpu_share": cpu / busy}


def _duration(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.1f} min"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--partition-size", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        tmp_path = Path(tmp)
        os.environ["CONFLICT_MAP_DATA_DIR"] = str(tmp_path / "data")  # bundled gazetteer only; workers inherit it
        (tmp_path / "data").mkdir()
        jsonl = tmp_path / "articles.jsonl"
        origin = write_jsonl(jsonl, args.articles)
        print(f"{args.articles:,} articles ({jsonl.stat().st_size / 2**20:.0f} MiB JSONL) from {origin}; "
              f"partitions of {args.partition_size}; {os.cpu_count()} cores; "
              f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        results = {}
        for workers in args.workers:
            r = results[workers] = run(jsonl, tmp_path / f"out-{workers}", workers=workers,
                                       partition_size=args.partition_size)
            print(f"  {workers} worker{'s' if workers > 1 else ' '}: {r['wall']:7.1f} s wall, {r['rate']:6.1f} articles/s "
                  f"overall, {r['steady']:6.1f} articles/s steady; {r['events']:,} events, {r['errors']} bad; "
                  f"client writing Parquet {r['writing']:.1f} s; load average after {r['load']:.2f}")
            print(f"             {r['per_cpu']:6.1f} articles per worker CPU-second; the workers had the CPU "
                  f"{r['cpu_share']:.0%} of the time they were extracting (the rest went to other processes)")
    if 1 in results and 2 in results:
        one, two = results[1], results[2]
        if (one["articles"], one["events"]) != (two["articles"], two["events"]):
            print("  WARNING: the two runs disagree on articles or events")
        ratio, steady_ratio = two["rate"] / one["rate"], two["steady"] / one["steady"]
        print(f"  speed-up with 2 workers: {ratio:.2f}x overall, {steady_ratio:.2f}x steady "
              f"(goal >= 1.8x: {'met' if steady_ratio >= 1.8 else 'NOT met'})")
        per_core = one["steady"]
        efficiency = min(1.0, steady_ratio / 2)
        writer_cap = one["articles"] / max(one["writing"], 1e-9)  # the client writes every partition
        print(f"  projected for 1,000,000 articles (steady rates; the client writes Parquet at "
              f"{writer_cap:,.0f} articles/s, the cap for one client):")
        for cores in (1, 2, 32):
            rate = per_core if cores == 1 else per_core * cores * efficiency
            rate = min(rate, writer_cap)
            note = "" if cores <= 2 else f" (assumes the 2-worker efficiency {efficiency:.0%} holds on 32 cores)"
            print(f"    {cores:2d} core{'s' if cores > 1 else ' '}: {_duration(1_000_000 / rate)} at {rate:,.0f} articles/s{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
