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
