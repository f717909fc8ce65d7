"""The Timeline: counts per day/week/month, stacking, the time axis, the brushed span, and the page.

Events are saved into a real store and read back the way the app reads them,
so the counts run on the store's dtypes (categoricals, ``datetime64[us]``, nullable integers).
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timezone
from itertools import count, product

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import state, timeline
from dashboard.store import open_store
from extraction.records import Article, Event
from tests.dashboard.frames import make_event
from tests.dashboard.test_app import run

SYRIA, RUSSIA, IS, REBELS = "Military Forces of Syria", "Military Forces of Russia", "Islamic State", "Rebel groups"
VAC, BATTLES, EXPLOSIONS = "Violence against civilians", "Battles", "Explosions/Remote violence"

# (date, actor1, actor2, event type, fatalities).  28 Dec 2015 and 4 Jan 2016 are Mondays; 3 Jan and 31 Jan Sundays.
KNOWN = [
    (date(2015, 12, 28), SYRIA, "Civilians", VAC, 4),
    (date(2016, 1, 3), IS, REBELS, BATTLES, None),
    (date(2016, 1, 4), RUSSIA, REBELS, EXPLOSIONS, 10),
    (date(2016, 1, 4), RUSSIA, None, EXPLOSIONS, 2),
    (date(2016, 1, 31), REBELS, IS, BATTLES, 0),
    (date(2016, 2, 1), SYRIA, REBELS, EXPLOSIONS, 7),
    (None, SYRIA, None, EXPLOSIONS, 100),  # no date: in no bar
]


_ARTICLES = count()  # each call saves a new article


def stored_frame(rows: list[tuple]) -> pd.DataFrame:
    """Save events built from ``rows`` into the test's store and read the frame the app reads (theirs only)."""
    article = Article(text=f"Timeline test article {next(_ARTICLES)}.", title="t").with_id()
    events: list[Event] = [
        make_event(i, event_id=f"{article.article_id}-{i}", event_date=day, actor1=actor1, actor2=actor2,
                   event_type=kind, fatalities=fatalities, article_id=article.article_id)
        for i, (day, actor1, actor2, kind, fatalities) in enumerate(rows, start=1)
    ]
    store = open_store()
    store.save_article(article, events)
    frame = store.events_frame()
    return frame[frame["article_id"] == article.article_id]


@pytest.fixture
def known() -> pd.DataFrame:
    return stored_frame(KNOWN)


def per_period(table: pd.DataFrame, column: str = "events") -> dict[date, int]:
    return {p.date(): int(n) for p, n in table.groupby("period")[column].sum().items()}


@pytest.mark.parametrize(("freq", "expected"), [
    ("D", {date(2015, 12, 28): 1, date(2016, 1, 3): 1, date(2016, 1, 4): 2, date(2016, 1, 31): 1,
           date(2016, 2, 1): 1}),
    ("W", {date(2015, 12, 28): 2, date(2016, 1, 4): 2, date(2016, 1, 25): 1, date(2016, 2, 1): 1}),
    ("M", {date(2015, 12, 1): 1, date(2016, 1, 1): 4, date(2016, 2, 1): 1}),
])
def test_counts_per_day_week_and_month(known: pd.DataFrame, freq: str, expected: dict[date, int]) -> None:
    assert str(known["event_date"].dtype).startswith("datetime64") and known["actor1"].dtype == "category"
    for by in timeline.STACKS.values():
        table = timeline.counts(known, freq=freq, by=by)
        assert per_period(table) == expected
    ends = timeline.counts(known, freq=freq, by="event_type").drop_duplicates("period")
    step = {"D": pd.DateOffset(days=1), "W": pd.DateOffset(weeks=1), "M": pd.DateOffset(months=1)}[freq]
    assert (ends["period_end"] == ends["period"] + step).all()


def test_the_undated_event_is_in_no_bar_and_is_counted_apart(known: pd.DataFrame) -> None:
    assert timeline.undated(known) == 1
    assert timeline.counts(known, freq="M", by="event_type")["events"].sum() == 6


def test_an_event_between_two_actors_is_counted_once_under_the_side_that_acted(known: pd.DataFrame) -> None:
    table = timeline.counts(known, freq="M", by="actor1")
    january = table[table["period"] == pd.Timestamp("2016-01-01")]
    assert dict(zip(january["group"], january["events"])) == {IS: 1, RUSSIA: 2, REBELS: 1}
    # Rebel groups are the target of three dated events and the initiator of one.
    assert table.loc[table["group"] == REBELS, "events"].sum() == 1
    assert table["events"].sum() == 6


def test_actors_beyond_the_top_are_other_and_still_counted() -> None:
    # Actor k acts (k + 1) times, so actors 0 and 1 are the two least active; one event has no actor1.
    n_actors = timeline.TOP_ACTORS + 2
    rows = [(date(2016, 5, 2), f"Actor {k:02d}", None, BATTLES, 1) for k in range(n_actors) for _ in range(k + 1)]
    rows.append((date(2016, 5, 3), None, "Civilians", VAC, 1))
    table = timeline.counts(stored_frame(rows), freq="M", by="actor1")
    groups = dict(zip(table["group"], table["events"]))
    assert groups.pop("Other") == 1 + 2 + 1  # Actor 00, Actor 01 and the event without an actor1
    assert groups == {f"Actor {k:02d}": k + 1 for k in range(2, n_actors)}
    assert table["events"].sum() == len(rows)
    assert timeline.group_order(table, by="actor1") == [f"Actor {k:02d}" for k in range(n_actors - 1, 1, -1)] + [
        "Other"]


def test_fatalities_are_summed_per_period_with_no_figure_as_none(known: pd.DataFrame) -> None:
    table = timeline.counts(known, freq="M", by="event_type")
    assert per_period(table, "fatalities") == {date(2015, 12, 1): 4, date(2016, 1, 1): 12, date(2016, 2, 1): 7}
    by_actor = timeline.counts(known, freq="W", by="actor1")
    assert dict(zip(by_actor["group"], by_actor["fatalities"])) == {SYRIA: 7, IS: 0, RUSSIA: 12, REBELS: 0}
    # The chart stacks the chosen series: each period's top segment reaches its total.
    spec = timeline.chart(table, by="event_type", freq="M", measure="fatalities").to_dict()
    rows = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert rows.groupby("period")["top"].max().tolist() == [4, 12, 7]
    assert spec["encoding"]["y"]["title"] == "fatalities per month"


def test_the_caption_says_what_is_counted(known: pd.DataFrame) -> None:
    days = timeline.counts(known, freq="D", by="actor1")
    text = timeline.explanation(days, by="actor1", freq="D", measure="fatalities", undated=1)
    assert text.startswith("Each event is counted once, with its reported fatalities")
    assert "under the side that acted (actor1)" in text and "Not shown: 1 event without a date." in text
    assert "thinner than a pixel" not in text  # 36 days
    two_years = timeline.counts(stored_frame([KNOWN[0], (date(2018, 1, 1), IS, None, BATTLES, 0)]), freq="D",
                                by="event_type")
    text = timeline.explanation(two_years, by="event_type", freq="D", measure="events")
    assert "thinner than a pixel" in text and "actor1" not in text and "Not shown" not in text


def _labels(chart_dict: dict) -> list:
    """The tick labels the week/month axis shows, in order (lists are two-line labels)."""
    axis = chart_dict["encoding"]["x"]["axis"]
    lookup = json.loads(axis["labelExpr"].rsplit("[''", 1)[0])
    values = [int(pd.Timestamp(v["year"], v["month"], v["date"]).value // 1_000_000) for v in axis["values"]]
    assert all(v["utc"] for v in axis["values"])
    return [lookup[str(v)] for v in values]


def test_the_week_axis_over_a_year_and_a_half_carries_the_years() -> None:
    rows = [(date(2014, 10, 6), SYRIA, None, BATTLES, 0), (date(2016, 4, 20), IS, None, BATTLES, 0)]
    table = timeline.counts(stored_frame(rows), freq="W", by="event_type")
    labels = _labels(timeline.chart(table, by="event_type", freq="W").to_dict())
    assert labels == [["Nov", "2014"], ["Jan", "2015"], "Mar", "May", "Jul", "Sep", "Nov", ["Jan", "2016"], "Mar"]


@pytest.mark.parametrize(("start", "end", "freq", "expected"), [
    ("2015-12-29", "2016-01-03", "D", [("2015-12-29", "29 Dec", "2015"), ("2015-12-30", "30 Dec", ""),
                                       ("2015-12-31", "31 Dec", ""), ("2016-01-01", "1 Jan", "2016"),
                                       ("2016-01-02", "2 Jan", ""), ("2016-01-03", "3 Jan", "")]),
    ("2015-11-23", "2016-01-18", "W", [("2015-11-23", "23 Nov", "2015"), ("2015-11-30", "30 Nov", ""),
                                       ("2015-12-07", "7 Dec", ""), ("2015-12-14", "14 Dec", ""),
                                       ("2015-12-21", "21 Dec", ""), ("2015-12-28", "28 Dec", ""),
                                       ("2016-01-04", "4 Jan", "2016"), ("2016-01-11", "11 Jan", ""),
                                       ("2016-01-18", "18 Jan", "")]),
    ("2015-10-01", "2016-03-01", "M", [("2015-10-01", "Oct", "2015"), ("2015-11-01", "Nov", ""),
                                       ("2015-12-01", "Dec", ""), ("2016-01-01", "Jan", "2016"),
                                       ("2016-02-01", "Feb", ""), ("2016-03-01", "Mar", "")]),
    ("2012-01-01", "2020-01-01", "M", [(f"{y}-01-01", str(y), "") for y in range(2012, 2021)]),
])
def test_axis_ticks_name_the_year_where_it_starts_or_changes(start: str, end: str, freq: str,
                                                             expected: list[tuple[str, str, str]]) -> None:
    ticks = timeline.axis_ticks(pd.Timestamp(start), pd.Timestamp(end), freq=freq)
    assert [(t.at.date().isoformat(), t.label, t.year) for t in ticks] == expected
    assert len(ticks) <= timeline.MAX_TICKS


def test_a_drag_starting_anywhere_in_the_chart_starts_the_brush(known: pd.DataFrame) -> None:
    spec = timeline.chart(timeline.counts(known, freq="W", by="actor1"), by="actor1", freq="W").to_dict()
    (param,) = spec["params"]
    assert param["name"] == timeline.SELECTION and param["select"]["encodings"] == ["x"]
    assert param["select"]["on"].startswith("[view:pointerdown")  # not only the plot area
    assert spec["encoding"]["x"]["scale"]["type"] == "utc"


def _ms(stamp: str) -> int:
    return int(datetime.fromisoformat(stamp).replace(tzinfo=timezone.utc).timestamp() * 1000)


@pytest.mark.parametrize(("freq", "edges", "expected"), [
    # Wednesday noon to Tuesday: the two weeks touched, Monday to Sunday.
    ("W", ("2015-12-30T12:00", "2016-01-05T08:00"), (date(2015, 12, 28), date(2016, 1, 10))),
    # A right edge exactly on a month's start ends the month before.
    ("M", ("2016-01-15T00:00", "2016-02-01T00:00"), (date(2016, 1, 1), date(2016, 1, 31))),
    ("M", ("2016-02-01T00:00", "2015-12-20T00:00"), (date(2015, 12, 1), date(2016, 1, 31))),  # dragged leftwards
    ("D", ("2016-01-03T18:00", "2016-01-04T06:00"), (date(2016, 1, 3), date(2016, 1, 4))),
    (None, ("2016-01-03T18:00", "2016-01-04T06:00"), (date(2016, 1, 3), date(2016, 1, 4))),
])
def test_the_selected_span_snaps_to_whole_periods(freq: str | None, edges: tuple[str, str],
                                                  expected: tuple[date, date]) -> None:
    event = {"selection": {timeline.SELECTION: {"period": [_ms(edges[0]), _ms(edges[1])]}}}
    assert timeline.selected_span(event, freq=freq) == expected


@pytest.mark.parametrize("event", [None, {}, {"selection": {}}, {"selection": {timeline.SELECTION: {}}},
                                   {"selection": {timeline.SELECTION: {"period": [1]}}},
                                   {"selection": {timeline.SELECTION: {"period": ["x", "y"]}}},
                                   {"selection": {timeline.SELECTION: {"period": [float("nan"), 0]}}}])
def test_no_span_without_a_two_sided_brush(event: object) -> None:
    assert timeline.selected_span(event, freq="W") is None


# The page, through AppTest, on the store of tests/dashboard/conftest.py::fill (4 dated events).

def _chart_rows(at: AppTest) -> pd.DataFrame:
    (element,) = at.get("vega_lite_chart")
    (dataset,) = element.proto.datasets
    return pa.ipc.open_stream(io.BytesIO(dataset.data.data)).read_pandas()


@pytest.mark.usefixtures("filled")
def test_the_timeline_page_draws_every_option(app: AppTest) -> None:
    run(app)
    app.switch_page("app_pages/timeline.py")
    run(app)
    for freq, stack, measure in product(timeline.FREQUENCIES, timeline.STACKS, timeline.MEASURES):
        app.button_group(key=state.TL_FREQ).set_value(freq)
        app.button_group(key=state.TL_STACK).set_value(stack)
        app.button_group(key=state.TL_MEASURE).set_value(measure)
        run(app)
        rows = _chart_rows(app)
        assert rows["events"].sum() == 4, (freq, stack, measure)  # ea3 and eb1 share actors: still 4
        assert rows["fatalities"].sum() == 3 + 0 + 12 + 3, (freq, stack, measure)
        spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
        assert spec["encoding"]["y"]["title"] == f"{measure.lower()} per {freq.lower()}"


@pytest.mark.usefixtures("filled")
def test_a_brushed_span_applied_becomes_the_date_filter_in_whole_weeks(app: AppTest) -> None:
    run(app)
    app.switch_page("app_pages/timeline.py")
    run(app)
    app.button_group(key=state.TL_FREQ).set_value("Week")
    run(app)
    # What the browser sends after a drag from Wednesday 2 Dec 2015 to Friday 4 Mar 2016.
    app.session_state[f"{state.TL_CHART}-0"] = {
        "selection": {timeline.SELECTION: {"period": [_ms("2015-12-02T10:00"), _ms("2016-03-04T15:00")]}}}
    run(app)
    assert [m.value for m in app.markdown if m.value.startswith("Selected")] == [
        "Selected: 30 Nov 2015 to 06 Mar 2016"]
    app.button(key=state.TL_APPLY).click()
    run(app)
    assert app.date_input(key=state.F_DATE_FROM).value == date(2015, 11, 30)
    assert app.date_input(key=state.F_DATE_TO).value == date(2016, 3, 6)
    assert app.query_params["from"] == "2015-11-30" and app.query_params["to"] == "2016-03-06"
    assert not [m for m in app.markdown if m.value.startswith("Selected")]  # the brush was cleared
    assert _chart_rows(app)["events"].sum() == 3  # ea1, ea2 (Dec 2015), ea3 (5 Mar 2016); eb1 is July
