"""The address bar as a shareable link: every filter and page setting, read once per session, written on each change.

On a session's first run the sidebar filters and the page settings
(``dashboard.views``) are set from the URL's query parameters, checked by
``filters.parse_query`` and ``views.parse``: a value a link cannot use is shown
as a note and ignored.  On every run the URL is written from the current
values, so the address is always a link to what is on screen.

A widget drawn inside ``st.fragment`` reruns only its fragment when it
changes, not this code: such a widget passes ``on_change=link.write`` to reach
the URL at once (otherwise it does on the next full run).
"""

from __future__ import annotations

import streamlit as st

from dashboard import state, views
from dashboard.filters import Filters, Options, parse_query, to_query

# The session-state key of each Filters field (the sidebar's widgets).
FIELD_KEYS = {
    "date_from": state.F_DATE_FROM,
    "date_to": state.F_DATE_TO,
    "actors": state.F_ACTORS,
    "event_types": state.F_TYPES,
    "sub_event_types": state.F_SUBTYPES,
    "admin1": state.F_ADMIN1,
    "min_fatalities": state.F_MIN_FAT,
    "origin": state.F_ORIGIN,
    "min_reports": state.F_MIN_REPORTS,
    "sources": state.F_SOURCES,
    "geo_precision": state.F_PRECISION,
    "text": state.F_TEXT,
}


def _query_lists() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def restore(options: Options) -> None:
    """First run of a session: the filters and page settings from the URL, and notes on what it could not use."""
    ss = st.session_state
    if ss.get(state.FILTERS_INITIALISED):
        return
    params = _query_lists()
    parsed, notes = parse_query(params, options=options)
    for name, key in FIELD_KEYS.items():
        value = getattr(parsed, name)
        ss[key] = list(value) if isinstance(value, tuple) else value
    settings, setting_notes = views.parse(params)
    for key, value in settings.items():
        ss[key] = value
    ss[state.PAGE_SETTINGS_KEPT] = dict(settings)
    ss[state.QUERY_NOTES] = notes + setting_notes
    ss[state.FILTERS_INITIALISED] = True


def keep_page_settings() -> None:
    """Keep each page setting across pages: Streamlit drops a widget's value when its page is not drawn.

    Called before the page is drawn: a value the user just set is copied, and
    a dropped one is given back, so the URL still holds it and the page shows
    it again when the user returns.
    """
    ss = st.session_state
    kept = ss.setdefault(state.PAGE_SETTINGS_KEPT, {})
    for setting in views.SETTINGS:
        if setting.key in ss:
            kept[setting.key] = ss[setting.key]
        elif setting.key in kept:
            ss[setting.key] = kept[setting.key]


def filters_in_state() -> Filters:
    """The Filters the sidebar's widgets hold; a date range whose start is after its end is ignored."""
    ss = st.session_state
    date_from, date_to = ss.get(state.F_DATE_FROM), ss.get(state.F_DATE_TO)
    if date_from and date_to and date_from > date_to:
        date_from = date_to = None
    return Filters(
        date_from=date_from,
        date_to=date_to,
        actors=tuple(ss.get(state.F_ACTORS) or ()),
        event_types=tuple(ss.get(state.F_TYPES) or ()),
        sub_event_types=tuple(ss.get(state.F_SUBTYPES) or ()),
        admin1=tuple(ss.get(state.F_ADMIN1) or ()),
        min_fatalities=int(ss.get(state.F_MIN_FAT) or 0),
        sources=tuple(ss.get(state.F_SOURCES) or ()),
        geo_precision=tuple(sorted(ss.get(state.F_PRECISION) or ())),
        text=(ss.get(state.F_TEXT) or "").strip(),
        origin=ss.get(state.F_ORIGIN) or "",
        min_reports=int(ss.get(state.F_MIN_REPORTS) or 0),
    )


def write(filters: Filters | None = None) -> None:
    """Put the filters (by default those in the sidebar's widgets) and every page setting in the URL.

    Also keeps the page settings (``keep_page_settings``): as a fragment widget's callback, this is the only
    code that sees its new value before a page switch would drop it.
    """
    keep_page_settings()
    ss = st.session_state
    kept = ss[state.PAGE_SETTINGS_KEPT]
    settings = {s.key: kept.get(s.key) for s in views.SETTINGS}
    wanted = to_query(filters if filters is not None else filters_in_state()) | views.to_query(settings)
    if wanted != _query_lists():
        st.query_params.from_dict(wanted)
