"""The exports read back and checked cell by cell: CSV, GeoJSON and Excel of three known events."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from dashboard import export
from tests.dashboard.frames import EXPORT_COLUMNS, frame, make_event

# A strike with coordinates, a clash with a note a spreadsheet would run ("@..."), and an event without
# coordinates whose actor is a formula and whose note starts with "-".
EVENTS = [
    make_event(1),
    make_event(2, event_date=date(2016, 3, 5), event_type="Battles", sub_event_type="Armed clash", actor1="Islamic State",
               inter1=2, actor2="Military Forces of Syria", inter2=1, admin1="Homs", admin2="Tadmor", location="Tadmor",
               latitude=34.56, longitude=38.28, geo_precision=2, fatalities=0, notes="@Observatory: clashes near Palmyra.",
               location_text="Palmyra", confidence=0.55),
    make_event(3, event_date=date(2016, 7, 1), actor1='=HYPERLINK("http://x")', inter1=None, actor2=None, inter2=None,
               admin1=None, location="Syria", latitude=None, longitude=None, geo_precision=3, fatalities=None,
               fatalities_text="dozens", notes="-1 strikes across the country.", location_text=None, confidence=0.3),
]
DF = frame(EVENTS)

# Every exported value, in EXPORT_COLUMNS order, as Python values (None: an empty cell).
ROWS = [
    ["e0001", "2015-12-02", 2015, 1, "Explosions/Remote violence", "Air/drone strike", "Military Forces of Russia", None, 8,
     "Rebel groups", None, 2, 28, "Syria", "Aleppo", None, "Kafra", 36.5, 37.1, 1, "The New Arab",
     "Russian war planes bombed Kafra.", 3, 760, None, None, "", "https://example.org/a", "a1", "Kafra", "", 0.9],
    ["e0002", "2016-03-05", 2016, 1, "Battles", "Armed clash", "Islamic State", None, 2, "Military Forces of Syria", None,
     1, 12, "Syria", "Homs", "Tadmor", "Tadmor", 34.56, 38.28, 2, "The New Arab", "@Observatory: clashes near Palmyra.",
     0, 760, None, None, "", "https://example.org/a", "a1", "Palmyra", "", 0.55],
    ["e0003", "2016-07-01", 2016, 1, "Explosions/Remote violence", "Air/drone strike", '=HYPERLINK("http://x")', None,
     None, None, None, None, None, "Syria", None, None, "Syria", None, None, 3, "The New Arab",
     "-1 strikes across the country.", None, 760, None, None, "dozens", "https://example.org/a", "a1", None, "", 0.3],
]
FORMULA_CELLS = {("e0002", "notes"), ("e0003", "actor1"), ("e0003", "notes")}  # neutralised with a leading apostrophe


def _neutralised(rows: list[list]) -> list[list]:
    return [[("'" + v if (row[0], name) in FORMULA_CELLS else v) for name, v in zip(EXPORT_COLUMNS, row)] for row in rows]


def test_csv_has_the_exact_header_and_rows_with_formulas_neutralised() -> None:
    data = export.to_csv(DF)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for spreadsheets
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == EXPORT_COLUMNS
    as_text = [["" if v is None else str(v) for v in row] for row in _neutralised(ROWS)]
    assert rows[1:] == as_text
    assert data.decode("utf-8-sig").splitlines()[3].startswith("e0003,2016-07-01,2016,1,Explosions/Remote violence,"
                                                                "Air/drone strike,\"'=HYPERLINK(\"\"http://x\"\")\",")


def test_geojson_has_each_events_point_and_properties_and_counts_the_ones_left_out() -> None:
    data = json.loads(export.to_geojson(DF))
    assert data["type"] == "FeatureCollection"
    assert data["features"] == [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [row[18], row[17]]},  # [longitude, latitude]
         "properties": dict(zip(EXPORT_COLUMNS, row))}
        for row in ROWS[:2]
    ]
    assert data["left_out_without_coordinates"] == 1  # e0003 has no coordinates


def test_excel_cells_hold_the_values_in_acled_column_order() -> None:
    sheet = load_workbook(io.BytesIO(export.to_xlsx(DF)))["events"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == EXPORT_COLUMNS
    # an empty text ("" in the store's NOT NULL text columns) reads back from Excel as an empty cell; dates are dates
    day = EXPORT_COLUMNS.index("event_date")
    expected = [[None if v == "" else (datetime.fromisoformat(v) if i == day else v) for i, v in enumerate(row)]
                for row in _neutralised(ROWS)]
    assert values[1:] == expected
    # numbers are numbers (int or float as in the frame), not text
    assert [[type(v).__name__ for v in row] for row in values[1:]] == [[type(v).__name__ for v in row] for row in expected]


def test_excel_stores_formula_looking_text_as_text() -> None:
    sheet = load_workbook(io.BytesIO(export.to_xlsx(DF)))["events"]
    for row, column in (2 + 1, "notes"), (3 + 1, "actor1"), (3 + 1, "notes"):
        cell = sheet.cell(row=row, column=EXPORT_COLUMNS.index(column) + 1)
        assert (cell.data_type, cell.value[0]) == ("s", "'")


def test_excel_dates_are_dates() -> None:
    sheet = load_workbook(io.BytesIO(export.to_xlsx(DF)))["events"]
    column = EXPORT_COLUMNS.index("event_date") + 1
    cells = [sheet.cell(row=r, column=column) for r in (2, 3, 4)]
    assert [c.value for c in cells] == [datetime(2015, 12, 2), datetime(2016, 3, 5), datetime(2016, 7, 1)]
    assert [c.is_date for c in cells] == [True, True, True]


def test_confidence_keeps_its_decimals_in_every_export() -> None:
    """Regression: the store reads confidence as float32; GeoJSON and Excel wrote 0.9 as 0.8999999761581421."""
    assert str(DF["confidence"].dtype) == "float32"
    geo = json.loads(export.to_geojson(DF))
    assert [f["properties"]["confidence"] for f in geo["features"]] == [0.9, 0.55]
    sheet = load_workbook(io.BytesIO(export.to_xlsx(DF)))["events"]
    assert [sheet.cell(row=r, column=EXPORT_COLUMNS.index("confidence") + 1).value for r in (2, 3, 4)] == [0.9, 0.55, 0.3]


def test_excel_freezes_its_header_sizes_its_columns_and_refuses_past_its_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = load_workbook(io.BytesIO(export.to_xlsx(DF)))["events"]
    assert sheet.freeze_panes == "A2"
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[EXPORT_COLUMNS.index("notes")]
    assert sheet.column_dimensions[letter].width == 80
    assert sheet.cell(row=2, column=EXPORT_COLUMNS.index("event_date") + 1).number_format == "yyyy-mm-dd"
    assert export.xlsx_refusal(export.MAX_XLSX_ROWS) is None
    monkeypatch.setattr(export, "MAX_XLSX_ROWS", 2)
    message = "Excel export holds up to 2 events and 3 match the filters: narrow the filters, or download CSV or GeoJSON"
    assert export.xlsx_refusal(3).startswith(message)
    from gazetteer.errors import InputError

    with pytest.raises(InputError, match="holds up to 2 events"):
        export.to_xlsx(DF)


def test_geojson_written_in_chunks_is_the_same_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = json.loads(export.to_geojson(DF))
    monkeypatch.setattr(export, "GEOJSON_CHUNK", 1)
    assert json.loads(export.to_geojson(DF)) == whole
    assert json.loads(export.to_geojson(DF.iloc[:0])) == {"type": "FeatureCollection", "features": [],
                                                         "left_out_without_coordinates": 0}


@pytest.mark.usefixtures("filled")
def test_the_table_page_offers_no_excel_past_its_limit_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.conftest import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/table.py")
    at.run()
    assert [b.label for b in at.get("download_button")] == ["CSV", "GeoJSON", "Excel"]
    monkeypatch.setattr(export, "MAX_XLSX_ROWS", 3)
    at.run()
    assert [b.label for b in at.get("download_button")] == ["CSV", "GeoJSON"]
    assert export.xlsx_refusal(4) in [c.value for c in at.caption]
