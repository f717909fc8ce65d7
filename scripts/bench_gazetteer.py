"""Benchmark the gazetteer: load time and resolutions per second (prints figures; not a test).

    python scripts/bench_gazetteer.py [--names 10000] [--unknown-share 0.1]

Names are drawn (fixed seed) from the table's own spellings, half of them
re-spelled with common transliteration changes, plus a share of unknown names
that go through the fuzzy tier.  Load is measured in a fresh process (import +
``Gazetteer.default()``) and again warm (cached).  With ``--store-places N``
(default 40,000, about the size of GeoNames' SY dump) the same is measured after
importing a synthetic GeoNames-format file of N places with 5 alternates each.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOAD_SNIPPET = (
    "import time; t=time.perf_counter(); from gazetteer import Gazetteer; g=Gazetteer.default(); "
    "print(time.perf_counter()-t, len(g))"
)
RESPELL = (("ou", "u"), ("ee", "i"), ("al-", "el-"), ("Kafr", "Kfar"), ("Tall", "Tell"), ("ah", "eh"), ("'", ""))


def cold_load(runs: int, data_dir: str) -> list[float]:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", LOAD_SNIPPET], capture_output=True, text=True, check=True,
            env={"CONFLICT_MAP_DATA_DIR": data_dir, "PATH": ""},
        )
        times.append(float(out.stdout.split()[0]))
    return times


def make_names(gz: object, count: int, unknown_share: float, rng: random.Random) -> list[str]:
    forms = [s for s, _ in gz.surface_forms()]  # type: ignore[attr-defined]
    names = []
    for _ in range(count):
        if rng.random() < unknown_share:
            names.append("".join(rng.choice("bdfghjklmnqrstwz") + rng.choice("aeiou") for _ in range(4)).title())
            continue
        name = rng.choice(forms)
        if rng.random() < 0.5:
            old, new = rng.choice(RESPELL)
            name = name.replace(old, new)
        names.append(name)
    return names


SYLLABLES = ("ka", "fr", "tal", "ain", "deir", "zur", "mar", "sha", "bab", "nub", "qar", "hal", "jib", "rin", "sal", "am", "iya", "ah", "um", "khir")


def synthetic_dump(path: Path, count: int, rng: random.Random) -> list[str]:
    """A GeoNames-format file of ``count`` made-up Syrian places; returns their names."""
    names, lines = [], []
    for i in range(count):
        words = ("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title() for _ in range(rng.randint(1, 2)))
        name = " ".join(words)
        alts = [name.replace("a", "e"), name.replace("ou", "u") + "h", "Al " + name, name.lower(), name.upper()[:8]]
        lat, lon = rng.uniform(32.5, 37.0), rng.uniform(36.0, 42.0)
        cols = [str(90_000_000 + i), name, name, ",".join(alts), f"{lat:.5f}", f"{lon:.5f}", "P", "PPL", "SY", "",
                f"{rng.randint(1, 14):02d}", "", "", "", "0", "", "400", "Asia/Damascus", "2024-01-01"]
        lines.append("\t".join(cols))
        names.append(name)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


def large_store(count: int, runs: int) -> None:
    from gazetteer import Gazetteer
    from gazetteer.importers import import_file

    rng = random.Random(40_000)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "SY_synthetic.txt"
        names = synthetic_dump(dump, count, rng)
        t = time.perf_counter()
        report = import_file(dump, data_dir=Path(tmp) / "data")
        print(f"import of a synthetic {count:,}-place GeoNames file: {time.perf_counter() - t:.2f} s ({report.written:,} rows)")
        cold = cold_load(runs, str(Path(tmp) / "data"))
        print(f"cold load with it (new process): median {statistics.median(cold):.3f} s over {runs} runs")
        t = time.perf_counter()
        gz = Gazetteer.default(data_dir=Path(tmp) / "data")
        print(f"in-process first load: {time.perf_counter() - t:.3f} s ({len(gz):,} places)")
        sample = [rng.choice(names) for _ in range(10_000)]
        t = time.perf_counter()
        done = [gz.resolve(n) for n in sample]
        elapsed = time.perf_counter() - t
        print(f"resolve 10,000 of its names: {elapsed:.3f} s = {10_000 / elapsed:,.0f} names/s; {sum(r.resolved for r in done):,} resolved")
        unknown = [n + "x" for n in sample[:1000]]
        t = time.perf_counter()
        [gz.resolve(n) for n in unknown]
        elapsed = time.perf_counter() - t
        print(f"resolve 1,000 misspelt names (fuzzy tier over the large store): {elapsed:.3f} s = {1000 / elapsed:,.0f} names/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--unknown-share", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store-places", type=int, default=40_000, help="0 to skip the large-store figures")
    args = parser.parse_args()
    from gazetteer import Gazetteer

    with tempfile.TemporaryDirectory() as data_dir:
        cold = cold_load(args.runs, data_dir)
        print(f"cold load (new process, import + Gazetteer.default()): median {statistics.median(cold):.3f} s over {args.runs} runs")
        t = time.perf_counter()
        gz = Gazetteer.default(data_dir=Path(data_dir))
        first = time.perf_counter() - t
        t = time.perf_counter()
        Gazetteer.default(data_dir=Path(data_dir))
        warm = time.perf_counter() - t
        print(f"in-process first load: {first:.3f} s ({len(gz)} places); cached load: {warm * 1e6:.0f} us")
        from gazetteer.normalise import latin_words, normalise_name, skeleton_key

        rng = random.Random(20151202)
        for share in (0.0, args.unknown_share):
            names = make_names(gz, args.names, share, rng)
            for caches in ("empty", "warm"):
                if caches == "empty":
                    for fn in (latin_words, normalise_name, skeleton_key):
                        fn.cache_clear()
                t = time.perf_counter()
                results = [gz.resolve(name) for name in names]
                elapsed = time.perf_counter() - t
                resolved = sum(r.resolved for r in results)
                print(
                    f"resolve {len(names):,} names ({share:.0%} unknown, {len(set(names)):,} distinct, folding caches {caches}):"
                    f" {elapsed:.3f} s = {len(names) / elapsed:,.0f} names/s; {resolved:,} resolved"
                )
    if args.store_places:
        large_store(args.store_places, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
