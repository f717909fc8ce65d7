"""What the text around a name says about where it is.

``Context`` carries the clues a resolver can use: a governorate named nearby,
other places resolved in the same article, and relative phrases
("39 kilometres northwest of Hama", "next to Kafra", "between Azaz and Marea").
``context_from_text`` reads these clues from free text (the CLI's ``--context``;
extraction may call it on a sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from gazetteer.admin import canonical_admin1, governorate_of_district
from gazetteer.records import Place



class KnowsPlaces(Protocol):
    """What context_from_text needs of a gazetteer (the ``Gazetteer`` facade is one): the towns a text
    names unambiguously.  A protocol, so this module does not import the facade built on it."""

    def places_named_in(self, text: str, *, exclude: tuple[str | None, ...] = ...) -> tuple[Place, ...]: ...

BEARINGS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
    "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0,
    "n": 0.0, "ne": 45.0, "e": 90.0, "se": 135.0, "s": 180.0, "sw": 225.0, "w": 270.0, "nw": 315.0,
}
_MILE_KM = 1.609344


@dataclass(frozen=True)
class Context:
    """Clues about where a name is; every field is optional."""

    admin1: str | None = None  # a governorate named nearby (any spelling; canonicalised when used)
    near: tuple[Place, ...] = ()  # other places resolved in the same article
    anchor_name: str | None = None  # "Hama" in "39 kilometres northwest of Hama"
    distance_km: float | None = None
    bearing_deg: float | None = None  # 0 north, 90 east
    text: str = ""  # free text; parsed with context_from_text when a gazetteer resolves with it
    relation: str | None = None  # "offset", "near", "between", "direction" (set by context_from_text)
    anchor_names: tuple[str, ...] = ()  # both ends of "between X and Y"
    within: str | None = None  # the town the name is part of ("the X neighbourhood of Aleppo", "Aleppo's X")
    admin1_hints: tuple[str, ...] = ()  # governorates named elsewhere in the sentence: decide between homonyms, refuse nothing


# A place name in running text: capitalised words, articles and hyphens allowed inside.
# Word length is bounded so that a 10,000-letter "word" cannot make matching quadratic.
_NAME = r"((?:(?:al|el|ad|as|ar|ash|at|az|an)[-\s])?[A-Z][\w'’‘`\-]{0,40}(?:[\s-](?:(?:al|el|ad|as|ar|ash|at|az|an|ez|es)[-\s])?[A-Z][\w'’‘`\-]{0,40}){0,3})"
_DIRECTION = r"((?i:north[\s-]?east|north[\s-]?west|south[\s-]?east|south[\s-]?west|north|south|east|west)|[NSEW]{1,2})"
_UNIT = r"(?i:(km|kms|kilometres|kilometers|kilometre|kilometer|mi|miles?))"
_OFFSET = re.compile(
    rf"(\d+(?:[.,]\d+)?)\s*-?\s*{_UNIT}\s+(?i:to\s+the\s+)?{_DIRECTION}(?:ern)?\s+of\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?{_NAME}"
)
_NEAR = re.compile(
    rf"\b(?i:next\s+to|near(?:by)?|close\s+to|adjacent\s+to|outskirts\s+of|on\s+the\s+edge\s+of|in\s+the\s+vicinity\s+of)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?{_NAME}"
)
_BETWEEN = re.compile(rf"\b(?i:between)\s+(?:the\s+)?(?:(?:cities|towns|villages)\s+of\s+)?{_NAME}\s+and\s+(?:the\s+)?{_NAME}")
_DIRECTION_OF = re.compile(rf"\b{_DIRECTION}(?:ern)?\s+(?:of|outskirts\s+of)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?{_NAME}")
_PROVINCE_AFTER = re.compile(
    r"((?:[A-Z][\w'’\-]{0,40}|al|el|ar|as|ad|az|ash|ez)(?:[\s-](?:[A-Z][\w'’\-]{0,40}|al|el|ar|as|ad|az|ash|ez)){0,3})['’]?s?\s+(?i:province|governorate|countryside)",
)
_PROVINCE_BEFORE = re.compile(rf"\b(?i:province|governorate)\s+of\s+{_NAME}")
_DISTRICT_AFTER = re.compile(r"((?:[A-Z][\w'’\-]{0,40})(?:[\s-](?:[A-Z][\w'’\-]{0,40}|al|el|ash|ez)){0,3})\s+(?i:district|region|area)\b")
_RURAL = re.compile(r"\b(?:Rural\s+Damascus|Rif\s+Dimashq|Reef\s+Damascus|Damascus\s+countryside)\b", re.IGNORECASE)
_CAPITALISED = re.compile(_NAME)
_PART_WORDS = r"(?i:neighbou?rhoods?|district|quarter|suburb)"


def bearing_from_words(text: str) -> float | None:
    """Degrees for a compass direction written in words ("north-east" -> 45)."""
    key = re.sub(r"[\s-]+", "", text.lower()).removesuffix("ern")
    return BEARINGS.get(key)


def _trim(name: str) -> str:
    # Drop trailing words that are not part of a name ("Hama City", "Damascus Wednesday").
    name = re.sub(r"\s+(?:city|town|village|province|governorate|on|in|and)$", "", name.strip(), flags=re.IGNORECASE)
    return name.strip(" -'’")


def _admin1_in(text: str) -> str | None:
    if _RURAL.search(text):
        return "Rif Dimashq"
    for pattern in (_PROVINCE_BEFORE, _PROVINCE_AFTER):
        for match in pattern.finditer(text):
            words = match.group(1).split()
            # Any run of the words may be the governorate ("Eastern Ghouta Rural Damascus", "Daraa Wednesday").
            for size in range(len(words), 0, -1):
                for start in range(len(words) - size + 1):
                    found = canonical_admin1(" ".join(words[start : start + size]))
                    if found:
                        return found
    for match in _DISTRICT_AFTER.finditer(text):
        # "Afrin district", "the Manbij area": a district names its governorate.
        if (found := governorate_of_district(match.group(1))) and canonical_admin1(match.group(1)) is None:
            return found
    return None


def context_from_text(text: str, gazetteer: KnowsPlaces | None = None, *, base: Context | None = None) -> Context:
    """Read governorate and relative-position clues (and, given a gazetteer, nearby known places) from text."""
    base = base or Context()
    admin1 = base.admin1 or _admin1_in(text)
    anchor, distance_km, bearing, relation, anchors = base.anchor_name, base.distance_km, base.bearing_deg, base.relation, base.anchor_names
    if anchor is None:
        if match := _OFFSET.search(text):
            amount = float(match.group(1).replace(",", "."))
            distance_km = amount * _MILE_KM if match.group(2).lower().startswith("mi") else amount
            bearing = bearing_from_words(match.group(3))
            anchor, relation = _trim(match.group(4)), "offset"
        elif match := _NEAR.search(text):
            anchor, relation = _trim(match.group(1)), "near"
        elif match := _BETWEEN.search(text):
            anchors = (_trim(match.group(1)), _trim(match.group(2)))
            anchor, relation = anchors[0], "between"
        elif match := _DIRECTION_OF.search(text):
            anchor, relation, bearing = _trim(match.group(2)), "direction", bearing_from_words(match.group(1))
    within = base.within  # which name is part of which town is read per name (within_for) when resolving
    near = base.near
    if gazetteer is not None:
        near = near + gazetteer.places_named_in(text, exclude=(anchor, *anchors))
    return Context(
        admin1=admin1, near=near, anchor_name=anchor, distance_km=distance_km, bearing_deg=bearing,
        text=text, relation=relation if anchor else None, anchor_names=anchors, within=within,
    )


# "the X district of Syria's eastern city of Deir ez-Zor": the country's possessive and a direction before the city.
_CITY_OF = r"(?:the\s+)?(?:Syria(?:['’]s|s)\s+)?(?:(?:north|south|east|west|central|capital|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western)\s+)?(?:(?:city|town)\s+of\s+)?"
_PART_AFTER = re.compile(rf"{_NAME}\s+{_PART_WORDS}\s+(?:of|in)\s+{_CITY_OF}{_NAME}")
_PART_BEFORE = re.compile(rf"\b{_PART_WORDS}\s+of\s+{_NAME}\s+(?:in|of)\s+{_CITY_OF}{_NAME}")
_PART_POSSESSIVE = re.compile(rf"{_NAME}['’]s\s+(?:{_PART_WORDS}\s+(?:of\s+)?)?(?:the\s+)?{_NAME}")
_PARTS_LISTED = re.compile(rf"\b(?i:neighbou?rhoods|districts|quarters)\s+of\s+([^.;:]{{3,200}}?)\s+(?:in|of)\s+{_CITY_OF}{_NAME}")
_LIST_SEPARATORS = re.compile(r"(?:\s|,|\band\b)*")  # what is left of a list of names without its names
_PART_WORD = re.compile(rf"(?i:(?=[dnqs])){_PART_WORDS}")  # the lookahead: tried only where one can begin
# "the Al-Salihiya neighbourhood of the capital", "a district in the Syrian capital": Damascus.
_PART_OF_CAPITAL = re.compile(rf"{_NAME}\s+{_PART_WORDS}\s+(?:of|in)\s+(?:the\s+)?(?:Syrian\s+)?capital\b")
CAPITAL = "Damascus"


_PART_STEMS = ("neighbo", "district", "quarter", "suburb")  # what _PART_WORD cannot match without (lower case)


def _may_name_part(text: str) -> bool:
    """False when _PART_WORD cannot match: an ASCII text whose lower case holds none of its words (``in`` tests, far
    cheaper than the case-blind pattern; outside ASCII, case folding may match other letters, so the pattern decides)."""
    if not text.isascii():
        return True
    lower = text.lower()
    return any(stem in lower for stem in _PART_STEMS)


def parts_of_towns(text: str) -> dict[str, str]:
    """Names said to be part of a town in this text -> that town ("the X neighbourhood of Aleppo",
    "the district of X in Damascus", "Aleppo's X"); compiled once, one pass over the text."""
    # Each pattern runs only when the text has what it cannot match without (a part word, a possessive).
    named = _may_name_part(text) and _PART_WORD.search(text) is not None
    possessive = "'s" in text or "’s" in text
    if not (named or possessive):
        return {}
    found: dict[str, str] = {}
    for pattern, part, town, needed in ((_PART_AFTER, 1, 2, named), (_PART_BEFORE, 1, 2, named), (_PART_POSSESSIVE, 2, 1, possessive)):
        for match in pattern.finditer(text) if needed else ():
            found.setdefault(_trim(match.group(part)), _trim(match.group(town)))
    for match in _PART_OF_CAPITAL.finditer(text) if named else ():
        found.setdefault(_trim(match.group(1)), CAPITAL)
    for match in _PARTS_LISTED.finditer(text) if named else ():
        # "the neighborhoods of Maisaloun and al-Jabiryieh in Aleppo City": each name of the list is the city's.
        listed = match.group(1)
        if _LIST_SEPARATORS.fullmatch(_CAPITALISED.sub(" ", listed)):
            for name in capitalised_names(listed):
                found.setdefault(name, _trim(match.group(2)))
    return found


def town_of(parts: dict[str, str], name: str) -> str | None:
    """The town ``name`` is part of, from ``parts_of_towns`` (the part as written may carry more or fewer words)."""
    return parts.get(name) or next((town for part, town in parts.items() if part.endswith(name) or name.endswith(part)), None)


def within_for(text: str, name: str) -> str | None:
    """The town a name is said to be part of in this text, or None (see ``parts_of_towns``)."""
    return town_of(parts_of_towns(text), name)


def capitalised_names(text: str) -> list[str]:
    """Capitalised word groups of a text: the names a gazetteer may know."""
    return [_trim(m.group(1)) for m in _CAPITALISED.finditer(text)]
