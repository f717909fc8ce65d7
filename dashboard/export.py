"""Exports of the filtered events: CSV with ACLED column names, GeoJSON, Excel.

Each builder takes the filtered frame and returns bytes; the page hands a
callable to ``st.download_button`` so nothing is built until the user clicks.
Text cells that a spreadsheet would run as a formula (starting with = + - @,
tab or carriage return) are prefixed with an apostrophe (OWASP's advice for
CSV injection); the same rule applies to the Excel file, where openpyxl would
otherwise store a string starting with "=" as a live formula.
"""

from __future__ import annotations

import io
import math
import re
from typing import Any

import numpy as np
import pandas as pd

from extraction.output import neutralise  # one rule for every CSV the project writes

# Our column -> ACLED's name where the meaning is the same; other columns keep their names.
ACLED_NAMES = {
    "event_id": "event_id_cnty",
    "event_date": "event_date",
    "time_precision": "time_precision",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "actor1": "actor1",
    "assoc_actor_1": "assoc_actor_1",
    "inter1": "inter1",
    "actor2": "actor2",
    "assoc_actor_2": "assoc_actor_2",
    "inter2": "inter2",
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "location": "location",
    "latitude": "latitude",
    "longitude": "longitude",
    "geo_precision": "geo_precision",
    "source": "source",
    "notes": "notes",
    "fatalities": "fatalities",
}
EXTRA_COLUMNS = (
    "fatalities_low",
    "fatalities_high",
    "fatalities_text",
    "source_url",
    "article_id",
    "location_text",
    "location_source",
    "confidence",
    "reports",  # how many articles reported the event (dashboard/reports.py)
)
EXPORT_NAME = "conflict_events"  # fixed: no user input reaches a file name
# Characters an Excel file cannot hold (form feeds from pdftotext, vertical tabs, other controls).
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def acled_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The export table: ACLED names first (with ``year``), our extra columns after."""
    out = pd.DataFrame(index=df.index)
    for ours, theirs in ACLED_NAMES.items():
        if ours in df:
            out[theirs] = df[ours]
    if "event_date" in df:
        dates = pd.to_datetime(df["event_date"], errors="coerce")
        out.insert(2, "year", dates.dt.year.astype("Int64"))
        out["event_date"] = dates.dt.strftime("%Y-%m-%d")
    if "inter1" in df and "inter2" in df:
        # ACLED's interaction code: the two inter codes, smaller first (e.g. 12).
        a = pd.to_numeric(df["inter1"], errors="coerce")
        b = pd.to_numeric(df["inter2"], errors="coerce").fillna(0)
        low, high = np.minimum(a, b), np.maximum(a, b)
        out.insert(out.columns.get_loc("inter2") + 1, "interaction", (low * 10 + high).where(a.notna()).astype("Int64"))
    out["iso"] = 760  # Syria's ISO 3166 numeric code, as in ACLED
    for name in EXTRA_COLUMNS:
        if name in df:
            out[name] = df[name]
    if "confidence" in out:
        # Two decimals, as a reader uses it: 0.9, never the float32 column's expansion 0.8999999761581421.
        out["confidence"] = pd.to_numeric(out["confidence"], errors="coerce").astype("float64").round(2)
    return out.reset_index(drop=True)


def _neutralised(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or isinstance(out[column].dtype, (pd.CategoricalDtype, pd.StringDtype)):
            out[column] = out[column].astype(object).map(neutralise)
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    """CSV (UTF-8 with BOM so spreadsheets read Arabic names correctly); every field with a line break or a
    bare carriage return is quoted (QUOTE_MINIMAL with the RFC's CRLF rows)."""
    return table_csv(acled_frame(df))


def table_csv(table: pd.DataFrame) -> bytes:
    """Any table (not an event frame: its columns kept as they are) written as ``to_csv`` writes: BOM, CRLF
    rows, text cells neutralised."""
    return _neutralised(table).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return _json_value(value.item())
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


GEOJSON_CHUNK = 5_000  # rows turned into dicts at a time: memory stays that of the output, not of every row's dict


def to_geojson(df: pd.DataFrame) -> bytes:
    """A FeatureCollection of points.  Events without coordinates cannot be points: they are left out,
    and the collection says how many (a foreign member, ``left_out_without_coordinates``, which GeoJSON
    readers ignore and a person or script can check).  Written chunk by chunk with orjson."""
    import orjson

    table = acled_frame(df)
    located = table["latitude"].notna() & table["longitude"].notna() if len(table) else pd.Series([], dtype=bool)
    left_out = int((~located).sum())
    table = table[located.to_numpy()] if len(table) else table
    out = io.BytesIO()
    out.write(b'{"type":"FeatureCollection","features":[')
    for start in range(0, len(table), GEOJSON_CHUNK):
        part = table.iloc[start:start + GEOJSON_CHUNK]
        features = [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [props["longitude"], props["latitude"]]},
             "properties": props}
            for props in ({k: _json_value(v) for k, v in row.items()} for row in part.to_dict(orient="records"))
        ]
        if start:
            out.write(b",")
        out.write(orjson.dumps(features)[1:-1])
    out.write(b'],"left_out_without_coordinates":' + str(left_out).encode() + b"}")
    return out.getvalue()


MAX_XLSX_ROWS = 50_000  # a workbook is written cell by cell (openpyxl): past this, CSV or GeoJSON (seconds, not minutes)
_XLSX_WIDTHS = {"notes": 80, "event_date": 12, "event_type": 26, "sub_event_type": 30, "actor1": 30, "actor2": 30,
                "source": 24, "source_url": 30, "location": 20, "admin1": 14, "admin2": 16, "location_text": 20}


def xlsx_refusal(rows: int) -> str | None:
    """Why an Excel file of ``rows`` events is not offered (None: it is)."""
    if rows <= MAX_XLSX_ROWS:
        return None
    return (f"Excel export holds up to {MAX_XLSX_ROWS:,} events and {rows:,} match the filters: narrow the filters, "
            "or download CSV or GeoJSON (they hold any number).")


def _xlsx_column(series: pd.Series) -> list[Any]:
    """One column's cells: None for missing, real dates for dates, numbers as numbers, text without the
    control characters a workbook cannot hold."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return [None if pd.isna(v) else v.date() for v in series]
    values = series.astype(object).where(series.notna(), None)
    if series.dtype == object or isinstance(series.dtype, (pd.CategoricalDtype, pd.StringDtype)):
        return [_XLSX_ILLEGAL.sub(" ", v) if isinstance(v, str) else v for v in values]
    return [v.item() if isinstance(v, np.generic) else v for v in values]


def to_xlsx(df: pd.DataFrame) -> bytes:
    """An Excel workbook with one sheet, ACLED's columns in order: dates as dates, numbers as numbers, every
    text cell stored as text (never a formula), the header frozen and the columns wide enough to read."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    refusal = xlsx_refusal(len(df))
    if refusal:
        from gazetteer.errors import InputError

        raise InputError(refusal)
    table = _neutralised(acled_frame(df))
    table["event_date"] = pd.to_datetime(table["event_date"], errors="coerce") if "event_date" in table else None
    book = Workbook(write_only=True)
    sheet = book.create_sheet("events")
    sheet.freeze_panes = "A2"
    for number, name in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = _XLSX_WIDTHS.get(name, max(10, len(name) + 2))
    sheet.append(list(table.columns))
    columns = [_xlsx_column(table[name]) for name in table.columns]
    for row in zip(*columns):  # a date value gets openpyxl's date format, yyyy-mm-dd
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
