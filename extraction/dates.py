"""Dates in a sentence, read against the article's publication date.

"on Wednesday" in an article published on Wednesday 2 December 2015 is that
day; "yesterday" the day before; "last week" a week back with week precision;
"over the weekend" the Sunday before (the day itself in a weekend's report)
with week precision; "in November" the 15th with month precision (ACLED's
convention).  A date
without a year takes the latest year that does not put it after publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from extraction.lexicon import first_letters, holds_any

DAY, WEEK, MONTH = 1, 2, 3  # ACLED time_precision

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

# The lookaheads (lexicon.first_letters): the engine tries a pattern's alternatives only where one can start.
_MONTH_RE = first_letters(_MONTHS) + r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY_RE = r"(?=\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:19|20)\d\d)"
_MONTH_AFTER = ("in", "during", "of", "since", "early", "late", "mid", "mid-", "end of", "beginning of", "throughout")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("day_month", rf"\b{_DAY_RE}(?: of)? {_MONTH_RE}(?:,? {_YEAR_RE})?\b"),
        # "the attack on August 21 killed 1400": after "on", a day before "killed" is the date, not a toll
        ("month_day", rf"(?<=\bon ){_MONTH_RE} {_DAY_RE}(?:,? {_YEAR_RE})?\b(?=\s+killed)"),
        ("month_day", rf"\b{_MONTH_RE} {_DAY_RE}(?:,? {_YEAR_RE})?\b(?!\s*(?:km|kilomet|people|killed|civilians|fighters))"),
        ("month", rf"\b{first_letters(_MONTH_AFTER)}(?:{'|'.join(_MONTH_AFTER)}) (?:early |late |mid-)?{_MONTH_RE}(?: {_YEAR_RE})?\b"),
        ("month_year", rf"\b{_MONTH_RE} {_YEAR_RE}\b"),
        ("day_before_yesterday", r"\bthe day before yesterday\b"),
        ("yesterday", r"\b(?:yesterday|last night|overnight)\b"),
        ("today", r"\b(?:today|tonight|this morning|this afternoon|this evening|earlier today)\b"),
        ("last_weekday", r"\blast (?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
        # "Tuesdays bombing run": the possessive whose apostrophe a feed stripped (not "on Tuesdays and Fridays")
        ("weekday", rf"\b{first_letters(_WEEKDAYS)}(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:s(?=\s+(?!and\b|or\b)[a-z]))?\b"),
        ("days_ago", r"\b(?P<n>\d+|one|two|three|four|five|six|seven|ten) days? ago\b"),
        ("few_days", r"\b(?:a few|several|few|couple of) days ago\b|\brecent days\b"),
        # "which the army began an operation to retake several weeks ago": that many weeks before, to the week
        ("weeks_ago", r"\b(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|a couple of) weeks? ago\b"),
        # "captured ... over the weekend" in a Tuesday report: the Saturday and Sunday before it
        ("weekend", r"\b(?:(?:over|at|during)\s+the|(?P<last>last|past|this))\s+weekend\b"),
        ("this_week", r"\b(?:this week|earlier this week|past week|the past few days|this past week)\b"),
        ("last_week", r"\b(?:last week|the previous week|a week ago)\b"),
        ("this_month", r"\b(?:this month|earlier this month)\b"),
        ("last_month", r"\b(?:last month|the previous month|a month ago)\b"),
    )
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text, with the date it stands for."""

    start: int
    end: int
    text: str
    value: date
    precision: int  # 1 day, 2 week, 3 month

    def shifted(self, offset: int) -> "DateMention":
        """The same mention with offsets moved (a sentence's into the article's)."""
        return DateMention(self.start + offset, self.end + offset, self.text, self.value, self.precision)


def _month(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")[:3] if token.lower().startswith("sept") else token.lower().rstrip(".")]


def _not_after(candidate_for_year, published: date | None, year: int | None) -> date | None:
    """Build the date in the given year, or the latest year not after publication."""
    if year:
        return candidate_for_year(year)
    if published is None:
        return None
    value = candidate_for_year(published.year)
    if value is not None and value > published + timedelta(days=1):
        value = candidate_for_year(published.year - 1)
    return value


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, match: re.Match[str], published: date | None) -> tuple[date | None, int]:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "iso":
        return _safe(int(groups["year"]), int(groups["mnum"]), int(groups["day"])), DAY
    if kind in ("day_month", "month_day"):
        month, day = _month(groups["month"]), int(groups["day"])
        return _not_after(lambda y: _safe(y, month, day), published, year), DAY
    if kind in ("month", "month_year"):
        month = _month(groups["month"])
        value = _not_after(lambda y: _safe(y, month, 15), published, year)
        return value, MONTH
    if published is None:
        return None, DAY
    if kind == "today":
        return published, DAY
    if kind == "yesterday":
        return published - timedelta(days=1), DAY
    if kind == "day_before_yesterday":
        return published - timedelta(days=2), DAY
    if kind in ("weekday", "last_weekday"):
        back = (published.weekday() - _WEEKDAYS[groups["weekday"].lower()]) % 7
        if kind == "last_weekday" and back == 0:
            back = 7
        return published - timedelta(days=back), DAY
    if kind == "days_ago":
        raw = groups["n"].lower()
        return published - timedelta(days=int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]), DAY
    if kind == "few_days":
        return published - timedelta(days=3), WEEK
    if kind == "weeks_ago":
        raw = groups["n"].lower()
        weeks = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 1 if raw in ("a", "one") else 3)
        return published - timedelta(days=7 * weeks), WEEK
    if kind == "weekend":
        # A span of two days: week precision.
        last, weekday = (groups.get("last") or "").lower() in ("last", "past"), published.weekday()
        # A Saturday's or Sunday's report: this weekend is that day, last weekend a week before; Monday to Friday's:
        # the Sunday before.
        back = (7 if last else 0) if weekday >= 5 else weekday + 1
        return published - timedelta(days=back), WEEK
    if kind == "this_week":
        return published - timedelta(days=3), WEEK
    if kind == "last_week":
        return published - timedelta(days=7), WEEK
    if kind == "this_month":
        return min(published, published.replace(day=15)), MONTH
    if kind == "last_month":
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=15), MONTH
    return None, DAY


_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Words a pattern cannot match without: tested as substrings before running it.
_NEEDS: dict[str, object] = {
    "iso": ("-",), "day_month": "month", "month_day": "month", "month": "month", "month_year": "month",
    "day_before_yesterday": ("yesterday",), "yesterday": ("yesterday", "night"), "today": ("today", "tonight", "this "),
    "last_weekday": ("last ",), "weekday": ("day",), "days_ago": ("ago",), "few_days": ("ago", "recent"), "weeks_ago": ("ago",),
    "weekend": ("weekend",), "this_week": ("week", "past few days"), "last_week": ("week",), "this_month": ("month",), "last_month": ("month",),
}
# Month patterns that cannot match without a digit (a day or a year): "month" alone may ("in early March").
_WITH_DIGITS = frozenset({"day_month", "month_day", "month_year"})
_DIGIT = re.compile(r"\d")
# A month name as a whole word: every month pattern holds one, followed by a space, a comma or a word's end
# ("martyrs", "market", "decided" hold none). One search instead of the five month patterns.
_MONTH_WORD = re.compile(rf"\b{_MONTH_RE}(?:\s|,|\b)", re.IGNORECASE)
# Words without which no pattern can match: a cheap test before the sixteen patterns.
_ANY_WORDS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "day", "night", "today", "tonight",
    "morning", "afternoon", "evening", "week", "month", "ago",
)
_YEAR_DASH = re.compile(r"\d{4}-")
_ANY = re.compile("|".join(_ANY_WORDS) + "|" + _YEAR_DASH.pattern, re.IGNORECASE)


def _may_have_date(text: str, lower: str) -> bool:
    """``_ANY.search(text)``, cheaper: an ASCII text (``lower`` is its lower case) is tested word by word with ``in``,
    which is exact there; another text (whose case folding ``lower()`` may not match) by the regex."""
    if not text.isascii():
        return _ANY.search(text) is not None
    return holds_any(lower, _ANY_WORDS) or ("-" in text and _YEAR_DASH.search(text) is not None)


# A date that names a street, a square or a bridge ("April 7th Street", "the 8 March Square"): no date of an event.
_NAMED_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:Street|St\.?|Square|Bridge|Roundabout|Avenue|Road|Stadium|Hospital|School|Brigade|Division|Movement|Dam)\b")


def find_dates(text: str, *, published: date | None = None) -> list[DateMention]:
    """Every date expression in ``text`` that can be turned into a date, in text order.

    Overlapping expressions keep the first pattern that matched (patterns are
    ordered from specific to vague).
    """
    lower = text.lower()
    if not _may_have_date(text, lower):
        return []
    months = holds_any(lower, _MONTH_STEMS) and _MONTH_WORD.search(text) is not None
    # A day or a year written with the month: those patterns need a digit (most sentences that name "may" or
    # "mar..." have none).
    digits = months and _DIGIT.search(text) is not None
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        needs = _NEEDS.get(kind)
        if needs == "month" and not (digits if kind in _WITH_DIGITS else months):
            continue
        if isinstance(needs, tuple) and not holds_any(lower, needs):  # (the words it needs; "month": tested above)
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            if not match.groupdict().get("year") and _NAMED_AFTER.match(text, end):
                taken.append((start, end))  # "April 7th Street", "8 March Square": a name, no date
                continue
            value, precision = _resolve(kind, match, published)
            if value is None:
                continue
            taken.append((start, end))
            found.append(DateMention(start, end, match.group(0), value, precision))
    return sorted(found, key=lambda m: m.start)


_DATELINE_LEAD = r"(?:(?:posted|published|updated|last updated)(?: on| at)?\s+|date of publication\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DATELINES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"(?<![\w-]){_DATELINE_LEAD}{pattern}(?![\w-])", re.IGNORECASE))
    for kind, pattern in (
        ("day_month", rf"{_DAY_RE} {_MONTH_RE},? {_YEAR_RE}"),
        # "Apr 152017": some pages glue the day to the year
        ("month_day", rf"{_MONTH_RE} {_DAY_RE},? ?{_YEAR_RE}"),
        ("numeric", r"(?P<day>[0-3]?\d)[-./](?P<mnum>[01]?\d)[-./](?P<year>(?:19|20)\d\d)"),
        ("iso", r"(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)"),
    )
)
_DATELINE_WINDOW = 160  # characters from the start: a title may come before the date ("... 2 days AP Monday 9 Jun 2014")
_NOT_DATELINE_BEFORE = re.compile(r"\b(?:on|in|since|from|until|till|by|before|after|of|between|and|to)\s*$", re.IGNORECASE)


def dateline(text: str) -> date | None:
    """The publication date a page prints at its top ("Tue 05 Jul 2016", "Posted on April 4 2017",
    "Last updated at Apr 152017", "05-11-2014"): a whole date, year included, in the opening
    characters and not inside a sentence ("On 5 June 2016, ..." dates an event, not the page)."""
    found = dateline_found(text)
    return found[0] if found else None


def dateline_found(text: str) -> tuple[date, str] | None:
    """``dateline`` with the words it was read from, to show the reviewer where the date came from."""
    head = text[:_DATELINE_WINDOW]
    found: list[tuple[int, date, str]] = []
    for kind, pattern in _DATELINES:
        for match in pattern.finditer(head):
            if _NOT_DATELINE_BEFORE.search(head, max(0, match.start() - 12), match.start()):
                continue
            month = int(match.group("mnum")) if kind in ("numeric", "iso") else _month(match.group("month"))
            value = _safe(int(match.group("year")), month, int(match.group("day")))
            if value is not None:
                found.append((match.start(), value, match.group(0).strip()))
                break
    if not found:
        return None
    _, value, words = min(found)
    return value, words


# A wire dateline gives the day without the year: "BEIRUT, Sept 9 (Reuters) -", "DAMASCUS, March 3 (AFP) -".
_WIRE_DATELINE = re.compile(
    rf"^\W*[A-Z][A-Za-z .'-]{{1,30}},\s+(?:[A-Z][a-z]+\s+)?{_MONTH_RE}\s+{_DAY_RE}\s*\((?:Reuters|AFP|AP|dpa|Xinhua|AA|SANA|UPI)\)",
    re.IGNORECASE,
)


def wire_dateline(text: str) -> tuple[int, int, str] | None:
    """(month, day, words) of a wire dateline at the top of the text, which leaves the year to the reader."""
    for line in text.lstrip()[:_DATELINE_WINDOW * 2].splitlines()[:4]:
        match = _WIRE_DATELINE.match(line)
        if match is not None:
            month, day = _month(match.group("month")), int(match.group("day"))
            if _safe(2000, month, day) is not None or (month, day) == (2, 29):
                return month, day, match.group(0).strip()
    return None
