"""Command line: articles in, one event per line out.

    python -m extraction FILE... [--published YYYY-MM-DD] [--format jsonl|csv]
    python -m extraction --jsonl IN.jsonl [--format jsonl|csv]

``-`` reads an article from standard input.  In --jsonl mode each input line
is {"id", "text", "published"} (+ optional title, source, url); every event
carries article_id = id.  A bad file or line is reported on stderr (with its
line number) and the rest go on; the exit code is 1 if any failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import date

from extraction import readers
from extraction.output import CsvWriter, to_jsonl
from extraction.records import Article
from extraction.settings import UNQUANTIFIED_POLICIES, ExtractionSettings
from gazetteer.errors import ConflictMapError, InputError


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from err


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m extraction", description="Extract conflict events from news articles.")
    p.add_argument("files", nargs="*", metavar="FILE", help="article files (.txt, .html, .pdf, .docx); - for stdin")
    p.add_argument("--jsonl", metavar="IN.jsonl", help='batch input: one {"id","text","published"} object per line')
    p.add_argument("--published", type=_date, help="publication date for FILE arguments (YYYY-MM-DD)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--acled-names", action="store_true",
                   help='CSV: actors as ACLED\'s data names them ("Military Forces of Syria (2000-)", "Islamic State (Syria)")')
    p.add_argument("--unquantified", choices=UNQUANTIFIED_POLICIES, default="none",
                   help='fatalities for "several"/"dozens": none (default) or acled (3 / 10)')
    return p


def _read_file(name: str, published: date | None) -> Article:
    if name == "-":
        # Read in pieces and stop past the limit: 300 MB on stdin must not be held whole before the refusal.
        from extraction.readers.text import MAX_UPLOAD_BYTES

        data = bytearray()
        while chunk := sys.stdin.buffer.read(1 << 20):
            data += chunk
            if len(data) > MAX_UPLOAD_BYTES:
                raise InputError(f"standard input is larger than {MAX_UPLOAD_BYTES // (1 << 20)} MB, the limit for one "
                                 "article; nothing was read further.")
        return readers.read_bytes(bytes(data), filename="stdin.txt", published=published)
    return readers.read_path(name, published=published)


def _jsonl_articles(path: str) -> Iterator[tuple[int, Article | None, str]]:
    """(line number, article or None, error message) for every non-blank line."""
    from extraction.readers.jsonl import article_from_line

    try:
        handle = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as err:
        raise InputError(f"cannot open {path}: {err.strerror or err}") from err
    with handle:
        # Bytes, one line at a time: a line that is not UTF-8 is reported by its number and the rest go on.
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                yield number, article_from_line(raw), ""
            except ConflictMapError as err:
                yield number, None, str(err)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.files and not args.jsonl:
        parser().error("give FILE arguments or --jsonl IN.jsonl")
    if args.acled_names and args.format != "csv":
        parser().error("--acled-names applies to --format csv (JSON lines keep the event record's names)")
    from extraction.pipeline import Pipeline

    pipeline = Pipeline(settings=ExtractionSettings(unquantified_fatalities=args.unquantified))
    out = sys.stdout
    csv_writer = CsvWriter(out, acled_names=args.acled_names) if args.format == "csv" else None
    failed = 0

    def emit(article: Article, label: str) -> None:
        warning = readers.language_warning(article.text)
        if warning:  # not an error: the file is read, but expect few or no events
            print(f"{label}: warning: {warning}", file=sys.stderr)
        events = pipeline.extract(article).events
        if csv_writer is not None:
            csv_writer.write(events)
        else:
            out.write(to_jsonl(events))

    for name in args.files:
        try:
            emit(_read_file(name, args.published), name)
        except ConflictMapError as err:
            failed += 1
            print(f"{name}: {err}", file=sys.stderr)
    if args.jsonl:
        try:
            for number, article, error in _jsonl_articles(args.jsonl):
                if article is None:
                    failed += 1
                    print(f"{args.jsonl}:{number}: {error}", file=sys.stderr)
                    continue
                try:
                    emit(article, f"{args.jsonl}:{number}")
                except ConflictMapError as err:
                    failed += 1
                    print(f"{args.jsonl}:{number}: {err}", file=sys.stderr)
        except InputError as err:
            print(str(err), file=sys.stderr)
            return 2
    out.flush()
    return 1 if failed else 0
