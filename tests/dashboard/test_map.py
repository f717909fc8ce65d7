"""The map reads like a map with no internet: place names by zoom, counts where events stack, a view fitted
to the filtered events, and no online style fetched unless the user switches tiles on."""

from __future__ import annotations

import json
import math
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import maplayers, state
from gazetteer.records import SYRIA_BBOX
from tests.dashboard.frames import make_event


def _frame(events: list) -> pd.DataFrame:  # noqa: ANN001
    return pd.DataFrame([e.to_dict() for e in events])


def _spec(deck: maplayers.CompactDeck) -> dict:
    return json.loads(deck.to_json())


def _pixel(view: dict, lat: float, lon: float, size: tuple[int, int] = maplayers.FIT_SIZE_PX) -> tuple[float, float]:
    """Where (lat, lon) falls in a map of ``size`` pixels showing ``view`` (Web Mercator, 512-pixel world)."""
    def world(la: float, lo: float) -> tuple[float, float]:
        scale = 512 * 2 ** view["zoom"]
        return (lo + 180) / 360 * scale, (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2 * scale

    (x, y), (xc, yc) = world(lat, lon), world(view["latitude"], view["longitude"])
    return size[0] / 2 + x - xc, size[1] / 2 + y - yc


def test_place_names_come_from_the_gazetteer_with_capitals_first_and_governorates_at_their_centres() -> None:
    regions, places = maplayers.place_labels()
    assert sorted(r["t"] for r in regions) == sorted(name.upper() for name in maplayers.governorate_centres())
    assert len(regions) == 14
    south, north, west, east = SYRIA_BBOX
    assert all(south <= row["p"][1] <= north and west <= row["p"][0] <= east for row in regions + places)
    assert all(-1000 <= row["k"] <= 1000 for row in regions + places)  # deck.gl's collision priority range
    capitals = [row["t"] for row in places if row["k"] >= maplayers.LABEL_PRIORITY[1]]
    assert sorted(capitals) == ["Al-Hasakeh", "Aleppo", "Ar-Raqqa", "As-Sweida", "Damascus", "Dar'a", "Deir-ez-Zor",
                                "Hama", "Homs", "Idleb", "Lattakia", "Quneitra", "Tartous"]  # OCHA's spellings
    assert [row["k"] for row in places] == sorted((row["k"] for row in places), reverse=True)
    assert len(places) > 7000  # every community of the OCHA table, for village zoom
    homs = maplayers.governorate_centres()["Homs"]
    assert 37.5 < homs[0] < 39.5 and 33.8 < homs[1] < 35  # the desert governorate's middle, not the city


def test_label_layers_thin_by_collision_and_avoid_the_property_that_hid_them() -> None:
    layers = maplayers.label_layers()
    assert [layer["id"] for layer in layers] == ["labels-governorates", "labels-places"]
    for layer in layers:
        assert layer["extensions"] == [{"@@type": "CollisionFilterExtension"}]
        assert layer["collisionGroup"] == "labels" and layer["getCollisionPriority"] == "@@=k"
        assert "getAlignmentBaseline" not in layer  # with it, Streamlit 1.67's deck.gl drew no label at all


def test_no_tiles_means_no_style_to_fetch_and_tiles_put_the_online_style_under_the_outlines() -> None:
    df = _frame([make_event(1)])
    offline = _spec(maplayers.build_deck(df))
    assert offline["mapStyle"] == maplayers.NO_TILES and "mapProvider" not in offline
    assert offline["layers"][0]["id"] == "basemap" and offline["layers"][0]["filled"] is True
    assert [layer["id"] for layer in offline["layers"]][-2:] == ["labels-governorates", "labels-places"]
    online = _spec(maplayers.build_deck(df, tiles=True))
    assert (online["mapStyle"], online["mapProvider"]) == (maplayers.TILE_STYLE, "carto")
    assert online["layers"][0]["filled"] is False
    assert not any(layer["id"].startswith("labels-") for layer in online["layers"])  # the tiles name places


def test_the_wheel_scrolls_the_page_unless_the_user_lets_it_zoom() -> None:
    df = _frame([make_event(1)])
    assert _spec(maplayers.build_deck(df))["views"] == [{"@@type": "MapView", "controller": {"scrollZoom": False}}]
    assert _spec(maplayers.build_deck(df, wheel_zoom=True))["views"] == [{"@@type": "MapView", "controller": True}]


def test_events_at_one_spot_are_counted_and_points_keep_a_visible_size() -> None:
    df = _frame([make_event(1), make_event(2), make_event(3), make_event(4, latitude=35.0, longitude=36.0, fatalities=0)])
    spec = _spec(maplayers.build_deck(df))
    counts = [layer for layer in spec["layers"] if layer["id"] == "event-counts"]
    assert len(counts) == 1 and counts[0]["data"] == [{"p": [37.1, 36.5], "n": "3"}]
    radii = [row["r"] for layer in spec["layers"] if layer["id"].startswith("events-") for row in layer["data"]]
    assert min(radii) == maplayers.POINT_MIN_PX and layer_units(spec) == {"pixels"}
    alone = _spec(maplayers.build_deck(_frame([make_event(1)])))
    assert not any(layer["id"] == "event-counts" for layer in alone["layers"])


def _rows(spec: dict, prefix: str) -> list[dict]:
    return [row for layer in spec["layers"] if layer["id"].startswith(prefix) for row in layer["data"]]


def test_up_to_group_points_each_event_is_a_point_with_its_sentence_past_it_one_marker_per_place() -> None:
    """Small stores keep one point per event with the full tooltip; past GROUP_POINTS the map draws one marker
    per place (issue 14: the frontend parses and SwiftShader draws every item at each change of the map)."""
    def spec(n: int) -> tuple[maplayers.CompactDeck, dict]:
        events = [make_event(i, latitude=35 + (i % 40) * 0.1, longitude=37.0 + (i // 40) * 0.1,
                             location=f"Village {i % 40}-{i // 40}") for i in range(n)]
        deck = maplayers.build_deck(_frame(events))
        return deck, _spec(deck)

    few, few_spec = spec(maplayers.GROUP_POINTS)
    assert few.mode == "points" and few.shown == maplayers.GROUP_POINTS
    tips = [row["tip"] for row in _rows(few_spec, "events-")]
    assert len(tips) == maplayers.GROUP_POINTS and all("\u201cRussian war planes bombed Kafra.\u201d" in t for t in tips)
    assert not _rows(few_spec, "places-")
    many, many_spec = spec(maplayers.GROUP_POINTS + 1)
    places = _rows(many_spec, "places-")
    assert many.mode == "places" and many.events == maplayers.GROUP_POINTS + 1
    assert many.shown == len(places) == len({(i % 40, i // 40) for i in range(maplayers.GROUP_POINTS + 1)})
    assert not _rows(many_spec, "events-") and not any("Kafra." in row["tip"] for row in places)
    assert maplayers.GROUP_POINTS <= 2_000  # Aleppo, 22,808 synthetic events: 2.8-3.0 s a point each (issue 14)


def test_a_place_is_a_name_in_a_governorate_near_its_median_and_other_events_group_by_spot() -> None:
    events = [
        make_event(1), make_event(2, latitude=36.51, longitude=37.09),  # Kafra, Aleppo, about 1 km apart: one place
        make_event(3, latitude=36.52, longitude=37.12),  # Kafra again, within 0.05 degrees of the median
        make_event(4, admin1="Idlib"),  # another governorate's Kafra, same spot: its own place
        make_event(5, latitude=35.5, longitude=36.0),  # a Kafra 120 km away: its own spot
        make_event(6, latitude=35.5, longitude=36.0, location=None),  # no name, at that spot: with it
        make_event(7, latitude=35.7, longitude=36.0, location=None),  # no name elsewhere: alone
    ]
    groups = maplayers.place_groups(_frame(events))
    assert groups[0] == groups[1] == groups[2]
    assert len({groups[0], groups[3], groups[4], groups[6]}) == 4 and groups[4] == groups[5]
    # newest first; on one day by id, last first (the marker's newest event is the first of the list)
    assert maplayers.place_members(_frame(events), "e0002")["event_id"].tolist() == ["e0003", "e0002", "e0001"]
    assert maplayers.place_members(_frame(events), "nope").empty


def test_a_place_marker_summarises_its_events_and_is_drawn_as_its_commonest_type() -> None:
    events = [
        make_event(1, event_date=date(2014, 5, 1), fatalities=2),
        make_event(2, event_date=date(2016, 1, 9), fatalities=None, event_type="Battles", sub_event_type="Armed clash"),
        make_event(3, event_date=date(2015, 3, 3), fatalities=10),
        make_event(4, event_id="acled-SYR1", event_date=date(2013, 2, 2), fatalities=1),
        make_event(5, latitude=35.0, longitude=36.0, location="Duma", admin1="Rif Dimashq", geo_precision=3,
                   event_type="Battles", sub_event_type="Armed clash"),
    ]
    spec = _spec(maplayers.build_deck(_frame(events), group_points=1))
    rows = {row["tip"].split(" \u00b7 ")[0]: (layer, row) for layer in spec["layers"] if layer["id"].startswith("places-")
            for row in layer["data"]}
    assert set(rows) == {"Kafra, Aleppo", "Duma, Rif Dimashq"}
    layer, kafra = rows["Kafra, Aleppo"]
    assert kafra["tip"] == ("Kafra, Aleppo \u00b7 4 events\n2013-02-02 \u2013 2016-01-09\n"
                            "Explosions/Remote violence 3 \u00b7 Battles 1\n13 killed \u00b7 1 from ACLED")
    assert kafra["id"] == "e0002"  # the newest: a click shows it, with the place's list
    assert maplayers.rgba_of(layer["getFillColor"])[:3] == list(maplayers.colour("Explosions/Remote violence"))
    assert layer["filled"] is True
    layer, duma = rows["Duma, Rif Dimashq"]
    assert duma["tip"].endswith("\n2015-12-02\nBattles 1\n3 killed \u00b7 known only at governorate level")
    assert layer["filled"] is False and maplayers.rgba_of(layer["getFillColor"])[:3] == list(maplayers.colour("Battles"))
    assert kafra["r"] > duma["r"] == maplayers.PLACE_MIN_PX  # grows with the events
    counts = [layer for layer in spec["layers"] if layer["id"] == "event-counts"]
    assert len(counts) == 1 and [row["n"] for row in counts[0]["data"]] == ["4"]  # one event: no number


def test_place_markers_keep_the_accessors_of_event_points() -> None:
    """Software WebGL compiles new code for a vertex layout not seen before: a place marker's layer takes the
    same accessor forms as an event's (PERFORMANCE.md, issue 14)."""
    df = _frame([make_event(1), make_event(2, latitude=35.0, longitude=36.0, location="Duma")])
    point = next(layer for layer in _spec(maplayers.build_deck(df))["layers"] if layer["id"].startswith("events-"))
    place = next(layer for layer in _spec(maplayers.build_deck(df, group_points=1))["layers"]
                 if layer["id"].startswith("places-"))
    assert {k: v for k, v in point.items() if k not in ("id", "data")} == {k: v for k, v in place.items()
                                                                           if k not in ("id", "data")}


def test_only_the_biggest_places_apart_from_each_other_are_numbered() -> None:
    n = maplayers.PLACE_COUNT_LABELS + 20
    events = [make_event(1000 * i + j, location=f"Place {i}", latitude=36.0, longitude=36.0 + i * 0.1)
              for i in range(n) for j in range(2 + i % 3)]
    events += [make_event(999_999, location="Next door", latitude=36.0, longitude=36.0 + 0.001)]
    events += [make_event(999_998 - j, location="Next door", latitude=36.0, longitude=36.0 + 0.001) for j in range(9)]
    spec = _spec(maplayers.build_deck(_frame(events), group_points=1))
    counts = next(layer for layer in spec["layers"] if layer["id"] == "event-counts")["data"]
    assert len(counts) <= maplayers.PLACE_COUNT_LABELS
    assert counts[0]["n"] == "10"  # the biggest first; Place 0 next door (2 events) is left unnumbered
    assert [36.0, 36.0] not in [c["p"] for c in counts]
    boxes = maplayers.count_boxes(pd.Series([c["p"][0] for c in counts]).to_numpy(),
                                  pd.Series([c["p"][1] for c in counts]).to_numpy(), [c["n"] for c in counts],
                                  spec["initialViewState"]["zoom"])
    apart = [(a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]) for i, a in enumerate(boxes) for b in boxes[:i]]
    assert all(apart) and len(counts) > 10


def test_the_density_map_draws_one_invisible_number_so_the_numbers_program_is_built_with_the_first_map() -> None:
    df = _frame([make_event(1), make_event(2), make_event(3, latitude=35.0, longitude=36.0)])
    layers = {layer["id"]: layer for layer in _spec(maplayers.build_deck(df, max_points=1))["layers"]}
    warm, counts = layers["warm-counts"], maplayers.count_layer(df)
    assert maplayers.rgba_of(warm["getColor"])[3] == 0 and warm["outlineWidth"] == 0 and len(warm["data"]) == 1
    assert set(warm) == set(counts) and all(type(warm[k]) is type(counts[k]) for k in counts)


def test_a_click_on_a_place_marker_is_read_apart_from_a_click_on_an_event() -> None:
    place = {"selection": {"indices": {"places-2": [0]}, "objects": {"places-2": [{"id": "e0003", "tip": "x"}]}}}
    assert maplayers.selected_place_event_id(place) == "e0003" and maplayers.selected_event_id(place) is None
    event = {"selection": {"indices": {"events-0": [0]}, "objects": {"events-0": [{"id": "e0001"}]}}}
    assert maplayers.selected_place_event_id(event) is None and maplayers.selected_event_id(event) == "e0001"


@pytest.mark.usefixtures("filled")
def test_clicking_a_place_lists_its_events_newest_first_and_shows_the_newest(
        app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.store import open_store
    from extraction.records import Article

    store = open_store()
    more = Article(text="Two more strikes on Kafra.", title="Kafra again", source="Test Wire",
                   url="https://example.org/k").with_id()
    store.save_article(more, [make_event(11, event_id="ek1", article_id=more.article_id, event_date=date(2017, 4, 4),
                                         latitude=36.501, longitude=37.101, sentence_start=0, sentence_end=10),
                              make_event(12, event_id="ek2", article_id=more.article_id, event_date=date(2014, 1, 1),
                                         sentence_start=0, sentence_end=10)])
    monkeypatch.setattr(maplayers, "GROUP_POINTS", 1)  # the filled store's five events: one marker per place
    app.run()
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    kafra = [row for row in _rows(spec, "places-") if row["tip"].startswith("Kafra, Aleppo")]
    assert len(kafra) == 1 and kafra[0]["id"] == "ek1"
    assert any("at 4 places" in c.value for c in app.caption)
    monkeypatch.setattr(maplayers, "selected_place_event_id", lambda selection: "ek1")  # what the click selects
    app.run()
    assert not app.exception
    assert [h.value for h in app.subheader][:2] == ["Kafra, Aleppo: 3 events", "Selected event"]
    listing = app.dataframe[0].value
    assert listing["date"].astype(str).tolist() == ["2017-04-04", "2015-12-02", "2014-01-01"]
    details = app.dataframe[1].value.set_index("field")["value"]
    assert details["event_date"] == "2017-04-04"


def layer_units(spec: dict) -> set[str]:
    return {layer["radiusUnits"] for layer in spec["layers"] if layer["id"].startswith("events-")}


def test_the_view_fits_the_filtered_events() -> None:
    one = maplayers.fitted_view(_frame([make_event(1, latitude=35.93, longitude=36.63)]))
    assert one["zoom"] == maplayers.FIT_MAX_ZOOM
    x, y = _pixel(one, 35.93, 36.63)
    width, height = maplayers.FIT_SIZE_PX
    assert abs(x - width / 2) <= width / 64 and abs(y - height / 2) <= width / 64  # its village, at the centre
    spread = [make_event(1, latitude=36.2, longitude=37.16), make_event(2, latitude=32.62, longitude=36.1),
              make_event(3, latitude=35.33, longitude=40.14), make_event(4, latitude=None, longitude=None)]
    view = maplayers.fitted_view(_frame(spread))
    width, height = maplayers.FIT_SIZE_PX
    for event in spread[:3]:
        x, y = _pixel(view, event.latitude, event.longitude)
        assert 0 < x < width and 0 < y < height, (event.location, x, y)
    corners = [_pixel(view, 36.2, 40.14), _pixel(view, 32.62, 36.1)]
    assert max(abs(corners[0][0] - corners[1][0]) / width, abs(corners[0][1] - corners[1][1]) / height) > 0.6  # framed, not lost
    assert maplayers.fitted_view(_frame([make_event(1, latitude=None, longitude=None)])) == maplayers.VIEW
    deck = _spec(maplayers.build_deck(_frame(spread)))
    assert deck["initialViewState"] == view


def test_a_filter_that_barely_moves_the_events_leaves_the_view_as_it_was() -> None:
    """The fitted view is on a grid (zoom in steps of 1/8, centre in 1/32 of the view): events spread over Syria,
    less a few or plus one a little further, give the same view, so the browser draws the map once; events in
    one governorate give another; every event keeps a margin of at least 8% of the view."""
    import random

    rng = random.Random(5)
    south, north, west, east = 32.5, 37.2, 35.8, 42.2
    spread = [make_event(i, latitude=rng.uniform(south, north), longitude=rng.uniform(west, east)) for i in range(400)]
    wider = [*spread, make_event(400, latitude=north + 0.02, longitude=east + 0.03)]
    views = [maplayers.fitted_view(_frame(events)) for events in (spread, spread[:350], spread[50:], wider)]
    assert all(view == views[0] for view in views)
    assert views[0]["zoom"] % maplayers.FIT_ZOOM_STEP == 0
    idlib = [make_event(i, latitude=rng.uniform(35.5, 36.2), longitude=rng.uniform(36.3, 36.9)) for i in range(50)]
    assert maplayers.fitted_view(_frame(idlib))["zoom"] > views[0]["zoom"] + 1
    width, height = maplayers.FIT_SIZE_PX
    for events in (spread, idlib, wider):
        view = maplayers.fitted_view(_frame(events))
        xs, ys = zip(*(_pixel(view, e.latitude, e.longitude) for e in events))
        assert min(xs) >= 0.08 * width and max(xs) <= 0.92 * width and min(ys) >= 0.08 * height and max(ys) <= 0.92 * height


@pytest.mark.usefixtures("filled")
def test_the_map_is_the_first_thing_on_the_page_with_its_switches_under_it(app: AppTest) -> None:
    app.run()
    assert not app.exception
    first = app.main.children[0]
    while getattr(first, "children", None):  # the first element inside the first block, however deep
        first = first.children[0]
    assert getattr(first, "key", None) == state.MAP_CHART, f"the page starts with {first!r}, not the map"
    assert app.toggle(key=state.MAP_TILES).value is False and app.toggle(key=state.MAP_WHEEL).value is False
    app.toggle(key=state.MAP_WHEEL).set_value(True).run()
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    assert spec["views"][0]["controller"] is True and spec["mapStyle"] == maplayers.NO_TILES


@pytest.mark.usefixtures("filled")
def test_switching_tiles_on_without_a_reachable_server_says_so_and_fetches_nothing(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard import settings_ui

    monkeypatch.setattr(settings_ui, "_reachable", lambda host: False)
    app.run()
    app.toggle(key=state.MAP_TILES).set_value(True).run()
    assert not app.exception
    assert "The tile server cannot be reached: the offline map is shown." in [c.value for c in app.caption]
    assert json.loads(app.get("deck_gl_json_chart")[0].proto.json)["mapStyle"] == maplayers.NO_TILES


def test_acled_events_carry_a_dark_outline_and_extracted_ones_do_not() -> None:
    df = _frame([make_event(1), make_event(2, event_id="acled-SYR77", latitude=35.0, longitude=36.0)])
    layers = [layer for layer in _spec(maplayers.build_deck(df))["layers"] if layer["id"].startswith("events-")]
    by_id = {row["id"]: layer for layer in layers for row in layer["data"]}
    assert (maplayers.rgba_of(by_id["acled-SYR77"]["getLineColor"]), by_id["acled-SYR77"]["lineWidthMinPixels"]) == ([20, 20, 20, 255], 2)
    assert (maplayers.rgba_of(by_id["e0001"]["getLineColor"]), by_id["e0001"]["lineWidthMinPixels"]) == ([255, 255, 255, 220], 1)


def _first_element(block):  # noqa: ANN001, ANN202 - an AppTest block
    while getattr(block, "children", None):
        block = block.children[0] if isinstance(block.children, list) else next(iter(block.children.values()))
    return block


@pytest.mark.usefixtures("filled")
def test_other_pages_keep_the_map_last_shown_hidden_in_the_same_place(app: AppTest) -> None:
    """Guards the fast return to the Map page: the browser keeps a map (and its WebGL programs, seconds to
    build where WebGL runs on the CPU) only while every page sends it, the same element in the same place."""
    from dashboard import mappanel

    app.run()
    shown = app.get("deck_gl_json_chart")[0].proto.json
    assert mappanel.HIDE_CSS not in " ".join(h.proto.body for h in app.get("html"))
    for page in ("app_pages/table.py", "app_pages/timeline.py", "app_pages/articles.py", "app_pages/upload.py"):
        app.switch_page(page).run()
        assert not app.exception, page
        charts = app.get("deck_gl_json_chart")
        assert [c.proto.json for c in charts] == [shown], page  # the same element: Streamlit sends a reference
        assert getattr(_first_element(app.main.children[0]), "key", None) == state.MAP_CHART, page
        assert mappanel.HIDE_CSS in " ".join(h.proto.body for h in app.get("html")), page  # and it is hidden
    app.switch_page("app_pages/map.py").run()
    assert app.get("deck_gl_json_chart")[0].proto.json == shown
    assert mappanel.HIDE_CSS not in " ".join(h.proto.body for h in app.get("html"))


@pytest.mark.usefixtures("filled")
def test_a_session_that_starts_on_another_page_has_no_hidden_map(app: AppTest) -> None:
    app.switch_page("app_pages/table.py").run()
    assert not app.exception
    assert not app.get("deck_gl_json_chart")


def test_the_outlines_draw_every_edge_of_the_basemap_once_with_or_without_tiles() -> None:
    edges: dict[int, set] = {0: set(), 1: set()}
    for feature in maplayers.basemap_geojson()["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        kind = int(feature["properties"]["kind"] == "governorate")
        for ring in (ring for polygon in polygons for ring in polygon):
            edges[kind] |= {tuple(sorted((tuple(a), tuple(b)))) for a, b in zip(ring[:-1], ring[1:]) if a != b}
    df = _frame([make_event(1)])
    for tiles in (False, True):
        layers = _spec(maplayers.build_deck(df, tiles=tiles))["layers"]
        assert [layer["id"] for layer in layers[:3]] == ["basemap", "basemap-outlines-other", "basemap-outlines"]
        assert layers[0]["stroked"] is False
        drawn = {layer["id"]: [tuple(sorted((tuple(row["a"]), tuple(row["b"])))) for row in layer["data"]]
                 for layer in layers[1:3]}
        governorates, others = drawn["basemap-outlines"], drawn["basemap-outlines-other"]
        assert len(governorates) == len(set(governorates)) and set(governorates) == edges[1]
        # the neighbours' edges, less those a governorate's line draws already (two translucent lines are darker)
        assert len(others) == len(set(others)) and set(others) == edges[0] - edges[1]


def test_the_outlines_are_the_basemap_greys_without_a_colour_streamlit_would_dim() -> None:
    """Streamlit 1.67 dims a line layer's ``getColor`` while an event is selected: the outlines have none; their
    opacity makes black the right grey over the fill (deck.gl's alpha is ``opacity ** (1 / 2.2)``)."""
    layers = {layer["id"]: layer for layer in _spec(maplayers.build_deck(_frame([make_event(1)])))["layers"]}
    for layer_id, kind in (("basemap-outlines", "governorate"), ("basemap-outlines-other", "other")):
        layer = layers[layer_id]
        assert layer["@@type"] == "LineLayer" and "getColor" not in layer
        assert (layer["widthUnits"], layer["widthMinPixels"], layer["pickable"]) == ("pixels", 1, False)
        alpha = layer["opacity"] ** (1 / 2.2)
        fill, grey = maplayers.BASEMAP_FILL[kind][0], maplayers.BASEMAP_LINE[kind][0]
        assert abs(fill * (1 - alpha) - grey) < 1
    assert maplayers.BASEMAP_LINE["governorate"][0] < maplayers.BASEMAP_LINE["other"][0]  # governorates darker


def test_labels_are_kept_apart_by_their_size_without_drawing_their_outline_twice() -> None:
    for layer in maplayers.label_layers(maplayers.VIEW):
        assert layer["collisionTestProps"] == {"sizeScale": 3, "outlineWidth": 0}
        assert layer["outlineWidth"] > 0  # the labels themselves keep their white outline


def test_the_map_draws_its_flat_layers_in_order_without_a_depth_test() -> None:
    """Every layer is flat (altitude 0) and drawn in order: the depth test decides nothing and costs every pixel a
    depth read and write (software WebGL), so the decks turn it off, the place picker's too."""
    decks = [maplayers.build_deck(_frame([make_event(1)])), maplayers.build_deck(_frame([make_event(1)]), density=True),
             maplayers.picker_deck(35.93, 36.63)]
    for deck in decks:
        assert _spec(deck)["parameters"] == {"depthCompare": "always", "depthWriteEnabled": False}
