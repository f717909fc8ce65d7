"""Really kill (SIGKILL) a process in the middle of saving, again and again: after each kill the
store opens, passes SQLite's integrity check, holds every article whose save had returned,
and holds each article whole or not at all."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.store import open_store
from tests import store_workers

ROOT = Path(__file__).resolve().parents[1]
EVENTS_PER_ARTICLE = 1500  # makes one save take tens of milliseconds, so kills land inside it


def _wait_for(log: Path, text: str, *, after: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(encoding="utf-8")[after:]:
            return
        time.sleep(0.01)
    pytest.fail(f"the child never wrote {text!r} to its log")


def kill_repeatedly(tmp_path: Path, *, kills: int, seed: int = 3, where: str | None = None) -> dict[str, int]:
    path = where or str(tmp_path / "events.sqlite3")
    log = tmp_path / "child.log"
    open_store(path)
    rng = random.Random(seed)
    tally = {"kills": 0, "inside_transaction": 0, "rolled_back": 0, "committed_before_kill": 0}
    next_index = 0
    for _ in range(kills):
        offset = log.stat().st_size if log.exists() else 0
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.store_workers", "crash-child", str(path), str(log), str(next_index),
             str(EVENTS_PER_ARTICLE)],
            cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT)},
        )
        try:
            _wait_for(log, "txn ", after=offset)  # the child is saving
            time.sleep(rng.uniform(0.0, 0.4))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        tally["kills"] += 1

        lines = log.read_text(encoding="utf-8")[offset:].splitlines()
        ended = {line.split()[1] for line in lines if line.startswith("end ")}
        in_txn = {line.split()[1] for line in lines if line.startswith("txn ")}

        store = open_store(path)  # a restart after the crash
        assert store.integrity_check() == ["ok"]
        assert store_workers.consistency_problems(store) == []  # whole articles or nothing
        stored = {info.title.split()[0] for info in store.list_articles()}
        assert ended <= stored  # nothing whose save returned was lost
        last = lines[-1] if lines else ""
        if last.startswith("txn "):  # killed after BEGIN IMMEDIATE, before the save returned
            tally["inside_transaction"] += 1
            key = last.split()[1]
            tally["rolled_back" if key not in stored else "committed_before_kill"] += 1
        next_index += len(in_txn) + 1
    assert open_store(path).version_problems() == []  # every article's events are exactly its version 1
    return tally


def test_kill_during_save_ten_times(tmp_path: Path, store_url: str) -> None:
    tally = kill_repeatedly(tmp_path, kills=10, where=store_url)
    assert tally["kills"] == 10
    assert tally["rolled_back"] >= 1, tally  # some kills really interrupted an open transaction
    print(f"\ncrash test: {tally}")


@pytest.mark.slow
def test_kill_during_save_fifty_times(tmp_path: Path) -> None:
    tally = kill_repeatedly(tmp_path, kills=50, seed=9)
    assert tally["rolled_back"] >= 10, tally
    print(f"\ncrash test: {tally}")


def test_kill_during_new_versions_loses_no_version(tmp_path: Path, store_url: str) -> None:
    """SIGKILL while saving new versions of one article: every version whose save returned is kept, numbers
    stay dense, the current events are the newest version, and the store passes the integrity check."""
    path = store_url
    log = tmp_path / "child.log"
    store = open_store(path)
    article, events = store_workers.article_for("edited", EVENTS_PER_ARTICLE)
    article_id = store.save_article(article, events).article_id
    rng = random.Random(4)
    rolled_back = 0
    for _ in range(8):
        offset = log.stat().st_size if log.exists() else 0
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.store_workers", "crash-edit-child", str(path), str(log), "edited",
             str(EVENTS_PER_ARTICLE)],
            cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT)},
        )
        try:
            _wait_for(log, "txn ", after=offset)
            time.sleep(rng.uniform(0.0, 0.4))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        lines = log.read_text(encoding="utf-8")[offset:].splitlines()
        returned = {line.split()[1]: int(line.split()[2]) for line in lines if line.startswith("end ")}

        store = open_store(path)  # a restart after the crash
        assert store.integrity_check() == ["ok"]
        assert store.version_problems() == []  # dense numbers; current events == newest version
        assert store_workers.consistency_problems(store) == []  # the whole event set or none of it
        history = {v.note: v.version for v in store.history(article_id)}
        assert all(history.get(note) == version for note, version in returned.items())  # none lost
        last = lines[-1] if lines else ""
        if last.startswith("txn ") and last.split()[1] not in history:
            rolled_back += 1
    assert rolled_back >= 1  # some kills really interrupted an open transaction
