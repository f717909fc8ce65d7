"""The dashboard process's memory: huge pages off, freed memory given back, and the shared frame brought up to
date after another session's save exactly as a fresh read gives it (the refresh lets go of old frames early)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard import memory, reports, session
from dashboard.store import open_store
from tests.store_fixtures import make_article

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="transparent huge pages are Linux's")
def test_huge_pages_are_turned_off_for_the_app_process_and_its_children() -> None:
    code = ("import subprocess, sys; from dashboard import memory; print(memory.huge_pages_off(), "
            "memory.no_huge_pages(), memory.huge_pages_off(), memory.no_huge_pages()); sys.stdout.flush(); "
            "subprocess.run([sys.executable, '-c', 'from dashboard import memory; print(memory.huge_pages_off())'])")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    # a fresh process has them (unless its parent turned them off), then not; a child inherits the setting
    assert done.stdout.split()[1:] == ["True", "True", "True", "True"]


def test_giving_back_freed_memory_keeps_every_frame_intact() -> None:
    frame = pd.DataFrame({"a": range(1000), "b": pd.array(["x"] * 1000, dtype="str")})
    copy = frame.copy()
    memory.give_back_freed()
    memory.give_back_freed()
    pd.testing.assert_frame_equal(frame, copy)


def _assert_same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    for name in want.columns:
        assert got[name].dtype == want[name].dtype, name
        if isinstance(want[name].dtype, pd.CategoricalDtype):
            assert list(got[name].cat.categories) == list(want[name].cat.categories), name
            assert got[name].cat.categories.dtype == want[name].cat.categories.dtype, name


def test_the_shared_frame_after_another_sessions_save_is_what_a_fresh_read_gives(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    store = open_store(path)
    for key in ("a", "b", "c"):  # the same shelling in each: merged reports, folded by ``reports.counted``
        store.save_article(*make_article(key, n_events=3))
    assert store.report_groups()
    cache = session._FrameCache()
    first = cache.get(store)
    shown, shown_before = first.counted, first.counted.copy()  # a session still showing the first load's frame

    other = open_store(path)  # another session saves: a new article and an edit of a stored one
    other.save_article(*make_article("d", n_events=2))
    article, events = make_article("e", n_events=2)
    other.save_article(article, events)
    other.delete_article(make_article("a")[0].article_id)
    del first
    loaded = cache.get(store)

    fresh, version = open_store(path).events_frame_versioned()
    assert loaded.version == version == other.data_version()
    _assert_same(loaded.frame, session.single_chunk_strings(fresh))
    _assert_same(loaded.counted, reports.counted(fresh, other.report_groups()))
    assert article.article_id in set(loaded.frame["article_id"].astype(str))
    assert cache.get(store) is loaded  # nothing changed since: the same frames
    _assert_same(shown, shown_before)  # never modified: the session showing it keeps valid data
