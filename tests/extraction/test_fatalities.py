"""Fatality counts: digits, words, "at least", ranges, vague quantities, none."""

from __future__ import annotations

import pytest

from extraction.fatalities import find_fatalities, parse_number

CASES = [
    ("killing at least 12 civilians and wounding 30", 12, None, ""),
    ("67 people have been tortured to death", 67, None, ""),
    ("2 QSD fighters were shot and killed near the village", 2, None, ""),
    ("twenty-two civilians were killed", 22, None, ""),
    ("between 10 and 15 people were killed", 10, 15, ""),
    ("between 43 and 52 persons were killed", 43, 52, ""),
    ("killing an opposition fighter", 1, None, ""),
    ("1 fatality.", 1, None, ""),
    ("Neither fatalities nor injuries were reported.", 0, None, ""),
    ("no casualties were reported", 0, None, ""),
    ("renewed shelling killed and wounded several civilians", None, None, "several"),
    ("dozens of fighters were killed", None, None, "dozens of"),
    ("An unspecified number of militants were killed", None, None, "an unspecified number of"),
    ("an explosion killed two children", 2, None, ""),
    ("the strikes killed a total of 1,502 people", 1502, None, ""),
]


@pytest.mark.parametrize(("text", "low", "high", "vague"), CASES)
def test_fatalities(text, low, high, vague):
    found = find_fatalities(text)
    assert found, text
    first = found[0]
    assert first.low == low
    if high is not None:
        assert first.high == high
    assert first.vague.lower() == vague


@pytest.mark.parametrize("text", ["5 people were wounded", "39 kilometres northwest of Hama", "On 29 April 2020, clashes"])
def test_not_fatalities(text):
    assert [m for m in find_fatalities(text) if m.low] == []


@pytest.mark.parametrize(("text", "value"), [("1,502", 1502), ("250,000", 250000), ("twenty-two", 22), ("two hundred", 200), ("seven", 7)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_a_long_victim_phrase_before_including_keeps_the_total():
    """"7 Fighters of the Islamic armed groups including a commander were killed" is 7."""
    from extraction.fatalities import find_fatalities

    found = find_fatalities("7 Fighters of the Islamic armed groups including a commander were killed during clashes.")
    assert [(m.low, m.high) for m in found if m.low] == [(7, 7)]
