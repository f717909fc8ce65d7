"""Pure rules the ``Gazetteer`` applies when it builds an answer.

Name checks, ACLED precision of an answer, the country-level place, whether a
best candidate must be refused for lying outside the governorate the text names,
and which relative fact a context carries.
"""

from __future__ import annotations

from collections.abc import Sequence

from gazetteer.admin import canonical_admin1
from gazetteer.context import Context
from gazetteer.errors import InputError
from gazetteer.index import Hit
from gazetteer.normalise import normalise_name
from gazetteer.records import PRECISION_EXACT, PRECISION_NEAR, PRECISION_REGION, Candidate, Place, is_major

MAX_NAME_CHARS = 200
ONLINE_ENV = "CONFLICT_MAP_ONLINE_GEOCODER"
# GeoNames' point for the country (geonameid 163843), used for country-level answers.
SYRIA = Place(
    name="Syria", latitude=35.0, longitude=38.0, admin1=None, admin2=None, feature="country", source="admin",
    source_id="SY", alternate_names=("Syrian Arab Republic", "سوريا", "سورية"), approximate=True,
    note="country-level: GeoNames country point (163843)",
)
COUNTRY_KEYS = frozenset(normalise_name(n) for n in (SYRIA.name, *SYRIA.alternate_names))


def check_name(name: str) -> str:
    """The name stripped, or InputError for an empty or absurdly long one."""
    if not isinstance(name, str) or not name.strip():
        raise InputError("empty place name")
    if len(name) > MAX_NAME_CHARS:
        raise InputError(f"place name of {len(name)} characters (at most {MAX_NAME_CHARS}): not a place name")
    return name.strip()


def precision_of(place: Place) -> int:
    """ACLED geo_precision of an answer that is this place."""
    if place.feature in ("governorate", "country"):
        return PRECISION_REGION
    if place.feature in ("district", "subdistrict", "region") or place.approximate:
        return PRECISION_NEAR
    return PRECISION_EXACT


# Governorates whose places the news often files under the other ("Jobar, Rural Damascus").
_NEIGHBOUR_GOVERNORATES = {frozenset({"Damascus", "Rif Dimashq"})}
# The same as ordered pairs, both ways: tested without building a frozenset per place.
_NEIGHBOUR_PAIRS = frozenset((a, b) for pair in _NEIGHBOUR_GOVERNORATES for a in pair for b in pair if a != b)


def in_governorate(place: Place, admin1: str) -> bool:
    """True when the place lies in that governorate (or in its city/countryside twin)."""
    return place.admin1 in (admin1, None) or (place.admin1, admin1) in _NEIGHBOUR_PAIRS


def outside_named_governorate(candidates: Sequence[Candidate], hits: Sequence[Hit], context: Context) -> str:
    """Why the best candidate is refused for lying outside the governorate the text names ("" if it is not).

    The governorate is a constraint, not a hint: a village of the same name in
    another governorate is refused (it is more likely a village the tables lack).
    Only a major place (a governorate or district capital, a big town) is still
    accepted there, since a text may name a city of a neighbouring governorate.
    """
    admin1 = canonical_admin1(context.admin1) if context.admin1 else None
    if not candidates or admin1 is None or in_governorate(candidates[0].place, admin1):
        return ""
    best = candidates[0].place
    method = next((h.method for h in hits if h.place is best), "exact")
    if (method == "exact" and is_major(best)) or best.feature == "region":
        return ""  # a city may be named beside another governorate; a region crosses their borders
    return f"the only {method} match(es) ({best.name}, {best.admin1}) lie outside {admin1}, the governorate named"


def relation_of(context: Context) -> str | None:
    """The kind of relative fact a context carries, also when built by hand without ``relation``."""
    if context.relation or not context.anchor_name:
        return context.relation
    return "offset" if context.distance_km is not None and context.bearing_deg is not None else "near"


def is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "‘’ʿʾ'`ḩḨţŢşŞḑḐẓẒāīūĀĪŪ" or 0x1E00 <= ord(ch) <= 0x1EFF for ch in text)
