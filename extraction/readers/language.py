"""A rough guess at an article's language, so the UI and CLI can warn before extracting.

The extractor reads English only: an Arabic or French article is accepted but
yields no events, and the user should be told why.  Scripts are recognised by
Unicode range; Latin-script languages by their most common function words
(``data/languages.json``).  No model, no download.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "languages.json"
SAMPLE_CHARS = 20_000  # the start of the article is enough to tell
UNDETERMINED = "und"  # ISO 639 code for "undetermined"

# (code, name, ranges) for scripts that decide the language (or its family) on their own.
SCRIPTS: tuple[tuple[str, str, tuple[tuple[int, int], ...]], ...] = (
    ("ar", "Arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("ru", "Russian", ((0x0400, 0x04FF),)),
    ("he", "Hebrew", ((0x0590, 0x05FF),)),
    ("zh", "Chinese", ((0x4E00, 0x9FFF),)),
)
NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "tr": "Turkish", UNDETERMINED: "an unknown language"}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _script_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (code, re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in ranges) + "]"))
        for code, _name, ranges in SCRIPTS
    )


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {code: frozenset(words) for code, words in data.items() if not code.startswith("_")}


def detect_language(text: str) -> str:
    """Return a language code ("en", "fr", "ar", ...) or "und" when the text gives too little to tell."""
    sample = text[:SAMPLE_CHARS]
    n_letters = len(_LETTER.findall(sample))
    if n_letters < 20:
        return UNDETERMINED
    for code, pattern in _script_patterns():
        if len(pattern.findall(sample)) / n_letters > 0.3:
            return code
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return UNDETERMINED
    scores = {code: sum(1 for w in words if w in stop) / len(words) for code, stop in _stopwords().items()}
    best = max(scores, key=scores.__getitem__)
    # English news prose has 25-40% function words; 8% means at least some running text.
    return best if scores[best] >= 0.08 else UNDETERMINED


def language_name(code: str) -> str:
    for script_code, name, _ranges in SCRIPTS:
        if script_code == code:
            return name
    return NAMES.get(code, code)


def language_warning(text: str) -> str | None:
    """A sentence for the user when the article is not English (no events will be found), else None."""
    code = detect_language(text)
    if code == "en":
        return None
    if code == UNDETERMINED:
        return ("This text does not look like English prose; the extractor reads English only, "
                "so expect few or no events.")
    return (f"This article looks {language_name(code)}, not English; the extractor reads English only, "
            "so expect 0 events. Use an English version of the article if there is one.")
