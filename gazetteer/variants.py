"""Spellings a source does not list but the news uses, generated from the names it does list.

Used when a table is built or imported, never at lookup time (lookups fold
spellings with ``normalise``; this adds what folding cannot reach):

* ``romanise_arabic``: a news-style romanisation of the Arabic name.  Arabic is
  the stable key of a Syrian place (OCHA's English "Hammura" drops the -iyya of
  حمورية that the news keeps in "Hamouriyah"), so a Latin rendering of it is a
  spelling of its own.  Short vowels are not written in Arabic: one "a" is
  guessed after a word's first consonant (no Arabic word starts with two
  consonants); long vowels and the -iyya/-a/-eh endings come from the letters.
* ``bare_name``: OCHA's homonym qualifiers dropped ("Kafra (Suran)" -> "Kafra",
  "Al Assali (ne)" -> "Al Assali"); the qualifier stays in the full name.
* ``arabic_core``: the Arabic name without OCHA's " - <subdistrict>" suffix and
  the word حي ("neighbourhood") or مركز ("centre") before it.
* ``name_parts``: the names inside a double name ("Deir Hassan - Darhashan",
  "العميانة_كورهيوك"), without a part that only qualifies (an admin unit, a
  direction: "Tishrine - Ar-Raqqa", "Abu Kbee - East").
* ``without_qualifier``: the name without a direction or size word ("Eastern
  Gharibeh", "Upper Rmeilan", "Jan Tamer Gharbi", "Big Dib" -> Gharibeh,
  Rmeilan, Jan Tamer, Dib): news often writes the bare name.
"""

from __future__ import annotations

import re

# Consonants as news romanises them (one common convention; the folds in
# normalise.py join the others: th/dh, q/k, doubled letters).
_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "ک": "k", "گ": "g", "پ": "p", "چ": "ch", "ڤ": "v",
}
_GLOTTAL = set("عءأإآئؤ")  # ayn and hamza: written ' or nothing
_LONG = {"ا": "a", "ى": "a", "و": "u", "ي": "i", "ی": "i"}
_TASHKEEL = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*")
_SUFFIX_AR = re.compile(r"\s+-\s+.*$")
_LEADING_AR = re.compile(r"^(?:حي|مركز|ناحية|مخيم)\s+")
_SUN = set("tdrzsnl")  # sun letters assimilate the article: ash-Sheikh, ar-Rastan


def bare_name(name: str) -> str:
    """OCHA's name without its parenthesised qualifier ("Kafra (Suran)" -> "Kafra")."""
    return _QUALIFIER.sub(" ", name).strip() or name.strip()


def arabic_core(name_ar: str) -> str:
    """The Arabic name without " - <subdistrict>" and a leading "neighbourhood"/"centre" word."""
    text = _SUFFIX_AR.sub("", _TASHKEEL.sub("", name_ar.strip()))
    return _LEADING_AR.sub("", text).strip()


_QUALIFIER_WORDS = frozenset(
    "east eastern west western north northern south southern upper lower big little great small old new middle"
    " sharqi sharqiya sharqiyeh sharqiyah gharbi gharbiya gharbiyeh gharbiyah shamali shamaliya janubi janoubi"
    " qibli fawqani fouqani foqani tahtani kabir kbir kabira kabireh saghir sghir saghira saghireh wastani jadid"
    " jdideh qadim".split()
)
_QUALIFIER_AR = frozenset(
    "شرقي غربي شمالي جنوبي قبلي فوقاني تحتاني كبير صغير وسطاني الشرقي الغربي الشمالي الجنوبي القبلي الفوقاني"
    " التحتاني الكبير الصغير الوسطاني الشرقية الغربية الشمالية الجنوبية الكبيرة الصغيرة فوقان تحتان".split()
)
_PART_SPLIT = re.compile(r"\s+-\s*|\s*-\s+|\s*/\s*|_")


def is_qualifier(word: str) -> bool:
    return word.casefold().strip("-'") in _QUALIFIER_WORDS or word in _QUALIFIER_AR


def name_parts(name: str, *, qualifiers: frozenset[str] = frozenset()) -> list[str]:
    """The names of a double name; a part that is only a qualifier (a direction, or one of
    ``qualifiers``: the place's admin units, as folded keys given by the caller) is left out."""
    parts = [p.strip() for p in _PART_SPLIT.split(name) if p and p.strip()]
    if len(parts) < 2:
        return []
    from gazetteer.normalise import normalise_name, skeleton_key

    kept = []
    for part in parts:
        words = part.split()
        if all(is_qualifier(w) for w in words) or len(part) < 3 or normalise_name(part) in qualifiers or (
            "skeleton:" + skeleton_key(part) in qualifiers
        ):
            continue
        kept.append(part)
    return kept


def without_qualifier(name: str) -> str:
    """The name without leading/trailing direction or size words ("" when none, or nothing else is left)."""
    words = name.split()
    start, end = 0, len(words)
    while start < end and is_qualifier(words[start]):
        start += 1
    while end > start and is_qualifier(words[end - 1]):
        end -= 1
    if (start, end) == (0, len(words)) or end - start < 1:
        return ""
    core = " ".join(words[start:end])
    return core if len(core.replace("ال", "")) >= 3 else ""


def _word(word: str) -> str:
    out: list[str] = []
    letters = list(word)
    first_consonant = True
    for i, ch in enumerate(letters):
        nxt = letters[i + 1] if i + 1 < len(letters) else ""
        after = letters[i + 2] if i + 2 < len(letters) else ""
        if ch == "ة":
            out.append("ah" if not out or out[-1][-1:] not in "aiu" else "h")
            continue
        if ch in _GLOTTAL:
            if i == 0:
                out.append("a" if ch != "إ" else "i")
                first_consonant = False
                if nxt in _LONG:
                    continue
            else:
                out.append("'")
            continue
        if ch in _LONG:
            # A long-vowel letter before a vowel letter, or word-initial, is a consonant (w/y).
            consonant = i == 0 or nxt in ("ا", "ة", "ى") or (nxt in _LONG and ch in "وي" and after not in _LONG)
            if ch in "وي" and consonant:
                if ch == "ي" and i > 0 and out and out[-1][-1:] not in "aiu":
                    out.append("i")  # -iyya, -iya: the y of a nisba ending follows an i
                out.append("w" if ch == "و" else "y")
                if i == 0 and nxt not in _LONG:
                    out.append("a")
                first_consonant = False
            elif not out or out[-1][-1:] not in "aiu" or ch != "ا":
                out.append(_LONG[ch])
            continue
        latin = _CONSONANTS.get(ch)
        if latin is None:
            continue
        out.append(latin)
        if first_consonant and nxt and nxt not in _LONG and nxt != "ة":
            out.append("a")
        first_consonant = False
    return "".join(out)


def romanise_arabic(name_ar: str) -> str:
    """A news-style Latin spelling of an Arabic place name ("" when there is nothing to romanise).

    >>> romanise_arabic("حمورية")
    'Hamuriyah'
    >>> romanise_arabic("اللطامنة")
    'al-Latamnah'
    """
    words = [w for w in re.split(r"[\s\-_.,/()]+", arabic_core(name_ar)) if w]
    parts = []
    for word in words:
        article = word.startswith("ال") and len(word) > 3
        core = _word(word[2:] if article else word)
        if not core:
            continue
        core = core[:1].upper() + core[1:]
        if article:
            first = core[:2].lower() if core[:2].lower() in ("sh", "th", "dh") else core[:1].lower()
            prefix = f"a{first}-" if first in _SUN or first in ("sh", "th", "dh") else "al-"
            core = prefix + core
        parts.append(core)
    text = " ".join(parts)
    return text[:1].upper() + text[1:] if text else ""
