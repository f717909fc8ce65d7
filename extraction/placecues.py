"""Place names found by their cues, and the role each place plays in a sentence.

Recognition: capitalised names after "the town/village/city of", "in/near/at",
"northern ...", and before "province/countryside/...".  Roles decide which
place is the event's: "al-Latamina 39 kilometres northwest of Hama" happened
in al-Latamina (Hama is a reference point that gives distance and bearing);
"between the cities of Azaz and Marea" are reference points; "in the southern
province of Daraa" is administrative context.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from extraction.lexicon import cues, first_letters, holds_any
from gazetteer.variants import is_qualifier

EVENT, NEAR, ADMIN, REFERENCE, ORG = "event", "near", "admin", "reference", "org"
_IN_AND_AROUND = re.compile(r"\bin\s+and\s+around\s+(?:the\s+)?$", re.IGNORECASE)

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LETTERS = r"A-Za-z'’\u00C0-\u024F"
_WORD = rf"[A-Z][{_LETTERS}]*(?:-[{_LETTERS}]+)*"
_PARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az|ez|es|ed|er|et|ibn|bin|bani|abu|um|umm|de|du)"
# ("al- Rashidin", "Um al- Awsaj": SANA's feed sometimes leaves a space after the article's hyphen)
_NAME = rf"(?:{_PARTICLE}- ?)?{_WORD}(?:[ -](?:{_PARTICLE}(?:- ?| ))?{_WORD}){{0,3}}"
_NUM = r"(?P<dist>\d+(?:\.\d+)?)"


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# (The lookahead first, a capital or a particle's first letter: the engine tests the lookbehind only where a name can
# begin: a third less time.)
_CANDIDATE = re.compile(rf"(?=[A-Zabdeiu])(?<![\w'’-]){_NAME}")
_TAIL_WORDS = re.compile(r"[a-z'’-]+|,", re.IGNORECASE)
_TAIL_WORDS_LOWER = re.compile(r"[a-z'’-]+|,")  # the same words in a lower-cased ASCII text, without case folding


def _lower_words(text: str) -> list[str]:
    """``_TAIL_WORDS``' words of ``text``, lower-cased: an ASCII text is lower-cased first (the same words there, and
    the regex need not fold case)."""
    if text.isascii():
        return _TAIL_WORDS_LOWER.findall(text.lower())
    return [word.lower() for word in _TAIL_WORDS.findall(text)]


def _words_before(text: str, lower: str | None, at: int) -> list[str]:
    """``_lower_words`` of the 60 characters before ``at``; read in place in ``lower``, the lower case of an ASCII
    ``text`` (None for another text), without a slice lowered for each name."""
    if lower is not None:
        return _TAIL_WORDS_LOWER.findall(lower, max(0, at - 60), at)
    return _lower_words(text[max(0, at - 60) : at])


# A bare space between two capitalised runs: a list whose commas were stripped ("the towns of Anadan Khan
# Touman Alzorba Qibtan Aljabal Kafarnaha"; FA-KES and some feeds drop them). With commas in place such a
# gap only occurs where one long run was cut at the name length limit, so it continues the list too.
_LIST_SEP = re.compile(r"^(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+| )$")


@lru_cache(maxsize=1)
def _cue_tails() -> tuple[frozenset[str], frozenset[str], int]:
    """Word sequences that, right before a capitalised name, mark it as a place;
    words that right after it do.  Sets of strings: one lookup per candidate."""
    c = cues()
    preps = ["in", "near", "at", "into", "outside", "around", "towards", "toward", "from", "to"]
    tails: set[str] = set()
    for noun in c["place_nouns"]:
        for plural in (noun, noun + "s"):
            tails.update({f"{plural} of", f"{plural} of the"})
    # "targeted two villages Tokhar and Hoshariyeh", "the neighbourhoods Sukkari and Shaar": a plural settlement
    # word names the places that follow (a singular one does not: "entered the town Tuesday").
    tails.update({"villages", "towns", "neighbourhoods", "neighborhoods", "districts", "cities"})
    for prep in preps:
        tails.update({prep, f"{prep} the"})
    for verb in c["object_verbs"]:
        tails.add(verb)
        for noun in ("town", "village", "city", "area"):
            tails.add(f"{verb} the {noun} of")
    tails.update(c["directions"])
    for direction in c["directions"]:
        tails.update({f"{direction} of", f"{direction} of the"})
    after = frozenset(w.lower() for w in c["place_suffixes"])
    longest = max(len(t.split()) for t in tails)
    return frozenset(tails), after, longest


@lru_cache(maxsize=1)
def _tail_ends() -> frozenset[str]:
    """The last word of every cue before a name: the words before a name that ends no cue cannot be one."""
    return frozenset(tail.rsplit(" ", 1)[-1] for tail in _cue_tails()[0])


# A city's old quarter ("the Old City", "Aleppos Old City"): named as no neighbourhood of the tables is; the
# recogniser marks it (components), the locator places it at its city (geo).
OLD_QUARTER = r"Old\s+(?:City|Town)"


@lru_cache(maxsize=1)
def _stop_names() -> frozenset[str]:
    return frozenset(cues()["stop_names"])


@lru_cache(maxsize=1)
def _foreign() -> frozenset[str]:
    return frozenset(n.lower() for n in cues()["non_syrian_places"] + cues()["not_places"])


# "Islamist-controlled", "Turkish-backed", "rebel-held": adjectives, not names.
_HYPHEN_ADJECTIVE = re.compile(r"-(?:controlled|held|backed|led|based|linked|allied|affiliated|run|occupied|besieged)$", re.I)


@lru_cache(maxsize=1)
def _admin_words() -> frozenset[str]:
    return frozenset(w.lower() for w in cues()["admin_suffixes"])


def cue_names(text: str, *, runs_joined: bool = False) -> list[tuple[int, int]]:
    """Character spans of capitalised names that cues mark as places.

    One pass over capitalised word groups; each is kept when the words before
    it ("the town of", "in", "shelled", "northern") or after it ("province",
    "countryside") mark a place, or when it continues a list of kept names
    ("the towns of Jariz and Kafra").  ``runs_joined``: a run cut at the name length limit is joined
    again (for a text whose commas were stripped, where a long run is a list to cut into names).
    """
    tails, after, longest = _cue_tails()
    ends = _tail_ends()
    spans: list[tuple[int, int]] = []
    previous_end = -1
    lower = text.lower() if text.isascii() else None  # (one lower case for the words before every name)
    for s, e in _candidates(text):
        words = _words_before(text, lower, s)[-longest:]
        # (Every cue ends with the word right before the name: one set lookup rules most names out.)
        cued = bool(words) and words[-1] in ends and any(" ".join(words[-k:]) in tails for k in range(1, min(longest, len(words)) + 1))
        last = text[s:e].rsplit(None, 1)[-1].lower() if " " in text[s:e] else ""
        if last in after:
            cued = True  # "Dara'a Governorate", "Al-Assad Suburb", "Handarat Camp"
            if last in _admin_words():
                e = s + text[s:e].rfind(" ")
        if not cued:
            following = _TAIL_WORDS.findall(text[e : e + 30])[:2]
            cued = bool(following) and (following[0].lower() in after or " ".join(following).lower() in after)
        if not cued and previous_end >= 0 and _LIST_SEP.match(text[previous_end:s]):
            cued = True
        if cued and runs_joined and spans and previous_end == s - 1 and text[previous_end] == " ":
            spans[-1] = (spans[-1][0], e)
            previous_end = e
            continue
        if cued:
            spans.append((s, e))
            previous_end = e
    return spans


def commas_stripped(text: str) -> bool:
    """A text of some length with no comma at all: its lists lost their separators (FA-KES strips them)."""
    return len(text) >= 400 and "," not in text


_SPLIT_MAX_WORDS = 4  # the longest piece tried when cutting a run into known names
# A name's first word that names_a_place_kind does not already cover (it holds Abu, Umm, Beit, Deir, Ain, Ras, Tell ...).
_PARTICLE_WORD = re.compile(r"(?:bani|beni|banu|ibn|bin|ben|jisr|khan)", re.IGNORECASE)
_RUN_WORD = re.compile(rf"(?:{_PARTICLE}- )?\S+")  # a word of a run; "al- Rashidin" (a space after the hyphen) is one


def split_known(
    text: str, start: int, end: int, known: Callable[[str], bool], *, min_known: int = 2
) -> list[tuple[int, int]] | None:
    """Cut a capitalised run that is not itself a known name into the known names it lists, or None.

    "Anadan Khan Touman Alzorba" -> Anadan | Khan Touman | Alzorba: the cut covering the most words
    with known names, in the fewest pieces; a word no name covers stays a one-word piece of its own.
    A run is cut only when at least ``min_known`` (two) known names come out, so "Rami Abdel Rahman" (a person)
    or an unknown village "Kafr Zeita Gharbi" stays whole.  A list whose commas were stripped reads like this.
    """
    run = text[start:end]
    if " " not in run or known(run):
        return None
    words = [(start + m.start(), start + m.end()) for m in _RUN_WORD.finditer(run)]
    n = len(words)
    # A run that opens with an article lists article names ("al-Mayadeen al-Bu Kamal al-Ashara"); after a bare name,
    # "al-X" is that city's quarter ("Daraa al-Mahatta", "Daraa al-Balad"), one name.
    articled = _without_article(text[words[0][0] : words[0][1]]) != text[words[0][0] : words[0][1]]
    # best[i]: (words covered by known names, -pieces, known pieces, cut) for the first i words
    best: list[tuple[int, int, int, tuple[tuple[int, int], ...]] | None] = [None] * (n + 1)
    best[0] = (0, 0, 0, ())
    for i in range(1, n + 1):
        for j in range(max(0, i - _SPLIT_MAX_WORDS), i):
            if best[j] is None:
                continue
            piece = (words[j][0], words[i - 1][1])
            written = text[piece[0] : piece[1]]
            # A word for a kind of place alone ("Kafr", "Tal", "Camp") is part of a name, never a name of the list; nor is
            # a name's particle ("Bani" of "Bani Zeid", "Abu", "Umm").
            if i - j == 1 and (names_a_place_kind(_without_article(written) if articled else written)
                               or _PARTICLE_WORD.fullmatch(written)):
                continue
            is_known = (i - j < n) and known(written)
            if not is_known and i - j > 1:
                continue
            covered, pieces, names, cut = best[j]
            option = (covered + (i - j if is_known else 0), pieces - 1, names + int(is_known), cut + (piece,))
            if best[i] is None or option[:2] > best[i][:2]:
                best[i] = option
    final = best[n]
    if final is None or final[2] < min_known:
        return None
    return list(final[3])


def split_in_list(text: str, start: int, end: int, known: Callable[[str], bool]) -> list[tuple[int, int]] | None:
    """A run that goes on a list ("the districts of Marjah Alizaa and Salah Addin"), cut into one known name and
    one other word: two names whose comma was stripped, the unknown one a place of the list too.  Not when the
    other word qualifies the name ("Kafr Zeita Gharbi", "Tal Mardikh al-Fawqani"): one village."""
    if not _LIST_GOES_ON.match(text, end):
        return None
    pieces = split_known(text, start, end, known, min_known=1)
    if pieces is None or len(pieces) != 2:
        return None
    unknown = [text[s:e] for s, e in pieces if not known(text[s:e])]
    return pieces if len(unknown) == 1 and " " not in unknown[0] and not is_qualifier(_without_article(unknown[0])) else None


_LIST_GOES_ON = re.compile(r"\s+and\s+(?:(?:al|el)-)?[A-Z]")


def _without_article(word: str) -> str:
    """"al-Mayadeen" -> "Mayadeen": a name after its article is one name, not two joined by a hyphen."""
    from gazetteer.normalise import normalise_name

    _, dash, rest = word.partition("-")
    return rest if dash and rest and normalise_name(rest) == normalise_name(word) else word  # the article folds away


def capitalised_names(text: str) -> list[tuple[int, int]]:
    """Character spans of every capitalised word group (stop words trimmed), cued or not."""
    return list(_candidates(text))


@lru_cache(maxsize=8)
def _candidates(text: str) -> tuple[tuple[int, int], ...]:
    """The capitalised word groups of ``text``, stop words trimmed, empty ones left out (cached: the place
    component asks cue_names and capitalised_names about the same sentence)."""
    spans = []
    stops = _stop_names()
    for match in _CANDIDATE.finditer(text):
        name = match.group(0)
        if " " not in name:
            # One word, most groups: all _trim does is drop a possessive, or the word itself when it is a stop word.
            s, e = match.span()
            if name.endswith(("'s", "’s")):
                name, e = name[:-2], e - 2
            if name not in stops:
                spans.append((s, e))
            continue
        s, e = _trim(text, *match.span())
        if e > s:
            spans.append((s, e))
    return tuple(spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading/trailing stop words ("On", "The") and a possessive "'s" from a captured name."""
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    words = text[start:end].split(" ")
    stops = _stop_names()
    while words and (words[0] in stops or is_country(words[0])) and len(words) > 1:
        start += len(words[0]) + 1  # "Syrias Hama province" (apostrophe stripped): the country's possessive goes
        words = words[1:]
    while words and words[-1] in stops and len(words) > 1:
        end -= len(words[-1]) + 1
        words = words[:-1]
    if words and words[0] in stops:
        return start, start
    return start, end


_NEXT_WORD = re.compile(rf"^[ -]((?:{_PARTICLE}[ -])?[A-Z][{_LETTERS}]*)")
_PREVIOUS_WORD = re.compile(rf"([A-Z][{_LETTERS}]*[ -](?:{_PARTICLE}[ -])?)$")


@lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    c = cues()
    words = {w.lower() for w in c["place_suffixes"] + c["org_suffixes"] + c["admin_suffixes"] + c["stop_names"]}
    # Words for a force ("Deir Ezzor Units of the army killed ...": SANA's section header glued to the sentence).
    forces = {"unit", "units", "troops", "terrorists", "militants", "gunmen", "fighters", "warplanes", "jets", "aircraft"}
    return frozenset(words | forces | {"governor", "airbase", "air", "military", "said", "city"})


def whole_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a table match that is part of a longer capitalised name ("Tal" in
    "Tal Tamer", "Ain" in "Ras al Ain") to the whole name, so a short homonym
    does not stand for the place that was written."""
    stop = _not_name_words()
    for _ in range(2):
        match = _NEXT_WORD.match(text[end : end + 40])
        if not match or match.group(1).split()[-1].split("-")[-1].lower() in stop or is_country(match.group(1).strip()):
            break
        end += match.end()
    for _ in range(2):
        match = _PREVIOUS_WORD.search(text[max(0, start - 40) : start])
        if not match or match.group(1).split()[0].split("-")[0].lower() in stop or is_country(match.group(1).strip()):
            break  # "central Syrias Hama province" (apostrophe stripped): the country's possessive is no part of it
        if start - len(match.group(1)) > 0 and text[start - len(match.group(1)) - 1] not in " (\"'“‘":
            break
        if start - len(match.group(1)) == 0 or text[: start - len(match.group(1))].rstrip()[-1:] in ".!?\n":
            break  # a capitalised first word of a sentence is not part of the name
        start -= len(match.group(1))
    return start, end


def is_country(text: str) -> bool:
    """The country itself ("Syria"): a place of the sentence, at country level only."""
    lower = text.lower()
    # _unpossessive keeps a prefix of the text, so only a text starting so can be the country (most fail at once).
    return lower.startswith("syria") and _unpossessive(lower) in ("syria", "syrian arab republic")


def is_foreign(text: str) -> bool:
    """Country names, places abroad ("Turkey", "Geneva") and outlets ("Al-Masdar"): not event places here."""
    return _unpossessive(text.lower()) in _foreign() or _HYPHEN_ADJECTIVE.search(text) is not None


def _unpossessive(lower: str) -> str:
    """"syria's" / "syria’s", or "syrias" where apostrophes were stripped (FA-KES): "syria". A final "s"
    is dropped only when what is left is a country or a place abroad ("Iraqs"), never from "Homs"."""
    for ending in ("'s", "’s"):
        if lower.endswith(ending):
            return lower[: -len(ending)]
    if lower.endswith("s") and (lower[:-1] in _foreign() or lower[:-1] in ("syria", "syrian arab republic")):
        return lower[:-1]
    return lower


@lru_cache(maxsize=1)
def _group_words() -> frozenset[str]:
    return frozenset(w.lower() for w in cues()["group_name_words"])


def is_sentence_start(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence or a line (its capital says nothing)."""
    before = text[max(0, start - 4) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy's English stop words (no model needed)

    return frozenset(STOP_WORDS)


def is_english_word(word: str) -> bool:
    """An English function word ("some", "four", "both"): capitalised at a sentence start, never a village."""
    return word.lower() in _english_words()


_FACILITY_WORDS = frozenset(
    "highway road street plant station project complex college hotel school hospital camp base airport airbase dam bridge"
    " crossing field fields factory factories prison square roundabout market mosque checkpoint refugee".split()
)


def names_a_place_kind(text: str) -> bool:
    """A longer name that says it is a place: it opens with a word for a kind of place (Tal, Kafr,
    Deir, Ain, Khirbet, Jabal...), names a facility ("... Highway", "... Power Plant", "... Camp"),
    a place suffix ("... countryside") or joins two places ("Aleppo-Khanasser")."""
    from gazetteer.normalise import is_generic_word, latin_words

    words = latin_words(text)
    if not words:
        return False
    if is_generic_word(words[0]) or (words[0] in ("al", "el") and len(words) > 1 and is_generic_word(words[1])):
        return True
    last = words[-1]
    return last in _FACILITY_WORDS or last in _one_word_suffixes() or _JOINED_PLACES.search(text) is not None


_JOINED_PLACES = re.compile(r"\w-[A-Z]")  # "Aleppo-Khanasser"


@lru_cache(maxsize=1)
def _one_word_suffixes() -> frozenset[str]:
    """The place suffixes of one word ("countryside"), as a set built once (names_a_place_kind asks often)."""
    return frozenset(w for w in cues()["place_suffixes"] if " " not in w)


@lru_cache(maxsize=8192)  # pure (the cue tables are fixed); asked of every capitalised name, the same names recur
def plausible_name(text: str) -> bool:
    """False for stop words, foreign places, armed groups' names, acronyms and one-letter noise."""
    if len(text) < 3 or text.lower() in _foreign():
        return False
    if text.split()[0].split("-")[0].lower() in _group_words():
        return False
    if text.isupper() and len(text) <= 5:
        return False
    if " " not in text and is_english_word(text):
        return False
    first = text.split()[0]
    return first not in _stop_names() or is_arabic(text)


@dataclass(frozen=True, slots=True)
class PlaceRole:
    """What a place mention is to its sentence."""

    role: str  # event | near | admin | reference | org
    precision: int  # ACLED geo_precision if this place becomes the event's place
    distance_km: float | None = None
    bearing_deg: float | None = None


@lru_cache(maxsize=1)
def _role_patterns() -> dict[str, re.Pattern[str]]:
    c = cues()
    dirs = _alt(c["directions"])
    units = _alt(c["distance_units"])
    town = r"(?:(?:the\s+)?(?:(?:provincial\s+)?capital|city|town|village|provincial capital|\w+-held (?:city|town|village))\s+of\s+)?"
    return {
        "distance": re.compile(rf"{_NUM}\s*(?P<unit>{units})\.?\s+(?:\(\w+\)\s+)?(?:to\s+the\s+)?(?P<dir>{dirs})\s+of\s+{town}$", re.I),
        # (The lookahead, the letters its words begin with: the engine tries the optional lead and the directions only
        # where one can start.)
        # "the fighting came within 12 miles of Qardaha": a distance from the place, not the place
        "within": re.compile(rf"\bwithin\s+(?:about\s+|some\s+|around\s+|roughly\s+|just\s+)?{_NUM}\s*(?P<unit>{units})\.?\s+of\s+{town}$", re.I),
        "direction": re.compile(
            rf"{first_letters(['just', 'to', 'directly', *c['directions']])}(?:just\s+|to\s+the\s+|directly\s+)?(?P<dir>{dirs})\s+of\s+{town}$",
            re.I,
        ),
        # "a man from Ankhel", "fired from Jisr al-Shughur": where someone or something came from.
        # "from the town of X", "evacuated from the northern towns of Fuaa and Kafraya": where people came from.
        "origin": re.compile(
            r"\bfrom\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?(?:(?:towns?|villages?|city|cities|areas?|direction|neighbou?rhoods?)\s+of\s+)?"
            r"(?:[\w'’-]+(?:\s+[\w'’-]+)?\s*(?:,|\band)\s+){0,3}$",
            re.I,
        ),
        # "rebels evacuated to Idlib", "were bussed to Jarablus": where people were moved to, not where it happened.
        "destination": re.compile(
            r"\b(?:evacuat(?:ed|ing|ion)|transferr?(?:ed|ing)|bus(?:s)?ed|bussing|busing|relocat(?:ed|ing)|deport(?:ed|ing)|displaced"
            r"|expelled|ferried|fled|fleeing|escaped)"
            r"\s+(?:[\w'’-]+\s+){0,3}?to\s+(?:the\s+)?(?:(?:rebel|opposition|regime|government|[\w-]+-(?:held|controlled))\s+)?"
            r"(?:(?:north|south|east|west)\w*\s+)?(?:(?:province|city|town|village|countryside|governorate|region|areas?)\s+of\s+)?$",
            re.I,
        ),
        # "SANA reporter in Deir Ezzor said", "activists in Douma said": where the speaker is, context only.
        "speaker_in": re.compile(
            r"(?=[acjmors])"  # the letters a match can begin with: the engine tries the rest only there
            r"\b(?:reporters?|correspondents?|sources?|activists?|officials?|spokes(?:man|woman|person)|residents?|journalists?|monitors?)"
            r"\s+(?:based\s+)?in\s+(?:the\s+)?(?:(?:nearby\s+|neighbou?ring\s+|besieged\s+|rebel-held\s+)?(?:city|town|village|province|governorate)\s+of\s+)?$",
            re.I,
        ),
        # "between Azaz and Marea", also a list: "between Dar'a, Quneitra, and Damascus".
        "between": re.compile(
            rf"\bbetween\s+(?:the\s+(?:cities|towns|villages|areas)\s+of\s+)?(?:(?:[^,;]{{1,40}},\s+){{0,3}}[^,;]{{0,40}}?(?:\band|,)\s+)?$", re.I
        ),
        # "near the town of X", "near Syria's second city Aleppo", "near the rebel-held town of X"
        "near": re.compile(
            rf"\b{first_letters(c['near_prefixes'])}(?:{_alt(c['near_prefixes'])})\s+(?:the\s+)?(?:(?:Syrias?['’]?s?\s+)?(?:[\w-]+\s+){{0,2}}?(?:town|village|city|area|areas|capital)\s+(?:of\s+)?)?$",
            re.I,
        ),
        "admin_before": re.compile(rf"\b{first_letters(c['admin_prefixes'])}(?:{_alt(c['admin_prefixes'])})\s+(?:the\s+)?$", re.I),
        "admin_after": re.compile(rf"^\s*(?:{_alt(c['admin_suffixes'])})\b", re.I),
        "area_after": re.compile(r"^\s*(?:area|areas|countryside|outskirts|vicinity|surroundings|region|plains|desert|axis|front|frontline|fronts|road|highway)\b", re.I),
        # Organisations are capitalised ("Hama Media Centre"); "the Idleb front" is a place.
        "org_after": re.compile(rf"^\s*(?:{_alt(w.capitalize() for w in c['org_suffixes'])})\b(?!\s+of)"),
        # "Damascus stepped up its assault", "Damascus's forces": the capital standing for the government.
        "government_after": re.compile(
            r"^(?:['’]s?\s+(?:government|regime|forces|army|troops|allies|military|air\s+force|warplanes|jets|officials|envoy|delegation)\b"
            r"|\s+(?:and\s+its\s+(?:[\w-]+\s+(?:and\s+)?){0,3}(?:allies|backers|partners)|(?:has|have|had|is|was)\s+(?:been\s+)?(?:preparing|planning|trying|seeking|accused|insisted|sent|deployed|stepped|launched|refused|rejected|denied|said|demanded|threatened|vowed|agreed|announced|blamed)"
            r"|said|says|say|stepped|launched|accused|denied|wants|vowed|agreed|announced|insists|insisted|rejected|refused|blamed|sent|deployed|claimed|warned|threatened|considers|plans|seeks|demanded|will|would|could|hopes|fears"
            r"|touts|touted|describes|described|calls|called|sees|views|regards|brands|branded|labels|labelled|labeled)\b)",
            re.I,
        ),
        # "militias loyal to Damascus", "a truce with Damascus": the capital as the side one stands with or against.
        "government_before": re.compile(
            r"\b(?:loyal|allied|close|aligned|allegiance|opposed|hostile|ties|relations|talks|negotiations|reconciliation|deals?|truce|agreement"
            r"|rebellion|uprising|war|backed|supported|armed|funded|sponsored)\s+(?:to|with|by|against)\s+$",
            re.I,
        ),
        "clause_start": re.compile(r"(?:^|[,;:(\u2014-]|\b(?:as|and|while|that|which|but|because|when|after|since|though|although|whereas|if|so|the|meanwhile|however|says|said|say))\s*$", re.I),
        # "the Al-Masalemah family", "the Naim clan": a family or tribe named after a place, not the place.
        "kin_after": re.compile(r"^\s*(?:family|families|clan|clans|tribe|tribes)\b", re.I),
        "possessive": re.compile(r"^(?:'s|’s)\b"),
    }


def _fewest(words) -> tuple[str, ...]:
    """Lower-case words, those that hold another left out: a text holds one of the rest if it holds any."""
    lowered = {w.lower() for w in words}
    return tuple(sorted(w for w in lowered if not any(o != w and o in w for o in lowered)))


@lru_cache(maxsize=1)
def _role_needles() -> dict[str, tuple[str, ...]]:
    """Words one of which every match of a ``_role_patterns`` pattern searched in the text before a place holds: in an
    ASCII text's lower case, ``in`` tests for the plain words (a few, each far cheaper than a search) rule the pattern
    out before its end-anchored search tries every position."""
    c = cues()
    words = {
        "direction": _fewest(c["directions"]),
        "origin": ("from",),
        "destination": ("evacuat", "transfer", "bus", "relocat", "deport", "displaced", "expelled", "ferried", "fled", "fleeing", "escaped"),
        "speaker_in": ("activist", "correspondent", "journalist", "monitor", "official", "reporter", "resident", "source", "spokes"),
        "between": ("between",),
        "near": _fewest(c["near_prefixes"]),
        "admin_before": _fewest(c["admin_prefixes"]),
    }
    return {key: tuple(found) for key, found in words.items()}


# Places that stand for a government when they act ("Damascus stepped up its assault"); foreign
# capitals are not event places at all (``is_foreign``).
SEATS_OF_GOVERNMENT = frozenset({"damascus", "dimashq"})


def _ends_with_of(head: str) -> bool:
    """What the distance and direction patterns end with ("12 km north of ", "west of the town of "): "of" and
    white space last - a test of the last characters, where their end-anchored searches try every position."""
    word = head.rstrip()
    return len(word) < len(head) and word[-2:].lower() == "of"


def classify(prefix: str, suffix: str, *, name: str = "") -> PlaceRole:
    """Role of a place from the text just before (``prefix``) and after it (``suffix``)."""
    pats = _role_patterns()
    if name.lower() in SEATS_OF_GOVERNMENT and (
            (pats["government_after"].match(suffix) and pats["clause_start"].search(prefix[-40:]))
            or pats["government_before"].search(prefix[-40:])):
        return PlaceRole(ORG, 3)  # the government, an actor: not where anything happened
    head = prefix[-80:]
    units = cues()["distance_units"]
    directions = cues()["directions"]
    # An ASCII head's lower case: a pattern whose words it lacks cannot match (None: try every pattern).
    lower = head.lower() if head.isascii() else None
    needles = _role_needles()

    def may(key: str) -> bool:
        return lower is None or holds_any(lower, needles[key])

    admin_after = pats["admin_after"].match(suffix) is not None  # (asked three times below: matched once)
    if (pats["org_after"].match(suffix) and not admin_after) or pats["kin_after"].match(suffix):
        return PlaceRole(ORG, 3)
    if admin_after:
        if may("between") and pats["between"].search(head):
            return PlaceRole(REFERENCE, 3)  # "a bridge that extends between Deir Ezzor and Raqqa provinces": a bound
        return PlaceRole(ADMIN, 3)
    if _ends_with_of(head):
        match = pats["distance"].search(head)
        if match:
            km = float(match.group("dist")) * units[match.group("unit").lower()]
            return PlaceRole(REFERENCE, 2, km, float(directions[match.group("dir").lower()]))
        if lower is None or "within" in lower:
            match = pats["within"].search(head)
            if match:
                return PlaceRole(REFERENCE, 2)
        match = pats["direction"].search(head) if may("direction") else None
        if match:
            return PlaceRole(REFERENCE, 2, None, float(directions[match.group("dir").lower()]))
    if (may("between") and pats["between"].search(head)) or (may("origin") and pats["origin"].search(head)) \
            or (may("speaker_in") and pats["speaker_in"].search(head)) or (may("destination") and pats["destination"].search(head)):
        return PlaceRole(REFERENCE, 2)
    if (may("admin_before") and pats["admin_before"].search(head)) or admin_after:
        return PlaceRole(ADMIN, 3)
    if ((may("near") and pats["near"].search(head)) or pats["area_after"].match(suffix)) and not _IN_AND_AROUND.search(head):
        # ("killed 45 civilians in and around Aleppo": in the town as well as near it - the town's event)
        return PlaceRole(NEAR, 2)
    return PlaceRole(EVENT, 1)
