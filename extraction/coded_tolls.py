"""The toll a coder states in a note: ACLED's remarks on how it coded fatalities.

ACLED's notes end with the coder's own account of the figure when it is not a
plain count: "Unknown fatalities coded as 10.", "Total fatalities coded to 26.",
"Fatalities coded to 0.", "Unknown number of fatalities coded as ten and split,
five each, between Foah and Kafraya.", "Total fatalities of 39 are split as
follows: 4 Jarjnaz, 4 Telamnas, 3 Fa'lol, ...".  Such a remark is the text's
most specific statement of the event's toll, so it is read as one: a count
given for the event's own place, else a count given to each place, else the
total (halved, thirded ... when it is split evenly over a stated number of
events or days), and for one event only; an uneven split with no count for the
event's place gives nothing and the toll read from the events' sentences stays.

The grammar is ACLED's convention (the word "fatalities" with coded, allocated,
split, distributed, ...); news articles do not write it, so on them nothing here
fires.  ``python -m extraction.evaluate`` prints the ACLED fatalities figure with
and without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.fatalities import parse_number
from extraction.lexicon import numbers

# A count as coders write it: digits ("1,200", "26") or a number word of the fatality reader's table
# (data/numbers.json: "ten", "five", "twenty-two"); read with fatalities.parse_number.
_NOT_COUNTS = {"a", "an", "no", "none", "both", "single", "pair", "couple"}  # as fatalities._patterns leaves them out
_WORD = "|".join(sorted((w for w in numbers()["units"] if w.isalpha() and w not in _NOT_COUNTS), key=len, reverse=True))
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORD})(?:-(?:{_WORD}))?)"
# A remark: a sentence about the figure that says how it was coded or shared out.
_REMARK = re.compile(
    r"\bfatalit(?:y|ies)\b[^.]*\b(?:coded|assumed|allocated|split|distributed|divided|spread)\b"
    r"|\b(?:coded|allocated)\s+(?:as\s+|to\s+)?" + _NUM + r"\s+fatalit"
    r"|\btotal\s+(?:number\s+of\s+)?fatalit(?:y|ies)\s+(?:of\s+)?" + _NUM + r"\b"
    r"|\bunknown number of [\w\s-]{0,40}?,?\s+coded (?:as|to)\b",
    re.IGNORECASE,
)
# The whole figure: "Unknown fatalities coded as 10", "Total fatalities coded to 26", "Coded 4 fatalities here",
# "Total fatalities of 20", "An unknown number of fighters, coded as 10, were killed".
_TOTALS = (
    re.compile(r"\bfatalit(?:y|ies)(?:\s+(?:are|were|is|was))?,?\s+(?:coded|assumed(?:\s+to\s+be)?)(?:\s+(?:as|to|at))?\s+"
               rf"(?:an\s+additional\s+)?(?P<n>{_NUM})\b", re.IGNORECASE),
    re.compile(rf"\bcoded\s+(?:as\s+|to\s+)?(?P<n>{_NUM})\s+fatalit", re.IGNORECASE),
    re.compile(rf"\btotal\s+(?:number\s+of\s+)?fatalit(?:y|ies)\s+(?:of\s+)?(?P<n>{_NUM})\b", re.IGNORECASE),
    re.compile(rf"\bunknown number of [\w\s-]{{0,40}}?,?\s+coded (?:as|to) (?:an\s+additional\s+)?(?P<n>{_NUM})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<n>{_NUM})\s+(?:total\s+)?fatalities\s+(?:are\s+|were\s+)?(?:split|distributed|divided|spread)\b", re.IGNORECASE),
    re.compile(rf"\btotal\s+fatality\s+count\s+of\s+(?P<n>{_NUM})\b", re.IGNORECASE),
)
_ADDED = re.compile(rf"\bwith\s+(?P<n>{_NUM})\s+additional\s+fatalit(?:y|ies)\s+added\b", re.IGNORECASE)
_SPLIT = re.compile(r"\b(?:split|distributed|divided|spread|allocated|shared)\b", re.IGNORECASE)
# An even split over a stated number: "split between the 2 locations", "divided equally on 2 days",
# "split evenly across the two events".
_EVEN = re.compile(
    rf"\b(?:split|distributed|divided|spread)\b(?:\s+(?:evenly|equally))?\s+(?:between|across|over|on|among)\s+"
    rf"(?:the\s+|both\s+)?(?P<n>{_NUM}|both)?\s*(?:locations|events|days|areas|places|villages|towns)\b",
    re.IGNORECASE,
)
_EACH = re.compile(
    rf"(?:\b(?P<n>{_NUM})\s+(?:fatalit(?:y|ies)\s+)?(?:each|a piece|apiece)\b"
    rf"|\beach\s+(?:allocated|coded)\s+(?:with\s+)?(?P<m>{_NUM})\b)",
    re.IGNORECASE,
)
# The count just before a place's name ("4 Jarjnaz", "13 coded to Arbain", "6 allocated to Jellin", "7 in Yarmouk
# camp") or just after it ("Abu Rweil allocated 15", "Al Mayadin-Dweir desert 11", "Yarmouk Camp 4").
_BEFORE = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?:fatalit(?:y|ies)\s+)?(?:(?:were\s+|are\s+)?(?:coded|allocated)\s+)?"
    r"(?:(?:to|for|in|at)\s+)?(?:(?:the\s+)?(?:fighting|clashes)\s+(?:in|at)\s+)?(?:the\s+)?"
    r"(?:(?:town|village|city|area)\s+of\s+)?$",
    re.IGNORECASE,
)
_AFTER = re.compile(rf"(?:[\s-]*[A-Za-z][\w'-]*){{0,2}}?\s+(?:(?:each\s+)?(?:allocated|coded)\s+)?(?P<n>{_NUM})\b(?!\s*(?:km|%))",
                    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CodedToll:
    """What a note's coder remarks say of the toll."""

    total: int | None  # the whole figure, when stated
    split: bool  # the total is shared out between events, places or days
    even_parts: int | None  # shared evenly between this many
    each: int | None  # the same count given to every event
    remarks: tuple[str, ...]  # the remark sentences, where the counts by place are read

    def for_place(self, *names: str) -> int | None:
        """The count a remark gives to the place written as one of ``names``."""
        for remark in self.remarks:
            if not _SPLIT.search(remark) and "follow" not in remark.lower():
                continue
            for name in dict.fromkeys(n for n in names if n and len(n) >= 3):  # as written first, then the gazetteer's
                for found in re.finditer(rf"(?<![\w'-]){re.escape(name)}(?![\w'-])", remark, re.IGNORECASE):
                    before = _BEFORE.search(remark, 0, found.start())
                    if before and (value := parse_number(before.group("n"))) is not None:
                        return value
                    after = _AFTER.match(remark, found.end())
                    if after and (value := parse_number(after.group("n"))) is not None:
                        return value
        return None


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;])\s+", text) if s.strip()]


def coded_toll(text: str) -> CodedToll | None:
    """The coder remarks of an ACLED-style note, or None when it has none."""
    if "atalit" not in text and "coded" not in text:  # a remark names "fatalities" or says "coded": others are skipped unsplit
        return None
    remarks = [s for s in _sentences(text) if _REMARK.search(s)]
    if not remarks:
        return None
    totals: list[tuple[bool, int]] = []
    added = 0
    for remark in remarks:
        for pattern in _TOTALS:
            for found in pattern.finditer(remark):
                value = parse_number(found.group("n"))
                if value is not None:
                    totals.append(("total" in remark[max(0, found.start() - 30): found.end()].lower(), value))
        for found in _ADDED.finditer(remark):
            added += parse_number(found.group("n")) or 0
    # A stated total beats an "unknown ... coded as 10" part of it (the last stated is the final word); else the
    # largest figure, the parts given to places being smaller.
    total = None
    if totals:
        stated = [v for is_total, v in totals if is_total]
        total = stated[-1] if stated else max(v for _, v in totals) + added
    even_parts = None
    split = False
    each = None
    for remark in remarks:
        if _SPLIT.search(remark) or "as follows" in remark.lower():
            split = True
        if (even := _EVEN.search(remark)) is not None:
            word = (even.group("n") or "").lower()
            even_parts = 2 if word == "both" else (parse_number(word) if word else None)
        if (per := _EACH.search(remark)) is not None:
            each = parse_number(per.group("n") or per.group("m"))
    return CodedToll(total=total, split=split, even_parts=even_parts, each=each, remarks=tuple(remarks))


def toll_for(coded: CodedToll, *, names: tuple[str, ...], events: int, first: bool = True) -> int | None:
    """The toll the remarks give to one of ``events`` events of the note, placed at ``names``; a whole
    figure not shared out is the first event's (the one the note is about; the others are told beside it)."""
    if (value := coded.for_place(*names)) is not None:
        return value
    if coded.each is not None:
        return coded.each
    if coded.total is None:
        return None
    if not coded.split:
        return coded.total if first else None
    if coded.even_parts:
        return coded.total // coded.even_parts
    return None
