"""What every page shares in one run: the store, the cached events frame, the filters, the role.

The events frame is loaded once per store and shared by all sessions with
``st.cache_resource``; after a write it is replaced by a refreshed copy (only
the changed articles are read).  Nobody may modify it: filtering returns new
frames, or this very frame when no filter is set.  ``app.py`` builds a ``Context`` each run; pages read it with
``context()``.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import memory, reports
from dashboard.filters import Filters, Options, options_from_frame
from dashboard.seed import SeedReport, seed_if_empty
from dashboard.store import EventStore, open_store
from dashboard.store.backend import DATABASE_URL_SETTING, database_url, from_url
from dashboard.store.rows import one_chunk
from gazetteer.errors import ConfigurationError, StoreError

CONTEXT_KEY = "_context"


@dataclass(frozen=True)
class Context:
    store: EventStore
    frame: pd.DataFrame  # every event (shared, read-only)
    filtered: pd.DataFrame  # the events passing the sidebar filters
    filters: Filters
    options: Options
    can_edit: bool
    mode: str  # "oidc", "password", "local" or "read-only"
    editor: str = "local"  # who saves, as recorded in each version of an article's events


@st.cache_resource(show_spinner=False)
def _open(where: str) -> EventStore:
    # check_later: a file another process saved to since the copy of the frame was written is checked after
    # the first page is drawn (``check_after_render``), not before; nothing is written to it until then.
    return open_store(from_url(where), check_later=True)


def _configured() -> str:
    """The store's URL from the environment or the top of secrets.toml; "" for the SQLite file."""
    try:
        secrets = {DATABASE_URL_SETTING: st.secrets[DATABASE_URL_SETTING]} if DATABASE_URL_SETTING in st.secrets else {}
    except Exception:  # noqa: BLE001 - no or unreadable secrets.toml: the environment and the default decide
        secrets = {}
    return database_url(secrets=secrets)


def store() -> EventStore:
    """The configured store (``CONFLICT_MAP_DATABASE_URL``, else the SQLite file under the data directory);
    a damaged or foreign file, a malformed URL or an unreachable server stops the app with a message."""
    where = _configured()
    try:
        return _open(where or str(from_url(None).location))
    except (StoreError, ConfigurationError) as err:
        st.error(
            f"The event store cannot be opened: {err}\n\n"
            "It was left untouched. Restore a backup, set CONFLICT_MAP_DATA_DIR to another directory, or correct "
            "CONFLICT_MAP_DATABASE_URL.",
            icon=":material/error:",
        )
        st.stop()
        raise  # unreachable: st.stop() ends the run


def file_state(the_store: EventStore) -> bool:
    """Say on the page when the store file is damaged (its deferred check failed) or not checked yet;
    True when it may be written to (as far as is known: a write runs a pending check first)."""
    problem = the_store.file_problem
    if problem is not None:
        st.error(f"{problem}\n\nThe events shown were read from it and may be incomplete or wrong; editing is "
                 "turned off.", icon=":material/error:")
        return False
    if the_store.file_check_pending:
        st.sidebar.caption(":material/hourglass_top: Another program saved to the event store since this app "
                           "last read it: the file is checked once this page is drawn, and nothing is saved "
                           "before that check passes.")
    return True


def check_after_render(the_store: EventStore) -> None:
    """Start the store file's deferred check (if any) now that the page is drawn: in the background, so the
    next rerun does not wait for it; a save waits for it."""
    the_store.check_file_later()


@st.cache_resource(show_spinner="Adding the sample articles to the empty store…")
def _seed(location: str, _the_store: EventStore) -> SeedReport:  # keyed by location (no password in it)
    return seed_if_empty(_the_store)


def ensure_seeded(the_store: EventStore) -> SeedReport:
    """Seed an empty store once per process (saving is idempotent, so races are harmless)."""
    report = _seed(the_store.location, the_store)
    for problem in report.problems:
        st.warning(f"Sample article not loaded: {problem}")
    return report


def single_chunk_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each Arrow string column in one contiguous chunk (same values and dtypes; not in place).

    The store already gives its frames so (``dashboard.store.rows.one_chunk`` says why it matters); this
    keeps any other frame (a test's, an older store module's) from slowing every row selection.
    """
    changes = {}
    for name in frame.columns:
        column = frame[name]
        one = one_chunk(column)
        if one is not column:
            changes[name] = one
    return frame.assign(**changes) if changes else frame


@dataclass(frozen=True)
class _Loaded:
    frame: pd.DataFrame  # one row per report (each article's events), refreshed incrementally
    version: int
    options: Options
    counted: pd.DataFrame  # one row per event: merged reports folded (dashboard/reports.py); what pages show


class _FrameCache:
    """The one events frame of a store, shared by every session, refreshed by replacement.

    A save changes ``data_version``; the next run asks the store for the
    articles changed since (``refresh_frame``) instead of reading a million
    rows again.  The frame object is never modified: a refresh builds a new
    one, and sessions still running with the old one keep a valid reference.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.loaded: _Loaded | None = None

    def get(self, store: EventStore) -> _Loaded:
        current = store.data_version()
        loaded = self.loaded
        if loaded is not None and loaded.version == current:
            return loaded
        with self.lock:  # one session loads; the others wait for its result
            loaded = self.loaded
            if loaded is None:
                frame, version = store.events_frame_versioned()
            elif loaded.version != current:
                # Only the old per-report frame is needed to refresh: the old shown frame is let go first
                # (sessions that still show it keep it), and the old frame as soon as the new one is
                # built, so at most two copies of the events are alive at once.
                old_frame, old_version = loaded.frame, loaded.version
                self.loaded = loaded = None
                memory.give_back_freed()  # the old shown frame's memory, when no session showed it any more
                frame, version = store.refresh_frame(old_frame, old_version)
                del old_frame
                memory.give_back_freed()
            else:
                return loaded
            frame = single_chunk_strings(frame)
            shown = reports.counted(frame, store.report_groups())
            self.loaded = _Loaded(frame, version, options_from_frame(shown), shown)
            memory.give_back_freed()  # what folding the reports used on the way
            return self.loaded


@st.cache_resource(show_spinner=False)
def _frame_cache(path: str) -> _FrameCache:
    return _FrameCache()


def events(the_store: EventStore) -> tuple[pd.DataFrame, Options]:
    """Every event as a frame, one row per event however many articles reported it (cached; refreshed
    incrementally when the store changes), and the filter choices."""
    cache = _frame_cache(the_store.location)
    if cache.loaded is None:
        with st.spinner("Loading events…"):
            loaded = cache.get(the_store)
    else:
        loaded = cache.get(the_store)
    return loaded.counted, loaded.options


def forget_frames() -> None:
    """At the start of a run (its callbacks have run by then), let last run's context drop its frames.

    Kept until ``set_context``, they would stay alive beside the new ones while a refresh after a save
    builds them, and the peak memory would hold one more copy of every event.  The rest of the context
    stays, with empty frames of the same columns: a run stopped before ``set_context`` (a click during
    a load) leaves the next run's callbacks a store, a role and an editor to use.  Other sessions keep
    their frames until they run again: they are still showing them.
    """
    ctx = st.session_state.get(CONTEXT_KEY)
    if ctx is not None and len(ctx.frame):
        none = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in ctx.frame.dtypes.items()})
        del st.session_state[CONTEXT_KEY]  # an assignment alone would leave the old one in last run's state
        st.session_state[CONTEXT_KEY] = dataclasses.replace(ctx, frame=none, filtered=none)


def set_context(ctx: Context) -> None:
    st.session_state[CONTEXT_KEY] = ctx


def context() -> Context:
    return st.session_state[CONTEXT_KEY]
