"""Places written in a spelling the tables do not list, found through the gazetteer's folding."""

from __future__ import annotations

import pytest

from tests.extraction.conftest import extract

CASES = [
    # no cue word before the names: only the folded spelling (Thiban = Dhiban, Mzeireb = Muzayrib) finds them
    ("Islamic State fighters attacked YPG forces along the road between Thiban and Hawaji, killing 2 YPG fighters.", "Thiban", "Deir ez-Zor"),
    ("Gunmen shot and killed a former commander on the road between Yadudeh and Mzeireb towns.", "Yadudeh", "Daraa"),
]


def test_both_ends_of_a_road_are_places(pipeline):
    """Mzeireb (OCHA: Mzeireb, GeoNames: Muzayrib) is recognised beside Yadudeh, which the bigger table knows too."""
    from extraction.records import Article

    result = pipeline.extract(Article(text=CASES[1][0], article_id="t"))
    places = {span.text: span.detail for span in result.spans if span.label == "PLACE"}
    assert set(places) == {"Yadudeh", "Mzeireb"}


@pytest.mark.parametrize(("text", "written", "admin1"), CASES)
def test_other_spelling_of_a_known_town_is_a_place(pipeline, text, written, admin1):
    (event,) = extract(pipeline, text)
    assert (event.location_text, event.admin1) == (written, admin1)


def test_words_that_fold_to_a_town_are_not_places(pipeline):
    """Regression guard: "Sharia courts" folds to a village's spelling but is no place."""
    from extraction.records import Article

    text = "Coalition airstrikes hit tactical units, Sharia courts and oil fields of ISIS across Syria."
    result = pipeline.extract(Article(text=text, article_id="t"))
    assert [span.text for span in result.spans if span.label == "PLACE"] == ["Syria"]
    assert extract(pipeline, text) == ()  # strikes "across Syria" name no place ACLED would code


def test_a_plural_settlement_word_names_the_places_after_it():
    from extraction.placecues import cue_names

    text = "Coalition strikes targeted two villages Tokhar and Hoshariyeh on Tuesday, then entered the town Tuesday."
    assert [text[s:e] for s, e in cue_names(text)] == ["Tokhar", "Hoshariyeh"]


@pytest.mark.parametrize(("text", "places"), [
    # a word of an organisation's name spelled out before its acronym is no place ("Need" folds to Niddeh) ...
    ("The charity Aid to the Church in Need (ACN) said one woman was killed in Tal Tamr.", ["Tal Tamr"]),
    # ... but a town right before a force's spelled-out name is
    ("In Manbij US-backed Syrian Democratic Forces (SDF) overran a road junction.", ["Manbij"]),
])
def test_words_of_a_name_before_its_acronym_are_not_places(pipeline, text, places):
    from extraction.records import Article

    result = pipeline.extract(Article(text=text, article_id="t"))
    assert [span.text for span in result.spans if span.label == "PLACE"] == places


@pytest.mark.parametrize(("text", "place"), [
    # a region that says where the town after it lies is the town's setting
    ("The Saturday strike hit dormitories in the Euphrates valley town of Tibni in Deir Ezzor province.", "Tibni"),
    ("Regime warplanes struck the Eastern Ghouta town of Douma.", "Douma"),
])
def test_a_region_before_a_kind_of_place_is_its_setting(pipeline, text, place):
    (event,) = extract(pipeline, text)
    assert event.location_text == place


def test_a_name_after_a_plural_title_is_a_person(pipeline):
    from extraction.records import Article

    text = "Russian forces killed senior Daesh commanders Omar Al Shishani in a raid."
    result = pipeline.extract(Article(text=text, article_id="t"))
    assert "Omar" not in [span.text for span in result.spans if span.label == "PLACE"]


@pytest.mark.parametrize("text", [
    # a month before a day is a date ("Jan" folds to the village Jana, "Jul" to Jole)
    "Last updated at Jan 202015 Beirut Syrian government air strikes on Tuesday killed at least 39 people.",
    "Last updated at Jul 172015 Barrel bombs dropped from Syrian government helicopters on Thursday killed 11 civilians.",
])
def test_a_month_before_a_day_is_no_place(pipeline, text):
    from extraction.records import Article

    result = pipeline.extract(Article(text=text, article_id="t"))
    assert [span.text for span in result.spans if span.label == "PLACE"] == []


def test_a_headline_word_that_folds_to_a_village_is_no_place(pipeline):
    """Title Case makes every word capitalised: a loose spelling between two capitalised non-places is no name
    ("Media" folds to the village Meidaa), in text whose commas were stripped too."""
    from extraction.records import Article

    text = ("US-Led Coalition Bombs School in Raqqa Mainstream Media Diverts Attention Syria Confirms Airstrike.\n"
            "Russian jets bombed the towns of Anadan Khan Touman Kafr Naha and Babees in rural Aleppo killing 5 civilians.\n"
            "The Syrian Observatory for Human Rights said the strikes hit residential areas and a market in the towns and that "
            "rescue workers were still searching the rubble for survivors on Monday evening.\n")  # 400 characters, no comma
    result = pipeline.extract(Article(text=text, article_id="t"))
    places = [span.text for span in result.spans if span.label == "PLACE"]
    assert "Media" not in places
    assert "Babees" in places


def test_the_parts_of_a_city_lie_in_it(pipeline):
    """"the Aleppo neighborhoods of ... Bani Zeid": a city's neighbourhoods are in its governorate, however a loose
    spelling reads (Bani Zeid folds to Zaydi in Ar-Raqqa, Baidin to a village in Hama)."""
    text = ("The Assad regimes air force hit residential areas in the Aleppo neighborhoods of Tariq al-Bab Bustan al-Qasr "
            "Salahaddin al-Mashhad al-Amiriyah Baidin al-Jandoul and Bani Zeid on Friday.\n"
            "The Syrian Observatory for Human Rights said the strikes hit residential areas and a market in the city and "
            "that rescue workers were still searching the rubble for survivors on Friday evening.\n")  # no comma: a stripped text
    events = extract(pipeline, text)
    assert events and {e.admin1 for e in events} == {"Aleppo"}
