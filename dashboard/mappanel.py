"""The map panel (the map, its switches, its legend and the clicked event), at the top of every page.

Why every page: deck.gl builds its WebGL programs when a map is first drawn.
Where WebGL runs on the CPU (Chromium's SwiftShader, on a machine without a
GPU) that took about 2 s at every visit of the Map page at 100,000 events,
against 0.15 s of the server's, because a page switch took the map off the page
and the browser threw its WebGL context away with it (``scripts/bench_browser.py``).
So every run draws the panel first (``place``, from ``app.py``): the whole panel
on the Map page, and on the other pages the map last shown, again, hidden by
CSS, through the same fragment (the browser keeps an element only if it comes
from the same place, the same fragment and the same script).  The browser then
keeps that very map (an identical element: Streamlit sends only a reference to
it) and its WebGL programs; back on the Map page it is shown again, and updated
if the filters changed, without building anything again.
"""

from __future__ import annotations

import html
import weakref
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import link, maplayers, state
from dashboard.eventview import show_event
from dashboard.session import Context, context
from dashboard.settings_ui import tiles_default, tiles_reachable

SLOT_KEY = "map-slot"  # Streamlit gives the container the CSS class st-key-map-slot
HIDE_CSS = f"<style>.st-key-{SLOT_KEY}{{display:none}}</style>"
HEIGHT_PX = 620


def place(ctx: Context, *, shown: bool) -> None:
    """The panel, first on the page: shown on the Map page; elsewhere the map last shown in this session,
    hidden (nothing before the session's first map).  Drawn by ``app.py`` for every page, never by a page
    itself: an element's identity includes the script that draws it."""
    if shown or state.MAP_LAST_DECK in st.session_state:
        with st.container(key=SLOT_KEY):
            panel(shown)


def legend_html() -> str:
    items = "".join(
        f'<span style="display:inline-block;margin-right:14px"><span style="display:inline-block;width:11px;'
        f'height:11px;border-radius:6px;background:{css};margin-right:5px"></span>{html.escape(name)}</span>'
        for name, css in maplayers.legend_items()
    )
    return f'<div style="font-size:0.85rem">{items}</div>'


def _show(deck: maplayers.CompactDeck) -> Any:
    """The map element, the same wherever it is drawn; returns its selection."""
    if deck.mode == "empty":
        st.info("No located events match the filters.")
    st.session_state[state.MAP_LAST_DECK] = deck
    return st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key=state.MAP_CHART,
                           height=HEIGHT_PX, alt="Map of conflict events in Syria")


def _deck(ctx: Context, *, density: bool, tiles: bool, wheel_zoom: bool) -> maplayers.CompactDeck:
    """The Map page's deck for the run's filtered events: the last one again when it was built from the same
    events frame (the shared one, replaced when the store changes), the same filters and the same switches.

    Most runs leave the map as it was (a click on an event, any other widget, the way back to the Map page) and
    building it again took 60-80 ms of each at 100,000 events (points, tooltips, JSON; issue 14).  The frame is
    compared by identity, through a weak reference (a key holding it would keep an old frame alive)."""
    key = (ctx.filters, density, tiles, wheel_zoom)
    last, built_for = st.session_state.get(state.MAP_LAST_DECK), st.session_state.get(state.MAP_DECK_FOR)
    if last is not None and built_for is not None and built_for[0] == key and built_for[1]() is ctx.frame:
        return last
    deck = maplayers.build_deck(ctx.filtered, density=density, tiles=tiles, wheel_zoom=wheel_zoom)
    st.session_state[state.MAP_DECK_FOR] = (key, weakref.ref(ctx.frame))
    return deck


@st.fragment
def panel(shown: bool) -> None:
    """The Map page's panel for the filtered events; not ``shown``: the map last shown, hidden.

    Takes no frame: Streamlit keeps a fragment's arguments until the end of the next full run, so a frame
    passed here would keep last run's events alive while a refresh builds the new ones (one more copy
    of a million events at the peak).  It reads the run's context instead, on a fragment rerun too.
    """
    chart = st.container()  # the map first; its controls under it
    if not shown:
        with chart:
            _show(st.session_state[state.MAP_LAST_DECK])
        st.html(HIDE_CSS)
        return
    ctx = context()
    filtered = ctx.filtered
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
    deck = _deck(ctx, density=view == "Density", tiles=bool(reachable), wheel_zoom=bool(wheel))
    with chart:
        event = _show(deck)
    if deck.mode == "density":
        if view == "Points":
            st.caption(f"{len(filtered):,} events: more than {maplayers.MAX_POINTS:,}, "
                       "so they are shown as a density grid.")
        st.caption(f"Showing {deck.shown:,} cells of about 10 km; the redder, the more events (log scale). "
                   "Boundaries: Natural Earth. Place names: OCHA (CC BY-IGO).")
    elif deck.mode == "places":
        st.html(legend_html())
        st.caption(f"Showing {deck.events:,} events at {deck.shown:,} places, framed to fit: past "
                   f"{maplayers.GROUP_POINTS:,} events the map draws one marker per place, in the colour of its most "
                   "frequent event type; its size grows with its number of events, written beside the biggest places. "
                   "Hover over a place for its summary, click it to list its events. A dark outline marks places with "
                   "only ACLED's events; "
                   "hollow rings, places known only at governorate or country level. "
                   "Boundaries: Natural Earth. Place names: OCHA (CC BY-IGO).")
    else:
        st.html(legend_html())
        st.caption(f"Showing {deck.shown:,} events, framed to fit; point size grows with fatalities; a number "
                   "beside a point counts the events at that spot; a dark outline marks ACLED's own events (imported); "
                   "hollow rings are events known only at "
                   "governorate or country level, drawn at the region's centre. "
                   "Boundaries: Natural Earth. Place names: OCHA (CC BY-IGO).")
    event_id = maplayers.selected_event_id(event)
    place_id = maplayers.selected_place_event_id(event)
    cell = maplayers.selected_cell_count(event)
    if event_id:
        show_event(ctx.store, ctx.frame, event_id, can_edit=ctx.can_edit)
    elif place_id:
        show_place(ctx, place_id)
    elif cell is not None:
        st.info(f"This cell holds {cell:,} events. Narrow the filters (below {maplayers.MAX_POINTS:,} events) "
                "and choose Points to click single events.")
    elif deck.mode == "points":
        st.caption("Click an event to see its article and other reports.")


PLACE_LIST_COLUMNS = {"event_date": "date", "event_type": "type", "sub_event_type": "sub-type", "actor1": "actor 1",
                      "actor2": "actor 2", "fatalities": "fatalities", "source": "source"}


def show_place(ctx: Context, newest_id: str) -> None:
    """A clicked place marker: its events (with the filters), newest first, and one of them in full, the newest
    until another row is chosen."""
    members = maplayers.place_members(ctx.filtered, newest_id)
    if members.empty:
        st.info("The events of this place are no longer on the map.")
        return
    first = members.iloc[0]
    name = str(first["location"]) if pd.notna(first["location"]) and str(first["location"]) else "This spot"
    gov = str(first["admin1"]) if pd.notna(first["admin1"]) else ""
    title = name + (f", {gov}" if gov and gov != name else "")
    chosen = str(first["event_id"])
    if len(members) > 1:
        st.subheader(f"{title}: {len(members):,} events")
        st.caption("With the filters, newest first. Choose a row to see that event below (the newest until you do).")
        listing = members[list(PLACE_LIST_COLUMNS)].rename(columns=PLACE_LIST_COLUMNS)
        listing["date"] = pd.to_datetime(listing["date"], errors="coerce").dt.date
        picked = st.dataframe(listing, hide_index=True, width="stretch", height=min(38 + 35 * len(listing), 300),
                              on_select="rerun", selection_mode="single-row",
                              key=f"{state.MAP_PLACE_EVENTS}-{newest_id}")
        rows = picked.selection.rows if picked is not None else []
        if rows and 0 <= rows[0] < len(members):
            chosen = str(members.iloc[rows[0]]["event_id"])
    show_event(ctx.store, ctx.frame, chosen, can_edit=ctx.can_edit)

