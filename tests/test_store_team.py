"""Several app processes, one truth: two OS processes on one store see each other's saves and cannot
overwrite each other's edits (on PostgreSQL, the team's set-up; on SQLite, the same semantics).

Each process is a ``tests.store_workers.team_member``: it opens the store itself (its own connections, its
own pool) and does what the test tells it through a queue, one step at a time, so the order is certain.
"""

from __future__ import annotations

import multiprocessing
import queue

import pytest

from dashboard.store import open_store
from tests import store_workers


class Member:
    """One process and its two queues."""

    def __init__(self, ctx, where: str, name: str) -> None:  # noqa: ANN001 - a multiprocessing context
        self.todo, self.done = ctx.Queue(), ctx.Queue()
        self.proc = ctx.Process(target=store_workers.team_member, args=(where, name, self.todo, self.done))
        self.proc.start()

    def ask(self, *step: object) -> object:
        self.todo.put(step)
        try:
            outcome, value = self.done.get(timeout=120)
        except queue.Empty:
            pytest.fail(f"the process did not answer {step[0]!r} in time")
        if outcome == "error":
            raise AssertionError(value)
        return value

    def stop(self) -> None:
        self.todo.put(("stop",))
        self.proc.join(timeout=60)
        if self.proc.is_alive():
            self.proc.kill()


def test_two_processes_see_each_others_saves_and_refuse_a_stale_edit(store_url: str) -> None:
    open_store(store_url)  # created and migrated before the two start
    ctx = multiprocessing.get_context("spawn")
    ana, ben = Member(ctx, store_url, "ana"), Member(ctx, store_url, "ben")
    try:
        assert ana.proc.pid != ben.proc.pid
        before = ben.ask("data_version")
        article_id = ana.ask("save", "team-article", 3)
        # Ben's process sees Ana's save: the article, its events, and a new data version (the UI's cue to reload).
        assert ben.ask("events", article_id) == 3
        assert ben.ask("data_version") > before
        # Both open version 1; Ana saves first; Ben's edit, started from version 1, is refused.
        assert ana.ask("version", article_id) == ben.ask("version", article_id) == 1
        assert ana.ask("edit", article_id, 1, 2) == ("saved", 2)
        outcome, message = ben.ask("edit", article_id, 1, 5)
        assert outcome == "refused" and "now at version 2" in message and "ana" in message
        # Nothing of Ben's refused edit was written; after reloading, his edit goes through.
        assert ben.ask("events", article_id) == 2
        assert ben.ask("edit", article_id, 2, 5) == ("saved", 3)
        assert ana.ask("events", article_id) == 5
    finally:
        ana.stop()
        ben.stop()
    store = open_store(store_url)
    assert [(v.version, v.editor) for v in store.history(article_id)] == [(1, "local"), (2, "ana"), (3, "ben")]
    assert store.version_problems() == []
