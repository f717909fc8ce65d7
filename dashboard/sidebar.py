"""The sidebar filters, shared by every page and mirrored in the URL.

On a session's first run the widgets are initialised from the URL's query
parameters (validated by ``filters.parse_query``; unusable values are shown as
a note and ignored).  On every run the current filters are written back to
the URL, so the address bar is always a shareable link to the view.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import state
from dashboard.filters import PRECISIONS, Filters, Options, parse_query, to_query
from dashboard.highlight import markdown_literal

DATE_MIN, DATE_MAX = date(1990, 1, 1), date(2035, 12, 31)
PRECISION_LABELS = {1: "1 · the place itself", 2: "2 · near a place", 3: "3 · only the region"}

_FIELD_KEYS = {
    "date_from": state.F_DATE_FROM,
    "date_to": state.F_DATE_TO,
    "actors": state.F_ACTORS,
    "event_types": state.F_TYPES,
    "sub_event_types": state.F_SUBTYPES,
    "admin1": state.F_ADMIN1,
    "min_fatalities": state.F_MIN_FAT,
    "sources": state.F_SOURCES,
    "geo_precision": state.F_PRECISION,
    "text": state.F_TEXT,
}


def _query_lists() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def _init_from_url(options: Options) -> None:
    ss = st.session_state
    if ss.get(state.FILTERS_INITIALISED):
        return
    parsed, notes = parse_query(_query_lists(), options=options)
    for name, key in _FIELD_KEYS.items():
        value = getattr(parsed, name)
        ss[key] = list(value) if isinstance(value, tuple) else value
    ss[state.QUERY_NOTES] = notes
    ss[state.FILTERS_INITIALISED] = True


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
    for name, key in _FIELD_KEYS.items():
        value = getattr(default, name)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value


def draw(options: Options) -> Filters:
    """Draw the filter widgets in the sidebar and return the Filters they describe."""
    _init_from_url(options)
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
    left, right = bar.columns(2)
    date_from = left.date_input("From", value=None, min_value=DATE_MIN, max_value=DATE_MAX, key=state.F_DATE_FROM)
    date_to = right.date_input("To", value=None, min_value=DATE_MIN, max_value=DATE_MAX, key=state.F_DATE_TO)
    if options.date_min and options.date_max:
        bar.caption(f"Events from {options.date_min:%d %b %Y} to {options.date_max:%d %b %Y}")
    actors = bar.multiselect("Actor (either side)", options.actors, key=state.F_ACTORS)
    types = bar.multiselect("Event type", options.event_types, key=state.F_TYPES)
    subtypes = bar.multiselect("Sub-event type", options.sub_event_types, key=state.F_SUBTYPES)
    admin1 = bar.multiselect("Governorate", options.admin1, key=state.F_ADMIN1)
    min_fat = bar.number_input("Minimum fatalities", min_value=0, max_value=1_000_000, step=1, key=state.F_MIN_FAT)
    sources = bar.multiselect("Source", options.sources, key=state.F_SOURCES)
    precision = bar.multiselect(
        "Geo precision", PRECISIONS, format_func=lambda p: PRECISION_LABELS[p], key=state.F_PRECISION
    )
    text = bar.text_input("Text in sentences", max_chars=200, key=state.F_TEXT)
    bar.button("Reset filters", key=state.F_RESET, on_click=reset)

    if date_from and date_to and date_from > date_to:
        bar.warning("The start date is after the end date: the date filter is ignored.")
        date_from = date_to = None
    if (date_from or date_to) and options.undated:
        bar.caption(f"{options.undated:,} undated event{'s' * (options.undated != 1)} "
                    f"{'are' if options.undated != 1 else 'is'} not in any date range, so the date filter leaves "
                    f"{'them' if options.undated != 1 else 'it'} out. Give them a date on the Articles page.")
    filters = Filters(
        date_from=date_from,
        date_to=date_to,
        actors=tuple(actors),
        event_types=tuple(types),
        sub_event_types=tuple(subtypes),
        admin1=tuple(admin1),
        min_fatalities=int(min_fat or 0),
        sources=tuple(sources),
        geo_precision=tuple(sorted(precision)),
        text=(text or "").strip(),
    )
    _sync_url(filters)
    return filters


def _sync_url(filters: Filters) -> None:
    wanted = to_query(filters)
    if wanted != _query_lists():
        st.query_params.from_dict(wanted)
