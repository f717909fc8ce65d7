"""User-added places persist in the local store and win over the bundled table."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import Context, Gazetteer
from gazetteer.errors import InputError
from gazetteer.store import count_places, store_path


def test_added_place_resolves_and_persists(tmp_path: Path) -> None:
    gz = Gazetteer.default(data_dir=tmp_path)
    # OCHA knows Alma itself now: a made-up village stands for the one the tables lack.
    assert not gz.resolve("Tall Fixturiya").resolved
    gz.add_place("Tall Fixturiya", latitude=32.74, longitude=36.35, admin1="Dar'a", note="between al-Hirak and al-Soura", alternate_names=["Tall Fixturiya al-Sharqiya"])
    res = gz.resolve("Tall Fixturiya")
    assert (res.method, res.place.source, res.place.admin1, res.precision) == ("user", "user", "Daraa", 1)
    fresh = Gazetteer.default(data_dir=tmp_path)  # a new load reads the store
    assert fresh is not gz
    assert fresh.resolve("Tall Fixturiya al-Sharqiya").place.note == "between al-Hirak and al-Soura"


def test_added_place_is_a_known_spelling_at_once(tmp_path: Path) -> None:
    """Regression: knows_spelling cached "unknown" and kept answering it after add_place."""
    gz = Gazetteer.default(data_dir=tmp_path)
    assert not gz.knows_spelling("Zuqqfixtala")
    gz.add_place("Zuqqfixtala", latitude=32.74, longitude=36.35, admin1="Daraa")
    assert gz.knows_spelling("Zuqqfixtala")


def test_correction_wins_over_bundled_place(tmp_path: Path) -> None:
    gz = Gazetteer.default(data_dir=tmp_path)
    bundled = gz.resolve("Kafra").place
    gz.add_place("Kafra", latitude=36.60, longitude=37.20, admin1="Aleppo", note="moved by a user")
    assert (bundled.source, bundled.source_id) == ("ocha", "C1672")
    for fresh in (gz, Gazetteer.default(data_dir=tmp_path)):
        res = fresh.resolve("Kafra", context=Context(admin1="Aleppo"))
        assert (res.place.source, res.latitude, res.longitude) == ("user", 36.60, 37.20)
        # the bundled place is still offered, second, after the correction
        assert [c.place == bundled for c in res.candidates][:2] == [False, True]
        assert [(c.place.source, c.place.source_id) for c in res.candidates][:2] == [("user", "kafr|Aleppo"), ("ocha", "C1672")]


def test_adding_twice_updates_instead_of_duplicating(tmp_path: Path) -> None:
    gz = Gazetteer.default(data_dir=tmp_path)
    gz.add_place("Alma", latitude=32.74, longitude=36.35, admin1="Dar'a")
    gz.add_place("Alma", latitude=32.75, longitude=36.36, admin1="Daraa")
    assert count_places(store_path(tmp_path)) == {"user": 1}
    assert Gazetteer.default(data_dir=tmp_path).resolve("Alma").latitude == 32.75


def test_homonyms_in_two_governorates_are_two_places(tmp_path: Path) -> None:
    gz = Gazetteer.default(data_dir=tmp_path)
    gz.add_place("Tal Fixture", latitude=36.40, longitude=37.10, admin1="Aleppo", admin2="Jebel Saman")
    gz.add_place("Tal Fixture", latitude=35.20, longitude=36.70, admin1="Hama")
    assert count_places(store_path(tmp_path)) == {"user": 2}
    fresh = Gazetteer.default(data_dir=tmp_path)
    assert fresh.resolve("Tell Fixture", context=Context(admin1="Hama")).place.admin1 == "Hama"
    aleppo = fresh.resolve("Tall Fixture", context=Context(admin1="Aleppo")).place
    assert (aleppo.admin1, aleppo.admin2) == ("Aleppo", "Mount Simeon")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"latitude": 48.85, "longitude": 2.35}, "outside Syria"),
        ({"latitude": 33.5, "longitude": 200.0}, "outside Syria"),
        ({"latitude": "north", "longitude": 36.0}, "must be numbers"),
        ({"latitude": 33.5, "longitude": 36.3, "admin1": "Narnia"}, "unknown governorate"),
    ],
)
def test_bad_places_are_refused_and_not_stored(tmp_path: Path, kwargs: dict, message: str) -> None:
    gz = Gazetteer.default(data_dir=tmp_path)
    with pytest.raises(InputError, match=message):
        gz.add_place("Somewhere", **kwargs)
    assert count_places(store_path(tmp_path)) == {}


@pytest.mark.parametrize("name", ["", "   ", "x" * 10_000])
def test_bad_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError):
        Gazetteer.default(data_dir=tmp_path).add_place(name, latitude=33.5, longitude=36.3)
