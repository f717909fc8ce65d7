"""Map page: events on an offline map of Syria; click one for its article and other reports."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import link, maplayers, state
from dashboard.eventview import show_event
from dashboard.filters import without_coordinates
from dashboard.session import context
from dashboard.settings_ui import tiles_default, tiles_reachable

def legend_html() -> str:
    items = "".join(
        f'<span style="display:inline-block;margin-right:14px"><span style="display:inline-block;width:11px;'
        f'height:11px;border-radius:6px;background:{css};margin-right:5px"></span>{html.escape(name)}</span>'
        for name, css in maplayers.legend_items()
    )
    return f'<div style="font-size:0.85rem">{items}</div>'


@st.fragment
def map_fragment(filtered: pd.DataFrame) -> None:
    ctx = context()
    chart = st.container()  # the map first; its controls under it
    view_col, tiles_col, wheel_col = st.columns([2, 2, 2], vertical_alignment="center")
    # A setting restored from the link (dashboard/link.py) is in session state already: no second default.
    given = st.session_state
    view = view_col.segmented_control("View", ["Points", "Density"], key=state.MAP_VIEW, label_visibility="collapsed",
                                      on_change=link.write, **({} if state.MAP_VIEW in given else {"default": "Points"}))
    tiles = tiles_col.toggle("Online street map", key=state.MAP_TILES, on_change=link.write,
                             help="Tiles from basemaps.cartocdn.com under the offline map (needs internet). "
                                  "Off, the map is drawn from the files shipped with the app and fetches nothing.",
                             **({} if state.MAP_TILES in given else {"value": tiles_default()}))
    wheel = wheel_col.toggle("Mouse wheel zooms the map", key=state.MAP_WHEEL, on_change=link.write,
                             help="Off, the wheel scrolls the page; zoom with a double-click (shift: out), "
                                  "a pinch, or the + and - keys after clicking the map.",
                             **({} if state.MAP_WHEEL in given else {"value": False}))
    view = view or "Points"
    reachable = tiles and tiles_reachable()
    if tiles and not reachable:
        tiles_col.caption("The tile server cannot be reached: the offline map is shown.")
    deck = maplayers.build_deck(filtered, density=view == "Density", tiles=reachable, wheel_zoom=wheel)
    with chart:
        if deck.mode == "empty":
            st.info("No located events match the filters.")
        event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key=state.MAP_CHART,
                                height=620, alt="Map of conflict events in Syria")
    if deck.mode == "density":
        if view == "Points":
            st.caption(f"{len(filtered):,} events: more than {maplayers.MAX_POINTS:,}, "
                       "so they are shown as a density grid.")
        st.caption(f"Showing {deck.shown:,} cells of about 10 km; the redder, the more events (log scale). "
                   "Boundaries: Natural Earth. Place names: OCHA (CC BY-IGO).")
    else:
        st.html(legend_html())
        st.caption(f"Showing {deck.shown:,} events, framed to fit; point size grows with fatalities; a number "
                   "beside a point counts the events at that spot; a dark outline marks ACLED's own events (imported); "
                   "hollow rings are events known only at "
                   "governorate or country level, drawn at the region's centre. "
                   "Boundaries: Natural Earth. Place names: OCHA (CC BY-IGO).")
    event_id = maplayers.selected_event_id(event)
    cell = maplayers.selected_cell_count(event)
    if event_id:
        show_event(ctx.store, ctx.frame, event_id, can_edit=ctx.can_edit)
    elif cell is not None:
        st.info(f"This cell holds {cell:,} events. Narrow the filters (below {maplayers.MAX_POINTS:,} events) "
                "and choose Points to click single events.")
    elif deck.mode == "points":
        st.caption("Click an event to see its article and other reports.")


ctx = context()
map_fragment(ctx.filtered)
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
