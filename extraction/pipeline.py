"""The extraction pipeline: spaCy components (built once, cached) + rules.

    from extraction import Pipeline
    result = Pipeline().extract(article)
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from types import SimpleNamespace

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from extraction import components  # noqa: F401  (registers the factories)
from extraction.components import Found, found, set_spans
from extraction.coded_tolls import coded_toll, toll_for
from extraction.confidence import confidence
from extraction.dates import DAY, WEEK, dateline
from extraction.dedup import group_drafts
from extraction.events import Draft, actor_name, add_toll, event_id, names_abroad, sentence_drafts
from extraction.fatalities import parse_number
from extraction.geo import Located, Locator
from gazetteer.ranking import km
from gazetteer.records import is_major
from extraction.lexicon import NAMED_GROUP, Actor, actors, cues, first_letters, landmark_events, may_hold, named_group
from extraction.regions import region_forms, surrounding_region
from extraction.roles import SPEECH_VERB, as_allied, as_coalition, as_founded, holders, one_side_each
from extraction.readers.text import MAX_TEXT_CHARS
from extraction.records import Article, Event, ExtractionResult, Mention, Span as TextSpan
from extraction.placecues import EVENT, NEAR, REFERENCE, SEATS_OF_GOVERNMENT
from extraction.sentence import BODY, read_sentences
from extraction.triggers import _AIR_WORDS, _BOMB_WORDS, _EXPLOSIVE_KINDS, _GROUND_RAID, final_sub_event_type, is_back_reference
from extraction.settings import ExtractionSettings
from gazetteer import Gazetteer
from gazetteer.errors import ConfigurationError, InputError, TimeLimitExceeded

TOKENIZER_CACHE = 1_000_000
# Gazetteer.default() is a new object whenever its store file changes (an editor placing a
# name in the dashboard, an import): keeping every one ever seen, each with its pipeline, grew
# without bound in a long-running app.  The few most recently used are kept (oldest dropped).
_NLP_CACHE_SIZE = 4
_NLP_CACHE: dict[int, tuple[Gazetteer, Language]] = {}
_LOCK = threading.Lock()
_MODEL_LABELS = ("GPE", "LOC", "FAC")

Progress = Callable[[float, str], None]
"""Told how far an extraction is: (share done 0..1, what it is doing), at most about every 1%."""


class _Watch:
    """Progress and time limit of one extraction: ``step`` reports and raises TimeLimitExceeded when over."""

    def __init__(self, progress: Progress | None, time_limit: float | None, chars: int) -> None:
        self.progress, self.time_limit, self.chars = progress, time_limit, chars
        self.started = time.perf_counter()
        self.reported = -1.0

    def step(self, done: float, stage: str) -> None:
        if self.time_limit is not None and time.perf_counter() - self.started > self.time_limit:
            raise TimeLimitExceeded(
                f"Extraction stopped after {self.time_limit:g} seconds, {done:.0%} of the way through a text of "
                f"{self.chars:,} characters ({stage}); nothing was kept. Split the text into its articles and "
                "extract them one by one."
            )
        if self.progress is not None and (done - self.reported >= 0.01 or done >= 1.0):
            self.reported = done
            self.progress(done, stage)


def build_nlp(gazetteer: Gazetteer) -> Language:
    """A blank English pipeline with the project's components, built once per gazetteer."""
    with _LOCK:
        found = _NLP_CACHE.get(id(gazetteer))
        if found is not None and found[0] is gazetteer:
            _NLP_CACHE[id(gazetteer)] = _NLP_CACHE.pop(id(gazetteer))  # most recently used last
            return found[1]
        nlp = spacy.blank("en")
        nlp.tokenizer.max_cache_size = TOKENIZER_CACHE  # see PERFORMANCE.md: the 10,000-entry cache trap
        nlp.add_pipe("conflict_sentences")
        nlp.add_pipe("conflict_actors")
        nlp.add_pipe("conflict_triggers")
        # Places after triggers: names found by cues are looked for only in sentences that can report events.
        places = nlp.add_pipe("conflict_places")
        places.add_forms(sorted({form for form, _ in gazetteer.surface_forms()}))
        places.add_forms(region_forms(), label="region")
        places.known = gazetteer.knows_spelling
        places.resolvable = lambda name: gazetteer.resolve(name).resolved
        nlp.add_pipe("conflict_dates")
        nlp.add_pipe("conflict_fatalities")
        _NLP_CACHE[id(gazetteer)] = (gazetteer, nlp)
        while len(_NLP_CACHE) > _NLP_CACHE_SIZE:
            del _NLP_CACHE[next(iter(_NLP_CACHE))]
        return nlp


_MODELS: dict[str, Language] = {}


def _model(name: str) -> Language:
    if name not in _MODELS:
        try:
            _MODELS[name] = spacy.load(name, exclude=["lemmatizer"])
        except OSError as err:
            raise ConfigurationError(f"spaCy model {name!r} is not installed (it is optional: leave spacy_model empty)") from err
    return _MODELS[name]


class Pipeline:
    """Article -> ExtractionResult, with a gazetteer and settings chosen once."""

    def __init__(self, *, gazetteer: Gazetteer | None = None, settings: ExtractionSettings | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()
        self.gazetteer.warm()
        self.settings = settings or ExtractionSettings()
        self.nlp = build_nlp(self.gazetteer)

    def process(
        self, text: str, *, published: date | None = None, all_sentences: bool = False, watch: _Watch | None = None
    ) -> Doc:
        """Run the spaCy components (published date available to the date component).

        ``all_sentences`` looks for cue-marked places, dates and tolls in every sentence,
        not only in those with a trigger word (for evaluating place recognition).
        """
        if len(text) > MAX_TEXT_CHARS:
            raise InputError(f"The text has {len(text):,} characters; one article may have at most {MAX_TEXT_CHARS:,} "
                             "(about 150,000 words). Split it into its articles.")
        doc = self.nlp.make_doc(text)
        doc.user_data["published"] = published
        doc.user_data["all_sentences"] = all_sentences
        doc.user_data["text"] = text
        components = self.nlp.pipeline
        for i, (_, proc) in enumerate(components):
            if watch is not None:  # the components take about half of the time, the sentences the rest
                watch.step(0.05 + 0.45 * i / len(components), "reading the text")
            doc = proc(doc)
        if self.settings.spacy_model:
            self._add_model_places(doc)
        return doc

    def _add_model_places(self, doc: Doc) -> None:
        extra = [
            doc.char_span(e.start_char, e.end_char, label="model")
            for e in _model(self.settings.spacy_model)(doc.text).ents
            if e.label_ in _MODEL_LABELS
        ]
        spans = list(doc.spans["PLACE"]) + [s for s in extra if s is not None]
        set_spans(doc, "PLACE", filter_spans(spans))

    def _title_place(self, article: Article) -> Located | None:
        """The one place a page title names, when the text does not repeat the title (None otherwise)."""
        title = _TITLE_SUFFIX.sub("", article.title.strip()) if article.title else ""
        if len(title.split()) < 3 or title in article.text[: len(title) + 400]:
            return None
        facts = read_sentences(self.process(title, published=article.published, all_sentences=True))
        if len(facts) != 1:
            return None
        return _story_place(facts[0], Locator(self.gazetteer, facts))

    def extract(
        self, article: Article, *, progress: Progress | None = None, time_limit: float | None = None
    ) -> ExtractionResult:
        """All events of one article.  ``progress`` is told how far it is; past ``time_limit`` seconds
        it stops with TimeLimitExceeded (checked between components and between sentences)."""
        watch = _Watch(progress, time_limit, len(article.text))
        watch.step(0.0, "reading the text")
        article = article.with_id()
        article = _title_apart(article)
        printed = dateline(article.text)
        if printed is not None and printed != article.published:
            # The page's own dateline dates the report ("on Sunday" is read from it); a date given with
            # the upload is often the day it was saved, or a dataset's event date (FA-KES: 209 of 781 differ).
            article = dataclasses.replace(article, published=printed)
        doc = self.process(article.text, published=article.published, watch=watch)
        sentences = read_sentences(doc, title=article.title)
        locator = Locator(self.gazetteer, sentences)
        drafts: list[Draft] = []
        # "Syrian forces destroy over 60 terrorists on approaches to Palmyra" over a text that never names the town
        # ("clashed with IS 15 kilometers to the east of the city"): a page title the text does not repeat names the
        # story's place, as the last place named does for the sentences after it.
        previous: Located | None = self._title_place(article)
        abroad = False  # the last place the article named was abroad
        last: list[Draft] = []  # drafts of the latest body sentence that reported events
        last_told = 0  # its index
        story: Draft | None = None  # the last event of the latest body sentence that dated its events to the day
        dated: Draft | None = None  # the same, however long before publication (what "a day later" counts from)
        for number, facts in enumerate(sentences):
            watch.step(0.5 + 0.45 * number / max(1, len(sentences)), f"sentence {number + 1:,} of {len(sentences):,}")
            found = sentence_drafts(
                facts, locator=locator, published=article.published, settings=self.settings, previous=previous, abroad=abroad
            )
            later = _DAYS_LATER.search(facts.text) if found and dated is not None and not facts.dates else None
            if later is not None:
                # "The bombers hit the troops on September 17 ... A day later IS launched attacks": counted from that day
                days = parse_number(later.group(1)) if later.group(1) else 1
                first = min(facts.local(d.trigger.start) for d in found)
                if _TOLD_LATER.search(facts.text, later.end(), max(later.end(), first)):
                    days = 0  # "A day later a military source disclosed that IS had attacked ...": told later, done that day
                on = dated.event_date + timedelta(days=days)
                found = [dataclasses.replace(d, event_date=on, time_precision=DAY) for d in found]
            elif story is not None and facts.kind == BODY and not facts.dates and number - story.facts.index <= _DATE_REACH \
                    and not _NEW_TOPIC.match(facts.text):
                found = [_dated_as(d, story) for d in found]
            if facts.kind == BODY and found and facts.dates and found[-1].time_precision == 1:
                story = found[-1] if _recent(found[-1], article.published) else None
                dated = found[-1] if found[-1].event_date is not None else dated
            # (a city's surroundings named by their side, "in rebel areas east of Damascus", are the sentence's own place)
            own_place = any(p.role.role in (EVENT, NEAR) or (p.role.role == REFERENCE and p.role.distance_km is None
                                                               and surrounding_region(p.text, p.role.bearing_deg))
                            for p in facts.places)
            if facts.kind == BODY and (own_place or names_abroad(facts)):
                # the story's place: the last one named, here or abroad ("... west of Kirkuk. Six ISIS suicide
                # bombers attacked the Peshmerga base" stays in Iraq)
                abroad = not own_place
            if abroad and not own_place and not found:
                pass  # a toll told abroad ("the raids there and in Iraq killed 220") is no toll of the event before
            elif facts.kind == BODY and last and found and not own_place and all(
                d.trigger.strength == "weak" or _refers_back(d, last) for d in found
            ):
                # "... clashed in X. 3 fighters were killed." / "The attack killed 32." tells more of the event before.
                updated = add_toll(last, found, facts, self.settings) if facts.fatalities else last
                updated = _claimed(updated, found)
                drafts = drafts[: len(drafts) - len(last)] + updated
                last, found = updated, []
            elif facts.kind == BODY and last and not found and facts.fatalities and number - last_told <= _TOLL_REACH:
                # "... hit Zamalka and Jobar. Many were killed." - not a count told sentences later ("In a corridor outside
                # lay another five bodies", a video described eight sentences on).
                updated = add_toll(last, found, facts, self.settings)
                drafts = drafts[: len(drafts) - len(last)] + updated
                last = updated
            if drafts and len(found) > 1 and _claim_told(found):
                # "That attack was claimed by IS, which said three of its fighters had targeted the station": what the
                # claimant says it did is the claimed attack again, no new event.
                found = [d for d in found if not _told_in_claim(d)]
            if drafts:
                # "The coalition described the attack as a massacre": a definite "the attack" without a
                # place of its own speaks of an event already told - it makes no new one.
                told = [d for d in found if d.located.named or not _refers_back(d, drafts)]
                for back in (d for d in found if d not in told and d.fatalities is not None and facts.kind == BODY):
                    # "18 IS fighters were killed as a result of the clashes": the toll of the event told before.
                    _give_toll(back, drafts)
                found = _corefer(told, drafts)
            drafts += found
            if facts.kind == BODY and found:
                last, last_told = found, number
            if facts.kind == BODY and found and found[-1].located.precision != 3:
                previous = found[-1].located
            elif facts.kind == BODY and not found and (named := _story_place(facts, locator)) is not None:
                # "Hundreds of civilians escaped the Daesh stronghold of Manbij ... Those still inside the town were
                # terrified by heavy air strikes": "the town" is the one named last, even in a sentence telling no event.
                previous = named
        watch.step(0.95, "grouping the events")
        drafts = _anchor_forward(drafts, sentences, locator)
        drafts = _attacks_told_as_strikes(drafts)
        drafts = _bombings_told_again(drafts)
        drafts = _another_of_the_same(drafts)
        drafts = _carry_strikers(drafts)
        drafts = _state_air_power(drafts)
        drafts = _air_forces_attack(drafts)
        drafts = _terrorists_fought(drafts)
        drafts = _generic_islamists_named(drafts, sentences)
        drafts = _carry_perpetrators(drafts)
        drafts = _carry_targets(drafts)
        drafts = _engaged_strikes(drafts, sentences)
        drafts = _raids_that_detained(drafts, sentences)
        drafts = _clashes_civilians_suffered(drafts)
        drafts = _landmark_dated(drafts, article.published)
        groups = group_drafts(drafts)
        if not self.settings.keep_unplaced:
            # ACLED codes no event it cannot place in a governorate at least: "Syria" alone is no place for a
            # strike, "IS made rapid gains in Syria", an arrest or a looting. A name the gazetteer does not know
            # is kept (a reviewer places it), and so are the developments that can be national by nature: a
            # nationwide truce or deal (Agreement), a faction dissolving or merging (Change to group/activity),
            # a campaign begun (Other).
            groups = [g for g in groups if g[0].sub_event_type in _NATIONAL or any(_placed(d, self.settings) for d in g)]
        events = _coded_tolls(_weeks_told_by_day(tuple(_event(group, article) for group in groups)), article.text)
        watch.step(1.0, "done")
        return ExtractionResult(
            article=article,
            events=events,
            spans=_spans(doc, locator),
            unresolved=_unresolved(locator, drafts),
        )


# What an event hit, named again with its place a sentence or two later: "an airstrike hit a clinic in a village near
# Aleppo ... The clinic in the village of Khan Tuman was completely levelled".
_TARGET_WORDS = (
    "hospital", "clinic", "medical point", "school", "market", "marketplace", "mosque", "church", "bakery", "camp", "refugee camp",
    "checkpoint", "convoy", "bus", "buses", "ambulance", "prison", "airport", "air base", "airbase", "bridge", "power station",
    "water station", "dam", "factory", "hotel", "court", "stadium", "university", "police station", "headquarters", "village",
    "town", r"neighbou?rhood", "district",
)
_TARGET_NOUNS = re.compile(rf"\b{first_letters(_TARGET_WORDS)}({'|'.join(_TARGET_WORDS)})s?\b", re.IGNORECASE)
# The same without case folding (the words are lower case), for an ASCII text's lower case: the same matches at the same
# offsets, found in about half the time.
_TARGET_NOUNS_LOWER = re.compile(_TARGET_NOUNS.pattern)
_INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_ANCHOR_SENTENCES = 3  # how many sentences after the event its target may be named again with a place


# How many sentences on an undated report still tells of the day the sentence before gave ("... on March 25. MSF
# reported that the regime targeted Latamneh hospital, killing two").
_DATE_REACH = 1
_RECENT_DAYS = 14
# ... unless it opens on another part of the story ("Meanwhile", "Elsewhere", "In another development").
_NEW_TOPIC = re.compile(r"\W*(?:meanwhile|elsewhere|separately|in (?:an)?other (?:development|news|incident)s?|in a (?:new|separate|further) "
                        r"(?:development|incident))\b|.{0,60}\belsewhere\b", re.IGNORECASE)


# "A day later", "two days later", "the next day", "the following day": counted from the day the last dated report gave.
_DAYS_LATER = re.compile(r"\b(?:(?:a|one)\s+day\s+later|(two|three|four|five|six|\d)\s+days\s+later|the\s+(?:next|following)\s+day)\b",
                         re.IGNORECASE)
_TOLD_LATER = re.compile(rf"{SPEECH_VERB.pattern}|\b(?:disclosed|revealed|confirmed)\b", re.IGNORECASE)


def _recent(draft: Draft, published: date | None) -> bool:
    """Dated within two weeks before publication: the news of the day, not history recalled (the sentence after
    "the army took the hill on September 22" in a November report goes back to the news)."""
    return draft.event_date is not None and published is not None and 0 <= (published - draft.event_date).days <= _RECENT_DAYS


def _dated_as(draft: Draft, story: Draft) -> Draft:
    """An undated report in the same governorate as the dated one just before it happened on that one's day."""
    if draft.located.admin1 is None or draft.located.admin1 != story.located.admin1:
        return draft
    return dataclasses.replace(draft, event_date=story.event_date, time_precision=story.time_precision)


@lru_cache(maxsize=16)
def _targets_named(text: str) -> tuple[tuple[str, int], ...]:
    """The target nouns ``text`` names (lower case), each with where it starts; cached: _anchor_forward reads a
    sentence again for each event told in the sentences before it."""
    if text.isascii():
        return tuple((m.group(1), m.start()) for m in _TARGET_NOUNS_LOWER.finditer(text.lower()))
    return tuple((m.group(1).lower(), m.start()) for m in _TARGET_NOUNS.finditer(text))


def _anchor_forward(drafts: list[Draft], sentences: list, locator: Locator) -> list[Draft]:
    """An event its own sentence places only near a town, in a governorate or the country takes the town of a following sentence
    that names what it hit again ("a suicide bomber ... attack on a hospital ... into the parking of the Qardaha
    hospital"; "near a refugee camp ... militants sneaked into the village of Rajm Sleibi which houses the camp").
    The later place must lie in the governorate the event's sentence names, when it names one."""
    index = {f.start: i for i, f in enumerate(sentences)}
    out = []
    for draft in drafts:
        at = index.get(draft.facts.start)
        if at is None or draft.support_only or (draft.located.precision or 3) < 2 or is_back_reference(draft.facts, draft.trigger):
            # "The raids come a day after ...": an event already told is not placed anew
            out.append(draft)
            continue
        # what the sentence names indefinitely ("a clinic", "an unprecedented attack on a hospital"): an unnamed target
        nouns = {
            noun for noun, at in _targets_named(draft.facts.text)
            if _INDEFINITE.search(draft.facts.text, max(0, at - 30), at)
        }
        moved = None
        for later in sentences[at + 1 : at + 1 + _ANCHOR_SENTENCES]:
            if later.kind == BODY and _same_force_also(draft, later):
                # "The YPG killed 17 Turkish servicemen ... The YPG members also have destroyed an armored personnel
                # carrier of the Turkish army in northern Syria's Afrin": the same force, going on, says where.
                places = [p for p in later.places if p.role.role == EVENT]
                located = locator.locate(places[0], admin1=draft.located.admin1, anchor=None, precision=places[0].role.precision) \
                    if len(places) == 1 else None
                if located is not None and located.named and located.admin1 and draft.located.admin1 in (None, located.admin1):
                    moved = located
                    break
            if later.kind != BODY or not nouns:
                continue
            named = [at for noun, at in _targets_named(later.text) if noun in nouns]
            places = [p for p in later.places if p.role.role in (EVENT, NEAR)]
            if not named or not places:
                continue
            # the place written with the noun: the nearest after it, else the nearest before it
            after = [p for p in places if later.local(p.start) >= named[0]]
            place = after[0] if after else places[-1]
            located = locator.locate(place, admin1=draft.located.admin1, anchor=None, precision=place.role.precision)
            if located.named and located.admin1 and (draft.located.admin1 in (None, located.admin1)):
                moved = located
                break
        out.append(dataclasses.replace(draft, located=moved, own_place=True) if moved is not None else draft)
    return out


def _same_force_also(draft: Draft, later) -> bool:  # noqa: ANN001
    """The sentence opens on the draft's own force and goes on with "also" ("The YPG members also have destroyed ...")."""
    actor = draft.roles.actor1
    if actor is None or actor.key == "unidentified" or not later.actors:
        return False
    first = min(later.actors, key=lambda m: m.start)
    return first.actor is actor and later.local(first.start) <= 10 and _ALSO.match(later.text, later.local(first.end)) is not None


_ALSO = re.compile(r"(?:\s+[\w'’-]+){0,2}?\s+also\b", re.IGNORECASE)
_REMOTE = ("Air/drone strike", "Shelling/artillery/missile attack")
_NATIONAL = frozenset({"Agreement", "Change to group/activity", "Other"})  # sub-types an event may have at country level


_BARE_ATTACK = frozenset({"attack", "attacks"})
_STRIKE_CONTEXT_SENTENCES = 2


def _told_before(drafts: list[Draft], i: int, *, within: int) -> list[Draft]:
    """The drafts before ``drafts[i]`` told in the ``within`` sentences before its own, in text order."""
    here = drafts[i].facts.index
    return [d for d in drafts[:i] if d.facts.index < here and here - d.facts.index <= within]


def _landmark_dated(drafts: list[Draft], published: date | None) -> list[Draft]:
    """"the terrible suspected chemical attack in the Syrian town of Khan Shaikhoun", "probes ... pointing to the regime's
    responsibility for the chemical attack on eastern Ghouta": a well-known event named again without its day, in an
    article published after it, is that event on its day (``data/landmark_events.csv``), not a new one on the day of
    the report - once dated, it reads as the history it is and merges with its other reports."""
    if published is None:
        return drafts
    out = []
    for draft in drafts:
        if not any(d.precision == DAY for d in draft.facts.dates):
            for sub, places, day in landmark_events():
                if draft.sub_event_type == sub and draft.located.location in places \
                        and 0 < (published - day).days <= _LANDMARK_YEARS * 365 and draft.event_date != day:
                    draft = dataclasses.replace(draft, event_date=day, time_precision=DAY)
                    break
        out.append(draft)
    return out


_LANDMARK_YEARS = 3


def _landmark_day(group: list[Draft], loc: Located) -> date | None:
    """The day of the landmark event a group is, when one of its reports was dated to it (``_landmark_dated``): "Ban
    Ki-moon on Friday renewed his push" heads the reports of the Ghouta attack, but its Friday is the day of the push,
    not of the attack."""
    for sub, places, day in landmark_events():
        if sub == group[0].sub_event_type and loc.location in places and any(d.event_date == day for d in group):
            return day
    return None


def _clashes_civilians_suffered(drafts: list[Draft]) -> list[Draft]:
    """Civilians are never a side of an Armed clash (ACLED's rule): "Dozens of civilians have been killed by US-led air
    strikes as they fled from the front lines of a battle raging in Manbij" is the strike's event - the battle where
    it happened is its setting, no event of its own beside violence the sentence tells against them at the place it
    names; a clash elsewhere ("a car bomb killed 43 evacuees as US-backed fighters advanced towards Raqqa"), or the
    sentence's only violence ("three civilians were killed in clashes in Daraa"), keeps its event, without them as a
    side."""
    out = []
    for draft in drafts:
        if draft.sub_event_type != "Armed clash" or draft.roles.actor2 is None or draft.roles.actor2.key != "civilians":
            out.append(draft)
            continue
        if any(other.facts is draft.facts and other.sub_event_type in _HIT_CIVILIANS
               and other.located.location_text is not None
               and other.located.location_text == draft.located.location_text for other in drafts):
            continue
        out.append(dataclasses.replace(draft, roles=dataclasses.replace(draft.roles, actor2=None, assoc_actor_2=None)))
    return out


# (Not "Attack": "2 civilians were killed in indiscriminate shooting during clashes between 2 families" is the clash.)
_HIT_CIVILIANS = (*_REMOTE, "Remote explosive/landmine/IED", "Suicide bomb", "Chemical weapon")


def _attacks_told_as_strikes(drafts: list[Draft]) -> list[Draft]:
    """"Air raids also continued in the countryside west of Aleppo. An attack on the village of Batbo killed 19": an
    attack on civilians named by no weapon and no attacker, told right after air strikes or shelling on the same front
    (the same governorate, one or two sentences before), is one more of them - the article has said how it hits.
    An attack on fighters or positions is left alone: the ground forces' attack is as likely."""
    out = list(drafts)
    for i, draft in enumerate(drafts):
        if draft.sub_event_type != "Attack" or draft.trigger.text.lower() not in _BARE_ATTACK or draft.initiator_named:
            continue
        before = _told_before(out, i, within=_STRIKE_CONTEXT_SENTENCES)
        if not before or before[-1].sub_event_type not in _REMOTE or before[-1].located.admin1 != draft.located.admin1:
            continue
        source = before[-1]
        roles = dataclasses.replace(draft.roles, actor1=source.roles.actor1)
        out[i] = dataclasses.replace(draft, sub_event_type=source.sub_event_type, event_type=source.event_type, roles=roles,
                                     initiator_named=source.initiator_named)
    return out


# "At least one airstrike targeted ISIS members ... Another targeted an ISIS checkpoint while a third destroyed ...":
# a sentence opening on a counting pronoun with no noun of its own ("Another", "A third") and then a verb.
_ANOTHER_ONE = re.compile(r"\W*(?:another|a\s+(?:second|third|fourth)|the\s+(?:other|second|third|fourth))\s+(?:\w+ly\s+|also\s+)?"
                          r"(?:targeted|hit|struck|destroyed|landed|fell|exploded|killed|wounded|injured)\b", re.IGNORECASE)


def _another_of_the_same(drafts: list[Draft]) -> list[Draft]:
    """"... at least one airstrike targeted a group of ISIS members. Another targeted an ISIS checkpoint": the counting
    pronoun stands for the weapon told in the sentence before, which names the event's kind and who fired it (the
    force named after the verb is what was hit)."""
    out = list(drafts)
    for i, draft in enumerate(drafts):
        if draft.event_type == "Explosions/Remote violence" or not _ANOTHER_ONE.match(draft.facts.text):
            continue
        before = [d for d in _told_before(out, i, within=1) if d.event_type == "Explosions/Remote violence"]
        if not before:
            continue
        source = before[-1]
        target = draft.roles.actor2 or next((m.actor for m in draft.facts.actors if m.actor is not source.roles.actor1), None)
        roles = dataclasses.replace(draft.roles, actor1=source.roles.actor1, assoc_actor_1=source.roles.assoc_actor_1, actor2=target)
        out[i] = dataclasses.replace(draft, sub_event_type=source.sub_event_type, event_type=source.event_type, roles=roles,
                                     initiator_named=source.initiator_named)
    return out


def _bombings_told_again(drafts: list[Draft]) -> list[Draft]:
    """"A Daesh car bomb killed 26 people ... It said the bombing took place near the al-Jafra area", "a similar bombing in
    the same square": a "bombing" its sentence tells with no aircraft, right after (up to ``_STRIKE_CONTEXT_SENTENCES``
    sentences) a bomb's explosion, is that kind of explosion, not an air raid (within one sentence, triggers does it)."""
    out = list(drafts)
    for i, draft in enumerate(drafts):
        if draft.sub_event_type != "Air/drone strike" or draft.trigger.text.lower() not in _BOMB_WORDS \
                or _AIR_WORDS.search(draft.facts.text):
            continue
        before = _told_before(out, i, within=_STRIKE_CONTEXT_SENTENCES)
        if before and before[-1].sub_event_type in _EXPLOSIVE_KINDS:
            out[i] = dataclasses.replace(draft, sub_event_type=before[-1].sub_event_type, event_type=before[-1].event_type)
    return out


# "the militants crucified two men", "19 men from the tribe were executed on Thursday": the deed of a group named
# before, written with a definite generic noun or with no agent at all.
_BACK_TO_THE_GROUP = re.compile(r"\b(?:the|these|those)\s+(?:militants|jihadists|extremists|group|insurgents|terrorists|gunmen)\b",
                                re.IGNORECASE)
_AGAINST_CIVILIANS = frozenset({"Attack", "Abduction/forced disappearance"})
_PERPETRATOR_SENTENCES = 3  # how far back the group's last deed may be told
_ARMED_GROUP_INTER = (2, 3)  # ACLED's rebel groups and political militias


def _carry_perpetrators(drafts: list[Draft]) -> list[Draft]:
    """"In al-Shaafa Islamic State beheaded two men ... In other parts of Deir al-Zor province the militants crucified
    two men": a violent deed against civilians whose sentence names no perpetrator ("the militants", "the group", or
    a passive with no agent) is by the armed group whose deed the article told last, a few sentences before. Only a
    named group carries (never the state's forces, whose deeds ACLED codes by name), and only to deeds against
    civilians (a clash has two sides the sentence must name)."""
    out = list(drafts)
    for i, draft in enumerate(drafts):
        if draft.sub_event_type not in _AGAINST_CIVILIANS or draft.initiator_named:
            continue
        before = draft.facts.text[: draft.facts.local(draft.trigger.start)]
        if any(m.start < draft.trigger.start for m in draft.facts.actors if m.actor.inter != 7) and not _BACK_TO_THE_GROUP.search(before):
            continue  # someone is named before the deed: not an unnamed perpetrator
        told = [d for d in _told_before(out, i, within=_PERPETRATOR_SENTENCES) if d.initiator_named and d.roles.actor1 is not None]
        if not told or told[-1].roles.actor1.inter not in _ARMED_GROUP_INTER or told[-1].roles.actor1.key == "unidentified":
            continue
        out[i] = dataclasses.replace(draft, roles=dataclasses.replace(draft.roles, actor1=told[-1].roles.actor1))
    return out


def _carry_strikers(drafts: list[Draft]) -> list[Draft]:
    """"Russian jets pounded Aleppo ... Air raids also hit Anadan": an air strike or shelling whose sentence
    names no one is by the article's nearest named striker of the same kind on the same front (the same
    governorate; the one before it first). A round-up of several fronts names each front's shooter."""
    named = [(i, d) for i, d in enumerate(drafts) if d.sub_event_type in _REMOTE and d.initiator_named and d.roles.actor1]
    if not named:
        return drafts
    out = list(drafts)
    for i, draft in enumerate(drafts):
        if draft.sub_event_type not in _REMOTE or draft.roles.actor1 is not None:
            continue
        same = [
            (j, d) for j, d in named
            if d.sub_event_type == draft.sub_event_type and d.located.admin1 == draft.located.admin1
        ]
        if not same:
            continue
        before = [(j, d) for j, d in same if j < i]
        _, source = before[-1] if before else same[0]
        striker = source.roles.actor1
        # No side fires on itself: a target that is the striker carried in was the shooter named after the
        # weapon ("terrorist rocket attacks on Harasta ... Terrorist organizations positioned in the Eastern
        # Ghouta fired"), misread as its target.
        target = None if draft.roles.actor2 is striker else draft.roles.actor2
        out[i] = dataclasses.replace(draft, roles=dataclasses.replace(draft.roles, actor1=striker, actor2=target))
    return out


def _carry_targets(drafts: list[Draft]) -> list[Draft]:
    """"The air strikes on eastern Aleppo alone killed 21 people including five children ... The Observatory said
    districts struck included al-Sukkari and al-Sakhour": a strike or shelling whose sentence names no one it hit is
    on the target of the same striker's strike told just before (within ``_PERPETRATOR_SENTENCES``), on the same front
    (governorate) - when that target is civilians: an armed side hit must be named."""
    out = list(drafts)
    for i, draft in enumerate(drafts):
        if draft.sub_event_type not in _REMOTE or draft.roles.actor2 is not None or draft.roles.actor1 is None:
            continue
        if any(m.actor is not draft.roles.actor1 for m in draft.facts.actors):
            continue  # the sentence names someone besides the striker: its own roles stand
        told = [d for d in _told_before(out, i, within=_PERPETRATOR_SENTENCES)
                if d.sub_event_type == draft.sub_event_type and d.located.admin1 == draft.located.admin1]
        if told and told[-1].roles.actor1 is draft.roles.actor1 and told[-1].roles.actor2 is not None \
                and told[-1].roles.actor2.inter == 7:
            out[i] = dataclasses.replace(draft, roles=dataclasses.replace(draft.roles, actor2=told[-1].roles.actor2))
    return out


_AIRCRAFT = re.compile(r"\b(?:air\s*strikes?|air\s+raids?|warplanes?|war\s+planes?|jets?|aircraft|helicopters?|barrel\s+bombs?)\b",
                       re.IGNORECASE)
# The Syrian air force's campaign against the armed opposition began in the summer of 2012.
_STATE_AIR_WAR = date(2012, 7, 1)


def _state_air_power(drafts: list[Draft]) -> list[Draft]:
    """"Air raids on the rebel-held parts of Aleppo killed 13 civilians", "warplanes kept pounding rebel areas": an air
    strike by no one named, on places or positions the armed opposition holds, is the Syrian state's - only it (and
    Russia, its ally) flew over them. Strikes on IS, Kurdish or Turkish-backed areas stay unnamed (other air forces
    struck those). Runs after _carry_strikers: a striker the article names on the same front comes first."""
    targets = frozenset(cues()["state_air_targets"])
    out = []
    for draft in drafts:
        unnamed = draft.roles.actor1 is None or draft.roles.actor1.key == "unidentified_military"
        # (a chemical attack told as dropped from aircraft, "warplanes targeted Khan Sheikhoun with gases", too)
        from_air = draft.sub_event_type == "Air/drone strike" or (
            draft.sub_event_type == "Chemical weapon" and _AIRCRAFT.search(draft.facts.text) is not None)
        if from_air and unnamed and draft.event_date is not None and draft.event_date >= _STATE_AIR_WAR:
            hit = [draft.roles.actor2] if draft.roles.actor2 is not None else []
            if any(a.key in targets for a in hit + holders(draft.facts)) \
                    and not any(a.key in _FOREIGN_AIR - {"unidentified_military"} for a in (m.actor for m in draft.facts.actors)):
                draft = dataclasses.replace(draft, roles=dataclasses.replace(draft.roles, actor1=actors()["syria_military"]))
        out.append(draft)
    return out


def _air_forces_attack(drafts: list[Draft]) -> list[Draft]:
    """"the US-led coalition attacked residential areas in the north of the Raqqa province": a force that fights in
    Syria from the air only (``_AIR_ONLY``) and is said just to attack strikes from the air - an Air/drone strike, not a
    clash (a clash it is said to fight, "clashed", stays one)."""
    out = []
    for draft in drafts:
        if draft.trigger.sub_event_type == "ATTACK" and draft.sub_event_type in ("Armed clash", "Attack") \
                and draft.roles.actor1 is not None and draft.roles.actor1.key in _AIR_ONLY:
            draft = dataclasses.replace(draft, sub_event_type="Air/drone strike", event_type="Explosions/Remote violence")
        out.append(draft)
    return out


_AIR_ONLY = frozenset({"us_coalition", "russia"})  # the Global Coalition's and Russia's war in Syria was flown

_TERRORISTS = re.compile(r"\bterrorists?\b", re.IGNORECASE)

# Islamist groups an article may call by a generic word ("jihadists", "Islamist militants", "extremist groups").
_ISLAMIST_GROUPS = frozenset({"islamic_state", "nusra", "hts", "tip", "hurras_al_deen", "ansar_al_tawhid", "ahrar_al_sham",
                              "jaysh_al_islam", "jaish_al_fateh"})
_GENERIC_ISLAMISTS = "islamist_militia"


def _generic_islamists_named(drafts: list[Draft], sentences: list) -> list[Draft]:
    """"At least 31 Islamic State militants were killed ... killing at least 31 jihadists": a side the sentence calls
    only by a generic word (jihadists, Islamist militants, extremist groups) is the one Islamist group the article
    named in the sentences before it, as ACLED codes the group by name. A group named in the same sentence is told
    apart from the generic word ("HTS captured the area from Islamist faction fighters": ACLED's Islamist Militia),
    with two or more groups named the word stays generic, and a side is never made the group it fights."""
    if not any(_GENERIC_ISLAMISTS in (d.roles.actor1 and d.roles.actor1.key, d.roles.actor2 and d.roles.actor2.key) for d in drafts):
        return drafts
    named = [(facts.index, m.actor) for facts in sentences for m in facts.actors if m.actor.key in _ISLAMIST_GROUPS]
    out = []
    for draft in drafts:
        groups = {a.key: a for at, a in named if at < draft.facts.index}
        roles = draft.roles
        if len(groups) == 1:
            (group,) = groups.values()
            one, two = roles.actor1, roles.actor2
            if one is not None and one.key == _GENERIC_ISLAMISTS and (two is None or two.key != group.key):
                roles = dataclasses.replace(roles, actor1=group)
            elif two is not None and two.key == _GENERIC_ISLAMISTS and (one is None or one.key != group.key):
                roles = dataclasses.replace(roles, actor2=group)
        out.append(draft if roles is draft.roles else dataclasses.replace(draft, roles=roles))
    return out


def _terrorists_fought(drafts: list[Draft]) -> list[Draft]:
    """"A number of al-Nusra terrorists were killed ... in al-Rastan": a clash whose sentence calls the side hit
    terrorists and names no one who fought them is the Syrian state's - the word is its side's (state media), and
    the Unidentified Armed Group a clash gets by default would be wrong. Not where the article names a foreign force
    acting (Russian reports call them terrorists too, of their own strikes)."""
    foreign = any(d.roles.actor1 is not None and d.roles.actor1.inter == 8 for d in drafts)
    if foreign:
        return drafts
    syria = actors()["syria_military"]
    out = []
    for draft in drafts:
        two = draft.roles.actor2
        if draft.sub_event_type == "Armed clash" and (draft.roles.actor1 is None or draft.roles.actor1.key == "unidentified") \
                and two is not None and not two.government_side and two.inter != 7 and _TERRORISTS.search(draft.facts.text):
            draft = dataclasses.replace(draft, roles=dataclasses.replace(draft.roles, actor1=syria))
        out.append(draft)
    return out


# Air forces other than Syria's: a sentence naming one (as a suspect, or as striking elsewhere) leaves the striker open.
_FOREIGN_AIR = frozenset({"us_coalition", "united_states", "turkey", "israel", "united_kingdom", "france", "iraq", "unidentified_military",
                          "allied_syria_russia", "russia"})


# The target's air defences fought back, written either way round: "Syrian air defenses engaged the missiles", "regime
# air-defences ... intercepted some of the missiles", "several missiles ... were intercepted by the regime's air
# defenses", "Syrian air defenses reportedly shot down a missile", "triggering the regime's air defence systems".
_AIR_DEFENCE = re.compile(r"\b(?:air[- ]defen[cs]es?|anti-aircraft|anti-air|air defen[cs]e systems?)\b", re.IGNORECASE)
_DEFENCE_ACTS = re.compile(
    r"\b(?:engag(?:ed|ing)|confront(?:ed|ing)|responded|fired at|clashed|intercept\w*|shot down|downed|repel(?:led|ling)|"
    r"trigger(?:ed|ing)|activated)\b",
    re.IGNORECASE,
)


def _may_name_air_defence(text: str) -> bool:
    """False when _AIR_DEFENCE cannot match: each of its words holds "defen" or "anti-air", which ``in`` finds in an
    ASCII text's lower case exactly where the case-blind regex would, and far cheaper (every sentence is asked)."""
    if not text.isascii():
        return True
    lower = text.lower()
    return "defen" in lower or "anti-air" in lower


def _engaged_strikes(drafts: list[Draft], sentences: list) -> list[Draft]:
    """"Israeli warplanes struck Kisweh. Syrian air defenses engaged the missiles" (or the rockets): the target fought back,
    so ACLED codes an armed clash, not a one-sided strike (the sentence itself or the next one says so)."""
    engaged = {i for i, f in enumerate(sentences) if _may_name_air_defence(f.text) and _AIR_DEFENCE.search(f.text)
               and _DEFENCE_ACTS.search(f.text)}
    if not engaged:
        return drafts
    index = {f.start: i for i, f in enumerate(sentences)}
    out = []
    fought: set[int] = set()  # sentences of the strikes turned into clashes
    for draft in drafts:
        at = index.get(draft.facts.start)
        if draft.sub_event_type in ("Air/drone strike", "Shelling/artillery/missile attack") and at is not None and {at, at + 1} & engaged:
            draft = dataclasses.replace(draft, sub_event_type="Armed clash", event_type="Battles")
            fought.add(at)
        out.append(draft)
    # The missiles the defences shot down are that clash's, not a weapon disrupted apart ("... were intercepted by the
    # regime's air defenses", "Regime air-defences in Jabal Al Mani intercepted some of the missiles": where the
    # defences stand is no other event).
    def part_of_the_clash(draft: Draft) -> bool:
        at = index.get(draft.facts.start)
        return draft.sub_event_type == "Disrupted weapons use" and at in engaged and bool({at, at - 1} & fought)

    return [d for d in out if not part_of_the_clash(d)]


_DETENTIONS = ("Arrests", "Abduction/forced disappearance")


def _raids_that_detained(drafts: list[Draft], sentences: list) -> list[Draft]:
    """"The regime's Military Intelligence raided the neighbourhoods of Kafr Batna. 20 young people were arrested ...": a
    ground raid with no toll and no side fighting back, followed in the next sentence by detentions, was the arrest
    operation - one event at the raid's place, as a raid told with arrests in one sentence is (`triggers._GROUND_RAID`).
    Whether it is an Arrest or an Abduction is the raiders' to decide (a state's forces arrest, an armed group abducts)."""
    index = {f.start: i for i, f in enumerate(sentences)}
    out: list[Draft] = []
    absorbed: set[int] = set()
    for draft in drafts:
        if id(draft) in absorbed:
            continue
        at = index.get(draft.facts.start)
        if draft.sub_event_type == "Armed clash" and not draft.fatalities and draft.roles.actor2 is None \
                and draft.roles.actor1 is not None and _GROUND_RAID.search(draft.trigger.text) and at is not None:
            held = [d for d in drafts if index.get(d.facts.start) == at + 1 and d.sub_event_type in _DETENTIONS]
            if held:
                sub = final_sub_event_type(dataclasses.replace(draft.trigger, sub_event_type="Arrests"), draft.roles, victims=False)
                draft = dataclasses.replace(
                    draft, sub_event_type=sub, event_type=held[0].event_type,
                    roles=dataclasses.replace(draft.roles, actor2=held[0].roles.actor2),
                )
                absorbed.update(id(d) for d in held if not d.own_place)
        out.append(draft)
    return [d for d in out if id(d) not in absorbed]


_TOLL_REACH = 2  # sentences after an event's where a toll-only sentence may still tell its toll


def _story_place(facts, locator: Locator) -> Located | None:  # noqa: ANN001
    """The one town a sentence with no event names as its setting, located (None when it names none or several)."""
    own = [p for p in facts.places if p.role.role == EVENT]
    if len(own) != 1 or own[0].text.lower() in SEATS_OF_GOVERNMENT:
        return None  # ("it cooperates with Damascus rather than fighting it": the government, not a setting)
    located = locator.locate(own[0], admin1=None, anchor=None, precision=1)
    return located if located.named and (located.precision or 3) < 3 else None


def _give_toll(back: Draft, drafts: list[Draft]) -> None:
    """The latest event of ``back``'s kind told before, still without a toll, takes ``back``'s toll (in place); one
    with a running toll takes the day's or place's share ("has killed at least 32 ... on Wednesday alone killed 21")."""
    for i in range(len(drafts) - 1, -1, -1):
        earlier = drafts[i]
        if earlier.support_only or earlier.sub_event_type != back.sub_event_type:
            continue
        if earlier.fatalities is None or (back.toll_share and not earlier.toll_share and back.fatalities is not None
                                          and back.fatalities < earlier.fatalities):
            drafts[i] = dataclasses.replace(
                earlier, fatalities=back.fatalities, fatalities_low=back.fatalities_low, fatalities_high=back.fatalities_high,
                fatalities_text=earlier.fatalities_text or back.fatalities_text, own_toll=False, toll_share=back.toll_share,
            )
        return


_HOLDS_KM = 12.0  # a city's own districts lie within this of its point (for a neighbourhood without its city)


def _holds(outer: Located, inner: Located) -> bool:
    """``inner`` is a more precise place inside ``outer``: its governorate, or the city it is a district of."""
    if outer.admin1 is None or outer.admin1 != inner.admin1:
        return False
    if (outer.precision or 3) >= 3:
        return (inner.precision or 3) < 3
    place = inner.resolution.place if inner.resolution is not None else None
    if place is None or place.feature != "neighbourhood" or outer.location == inner.location:
        return False  # another town nearby is another place ("killed in Douma ... the attack in Harasta")
    if place.parent:
        return place.parent == outer.location
    if None in (outer.latitude, outer.longitude, inner.latitude, inner.longitude):
        return False
    return km((outer.latitude, outer.longitude), (inner.latitude, inner.longitude)) <= _HOLDS_KM


def _only_near(draft: Draft) -> bool:
    """Placed only near a place its sentence names as a reference or an origin ("buses carrying residents evacuated
    from Fuaa and Kafraya"), not at a place of its own (an unknown place coded near a known one, "captured Tall al
    Nimr ..., just north of Khan Shaykun", is its own)."""
    written = draft.located.location_text or ""
    if not written:
        return False
    roles = {p.role.role for p in draft.facts.places if p.text == written}
    return bool(roles) and roles <= {REFERENCE}


def _corefer(found: list[Draft], drafts: list[Draft]) -> list[Draft]:
    """"A suicide car bomb killed 43 ... Bodies were recovered from the attack at a transit point in
    Rashidin": "the attack" is the event told before, and its clause says where it happened. When the
    earlier report placed it only by borrowing another clause's place (or not at all), it takes this
    place; the later sentence becomes a mention of it. Changes ``drafts`` in place."""
    kept = []
    for draft in found:
        if not (draft.own_place and _refers_back(draft, drafts)):
            kept.append(draft)
            continue
        generic = draft.trigger.sub_event_type == "ATTACK"
        index = next(
            (i for i in range(len(drafts) - 1, -1, -1)
             if not drafts[i].support_only and (drafts[i].event_type == draft.event_type or generic)
             and drafts[i].event_type != "Strategic developments"),
            None,
        )
        if index is None:
            kept.append(draft)
            continue
        earlier = drafts[index]
        # (an earlier report placed only near a reference, "buses carrying residents evacuated from Fuaa and Kafraya",
        # says where people came from, not where it happened: "the attack at a transit point in Rashidin" places it)
        inside = earlier.own_place and (_holds(earlier.located, draft.located) or (
            _only_near(earlier) and (draft.located.precision or 3) == 1))
        if earlier.own_place and earlier.located.location != draft.located.location and not inside:
            kept.append(draft)  # another place: another event of the same kind
            continue
        if not earlier.own_place or inside:
            # ("killed in Damascus ... The attack occurred in Qaboun, a district in the east of the city": the place
            # the back-reference names lies in the one told first, and says more precisely where it was.)
            earlier = dataclasses.replace(earlier, located=draft.located, own_place=True)
            drafts[index] = earlier
        roles = earlier.roles
        if (claimant := _claimant(draft)) is not None and _unattributed(earlier) and earlier.event_type in _CLAIMABLE:
            # "A truck bomb struck a crowd in Qamishli ... IS said it carried out the attack in Qamishli": whoever claims
            # the event told before, unattributed, is its actor (ACLED codes the claimant).
            roles = dataclasses.replace(roles, actor1=claimant)
            drafts[index] = earlier = dataclasses.replace(earlier, roles=roles, initiator_named=True)
        hit = draft.roles.actor2
        if roles.actor2 is None and hit is not None and hit.inter == 7 and earlier.event_type in _HITS_CIVILIANS:
            # "Terrorists detonated an explosive device in Sweida ... a civilian was killed in the explosion": the
            # civilians it hit, told with the event again (an armed side named there is as often the one blamed)
            roles = dataclasses.replace(roles, actor2=hit, assoc_actor_2=draft.roles.assoc_actor_2)
        kept.append(dataclasses.replace(
            draft, sub_event_type=earlier.sub_event_type, event_type=earlier.event_type, roles=roles,
            located=earlier.located, event_date=earlier.event_date, time_precision=earlier.time_precision, support_only=True,
        ))
    return kept


# "IS claimed (responsibility for) the attack", "the bombing was claimed by IS", "it said it had carried out the attack":
# the deed told again with who owns it - unless denied or unclaimed ("no one claimed responsibility for the attack").
_CLAIM = re.compile(
    r"\b(?:claim(?:ed|s|ing)?(?:\s+responsibility\s+for)?|(?:was|were|been)\s+claimed\s+by|(?:said|says)\s+(?:that\s+)?"
    r"(?:it|they|its\s+\w+)\s+(?:had\s+|has\s+|have\s+)?carried\s+out)\b",
    re.IGNORECASE,
)
_THAT_ONE = re.compile(r"\b[Tt]hat\s+(?:[\w-]+\s+)?$")
_CLAIMABLE = frozenset({"Explosions/Remote violence", "Violence against civilians", "Battles"})
_DISOWNED = re.compile(r"\b(?:no|not|nobody|none|denied|denies|deny|denying|without|unclaimed|yet\s+to)\b", re.IGNORECASE)


def _unattributed(draft: Draft) -> bool:
    return draft.roles.actor1 is None or draft.roles.actor1.key == "unidentified" or not draft.initiator_named


def _claimed(last: list[Draft], found: list[Draft]) -> list[Draft]:
    """"A truck bomb struck a crowd in Qamishli ... IS claimed responsibility for the attack": the claimant is the actor of
    the unattributed violent events of the sentence before (ACLED codes the claimant)."""
    claimant = next((a for a in map(_claimant, found) if a is not None), None)
    if claimant is None:
        return last
    return [dataclasses.replace(d, roles=dataclasses.replace(d.roles, actor1=claimant), initiator_named=True)
            if _unattributed(d) and d.event_type in _CLAIMABLE else d for d in last]


def _claim_told(found: list[Draft]) -> bool:
    """One of a sentence's drafts is an attack told before and claimed ("That attack was claimed by IS, which said ...")."""
    text = found[0].facts.text
    return may_hold(text, ("claim", "carried out")) and _CLAIM.search(text) is not None and not _DISOWNED.search(text) \
        and any(is_back_reference(d.facts, d.trigger) for d in found)


def _told_in_claim(draft: Draft) -> bool:
    """The trigger is in what the claimant said, after the claim ("... claimed by IS, which said its fighters had
    targeted the station")."""
    text = draft.facts.text
    claim = _CLAIM.search(text)
    return claim is not None and bool(SPEECH_VERB.search(text, claim.end(), draft.facts.local(draft.trigger.start)))


def _claimant(draft: Draft) -> Actor | None:
    """The named armed side the sentence of a back-reference says claims it ("IS claimed responsibility for the attack",
    "the bombing was claimed by IS"), None when nobody claims it or the claim is denied."""
    text = draft.facts.text
    if not may_hold(text, ("claim", "carried out")):
        return None
    claim = _CLAIM.search(text)
    if claim is None or _DISOWNED.search(text) or _THAT_ONE.search(text, 0, draft.facts.local(draft.trigger.start)):
        return None  # ("That attack was claimed by IS": an attack told before the last one, whose claimant is not the last's)
    if claim.group(0).lower().endswith(" by"):
        after = [m for m in draft.facts.actors if draft.facts.local(m.start) >= claim.end()]
        actor = after[0].actor if after else None
    else:
        actor = draft.roles.actor1
    if actor is None or actor.key == "unidentified" or actor.inter in (1, 7):
        return None
    return actor


_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,60}$")  # "... | Jordan Times", "... - Region - World"


def _title_apart(article: Article) -> Article:
    """A page's title repeated at the top of its text, glued to the first sentence ("Dozens dead in Syria
    evacuees bombing Nearly 70 children were ..."), stands on its own line: a headline, which adds
    mentions but makes no event of its own. The space or full stop after it becomes a line break (same
    offsets)."""
    title = _TITLE_SUFFIX.sub("", article.title.strip()) if article.title else ""
    if len(title.split()) < 3:
        return article
    at = article.text.find(title, 0, len(title) + 200)
    end = at + len(title)
    if at < 0 or end >= len(article.text) or article.text[end] not in " .":
        return article
    return dataclasses.replace(article, text=article.text[:end] + "\n" + article.text[end + 1 :])


_DIRECTION_OF = re.compile(
    r"^(?:the\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central)\s+(?:part\s+of\s+|of\s+)?", re.IGNORECASE
)


def _placed(draft: Draft, settings: ExtractionSettings) -> bool:
    """In a governorate at least, or at a name the text gives that is not the country's."""
    located = draft.located
    if located.admin1:
        return True
    if located.named and located.precision in (1, 2) and located.latitude is not None:
        return True  # a village the gazetteer knows only by its point (a user place given no governorate)
    # "northern Syria", "the north of Syria": a part of the country named by direction is the country still
    written = _DIRECTION_OF.sub("", (located.location_text or "").strip().casefold())
    country = settings.country.casefold()
    # "Syria's", or "Syrias" where apostrophes were stripped (FA-KES): the country still.
    return bool(written) and written not in {country, country + "s", country + "'s", country + "’s", located.location.casefold()}


def _refers_back(draft: Draft, last: list[Draft]) -> bool:
    """"The attack killed 32", "Tuesday's bombing": the event told before (any kind for "attack").  "They killed
    a number of IS members and controlled their positions": a sentence whose subject is a pronoun tells more of
    the event of the same sub-type told before (the caller asks this only of drafts with no place of their own)."""
    same_kind = draft.trigger.sub_event_type == "ATTACK" or any(d.event_type == draft.event_type for d in last)
    if same_kind and is_back_reference(draft.facts, draft.trigger):
        return True
    return bool(_PRONOUN_SUBJECT.match(draft.facts.text)) and any(d.sub_event_type == draft.sub_event_type for d in last)


_PRONOUN_SUBJECT = re.compile(r"\W*(?:they|he|she)\s+(?:\w+ly\s+|also\s+|then\s+|later\s+)?(?!said|say|says|told|added|claimed|reported)\w+", re.IGNORECASE)


_CITY_PART_KM = 10.0  # how near a city's centre a place told with it counts as part of it


def _city_parts_told(body: list[Draft]) -> set[int]:
    """ids of the Located of reports that place the event, to the town, at a place within _CITY_PART_KM of a major town
    another report of it names (a neighbourhood or suburb of that city)."""
    towns = [d.located for d in body if d.located.precision == 1 and d.located.resolution is not None
             and d.located.resolution.place is not None]
    cities = [t for t in towns if is_major(t.resolution.place)]
    return {
        id(t) for t in towns
        if not is_major(t.resolution.place) and t.latitude is not None
        and any(c.latitude is not None and km((t.latitude, t.longitude), (c.latitude, c.longitude)) <= _CITY_PART_KM for c in cities)
    }


_HITS_CIVILIANS = frozenset({"Explosions/Remote violence", "Violence against civilians"})  # a battle's sides are armed


_WEEK_DAYS = 7


def _most_precise_date(head: Draft, body: list[Draft]) -> tuple[date | None, int | None]:
    """The event's date: the head report's, unless it gives only the week ("The brief seizure of Rityan was part of an
    abortive army offensive this week") and another report of the event names an earlier day in that week ("after
    troops entered the town Tuesday"). A later day is a follow-up's ("Earlier this week a chemical attack hit Khan
    Sheikhun ... On Friday"), not the event's first."""
    if head.event_date is None or head.time_precision != WEEK:
        return head.event_date, head.time_precision
    day = next((d.event_date for d in body if d.time_precision == DAY and d.event_date is not None
                and 0 < (head.event_date - d.event_date).days < _WEEK_DAYS), None)
    return (day, DAY) if day is not None else (head.event_date, head.time_precision)


# A week told ("this week", "earlier this week") is dated three days before publication: the day another event names
# lies at most that far before it (a weekend, dated to its Sunday, reaches no day of the week before).
_WEEK_REACH = 3


def _weeks_told_by_day(events: tuple[Event, ...]) -> tuple[Event, ...]:
    """An event told only to the week ("48 people executed by government forces in the village of Rityan earlier this
    week") happened on the day the article dates another event at the same place within that week ("troops entered
    the town Tuesday"), when it dates exactly one: ``_most_precise_date`` across events, not only within one."""
    out = []
    for event in events:
        if event.time_precision == WEEK and event.event_date is not None and event.location:
            days = {other.event_date for other in events
                    if other is not event and other.time_precision == DAY and other.event_date is not None
                    and other.location == event.location and other.admin1 == event.admin1
                    and 0 < (event.event_date - other.event_date).days <= _WEEK_REACH}
            if len(days) == 1:
                event = dataclasses.replace(event, event_date=days.pop(), time_precision=DAY)
        out.append(event)
    return tuple(out)


def _event(group: list[Draft], article: Article) -> Event:
    head = group[0]
    # Who did it to whom: the report of the event that names most (a follow-up sentence placing the
    # clash more precisely often names nobody).
    told = [d.roles for d in group if d.sub_event_type == head.sub_event_type]
    roles = max(told, key=lambda r: (r.actor1 is not None and r.actor1.key != "unidentified", r.actor2 is not None))
    if roles.actor2 is None and roles.actor1 is not None:
        # "Suicide bombers struck outside a shrine, killing 13 civilians ... IS claimed the attack": whom it hit, from a
        # report of it that named no one else as its actor.
        hit = next((r for r in told if r.actor2 is not None and r.actor2 is not roles.actor1
                    and (r.actor1 is None or r.actor1 is roles.actor1 or r.actor1.key == "unidentified")
                    and (r.actor2.inter != 7 or head.event_type in _HITS_CIVILIANS)), None)
        if hit is not None:
            roles = dataclasses.replace(roles, actor2=hit.actor2, assoc_actor_2=hit.assoc_actor_2)
    roles = as_founded(roles, on=head.event_date or article.published)
    roles = as_coalition(roles, on=head.event_date or article.published, sub_event_type=head.sub_event_type)
    roles = one_side_each(as_allied(roles))
    # The most specific place any body report of the event gives.
    body = [d for d in group if not d.support_only] or group
    # A part of a city one report names ("the Akrameh neighbourhood") is more specific than the city another names.
    parts = _city_parts_told(body)
    loc = min(body, key=lambda d: (d.located.precision or 3, d.located.admin1 is None, id(d.located) not in parts,
                                   not d.located.named)).located
    mentions: dict[tuple[int, int], Mention] = {}
    for draft in sorted(group, key=lambda d: d.facts.start):
        key = (draft.facts.start, draft.facts.end)
        mentions.setdefault(key, Mention(article.article_id, draft.facts.text, draft.facts.start, draft.facts.end))
    # The toll the first body report gives: later sentences restate it, update it upwards or give a
    # region's total; ACLED codes the most conservative figure.
    # A toll told as the day's or the place's share ("the air strikes on eastern Aleppo on Wednesday alone killed at
    # least 21") is this event's; the larger one around it ("renewed bombing that has killed at least 32") spans more.
    # A toll told with the event's own place ("airstrikes on the town of Manbij on Monday when 15 were killed") is
    # that place's; one told with a wider area the group took in ("airstrikes on villages in northern Syria killed 85")
    # spans more places than this one.
    whole_here = any(_whole_toll_here(d, loc) for d in group)
    counts = [d.fatalities for d in sorted(group, key=lambda d: (
        d.support_only, not d.toll_share, whole_here and _told_wider(d, loc), d.facts.start)) if d.fatalities is not None]
    when, precision = _most_precise_date(head, body)
    if (day := _landmark_day(group, loc)) is not None:
        when, precision = day, DAY
    fields = dict(
        event_id=event_id(article.article_id, head.facts, head.sub_event_type, loc.location_text or loc.location),
        event_date=when,
        time_precision=precision,
        event_type=head.event_type,
        sub_event_type=head.sub_event_type,
        actor1=actor_name(roles.actor1),
        assoc_actor_1=actor_name(roles.assoc_actor_1),
        actor2=actor_name(roles.actor2),
        assoc_actor_2=actor_name(roles.assoc_actor_2),
        inter1=roles.actor1.inter if roles.actor1 else None,
        inter2=roles.actor2.inter if roles.actor2 else None,
        country="Syria",
        admin1=loc.admin1,
        admin2=loc.admin2,
        location=loc.location,
        latitude=loc.latitude,
        longitude=loc.longitude,
        geo_precision=loc.precision,
        fatalities=counts[0] if counts else None,
        fatalities_low=head.fatalities_low,
        fatalities_high=head.fatalities_high,
        notes=head.facts.text,
        source=article.source,
        source_url=article.url,
        article_id=article.article_id,
        location_text=loc.location_text,
        sentence_start=head.facts.start,
        sentence_end=head.facts.end,
        fatalities_text=next((d.fatalities_text for d in group if d.fatalities_text), ""),
        location_source=loc.location_source,
        mentions=tuple(mentions.values()),
    )
    # Calibrated on the hand-coded articles (extraction/confidence.py), not the rule score of the draft.
    return Event(**fields, confidence=confidence(SimpleNamespace(**fields)))


def _told_wider(draft: Draft, located: Located) -> bool:
    """The draft is placed more coarsely than the event (a country or governorate where the event has a town)."""
    return (draft.located.precision or 3) > (located.precision or 3)


# A toll told as a part of the dead or on top of them: "two medics were among the dead", "the passenger also died".
_PART_TOLL = re.compile(r"\bamong (?:the |those )?(?:dead|killed|victims|casualties)\b|\balso (?:\w+ )?(?:killed|died|dead)\b",
                        re.IGNORECASE)


def _whole_toll_here(draft: Draft, located: Located) -> bool:
    """The draft tells, in its own sentence, a whole toll at the event's own place ("eight civilians were killed when
    regime warplanes struck the village of Daret Izza") - not one added from the next sentence, nor a part."""
    return draft.own_toll and draft.fatalities is not None and not draft.support_only \
        and not _told_wider(draft, located) and not _PART_TOLL.search(draft.facts.text)


def _coded_tolls(events: tuple[Event, ...], text: str) -> tuple[Event, ...]:
    """The toll a coder's remark states ("Unknown fatalities coded as 10.", "split, 5 each"; extraction/coded_tolls.py)
    replaces the one read from the events' sentences."""
    coded = coded_toll(text) if events else None
    if coded is None:
        return events
    out = []
    for number, event in enumerate(events):
        value = toll_for(coded, names=(event.location_text or "", event.location or ""), events=len(events), first=number == 0)
        if value is not None and value != event.fatalities:
            event = dataclasses.replace(event, fatalities=value, fatalities_low=None, fatalities_high=None)
            event = dataclasses.replace(event, confidence=confidence(event))
        out.append(event)
    return tuple(out)


def _spans(doc: Doc, locator: Locator) -> tuple[TextSpan, ...]:
    out: list[TextSpan] = []
    text = doc.user_data.get("text") or doc.text
    for label in ("PLACE", "ACTOR", "TRIGGER", "DATE", "FATALITIES"):
        for span in found(doc, label):
            start, end = span.start, span.end
            out.append(TextSpan(start, end, label, text[start:end], _detail(label, span, text[start:end], locator)))
    return tuple(sorted(out, key=lambda s: (s.start, s.end)))


def _detail(label: str, span: Found, written: str, locator: Locator) -> str:
    if label == "PLACE":
        res = locator.article.get(written)
        if res is None:
            return ""
        return res.place.name if res.place is not None else "unresolved"
    if label == "ACTOR":
        return named_group(written).name if span.label == NAMED_GROUP else actors()[span.label].name
    if label == "TRIGGER":
        return span.label.split(":", 1)[1]
    return span.label


def _unresolved(locator: Locator, drafts: list[Draft]) -> tuple:
    seen: dict[str, object] = {}
    for res in locator.article.values():
        if not res.resolved:
            seen.setdefault(res.query, res)
    for draft in drafts:
        res = draft.located.resolution
        if res is not None and not res.resolved:
            seen.setdefault(res.query, res)
    return tuple(seen.values())
