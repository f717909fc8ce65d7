"""The word lists the rules use, loaded once from ``extraction/data``.

Keeping them in data files lets a reviewer extend the lexicon without reading
code: actors.csv (actor aliases), triggers.json (trigger words -> sub-event
types), cues.json (place roles, background statistics, captions) and
numbers.json (number words and vague quantifiers).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the lexicon."""

    key: str
    name: str  # ACLED-style name used in events
    inter: int
    government_side: bool  # its captures are "Government regains territory"
    aliases: tuple[str, ...]
    exact_aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """Phrases (or one token pattern) that signal a sub-event type."""

    sub_event_type: str
    strength: str  # "strong" | "weak"
    phrases: tuple[str, ...] = ()
    pattern: tuple = ()
    pattern_id: str = ""


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


@lru_cache(maxsize=1)
def actors() -> dict[str, Actor]:
    """Actor key -> Actor, in file order."""
    with (DATA / "actors.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {
            row["key"]: Actor(
                key=row["key"],
                name=row["name"],
                inter=int(row["inter"]),
                government_side=row["government_side"] == "1",
                # The actor's own name is an alias too ("Military Forces of Syria" in ACLED notes).
                aliases=tuple(dict.fromkeys((*_split(row["aliases"]), row["name"].lower()))),
                exact_aliases=_split(row["exact_aliases"]),
            )
            for row in rows
        }


@lru_cache(maxsize=1)
def triggers() -> tuple[TriggerEntry, ...]:
    data = json.loads((DATA / "triggers.json").read_text(encoding="utf-8"))
    out = [
        TriggerEntry(entry["sub_event_type"], entry["strength"], phrases=tuple(entry["phrases"]))
        for entry in data["triggers"]
    ]
    out += [
        TriggerEntry(p["sub_event_type"], p["strength"], pattern=tuple(p["pattern"]), pattern_id=p["id"])
        for p in data["patterns"]
    ]
    return tuple(out)


@lru_cache(maxsize=1)
def cues() -> dict:
    return json.loads((DATA / "cues.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def numbers() -> dict:
    return json.loads((DATA / "numbers.json").read_text(encoding="utf-8"))
