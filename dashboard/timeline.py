"""Events per day, week or month, stacked by event type or by actor.

The count table is computed here (pure pandas); the Altair chart carries an
interval selection on the time axis whose bounds become the date filter.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

import altair as alt
import pandas as pd

from dashboard.maplayers import legend

FREQUENCIES = {"Day": "D", "Week": "W", "Month": "M"}
STACKS = {"Event type": "event_type", "Actor": "actor1"}
TOP_ACTORS = 8  # more stacked colours than this are unreadable
SELECTION = "span"  # the name of the interval selection parameter


def counts(df: pd.DataFrame, *, freq: str = "M", by: str = "event_type") -> pd.DataFrame:
    """Long table: period (start timestamp), group, events.

    With ``by="actor1"`` both sides count (an event between two actors is in
    both stacks), limited to the most frequent actors plus "Other".
    """
    if freq not in FREQUENCIES.values():
        raise ValueError(f"freq must be one of {sorted(FREQUENCIES.values())}")
    dates = pd.to_datetime(df["event_date"], errors="coerce")
    valid = dates.notna().to_numpy()
    periods = dates[valid].dt.to_period(freq).dt.start_time
    if by == "actor1":
        sides = [df.loc[valid, c].astype("object") for c in ("actor1", "actor2")]
        frame = pd.DataFrame({"period": pd.concat([periods, periods]), "group": pd.concat(sides)}).dropna()
        frame = frame[frame["group"] != ""]
        top = frame["group"].value_counts().index[:TOP_ACTORS]
        frame["group"] = frame["group"].where(frame["group"].isin(top), "Other")
    else:
        frame = pd.DataFrame({"period": periods, "group": df.loc[valid, by].astype("object").fillna("Other")})
    if frame.empty:
        empty = pd.Series([], dtype="datetime64[ns]")
        return pd.DataFrame({"period": empty, "group": [], "events": [], "period_end": empty})
    table = frame.groupby(["period", "group"], observed=True).size().rename("events").reset_index()
    # Each bar spans its whole period (x to x2), so months are drawn as wide as months.
    step = {"D": pd.DateOffset(days=1), "W": pd.DateOffset(weeks=1), "M": pd.DateOffset(months=1)}[freq]
    table["period_end"] = table["period"] + step
    return table.sort_values(["period", "group"]).reset_index(drop=True)


def chart(table: pd.DataFrame, *, by: str) -> alt.Chart:
    """Stacked bars with a brushable time axis (interval selection on x)."""
    brush = alt.selection_interval(encodings=["x"], name=SELECTION)
    if by == "event_type":
        names = [k for k in legend() if k != "Other"]
        present = sorted(set(table["group"]) - set(names))
        domain = names + present
        colours = ["#%02x%02x%02x" % legend().get(n, legend()["Other"]) for n in domain]
        scale = alt.Scale(domain=domain, range=colours)
    else:
        scale = alt.Scale(scheme="tableau10")
    return (
        alt.Chart(table)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("period:T", title=None),
            x2="period_end:T",
            y=alt.Y("sum(events):Q", title="events", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("group:N", scale=scale, title=None, legend=alt.Legend(orient="bottom", columns=3)),
            tooltip=[alt.Tooltip("period:T"), alt.Tooltip("group:N"), alt.Tooltip("sum(events):Q", title="events")],
        )
        .add_params(brush)
        .properties(height=320)
    )


def _to_date(value: Any) -> date | None:
    if isinstance(value, (int, float)):
        # Vega-Lite reports temporal selections as milliseconds since the epoch (UTC).
        return datetime.fromtimestamp(value / 1000, tz=timezone.utc).date()
    if isinstance(value, str):
        try:
            return pd.Timestamp(value).date()
        except ValueError:
            return None
    return None


def selected_span(event: Any) -> tuple[date, date] | None:
    """Date bounds of the brushed span from ``st.altair_chart``'s selection state."""
    try:
        span = event["selection"][SELECTION]
    except (KeyError, TypeError):
        return None
    values = (span or {}).get("period") if isinstance(span, dict) else None
    if not values or len(values) != 2:
        return None
    start, end = _to_date(values[0]), _to_date(values[1])
    if start is None or end is None:
        return None
    return (min(start, end), max(start, end))
