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
# Before a verb whose subject is the frame's noun: "would begin", "is to take effect", "took effect".
_LEAD_AUX = r"(?:(?:would|will|shall|is\s+to|was\s+to|is\s+due\s+to|was\s+due\s+to|is\s+set\s+to|was\s+set\s+to|to)\s+)?"
# "since the truce began", "until the ceasefire takes effect", "despite the truce that took effect": a clause about
# the agreement's time, not its making.
_SUBORDINATE_LEAD = re.compile(
    r"\b(?:since|until|till|before|after|when|once|if|unless|as|while|despite|because|whether)\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "a former commander who had accepted the reconciliation agreement": describes a person, reports nothing.
_RELATIVE = re.compile(r"\b(?:who|whom|which|that)\s+(?:had\s+|has\s+|have\s+|previously\s+|earlier\s+|once\s+)*$", re.IGNORECASE)
_NAME = r"(?-i:[A-Z][\w'’-]+)"  # "@name" in an object class: a capitalised name ("handed over Tal Rifaat")


@dataclass(frozen=True, slots=True)
class Frame:
    sub_event_type: str
    verb: re.Pattern[str]  # the frame's verbs, matched where the verb gate found a verb
    active: re.Pattern[str]  # verb ... object, matched at the verb
    passive: re.Pattern[str] | None  # object ... was/were, searched just before the verb
    finite: bool = False  # the verb must be its clause's finite verb (see _FINITE)
    lead: bool = False  # the object class is the verb's subject, before it ("a ceasefire would begin")
    unless: re.Pattern[str] | None = None  # words that, inside the matched stretch, unmake the frame ("foiled a suicide attack")
    strength: str = "frame"  # "weak": a trigger only where the sentence has no strong one ("destroyed an ammunition depot")


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
        word = r"[^\s.;:!?]+\s+" if entry.get("free_gap") else _GAP_WORD  # a free gap stops only at a sentence's end
        passive = None
        if entry.get("lead"):
            # The object class stands before the verb as its subject: "a ceasefire would begin Monday", "a 72-hour
            # truce took effect" (searched, like a passive, just before the verb).
            passive = re.compile(rf"\b(?:{nouns})\s+(?:{_GAP_WORD}){{0,{gap}}}?{_LEAD_AUX}$", re.IGNORECASE)
        elif entry.get("passive"):
            passive = re.compile(rf"\b(?:{nouns})\s+(?:[\w'’-]+\s+){{0,{gap + 2}}}?{_PASSIVE_AUX}$", re.IGNORECASE)
        out.append(Frame(
            entry["sub_event_type"],
            re.compile(rf"(?:{verbs})\b", re.IGNORECASE),
            re.compile(rf"(?:{verbs})\s+(?:{word}){{0,{gap}}}(?:{nouns})\b", re.IGNORECASE),
            passive,
            bool(entry.get("finite")),
            bool(entry.get("lead")),
            re.compile(rf"\b(?:{_alternation(entry['unless'])})\b", re.IGNORECASE) if entry.get("unless") else None,
            entry.get("strength", "frame"),
        ))
    return tuple(out)


# A finite verb stands after a clause start and its subject ("Rebels controlled Maar Dis village", "where rebels
# controlled the area", "On 3 May, the SAA controlled ...") or right after "and"/"then" ("launched an attack ... and
# controlled Shezar town").  The same word as an adjective has a preposition or an -ing verb before its noun
# ("targeting the SAA controlled villages of", "in IS controlled areas", "heart of government controlled parts").
_SUBJECT_WORD = (
    r"(?!(?:in|on|at|of|to|from|into|with|by|for|near|toward|towards|against|inside|across|between|within|when|whenever|once|until|since|as|if|because|while)\b)"
    r"(?![\w'’-]*ing\b)[\w'’-]+\s+"
)
_FINITE = re.compile(
    r"(?:(?:^|[.;:!?,\n]|\b(?:where|whereupon|after\s+which|but|before|after)\b)\s*"
    rf"(?:(?:the|its|their)\s+)?(?:{_SUBJECT_WORD}|\([^()]{{1,40}}\)\s+){{1,6}}"
    r"|\b(?:and|then|and\s+then)\s+)(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_FINITE_REACH = 80


_PASSIVE_REACH = 160  # characters before a verb where its passive subject may start


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, tuple[Frame, ...]]:
    """Frames by the first word of their verbs: a verb found is tried against its own frames only."""
    data = json.loads((DATA / "frames.json").read_text(encoding="utf-8"))
    index: dict[str, list[Frame]] = {}
    for entry, frame in zip(data["frames"], frames()):
        for word in {v.lower().split()[0] for v in entry["verbs"]}:
            if frame not in index.setdefault(word, []):
                index[word].append(frame)
    return {word: tuple(found) for word, found in index.items()}


_WORD_RUN = re.compile(r"\w+")  # without "_", a maximal run of characters for which str.isalnum() holds


@lru_cache(maxsize=1)
def _first_words() -> tuple[dict[str, tuple[int, str, tuple[Frame, ...]]], tuple[tuple[int, str, tuple[Frame, ...]], ...]]:
    """_by_first_word for _verb_starts, each word with its place in the index: the words of letters and digits
    only (where one stands alone it is a whole run of such characters) and the others ("set-up")."""
    plain: dict[str, tuple[int, str, tuple[Frame, ...]]] = {}
    other: list[tuple[int, str, tuple[Frame, ...]]] = []
    for order, (word, owners) in enumerate(_by_first_word().items()):
        if word.isalnum():
            plain[word] = (order, word, owners)
        else:
            other.append((order, word, owners))
    return plain, tuple(other)


def _verb_starts(text: str) -> list[tuple[int, tuple[Frame, ...]]]:
    """Where a frame verb's first word starts, with its frames, in text order.  The words of letters and digits
    are looked for only when the text has them as words (one pass over the text collects its words), a word with
    a hyphen always; each by ``str.find``.  Of two words starting at one place, the one first in the index comes
    first."""
    lower = text.lower()
    plain, other = _first_words()
    present = set(_WORD_RUN.findall(lower.replace("_", " ")))  # (faster than a class "[^\W_]+")
    found = []
    # (The text's words met with the index's in one set intersection; the sort below fixes the order.)
    for order, word, owners in [plain[word] for word in plain.keys() & present] + list(other):
        at = lower.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not lower[at - 1].isalnum()) and (end == len(lower) or not lower[end].isalnum()):
                found.append((at, order, owners))
            at = lower.find(word, end)
    found.sort(key=lambda hit: hit[:2])
    return [(at, owners) for at, _, owners in found]


def find_frames(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, strength, sub-event type) of every frame in ``text``; the strength is "frame" (a strong trigger that
    says what was done to what) or "weak"."""
    for at, owners in _verb_starts(text):
        if at > 0 and text[at - 1] == "-":
            continue  # "rebel-controlled Idlib", "Turkish-established posts": the verb is part of an adjective
        for frame in owners:
            if frame.finite and not _FINITE.search(text, max(0, at - _FINITE_REACH), at):
                continue
            found = None if frame.lead else frame.active.match(text, at)
            if found is not None:
                start, end = at, found.end()
            elif frame.passive is not None and (verb := frame.verb.match(text, at)) is not None:
                head = frame.passive.search(text, max(0, at - _PASSIVE_REACH), at)
                if head is None or (frame.lead and _SUBORDINATE_LEAD.search(text, max(0, head.start() - 40), head.start())):
                    continue
                start, end = head.start(), verb.end()
            else:
                continue
            if frame.unless is not None and frame.unless.search(text, start, end):
                continue
            if not _RELATIVE.search(text, max(0, start - 30), start):
                yield start, end, frame.strength, frame.sub_event_type
