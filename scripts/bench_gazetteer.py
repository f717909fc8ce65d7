"""Benchmark the gazetteer: load time and resolutions per second (prints figures; not a test).

    python scripts/bench_gazetteer.py [--names 10000] [--unknown-share 0.1]

Names are drawn (fixed seed) from the table's own spellings, half of them
re-spelled with common transliteration changes, plus a share of unknown names
that go through the fuzzy tier.  Load is measured in a fresh process (import +
``Gazetteer.default()``) and again warm (cached).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--unknown-share", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from gazetteer import Gazetteer

    with tempfile.TemporaryDirectory() as data_dir:
        cold = cold_load(args.runs, data_dir)
        print(f"cold load (new process, import + Gazetteer.default()): median {statistics.median(cold):.3f} s over {args.runs} runs")
        from pathlib import Path

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
