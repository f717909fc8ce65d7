"""Every file of the bad-input corpus (tests/bad_inputs) uploaded through the Upload page.

A refused file shows its clear message (st.error, never a traceback) and
writes nothing; an accepted file with a warning shows the warning in the
review.  The reading rules themselves are tested in tests/test_bad_inputs.py.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import state
from dashboard.session import CONTEXT_KEY
from tests.dashboard.conftest import literal
from tests.test_bad_inputs import CASES, _data

pytestmark = pytest.mark.usefixtures("filled")


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_through_the_upload_page(app: AppTest, name: str) -> None:
    case = CASES[name]
    app.switch_page("app_pages/upload.py")
    app.run()
    store = app.session_state[CONTEXT_KEY].store
    version = store.data_version()
    uploader = app.get("file_uploader")[0]
    suffix = "." + name.rsplit(".", 1)[-1].lower()
    if suffix not in uploader.allowed_type:
        # Streamlit refuses the file before our code sees it (the browser's file dialog too).
        assert case["outcome"] == "error"
        return
    uploader.set_value((name, _data(name), "application/octet-stream"))
    app.button(key=state.UP_EXTRACT).click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    if case["outcome"] == "error":
        assert any(case["message"] in literal(e.value) for e in app.error), ([e.value for e in app.error], case)
        assert state.UP_RESULT not in app.session_state
    else:
        shown = literal(" ".join(i.value for i in app.info))
        if case["outcome"] == "warn":
            assert case["message"] in shown, shown
        assert "review them below" in shown
    assert store.data_version() == version, "extracting alone writes nothing"
    assert store.count_articles() == 2
