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
def _table() -> dict[str, tuple[str, str]]:
    """normalised name -> (region name, governorate)."""
    out: dict[str, tuple[str, str]] = {}
    with (DATA / "regions.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            for name in [row["name"], *row["aliases"].split(";")]:
                if name.strip():
                    out[normalise_name(name)] = (row["name"], row["admin1"])
    return out


def region_forms() -> list[str]:
    """Every spelling in the table, for the place recogniser."""
    forms: list[str] = []
    with (DATA / "regions.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            forms += [n.strip() for n in [row["name"], *row["aliases"].split(";")] if n.strip()]
    return forms


def region_of(text: str) -> tuple[str, str] | None:
    """(region name, governorate) for a region's name in any listed spelling."""
    return _table().get(normalise_name(text))
