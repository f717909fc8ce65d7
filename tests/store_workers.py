"""Child processes for the store's concurrency and crash tests (importable, so spawned children find them).

Every synthetic article records its own size twice: its title ends with
``n=K`` and each of its events has ``source="... n=K"``.  A reader can thus check
from any snapshot, without knowing what was written, that no article is
visible without all of its events.  Editors (``editor``, ``crash_edit_child``)
mark each version they save: every event's ``fatalities_text`` is the version's
note, ``"<editor>:<round>"``, so a check can tell whose save a version holds.

    python -m tests.store_workers crash-child STORE LOG FIRST_INDEX EVENTS_PER_ARTICLE
    python -m tests.store_workers crash-edit-child STORE LOG ARTICLE_KEY EVENTS_PER_ARTICLE
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from dashboard.store import EventStore, open_store
from extraction.records import Event
from gazetteer.errors import StoreError
from tests.store_fixtures import make_article, make_event

_N = re.compile(r"n=(\d+)$")


def article_for(key: str, n_events: int):
    article, events = make_article(key, n_events=n_events)
    return article, [dataclasses.replace(e, source=f"Test Wire n={n_events}") for e in events]


def consistency_problems(store: EventStore) -> list[str]:
    """Articles whose visible events do not match their declared count, from two independent reads,
    and any article whose number of events is not its newest version's (a third, one-snapshot read;
    the tests compare whole event sets with ``store.version_problems()`` where that costs little)."""
    problems = store.version_problems(compare_events=False)
    for info in store.list_articles():  # one statement: one snapshot
        expected = int(_N.search(info.title).group(1))
        if info.n_events != expected:
            problems.append(f"{info.title}: {info.n_events} events visible, {expected} expected")
    frame = store.events_frame(columns=["article_id", "source"])  # one query: one snapshot
    if len(frame):
        sizes = frame.groupby("article_id", observed=True).size()
        declared = frame.groupby("article_id", observed=True)["source"].first()
        for article_id, size in sizes.items():
            expected = int(_N.search(str(declared[article_id])).group(1))
            if size != expected:
                problems.append(f"{article_id}: {size} events in the frame, {expected} expected")
    return problems


def writer(path: str, jobs: list[tuple[str, int]], start, results) -> None:  # noqa: ANN001 - mp primitives
    """Save each (key, n_events) job; report (key, created, article_id, events_saved)."""
    store = open_store(path)
    start.wait()
    out = []
    for key, n_events in jobs:
        article, events = article_for(key, n_events)
        saved = store.save_article(article, events)
        out.append((key, saved.created, saved.article_id, saved.events_saved))
    results.put(("writer", os.getpid(), out))


def reader(path: str, start, stop, results) -> None:  # noqa: ANN001 - mp primitives
    """Check consistency in a loop until told to stop; report (checks, problems, article counts seen)."""
    store = open_store(path)
    start.wait()
    checks, problems, seen = 0, [], set()
    while not stop.is_set():
        problems.extend(consistency_problems(store))
        seen.add(store.count_articles())
        checks += 1
    results.put(("reader", os.getpid(), (checks, problems[:20], sorted(seen))))


def marked_events(article_id: str, mark: str, n_events: int) -> list[Event]:
    """An edited event set: ``n_events`` events, each carrying ``mark`` (the version's note)."""
    return [make_event(article_id, i, fatalities_text=mark) for i in range(n_events)]


def editor(path: str, article_id: str, name: str, rounds: int, careful: bool, start, results) -> None:  # noqa: ANN001
    """Edit one article ``rounds`` times; ``careful`` editors pass the version they read as ``expected_version``.

    Reports (note, outcome, version, n_events) per round: outcome "saved" with the
    version made, or "refused" with the version the edit started from.
    """
    store = open_store(path)
    rng = random.Random(name)
    start.wait()
    out = []
    for i in range(rounds):
        note = f"{name}:{i}"
        opened = store.history(article_id)[-1].version
        time.sleep(rng.uniform(0, 0.004))  # the editor at work: others save meanwhile
        n_events = rng.randint(1, 12)
        try:
            saved = store.update_events(article_id, marked_events(article_id, note, n_events), editor=name,
                                        note=note, expected_version=opened if careful else None)
        except StoreError as err:
            if not careful or "not version" not in str(err):
                raise
            out.append((note, "refused", opened, n_events))
        else:
            out.append((note, "saved", saved.version, n_events))
    results.put(("editor", os.getpid(), out))


def team_member(where: str, name: str, todo, done) -> None:  # noqa: ANN001 - mp queues
    """One app process of a team (tests/test_store_team.py): runs the steps it is sent on its own store object.

    Steps: ("save", key, n_events) -> article id; ("events", article id) -> number of current events;
    ("version", article id) -> current version; ("edit", article id, expected version, n_events) ->
    ("saved", version) or ("refused", message); ("data_version",); ("stop",).
    """
    store = open_store(where)
    while True:
        step = todo.get()
        try:
            if step[0] == "stop":
                return
            if step[0] == "save":
                article, events = article_for(step[1], step[2])
                value = store.save_article(article, events).article_id
            elif step[0] == "events":
                value = len(store.events_for_article(step[1]))
            elif step[0] == "version":
                value = store.history(step[1])[-1].version
            elif step[0] == "data_version":
                value = store.data_version()
            elif step[0] == "edit":
                _, article_id, expected, n_events = step
                try:
                    saved = store.update_events(article_id, marked_events(article_id, f"{name}:{expected}", n_events),
                                                editor=name, expected_version=expected)
                    value = ("saved", saved.version)
                except StoreError as err:
                    value = ("refused", str(err))
            else:
                raise ValueError(f"unknown step {step!r}")
            done.put(("ok", value))
        except Exception as err:  # noqa: BLE001 - reported to the test, which fails with it
            done.put(("error", f"{type(err).__name__}: {err}"))


class _LoggingStore(EventStore):
    """Writes "txn K" to the log once the write transaction is open (test-only subclass)."""

    log = None
    current = ""

    @contextlib.contextmanager
    def _write(self) -> Iterator:
        with super()._write() as conn:
            self.log.write(f"txn {self.current}\n")
            self.log.flush()
            yield conn


def crash_child(store_path: str, log_path: str, first: int, n_events: int) -> None:
    """Save articles in a loop forever, logging begin/txn/end around each save, until killed."""
    open_store(store_path)
    store = _LoggingStore(store_path)
    with open(log_path, "a", buffering=1, encoding="utf-8") as log:
        store.log = log
        log.write("ready\n")
        i = first
        while True:
            key = f"crash{i:05d}"
            article, events = article_for(key, n_events)
            store.current = key
            log.write(f"begin {key}\n")
            store.save_article(article, events)
            log.write(f"end {key}\n")
            i += 1
            time.sleep(0.001)


def crash_edit_child(store_path: str, log_path: str, key: str, n_events: int) -> None:
    """Save new versions of one article in a loop forever, logging begin/txn/end with the version's note."""
    store = _LoggingStore(open_store(store_path).backend)
    article, events = article_for(key, n_events)
    article_id = article.with_id().article_id
    with open(log_path, "a", buffering=1, encoding="utf-8") as log:
        store.log = log
        i = 0
        while True:
            note = f"{os.getpid()}:{i}"
            store.current = note
            log.write(f"begin {note}\n")
            saved = store.update_events(article_id, [dataclasses.replace(e, fatalities_text=note) for e in events],
                                        editor="crash-child", note=note)
            log.write(f"end {note} {saved.version}\n")
            i += 1


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "crash-child":
        crash_child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif len(sys.argv) == 6 and sys.argv[1] == "crash-edit-child":
        crash_edit_child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        sys.exit(__doc__)
