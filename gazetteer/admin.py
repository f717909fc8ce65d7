"""Administrative units: canonical governorate (admin1) and district (admin2) names.

The canonical governorate spellings are those of DOMAIN.md; every other spelling
(ACLED's "Rural Damascus", OCHA's "Idleb", Arabic...) is listed in
``data/admin1.csv`` and folded with ``normalise_name``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import OSA

from gazetteer.normalise import normalise_name

DATA = Path(__file__).resolve().parent / "data"
# Words that say "this is a region" and are dropped before looking a governorate up.
_REGION_WORDS = re.compile(
    r"\b(governorate|province|provinces|countryside|district|region|muhafazah|mohafaza|gov\.?)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Governorate:
    """One of the 14 governorates."""

    name: str
    geonames_code: str
    capital_geonameid: str
    ocha_pcode: str
    alternate_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class District:
    """One district (admin2) and the GeoNames spelling of its seat."""

    name: str
    admin1: str
    seat: str
    alternate_names: tuple[str, ...]


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA / filename).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@lru_cache(maxsize=1)
def governorates() -> tuple[Governorate, ...]:
    """The 14 governorates, in the order of ``data/admin1.csv``."""
    return tuple(
        Governorate(
            name=row["canonical"],
            geonames_code=row["geonames_code"],
            capital_geonameid=row["capital_geonameid"],
            ocha_pcode=row["ocha_pcode"],
            alternate_names=tuple(n for n in row["alternate_names"].split(";") if n),
        )
        for row in _rows("admin1.csv")
    )


@lru_cache(maxsize=1)
def districts() -> tuple[District, ...]:
    """The districts listed in ``data/districts.csv``."""
    return tuple(
        District(
            name=row["district"],
            admin1=row["admin1"],
            seat=row["seat"],
            alternate_names=tuple(n for n in row["alternate_names"].split(";") if n),
        )
        for row in _rows("districts.csv")
    )


@lru_cache(maxsize=1)
def _admin1_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for gov in governorates():
        for spelling in (gov.name, *gov.alternate_names, gov.ocha_pcode):
            if spelling == "Damascus Countryside":
                continue  # would lose its region word and mean Damascus; handled in canonical_admin1
            index[normalise_name(_REGION_WORDS.sub(" ", spelling))] = gov.name
    return index


@lru_cache(maxsize=1)
def _admin2_index() -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for district in districts():
        for spelling in (district.name, *district.alternate_names):
            index.setdefault(normalise_name(_REGION_WORDS.sub(" ", spelling)), (district.name, district.admin1))
    return index


@lru_cache(maxsize=8192)  # asked about every place mention, often the same names; the answer is fixed by the tables
def canonical_admin1(text: str) -> str | None:
    """The canonical governorate for any spelling of it, or None.

    "Rural Damascus", "Rif Dimashq" and "Damascus Countryside" give "Rif Dimashq";
    "Idleb" gives "Idlib"; "Daraa province" gives "Daraa".
    """
    if not text or not text.strip():
        return None
    if normalise_name(text) == normalise_name("Damascus Countryside"):
        return "Rif Dimashq"
    if re.search(r"\b(rural|rif|reef|countryside|suburbs)\b", text, re.IGNORECASE) and "damasc" in text.lower():
        return "Rif Dimashq"
    key = normalise_name(_REGION_WORDS.sub(" ", text))
    found = _admin1_index().get(key)
    if found is None and len(key) >= TYPO_MIN_CHARS:
        found = _admin1_typo(key)
    return found


# A governorate key this long, one typing slip away (a letter added, dropped, changed or two swapped:
# "Damanscus", "Damasucs"), is still that governorate; shorter keys (Hama, Idlib) would catch villages.
TYPO_MIN_CHARS = 7


@lru_cache(maxsize=4096)
def _admin1_typo(key: str) -> str | None:
    found = {gov for spelling, gov in _admin1_index().items() if len(spelling) >= TYPO_MIN_CHARS and OSA.distance(key, spelling) <= 1}
    return found.pop() if len(found) == 1 else None


def canonical_admin2(text: str) -> str | None:
    """The canonical district name for a spelling of it (OCHA/ACLED/Arabic), or None."""
    if not text or not text.strip():
        return None
    found = _admin2_index().get(normalise_name(_REGION_WORDS.sub(" ", text)))
    return found[0] if found else None


def governorate_of_district(text: str) -> str | None:
    """The governorate of a district named in any spelling ("Afrin district" -> "Aleppo"), or None."""
    if not text or not text.strip():
        return None
    found = _admin2_index().get(normalise_name(_REGION_WORDS.sub(" ", text)))
    return found[1] if found else None


def governorate_by_geonames_code(code: str) -> str | None:
    """Canonical governorate of a GeoNames admin1 code for Syria ("09" -> "Aleppo")."""
    for gov in governorates():
        if gov.geonames_code == code.zfill(2):
            return gov.name
    return None
