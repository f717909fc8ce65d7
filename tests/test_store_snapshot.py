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
from extraction.records import Mention
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
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    store.events_frame_versioned()
    store.wait_for_copy()
    statements = _traced_statements(monkeypatch)
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


# -- a copy some writes behind: brought up to date from the articles changed since ---------------------------


def _linked(path: Path):  # noqa: ANN202 - an EventStore
    """``_filled`` plus an article whose event also cites s2 (a mention in another article) and one after it,
    with a copy written: every report of the shelling in Idlib is one merged event (same day, place, type)."""
    store = _filled(path)
    s2 = make_article("s2", n_events=4)[0].article_id
    article, events = make_article("cites", n_events=2)
    cited = Mention(s2, "Sentence 2 of article s2.", 40, 66)
    events[0] = dataclasses.replace(events[0], actor1="Cited Group", mentions=(*events[0].mentions, cited))
    store.save_article(article, events)
    store.save_article(*make_article("after", n_events=3))
    store.events_frame_versioned()
    store.wait_for_copy()
    assert snapshot.load(path) is not None
    return store


def _add(other) -> None:  # noqa: ANN001
    article, events = make_article("added", n_events=3)
    other.save_article(article, [dataclasses.replace(e, admin1="Brand-new governorate") for e in events])


def _edit_first(other) -> None:  # noqa: ANN001 - its rows go to the end, its actor2 category too
    article, events = make_article("s0", n_events=4)
    other.update_events(article.article_id, [dataclasses.replace(events[0], actor1="Renamed")], editor="ed")


def _delete_middle(other) -> None:  # noqa: ANN001
    other.delete_article(make_article("s1", n_events=4)[0].article_id)


def _delete_cited(other) -> None:  # noqa: ANN001 - 'cites' loses a mention: changed, its rows left in place
    other.delete_article(make_article("s2", n_events=4)[0].article_id)


def _restore(other) -> None:  # noqa: ANN001
    article_id = make_article("s0", n_events=4)[0].article_id
    other.update_events(article_id, [], editor="ed")
    other.restore_version(article_id, 1, editor="ed")


def _split(other) -> None:  # noqa: ANN001 - a report taken out of its merged event: its article changed in place
    event_id = make_article("s1", n_events=4)[1][0].event_id
    assert other.split_report(event_id, editor="ed") is not None


def _place_only(other) -> None:  # noqa: ANN001 - a write that changes no article
    other.add_user_place("Somewhere", 35.0, 37.0)


def _all(other) -> None:  # noqa: ANN001
    for change in (_split, _add, _edit_first, _delete_cited, _place_only, _delete_middle):
        change(other)


CHANGES = {"add": _add, "edit": _edit_first, "delete": _delete_middle, "delete cited": _delete_cited,
           "restore": _restore, "split": _split, "user place": _place_only, "all": _all}


def _no_full_read(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Refuse a read of every event; return the article ids of the reads made."""
    read: list[list[str]] = []
    real = store_core.frame_from_cursor

    def articles_only(conn, *, columns=None, article_ids=None):  # noqa: ANN001, ANN202
        if article_ids is None:
            raise AssertionError("every event was read although a copy some writes behind was there")
        read.append(list(article_ids))
        return real(conn, columns=columns, article_ids=article_ids)

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("every event was read although a copy some writes behind was there")

    monkeypatch.setattr(store_core, "frame_from_cursor", articles_only)
    monkeypatch.setattr(store_core, "frame_via_arrow", refuse)
    return read


@pytest.mark.parametrize("case", list(CHANGES))
def test_a_copy_some_writes_behind_is_brought_up_to_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         case: str) -> None:
    """Another store (another session or process) writes after the copy: the next start reads only the
    articles changed since and returns exactly the frame a full read gives (rows, values, categories and
    their order), then writes the copy again for the store as it is now."""
    path = tmp_path / "events.sqlite3"
    _linked(path)
    other = open_store(path)
    CHANGES[case](other)
    assert snapshot.load(path) is None  # stale

    read = _no_full_read(monkeypatch)
    again = open_store(path)
    frame, version = again.events_frame_versioned()
    assert version == other.data_version()
    _assert_same_frame(frame, _sqlite_frame(other))
    assert len(read) == (0 if case == "user place" else 1)
    again.wait_for_copy()
    loaded = snapshot.load(path)
    assert loaded is not None and loaded[1] == version
    _assert_same_frame(loaded[0], frame)


def test_a_copy_behind_a_save_by_another_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    path = tmp_path / "events.sqlite3"
    _linked(path)
    code = ("import dataclasses, sys; from dashboard.store import open_store; from tests.store_fixtures import make_article;"
            f" s = open_store({str(path)!r}); a, e = make_article('proc', n_events=5);"
            " s.save_article(a, [dataclasses.replace(x, actor2='Process Group') for x in e]);"
            " s.delete_article(make_article('s0', n_events=4)[0].article_id)")
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root,
                   env={**os.environ, "PYTHONPATH": str(root)})
    _no_full_read(monkeypatch)
    store = open_store(path)
    frame, version = store.events_frame_versioned()
    _assert_same_frame(frame, _sqlite_frame(store))
    assert version == store.data_version() and "Process Group" in set(frame["actor2"].dropna())


def test_refresh_frame_gives_what_a_full_read_gives(tmp_path: Path) -> None:
    """The refresh of a frame held in memory (every rerun after a save) orders rows and categories as a
    full read does, also when an article changed in place (a split) before later articles."""
    path = tmp_path / "events.sqlite3"
    store = _linked(path)
    for change in (_split, _edit_first, _delete_cited, _add):
        frame, version = store.events_frame_versioned()
        change(store)
        refreshed, new_version = store.refresh_frame(frame, version)
        assert new_version == store.data_version()
        _assert_same_frame(refreshed, _sqlite_frame(store))


def _backup_then_diverge(path: Path, store) -> None:  # noqa: ANN001
    """The store replaced by a backup taken before the copy was written, then written to past the copy's
    counter: same counters, another history."""
    backup = store.backup(path.with_name("backup.sqlite3"))
    for key in ("x1", "x2", "x3"):
        store.save_article(*make_article(key, n_events=1))
    store.events_frame_versioned()
    store.wait_for_copy()
    copied = snapshot.load(path)
    assert copied is not None
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(backup.read_bytes())  # copied over in place, as a careless restore would
    restored = open_store(path)
    for key in ("y1", "y2", "y3", "y4"):
        restored.save_article(*make_article(key, n_events=2))
    assert restored.data_version() > copied[1]


def _unlogged_write(path: Path, store) -> None:  # noqa: ANN001
    """A write by a program that does not keep the write log (an older release): a gap in the log."""
    import sqlite3

    store.save_article(*make_article("logged", n_events=1))
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM events WHERE article_id = ?", (make_article("s0", n_events=4)[0].article_id,))
        conn.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'write_counter'")
    conn.close()
    store.save_article(*make_article("logged again", n_events=1))


@pytest.mark.parametrize("history", [_backup_then_diverge, _unlogged_write])
def test_a_copy_of_another_history_is_not_brought_up_to_date(tmp_path: Path, history) -> None:  # noqa: ANN001
    """A copy whose counter and stamp are not in the store's write log, or with writes missing from the log
    since, is ignored: the store is read in full."""
    path = tmp_path / "events.sqlite3"
    store = _linked(path)
    history(path, store)
    assert snapshot.read_copy(path, older=True) is not None  # there is a copy some writes behind
    fresh = open_store(path)
    frame, version = fresh.events_frame_versioned()
    assert version == fresh.data_version()
    _assert_same_frame(frame, _sqlite_frame(fresh))


def test_a_frame_that_is_not_the_store_it_claims_is_read_again(tmp_path: Path) -> None:
    """A frame short of a row (not what the store held at its version) is not patched: it is read in full."""
    path = tmp_path / "events.sqlite3"
    store = _linked(path)
    frame, version = store.events_frame_versioned()
    store.save_article(*make_article("one more", n_events=2))
    refreshed, _ = store.refresh_frame(frame.iloc[1:].reset_index(drop=True), version)
    _assert_same_frame(refreshed, _sqlite_frame(store))


# -- the dashboard's store: with a copy some writes behind, the file's check is deferred, never skipped ----


def _stale(path: Path):  # noqa: ANN202 - the store that wrote the copy
    """A store with a copy of its frame, then an article saved by another store (another process)."""
    store = _filled(path, n_articles=30)
    store.events_frame_versioned()
    store.wait_for_copy()
    open_store(path).save_article(*make_article("later", n_events=2))
    assert not snapshot.describes_store(path)
    return store


def _damage_table(path: Path, table: str) -> None:
    """Damage every leaf page of ``table`` in place (same file), as another program's bad write would: their
    cell counts point past the page.  The events, the write log and the copy's key are left readable."""
    import sqlite3

    conn = sqlite3.connect(path)
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,))]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert pages and not Path(f"{path}-wal").exists()
    with open(path, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * page_size + 3)
            handle.write(b"\xff\xf0")


def _traced_statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import sqlite3

    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    return statements


def test_a_copy_some_writes_behind_defers_the_check_until_it_is_asked_for(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.sqlite3"
    _stale(path)
    statements = _traced_statements(monkeypatch)
    store = open_store(path, check_later=True)
    frame, version = store.events_frame_versioned()
    assert len(frame) == 30 * 4 + 2 and version == store.data_version()
    assert not [s for s in statements if "quick_check" in s]
    assert store.file_check_pending and store.file_problem is None
    with store._connect() as conn, pytest.raises(Exception, match="readonly"):  # nothing written before it
        conn.execute("CREATE TABLE written_before_the_check (x)")
    store.check_file_later()
    assert store.check_file_now() is None  # waits for the background check
    assert [s for s in statements if "quick_check" in s] and not store.file_check_pending
    store.wait_for_copy()
    assert snapshot.describes_store(path)  # the copy is written once the file has passed
    store.save_article(*make_article("after the check", n_events=1))


def test_a_save_runs_the_deferred_check_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.sqlite3"
    _stale(path)
    statements = _traced_statements(monkeypatch)
    store = open_store(path, check_later=True)
    assert store.file_check_pending
    store.save_article(*make_article("saved", n_events=1))
    assert not store.file_check_pending and store.file_check_seconds is not None
    assert [s for s in statements if "quick_check" in s]


def test_a_damaged_file_behind_a_copy_some_writes_behind_is_never_written(tmp_path: Path) -> None:
    """The first page may be drawn from the copy before the check, but the check still comes before any
    write: a damaged file is refused, left byte for byte as it was, and no copy vouches for it."""
    import hashlib

    path = tmp_path / "events.sqlite3"
    _stale(path)
    _damage_table(path, "event_versions")
    with pytest.raises(StoreError, match="damaged"):
        open_store(path)  # checked at once without check_later, as before
    store = open_store(path, check_later=True)
    frame, _ = store.events_frame_versioned()  # drawn from the copy and the changed article
    assert len(frame) == 30 * 4 + 2
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="damaged"):
        store.save_article(*make_article("refused", n_events=1))
    with pytest.raises(StoreError, match="damaged"):
        store.delete_article(make_article("s0", n_events=4)[0].article_id)
    assert store.file_problem is not None and "damaged" in store.file_problem
    store.wait_for_copy()
    assert not snapshot.describes_store(path)  # the copy was not rewritten for the damaged file
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_file_changed_without_a_write_is_checked_at_once_even_later(tmp_path: Path) -> None:
    """Deferral needs a write in the log to explain the change: bytes changed under the copy's own counter
    (or another file put in its place) are checked when the store is opened."""
    path = tmp_path / "events.sqlite3"
    store = _filled(path, n_articles=30)
    store.events_frame_versioned()
    store.wait_for_copy()
    _damage_table(path, "event_versions")
    with pytest.raises(StoreError, match="damaged"):
        open_store(path, check_later=True)
    path2 = tmp_path / "other" / "events.sqlite3"
    _stale(path2)
    data = path2.read_bytes()
    path2.rename(path2.with_name("kept.sqlite3"))  # kept, so that its inode is not the new file's
    path2.write_bytes(data)  # the same bytes in another file (a restored copy): checked at once
    assert not open_store(path2, check_later=True).file_check_pending


def test_a_copy_cancelled_while_it_is_written_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A running app lets go of the frame being written as soon as a newer one waits (peak memory after a save):
    the copy already there stays as it was, and no temporary file is left."""
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    frame, version = _sqlite_frame(store), store.data_version()
    assert snapshot.save(path, frame, version) is True
    before = snapshot.snapshot_path(path).read_bytes()
    monkeypatch.setattr(snapshot, "_WRITE_PIECE", 64)  # many looks at ``cancelled`` even for a small frame
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3  # turns true in the middle of the write

    assert snapshot.save(path, frame, version, cancelled=cancelled) is False
    assert 4 <= len(asked) < 10  # it stopped there (the writer asks once more as it gives up)
    assert snapshot.snapshot_path(path).read_bytes() == before
    assert _ours(tmp_path) == [snapshot.snapshot_path(path).name]
    assert snapshot.save(path, frame, version, cancelled=lambda: True) is False  # before anything is written
    assert snapshot.save(path, frame, version, cancelled=lambda: False) is True
    _assert_same_frame(snapshot.load(path)[0], frame)


def test_the_copy_writer_lets_go_of_a_frame_a_newer_one_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer drops the frame it is writing when a refresh hands it a newer one, and writes the newer one:
    the copy ends as the newest frame, and the older one was not kept alive through a whole write."""
    path = tmp_path / "events.sqlite3"
    store = _filled(path)
    old, version = _sqlite_frame(store), store.data_version()
    newer = _sqlite_frame(store)
    monkeypatch.setattr(snapshot, "_WRITE_PIECE", 64)
    real_save = snapshot.save
    written: list[tuple[int, bool]] = []

    def save(store_path, frame, at, *, cancelled):  # noqa: ANN001, ANN202
        if store_path != path:  # another test's store, whose writer thread is still finishing in this process
            return real_save(store_path, frame, at, cancelled=cancelled)
        if frame is old:  # a refresh finishes while the old frame is being written
            store._copy_job = (newer, version)
        done = real_save(store_path, frame, at, cancelled=cancelled)
        written.append((id(frame), done))
        return done

    monkeypatch.setattr(snapshot, "save", save)
    monkeypatch.setattr(store_core, "COPY_DELAY", 0.0)
    store._copy_job = (old, version)
    store._write_copies()  # the writer thread's loop, run here
    assert written == [(id(old), False), (id(newer), True)]
    _assert_same_frame(snapshot.load(path)[0], newer)
    assert _ours(tmp_path) == [snapshot.snapshot_path(path).name]
