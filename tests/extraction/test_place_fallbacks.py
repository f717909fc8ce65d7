"""Governorate fallbacks when the event's place is a region, the country, or unknown."""

from __future__ import annotations

from datetime import date

import pytest

from extraction.pipeline import Pipeline
from extraction.settings import ExtractionSettings
from tests.extraction.conftest import extract

CASES = [
    # A region around Damascus stays in Rif Dimashq even when written "of Damascus" (the city-only governorate);
    # the region's point is the place (precision 2), the unknown village in it is not guessed.
    ("Rebels recaptured the Qaryat Zanuna area from Jaysh al-Islam in the eastern Ghouta of Damascus.", "Rif Dimashq", 2),
    # The country as the event's place is coarser than the governorate the sentence names.
    ("Regime forces shelled rebel positions in southern Syria, in Daraa province.", "Daraa", 3),
    # Regression guards: a governorate named as the container of a place next to the event's place holds for it.
    ("Rebels repelled a regime attempt to advance on the Qaryat Zanuna neighborhood of Harasta in Rural Damascus.", "Rif Dimashq", 2),
    ("Rebels clashed with gunmen in the area between Qaryat Zanuna and Sarmin in the countryside of Idleb.", "Idlib", 2),
]


@pytest.mark.parametrize(("text", "admin1", "precision"), CASES)
def test_fallback_governorate(pipeline, text, admin1, precision):
    assert [(e.admin1, e.geo_precision) for e in extract(pipeline, text)] == [(admin1, precision)]



def test_container_of_a_place_in_another_clause_does_not_move_a_known_town(pipeline):
    """"X in Idleb" says where X is, not where Kafr Zita (Hama), named 60 characters before, lies."""
    text = "Clashes took place in Kafr Zita town district as part of the regime's attempt to advance towards Qaryat Zanuna in Idleb."
    events = extract(pipeline, text)
    assert (events[0].location_text, events[0].admin1, events[0].geo_precision) == ("Kafr Zita", "Hama", 1)
    # An unknown place there still takes the governorate the sentence names.
    events = extract(pipeline, text.replace("Kafr Zita", "Qaryat Fixturiye"))
    assert (events[0].admin1, events[0].geo_precision) == ("Idlib", 3)


def test_every_place_of_a_between_list_is_a_reference(pipeline):
    """"between Daraa, Quneitra, and Damascus" are reference points; "in the Sa'sa area" is the place."""
    (event,) = extract(pipeline, "Regime forces shelled the area between Daraa, Quneitra, and Damascus, in the Sa'sa area.")
    assert (event.location_text, event.admin1) == ("Sa'sa", "Rif Dimashq")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russian jets struck rebel-held areas of southern Idlib on Sunday, as Damascus stepped up its assault on the last opposition stronghold.", "Idlib"),
        ("Damascus's forces shelled Douma on Monday, killing two.", "Duma"),
        ("Damascus said the attack killed five soldiers in Hama.", "Hama"),
        ("Rebels shelled Harasta on Monday, an attack which Damascus touts as proof of the rebels' terrorism.", "Harasta"),
        # the capital as the side one stands with or against
        ("Militiamen loyal to Damascus shelled Kafr Batna on Monday.", "Kafr Batna"),
        ("Rebels who signed a truce with Damascus came under fire in Kafr Batna on Monday.", "Kafr Batna"),
    ],
)
def test_the_capital_standing_for_the_government_is_no_event_place(pipeline, text, place):
    """"Damascus stepped up", "Damascus's forces", "Damascus said": the government acts; nothing happened in Damascus."""
    assert [e.location for e in extract(pipeline, text)] == [place]


@pytest.mark.parametrize("text", [
    "Moscow and Damascus say their jets will resume bombing on Friday evening.",
    "The opposition says Damascus and its Russian and Iranian allies bombed hospitals on Monday.",
])
def test_the_capital_with_its_allies_is_the_government(pipeline, text):
    """"Moscow and Damascus say", "Damascus and its Russian and Iranian allies bombed": the governments act."""
    assert [e.location for e in extract(pipeline, text) if e.location == "Damascus"] == []


@pytest.mark.parametrize("text", ["Shelling hit Damascus on Sunday, killing three.", "Mortar shells fell on Damascus and its countryside."])
def test_damascus_as_a_place_stays_a_place(pipeline, text):
    assert [e.location for e in extract(pipeline, text)] == ["Damascus"]


def test_the_country_alone_places_no_strike(pipeline):
    # With no governorate named there is no place ACLED would code: no event, unless keep_unplaced asks
    # for country-level events.
    text = "Regime forces shelled rebel positions in southern Syria."
    assert extract(pipeline, text) == ()
    keeping = Pipeline(gazetteer=pipeline.gazetteer, settings=ExtractionSettings(keep_unplaced=True))
    (event,) = extract(keeping, text)
    assert (event.admin1, event.geo_precision) == (None, 3)


@pytest.mark.parametrize("text", [
    "Government forces arrested dozens of activists across Syria on Monday.",
    "Gunmen looted shops and homes in Syria's north.",
    "The Islamic State group has seized large parts of Syrias east and Iraqs west.",  # apostrophes stripped (FA-KES)
])
def test_a_local_development_at_country_level_is_no_event(pipeline, text):
    # An arrest, a looting or a capture happens somewhere: with only the country named, ACLED codes nothing.
    assert extract(pipeline, text) == ()


@pytest.mark.parametrize(("text", "sub"), [
    ("Russia and Turkey announced a deal that would establish a nationwide ceasefire in Syria.", "Agreement"),
    ("Ansar al Tawhid announced that it had merged with Hurras al-Din.", "Change to group/activity"),
])
def test_a_national_development_stays_at_country_level(pipeline, text, sub):
    assert [(e.sub_event_type, e.geo_precision) for e in extract(pipeline, text)] == [(sub, 3)]


@pytest.mark.parametrize("written", ["Syrias", "Syria's", "Syria’s", "Iraqs", "Turkeys"])
def test_a_possessive_country_is_the_country_or_abroad(written):
    from extraction.placecues import is_country, is_foreign

    assert is_country(written) or is_foreign(written)
    assert not is_foreign("Homs") and not is_country("Homs")


@pytest.mark.parametrize("text", [
    "Russian jets targeted Aleppo's opposition-held Atarib district on Monday.",
    "Russian jets targeted Aleppos opposition-held Atarib district on Monday.",  # apostrophe stripped (FA-KES)
])
def test_the_owner_named_with_a_possessive_holds_the_place_after_it(pipeline, text):
    (event,) = extract(pipeline, text)
    assert (event.location, event.admin1, event.geo_precision) == ("Atareb", "Aleppo", 1)


@pytest.mark.parametrize("text", [
    "Opposition forces and Western states accused the Syrian government troops of carrying out the attack while "
    "Damascus refuted these allegations with an army source telling reporters that the army did not possess chemical weapons.",
])
def test_a_capital_that_denies_or_refutes_is_the_government(pipeline, text):
    assert all(e.location != "Damascus" for e in extract(pipeline, text))


def test_a_part_of_the_country_named_by_direction_is_no_place(pipeline):
    from extraction.records import Article
    from datetime import date as _date
    text = "Russian jets bombed rebel positions in northern Syria on Monday, a monitor said."
    result = pipeline.extract(Article(text=text, published=_date(2016, 6, 30), article_id="t"))
    assert result.events == ()


def test_an_allegiance_is_no_place(pipeline):
    text = ("A car bomb exploded near a checkpoint on Sunday. There was no immediate claim of responsibility for the "
            "attack, which pro-Damascus media said was carried out by a suicide car bomber.")
    assert all(e.location != "Damascus" for e in extract(pipeline, text))


@pytest.mark.parametrize("text", [
    "Rockets with chemical agents hit the Damascus suburbs of Zamalka and Jobar before dawn on Wednesday, activists said.",
    "Government warplanes bombed the Idlib towns of Saraqib and Binnish on Wednesday, killing four civilians.",
])
def test_a_governorate_that_names_where_the_places_after_it_lie_is_no_event_place(pipeline, text):
    """"the Damascus suburbs of Zamalka and Jobar": the governorate says where the places after it lie; the
    places listed are the events' places, one event each."""
    events = extract(pipeline, text)
    assert len(events) == 2 and all(e.geo_precision == 1 for e in events)
    # Jobar lies in Damascus governorate: "the Damascus suburbs" says where the list lies loosely, it does not move it.
    expected = {"Zamalka": "Rif Dimashq", "Jobar": "Damascus"} if "Damascus" in text else {"Saraqab": "Idlib", "Bennsh": "Idlib"}
    assert {e.location: e.admin1 for e in events} == expected


@pytest.mark.parametrize(("text", "place", "admin1"), [
    # OCHA puts Beit Sahm and Herfa in Rif Dimashq, a few km over the border of the governorate the text names.
    ("A fighter was wounded on the front of Beit Sahm in southern Damascus.", "Beit Sahm", "Rif Dimashq"),
    ("Rebels shelled Herfa village in the Quneitra countryside, wounding two children.", "Herfa", "Rif Dimashq"),
])
def test_a_known_place_just_over_the_named_governorates_border_is_that_place(pipeline, text, place, admin1):
    assert [(e.location, e.admin1) for e in extract(pipeline, text)] == [(place, admin1)]


def test_a_homonym_far_from_the_named_governorate_is_not_the_place(pipeline):
    """Kafr Zita is a Hama town 40 km and more from any Daraa community: "Kafr Zita in Daraa" is another, unknown one."""
    events = extract(pipeline, "Regime forces shelled Kafr Zita in Daraa province.")
    assert [(e.admin1, e.geo_precision) for e in events] == [("Daraa", 3)]


def test_the_one_neighbourhood_of_the_chosen_city_named_with_it_is_the_place(pipeline):
    text = "Air raids on rebel-held parts of Aleppo killed 13 civilians on Monday, most of them in the Bab al-Maqam neighbourhood."
    assert [(e.location, e.fatalities) for e in extract(pipeline, text)] == [("Bab Al-Maqam", 13)]
    # two of its neighbourhoods named: no one of them is the place of the whole toll
    two = "Air raids on rebel-held parts of Aleppo killed 13 civilians on Monday in the Bab al-Maqam and Sakhour neighbourhoods."
    assert "Aleppo" in [e.location for e in extract(pipeline, two)]


@pytest.mark.parametrize("text", [
    "Air strikes on a market in the Al Qaeda-held city of Idlib killed at least 21 civilians on Sunday.",
    "Air strikes on a market in the IS-held town of Mayadin killed at least 21 civilians on Sunday.",
    "Air strikes on a market in the rebel-held city of Idlib killed at least 21 civilians on Sunday.",
])
def test_the_side_holding_the_place_is_not_the_target_of_a_strike_that_killed_civilians(pipeline, text):
    """"X-held" says who holds the town, whether the lexicon knows the form ("rebel-held") or only the name."""
    assert [(e.actor2, e.fatalities) for e in extract(pipeline, text)] == [("Civilians", 21)]


@pytest.mark.parametrize("text", [
    "Regime forces clashed with Sunni rebel groups on Monday.",  # OCHA's Rihana is also "Suna"
    "IS clashed with Arab tribal fighters on Monday.",  # Rasm Al-Arraba
    "IS clashed with Kurdish fighters on Monday.",  # Kadrish, by its consonants
])
def test_a_communitys_name_is_no_place(pipeline, text):
    assert [e.location_text for e in extract(pipeline, text)] in ([], [None])


def test_a_homonym_is_the_one_near_the_sentences_around_it(pipeline):
    """Idlib's Jisr al-Shughour is named earlier in the article, but al-Mansoureh is told just after Aleppo: of the
    villages spelled alike, the one near the places of the sentences around it (geo.Locator._local_homonym)."""
    text = ("Army units destroyed hideouts of al-Nusra in Bishlamoun and Jisr al-Shughour in the countryside of Idleb on "
            "Tuesday. The source said the terrorists suffered heavy losses. Residents said the bombardment went on for hours. "
            "In northern Syria army units shelled terrorist positions in the Sheikh Maqsoud neighbourhood of Aleppo city. "
            "Army units also killed al-Nusra terrorists in operations against their hideouts in al-Mansoureh village.")
    events = extract(pipeline, text, published=date(2015, 7, 7))
    mansoureh = [e for e in events if e.location_text == "al-Mansoureh"]
    assert [e.admin1 for e in mansoureh] == ["Aleppo"]


def test_a_quarter_said_to_lie_in_one_city_is_not_moved_there_where_it_is_listed_with_anothers_quarters(pipeline):
    """A round-up names al-Sabil of Aleppo with Aleppo's quarters, then al-Sabil of Daraa as part of Daraa: the
    later sentence's "in Daraa" does not move the first mention (geo.Locator._within_for)."""
    text = ("Terrorists fired rocket shells on the Faculty of Law in Aleppo city on Sunday, injuring a student.\n"
            "The terrorists also fired rocket shells on the neighborhoods of al-Sabil, al-Furqan and al-Midan, "
            "killing two persons.\n"
            "Jabhat al-Nusra terrorists also fired rocket shells on al-Sabil neighborhood in Daraa city, injuring three people.")
    events = extract(pipeline, text, published=date(2016, 11, 20))
    sabil = sorted(("Nusra" in e.notes, e.admin1) for e in events if e.location_text == "al-Sabil")
    assert sabil == [(False, "Aleppo"), (True, "Daraa")]


@pytest.mark.parametrize(("text", "admin1"), [
    # villages spelled alike: the one where the sentence's actors fight (extraction/data/actor_areas.csv)
    ("Islamic State fighters attacked QSD forces in the town of al-Bahra with no injuries reported.", "Deir ez-Zor"),
    ("Islamic State fighters attacked a QSD patrol in the village of Yamama with no injuries reported.", "Ar-Raqqa"),
    # guard: a governorate the text names decides
    ("Islamic State fighters attacked QSD forces in the town of al-Bahra in Hama countryside.", "Hama"),
])
def test_a_homonym_is_the_one_where_the_actors_fight(pipeline, text, admin1):
    (event,) = extract(pipeline, text, published=date(2018, 6, 1))
    assert event.admin1 == admin1


@pytest.mark.parametrize(("text", "place"), [
    ("The Syrian army is heavily shelling the Aqrab area near the Hamdaniyah Housing Project in Aleppo on Monday.", "Aqrab"),
    ("The Observatory reported at least 12 people killed in regime air strikes on the Ain Tarma area outside the capital "
     "Damascus on Tuesday.", "Ain Tarma"),
])
def test_an_area_named_right_after_the_verb_is_the_place(pipeline, text, place):
    """The verb's object, even an "area" (precision 2), before a town named after it as a landmark."""
    assert [e.location_text for e in extract(pipeline, text)][:1] == [place]


@pytest.mark.parametrize("text", [
    "Two rebel factions clashed on Monday in Afrin city in Aleppo.",
    "Two rebel factions clashed on Monday in the city of Afrin in Aleppo.",
])
def test_a_name_written_as_a_city_is_the_city_not_a_village_spelled_alike(pipeline, text):
    # The table also lists a village called Afrin 16 km from Aleppo city, which "in Aleppo" would favour.
    (event,) = extract(pipeline, text, published=date(2019, 7, 8))
    assert (event.location, event.admin2, round(event.latitude, 1)) == ("Afrin", "Afrin", 36.5)


def test_a_place_the_event_came_within_some_distance_of_is_a_reference_not_the_place(pipeline):
    (event,) = extract(pipeline, "On Monday the rebels' offensive came within 10 km of Qardaha.", published=date(2013, 8, 12))
    assert (event.location, event.geo_precision) == ("Al-Qardaha", 2)


@pytest.mark.parametrize(("text", "place"), [
    # where people are evacuated or bussed to is their destination; the deal is where they leave
    ("A deal was reached on Monday that will see rebels evacuated to Idlib from the Damascus suburb of Qudsaya.", "Qudsiya"),
    ("A deal reached in Madaya on Monday will see the fighters bussed to Jarablus.", "Madaya"),
])
def test_where_people_are_moved_to_is_no_event_place(pipeline, text, place):
    assert [e.location for e in extract(pipeline, text)] == [place]


def test_a_list_whose_places_carry_their_kind_is_one_event_per_place(pipeline):
    """"al-Reshdia neighborhood, al-Tharda mount and Ayash village": each place may carry its kind after it (SANA's
    lists); "X mount" is a place cue."""
    text = "Army units killed 15 IS terrorists in al-Reshdia neighborhood, al-Tharda mount and Ayash village in Deir Ezzor."
    assert "Ayyash" in [e.location for e in extract(pipeline, text)]


def test_a_place_given_only_as_a_distance_and_bearing_is_put_at_that_point(pipeline):
    """"the village 50km Northeast of Aleppo city": not Aleppo (50 km off) but the community nearest the point geopy
    computes, with geo_precision 2 (the village, Salsana, lies 1 km from Tarhin)."""
    (event,) = extract(pipeline, "US warplanes targeted the residential areas in the village 50km Northeast of Aleppo city "
                                 "and killed over 60 civilians.", published=date(2016, 10, 6))
    assert (event.location, event.admin1, event.geo_precision) == ("Tarhin", "Aleppo", 2)
    assert "50 km at bearing 45 from Aleppo" in event.location_source


def test_a_short_distance_keeps_the_town_as_acled_codes_it(pipeline):
    """"8 km west of Ain al-Arab": ACLED codes the town itself, as near it (geo_precision 2)."""
    (event,) = extract(pipeline, "Turkish border guards targeted a Russian observation post 8 km west of Ain al-Arab city, "
                                 "killing a fighter.", published=date(2020, 5, 6))
    assert event.location == "Ain Al Arab" and event.geo_precision == 2


def test_provinces_a_place_lies_between_do_not_place_the_event(pipeline):
    """"Tarif Bridge ... that extends between Deir Ezzor and Raqqa provinces": the provinces bound the bridge, they
    do not put the strike in Raqqa; the strike is at the bridge's town."""
    (event,) = extract(pipeline, "Coalition airstrikes destroyed Tarif Bridge in the Western countryside that extends "
                                 "between Deir Ezzor and Raqqa provinces.", published=date(2016, 10, 6))
    assert (event.location, event.admin1) == ("Tarif", "Deir ez-Zor")



def test_a_village_before_said_after_its_cue_is_a_place_not_a_speaker(pipeline):
    """FA-KES strips the comma: "on the village of Ghandoura said the Observatory" - a place, not someone speaking."""
    (event,) = extract(pipeline, "Civilians were targeted in the coalition jets bombardment in the town of Ghandoura said "
                                 "the Syrian Observatory for Human Rights.", published=date(2016, 7, 29))
    assert (event.location, event.admin1) == ("Ghandorah", "Aleppo")


def test_an_unknown_village_takes_the_governorate_another_sentence_names_with_it(pipeline):
    """"Taduf which lies in the northeast of Syria's Aleppo province": an unknown village told alone elsewhere is still
    in Aleppo, not in the governorate a photo caption named (Hasakeh)."""
    text = ("A man runs near destroyed buildings in the northeastern city of Hasakeh on Monday (AFP photo)\n"
            "A woman and her three children were killed when helicopters dropped a barrel bomb on the village of Tadufiyeh.\n"
            "Tadufiyeh which lies in the northeast of Syria's Aleppo province is controlled by the Islamic State group.\n")
    strikes = [e for e in extract(pipeline, text, published=date(2015, 7, 15)) if e.sub_event_type == "Air/drone strike"]
    assert strikes and {e.admin1 for e in strikes} == {"Aleppo"}


def test_an_activist_in_the_nearby_town_speaks_from_there(pipeline):
    """"an activist in the nearby town of Aqrab said": where the speaker is, not where anything happened."""
    from extraction.placecues import REFERENCE, classify

    assert classify("an opposition media activist in the nearby town of ", " said the plant was not hit").role == REFERENCE


def test_the_same_force_going_on_with_also_says_where(pipeline):
    """"The YPG killed 17 Turkish servicemen ... The YPG members also have destroyed an armored personnel carrier of the
    Turkish army in northern Syria's Afrin": the clash placed nowhere is in Afrin, against Turkey."""
    text = ("Kurdish media reported that the People's Protection Units (YPG) killed 17 Turkish servicemen and left three "
            "others wounded.\n"
            "The YPG members also have destroyed an armored personnel carrier of the Turkish army in northern Syria's "
            "Afrin located near the border with Turkey a news agency said Thursday.\n")
    (event,) = extract(pipeline, text, published=date(2017, 4, 28))
    assert (event.location, event.fatalities, event.actor2) == ("Afrin", 17, "Military Forces of Turkey")


def test_the_province_is_the_governorate_the_sentence_named_before_it(pipeline):
    """"Local sources in Deir Ezzor said ... in the province": the sources' home is no event place, but it is the
    province the sentence speaks of (the event was lost at country level)."""
    text = ("Local sources in Deir Ezzor said on Monday that the US airstrikes had destroyed more bridges and supply routes "
            "in the province adding that 50 civilians were killed in the attacks.")
    events = extract(pipeline, text, published=date(2016, 10, 6))
    assert [(e.admin1, e.geo_precision, e.fatalities, e.event_date) for e in events] == [
        ("Deir ez-Zor", 3, 50, date(2016, 10, 3))]


@pytest.mark.parametrize(("text", "expected"), [
    # the place the violence was done to is its verb's subject, before it; the other clause's place is the other event's
    ("The town of Kafr Nabl came under heavy shelling on Sunday as rebels and government forces battled for control of Saraqib.",
     {("Shelling/artillery/missile attack", "Kafr Nobol"), ("Armed clash", "Saraqab")}),
    ("Kafr Nabl was shelled on Sunday as rebels battled in Saraqib.",
     {("Shelling/artillery/missile attack", "Kafr Nobol"), ("Armed clash", "Saraqab")}),
    # a governorate as the subject is the strike's place; a city written as such with another governorate's name is
    # that governorate's city
    ("Idlib province came under heavy bombardment on Sunday as rebels and pro-government forces battled for control of "
     "the nearby city of Aleppo.", {("Air/drone strike", "Idlib"), ("Armed clash", "Aleppo")}),
    # the subject's own places, not the governorate that contains them
    ("The villages of Masqan and Ehras in the northern countryside of Aleppo were liberated from IS on Monday.",
     {("Non-state actor overtakes territory", "Masqan"), ("Non-state actor overtakes territory", "Ahras")}),
])
def test_the_subject_that_suffered_the_violence_is_its_place(pipeline, text, expected):
    assert {(e.sub_event_type, e.location) for e in extract(pipeline, text, published=date(2016, 8, 15))} == expected


def test_a_list_item_located_near_a_place_in_an_area_is_still_one_item_of_the_list(pipeline):
    """"al-Shihan Bridge near al-Salhin neighborhood in al-Bu Kamal countryside and Tarif Bridge": what locates the
    first bridge (a place near it, the area that one lies in) does not end the list, and the first bridge, unknown
    (the tables' only Shihan is in Hasakah), is placed near its own anchor, not near the next bridge of the list."""
    text = ("According to reports the Coalitions airstrikes resulted in the destruction of al-Shihan Bridge near al-Salhin "
            "neighborhood in al-Bu Kamal countryside and Tarif Bridge in the Western countryside that extends between "
            "Deir Ezzor and Raqqa provinces.")
    events = extract(pipeline, text, published=date(2016, 10, 6))
    assert sorted((e.location, e.admin1) for e in events) == [("Abu Kamal", "Deir ez-Zor"), ("Tarif", "Deir ez-Zor")]


def test_a_place_in_the_vicinity_of_another_does_not_end_the_list(pipeline):
    """"in al-Reshdia neighborhood vicinity of al-Tharda mount and Ayash villge" (its comma stripped): the mount locates
    the neighbourhood, and Ayash (Ayyash) is the list's next place, an event of its own."""
    text = ("Units of the army and armed forces killed 15 ISIS terrorists and injured others in al-Reshdia neighborhood "
            "vicinity of al-Tharda mount and Ayash villge in the Deir Ezzor city and its countryside.")
    assert "Ayyash" in [e.location for e in extract(pipeline, text, published=date(2016, 6, 11))]


@pytest.mark.parametrize(("text", "location", "admin1"), [
    # a city's surroundings named by their side (data/surroundings.csv): the region, in its own governorate
    ("Government air strikes killed at least 10 people in rebel areas east of Damascus on Saturday.", "Eastern Ghouta",
     "Rif Dimashq"),
    ("The opposition bastion east of Damascus came under a massive government aerial assault on Thursday.",
     "Eastern Ghouta", "Rif Dimashq"),
    # a side the table does not list stays near the city
    ("Government air strikes killed at least 10 people in rebel areas north of Damascus on Saturday.", "Damascus",
     "Damascus"),
])
def test_a_city_s_surroundings_told_by_their_side_are_the_named_region(pipeline, text, location, admin1):
    events = extract(pipeline, text, published=date(2015, 2, 22))
    assert [(e.location, e.admin1) for e in events] == [(location, admin1)]


def test_a_force_named_before_doing_more_is_a_new_event_at_its_own_place(pipeline):
    """"The air force also killed at least 10 people in rebel areas east of Damascus": a new strike, at its own place
    (the Eastern Ghouta), not more of the Aleppo barrel bombing told before it."""
    text = ("On Saturday eight people were killed when a barrel bomb hit a building in an opposition-held area of Aleppo "
            "city. The air force also killed at least 10 people in rebel areas east of Damascus Saturday the Observatory said.")
    events = extract(pipeline, text, published=date(2015, 2, 22))
    assert sorted((e.location, e.fatalities) for e in events) == [("Aleppo", 8), ("Eastern Ghouta", 10)]


@pytest.mark.parametrize(("text", "location"), [
    # the city named before in the article
    ("Rebels launched an assault in Aleppo on Sunday. Rebels blew up a tunnel in the Old City on Monday killing 19 regime "
     "forces.", "Aleppo"),
    # the city whose Old City it is, its apostrophe stripped
    ("At least 38 soldiers were killed in a blast on Thursday which brought down a building in Aleppos Old City.", "Aleppo"),
])
def test_the_old_city_is_a_part_of_its_city(pipeline, text, location):
    """"a tunnel in the Old City": the city's old quarter, named as no neighbourhood of the tables is, is placed at the
    city (geo_precision 2), not dropped as placed nowhere."""
    events = [e for e in extract(pipeline, text, published=date(2016, 7, 12))
              if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert [(e.location, e.geo_precision) for e in events] == [(location, 2)]


def test_the_old_city_a_district_lies_in_is_no_place_of_its_own(pipeline):
    """"the Bab al-Nairab district of the Old City and the southern Salahin neighbourhood": the Old City contains the
    district; the list is still the district and Salahin."""
    text = ("Government air strikes killed 32 people on Friday. The attacks targeted the Bab al-Nairab district of the Old "
            "City and the southern Salahin neighbourhood.")
    events = extract(pipeline, text, published=date(2014, 8, 15))
    assert "Salheen" in [e.location for e in events]
