"""Articles page: the stored articles with their events; an editor may delete one."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.highlight import highlight_html, markdown_literal, sentence_span
from dashboard.session import context
from gazetteer.errors import ConflictMapError

EVENT_COLUMNS = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
                 "fatalities", "notes"]


def _delete(article_id: str) -> None:
    """Callback: delete the article and its events (the page checked the role before drawing the button)."""
    ctx = context()
    if not ctx.can_edit:  # defence in depth: a stale button must not delete for a viewer
        st.session_state[state.UP_MESSAGE] = ("error", "Deleting needs a signed-in editor.")
        return
    try:
        ctx.store.delete_article(article_id, editor=ctx.editor)  # recorded in the article's history
    except ConflictMapError as err:  # a busy or read-only store: a message, not a traceback
        st.session_state[state.UP_MESSAGE] = ("error", f"Nothing was deleted: {err}")
        return
    st.session_state.pop(state.ART_CHOICE, None)
    st.session_state[state.UP_MESSAGE] = ("success", "Deleted the article and its events.")


ctx = context()
st.title("Articles")
message = st.session_state.pop(state.UP_MESSAGE, None)
if message:
    (st.success if message[0] == "success" else st.error)(markdown_literal(message[1]))

articles = ctx.store.list_articles()
if not articles:
    st.info("The store holds no articles yet.")
    st.stop()

listing = pd.DataFrame(
    [{"title": a.title or "(untitled)", "published": a.published, "source": a.source, "events": a.n_events,
      "url": a.url, "id": a.article_id} for a in articles]
)
st.dataframe(listing, hide_index=True, width="stretch", key="art_list",
             column_config={"url": st.column_config.TextColumn("url")})

ids = [a.article_id for a in articles]
labels = {a.article_id: f"{a.published or 'undated'} · {(a.title or '(untitled)')[:90]}" for a in articles}
chosen = st.selectbox("Open an article", ids, format_func=labels.get, key=state.ART_CHOICE)
article = ctx.store.get_article(chosen) if chosen else None
if article is not None:
    about = " · ".join(html.escape(str(part)) for part in (article.source, article.published or "undated", article.url)
                       if part)
    st.html(f"<h3>{html.escape(article.title or '(untitled)')}</h3><p>{about}</p>")
    events = ctx.store.events_for_article(chosen)
    st.markdown(f"**{len(events)} event(s)** (their sentences are highlighted below)")
    if events:
        table = pd.DataFrame([{c: getattr(e, c) for c in EVENT_COLUMNS} for e in events])
        st.dataframe(table, hide_index=True, width="stretch", key="art_events")
    spans = [sentence_span(e.sentence_start, e.sentence_end) for e in events if e.sentence_end > e.sentence_start]
    with st.expander("Article text", expanded=False):
        st.html(highlight_html(article.text, spans))
    if ctx.can_edit:
        confirm = st.checkbox("Yes, delete this article and all its events", key=state.ART_CONFIRM)
        st.button("Delete article", key=state.ART_DELETE, type="primary", disabled=not confirm,
                  on_click=_delete, args=(chosen,))
    else:
        st.caption("Deleting articles needs a signed-in editor.")
