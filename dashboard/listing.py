"""What the Table and Articles pages list, and in which order (pure functions, no Streamlit)."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from dashboard.store import ArticleInfo


def newest_first(dates: pd.Series) -> np.ndarray:
    """Row positions ordered by date, newest first; undated rows last; rows of one day keep their order.

    Positions rather than a sorted frame, so a page takes only the columns it
    shows (at a million events, sorting every column costs more than the sort).
    """
    values = dates.to_numpy(dtype="datetime64[ns]")
    undated = np.isnat(values)
    # Negated nanoseconds sort newest first; NaT (the smallest int64) never reaches the negation.
    key = np.where(undated, np.iinfo(np.int64).max, -np.where(undated, 0, values.view("i8")))
    return np.argsort(key, kind="stable")


def sorted_positions(frame: pd.DataFrame, column: str, *, descending: bool) -> np.ndarray:
    """Row positions ordered by ``column`` over every row (not only the rows a page shows); empty cells last,
    ties keep the newest-first order.  ``event_date`` descending is ``newest_first``."""
    base = newest_first(frame["event_date"]) if "event_date" in frame.columns else np.arange(len(frame))
    if (column == "event_date" and descending) or column not in frame.columns:
        return base
    values = frame[column].take(base)
    missing = values.isna().to_numpy()
    if pd.api.types.is_datetime64_any_dtype(values):
        numbers = values.to_numpy(dtype="datetime64[ns]").view("i8").astype("float64")
    elif pd.api.types.is_numeric_dtype(values):
        numbers = values.to_numpy(dtype="float64", na_value=np.nan)
    else:  # text: the rank of each value among the sorted distinct values (case-insensitive), in C
        codes = pd.Categorical(values.astype("string").str.casefold()).codes
        numbers = codes.astype("float64")
        missing = missing | (codes < 0)
    key = np.where(missing, 0.0, -numbers if descending else numbers)
    ranks = np.lexsort((np.arange(len(base)), key, missing))
    return base[ranks]


def page_bounds(total: int, page: int, size: int) -> tuple[int, int, int]:
    """(first row, end row, number of pages) of 1-based ``page`` of ``size`` rows; a page out of range is clamped."""
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    start = (page - 1) * size
    return start, min(total, start + size), pages


def matching_counts(filtered: pd.DataFrame) -> dict[str, int]:
    """How many of the filtered events each article holds (articles without one are absent)."""
    if filtered.empty:
        return {}
    counts = filtered["article_id"].value_counts(sort=False)
    return {str(k): int(v) for k, v in counts.items() if v}


def articles_to_list(
    articles: Sequence[ArticleInfo], matching: dict[str, int], *, filters_active: bool, show_all: bool
) -> list[ArticleInfo]:
    """The articles a page lists: every one without filters (or when asked), else those with a matching event.

    An article with no event at all matches no filter: it is listed with no
    filter set, or with ``show_all``, so it can always be opened and corrected.
    """
    if not filters_active or show_all:
        return list(articles)
    return [a for a in articles if matching.get(a.article_id)]
