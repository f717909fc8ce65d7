"""Which trigger words of a sentence become events, and their final sub-event types.

Weak triggers ("killed", "warplanes") count only when the sentence has no
strong one; an aircraft named just before "targeted"/"attacked" makes it an
air strike; triggers after reported speech ("saying it was targeting IS")
are claims, not events, when the sentence already reported one; repeated
triggers of one kind in a row ("shelling and rocket fire") are one event.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from extraction.lexicon import Actor, cues, may_hold, word_alternation
from extraction.roles import QUESTION, QUESTION_STEMS, Roles
from extraction.sentence import SentenceFacts, TriggerMention

AIR = "Air/drone strike"
# Verbs of hitting hard that name no weapon: shelling when nothing else is said ("regime forces pounded Daraa"), the
# weapon's kind when one is named with them ("warplanes pounded", "helicopters pounded the town with barrel bombs").
# (and "shelled": "The Air Force shelled Daesh positions", a translated idiom for bombing: the aircraft names it)
_IMPACT_VERBS = frozenset({"pounded", "pounding", "pound", "pounds", "to pound", "shelled"})
# A massacre that aircraft or guns commit is coded as their strike or shelling, with civilians as its target.
_MASSACRE_WORDS = frozenset({"massacre", "massacres", "massacred"})
_TIME_AFTER_FIRED = re.compile(
    r"\s+(?:dawn|dusk|daybreak|night|nightfall|noon|midday|midnight|sunrise|sunset|least|around|about|\d"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|the\s+(?:same\s+)?(?:time|weekend|morning|evening|night))\b",
    re.IGNORECASE,
)
_AND_BEFORE = re.compile(r"\band\s+$")
_TOLL_VERBS = ("kill", "wound", "injur")
# "in an attack claimed by IS", "with one of the attacks striking a school": the weapon's event named again.
_RENAMED_BEFORE = re.compile(
    r"\b(?:in|(?:one|some|two|three|each|all|most|many|several|none|either|both)\s+of)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_HIT_VERBS = frozenset({"targeted", "hit", "struck", "slammed into", "landed on", "landed in"})
_BY_BEFORE = re.compile(r"\bby\s+$")
_CLAUSE_BREAK = re.compile(r"[.;:]|\b(?:while|whereas|as|but|after|when)\b")
_NOT_DEEDS = frozenset({"Change to group/activity"})  # "destroyed a convoy": the convoy noun is what was hit, no deed
_BOMBING_VERBS = frozenset({"bombed", "bombarded", "bombard", "bombards", "bombarding"})
# Weapons only fired from the ground ("missiles" and "rockets" may come from aircraft: "jets bombed X with missiles").
_GROUND_ONLY = re.compile(r"artillery|mortar|tank|howitzer|cannon|shell|grad|launcher|mlrs", re.IGNORECASE)
_WITH_WEAPON = re.compile(r"\b(?:with|using|by|in)\s+(?:an?\s+|the\s+|\w+\s+){0,3}$", re.IGNORECASE)
_AIRCRAFT_GAP = 60  # characters between "drones (controlled by ...)" and "targeted"
_LIST_GAP = re.compile(r"^[\s,]*(?:and|or|as well as|with|,)?[\s,]*(?:\w+\s+){0,2}$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _reported() -> re.Pattern[str]:
    words = sorted(cues()["reported_speech"], key=len, reverse=True)
    return re.compile(r"\b" + word_alternation(words) + r"\b", re.IGNORECASE)


_HUSK_OF = re.compile(r"\s+of\s+(?:an?|the|its|their|his|her)\b", re.IGNORECASE)
_AIRCRAFT_NOUNS = frozenset({"warplanes", "warplane", "war planes", "war plane", "fighter jets", "fighter jet", "jets", "helicopters", "helicopter",
                             "drone", "drones", "aircraft", "bombers"})
_AIRCRAFT_WORDS = _AIRCRAFT_NOUNS | {"air force", "air forces", "aerospace forces"}  # the weak aircraft triggers
_STRIKING_AFTER = re.compile(r"\s+(?:also\s+|reportedly\s+|then\s+|later\s+)?(?:struck|hit|pounded|bombed|raided|strafed|targeted)\b",
                             re.IGNORECASE)
_MADE_SAFE = frozenset({"controlled explosion", "controlled detonation"})
_ASSAULT_WORDS = frozenset({"assaulted", "assault", "attacked", "attack", "attacks", "beat up", "beaten", "stormed", "raided", "raid"})
_FIRED_BY_AIRCRAFT = re.compile(
    r"^\s+(?:also\s+|reportedly\s+|then\s+)?(?:fired|launched|shot|dropped)\s+(?:an?\s+|the\s+|two\s+|three\s+|four\s+|several\s+|\d+\s+)?"
    r"(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


_FIRED_FROM_AIRCRAFT_AFTER = re.compile(
    r"\s+(?:were\s+|was\s+)?(?:fired|launched|dropped|shot)\s+(?:by|from)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:jets?|warplanes?|war\s+planes?|aircraft|helicopters?|drones?|planes?|bombers?)\b",
    re.IGNORECASE,
)


def _fired_from_aircraft(facts: SentenceFacts, trig: TriggerMention, triggers: list[TriggerMention]) -> TriggerMention:
    """A missile or rocket trigger whose subject, right before its verb, is an aircraft trigger: the aircraft's strike."""
    if trig.sub_event_type != "Shelling/artillery/missile attack" or _GROUND_ONLY.search(trig.text):
        return trig
    if _FIRED_FROM_AIRCRAFT_AFTER.match(facts.text, facts.local(trig.end)):
        return dataclasses.replace(trig, sub_event_type="Air/drone strike")  # "20 rockets fired by Russian jets hit ..."
    aircraft = next((a for a in reversed(triggers) if a.end <= trig.start and a.sub_event_type == "Air/drone strike"), None)
    if aircraft is None or not _FIRED_BY_AIRCRAFT.match(facts.text[facts.local(aircraft.end) : facts.local(trig.start)]):
        return trig
    return dataclasses.replace(trig, sub_event_type="Air/drone strike")


_STORE_AFTER = re.compile(
    r"\s+(?:factory|factories|facility|facilities|depots?|stockpiles?|stocks?|supplies|plants?|warehouses?|storage|programs?|"
    r"programmes?|arsenals?|production|laborator(?:y|ies)|labs?|sites?)\b",
    re.IGNORECASE,
)


def destroying(trigger: TriggerMention) -> bool:
    """The weak verb frame 'destroyed' + a force's materiel (extraction/data/frames.json): an attack that names no weapon."""
    return trigger.strength == "weak" and trigger.text[:7].lower() == "destroy"


def select_triggers(facts: SentenceFacts) -> list[TriggerMention]:
    """The triggers of a sentence that report events, in text order."""
    if not facts.triggers:
        return []  # (a sentence read for its toll only: none of the tests below can choose anything)
    found = []
    # "the liberated parts of the city", "its captured positions": a capture word used as an adjective describes
    # ground already taken - no event of its own.
    triggers = [t for t in facts.triggers if not (t.sub_event_type == "CAPTURE" and _ADJECTIVAL.search(facts.text, 0, facts.local(t.start))
                                                  and _NOUN_AFTER.match(facts.text, facts.local(t.end)))]
    # "the Israeli-controlled part of the Golan", "IS-captured villages": a capture word glued to its holder by a hyphen
    # is an adjective too ("re-captured" is the verb).
    triggers = [t for t in triggers if not (t.sub_event_type == "CAPTURE" and _GLUED_HOLDER.search(
        facts.text, max(0, facts.local(t.start) - 30), facts.local(t.start)))]
    # "a woman detained at a checkpoint was raped", "IS fighters detained in the prison rioted": a detention
    # participle right after its noun describes the person (a reduced relative clause) when another event follows.
    triggers = [t for t in triggers if not _describes_captive(facts, t, triggers)]
    # "IS attacked a town recently captured by Kurdish forces": so is a capture participle right after its noun with
    # its taker after "by" - the ground's history, beside the event the sentence tells.
    triggers = [t for t in triggers if not _describes_ground(facts, t, triggers)]
    # "Syrian soldiers captured while fleeing ... were executed", "Rebels killed a pilot they captured": people taken,
    # named before the verb, are who the other event's victims are - no ground was won.
    triggers = [t for t in triggers if not _describes_prisoners(facts, t, triggers)]
    # "governing the territory they have captured", "the areas it had seized": ground named by what took it - a
    # relative clause on the ground, not a capture told.
    triggers = [t for t in triggers if not (t.sub_event_type == "CAPTURE" and _GROUND_TAKEN_BEFORE.search(
        facts.text, max(0, facts.local(t.start) - 60), facts.local(t.start)))]
    # "This escalation in attacks came a day after Daraya was evacuated": a demonstrative names events already told;
    # what the sentence adds is the other event it tells.
    # (Here and below, ``may_hold`` tests the sentence once for the words a per-trigger pattern cannot match without.)
    told = [t for t in triggers if _DEMONSTRATIVE.search(facts.text, max(0, facts.local(t.start) - 40), facts.local(t.start))] \
        if may_hold(facts.text, _DEMONSTRATIVE_WORDS) else []
    if told and len(told) < len(triggers):
        triggers = [t for t in triggers if t not in told]
    # "dozens of barrel bombs - crude unguided explosive devices - hit ...": a weapon named again between dashes or
    # in brackets right after another is its description, not a second kind of event.
    triggers = [
        t for i, t in enumerate(triggers)
        if not (i and _APPOSITION.match(facts.text[facts.local(triggers[i - 1].end) : facts.local(t.start)])
                and _APPOSITION_END.match(facts.text, facts.local(t.end)))
    ]
    # "many of the wounded", "the detained": a participle after "the" names the people, it tells no event.
    triggers = [t for t in triggers if not (t.text.lower() in _PEOPLE_PARTICIPLES and _THE_BEFORE.search(
        facts.text, max(0, facts.local(t.start) - 5), facts.local(t.start)))]
    # "Eight IS members were killed, including two snipers": a shooter counted among the dead or captured is a person.
    triggers = [t for t in triggers if not (t.text.lower() in _SHOOTERS and _COUNTED_BEFORE.search(
        facts.text, max(0, facts.local(t.start) - 25), facts.local(t.start)))]
    # "An injured child waits after receiving treatment", "Several wounded children lay on hospital beds": a participle
    # that describes the person after it tells the state of someone already hurt (a caption, an aftermath), not the
    # harm; a number before it ("115 wounded persons") is a toll and stays.
    triggers = [t for t in triggers if not (t.text.lower() in _PEOPLE_PARTICIPLES and _PERSON_AFTER.match(facts.text, facts.local(t.end))
                                            and _DESCRIBED_BEFORE.search(facts.text, max(0, facts.local(t.start) - 20), facts.local(t.start)))]
    # "demolished a chemical weapons factory", "hit poison gas supplies": an agent naming the store hit is no use of it.
    triggers = [t for t in triggers if not (t.sub_event_type == "Chemical weapon" and _STORE_AFTER.match(facts.text, facts.local(t.end)))]
    # "destroyed nine Daish targets", "struck IS targets": "targets" after a count, a determiner or a force's name is
    # the noun (what was hit), not the verb.
    triggers = [t for t in triggers if not (t.text.lower() == "targets" and (
        _TARGETS_NOUN_BEFORE.search(facts.text, max(0, facts.local(t.start) - 30), facts.local(t.start))
        or _COUNTED_TARGETS_BEFORE.search(facts.text, max(0, facts.local(t.start) - 40), facts.local(t.start))))]
    # "prompted ISIS to carry out such attacks", "would respond to any air force strikes": a kind of event,
    # not one of them (and no toll of its own: "21 people were killed in such attacks" counts several).
    if may_hold(facts.text, ("such", "any")):
        triggers = [t for t in triggers if not (_SUCH_BEFORE.search(facts.text, max(0, facts.local(t.start) - 25), facts.local(t.start))
                                                and not _WITHOUT.search(facts.text, max(0, facts.local(t.start) - 60), facts.local(t.start)))]
    # "fired at dawn several rocket shells", "fired at least 10 rockets", "fired on Monday": the words after "fired
    # at/on" are a time or a count, not the target of a gun attack (the shells fired name the event).
    triggers = [t for t in triggers if not (t.text.lower() in ("fired at", "fired on") and _TIME_AFTER_FIRED.match(
        facts.text, facts.local(t.end)))]
    # "Israeli jets fired missiles at", "a drone launched two rockets at a car": missiles or rockets that an aircraft
    # fires are its strike (ACLED's Air/drone strike); only shells, mortars or artillery stay ground fire.
    triggers = [_fired_from_aircraft(facts, t, triggers) for t in triggers]
    # "Rebels fired rockets at Aleppo, and regime warplanes struck Kafr Nabl": aircraft that are the subject of a verb
    # of striking report a strike of their own, however many other events the sentence tells.
    triggers = [dataclasses.replace(t, strength="strong") if t.strength == "weak" and t.text.lower() in _AIRCRAFT_NOUNS
                and _STRIKING_AFTER.match(facts.text, facts.local(t.end)) else t for t in triggers]
    # "destroyed 13 fighting positions, seven vehicles and two car bombs", "dismantled an IED", "forces detonated a car
    # bomb": a device named among what was destroyed, dismantled or defused, or that forces detonated, was stopped, not
    # set off (as "destroyed a car bomb" is: a Disrupted weapons use) - and no event of its own beside the strike or
    # fighting that destroyed it.  So is a weapon that was destroyed or seized ("destroyed a mortar and a bulldozer",
    # "seized two drones"): what was taken out of use fired nothing.
    stopped = [t for t in triggers if (t.sub_event_type == "Remote explosive/landmine/IED" and _device_stopped(facts, t))
               or (t.sub_event_type in _FIRED_KINDS and _weapon_taken(facts, t))
               # "the air force killed ISIS terrorists and destroyed a car bomb": the phrase names the device stopped
               # (with a deed told beside it: "the air force destroyed a car bomb" names only the weapon stopped)
               or (t.sub_event_type == DISRUPTED and t.text.lower().startswith("destroy") and any(
                   o.sub_event_type in _VIOLENT and not (o.strength == "weak" and o.text.lower() in _AIRCRAFT_WORDS)
                   and not destroying(o) for o in triggers))]
    if stopped:
        # ("destroyed three tanks and two car bombs": the same verb's objects, no deed beside the devices stopped)
        others = [t for t in triggers if t not in stopped and t.sub_event_type in _VIOLENT and not destroying(t)]
        triggers = [t for t in triggers if t not in stopped] if others else [
            dataclasses.replace(t, sub_event_type=DISRUPTED) if t in stopped else t for t in triggers]
    # "destroyed an explosive device in a controlled explosion": the device was made safe - the sentence tells a
    # weapon stopped (Disrupted weapons use), not an explosion.
    if any(t.text.lower() in _MADE_SAFE for t in triggers):
        triggers = [t for t in triggers if t.sub_event_type != "Remote explosive/landmine/IED"]
    # "assaulted women collecting firewood, raping three of them": the assault told is the sexual violence (ACLED codes
    # Sexual violence when it is part of an attack on people); killings told with it keep their own word.
    if any(t.sub_event_type == "Sexual violence" for t in triggers):
        triggers = [t for t in triggers if not (t.sub_event_type == "ATTACK" and t.text.lower() in _ASSAULT_WORDS)]
    # "The Manbij area has seen intense battles between ...", "in an area that has witnessed fighting between ...":
    # violence an area has seen over time describes it; it is no event of the report.
    lower = facts.text.lower()  # (plain word tests first: most sentences hold none of the words the patterns need)
    if "seen" in lower or "witnessed" in lower or "experienced" in lower:
        triggers = [t for t in triggers if not (t.sub_event_type in _VIOLENT and _HAS_SEEN_BEFORE.search(
            facts.text, max(0, facts.local(t.start) - 50), facts.local(t.start)))]
    # "Madaya evacuees said they heard the blast", "he heard the first explosion from few miles away": who perceived an
    # event, and where they were, is no report of it (nor its place).
    if "hear" in lower or "felt" in lower or "saw" in lower or "watched" in lower:
        triggers = [t for t in triggers if not _PERCEIVED_BEFORE.search(facts.text, max(0, facts.local(t.start) - 30), facts.local(t.start))]
    # "a terrorist bombing with an explosive device", "The bombing ... the building targeted by a car bomb": with a bomb
    # or a suicide bomber named and no aircraft, "bombing" is that explosion, not an air raid.
    if any(t.sub_event_type in _EXPLOSIVE_KINDS for t in triggers) and not _AIR_WORDS.search(facts.text):
        triggers = [t for t in triggers if not (t.sub_event_type == "Air/drone strike" and t.text.lower() in _BOMB_WORDS)]
    # "Russia is helping the army in its battle against rebels", "an ally of Washington in its fight against IS": a side's
    # whole campaign against another, named with its owner, is no event of the report.
    triggers = [t for t in triggers if not (t.text.lower() in _CAMPAIGN_WORDS and _AGAINST_AFTER.match(facts.text, facts.local(t.end))
                                            and _OWNED_BEFORE.search(facts.text, max(0, facts.local(t.start) - 40), facts.local(t.start)))]
    # "the Army of Conquest, an alliance that has mounted a major Aleppo offensive": a campaign that a relative clause
    # says a side has waged describes the side, with no day of its own.
    triggers = [t for t in triggers if not (t.text.lower() in _CAMPAIGN_WORDS and _WAGED_BEFORE.search(
        facts.text, max(0, facts.local(t.start) - 60), facts.local(t.start)))]
    # "The brutal tactics pursued mainly by the regime, which have included the use of chemical weapons, sieges, mass
    # executions and torture": kinds of deed a practice is said to include, no one of them.
    if "includ" in lower:
        triggers = [t for t in triggers if not _KINDS_INCLUDED.search(facts.text, max(0, facts.local(t.start) - 110), facts.local(t.start))]
    # "the shell of a pick-up truck": the husk of a thing, not a munition.
    triggers = [t for t in triggers if not (t.text.lower() == "shell" and _HUSK_OF.match(facts.text, facts.local(t.end)))]
    # "the regime keeps rockets with chemical warheads in a mountainous area": weapons held or stored are no attack.
    triggers = [t for t in triggers if not (t.sub_event_type in _WEAPONS and _HELD_WEAPON.search(
        facts.text, max(0, facts.local(t.start) - 70), facts.local(t.start)))]
    # "its fighters marched about 3 kilometers from Tabqa", "troops marched into Manbij": armed men marching move
    # on the ground; only people who demonstrate march in protest.
    triggers = [t for t in triggers if not (t.text.lower() == "marched" and _ARMED_MARCHERS.search(
        facts.text, max(0, facts.local(t.start) - 40), facts.local(t.start)))]
    # "In the heaviest attack in months fighter jets pounded ...", "mounted one of the heaviest attacks on Damascus,
    # firing 38 rockets", "may be the deadliest attack on a school since the war began": a superlative ranks an
    # event among others; the event is what the other words of the sentence tell, or one told before (after a copula).
    ranked = [t for t in triggers if _RANKED_BEFORE.search(facts.text, max(0, facts.local(t.start) - 40), facts.local(t.start))] \
        if may_hold(facts.text, _SUPERLATIVE_WORDS) else []
    if ranked:
        rest = [t for t in triggers if t not in ranked]
        if rest:
            triggers = rest
        else:
            triggers = [t for t in triggers if not _COPULA_RANKED_BEFORE.search(
                facts.text, max(0, facts.local(t.start) - 50), facts.local(t.start))]
    if len(triggers) > 1:
        # "2 IS fighters were killed while four others were captured in the clash": people captured are prisoners
        # taken in the fighting the sentence tells, not ground won.
        triggers = [t for t in triggers if not (t.sub_event_type == "CAPTURE" and _PEOPLE_CAPTURED.search(
            facts.text, max(0, facts.local(t.start) - 60), facts.local(t.start)))]
    if any(t.sub_event_type == GRENADE for t in triggers) and _GUNFIRE.search(facts.text):
        # "targeted a group of civilians with a grenade before opening fire on them", "shot and threw grenades at the
        # security branch": a grenade thrown in a gun attack is part of that attack, which its target decides (an
        # Attack on civilians, a clash with armed men), as ACLED codes them.
        triggers = [dataclasses.replace(t, sub_event_type="ATTACK") if t.sub_event_type == GRENADE else t for t in triggers]
    if any(t.sub_event_type == "Suicide bomb" for t in triggers):
        # "The guards opened fire on them forcing them to blow themselves up": gunfire told with a suicide bombing is
        # part of that attack (ACLED codes the one Suicide bomb), not a clash of its own.
        triggers = [t for t in triggers if not (t.sub_event_type == "ATTACK" and _GUNFIRE.match(t.text))]
    if not any(t.sub_event_type in _CLOSE_COMBAT or t.sub_event_type in _WEAPONS for t in triggers):
        # "army units targeted terrorists' positions in the neighborhoods of ...", "targeted gatherings of ISIL
        # terrorists": fire at an armed group's positions with no fighting told - one side firing from a distance
        # (ACLED's Shelling/artillery/missile attack), not a clash; a weapon or aircraft named decides instead, and
        # an operation or assault that targets them is ground fighting.
        triggers = [dataclasses.replace(t, sub_event_type="Shelling/artillery/missile attack", strength="strong")
                    if t.sub_event_type == "ATTACK" and t.text.lower() in _TARGETING and _POSITIONS_AFTER.match(facts.text, facts.local(t.end))
                    and not _OPERATION_BEFORE.search(facts.text, max(0, facts.local(t.start) - 30), facts.local(t.start))
                    else t for t in triggers]
    facts = dataclasses.replace(facts, triggers=tuple(triggers)) if triggers != list(facts.triggers) else facts
    # "with the support of Russian airstrikes, launched an attack": a weapon that only backs the attack does not
    # name it (the attack stays the ground forces'; the strikes are dropped as support below).
    # (what was destroyed names no weapon: "the Air Force destroyed a convoy ... and killed dozens" is the Air Force's)
    weapons = [t for t in facts.triggers if t.sub_event_type in _WEAPONS and not destroying(t) and not _backing(facts, t)]
    instruments: set[int] = set()  # weapons named as a bombing's instrument: no event of their own
    for trig in facts.triggers:
        if trig.sub_event_type == "ATTACK" or trig.text.lower() in _IMPACT_VERBS or trig.text.lower() in _MASSACRE_WORDS \
                or destroying(trig):
            # ("the Air Force destroyed a base": what destroyed it is the weapon before the verb frame, too)
            # "Israeli missiles targeted", "Turkish drones struck ... killing", "the air force committed a massacre":
            # the weapon names the attack.
            weapon = next((w for w in reversed(weapons) if 0 <= trig.start - w.end <= _AIRCRAFT_GAP), None)
            if weapon is None and trig.strength == "weak":
                # "were killed when helicopters dropped a barrel bomb": the toll of the weapon that follows.
                weapon = next((w for w in weapons if 0 <= w.start - trig.end <= _AIRCRAFT_GAP), None)
            if weapon is None and _AND_BEFORE.search(facts.text, max(0, facts.local(trig.start) - 6), facts.local(trig.start)):
                # "The Air Force destroyed a convoy near Salamiyah and killed about a hundred militants": the second
                # verb of the strike's subject tells what the strike did (the nearest trigger before is the weapon).
                weapon = _weapon_just_before(facts, trig, weapons, skip=_NOT_DEEDS)
            if weapon is None and trig.sub_event_type == "ATTACK" and trig.strength != "weak" and _RENAMED_BEFORE.search(
                    facts.text, max(0, facts.local(trig.start) - 30), facts.local(trig.start)):
                # "three suicide bombers killed two people near the police station in an attack claimed by IS": "in an
                # attack" names again the weapon's event told before it in its clause (a toll's verb may stand between).
                told = [t for t in facts.triggers if t.end <= trig.start and not t.text.lower().startswith(_TOLL_VERBS)]
                if told and told[-1] in weapons and not _CLAUSE_BREAK.search(facts.text, facts.local(told[-1].end), facts.local(trig.start)):
                    # (a weak verb's weapon is its subject's: "Suicide bombers struck ... in an attack" is the bombing)
                    named = [t for t in told if t in weapons and t.strength != "weak"
                             and not _CLAUSE_BREAK.search(facts.text, facts.local(t.end), facts.local(trig.start))]
                    weapon = named[-1] if told[-1].strength == "weak" and named else told[-1]
            if weapon is None and trig.text.lower() in _HIT_VERBS:
                # "20 rocket shells fired by ISIS terrorists positioned in X and Y targeted houses in Hrabesh": the
                # weapon is the subject of the verb, however long the phrase that says who fired it (a force named
                # in it comes after "by"; another subject between would start another clause).
                before = _weapon_just_before(facts, trig, weapons)
                if before is not None and trig.start - before.end <= 2 * _AIRCRAFT_GAP \
                        and not _CLAUSE_BREAK.search(facts.text, facts.local(before.end), facts.local(trig.start)) \
                        and not any(before.end <= m.start < trig.start and not _BY_BEFORE.search(
                            facts.text, max(0, facts.local(m.start) - 5), facts.local(m.start)) for m in facts.actors):
                    weapon = before
            if weapon is None:
                # "targeted a group of QSD fighters with artillery shells", "targeted excavators using ATGMs"
                weapon = next(
                    (w for w in weapons if 0 <= w.start - trig.end <= 2 * _AIRCRAFT_GAP
                     and _WITH_WEAPON.search(facts.text, 0, facts.local(w.start))),
                    None,
                )
            if weapon is not None:
                trig = dataclasses.replace(trig, sub_event_type=weapon.sub_event_type)
        elif trig.text.lower() in _BOMBING_VERBS:
            # "bombed a market in Douma with heavy artillery", "bombarded the town with barrel bombs": the instrument
            # says how it was bombed (one event, of the instrument's kind).
            # (An aircraft's "missiles" or "rockets" name no other kind: "jets bombed X with missiles" stays a strike.)
            weapon = next(
                (w for w in weapons if 0 <= w.start - trig.end <= 2 * _AIRCRAFT_GAP and w is not trig
                 and _WITH_WEAPON.search(facts.text, 0, facts.local(w.start))),
                None,
            )
            if weapon is not None:
                instruments.add(id(weapon))
                if weapon.sub_event_type != "Shelling/artillery/missile attack" or _GROUND_ONLY.search(weapon.text):
                    trig = dataclasses.replace(trig, sub_event_type=weapon.sub_event_type)
        found.append(trig)
    found = [t for t in found if id(t) not in instruments]
    if any(t.sub_event_type in _VIOLENT for t in found):
        # "warplanes destroyed a church, killing five": property destroyed by an attack is the attack's damage.
        found = [t for t in found if not (t.sub_event_type == LOOTING and t.strength == FRAME)]
    strong = [t for t in found if t.strength in _STRONG]
    weak = [t for t in found if t.strength == "weak"]
    if not strong and facts.fatalities and all(m.low == 0 for m in facts.fatalities):
        weak = []  # "No one was killed": a statement about an event told elsewhere
    if any(t.sub_event_type == "Arrests" for t in found):
        # "QSD raided the camp and detained several women": the raid is the arrest operation, not a battle.
        # "carried out raids and arrests": the raids, whatever word list names them, are the arrest operation.
        strong = [t for t in strong if not _GROUND_RAID.search(t.text)]
    chosen = strong or weak
    if len(chosen) > 1:
        # "blocked a road ... as heavy clashes continued there": violence said to go on is the backdrop of what the
        # sentence reports, not an event of its own.
        going_on = [t for t in chosen if t.sub_event_type in _VIOLENT and is_backdrop(facts, t)]
        if going_on and len(going_on) < len(chosen):
            chosen = [t for t in chosen if t not in going_on]
    if strong and all(t.sub_event_type in _QUIET and t.strength != FRAME for t in strong) and any(t.sub_event_type in _VIOLENT for t in weak):
        # "the aid convoy was struck", "the blast hit a convoy": violence done to a moving force is the event.
        chosen = [t for t in weak if t.sub_event_type in _VIOLENT]
    if chosen and not facts.fatalities and all(_mentioned_only(facts, t) for t in chosen) \
            and not _HARM.search(_masked(facts, chosen)):
        # "terrified by heavy air strikes", "recovered from the attack", "after years of bombardment": a sentence whose
        # every attack is named only as the object of a preposition, and that tells no harm and no toll, is about
        # something else (a reaction, a consequence, a time), not a report of the attack.
        chosen = []
    if not chosen:
        return []
    # (A single trigger is kept either way: before the speech or, with none before it, as it is.)
    speech = _reported().search(facts.text) if len(chosen) > 1 else None
    if speech:
        cut = facts.start + speech.start()
        before = [t for t in chosen if t.start < cut]
        if before:
            chosen = before
    kept = []
    unmade: list[TriggerMention] = []  # agreements only urged, planned or denied
    stopped_any = False
    negated: set[str] = set()
    without = may_hold(facts.text, _WITHOUT_WORDS)
    aimed: TriggerMention | None = None  # the last trigger dropped as a plan, fear or aim
    for trig in _drop_accompanying(facts, chosen):
        stopped = _stopped(facts, trig) if trig.sub_event_type in _EXPLOSIVES else trig
        stopped_any = stopped_any or stopped is not trig
        # "feared being caught in airstrikes or shelling": a trigger listed right after a planned or feared one is so too
        listed = aimed is not None and _LISTED_AFTER.match(facts.text[facts.local(aimed.end) : facts.local(trig.start)]) is not None
        if stopped is not trig or not (listed or _intended(facts, trig)):
            kept.append(stopped)
            aimed = None
        else:
            aimed = trig
            if trig.sub_event_type == AGREEMENT:
                unmade.append(trig)
        if without and _WITHOUT.search(facts.text, max(0, facts.local(trig.start) - 60), facts.local(trig.start)):
            negated.add(trig.sub_event_type)
    if negated:
        # "drones flew over Beirut without carrying out any strike": the aircraft named carried out none either.
        kept = [t for t in kept if not (t.strength == "weak" and t.sub_event_type in negated)]
    if stopped_any:
        # "arrested a man attempting to detonate his suicide vest": the arrest is how the bomb was stopped.
        kept = [t for t in kept if t.sub_event_type != "Arrests"]
    if unmade:
        # "urged him to agree to a ceasefire": the ceasefire is the one urged, not one made.
        kept = [t for t in kept if not (t.sub_event_type == AGREEMENT and any(0 <= t.start - u.end <= 30 for u in unmade))]
    chosen = kept
    transfer = [t for t in chosen if t.sub_event_type == TRANSFER]
    if transfer:
        # "a final convoy of rebel fighters left under a withdrawal deal": the movement is how ground changed hands.
        chosen = [t for t in chosen if not (t.sub_event_type == GROUP_CHANGE and t.strength != FRAME)]
    # A side leaving may itself be told in a clause of time ("entered Kafr Naya after the army withdrew from the village
    # during a brief battle"): with no violence told before it, what follows it is still its backdrop. (A force
    # entering "during an offensive" is not leaving: the offensive may be how it got in.)
    quiet_first = [t for t in chosen if t.sub_event_type in _TOLD_FIRST
                   and ((t.sub_event_type == TRANSFER and _LEAVING.search(t.text))
                        or not _CAUSE.search(facts.text, max(0, facts.local(t.start) - 45), facts.local(t.start)))]
    if quiet_first and not any(t.sub_event_type in _VIOLENT and t.start < min(q.start for q in quiet_first) for t in found):
        # "Daraya was evacuated by rebels after relentless bombing", "entered Kafr Naya after the army withdrew during
        # a brief battle": violence told after the development, in a clause of cause or time, is its backdrop.
        lead = min(t.start for t in quiet_first)
        chosen = [t for t in chosen if not (t.sub_event_type in _VIOLENT and t.start > lead and _CAUSE.search(
            facts.text, max(facts.local(lead), facts.local(t.start) - 45), facts.local(t.start)))]
    if any(t.sub_event_type in _VIOLENT for t in chosen):
        # "threw a grenade at an Asayish patrol": the patrol is the target, not a movement of forces;
        # "bombed despite the truce", "amid faltering peace talks": the truce is context, not an agreement.
        # A verb frame told before the violence says something was done ("reached a deal that fighters would
        # leave", "set up a base"): that stays; told after it ("the airstrike came after the army announced the
        # agreement had expired"), it is the violence's context.
        first = min(t.start for t in chosen if t.sub_event_type in _VIOLENT)
        chosen = [t for t in chosen if t.sub_event_type not in _QUIET or (t.strength == FRAME and t.start < first)] or chosen
    chosen = _without_terms(facts, chosen)
    # "The latest violence comes despite an extension until early Tuesday of a nationwide truce": what the violence
    # happened despite is its context, never an event of its own.
    chosen = [t for t in chosen if not (t.sub_event_type == AGREEMENT and _DESPITE_BEFORE.search(
        facts.text, max(0, facts.local(t.start) - 80), facts.local(t.start)))]
    if any(t.sub_event_type == AGREEMENT and t.strength != FRAME for t in chosen) and not _agreement_made(facts.text):
        chosen = [t for t in chosen if t.sub_event_type != AGREEMENT or t.strength == FRAME]
    merged: list[TriggerMention] = []
    for trig in chosen:
        if merged and merged[-1].sub_event_type == trig.sub_event_type:
            gap = facts.text[facts.local(merged[-1].end) : facts.local(trig.start)]
            if _LIST_GAP.match(gap):
                continue
        merged.append(trig)
    return merged


GRENADE = "Grenade"
# Firearms used in the same attack: "opening fire on them", "shot and threw grenades", "gunfire" (not "shot down").
_GUNFIRE = re.compile(
    r"\b(?:open(?:ed|ing|s)?\s+fire|shot(?!\s+down)|shooting|gunfire|gunshots?|gunmen\s+fired|fired\s+(?:on|at|upon)"
    r"|(?:machine|automatic)[- ]guns?|rifles?\s+fire)\b",
    re.IGNORECASE,
)
_SUCH_BEFORE = re.compile(r"\b(?:such\s+(?:[\w-]+\s+)?|any\s+(?:[\w-]+\s+){0,2})$", re.IGNORECASE)
_CAMPAIGN_WORDS = frozenset({"battle", "battles", "fight", "fighting", "war", "campaign", "offensive", "struggle", "operations"})
_AGAINST_AFTER = re.compile(r"\s+(?:against|on)\b", re.IGNORECASE)
_LISTED_AFTER = re.compile(r"^\s*,?\s*or\s+(?:[a-z]+\s+)?$")  # "airstrikes or shelling": alternatives feared together
_KINDS_INCLUDED = re.compile(
    r"\b(?:(?:have|has|had)\s+(?:also\s+)?included|(?:tactics|practices|methods|abuses|violations)\s+(?:such\s+as|including|like))\s+"
    r"(?:the\s+(?:use|practice)\s+of\s+)?(?:[\w-]+,?\s+){0,10}?$",
    re.IGNORECASE,
)
_WAGED_BEFORE = re.compile(
    r"\b(?:that|which|who)\s+(?:has|have)\s+(?:\w+ly\s+|also\s+)?(?:been\s+)?(?:mount(?:ed|ing)|launch(?:ed|ing)|wag(?:ed|ing)|led|leading|"
    r"spearhead(?:ed|ing)|fought|fighting)\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_OWNED_BEFORE = re.compile(r"\b(?:in|during|throughout|for|of)\s+(?:its|their|his|her|our|Moscow's|Washington's)\s+(?:[\w-]+\s+){0,2}$",
                           re.IGNORECASE)
_HELD_WEAPON = re.compile(
    r"(?=[abchkops])"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:keeps?|kept|keeping|stor(?:es|ed|ing|e)|stockpil\w*|possess(?:es|ed|ing)?|hoard\w*|hid(?:es|den|ing)?|caches?\s+of|armed\s+with"
    # held in a base, or handed to others: "holds several planes, tanks and artillery", "provided chemical weapons to"
    # (verbs only: "aid supplies", "houses hit by rockets", "holding Raqqa when" are no holding of weapons)
    r"|holds|provid(?:es|ed|ing)|suppl(?:ied|ying)|smuggl(?:ed|ing)|sold|selling"
    r"|bans|banning|prohibits|prohibiting|outlaws|outlawing)\s+"  # "the treaty that bans chemical weapons": a kind named
    r"(?:(?:an?|the|its|their|some|many|dozens\s+of|hundreds\s+of)\s+)?(?:[\w-]+\s+){0,2}(?:(?:[\w-]+,?\s+){1,3}and\s+)?$",
    re.IGNORECASE,
)
_ARMED_MARCHERS = re.compile(
    r"\b(?:fighters|troops|forces|soldiers|army|units|militants|militiamen|rebels|jihadists|columns?|convoys?)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_SUPERLATIVE = r"(?:deadliest|worst|bloodiest|heaviest|largest|biggest|fiercest|most\s+(?:intense|violent|serious|lethal|deadly))"
_SUPERLATIVE_WORDS = ("deadliest", "worst", "bloodiest", "heaviest", "largest", "biggest", "fiercest", "most")  # one in every match
_RANKED_BEFORE = re.compile(rf"(?=[iot])\b(?:the|its|their|one\s+of\s+the)\s+(?:single\s+|latest\s+)?{_SUPERLATIVE}\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_COPULA_RANKED_BEFORE = re.compile(
    rf"\b(?:is|was|were|are|be|been|being|became|becomes|marks?|marked)\s+(?:probably\s+|perhaps\s+|also\s+)?"
    rf"(?:the|its|their|one\s+of\s+the)\s+(?:single\s+|latest\s+)?{_SUPERLATIVE}\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_PEOPLE_PARTICIPLES = frozenset({"wounded", "injured", "killed", "dead", "detained", "arrested", "abducted", "kidnapped", "missing"})
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_SHOOTERS = frozenset({"sniper", "snipers"})
_COUNTED_BEFORE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|some|including|among\s+them|of\s+them)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_PERSON_AFTER = re.compile(
    r"\s+(?:child|children|man|men|woman|women|boy|boys|girl|girls|baby|babies|people|persons?|survivors?|civilians?|"
    r"residents?|victims?|patients?)\b", re.IGNORECASE)
_TARGETS_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|its|their|his|her|our|these|those|several|multiple|many|some|all|other|more|military|terrorist|enemy|"
    r"strategic|civilian|key|legitimate|one|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|scores\s+of)|\d+)\s+$",
    re.IGNORECASE,
)
_COUNTED_TARGETS_BEFORE = re.compile(  # "nine Daish targets", "30 IS targets", "several regime targets"
    r"(?:\b(?:several|multiple|many|one|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|scores\s+of)|\d+)\s+[\w'’-]+\s+$",
    re.IGNORECASE,
)
_DESCRIBED_BEFORE = re.compile(r"(?:^|\b(?:an?|the|his|her|their|several|many|some|other|more|of)\s+)$", re.IGNORECASE)
_PEOPLE_CAPTURED = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|several|many|one)\s+"
    r"(?:(?:[\w'’-]+\s+){0,3}?(?:others|fighters|members|soldiers|troops|militants|gunmen|rebels|civilians|people|men|"
    r"prisoners|personnel|officers|elements|jihadists|militiamen)\s+)?(?:were|was|had been|have been|being)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_LEAVING = re.compile(r"\b(?:withdr\w*|pull\w*|evacuat\w*|left|leav\w*|retreat\w*|abandon\w*|hand\w*|ced\w*|surrender\w*)", re.IGNORECASE)
_DEMONSTRATIVE = re.compile(
    # "this" + a word in -s or -ed is a pronoun and its verb ("This follows protests", "This came after"), not a noun phrase
    r"(?=t)"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:this\s+(?![a-z]+(?<!s)s\b|[a-z]+ed\b|came\b|come\b|took\b|led\b|left\b)|these\s+|those\s+)"
    r"(?!(?:morning|afternoon|evening|night|week|weekend|month|year|time|day|year'?s|week'?s)\b)"
    r"(?:(?!(?:was|were|is|are|has|have|had|and|or)\b)[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_DEMONSTRATIVE_WORDS = ("this", "these", "those")  # one in every match
_APPOSITION = re.compile(r"^\s+(?:[-–—(]|--)\s*(?:[\w'’-]+\s+){0,3}$")
_APPOSITION_END = re.compile(r"\s*(?:[\w'’]+\s+){0,3}?(?:[–—)]|\s-\s|--)")


_GOVERNED = re.compile(
    r"\b(?:after|following|from|amid|amidst|despite|since|of|by|over|about|due\s+to|because\s+of)\s+"
    # ("forced out by siege and bombardment": a noun coordinated before it is governed by the same word)
    r"(?:[\w'’-]+\s+(?:and|or)\s+)?"
    r"(?:(?!(?:in|on|at|of|by|to|for|with|from|near|into|against|and|or|that|which|was|were)\b)[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_HARM = re.compile(
    r"\b(?:kill\w*|wound\w*|injur\w*|dead|died|dies|death\w*|casualt\w*|destroy\w*|damag\w*|hit|hits|struck|target\w*|"
    r"raz\w*|levell?ed|flatten\w*|burn\w*|collaps\w*|claim\w*|left|leaving|shell\w*|pound\w*|bomb\w*|launch\w*|"
    r"carried\s+out|conduct\w*|fired|clash\w*|fought|seiz\w*|captur\w*|took|arrest\w*|detain\w*|detonat\w*|explod\w*|blew|"
    r"affected|expos\w*|suffocat\w*|breathing\s+difficult\w*|released\s+(?:an?\s+)?(?:[\w-]+\s+)?gas|came\s+under|under\s+fire|advanc\w*|control\w*|reach\w*|besieg\w*|retreat\w*|"
    r"withdr\w*|repel\w*|repuls\w*|erupt\w*|broke\s+out|fell|landed|eliminat\w*|(?:was|were)\s+reported)\b",
    re.IGNORECASE,
)


_QUANTITY_OF = re.compile(
    r"\b(?:dozens|scores|hundreds|thousands|tens|number|numbers|series|wave|waves|barrage|volley|salvo|string|spate|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|\d+|some|many|several|most|all|each|both|none|lots?)\s+of\s$",
    re.IGNORECASE,
)
_PAST_VERBS = frozenset({"took", "fought", "hit", "struck", "shot", "blew", "overran", "overrun", "fled", "seized", "stormed"})


def _masked(facts: SentenceFacts, triggers) -> str:  # noqa: ANN001
    """The sentence with its trigger words blanked out."""
    text = facts.text
    for t in triggers:
        text = text[: facts.local(t.start)] + " " * (t.end - t.start) + text[facts.local(t.end) :]
    return text


def _mentioned_only(facts: SentenceFacts, trig: TriggerMention) -> bool:
    """A noun trigger governed by a preposition ("from the attack", "after years of bombardment")."""
    words = trig.text.lower().split()
    if trig.sub_event_type not in _VIOLENT or any(w.endswith(("ed", "ers")) for w in words) or words[0] in _PAST_VERBS:
        return False  # a verb ("after IS took over"), a doer ("suicide bombers"), or a development
    lead = _GOVERNED.search(facts.text, max(0, facts.local(trig.start) - 50), facts.local(trig.start))
    if lead is None:
        return False
    if is_back_reference(facts, trig) and any(p.start >= trig.end for p in facts.places):
        return False  # "recovered from the attack at a transit point in Rashidin": the attack told before, placed
    if _QUANTITY_OF.search(facts.text, max(0, lead.start() - 25), lead.start() + 3):
        return False  # "dozens of shells fell", "one of the strikes": a count of the attacks, not a preposition
    # "came under bombardment by heavy artillery": the phrase belongs to another trigger, which is the event.
    return not any(t is not trig and facts.local(t.end) <= lead.start() and lead.start() - facts.local(t.end) <= 12 for t in facts.triggers)


def is_backdrop(facts: SentenceFacts, trig: TriggerMention) -> bool:
    """"as heavy clashes continued there": violence going on, told with no place of its own."""
    window = facts.text[max(0, facts.local(trig.start) - 70) : facts.local(trig.start)].lower()
    if "as " not in window and "while " not in window and "amid " not in window:
        return False  # (most triggers: no clause of time before them; far cheaper than the patterns below)
    if _KEPT_UP.search(facts.text, max(0, facts.local(trig.start) - 60), facts.local(trig.start)):
        # "as Kurdish fighters continue to advance into ISIS-held territory" (no place named after it; "continued to
        # advance on the town of Kafr Nabuda" names the event's place)
        return not any(p.start >= trig.end for p in facts.places)
    if _ESCALATION.search(facts.text, max(0, facts.local(trig.start) - 70), facts.local(trig.start)):
        # "as Damascus stepped up its assault on the last opposition stronghold": a campaign said to grow
        return not _OWN_PLACE.match(facts.text, facts.local(trig.end))
    going = _ONGOING.match(facts.text, facts.local(trig.end), facts.local(trig.end) + 25)
    return bool(going) and not _OWN_PLACE.match(facts.text, going.end()) \
        and bool(_BACKDROP.search(facts.text, max(0, facts.local(trig.start) - 30), facts.local(trig.start)))


_EXPLOSIVE_KINDS = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})
_BOMB_WORDS = frozenset({"bombing", "bombings", "bombed"})
_AIR_WORDS = re.compile(r"\b(?:air|aerial|airstrikes?|warplanes?|jets?|planes?|aircraft|helicopters?|drones?|barrel|sorties?|bombers?)\b",
                        re.IGNORECASE)
_PERCEIVED_BEFORE = re.compile(r"\b(?:heard|hear|hears|felt|saw|watched)\s+(?:the|a|an)\s+(?:first\s+|second\s+|loud\s+|huge\s+|massive\s+|powerful\s+)?$",
                               re.IGNORECASE)
_HAS_SEEN_BEFORE = re.compile(
    r"\b(?:has|have|had)\s+(?:also\s+|already\s+|long\s+)?(?:seen|witnessed|experienced)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_STOPPED_DEVICE_BEFORE = re.compile(
    r"\b(?:destroy(?:ed|ing)|dismantl(?:ed|ing)|defus(?:ed|ing)|disarm(?:ed|ing)|seiz(?:ed|ing)|confiscat(?:ed|ing))\b[^.;:!?]{0,100}$",
    re.IGNORECASE)
_SET_OFF = re.compile(r"\b(?:kill\w*|explod\w*|detonat\w*|went\s+off|blew|blast|struck|hit|wound\w*|injur\w*)\b", re.IGNORECASE)


# "Turkish forces detonated a car bomb found at a checkpoint": forces that detonate a device make it safe (a
# suicide attacker or terrorists who detonate one set it off).
_FORCES_DETONATED = re.compile(
    r"\b(?:forces|army|troops|soldiers|units|engineers|police)\s+(?:\w+\s+){0,2}?detonat(?:ed|es|ing)(?:\s+(?:an?\s+|the\s+|two\s+|\d+\s+)?)?$",
    re.IGNORECASE)


_FIRED_KINDS = frozenset({AIR, "Shelling/artillery/missile attack"})
# The weapon is the object of a verb of destroying or seizing: only modifiers between ("destroyed two radio-controlled
# drones", "seized a mortar"), no preposition ("destroyed the houses with mortars", "destroyed in air strikes").
_WEAPON_TAKEN_BEFORE = re.compile(
    r"\b(?:destroy(?:ed|ing|s)?|seiz(?:ed|ing|es)|confiscat(?:ed|ing|es)|captur(?:ed|ing|es)|shot\s+down|downed)"
    r"\s+(?:(?!(?:with|by|in|using|from|after|during|amid|on|at|and)\b)[\w-]+\s+){0,3}$",
    re.IGNORECASE)


def _weapon_taken(facts: SentenceFacts, trig: TriggerMention) -> bool:
    """An aircraft or a gun named as what was destroyed or seized ("destroyed a mortar", "seized two drones")."""
    if not trig.text[:1].isalpha() or trig.text.lower().endswith(("ed", "ing")):
        return False  # a verb ("shelled", "pounding") tells the firing itself
    start = facts.local(trig.start)
    return _WEAPON_TAKEN_BEFORE.search(facts.text, max(0, start - 60), start) is not None


def _device_stopped(facts: SentenceFacts, trig: TriggerMention) -> bool:
    """The device is named after a verb of destroying or defusing, with nothing set off between, or forces detonated it
    (the verb itself a trigger: "forces detonated", or before the device: "forces detonated a car bomb")."""
    start = facts.local(trig.start)
    found = _STOPPED_DEVICE_BEFORE.search(facts.text, max(0, start - 130), start)
    if found is not None and not _SET_OFF.search(facts.text, found.end(), start):
        return True
    end = facts.local(trig.end) if trig.text.lower().startswith("detonat") else start
    return _FORCES_DETONATED.search(facts.text, max(0, start - 80), end) is not None


_OWN_PLACE = re.compile(r"\s+(?:in|near|at|around|on|across|outside|inside)\s+(?:the\s+)?[A-Z]")
_GROUND_RAID = re.compile(r"^(?!.*\b(?:air|aerial)\b).*\braid", re.IGNORECASE)
_BACKDROP = re.compile(r"\b(?:as|while|amid)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_ESCALATION = re.compile(
    r"\b(?:as|while|amid)\s+(?:[\w.'’-]+\s+){0,4}?(?:stepped up|steps up|stepping up|intensified|intensifies|intensifying|escalated"
    r"|escalates|escalating|pressed on with|presses on with|pressed ahead with|pushed on with|continued|continues|continuing)\s+"
    r"(?:its|their|the|his|a|an)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "as Syrian Kurdish fighters continue to advance into ISIS-held territory": a campaign said to go on.
_KEPT_UP = re.compile(
    r"\b(?:as|while)\s+(?:[\w.'’-]+\s+){0,4}?(?:continue|continues|continued|continuing|keep|keeps|kept)\s+(?:to\s+|on\s+)?$",
    re.IGNORECASE)
_ONGOING = re.compile(r"\s+(?:\w+\s+)?(?:continu\w*|rag(?:ed|es|ing)|went on|go(?:es)? on|persist\w*)\b", re.IGNORECASE)
AGREEMENT = "Agreement"
_DESPITE_BEFORE = re.compile(r"\b(?:despite|in\s+spite\s+of|in\s+violation\s+of|violat(?:ing|ed|es))\s+(?:[^\s.;:]+\s+){0,8}$", re.IGNORECASE)
TRANSFER = "Non-violent transfer of territory"
LOOTING = "Looting/property destruction"
_TOLD_FIRST = {TRANSFER, AGREEMENT}  # developments whose cause or circumstances may follow them
_CAUSE = re.compile(r"\b(?:after|following|during|due to|amid|because of)\b[^.;:,]*$", re.IGNORECASE)
GROUP_CHANGE = "Change to group/activity"
FRAME = "frame"  # a verb frame (extraction.frames): strong, and says what was done to what
_STRONG = ("strong", FRAME)
# What follows an agreement and one of these is what the parties agreed on ("reached an agreement that rebel
# fighters would leave the town and hand over their heavy weapons"), not an event of its own.
_TERMS = re.compile(
    r"\b(?:that|to|under which|whereby|which (?:would|will|allows?|includes?)|allowing|providing for|for the)\b", re.IGNORECASE
)


def _without_terms(facts: SentenceFacts, chosen: list[TriggerMention]) -> list[TriggerMention]:
    made = [t for t in chosen if t.sub_event_type == AGREEMENT and t.strength == FRAME]
    if not made:
        return chosen
    first = made[0]
    kept = []
    for trig in chosen:
        if trig.start > first.end and trig.sub_event_type != AGREEMENT:
            gap = facts.text[facts.local(first.end) : facts.local(trig.start)]
            formation = trig.sub_event_type == GROUP_CHANGE and trig.strength == FRAME and trig.start - first.end <= 40
            if (_TERMS.search(gap) or (formation and _AGREED_TO.search(first.text + " "))) and not re.search(r"[.;]", gap):
                if formation:
                    # "agreed to form a joint operations room", "agreed to merge into one front": what was agreed is
                    # the change to the groups, and that is the event (ACLED codes mergers so).
                    kept = [t for t in kept if t is not first]
                    first = trig
                    kept.append(trig)
                continue
        kept.append(trig)
    return kept


@lru_cache(maxsize=1)
def _agreement_verbs() -> re.Pattern[str]:
    words = sorted(cues()["agreement_verbs"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def _agreement_made(text: str) -> bool:
    """"agreed a truce", "a deal brokered by Russia": an agreement is made; "ensure the ceasefire holds" names one."""
    return bool(_agreement_verbs().search(text))


_BATTLE = {"Armed clash", "CAPTURE"}
_WEAPONS = {AIR, "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Chemical weapon"}
_VIOLENT = _BATTLE | {
    "ATTACK", "Attack", AIR, "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Suicide bomb",
    "Grenade", "Chemical weapon",
}
_QUIET = {
    "Change to group/activity", "Headquarters or base established", "Non-violent transfer of territory", "Other", "Agreement",
}
_REMOTE = {AIR, "Shelling/artillery/missile attack"}
_SUBORDINATE_SPAN = 60  # characters from "amid"/"backed by" to the strikes it introduces


@lru_cache(maxsize=1)
def _subordinate() -> re.Pattern[str]:
    words = sorted(cues()["subordinate_markers"], key=len, reverse=True)
    return re.compile(r"\b" + word_alternation(words) + r"\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _subordinate_stems() -> tuple[str, ...]:
    """The longest word of each subordinate marker (of two as long, the later: "help", not "with"), lower case: one is
    in every match of _subordinate (for may_hold)."""
    return tuple(sorted({max(reversed(marker.lower().split()), key=len) for marker in cues()["subordinate_markers"]}))


def _last_subordinate(lead: str) -> re.Match[str] | None:
    """The last subordinate marker in ``lead`` (the characters before a trigger), if any."""
    if not may_hold(lead, _subordinate_stems()):
        return None  # (most leads hold none of the markers' words: the pattern need not run)
    found = None
    for found in _subordinate().finditer(lead):
        pass
    return found


def _drop_accompanying(facts: SentenceFacts, chosen: list[TriggerMention]) -> list[TriggerMention]:
    """"clashed with IS, backed by Coalition air strikes" / "amid shelling": the strikes
    belong to the battle (ACLED codes one battle), so they make no event of their own.
    Strikes that only back someone ("supported by air strikes") never do."""
    battle = any(t.sub_event_type in _BATTLE for t in chosen)
    kept = []
    dropped: TriggerMention | None = None
    for trig in chosen:
        if trig.sub_event_type in _REMOTE:
            lead = facts.text[max(0, facts.local(trig.start) - _SUBORDINATE_SPAN) : facts.local(trig.start)]
            marker = _last_subordinate(lead)
            if marker is not None and _governs(lead[marker.end() :]) and (battle or _SUPPORT.match(marker.group(0))):
                dropped = trig
                continue
            if dropped is not None and _LISTED_WITH.match(facts.text[facts.local(dropped.end) : facts.local(trig.start)]):
                # "backed by US-led coalition air strikes along with advisers and even an American Marines artillery
                # battery": the fire listed with the support is support too
                dropped = trig
                continue
        kept.append(trig)
    return kept


# Between two listed things: "along with advisers and even an American Marines", ", and", " as well as".
_LISTED_WITH = re.compile(
    r"^\s*(?:,\s*)?(?:along\s+with|together\s+with|as\s+well\s+as|and|with|,)\s+"
    r"(?:(?![\w-]+ed\b)[\w'’-]+\s+){0,6}$",
    re.IGNORECASE,
)


_ADJECTIVAL = re.compile(
    r"\b(?:the|its|their|his|her|these|those|newly|recently|\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|some)\s+$"
    r"|\b(?:newly|recently)-$",  # "the newly-liberated mountains"
    re.IGNORECASE,
)
_GLUED_HOLDER = re.compile(r"(?<![\w-])(?!(?:re|pre|un|co)-)[\w'’]+-$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!by\b|from\b|in\b|on\b|at\b|with\b|and\b|or\b|of\b|to\b)[a-z]+", re.IGNORECASE)


def _backing(facts: SentenceFacts, trig: TriggerMention) -> bool:
    """The trigger is named as support: "supported by coalition warplanes", "with the support of Russian airstrikes"."""
    lead = facts.text[max(0, facts.local(trig.start) - _SUBORDINATE_SPAN) : facts.local(trig.start)]
    marker = _last_subordinate(lead)
    return marker is not None and _governs(lead[marker.end() :]) and bool(_SUPPORT.match(marker.group(0)))


def _governs(gap: str) -> bool:
    """The marker introduces the trigger: a few words between them and no verb ("backed by jets fired artillery")."""
    words = gap.split()
    return len(words) <= 5 and not any(w.isalpha() and w.lower().endswith("ed") for w in words)


_SUPPORT = re.compile(r"(?:supported|backed|covered)\s+by|with\s+(?:the\s+)?support|under\s+cover", re.IGNORECASE)
_INTENT = re.compile(
    r"(?=[acfghimprtw])"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:to|will|would|could|may|might|must|plans?\s+to|aims?\s+to|(?:aim|goal|purpose|hope|intention|fear|threat|risk)s?\s+of)\s+"
    r"(?:(?:also|soon|then|\w+ly)\s+)?"  # "would similarly attack", "will soon launch"
    r"(?:be\s+|have\s+been\s+)?(?:(?:launch|carry\s+out|conduct|stage|mount|attempt|prepare|start|begin|fire|use|drop|resume|renew|intensify|escalate)\s+"
    r"(?:an?\s+|the\s+|new\s+|more\s+|further\s+|(?:barrage|wave|series|salvo|volley|round|rain|hail)s?\s+of\s+)*)?$",
    re.IGNORECASE,
)


# Plans, threats, warnings, denials and demands govern the trigger a few words later: "preparing a
# major assault", "threatened a new offensive", "warned of an imminent attack", "denied carrying out
# the strike", "called for an end to the shelling".
# "an investigation to determine whether its strikes near Manbij had killed civilians", "a probe into the air strike on the
# convoy": what a question or an inquiry is about, to the end of its clause.
_QUESTION = re.compile(rf"(?:{QUESTION.pattern})[^.;:!?]*$", re.IGNORECASE)
_PLAN = re.compile(
    r"\b(?=[abcdefghilnoprstuvw])"  # the letters its alternatives begin with: the engine tries them only there
    r"(?:prepar(?:e|es|ed|ing)(?:\s+for)?|plann?(?:ed|ing|s)?|threat(?:en|ened|ens|ening)(?:\s+to)?|vow(?:ed|s|ing)?(?:\s+to)?"
    r"|warn(?:ed|s|ing)?\s+(?:of|against)|den(?:y|ied|ies|ying)|demand(?:ed|s|ing)?|call(?:ed|s|ing)?\s+for|imminent|looming|expected|impending"
    r"|predict(?:ed|s|ing)?|forecast(?:s|ed|ing)?|anticipat(?:e|ed|es|ing)|expect(?:s|ing)?"
    r"|urg(?:e|ed|es|ing)|ask(?:ed|s|ing)?|press(?:ed|es|ing)|encourag(?:e|ed|es|ing)|invit(?:e|ed|es|ing)|likely|unlikely|probably|possibly"
    r"|(?:confirmation|evidence|allegations?|accusations?|claims?)\s+(?:of|that)"
    r"|(?:importance|aim|goal|purpose|objective|intention|intent)\s+of"  # "the importance of capturing Leramun is to ..."
    r"|aim(?:ed|s|ing)?\s+at"  # "the operation was aimed at the recapture of Moadamiyet al-Sham"
    r"|interest(?:ed)?(?:\s+in)?"  # "they are just interested in fighting Daesh": an interest, not a fight
    r"|(?:like|love|want|wants|wanted|hope|hoped|wish|wished)\s+to\s+see"  # "I'd certainly like to see demonstrations"
    # "has received several TOW anti-tank missiles from the US", "supplied the rebels with rockets": arms delivered, not fired
    r"|receiv(?:e|ed|es|ing)|suppl(?:y|ied|ies|ying)(?:\s+\w+){0,2}\s+with|deliver(?:y|ies)\s+of|shipments?\s+of"
    r"|accus(?:ed|ing|es)\s+(?:\w+\s+){0,2}?of|charged\s+with|suspected\s+of|convicted\s+of|charges\s+of|suspicion\s+of"
    # "blaming 'terrorist groups' for using chemical substances", "blamed the regime for the attack": who is blamed
    # for it is an accusation, not a report of who did it
    r"|blam(?:e|ed|es|ing)\s+[^.;:]{0,40}?\bfor"
    # "said they feared revenge attacks by pro-government forces": what is feared has not happened
    r"|fear(?:ed|s|ing)?(?!\s+(?:dead|killed|lost|missing|trapped|buried))"
    # "threatening to strike ... if barrel bombs were used again": a condition ("unclear if the strikes were
    # Russian", "asked if": a question about an event told, which _QUESTION leaves alone).
    r"|(?<!\bas\s)(?<!even\s)(?<!clear\s)(?<!known\s)(?<!\bsure\s)(?<!\bsee\s)(?<!asked\s)(?<!\bask\s)(?<!firm\s)(?<!mine\s)if"
    r"|unless)"
    r"\s+(?:(?:an?|the|its|their|his|any|new|further|more|an\s+end\s+to|end\s+to)\s+|(?-i:[a-z]+|[A-Z]{2,5})\s+){0,3}$",
    re.IGNORECASE,
)


# The fighting people flee, or were displaced by, is their flight's cause, told as context: "20000 people have been
# displaced as a result of the Kurdish-led offensive", "as they tried to cross the river to escape fighting in Deir
# az-Zour", "fled the clashes".
_FLED_WORDS = ("fle", "escap", "displac", "uproot")
_FLED_FROM = re.compile(
    r"\b(?:fled|flee|flees|fleeing|escape|escaped|escapes|escaping|displaced|uprooted)\b"
    r"(?:\s+(?:from|by|as\s+a\s+result\s+of|due\s+to|because\s+of|amid))?\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# ... but "the fleeing terrorists opened machine gun fire": those fleeing are the subject of the trigger's verb.
_FIRES_AFTER_FLEEING = re.compile(r"fleeing\s+(?:[\w'’-]+\s+){1,2}(?:opened|fired|attacked|shot|shelled|targeted)\b", re.IGNORECASE)
# "killed during the fighting for control of the town", "rebels battled for control of Aleppo": what is fought for.
_FOUGHT_FOR = re.compile(
    r"\b(?:battl(?:e|es|ed|ing)|fight(?:s|ing)?|fought|struggl(?:e|es|ed|ing)|vy(?:ing|ed)|contest(?:s|ed|ing)?|race|war)"
    r"\s+for\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "in an attempt to advance into", "tried to storm", "battling to take control of": what was attempted did not happen
# (the fighting did).
_ATTEMPT = re.compile(
    r"\b(?:attempt(?:s|ed|ing)?|tr(?:y|ied|ies|ying)|s(?:ought|eek|eeks|eeking)|bid|efforts?|push(?:ed|ing)?"
    # "a rebel alliance battling to take control of Aleppo", "struggling to retake": the fighting's aim
    r"|battl(?:e|es|ed|ing)|fight(?:s|ing)?|fought|struggl(?:e|es|ed|ing)|striv(?:e|es|ing))\s+to\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


# What a fight verb is against when no enemy is fought: "battled to extinguish the flames", "fought the blaze", "struggled to
# rescue survivors", "battling to save the wounded".
_AGAINST_NO_ENEMY = re.compile(
    r"\s+(?:to\s+(?:extinguish|put\s+out|douse|contain|save|rescue|pull|free|treat|reach)\b"
    r"|(?:the\s+|a\s+)?(?:fires?|flames|blazes?|floods?|storms?|snow|cold|disease|epidemic|cholera)\b)",
    re.IGNORECASE,
)


# "managed to retake", "continued to loot", "began to withdraw": it happened.
_ACHIEVED = re.compile(
    r"(?=[abckmprsw])"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:managed|manage|manages|able|succeeded|succeed|went on|continued|continue|continues|continuing|began|begin|begins"
    r"|started|start|starts|kept|resumed|proceeded)\s+to\s+(?:(?:also|then|\w+ly)\s+)?$",  # "managed to completely wrest"
    re.IGNORECASE,
)
# "gathered in front of the hospital to protest", "took to the streets to demand": the gathering happened.
_GATHERED = re.compile(
    r"\b(?:gathered|assembled|took to the streets|came out|went out|turned out|marched|rallied|staged|held|organi[sz]ed|joined)\b",
    re.IGNORECASE,
)
DEMONSTRATIONS = frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                            "Violent demonstration"})
_PREVENTED = re.compile(r"\b(?:prevent(?:ed|s|ing)?|stopp(?:ed|ing)|block(?:ed|ing))\b[^.;,]{0,50}$", re.IGNORECASE)


DISRUPTED = "Disrupted weapons use"
_EXPLOSIVES = {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}
# Who stopped the bomb: "was stopped before detonating", "were able to apprehend ... attempting to detonate".
_STOPPED = re.compile(
    r"\b(?:stopped|caught|apprehend(?:ed)?|arrested|captured|detained|intercepted|prevented|foiled|thwarted|shot dead|killed|neutrali[sz]ed)\b",
    re.IGNORECASE,
)
_TRIED = re.compile(
    r"\b(?:attempt\w*(?:\s+by(?:\s+[\w'’-]+){1,4}?)?|tr(?:y|ied|ies|ying)|about|plann\w*|prepar\w*|intend\w*|going|wanted|sought|before|prior)\s+to\s+"
    r"(?:detonate|explode|blow\s+up|set\s+off|carry\s+out|plant)\s+(?:\w+\s+){0,2}$"
    r"|\b(?:before|prior\s+to)\s+(?:detonating|exploding|blowing\s+up|setting\s+off)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _stopped(facts: SentenceFacts, trig: TriggerMention) -> TriggerMention:
    """A bomb someone tried to set off and was stopped ("a suicide bomber was stopped before detonating",
    "apprehended a terrorist attempting to detonate his suicide vest"): the weapon was not used - ACLED's
    Disrupted weapons use."""
    before = facts.text[max(0, facts.local(trig.start) - 60) : facts.local(trig.start)]
    if (_TRIED.search(before) and _STOPPED.search(facts.text)) or _STOPPED_OBJECT.search(before):
        return dataclasses.replace(trig, sub_event_type=DISRUPTED)  # "... foiled a suicide attack"
    if _STOPPED.search(facts.text, facts.local(trig.end), facts.local(trig.end) + 40) and _BEFORE_DETONATING.search(facts.text, facts.local(trig.end)):
        return dataclasses.replace(trig, sub_event_type=DISRUPTED)  # "one suicide bomber was stopped before detonating"
    # "launching a VBIED at the checkpoint; this terrorist attack was foiled before it could reach its destination": the
    # weapon told, then said to be stopped before it could go off or arrive (and never said to go off).
    later = _STOPPED_LATER.search(facts.text, facts.local(trig.end), facts.local(trig.end) + 200)
    if later and not _WENT_OFF.search(facts.text, facts.local(trig.end), later.start()):
        return dataclasses.replace(trig, sub_event_type=DISRUPTED)
    return trig


_STOPPED_OBJECT = re.compile(
    r"\b(?:foiled|thwarted|stopped|prevented|intercepted|averted)\s+(?:an?\s+|the\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_STOPPED_LATER = re.compile(
    r"\b(?:was|were|had\s+been|been)\s+(?:\w+ly\s+)?(?:foiled|thwarted|intercepted|stopped|neutrali[sz]ed|destroyed|shot\s+down)\s+"
    r"(?:before|prior\s+to)\s+(?:(?:it|they|he|she)\s+(?:could|was\s+able\s+to)\s+|reaching|detonat|explod|hitting)",
    re.IGNORECASE,
)
_WENT_OFF = re.compile(r"\b(?:exploded|detonated|went\s+off|blew\s+up|blast|killing|killed)\b", re.IGNORECASE)
_BEFORE_DETONATING = re.compile(r"\b(?:before|prior to)\s+(?:detonat|explod|blow|setting off|he could|she could|they could)", re.IGNORECASE)


# A participle of detention used as an adjective: "detained in", "held at", "kidnapped by".
_CAPTIVE_PARTICIPLE = re.compile(r"(?:detained|arrested|abducted|kidnapped|held|imprisoned|jailed)$", re.IGNORECASE)
_CAPTIVE_AFTER = re.compile(r"\s+(?:in|at|inside|by|since|for|during|on)\b", re.IGNORECASE)
# What may stand before a verb that is not its noun: auxiliaries, adverbs, conjunctions, pronouns.
_NOT_A_NOUN = re.compile(
    r"(?:\b(?:was|were|been|being|is|are|be|had|has|have|got|get|and|or|who|which|that|then|also|reportedly|they|he|she|it|we"
    r"|later|had\s+been|allegedly)|\w+ly|[,;:(])\s*$",
    re.IGNORECASE,
)
_CAPTIVE_KINDS = {"Arrests", "Abduction/forced disappearance"}


def _describes_captive(facts: SentenceFacts, trig: TriggerMention, triggers: list[TriggerMention]) -> bool:
    """"a woman detained at a checkpoint was raped": the participle follows its noun and is followed by a
    preposition, and another event of another kind is told after it - the detention is who the victims are."""
    if trig.sub_event_type not in _CAPTIVE_KINDS or not _CAPTIVE_PARTICIPLE.fullmatch(trig.text.strip()):
        return False
    start, end = facts.local(trig.start), facts.local(trig.end)
    before = facts.text[max(0, start - 25) : start]
    if not before.strip() or _NOT_A_NOUN.search(before) or not _CAPTIVE_AFTER.match(facts.text, end):
        return False
    return any(t.start > trig.end and t.sub_event_type not in _CAPTIVE_KINDS for t in triggers)


# People before a capture verb: its participle after them ("soldiers captured while fleeing") or a relative clause with a
# pronoun for the taker ("a pilot they captured", "the men whom IS had seized").
_PRISONERS_BEFORE = re.compile(
    r"\b(?:soldiers?|troops|fighters?|pilots?|officers?|members?|militants?|rebels?|gunmen|civilians|people|men|crew"
    r"|servicemen|hostages?|prisoners?|conscripts?)\s+(?:(?:(?:that|whom|who)\s+)?(?:they|he|she|we|it)\s+(?:had\s+|have\s+)?)?$",
    re.IGNORECASE,
)
_PRONOUN_TAKER = re.compile(r"\b(?:they|he|she|we|it)\s+(?:had\s+|have\s+)?$", re.IGNORECASE)


def _describes_prisoners(facts: SentenceFacts, trig: TriggerMention, triggers: list[TriggerMention]) -> bool:
    """"Syrian soldiers captured while fleeing after IS overran the airbase were executed", "Rebels killed a pilot they
    captured after he ejected": the capture verb's people stand before it - after them as a participle followed by a
    preposition or conjunction, or in a relative clause whose taker is a pronoun - and another kind of violence is told."""
    if not _ground_participle(trig):
        return False
    start, end = facts.local(trig.start), facts.local(trig.end)
    before = facts.text[max(0, start - 40) : start]
    if not _PRISONERS_BEFORE.search(before):
        return False
    if not _PRONOUN_TAKER.search(before) and not _PARTICIPLE_AFTER.match(facts.text, end):
        return False  # "rebels captured the town": the people are its subject
    return _other_violence(trig, triggers, weak=True)


def _ground_participle(trig: TriggerMention) -> bool:
    return trig.sub_event_type == "CAPTURE" and _GROUND_PARTICIPLE.fullmatch(trig.text.strip()) is not None


def _other_violence(trig: TriggerMention, triggers: list[TriggerMention], *, weak: bool) -> bool:
    """Another kind of violence than a capture told in the sentence (a weak word counted only when ``weak``)."""
    return any(t is not trig and t.sub_event_type in _VIOLENT and t.sub_event_type != "CAPTURE" and (weak or t.strength != "weak")
               for t in triggers)


_PARTICIPLE_AFTER = re.compile(r"\s+(?:in|at|inside|by|since|for|during|on|while|after|when|near|as)\b", re.IGNORECASE)
_GROUND_PARTICIPLE = re.compile(r"(?:captured|seized|taken|retaken|recaptured|liberated|overrun|freed)$", re.IGNORECASE)
_TAKEN_BEFORE_NOW = re.compile(
    r"\s+by\s+(?:the\s+)?(?:[\w-]+\s+){1,4}?(?:earlier\s+this\s+(?:week|month|year)|last\s+(?:week|month|year|summer|winter|spring|autumn)"
    r"|(?:days|weeks|months|years)\s+ago|in\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_TIME_ADVERB = re.compile(r"\b(?:only\s+)?(?:recently|newly|previously|lately|once|earlier|just)\s*$", re.IGNORECASE)


def _describes_ground(facts: SentenceFacts, trig: TriggerMention, triggers: list[TriggerMention]) -> bool:
    """"a town recently captured by Kurdish forces": a capture participle after its noun (a time adverb may stand
    between), its taker after "by", in a sentence that tells another kind of violence."""
    if not _ground_participle(trig):
        return False
    start, end = facts.local(trig.start), facts.local(trig.end)
    before = facts.text[max(0, start - 40) : start]
    adverb = _TIME_ADVERB.search(before)
    before = before[: adverb.start()] if adverb else before
    if not before.strip() or _NOT_A_NOUN.search(before) or not _BY_AFTER.match(facts.text, end):
        return False
    if _TAKEN_BEFORE_NOW.match(facts.text, end):
        # "the district of Ramussa seized by rebels earlier this month": dated before the report, the town's history
        return True
    return _other_violence(trig, triggers, weak=False)


_GROUND_TAKEN_BEFORE = re.compile(
    r"\b(?:territor(?:y|ies)|areas?|ground|lands?|towns?|villages?|regions?|parts?)\s+(?:that\s+|which\s+)?"
    r"(?:they|it|he|she|we|the\s+[\w-]+|[\w-]+\s+forces)\s+(?:have|has|had)\s+(?:(?:already|recently|previously|\w+ly)\s+)?$",
    re.IGNORECASE)
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
_AGREED_TO = re.compile(r"\bagree(?:d|s)?\s+to\s+$", re.IGNORECASE)
# "flew over Beirut without carrying out any strike", "entered the town without clashes", "with neither side gaining
# ground": negated, no event.
_WITHOUT = re.compile(r"(?=[nw])\b(?:without|neither(?:\s+side)?|no\s+side)\s+(?:(?:carrying\s+out|conducting|launching|firing|causing|any|a|an|the|single)\s+){0,3}$", re.IGNORECASE)
_WITHOUT_WORDS = ("without", "neither", "side")  # one in every match
# "the Russian forces have not targeted any of the groups", "did not attack", "were never shelled": a verb of violence
# negated right before it (auxiliaries and "been" between) reports that it did not happen.
_NOT = re.compile(
    r"(?=n)"  # the letters a match can begin with: the engine tries the rest only there
    r"(?:\b(?:not|never|no\s+longer)|n[’']t)\s+(?:(?:yet|been|be|being|ever|once|even|directly|deliberately)\s+){0,2}"
    # "had not carried out air strikes on Idlib", "did not launch any attack": a light verb between
    r"(?:(?:carr(?:y|ied)\s+out|conduct(?:ed)?|launch(?:ed)?|stage[sd]?|mount(?:ed)?)\s+(?:any\s+|an?\s+|the\s+)?)?$",
    re.IGNORECASE,
)
# "the air forces had stopped bombing Aleppo", "halted its offensive", "suspended air strikes", "called off the assault":
# violence said to be halted is the halt's object, not an event (a halt announced for a truce is the truce's news).
_HALTED = re.compile(
    r"(?=[cehlprs])"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:stop(?:ped|s|ping)?|halt(?:ed|s|ing)?|suspend(?:ed|s|ing)?|cease(?:d|s)?|ceasing|paus(?:ed|es|ing)|call(?:ed|s|ing)?\s+off"
    r"|end(?:ed|s|ing)?|put\s+an\s+end\s+to|refrain(?:ed|s|ing)?\s+from"
    r"|(?:pause|halt|lull|suspension|cessation)\s+(?:in|of|to))\s+(?:(?:its|their|his|her|the|all|any|further)\s+){0,2}"
    # "stop the Syrian army's advance", "halted IS's assault" (FA-KES strips the apostrophe: "armys"): whose it was
    r"(?:(?:[A-Z][\w-]*\s+)?[\w-]+(?:['’]s|(?<=[a-z]y)s|['’])\s+)?$",
    re.IGNORECASE,
)
_HALTABLE = {"ATTACK", "Armed clash", AIR, "Shelling/artillery/missile attack", "CAPTURE"}


def _weapon_just_before(facts: SentenceFacts, trig: TriggerMention, weapons: list[TriggerMention], *,
                        skip: frozenset[str] = frozenset()) -> TriggerMention | None:
    """The trigger right before ``trig`` in its sentence (those of a ``skip`` kind left out) when it is a weapon; what
    was destroyed is the same subject's deed, not its weapon ("the Air Force destroyed a convoy ... and killed dozens")."""
    earlier = [t for t in facts.triggers if t.end <= trig.start and t.sub_event_type not in skip and not destroying(t)]
    return earlier[-1] if earlier and earlier[-1] in weapons else None


def _object_between(facts: SentenceFacts, trig: TriggerMention, local_start: int) -> bool:
    """Violence named between a verb of stopping and the trigger is what was stopped: "had stopped bombing Aleppo to
    pave the way for a truce" halted the bombing, it did not prevent the truce."""
    return any(t is not trig and t.sub_event_type in _VIOLENT and local_start < facts.local(t.start) < facts.local(trig.start)
               for t in facts.triggers)


def _intended(facts: SentenceFacts, trig: TriggerMention) -> bool:
    """"an operation to liberate Raqqa", "will attack", "would be arrested", "with the aim of
    recapturing", "for fear of air strikes", "preparing a major assault", "denied carrying out the
    strike": an aim, a plan, a fear, a threat or a denial, not an event."""
    # (a quotation mark or bracket opening right before the trigger is not a word: 'blaming "terrorist groups" for
    # using "chemical ...')
    if _AGAINST_NO_ENEMY.match(facts.text, facts.local(trig.end)):
        return True  # "Firefighters battled to extinguish the flames": a fight with a fire, a flood, time
    before = facts.text[max(0, facts.local(trig.start) - 60) : facts.local(trig.start)].rstrip("\"'“‘([")
    if trig.sub_event_type in ("Armed clash", "ATTACK") and may_hold(before, _FLED_WORDS) \
            and (fled := _FLED_FROM.search(before)) is not None and not _FIRES_AFTER_FLEEING.match(before, fled.start()):
        return True  # "displaced as a result of the Kurdish-led offensive", "to escape fighting": what people fled
    if trig.sub_event_type == "CAPTURE" and " for " in before[-30:] and _FOUGHT_FOR.search(before):
        return True  # "the fighting for control of the town", "battled for control of": the fight's aim, not a capture
    if _PLAN.search(before) or (" to " in before[-40:] and _ATTEMPT.search(before)) \
            or (may_hold(facts.text, _WITHOUT_WORDS) and _WITHOUT.search(before)):
        return True
    if may_hold(facts.text, QUESTION_STEMS) and _QUESTION.search(facts.text, 0, facts.local(trig.start)):
        return True  # "to determine whether its strikes ... had killed civilians": a question asked, not an event told
    if trig.sub_event_type in _VIOLENT and _NOT.search(before):
        return True  # "have not targeted", "did not attack": negated
    if trig.sub_event_type in _HALTABLE and _HALTED.search(before):
        return True  # "had stopped bombing Aleppo", "halted the offensive": the violence is what stopped
    prevented = _PREVENTED.search(before) if trig.sub_event_type in _QUIET else None
    if prevented and not _object_between(facts, trig, facts.local(trig.start) - len(before) + prevented.start()):
        return True  # "prevented a Russian patrol from entering": the patrol did not happen
    if " " in trig.text.strip() and trig.strength != FRAME:
        return False  # phrases such as "fell to" carry their own "to"
    if _ACHIEVED.search(before[-40:]):
        return False  # "managed to retake", "were able to control": it happened
    if trig.sub_event_type == GROUP_CHANGE and _AGREED_TO.search(before[-30:]):
        return False  # "agreed to form an operations room": the formation was agreed (see _without_terms)
    if trig.sub_event_type in DEMONSTRATIONS and _GATHERED.search(facts.text, 0, facts.local(trig.start)):
        return False
    return bool(_INTENT.search(before[-40:]))


# "the attack", "this bombing", "Tuesday's air strike", "the latest deadly raid": an event told before.
_BACK_REFERENCE = re.compile(
    r"(?=[A-Zbty])"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Bb]oth|(?:[A-Z][a-z]+day|[Yy]esterday|[Tt]oday)(?:'s|’s|s)?\s+(?:night|morning|evening)(?:'s|’s|s)?|[A-Z][a-z]+day(?:'s|’s|s)|[Yy]esterday(?:'s|’s|s)|[Tt]oday(?:'s|’s|s))\s+"
    # "the two attacks", "the three strikes", "both blasts": the events told, counted
    r"(?:same\s+|latest\s+|deadly\s+|suspected\s+|alleged\s+|twin\s+|double\s+|previous\s+|earlier\s+|separate\s+"
    r"|two\s+|three\s+|four\s+|five\s+)*$"
)


_SAID_THAT = re.compile(
    r"\b(?:said|says|say|reported|reports|added|noted|stated|confirmed|claimed|announced|told\s+[\w-]+(?:\s+[\w-]+)?|"
    r"explained|indicated|pointed\s+out|mentioned|showed|revealed|according\s+to\s+reports)\s+$",
    re.IGNORECASE,
)


# What strikes, not a strike, doing more: "The air force also killed at least 10 people in rebel areas east of
# Damascus", "the warplanes then hit": the force named before did another deed ("The jets targeted the neighbourhood",
# with no "also", is still the strike told before; "The attack also killed" the attack told before).
_STRIKER = re.compile(
    r"(?:[\w-]+\s+)?(?:air\s*force|(?:war|fighter\s+)?planes?|(?:fighter\s+)?jets?|aircraft|helicopters?|choppers?|drones?"
    r"|gunships?|artillery)",
    re.IGNORECASE,
)
_DID_MORE = re.compile(r"\s+(?:also|again|then|later)\s+\w", re.IGNORECASE)


def is_back_reference(facts: SentenceFacts, trigger: TriggerMention) -> bool:
    """The trigger names an event the article already told ("The attack killed 32")."""
    if _DID_MORE.match(facts.text, facts.local(trigger.end)) and _STRIKER.fullmatch(trigger.text):
        return False
    lead = facts.text[max(0, facts.local(trigger.start) - 60) : facts.local(trigger.start)]
    found = _BACK_REFERENCE.search(lead, max(0, len(lead) - 30))
    if found is None:
        return False
    # "said that rocket shells landed": "that" after a verb of saying begins what was said, it points back at nothing.
    return not (found.group(0).lower().startswith("that") and _SAID_THAT.search(lead, 0, found.start()))


_TARGETING = frozenset({"targeted", "targeting"})
# What an armed group holds, not its people met in a fight: "(the) (ISIS/terrorists') positions/gatherings/hideouts"
# (not a post, base or headquarters: "border guards targeted an observation post" is gunfire, often at close range).
_POSITIONS_AFTER = re.compile(
    r"\s+(?:(?:the|a|an|several|some|many|\d+)\s+)?(?:[\w'’-]+\s+){0,2}?(?:positions?|gatherings?|hideouts?|dens?|fortifications?|"
    r"movements?|concentrations?)\b",
    re.IGNORECASE,
)
_CLOSE_COMBAT = {"Armed clash", "CAPTURE"}
# "in operations targeting their positions", "the assault targeted ISIL positions": a ground operation or assault that
# targets them is the fighting itself.
_OPERATION_BEFORE = re.compile(r"\b(?:operations?|assaults?|attacks?|offensives?|raids?|push)\s+(?:\w+\s+)?$", re.IGNORECASE)


_CUSTODY_KILLING = re.compile(r"\b(?:execut\w*|behead\w*|tortured to death)", re.IGNORECASE)


def final_sub_event_type(trigger: TriggerMention, roles: Roles, *, victims: bool) -> str:
    """Resolve CAPTURE / ATTACK from the actors; other sub-types are kept."""
    sub = trigger.sub_event_type
    if sub == "Arrests" and roles.actor1 is not None and roles.actor1.inter not in (1,):
        # ACLED: detention by a state's own forces is an arrest; by an armed group or a foreign force
        # (HTS, QSD, Operation Peace Spring) it is an abduction.
        return "Abduction/forced disappearance"
    if sub == "CAPTURE":
        actor: Actor | None = roles.actor1
        return "Government regains territory" if actor is not None and actor.government_side else "Non-state actor overtakes territory"
    if sub == "ATTACK":
        if _CUSTODY_KILLING.search(trigger.text):
            # An execution kills someone already held: whatever side he was on, he was unarmed (ACLED: Attack).
            return "Attack"
        target = roles.actor2
        if (target is not None and target.inter == 7) or (target is None and victims):
            return "Attack"
        if target is not None and target.inter == 6:
            return "Excessive force against protesters"
        return "Armed clash"
    return sub
