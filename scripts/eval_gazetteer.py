"""Coverage of the gazetteer on ACLED's Syrian location names (prints figures; not a test).

    python scripts/eval_gazetteer.py [--eval ../shared/eval/acled_syria_dev.csv]
                                     [--proxy ../shared/gazetteer/places_acled_proxy.csv]

For every distinct ``location`` in the ACLED file: resolve it with the bundled
table, then again after importing the proxy gazetteer into a *temporary* data
directory (never the project's).  Reports the share resolved, the median
distance from ACLED's coordinates, and the share within 5 km; once without
context and once with ACLED's admin1 as the governorate named nearby.  Also the
share of the LOCATION spans of ``event_location_syria_dev.jsonl`` the bundled
table resolves (no coordinates there: a coverage figure only).  A held-out figure:
the same measure on the proxy file's locations whose names are not among the dev
notes' (the names the gazetteer's rules were written while looking at).
``--table CSV`` measures another table (an older revision's) the same way.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import tempfile
from collections import Counter
from pathlib import Path

from gazetteer import Context, Gazetteer
from gazetteer.importers import import_file
from gazetteer.ranking import km

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def distinct_locations(path: Path) -> list[dict[str, str]]:
    """First row of every distinct location name (its coordinates and admin1)."""
    seen: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            seen.setdefault(row["location"].strip(), row)
    return list(seen.values())


def measure(gz: Gazetteer, rows: list[dict[str, str]], *, with_admin1: bool) -> dict[str, float]:
    dists, methods, unresolved = [], Counter(), []
    for row in rows:
        ctx = Context(admin1=row["admin1"]) if with_admin1 else None
        res = gz.resolve(row["location"], context=ctx)
        methods[res.method] += 1
        if res.resolved:
            dists.append(km((res.latitude, res.longitude), (float(row["latitude"]), float(row["longitude"]))))
        else:
            unresolved.append(row["location"])
    n = len(rows)
    within = sum(d <= 5 for d in dists)
    return {
        "locations": n,
        "resolved": len(dists) / n,
        "median_km": statistics.median(dists) if dists else float("nan"),
        "within_5km_of_resolved": within / len(dists) if dists else 0.0,
        "within_5km_of_all": within / n,
        "methods": dict(methods.most_common()),
        "unresolved_sample": unresolved[:15],
    }


def held_out_locations(proxy: Path, seen: set[str]) -> list[dict[str, str]]:
    """ACLED locations of the proxy file (events 2017-2023) whose name is not a location of the dev
    notes: names the gazetteer rules were never looked at on (a held-out check of them)."""
    with proxy.open(encoding="utf-8", newline="") as handle:
        return [
            {"location": row["name"], "latitude": row["latitude"], "longitude": row["longitude"], "admin1": row["admin1"]}
            for row in csv.DictReader(handle)
            if row["name"].strip() not in seen
        ]


def report(label: str, figures: dict) -> None:
    print(
        f"{label}: {figures['locations']} distinct locations; resolved {figures['resolved']:.1%};"
        f" median distance {figures['median_km']:.2f} km; within 5 km: {figures['within_5km_of_resolved']:.1%} of resolved,"
        f" {figures['within_5km_of_all']:.1%} of all"
    )
    print(f"    methods: {figures['methods']}")
    if figures["unresolved_sample"]:
        print(f"    unresolved e.g.: {', '.join(figures['unresolved_sample'])}")


def span_coverage(gz: Gazetteer, path: Path) -> None:
    """Share of LOCATION span texts (distinct, and weighted by mentions) that resolve."""
    counts: Counter[str] = Counter()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            for span in item["spans"]:
                text = item["text"][span["start"] : span["end"]].strip()
                if span["label"] == "LOCATION" and text and len(text) <= 200:
                    counts[text] += 1
    resolved = {name for name in counts if gz.resolve(name).resolved}
    share = sum(counts[n] for n in resolved) / sum(counts.values())
    print(
        f"event_location LOCATION spans, bundled table: {len(resolved)}/{len(counts)} distinct resolved"
        f" ({len(resolved) / len(counts):.1%}), {share:.1%} of {sum(counts.values())} mentions"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=SHARED / "eval" / "acled_syria_dev.csv")
    parser.add_argument("--proxy", type=Path, default=SHARED / "gazetteer" / "places_acled_proxy.csv")
    parser.add_argument("--spans", type=Path, default=SHARED / "eval" / "event_location_syria_dev.jsonl")
    parser.add_argument(
        "--table", type=Path,
        help="measure this places CSV instead of the bundled table (e.g. an older revision's: git show REV:gazetteer/data/places.csv)",
    )
    args = parser.parse_args()
    rows = distinct_locations(args.eval)
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "bundled-only"
        if args.table:
            from gazetteer.table import read_places

            gz = Gazetteer(read_places(args.table))
        else:
            gz = Gazetteer.default(data_dir=empty, online=False)
        print(f"bundled table: {len(gz)} places")
        report("bundled, no context", measure(gz, rows, with_admin1=False))
        report("bundled, ACLED admin1 as context", measure(gz, rows, with_admin1=True))
        if args.proxy.exists():
            held_out = held_out_locations(args.proxy, {row["location"].strip() for row in rows})
            report(
                "held out (proxy locations not among the dev notes' names), ACLED admin1 as context",
                measure(gz, held_out, with_admin1=True),
            )
        if args.table:
            return 0
        if args.spans.exists():
            span_coverage(gz, args.spans)
        imported = Path(tmp) / "with-proxy"
        result = import_file(args.proxy, data_dir=imported)
        gz = Gazetteer.default(data_dir=imported, online=False)
        print(f"imported {result.written} rows from {args.proxy.name} into a temporary store: {len(gz)} places")
        report("bundled + proxy, no context", measure(gz, rows, with_admin1=False))
        report("bundled + proxy, ACLED admin1 as context", measure(gz, rows, with_admin1=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
