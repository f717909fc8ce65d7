"""Lists whose commas were stripped (FA-KES and some feeds drop every comma): "the towns of Anadan Khan
Touman Kafr Naha and Babees" is four places, one event each; where a text keeps its commas, a run of
known words ("Kafr Souseh") stays one name."""

from __future__ import annotations

from datetime import date

from gazetteer.normalise import normalise_name

from extraction.placecues import commas_stripped, split_in_list, split_known
from tests.extraction.conftest import extract

# Written for this test in the style of a comma-stripped report (no comma anywhere in it).
STRIPPED = (
    "Aleppo 14 June 2016. Russian jets bombed the towns of Anadan Khan Touman Kafr Naha and Babees in rural Aleppo "
    "on Tuesday morning. Activists said the raids hit homes and a bakery and that rescue teams were still searching "
    "the rubble in the afternoon. The opposition said the truce announced last week had not held in the north of "
    "the province and that aid convoys could not reach the besieged districts of the city."
)


def _places(events) -> set[str]:
    return {normalise_name(e.location) for e in events if e.sub_event_type == "Air/drone strike"}


def test_a_stripped_list_is_one_event_per_place(pipeline):
    assert commas_stripped(STRIPPED)
    places = _places(extract(pipeline, STRIPPED))
    assert {normalise_name(n) for n in ("Andan", "Khan tuman", "Kafr Naha", "Babis")} <= places


def test_the_same_list_with_commas(pipeline):
    text = STRIPPED.replace("Anadan Khan Touman Kafr Naha and", "Anadan, Khan Touman, Kafr Naha and")
    assert not commas_stripped(text)
    places = _places(extract(pipeline, text))
    assert {normalise_name(n) for n in ("Andan", "Khan tuman", "Kafr Naha", "Babis")} <= places


def test_a_name_of_known_words_stays_whole_where_commas_are_kept(pipeline):
    text = "A suicide bomber blew himself up in Kafr Souseh in Damascus on Thursday, killing five civilians."
    events = extract(pipeline, text)
    assert [e.location_text for e in events] == ["Kafr Souseh"]


def test_split_known_cuts_only_into_two_or_more_known_names():
    known = {"Anadan", "Khan Touman", "Kafr Naha"}.__contains__
    text = "Anadan Khan Touman Alzorba Kafr Naha"
    assert [text[s:e] for s, e in split_known(text, 0, len(text), known)] == [
        "Anadan", "Khan Touman", "Alzorba", "Kafr Naha"
    ]
    assert split_known("Rami Abdel Rahman", 0, 17, known) is None  # no known name in it: a person
    assert split_known("Anadan Gharbi", 0, 13, known) is None  # one known name: a longer name, kept whole
    whole = {"Khan Touman", "Khan", "Touman"}.__contains__
    assert split_known("Khan Touman", 0, 11, whole) is None  # known as a whole: never cut


def test_a_word_for_a_kind_of_place_is_not_a_name_of_the_list():
    known = {"Kafr", "Souseh", "Tal", "Abyad"}.__contains__
    assert split_known("Kafr Souseh Tal Abyad", 0, 21, known) is None


def test_a_run_before_a_singular_place_noun_is_one_name(pipeline):
    """"fired by terrorists who are positioned in Bani Zaid neighborhood": one neighbourhood, not the villages
    "Bani" and "Zaid" (a singular noun after or before the run names one place; a plural one lists several)."""
    text = STRIPPED.replace(
        "Activists said the raids hit homes",
        "Rocket shells hit the Serian district of Aleppo city killing two and the shells were fired by terrorists who are "
        "positioned in Bani Zaid neighborhood. Activists said the raids hit homes",
    )
    assert commas_stripped(text)
    located = {e.location_text for e in extract(pipeline, text)}
    assert "Bani" not in located and "Zaid" not in located


def test_names_after_their_article_are_names_of_a_list():
    """"the bridges in al-Mayadeen al-Bu Kamal al-Ashara": the hyphen after an article joins it to its name, it
    does not join two places ("Aleppo-Khanasser"), so each "al-X" may be a name of the list."""
    known = {"al-Mayadeen", "al-Bu Kamal", "al-Ashara"}.__contains__
    text = "al-Mayadeen al-Bu Kamal al-Ashara"
    assert [text[s:e] for s, e in split_known(text, 0, len(text), known)] == ["al-Mayadeen", "al-Bu Kamal", "al-Ashara"]


def test_an_article_written_with_a_space_after_its_hyphen_stays_with_its_name():
    """SANA's feed writes "al- Rashidin": the article still belongs to the name after it, in a run and in its cut."""
    known = {"al- Rashidin", "Alliramoun", "Bustan al-Qasr"}.__contains__
    text = "al- Rashidin Alliramoun Bustan al-Qasr"
    assert [text[s:e] for s, e in split_known(text, 0, len(text), known)] == ["al- Rashidin", "Alliramoun", "Bustan al-Qasr"]


def test_a_stripped_list_with_a_spaced_article_is_one_event_per_place(pipeline):
    text = STRIPPED.replace("the towns of Anadan Khan Touman Kafr Naha and Babees in rural Aleppo",
                            "the neighbourhoods of al- Rashidin Alliramoun Bustan al-Qasr and Qadi Askar in Aleppo city")
    located = {normalise_name(e.location) for e in extract(pipeline, text)}
    assert {normalise_name(n) for n in ("Al Rahsidin", "Alleramoon", "Qadi Askar")} <= located


def test_a_name_particle_is_never_a_name_of_the_list():
    """"Bani Zeid": "Bani" (sons of) is part of the name, never a place of its own (the tables know a village "Bani" in
    Hama and a "Zaydi" in Raqqa: cut, the Aleppo district became two places 300 km apart)."""
    known = {"Bani", "Zeid", "Abu", "Kamal"}.__contains__
    assert split_known("Bani Zeid", 0, 9, known) is None
    assert split_known("Abu Kamal", 0, 9, known) is None


def test_a_city_and_its_quarter_stay_one_name():
    """"Daraa al-Mahatta", "Daraa al-Balad": after a bare name, "al-X" is that city's quarter, not a second place."""
    known = {"Daraa", "al-Mahatta"}.__contains__
    assert split_known("Daraa al-Mahatta", 0, 16, known) is None


def test_lower_case_article_names_in_a_list_are_places(pipeline):
    """"districts struck included al-Shaar al-Sukkari al-Sakhour": names written with a lower-case article are places
    when they stand in a list with another place; one such name alone is not looked for."""
    text = ("Warplanes pounded eastern Aleppo on Tuesday. The Observatory said districts struck included al-Shaar "
            "al-Sukkari al-Sakhour and other neighbourhoods.")
    located = {e.location_text for e in extract(pipeline, text)}
    assert {"al-Shaar", "al-Sukkari", "al-Sakhour"} <= located



def test_a_governorate_right_after_a_town_is_its_governorate(pipeline):
    # "a terrorist mortar attack on al-Fouaa Idleb": the comma before the governorate was stripped
    events = extract(pipeline, "A child was injured in a terrorist mortar attack on al-Fouaa Idleb on Sunday.")
    assert [(e.location, e.admin1) for e in events] == [("Foah", "Idlib")]
    # a governorate listed after another is no container: two places
    events = extract(pipeline, "Russian jets bombed rebel positions in Hama and Idlib on Sunday.")
    assert sorted(e.admin1 for e in events) == ["Hama", "Idlib"]


def test_a_homonym_in_a_list_lies_where_the_rest_of_the_list_does(pipeline):
    # Zafarana is a village of Tartus and one of Homs: listed with Rastan, Talbiseh and Ter Maaleh, it is the Homs one
    events = extract(pipeline, "Airstrikes targeted the towns of Rastan, Talbiseh, Ter Maaleh and Zafarana on Saturday.")
    assert {e.admin1 for e in events} == {"Homs"} and len(events) == 4


def test_a_governorate_header_glued_to_the_sentence_is_not_part_of_a_place(pipeline):
    """SANA's reports open each governorate's paragraph with its name: "Deir Ezzor Units of the army ..." is the
    header and the army's units, not a place called "Deir Ezzor Units"; the army is who killed."""
    text = ("11 June 2016 The army advances in the desert. Deir Ezzor Units of the army and armed forces killed 15 ISIS "
            "terrorists and injured others in al-Reshdia neighborhood in the Deir Ezzor city during the last hours a "
            "field source told SANA reporter. The source added that an army unit destroyed a vehicle for ISIS at the "
            "southern side of the city and that the operations are still going on in the countryside of the province.")
    assert commas_stripped(text)
    clashes = [e for e in extract(pipeline, text) if e.fatalities == 15]
    assert clashes and all(e.actor1 == "Military Forces of Syria" and e.location_text != "Deir Ezzor Units" for e in clashes)


def test_a_run_that_goes_on_a_list_is_cut_into_its_one_known_name_and_the_next_word():
    """"1 in each of the districts of Marjah Alizaa and Salah Addin": Marjah and Alizaa lost their comma; the one
    unknown word is a district of the list too (placecues.split_in_list). A qualifier is part of the name."""
    known = {"Marjah", "Anadan", "Kafr Zeita"}.__contains__
    text = "the districts of Marjah Alizaa and Salah Addin"
    start = text.index("Marjah")
    assert [text[s:e] for s, e in split_in_list(text, start, start + len("Marjah Alizaa"), known)] == ["Marjah", "Alizaa"]
    assert split_known(text, start, start + len("Marjah Alizaa"), known) is None  # alone: one known name is no list
    guards = "the villages of Kafr Zeita Gharbi and Latamneh"
    start = guards.index("Kafr")
    assert split_in_list(guards, start, start + len("Kafr Zeita Gharbi"), known) is None  # a qualifier
    last = "the villages of Latamneh and Marjah Alizaa in the countryside"
    start = last.index("Marjah")
    assert split_in_list(last, start, start + len("Marjah Alizaa"), known) is None  # the list does not go on


def test_a_stripped_list_of_districts_with_an_unknown_one_is_one_event_per_district(pipeline):
    text = STRIPPED.replace(
        "The opposition said",
        "Regime air strikes killed 11 civilians in Aleppo city on Tuesday including 9 in Ansari and 1 in each of the "
        "districts of Marjah Alizaa and Salah Addin. The opposition said",
    )
    assert commas_stripped(text)
    events = [e for e in extract(pipeline, text)
              if e.location_text in ("Marjah", "Alizaa", "Salah Addin") and e.sub_event_type == "Air/drone strike"]
    assert sorted((e.location_text, e.fatalities) for e in events) == [("Alizaa", 1), ("Marjah", 1), ("Salah Addin", 1)]


def test_the_unknown_last_place_of_a_list_of_a_city_s_districts_is_an_event_in_that_city(pipeline):
    """"districts struck included al-Shaar al-Sukkari al-Sakhour and Karam al-Beik": the name after the list's "and"
    is a place of the list though no table knows it, and listed after Aleppo's own districts it is placed at Aleppo
    (geo_precision 2), its own event; one the text says lies elsewhere ("and Deir Salam in al-Houla") is not moved."""
    text = "The Observatory said districts struck included al-Shaar al-Sukkari al-Sakhour and Karam al-Beik."
    events = extract(pipeline, text, published=date(2016, 11, 16))
    assert sorted(e.location for e in events) == ["Al-Sakhour", "Aleppo", "As-Sukkari", "Sha'aar"]
    (unknown,) = [e for e in events if e.location == "Aleppo"]
    assert (unknown.geo_precision, unknown.location_text) == (2, "Karam al-Beik")
