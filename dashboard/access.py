"""Who may edit in this session, and the sign-in widgets and banner that say so.

The decision of the mode is ``dashboard.auth.editor_mode`` (pure, tested
there); this module only draws: a sign-in button for OpenID Connect
(Streamlit's ``st.login``), a password box for a configured hash, or a banner
for the explicit local mode and for read-only.  Every editing page asks
``can_edit`` and draws no editing widget when it is false; the store itself
is only written from behind those checks.
"""

from __future__ import annotations

import os

import streamlit as st

from dashboard import state
from dashboard.highlight import markdown_literal
from gazetteer.errors import ConfigurationError

PASSWORD_HASH_ENV = "CONFLICT_MAP_EDITOR_PASSWORD_HASH"


def _mode() -> str:
    """The editing mode; a setting that cannot work is shown and leaves the app read-only."""
    from dashboard import auth

    try:
        return auth.editor_mode(_settings())
    except ConfigurationError as err:
        st.sidebar.error(f"Editor settings ignored: {err}")
        return "read-only"


def _settings() -> dict[str, object]:
    """What ``auth.editor_mode`` reads: the environment and the ``[auth]`` section of secrets.toml."""
    section: dict[str, object] = {}
    try:
        if "auth" in st.secrets:
            section = dict(st.secrets["auth"])
    except (FileNotFoundError, KeyError, ValueError, OSError):
        section = {}  # no or unreadable secrets.toml: no OIDC, never an open door
    return {"env": dict(os.environ), "auth": section}


def _describe(mode: str) -> str:
    from dashboard import auth

    return auth.mode_description(mode)  # type: ignore[arg-type]


def _user_is_logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except (AttributeError, KeyError):
        return False


def _check_password() -> None:
    from dashboard import auth

    encoded = os.environ.get(PASSWORD_HASH_ENV, "")
    typed = st.session_state.get(state.PW_INPUT, "")
    st.session_state[state.PW_OK] = bool(typed) and auth.verify_password(typed, encoded)
    st.session_state[state.PW_INPUT] = ""  # never keep the password in session state
    if not st.session_state[state.PW_OK]:
        st.session_state["pw_failed"] = True


def role() -> tuple[str, bool]:
    """(mode, can_edit) for this session, drawing the sign-in controls in the sidebar."""
    mode = _mode()
    bar = st.sidebar
    if mode == "local":
        bar.info(_describe(mode), icon=":material/computer:")
        return mode, True
    if mode == "oidc":
        if _user_is_logged_in():
            who = str(getattr(st.user, "email", None) or getattr(st.user, "name", "") or "")
            bar.caption(f"Signed in as {markdown_literal(who)}")
            bar.button("Sign out", on_click=st.logout)
            return mode, True
        bar.button("Sign in to edit", on_click=st.login, type="primary")
        bar.caption(_describe(mode))
        return mode, False
    if mode == "password":
        if st.session_state.get(state.PW_OK):
            bar.caption("Signed in as editor.")
            bar.button("Sign out", key="pw_signout", on_click=lambda: st.session_state.update({state.PW_OK: False}))
            return mode, True
        with bar.form("editor_sign_in", clear_on_submit=True):
            st.text_input("Editor password", type="password", key=state.PW_INPUT)
            st.form_submit_button("Sign in to edit", on_click=_check_password, key=state.PW_SUBMIT)
        bar.caption(_describe(mode))
        if st.session_state.pop("pw_failed", False):
            bar.error("Wrong password.")
        return mode, False
    bar.info(_describe("read-only"), icon=":material/lock:")
    return "read-only", False


def editor_identity(mode: str) -> str:
    """Who saves, for the store's version history: the signed-in user, else "local".

    Only OpenID Connect knows a person; the team password does not, so its saves
    are recorded as "team password" rather than under an invented name.
    """
    if mode == "oidc" and _user_is_logged_in():
        who = str(getattr(st.user, "email", None) or getattr(st.user, "name", None) or "").strip()
        return who or "signed-in user"
    if mode == "password":
        return "team password"
    return "local"


def require_editor(can_edit: bool, *, what: str) -> bool:
    """Say why the page shows nothing editable; return ``can_edit`` for an early return."""
    if not can_edit:
        st.info(f"{what} needs a signed-in editor. Viewing the map, timeline, table and articles is open.",
                icon=":material/lock:")
    return can_edit
