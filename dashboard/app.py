"""Entry point: ``streamlit run dashboard/app.py``.

Sets the page, opens (and on first start seeds) the store, decides the
editing role, draws the shared sidebar filters, keeps the URL a link to
every filter and page setting, and routes to the pages.
Each page is a thin module under ``app_pages/``; the logic is in plain
functions elsewhere in ``dashboard/``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import access, filters, link, mappanel, memory, session, sidebar
from dashboard.highlight import STYLE

HERE = Path(__file__).resolve().parent

memory.no_huge_pages()  # once per process: see dashboard/memory.py (first load at 1M events 4.5-6.5 s -> 1.3 s)
st.set_page_config(page_title="Syria conflict events", page_icon=":material/map:", layout="wide")
st.html(STYLE)  # highlight colours (static CSS, no user text)

session.forget_frames()  # last run's frames are not kept alive beside the ones this run may build
store = session.store()
writable = session.file_state(store)  # a damaged file (its check deferred past the first page): said here
session.ensure_seeded(store)
mode, can_edit = access.role()
can_edit = can_edit and writable
frame, options = session.events(store)
link.restore(options)  # a session's first run: the filters and page settings from the URL
chosen = sidebar.draw(options)
link.write(chosen)  # before the page is drawn: it also keeps the page settings across pages
context = session.Context(
    store=store,
    frame=frame,
    filtered=filters.apply(frame, chosen),
    filters=chosen,
    options=options,
    can_edit=can_edit,
    mode=mode,
    editor=access.editor_identity(mode),
)
session.set_context(context)

pages = [
    st.Page(HERE / "app_pages" / "map.py", title="Map", icon=":material/map:", url_path="map", default=True),
    st.Page(HERE / "app_pages" / "timeline.py", title="Timeline", icon=":material/bar_chart:", url_path="timeline"),
    st.Page(HERE / "app_pages" / "table.py", title="Table", icon=":material/table:", url_path="table"),
    st.Page(HERE / "app_pages" / "compare.py", title="Compare with ACLED", icon=":material/compare_arrows:",
            url_path="compare"),
    st.Page(HERE / "app_pages" / "upload.py", title="Upload", icon=":material/upload_file:", url_path="upload"),
    st.Page(HERE / "app_pages" / "articles.py", title="Articles", icon=":material/article:", url_path="articles"),
]
page = st.navigation(pages)
mappanel.place(context, shown=page is pages[0])  # first on every page: the browser keeps one map
page.run()
session.check_after_render(store)  # a check of the store file deferred by the first load runs now
