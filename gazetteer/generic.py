"""Names that end in a word saying *what* the place is: "Aleppo City", "T-4 Military Airport".

When such a name is unknown, the rest of it ("Aleppo", "T-4") may be known; the
words and whether they keep the precision are listed in ``data/generic_words.csv``
(facility spellings are folded with ``data/phrase_variants.csv``).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA / filename).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {row["word"]: row["kind"] for row in _rows("generic_words.csv")}
    phrases = {row["phrase"]: row["canonical"] for row in _rows("phrase_variants.csv")}
    for phrase, canonical in phrases.items():
        if canonical in kinds:
            kinds.setdefault(phrase, kinds[canonical])
    words = sorted(kinds, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words)
    return re.compile(rf"^(?P<rest>.*?\S)[\s-]+(?P<word>{alternatives})\.?$", re.IGNORECASE), kinds


def split_generic(name: str) -> tuple[str, str] | None:
    """("Aleppo", "same") for "Aleppo City"; ("T-4", "part") for "T-4 Military Airport"; else None."""
    pattern, kinds = _pattern()
    match = pattern.match(name.strip())
    if match is None:
        return None
    word = re.sub(r"[\s-]+", " ", match.group("word").lower())
    return match.group("rest").strip(" ,-"), kinds[word]
