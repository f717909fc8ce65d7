"""Importers on small fixture files in the real formats; bad files leave the store as it was."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer.errors import ImportFormatError, InputError
from gazetteer.importers import Columns, detect_format, import_file
from gazetteer.store import count_places, load_places, store_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gazetteer"
GEONAMES = FIXTURES / "SY_sample.txt"
OCHA_CSV = FIXTURES / "ocha_pplp.csv"
OCHA_GEOJSON = FIXTURES / "ocha_pplp.geojson"
GENERIC = FIXTURES / "village_list.csv"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _sy_zip(tmp_path: Path) -> Path:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(GEONAMES, "SY.txt")
        zf.writestr("readme.txt", "GeoNames dump of Syria")
    return archive


@pytest.mark.parametrize(
    ("path", "fmt"),
    [(GEONAMES, "geonames"), (OCHA_CSV, "ocha"), (OCHA_GEOJSON, "ocha"), (GENERIC, "csv")],
    ids=["geonames", "ocha-csv", "ocha-geojson", "generic"],
)
def test_detect_format(path: Path, fmt: str) -> None:
    assert detect_format(path) == fmt


def test_geonames_dump_keeps_syrian_places_of_kept_classes(tmp_path: Path) -> None:
    report = import_file(GEONAMES, data_dir=tmp_path)
    assert report.written == 6
    assert report.skipped == {"other country": 1, "feature class not kept": 1}
    places = {p.source_id: p for p in load_places(store_path(tmp_path))}
    assert places["170592"].admin1 == "Rif Dimashq"
    assert "Douma" in places["170592"].alternate_names
    assert places["99000002"].feature == "airbase"
    assert "276781" not in places  # the Lebanese Kafra


def test_geonames_zip_imports_like_the_txt(tmp_path: Path) -> None:
    report = import_file(_sy_zip(tmp_path), data_dir=tmp_path / "data")
    assert (report.fmt, report.written) == ("geonames", 6)


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    for path in (GEONAMES, OCHA_CSV, GENERIC):
        cols = Columns(name="village", lat="lat_dd", lon="lon_dd", admin1="gov", alt="alt") if path == GENERIC else Columns()
        import_file(path, data_dir=tmp_path, columns=cols)
        first = count_places(store_path(tmp_path))
        import_file(path, data_dir=tmp_path, columns=cols)
        assert count_places(store_path(tmp_path)) == first


def test_full_dump_replaces_bundled_rows_instead_of_duplicating(tmp_path: Path) -> None:
    before = len(Gazetteer.default(data_dir=tmp_path))
    import_file(GEONAMES, data_dir=tmp_path)
    after = Gazetteer.default(data_dir=tmp_path)
    # Dūmā, I‘zāz and Māri‘ have GeoNames ids that bundled OCHA places already merged: no second row.
    assert len(after) == before + 3
    douma = [c.place for c in after.candidates("Douma") if c.place.feature == "populated place" and c.place.admin1 == "Rif Dimashq"]
    assert [(p.source, p.source_id) for p in douma] == [("ocha", "C2338")] and "geonames:170592" in douma[0].also


def test_imported_place_is_used_automatically(tmp_path: Path) -> None:
    assert not Gazetteer.default(data_dir=tmp_path).resolve("Qaryat Fixturiye").resolved
    import_file(GEONAMES, data_dir=tmp_path)
    res = Gazetteer.default(data_dir=tmp_path).resolve("Qaryat Fixturiye")
    assert (res.place.name, res.place.admin1, res.precision) == ("Qaryat Fixturiyah", "Aleppo", 1)


def test_ocha_csv_canonicalises_admin_names_and_skips_hxl_row(tmp_path: Path) -> None:
    report = import_file(OCHA_CSV, data_dir=tmp_path)
    assert (report.written, report.skipped) == (5, {"no coordinates": 1})
    places = {p.source_id: p for p in load_places(store_path(tmp_path))}
    assert places["C2320"].admin1 == "Rif Dimashq"
    assert places["C4302"].admin1 == "Idlib"
    assert places["C1672"].admin2 == "Azaz"
    assert "كفرة" in places["C1672"].alternate_names
    gz = Gazetteer.default(data_dir=tmp_path)
    assert gz.resolve("مزرعة فكستشر").place.source_id == "C9999"


def test_ocha_geojson(tmp_path: Path) -> None:
    report = import_file(OCHA_GEOJSON, data_dir=tmp_path)
    assert (report.fmt, report.written) == ("ocha", 5)
    place = next(p for p in load_places(store_path(tmp_path)) if p.source_id == "C3273")
    assert (place.latitude, place.longitude, place.admin1) == (35.3692, 37.7859, "Hama")


def test_generic_csv_with_column_options(tmp_path: Path) -> None:
    cols = Columns(name="village", lat="lat_dd", lon="lon_dd", admin1="gov", alt="alt")
    report = import_file(GENERIC, fmt="csv", columns=cols, data_dir=tmp_path)
    assert (report.written, report.skipped) == (2, {"outside Syria": 1})
    res = Gazetteer.default(data_dir=tmp_path).resolve("Khirbet Fixture")
    assert (res.place.name, res.place.admin1) == ("Khirbat Fixture", "Idlib")


def test_generic_csv_missing_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="no column 'latitude_deg'"):
        import_file(GENERIC, fmt="csv", columns=Columns(name="village", lat="latitude_deg"), data_dir=tmp_path)


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str | None, str]]:
    truncated = tmp_path / "SY_truncated.zip"
    truncated.write_bytes(_sy_zip(tmp_path).read_bytes()[:300])
    wrong_cols = tmp_path / "cities.txt"
    wrong_cols.write_text("1\tName\tName\t\t35.0\t36.0\tP\tPPL\n", encoding="utf-8")
    bad_lat = tmp_path / "SY_bad.txt"
    lines = GEONAMES.read_text(encoding="utf-8").splitlines()
    cols = lines[1].split("\t")
    cols[4] = "thirty-six"
    bad_lat.write_text("\n".join([lines[0], "\t".join(cols), *lines[2:]]) + "\n", encoding="utf-8")
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe\xfa")
    no_syria = tmp_path / "allCountries.txt"
    no_syria.write_text(lines[-1] + "\n", encoding="utf-8")
    empty_json = tmp_path / "places.geojson"
    empty_json.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    return {
        "truncated zip": (truncated, None, "zip"),
        "wrong column count": (wrong_cols, "geonames", "19"),
        "bad latitude": (bad_lat, None, "line 2: latitude 'thirty-six'"),
        "binary file": (binary, None, "not a text file"),
        "no Syrian rows": (no_syria, None, "no Syrian places"),
        "broken geojson": (empty_json, None, "not valid GeoJSON"),
        "csv without coordinates": (FIXTURES / "README.md", "csv", "cannot tell which column"),
    }


@pytest.mark.parametrize(
    "case",
    ["truncated zip", "wrong column count", "bad latitude", "binary file", "no Syrian rows", "broken geojson", "csv without coordinates"],
)
def test_bad_file_raises_and_leaves_store_unchanged(tmp_path: Path, case: str) -> None:
    data = tmp_path / "data"
    import_file(OCHA_CSV, data_dir=data)
    before = (_digest(store_path(data)), count_places(store_path(data)))
    path, fmt, message = _bad_files(tmp_path)[case]
    with pytest.raises(ImportFormatError, match=message):
        import_file(path, fmt=fmt, data_dir=data)
    assert (_digest(store_path(data)), count_places(store_path(data))) == before


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        import_file(tmp_path / "nope.zip", data_dir=tmp_path)
    with pytest.raises(InputError, match="unknown format"):
        import_file(GEONAMES, fmt="shapefile", data_dir=tmp_path)


def test_unresolved_reason_points_to_import(tmp_path: Path) -> None:
    res = Gazetteer.default(data_dir=tmp_path).resolve("Qaryat Fixturiye")
    assert "python -m gazetteer import" in res.reason and "OCHA" in res.reason


def test_ocha_new_style_columns(tmp_path: Path) -> None:
    """Newer CODs name the columns ADM4_EN / ADM4_PCODE / ADM4_AR."""
    path = tmp_path / "syr_pplp_new.csv"
    path.write_text(
        "ADM0_EN,ADM1_EN,ADM1_PCODE,ADM2_EN,ADM4_EN,ADM4_AR,ADM4_PCODE,Longitude,Latitude\n"
        "Syria,Idleb,SY07,Ariha,Balyun,بليون,C4302,36.5,35.7\n",
        encoding="utf-8",
    )
    assert detect_format(path) == "ocha"
    report = import_file(path, data_dir=tmp_path / "data")
    place = load_places(report.store)[0]
    assert (place.source_id, place.admin1, place.alternate_names) == ("C4302", "Idlib", ("بليون",))


def test_keys_folded_by_older_rules_are_not_trusted(tmp_path: Path) -> None:
    """Stored lookup keys carry the folding rules' version; stale ones are re-folded."""
    import sqlite3

    import_file(GEONAMES, data_dir=tmp_path)
    with sqlite3.connect(store_path(tmp_path)) as conn:
        conn.execute("UPDATE meta SET value = 'old-rules' WHERE key = 'normaliser'")
        conn.execute("UPDATE places SET keys = 'stale\x1fstale\x1fstale'")
    assert Gazetteer.default(data_dir=tmp_path).resolve("Qaryat Fixturiye").resolved
    import_file(OCHA_CSV, data_dir=tmp_path)  # a write refreshes every stored key
    with sqlite3.connect(store_path(tmp_path)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM places WHERE keys LIKE 'stale%'").fetchone()[0] == 0
