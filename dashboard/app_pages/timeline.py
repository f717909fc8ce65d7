"""Timeline page: events per day/week/month, stacked; brushing a span sets the date filter."""

from __future__ import annotations

import streamlit as st

from dashboard import state, timeline
from dashboard.session import context

ctx = context()
st.title("Timeline")
left, right = st.columns(2)
freq = left.segmented_control("Bars per", list(timeline.FREQUENCIES), default="Month", key=state.TL_FREQ)
stack = right.segmented_control("Stacked by", list(timeline.STACKS), default="Event type", key=state.TL_STACK)
freq, stack = freq or "Month", stack or "Event type"  # a second click on the chosen button unselects it

if ctx.filtered.empty:
    st.info("No events match the filters.")
    st.stop()

by = timeline.STACKS[stack]
table = timeline.counts(ctx.filtered, freq=timeline.FREQUENCIES[freq], by=by)
# A new key after a span is applied clears the brush (a chart's selection cannot be set from Python).
chart_key = f"{state.TL_CHART}-{st.session_state.get('tl_applied', 0)}"
event = st.altair_chart(timeline.chart(table, by=by), on_select="rerun", key=chart_key, width="stretch")
st.caption("Drag across the bars to select a span, then apply it as the date filter (or use the sidebar dates).")
span = timeline.selected_span(event)
if span:
    st.write(f"Selected: {span[0]:%d %b %Y} to {span[1]:%d %b %Y}")
    if st.button("Use this span as the date filter", key="tl_apply", type="primary"):
        st.session_state[state.PENDING_DATES] = span
        st.session_state["tl_applied"] = st.session_state.get("tl_applied", 0) + 1
        st.rerun()
