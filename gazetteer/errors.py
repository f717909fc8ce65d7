"""The project's error tree (one module, imported by every package).

Every error the project raises on purpose derives from ``ConflictMapError`` and
also from the builtin it resembles, so callers can catch either (geopy's
``exc.py`` does the same).  Library errors are converted at the boundary with
``raise ... from err``.
"""

from __future__ import annotations


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
