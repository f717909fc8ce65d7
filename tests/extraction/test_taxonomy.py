"""The ACLED taxonomy data and the lexicons agree with each other."""

from __future__ import annotations

import pytest

from extraction.lexicon import actors, triggers
from extraction.output import interaction
from extraction.taxonomy import event_type_of, event_types, normalise_event_type, sub_event_types

PLACEHOLDERS = {"CAPTURE", "ATTACK"}


def test_six_types_twenty_five_sub_types():
    assert len(event_types()) == 6
    assert len(sub_event_types()) == 25


def test_every_trigger_maps_into_the_taxonomy():
    for entry in triggers():
        assert entry.sub_event_type in PLACEHOLDERS or entry.sub_event_type in sub_event_types(), entry
        assert entry.strength in ("strong", "weak")


def test_actor_lexicon_is_well_formed():
    seen: dict[str, str] = {}
    for actor in actors().values():
        assert 1 <= actor.inter <= 8
        for alias in actor.aliases:
            assert alias == alias.lower(), alias
            assert seen.setdefault(alias, actor.key) == actor.key, f"{alias} is listed for two actors"


@pytest.mark.parametrize(
    ("old", "sub", "expected"),
    [
        ("Remote violence", "", ("Explosions/Remote violence", "")),
        ("Battle-No change of territory", "", ("Battles", "Armed clash")),
        ("Battle-Government regains territory", "", ("Battles", "Government regains territory")),
        ("Riots/Protests", "", ("Protests", "")),
        ("Battles", "Armed clash", ("Battles", "Armed clash")),
        ("Something new", "Odd", ("Something new", "Odd")),
    ],
)
def test_older_type_names(old, sub, expected):
    assert normalise_event_type(old, sub) == expected


def test_event_type_of():
    assert event_type_of("Air/drone strike") == "Explosions/Remote violence"
    with pytest.raises(KeyError):
        event_type_of("Dance")


@pytest.mark.parametrize(("i1", "i2", "code"), [(1, 2, 12), (2, 1, 12), (3, None, 30), (None, None, None), (7, 7, 77)])
def test_interaction(i1, i2, code):
    assert interaction(i1, i2) == code
