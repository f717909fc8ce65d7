"""The details of one event: its fields, its article with the sentence highlighted, other reports."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard.highlight import highlight_html, sentence_span

DETAIL_FIELDS = [
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
    "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "fatalities_text",
    "source", "source_url", "reports", "confidence",
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
    show_reports(store, row, can_edit=can_edit)


def show_reports(store, row: pd.Series, *, can_edit: bool) -> None:  # noqa: ANN001 - an EventStore
    """The event's reports side by side: which article, its own toll, actors and sentence, and why it was
    merged; an editor can split a report off (it becomes an event of its own, never merged back)."""
    group = store.reports(str(row["event_id"]))
    mentions = store.mentions(str(row["event_id"]))
    others = [m for m in mentions if not (m.article_id == row["article_id"] and m.start == row["sentence_start"])]
    if len(group) > 1:
        st.markdown(f"**Reported by {len(group)} articles.** The map and the totals count it once; its toll is "
                    "the highest a report gives, the range is shown in the details.")
        st.dataframe(pd.DataFrame([{
            "article": r.title or r.article_id, "source": r.source, "published": r.published or "",
            "date": r.event_date or "", "place": r.location or "", "actor1": r.actor1 or "", "actor2": r.actor2 or "",
            "fatalities": r.fatalities, "sentence": r.sentence, "why merged": r.why or "first report",
        } for r in group]), hide_index=True, width="stretch", key="map_event_reports")
        if can_edit:
            from dashboard import state

            choices = {f"{r.title or r.article_id} ({r.source})": r.event_id for r in group}
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            chosen = left.selectbox("A report that is not this event", list(choices), key=state.MAP_SPLIT_CHOICE)
            if right.button("Split it off", key=state.MAP_SPLIT, icon=":material/call_split:",
                            help="It becomes an event of its own again and is never merged back with these reports."):
                from dashboard.session import context

                store.split_report(choices[chosen], editor=context().editor, why="split on the map page")
                st.rerun()
        with st.expander("Merge history"):
            st.dataframe(pd.DataFrame(store.merge_log(str(row["event_id"])),
                                      columns=["at", "editor", "action", "report", "why"]),
                         hide_index=True, width="stretch", key="map_event_merge_log")
    st.markdown(f"**Other sentences of its article about it:** {len(others)}")
    if others:
        st.dataframe(pd.DataFrame([{"article": m.article_id, "sentence": m.sentence} for m in others]),
                     hide_index=True, width="stretch", key="map_event_mentions")
