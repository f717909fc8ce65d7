"""A fresh install fills its empty store from sample_articles/ so the map is never empty."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.seed import seed_if_empty
from dashboard.store import open_store
from tests.dashboard.conftest import APP


def test_seed_fills_an_empty_store_once(tmp_path: Path) -> None:
    store = open_store(tmp_path / "events.sqlite3")
    report = seed_if_empty(store)
    assert report.articles == 1 and report.events == store.count_events() > 0 and not report.problems
    assert seed_if_empty(store).articles == 0  # not empty any more: nothing done
    assert store.count_articles() == 1


def test_a_bad_sample_is_reported_not_fatal(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "a_empty.txt").write_bytes(b"")
    (samples / "b_good.txt").write_text("Shelling of Idlib\n07 December, 2015\n"
                                        "Government forces shelled the town of Saraqib in Idlib province on Monday.")
    store = open_store(tmp_path / "events.sqlite3")
    report = seed_if_empty(store, sample_dir=samples)
    assert report.articles == 1 and len(report.problems) == 1 and "a_empty.txt" in report.problems[0]


def test_app_on_an_empty_data_dir_seeds_and_shows_the_sample(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("CONFLICT_MAP_MODE", "local")
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    points = [row for layer in spec["layers"] if layer["id"].startswith("events-") for row in layer["data"]]
    assert len(points) >= 3


def test_pages_never_modify_the_shared_cached_frame(monkeypatch) -> None:  # noqa: ANN001
    """Regression guard: the frame cached with st.cache_resource is shared by every session."""
    from dashboard import state
    from dashboard.session import CONTEXT_KEY

    monkeypatch.setenv("CONFLICT_MAP_MODE", "local")
    at = AppTest.from_file(APP, default_timeout=120).run()
    frame = at.session_state[CONTEXT_KEY].frame
    before = pd.util.hash_pandas_object(frame, index=True).sum()
    columns = list(frame.columns)
    for page in ("map", "timeline", "table", "articles", "upload"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception
    at.text_input(key=state.F_TEXT).input("Aleppo").run()
    at.switch_page("app_pages/table.py").run()
    assert at.session_state[CONTEXT_KEY].frame is frame
    assert list(frame.columns) == columns and pd.util.hash_pandas_object(frame, index=True).sum() == before


def test_sample_source_comes_from_its_file_name(tmp_path: Path) -> None:
    from dashboard.seed import source_from_name

    assert source_from_name("2015-12-02_new-arab_is-advance-in-aleppo.txt") == "New Arab"
    assert source_from_name("notes.txt") == ""
    store = open_store(tmp_path / "events.sqlite3")
    seed_if_empty(store)
    assert [a.source for a in store.list_articles()] == ["New Arab"]
    assert set(store.events_frame()["source"].astype(str)) == {"New Arab"}
