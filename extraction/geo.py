"""Where an event happened: the gazetteer resolves the event's place in the
context of the whole article (every other place named, the governorate named
in the sentence, a reference point with distance and bearing).

A named region (Eastern Ghouta, Jabal al-Zawiya) is put at its representative
point with geo_precision 2.  A name the gazetteer does not know stays an unresolved ``Resolution`` (listed
in the result, never dropped); the event then falls back to the governorate
named in the sentence, or to the country, with geo_precision 3 - never to a
town it was not reported at.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from geopy.distance import distance as geo_distance

from gazetteer import Context, Gazetteer, Place, Resolution
from gazetteer.admin import canonical_admin1
from gazetteer.context import parts_of_towns, town_of
from gazetteer.gazetteer import BORDER_KM, bundled_places
from gazetteer.ranking import km
from gazetteer.normalise import normalise_name
from gazetteer.records import is_major

from extraction.placecues import ADMIN, EVENT, OLD_QUARTER, ORG, REFERENCE
from extraction.regions import region_of, surrounding_region
from extraction.sentence import BODY, CAPTION, HEADLINE, SKIP, PlaceMention, SentenceFacts


@dataclass(frozen=True, slots=True)
class Located:
    """The answer for one event: coordinates, admin units and where they came from."""

    location: str | None
    latitude: float | None
    longitude: float | None
    admin1: str | None
    admin2: str | None
    precision: int | None
    location_text: str | None
    location_source: str
    resolution: Resolution | None = None
    named: bool = False  # the place named in the text was found (not a fallback)


# A distance and bearing from a town of more than this are computed (geopy's destination point); within it the
# town itself is the place, as ACLED codes "near" events. Also the least radius searched for the point's town.
_OFFSET_MIN_KM = 10.0
_LOCAL_MARGIN_KM = 10.0  # how much nearer the sentences around a homonym must put it to overrule the article-wide choice


class Locator:
    """Resolves an article's places once, then each event's place in its sentence's context."""

    def __init__(self, gazetteer: Gazetteer, sentences: list[SentenceFacts]) -> None:
        self.gz = gazetteer
        self._cache: dict[tuple, Resolution] = {}
        self._told: dict[str, str | None] = {}  # name -> the governorate another sentence names with it
        names: list[str] = []
        # "the al-Zahraa neighbourhood of Aleppo", "Aleppo's Sheikh Maqsoud": looked for inside that town.
        self._within: dict[str, tuple[str, int]] = {}  # name -> (town, index of the sentence that says so)
        # Mentions written as a part of a city ("the neighbourhood of Bab al-Nairab", "Karm al-Beik
        # district"): start offset -> (the town it is said to lie in, or None, the sentence's index).
        self._city_parts: dict[int, tuple[str | None, int]] = {}
        self._sentences = sentences
        self._cities: set[str] = set()  # names written as a city somewhere in the article ("Afrin city", "the city of X")
        for facts in sentences:
            if facts.kind == SKIP:
                continue
            parts = parts_of_towns(facts.text) if facts.places else {}
            for place in facts.places:
                town = town_of(parts, place.text)
                if place.text not in self._within and town and town != place.text:
                    self._within[place.text] = (town, facts.index)
                if place.role.role == EVENT and _written_as_city_part(facts.text, facts.local(place.start), facts.local(place.end)):
                    old = OLD_CITY.fullmatch(place.text)
                    if town is None and old is not None:
                        # "Aleppos Old City" (its apostrophe stripped), "Aleppo's Old City": Aleppo's
                        owner = _TOWN_OWNS.search(facts.text, max(0, facts.local(place.start) - 40), facts.local(place.start))
                        town = old.group(1) or (owner.group(1) if owner else None)
                    self._city_parts[place.start] = (town if town != place.text else None, facts.index)
                if _written_as_city(facts.text, facts.local(place.start), facts.local(place.end)):
                    self._cities.add(place.text)
                # Regions (Eastern Ghouta, al-Ghab) are placed by the region branch of ``locate``.
                if place.role.role != ORG and place.source != "region" and place.text not in names:
                    names.append(place.text)
        self.article: dict[str, Resolution] = dict(zip(names, gazetteer.resolve_all(names), strict=True)) if names else {}
        for name in self._cities & self.article.keys():
            self.article[name] = _the_city(self.article[name])
        self.near: tuple[Place, ...] = tuple(
            r.place for r in self.article.values() if _settled(r)
        )
        self.country = gazetteer.resolve("Syria")
        admins = {self.admin1_of(p) for f in sentences if f.kind in (BODY, HEADLINE, CAPTION) for p in f.places}
        admins.discard(None)
        self.single_admin1 = admins.pop() if len(admins) == 1 else None

    def _told_admin1(self, name: str) -> str | None:
        """The one governorate another sentence names with ``name`` ("Taduf which lies in the northeast of Syrias
        Aleppo province"), for that name where the article tells it alone: an unknown village is placed there
        (asked once a name: every draft at the unknown name asks again)."""
        if name not in self._told:
            self._told[name] = self._find_told_admin1(name)
        return self._told[name]

    def _find_told_admin1(self, name: str) -> str | None:
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        for facts in self._sentences:
            if facts.kind == SKIP or name not in facts.text or not pattern.search(facts.text):
                continue
            governorates = {canonical_admin1(p.text) for p in facts.places if p.role.role == ADMIN} - {None}
            if len(governorates) == 1:
                return governorates.pop()
        return None

    def admin1_of(self, place: PlaceMention) -> str | None:
        """The governorate a place mention stands for or lies in."""
        if place.role.role == ADMIN and canonical_admin1(place.text):
            return canonical_admin1(place.text)  # else a town's countryside: the town's governorate
        if place.source == "region" and region_of(place.text):
            return region_of(place.text)[1]
        resolution = self.article.get(place.text)
        return resolution.place.admin1 if resolution is not None and resolution.place is not None else None

    def resolve(
        self, place: PlaceMention, *, admin1: str | None, anchor: PlaceMention | None = None, hint: str | None = None
    ) -> Resolution:
        hint = None if admin1 else hint
        within = self._within_for(place)  # (per mention: a part of this sentence's town, or of none)
        key = (place.text, admin1, anchor.text if anchor else None, anchor.role.distance_km if anchor else None, hint, within)
        if key in self._cache:
            return self._cache[key]
        near = tuple(p for p in self.near if p.name != place.text)
        context = Context(admin1=admin1, near=near, within=within, admin1_hints=(hint,) if hint else ())
        if anchor is not None and anchor.role.distance_km is not None and anchor.role.bearing_deg is not None:
            context = dataclasses.replace(
                context,
                anchor_name=anchor.text,
                distance_km=anchor.role.distance_km,
                bearing_deg=anchor.role.bearing_deg,
                relation="offset",
            )
        elif anchor is not None:
            context = dataclasses.replace(context, anchor_name=anchor.text, relation="near")
        if admin1 is None and anchor is None and context.within is None and not hint:
            resolution = self.article.get(place.text) or self.gz.resolve(place.text, context=context)
            resolution = self._local_homonym(place, resolution, context)
        else:
            resolution = self.gz.resolve(place.text, context=context)
        if place.text in self._cities:
            resolution = _the_city(resolution)
        self._cache[key] = resolution
        return resolution

    def _within_for(self, place: PlaceMention) -> str | None:
        """The town the article says ``place`` is part of ("the al-Sabil neighbourhood of Daraa"), unless the mention
        stands in another sentence among places of another governorate only ("the neighborhoods of al-Sabil
        al-Furqan and al-Midan" in Aleppo): a round-up names homonymous quarters of several cities."""
        told = self._within.get(place.text)
        if told is None:
            return None
        town, index = told
        facts = self._sentence_of(place)
        if facts is None or facts.index == index:
            return town
        found = self.article.get(town)
        if found is None or found.place is None:
            return town
        around = {
            r.place.admin1 for other in facts.places
            if other.text != place.text and other.role.role == EVENT and _settled(r := self.article.get(other.text))
        }
        return None if len(around) == 1 and found.place.admin1 not in around else town

    def _local_homonym(self, place: PlaceMention, resolution: Resolution, context: Context) -> Resolution:
        """Between places spelled alike (one match tier), the one nearest the places of the sentences around
        the mention, when that is nearer than the article-wide choice."""
        if not resolution.resolved or resolution.place is None or is_major(resolution.place) \
                or resolution.method not in ("exact", "normalised") or len(resolution.candidates) < 2:
            return resolution
        local = self._local_near(place)
        if not local:
            return resolution
        alt = self.gz.resolve(place.text, context=dataclasses.replace(context, near=local))
        if alt.place is None or alt.place == resolution.place or alt.method != resolution.method or is_major(alt.place):
            return resolution
        if min(km(alt.place, p) for p in local) + _LOCAL_MARGIN_KM >= min(km(resolution.place, p) for p in local):
            return resolution
        return alt

    def _area_homonym(self, place: PlaceMention, resolution: Resolution, areas: frozenset[str]) -> Resolution:
        """Between places spelled alike (one match tier, none a major town), one in a governorate where the
        sentence's actors fight (``data/actor_areas.csv``) when the choice lies outside them."""
        if not resolution.resolved or resolution.place is None or resolution.place.admin1 in areas \
                or is_major(resolution.place) or resolution.method not in ("exact", "normalised") or len(resolution.candidates) < 2:
            return resolution
        context = Context(near=tuple(p for p in self.near if p.name != place.text), admin1_hints=tuple(sorted(areas)))
        alt = self.gz.resolve(place.text, context=context)
        if alt.place is None or alt.place.admin1 not in areas or alt.method != resolution.method or is_major(alt.place):
            return resolution
        return alt

    def _local_near(self, place: PlaceMention) -> tuple[Place, ...]:
        """The places resolved in the sentences around ``place`` (two before, one after)."""
        own = self._sentence_of(place)
        if own is None:
            return ()
        out = []
        for facts in self._sentences[max(0, own.index - 2): own.index + 2]:
            for other in facts.places:
                found = self.article.get(other.text)
                if other.text != place.text and _settled(found) and found.place not in out:
                    out.append(found.place)
        return tuple(out)

    def _sentence_of(self, place: PlaceMention) -> SentenceFacts | None:
        """The sentence a mention stands in."""
        return next((f for f in self._sentences if f.start <= place.start < f.end), None)

    def locate(
        self, place: PlaceMention, *, admin1: str | None, anchor: PlaceMention | None, precision: int,
        fallback_admin1: str | None = None, areas: frozenset[str] = frozenset(),
    ) -> Located:
        """Locate an event at ``place``; fall back to the governorate or country when unknown.

        ``fallback_admin1`` is a governorate the sentence names for another place: it decides between
        homonyms (a hint, never a refusal) and places an unknown name.
        """
        if place.role.distance_km is not None and place.role.bearing_deg is not None and place.role.distance_km > _OFFSET_MIN_KM:
            # "the village 50km Northeast of Aleppo city": no place of its own is named, only the point. (Nearer,
            # "8 km west of Ain al-Arab", ACLED codes the reference town itself with geo_precision 2.)
            offset = self._offset_from(place, admin1=admin1, written=place.text)
            if offset is not None:
                return offset
        if place.role.role == REFERENCE and place.role.distance_km is None \
                and (around := surrounding_region(place.text, place.role.bearing_deg)) is not None:
            # "in rebel areas east of Damascus", naming no place of its own: the city's surroundings on that side.
            region = self.gz.resolve(around)
            if region.resolved and region.place is not None and region.place.feature == "region":
                how = f"region:{region.place.source_id}, {around} lies {place.role.bearing_deg:g} degrees from {place.text}"
                return dataclasses.replace(_from_place(region.place, 2, place.text, how), resolution=region, named=True)
        if place.role.role == ADMIN:
            region = self.gz.governorate(place.text)
            if region is not None:
                return _from_place(region, 3, place.text, "governorate named in the sentence")
        # Every named region of the gazetteer is in region_of's table (extraction.regions reads its rows).
        named_region = region_of(place.text)
        if named_region is not None:
            region = self.resolve(place, admin1=None, anchor=None) if anchor is None else None
            # The governorate the sentence names wins over the region table's, except the city-only
            # Damascus governorate: "the eastern Ghouta of Damascus" is the countryside around it.
            if admin1 in _CITY_GOVERNORATES and named_region[1] == _CITY_GOVERNORATES[admin1]:
                admin1 = None
            if region is not None and region.resolved and region.place is not None and region.place.feature == "region":
                # The region's representative point (gazetteer/data/named_regions.csv), part of a region: precision 2.
                # A region crosses governorates' borders: the governorate the sentence names says which side.
                located = _from_place(region.place, max(precision, 2), place.text, f"region:{region.place.source_id}")
                side = canonical_admin1(admin1) if admin1 else None
                if side and side != region.place.admin1:
                    located = dataclasses.replace(located, admin1=side, admin2=None)
                return dataclasses.replace(located, resolution=region, named=True)
            return self.fallback(admin1 or named_region[1], written=place.text)
        resolution = self.resolve(place, admin1=admin1, anchor=anchor, hint=fallback_admin1)
        if areas and admin1 is None and anchor is None and not fallback_admin1:
            resolution = self._area_homonym(place, resolution, areas)
        if resolution.resolved and resolution.place is not None and resolution.place.feature == "country" and admin1:
            # "reinforcements to southern Syria ... in Dar'a province": the governorate is the finer place.
            return dataclasses.replace(self.fallback(admin1, written=place.text), resolution=resolution)
        if resolution.resolved and resolution.place is not None:
            if admin1 and resolution.place.admin1 and canonical_admin1(admin1) != resolution.place.admin1 \
                    and not self._on_border(resolution.place, canonical_admin1(admin1)):
                # The sentence names another governorate: trust it over a homonym elsewhere (a place just over
                # that governorate's border is the place itself).
                fallback = self.fallback(admin1, written=place.text)
                return dataclasses.replace(fallback, resolution=resolution)
            best = max(precision, resolution.precision or 1)
            source = f"{resolution.place.source}:{resolution.place.source_id} ({resolution.method})"
            # (built at once: _from_place then dataclasses.replace made it twice)
            found = resolution.place
            return Located(
                location=found.name, latitude=resolution.latitude, longitude=resolution.longitude, admin1=found.admin1,
                admin2=found.admin2, precision=best, location_text=place.text, location_source=source, resolution=resolution,
                named=True,
            )
        near = self._facility_town(place, admin1) or self._city_of_part(place, admin1)
        if near is not None:
            return dataclasses.replace(near, resolution=resolution)
        told = self._told_admin1(place.text) if not (admin1 or fallback_admin1) else None
        if told is not None:
            # the governorate another sentence names with this place: it may settle a loose spelling, else places it
            return self.locate(place, admin1=None, anchor=anchor, precision=precision, fallback_admin1=told, areas=areas)
        if anchor is not None and anchor.role.distance_km is not None and anchor.role.bearing_deg is not None:
            # "Salsana, 50 km northeast of Aleppo": a village the tables lack, put where the text's distance puts it.
            offset = self._offset_from(anchor, admin1=admin1, written=place.text)
            if offset is not None:
                return dataclasses.replace(offset, resolution=resolution)
        # An unknown spelling of a governorate ("Idleb front", "Daraa al-Balad") still names the governorate.
        fallback = self.fallback(
            admin1 or canonical_admin1(place.text) or _leading_admin1(place.text) or fallback_admin1, written=place.text
        )
        return dataclasses.replace(fallback, resolution=resolution)

    def _on_border(self, place: Place, admin1: str | None) -> bool:
        """The place lies within ``BORDER_KM`` of a community of ``admin1``: a text that puts a border village in
        the governorate next door ("Beit Sahm ... of southern Damascus", OCHA's Rif Dimashq) names its
        surroundings, not another village of the same name far away."""
        return bool(admin1) and self.gz.km_to_governorate(place, admin1, max_km=BORDER_KM) is not None

    def _facility_town(self, place: PlaceMention, admin1: str | None) -> Located | None:
        """"Damascus International Airport", "Hama Airbase" not in the table: near the town it is named after."""
        words = place.text.split()
        if len(words) < 2 or words[-1].lower() not in _FACILITIES:
            return None
        for size in range(len(words) - 1, 0, -1):
            head = " ".join(words[:size])
            if canonical_admin1(head) is None and size == 1 and len(head) < 4:
                break
            town = self.gz.resolve(head, context=Context(admin1=admin1, near=self.near))
            if town.resolved and town.place is not None and town.precision != 3:
                located = _from_place(town.place, 2, place.text, f"near {head}: {town.place.source}:{town.place.source_id}")
                return dataclasses.replace(located, latitude=town.latitude, longitude=town.longitude, named=True)
        return None

    def _city_of_part(self, place: PlaceMention, admin1: str | None) -> Located | None:
        """A neighbourhood the gazetteer does not know, of a city it does: at the city, geo_precision 2.

        The city is the one the text says it lies in ("... of Aleppo"), else one whose name it starts with
        ("Daraa al-Mahata"), else the city with neighbourhoods named nearest before it: in its sentence,
        then in the ``_PART_LOOKBACK`` sentences before (a round-up of several cities names each).
        """
        words = place.text.split()
        leading = next(
            (" ".join(words[:size]) for size in range(len(words) - 1, 0, -1)
             if _ARTICLE.match(words[size]) and self._city(" ".join(words[:size]), admin1)),
            None,
        )  # "Daraa al-Mahata", "Homs al-Jadida": a city's name, then its quarter's with the article
        part = self._city_parts.get(place.start)
        if part is None and leading is None:
            # "districts struck included al-Shaar al-Sukkari al-Sakhour and Karam al-Beik": listed after a city's own
            # neighbourhoods, an unknown name is one of that city's too.
            city = self._siblings_city(place)
            return self._city_of_part_named(place, city, admin1) if city else None
        names = [leading] if leading else []
        if part is not None:
            town, index = part
            names = ([town] if town else []) + names
            if not names:
                names = self._cities_before(index, place.start)
        for name in names:
            located = self._city_of_part_named(place, name, admin1)
            if located is not None:
                return located
        return None

    def _siblings_city(self, place: PlaceMention) -> str | None:
        """The city whose neighbourhoods the places listed before ``place`` in its sentence are, or None."""
        facts = self._sentence_of(place)
        if facts is None or _SAID_TO_LIE_IN.match(facts.text, facts.local(place.end)):
            return None  # ("and Deir Salam in al-Houla": where the text says it lies decides)
        for other in reversed([p for p in facts.places if p.end <= place.start and p.role.role == place.role.role]):
            found = self.resolve(other, admin1=None)
            if found.resolved and found.place is not None and found.place.feature == "neighbourhood" and found.place.parent:
                return found.place.parent
        return None

    def _city_of_part_named(self, place: PlaceMention, name: str, admin1: str | None) -> Located | None:
        city = self._city(name, admin1)
        if city is None:
            return None
        located = _from_place(city, 2, place.text, f"part of {city.name} not in the gazetteer: placed at {city.source}:{city.source_id}")
        return dataclasses.replace(located, named=True)

    def _city(self, name: str, admin1: str | None) -> Place | None:
        """The city with neighbourhoods ``name`` stands for, in ``admin1`` when one is given."""
        if normalise_name(name) not in _cities_with_parts():
            return None
        found = self.gz.resolve(name, context=Context(admin1=admin1, near=self.near))
        if not found.resolved or found.place is None or found.precision == 3 or not is_major(found.place):
            return None
        if admin1 and found.place.admin1 and canonical_admin1(admin1) != found.place.admin1:
            return None
        return found.place

    def _cities_before(self, index: int, start: int) -> list[str]:
        """Place names of the article from the mention backwards: the same sentence first, then earlier ones."""
        names: list[str] = []
        for facts in reversed(self._sentences[max(0, index - _PART_LOOKBACK) : index + 1]):
            if facts.kind == SKIP:
                continue
            names += [p.text for p in reversed(facts.places) if p.start < start and p.role.role != ORG]
        return names

    def _offset_from(self, reference: PlaceMention, *, admin1: str | None, written: str) -> Located | None:
        """The community nearest the point a distance and bearing from ``reference`` ("50km Northeast of Aleppo
        city"), with geo_precision 2 (ACLED's representative town of a place near it); None when the reference
        is unknown or no community lies within a third of the distance (a point in the desert: the old answer)."""
        origin = self.resolve(reference, admin1=admin1, anchor=None)
        if not origin.resolved or origin.place is None or origin.latitude is None or origin.longitude is None:
            return None
        kilometres, bearing = reference.role.distance_km, reference.role.bearing_deg
        point = geo_distance(kilometers=kilometres).destination((origin.latitude, origin.longitude), bearing=bearing)
        nearest = self.gz.nearest_community(point.latitude, point.longitude, max_km=max(_OFFSET_MIN_KM, kilometres / 3))
        if nearest is None:
            return None
        town, away = nearest
        how = f"nearest community ({away:.1f} km) to {kilometres:g} km at bearing {bearing:g} from {origin.place.name}"
        return _from_place(town, 2, written, how)

    def fallback(self, admin1: str | None, *, written: str | None = None) -> Located:
        """Governorate level when one is known, else country level; precision 3 either way."""
        for name in (admin1, self.single_admin1):
            region = self.gz.governorate(name) if name else None
            if region is not None:
                return _from_place(region, 3, written, "governorate level: place not known or not named")
        place = self.country.place
        return Located(
            location=place.name if place else "Syria",
            latitude=self.country.latitude,
            longitude=self.country.longitude,
            admin1=None,
            admin2=None,
            precision=3,
            location_text=written,
            location_source="country level: no place named",
        )


# A governorate that is a city only -> the governorate around it (regions of the latter are not in the former).
_CITY_GOVERNORATES = {"Damascus": "Rif Dimashq"}

_FACILITIES = frozenset(
    "airport airbase base camp prison hospital dam field fields crossing road highway bridge roundabout square "
    "district neighbourhood neighborhood quarter suburb farms factory factories station school mosque market "
    "checkpoint hill hills mountain mountains valley plain".split()
)


# "the neighbourhood of X", "in the districts of X Y and Z", "X neighbourhood": X is part of a city.
_PART_BEFORE = re.compile(
    r"\b(?:neighbou?rhoods?|districts?|quarters?)\s+(?:of\s+)?(?:the\s+)?"
    r"(?:(?:[A-Z]|al-|el-|an-|as-|ash-|ad-|at-|ar-|az-)[\w'’-]*\s+(?:and\s+)?){0,8}$"
)
_PART_LOOKBACK = 2
_ARTICLE = re.compile(r"(?:al|el|as|ash|ad|at|ar|az|an)-", re.I)
_PART_AFTER = re.compile(r"^\s*(?:neighbou?rhood|district|quarter)\b", re.I)


# "Afrin city", "the city of Afrin", "the provincial capital of X": the name is a city's.
_CITY_BEFORE = re.compile(r"\b(?:city|capital)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CITY_AFTER = re.compile(r"\s+city\b", re.IGNORECASE)
_AREAS = frozenset({"governorate", "district", "subdistrict", "country"})


def _settled(resolution: Resolution | None) -> bool:
    """Resolved to a place finer than a governorate, not a point computed from another place: context for others."""
    return resolution is not None and resolution.place is not None and resolution.precision != 3 \
        and resolution.method != "relative"


def _written_as_city(text: str, start: int, end: int) -> bool:
    return bool(_CITY_AFTER.match(text, end) or _CITY_BEFORE.search(text, max(0, start - 30), start))


def _the_city(resolution: Resolution) -> Resolution:
    """A name the text calls a city is the town of that name that is one (an admin capital, a big town), not a
    village spelled alike nearer the article's other places: "clashes ... in Afrin city in Aleppo" is Afrin, the
    district's capital, not the village of Afrin 16 km from Aleppo. Only a town matched at least as closely, in the
    same governorate (a district or subdistrict of the name is an area, not the city)."""
    place = resolution.place
    if place is None or is_major(place) or not resolution.candidates:
        return resolution
    city = next((c for c in resolution.candidates if is_major(c.place) and c.place.admin1 == place.admin1
                 and c.place.feature not in _AREAS and c.score >= resolution.score), None)
    if city is None:
        return resolution
    return dataclasses.replace(
        resolution, place=city.place, score=city.score, latitude=city.place.latitude, longitude=city.place.longitude,
        reason=f"written as a city: {city.place.name} ({city.place.source}:{city.place.source_id}), not the village spelled alike; "
               f"{resolution.reason}",
    )


# "the Old City", "Aleppos Old City" (placecues.OLD_QUARTER), with the city that owns it when written.
OLD_CITY = re.compile(rf"(?:([A-Z][\w-]+?)(?:'s|’s|s)\s+)?{OLD_QUARTER}")
_TOWN_OWNS = re.compile(r"\b([A-Z][\w-]+?)(?:'s|’s|s)\s+$")


def _written_as_city_part(text: str, start: int, end: int) -> bool:
    if OLD_CITY.fullmatch(text, start, end):
        return True
    before = text[max(0, start - 160) : start]
    # _PART_BEFORE (case-sensitive) needs one of these words: the plain tests spare most places its end-anchored search.
    named = "neighbo" in before or "district" in before or "quarter" in before
    return bool((named and _PART_BEFORE.search(before)) or _PART_AFTER.match(text[end : end + 20]))


@lru_cache(maxsize=1)
def _cities_with_parts() -> frozenset[str]:
    """Normalised names of the cities the bundled table lists neighbourhoods of (Aleppo, Damascus, Homs, ...)."""
    return frozenset(normalise_name(p.parent) for p in bundled_places() if p.parent)


def _leading_admin1(text: str) -> str | None:
    """The governorate a name starts with ("Daraa al-Balad" -> Daraa)."""
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        found = canonical_admin1(" ".join(words[:size]))
        if found:
            return found
    return None


_SAID_TO_LIE_IN = re.compile(r"\s+(?:in|near|of)\s")


def _from_place(place: Place, precision: int, written: str | None, source: str) -> Located:
    return Located(
        location=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        admin1=place.admin1,
        admin2=place.admin2,
        precision=precision,
        location_text=written,
        location_source=source,
    )
