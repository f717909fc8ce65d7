"""Ranking: choose among places that share a name, using the context.

Evidence, strongest first: a user-added place wins; a candidate consistent with
a relative fact ("39 km northwest of Hama", "next to Kafra") beats one that is
not; a candidate in the governorate named nearby beats one outside (a governorate
named elsewhere in the sentence counts less, and refuses nothing); then the
candidate nearest the article's other places; then towns before districts and
governorates (a bare "Hama" is the city); then a name spelled as a place's
own (exact, normalised) before a loose match (generated variant, skeleton,
fuzzy); then the nearest to the article's other places (in bands of 25/60/120
km); then the name as written (exact) before a folded spelling; then a major
place (an admin capital, a big town) before a village of the same name; then
match quality, then size (population, then capital level).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import math

from gazetteer.admin import canonical_admin1
from gazetteer.records import is_major
from gazetteer.context import Context
from gazetteer.index import Hit
from gazetteer.records import Candidate, Place

NEAR_KM = 15.0  # "next to X": a candidate farther than this from X is not the place meant
NEAR_CAPITAL_KM = 50.0  # "near Damascus": a governorate capital's surroundings, as news writes them
DUPLICATE_KM = 2.0  # the same name from two sources this close is one place
MAX_CANDIDATES = 25  # a Resolution lists at most this many (the best) candidates
SOURCE_RANK = {"user": 0, "supplement": 1, "facility": 1, "relative": 2, "ocha": 3, "region": 3, "geonames": 4, "csv": 5, "admin": 6}
FEATURE_RANK = {"subdistrict": 1, "district": 1, "governorate": 2, "country": 3}


@dataclass(frozen=True, slots=True)
class Target:
    """Where a relative fact puts the place, and how far from it a candidate may be."""

    latitude: float
    longitude: float
    radius_km: float
    how: str


EARTH_KM = 6371.0088


def km(a: Place | tuple[float, float], b: Place | tuple[float, float]) -> float:
    """Great-circle distance; within 0.5% of the geodesic, and 100x faster (ranking calls it often)."""
    lat1, lon1 = (a.latitude, a.longitude) if isinstance(a, Place) else a
    lat2, lon2 = (b.latitude, b.longitude) if isinstance(b, Place) else b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def relative_target(context: Context, anchors: Sequence[Place]) -> Target | None:
    """The point a relative fact describes, given its resolved anchor place(s)."""
    if not anchors:
        return None
    anchor = anchors[0]
    if context.relation == "between" and len(anchors) > 1:
        lat = sum(a.latitude for a in anchors) / len(anchors)
        lon = sum(a.longitude for a in anchors) / len(anchors)
        half = max(km(anchors[0], anchors[1]) / 2 + 5.0, NEAR_KM)
        return Target(lat, lon, half, "between " + " and ".join(a.name for a in anchors))
    if context.distance_km is not None and context.bearing_deg is not None:
        from geopy.distance import distance  # imported here: geopy's package import costs 0.14 s at every start

        point = distance(kilometers=context.distance_km).destination((anchor.latitude, anchor.longitude), bearing=context.bearing_deg)
        radius = max(10.0, 0.5 * context.distance_km)
        how = f"{context.distance_km:g} km at bearing {context.bearing_deg:g} from {anchor.name}"
        return Target(point.latitude, point.longitude, radius, how)
    if context.relation == "direction":
        return None  # "north of Aleppo" says too little to place or reject anything
    # "Madaya near Damascus" (40 km), "Azaz near Aleppo": near a governorate's capital reaches as far as its countryside.
    radius = NEAR_CAPITAL_KM if anchor.capital == 1 else NEAR_KM
    return Target(anchor.latitude, anchor.longitude, radius, f"near {anchor.name}")


# Distances to the article's other places, in bands: inside a band, the better-spelled name wins;
# between bands, the nearer.  (A 0.1 km difference must not beat an exact spelling.)
PROXIMITY_BANDS_KM = (25.0, 60.0, 120.0)


def _proximity_band(km_away: float) -> int:
    # The first band whose limit is >= km_away (len(PROXIMITY_BANDS_KM) past the last): a bisection of the sorted limits.
    return bisect_left(PROXIMITY_BANDS_KM, km_away)


def _feature_rank(place: Place) -> int:
    return FEATURE_RANK.get(place.feature, 0)


_TIERS = {"exact": 0, "normalised": 1}  # a match's tier in rank's key; every looser method is 2


def rank(hits: Sequence[Hit], context: Context, target: Target | None) -> list[Candidate]:
    """Candidates best first, duplicates (same place from several sources) folded, with reasons."""
    admin1 = canonical_admin1(context.admin1) if context.admin1 else None
    hints = {canonical_admin1(h) for h in context.admin1_hints} - {None} if context.admin1_hints else set()
    # The other places with km's first steps done once (latitude in radians, its cosine), not once per candidate.
    near_points = [((p.source, p.source_id), math.radians(p.latitude), math.cos(math.radians(p.latitude)), p.longitude)
                   for p in context.near]
    scored = []
    for hit in hits:
        place, reasons, evidence = hit.place, [f"{hit.method} match on {hit.matched!r}"], 0.0
        if place.source == "user":
            reasons.append("user-added place")
        proximity = 0.0
        if target is not None:
            d = km(place, (target.latitude, target.longitude))
            proximity = d
            if d <= target.radius_km:
                evidence += 2.0
                reasons.append(f"{d:.1f} km from the point {target.how}")
            else:
                reasons.append(f"{d:.1f} km from the point {target.how}: too far (> {target.radius_km:.0f} km)")
        if hints and not admin1 and place.admin1 in hints:
            evidence += 0.75
            reasons.append(f"in a governorate the sentence names ({place.admin1})")
        if admin1:
            if place.admin1 == admin1:
                evidence += 1.0
                reasons.append(f"in the governorate named nearby ({admin1})")
            else:
                reasons.append(f"not in {admin1}")
        own = (place.source, place.source_id)
        distances = _distances(place, near_points, own)
        if distances:
            nearest = min(distances)
            if target is None:
                proximity = nearest
            reasons.append(f"{nearest:.1f} km from the nearest other place in the text")
        tier = _TIERS.get(hit.method, 2)
        key = (
            place.source != "user", -evidence, _feature_rank(place), tier == 2, _proximity_band(proximity), tier,
            not is_major(place), -hit.score, round(proximity, 1), -place.population, place.capital or 9,
            SOURCE_RANK.get(place.source, 5),
        )
        scored.append((key, hit, tuple(reasons), evidence))
    scored.sort(key=lambda item: item[0])
    kept: list[tuple[Hit, tuple[str, ...], float]] = []
    for _, hit, reasons, evidence in scored:
        if not any(_same_place(k.place, hit.place) for k, _, _ in kept):
            kept.append((hit, reasons, evidence))
        if len(kept) == MAX_CANDIDATES:
            break
    return [Candidate(place=hit.place, score=hit.score, reasons=reasons) for hit, reasons, _ in kept]


def _distances(place: Place, points: list[tuple[tuple[str, str], float, float, float]], own: tuple[str, str]) -> list[float]:
    """``km(place, point)`` for each point (key, latitude in radians, its cosine, longitude) but the place itself: km's
    own arithmetic in its order, so the same floats to the bit, with the place's own steps done once (ranking
    an article's names against its other places asked km about 25,000 times for 300 articles)."""
    p1 = math.radians(place.latitude)
    c1, lon1 = math.cos(p1), place.longitude
    sin, radians, sqrt, asin = math.sin, math.radians, math.sqrt, math.asin
    return [
        2 * EARTH_KM * asin(min(1.0, sqrt(sin((p2 - p1) / 2) ** 2 + c1 * c2 * sin(radians(lon2 - lon1) / 2) ** 2)))
        for key, p2, c2, lon2 in points if key != own
    ]


def _same_place(a: Place, b: Place) -> bool:
    """Two sources' rows for one place: same kind, within DUPLICATE_KM (cheap degree test first)."""
    if abs(a.latitude - b.latitude) > 0.05 or abs(a.longitude - b.longitude) > 0.05:
        return False
    return _feature_rank(a) == _feature_rank(b) and km(a, b) <= DUPLICATE_KM


def consistent(candidate: Candidate, target: Target | None) -> bool:
    """False when a relative fact places the name far from this candidate."""
    return target is None or km(candidate.place, (target.latitude, target.longitude)) <= target.radius_km
