"""Articles page: the stored articles with their events and the history of their reviews.

The sidebar filters choose the articles listed: those with at least one event that matches them ("N of M
articles have an event matching the filters"). "Show all articles" lists every one, so an article with no
event (or none that matches) can still be opened and corrected; with no filter set, every article is listed.

An editor may correct an article's events (in the Upload page's review), compare any two versions of
them, restore an earlier version (itself a new version), or delete the article (recorded too)."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import review, reviewing, state
from dashboard.highlight import highlight_html, markdown_literal, sentence_span
from dashboard.listing import articles_to_list, matching_counts
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


def _edit(article_id: str) -> None:
    """Callback: open the article's current events in the review; the next run goes to the Upload page."""
    ctx = context()
    if not ctx.can_edit:
        st.session_state[state.UP_MESSAGE] = ("error", "Editing needs a signed-in editor.")
        return
    error = reviewing.open_stored(ctx.store, article_id)
    if error:
        st.session_state[state.UP_MESSAGE] = ("error", error)
        return
    st.session_state[state.GO_UPLOAD] = True


def _restore(article_id: str, version: int, expected: int) -> None:
    """Callback: make an earlier version the current one (a new version; the ones between stay)."""
    ctx = context()
    if not ctx.can_edit:
        st.session_state[state.UP_MESSAGE] = ("error", "Restoring needs a signed-in editor.")
        return
    try:
        saved = ctx.store.restore_version(article_id, version, editor=ctx.editor, expected_version=expected)
    except ConflictMapError as err:
        st.session_state[state.UP_MESSAGE] = ("error", f"Nothing was restored: {err}")
        return
    st.session_state[state.UP_MESSAGE] = ("success", f"Restored version {version} as version {saved.version} "
                                                     f"({saved.events_saved} events).")


def _import_acled() -> None:
    """Callback: import the chosen ACLED CSV; the page says what was added, updated, unchanged or refused."""
    from dashboard.import_acled import import_acled

    ctx = context()
    upload = st.session_state.get(state.ART_ACLED_FILE)
    if not ctx.can_edit:
        return
    if upload is None:
        st.session_state[state.UP_MESSAGE] = ("error", "Choose an ACLED CSV file first.")
        return
    try:
        report = import_acled(ctx.store, upload.getvalue(), editor=ctx.editor)
    except ConflictMapError as err:
        st.session_state[state.UP_MESSAGE] = ("error", f"Nothing was imported: {err}")
        return
    st.session_state[state.UP_MESSAGE] = ("success" if not report.refused else "error", report.summary())


def history_section(article_id: str, can_edit: bool) -> None:
    """Every version of the article's events: who, when, what kind; any two compared; any one restored."""
    versions = ctx.store.history(article_id)
    if not versions:
        return
    st.markdown(f"**History: {len(versions)} version{'s' * (len(versions) != 1)}**")
    st.dataframe(pd.DataFrame([{"version": v.version, "kind": v.kind, "by": v.editor, "saved": v.saved_at,
                                "events": v.n_events, "note": v.note} for v in versions]),
                 hide_index=True, width="stretch", key="art_history")
    if len(versions) < 2:
        return
    numbers = [v.version for v in versions]
    a, b = st.columns(2)
    old = a.selectbox("Compare version", numbers, index=len(numbers) - 2, key=state.ART_FROM)
    new = b.selectbox("with version", numbers, index=len(numbers) - 1, key=state.ART_TO)
    if old is not None and new is not None and old != new:
        diff = ctx.store.version_diff(article_id, old, new)
        st.caption(f"From version {old} to version {new}: {diff.summary()}.")
        if not diff.unchanged:
            st.dataframe(review.diff_table(diff, ctx.store.events_at_version(article_id, max(old, new))),
                         hide_index=True, width="stretch", key="art_diff")
    current = numbers[-1]
    if can_edit and old is not None and old != current and versions[numbers.index(old)].kind != "deleted":
        st.button(f"Restore version {old}", key=state.ART_RESTORE, on_click=_restore, args=(article_id, old, current),
                  help="Its events become the current ones, as a new version; nothing is lost.")


ctx = context()
if st.session_state.pop(state.GO_UPLOAD, False):
    st.switch_page("app_pages/upload.py")
st.title("Articles")
message = st.session_state.pop(state.UP_MESSAGE, None)
if message:
    (st.success if message[0] == "success" else st.error)(markdown_literal(message[1]))

if ctx.can_edit:
    with st.expander("Import an ACLED export", icon=":material/upload:"):
        st.caption("ACLED's events are added beside the extracted ones (source ACLED, a dark outline on the map) and "
                   "never merged with them; importing the same file again changes nothing. Larger files: "
                   "python -m dashboard.import_acled FILE.csv on the server.")
        st.file_uploader("ACLED CSV", type=["csv"], key=state.ART_ACLED_FILE)
        st.button("Import", key=state.ART_ACLED_IMPORT, on_click=_import_acled, icon=":material/upload:")

stored = ctx.store.list_articles()
if not stored:
    st.info("The store holds no articles yet.")
    st.stop()

matching = matching_counts(ctx.filtered) if ctx.filters.active else {}
show_all = False
if ctx.filters.active:
    left, right = st.columns([3, 1], vertical_alignment="center")
    n_matching = sum(1 for a in stored if matching.get(a.article_id))
    left.caption(f"{n_matching:,} of {len(stored):,} article{'s' * (len(stored) != 1)} "
                 f"{'has' if n_matching == 1 else 'have'} an event matching the filters.")
    show_all = right.toggle("Show all articles", key=state.ART_ALL,
                            help="Also list the articles with no event matching the filters, or with no event at all.")
articles = articles_to_list(stored, matching, filters_active=ctx.filters.active, show_all=show_all)
if not articles:
    st.info("No article has an event matching the filters. Change the filters, or show all articles.")
    st.stop()

listing = pd.DataFrame([{"title": a.title or "(untitled)", "published": a.published, "source": a.source,
                         "events": a.n_events,
                         **({"matching": matching.get(a.article_id, 0)} if ctx.filters.active else {}),
                         "url": a.url, "id": a.article_id} for a in articles])
st.dataframe(listing, hide_index=True, width="stretch", key="art_list",
             column_config={"url": st.column_config.TextColumn("url"),
                            "matching": st.column_config.NumberColumn("matching", help="Events matching the filters")})

ids = [a.article_id for a in articles]
if st.session_state.get(state.ART_CHOICE) not in ids:
    st.session_state.pop(state.ART_CHOICE, None)  # the article chosen before is not listed under these filters
labels = {a.article_id: f"{a.published or 'undated'} · {(a.title or '(untitled)')[:90]}" for a in articles}
chosen = st.selectbox("Open an article", ids, format_func=labels.get, key=state.ART_CHOICE)
article = ctx.store.get_article(chosen) if chosen else None
if article is not None:
    about = " · ".join(html.escape(str(part)) for part in (article.source, article.published or "undated", article.url)
                       if part)
    st.html(f"<h3>{html.escape(article.title or '(untitled)')}</h3><p>{about}</p>")
    events = ctx.store.events_for_article(chosen)
    st.markdown(f"**{len(events)} event(s)** (their sentences are highlighted below)")
    if ctx.filters.active:
        in_article = matching.get(chosen, 0)
        st.caption(f"{in_article} of them {'matches' if in_article == 1 else 'match'} the filters; "
                   "all the article's events are shown here.")
    if events:
        table = pd.DataFrame([{c: getattr(e, c) for c in EVENT_COLUMNS} for e in events])
        st.dataframe(table, hide_index=True, width="stretch", key="art_events")
    spans = [sentence_span(e.sentence_start, e.sentence_end) for e in events if e.sentence_end > e.sentence_start]
    with st.expander("Article text", expanded=False):
        st.html(highlight_html(article.text, spans))
    if ctx.can_edit:
        st.button("Edit events", key=state.ART_EDIT, on_click=_edit, args=(chosen,), icon=":material/edit:",
                  help="Open them in the review: correct, add or delete events; saving makes a new version.")
    history_section(chosen, ctx.can_edit)
    if ctx.can_edit:
        confirm = st.checkbox("Yes, delete this article and all its events", key=state.ART_CONFIRM)
        st.button("Delete article", key=state.ART_DELETE, type="primary", disabled=not confirm,
                  on_click=_delete, args=(chosen,))
    else:
        st.caption("Deleting articles needs a signed-in editor.")
