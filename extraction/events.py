"""From sentence facts to events: one event per (trigger, place), with roles,
date, fatalities, location and provenance."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from extraction.dates import DAY, MONTH
from extraction.fatalities import FatalityMention
from extraction.geo import Located, Locator
from extraction.lexicon import Actor, actor_areas, actors, cues, first_letters, holds_any, may_hold, word_alternation
from extraction.placecues import ADMIN, EVENT, NEAR
from extraction.placechoice import choose_places
from extraction.records import MAX_EVENT_FATALITIES
from extraction.roles import SPEECH_VERB, Roles, assign_roles, civilians, unidentified
from extraction.sentence import BODY, CAPTION, HEADLINE, PlaceMention, SentenceFacts, TriggerMention
from extraction.settings import ExtractionSettings
from extraction.taxonomy import event_type_of
from extraction.triggers import DEMONSTRATIONS, final_sub_event_type, is_backdrop, select_triggers
from gazetteer.admin import canonical_admin1

# Sub-types whose unnamed initiator ACLED codes as an unidentified armed group.
_UNIDENTIFIED_OK = {
    "Armed clash", "Attack", "Abduction/forced disappearance", "Remote explosive/landmine/IED",
    "Grenade", "Suicide bomb", "Sexual violence", "Looting/property destruction",
}
_DEFAULT_ACTOR = {"Protests": "protesters", "Riots": "rioters"}


@dataclass(frozen=True, slots=True)
class Draft:
    """An event before deduplication."""

    facts: SentenceFacts
    trigger: TriggerMention
    sub_event_type: str
    event_type: str
    roles: Roles
    located: Located
    event_date: date | None
    time_precision: int | None
    fatalities: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    fatalities_text: str
    support_only: bool  # from a headline or caption: only adds mentions
    initiator_named: bool = True  # False when actor1 is ACLED's default, not a name in the text
    own_place: bool = True  # the place is named in the trigger's own clause (not borrowed, not carried over)
    own_toll: bool = True  # the toll is written with this place (its sentence's only place, or its count in a list)
    toll_share: bool = False  # the toll is told as the day's or the place's share ("on Wednesday alone killed 21")


# A toll told as the day's or the place's share: "the air strikes on eastern Aleppo on Wednesday alone killed at least 21".
TOLL_SHARE = re.compile(r"\b(?:on|in)\s+(?:\w+\s+){1,3}alone\b", re.IGNORECASE)


def _toll_share(text: str) -> bool:
    """``TOLL_SHARE`` matches ("on Wednesday alone"): looked for only where "alone" is written (``may_hold``)."""
    return may_hold(text, ("alone",)) and TOLL_SHARE.search(text) is not None


_CIVILIANS_BY_DEFAULT = {"Arrests", "Abduction/forced disappearance", "Looting/property destruction"}
_COMBATANT_WORDS = (
    r"fighters?", r"soldiers?", "troops", r"militants?", "members", "gunmen", "militiamen", r"officers?", r"commanders?", "personnel",
    "rebels", "jihadists", "terrorists",
)
_COMBATANTS = re.compile(rf"\b{first_letters(_COMBATANT_WORDS)}(?:{'|'.join(_COMBATANT_WORDS)})\b", re.IGNORECASE)
_SHOT_DOWN = frozenset({"shot down", "shoots down", "shoot down", "downed"})
_CREWED = r"(?:aircraft|warplanes?|war\s+planes?|planes?|jets?|fighter\s+jets?|helicopters?|choppers?|sukhoi|mig(?:-\d+)?|su-\d+|l-39)"
_MANNED_AIRCRAFT = re.compile(rf"\s+(?:an?\s+|the\s+|two\s+|its\s+)?(?:[\w'’-]+\s+){{0,3}}?{_CREWED}\b", re.IGNORECASE)
# "their helicopter was shot down", "a Russian Mi-8 military transport helicopter was shot down": the aircraft before it
_MANNED_AIRCRAFT_DOWNED = re.compile(
    rf"\b{_CREWED}\s+"
    r"(?:which\s+|that\s+)?(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_BY_AFTER = re.compile(r"\s+(?:\w+\s+){0,3}?by\b", re.IGNORECASE)  # "was shot down (over Idlib) by Jaish al-Islam"
_PASSIVE_END = re.compile(r"(?=[bw])\b(?:were|was|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


_TAKEN_LEAD = r"^\s*(?:an?\s+|the\s+|\d+\s+|(?:two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|scores\s+of)\s+|several\s+|a number of\s+|an? number of\s+|large amounts of\s+|quantities of\s+|their\s+|its\s+)*(?:[\w-]+\s+){0,2}?"
_WEAPONS_TAKEN = re.compile(_TAKEN_LEAD + r"(?:weapons?|arms|ammunition|munitions|rockets|missiles|explosives|mines|ied|ieds|rifles|guns)\b", re.IGNORECASE)
_PROPERTY_TAKEN = re.compile(
    _TAKEN_LEAD + r"(?:tankers?|trucks?|vehicles?|cars?|lorries|houses|homes|property|properties|goods|cargo|cargoes|shipments?|crops|harvest|cattle|livestock|sheep|money|equipment|shops?|land|farms?)\b",
    re.IGNORECASE,
)
_PROTESTER_WORDS = (r"protest\w*", r"demonstrat\w*", r"rall(?:y|ies|ied)", r"march(?:ed|ing|ers)", r"sit-ins?")
_PROTESTERS = re.compile(rf"\b{first_letters(_PROTESTER_WORDS)}(?:{'|'.join(_PROTESTER_WORDS)})\b", re.IGNORECASE)
_DEMONSTRATOR_WORDS = (
    r"protest\w*", r"demonstrat\w*", r"riot(?!\s+(?:police|gear|control|squad|units?|forces))\w*", r"rall(?:y|ies|ied)", r"crowds?",
    r"mobs?", r"march(?:ed|ing|ers)", r"sit-ins?",
)
_DEMONSTRATORS = re.compile(rf"\b{first_letters(_DEMONSTRATOR_WORDS)}(?:{'|'.join(_DEMONSTRATOR_WORDS)})\b", re.IGNORECASE)
_DEMONSTRATOR_STEMS = ("protest", "demonstrat", "riot", "rall", "crowd", "mob", "march", "sit-in")  # one starts each word above
_CARRYING_WEAPONS = re.compile(r"\b(?:loaded with|carrying|containing|full of|packed with)\s+(?:[\w-]+\s+){0,3}?(?:weapons|arms|ammunition|rifles|explosives|rockets|missiles|mines)\b", re.IGNORECASE)
# ACLED's territory sub-types are control of a location won; positions, points or a checkpoint taken in the fighting
# ("captured several positions", "seized control of the checkpoint", "controlled their positions") are the clash.
_POSITIONS_TAKEN = re.compile(
    r"^\s*(?:(?:full\s+)?control\s+(?:of|over)\s+)?" + _TAKEN_LEAD[4:]
    + r"(?:checkpoints?|positions?|points?|posts?|outposts?|barricades?|trenches)\b",
    re.IGNORECASE,
)
_ADVANCED = re.compile(r"\badvanc", re.IGNORECASE)  # "advanced on ISIS positions near X": a move on ground, not positions seized
_PUSH_AFTER = re.compile(r"^\s*(?:their|its|his|the)\s+(?:[\w-]+\s+)?(?:push|offensive|campaign|bid|drive|assault|attack)\b", re.IGNORECASE)
_PEOPLE_TAKEN = re.compile(
    _TAKEN_LEAD + r"(?:activists?|journalists?|reporters?|civilians?|men|man|women|woman|boys?|girls?|child|children|people|persons?|residents?"
    r"|doctors?|nurses?|teachers?|students?|workers?|farmers?|shepherds?|traders?|merchants?|villagers?|relatives|family|aid workers?"
    r"|officials?|judges?|lawyers?|engineers?|priests?|clerics?|mayors?)\b",
    re.IGNORECASE,
)
# "captured 9 YPG members", "seized two regime soldiers": combatants taken in the field. ACLED codes the capture of an
# enemy's fighters as a clash between the two forces, not territory and not an arrest.
_COMBATANTS_TAKEN = re.compile(
    # counted, not "captured by opposition fighters" (the passive's agent) nor "the rebels' stronghold"
    r"^\s*(?:an?|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|scores\s+of|several|a\s+number\s+of)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:members?|fighters?|operatives?|militants?|soldiers?|rebels?|elements?|gunmen|troops|officers?"
    r"|commanders?|militiam[ae]n|recruits?|combatants?|conscripts?)(?![\w-])",  # not "a rebel-held district"
    re.IGNORECASE,
)
# Decided by what happened in the sentence, not by one word (ACLED's deciding questions):
# were the demonstrators violent? -> Violent demonstration; did the authorities use lethal or severe force
# on them? -> Excessive force against protesters; did they intervene otherwise (tear gas, dispersal,
# arrests)? -> Protest with intervention; else Peaceful protest.
_RIOTING = re.compile(
    r"\b(?:riot(?:s|ed|ing|ers)?(?!\s+(?:police|gear|control|squad|units?|forces))|set (?:fire|ablaze)|set (?:[\w-]+ ){1,4}?(?:on fire|ablaze)|broke into|torched|burn(?:ed|ing|t)? (?:down |a |the )?(?:tyres|tires|cars|vehicles|buses|shops|a supermarket|offices|buildings|police)"
    r"|(?:thr(?:ew|owing)|hurl(?:ed|ing)|pelt(?:ed|ing)(?: [\w-]+){0,3} with) (?:stones|rocks|bricks|bottles|molotov|petrol bombs|objects|projectiles|fireworks)"
    r"|stormed|vandali[sz](?:ed|ing)|smashed|ransacked|attacked (?:a |the )?(?:police|security|government)"
    r"|clashed with (?:the )?(?:[\w-]+ ){0,2}(?:police|security forces|riot police|members|soldiers|troops|guards|forces))\b",
    re.IGNORECASE,
)
_LETHAL_FORCE = re.compile(
    r"\b(?:killed|killing|shot dead|shot and killed|gunned down|(?:fired|shooting|shot|shots were fired|opened fire)(?: live (?:ammunition|rounds| bullets))? (?:on|at|into)"
    r"|[1-9]\d*\s+fatalit(?:y|ies)"
    r"|live (?:ammunition|rounds|bullets)|lethal force|brutal force|excessive force|snipers?)\b",
    re.IGNORECASE,
)
_INTERVENTION = re.compile(
    r"\b(?:tear ?gas|tear-gas|(?<!before )dispers(?:ed|ing|e)(?!\s+(?:peacefully|quietly|calmly|without))|water cannons?|rubber bullets|stun grenades?|pepper spray|kettled|arrest(?:ed|ing)?|detain(?:ed|ing)|beat(?:en|ing)?|batons?|clubs"
    r"|broke up|break up|crack(?:ed)? ?down|suppress(?:ed|ing)?|repress(?:ed|ing)?|prevent(?:ed)? (?:them|the protesters|the demonstrators))\b",
    re.IGNORECASE,
)


_CAPTIVES = re.compile(r"\b(?:prisoners|inmates|detainees|(?:detained|held|jailed|imprisoned)\s+(?:in|at|inside)\s+(?:[\w'’-]+\s+){0,3}?(?:prisons?|jails?|detention))\b", re.IGNORECASE)
# Small arms fired in the attack ("fired machine guns and RPGs", "using shells and machine guns", "with heavy machine
# guns"), not carried ("vehicles equipped with machine guns", "machinegun-equipped", "machine gun fire from aircraft").
_SMALL_ARMS = re.compile(
    r"(?=[fuw])"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:fired|firing|using|used|(?<!equipped\s)(?<!armed\s)(?<!mounted\s)with)\s+(?:(?:a|an|the|shells|and|heavy|medium|light|rpgs?"
    r"|rockets?|mortars?|missiles)\s+){0,4}(?:machine[- ]?guns?(?![- ]equipped)|small[- ]arms|(?:light|medium|automatic)\s+weapons|kalashnikovs?)\b",
    re.IGNORECASE,
)
_TAKEN_BY_FORCE = {"Government regains territory", "Non-state actor overtakes territory"}
_FORCE_ON_PEOPLE = {"Armed clash", "Attack", "Grenade", "Arrests", "Abduction/forced disappearance"}
# Unarmed crowds: "supporters of Sonko clashed with police" is a riot, "a crowd beat a man to death" mob violence.
_CROWD = re.compile(
    r"(?=[cflmorstvwy])"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:crowds?|mobs?|supporters|residents|villagers|students|youths?|young men|fans|market-goers|locals|townspeople|vigilantes|onlookers|worshippers"
    # (not "rescue workers", "aid workers": who came to help)
    r"|(?<!rescue\s)(?<!aid\s)(?<!relief\s)(?<!health\s)(?<!medical\s)(?<!humanitarian\s)(?<!defence\s)(?<!defense\s)workers)\b",
    re.IGNORECASE,
)
_CROWD_AS_OBJECT = re.compile(
    r"\b(?:at|on|against|into|kill(?:ed|ing|s)?|attack(?:ed|ing|s)?|target(?:ed|ing|s)?|shot|shoot(?:ing)?|wound(?:ed|ing)|injur(?:ed|ing)"
    r"|abduct(?:ed|ing)|kidnapp(?:ed|ing)|arrest(?:ed|ing)|detain(?:ed|ing)|beat(?:ing)?|dispers(?:ed|ing)|massacred|executed)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)


# "eight students ... were killed", "humanitarian workers who died on a raid": the crowd suffered it.
_PASSIVE_BETWEEN = re.compile(r"\b(?:were|was|been|being|got|died|perished|killed)\b", re.IGNORECASE)


def _crowd_acts(facts: SentenceFacts, trig: TriggerMention) -> bool:
    """An unarmed crowd is who acts: named shortly before the trigger, with no armed actor named in between."""
    start = facts.local(trig.start)
    crowd = None
    for crowd in _CROWD.finditer(facts.text, max(0, start - 60), start):
        pass
    if crowd is None:
        return False
    if _CROWD_AS_OBJECT.search(facts.text, max(0, crowd.start() - 40), crowd.start()):
        return False  # "fired live bullets at students", "killed at least 20 villagers": the crowd is the target
    if re.match(r"\s+of\b", facts.text[crowd.end() :]):
        return True  # "supporters of the opposition leader clashed": whom they support is not who acts
    if _PASSIVE_BETWEEN.search(facts.text, crowd.end(), start):
        return False  # "eight students ... were killed": the crowd suffered it
    between = (facts.start + crowd.end(), trig.start)
    return not any(between[0] <= m.start < between[1] and m.actor.inter not in (5, 6, 7) for m in facts.actors)


_ON_AUTHORITY = re.compile(
    r"\b(?:storm\w*|attack\w*|torch\w*|set\s+fire\s+to|set\s+ablaze|burn\w*|ransack\w*|vandali[sz]\w*|broke\s+into|smash\w*"
    r"|besieg\w*|pelt\w*|ston\w*|overr[au]n|occup\w*)\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:embass(?:y|ies)|consulates?|government\s+(?:buildings?|offices?|headquarters|compound)|governorate\s+(?:buildings?|headquarters)"
    r"|ministry|ministries|parliament|town\s+hall|city\s+hall|municipality|municipal\s+(?:buildings?|offices?)|police\s+stations?"
    r"|police\s+posts?|courthouses?|presidential\s+palace|(?:governor|mayor)['’]?s\s+(?:office|residence)|party\s+(?:offices?|headquarters)"
    r"|election\s+(?:offices?|commission))\b",
    re.IGNORECASE,
)
_PEOPLE_HARMED = re.compile(r"\b(?:lynch\w*|beat(?:en|ing)?|to\s+death|alive|kill\w*|murder\w*|hack\w*|stabb\w*|dragged)\b", re.IGNORECASE)
_AGAINST_AUTHORITIES = re.compile(r"\s+(?:with|against)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:police|security forces|riot police|gendarmes|soldiers|troops)\b", re.IGNORECASE)
_CROWD_VIOLENCE = {"Armed clash", "Attack", "Looting/property destruction", "Abduction/forced disappearance", "Violent demonstration"}
# The force's target, right after it: "fired at the protesters", "bullets against Syrian Kurdish protestors".
_DEMONSTRATOR_NOUNS = (
    r"(?:protest\w*|demonstrat\w*|rall(?:y|ies)|crowds?|marchers"
    # people named by who they are, when the sentence tells they were demonstrating ("fired at students marching",
    # "arrested a dozen young men who had joined a small anti-government rally")
    r"|(?:students|residents|villagers|supporters|youths?|workers|people|civilians|men|women|farmers|teachers)(?=\s+(?:(?:who\s+were\s+)?"
    r"(?:protest\w*|demonstrat\w*|march\w*|rallying|gathered|chanting|staging)"
    r"|who\s+(?:had\s+)?(?:joined|(?:took|taken)\s+part\s+in|participated\s+in|attended)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:protests?|demonstrations?|rall(?:y|ies)|sit-ins?|marches)\b)))\b"
)
_AT_DEMONSTRATORS = re.compile(
    r"(?:(?:\s+(?:and\s+)?[\w-]+){0,3}?\s+(?:at|on|against|into|towards|to disperse))?\s+(?:the\s+|a\s+|[\w-]+\s+){0,3}?"
    + _DEMONSTRATOR_NOUNS,
    re.IGNORECASE,
)
# Force aimed at the demonstrators told before the trigger: "fired live bullets at students marching ..., killing six".
_FORCE_AT_DEMONSTRATORS = re.compile(
    r"\b(?:fired|firing|shot|shooting|opened fire|used|using|unleashed|charged|attacked|beat|hurled|lobbed)\b[^.;:]{0,40}?\s(?:at|on|against|into)\s+"
    r"(?:the\s+|a\s+|[\w-]+\s+){0,3}?" + _DEMONSTRATOR_NOUNS,
    re.IGNORECASE,
)
_NO_FIGHT = re.compile(
    r"\b(?:without (?:a |any )?(?:fight|fighting|resistance|clashes|a shot being fired|firing a shot)|deserted|abandoned|vacated|emptied"
    r"|under (?:an? |the )?(?:[\w-]+ ){0,2}(?:deal|agreement|accord|truce)|peacefully)\b",
    re.IGNORECASE,
)


# What a demonstration is about ("against the arrest of a young man", "protesting HTS having executed a
# commander") is its grievance, not what happened at it: left out of the deciding facts, up to the next
# clause ("..., but police fired tear gas").
_GRIEVANCE = re.compile(
    r"\b(?:against|protesting|over|denouncing|condemning|demanding|calling for|in protest (?:at|of|against)|to protest|in solidarity with)\b"
    r"[^,;.]*?(?=[,;.]|\b(?:but|while|when|before|until|which|who|whom|as (?:police|security|regime|soldiers|troops|gunmen)"
    # the demonstrators' own next act ends what they protest against: "protesting fuel shortages clashed with ..."
    r"|clashed|pelted|threw|hurled|stormed|set|burned|burnt|torched|attacked|blocked|vandali[sz]ed|smashed|looted|marched|gathered"
    r"|rallied|were|was)\b|$)",
    re.IGNORECASE,
)


def demonstration_sub_type(text: str, *, default: str = "Peaceful protest") -> str:
    """The sub-type of a demonstration from what the sentence says happened."""
    text = _GRIEVANCE.sub(" ", text)
    if _RIOTING.search(text):
        return "Violent demonstration"
    if _LETHAL_FORCE.search(text):
        return "Excessive force against protesters"
    if _INTERVENTION.search(text):
        return "Protest with intervention"
    return "Peaceful protest" if default in DEMONSTRATIONS else default


_CHEMICAL = re.compile(
    r"\b(?:chlorine|sarin|(?:cases|symptoms) of suffocation|suffocation (?:cases|symptoms)|breathing difficulties|(?:released|emitted|emitting|releasing|containing) (?:an? )?(?:[\w-]+ )?gas|nerve (?:agent|gas)|mustard (?:gas|agent)|blister agent|toxic chemicals?|chemical substance|toxic substance|chloropicrin|toxic gas(?:s?es)?|poison(?:ous)? gas(?:s?es)?|chemical (?:weapons?|attacks?|agents?|munitions?)|gas attacks?)\b"
    # "demolished a chemical weapons factory", "hit poison gas supplies": the store is what was hit, not the means
    r"(?!\s+(?:factory|factories|facility|facilities|depots?|stockpiles?|stocks?|supplies|plants?|warehouses?|storage|"
    r"programs?|programmes?|arsenals?|production|laborator(?:y|ies)|labs?|sites?)\b)",
    re.IGNORECASE,
)


def _maybe_chemical(text: str) -> bool:
    """A cheap test before the chemical-agent pattern (most sentences name no gas)."""
    lower = text.lower()
    return holds_any(lower, ("chlorine", "sarin", "gas", "chemical", "nerve", "mustard", "suffocat", "breathing"))


_CHEMICAL_CARRIERS = {
    "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Armed clash", "Attack", "Grenade",
}


def _flies(actor) -> bool:  # noqa: ANN001
    """A state's or a foreign force's (ACLED inter 1 or 8): the only ones with warplanes and helicopters."""
    return actor is None or actor.inter in (1, 8)


@lru_cache(maxsize=1)
def _victims() -> re.Pattern[str]:
    return re.compile(rf"\b{word_alternation(cues()['victim_words'])}\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _victims_lower() -> re.Pattern[str]:
    """_victims without case folding (its words are lower case), for an ASCII text's lower case: the same matches
    there, found in about two thirds of the time."""
    return re.compile(_victims().pattern)


def _names_victims(text: str) -> bool:
    """``_victims().search(text)`` found something."""
    if text.isascii():
        return _victims_lower().search(text.lower()) is not None
    return _victims().search(text) is not None


@lru_cache(maxsize=1)
def _continuation() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in cues()["continuation_words"])
    # (The lookahead, the letters the words begin with, before the word boundary: the engine tries them only there.)
    return re.compile(rf"{first_letters(cues()['continuation_words'])}\b(?:{words})\b", re.IGNORECASE)


def _fatalities(
    mentions: list[FatalityMention], settings: ExtractionSettings, *, major: bool = False
) -> tuple[int | None, int | None, int | None, str]:
    """The event's toll: the largest count stated; unquantified words are kept, and under the "acled"
    policy coded as ACLED does: ``acled_major`` for a battle (``major``) or a word meaning many,
    ``acled_minor`` otherwise."""
    too_large = [m for m in mentions if m.low is not None and (m.high or m.low) > MAX_EVENT_FATALITIES]
    if too_large:
        # "2,147,483,648 killed", "2.5 million killed": no one event's toll; the words stay, the number does not.
        mentions = [m for m in mentions if m not in too_large]
        if not mentions:
            return None, None, None, f"{too_large[0].text} (too large for one event)"
    numeric = [m for m in mentions if m.low is not None]
    if numeric:
        best = max(m.low for m in numeric)
        ranged = [m for m in numeric if m.high is not None and m.high != m.low]
        if ranged:
            return best, min(m.low for m in ranged), max(m.high for m in ranged), ""
        return best, None, None, ""
    vague = [m for m in mentions if m.vague]
    if vague:
        words = vague[0].vague
        if settings.unquantified_fatalities == "acled":
            return (settings.acled_major if major or any(m.major for m in vague) else settings.acled_minor), None, None, words
        return None, None, None, words
    return None, None, None, ""


_EARLIEST_EVENT = date(2011, 1, 1)  # the conflict began in 2011; an earlier date is a misreading or history


def _date(facts: SentenceFacts, trigger: TriggerMention, published: date | None) -> tuple[date | None, int | None]:
    """The event's date and ACLED time precision.  A date the text gives that no event of this article can have
    (before 2011, or after the publication day: "99999 days ago", "on 30 April" in a March article) is not
    kept; the event gets the publication date at precision 3 (ACLED's "within the month": unsure)."""
    if facts.dates:
        latest = published + timedelta(days=1) if published else None
        valid = [d for d in facts.dates if d.value >= _EARLIEST_EVENT and (latest is None or d.value <= latest)]
        # "clashes ... in Jan Tamr": a bare month abbreviation with no year is likely a name's first word; another
        # date of the sentence ("On 19 October 2019") is the event's.
        valid = [d for d in valid if not _abbreviated_month_only(d)] or valid
        if valid:
            # "Tuesday's bombing run ... the pause declared on Oct. 18": a day that qualifies the trigger's noun is its
            # date, before any later one; else the first date after the trigger ("killed on Monday"), or the last.
            told = [d for d in valid if d.end <= trigger.start and d.precision == DAY
                    and _POSSESSIVE_DAY.fullmatch(facts.text, facts.local(d.start), facts.local(trigger.start))]
            after = [d for d in valid if d.start >= trigger.end]
            chosen = told[-1] if told else after[0] if after else valid[-1]
            return chosen.value, chosen.precision
        return published, (3 if published else None)
    if published and any(month in facts.text for month in _MONTH_STARTS) and _WRITTEN_DAY.search(facts.text):
        return published, 3  # a day is written but is no day ("on February 30"): the publication date, unsure
    return published, (1 if published else None)


# A weekday's possessive (apostrophe kept or stripped) before the noun it dates, at most two modifiers between;
# a dateline before the first event ("Published July 4 2015 An explosion ... on Friday") is no possessive.
_POSSESSIVE_DAY = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:['’]s|s)(?:\s+[a-z][\w-]*){0,2}\s+", re.IGNORECASE
)
# A day written with its month that the date reader could not turn into a date (it reads every real one).
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
           r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# (Each of its alternatives holds a month's first three letters, as written: an ``in`` test on each first.)
_MONTH_STARTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WRITTEN_DAY = re.compile(
    rf"\b{_MONTHS}\.?\s+(?:3[2-9]|[4-9]\d)\b|\b(?:3[2-9]|[4-9]\d)\s+{_MONTHS}\b"
    r"|\bFeb(?:ruary)?\.?\s+3[01]\b|\b3[01]\s+Feb(?:ruary)?\b"
    r"|\b(?:Apr(?:il)?|June?|Sep(?:t(?:ember)?)?|Nov(?:ember)?)\.?\s+31\b|\b31\s+(?:Apr(?:il)?|June?|Sep(?:t(?:ember)?)?|Nov(?:ember)?)\b"
)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A relative date that says the event belongs to an earlier month or year than the report.
_RECALLED = re.compile(
    r"\b(?:last|the previous|the past) (?:month|year)\b|\b(?:a|one|two|three|four|five|six|several|few) (?:months?|years?) ago\b"
    r"|\blast (?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
    re.IGNORECASE,
)


_RELATIVE_BEFORE = re.compile(r"\b(?:which|who)\b[^.;:]*$", re.IGNORECASE)
_BEFORE_THE_WAR = re.compile(
    r"(?=[ids])"  # the letters a match can begin with: the engine tries the rest only there
    r"(?:\b(?:in|during|since)\s+(?:the\s+)?(?:1[89]\d\d|200\d|2010)\b(?!\s*(?:people|civilians|fighters|members|soldiers|troops))"
    # "when the prophet migrated from Mecca to Medina in 622": a year of three digits (or four before 1800) ending the clause
    r"|\b(?:in|during|since)\s+(?:the\s+year\s+)?(?:[1-9]\d\d|1[0-7]\d\d)(?:\s*(?:AD|CE|BC|BCE))?(?=\s*(?:[.;,)]|$)))",
    re.IGNORECASE,
)
# What _BEFORE_THE_WAR's years cannot be written without (three digits or more, the first not 0): a cheap search first.
_YEAR_DIGITS = re.compile(r"[1-9]\d\d")
_RECALLED_WORDS = ("month", "year", "last")  # what _RECALLED cannot match without


@lru_cache(maxsize=16)
def _tells_before_the_war(text: str) -> bool:
    """``_BEFORE_THE_WAR`` matches (cached: _history asks for each trigger of a sentence)."""
    return _YEAR_DIGITS.search(text) is not None and _BEFORE_THE_WAR.search(text) is not None


def _may_recall(text: str) -> bool:
    """False when ``_RECALLED`` cannot match: an ASCII text without its words (found with ``in`` on its lower case,
    exact there and far cheaper than the regex, which tries every position)."""
    if not text.isascii():
        return True
    lower = text.lower()  # (once: a generator's condition is evaluated for each word)
    return holds_any(lower, _RECALLED_WORDS)




def _abbreviated_month_only(found) -> bool:  # noqa: ANN001
    return found.precision == MONTH and not _YEAR.search(found.text) and not _MONTH_NAME.search(found.text) \
        and not re.search(r"\bMay\b", found.text)
# "in February": a whole month name read with month precision is not a misread abbreviation ("Jan Tamr").
# ("May" only where it cannot be the verb: "in May", "May 2016", "May 15")
_MONTH_NAME = re.compile(r"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b"
                         r"|(?<=[Ii]n )May\b|\bMay(?=,?\s+\d)")


def _history(facts: SentenceFacts, trigger: TriggerMention, published: date | None, settings: ExtractionSettings) -> bool:
    """Dated, with its year or a whole month written, long before publication ("In May 2016 a raid
    on Sarmada left dozens dead", "retook the city in December"): the article recalls an event
    reported at the time. A day without its year ("around March 17th") may have been read into the
    wrong year, and "Jan" may be a name ("Jan Tamr"): those never count."""
    recalled = _RECALLED.search(facts.text, 0, facts.local(trigger.end) + 40) if _may_recall(facts.text) else None
    if recalled and _RELATIVE_BEFORE.search(facts.text, max(0, recalled.start() - 80), recalled.start()) \
            and SPEECH_VERB.search(facts.text, recalled.end(), max(recalled.end(), facts.local(trigger.start))):
        # "the coalition, which launched an air war last September, said it had carried out strikes": the date is in a
        # relative clause on the speaker, not in the clause of the event reported.
        recalled = None
    if settings.history_days and recalled and not any(d.precision == 1 and not _RECALLED.search(d.text) for d in facts.dates):
        # "Last month two persons were injured as terrorists fired 28 shells": told again, reported at the time.
        return True
    if settings.history_days and _tells_before_the_war(facts.text):
        # "Israel seized the Golan Heights in the 1967 Six Day War": a year before the war the article tells of.
        return True
    if not (settings.history_days and published and facts.dates):
        return False
    after = [d for d in facts.dates if d.start >= trigger.end]
    chosen = after[0] if after else facts.dates[-1]
    # A year, or a whole month name: "on July 22" in a November article is read into the publication's own year
    # (extraction.dates), so its distance back is sure; a day pushed into the year before ("March 17th" under a
    # 14 March dateline) may be a misread year and never counts; "Jan" or "May" may be words.
    written = _YEAR.search(chosen.text) or (chosen.precision == MONTH and _MONTH_NAME.search(chosen.text)) or (
        chosen.precision == DAY and _MONTH_NAME.search(chosen.text) and chosen.value.year == published.year)
    # "on Friday ... around Khan Sheikhoun, the site of the attack in April": a recent date keeps the event.
    recent = any((published - d.value).days <= settings.history_days for d in facts.dates)
    if chosen.precision == MONTH and _MONTH_NAME.search(chosen.text) and not any(d.precision == 1 for d in facts.dates) \
            and (published.year * 12 + published.month) - (chosen.value.year * 12 + chosen.value.month) >= 2:
        # "Kurdish-led forces retook Manbij in August" in an October article: a whole month named, two or more
        # before the publication's, with no day in the sentence, recalls what was reported at the time (last
        # month's "killed in shelling on Douma in November" in a December article stays, dated to its month).
        return True
    return bool(written) and not recent and (published - chosen.value).days > settings.history_days


# (The lookahead, the letters its words begin with: the engine tries them only there.)
_REGIME_WEAPON = re.compile(r"(?=[behm])\b(?:barrel[- ]?bomb(?:s|ed|ing)?|explosive barrels|(?:military\s+)?helicopters?(?:\s+gunships?)?)\b", re.IGNORECASE)


def _fill_defaults(roles: Roles, event_type: str, sub: str, *, victims: bool = False) -> Roles:
    actor1, actor2 = roles.actor1, roles.actor2
    if sub == "Suicide bomb" and actor1 is not None and actor1.name.startswith(("Military Forces of", "Police Forces of")):
        # "The guards opened fire on them forcing them to blow themselves up": a state's forces in a suicide bombing
        # are whom it hit, never who set it off (the bombers, unnamed here).
        actor1, actor2 = None, actor2 or actor1
    if actor2 is not None and actor2 is actor1:
        actor2 = None  # no side is its own target ("regime helicopters ... the regime's barrel bombs" read twice)
    if actor2 is None and sub == "Chemical weapon":
        # a toxic gas dropped on a town hits whoever lives there: ACLED codes chemical attacks on places with the
        # civilians as the target (13 of the 14 the hand-coded articles place in a town); a force named as hit stays.
        actor2 = civilians()
    if actor2 is None and victims and event_type in ("Explosions/Remote violence", "Violence against civilians"):
        actor2 = civilians()  # "shells hit the school, killing 7 students": the victims are civilians
    if actor2 is None and sub in _CIVILIANS_BY_DEFAULT:
        actor2 = civilians()  # ACLED: the people arrested, abducted or robbed are civilians unless named
    if actor1 is not None and actor1.inter == 7 and event_type in _DEFAULT_ACTOR:
        actor1 = None  # residents who protest are coded as protesters
    if actor1 is not None and actor1.inter == 6 and event_type == "Riots":
        actor1 = None  # protesters who riot are coded as rioters
    if actor1 is None and event_type in _DEFAULT_ACTOR:
        actor1 = actors()[_DEFAULT_ACTOR[event_type]]
    if actor1 is None and sub in _UNIDENTIFIED_OK:
        actor1 = unidentified()
    return Roles(actor1, roles.assoc_actor_1, actor2, roles.assoc_actor_2)


def _said_victims(facts: SentenceFacts, trig: TriggerMention) -> bool:
    """Victims named after the trigger, or before it in a passive ("eight students ... were killed")."""
    before = facts.text[max(0, facts.local(trig.start) - 80) : facts.local(trig.start)]
    return _names_victims(facts.text[facts.local(trig.end) :]) or (bool(_PASSIVE_END.search(before)) and _names_victims(before))


def sentence_drafts(
    facts: SentenceFacts,
    *,
    locator: Locator,
    published: date | None,
    settings: ExtractionSettings,
    previous: Located | None,
    abroad: bool = False,
) -> list[Draft]:
    """Every event a sentence reports (empty for background and skipped lines).  ``abroad``: the last place the
    article named was abroad (its story is there), so a sentence with no place of its own makes no event here."""
    if facts.kind not in (BODY, HEADLINE, CAPTION):
        return []
    if names_abroad(facts) and any(_done_abroad(facts, t) for t in facts.triggers):
        # "Rebels made rapid advances in Iraq and seized Tel Abyad": the advances are Iraq's, the capture stays
        facts = dataclasses.replace(facts, triggers=tuple(t for t in facts.triggers if not _done_abroad(facts, t)))
    chosen = select_triggers(facts)
    if any(t.sub_event_type in DEMONSTRATIONS for t in chosen):
        # "a demonstration against the arrest of a young man": the arrest is the grievance, not an event here.
        grievances = [(facts.start + m.start(), facts.start + m.end()) for m in _GRIEVANCE.finditer(facts.text)]
        chosen = [
            t for t in chosen
            if t.sub_event_type in DEMONSTRATIONS or not any(a <= t.start < b for a, b in grievances)
        ]
    if not chosen:
        return []  # (a third of the sentences: none of the facts below is read)
    fought = any(t.sub_event_type == "Armed clash" for t in chosen)
    # Facts of the whole sentence, the same for each of its triggers.
    chemical = _maybe_chemical(facts.text) and bool(_CHEMICAL.search(facts.text))
    demonstrators = may_hold(facts.text, _DEMONSTRATOR_STEMS) and bool(_DEMONSTRATORS.search(facts.text))
    protesters = bool(_PROTESTERS.search(facts.text)) if demonstrators else False
    # "2 young men were killed when a landmine exploded": the dead are civilians when the sentence
    # names victims and no fighters anywhere in it (read only when it has a toll: it counts for an event with deaths).
    victims_only = bool(facts.fatalities) and _names_victims(facts.text) and not _COMBATANTS.search(facts.text)
    drafts: list[Draft] = []
    regions = [clause_region(facts, trig, chosen) for trig in chosen]
    # Triggers told in a clause "as" (or "while") something else happened: their places are never lent (below).
    as_clauses = [_AS_CLAUSE.search(facts.text, max(0, facts.local(t.start) - 60), facts.local(t.start)) if len(chosen) > 1 else None
                  for t in chosen]
    alongside = [m is not None for m in as_clauses]
    # "... killed 43 people on Saturday as US-backed fighters advanced in their push towards Raqqa": the clause of a
    # trigger told "as" something else happened begins at "as" - the toll and the sides before it are the other event's.
    # "Wednesday's explosion came as Kurdish forces pressed ahead with their offensive to take Manbij": a clause told "as"
    # whose event was dropped as the backdrop (triggers.is_backdrop) is no part of the event before it either.
    kept = {(t.start, t.end) for t in chosen}
    dropped = [t for t in facts.triggers if (t.start, t.end) not in kept and is_backdrop(facts, t)] \
        if len(facts.triggers) > len(chosen) else []
    backdrops: list[tuple[int, int]] = []
    if dropped:
        cut = [_before_backdrop(facts, t, r, dropped) for t, r in zip(chosen, regions, strict=True)]
        backdrops = [(c[1], r[1]) for c, r in zip(cut, regions, strict=True) if c != r]
        regions = cut
    # ("... amid shelling by the regime forces as they made advances": a pronoun subject is the main clause's own.)
    # ("21 killed as Syria rebels shell Assad election rally": with no event of its own before "as", the toll is the
    # as-clause's.)
    regions = [(max(r[0], facts.start + m.start()), r[1])
               if m is not None and not _PRONOUN_CLAUSE.match(m.group(0)) and any(o.end <= facts.start + m.start() for o in chosen) else r
               for r, m in zip(regions, as_clauses, strict=True)]
    # "18 IS fighters were killed as a result of the clashes and the airstrikes": a toll no trigger's clause
    # holds is the sentence's - it goes to its first event, never to each.
    unclaimed = [m for m in facts.fatalities if not any(a <= m.start < b for a, b in regions)] if len(chosen) > 1 else []
    for i, trig in enumerate(chosen):
        region = regions[i]
        roles = assign_roles(facts, trig, region=region)
        if trig.sub_event_type == "Air/drone strike" and not _flies(roles.actor1) and "drone" not in trig.text.lower():
            # Warplanes and helicopters are states' (rebels fly drones only): a rebel group named with an air
            # strike is what was hit ("air strikes on rebel-held areas"), never the striker.
            roles = dataclasses.replace(roles, actor1=None, actor2=roles.actor2 or roles.actor1)
        shot_down = trig.text.lower() in _SHOT_DOWN
        downed_passive = shot_down and _MANNED_AIRCRAFT_DOWNED.search(
            facts.text, max(0, facts.local(trig.start) - 50), facts.local(trig.start)) is not None
        downed = downed_passive or (shot_down and _MANNED_AIRCRAFT.match(facts.text, facts.local(trig.end)) is not None)
        if downed_passive and roles.actor2 is None and roles.actor1 is not None \
                and not _BY_AFTER.match(facts.text, facts.local(trig.end)):
            # "a Russian helicopter was shot down": the force named with the aircraft is the side hit
            roles = dataclasses.replace(roles, actor1=None, actor2=roles.actor1, assoc_actor_2=roles.assoc_actor_1, assoc_actor_1=None)
        if roles.actor1 is None and not downed and _REGIME_WEAPON.search(facts.text, facts.local(region[0]), facts.local(region[1])):
            # In Syria barrel bombs and helicopter strikes are the government's (ACLED codes them so).
            roles = dataclasses.replace(roles, actor1=actors()["syria_military"])
        in_region = [m for m in facts.fatalities if region[0] <= m.start < region[1]]
        deaths = in_region if in_region or len(chosen) > 1 else list(facts.fatalities)
        if i == 0 and unclaimed and len(unclaimed) == len(facts.fatalities):
            deaths = unclaimed
        # "... on the village, killing 5 civilians" or, passive, "eight students ... were killed" (looked for only when
        # a toll or a weak trigger lets the victims count)
        victims = bool(deaths or trig.strength == "weak") and _said_victims(facts, trig)
        sub = final_sub_event_type(trig, roles, victims=victims)
        if sub == "Disrupted weapons use" and downed:
            # "shot down a Syrian aircraft", "downed a regime helicopter, killing its two pilots", "their helicopter was
            # shot down": a fight with the crew's air force (ACLED's Armed clash); a drone or a missile shot down is a
            # weapon stopped. (The helicopter is the target here, not the government's weapon.)
            sub = "Armed clash"
        if trig.sub_event_type == "CAPTURE":
            # "seized a number of diesel tankers", "seized weapons": what was taken decides, not the verb.
            taken = facts.text[facts.local(trig.end) : facts.local(trig.end) + 50]
            if _ADVANCED.search(trig.text) and _PUSH_AFTER.match(taken):
                # "fighters advanced in their push towards Raqqa": an advance still under way is the fighting
                # (as "advanced towards"), not a place taken
                sub = "Armed clash"
            elif _WEAPONS_TAKEN.match(taken) or (_PROPERTY_TAKEN.match(taken) and _CARRYING_WEAPONS.search(taken)):
                sub = "Disrupted weapons use"  # "seized a truck loaded with rifles and explosives"
            elif (owned := _PROPERTY_TAKEN.match(taken)) and not owned.group(0).split()[-1][:1].isupper():
                # (a capitalised noun names a place: "the recapture of al-Mallah Farms" is ground taken)
                sub = "Looting/property destruction"
            elif _POSITIONS_TAKEN.match(trig.text.strip().partition(" ")[2] + taken) and not _ADVANCED.search(trig.text) \
                    and not _NO_FIGHT.search(facts.text):
                # (positions taken without a fight, "abandoned" or "under a deal", are handed over: decided below)
                sub = "Armed clash"
            elif _COMBATANTS_TAKEN.match(taken):
                sub = "Armed clash"
            elif _PEOPLE_TAKEN.match(taken):
                # "HTS gunmen seized a media activist": people taken are detained, not territory - by a state's
                # forces an arrest, by anyone else an abduction.
                state = roles.actor1 is not None and roles.actor1.inter == 1
                sub = "Arrests" if state else "Abduction/forced disappearance"
        if sub == "Abduction/forced disappearance" and _COMBATANTS_TAKEN.match(facts.text[facts.local(trig.end) :]) \
                and roles.actor2 is not None and roles.actor2.inter not in (5, 6, 7) and roles.actor2 is not roles.actor1:
            # "unknown gunmen abducted 9 regime soldiers", "HTS detained three fighters of Ahrar al-Sham": violence against
            # civilians needs civilian victims; fighters of another force seized are a clash between the two (ACLED).
            sub = "Armed clash"
        if sub == "Shelling/artillery/missile attack" and _SMALL_ARMS.search(facts.text):
            # "gunmen fired machine guns and RPGs at a regime post", "attacked the checkpoint using shells and machine
            # guns": small arms fired with the shells are direct fire between two forces - ACLED codes a clash.
            sub = "Armed clash"
        if sub in _TAKEN_BY_FORCE and _NO_FIGHT.search(facts.text) and not fought:
            # Did a side fight for the territory?  "took over a deserted base", "entered the town after the army
            # withdrew", "under an evacuation deal", "without a fight": no - ACLED's Non-violent transfer.
            sub = "Non-violent transfer of territory"
        if sub in _FORCE_ON_PEOPLE and demonstrators and (
            _AT_DEMONSTRATORS.match(facts.text, facts.local(trig.end))
            or _FORCE_AT_DEMONSTRATORS.search(facts.text, max(0, facts.local(trig.start) - 120), facts.local(trig.start))
        ):
            # "shots were fired at the protesters", "shoot gas grenades and bullets against protestors": force used
            # on a demonstration - which of the protest sub-types is decided by what was done to it.
            sub = demonstration_sub_type(facts.text, default="Protest with intervention")
        if sub == "Violent demonstration" and not protesters and _CAPTIVES.search(facts.text):
            # A riot of people held in custody (a prison riot) is no demonstration: rioters against their guards.
            sub = "Mob violence"
        elif sub == "Violent demonstration" and not demonstrators:
            sub = "Looting/property destruction"  # "the churches have been torched": no demonstration
        elif sub in DEMONSTRATIONS:
            sub = demonstration_sub_type(facts.text, default=sub)
        if sub in _CROWD_VIOLENCE and not protesters and _crowd_acts(facts, trig):
            if sub == "Armed clash" and _AGAINST_AUTHORITIES.match(facts.text, facts.local(trig.end)):
                sub = "Violent demonstration"  # "supporters of Ousmane Sonko clashed with police and burned a supermarket"
            else:
                sub = "Mob violence"  # "a crowd of residents beat to death a man accused of kidnapping a child"
            # The crowd is the rioters (actor1, filled in below); whom they fought or attacked is the other side.
            other = roles.actor1 if roles.actor1 is not None and roles.actor1.inter not in (5, 6, 7) else roles.actor2
            roles = dataclasses.replace(roles, actor1=None, actor2=other)
        if sub == "Mob violence" and _ON_AUTHORITY.search(facts.text) and not _PEOPLE_HARMED.search(facts.text):
            # Whom the crowd's violence is aimed at decides: the premises of a state or an authority ("a mob stormed the
            # embassy compound, tearing down plaques", "set fire to the governorate building") make it a riot against
            # the authority - a Violent demonstration; people or a community's property (a man lynched, a temple or
            # houses torched) stay Mob violence.
            sub = "Violent demonstration"
        if sub in _CHEMICAL_CARRIERS and chemical:
            # "attacked Saraqeb with barrel bombs laced with chlorine", "shells filled with a toxic gas": the
            # agent named in the sentence decides (ACLED codes the use of chemical agents by any means so).
            sub = "Chemical weapon"
        kind = event_type_of(sub)
        initiator_named = roles.actor1 is not None
        roles = _fill_defaults(roles, kind, sub, victims=victims or (bool(deaths) and victims_only))
        if sub == "Peaceful protest" and roles.actor2 is not None:
            # What a peaceful protest is against is its grievance, not a side of the event (ACLED codes none).
            roles = dataclasses.replace(roles, actor2=None, assoc_actor_2=None)
        fatalities, low, high, words = _fatalities(deaths, settings, major=kind == "Battles")
        when, precision = _date(facts, trig, published)
        if _history(facts, trig, published, settings):
            continue
        # Places in a clause "as" another kind of event happened ("a suicide car bomb attack ... killed 43 people on
        # Saturday as US-backed fighters advanced in their push towards ... Raqqa"): that event's, never borrowed for this one.
        others = tuple(
            r for r, t, told in zip(regions, chosen, alongside, strict=True)
            if told and t.sub_event_type != trig.sub_event_type and r != region
        ) + tuple(backdrops)
        places = list(_locations(facts, trig, region, locator, previous, settings, abroad=abroad, others=others))
        mentions = [m for _, _, m, _, _ in places]
        for located, named, mention, borrowed, tolls in places:
            own_toll = len(places) <= 1 or bool(tolls)
            if tolls:
                # A toll broken down by place ("including 9 in Alsaliheen 8 in Ansari"): each place its own count.
                count = tolls.get(mention)
                fatalities, low, high, words = count, None, None, ""
            elif len(places) > 1 and deaths:
                # A toll belongs to the place it is written with ("on al-Habeet, with two children killed, and on
                # Abdin"); one written before or after every place of the list goes to the first, never to each.
                written = _deaths_of(mention, mentions, deaths)
                own_toll = bool(written) and not set(map(id, written)) <= set(map(id, _loose_deaths(mentions, deaths)))
                fatalities, low, high, words = _fatalities(written, settings, major=kind == "Battles")
            drafts.append(
                Draft(
                    facts=facts, trigger=trig, sub_event_type=sub, event_type=kind, roles=roles, located=located,
                    event_date=when, time_precision=precision, fatalities=fatalities, fatalities_low=low,
                    fatalities_high=high, fatalities_text=words, support_only=facts.kind != BODY,
                    initiator_named=initiator_named, own_place=named and not borrowed, own_toll=own_toll,
                    toll_share=fatalities is not None and _toll_share(facts.text),
                )
            )
    if any(d.event_type in ("Protests", "Riots") for d in drafts):
        # "Protesters clashed with police": the clash is the demonstration's, not a battle of its own.
        drafts = [
            d for d in drafts
            if d.event_type != "Battles"
            or not any(a is not None and a.inter in (5, 6, 7) for a in (d.roles.actor1, d.roles.actor2))
        ]
    return drafts


def _actor_areas(facts: SentenceFacts) -> frozenset[str]:
    """The governorates where the sentence's actors fight (those the table knows): a hint between homonyms."""
    table = actor_areas()
    known = [table[m.actor.key] for m in facts.actors if m.actor.key in table]
    return frozenset().union(*known) if known else frozenset()


def _locations(facts, trig, region, locator: Locator, previous: Located | None, settings: ExtractionSettings, *, abroad: bool = False,
               others: tuple[tuple[int, int], ...] = ()):
    """(Located, named in the sentence, place mention, borrowed, breakdown tolls) for one trigger."""
    choice = choose_places(facts, region=region, trigger=(trig.start, trig.end), others=others)
    if choice.admin1 is None:
        # "in the countryside of Afrin": a town's countryside gives the town's governorate.
        towns = [locator.admin1_of(p) for p in facts.places if p.role.role == ADMIN]
        admin1 = next((a for a in towns if a), None)
        if admin1 is not None:  # (most sentences: none, and the choice stays as it is)
            choice = dataclasses.replace(choice, admin1=admin1)
    if choice.places:
        listed = choice.places[: settings.max_places_per_event]
        areas = _actor_areas(facts)
        alone = [locator.locate(p, admin1=None, anchor=choice.anchors.get(p), precision=choice.precision, areas=areas)
                 for p in listed] if len(listed) > 2 and choice.admin1 is None else []
        siblings = _siblings_governorate(alone)
        for i, place in enumerate(listed):
            if alone and siblings is None:
                located = alone[i]  # (no hint: placed as alone, already done)
            else:
                anchor = choice.anchors.get(place)
                admin1 = choice.admin1 if choice.admin1_holds else None
                located = locator.locate(place, admin1=admin1, anchor=anchor, precision=choice.precision,
                                         fallback_admin1=choice.admin1 or siblings, areas=areas)
            if not located.named:
                located = _nearest_known(locator, choice, located, anchor=choice.anchors.get(place))
            elif len(choice.places) == 1:
                part = _own_part(locator, choice, located)
                if part is not None:
                    located, place = part
            yield located, True, place, choice.borrowed, choice.tolls
        return
    if choice.admin1 is None and (abroad or names_abroad(facts)):
        # "shot dead six ISIS suicide bombers west of Kirkuk", and the sentences after it that name no place ("Six
        # ISIS suicide bombers attacked the Peshmerga base"): the event is abroad, it has no place here.
        return
    if previous is not None and _continuation().search(facts.text):
        yield previous, False, None, True, {}
        return
    yield locator.fallback(choice.admin1 or _province_told(facts.text)), False, None, True, {}


# "Local sources in Deir Ezzor said that the US airstrikes had destroyed more bridges in the province": "the province"
# is the governorate the sentence named before it, whatever its role there (here the sources' home).
_THE_PROVINCE = re.compile(r"\bthe\s+(?:province|governorate)\b(?!\s+of\b)")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")


def _province_told(text: str) -> str | None:
    """The governorate named before "the province" in the sentence, or None."""
    if "the province" not in text and "the governorate" not in text:
        return None
    told = _THE_PROVINCE.search(text)
    if told is None:
        return None
    named = [canonical_admin1(m.group(0)) for m in _CAPITALISED_RUN.finditer(text, 0, told.start())]
    return next((g for g in reversed(named) if g), None)


# Names in the list of places abroad that are adjectives, outlets or ambiguous for Syria: never where an event is.
_NOT_ABROAD = frozenset({
    "afghan", "american", "arab", "arabic", "british", "chechen", "chinese", "egyptian", "emirati", "english", "european",
    "french", "german", "iranian", "iraqi", "israeli", "jordanian", "kurdish", "kuwaiti", "lebanese", "pakistani",
    "palestinian", "qatari", "russian", "saudi", "syrian", "turkish", "western", "syria", "gulf", "middle east",
    "kurdistan", "kurdistan region", "golan heights", "six-day war", "le figaro", "new york times", "washington post",
})


_DONE_ON_THE_GROUND = frozenset({"CAPTURE", "ATTACK", "Armed clash", "Air/drone strike", "Shelling/artillery/missile attack",
                                 "Remote explosive/landmine/IED", "Suicide bomb", "Chemical weapon", "Attack"})


def _done_abroad(facts: SentenceFacts, trig: TriggerMention) -> bool:
    """The trigger's own place, right after it, is abroad ("insurgents who are making rapid advances in Iraq are
    tightening their grip in Syria"): that deed happened there, whatever Syrian place the sentence names."""
    if trig.sub_event_type not in _DONE_ON_THE_GROUND:
        return False  # (a deal signed in Astana or Geneva is about Syria)
    end = facts.local(trig.end)
    found = _abroad().search(facts.text, facts.local(trig.start), end + 30)
    return found is not None and found.start() <= end + 1


def names_abroad(facts: SentenceFacts) -> bool:
    """The sentence places something abroad ("west of Kirkuk", "in Mosul")."""
    return _abroad_in(facts.text)


@lru_cache(maxsize=16)
def _abroad_in(text: str) -> bool:
    """names_abroad on a sentence's text (cached: a sentence with no place is asked twice, for its events' place and
    for the story's).  The names alone are looked for first: most sentences name none, and that plain alternation
    of capitalised words is searched several times faster than _abroad, which tries its lookbehinds and locative
    words wherever one of their letters stands."""
    return _abroad_names().search(text) is not None and _abroad().search(text) is not None


def _places_abroad() -> list[str]:
    """The places abroad that _abroad looks for, longest first."""
    return sorted((n for n in cues()["non_syrian_places"] if n.lower() not in _NOT_ABROAD), key=len, reverse=True)


@lru_cache(maxsize=1)
def _abroad_names() -> re.Pattern[str]:
    """Any of _abroad's places, as written (every match of _abroad holds one)."""
    return re.compile("|".join(re.escape(n) for n in _places_abroad()))


@lru_cache(maxsize=1)
def _abroad() -> re.Pattern[str]:
    """A place abroad after a locative word, as written ("in Mosul", "west of Kirkuk", "inside Turkey")."""
    names = _places_abroad()
    # "IS terrorist organization (banned in Russia)", Russian outlets' legal note on a group's name: no place of the story.
    # (The lookahead first, the letters the locative words begin with: the engine tries the lookbehinds only there.)
    return re.compile(
        r"(?=[ainosew])(?<!banned )(?<!outlawed )(?<!prohibited )(?<!proscribed )"
        r"\b(?:in|at|near|outside|around|inside|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\s+(?:the\s+)?"
        r"(?:(?:city|town|capital)\s+of\s+)?(?:" + "|".join(re.escape(n) for n in names) + r")\b(?![-'’]\w)"
    )


def _deaths_of(mention, mentions: list, deaths: list) -> list:  # noqa: ANN001
    """The fatality mentions written with this place of a list, so a toll is never counted at each place.

    A toll between a place and the next belongs to that place ("on al-Habeet, with two children
    killed, and on Abdin"). A toll before the first place, or after the last when no place has one of
    its own ("strikes on X and Y killed five"), is the list's: it goes to the first place only.
    """
    placed = sorted((m for m in mentions if m is not None), key=lambda m: m.start)
    if mention is None or mention not in placed:
        return deaths
    # A count that holds its place ("killed 45 civilians in Saraqib and 22 in Maarat al-Numan", fatalities._PER_PLACE)
    # is that place's, wherever the list puts it.
    holder = {id(d): p for d in deaths for p in placed if d.start < p.start <= d.end + 1}
    if holder:
        rest = [d for d in deaths if id(d) not in holder]
        return [d for d in deaths if holder.get(id(d)) is mention] + (_deaths_of(mention, mentions, rest) if rest else [])
    bounds = [p.start for p in placed[1:]] + [None]
    segments = [
        [d for d in deaths if d.start >= p.end and (stop is None or d.start < stop)] for p, stop in zip(placed, bounds, strict=True)
    ]
    inner = any(segments[:-1])
    loose = [d for d in deaths if d.start < placed[0].start] + ([] if inner else segments[-1])
    index = placed.index(mention)
    own = segments[index] if inner or index < len(placed) - 1 else []
    return own + loose if index == 0 else own


def _loose_deaths(mentions: list, deaths: list) -> list:  # noqa: ANN001
    """The tolls of a list of places written before its first place or after its last: the list's, no one place's."""
    placed = sorted((m for m in mentions if m is not None), key=lambda m: m.start)
    if not placed:
        return deaths
    last = _deaths_of(placed[-1], mentions, deaths) if len(placed) > 1 else []
    return [d for d in deaths if d.start < placed[0].start] + [d for d in deaths if d.start >= placed[-1].end and d not in last]


def add_toll(previous: list[Draft], weak: list[Draft], facts: SentenceFacts, settings: ExtractionSettings) -> list[Draft]:
    """Give the previous sentence's events the toll a follow-up sentence reports. Events of one kind at several
    places of a list ("hit positions in Kafr Zita Jeb al-Rayan and Kefr Nabbouda. ... 7 terrorists were killed in the
    airstrikes") share the one total: it goes to the first place, as a list's own total does (``_deaths_of``)."""
    out = []
    given: dict[int, str | None] = {}  # trigger -> the place of its list that took the toll
    for draft in previous:
        fatalities, low, high, words = _fatalities(list(facts.fatalities), settings, major=draft.event_type == "Battles")
        if fatalities is not None and given.setdefault(draft.trigger.start, draft.located.location) != draft.located.location:
            out.append(draft)
            continue
        if draft.fatalities is None and (fatalities is not None or not draft.fatalities_text):
            draft = dataclasses.replace(
                draft, fatalities=fatalities, fatalities_low=low, fatalities_high=high,
                fatalities_text=draft.fatalities_text or words, own_toll=False,
                toll_share=fatalities is not None and _toll_share(facts.text),
            )
        out.append(draft)
    return out


# "... as US-backed fighters advanced": a clause of its own subject and verb, told alongside (not "as part of", "such as").
_NOT_A_CLAUSE = r"(?!(?:well|part|a\s+result|such|many|much|long|soon|of|to|if|though|in|for|with)\b)"
_AS_CLAUSE = re.compile(rf"\b(?:as|while|whereas)\s+{_NOT_A_CLAUSE}(?:[\w'’-]+\s+){{1,4}}$", re.IGNORECASE)
# The word that opens such a clause, wherever it stands ("known as", "such as", "as well as" open none).
# (The lookahead first: the three lookbehinds are tried only where "as", "while", "whereas" or "amid" can begin.)
_AS_WORD = re.compile(rf"(?=[aw])(?<!\bknown\s)(?<!\bsuch\s)(?<!\bwell\s)\b(?:as|while|whereas|amid)\s+{_NOT_A_CLAUSE}", re.IGNORECASE)
_PRONOUN_CLAUSE = re.compile(r"\w+\s+(?:they|it|he|she|we)\b", re.IGNORECASE)
_TRIGGER_AND = re.compile(r"^\s*(?:,\s*)?(?:and|or|as well as|&)?\s*$", re.IGNORECASE)
# "meanwhile" opens a clause after punctuation or before a comma ("..., meanwhile IS shelled"); between a subject and
# its verb it is an adverb ("The rebel Army of Mujahideen meanwhile detained an activist").
# A clause break: ";", a dash, "however", "while", "meanwhile", and "a day after" (what follows tells an earlier
# event: "Syrian tanks shelled Hama on Monday, killing four civilians, a day after security forces killed 80 there").
_CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|\bhowever\b|\bwhile\b|(?<=[,;:])\s*meanwhile\b|\bmeanwhile(?=\s*,)"
    r"|\b(?:(?:a|an|one|two|three|four|five|six|several|few|\d+)\s+)?(?:days?|weeks?|hours?|months?)\s+after\b",
    re.IGNORECASE,
)
_CLAUSE_WORDS = ("however", "while")  # what a break holds besides ";", a dash and a time after ("meanwhile" holds "while")
_TIME_WORDS = ("day", "week", "hour", "month")  # one is in every "... after" break ("two days after")


@lru_cache(maxsize=16)
def _clause_breaks(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``_CLAUSE_BREAK`` matches ``text`` (cached: clause_region asks for each trigger of a sentence); none in an
    ASCII text without ";" and the words (most sentences), which ``in`` on its lower case finds exactly there and far
    cheaper than the regex, which tries every position."""
    if text.isascii() and ";" not in text:
        lower = text.lower()  # (once, not for each word)
        if not holds_any(lower, _CLAUSE_WORDS) and not (" after" in lower and holds_any(lower, _TIME_WORDS)):
            return ()
    return tuple(match.span() for match in _CLAUSE_BREAK.finditer(text))


def _before_backdrop(facts: SentenceFacts, trig: TriggerMention, region: tuple[int, int], dropped: list[TriggerMention]) -> tuple[int, int]:
    """The region up to an "as"-clause after the trigger whose own event was dropped."""
    for other in dropped:
        if not (trig.end <= other.start < region[1]):
            continue
        found = None
        for found in _AS_WORD.finditer(facts.text, facts.local(trig.end), facts.local(other.start)):
            pass
        if found is not None:
            return region[0], facts.start + found.start()
    return region


def clause_region(facts: SentenceFacts, trigger: TriggerMention, triggers: list[TriggerMention]) -> tuple[int, int]:
    """The stretch of the sentence a trigger speaks for: up to the neighbouring
    triggers, and not across ";" or "however" (another clause, often another place)."""
    before = [t for t in triggers if t.end <= trigger.start]
    after = [t for t in triggers if t.start >= trigger.end]
    start = before[-1].end if before else facts.start
    # "Clashes and shelling took place between A and B": coordinated triggers share what follows them.
    last = trigger
    while after and _TRIGGER_AND.match(facts.text[facts.local(last.end) : facts.local(after[0].start)]):
        last, after = after[0], after[1:]
    end = after[0].start if after else facts.end
    for break_start, break_end in _clause_breaks(facts.text):
        cut = facts.start + break_start
        if start <= cut < trigger.start:
            start = facts.start + break_end
        elif trigger.end <= cut < end:
            end = cut
            break
    return start, end


def _own_part(locator: Locator, choice, located: Located):  # noqa: ANN202
    """"Air raids on rebel-held parts of Aleppo killed 13, most of them in the Bab al-Maqam neighbourhood": a
    neighbourhood of the chosen city named in the same sentence as an event's place is the finer place (ACLED codes
    the most specific one) - only when exactly one is named."""
    parts = []
    for other in choice.fallbacks:
        if other.role.role not in (EVENT, NEAR):
            continue
        found = locator.locate(other, admin1=choice.admin1, anchor=None, precision=1)
        place = found.resolution.place if found.named and found.resolution is not None else None
        if place is not None and place.parent and located.location and place.parent.casefold() == located.location.casefold():
            parts.append((found, other))
    return parts[0] if len(parts) == 1 else None


def _siblings_governorate(found: list[Located]) -> str | None:
    """"the towns of Rastan, Talbiseh, Ter Maaleh and Zafarana": the governorate most places of a list lie in, each
    placed alone (``found``) - a hint between homonyms for the others (the Homs Zafarana, not Tartus's)."""
    counts: dict[str, int] = {}
    for located in found:
        if located.named and located.admin1:
            counts[located.admin1] = counts.get(located.admin1, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    return best[0] if best[1] >= 2 and best[1] > len(found) / 2 else None


def _nearest_known(locator: Locator, choice, located: Located, *, anchor: PlaceMention | None = None) -> Located:
    """The chosen place is unknown: code the event near another place of the sentence
    ("Al-Tal Al-Ahmar near Harfa" -> near Harfa, precision 2), as ACLED does - first the one written as its own
    anchor ("al-Shihan Bridge near al-Salhin neighborhood ... and Tarif Bridge": near al-Salhin, not near the next
    bridge of the list)."""
    for other in ((anchor,) if anchor is not None else ()) + tuple(o for o in choice.fallbacks if o is not anchor):
        found = locator.locate(other, admin1=choice.admin1, anchor=None, precision=2)
        if found.named and (found.precision or 3) < 3:
            return dataclasses.replace(
                found,
                location_text=located.location_text,
                location_source=f"near {other.text}: {found.location_source}",
                resolution=located.resolution,
            )
    return located


def event_id(article_id: str, facts: SentenceFacts, sub_event_type: str, location: str | None) -> str:
    """Stable id: the same article always gives the same ids."""
    key = f"{article_id}|{facts.start}|{facts.end}|{sub_event_type}|{location or ''}"
    return "ev" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def actor_name(actor: Actor | None) -> str | None:
    return actor.name if actor else None
