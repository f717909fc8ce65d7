"""Many reports, one event: articles reporting the same strike are merged; totals count the event once."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard import reports as report_view
from dashboard import timeline
from dashboard.import_acled import import_acled
from dashboard.store import open_store
from extraction import extract_article
from extraction.records import Article
from gazetteer import Gazetteer

# Three reports written for this test in the way outlets write them: a wire, a local outlet (another
# spelling, its own toll, no date but "Monday"), and the wire again five days later about a new raid.
WIRE = Article(
    text="Air strikes kill four in Idlib town\nSyrian government warplanes struck the town of Saraqib in Idlib "
         "province on Monday, killing four civilians, a monitoring group said. The strikes hit a market in the "
         "town centre.", title="Air strikes kill four in Idlib town", published=date(2015, 12, 8), source="Wire A")
LOCAL = Article(
    text="Regime jets hit Saraqeb market\nAt least six people were killed on Monday when regime aircraft bombed a "
         "crowded market in Saraqeb, in the Idlib countryside, local activists reported.",
    title="Regime jets hit Saraqeb market", published=date(2015, 12, 8), source="Local B")
LATER = Article(
    text="New raids on Saraqib\nGovernment aircraft bombed Saraqib in Idlib province on Saturday, killing two "
         "men, activists said.", title="New raids on Saraqib", published=date(2015, 12, 13), source="Wire A")
ACLED_SAME_STRIKE = (
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,admin1,location,latitude,longitude,"
    "geo_precision,source,notes,fatalities\n"
    "SYR7000,07 December 2015,Explosions/Remote violence,Air/drone strike,Military Forces of Syria (2000-),"
    "Civilians (Syria),Idlib,Saraqab,35.8623,36.8041,1,SOHR,Regime warplanes struck Saraqeb market.,6\n")


@pytest.fixture
def saved(store_url: str, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - (store, {source article: its events})
    if "://" in store_url:  # the app's pages below read the configured store: this one
        monkeypatch.setenv("CONFLICT_MAP_DATABASE_URL", store_url)
    gazetteer = Gazetteer.default(online=False)
    store = open_store()
    events = {}
    for article in (WIRE, LOCAL, LATER):
        result = extract_article(article, gazetteer=gazetteer)
        store.save_article(result.article, list(result.events), editor="tester")
        events[article.title] = result.events
    return store, events


def test_two_articles_on_one_strike_are_one_event_with_two_reports_and_the_higher_toll(saved) -> None:  # noqa: ANN001
    store, events = saved
    wire, local, later = (events[a.title][0] for a in (WIRE, LOCAL, LATER))
    assert store.report_groups() == {wire.event_id: wire.event_id, local.event_id: wire.event_id}
    shown = report_view.counted(store.events_frame(), store.report_groups())
    assert len(shown) == 2  # the strike of Monday (two reports) and the raid of Saturday
    strike = shown[shown["group_id"] == wire.event_id].iloc[0]
    assert (strike["reports"], strike["fatalities"], strike["fatalities_low"], strike["fatalities_high"]) == (2, 6, 4, 6)
    assert strike["source"] == "Wire A; Local B" and str(strike["event_date"].date()) == "2015-12-07"
    raid = shown[shown["event_id"] == later.event_id].iloc[0]
    assert (raid["reports"], raid["fatalities"]) == (1, 2)
    assert int(shown["fatalities"].sum()) == 8  # not 4 + 6 + 2
    side_by_side = store.reports(local.event_id)
    assert [(r.source, r.fatalities) for r in side_by_side] == [("Wire A", 4), ("Local B", 6)]
    assert side_by_side[0].why == "" and side_by_side[1].why == (
        "same day, same place (Saraqab), same type (Explosions/Remote violence), actors agree "
        "(Military Forces of Syria)")


def test_the_timeline_counts_the_merged_event_once(saved) -> None:  # noqa: ANN001
    store, _ = saved
    shown = report_view.counted(store.events_frame(), store.report_groups())
    table = timeline.counts(shown, freq="M", by="event_type")
    assert table["events"].tolist() == [2]


def test_a_split_report_becomes_its_own_event_again_and_is_not_merged_back_on_a_new_save(saved) -> None:  # noqa: ANN001
    store, events = saved
    local = events[LOCAL.title][0]
    assert store.split_report(local.event_id, editor="editor@example.org", why="another market") is not None
    assert store.report_groups() == {}
    store.update_events(local.article_id, list(events[LOCAL.title]), editor="editor@example.org", note="re-saved")
    assert store.report_groups() == {}
    assert [row[2] for row in store.merge_log(local.event_id)] == ["merge", "split"]
    assert len(report_view.counted(store.events_frame(), store.report_groups())) == 3


def test_deleting_one_report_leaves_the_other_as_a_plain_event(saved) -> None:  # noqa: ANN001
    store, events = saved
    store.delete_article(events[WIRE.title][0].article_id, editor="tester")
    assert store.report_groups() == {}
    assert [r.source for r in store.reports(events[LOCAL.title][0].event_id)] == ["Local B"]


def test_an_acled_import_of_the_same_strike_is_kept_apart(saved) -> None:  # noqa: ANN001
    store, _ = saved
    before = store.report_groups()
    assert import_acled(store, ACLED_SAME_STRIKE.encode()).added == 1
    assert store.report_groups() == before
    assert len(report_view.counted(store.events_frame(), store.report_groups())) == 3


def test_counting_without_any_merge_adds_one_report_per_event_and_keeps_dtypes(saved) -> None:  # noqa: ANN001
    store, events = saved
    frame = store.events_frame()
    shown = report_view.counted(frame, {})
    assert shown["reports"].tolist() == [1, 1, 1] and shown["group_id"].tolist() == frame["event_id"].astype(str).tolist()
    merged = report_view.counted(frame, store.report_groups())
    for name in frame.columns:
        assert merged[name].dtype == frame[name].dtype or isinstance(frame[name].dtype, __import__("pandas").CategoricalDtype), name


def test_the_map_counts_the_merged_event_once_and_filters_by_reports_and_origin(saved, monkeypatch) -> None:  # noqa: ANN001
    from streamlit.testing.v1 import AppTest

    from dashboard import state
    from tests.dashboard.conftest import APP

    store, events = saved
    import_acled(store, ACLED_SAME_STRIKE.encode())
    monkeypatch.setenv("CONFLICT_MAP_MODE", "local")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    # 4 reports (wire, local, later raid, ACLED's): the strike once, the raid, ACLED's own event
    assert (metrics["Events shown"], metrics["Events in the store"], metrics["Reported fatalities"]) == ("3", "3", "14")
    at.number_input(key=state.F_MIN_REPORTS).set_value(2).run()
    assert {m.label: m.value for m in at.metric}["Events shown"] == "1"
    at.number_input(key=state.F_MIN_REPORTS).set_value(0).run()
    at.selectbox(key=state.F_ORIGIN).set_value("acled").run()
    assert {m.label: m.value for m in at.metric}["Events shown"] == "1"
    at.selectbox(key=state.F_ORIGIN).set_value("extracted").run()
    assert {m.label: m.value for m in at.metric}["Events shown"] == "2"


def test_folding_many_groups_gives_each_group_its_outlets_once_in_report_order() -> None:
    """The fold works on codes, not one Python call per group: compared here with the plain per-group join on
    groups of one to five reports, with repeated, empty and missing outlets."""
    import random

    import pandas as pd

    from dashboard.store.rows import empty_frame

    rng = random.Random(5)
    n = 400
    outlets = ["SANA", "SOHR", "", None, "Enab Baladi", "The New Arab"]
    frame = empty_frame()
    values = {
        "event_id": [f"r{i:04d}" for i in range(n)],
        "geo_precision": [rng.choice([1, 2, 3, None]) for _ in range(n)],
        "confidence": [rng.random() for _ in range(n)],
        "fatalities": [rng.choice([None, 0, 3, 12]) for _ in range(n)],
        "source": [rng.choice(outlets) for _ in range(n)],
    }
    values |= {"sentence_start": [0] * n, "sentence_end": [1] * n}
    dtypes = {name: "category" if isinstance(d, pd.CategoricalDtype) else d for name, d in frame.dtypes.items()}
    frame = pd.DataFrame({name: pd.Series(values.get(name, [None] * n), dtype=object).astype(dtypes[name])
                          for name in frame.columns})
    assert frame["source"].isna().sum() < n // 4 and (frame["source"] == "").any()
    groups: dict[str, str] = {}
    ids = list(values["event_id"])
    rng.shuffle(ids)
    while len(ids) > 150:
        members = [ids.pop() for _ in range(rng.randint(1, 5))]
        for member in members:
            groups[member] = f"g-{min(members)}"
    shown = report_view.counted(frame, groups).set_index("group_id")
    for group in set(groups.values()):
        rows = frame[frame["event_id"].astype(str).map(groups) == group]
        want = "; ".join(dict.fromkeys(str(v) for v in rows["source"] if isinstance(v, str) and v))
        got = shown.loc[group, "source"]
        assert (got if isinstance(got, str) else "") == want, group
        assert shown.loc[group, "reports"] == len(rows)
