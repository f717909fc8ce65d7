"""The event store: round trips, duplicates, atomic replace/delete, the frame, and refusing foreign files."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.store import migrations
from dashboard.store import core as store_module
from dashboard.store import STORE_FILENAME, open_store
from dashboard.store.rows import FRAME_DTYPES
from dashboard.store.sqlite import SQLITE_MAGIC
from extraction.records import EVENT_COLUMNS, MAX_EVENT_FATALITIES, Article, Mention
from gazetteer.errors import InputError, StoreError
from tests import store_legacy
from tests.store_fixtures import make_article, make_event


@pytest.fixture
def store(store_url: str):
    return open_store(store_url)


@pytest.fixture
def sqlite_store(tmp_path: Path):
    """For what only an SQLite file has (its header, PRAGMAs, the file's own backup and restore)."""
    return open_store(tmp_path / "events.sqlite3")


def test_default_path_is_in_the_data_dir(_isolated_data_dir: Path) -> None:
    store = open_store()
    assert store.path == _isolated_data_dir / STORE_FILENAME
    assert store.is_empty()


def test_schema_has_exactly_the_event_columns(sqlite_store) -> None:
    store = sqlite_store
    with sqlite3.connect(store.path) as conn:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(events)")]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert sorted(cols) == sorted(EVENT_COLUMNS)
    assert set(FRAME_DTYPES) | {"event_date"} == set(EVENT_COLUMNS)
    assert (app_id, user_version, journal) == (migrations.APPLICATION_ID, migrations.LATEST_VERSION, "wal")


def test_save_and_read_back_round_trip(store) -> None:
    article, events = make_article("a", n_events=4)
    result = store.save_article(article, events)
    assert (result.article_id, result.created, result.events_saved) == (article.article_id, True, 4)
    assert store.get_article(article.article_id) == article
    assert store.events_for_article(article.article_id) == events
    assert store.mentions(events[1].event_id) == list(events[1].mentions)
    [info] = store.list_articles()
    assert (info.title, info.n_events, info.published) == (article.title, 4, date(2016, 5, 4))
    assert store.count_events() == 4 and not store.is_empty()


def test_same_text_twice_is_one_article(store) -> None:
    article, events = make_article("dup", n_events=3)
    first = store.save_article(article, events)
    # Same text under another id (e.g. uploaded again from a file): still one article.
    second = store.save_article(dataclasses.replace(article, article_id="other-id"), events)
    assert first.created and not second.created
    assert second.article_id == first.article_id
    assert (second.events_saved, second.version, second.new_version) == (0, 1, False)  # nothing to change
    assert store.count_articles() == 1 and store.count_events() == 3


def test_resave_with_edited_events_replaces_them_when_asked(store) -> None:
    article, events = make_article("edit", n_events=5)
    store.save_article(article, events)
    edited = [dataclasses.replace(events[0], fatalities=42), make_event(article.article_id, 99)]
    result = store.save_article(article, edited, replace_events=True, editor="ana")
    assert (result.events_saved, result.version, result.new_version) == (2, 2, True)
    got = store.events_for_article(article.article_id)
    assert [e.event_id for e in got] == [edited[0].event_id, edited[1].event_id]
    assert got[0].fatalities == 42
    assert store.mentions(events[3].event_id) == []  # mentions of removed events are gone too


def test_failed_save_leaves_nothing(store) -> None:
    article, events = make_article("bad", n_events=3)
    events.append(events[0])  # repeated event id: the insert fails part-way
    before = store.data_version()
    with pytest.raises(StoreError, match="Nothing was saved"):
        store.save_article(article, events)
    assert store.is_empty() and store.count_events() == 0
    assert store.data_version() == before


def test_failed_update_keeps_the_old_events(store) -> None:
    article, events = make_article("keep", n_events=3)
    store.save_article(article, events)
    with pytest.raises(StoreError):
        store.update_events(article.article_id, [events[0], events[0]], editor="local")
    assert store.events_for_article(article.article_id) == events
    assert [v.version for v in store.history(article.article_id)] == [1]  # no version for a failed update


def test_event_id_of_another_article_is_refused(store) -> None:
    a, a_events = make_article("one", n_events=2)
    b, _ = make_article("two", n_events=0)
    store.save_article(a, a_events)
    with pytest.raises(StoreError):
        store.save_article(b, [dataclasses.replace(a_events[0], article_id=b.article_id)])
    assert store.get_article(b.article_id) is None


def test_same_id_different_text_is_refused(store) -> None:
    a, events = make_article("x", n_events=1)
    store.save_article(a, events)
    with pytest.raises(StoreError, match="different text"):
        store.save_article(Article(text="another text", article_id=a.article_id), [])


def test_empty_text_is_refused(store) -> None:
    with pytest.raises(InputError):
        store.save_article(Article(text="   \n"), [])
    assert store.is_empty()


def test_delete_article_removes_events_and_mentions(store) -> None:
    a, a_events = make_article("del", n_events=3)
    b, b_events = make_article("stay", n_events=2)
    store.save_article(a, a_events)
    store.save_article(b, b_events)
    # b also reported one of a's events, and a reported one of b's: cross-article mentions.
    store.update_events(b.article_id, [dataclasses.replace(
        b_events[0], mentions=b_events[0].mentions + (Mention(a.article_id, "a's copy", 1, 9),))], editor="local")
    store.delete_article(a.article_id)
    assert store.get_article(a.article_id) is None
    assert store.count_events() == 1
    assert [m.article_id for m in store.mentions(b_events[0].event_id)] == [b.article_id]
    assert store.integrity_check() == ["ok"]


def test_update_unknown_article_is_an_error(store) -> None:
    with pytest.raises(StoreError, match="No article"):
        store.update_events("nope", [], editor="local")


def test_data_version_changes_on_every_write(store) -> None:
    seen = [store.data_version()]
    a, events = make_article("v", n_events=1)
    store.save_article(a, events)
    seen.append(store.data_version())
    store.update_events(a.article_id, [], editor="local")
    seen.append(store.data_version())
    store.add_user_place("Kafr Nabudah", 35.45, 36.5, admin1="Hama")
    seen.append(store.data_version())
    store.delete_article(a.article_id)
    seen.append(store.data_version())
    assert len(set(seen)) == len(seen)
    assert store.data_version() == seen[-1]  # reading does not change it


def test_events_frame_columns_and_dtypes(store) -> None:
    a, events = make_article("f", n_events=5)
    events[2] = dataclasses.replace(events[2], event_date=None, latitude=None, longitude=None, fatalities=None)
    store.save_article(a, events)
    frame = store.events_frame()
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) == 5
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert frame["event_date"].isna().sum() == 1
    assert frame["event_date"].iloc[0] == pd.Timestamp("2016-05-03")
    assert isinstance(frame["event_type"].dtype, pd.CategoricalDtype)
    assert frame["fatalities"].dtype == "Int32"
    assert frame["fatalities"].isna().sum() == sum(e.fatalities is None for e in events) == 3
    assert list(frame["event_id"]) == [e.event_id for e in events]


def test_events_frame_across_chunks(store, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.store import rows as store_rows

    monkeypatch.setattr(store_rows, "CHUNK_ROWS", 3)
    a, a_events = make_article("c1", n_events=4)
    b, b_events = make_article("c2", n_events=4)
    b_events = [dataclasses.replace(e, admin1="Hama", actor1=None) for e in b_events]
    store.save_article(a, a_events)
    store.save_article(b, b_events)
    frame = store.events_frame()
    assert list(frame["admin1"]) == ["Idlib"] * 4 + ["Hama"] * 4
    assert frame["actor1"].isna().sum() == 4
    assert frame.index.equals(pd.RangeIndex(8))


def test_events_frame_empty_and_column_subset(store) -> None:
    empty = store.events_frame()
    assert list(empty.columns) == list(EVENT_COLUMNS) and len(empty) == 0
    sub = store.events_frame(columns=["event_id", "latitude"])
    assert list(sub.columns) == ["event_id", "latitude"]
    with pytest.raises(ValueError, match="Unknown event columns"):
        store.events_frame(columns=["nope"])


def test_user_places(store) -> None:
    place_id = store.add_user_place(" Tal Rifaat ", 36.47, 37.1, admin1="Aleppo", note="from the upload page")
    [place] = store.user_places()
    assert (place.place_id, place.name, place.admin1) == (place_id, "Tal Rifaat", "Aleppo")
    with pytest.raises(InputError):
        store.add_user_place("Nowhere", 95.0, 10.0)


def test_backup_is_a_working_store(store, tmp_path: Path) -> None:
    a, events = make_article("b", n_events=2)
    store.save_article(a, events)
    copy = open_store(store.backup(tmp_path / "backup.sqlite3"))
    assert copy.events_for_article(a.article_id) == events


def test_both_backends_have_exactly_the_event_columns(store) -> None:
    with store._connect() as conn:
        assert sorted(conn.columns("events")) == sorted(EVENT_COLUMNS)


def test_reopen_keeps_data_and_does_not_migrate_again(store, store_url: str) -> None:
    a, events = make_article("r", n_events=2)
    store.save_article(a, events)
    again = open_store(store_url)
    assert again.count_events() == 2
    with store._connect() as conn:
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(migrations.MIGRATIONS)


# -- damaged and foreign files: refused, never modified ----------------------------------


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('Ada')")
    conn.close()


def _our_store_truncated(path: Path) -> None:
    store = open_store(path)
    for i in range(30):
        a, events = make_article(f"t{i}", n_events=20)
        store.save_article(a, events)
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data[: len(data) // 2 + 100])


def _our_store_corrupted(path: Path) -> None:
    store = open_store(path)
    for i in range(30):
        a, events = make_article(f"k{i}", n_events=20)
        store.save_article(a, events)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data), 3 * page):  # overwrite the middle of several pages
        data[offset + 100: offset + 600] = os.urandom(500)
    path.write_bytes(bytes(data))


DAMAGED = {
    "random bytes": (lambda p: p.write_bytes(os.urandom(8192)), "not an SQLite database"),
    "text file": (lambda p: p.write_text("id,name\n1,Ada\n"), "not an SQLite database"),
    "sqlite header only": (lambda p: p.write_bytes(SQLITE_MAGIC + b"\x00" * 20), "truncated"),
    "foreign sqlite": (_foreign_sqlite, "not an event store"),
    "truncated store": (_our_store_truncated, "truncated"),
    "corrupted pages": (_our_store_corrupted, "damaged"),
}


@pytest.mark.parametrize("case", list(DAMAGED))
def test_damaged_or_foreign_file_is_refused_and_untouched(tmp_path: Path, case: str) -> None:
    path = tmp_path / "events.sqlite3"
    make, message = DAMAGED[case]
    make(path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match=message) as info:
        open_store(path)
    assert "untouched" in str(info.value) or "left" in str(info.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_newer_schema_is_refused(store, store_url: str) -> None:
    with store._connect() as conn:
        conn.execute("INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', 'x')")
    with pytest.raises(StoreError, match="newer"):
        open_store(store_url)


def test_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    path.touch()
    assert open_store(path).is_empty()


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("event_id").reset_index(drop=True).astype(object)


def test_refresh_frame_rereads_only_changed_articles(store) -> None:
    a, a_events = make_article("ra", n_events=3)
    b, b_events = make_article("rb", n_events=2)
    store.save_article(a, a_events)
    store.save_article(b, b_events)
    frame, version = store.events_frame_versioned()
    same, same_version = store.refresh_frame(frame, version)
    assert same is frame and same_version == version

    c, c_events = make_article("rc", n_events=4)
    store.save_article(c, [dataclasses.replace(e, admin1="Brand-new governorate") for e in c_events])
    store.update_events(a.article_id, a_events[:1], editor="local")
    store.delete_article(b.article_id)
    store.add_user_place("Somewhere", 35.0, 37.0)  # a write that changes no article

    refreshed, new_version = store.refresh_frame(frame, version)
    assert new_version == store.data_version() > version
    full = store.events_frame()
    assert len(refreshed) == len(full) == 5
    pd.testing.assert_frame_equal(_canonical(refreshed), _canonical(full))
    assert isinstance(refreshed["admin1"].dtype, pd.CategoricalDtype)
    for name in full.columns:
        if isinstance(full[name].dtype, pd.CategoricalDtype):  # same categories (order may differ)
            assert set(refreshed[name].cat.categories) == set(full[name].cat.categories), name
        else:
            assert refreshed[name].dtype == full[name].dtype, name
    assert len(frame) == 5 and set(frame["article_id"]) == {a.article_id, b.article_id}  # input untouched


def test_refresh_frame_from_unknown_version_reads_everything(store) -> None:
    a, events = make_article("ru", n_events=2)
    store.save_article(a, events)
    refreshed, version = store.refresh_frame(store.events_frame().iloc[:0], 10_000)
    assert len(refreshed) == 2 and version == store.data_version()


def test_unusable_location_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be")
    with pytest.raises(StoreError, match="Cannot open or create"):
        open_store(blocker / "events.sqlite3")
    assert blocker.read_text() == "a file where the data directory should be"


def test_old_store_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    conn, old = store_legacy.build_store(path, schema_version=1)  # as the first release left it
    a, events = make_article("old", n_events=2)
    old.save_article(a, events, saved_at="2016-05-05T10:00:00+00:00")
    conn.close()
    store = open_store(path)
    with sqlite3.connect(path) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    assert versions == [m[0] for m in migrations.MIGRATIONS] and user_version == migrations.LATEST_VERSION
    assert store.events_for_article(a.article_id) == events
    frame, version = store.events_frame_versioned()
    store.delete_article(a.article_id)
    assert len(store.refresh_frame(frame, version)[0]) == 0


def test_admin_backup_check_restore(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from dashboard.store import admin as store_admin

    live = tmp_path / "events.sqlite3"
    store = open_store(live)
    a, events = make_article("adm", n_events=2)
    store.save_article(a, events)
    assert store_admin.main(["--store", str(live), "backup", str(tmp_path / "b.sqlite3")]) == 0
    assert store_admin.main(["--store", str(live), "check"]) == 0
    store.delete_article(a.article_id)  # a mistake to undo
    assert store_admin.main(["--store", str(live), "restore", str(tmp_path / "b.sqlite3")]) == 0
    assert open_store(live).events_for_article(a.article_id) == events
    kept = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name and p.name.endswith("Z")]
    assert len(kept) == 1 and open_store(kept[0]).is_empty()
    assert store_admin.main(["--store", str(live), "info"]) == 0
    assert "events: 2" in capsys.readouterr().out


def test_admin_refuses_a_foreign_backup(tmp_path: Path) -> None:
    from dashboard.store import admin as store_admin

    live = tmp_path / "events.sqlite3"
    open_store(live)
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"not a database at all" * 100)
    assert store_admin.main(["--store", str(live), "restore", str(bogus)]) == 1
    assert open_store(live).is_empty() and bogus.read_bytes() == b"not a database at all" * 100


def _mixed_store(store) -> None:
    """Articles whose first rows are all NULL in nullable columns (ADBC infers types from the first rows)."""
    a, a_events = make_article("nulls", n_events=1500)
    a_events = [dataclasses.replace(e, actor1=None, actor2=None, admin1=None, location="" if i % 2 else None,
                                    latitude=None, longitude=None, fatalities=None, inter1=None, event_date=None,
                                    geo_precision=None, time_precision=None)
                for i, e in enumerate(a_events)]
    b, b_events = make_article("values", n_events=30)
    b_events = [dataclasses.replace(e, fatalities=MAX_EVENT_FATALITIES if i == 0 else i, latitude=-0.0 if i == 1 else 36.2,
                                    source_url="", fatalities_text="dozens" if i == 2 else "")
                for i, e in enumerate(b_events)]
    store.save_article(a, a_events)
    store.save_article(b, b_events)


def test_fast_and_plain_reads_give_the_same_frame(store, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("adbc_driver_sqlite")
    from dashboard.store import rows as store_rows

    _mixed_store(store)
    fast = store_rows.frame_via_arrow(store.backend)
    assert fast is not None
    monkeypatch.setattr(store_module, "frame_via_arrow", lambda path, columns=None: None)
    plain = store.events_frame()
    assert len(fast) == len(plain) == 1530
    for name in plain.columns:
        assert str(fast[name].dtype) == str(plain[name].dtype), name
        assert _values(fast[name]) == _values(plain[name]), name
    assert plain["location"].iloc[:1500].isna().all()  # "" and NULL both mean "not known" in a nullable column
    assert (plain["source_url"].iloc[1500:] == "").all()  # a NOT NULL column keeps its empty strings
    assert plain["fatalities"].iloc[1500] == MAX_EVENT_FATALITIES  # the largest toll the store accepts


def _values(series: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in series.astype(object)]


def test_fast_read_retries_when_a_write_lands_during_it(store, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.store import rows as store_rows

    a, events = make_article("first", n_events=2)
    store.save_article(a, events)
    late, late_events = make_article("late", n_events=3)
    calls = []

    def read_while_someone_writes(path: str, columns=None):  # noqa: ANN001
        calls.append(1)
        frame = store_rows.frame_via_arrow(path, columns=columns)
        if len(calls) == 1:
            store.save_article(late, late_events)
        return frame if frame is not None else store_rows.empty_frame(columns or store_rows.EVENT_COLUMNS)

    monkeypatch.setattr(store_module, "frame_via_arrow", read_while_someone_writes)
    monkeypatch.setattr(store_module, "FAST_READ_MIN_ROWS", 0)
    frame, version = store.events_frame_versioned()
    assert len(calls) == 2
    assert version == store.data_version()
    if store_rows.frame_via_arrow(store.backend) is not None:
        assert len(frame) == 5


def test_fast_read_by_several_children_keeps_every_row_once_in_order(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The SQLite fast read splits the rowids between children (one per CPU): with gaps left by a deleted
    article and more children than CPUs here, it still gives the plain read's rows, each once, in order."""
    pytest.importorskip("adbc_driver_sqlite")
    from dashboard.store import rows as store_rows

    store = open_store(tmp_path / STORE_FILENAME)
    for key, n in (("a", 7), ("b", 5), ("c", 9), ("d", 4)):
        article, events = make_article(key, n_events=n)
        store.save_article(article, events)
    store.delete_article(make_article("b", n_events=5)[0].article_id)
    monkeypatch.setattr(store_rows, "FAST_READ_CHILDREN", 3)
    monkeypatch.setattr(store_rows.os, "cpu_count", lambda: 4)
    calls = []
    real = type(store.backend).arrow_batches
    monkeypatch.setattr(type(store.backend), "arrow_batches",
                        lambda self, sql, encoded: calls.append(sql) or real(self, sql, encoded))
    fast = store_rows.frame_via_arrow(store.backend)
    assert len(calls) == 3 and all("WHERE rowid >" in sql for sql in calls)
    monkeypatch.setattr(store_module, "frame_via_arrow", lambda path, columns=None: None)
    plain = store.events_frame()
    assert list(fast["event_id"]) == list(plain["event_id"]) and len(plain) == 20
