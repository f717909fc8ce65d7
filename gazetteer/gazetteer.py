"""The ``Gazetteer``: bundled table + local store (+ optional online fallback) behind one interface.

Retrieve (``index``), rank in context (``ranking``), then answer with a
``Resolution`` that is either a place or an explicit "unresolved" with a reason.
"""

from __future__ import annotations

import contextvars
import dataclasses
import gc
import os
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from pathlib import Path

from gazetteer import settings
from gazetteer.admin import canonical_admin1, canonical_admin2
from gazetteer.answers import (
    COUNTRY_KEYS,
    MAX_NAME_CHARS,
    ONLINE_ENV,
    SYRIA,
    check_name,
    in_governorate,
    is_latin,
    outside_named_governorate,
    precision_of,
    relation_of,
)
from gazetteer.context import Context, capitalised_names, context_from_text, within_for
from gazetteer.errors import InputError
from gazetteer.generic import LANDFORMS, loose_forms, split_generic
from gazetteer.index import DEFAULT_FUZZY_THRESHOLD, Hit, PlaceIndex, place_key
from gazetteer.normalise import is_arabic, is_generic_word, normalise_name
from gazetteer.ranking import Target, consistent, km, rank, relative_target
from gazetteer.records import PRECISION_EXACT, PRECISION_NEAR, PRECISION_REGION, SYRIA_BBOX, Candidate, Place, Resolution, is_major
from gazetteer.store import load_places_with_keys, store_path, store_stamp, stored_total, transaction, upsert_places
from gazetteer.table import BUNDLED, read_keys, read_places

_PART_SEPARATOR = re.compile(r"\s+[-–—]\s+")
# A city's name followed by a quarter's name with its article: "Daraa al-Balad", "Aleppo al-Jadida".
_CITY_QUARTER = re.compile(r"^(\S+(?:\s+(?:ez|az|al|el)-\S+)?)\s+((?:al|el|ad|ar|as|ash|at|az|an)-\S.*)$", re.IGNORECASE)
_REGION_WORD = re.compile(r"\b(province|governorate|countryside|muhafazah)\b", re.IGNORECASE)
_RURAL_WORD = re.compile(r"\b(rural|rif|reef)\b", re.IGNORECASE)
SHORT_SKELETON_NEAR_KM = 30.0
# "Binan al-Hos": one capitalised word, then one more after an article ("al-", "el-").
_HEAD_THEN_ARTICLE = re.compile(r"^([A-Z][a-z'’]{4,})\s+(?:al|el|ad|as|ar|ash|at|az|an)-[A-Za-z'’]+$")
PART_OF_KM = 15.0
NEAREST_SPELLING = 70.0  # rapidfuzz ratio: how unlike a name a place may be spelled and still be offered for it
UNRESOLVED_CANDIDATES = 5
# How far over the border of the governorate a text names a known place may lie and still be that place: texts
# file border villages under the governorate next door ("Beit Sahm ... of southern Damascus", OCHA's Rif Dimashq).
BORDER_KM = 5.0
ANSWER_CACHE = 50_000  # a neighbourhood or quarter lies this close to the town it is part of  # a loose match this close to the article's other places is believable
# One Gazetteer per (data dir, store stamp, online), shared by every caller, the dashboard's
# session threads included.  ``add_place`` mutates it in place on purpose: a place an editor adds
# must be known at once to every session, even when the store's (mtime, size) stamp has not moved
# (coarse clocks).  Mutation is under the instance lock; readers do not take it, so PlaceIndex
# builds its lazy tables from snapshots and publishes them whole.
_CACHE: dict[tuple, Gazetteer] = {}
_CACHE_LOCK = threading.Lock()
# Set while resolve_all asks whether a name resolves at all (an unknown name again, with the others as context): an
# unresolved answer is then thrown away, so its candidates and reason are not built, nor is it remembered.
# A context variable: each thread (dashboard sessions share one Gazetteer) has its own.
_ONLY_IF_RESOLVED: contextvars.ContextVar[bool] = contextvars.ContextVar("only_if_resolved", default=False)


class Gazetteer:
    """Resolve Syrian place names as written in news to places, in context."""

    def __init__(
        self,
        places: Sequence[Place],
        *,
        store: Path | None = None,
        online: object | None = None,
        fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
    ) -> None:
        self._bundled_count = len(places)
        self._index = PlaceIndex([SYRIA])
        keys = _bundled_keys() if places is _BUNDLED else None
        gc.disable()  # many small objects, no cycles (see below)
        try:
            for n, place in enumerate(places):
                if keys is not None:
                    self._index.add(place, keys[n][0], keys[n][1])
                else:
                    self._index.add(place)
        finally:
            gc.enable()
        self._store = store
        self._online = online  # an OnlineGeocoder (gazetteer.online) or None
        self.fuzzy_threshold = fuzzy_threshold
        self._lock = threading.Lock()
        self._spelling_cache: dict[str, bool] = {}
        # Answers by (name, context): the same names recur across articles (pure while no place is added).
        self._answers: dict[tuple[str, Context | None], Resolution] = {}
        self._nearest_hits: dict[str, list[Hit]] = {}
        self._by_admin1: dict[str, tuple[list[Place], list[float]]] = {}  # see _communities
        if store is not None:
            # Building ~1 million small objects triggers the cyclic GC over and over; none of
            # them form cycles, so it is paused while loading (halves the load time).
            # A stored row that a bundled place already merged (GeoNames' Douma in OCHA's Duma) stays that
            # one place: the full GeoNames dump imported over the bundled table adds no duplicates.
            merged = {ref for place in places for ref in place.also}
            gc.disable()
            try:
                for place, keys in load_places_with_keys(store):
                    if place.source != "user" and f"{place.source}:{place.source_id}" in merged:
                        continue
                    self._index.add(place, keys)
            finally:
                gc.enable()

    @classmethod
    def default(cls, *, data_dir: Path | None = None, online: bool | None = None) -> Gazetteer:
        """Bundled table + the local store under ``data_dir`` (cached until the store changes).

        The online fallback is off unless ``online=True`` or ``CONFLICT_MAP_ONLINE_GEOCODER=1``.
        """
        directory = Path(data_dir) if data_dir is not None else settings.data_dir()
        use_online = online if online is not None else os.environ.get(ONLINE_ENV, "") in ("1", "true", "yes")
        path = store_path(directory)
        key = (str(directory.resolve()), store_stamp(path), use_online)
        with _CACHE_LOCK:
            found = _CACHE.get(key)
            if found is None:
                geocoder = None
                if use_online:
                    from gazetteer.online import OnlineGeocoder

                    geocoder = OnlineGeocoder(cache=path)
                found = cls(_bundled(), store=path, online=geocoder)
                _CACHE.clear()
                _CACHE[key] = found
            return found

    def __len__(self) -> int:
        return len(self._index)

    def warm(self) -> None:
        """Build the lazy lookup tables now (a long-running user, the extraction pipeline, pays once up front)."""
        self._index.warm()

    def forget_answers(self) -> None:
        """Empty the answer cache (benchmarks measure resolving, not remembering)."""
        self._answers = {}
        self._nearest_hits = {}

    # -- answers -------------------------------------------------------------

    def resolve(self, name: str, *, context: Context | None = None) -> Resolution:
        """The place a name means in this context, or an explicit unresolved answer with the reason."""
        name = check_name(name)
        key = (name, context)
        cached = self._answers.get(key)
        if cached is not None:
            return cached
        answer = self._resolve(name, context)
        # An online miss may be a network failure: ask again later. An answer only asked for if resolved is incomplete.
        if (self._online is None and not _ONLY_IF_RESOLVED.get()) or answer.resolved:
            if len(self._answers) >= ANSWER_CACHE:
                self._answers.clear()
            self._answers[key] = answer
        return answer

    def _resolve(self, name: str, context: Context | None) -> Resolution:
        context = self._expand(context or Context())
        if context.within is None and context.text and (town := within_for(context.text, name)):
            context = dataclasses.replace(context, within=town)
        if context.within and normalise_name(context.within) != normalise_name(name):
            # "the X neighbourhood of Aleppo": X inside that town if the tables know it there.
            plain = dataclasses.replace(context, within=None)
            inside = self._part_of(name, name, within=context.within, context=plain, fallback=False)
            if inside is not None:
                return inside
            # Not known there: a place of that name in the town's governorate is meant ("the Jisr al-Shughur
            # district of Idlib"); one elsewhere is not, the town is (precision 2).
            # (the town is named as written: a governorate hinted for the place does not turn "Daraa" into Aleppo's "Dar")
            town = self._resolve_one(context.within, dataclasses.replace(plain, admin1_hints=()))
            found = self._resolve_one(name, plain)
            if town.resolved and town.place is not None and town.place.feature not in ("governorate", "region", "country") and not (
                # (a neighbourhood belongs to its own city: Aleppo's Ashrafiyeh is not Afrin's)
                found.resolved and found.place is not None and found.place.admin1 == town.place.admin1
                and found.place.feature != "neighbourhood"
            ):
                return dataclasses.replace(
                    town, query=name, precision=PRECISION_NEAR, score=round(town.score * 0.8, 4), candidates=found.candidates,
                    reason=f"{name!r} is not known in {context.within!r}; placed at {context.within!r}, of which it is a part: {town.reason}",
                )
        res = self._resolve_one(name, context)
        if res.method == "relative":
            # "al-Mallah Farms area northwest of Aleppo": the known place its plain form names (Al-Mallah), if it lies
            # where the text says, is better than a point computed near Aleppo.
            known = self._resolve_generic(name, context)
            target = relative_target(context, self._anchors(name, context))
            if known is not None and known.method != "relative" and known.place is not None and target is not None \
                    and km(known.place, (target.latitude, target.longitude)) <= target.radius_km:
                res = known
        if not res.resolved:
            res = self._resolve_generic(name, context) or self._by_its_head(name, context) or res
        parts = [p.strip() for p in _PART_SEPARATOR.split(name) if p.strip()]
        if not res.resolved and len(parts) == 1 and (quarter := _CITY_QUARTER.match(name)):
            # "Daraa al-Balad", "Daraa al-Mahatta", "Deir ez-Zor al-Jbeileh": a city's name, then its quarter's
            # with the article - the quarter if the tables know it there, else the city (precision 2).
            city = self._resolve_one(quarter.group(1), context)
            if city.resolved and city.place is not None and city.place.feature not in ("governorate", "region", "country") \
                    and city.place.capital == 1 and city.method in ("exact", "normalised"):  # a governorate's capital: not Al-Bab
                return self._part_of(name, quarter.group(2), within=quarter.group(1), context=context) or res
        if res.resolved or len(parts) != 2:
            return res
        # "Damascus - Jobar" (ACLED's "town - part of it"): the part, near the town, if known; else the town, approximately.
        return self._part_of(name, parts[1], within=parts[0], context=context) or res

    def _part_of(self, name: str, part: str, *, within: str, context: Context, fallback: bool = True) -> Resolution | None:
        """``part`` inside the town ``within`` ("the al-Zahraa neighbourhood of Aleppo", "Damascus - Jobar").

        The part must lie within PART_OF_KM of the town (a same-named village elsewhere
        is refused); an unknown part is placed at the town with precision 2 (``fallback``).
        """
        town = self._resolve_one(within, context)
        if not fallback and (not town.resolved or town.place is None or town.place.feature in ("governorate", "region", "country")):
            return None
        if not town.resolved:
            found = self._resolve_one(part, context)
            return dataclasses.replace(found, query=name) if found.resolved else None
        anchor = town.place
        inner = dataclasses.replace(context, near=(anchor,), admin1=context.admin1 or anchor.admin1)
        hits = self._index.lookup(part, fuzzy_threshold=self.fuzzy_threshold) or self._confirmed_short(part, inner)
        inside = [
            c for c in rank(hits, inner, None)
            if c.place.feature not in ("governorate", "district", "subdistrict", "country", "region")
            and km(c.place, (town.latitude, town.longitude)) <= PART_OF_KM
        ]
        if inside:
            # A neighbourhood OCHA files under this very town first, then the ranking's order.
            town_keys = {normalise_name(n) for n in (anchor.name, *anchor.alternate_names) if not is_arabic(n)}
            inside.sort(key=lambda c: not (c.place.parent and normalise_name(c.place.parent) in town_keys))
            found = self._answer(part, tuple(inside), hits)
            return dataclasses.replace(found, query=name, reason=f"{part!r} of {within!r}: {found.reason}")
        if town.precision == PRECISION_EXACT and fallback:
            return dataclasses.replace(
                town, query=name, precision=PRECISION_NEAR, score=town.score * 0.8,
                reason=f"{part!r} is not known in {within!r}; placed at {within!r}, of which it is a part: {town.reason}",
            )
        return None

    def _resolve_generic(self, name: str, context: Context) -> Resolution | None:
        """"Aleppo City" as Aleppo; "Kuweires Military Airport" near Kuweires (precision 2); then the
        loose forms ("Tal Kasrah" near Kasrah, "Jurdi al-Sharqi" near Jurdi, "Hbit-Kafr Ain" near Hbit)."""
        split = split_generic(name)
        if split is None or not split[0]:
            for rest, kind in loose_forms(name):
                found = self._answer_as(name, rest, kind, context)
                if found is not None:
                    return found
            return None
        return self._answer_as(name, *split, context)

    def _by_its_head(self, name: str, context: Context) -> Resolution | None:
        """"Binan al-Hos" (Banan, in the al-Hass plain), "Droushan al-Durra": an unknown "X al-Y" whose first word is a
        place the context confirms - in the governorate the text names, or near its other places - is placed near it
        (precision 2). The tables list many villages by their first word only, while the news adds the area or the
        family ("Banan al-Hass"); unconfirmed, X might be any of the homonyms, and a two-word name is not guessed. The
        first word must be a name of five letters or more, found as spelled: the short ones are words ("Bab al-Nayrab",
        a gate; "Khan al-Assad", an inn; "Dar al-Qada", a house) that a loose spelling turns into a town."""
        match = _HEAD_THEN_ARTICLE.match(name)
        if match is None or is_generic_word(match.group(1)) or match.group(1).casefold() in LANDFORMS:
            return None
        allowed = {canonical_admin1(a) for a in (context.admin1, *context.admin1_hints) if a} - {None}
        if not allowed and not context.near:
            return None
        found = self._resolve_one(match.group(1), context)
        place = found.place
        if not found.resolved or place is None or found.method not in ("exact", "normalised", "variant") \
                or place.feature in ("governorate", "district", "subdistrict", "region", "country"):
            return None
        if not (place.admin1 in allowed or any(km(place, p) <= SHORT_SKELETON_NEAR_KM for p in context.near)):
            return None
        return dataclasses.replace(
            found, query=name, precision=PRECISION_NEAR, score=round(found.score * 0.8, 4),
            reason=f"{name!r} is not known; placed at {match.group(1)!r}, the place its first word names: {found.reason}",
        )

    def _answer_as(self, name: str, rest: str, kind: str, context: Context) -> Resolution | None:
        if not rest or len(rest) < 3 or rest == name:
            return None
        found = self._resolve_one(rest, context)
        if not found.resolved:
            return None
        if kind == "same" or (found.precision or 1) >= PRECISION_NEAR:
            return dataclasses.replace(found, query=name, reason=f"as {rest!r}: {found.reason}")
        return dataclasses.replace(
            found, query=name, precision=PRECISION_NEAR, score=round(found.score * 0.8, 4),
            reason=f"{name!r} is not known; placed at {rest!r}, which it is part of or near: {found.reason}",
        )

    def _resolve_one(self, name: str, context: Context) -> Resolution:
        region = self._region(name)
        if region is not None:
            return Resolution(
                query=name, place=region, precision=PRECISION_REGION, score=1.0, method="region",
                candidates=(Candidate(region, 1.0, (f"names a {region.feature}",)),), reason=f"{region.feature} named as a region",
                latitude=region.latitude, longitude=region.longitude,
            )
        hits = self._index.lookup(name, fuzzy_threshold=self.fuzzy_threshold)
        admin1 = canonical_admin1(context.admin1) if context.admin1 else None
        if not hits or all(h.method == "fuzzy" for h in hits) or (admin1 and not any(in_governorate(h.place, admin1) for h in hits)):
            # Nothing, or nothing in the governorate named: a loose spelling the context confirms may be the place.
            hits = hits + self._confirmed_short(name, context)
        anchors = self._anchors(name, context)
        target = relative_target(context, anchors)
        candidates = tuple(rank(hits, context, target))
        outside = outside_named_governorate(candidates, hits, context)
        if outside and self._just_over_border(candidates[0].place, hits, context):
            outside = ""
        if candidates and consistent(candidates[0], target) and not outside:
            return self._answer(name, candidates, hits)
        if target is not None and relation_of(context) in ("offset", "near", "between"):
            return self._relative(name, target, anchors, candidates, context)
        if not candidates and self._online is not None:
            found = self._online.geocode(name)
            if found is not None:
                cand = Candidate(found, 0.7, ("online geocoder (Nominatim, country_codes=sy)",))
                return Resolution(
                    query=name, place=found, precision=precision_of(found), score=0.7, method="online",
                    candidates=(cand,), reason="not in the local tables; found by the online geocoder",
                    latitude=found.latitude, longitude=found.longitude,
                )
        if _ONLY_IF_RESOLVED.get():
            # (no caller reads an unresolved answer's candidates or reason in this mode: see resolve_all)
            return Resolution(query=name, place=None, precision=None, score=0.0, method="unresolved")
        if not candidates:
            candidates = self._nearest_candidates(name, context)
        reason = self._unresolved_reason(name, candidates)
        if outside:
            reason = f"{outside}; {reason}"
        return Resolution(
            query=name, place=None, precision=None, score=0.0, method="unresolved", candidates=candidates, reason=reason,
        )

    def resolve_all(self, names: Sequence[str], *, context: Context | None = None) -> list[Resolution]:
        """Resolve names found together; each is ranked near the others. One failure never hides the rest."""
        context = self._expand(context or Context())
        first = [self._safe_resolve(name, context) for name in names]
        settled = [r.place for r in first if r.place is not None and r.precision != PRECISION_REGION and _settled(r)]
        out = []
        for name, res in zip(names, first, strict=True):
            # Several towns of that name: the others named decide (or refuse a far guess).
            if res.place is not None and len(res.candidates) > 1 and not (_settled(res) and res.method in ("exact", "normalised")):
                others = tuple(p for p in settled if p is not res.place)
                res = self._safe_resolve(name, dataclasses.replace(context, near=context.near + others))
            elif res.place is None and settled:
                # Unknown alone: a near miss (Kefraya/Kafraya, a three-consonant skeleton) the others named
                # confirm, lying within SHORT_SKELETON_NEAR_KM of one of them (al-Fuaa).
                # Kept only if resolved: an unresolved answer need not be built in full. (Not with a text or a town the
                # name lies in: _resolve then answers with the town, carrying the unresolved name's candidates.)
                token = _ONLY_IF_RESOLVED.set(not context.text and context.within is None)
                try:
                    again = self._safe_resolve(name, dataclasses.replace(context, near=context.near + tuple(settled)))
                finally:
                    _ONLY_IF_RESOLVED.reset(token)
                res = again if again.resolved else res
            out.append(res)
        return out

    def candidates(self, name: str, *, limit: int = 10) -> list[Candidate]:
        """Places a name may mean, fuzzy ones included with their scores (for a "pick one" list)."""
        name = check_name(name)
        hits = self._index.lookup(name, fuzzy_threshold=self.fuzzy_threshold, fuzzy=False)
        seen = {place_key(h.place) for h in hits}
        hits += [h for h in self._index.fuzzy(name, threshold=min(self.fuzzy_threshold, 70.0), limit=limit, wide=True) if place_key(h.place) not in seen]
        return rank(hits, Context(), None)[:limit]

    def governorate(self, name: str) -> Place | None:
        """The governorate place (precision 3) for any spelling of a governorate, else None."""
        canonical = canonical_admin1(name)
        if canonical is None:
            return None
        return next(h.place for h in self._index.lookup(canonical, fuzzy=False) if h.place.feature == "governorate")

    def places_named_in(self, text: str, *, exclude: Sequence[str | None] = ()) -> tuple[Place, ...]:
        """Known towns named in a text whose reading is unambiguous (context for the others)."""
        skip = {normalise_name(n) for n in exclude if n}
        found: dict[tuple[str, str], Place] = {}
        for written in capitalised_names(text):
            if normalise_name(written) in skip or len(written) < 3:
                continue
            hits = [h for h in self._index.lookup(written, fuzzy=False) if h.method in ("exact", "normalised")]
            ranked = [c for c in rank(hits, Context(), None) if c.place.feature not in ("governorate", "country")]
            if len(ranked) == 1:
                found[place_key(ranked[0].place)] = ranked[0].place
        return tuple(found.values())

    def knows_spelling(self, written: str) -> bool:
        """True when a name is a spelling of a known town, through the exact, normalised or
        skeleton tier (not fuzzy); lets a recogniser find "Thiban" though only Dhiban is listed."""
        found = self._spelling_cache.get(written)
        if found is None:
            if len(self._spelling_cache) > 100_000:
                self._spelling_cache.clear()
            found = False
            if len(written) >= 4:
                quick = self._index.known_key(written)  # exact or folded key of a town: no grading needed
                found = quick if quick is not None else any(
                    h.place.feature not in ("governorate", "district", "country") for h in self._index.lookup(written, fuzzy=False)
                )
            self._spelling_cache[written] = found
        return found

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """Every (name or alternate as written, place key) pair in Latin script or Arabic.

        Keys are "source:source_id".  All-lower-case Latin alternates (GeoNames' consonant
        transliterations such as "dwma") and other scripts are left out: news does not use them.
        """
        for spelling, (source, source_id) in self._index.spellings():
            if len(spelling) < 3 or _only_qualifiers(spelling):
                continue
            if is_arabic(spelling) or (is_latin(spelling) and spelling[:1].isupper() or spelling[:1] in "'‘`ʿ"):
                yield spelling, f"{source}:{source_id}"

    def place(self, key: str) -> Place | None:
        """The place for a key from ``surface_forms`` ("source:source_id")."""
        source, _, source_id = key.partition(":")
        return self._index.get((source, source_id))

    # -- user places -----------------------------------------------------------

    def governorate_near(self, latitude: float, longitude: float, *, max_km: float = 25.0) -> tuple[str, str] | None:
        """(governorate, "Name, 2.1 km") of the nearest known populated place with a governorate within
        ``max_km``; None when there is none (a point in the desert far from any community)."""
        nearest = self.nearest_community(latitude, longitude, max_km=max_km)
        if nearest is None:
            return None
        place, distance = nearest
        return place.admin1, f"{place.name}, {distance:.1f} km"

    def nearest_community(self, latitude: float, longitude: float, *, max_km: float = 25.0) -> tuple[Place, float] | None:
        """The known populated place with a governorate nearest the point, and its distance in km, when one lies
        within ``max_km`` (no region, admin unit or approximate point): the representative town of a point
        given only as a distance and bearing from another place ("50 km northeast of Aleppo")."""
        from gazetteer.ranking import km

        point = (latitude, longitude)
        best: tuple[float, Place] | None = None
        for place in self._index.places():
            if not place.admin1 or place.source in ("region", "admin") or place.approximate:
                continue
            if abs(place.latitude - latitude) > 0.3 or abs(place.longitude - longitude) > 0.4:
                continue
            distance = km(point, place)
            if distance <= max_km and (best is None or distance < best[0]):
                best = (distance, place)
        return None if best is None else (best[1], best[0])

    def _just_over_border(self, place: Place, hits: Sequence[Hit], context: Context) -> bool:
        """An exact spelling of a place within ``BORDER_KM`` of the governorate the text names: "Harfa village in
        Quneitra countryside" is OCHA's Herfa (Rif Dimashq), 3 km from Quneitra's nearest village, not an unknown
        namesake.  Looser spellings stay refused: they are as likely another village the tables lack."""
        method = next((h.method for h in hits if h.place is place), "")
        admin1 = canonical_admin1(context.admin1) if context.admin1 else None
        return method == "exact" and admin1 is not None and self.km_to_governorate(place, admin1, max_km=BORDER_KM) is not None

    def km_to_governorate(self, place: Place, admin1: str, *, max_km: float = 25.0) -> float | None:
        """Kilometres from ``place`` to the nearest known community of governorate ``admin1``, or None when
        there is none within ``max_km``: how far a place lies outside a governorate a text puts it in."""
        best: float | None = None
        communities, latitudes = self._communities(admin1)
        # Only those within 0.31 degrees of latitude can pass the 0.3 test below (found by bisection, not by a scan).
        first = bisect_left(latitudes, place.latitude - 0.31)
        for other in communities[first : bisect_right(latitudes, place.latitude + 0.31, first)]:
            if abs(other.latitude - place.latitude) > 0.3 or abs(other.longitude - place.longitude) > 0.4:
                continue
            distance = km((place.latitude, place.longitude), other)
            if distance <= max_km and (best is None or distance < best):
                best = distance
        return best

    def _communities(self, admin1: str) -> tuple[list[Place], list[float]]:
        """The known communities of a governorate (no region, admin unit or approximate point): what
        km_to_governorate measures to, listed once instead of filtering every place at each call; ordered by
        latitude, with their latitudes."""
        found = self._by_admin1.get(admin1)
        if found is None:
            places = sorted(
                (p for p in self._index.places() if p.admin1 == admin1 and p.source not in ("region", "admin") and not p.approximate),
                key=lambda p: p.latitude,
            )
            found = self._by_admin1[admin1] = (places, [p.latitude for p in places])
        return found

    def add_place(
        self,
        name: str,
        *,
        latitude: float,
        longitude: float,
        admin1: str | None = None,
        admin2: str | None = None,
        note: str = "",
        alternate_names: Sequence[str] = (),
    ) -> Place:
        """Add or correct a place; it persists in the local store and wins over the bundled table."""
        name = check_name(name)
        try:
            lat, lon = float(latitude), float(longitude)
        except (TypeError, ValueError) as err:
            raise InputError(f"coordinates must be numbers, got {latitude!r}, {longitude!r}") from err
        south, north, west, east = SYRIA_BBOX
        if not (south <= lat <= north and west <= lon <= east):
            raise InputError(f"({lat}, {lon}) is outside Syria (lat {south}..{north}, lon {west}..{east})")
        canonical = canonical_admin1(admin1) if admin1 else None
        if admin1 and canonical is None:
            raise InputError(f"unknown governorate {admin1!r}")
        if canonical is None:
            # Clicked on a map or typed without a governorate: that of the nearest known place, so that the
            # place counts as placed in a governorate (filters, exports, ACLED's admin1) like any other.
            near = self.governorate_near(lat, lon)
            if near is not None:
                canonical, where = near
                note = f"{note}; governorate from the nearest known place ({where})".lstrip("; ")
        # Keyed by name and governorate: adding the same name again there corrects it, while
        # a homonym in another governorate is a place of its own.
        place = Place(
            name=name, latitude=lat, longitude=lon, admin1=canonical,
            admin2=(canonical_admin2(admin2) or admin2.strip()) if admin2 and admin2.strip() else None,
            feature="populated place", source="user", source_id=f"{normalise_name(name) or name}|{canonical or '-'}", note=note,
            alternate_names=tuple(a.strip() for a in alternate_names if a and a.strip()),
        )
        path = self._store if self._store is not None else store_path(settings.data_dir())
        with self._lock:
            with transaction(path) as conn:
                upsert_places(conn, [place])
            self._store = path
            self._index.add(place)
            self._spelling_cache = {}  # it may hold "unknown" for the name just added
            self._answers = {}
            self._nearest_hits = {}
            self._by_admin1 = {}
        return place

    # -- helpers -----------------------------------------------------------------

    def _safe_resolve(self, name: str, context: Context) -> Resolution:
        try:
            return self.resolve(name, context=context)
        except InputError as err:
            return Resolution(query=str(name)[:MAX_NAME_CHARS], place=None, precision=None, score=0.0, method="invalid", reason=str(err))

    def _expand(self, context: Context) -> Context:
        if context.text and context.anchor_name is None and not context.admin1:
            return context_from_text(context.text, self, base=context)
        return context

    def _region(self, name: str) -> Place | None:
        if normalise_name(name) in COUNTRY_KEYS:
            return SYRIA
        if _REGION_WORD.search(name) or _RURAL_WORD.search(name):
            return self.governorate(name)
        return None

    def _anchors(self, name: str, context: Context) -> list[Place]:
        names = context.anchor_names or ((context.anchor_name,) if context.anchor_name else ())
        if any(anchor and normalise_name(anchor) == normalise_name(name) for anchor in names):
            return []  # the name is itself the reference point ("between Azaz and Marea" when resolving Azaz)
        anchors = []
        for anchor in names:
            if not anchor:
                continue
            hits = self._index.lookup(anchor, fuzzy_threshold=self.fuzzy_threshold)
            ranked = rank(hits, Context(admin1=context.admin1), None)
            if ranked:
                anchors.append(ranked[0].place)
        return anchors

    def _answer(self, name: str, candidates: tuple[Candidate, ...], hits: Sequence[Hit]) -> Resolution:
        best = candidates[0]
        method = "user" if best.place.source == "user" else next(h.method for h in hits if h.place is best.place)
        reason = "; ".join(best.reasons)
        if len(candidates) > 1:
            reason += f" (best of {len(candidates)} candidates)"
        return Resolution(
            query=name, place=best.place, precision=precision_of(best.place), score=best.score, method=method,
            candidates=candidates, reason=reason, latitude=best.place.latitude, longitude=best.place.longitude,
        )

    def _relative(
        self, name: str, target: Target, anchors: list[Place], candidates: tuple[Candidate, ...], context: Context
    ) -> Resolution:
        anchor = anchors[0]
        admin1 = anchor.admin1 or (canonical_admin1(context.admin1) if context.admin1 else None)
        place = Place(
            name=name, latitude=target.latitude, longitude=target.longitude, admin1=admin1, admin2=anchor.admin2,
            feature="populated place", source="relative", source_id=target.how, approximate=True,
            note=f"placed {target.how} (computed from the text)",
        )
        rejected = f"; rejected {len(candidates)} candidate(s) too far from it" if candidates else ""
        return Resolution(
            query=name, place=place, precision=PRECISION_NEAR, score=0.5 if relation_of(context) == "offset" else 0.4,
            method="relative", candidates=candidates,
            reason=f"placed approximately: {target.how}{rejected}",
            latitude=target.latitude, longitude=target.longitude, extra={"relation": relation_of(context)},
        )

    def _confirmed_short(self, name: str, context: Context) -> list[Hit]:
        """A three-consonant skeleton match (Tadaf/Tadif), or a longer one spelled too unlike for ``lookup``
        (al-Reshdia/Rashdiyeh: ``PlaceIndex.loose_skeleton``), when the context agrees: the one such place
        in the governorate named nearby, or within SHORT_SKELETON_NEAR_KM of another place of the text."""
        if not (context.admin1 or context.near or context.admin1_hints):
            return []
        admin1 = canonical_admin1(context.admin1) if context.admin1 else None
        allowed = {admin1} if admin1 else {canonical_admin1(h) for h in context.admin1_hints} - {None}
        agreeing = [
            hit for hit in self._index.short_skeleton(name) + self._index.loose_skeleton(name)
            if hit.place.feature not in ("governorate", "district", "country")
            and (not allowed or hit.place.admin1 in allowed)
            and (not context.near or min(km(hit.place, p) for p in context.near) <= SHORT_SKELETON_NEAR_KM)
        ]
        return agreeing if len({place_key(h.place) for h in agreeing}) == 1 else []

    def _nearest_candidates(self, name: str, context: Context) -> tuple[Candidate, ...]:
        """For a name no table knows: the places spelled most like it (rapidfuzz on folded keys, looser
        than any tier that answers), nearest the article's other places first, so a reviewer can pick
        one or add the place."""
        if len(normalise_name(name).replace(" ", "")) < 4:
            return ()
        hits = self._nearest_hits.get(name)
        if hits is None:
            # Keys starting with the same letter only: scoring every key (``wide``) cost extraction a third of its time.
            hits = self._index.fuzzy(name, threshold=NEAREST_SPELLING, limit=UNRESOLVED_CANDIDATES * 2)
            hits = [h for h in hits if h.place.feature not in ("subdistrict", "governorate", "district", "country")]
            if len(self._nearest_hits) >= ANSWER_CACHE:
                self._nearest_hits.clear()
            self._nearest_hits[name] = hits  # the spelling part does not depend on the context; the ranking does
        return tuple(rank(hits, context, None)[:UNRESOLVED_CANDIDATES])

    def _unresolved_reason(self, name: str, candidates: tuple[Candidate, ...]) -> str:
        stored = stored_total(self._store) if self._store is not None else 0
        reason = (
            f"{name!r} is not in the bundled table ({self._bundled_count} places: OCHA's communities, GeoNames, regions)"
            f" or the local store ({stored} places); place it (python -m gazetteer add NAME --lat LAT --lon LON, or on the"
            " Upload page) or import another gazetteer: python -m gazetteer import FILE"
        )
        if self._online is None:
            reason += f"; or enable the online fallback ({ONLINE_ENV}=1)"
        elif getattr(self._online, "last_error", ""):
            reason += f"; {self._online.last_error}"
        if candidates:
            reason += f"; {len(candidates)} candidate(s) to choose from: " + ", ".join(
                f"{c.place.name} ({c.place.admin1 or 'Syria'})" for c in candidates[:UNRESOLVED_CANDIDATES]
            )
        return reason


# Words that qualify a name rather than name a place: OCHA's "Tab Issa - Eastern And Western" left the
# alternates "Eastern And Western" and "Al-Gharbi" (the western one); alone they name nothing.
_QUALIFIERS = frozenset(
    "east eastern west western north northern south southern upper lower middle central big small new old and wa "
    "al el gharbi gharbiyah gharbiyeh sharqi sharqiyah sharqiyeh shamali shamaliyah janubi janubiyah waghrbiyah".split()
)


def _only_qualifiers(spelling: str) -> bool:
    words = re.findall(r"[a-z]+", spelling.lower())
    return bool(words) and all(w in _QUALIFIERS for w in words)


def _settled(res: Resolution) -> bool:
    """An answer sure enough to be context for the others: the only town of that name (its
    subdistrict or district of the same name aside), or a major place named as written."""
    towns = [c for c in res.candidates if c.place.feature not in ("subdistrict", "district", "governorate", "country")]
    return len(towns) <= 1 or (is_major(res.place) and res.method in ("exact", "normalised"))


_BUNDLED: list[Place] | None = None
_BUNDLED_KEYS: list | None = None


def bundled_places() -> list[Place]:
    """The bundled table's places (read once per process; do not modify the list)."""
    return _bundled()


def _bundled() -> list[Place]:
    global _BUNDLED
    if _BUNDLED is None:
        _BUNDLED = read_places(BUNDLED)
    return _BUNDLED


def _bundled_keys() -> list | None:
    """The bundled table's precomputed lookup keys (None when stale: then they are folded at load)."""
    global _BUNDLED_KEYS
    if _BUNDLED_KEYS is None:
        _BUNDLED_KEYS = read_keys(BUNDLED, len(_bundled())) or []
    return _BUNDLED_KEYS or None
