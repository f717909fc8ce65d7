"""One partition extracted on a Dask worker: its articles read with the project's readers, each
extracted by the same pipeline as ``python -m extraction``, the results returned as Arrow tables.

A bad article (unreadable, too long, over the time limit, or one that makes the extractor raise) is
recorded with where it is and why, and the partition goes on: an archive run must not lose a thousand
articles to one.  The pipeline is built once per worker process (``extraction.extract_article`` keeps
it) and reused by every partition the worker gets.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Callable

import pyarrow as pa

from extraction.batch.plan import FILE, FOLDER, JSONL, Partition
from extraction.batch.tables import articles_table, events_table
from extraction.records import Article, Event
from extraction.settings import ExtractionSettings
from gazetteer.errors import ConflictMapError, TimeLimitExceeded


@dataclass(frozen=True, slots=True)
class PartitionResult:
    name: str
    events: pa.Table
    articles: pa.Table
    errors: tuple[dict[str, object], ...]
    seconds: float
    cpu_seconds: float  # of the worker process: less than ``seconds`` when the machine is shared
    worker: str


def extract_partition(partition: Partition, *, settings: ExtractionSettings,
                      time_limit: float | None) -> PartitionResult:
    """Every article of ``partition`` extracted; bad ones in ``errors``, never raised."""
    from extraction import extract_article
    from extraction.readers import read_path
    from extraction.readers.jsonl import article_from_line

    started, cpu_started = time.perf_counter(), time.process_time()
    events: list[Event] = []
    done: list[tuple[Article, str, str]] = []
    errors: list[dict[str, object]] = []
    for where, read in _items(partition, read_path=read_path, article_from_line=article_from_line):
        article_id = ""
        try:
            article = read().with_id()
            article_id = article.article_id
            result = extract_article(article, settings=settings, time_limit=time_limit)
        except TimeLimitExceeded as err:
            errors.append(_error(partition, where, article_id, "time limit", str(err)))
            continue
        except ConflictMapError as err:  # unreadable or refused input: the message says why
            errors.append(_error(partition, where, article_id, "input", str(err)))
            continue
        except Exception as err:  # noqa: BLE001 - an extractor bug on one article must not fail the other 999
            errors.append(_error(partition, where, article_id, "crash", f"{type(err).__name__}: {err}"))
            continue
        events.extend(result.events)
        done.append((result.article, partition.input, where))
    return PartitionResult(
        name=partition.name,
        events=events_table(events),
        articles=articles_table(done),
        errors=tuple(errors),
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu_started,
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )


def _items(partition: Partition, *, read_path: Callable[..., Article],
           article_from_line: Callable[[bytes], Article]) -> Iterator[tuple[str, Callable[[], Article]]]:
    """(where the article is, how to read it) for every article of the partition, read lazily."""
    if partition.kind in (FOLDER, FILE):
        for name in partition.files:
            yield name, lambda name=name: read_path(name)
        return
    if partition.kind != JSONL:
        raise ValueError(f"unknown partition kind {partition.kind!r}")
    with open(partition.input, "rb") as handle:
        handle.seek(partition.start)
        offset, number = partition.start, partition.first_line
        while offset < partition.end:
            raw = handle.readline()
            if not raw:
                break
            offset += len(raw)
            if raw.strip():
                yield f"line {number}", lambda raw=raw: article_from_line(raw)
            number += 1


def _error(partition: Partition, where: str, article_id: str, kind: str, message: str) -> dict[str, object]:
    return {"partition": partition.name, "input": partition.input, "where": where, "article_id": article_id,
            "kind": kind, "message": message}
