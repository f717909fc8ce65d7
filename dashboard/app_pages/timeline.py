"""Timeline page: events or fatalities per day/week/month, stacked; brushing a span sets the date filter."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import state, timeline
from dashboard.session import context


def use_span(span: tuple[date, date]) -> None:
    """Runs before the next script run, so the sidebar shows the span and the URL carries it in that same run."""
    st.session_state[state.PENDING_DATES] = span
    # A new chart key clears the brush (a chart's selection cannot be set from Python).
    st.session_state[state.TL_APPLIED] = st.session_state.get(state.TL_APPLIED, 0) + 1


ctx = context()
st.title("Timeline")
bars, stacking, counting = st.columns(3)
# required: a click on the chosen button keeps it chosen (otherwise it unselects, and none looks chosen).
freq = bars.segmented_control("Bars per", list(timeline.FREQUENCIES), default="Month", required=True,
                              key=state.TL_FREQ)
stack = stacking.segmented_control("Stacked by", list(timeline.STACKS), default="Event type", required=True,
                                   key=state.TL_STACK)
measure = counting.segmented_control("Count", list(timeline.MEASURES), default="Events", required=True,
                                     key=state.TL_MEASURE)

if ctx.filtered.empty:
    st.info("No events match the filters.")
    st.stop()

code, by = timeline.FREQUENCIES[freq], timeline.STACKS[stack]
table = timeline.counts(ctx.filtered, freq=code, by=by)
if table.empty:
    st.info("None of the events that match the filters has a date.")
    st.stop()

chart_key = f"{state.TL_CHART}-{st.session_state.get(state.TL_APPLIED, 0)}"
chart = timeline.chart(table, by=by, freq=code, measure=timeline.MEASURES[measure])
event = st.altair_chart(chart, on_select="rerun", key=chart_key, width="stretch")

st.caption(timeline.explanation(table, by=by, freq=code, measure=timeline.MEASURES[measure],
                                undated=timeline.undated(ctx.filtered)))

span = timeline.selected_span(event, freq=code)
if span:
    st.write(f"Selected: {span[0]:%d %b %Y} to {span[1]:%d %b %Y}")
    st.button("Use this span as the date filter", key=state.TL_APPLY, type="primary", on_click=use_span, args=(span,))
