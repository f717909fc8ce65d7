"""Named regions that are not towns (Eastern Ghouta, Qalamoun, al-Ghab...) and their
governorate: the gazetteer's rows of feature "region" (``gazetteer/data/named_regions.csv``,
one representative point each, with its sources).  An event known only to be in such a
region is put at the region's point with geo_precision 2, in its governorate."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from gazetteer import bundled_places
from gazetteer.normalise import normalise_name


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(region name, governorate, every spelling) for each named region of the bundled gazetteer."""
    return tuple(
        (place.name, place.admin1 or "", tuple(dict.fromkeys((place.name, *place.alternate_names))))
        for place in bundled_places()
        if place.feature == "region"
    )


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str]]:
    """normalised name -> (region name, governorate)."""
    return {normalise_name(spelling): (name, admin1) for name, admin1, spellings in _rows() for spelling in spellings}


def region_forms() -> list[str]:
    """Every spelling of every region, for the place recogniser."""
    return [spelling for _, _, spellings in _rows() for spelling in spellings]


def region_of(text: str) -> tuple[str, str] | None:
    """(region name, governorate) for a region's name in any listed spelling."""
    return _table().get(normalise_name(text))


_SURROUNDINGS = Path(__file__).resolve().parent / "data" / "surroundings.csv"


@lru_cache(maxsize=1)
def _surroundings() -> dict[tuple[str, int], str]:
    """(normalised city name, bearing) -> region name, from ``data/surroundings.csv``."""
    with _SURROUNDINGS.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {(normalise_name(row["city"]), int(row["bearing"])): row["region"] for row in rows}


def surrounding_region(city: str, bearing: float | None) -> str | None:
    """The named region a report means by "east of Damascus" (``city`` as written, ``bearing`` in degrees), or None."""
    if bearing is None:
        return None
    return _surroundings().get((normalise_name(city), int(bearing) % 360))
