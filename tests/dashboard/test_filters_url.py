"""Every filter and page setting in the URL; the Articles page honours the filters; the Table is newest first.

AppTest runs the whole script on every change, so a widget drawn in a fragment (the map's view) reaches the
URL here in the same run; in a browser that widget needs ``on_change=link.write`` to do so before the next
full run (see dashboard/link.py).
"""

from __future__ import annotations

import csv
import json
import io
import tomllib
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import listing, state, views
from dashboard.filters import QUERY_KEYS
from dashboard.store import open_store
from extraction.records import EVENT_COLUMNS, Article
from tests.dashboard.conftest import APP, XSS_TITLE, literal
from tests.dashboard.frames import make_event
from tests.dashboard.test_app import deferred, run  # noqa: F401 - deferred is a fixture

pytestmark = pytest.mark.usefixtures("filled")

Change = Callable[[AppTest], Any]

# One change at a time, on the page that draws the widget, and the URL parameters it adds.
CHANGES: list[tuple[str, str, Change, dict[str, str | list[str]]]] = [
    ("map", "from", lambda at: at.date_input(key=state.F_DATE_FROM).set_value(date(2015, 12, 1)),
     {"from": "2015-12-01"}),
    ("map", "to", lambda at: at.date_input(key=state.F_DATE_TO).set_value(date(2016, 6, 30)), {"to": "2016-06-30"}),
    ("map", "actor", lambda at: at.multiselect(key=state.F_ACTORS).select("Military Forces of Syria"),
     {"actor": "Military Forces of Syria"}),
    ("map", "type", lambda at: at.multiselect(key=state.F_TYPES).select("Explosions/Remote violence"),
     {"type": "Explosions/Remote violence"}),
    ("map", "subtype", lambda at: at.multiselect(key=state.F_SUBTYPES).select("Air/drone strike"),
     {"subtype": "Air/drone strike"}),
    ("map", "gov", lambda at: at.multiselect(key=state.F_ADMIN1).select("Daraa"), {"gov": "Daraa"}),
    ("map", "minfat", lambda at: at.number_input(key=state.F_MIN_FAT).set_value(5), {"minfat": "5"}),
    ("map", "source", lambda at: at.multiselect(key=state.F_SOURCES).select("The New Arab"),
     {"source": "The New Arab"}),
    ("map", "prec", lambda at: at.multiselect(key=state.F_PRECISION).set_value([1, 2]), {"prec": ["1", "2"]}),
    ("map", "q", lambda at: at.text_input(key=state.F_TEXT).input("Soura"), {"q": "Soura"}),
    ("map", "origin", lambda at: at.selectbox(key=state.F_ORIGIN).set_value("extracted"), {"origin": "extracted"}),
    ("map", "minrep", lambda at: at.number_input(key=state.F_MIN_REPORTS).set_value(1), {"minrep": "1"}),
    ("map", "view", lambda at: at.button_group(key=state.MAP_VIEW).set_value("Density"), {"view": "density"}),
    ("map", "tiles", lambda at: at.toggle(key=state.MAP_TILES).set_value(True), {"tiles": "on"}),
    ("map", "wheel", lambda at: at.toggle(key=state.MAP_WHEEL).set_value(True), {"wheel": "zooms"}),
    ("timeline", "bars", lambda at: at.button_group(key=state.TL_FREQ).set_value("Week"), {"bars": "week"}),
    ("timeline", "stack", lambda at: at.button_group(key=state.TL_STACK).set_value("Actor"), {"stack": "actor"}),
    ("timeline", "count", lambda at: at.button_group(key=state.TL_MEASURE).set_value("Fatalities"), {"count": "fatalities"}),
    ("table", "cols", lambda at: at.multiselect(key=state.TABLE_COLUMNS).set_value(["event_id", "event_date"]),
     {"cols": ["event_id", "event_date"]}),
    ("table", "sort", lambda at: at.selectbox(key=state.TABLE_SORT).set_value("fatalities"), {"sort": "fatalities"}),
    ("table", "order", lambda at: at.radio(key=state.TABLE_ORDER).set_value("Ascending"), {"order": "asc"}),
    ("articles", "articles", lambda at: at.toggle(key=state.ART_ALL).set_value(True), {"articles": "all"}),
]
FULL_LINK = {param: value for *_, added in CHANGES for param, value in added.items()}


def _go(at: AppTest, page: str) -> None:
    at.switch_page(f"app_pages/{page}.py")
    run(at)


def test_every_filter_and_page_setting_is_a_url_parameter() -> None:
    """A regression guard for links that silently dropped a setting (the map's view was not in the URL)."""
    every = [*QUERY_KEYS.values(), *(s.param for s in views.SETTINGS)]
    assert sorted(param for _, param, _, _ in CHANGES) == sorted(every)


def test_each_change_reaches_the_url_at_once_and_stays_there_on_other_pages(app: AppTest) -> None:
    run(app)
    expected: dict[str, str | list[str]] = {}
    page = "map"
    for where, param, change, added in CHANGES:
        if where != page:
            _go(app, where)
            page = where
            assert app.query_params == expected, f"switching to {where} kept the link"
        change(app)
        run(app)
        expected |= added
        assert app.query_params == expected, f"after changing {param}"
    _go(app, "map")  # the page settings of the other pages stay in the link
    assert app.query_params == FULL_LINK


def test_a_shared_link_restores_every_filter_and_page_setting() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    for param, value in FULL_LINK.items():
        at.query_params[param] = value
    run(at)
    assert not at.sidebar.warning, [w.value for w in at.sidebar.warning]
    assert at.date_input(key=state.F_DATE_FROM).value == date(2015, 12, 1)
    assert at.date_input(key=state.F_DATE_TO).value == date(2016, 6, 30)
    assert at.multiselect(key=state.F_ACTORS).value == ["Military Forces of Syria"]
    assert at.multiselect(key=state.F_TYPES).value == ["Explosions/Remote violence"]
    assert at.multiselect(key=state.F_SUBTYPES).value == ["Air/drone strike"]
    assert at.multiselect(key=state.F_ADMIN1).value == ["Daraa"]
    assert at.number_input(key=state.F_MIN_FAT).value == 5
    assert at.multiselect(key=state.F_SOURCES).value == ["The New Arab"]
    assert at.multiselect(key=state.F_PRECISION).value == [1, 2]
    assert at.text_input(key=state.F_TEXT).value == "Soura"
    assert (at.selectbox(key=state.F_ORIGIN).value, at.number_input(key=state.F_MIN_REPORTS).value) == ("extracted", 1)
    assert at.button_group(key=state.MAP_VIEW).value == "Density"
    assert (at.toggle(key=state.MAP_TILES).value, at.toggle(key=state.MAP_WHEEL).value) == (True, True)
    # tiles asked for by the link, but the test machine reaches no tile server: the offline map, named places
    assert [layer["id"] for layer in _deck_layers(at)] == ["basemap", "basemap-outlines-other", "basemap-outlines", "density",
                                                          "warm-points", "warm-counts", "labels-governorates", "labels-places"]
    _go(at, "timeline")
    assert (at.button_group(key=state.TL_FREQ).value, at.button_group(key=state.TL_STACK).value,
            at.button_group(key=state.TL_MEASURE).value) == ("Week", "Actor", "Fatalities")
    _go(at, "table")
    assert at.multiselect(key=state.TABLE_COLUMNS).value == ["event_id", "event_date"]
    assert at.dataframe[0].value["event_id"].tolist() == ["ea3"]
    _go(at, "articles")
    assert at.toggle(key=state.ART_ALL).value is True
    assert at.query_params == FULL_LINK  # the restored link is written back unchanged


def _deck_layers(at: AppTest) -> list[dict]:
    import json

    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]


def test_a_setting_left_at_its_default_leaves_the_link(app: AppTest) -> None:
    run(app)
    app.button_group(key=state.MAP_VIEW).set_value("Density")
    run(app)
    assert app.query_params == {"view": "density"}
    app.button_group(key=state.MAP_VIEW).set_value("Points")
    run(app)
    assert app.query_params == {}


def test_bad_page_setting_values_are_ignored_with_a_visible_note() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["view"] = "satellite"
    at.query_params["cols"] = ["event_id", "<b>password</b>"]
    at.query_params["bars"] = "Fortnight"
    run(at)
    notes = [literal(w.value) for w in at.sidebar.warning]
    assert notes == [
        "Ignored view: 'satellite' is not one of points, density.",
        "Ignored bars: 'Fortnight' is not one of day, week, month.",
        f"Ignored cols: '<b>password</b>' is not one of the {len(EVENT_COLUMNS)} known values.",
    ]
    assert at.button_group(key=state.MAP_VIEW).value == "Points"
    assert at.query_params == {"cols": "event_id"}  # what the link could use, written back
    _go(at, "table")
    assert at.multiselect(key=state.TABLE_COLUMNS).value == ["event_id"]


@pytest.mark.parametrize("setting", views.SETTINGS, ids=lambda s: s.param)
def test_page_setting_words_round_trip(setting: views.Setting) -> None:
    for word, value in setting.words.items():
        chosen = [value] if setting.many else value
        parsed, notes = views.parse({setting.param: [word]})
        assert (parsed, notes) == ({setting.key: chosen}, [])
        expected = {} if chosen == setting.default else {setting.param: [word]}
        assert views.to_query(parsed) == expected


def test_page_setting_parameters_do_not_collide_with_filter_parameters() -> None:
    params = [s.param for s in views.SETTINGS]
    assert len(set(params)) == len(params) and not set(params) & set(QUERY_KEYS.values())


# -- Articles page ------------------------------------------------------------------------------------------

EMPTY = Article(text="A statement with no violence in it at all.", title="Statement, no events",
                published=date(2017, 1, 2), source="Test Wire", url="https://example.org/c").with_id()


def _titles(at: AppTest) -> list[str]:
    return at.dataframe[0].value["title"].tolist()


def test_articles_page_lists_the_articles_with_an_event_matching_the_filters(app: AppTest) -> None:
    open_store().save_article(EMPTY, [])  # an article with no event: matches no filter, stays reachable
    run(app)
    _go(app, "articles")
    assert _titles(app) == ["Statement, no events", XSS_TITLE, "Shelling around Aleppo"]  # no filter: all
    assert not app.toggle  # nothing to show beyond what is listed

    app.multiselect(key=state.F_ADMIN1).select("Daraa")
    run(app)
    assert _titles(app) == ["Shelling around Aleppo"]
    assert app.dataframe[0].value["matching"].tolist() == [1]
    assert app.dataframe[0].value["events"].tolist() == [3]
    assert "1 of 3 articles has an event matching the filters." in [c.value for c in app.caption]
    assert app.selectbox(key=state.ART_CHOICE).options == ["2016-03-06 · Shelling around Aleppo"]
    assert "1 of them matches the filters; all the article's events are shown here." in [c.value for c in app.caption]

    app.multiselect(key=state.F_ADMIN1).set_value(["Aleppo", "Rif Dimashq"])
    run(app)
    assert _titles(app) == [XSS_TITLE, "Shelling around Aleppo"]
    assert app.dataframe[0].value["matching"].tolist() == [1, 2]

    app.toggle(key=state.ART_ALL).set_value(True)
    run(app)
    assert _titles(app) == ["Statement, no events", XSS_TITLE, "Shelling around Aleppo"]
    assert app.dataframe[0].value["matching"].tolist() == [0, 1, 2]
    app.selectbox(key=state.ART_CHOICE).set_value(EMPTY.article_id)
    run(app)
    assert "0 of them match the filters; all the article's events are shown here." in [c.value for c in app.caption]


def test_articles_page_says_when_no_article_matches_and_offers_them_all(app: AppTest) -> None:
    run(app)
    app.text_input(key=state.F_TEXT).input("no sentence says this")
    _go(app, "articles")
    assert not app.dataframe and not app.main.selectbox  # (the sidebar has its own selectbox)
    assert [i.value for i in app.main.info] == [
        "No article has an event matching the filters. Change the filters, or show all articles."]
    assert "0 of 2 articles have an event matching the filters." in [c.value for c in app.caption]
    app.toggle(key=state.ART_ALL).set_value(True)
    run(app)
    assert _titles(app) == [XSS_TITLE, "Shelling around Aleppo"]


def test_articles_page_forgets_an_opened_article_the_filters_no_longer_list(app: AppTest, filled: dict) -> None:
    run(app)
    _go(app, "articles")
    app.selectbox(key=state.ART_CHOICE).set_value(filled["b"].article_id)
    run(app)
    app.multiselect(key=state.F_ADMIN1).select("Daraa")
    run(app)
    assert app.selectbox(key=state.ART_CHOICE).value == filled["a"].article_id


# -- Table page ---------------------------------------------------------------------------------------------

def test_table_is_newest_first_and_so_are_its_exports(
        app: AppTest, deferred: dict[str, Callable[[], Any]]) -> None:  # noqa: F811 - the imported fixture
    run(app)
    _go(app, "table")
    app.multiselect(key=state.TABLE_COLUMNS).set_value(["event_id", "event_date"])
    run(app)
    table = app.dataframe[0].value
    assert table["event_id"].tolist() == ["eb1", "ea3", "ea1", "ea2"]
    assert [d.date().isoformat() for d in table["event_date"]] == ["2016-07-01", "2016-03-05", "2015-12-02",
                                                                    "2015-12-01"]
    rows = list(csv.DictReader(io.StringIO(deferred["conflict_events.csv"]().decode("utf-8-sig"))))
    assert [r["event_id_cnty"] for r in rows] == ["eb1", "ea3", "ea1", "ea2"]


def test_table_lists_undated_events_last(app: AppTest) -> None:
    article = Article(text="Shelling hit Duma.", title="Undated", published=None, source="Test Wire",
                      url="https://example.org/d").with_id()
    open_store().save_article(article, [make_event(9, event_id="ud1", article_id=article.article_id,
                                                   event_date=None, notes="Shelling hit Duma.")])
    run(app)
    _go(app, "table")
    app.multiselect(key=state.TABLE_COLUMNS).set_value(["event_id"])
    run(app)
    assert app.dataframe[0].value["event_id"].tolist() == ["eb1", "ea3", "ea1", "ea2", "ud1"]


def test_newest_first_keeps_the_order_of_one_day_and_puts_undated_last() -> None:
    dates = pd.Series(pd.to_datetime(["2016-01-02", None, "2016-01-03", "2016-01-02", "2015-05-05"]))
    assert listing.newest_first(dates).tolist() == [2, 0, 3, 4, 1]
    assert listing.newest_first(pd.Series([], dtype="datetime64[ns]")).tolist() == []


def test_streamlit_own_table_download_is_off_so_the_exports_are_the_one_download() -> None:
    """Regression: the dataframe toolbar's "Download as CSV" sat beside the Table page's export buttons."""
    config = tomllib.loads((Path(APP).parents[1] / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True


def test_the_map_is_built_again_only_when_its_events_or_switches_change(app: AppTest) -> None:
    run(app)
    first = app.session_state[state.MAP_LAST_DECK]
    app.toggle(key=state.MAP_WHEEL).set_value(False)  # a run that changes nothing the map shows
    run(app)
    assert app.session_state[state.MAP_LAST_DECK] is first
    app.multiselect(key=state.F_ACTORS).select("Military Forces of Syria")
    run(app)
    narrowed = app.session_state[state.MAP_LAST_DECK]
    assert narrowed is not first and narrowed.shown < first.shown
    assert _deck_layers(app) == json.loads(narrowed.to_json())["layers"]
    app.toggle(key=state.MAP_WHEEL).set_value(True)
    run(app)
    assert app.session_state[state.MAP_LAST_DECK] is not narrowed  # the wheel is in the deck's spec
