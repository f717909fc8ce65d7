"""python -m extraction.evaluate [--eval-dir DIR] [--acled CSV] [--locations JSONL] [--gold-dir DIR] [--limit N] [--verbose]

Prints one table per gold set: the seed article, hand-coded whole articles
(tests/gold/ over FA-KES texts), ACLED notes, event-place choice.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from extraction.settings import UNQUANTIFIED_POLICIES, ExtractionSettings

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m extraction.evaluate", description=__doc__)
    p.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="folder with seed_gold.json and the other gold files")
    p.add_argument("--acled", type=Path, help="ACLED-format CSV (default: EVAL_DIR/acled_syria_dev.csv)")
    p.add_argument("--locations", type=Path, help="event_location jsonl (default: EVAL_DIR/event_location_syria_dev.jsonl)")
    p.add_argument("--gold-dir", type=Path, help="hand-coded whole-article gold (default: tests/gold/fakes)")
    p.add_argument("--fakes", type=Path, help="FA-KES CSV the gold articles come from (default: EVAL_DIR/fakes_articles_dev.csv)")
    p.add_argument("--limit", type=int, help="only the first N notes / sentences")
    p.add_argument("--skip", action="append", default=[], choices=("seed", "articles", "acled", "locations"))
    p.add_argument("--verbose", action="store_true", help="list each whole-article miss, extra event and wrong field")
    p.add_argument(
        "--unquantified", choices=UNQUANTIFIED_POLICIES,
        help="how unquantified tolls are coded; default: 'acled' for the ACLED notes (ACLED codes them 10/3, so "
        "its fatalities are compared under that convention), 'none' for the hand-coded gold (unstated = empty)",
    )
    p.add_argument(
        "--gazetteer-file", type=Path,
        help="import this gazetteer file (GeoNames/OCHA/CSV) into a temporary store first; default: the bundled table only",
    )
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        return _run(args, Path(tmp))


def _run(args: argparse.Namespace, tmp: Path) -> int:
    from extraction.evaluate import acled, articles, location, seed
    from extraction.pipeline import Pipeline
    from gazetteer import Gazetteer

    # A temporary data directory: the bundled table only (plus --gazetteer-file), never the user's store.
    if args.gazetteer_file:
        from gazetteer.importers import import_file

        report = import_file(args.gazetteer_file, data_dir=tmp)
        print(f"gazetteer: bundled table + {report.written} places imported from {args.gazetteer_file.name} (temporary)")
    else:
        print("gazetteer: bundled table only")
    gazetteer = Gazetteer.default(data_dir=tmp, online=False)
    pipeline = Pipeline(gazetteer=gazetteer, settings=ExtractionSettings(unquantified_fatalities=args.unquantified or "none"))
    acled_pipeline = Pipeline(gazetteer=gazetteer, settings=ExtractionSettings(unquantified_fatalities=args.unquantified or "acled"))
    status = 0
    started = time.perf_counter()
    if "seed" not in args.skip:
        if (args.eval_dir / "seed_gold.json").is_file():
            seed.run(args.eval_dir, pipeline=pipeline)
        else:
            print(f"no seed_gold.json in {args.eval_dir}", file=sys.stderr)
            status = 1
    if "articles" not in args.skip:
        fakes = args.fakes or args.eval_dir / "fakes_articles_dev.csv"
        if fakes.is_file():
            articles.run(
                args.gold_dir or articles.DEFAULT_GOLD_DIR, fakes, pipeline=pipeline,
                seed_gold=args.eval_dir / "seed_gold.json", verbose=args.verbose,
            )
        else:
            print(f"{fakes} not found: whole-article gold skipped", file=sys.stderr)
            status = 1
    for name, option, default, module in (
        ("acled", args.acled, "acled_syria_dev.csv", acled),
        ("locations", args.locations, "event_location_syria_dev.jsonl", location),
    ):
        if name in args.skip:
            continue
        path = option or args.eval_dir / default
        if not path.is_file():
            print(f"{path} not found: skipped", file=sys.stderr)
            status = 1
            continue
        module.run(path, pipeline=acled_pipeline if module is acled else pipeline, limit=args.limit)
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return status


if __name__ == "__main__":
    sys.exit(main())
