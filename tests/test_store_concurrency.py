"""Many processes saving at once: every article and event stored exactly once, and readers
never see an article without all of its events."""

from __future__ import annotations

import multiprocessing
import queue
import random
from pathlib import Path

import pytest

from dashboard.store import open_store
from tests import store_workers


def run_concurrently(path: Path, *, writers: int, articles: int, duplicates: int, readers: int = 2,
                     seed: int = 5) -> dict:
    """Spread ``articles`` (plus ``duplicates`` re-submissions) over writer processes; readers check meanwhile."""
    rng = random.Random(seed)
    jobs = [(f"art{i:05d}", rng.randint(1, 30)) for i in range(articles)]
    twice = rng.sample(jobs, duplicates)
    per_writer: list[list[tuple[str, int]]] = [[] for _ in range(writers)]
    for i, job in enumerate(jobs):
        per_writer[i % writers].append(job)
    for i, job in enumerate(twice):  # a duplicate goes to another writer than the first copy
        owner = jobs.index(job) % writers
        per_writer[(owner + 1 + i % (writers - 1)) % writers].append(job)
    for batch in per_writer:
        rng.shuffle(batch)

    open_store(path)  # create before the race; children open it concurrently
    ctx = multiprocessing.get_context("spawn")
    start, stop, results = ctx.Event(), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=store_workers.writer, args=(str(path), batch, start, results)) for batch in per_writer]
    procs += [ctx.Process(target=store_workers.reader, args=(str(path), start, stop, results)) for _ in range(readers)]
    for proc in procs:
        proc.start()
    start.set()
    reports: dict[str, list] = {"writer": [], "reader": []}
    try:
        while len(reports["writer"]) < writers:
            kind, _pid, payload = results.get(timeout=300)
            reports[kind].append(payload)
        stop.set()
        while len(reports["reader"]) < readers:
            kind, _pid, payload = results.get(timeout=120)
            reports[kind].append(payload)
    except queue.Empty:
        pytest.fail("a writer or reader process did not report in time")
    finally:
        stop.set()
        for proc in procs:
            proc.join(timeout=60)
            if proc.is_alive():
                proc.kill()
    assert all(proc.exitcode == 0 for proc in procs), [proc.exitcode for proc in procs]
    return {"jobs": jobs, "twice": twice, "writers": reports["writer"], "readers": reports["reader"]}


def check_outcome(path: Path, run: dict) -> None:
    store = open_store(path)
    jobs, twice = run["jobs"], run["twice"]
    saves = [save for report in run["writers"] for save in report]
    assert len(saves) == len(jobs) + len(twice)
    created = [key for key, was_created, _aid, _n in saves if was_created]
    assert sorted(created) == sorted(key for key, _n in jobs)  # each article created exactly once
    # Exactly once in the store, with exactly its events.
    assert store.count_articles() == len(jobs)
    assert store.count_events() == sum(n for _key, n in jobs)
    frame = store.events_frame(columns=["event_id", "article_id"])
    assert frame["event_id"].is_unique
    assert store_workers.consistency_problems(store) == []
    assert store.version_problems() == []  # every article's events are exactly its version 1
    assert store.integrity_check() == ["ok"]
    # Readers: never an article without all its events, and they did look while writing went on.
    checks = sum(report[0] for report in run["readers"])
    problems = [p for report in run["readers"] for p in report[1]]
    counts_seen = {c for report in run["readers"] for c in report[2]}
    assert problems == []
    assert checks > 0
    assert any(0 < c < len(jobs) for c in counts_seen), "readers never overlapped with the writers"


def test_eight_writers_two_hundred_articles(store_url: str) -> None:
    path = store_url
    run = run_concurrently(path, writers=8, articles=200, duplicates=25)
    check_outcome(path, run)


@pytest.mark.slow
def test_sixteen_writers_two_thousand_articles(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    run = run_concurrently(path, writers=16, articles=2000, duplicates=300, readers=3, seed=11)
    check_outcome(path, run)


def test_threads_sharing_one_store_object(tmp_path: Path) -> None:
    """Streamlit runs sessions as threads sharing one cached EventStore: saves, edits and deletes at
    once from 8 threads, while another thread checks it never sees a partial article."""
    import threading

    store = open_store(tmp_path / "events.sqlite3")
    rng = random.Random(7)
    jobs = [(f"thr{i:04d}", rng.randint(1, 25)) for i in range(160)]
    doomed = {key for key, _n in jobs[::8]}  # every eighth article is deleted again by its writer
    errors: list[BaseException] = []
    problems: list[str] = []
    done = threading.Event()

    def write(batch: list[tuple[str, int]]) -> None:
        try:
            for key, n in batch:
                article, events = store_workers.article_for(key, n)
                saved = store.save_article(article, events)
                store.save_article(article, events)  # a second click on "Save": changes nothing, never duplicates
                if key in doomed:
                    store.delete_article(saved.article_id)
        except BaseException as err:  # noqa: BLE001 - reported to the main thread below
            errors.append(err)

    def read() -> None:
        while not done.is_set():
            problems.extend(store_workers.consistency_problems(store))

    writers = [threading.Thread(target=write, args=(jobs[i::8],)) for i in range(8)]
    reader = threading.Thread(target=read)
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=300)
    done.set()
    reader.join(timeout=60)
    assert errors == [] and problems == []
    kept = [(key, n) for key, n in jobs if key not in doomed]
    assert store.count_articles() == len(kept)
    assert store.count_events() == sum(n for _key, n in kept)
    assert store.version_problems() == []
    assert store.integrity_check() == ["ok"]


def test_fast_reader_beside_writing_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: the ADBC reader once ran in-process and crashed (SIGBUS) beside a writing thread,
    because two SQLite libraries in one process break each other's locks.  It now runs in a child."""
    pytest.importorskip("adbc_driver_sqlite")
    import threading

    from dashboard.store import core as store_module

    monkeypatch.setattr(store_module, "FAST_READ_MIN_ROWS", 0)
    store = open_store(tmp_path / "events.sqlite3")
    done = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            i = 0
            while not done.is_set():
                article, events = store_workers.article_for(f"fast{i:05d}", 1 + i % 40)
                store.save_article(article, events)
                if i % 3 == 0:
                    store.delete_article(article.with_id().article_id)
                i += 1
        except BaseException as err:  # noqa: BLE001 - reported to the main thread below
            errors.append(err)

    writers = [threading.Thread(target=write) for _ in range(2)]
    for thread in writers:
        thread.start()
    try:
        for _ in range(4):
            assert store_workers.consistency_problems(store) == []
    finally:
        done.set()
        for thread in writers:
            thread.join(timeout=60)
    assert errors == []
    assert store.integrity_check() == ["ok"]


def run_editors(path: Path, *, careful: int, careless: int, rounds: int) -> tuple[str, list[tuple]]:
    """Several processes edit the same article at once; return its id and every (editor, note, outcome...)."""
    store = open_store(path)
    article, events = store_workers.article_for("contested", 4)
    article_id = store.save_article(article, events, editor="uploader", kind="reviewed").article_id
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    names = [(f"careful{i}", True) for i in range(careful)] + [(f"careless{i}", False) for i in range(careless)]
    procs = [ctx.Process(target=store_workers.editor, args=(str(path), article_id, name, rounds, is_careful,
                                                            start, results)) for name, is_careful in names]
    for proc in procs:
        proc.start()
    start.set()
    outcomes: list[tuple] = []
    try:
        for _ in procs:
            kind, _pid, payload = results.get(timeout=300)
            assert kind == "editor"
            outcomes.extend(payload)
    except queue.Empty:
        pytest.fail("an editor process did not report in time")
    finally:
        for proc in procs:
            proc.join(timeout=60)
            if proc.is_alive():
                proc.kill()
    assert all(proc.exitcode == 0 for proc in procs), [proc.exitcode for proc in procs]
    return article_id, outcomes


def test_editors_saving_versions_of_one_article_at_once(store_url: str) -> None:
    """Every save is a new version or a clear refusal; none is lost, numbers are dense and unique, and
    each version holds exactly what its editor saved.  On PostgreSQL: several processes, one truth."""
    path = store_url
    article_id, outcomes = run_editors(path, careful=4, careless=2, rounds=15)
    store = open_store(path)
    assert len(outcomes) == 6 * 15
    saved = [(note, version, n) for note, outcome, version, n in outcomes if outcome == "saved"]
    refused = [note for note, outcome, _version, _n in outcomes if outcome == "refused"]
    assert len(saved) + len(refused) == len(outcomes)
    assert all(note.startswith("careful") for note in refused)  # without expected_version nothing is refused
    assert refused, "no careful editor ever raced another: the test did not test concurrency"

    history = store.history(article_id)
    assert [v.version for v in history] == list(range(1, len(saved) + 2))  # version 1 + one per save: dense
    assert sorted(version for _note, version, _n in saved) == list(range(2, len(saved) + 2))  # unique
    by_version = {v.version: v for v in history}
    for note, version, n_events in saved:
        info = by_version[version]
        assert (info.note, info.editor, info.n_events, info.kind) == (note, note.split(":")[0], n_events, "edited")
        events = store.events_at_version(article_id, version)
        assert len(events) == n_events and {e.fatalities_text for e in events} == {note}
    assert not {v.note for v in history} & set(refused)  # a refused edit wrote nothing
    assert store.events_for_article(article_id) == store.events_at_version(article_id, history[-1].version)
    assert store.version_problems() == [] and store.integrity_check() == ["ok"]
