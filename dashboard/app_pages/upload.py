"""Upload page: paste or upload an article, review and correct what was extracted, save it."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pandas as pd
import streamlit as st

from dashboard import access, maplayers, review, reviewing, state
from dashboard.highlight import highlight_html, legend_html, markdown_literal
from dashboard.session import context
from extraction.readers.text import EARLIEST_PUBLISHED
from extraction.records import MAX_EVENT_FATALITIES, ExtractionResult
from gazetteer.errors import ConflictMapError, InputError
from gazetteer.records import SYRIA_BBOX

SOUTH, NORTH, WEST, EAST = SYRIA_BBOX  # the same box the gazetteer enforces for added places

FILE_TYPES = ["txt", "html", "htm", "pdf", "docx"]
UP_EVENTS = reviewing.UP_EVENTS  # working copy of the events under review (list[Event])
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
    events = review.apply_edits(st.session_state.get(UP_EVENTS, []), delta, article=article)
    if any(e.location_source == review.RENAMED for e in events):
        from gazetteer import Gazetteer

        events, unknown = review.relocate(events, Gazetteer.default().resolve)
        if unknown:
            st.session_state[state.UP_MESSAGE] = (
                "warning", f"Not in the gazetteer: {', '.join(sorted(set(unknown)))}. Type its coordinates in the "
                           "table, or place it below.")
    st.session_state[UP_EVENTS] = events


def _extract() -> None:
    """Callback: read the pasted text or the file; if it is stored already, say so before extracting;
    else extract and fill the review form."""
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
        stored = context().store.find_stored(article)
        if stored is not None and ss.get(state.UP_MODE) not in (reviewing.EDIT, reviewing.REEXTRACT):
            # Before any extraction: this text has a saved review, which must not be replaced unawares.
            reviewing.clear()
            ss[state.UP_ARTICLE], ss[state.UP_STORED] = article, stored  # the page says so, with the choices
            return
        result = reviewing.extract(article)
    except ConflictMapError as err:
        ss[state.UP_MESSAGE] = ("error", str(err))
        return
    if ss.get(state.UP_MODE) in (reviewing.EDIT, reviewing.REEXTRACT) and ss.get(state.UP_BASE):
        _fold_editor()
        article_id, version, stored_events = ss[state.UP_BASE]
        result = dataclasses.replace(result, article=dataclasses.replace(result.article, article_id=article_id))
        reviewing.start(result, mode=reviewing.REEXTRACT, base=(article_id, version, stored_events))
    else:
        reviewing.start(result)
    found = len(result.events)
    note = language_warning(result.article.text)
    ss[state.UP_MESSAGE] = ("info", f"Found {found} event{'s' * (found != 1)}: review them below, then save."
                            + (f" {note}" if note else ""))


def _open_stored() -> None:
    """Callback: open the stored review of the text just read."""
    ss = st.session_state
    info = ss.get(state.UP_STORED)
    if info is None:
        return
    error = reviewing.open_stored(context().store, info.article_id)
    ss[state.UP_MESSAGE] = ("error", error) if error else (
        "info", f"Opened the stored review (version {info.version}). Saving makes a new version; "
                "every earlier one stays in the history on the Articles page.")


def _reextract() -> None:
    """Callback: extract the stored text again, to compare with its stored review."""
    ss = st.session_state
    article = ss.get(state.UP_ARTICLE)
    if article is None:
        return
    try:
        reviewing.reextract_stored(context().store, article)
    except ConflictMapError as err:
        ss[state.UP_MESSAGE] = ("error", str(err))
        return
    ss[state.UP_MESSAGE] = ("info", "Extracted again. The differences from the stored review are listed below; "
                                    "nothing replaces it unless you say so when saving.")


def _cancel() -> None:
    reviewing.clear()
    st.session_state[state.UP_MESSAGE] = ("info", "Closed the review; nothing was saved.")


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
                                              note=f"placed by {context().editor} in the upload review")
        context().store.add_user_place(name, place.latitude, place.longitude, admin1=place.admin1,
                                       note=f"as {label}, by {context().editor}")
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
    """Callback: save the review as a new version of the article's events, in one transaction.

    A new article becomes version 1; a stored review edited here becomes the next version (refused if
    someone saved another meanwhile); a stored text extracted again replaces its review only when the
    editor ticked that it may (the replaced review stays in the history)."""
    ss = st.session_state
    result: ExtractionResult | None = ss.get(state.UP_RESULT)
    if result is None or not _allowed():
        return
    from extraction.readers import validate_published

    # Values typed into the table are checked as typed: refused, they stay in the table to be corrected.
    problems = review.table_problems(ss.get(UP_EVENTS, []), ss.get(state.UP_EDITOR), published=ss.get(state.UP_DATE))
    if problems:
        ss[state.UP_MESSAGE] = ("error", f"Nothing was saved: {'; '.join(problems)}. Correct it in the events table.")
        return
    _fold_editor()
    mode = ss.get(state.UP_MODE) or reviewing.NEW
    try:
        if mode in (reviewing.EDIT, reviewing.REEXTRACT):
            pass  # a stored article: its details are kept as stored (the page shows them, not editable)
        elif ss.get(state.UP_DATE):
            validate_published(ss[state.UP_DATE])
        elif not ss.get(state.UP_UNDATED_OK):
            raise InputError("the publication date is missing. Enter it under 1 (relative dates such as "
                             "'on Sunday' are read from it, and undated events fall out of every date filter), "
                             "or tick 'Save without a publication date'.")
        if mode == reviewing.REEXTRACT and not ss.get(state.UP_REPLACE_OK):
            raise InputError("this text already has a saved review. Tick 'Replace the stored review' to make "
                             "these events its new version (the stored review stays in the history).")
    except ConflictMapError as err:
        ss[state.UP_MESSAGE] = ("error", f"Nothing was saved: {err}")
        return
    ctx = context()
    base = ss.get(state.UP_BASE)
    article = review.with_metadata(result.article, title=ss.get(state.UP_TITLE, ""), published=ss.get(state.UP_DATE),
                                   source=ss.get(state.UP_SOURCE, ""), url=ss.get(state.UP_URL, ""))
    if base:
        article = dataclasses.replace(article, article_id=base[0])
    events = review.stamp_events(ss[UP_EVENTS], article)
    try:
        if mode == reviewing.EDIT and base:
            saved = ctx.store.update_events(base[0], events, editor=ctx.editor, kind="edited", expected_version=base[1])
        elif mode == reviewing.REEXTRACT and base:
            saved = ctx.store.save_article(article, events, editor=ctx.editor, kind="re-extracted", replace_events=True)
        else:
            # A stored text is never overwritten from here: the store refuses with a message saying so.
            saved = ctx.store.save_article(article, events, editor=ctx.editor, kind="reviewed")
    except ConflictMapError as err:
        ss[state.UP_MESSAGE] = ("error", f"Nothing was saved: {err}")
        return
    remembered = _remember_typed_places(events, ctx.editor)
    unplaced = len(review.without_coordinates(events))
    tail = (f" {unplaced} of them {'have' if unplaced != 1 else 'has'} no coordinates and will not be drawn on the map."
            if unplaced else " They are on the map now." if events else "") + remembered
    if saved.created or saved.new_version:
        text = f"Saved {saved.events_saved} event(s) as version {saved.version} of this article.{tail}"
    else:
        text = f"This article was already stored with exactly these events (version {saved.version}); nothing changed."
    ss[state.UP_MESSAGE] = ("success", text)
    reviewing.clear()
    ss.pop(state.UP_PASTE, None)


def _remember_typed_places(events, editor: str) -> str:  # noqa: ANN001 - list[Event]
    """Coordinates typed into the table for a named place become a user place of the gazetteer."""
    from gazetteer import Gazetteer

    added = []
    for name, lat, lon, admin1 in review.typed_places(events):
        try:
            Gazetteer.default().add_place(name, latitude=lat, longitude=lon, admin1=admin1,
                                          note=f"placed by {editor} in the upload review (typed coordinates)")
        except ConflictMapError:
            continue  # outside Syria or an unknown governorate: the event keeps its coordinates all the same
        added.append(name)
    return f" The gazetteer now knows {', '.join(added)}." if added else ""


def show_message() -> None:
    message = st.session_state.pop(state.UP_MESSAGE, None)
    if message:
        kind, text = message
        # Messages can quote a file name or a place as written: shown literally, never as Markdown.
        {"error": st.error, "success": st.success, "warning": st.warning}.get(kind, st.info)(markdown_literal(text))


def _reextract_open() -> None:
    """Callback: extract the stored article under review again, to compare with its stored events."""
    result = st.session_state.get(state.UP_RESULT)
    if result is None:
        return
    _fold_editor()
    st.session_state[state.UP_ARTICLE] = result.article
    _reextract()


def input_section(limit_mb: int, limit_text: str) -> None:
    if st.session_state.get(state.UP_MODE) == reviewing.EDIT:
        # A stored article is under review: its text is the stored one, and extracting it again is the
        # explicit action that shows what a newer extractor would change.
        st.button("Extract this article again and compare", key=state.UP_REEXTRACT, on_click=_reextract_open,
                  help="Runs the current extractor on the stored text and lists the differences; nothing is "
                       "replaced unless you say so when saving.")
        return
    st.caption(f"{limit_text} Text is shown as text, never run.")
    paste_tab, file_tab = st.tabs(["Paste text", "Upload a file"])
    paste_tab.text_area("Article text", height=220, key=state.UP_PASTE,
                        placeholder="Paste the article here (title on the first line).")
    file_tab.file_uploader(f"Article file (up to {limit_mb} MB)", type=FILE_TYPES, key=state.UP_FILE,
                           max_upload_size=limit_mb)
    again = st.session_state.get(state.UP_RESULT) is not None
    st.button("Extract again with the details below" if again else "Extract events", key=state.UP_EXTRACT,
              on_click=_extract, type="secondary" if again else "primary")


def stored_section(info) -> None:  # noqa: ANN001 - StoredInfo
    """The text read is stored already: open its review, or extract again to compare - never replace unawares."""
    st.subheader("This article is already stored")
    st.markdown(markdown_literal(review.stored_message(info)))
    a, b, c = st.columns(3)
    a.button("Open the stored review", key=state.UP_OPEN_STORED, on_click=_open_stored, type="primary")
    b.button("Extract again and compare", key=state.UP_REEXTRACT, on_click=_reextract)
    c.button("Cancel", key=state.UP_CANCEL, on_click=_cancel)


def _mode_banner(mode: str, base) -> None:  # noqa: ANN001
    if mode == reviewing.EDIT and base:
        st.info(f"Editing the stored review (version {base[1]}). Saving makes version {base[1] + 1}; every earlier "
                "version stays in the article's history on the Articles page, where any can be restored.",
                icon=":material/history:")
    elif mode == reviewing.REEXTRACT and base:
        from dashboard.store.versions import diff_events

        events = st.session_state.get(UP_EVENTS, [])
        diff = diff_events(base[0], base[1], base[2], base[1] + 1, events)
        st.warning(f"This text already has a saved review (version {base[1]}, {len(base[2])} events). The new "
                   f"extraction differs from it: {diff.summary()}.", icon=":material/compare_arrows:")
        if not diff.unchanged:
            st.dataframe(review.diff_table(diff, events), hide_index=True, width="stretch", key="up_diff")


def review_section(result: ExtractionResult) -> None:
    from extraction.taxonomy import event_types
    from gazetteer.admin import governorates

    ss = st.session_state
    mode, base = ss.get(state.UP_MODE) or reviewing.NEW, ss.get(state.UP_BASE)
    _mode_banner(mode, base)
    st.subheader("1. The article")
    a, b = st.columns(2)
    # A stored article's details are kept as stored: saving its events (edited, or extracted again) never
    # changes them, so the boxes that would seem to must not be editable.
    stored = mode in (reviewing.EDIT, reviewing.REEXTRACT)
    a.text_input("Title", key=state.UP_TITLE, disabled=stored)
    # The bounds matter: without them Streamlit allows only ten years around today, and a 2015 article's
    # date silently became None on the next rerun (its events undated, out of every date filter).
    b.date_input("Published", value=None, key=state.UP_DATE, disabled=stored, min_value=EARLIEST_PUBLISHED,
                 max_value=datetime.now(timezone.utc).date() + timedelta(days=1), format="YYYY-MM-DD")
    a.text_input("Source", key=state.UP_SOURCE, disabled=stored)
    b.text_input("URL", key=state.UP_URL, disabled=stored)
    if stored:
        st.caption("The article's details are kept as stored; this review changes its events.")
    elif ss.get(state.UP_DATE):
        how = result.article.published_from
        st.caption(f"Publication date from {how}: check it - relative dates ('on Sunday') are read from it."
                   if how and how != "given" else "Relative dates ('on Sunday') are read from the publication date.")
    else:
        why = result.article.published_from
        st.warning(("No publication date was found" + (f" ({why})" if why else "") + ". Enter it above and press "
                    "'Extract again with the details below': relative dates ('on Sunday') are read from it, and "
                    "undated events fall out of every date filter."), icon=":material/event_busy:")
    with st.expander("Text with places and actors highlighted", expanded=True):
        st.html(legend_html())
        st.html(highlight_html(result.article.text, result.spans))

    st.subheader("2. The events")
    st.caption("Edit cells, add rows at the bottom, or select rows and delete them. The grey columns say how each "
               "event was made: geo precision (1 town, 2 district, 3 governorate), how its place was found, "
               "confidence, the words of its toll, how many sentences report it.")
    governorate_names = [g.name for g in governorates()]
    events = ss.get(UP_EVENTS, [])
    st.data_editor(
        review.events_table(events, provenance=True),
        key=state.UP_EDITOR, num_rows="dynamic", hide_index=True, width="stretch",
        disabled=list(review.PROVENANCE),
        column_config={
            "event_date": st.column_config.DateColumn("date"),
            "event_type": st.column_config.SelectboxColumn("type", options=list(event_types()), required=True),
            "sub_event_type": st.column_config.SelectboxColumn(
                "sub-type", options=[s for subs in event_types().values() for s in subs]),
            "admin1": st.column_config.SelectboxColumn("governorate", options=governorate_names),
            "latitude": st.column_config.NumberColumn(format="%.4f", min_value=SOUTH, max_value=NORTH),
            "longitude": st.column_config.NumberColumn(format="%.4f", min_value=WEST, max_value=EAST),
            "fatalities": st.column_config.NumberColumn(min_value=0, max_value=MAX_EVENT_FATALITIES, step=1),
            "notes": st.column_config.TextColumn("sentence", width="large"),
            "geo_precision": st.column_config.NumberColumn("precision"),
            "location_source": st.column_config.TextColumn("place found by"),
            "confidence": st.column_config.NumberColumn("confidence", format="%.2f"),
            "fatalities_text": st.column_config.TextColumn("toll as written"),
            "mentions": st.column_config.NumberColumn("sentences"),
        },
    )
    placed = ss.get("up_placed", set())
    pending = [r for r in result.unresolved if getattr(r, "query", "") and r.query not in placed]
    if pending:
        unresolved_section(pending, governorate_names)
    st.subheader("3. Save")
    unplaced = review.without_coordinates(events)
    if unplaced:
        st.warning(f"{len(unplaced)} event{'s' * (len(unplaced) != 1)} {'have' if len(unplaced) != 1 else 'has'} no "
                   "coordinates: place them above (or type latitude and longitude in the table). Saved as they are, "
                   "they will not be drawn on the map.", icon=":material/location_off:")
    if not ss.get(state.UP_DATE) and not stored:
        st.checkbox("Save without a publication date (the events stay undated)", key=state.UP_UNDATED_OK)
    if mode == reviewing.REEXTRACT:
        st.checkbox("Replace the stored review with these events (it stays in the history and can be restored)",
                    key=state.UP_REPLACE_OK)
    a, b = st.columns([3, 1])
    a.button("Save article and events" if mode == reviewing.NEW else "Save as a new version", key=state.UP_SAVE,
             on_click=_save, type="primary")
    b.button("Cancel", key=state.UP_CANCEL, on_click=_cancel)


def _nearness(candidate) -> str:  # noqa: ANN001 - a gazetteer Candidate
    """"; 3 km from the article's other places" when the ranking measured it."""
    reason = next((r for r in candidate.reasons if "from the nearest other place" in r), "")
    return f"; {reason.split(' from')[0]} from the article's other places" if reason else ""


def _picker_centre(name: str, candidates: list) -> tuple[float, float]:  # noqa: ANN001
    """Where to open the picker: where the extraction put the name's events when the text said where ("near
    Khan Shaykhun": precision 2), else the best spelling candidate, else the article's other places, else
    Syria's centre.  (A governorate's centre, precision 3, says too little to start from.)"""
    events = st.session_state.get(UP_EVENTS, [])
    mine = [e for e in events if (e.location_text or "").casefold() == name.casefold() and e.latitude is not None
            and e.geo_precision in (1, 2)]
    if mine:
        return sum(e.latitude for e in mine) / len(mine), sum(e.longitude for e in mine) / len(mine)
    if candidates:
        return candidates[0].place.latitude, candidates[0].place.longitude
    others = [e for e in events if e.latitude is not None and e.longitude is not None]
    if others:
        return sum(e.latitude for e in others) / len(others), sum(e.longitude for e in others) / len(others)
    return maplayers.VIEW["latitude"], maplayers.VIEW["longitude"]


def pick_on_map(name: str, candidates: list) -> None:  # noqa: ANN001 - gazetteer Candidates
    """Click the spot: the nearest point of a 1 km grid fills latitude and longitude below."""
    from dashboard.settings_ui import tiles_enabled

    lat, lon = _picker_centre(name, candidates)
    events = st.session_state.get(UP_EVENTS, [])
    marks = pd.DataFrame(
        [{"lat": c.place.latitude, "lon": c.place.longitude, "label": c.place.name} for c in candidates[:8]]
        + [{"lat": e.latitude, "lon": e.longitude, "label": e.location or ""} for e in events
           if e.latitude is not None and e.longitude is not None and e.geo_precision == 1],
        columns=["lat", "lon", "label"],
    )
    st.caption(f"Click where {markdown_literal(name[:60])} is (the black dots are the article's other places and the "
               "gazetteer's candidates; scroll to zoom), or type its coordinates below.")
    selection = st.pydeck_chart(maplayers.picker_deck(lat, lon, marks=marks, tiles=tiles_enabled()),
                                on_select="rerun", selection_mode="single-object", key=state.UP_PLACE_MAP,
                                height=380, alt=f"Map to place {name[:60]}")
    point = maplayers.picked_point(selection)
    if point is not None and st.session_state.get("up_place_picked") != point:
        # Only a new click fills the fields: coordinates typed after a click are not overwritten by it.
        st.session_state["up_place_picked"] = point
        st.session_state[state.UP_PLACE_LAT], st.session_state[state.UP_PLACE_LON] = point


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
        pick_on_map(name, found)
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
    elif st.session_state.get(state.UP_STORED) is not None:
        stored_section(st.session_state[state.UP_STORED])
