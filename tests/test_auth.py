"""Editor access helpers: password hashes and the mode chosen from settings (both roles)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dashboard import auth
from gazetteer.errors import ConfigurationError

PASSWORD = "correct horse battery staple"
FAST = dict(n=2**10, r=8, p=1)  # tests use a low cost; the default is checked once below


@pytest.fixture(scope="module")
def encoded() -> str:
    return auth.hash_password(PASSWORD, **FAST)


def test_hash_format_and_salt(encoded: str) -> None:
    scheme, n, r, p, salt, key = encoded.split("$")
    assert (scheme, n, r, p) == ("scrypt", "1024", "8", "1")
    assert PASSWORD not in encoded
    assert auth.hash_password(PASSWORD, **FAST) != encoded  # a new salt each time


def test_default_cost_round_trip() -> None:
    encoded = auth.hash_password(PASSWORD)
    assert encoded.split("$")[1:4] == [str(auth.SCRYPT_N), str(auth.SCRYPT_R), str(auth.SCRYPT_P)]
    assert auth.verify_password(PASSWORD, encoded)


@pytest.mark.parametrize(("password", "ok"), [
    (PASSWORD, True),
    (PASSWORD + " ", False),
    (PASSWORD.upper(), False),
    ("", False),
])
def test_verify(encoded: str, password: str, ok: bool) -> None:
    assert auth.verify_password(password, encoded) is ok


@pytest.mark.parametrize("bad", [
    "", PASSWORD, "scrypt$1024$8$1$salt", "bcrypt$1024$8$1$c2FsdA$a2V5", "scrypt$1000$8$1$c2FsdA$a2V5",
    "scrypt$1099511627776$8$1$c2FsdA$a2V5", "scrypt$x$8$1$c2FsdA$a2V5", "scrypt$1024$8$1$c2FsdA$",
    "scrypt$1024$8$1$!!!$a2V5",
])
def test_malformed_hash_never_verifies(bad: str) -> None:
    assert auth.verify_password(PASSWORD, bad) is False


def test_tampered_hash_fails(encoded: str) -> None:
    head, key = encoded.rsplit("$", 1)
    flipped = ("A" if key[0] != "A" else "B") + key[1:]
    assert not auth.verify_password(PASSWORD, f"{head}${flipped}")


def test_short_password_refused() -> None:
    with pytest.raises(ConfigurationError, match="at least"):
        auth.hash_password("short")


OIDC = {"auth": {"redirect_uri": "https://map.example/oauth2callback", "cookie_secret": "s",
                 "client_id": "id", "client_secret": "x", "server_metadata_url": "https://idp/.well-known"}}
OIDC_NAMED = {"auth": {"redirect_uri": "https://map.example/oauth2callback", "cookie_secret": "s",
                       "google": {"client_id": "id", "client_secret": "x"}}}


@pytest.mark.parametrize(("settings", "mode"), [
    ({}, "read-only"),
    ({"CONFLICT_MAP_MODE": "local"}, "local"),
    ({"CONFLICT_MAP_MODE": " LOCAL "}, "local"),
    ({"CONFLICT_MAP_MODE": "read-only"}, "read-only"),
    ({"CONFLICT_MAP_EDITOR_PASSWORD_HASH": "HASH"}, "password"),
    ({"CONFLICT_MAP_EDITOR_PASSWORD_HASH": "HASH", "CONFLICT_MAP_MODE": "local"}, "password"),
    (OIDC, "oidc"),
    (OIDC_NAMED, "oidc"),
    (OIDC | {"CONFLICT_MAP_EDITOR_PASSWORD_HASH": "HASH"}, "oidc"),
    ({"auth": {"redirect_uri": "https://x"}}, "read-only"),  # incomplete OIDC does not open editing
    ({"has_oidc": True}, "oidc"),  # the caller checked st.secrets itself
    ({"has_oidc": False, "env": {"CONFLICT_MAP_MODE": "local", "PATH": "/bin"}}, "local"),
    ({"env": {"CONFLICT_MAP_EDITOR_PASSWORD_HASH": "HASH"}}, "password"),
])
def test_editor_mode(settings: dict, mode: str, encoded: str) -> None:
    if settings.get("CONFLICT_MAP_EDITOR_PASSWORD_HASH") == "HASH":
        settings = settings | {"CONFLICT_MAP_EDITOR_PASSWORD_HASH": encoded}
    if settings.get("env", {}).get("CONFLICT_MAP_EDITOR_PASSWORD_HASH") == "HASH":
        settings = settings | {"env": {"CONFLICT_MAP_EDITOR_PASSWORD_HASH": encoded}}
    assert auth.editor_mode(settings) == mode
    assert auth.mode_description(auth.editor_mode(settings))


def test_plain_text_password_setting_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="not a password"):
        auth.editor_mode({"CONFLICT_MAP_EDITOR_PASSWORD_HASH": PASSWORD})


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="not a mode"):
        auth.editor_mode({"CONFLICT_MAP_MODE": "admin"})


def test_environment_wins_over_secrets(encoded: str) -> None:
    merged = auth.settings_from({"CONFLICT_MAP_MODE": "local", "HOME": "/x"},
                                {"CONFLICT_MAP_MODE": "read-only", "CONFLICT_MAP_EDITOR_PASSWORD_HASH": encoded})
    assert merged["CONFLICT_MAP_MODE"] == "local" and "HOME" not in merged
    assert auth.editor_mode(merged) == "password"


def test_auth_module_does_not_import_streamlit() -> None:
    code = "import sys, dashboard.auth; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_prints_a_verifiable_hash(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr(auth.getpass, "getpass", lambda prompt="": PASSWORD)
    assert auth.main(["hash"]) == 0
    printed = capsys.readouterr().out.strip()
    assert auth.verify_password(PASSWORD, printed)


def test_cli_refuses_mismatch(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(auth.getpass, "getpass", lambda prompt="": next(answers))
    assert auth.main(["hash"]) == 1
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("email", "verified", "allow", "ok"),
    [
        ("Ed@Example.org", None, "@example.org", True),
        ("ed@example.org", True, "ed@example.org, other@x.org", True),
        ("ed@example.org.evil.com", None, "@example.org", False),
        ("ed@example.org", False, "@example.org", False),  # the provider says the address is unverified
        (None, None, "@example.org", False),
        ("ed@example.org", None, "", False),  # no list: nobody edits
    ],
)
def test_editor_allow_list(email, verified, allow, ok) -> None:  # noqa: ANN001
    from dashboard.auth import editor_allowed

    assert editor_allowed(email, verified=verified, allow=allow) is ok


def test_throttle_grows_and_forgets_on_success() -> None:
    from dashboard.auth import SignInThrottle

    throttle, keys = SignInThrottle(free=2, cap=10.0), ["ip:1", "account:editor"]
    for t in range(2):
        throttle.failed(keys, now=float(t))
    assert throttle.wait(keys, now=2.0) == 0
    throttle.failed(keys, now=2.0)
    assert throttle.wait(keys, now=2.0) == 2.0
    throttle.failed(keys, now=4.0)
    assert throttle.wait(["account:editor"], now=4.0) == 4.0  # another client is held back too (one account)
    for _ in range(10):
        throttle.failed(keys, now=100.0)
    assert throttle.wait(keys, now=100.0) == 10.0  # capped
    throttle.succeeded(keys)
    assert throttle.wait(keys, now=100.0) == 0


@pytest.mark.parametrize("bad", ["scrypt$1000$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5a2V5", "scrypt$1024$99$1$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5a2V5",
                                 "scrypt$1024$8$1$c2E=$a2V5"])
def test_a_hash_setting_that_cannot_work_is_reported_at_start(bad: str) -> None:
    from dashboard.auth import editor_mode

    with pytest.raises(ConfigurationError, match="cannot work"):
        editor_mode({"CONFLICT_MAP_EDITOR_PASSWORD_HASH": bad})
