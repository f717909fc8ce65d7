"""Loose spellings: three-consonant skeletons (Tadaf/Tadif) only with confirming context; which spellings are known towns."""

from __future__ import annotations

import pytest

from gazetteer import Context, Gazetteer, Place


def _place(name: str, lat: float, lon: float, admin1: str, *alternates: str) -> Place:
    return Place(name=name, latitude=lat, longitude=lon, admin1=admin1, admin2=None, feature="populated place",
                 source="test", source_id=name, alternate_names=alternates, note="test place")


# A small table of its own: the bundled one knows most of these names exactly now, and the
# mechanism (loose spellings need context) must not depend on which villages a table lacks.
SMALL = [
    _place("Tādif", 36.3489, 37.5306, "Aleppo"), _place("Al Bāb", 36.3705, 37.5157, "Aleppo", "al-Bab"),
    _place("Daraa", 32.6189, 36.1021, "Daraa"), _place("Maşyāf", 35.0653, 36.3421, "Hama", "Masyad"),
    _place("As Sukhnah", 34.8867, 38.8722, "Homs"), _place("Khirbat Sidi", 35.1, 36.9, "Hama"),
    _place("Muh Hasan", 35.21, 40.11, "Deir ez-Zor"), _place("Haydar", 35.5, 36.7, "Hama"),
    _place("Dhiban", 35.0, 40.5, "Deir ez-Zor"), _place("Muzayrib", 32.71, 36.03, "Daraa", "Mzeirib"),
]


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer(SMALL)


def _near(gz: Gazetteer, name: str) -> Context:
    return Context(near=(gz.resolve(name).place,))


# name, context builder, expected place name (None: must stay unresolved)
CASES = [
    ("Tadaf", lambda gz: Context(admin1="Aleppo"), "Tādif"),
    ("Tadaf", lambda gz: _near(gz, "al-Bab"), "Tādif"),
    # no context, another governorate, far from the article's places: a short skeleton alone is not trusted
    ("Tadaf", lambda gz: Context(), None),
    ("Tadaf", lambda gz: Context(admin1="Hama"), None),
    ("Tadaf", lambda gz: _near(gz, "Daraa"), None),
    # the governorate agrees but the spelling is too far (Masud is not Masyaf's old name Masyad)
    ("Masud", lambda gz: Context(admin1="Hama"), None),
]


@pytest.mark.parametrize(("name", "context", "expected"), CASES)
def test_short_skeleton_needs_context(gz: Gazetteer, name, context, expected) -> None:
    res = gz.resolve(name, context=context(gz))
    assert (res.place.name if res.resolved else None) == expected, res.reason


@pytest.mark.parametrize(
    ("written", "known"),
    [("Thiban", True), ("Mzeireb", True), ("Dhiban", True), ("Qaryat Fixturiye", False), ("Hom", False)],
)
def test_knows_spelling(gz: Gazetteer, written: str, known: bool) -> None:
    """Towns under any folded spelling (not fuzzy); governorates and unknown names are not."""
    assert gz.knows_spelling(written) is known


def test_governorate_is_not_a_known_town_spelling() -> None:
    assert not Gazetteer.default().knows_spelling("Rural Damascus")


@pytest.mark.parametrize("written", ["al-Sakhani", "Khirbet Suda", "Mahsana", "Alhaidariya"])
def test_skeleton_match_must_look_like_a_spelling(gz: Gazetteer, written: str) -> None:
    """Regression guard: same consonants, different names (al-Sakhani, a quarter of Raqqa, is not As Sukhnah)."""
    assert not gz.resolve(written).resolved


def test_resolve_all_confirms_a_near_miss_by_the_other_places_named() -> None:
    """A name unknown alone (a three-consonant skeleton: Kefraya/Kafraya) is retried near the article's
    settled places: the one such place beside al-Fuaa is meant; with nothing named near it, it stays unknown."""
    table = [
        _place("Kafraya", 35.9899, 36.6769, "Idlib"), _place("Kafraya (Kansaba)", 35.6717, 36.0811, "Latakia"),
        _place("Foah", 35.9960, 36.7060, "Idlib", "Al-Fu'ah"), _place("Daraa", 32.6189, 36.1021, "Daraa"),
    ]
    gz = Gazetteer(table)
    assert len(gz.candidates("Kefraya")) >= 2  # two of the kind: spelling alone cannot choose
    assert not gz.resolve("Kefraya").resolved
    fuaa, kefraya = gz.resolve_all(["al-Fuaa", "Kefraya"])
    assert fuaa.place.name == "Foah"
    assert kefraya.resolved and (kefraya.place.name, kefraya.place.admin1) == ("Kafraya", "Idlib"), kefraya.reason
    assert not gz.resolve_all(["Daraa", "Kefraya"])[1].resolved


def test_longer_skeleton_spelled_apart_needs_context() -> None:
    """A skeleton of four consonants whose spelling is too unlike as written (al-Reshdia/Rashdiyeh: 62) is kept
    when close once folded, its final -ia read as the -iyya ending (83), and only when the context confirms one
    place: Deir ez-Zor named and the city named near it (Rweished, the same skeleton, lies 40 km out)."""
    table = [
        _place("Rashdiyeh", 35.3373, 40.1359, "Deir ez-Zor", "Ar-Rashdiyah"),
        _place("Rweished", 35.5995, 40.4807, "Deir ez-Zor", "Rwishd"),
        _place("Deir-ez-Zor", 35.3359, 40.1408, "Deir ez-Zor", "Deir ez-Zor"),
        _place("Babisqa", 36.2, 36.7, "Idlib"),
    ]
    gz = Gazetteer(table)
    city = gz.resolve("Deir ez-Zor").place
    assert not gz.resolve("al-Reshdia").resolved
    assert not gz.resolve("al-Reshdia", context=Context(admin1="Deir ez-Zor")).resolved  # two places agree: no choice
    found = gz.resolve("al-Reshdia", context=Context(admin1="Deir ez-Zor", near=(city,)))
    assert found.resolved and found.place.name == "Rashdiyeh", found.reason
    assert gz.resolve("Babeska", context=Context(admin1="Idlib")).place.name == "Babisqa"
    assert not gz.resolve("Babeska").resolved
    assert not gz.resolve("Babeska", context=Context(admin1="Hama")).resolved


def test_article_before_a_consonant_cluster_lost_a_vowel() -> None:
    """No Arabic word begins with two consonants: "al-Shrafiyeh" is al-Ashrafiyeh with the hamza's vowel lost,
    a skeleton with a leading vowel - trusted, like the other loose skeletons, only when the context confirms it."""
    table = [
        _place("Ashrafiyeh", 36.2279, 37.1471, "Aleppo"), _place("Ashrafiya", 34.8189, 36.7597, "Homs"),
        _place("Aleppo", 36.2021, 37.1343, "Aleppo"),
    ]
    gz = Gazetteer(table)
    assert not gz.resolve("al-Shrafiyeh").resolved
    found = gz.resolve("al-Shrafiyeh", context=Context(admin1="Aleppo"))
    assert found.resolved and (found.place.name, found.place.admin1) == ("Ashrafiyeh", "Aleppo"), found.reason
    assert gz.resolve("al-Shrafiyeh", context=Context(admin1="Homs")).place.admin1 == "Homs"
    assert not gz.resolve("al-Shrafiyeh", context=Context(admin1="Hama")).resolved
