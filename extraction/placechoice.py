"""Which place in a sentence is the event's place.

Order of preference inside the trigger's clause, then the whole sentence:
a place named as the event's ("in the town of X", "shelled X") before a place
the event was near ("near X", "X countryside"), before a reference point used
as a last resort ("8 km west of X", "between X and Y"), before a governorate.
A place right after another one ("Basira in Deir ez-Zor") that names a
governorate is context; a reference with distance and bearing becomes the
anchor of the place before it ("al-Latamina 39 km northwest of Hama").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer.admin import canonical_admin1

from extraction.lexicon import holds_any
from extraction.regions import region_of
from extraction.placecues import ADMIN, EVENT, NEAR, ORG, REFERENCE, PlaceRole
from extraction.sentence import PlaceMention, SentenceFacts

# After another place, a governorate's name introduced by "in"/"of"/"," is where that place lies
# ("Basira in Deir ez-Zor", "Western Ghariyeh - Kahil road in Dar'a", "sub-district of Rural Damascus").
_LIST_GOES_ON = re.compile(r"\s+(?:and|or|&)\s", re.IGNORECASE)
_CONTAINER_GAP = re.compile(
    r"^[^.;:]{0,45}?(?:,|\bin|\bof)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+|rural\s+)?"
    r"(?:countryside\s+of\s+|province\s+of\s+|governorate\s+of\s+)?$",
    re.IGNORECASE,
)
# "... and were taken to the regime-held city of Aleppo": a city gone to is the city itself, not the governorate holding
# the place before ("Bustan al-Qasr in the city of Aleppo" still is where the place lies).
_CITY_OF = re.compile(r"\b(?:to|towards|into|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:city|provincial\s+capital)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|sub-?district|nahiya)\b", re.IGNORECASE)
_IN_DISTRICT_GAP = re.compile(r"^[^.;:]{0,100}\bin\s+(?:the\s+)?$", re.IGNORECASE)
_RURAL_BEFORE = re.compile(r"\b(?:rural|reef|rif)\s+$", re.IGNORECASE)
_DIRECTION_BEFORE = re.compile(
    r"\b(?:north|south|east|west|central)(?:ern)?(?:[- ]?(?:east|west)(?:ern)?)?\s+(?:rural\s+)?$", re.IGNORECASE
)
_POSSESSIVE_AREA = re.compile(r"^(?:'s|’s)\s+(?:[\w-]+\s+){0,3}(?:countryside|province|governorate|region|desert|outskirts)\b", re.IGNORECASE)
_OWNER_OF_NEXT = re.compile(r"^(?:'s|’s|'|’)\s+(?:[\w-]+\s+){0,3}$")
_STRIPPED_OWNER_OF_NEXT = re.compile(r"^\s+(?:(?:opposition|rebel|regime|government|army|is|isis|kurdish|sdf)-(?:held|controlled)|besieged|"
                                     r"eastern|western|northern|southern|central|old)\s+$", re.IGNORECASE)
_KINDS = r"(?:towns?|villages?|cities|city|neighbou?rhoods?|districts?|suburbs?|areas?|countryside|quarters?|camps?)"
_KINDS_OF_NEXT = re.compile(rf"\s+(?:{_KINDS}\s+)?(?:(?:countryside|province|governorate)\s+)?(?:{_KINDS}\s+)?of\s+(?:the\s+)?$", re.IGNORECASE)
_CITY_PARTS_OF = re.compile(r"^\s+(?:city\s+)?(?:neighbou?rhoods?|districts?|quarters?)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_KIND_OF_NEXT = re.compile(rf"\s+{_KINDS}\s+of\s+(?:the\s+)?$", re.IGNORECASE)  # a kind of place is named: "valley town of"
# What ties a place to the one named after it ("Jibrin next to Kafra", "al-Hamidiyeh village to the west of Quneitra
# city"): the second says which of several places of that name is meant.
_NEXT_TO = re.compile(
    r"^\s*(?:(?:town|village|city|area)\s+)?,?\s*(?:next\s+to|adjacent\s+to|close\s+to|near|"
    r"(?:to\s+the\s+)?(?:north|south|east|west)(?:ern)?(?:-?(?:east|west)(?:ern)?)?\s+of)\s+"
    r"(?:the\s+(?:town|village|city)\s+of\s+)?$",
    re.IGNORECASE,
)
# "X and Y", "X, Y and Z", and coordinated phrases: "on X, with two children killed, and on the nearby village of Y".
_LIST_GAP = re.compile(
    # "al-Reshdia neighborhood, al-Tharda mount and Ayash village": each place may carry its kind after it
    r"^\s*(?:(?:neighbou?rhoods?|districts?|quarters?|villages?|towns?|areas?|farms?|suburbs?|mount|mountain|hill|camp)\s*)?"
    r"(?:(?:on|last|this|early|late)\s+\w+day(?:\s+(?:morning|evening|night))?\s*)?"  # "X on Sunday, ... and Y"
    r"(?:,[^,;.()]{1,60},)?\s*(?:,|and|or|,\s*and|,\s*or|&|as\s+well\s+as)\s*(?:\d+\s+)?(?:(?:on|in|at|upon|against)\s+)?(?:the\s+)?"
    r"(?:(?:nearby|neighbouring|neighboring|adjacent)\s+)?(?:(?:towns?|villages?|city|cities)\s+of\s+)?$",
    re.IGNORECASE,
)
# The same list with its commas stripped (FA-KES and some feeds drop them): "Anadan Khan Touman Babees",
# "9 in Alsaliheen 8 in Ansari 5 in Almiyassar".
_BARE_LIST_GAP = re.compile(
    r"^\s+(?:\d+\s+(?:in|at)\s+(?:the\s+)?(?:(?:neighbou?rhoods?|districts?|towns?|villages?)\s+(?:of\s+)?)?)?$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """The event's place(s) for one trigger, with the context that helps resolve them."""

    places: tuple[PlaceMention, ...]
    admin1: str | None  # governorate named in the sentence (canonical)
    anchors: dict  # PlaceMention -> reference PlaceMention with distance/bearing
    precision: int  # best ACLED geo_precision the wording allows
    fallbacks: tuple[PlaceMention, ...] = ()  # other places of the sentence, best first, if the chosen one is unknown
    # False when the governorate was named as the container of another place ("advance towards Al-Hibet
    # in Idleb"): it may place an unknown name, but does not overrule where a known one lies.
    admin1_holds: bool = True
    borrowed: bool = False  # the place comes from another clause of the sentence
    tolls: dict = dataclasses.field(default_factory=dict)  # PlaceMention -> its own count in a breakdown


# A toll broken down by place: "54 civilians were killed ... including 9 in the neighborhood Alsaliheen, 8 in
# Ansari and 1 in each of the districts of Marjah and Salah Addin". Each count is written before its places.
_BREAKDOWN_START = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+them)\s+\d+\s+(?:people\s+|civilians\s+)?(?:were\s+killed\s+)?(?:in|at)\b", re.IGNORECASE)
_BREAKDOWN_WORDS = ("including", "them", "whom")  # what _BREAKDOWN_START cannot match without ("among them")
_COUNT_BEFORE = re.compile(
    r"(?:^|\s)(?P<n>\d+)\s+(?:people\s+|civilians\s+)?(?:were\s+killed\s+)?(?:in|at)\s+(?:each\s+of\s+)?(?:the\s+)?"
    r"(?:(?:neighbou?rhoods?|districts?|towns?|villages?|cities|city|areas?)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)


def breakdown(facts: SentenceFacts, places: Sequence[PlaceMention]) -> PlaceChoice | None:
    """The places of a toll broken down by place, each with its count (a place listed after another under one
    count shares it: "1 in each of Marjah and Salah Addin"); None when the sentence has no such breakdown."""
    text = facts.text
    lower = text.lower()  # (once, not for each word)
    if text.isascii() and not holds_any(lower, _BREAKDOWN_WORDS):
        return None  # (most sentences: found with "in", exact on ASCII text and far cheaper than the pattern)
    found = _BREAKDOWN_START.search(text)
    if found is None:
        return None
    after = sorted((p for p in places if facts.local(p.start) >= found.start() and p.role.role in (EVENT, NEAR)), key=lambda p: p.start)
    tolls: dict = {}
    previous_end, count, each = found.start(), None, False
    for place in after:
        gap = facts.text[previous_end : facts.local(place.start)]
        numbered = _COUNT_BEFORE.search(gap)
        if numbered is not None:
            count, each = int(numbered.group("n")), "each" in numbered.group(0).lower()
        elif count is None or not (_LIST_GAP.match(gap) or _BARE_LIST_GAP.match(gap)):
            break  # the breakdown has ended
        elif not each:
            # "3 in Almiyassar and Karm Albeiq": one count for two places - it goes to the first alone
            tolls[place] = None
            previous_end = facts.local(place.end)
            continue
        tolls[place] = count
        previous_end = facts.local(place.end)
    if sum(1 for n in tolls.values() if n is not None) < 2:
        return None
    chosen = tuple(tolls)
    return PlaceChoice(chosen, None, {}, max(p.role.precision for p in chosen), tolls=tolls)


def sentence_places(facts: SentenceFacts) -> list[PlaceMention]:
    """The sentence's places with roles refined by their neighbours; organisations dropped."""
    places = [p for p in facts.places if p.role.role != ORG]
    out: list[PlaceMention] = []
    for i, place in enumerate(places):
        before = facts.text[max(0, facts.local(place.start) - 30) : facts.local(place.start)]
        if _RURAL_BEFORE.search(before) and canonical_admin1("Rural " + place.text) == "Rif Dimashq":
            # "in rural Damascus": the governorate around the city, not the city.
            place = dataclasses.replace(place, text="Rural " + place.text, role=PlaceRole(ADMIN, 3))
        if place.role.role in (EVENT, NEAR) and canonical_admin1(place.text):
            after = facts.text[facts.local(place.end) : facts.local(place.end) + 60]
            # "eastern Homs", "Hama's north eastern countryside": a part of the governorate.
            if _DIRECTION_BEFORE.search(before) or _POSSESSIVE_AREA.match(after):
                place = dataclasses.replace(place, role=PlaceRole(ADMIN, 3))
        if i and place.role.role in (EVENT, NEAR) and _DISTRICT_AFTER.match(facts.text, facts.local(place.end)):
            # "in the vicinity of Sosa ... in Al-Bukamal district": the district holds the place before it.
            gap = facts.text[facts.local(places[i - 1].end) : facts.local(place.start)]
            if places[i - 1].role.role in (EVENT, NEAR) and _IN_DISTRICT_GAP.search(gap):
                place = dataclasses.replace(place, role=PlaceRole(ADMIN, 3))
        if i + 1 < len(places) and place.role.role in (EVENT, NEAR) and places[i + 1].role.role in (EVENT, NEAR):
            gap = facts.text[facts.local(place.end) : facts.local(places[i + 1].start)]
            if _OWNER_OF_NEXT.match(gap) or (place.text.endswith("s") and _STRIPPED_OWNER_OF_NEXT.match(gap)):
                # "Aleppo's opposition-held Atarib district", "Damascus's Jobar": the owner holds the place after it.
                place = dataclasses.replace(place, role=PlaceRole(REFERENCE, 2))
        if i + 1 < len(places) and place.role.role in (EVENT, NEAR) and places[i + 1].role.role in (EVENT, NEAR) \
                and canonical_admin1(place.text) and _KINDS_OF_NEXT.match(facts.text, facts.local(place.end), facts.local(places[i + 1].start)):
            # "the Damascus suburbs of Ain Tarma, Zamalka and Jobar", "the Idlib towns of Saraqib and Binnish": the
            # governorate names where the places after it lie.
            place = dataclasses.replace(place, role=PlaceRole(ADMIN, 3))
        elif i + 1 < len(places) and region_of(place.text) and place.role.role in (EVENT, NEAR) \
                and places[i + 1].role.role in (EVENT, NEAR) and _KIND_OF_NEXT.match(facts.text, facts.local(place.end), facts.local(places[i + 1].start)):
            # "the Euphrates valley town of Tibni", "the Eastern Ghouta town of Douma": a region that says where the
            # town after it lies is its setting, not the event's place.
            place = dataclasses.replace(place, role=PlaceRole(REFERENCE, 2))
        if i and place.role.role in (EVENT, NEAR) and canonical_admin1(place.text):
            previous = places[i - 1]
            gap = facts.text[facts.local(previous.end) : facts.local(place.start)]
            if previous.role.role in (EVENT, NEAR, REFERENCE) and _CONTAINER_GAP.match(gap) and not _CITY_OF.search(gap):
                place = dataclasses.replace(place, role=PlaceRole(ADMIN, 3))
            elif previous.role.role in (EVENT, NEAR) and gap == " " and not canonical_admin1(previous.text) \
                    and not _LIST_GOES_ON.match(facts.text, facts.local(place.end)):
                # "a terrorist mortar attack on al-Fouaa Idleb" (its comma stripped): the governorate of the town before it.
                place = dataclasses.replace(place, role=PlaceRole(ADMIN, 3))
        out.append(place)
    return out


def _container_owners(facts: SentenceFacts, places: Sequence[PlaceMention], governorates: set[str]) -> set[PlaceMention]:
    """The places a lone governorate is named as the container of ("Al-Hibet in Idleb"); empty when
    the sentence names it otherwise too ("in Idleb province", a second governorate, a list)."""
    if len(governorates) != 1:
        return set()
    owners = set()
    for i, place in enumerate(places):
        if place.role.role != ADMIN:
            continue
        previous = places[i - 1] if i else None
        gap = facts.text[facts.local(previous.end) : facts.local(place.start)] if previous else ""
        if previous is None or previous.role.role == ADMIN or not _CONTAINER_GAP.match(gap) or not gap.strip():
            return set()
        owners.add(previous)
    return owners


def _kinds_named_before(facts: SentenceFacts, places: Sequence[PlaceMention], group: Sequence[PlaceMention]) -> bool:
    """"the Damascus suburbs of Zamalka and Jobar": a governorate that says where the listed places lie, loosely (a
    city's suburbs may lie in its own governorate or the one around it); it places an unknown name of the list but
    does not overrule where a known one lies."""
    first = min(group, key=lambda p: p.start)
    before = [p for p in places if p.end <= first.start]
    gap = facts.text[facts.local(before[-1].end) : facts.local(first.start)] if before else ""
    if _CITY_PARTS_OF.match(gap):
        return False  # "the Aleppo neighborhoods of Tariq al-Bab ... and Bani Zeid": a city's parts lie in it
    return bool(before) and before[-1].role.role == ADMIN and _KINDS_OF_NEXT.match(
        facts.text, facts.local(before[-1].end), facts.local(first.start)) is not None


# A place this far from the event's place (characters between them) is another clause's:
# "in Kafr Zeita town district as part of the regime's attempt to advance towards Al-Hibet in Idleb",
# unlike "Al-Balaa neighborhood of Harasta in Rural Damascus" or "between Nayrab and Sarmin in Idleb".
_OTHER_CLAUSE_CHARS = 40


def _far_apart(facts: SentenceFacts, group: Sequence[PlaceMention], owner: PlaceMention) -> bool:
    if owner in group:
        return False
    gaps = [owner.start - p.end if p.end <= owner.start else p.start - owner.end for p in group]
    return min(gaps) > _OTHER_CLAUSE_CHARS


# "X near Khan Shaykhun on Sunday": what locates the first place of a list is not a break in the list.
# (its kind may come first, and a stripped comma before the vicinity: "al-Reshdia neighborhood vicinity of al-Tharda
# mount and Ayash village")
_LOCATING = re.compile(
    r"^\s*(?:(?:neighbou?rhood|village|town|district|area|city)\s+)?"
    r"(?:near|next to|close to|outside|(?:in\s+)?the vicinity of|vicinity of|on the outskirts of)\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+)?$",
    re.IGNORECASE,
)


# "al-Shihan Bridge near al-Salhin neighborhood in al-Bu Kamal countryside and Tarif Bridge": after the place that
# locates the first, the area it lies in, with its kind before or after it.
_LIES_IN = re.compile(
    r"^\s*(?:(?:neighbou?rhood|village|town|district|area|city)\s+)?in\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:countryside\s+of\s+)?$",
    re.IGNORECASE,
)
_KIND_AFTER = re.compile(r"\s*(?:countryside|province|governorate|neighbou?rhood|village|town|district|area)\b", re.IGNORECASE)


def _list_gap(facts: SentenceFacts, a: PlaceMention, b: PlaceMention) -> str:
    """The words between two places of a list, without a place that only locates the first ("X near Y ...") and
    the area that one lies in ("... near al-Salhin neighborhood in al-Bu Kamal countryside")."""
    start, end = facts.local(a.end), facts.local(b.start)
    located = False
    for place in facts.places:
        p_start, p_end = facts.local(place.start), facts.local(place.end)
        if not (start <= p_start and p_end <= end):
            continue
        if place.role.role in (NEAR, REFERENCE) and _LOCATING.match(facts.text[start:p_start]):
            start, located = p_end, True
        elif located and place.role.role in (NEAR, REFERENCE, ADMIN) and _LIES_IN.match(facts.text[start:p_start]):
            kind = _KIND_AFTER.match(facts.text, p_end, end)
            start = kind.end() if kind else p_end
    return facts.text[start:end]


def _group(facts: SentenceFacts, places: Sequence[PlaceMention], chosen: PlaceMention) -> list[PlaceMention]:
    """The chosen place and those listed with it ("Jariz and Kafra")."""
    group = [chosen]
    ordered = sorted(places, key=lambda p: p.start)
    index = ordered.index(chosen)
    for direction in (1, -1):
        j = index
        while 0 <= j + direction < len(ordered):
            a, b = (ordered[j], ordered[j + direction]) if direction == 1 else (ordered[j + direction], ordered[j])
            gap = _list_gap(facts, a, b)
            if b.role.role != chosen.role.role or not (_LIST_GAP.match(gap) or _BARE_LIST_GAP.match(gap)):
                break
            group.append(ordered[j + direction])
            j += direction
    return sorted(group, key=lambda p: p.start)


# What stands between a place and the violence it suffered when the place is the verb's subject: "Idlib province came
# under heavy bombardment", "the town was shelled", "Kafr Nabl has been hit by".
_UNDERGOES = re.compile(
    r"\s+(?:(?:province|governorate|city|town|village|district|neighbou?rhoods?|areas?|countryside|camp)\s+)?"
    r"(?:(?:also|again|then|reportedly|later)\s+)?"
    r"(?:came\s+under|comes?\s+under|(?:has|have|had)\s+come\s+under|(?:was|were|(?:has|have|had)\s+been)(?:\s+(?:hit|targeted|struck)\s+by)?)"
    r"\s+(?:(?:a|an|the|heavy|intense|renewed|fresh|intensive|violent|new|repeated|fierce|deadly)\s+){0,3}$",
    re.IGNORECASE,
)


def _undergoer(facts: SentenceFacts, places: Sequence[PlaceMention], trigger: tuple[int, int]) -> PlaceMention | None:
    """The place right before the trigger that is its verb's subject ("Idlib province came under heavy bombardment")."""
    before = [p for p in places if p.end <= trigger[0] and p.role.role in (EVENT, NEAR, ADMIN)]
    if not before:
        return None
    place = before[-1]
    if not _UNDERGOES.fullmatch(facts.text, facts.local(place.end), facts.local(trigger[0])):
        return None
    held = [p for p in before[:-1] if p.role.role in (EVENT, NEAR) and place.start - p.end <= _CONTAINED_CHARS]
    # ("The villages of Masqan and Ehras in the northern countryside of Aleppo were liberated": the governorate only
    # says where the subject's places lie)
    return held[-1] if place.role.role == ADMIN and held else place


_CONTAINED_CHARS = 60
_WRITTEN_AS_CITY = re.compile(r"\bcity\s+of\s+$", re.IGNORECASE)


def _another_governorates_city(facts: SentenceFacts, place: PlaceMention, admin1: str | None) -> bool:
    """"Idlib province came under bombardment as rebels battled for control of the nearby city of Aleppo": a city
    written as such that bears another governorate's name is that governorate's city, not a place in this one."""
    own = canonical_admin1(place.text)
    return own is not None and admin1 is not None and own != admin1 and _WRITTEN_AS_CITY.search(
        facts.text, max(0, facts.local(place.start) - 12), facts.local(place.start)) is not None


def choose_places(facts: SentenceFacts, *, region: tuple[int, int], trigger: tuple[int, int],
                  others: Sequence[tuple[int, int]] = ()) -> PlaceChoice:
    """Pick the event's place(s) for the trigger at ``trigger`` inside ``region`` (article offsets); a place
    borrowed from elsewhere in the sentence is never one inside ``others`` (the clauses of other kinds of event)."""
    places = sentence_places(facts)
    admins = [p for p in places if p.role.role == ADMIN]
    admin1 = next((canonical_admin1(p.text) for p in admins if canonical_admin1(p.text)), None)
    owners = _container_owners(facts, places, {canonical_admin1(p.text) for p in admins} - {None})
    if admin1 is None:
        admin1 = next((region_of(p.text)[1] for p in places if p.source == "region" and region_of(p.text)), None)
    anchors: dict = {}
    for i, place in enumerate(places):
        if place.role.role == REFERENCE and place.role.distance_km is not None:
            before = [p for p in places[:i] if p.role.role in (EVENT, NEAR)]
            if before:
                anchors[before[-1]] = place
        elif i and place.role.role in (NEAR, REFERENCE) and places[i - 1].role.role in (EVENT, NEAR, REFERENCE) \
                and places[i - 1] not in anchors:
            # "the town of Jibrin next to Kafra": Kafra tells which Jibrin (or where to put an unknown one).
            gap = facts.text[facts.local(places[i - 1].end) : facts.local(place.start)]
            if _NEXT_TO.match(gap):
                anchors[places[i - 1]] = place
    parts = breakdown(facts, places)
    if parts is not None:
        return dataclasses.replace(parts, admin1=admin1, anchors=anchors)
    inside = [p for p in places if region[0] <= p.start < region[1]]
    undergoer = _undergoer(facts, inside, trigger)
    if undergoer is not None:
        # "Idlib province came under heavy bombardment Sunday as rebels battled for control of the nearby city of
        # Aleppo", "Kafr Nabl was shelled as ...": the place the violence was done to is the verb's subject, before it.
        rest = tuple(p for r in (EVENT, NEAR, REFERENCE, ADMIN) for p in places if p.role.role == r and p is not undergoer)
        if undergoer.role.role == ADMIN:
            return PlaceChoice((undergoer,), admin1, anchors, 3, rest)
        group = _group(facts, [p for p in places if p.role.role == undergoer.role.role], undergoer)
        return PlaceChoice(tuple(group), admin1, anchors, undergoer.role.precision, tuple(p for p in rest if p not in group))
    lendable = [p for p in places if not any(a <= p.start < b for a, b in others)] if others else places
    for borrowed, pool in ((False, inside), (True, lendable)):
        roles = (EVENT, NEAR, REFERENCE, ADMIN) if not borrowed else (EVENT, NEAR, REFERENCE)
        for role in roles:
            candidates = [p for p in pool if p.role.role == role]
            if not candidates:
                continue
            after = [p for p in candidates if p.start >= trigger[1]]
            if role == EVENT and not borrowed:
                # "assault in Aleppo City, targeting the Tariq al-Bab area": a place after the verb,
                # even one it is only near, is its object; the place before may be the setting. So is an area
                # named right after the verb before any other place ("shelling the Aqrab area near the Housing Project").
                near_after = [p for p in pool if p.role.role == NEAR and p.start >= trigger[1] and (not after or p.start < after[0].start)]
                if near_after:
                    candidates, after, role = near_after, near_after, NEAR
            # The nearest place after the trigger, else the nearest before it.
            chosen = after[0] if after else candidates[-1]
            if role == ADMIN:
                # "launched an offensive in the northern Hama countryside, targeting ...": the region is the place.
                rest = [p for r in (EVENT, NEAR, REFERENCE) for p in places if p.role.role == r]
                # ("in Syria's Aleppo province": the governorate, not the country before it)
                region = next((p for p in candidates if p.source != "country"), candidates[0])
                return PlaceChoice((region,), admin1, anchors, 3, tuple(rest))
            if borrowed or role == REFERENCE:
                # A place from another clause, or a reference point: only near it.
                group = [chosen]
                precision = max(chosen.role.precision, 2)
            else:
                group = _group(facts, candidates, chosen)
                precision = chosen.role.precision
            rest = [p for r in (EVENT, NEAR, REFERENCE, ADMIN) for p in places if p.role.role == r and p not in group]
            holds = not any(_far_apart(facts, group, owner) for owner in owners) and not _kinds_named_before(facts, places, group) \
                and not any(_another_governorates_city(facts, p, admin1) for p in group)
            return PlaceChoice(tuple(group), admin1, anchors, precision, tuple(rest), admin1_holds=holds, borrowed=borrowed)
    if admins:
        return PlaceChoice((admins[0],), admin1, anchors, 3)
    return PlaceChoice((), admin1, anchors, 3)
