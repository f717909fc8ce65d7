"""Named regions that are not towns (Eastern Ghouta, Qalamoun, al-Ghab...) and
their governorate, from data/regions.csv: an event known only to be in such a
region is coded at governorate level rather than dropped to country level."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from gazetteer.normalise import normalise_name

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(region name, governorate, every spelling) for each row of data/regions.csv."""
    with (DATA / "regions.csv").open(encoding="utf-8") as handle:
        return tuple(
            (row["name"], row["admin1"], tuple(n.strip() for n in [row["name"], *row["aliases"].split(";")] if n.strip()))
            for row in csv.DictReader(line for line in handle if not line.startswith("#"))
        )


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str]]:
    """normalised name -> (region name, governorate)."""
    return {normalise_name(spelling): (name, admin1) for name, admin1, spellings in _rows() for spelling in spellings}


def region_forms() -> list[str]:
    """Every spelling in the table, for the place recogniser."""
    return [spelling for _, _, spellings in _rows() for spelling in spellings]


def region_of(text: str) -> tuple[str, str] | None:
    """(region name, governorate) for a region's name in any listed spelling."""
    return _table().get(normalise_name(text))
