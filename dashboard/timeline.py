"""Events (or their fatalities) per day, week or month, stacked by event type or by actor.

Counting: every dated event is counted once, so a bar is as tall as the
number of events in its period (or the sum of their reported fatalities)
whatever the stacking.  Stacked by actor, an event sits under ``actor1``, the
side that acted (this project's actor1 is the initiator, like ACLED's primary
actor); the other side is reached with the sidebar's "Actor (either side)"
filter, which then shows who acted against it.  The ``TOP_ACTORS`` actors
with most events get a colour each; every other actor, and an event without
an actor1, is counted in "Other", so the stack still sums to the events.
Counting both sides instead made a month of 7 events a bar of 12 "events".
An event without a date is in no bar (``undated`` says how many).

The count table is made here in pandas and handed to the chart stacked and
ready to draw (Vega aggregates nothing): one row per period and group, even
for years of days.  Dates travel as milliseconds since the epoch and the
time scale is UTC, so the browser's time zone never moves a bar, a tick or a
brushed date by a day.  The time axis has explicit ticks on period starts,
labelled with the year at the first tick and wherever the year changes.  The
interval selection starts from a drag anywhere in the chart, over the axis
labels too; ``selected_span`` turns it into the whole periods it touches.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from dashboard.maplayers import legend

if TYPE_CHECKING:
    import altair as alt

FREQUENCIES = {"Day": "D", "Week": "W", "Month": "M"}
STACKS = {"Event type": "event_type", "Actor": "actor1"}
MEASURES = {"Events": "events", "Fatalities": "fatalities"}
TOP_ACTORS = 8  # more stacked colours than this are unreadable
OTHER = "Other"
SELECTION = "span"  # the name of the interval selection parameter
CHART_HEIGHT = 440  # pixels, legend and axis included (Streamlit fits the chart in it)
MAX_OUTLINED_BARS = 200  # more bars than this are too thin for a white edge between stacked segments
MAX_TICKS = 12  # short labels ("30 Nov") stay apart down to a ~500 px wide chart
# The count axis rounds its top to the step of its own ticks (Vega's default rounds to a finer step,
# so the tallest bar could stand above the top labelled line).
Y_TICKS = 5
# A drag that starts anywhere in the chart, axis labels included ("view"); Vega-Lite's default
# listens to the plot area only, so a drag begun over the dates did nothing.
BRUSH_EVENTS = "[view:pointerdown, window:pointerup] > window:pointermove!"

_PERIOD_NAMES = {"D": "day", "W": "week", "M": "month"}
_TOOLTIP_DATES = {"D": ("Day", "%a %-d %b %Y"), "W": ("Week of", "%a %-d %b %Y"), "M": ("Month", "%B %Y")}
_DAYS_PER_PERIOD = {"D": 1, "W": 7, "M": 30}


def period_starts(dates: pd.Series, *, freq: str) -> np.ndarray:
    """The start of the day, week (Monday) or month holding each date, as ``datetime64[D]`` (NaT stays NaT)."""
    days = pd.to_datetime(dates, errors="coerce").to_numpy().astype("datetime64[D]")
    if freq == "D":
        return days
    if freq == "W":
        # 1970-01-01 was a Thursday: (days since then + 3) mod 7 is the weekday, Monday = 0.
        weekday = (days.astype("int64") + 3) % 7
        return np.where(np.isnat(days), days, days - weekday.astype("timedelta64[D]"))
    if freq == "M":
        return days.astype("datetime64[M]").astype("datetime64[D]")
    raise ValueError(f"freq must be one of {sorted(FREQUENCIES.values())}, not {freq!r}")


def period_ends(starts: np.ndarray | pd.Series, *, freq: str) -> np.ndarray:
    """The start of the next period (exclusive end) for each period start."""
    days = np.asarray(starts, dtype="datetime64[D]")
    if freq == "M":
        return (days.astype("datetime64[M]") + 1).astype("datetime64[D]")
    return days + np.timedelta64(7 if freq == "W" else 1, "D")


def _group_codes(column: pd.Series, *, keep: int | None) -> tuple[np.ndarray, list[str]]:
    """Each row's group number and the group names, Other last.

    Missing and empty values, and values beyond the ``keep`` most frequent, are in Other.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, values = column.cat.codes.to_numpy(), column.cat.categories
    else:
        codes, values = pd.factorize(column)
    values = np.asarray(values, dtype=object)
    sizes = np.bincount(codes + 1, minlength=len(values) + 1)[1:]  # code -1 is a missing value
    kept = [i for i in np.argsort(-sizes, kind="stable") if sizes[i] and values[i] not in ("", OTHER)]
    kept = kept[:keep] if keep is not None else sorted(kept)
    renumber = np.full(len(values) + 1, len(kept))  # Other, also for code -1 (the last slot)
    renumber[kept] = np.arange(len(kept))
    return renumber[codes], [str(values[i]) for i in kept] + [OTHER]


def counts(df: pd.DataFrame, *, freq: str = "M", by: str = "event_type") -> pd.DataFrame:
    """Long table, one row per period and group: period, period_end, group, events, fatalities.

    Each dated event is counted once, in the group of its ``by`` column (``actor1``:
    the most frequent ``TOP_ACTORS`` actors, every other one in "Other"); ``fatalities``
    sums the reported figures (an event without one adds nothing).  ``period_end``
    is the start of the next period, so a bar spans its whole period.
    """
    if by not in STACKS.values():
        raise ValueError(f"by must be one of {sorted(STACKS.values())}, not {by!r}")
    if freq not in FREQUENCIES.values():
        raise ValueError(f"freq must be one of {sorted(FREQUENCIES.values())}, not {freq!r}")
    days = period_starts(df["event_date"], freq="D")
    dated = ~np.isnat(days)
    codes, names = _group_codes(df[by], keep=TOP_ACTORS if by == "actor1" else None)
    fatalities = pd.to_numeric(df["fatalities"], errors="coerce").fillna(0).to_numpy(dtype="int64")
    # Counted per day and group on integer keys first (hashing, no sort, no strings): a million
    # events take tens of milliseconds; the few thousand days are then put into weeks or months.
    width = len(names)
    slot, keys = pd.factorize(days[dated].astype("int64") * width + codes[dated])
    daily = pd.DataFrame({
        "period": period_starts(pd.Series((keys // width).astype("datetime64[D]")), freq=freq),
        "group": keys % width,
        "events": np.bincount(slot, minlength=len(keys)),
        "fatalities": np.bincount(slot, weights=fatalities[dated], minlength=len(keys)),
    })
    table = daily.groupby(["period", "group"], sort=True)[["events", "fatalities"]].sum().reset_index()
    period = table["period"].to_numpy(dtype="datetime64[D]")
    return pd.DataFrame({
        "period": period.astype("datetime64[ns]"),
        "period_end": period_ends(period, freq=freq).astype("datetime64[ns]"),
        "group": np.asarray(names, dtype=object)[table["group"].to_numpy()],
        "events": table["events"].to_numpy(dtype="int64"),
        "fatalities": table["fatalities"].to_numpy(dtype="int64"),
    })


def undated(df: pd.DataFrame) -> int:
    """How many events have no date (and so are in no bar)."""
    return int(pd.to_datetime(df["event_date"], errors="coerce").isna().sum())


def group_order(table: pd.DataFrame, *, by: str) -> list[str]:
    """Groups in legend and stacking order (first at the bottom of each bar).

    Event types keep the map's fixed order; actors go from most to fewest events; Other is last.
    """
    present = set(table["group"])
    if by == "event_type":
        names = [k for k in legend() if k != OTHER]
        return names + sorted(present - set(names) - {OTHER}) + [OTHER] * (OTHER in present)
    totals = table.groupby("group")["events"].sum()
    ranked = sorted((g for g in present if g != OTHER), key=lambda g: (-totals[g], g))
    return ranked + [OTHER] * (OTHER in present)


def _colours(domain: list[str], *, by: str) -> list[str]:
    rgb = legend()
    other = "#%02x%02x%02x" % rgb[OTHER]
    if by == "event_type":
        return ["#%02x%02x%02x" % rgb.get(n, rgb[OTHER]) for n in domain]
    # Tableau 10 without its grey, which stays Other's (as on the map's legend).
    palette = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d"]
    return [other if n == OTHER else palette[i % len(palette)] for i, n in enumerate(domain)]


class Tick(NamedTuple):
    at: pd.Timestamp
    label: str  # the day ("30 Nov"), the month ("Dec") or the year
    year: str  # the year under the label where it starts or changes, else ""


# Tick spacings from fine to coarse: (unit, step).  Weeks tick on Mondays, the day a weekly bar starts.
_SPACINGS = [("D", 1), ("D", 2), ("W", 1), ("W", 2), ("M", 1), ("M", 2), ("M", 3), ("M", 6),
             ("Y", 1), ("Y", 2), ("Y", 5), ("Y", 10)]
_FINEST = {"D": 0, "W": 2, "M": 4}  # never tick finer than the bars


def _tick_dates(start: pd.Timestamp, end: pd.Timestamp, unit: str, step: int) -> pd.DatetimeIndex:
    if unit == "D":
        return pd.date_range(start, end, freq=f"{step}D")
    if unit == "W":
        return pd.date_range(start, end, freq="W-MON")[::step]
    months = pd.date_range(start, end, freq="MS" if unit == "M" else "YS")
    number = months.month - 1 if unit == "M" else months.year
    return months[number % step == 0]  # aligned to the calendar: quarters start in January


def axis_ticks(start: date | pd.Timestamp, end: date | pd.Timestamp, *, freq: str) -> list[Tick]:
    """At most ``MAX_TICKS`` ticks between two dates, on period starts, labelled with the year where it changes."""
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    for unit, step in _SPACINGS[_FINEST[freq]:]:
        dates = _tick_dates(start, end, unit, step)
        if len(dates) <= MAX_TICKS:
            break
    ticks: list[Tick] = []
    for i, at in enumerate(dates):
        if unit == "Y":
            ticks.append(Tick(at, str(at.year), ""))
            continue
        label = f"{at.day} {at:%b}" if unit in ("D", "W") else f"{at:%b}"
        new_year = i == 0 or at.year != dates[i - 1].year
        ticks.append(Tick(at, label, str(at.year) if new_year else ""))
    return ticks


def _ms(values: pd.Series | pd.Timestamp) -> Any:
    """Milliseconds since the epoch (UTC) of naive dates."""
    if isinstance(values, pd.Timestamp):
        return int(values.value // 1_000_000)
    return values.astype("datetime64[ms]").astype("int64")


def _datetime(at: pd.Timestamp) -> alt.DateTime:
    import altair as alt  # here, not at the top: a quarter of a second at start for pages without a chart

    # Plain numbers would be read as years by Vega-Lite's datetime(); DateTime objects are exact (UTC).
    return alt.DateTime(year=at.year, month=at.month, date=at.day, utc=True)


def time_axis(ticks: list[Tick]) -> alt.Axis:
    """An x axis showing exactly ``ticks``: label on the first line, the year (where it starts) on the second."""
    import altair as alt

    labels = {str(_ms(t.at)): [t.label, t.year] if t.year else t.label for t in ticks}
    # A lookup from the tick's time to its label, written as a Vega expression (dates only: no user text).
    expr = f"{json.dumps(labels, separators=(',', ':'))}[''+time(datum.value)]"
    return alt.Axis(values=[_datetime(t.at) for t in ticks], labelExpr=expr, labelOverlap=False, labelFlush=False,
                    grid=False, title=None)


def _stacked(table: pd.DataFrame, *, domain: list[str], measure: str) -> pd.DataFrame:
    """The rows the chart draws: each segment with its bottom and top, dates in milliseconds (UTC)."""
    order = table["group"].map({g: i for i, g in enumerate(domain)})
    rows = table.assign(order=order).sort_values(["period", "order"], kind="stable")
    top = rows.groupby("period", sort=False)[measure].cumsum()
    return pd.DataFrame({
        "period": _ms(rows["period"]),
        "period_end": _ms(rows["period_end"]),
        "group": rows["group"],
        "events": rows["events"],
        "fatalities": rows["fatalities"],
        "bottom": top - rows[measure],
        "top": top,
    })


def chart(table: pd.DataFrame, *, by: str, freq: str = "M", measure: str = "events") -> alt.Chart:
    """Stacked bars of ``measure`` per period from ``counts``, brushable along the time axis.

    Bars the brush touches stay opaque and the others fade: the span ``selected_span`` returns.
    """
    import altair as alt

    if measure not in MEASURES.values():
        raise ValueError(f"measure must be one of {sorted(MEASURES.values())}, not {measure!r}")
    domain = group_order(table, by=by)
    start, end = table["period"].min(), table["period_end"].max()
    outlined = (end - start).days / _DAYS_PER_PERIOD[freq] <= MAX_OUTLINED_BARS
    brush = alt.selection_interval(encodings=["x"], name=SELECTION, on=BRUSH_EVENTS)
    touched = (f"!isValid({SELECTION}.period) || "
               f"(datum.period_end > {SELECTION}.period[0] && datum.period < {SELECTION}.period[1])")
    per = _PERIOD_NAMES[freq]
    when, when_format = _TOOLTIP_DATES[freq]
    return (
        alt.Chart(_stacked(table, domain=domain, measure=measure))
        .mark_bar(stroke="white", strokeWidth=0.5 if outlined else 0)
        .encode(
            x=alt.X("period:T", scale=alt.Scale(type="utc", nice=False),
                    axis=time_axis(axis_ticks(start, end, freq=freq))),
            x2="period_end:T",
            y=alt.Y("top:Q", title=f"{measure} per {per}", scale=alt.Scale(nice=Y_TICKS, zero=True),
                    axis=alt.Axis(tickCount=Y_TICKS, tickMinStep=1, format="d")),
            y2="bottom:Q",
            color=alt.Color("group:N", scale=alt.Scale(domain=domain, range=_colours(domain, by=by)), title=None,
                            legend=alt.Legend(orient="bottom", columns=3, labelLimit=320)),
            opacity=alt.condition(touched, alt.value(1.0), alt.value(0.35)),
            tooltip=[
                alt.Tooltip("utcyearmonthdate(period):T", title=when, format=when_format),
                alt.Tooltip("group:N", title="Event type" if by == "event_type" else "Actor (actor1)"),
                alt.Tooltip("events:Q", title="events"),
                alt.Tooltip("fatalities:Q", title="fatalities"),
            ],
        )
        .add_params(brush)
        .properties(height=CHART_HEIGHT)
    )


def explanation(table: pd.DataFrame, *, by: str, freq: str, measure: str, undated: int = 0) -> str:
    """What the chart counts and how to use it, in a sentence or four (the page's caption)."""
    notes = ["Each event is counted once" + (", with its reported fatalities (none if it has no figure)."
                                             if measure == "fatalities" else ".")]
    if by == "actor1":
        notes.append(f"By actor it is under the side that acted (actor1); Other holds the actors beyond the "
                     f"{TOP_ACTORS} with most events, and events without an actor1.")
    if undated:
        notes.append(f"Not shown: {undated} event{'s' if undated > 1 else ''} without a date.")
    if freq == "D" and not table.empty and (table["period_end"].max() - table["period"].min()).days > 366:
        notes.append("Over more than a year daily bars are thinner than a pixel: Week or Month reads better.")
    notes.append("Drag across the chart to select whole bars, then apply them as the date filter.")
    return " ".join(notes)


def _to_datetime(value: Any) -> datetime | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return None
        # Vega-Lite reports temporal selections as milliseconds since the epoch; the chart's scale is UTC.
        return datetime.fromtimestamp(value / 1000, tz=timezone.utc).replace(tzinfo=None)
    if isinstance(value, str):
        try:
            stamp = pd.Timestamp(value)
        except ValueError:
            return None
        if pd.isna(stamp):
            return None
        return (stamp.tz_convert(None) if stamp.tzinfo else stamp).to_pydatetime()
    return None


def selected_span(event: Any, *, freq: str | None = None) -> tuple[date, date] | None:
    """Date bounds of the brushed span from ``st.altair_chart``'s selection state.

    With ``freq``, the span is every whole period the brush touches: from the start
    of the period its left edge is in to the last day of the period its right edge
    is in (a right edge exactly on a boundary ends the period before it), the bars
    the chart keeps opaque.  Without, the dates under the two edges.
    """
    try:
        span = event["selection"][SELECTION]
    except (KeyError, TypeError):
        return None
    values = span.get("period") if isinstance(span, dict) else None
    if not values or len(values) != 2:
        return None
    bounds = [_to_datetime(v) for v in values]
    if None in bounds:
        return None
    lo, hi = sorted(bounds)
    if freq is None:
        return (lo.date(), hi.date())
    if hi > lo:
        hi -= timedelta(microseconds=1)
    first = period_starts(pd.Series([lo]), freq=freq)[0]
    last = period_ends(period_starts(pd.Series([hi]), freq=freq), freq=freq)[0] - np.timedelta64(1, "D")
    return (pd.Timestamp(first).date(), pd.Timestamp(last).date())
