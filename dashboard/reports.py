"""Counting events, not reports: the frame every page shows, one row per event however many reported it.

The store keeps each article's events (reports) and, in ``event_groups``, which reports of different
articles are one event (``dashboard/store/merge.py``).  ``counted`` folds each group into one row:

* its fields are those of the best-placed report (geo precision 1 before 2 before 3, then the highest
  confidence, then the earliest saved), so the point sits where the most precise source put it;
* ``fatalities`` is the **highest** toll any report gives (reports of one strike differ as counts rise
  over the day; the highest is the latest and the one ACLED would code from several sources), never their
  sum; ``fatalities_low`` / ``fatalities_high`` give the range the reports span when they differ;
* ``source`` lists every outlet once ("SANA; SOHR"), ``reports`` counts the reports, ``group_id`` names
  the group (an ungrouped event is its own group).

The map, the metrics, the timeline and the exports all read this frame, so a strike reported three times
is one point, one bar segment and one toll.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REPORT_COLUMNS = ("reports", "group_id")


def counted(frame: pd.DataFrame, groups: dict[str, str]) -> pd.DataFrame:
    """One row per event: ``frame`` (one row per report) with each group of ``groups`` folded into one row,
    and the columns ``reports`` and ``group_id`` added."""
    ids = frame["event_id"].astype(str)
    if not groups:
        return frame.assign(reports=pd.array(np.ones(len(frame), dtype=np.int32), dtype="Int32"), group_id=ids.to_numpy())
    group = ids.map(groups).fillna(ids)
    grouped = ids.isin(groups.keys())
    alone = frame[~grouped.to_numpy()]
    members = frame[grouped.to_numpy()].assign(group_id=group[grouped].to_numpy())
    if members.empty:
        return counted(frame, {})
    precision = pd.to_numeric(members["geo_precision"], errors="coerce").fillna(9)
    order = members.assign(_p=precision.to_numpy()).sort_values(
        ["group_id", "_p", "confidence"], ascending=[True, True, False], kind="stable")
    first = order.drop_duplicates("group_id").drop(columns="_p").set_index("group_id")
    deaths = pd.to_numeric(members["fatalities"], errors="coerce")
    by = members.assign(_f=deaths.to_numpy()).groupby("group_id", sort=False)
    high, low, n = by["_f"].max(), by["_f"].min(), by.size()
    sources = by["source"].agg(lambda s: "; ".join(dict.fromkeys(str(v) for v in s if isinstance(v, str) and v)))
    first["fatalities"] = pd.array(high.reindex(first.index), dtype="Int32")
    differ = (low != high) & low.notna()
    first["fatalities_low"] = pd.array(low.where(differ).reindex(first.index), dtype="Int32")
    first["fatalities_high"] = pd.array(high.where(differ).reindex(first.index), dtype="Int32")
    first["source"] = sources.reindex(first.index).to_numpy(dtype=object)
    first["reports"] = pd.array(n.reindex(first.index).to_numpy(dtype=np.int32), dtype="Int32")
    merged = first.reset_index()
    singles = alone.assign(reports=pd.array(np.ones(len(alone), dtype=np.int32), dtype="Int32"),
                           group_id=ids[~grouped].to_numpy())
    out = pd.concat([singles, merged[singles.columns]], ignore_index=True)
    for name in frame.columns:  # the shared frame's dtypes (concat widens categories and nullable ints)
        if out[name].dtype == frame[name].dtype:
            continue
        wanted = "category" if isinstance(frame[name].dtype, pd.CategoricalDtype) else frame[name].dtype
        try:
            out[name] = out[name].astype(wanted)
        except (TypeError, ValueError):
            pass
    return out
