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
from tests.dashboard.frames import sample_frame

DF = sample_frame()
OPTIONS = filters.options_from_frame(DF)


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
    ("params", "note_word"),
    [
        ({"from": ["yesterday"]}, "not a date"),
        ({"from": ["2016-01-01"], "to": ["2015-01-01"]}, "start is after its end"),
        ({"actor": ["Nobody"]}, "not in the data"),
        ({"minfat": ["-3"]}, "whole number"),
        ({"minfat": ["lots"]}, "whole number"),
        ({"prec": ["7"]}, "1, 2 or 3"),
        ({"q": ["x" * 500]}, "cut to"),
    ],
)
def test_bad_query_values_are_ignored_with_a_note(params: dict[str, list[str]], note_word: str) -> None:
    parsed, notes = filters.parse_query(params, options=OPTIONS)
    assert any(note_word in n for n in notes), notes
    assert len(filters.apply(DF, parsed)) == len(DF) or params.get("q")


def test_csv_export_has_acled_names_exact_rows_and_no_formulas() -> None:
    subset = filters.apply(DF, filters.Filters(admin1=("Rif Dimashq", "Daraa")))
    rows = list(csv.DictReader(io.StringIO(export.to_csv(subset).decode("utf-8-sig"))))
    assert [r["event_id_cnty"] for r in rows] == ["e0003", "e0005"]
    assert {"event_date", "year", "actor1", "interaction", "geo_precision", "iso"} <= set(rows[0])
    assert rows[1]["actor1"].startswith("'=")  # neutralised
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
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<mark class="hl-place" title="PLACE: &quot;&gt;&lt;b&gt;">Kafra</mark>' in out
    assert "&amp; Azaz" in out


def test_highlight_drops_overlapping_and_out_of_range_spans() -> None:
    spans = [Span(0, 10, "ACTOR", ""), Span(5, 8, "PLACE", ""), Span(50, 60, "PLACE", "")]
    kept = highlight.non_overlapping(spans, length=20)
    assert [(s.start, s.end) for s in kept] == [(0, 10)]


def test_tooltips_are_plain_text_never_html() -> None:
    """Regression: an HTML tooltip template would let article text be parsed as HTML in the browser."""
    deck = maplayers.build_deck(DF)
    assert set(deck._tooltip) == {"text", "style"}  # deck.gl sets "text" with innerText
    tips = maplayers.tooltips(DF, with_sentence=True)
    assert "<img src=x onerror=alert(1)> shelling in Duma" in tips[4]  # shown as written, as text
    assert tips[0].splitlines()[0] == "2015-12-02 \u00b7 Explosions/Remote violence"
    assert "Military Forces of Russia \u2192 Rebel groups" in tips[0] and "Kafra, Aleppo" in tips[0]


def test_points_layers_one_per_type_with_legend_colour_and_radius_by_fatalities() -> None:
    deck = maplayers.build_deck(DF)
    spec = json.loads(deck.to_json())
    events = [layer for layer in spec["layers"] if layer["id"].startswith("events-")]
    assert deck.mode == "points" and deck.shown == 4  # e0004 has no coordinates
    assert sum(len(layer["data"]) for layer in events) == 4
    battles = [layer for layer in events if layer["getFillColor"][:3] == list(maplayers.legend()["Battles"])]
    assert len(battles) == 1 and battles[0]["data"][0]["id"] == "e0002"
    radii = {row["id"]: row["r"] for layer in events for row in layer["data"]}
    assert radii["e0003"] > radii["e0001"] > radii["e0002"]
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
    governorates = {f["properties"]["name"] for f in feats if f["properties"]["kind"] == "governorate"}
    countries = {f["properties"]["name"] for f in feats if f["properties"]["kind"] == "country"}
    assert len(governorates) == 14 and {"Aleppo", "Rif Dimashq", "Deir ez-Zor"} <= governorates
    assert {"Turkey", "Iraq", "Jordan", "Lebanon"} <= countries


def test_timeline_counts_by_month_and_by_actor() -> None:
    by_type = timeline.counts(DF, freq="M", by="event_type")
    assert int(by_type["events"].sum()) == len(DF)
    dec = by_type[by_type["period"] == pd.Timestamp("2015-12-01")]
    assert dict(zip(dec["group"], dec["events"])) == {"Battles": 1, "Explosions/Remote violence": 1}
    by_actor = timeline.counts(DF, freq="W", by="actor1")
    rebels = by_actor[by_actor["group"] == "Rebel groups"]["events"].sum()
    assert rebels == 3  # e0001 (target), e0002 (target), e0004 (initiator)


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


def test_region_level_events_are_hollow_rings_not_pins() -> None:
    """Guards against a country- or governorate-level event looking like a strike on the region's centre."""
    df = DF.assign(geo_precision=[1, 3, 1, 3, 1][: len(DF)])
    spec = json.loads(maplayers.build_deck(df).to_json())
    events = [layer for layer in spec["layers"] if layer["id"].startswith("events-")]
    by_id = {row["id"]: layer for layer in events for row in layer["data"]}
    vague = [i for i, p in zip(df["event_id"], df["geo_precision"]) if p == 3 and i in by_id]
    exact = [i for i, p in zip(df["event_id"], df["geo_precision"]) if p == 1 and i in by_id]
    assert vague and exact
    assert all(by_id[i]["filled"] is False for i in vague)
    assert all(by_id[i]["filled"] is True for i in exact)
    assert len({layer["id"] for layer in events}) == len(events)


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
    assert [layer["id"] for layer in deck["layers"]] == ["basemap", "pick", "labels-governorates", "labels-places"]
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
    assert len(rows) == len(frame) + 1 and any("line one\rline two" in row for row in rows)
