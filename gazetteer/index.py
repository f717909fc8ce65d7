"""Retrieval: which places could a written name mean?

Tiers, from strict to loose; a looser tier is tried only when the stricter ones
find nothing, so a fuzzy guess never competes with a real match:

1. exact (``exact_key``: case, diacritics, apostrophes, hyphens aside) and ``normalise_name`` key, and the
   generated loose spellings (``Place.variants``, scored below both);
2. ``skeleton_key`` (consonant skeleton);
3. fuzzy (rapidfuzz ratio on normalised keys, score always below 1).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from gazetteer.normalise import SKELETON_MIN_CHARS, exact_key, fold_word, is_arabic, is_generic_word, latin_words, name_keys, normalise_name, skeleton_key, skeleton_of_key
from gazetteer.records import Place

SCORE_EXACT = 1.0
SCORE_NORMALISED = 0.95
SCORE_VARIANT = 0.9  # a generated loose spelling ("Rmeilan" for "Upper Rmeilan"): below every real name
SCORE_SKELETON = 0.85
SCORE_SHORT_SKELETON = 0.75  # a three-consonant skeleton, kept only when the context confirms it
# ... and only when spelled closely: Tadaf/Tadif (80) is one place, Masud/Masyad (73) are two.
SHORT_SKELETON_MIN_SIMILARITY = 80.0
FUZZY_WEIGHT = 0.9  # a fuzzy score is ratio/100 * this, so it stays below the other tiers
DEFAULT_FUZZY_THRESHOLD = 92.0  # rapidfuzz ratio on normalised keys; below ~90 short names pair up wrongly
# A skeleton match must still look like one of the place's spellings ("Jaber" is not "Jobar"). Measured on
# spellings from news: wrong pairs scored 71-73 (al-Sakhani/As Sukhnah, Mahsana/Muh Hasan), right ones 75+.
SKELETON_MIN_SIMILARITY = 74.0
# Fuzzy matching of keys this short joins unrelated names ("hazm" ~ "ham").
FUZZY_MIN_KEY_CHARS = 5
LOOKUP_CACHE = 20_000  # names whose hits ``lookup`` remembers (an article looks each of its names up several times)
_ADMIN_FEATURES = frozenset({"governorate", "district", "country"})


@dataclass(frozen=True, slots=True)
class Hit:
    """One retrieved place with the tier that found it and the tier's score."""

    place: Place
    method: str  # "exact", "normalised", "variant", "skeleton", "fuzzy"
    score: float
    matched: str  # the name or alternate that matched


_CLUSTER = re.compile(r"(?:sh|kh|th|dh|gh|[b-df-hj-np-tv-z])[b-df-hj-np-tv-z]")
_FINAL_IA = re.compile(r"(?<=[b-df-hj-np-tv-z])iah?$")


@lru_cache(maxsize=65536)  # pure; the loose tiers grade every spelling of every candidate with it
def _similarity_key(spelling: str, *, nisba: bool = False) -> str:
    """The folded key with q/k and the y of -iya joined, spaces dropped: what two spellings of one name share.

    ``nisba``: a final -ia/-iah after a consonant is read as the -iyya ending (al-Reshdia/Rashdiyeh). The
    folding rules do not (it is often an ayn: Rabee'a/Rabi'ah), so this is only for tiers the context must
    confirm anyway."""
    if nisba:
        words = spelling.split()
        if words:
            spelling = " ".join([*words[:-1], _FINAL_IA.sub("iya", words[-1])])
    key = normalise_name(spelling)
    if not key or is_arabic(key):
        return ""
    return key.replace("q", "k").replace("iy", "i").replace(" ", "")


def _written_similarity(a: tuple[str, ...], b: tuple[str, ...], raw_a: str, raw_b: str) -> float:
    """rapidfuzz ratio of two spellings as written; a shared leading generic word (Khirbet/Khirbat,
    Tal/Tell, Kafr/Kfar: a word of ``word_variants.csv``) is left out, so that it cannot make two
    different names look alike (Khirbet Suda / Khirbat Sidi)."""
    if not a or not b:
        return fuzz.ratio(raw_a.casefold(), raw_b.casefold())
    if len(a) > 1 and len(b) > 1 and is_generic_word(a[0]) and fold_word(a[0]) == fold_word(b[0]):
        a, b = a[1:], b[1:]
    return fuzz.ratio(" ".join(a), " ".join(b))


def place_key(place: Place) -> tuple[str, str]:
    return (place.source, place.source_id)


class PlaceIndex:
    """In-memory lookup tables over places; a later place with the same (source, id) replaces an earlier one."""

    def __init__(self, places: Iterable[Place] = ()) -> None:
        self._places: dict[tuple[str, str], Place] = {}
        self._exact: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._norm: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._skel: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._variant: dict[str, set[tuple[str, str]]] = defaultdict(set)  # normalised key of a generated spelling
        self._variant_keys: dict[tuple[str, str], list[str]] = {}
        self._keys: dict[tuple[str, str], list[tuple[str, str, str]]] = {}  # place -> its (exact, norm, skel) keys
        # First letter -> (its normalised keys ordered by length, their lengths): see fuzzy.
        self._fuzzy_keys: dict[str, tuple[list[str], list[int]]] | None = None
        self._short_keys: dict[str, set[str]] | None = None  # 3-letter skeleton -> normalised keys
        # lookup's answers until the tables change; (name, None, False): the tiers before fuzzy, whatever the threshold
        self._lookups: dict[tuple[str, float | None, bool], tuple[Hit, ...]] = {}
        self._skeleton_hits: dict[tuple[str, bool], tuple[Hit, ...]] = {}  # short/loose_skeleton's, the same way
        for place in places:
            self.add(place)

    def __len__(self) -> int:
        return len(self._places)

    def places(self) -> list[Place]:
        return list(self._places.values())

    def get(self, key: tuple[str, str]) -> Place | None:
        return self._places.get(key)

    def add(
        self, place: Place, keys: Sequence[tuple[str, str, str]] | None = None, variant_keys: Sequence[str] | None = None
    ) -> None:
        """Add or replace a place (replacing drops the old names from the tables).

        ``keys`` are the (exact, normalised, skeleton) keys of its spellings when already
        known (the local store keeps them, so loading 40,000 places does not re-fold names).
        """
        key = place_key(place)
        if key in self._places:
            self.remove(key)
        self._places[key] = place
        if keys is None:
            keys = [name_keys(spelling) for spelling in dict.fromkeys((place.name, *place.alternate_names))]
        exact_t, norm_t, skel_t = self._exact, self._norm, self._skel
        for exact, norm, skel in keys:
            exact_t[exact].add(key)
            if norm:
                norm_t[norm].add(key)
            if skel:
                skel_t[skel].add(key)
        self._keys[key] = keys if isinstance(keys, list) else list(keys)
        if place.variants:
            loose = list(variant_keys) if variant_keys is not None else [k for k in dict.fromkeys(normalise_name(v) for v in place.variants) if k]
            for k in loose:
                self._variant[k].add(key)
            self._variant_keys[key] = loose
        self._fuzzy_keys = self._short_keys = None
        self._lookups = {}
        self._skeleton_hits = {}

    def remove(self, key: tuple[str, str]) -> None:
        if self._places.pop(key, None) is None:
            return
        for k in self._variant_keys.pop(key, []):
            bucket = self._variant.get(k)
            if bucket is not None:
                bucket.discard(key)
                if not bucket:
                    del self._variant[k]
        for keys in self._keys.pop(key, []):
            for table, k in zip((self._exact, self._norm, self._skel), keys, strict=True):
                bucket = table.get(k)
                if bucket is not None:
                    bucket.discard(key)
                    if not bucket:
                        del table[k]
        self._fuzzy_keys = self._short_keys = None
        self._lookups = {}
        self._skeleton_hits = {}

    def _hits(self, keys: Iterable[tuple[str, str]], method: str, score: float, matched: str) -> list[Hit]:
        return [Hit(self._places[k], method, score, matched) for k in sorted(keys)]

    def _graded(
        self, keys: Iterable[tuple[str, str]], method: str, score: float, name: str, matched: str, *, min_similarity: float = 0.0,
        folded: bool = False,
    ) -> list[Hit]:
        """Hits of a loose tier, scored by how close the nearest spelling is to the name as written.

        Two places may share a folded key (Mare' and Ma'arra both fold to "mar"); the one
        with a spelling closer to the query ("Mareaa" for "Marea") should rank first.
        """
        written = latin_words(name)
        folded_key = _similarity_key(name, nisba=True) if folded else ""
        hits = []
        for key in sorted(keys):
            place = self._places[key]
            # As written, or (``folded``: a tier the context must confirm anyway) once spelling conventions
            # are folded (Belil/Bleel, Yakoubia/Yaqubiyeh): the closer.
            spellings = (place.name, *place.alternate_names)
            if method == "normalised":
                # Only the spellings that fold to the key matched can be the closest (and it saves grading them all).
                spellings = tuple(s for s in spellings if normalise_name(s) == matched) or spellings
            sim = max(
                max(_written_similarity(written, latin_words(s), name, s), fuzz.ratio(folded_key, _similarity_key(s)) if folded_key else 0.0)
                for s in spellings
            )
            if sim < min_similarity:
                continue
            hits.append(Hit(place, method, round(score * (0.9 + 0.1 * sim / 100.0), 4), matched))
        return hits

    def lookup(self, name: str, *, fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD, fuzzy: bool = True) -> list[Hit]:
        """Places the name may mean, from the strictest tier that finds any.

        Remembered until a place is added or removed: resolving an article asks about each of its names in
        several contexts, and the loose tiers (grading, fuzzy) cost far more than the look-up. Read through a
        local, which add and remove replace whole, so an answer computed meanwhile never lands in the new one."""
        memo = self._lookups
        key = (name, fuzzy_threshold, True) if fuzzy else (name, None, False)
        found = memo.get(key)
        if found is None:
            # The strict tiers' hits are shared by both kinds of look-up (a recogniser asks without fuzzy, the
            # resolver with it): fuzzy is tried only when they find nothing.
            strict = memo.get((name, None, False)) if fuzzy else None
            if strict is None:
                strict = tuple(self._strict(name))
                if len(memo) >= LOOKUP_CACHE:
                    memo.clear()
                memo[(name, None, False)] = strict
            found = tuple(self.fuzzy(name, threshold=fuzzy_threshold)) if fuzzy and not strict else strict
            if len(memo) >= LOOKUP_CACHE:
                memo.clear()
            memo[key] = found
        return list(found)  # a new list: callers may extend it

    def _strict(self, name: str) -> list[Hit]:
        """The hits of the tiers before fuzzy (exact, normalised, variant, skeleton), from the strictest that finds any."""
        exact = self._exact.get(exact_key(name), set())
        norm_key = normalise_name(name)
        normalised = self._norm.get(norm_key, set()) - exact if norm_key else set()
        hits = self._hits(exact, "exact", SCORE_EXACT, name)
        hits += self._graded(normalised, "normalised", SCORE_NORMALISED, name, norm_key)
        if norm_key and norm_key in self._variant:
            hits += self._graded(self._variant[norm_key] - exact - normalised, "variant", SCORE_VARIANT, name, norm_key)
        skel = skeleton_key(name)
        if hits and not all(hit.place.feature in _ADMIN_FEATURES for hit in hits):
            return hits
        if skel and skel in self._skel:
            # Only admin units matched ("Edlib" is listed for the governorate): the town of
            # that name may still be spelled differently, so the looser tier adds its towns.
            seen = {place_key(hit.place) for hit in hits}
            loose = self._graded(self._skel[skel] - seen, "skeleton", SCORE_SKELETON, name, skel, min_similarity=SKELETON_MIN_SIMILARITY)
            hits = hits + [hit for hit in loose if not hits or hit.place.feature not in _ADMIN_FEATURES]
        return hits

    def warm(self) -> None:
        """Build the lazy lookup tables (fuzzy pools, short skeletons) now rather than at the first loose lookup."""
        self.fuzzy("warm up", threshold=100.0)
        self.short_skeleton("wrm")

    def known_key(self, name: str) -> bool | None:
        """True when the name's exact or folded key is a town's (a cheap yes); None when only the
        looser tiers can tell."""
        places = self._places
        norm = normalise_name(name)
        for keys in (self._exact.get(exact_key(name)), self._norm.get(norm), self._variant.get(norm)):
            if keys:
                for k in keys:
                    if places[k].feature not in _ADMIN_FEATURES:
                        return True
        return None

    def _remembered(self, name: str, loose: bool) -> list[Hit]:
        """short_skeleton's (``loose``: loose_skeleton's) hits, remembered as ``lookup``'s are: the gazetteer asks
        about an unknown name in each context it resolves it in, and grading the candidates is the costly part."""
        memo = self._skeleton_hits
        found = memo.get((name, loose))
        if found is None:
            found = tuple(self._loose_skeleton(name) if loose else self._short_skeleton(name))
            if len(memo) >= LOOKUP_CACHE:
                memo.clear()
            memo[(name, loose)] = found
        return list(found)  # a new list: callers may extend it

    def short_skeleton(self, name: str) -> list[Hit]:
        """Hits whose skeleton is the name's three-consonant one (Tadaf/Tadif); too loose alone (see _short_skeleton)."""
        return self._remembered(name, False)

    def loose_skeleton(self, name: str) -> list[Hit]:
        """Hits sharing the name's skeleton of four or more consonants spelled too unlike for lookup (see _loose_skeleton)."""
        return self._remembered(name, True)

    def _short_skeleton(self, name: str) -> list[Hit]:
        """Hits whose skeleton is the name's three-consonant one (Tadaf/Tadif); too loose alone.

        ``skeleton_key`` refuses skeletons this short because they join unrelated names
        (Jaber/Jobar), so the caller must confirm a hit from context.
        """
        skel = skeleton_of_key(normalise_name(name))
        if len(skel) != SKELETON_MIN_CHARS - 1:
            return []
        short_keys = self._short_keys
        if short_keys is None:
            # Built in a local and published whole: Gazetteer.default() is shared by the dashboard's
            # session threads, and another thread must never see (and use) a half-filled table.
            short_keys = defaultdict(set)
            for norm in list(self._norm):  # a snapshot: add_place may add keys meanwhile
                short = skeleton_of_key(norm)
                if len(short) == SKELETON_MIN_CHARS - 1:
                    short_keys[short].add(norm)
            self._short_keys = short_keys
        keys = {k for norm in short_keys.get(skel, ()) for k in self._norm.get(norm, ())}
        return self._graded(keys, "skeleton", SCORE_SHORT_SKELETON, name, skel, min_similarity=SHORT_SKELETON_MIN_SIMILARITY, folded=True)

    def _loose_skeleton(self, name: str) -> list[Hit]:
        """Hits sharing the name's skeleton of four or more consonants that ``lookup`` refused as spelled too
        unlike (al-Reshdia/Rashdiyeh: 62 as written) but that are close once spelling conventions are
        folded (83), or with a leading vowel after an article before two consonants (al-Shrafiyeh/Ashrafiyeh);
        as loose as a three-consonant skeleton, so the caller must confirm a hit from context."""
        skel = skeleton_key(name)
        if not skel:
            return []
        keys = set(self._skel.get(skel, ()))
        words = latin_words(name)
        if len(words) >= 2 and words[0] in ("al", "el") and _CLUSTER.match(words[1]):
            # No Arabic word begins with two consonants: "al-Shrafiyeh" lost the hamza's vowel (al-Ashrafiyeh).
            keys |= self._skel.get("a" + skel, set())
        if not keys:
            return []
        return self._graded(keys, "skeleton", SCORE_SHORT_SKELETON, name, skel, min_similarity=SHORT_SKELETON_MIN_SIMILARITY, folded=True)

    def fuzzy(self, name: str, *, threshold: float = DEFAULT_FUZZY_THRESHOLD, limit: int = 10, wide: bool = False) -> list[Hit]:
        """Fuzzy hits on normalised keys, best first; scores below 1.

        ``wide`` also scores keys starting with another letter (slower; for a "pick one" list).
        """
        norm_key = normalise_name(name)
        if len(norm_key.replace(" ", "")) < FUZZY_MIN_KEY_CHARS:
            return []
        fuzzy_keys = self._fuzzy_keys
        if fuzzy_keys is None:
            by_first: dict[str, list[str]] = defaultdict(list)  # built whole before it is published, as in short_skeleton
            for norm in list(self._norm):
                by_first[norm[0]].append(norm)
            fuzzy_keys = {}
            for first, keys in by_first.items():
                keys.sort(key=len)  # a stable sort: keys of one length keep the table's order
                fuzzy_keys[first] = (keys, [len(k) for k in keys])
            self._fuzzy_keys = fuzzy_keys
        # A ratio of at least ``threshold`` needs lengths within this window, and a misspelt first
        # letter is left to the skeleton tier (q/k, dj/j): only keys so placed are scored.
        size = len(norm_key)
        spread = int(2 * size * (100 - threshold) / max(threshold, 1.0)) + 1
        # sorted: the pool's order breaks ties at the limit, so a set's (hash-seeded) order would change the list per run
        firsts = sorted(fuzzy_keys) if wide else [norm_key[0]]
        shortest = size - spread
        if 0.0 < threshold < 100.0:
            # ratio = 200 * common letters / (sum of the lengths), so a key shorter than size * t / (200 - t) cannot reach
            # the threshold t: left out of the pool (one letter of margin for rounding; the same keys score, in the same order).
            shortest = max(shortest, int(size * threshold / (200.0 - threshold)) - 1)
        pool: list[str] = []
        for first in firsts:
            if first in fuzzy_keys:
                # The keys of lengths size - spread .. size + spread, shortest first: one slice, not a loop over lengths.
                keys, lengths = fuzzy_keys[first]
                pool += keys[bisect_left(lengths, shortest) : bisect_right(lengths, size + spread)]
        found = process.extract(norm_key, pool, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
        hits: list[Hit] = []
        for key, ratio, _ in found:
            if key == norm_key:
                continue
            score = round(FUZZY_WEIGHT * ratio / 100.0, 4)
            hits.extend(self._hits(self._norm.get(key, ()), "fuzzy", score, key))  # .get: never insert while reading
        return hits

    def spellings(self) -> Iterable[tuple[str, tuple[str, str]]]:
        """Every (name or alternate as written, key) pair."""
        for key, place in self._places.items():
            for spelling in dict.fromkeys((place.name, *place.alternate_names)):
                yield spelling, key
