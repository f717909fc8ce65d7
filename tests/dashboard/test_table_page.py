"""The Table page: a page of rows at a time, sorted over every matching row (not only the page shown)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import state
from dashboard.listing import page_bounds, sorted_positions
from dashboard.store import open_store
from tests.dashboard.conftest import APP
from tests.dashboard.frames import make_event
from extraction.records import Article

FRAME = pd.DataFrame({
    "event_date": pd.to_datetime(["2020-01-02", None, "2020-01-05", "2020-01-03"]),
    "fatalities": [3, None, 1, 7],
    "location": ["b", "a", None, "C"],
})


@pytest.mark.parametrize(("column", "descending", "expected"), [
    ("event_date", True, [2, 3, 0, 1]),   # newest first, undated last
    ("event_date", False, [0, 3, 2, 1]),  # oldest first, undated still last
    ("fatalities", True, [3, 0, 2, 1]),   # most first, unknown last
    ("fatalities", False, [2, 0, 3, 1]),
    ("location", True, [3, 0, 1, 2]),     # case-insensitive: C, b, a; empty last
    ("location", False, [1, 0, 3, 2]),
])
def test_sorted_positions_sort_every_row_with_empty_cells_last(column, descending, expected):
    assert sorted_positions(FRAME, column, descending=descending).tolist() == expected


def test_page_bounds_clamp_to_the_pages_that_exist():
    assert page_bounds(100_001, 3, 2_000) == (4_000, 6_000, 51)
    assert page_bounds(100_001, 51, 2_000) == (100_000, 100_001, 51)
    assert page_bounds(10, 9, 5) == (5, 10, 2)  # past the end: the last page
    assert page_bounds(0, 1, 1_000) == (0, 0, 1)


@pytest.fixture
def many(monkeypatch: pytest.MonkeyPatch, _isolated_data_dir) -> int:  # noqa: ANN001
    """1,500 events of one article: more than one page of the Table."""
    monkeypatch.setenv("CONFLICT_MAP_MODE", "local")
    article = Article(text="Shelling in Duma killed 3.", title="Many", published=date(2020, 1, 1),
                      source="Test Wire").with_id()
    events = [make_event(i, event_id=f"m{i}", article_id=article.article_id, fatalities=i % 97,
                         event_date=date(2019, 1, 1) + pd.Timedelta(days=i % 360).to_pytimedelta())
              for i in range(1_500)]
    open_store().save_article(article, events)
    return len(events)


def test_the_table_shows_a_page_sorted_over_every_row_and_its_second_page(many: int) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("app_pages/table.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.dataframe[0].value) == 1_000  # a page, not all 1,500
    at.selectbox(key=state.TABLE_SORT).set_value("fatalities").run()
    first = at.dataframe[0].value
    assert first["fatalities"].iloc[0] == 96 and first["fatalities"].is_monotonic_decreasing
    at.number_input(key=state.TABLE_PAGE).set_value(2).run()
    second = at.dataframe[0].value
    assert len(second) == 500 and second["fatalities"].max() <= first["fatalities"].min()
    at.radio(key=state.TABLE_ORDER).set_value("Ascending").run()
    assert at.dataframe[0].value["fatalities"].is_monotonic_increasing
    assert at.query_params.get("sort") == ["fatalities"] or at.query_params.get("sort") == "fatalities"
