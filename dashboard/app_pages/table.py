"""Table page: the filtered events with chosen columns, sortable, and the exports."""

from __future__ import annotations

import streamlit as st

from dashboard import export, reviewing, state
from dashboard.filters import without_coordinates
from dashboard.session import context

DEFAULT_COLUMNS = [
    "event_date", "event_type", "sub_event_type", "actor1", "actor2",
    "location", "admin1", "fatalities", "geo_precision", "source", "notes",
]
TABLE_ROW_LIMIT = 200_000  # st.dataframe stays responsive; exports always hold every filtered row

ctx = context()
st.title("Events")
df = ctx.filtered
columns_available = [c for c in df.columns]
chosen = st.multiselect(
    "Columns", columns_available, default=[c for c in DEFAULT_COLUMNS if c in columns_available],
    key=state.TABLE_COLUMNS,
)
st.caption(f"{len(df):,} events match the filters (of {len(ctx.frame):,}). Click a column header to sort.")
shown = df[chosen or DEFAULT_COLUMNS]
if len(shown) > TABLE_ROW_LIMIT:
    st.warning(f"Showing the first {TABLE_ROW_LIMIT:,} rows; the exports below hold all {len(df):,}.")
    shown = shown.head(TABLE_ROW_LIMIT)
picked = st.dataframe(shown, hide_index=True, key=state.TABLE, width="stretch",
                      on_select="rerun" if ctx.can_edit else "ignore", selection_mode="single-row",
                      column_config={"event_date": st.column_config.DateColumn("event_date", format="YYYY-MM-DD")})
if ctx.can_edit:
    rows = list(getattr(getattr(picked, "selection", None), "rows", []) or [])
    if rows and rows[0] < len(df):
        article_id = str(df["article_id"].iloc[rows[0]])
        if st.button("Correct the selected event", key=state.TABLE_CORRECT, icon=":material/edit:",
                     help="Opens its article's events in the review; saving makes a new version."):
            error = reviewing.open_stored(ctx.store, article_id)
            if error:
                st.error(error)
            else:
                st.switch_page("app_pages/upload.py")
    else:
        st.caption("Select a row to correct that event (its article opens in the review).")

st.subheader("Export the filtered events")
st.caption("Built when you click. CSV uses ACLED's column names; "
           "cells that could run as spreadsheet formulas are neutralised.")
unplaced = without_coordinates(df)
if unplaced:
    st.warning(f"{unplaced:,} of these events have no coordinates: CSV and Excel hold them, GeoJSON (points only) "
               f"leaves {'them' if unplaced != 1 else 'it'} out. Place them on the Articles page.", icon=":material/location_off:")
a, b, c = st.columns(3)
a.download_button("CSV", data=lambda: export.to_csv(df), file_name=f"{export.EXPORT_NAME}.csv",
                  mime="text/csv", key=state.EXPORT_CSV, icon=":material/download:", on_click="ignore")
b.download_button("GeoJSON", data=lambda: export.to_geojson(df), file_name=f"{export.EXPORT_NAME}.geojson",
                  mime="application/geo+json", key=state.EXPORT_GEOJSON, icon=":material/download:", on_click="ignore")
c.download_button("Excel", data=lambda: export.to_xlsx(df), file_name=f"{export.EXPORT_NAME}.xlsx",
                  mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  key=state.EXPORT_XLSX, icon=":material/download:", on_click="ignore")
