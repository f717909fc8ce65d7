"""Merge reports of the same event within one article.

Two drafts are one event when they have the same sub-event type, compatible
actors (equal, one side unnamed, or two names of one campaign: the US and the US-led coalition), dates within two days and the same place
- or one of them is only located at governorate/country level inside the
other's governorate.  Two different names that the gazetteer resolves to two
different places are two places, however close.  The merged event keeps every sentence as a mention and
the most specific location.  Headline and caption drafts never make events
of their own: they only add mentions.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from geopy.distance import distance as geo_distance

from extraction.events import Draft
from extraction.lexicon import Actor
from extraction.placecues import is_country
from extraction.roles import COALITION_MEMBERS, UNNAMED_OPPOSITION
from extraction.triggers import destroying
from gazetteer.admin import canonical_admin1
from gazetteer.normalise import normalise_name

SAME_PLACE_KM = 2.0
DATE_WINDOW_DAYS = 2


# Two names news uses for one campaign's initiator: "US warplanes" (or "Jordanian war planes participating in the
# alliance") and "the US-led coalition" fly the same strikes (ACLED codes them as the Global Coalition Against Daesh,
# the state as its associate).
_ONE_CAMPAIGN = frozenset(frozenset({"us_coalition", member}) for member in COALITION_MEMBERS)


# An armed opposition group news does not name (roles.UNNAMED_OPPOSITION) may be the one another report names ("Jaish
# al-Fateh", "al-Nusra") telling the same attack ...
# ... but not the rebels' enemies, which news never calls "rebels" or "terrorist groups" alike: IS, the SDF and its councils.
_NOT_OPPOSITION = frozenset({"islamic_state", "sdf", "ypg", "menbij_military_council", "deir_ez_zor_military_council",
                             "army_of_revolutionaries", "syrian_elite_forces"})


def _actors_compatible(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None or a is b:
        return True
    if "unidentified" in (a.key, b.key) or frozenset({a.key, b.key}) in _ONE_CAMPAIGN:
        return True
    return any(x.key in UNNAMED_OPPOSITION and y.inter in (2, 3) and not y.government_side and y.key not in _NOT_OPPOSITION
               for x, y in ((a, b), (b, a)))


def _same_place(a: Draft, b: Draft) -> bool:
    la, lb = a.located, b.located
    if _unknown_with_own_toll(a, b):
        return False
    if (la.precision or 3) == 3 or (lb.precision or 3) == 3:
        if (la.precision or 3) == (lb.precision or 3):
            # both only governorate or country level: either may be the coarser (the country holds any governorate)
            return la.admin1 is None or lb.admin1 is None or la.admin1 == lb.admin1
        broad, other = (la, lb) if (la.precision or 3) > (lb.precision or 3) else (lb, la)
        if broad.admin1 is None and _tolls_apart(a, b):
            # "Islamic State killed 270 in Syrian gas field battle" and "In Raqqa two women were stoned to death":
            # a report placed nowhere in particular, with a toll far from the town's, is another event.
            return False
        return broad.admin1 is None or broad.admin1 == other.admin1
    if not (a.own_place and b.own_place) and _tolls_apart(a, b):
        # "Some 120 IS fighters and 60 foreign mercenaries were killed in a series of Russian air strikes in Syria"
        # given the place of the next sentence ("60 foreign mercenaries were killed south of Deir Ezzor"): a place
        # borrowed from elsewhere does not make a total of another size that event's toll.
        return False
    if la.location == lb.location:
        return True
    if _holds(la, lb) or _holds(lb, la):
        # ... unless each has a toll of its own: then the town's is another neighbourhood's, or the sum.
        return a.fatalities is None or b.fatalities is None or a.fatalities == b.fatalities
    if la.named and lb.named and la.location_text and lb.location_text and la.location_text != lb.location_text:
        # Two names the gazetteer knows as two places (one row per place, every spelling on it): two
        # places, however close ("Jibrin next to Kafra" and "Jariz", 1 km apart, are two villages).
        return False
    if None in (la.latitude, la.longitude, lb.latitude, lb.longitude):
        return False
    return geo_distance((la.latitude, la.longitude), (lb.latitude, lb.longitude)).km <= SAME_PLACE_KM


def _tolls_apart(a: Draft, b: Draft) -> bool:
    """Both tell a toll of their own, and one is more than twice the other."""
    if not (a.own_toll and b.own_toll) or a.fatalities is None or b.fatalities is None:
        return False
    low, high = sorted((a.fatalities, b.fatalities))
    return high > 2 * low + 2


def _unknown_with_own_toll(a: Draft, b: Draft) -> bool:
    """One of two drafts stands at a place only because its written place name is unknown, and it carries a
    toll the other does not: "9 in Salheen ... 5 in Almiyassar" - another place's event, not the same one."""
    for broad, other in ((a, b), (b, a)):
        where = broad.located
        if _stands_in(where) and where.location_text != other.located.location_text and broad.own_toll \
                and broad.fatalities is not None and broad.fatalities != other.fatalities:
            return True
    return False


def _told_apart(a: Draft, b: Draft) -> bool:
    """One sentence tells two acts, each with its own victims at its own named place: "the militants crucified two
    men ... in the city of Mayadin and two others were beheaded ... in the nearby town of al-Bulel" is two events,
    even where the unknown village is placed at the town it lies near."""
    return (
        a.trigger.start != b.trigger.start and a.own_toll and b.own_toll
        and a.fatalities is not None and b.fatalities is not None
        and a.located.location_text != b.located.location_text and _a_town(a.located) and _a_town(b.located)
    )


# "Warplanes continued to pound the town after the attack": a deed told as following an event already told (a definite
# "the attack") is a later one, not that event told again.
_AFTER_THE_EVENT = re.compile(
    r"\bafter\s+the\s+(?:(?:chemical|gas|suicide|car|deadly|first|initial)\s+){0,2}"
    r"(?:attack|strike|airstrike|air\s+strike|raid|air\s+raid|bombing|massacre|explosion|blast)s?\b",
    re.IGNORECASE,
)


def _after_the_event(draft: Draft) -> bool:
    """The draft's clause, after its trigger, says it followed "the attack" (``_AFTER_THE_EVENT``)."""
    facts = draft.facts
    return "after the" in facts.text and _AFTER_THE_EVENT.search(facts.text, facts.local(draft.trigger.end)) is not None


def _a_town(located) -> bool:  # noqa: ANN001
    """Placed at a town or near one, from a name written as a town's (not the country's or a governorate's:
    "Air strikes in Syria killed 22 ... when warplanes struck ... Hass" is one event told twice)."""
    written = located.location_text
    return bool(written) and (located.precision or 3) < 3 and not canonical_admin1(written) and not is_country(written)


def _stands_in(located) -> bool:  # noqa: ANN001
    """The draft's place stands in for a written name the gazetteer does not know: the governorate or
    country (fallback), or the city of an unknown neighbourhood (geo.Locator._city_of_part)."""
    written = located.location_text
    if not written:
        return False
    if located.location_source.startswith("part of "):
        return True
    if located.named or canonical_admin1(written) or is_country(written):
        return False  # "Idleb" written: a governorate's name, known; "Syrias" (apostrophe stripped): the country
    # "Aleppo Syria", "Aleppos": the place's own name inside an unlisted spelling
    return normalise_name(located.location or "") not in normalise_name(written)


def _holds(city, part) -> bool:  # noqa: ANN001
    """"Rocket attacks on Homs city ... on the al-Zahraa neighbourhood": a city named as the place, and one
    of its own neighbourhoods (the gazetteer's parent), are one place told at two resolutions."""
    place = part.resolution.place if part.resolution is not None else None
    return (
        not _stands_in(city)  # the city standing in for a neighbourhood it does not know is that neighbourhood
        and place is not None and place.parent is not None and city.location is not None
        and place.parent.casefold() == city.location.casefold() and (city.admin1 is None or city.admin1 == part.admin1)
    )


def _dates_close(a: Draft, b: Draft) -> bool:
    if a.event_date is None or b.event_date is None:
        return True
    return abs((a.event_date - b.event_date).days) <= DATE_WINDOW_DAYS


def compatible(a: Draft, b: Draft) -> bool:
    """True when two drafts report the same event."""
    if a.sub_event_type != b.sub_event_type:
        return False
    if a.facts is b.facts:
        # One sentence: the same kind of event at the same place is one event; at two places, two - but a
        # governorate and a town in it are one place ("rocket attacks in Quneitra ... on Hadar village").
        if _unknown_with_own_toll(a, b) or _told_apart(a, b):
            return False
        if a.located.location == b.located.location:
            return True
        broad = [d for d in (a, b) if (d.located.precision or 3) == 3]
        return len(broad) == 1 and a.located.admin1 is not None and a.located.admin1 == b.located.admin1
    first, then = (a, b) if a.facts.start < b.facts.start else (b, a)
    if _after_the_event(then) and not _after_the_event(first):
        return False  # told as following "the attack" told before: a later event (a restatement after it may be it)
    # One article's later sentences restate its events ("The sustained airstrikes on Raqqa ..."): the
    # same kind of event at the same place and time is one event unless the two name different
    # initiators; who was hit is often said one way in one sentence and another way in the next.
    return _actors_compatible(a.roles.actor1, b.roles.actor1) and _dates_close(a, b) and (
        _same_place(a, b) or _headline_governorate(a, b) or _headline_governorate(b, a))


def _headline_governorate(headline: Draft, body: Draft) -> bool:
    """"Air raids kill 31 in Syria's Raqa" over "bombed the town of Tabqa in Raqa province": a headline (or
    caption) that names a governorate's name - the city or the province - tells of the body's event anywhere
    in that governorate."""
    written = headline.located.location_text
    named = canonical_admin1(written) if headline.support_only and written else None
    return named is not None and named == body.located.admin1


def _specificity(draft: Draft) -> tuple[int, int, int]:
    """Lower is more specific: the finer precision, a sentence that makes events, a neighbourhood over its town."""
    resolution = draft.located.resolution
    part = resolution is not None and resolution.place is not None and resolution.place.parent is not None
    return (draft.located.precision or 3, 1 if draft.support_only else 0, 0 if part else 1)


# ACLED codes a battle "accompanied by shelling/air strikes" as one battle; a capture
# "after clashes" as one capture.  Higher rank absorbs lower rank.
_RANK = {
    "Government regains territory": 3, "Non-state actor overtakes territory": 3, "Armed clash": 2,
    "Air/drone strike": 1, "Shelling/artillery/missile attack": 1, "Remote explosive/landmine/IED": 1, "Grenade": 1,
    # A massacre by air strike or shelling is coded as the strike, with civilians as the target.
    "Attack": 0.5,
}


_TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}


def _taken_from(capture: Draft, clash: Draft) -> Draft:
    """The sides of ground won in the clash told with it: a taker named as an ally of one side ("backed by
    pro-regime militia, seized control") is that side, with the ally as its associate; the other side is whom it
    was taken from."""
    taker, sides = capture.roles.actor1, clash.roles
    if taker is None:
        return capture
    for main, assoc, opponent in ((sides.actor1, sides.assoc_actor_1, sides.actor2), (sides.actor2, sides.assoc_actor_2, sides.actor1)):
        if main is not None and assoc is not None and taker.key == assoc.key and opponent is not None and opponent.key != taker.key:
            return dataclasses.replace(capture, roles=dataclasses.replace(capture.roles, actor1=main, assoc_actor_1=taker, actor2=opponent))
    return capture


def _sides(draft: Draft) -> set[str]:
    roles = draft.roles
    return {a.key for a in (roles.actor1, roles.assoc_actor_1, roles.actor2, roles.assoc_actor_2) if a is not None}


# The same explosion told with a more specific word: "a suicide car bomb ... the blast", "a chemical
# attack ... the air strike that dropped the gas": one event of the specific kind.
_SPECIFIC = {
    # one demonstration told in several sentences is coded by what happened at it, worst first
    "Violent demonstration": {"Peaceful protest", "Protest with intervention"},
    "Excessive force against protesters": {"Peaceful protest", "Protest with intervention"},
    "Protest with intervention": {"Peaceful protest"},
    "Suicide bomb": {"Remote explosive/landmine/IED", "Attack"},
    "Chemical weapon": {"Air/drone strike", "Shelling/artillery/missile attack", "Attack"},
}


_SPECIFICITY = {"Violent demonstration": 3, "Excessive force against protesters": 3, "Protest with intervention": 2, "Suicide bomb": 1, "Chemical weapon": 1}


def absorbs(battle: Draft, other: Draft) -> bool:
    """True when ``other`` (shelling, an air strike, a clash) is part of ``battle`` (a clash, a capture),
    or the same explosion told with a less specific word."""
    if other.facts is not battle.facts and _after_the_event(other):
        return False  # "Warplanes continued to pound the town after the attack": a later strike, not the attack's own
    if other.sub_event_type in _SPECIFIC.get(battle.sub_event_type, ()):
        same_side = battle.event_type in ("Protests", "Riots") or _actors_compatible(battle.roles.actor1, other.roles.actor1)
        return same_side and _dates_close(battle, other) and _same_place(battle, other)
    high, low = _RANK.get(battle.sub_event_type, 0), _RANK.get(other.sub_event_type, 0)
    if not (high > low > 0):
        return False
    if other.sub_event_type == "Attack" and high >= 2 and other.facts is not battle.facts and other.own_place \
            and other.own_toll and other.fatalities:
        # "troops entered the village ... [later] 48 people executed by government forces in the village": violence
        # against civilians told in its own sentence, with its own place and toll, is its own event (ACLED codes it
        # apart from the battle); told with the fighting ("killed by shooting during clashes") it is the fighting's toll
        return False
    if battle.facts is other.facts and low == 2 and battle.sub_event_type in _TERRITORY \
            and battle.located.admin1 is not None and battle.located.admin1 == other.located.admin1:
        # "Clashes took place between the army and IS, where IS managed to control Tiba": ground won by the fighting
        # told with it, on the same front (governorate), is one territory event, whichever town each clause names
        # and whichever ally it names first.
        return True
    if low == 2 and battle.sub_event_type in _TERRITORY and _won_next(battle, other):
        return True
    if other.facts is not battle.facts and other.own_toll and None not in (other.fatalities, battle.fatalities) \
            and other.fatalities != battle.fatalities:
        # "The heavy fighting claimed 129 loyalists ... On Saturday eight people were killed when a barrel bomb hit":
        # a strike told in its own sentence with its own, different toll is another event, not part of the battle.
        return False
    if other.facts is not battle.facts and other.own_toll and other.fatalities and other.roles.actor2 is not None \
            and other.roles.actor2.inter == 7 and high == 2:
        # "warplanes kept pounding rebel areas of Aleppo ... Six people were also reported killed in rebel shelling of
        # regime-held areas of the city": civilians killed by a strike told in its own sentence died in that strike,
        # not in a fight between armed sides told elsewhere.
        return False
    if other.sub_event_type in ("Remote explosive/landmine/IED", "Grenade") and other.facts is not battle.facts:
        return False  # a bomb is part of a battle only when told with it ("clashes in which an IED exploded")
    if (battle.located.precision or 3) > (other.located.precision or 3) and battle.facts is not other.facts:
        return False  # "the offensive in Raqqa province" does not hold the strikes on Tabqa town (told elsewhere)
    # "the attacks amounted to war crimes": a word for attacks is no battle that holds strikes; but what a side destroyed,
    # told by no weapon, is the damage of the fight it is in ("The YPG also destroyed an armored personnel carrier").
    if battle.trigger.sub_event_type == "ATTACK" and low < 2 and not destroying(other.trigger):
        return False
    attacker = other.roles.actor1 if other.initiator_named else None
    if attacker is not None and attacker.key not in _sides(battle) and not _fights_beside(attacker, battle, other):
        return False  # Russian air raids while IS captures a town: two events
    if low == 2 and attacker is None and other.roles.actor2 is not None and other.roles.actor2.key not in _sides(battle) | {"unidentified"}:
        return False
    return _dates_close(battle, other) and _same_place(battle, other)


def _fights_beside(attacker: Actor, battle: Draft, other: Draft) -> bool:
    """"Unknown warplanes targeted Sokhna amid clashes between the army and IS", "Russian and regime warplanes struck
    Tall al-Nar amid clashes between regime ground forces and rebels": strikes told in the sentence of the fighting they
    accompany, by an unnamed force or by an ally of one of its sides, are part of it (ACLED codes the clash)."""
    if other.facts is not battle.facts or battle.sub_event_type != "Armed clash":
        return False
    if attacker.key.startswith("unidentified"):
        return True
    sides = {a.key for a in (battle.roles.actor1, battle.roles.actor2) if a is not None}
    if sides & _FLIES_FOR.get("us_coalition" if attacker.key in COALITION_MEMBERS else attacker.key, frozenset()):
        return True
    return attacker.government_side and any(
        a is not None and a.government_side for a in (battle.roles.actor1, battle.roles.actor2))


# Air forces and the ground forces they back ("coalition airstrikes ... in conjunction with clashes between IS and the
# SDF", "Turkish jets struck ... as Turkish-backed rebels fought"): the strikes are part of that side's fighting.
_FLIES_FOR = {"us_coalition": frozenset({"sdf", "ypg"}), "turkey": frozenset({"sna"})}


_ADVANCE = re.compile(r"\b(?:advanc\w*|gain\w*|progress\w*|made)\b", re.IGNORECASE)
_PART_OF = re.compile(r"\s+(?:control\s+)?(?:(?:of|over)\s+)?(?:(?:more|less)\s+than\s+)?(?:the\s+)?(?:half|part|parts|portions?|sections?|some|areas)\b", re.IGNORECASE)


def _won_next(capture: Draft, clash: Draft) -> bool:
    """"Clashes took place between regime forces and HTS on Mashara hill. Regime forces seized control of the hill":
    ground won, told in the sentence right after the fighting, by one of its sides, is what the fighting was for
    (ACLED codes one territory event) - when the capture has no place of its own, its place is named in the
    clash's sentence, or it lies on the same front (governorate)."""
    if capture.facts.index != clash.facts.index + 1 or capture.support_only or clash.support_only:
        return False
    if _ADVANCE.search(capture.trigger.text) or _PART_OF.match(capture.facts.text, capture.facts.local(capture.trigger.end)):
        return False  # "HTS made advances in the area", "regained control of more than half of": gains, no place won
    taker = capture.roles.actor1
    if taker is None or taker.key not in _sides(clash) or not _dates_close(capture, clash):
        return False
    where, there = capture.located, clash.located
    if not capture.own_place:
        return True
    written = (where.location_text or "").strip()
    if written and written.casefold() in clash.facts.text.casefold():
        return True
    return where.admin1 is not None and where.admin1 == there.admin1


def _absorb(groups: list[list[Draft]]) -> list[list[Draft]]:
    kept: list[list[Draft]] = []
    # A specific kind goes before the kinds it absorbs ("suicide bombers" before "detonated a truck").
    ordered = sorted(
        groups,
        key=lambda g: (-(_RANK.get(g[0].sub_event_type, 0) + (1.5 if g[0].sub_event_type in _SPECIFIC else 0)),
                       -_SPECIFICITY.get(g[0].sub_event_type, 0)),
    )
    for group in ordered:
        # A capture that holds the clash told with it also holds what that clash holds (the strikes "amid" it).
        home = next((k for k in kept if absorbs(k[0], group[0]) or any(
            m.sub_event_type == "Armed clash" and k[0].sub_event_type in _TERRITORY and absorbs(m, group[0]) for m in k[1:])), None)
        if home is None:
            kept.append(group)
            continue
        head, other = home[0], group[0]
        if head.facts is other.facts and head.sub_event_type in _TERRITORY and other.sub_event_type == "Armed clash":
            head = home[0] = _taken_from(head, other)
        if head.roles.actor2 is not None and head.sub_event_type in _TERRITORY and other.sub_event_type == "Armed clash" \
                and other.facts.index + 1 == head.facts.index and head.roles.actor2.key not in _sides(other):
            # "Clashes ... between regime forces and HTS. Regime forces seized the hill amid Russian airstrikes": the
            # ground was taken from the other side of the fight told before, not from a force named in passing.
            head = dataclasses.replace(head, roles=dataclasses.replace(head.roles, actor2=None, assoc_actor_2=None))
        if head.roles.actor2 is None:
            # "took control of X after clashes with IS": the capture was from the other side of the clash.
            sides = [a for a in (other.roles.actor1, other.roles.actor2) if a is not None and a is not head.roles.actor1]
            if sides:
                home[0] = dataclasses.replace(head, roles=dataclasses.replace(head.roles, actor2=sides[0]))
        home.extend(group)
    position = {id(g[0]): i for i, g in enumerate(groups)}
    # An event stands where it was first told: a capture that holds the clash told the sentence before stands there.
    return sorted(kept, key=lambda g: min(position.get(id(d), len(groups)) for d in g) if g[0].sub_event_type in _TERRITORY
                  else position[id(g[0])])


def group_drafts(drafts: Iterable[Draft]) -> list[list[Draft]]:
    """Groups of drafts that report one event; the first of each group is its representative."""
    return _absorb(_group_same(drafts))


def _group_same(drafts: Iterable[Draft]) -> list[list[Draft]]:
    groups: list[list[Draft]] = []
    ordered = list(drafts)
    for draft in [d for d in ordered if not d.support_only] + [d for d in ordered if d.support_only]:
        home = next((g for g in groups if compatible(g[0], draft)), None)
        if home is None:
            if not draft.support_only:
                groups.append([draft])
            continue
        home.append(draft)
        if not draft.support_only and _specificity(draft) < _specificity(home[0]):
            home.insert(0, home.pop())
    return _merge_reheaded(groups)


def _merge_reheaded(groups: list[list[Draft]]) -> list[list[Draft]]:
    """A group whose head changed to a finer place may now be the same event as a group made before it:
    "rocket attack in Homs city ... on al-Zahraa neighbourhood" (the city's group takes the neighbourhood from a
    later sentence) and the neighbourhood told in the first sentence are one event."""
    merged: list[list[Draft]] = []
    for group in groups:
        home = next((m for m in merged if m[0].facts is not group[0].facts and compatible(m[0], group[0])), None)
        if home is None:
            merged.append(group)
        else:
            home.extend(group)
    return merged
