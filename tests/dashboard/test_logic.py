"""Pure dashboard logic: filters <-> URL, masks, exports, highlighting, map layers, timeline."""

from __future__ import annotations

import csv
import re
import io
import json
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import export, filters, highlight, maplayers, timeline
from extraction.records import Span
from tests.dashboard.frames import EXPORT_COLUMNS, sample_frame

DF = sample_frame()
OPTIONS = filters.options_from_frame(DF)


def test_the_test_frame_is_the_stores_frame() -> None:
    """DF comes out of a real store (tests/dashboard/frames.py): the columns and dtypes every page gets."""
    from dashboard.store.rows import DATE_DTYPE, FRAME_DTYPES
    from extraction.records import EVENT_COLUMNS

    assert list(DF.columns) == list(EVENT_COLUMNS)
    assert {name: str(dtype) for name, dtype in DF.dtypes.items()} == FRAME_DTYPES | {"event_date": DATE_DTYPE}
    assert DF["event_id"].tolist() == ["e0001", "e0002", "e0003", "e0004", "e0005"]


@pytest.mark.parametrize(
    ("f", "expected_ids"),
    [
        (filters.Filters(), ["e0001", "e0002", "e0003", "e0004", "e0005"]),
        (filters.Filters(actors=("Islamic State",)), ["e0002", "e0004"]),  # either side
        (filters.Filters(date_from=date(2016, 1, 1)), ["e0003", "e0004", "e0005"]),
        (filters.Filters(date_to=date(2015, 12, 1)), ["e0002"]),  # end day included
        (filters.Filters(event_types=("Battles",)), ["e0002", "e0004"]),
        (filters.Filters(sub_event_types=("Armed clash",)), ["e0004"]),
        (filters.Filters(admin1=("Daraa", "Rif Dimashq")), ["e0003", "e0005"]),
        (filters.Filters(min_fatalities=3), ["e0001", "e0003", "e0005"]),
        (filters.Filters(sources=("Other paper",)), ["e0003"]),
        (filters.Filters(geo_precision=(2, 3)), ["e0003", "e0004"]),
        (filters.Filters(text="ARTILLERY"), ["e0003"]),
        (filters.Filters(actors=("Rebel groups",), date_from=date(2016, 1, 1)), ["e0004"]),
    ],
)
def test_filters_select_the_expected_rows(f: filters.Filters, expected_ids: list[str]) -> None:
    assert filters.apply(DF, f)["event_id"].tolist() == expected_ids


def test_query_round_trip() -> None:
    f = filters.Filters(
        date_from=date(2015, 1, 1), date_to=date(2016, 1, 1), actors=("Islamic State",),
        event_types=("Battles",), admin1=("Aleppo",), min_fatalities=2, geo_precision=(1,), text="kafra",
    )
    parsed, notes = filters.parse_query(filters.to_query(f), options=OPTIONS)
    assert parsed == f and notes == []


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"from": ["yesterday"]}, "Ignored from='yesterday': not a date (use YYYY-MM-DD)."),
        ({"from": ["2016-01-01"], "to": ["2015-01-01"]}, "Ignored the date range from the link: its start is after its end."),
        ({"actor": ["Nobody"]}, "Ignored actor: 'Nobody' not in the data."),
        ({"minfat": ["-3"]}, "Ignored minfat='-3': not a whole number >= 0."),
        ({"minfat": ["lots"]}, "Ignored minfat='lots': not a whole number >= 0."),
        ({"prec": ["7"]}, "Ignored prec='7': precision is 1, 2 or 3."),
    ],
)
def test_bad_query_values_are_ignored_with_a_note(params: dict[str, list[str]], note: str) -> None:
    parsed, notes = filters.parse_query(params, options=OPTIONS)
    assert notes == [note]
    assert parsed == filters.Filters()  # the bad value is dropped: every event stays
    assert len(filters.apply(DF, parsed)) == len(DF)


def test_an_overlong_search_text_is_cut_with_a_note() -> None:
    parsed, notes = filters.parse_query({"q": ["x" * 500]}, options=OPTIONS)
    assert notes == ["Search text from the link cut to 200 characters."]
    assert parsed == filters.Filters(text="x" * 200)
    assert len(filters.apply(DF, parsed)) == 0  # kept as a search: no event has that text


def test_csv_export_has_acled_names_exact_rows_and_no_formulas() -> None:
    subset = filters.apply(DF, filters.Filters(admin1=("Rif Dimashq", "Daraa")))
    rows = list(csv.DictReader(io.StringIO(export.to_csv(subset).decode("utf-8-sig"))))
    assert [r["event_id_cnty"] for r in rows] == ["e0003", "e0005"]
    assert list(rows[0]) == EXPORT_COLUMNS
    assert rows[1]["actor1"] == "'=HYPERLINK(\"http://x\")"  # neutralised
    assert rows[0]["year"] == "2016" and rows[0]["event_date"] == "2016-03-05"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_prefixes_formula_cells(cell: str) -> None:
    assert export.neutralise(cell) == "'" + cell
    assert export.neutralise("plain") == "plain" and export.neutralise(-1.5) == -1.5


def test_xlsx_export_stores_formula_text_as_text() -> None:
    book = load_workbook(io.BytesIO(export.to_xlsx(DF)))
    sheet = book["events"]
    header = [c.value for c in sheet[1]]
    values = [c.value for c in sheet[6]]
    cell = values[header.index("actor1")]
    assert sheet.max_row == len(DF) + 1
    assert cell == "'=HYPERLINK(\"http://x\")"
    assert sheet.cell(row=6, column=header.index("actor1") + 1).data_type == "s"


def test_geojson_export_leaves_out_events_without_coordinates() -> None:
    data = json.loads(export.to_geojson(DF))
    ids = [f["properties"]["event_id_cnty"] for f in data["features"]]
    assert ids == ["e0001", "e0002", "e0003", "e0005"]
    assert data["features"][0]["geometry"]["coordinates"] == [37.1, 36.5]
    # ... and says how many it left out, as the Table and Map pages do.
    assert data["left_out_without_coordinates"] == len(DF) - 4 == filters.without_coordinates(DF)


def test_highlight_escapes_text_then_marks_spans() -> None:
    text = "<script>x</script> near Kafra & Azaz"
    start = text.index("Kafra")
    out = highlight.highlight_html(text, [Span(start, start + 5, "PLACE", "Kafra", '"><b>')])
    assert out == ('<div class="cm-article">&lt;script&gt;x&lt;/script&gt; near '
                   '<mark class="hl-place" title="PLACE: &quot;&gt;&lt;b&gt;">Kafra</mark> &amp; Azaz</div>')


def test_highlight_drops_overlapping_and_out_of_range_spans() -> None:
    spans = [Span(0, 10, "ACTOR", ""), Span(5, 8, "PLACE", ""), Span(50, 60, "PLACE", "")]
    kept = highlight.non_overlapping(spans, length=20)
    assert [(s.start, s.end) for s in kept] == [(0, 10)]


def test_tooltips_are_plain_text_never_html() -> None:
    """Regression: an HTML tooltip template would let article text be parsed as HTML in the browser."""
    deck = maplayers.build_deck(DF)
    assert set(deck._tooltip) == {"text", "style"}  # deck.gl sets "text" with innerText
    tips = maplayers.tooltips(DF)
    assert tips[0] == ("2015-12-02 \u00b7 Explosions/Remote violence\nAir/drone strike \u00b7 3 killed\n"
                       "Military Forces of Russia \u2192 Rebel groups\nKafra, Aleppo\n\u201cRussian war planes bombed Kafra.\u201d")
    # shown as written, as text; with one actor no arrow
    assert tips[4] == ("2016-07-01 \u00b7 Explosions/Remote violence\nAir/drone strike \u00b7 3 killed\n"
                       '=HYPERLINK("http://x")\nDuma, Rif Dimashq\n\u201c<img src=x onerror=alert(1)> shelling in Duma\u201d')


def test_points_layers_one_per_type_with_legend_colour_and_radius_by_fatalities() -> None:
    deck = maplayers.build_deck(DF)
    spec = json.loads(deck.to_json())
    events = [layer for layer in spec["layers"] if layer["id"].startswith("events-")]
    assert deck.mode == "points" and deck.shown == 4  # e0004 has no coordinates
    assert sum(len(layer["data"]) for layer in events) == 4
    battles = [layer for layer in events if maplayers.rgba_of(layer["getFillColor"])[:3] == list(maplayers.legend()["Battles"])]
    assert len(battles) == 1 and battles[0]["data"][0]["id"] == "e0002"
    radii = {row["id"]: row["r"] for layer in events for row in layer["data"]}
    assert radii == {"e0002": 5.0, "e0001": 8.5, "e0005": 8.5, "e0003": 11.9}  # 0, 3, 3 and 12 killed
    assert spec["layers"][0]["id"] == "basemap" and spec["mapStyle"] == maplayers.NO_TILES


def test_map_aggregates_past_the_point_limit() -> None:
    deck = maplayers.build_deck(DF, max_points=2)
    assert deck.mode == "density"
    cells = maplayers.grid_cells(DF)
    assert int(cells["n"].sum()) == 4


def test_selected_event_id_reads_pydeck_selection() -> None:
    selection = {"selection": {"indices": {"events-0": [0]}, "objects": {"events-0": [{"id": "e0003"}]}}}
    assert maplayers.selected_event_id(selection) == "e0003"
    assert maplayers.selected_event_id({"selection": {"indices": {}, "objects": {}}}) is None


def test_basemap_has_the_fourteen_governorates_and_neighbours() -> None:
    feats = maplayers.basemap_geojson()["features"]
    governorates = sorted(f["properties"]["name"] for f in feats if f["properties"]["kind"] == "governorate")
    countries = sorted(f["properties"]["name"] for f in feats if f["properties"]["kind"] == "country")
    assert governorates == ["Al-Hasakah", "Aleppo", "Ar-Raqqa", "As-Suwayda", "Damascus", "Daraa", "Deir ez-Zor", "Hama",
                            "Homs", "Idlib", "Latakia", "Quneitra", "Rif Dimashq", "Tartus"]
    assert countries == ["Cyprus", "Iraq", "Israel", "Jordan", "Lebanon", "N. Cyprus", "Palestine", "Turkey"]


def test_timeline_counts_by_month_and_by_actor() -> None:
    by_type = timeline.counts(DF, freq="M", by="event_type")
    assert int(by_type["events"].sum()) == len(DF)
    dec = by_type[by_type["period"] == pd.Timestamp("2015-12-01")]
    assert dict(zip(dec["group"], dec["events"])) == {"Battles": 1, "Explosions/Remote violence": 1}
    by_actor = timeline.counts(DF, freq="W", by="actor1")
    rebels = by_actor[by_actor["group"] == "Rebel groups"]["events"].sum()
    assert rebels == 1  # e0004, the one event it initiated: each event counts once, under its actor1
    assert int(by_actor["events"].sum()) == len(DF) - int(DF["event_date"].isna().sum())


def test_timeline_selected_span_from_epoch_milliseconds() -> None:
    start = pd.Timestamp("2015-12-01", tz="UTC").value // 1_000_000
    end = pd.Timestamp("2016-03-31", tz="UTC").value // 1_000_000
    event = {"selection": {timeline.SELECTION: {"period": [end, start]}}}
    assert timeline.selected_span(event) == (date(2015, 12, 1), date(2016, 3, 31))
    assert timeline.selected_span({"selection": {}}) is None


@pytest.mark.parametrize(
    "text", ["<img src=x onerror=alert(1)>", "[a](javascript:alert(1))", "**bold** _it_ `code`", ":red[x] $x$", "a\\b"]
)
def test_markdown_literal_escapes_every_markdown_character(text: str) -> None:
    out = highlight.markdown_literal(text)
    assert re.sub(r"\\(.)", r"\1", out) == text  # shows exactly the text
    assert not re.search(r"(?<!\\)[<>\[\]()*_`:$]", out)  # no active Markdown/HTML/directive character left


@pytest.mark.parametrize(("env", "reachable", "expected"), [("", True, False), ("1", False, False), ("1", True, True)])
def test_online_tiles_only_when_enabled_and_reachable(monkeypatch: pytest.MonkeyPatch, env: str, reachable: bool,
                                                      expected: bool) -> None:
    from dashboard import settings_ui

    monkeypatch.setenv(settings_ui.TILES_ENV, env)
    monkeypatch.setattr(settings_ui, "_reachable", lambda host: reachable)
    assert settings_ui.tiles_enabled() is expected
    spec = json.loads(maplayers.build_deck(DF, tiles=expected).to_json())
    assert (spec["mapStyle"] == maplayers.TILE_STYLE) is expected and spec["layers"][0]["id"] == "basemap"  # outlines always drawn


def test_selected_cell_count_reads_a_density_click() -> None:
    selection = {"selection": {"indices": {"density": [3]}, "objects": {"density": [{"n": 42, "tip": "x"}]}}}
    assert maplayers.selected_cell_count(selection) == 42
    assert maplayers.selected_event_id(selection) is None
    assert maplayers.selected_cell_count({"selection": {"objects": {}}}) is None


def test_single_chunk_strings_keeps_values_and_dtypes() -> None:
    from dashboard.session import single_chunk_strings

    chunked = pd.concat([DF, DF], ignore_index=True)  # concatenation leaves Arrow columns in two chunks
    assert chunked["event_id"].array.__arrow_array__().num_chunks == 2
    out = single_chunk_strings(chunked)
    assert out["event_id"].array.__arrow_array__().num_chunks == 1
    assert out.dtypes.equals(chunked.dtypes) and out.equals(chunked)
    assert chunked["event_id"].array.__arrow_array__().num_chunks == 2  # the input frame is not modified


def test_forget_frames_drops_last_runs_frames_and_keeps_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards the peak memory after a save (last run's frames freed before the refresh builds new ones) and
    the callbacks of a run that follows a stopped one (they still find the store, role and editor)."""
    import types

    from dashboard import session

    fake = types.SimpleNamespace(session_state={})
    monkeypatch.setattr(session, "st", fake)
    store = object()
    ctx = session.Context(store=store, frame=DF, filtered=DF.iloc[:2], filters=None, options=None,  # type: ignore[arg-type]
                          can_edit=True, mode="local", editor="ed")
    fake.session_state[session.CONTEXT_KEY] = ctx
    session.forget_frames()
    kept = fake.session_state[session.CONTEXT_KEY]
    assert kept.store is store and (kept.can_edit, kept.mode, kept.editor) == (True, "local", "ed")
    assert len(kept.frame) == len(kept.filtered) == 0
    assert kept.frame.dtypes.equals(DF.dtypes)
    session.forget_frames()  # a second time (nothing to drop) changes nothing
    assert fake.session_state[session.CONTEXT_KEY] is kept


def test_region_level_events_are_hollow_rings_not_pins() -> None:
    """Guards against a country- or governorate-level event looking like a strike on the region's centre."""
    df = DF.assign(geo_precision=[1, 3, 3, 3, 2])  # e0004 has no coordinates: not drawn
    spec = json.loads(maplayers.build_deck(df).to_json())
    events = [layer for layer in spec["layers"] if layer["id"].startswith("events-")]
    # one layer per type and fill: a vague strike (e0003) is a ring beside the filled ones of its own type
    assert [(layer["id"], layer["filled"], [row["id"] for row in layer["data"]]) for layer in events] == [
        ("events-0", False, ["e0002"]), ("events-1", True, ["e0001", "e0005"]), ("events-2", False, ["e0003"])]


def test_options_count_undated_events_the_date_filter_leaves_out() -> None:
    frame = DF.copy()
    frame.loc[frame.index[:2], "event_date"] = pd.NaT
    assert filters.options_from_frame(frame).undated == 2
    assert filters.options_from_frame(DF).undated == int(DF["event_date"].isna().sum())


def test_the_place_picker_offers_a_1_km_grid_inside_syria_and_reads_the_click() -> None:
    grid = maplayers.pick_grid(35.93, 36.63)
    assert len(grid) == 61 * 61 and grid["lat"].between(35.62, 36.24).all()
    edge = maplayers.pick_grid(37.3, 42.3)  # the north-east corner: clipped to Syria's box
    from gazetteer.records import SYRIA_BBOX

    south, north, west, east = SYRIA_BBOX
    assert edge["lat"].max() <= north + 1e-9 and edge["lon"].max() <= east + 1e-9
    deck = json.loads(maplayers.picker_deck(35.93, 36.63).to_json())
    assert [layer["id"] for layer in deck["layers"]] == ["basemap", "basemap-outlines-other", "basemap-outlines", "pick",
                                                        "labels-governorates", "labels-places"]
    clicked = {"selection": {"objects": {"pick": [{"lat": 35.95, "lon": 36.61}]}}}
    assert maplayers.picked_point(clicked) == (35.95, 36.61)
    assert maplayers.picked_point({"selection": {"objects": {}}}) is None


def test_exports_survive_page_breaks_and_bare_carriage_returns() -> None:
    frame = DF.copy()
    frame["notes"] = frame["notes"].astype(object)
    frame.loc[frame.index[0], "notes"] = "page one\fpage two\vend"  # pdftotext writes page breaks as form feeds
    frame.loc[frame.index[1], "notes"] = "line one\rline two"
    book = load_workbook(io.BytesIO(export.to_xlsx(frame)))
    assert book["events"].max_row == len(frame) + 1
    rows = list(csv.reader(io.StringIO(export.to_csv(frame).decode("utf-8-sig"), newline="")))
    assert len(rows) == len(frame) + 1
    notes = EXPORT_COLUMNS.index("notes")
    assert [row[notes] for row in rows[1:3]] == ["page one\fpage two\vend", "line one\rline two"]
    sheet = book["events"]
    assert [sheet.cell(row=r, column=notes + 1).value for r in (2, 3)] == ["page one page two end", "line one\rline two"]



def test_the_density_map_draws_one_invisible_point_to_warm_the_point_layer() -> None:
    # deck.gl compiles a layer kind at its first draw; the grid map draws one transparent, unpickable point so the
    # first narrowing to points does not pay for it (scripts/bench_browser.py --steps filter measures it).
    density = maplayers.build_deck(DF, max_points=2).spec["layers"]
    (warm,) = [layer for layer in density if layer["id"] == "warm-points"]
    assert warm["pickable"] is False and maplayers.rgba_of(warm["getFillColor"])[3] == 0 and len(warm["data"]) == 1
    assert all(layer["id"] != "warm-points" for layer in maplayers.build_deck(DF).spec["layers"])
