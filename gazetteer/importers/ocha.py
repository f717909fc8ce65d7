"""OCHA's p-coded populated places for Syria (HDX), as CSV or GeoJSON.

Columns follow the common operational datasets: ``admin1Name_en``, ``admin1Pcode``,
... ``admin4Name_en``, ``admin4Name_ar``, ``admin4Pcode`` plus ``latitude`` /
``longitude`` (CSV) or a Point geometry (GeoJSON).  The deepest admin level with
a name and a p-code is the place itself; the p-code is its id, so re-importing
updates rows.  An HXL tag row (``#adm1+name`` ...) under the header is skipped.
"""

from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from collections.abc import Iterable, Mapping
from pathlib import Path

from gazetteer.admin import canonical_admin1, canonical_admin2
from gazetteer.errors import ImportFormatError
from gazetteer.importers.common import PROGRESS_EVERY, ParsedFile, Progress, infer_admin2, inside_syria, names, parse_float
from gazetteer.records import Place

_LEVEL = re.compile(r"^admin(\d)(?:name_en|pcode)$")
# Newer CODs write ADM4_EN / ADM4_PCODE / ADM4_AR for admin4Name_en / admin4Pcode / admin4Name_ar.
_NEW_STYLE = re.compile(r"^adm(\d)_(en|ar|pcode|ref|alt1en|alt2en|alt1ar)$")
_NEW_SUFFIX = {"en": "name_en", "ar": "name_ar", "pcode": "pcode", "ref": "refname_en", "alt1en": "altname1_en", "alt2en": "altname2_en", "alt1ar": "altname1_ar"}


@lru_cache(maxsize=4096)
def canonical_column(name: str) -> str:
    """A column name in one spelling: lower case, old-style (admin4name_en, admin4pcode)."""
    key = name.strip().lower()
    if match := _NEW_STYLE.match(key):
        return f"admin{match.group(1)}{_NEW_SUFFIX[match.group(2)]}"
    return key
LAT_KEYS = ("latitude", "lat", "y", "latitude_y")
LON_KEYS = ("longitude", "lon", "long", "lng", "x", "longitude_x")


def place_level(columns: Iterable[str]) -> int | None:
    """Deepest admin level with both a Name_en and a Pcode column, or None if not OCHA-shaped."""
    cols = {canonical_column(c) for c in columns}
    levels = [int(m.group(1)) for c in cols if (m := _LEVEL.match(c))]
    full = [n for n in set(levels) if f"admin{n}name_en" in cols and f"admin{n}pcode" in cols]
    return max(full) if full else None


def _get(row: Mapping[str, object], key: str) -> str:
    wanted = key.lower()
    for k, v in row.items():
        if canonical_column(k) == wanted:
            return "" if v is None else str(v).strip()
    return ""


def _place(row: Mapping[str, object], level: int, lat: float, lon: float, origin: str) -> Place:
    name = _get(row, f"admin{level}Name_en")
    admin1 = canonical_admin1(_get(row, "admin1Name_en")) or canonical_admin1(_get(row, "admin1Pcode"))
    admin2_raw = _get(row, "admin2Name_en")
    admin2 = (canonical_admin2(admin2_raw) or admin2_raw or None) if level > 2 else None
    alternates = names(
        _get(row, f"admin{level}Name_ar"), _get(row, f"admin{level}RefName_en"), _get(row, f"admin{level}AltName1_en"),
        _get(row, f"admin{level}AltName2_en"), _get(row, f"admin{level}AltName1_ar"), exclude=name,
    )
    return Place(
        name=name, latitude=lat, longitude=lon, admin1=admin1, admin2=admin2 or infer_admin2(admin1, lat, lon),
        feature="populated place" if level >= 4 else f"admin{level}", source="ocha", source_id=_get(row, f"admin{level}Pcode"),
        alternate_names=alternates, note=f"OCHA p-coded place imported from {origin}",
    )


def _collect(rows: Iterable[tuple[str, Mapping[str, object], tuple[str, str] | None]], level: int, origin: str, progress: Progress | None) -> ParsedFile:
    places: list[Place] = []
    skipped = {"no coordinates": 0, "outside Syria": 0, "no name or p-code": 0}
    for where, row, coords in rows:
        if _get(row, f"admin{level}Pcode").startswith("#"):
            continue  # HXL hashtag row
        if not _get(row, f"admin{level}Name_en") or not _get(row, f"admin{level}Pcode"):
            skipped["no name or p-code"] += 1
            continue
        if coords is None or not coords[0] or not coords[1]:
            skipped["no coordinates"] += 1
            continue
        lat = parse_float(coords[0], what="latitude", where=where)
        lon = parse_float(coords[1], what="longitude", where=where)
        if not inside_syria(lat, lon):
            skipped["outside Syria"] += 1
            continue
        places.append(_place(row, level, lat, lon, origin))
        if progress and len(places) % PROGRESS_EVERY == 0:
            progress(len(places))
    if not places:
        detail = ", ".join(f"{k}: {v}" for k, v in skipped.items() if v)
        raise ImportFormatError(f"{origin}: no places to import ({detail or 'no rows'})")
    return ParsedFile(tuple(places), {k: v for k, v in skipped.items() if v}, "ocha", "ocha")


def _key(columns: Iterable[str], options: tuple[str, ...]) -> str | None:
    lowered = {c.lower(): c for c in columns}
    return next((lowered[o] for o in options if o in lowered), None)


def parse_csv(path: Path, *, progress: Progress | None = None) -> ParsedFile:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            level = place_level(columns)
            lat_key, lon_key = _key(columns, LAT_KEYS), _key(columns, LON_KEYS)
            if level is None or lat_key is None or lon_key is None:
                raise ImportFormatError(
                    f"{path.name}: not an OCHA populated-places CSV (needs admin<N>Name_en, admin<N>Pcode, latitude and"
                    f" longitude columns; found {', '.join(columns[:12]) or 'no header'})"
                )
            rows = ((f"{path.name} line {n}", row, (row.get(lat_key) or "", row.get(lon_key) or "")) for n, row in enumerate(reader, start=2))
            return _collect(rows, level, path.name, progress)
    except (UnicodeDecodeError, csv.Error) as err:
        raise ImportFormatError(f"{path.name}: unreadable CSV ({err})") from err


def parse_geojson(path: Path, *, progress: Progress | None = None) -> ParsedFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ImportFormatError(f"{path.name}: not valid GeoJSON ({err})") from err
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise ImportFormatError(f"{path.name}: not a GeoJSON FeatureCollection with features")
    props = [f.get("properties") or {} for f in features if isinstance(f, dict)]
    level = place_level(props[0].keys()) if props else None
    if level is None:
        raise ImportFormatError(f"{path.name}: features lack admin<N>Name_en / admin<N>Pcode properties (not OCHA populated places)")

    def rows() -> Iterable[tuple[str, Mapping[str, object], tuple[str, str] | None]]:
        for n, feature in enumerate(features, start=1):
            geometry = feature.get("geometry") or {}
            coords = geometry.get("coordinates") if geometry.get("type") == "Point" else None
            point = (str(coords[1]), str(coords[0])) if isinstance(coords, list) and len(coords) >= 2 else None
            yield f"{path.name} feature {n}", feature.get("properties") or {}, point

    return _collect(rows(), level, path.name, progress)
