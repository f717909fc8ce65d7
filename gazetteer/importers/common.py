"""What every importer shares: coordinate checks, admin inference, the result record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import math

from gazetteer.errors import ImportFormatError
from gazetteer.records import SYRIA_BBOX, Place
from gazetteer.table import BUNDLED, read_places

PROGRESS_EVERY = 1000
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """Places read from a file, and the rows left out with why."""

    places: tuple[Place, ...]
    skipped: dict[str, int]
    source: str
    fmt: str


def parse_float(text: str, *, what: str, where: str) -> float:
    try:
        return float(str(text).strip().replace(",", "."))
    except ValueError as err:
        raise ImportFormatError(f"{where}: {what} {text!r} is not a number") from err


def inside_syria(lat: float, lon: float) -> bool:
    """Rows outside Syria's box are skipped (and counted), not imported."""
    south, north, west, east = SYRIA_BBOX
    return south <= lat <= north and west <= lon <= east


@lru_cache(maxsize=1)
def _district_seats() -> tuple[Place, ...]:
    return tuple(p for p in read_places(BUNDLED) if p.feature == "district")


def infer_admin2(admin1: str | None, lat: float, lon: float) -> str | None:
    """The district whose seat is nearest, within the governorate (files without district names)."""
    seats = [p for p in _district_seats() if p.admin1 == admin1]
    if not seats:
        return None
    # A flat-earth distance is enough to rank seats a few tens of km apart, and fast for 40,000 rows.
    scale = math.cos(math.radians(lat))
    return min(seats, key=lambda p: (p.latitude - lat) ** 2 + ((p.longitude - lon) * scale) ** 2).name


def names(*values: str | None, exclude: str = "") -> tuple[str, ...]:
    """Distinct non-empty names, in order, without ``exclude``."""
    out = dict.fromkeys(v.strip() for v in values if v and v.strip() and v.strip() != exclude)
    return tuple(out)
