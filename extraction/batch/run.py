"""A batch run: plan the partitions, skip the finished ones, extract the rest on Dask, write each
result as it arrives and keep the manifest up to date.

The client (this process) writes every file; workers only read inputs and return Arrow tables.  So a
cluster needs the inputs at the same path on every worker (a shared disk), but no write access to DIR,
and one process owns the manifest.  Workers are processes with one thread each: extraction is pure
Python holding the GIL, so threads would not run it in parallel.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from extraction.batch import output
from extraction.batch.plan import Partition, Plan, plan
from extraction.batch.work import PartitionResult, extract_partition
from extraction.settings import ExtractionSettings
from gazetteer.errors import ConfigurationError, InputError

MANIFEST_FORMAT = 1
MANIFEST_EVERY = 2.0  # seconds: at most this often while partitions finish (the files are the truth)
ERRORS_IN_MANIFEST = 20

Report = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BatchSummary:
    partitions: int
    skipped: int  # finished by an earlier run
    failed: tuple[str, ...]  # partitions whose task failed (a worker died), with why
    articles: int  # articles read in all finished partitions
    articles_done: int
    events: int
    errors: int  # bad articles
    seconds: float
    status: str


def project_version() -> str:
    try:
        return metadata.version("conflict-map")
    except metadata.PackageNotFoundError:  # a checkout that is not installed
        return "unknown"


@functools.lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """SHA-256 over the extraction's code and rule tables and the bundled gazetteer: what decides the events.
    The project's version does not change when a rule does; a run resumed after one would mix two rule sets."""
    import extraction
    import gazetteer

    digest = hashlib.sha256()
    for package in (Path(extraction.__file__).parent, Path(gazetteer.__file__).parent):
        for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                           and p.suffix in (".py", ".json", ".csv", ".txt", ".keys")):
            digest.update(str(path.relative_to(package.parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _options(*, partition_size: int, settings: ExtractionSettings, time_limit: float | None) -> dict[str, Any]:
    return {"partition_size": partition_size, "unquantified_fatalities": settings.unquantified_fatalities,
            "time_limit": time_limit}


def _check_same_run(old: dict[str, Any], new: dict[str, Any], out_dir: Path) -> None:
    for key, what in (("inputs", "other inputs (or they changed since)"), ("options", "other options"),
                      ("project_version", "another version of the project"),
                      ("rules", "other extraction rules or another gazetteer (changed since)")):
        if old.get(key) != new[key]:
            raise InputError(f"--out {out_dir} holds a run over {what}: give another --out, or delete it to "
                             "start again")


@contextlib.contextmanager
def _client(*, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ConfigurationError("Dask is not installed: pip install -e '.[archive]' (README, \"Archive "
                                 "extraction on a Dask cluster\")") from err

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, ValueError, TypeError) as err:  # TimeoutError is an OSError
            raise InputError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({err})") from err
        with client:
            yield client
        return
    # The cores this process may use (a container or taskset may allow fewer than the machine has).
    n = workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    # dashboard_address=None: the dashboard needs bokeh, which is not a dependency; progress is printed.
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        yield client


def run_batch(inputs: list[str], *, out_dir: Path, scheduler: str | None = None, workers: int | None = None,
              partition_size: int = 500, settings: ExtractionSettings | None = None,
              time_limit: float | None = 120.0, report: Report | None = None) -> BatchSummary:
    """Extract every article of ``inputs`` into ``out_dir``; finished partitions of an earlier run of
    the same inputs and options are kept.  ``InputError`` for bad inputs, DIR or scheduler."""
    settings = settings or ExtractionSettings()
    report = report or (lambda line: None)
    started = time.perf_counter()
    if out_dir.exists() and not out_dir.is_dir():  # said before hashing the inputs, which can take a while
        raise InputError(f"--out {out_dir}: is a file, not a folder")
    the_plan = plan(inputs, partition_size=partition_size)
    output.prepare(out_dir)
    manifest = _manifest(the_plan, partition_size=partition_size, settings=settings, time_limit=time_limit)
    previous = output.read_manifest(out_dir)
    if previous is not None:
        _check_same_run(previous, manifest, out_dir)
        manifest["created"] = previous.get("created", manifest["created"])
    by_name = {p["name"]: p for p in manifest["partitions"]}
    earlier = {p["name"]: p for p in previous["partitions"]} if previous is not None else {}
    pending = [p for p in the_plan.partitions if not output.finished(out_dir, p.name)]
    waiting = {p.name for p in pending}
    for part in the_plan.partitions:
        if part.name not in waiting:  # counted from its files; how long it took, from the manifest if it says
            kept = {k: v for k, v in earlier.get(part.name, {}).items() if k in ("seconds", "cpu_seconds", "worker")}
            by_name[part.name].update(status="done", **kept, **output.counts(out_dir, part.name))
    skipped = len(the_plan.partitions) - len(pending)
    manifest["status"] = "running"
    output.write_manifest(out_dir, manifest)
    report(f"{len(the_plan.partitions)} partitions of {sum(i.articles for i in the_plan.inputs):,} articles; "
           f"{skipped} finished by an earlier run, {len(pending)} to extract")
    failed: list[str] = []
    if pending:
        with _client(scheduler=scheduler, workers=workers) as client:
            _extract(client, pending, out_dir=out_dir, manifest=manifest, by_name=by_name, settings=settings,
                     time_limit=time_limit, report=report, failed=failed)
    return _finish(out_dir, manifest, skipped=skipped, failed=failed, seconds=time.perf_counter() - started)


def _extract(client: Any, pending: list[Partition], *, out_dir: Path, manifest: dict[str, Any],
             by_name: dict[str, dict[str, Any]], settings: ExtractionSettings, time_limit: float | None,
             report: Report, failed: list[str]) -> None:
    from distributed import as_completed

    token = uuid.uuid4().hex[:8]
    info = client.scheduler_info()
    # dashboard_link is formatted even when no dashboard runs (it needs bokeh): show it only when one does.
    link = client.dashboard_link if "dashboard" in info.get("services", {}) else ""
    workers = len(info.get("workers", {}))
    report(f"Dask: {workers} workers at {client.scheduler.address}" + (f", dashboard {link}" if link else ""))
    futures = {
        client.submit(extract_partition, part, settings=settings, time_limit=time_limit,
                      key=f"extract-{part.name}-{token}"): part
        for part in pending
    }
    written = articles = 0
    t0, last_manifest = time.perf_counter(), 0.0
    for future in as_completed(futures):
        part = futures.pop(future)
        entry = by_name[part.name]
        try:
            result: PartitionResult = future.result()
        except Exception as err:  # noqa: BLE001 - a worker died or the task failed: this partition only
            failed.append(f"{part.name}: {type(err).__name__}: {err}")
            entry.update(status="failed", failure=f"{type(err).__name__}: {err}")
        else:
            output.write_partition(out_dir, part.name, events=result.events, articles=result.articles,
                                   errors=result.errors)
            entry.update(status="done", articles_done=result.articles.num_rows, events=result.events.num_rows,
                         errors=len(result.errors), seconds=round(result.seconds, 2),
                         cpu_seconds=round(result.cpu_seconds, 2), worker=result.worker)
            entry.pop("failure", None)
            articles += part.articles
        written += 1
        rate = articles / max(time.perf_counter() - t0, 1e-9)
        report(f"{written}/{len(pending)} partitions, {articles:,} articles, {rate:,.1f} articles/s"
               + (f", {len(failed)} failed" if failed else ""))
        if time.perf_counter() - last_manifest >= MANIFEST_EVERY or not futures:
            manifest["updated"] = _now()
            output.write_manifest(out_dir, manifest)
            last_manifest = time.perf_counter()


def _manifest(the_plan: Plan, *, partition_size: int, settings: ExtractionSettings,
              time_limit: float | None) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "project_version": project_version(),
        "rules": rules_fingerprint(),
        "created": _now(),
        "updated": _now(),
        "status": "planned",
        "options": _options(partition_size=partition_size, settings=settings, time_limit=time_limit),
        "inputs": [i.to_dict() for i in the_plan.inputs],
        "partitions": [p.to_dict() | {"status": "pending"} for p in the_plan.partitions],
    }


def _finish(out_dir: Path, manifest: dict[str, Any], *, skipped: int, failed: list[str],
            seconds: float) -> BatchSummary:
    parts = manifest["partitions"]
    done = [p for p in parts if p["status"] == "done"]
    totals = {key: sum(p.get(key, 0) for p in done) for key in ("articles", "articles_done", "events", "errors")}
    if len(done) < len(parts):
        status = "incomplete"
    else:
        status = "finished with bad articles" if totals["errors"] else "finished"
    manifest.update(status=status, updated=_now(), totals=totals | {"partitions_done": len(done),
                                                                    "partitions": len(parts)})
    manifest["errors_sample"] = output.read_errors(out_dir, limit=ERRORS_IN_MANIFEST) if totals["errors"] else []
    output.write_manifest(out_dir, manifest)
    return BatchSummary(partitions=len(parts), skipped=skipped, failed=tuple(failed), articles=totals["articles"],
                        articles_done=totals["articles_done"], events=totals["events"], errors=totals["errors"],
                        seconds=seconds, status=status)
