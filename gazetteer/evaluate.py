"""Spelling pairs: does a name as the news or ACLED writes it resolve to the OCHA place it means?

    python -m gazetteer.evaluate [--acled ../shared/eval/acled_syria_dev.csv] [--show-misses]

The pairs are built at run time from an ACLED-format file (never copied into the
project: ACLED's rows are for evaluation only).  For every distinct ``location``,
the OCHA place it means is the OCHA community, neighbourhood or named region
within ``PAIR_KM`` of ACLED's coordinates whose name is most like the written one
(rapidfuzz on folded keys, at least ``PAIR_SIMILARITY``); locations with no such
place (oil fields, bases) and ACLED's "Town - part" names make no pair.  Figures
are given for all pairs and for the pairs whose folded spelling differs from
every spelling OCHA lists (the ones only the variants and loose tiers can solve).  A pair is right when
the name, resolved with ACLED's governorate as context, gives that place, or a
place within ``SAME_PLACE_KM`` of it (two rows for one village in two sources).
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from gazetteer.context import Context
from gazetteer.gazetteer import Gazetteer
from gazetteer.normalise import is_arabic, normalise_name
from gazetteer.ranking import km
from gazetteer.records import Place
from gazetteer.table import BUNDLED, read_places

DEFAULT_ACLED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "acled_syria_dev.csv"
PAIR_KM = 5.0  # ACLED's point and OCHA's point of one village
PAIR_SIMILARITY = 70.0  # the written name must look like one of the place's names
SAME_PLACE_KM = 1.0


@dataclass(frozen=True, slots=True)
class Pair:
    written: str
    admin1: str
    place: Place  # the OCHA place (or named region) the written name means


def _similarity(written: str, place: Place) -> float:
    key = normalise_name(written).replace(" ", "")
    names = [n for n in (place.name, *place.alternate_names) if not is_arabic(n)]
    return max((fuzz.ratio(key, normalise_name(n).replace(" ", "")) for n in names), default=0.0)


def build_pairs(acled_csv: Path, *, places: list[Place] | None = None) -> list[Pair]:
    """(written name, governorate, place meant) for the ACLED file's distinct locations."""
    pool = [p for p in (places or read_places(BUNDLED)) if p.source in ("ocha", "region") and p.feature != "subdistrict"]
    seen: dict[str, dict[str, str]] = {}
    with acled_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            seen.setdefault(row["location"].strip(), row)
    pairs = []
    for written, row in seen.items():
        if " - " in written:
            continue  # ACLED's "Town - part": which part is meant is not a spelling question
        point = (float(row["latitude"]), float(row["longitude"]))
        near = [p for p in pool if abs(p.latitude - point[0]) < 0.1 and abs(p.longitude - point[1]) < 0.12 and km(point, p) <= PAIR_KM]
        scored = sorted(((_similarity(written, p), -km(point, p), p) for p in near), key=lambda t: (t[0], t[1]), reverse=True)
        if scored and scored[0][0] >= PAIR_SIMILARITY:
            pairs.append(Pair(written, row["admin1"], scored[0][2]))
    return pairs


def score(gazetteer: Gazetteer, pairs: list[Pair]) -> tuple[int, list[tuple[Pair, str]]]:
    """(right, misses with what was found instead)."""
    right, misses = 0, []
    for pair in pairs:
        res = gazetteer.resolve(pair.written, context=Context(admin1=pair.admin1))
        ok = res.resolved and (
            (res.place is not None and (res.place.source, res.place.source_id) == (pair.place.source, pair.place.source_id))
            or km((res.latitude, res.longitude), pair.place) <= SAME_PLACE_KM
        )
        if ok:
            right += 1
        else:
            found = f"{res.place.name} ({res.place.admin1}, {km((res.latitude, res.longitude), pair.place):.0f} km away)" if res.resolved and res.place else "unresolved"
            misses.append((pair, found))
    return right, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gazetteer.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--acled", type=Path, default=DEFAULT_ACLED)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    if not args.acled.is_file():
        print(f"{args.acled} not found", file=sys.stderr)
        return 1
    import tempfile

    pairs = build_pairs(args.acled)
    with tempfile.TemporaryDirectory() as tmp:
        gz = Gazetteer.default(data_dir=Path(tmp), online=False)
        right, misses = score(gz, pairs)
    hard = [p for p in pairs if normalise_name(p.written) not in {normalise_name(n) for n in (p.place.name, *p.place.alternate_names)}]
    hard_missed = sum(pair in hard for pair, _ in misses)
    print(f"spelling pairs from {args.acled.name}: {len(pairs)}")
    print(f"resolved to the place meant, with the governorate as context: {right}/{len(pairs)} = {right / max(1, len(pairs)):.1%}")
    print(
        f"  of which spelled unlike any name OCHA lists (after folding): {len(hard) - hard_missed}/{len(hard)}"
        f" = {(len(hard) - hard_missed) / max(1, len(hard)):.1%}"
    )
    if args.show_misses:
        for pair, found in misses:
            print(f"  {pair.written!r} ({pair.admin1}) -> {found}; meant {pair.place.name} ({pair.place.source_id})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
