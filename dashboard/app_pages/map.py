"""Map page: events on an offline map of Syria; click one for its article and other reports.

The map, its switches and the clicked event (``dashboard/mappanel.py``) are drawn by ``app.py`` before this
page, so that the browser keeps the same map on every page; here: what the map shows, in numbers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.filters import without_coordinates
from dashboard.session import context

ctx = context()
fat = pd.to_numeric(ctx.filtered["fatalities"], errors="coerce").sum()
m1, m2, m3 = st.columns(3)
m1.metric("Events shown", f"{len(ctx.filtered):,}")
m2.metric("Events in the store", f"{len(ctx.frame):,}")
m3.metric("Reported fatalities", f"{int(fat):,}")
unplaced = without_coordinates(ctx.filtered)
if unplaced:
    st.warning(f"{unplaced:,} of the events shown {'have' if unplaced != 1 else 'has'} no place, so the map cannot draw "
               f"{'them' if unplaced != 1 else 'it'}: fix {'them' if unplaced != 1 else 'it'} on the Articles page "
               "(they are in the Table and its exports).", icon=":material/location_off:")
