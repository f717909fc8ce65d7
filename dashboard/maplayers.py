"""The map's deck.gl layers, built as compact JSON.

``st.pydeck_chart`` only needs an object with ``to_json()``; pydeck's own
serialisation (a list of dicts through an indented ``json.dumps``) costs
about 30 us and 200 bytes per point (PERFORMANCE.md).  ``CompactDeck``
writes the same deck.gl JSON with orjson and short row keys instead.  Past
``MAX_POINTS`` events the map switches to a server-side grid (a few thousand
cells over Syria), so the payload stays small whatever the store holds.

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
SENTENCE_TIP_POINTS = 20_000  # past this the tooltip leaves out the sentence (payload)
TIP_SENTENCE_CHARS = 160
GRID_DEG = 0.1  # density cell, about 10 km
VIEW = {"latitude": 34.9, "longitude": 38.8, "zoom": 5.7, "minZoom": 4, "maxZoom": 14}
TILE_STYLE = "https://basemaps.cartocdn.com/gl/positron-gl-style/style.json"


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
    mode: str = "points"  # "points", "density" or "empty"
    shown: int = 0  # events drawn (points) or cells drawn (density)
    layers: list[Any] = field(default_factory=list)  # empty: Streamlit's pandas fix-up skips it

    def to_json(self) -> str:
        return orjson.dumps(self.spec, option=orjson.OPT_SERIALIZE_NUMPY).decode("utf-8")


def _text_map(series: pd.Series) -> np.ndarray:
    """Text per row ("" for missing), converting each distinct value once."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        cats = np.array([str(c) for c in series.cat.categories] + [""], dtype=object)
        codes = series.cat.codes.to_numpy()
        return cats[np.where(codes < 0, len(cats) - 1, codes)]
    return np.array(["" if pd.isna(v) else str(v) for v in series], dtype=object)


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def tooltips(df: pd.DataFrame, *, with_sentence: bool) -> list[str]:
    """One plain-text tooltip per row: date and type, sub-type and deaths, actors, place, sentence."""
    dates = pd.to_datetime(df["event_date"], errors="coerce").dt.strftime("%Y-%m-%d").fillna("date unknown")
    types, subs = _text_map(df["event_type"]), _text_map(df["sub_event_type"])
    a1, a2 = _text_map(df["actor1"]), _text_map(df["actor2"])
    places, govs = _text_map(df["location"]), _text_map(df["admin1"])
    fats = pd.to_numeric(df["fatalities"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    sentences = _text_map(df["notes"]) if with_sentence else np.full(len(df), "", dtype=object)
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


REGION_PRECISION = 3  # ACLED geo_precision 3: only a governorate or the country is known


def radius_px(fatalities: pd.Series) -> np.ndarray:
    """Point radius in pixels: grows with the square root of the fatalities, capped."""
    fat = pd.to_numeric(fatalities, errors="coerce").fillna(0).clip(lower=0).to_numpy()
    return np.minimum(4.0 + 2.0 * np.sqrt(fat), 24.0).round(1)


def point_layers(df: pd.DataFrame) -> list[dict[str, Any]]:
    """One ScatterplotLayer per event type (its legend colour), rows with short keys."""
    located = df[df["latitude"].notna() & df["longitude"].notna()]
    if located.empty:
        return []
    tips = tooltips(located, with_sentence=len(located) <= SENTENCE_TIP_POINTS)
    lon = located["longitude"].astype(float).round(5).to_numpy()
    lat = located["latitude"].astype(float).round(5).to_numpy()
    rad = radius_px(located["fatalities"])
    ids = located["event_id"].astype(str).to_numpy()
    types = located["event_type"].astype(str).to_numpy()
    # Events known only at governorate or country level sit at the region's centre:
    # drawn as hollow rings so nobody reads them as a strike on that spot.
    regional = pd.to_numeric(located["geo_precision"], errors="coerce").fillna(0).to_numpy() >= REGION_PRECISION
    layers = []
    groups = [(kind, vague) for kind in sorted(set(types)) for vague in (False, True)]
    for kind, vague in groups:
        rows = np.flatnonzero((types == kind) & (regional == vague))
        if not len(rows):
            continue
        data = [{"p": [lon[i], lat[i]], "r": rad[i], "id": ids[i], "tip": tips[i]} for i in rows]
        rgb = colour(kind)
        layers.append(
            {
                "@@type": "ScatterplotLayer",
                "id": f"events-{len(layers)}",
                "data": data,
                "getPosition": "@@=p",
                "getRadius": "@@=r",
                "radiusUnits": "pixels",
                "filled": not vague,
                "getFillColor": [*rgb, 200],
                "getLineColor": [*rgb, 230] if vague else [255, 255, 255, 220],
                "lineWidthMinPixels": 2 if vague else 1,
                "stroked": True,
                "pickable": True,
                "autoHighlight": True,
            }
        )
    return layers


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


def basemap_layer() -> dict[str, Any]:
    return {
        "@@type": "GeoJsonLayer",
        "id": "basemap",
        "data": basemap_geojson(),
        "stroked": True,
        "filled": True,
        "getFillColor": "@@=properties.kind === 'governorate' ? [250, 248, 240, 255] : [232, 232, 232, 255]",
        "getLineColor": "@@=properties.kind === 'governorate' ? [110, 110, 110, 255] : [160, 160, 160, 255]",
        "lineWidthMinPixels": 1,
        "pickable": False,
    }


def _deck_spec(view: dict[str, Any], layers: list[dict[str, Any]], *, tiles: bool) -> dict[str, Any]:
    """The deck.gl spec around ``layers`` (the offline basemap first); with ``tiles`` an online basemap goes
    under the outlines, which then stop filling."""
    spec: dict[str, Any] = {"initialViewState": view, "layers": layers, "views": [{"@@type": "MapView", "controller": True}]}
    if tiles:
        spec["mapProvider"] = "carto"
        spec["mapStyle"] = TILE_STYLE
        layers[0] = {**layers[0], "filled": False}
    return spec


def build_deck(
    df: pd.DataFrame, *, density: bool = False, tiles: bool = False, max_points: int = MAX_POINTS
) -> CompactDeck:
    """The whole map: offline basemap, then points or density cells.

    ``density`` asks for the grid; more than ``max_points`` located events
    force it.  ``tiles`` adds an online basemap under the offline outlines
    (only when the setting enables it and the tile server is reachable).
    """
    located = int((df["latitude"].notna() & df["longitude"].notna()).sum()) if len(df) else 0
    layers: list[dict[str, Any]] = [basemap_layer()]
    if located == 0:
        mode, shown = "empty", 0
    elif density or located > max_points:
        layer, shown = density_layer(df)
        layers.append(layer)  # type: ignore[arg-type]
        mode = "density"
    else:
        layers.extend(point_layers(df))
        mode, shown = "points", located
    spec = _deck_spec(dict(VIEW), layers, tiles=tiles)
    tooltip = {"text": "{tip}", "style": {"fontSize": "12px", "maxWidth": "360px", "whiteSpace": "pre-line"}}
    return CompactDeck(spec=spec, _tooltip=tooltip, mode=mode, shown=shown)


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


def selected_event_id(selection: Any) -> str | None:
    """The event id of a clicked point from ``st.pydeck_chart``'s selection state."""
    try:
        objects = selection["selection"]["objects"]
    except (KeyError, TypeError):
        return None
    for layer_id, rows in (objects or {}).items():
        if str(layer_id).startswith("events-") and rows:
            value = rows[0].get("id")
            return str(value) if value is not None else None
    return None


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
