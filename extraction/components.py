"""spaCy components of the extraction pipeline: a factory plus a small class each.

Every component writes spans into ``doc.spans`` under one key ("PLACE",
"ACTOR", "TRIGGER", "DATE", "FATALITIES"); the rules in ``extraction.sentence``
read them.  Pattern data comes from ``extraction/data`` (see ``lexicon``).
Span labels carry the detail: the actor key, "strong:Armed clash", the place's
source ("gazetteer" or "cue").  Values that are not strings (dates, counts)
go to ``doc.user_data``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extraction import placecues
from extraction.dates import find_dates
from extraction.fatalities import FIGHTERS, find_fatalities
from extraction.frames import find_frames
from extraction.lexicon import NAMED_GROUP, actors, demonyms, may_hold, triggers


def doc_text(doc: Doc) -> str:
    """The doc's text; ``Doc.text`` rebuilds it token by token, so it is kept once in user_data."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


class Found(NamedTuple):
    """A recognised stretch as plain offsets (cheaper to read back than spaCy Spans; a named tuple, about three times
    cheaper to make than a frozen dataclass: a doc has about a hundred)."""

    start: int  # character offsets
    end: int
    label: str
    token_start: int
    token_end: int


def set_spans(doc: Doc, key: str, spans: list[Span]) -> None:
    """Store spans in ``doc.spans[key]`` (spaCy's place for them) and as plain offsets for the rules."""
    doc.spans[key] = spans
    doc.user_data[("found", key)] = [Found(s.start_char, s.end_char, s.label_, s.start, s.end) for s in spans]


def found(doc: Doc, key: str) -> list[Found]:
    """What a component recognised, as offsets (see set_spans)."""
    cached = doc.user_data.get(("found", key))
    if cached is None:
        spans = doc.spans[key] if key in doc.spans else []
        cached = [Found(s.start_char, s.end_char, s.label_, s.start, s.end) for s in spans]
    return cached


def _char_spans(doc: Doc, ranges: Iterable[tuple[int, int, str]]) -> list[Span]:
    spans = []
    for start, end, label in ranges:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


class SentenceSplitter:
    """Sentence boundaries from the text: after . ! ? (not after "U.S." or "Dr.")
    and at every line break, so headlines, captions and "See Also" lines stand
    alone.  It does what spaCy's sentencizer does plus line breaks, reading the
    string once instead of iterating tokens in Python (the sentencizer alone
    took about 6 ms of a 500-word article, more than the whole tokenizer)."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        bounds: list[tuple[int, int]] = []
        for line in _LINE.finditer(text):
            start = line.start()
            for end in _sentence_ends(line.group(0)):
                bounds += _stripped(text, start, line.start() + end)
                start = line.start() + end
            bounds += _stripped(text, start, line.end())
        doc.user_data["sentences"] = bounds
        # The tokens' sentence starts too (for a spaCy parser run after us), set in one array: setting
        # ``token.is_sent_start`` one by one checks the whole doc each time, quadratic in the text's length
        # (160,000 characters took 1.6 s for this loop alone).
        if len(doc):
            starts = doc.to_array([SENT_START])
            offsets = doc.to_array(IDX).tolist()  # each token's first character, ascending (read as one array, not token by token)
            for start, _ in bounds:
                at = bisect.bisect_left(offsets, start)
                i = at if at < len(offsets) and offsets[at] == start else None
                if i is None:
                    span = doc.char_span(start, start + 1, alignment_mode="expand")
                    i = span.start if span is not None and len(span) else None
                if i:
                    starts[i] = 1
            doc.from_array([SENT_START], starts)
        return doc


def _sentence_ends(line: str) -> list[int]:
    ends = []
    for match in _SENTENCE_END.finditer(line):
        before = line[: match.start() + 1].rsplit(None, 1)[-1].lower()
        if before.rstrip(".") + "." in _ABBREVIATIONS or _INITIALS.fullmatch(before):
            continue
        ends.append(match.end())
    if " - " in line or "\u2013" in line or "\u2014" in line:
        # "... a brutal crackdown on dissent. - Troops kill 10 children - Meanwhile the Observatory said ...": a subhead
        # between dashes after a full stop is a line of its own (sentence.sentence_kind: a headline), not the next
        # sentence's opening words. (A list item after a full stop, "* 1982: - In February ... - Syrian government forces
        # attacked the city", has no closing dash: it stays with the item before, under its year.)
        ends = sorted({*ends, *(end for m in _SUBHEAD.finditer(line) for end in (m.start(1), m.end(1)))})
    if any(word in line for word in _GLUED_OPENER_WORDS):
        # "... rocket attacks on several neighborhoods in Aleppo city According to a source at Aleppo Police Command two
        # people were killed": a sentence opener capitalised after a word, with no stop between, begins a sentence
        # whose full stop (or line break: a subhead, "Relentless bombardment According to ...") was lost.
        ends = sorted({*ends, *(m.end() for m in _GLUED_OPENER.finditer(line))})
    if "hoto" in line:
        # A photo credit closes its caption, which the lead runs on from without a full stop:
        # "... after warplanes attacked a street in Aleppo Syria (AP photo) BEIRUT Air strikes on a market ...".
        ends = sorted({*ends, *(m.end() for m in _PHOTO_CREDIT.finditer(line))})
    return ends


def _stripped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    if not chunk.strip():
        return []
    lead = len(chunk) - len(chunk.lstrip())
    return [(start + lead, start + len(chunk.rstrip()))]


@Language.factory("conflict_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of every sentence (see SentenceSplitter)."""
    bounds = doc.user_data.get("sentences")
    if bounds is None:
        bounds = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    return bounds


def event_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentences that hold a trigger word or speak of deaths: only these can report
    events, so the costlier regex recognisers read only these."""
    bounds = sentence_bounds(doc)
    if doc.user_data.get("all_sentences"):
        return bounds
    triggers = found(doc, "TRIGGER")
    # The place, date and toll components each ask: kept for the same sentences and triggers (the same lists).
    cached = doc.user_data.get("event_sentences")
    if cached is not None and cached[0] is bounds and cached[1] is triggers:
        return cached[2]
    text = doc_text(doc)
    starts = [s for s, _ in bounds]
    keep: set[int] = set()
    for span in triggers:
        keep.add(bisect.bisect_right(starts, span.start) - 1)
    for i, (start, end) in enumerate(bounds):
        if i not in keep and may_hold(text[start:end], _DEATH_STEMS) and _DEATHS.search(text, start, end):
            keep.add(i)
    out = [bounds[i] for i in sorted(keep) if i >= 0]
    doc.user_data["event_sentences"] = (bounds, triggers, out)
    return out


def _pieces(doc: Doc, finder) -> list:
    """Run a text finder on each event sentence; offsets moved back into the article."""
    text = doc_text(doc)
    out = []
    for start, end in event_sentences(doc):
        for item in finder(text[start:end]):
            out.append(item.shifted(start))
    return out


class PlaceRecognizer:
    """Places from gazetteer names (matched on lower case, must be capitalised
    in the text) plus capitalised names after cues ("the town of X", "X province")."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # A separate tokenizer builds the patterns so the main tokenizer's cache
        # is not filled with gazetteer names (PERFORMANCE.md).
        self._pattern_nlp = Language(nlp.vocab)
        self.count = 0
        # Optional: is a capitalised name another spelling of a known town ("Thiban" for Dhiban)?
        # The phrase matcher knows only the spellings listed in the tables.
        self.known: Callable[[str], bool] | None = None
        # Optional: does the gazetteer place a name as a whole, loosely spelled ("Salah Addin" for Salah
        # Ad-Deen)?  Asked only before a run is cut into the names it may list.
        self.resolvable: Callable[[str], bool] | None = None

    def add_forms(self, forms: Iterable[str], *, label: str = "gazetteer") -> None:
        """Add place names; ``label`` says where they come from ("gazetteer", "region")."""
        batch = []
        for form in forms:
            if len(form) >= 3:
                batch.append(self._pattern_nlp.make_doc(form))
        if batch:
            self.matcher.add(label, batch)
            self.count += len(batch)

    def __call__(self, doc: Doc) -> Doc:
        candidates = []
        text = doc_text(doc)
        listed: list[Span] = []  # lower-case "al-X" names, kept only in a list of places
        for match_id, start, end in self.matcher(doc):
            first = text[doc[start].idx]
            if not (first.isupper() or placecues.is_arabic(first)):
                if _ARTICLE_NAME.match(text, doc[start].idx):
                    listed.append(Span(doc, start, end, label=match_id))
                continue
            if any(_acronym_like(doc[i].text) for i in range(start, end)) or _before_patronym(doc, end):
                continue  # "JaT", "QSD": an acronym; "Khalid ibn al-Walid": a person
            span = Span(doc, start, end, label=match_id)
            if end - start == 1 and placecues.is_sentence_start(text, span.start_char) and placecues.is_english_word(span.text):
                continue  # "Some", "Four", "Both" opening a sentence: capitalised by position, not a name
            s, e = placecues.whole_name(text, span.start_char, span.end_char)
            if (s, e) != (span.start_char, span.end_char):
                if self.known is not None and not self.known(text[s:e]) and not placecues.names_a_place_kind(text[s:e]):
                    # "Rami Abdel Rahman", "Bashar al-Assad": a village's name inside a longer unknown name is a
                    # person's (a cue before it still finds an unknown village: "the village of X Y").
                    continue
                span = doc.char_span(s, e, label="cue", alignment_mode="expand") or span
            candidates.append(span)
        stripped = self.known is not None and placecues.commas_stripped(text)
        for start, stop in event_sentences(doc):
            cued = placecues.cue_names(text[start:stop], runs_joined=stripped)
            candidates += _char_spans(doc, ((start + s, start + e, "cue") for s, e in cued))
            if "Old " in text[start:stop]:
                # "a tunnel in the Old City", "Aleppos Old City": a city's old quarter (geo places it at the city)
                candidates += _char_spans(doc, ((m.start(), m.end(), "part") for m in _OLD_CITY_NAMED.finditer(text, start, stop)))
            if self.known is not None:
                spelled = ((start + s, start + e) for s, e in placecues.capitalised_names(text[start:stop]))
                candidates += _char_spans(
                    doc, (
                        (s, e, "gazetteer") for s, e in spelled
                        if placecues.plausible_name(text[s:e]) and not placecues.is_sentence_start(text, s) and self.known(text[s:e])
                        and not self._in_title_case(text, s, e)
                    )
                )  # an unlisted spelling opening a sentence ("Based", "Kill") is capitalised by position only
                if "al-" in text[start:stop] or "el-" in text[start:stop]:
                    listed += _char_spans(doc, (
                        (start + m.start(), start + m.end(), "gazetteer") for m in _ARTICLE_WORD.finditer(text[start:stop])
                        if self.known(m.group(0))
                    ))
        # "districts struck included al-Shaar al-Sukkari al-Sakhour and Karam al-Beik": a name written with a lower-case
        # article is a place when it stands in a list with another place (alone, "al-Bab" may be any word's echo).
        candidates += _in_lists(text, listed, candidates)
        if self.known is not None:
            candidates += _char_spans(doc, ((s, e, "cue") for s, e in _last_of_list(text, candidates)))
        # Names from tables are trusted; names found by cues must look like names.
        # A name inside an actor ("Military Forces of Syria", "Aleppo Military Council") is no place.
        taken = {i for span in found(doc, "ACTOR") for i in range(span.token_start, span.token_end)}
        kept = []
        for s in self._split_lists(doc, text, filter_spans(candidates), stripped=stripped):
            if s.label_ == "cue" and s.start not in taken and any(i in taken for i in range(s.start, s.end)):
                # "the city of Hassakeh ISIS suicide bombers": the capitalised run ends where an actor begins.
                stop = next(i for i in range(s.start, s.end) if i in taken)
                s = Span(doc, s.start, stop, label=s.label_)
                if not placecues.plausible_name(s.text):
                    continue
            written = text[s.start_char : s.end_char]
            if any(i in taken for i in range(s.start, s.end)) or _before_patronym(doc, s.end):
                continue
            if _speaker(doc, s.start, s.end):
                continue  # "al-Faris said", "spokesman Redur Khalil", "Moscow said": a speaker, not a place
            if _MONTH.fullmatch(written) and _DAY_AFTER.match(text, s.end_char):
                continue  # "Last updated at Jan 202015", "Apr 15": a month (Jan folds to the village Jana), not a place
            if _in_spelled_out_name(text, s.start_char, s.end_char):
                continue  # "Aid to the Church in Need (ACN)", "Aleppo Media Center (AMC)": a word of an organisation's name
            if ALLEGIANCE_BEFORE.search(text, max(0, s.start_char - 6), s.start_char):
                continue  # "pro-Damascus media", "anti-Assad": an allegiance, not a place
            if placecues.is_country(written):
                kept.append(Span(doc, s.start, s.end, label="country"))  # context only, never a town
            elif not placecues.is_foreign(written) and (s.label_ != "cue" or placecues.plausible_name(written)):
                kept.append(s)
        set_spans(doc, "PLACE", kept)
        return doc


    def _in_title_case(self, text: str, start: int, end: int) -> bool:
        """A headline's Title Case: the words on both sides are capitalised too, and neither is a place, so the
        capital says nothing ("Mainstream Media Diverts Attention": Media folds to the village Meidaa). Only for
        loose spellings; a stripped list of places ("Anadan Khan Touman Alzorba") has places beside it."""
        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        after = _WORD_AFTER.match(text, end)
        return bool(before and after) and not any(
            self.known(w) for w in (before.group(1), after.group(1))
        )

    def _pieces(self, doc: Doc, text: str, pieces: list[tuple[int, int]]) -> list[Span]:
        """Spans for the names a run was cut into: known ones as table names, the rest as cued names."""
        return _char_spans(doc, (
            (s, e, "gazetteer" if self.known(text[s:e]) else "cue")
            for s, e in pieces if (self.known(text[s:e]) and not self._in_title_case(text, s, e)) or placecues.plausible_name(text[s:e])
        ))

    def _split_lists(self, doc: Doc, text: str, spans: list[Span], *, stripped: bool) -> list[Span]:
        """Cued runs that list several known names, cut into those names - only in a text whose commas were
        stripped (FA-KES, some feeds): where commas are kept, "Kafr Souseh" or "Fatah Halab" is one name."""
        if not stripped:
            return spans
        out: list[Span] = []
        for span in spans:
            pieces = placecues.split_known(text, span.start_char, span.end_char, self.known) if span.label_ == "cue" else None
            if pieces is None and span.label_ == "cue":
                pieces = placecues.split_in_list(text, span.start_char, span.end_char, self.known)
            if pieces and self.resolvable is not None and self.resolvable(span.text):
                pieces = None  # one place loosely spelled, not a list: "Salah Addin" is not Sali | Aedin
            if pieces and (_ONE_PLACE_AFTER.match(text, span.end_char) or _ONE_PLACE_BEFORE.search(text, max(0, span.start_char - 40), span.start_char)):
                pieces = None  # "Bani Zaid neighborhood", "the village of Kafr Zeita": a singular noun names one place
            out += self._pieces(doc, text, pieces) if pieces else [span]
        return out


_ARTICLE_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an)-[A-Z]")
_ARTICLE_WORD = re.compile(r"\b(?:al|el)-[A-Z][\w'’]*")  # "al-Shaar": one word after a lower-case article
_LIST_JOINT = re.compile(r"\s*(?:,\s*)?(?:and\s+|or\s+|&\s+)?$")  # matched between two offsets (no slice copied)


def _in_lists(text: str, listed: list[Span], known: list[Span]) -> list[Span]:
    """The lower-case article names that stand next to another place of a list (separated by a space, a comma
    or "and" only), growing the list from the places already found."""
    kept: list[Span] = []
    pool = sorted(known, key=lambda s: s.start_char)
    grew = True
    rest = sorted(listed, key=lambda s: s.start_char)
    while grew:
        grew = False
        for span in list(rest):
            for other in pool + kept + [r for r in rest if r is not span]:
                a, b = (other, span) if other.end_char <= span.start_char else (span, other)
                if a.end_char <= b.start_char and _LIST_JOINT.match(text, a.end_char, b.start_char):
                    kept.append(span)
                    rest.remove(span)
                    grew = True
                    break
    return kept


# ("the Bab al-Nairab district of the Old City": a container of the place named, not a place of its own)
_OLD_CITY_NAMED = re.compile(rf"(?:(?<=\bthe\s)(?<!\bof\sthe\s)|(?<=s\s)){placecues.OLD_QUARTER}\b(?!\s+of\b)")
# "... al-Sakhour and Karam al-Beik.": the name after the list's "and", up to the end of the clause.
_AND_LAST = re.compile(
    r"\s*,?\s+and\s+((?:(?:al|el)-)?[A-Z][\w'’]+(?:[\s-](?:(?:al|el|ad|ar|as|ash|at|az|an)-)?[A-Z][\w'’]+){0,2})"
    r"(?=\s*(?:[.,;:]|$|\s+(?:in|on|at|near|of)\b))"
)


def _last_of_list(text: str, places: list[Span]) -> list[tuple[int, int]]:
    """The last name of a list of places the tables know ("districts struck included al-Shaar al-Sukkari al-Sakhour and
    Karam al-Beik"): a capitalised name after "and", ending the clause, is a place of the list even when no table
    knows it (the map shows it unresolved, or at the city it lies in). Two places before it make the list."""
    ordered = sorted({(p.start_char, p.end_char) for p in places})
    out = []
    for (s1, e1), (s2, e2) in zip(ordered, ordered[1:]):
        if e1 > s2 or not _LIST_JOINT.match(text, e1, s2):
            continue
        after = _AND_LAST.match(text, e2)
        if after is not None and placecues.plausible_name(after.group(1)) \
                and not any(s <= after.start(1) < e for s, e in ordered):
            out.append(after.span(1))
    return out


ALLEGIANCE_BEFORE = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)  # "pro-Damascus", "anti-IS" (also sentence._allegiance)
_SINGULAR_PLACE = r"(?:neighbou?rhood|village|town|city|district|quarter|suburb|camp|area)"
_ONE_PLACE_AFTER = re.compile(rf"\s+{_SINGULAR_PLACE}\b(?!\s+of\b)", re.IGNORECASE)
_ONE_PLACE_BEFORE = re.compile(rf"\b(?:the|a)\s+{_SINGULAR_PLACE}\s+(?:of\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=8192)  # pure; asked of every word of every place name matched
def _acronym_like(word: str) -> bool:
    """An acronym or a mixed-case token ("JaT", "QSD", "HTS"), not how a place name is written."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and any(c.isupper() for c in letters[1:]) and "-" not in word and "'" not in word and "’" not in word


_SPEECH_VERBS = frozenset(
    "said says told added stated explained noted confirmed warned claimed announced insisted argued wrote tweeted "
    "denied denies refuted refutes rejected rejects accused accuses blamed blames responded condemned condemns "
    "dismissed urged demanded welcomed".split()
)
_PERSON_TITLES = frozenset(
    "spokesman spokeswoman spokesperson director activist activists commander official minister envoy president "
    "mr mrs ms dr doctor journalist correspondent photographer resident chief leader general colonel brigadier "
    # plural: the first of the people listed ("killed senior Daesh commanders Omar al-Shishani and ...")
    "commanders leaders officials emir emirs generals "
    "said told according".split()
)


_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_WORD_AFTER = re.compile(r"\s+([A-Z][a-z]+)\b")
_MONTH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?|january|february|march|april|june|july|august"
                    r"|september|october|november|december", re.IGNORECASE)
_DAY_AFTER = re.compile(r"\.?\s*[0-3]?\d(?:st|nd|rd|th)?\b|\.?\s*[0-3]?\d(?:19|20)\d\d\b")
_NAME_WORDS_BEFORE = re.compile(r"(?:(?:[A-Z][\w'’-]*|of|the|for|in|to|and|on)\s+)*$")
_NAME_WORDS_THEN_ACRONYM = re.compile(r"((?:\s+(?:[A-Z][\w'’-]*|of|the|for|in|to|and|on))*)\s*\(([A-Z]{2,8})\)")


def _in_spelled_out_name(text: str, start: int, end: int) -> bool:
    """The name stands inside a name spelled out before its acronym, whose letters are the capitals of the words:
    "Aid to the Church in Need (ACN)", "Raqqa Is Being Slaughtered Silently (RBSS)"."""
    after = _NAME_WORDS_THEN_ACRONYM.match(text, end)
    if after is None:
        return False
    before = _NAME_WORDS_BEFORE.search(text, max(0, start - 80), start)
    lead = [w[0] for w in (before.group(0) if before else "").split() if w[0].isupper()]
    own = [w[0] for w in text[start:end].split() if w[0].isupper()]
    tail = [w[0] for w in after.group(1).split() if w[0].isupper()]
    # The acronym's letters matched from its end against the capitals, right to left ("Is Being" may be left out),
    # must reach the name's own words: "Manbij US-backed Syrian Democratic Forces (SDF)" spells SDF without Manbij.
    letters, capitals = list(after.group(2)), lead + own + tail
    first_own = len(lead) + len(own) - 1  # the name's last capital
    for i in range(len(capitals) - 1, -1, -1):
        if letters and capitals[i] == letters[-1]:
            letters.pop()
            if i <= first_own and i >= len(lead):
                return not letters or any(c == letters[0] for c in lead)
    return False


def _speaker(doc: Doc, start: int, end: int) -> bool:
    """A name that speaks ("al-Faris said", "Omar said", "Moscow said") or is introduced by a title or a
    speech verb ("spokesman Redur Khalil", "said Omar", "according to Rahman")."""
    after = end + 1 if end < len(doc) and doc[end].text == "," else end
    before = start - 1
    if after < len(doc) and doc[after].lower_ in _SPEECH_VERBS:
        # ... unless a place's cue stands before it: "dropped a barrel bomb on the village of Taduf said the Observatory"
        # (FA-KES strips the comma before the speech verb).
        return not (before >= 1 and doc[before].lower_ == "of" and doc[before - 1].lower_ in _PLACE_KINDS)
    if before >= 0 and doc[before].lower_ == "to" and before >= 1 and doc[before - 1].lower_ == "according":
        return True
    if _introduced_as_person(doc, start, end, after):
        return True
    if before >= 1 and doc[before].lower_ in ("named", "called") and doc[before - 1].lower_ in _NAMED_PEOPLE:
        return True  # "a witness named Ahmad", "a boy called Omar": a person's name
    return before >= 0 and doc[before].lower_ in _PERSON_TITLES


_PLACE_KINDS = frozenset({"village", "town", "city", "neighbourhood", "neighborhood", "district", "area", "province",
                          "countryside", "suburb", "villages", "towns", "cities", "neighbourhoods", "neighborhoods"})


# An apposition that says who a named person is: "Redur Khalil one of the spokespersons within SDF", "Mona Kurdi a
# spokesperson for SARC", "Rami Abdel Rahman the head of the Observatory" (FA-KES strips the commas around it).
_APPOSITION_ROLES = frozenset(
    "spokesman spokeswoman spokesperson spokespersons spokesmen director activist official commander leader head "
    "member negotiator chief founder coordinator correspondent journalist doctor researcher analyst".split()
)


_NAMED_PEOPLE = frozenset(
    "witness man woman boy girl child son daughter brother sister father mother wife husband resident activist "
    "fighter commander soldier officer doctor nurse journalist teacher student driver farmer person".split()
)


def _introduced_as_person(doc: Doc, start: int, end: int, after: int) -> bool:
    """A first name and a last name followed by "a/an/the/one of the ... <role>": a person, not a place ("the
    village of Abdin, a civil defence official said" keeps Abdin: one word, after no given name)."""
    named_before = start >= 1 and doc[start - 1].is_title and doc[start - 1].is_alpha and not doc[start - 1].is_stop
    if not (named_before or end - start >= 2):
        return False
    i = after
    if i + 2 < len(doc) and doc[i].lower_ == "one" and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ == "the":
        i += 3
    elif i < len(doc) and doc[i].lower_ in ("a", "an", "the"):
        i += 1
    else:
        return False
    return any(t.lower_ in _APPOSITION_ROLES for t in doc[i: i + 5] if not t.is_punct)


def _before_patronym(doc: Doc, end: int) -> bool:
    """"Khalid ibn al-Walid", "Omar bin Khattab": a given name, not a village of that name."""
    return end < len(doc) and doc[end].lower_ in ("ibn", "bin", "bint")


@Language.factory("conflict_places")
def make_places(nlp: Language, name: str) -> PlaceRecognizer:
    return PlaceRecognizer(nlp)


_GROUP_NOUNS = r"(?:Army|Brigades?|Battalions?|Front|Movement|Legion|Militias?|Forces|Group|Alliance|Coalition|Regiment)"
_GROUPS_OF = r"(?:Army|Brigades?|Battalions?|Front|Movement|Legion)"  # "Army of Mujahideen"; "Forces of Operation X" is not one
_CAP = r"[A-Z][\w'’-]+"
# "Raqqa Army units", "Hama Army troops": the state's army somewhere, not a group called so.
_NOT_A_UNIT = r"(?!\s+(?:units?|troops|soldiers|personnel|officers|command|commanders?|generals?|chief|spokesman|sources?))"
_PARTICLE = r"(?:al|ibn|bin|bint|el|ad|as|an|abu|abi|bani|beni|of)"  # inside Arabic names: "Khalid ibn al Walid Army"
_ARTICLE = r"(?:al-|al |el-|ad-|as-|ash-|ar-|an-|at-|az-)?"
_NAMED_GROUP = re.compile(
    r"(?=[A-Z])"  # the letters a match can begin with: the engine tries the rest only there
    rf"\b(?:{_CAP}\s+(?:(?:{_CAP}|{_PARTICLE})\s+){{0,3}}{_GROUP_NOUNS}\b{_NOT_A_UNIT}(?:\s+of\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,2}})?"
    rf"|{_GROUPS_OF}\s+of\s+(?:the\s+)?{_ARTICLE}{_CAP}(?:\s+{_ARTICLE}{_CAP}){{0,2}}"
    rf"|(?:Jaysh|Jaish|Jeish|Liwa|Liwaa|Harakat|Katibat|Kataib|Jabhat|Faylaq|Failaq|Saraya|Alwiya|Firqat|Tajammu|Ansar|Junud|Jund)"
    rf"\s+{_ARTICLE}{_CAP}(?:\s+{_ARTICLE}{_CAP}){{0,2}})"
)
_LEADING_NOUNS = frozenset(
    "army brigade brigades battalion battalions front movement legion jaysh jaish jeish liwa liwaa harakat katibat kataib "
    "jabhat faylaq failaq saraya alwiya firqat tajammu ansar junud jund".split()
)
# Words that make a name a state's or a coalition's forces, not a group's: "Police Forces", "Operation Forces".
_NOT_GROUP_INNER = frozenset(
    "police operation operations special security border coalition allied regime government opposition rebel rebels "
    "kurdish military army armed national".split()
)
# Capitalised words that start a sentence or name a state, not a group: "The Army", "Lebanese Army".
_NOT_GROUP_WORDS = frozenset(
    "the a an on in at after before during meanwhile but and while when as by for from with of to government regime state "
    "national republican special security military popular people's peoples monday tuesday wednesday thursday friday "
    "saturday sunday january february march april may june july august september october november december".split()
)


def named_groups(text: str) -> list[tuple[int, int]]:
    """Character spans of armed groups named in ``text`` by the shape of their names."""
    if "Army" not in text and "Brigade" not in text and "Front" not in text and "Movement" not in text and not any(
        w in text for w in ("Forces", "Battalion", "Legion", "Militia", "Group", "Alliance", "Coalition", "Regiment",
                            "Jaysh", "Jaish", "Jeish", "Liwa", "Harakat", "Katibat", "Kataib", "Jabhat", "Faylaq", "Failaq",
                            "Saraya", "Alwiya", "Firqat", "Tajammu", "Ansar", "Jund")
    ):
        return []
    spans = []
    states = demonyms()
    for match in _NAMED_GROUP.finditer(text):
        words = match.group(0).split()
        lead = 0
        while lead < len(words) - 1 and words[lead].lower() in _NOT_GROUP_WORDS:
            lead += 1
        inner = [w.lower() for w in words[lead:-1]]
        if words[lead].lower() in _LEADING_NOUNS:
            inner = []  # "Army of Mujahideen", "Jaysh al-Izza": the name follows the noun
        elif lead == len(words) - 1 or inner[0] == "of" or any(
            w in states or w in _NOT_GROUP_INNER or w.split("-")[0] in states for w in inner
        ):
            continue  # "the Lebanese Army", "Government Forces", "Syria Democratic Forces": the lexicon's to name
        if lead == len(words) - 1:
            continue
        start = match.start() + len(" ".join(words[:lead])) + (1 if lead else 0)
        spans.append((start, match.end()))
    return spans


def apostrophes_stripped(text: str) -> bool:
    """A text of some length with no apostrophe at all: its possessives lost theirs ("Syrias", "the armys")."""
    return len(text) >= 400 and "'" not in text and "’" not in text


def _alias_docs(make, aliases: Iterable[str]) -> list[Doc]:
    """The docs a lower-case matcher needs for the aliases: each one's own, and its upper case's where the
    tokenizer cuts that otherwise: "u.s. forces" is "u.s" "." "forces", the text's "U.S. forces" two tokens."""
    docs = []
    for alias in aliases:
        docs.append(doc := make(alias))
        if "." in alias and len(upper := make(alias.upper())) != len(doc):
            docs.append(upper)
    return docs


class ActorRecognizer:
    """Actors from the lexicon; acronyms that are also English words ("IS")
    match only with their exact case."""

    def __init__(self, nlp: Language) -> None:
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        make = Language(nlp.vocab).make_doc
        # An apostrophe-stripped possessive ("the armys operations", "ISILs security forces", FA-KES): the alias
        # with an "s" glued on, tried only in a text that has no apostrophe at all.
        self.glued = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.glued_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        known = {alias for actor in actors().values() for alias in actor.aliases}
        self._alias_keys = {alias: actor.key for actor in actors().values() for alias in actor.aliases}
        self._demonyms = demonyms()
        for actor in actors().values():
            self.lower.add(actor.key, _alias_docs(make, actor.aliases))
            glued = _alias_docs(make, [alias + "s" for alias in actor.aliases if not alias.endswith("s") and alias + "s" not in known])
            if glued:
                self.glued.add(actor.key, glued)
            if actor.exact_aliases:
                self.exact.add(actor.key, [make(alias) for alias in actor.exact_aliases])
                self.glued_exact.add(actor.key, [make(alias + "s") for alias in actor.exact_aliases])

    def _shared_noun(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Turkish and Russian forces", "Syrian or Russian warplanes": the first nationality shares the noun of the
        actor after it, so it names that nationality's actor (when the lexicon has it) on its own word."""
        out = []
        for span in spans:
            first = span[0]
            if len(span) < 2 or first.lower_ not in self._demonyms or span.start < 2:
                continue
            joiner, other = doc[span.start - 1], doc[span.start - 2]
            if joiner.lower_ not in ("and", "or", "&") or other.lower_ not in self._demonyms or other.lower_ == first.lower_:
                continue
            key = self._alias_keys.get(" ".join([other.lower_, *(t.lower_ for t in span[1:])]))
            if key is not None and key != span.label_:
                out.append(Span(doc, other.i, other.i + 1, label=key))
        return out

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=key) for key, s, e in self.lower(doc)]
        spans += [Span(doc, s, e, label=key) for key, s, e in self.exact(doc)]
        if apostrophes_stripped(doc_text(doc)):
            spans += [Span(doc, s, e, label=key) for key, s, e in self.glued(doc)]
            spans += [Span(doc, s, e, label=key) for key, s, e in self.glued_exact(doc)]
        # Groups the lexicon does not know, by the shape of their names ("the Arakan Army", "Army of
        # Mujahideen", "Liwa Suqur al-Sham"); listed last, a lexicon alias of the same length wins.
        spans += self._shared_noun(doc, spans)
        # A shape that ends in a lexicon alias is that actor with words before it: "Qaeda-linked Nusra Front",
        # "Al Nusra Front", "Jeish al-Islam Faylaq al-Rahman" (two actors the lexicon names one by one).
        ends = {(span.end, span.start) for span in spans if len(span) >= 2}  # not "army" in "the Arakan Army"
        shaped = _char_spans(doc, ((s, e, NAMED_GROUP) for s, e in named_groups(doc_text(doc))))
        spans += [g for g in shaped if not any(end == g.end and start > g.start for end, start in ends)]
        text = doc_text(doc)
        if may_hold(text, _COUNTRY_AS_PLACE_WORDS):
            spans = [s for s in spans if not (_COUNTRY_AS_PLACE.search(text, max(0, s.start_char - 30), s.start_char)
                                              and placecues.is_foreign(s.text))]
        if "Tags " in text:
            # "Tags Aleppo Syria United States Russia At least 12 civilians were killed by airstrikes ...": the page's tag
            # list glued to the lead, up to the lead's opening word, names subjects, not who acted (its places stay:
            # often the only ones the lead's "in northern Syria" has).
            tags = [m.span(1) for m in _TAGS_THEN_LEAD.finditer(text)]
            spans = [s for s in spans if not any(a <= s.start_char < b for a, b in tags)]
        set_spans(doc, "ACTOR", filter_spans(spans))
        return doc


# "outside the town of Kobane on the border with Turkey", "fled into Jordan": the country named as a place (a side of
# a border, a destination) is no force of that state; "shells fired from Turkey" stays Turkey's.
_COUNTRY_AS_PLACE_WORDS = ("border", "frontier", "into", "fle", "escaped", "crossed", "smuggled")  # what _COUNTRY_AS_PLACE needs
_COUNTRY_AS_PLACE = re.compile(
    r"\b(?:borders?\s+with|bordering|frontier\s+with|(?:fled|flee|flees|fleeing|escaped|crossed|smuggled)\s+(?:in)?to|into)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


@Language.factory("conflict_actors")
def make_actors(nlp: Language, name: str) -> ActorRecognizer:
    return ActorRecognizer(nlp)


class TriggerRecognizer:
    """Trigger words and token patterns -> "strength:sub-event type" spans."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns = Matcher(nlp.vocab)
        make = Language(nlp.vocab).make_doc
        for entry in triggers():
            label = f"{entry.strength}:{entry.sub_event_type}"
            if entry.phrases:
                self.phrases.add(label, [make(p) for p in entry.phrases])
            if entry.pattern:
                self.patterns.add(label, [list(entry.pattern)])

    def __call__(self, doc: Doc) -> Doc:
        # Verb frames ("seized weapons", "a car bomb was defused") first: filter_spans keeps the longest span
        # and, of equal ones, the first listed, so a frame replaces the words inside it and a phrase of its length.
        spans = _char_spans(doc, ((s, e, f"{strength}:{sub}") for s, e, strength, sub in find_frames(doc_text(doc))))
        spans += [Span(doc, s, e, label=k) for k, s, e in self.phrases(doc)]
        if len(self.patterns):
            spans += [Span(doc, s, e, label=k) for k, s, e in self.patterns(doc)]
        set_spans(doc, "TRIGGER", filter_spans(spans))
        return doc


@Language.factory("conflict_triggers")
def make_triggers(nlp: Language, name: str) -> TriggerRecognizer:
    return TriggerRecognizer(nlp)


class DateRecognizer:
    """Date expressions resolved against ``doc.user_data["published"]``."""

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get("published")
        mentions = _pieces(doc, lambda t: find_dates(t, published=published))
        doc.user_data["dates"] = mentions
        set_spans(doc, "DATE", _char_spans(doc, ((m.start, m.end, m.value.isoformat()) for m in mentions)))
        return doc


@Language.factory("conflict_dates")
def make_dates(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer()


class FatalityRecognizer:
    """Statements about deaths (counts, ranges, vague quantities)."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = _pieces(doc, find_fatalities)
        doc.user_data["fatalities"] = mentions
        labels = ((m.start, m.end, m.vague or f"{m.low}-{m.high}") for m in mentions)
        set_spans(doc, "FATALITIES", _char_spans(doc, labels))
        return doc


@Language.factory("conflict_fatalities")
def make_fatalities(nlp: Language, name: str) -> FatalityRecognizer:
    return FatalityRecognizer()


_LINE = re.compile(r"[^\n\t]+")  # a tab (a paragraph break in some feeds: "agreement\t \t Regime renews") ends a line too
_PHOTO_CREDIT = re.compile(r"\((?:[^()\n]{0,40}\s)?photo(?:graph)?(?:\s[^()\n]{0,40})?\)(?=\s+[\"'“‘]?[A-Z])", re.IGNORECASE)
_SUBHEAD = re.compile(r"[.!?][\"'”’)\]]*\s+([-–—]\s+[^-–—.!?\n]{2,100}?\s+[-–—])(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_LEAD_OPENERS = (
    r"The|A|An|At|In|On|Over|More|Dozens|Hundreds|Thousands|Several|Some|Many|Two|Three|Four|Five|Six|Seven|Eight|Nine"
    r"|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty|\d+"
)
_TAGS_THEN_LEAD = re.compile(rf"(?:^|(?<=[\s.]))(Tags\s[^.!?\n]{{1,300}}?)(?=\s(?:{_LEAD_OPENERS})\s)")
_GLUED_OPENER_WORDS = ("According to", "Meanwhile", "Elsewhere", "Earlier", "However", "In addition", "Moreover")
_GLUED_OPENER = re.compile(rf"(?<=[A-Za-z0-9])(?=\s+(?:{'|'.join(_GLUED_OPENER_WORDS)})\b)")
GLUED_OPENER_AFTER = re.compile(rf"\s+(?:{'|'.join(_GLUED_OPENER_WORDS)})\b")  # (sentence.sentence_kind: what comes next)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_INITIALS = re.compile(r"(?:[a-z]\.)+")  # "u.s.", "e.g.": letters with full stops
_ABBREVIATIONS = frozenset(
    "u.s. u.n. u.k. dr. mr. mrs. ms. st. gen. lt. col. maj. capt. sgt. no. vs. jan. feb. mar. apr. jun. jul. aug. "
    "sep. sept. oct. nov. dec. approx. est. km. e.g. i.e. al. mt. ft.".split()
)
# (The lookahead, the letters the words begin with: the engine tries them only there.)
_DEATHS = re.compile(
    r"(?=[bcdefiklnw])(?:killed|dead|died|death|fatalit|casualt|injur|wounded|lives|bodies|executed"
    # "destroyed over 60 terrorists": fighters destroyed or eliminated (fatalities._patterns "fighters_destroyed")
    rf"|(?:destroy|eliminat|neutrali)\w*\s+(?:[\w'’-]+\s+){{0,3}}?{FIGHTERS}\b)",
    re.IGNORECASE,
)
# What each alternative of _DEATHS begins with (lower case): ``in`` tests first.
_DEATH_STEMS = ("killed", "dead", "died", "death", "fatalit", "casualt", "injur", "wounded", "lives", "bodies", "executed",
                "destroy", "eliminat", "neutrali")
