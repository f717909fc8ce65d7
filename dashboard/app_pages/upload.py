"""Upload page: paste or upload an article, review and correct what was extracted, save it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import access, review, state
from dashboard.highlight import highlight_html, legend_html, markdown_literal
from dashboard.session import context
from extraction.records import ExtractionResult
from gazetteer.errors import ConflictMapError, InputError
from gazetteer.records import SYRIA_BBOX

SOUTH, NORTH, WEST, EAST = SYRIA_BBOX  # the same box the gazetteer enforces for added places

FILE_TYPES = ["txt", "html", "htm", "pdf", "docx"]
UP_EVENTS = "up_events"  # working copy of the events under review (list[Event])
NO_CANDIDATE = "Enter coordinates myself"


def _limits() -> tuple[int, str]:
    """The upload limit in MB (Streamlit counts MiB) and the sentence that states it."""
    from extraction.readers import MAX_UPLOAD_BYTES, upload_limit_text

    return max(1, MAX_UPLOAD_BYTES // (1024 * 1024)), upload_limit_text()


def _allowed() -> bool:
    """Defence in depth for callbacks: only an editor's session may write (the page draws no widget otherwise)."""
    if context().can_edit:
        return True
    st.session_state[state.UP_MESSAGE] = ("error", "Editing needs a signed-in editor; nothing was changed.")
    return False


def _fold_editor() -> None:
    """Fold pending table edits into the working events and reset the table widget."""
    result: ExtractionResult | None = st.session_state.get(state.UP_RESULT)
    if result is None:
        return
    delta = st.session_state.pop(state.UP_EDITOR, None)
    article = result.article.with_id()
    st.session_state[UP_EVENTS] = review.apply_edits(st.session_state.get(UP_EVENTS, []), delta, article=article)


def _extract() -> None:
    """Callback: read the pasted text or the file, extract, and fill the review form."""
    from extraction import extract_article
    from extraction.readers import language_warning, read_bytes, read_text

    ss = st.session_state
    upload = ss.get(state.UP_FILE)
    pasted = ss.get(state.UP_PASTE) or ""
    # Extracting again during a review uses the reviewer's details (a corrected date moves the events' dates).
    details = {}
    if ss.get(state.UP_RESULT) is not None:
        details = {"published": ss.get(state.UP_DATE), "title": ss.get(state.UP_TITLE) or "",
                   "source": ss.get(state.UP_SOURCE) or "", "url": ss.get(state.UP_URL) or ""}
    try:
        if upload is not None:
            article = read_bytes(upload.getvalue(), filename=upload.name, **details)
        elif pasted.strip():
            article = read_text(pasted, **details)
        else:
            raise InputError("Paste an article's text or choose a file first.")
        result = extract_article(article)
    except ConflictMapError as err:
        ss[state.UP_MESSAGE] = ("error", str(err))
        return
    ss[state.UP_RESULT] = result
    ss[UP_EVENTS] = list(result.events)
    ss.pop(state.UP_EDITOR, None)
    ss[state.UP_TITLE] = result.article.title or ""
    ss[state.UP_DATE] = result.article.published
    ss[state.UP_SOURCE] = result.article.source or ""
    ss[state.UP_URL] = result.article.url or ""
    found = len(result.events)
    note = language_warning(result.article.text)
    ss[state.UP_MESSAGE] = ("info", f"Found {found} event{'s' * (found != 1)}: review them below, then save."
                            + (f" {note}" if note else ""))


def _place(name: str) -> None:
    """Callback: remember an unresolved place (gazetteer user place) and locate its events."""
    from gazetteer import Gazetteer

    ss = st.session_state
    if not _allowed():
        return
    choice = ss.get(state.UP_PLACE_CHOICE)
    candidates = ss.get("up_candidates", {})
    try:
        if choice and choice != NO_CANDIDATE and choice in candidates:
            picked = candidates[choice]
            lat, lon, admin1, label = picked.latitude, picked.longitude, picked.admin1, picked.name
        else:
            lat, lon = ss.get(state.UP_PLACE_LAT), ss.get(state.UP_PLACE_LON)
            admin1, label = ss.get(state.UP_PLACE_ADMIN1) or None, name
            if lat is None or lon is None:
                raise InputError("Enter both latitude and longitude.")
        place = Gazetteer.default().add_place(name, latitude=lat, longitude=lon, admin1=admin1,
                                              note="placed by an editor in the upload review")
        context().store.add_user_place(name, place.latitude, place.longitude, admin1=place.admin1,
                                       note=f"as {label}")
    except ConflictMapError as err:
        ss[state.UP_MESSAGE] = ("error", str(err))
        return
    _fold_editor()
    events, changed = review.place_events(ss[UP_EVENTS], name, latitude=place.latitude, longitude=place.longitude,
                                          admin1=place.admin1, place_name=label)
    ss[UP_EVENTS] = events
    ss.setdefault("up_placed", set()).add(name)
    ss[state.UP_MESSAGE] = ("success", f"Placed {name} at {place.latitude:.4f}, {place.longitude:.4f}; "
                                       f"{changed} event(s) updated. The gazetteer will remember it.")


def _save() -> None:
    """Callback: save the reviewed article and events in one transaction (version 1 of its events)."""
    ss = st.session_state
    result: ExtractionResult | None = ss.get(state.UP_RESULT)
    if result is None or not _allowed():
        return
    from extraction.readers import validate_published

    _fold_editor()
    try:
        if ss.get(state.UP_DATE):
            validate_published(ss[state.UP_DATE])
    except ConflictMapError as err:
        ss[state.UP_MESSAGE] = ("error", f"Nothing was saved: {err}")
        return
    article = review.with_metadata(result.article, title=ss.get(state.UP_TITLE, ""), published=ss.get(state.UP_DATE),
                                   source=ss.get(state.UP_SOURCE, ""), url=ss.get(state.UP_URL, ""))
    events = review.stamp_events(ss[UP_EVENTS], article)
    try:
        # A stored text is never overwritten from here: the store refuses with a message saying so.
        saved = context().store.save_article(article, events, editor=context().editor, kind="reviewed")
    except ConflictMapError as err:
        ss[state.UP_MESSAGE] = ("error", f"Nothing was saved: {err}")
        return
    if saved.created:
        text = f"Saved article with {saved.events_saved} event(s) as version {saved.version}. They are on the map now."
    else:
        text = f"This article was already stored with exactly these events (version {saved.version}); nothing changed."
    ss[state.UP_MESSAGE] = ("success", text)
    for key in (state.UP_RESULT, UP_EVENTS, "up_placed", "up_candidates", state.UP_PASTE):
        ss.pop(key, None)


def show_message() -> None:
    message = st.session_state.pop(state.UP_MESSAGE, None)
    if message:
        kind, text = message
        # Messages can quote a file name or a place as written: shown literally, never as Markdown.
        {"error": st.error, "success": st.success}.get(kind, st.info)(markdown_literal(text))


def input_section(limit_mb: int, limit_text: str) -> None:
    st.caption(f"{limit_text} Text is shown as text, never run.")
    paste_tab, file_tab = st.tabs(["Paste text", "Upload a file"])
    paste_tab.text_area("Article text", height=220, key=state.UP_PASTE,
                        placeholder="Paste the article here (title on the first line).")
    file_tab.file_uploader(f"Article file (up to {limit_mb} MB)", type=FILE_TYPES, key=state.UP_FILE,
                           max_upload_size=limit_mb)
    again = st.session_state.get(state.UP_RESULT) is not None
    st.button("Extract again with the details below" if again else "Extract events", key=state.UP_EXTRACT,
              on_click=_extract, type="secondary" if again else "primary")


def review_section(result: ExtractionResult) -> None:
    from extraction.taxonomy import event_types
    from gazetteer.admin import governorates

    st.subheader("1. The article")
    a, b = st.columns(2)
    a.text_input("Title", key=state.UP_TITLE)
    b.date_input("Published", value=None, key=state.UP_DATE)
    a.text_input("Source", key=state.UP_SOURCE)
    b.text_input("URL", key=state.UP_URL)
    with st.expander("Text with places and actors highlighted", expanded=True):
        st.html(legend_html())
        st.html(highlight_html(result.article.text, result.spans))

    st.subheader("2. The events")
    st.caption("Edit cells, add rows at the bottom, or select rows and delete them.")
    governorate_names = [g.name for g in governorates()]
    st.data_editor(
        review.events_table(st.session_state.get(UP_EVENTS, [])),
        key=state.UP_EDITOR, num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            "event_date": st.column_config.DateColumn("date"),
            "event_type": st.column_config.SelectboxColumn("type", options=list(event_types()), required=True),
            "sub_event_type": st.column_config.SelectboxColumn(
                "sub-type", options=[s for subs in event_types().values() for s in subs]),
            "admin1": st.column_config.SelectboxColumn("governorate", options=governorate_names),
            "latitude": st.column_config.NumberColumn(format="%.4f", min_value=SOUTH, max_value=NORTH),
            "longitude": st.column_config.NumberColumn(format="%.4f", min_value=WEST, max_value=EAST),
            "fatalities": st.column_config.NumberColumn(min_value=0, step=1),
            "notes": st.column_config.TextColumn("sentence", width="large"),
        },
    )
    placed = st.session_state.get("up_placed", set())
    pending = [r for r in result.unresolved if getattr(r, "query", "") and r.query not in placed]
    if pending:
        unresolved_section(pending, governorate_names)
    st.subheader("3. Save")
    st.button("Save article and events", key=state.UP_SAVE, on_click=_save, type="primary")


def _nearness(candidate) -> str:  # noqa: ANN001 - a gazetteer Candidate
    """"; 3 km from the article's other places" when the ranking measured it."""
    reason = next((r for r in candidate.reasons if "from the nearest other place" in r), "")
    return f"; {reason.split(' from')[0]} from the article's other places" if reason else ""


def unresolved_section(pending: list, governorate_names: list[str]) -> None:
    from gazetteer import Gazetteer

    st.subheader("Places not found in the gazetteer")
    st.dataframe(pd.DataFrame({"place as written": [r.query for r in pending],
                               "why": [r.reason for r in pending]}), hide_index=True, width="stretch")
    name = st.selectbox("Place one of them", [r.query for r in pending], key=state.UP_PLACE_NAME)
    if not name:
        return
    # The extraction's own candidates first: ranked by spelling and nearness to the article's other places.
    found = list(next((r.candidates for r in pending if r.query == name), ()))
    try:
        seen = {(c.place.source, c.place.source_id) for c in found}
        found += [c for c in Gazetteer.default().candidates(name, limit=8) if (c.place.source, c.place.source_id) not in seen]
    except ConflictMapError:
        pass
    labels = {f"{c.place.name} ({c.place.admin1 or '?'}; {c.place.latitude:.3f}, {c.place.longitude:.3f}; "
              f"score {c.score:.2f}{_nearness(c)})": c.place for c in found[:8]}
    st.session_state["up_candidates"] = labels
    choice = st.selectbox("Gazetteer candidates", [*labels, NO_CANDIDATE], key=state.UP_PLACE_CHOICE)
    if choice == NO_CANDIDATE:
        c1, c2, c3 = st.columns(3)
        c1.number_input("Latitude", min_value=SOUTH, max_value=NORTH, value=None, format="%.5f", key=state.UP_PLACE_LAT)
        c2.number_input("Longitude", min_value=WEST, max_value=EAST, value=None, format="%.5f", key=state.UP_PLACE_LON)
        c3.selectbox("Governorate", governorate_names, index=None, key=state.UP_PLACE_ADMIN1)
    st.button(f"Place {markdown_literal(name[:60])}", key=state.UP_PLACE_SAVE, on_click=_place, args=(name,))


ctx = context()
st.title("Add an article")
show_message()
if access.require_editor(ctx.can_edit, what="Uploading and editing articles"):
    input_section(*_limits())
    current = st.session_state.get(state.UP_RESULT)
    if current is not None:
        review_section(current)
