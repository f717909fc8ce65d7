"""The Upload page with long texts: a progress bar while extracting, and a time limit that ends in a message."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import reviewing, state
from dashboard.store import open_store
from tests.dashboard.conftest import literal

pytestmark = pytest.mark.usefixtures("filled")

LONG = ("Government forces shelled the town of Saraqib in Idlib province on 7 December 2015, killing four "
        "civilians, activists said. ") * 200  # 24,800 characters: over reviewing.PROGRESS_FROM_CHARS


def _extract(app: AppTest, text: str) -> AppTest:
    app.run()
    app.switch_page("app_pages/upload.py")
    app.run()
    app.text_area(key=state.UP_PASTE).input(text)
    app.button(key=state.UP_EXTRACT).click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_a_long_text_is_extracted_with_a_progress_bar_that_is_gone_afterwards(app: AppTest) -> None:
    assert len(LONG) >= reviewing.PROGRESS_FROM_CHARS
    _extract(app, LONG)
    assert [m.value for m in app.info][0].startswith("Found 1 event")
    assert len(app.get("progress")) == 0  # emptied once the extraction is over


def test_an_extraction_over_the_time_limit_says_so_and_keeps_nothing(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reviewing, "EXTRACT_SECONDS", 0.0)
    stored_before = len(open_store().list_articles())
    _extract(app, LONG)
    errors = [literal(e.value) for e in app.error]
    assert len(errors) == 1 and errors[0].startswith("Extraction stopped after 0 seconds, 0% of the way through a "
                                                     "text of 24,800 characters")
    assert state.UP_RESULT not in app.session_state or app.session_state[state.UP_RESULT] is None
    assert len(open_store().list_articles()) == stored_before


def test_a_bad_time_limit_setting_is_named_on_the_page(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICT_MAP_EXTRACT_SECONDS", "soon")
    _extract(app, "Government forces shelled Saraqib in Idlib on Monday.")
    assert [literal(e.value) for e in app.error] == [
        "CONFLICT_MAP_EXTRACT_SECONDS is 'soon'; it must be a number of seconds from 1 to 3600 (unset, it is 120)."]
