"""Fatality counts in a sentence: digits, number words, "at least", ranges.

"several"/"dozens" are unquantified: the words are kept and the count is left
to the caller's setting (ACLED codes 3 for a limited event, 10 for a major
one).  Numbers that belong to the wounded ("5 wounded") are not deaths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extraction.lexicon import first_letters, numbers, word_alternation
from extraction.placecues import is_english_word


@dataclass(frozen=True, slots=True)
class FatalityMention:
    """A statement about deaths: a count, a range, a vague quantity or none."""

    start: int
    end: int
    text: str
    low: int | None
    high: int | None
    vague: str = ""  # "several", "dozens": count unknown
    major: bool = False  # the vague word suggests many (dozens, scores)

    def shifted(self, offset: int) -> "FatalityMention":
        """The same mention with offsets moved (a sentence's into the article's)."""
        return FatalityMention(self.start + offset, self.end + offset, self.text, self.low, self.high, self.vague, self.major)

    @property
    def best(self) -> int | None:
        """ACLED's conservative figure: the low end."""
        return self.low


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _grouped(words) -> str:
    """``(?:{_alternation(words)})`` grouped by first letter (lexicon.word_alternation: the same matches, the engine
    tries one group where a letter stands instead of every word)."""
    return word_alternation(sorted(words, key=len, reverse=True))


# The fighters a state's media says it "destroyed" or "eliminated" (the people, not their vehicles or positions); also
# read by components.event_sentences to keep such sentences for the toll finder.
FIGHTERS = r"(?:terrorists|militants|fighters|gunmen|insurgents|jihadists|mercenaries|extremists)"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = numbers()
    units = {k: v for k, v in data["units"].items() if k not in ("a", "an", "no", "none", "both", "single", "pair", "couple", "a couple of")}
    word = rf"{_grouped(units)}(?:[- ]{_grouped(units)})?(?: (?:{_alternation(data['scales'])}))?"
    # "1.5 thousand", "2 million": digits with a scale word; "12,000"; "twenty-two"
    # A digit run that goes on as an exponent ("10^400", "1e9") or a decimal is no head count of its own.
    num = rf"(?:\d+(?:\.\d+)?\s+(?:{_alternation(data['scales'])})\b|\d{{1,3}}(?:,\d{{3}})+(?![\^.]?\d)|\d+(?![\^]|[eE]\d|\.\d)|{word})"
    # Where a count can start (a digit, a number word's first letter): the engine tests it before the alternatives.
    num_start = rf"(?=[\d{''.join(sorted({w[0] for w in units}))}])"
    qual = rf"(?:(?:{_alternation(data['at_least'] + data['about'])}) )?"
    rng = rf"(?:between )?{qual}(?P<n>{num})(?:\s*(?:-|–|to|or)\s*(?P<n2>{num}))?"
    vague = _grouped(data["vague_minor"] + data["vague_major"])
    death = r"(?:killed|dead|died|deaths?|fatalit(?:y|ies)|lost (?:their|his|her) lives?|perished|slain|were executed|was executed|executed|beheaded|crucified|decapitated|hanged|tortured to death|to death|bodies|massacred|martyred|lives)"
    # Words between a count and "killed": no other number among them ("31 Oct 2017 At least seven ... killed").
    victim_short = rf"(?:(?!\d|(?:{_grouped(units)}|{_DISTANCE})\b)[\w'’-]+ ){{0,5}}?"
    # A longer noun phrase ("2 members of the regime's Air Force Intelligence were killed") may not
    # cross a clause: no verb or conjunction in it ("12 houses were destroyed and a man was killed").
    # "members of regime forces and pro-regime militias": one "and" joining two forces' names is inside the phrase.
    long_word = rf"(?:(?!\d|(?:{_grouped(units)}|{_CLAUSE_WORDS})\b)[\w'’-]+ )"
    victim_long = rf"(?:{long_word}{{3,8}}and {long_word}{{1,3}}?|{long_word}{{6,9}}?)"
    victim = rf"(?:{victim_short}|{victim_long})"
    # One group of victims in a list ("4 regime fighters and 2 rebel fighters"): no number, no hurt word.
    # ("6 civilians including a woman and two children": a part of the 6 follows "including", not a second group)
    # One person named, and a kinsman after him ("a man and his wife"): what the pair patterns count one by one.
    person = r"man|woman|child|boy|girl|civilian|fighter|soldier|member|officer"
    kin = r"(?:his|her)\s+(?:wife|husband|son|daughter|brother|sister|father|mother|child)"
    group = r"(?:(?!\d|wounded\b|injured\b|wounding\b|injuring\b|were\b|was\b|killed\b|including\b|among\b)[\w'’-]+ ){1,6}?"
    return {
        # Matched only where a number starts (see _NUMBER_START), with .match: much cheaper than searching.
        "before": re.compile(
            rf"(?P<n>{num})(?:\s*(?:-|–|to|or)\s*(?P<n2>{num}))?\s+{victim}(?:(?:were|was|have been|has been|had been|are|is|got|reportedly|being|been) )*(?:shot |and |later |also |subsequently )*{death}\b",
            re.IGNORECASE,
        ),
        "after": re.compile(
            rf"\b(?:(?:the )?killing(?: of)?|killed|kills?|claimed the lives of|claiming the lives of|the deaths? of|the bodies of|leaving|left|executed|executing|beheaded|beheading|crucified|crucifying|massacred|shot dead|assassinated|assassinating|death toll (?:rose |climbed )?to)\s+(?:(?:and (?:wounded|injured|wounding|injuring)|at least|a total of) )?{rng}\b(?!\s*(?:km|kilomet|mile|percent|%|wounded|injured|(?:(?!and\b)\w+\s+)?(?:(?:wounded|injured|hurt)\b(?!\s+{qual}{num})|missing|homeless|displaced|stranded|trapped)))",
            re.IGNORECASE,
        ),
        # "The military forces destroyed over 60 terrorists", "eliminated 15 militants": fighters "destroyed" or
        # "eliminated" (the state media's words) were killed - people, never the vehicles or positions destroyed.
        "fighters_destroyed": re.compile(
            rf"\b(?:destroyed|destroying|eliminated|eliminating|neutrali[sz]ed|neutrali[sz]ing)\s+{rng}\s+(?:[\w'’-]+\s+){{0,2}}?"
            rf"{FIGHTERS}\b",
            re.IGNORECASE,
        ),
        # "17 people including two children were killed": the total, not the part after "including".
        "including": re.compile(
            # (no number between: "22 Jul 2015 At least 12 civilians including ..." counts the 12, not the day)
            rf"(?P<n>{num})\s+(?:(?!\d)[\w'’-]+\s+){{0,6}}?(?:(?!\d)[\w'’-]+,\s+)?(?:including|among them|among whom)\s+[^.;]{{0,80}}?\b(?:were|was|have been|had been)\s+(?:\w+\s+)?{death}\b",
            re.IGNORECASE,
        ),
        # Tolls of several groups added up, as ACLED codes them: "killing 8 IS and 2 QSD fighters",
        # "4 regime fighters and 2 rebels were killed".
        "sum_after": re.compile(
            rf"\b(?:(?:the )?killing(?: of)?|killed|kills?|the deaths? of|left|leaving)\s+(?:at least |a total of )?(?P<n>{num})\s+{group}(?:and|as well as)\s+(?:at least )?(?P<n2>{num})\s+{group}",
            re.IGNORECASE,
        ),
        "sum_before": re.compile(
            rf"(?P<n>{num})\s+{group}(?:and|as well as)\s+(?:at least )?(?P<n2>{num})\s+{group}(?:(?:were|have been|had been|reportedly) )*(?:killed|dead|died)\b",
            re.IGNORECASE,
        ),
        "between": re.compile(
            rf"(?=b)\bbetween (?P<n>{num}) (?:and|to) (?P<n2>{num}) (?:{victim})(?:(?:were|was|have been|had been|reportedly) )*{death}\b", re.IGNORECASE
        ),
        "single": re.compile(
            r"\b(?:killing|killed|executed|executing|shot dead|assassinated|assassinating|the death of|the killing of"
            r"|claim(?:ed|ing|s)? the li(?:fe|ves) of)\s+(?:a|an|one)\s+(?!number\b|few\b|unknown\b|unspecified\b|total\b|dozen\b|large\b)[\w'’-]+"
            r"|\b(?:his|her) (?:immediate |instant )?death\b"
            r"|\b(?:left|leaving)\s+(?:a|an|one)\s+(?:[\w'’-]+\s+){0,4}?dead\b",
            re.IGNORECASE,
        ),
        # one person as subject: "a member of the Free Syrian Army (JSH) was killed", "a man from Harasta died",
        # "one of the fighters ... was killed", "a man's body was found" (run only where _SINGULAR_GATE finds the verb)
        "single_subject": re.compile(
            rf"\b(?:a|an|one|the)\s+(?!number\b|few\b|unknown\b|unspecified\b|total\b|dozen\b|large\b)(?:(?!(?:{_CLAUSE_WORDS})\b)[\w'’()-]+ ){{0,6}}?(?:(?:was|has been|had been) (?:shot |shot and |reportedly |reported |later |also |found (?:[a-z]+ )?(?:and )?)*(?:killed|executed|shot dead|assassinated)|(?:was|has been|had been) found dead|(?:later |reportedly )?(?:died|succumbed))\b"
            r"|\bone of (?:[\w'’-]+ ){1,7}?(?:was|has been|had been) (?:shot |shot and |reportedly |reported |later )*(?:killed|executed|shot dead|assassinated)\b"
            # a person named by a singular title, no article: "HTS sharia judge 'Lili Hassan al-Lili' was assassinated"
            rf"|\b(?:commander|leader|judge|official|officer|sheikh|mukhtar|activist|journalist|doctor|spokesman|head|chief|emir|amir)\b(?: (?!(?:{_CLAUSE_WORDS})\b)[\w'’()-]+){{0,4}}? (?:was|has been|had been) (?:shot |shot and |reportedly |reported |later )*(?:killed|executed|shot dead|assassinated)\b"
            # "He died two days later from his wounds", "She succumbed to her injuries": a pronoun dying
            r"|\b(?:he|she) (?:later |reportedly |subsequently )?(?:died|succumbed)\b"
            # "One person was injured by shelling and later died": one hurt who died after
            rf"|\b(?:a|an|one)\s+(?:(?!(?:{_CLAUSE_WORDS})\b)[\w'’()-]+ ){{0,4}}?(?:was|had been) (?:seriously |critically |badly )?(?:wounded|injured)\b[^.;]{{0,60}}?\band (?:later |subsequently )?(?:died|succumbed)\b"
            rf"|\b(?:a|an|one|the)\s+(?:[\w'’-]+ ){{0,3}}?body (?:of (?:(?!(?:{_CLAUSE_WORDS})\b)[\w'’,-]+ ){{1,8}}?)?(?:was|has been|had been) (?:\w+ )?(?:found|discovered|recovered)\b",
            re.IGNORECASE,
        ),
        # "A man and a child were killed": two people, each told as one.
        # "killing a man and a woman", "claiming the lives of a man and a woman": two people named one by one
        "two_objects": re.compile(
            rf"\b(?:killing|killed|claim(?:ed|ing|s)? the lives of)\s+(?:a|an|one)\s+(?:[\w'’-]+ ){{0,2}}?(?:{person}|person)"
            rf",?\s+(?:and|as well as)\s+(?:(?:a|an|one)\s+(?:[\w'’-]+ ){{0,2}}?(?:{person}|person)|{kin})\b",
            re.IGNORECASE,
        ),
        "two_singles": re.compile(
            rf"\b(?:a|an|one)\s+(?:[\w'’-]+ ){{0,2}}?(?:{person}|commander|person)"
            rf",?\s+(?:and|as well as)\s+(?:(?:a|an|one)\s+(?:[\w'’-]+ ){{0,2}}?(?:{person}|commander|person)|{kin})"
            r",?\s+(?:(?:were|have been|had been)\s+(?:shot |reportedly |later )*(?:killed|executed|shot dead)|(?:later )?(?:died|succumbed))\b",
            re.IGNORECASE,
        ),
        # "killing the HTS fighter", "which killed him": one person as object (the noun decides: not plural).
        "one_object": re.compile(
            r"\b(?:(?:the )?killing(?: of)?|killed|shot dead|assassinated|assassinating)\s+(?P<noun>him|her|the (?:(?!(?:in|on|at|and|of|near|who|while|with|from)\b)[\w'’-]+ ){0,2}(?!number\b|majority\b|rest\b|remaining\b)[a-z][\w'’-]*)"
            r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|on|at|and|near|who|while|during|after|with|from|inside|outside)\b)",
            re.IGNORECASE,
        ),
        # "opened fire and killed Abdellhaleq Wahbe": one person named as the object (a name of two to four
        # capitalised words, the last not a plural: "killed Free Syrian Army fighters" is no single death).
        "named_object": re.compile(
            r"\b(?:killed|shot dead|assassinated|assassinating|executed|executing)\s+(?P<noun>[A-Z][a-z][\w'’-]*(?:\s+(?:(?:al|el|bin|ibn|abu|Abu|Abd|Abdel)[- ])?[A-Z][a-z][\w'’-]*){1,3})"
            r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|on|at|and|near|who|while|during|after|with|from|inside|outside)\b)",
        ),
        "vague": re.compile(
            rf"\b(?:killing|killed|kills|left|leaving|wounded)?(?: and (?:wounded|injured|wounding|injuring))?\s*(?P<v>{vague})\s+(?:of\s+)?(?:[\w'’-]+ ){{0,5}}?(?:(?:were|was|have been|had been) )?(?:(?:reported|confirmed) )?(?:killed|dead|died|deaths|casualties|fatalities)\b"
            rf"|\b(?:killing|killed|kills?|killed and wounded|killing and wounding|killed and injured|killing and injuring|(?:the )?killing and (?:injury|wounding) of)\s+(?:of )?(?P<v2>{vague})\b",
            re.IGNORECASE,
        ),
        # Deaths said to have happened, no number: "casualties were reported on both sides",
        # "which resulted in YPG fatalities", "human losses were reported".
        "unnumbered": re.compile(
            r"\b(?:casualties|causalities|fatalities|deaths|human losses|losses)\s+(?:\w+\s+){0,4}?(?:were\s+|have been\s+|had been\s+)?(?:reported|recorded|confirmed|inflicted|assumed)\b"
            r"|\b(?:resulted in|resulting in|leading to|led to|causing|caused|inflicting|inflicted|with)\s+(?:[\w'’-]+\s+){0,3}?(?:fatalities|casualties|causalities|deaths|human losses)\b(?!\s+(?:of|among)\s+\d)"
            # "There were unknown fatalities on both sides", "unspecified casualties"
            r"|\b(?:unknown|unspecified|undetermined)\s+(?:fatalities|casualties|deaths)\b",
            re.IGNORECASE,
        ),
        "none": re.compile(rf"\b{first_letters(data['no_fatalities'])}(?:{_alternation(data['no_fatalities'])})\b", re.IGNORECASE),
        "number": re.compile(rf"\b{num_start}{num}\b", re.IGNORECASE),
        # The same without IGNORECASE, for an ASCII text's lower case (same matches at the same offsets, found faster).
        "number_lower": re.compile(rf"\b{num_start}{num}\b"),
        "wounded_number": re.compile(rf"(?P<n>{num})\s+(?:(?!\d|killed\b|dead\b|died\b)[\w'’-]+ ){{0,3}}?(?:(?:were|was|others) )?(?:wounded|injured)\b", re.IGNORECASE),
    }


# Patterns that read capitals ("named_object": a name written with them) run on the text as written only.
_CASED = frozenset({"named_object"})


@lru_cache(maxsize=1)
def _lower_patterns() -> dict[str, re.Pattern[str]]:
    """_patterns without case folding, for an ASCII text's lower case: every letter they hold is lower case (their
    classes hold both cases or none), so they find the same matches at the same offsets there, without the engine
    folding each character it compares.  The patterns in _CASED are left as they are."""
    return {key: pattern if key in _CASED else re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
            for key, pattern in _patterns().items()}


_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")  # "12,000", "45"
_SCALED = re.compile(r"(\d+(?:\.\d+)?)\s+(\w+)")  # "1.5 thousand"
_NUMBER_PARTS = re.compile(r"[\s-]+")  # between the words of "twenty-two", "two hundred"
_YEAR = re.compile(r"(?:19|20)\d\d")


def parse_number(text: str) -> int | None:
    """Digits with thousands separators or English number words ("twenty-two", "two hundred")."""
    text = text.strip().lower()
    if _DIGITS.fullmatch(text):
        return int(text.replace(",", ""))
    scaled = _SCALED.fullmatch(text)
    if scaled and scaled.group(2) in numbers()["scales"]:
        return int(round(float(scaled.group(1)) * numbers()["scales"][scaled.group(2)]))
    units = numbers()["units"]
    scales = numbers()["scales"]
    total = 0
    for part in _NUMBER_PARTS.split(text):
        if part in units:
            total += units[part]
        elif part in scales:
            total = max(total, 1) * scales[part]
        else:
            return None
    return total


# Words (lower case) one of which every match of these patterns holds: an ASCII text without any is not searched.
_NEEDED_WORDS = {"including": ("including", "among"), "between": ("between",)}
_PLURAL = re.compile(r"(?:[^s'’]s|people|men|women|children|police|personnel|troops|forces|militia|crew)$", re.IGNORECASE)
# Where the verb-initial patterns ("after", "sum_after", "single", "one_object") can start.
_VERB_START = re.compile(
    r"(?=[abcdehklmst])"  # the letters a match can begin with: the engine tries the rest only there
    r"\b(?:the\s+(?=kill|death|bodies)|kill|claim|leav|left|execut|behead|crucif|massac|shot|assassin|death|his\b|her\b)",
    re.IGNORECASE,
)
_PART_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)\s*[-–—,]?\s*$", re.IGNORECASE)
# (The lookaheads, the letters a match can begin with: the engine tries the rest only there.)
_SINGULAR_GATE = re.compile(r"(?=[dhsw])(?:\b(?:was|has been|had been)\b|\bdied\b|\bsuccumbed\b)", re.IGNORECASE)
_PAIR_GATE = re.compile(r"(?=a)\b(?:and|as well as)\s+(?:a|an|one|his|her)\b", re.IGNORECASE)
_UNNUMBERED_WORDS = ("casualt", "causalit", "fatalit", "deaths", "losses")
_UNNUMBERED_GATE = re.compile("|".join(_UNNUMBERED_WORDS), re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:no|neither|nor|not|without)\b[^.;]{0,60}$", re.IGNORECASE)
_DISTANCE = r"km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?"
_CLAUSE_WORDS = r"km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|percent|was|were|is|are|and|or|but|while|after|when|which|who|that|had|has|have|as|in|on|by|killed|wounded|injured"

_ANCHOR_WORDS = (
    "kill", "dead", "died", "death", "fatalit", "casualt", "causalit", "lives", "perished", "slain", "execut", "behead", "crucif",
    "hanged", "bodies", "body", "massacre", "martyr", "assassinat", "shot", "losses", "succumb", "life of",
)
_ANCHOR = re.compile(rf"\b{first_letters(_ANCHOR_WORDS)}(?:{'|'.join(_ANCHOR_WORDS)})", re.IGNORECASE)
_HURT = re.compile(r"wounded|injured", re.IGNORECASE)
# _ANCHOR and _VERB_START without IGNORECASE, for an ASCII text's lower case (same matches at the same offsets, faster).
_ANCHOR_LOWER = re.compile(_ANCHOR.pattern)
_VERB_START_LOWER = re.compile(_VERB_START.pattern)
_BEFORE, _AFTER = 110, 70  # characters around a death word that a count can stand in


@lru_cache(maxsize=1)
def _vague_needles() -> tuple[str, ...]:
    """Words one of which every "vague" match holds (its vague quantity, lower case), those that hold another left
    out ("dozens of" holds "dozens")."""
    data = numbers()
    words = {w.lower() for w in data["vague_minor"] + data["vague_major"]}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def _finds_any(lower: str, needles: tuple[str, ...], start: int, end: int) -> bool:
    """One of ``needles`` stands whole in ``lower[start:end]`` (found in place: no slice copied, no generator)."""
    for needle in needles:
        if lower.find(needle, start, end) >= 0:
            return True
    return False


def _windows(text: str, lower: str | None = None) -> list[tuple[int, int]]:
    """Stretches of text around death words (merged); the patterns run only there. ``lower``: the text's lower
    case when the text is ASCII (searched without case folding)."""
    out: list[tuple[int, int]] = []
    for match in _ANCHOR_LOWER.finditer(lower) if lower is not None else _ANCHOR.finditer(text):
        start, end = max(0, match.start() - _BEFORE), min(len(text), match.end() + _AFTER)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


_DATE_YEAR = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?|(?:in|since|during|until)\s+)$",
    re.IGNORECASE,
)


_IN_DATE = re.compile(r"[-/.](?:\d{1,2}[-/.]\d{2,4}|(?:19|20)\d\d)\b")  # "23-04-2016": a part of a written date, no count
_IN_DATE_BEFORE = re.compile(r"\d[-/.]$")
_AND_HURT = re.compile(r"\s+and\s+(?:wounded|injured)\b", re.IGNORECASE)
_VAGUE_BEFORE = re.compile(r"\b(?:several|many|few)\s+$", re.IGNORECASE)
_CLOCK = re.compile(r"\s*(?:am|pm|a\.m\.?|p\.m\.?|GMT|UTC)\b", re.IGNORECASE)  # "at around 330 am": a time (colon stripped)
_AGE = re.compile(r"[- ]?(?:years?|months?)[- ]old\b", re.IGNORECASE)


def _is_date_year(text: str, start: int, end: int) -> bool:
    """"21 Jul 2016 Dozens ... killed", "in 2016 fighters were killed": a year after a month or "in" is a date, not a toll."""
    return bool(_YEAR.fullmatch(text, start, end)) and bool(_DATE_YEAR.search(text, max(0, start - 16), start))


def _common_word(word: str) -> bool:
    """"killed At Khan Sheikhun", "killed Three": a capitalised function word or number (headline case), no name."""
    return is_english_word(word) or word.lower() in numbers()["units"]


# A count told with its own place ("45 civilians in Saraqib and 22 in ..."; "in and around Aleppo"): places' tolls.
_PER_PLACE = re.compile(r"\b(?:in|at|near)\s+(?:and\s+around\s+)?(?:the\s+)?(?:(?:town|village|city|neighbou?rhood|district|area)\s+of\s+)?"
                        r"(?:al-|el-|as-|ad-|ar-|ash-)?[A-Z]")


def find_fatalities(text: str) -> list[FatalityMention]:
    """Every statement about deaths in ``text``, in text order, overlaps removed."""
    pats = _patterns()
    data = numbers()
    found: list[FatalityMention] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], low: int | None, high: int | None, vague: str = "", major: bool = False) -> None:
        add_span(*match.span(), low, high, vague, major)

    def add_span(start: int, end: int, low: int | None, high: int | None, vague: str = "", major: bool = False) -> None:
        if any(start < b and a < end for a, b in taken):
            return
        taken.append((start, end))
        found.append(FatalityMention(start, end, text[start:end], low, high, vague, major))

    folded = text.lower()
    # An ASCII text's lower case, where ``in`` finds a word as the case-blind patterns would (None otherwise).
    lower = folded if text.isascii() else None
    # The string the patterns run on: that lower case, without case folding (_lower_patterns), or the text itself. The
    # offsets are the text's either way, and the words read from a match's groups are lower-cased by their readers.
    scan, scanning = (lower, _lower_patterns()) if lower is not None else (text, pats)

    def on(key: str) -> tuple[re.Pattern[str], str]:
        """The pattern ``key`` and the string it runs on (a pattern in _CASED: the text as written)."""
        return (pats[key], text) if key in _CASED else (scanning[key], scan)

    if "destroy" in folded or "eliminat" in folded or "neutrali" in folded:  # (no death word needed: its own search)
        pattern, target = on("fighters_destroyed")
        for match in pattern.finditer(target):
            low = parse_number(match.group("n"))
            if low is not None:
                high = parse_number(match.group("n2")) if match.group("n2") else None
                add(match, low, high if high is not None and high >= low else low)
    windows = _windows(text, lower)
    if not windows:
        return sorted(found, key=lambda f: f.start)

    def matches(key: str):
        pattern, target = on(key)
        for start, end in windows:
            yield from pattern.finditer(target, start, end)

    # Where counts and verbs start: searched in the lower case of an ASCII text, without case folding.
    number, verb = (pats["number_lower"], _VERB_START_LOWER) if lower is not None else (pats["number"], _VERB_START)
    starts = [m.start() for start, end in windows for m in number.finditer(scan, start, end)]

    verb_starts = [m.start() for start, end in windows for m in verb.finditer(scan, start, end)]

    def at_verbs(key: str):
        """Patterns that begin with a verb of killing are tried only where one starts (cheaper than a search)."""
        pattern, target = on(key)
        for start in verb_starts:
            match = pattern.match(target, start)
            if match:
                yield match

    def gated(key: str, gate: re.Pattern[str], words: tuple[str, ...] = ()):
        """Costly patterns run only in windows where a cheap word search finds what they need (``words``: the
        literal words ``gate`` is made of, found with str.find in an ASCII text's lower case)."""
        pattern, target = on(key)
        for start, end in windows:
            if _finds_any(lower, words, start, end) if words and lower is not None else gate.search(text, start, end):
                yield from pattern.finditer(target, start, end)

    def holding(key: str, needles: tuple[str, ...]):
        """``matches(key)``, in the windows that hold one of ``needles`` only: the "vague" pattern, whose optional
        lead makes the engine try it at every character, costs several times more than these ``in`` tests."""
        pattern, target = on(key)
        for start, end in windows:
            if lower is None or _finds_any(lower, needles, start, end):
                yield from pattern.finditer(target, start, end)

    def at_numbers(key: str):
        pattern, target = on(key)
        for start in starts:
            match = pattern.match(target, start)
            if match:
                yield match

    hurt = ("wounded" in lower or "injured" in lower) if lower is not None else _HURT.search(text)
    wounded = [m.span("n") for m in at_numbers("wounded_number")] if hurt else []
    for match in matches("none"):
        add(match, 0, 0)
    for key in ("sum_after", "sum_before") if len(starts) >= 2 else ():
        for match in at_numbers(key) if key == "sum_before" else at_verbs(key):
            if match.span("n") in wounded or match.span("n2") in wounded or _is_date_year(text, *match.span("n")):
                continue
            if _PART_BEFORE.search(text, max(0, match.start() - 16), match.start()):
                continue  # "18 civilians including five children and two women": the parts of the 18, not a sum
            first, second = parse_number(match.group("n")), parse_number(match.group("n2"))
            if first is None or second is None:
                continue
            if _PER_PLACE.search(text, match.end("n"), match.start("n2")):
                # "killed 45 civilians in Saraqib and 22 in Maarat al-Numan": each count is its own place's, not a sum
                add_span(match.start(), match.start("n2"), first, first)
                add_span(match.start("n2"), match.end(), second, second)
            else:
                add(match, first + second, first + second)
    for key in ("including", "between", "after", "before"):
        if lower is not None and key in _NEEDED_WORDS and not _finds_any(lower, _NEEDED_WORDS[key], 0, len(lower)):
            continue
        for match in at_numbers(key) if key in ("before", "including") else at_verbs(key) if key == "after" else matches(key):
            if match.span("n") in wounded and key in ("before", "including"):
                continue
            if _is_date_year(text, *match.span("n")) or _AGE.match(text, match.end("n")) or _IN_DATE.match(text, match.end("n")) \
                    or _CLOCK.match(text, match.end("n")) \
                    or _IN_DATE_BEFORE.search(text, max(0, match.start("n") - 3), match.start("n")):
                continue  # "a 9 year old boy": an age, not a count; "23-04-2016 Child killed": a date
            if key == "before" and (_AND_HURT.match(text, match.end()) or _VAGUE_BEFORE.search(text, max(0, match.start() - 10), match.start())):
                continue  # "20 dead and wounded": casualties, not deaths; "several dozen dead": no count
            low = parse_number(match.group("n"))
            if low is None:
                continue
            high = parse_number(match.group("n2")) if match.groupdict().get("n2") else None
            if high is not None and high < low:
                high = None
            add(match, low, high if high is not None else low)
    for match in gated("two_singles", _PAIR_GATE):
        add(match, 2, 2)
    if _PAIR_GATE.search(text):
        for match in at_verbs("two_objects"):
            add(match, 2, 2)
    for match in at_verbs("single"):
        add(match, 1, 1)
    for match in gated("single_subject", _SINGULAR_GATE):
        add(match, 1, 1)
    for key in ("one_object", "named_object"):
        for match in at_verbs(key):
            noun = match.group("noun")
            if not _PLURAL.search(noun) and not (key == "named_object" and _common_word(noun.split()[0])):
                add(match, 1, 1)
    for match in holding("vague", _vague_needles()):
        word = (match.group("v") or match.group("v2") or "").lower()
        add(match, None, None, vague=word, major=word in data["vague_major"])
    for match in gated("unnumbered", _UNNUMBERED_GATE, _UNNUMBERED_WORDS):
        if not _NEGATED.search(text, max(0, match.start() - 40), match.end()):
            add(match, None, None, vague="unknown number")
    return sorted(found, key=lambda m: m.start)
