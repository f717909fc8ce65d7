"""Any CSV with a name, coordinates and (optionally) admin columns; column names given as options.

Without options the usual column names are tried (name/location, latitude/lat,
longitude/lon, admin1/governorate, admin2/district).  Rows are keyed by the file's
stem and the id column (or name + rounded coordinates), so re-importing the same
file updates rows instead of duplicating them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from gazetteer.admin import canonical_admin1, canonical_admin2
from gazetteer.errors import ImportFormatError
from gazetteer.importers.common import PROGRESS_EVERY, ParsedFile, Progress, infer_admin2, inside_syria, names, parse_float
from gazetteer.normalise import normalise_name
from gazetteer.records import Place

GUESSES = {
    "name": ("name", "location", "place", "place_name", "name_en", "admin4name_en"),
    "lat": ("latitude", "lat", "y"),
    "lon": ("longitude", "lon", "lng", "long", "x"),
    "admin1": ("admin1", "governorate", "admin1name_en", "province"),
    "admin2": ("admin2", "district", "admin2name_en"),
    "alt": ("alternate_names", "alternatenames", "alt_names", "name_ar"),
    "id": ("id", "source_id", "pcode", "geonameid"),
}


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column holds what; None means "guess from the header"."""

    name: str | None = None
    lat: str | None = None
    lon: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    alt: str | None = None
    id: str | None = None


def _pick(header: list[str], given: str | None, role: str, *, required: bool, path: Path) -> str | None:
    lowered = {h.lower().strip(): h for h in header}
    if given is not None:
        if given not in header and given.lower() not in lowered:
            raise ImportFormatError(f"{path.name}: no column {given!r} (columns: {', '.join(header)})")
        return given if given in header else lowered[given.lower()]
    found = next((lowered[g] for g in GUESSES[role] if g in lowered), None)
    if found is None and required:
        raise ImportFormatError(
            f"{path.name}: cannot tell which column is the {role} (columns: {', '.join(header) or 'none'});"
            f" name it with --{role}-col"
        )
    return found


def parse(path: Path, *, columns: Columns = Columns(), progress: Progress | None = None) -> ParsedFile:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            # The header decides the delimiter (csv.Sniffer is misled by commas inside quoted notes).
            delimiter = max(",;\t", key=first.count)
            reader = csv.DictReader(handle, delimiter=delimiter)
            header = list(reader.fieldnames or [])
            name_c = _pick(header, columns.name, "name", required=True, path=path)
            lat_c = _pick(header, columns.lat, "lat", required=True, path=path)
            lon_c = _pick(header, columns.lon, "lon", required=True, path=path)
            adm1_c = _pick(header, columns.admin1, "admin1", required=False, path=path)
            adm2_c = _pick(header, columns.admin2, "admin2", required=False, path=path)
            alt_c = _pick(header, columns.alt, "alt", required=False, path=path)
            id_c = _pick(header, columns.id, "id", required=False, path=path)
            places: list[Place] = []
            skipped = {"no name": 0, "no coordinates": 0, "outside Syria": 0}
            for number, row in enumerate(reader, start=2):
                where = f"{path.name} line {number}"
                name = (row.get(name_c) or "").strip()
                if not name:
                    skipped["no name"] += 1
                    continue
                raw_lat, raw_lon = (row.get(lat_c) or "").strip(), (row.get(lon_c) or "").strip()
                if not raw_lat or not raw_lon:
                    skipped["no coordinates"] += 1
                    continue
                lat = parse_float(raw_lat, what="latitude", where=where)
                lon = parse_float(raw_lon, what="longitude", where=where)
                if not inside_syria(lat, lon):
                    skipped["outside Syria"] += 1
                    continue
                raw1 = (row.get(adm1_c) or "").strip() if adm1_c else ""
                admin1 = canonical_admin1(raw1) if raw1 else None
                raw2 = (row.get(adm2_c) or "").strip() if adm2_c else ""
                admin2 = (canonical_admin2(raw2) or raw2) if raw2 else infer_admin2(admin1, lat, lon)
                ident = (row.get(id_c) or "").strip() if id_c else ""
                alts = (row.get(alt_c) or "") if alt_c else ""
                places.append(
                    Place(
                        name=name, latitude=lat, longitude=lon, admin1=admin1, admin2=admin2 or None, feature="populated place",
                        source="csv", source_id=f"{path.stem}:{ident or f'{normalise_name(name)}@{lat:.4f},{lon:.4f}'}",
                        alternate_names=names(*alts.replace("|", ";").split(";"), exclude=name),
                        note=f"imported from {path.name}",
                    )
                )
                if progress and len(places) % PROGRESS_EVERY == 0:
                    progress(len(places))
    except (UnicodeDecodeError, csv.Error) as err:
        raise ImportFormatError(f"{path.name}: unreadable CSV ({err})") from err
    if not places:
        detail = ", ".join(f"{k}: {v}" for k, v in skipped.items() if v)
        raise ImportFormatError(f"{path.name}: no places to import ({detail or 'no rows'})")
    return ParsedFile(tuple(places), {k: v for k, v in skipped.items() if v}, "csv", "csv")
