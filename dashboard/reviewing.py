"""Starting a review: of a new extraction, of a stored article's events, or of a stored text extracted again.

The Upload page draws the review; the Articles page and the map's event details
open a stored article in it ("Edit events", "Correct this event").  What the
review works on lives in session state under the keys of ``dashboard.state``;
these functions are the only ones that set them up, so every way into the
review starts it the same way.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import streamlit as st

from dashboard import state
from extraction.records import Article, Event, ExtractionResult
from gazetteer.errors import ConfigurationError, TimeLimitExceeded

UP_EVENTS = "up_events"  # working copy of the events under review (list[Event])
NEW, EDIT, REEXTRACT = "new", "edit", "re-extract"
# One extraction in the page may take this long (CONFLICT_MAP_EXTRACT_SECONDS); a 1,000,000-character
# text, the most one article may have, takes about 5 s on 2 cores (scripts/bench_long_text.py).
EXTRACT_SECONDS = 120.0
PROGRESS_FROM_CHARS = 20_000  # shorter texts take well under a second: no progress bar


def time_limit() -> float:
    """Seconds one extraction in the page may take: CONFLICT_MAP_EXTRACT_SECONDS, else EXTRACT_SECONDS."""
    raw = os.environ.get("CONFLICT_MAP_EXTRACT_SECONDS", "").strip()
    if not raw:
        return EXTRACT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 1 <= seconds <= 3600:
        raise ConfigurationError(f"CONFLICT_MAP_EXTRACT_SECONDS is {raw!r}; it must be a number of seconds "
                                 "from 1 to 3600 (unset, it is 120).")
    return seconds


def extract(article: Article) -> ExtractionResult:
    """Extract in the page: a progress bar for long texts, and the page's time limit (TimeLimitExceeded)."""
    from extraction import extract_article

    limit = time_limit()
    if len(article.text) < PROGRESS_FROM_CHARS:
        return extract_article(article, time_limit=limit)
    bar = st.progress(0.0, text="Extracting events...")

    def told(done: float, stage: str) -> None:
        bar.progress(min(1.0, done), text=f"Extracting events from {len(article.text):,} characters: {stage} ({done:.0%})")

    try:
        return extract_article(article, progress=told, time_limit=limit)
    finally:
        bar.empty()


def start(result: ExtractionResult, *, mode: str = NEW, base: tuple[str, int, list[Event]] | None = None) -> None:
    """Put ``result`` under review; ``base`` is the stored review it edits or is compared with."""
    ss = st.session_state
    ss[state.UP_RESULT] = result
    ss[UP_EVENTS] = list(result.events)
    ss[state.UP_MODE] = mode
    ss[state.UP_BASE] = base
    for key in (state.UP_EDITOR, state.UP_ARTICLE, state.UP_STORED, state.UP_REPLACE_OK, state.UP_UNDATED_OK,
                "up_placed", "up_candidates"):
        ss.pop(key, None)
    ss[state.UP_TITLE] = result.article.title or ""
    ss[state.UP_DATE] = result.article.published
    ss[state.UP_SOURCE] = result.article.source or ""
    ss[state.UP_URL] = result.article.url or ""


def open_stored(store: Any, article_id: str) -> str | None:  # an EventStore
    """Open a stored article's current events for editing; returns an error message, or None."""
    article = store.get_article(article_id)
    if article is None:
        return "That article is no longer stored."
    info = store.find_stored(article)
    events = store.events_for_article(article_id)
    # Extracted again only for what the review shows beside the events (highlights, places not found);
    # the events under review are the stored ones.
    try:
        extracted = extract(article)
    except TimeLimitExceeded:  # the stored events open all the same, without highlights
        extracted = ExtractionResult(article=article, events=())
    result = dataclasses.replace(extracted, article=article, events=tuple(events))
    start(result, mode=EDIT, base=(article_id, info.version if info else 0, events))
    return None


def reextract_stored(store: Any, article: Article) -> None:  # an EventStore
    """Extract a stored text again, to compare with (and perhaps replace) its stored review."""
    info = store.find_stored(article)
    if info is not None:
        # The stored article, not the text as read again: its reviewed details (a corrected publication date
        # dates "on Sunday"; the source and URL every event carries) are the ones kept when saving.
        article = store.get_article(info.article_id) or article
    result = extract(article)
    base = (info.article_id, info.version, store.events_for_article(info.article_id)) if info else None
    if info is not None:
        result = dataclasses.replace(result, article=dataclasses.replace(result.article, article_id=info.article_id))
    start(result, mode=REEXTRACT if info else NEW, base=base)


def clear() -> None:
    """End the review without saving."""
    for key in (state.UP_RESULT, UP_EVENTS, state.UP_MODE, state.UP_BASE, state.UP_ARTICLE, state.UP_STORED,
                state.UP_EDITOR, state.UP_REPLACE_OK, state.UP_UNDATED_OK, "up_placed", "up_candidates"):
        st.session_state.pop(key, None)
