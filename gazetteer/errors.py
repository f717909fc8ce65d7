"""The project's error tree (one module, imported by every package).

Every error the project raises on purpose derives from ``ConflictMapError`` and
also from the builtin it resembles, so callers can catch either (geopy's
``exc.py`` does the same).  Library errors are converted at the boundary with
``raise ... from err``.
"""

from __future__ import annotations

import errno


class ConflictMapError(Exception):
    """Base class of every error raised on purpose by this project."""


class ConfigurationError(ConflictMapError, ValueError):
    """A setting or option has a value that cannot work."""


class GazetteerError(ConflictMapError):
    """Something went wrong inside the gazetteer."""


class ImportFormatError(GazetteerError, ValueError):
    """A gazetteer file to import is not in a format we can read."""


class InputError(ConflictMapError, ValueError):
    """A file, text or value given by a user cannot be used; the message says why."""


class TimeLimitExceeded(InputError, TimeoutError):
    """Extracting one text took longer than the caller allowed; nothing was kept."""


class StoreError(ConflictMapError, RuntimeError):
    """The event store is damaged, foreign or cannot be written."""


class PermissionDenied(ConflictMapError, PermissionError):
    """The current user may not do this (e.g. edit without signing in)."""


def storage_cause(err: BaseException) -> str:
    """What a failed write means for the person who must fix it: a full disk, a permission, a missing
    directory, a busy store - the cause, not SQLite's or the OS's last words."""
    text = str(err).lower()
    code = getattr(err, "errno", None)
    if code == errno.ENOSPC or "disk is full" in text or "no space" in text:
        return f"the disk is full ({err}); free some space and try again"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text or "read-only" in text or "permission" in text:
        return f"permission denied ({err}); check who may write to the data directory"
    if code == errno.ENOENT or "unable to open" in text:
        return f"a file or directory is missing ({err})"
    if "locked" in text or "busy" in text:
        return f"the store is busy ({err}); try again"
    return str(err)
