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
import json
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
    for name in out.columns:
        if out[name].dtype == np.float32:
            # The decimals a float32 column (confidence) holds: 0.9, not its float64 expansion 0.8999999761581421
            # (which GeoJSON and Excel would write; the CSV writer alone printed 0.9).
            out[name] = out[name].to_numpy().astype(str).astype("float64")
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
    return _neutralised(acled_frame(df)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


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


def to_geojson(df: pd.DataFrame) -> bytes:
    """A FeatureCollection of points.  Events without coordinates cannot be points: they are left out,
    and the collection says how many (a foreign member, ``left_out_without_coordinates``, which GeoJSON
    readers ignore and a person or script can check)."""
    table = acled_frame(df)
    features = []
    left_out = 0
    for row in table.to_dict(orient="records"):
        lat, lon = _json_value(row.get("latitude")), _json_value(row.get("longitude"))
        if lat is None or lon is None:
            left_out += 1
            continue
        props = {k: _json_value(v) for k, v in row.items()}
        features.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
        )
    collection = {"type": "FeatureCollection", "features": features, "left_out_without_coordinates": left_out}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    value = _json_value(value)
    return _XLSX_ILLEGAL.sub(" ", value) if isinstance(value, str) else value


def to_xlsx(df: pd.DataFrame) -> bytes:
    """An Excel workbook with one sheet; every text cell is stored as text, never a formula."""
    from openpyxl import Workbook

    table = _neutralised(acled_frame(df))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("events")
    sheet.append(list(table.columns))
    for row in table.itertuples(index=False, name=None):
        sheet.append([_xlsx_value(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
