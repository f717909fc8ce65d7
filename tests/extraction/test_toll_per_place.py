"""One event per place of a list, each with the toll written with it (never the toll counted at every place)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extraction.conftest import extract

REUTERS = (
    "AMMAN (Reuters) - Russian and Syrian jets resumed intensive strikes on rebel-held areas of southern Idlib and northern "
    "Hama on Sunday, rebels and residents said, as Damascus stepped up its assault on the last major opposition stronghold.\n"
    "At least 15 helicopters dropped barrel bombs on al-Habeet, with at least two children killed, and on the nearby village "
    "of Abdin, a civil defence official said.\n"
    "Damascus, backed by Russia and Iran, has been preparing a major assault to recover Idlib."
)


def _tolls(events) -> dict:
    return {e.location_text: e.fatalities for e in events}


def test_the_reuters_paragraph(pipeline):
    """al-Habeet and Abdin are two strikes; the two children belong to al-Habeet; nothing happened in Damascus."""
    events = extract(pipeline, REUTERS, published=date(2018, 9, 9))
    assert [(e.sub_event_type, e.location_text) for e in events] == [("Air/drone strike", "al-Habeet"), ("Air/drone strike", "Abdin")]
    strikes = {e.location_text: e for e in events}
    assert (strikes["al-Habeet"].fatalities, strikes["Abdin"].fatalities) == (2, None)
    assert strikes["al-Habeet"].admin1 == strikes["Abdin"].admin1 == "Idlib"
    # Helicopters and barrel bombs are the Syrian government's (ACLED codes them so).
    assert strikes["al-Habeet"].actor1 == strikes["Abdin"].actor1 == "Military Forces of Syria"
    assert all(e.location != "Damascus" for e in events)
    assert not [e for e in events if "preparing" in e.notes]  # a preparation is no event


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        ("Air strikes hit Saraqib, killing three, and Maarat al-Numan, killing two.", {"Saraqib": 3, "Maarat al-Numan": 2}),
        ("Air strikes on Saraqib and Maarat al-Numan killed five civilians.", {"Saraqib": 5, "Maarat al-Numan": None}),
        ("Two people were killed in air strikes on Saraqib and Maarat al-Numan.", {"Saraqib": 2, "Maarat al-Numan": None}),
    ],
)
def test_a_toll_is_counted_once(pipeline, text, tolls):
    """A toll between two places is the first's; one for the whole list goes to its first place, never to each."""
    assert _tolls(extract(pipeline, text)) == tolls


def test_a_toll_told_of_the_day_before_is_not_this_events(pipeline):
    # "a day after ...": what follows tells an earlier event; its 80 dead are not the shelling's
    events = extract(pipeline, "Syrian tanks shelled the central city of Hama on Monday, killing four civilians, residents said, "
                               "a day after rights groups said security forces killed 80 there.", published=date(2011, 8, 1))
    shelling = [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert [(e.location, e.actor1, e.fatalities) for e in shelling] == [("Hama", "Military Forces of Syria", 4)]


@pytest.mark.parametrize(
    "text",
    [
        "Damascus has been preparing a major assault to recover Idlib.",
        "The army denied carrying out the strike on Maarat al-Numan.",
        "Turkey threatened a new offensive against the YPG in Manbij.",
        "Activists warned of an imminent attack on Idlib.",
        "Rebels called for an end to the shelling of Douma.",
        "Islamic State fighters were preparing for a massive offensive on the Salamiyah-Ithriya road.",
    ],
)
def test_plans_threats_warnings_denials_and_demands_are_no_events(pipeline, text):
    assert extract(pipeline, text) == ()


def test_a_report_next_to_a_plan_stays(pipeline):
    events = extract(pipeline, "The army shelled Kafr Zita as it prepared an offensive on Khan Sheikhoun.")
    assert [e.location_text for e in events] == ["Kafr Zita"]


def test_a_monthly_toll_is_a_statistic_not_an_event(pipeline):
    """The seed's "67 people tortured to death in November" is a month's count, not a 67-fatality event."""
    text = ("Also on Wednesday, the Syrian Network for Human Rights said that 67 people have been tortured to death "
            "inside regime and rebel detention facilities in November.")
    assert extract(pipeline, text, published=date(2015, 12, 2)) == ()
    events = extract(pipeline, "Two people were killed in shelling on Douma in November.", published=date(2015, 12, 2))
    assert [(e.location_text, e.fatalities, e.event_date, e.time_precision) for e in events] == [
        ("Douma", 2, date(2015, 11, 15), 3)]  # one event, dated to its month
    # two months or more before the publication's month, with no day: recalled, reported at the time
    assert extract(pipeline, "Kurdish-led forces retook Manbij in August after months of fighting.",
                   published=date(2016, 10, 20)) == ()


def test_a_place_located_by_another_still_heads_a_list(pipeline):
    """"on X near Khan Shaykhun on Sunday, with two children killed, and on the nearby village of Abdin": the
    reference that locates X and the day between them do not break the list: two strikes, the toll with X."""
    text = ("At least 15 helicopters dropped barrel bombs on the village of Kafr Nabl near Khan Shaykhun on Sunday, "
            "with at least two children killed, and on the nearby village of Abdin, a civil defence official said.")
    tolls = _tolls(e for e in extract(pipeline, text, published=date(2018, 9, 9)) if e.sub_event_type == "Air/drone strike")
    assert tolls == {"Kafr Nabl": 2, "Abdin": None}


def test_a_toll_broken_down_by_place_gives_each_place_its_count(pipeline):
    # Written for this test in the style of a monitor's round-up.
    from datetime import date as _date

    from extraction.records import Article

    text = ("A total 20 civilians were killed in airstrikes by regime aircraft on Aleppo on Tuesday "
            "including 9 in the neighborhood of Sukkari, 8 in Ansari and 3 in Kallaseh.")
    events = pipeline.extract(Article(text=text, published=_date(2016, 11, 30), article_id="t")).events
    got = sorted((e.location_text, e.fatalities) for e in events)
    assert got == [("Ansari", 8), ("Kallaseh", 3), ("Sukkari", 9)]


def test_a_count_for_two_places_goes_to_the_first_alone(pipeline):
    from datetime import date as _date

    from extraction.records import Article

    text = ("Airstrikes killed 14 civilians in Aleppo on Tuesday including 9 in Sukkari, 3 in Ansari and "
            "Kallaseh and 2 in Bustan al-Qasr.")
    events = pipeline.extract(Article(text=text, published=_date(2016, 11, 30), article_id="t")).events
    got = dict((e.location_text, e.fatalities) for e in events)
    assert got == {"Sukkari": 9, "Ansari": 3, "Kallaseh": None, "Bustan al-Qasr": 2}


# Written for these tests in the style of a monitor's round-up; "Bab Qinnasrin Gate" and "Karm Zaytun Jadid" are names
# the gazetteer does not know (made up), "Salah Addin" a loose spelling of Aleppo's Salah Ad-Deen.
def test_an_unknown_neighbourhood_is_placed_at_its_city(pipeline):
    """An unknown part of a known city is an event at the city (geo_precision 2), named as written."""
    text = "Regime aircraft killed 12 civilians in the neighbourhood of Bab Qinnasrin Gate in Aleppo on Tuesday."
    events = extract(pipeline, text, published=date(2016, 11, 30))
    assert [(e.location, e.location_text, e.geo_precision, e.fatalities) for e in events] == [
        ("Aleppo", "Bab Qinnasrin Gate", 2, 12)
    ]


def test_the_city_of_an_unknown_neighbourhood_comes_from_the_sentences_before(pipeline):
    text = ("Airstrikes hit eastern Aleppo on Monday, activists said.\n"
            "On Tuesday regime aircraft killed 12 civilians in the neighbourhood of Bab Qinnasrin Gate.")
    events = extract(pipeline, text, published=date(2016, 11, 30))
    placed = {e.location_text: (e.location, e.geo_precision) for e in events}
    assert placed["Bab Qinnasrin Gate"] == ("Aleppo", 2)


def test_unknown_places_of_a_breakdown_keep_their_own_tolls(pipeline):
    """Places the gazetteer does not know stand at the city or governorate, each with its count: never merged
    into a known place's event, nor into each other."""
    text = ("A total 20 civilians were killed in airstrikes by regime aircraft on Aleppo on Tuesday "
            "including 9 in the neighborhood of Sukkari, 5 in Karm Zaytun Jadid and 4 in the district of Bab Qinnasrin Gate.")
    events = extract(pipeline, text, published=date(2016, 11, 30))
    assert sorted((e.location_text, e.fatalities) for e in events) == [
        ("Bab Qinnasrin Gate", 4), ("Karm Zaytun Jadid", 5), ("Sukkari", 9)
    ]


def test_a_list_toll_written_after_every_place_stays_with_the_known_place(pipeline):
    """A toll for the whole list goes to the first place; an unknown first place does not split it off as its own."""
    text = ("Clashes and airstrikes on Tall Zaytun Jadid and Maghar al-Hammam resulted in the killing of 47 fighters "
            "on 10 August 2019.")
    events = extract(pipeline, text, published=date(2019, 8, 10))
    assert sum(1 for e in events if e.fatalities == 47) <= 1
    assert all(e.geo_precision != 3 or e.fatalities is None for e in events)


def test_a_loosely_spelled_name_of_a_stripped_list_is_not_cut(pipeline):
    """FA-KES strips commas: "Marjah and Salah Addin" lists Marjah and one neighbourhood, not "Salah" and "Addin"."""
    text = ("The raids killed 30 people in Aleppo on Tuesday the activists said and many more were injured in the raids "
            "which came after a week of heavy shelling of the eastern districts of the city by the regime forces and "
            "their allies who have been trying for weeks to take back the rebel held part of the city from the factions "
            "including 1 in each of the districts of Marjah and Salah Addin as the bombing went on into the night.")
    events = extract(pipeline, text, published=date(2016, 11, 30))
    assert "Salah Ad-Deen" in {e.location for e in events}
    assert not {"Sali", "Aedin"} & {e.location for e in events}


def test_the_victims_sentence_tells_how_the_massacre_was_done(pipeline):
    """"... a massacre in X killing 25. The victims were hit by airstrikes": one air strike at X with 25 dead."""
    text = ("The regime on Tuesday committed a massacre in the neighborhood of Bab Qinnasrin Gate in Aleppo killing 25 civilians. "
            "The victims were hit by regime airstrikes while trying to flee on foot.")
    events = extract(pipeline, text, published=date(2016, 11, 30))
    assert [(e.sub_event_type, e.location_text, e.fatalities) for e in events] == [("Air/drone strike", "Bab Qinnasrin Gate", 25)]


def test_a_toll_told_with_the_events_named_again_is_theirs(pipeline):
    """"18 IS fighters were killed as a result of the clashes and the airstrikes": the toll of the clash told before."""
    text = ("Clashes took place between Syrian Democratic Forces and Islamic State fighters in Al-Bahra in Deir-ez-Zor. "
            "Clashes were accompanied by airstrikes by Global Coalition warplanes. "
            "18 Islamic State fighters were killed as a result of the clashes and the airstrikes.")
    events = extract(pipeline, text, published=date(2018, 1, 1))
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Armed clash", 18)]


def test_a_count_told_sentences_later_is_not_the_event_toll(pipeline):
    """A toll-only sentence right after an event tells its toll; one told several sentences on (a video described, a
    corridor of bodies) is not added to it."""
    text = ("Rockets hit the town of Zamalka before dawn on Wednesday, activists said. "
            "The United Nations team arrived in Damascus three days ago. "
            "It is investigating allegations about the use of poison gas. "
            "Extensive amateur video appeared on the Internet. "
            "In a corridor outside lay another five bodies.")
    (event,) = extract(pipeline, text)
    assert event.fatalities is None


def test_a_toll_in_the_next_sentence_is_the_event_toll(pipeline):
    text = "Rockets hit the town of Zamalka before dawn on Wednesday, activists said. Five people were killed."
    (event,) = extract(pipeline, text)
    assert event.fatalities == 5


def test_the_days_share_of_a_running_toll_is_the_events(pipeline):
    # "has killed at least 32" spans two days of bombing; "on Wednesday alone killed at least 21" is the day's
    text = ("Air strikes pounded neighbourhoods of rebel-held eastern Aleppo on Wednesday in a second day of renewed bombing "
            "that has killed at least 32 people, a war monitor said. The Syrian Observatory said the air strikes on eastern "
            "Aleppo on Wednesday alone killed at least 21 people including five children.")
    strikes = [e for e in extract(pipeline, text, published=date(2016, 11, 16)) if e.sub_event_type == "Air/drone strike"]
    assert [e.fatalities for e in strikes] == [21]


def test_a_toll_told_for_a_wider_area_gives_way_to_the_towns_own(pipeline):
    # the first sentence's 85 covers villages across the north; the town's own report says 15 died there
    text = ("Air raids on villages in northern Syria killed at least 85 civilians on Tuesday, activists said. "
            "The raids came a day after coalition air strikes on the town of Manbij when at least 15 civilians were killed.")
    strikes = [e for e in extract(pipeline, text, published=date(2016, 7, 19)) if e.location == "Menbij"]
    assert [e.fatalities for e in strikes] == [15]


def test_a_part_of_the_dead_told_at_the_town_leaves_the_whole_toll(pipeline):
    # "the passenger also died" (commas stripped, as some outlets' text comes) counts one of the dead, not all four
    text = ('A suicide bomber killed four people at a hospital in Syria on Sunday, a monitor said. "The explosion that hit '
            'the town of Qardaha was caused by a suicide bomber driving a car along with another person" said the '
            'Observatory adding that the passenger likely an accomplice also died in the blast.')
    (bombing,) = extract(pipeline, text, published=date(2015, 2, 22))
    assert (bombing.location, bombing.fatalities) == ("Al-Qardaha", 4)


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        # a count told with its own place is that place's, not a sum over the sentence
        ("Russian air strikes on Sunday killed 45 civilians in Saraqib and 22 in Maarat al-Numan, the Observatory said.",
         {"Saraqib": 45, "Maarat al-Numan": 22}),
        # "in and around" a town is in it
        ("Regime air strikes on Sunday killed 31 civilians in and around Douma and 5 in Harasta, the Observatory said.",
         {"Douma": 31, "Harasta": 5}),
    ],
)
def test_a_count_told_with_its_place(pipeline, text, tolls):
    assert _tolls(extract(pipeline, text, published=date(2016, 8, 14))) == tolls


def test_a_follow_up_toll_for_a_list_goes_to_its_first_place(pipeline):
    """"hit positions in Kafr Zita Jeb al-Rayan and Kafr Nabouda. ... 7 terrorists were killed in the airstrikes": one
    total for the three strikes, given once (to the first place), not counted at each of them."""
    text = ("The army's air force hit positions of Jaish al-Fateh in Kafr Zita, Jeb al-Rayan and Kafr Nabouda in the "
            "northern countryside of Hama province on Wednesday.\n"
            "Seven terrorists were killed and five were injured in the airstrikes.\n")
    tolls = [e.fatalities for e in extract(pipeline, text, published=date(2016, 2, 17)) if e.sub_event_type == "Air/drone strike"]
    assert len(tolls) == 3 and tolls[0] == 7 and tolls[1:] == [None, None]
