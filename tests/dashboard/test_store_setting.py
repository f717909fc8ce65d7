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
