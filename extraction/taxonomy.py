"""ACLED's event taxonomy (6 types, 25 sub-types), read from data/taxonomy.json.

Older ACLED exports used other type names; ``normalise_event_type`` maps them so
gold files of any vintage compare with what we extract.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def _taxonomy() -> dict:
    return json.loads((DATA / "taxonomy.json").read_text(encoding="utf-8"))


def event_types() -> dict[str, tuple[str, ...]]:
    """Event type -> its sub-event types, in ACLED's order."""
    return {k: tuple(v) for k, v in _taxonomy()["event_types"].items()}


@lru_cache(maxsize=1)
def _sub_to_type() -> dict[str, str]:
    return {sub: kind for kind, subs in event_types().items() for sub in subs}


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to (KeyError for an unknown one)."""
    return _sub_to_type()[sub_event_type]


def sub_event_types() -> tuple[str, ...]:
    return tuple(_sub_to_type())


def normalise_event_type(event_type: str, sub_event_type: str = "") -> tuple[str, str]:
    """Map an (older) ACLED type/sub-type pair onto the current taxonomy.

    Unknown names are returned unchanged so nothing is silently rewritten.
    """
    event_type = (event_type or "").strip()
    sub_event_type = (sub_event_type or "").strip()
    if sub_event_type in _sub_to_type():
        return _sub_to_type()[sub_event_type], sub_event_type
    older = _taxonomy()["older_event_types"].get(event_type)
    if older:
        new_type, new_sub = older
        return new_type, new_sub or sub_event_type
    return event_type, sub_event_type
