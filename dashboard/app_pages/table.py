"""Table page: the filtered events, newest first or sorted by any column over every row, a page of rows at a time,
with chosen columns, and the exports.

The exports below are the only download on the page: Streamlit's own "Download as CSV" in the table's
toolbar is switched off for the whole app (``client.disableDataExport`` in ``.streamlit/config.toml``).
"""

from __future__ import annotations

import streamlit as st

from dashboard import export, reviewing, state
from dashboard.filters import without_coordinates
from dashboard.listing import page_bounds, sorted_positions
from dashboard.session import context
from dashboard.views import TABLE_DEFAULT_COLUMNS

PAGE_ROWS = 1_000  # rows sent to the browser at once: 100,000 at a time took over a second to draw

ctx = context()
st.title("Events")
df = ctx.filtered
columns_available = list(df.columns)
chosen = st.multiselect(
    "Columns", columns_available, default=[c for c in TABLE_DEFAULT_COLUMNS if c in columns_available],
    key=state.TABLE_COLUMNS,
)
sort_by, direction, page_box = st.columns([2, 1, 1])
sort_column = sort_by.selectbox("Sort by", columns_available, index=columns_available.index("event_date")
                                if "event_date" in columns_available else 0, key=state.TABLE_SORT)
descending = direction.radio("Order", ["Descending", "Ascending"], key=state.TABLE_ORDER, horizontal=True) == "Descending"
order = sorted_positions(df, sort_column, descending=descending)  # positions: only the columns shown are reordered
pages = page_bounds(len(df), 1, PAGE_ROWS)[2]
if st.session_state.get(state.TABLE_PAGE, 1) > pages:  # fewer rows match now: the last page that exists
    st.session_state[state.TABLE_PAGE] = pages
page = page_box.number_input("Page", min_value=1, max_value=pages, step=1, key=state.TABLE_PAGE,
                             disabled=pages == 1, help=f"{PAGE_ROWS:,} rows a page")
start, stop, _ = page_bounds(len(df), int(page), PAGE_ROWS)
st.caption(f"{len(df):,} events match the filters (of {len(ctx.frame):,}), sorted by {sort_column} "
           f"({'descending' if descending else 'ascending'}, empty cells last); rows {start + 1 if stop else 0:,}-{stop:,}. "
           "Clicking a column header sorts this page only; the exports below hold every matching row in this order.")
shown = df[chosen or list(TABLE_DEFAULT_COLUMNS)].take(order[start:stop])
picked = st.dataframe(shown, hide_index=True, key=state.TABLE, width="stretch",
                      on_select="rerun" if ctx.can_edit else "ignore", selection_mode="single-row",
                      column_config={"event_date": st.column_config.DateColumn("event_date", format="YYYY-MM-DD")})
if ctx.can_edit:
    rows = list(getattr(getattr(picked, "selection", None), "rows", []) or [])
    if rows and rows[0] < len(shown):  # a position in the frame given, whatever order the user sorted it in
        article_id = str(df["article_id"].iloc[order[start + rows[0]]])
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
st.caption("Built when you click, in the table's order. CSV uses ACLED's column names; "
           "cells that could run as spreadsheet formulas are neutralised.")
unplaced = without_coordinates(df)
if unplaced:
    st.warning(f"{unplaced:,} of these events have no coordinates: CSV and Excel hold them, GeoJSON (points only) "
               f"leaves {'them' if unplaced != 1 else 'it'} out. Place them on the Articles page.", icon=":material/location_off:")
a, b, c = st.columns(3)
a.download_button("CSV", data=lambda: export.to_csv(df.take(order)), file_name=f"{export.EXPORT_NAME}.csv",
                  mime="text/csv", key=state.EXPORT_CSV, icon=":material/download:", on_click="ignore")
b.download_button("GeoJSON", data=lambda: export.to_geojson(df.take(order)), file_name=f"{export.EXPORT_NAME}.geojson",
                  mime="application/geo+json", key=state.EXPORT_GEOJSON, icon=":material/download:", on_click="ignore")
too_many = export.xlsx_refusal(len(df))
if too_many:
    c.caption(too_many)
else:
    c.download_button("Excel", data=lambda: export.to_xlsx(df.take(order)), file_name=f"{export.EXPORT_NAME}.xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      key=state.EXPORT_XLSX, icon=":material/download:", on_click="ignore")
