"""The gazetteer's answer types: frozen records that carry their provenance.

A ``Resolution`` is always returned, resolved or not: an unresolved name says
why, lists the candidates that were considered, and never hides the others
(Mordecai's failure mode of one bad name emptying the result is avoided by
resolving names one at a time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# ACLED geo_precision codes.
PRECISION_EXACT = 1  # the named town itself
PRECISION_NEAR = 2  # near a town / small part of a region (relative facts, "N km X of Y")
PRECISION_REGION = 3  # only a large region (governorate, country) is known

# Latitude/longitude box around Syria, with a margin (south, north, west, east): an added place,
# an imported row and an online answer must all fall inside it.
SYRIA_BBOX = (32.0, 37.6, 35.4, 42.6)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    latitude: float
    longitude: float
    admin1: str | None  # governorate, canonical spelling (see gazetteer.admin)
    admin2: str | None  # district
    feature: str  # "populated place", "governorate", "district", "airbase", ...
    source: str  # "geonames", "supplement", "relative", "ocha", "user", "nominatim", ...
    source_id: str  # id inside that source (GeoNames id, p-code, row key)
    alternate_names: tuple[str, ...] = ()
    population: int = 0
    approximate: bool = False  # coordinates computed or estimated, not surveyed
    note: str = ""  # where the fact comes from, in words
    country: str = "Syria"
    admin3: str | None = None  # subdistrict (nahiya), when the source gives it
    parent: str | None = None  # the city a neighbourhood belongs to ("Aleppo" for Sheikh Maqsoud)
    capital: int = 0  # the admin level it is the capital of (1 governorate, 2 district, 3 subdistrict); 0 none
    also: tuple[str, ...] = ()  # other sources' rows merged into this place ("geonames:170654", "relative:jariz")
    variants: tuple[str, ...] = ()  # generated loose spellings (a name without "Upper"/"Eastern"); rank below real names

    def __hash__(self) -> int:
        # Equal places share their source and id. The generated hash went through every field, the tuples of spellings
        # too (about a microsecond a place), and the gazetteer's answer cache hashes a context with the article's places.
        return hash((self.source, self.source_id))


BIG_TOWN_POPULATION = 20_000  # a town this big may be named beside another governorate ("Homs ... in Hama province")


def is_major(place: Place) -> bool:
    """A governorate or district capital, or a town of BIG_TOWN_POPULATION (GeoNames) or more."""
    return place.feature in ("governorate", "district", "country") or 0 < place.capital <= 2 or place.population >= BIG_TOWN_POPULATION


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place considered for a name, with how well it fits and why."""

    place: Place
    score: float  # 0..1, higher is better
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """The gazetteer's answer for one name: a place, or an explicit "unresolved"."""

    query: str  # the name as written
    place: Place | None
    precision: int | None  # ACLED 1/2/3 for the answer; None when unresolved
    score: float  # 0..1
    method: str  # "exact", "normalised", "fuzzy", "relative", "online", "user", ...
    candidates: tuple[Candidate, ...] = ()
    reason: str = ""  # why unresolved, or how it was chosen
    latitude: float | None = None  # may differ from place's when placed relative to an anchor
    longitude: float | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def resolved(self) -> bool:
        return self.latitude is not None and self.longitude is not None
