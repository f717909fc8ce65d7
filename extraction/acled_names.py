"""ACLED's names for our actors, so that an export lines up with ACLED's own data.

Our event records keep short canonical names ("Military Forces of Syria"); ACLED's
Syria data tags states' forces with the period of the government in office
("Military Forces of Syria (2000-)") and other actors with the country
("Islamic State (Syria)"). ``data/acled_actor_names.csv`` holds the mapping with
the dates each name applies; an actor without a row keeps its name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

_TABLE = Path(__file__).with_name("data") / "acled_actor_names.csv"


@dataclass(frozen=True, slots=True)
class _Row:
    acled_name: str
    start: date | None
    until: date | None


@lru_cache(maxsize=1)
def _rows() -> dict[str, tuple[_Row, ...]]:
    table: dict[str, list[_Row]] = {}
    with _TABLE.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines):
            table.setdefault(row["name"], []).append(_Row(
                row["acled_name"],
                date.fromisoformat(row["from"]) if row["from"] else None,
                date.fromisoformat(row["until"]) if row["until"] else None,
            ))
    return {name: tuple(rows) for name, rows in table.items()}


def acled_name(name: str | None, *, on: date | None) -> str | None:
    """ACLED's name for ``name`` on the date ``on`` (ours when no row applies, or no date is known for a
    dated row)."""
    if not name:
        return name
    for row in _rows().get(name, ()):
        if row.start is None and row.until is None:
            return row.acled_name
        if on is None:
            continue
        if (row.start is None or on >= row.start) and (row.until is None or on < row.until):
            return row.acled_name
    return name


@lru_cache(maxsize=1)
def _ours() -> dict[str, str]:
    return {row.acled_name: name for name, rows in _rows().items() for row in rows}


def our_name(acled: str | None) -> str | None:
    """Our name for an actor as ACLED writes it ("Military Forces of Syria (2000-)" -> "Military Forces of
    Syria"); a name the table does not hold is kept as ACLED wrote it."""
    if not acled:
        return None
    text = acled.strip()
    return _ours().get(text, text) or None


ACLED_DATE_FORMATS = ("%d %B %Y", "%d-%b-%y", "%Y-%m-%d", "%d/%m/%Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y")


def parse_acled_date(text: str) -> date | None:
    """An event date as ACLED's exports write it: "02 January 2017", "29-Apr-20", ISO, "02/01/2017"."""
    for fmt in ACLED_DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None
