"""The map's deck.gl layers, built as compact JSON.

``st.pydeck_chart`` only needs an object with ``to_json()``; pydeck's own
serialisation (a list of dicts through an indented ``json.dumps``) costs
about 30 us and 200 bytes per point (PERFORMANCE.md).  ``CompactDeck``
writes the same deck.gl JSON with orjson and short row keys instead.  Past
``GROUP_POINTS`` located events the map draws one marker per place instead
of one point per event (``place_groups``), and past ``MAX_POINTS`` events it
switches to a server-side grid (a few thousand cells over Syria), so the
payload stays small whatever the store holds.

Tooltips are plain text (``{"text": ...}``): deck.gl sets them with
``innerText``, so no value from an article is ever parsed as HTML, whatever
the Streamlit version.  (An ``{"html": ...}`` template would be parsed as
HTML by deck.gl; Streamlit 1.67 escapes the interpolated values itself, so
escaping them here as well would show entities such as ``&amp;lt;`` to users.
Text mode needs neither.)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pandas as pd

DATA = Path(__file__).resolve().parent / "data"
MAX_POINTS = 50_000  # past this the map aggregates (PERFORMANCE.md: 50k-100k)
# Past this many located events the map draws one marker per place (``place_groups``: the events of one named place,
# or of one spot), not one point per event.  Where WebGL runs on the CPU (Chromium's SwiftShader) each drawn item
# costs 20-40 us per frame, drawn twice at each filter change (the fitted view comes a render after the layers in
# Streamlit 1.67), and Streamlit's frontend parses the map's JSON a character at a time (a JSON5 parser): the
# governorate Aleppo (22,808 of 100,000 synthetic events) took 2.8-3.0 s in Chromium with a point and a tooltip
# per event, the goal is 1 s (scripts/bench_browser.py; issue 14).  Up to this many, each event is its own point
# with its sentence in the tooltip (about 0.3 MB of JSON); every store of a few hundred events stays drawn so.
GROUP_POINTS = 2_000
# Events of one place name (and governorate) belong to its marker when they lie this close to the place's median
# position (degrees, about 5 km); one farther away (another place of the same name, a point moved by hand) is
# grouped with the events at its own spot instead.
PLACE_SPREAD_DEG = 0.05
PLACE_TIP_TYPES = 4  # the event types a place's tooltip names with their counts (the others summed)
PLACE_MIN_PX, PLACE_MAX_PX = 4.0, 12.0  # a place marker's radius: one event, and the most
# The number of events is written beside at most this many places, the biggest, none over a bigger one's (in the
# fitted view, this many pixels apart at least): beside all of Aleppo's 2,200 places the numbers covered the map.
PLACE_COUNT_LABELS = 40
PLACE_COUNT_GAP_PX = 4
PLACE_COUNT_CHAR_PX = 7.5
PLACE_COUNT_OFFSET_PX = (9, 8)
TIP_SENTENCE_CHARS = 160
GRID_DEG = 0.1  # density cell, about 10 km
VIEW = {"latitude": 34.9, "longitude": 38.8, "zoom": 5.7, "minZoom": 4, "maxZoom": 14}
TILE_STYLE = "https://basemaps.cartocdn.com/gl/positron-gl-style/style.json"
# Streamlit 1.67 gives a deck without "mapStyle" an online Carto style (a fetch from the browser);
# this value is the one it treats as "no basemap" (DeckGlJsonChart: the style is deleted, none is fetched).
NO_TILES = "__MAP_STYLE__"
FIT_SIZE_PX = (1000, 620)  # about the map's size at 1440 px wide: what the fitted view is computed for
FIT_MAX_ZOOM = 11.0  # one event: its village and the next ones around it
FIT_MARGIN_ZOOM = 0.34  # below the tightest fit, before rounding down to FIT_ZOOM_STEP (0.4 on average, as before)
FIT_ZOOM_STEP = 0.125
FIT_CENTRE_STEP = 1 / 32  # of the view's width
POINT_MIN_PX = 5.0
# Place names drawn by the map itself (no tiles): which names win where they would overlap.  A label's
# priority orders the collision filter: at country zoom only the governorates and their capitals fit,
# then district and subdistrict seats, then the villages, as the view narrows.
LABEL_PRIORITY = {1: 900, "governorate": 800, 2: 600, 3: 300, "village": 0}  # deck.gl keeps -1000..1000
LABEL_FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
# Place names sent with one map.  deck.gl draws every glyph of a TextLayer in every frame, hidden by the
# collision filter or off screen too: with all 7,700 names (72,000 glyphs) each frame took seconds where
# WebGL runs on the CPU (Chromium's SwiftShader), and so did a click, a hover or a filter change (issue 14).
# A map carries the names of its view instead: the governorate names and capitals everywhere, and the most
# important places inside its view grown by half its size on each side (for panning and wider screens), at
# most LABEL_BUDGET places.  The collision filter still picks which of them show at each zoom.  Zooming far
# into a wide view shows the larger places' names only; the villages' come as the filters narrow the view.
LABEL_BUDGET = 200
LABEL_ALWAYS = LABEL_PRIORITY[1]  # the governorate capitals: named on every map
LABEL_VIEW_GROWTH = 0.5  # the view is grown by this share of its width and height on each side
# What the collision filter draws to decide which labels show: each label three times its size (so names keep
# their distance), without the white outline.  The outline draws every glyph a second time, and the collision
# pass is drawn again whenever the view or the labels change (twice at each filter change); the outline adds
# nothing there, the labels kept are the same (screenshots at country, governorate and village zoom).
COLLISION_TEST = {"sizeScale": 3, "outlineWidth": 0}
LABEL_FEATURES = ("populated place", "airbase", "military base", "airport", "border crossing", "dam", "camp")


@lru_cache(maxsize=1)
def legend() -> dict[str, tuple[int, int, int]]:
    """Event type -> RGB, fixed (the same colour on every page and every run)."""
    raw = json.loads((DATA / "legend.json").read_text())
    return {k: tuple(v) for k, v in raw.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def basemap_geojson() -> dict[str, Any]:
    """Syria's governorates and its neighbours' outlines (shipped, offline)."""
    return json.loads((DATA / "basemap.geojson").read_text())


def colour(event_type: str) -> tuple[int, int, int]:
    table = legend()
    return table.get(event_type, table["Other"])


@dataclass
class CompactDeck:
    """Duck-typed stand-in for ``pydeck.Deck``: what ``st.pydeck_chart`` reads from it."""

    spec: dict[str, Any]
    _tooltip: dict[str, Any] = field(default_factory=dict)
    mode: str = "points"  # "points", "places" (a marker per place), "density" or "empty"
    shown: int = 0  # events drawn (points), places drawn (places) or cells drawn (density)
    events: int = 0  # located events on the map
    layers: list[Any] = field(default_factory=list)  # empty: Streamlit's pandas fix-up skips it
    _json: str | None = field(default=None, repr=False)

    def to_json(self) -> str:
        """The deck as JSON, written once: the pages other than the Map send the same deck again on every run
        (``dashboard/mappanel.py``), and the spec is not changed after ``build_deck``."""
        if self._json is None:
            self._json = orjson.dumps(self.spec, option=orjson.OPT_SERIALIZE_NUMPY).decode("utf-8")
        return self._json


def per_object(rgba: Any) -> str:
    """A constant colour written as an accessor (``"@@=[r, g, b, a]"``): deck.gl then keeps it per object
    (a vertex buffer) instead of one value for the whole layer.

    Streamlit 1.67 turns the colour accessors of every layer into functions as soon as an object is selected
    (to dim the others), which gives a constant colour a buffer: where WebGL runs on the CPU (SwiftShader) a
    draw with a vertex layout not seen before compiles new code, 0.2-0.35 s per layer kind and pass, which
    made each click on an event slow (issue 14).  Per object from the start, the layout never changes."""
    return "@@=[" + ", ".join(str(int(c)) for c in rgba) + "]"


def rgba_of(value: Any) -> list[int]:
    """The colour of ``value``: a list, or a constant accessor written by ``per_object``."""
    if isinstance(value, str):
        return [int(c) for c in value.removeprefix("@@=[").removesuffix("]").split(",")]
    return [int(c) for c in value]


def _text_map(series: pd.Series) -> np.ndarray:
    """Text per row ("" for missing), converting each distinct value once."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        cats = np.array([str(c) for c in series.cat.categories] + [""], dtype=object)
        codes = series.cat.codes.to_numpy()
        return cats[np.where(codes < 0, len(cats) - 1, codes)]
    return np.array(["" if pd.isna(v) else str(v) for v in series], dtype=object)


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def tooltips(df: pd.DataFrame) -> list[str]:
    """One plain-text tooltip per row: date and type, sub-type and deaths, actors, place, sentence."""
    dates = pd.to_datetime(df["event_date"], errors="coerce").dt.strftime("%Y-%m-%d").fillna("date unknown")
    types, subs = _text_map(df["event_type"]), _text_map(df["sub_event_type"])
    a1, a2 = _text_map(df["actor1"]), _text_map(df["actor2"])
    places, govs = _text_map(df["location"]), _text_map(df["admin1"])
    fats = pd.to_numeric(df["fatalities"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    sentences = _text_map(df["notes"])
    out = []
    for i, day in enumerate(dates.to_numpy()):
        actors = a1[i] + (" \u2192 " + a2[i] if a2[i] else "")
        place = places[i] + (", " + govs[i] if govs[i] and govs[i] != places[i] else "")
        fat = "" if math.isnan(fats[i]) else f" \u00b7 {int(fats[i])} killed"
        lines = [f"{day} \u00b7 {types[i]}", f"{subs[i]}{fat}", actors, place]
        if sentences[i]:
            lines.append("\u201c" + _truncate(sentences[i], TIP_SENTENCE_CHARS) + "\u201d")
        out.append("\n".join(line for line in lines if line))
    return out


ACLED_PREFIX = "acled-"  # the ids dashboard.import_acled gives ACLED's events
REGION_PRECISION = 3  # ACLED geo_precision 3: only a governorate or the country is known


def radius_px(fatalities: pd.Series) -> np.ndarray:
    """Point radius in pixels: grows with the square root of the fatalities, capped."""
    fat = pd.to_numeric(fatalities, errors="coerce").fillna(0).clip(lower=0).to_numpy()
    return np.minimum(POINT_MIN_PX + 2.0 * np.sqrt(fat), 24.0).round(1)


def point_layers(df: pd.DataFrame) -> list[dict[str, Any]]:
    """One ScatterplotLayer per event type (its legend colour), rows with short keys."""
    located = df[df["latitude"].notna() & df["longitude"].notna()]
    if located.empty:
        return []
    tips = tooltips(located)
    lon = located["longitude"].astype(float).round(5).to_numpy()
    lat = located["latitude"].astype(float).round(5).to_numpy()
    rad = radius_px(located["fatalities"])
    ids = located["event_id"].astype(str).to_numpy()
    types = located["event_type"].astype(str).to_numpy()
    # Events known only at governorate or country level sit at the region's centre:
    # drawn as hollow rings so nobody reads them as a strike on that spot.
    regional = pd.to_numeric(located["geo_precision"], errors="coerce").fillna(0).to_numpy() >= REGION_PRECISION
    # ACLED's own events (dashboard/import_acled.py) carry a dark outline: told apart from extracted ones at a glance.
    acled = np.char.startswith(ids.astype(str), ACLED_PREFIX)
    return _scatter_layers("events", lon, lat, rad, ids, tips, types, regional, acled)


def _scatter_layers(prefix: str, lon: np.ndarray, lat: np.ndarray, rad: np.ndarray, ids: np.ndarray, tips: list[str],
                    types: np.ndarray, regional: np.ndarray, acled: np.ndarray) -> list[dict[str, Any]]:
    """One ScatterplotLayer per (type, regional, ACLED's) with rows; the same accessors whatever the rows stand for
    (an event, a place): software WebGL compiles new code for every vertex layout not seen before."""
    layers: list[dict[str, Any]] = []
    groups = [(kind, vague, theirs) for kind in sorted(set(types)) for vague in (False, True) for theirs in (False, True)]
    for kind, vague, theirs in groups:
        rows = np.flatnonzero((types == kind) & (regional == vague) & (acled == theirs))
        if not len(rows):
            continue
        data = [{"p": [lon[i], lat[i]], "r": rad[i], "id": ids[i], "tip": tips[i]} for i in rows]
        rgb = colour(kind)
        outline = [20, 20, 20, 255] if theirs else ([*rgb, 230] if vague else [255, 255, 255, 220])
        layers.append(
            {
                "@@type": "ScatterplotLayer",
                "id": f"{prefix}-{len(layers)}",
                "data": data,
                "getPosition": "@@=p",
                "getRadius": "@@=r",
                "radiusUnits": "pixels",
                "filled": not vague,
                "getFillColor": per_object([*rgb, 200]),
                "getLineColor": per_object(outline),
                "lineWidthMinPixels": 2 if (vague or theirs) else 1,
                "stroked": True,
                "pickable": True,
                "autoHighlight": True,
            }
        )
    return layers


def _codes(series: pd.Series) -> np.ndarray:
    """An integer per row, equal for equal values, -1 for missing (category codes when categorical)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy().astype(np.int64)
    return pd.factorize(series, use_na_sentinel=True)[0].astype(np.int64)


def place_groups(located: pd.DataFrame) -> np.ndarray:
    """The place of each located event, as a group number (0..places-1, in no particular order).

    A place is a place name in a governorate (``location``, ``admin1``): its events are one marker, wherever they
    were reported within ``PLACE_SPREAD_DEG`` of the name's median position (extracted events of one place share
    the gazetteer's point; others may sit a little apart).  An event without a name, or farther from its name's
    median (another village of that name, a point placed by hand), is grouped with the events at its own spot
    (coordinates rounded to 4 decimals, about 10 m: the spots ``stacked_counts`` counts)."""
    if located.empty:
        return np.zeros(0, dtype=np.int64)
    lon = located["longitude"].to_numpy(dtype=float)
    lat = located["latitude"].to_numpy(dtype=float)
    name, gov = _codes(located["location"]), _codes(located["admin1"])
    named = name >= 0
    place = pd.DataFrame({"n": name, "g": gov}).groupby(["n", "g"], sort=False).ngroup().to_numpy()
    by_place = pd.DataFrame({"x": lon, "y": lat}).groupby(place, sort=False)
    mid_x, mid_y = by_place["x"].transform("median").to_numpy(), by_place["y"].transform("median").to_numpy()
    near = named & (np.abs(lon - mid_x) <= PLACE_SPREAD_DEG) & (np.abs(lat - mid_y) <= PLACE_SPREAD_DEG)
    key = pd.DataFrame({"p": np.where(near, place, -1),
                        "x": np.where(near, 0, np.round(lon * 1e4)).astype(np.int64),
                        "y": np.where(near, 0, np.round(lat * 1e4)).astype(np.int64)})
    return key.groupby(["p", "x", "y"], sort=False).ngroup().to_numpy()


def place_members(df: pd.DataFrame, event_id: str) -> pd.DataFrame:
    """The located events of ``df`` at the place of ``event_id`` (``place_groups``), newest first; empty when the
    event is not among them."""
    located = df[df["latitude"].notna() & df["longitude"].notna()]
    hit = np.flatnonzero(located["event_id"].astype(str).to_numpy() == str(event_id))
    if not len(hit):
        return located.iloc[:0]
    groups = place_groups(located)
    members = located[groups == groups[hit[0]]]
    return members.sort_values(["event_date", "event_id"], ascending=False, na_position="last", kind="stable")


def place_radius_px(events: np.ndarray) -> np.ndarray:
    """A place marker's radius in pixels: grows with the square root of its number of events, capped small enough
    that a governorate's two thousand places still leave the map readable between them."""
    return np.minimum(PLACE_MIN_PX + 0.8 * np.sqrt(np.maximum(events, 1) - 1), PLACE_MAX_PX).round(1)


@dataclass
class Places:
    """One row per place (``place_groups``), biggest first, as arrays: median position, events, fatalities (sum,
    and how many events tell one), first and last day, the newest event's id, counts by type (``type_names``'
    order), the most frequent type, whether every event is regional, how many are ACLED's, name and governorate."""

    lon: np.ndarray
    lat: np.ndarray
    n: np.ndarray
    fat: np.ndarray
    known: np.ndarray
    first: np.ndarray
    last: np.ndarray
    newest: np.ndarray
    by_type: np.ndarray  # places x types
    type_names: list[str]
    top: np.ndarray
    regional: np.ndarray
    acled: np.ndarray
    name: np.ndarray
    gov: np.ndarray

    def __len__(self) -> int:
        return len(self.n)


def place_table(located: pd.DataFrame) -> Places:
    """The places of ``located`` (every row has coordinates) and what their markers say, without a Python loop over
    events (a governorate of 100,000 synthetic events has 23,000 events at 2,200 places)."""
    g = place_groups(located)
    count = int(g.max()) + 1 if len(g) else 0
    n = np.bincount(g, minlength=count)
    lon, lat = located["longitude"].to_numpy(dtype=float), located["latitude"].to_numpy(dtype=float)
    mid = pd.DataFrame({"x": lon, "y": lat}).groupby(g, sort=True).median()
    fat = pd.to_numeric(located["fatalities"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    has = ~np.isnan(fat)
    fat_sum = np.bincount(g, weights=np.where(has, fat, 0.0), minlength=count)
    known = np.bincount(g, weights=has.astype(float), minlength=count)
    days = pd.to_datetime(located["event_date"], errors="coerce").to_numpy(dtype="datetime64[ns]")
    stamp = days.view(np.int64)  # NaT is the smallest int64: an undated event is never the newest of a dated place
    span = pd.DataFrame({"d": days}).groupby(g, sort=True)["d"].agg(["min", "max"])
    ids = located["event_id"].astype(str).to_numpy()
    order = np.lexsort((ids, stamp, g))  # by place, then date, then id
    last_of_place = np.flatnonzero(np.r_[g[order][1:] != g[order][:-1], True])
    newest = ids[order[last_of_place]]
    type_names = sorted({str(t) for t in located["event_type"].astype("object").fillna("Other")})
    t = pd.Categorical(located["event_type"].astype("object").fillna("Other").astype(str),
                       categories=type_names).codes.astype(np.int64)
    by_type = np.bincount(g * len(type_names) + t, minlength=count * len(type_names)).reshape(count, len(type_names))
    top = np.array(type_names, dtype=object)[by_type.argmax(axis=1)]  # a tie: the type first by name
    regional = pd.to_numeric(located["geo_precision"], errors="coerce").fillna(0).to_numpy() >= REGION_PRECISION
    all_regional = np.bincount(g, weights=regional.astype(float), minlength=count) == n
    theirs = np.char.startswith(ids.astype(str), ACLED_PREFIX).astype(float)
    acled = np.bincount(g, weights=theirs, minlength=count).astype(int)
    first_row = np.unique(g, return_index=True)[1]
    names, govs = _text_map(located["location"])[first_row], _text_map(located["admin1"])[first_row]
    rank = np.lexsort((newest, -n))  # biggest first; drawn first, so smaller places stay visible on top
    return Places(lon=mid["x"].to_numpy()[rank], lat=mid["y"].to_numpy()[rank], n=n[rank], fat=fat_sum[rank],
                  known=known[rank].astype(int), first=span["min"].to_numpy()[rank], last=span["max"].to_numpy()[rank],
                  newest=newest[rank], by_type=by_type[rank], type_names=type_names, top=top[rank],
                  regional=all_regional[rank], acled=acled[rank], name=names[rank], gov=govs[rank])


def _days(values: np.ndarray) -> np.ndarray:
    """YYYY-MM-DD of each datetime64 value, "date unknown" for NaT."""
    text = np.datetime_as_string(values.astype("datetime64[D]"), unit="D").astype(object)
    text[np.isnat(values)] = "date unknown"
    return text


def place_tooltips(places: Places) -> list[str]:
    """Each place marker's plain-text tooltip: the place and its number of events, the dates, counts by type
    (the ``PLACE_TIP_TYPES`` most frequent), fatalities.  (What a click does is said under the map: a line saying
    it in each of 2,000 tooltips was 45 kB more JSON to parse at each change of the map.)"""
    out = []
    names = places.type_names
    firsts, lasts = _days(places.first), _days(places.last)
    for i in range(len(places)):
        n = int(places.n[i])
        place = places.name[i] or "Unnamed spot"
        if places.gov[i] and places.gov[i] != places.name[i]:
            place += f", {places.gov[i]}"
        first, last = firsts[i], lasts[i]
        kinds = sorted(((-int(k), names[j]) for j, k in enumerate(places.by_type[i]) if k))
        named = [f"{kind} {-k:,}" for k, kind in kinds[:PLACE_TIP_TYPES]]
        rest = -sum(k for k, _ in kinds[PLACE_TIP_TYPES:])
        if rest:
            named.append(f"other types {rest:,}")
        extra = [f"{int(places.fat[i]):,} killed" if places.known[i] else "fatalities unknown"]
        if places.acled[i]:
            extra.append("all from ACLED" if places.acled[i] == n else f"{int(places.acled[i]):,} from ACLED")
        if places.regional[i]:
            extra.append("known only at governorate level")
        lines = [f"{place} \u00b7 {n:,} event{'s' if n != 1 else ''}",
                 first if first == last else f"{first} \u2013 {last}",
                 " \u00b7 ".join(named), " \u00b7 ".join(extra)]
        out.append("\n".join(lines))
    return out


def place_layers(df: pd.DataFrame, view: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any] | None, int]:
    """One marker per place (``place_groups``) in the colour of its most frequent event type, sized by its number
    of events, with a summary tooltip; hollow when every event is known only at governorate level, a dark outline
    when all are ACLED's; the number of events beside the biggest places in ``view`` (``place_count_layer``).  Returns
    (marker layers, the count layer or None, places)."""
    located = df[df["latitude"].notna() & df["longitude"].notna()]
    if located.empty:
        return [], None, 0
    places = place_table(located)
    lon, lat = places.lon.round(4), places.lat.round(4)  # about 10 m
    layers = _scatter_layers("places", lon, lat, place_radius_px(places.n), places.newest, place_tooltips(places),
                             places.top, places.regional, places.acled == places.n)
    return layers, place_count_layer(lon, lat, places.n, view), len(places)


def _world_px(lon: np.ndarray, lat: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    """Pixel coordinates in deck.gl's Web Mercator world (512 pixels at zoom 0) at ``zoom``."""
    scale = 512 * 2 ** float(zoom)
    y = np.log(np.tan(np.pi / 4 + np.radians(np.clip(lat, -85, 85)) / 2))
    return (lon + 180) / 360 * scale, (1 - y / np.pi) / 2 * scale


def count_boxes(lon: np.ndarray, lat: np.ndarray, texts: list[str], zoom: float) -> np.ndarray:
    """Where the numbers of ``place_count_layer`` are written at ``zoom``: (left, top, right, bottom) in world pixels,
    with ``PLACE_COUNT_GAP_PX`` around each (12 px bold digits are about 7 px wide, right of and below the point)."""
    x, y = _world_px(lon, lat, zoom)
    width = np.array([PLACE_COUNT_CHAR_PX * len(t) for t in texts], dtype=float)
    dx, dy = PLACE_COUNT_OFFSET_PX
    gap = PLACE_COUNT_GAP_PX
    return np.stack([x + dx - gap, y + dy - 7 - gap, x + dx + width + gap, y + dy + 7 + gap], axis=1)


def place_count_layer(lon: np.ndarray, lat: np.ndarray, n: np.ndarray, view: dict[str, Any]) -> dict[str, Any] | None:
    """The number of events beside the biggest places (``n`` sorted, biggest first), at most ``PLACE_COUNT_LABELS``,
    none written over a bigger one's in ``view``: numbers beside each of two thousand places covered the map and its
    names.  (deck.gl's collision filter hid every number here, in Streamlit 1.67.)  Right of the marker and below
    it: a place's name is written above its point (``label_layers``)."""
    candidates = np.flatnonzero(n > 1)
    texts = [f"{int(n[i]):,}" for i in candidates]
    boxes = count_boxes(lon[candidates], lat[candidates], texts, view["zoom"])
    kept: list[int] = []
    for j in range(len(candidates)):
        if len(kept) == PLACE_COUNT_LABELS:
            break
        others = boxes[kept]
        if not kept or not np.any((others[:, 0] < boxes[j, 2]) & (boxes[j, 0] < others[:, 2])
                                  & (others[:, 1] < boxes[j, 3]) & (boxes[j, 1] < others[:, 3])):
            kept.append(j)
    layer = _count_layer([{"p": [lon[candidates[j]], lat[candidates[j]]], "n": texts[j]} for j in kept])
    return None if layer is None else {**layer, "getPixelOffset": list(PLACE_COUNT_OFFSET_PX)}


def stacked_counts(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Places where several events share one point: their position and how many (drawn as a number)."""
    located = df[df["latitude"].notna() & df["longitude"].notna()]
    if located.empty:
        return []
    spots = pd.DataFrame({"lon": located["longitude"].astype(float).round(4), "lat": located["latitude"].astype(float).round(4)})
    sizes = spots.groupby(["lon", "lat"], sort=True).size()
    return [{"p": [lon, lat], "n": str(int(n))} for (lon, lat), n in sizes.items() if n > 1]


def count_layer(df: pd.DataFrame) -> dict[str, Any] | None:
    """The number of events at a point where more than one is drawn (they overlap exactly)."""
    return _count_layer(stacked_counts(df))


def _count_layer(data: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A TextLayer of numbers (``{"p": position, "n": text}``) beside the points, or None without any."""
    if not data:
        return None
    return {
        "@@type": "TextLayer", "id": "event-counts", "data": data, "getPosition": "@@=p", "getText": "@@=n",
        "getSize": 12, "sizeUnits": "pixels", "getPixelOffset": [10, -10], "getColor": per_object([20, 20, 20, 255]),
        "fontWeight": 700, "fontSettings": {"sdf": True}, "outlineWidth": 3, "outlineColor": [255, 255, 255, 230],
        "fontFamily": LABEL_FONT,
        "getTextAnchor": "start", "pickable": False,
    }


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, x, y) of a polygon ring (shoelace); area is signed."""
    xs, ys = np.array([p[0] for p in ring]), np.array([p[1] for p in ring])
    cross = xs[:-1] * ys[1:] - xs[1:] * ys[:-1]
    area = cross.sum() / 2
    if abs(area) < 1e-12:
        return 0.0, float(xs.mean()), float(ys.mean())
    return float(area), float(((xs[:-1] + xs[1:]) * cross).sum() / (6 * area)), float(((ys[:-1] + ys[1:]) * cross).sum() / (6 * area))


def governorate_centres() -> dict[str, tuple[float, float]]:
    """Governorate -> (lon, lat) of the centroid of its largest polygon in the shipped basemap."""
    out = {}
    for feature in basemap_geojson()["features"]:
        if feature["properties"].get("kind") != "governorate":
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        area, x, y = max((_ring_centroid(poly[0]) for poly in polygons), key=lambda c: abs(c[0]))
        out[feature["properties"]["name"]] = (round(x, 3), round(y, 3))
    return out


@lru_cache(maxsize=1)
def place_labels() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(governorate labels at their polygons' centres, place labels from the bundled gazetteer)."""
    from gazetteer.table import read_places

    regions = [{"p": list(point), "t": name.upper(), "k": LABEL_PRIORITY["governorate"]}
               for name, point in sorted(governorate_centres().items())]
    places = []
    for place in read_places():
        if place.feature in LABEL_FEATURES:
            rank = LABEL_PRIORITY.get(place.capital, LABEL_PRIORITY["village"])
            places.append({"p": [round(place.longitude, 3), round(place.latitude, 3)], "t": place.name,
                           "k": rank + min(99, place.population // 1000)})
    places.sort(key=lambda row: -row["k"])  # drawn first, kept first where labels collide
    return regions, places


@lru_cache(maxsize=1)
def _label_points() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Longitude, latitude and priority of each place label, in ``place_labels()``'s order."""
    places = place_labels()[1]
    return (np.array([row["p"][0] for row in places]), np.array([row["p"][1] for row in places]),
            np.array([row["k"] for row in places]))


def view_bounds(view: dict[str, Any], *, size: tuple[int, int] = FIT_SIZE_PX,
                growth: float = 0.0) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees of what a map of ``size`` pixels shows of ``view`` (Web Mercator,
    deck.gl's 512-pixel world), grown by ``growth`` times its width and height on each side."""
    scale = 512 * 2 ** float(view["zoom"])
    half_x, half_y = (0.5 + growth) * size[0] / scale, (0.5 + growth) * size[1] / scale  # in world units (0..1)
    x = (float(view["longitude"]) + 180) / 360
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(float(view["latitude"])) / 2)) / math.pi) / 2

    def lat(world_y: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * world_y))))

    return (max(-180.0, (x - half_x) * 360 - 180), lat(min(1.0, y + half_y)),
            min(180.0, (x + half_x) * 360 - 180), lat(max(0.0, y - half_y)))


def labels_for_view(view: dict[str, Any], *, size: tuple[int, int] = FIT_SIZE_PX,
                    budget: int = LABEL_BUDGET) -> list[dict[str, Any]]:
    """The place labels a map of ``view`` carries: the governorate capitals everywhere, then the most important
    places in the view grown by ``LABEL_VIEW_GROWTH`` on each side, at most ``budget`` in all, by priority."""
    places = place_labels()[1]
    lon, lat, rank = _label_points()
    west, south, east, north = view_bounds(view, size=size, growth=LABEL_VIEW_GROWTH)
    keep = (rank >= LABEL_ALWAYS) | ((lon >= west) & (lon <= east) & (lat >= south) & (lat <= north))
    return [places[i] for i in np.flatnonzero(keep)[:budget]]  # places are sorted by priority


def label_layers(view: dict[str, Any] | None = None, *, budget: int = LABEL_BUDGET) -> list[dict[str, Any]]:
    """Governorate names and place names, thinned by a collision filter so that they never overlap:
    the higher a label's priority, the earlier it appears as the view narrows.  With ``view``, only the
    places ``labels_for_view`` picks for it (every place without)."""
    regions, places = place_labels()
    if view is not None:
        places = labels_for_view(view, budget=budget)
    common = {
        "getPosition": "@@=p", "getText": "@@=t", "sizeUnits": "pixels", "pickable": False,
        "fontSettings": {"sdf": True}, "outlineColor": [255, 255, 255, 235],
        "extensions": [{"@@type": "CollisionFilterExtension"}], "collisionGroup": "labels",
        "getCollisionPriority": "@@=k", "collisionTestProps": COLLISION_TEST,
        "characterSet": "auto", "fontFamily": LABEL_FONT,
    }
    return [
        {**common, "@@type": "TextLayer", "id": "labels-governorates", "data": regions, "getSize": 13,
         "getColor": per_object([125, 115, 100, 210]), "fontWeight": 600, "outlineWidth": 2},
        {**common, "@@type": "TextLayer", "id": "labels-places", "data": places,
         "getSize": "@@=k >= 900 ? 14 : (k >= 600 ? 13 : 12)", "getColor": per_object([40, 40, 40, 255]),
         "getPixelOffset": [0, -10], "outlineWidth": 3},  # (getAlignmentBaseline hides every label in 1.67)
    ]


def fitted_view(df: pd.DataFrame, *, size: tuple[int, int] = FIT_SIZE_PX) -> dict[str, Any]:
    """The view that shows every located event of ``df`` (Web Mercator, deck.gl's 512-pixel world);
    Syria's default view when none is located.

    On a grid: the zoom in steps of 1/8 (``FIT_ZOOM_STEP``, rounded down from the tightest fit less
    ``FIT_MARGIN_ZOOM``) and the centre on a grid of 1/32 of the view's width (``FIT_CENTRE_STEP``).  A filter that
    barely moves the events' extent (an actor active all over Syria, a type) then leaves the view as it was,
    and the browser draws the map once: a new view comes a render after the new layers in Streamlit's map, so
    a changed view draws every layer twice, 0.25-0.45 s more per filter change where WebGL runs on the CPU
    (SwiftShader; ``scripts/bench_browser.py``).  The events keep a margin of at least 8.9% of the view on each
    side (10.5% from the zoom, less at most 1.6% from the centre's step), 12% on average as before."""
    lat = pd.to_numeric(df["latitude"], errors="coerce") if len(df) else pd.Series([], dtype=float)
    lon = pd.to_numeric(df["longitude"], errors="coerce") if len(df) else pd.Series([], dtype=float)
    keep = lat.notna() & lon.notna()
    if not keep.any():
        return dict(VIEW)
    lat, lon = lat[keep].to_numpy(dtype=float), lon[keep].to_numpy(dtype=float)
    y = np.log(np.tan(np.pi / 4 + np.radians(np.clip(lat, -85, 85)) / 2))  # Mercator
    width, height = size
    span_x, span_y = max(float(lon.max() - lon.min()), 1e-9), max(float(y.max() - y.min()), 1e-9)
    tightest = min(math.log2(width * 360 / (512 * span_x)), math.log2(height * 2 * math.pi / (512 * span_y)))
    zoom = math.floor((tightest - FIT_MARGIN_ZOOM) / FIT_ZOOM_STEP) * FIT_ZOOM_STEP
    zoom = min(FIT_MAX_ZOOM, max(float(VIEW["minZoom"]), zoom))
    step = FIT_CENTRE_STEP * width / (512 * 2 ** zoom)  # in turns of the world: x in 360 degrees, y in 2 pi
    mid_x = round((float(lon.max() + lon.min()) / 2) / 360 / step) * step * 360
    mid_y = round(float(y.max() + y.min()) / 2 / (2 * math.pi) / step) * step * 2 * math.pi
    return {
        "latitude": round(float(np.degrees(2 * np.arctan(np.exp(mid_y)) - np.pi / 2)), 4),
        "longitude": round(mid_x, 4),
        "zoom": zoom,
        "minZoom": VIEW["minZoom"], "maxZoom": VIEW["maxZoom"],
    }


def grid_cells(df: pd.DataFrame, *, cell_deg: float = GRID_DEG) -> pd.DataFrame:
    """Count events per square cell: columns x0, y0, n, top (most frequent event type)."""
    located = df[df["latitude"].notna() & df["longitude"].notna()]
    if located.empty:
        return pd.DataFrame({"x0": [], "y0": [], "n": [], "top": []})
    gx = np.floor(located["longitude"].to_numpy(dtype=float) / cell_deg).astype(np.int32)
    gy = np.floor(located["latitude"].to_numpy(dtype=float) / cell_deg).astype(np.int32)
    types = located["event_type"]
    if isinstance(types.dtype, pd.CategoricalDtype):
        codes, names = types.cat.codes.to_numpy(), list(types.cat.categories)
    else:
        codes, uniques = pd.factorize(types)  # once: it hashes every row
        names = list(uniques)
    frame = pd.DataFrame({"gx": gx, "gy": gy, "t": codes})
    by_type = frame.groupby(["gx", "gy", "t"], sort=False).size().rename("k").reset_index()
    totals = by_type.groupby(["gx", "gy"], sort=False)["k"].sum().rename("n")
    top = by_type.sort_values("k", ascending=False).drop_duplicates(["gx", "gy"]).set_index(["gx", "gy"])["t"]
    cells = pd.concat([totals, top], axis=1).reset_index()
    cells["x0"] = (cells["gx"] * cell_deg).round(4)
    cells["y0"] = (cells["gy"] * cell_deg).round(4)
    cells["top"] = [names[t] if t >= 0 else "Other" for t in cells["t"]]
    return cells[["x0", "y0", "n", "top"]]


def density_layer(df: pd.DataFrame, *, cell_deg: float = GRID_DEG) -> tuple[dict[str, Any] | None, int]:
    """A PolygonLayer of grid cells, shaded by log(count); returns (layer, cells)."""
    cells = grid_cells(df, cell_deg=cell_deg)
    if cells.empty:
        return None, 0
    n = cells["n"].to_numpy()
    shade = np.log1p(n) / max(np.log1p(n.max()), 1e-9)
    data = []
    for x0, y0, count, top, s in zip(cells["x0"], cells["y0"], n, cells["top"], shade):
        x1, y1 = round(x0 + cell_deg, 4), round(y0 + cell_deg, 4)
        data.append(
            {
                "c": [[x0, y0], [x1, y0], [x1, y1], [x0, y1]],
                "f": [255, int(220 - 190 * s), int(120 - 110 * s), int(90 + 150 * s)],
                "tip": f"{int(count):,} events\nmostly {top}\ncell {y0:.1f}\u00b0N {x0:.1f}\u00b0E",
                "n": int(count),
            }
        )
    layer = {
        "@@type": "PolygonLayer",
        "id": "density",
        "data": data,
        "getPolygon": "@@=c",
        "getFillColor": "@@=f",
        "stroked": False,
        "pickable": True,
        "autoHighlight": True,
    }
    return layer, len(data)


BASEMAP_FILL = {"governorate": [250, 248, 240, 255], "other": [232, 232, 232, 255]}
BASEMAP_LINE = {"governorate": [110, 110, 110, 255], "other": [160, 160, 160, 255]}  # as drawn on the fill


def basemap_layer() -> dict[str, Any]:
    """The offline basemap's fill (the outlines are ``outline_layers``, drawn right above it)."""
    return {
        "@@type": "GeoJsonLayer",
        "id": "basemap",
        "data": basemap_geojson(),
        "stroked": False,
        "filled": True,
        "getFillColor": f"@@=properties.kind === 'governorate' ? {BASEMAP_FILL['governorate']} : {BASEMAP_FILL['other']}",
        "pickable": False,
    }


@lru_cache(maxsize=1)
def outline_lines() -> dict[str, Any]:
    """The basemap's outlines as GeoJSON line strings, in the basemap's order; ``properties.g`` is 1 for a
    governorate's.  A border two governorates share is drawn once (same colour, so the same pixels): a ring is
    cut where it runs along a border drawn already."""
    features: list[dict[str, Any]] = []
    seen: set[tuple[int, tuple[float, float], tuple[float, float]]] = set()
    for feature in basemap_geojson()["features"]:
        governorate = int(feature["properties"].get("kind") == "governorate")
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        lines: list[list[list[float]]] = []
        for ring in (ring for polygon in polygons for ring in polygon):
            run: list[list[float]] = []
            for a, b in zip(ring[:-1], ring[1:]):
                start, end = (float(a[0]), float(a[1])), (float(b[0]), float(b[1]))
                key = (governorate, *sorted((start, end)))
                if start == end or key in seen:
                    if len(run) > 1:
                        lines.append(run)
                    run = []
                    continue
                seen.add(key)  # type: ignore[arg-type]
                run = run or [list(start)]
                run.append(list(end))
            if len(run) > 1:
                lines.append(run)
        if lines:
            features.append({"type": "Feature", "properties": {"g": governorate},
                             "geometry": {"type": "MultiLineString", "coordinates": lines}})
    return {"type": "FeatureCollection", "features": features}


# The outlines are black lines made grey by the layer's opacity: over the governorates' fill the governorates'
# come out (110, 109, 106), over the neighbours' theirs (160, 160, 160): the greys of BASEMAP_LINE.  A colour
# accessor would say it directly, but Streamlit 1.67 dims every line layer's ``getColor`` while an event is
# selected; a layer without one keeps its look.  deck.gl draws a layer with the alpha ``opacity ** (1 / 2.2)``
# (its opacity is perceptual), hence the power.
OUTLINE_ALPHA = {kind: 1 - BASEMAP_LINE[kind][0] / BASEMAP_FILL[kind][0] for kind in BASEMAP_LINE}
OUTLINE_OPACITY = {kind: round(alpha ** 2.2, 4) for kind, alpha in OUTLINE_ALPHA.items()}


@lru_cache(maxsize=1)
def outline_segments() -> dict[int, list[dict[str, list[float]]]]:
    """The basemap's outlines as straight segments ``{"a": start, "b": end}``, keyed 1 (a governorate's edge)
    or 0 (the neighbours' and the UNDOF zone's).  Each edge is drawn once: a governorate's edge is not drawn
    again in the other grey (two lines over each other would make it darker)."""
    out: dict[int, list[dict[str, list[float]]]] = {1: [], 0: []}
    governorate_edges = set()
    lines = outline_lines()["features"]
    for feature in sorted(lines, key=lambda f: -f["properties"]["g"]):  # governorates first
        kind = feature["properties"]["g"]
        for line in feature["geometry"]["coordinates"]:
            for a, b in zip(line[:-1], line[1:]):
                edge = tuple(sorted((tuple(a), tuple(b))))
                if kind == 1:
                    governorate_edges.add(edge)
                elif edge in governorate_edges:
                    continue
                out[kind].append({"a": a, "b": b})
    return out


def outline_layers() -> list[dict[str, Any]]:
    """The basemap's outlines, 1 px: the neighbours' first, then the governorates' (darker) over them.

    Apart from the fill, as LineLayers of straight segments: where WebGL runs on the CPU (Chromium's SwiftShader)
    the cost of a frame follows the vertices drawn, and the outlines are drawn in every frame, twice at each
    filter change (the fitted view comes in a second render; issue 14).  A LineLayer draws a segment as one quad;
    a GeoJsonLayer's stroke (a PathLayer) as 12 vertices with joints, about twice the frame time here
    (``scripts/bench_browser.py``).  No colour accessor: see ``OUTLINE_OPACITY``."""
    segments = outline_segments()
    return [
        {"@@type": "LineLayer", "id": layer_id, "data": segments[kind], "getSourcePosition": "@@=a",
         "getTargetPosition": "@@=b", "widthUnits": "pixels", "getWidth": 1, "widthMinPixels": 1,
         "opacity": OUTLINE_OPACITY[name], "pickable": False}
        for layer_id, kind, name in (("basemap-outlines-other", 0, "other"), ("basemap-outlines", 1, "governorate"))
    ]


# Every layer lies flat at altitude 0, drawn in order: the depth test (deck.gl's default, "less-equal" with
# depth writes) decides nothing here but costs each pixel of each layer a depth read and write.  Where WebGL runs
# on the CPU (SwiftShader) that was about a third of a frame's points, names and fill (per-draw timings with a
# readPixels after each draw); the pictures are identical without it (same screenshots, pixel for pixel).
# deck.gl's collision pass for the labels sets its own depth parameters.
FLAT_MAP = {"depthCompare": "always", "depthWriteEnabled": False}


def _deck_spec(view: dict[str, Any], layers: list[dict[str, Any]], *, tiles: bool, wheel_zoom: bool = True) -> dict[str, Any]:
    """The deck.gl spec around ``layers`` (the offline basemap first); with ``tiles`` an online basemap goes
    under the outlines, which then stop filling; without, no style is fetched at all.  ``wheel_zoom`` False
    lets the mouse wheel scroll the page (zoom by double-click, pinch or the +/- keys)."""
    controller: dict[str, Any] | bool = True if wheel_zoom else {"scrollZoom": False}
    spec: dict[str, Any] = {"initialViewState": view, "layers": layers, "parameters": FLAT_MAP,
                            "views": [{"@@type": "MapView", "controller": controller}]}
    if tiles:
        spec["mapProvider"] = "carto"
        spec["mapStyle"] = TILE_STYLE
        layers[0] = {**layers[0], "filled": False}  # the outlines (next layer) stay
    else:
        spec["mapStyle"] = NO_TILES
    return spec


def _warm_points() -> dict[str, Any]:
    """One transparent, unpickable point under the density grid. deck.gl compiles a layer kind's WebGL program at its
    first draw (0.4-1 s each in software WebGL, PERFORMANCE.md): drawing it with the grid moves that cost to the
    first map, instead of the moment a filter narrows the store to points.  Its accessors take the same forms as
    ``point_layers``' (radius and colours per object): software WebGL compiles again for another vertex layout."""
    return {
        "@@type": "ScatterplotLayer", "id": "warm-points", "data": [{"p": [VIEW["longitude"], VIEW["latitude"]], "r": 1}],
        "getPosition": "@@=p", "getRadius": "@@=r", "radiusUnits": "pixels", "filled": True, "stroked": True,
        "getFillColor": per_object([0, 0, 0, 0]), "getLineColor": per_object([0, 0, 0, 0]), "lineWidthMinPixels": 1,
        "pickable": False,
    }


def _warm_counts() -> dict[str, Any]:
    """One transparent number under the density grid, for the same reason as ``_warm_points``: the numbers beside
    points and places are a TextLayer without the labels' collision filter, another WebGL program, compiled at its
    first draw, in the first filter that narrowed the grid to a governorate's places.  The first choice of Aleppo
    (22,808 of 100,000 synthetic events) took 2.1-2.8 s without it, 1.2-1.4 s with it; the first load of the map
    4.7-5.9 s against 4.5-6.2 s (its GPU process 0.3-0.4 s more CPU; ``bench_browser.py --steps load,governorate
    --reps 1``, three pairs alternated, load 3.3-4.4).  Its props take the forms ``_count_layer``'s do."""
    layer = _count_layer([{"p": [VIEW["longitude"], VIEW["latitude"]], "n": "0"}])
    assert layer is not None
    # Without an outline: one draw instead of two (deck.gl draws an outlined text twice), the same program.
    return {**layer, "id": "warm-counts", "getColor": per_object([0, 0, 0, 0]), "outlineWidth": 0}


def build_deck(
    df: pd.DataFrame,
    *,
    density: bool = False,
    tiles: bool = False,
    wheel_zoom: bool = False,
    fit: bool = True,
    max_points: int = MAX_POINTS,
    group_points: int | None = None,
) -> CompactDeck:
    """The whole map: offline basemap, then points (with counts where they stack) or density cells, then
    the place names on top.

    ``density`` asks for the grid; more than ``max_points`` located events
    force it; more than ``group_points`` (default ``GROUP_POINTS``) draw one
    marker per place instead of one point per event.  ``tiles`` adds an
    online basemap under the offline outlines (only when the user switched
    it on and the tile server is reachable).
    ``fit`` frames the located events; ``wheel_zoom`` lets the wheel zoom.
    """
    located = int((df["latitude"].notna() & df["longitude"].notna()).sum()) if len(df) else 0
    view = fitted_view(df) if fit and located else dict(VIEW)
    layers: list[dict[str, Any]] = [basemap_layer(), *outline_layers()]
    if located == 0:
        mode, shown = "empty", 0
    elif density or located > max_points:
        layer, shown = density_layer(df)
        layers.append(layer)  # type: ignore[arg-type]
        layers.append(_warm_points())
        layers.append(_warm_counts())
        mode = "density"
    elif located > (GROUP_POINTS if group_points is None else group_points):
        markers, counts, shown = place_layers(df, view)
        layers.extend(markers)
        if counts is not None:
            layers.append(counts)
        mode = "places"
    else:
        layers.extend(point_layers(df))
        counts = count_layer(df)
        if counts is not None:
            layers.append(counts)
        mode, shown = "points", located
    if not tiles:  # tiles carry their own names
        layers.extend(label_layers(view))
    spec = _deck_spec(view, layers, tiles=tiles, wheel_zoom=wheel_zoom)
    tooltip = {"text": "{tip}", "style": {"fontSize": "12px", "maxWidth": "360px", "whiteSpace": "pre-line"}}
    return CompactDeck(spec=spec, _tooltip=tooltip, mode=mode, shown=shown, events=located)


def legend_items() -> list[tuple[str, str]]:
    """(event type, CSS colour) for the legend under the map."""
    return [(name, "#%02x%02x%02x" % rgb) for name, rgb in legend().items()]


def selected_cell_count(selection: Any) -> int | None:
    """The number of events in a clicked density cell, if a cell was clicked."""
    try:
        rows = selection["selection"]["objects"].get("density") or []
    except (KeyError, TypeError, AttributeError):
        return None
    return int(rows[0].get("n", 0)) if rows else None


def selected_event_id(selection: Any, *, prefix: str = "events-") -> str | None:
    """The event id of a clicked point from ``st.pydeck_chart``'s selection state (``prefix``: of its layer's id;
    "places-" for a place marker, whose id is its newest event's)."""
    try:
        objects = selection["selection"]["objects"]
    except (KeyError, TypeError):
        return None
    for layer_id, rows in (objects or {}).items():
        if str(layer_id).startswith(prefix) and rows:
            value = rows[0].get("id")
            return str(value) if value is not None else None
    return None


def selected_place_event_id(selection: Any) -> str | None:
    """The newest event of a clicked place marker, if one was clicked (its place: ``place_members``)."""
    return selected_event_id(selection, prefix="places-")


PICK_STEP_DEG = 0.01  # about 1 km: a click lands on the nearest grid point
PICK_HALF_DEG = 0.3  # the picker shows about 60 km around its centre


def pick_grid(lat: float, lon: float, *, half: float = PICK_HALF_DEG, step: float = PICK_STEP_DEG) -> pd.DataFrame:
    """Points every ``step`` degrees around (lat, lon), kept inside Syria's box: what a click can pick."""
    from gazetteer.records import SYRIA_BBOX

    south, north, west, east = SYRIA_BBOX
    lats = np.arange(max(south, lat - half), min(north, lat + half) + step / 2, step)
    lons = np.arange(max(west, lon - half), min(east, lon + half) + step / 2, step)
    grid_lat, grid_lon = np.meshgrid(np.round(lats, 4), np.round(lons, 4), indexing="ij")
    return pd.DataFrame({"lat": grid_lat.ravel(), "lon": grid_lon.ravel()})


def picker_deck(lat: float, lon: float, *, marks: pd.DataFrame | None = None, tiles: bool = False) -> CompactDeck:
    """A map to place a village by clicking: a faint clickable grid around (lat, lon) over the offline basemap,
    and ``marks`` (columns lat, lon, label: the gazetteer's candidates, the article's other places) on top."""
    grid = pick_grid(lat, lon)
    layers: list[dict[str, Any]] = [
        basemap_layer(),
        *outline_layers(),
        {
            "@@type": "ScatterplotLayer", "id": "pick", "data": grid.to_dict(orient="records"),
            "getPosition": "@@=[lon, lat]", "getRadius": 600, "radiusUnits": "meters",
            "getFillColor": [40, 90, 200, 28], "pickable": True, "autoHighlight": True,
            "highlightColor": [220, 30, 30, 220],
        },
    ]
    if marks is not None and len(marks):
        layers.append({
            "@@type": "ScatterplotLayer", "id": "marks", "data": marks.to_dict(orient="records"),
            "getPosition": "@@=[lon, lat]", "getRadius": 6, "radiusUnits": "pixels",
            "getFillColor": [20, 20, 20, 230], "pickable": False,
        })
        layers.append({
            "@@type": "TextLayer", "id": "labels", "data": marks.to_dict(orient="records"),
            "getPosition": "@@=[lon, lat]", "getText": "@@=label", "getSize": 13, "getPixelOffset": [0, -14],
            "getColor": [20, 20, 20, 255], "pickable": False,
        })
    view = {"latitude": lat, "longitude": lon, "zoom": 9.5, "minZoom": 7, "maxZoom": 14}
    if not tiles:  # the villages around, named, to tell where to click
        layers.extend(label_layers(view))
    spec = _deck_spec(view, layers, tiles=tiles)
    tooltip = {"text": "{lat}, {lon}", "style": {"fontSize": "12px"}}
    return CompactDeck(spec=spec, _tooltip=tooltip, mode="pick", shown=len(grid))


def picked_point(selection: Any) -> tuple[float, float] | None:
    """The (lat, lon) of the grid point clicked on a picker map, if one was clicked."""
    try:
        rows = selection["selection"]["objects"].get("pick") or []
    except (KeyError, TypeError, AttributeError):
        return None
    if not rows:
        return None
    try:
        return float(rows[0]["lat"]), float(rows[0]["lon"])
    except (KeyError, TypeError, ValueError):
        return None
