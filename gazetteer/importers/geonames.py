"""GeoNames dumps: the 19 tab-separated columns of SY.txt / SY.zip / cities500.txt / allCountries.txt.

Only Syrian rows (country code SY) are kept, of the feature classes news names:
P (populated places), S (spots: air bases, dams, buildings), L (areas), T (hills,
mountains).  Class A (administrative units) is left out because the bundled table
already has the governorates and districts.  Rows keep their GeoNames id, so a
full dump replaces the bundled cities500 rows instead of duplicating them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from gazetteer.admin import governorate_by_geonames_code
from gazetteer.errors import ImportFormatError
from gazetteer.importers.common import PROGRESS_EVERY, ParsedFile, Progress, infer_admin2, inside_syria, names, parse_float
from gazetteer.records import Place

COLUMNS = 19
KEEP_CLASSES = {"P", "S", "L", "T"}
FEATURES = {
    "AIRB": "airbase", "AIRF": "airfield", "AIRP": "airport", "PPLX": "neighbourhood", "DAM": "dam",
    "MT": "mountain", "HLL": "hill", "CMP": "camp", "CMPRF": "refugee camp", "MLTY": "military area",
}


def _lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as err:
            raise ImportFormatError(f"{path.name}: not a readable zip file ({err})") from err
        with archive:
            members = [m for m in archive.namelist() if m.lower().endswith(".txt") and "readme" not in m.lower()]
            if len(members) != 1:
                raise ImportFormatError(f"{path.name}: expected one GeoNames .txt inside the zip, found {members}")
            try:
                with archive.open(members[0]) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
            except (zipfile.BadZipFile, EOFError, UnicodeDecodeError) as err:
                raise ImportFormatError(f"{path.name}: the zip is damaged ({err})") from err
        return
    try:
        with path.open(encoding="utf-8") as handle:
            yield from handle
    except UnicodeDecodeError as err:
        raise ImportFormatError(f"{path.name}: not UTF-8 text ({err})") from err


def looks_like(first_line: str) -> bool:
    return first_line.count("\t") == COLUMNS - 1


def parse(path: Path, *, progress: Progress | None = None, country: str = "SY") -> ParsedFile:
    """Read a GeoNames dump; raise ImportFormatError on the first malformed line."""
    places: list[Place] = []
    skipped = {"other country": 0, "feature class not kept": 0, "outside Syria": 0}
    for number, line in enumerate(_lines(path), start=1):
        line = line.rstrip("\n\r")
        if not line:
            continue
        cols = line.split("\t")
        where = f"{path.name} line {number}"
        if len(cols) != COLUMNS:
            raise ImportFormatError(
                f"{where}: {len(cols)} tab-separated columns, a GeoNames dump has {COLUMNS} (is this the right format?)"
            )
        if cols[8] != country:
            skipped["other country"] += 1
            continue
        if cols[6] not in KEEP_CLASSES:
            skipped["feature class not kept"] += 1
            continue
        lat = parse_float(cols[4], what="latitude", where=where)
        lon = parse_float(cols[5], what="longitude", where=where)
        if not inside_syria(lat, lon):
            skipped["outside Syria"] += 1
            continue
        admin1 = governorate_by_geonames_code(cols[10]) if cols[10] else None
        places.append(
            Place(
                name=cols[1], latitude=lat, longitude=lon, admin1=admin1, admin2=infer_admin2(admin1, lat, lon),
                feature="populated place" if cols[6] == "P" and cols[7] != "PPLX" else FEATURES.get(cols[7], cols[7].lower() or "place"),
                source="geonames", source_id=cols[0], alternate_names=names(cols[2], *cols[3].split(","), exclude=cols[1]),
                population=int(cols[14]) if cols[14].isdigit() else 0,
                note=f"GeoNames {cols[6]}.{cols[7]} imported from {path.name}; admin2 inferred (nearest district seat)",
            )
        )
        if progress and len(places) % PROGRESS_EVERY == 0:
            progress(len(places))
    if not places:
        kept = ", ".join(f"{k}: {v}" for k, v in skipped.items() if v)
        raise ImportFormatError(f"{path.name}: no Syrian places to import ({kept or 'empty file'})")
    return ParsedFile(tuple(places), {k: v for k, v in skipped.items() if v}, "geonames", "geonames")
