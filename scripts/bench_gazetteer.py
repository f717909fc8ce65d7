"""Benchmark the gazetteer: load time and resolutions per second (prints figures; not a test).

    python scripts/bench_gazetteer.py [--names 10000] [--unknown-share 0.1]

Names are drawn (fixed seed) from the table's own spellings, half of them
re-spelled with common transliteration changes, plus a share of unknown names
that go through the fuzzy tier.  Load is measured in a fresh process (import +
``Gazetteer.default()``) and again warm (cached).  With ``--store-places N``
(default 40,000, about the size of GeoNames' SY dump) the same is measured after
importing a synthetic GeoNames-format file of N places with 5 alternates each.

``--baseline-rev REV`` (default 8d14617, the 415-place table before OCHA was
bundled) measures the same load and resolutions with that revision's table in
the same run, and prints the ratios (this machine is shared: compare ratios).
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


TABLE_SNIPPET = (
    "import time,sys; t=time.perf_counter(); from pathlib import Path; from gazetteer import Gazetteer;"
    " from gazetteer.table import read_places; g=Gazetteer(read_places(Path(sys.argv[1]))); print(time.perf_counter()-t, len(g))"
)


def baseline_table(rev: str, folder: Path) -> Path | None:
    """The bundled table of an earlier revision (git), or None outside a git checkout."""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(["git", "-C", str(root), "show", f"{rev}:gazetteer/data/places.csv"], capture_output=True)
    if out.returncode != 0:
        return None
    path = folder / "baseline_places.csv"
    path.write_bytes(out.stdout)
    return path


def cold_load(runs: int, data_dir: str, table: Path | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        command = [sys.executable, "-c", TABLE_SNIPPET, str(table)] if table else [sys.executable, "-c", LOAD_SNIPPET]
        out = subprocess.run(
            command, capture_output=True, text=True, check=True,
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


def compare_with_baseline(rev: str, runs: int, count: int) -> None:
    """Load and 10,000 resolutions, bundled table vs the table of ``rev``, in one run; ratios printed."""
    from gazetteer import Gazetteer
    from gazetteer.table import BUNDLED, read_places

    with tempfile.TemporaryDirectory() as tmp:
        old_path = baseline_table(rev, Path(tmp))
        if old_path is None:
            print(f"baseline {rev}: not available (not a git checkout?); skipped")
            return
        old_cold = statistics.median(cold_load(runs, tmp, old_path))
        new_cold = statistics.median(cold_load(runs, tmp))
        old = Gazetteer(read_places(old_path))
        new = Gazetteer.default(data_dir=Path(tmp))
        names = make_names(old, count, 0.1, random.Random(20151202))  # the same names for both tables
        timings = {}
        for label, gz in (("baseline", old), ("bundled", new)):
            gz.forget_answers()
            t = time.perf_counter()
            results = [gz.resolve(name) for name in names]
            timings[label] = (time.perf_counter() - t, sum(r.resolved for r in results))
        size_new = BUNDLED.stat().st_size + BUNDLED.with_name(BUNDLED.name + ".keys").stat().st_size
        print(f"baseline ({rev}): {len(old):,} places, {old_path.stat().st_size / 1e6:.2f} MB; bundled: {len(new):,} places, {size_new / 1e6:.2f} MB (table + keys)")
        print(f"cold load, median of {runs}: baseline {old_cold:.3f} s, bundled {new_cold:.3f} s (ratio {new_cold / old_cold:.2f})")
        (t_old, r_old), (t_new, r_new) = timings["baseline"], timings["bundled"]
        print(
            f"resolve the same {len(names):,} names (10% unknown): baseline {t_old:.3f} s ({r_old:,} resolved),"
            f" bundled {t_new:.3f} s ({r_new:,} resolved); ratio {t_new / t_old:.2f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--unknown-share", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store-places", type=int, default=40_000, help="0 to skip the large-store figures")
    parser.add_argument("--baseline-rev", default="8d14617", help="git revision whose table is measured alongside ('' to skip)")
    args = parser.parse_args()
    from gazetteer import Gazetteer

    if args.baseline_rev:
        compare_with_baseline(args.baseline_rev, args.runs, args.names)

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
                gz.forget_answers()  # answers are cached by (name, context): measure resolving them
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
