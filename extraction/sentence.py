"""What one sentence holds: its kind, places (with roles), actors, triggers,
dates and fatality statements, read from the spans the components wrote.

Kinds: "body" sentences report events; "headline" and "caption" lines only
add mentions to events the body reports; "background" sentences (cumulative
tolls, "since 2011") and "skip" lines ("See Also: ...") report none.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from extraction import placecues
from extraction.components import ALLEGIANCE_BEFORE, GLUED_OPENER_AFTER, doc_text, found, sentence_bounds
from extraction.dates import DateMention
from extraction.fatalities import FatalityMention
from extraction.frames import find_frames
from extraction.lexicon import NAMED_GROUP, Actor, actors, cues, first_letters, holds_any, may_hold, named_group, word_alternation

BODY, HEADLINE, CAPTION, BACKGROUND, SKIP = "body", "headline", "caption", "background", "skip"
_END_PUNCT = tuple('.!?"”’\')]')
HEADLINE_MAX_WORDS = 20  # a longer line without final punctuation is a sentence that lost its full stop


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int  # offsets in the article text
    end: int
    text: str
    source: str  # "gazetteer" | "cue"
    role: placecues.PlaceRole


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor


@dataclass(frozen=True, slots=True)
class TriggerMention:
    start: int
    end: int
    text: str
    sub_event_type: str  # may be CAPTURE / ATTACK until roles decide
    strength: str


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    index: int
    start: int
    end: int
    text: str
    kind: str
    places: tuple[PlaceMention, ...]
    actors: tuple[ActorMention, ...]
    triggers: tuple[TriggerMention, ...]
    dates: tuple[DateMention, ...]
    fatalities: tuple[FatalityMention, ...]

    def local(self, offset: int) -> int:
        return offset - self.start


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], re.Pattern[str], re.Pattern[str]]:
    c = cues()
    return (
        tuple(c["non_event_lines"]),
        tuple(c["caption_markers"]),
        tuple(m.lower() for m in c["cumulative_markers"]),
        re.compile("|".join(c["cumulative_patterns"]), re.IGNORECASE),
        re.compile(r"\b(?:" + "|".join(re.escape(m) for m in c["cumulative_weak"]) + r")\b", re.IGNORECASE),
    )


_DATELINE = re.compile(r"^\s*(?:,\s*[A-Z][\w ]{1,20})?\s*(?:\([^)]{1,30}\)\s*)?[—–-]\s|^\s*(?:,\s*[A-Z][\w ]{1,20})?\s*\((?:AFP|Reuters|AP|SANA|Xinhua|AA|dpa)\)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_PERIOD_WORDS = ("since", "over the", "days", "weeks", "months", "week of", "month of", "year of", "years of")
_MONTH_WORDS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_BIG_NUMBER = re.compile(r"\b(?:\d{1,3}(?:,\d{3})+|\d{3,}|hundreds|thousands)\b(?!\s*(?:km|kilomet|metres|meters|miles))", re.IGNORECASE)


# "Dozens of people have been killed in Syria's Idlib province on Tuesday in a suspected chemical attack": the toll
# is dated to one day, so the words of a running toll ("have been killed in Syria") tell one event here - unless
# the day is when it was said ("..., the monitor said on Tuesday"), the count is a war's (thousands), or it runs
# since some time.
_ONE_DAY = re.compile(
    r"\b(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|last\s+night|overnight)\b",
    re.IGNORECASE,
)
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|reported|announced|added|stated)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_RUNNING = re.compile(r"\b(?:since|so\s+far|to\s+date|in\s+total|a\s+total\s+of|thousands|hundreds\s+of\s+thousands)\b|\d[\d,.]*[,.\s]000\b|\b(?!(?:19|20)\d\d\b)\d{4,}", re.IGNORECASE)


def _tolls_only(lower: str) -> bool:
    """Every running-toll phrase of the sentence is a toll ("have been killed in Syria"), not a period ("in recent days")."""
    index = _cumulative_index()
    found = [p for w in _words_of(lower) if w in index for p in index[w] if p in lower]
    return all(_TOLL_WORD.search(p) for p in found)


def _ranks_only(lower: str) -> bool:
    """Every running-period phrase of the sentence ranks the event it tells among the war's ("one of its most sustained
    aerial operations carried out in Syria to date", "the heaviest attack since the start of the two-year conflict"):
    a superlative before it, no toll over the period."""
    index = _cumulative_index()
    found = [p for w in _words_of(lower) if w in index for p in index[w] if p in lower]
    return bool(found) and all(
        p in _RANKABLE and _SUPERLATIVE_BEFORE.search(lower, max(0, lower.find(p) - 100), lower.find(p)) for p in found)


_RANKABLE = frozenset({"to date", "since the start", "since the beginning", "since the outbreak", "since the war", "since the conflict",
                       "since the uprising", "since the revolution", "since the onset", "since it began", "so far"})
# ... an event ranked by a superlative: "the heaviest attack", "its most sustained aerial operations" (not "the worst month
# for attacks", a period's statistic, nor "some of the biggest" with no event named).
_SUPERLATIVE_BEFORE = re.compile(
    r"\b(?:the|its|their|one\s+of\s+the)\s+(?:single\s+)?(?:deadliest|worst|bloodiest|heaviest|largest|biggest|fiercest|"
    r"longest|strongest|most\s+[a-z-]+)\s+(?:[a-z-]+\s+)?(?:attacks?|assaults?|offensives?|operations?|bombings?|bombardments?|"
    r"(?:air\s*)?strikes?|(?:air\s+)?raids?|shelling|battles?|fighting|clashes|explosions?|blasts?|massacres?)\b[^.;]*$")


_TOLL_WORD = re.compile(r"\b(?:killed|dead|died|deaths|wounded|injured|casualties)\b")


def _one_day(text: str) -> bool:
    if _RUNNING.search(text):
        return False
    return any(not _SAID_BEFORE.search(text, max(0, m.start() - 30), m.start()) for m in _ONE_DAY.finditer(text))


_TOLL_UNKNOWN = re.compile(
    r"\b(?:the\s+)?(?:death\s+)?toll\s+(?:was|is|remains|remained)\s+(?:not\s+(?:immediately\s+|yet\s+)?(?:known|clear|available)|unknown|unclear)"
)


def is_background(text: str) -> bool:
    """A toll over a period ("since 2011", "so far"), or "a total of" hundreds: not an event."""
    _, _, _, patterns, weak = _markers()
    lower = text.lower()
    if "toll" in lower:
        # "though the death toll was not immediately known": no toll is given, so none over a period either
        lower = _TOLL_UNKNOWN.sub(" ", lower)
    if _contains_any(lower, _cumulative_index()) and not (_one_day(text) and _tolls_only(lower)) and not _ranks_only(lower):
        return True
    # The patterns ("since March", "over the past months", "in 2011") need one of these first.
    gate = holds_any(lower, _PERIOD_WORDS) or _YEAR.search(text) or (
        ("have been" in lower or "has been" in lower or "during" in lower or "throughout" in lower)
        and holds_any(lower, _MONTH_WORDS)  # "... in November", "documented 270 killed ... during April"
    )
    if gate and patterns.search(text):
        return True
    if ("war" in lower or "conflict" in lower or "insurgency" in lower) and _war_origin().search(text):
        return True  # how the whole war began or grew: "It morphed into a conflict after the regime unleashed a crackdown"
    # "Last month nearly 1200 Syrian civilians were killed": a month's (or a year's) count of hundreds is its statistic;
    # "Another 327 civilians have been killed in fighting in Aleppo province": hundreds killed in fighting, told in the
    # present perfect with no day, are a running toll.
    gated = "total" in lower or "last " in lower or "past month" in lower or "previous month" in lower or (
        ("have been killed in" in lower or "have died in" in lower) and not _one_day(text))
    return gated and bool(weak.search(text)) and any(
        not re.fullmatch(r"(?:19|20)\d\d", m.group(0)) for m in _BIG_NUMBER.finditer(text)
    )


@lru_cache(maxsize=1)
def _war_origin() -> re.Pattern[str]:
    return re.compile("|".join(cues()["war_origin_patterns"]), re.IGNORECASE)


@lru_cache(maxsize=1)
def _furniture() -> tuple[re.Pattern[str], re.Pattern[str]]:
    c = cues()
    tags = re.compile(r"^\W*(?:" + "|".join(re.escape(m) for m in c["tag_line_markers"]) + r")\b", re.IGNORECASE)
    inside = re.compile(r"\b" + word_alternation(c["furniture_markers"]) + r"\b", re.IGNORECASE)
    return tags, inside


# A verb shows that a "Tags ..." line goes on into a real sentence glued to it (lower case only: tags are capitalised).
_VERB = re.compile(r"\b(?:[a-z]+ed|was|were|is|are|has|have|had|will|kill|kills|struck|hit|blew|took|fell|said|says)\b")


@lru_cache(maxsize=1)
def _furniture_phrases() -> tuple[str, ...]:
    return tuple(m.lower() for m in cues()["furniture_markers"])


def is_furniture(text: str) -> bool:
    """A tag list ("Tags Syria Aleppo ceasefire truce"), a "Related News" run of other headlines, or a page's
    view count before its "Related" headlines ("43 Topic Violence Erupts ... (1881) Related Kobani in Ruins ...")."""
    tags, inside = _furniture()
    marked = may_hold(text, _furniture_phrases()) and inside.search(text) is not None
    return marked or bool(_COUNTED_RELATED.match(text)) or (bool(tags.match(text)) and not _VERB.search(text))


_COUNTED_RELATED = re.compile(r"^\W*\d[\d,]*\s+(?:Topic|Related)\s+[A-Z]")


_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w'’-]*")


def tagged_prefix(text: str) -> int:
    """Where the sentence begins after a tag list glued before it ("Tags Syria Damascus bombing police Three
    suicide bombers blew ..." -> at "Three"): the last capitalised word before its first verb; 0 without tags."""
    tags, _ = _furniture()
    if not tags.match(text):
        return 0
    verb = _VERB.search(text)
    if verb is None:
        return 0
    starts = [m.start() for m in _CAPITALISED_WORD.finditer(text, 0, verb.start())]
    return starts[-1] if len(starts) > 1 else 0


def _words(words) -> re.Pattern[str]:
    return re.compile(r"\b" + word_alternation(words) + r"\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _scope() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    c = cues()
    return (
        _words(c["general_scope_markers"]),
        _words(c["scope_monitor_words"]),
        _words(c["habitual_markers"] + c["diplomatic_markers"]),
        # case as written; the lookahead before the word boundary: the engine tests the boundary only where a pronoun can begin
        re.compile(first_letters(c["testimony_pronouns"]) + r"\b(?:" + "|".join(re.escape(w) for w in c["testimony_pronouns"]) + r")\b"),
        _words(c["habitual_markers"] + [m for m in c["diplomatic_markers"] if m not in c["demand_markers"]]),
    )


_WORD = re.compile(r"[a-z][a-z.'-]*")


def _by_first_word(phrases) -> dict[str, tuple[str, ...]]:  # noqa: ANN001
    """Phrases (lower case) by their first word, so a sentence is tested word by word, not phrase by phrase."""
    index: dict[str, list[str]] = {}
    for phrase in phrases:
        phrase = phrase.lower()
        first = _WORD.match(phrase)
        index.setdefault(first.group(0) if first else phrase, []).append(phrase)
    return {word: tuple(found) for word, found in index.items()}


def _contains_any(lower: str, index: dict[str, tuple[str, ...]]) -> bool:
    """True when ``lower`` contains one of the indexed phrases (as a substring, as ``in`` would find it)."""
    # (The sentence's words met with the index's in one set intersection: most sentences share none of its first words.)
    for word in index.keys() & _words_of(lower):
        if holds_any(lower, index[word]):
            return True
    return False


@lru_cache(maxsize=8)
def _words_of(lower: str) -> frozenset[str]:
    """The words of a sentence (cached: is_background and is_general both ask for the same sentence)."""
    return frozenset(_WORD.findall(lower))


@lru_cache(maxsize=1)
def _scope_index() -> dict[str, tuple[str, ...]]:
    c = cues()
    return _by_first_word(c["habitual_markers"] + c["diplomatic_markers"])


@lru_cache(maxsize=1)
def _cumulative_index() -> dict[str, tuple[str, ...]]:
    return _by_first_word(cues()["cumulative_markers"])


def _may_have_marker(lower: str) -> bool:
    return _contains_any(lower, _scope_index())


# "In neighbouring Iraq meanwhile, Daesh has been beaten back": a sentence set in another country.
_ABROAD = re.compile(
    r"^\W*(?:(?:meanwhile|elsewhere|also|and|but)[\s,]+)?in\s+(?:neighbou?ring\s+|nearby\s+)?"
    r"(?:Iraq|Lebanon|Turkey|Jordan|Israel|Iran|Yemen|Libya|Egypt|Afghanistan)\b",
    re.IGNORECASE,
)
# "A video purportedly shot in Kafr Batna showed a room filled with bodies", "Photos emerging from X show ...":
# what pictures show describes an event reported elsewhere.
_MEDIA = re.compile(
    r"\b(?:photo(?:graph)?s?|videos?|footage|images?|pictures?)\b[^.;]{0,90}?\b(?:show|shows|showed|showing|depict\w*)\b",
    re.IGNORECASE,
)
_MEDIA_GATE = re.compile(r"photo|video|footage|image|picture")
_DEMONSTRATION_GATE = ("protest", "demonstrat", "rall", "march", "sit-in", "general strike")  # substrings: cheaper than a regex
_DEMONSTRATION = re.compile(
    r"\b(?:protest(?:s|ed|ing|ers?|ors?)?|demonstrat(?:ion|ions|ed|ing|ors?)|rall(?:y|ies|ied)|marched|marches|sit-ins?|general strike)\b",
    re.IGNORECASE,
)
# Demonstrators acting: a protest held, not one only named ("the Security Council discussed the protests").
_PROTEST_HELD = re.compile(
    r"\b(?:protesters|protestors|demonstrators|marchers|protested|demonstrated|marched|rallied|(?:staged|held|organi[sz]ed)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:protests?|demonstrations?|rall(?:y|ies)|march(?:es)?|sit-ins?|vigils?))\b",
    re.IGNORECASE,
)
_MONITOR_SPAN = 40  # characters before "across Syria" where "which tracks violence" would stand


@lru_cache(maxsize=1)
def _habitual() -> re.Pattern[str]:
    return _words(cues()["habitual_markers"])


_DONE_ON_THE_GROUND = ("Agreement", "Other")


def _agreement_made(text: str) -> bool:
    """"Kerry and Lavrov said a ceasefire would begin Monday", "agreed to a 72-hour ceasefire, the US State Department
    announced": an agreement is diplomacy's own event - the diplomats who made or announced it do not make the
    sentence a discussion from afar (a habit still does); nor do the inspectors a force blocked ("it then blocked
    the U.N. inspectors"): a verb frame says what was done."""
    return not _habitual().search(text) and any(kind in _DONE_ON_THE_GROUND for *_, kind in find_frames(text))


def is_general(text: str) -> bool:
    """"fighting continues in many areas", "bombardment on rebel-held areas across Syria", "Idlib is
    regularly bombed", "told the UN Security Council", "I heard an explosion": no one event.

    "the Observatory, which tracks violence across Syria" only describes the monitor."""
    markers, monitor, habitual, testimony, habitual_no_demands = _scope()
    lower = text.lower()
    # Demonstrators demand and condemn ("protested ... calling for the pullout"), and protests are
    # staged "across the country": for a demonstration these words tell what it was about and how
    # wide it was, not that the sentence discusses events from afar.
    protest = holds_any(lower, _DEMONSTRATION_GATE) and _DEMONSTRATION.search(text) is not None
    # Substring tests first: far cheaper than the word-bounded alternation, and most sentences have none.
    # A demonstration the sentence says was held ("the protesters marched to the offices of the United Nations to call
    # for ... the Security Council's resolution", "In Lebanon some 200 Kurds staged a demonstration in Beirut") is that
    # day's event wherever it was and whomever it addressed: the diplomats it appeals to and the country it is in do
    # not make the sentence a discussion from afar (habits still do).
    held = protest and _PROTEST_HELD.search(text) is not None
    if _may_have_marker(lower) and (_habitual() if held else habitual_no_demands if protest else habitual).search(text) \
            and not _agreement_made(text):
        return True
    if testimony.search(text) or (_ABROAD.match(text) and not held):
        return True
    if _MEDIA_GATE.search(lower) and _MEDIA.search(text):
        return True
    if protest or not may_hold(text, _general_phrases()):
        return False
    return any(
        not monitor.search(text, max(0, m.start() - _MONITOR_SPAN), m.start()) for m in markers.finditer(text)
    )


@lru_cache(maxsize=1)
def _general_phrases() -> tuple[str, ...]:
    return tuple(m.lower() for m in cues()["general_scope_markers"])


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
_ENDS_WITH_DATE = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})\s*,?\s+(?:19|20)\d\d\s*[.)\]]*\s*$"
)


@lru_cache(maxsize=1)
def _caption_verbs() -> re.Pattern[str]:
    words = sorted(cues()["caption_verbs"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b")


def _ends_with_year(text: str) -> bool:
    """What _ENDS_WITH_DATE needs at the end ("... 2016", "... 2016)."): a test of the last characters, where the
    end-anchored search tries every position of the sentence (about 30 times slower)."""
    tail = text.rstrip().rstrip(".)]").rstrip()
    return tail[-4:-2] in ("19", "20") and tail[-2:].isdigit()


def is_photo_caption(text: str) -> bool:
    """A photo caption written into the body: a scene told in the present tense that ends with the photo's full
    date ("A man whose son was killed reacts at a site hit by an airstrike in ... Idlib province Syria June 12 2016").
    A report is told in the past ("the town fell to IS on 22 May 2015")."""
    return _ends_with_year(text) and _ENDS_WITH_DATE.search(text) is not None and _caption_verbs().search(text) is not None


def _is_title_line(line: str, title: str) -> bool:
    """The line is the article's title, or ends with it (a date or a place before it)."""
    title = " ".join(title.split()).rstrip(".").lower()
    line = " ".join(line.split()).rstrip(".").lower()
    return len(title.split()) >= 3 and line.endswith(title) and len(line) - len(title) <= 40


@lru_cache(maxsize=1)
def _caption_markers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The caption markers without a bracket, and those with one ("[getty]", "(afp)"): most of them, looked for
    only in the few sentences that have a bracket at all."""
    _, caption, *_ = _markers()
    bracketed = tuple(m for m in caption if "[" in m or "(" in m)
    return tuple(m for m in caption if m not in bracketed), bracketed


# An agency's photo credit at the start of a sentence: "(AFP)", "(Reuters)", "[Getty]".
_LEADING_CREDITS = re.compile(
    r"\s*(?:[(\[](?:afp|reuters|ap|getty(?: images)?|epa|anadolu(?: agency)?|sana)[)\]]\s*)+", re.IGNORECASE)
_CREDITED_MIN_WORDS = 8


_SUBHEAD_LINE = re.compile(r"\s*[-–—]\s+[^-–—.!?\n]{2,100}?\s+[-–—]\s*$")


def sentence_kind(text: str, *, line: str = "", title: str = "", lines: int = 2) -> str:
    """Classify a sentence; ``line`` is the whole line it stands on, ``lines`` how many the article has."""
    credits = _LEADING_CREDITS.match(text)
    if credits and len(text[credits.end():].split()) >= _CREDITED_MIN_WORDS:
        # "(AFP) (AFP) Russian air strikes killed at least 14 civilians ...": the agency credit that closed the photo
        # caption before, glued to the next sentence - which is the body's, told on its own.
        text = text[credits.end():]
        line = line.replace(credits.group(0).strip(), "", 1) if line else line
    lower = text.strip().lower()
    skip, *_ = _markers()
    if lower.startswith(skip) or is_furniture(text):
        return SKIP
    plain, bracketed = _caption_markers()
    if holds_any(lower, plain) or (("[" in lower or "(" in lower) and holds_any(lower, bracketed)) \
            or is_photo_caption(text):
        return CAPTION
    if _SUBHEAD_LINE.match(text):
        return HEADLINE  # "- Troops kill 10 children -": a subhead between dashes (components._SUBHEAD)
    if line and not text.rstrip().endswith(_END_PUNCT) and len(text.split()) <= HEADLINE_MAX_WORDS \
            and (at := line.find(text)) >= 0 and GLUED_OPENER_AFTER.match(line, at + len(text)):
        return HEADLINE  # "Another evacuation deal in Damascus Meanwhile in Damascus ...": a subhead that lost its line break
    stripped = (line or text).strip()
    # A line without final punctuation is a headline; a title that is a full sentence
    # (one-line articles, ACLED notes) still reports its event.
    if lines > 1 and stripped and not stripped.endswith(_END_PUNCT) and len(stripped.split()) <= HEADLINE_MAX_WORDS:
        return HEADLINE
    if lines > 1 and title and _is_title_line(stripped, title):
        # "6 September 2016 10 civilians killed 15 injured in terrorist rocket attacks on Aleppo and Deir Ezzor.": the
        # page's title (after its date) heads the text even with a full stop - a summary of what the body tells.
        return HEADLINE
    if is_background(text) or is_general(text):
        return BACKGROUND
    return BODY


def _by_sentence(items, starts: list[int], key) -> dict[int, list]:
    """Group spans (or mentions) by the index of the sentence they start in."""
    out: dict[int, list] = {}
    for item in items:
        out.setdefault(bisect.bisect_right(starts, key(item)) - 1, []).append(item)
    return out


def _line_of(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : line_end if line_end >= 0 else len(text)]


# Force words that name whoever is written just before them: "HTS security forces", "QSD police", "the SNA's
# military police" are that group's, not the Syrian state's.
_GENERIC_FORCES = frozenset(
    ("police", "police forces", "security forces", "security", "military police", "forces", "army", "troops",
     "soldiers", "gunmen", "fighters", "intelligence", "security services", "security service",
     # state media's epithet after a named group: "ISIS terrorists", "al-Nusra terrorist organization"
     "terrorists", "terrorist", "terrorist group", "terrorist groups", "terrorist organization", "terrorist organizations",
     "terrorist organisations", "takfiri terrorists")
)
_OWNER_GAP = re.compile(r"^(?:\s*['’]s)?\s+$")


_FORCE_NOUNS = r"(?:forces?|militias?|militiamen|fighters|troops|gunmen|units|army|soldiers)"
_FORCE_AFTER = re.compile(rf"\s+{_FORCE_NOUNS}\b", re.IGNORECASE)  # "pro-Turkish forces"
_FORCE_WORD = re.compile(rf"{_FORCE_NOUNS}$", re.IGNORECASE)  # the alias ends with one: "government forces"
_OPERATION_AFTER = re.compile(r"\s+(?:raids?|operations?|campaigns?|offensives?|strikes?|airstrikes?|coalition|fight|war|battle)\b", re.IGNORECASE)


def _allegiance(text: str, start: int, end: int, actor) -> bool:  # noqa: ANN001 - a lexicon Actor or None
    """"pro-opposition television", "anti-IS", "a pro-Turkey rebel faction": an allegiance written on something else,
    not the actor named. "pro-government forces", "pro-regime militias" are the state's side (ACLED's pro-government
    forces), and a force noun written after the name makes it the force ("pro-Turkish forces")."""
    found = ALLEGIANCE_BEFORE.search(text, max(0, start - 5), start)
    if found is None:
        return False
    if found.group(0).lower().startswith("pro") and actor is not None and actor.government_side:
        return False
    if _OPERATION_AFTER.match(text, end):
        return False  # "an anti-IS raid", "the anti-ISIS coalition": whom the operation is against is named
    return not (_FORCE_WORD.search(text[start:end]) or _FORCE_AFTER.match(text, end))


def _owned(text: str, mentions: tuple[ActorMention, ...]) -> tuple[ActorMention, ...]:
    """Drop a generic force word that belongs to the actor named right before it."""
    kept: list[ActorMention] = []
    for mention in mentions:
        if kept and mention.text.lower() in _GENERIC_FORCES and _OWNER_GAP.match(text[kept[-1].end : mention.start]) \
                and kept[-1].actor.key != mention.actor.key:
            continue
        kept.append(mention)
    return tuple(kept)


def read_sentences(doc: Doc, *, title: str = "") -> list[SentenceFacts]:
    """One SentenceFacts per non-blank sentence of a processed doc."""
    text = doc_text(doc)
    lexicon = actors()
    out: list[SentenceFacts] = []
    bounds = sentence_bounds(doc)
    starts = [s for s, _ in bounds]
    span_start = lambda s: s.start  # noqa: E731
    places = _by_sentence(found(doc, "PLACE"), starts, span_start)
    actor_spans = _by_sentence(found(doc, "ACTOR"), starts, span_start)
    trigger_spans = _by_sentence(found(doc, "TRIGGER"), starts, span_start)
    dates = _by_sentence(doc.user_data.get("dates", []), starts, lambda m: m.start)
    deaths = _by_sentence(doc.user_data.get("fatalities", []), starts, lambda m: m.start)
    lines = sum(1 for line in text.splitlines() if line.strip())
    for i, (start, end) in enumerate(bounds):
        body = text[start:end]
        kind = sentence_kind(body, line=_line_of(text, start, end), title=title, lines=lines)
        # "Tags Syria Damascus bombing suicide attack police Three suicide bombers blew ...": the tag words glued
        # before the sentence are keywords, not a report; nothing in them makes an event.
        opens = start + tagged_prefix(body)
        found_places = []
        for span in places.get(i, []):
            prefix = text[max(start, span.start - 100) : span.start]
            suffix = text[span.end : min(end, span.end + 60)]
            if span.label == "country":
                role = placecues.PlaceRole(placecues.ADMIN, 3)
            elif span.start == start and _DATELINE.match(suffix):
                role = placecues.PlaceRole(placecues.ORG, 3)  # "Damascus, Syria (AFP) -": where the reporter was
            else:
                role = placecues.classify(prefix, suffix, name=text[span.start : span.end])
            found_places.append(PlaceMention(span.start, span.end, text[span.start : span.end], span.label, role))
        out.append(
            SentenceFacts(
                index=len(out),
                start=start,
                end=end,
                text=body,
                kind=kind,
                places=tuple(found_places),
                actors=_owned(text, tuple(
                    ActorMention(s.start, s.end, text[s.start : s.end],
                                 named_group(text[s.start : s.end]) if s.label == NAMED_GROUP else lexicon[s.label])
                    for s in actor_spans.get(i, [])
                    if not _allegiance(text, s.start, s.end, lexicon.get(s.label))
                )),
                triggers=tuple(
                    TriggerMention(s.start, s.end, text[s.start : s.end], *reversed(s.label.split(":", 1)))
                    for s in trigger_spans.get(i, []) if s.start >= opens
                ),
                dates=tuple(dates.get(i, [])),
                fatalities=tuple(deaths.get(i, [])),
            )
        )
    return out
