"""Who acted and who was targeted, from word order and a few prepositions.

The initiator (actor1) is the subject before the trigger, or the agent after
"by" in a passive ("were killed by unidentified gunmen"); "backed by X",
"supported by X", "X-backed" make X an associate of the initiator; the target
(actor2) follows the trigger ("on rebel positions", "against", "targeting"),
or is the subject of a passive, or the side holding the place ("rebel-held").
For "clashes between A and B" the first named side is actor1.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date

from functools import lru_cache

from extraction.lexicon import Actor, actors, cues, holds_any, may_hold, word_alternation
from extraction.sentence import ActorMention, SentenceFacts, TriggerMention

_ASSOC_BEFORE = re.compile(
    r"(?=[abchijrstw])"  # the letters a match can begin with: the engine tries the rest only there ("that", "which": t, w)
    r"(?:(?:backed|supported|aided|assisted|covered|helped|joined|accompanied|reinforced)\s+by\s+(?:the\s+)?(?:(?!and\b)[\w-]+\s+(?:and\s+)?){0,3}$"
    r"|(?:with\s+(?:the\s+)?(?:support|help|backing|cover|participation)\s+of|with\s+support\s+from|alongside|along\s+with|together\s+with|in\s+coordination\s+with|and\s+allied)\s+(?:the\s+)?$"
    # "with military advice from some 200 US special forces troops", "with air support from the coalition"
    r"|with\s+(?:[\w-]+\s+){0,2}?(?:advice|assistance|support|backing|cover|help)\s+(?:of|from)\s+(?:the\s+)?(?:some\s+|about\s+|around\s+)?(?:\d+\s+)?$"
    # "the Assad regime and its ally Russia": the ally fights on the side named before it
    r"|and\s+(?:its|their|his)\s+(?:main\s+|key\s+|chief\s+|close\s+)?all(?:y|ies)\s+(?:the\s+)?$"
    # "the Army of Conquest an opposition coalition that includes Al-Qaedas Syria affiliate Al-Nusra Front": a member
    r"|(?:that|which)\s+(?:includes?|included|comprises?|comprised)\s+(?:the\s+)?(?:(?!and\b)[\w'’-]+\s+){0,3}$)",
    re.IGNORECASE,
)
_ASSOC_MARKER = re.compile(r"\b(?:backed|supported|aided|assisted|covered|joined|reinforced)\s+by\b|\bwith\s+(?:the\s+)?(?:support|help|backing)\s+of\b", re.IGNORECASE)
_ASSOC_WORDS = ("by", "with", "alongside", "allied", "ally", "allies", "includ", "compris")  # what _ASSOC_BEFORE and _ASSOC_MARKER cannot match without
_LIST_TAIL = re.compile(r"(?:,|\band)\s+(?:the\s+)?$", re.IGNORECASE)
# "by X" names the agent, except after "held by", "controlled by", "backed by" ...
_AGENT_BEFORE = re.compile(
    # whole words: "led by" names a leader, "shelled by", "killed by" the agent
    # (The lookahead first: the engine tries the twelve lookbehinds only where "by" stands, not at every character.)
    r"(?=by\s)(?<!\bbacked )(?<!\bsupported )(?<!\bheld )(?<!\bcontrolled )(?<!\bled )(?<!\brun )(?<!\bbesieged )(?<!\boccupied )"
    r"(?<!\bsurrounded )(?<!\bdominated )(?<!\bseized )(?<!\bcaptured )\bby\s+(?:the\s+|an?\s+)?$",
    re.IGNORECASE,
)
# "a barrage of rocket fire from Syrian rebels", "shelling from regime positions": whom the fire comes from fired it
# (not "captured the town from IS", where "from" names the loser).
_FIRED_FROM = re.compile(
    r"(?=[bfmrs])"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:fire|fired|shelling|shells|rockets|mortars?|barrages?|missiles|bombardment|sniper\s+fire)\s+from\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?$",
    re.IGNORECASE,
)
# ("Units of the army ... killed": a force's own units, elements or members are the force, whatever stands before them,
# so "of" after them marks no target - "against units of the army" still does)
_TARGET_BEFORE = re.compile(
    r"(?=[afoptw])"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:(?:on|against|targeting|targeted|at|toward|towards|from|with)\s+(?:the\s+|an?\s+|several\s+|two\s+|\d+\s+)?"
    r"(?:units?|elements|members|formations)\s+of|"
    r"on|against|targeting|targeted|at|toward|towards|positions\s+of|posts?\s+of|from|with|(?<!units )(?<!unit )(?<!elements )(?<!formations )of)"
    r"\s+(?:the\s+|an?\s+|several\s+|two\s+|\d+\s+)?$",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(r"(?=[abgiw])\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?(?:\w+\s+and\s+)?$")  # lower case: "IS" is an actor
_DIRECT_OBJECT = re.compile(r"^\s*(?:the\s+|an?\s+|several\s+|\w+\s+)?$")  # "bombed rebel positions", "shelled the SDF"
_PASSIVE_VICTIM = re.compile(
    r"\s+(?:(?:fighters|members|troops|soldiers|personnel|militants)\s+)?(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?:killed|wounded|injured|hurt|executed|slain)\s+(?:and\s+(?:\w+\s+){0,2}?(?:wounded|injured)\s+)?(?:in|by|during|when)\b",
    re.IGNORECASE)
_BY_ONLY = re.compile(r"^\s+by\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
_SHARED_SUBJECT = re.compile(r"\band\b", re.IGNORECASE)
# A verb of speech anywhere between two points ("Hezbollah, which is fighting beside the army, reported that ..."):
# also asked by events (a recalled date before speech) and pipeline (what a claimant said).
SPEECH_VERB = re.compile(r"\b(?:said|says|say|saying|added|reported|announced|claimed|told|stated)\b", re.IGNORECASE)
_VERB_AND = re.compile(r"\band\s+(?:then\s+|later\s+|also\s+|\w+ly\s+)?$", re.IGNORECASE)  # "advanced ... and [then] regained"
_RELATIVE = re.compile(r"\b(?:which|who|that|where|while|whom|whose)\b|,", re.IGNORECASE)
_LOSS = re.compile(r"^(?:lost|fell|fallen|loses|losing)\b", re.IGNORECASE)
_COORD_GAP = re.compile(r"^\s*(?:,|and|,\s*and|&)\s*(?:the\s+|their\s+|its\s+)?(?:allied\s+)?$", re.IGNORECASE)
_HOLDER_ENDINGS = ("-held", "-controlled")
_HELD = re.compile(r"-(?:held|controlled)$|\bpositions?$", re.IGNORECASE)
_HELD_AFTER = re.compile(r"-(?:held|controlled)\b", re.IGNORECASE)


def _holder(facts: SentenceFacts, mention: ActorMention) -> bool:
    """The actor is named as the side holding a place: "rebel-held" (a lexicon form) or "IS-held", "Al Qaeda-held"
    (the name with the ending written after it)."""
    return mention.text.lower().endswith(_HOLDER_ENDINGS) or _HELD_AFTER.match(_after(facts, mention.end)) is not None


def _held(facts: SentenceFacts, mention: ActorMention) -> bool:
    """Named as holding a place or as positions ("regime positions"): not a side acting."""
    return _HELD.search(mention.text) is not None or _holder(facts, mention)


_AREA_AFTER = re.compile(r"^\s+(?:areas?|districts?|parts|neighbou?rhoods?|territor(?:y|ies)|strongholds?|positions?|towns?|villages?)\b",
                         re.IGNORECASE)


def holders(facts: SentenceFacts) -> list[Actor]:
    """The sides the sentence names as holding the places or positions hit: "rebel-held parts of Aleppo", "IS-held
    Mayadin", "rebel areas", "regime positions"."""
    return [m.actor for m in facts.actors if _held(facts, m) or _AREA_AFTER.match(_after(facts, m.end, 16))]


_CLASH_LIKE = {"Armed clash", "ATTACK", "CAPTURE"}
_CIVILIAN_LED = {"Peaceful protest", "Protest with intervention", "Violent demonstration", "Mob violence", "Agreement"}
# Sub-types whose coordinated subjects, with no one else named, are the event's two sides.
_TWO_SIDED = {"Armed clash", "Agreement"}
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
_PARTICIPLE = re.compile(r"^\w+ing\b", re.IGNORECASE)
_PRONOUN_BEFORE = re.compile(r"\b(?:they|it|he|she)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
CIVILIANS = "civilians"


@lru_cache(maxsize=1)
def _umbrella_re() -> re.Pattern[str]:
    words = sorted(cues()["umbrella_markers"], key=len, reverse=True)
    return re.compile(r"\b" + word_alternation(words) + r"\s+(?:the\s+)?(?:former\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Roles:
    actor1: Actor | None = None
    assoc_actor_1: Actor | None = None
    actor2: Actor | None = None
    assoc_actor_2: Actor | None = None


def _before(facts: SentenceFacts, mention: ActorMention, width: int = 45) -> str:
    return facts.text[max(0, facts.local(mention.start) - width) : facts.local(mention.start)]


def _gap(facts: SentenceFacts, left: ActorMention, right: ActorMention) -> str:
    return facts.text[facts.local(left.end) : facts.local(right.start)]


def _after(facts: SentenceFacts, end: int, width: int = 12) -> str:
    return facts.text[facts.local(end) : facts.local(end) + width]


def assign_roles(facts: SentenceFacts, trigger: TriggerMention, *, region: tuple[int, int]) -> Roles:
    """Roles for one trigger, using the actors inside ``region`` (offsets in the article)."""
    # "The YPG said the attacks targeted ...", "with regime media saying one person had been killed": who tells of the
    # event is not a side of it - unless the report goes on with it ("IS said it had captured the town").
    asked = _asked_from(facts, trigger)
    mentions = _named_after_generic(facts)
    inside = [m for m in mentions if region[0] <= m.start and m.end <= region[1] and m.start < asked
              and not _speaker(facts, m)]
    assoc = [m for m in inside if _is_assoc(facts, m)]
    held = [m for m in facts.actors if _held(facts, m)]
    usable = [m for m in inside if m not in assoc and m not in held]
    # An actor that contains the trigger ("Turkish drones" around "drones") is its subject.
    left = [m for m in usable if m.end <= trigger.start or (m.start < trigger.start and m.end <= trigger.end)]
    # A verb frame holds its object: an actor named inside it after the verb ("prevented a Russian military police
    # patrol") is on the right, as if written after it.
    right = [m for m in usable if m.start >= trigger.end
             or (trigger.strength == "frame" and trigger.start < m.start and m.end <= trigger.end)]
    agents = [m for m in right if _AGENT_BEFORE.search(_before(facts, m, 25)) or _FIRED_FROM.search(_before(facts, m, 30))]
    passive = bool(_PASSIVE_BEFORE.search(facts.text[: facts.local(trigger.start)][-30:])) or (
        # "10 Syrian soldiers were killed in Israeli overnight air raids": the subject of a passive toll verb before the
        # trigger is whom it hit, as in a passive of the trigger itself
        # (in a clash both sides fall: "soldiers were killed in clashes with rebels", "in shelling ... and clashes"
        # name one side; civilians named first are taken for the target below, whatever the verb)
        bool(left) and trigger.sub_event_type not in _CLASH_LIKE
        and not any(t.sub_event_type in ("Armed clash", "CAPTURE") for t in facts.triggers)
        and all(m.actor.inter != 7 and _PASSIVE_VICTIM.match(facts.text, facts.local(m.end)) for m in left))
    if not agents and passive:
        # "terrorists were killed in army operations against their dens": the force named on the means is the agent.
        agents = [m for m in right if _means_of_passive(facts, m, trigger)]
    if not agents and passive and trigger.sub_event_type == "CAPTURE" and right:
        # The first force named after a passive capture took the ground when "by" comes right before it ("the town was
        # captured by Kurdish forces"; a participle alone, "areas captured by IS", names who holds them), or when the
        # clause of time after it tells its advance ("the headquarters of Daesh militants was captured as SDF forces
        # pushed into the town").
        first = right[0]
        gap = facts.text[facts.local(trigger.end) : facts.local(first.start)]
        if _BY_ONLY.match(gap) or (_ADVANCE_CLAUSE.match(gap) and _ADVANCE_VERB.match(facts.text, facts.local(first.end))):
            agents = [first]
    after_trigger = _after(facts, trigger.end, 10)

    one: ActorMention | None = None
    two: ActorMention | None = None
    partners: list[ActorMention] = []
    if _LOSS.match(trigger.text):  # "lost ground to IS", "fell to rebels": the winner follows "to"
        winners = [m for m in right if re.search(r"\bto\s+(?:the\s+)?$", _before(facts, m, 10), re.IGNORECASE)]
        one = winners[0] if winners else None
        two = left[-1] if left else None
    elif agents:
        one = agents[0]
        # "attacks by regime and Russian forces": agents joined to the first are its partners, not whom it hit.
        partners = _joined(facts, one, right)
        two = left[-1] if left else next((m for m in right if m is not one and m.actor is not one.actor and m not in partners), None)
    elif (modifier := _modifier(facts, left, trigger)) is not None:
        # "destroyed in a series of army air strikes", "killed in Russian raids": the force named on the event's
        # own noun did it, whatever the voice of the verb around it.
        one = modifier
        two = next((m for m in left if m is not modifier and m.actor is not modifier.actor), None)
    elif passive and left:
        two = left[-1]
    elif left:
        subjects = [
            m for m in left
            if not _TARGET_BEFORE.search(_before(facts, m, 16)) and not _appositive(facts, m, left, trigger)
            and not _inside_relative(facts, m, left)
            and not _object_of_other(facts, m, trigger)
        ]
        between = facts.text[facts.local(region[0]) : facts.local(trigger.start)]
        if not subjects and _SHARED_SUBJECT.search(between) and not _RELATIVE.search(between):
            # "Regime forces clashed with IS ... and took control": the verbs share the sentence's subject.
            subjects, _ = _earlier_subjects(facts, region)
        one = subjects[-1] if subjects else left[-1]
        lead = facts.text[max(0, facts.local(trigger.start) - 25) : facts.local(trigger.start)]
        if _PARTICIPLE.match(trigger.text) and lead.rstrip().endswith(","):
            # "Regime forces fought IS in Mahakan, taking it over": the participle shares the main subject.
            first = [
                m for m in facts.actors
                if m.end <= trigger.start and not _TARGET_BEFORE.search(_before(facts, m, 16)) and not _is_assoc(facts, m)
            ]
            one = first[0] if first else one
        if _PRONOUN_BEFORE.search(lead):
            # "IS killed 270 soldiers when they captured ...": the pronoun stands for the sentence's subject.
            first = [m for m in facts.actors if m.end <= trigger.start and not _TARGET_BEFORE.search(_before(facts, m, 16))]
            one = first[0] if first else one
        # "Russia and Turkey agreed": the first of coordinated subjects leads.
        one = _first_coordinated(facts, one, left)
    elif (
        any(t.end == region[0] for t in facts.triggers)
        and _TRIGGER_LIST.match(facts.text[facts.local(region[0]) : facts.local(trigger.start)])
        and (shared := _earlier_subjects(facts, region))[0]
    ):
        # "X resumed aerial and artillery bombardment": listed weapons share the subject before the first.
        one = _first_coordinated(facts, shared[0][-1], shared[1])
    elif _VERB_AND.search(facts.text, max(0, facts.local(trigger.start) - 20), facts.local(trigger.start)) \
            and (subject := _sentence_subject(facts, trigger)):
        # "The army advanced in the countryside and regained the hill, inflicting losses upon the terrorists": a verb
        # joined by "and" to the clause before shares the sentence's subject; whoever follows it is its object.
        one = subject
    elif trigger.sub_event_type in _CLASH_LIKE and right and not after_trigger.lower().lstrip().startswith(("on ", "against", "by ")):
        # "Clashes, accompanied by Russian airstrikes, took place between regime forces and IS": the sides
        # are named after "between", not in the aside before it.
        sides = [m for m in right if _BETWEEN_BEFORE.search(facts.text[facts.local(trigger.end) : facts.local(m.start)])]
        one = sides[0] if sides else right[0]
    if two is None:
        targets = [
            m for m in inside
            if m.start >= trigger.end and m not in assoc and m is not one
            and not (m in held and _holder(facts, m) and any(c.actor.inter == 7 for c in facts.actors))
            and (one is None or m.actor is not one.actor)  # "al-Nusra, the Syrian branch of al-Qaeda": same actor
            and (_TARGET_BEFORE.search(_before(facts, m, 16)) or _DIRECT_OBJECT.match(facts.text[facts.local(trigger.end) : facts.local(m.start)]))
        ]
        rest = [m for m in right if m is not one and m.actor is not (one.actor if one else None) and m not in partners]
        two = targets[0] if targets else (rest[0] if rest else None)
    if two is None and held:
        two = held[0]
        if _holder(facts, two) and trigger.sub_event_type not in _CIVILIAN_LED:
            # "Air raids on rebel-held parts of Aleppo killed 13 civilians": the civilians hit there are the target,
            # the side holding the place only when no one else is named ("bombed rebel-held Douma").
            two = next((c for c in facts.actors if c.actor.inter == 7 and c is not one), two)
    if two is None and one is not None and trigger.sub_event_type in _CLASH_LIKE:
        # A battle has two sides: "captured Qalaajiyah after clashes with opposition rebels" - the other
        # side may be named outside the trigger's clause, anywhere in the sentence.
        two = _other_side(facts, one, mentions)
    if two is None and trigger.sub_event_type not in _CIVILIAN_LED:
        # Civilians named anywhere in the sentence of a violent event are its victims.
        two = next((m for m in facts.actors if m.actor.inter == 7 and m is not one), None)
    if one is not None and one.actor.inter == 7 and trigger.sub_event_type not in _CIVILIAN_LED:
        # "26 civilians were killed when the air force pounded ...": civilians are the target.
        others = [m for m in right if m.actor.inter != 7] or [
            m for m in left if m.actor.inter != 7 and not _TARGET_BEFORE.search(_before(facts, m, 16)) and not _is_assoc(facts, m)
        ][:1]
        one, two = (others[0] if others else None), one
    assoc1 = assoc[0] if assoc else _coordinated(facts, one, right + left)
    if two is None and assoc1 is not None and not assoc and trigger.sub_event_type in _TWO_SIDED and assoc1.actor is not (one.actor if one else None):
        # "Levant Front and Sultan Murad Division fighters clashed", "Russia and Turkey agreed a ceasefire": with
        # no one else named, the two coordinated subjects of a clash or an agreement are its two sides.
        two, assoc1 = assoc1, None
    cover = umbrella(facts)
    if cover is not None and one is not None and cover.actor is not one.actor and cover is not two:
        # ACLED codes the umbrella operation as the actor and the named force as its associate.
        one, assoc1 = cover, one
    if (
        one is not None and two is not None and one.actor.government_side and two.actor.government_side
        and trigger.sub_event_type in _CLASH_LIKE | {"Shelling/artillery/missile attack", "Air/drone strike"}
    ):
        # "between regime forces and allied militias against IS": a pro-government force named as the target of
        # a government force is its ally; the other side is the one named against them, if any.
        enemy = next(
            (m for m in facts.actors
             if not m.actor.government_side and m.actor.inter != 7 and not _is_assoc(facts, m) and not _held(facts, m)),
            None,
        )
        if enemy is not None:
            assoc1, two = assoc1 or two, enemy
    assoc2 = _coordinated(facts, two, right)
    return Roles(
        actor1=one.actor if one else None,
        assoc_actor_1=assoc1.actor if assoc1 and (not one or assoc1.actor is not one.actor) else None,
        actor2=two.actor if two else None,
        assoc_actor_2=assoc2.actor if assoc2 and two and assoc2.actor is not two.actor else None,
    )


# Between two listed weapons: "aerial and artillery bombardment", "air strikes, shelling", "artillery bombardment".
_TRIGGER_LIST = re.compile(r"^\s*$|^[\s,]*(?:and|or|as well as|&)\s+(?:[a-z-]+\s+)?$|^\s*,\s*$", re.IGNORECASE)


def _modifier(facts: SentenceFacts, left: list[ActorMention], trigger: TriggerMention) -> ActorMention | None:
    """An armed actor written on the trigger noun itself ("army air strikes", "regime's shelling"), or None."""
    if not left or trigger.text[:1].isupper() or not trigger.text.lower().endswith(("s", "ing", "ment", "ion", "ack")):
        return None
    last = left[-1]
    gap = facts.text[facts.local(last.end) : facts.local(trigger.start)]
    if gap.strip() not in ("", "'s", "’s") or last.actor.inter in (5, 6, 7):
        return None
    # Only where the noun phrase is the means of what the clause tells ("killed in army operations",
    # "destroyed by regime shelling"); "amid regime and Russian air raids" is the backdrop of a battle.
    return last if _MEANS_BEFORE.search(_before(facts, last, 40)) else None


_MEANS_BEFORE = re.compile(
    r"\b(?:in|by|during|from|after|under|with)\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:(?:series|wave|round|string|spate)\s+of\s+|new\s+|renewed\s+|heavy\s+|intense\s+|fresh\s+|separate\s+)*$",
    re.IGNORECASE,
)


_SPEECH_AFTER = re.compile(
    r"(?:'s|’s|s)?\s*(?:(?:state|official|state-run|pro-government|defen[cs]e|foreign|interior|military|news)\s+){0,2}"
    r"(?:media|news\s+agency|agency|ministry|sources?|spokes(?:man|woman|person)|officials?|command|television|tv|outlets?|channel)?"
    # verbs that take what was said as a clause ("said rebels shelled"); "claimed an attack", "announced the capture of"
    # take the deed as their object: the claimant did it
    # ("has accused", "had said": the perfect tells the same; "has reported the elimination of" tells a deed)
    r"\s*,?\s*(?:as\s+(?=saying))?(?:said|says|saying|reported|reports|told|stated|added|accused|accusing"  # "quoted ... as saying"
    r"|(?:has|have|had)\s+(?:also\s+|previously\s+|repeatedly\s+)?(?:said|accused))\b",
    re.IGNORECASE,
)
_TOLD_OF_ITSELF = re.compile(r"\s*(?:,\s*)?(?:that\s+)?(?:it|they|its|their|he|she|we|(?:having\s+)?\w+ing)\b", re.IGNORECASE)


# A question asked ("whether", "an investigation into", "it was not clear who"): what follows is asked, not told
# (triggers._QUESTION drops the events named in it; ``_asked_from`` the forces).
QUESTION = re.compile(
    r"\b(?=[inpuw])"  # the letters its words begin with: the engine tries the alternatives only there
    r"(?:whether|(?:investigat(?:e|es|ed|ing|ion|ions)|inquiry|inquiries|probe|probes)\s+(?:into|of)"
    r"|(?:not\s+(?:immediately\s+|yet\s+)?(?:clear|known)|unclear|unknown)\s+(?:who|which|what))\b",
    re.IGNORECASE,
)
QUESTION_STEMS = ("whether", "investigat", "inquir", "probe", "clear", "known")  # one is in every QUESTION match


def _asked_from(facts: SentenceFacts, trigger: TriggerMention) -> int:
    """Where a question after the trigger begins (article offset), or past the sentence: "... wounded five people,
    but it could not say whether the raid was Syrian or Russian" - a force named in it is a guess, not a side."""
    question = QUESTION.search(facts.text, facts.local(trigger.end)) if may_hold(facts.text, QUESTION_STEMS) else None
    return facts.start + question.start() + 1 if question is not None else facts.end + 1


def _speaker(facts: SentenceFacts, mention: ActorMention) -> bool:
    """An actor that tells of the event ("X said", "X's defence ministry said", "X media saying") and does not go on
    to tell of itself ("X said it had ...")."""
    said = _SPEECH_AFTER.match(facts.text, facts.local(mention.end))
    return said is not None and not _TOLD_OF_ITSELF.match(facts.text, said.end())


# "were killed in army operations", "were wounded during a regime offensive": the means of a passive, with its force.
_ADVANCE_CLAUSE = re.compile(r"\s+(?:\w+\s+){0,4}?(?:as|after|when|while)\s+(?:the\s+)?$", re.IGNORECASE)
_ADVANCE_VERB = re.compile(r"\s+(?:\w+\s+)?(?:pushed|advanced|stormed|moved|entered|swept|pressed)\b", re.IGNORECASE)
_MEANS_OPENING = re.compile(r"^\s+(?:in|during|amid|under)\s+(?:a\s+|an\s+|the\s+)?(?:(?:series|wave|round)\s+of\s+)?(?:new\s+|renewed\s+|heavy\s+|intense\s+)?$", re.IGNORECASE)
_MEANS_TAIL = re.compile(r"\s(?:in|during|amid|under)\s+(?:a\s+|an\s+|the\s+)?(?:(?:series|wave|round)\s+of\s+)?(?:new\s+|renewed\s+|heavy\s+|intense\s+)?$",
                         re.IGNORECASE)
_MEANS_NOUN = re.compile(
    r"(?:'s|’s)?\s*(?:military\s+|ground\s+|security\s+|special\s+)?(?:operations?|offensive|campaign|assault|attacks?|raids?|ambush|bombardment|shelling|fire)\b",
    re.IGNORECASE,
)


def _means_of_passive(facts: SentenceFacts, mention: ActorMention, trigger: TriggerMention) -> bool:
    """"terrorists were killed in army operations", also after the passive's other verbs ("were killed and injured and
    their vehicles were destroyed during army operations"): the force named on the means, with no other actor and no
    clause break between."""
    gap = facts.text[facts.local(trigger.end) : facts.local(mention.start)]
    if not _MEANS_NOUN.match(facts.text, facts.local(mention.end)):
        return False
    if _MEANS_OPENING.match(gap):
        return True
    tail = _MEANS_TAIL.search(gap)
    return tail is not None and len(gap) <= 120 and not any(trigger.end <= m.start and m.end <= mention.start for m in facts.actors) \
        and not any(ch in gap for ch in ";:") and _RELATIVE.search(gap[: tail.start()]) is None


def _other_side(facts: SentenceFacts, one: ActorMention, mentions: tuple[ActorMention, ...]) -> ActorMention | None:
    """The sentence's opponent of ``one`` among its ``mentions`` (``_named_after_generic``): not one of its associates,
    not coordinated with it, not civilians; one named after "with", "against", "from" first."""
    allies = {one.actor.name}
    pool = [m for m in mentions if m is not one and not _is_assoc(facts, m) and not _speaker(facts, m)]
    for m in pool:
        if m.start >= one.end and _COORD_GAP.match(_gap(facts, one, m)):
            allies.add(m.actor.name)
    candidates = [m for m in pool if m.actor.name not in allies and m.actor.inter != 7 and not _held(facts, m)]
    marked = [m for m in candidates if _OPPONENT_BEFORE.search(_before(facts, m, 20))]
    return (marked or candidates or [None])[0]


_OPPONENT_BEFORE = re.compile(r"\b(?:with|against|from|and)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)


def _object_of_other(facts: SentenceFacts, mention: ActorMention, trigger: TriggerMention) -> bool:
    """"The army killed ISIS terrorists and destroyed a car bomb": ISIS is the object of "killed",
    not the subject of "destroyed"."""
    return any(
        t is not trigger and t.end <= mention.start and t.start < trigger.start
        and _DIRECT_OBJECT.match(facts.text[facts.local(t.end) : facts.local(mention.start)])
        for t in facts.triggers
    )


def _earlier_subjects(facts: SentenceFacts, region: tuple[int, int]) -> tuple[list[ActorMention], list[ActorMention]]:
    """The last subject-like actor before ``region`` (not a target, not an associate), and all of them."""
    earlier = [m for m in facts.actors if m.end <= region[0] and not _TARGET_BEFORE.search(_before(facts, m, 16))]
    return [m for m in earlier if not _ASSOC_BEFORE.search(_before(facts, m))][-1:], earlier


_SUBJECT_RELATIVE = re.compile(r"\s+(?:forces\s+|fighters\s+|militants\s+)?(?:which|who)\s+(?!(?:the|a|an|its|their|they|it|he|she|we|i)\b)[a-z]+\b")


def _inside_relative(facts: SentenceFacts, mention: ActorMention, left: list[ActorMention]) -> bool:
    """"The YPG, which drove IS from Kobane last month, had seized 70 villages": IS is the object inside a relative
    clause that tells of the YPG (a subject relative, "which drove", opened right after an earlier actor)."""
    for m in left:
        opened = _SUBJECT_RELATIVE.match(facts.text, facts.local(m.end)) if m.end <= mention.start else None
        if opened is not None and opened.end() <= facts.local(mention.start):
            # the clause is short ("which drove IS", "who were besieged by the army"), and has not given way to the
            # main verb or to speech ("Hezbollah, which is fighting alongside the army, reported that the army ...")
            inside = facts.text[opened.end() : facts.local(mention.start)]
            if len(inside.split()) <= 4 and not SPEECH_VERB.search(inside) and " that " not in inside:
                return True
    return False


def _sentence_subject(facts: SentenceFacts, trigger: TriggerMention) -> ActorMention | None:
    """The force the sentence opens with ("The Syrian army also advanced ..."), when no relative clause ("ISIS
    militants who took control ... and rounded up") or reported speech ("The YPG said the attacks ...") stands between
    it and ``trigger``: the subject a coordinated verb shares."""
    first = next((m for m in facts.actors if m.end <= trigger.start), None)
    if first is None or _TARGET_BEFORE.search(_before(facts, first, 16)) or _is_assoc(facts, first) or _held(facts, first) \
            or _speaker(facts, first) or first.actor.inter == 7:
        return None
    opening = facts.text[: facts.local(first.start)]
    between = facts.text[facts.local(first.end) : facts.local(trigger.start)]
    if len(opening.split()) > 3 or _RELATIVE.search(between) or SPEECH_VERB.search(between):
        return None
    return first


def _first_coordinated(facts: SentenceFacts, one: ActorMention, pool: list[ActorMention]) -> ActorMention:
    """The first of coordinated subjects ("Russian and regime forces" -> Russian) in ``pool``."""
    if one not in pool:
        return one
    index = pool.index(one)
    while index > 0 and _COORD_GAP.match(_gap(facts, pool[index - 1], pool[index])):
        index -= 1
    return pool[index]


def _is_assoc(facts: SentenceFacts, mention: ActorMention) -> bool:
    """"backed by X", "X-backed", and the rest of a list after "backed by" ("backed by A, B and C")."""
    if _after(facts, mention.end).startswith("-backed"):
        return True
    before = facts.text[max(0, facts.local(mention.start) - 90) : facts.local(mention.start)]
    lower = before.lower()  # (once, not for each word)
    if before.isascii() and not holds_any(lower, _ASSOC_WORDS):
        return False  # (most mentions: found with "in", exact on ASCII text and far cheaper than the patterns below)
    lead = _before(facts, mention)
    if (found := _ASSOC_BEFORE.search(lead)) is not None:
        # "backed by loyal militias battled rebel forces": a verb of the event (in -ed) between the marker and the
        # name ends the list of backers; the name after it is the other side ("backed by Russian airstrikes and
        # Hezbollah fighters": a weapon is one of the backers).
        opened = mention.start - len(lead) + found.start()
        return not any(opened <= t.start < mention.start and t.text[-2:].lower() == "ed" for t in facts.triggers)
    marker = None
    for marker in _ASSOC_MARKER.finditer(before):
        pass
    if marker is None or not _LIST_TAIL.search(before[marker.end() :]):
        return False
    if before[: marker.start()].rstrip().endswith(",") and re.search(r",\s*and\s+(?:the\s+)?$", before[marker.end() :]):
        return False  # "between A, backed by B, and C": the commas close the aside; C is the other side
    opening = facts.text[: facts.local(mention.start) - len(before) + marker.start()]
    if not opening.strip(" \"'“(") and before[marker.end() :].rstrip().endswith(",") \
            and any(0 <= t.start - mention.end <= 2 for t in facts.triggers):
        return False  # "Backed by Iranian militias, government forces recaptured ...": the aside opens the sentence;
        # the name right before its verb is the sentence's subject
    start = mention.start - len(before) + marker.end()
    return not any(start <= t.start < mention.start for t in facts.triggers)


# "terrorist groups affiliated to ISIS", "terrorists belonging to Jaish al-Islam", "militants loyal to al-Nusra",
# "terrorists from the Islamic State": the generic word is the group named after it.
_GENERIC_ACTOR = re.compile(
    r"(?:terrorists?|terrorist\s+(?:groups?|organi[sz]ations?)|militants?|gunmen|groups?|insurgents|extremists|jihadists|mercenaries)$",
    re.IGNORECASE,
)
_AFFILIATED = re.compile(
    r"^\s*(?:(?:who\s+are\s+)?(?:affiliated|linked|allied|loyal)\s+(?:to|with)|belonging\s+to|members\s+of|of|from)\s+(?:the\s+)?(?:so-called\s+)?$",
    re.IGNORECASE,
)


def _named_after_generic(facts: SentenceFacts) -> tuple[ActorMention, ...]:
    """The sentence's actors, a generic one followed by "affiliated to <group>" standing for that group, and one that
    describes the named group before it standing for that group ("the Army of Conquest, an opposition coalition")."""
    mentions = list(facts.actors)
    for i in range(len(mentions) - 1):
        generic, named = mentions[i], mentions[i + 1]
        if _GENERIC_ACTOR.search(generic.text) and not _GENERIC_ACTOR.search(named.text) \
                and _AFFILIATED.match(facts.text[facts.local(generic.end): facts.local(named.start)]):
            mentions[i] = ActorMention(generic.start, generic.end, generic.text, named.actor)
    for i in range(1, len(mentions)):
        named, described = mentions[i - 1], mentions[i]
        if described.actor.key in UNNAMED_OPPOSITION and named.actor.key not in UNNAMED_OPPOSITION and named.actor.inter in (2, 3) \
                and _APPOSED.match(facts.text[facts.local(named.end): facts.local(described.start)]) \
                and (_KIND_OF_GROUP.match(facts.text, facts.local(described.end)) or _KIND_OF_GROUP.search(" " + described.text)):
            mentions[i] = ActorMention(described.start, described.end, described.text, named.actor)
    return tuple(mentions)


# What news calls an armed opposition group it does not name ("terrorist groups", "rebels", "Islamist factions"). In an
# apposition such a word describes the group named before it, not another side ("the Army of Conquest an opposition
# coalition that includes ...", "Jaish al-Islam, a rebel faction"); another report naming the group may tell the same
# attack (dedup).
UNNAMED_OPPOSITION = frozenset({"opposition_rebels", "islamist_rebels", "islamist_militia"})
_APPOSED = re.compile(r"^[\"”’']?\s*[,(]?\s*(?:an?|the)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_KIND_OF_GROUP = re.compile(r"\s+(?:[\w'’-]+\s+)?(?:coalition|alliance|group|faction|grouping|umbrella|force|militia|brigade|movement)s?\b",
                            re.IGNORECASE)


def umbrella(facts: SentenceFacts) -> ActorMention | None:
    """The operation an initiator fights under ("operating as part of Operation Peace Spring")."""
    for mention in facts.actors:
        if _umbrella_re().search(_before(facts, mention, 40)):
            return mention
    return None


def _appositive(facts: SentenceFacts, mention: ActorMention, left: list[ActorMention], trigger: TriggerMention) -> bool:
    """True for an actor inside ", a staunch ally to the Syrian government," when a subject precedes it."""
    before = facts.text[: facts.local(mention.start)]
    between = facts.text[facts.local(mention.end) : facts.local(trigger.start)]
    if "," not in before or "," not in between:
        return False
    opening = facts.start + before.rfind(",")
    return any(m.end <= opening for m in left)


def _joined(facts: SentenceFacts, main: ActorMention, pool: list[ActorMention]) -> list[ActorMention]:
    """The actors joined to ``main`` one after another by "and" / commas ("regime, Russian and Iranian forces")."""
    chain, last = [], main
    for other in sorted((m for m in pool if m.start >= main.end), key=lambda m: m.start):
        if not _COORD_GAP.match(_gap(facts, last, other)):
            break
        chain.append(other)
        last = other
    return chain


def _coordinated(facts: SentenceFacts, main: ActorMention | None, pool: list[ActorMention]) -> ActorMention | None:
    """An actor joined to ``main`` by "and" / a comma right after it ("regime forces and allied militias")."""
    if main is None:
        return None
    for other in pool:
        if other.start >= main.end and _COORD_GAP.match(_gap(facts, main, other)):
            return other
    return None


def unidentified() -> Actor:
    return actors()["unidentified"]


def civilians() -> Actor:
    return actors()[CIVILIANS]


# ACLED codes the forces of the states in the US-led coalition, acting in Syria after its air campaign began
# (23 September 2014), as "Global Coalition Against Daesh" with the state as associated actor ("US forces brought
# reinforcements to their base in Shadadah", "US forces prevented a Russian patrol", "a US patrol" hit by a
# Russian vehicle). Against the Syrian state or the forces fighting for it (the Shayrat missile strike of 2017)
# the state acts as itself; Russia's patrols, which the coalition meets in the north-east, do not count.
# The coalition's air campaign in Syria also flew Arab, Australian, Canadian and European jets ("Jordanian war planes
# participating in the alliance carried out bombing raids").
COALITION_MEMBERS = frozenset({
    "united_states", "united_kingdom", "france", "state_military_jordan", "state_military_saudi_arabia",
    "state_military_united_arab_emirates", "state_military_bahrain", "state_military_australia", "state_military_canada",
    "state_military_netherlands", "state_military_belgium", "state_military_denmark",
})
_COALITION_FROM = date(2014, 9, 23)


def as_allied(roles: Roles) -> Roles:
    """"Syrian or Russian warplanes", "Syrian-Russian strikes": ACLED codes the Syrian state as the actor, with "Allied
    Syrian and/or Russian Forces" associated (every such dev note, 23 of 23) - never the pair alone as a side."""
    allied = actors()["allied_syria_russia"]
    state = actors()["syria_military"]
    if roles.actor1 is allied:
        assoc = roles.assoc_actor_1 if roles.assoc_actor_1 not in (None, state) else allied
        return dataclasses.replace(roles, actor1=state, assoc_actor_1=assoc)
    if roles.actor2 is allied:
        assoc = roles.assoc_actor_2 if roles.assoc_actor_2 not in (None, state) else allied
        return dataclasses.replace(roles, actor2=state, assoc_actor_2=assoc)
    return roles


def one_side_each(roles: Roles) -> Roles:
    """No state's forces (at home or abroad: inter 1, 8) on both sides of their own event: "Syrian or Russian warplanes
    ... after the Syrian army declared the end of the ceasefire" is the state's strike (``as_allied``), not one on the
    state; the side named twice is the initiator. Armed groups may be (ACLED codes infighting so: "clashes between
    rival opposition factions" is Opposition Rebels on both sides)."""
    if roles.actor1 is not None and roles.actor2 is roles.actor1 and roles.actor1.inter in (1, 8):
        return dataclasses.replace(roles, actor2=None, assoc_actor_2=None)
    return roles


# Alliances named before they were formed: the Syrian Democratic Forces were founded on 10 October 2015 ("Kurdish forces
# capturing the strategic Tal Baghdaq hilltop" in February 2015 were the YPG's), Hayat Tahrir al-Sham on 28 January 2017
# (before it, "Jabhat Fateh al-Sham fighters" were al-Nusra's under its new name, as ACLED codes them).
_FOUNDED = {"sdf": (date(2015, 10, 10), "ypg"), "hts": (date(2017, 1, 28), "nusra")}


def as_founded(roles: Roles, *, on: date | None) -> Roles:
    """Each side as it existed on ``on``: an alliance named before its founding is the force it grew from."""
    if on is None or not any(a is not None and a.key in _FOUNDED for a in (roles.actor1, roles.assoc_actor_1, roles.actor2, roles.assoc_actor_2)):
        return roles

    def then(actor: Actor | None) -> Actor | None:
        if actor is None or actor.key not in _FOUNDED or on >= _FOUNDED[actor.key][0]:
            return actor
        return actors()[_FOUNDED[actor.key][1]]

    actor1, actor2 = then(roles.actor1), then(roles.actor2)
    if actor2 is not None and actor2 is actor1:
        actor2 = None  # ("Four YPG fighters were killed ... with the Kurdish forces capturing the hilltop": one side named)
    return Roles(actor1, then(roles.assoc_actor_1), actor2, then(roles.assoc_actor_2) if actor2 is not None else None)


def as_coalition(roles: Roles, *, on: date | None, sub_event_type: str) -> Roles:
    """A coalition member's forces coded as ACLED codes them in Syria: the coalition, with the state associated.
    An Agreement is the state's diplomacy ("The United States and Russia announced a deal"), not the coalition's."""
    if on is None or on < _COALITION_FROM or sub_event_type == "Agreement":
        return roles
    coalition = actors()["us_coalition"]

    def side(main: Actor | None, assoc: Actor | None, other: Actor | None) -> tuple[Actor | None, Actor | None]:
        if main is None or main.key not in COALITION_MEMBERS or (other is not None and other.government_side and other.key != "russia"):
            return main, assoc
        return coalition, assoc if assoc is not None and assoc.key != coalition.key else main

    actor1, assoc1 = side(roles.actor1, roles.assoc_actor_1, roles.actor2)
    actor2, assoc2 = side(roles.actor2, roles.assoc_actor_2, roles.actor1)
    if actor1 is roles.actor1 and actor2 is roles.actor2:
        return roles
    return Roles(actor1, assoc1, actor2, assoc2)
