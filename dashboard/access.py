"""Who may edit in this session, and the sign-in widgets and banner that say so.

The decision of the mode is ``dashboard.auth.editor_mode`` (pure, tested
there); this module only draws: a sign-in button for OpenID Connect
(Streamlit's ``st.login``), a password box for a configured hash, or a banner
for the explicit local mode and for read-only.  Every editing page asks
``can_edit`` and draws no editing widget when it is false; the store itself
is only written from behind those checks.
"""

from __future__ import annotations

import hashlib
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
    """What ``auth.editor_mode`` reads: the environment, the ``[auth]`` section of secrets.toml, and the
    project's own settings at the top of secrets.toml (``CONFLICT_MAP_EDITOR_PASSWORD_HASH = "..."``, where
    ``python -m dashboard.auth hash`` says to put it, and ``CONFLICT_MAP_EDITORS``)."""
    from dashboard import auth

    section: dict[str, object] = {}
    top: dict[str, object] = {}
    try:
        if "auth" in st.secrets:
            section = dict(st.secrets["auth"])
        for key in (auth.PASSWORD_HASH_SETTING, auth.MODE_SETTING, auth.EDITORS_SETTING):
            if key in st.secrets:
                top[key] = str(st.secrets[key])
    except (FileNotFoundError, KeyError, ValueError, OSError):
        section, top = {}, {}  # no or unreadable secrets.toml: no OIDC, never an open door
    return {**top, "env": dict(os.environ), "auth": section}


def _setting(name: str) -> str:
    from dashboard import auth

    return str(auth.settings_from(os.environ, {k: v for k, v in _settings().items() if k != "auth"}).get(name) or "")


@st.cache_resource(show_spinner=False)
def _throttle():  # noqa: ANN202 - one per server process, shared by every session
    from dashboard import auth

    return auth.SignInThrottle()


def _client() -> str:
    try:
        return f"ip:{st.context.ip_address or 'unknown'}"
    except AttributeError:
        return "ip:unknown"


def _describe(mode: str) -> str:
    from dashboard import auth

    return auth.mode_description(mode)  # type: ignore[arg-type]


def _user_is_logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except (AttributeError, KeyError):
        return False


def _check_password() -> None:
    import time

    from dashboard import auth

    encoded = _setting(auth.PASSWORD_HASH_SETTING)
    typed = st.session_state.get(state.PW_INPUT, "")
    st.session_state[state.PW_INPUT] = ""  # never keep the password in session state
    # The account is the configured hash (a new password starts afresh); the client is the caller's address.
    account = "account:" + hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:16]
    keys, now = [f"{_client()}|{account}", account], time.monotonic()
    throttle = _throttle()
    wait = throttle.wait(keys, now)
    if wait > 0:  # refused before any hashing: guessing costs the server nothing while locked
        st.session_state[state.PW_OK] = False
        st.session_state["pw_failed"] = f"Too many wrong passwords: try again in {int(wait) + 1} s."
        return
    st.session_state[state.PW_OK] = bool(typed) and auth.verify_password(typed, encoded)
    if st.session_state[state.PW_OK]:
        throttle.succeeded(keys)
    else:
        throttle.failed(keys, now)
        st.session_state["pw_failed"] = "Wrong password."


def role() -> tuple[str, bool]:
    """(mode, can_edit) for this session, drawing the sign-in controls in the sidebar."""
    mode = _mode()
    bar = st.sidebar
    if mode == "local":
        bar.info(_describe(mode), icon=":material/computer:")
        return mode, True
    if mode == "oidc":
        if _user_is_logged_in():
            from dashboard import auth

            email = getattr(st.user, "email", None)
            who = str(email or getattr(st.user, "name", "") or "")
            bar.caption(f"Signed in as {markdown_literal(who)}")
            bar.button("Sign out", on_click=st.logout)
            verified = getattr(st.user, "email_verified", None)
            if auth.editor_allowed(email, verified=verified if isinstance(verified, bool) else None,
                                   allow=_setting(auth.EDITORS_SETTING)):
                return mode, True
            bar.info("You can view everything; editing is for the accounts on the editors' list "
                     f"({auth.EDITORS_SETTING}).", icon=":material/visibility:")
            return "viewer", False
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
        failed = st.session_state.pop("pw_failed", None)
        if failed:
            bar.error(failed if isinstance(failed, str) else "Wrong password.")
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
