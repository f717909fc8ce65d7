"""Transliteration folding: one key for the many ways a Syrian name is written.

Two keys, from strict to loose:

* ``normalise_name`` folds what every romanisation of the same Arabic name
  shares once spelling conventions are removed: diacritics, ayn/hamza marks,
  definite articles (al-/el-/as-/ash-...), word variants (Kafr/Kfar, Tal/Tell,
  Ain/Ayn/Ein, Deir/Dayr... listed in ``data/word_variants.csv``), letter folds
  (``data/letter_folds.csv``: th/dh, the -iyeh/-iyah/-eyyeh endings), ou/oo/ee,
  doubled letters and the -ah/-a/-eh/-iyah endings.  Arabic script gets its own
  folding (tashkeel, alef forms, ta marbuta, alef maqsura, the article ال).
* ``skeleton_key`` keeps only the consonants of that key (plus a mark for a
  leading vowel), which joins spellings that disagree on vowels
  (Jendires/Jandairis, Latamneh/Lataminah, Deir ez-Zor/Dayr az Zawr).  It is
  looser, so matches through it score lower.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_TASHKEEL = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ی": "ي", "ک": "ك", "ہ": "ه", "ە": "ه"}
)
# Marks for ayn and hamza, and letters NFKD does not decompose.
_LATIN_FOLD = str.maketrans(
    {
        "'": "", "`": "", "´": "", "‘": "", "’": "", "ʿ": "", "ʾ": "", "ʼ": "", "ʻ": "", "ʽ": "", "′": "",
        "ı": "i", "ə": "e", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ħ": "h",
    }
)
_PARENS = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"([a-z])\1+")
_VOWEL_PAIRS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "ay"), ("ai", "ay"), ("ey", "ay"), ("aa", "a"), ("ie", "iy"))
_FINAL_H = re.compile(r"(?<=[aeiouy])h$")
_FINAL_VOWELS = re.compile(r"[aeiou]+$")  # not y: -iyeh/-iya keep "iy", so Quriyeh is not Qurayya
_GLUED_DIN = re.compile(r"^([a-z]{3,}?)[aeiu]dd[iey]+ne?$")
_SKELETON_DROP = re.compile(r"[aeiouyw]")
SKELETON_MIN_CHARS = 4


@lru_cache(maxsize=1)
def _articles() -> frozenset[str]:
    lines = (DATA / "articles.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    with (DATA / "phrase_variants.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    rows.sort(key=lambda row: -len(row["phrase"]))
    return tuple((row["phrase"], re.compile(rf"\b{re.escape(row['phrase'])}\b"), row["canonical"]) for row in rows)


def fold_phrases(words: tuple[str, ...] | list[str]) -> list[str]:
    """Words with multi-word facility names folded ("military airport" -> "airbase")."""
    text = " ".join(words)
    for phrase, pattern, canonical in _phrases():
        if phrase in text:  # a substring test first: most names hold none of the phrases
            text = pattern.sub(canonical, text)
    return text.split()


@lru_cache(maxsize=2)
def _letter_folds(stage: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    with (DATA / "letter_folds.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple((re.compile(row["pattern"]), row["replacement"]) for row in rows if row["stage"] == stage)


@lru_cache(maxsize=1)
def _word_variants() -> dict[str, str]:
    with (DATA / "word_variants.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["variant"]: row["canonical"] for row in rows}


def is_generic_word(word: str) -> bool:
    """A word that names a kind of place (Kafr, Tal, Ain, Khirbat...: the whole-word variants), not a place."""
    return word in _word_variants()


def fold_word(word: str) -> str:
    """One lower-case Latin word folded as inside ``normalise_name``."""
    return _fold_word(word)


def is_arabic(text: str) -> bool:
    """True when the text contains Arabic script."""
    return bool(_ARABIC.search(text))


def _fold_arabic(text: str) -> str:
    text = _TASHKEEL.sub("", text).translate(_ARABIC_FOLD)
    words = []
    for word in re.split(r"[\s\-_.,/()]+", text):
        if not word:
            continue
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        words.append(word)
    return " ".join(words)


@lru_cache(maxsize=65536)  # pure; a name's words recur across names (and each word costs a dozen substitutions)
def _fold_word(word: str) -> str:
    variants = _word_variants()
    if word.startswith("el") and (len(word) > 5 or (len(word) == 5 and word[2] not in "aeiouy")) and word not in variants:
        word = word[2:]  # article glued to the word, as ACLED writes it: "Kafr Elawamid", "Ein Elbardeh"
    elif word.startswith("al") and len(word) > 5 and word[2] not in "aeiouy" and word not in variants:
        word = word[2:]  # "Alkhafsa", "Alhoula"; not before a vowel, which keeps Aleppo and Alawite whole
    if word in variants:
        return variants[word]
    for pattern, new in _letter_folds("before"):
        word = pattern.sub(new, word)
    for old, new in _VOWEL_PAIRS:
        word = word.replace(old, new)
    for pattern, new in _letter_folds("after"):
        word = pattern.sub(new, word)
    word = _DOUBLED.sub(r"\1", word)
    if word in variants:
        return variants[word]
    if len(word) > 3:
        bare = _FINAL_H.sub("", word)
        stem = _FINAL_VOWELS.sub("", bare)
        # A short name keeps its vowels but not a final h after them: al-Fu'ah, Fuaa and Foua are all "fua".
        word = stem if len(stem) >= 2 else bare
    return word


@lru_cache(maxsize=131072)
def latin_words(text: str) -> tuple[str, ...]:
    """Lower-case ASCII words of a Latin-script name, marks and parentheses removed."""
    text = _PARENS.sub(" ", text.translate(_LATIN_FOLD))
    if text.isascii():
        # Already ASCII: NFKD and dropping combining marks change nothing, and the fold left no mark to remove.
        return tuple(word for word in _NON_WORD.split(text.lower()) if word)
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_LATIN_FOLD)
    return tuple(word for word in _NON_WORD.split(text) if word)


@lru_cache(maxsize=131072)  # the same names recur across articles; folding is pure
def normalise_name(text: str) -> str:
    """The transliteration-folding key of a place name ("" when nothing is left)."""
    text = unicodedata.normalize("NFKC", text).strip()
    if is_arabic(text):
        return _fold_arabic(text)
    words = latin_words(text)
    articles = _articles()
    kept = fold_phrases([word for word in words if word not in articles] or list(words))
    # "X ad-Din" written as one word ("Salaheddin", "Nureddin"): the name, then "din" without its glued article.
    kept = [part for word in kept for part in (_GLUED_DIN.sub(r"\1 din", word).split() if "dd" in word else (word,))]
    return " ".join(_fold_word(word) for word in kept)


@lru_cache(maxsize=131072)
def skeleton_key(text: str) -> str:
    """The consonant skeleton of ``normalise_name(text)``; "" when too short to be useful.

    A leading vowel becomes "a" so that A'zaz/I'zaz meet but do not meet Zaz.
    Skeletons under four letters join unrelated names (Jaber/Jobar, Hadar/Hadir),
    so they are not made.
    """
    skeleton = skeleton_of_key(normalise_name(text))
    return skeleton if len(skeleton) >= SKELETON_MIN_CHARS else ""


def skeleton_of_key(key: str) -> str:
    """The consonant skeleton of a ``normalise_name`` key, however short ("" for Arabic)."""
    if not key or is_arabic(key):
        return ""
    parts = []
    for word in key.split():
        word = word.replace("q", "k").replace("dj", "j").replace("ph", "f").replace("dh", "d")
        head = "a" if word[0] in "aeiouy" else word[0]
        parts.append(head + _SKELETON_DROP.sub("", word[1:]))
    return "".join(parts)


def name_keys(spelling: str) -> tuple[str, str, str]:
    """(exact, normalised, skeleton) lookup keys of one spelling."""
    return exact_key(spelling), normalise_name(spelling), skeleton_key(spelling)


@lru_cache(maxsize=131072)
def exact_key(text: str) -> str:
    """The name as written, without case, diacritics, apostrophes or hyphens ("Ra's al-Ain" = "Ras al Ain"):
    two spellings with this key are the same spelling."""
    text = unicodedata.normalize("NFKC", text).strip()
    if is_arabic(text):
        return " ".join(text.split())
    return " ".join(latin_words(text)) or text.casefold()


def _version() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name in ("articles.txt", "word_variants.csv", "phrase_variants.csv", "letter_folds.csv"):
        digest.update((DATA / name).read_bytes())
    return digest.hexdigest()[:16]


# Keys stored by the local store are valid only for the folding rules that made them.
NORMALISER_VERSION = _version()
