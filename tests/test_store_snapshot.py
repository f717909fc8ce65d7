"""The copy of the events frame kept beside an SQLite store (dashboard/store/snapshot.py): used only when it
describes the store exactly as it is, ignored (and replaced) when stale, truncated or damaged, equal to
what SQLite gives, and never written where the directory cannot be written."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard.store import open_store, rows as store_rows, snapshot
from dashboard.store import core as store_core
from gazetteer.errors import StoreError
from tests.store_fixtures import make_article


@pytest.fixture(autouse=True)
def _small_stores_get_a_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "MIN_ROWS", 0)  # the real threshold is 100,000 events


def _filled(path: Path, n_articles: int = 3):  # noqa: ANN202 - an EventStore
    store = open_store(path)
    for i in range(n_articles):
        article, events = make_article(f"s{i}", n_events=4)
        # Every kind of value a column can hold: nulls in each nullable column, a column with no value at all
        # (assoc_actor_1: an empty categorical), repeated and distinct categories, dates with a gap.
        events[1] = dataclasses.replace(events[1], event_date=None, latitude=None, longitude=None, fatalities=None,
                                        actor1=None, admin1=None, geo_precision=None)
        events[2] = dataclasses.replace(events[2], admin1="Hama", actor2=f"Group {i}", fatalities_low=2,
                                        fatalities_high=9, location_source="user")
        store.save_article(article, events)
    return store


def _sqlite_frame(store) -> pd.DataFrame:  # noqa: ANN001
    with store._read() as conn:
        return store_rows.frame_from_cursor(conn)


def _assert_same_frame(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    for name in want.columns:  # assert_frame_equal does not compare the categories' own dtype
        assert got[name].dtype == want[name].dtype, name
        if isinstance(want[name].dtype, pd.CategoricalDtype):
            assert got[name].cat.categories.dtype == want[name].cat.categories.dtype, name


def _no_sqlite_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("the store was read although its copy is current")

    monkeypatch.setattr(store_core, "frame_from_cursor", refuse)
    monkeypatch.setattr(store_core, "frame_via_arrow", refuse)


def test_a_full_read_leaves_a_copy_that_the_next_start_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    want = _sqlite_frame(store)
    frame, version = store.events_frame_versioned()
    store.wait_for_copy()
    assert snapshot.snapshot_path(path).exists()
    _assert_same_frame(frame, want)

    _no_sqlite_read(monkeypatch)
    again = open_store(path)  # as a restarted app would
    copied, copied_version = again.events_frame_versioned()
    assert copied_version == version == again.data_version()
    _assert_same_frame(copied, want)
    assert all(copied[name].array.__arrow_array__().num_chunks == 1 for name in ("event_id", "notes"))


def test_the_copy_is_stale_once_another_session_writes(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    store.events_frame_versioned()
    store.wait_for_copy()
    assert snapshot.load(path) is not None

    other = open_store(path)  # another session or process
    article, events = make_article("late", n_events=2)
    other.save_article(article, events)
    assert snapshot.load(path) is None  # stale: never the old events

    frame, version = open_store(path).events_frame_versioned()
    assert version == other.data_version()
    assert set(frame["article_id"].astype(str)) >= {article.article_id}
    _assert_same_frame(frame, _sqlite_frame(other))


def test_a_refresh_rewrites_the_copy(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    frame, version = store.events_frame_versioned()
    store.wait_for_copy()
    article, events = make_article("more", n_events=3)
    store.save_article(article, events)
    refreshed, new_version = store.refresh_frame(frame, version)
    store.wait_for_copy()
    loaded = snapshot.load(path)
    assert loaded is not None and loaded[1] == new_version
    _assert_same_frame(loaded[0], refreshed)
    assert len(loaded[0]) == len(frame) + 3


def _flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: os.path.getsize(path) // 2])


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(5000))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _cut_tail(path: Path) -> None:  # the header survives only in part
    path.write_bytes(path.read_bytes()[:-5])


DAMAGE = {"a flipped byte": _flip_middle, "truncated": _truncate, "random bytes": _garbage, "empty": _empty,
          "end cut off": _cut_tail}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_copy_is_ignored_and_replaced(tmp_path: Path, case: str) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    want = _sqlite_frame(store)
    store.events_frame_versioned()
    store.wait_for_copy()
    DAMAGE[case](snapshot.snapshot_path(path))
    assert snapshot.load(path) is None

    again = open_store(path)
    frame, _ = again.events_frame_versioned()
    _assert_same_frame(frame, want)
    again.wait_for_copy()
    assert snapshot.load(path) is not None  # written again from the store


def test_nothing_is_written_where_the_directory_cannot_be_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    want = _sqlite_frame(store)

    def read_only(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - what mkstemp raises in a read-only directory
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    frame, _ = store.events_frame_versioned()
    store.wait_for_copy()
    _assert_same_frame(frame, want)
    assert _ours(tmp_path) == []


def _ours(directory: Path) -> list[str]:
    """Files of this feature in ``directory`` (the copy or a temporary one), not SQLite's journal files."""
    return [p.name for p in directory.iterdir() if ".frame" in p.name]


def _read_only_is_enforced(directory: Path) -> bool:
    """False for root with its usual capabilities (it writes anywhere); CI runs as root, so the test above
    simulates the refusal.  ``setpriv --bounding-set -dac_override -- pytest ...`` runs this one as root."""
    probe = directory / "probe"
    probe.mkdir()
    probe.chmod(0o555)
    try:
        (probe / "x").write_bytes(b"")
    except PermissionError:
        return True
    finally:
        probe.chmod(0o755)
    return False


def test_nothing_is_written_into_a_read_only_directory(tmp_path: Path) -> None:
    if os.name != "posix" or not _read_only_is_enforced(tmp_path):
        pytest.skip("this user writes into read-only directories (root)")
    import sqlite3

    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    want = _sqlite_frame(store)
    # SQLite itself needs its journal files in the directory: an open connection keeps them there.
    holder = sqlite3.connect(path)
    holder.execute("SELECT count(*) FROM events").fetchone()
    tmp_path.chmod(0o555)
    try:
        frame, _ = store.events_frame_versioned()
        store.wait_for_copy()
    finally:
        tmp_path.chmod(0o755)
        holder.close()
    _assert_same_frame(frame, want)
    assert _ours(tmp_path) == []


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path)

    def full(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - a full disk at the last step
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert snapshot.save(path, _sqlite_frame(store), store.data_version()) is False
    assert _ours(tmp_path) == []


def test_a_frame_the_store_has_outrun_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    frame, version = _sqlite_frame(store), store.data_version()
    article, events = make_article("newer", n_events=1)
    store.save_article(article, events)
    assert snapshot.save(path, frame, version) is False
    assert not snapshot.snapshot_path(path).exists()


def test_every_write_draws_a_new_stamp(tmp_path: Path) -> None:
    """The key holds a random stamp drawn by each write: a backup restored and written to until it reaches
    the counter of the copy's store does not match it."""
    path = tmp_path / "events.sqlite3"
    store = _filled(path, n_articles=1)
    stamps = set()
    for i in range(5):
        article, events = make_article(f"w{i}", n_events=1)
        store.save_article(article, events)
        stamps.add(snapshot.store_key(path)["stamp"])
    assert len(stamps) == 5 and None not in stamps


def test_a_file_replaced_under_the_same_counter_is_not_described(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    store.events_frame_versioned()
    store.wait_for_copy()
    assert snapshot.describes_store(path)
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)  # the same bytes, another file (a restored copy): SQLite is checked again
    assert not snapshot.describes_store(path)
    assert snapshot.load(path) is None


def test_quick_check_still_refuses_a_damaged_store_beside_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path, n_articles=30)
    store.events_frame_versioned()
    store.wait_for_copy()
    assert snapshot.describes_store(path)
    data = bytearray(path.read_bytes())
    for offset in range(2 * 4096, len(data), 3 * 4096):  # pages damaged by something other than SQLite
        data[offset + 100: offset + 600] = os.urandom(500)
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert not snapshot.describes_store(path)
    with pytest.raises(StoreError, match="damaged"):
        open_store(path)


def test_a_store_left_as_it_was_skips_the_quick_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    store.events_frame_versioned()
    store.wait_for_copy()
    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    open_store(path)
    assert not [s for s in statements if "quick_check" in s]
    article, events = make_article("changed", n_events=1)
    store.save_article(article, events)  # the copy no longer describes the file: the check runs again
    statements.clear()
    open_store(path)
    assert [s for s in statements if "quick_check" in s]


def test_only_sqlite_stores_get_a_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    monkeypatch.setattr(store.backend, "kind", "postgresql")
    store.events_frame_versioned()
    store.wait_for_copy()
    assert not snapshot.snapshot_path(path).exists()


def test_a_column_subset_is_read_from_the_store(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    store.events_frame_versioned()
    store.wait_for_copy()
    sub = store.events_frame(columns=["event_id", "latitude"])
    assert list(sub.columns) == ["event_id", "latitude"]
