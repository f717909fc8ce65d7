"""The details of one event: its fields, its article with the sentence highlighted, other reports."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard.highlight import highlight_html, sentence_span

DETAIL_FIELDS = [
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
    "latitude", "longitude", "geo_precision", "fatalities", "fatalities_text", "source", "source_url", "confidence",
]


def _shown(value: object) -> str:
    """A field as a reader wants it: dates without a time, nothing for missing values."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def show_event(store, frame: pd.DataFrame, event_id: str, *, can_edit: bool = False) -> None:  # noqa: ANN001
    rows = frame[frame["event_id"] == event_id]
    if rows.empty:
        st.info("The selected event is no longer in the store.")
        return
    row = rows.iloc[0]
    st.subheader("Selected event")
    details = pd.DataFrame({"field": DETAIL_FIELDS, "value": [_shown(row.get(f)) for f in DETAIL_FIELDS]})
    st.dataframe(details, hide_index=True, width="stretch", key="map_event_details")
    if can_edit:
        from dashboard import reviewing, state

        # Not a callback: the map is a fragment, and switching page from its rerun needs the button's return.
        if st.button("Correct this event", key=state.MAP_CORRECT, icon=":material/edit:",
                     help="Opens its article's events in the review; saving makes a new version."):
            error = reviewing.open_stored(store, str(row["article_id"]))
            if error:
                st.error(error)
            else:
                st.switch_page("app_pages/upload.py")
    article = store.get_article(str(row["article_id"]))
    if article is not None:
        st.html(f"<h4>{html.escape(article.title or '(untitled article)')}</h4>"
                f"<p>{html.escape(article.source)} {html.escape(str(article.published or ''))}</p>")
        span = sentence_span(int(row["sentence_start"]), int(row["sentence_end"]))
        with st.expander("Article, with the event's sentence highlighted", expanded=True):
            st.html(highlight_html(article.text, [span]))
    mentions = store.mentions(event_id)
    others = [m for m in mentions if not (m.article_id == row["article_id"] and m.start == row["sentence_start"])]
    st.markdown(f"**Other reports of this event:** {len(others)}")
    if others:
        st.dataframe(pd.DataFrame([{"article": m.article_id, "sentence": m.sentence} for m in others]),
                     hide_index=True, width="stretch", key="map_event_mentions")
