"""Names that say *what* the place is around the name of another: "Aleppo City", "T-4 Military
Airport", "Tal Kasrah" (the hill by Kasrah), "Jurdi al-Sharqi" (eastern Jurdi), "Hbit-Kafr Ain".

When such a name is unknown, the rest of it ("Aleppo", "T-4", "Kasrah") may be known; the
trailing words and whether they keep the precision are listed in ``data/generic_words.csv``
(facility spellings are folded with ``data/phrase_variants.csv``); the leading landform words
in ``LANDFORMS``; direction and size words are ``gazetteer.variants``' qualifiers.
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


# A hill, hills, mountain, ruin or valley named after the village beside it.
LANDFORMS = frozenset({"tal", "tell", "tall", "tel", "tulul", "tlul", "tloul", "jabal", "jebel", "khirbet", "khirbat", "kherbet", "wadi", "ard"})
_ARTICLE = re.compile(r"^(?:al|el|ad|as|ar|ash|at|az|an)[-\s]", re.IGNORECASE)
_ARTICLES = frozenset({"al", "el", "ad", "as", "ar", "ash", "at", "az", "an", "ez", "es"})


def _hyphen_parts(name: str) -> list[str]:
    """"Hbit-Kafr Ain" -> ["Hbit", "Kafr Ain"]: split at a hyphen between a word of 3+ letters that
    is no article and a capitalised word ("Al-Midan", "Deir-ez-Zor" stay whole)."""
    for match in re.finditer(r"([A-Za-z'’]+)-(?=[A-Z])", name):
        word = match.group(1)
        if len(word) >= 3 and word.casefold() not in _ARTICLES and not name[match.end():].lower().startswith(("al-", "el-")):
            return [name[: match.end() - 1].strip(), name[match.end():].strip()]
    return []


def loose_forms(name: str) -> list[tuple[str, str]]:
    """Other names to try for an unknown one, with the kind of relation ("same" keeps the
    precision, "part" is near the place named): the parts of "Hbit-Kafr Ain" (a road or area
    between two places: "part"), the village a "Tal X"/"Jabal X" is named after ("part"), the
    name without a direction ("Jurdi al-Sharqi" -> "Jurdi": "part")."""
    from gazetteer.variants import without_qualifier

    out: list[tuple[str, str]] = []
    parts = _hyphen_parts(name)
    if len(parts) == 2 and all(parts):
        out += [(parts[0], "part"), (parts[1], "part")]
    words = name.split()
    if len(words) >= 2 and words[0].casefold() in LANDFORMS:
        rest = " ".join(words[1:])
        out.append((_ARTICLE.sub("", rest) if len(rest.split()) > 1 or _ARTICLE.match(rest) else rest, "part"))
    bare = without_qualifier(re.sub(r"\b(?:al|el|ad|as|ash)[-\s](?=\w+$)", "", name))
    if bare and bare != name:
        out.append((bare, "part"))
    return out


def split_generic(name: str) -> tuple[str, str] | None:
    """("Aleppo", "same") for "Aleppo City"; ("T-4", "part") for "T-4 Military Airport"; else None."""
    pattern, kinds = _pattern()
    match = pattern.match(name.strip())
    if match is None:
        return None
    word = re.sub(r"[\s-]+", " ", match.group("word").lower())
    return match.group("rest").strip(" ,-"), kinds[word]
