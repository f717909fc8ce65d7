"""Every page through streamlit.testing.v1.AppTest, driving widgets by their keys."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard import state
from dashboard.session import CONTEXT_KEY
from tests.dashboard.conftest import APP, XSS_TITLE, literal

pytestmark = pytest.mark.usefixtures("filled")


def map_event_ids(at: AppTest) -> list[str]:
    """The event ids drawn as points on the map (read from the deck sent to the browser)."""
    charts = [e for e in at.get("deck_gl_json_chart")]
    assert len(charts) == 1, "the map page draws one map"
    spec = json.loads(charts[0].proto.json)
    return sorted(row["id"] for layer in spec["layers"] if layer["id"].startswith("events-") for row in layer["data"])


def table_ids(at: AppTest) -> int:
    return len(at.dataframe[0].value)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_map_page_shows_every_stored_event_on_the_offline_basemap(app: AppTest) -> None:
    run(app)
    assert map_event_ids(app) == ["ea1", "ea2", "ea3", "eb1"]
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    assert spec["layers"][0]["id"] == "basemap" and spec["mapStyle"] == "__MAP_STYLE__"  # no tiles: none fetched
    assert "mapProvider" not in spec
    assert [m.value for m in app.metric][:2] == ["4", "4"]


def test_filter_by_actor_changes_points_and_url(app: AppTest) -> None:
    run(app)
    app.multiselect(key=state.F_ACTORS).select("Islamic State")
    run(app)
    assert map_event_ids(app) == ["ea2"]
    assert app.query_params["actor"] == "Islamic State"
    app.multiselect(key=state.F_ACTORS).select("Civilians")  # either side: actor2 of ea3, eb1
    run(app)
    assert map_event_ids(app) == ["ea2", "ea3", "eb1"]


def test_filter_by_date_changes_points_and_table(app: AppTest) -> None:
    run(app)
    app.date_input(key=state.F_DATE_FROM).set_value(date(2016, 1, 1))
    run(app)
    assert map_event_ids(app) == ["ea3", "eb1"]
    app.date_input(key=state.F_DATE_TO).set_value(date(2016, 6, 30))
    run(app)
    assert map_event_ids(app) == ["ea3"]
    assert app.query_params["from"] == "2016-01-01" and app.query_params["to"] == "2016-06-30"
    app.switch_page("app_pages/table.py")
    run(app)
    assert table_ids(app) == 1


def test_filters_are_read_from_a_shared_link() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["gov"] = "Daraa"
    at.query_params["minfat"] = "5"
    run(at)
    assert map_event_ids(at) == ["ea3"]
    assert at.multiselect(key=state.F_ADMIN1).value == ["Daraa"]


def test_bad_link_values_are_ignored_with_a_visible_note() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["from"] = "not-a-date"
    at.query_params["actor"] = "<b>Nobody</b>"
    at.query_params["prec"] = "9"
    run(at)
    notes = literal(" ".join(w.value for w in at.sidebar.warning))
    assert "not a date" in notes and "not in the data" in notes and "1, 2 or 3" in notes
    assert map_event_ids(at) == ["ea1", "ea2", "ea3", "eb1"]


def test_density_view_aggregates(app: AppTest) -> None:
    run(app)
    app.button_group(key=state.MAP_VIEW).set_value("Density")
    run(app)
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    density = [layer for layer in spec["layers"] if layer["id"] == "density"]
    assert density and sum(cell["n"] for cell in density[0]["data"]) == 4


def test_timeline_page_draws_counts_and_reacts_to_stacking(app: AppTest) -> None:
    def drawn(at: AppTest) -> list[tuple[str, str, int]]:
        """(bar start, group, events) of every segment the page sends to the browser."""
        import pandas as pd
        from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df as to_frame

        chart = at.get("vega_lite_chart")[0]
        (data,) = chart.proto.datasets
        table = to_frame(data.data.data)
        starts = pd.to_datetime(table["period"], unit="ms").dt.date.astype(str)
        return sorted(zip(starts, table["group"], table["events"].astype(int)))

    run(app)
    app.switch_page("app_pages/timeline.py")
    run(app)
    assert app.title[0].value == "Timeline"
    spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    assert "Explosions/Remote violence" in spec["encoding"]["color"]["scale"]["domain"]
    # ea2 (Battles, 1 Dec 2015) and ea1 (2 Dec) share December; ea3 (March 2016) and eb1 (July) one bar each
    assert drawn(app) == [
        ("2015-12-01", "Battles", 1), ("2015-12-01", "Explosions/Remote violence", 1),
        ("2016-03-01", "Explosions/Remote violence", 1), ("2016-07-01", "Explosions/Remote violence", 1),
    ]
    app.button_group(key=state.TL_STACK).set_value("Actor")
    app.button_group(key=state.TL_FREQ).set_value("Week")
    run(app)
    spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    assert spec["encoding"]["color"]["scale"]["domain"] == [  # actor1 only, most events first
        "Military Forces of Syria", "Islamic State", "Military Forces of Russia"]
    # Weeks start on Monday; each event counted once, under its actor1: 4 events, 4 units.
    assert drawn(app) == [
        ("2015-11-30", "Islamic State", 1), ("2015-11-30", "Military Forces of Russia", 1),
        ("2016-02-29", "Military Forces of Syria", 1), ("2016-06-27", "Military Forces of Syria", 1),
    ]


def _event_view_script() -> None:
    import streamlit as st

    from dashboard.eventview import show_event
    from dashboard.store import open_store

    store = open_store()
    show_event(store, store.events_frame(), st.session_state.get("event_id", "eb1"))


def test_clicked_event_shows_article_with_sentence_and_escaped_title() -> None:
    at = AppTest.from_function(_event_view_script, default_timeout=60)
    run(at)
    bodies = " ".join(h.proto.body for h in at.get("html"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in bodies and "<img" not in bodies
    assert '<mark class="hl-sentence"' in bodies
    at.session_state["event_id"] = "ea2"
    run(at)
    bodies = " ".join(h.proto.body for h in at.get("html"))
    assert '<mark class="hl-sentence" title="SENTENCE: source sentence">IS took Jariz.</mark>' in bodies
    assert "Other sentences of its article about it:** 0" in " ".join(m.value for m in at.markdown)
    assert not any("Reported by" in m.value for m in at.markdown)  # one report: no side-by-side table


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """Capture the callables handed to st.download_button, by file name."""
    captured: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def spy(self: MediaFileManager, data_callable: Callable[[], Any], mimetype: str | None, coordinates: str,
            file_name: str | None = None, **kwargs: Any) -> str:
        captured[file_name or ""] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return captured


def test_export_holds_exactly_the_filtered_rows(app: AppTest, deferred: dict[str, Callable[[], Any]]) -> None:
    run(app)
    app.multiselect(key=state.F_TYPES).select("Explosions/Remote violence")
    app.switch_page("app_pages/table.py")
    run(app)
    assert table_ids(app) == 3
    rows = list(csv.DictReader(io.StringIO(deferred["conflict_events.csv"]().decode("utf-8-sig"))))
    assert sorted(r["event_id_cnty"] for r in rows) == ["ea1", "ea3", "eb1"]
    geo = json.loads(deferred["conflict_events.geojson"]())
    assert len(geo["features"]) == 3
    assert len(deferred["conflict_events.xlsx"]()) > 1000


def test_table_column_chooser(app: AppTest) -> None:
    run(app)
    app.switch_page("app_pages/table.py")
    run(app)
    app.multiselect(key=state.TABLE_COLUMNS).set_value(["event_date", "actor1"])
    run(app)
    assert list(app.dataframe[0].value.columns) == ["event_date", "actor1"]


def test_article_titled_with_html_is_shown_as_text(app: AppTest) -> None:
    run(app)
    app.switch_page("app_pages/articles.py")
    run(app)
    ctx = app.session_state[CONTEXT_KEY]
    b_id = [a.article_id for a in ctx.store.list_articles() if a.title == XSS_TITLE][0]
    app.selectbox(key=state.ART_CHOICE).set_value(b_id)
    run(app)
    bodies = " ".join(h.proto.body for h in app.get("html"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in bodies and "<img" not in bodies
    assert "&lt;script&gt;" in bodies and "<script" not in bodies
    assert XSS_TITLE in app.dataframe[0].value["title"].tolist()  # the table shows it as plain text


def test_editor_can_delete_an_article(app: AppTest) -> None:
    run(app)
    app.switch_page("app_pages/articles.py")
    run(app)
    app.checkbox(key=state.ART_CONFIRM).check()
    run(app)
    deleted = app.selectbox(key=state.ART_CHOICE).value
    app.button(key=state.ART_DELETE).click()
    run(app)
    ctx = app.session_state[CONTEXT_KEY]
    assert [a.article_id for a in ctx.store.list_articles()] != [deleted] and len(ctx.store.list_articles()) == 1
    assert any("Deleted" in s.value for s in app.success)
    assert deleted not in set(ctx.frame["article_id"].astype(str))  # the shared frame was refreshed
    assert [(v.kind, v.editor) for v in ctx.store.history(deleted)][-1] == ("deleted", "local")
    app.switch_page("app_pages/map.py")
    run(app)
    assert set(map_event_ids(app)) == set(ctx.frame["event_id"])


def test_failed_delete_is_a_message_not_a_traceback(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a busy or read-only store made the delete callback raise into the page."""
    from dashboard.store import EventStore
    from gazetteer.errors import StoreError

    def busy(self, article_id: str, **_options: str) -> None:  # noqa: ANN001
        raise StoreError("The event store is busy or read-only (database is locked); nothing was saved.")

    monkeypatch.setattr(EventStore, "delete_article", busy)
    run(app)
    app.switch_page("app_pages/articles.py")
    run(app)
    app.checkbox(key=state.ART_CONFIRM).check()
    run(app)
    app.button(key=state.ART_DELETE).click()
    run(app)  # asserts no exception reached the page
    assert any("Nothing was deleted" in e.value and "busy" in e.value for e in app.error)
    assert len(app.session_state[CONTEXT_KEY].store.list_articles()) == 2


@pytest.mark.parametrize("page", ["app_pages/upload.py", "app_pages/articles.py"])
def test_read_only_mode_shows_no_editing_widget(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    monkeypatch.delenv("CONFLICT_MAP_MODE", raising=False)
    monkeypatch.delenv("CONFLICT_MAP_EDITOR_PASSWORD_HASH", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    run(at)
    assert any("Read-only" in i.value for i in at.sidebar.info)
    at.switch_page(page)
    run(at)
    keys = {w.key for w in at.main if getattr(w, "key", None)}
    for key in (state.UP_PASTE, state.UP_EXTRACT, state.UP_SAVE, state.ART_DELETE, state.ART_CONFIRM):
        assert key not in keys
    if page.endswith("upload.py"):
        assert any("needs a signed-in editor" in i.value for i in at.info)
        assert not at.text_area and not at.get("file_uploader")


def test_local_mode_says_so(app: AppTest) -> None:
    run(app)
    assert any("Single-user local mode" in i.value for i in app.sidebar.info)


SEED = sorted((Path(APP).parents[1] / "sample_articles").glob("*.txt"))[0]


def test_upload_seed_article_preview_then_save_shows_it_on_map_and_table(app: AppTest) -> None:
    run(app)
    before = set(map_event_ids(app))
    app.switch_page("app_pages/upload.py")
    run(app)
    assert any("10 MB" in c.value for c in app.caption), "the upload limit is stated"
    app.text_area(key=state.UP_PASTE).input(SEED.read_text(encoding="utf-8"))
    app.button(key=state.UP_EXTRACT).click()
    run(app)
    preview = " ".join(h.proto.body for h in app.get("html"))
    assert '<mark class="hl-place"' in preview and "Kafra" in preview
    pending = app.session_state["up_events"]
    assert len(pending) >= 3 and any(e.location for e in pending)
    assert app.text_input(key=state.UP_TITLE).value.startswith("IS advance in Aleppo")
    app.button(key=state.UP_SAVE).click()
    run(app)
    assert any("Saved" in s.value and "version 1" in s.value for s in app.success)
    store = app.session_state[CONTEXT_KEY].store
    found = store.find_stored(SEED.read_text(encoding="utf-8"))
    assert found is not None and (found.version, found.last_kind, found.saved_by) == (1, "reviewed", "local")
    app.switch_page("app_pages/map.py")
    run(app)
    after = set(map_event_ids(app))
    located = {e.event_id for e in pending if e.latitude is not None}
    assert after - before == located
    app.switch_page("app_pages/table.py")
    run(app)
    assert table_ids(app) == 4 + len(pending)


def _upload_seed(app: AppTest) -> None:
    app.switch_page("app_pages/upload.py")
    run(app)
    app.text_area(key=state.UP_PASTE).input(SEED.read_text(encoding="utf-8"))
    app.button(key=state.UP_EXTRACT).click()
    run(app)


def test_second_upload_of_a_stored_article_never_overwrites_its_reviewed_events(app: AppTest) -> None:
    run(app)
    _upload_seed(app)
    app.session_state["up_events"] = app.session_state["up_events"][1:]  # the reviewer removed one event
    app.button(key=state.UP_SAVE).click()
    run(app)
    store = app.session_state[CONTEXT_KEY].store
    article_id = store.find_stored(SEED.read_text(encoding="utf-8")).article_id
    reviewed = store.events_for_article(article_id)

    # The same text again: told it is stored, before any extraction, and offered the stored review.
    _upload_seed(app)
    assert app.session_state[state.UP_RESULT] is None if state.UP_RESULT in app.session_state else True
    said = " ".join(literal(m.value) for m in app.markdown)
    assert "already stored" in said and f"{len(reviewed)} events" in said
    app.button(key=state.UP_OPEN_STORED).click()
    run(app)
    assert app.session_state["up_events"] == reviewed
    app.button(key=state.UP_CANCEL).click()
    run(app)

    # Extracting it again shows the differences and replaces nothing unless the editor says so.
    _upload_seed(app)
    app.button(key=state.UP_REEXTRACT).click()
    run(app)
    assert len(app.session_state["up_events"]) == len(reviewed) + 1
    assert any("differs from it: 1 added" in literal(w.value) for w in app.warning)
    app.button(key=state.UP_SAVE).click()
    run(app)
    assert any("Nothing was saved" in literal(e.value) and "Replace the stored review" in literal(e.value) for e in app.error)
    assert store.events_for_article(article_id) == reviewed
    assert [v.version for v in store.history(article_id)] == [1]
    app.checkbox(key=state.UP_REPLACE_OK).check()
    run(app)
    app.button(key=state.UP_SAVE).click()
    run(app)
    assert any("version 2" in literal(s.value) for s in app.success)
    assert [(v.version, v.kind) for v in store.history(article_id)] == [(1, "reviewed"), (2, "re-extracted")]
    assert store.events_at_version(article_id, 1) == reviewed  # the first review is kept


def test_upload_error_is_a_message_not_a_traceback(app: AppTest) -> None:
    run(app)
    app.switch_page("app_pages/upload.py")
    run(app)
    app.text_area(key=state.UP_PASTE).input("   \n  ")
    app.button(key=state.UP_EXTRACT).click()
    run(app)
    assert app.error and not app.exception


def test_editor_places_an_unresolved_village_by_coordinates(app: AppTest) -> None:
    """A village no table knows (made up: OCHA knows nearly every real one)."""
    from gazetteer import Gazetteer

    run(app)
    app.switch_page("app_pages/upload.py")
    run(app)
    app.text_area(key=state.UP_PASTE).input(
        "Shelling in Idlib\nShelling hit the village of Khirbet Fixturjoz in Idlib on Monday, killing two civilians.")
    app.button(key=state.UP_EXTRACT).click()
    run(app)
    assert app.selectbox(key=state.UP_PLACE_NAME).value == "Khirbet Fixturjoz"
    app.selectbox(key=state.UP_PLACE_CHOICE).set_value("Enter coordinates myself")
    run(app)
    app.number_input(key=state.UP_PLACE_LAT).set_value(35.9213)
    app.number_input(key=state.UP_PLACE_LON).set_value(36.3917)
    app.selectbox(key=state.UP_PLACE_ADMIN1).set_value("Idlib")
    run(app)
    app.button(key=state.UP_PLACE_SAVE).click()
    run(app)
    assert any("Placed Khirbet Fixturjoz" in literal(s.value) for s in app.success)
    placed = [e for e in app.session_state["up_events"] if e.location_text == "Khirbet Fixturjoz"]
    assert placed and all((e.latitude, e.longitude, e.geo_precision) == (35.9213, 36.3917, 1) for e in placed)
    assert Gazetteer.default().resolve("Khirbet Fixturjoz").resolved  # remembered as a user place
    app.button(key=state.UP_SAVE).click()
    run(app)
    # The text carries no date: saving asks for one (or an explicit "save undated") and saves nothing meanwhile.
    assert any("publication date is missing" in literal(e.value) for e in app.error)
    app.date_input(key=state.UP_DATE).set_value(date(2019, 5, 6))
    run(app)
    app.button(key=state.UP_SAVE).click()
    run(app)
    assert any("version 1" in literal(s.value) for s in app.success)
    app.switch_page("app_pages/map.py")
    run(app)
    assert {e.event_id for e in placed} <= set(map_event_ids(app))


@pytest.mark.parametrize(("typed", "can_edit"), [("correct horse battery", True), ("wrong password!", False)])
def test_password_mode_edits_only_after_sign_in(monkeypatch: pytest.MonkeyPatch, typed: str, can_edit: bool) -> None:
    from dashboard.auth import hash_password

    monkeypatch.setenv("CONFLICT_MAP_EDITOR_PASSWORD_HASH", hash_password("correct horse battery", n=2**10))
    monkeypatch.delenv("CONFLICT_MAP_MODE", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("app_pages/upload.py")
    run(at)
    assert not at.text_area, "no editing before signing in"
    at.text_input(key=state.PW_INPUT).input(typed)
    at.button(key=state.PW_SUBMIT).click()
    run(at)
    assert bool(at.text_area) is can_edit
    assert at.session_state[CONTEXT_KEY].can_edit is can_edit
    assert at.session_state[CONTEXT_KEY].editor == "team password"  # recorded as who saved, when signed in
    assert not at.session_state[state.PW_INPUT], "the typed password is not kept"
    if not can_edit:
        assert any("Wrong password" in e.value for e in at.sidebar.error)


OIDC_SECRETS = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-only",
                         "client_id": "dashboard", "client_secret": "test-only",
                         "server_metadata_url": "https://id.example.org/.well-known/openid-configuration"}}


@pytest.mark.parametrize(
    ("user", "can_edit"),
    [
        ({"is_logged_in": False}, False),
        ({"is_logged_in": True, "email": "editor@example.org"}, True),  # on the list by domain
        ({"is_logged_in": True, "email": "someone@gmail.com"}, False),  # signed in, not an editor: a viewer
        ({"is_logged_in": True, "email": "x@example.org", "email_verified": False}, False),  # unverified
        ({"is_logged_in": True, "name": "no e-mail"}, False),
    ],
)
def test_oidc_mode_edits_only_for_the_editors_list(monkeypatch: pytest.MonkeyPatch, user: dict, can_edit: bool) -> None:
    monkeypatch.delenv("CONFLICT_MAP_MODE", raising=False)
    monkeypatch.setenv("CONFLICT_MAP_EDITORS", "chief@other.org, @example.org")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = OIDC_SECRETS["auth"]
    at.user = user
    at.switch_page("app_pages/upload.py")
    run(at)
    assert at.session_state[CONTEXT_KEY].can_edit is can_edit
    assert bool(at.text_area) is can_edit
    labels = [b.label for b in at.sidebar.button]
    assert ("Sign out" if user["is_logged_in"] else "Sign in to edit") in labels


def test_the_password_hash_where_the_cli_says_to_put_it_works_and_guessing_is_slowed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.auth import hash_password

    monkeypatch.delenv("CONFLICT_MAP_EDITOR_PASSWORD_HASH", raising=False)
    monkeypatch.delenv("CONFLICT_MAP_MODE", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["CONFLICT_MAP_EDITOR_PASSWORD_HASH"] = hash_password("correct horse battery", n=2**10)  # top level
    run(at)
    assert at.session_state[CONTEXT_KEY].mode == "password"
    for _ in range(4):  # three free tries, then a growing delay
        at.text_input(key=state.PW_INPUT).input("wrong guess number")
        at.button(key=state.PW_SUBMIT).click()
        run(at)
    at.text_input(key=state.PW_INPUT).input("correct horse battery")
    at.button(key=state.PW_SUBMIT).click()
    run(at)
    assert any("Too many wrong passwords" in e.value for e in at.sidebar.error)  # locked: not even checked
    assert at.session_state[CONTEXT_KEY].can_edit is False


def test_timeline_span_becomes_the_date_filter(app: AppTest) -> None:
    """The timeline's "use this span" button stores the span; the next run puts it in the sidebar dates."""
    run(app)
    app.switch_page("app_pages/timeline.py")
    run(app)
    app.session_state[state.PENDING_DATES] = (date(2016, 3, 1), date(2016, 3, 31))
    run(app)
    assert app.date_input(key=state.F_DATE_FROM).value == date(2016, 3, 1)
    assert app.date_input(key=state.F_DATE_TO).value == date(2016, 3, 31)
    assert app.query_params["from"] == "2016-03-01"
    app.switch_page("app_pages/map.py")
    run(app)
    assert map_event_ids(app) == ["ea3"]


@pytest.mark.parametrize("page", ["map", "timeline", "table", "articles", "upload"])
def test_every_page_survives_a_filter_that_matches_nothing(app: AppTest, page: str) -> None:
    run(app)
    app.text_input(key=state.F_TEXT).input("no sentence says this")
    app.switch_page(f"app_pages/{page}.py")
    run(app)
    assert app.session_state[CONTEXT_KEY].filtered.empty


def test_link_values_in_notes_are_shown_as_text_not_markdown() -> None:
    """Regression: a note quoting a hostile link value must not render a link, HTML or a Streamlit directive."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["actor"] = "[x](javascript:alert(1)) :red[y] <img src=x onerror=alert(1)>"
    run(at)
    body = " ".join(w.value for w in at.sidebar.warning)
    assert r"\[x\]\(javascript\:alert\(1\)\)" in body and r"\<img" in body and r"\:red\[y\]" in body


def test_upload_limit_is_the_same_in_streamlit_config_reader_and_ui(app: AppTest) -> None:
    import tomllib

    from extraction.readers import MAX_UPLOAD_BYTES

    config = tomllib.loads((Path(APP).parents[1] / ".streamlit" / "config.toml").read_text())
    limit_mb = MAX_UPLOAD_BYTES // (1024 * 1024)
    assert config["server"]["maxUploadSize"] == limit_mb
    app.switch_page("app_pages/upload.py")
    run(app)
    assert app.get("file_uploader")[0].proto.max_upload_size_mb == limit_mb
    assert any(f"{limit_mb} MB" in c.value for c in app.caption)


def test_editor_places_a_village_by_picking_a_gazetteer_candidate(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gazetteer import Gazetteer
    from gazetteer.records import Candidate, Place

    near = Place(name="Khirbat al-Jawz", latitude=35.9213, longitude=36.3917, admin1="Idlib", admin2=None,
                 feature="populated place", source="test", source_id="1")
    monkeypatch.setattr(Gazetteer, "candidates", lambda self, name, limit=10: [Candidate(near, 0.8, ("fuzzy",))])
    added: list[tuple] = []
    original = Gazetteer.add_place

    def spy(self, name, **kwargs):  # noqa: ANN001, ANN202
        added.append((name, kwargs["latitude"], kwargs["longitude"], kwargs["admin1"]))
        return original(self, name, **kwargs)

    monkeypatch.setattr(Gazetteer, "add_place", spy)
    run(app)
    app.switch_page("app_pages/upload.py")
    run(app)
    # A village no table knows (OCHA knows Khirbet al-Joz itself: Kherbet Eljoz).
    app.text_area(key=state.UP_PASTE).input(
        "Shelling in Idlib\nShelling hit the village of Khirbet Fixturjoz in Idlib on Monday, killing two civilians.")
    app.button(key=state.UP_EXTRACT).click()
    run(app)
    choice = app.selectbox(key=state.UP_PLACE_CHOICE)
    offered = [o for o in choice.options if o.startswith("Khirbat al-Jawz (Idlib")]
    assert offered, choice.options  # the candidate is offered (after the extraction's own nearest ones)
    choice.select(offered[0])
    run(app)
    app.button(key=state.UP_PLACE_SAVE).click()
    run(app)
    assert added == [("Khirbet Fixturjoz", 35.9213, 36.3917, "Idlib")]  # remembered under the name as written
    placed = [e for e in app.session_state["up_events"] if e.location_text == "Khirbet Fixturjoz"]
    assert placed and all((e.location, e.latitude) == ("Khirbat al-Jawz", 35.9213) for e in placed)


def test_correct_a_stored_article_later_then_restore_its_first_version(app: AppTest) -> None:
    """Edit events of a stored article from the Articles page, see the history, restore version 1."""
    run(app)
    _upload_seed(app)
    app.button(key=state.UP_SAVE).click()
    run(app)
    store = app.session_state[CONTEXT_KEY].store
    article_id = store.find_stored(SEED.read_text(encoding="utf-8")).article_id
    first = store.events_for_article(article_id)

    app.switch_page("app_pages/articles.py")
    run(app)
    app.selectbox(key=state.ART_CHOICE).set_value(article_id)
    run(app)
    app.button(key=state.ART_EDIT).click()
    run(app)  # the callback opens the review (the browser test checks that the page then switches to Upload)
    app.switch_page("app_pages/upload.py")
    run(app)
    assert app.session_state[state.UP_MODE] == "edit" and app.session_state["up_events"] == first
    app.session_state["up_events"] = first[1:]  # the editor deletes one event
    app.button(key=state.UP_SAVE).click()
    run(app)
    assert any("version 2" in literal(s.value) for s in app.success)
    assert [(v.version, v.kind) for v in store.history(article_id)] == [(1, "reviewed"), (2, "edited")]

    app.switch_page("app_pages/articles.py")
    run(app)
    app.selectbox(key=state.ART_CHOICE).set_value(article_id)
    run(app)
    assert "1 removed" in " ".join(c.value for c in app.caption)
    app.button(key=state.ART_RESTORE).click()  # compares 1 with 2 by default: restores version 1
    run(app)
    assert any("Restored version 1 as version 3" in literal(s.value) for s in app.success)
    assert store.events_for_article(article_id) == first
    assert [v.kind for v in store.history(article_id)] == ["reviewed", "edited", "restored"]


def test_the_table_offers_editors_to_correct_a_selected_event(app: AppTest) -> None:
    run(app)
    app.switch_page("app_pages/table.py")
    run(app)
    assert any("Select a row to correct that event" in c.value for c in app.caption)
