"""How each page is shown, mirrored in the URL beside the filters: URL parameters <-> widget values.

The filters (``dashboard.filters``) choose which events; these settings choose
how a page shows them (the map's points or density grid, the timeline's bars
and stacking, the table's columns and sort order, whether the Articles page lists every
article).  A shared link carries both, so the person it is sent to sees the
same view.  Pure functions, no Streamlit: a link's values are checked here,
and one it cannot use is dropped with a note, as for the filters.

The map's online street-map switch is one (``tiles=on``): a link turns tiles on only where the server
can reach them (``dashboard.settings_ui``); ``CONFLICT_MAP_TILES=1`` only makes the switch start on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from dashboard import state
from dashboard.timeline import FREQUENCIES, MEASURES, STACKS
from extraction.records import EVENT_COLUMNS

MAP_VIEWS = ("Points", "Density")
TABLE_DEFAULT_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2",
    "location", "admin1", "fatalities", "geo_precision", "source", "notes",
)


@dataclass(frozen=True, slots=True)
class Setting:
    """One page setting: its URL parameter, its widget key, and the URL word for each value it may take.

    ``many`` settings hold a list of values (one URL word each, in order); an
    empty list means the default, which the page shows for no choice too.
    """

    param: str
    key: str
    words: Mapping[str, object]  # URL word -> widget value
    default: object
    many: bool = False

    def word(self, value: object) -> str | None:
        return next((w for w, v in self.words.items() if v == value), None)


def _slug(label: str) -> str:
    return label.lower().replace(" ", "-")


SETTINGS: tuple[Setting, ...] = (
    Setting("view", state.MAP_VIEW, {_slug(v): v for v in MAP_VIEWS}, "Points"),
    Setting("tiles", state.MAP_TILES, {"off": False, "on": True}, False),
    Setting("wheel", state.MAP_WHEEL, {"scrolls": False, "zooms": True}, False),
    Setting("count", state.TL_MEASURE, {_slug(v): v for v in MEASURES}, "Events"),
    Setting("bars", state.TL_FREQ, {_slug(v): v for v in FREQUENCIES}, "Month"),
    Setting("stack", state.TL_STACK, {_slug(v): v for v in STACKS}, "Event type"),
    Setting("cols", state.TABLE_COLUMNS, {c: c for c in EVENT_COLUMNS}, list(TABLE_DEFAULT_COLUMNS), many=True),
    Setting("sort", state.TABLE_SORT, {c: c for c in EVENT_COLUMNS}, "event_date"),
    Setting("order", state.TABLE_ORDER, {"desc": "Descending", "asc": "Ascending"}, "Descending"),
    Setting("articles", state.ART_ALL, {"matching": False, "all": True}, False),
)


def parse(params: Mapping[str, list[str]]) -> tuple[dict[str, object], list[str]]:
    """Widget values (by key) for the settings a link gives, and a note for each value it cannot use."""
    values: dict[str, object] = {}
    notes: list[str] = []
    for setting in SETTINGS:
        raw = [w.strip() for w in params.get(setting.param) or []]
        if not raw:
            continue
        known = [w for w in raw if w in setting.words]
        unknown = [w for w in raw if w not in setting.words]
        if unknown:
            shown = ", ".join(repr(w[:40]) for w in unknown[:3])
            choices = ", ".join(setting.words) if len(setting.words) <= 6 else f"the {len(setting.words)} known values"
            notes.append(f"Ignored {setting.param}: {shown} is not one of {choices}.")
        if setting.many:
            chosen = [setting.words[w] for w in dict.fromkeys(known)]
            if chosen:
                values[setting.key] = chosen
        elif known:
            values[setting.key] = setting.words[known[-1]]
    return values, notes


def to_query(values: Mapping[str, object]) -> dict[str, list[str]]:
    """The URL parameters for the settings' current values (by key); defaults and no choice are left out."""
    out: dict[str, list[str]] = {}
    for setting in SETTINGS:
        value = values.get(setting.key)
        if value is None or value == setting.default:
            continue
        if setting.many:
            words = [w for w in (setting.word(v) for v in value) if w is not None]  # type: ignore[union-attr]
            if words:
                out[setting.param] = words
        else:
            word = setting.word(value)
            if word is not None:
                out[setting.param] = [word]
    return out
