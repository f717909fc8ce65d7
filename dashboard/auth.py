"""Who may edit: pure helpers for the dashboard's roles (no Streamlit here, so they are tested directly).

Viewing is open; editing (upload, edit events, delete articles, add places)
needs one of:

- ``"oidc"``: Streamlit's built-in sign-in with an OpenID Connect provider,
  configured in ``.streamlit/secrets.toml`` under ``[auth]``;
- ``"password"``: one team password, stored only as a scrypt hash in the
  setting ``CONFLICT_MAP_EDITOR_PASSWORD_HASH`` (make one with
  ``python -m dashboard.auth hash``);
- ``"local"``: ``CONFLICT_MAP_MODE=local``, an explicit single-user mode for
  one's own machine, in which everybody who can reach the app may edit.

With none of these configured the app is ``"read-only"``.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import os
import sys
from collections.abc import Mapping
from typing import Any, Literal

from gazetteer.errors import ConfigurationError

EditorMode = Literal["oidc", "password", "local", "read-only"]
PASSWORD_HASH_SETTING = "CONFLICT_MAP_EDITOR_PASSWORD_HASH"
MODE_SETTING = "CONFLICT_MAP_MODE"

# scrypt cost: n=2**15, r=8 takes about 0.1 s and 32 MB, slow enough to make guessing
# expensive and fast enough for a sign-in form.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
SALT_BYTES, KEY_BYTES = 16, 32
MIN_PASSWORD_CHARS = 12
_MAX_N = 2**20  # refuse absurd costs from a tampered setting (they would hang the sign-in)


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P,
                  salt: bytes | None = None) -> str:
    """Encode a password as ``scrypt$n$r$p$salt$hash`` (base64 salt and hash) for the settings."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise ConfigurationError(f"Use a password of at least {MIN_PASSWORD_CHARS} characters.")
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    key = _scrypt(password, salt, n, r, p)
    return "$".join(["scrypt", str(n), str(r), str(p), _b64(salt), _b64(key)])


def verify_password(password: str, encoded: str) -> bool:
    """Whether ``password`` matches the encoded hash; compares in constant time, False for a malformed hash."""
    try:
        scheme, n, r, p, salt, expected = encoded.strip().split("$")
        n_, r_, p_ = int(n), int(r), int(p)
        salt_bytes, expected_bytes = _unb64(salt), _unb64(expected)
    except ValueError:
        return False
    if scheme != "scrypt" or not (2 <= n_ <= _MAX_N) or n_ & (n_ - 1) or not (1 <= r_ <= 32 and 1 <= p_ <= 16):
        return False
    if not expected_bytes:
        return False
    key = _scrypt(password, salt_bytes, n_, r_, p_, length=len(expected_bytes))
    return hmac.compare_digest(key, expected_bytes)


def is_password_hash(value: str) -> bool:
    """Whether a setting holds something shaped like our hash (a plain password would not be)."""
    parts = value.strip().split("$")
    return len(parts) == 6 and parts[0] == "scrypt" and all(parts[1:4]) and parts[1].isdigit()


def hash_problem(value: str) -> str | None:
    """What is wrong with a hash setting that is shaped like ours but cannot work (said at start, so that a
    typo does not turn every sign-in into "Wrong password."); None when it is usable."""
    try:
        _, n, r, p, salt, key = value.strip().split("$")
        n_, r_, p_ = int(n), int(r), int(p)
        salt_bytes, key_bytes = _unb64(salt), _unb64(key)
    except ValueError:
        return "it is not scrypt$N$r$p$salt$hash with numbers and base64 parts"
    if not (2 <= n_ <= _MAX_N) or n_ & (n_ - 1):
        return f"its cost N={n_} must be a power of two from 2 to {_MAX_N}"
    if not (1 <= r_ <= 32 and 1 <= p_ <= 16):
        return f"its r={r_} and p={p_} must be 1..32 and 1..16"
    if len(salt_bytes) < 8 or len(key_bytes) < 16:
        return "its salt or hash is too short (cut when copied?)"
    return None


EDITORS_SETTING = "CONFLICT_MAP_EDITORS"


def editor_allowed(email: str | None, *, verified: bool | None, allow: str) -> bool:
    """Whether a signed-in OpenID Connect account may edit: its e-mail must be known, not marked unverified by
    the provider, and on the allow-list (``CONFLICT_MAP_EDITORS``: comma-separated addresses and ``@domain``
    entries).  An empty list lets nobody edit: signing in is not enough (any Gmail account can sign in)."""
    if not email or verified is False:
        return False
    address = email.strip().lower()
    for entry in (e.strip().lower() for e in allow.replace(";", ",").split(",")):
        if entry and (address == entry or (entry.startswith("@") and address.endswith(entry))):
            return True
    return False


class SignInThrottle:
    """A growing delay after wrong passwords, per client and per account (the one team password).

    After ``free`` failures each further one locks sign-in for twice as long as the last (2 s, 4 s, ...,
    at most ``cap`` seconds); while locked, a try is refused without computing the hash, so guessing
    costs neither CPU nor memory.  ``now`` is passed in so that tests need no clock.
    """

    def __init__(self, *, free: int = 3, cap: float = 300.0) -> None:
        self.free, self.cap = free, cap
        self._failures: dict[str, int] = {}
        self._until: dict[str, float] = {}

    def wait(self, keys: list[str], now: float) -> float:
        """Seconds until any of ``keys`` may try again (0 when it may now)."""
        return max([self._until.get(k, 0.0) - now for k in keys] + [0.0])

    def failed(self, keys: list[str], now: float) -> None:
        for key in keys:
            count = self._failures.get(key, 0) + 1
            self._failures[key] = count
            if count > self.free:
                self._until[key] = now + min(self.cap, 2.0 ** (count - self.free))

    def succeeded(self, keys: list[str]) -> None:
        for key in keys:
            self._failures.pop(key, None)
            self._until.pop(key, None)


def editor_mode(settings: Mapping[str, Any]) -> EditorMode:
    """The editing mode from settings (environment variables and/or ``st.secrets`` merged into one mapping).

    OIDC wins when an ``auth`` section with a provider is configured (or the
    caller already checked and passes ``has_oidc=True``); then the password hash;
    then explicit local mode; otherwise read-only.  A nested ``env`` mapping (the
    process environment) is merged over the other settings.  A password setting
    that is not a hash is refused rather than used: no plain-text secrets.
    """
    env = settings.get("env")
    if isinstance(env, Mapping):
        settings = settings_from(env, settings)
    auth = settings.get("auth")
    if settings.get("has_oidc") is True or isinstance(auth, Mapping) and auth.get("redirect_uri") and auth.get(
        "cookie_secret"
    ) and (auth.get("client_id") or any(isinstance(v, Mapping) and v.get("client_id") for v in auth.values())):
        return "oidc"
    encoded = str(settings.get(PASSWORD_HASH_SETTING) or "").strip()
    if encoded:
        if not is_password_hash(encoded):
            raise ConfigurationError(
                f"{PASSWORD_HASH_SETTING} must hold a password hash, not a password. "
                "Make one with: python -m dashboard.auth hash")
        problem = hash_problem(encoded)
        if problem:
            raise ConfigurationError(f"{PASSWORD_HASH_SETTING} cannot work: {problem}. "
                                     "Make a new one with: python -m dashboard.auth hash")
        return "password"
    mode = str(settings.get(MODE_SETTING) or "").strip().lower()
    if mode == "local":
        return "local"
    if mode and mode not in ("read-only", "readonly"):
        raise ConfigurationError(f"{MODE_SETTING}={mode!r} is not a mode; use 'local' or leave it unset.")
    return "read-only"


def mode_description(mode: EditorMode) -> str:
    """The sentence the app shows so everyone knows who may edit."""
    return {
        "oidc": "Sign in to upload articles or edit events; viewing is open to everyone.",
        "password": "Enter the team's editor password to upload articles or edit events; viewing is open.",
        "local": "Single-user local mode: anyone who can open this page can edit. Do not use it on a shared server.",
        "read-only": "Read-only: no editor sign-in is configured (see README, 'Running it for a team').",
    }[mode]


def settings_from(environ: Mapping[str, str], secrets: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Merge secrets and environment into one mapping; the environment wins (as for other settings)."""
    merged: dict[str, Any] = {k: v for k, v in (secrets or {}).items() if k != "env"}
    for key in (PASSWORD_HASH_SETTING, MODE_SETTING, EDITORS_SETTING):
        if environ.get(key):
            merged[key] = environ[key]
    return merged


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, *, length: int = KEY_BYTES) -> bytes:
    # maxmem must cover 128 * n * r bytes plus slack, or OpenSSL refuses large n.
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length,
                          maxmem=128 * n * r * p + 2**20)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as err:
        raise ValueError("not base64") from err


def main(argv: list[str] | None = None) -> int:
    """``python -m dashboard.auth hash``: read a password twice (not echoed) and print its hash."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.auth", description="Editor password helper.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("hash", help=f"print a hash for the {PASSWORD_HASH_SETTING} setting")
    args = parser.parse_args(argv)
    if args.command == "hash":
        first = getpass.getpass("Editor password: ")
        if getpass.getpass("Again: ") != first:
            print("The two passwords differ; nothing printed.", file=sys.stderr)
            return 1
        try:
            encoded = hash_password(first)
        except ConfigurationError as err:
            print(err, file=sys.stderr)
            return 1
        print(encoded)
        print(f"Put it in the environment as {PASSWORD_HASH_SETTING}=<hash> (quote it: it contains $), "
              f"or at the top of .streamlit/secrets.toml (before any [section]) as {PASSWORD_HASH_SETTING} = "
              "\"<hash>\".", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
