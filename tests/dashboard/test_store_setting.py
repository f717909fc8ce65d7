"""The app on the configured store: CONFLICT_MAP_DATABASE_URL picks PostgreSQL, and a store that cannot be
used stops the app with a one-line message (never a traceback, never the password)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import open_store
from tests.dashboard.conftest import APP


@pytest.mark.parametrize(("url", "words"), [
    ("postgresql://ana:secret@127.0.0.1:1/events", "Cannot connect to the PostgreSQL store"),
    ("mysql://ana:secret@db/events", "has the scheme 'mysql'"),
])
def test_a_store_url_that_cannot_work_stops_the_app_with_a_message(url: str, words: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("psycopg")
    monkeypatch.setenv("CONFLICT_MAP_DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert words in errors and "secret" not in errors


def test_the_app_seeds_and_shows_a_postgresql_store(pg_server, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    url = pg_server.new_url()
    monkeypatch.setenv("CONFLICT_MAP_DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    stored = open_store(url)
    assert stored.count_events() > 0  # the sample articles went into PostgreSQL, not the data directory's file
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert f"Showing {stored.count_events()} events" in shown


def _stale_copy_beside(store_path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """The filled store with a copy of its frame, then an article saved by another process."""
    from dashboard.store import snapshot
    from tests.store_fixtures import make_article

    monkeypatch.setattr(snapshot, "MIN_ROWS", 0)  # the real threshold is 100,000 events
    store = open_store(store_path)
    store.events_frame_versioned()
    store.wait_for_copy()
    open_store(store_path).save_article(*make_article("another process", n_events=2))
    assert not snapshot.describes_store(store_path)


def test_the_first_page_is_drawn_before_the_store_file_is_checked(filled, _isolated_data_dir,  # noqa: ANN001
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """After another process saved, the file's quick_check runs once the first page is drawn, not before it
    (1-2.5 s at a million events); a save waits for it."""
    import threading

    from dashboard.session import CONTEXT_KEY
    from dashboard.store import sqlite as store_sqlite

    _stale_copy_beside(_isolated_data_dir / "events.sqlite3", monkeypatch)
    drawn = threading.Event()
    checks: list[bool] = []
    real = store_sqlite.quick_check

    def after_the_page(path):  # noqa: ANN001, ANN202
        checks.append(drawn.wait(10))  # False: it ran while the page was still being drawn
        return real(path)

    monkeypatch.setattr(store_sqlite, "quick_check", after_the_page)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    drawn.set()
    assert not at.exception
    assert at.metric[0].value == "6"  # 4 events of the filled store and the 2 saved since
    assert any("checked once this page is drawn" in c.value for c in at.sidebar.caption)
    store = at.session_state[CONTEXT_KEY].store
    assert store.check_file_now() is None
    assert checks == [True]
    at.run()
    assert not any("checked once this page is drawn" in c.value for c in at.sidebar.caption)
    assert not at.error


def test_a_damaged_store_file_found_after_the_first_page_turns_editing_off(filled, _isolated_data_dir,  # noqa: ANN001
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.session import CONTEXT_KEY
    from tests.test_store_snapshot import _damage_table

    path = _isolated_data_dir / "events.sqlite3"
    _stale_copy_beside(path, monkeypatch)
    _damage_table(path, "event_versions")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception and not at.error  # drawn from the copy and the article saved since
    store = at.session_state[CONTEXT_KEY].store
    assert "damaged" in store.check_file_now()
    at.run()
    assert any("is damaged" in e.value and "editing is turned off" in e.value for e in at.error)
    assert not at.session_state[CONTEXT_KEY].can_edit
