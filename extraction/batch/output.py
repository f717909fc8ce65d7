"""The output folder of a batch run: partitioned Parquet, error files and the manifest.

    DIR/manifest.json                 inputs (sizes, hashes), options, partitions, counts, status, version
    DIR/events/part-00000.parquet     the events of partition 0 (pyarrow.dataset / pandas read DIR/events)
    DIR/articles/part-00000.parquet   its articles as extracted, text included (what --load saves)
    DIR/errors/part-00000.jsonl       its bad articles: where, why; empty when there were none

Every file is written under a temporary name starting with "." (which Parquet readers skip), flushed
to disk and renamed over its final name, so a file is whole or absent.  A partition's events file is
renamed last: it exists only when the partition's other files do, and so it is the mark of a finished
partition.  The manifest is rewritten (the same way) after partitions finish; a kill between the two
loses nothing, since the next run counts finished partitions from the files.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from extraction.batch.tables import articles_from_table, events_from_table
from extraction.records import Article, Event
from gazetteer.errors import InputError

MANIFEST = "manifest.json"
EVENTS, ARTICLES, ERRORS = "events", "articles", "errors"


def prepare(out_dir: Path) -> None:
    """Create the folders; ``InputError`` when DIR is a file or cannot be written.  Leftover temporary
    files of a killed run are removed."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--out {out_dir}: is a file, not a folder")
    try:
        for sub in (EVENTS, ARTICLES, ERRORS):
            (out_dir / sub).mkdir(parents=True, exist_ok=True)
            for stale in (out_dir / sub).glob(".*.tmp-*"):
                stale.unlink()
        for stale in out_dir.glob(f".{MANIFEST}.tmp-*"):
            stale.unlink()
        probe = out_dir / f".write-test.tmp-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        raise InputError(f"--out {out_dir}: cannot write there ({err.strerror or err})") from err


def _replace(target: Path, write: Any) -> None:
    """Write through ``write(temp_path)`` and rename over ``target`` after fsync: whole or absent."""
    temp = target.with_name(f".{target.name}.tmp-{uuid.uuid4().hex}")
    try:
        write(temp)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def write_partition(out_dir: Path, name: str, *, events: pa.Table, articles: pa.Table,
                    errors: tuple[dict[str, object], ...]) -> None:
    """The partition's three files, events last (its presence marks the partition finished)."""
    _replace(out_dir / ERRORS / f"{name}.jsonl",
             lambda p: p.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in errors)))
    _replace(out_dir / ARTICLES / f"{name}.parquet", lambda p: pq.write_table(articles, p))
    _replace(out_dir / EVENTS / f"{name}.parquet", lambda p: pq.write_table(events, p))


def finished(out_dir: Path, name: str) -> bool:
    return (out_dir / EVENTS / f"{name}.parquet").is_file()


def counts(out_dir: Path, name: str) -> dict[str, int]:
    """Articles extracted, events and bad articles of a finished partition, from its files."""
    errors = (out_dir / ERRORS / f"{name}.jsonl").read_bytes().count(b"\n")
    return {"articles_done": pq.ParquetFile(out_dir / ARTICLES / f"{name}.parquet").metadata.num_rows,
            "events": pq.ParquetFile(out_dir / EVENTS / f"{name}.parquet").metadata.num_rows,
            "errors": errors}


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    path = out_dir / MANIFEST
    if not path.exists():
        return None
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as err:
        raise InputError(f"{path}: not a readable manifest ({err}); give another --out") from err
    if not isinstance(data, dict) or "partitions" not in data:
        raise InputError(f"{path}: not a batch manifest; give another --out")
    return data


def write_manifest(out_dir: Path, manifest: dict[str, Any]) -> None:
    _replace(out_dir / MANIFEST, lambda p: p.write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2)))


def partitions(out_dir: Path) -> Iterator[tuple[str, list[Article], list[Event]]]:
    """(name, articles, events) of every finished partition, in order."""
    for path in sorted((out_dir / EVENTS).glob("part-*.parquet")):
        name = path.stem
        yield (name, articles_from_table(pq.read_table(out_dir / ARTICLES / f"{name}.parquet")),
               events_from_table(pq.read_table(path)))


def read_events(out_dir: Path) -> list[Event]:
    """Every event of the finished partitions."""
    return [event for _, _, events in partitions(out_dir) for event in events]


def read_errors(out_dir: Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The bad articles of the finished partitions, in order (the first ``limit``)."""
    out: list[dict[str, Any]] = []
    for path in sorted((out_dir / ERRORS).glob("part-*.jsonl")):
        for line in path.read_bytes().splitlines():
            if limit is not None and len(out) >= limit:
                return out
            if line.strip():
                out.append(orjson.loads(line))
    return out
