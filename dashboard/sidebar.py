"""The sidebar filters, shared by every page (``dashboard.link`` mirrors them in the URL).

The From and To dates are stacked, each the sidebar's full width: side by
side they were too narrow to show a date.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import state
from dashboard.filters import ORIGINS, PRECISIONS, Filters, Options
from dashboard.highlight import markdown_literal
from dashboard.link import FIELD_KEYS, filters_in_state

DATE_MIN, DATE_MAX = date(1990, 1, 1), date(2035, 12, 31)
PRECISION_LABELS = {1: "1 · the place itself", 2: "2 · near a place", 3: "3 · only the region"}
# Streamlit 1.67 applies a typed date when its calendar closes (Esc, a click on the day or anywhere else), not
# on Enter: a new user typed a date, waited, and saw neither the map nor the URL change.
DATE_HINT = "A typed date applies when you press Esc or leave the box."


def _apply_pending() -> None:
    """A date span chosen outside the sidebar (timeline) becomes the date filter."""
    pending = st.session_state.pop(state.PENDING_DATES, None)
    if pending:
        st.session_state[state.F_DATE_FROM], st.session_state[state.F_DATE_TO] = pending


def _keep_known(key: str, allowed: tuple) -> None:
    """Drop remembered choices that are no longer in the data (e.g. after a delete)."""
    current = st.session_state.get(key) or []
    allowed_set = set(allowed)
    kept = [v for v in current if v in allowed_set]
    if kept != current:
        st.session_state[key] = kept


def reset() -> None:
    """Callback of the reset button: every filter back to its default."""
    default = Filters()
    for name, key in FIELD_KEYS.items():
        value = getattr(default, name)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value


def draw(options: Options) -> Filters:
    """Draw the filter widgets in the sidebar and return the Filters they describe."""
    _apply_pending()
    for key, allowed in (
        (state.F_ACTORS, options.actors),
        (state.F_TYPES, options.event_types),
        (state.F_SUBTYPES, options.sub_event_types),
        (state.F_ADMIN1, options.admin1),
        (state.F_SOURCES, options.sources),
    ):
        _keep_known(key, allowed)

    bar = st.sidebar
    bar.header("Filters")
    for note in st.session_state.get(state.QUERY_NOTES) or []:
        bar.warning(markdown_literal(note), icon=":material/link_off:")  # notes quote the link's values
    date_from = bar.date_input("From", value=None, min_value=DATE_MIN, max_value=DATE_MAX, key=state.F_DATE_FROM)
    date_to = bar.date_input("To", value=None, min_value=DATE_MIN, max_value=DATE_MAX, key=state.F_DATE_TO)
    span = (f"Events from {options.date_min:%d %b %Y} to {options.date_max:%d %b %Y}. "
            if options.date_min and options.date_max else "")
    bar.caption(span + DATE_HINT)
    bar.multiselect("Actor (either side)", options.actors, key=state.F_ACTORS)
    bar.multiselect("Event type", options.event_types, key=state.F_TYPES)
    bar.multiselect("Sub-event type", options.sub_event_types, key=state.F_SUBTYPES)
    bar.multiselect("Governorate", options.admin1, key=state.F_ADMIN1)
    bar.number_input("Minimum fatalities", min_value=0, max_value=1_000_000, step=1, key=state.F_MIN_FAT)
    bar.multiselect("Source", options.sources, key=state.F_SOURCES)
    bar.multiselect("Geo precision", PRECISIONS, format_func=lambda p: PRECISION_LABELS[p], key=state.F_PRECISION)
    bar.text_input("Text in sentences", max_chars=200, key=state.F_TEXT)
    bar.selectbox("Events", ["", *ORIGINS], key=state.F_ORIGIN,
                  format_func=lambda o: ORIGINS.get(o, "Extracted and ACLED's"),
                  help="ACLED's own events are imported with python -m dashboard.import_acled (dark outline on the map).")
    bar.number_input("Reported by at least (articles)", min_value=0, max_value=1000, step=1, key=state.F_MIN_REPORTS,
                     help="Reports of one event in several articles are merged into one event; 2 keeps the events "
                          "that at least two articles reported.")
    bar.button("Reset filters", key=state.F_RESET, on_click=reset)

    if date_from and date_to and date_from > date_to:
        bar.warning("The start date is after the end date: the date filter is ignored.")
    filters = filters_in_state()
    if (filters.date_from or filters.date_to) and options.undated:
        bar.caption(f"{options.undated:,} undated event{'s' * (options.undated != 1)} "
                    f"{'are' if options.undated != 1 else 'is'} not in any date range, so the date filter leaves "
                    f"{'them' if options.undated != 1 else 'it'} out. Give them a date on the Articles page "
                    "(with \"Show all articles\").")
    return filters
