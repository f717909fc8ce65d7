"""Fatality counts: digits, words, "at least", ranges, vague quantities, none."""

from __future__ import annotations

import pytest

from extraction.fatalities import find_fatalities, parse_number

CASES = [
    # (text, low, high, vague word): one count is its own low and high
    ("killing at least 12 civilians and wounding 30", 12, 12, ""),
    ("67 people have been tortured to death", 67, 67, ""),
    ("2 QSD fighters were shot and killed near the village", 2, 2, ""),
    ("twenty-two civilians were killed", 22, 22, ""),
    ("between 10 and 15 people were killed", 10, 15, ""),
    ("10-15 people were killed", 10, 15, ""),
    ("between 43 and 52 persons were killed", 43, 52, ""),
    ("killing an opposition fighter", 1, 1, ""),
    ("1 fatality.", 1, 1, ""),
    ("Neither fatalities nor injuries were reported.", 0, 0, ""),
    ("no casualties were reported", 0, 0, ""),
    ("renewed shelling killed and wounded several civilians", None, None, "several"),
    ("dozens of fighters were killed", None, None, "dozens of"),
    ("An unspecified number of militants were killed", None, None, "an unspecified number of"),
    ("an explosion killed two children", 2, 2, ""),
    ("the strikes killed a total of 1,502 people", 1502, 1502, ""),
    # tolls of several groups are added up, as ACLED codes them
    ("resulted in the killing of 4 regime and pro-regime fighters and 2 rebel fighters", 6, 6, ""),
    ("During the clashes, 8 IS and 2 QSD fighters were killed.", 10, 10, ""),
    ("killing 5 civilians and 3 soldiers were wounded", 5, 5, ""),
    # a long noun phrase with one "and" in it: where the victims came from
    ("more than 60 foreign mercenaries from the former Soviet Union Tunisia and Egypt were killed", 60, 60, ""),
    ("98 evacuees from the northern towns of Fuaa and Kafraya were killed", 98, 98, ""),
    # one person, told without a number
    ("One of the fighters of the Islamic factions was killed in clashes", 1, 1, ""),
    ("Al-Rahman fighters fired back, killing the HTS fighter.", 1, 1, ""),
    ("On 28 April 2020, a man's body was found in Al Bab city", 1, 1, ""),
    ("a man from Harasta city died under torture", 1, 1, ""),
    ("2 members of the regime's Air Force Intelligence were killed and a 3rd was injured", 2, 2, ""),
    ("Between 15 and 17 regime and pro-regime fighters were killed and 27 others were wounded.", 15, 17, ""),
    ("an unidentified gunmen shot dead 2 civilians in front of their houses", 2, 2, ""),
    # one person told by a title, a participle chain or a finding; two people told one by one (written)
    ("A rebel fighter was shot and killed by gunmen near the mosque.", 1, 1, ""),
    ("An HTS fighter was reported killed in the fighting.", 1, 1, ""),
    ("Faylaq al-Sham commander Abu Omar was assassinated by unknown gunmen in Sarmada.", 1, 1, ""),
    ("A YPG member was found killed near Tal Tamr.", 1, 1, ""),
    ("A member of the police was found dead in his house.", 1, 1, ""),
    ("A woman and a child were killed by a sniper in Deir ez-Zor.", 2, 2, ""),
    ("The clash resulted in the killing of the rebel fighter.", 1, 1, ""),
    ("The blast left a 9 year old boy dead.", 1, 1, ""),
    ("three soldiers, including an officer, were killed in the ambush", 3, 3, ""),
    ("gunmen opened fire on the car, killing between 2 to 4 fighters", 2, 4, ""),
    ("4 members of regime forces and pro-regime militias were killed in the ambush", 4, 4, ""),
    # killed, wounded and missing kept apart; scale words with decimals
    ("Shelling on Douma killed 3 people, wounded 12 and left 4 missing on Monday.", 3, 3, ""),
    ("the strikes killed 1.5 thousand people", 1500, 1500, ""),
    # deaths said to have happened, number unknown
    ("Casualties were reported on both sides.", None, None, "unknown number"),
    ("clashed with YPG fighters which resulted in YPG fatalities.", None, None, "unknown number"),
    ("There were unknown fatalities on both sides.", None, None, "unknown number"),
    ("Fatalities from both sides were reported.", None, None, "unknown number"),
    ("IS detonated a car causing human losses and injuries in the ranks of the regime forces.", None, None, "unknown number"),
    ("the clashes resulted in causalities on both sides", None, None, "unknown number"),  # a common misspelling
    ("No fatalities from either side were reported.", 0, 0, ""),
    ("with tens of regime and loyalist militia fighters reported dead", None, None, "tens of"),
    # one or two people who died of their wounds later; one person named as the object
    ("Gunmen shot and wounded a police officer in the town. He died two days later from his wounds.", 1, 1, ""),
    ("One person was injured by shelling and later died.", 1, 1, ""),
    ("A rebel fighter, as well as a civilian, succumbed to wounds sustained in the clashes.", 2, 2, ""),
    ("A fighter succumbed to his wounds on Monday.", 1, 1, ""),
    ("Gunmen opened fire and killed Ahmad Khalaf in Jasim on Sunday.", 1, 1, ""),
    # a headline with its punctuation stripped: the count after "killed" is the injured's
    ("One person killed 16 others injured in terrorists rocket attacks in Aleppo", 1, 1, ""),
    ("At least 14 people were killed 25 were wounded in a suicide attack on a wedding", 14, 14, ""),
    ("the blast killed 30 people injured 90 on Monday", 30, 30, ""),  # "injured 90": a clause of its own
    ("there were more than 20 dead and dozens wounded", 20, 20, ""),
    # the dead and wounded together are casualties, no death count
    ("the shelling caused several dozen dead and wounded", None, None, "several"),
    # fighters "destroyed" or "eliminated", the state media's words for killed
    ("The military and self-defense forces destroyed over 60 terrorists.", 60, 60, ""),
    ("Army units eliminated 15 ISIS terrorists in Deir Ezzor.", 15, 15, ""),
]


@pytest.mark.parametrize(("text", "low", "high", "vague"), CASES)
def test_fatalities(text, low, high, vague):
    found = find_fatalities(text)
    assert found, text
    first = found[0]
    assert (first.low, first.high, first.vague.lower()) == (low, high, vague)


@pytest.mark.parametrize("text", [
    "5 people were wounded", "39 kilometres northwest of Hama", "On 29 April 2020, clashes",
    # a plural object is no single death; a denial is no toll
    "airstrikes killed the civilians", "QSD captured the village with no information about casualties reported.",
    # a headline's capitalised words are no person's name; plural fighters are no single death
    "Airstrike Killed Three Injured Dozens", "Shelling killed At Khan Sheikhun", "The raids killed Free Syrian Army fighters in Idlib",
    "state media claimed 49 opposition fighters were killed and wounded in fighting", "the mortar left seven people injured",
    # a dateline's numbers are no toll
    "23-04-2016 Child killed", "12/07/2015 Syria Civilian Killed",
    # things destroyed are no dead
    "The army destroyed 13 vehicles and 4 tanks.", "Units destroyed two dens for ISIL terrorists.",
])
def test_not_fatalities(text):
    assert find_fatalities(text) == []


@pytest.mark.parametrize(("text", "value"), [("1,502", 1502), ("250,000", 250000), ("twenty-two", 22), ("two hundred", 200), ("seven", 7)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_a_long_victim_phrase_before_including_keeps_the_total():
    """"7 Fighters of the Islamic armed groups including a commander were killed" is 7."""
    from extraction.fatalities import find_fatalities

    found = find_fatalities("7 Fighters of the Islamic armed groups including a commander were killed during clashes.")
    assert [(m.low, m.high) for m in found] == [(7, 7)]


@pytest.mark.parametrize(("text", "total"), [
    # the parts after "including" / "among them" are inside the total, never added to it or taken for it
    ("6 civilians including a woman and two children were killed by rocket shells.", 6),
    ("At least 18 civilians including five children and two women were killed in the raids.", 18),
    ("At least 11 civilians - among them four women and four children - were killed in the strikes.", 11),
    ("Another seven people including four women and two children were killed in raids on Kafr Takharim.", 7),
    # two groups joined by "and" are still a sum
    ("4 regime fighters and 2 rebel fighters were killed in the clashes.", 6),
    # ... but the hurt after "injuring" are no part of the dead
    ("The shell fell inside a classroom killing seven students and injuring a female teacher and 19 others.", 7),
])
def test_a_total_with_its_parts_is_the_total(text, total):
    from extraction.fatalities import find_fatalities

    assert [m.low for m in find_fatalities(text) if m.low is not None] == [total]


def test_the_day_of_a_dateline_is_no_toll_before_including():
    """"AFP Wednesday 22 Jul 2015 At least 12 civilians including four children were killed": the total before
    "including" is the 12, not the dateline's day."""
    text = "AFP Monday 6 Jun 2016 At least 17 civilians including eight children were killed in air strikes on a market."
    assert [(m.low, m.high) for m in find_fatalities(text)] == [(17, 17)]


@pytest.mark.parametrize(("text", "count"), [
    # people named one by one after the verb, or "the life of" one
    ("Terrorists fired rocket shells on the neighbourhood claiming the lives of a man and his wife.", 2),
    ("The shelling killed a man and a woman in the town.", 2),
    ("Rocket shells fell on the city claiming the life of a woman and injuring 19.", 1),
    ("A man and his son were killed in the shelling.", 2),
])
def test_people_named_one_by_one(text, count):
    from extraction.fatalities import find_fatalities

    assert [m.low for m in find_fatalities(text) if m.low is not None] == [count]
