"""The word lists the rules use, loaded once from ``extraction/data``.

Keeping them in data files lets a reviewer extend the lexicon without reading
code: actors.csv (actor aliases), triggers.json (trigger words -> sub-event
types), cues.json (place roles, background statistics, captions) and
numbers.json (number words and vague quantifiers).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the lexicon."""

    key: str
    name: str  # ACLED-style name used in events
    inter: int
    government_side: bool  # its captures are "Government regains territory"
    aliases: tuple[str, ...]
    exact_aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """Phrases (or one token pattern) that signal a sub-event type."""

    sub_event_type: str
    strength: str  # "strong" | "weak"
    phrases: tuple[str, ...] = ()
    pattern: tuple = ()
    pattern_id: str = ""


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


@lru_cache(maxsize=1)
def actors() -> dict[str, Actor]:
    """Actor key -> Actor: actors.csv in file order, then the state forces of state_forces.csv."""
    with (DATA / "actors.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        found = {
            row["key"]: Actor(
                key=row["key"],
                name=row["name"],
                inter=int(row["inter"]),
                government_side=row["government_side"] == "1",
                # The actor's own name is an alias too ("Military Forces of Syria" in ACLED notes).
                aliases=_with_singulars(tuple(dict.fromkeys((*_split(row["aliases"]), row["name"].lower())))),
                exact_aliases=_split(row["exact_aliases"]),
            )
            for row in rows
        }
    taken = {alias for actor in found.values() for alias in actor.aliases}
    own_rows = {_state_name(actor.name): key for key, actor in found.items()}
    for actor in _state_forces():
        aliases = tuple(a for a in actor.aliases if a not in taken)
        if not aliases:
            continue
        if (key := own_rows.get(_state_name(actor.name))) is not None:
            # A state with its own row: its aliases grow, but not by its bare name before a noun ("the so-called
            # Democratic Syria Troops" are the SDF): the row says which of those it takes ("russia", "russian forces").
            bare = _bare(actor.name.split(" Forces of ", 1)[1]).lower() + " "
            aliases = tuple(a for a in aliases if not a.startswith(bare))
            found[key] = replace(found[key], aliases=found[key].aliases + aliases)
        elif actor.key not in found:
            found[actor.key] = Actor(actor.key, actor.name, actor.inter, actor.government_side, aliases, ())
        taken.update(aliases)
    return found


def _bare(country: str) -> str:
    """ "the United States" -> "United States" (state_forces.csv keeps the "the" of ACLED's actor names)."""
    return country[4:] if country.startswith("the ") else country


def _state_name(name: str) -> str:
    """ "Military Forces of the United States" and "Military Forces of United States" are one name."""
    return name.casefold().replace(" of the ", " of ")


# An aircraft named in the plural names the force; one named alone does too ("a Syrian fighter jet", "a regime warplane"),
# and so does one strike or raid ("an Israeli airstrike", "a Turkish drone strike").
_AIRCRAFT_PLURAL = re.compile(r" (warplanes|war planes|fighter jets|jets|helicopters|drones|planes|bombers|airstrikes|air strikes|strikes|raids)$")


def _with_singulars(aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The aliases, each one ending in an aircraft's plural followed by its singular ("syrian jets", "syrian jet")."""
    out: list[str] = []
    for alias in aliases:
        out.append(alias)
        if (plural := _AIRCRAFT_PLURAL.search(alias)) is not None:
            out.append(alias[: plural.start(1)] + plural.group(1)[:-1])
    return tuple(dict.fromkeys(out))


# What the news puts after a nationality to name a state's forces ("Malian troops", "Kenyan police").
_MILITARY_NOUNS = (
    "army", "armed forces", "forces", "troops", "military", "military forces", "soldiers", "soldier", "servicemen", "security forces",
    "government forces", "government troops", "defence forces", "defense forces", "national army", "special forces",
    "air force", "warplanes", "warplane", "jets", "jet", "fighter jets", "fighter jet", "aircraft", "helicopters", "helicopter",
    "drones", "navy", "marines", "army troops",
    "army soldiers", "military police", "regime", "junta", "tanks", "artillery", "warships",
)
# What its forces fire, after a nationality's adjective ("US airstrikes", "French raids", "Jordanian bombers", "Israeli
# shelling"), never after a country's name: "The War in Syria Air strikes kill ..." is a headline on a strike in Syria.
_FIRE_NOUNS = (
    "airstrikes", "air strikes", "strikes", "air raids", "raids", "bombers", "planes", "war planes", "drone strikes",
    "missiles", "rockets", "shelling", "bombardment",
)
_POLICE_NOUNS = ("police", "police forces", "riot police", "police officers", "policemen", "gendarmerie", "gendarmes")


def _state_forces() -> list[Actor]:
    """The armies and police of the states in state_forces.csv, named as ACLED names them."""
    out = []
    with (DATA / "state_forces.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            country = row["country"]
            names = [d.strip().lower() for d in row["demonyms"].split(";") if d.strip()]
            names += [f"{n}'s" for n in names if " " not in n or n == _bare(country).lower()]
            slug = _bare(country).lower().replace(" ", "_").replace("'", "")
            fire = tuple(f"{n} {noun}" for n in names if n != _bare(country).lower() for noun in _FIRE_NOUNS)
            for kind, nouns, more in (("Military", _MILITARY_NOUNS, fire), ("Police", _POLICE_NOUNS, ())):
                aliases = _with_singulars(tuple(f"{n} {noun}" for n in names for noun in nouns) + more)
                out.append(Actor(f"state_{kind.lower()}_{slug}", f"{kind} Forces of {country}", 1, True, aliases, ()))
    return out


@lru_cache(maxsize=1)
def triggers() -> tuple[TriggerEntry, ...]:
    data = json.loads((DATA / "triggers.json").read_text(encoding="utf-8"))
    out = [
        TriggerEntry(entry["sub_event_type"], entry["strength"], phrases=tuple(entry["phrases"]))
        for entry in data["triggers"]
    ]
    out += [
        TriggerEntry(p["sub_event_type"], p["strength"], pattern=tuple(p["pattern"]), pattern_id=p["id"])
        for p in data["patterns"]
    ]
    return tuple(out)


@lru_cache(maxsize=1)
def landmark_events() -> tuple[tuple[str, frozenset[str], date], ...]:
    """(sub-event type, places, day) of events later reports name without their day (``data/landmark_events.csv``)."""
    with (DATA / "landmark_events.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple((row["sub_event_type"], frozenset(p.strip() for p in row["places"].split(";") if p.strip()),
                      date.fromisoformat(row["date"])) for row in rows)


@lru_cache(maxsize=1)
def actor_areas() -> dict[str, frozenset[str]]:
    """Actor key -> the governorates it fights in (``data/actor_areas.csv``): a hint between homonyms."""
    with (DATA / "actor_areas.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["key"]: frozenset(g.strip() for g in row["governorates"].split(";") if g.strip()) for row in rows}


@lru_cache(maxsize=1)
def cues() -> dict:
    return json.loads((DATA / "cues.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def numbers() -> dict:
    return json.loads((DATA / "numbers.json").read_text(encoding="utf-8"))


NAMED_GROUP = "named_group"  # the label of a group named in the text but not in the lexicon ("Arakan Army")


@lru_cache(maxsize=4096)
def named_group(name: str) -> Actor:
    """An armed group the lexicon does not know, named as the text names it: a non-state actor
    (ACLED inter 2), so its captures are a non-state actor's and its detentions abductions."""
    clean = " ".join(name.split())
    if clean.lower().startswith("the "):
        clean = clean[4:]
    return Actor(NAMED_GROUP, clean, 2, False, (), ())


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Nationality words ("Malian", "Syrian"): "Lebanese Army" is a state's army, not a named group."""
    words = {"arab", "kurdish", "kurdistan"}
    with (DATA / "state_forces.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            words.update(d.strip().lower() for d in row["demonyms"].split(";") if d.strip())
            words.add(_bare(row["country"]).lower())
    return frozenset(words)


@lru_cache(maxsize=1)
def _inter_by_name() -> dict[str, int]:
    return {actor.name.casefold(): actor.inter for actor in actors().values()}


def inter_of(name: str | None) -> int | None:
    """ACLED's inter code of an actor named as the lexicon names it ("Military Forces of Syria" -> 1); None
    for a name the lexicon does not know (an editor's free text) rather than a guess."""
    if not name:
        return None
    return _inter_by_name().get(name.strip().casefold())



def first_letters(words: Iterable[str]) -> str:
    """A lookahead to put before an alternation of ``words``: the letters or digits they begin with.  The regex
    engine then tries the alternatives only where one of them can start (about twice as fast for a word list);
    the matches are the same.  Empty (no lookahead) when a word is empty or begins with another character."""
    firsts = {word[:1] for word in words}
    if not firsts or not all(first.isascii() and first.isalnum() for first in firsts):
        return ""
    return "(?=[" + "".join(sorted(firsts)) + "])"


def may_hold(text: str, stems: Iterable[str]) -> bool:
    """False when a case-blind pattern whose every match holds one of ``stems`` (lower case, ASCII) cannot match
    ``text``: an ASCII text whose lower case holds none of them.  These ``in`` tests are far cheaper than such a
    pattern, which tries every position; outside ASCII, case folding may match other letters ("ſ" for "s"), so
    there the pattern decides."""
    if not text.isascii():
        return True
    lower = text.lower()
    for stem in stems:  # (a plain loop: a third cheaper than any() over a generator, asked about 150 times an article)
        if stem in lower:
            return True
    return False


def holds_any(lower: str, words: Iterable[str]) -> bool:
    """``any(word in lower for word in words)``, as a plain loop: a generator costs about as much as a few ``in`` tests,
    and the rules ask this of every sentence several times."""
    for word in words:
        if word in lower:
            return True
    return False


def word_alternation(words: Iterable[str]) -> str:
    """``first_letters(words)`` and the words (taken literally) as one alternation, those that begin with the same
    lower-case letter or digit grouped behind it: "(?=[cw])(?:c(?:ivilian|hild)|w(?:oman|orker))".  The engine then
    tries a group only where its letter stands, not every word of a long list.  The matches are the plain
    alternation's, case-insensitive too: the words keep their order within a group, and words of two groups never
    start at the same place.  A list with a word that begins otherwise stays a plain alternation."""
    words = list(words)
    escaped = [re.escape(word) for word in words]
    if not words or not all(word[:1].isascii() and (word[:1].islower() or word[:1].isdigit()) for word in words):
        return first_letters(words) + "(?:" + "|".join(escaped) + ")"
    groups: dict[str, list[str]] = {}
    for word in escaped:
        groups.setdefault(word[0], []).append(word[1:])
    return first_letters(words) + "(?:" + "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()) + ")"
