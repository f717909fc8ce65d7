"""Verb frames: a sub-event type decided by what a verb does to what.

"seized weapons", "a car bomb was defused", "set up an observation point",
"handed the villages to the army", "reached a deal", "agreed to", "formed a
coalition": neither word alone says what happened ("seized" a town is a
battle, a "car bomb" alone is an explosion), the pair does.  The table is
``extraction/data/frames.json`` (verbs, object classes, how many words may
stand between them, whether the passive counts); this module compiles it into
one regular expression per frame and reports the matched stretches as
strong triggers.  The trigger component adds them to the word triggers; being
longer, a frame replaces the words inside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from extraction.lexicon import DATA

# Words that end a verb's object: after them the noun belongs to another phrase
# ("found dead after a bomb", "seized the town with weapons").
_GAP_STOPS = (
    "after", "before", "when", "while", "by", "in", "on", "from", "with", "during", "near", "into", "to", "for",
    "dead", "killed", "that", "which", "who", "as", "but", "was", "were", "is", "are", "had", "has", "have", "been",
    "against", "over", "under", "since", "because", "where", "then",
)
_STOP = "|".join(_GAP_STOPS)
_GAP_WORD = rf"(?!(?:{_STOP})\b)[\w'’-]+\s+"
# Past only: "the camp is established on land he sold" describes, "a camp was established" reports.
_PASSIVE_AUX = r"(?:was|were|been|being|got)\s+(?:\w+ly\s+)?"
# "a former commander who had accepted the reconciliation agreement": describes a person, reports nothing.
_RELATIVE = re.compile(r"\b(?:who|whom|which|that)\s+(?:had\s+|has\s+|have\s+|previously\s+|earlier\s+|once\s+)*$", re.IGNORECASE)
_NAME = r"(?-i:[A-Z][\w'’-]+)"  # "@name" in an object class: a capitalised name ("handed over Tal Rifaat")


@dataclass(frozen=True, slots=True)
class Frame:
    sub_event_type: str
    pattern: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    # Longest first, so "car bomb" wins over "car"; spaces match any run of spaces.
    ordered = sorted({w.lower() for w in words if w != "@name"}, key=len, reverse=True)
    names = [_NAME] if "@name" in words else []
    return "|".join([re.escape(w).replace(r"\ ", r"\s+") for w in ordered] + names)


@lru_cache(maxsize=1)
def frames() -> tuple[Frame, ...]:
    data = json.loads((DATA / "frames.json").read_text(encoding="utf-8"))
    out = []
    for entry in data["frames"]:
        verbs = _alternation(entry["verbs"])
        nouns = _alternation(data["classes"][entry["object"]])
        gap = int(entry["gap"])
        word = r"[\w'’-]+\s+" if entry.get("free_gap") else _GAP_WORD
        active = rf"\b(?:{verbs})\s+(?:{word}){{0,{gap}}}(?:{nouns})\b"
        parts = [active]
        if entry.get("passive"):
            parts.append(rf"\b(?:{nouns})\s+(?:[\w'’-]+\s+){{0,{gap + 2}}}?{_PASSIVE_AUX}(?:{verbs})\b")
        out.append(Frame(entry["sub_event_type"], re.compile("|".join(parts), re.IGNORECASE)))
    return tuple(out)


@lru_cache(maxsize=1)
def _gate() -> re.Pattern[str]:
    """Any verb of any frame: most sentences have none, and one search is cheaper than every frame's."""
    data = json.loads((DATA / "frames.json").read_text(encoding="utf-8"))
    verbs = [v for entry in data["frames"] for v in entry["verbs"]]
    return re.compile(rf"\b(?:{_alternation(verbs)})\b", re.IGNORECASE)


def find_frames(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, sub-event type) of every frame in ``text``."""
    if not _gate().search(text):
        return
    for frame in frames():
        for match in frame.pattern.finditer(text):
            if not _RELATIVE.search(text, max(0, match.start() - 30), match.start()):
                yield match.start(), match.end(), frame.sub_event_type
