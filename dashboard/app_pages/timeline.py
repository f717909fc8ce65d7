"""Timeline page: events per day/week/month, stacked; brushing a span sets the date filter."""

from __future__ import annotations

import streamlit as st

from dashboard import state, timeline
from dashboard.session import context

ctx = context()
st.title("Timeline")
left, right = st.columns(2)
freq = left.segmented_control("Bars per", list(timeline.FREQUENCIES), default="Month", key=state.TL_FREQ) or "Month"
stack = right.segmented_control("Stacked by", list(timeline.STACKS), default="Event type", key=state.TL_STACK) or "Event type"

if ctx.filtered.empty:
    st.info("No events match the filters.")
    st.stop()

by = timeline.STACKS[stack]
table = timeline.counts(ctx.filtered, freq=timeline.FREQUENCIES[freq], by=by)
event = st.altair_chart(timeline.chart(table, by=by), on_select="rerun", key=state.TL_CHART, width="stretch")
st.caption("Drag across the bars to select a span, then apply it as the date filter (or use the sidebar dates).")
span = timeline.selected_span(event)
if span:
    st.write(f"Selected: {span[0]:%d %b %Y} to {span[1]:%d %b %Y}")
    if st.button("Use this span as the date filter", key="tl_apply", type="primary"):
        st.session_state[state.PENDING_DATES] = span
        st.rerun()
