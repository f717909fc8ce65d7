"""Command line of the archive run.

    python -m extraction.batch IN... --out DIR [--workers N | --scheduler ADDRESS] [--partition-size 500]
                               [--unquantified none|acled] [--time-limit 120] [--load]

IN is a JSONL file (the lines ``python -m extraction --jsonl`` reads), a folder of .txt/.html/.pdf/.docx
articles or one article file.  Exit code 0 when every article was extracted, 1 when some were bad
(listed in DIR/errors/) or a partition failed (re-run to retry it), 2 for a bad input, DIR, option or
scheduler address (one line on stderr, no traceback), 130 when interrupted (re-run to continue).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from extraction.batch.run import BatchSummary, run_batch
from extraction.settings import UNQUANTIFIED_POLICIES, ExtractionSettings
from gazetteer.errors import ConfigurationError, ConflictMapError, InputError

ERRORS_SHOWN = 10


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m extraction.batch",
                                description="Extract events from many articles on a Dask cluster into Parquet.")
    p.add_argument("inputs", nargs="+", metavar="IN", help="JSONL file, folder of articles, or article file")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder (re-runs continue it)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="an existing Dask scheduler, e.g. tcp://host:8786")
    where.add_argument("--workers", type=int, metavar="N", help="local cluster of N worker processes (default: one per core)")
    p.add_argument("--partition-size", type=int, default=500, metavar="N", help="articles per partition (default 500)")
    p.add_argument("--unquantified", choices=UNQUANTIFIED_POLICIES, default="none",
                   help='fatalities for "several"/"dozens": none (default) or acled (3 / 10)')
    p.add_argument("--time-limit", type=float, default=120.0, metavar="SECONDS",
                   help="give up on one article after this long (default 120; 0 for none)")
    p.add_argument("--load", action="store_true", help="then load the events into the configured store (idempotent)")
    return p


class _Progress:
    """One line rewritten in place on a terminal; whole lines in a log or a pipe."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.tty, self.open = stream, stream.isatty(), False

    def __call__(self, line: str) -> None:
        if self.tty and "partitions," in line:
            self.stream.write("\r" + line + "\x1b[K")
            self.open = True
        else:
            self.end()
            self.stream.write(line + "\n")
        self.stream.flush()

    def end(self) -> None:
        if self.open:
            self.stream.write("\n")
            self.open = False


def _summary(summary: BatchSummary, out: Path) -> str:
    lines = [f"{summary.status}: {summary.articles_done:,} of {summary.articles:,} articles extracted, "
             f"{summary.events:,} events, {summary.errors:,} bad articles; {summary.partitions - len(summary.failed)} "
             f"of {summary.partitions} partitions written ({summary.skipped} by an earlier run) in "
             f"{summary.seconds:,.1f} s -> {out}"]
    lines += [f"partition failed: {line}" for line in summary.failed]
    if summary.failed:
        lines.append("re-run the same command to retry the failed partitions")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.workers is not None and args.workers < 1:
        parser().error("--workers must be at least 1")
    progress = _Progress(sys.stdout)
    try:
        summary = run_batch(args.inputs, out_dir=args.out, scheduler=args.scheduler, workers=args.workers,
                            partition_size=args.partition_size,
                            settings=ExtractionSettings(unquantified_fatalities=args.unquantified),
                            time_limit=args.time_limit or None, report=progress)
    except (InputError, ConfigurationError) as err:
        progress.end()
        print(f"python -m extraction.batch: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        progress.end()
        print(f"interrupted: finished partitions are kept in {args.out}; re-run the same command to continue",
              file=sys.stderr)
        return 130
    progress.end()
    print(_summary(summary, args.out))
    if summary.errors:
        from extraction.batch.output import read_errors

        for error in read_errors(args.out, limit=ERRORS_SHOWN):
            print(f"{error['input']}: {error['where']}: {error['message']}", file=sys.stderr)
        more = summary.errors - ERRORS_SHOWN
        print(f"{more:,} more bad articles: see {args.out / 'errors'}" if more > 0
              else f"bad articles are listed in {args.out / 'errors'}", file=sys.stderr)
    if args.load:
        # Imported here, not at the top: extraction never imports dashboard at module level (imports go
        # gazetteer <- extraction <- dashboard); the loader lives with the store it writes to.
        from dashboard.load_batch import load_batch

        try:
            loaded = load_batch(args.out)
        except ConflictMapError as err:
            print(f"python -m extraction.batch: --load: {err}", file=sys.stderr)
            return 2 if isinstance(err, InputError) else 1
        print(loaded.describe())
    return 1 if summary.errors or summary.failed or summary.status == "incomplete" else 0
